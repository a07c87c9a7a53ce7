/* atlas-test-ui.c
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "atlas-core.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"

void
atlas_test_init_ui (int    *argc,
                    char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  atlas_core_init ();
}

gpointer
atlas_test_get_child (gpointer    widget,
                               GType       type,
                               const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

void
atlas_test_load_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

static gboolean
count_frames_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  guint *n_frames = user_data;

  (*n_frames)++;
  return G_SOURCE_CONTINUE;
}

void
atlas_test_wait_frames (GtkWidget *widget,
                        guint      n)
{
  guint n_frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frames_cb, &n_frames, NULL);

  gtk_widget_queue_draw (widget);
  ATLAS_TEST_WAIT_UNTIL (n_frames >= n, 20);
  gtk_widget_remove_tick_callback (widget, id);
}

GskRenderNode *
atlas_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));

  return gtk_snapshot_free_to_node (snapshot);
}

void
atlas_test_collect_nodes (GskRenderNode     *node,
                          GskRenderNodeType  type,
                          GPtrArray         *nodes)
{
  if (node == NULL)
    return;

  if (gsk_render_node_get_node_type (node) == type)
    g_ptr_array_add (nodes, node);

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        atlas_test_collect_nodes (gsk_container_node_get_child (node, i), type, nodes);
      break;
    case GSK_TRANSFORM_NODE:
      atlas_test_collect_nodes (gsk_transform_node_get_child (node), type, nodes);
      break;
    case GSK_CLIP_NODE:
      atlas_test_collect_nodes (gsk_clip_node_get_child (node), type, nodes);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      atlas_test_collect_nodes (gsk_rounded_clip_node_get_child (node), type, nodes);
      break;
    case GSK_OPACITY_NODE:
      atlas_test_collect_nodes (gsk_opacity_node_get_child (node), type, nodes);
      break;
    case GSK_COLOR_MATRIX_NODE:
      atlas_test_collect_nodes (gsk_color_matrix_node_get_child (node), type, nodes);
      break;
    case GSK_SHADOW_NODE:
      atlas_test_collect_nodes (gsk_shadow_node_get_child (node), type, nodes);
      break;
    case GSK_DEBUG_NODE:
      atlas_test_collect_nodes (gsk_debug_node_get_child (node), type, nodes);
      break;
    case GSK_REPEAT_NODE:
      atlas_test_collect_nodes (gsk_repeat_node_get_child (node), type, nodes);
      break;
    case GSK_BLEND_NODE:
      atlas_test_collect_nodes (gsk_blend_node_get_bottom_child (node), type, nodes);
      atlas_test_collect_nodes (gsk_blend_node_get_top_child (node), type, nodes);
      break;
    case GSK_CROSS_FADE_NODE:
      atlas_test_collect_nodes (gsk_cross_fade_node_get_start_child (node), type, nodes);
      atlas_test_collect_nodes (gsk_cross_fade_node_get_end_child (node), type, nodes);
      break;
    default:
      break;
    }
}
