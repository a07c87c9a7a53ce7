/* atlas-preferences-window.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "atlas-context.h"

G_BEGIN_DECLS

/* Preferences: the feeds (add, with a check that the address answers with a
 * feed; remove; sync now), the basemap, and syncing at start.  Reads and
 * writes the settings of the context. */

#define ATLAS_TYPE_PREFERENCES_WINDOW (atlas_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasPreferencesWindow, atlas_preferences_window,
                      ATLAS, PREFERENCES_WINDOW, AdwPreferencesWindow)

AtlasPreferencesWindow *atlas_preferences_window_new         (GtkWindow              *transient_for,
                                                              AtlasContext           *context);
AtlasContext           *atlas_preferences_window_get_context (AtlasPreferencesWindow *self);

G_END_DECLS
