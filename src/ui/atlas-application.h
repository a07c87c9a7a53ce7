/* atlas-application.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "atlas-context.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_APPLICATION (atlas_application_get_type ())

G_DECLARE_FINAL_TYPE (AtlasApplication, atlas_application, ATLAS, APPLICATION, AdwApplication)

AtlasApplication *atlas_application_new (const char        *application_id,
                                         GApplicationFlags  flags);
/* The services shared by the windows; NULL before startup. */
AtlasContext     *atlas_application_get_context (AtlasApplication *self);
gboolean          atlas_application_gl_is_software (const char *gl_renderer);

G_END_DECLS
