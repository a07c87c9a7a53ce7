/* atlas-viewport-box.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_VIEWPORT_BOX (atlas_viewport_box_get_type ())

G_DECLARE_FINAL_TYPE (AtlasViewportBox, atlas_viewport_box, ATLAS, VIEWPORT_BOX, GtkWidget)

GtkWidget *atlas_viewport_box_new (void);

G_END_DECLS
