/* test-filter-sidebar.c
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
#include <math.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-count-label.h"
#include "atlas-facet-list.h"
#include "atlas-facet-row.h"
#include "atlas-filter-sidebar.h"
#include "atlas-organization-filter.h"
#include "atlas-region-filter.h"
#include "atlas-sdg-grid.h"
#include "atlas-test-feed.h"
#include "atlas-test-server.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"
#include "atlas-text.h"

/* Widget tests of the filter sidebar under Xvfb: a real cache filled with
 * the bundled data (the context loads it into an empty file), a real
 * context and query, a real window. */

typedef struct
{
  AtlasContext       *context;
  GtkWindow          *window;
  AtlasFilterSidebar *sidebar;
} Fixture;

/* One cache for every test: filling it is the slow part. */
static char *database_path;

#define WAIT_UNTIL(cond) ATLAS_TEST_WAIT_UNTIL (cond, 20)
#define get_child atlas_test_get_child

static void
ensure_database_path (void)
{
  if (database_path == NULL)
    {
      g_autofree char *dir = atlas_test_make_temp_dir ();

      database_path = g_build_filename (dir, "cache.sqlite3", NULL);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  gboolean loaded = FALSE;

  ensure_database_path ();
  atlas_test_load_style ();

  fixture->context = atlas_context_new (NULL, database_path);
  atlas_context_load_async (fixture->context, NULL, atlas_test_context_loaded_cb, &loaded);
  WAIT_UNTIL (loaded);
  g_assert_nonnull (atlas_context_get_result (fixture->context));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 760);
  fixture->sidebar = atlas_filter_sidebar_new (fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  gtk_window_present (fixture->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->sidebar)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  atlas_test_run_for (100);
  g_clear_object (&fixture->context);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ATLAS_IS_FACET_ROW (child))
        {
          if (gtk_widget_get_mapped (child) && atlas_facet_row_get_value (ATLAS_FACET_ROW (child)))
            g_ptr_array_add (rows, child);
          continue;
        }

      collect_rows (child, rows);
    }
}

/* The rows on show, with a value. */
static GPtrArray *
list_rows (gpointer widget)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (widget), rows);
  return rows;
}

static AtlasFacetRow *
find_row (gpointer    widget,
          AtlasFacet  facet,
          const char *value)
{
  g_autoptr(GPtrArray) rows = list_rows (widget);

  for (guint i = 0; i < rows->len; i++)
    {
      AtlasFacetValue *row_value = atlas_facet_row_get_value (g_ptr_array_index (rows, i));

      if (atlas_facet_value_get_facet (row_value) == facet &&
          g_strcmp0 (atlas_facet_value_get_value (row_value), value) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static GtkCheckButton *
get_check_button (AtlasFacetRow *row)
{
  return get_child (row, ATLAS_TYPE_FACET_ROW, "check_button");
}

static AtlasCountLabel *
get_count_label (AtlasFacetRow *row)
{
  return get_child (row, ATLAS_TYPE_FACET_ROW, "count_label");
}

static const char *
get_status (Fixture            *fixture,
            AtlasFilterSection  section)
{
  return atlas_facet_section_get_status (atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                           section));
}

static gboolean
tile_is_active (AtlasSdgGrid *grid,
                const char   *value)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (atlas_sdg_grid_get_tile (grid, value)));
}

static guint
row_count (AtlasFacetRow *row)
{
  return atlas_facet_value_get_count (atlas_facet_row_get_value (row));
}

/* Sections out of sight take their new counts just after the frame that
 * shows the others: lets that frame come, and what follows it run. */
static void
wait_for_counts (Fixture *fixture)
{
  atlas_test_wait_frames (GTK_WIDGET (fixture->sidebar), 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Every count on show is the result's count for its value, and zero counts
 * are dimmed; returns how many rows and tiles were checked. */
static guint
assert_counts (Fixture *fixture)
{
  AtlasResult *result = atlas_context_get_result (fixture->context);
  AtlasIndex *index = atlas_context_get_index (fixture->context);
  AtlasSdgGrid *grid = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sdg_grid");
  g_autoptr(GPtrArray) rows = NULL;
  guint n_sdgs = 0;
  const guint *sdg_counts;

  wait_for_counts (fixture);
  rows = list_rows (fixture->sidebar);
  for (guint i = 0; i < rows->len; i++)
    {
      AtlasFacetRow *row = g_ptr_array_index (rows, i);
      AtlasFacetValue *value = atlas_facet_row_get_value (row);
      AtlasFacet facet = atlas_facet_value_get_facet (value);
      int position = atlas_index_find_value (index, facet, atlas_facet_value_get_value (value));
      const guint *counts = atlas_result_get_facet_counts (result, facet, NULL);
      guint expected = position >= 0 ? counts[position] : 0;
      g_autofree char *text = g_strdup_printf ("%u", expected);
      AtlasCountLabel *label = get_count_label (row);

      if (g_strcmp0 (atlas_count_label_get_text (label), text) != 0)
        g_error ("%s %s shows %s, the result says %s", atlas_facet_to_string (facet),
                 atlas_facet_value_get_value (value), atlas_count_label_get_text (label), text);

      g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (label), "atlas-dim"), ==,
                       expected == 0);
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (get_check_button (row))));
    }

  sdg_counts = atlas_result_get_facet_counts (result, ATLAS_FACET_SDG, &n_sdgs);
  g_assert_cmpuint (n_sdgs, ==, 17);
  for (guint i = 0; i < n_sdgs; i++)
    {
      const char *value = atlas_index_get_value (index, ATLAS_FACET_SDG, i);
      g_autofree char *text = g_strdup_printf ("%u", sdg_counts[i]);
      GtkWidget *tile = atlas_sdg_grid_get_tile (grid, value);

      g_assert_cmpstr (atlas_sdg_grid_get_count_text (grid, value), ==, text);
      g_assert_cmpint (gtk_widget_has_css_class (tile, "atlas-sdg-empty"), ==, sdg_counts[i] == 0);
    }

  return rows->len + n_sdgs;
}

/* Toggling SDG 4 adds it to the query, and every count on show follows the
 * new result. */
static void
test_sdg_toggle_updates_counts (Fixture       *fixture,
                                gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasSdgGrid *grid = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sdg_grid");
  AtlasResult *before;
  AtlasResult *after;
  GtkToggleButton *tile;
  guint n_checked;
  guint n_changed = 0;
  guint n_zero = 0;
  g_autoptr(GPtrArray) rows = NULL;

  n_checked = assert_counts (fixture);
  g_test_message ("%u counts match before", n_checked);
  g_assert_cmpuint (n_checked, >, 17 + 5 + 4 + 11 + 8 + 4);

  before = atlas_result_ref (atlas_context_get_result (fixture->context));
  tile = GTK_TOGGLE_BUTTON (atlas_sdg_grid_get_tile (grid, "4"));
  g_assert_nonnull (tile);
  g_assert_false (gtk_toggle_button_get_active (tile));

  gtk_toggle_button_set_active (tile, TRUE);

  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_SDG, "4"));
  {
    guint n_values = 0;

    atlas_query_get_values (query, ATLAS_FACET_SDG, &n_values);
    g_assert_cmpuint (n_values, ==, 1);
  }
  after = atlas_context_get_result (fixture->context);
  g_assert_true (after != before);
  g_assert_cmpuint (atlas_result_get_n_items (after), <, atlas_result_get_n_items (before));

  n_checked = assert_counts (fixture);
  g_test_message ("%u counts match after", n_checked);

  /* The counts of other filters really moved, and some went to zero. */
  rows = list_rows (fixture->sidebar);
  for (guint i = 0; i < rows->len; i++)
    {
      AtlasFacetValue *value = atlas_facet_row_get_value (g_ptr_array_index (rows, i));
      AtlasFacet facet = atlas_facet_value_get_facet (value);
      const char *id = atlas_facet_value_get_value (value);

      if (atlas_result_get_count (before, facet, id) != atlas_result_get_count (after, facet, id))
        n_changed++;
      if (atlas_facet_value_get_count (value) == 0)
        n_zero++;
    }
  g_test_message ("%u counts changed, %u are zero", n_changed, n_zero);
  g_assert_cmpuint (n_changed, >, 10);
  g_assert_cmpuint (n_zero, >, 0);

  /* The section says what is chosen, and offers to clear it. */
  g_assert_cmpstr (get_status (fixture, ATLAS_FILTER_SECTION_SDG),
                   ==, "1 selected");
  g_assert_true (atlas_facet_section_get_can_clear (
                   atlas_filter_sidebar_get_section (fixture->sidebar, ATLAS_FILTER_SECTION_SDG)));

  /* Toggling again takes it out. */
  gtk_toggle_button_set_active (tile, FALSE);
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_SDG, "4"));
  g_assert_true (atlas_query_is_empty (query));
  assert_counts (fixture);

  atlas_result_unref (before);
}

/* The count a row shows, as a number. */
static guint
shown_count (AtlasFacetRow *row)
{
  return (guint) g_ascii_strtoull (atlas_count_label_get_text (get_count_label (row)), NULL, 10);
}

/* Sections in sight show new counts with the result; those scrolled out of
 * sight just after the frame that shows it, or as soon as the sidebar
 * scrolls. */
static void
test_counts_out_of_sight (Fixture       *fixture,
                          gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  GtkScrolledWindow *scrolled = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                           "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  AtlasFacetRow *gdc = find_row (fixture->sidebar, ATLAS_FACET_GDC, "1");
  AtlasFacetRow *ongoing = find_row (fixture->sidebar, ATLAS_FACET_STATUS, "ongoing");
  AtlasResult *result;
  guint gdc_before, ongoing_before;

  g_assert_nonnull (gdc);
  g_assert_nonnull (ongoing);
  wait_for_counts (fixture);
  gdc_before = shown_count (gdc);
  ongoing_before = shown_count (ongoing);

  /* At the top, the objectives are in sight and the status far below. */
  atlas_query_toggle_value (query, ATLAS_FACET_SDG, "4");
  result = atlas_context_get_result (fixture->context);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_GDC, "1"), !=, gdc_before);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_STATUS, "ongoing"), !=,
                    ongoing_before);
  g_assert_cmpuint (shown_count (gdc), ==, atlas_result_get_count (result, ATLAS_FACET_GDC, "1"));
  g_assert_cmpuint (shown_count (ongoing), ==, ongoing_before);

  /* Scrolling shows every count of the result at once. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpuint (shown_count (ongoing), ==,
                    atlas_result_get_count (result, ATLAS_FACET_STATUS, "ongoing"));
  assert_counts (fixture);

  /* At the bottom, the other way round. */
  gdc_before = shown_count (gdc);
  ongoing_before = shown_count (ongoing);
  atlas_query_toggle_value (query, ATLAS_FACET_SDG, "4");
  result = atlas_context_get_result (fixture->context);
  g_assert_cmpuint (shown_count (ongoing), ==,
                    atlas_result_get_count (result, ATLAS_FACET_STATUS, "ongoing"));
  g_assert_cmpuint (shown_count (gdc), ==, gdc_before);
  g_assert_cmpuint (shown_count (ongoing), !=, ongoing_before);

  /* Just after the frame, they all follow. */
  assert_counts (fixture);
  g_assert_cmpuint (shown_count (gdc), ==, atlas_result_get_count (result, ATLAS_FACET_GDC, "1"));

  /* Hidden, as a folded sidebar is, every section waits; shown again, it
   * shows the result's counts at once, frame or not. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->sidebar), FALSE);
  gdc_before = shown_count (gdc);
  ongoing_before = shown_count (ongoing);
  atlas_query_toggle_value (query, ATLAS_FACET_SDG, "9");
  result = atlas_context_get_result (fixture->context);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_GDC, "1"), !=, gdc_before);
  g_assert_cmpuint (shown_count (gdc), ==, gdc_before);
  g_assert_cmpuint (shown_count (ongoing), ==, ongoing_before);
  gtk_widget_set_visible (GTK_WIDGET (fixture->sidebar), TRUE);
  g_assert_cmpuint (shown_count (gdc), ==, atlas_result_get_count (result, ATLAS_FACET_GDC, "1"));
  g_assert_cmpuint (shown_count (ongoing), ==,
                    atlas_result_get_count (result, ATLAS_FACET_STATUS, "ongoing"));
  assert_counts (fixture);
}

/* Renders @widget as it drew itself in its last frame, and tells whether
 * anything but @background is drawn inside @rect (in @widget's
 * coordinates). */
static gboolean
draws_inside (GtkWidget             *widget,
              const graphene_rect_t *rect,
              const GdkRGBA         *background)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint32 plain;

  atlas_test_wait_frames (widget, 1);
  paintable = gtk_widget_paintable_new (widget);
  gtk_snapshot_append_color (snapshot, background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);

  plain = 0xff000000u |
          (guint32) lround (background->red * 255) << 16 |
          (guint32) lround (background->green * 255) << 8 |
          (guint32) lround (background->blue * 255);
  for (int y = MAX (0, (int) rect->origin.y); y < MIN (height, (int) (rect->origin.y + rect->size.height)); y++)
    for (int x = MAX (0, (int) rect->origin.x); x < MIN (width, (int) (rect->origin.x + rect->size.width)); x++)
      if (pixels[(gsize) y * width + x] != plain)
        return TRUE;

  return FALSE;
}

/* The sections box draws only the sections in sight of the sidebar, and
 * those that come into sight as it scrolls. */
static void
test_draws_what_is_in_sight (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *box = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sections_box");
  GtkScrolledWindow *scrolled = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                           "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *top = GTK_WIDGET (atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                 ATLAS_FILTER_SECTION_GDC));
  GtkWidget *bottom = GTK_WIDGET (atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                    ATLAS_FILTER_SECTION_STATUS));
  const GdkRGBA magenta = { 1.0, 0.0, 1.0, 1.0 };
  graphene_rect_t top_bounds, bottom_bounds, bottom_in_sidebar;

  wait_for_counts (fixture);
  g_assert_true (gtk_widget_compute_bounds (top, box, &top_bounds));
  g_assert_true (gtk_widget_compute_bounds (bottom, box, &bottom_bounds));
  g_assert_cmpfloat (bottom_bounds.origin.y, >, gtk_widget_get_height (GTK_WIDGET (scrolled)));

  /* At the top: the first section is drawn, the status far below is not. */
  g_assert_true (draws_inside (box, &top_bounds, &magenta));
  g_assert_false (draws_inside (box, &bottom_bounds, &magenta));

  /* Scrolled to the bottom: the other way round, and the sidebar shows
   * the status section. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  atlas_test_wait_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_false (draws_inside (box, &top_bounds, &magenta));
  g_assert_true (draws_inside (box, &bottom_bounds, &magenta));
  g_assert_true (gtk_widget_compute_bounds (bottom, GTK_WIDGET (fixture->sidebar), &bottom_in_sidebar));
  g_assert_cmpfloat (bottom_in_sidebar.origin.y, <, gtk_widget_get_height (GTK_WIDGET (scrolled)));
  g_assert_true (draws_inside (GTK_WIDGET (fixture->sidebar), &bottom_in_sidebar, &magenta));

  /* Back at the top, folding the sections there brings the status
   * section up into sight, drawn. */
  gtk_adjustment_set_value (adjustment, 0);
  for (AtlasFilterSection section = ATLAS_FILTER_SECTION_GDC;
       section <= ATLAS_FILTER_SECTION_ORGANIZATION; section++)
    atlas_facet_section_set_expanded (atlas_filter_sidebar_get_section (fixture->sidebar, section),
                                      FALSE);
  /* The sections fold in a short slide. */
  atlas_test_run_for (600);
  atlas_test_wait_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (gtk_widget_compute_bounds (bottom, GTK_WIDGET (fixture->sidebar), &bottom_in_sidebar));
  g_assert_cmpfloat (bottom_in_sidebar.origin.y + bottom_in_sidebar.size.height, <,
                     gtk_widget_get_height (GTK_WIDGET (scrolled)));
  g_assert_true (draws_inside (GTK_WIDGET (fixture->sidebar), &bottom_in_sidebar, &magenta));
}

/* A value checked in a list goes into the query; checking a second value of
 * the same filter widens (OR) what the first gave. */
static void
test_row_toggle (Fixture       *fixture,
                 gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasFacetRow *ongoing = find_row (fixture->sidebar, ATLAS_FACET_STATUS, "ongoing");
  AtlasFacetRow *completed = find_row (fixture->sidebar, ATLAS_FACET_STATUS, "completed");
  guint n_ongoing;
  guint n_both;

  g_assert_nonnull (ongoing);
  g_assert_nonnull (completed);

  gtk_check_button_set_active (get_check_button (ongoing), TRUE);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_STATUS, "ongoing"));
  n_ongoing = atlas_result_get_n_items (atlas_context_get_result (fixture->context));
  wait_for_counts (fixture);
  g_assert_cmpuint (n_ongoing, ==, row_count (ongoing));

  gtk_check_button_set_active (get_check_button (completed), TRUE);
  wait_for_counts (fixture);
  n_both = atlas_result_get_n_items (atlas_context_get_result (fixture->context));
  g_assert_cmpuint (n_both, ==, n_ongoing + row_count (completed));
  assert_counts (fixture);

  gtk_check_button_set_active (get_check_button (ongoing), FALSE);
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_STATUS, "ongoing"));
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_STATUS, "completed"));
}

/* C7's eight sub-lines sit under it, one level in, once it is expanded. */
static void
test_wsis_nested (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AtlasFacetList *list = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "wsis_list");
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  AtlasFacetValue *c7 = NULL;
  guint c7_position = 0;

  shown = atlas_facet_list_list_shown (list, depths);
  g_assert_cmpuint (shown->len, ==, 11);
  for (guint i = 0; i < shown->len; i++)
    {
      AtlasFacetValue *value = g_ptr_array_index (shown, i);
      g_autofree char *code = g_strdup_printf ("C%u", i + 1);

      g_assert_cmpstr (atlas_facet_value_get_value (value), ==, code);
      g_assert_cmpstr (atlas_facet_value_get_code (value), ==, code);
      g_assert_cmpuint (g_array_index (depths, guint, i), ==, 0);
      if (i == 6)
        c7 = value;
    }
  g_assert_nonnull (atlas_facet_value_get_children (c7));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_facet_value_get_children (c7)), ==, 8);
  g_assert_null (find_row (fixture->sidebar, ATLAS_FACET_WSIS, "C7.e-health"));

  g_assert_true (atlas_facet_list_set_expanded (list, c7, TRUE));
  g_clear_pointer (&shown, g_ptr_array_unref);
  g_array_set_size (depths, 0);
  shown = atlas_facet_list_list_shown (list, depths);
  g_assert_cmpuint (shown->len, ==, 19);

  for (guint i = 0; i < shown->len; i++)
    if (g_ptr_array_index (shown, i) == c7)
      c7_position = i;
  g_assert_cmpuint (c7_position, ==, 6);

  for (guint i = 7; i < 15; i++)
    {
      AtlasFacetValue *value = g_ptr_array_index (shown, i);

      g_assert_true (g_str_has_prefix (atlas_facet_value_get_value (value), "C7."));
      g_assert_cmpuint (g_array_index (depths, guint, i), ==, 1);
      g_assert_null (atlas_facet_value_get_code (value));
    }
  g_assert_cmpstr (atlas_facet_value_get_value (g_ptr_array_index (shown, 15)), ==, "C8");

  /* The rows are on screen, indented under C7. */
  WAIT_UNTIL (find_row (fixture->sidebar, ATLAS_FACET_WSIS, "C7.e-health") != NULL);
  atlas_test_wait_frames (GTK_WIDGET (fixture->window), 3);
  {
    AtlasFacetRow *sub = find_row (fixture->sidebar, ATLAS_FACET_WSIS, "C7.e-health");
    AtlasFacetRow *parent = find_row (fixture->sidebar, ATLAS_FACET_WSIS, "C7");
    graphene_point_t sub_point;
    graphene_point_t parent_point;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (sub), GTK_WIDGET (fixture->sidebar),
                                             &GRAPHENE_POINT_INIT (0, 0), &sub_point));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (parent), GTK_WIDGET (fixture->sidebar),
                                             &GRAPHENE_POINT_INIT (0, 0), &parent_point));
    g_test_message ("C7 at %g, its sub-line at %g", parent_point.x, sub_point.x);
    g_assert_cmpfloat (sub_point.x, >, parent_point.x);
    g_assert_cmpfloat (sub_point.y, >, parent_point.y);
  }

  /* A sub-line is a value of its own. */
  gtk_check_button_set_active (get_check_button (find_row (fixture->sidebar, ATLAS_FACET_WSIS,
                                                           "C7.e-health")), TRUE);
  g_assert_true (atlas_query_has_value (atlas_context_get_query (fixture->context),
                                        ATLAS_FACET_WSIS, "C7.e-health"));
  g_assert_false (atlas_query_has_value (atlas_context_get_query (fixture->context),
                                         ATLAS_FACET_WSIS, "C7"));
}

static GtkEventController *
get_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }

  g_assert_not_reached ();
}

static gboolean
press_key (GtkEventController *controller,
           guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static gboolean
list_shows (AtlasFacetList *list,
            const char     *value)
{
  g_autoptr(GPtrArray) shown = atlas_facet_list_list_shown (list, NULL);

  for (guint i = 0; i < shown->len; i++)
    if (g_strcmp0 (atlas_facet_value_get_value (g_ptr_array_index (shown, i)), value) == 0)
      return TRUE;

  return FALSE;
}

/* The region tree starts at the continents; the country filter narrows to
 * matching countries; regions and countries toggle their own facets. */
static void
test_regions (Fixture       *fixture,
              gconstpointer  user_data)
{
  AtlasRegionFilter *filter = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                         "region_filter");
  GtkEditable *entry = get_child (filter, ATLAS_TYPE_REGION_FILTER, "filter_entry");
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasFacetList *tree = atlas_region_filter_get_list (filter);
  g_autoptr(GPtrArray) shown = atlas_facet_list_list_shown (tree, NULL);
  AtlasFacetRow *africa;
  AtlasFacetRow *kenya;

  /* Five continents, then Antarctica, which M49 leaves out; no World. */
  g_assert_cmpuint (shown->len, ==, 6);
  g_assert_cmpstr (atlas_facet_value_get_value (g_ptr_array_index (shown, 0)), ==, "002");
  g_assert_false (list_shows (tree, "001"));
  g_assert_false (list_shows (tree, "KE"));

  africa = find_row (fixture->sidebar, ATLAS_FACET_REGION, "002");
  g_assert_nonnull (africa);

  /* Right and Left expand and collapse the focused region. */
  {
    GtkEventController *keys = get_key_controller (GTK_WIDGET (tree));

    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (africa)));
    g_assert_true (gtk_widget_is_focus (GTK_WIDGET (get_check_button (africa))));
    g_assert_true (press_key (keys, GDK_KEY_Right));
    g_assert_true (list_shows (tree, "015"));
    g_assert_true (list_shows (tree, "202"));
    g_assert_false (list_shows (tree, "KE"));
    g_assert_true (press_key (keys, GDK_KEY_Left));
    g_assert_false (list_shows (tree, "015"));
    g_assert_false (press_key (keys, GDK_KEY_Up));
  }
  gtk_check_button_set_active (get_check_button (africa), TRUE);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_REGION, "002"));

  gtk_editable_set_text (entry, "ken");
  WAIT_UNTIL (atlas_region_filter_get_list (filter) != tree);
  g_assert_true (list_shows (atlas_region_filter_get_list (filter), "KE"));
  g_assert_false (list_shows (atlas_region_filter_get_list (filter), "FR"));

  WAIT_UNTIL (find_row (fixture->sidebar, ATLAS_FACET_COUNTRY, "KE") != NULL);
  g_assert_null (find_row (fixture->sidebar, ATLAS_FACET_COUNTRY, "FR"));
  kenya = find_row (fixture->sidebar, ATLAS_FACET_COUNTRY, "KE");
  g_assert_cmpstr (atlas_facet_value_get_name (atlas_facet_row_get_value (kenya)), ==, "Kenya");
  gtk_check_button_set_active (get_check_button (kenya), TRUE);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
  g_assert_cmpstr (get_status (fixture, ATLAS_FILTER_SECTION_REGION),
                   ==, "2 selected");

  /* Case and accents do not matter. */
  gtk_editable_set_text (entry, "COTE D");
  WAIT_UNTIL (list_shows (atlas_region_filter_get_list (filter), "CI"));
  g_assert_false (list_shows (atlas_region_filter_get_list (filter), "KE"));

  gtk_editable_set_text (entry, "zzzz");
  WAIT_UNTIL (atlas_region_filter_get_list (filter) == tree &&
              !gtk_widget_get_mapped (GTK_WIDGET (tree)));

  /* Clearing the filter brings the tree back. */
  gtk_editable_set_text (entry, "");
  WAIT_UNTIL (atlas_region_filter_get_list (filter) == tree &&
              gtk_widget_get_mapped (GTK_WIDGET (tree)));
  g_assert_true (list_shows (tree, "002"));
}

/* The organisations shown are in order of their counts under @result, the
 * one with the most first. */
static gboolean
shown_sorted_by_count (AtlasFacetList *list,
                       AtlasResult    *result)
{
  g_autoptr(GPtrArray) shown = atlas_facet_list_list_shown (list, NULL);
  const guint *counts;
  guint n_counts = 0;
  guint most = 0;

  counts = atlas_result_get_facet_counts (result, ATLAS_FACET_ORGANIZATION, &n_counts);
  for (guint i = 0; i < n_counts; i++)
    most = MAX (most, counts[i]);

  if (shown->len == 0 || atlas_facet_value_get_count (g_ptr_array_index (shown, 0)) != most)
    return FALSE;

  for (guint i = 1; i < shown->len; i++)
    if (atlas_facet_value_get_count (g_ptr_array_index (shown, i - 1)) <
        atlas_facet_value_get_count (g_ptr_array_index (shown, i)))
      return FALSE;

  return TRUE;
}

/* The organisation search narrows the list; the first ten show at first. */
static void
test_organizations (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AtlasOrganizationFilter *filter = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                               "organization_filter");
  AtlasFacetList *list = atlas_organization_filter_get_list (filter);
  GtkEditable *entry = get_child (filter, ATLAS_TYPE_ORGANIZATION_FILTER, "search_entry");
  GtkToggleButton *show_all = get_child (filter, ATLAS_TYPE_ORGANIZATION_FILTER, "show_all_button");
  AtlasIndex *index = atlas_context_get_index (fixture->context);
  guint n_organizations = atlas_index_get_n_values (index, ATLAS_FACET_ORGANIZATION);
  g_autoptr(GPtrArray) shown = atlas_facet_list_list_shown (list, NULL);
  g_autofree char *word = NULL;
  guint n_narrowed;

  g_test_message ("%u organizations", n_organizations);
  g_assert_cmpuint (n_organizations, >, 10);
  g_assert_cmpuint (shown->len, ==, 10);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (show_all)));

  /* Most initiatives first.  The order follows the counts in the frame
   * after the list is drawn: scrolled out of sight, it waits (new rows for
   * the first ten cost some milliseconds a click at 100,000 initiatives). */
  {
    GtkScrolledWindow *scrolled = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                             "scrolled_window");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
    GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (scrolled)));
    graphene_rect_t bounds;

    atlas_test_wait_frames (GTK_WIDGET (fixture->sidebar), 3);
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (filter), content, &bounds));
    g_assert_cmpfloat (bounds.origin.y, >, gtk_adjustment_get_value (adjustment) +
                                           gtk_adjustment_get_page_size (adjustment));
    g_assert_false (shown_sorted_by_count (list, atlas_context_get_result (fixture->context)));

    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  }
  WAIT_UNTIL (shown_sorted_by_count (list, atlas_context_get_result (fixture->context)));

  gtk_toggle_button_set_active (show_all, TRUE);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = atlas_facet_list_list_shown (list, NULL);
  g_assert_cmpuint (shown->len, ==, n_organizations);

  /* A word of the name of the last one, searched for in capitals. */
  {
    const char *name = atlas_facet_value_get_name (g_ptr_array_index (shown, shown->len - 1));
    g_auto(GStrv) words = g_strsplit (name, " ", -1);

    for (guint i = 0; words[i] != NULL && word == NULL; i++)
      if (g_utf8_strlen (words[i], -1) >= 5)
        word = g_utf8_strup (words[i], -1);
    g_assert_nonnull (word);
  }
  g_test_message ("searching for %s", word);
  gtk_editable_set_text (entry, word);
  WAIT_UNTIL (g_list_model_get_n_items (atlas_facet_list_get_model (list)) < n_organizations);

  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = atlas_facet_list_list_shown (list, NULL);
  n_narrowed = shown->len;
  g_assert_cmpuint (n_narrowed, >=, 1);
  for (guint i = 0; i < shown->len; i++)
    {
      g_autofree char *folded = atlas_text_fold (word, -1);

      AtlasFacetValue *value = g_ptr_array_index (shown, i);

      g_assert_nonnull (strstr (atlas_facet_value_get_folded (value), folded));
    }

  /* An organisation found and checked stays in view when the search is
   * cleared and only the first ten show. */
  {
    AtlasFacetValue *found = g_ptr_array_index (shown, 0);
    AtlasFacetRow *row;

    const char *id = atlas_facet_value_get_value (found);

    WAIT_UNTIL (find_row (list, ATLAS_FACET_ORGANIZATION, id) != NULL);
    row = find_row (list, ATLAS_FACET_ORGANIZATION, id);
    gtk_check_button_set_active (get_check_button (row), TRUE);
    g_assert_true (atlas_query_has_value (atlas_context_get_query (fixture->context),
                                          ATLAS_FACET_ORGANIZATION,
                                          atlas_facet_value_get_value (found)));

    gtk_toggle_button_set_active (show_all, FALSE);
    gtk_editable_set_text (entry, "");
    WAIT_UNTIL (g_list_model_get_n_items (atlas_facet_list_get_model (list)) >= 10);
    g_assert_true (list_shows (list, atlas_facet_value_get_value (found)));
  }

  /* Another filter changes the counts: the order follows them, just after
   * the frame that shows them. */
  atlas_query_clear (atlas_context_get_query (fixture->context));
  atlas_query_toggle_value (atlas_context_get_query (fixture->context), ATLAS_FACET_SDG, "17");
  WAIT_UNTIL (atlas_context_get_result (fixture->context) != NULL &&
              shown_sorted_by_count (list, atlas_context_get_result (fixture->context)));

  gtk_editable_set_text (entry, "no organisation is called this");
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_visible (get_child (filter, ATLAS_TYPE_ORGANIZATION_FILTER,
                                                    "empty_label")));
}

/* The start-year spin buttons set the query's range; a year at the end of
 * the data is no bound; Clear takes the range away. */
static void
test_year_range (Fixture       *fixture,
                 gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  GtkSpinButton *from = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "from_spin");
  GtkSpinButton *to = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "to_spin");
  AtlasFacetSection *section = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                 ATLAS_FILTER_SECTION_YEAR);
  int min_bound = 0;
  int max_bound = 0;
  int min_year = -1;
  int max_year = -1;
  guint n_all = atlas_result_get_n_items (atlas_context_get_result (fixture->context));

  atlas_index_get_year_bounds (atlas_context_get_index (fixture->context), &min_bound, &max_bound);
  g_test_message ("years %d to %d", min_bound, max_bound);
  g_assert_cmpint (min_bound, >, 1900);
  g_assert_cmpint (max_bound, >, min_bound + 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (from), ==, min_bound);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (to), ==, max_bound);
  g_assert_false (atlas_facet_section_get_can_clear (section));
  g_assert_true (gtk_widget_get_visible (get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                                    "year_hint_label")));

  gtk_spin_button_set_value (from, min_bound + 1);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, min_bound + 1);
  g_assert_cmpint (max_year, ==, 0);
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), <,
                    n_all);
  g_assert_true (atlas_facet_section_get_can_clear (section));

  gtk_spin_button_set_value (to, max_bound - 1);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, min_bound + 1);
  g_assert_cmpint (max_year, ==, max_bound - 1);
  {
    g_autofree char *status = g_strdup_printf ("%d–%d", min_bound + 1, max_bound - 1);

    g_assert_cmpstr (atlas_facet_section_get_status (section), ==, status);
  }

  /* "From" past "To" drags "To" along. */
  gtk_spin_button_set_value (from, max_bound);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, max_bound);
  g_assert_cmpint (max_year, ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (to), ==, max_bound);

  g_signal_emit_by_name (section, "clear");
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 0);
  g_assert_cmpint (max_year, ==, 0);
  g_assert_true (atlas_query_is_empty (query));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (from), ==, min_bound);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (to), ==, max_bound);
  g_assert_false (atlas_facet_section_get_can_clear (section));

  /* A range set elsewhere shows. */
  atlas_query_set_year_range (query, min_bound + 2, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (from), ==, min_bound + 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (to), ==, max_bound);
}

static void
count_changes_cb (guint *n_changes)
{
  (*n_changes)++;
}

/* A query changed from outside (a chip, the map) shows in the checks, the
 * tiles and the section headers, without feeding back into the query. */
static void
test_external_query (Fixture       *fixture,
                     gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasSdgGrid *grid = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sdg_grid");
  AtlasFacetRow *ongoing = find_row (fixture->sidebar, ATLAS_FACET_STATUS, "ongoing");
  AtlasFacetRow *gdc = find_row (fixture->sidebar, ATLAS_FACET_GDC, "2");
  guint n_changes = 0;
  gulong handler;

  handler = g_signal_connect_swapped (query, "changed", G_CALLBACK (count_changes_cb), &n_changes);

  atlas_query_add_value (query, ATLAS_FACET_SDG, "3");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");
  atlas_query_add_value (query, ATLAS_FACET_GDC, "2");
  atlas_query_add_value (query, ATLAS_FACET_COUNTRY, "KE");

  g_assert_true (tile_is_active (grid, "3"));
  g_assert_false (tile_is_active (grid, "4"));
  g_assert_true (gtk_check_button_get_active (get_check_button (ongoing)));
  g_assert_true (gtk_check_button_get_active (get_check_button (gdc)));
  g_assert_cmpstr (get_status (fixture, ATLAS_FILTER_SECTION_REGION),
                   ==, "1 selected");
  g_assert_cmpstr (get_status (fixture, ATLAS_FILTER_SECTION_STATUS),
                   ==, "1 selected");
  assert_counts (fixture);

  /* Showing the query did not change it: one change per call above. */
  g_assert_cmpuint (n_changes, ==, 4);
  g_signal_handler_disconnect (query, handler);
  {
    guint n = 0;

    atlas_query_get_values (query, ATLAS_FACET_SDG, &n);
    g_assert_cmpuint (n, ==, 1);
    atlas_query_get_values (query, ATLAS_FACET_STATUS, &n);
    g_assert_cmpuint (n, ==, 1);
  }

  atlas_query_remove_value (query, ATLAS_FACET_SDG, "3");
  atlas_query_remove_value (query, ATLAS_FACET_STATUS, "ongoing");
  g_assert_false (tile_is_active (grid, "3"));
  g_assert_false (gtk_check_button_get_active (get_check_button (ongoing)));
  g_assert_null (get_status (fixture, ATLAS_FILTER_SECTION_STATUS));

  atlas_query_clear (query);
  g_assert_false (gtk_check_button_get_active (get_check_button (gdc)));
  g_assert_true (atlas_query_is_empty (query));
}

/* A section's Clear empties its filter and only its filter. */
static void
test_clear_section (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasFacetSection *gdc = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                             ATLAS_FILTER_SECTION_GDC);
  AtlasFacetSection *regions = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                 ATLAS_FILTER_SECTION_REGION);
  GtkButton *clear = get_child (gdc, ATLAS_TYPE_FACET_SECTION, "clear_button");
  guint n = 0;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clear)));

  atlas_query_add_value (query, ATLAS_FACET_GDC, "1");
  atlas_query_add_value (query, ATLAS_FACET_GDC, "4");
  atlas_query_add_value (query, ATLAS_FACET_SDG, "9");
  atlas_query_add_value (query, ATLAS_FACET_REGION, "150");
  atlas_query_add_value (query, ATLAS_FACET_COUNTRY, "FR");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (clear)));
  g_assert_cmpstr (atlas_facet_section_get_status (gdc), ==, "2 selected");

  g_signal_emit_by_name (clear, "clicked");
  atlas_query_get_values (query, ATLAS_FACET_GDC, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_SDG, "9"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (clear)));
  g_assert_false (gtk_check_button_get_active (get_check_button (find_row (fixture->sidebar,
                                                                           ATLAS_FACET_GDC, "1"))));

  /* Regions and countries clear together. */
  g_signal_emit_by_name (regions, "clear");
  atlas_query_get_values (query, ATLAS_FACET_REGION, &n);
  g_assert_cmpuint (n, ==, 0);
  atlas_query_get_values (query, ATLAS_FACET_COUNTRY, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_SDG, "9"));
}

/* Sections collapse and expand, and keep their state. */
static void
test_collapse (Fixture       *fixture,
               gconstpointer  user_data)
{
  AtlasFacetSection *section = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                 ATLAS_FILTER_SECTION_STATUS);
  GtkButton *header = get_child (section, ATLAS_TYPE_FACET_SECTION, "expander_button");
  GtkWidget *list = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "status_list");

  g_assert_true (atlas_facet_section_get_expanded (section));
  g_assert_true (gtk_widget_get_mapped (list));
  g_assert_cmpstr (atlas_facet_section_get_title (section), ==, "Status");

  g_signal_emit_by_name (header, "clicked");
  g_assert_false (atlas_facet_section_get_expanded (section));
  WAIT_UNTIL (!gtk_widget_get_mapped (list));

  /* Values chosen elsewhere still count in the header. */
  atlas_query_add_value (atlas_context_get_query (fixture->context), ATLAS_FACET_STATUS, "planned");
  g_assert_cmpstr (atlas_facet_section_get_status (section), ==, "1 selected");

  g_signal_emit_by_name (header, "clicked");
  g_assert_true (atlas_facet_section_get_expanded (section));
  WAIT_UNTIL (gtk_widget_get_mapped (list));
  g_assert_true (gtk_check_button_get_active (get_check_button (find_row (list, ATLAS_FACET_STATUS,
                                                                          "planned"))));
}

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_apart (GtkWidget  *widget,
              GtkWidget  *other,
              GtkWidget  *tile,
              const char *what)
{
  graphene_rect_t a, b;

  g_assert_true (gtk_widget_compute_bounds (widget, tile, &a));
  g_assert_true (gtk_widget_compute_bounds (other, tile, &b));
  if (graphene_rect_intersection (&a, &b, NULL))
    g_error ("The check mark (%g,%g %gx%g) covers the %s (%g,%g %gx%g)",
             a.origin.x, a.origin.y, a.size.width, a.size.height, what,
             b.origin.x, b.origin.y, b.size.width, b.size.height);
}

/* A checked goal's mark sits on the tile's top corner, on the end side of
 * the text direction, and covers neither its name (SDG 9's takes four
 * lines) nor its count. */
static void
check_sdg_mark (Fixture          *fixture,
                GtkTextDirection  direction)
{
  AtlasSdgGrid *grid = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sdg_grid");
  GtkWidget *tile = atlas_sdg_grid_get_tile (grid, "9");
  GtkWidget *mark = find_with_class (tile, "atlas-sdg-check");
  GtkWidget *name = find_with_class (tile, "atlas-sdg-name");
  GtkWidget *count = find_with_class (tile, "atlas-sdg-count");
  graphene_rect_t bounds, tile_bounds;
  double corner_x;

  gtk_widget_set_default_direction (direction);
  atlas_test_wait_frames (GTK_WIDGET (fixture->sidebar), 2);

  g_assert_nonnull (mark);
  g_assert_nonnull (name);
  g_assert_nonnull (count);
  g_assert_true (gtk_widget_get_visible (mark));
  g_assert_cmpfloat (gtk_widget_get_opacity (mark), ==, 1.0);

  assert_apart (mark, name, tile, "name");
  assert_apart (mark, count, tile, "count");

  g_assert_true (gtk_widget_compute_bounds (mark, tile, &bounds));
  g_assert_true (gtk_widget_compute_bounds (tile, tile, &tile_bounds));
  corner_x = tile_bounds.origin.x + (direction == GTK_TEXT_DIR_RTL ? 0.0 : tile_bounds.size.width);
  g_assert_cmpfloat_with_epsilon (bounds.origin.x + bounds.size.width / 2.0, corner_x, 3.0);
  g_assert_cmpfloat_with_epsilon (bounds.origin.y + bounds.size.height / 2.0, tile_bounds.origin.y, 3.0);
}

static void
test_sdg_check_mark (Fixture       *fixture,
                     gconstpointer  user_data)
{
  atlas_query_add_value (atlas_context_get_query (fixture->context), ATLAS_FACET_SDG, "9");

  check_sdg_mark (fixture, GTK_TEXT_DIR_LTR);
  check_sdg_mark (fixture, GTK_TEXT_DIR_RTL);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* The SDG grid is one stop for Tab, and the arrows move between tiles. */
static void
test_sdg_keyboard (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AtlasSdgGrid *grid = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sdg_grid");
  GtkWidget *inner = get_child (grid, ATLAS_TYPE_SDG_GRID, "grid");
  GtkEventController *keys = get_key_controller (inner);
  guint n_focusable = 0;

  for (guint i = 1; i <= 17; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      if (gtk_widget_get_focusable (atlas_sdg_grid_get_tile (grid, id)))
        n_focusable++;
    }
  g_assert_cmpuint (n_focusable, ==, 1);

  g_assert_true (gtk_widget_grab_focus (atlas_sdg_grid_get_tile (grid, "1")));
  g_assert_true (press_key (keys, GDK_KEY_Right));
  g_assert_true (gtk_widget_is_focus (atlas_sdg_grid_get_tile (grid, "2")));
  g_assert_true (press_key (keys, GDK_KEY_Down));
  g_assert_true (gtk_widget_is_focus (atlas_sdg_grid_get_tile (grid, "5")));
  g_assert_true (press_key (keys, GDK_KEY_End));
  g_assert_true (gtk_widget_is_focus (atlas_sdg_grid_get_tile (grid, "17")));
  /* At the edge the focus stays. */
  g_assert_true (press_key (keys, GDK_KEY_Down));
  g_assert_true (gtk_widget_is_focus (atlas_sdg_grid_get_tile (grid, "17")));
  g_assert_true (press_key (keys, GDK_KEY_Left));
  g_assert_true (gtk_widget_is_focus (atlas_sdg_grid_get_tile (grid, "16")));
  g_assert_true (gtk_widget_get_focusable (atlas_sdg_grid_get_tile (grid, "16")));
  g_assert_false (gtk_widget_get_focusable (atlas_sdg_grid_get_tile (grid, "1")));
  g_assert_false (press_key (keys, GDK_KEY_a));

  /* Right to left, Right goes back. */
  gtk_widget_set_direction (GTK_WIDGET (grid), GTK_TEXT_DIR_RTL);
  g_assert_true (press_key (keys, GDK_KEY_Right));
  g_assert_true (gtk_widget_is_focus (atlas_sdg_grid_get_tile (grid, "15")));
  gtk_widget_set_direction (GTK_WIDGET (grid), GTK_TEXT_DIR_NONE);

  /* Activating the focused tile toggles it, as Space does. */
  g_assert_true (gtk_widget_activate (atlas_sdg_grid_get_tile (grid, "15")));
  WAIT_UNTIL (atlas_query_has_value (atlas_context_get_query (fixture->context),
                                     ATLAS_FACET_SDG, "15"));
}

/* Tab goes from section to section: a list is one stop, entered at the row
 * that had the focus last. */
static void
test_tab_order (Fixture       *fixture,
                gconstpointer  user_data)
{
  AtlasFacetSection *gdc = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                             ATLAS_FILTER_SECTION_GDC);
  AtlasFacetSection *priority = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                                  ATLAS_FILTER_SECTION_PRIORITY);
  GtkWidget *gdc_header = get_child (gdc, ATLAS_TYPE_FACET_SECTION, "expander_button");
  GtkWidget *priority_header = get_child (priority, ATLAS_TYPE_FACET_SECTION, "expander_button");
  GtkWidget *gdc_1 = GTK_WIDGET (get_check_button (find_row (fixture->sidebar,
                                                             ATLAS_FACET_GDC, "1")));
  GtkWidget *gdc_2 = GTK_WIDGET (get_check_button (find_row (fixture->sidebar,
                                                             ATLAS_FACET_GDC, "2")));

  g_assert_true (gtk_widget_grab_focus (gdc_header));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_window_get_focus (fixture->window) == gdc_1);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_window_get_focus (fixture->window) == priority_header);

  /* Arrows within the list. */
  g_assert_true (gtk_widget_grab_focus (gdc_1));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_DOWN));
  g_assert_true (gtk_window_get_focus (fixture->window) == gdc_2);

  /* Back into the list: the row left last. */
  g_assert_true (gtk_widget_grab_focus (priority_header));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_window_get_focus (fixture->window) == gdc_2);

  /* With a value chosen, Clear comes between the title (here on three
   * lines) and the values, in both directions. */
  atlas_query_add_value (atlas_context_get_query (fixture->context), ATLAS_FACET_SDG, "5");
  {
    AtlasFacetSection *sdg = atlas_filter_sidebar_get_section (fixture->sidebar,
                                                               ATLAS_FILTER_SECTION_SDG);
    AtlasSdgGrid *grid = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sdg_grid");
    GtkWidget *header = get_child (sdg, ATLAS_TYPE_FACET_SECTION, "expander_button");
    GtkWidget *clear = get_child (sdg, ATLAS_TYPE_FACET_SECTION, "clear_button");
    GtkWidget *first = atlas_sdg_grid_get_tile (grid, "1");

    GtkWidget *wsis = GTK_WIDGET (get_check_button (find_row (fixture->sidebar, ATLAS_FACET_WSIS,
                                                              "C1")));

    g_assert_true (gtk_widget_get_visible (clear));
    g_assert_true (gtk_widget_grab_focus (wsis));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
    g_assert_true (gtk_window_get_focus (fixture->window) == header);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
    g_assert_true (gtk_window_get_focus (fixture->window) == clear);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
    g_assert_true (gtk_window_get_focus (fixture->window) == first);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
    g_assert_true (gtk_window_get_focus (fixture->window) == clear);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
    g_assert_true (gtk_window_get_focus (fixture->window) == header);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
    g_assert_true (gtk_window_get_focus (fixture->window) == wsis);

    /* Clearing from the keyboard leaves the focus on the title. */
    g_assert_true (gtk_widget_grab_focus (clear));
    g_signal_emit_by_name (clear, "clicked");
    g_assert_false (gtk_widget_get_visible (clear));
    g_assert_true (gtk_window_get_focus (fixture->window) == header);
  }
}

/* A sidebar made before the cache is loaded (the window shows while the
 * app starts) fills in when the index and the result come, and shows a
 * query restored before. */
static void
test_load_later (void)
{
  g_autoptr(AtlasContext) context = NULL;
  AtlasQuery *query;
  AtlasFilterSidebar *sidebar;
  AtlasFacetList *status_list;
  GtkWindow *window;
  gboolean loaded = FALSE;
  Fixture fixture;

  ensure_database_path ();
  atlas_test_load_style ();

  context = atlas_context_new (NULL, database_path);
  query = atlas_context_get_query (context);
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 320, 760);
  sidebar = atlas_filter_sidebar_new (context);
  gtk_window_set_child (window, GTK_WIDGET (sidebar));
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (sidebar)));

  status_list = get_child (sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "status_list");
  g_assert_true (gtk_check_button_get_active (get_check_button (find_row (status_list,
                                                                          ATLAS_FACET_STATUS,
                                                                          "ongoing"))));
  g_assert_null (find_row (sidebar, ATLAS_FACET_ORGANIZATION, "1"));
  g_assert_false (gtk_widget_get_sensitive (get_child (sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                                       "from_spin")));

  atlas_context_load_async (context, NULL, atlas_test_context_loaded_cb, &loaded);
  WAIT_UNTIL (loaded);
  atlas_test_wait_frames (GTK_WIDGET (window), 2);

  fixture.context = context;
  fixture.window = window;
  fixture.sidebar = sidebar;
  g_assert_cmpuint (assert_counts (&fixture), >, 60);
  g_assert_true (gtk_widget_get_sensitive (get_child (sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                                      "from_spin")));
  {
    AtlasOrganizationFilter *organizations = get_child (sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                                        "organization_filter");
    AtlasFacetList *list = atlas_organization_filter_get_list (organizations);

    g_assert_cmpuint (g_list_model_get_n_items (atlas_facet_list_get_model (list)), ==, 10);
  }
  g_assert_true (gtk_check_button_get_active (get_check_button (find_row (status_list,
                                                                          ATLAS_FACET_STATUS,
                                                                          "ongoing"))));

  gtk_window_destroy (window);
  atlas_test_run_for (100);
}

static void
on_synced_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = atlas_context_sync_finish (ATLAS_CONTEXT (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  *done = TRUE;
}

/* A sync that brings a feed gives a new index: the sources list the feed by
 * its host, the organisations follow, and every count lines up with the new
 * result. */
static void
test_sync_new_source (void)
{
  g_autoptr(AtlasTestServer) server = atlas_test_server_new ();
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autofree char *url = atlas_test_server_get_url (server, "/feed.json");
  g_autofree char *document = NULL;
  g_autoptr(AtlasContext) context = atlas_context_new (NULL, path);
  AtlasTestFeedPage page = { "2026-02-01T00:00:00Z", TRUE, NULL, 200 };
  AtlasFacetList *sources;
  AtlasIndex *before;
  AtlasFacetValue *feed = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  guint n_organizations;
  gboolean loaded = FALSE;
  gboolean synced = FALSE;
  Fixture fixture;

  atlas_test_load_style ();
  document = atlas_test_feed_page (&page, 0, 40, 1);
  atlas_test_server_set_string (server, "/feed.json", 200, document, NULL);

  atlas_context_load_async (context, NULL, atlas_test_context_loaded_cb, &loaded);
  WAIT_UNTIL (loaded);

  fixture.context = context;
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture.window, 320, 760);
  fixture.sidebar = atlas_filter_sidebar_new (context);
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.sidebar));
  gtk_window_present (fixture.window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture.sidebar)));

  sources = get_child (fixture.sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "source_list");
  shown = atlas_facet_list_list_shown (sources, NULL);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (atlas_facet_value_get_name (g_ptr_array_index (shown, 0)), ==,
                   "Bundled snapshot");

  before = atlas_context_get_index (context);
  n_organizations = atlas_index_get_n_values (before, ATLAS_FACET_ORGANIZATION);
  atlas_context_sync_async (context, (const char * const[]) { url, NULL }, NULL, on_synced_cb,
                            &synced);
  WAIT_UNTIL (synced);
  g_assert_true (atlas_context_get_index (context) != before);
  wait_for_counts (&fixture);

  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = atlas_facet_list_list_shown (sources, NULL);
  g_assert_cmpuint (shown->len, ==, 2);
  for (guint i = 0; i < shown->len; i++)
    if (g_strcmp0 (atlas_facet_value_get_full_name (g_ptr_array_index (shown, i)), url) == 0)
      feed = g_ptr_array_index (shown, i);
  g_assert_nonnull (feed);
  g_assert_cmpstr (atlas_facet_value_get_name (feed), ==, "127.0.0.1");
  g_assert_cmpuint (atlas_facet_value_get_count (feed), ==, 40);

  g_assert_cmpuint (assert_counts (&fixture), >, 60);
  g_assert_cmpuint (atlas_index_get_n_values (atlas_context_get_index (context),
                                              ATLAS_FACET_ORGANIZATION),
                    >, n_organizations);

  /* Choosing the feed keeps its 40 initiatives. */
  gtk_check_button_set_active (get_check_button (find_row (sources, ATLAS_FACET_SOURCE,
                                                           atlas_facet_value_get_value (feed))),
                               TRUE);
  g_assert_true (atlas_query_has_value (atlas_context_get_query (context), ATLAS_FACET_SOURCE,
                                        atlas_facet_value_get_value (feed)));
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (context)), ==, 40);
  assert_counts (&fixture);

  gtk_window_destroy (fixture.window);
  atlas_test_run_for (100);
}

/* The sidebar fits the window's slot for it (280 pixels), with every
 * section expanded and values chosen. */
static void
test_width (Fixture       *fixture,
            gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  int minimum = 0;
  int natural = 0;

  atlas_query_add_value (query, ATLAS_FACET_SDG, "9");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C4");
  atlas_query_set_year_range (query, 2015, 2020);

  gtk_widget_measure (GTK_WIDGET (fixture->sidebar), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_test_message ("width: minimum %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 280);
  g_assert_cmpint (natural, >=, minimum);

  for (guint i = 0; i < ATLAS_N_FILTER_SECTIONS; i++)
    {
      AtlasFacetSection *section = atlas_filter_sidebar_get_section (fixture->sidebar, i);

      g_assert_true (atlas_facet_section_get_expanded (section));
    }
}

/* Renders the sidebar's content at full height. */
static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  GtkWidget *content = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "sections_box");
  GtkScrolledWindow *scrolled = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                           "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int margin = 12;
  int width;
  int height;
  GdkRGBA background;
  GskRenderer *renderer;

  atlas_test_wait_frames (GTK_WIDGET (fixture->window), 3);
  width = gtk_widget_get_width (content) + 2 * margin;
  height = gtk_widget_get_height (content) + 2 * margin;
  g_assert_cmpint (height, >, 1500);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (content),
                                                 "window_bg_color", &background));
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (margin, margin));
  /* The box draws only what is in sight of the sidebar: the sidebar
   * scrolls to each section, which is drawn where the box puts it. */
  for (GtkWidget *child = gtk_widget_get_first_child (content);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GdkPaintable) part = NULL;
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child) || !gtk_widget_compute_bounds (child, content, &bounds))
        continue;

      gtk_adjustment_set_value (adjustment, bounds.origin.y);
      atlas_test_wait_frames (GTK_WIDGET (fixture->window), 2);
      part = gtk_widget_paintable_new (child);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &bounds.origin);
      gdk_paintable_snapshot (part, GDK_SNAPSHOT (snapshot), bounds.size.width, bounds.size.height);
      gtk_snapshot_restore (snapshot);
    }
  node = gtk_snapshot_to_node (snapshot);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (content));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  path = g_strdup_printf ("%s/sidebar-%s-%s.png", g_test_get_dir (G_TEST_BUILT), name,
                          language != NULL && *language != '\0' ? language : "en");
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%d×%d)", path, width, height);
}

/* Screenshots, light and dark, with some values chosen (see the build
 * folder); run with LANGUAGE=ar for right to left. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AdwStyleManager *style = adw_style_manager_get_default ();
  AtlasFacetList *wsis = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR, "wsis_list");
  AtlasRegionFilter *regions = get_child (fixture->sidebar, ATLAS_TYPE_FILTER_SIDEBAR,
                                          "region_filter");
  AtlasFacetList *region_list = atlas_region_filter_get_list (regions);
  g_autoptr(GPtrArray) shown = atlas_facet_list_list_shown (wsis, NULL);
  g_autoptr(GPtrArray) continents = atlas_facet_list_list_shown (region_list, NULL);

  atlas_query_freeze (query);
  /* A goal of the top row too: its check mark reaches above the grid. */
  atlas_query_add_value (query, ATLAS_FACET_SDG, "3");
  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  atlas_query_add_value (query, ATLAS_FACET_SDG, "9");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C7.e-learning");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C4");
  atlas_query_thaw (query);

  atlas_facet_list_set_expanded (wsis, g_ptr_array_index (shown, 6), TRUE);
  atlas_facet_list_set_expanded (region_list, g_ptr_array_index (continents, 0), TRUE);
  /* Northern Africa, the first sub-region of Africa, for country names. */
  g_clear_pointer (&continents, g_ptr_array_unref);
  continents = atlas_facet_list_list_shown (region_list, NULL);
  g_assert_cmpstr (atlas_facet_value_get_value (g_ptr_array_index (continents, 1)), ==, "015");
  atlas_facet_list_set_expanded (region_list, g_ptr_array_index (continents, 1), TRUE);

  save_screenshot (fixture, "light");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (fixture, "dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  atlas_test_run_for (100);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_ui (&argc, &argv);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/filter-sidebar/sdg-toggle-updates-counts", test_sdg_toggle_updates_counts);
  ADD_TEST ("/filter-sidebar/counts-out-of-sight", test_counts_out_of_sight);
  ADD_TEST ("/filter-sidebar/draws-what-is-in-sight", test_draws_what_is_in_sight);
  ADD_TEST ("/filter-sidebar/row-toggle", test_row_toggle);
  ADD_TEST ("/filter-sidebar/wsis-nested", test_wsis_nested);
  ADD_TEST ("/filter-sidebar/regions", test_regions);
  ADD_TEST ("/filter-sidebar/organizations", test_organizations);
  ADD_TEST ("/filter-sidebar/year-range", test_year_range);
  ADD_TEST ("/filter-sidebar/external-query", test_external_query);
  ADD_TEST ("/filter-sidebar/clear-section", test_clear_section);
  ADD_TEST ("/filter-sidebar/collapse", test_collapse);
  ADD_TEST ("/filter-sidebar/sdg-check-mark", test_sdg_check_mark);
  ADD_TEST ("/filter-sidebar/sdg-keyboard", test_sdg_keyboard);
  ADD_TEST ("/filter-sidebar/tab-order", test_tab_order);
  ADD_TEST ("/filter-sidebar/width", test_width);
  g_test_add_func ("/filter-sidebar/load-later", test_load_later);
  g_test_add_func ("/filter-sidebar/sync-new-source", test_sync_new_source);
  ADD_TEST ("/filter-sidebar/screenshots", test_screenshots);

#undef ADD_TEST

  return g_test_run ();
}
