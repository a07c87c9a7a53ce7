/* atlas-window.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "atlas-context.h"

G_BEGIN_DECLS

/* The main window: a header bar over filter sidebar | map | detail view.
 * The three panes are empty slots; the parts of the app that fill them call
 * the setters below.  The window shows the context's sync and load state
 * (tooltip, progress, toasts) and saves its size and panes in the context's
 * settings. */

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

AtlasWindow  *atlas_window_new          (GtkApplication *application,
                                         AtlasContext   *context);
AtlasContext *atlas_window_get_context  (AtlasWindow    *self);

GtkWidget    *atlas_window_get_sidebar  (AtlasWindow    *self);
void          atlas_window_set_sidebar  (AtlasWindow    *self,
                                         GtkWidget      *child);
void          atlas_window_set_map      (AtlasWindow    *self,
                                         GtkWidget      *child);
void          atlas_window_set_detail   (AtlasWindow    *self,
                                         GtkWidget      *child);

/* Shows the filter sidebar or the detail view (as an overlay when the
 * window is too narrow to show it beside the map). */
void          atlas_window_reveal_sidebar (AtlasWindow  *self,
                                           gboolean      reveal);
void          atlas_window_reveal_detail  (AtlasWindow  *self,
                                           gboolean      reveal);

/* Takes ownership of @toast. */
void          atlas_window_add_toast    (AtlasWindow    *self,
                                         AdwToast       *toast);

G_END_DECLS
