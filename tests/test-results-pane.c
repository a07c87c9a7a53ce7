/* test-results-pane.c
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
#include <string.h>

#include "atlas-cached-label.h"
#include "atlas-core.h"
#include "atlas-detail-view.h"
#include "atlas-feed-parser.h"
#include "atlas-result-model.h"
#include "atlas-result-row.h"
#include "atlas-results-pane.h"
#include "atlas-sync.h"
#include "atlas-test-feed.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"
#include "atlas-text.h"

/* Widget tests of the results pane under Xvfb, on real caches: the bundled
 * data, generated feeds, or small hand-written documents. */

#define HAND_DOCUMENT \
  "{\"format\":\"digital-cooperation-feed\",\"version\":1," \
  "\"generated_at\":\"2026-11-26T00:00:00Z\",\"complete\":true,\"next\":null," \
  "\"organizations\":[{\"id\":\"o1\",\"name\":\"Ministère de la Santé\"," \
  "\"type\":\"government\",\"country\":\"SN\"}]," \
  "\"initiatives\":[" \
  "{\"id\":\"i1\",\"title\":\"Santé numérique pour tous\",\"status\":\"ongoing\",\"lead\":\"o1\"," \
  "\"countries\":[\"SN\",\"ML\",\"BF\",\"NE\",\"TD\"],\"sdgs\":[3,10]," \
  "\"updated_at\":\"2026-01-01T00:00:00Z\"}," \
  "{\"id\":\"i2\",\"title\":\"<b>x</b> & y\",\"status\":\"planned\"," \
  "\"updated_at\":\"2026-01-02T00:00:00Z\"}," \
  "{\"id\":\"i3\",\"title\":\"Open data for health\",\"countries\":[\"KE\"]," \
  "\"updated_at\":\"2026-01-03T00:00:00Z\"}" \
  "]}"

/* A title that wraps in a list 420 pixels wide and not in one 900 wide,
 * and a short one. */
#define TITLES_DOCUMENT \
  "{\"format\":\"digital-cooperation-feed\",\"version\":1," \
  "\"generated_at\":\"2026-11-26T00:00:00Z\",\"complete\":true,\"next\":null," \
  "\"organizations\":[]," \
  "\"initiatives\":[" \
  "{\"id\":\"long\",\"title\":\"Regional partnership for open digital public " \
  "infrastructure and data governance\",\"updated_at\":\"2026-01-01T00:00:00Z\"}," \
  "{\"id\":\"short\",\"title\":\"Open data\",\"updated_at\":\"2026-01-02T00:00:00Z\"}" \
  "]}"

typedef struct
{
  GSettingsBackend *backend;
  GSettings        *settings;
  char             *dir;
  char             *database_path;
  AtlasContext     *context;
  GtkWidget        *window;
} Fixture;

#define WAIT_UNTIL(cond) ATLAS_TEST_WAIT_UNTIL (cond, 30)

/* Results published by the context, for waiting on a text search. */
static guint n_published;

static void
on_notify_result_cb (void)
{
  n_published++;
}

static void
wait_for_search (Fixture *fixture,
                 guint    serial)
{
  WAIT_UNTIL (n_published > serial);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->backend = g_memory_settings_backend_new ();
  fixture->settings = g_settings_new_with_backend (APP_ID, fixture->backend);
  fixture->dir = atlas_test_make_temp_dir ();
  fixture->database_path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
  fixture->context = atlas_context_new (fixture->settings, fixture->database_path);
  g_signal_connect (fixture->context, "notify::result", G_CALLBACK (on_notify_result_cb), NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      atlas_test_run_for (50);
    }

  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->backend);
  g_clear_pointer (&fixture->database_path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
on_load_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  atlas_context_load_finish (ATLAS_CONTEXT (object), result, NULL);
  *done = TRUE;
}

/* Opens the cache (the bundled data fills an empty one). */
static void
load_context (Fixture *fixture)
{
  gboolean done = FALSE;

  atlas_context_load_async (fixture->context, NULL, on_load_cb, &done);
  WAIT_UNTIL (done);
  g_assert_cmpint (atlas_context_get_state (fixture->context), ==, ATLAS_CONTEXT_STATE_READY);
  g_assert_nonnull (atlas_context_get_result (fixture->context));
}

static void
import_document (Fixture    *fixture,
                 const char *document)
{
  g_autoptr(AtlasSync) sync = atlas_sync_new (fixture->database_path);
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(GError) error = NULL;
  AtlasSyncReport *report;

  report = atlas_sync_import (sync, "file:///test/feed.json", ATLAS_SOURCE_KIND_FILE,
                              bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_sync_report_succeeded (report));
  atlas_sync_report_free (report);
}

/* The pane in a window of its own, inside a toast overlay like the app's. */
static AtlasResultsPane *
show_pane (Fixture *fixture,
           int      width,
           int      height)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *pane = atlas_results_pane_new (fixture->context);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), pane);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (pane));
  atlas_test_wait_frames (pane, 2);

  return ATLAS_RESULTS_PANE (pane);
}

static gpointer
get_child (AtlasResultsPane *pane,
           const char       *name)
{
  return atlas_test_get_child (pane, ATLAS_TYPE_RESULTS_PANE, name);
}

static const char *
get_content_page (AtlasResultsPane *pane)
{
  return gtk_stack_get_visible_child_name (get_child (pane, "content_stack"));
}

/* The list's row showing @rowid, or NULL when it is not laid out. */
static AtlasResultRow *
find_row (AtlasResultsPane *pane,
          gint64            rowid)
{
  GtkWidget *list_view = get_child (pane, "list_view");

  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      AtlasResultItem *item;

      if (!ATLAS_IS_RESULT_ROW (row) || !gtk_widget_get_child_visible (child))
        continue;

      item = atlas_result_row_get_item (ATLAS_RESULT_ROW (row));
      if (item != NULL && atlas_result_item_get_rowid (item) == rowid)
        return ATLAS_RESULT_ROW (row);
    }

  return NULL;
}

/* The rowid of the initiative of the current result titled @title. */
static gint64
find_rowid_by_title (Fixture    *fixture,
                     const char *title)
{
  AtlasResult *result = atlas_context_get_result (fixture->context);

  for (guint i = 0; i < atlas_result_get_n_items (result); i++)
    {
      g_autoptr(AtlasInitiative) initiative = NULL;

      initiative = atlas_context_load_initiative (fixture->context,
                                                  atlas_result_get_rowid (result, i), NULL);
      if (g_strcmp0 (initiative->title, title) == 0)
        return initiative->rowid;
    }

  g_error ("No initiative of the result is titled “%s”", title);
}

/* A text of a row: an AtlasCachedLabel, or the status's GtkInscription. */
static GtkWidget *
get_row_label (AtlasResultRow *row,
               const char     *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (row), ATLAS_TYPE_RESULT_ROW, name);

  g_assert_true (ATLAS_IS_CACHED_LABEL (label) || GTK_IS_INSCRIPTION (label));
  return GTK_WIDGET (label);
}

static const char *
label_text (GtkWidget *label)
{
  return ATLAS_IS_CACHED_LABEL (label) ? atlas_cached_label_get_text (ATLAS_CACHED_LABEL (label))
                                       : gtk_inscription_get_text (GTK_INSCRIPTION (label));
}

static PangoAttrList *
label_attributes (GtkWidget *label)
{
  return ATLAS_IS_CACHED_LABEL (label) ? atlas_cached_label_get_attributes (ATLAS_CACHED_LABEL (label))
                                       : gtk_inscription_get_attributes (GTK_INSCRIPTION (label));
}

/* A row's status pill holds its whole text and no more than its text and
 * its room around it, whatever the row showed before (rows share the
 * widths of statuses they have measured). */
static void
assert_status_fits (AtlasResultRow *row)
{
  GtkWidget *status = get_row_label (row, "status_label");
  g_autoptr(PangoLayout) layout = NULL;
  int text_width = 0, padding = 0;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (status), label_text (status));
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  gtk_widget_measure (GTK_WIDGET (status), GTK_ORIENTATION_HORIZONTAL, -1, &padding, NULL, NULL, NULL);
  g_assert_cmpint (text_width, >, 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (status)), >=, text_width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (status)), <=, padding + text_width);
}

/* A row gives its title two lines when the title wraps at the row's width,
 * and one otherwise (rows share the measures they have made).  Returns
 * the number of lines. */
static int
assert_title_lines (AtlasResultRow *row)
{
  GtkWidget *title = get_row_label (row, "title_label");
  g_autoptr(PangoLayout) layout = NULL;
  int one_line = 0, two_lines = 0, lines;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (title), label_text (title));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (row)) * PANGO_SCALE);
  lines = pango_layout_get_line_count (layout) > 1 ? 2 : 1;

  gtk_widget_measure (GTK_WIDGET (title), GTK_ORIENTATION_VERTICAL, -1,
                      &one_line, &two_lines, NULL, NULL);
  g_assert_cmpint (one_line, <, two_lines);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (title)), ==,
                   lines > 1 ? two_lines : one_line);

  return lines;
}

/* The pixel (premultiplied ARGB) that @node draws at @x, @y. */
static guint32
get_node_pixel (GskRenderNode *node,
                double         x,
                double         y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  cairo_translate (cr, -x, -y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  cairo_surface_destroy (surface);

  return pixel;
}

/* A row draws each of its @n_dots goals as a dot image of the goal's colour
 * (the dots are drawn from images made once: see atlas-result-row.c). */
static void
assert_dots_drawn (AtlasResultRow *row,
                   guint           n_dots)
{
  g_autoptr(GskRenderNode) node = atlas_test_render_widget (GTK_WIDGET (row));
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) dots = g_ptr_array_new ();
  const AtlasTerm *terms;
  guint n_terms = 0;

  terms = atlas_vocab_get_terms (atlas_vocab_get_default (), ATLAS_FACET_SDG, &n_terms);
  atlas_test_collect_nodes (node, GSK_CAIRO_NODE, images);
  atlas_test_collect_nodes (node, GSK_TEXTURE_NODE, images);
  for (guint i = 0; i < images->len; i++)
    {
      graphene_rect_t bounds;

      gsk_render_node_get_bounds (g_ptr_array_index (images, i), &bounds);
      if (bounds.size.width == 10 && bounds.size.height == 10)
        g_ptr_array_add (dots, g_ptr_array_index (images, i));
    }
  g_assert_cmpuint (dots->len, ==, n_dots);

  for (guint i = 0; i < dots->len; i++)
    {
      graphene_rect_t bounds;
      gboolean found = FALSE;
      guint32 center;

      gsk_render_node_get_bounds (g_ptr_array_index (dots, i), &bounds);
      center = get_node_pixel (g_ptr_array_index (dots, i),
                               bounds.origin.x + 5, bounds.origin.y + 5);

      /* Opaque, and some goal's colour. */
      g_assert_cmphex (center >> 24, ==, 0xff);
      for (guint t = 0; t < n_terms && !found; t++)
        {
          GdkRGBA color;

          if (terms[t].color == NULL || !gdk_rgba_parse (&color, terms[t].color))
            continue;
          found = ((center >> 16) & 0xff) == (guint) (color.red * 255 + .5) &&
                  ((center >> 8) & 0xff) == (guint) (color.green * 255 + .5) &&
                  (center & 0xff) == (guint) (color.blue * 255 + .5);
        }
      g_assert_true (found);
    }
}

/* A row draws its status's pill, an image as large as the status, in the
 * colour the style sheet names for the status (atlas-result-row.c). */
static void
assert_status_pill_drawn (AtlasResultRow *row,
                          const char     *color_name)
{
  g_autoptr(GskRenderNode) node = atlas_test_render_widget (GTK_WIDGET (row));
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  GtkWidget *status = get_row_label (row, "status_label");
  GskRenderNode *pill = NULL;
  graphene_rect_t status_bounds;
  GdkRGBA color;
  guint32 pixel;

  g_assert_true (gtk_widget_compute_bounds (status, GTK_WIDGET (row), &status_bounds));
  atlas_test_collect_nodes (node, GSK_CAIRO_NODE, images);
  atlas_test_collect_nodes (node, GSK_TEXTURE_NODE, images);
  for (guint i = 0; i < images->len && pill == NULL; i++)
    {
      graphene_rect_t bounds;

      gsk_render_node_get_bounds (g_ptr_array_index (images, i), &bounds);
      if (graphene_rect_equal (&bounds, &status_bounds))
        pill = g_ptr_array_index (images, i);
    }
  g_assert_nonnull (pill);

  /* Halfway down, past the round end and before the text: the colour. */
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (status),
                                                 color_name, &color));
  pixel = get_node_pixel (pill, status_bounds.origin.x + status_bounds.size.height / 2 + 1,
                          status_bounds.origin.y + status_bounds.size.height / 2);
  g_assert_cmpint (ABS ((int) (pixel >> 24) - (int) (color.alpha * 255 + .5)), <=, 1);
}

static guint
count_chips (AtlasResultsPane *pane)
{
  GtkWidget *chips_box = get_child (pane, "chips_box");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (chips_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_BUTTON (child))
      n++;

  return n;
}

/* The chip whose text is @text: its remove button, or NULL. */
static GtkWidget *
find_chip_button (AtlasResultsPane *pane,
                  const char       *text)
{
  GtkWidget *chips_box = get_child (pane, "chips_box");

  for (GtkWidget *child = gtk_widget_get_first_child (chips_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_widget_get_first_child (child);

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return gtk_widget_get_last_child (child);
    }

  return NULL;
}

static GtkWidget *
find_clear_all (AtlasResultsPane *pane)
{
  GtkWidget *chips_box = get_child (pane, "chips_box");

  for (GtkWidget *child = gtk_widget_get_first_child (chips_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        return child;
    }

  return NULL;
}

/* Activates the shortcut of @widget's class bound to @keyval, as the key
 * press would. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* The model has one item per result, made only when asked for.  A new
 * result keeps the items alive at the positions it still has (they are
 * reset to the new initiatives there) and announces only the changed tail:
 * items removed at its end, or added after the old end. */
static guint items_changed_calls;
static guint items_changed_removed;
static guint items_changed_added;
static guint items_changed_position;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added)
{
  /* Each change is consistent with the model's size at that moment. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, position + added);
  items_changed_calls++;
  items_changed_position = position;
  items_changed_removed += removed;
  items_changed_added += added;
}

static void
on_item_changed_cb (AtlasResultItem *item,
                    guint           *n_changed)
{
  (*n_changed)++;
}

static void
test_model (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(AtlasResultModel) model = NULL;
  g_autoptr(AtlasResultItem) item = NULL;
  g_autoptr(AtlasResultItem) again = NULL;
  g_autoptr(AtlasInitiative) full = NULL;
  g_autoptr(GError) error = NULL;
  AtlasInitiative *summary;
  AtlasResult *result;
  guint before;

  load_context (fixture);
  result = atlas_context_get_result (fixture->context);

  model = atlas_result_model_new (fixture->context);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == ATLAS_TYPE_RESULT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    atlas_result_get_n_items (result));
  g_assert_cmpuint (atlas_result_get_n_items (result), >=, 100);
  g_assert_cmpuint (atlas_result_model_get_n_created (model), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), atlas_result_get_n_items (result)));

  /* One item per position asked for, the same one while it lives. */
  item = g_list_model_get_item (G_LIST_MODEL (model), 5);
  again = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_true (item == again);
  g_assert_cmpuint (atlas_result_model_get_n_created (model), ==, 1);
  g_assert_cmpint (atlas_result_item_get_rowid (item), ==, atlas_result_get_rowid (result, 5));
  g_assert_cmpuint (atlas_result_item_get_position (item), ==, 5);
  g_assert_false (atlas_result_item_is_loaded (item));

  /* Its data: the list's fields, as the full record has them. */
  summary = atlas_result_item_get_initiative (item);
  g_assert_nonnull (summary);
  full = atlas_context_load_initiative (fixture->context, atlas_result_item_get_rowid (item),
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->title, ==, full->title);
  g_assert_cmpstr (summary->lead_name, ==, full->lead_name);
  g_assert_cmpint (summary->status, ==, full->status);
  g_assert_cmphex (summary->sdgs, ==, full->sdgs);
  g_assert_cmpstr (summary->start_date, ==, full->start_date);
  g_assert_cmpstr (summary->updated_at, ==, full->updated_at);
  g_assert_cmpuint (summary->countries->len, ==, full->countries->len);
  for (guint i = 0; i < full->countries->len; i++)
    g_assert_cmpstr (g_ptr_array_index (summary->countries, i), ==,
                     g_ptr_array_index (full->countries, i));

  /* Let go of it: one of the recent items, it is still there when asked
   * for again. */
  g_clear_object (&item);
  g_clear_object (&again);
  g_assert_cmpuint (atlas_result_model_get_n_alive (model), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_cmpuint (atlas_result_model_get_n_created (model), ==, 1);
  g_assert_true (atlas_result_item_is_loaded (item));

  /* A new result (fewer initiatives): the item at position 5 stays, now
   * standing for the new result's fifth initiative; the tail goes. */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  {
    guint n_changed = 0;
    AtlasResult *now;
    guint n_now;

    g_signal_connect (item, "changed", G_CALLBACK (on_item_changed_cb), &n_changed);
    before = g_list_model_get_n_items (G_LIST_MODEL (model));
    atlas_query_add_value (atlas_context_get_query (fixture->context), ATLAS_FACET_SDG, "4");
    now = atlas_context_get_result (fixture->context);

    g_assert_cmpuint (atlas_result_get_n_items (now), <, before);
    g_assert_cmpuint (atlas_result_get_n_items (now), >, 5);
    g_assert_cmpuint (items_changed_calls, ==, 1);
    g_assert_cmpuint (items_changed_position, ==, atlas_result_get_n_items (now));
    g_assert_cmpuint (items_changed_removed, ==, before - atlas_result_get_n_items (now));
    g_assert_cmpuint (items_changed_added, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                      atlas_result_get_n_items (now));

    g_assert_cmpuint (n_changed, ==, 1);
    g_assert_cmpint (atlas_result_item_get_rowid (item), ==, atlas_result_get_rowid (now, 5));
    n_now = atlas_result_get_n_items (now);
    g_assert_false (atlas_result_item_is_loaded (item));
    summary = atlas_result_item_get_initiative (item);
    g_assert_nonnull (summary);
    g_signal_handlers_disconnect_by_func (item, on_item_changed_cb, &n_changed);

    /* Back to the larger result: the tail is added again. */
    items_changed_calls = items_changed_removed = items_changed_added = 0;
    atlas_query_remove_value (atlas_context_get_query (fixture->context), ATLAS_FACET_SDG, "4");
    g_assert_cmpuint (items_changed_calls, ==, 1);
    g_assert_cmpuint (items_changed_removed, ==, 0);
    g_assert_cmpuint (items_changed_added, ==, before - n_now);
    g_assert_cmpint (atlas_result_item_get_rowid (item), ==,
                     atlas_result_get_rowid (atlas_context_get_result (fixture->context), 5));
  }

  /* To an empty result, one removal of everything. */
  items_changed_calls = items_changed_removed = items_changed_added = 0;
  before = g_list_model_get_n_items (G_LIST_MODEL (model));
  atlas_query_add_value (atlas_context_get_query (fixture->context), ATLAS_FACET_COUNTRY, "AQ");
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==, 0);
  g_assert_cmpuint (items_changed_calls, ==, 1);
  g_assert_cmpuint (items_changed_removed, ==, before);
  g_assert_cmpuint (items_changed_added, ==, 0);
}

/* A list of 100,000 results makes items only for the rows it shows, also
 * while it scrolls from the top to the end. */
static void
test_large_model (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const AtlasTestFeedPage page = { "2026-11-26T00:00:00Z", TRUE, NULL, 40 };
  const guint n_records = 300;
  const guint n_results = 100000;
  g_autofree char *document = atlas_test_feed_page (&page, 0, n_records, 0);
  g_autoptr(AtlasIndex) index = atlas_index_new ();
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AtlasResultsPane *pane;
  AtlasResultModel *model;
  GtkAdjustment *adjustment;
  AtlasResult *real;
  const double stops[] = { 0.5, 0.25, 1.0 };
  guint created;

  import_document (fixture, document);
  load_context (fixture);
  real = atlas_context_get_result (fixture->context);
  g_assert_cmpuint (atlas_result_get_n_items (real), ==, n_records);

  /* 100,000 index rows, the first 300 of them the records of the cache
   * (rowids 1–300 in a new cache); the others are not in the cache, and
   * their rows say so. */
  for (guint i = 0; i < n_results; i++)
    {
      AtlasIndexRow row = { 0, };

      row.rowid = (gint64) i + 1;
      row.source_id = 1;
      row.title = "Generated";
      row.updated_at = "2026-01-01T00:00:00Z";
      atlas_index_add_row (index, &row);
    }
  atlas_index_seal (index);
  result = atlas_index_run (index, query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, n_results);

  pane = show_pane (fixture, 420, 800);
  model = ATLAS_RESULT_MODEL (atlas_results_pane_get_model (pane));
  created = atlas_result_model_get_n_created (model);
  g_test_message ("items made for the first page of the real result: %u", created);

  atlas_result_model_set_result (model, result);
  atlas_test_wait_frames (GTK_WIDGET (pane), 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_results);
  created = atlas_result_model_get_n_created (model) - created;
  g_test_message ("items made to show 100,000 results: %u (alive %u)",
                  created, atlas_result_model_get_n_alive (model));
  /* The rows already shown keep their items (now standing for the new
   * result's initiatives): few or no new items are needed. */
  g_assert_cmpuint (created, <=, 300);
  g_assert_nonnull (find_row (pane, atlas_result_get_rowid (result, 0)));

  adjustment = gtk_scrollable_get_vadjustment (get_child (pane, "list_view"));
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) -
                     gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, upper * stops[i]);
      atlas_test_wait_frames (GTK_WIDGET (pane), 3);
      g_test_message ("at %.0f%%: %u items made in all, %u alive", stops[i] * 100,
                      atlas_result_model_get_n_created (model),
                      atlas_result_model_get_n_alive (model));
      /* The rows on screen and around, and the model's recent items. */
      g_assert_cmpuint (atlas_result_model_get_n_alive (model), <=, 600);
    }

  /* Three jumps cost a few screens of items, not the list. */
  g_assert_cmpuint (atlas_result_model_get_n_created (model), <=, 1200);

  /* The end of the list is there, saying that its record is missing. */
  {
    AtlasResultRow *last = find_row (pane, atlas_result_get_rowid (result, n_results - 1));

    g_assert_nonnull (last);
    g_assert_cmpstr (label_text (get_row_label (last, "title_label")), ==,
                     "This initiative is no longer in the cache.");
  }

  /* Back to the context's result: real rows again, from the top. */
  atlas_result_model_set_result (model, real);
  atlas_test_wait_frames (GTK_WIDGET (pane), 2);
  gtk_widget_activate_action (get_child (pane, "list_view"), "list.scroll-to-item", "u", 0);
  atlas_test_wait_frames (GTK_WIDGET (pane), 3);
  {
    AtlasResultRow *first = find_row (pane, atlas_result_get_rowid (real, 0));
    g_autoptr(AtlasInitiative) initiative = NULL;

    initiative = atlas_context_load_initiative (fixture->context,
                                                atlas_result_get_rowid (real, 0), NULL);
    g_assert_nonnull (first);
    g_assert_cmpstr (label_text (get_row_label (first, "title_label")), ==,
                     initiative->title);
  }
}

static gboolean
is_title_sorted (AtlasResultModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autofree char *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasResultItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      AtlasInitiative *initiative = atlas_result_item_get_initiative (item);
      g_autofree char *folded = atlas_text_fold (initiative->title, -1);

      if (previous != NULL && g_utf8_collate (previous, folded) > 0)
        {
          g_test_message ("“%s” before “%s”", previous, folded);
          return FALSE;
        }

      g_free (previous);
      previous = g_steal_pointer (&folded);
    }

  return TRUE;
}

static GArray *
get_rowids (AtlasResultModel *model)
{
  AtlasResult *result = atlas_result_model_get_result (model);
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < atlas_result_get_n_items (result); i++)
    {
      gint64 rowid = atlas_result_get_rowid (result, i);

      g_array_append_val (rowids, rowid);
    }

  return rowids;
}

/* The drop-down and the query's sort order follow each other, and the
 * list's order follows them. */
static void
test_sort (Fixture       *fixture,
           gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  g_autoptr(GArray) by_update = NULL;
  g_autoptr(GArray) by_title = NULL;
  g_autoptr(GArray) by_start = NULL;
  AtlasResultsPane *pane;
  AtlasResultModel *model;
  GtkDropDown *dropdown;
  GListModel *labels;

  load_context (fixture);
  pane = show_pane (fixture, 420, 700);
  model = ATLAS_RESULT_MODEL (atlas_results_pane_get_model (pane));
  dropdown = get_child (pane, "sort_dropdown");

  labels = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, ATLAS_N_SORTS);
  for (guint i = 0; i < ATLAS_N_SORTS; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), ==,
                     atlas_sort_get_label (i));

  atlas_query_set_sort (query, ATLAS_SORT_UPDATED);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, ATLAS_SORT_UPDATED);
  by_update = get_rowids (model);
  g_assert_false (is_title_sorted (model));

  gtk_drop_down_set_selected (dropdown, ATLAS_SORT_TITLE);
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_TITLE);
  by_title = get_rowids (model);
  g_assert_cmpuint (by_title->len, ==, by_update->len);
  g_assert_true (is_title_sorted (model));
  g_assert_true (memcmp (by_title->data, by_update->data, by_title->len * sizeof (gint64)) != 0);

  gtk_drop_down_set_selected (dropdown, ATLAS_SORT_START_DATE);
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_START_DATE);
  by_start = get_rowids (model);
  g_assert_true (memcmp (by_start->data, by_title->data, by_title->len * sizeof (gint64)) != 0);

  /* The first row on screen is the first of the order. */
  atlas_test_wait_frames (GTK_WIDGET (pane), 2);
  g_assert_nonnull (find_row (pane, g_array_index (by_start, gint64, 0)));
}

/* Each active filter is a chip; removing one takes its value out of the
 * query; "Clear All" empties it. */
static void
test_chips (Fixture       *fixture,
            gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResultsPane *pane;
  GtkRevealer *revealer;
  GtkWidget *button;
  GtkWidget *clear_all;
  GtkWidget *kenya;
  int min_year;
  int max_year;

  load_context (fixture);
  pane = show_pane (fixture, 420, 700);
  revealer = get_child (pane, "chips_revealer");

  g_assert_cmpuint (count_chips (pane), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_null (find_clear_all (pane));

  atlas_query_freeze (query);
  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  atlas_query_add_value (query, ATLAS_FACET_COUNTRY, "KE");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C7.e-health");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");
  atlas_query_set_year_range (query, 2015, 2020);
  atlas_query_set_text (query, "  data  ");
  atlas_query_thaw (query);

  g_assert_cmpuint (count_chips (pane), ==, 6);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (find_chip_button (pane, "Search: “data”"));
  g_assert_nonnull (find_chip_button (pane, "Country: Kenya"));
  g_assert_nonnull (find_chip_button (pane, "WSIS C7: E-health"));
  g_assert_nonnull (find_chip_button (pane, "Status: Ongoing"));
  g_assert_nonnull (find_chip_button (pane, "Started 2015–2020"));
  button = find_chip_button (pane, "SDG 4: Quality Education");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Remove filter “SDG 4: Quality Education”");
  clear_all = find_clear_all (pane);
  g_assert_nonnull (clear_all);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (clear_all)), ==, "Clear All");

  /* Removing a chip removes its value, and only that; the other chips
   * keep their widgets. */
  kenya = find_chip_button (pane, "Country: Kenya");
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_SDG, "4"));
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
  g_assert_cmpuint (count_chips (pane), ==, 5);
  g_assert_null (find_chip_button (pane, "SDG 4: Quality Education"));
  g_assert_true (find_chip_button (pane, "Country: Kenya") == kenya);

  /* A new one takes its place in the order of the filters, before "Clear All". */
  atlas_query_add_value (query, ATLAS_FACET_SDG, "9");
  g_assert_cmpuint (count_chips (pane), ==, 6);
  g_assert_true (find_chip_button (pane, "Country: Kenya") == kenya);
  {
    GtkWidget *chips_box = get_child (pane, "chips_box");
    GtkWidget *wsis = gtk_widget_get_parent (find_chip_button (pane, "WSIS C7: E-health"));
    GtkWidget *sdg = gtk_widget_get_parent (
      find_chip_button (pane, "SDG 9: Industry, Innovation and Infrastructure"));

    g_assert_nonnull (sdg);
    g_assert_true (gtk_widget_get_prev_sibling (sdg) == wsis);
    g_assert_true (gtk_widget_get_next_sibling (sdg) == gtk_widget_get_parent (kenya));
    g_assert_true (gtk_widget_get_last_child (chips_box) == find_clear_all (pane));
  }
  atlas_query_remove_value (query, ATLAS_FACET_SDG, "9");
  g_assert_cmpuint (count_chips (pane), ==, 5);

  g_signal_emit_by_name (find_chip_button (pane, "Started 2015–2020"), "clicked");
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 0);
  g_assert_cmpint (max_year, ==, 0);

  g_signal_emit_by_name (find_chip_button (pane, "Search: “data”"), "clicked");
  g_assert_cmpstr (atlas_query_get_text (query), ==, "");
  g_assert_cmpuint (count_chips (pane), ==, 3);

  /* "Clear All" keeps the sort order. */
  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  g_signal_emit_by_name (find_clear_all (pane), "clicked");
  g_assert_true (atlas_query_is_empty (query));
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_TITLE);
  g_assert_cmpuint (count_chips (pane), ==, 0);
  g_assert_null (find_clear_all (pane));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

/* A query that matches nothing shows the empty state, naming the search,
 * and its button clears the filters. */
static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResultsPane *pane;
  AdwStatusPage *empty_page;
  GtkLabel *count_label;
  guint n_all;

  pane = show_pane (fixture, 420, 700);
  g_assert_cmpstr (get_content_page (pane), ==, "loading");
  g_assert_true (gtk_spinner_get_spinning (get_child (pane, "loading_spinner")));

  load_context (fixture);
  g_assert_cmpstr (get_content_page (pane), ==, "results");
  g_assert_false (gtk_spinner_get_spinning (get_child (pane, "loading_spinner")));
  n_all = atlas_result_get_n_items (atlas_context_get_result (fixture->context));
  count_label = get_child (pane, "count_label");
  {
    g_autofree char *expected = g_strdup_printf ("%u initiatives", n_all);

    g_assert_cmpstr (gtk_label_get_text (count_label), ==, expected);
  }

  /* Text search runs in a worker: until it answers, nothing found in the
   * titles does not mean that nothing matches. */
  atlas_query_set_text (query, "zzqxw");
  g_assert_false (atlas_result_is_complete (atlas_context_get_result (fixture->context)));
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==, 0);
  g_assert_cmpstr (get_content_page (pane), !=, "empty");
  g_assert_cmpstr (gtk_label_get_text (count_label), ==, "Searching…");
  WAIT_UNTIL (atlas_result_is_complete (atlas_context_get_result (fixture->context)));
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==, 0);
  g_assert_cmpstr (get_content_page (pane), ==, "empty");
  empty_page = get_child (pane, "empty_page");
  g_assert_cmpstr (adw_status_page_get_title (empty_page), ==, "No initiative matches “zzqxw”");
  g_assert_cmpstr (gtk_label_get_text (count_label), ==, "0 initiatives");

  /* Without text, the title speaks of the filters. */
  atlas_query_freeze (query);
  atlas_query_set_text (query, NULL);
  atlas_query_add_value (query, ATLAS_FACET_COUNTRY, "AQ");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "archived");
  atlas_query_thaw (query);
  if (atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == 0)
    g_assert_cmpstr (adw_status_page_get_title (empty_page), ==,
                     "No initiative matches the filters");

  atlas_query_set_text (query, "zzqxw");
  WAIT_UNTIL (atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == 0);

  gtk_widget_activate (get_child (pane, "clear_button"));
  WAIT_UNTIL (atlas_query_is_empty (query));
  WAIT_UNTIL (atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == n_all);
  g_assert_cmpstr (get_content_page (pane), ==, "results");
}

static AtlasSort
get_saved_sort (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "query");
  g_autoptr(AtlasQuery) query = atlas_query_new_from_variant (value);

  return query != NULL ? atlas_query_get_sort (query) : ATLAS_N_SORTS;
}

/* The query, sort order included, comes back after a restart (the
 * context keeps it in its settings), and the pane shows it. */
static void
test_restored_query (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(AtlasQuery) saved = atlas_query_new ();
  g_autoptr(GVariant) value = NULL;
  g_autoptr(AtlasContext) first = NULL;
  AtlasResultsPane *pane;
  AtlasQuery *restored;

  atlas_query_set_sort (saved, ATLAS_SORT_START_DATE);
  atlas_query_add_value (saved, ATLAS_FACET_SDG, "4");
  value = g_variant_ref_sink (atlas_query_to_variant (saved));
  g_settings_set_value (fixture->settings, "query", value);

  /* The fixture's context was made before: make the app's next start. */
  first = g_steal_pointer (&fixture->context);
  fixture->context = atlas_context_new (fixture->settings, fixture->database_path);
  g_signal_connect (fixture->context, "notify::result", G_CALLBACK (on_notify_result_cb), NULL);

  pane = show_pane (fixture, 420, 700);
  load_context (fixture);
  restored = atlas_context_get_query (fixture->context);
  g_assert_true (atlas_query_equal (restored, saved));
  g_assert_cmpuint (gtk_drop_down_get_selected (get_child (pane, "sort_dropdown")), ==,
                    ATLAS_SORT_START_DATE);
  g_assert_cmpuint (count_chips (pane), ==, 1);
  g_assert_nonnull (find_chip_button (pane, "SDG 4: Quality Education"));

  /* A change made here is saved for the next start (after a short delay). */
  gtk_drop_down_set_selected (get_child (pane, "sort_dropdown"), ATLAS_SORT_TITLE);
  WAIT_UNTIL (get_saved_sort (fixture->settings) == ATLAS_SORT_TITLE);
  g_clear_pointer (&value, g_variant_unref);
  value = g_settings_get_value (fixture->settings, "query");
  {
    g_autoptr(AtlasQuery) next = atlas_query_new_from_variant (value);

    g_assert_nonnull (next);
    g_assert_true (atlas_query_equal (next, restored));
  }
}

/* A cache that cannot be opened: its error, instead of the list. */
static void
test_failed_state (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AtlasResultsPane *pane;
  gboolean done = FALSE;
  const GError *load_error;

  g_file_set_contents (fixture->database_path, "This is not a database.", -1, &error);
  g_assert_no_error (error);

  pane = show_pane (fixture, 420, 700);
  atlas_context_load_async (fixture->context, NULL, on_load_cb, &done);
  WAIT_UNTIL (done);

  load_error = atlas_context_get_error (fixture->context);
  g_assert_nonnull (load_error);
  g_assert_cmpstr (get_content_page (pane), ==, "failed");
  g_assert_cmpstr (adw_status_page_get_description (get_child (pane, "failed_page")), ==,
                   load_error->message);

  /* Nothing to export: the action is off, and opens no file chooser. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n_windows = g_list_model_get_n_items (toplevels);

    gtk_widget_activate_action (GTK_WIDGET (pane), "results.export", NULL);
    atlas_test_wait_frames (GTK_WIDGET (pane), 2);
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows);
  }
}

/* Activating a row selects it in the context and shows the detail page;
 * Escape goes back with the row selected and focused; a selection made
 * elsewhere opens the detail page with the row selected. */
static void
test_navigation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  AtlasResultsPane *pane;
  AtlasResult *result;
  GtkWidget *detail = gtk_label_new ("Detail");
  GtkSingleSelection *selection;
  GtkWidget *list_view;
  AtlasResultRow *row;

  load_context (fixture);
  pane = show_pane (fixture, 420, 700);
  atlas_results_pane_set_detail (pane, detail);
  g_assert_true (atlas_results_pane_get_detail (pane) == detail);
  result = atlas_context_get_result (fixture->context);
  list_view = get_child (pane, "list_view");
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));

  g_assert_false (atlas_results_pane_get_showing_detail (pane));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (pane), "results.back", NULL) &&
                  atlas_results_pane_get_showing_detail (pane));

  /* Enter on a row (the list's activation). */
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 2));
  g_assert_cmpint (atlas_context_get_selected (fixture->context), ==,
                   atlas_result_get_rowid (result, 2));
  g_assert_true (atlas_results_pane_get_showing_detail (pane));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  WAIT_UNTIL (gtk_widget_get_mapped (detail));
  g_assert_true (gtk_widget_has_focus (get_child (pane, "back_button")));

  /* Escape, back to the list: the row is still selected, and has the focus. */
  g_assert_true (activate_shortcut (GTK_WIDGET (pane), GDK_KEY_Escape, 0));
  g_assert_false (atlas_results_pane_get_showing_detail (pane));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_cmpint (atlas_context_get_selected (fixture->context), ==,
                   atlas_result_get_rowid (result, 2));
  row = find_row (pane, atlas_result_get_rowid (result, 2));
  g_assert_nonnull (row);
  WAIT_UNTIL (gtk_widget_has_focus (gtk_widget_get_parent (GTK_WIDGET (row))));

  /* On the list page, Escape is not ours. */
  g_assert_false (activate_shortcut (GTK_WIDGET (pane), GDK_KEY_Escape, 0));

  /* A point clicked on the map, far down the list. */
  {
    guint far = atlas_result_get_n_items (result) - 3;
    gint64 rowid = atlas_result_get_rowid (result, far);

    atlas_context_set_selected (fixture->context, rowid);
    g_assert_true (atlas_results_pane_get_showing_detail (pane));
    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, far);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "results.back", NULL));
    g_assert_false (atlas_results_pane_get_showing_detail (pane));
    WAIT_UNTIL ((row = find_row (pane, rowid)) != NULL &&
                gtk_widget_has_focus (gtk_widget_get_parent (GTK_WIDGET (row))));
  }

  /* An initiative the filters hide: details, and no row selected. */
  {
    AtlasQuery *query = atlas_context_get_query (fixture->context);
    gint64 hidden;
    guint n_all;

    atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
    result = atlas_context_get_result (fixture->context);
    n_all = atlas_index_get_n_initiatives (atlas_context_get_index (fixture->context));

    /* The bundled data fills a new cache: rowids 1 to n_all. */
    hidden = 0;
    for (gint64 candidate = 1; candidate <= n_all && hidden == 0; candidate++)
      if (atlas_result_find_rowid (result, candidate) < 0)
        hidden = candidate;
    g_assert_cmpint (hidden, >, 0);

    atlas_context_set_selected (fixture->context, hidden);
    g_assert_true (atlas_results_pane_get_showing_detail (pane));
    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  }

  /* No selection: back to the list. */
  atlas_context_set_selected (fixture->context, 0);
  g_assert_false (atlas_results_pane_get_showing_detail (pane));
}

/* Titles are plain text; the search's words are highlighted in them, also
 * when the search has no accents and the title has ("sante", "Santé"). */
static void
test_row (Fixture       *fixture,
          gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResultsPane *pane;
  AtlasResult *result;
  AtlasResultRow *row;
  GtkWidget *title;
  PangoAttrList *attrs;
  g_autoptr(GSList) backgrounds = NULL;
  const char *santé = "Santé numérique pour tous";
  guint serial;
  gint64 sante_rowid;
  gint64 markup_rowid;

  import_document (fixture, HAND_DOCUMENT);
  load_context (fixture);
  pane = show_pane (fixture, 420, 700);
  result = atlas_context_get_result (fixture->context);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 3);
  sante_rowid = find_rowid_by_title (fixture, santé);
  markup_rowid = find_rowid_by_title (fixture, "<b>x</b> & y");

  /* What a row shows. */
  row = find_row (pane, sante_rowid);
  g_assert_nonnull (row);
  g_assert_cmpstr (label_text (get_row_label (row, "title_label")), ==, santé);
  g_assert_null (label_attributes (get_row_label (row, "title_label")));
  g_assert_cmpstr (label_text (get_row_label (row, "lead_label")), ==,
                   "Ministère de la Santé");
  g_assert_cmpstr (label_text (get_row_label (row, "countries_label")), ==,
                   "Senegal, Mali, Burkina Faso + 2 more");
  g_assert_cmpstr (label_text (get_row_label (row, "status_label")), ==, "Ongoing");
  assert_status_fits (row);
  g_assert_cmpuint (atlas_result_row_get_n_dots (row), ==, 2);
  assert_dots_drawn (row, 2);
  assert_status_pill_drawn (row, "atlas_result_status_ongoing_bg");

  /* Markup in a title shows as it is. */
  row = find_row (pane, markup_rowid);
  g_assert_nonnull (row);
  title = get_row_label (row, "title_label");
  g_assert_cmpstr (label_text (title), ==, "<b>x</b> & y");
  g_assert_null (label_attributes (title));
  g_assert_cmpstr (label_text (get_row_label (row, "countries_label")), ==, "Global");
  g_assert_cmpstr (label_text (get_row_label (row, "status_label")), ==, "Planned");
  assert_status_fits (row);

  /* "sante" finds "Santé" and highlights the whole word, accent included. */
  atlas_query_set_text (query, "sante");
  WAIT_UNTIL (atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == 1);
  atlas_test_wait_frames (GTK_WIDGET (pane), 2);
  row = find_row (pane, sante_rowid);
  g_assert_nonnull (row);
  title = get_row_label (row, "title_label");
  g_assert_cmpstr (label_text (title), ==, santé);
  attrs = label_attributes (title);
  g_assert_nonnull (attrs);
  {
    g_autoptr(PangoAttrIterator) iter = pango_attr_list_get_iterator (attrs);

    do
      {
        PangoAttribute *background = pango_attr_iterator_get (iter, PANGO_ATTR_BACKGROUND);

        if (background != NULL)
          backgrounds = g_slist_append (backgrounds, background);
      }
    while (pango_attr_iterator_next (iter));
  }
  g_assert_cmpuint (g_slist_length (backgrounds), ==, 1);
  g_assert_cmpuint (((PangoAttribute *) backgrounds->data)->start_index, ==, 0);
  g_assert_cmpuint (((PangoAttribute *) backgrounds->data)->end_index, ==, strlen ("Santé"));

  /* Two words, two ranges, in text order. */
  serial = n_published;
  atlas_query_set_text (query, "TOUS sante");
  wait_for_search (fixture, serial);
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==, 1);
  atlas_test_wait_frames (GTK_WIDGET (pane), 2);
  row = find_row (pane, sante_rowid);
  g_assert_nonnull (row);
  {
    g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (AtlasTextRange));
    g_auto(GStrv) words = atlas_text_split_words ("TOUS sante");
    PangoAttrIterator *iter;
    guint found = 0;

    atlas_text_find_matches (santé, (const char * const *) words, expected);
    g_assert_cmpuint (expected->len, ==, 2);

    attrs = label_attributes (get_row_label (row, "title_label"));
    iter = pango_attr_list_get_iterator (attrs);
    do
      {
        PangoAttribute *background = pango_attr_iterator_get (iter, PANGO_ATTR_BACKGROUND);

        if (background == NULL)
          continue;

        g_assert_cmpuint (found, <, expected->len);
        g_assert_cmpuint (background->start_index, ==,
                          g_array_index (expected, AtlasTextRange, found).start);
        g_assert_cmpuint (background->end_index, ==,
                          g_array_index (expected, AtlasTextRange, found).end);
        found++;
      }
    while (pango_attr_iterator_next (iter));
    pango_attr_iterator_destroy (iter);
    g_assert_cmpuint (found, ==, 2);
  }
}

/* A title that wraps takes two lines of its row and one that does not
 * one, as the list narrows and widens again (the second time at each
 * width, from the measures the rows share). */
static void
test_title_lines (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AtlasResultsPane *pane;
  gint64 long_rowid, short_rowid;

  import_document (fixture, TITLES_DOCUMENT);
  load_context (fixture);
  pane = show_pane (fixture, 420, 500);
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==, 2);
  long_rowid = find_rowid_by_title (fixture, "Regional partnership for open digital public "
                                             "infrastructure and data governance");
  short_rowid = find_rowid_by_title (fixture, "Open data");

  for (guint i = 0; i < 4; i++)
    {
      int width = i % 2 == 0 ? 420 : 900;
      AtlasResultRow *row;

      gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 500);
      WAIT_UNTIL (gtk_widget_get_width (fixture->window) == width);
      atlas_test_wait_frames (GTK_WIDGET (pane), 2);

      row = find_row (pane, long_rowid);
      g_assert_nonnull (row);
      g_test_message ("In a window %d pixels wide, rows are %d wide", width,
                      gtk_widget_get_width (GTK_WIDGET (row)));
      g_assert_cmpint (assert_title_lines (row), ==, width == 420 ? 2 : 1);

      row = find_row (pane, short_rowid);
      g_assert_nonnull (row);
      g_assert_cmpint (assert_title_lines (row), ==, 1);
    }
}

/* "Kenya, Ghana, Nigeria + 4 more", "Global". */
static void
test_countries (void)
{
  g_autoptr(GPtrArray) countries = g_ptr_array_new ();
  g_autofree char *none = NULL;
  g_autofree char *two = NULL;
  g_autofree char *seven = NULL;
  const char *codes[] = { "KE", "GH", "NG", "SN", "XX", "ML", "TD" };

  none = atlas_result_row_format_countries (countries);
  g_assert_cmpstr (none, ==, "Global");

  g_ptr_array_add (countries, (gpointer) codes[0]);
  g_ptr_array_add (countries, (gpointer) codes[1]);
  two = atlas_result_row_format_countries (countries);
  g_assert_cmpstr (two, ==, "Kenya, Ghana");

  for (guint i = 2; i < G_N_ELEMENTS (codes); i++)
    g_ptr_array_add (countries, (gpointer) codes[i]);
  seven = atlas_result_row_format_countries (countries);
  g_assert_cmpstr (seven, ==, "Kenya, Ghana, Nigeria + 4 more");
}

static void
on_export_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
export_file (AtlasResultsPane   *pane,
             GFile              *file,
             AtlasExportFormat   format,
             GCancellable       *cancellable,
             guint              *n_exported,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  atlas_results_pane_export_async (pane, file, format, cancellable, on_export_cb, &result);
  WAIT_UNTIL (result != NULL);

  return atlas_results_pane_export_finish (pane, result, n_exported, error);
}

/* Records of a CSV document (fields may hold quoted line breaks). */
static guint
count_csv_records (const char *data,
                   gsize       length)
{
  gboolean quoted = FALSE;
  gboolean in_record = FALSE;
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;

      if (!quoted && c == '\n')
        {
          if (in_record)
            n++;
          in_record = FALSE;
        }
      else if (c != '\r')
        in_record = TRUE;
    }

  return n + (in_record ? 1 : 0);
}

/* The current results, exported as a feed that parses back to as many
 * initiatives, and as CSV with a header and one record per result; a
 * failed export leaves no file, or the old one as it was. */
static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  g_autofree char *json_path = g_build_filename (fixture->dir, "initiatives.json", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "initiatives.csv", NULL);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "no-such-folder", "x.csv", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing_path);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  AtlasResultsPane *pane;
  AtlasResult *result;
  gsize length;
  guint n = 0;
  guint expected;

  load_context (fixture);
  pane = show_pane (fixture, 420, 700);
  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  atlas_query_add_value (query, ATLAS_FACET_SDG, "9");
  result = atlas_context_get_result (fixture->context);
  expected = atlas_result_get_n_items (result);
  g_assert_cmpuint (expected, >, 1);
  g_assert_cmpuint (expected, <,
                    atlas_index_get_n_initiatives (atlas_context_get_index (fixture->context)));

  g_assert_true (export_file (pane, json_file, ATLAS_EXPORT_JSON, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);
  g_file_get_contents (json_path, &data, &length, &error);
  g_assert_no_error (error);
  page = atlas_feed_parse (data, length, "file:///initiatives.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->initiatives->len, ==, expected);
  g_assert_true (page->complete);
  {
    g_autoptr(AtlasInitiative) first = NULL;

    first = atlas_context_load_initiative (fixture->context, atlas_result_get_rowid (result, 0),
                                           NULL);

    g_assert_cmpstr (((AtlasInitiative *) g_ptr_array_index (page->initiatives, 0))->title, ==,
                     first->title);
  }
  g_clear_pointer (&data, g_free);

  n = 0;
  g_assert_true (export_file (pane, csv_file, ATLAS_EXPORT_CSV, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);
  g_file_get_contents (csv_path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_csv_records (data, length), ==, expected + 1);

  /* A folder that does not exist: an error, and nothing written. */
  g_assert_false (export_file (pane, missing_file, ATLAS_EXPORT_CSV, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("export error: %s", error->message);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (missing_file, NULL));

  /* Cancelled: the file there before is left alone. */
  g_cancellable_cancel (cancelled);
  g_assert_false (export_file (pane, csv_file, ATLAS_EXPORT_JSON, cancelled, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  {
    g_autofree char *after = NULL;

    g_file_get_contents (csv_path, &after, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (after, ==, data);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "results.clear", NULL));
  g_assert_true (atlas_query_is_empty (query));
}

/* A failed sync keeps the list, with a warning above it until a sync
 * succeeds. */
static void
test_sync_warning (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AtlasResultsPane *pane;
  GtkLabel *label;
  gint64 source_id;

  load_context (fixture);
  pane = show_pane (fixture, 420, 700);
  g_assert_false (gtk_widget_get_visible (get_child (pane, "warning_box")));

  store = atlas_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  source_id = atlas_store_ensure_source (store, "https://feeds.example.org/feed.json",
                                         ATLAS_SOURCE_KIND_FEED, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_record_failure (store, source_id,
                                             "The feed could not be reached.", &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (fixture->context, "sync-finished", NULL, NULL);
  g_assert_true (gtk_widget_get_visible (get_child (pane, "warning_box")));
  label = get_child (pane, "warning_label");
  g_test_message ("warning: %s", gtk_label_get_text (label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "Showing data from "));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), ": the last update failed."));
  g_assert_cmpstr (get_content_page (pane), ==, "results");

  g_assert_true (atlas_store_record_not_modified (store, source_id, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (fixture->context, "sync-finished", NULL, NULL);
  g_assert_false (gtk_widget_get_visible (get_child (pane, "warning_box")));
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("ATLAS_SCREENSHOT_DIR");
  g_autoptr(GskRenderNode) node = atlas_test_render_widget (widget);
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }
}

/* Renders the pane in its states; with ATLAS_SCREENSHOT_DIR set, saves them
 * as PNG files to look at. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResultsPane *pane;
  GtkWidget *detail;
  guint serial;

  load_context (fixture);
  pane = show_pane (fixture, 420, 760);
  atlas_test_wait_frames (GTK_WIDGET (pane), 3);
  save_screenshot (fixture->window, "results-wide.png");

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 760);
  atlas_test_wait_frames (GTK_WIDGET (pane), 4);
  save_screenshot (fixture->window, "results-narrow.png");

  serial = n_published;
  atlas_query_freeze (query);
  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");
  atlas_query_set_year_range (query, 2015, 0);
  atlas_query_set_text (query, "digital");
  atlas_query_thaw (query);
  wait_for_search (fixture, serial);
  /* The chips slide in. */
  atlas_test_wait_frames (GTK_WIDGET (pane), 30);
  save_screenshot (fixture->window, "results-chips-highlight.png");

  atlas_query_set_text (query, "zzqxw");
  WAIT_UNTIL (atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == 0);
  atlas_test_wait_frames (GTK_WIDGET (pane), 4);
  save_screenshot (fixture->window, "results-empty.png");

  atlas_query_clear (query);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 760);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  atlas_query_set_text (query, "data");
  WAIT_UNTIL (atlas_result_get_n_items (atlas_context_get_result (fixture->context)) > 0 &&
              atlas_result_get_n_items (atlas_context_get_result (fixture->context)) <
              atlas_index_get_n_initiatives (atlas_context_get_index (fixture->context)));
  atlas_test_wait_frames (GTK_WIDGET (pane), 4);
  gtk_widget_activate_action (get_child (pane, "list_view"), "list.select-item", "(ubb)",
                              1, FALSE, FALSE);
  atlas_test_wait_frames (GTK_WIDGET (pane), 3);
  save_screenshot (fixture->window, "results-dark.png");

  /* A failed update, over the dark list. */
  {
    g_autoptr(AtlasStore) store = atlas_store_open (fixture->database_path, NULL);
    gint64 source_id;

    g_assert_nonnull (store);
    source_id = atlas_store_ensure_source (store, "https://feeds.example.org/feed.json",
                                           ATLAS_SOURCE_KIND_FEED, NULL);
    atlas_store_record_failure (store, source_id, "The feed could not be reached.", NULL);
    g_signal_emit_by_name (fixture->context, "sync-finished", NULL, NULL);
    atlas_test_wait_frames (GTK_WIDGET (pane), 3);
    save_screenshot (fixture->window, "results-warning-dark.png");
  }

  detail = atlas_detail_view_new (fixture->context);
  atlas_results_pane_set_detail (pane, detail);
  gtk_widget_activate_action (get_child (pane, "list_view"), "list.activate-item", "u", 1);
  WAIT_UNTIL (gtk_widget_get_mapped (detail));
  atlas_test_wait_frames (GTK_WIDGET (pane), 30);
  save_screenshot (fixture->window, "results-detail-dark.png");

  /* Back (Escape): the list, with the row selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "results.back", NULL));
  atlas_test_wait_frames (GTK_WIDGET (pane), 30);
  save_screenshot (fixture->window, "results-back-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_ui (&argc, &argv);

  atlas_test_load_style ();

  g_test_add ("/results-pane/model", Fixture, NULL, fixture_set_up, test_model, fixture_tear_down);
  g_test_add ("/results-pane/large-model", Fixture, NULL,
              fixture_set_up, test_large_model, fixture_tear_down);
  g_test_add ("/results-pane/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/results-pane/chips", Fixture, NULL, fixture_set_up, test_chips, fixture_tear_down);
  g_test_add ("/results-pane/empty-state", Fixture, NULL,
              fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/results-pane/restored-query", Fixture, NULL,
              fixture_set_up, test_restored_query, fixture_tear_down);
  g_test_add ("/results-pane/failed-state", Fixture, NULL,
              fixture_set_up, test_failed_state, fixture_tear_down);
  g_test_add ("/results-pane/navigation", Fixture, NULL,
              fixture_set_up, test_navigation, fixture_tear_down);
  g_test_add ("/results-pane/row", Fixture, NULL, fixture_set_up, test_row, fixture_tear_down);
  g_test_add ("/results-pane/title-lines", Fixture, NULL,
              fixture_set_up, test_title_lines, fixture_tear_down);
  g_test_add_func ("/results-pane/countries", test_countries);
  g_test_add ("/results-pane/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/results-pane/sync-warning", Fixture, NULL,
              fixture_set_up, test_sync_warning, fixture_tear_down);
  g_test_add ("/results-pane/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
