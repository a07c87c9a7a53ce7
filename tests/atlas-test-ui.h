/* atlas-test-ui.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the widget tests share. */

/* Common set-up for a widget test binary: C.UTF-8, GSettings in memory,
 * GTK's cairo renderer (unless GSK_RENDERER says otherwise), GTK's test
 * set-up, libadwaita and the core. */
void     atlas_test_init_ui            (int          *argc,
                                        char       ***argv);

/* The template child @name of @widget, of the class @type; fails the test
 * when there is none. */
gpointer atlas_test_get_child (gpointer    widget,
                                        GType       type,
                                        const char *name);

/* Adds the app's style sheet to the default display, once, as
 * AdwApplication does for the app. */
void     atlas_test_load_style         (void);

/* Lets @widget's window lay out and draw @n frames. */
void     atlas_test_wait_frames        (GtkWidget  *widget,
                                        guint       n);

/* The render node of @widget as drawn now (transfer full). */
GskRenderNode *atlas_test_render_widget  (GtkWidget         *widget);

/* Appends to @nodes every node of the type @type in @node's tree, in
 * drawing order (the tree's own references). */
void           atlas_test_collect_nodes  (GskRenderNode     *node,
                                          GskRenderNodeType  type,
                                          GPtrArray         *nodes);

G_END_DECLS
