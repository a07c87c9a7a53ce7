/* test-window.c
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

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <adwaita.h>
#include <epoxy/gl.h>
#include <string.h>

#include "atlas-application.h"
#include "atlas-core.h"
#include "atlas-preferences-window.h"
#include "atlas-test-server.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"
#include "atlas-ui-format.h"
#include "atlas-facet-row.h"
#include "atlas-filter-sidebar.h"
#include "atlas-initiative-layer.h"
#include "atlas-map-view.h"
#include "atlas-result-row.h"
#include "atlas-results-pane.h"
#include "atlas-window.h"

/* Widget tests of the window and Preferences, under Xvfb: real windows, a
 * real settings object (memory backend), a real HTTP server on loopback for
 * the feed check. */

#define PORTAL_DOCUMENT \
  "{\"format\":\"digital-cooperation-feed\",\"version\":1," \
  "\"generated_at\":\"2026-11-26T00:00:00Z\",\"complete\":true,\"next\":null," \
  "\"organizations\":[],\"initiatives\":[]}"

typedef struct
{
  GSettingsBackend *backend;
  GSettings        *settings;
  char             *dir;
  char             *database_path;
  AtlasContext     *context;
} Fixture;

#define WAIT_UNTIL(cond) ATLAS_TEST_WAIT_UNTIL (cond, 20)
#define get_child atlas_test_get_child

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->backend = g_memory_settings_backend_new ();
  fixture->settings = g_settings_new_with_backend (APP_ID, fixture->backend);
  fixture->dir = atlas_test_make_temp_dir ();
  fixture->database_path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
  fixture->context = atlas_context_new (fixture->settings, fixture->database_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->backend);
  g_clear_pointer (&fixture->database_path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_run_for (100);
}

static AtlasWindow *
show_window (Fixture *fixture)
{
  AtlasWindow *window = atlas_window_new (NULL, fixture->context);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

/* The window builds with a context on a temporary cache, and shows its
 * header bar controls and the three empty panes. */
static void
test_window_builds (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char *controls[] = {
    "search_entry", "sync_button", "menu_button", "sidebar_button", "detail_button",
  };
  AtlasWindow *window = show_window (fixture);
  g_autofree char *placeholder = NULL;
  GtkMenuButton *menu_button;

  g_assert_true (atlas_window_get_context (window) == fixture->context);

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkWidget *control = get_child (window, ATLAS_TYPE_WINDOW, controls[i]);

      g_test_message ("control %s", controls[i]);
      g_assert_true (gtk_widget_get_mapped (control));
      g_assert_true (gtk_widget_get_visible (control));
    }

  /* Icon-only buttons carry tooltips (their accessible names are checked
   * through the accessibility tree by test-a11y.py). */
  g_assert_nonnull (gtk_widget_get_tooltip_text (get_child (window, ATLAS_TYPE_WINDOW, "sidebar_button")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (get_child (window, ATLAS_TYPE_WINDOW, "detail_button")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (get_child (window, ATLAS_TYPE_WINDOW, "menu_button")));
  g_object_get (get_child (window, ATLAS_TYPE_WINDOW, "search_entry"),
                "placeholder-text", &placeholder,
                NULL);
  g_assert_cmpstr (placeholder, ==, "Search initiatives");

  menu_button = get_child (window, ATLAS_TYPE_WINDOW, "menu_button");
  g_assert_true (gtk_menu_button_get_primary (menu_button));
  g_assert_nonnull (gtk_menu_button_get_menu_model (menu_button));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (menu_button)), ==, 1);

  /* The window puts its parts in the slots (the side panes after its first
   * frame); a slot takes another widget. */
  WAIT_UNTIL (adw_bin_get_child (get_child (window, ATLAS_TYPE_WINDOW, "sidebar_bin")) != NULL &&
              adw_bin_get_child (get_child (window, ATLAS_TYPE_WINDOW, "detail_bin")) != NULL);
  g_assert_true (ATLAS_IS_FILTER_SIDEBAR (adw_bin_get_child (get_child (window, ATLAS_TYPE_WINDOW,
                                                                         "sidebar_bin"))));
  g_assert_true (ATLAS_IS_MAP_VIEW (adw_bin_get_child (get_child (window, ATLAS_TYPE_WINDOW,
                                                                  "map_bin"))));
  g_assert_true (ATLAS_IS_RESULTS_PANE (adw_bin_get_child (get_child (window, ATLAS_TYPE_WINDOW,
                                                                      "detail_bin"))));
  {
    AdwBin *slots[] = {
      get_child (window, ATLAS_TYPE_WINDOW, "sidebar_bin"),
      get_child (window, ATLAS_TYPE_WINDOW, "map_bin"),
      get_child (window, ATLAS_TYPE_WINDOW, "detail_bin"),
    };
    GtkWidget *labels[3];

    for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
      labels[i] = gtk_label_new ("pane");

    atlas_window_set_sidebar (window, labels[0]);
    atlas_window_set_map (window, labels[1]);
    atlas_window_set_detail (window, labels[2]);

    for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
      g_assert_true (adw_bin_get_child (slots[i]) == labels[i]);
  }

  /* Syncing needs a loaded cache (this one was never loaded). */
  g_assert_cmpint (atlas_context_get_state (fixture->context), !=, ATLAS_CONTEXT_STATE_READY);
  g_assert_false (gtk_widget_get_sensitive (get_child (window, ATLAS_TYPE_WINDOW, "sync_button")));

  destroy_window (window);
}

typedef struct
{
  AtlasWindow *window;
  guint        n_frames;
  gboolean     had_sidebar;
  gboolean     had_results;
  gboolean     had_map;
  int          sidebar_width;
  int          results_width;
  int          map_width;
  int          map_x;
} FirstFrame;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *first)
{
  GtkWidget *sidebar_bin = get_child (first->window, ATLAS_TYPE_WINDOW, "sidebar_bin");
  GtkWidget *detail_bin = get_child (first->window, ATLAS_TYPE_WINDOW, "detail_bin");
  GtkWidget *map_bin = get_child (first->window, ATLAS_TYPE_WINDOW, "map_bin");
  graphene_point_t origin;

  if (first->n_frames++ > 0)
    return;

  first->had_sidebar = adw_bin_get_child (ADW_BIN (sidebar_bin)) != NULL;
  first->had_results = adw_bin_get_child (ADW_BIN (detail_bin)) != NULL;
  first->had_map = ATLAS_IS_MAP_VIEW (adw_bin_get_child (ADW_BIN (map_bin)));
  first->sidebar_width = gtk_widget_get_width (sidebar_bin);
  first->results_width = gtk_widget_get_width (detail_bin);
  first->map_width = gtk_widget_get_width (map_bin);
  g_assert_true (gtk_widget_compute_point (map_bin, GTK_WIDGET (first->window),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  first->map_x = (int) origin.x;
}

static void
on_window_realize_cb (GtkWidget  *window,
                      FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), first);
}

/* The first frame shows the map; the filter sidebar and the results come
 * just after it, in panes that kept their widths for them: the map does
 * not move when they come. */
static void
test_window_panes_after_first_frame (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  AtlasWindow *window = atlas_window_new (NULL, fixture->context);
  GtkWidget *sidebar_bin = get_child (window, ATLAS_TYPE_WINDOW, "sidebar_bin");
  GtkWidget *detail_bin = get_child (window, ATLAS_TYPE_WINDOW, "detail_bin");
  GtkWidget *map_bin = get_child (window, ATLAS_TYPE_WINDOW, "map_bin");
  FirstFrame first = { .window = window };
  graphene_point_t origin;

  g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize_cb), &first);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (first.n_frames > 0);

  g_assert_true (first.had_map);
  g_assert_false (first.had_sidebar);
  g_assert_false (first.had_results);
  g_assert_cmpint (first.sidebar_width, >=, 280);
  g_assert_cmpint (first.results_width, >=, 340);
  g_assert_cmpint (first.map_width, >, 0);

  WAIT_UNTIL (adw_bin_get_child (ADW_BIN (sidebar_bin)) != NULL &&
              adw_bin_get_child (ADW_BIN (detail_bin)) != NULL);
  g_assert_true (ATLAS_IS_FILTER_SIDEBAR (adw_bin_get_child (ADW_BIN (sidebar_bin))));
  g_assert_true (ATLAS_IS_RESULTS_PANE (adw_bin_get_child (ADW_BIN (detail_bin))));
  atlas_test_wait_frames (GTK_WIDGET (window), 2);

  g_test_message ("first frame: sidebar %d px, map %d px at %d, results %d px; "
                  "then sidebar %d px, map %d px, results %d px",
                  first.sidebar_width, first.map_width, first.map_x, first.results_width,
                  gtk_widget_get_width (sidebar_bin), gtk_widget_get_width (map_bin),
                  gtk_widget_get_width (detail_bin));
  g_assert_cmpint (gtk_widget_get_width (sidebar_bin), ==, first.sidebar_width);
  g_assert_cmpint (gtk_widget_get_width (detail_bin), ==, first.results_width);
  g_assert_cmpint (gtk_widget_get_width (map_bin), ==, first.map_width);
  g_assert_true (gtk_widget_compute_point (map_bin, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_cmpint ((int) origin.x, ==, first.map_x);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (window)), &first);
  destroy_window (window);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *widgets)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (widgets, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, widgets);
}

static GPtrArray *
find_widgets (gpointer root,
              GType    type)
{
  GPtrArray *widgets = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), type, widgets);
  return widgets;
}

/* The colour node of no opacity that a widget appends first, to say that
 * all it covers changed (AtlasDamageHint); NULL when there is none. */
static GskRenderNode *
get_damage_hint (GskRenderNode *node)
{
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();

  atlas_test_collect_nodes (node, GSK_COLOR_NODE, colors);
  for (guint i = 0; i < colors->len; i++)
    {
      GskRenderNode *color = g_ptr_array_index (colors, i);

      if (gsk_color_node_get_color (color)->alpha == 0)
        return color;
    }

  return NULL;
}

static gboolean
same_hint_color (GskRenderNode *a,
                 GskRenderNode *b)
{
  return gdk_rgba_equal (gsk_color_node_get_color (a), gsk_color_node_get_color (b));
}

/* Clicks at 1280 x 800 and snapshots of what they change. */
typedef struct
{
  GskRenderNode *window;
  GskRenderNode *layer;
  GskRenderNode *pane;
  GskRenderNode *row;
} Hints;

static void
hints_clear (Hints *hints)
{
  g_clear_pointer (&hints->window, gsk_render_node_unref);
  g_clear_pointer (&hints->layer, gsk_render_node_unref);
  g_clear_pointer (&hints->pane, gsk_render_node_unref);
  g_clear_pointer (&hints->row, gsk_render_node_unref);
}

static void
render_hints (AtlasWindow   *window,
              AtlasFacetRow *row,
              Hints         *hints)
{
  g_autoptr(GPtrArray) layers = find_widgets (window, ATLAS_TYPE_INITIATIVE_LAYER);
  g_autoptr(GPtrArray) panes = find_widgets (window, ATLAS_TYPE_RESULTS_PANE);

  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpuint (panes->len, ==, 1);
  hints_clear (hints);
  hints->window = atlas_test_render_widget (GTK_WIDGET (window));
  hints->layer = atlas_test_render_widget (g_ptr_array_index (layers, 0));
  hints->pane = atlas_test_render_widget (g_ptr_array_index (panes, 0));
  hints->row = atlas_test_render_widget (GTK_WIDGET (row));
}

/* A filter click redraws what it changes and not the whole window: the
 * sidebar's counts, the map, the results and the window (for the map and
 * the results together) each say they changed as one rectangle (GTK 4.8
 * redraws the whole window past 30), and what they draw
 * takes no slow path of GTK 4.8's cairo renderer (a surface of its own for
 * an opacity, a gradient mesh for a border of several colours, a blur). */
static void
test_window_cheap_to_redraw (Fixture       *fixture,
                             gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  g_autoptr(GPtrArray) borders = g_ptr_array_new ();
  g_autoptr(GPtrArray) shadows = g_ptr_array_new ();
  g_autoptr(GPtrArray) map_views = NULL;
  g_autoptr(GPtrArray) result_rows = NULL;
  g_autoptr(GPtrArray) facet_rows = NULL;
  g_autoptr(GskRenderNode) map_node = NULL;
  AtlasFacetRow *row = NULL;
  GskRenderNode *before_layer, *before_pane, *before_row;
  Hints before = { NULL }, after = { NULL }, again = { NULL };
  graphene_rect_t count, list_row;
  gboolean loaded = FALSE;
  AtlasWindow *window;
  GtkWidget *count_label;

  atlas_context_load_async (fixture->context, NULL, atlas_test_context_loaded_cb, &loaded);
  WAIT_UNTIL (loaded);
  window = atlas_window_new (NULL, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (ATLAS_IS_FILTER_SIDEBAR (adw_bin_get_child (ADW_BIN (get_child (window, ATLAS_TYPE_WINDOW, "sidebar_bin")))) &&
              ATLAS_IS_RESULTS_PANE (adw_bin_get_child (ADW_BIN (get_child (window, ATLAS_TYPE_WINDOW, "detail_bin")))));
  atlas_test_wait_frames (GTK_WIDGET (window), 3);

  /* A row at the top of the sidebar, whose count the click changes. */
  facet_rows = find_widgets (window, ATLAS_TYPE_FACET_ROW);
  g_assert_cmpuint (facet_rows->len, >, 10);
  row = g_ptr_array_index (facet_rows, 0);
  g_assert_cmpint (atlas_facet_value_get_facet (atlas_facet_row_get_value (row)), ==,
                   ATLAS_FACET_GDC);
  render_hints (window, row, &before);

  atlas_query_toggle_value (query, ATLAS_FACET_SDG, "4");
  atlas_test_wait_frames (GTK_WIDGET (window), 3);
  render_hints (window, row, &after);

  /* Each hint covers what it says, and changed with the click. */
  before_layer = get_damage_hint (before.layer);
  before_pane = get_damage_hint (before.pane);
  before_row = get_damage_hint (before.row);
  g_assert_nonnull (before_layer);
  g_assert_nonnull (before_pane);
  g_assert_nonnull (before_row);
  g_assert_nonnull (get_damage_hint (before.window));
  g_assert_false (same_hint_color (get_damage_hint (before.window), get_damage_hint (after.window)));
  g_assert_false (same_hint_color (before_layer, get_damage_hint (after.layer)));
  g_assert_false (same_hint_color (before_pane, get_damage_hint (after.pane)));
  g_assert_false (same_hint_color (before_row, get_damage_hint (after.row)));

  {
    g_autoptr(GPtrArray) layers = find_widgets (window, ATLAS_TYPE_INITIATIVE_LAYER);
    g_autoptr(GPtrArray) panes = find_widgets (window, ATLAS_TYPE_RESULTS_PANE);
    GtkWidget *layer = g_ptr_array_index (layers, 0);
    GtkWidget *pane = g_ptr_array_index (panes, 0);
    graphene_rect_t bounds;

    graphene_rect_t map_area, pane_area;

    /* The window's: the map, the results and the separator between. */
    g_assert_true (gtk_widget_compute_bounds (get_child (window, ATLAS_TYPE_WINDOW, "map_bin"),
                                              GTK_WIDGET (window), &map_area));
    g_assert_true (gtk_widget_compute_bounds (get_child (window, ATLAS_TYPE_WINDOW, "detail_bin"),
                                              GTK_WIDGET (window), &pane_area));
    graphene_rect_union (&map_area, &pane_area, &map_area);
    gsk_render_node_get_bounds (get_damage_hint (after.window), &bounds);
    g_assert_true (graphene_rect_equal (&bounds, &map_area));

    gsk_render_node_get_bounds (get_damage_hint (after.layer), &bounds);
    g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (layer),
                                                                      gtk_widget_get_height (layer))));
    gsk_render_node_get_bounds (get_damage_hint (after.pane), &bounds);
    g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (pane),
                                                                      gtk_widget_get_height (pane))));
  }
  count_label = get_child (row, ATLAS_TYPE_FACET_ROW, "count_label");
  g_assert_true (gtk_widget_compute_bounds (count_label, GTK_WIDGET (row), &count));
  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (row))),
                                            GTK_WIDGET (row), &list_row));
  {
    graphene_rect_t hint_bounds;
    const graphene_rect_t *hint = &hint_bounds;

    gsk_render_node_get_bounds (get_damage_hint (after.row), &hint_bounds);

    g_test_message ("count at x %g, %g wide; hint x %g, %g wide, %g high (list row %g)",
                    count.origin.x, count.size.width, hint->origin.x, hint->size.width,
                    hint->size.height, list_row.size.height);
    g_assert_cmpfloat_with_epsilon (hint->origin.x, count.origin.x, 0.01);
    g_assert_cmpfloat_with_epsilon (hint->origin.x + hint->size.width,
                                    list_row.origin.x + list_row.size.width, 0.01);
    g_assert_cmpfloat_with_epsilon (hint->origin.y, list_row.origin.y, 0.01);
    g_assert_cmpfloat_with_epsilon (hint->size.height, list_row.size.height, 0.01);
  }

  /* Drawn again with nothing changed, nothing says it changed. */
  gtk_widget_queue_draw (GTK_WIDGET (row));
  {
    g_autoptr(GPtrArray) layers = find_widgets (window, ATLAS_TYPE_INITIATIVE_LAYER);
    g_autoptr(GPtrArray) panes = find_widgets (window, ATLAS_TYPE_RESULTS_PANE);

    gtk_widget_queue_draw (g_ptr_array_index (layers, 0));
    gtk_widget_queue_draw (g_ptr_array_index (panes, 0));
    gtk_widget_queue_draw (GTK_WIDGET (window));
  }
  atlas_test_wait_frames (GTK_WIDGET (window), 2);
  render_hints (window, row, &again);
  g_assert_true (same_hint_color (get_damage_hint (after.window), get_damage_hint (again.window)));
  g_assert_true (same_hint_color (get_damage_hint (after.layer), get_damage_hint (again.layer)));
  g_assert_true (same_hint_color (get_damage_hint (after.pane), get_damage_hint (again.pane)));
  g_assert_true (same_hint_color (get_damage_hint (after.row), get_damage_hint (again.row)));

  /* Every count stands in one column: the rows' hints join. */
  g_clear_pointer (&facet_rows, g_ptr_array_unref);
  facet_rows = find_widgets (window, ATLAS_TYPE_FACET_ROW);
  g_assert_cmpuint (facet_rows->len, >, 10);
  for (guint i = 0; i < facet_rows->len; i++)
    {
      GtkWidget *other = g_ptr_array_index (facet_rows, i);
      GtkWidget *other_count = get_child (other, ATLAS_TYPE_FACET_ROW, "count_label");
      graphene_rect_t in_window, first_in_window;

      g_assert_true (gtk_widget_compute_bounds (other_count, GTK_WIDGET (window), &in_window));
      g_assert_true (gtk_widget_compute_bounds (count_label, GTK_WIDGET (window), &first_in_window));
      g_assert_cmpfloat_with_epsilon (in_window.size.width, first_in_window.size.width, 0.01);
    }

  /* Over the map: no blur, no border of several colours. */
  map_views = find_widgets (window, ATLAS_TYPE_MAP_VIEW);
  g_assert_cmpuint (map_views->len, ==, 1);
  map_node = atlas_test_render_widget (g_ptr_array_index (map_views, 0));
  atlas_test_collect_nodes (map_node, GSK_BORDER_NODE, borders);
  g_assert_cmpuint (borders->len, >, 0);
  for (guint i = 0; i < borders->len; i++)
    {
      const GdkRGBA *colors = gsk_border_node_get_colors (g_ptr_array_index (borders, i));

      for (guint side = 1; side < 4; side++)
        g_assert_true (gdk_rgba_equal (&colors[0], &colors[side]));
    }
  atlas_test_collect_nodes (map_node, GSK_OUTSET_SHADOW_NODE, shadows);
  g_assert_cmpuint (shadows->len, >, 0);
  for (guint i = 0; i < shadows->len; i++)
    g_assert_cmpfloat (gsk_outset_shadow_node_get_blur_radius (g_ptr_array_index (shadows, i)), <=, 1);

  /* The rows dim their text by its colour, not by an opacity. */
  result_rows = find_widgets (window, ATLAS_TYPE_RESULT_ROW);
  g_assert_cmpuint (result_rows->len, >, 3);
  g_ptr_array_extend (result_rows, facet_rows, NULL, NULL);
  for (guint i = 0; i < result_rows->len; i++)
    {
      g_autoptr(GskRenderNode) node = atlas_test_render_widget (g_ptr_array_index (result_rows, i));
      g_autoptr(GPtrArray) opacities = g_ptr_array_new ();

      atlas_test_collect_nodes (node, GSK_OPACITY_NODE, opacities);
      g_assert_cmpuint (opacities->len, ==, 0);
    }

  hints_clear (&before);
  hints_clear (&after);
  hints_clear (&again);
  destroy_window (window);
}

/* The window actions show and hide the panes; the toggle buttons follow. */
static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  user_data)
{
  AtlasWindow *window = show_window (fixture);
  AdwFlap *outer = get_child (window, ATLAS_TYPE_WINDOW, "outer_flap");
  AdwFlap *inner = get_child (window, ATLAS_TYPE_WINDOW, "inner_flap");
  GtkToggleButton *sidebar_button = get_child (window, ATLAS_TYPE_WINDOW, "sidebar_button");
  GtkToggleButton *detail_button = get_child (window, ATLAS_TYPE_WINDOW, "detail_button");
  GtkWidget *search_entry = get_child (window, ATLAS_TYPE_WINDOW, "search_entry");

  g_assert_true (adw_flap_get_reveal_flap (outer));
  g_assert_true (adw_flap_get_reveal_flap (inner));
  g_assert_true (gtk_toggle_button_get_active (sidebar_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_false (adw_flap_get_reveal_flap (outer));
  g_assert_false (gtk_toggle_button_get_active (sidebar_button));
  g_assert_true (adw_flap_get_reveal_flap (inner));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-detail", NULL));
  g_assert_false (adw_flap_get_reveal_flap (inner));
  g_assert_false (gtk_toggle_button_get_active (detail_button));

  /* The buttons drive the panes too. */
  gtk_toggle_button_set_active (sidebar_button, TRUE);
  g_assert_true (adw_flap_get_reveal_flap (outer));
  gtk_toggle_button_set_active (detail_button, TRUE);
  g_assert_true (adw_flap_get_reveal_flap (inner));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL));
  WAIT_UNTIL (gtk_widget_has_focus (search_entry) || gtk_widget_is_focus (search_entry) ||
              gtk_widget_get_focus_child (search_entry) != NULL);

  destroy_window (window);
}

static void
count_change_cb (guint *n_changes)
{
  (*n_changes)++;
}

/* Typing in the search field sets the query's text, and a query changed
 * elsewhere shows in the field. */
static void
test_window_search (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AtlasWindow *window = show_window (fixture);
  GtkEditable *entry = get_child (window, ATLAS_TYPE_WINDOW, "search_entry");
  AtlasQuery *query = atlas_context_get_query (fixture->context);

  g_assert_nonnull (query);

  gtk_editable_set_text (entry, "health");
  WAIT_UNTIL (g_strcmp0 (atlas_query_get_text (query), "health") == 0);

  atlas_query_set_text (query, "education");
  WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (entry), "education") == 0);

  /* Typing over the whole text empties the field for a moment: the query
   * goes from the old text to the new one, never through no text. */
  {
    guint n_changes = 0;
    gulong id = g_signal_connect_swapped (query, "changed", G_CALLBACK (count_change_cb),
                                          &n_changes);
    int position = 0;

    gtk_editable_delete_text (entry, 0, -1);
    gtk_editable_insert_text (entry, "water", -1, &position);
    WAIT_UNTIL (g_strcmp0 (atlas_query_get_text (query), "water") == 0);
    atlas_test_run_for (50);
    g_assert_cmpuint (n_changes, ==, 1);

    /* A character typed at the end. */
    position = 5;
    gtk_editable_insert_text (entry, "s", -1, &position);
    WAIT_UNTIL (g_strcmp0 (atlas_query_get_text (query), "waters") == 0);
    atlas_test_run_for (50);
    g_assert_cmpuint (n_changes, ==, 2);

    g_signal_handler_disconnect (query, id);
  }

  destroy_window (window);
}

/* Narrow, both panes fold into overlays and start hidden; the actions show
 * them over the map; the window fits 360 px. */
static void
test_window_adaptive (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *layout = NULL;
  AtlasWindow *window;
  AdwFlap *outer;
  AdwFlap *inner;
  int minimum = 0;

  /* GNOME's own title bar layout (a bare X server adds two buttons). */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  g_settings_set_int (fixture->settings, "window-width", 360);
  g_settings_set_int (fixture->settings, "window-height", 720);

  window = show_window (fixture);
  outer = get_child (window, ATLAS_TYPE_WINDOW, "outer_flap");
  inner = get_child (window, ATLAS_TYPE_WINDOW, "inner_flap");

  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("content minimum %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  WAIT_UNTIL (adw_flap_get_folded (outer) && adw_flap_get_folded (inner));
  g_test_message ("window %d, content %d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))));
  g_assert_cmpint (gtk_widget_get_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))), ==, 360);
  g_assert_false (adw_flap_get_reveal_flap (outer));
  g_assert_false (adw_flap_get_reveal_flap (inner));
  g_assert_true (adw_flap_get_modal (outer));
  g_assert_true (adw_flap_get_modal (inner));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_true (adw_flap_get_reveal_flap (outer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_false (adw_flap_get_reveal_flap (outer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-detail", NULL));
  g_assert_true (adw_flap_get_reveal_flap (inner));

  /* Folding did not count as the user hiding the panes. */
  gtk_window_close (GTK_WINDOW (window));
  atlas_test_run_for (100);
  g_assert_true (g_settings_get_boolean (fixture->settings, "sidebar-visible"));
  g_assert_true (g_settings_get_boolean (fixture->settings, "detail-visible"));

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", layout, NULL);
}

/* The size and the panes are restored from the settings and saved back on
 * close. */
static void
test_window_state (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AtlasWindow *window;
  AdwFlap *outer;
  AdwFlap *inner;
  int width = 0;
  int height = 0;

  g_settings_set_int (fixture->settings, "window-width", 1000);
  g_settings_set_int (fixture->settings, "window-height", 700);
  g_settings_set_boolean (fixture->settings, "sidebar-visible", FALSE);
  g_settings_set_boolean (fixture->settings, "detail-visible", TRUE);

  window = show_window (fixture);
  outer = get_child (window, ATLAS_TYPE_WINDOW, "outer_flap");
  inner = get_child (window, ATLAS_TYPE_WINDOW, "inner_flap");

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  g_assert_false (adw_flap_get_reveal_flap (outer));
  g_assert_true (adw_flap_get_reveal_flap (inner));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-detail", NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);

  gtk_window_close (GTK_WINDOW (window));
  atlas_test_run_for (100);

  g_assert_true (g_settings_get_boolean (fixture->settings, "sidebar-visible"));
  g_assert_false (g_settings_get_boolean (fixture->settings, "detail-visible"));
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 760);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));

  /* And a new window starts as the last one was left. */
  window = show_window (fixture);
  g_assert_true (adw_flap_get_reveal_flap (get_child (window, ATLAS_TYPE_WINDOW, "outer_flap")));
  g_assert_false (adw_flap_get_reveal_flap (get_child (window, ATLAS_TYPE_WINDOW, "inner_flap")));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  destroy_window (window);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;

      if (has_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* The close button of the toast on show. */
static GtkWidget *
find_toast_button (GtkWidget *widget)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  g_assert_true (toast_type != G_TYPE_INVALID);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, toast_type))
        {
          for (GtkWidget *part = gtk_widget_get_first_child (child);
               part != NULL;
               part = gtk_widget_get_next_sibling (part))
            {
              if (GTK_IS_BUTTON (part))
                return part;
            }
        }

      if ((found = find_toast_button (child)) != NULL)
        return found;
    }

  return NULL;
}

/* What a sync did shows as toasts, feed titles as plain text; the sync
 * button's tooltip says when the data is from. */
static void
test_window_sync_finished (Fixture       *fixture,
                           gconstpointer  user_data)
{
  AtlasWindow *window = show_window (fixture);
  g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
  AtlasSourceReport *updated = atlas_sync_report_add_source (report, "https://a.example/feed");
  AtlasSourceReport *failed = atlas_sync_report_add_source (report, "https://b.example/feed");
  const char *tooltip;

  updated->outcome = ATLAS_SOURCE_OUTCOME_UPDATED;
  updated->added = 12;
  updated->updated = 3;
  failed->outcome = ATLAS_SOURCE_OUTCOME_FAILED;
  failed->title = g_strdup ("<b>Registry</b> & co");
  failed->error = g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP,
                                       "the server answered 500 Internal Server Error.");

  g_signal_emit_by_name (fixture->context, "sync-finished", report, NULL);

  WAIT_UNTIL (has_label (GTK_WIDGET (window), "Updated: 12 new, 3 changed"));
  /* Toasts show one at a time: dismiss the first to see the next. */
  g_signal_emit_by_name (find_toast_button (GTK_WIDGET (window)), "clicked");
  WAIT_UNTIL (has_label (GTK_WIDGET (window),
                         "Could not update “<b>Registry</b> & co”: "
                         "the server answered 500 Internal Server Error."));

  tooltip = gtk_widget_get_tooltip_text (get_child (window, ATLAS_TYPE_WINDOW, "sync_button"));
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Last updated") ||
                 g_str_has_prefix (tooltip, "Bundled data from") ||
                 g_str_equal (tooltip, "Never synced"));

  destroy_window (window);
}

static void
on_load_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_context_load_finish (ATLAS_CONTEXT (object), result, &error));
  g_assert_nonnull (error);
  *done = TRUE;
}

/* A cache that cannot be opened is said in a toast, in one sentence, and
 * the window stays usable. */
static void
test_window_load_failed (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AtlasWindow *window;
  gboolean done = FALSE;
  const GError *load_error;

  g_file_set_contents (fixture->database_path,
                       "This is not a database, and the cache cannot be read from it.", -1,
                       &error);
  g_assert_no_error (error);

  window = show_window (fixture);
  atlas_context_load_async (fixture->context, NULL, on_load_cb, &done);
  WAIT_UNTIL (done);

  g_assert_cmpint (atlas_context_get_state (fixture->context), ==, ATLAS_CONTEXT_STATE_FAILED);
  load_error = atlas_context_get_error (fixture->context);
  g_assert_nonnull (load_error);
  g_test_message ("load error: %s", load_error->message);
  WAIT_UNTIL (has_label (GTK_WIDGET (window), load_error->message));

  g_assert_false (gtk_widget_get_sensitive (get_child (window, ATLAS_TYPE_WINDOW, "sync_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));

  destroy_window (window);
}

/* Counts are written with the locale's grouping (none in C.UTF-8), and
 * their room in characters grows with them. */
static void
test_format_count (void)
{
  static const guint counts[] = { 0, 9, 10, 999, 1000, 12345, 100000, G_MAXUINT };
  guint last_chars = 0;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = atlas_format_count (counts[i]);
      g_autofree char *plain = g_strdup_printf ("%u", counts[i]);
      guint chars = atlas_format_count_chars (counts[i]);

      g_assert_cmpstr (text, ==, plain);
      g_assert_cmpuint (chars, ==, g_utf8_strlen (text, -1));
      g_assert_cmpuint (chars, >=, last_chars);
      last_chars = chars;
    }
  g_assert_cmpuint (atlas_format_count_chars (100000), ==, 6);
}

/* The phrases of the sync button's tooltip and of the toasts. */
static void
test_format_last_sync (void)
{
  const gint64 now = 1796000000;  /* 2026-11-30 */
  g_autofree char *never = atlas_format_last_sync (now, 0, NULL);
  g_autofree char *bundled = atlas_format_last_sync (now, 0, "2025-12-04");
  g_autofree char *just_now = atlas_format_last_sync (now, now - 20, NULL);
  g_autofree char *one_minute = atlas_format_last_sync (now, now - 60, NULL);
  g_autofree char *minutes = atlas_format_last_sync (now, now - 5 * 60 - 10, "2025-12-04");
  g_autofree char *hours = atlas_format_last_sync (now, now - 3 * 3600, NULL);
  g_autofree char *days = atlas_format_last_sync (now, now - 2 * 86400, NULL);
  g_autofree char *long_ago = atlas_format_last_sync (now, now - 60 * 86400, NULL);

  g_assert_cmpstr (never, ==, "Never synced");
  g_assert_cmpstr (bundled, ==, "Bundled data from 4 December 2025");
  g_assert_cmpstr (just_now, ==, "Last updated just now");
  g_assert_cmpstr (one_minute, ==, "Last updated 1 minute ago");
  g_assert_cmpstr (minutes, ==, "Last updated 5 minutes ago");
  g_assert_cmpstr (hours, ==, "Last updated 3 hours ago");
  g_assert_cmpstr (days, ==, "Last updated 2 days ago");
  g_assert_true (g_str_has_prefix (long_ago, "Last updated on "));
  g_assert_true (g_str_has_suffix (long_ago, " 2026"));

  g_assert_null (atlas_format_iso_date ("4 December"));
  g_assert_null (atlas_format_iso_date ("2025-13-45"));
  {
    g_autofree char *rfc3339 = atlas_format_iso_date ("2026-11-26T00:00:00Z");

    g_assert_cmpstr (rfc3339, ==, "26 November 2026");
  }
}

static void
test_format_feed_title (void)
{
  static const struct {
    const char *url;
    const char *title;
  } cases[] = {
    { "https://api.digitalpublicgoods.net/dpgs", "api.digitalpublicgoods.net/dpgs" },
    { "https://example.org/", "example.org" },
    { "https://example.org/feed.json?page=2", "example.org/feed.json?page=2" },
    { "http://127.0.0.1:8080/feed.json", "127.0.0.1:8080/feed.json" },
    { "not a url", "not a url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = atlas_format_feed_title (cases[i].url);

      g_assert_cmpstr (title, ==, cases[i].title);
    }
}

static AtlasSourceReport *
add_source (AtlasSyncReport    *report,
            const char         *url,
            const char         *title,
            AtlasSourceOutcome  outcome,
            GError             *error)
{
  AtlasSourceReport *source = atlas_sync_report_add_source (report, url);

  source->title = g_strdup (title);
  source->outcome = outcome;
  source->error = error;
  return source;
}

static void
assert_messages (GPtrArray  *messages,
                 const char *first,
                 const char *second)
{
  g_assert_nonnull (messages);
  g_assert_cmpuint (messages->len, ==, second != NULL ? 2 : first != NULL ? 1 : 0);
  if (first != NULL)
    g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, first);
  if (second != NULL)
    g_assert_cmpstr (g_ptr_array_index (messages, 1), ==, second);
}

static void
test_format_sync_outcome (void)
{
  const gint64 december_4 = 1764849600;  /* 2025-12-04 12:00 UTC */

  /* Changes, zero parts left out. */
  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) messages = NULL;
    AtlasSourceReport *a = add_source (report, "https://a.example/feed", "A",
                                       ATLAS_SOURCE_OUTCOME_UPDATED, NULL);
    AtlasSourceReport *b = add_source (report, "https://b.example/feed", "B",
                                       ATLAS_SOURCE_OUTCOME_UPDATED, NULL);

    a->added = 10;
    a->updated = 3;
    b->added = 2;
    messages = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (messages, "Updated: 12 new, 3 changed", NULL);
  }

  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) messages = NULL;
    AtlasSourceReport *a = add_source (report, "https://a.example/feed", NULL,
                                       ATLAS_SOURCE_OUTCOME_UPDATED, NULL);

    a->removed = 1;
    messages = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (messages, "Updated: 1 removed", NULL);
  }

  /* Nothing changed. */
  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) messages = NULL;

    add_source (report, "https://a.example/feed", "A", ATLAS_SOURCE_OUTCOME_NOT_MODIFIED, NULL);
    add_source (report, "https://b.example/feed", "B", ATLAS_SOURCE_OUTCOME_UPDATED, NULL);
    messages = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (messages, "Up to date", NULL);
  }

  /* Every feed unreachable: offline, with the date of the newest data. */
  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) by_snapshot = NULL;
    g_autoptr(GPtrArray) by_sync = NULL;
    g_autoptr(GPtrArray) by_nothing = NULL;

    add_source (report, "https://a.example/feed", "A", ATLAS_SOURCE_OUTCOME_FAILED,
                g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK,
                                     "The feed could not be reached."));
    add_source (report, "https://b.example/feed", "B", ATLAS_SOURCE_OUTCOME_FAILED,
                g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                                     "No such host."));
    by_snapshot = atlas_format_sync_outcome (report, NULL, 0, "2025-12-04");
    assert_messages (by_snapshot, "Offline: showing data from 4 December 2025", NULL);
    by_sync = atlas_format_sync_outcome (report, NULL, december_4, "2024-01-01");
    assert_messages (by_sync, "Offline: showing data from 4 December 2025", NULL);
    by_nothing = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (by_nothing, "Offline: the feeds could not be reached.", NULL);
  }

  /* One feed failed for another reason: named, with the reason. */
  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) messages = NULL;
    AtlasSourceReport *a = add_source (report, "https://a.example/feed", "A",
                                       ATLAS_SOURCE_OUTCOME_UPDATED, NULL);

    a->updated = 1;
    add_source (report, "https://api.digitalpublicgoods.net/dpgs", "Digital Public Goods registry",
                ATLAS_SOURCE_OUTCOME_FAILED,
                g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP,
                                     "the server answered 500 Internal Server Error."));
    messages = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (messages, "Updated: 1 changed",
                     "Could not update “Digital Public Goods registry”: "
                     "the server answered 500 Internal Server Error.");
  }

  /* A failed feed without a title is named by its address. */
  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) messages = NULL;

    add_source (report, "https://example.org/feed.json", NULL, ATLAS_SOURCE_OUTCOME_FAILED,
                g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TLS,
                                     "the certificate is not valid."));
    messages = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (messages, "Could not update “example.org/feed.json”: the certificate is not valid.",
                     NULL);
  }

  /* Several failures point to Preferences. */
  {
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) messages = NULL;

    add_source (report, "https://a.example/feed", "A", ATLAS_SOURCE_OUTCOME_FAILED,
                g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP, "a"));
    add_source (report, "https://b.example/feed", "B", ATLAS_SOURCE_OUTCOME_FAILED,
                g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK, "b"));
    messages = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (messages, "Could not update 2 feeds: Preferences shows why.", NULL);
  }

  /* A sync that could not start says why; a cancelled one says nothing. */
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                                   "The disk is full.");
    g_autoptr(GPtrArray) messages = atlas_format_sync_outcome (NULL, error, 0, NULL);
    g_autoptr(AtlasSyncReport) report = atlas_sync_report_new ();
    g_autoptr(GPtrArray) cancelled = NULL;

    assert_messages (messages, "The disk is full.", NULL);

    add_source (report, "https://a.example/feed", "A", ATLAS_SOURCE_OUTCOME_CANCELLED,
                g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
    cancelled = atlas_format_sync_outcome (report, NULL, 0, NULL);
    assert_messages (cancelled, NULL, NULL);
  }
}

/* Preferences */

typedef struct
{
  Fixture          base;
  AtlasTestServer *server;
} PrefsFixture;

static void
prefs_fixture_set_up (PrefsFixture  *fixture,
                      gconstpointer  user_data)
{
  fixture_set_up (&fixture->base, user_data);

  fixture->server = atlas_test_server_new ();
  atlas_test_server_set_string (fixture->server, "/feed.json", 200, PORTAL_DOCUMENT, NULL);
  atlas_test_server_set_string (fixture->server, "/other.json", 200,
                                "{\"hello\":\"world\",\"items\":[1,2,3]}", NULL);

  g_settings_set_strv (fixture->base.settings, "sources",
                       (const char * const[]) { "https://api.digitalpublicgoods.net/dpgs", NULL });
}

static void
prefs_fixture_tear_down (PrefsFixture  *fixture,
                         gconstpointer  user_data)
{
  g_clear_pointer (&fixture->server, atlas_test_server_free);
  fixture_tear_down (&fixture->base, user_data);
}

static AtlasPreferencesWindow *
show_preferences (PrefsFixture *fixture)
{
  AtlasPreferencesWindow *window = atlas_preferences_window_new (NULL, fixture->base.context);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static guint
count_sources (PrefsFixture *fixture)
{
  g_auto(GStrv) urls = g_settings_get_strv (fixture->base.settings, "sources");

  return g_strv_length (urls);
}

static gboolean
has_source (PrefsFixture *fixture,
            const char   *url)
{
  g_auto(GStrv) urls = g_settings_get_strv (fixture->base.settings, "sources");

  return g_strv_contains ((const char * const *) urls, url);
}

/* Submits @url in the "add a feed" row, as pressing Enter does. */
static void
submit_url (AtlasPreferencesWindow *window,
            const char             *url)
{
  AdwEntryRow *row = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_row");

  gtk_editable_set_text (GTK_EDITABLE (row), url);
  g_signal_emit_by_name (row, "apply");
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;

      if ((found = find_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child))
        return child;

      if ((found = find_button (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
assert_error_shown (AtlasPreferencesWindow *window)
{
  GtkLabel *label = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_error_label");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_cmpuint (strlen (gtk_label_get_text (label)), >, 10);
  g_test_message ("error shown: %s", gtk_label_get_text (label));
}

/* A feed on loopback is probed for real and added. */
static void
test_preferences_add (PrefsFixture  *fixture,
                      gconstpointer  user_data)
{
  AtlasPreferencesWindow *window = show_preferences (fixture);
  GtkWidget *spinner = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_spinner");
  GtkWidget *label = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_error_label");
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed.json");
  g_autofree char *title = atlas_format_feed_title (url);

  g_assert_nonnull (find_row (GTK_WIDGET (window), "api.digitalpublicgoods.net/dpgs"));
  g_assert_null (find_row (GTK_WIDGET (window), title));

  submit_url (window, url);
  g_assert_true (gtk_widget_get_visible (spinner));
  WAIT_UNTIL (has_source (fixture, url));

  g_assert_cmpuint (count_sources (fixture), ==, 2);
  g_assert_cmpuint (atlas_test_server_get_hits (fixture->server, "/feed.json"), ==, 1);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_editable_get_text (get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_row")),
                   ==, "");
  g_assert_nonnull (find_row (GTK_WIDGET (window), title));

  /* The same address again is refused without asking the server. */
  submit_url (window, url);
  assert_error_shown (window);
  g_assert_cmpuint (count_sources (fixture), ==, 2);
  g_assert_cmpuint (atlas_test_server_get_hits (fixture->server, "/feed.json"), ==, 1);

  destroy_window (window);
}

/* Plain http to a host that is not loopback is refused, with a sentence. */
static void
test_preferences_refuse_insecure (PrefsFixture  *fixture,
                                  gconstpointer  user_data)
{
  AtlasPreferencesWindow *window = show_preferences (fixture);

  submit_url (window, "http://example.org/feed.json");
  assert_error_shown (window);
  g_assert_false (has_source (fixture, "http://example.org/feed.json"));
  g_assert_cmpuint (count_sources (fixture), ==, 1);

  /* Editing the address clears the error. */
  gtk_editable_set_text (get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_row"), "https://");
  g_assert_false (gtk_widget_get_visible (get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW,
                                                     "add_error_label")));

  destroy_window (window);
}

/* An address that answers with JSON that is not a feed is refused. */
static void
test_preferences_refuse_not_feed (PrefsFixture  *fixture,
                                  gconstpointer  user_data)
{
  AtlasPreferencesWindow *window = show_preferences (fixture);
  GtkWidget *spinner = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "add_spinner");
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/other.json");

  submit_url (window, url);
  WAIT_UNTIL (!gtk_widget_get_visible (spinner));
  assert_error_shown (window);
  g_assert_false (has_source (fixture, url));
  g_assert_cmpuint (count_sources (fixture), ==, 1);

  destroy_window (window);
}

/* The remove button of a row takes its feed out of the settings. */
static void
test_preferences_remove (PrefsFixture  *fixture,
                         gconstpointer  user_data)
{
  AtlasPreferencesWindow *window;
  GtkWidget *row;
  GtkWidget *button;

  g_settings_set_strv (fixture->base.settings, "sources",
                       (const char * const[]) { "https://api.digitalpublicgoods.net/dpgs",
                                                "https://example.org/feed.json", NULL });
  window = show_preferences (fixture);

  row = find_row (GTK_WIDGET (window), "example.org/feed.json");
  g_assert_nonnull (row);
  button = find_button (row);
  g_assert_nonnull (button);

  g_signal_emit_by_name (button, "clicked");
  g_assert_false (has_source (fixture, "https://example.org/feed.json"));
  g_assert_true (has_source (fixture, "https://api.digitalpublicgoods.net/dpgs"));
  g_assert_null (find_row (GTK_WIDGET (window), "example.org/feed.json"));

  row = find_row (GTK_WIDGET (window), "api.digitalpublicgoods.net/dpgs");
  g_signal_emit_by_name (find_button (row), "clicked");
  g_assert_cmpuint (count_sources (fixture), ==, 0);
  g_assert_nonnull (find_row (GTK_WIDGET (window), "No feeds"));

  destroy_window (window);
}

/* The basemap and sync-at-start rows are bound to their keys. */
static void
test_preferences_settings (PrefsFixture  *fixture,
                           gconstpointer  user_data)
{
  AtlasPreferencesWindow *window = show_preferences (fixture);
  AdwComboRow *basemap = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "basemap_row");
  GtkSwitch *sync_switch = get_child (window, ATLAS_TYPE_PREFERENCES_WINDOW, "sync_on_start_switch");
  g_autofree char *nick = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (basemap), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (basemap)), ==,
                   "Natural Earth, public domain");

  adw_combo_row_set_selected (basemap, 1);
  nick = g_settings_get_string (fixture->base.settings, "basemap");
  g_assert_cmpstr (nick, ==, "openstreetmap");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (basemap)), ==,
                   "© OpenStreetMap contributors, ODbL");

  g_settings_set_string (fixture->base.settings, "basemap", "offline");
  g_assert_cmpuint (adw_combo_row_get_selected (basemap), ==, 0);

  g_assert_true (gtk_switch_get_active (sync_switch));
  gtk_switch_set_active (sync_switch, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->base.settings, "sync-on-start"));

  destroy_window (window);
}

/* The names GL gives its renderer: those of rasterizers on the
 * processor, and some of graphics hardware. */
static void
test_software_gl_names (void)
{
  static const char * const software[] = {
    "llvmpipe (LLVM 15.0.6, 256 bits)",
    "softpipe",
    "Mesa X11 swrast",
    "Software Rasterizer",
    "D3D12 (Microsoft Basic Render Driver)",
  };
  static const char * const hardware[] = {
    "Mesa Intel(R) UHD Graphics 620 (KBL GT2)",
    "AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)",
    "NVIDIA GeForce GTX 1650/PCIe/SSE2",
    "SVGA3D; build: RELEASE;  LLVM;",
    "virgl (Intel(R) Iris(R) Xe Graphics)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    g_assert_true (atlas_application_gl_is_software (software[i]));
  for (guint i = 0; i < G_N_ELEMENTS (hardware); i++)
    g_assert_false (atlas_application_gl_is_software (hardware[i]));
  g_assert_false (atlas_application_gl_is_software (NULL));
}

/* What GL names its renderer on this display, or NULL without GL. */
static char *
read_gl_renderer (void)
{
  g_autoptr(GdkGLContext) context = gdk_display_create_gl_context (gdk_display_get_default (), NULL);
  char *renderer;

  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return NULL;

  gdk_gl_context_make_current (context);
  renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  return renderer;
}

/* In a process of its own (GTK reads GSK_RENDERER once): the real app,
 * with GSK_RENDERER as @user_choice (NULL: not set), opens its window.
 * Returns what GL names its renderer here (NULL without GL), and sets
 * @renderer to the type of the window's renderer. */
static char *
open_app (const char  *user_choice,
          GType       *renderer)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AtlasApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  char *gl_renderer;
  GtkWindow *window;

  if (user_choice != NULL)
    g_setenv ("GSK_RENDERER", user_choice, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");

  /* A GL context of the test's own makes no renderer: GTK has not read
   * GSK_RENDERER yet. */
  gl_renderer = read_gl_renderer ();

  g_settings_set_boolean (settings, "sync-on-start", FALSE);
  app = atlas_application_new (APP_ID ".TestRenderer", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  ATLAS_TEST_WAIT_UNTIL (gtk_native_get_renderer (GTK_NATIVE (window)) != NULL, 10);
  *renderer = G_OBJECT_TYPE (gtk_native_get_renderer (GTK_NATIVE (window)));

  /* Into the test's log (the parent lets the child's output through). */
  g_print ("# GL: %s; the window draws with %s; GSK_RENDERER: %s\n",
           gl_renderer != NULL ? gl_renderer : "none", g_type_name (*renderer),
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "not set");

  gtk_window_destroy (window);
  atlas_test_run_for (100);

  return gl_renderer;
}

/* Where GL rasterizes on the processor (llvmpipe, as under Xvfb), the app
 * draws with cairo; with graphics hardware, or no GL, GTK's own choice
 * stands. */
static void
test_renderer_default (void)
{
  if (g_test_subprocess ())
    {
      GType renderer;
      g_autofree char *gl_renderer = open_app (NULL, &renderer);

      if (atlas_application_gl_is_software (gl_renderer))
        {
          g_assert_cmpstr (g_type_name (renderer), ==, "GskCairoRenderer");
          g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
        }
      else
        {
          /* Without GL, GTK draws with cairo itself. */
          g_assert_cmpstr (g_type_name (renderer), ==,
                           gl_renderer != NULL ? "GskGLRenderer" : "GskCairoRenderer");
          g_assert_null (g_getenv ("GSK_RENDERER"));
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* A renderer the user chose is kept, even on a software GL. */
static void
test_renderer_user_choice (void)
{
  if (g_test_subprocess ())
    {
      GType renderer;
      g_autofree char *gl_renderer = open_app ("gl", &renderer);

      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
      if (gl_renderer != NULL)
        g_assert_cmpstr (g_type_name (renderer), ==, "GskGLRenderer");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_ui (&argc, &argv);

  g_test_add ("/window/builds", Fixture, NULL, fixture_set_up, test_window_builds, fixture_tear_down);
  g_test_add ("/window/panes-after-first-frame", Fixture, NULL, fixture_set_up,
              test_window_panes_after_first_frame, fixture_tear_down);
  g_test_add ("/window/cheap-to-redraw", Fixture, NULL, fixture_set_up,
              test_window_cheap_to_redraw, fixture_tear_down);
  g_test_add ("/window/actions", Fixture, NULL, fixture_set_up, test_window_actions, fixture_tear_down);
  g_test_add ("/window/search", Fixture, NULL, fixture_set_up, test_window_search, fixture_tear_down);
  g_test_add ("/window/adaptive", Fixture, NULL, fixture_set_up, test_window_adaptive, fixture_tear_down);
  g_test_add ("/window/state", Fixture, NULL, fixture_set_up, test_window_state, fixture_tear_down);
  g_test_add ("/window/sync-finished", Fixture, NULL,
              fixture_set_up, test_window_sync_finished, fixture_tear_down);
  g_test_add ("/window/load-failed", Fixture, NULL,
              fixture_set_up, test_window_load_failed, fixture_tear_down);
  g_test_add_func ("/application/software-gl-names", test_software_gl_names);
  g_test_add_func ("/application/renderer/default", test_renderer_default);
  g_test_add_func ("/application/renderer/user-choice", test_renderer_user_choice);
  g_test_add_func ("/format/count", test_format_count);
  g_test_add_func ("/format/last-sync", test_format_last_sync);
  g_test_add_func ("/format/feed-title", test_format_feed_title);
  g_test_add_func ("/format/sync-outcome", test_format_sync_outcome);
  g_test_add ("/preferences/add", PrefsFixture, NULL,
              prefs_fixture_set_up, test_preferences_add, prefs_fixture_tear_down);
  g_test_add ("/preferences/refuse-insecure", PrefsFixture, NULL,
              prefs_fixture_set_up, test_preferences_refuse_insecure, prefs_fixture_tear_down);
  g_test_add ("/preferences/refuse-not-feed", PrefsFixture, NULL,
              prefs_fixture_set_up, test_preferences_refuse_not_feed, prefs_fixture_tear_down);
  g_test_add ("/preferences/remove", PrefsFixture, NULL,
              prefs_fixture_set_up, test_preferences_remove, prefs_fixture_tear_down);
  g_test_add ("/preferences/settings", PrefsFixture, NULL,
              prefs_fixture_set_up, test_preferences_settings, prefs_fixture_tear_down);

  return g_test_run ();
}
