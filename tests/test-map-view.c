/* test-map-view.c
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
#include <math.h>
#include <string.h>

#include "atlas-basemap-source.h"
#include "atlas-core.h"
#include "atlas-map-legend.h"
#include "atlas-map-view.h"
#include "atlas-online-source.h"
#include "atlas-swatch.h"
#include "atlas-test-feed.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"

/* A generated cache: initiative n names n % 4 countries, has a precise
 * location when n % 9 == 0 (atlas-test-feed.c). */
#define N_INITIATIVES 3000
#define WIDTH         1280
#define HEIGHT        800
#define WAIT_LIMIT_S  60

static char *cache_path;

typedef struct
{
  GSettings    *settings;
  AtlasContext *context;
  GtkWindow    *window;
  AtlasMapView *view;
} Fixture;

/* Waiting */

static gboolean
on_wait_limit_cb (gpointer user_data)
{
  const char *what = user_data;

  g_error ("Waited more than %d s for %s", WAIT_LIMIT_S, what);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; the time limit only stops a
 * test that would otherwise hang. */
#define WAIT_FOR(condition, what)                                                   \
  G_STMT_START {                                                                    \
    guint wait_limit_id = g_timeout_add_seconds (WAIT_LIMIT_S, on_wait_limit_cb,    \
                                                 (gpointer) (what));                \
    while (!(condition))                                                            \
      g_main_context_iteration (NULL, TRUE);                                        \
    g_source_remove (wait_limit_id);                                                \
  } G_STMT_END

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Waits until @widget has been drawn after everything so far. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint count = 0;
  gulong handler;

  WAIT_FOR (gtk_widget_get_mapped (widget), "the widget to be mapped");
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &count);
  gtk_widget_queue_draw (widget);
  WAIT_FOR (count >= 1, "a frame");
  g_signal_handler_disconnect (clock, handler);
}

/* Rendering */

typedef struct
{
  int     width;
  int     height;
  guint32 *pixels;             /* cairo ARGB32 words */
} Image;

static void
image_free (Image *image)
{
  g_free (image->pixels);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static GdkTexture *
render_texture (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = atlas_test_render_widget (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static Image *
render (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = render_texture (widget);
  Image *image = g_new0 (Image, 1);

  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->pixels = g_new (guint32, (gsize) image->width * image->height);
  gdk_texture_download (texture, (guchar *) image->pixels, image->width * 4);

  return image;
}

static guint32
image_pixel (const Image *image,
             double       x,
             double       y)
{
  int ix = CLAMP ((int) x, 0, image->width - 1);
  int iy = CLAMP ((int) y, 0, image->height - 1);

  return image->pixels[iy * image->width + ix];
}

/* The lowest and highest of an opaque pixel's red, green and blue: light
 * pixels have a high lowest one, dark pixels a low highest one. */
static int
darkest_channel (guint32 pixel)
{
  return MIN (MIN ((pixel >> 16) & 0xff, (pixel >> 8) & 0xff), pixel & 0xff);
}

static int
brightest_channel (guint32 pixel)
{
  return MAX (MAX ((pixel >> 16) & 0xff, (pixel >> 8) & 0xff), pixel & 0xff);
}

static guint32
pack_color (const GdkRGBA *color)
{
  return 0xff000000u |
         (guint32) lround (color->red * 255) << 16 |
         (guint32) lround (color->green * 255) << 8 |
         (guint32) lround (color->blue * 255);
}

static int
color_distance (guint32 a,
                guint32 b)
{
  int distance = 0;

  for (guint shift = 0; shift < 24; shift += 8)
    distance += ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff));

  return distance;
}

static int
brightness (guint32 pixel)
{
  return ((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff);
}

/* Map coordinates */

static void
location_to_view (Fixture *fixture,
                  double   latitude,
                  double   longitude,
                  double  *x,
                  double  *y)
{
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));
  graphene_point_t point;

  shumate_viewport_location_to_widget_coords (atlas_map_view_get_viewport (fixture->view),
                                              map, latitude, longitude, x, y);
  g_assert_true (gtk_widget_compute_point (map, GTK_WIDGET (fixture->view),
                                           &GRAPHENE_POINT_INIT (*x, *y), &point));
  *x = point.x;
  *y = point.y;
}

static void
location_to_map (Fixture *fixture,
                 double   latitude,
                 double   longitude,
                 double  *x,
                 double  *y)
{
  shumate_viewport_location_to_widget_coords (atlas_map_view_get_viewport (fixture->view),
                                              GTK_WIDGET (atlas_map_view_get_map (fixture->view)),
                                              latitude, longitude, x, y);
}

static const AtlasCountry *
find_country (const char *alpha2,
              int        *index)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  int found = atlas_vocab_find_country (vocab, alpha2);

  g_assert_cmpint (found, >=, 0);
  if (index != NULL)
    *index = found;

  return atlas_vocab_get_country (vocab, found);
}

/* Moves the map at once (animations are off in these tests). */
static void
move_map (Fixture *fixture,
          double   latitude,
          double   longitude,
          double   zoom)
{
  ShumateViewport *viewport = atlas_map_view_get_viewport (fixture->view);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (atlas_map_view_get_map (fixture->view), latitude, longitude);
  wait_for_frame (GTK_WIDGET (fixture->view));
}

/* Basemap tiles are drawn in threads: waits until a place known to be land
 * without initiatives is drawn in another colour than the sea behind the
 * tiles, and until the layer has drawn all of its own. */
static void
wait_for_tiles (Fixture *fixture)
{
  AtlasBasemapSource *source;
  GdkRGBA ocean;
  guint32 sea;
  double x, y;
  gboolean drawn = FALSE;

  source = atlas_basemap_source_new (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  atlas_basemap_source_get_ocean_color (source, &ocean);
  sea = pack_color (&ocean);
  g_object_unref (source);

  /* Mongolia: no generated initiative names it. */
  location_to_view (fixture, 46.8, 103.0, &x, &y);

  /* The layer draws its tiles a few at a time too. */
  while (!drawn)
    {
      g_autoptr(Image) image = NULL;

      wait_for_frame (GTK_WIDGET (fixture->view));
      if (!atlas_initiative_layer_get_complete (atlas_map_view_get_layer (fixture->view)))
        continue;
      image = render (GTK_WIDGET (fixture->view));
      drawn = color_distance (image_pixel (image, x, y), sea) > 30;
      if (!drawn)
        atlas_test_run_for (20);
    }
}

/* Events */

static gpointer
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }

  g_error ("No controller named %s", name);
  return NULL;
}

/* A click as the map's click gesture reports it, at map coordinates. */
static void
click_map (Fixture *fixture,
           double   x,
           double   y)
{
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));
  GtkGesture *click = find_controller (map, "atlas-map-click");

  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
}

/* Activates what the map's own shortcuts bind to @keyval. */
static void
press_key (Fixture *fixture,
           guint    keyval)
{
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));
  GListModel *shortcuts = find_controller (map, "atlas-map-keys");

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
          gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
        {
          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                       GTK_SHORTCUT_ACTION_EXCLUSIVE, map,
                                                       gtk_shortcut_get_arguments (shortcut)));
          return;
        }
    }

  g_error ("No shortcut for %s", gdk_keyval_name (keyval));
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;

      found = find_button_with_label (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;

      found = find_widget_of_type (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What a menu button says: its label, or the text of its label child. */
static const char *
get_menu_button_text (GtkMenuButton *button)
{
  GtkWidget *child = gtk_menu_button_get_child (button);

  if (GTK_IS_LABEL (child))
    return gtk_label_get_text (GTK_LABEL (child));

  return gtk_menu_button_get_label (button);
}

static GtkMenuButton *
find_menu_button (GtkWidget  *root,
                  const char *tooltip,
                  const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) &&
          (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0) &&
          (label == NULL || g_strcmp0 (get_menu_button_text (GTK_MENU_BUTTON (child)), label) == 0))
        return GTK_MENU_BUTTON (child);

      found = find_menu_button (child, tooltip, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Initiatives 0 .. @n - 1 of the generator, or, when @skewed, a selection
 * of them in which the first country of an initiative decides how often it
 * is kept: counts per country then range from a few to hundreds, as in real
 * data, and the colour scale shows all its classes. */
static char *
create_cache (guint    n,
              gboolean skewed)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autoptr(AtlasSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AtlasTestFeedPage page = {
    .generated_at = "2026-01-15T10:00:00Z",
    .complete = TRUE,
    .next = NULL,
    .description_size = 64,
  };
  GString *document = atlas_test_feed_begin (&page);
  AtlasSyncReport *report;
  char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  char *text;

  for (guint i = 0; i < n; i++)
    {
      /* 48 countries in the generator's list, the first at n % 48. */
      if (skewed && (i / 48) % (1 + (i % 48) / 3) != 0)
        continue;
      atlas_test_feed_add_initiative (document, i, 0, page.description_size);
    }
  text = atlas_test_feed_end (document);

  bytes = g_bytes_new_take (text, strlen (text));
  sync = atlas_sync_new (path);
  report = atlas_sync_import (sync, "file:///generated.json", ATLAS_SOURCE_KIND_FILE, bytes,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  atlas_sync_report_free (report);

  return path;
}

/* The fixture: a cache, a context on it, a window with the map */

static AtlasContext *
load_context (GSettings *settings)
{
  AtlasContext *context = atlas_context_new (settings, cache_path);
  gboolean done = FALSE;

  atlas_context_load_async (context, NULL, atlas_test_context_loaded_cb, &done);
  WAIT_FOR (done, "the context to load");
  g_assert_cmpint (atlas_context_get_state (context), ==, ATLAS_CONTEXT_STATE_READY);
  g_assert_nonnull (atlas_context_get_result (context));

  return context;
}

static void
open_window (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_default_size (fixture->window, WIDTH, HEIGHT);
  fixture->view = ATLAS_MAP_VIEW (atlas_map_view_new (fixture->context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  wait_for_frame (GTK_WIDGET (fixture->view));
}

static void
close_window (Fixture *fixture)
{
  g_autoptr(GtkWidget) view = GTK_WIDGET (g_object_ref (fixture->view));

  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->view = NULL;
  g_clear_object (&view);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A narrow map has no room for both the scale and the attribution: the
 * attribution stays. */
static void
test_narrow_scale (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *simple_map = gtk_widget_get_ancestor (GTK_WIDGET (atlas_map_view_get_map (fixture->view)),
                                                   SHUMATE_TYPE_SIMPLE_MAP);
  GtkWidget *scale = GTK_WIDGET (shumate_simple_map_get_scale (SHUMATE_SIMPLE_MAP (simple_map)));
  GtkWidget *license = GTK_WIDGET (shumate_simple_map_get_license (SHUMATE_SIMPLE_MAP (simple_map)));

  AtlasMapLegend *legend;
  GtkWidget *title_button;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), >=, 480);
  g_assert_true (gtk_widget_get_visible (scale));
  legend = ATLAS_MAP_LEGEND (find_widget_of_type (GTK_WIDGET (fixture->view), ATLAS_TYPE_MAP_LEGEND));
  g_assert_true (atlas_map_legend_get_expanded (legend));

  close_window (fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_default_size (fixture->window, 360, HEIGHT);
  fixture->view = ATLAS_MAP_VIEW (atlas_map_view_new (fixture->context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  wait_for_frame (GTK_WIDGET (fixture->view));

  simple_map = gtk_widget_get_ancestor (GTK_WIDGET (atlas_map_view_get_map (fixture->view)),
                                        SHUMATE_TYPE_SIMPLE_MAP);
  scale = GTK_WIDGET (shumate_simple_map_get_scale (SHUMATE_SIMPLE_MAP (simple_map)));
  license = GTK_WIDGET (shumate_simple_map_get_license (SHUMATE_SIMPLE_MAP (simple_map)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), <, 480);
  WAIT_FOR (!gtk_widget_get_visible (scale), "the scale to give way");
  g_assert_true (gtk_widget_get_visible (license));

  /* The legend folds to its title, which unfolds it. */
  legend = ATLAS_MAP_LEGEND (find_widget_of_type (GTK_WIDGET (fixture->view), ATLAS_TYPE_MAP_LEGEND));
  g_assert_false (atlas_map_legend_get_expanded (legend));
  title_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (legend),
                                                           ATLAS_TYPE_MAP_LEGEND, "title_button"));
  g_assert_true (GTK_IS_BUTTON (title_button));
  g_signal_emit_by_name (title_button, "clicked");
  g_assert_true (atlas_map_legend_get_expanded (legend));
  g_signal_emit_by_name (title_button, "clicked");
  g_assert_false (atlas_map_legend_get_expanded (legend));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *keys[] = { "map-latitude", "map-longitude", "map-zoom", "basemap", "query" };

  fixture->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->context = load_context (fixture->settings);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
}

/* What the store says about the current result, to check the map against. */
typedef struct
{
  guint n_items;
  guint n_located;
  guint n_global;
  guint n_kenya;
} Expected;

static Expected
count_result (AtlasContext *context)
{
  AtlasResult *result = atlas_context_get_result (context);
  Expected expected = { 0 };

  expected.n_items = atlas_result_get_n_items (result);
  for (guint i = 0; i < expected.n_items; i++)
    {
      g_autoptr(AtlasInitiative) initiative = NULL;
      g_autoptr(GError) error = NULL;

      initiative = atlas_context_load_initiative (context, atlas_result_get_rowid (result, i),
                                                  &error);
      g_assert_no_error (error);
      g_assert_nonnull (initiative);

      if (initiative->has_location)
        expected.n_located++;
      if (initiative->countries->len == 0)
        expected.n_global++;
      if (atlas_initiative_has_country (initiative, "KE"))
        expected.n_kenya++;
    }

  return expected;
}

static void
assert_aggregates (Fixture *fixture)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  AtlasResult *result = atlas_context_get_result (fixture->context);
  Expected expected = count_result (fixture->context);
  const guint *counts;
  guint n_counts = 0, max_count = 0, n_active = 0, previous = G_MAXUINT;
  const guint *active;
  int kenya;

  find_country ("KE", &kenya);
  counts = atlas_result_get_country_counts (result, &n_counts);
  g_assert_cmpuint (n_counts, ==, atlas_vocab_get_n_countries (atlas_vocab_get_default ()));

  for (guint i = 0; i < n_counts; i++)
    {
      g_assert_cmpuint (atlas_initiative_layer_get_country_count (layer, i), ==, counts[i]);
      max_count = MAX (max_count, counts[i]);
    }

  g_assert_cmpuint (expected.n_kenya, >, 0);
  g_assert_cmpuint (atlas_initiative_layer_get_country_count (layer, kenya), ==, expected.n_kenya);
  g_assert_cmpuint (atlas_initiative_layer_get_max_count (layer), ==, max_count);
  g_assert_cmpuint (atlas_initiative_layer_get_n_points (layer), ==, expected.n_located);
  g_assert_cmpuint (atlas_initiative_layer_get_n_global (layer), ==, expected.n_global);

  /* Countries by decreasing count, every one with a count. */
  active = atlas_initiative_layer_get_countries (layer, &n_active);
  g_assert_cmpuint (n_active, >, 0);
  for (guint i = 0; i < n_active; i++)
    {
      g_assert_cmpuint (counts[active[i]], >, 0);
      g_assert_cmpuint (counts[active[i]], <=, previous);
      previous = counts[active[i]];
    }
}

/* Kenya's representative point shows the colour of its count's class. */
static void
assert_kenya_shade (Fixture *fixture)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  const AtlasCountry *kenya;
  g_autoptr(Image) image = NULL;
  guint count, n_classes, min, max;
  gboolean found = FALSE;
  GdkRGBA color = { 0 };
  int index;
  double x, y;

  kenya = find_country ("KE", &index);
  count = atlas_initiative_layer_get_country_count (layer, index);
  n_classes = atlas_initiative_layer_get_n_classes (layer);
  for (guint i = 0; i < n_classes && !found; i++)
    {
      atlas_initiative_layer_get_class (layer, i, &min, &max, &color);
      found = min <= count && count <= max;
    }
  g_assert_true (found);

  wait_for_tiles (fixture);
  image = render (GTK_WIDGET (fixture->view));
  location_to_view (fixture, kenya->latitude, kenya->longitude, &x, &y);
  g_test_message ("Kenya: %u initiatives, pixel #%06x, class colour #%06x", count,
                  image_pixel (image, x, y) & 0xffffff, pack_color (&color) & 0xffffff);
  g_assert_cmpint (color_distance (image_pixel (image, x, y), pack_color (&color)), <=, 6);
}

/* Tests */

static void
test_basemap_tiles (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Image) image = NULL;
  g_autoptr(AtlasBasemapSource) light = atlas_basemap_source_new (FALSE);
  ShumateMapSource *source = shumate_simple_map_get_map_source (
    SHUMATE_SIMPLE_MAP (find_widget_of_type (GTK_WIDGET (fixture->view), SHUMATE_TYPE_SIMPLE_MAP)));
  GdkRGBA ocean;
  guint32 sea, mongolia, kenya, pacific;
  double x, y;

  /* No network: the offline map by default. */
  g_assert_true (ATLAS_IS_BASEMAP_SOURCE (source));
  g_assert_false (atlas_basemap_source_get_dark (ATLAS_BASEMAP_SOURCE (source)));

  wait_for_tiles (fixture);
  image = render (GTK_WIDGET (fixture->view));
  atlas_basemap_source_get_ocean_color (light, &ocean);
  sea = pack_color (&ocean);

  location_to_view (fixture, 0.0, -150.0, &x, &y);
  pacific = image_pixel (image, x, y);
  location_to_view (fixture, 46.8, 103.0, &x, &y);
  mongolia = image_pixel (image, x, y);
  location_to_view (fixture, 0.5, 37.9, &x, &y);
  kenya = image_pixel (image, x, y);

  g_test_message ("sea #%06x, Pacific #%06x, Mongolia #%06x, Kenya #%06x",
                  sea & 0xffffff, pacific & 0xffffff, mongolia & 0xffffff, kenya & 0xffffff);
  g_assert_cmpint (color_distance (pacific, sea), <=, 6);
  /* Land without initiatives is the basemap's light land. */
  g_assert_cmpint (color_distance (mongolia, sea), >, 30);
  g_assert_cmpint (brightness (mongolia), >, 3 * 230);
  /* Kenya is shaded: its initiatives colour it. */
  g_assert_cmpint (color_distance (kenya, mongolia), >, 60);
  g_assert_cmpint (color_distance (kenya, sea), >, 60);
}

/* Waits until the layer shows a result other than @previous, and the one
 * the query now gives. */
static void
wait_for_new_result (Fixture     *fixture,
                     AtlasResult *previous)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);

  WAIT_FOR (atlas_context_get_result (fixture->context) != previous &&
            atlas_initiative_layer_get_result (layer) == atlas_context_get_result (fixture->context),
            "the new result on the map");
}

static void
test_aggregates (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResult *all;
  guint n_all, n_filtered;

  assert_aggregates (fixture);
  assert_kenya_shade (fixture);
  all = atlas_context_get_result (fixture->context);
  n_all = atlas_result_get_n_items (all);
  g_assert_cmpuint (n_all, ==, N_INITIATIVES);

  /* A filter: the layer follows the new result. */
  atlas_query_add_value (query, ATLAS_FACET_SDG, "3");
  wait_for_new_result (fixture, all);
  n_filtered = atlas_result_get_n_items (atlas_context_get_result (fixture->context));
  g_assert_cmpuint (n_filtered, <, n_all);
  g_assert_cmpuint (n_filtered, >, 0);
  assert_aggregates (fixture);
  assert_kenya_shade (fixture);

  /* The legend's last class ends at the largest count. */
  {
    AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
    guint n_classes = atlas_initiative_layer_get_n_classes (layer);
    guint min, max, previous_max = 0;
    AtlasMapLegend *legend;

    g_assert_cmpuint (n_classes, >=, 1);
    g_assert_cmpuint (n_classes, <=, ATLAS_INITIATIVE_LAYER_MAX_CLASSES);
    for (guint i = 0; i < n_classes; i++)
      {
        atlas_initiative_layer_get_class (layer, i, &min, &max, NULL);
        g_assert_cmpuint (min, ==, previous_max + 1);
        g_assert_cmpuint (max, >=, min);
        previous_max = max;
      }
    g_assert_cmpuint (previous_max, ==, atlas_initiative_layer_get_max_count (layer));

    /* The legend says the same, in words. */
    legend = ATLAS_MAP_LEGEND (find_widget_of_type (GTK_WIDGET (fixture->view),
                                                    ATLAS_TYPE_MAP_LEGEND));
    g_assert_nonnull (legend);
    for (guint i = 0; i < ATLAS_INITIATIVE_LAYER_MAX_CLASSES; i++)
      {
        g_autofree char *expected = NULL;

        if (i >= n_classes)
          {
            g_assert_null (atlas_map_legend_get_row_text (legend, i));
            continue;
          }

        atlas_initiative_layer_get_class (layer, i, &min, &max, NULL);
        if (min == max)
          expected = g_strdup_printf (max == 1 ? "%u initiative" : "%u initiatives", max);
        else
          expected = g_strdup_printf ("%u–%u initiatives", min, max);
        g_assert_cmpstr (atlas_map_legend_get_row_text (legend, i), ==, expected);
      }
  }
}

/* The pixels of two renderings of the view that differ by more than a
 * rounding. */
static guint
count_different_pixels (const Image *a,
                        const Image *b)
{
  guint n_different = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (gsize i = 0; i < (gsize) a->width * a->height; i++)
    if (color_distance (a->pixels[i], b->pixels[i]) > 6)
      n_different++;

  return n_different;
}

/* The colour of Kenya's class in the current result. */
static guint32
kenya_class_color (Fixture *fixture)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  guint count, min, max;
  GdkRGBA color = { 0 };
  int kenya;

  find_country ("KE", &kenya);
  count = atlas_initiative_layer_get_country_count (layer, kenya);
  for (guint i = 0; i < atlas_initiative_layer_get_n_classes (layer); i++)
    {
      atlas_initiative_layer_get_class (layer, i, &min, &max, &color);
      if (min <= count && count <= max)
        return pack_color (&color);
    }

  g_assert_not_reached ();
}

/* A new result shades the tiles again from what they keep of the
 * countries' shapes: Kenya takes the colour of its new class, and the map
 * is as a new map view draws it for the same result, where nothing is
 * kept. */
static void
test_reshade (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResult *all = atlas_context_get_result (fixture->context);
  const AtlasCountry *kenya = find_country ("KE", NULL);
  g_autoptr(Image) before = NULL;
  g_autoptr(Image) reshaded = NULL;
  g_autoptr(Image) fresh = NULL;
  guint32 class_before, class_after;
  guint n_different;
  double x, y;

  move_map (fixture, 10.0, 30.0, 2.5);
  assert_kenya_shade (fixture);
  class_before = kenya_class_color (fixture);
  before = render (GTK_WIDGET (fixture->view));

  /* Kenya's class changes with this filter (Kenya is first named by the
   * generated initiatives that SDG 3 keeps less often than others). */
  atlas_query_add_value (query, ATLAS_FACET_SDG, "3");
  wait_for_new_result (fixture, all);
  class_after = kenya_class_color (fixture);
  g_test_message ("Kenya's class colour: #%06x, then #%06x",
                  class_before & 0xffffff, class_after & 0xffffff);
  g_assert_cmpint (color_distance (class_before, class_after), >, 30);

  assert_kenya_shade (fixture);
  reshaded = render (GTK_WIDGET (fixture->view));
  location_to_view (fixture, kenya->latitude, kenya->longitude, &x, &y);
  g_assert_cmpint (color_distance (image_pixel (before, x, y), image_pixel (reshaded, x, y)),
                   >, 30);

  /* The same result in a new view, drawn from nothing. */
  close_window (fixture);
  open_window (fixture);
  move_map (fixture, 10.0, 30.0, 2.5);
  g_assert_true (atlas_initiative_layer_get_result (atlas_map_view_get_layer (fixture->view)) ==
                 atlas_context_get_result (fixture->context));
  assert_kenya_shade (fixture);
  fresh = render (GTK_WIDGET (fixture->view));

  n_different = count_different_pixels (reshaded, fresh);
  g_test_message ("%u pixels differ between the shaded again and the fresh map, "
                  "%u between the first and the shaded again",
                  n_different, count_different_pixels (before, reshaded));
  g_assert_cmpuint (n_different, <=, (guint) (WIDTH * HEIGHT / 1000));
}

/* As wait_for_tiles (), and then until the basemap's tiles at the edges
 * have come too, and the layer has drawn its own over them. */
static void
wait_for_all_tiles (Fixture *fixture)
{
  wait_for_tiles (fixture);
  atlas_test_run_for (300);
  wait_for_tiles (fixture);
}

/* The map without the legend and buttons over it, once every tile has come
 * (the basemap's come from threads): as it was 100 ms before. */
static Image *
render_map (Fixture *fixture)
{
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));
  Image *image = NULL;

  wait_for_all_tiles (fixture);
  for (guint attempt = 0; ; attempt++)
    {
      Image *before = image;
      guint n_different;

      g_assert_cmpuint (attempt, <, 100);
      atlas_test_run_for (100);
      wait_for_tiles (fixture);
      image = render (map);
      if (before == NULL)
        continue;

      n_different = count_different_pixels (before, image);
      image_free (before);
      if (n_different == 0)
        return image;
    }
}

/* Opens the view again over the same place, where nothing is kept, and
 * counts the pixels of @map that differ from its map. */
static guint
count_differences_from_new_view (Fixture     *fixture,
                                 const Image *map,
                                 double       latitude,
                                 double       longitude,
                                 double       zoom)
{
  g_autoptr(Image) fresh = NULL;
  guint n_different;

  close_window (fixture);
  open_window (fixture);
  move_map (fixture, latitude, longitude, zoom);
  fresh = render_map (fixture);

  n_different = count_different_pixels (map, fresh);
  g_test_message ("%u pixels differ from a new view's", n_different);

  return n_different;
}

/* A result that changes the marks' counts but leaves the shades of a tile
 * as they were draws the tile's new marks over the shades it kept, merged
 * with the basemap (at a whole zoom level) or not (between two): the map
 * is then as a new view draws it.  A new look (the dark style) shades every
 * tile again. */
static void
test_kept_shades (Fixture       *fixture,
                  gconstpointer  data)
{
  static const double zooms[] = { 3.0, 2.5 };
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  guint drawn_before, shaded_before, drawn, shaded;

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      AtlasResult *previous = atlas_context_get_result (fixture->context);
      AtlasInitiativeLayer *layer;
      g_autoptr(Image) kept = NULL;

      /* Half the goals, then one more: most counts grow a little. */
      atlas_query_freeze (query);
      atlas_query_clear (query);
      for (guint goal = 1; goal <= 8; goal++)
        {
          char value[4];

          g_snprintf (value, sizeof value, "%u", goal);
          atlas_query_add_value (query, ATLAS_FACET_SDG, value);
        }
      atlas_query_thaw (query);
      wait_for_new_result (fixture, previous);
      move_map (fixture, 10.0, 30.0, zooms[i]);
      wait_for_all_tiles (fixture);

      layer = atlas_map_view_get_layer (fixture->view);
      atlas_initiative_layer_get_n_tiles_drawn (layer, &drawn_before, &shaded_before);
      previous = atlas_context_get_result (fixture->context);
      atlas_query_add_value (query, ATLAS_FACET_SDG, "9");
      wait_for_new_result (fixture, previous);
      wait_for_all_tiles (fixture);
      atlas_initiative_layer_get_n_tiles_drawn (layer, &drawn, &shaded);
      g_test_message ("At zoom %.1f, the new result drew %u tiles, and shaded %u of them",
                      zooms[i], drawn - drawn_before, shaded - shaded_before);
      g_assert_cmpuint (drawn, >, drawn_before);
      g_assert_cmpuint (shaded - shaded_before, <, drawn - drawn_before);

      kept = render_map (fixture);
      g_assert_cmpuint (count_differences_from_new_view (fixture, kept, 10.0, 30.0, zooms[i]), ==, 0);
    }

  /* The shades kept are of the light palette. */
  {
    AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
    g_autoptr(Image) dark = NULL;

    atlas_initiative_layer_get_n_tiles_drawn (layer, &drawn_before, &shaded_before);
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
    wait_for_all_tiles (fixture);
    atlas_initiative_layer_get_n_tiles_drawn (layer, &drawn, &shaded);
    g_test_message ("In the dark style, %u tiles drawn, %u shaded",
                    drawn - drawn_before, shaded - shaded_before);
    g_assert_cmpuint (drawn, >, drawn_before);
    g_assert_cmpuint (shaded - shaded_before, ==, drawn - drawn_before);

    dark = render_map (fixture);
    g_assert_cmpuint (count_differences_from_new_view (fixture, dark, 10.0, 30.0, 2.5), ==, 0);
  }
}

/* Shows the initiatives that started in @year and meet SDG @goal. */
static void
filter_year_and_goal (Fixture *fixture,
                      int      year,
                      guint    goal)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  char value[4];

  g_snprintf (value, sizeof value, "%u", goal);
  atlas_query_freeze (query);
  atlas_query_clear (query);
  atlas_query_set_year_range (query, year, year);
  atlas_query_add_value (query, ATLAS_FACET_SDG, value);
  atlas_query_thaw (query);
  WAIT_FOR (atlas_initiative_layer_get_result (atlas_map_view_get_layer (fixture->view)) ==
            atlas_context_get_result (fixture->context),
            "the filtered result on the map");
}

/* The class of @country's count in the layer's result, and its colour;
 * G_MAXUINT when the country has no initiative. */
static guint
get_country_class (Fixture *fixture,
                   int      country,
                   guint32 *color)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  guint count = atlas_initiative_layer_get_country_count (layer, (guint) country);

  for (guint i = 0; count > 0 && i < atlas_initiative_layer_get_n_classes (layer); i++)
    {
      GdkRGBA rgba;
      guint min, max;

      atlas_initiative_layer_get_class (layer, i, &min, &max, &rgba);
      if (min <= count && count <= max)
        {
          *color = pack_color (&rgba);
          return i;
        }
    }

  return G_MAXUINT;
}

typedef struct
{
  int     year;
  guint   goal;
  guint   class;
  guint32 color;
} ClassSeen;

/* With few classes, each takes a step of the colour ramp that depends on
 * how many there are: a country can stay in its class from one result to
 * the next and still take another colour.  Its tiles are then shaded
 * again, whatever they kept. */
static void
test_class_colours (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *countries[] = { "US", "CA", "BR", "AU", "CN", "KZ", "AR", "IN" };
  const AtlasCountry *place = NULL;
  ClassSeen first = { 0 }, second = { 0 };
  g_autoptr(Image) map = NULL;

  /* Small results, whose classes hold few counts each. */
  for (guint c = 0; c < G_N_ELEMENTS (countries) && place == NULL; c++)
    {
      g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (ClassSeen));
      int country;

      find_country (countries[c], &country);
      for (int year = 2015; year < 2029 && place == NULL; year++)
        {
          for (guint goal = 1; goal <= 17 && place == NULL; goal++)
            {
              ClassSeen now = { .year = year, .goal = goal };

              filter_year_and_goal (fixture, year, goal);
              now.class = get_country_class (fixture, country, &now.color);
              if (now.class == G_MAXUINT)
                continue;

              for (guint k = 0; k < seen->len; k++)
                {
                  const ClassSeen *before = &g_array_index (seen, ClassSeen, k);

                  if (before->class == now.class && before->color != now.color)
                    {
                      first = *before;
                      second = now;
                      place = find_country (countries[c], NULL);
                      break;
                    }
                }
              g_array_append_val (seen, now);
            }
        }
    }
  g_assert_nonnull (place);
  g_test_message ("%s is in class %u with SDG %u in %d, and with SDG %u in %d, "
                  "coloured #%06x, then #%06x", place->alpha2, first.class, first.goal, first.year,
                  second.goal, second.year, first.color & 0xffffff, second.color & 0xffffff);

  filter_year_and_goal (fixture, first.year, first.goal);
  move_map (fixture, place->latitude, place->longitude, 3.0);
  wait_for_all_tiles (fixture);
  filter_year_and_goal (fixture, second.year, second.goal);
  wait_for_all_tiles (fixture);
  map = render_map (fixture);
  g_assert_cmpuint (count_differences_from_new_view (fixture, map, place->latitude,
                                                     place->longitude, 3.0), ==, 0);
}

/* The legend's swatches that show, in the order of the widget tree. */
static void
collect_swatches (GtkWidget *widget,
                  GPtrArray *swatches)
{
  if (ATLAS_IS_SWATCH (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (swatches, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_swatches (child, swatches);
}

/* @color over the opaque @pixel. */
static guint32
blend (const GdkRGBA *color,
       guint32        pixel)
{
  double channels[3] = { color->red, color->green, color->blue };
  guint32 blended = 0xff000000u;

  for (guint c = 0; c < 3; c++)
    {
      guint shift = 16 - 8 * c;
      double under = ((pixel >> shift) & 0xff) / 255.0;

      blended |= (guint32) lround ((channels[c] * color->alpha + under * (1.0 - color->alpha)) * 255.0)
                 << shift;
    }

  return blended;
}

/* The legend's samples show the colours of the classes and of the marks, in
 * newly opened views as well.  They are drawn without cairo nodes: GTK 4.8's
 * GL renderer keeps a cairo node's image under the node's address, and drew
 * a new swatch at a freed one's address with the old colours (a bubble's
 * sample in a class's orange, 2 views in 15 under GL with llvmpipe).  The
 * map-view-gl test runs this with that renderer. */
static void
test_legend_swatches (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint view = 0; view < 12; view++)
    {
      AtlasInitiativeLayer *layer;
      GtkWidget *legend;
      g_autoptr(GPtrArray) swatches = g_ptr_array_new ();
      g_autoptr(GPtrArray) cairo_nodes = g_ptr_array_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(Image) image = NULL;
      guint n_classes;

      if (view > 0)
        {
          close_window (fixture);
          open_window (fixture);
        }
      move_map (fixture, 10.0, 30.0, view % 2 == 0 ? 3.0 : 2.5);
      wait_for_tiles (fixture);
      image = render (GTK_WIDGET (fixture->view));

      layer = atlas_map_view_get_layer (fixture->view);
      n_classes = atlas_initiative_layer_get_n_classes (layer);
      legend = find_widget_of_type (GTK_WIDGET (fixture->view), ATLAS_TYPE_MAP_LEGEND);
      collect_swatches (legend, swatches);
      g_assert_cmpuint (swatches->len, ==, n_classes + 2);

      for (guint i = 0; i < swatches->len; i++)
        {
          GtkWidget *swatch = g_ptr_array_index (swatches, i);
          guint32 pixel;
          GdkRGBA color;
          graphene_point_t centre;

          g_assert_true (gtk_widget_compute_point (swatch, GTK_WIDGET (fixture->view),
                                                   &GRAPHENE_POINT_INIT (7.0f, 7.0f), &centre));
          pixel = image_pixel (image, centre.x, centre.y);

          if (i < n_classes)
            {
              /* The classes' shades are opaque. */
              atlas_initiative_layer_get_class (layer, i, NULL, NULL, &color);
              g_assert_cmpint (color_distance (pixel, pack_color (&color)), <=, 6);
              continue;
            }

          /* The marks' colours are not quite opaque: over the legend's
           * background, as left of the swatch. */
          if (i == n_classes)
            atlas_initiative_layer_get_bubble_color (layer, &color);
          else
            atlas_initiative_layer_get_point_color (layer, &color);
          g_assert_true (gtk_widget_compute_point (swatch, GTK_WIDGET (fixture->view),
                                                   &GRAPHENE_POINT_INIT (-2.0f, 7.0f), &centre));
          g_assert_cmpint (color_distance (pixel, blend (&color, image_pixel (image, centre.x,
                                                                               centre.y))),
                           <=, 6);
        }

      node = atlas_test_render_widget (legend);
      g_assert_nonnull (node);
      atlas_test_collect_nodes (node, GSK_CAIRO_NODE, cairo_nodes);
      g_assert_cmpuint (cairo_nodes->len, ==, 0);
    }
}

/* The opaque pixels of @image as dark as black. */
static guint
count_black_pixels (const Image *image)
{
  guint n_black = 0;

  for (int y = 0; y < image->height; y++)
    {
      for (int x = 0; x < image->width; x++)
        {
          guint32 pixel = image->pixels[y * image->width + x];

          if ((pixel >> 24) == 0xff && brightness (pixel) < 45)
            {
              if (n_black < 10)
                g_test_message ("Black pixel at %d, %d: #%08x", x, y, pixel);
              n_black++;
            }
        }
    }

  return n_black;
}

/* The layer's tiles inside shaded countries are opaque, and known to be
 * from their shading (rather than from a pass over their pixels): the
 * tiles where countries end are not, and none of their pixels comes out
 * black and opaque, as the transparent pixels of a tile taken for an
 * opaque one would. */
static void
test_opaque_tiles (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  const AtlasCountry *kenya = find_country ("KE", NULL);
  guint32 shade = kenya_class_color (fixture);

  /* Whole countries, coasts and borders; then tiles inside Kenya. */
  move_map (fixture, 23.0, 70.0, 4.0);
  wait_for_tiles (fixture);
  {
    g_autoptr(Image) image = render (GTK_WIDGET (layer));

    g_assert_cmpuint (count_black_pixels (image), ==, 0);
  }

  move_map (fixture, kenya->latitude, kenya->longitude, 7.0);
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(Image) image = NULL;
      double x, y;

      wait_for_frame (GTK_WIDGET (fixture->view));
      g_assert_cmpuint (attempt, <, 500);
      if (!atlas_initiative_layer_get_complete (layer))
        continue;

      /* Inside Kenya, away from its bubble. */
      image = render (GTK_WIDGET (fixture->view));
      location_to_view (fixture, kenya->latitude + 1.0, kenya->longitude - 1.0, &x, &y);
      if (color_distance (image_pixel (image, x, y), shade) > 6)
        {
          atlas_test_run_for (20);
          continue;
        }
      g_clear_pointer (&image, image_free);
      image = render (GTK_WIDGET (layer));
      g_assert_cmpuint (count_black_pixels (image), ==, 0);
      break;
    }
}

/* The simple map's layer of the basemap, under the others. */
static GtkWidget *
get_basemap_layer (Fixture *fixture)
{
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));

  for (GtkWidget *child = gtk_widget_get_first_child (map);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_MAP_LAYER (child))
      return child;

  g_assert_not_reached ();
}

static gboolean
basemap_left_out (Fixture *fixture)
{
  gboolean hidden = atlas_initiative_layer_get_basemap_hidden (atlas_map_view_get_layer (fixture->view));

  g_assert_cmpfloat (gtk_widget_get_opacity (get_basemap_layer (fixture)), ==, hidden ? 0.0 : 1.0);

  return hidden;
}

/* Where every tile of the layer in sight is drawn over a copy of the
 * basemap's pixels, the basemap's own layer is left out of the frame: the
 * map looks as it does with both drawn, a new result keeps it so, and the
 * basemap's layer is back before a frame that moves the map or has
 * nothing on it. */
static void
test_merged_basemap (Fixture       *fixture,
                     gconstpointer  data)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasResult *all = atlas_context_get_result (fixture->context);
  g_autoptr(Image) merged = NULL;
  g_autoptr(Image) separate = NULL;
  guint n_different = 0, n_seams = 0;
  double x0, y0, top_x;

  /* A whole zoom level, where the two grids meet pixel for pixel. */
  move_map (fixture, 10.0, 30.0, 3.0);
  wait_for_tiles (fixture);
  WAIT_FOR (basemap_left_out (fixture), "the basemap's layer left out");
  wait_for_frame (GTK_WIDGET (fixture->view));
  merged = render (GTK_WIDGET (fixture->view));

  /* A new result: the tiles are shaded again, over the basemap, and the
   * basemap's layer stays left out in every frame until they all are (a
   * frame draws tiles for 8 ms at most, which a busy machine may need more
   * than one frame for). */
  atlas_query_add_value (query, ATLAS_FACET_SDG, "3");
  WAIT_FOR (atlas_initiative_layer_get_result (layer) != all, "the filtered result");
  for (guint frame = 0; ; frame++)
    {
      g_assert_cmpuint (frame, <, 100);
      wait_for_frame (GTK_WIDGET (fixture->view));
      g_assert_true (basemap_left_out (fixture));
      if (atlas_initiative_layer_get_complete (layer))
        break;
    }

  /* Nothing to show: back at once, before the frame. */
  atlas_query_set_text (query, "zzqxjv");
  WAIT_FOR (atlas_initiative_layer_get_n_marks (layer) == 0 &&
            atlas_initiative_layer_get_max_count (layer) == 0,
            "the empty result");
  g_assert_false (basemap_left_out (fixture));

  atlas_query_clear (query);
  WAIT_FOR (atlas_initiative_layer_get_max_count (layer) > 0, "the whole result again");
  WAIT_FOR (basemap_left_out (fixture), "the basemap's layer left out again");

  /* Moving the map: back at once, then left out again. */
  shumate_map_center_on (atlas_map_view_get_map (fixture->view), 12.0, 35.0);
  g_assert_false (basemap_left_out (fixture));
  move_map (fixture, 10.0, 30.0, 3.0);
  wait_for_tiles (fixture);
  WAIT_FOR (basemap_left_out (fixture), "the basemap's layer left out after the move");

  /* Both layers drawn, for comparison. */
  atlas_initiative_layer_set_basemap_layer (layer, NULL);
  g_assert_false (basemap_left_out (fixture));
  wait_for_tiles (fixture);
  separate = render (GTK_WIDGET (fixture->view));

  /* The basemap's own layer leaves faint seams between its tiles (the
   * ocean behind shows through, see atlas-basemap-source.h), which merged
   * tiles do not have: pixels may differ there, and only there. */
  location_to_view (fixture, 0.0, -180.0, &x0, &y0);
  location_to_view (fixture, 85.0511, 0.0, &top_x, &y0);
  for (int y = 0; y < merged->height; y++)
    {
      for (int x = 0; x < merged->width; x++)
        {
          gsize i = (gsize) y * merged->width + x;
          int column = ((x - (int) lround (x0)) % 256 + 256) % 256;
          int row = ((y - (int) lround (y0)) % 256 + 256) % 256;

          if (color_distance (merged->pixels[i], separate->pixels[i]) <= 6)
            continue;

          if (column <= 1 || column >= 255 || row <= 1 || row >= 255)
            n_seams++;
          else
            n_different++;
        }
    }
  g_test_message ("%u pixels differ between the map drawn merged and drawn in two layers, "
                  "and %u on the seams between the basemap's tiles", n_different, n_seams);
  g_assert_cmpuint (n_different, ==, 0);
}

static void
test_click_country (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  const AtlasCountry *kenya = find_country ("KE", NULL);
  g_autofree char *tooltip = NULL;
  AtlasResult *before;
  AtlasMapHit hit;
  double x, y;

  move_map (fixture, 10.0, 20.0, 2.0);
  location_to_map (fixture, kenya->latitude, kenya->longitude, &x, &y);

  g_assert_true (atlas_initiative_layer_pick (layer, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, ATLAS_MAP_HIT_COUNTRY);
  g_assert_cmpstr (atlas_vocab_get_country (atlas_vocab_get_default (), hit.country)->alpha2,
                   ==, "KE");

  /* The tooltip names the country and its count. */
  tooltip = atlas_map_view_describe_at (fixture->view, x, y);
  {
    g_autofree char *expected = g_strdup_printf ("Kenya: %u initiatives", hit.count);

    g_assert_cmpstr (tooltip, ==, expected);
  }

  before = atlas_context_get_result (fixture->context);
  click_map (fixture, x, y);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
  WAIT_FOR (atlas_context_get_result (fixture->context) != before, "the result for Kenya");
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==,
                    hit.count);

  wait_for_frame (GTK_WIDGET (fixture->view));
  before = atlas_context_get_result (fixture->context);
  click_map (fixture, x, y);
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
  WAIT_FOR (atlas_context_get_result (fixture->context) != before, "the result for all");
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (fixture->context)), ==,
                    N_INITIATIVES);

  /* A double click zooms in and leaves the filter as it was. */
  {
    GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));
    GtkGesture *click = find_controller (map, "atlas-map-click");

    g_signal_emit_by_name (click, "pressed", 1, x, y);
    g_signal_emit_by_name (click, "released", 1, x, y);
    g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
    g_signal_emit_by_name (click, "pressed", 2, x, y);
    g_signal_emit_by_name (click, "released", 2, x, y);
    g_assert_false (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
  }

  /* The sea does nothing. */
  location_to_map (fixture, -40.0, -120.0, &x, &y);
  g_assert_false (atlas_map_view_activate_at (fixture->view, x, y));
  g_assert_true (atlas_query_is_empty (query));
}

static void
test_bubbles_and_clusters (Fixture       *fixture,
                           gconstpointer  data)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  ShumateViewport *viewport = atlas_map_view_get_viewport (fixture->view);
  guint n_marks, n_bubbles = 0;
  AtlasMapHit cluster = { 0 };
  double cluster_x = 0, cluster_y = 0;
  double zoom;

  move_map (fixture, 15.0, 20.0, 4.0);
  n_marks = atlas_initiative_layer_get_n_marks (layer);
  g_assert_cmpuint (n_marks, >, 0);

  /* No two bubbles overlap. */
  for (guint i = 0; i < n_marks; i++)
    {
      AtlasMapHit a;
      double ax, ay, ar;

      atlas_initiative_layer_get_mark (layer, i, &a, &ax, &ay, &ar);
      if (a.kind == ATLAS_MAP_HIT_COUNTRY || a.kind == ATLAS_MAP_HIT_COUNTRY_CLUSTER)
        n_bubbles++;
      if (cluster.kind == ATLAS_MAP_HIT_NONE &&
          (a.kind == ATLAS_MAP_HIT_POINT_CLUSTER || a.kind == ATLAS_MAP_HIT_COUNTRY_CLUSTER) &&
          ax > 100 && ax < WIDTH - 100 && ay > 100 && ay < HEIGHT - 100)
        {
          cluster = a;
          cluster_x = ax;
          cluster_y = ay;
        }

      for (guint j = i + 1; j < n_marks; j++)
        {
          AtlasMapHit b;
          double bx, by, br;

          atlas_initiative_layer_get_mark (layer, j, &b, &bx, &by, &br);
          if ((a.kind == ATLAS_MAP_HIT_POINT || a.kind == ATLAS_MAP_HIT_POINT_CLUSTER) !=
              (b.kind == ATLAS_MAP_HIT_POINT || b.kind == ATLAS_MAP_HIT_POINT_CLUSTER))
            continue;
          g_assert_cmpfloat (hypot (ax - bx, ay - by), >=, ar + br);
        }
    }
  g_assert_cmpuint (n_bubbles, >, 3);
  g_assert_cmpint (cluster.kind, !=, ATLAS_MAP_HIT_NONE);
  g_assert_cmpuint (cluster.n_members, >, 1);

  /* A cluster zooms in on itself. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  click_map (fixture, cluster_x, cluster_y);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom + 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  cluster.longitude, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  cluster.latitude, 1e-6);
  g_assert_true (atlas_query_is_empty (atlas_context_get_query (fixture->context)));

  /* Marks are drawn into the layer's tiles: each bubble is whole, blue at
   * the top and the bottom of its disc, wherever the edges of the tiles
   * cross it (the map moves by odd amounts so that they cross others). */
  for (guint move = 0; move < 3; move++)
    {
      g_autoptr(Image) image = NULL;
      guint n_checked = 0;

      move_map (fixture, 15.0 + move * 0.77, 20.0 + move * 1.13, 4.0);
      wait_for_tiles (fixture);
      image = render (GTK_WIDGET (fixture->view));
      n_marks = atlas_initiative_layer_get_n_marks (layer);

      for (guint i = 0; i < n_marks; i++)
        {
          AtlasMapHit mark;
          graphene_point_t centre;
          double mark_x, mark_y, radius;

          atlas_initiative_layer_get_mark (layer, i, &mark, &mark_x, &mark_y, &radius);
          if ((mark.kind != ATLAS_MAP_HIT_COUNTRY && mark.kind != ATLAS_MAP_HIT_COUNTRY_CLUSTER) ||
              radius < 14.0)
            continue;
          g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), GTK_WIDGET (fixture->view),
                                                   &GRAPHENE_POINT_INIT (mark_x, mark_y),
                                                   &centre));
          if (centre.x < radius || centre.y < radius ||
              centre.x > image->width - radius || centre.y > image->height - radius)
            continue;

          for (int side = -1; side <= 1; side += 2)
            {
              guint32 pixel = image_pixel (image, centre.x, centre.y + side * (radius - 3.0));
              int red = (pixel >> 16) & 0xff;
              int blue = pixel & 0xff;

              if (blue <= red + 60)
                g_test_message ("Bubble %u at %.0f, %.0f (radius %.0f): pixel #%06x",
                                i, centre.x, centre.y, radius, pixel & 0xffffff);
              g_assert_cmpint (blue, >, red + 60);
            }

          /* Its outline, light against the blue, where its edge crosses
           * the vertical through its centre (the sprites are drawn pixel
           * by pixel, not by cairo: see draw_disc ()). */
          for (int side = -1; side <= 1; side += 2)
            {
              int brightest = 0;

              for (int dy = -3; dy <= 3; dy++)
                brightest = MAX (brightest, darkest_channel (image_pixel (image, centre.x,
                                                                          centre.y + side * radius + dy)));
              g_assert_cmpint (brightest, >, 170);
            }

          /* Its count: white glyphs on a dark halo, around the centre. */
          {
            int whitest = 0, darkest = 255;

            for (int dy = -6; dy <= 6; dy++)
              for (int dx = -10; dx <= 10; dx++)
                {
                  guint32 pixel = image_pixel (image, centre.x + dx, centre.y + dy);

                  whitest = MAX (whitest, darkest_channel (pixel));
                  darkest = MIN (darkest, brightest_channel (pixel));
                }
            g_assert_cmpint (whitest, >, 230);
            g_assert_cmpint (darkest, <, 110);
          }
          n_checked++;
        }
      g_assert_cmpuint (n_checked, >=, 3);
    }
}

static gint64
find_initiative (AtlasContext *context,
                 gboolean      located,
                 gboolean      with_countries)
{
  AtlasResult *result = atlas_context_get_result (context);

  for (guint i = 0; i < atlas_result_get_n_items (result); i++)
    {
      gint64 rowid = atlas_result_get_rowid (result, i);
      g_autoptr(AtlasInitiative) initiative = atlas_context_load_initiative (context, rowid, NULL);

      if (initiative->has_location == located &&
          (initiative->countries->len > 0) == with_countries)
        return rowid;
    }

  g_error ("No such initiative in the generated data");
  return 0;
}

static void
test_click_point (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  ShumateViewport *viewport = atlas_map_view_get_viewport (fixture->view);
  gint64 rowid = find_initiative (fixture->context, TRUE, TRUE);
  g_autoptr(AtlasInitiative) initiative = atlas_context_load_initiative (fixture->context, rowid,
                                                                         NULL);
  ShumateMarker *marker;
  AtlasMapHit hit;
  double x, y;
  char *failure;

  g_assert_null (atlas_map_view_get_marker (fixture->view));

  /* Close enough for the point to stand alone. */
  move_map (fixture, initiative->latitude, initiative->longitude, 9.0);
  location_to_map (fixture, initiative->latitude, initiative->longitude, &x, &y);
  g_assert_true (atlas_initiative_layer_pick (layer, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, ATLAS_MAP_HIT_POINT);
  g_assert_cmpint (hit.rowid, ==, rowid);

  click_map (fixture, x, y);
  g_assert_cmpint (atlas_context_get_selected (fixture->context), ==, rowid);

  /* A real marker, focusable, named after the initiative. */
  marker = atlas_map_view_get_marker (fixture->view);
  g_assert_nonnull (marker);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (marker)));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (marker)),
                                  initiative->latitude, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (marker)),
                                  initiative->longitude, 1e-9);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (marker),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                initiative->title);
  g_assert_null (failure);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (marker)), ==, initiative->title);
  wait_for_frame (GTK_WIDGET (fixture->view));
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (marker)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (marker)));

  /* Selected elsewhere, far away: the map goes there. */
  {
    gint64 other = find_initiative (fixture->context, FALSE, TRUE);
    g_autoptr(AtlasInitiative) far = atlas_context_load_initiative (fixture->context, other, NULL);
    const AtlasCountry *country = find_country (g_ptr_array_index (far->countries, 0), NULL);
    double mx, my;

    move_map (fixture, -60.0, -150.0, 5.0);
    atlas_context_set_selected (fixture->context, other);
    marker = atlas_map_view_get_marker (fixture->view);
    g_assert_nonnull (marker);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (marker)),
                                    country->latitude, 1e-9);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                    country->longitude, 1e-6);
    location_to_map (fixture, country->latitude, country->longitude, &mx, &my);
    g_assert_cmpfloat (mx, >, 0);
    g_assert_cmpfloat (mx, <, WIDTH);
    g_assert_cmpfloat (my, >, 0);
    g_assert_cmpfloat (my, <, HEIGHT);
  }

  /* Neither a location nor a country: no marker. */
  atlas_context_set_selected (fixture->context, find_initiative (fixture->context, FALSE, FALSE));
  g_assert_null (atlas_map_view_get_marker (fixture->view));

  atlas_context_set_selected (fixture->context, 0);
  g_assert_null (atlas_map_view_get_marker (fixture->view));
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  ShumateViewport *viewport = atlas_map_view_get_viewport (fixture->view);
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (fixture->view));
  double longitude, latitude;

  g_assert_true (gtk_widget_get_focusable (map));
  g_assert_true (gtk_widget_grab_focus (map));
  g_assert_true (gtk_widget_has_focus (map));

  move_map (fixture, 20.0, 10.0, 3.0);
  press_key (fixture, GDK_KEY_plus);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 4.0);
  press_key (fixture, GDK_KEY_KP_Add);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 5.0);
  press_key (fixture, GDK_KEY_equal);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6.0);
  press_key (fixture, GDK_KEY_minus);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 5.0);
  press_key (fixture, GDK_KEY_KP_Subtract);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 4.0);

  longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  press_key (fixture, GDK_KEY_Right);
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, longitude);
  press_key (fixture, GDK_KEY_Left);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  longitude, 1e-6);
  press_key (fixture, GDK_KEY_Up);
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >, latitude);
  press_key (fixture, GDK_KEY_Down);
  press_key (fixture, GDK_KEY_Down);
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), <, latitude);

  /* Home: the whole world, at the smallest zoom that fills the height. */
  press_key (fixture, GDK_KEY_Home);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==,
                     shumate_viewport_get_min_zoom_level (viewport));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  15.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  10.0, 1e-6);
}

static void
test_constraints (Fixture       *fixture,
                  gconstpointer  data)
{
  ShumateViewport *viewport = atlas_map_view_get_viewport (fixture->view);
  int height = gtk_widget_get_height (GTK_WIDGET (atlas_map_view_get_map (fixture->view)));
  double top_x, top_y, bottom_x, bottom_y;

  /* 800 pixels need a world of 1024: zoom 2. */
  g_assert_cmpint (height, ==, HEIGHT);
  g_assert_cmpuint (shumate_viewport_get_min_zoom_level (viewport), ==, 2);
  g_assert_cmpuint (shumate_viewport_get_max_zoom_level (viewport), ==, 10);
  shumate_viewport_set_zoom_level (viewport, 0.0);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 2.0);

  /* No sky above the pole: the top of the world stays at or above the top. */
  shumate_map_center_on (atlas_map_view_get_map (fixture->view), 84.0, 0.0);
  location_to_map (fixture, SHUMATE_MAX_LATITUDE, 0.0, &top_x, &top_y);
  location_to_map (fixture, SHUMATE_MIN_LATITUDE, 0.0, &bottom_x, &bottom_y);
  g_assert_cmpfloat (top_y, <=, 0.5);
  g_assert_cmpfloat (bottom_y, >=, height - 0.5);

  /* North stays up. */
  shumate_viewport_set_rotation (viewport, 1.0);
  g_assert_cmpfloat (shumate_viewport_get_rotation (viewport), ==, 0.0);
}

static void
on_settings_changed_cb (GSettings  *settings,
                        const char *key,
                        gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_position_saved (Fixture       *fixture,
                     gconstpointer  data)
{
  ShumateViewport *viewport;
  guint changes = 0;
  gulong handler;

  handler = g_signal_connect (fixture->settings, "changed::map-zoom",
                              G_CALLBACK (on_settings_changed_cb), &changes);
  move_map (fixture, -1.25, 36.8, 6.0);
  WAIT_FOR (changes > 0, "the position to be saved");
  g_signal_handler_disconnect (fixture->settings, handler);

  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-latitude"),
                                  -1.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-longitude"),
                                  36.8, 1e-9);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "map-zoom"), ==, 6.0);

  /* A move just before closing is kept too. */
  shumate_map_center_on (atlas_map_view_get_map (fixture->view), 48.85, 2.35);
  close_window (fixture);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-latitude"),
                                  48.85, 1e-9);

  /* A new map starts there. */
  open_window (fixture);
  viewport = atlas_map_view_get_viewport (fixture->view);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6.0);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  48.85, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  2.35, 1e-9);
}

static gboolean
label_mentions (GtkWidget  *root,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (label_mentions (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_openstreetmap_banner (Fixture       *fixture,
                           gconstpointer  data)
{
  ShumateSimpleMap *simple_map =
    SHUMATE_SIMPLE_MAP (find_widget_of_type (GTK_WIDGET (fixture->view), SHUMATE_TYPE_SIMPLE_MAP));
  ShumateMapSource *source;
  GtkWidget *button;

  g_assert_false (atlas_map_view_get_banner_visible (fixture->view));

  g_settings_set_string (fixture->settings, "basemap", "openstreetmap");
  source = shumate_simple_map_get_map_source (simple_map);
  g_assert_true (ATLAS_IS_ONLINE_SOURCE (source));
  g_assert_cmpstr (shumate_map_source_get_id (source), ==, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
  g_assert_cmpuint (shumate_viewport_get_max_zoom_level (
                      atlas_map_view_get_viewport (fixture->view)), ==, 18);

  /* The attribution OpenStreetMap asks for is shown under the map. */
  g_assert_nonnull (strstr (shumate_map_source_get_license (source),
                            "© OpenStreetMap contributors"));
  g_assert_true (label_mentions (GTK_WIDGET (shumate_simple_map_get_license (simple_map)),
                                 "© OpenStreetMap contributors"));

  /* There is no network here: the tiles fail, and the map says so. */
  WAIT_FOR (atlas_map_view_get_banner_visible (fixture->view), "the failure banner");
  g_assert_cmpuint (atlas_online_source_get_n_failed (ATLAS_ONLINE_SOURCE (source)), >, 0);
  g_assert_cmpuint (atlas_online_source_get_n_loaded (ATLAS_ONLINE_SOURCE (source)), ==, 0);
  g_assert_true (label_mentions (GTK_WIDGET (fixture->view), "OpenStreetMap could not be loaded."));

  button = find_button_with_label (GTK_WIDGET (fixture->view), "Use the Offline Map");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  g_assert_cmpstr (g_settings_get_string (fixture->settings, "basemap"), ==, "offline");
  g_assert_true (ATLAS_IS_BASEMAP_SOURCE (shumate_simple_map_get_map_source (simple_map)));
  g_assert_false (atlas_map_view_get_banner_visible (fixture->view));
  wait_for_tiles (fixture);
}

static void
test_dark_style (Fixture       *fixture,
                 gconstpointer  data)
{
  ShumateSimpleMap *simple_map =
    SHUMATE_SIMPLE_MAP (find_widget_of_type (GTK_WIDGET (fixture->view), SHUMATE_TYPE_SIMPLE_MAP));
  g_autoptr(AtlasBasemapSource) dark = atlas_basemap_source_new (TRUE);
  g_autoptr(Image) image = NULL;
  ShumateMapSource *source;
  GdkRGBA ocean;
  double x, y;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  source = shumate_simple_map_get_map_source (simple_map);
  g_assert_true (ATLAS_IS_BASEMAP_SOURCE (source));
  g_assert_true (atlas_basemap_source_get_dark (ATLAS_BASEMAP_SOURCE (source)));
  g_assert_true (atlas_initiative_layer_get_dark (atlas_map_view_get_layer (fixture->view)));

  wait_for_tiles (fixture);
  image = render (GTK_WIDGET (fixture->view));
  atlas_basemap_source_get_ocean_color (dark, &ocean);
  location_to_view (fixture, 0.0, -150.0, &x, &y);
  g_assert_cmpint (color_distance (image_pixel (image, x, y), pack_color (&ocean)), <=, 6);
  location_to_view (fixture, 46.8, 103.0, &x, &y);
  g_assert_cmpint (brightness (image_pixel (image, x, y)), <, 3 * 100);
}

static void
test_countries_list (Fixture       *fixture,
                     gconstpointer  data)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  GtkMenuButton *button = find_menu_button (GTK_WIDGET (fixture->view),
                                            "Countries on the map", NULL);
  GtkListView *list;
  GListModel *model;
  const guint *active;
  guint n_active = 0;
  g_autoptr(GtkStringObject) first = NULL;
  AtlasResult *before;

  /* The list sits in the button's popover, filled when it shows. */
  g_assert_nonnull (button);
  list = GTK_LIST_VIEW (find_widget_of_type (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                             GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (list);
  gtk_menu_button_popup (button);

  active = atlas_initiative_layer_get_countries (layer, &n_active);
  model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_active);

  /* By decreasing count: the first is the country with the most. */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==,
                   atlas_vocab_get_country (atlas_vocab_get_default (), active[0])->alpha2);
  g_assert_cmpuint (atlas_initiative_layer_get_country_count (layer, active[0]), ==,
                    atlas_initiative_layer_get_max_count (layer));

  /* Activating a row filters by its country. */
  before = atlas_context_get_result (fixture->context);
  g_signal_emit_by_name (list, "activate", 0u);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY,
                                        gtk_string_object_get_string (first)));
  WAIT_FOR (atlas_context_get_result (fixture->context) != before, "the filtered result");

  /* The filtered country stays in the list, to be chosen again. */
  gtk_menu_button_popup (button);
  {
    gboolean listed = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        listed |= g_strcmp0 (gtk_string_object_get_string (item),
                             gtk_string_object_get_string (first)) == 0;
      }
    g_assert_true (listed);
  }
}

static void
test_global_pill (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasInitiativeLayer *layer = atlas_map_view_get_layer (fixture->view);
  Expected expected = count_result (fixture->context);
  g_autofree char *label = g_strdup_printf ("Global · %u", expected.n_global);
  GtkWidget *pill;

  g_assert_cmpuint (expected.n_global, >, 0);
  g_assert_cmpuint (atlas_initiative_layer_get_n_global (layer), ==, expected.n_global);

  pill = GTK_WIDGET (find_menu_button (GTK_WIDGET (fixture->view), NULL, label));

  g_assert_nonnull (pill);
  g_assert_true (gtk_widget_get_visible (pill));
  g_assert_true (gtk_widget_get_mapped (pill));
}

/* Screenshots, for people to look at */

static void
save_image (GdkTexture *texture,
            const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static void
save_view (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  wait_for_tiles (fixture);
  /* Tiles of the edges may come a little later than the one checked. */
  atlas_test_run_for (300);
  wait_for_frame (GTK_WIDGET (fixture->view));
  texture = render_texture (GTK_WIDGET (fixture->view));
  save_image (texture, name);
}

static void
test_screenshots (void)
{
  g_autofree char *skewed_path = create_cache (12000, TRUE);
  g_autofree char *saved_path = g_steal_pointer (&cache_path);
  Fixture fixture_storage = { 0 };
  Fixture *fixture = &fixture_storage;
  GtkMenuButton *countries_button;
  GtkPopover *popover;

  cache_path = g_strdup (skewed_path);
  fixture_set_up (fixture, NULL);

  move_map (fixture, 15.0, 10.0, 2.0);
  save_view (fixture, "map-zoom2-light.png");

  move_map (fixture, 20.0, 15.0, 4.0);
  save_view (fixture, "map-zoom4-light.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  move_map (fixture, 5.0, 25.0, 3.0);
  save_view (fixture, "map-zoom3-dark.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  move_map (fixture, 15.0, 10.0, 2.0);
  countries_button = find_menu_button (GTK_WIDGET (fixture->view), "Countries on the map", NULL);
  g_assert_nonnull (countries_button);

  gtk_menu_button_popup (countries_button);
  popover = gtk_menu_button_get_popover (countries_button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)), "the popover");
  wait_for_frame (GTK_WIDGET (popover));
  wait_for_tiles (fixture);
  atlas_test_run_for (300);
  wait_for_frame (GTK_WIDGET (popover));

  /* The popover is a surface of its own: draw it over the map where the
   * window system puts it. */
  {
    g_autoptr(GdkTexture) map_texture = render_texture (GTK_WIDGET (fixture->view));
    g_autoptr(GdkTexture) popover_texture = render_texture (GTK_WIDGET (popover));
    g_autoptr(GdkTexture) composed = NULL;
    g_autoptr(GBytes) bytes = NULL;
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
    cairo_surface_t *target;
    cairo_surface_t *piece;
    cairo_t *cr;
    double window_dx = 0, window_dy = 0, popover_dx = 0, popover_dy = 0;
    guchar *pixels;
    int width = gdk_texture_get_width (map_texture);
    int height = gdk_texture_get_height (map_texture);
    int piece_width = gdk_texture_get_width (popover_texture);
    int piece_height = gdk_texture_get_height (popover_texture);

    gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &window_dx, &window_dy);
    gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_dx, &popover_dy);

    target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    gdk_texture_download (map_texture, cairo_image_surface_get_data (target),
                          cairo_image_surface_get_stride (target));
    cairo_surface_mark_dirty (target);
    piece = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, piece_width, piece_height);
    gdk_texture_download (popover_texture, cairo_image_surface_get_data (piece),
                          cairo_image_surface_get_stride (piece));
    cairo_surface_mark_dirty (piece);

    cr = cairo_create (target);
    cairo_set_source_surface (cr, piece,
                              gdk_popup_get_position_x (GDK_POPUP (surface)) +
                              popover_dx - window_dx,
                              gdk_popup_get_position_y (GDK_POPUP (surface)) +
                              popover_dy - window_dy);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_flush (target);

    pixels = cairo_image_surface_get_data (target);
    bytes = g_bytes_new (pixels, (gsize) cairo_image_surface_get_stride (target) * height);
    composed = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                       cairo_image_surface_get_stride (target));
    save_image (composed, "map-countries-popover.png");
    cairo_surface_destroy (piece);
    cairo_surface_destroy (target);
  }

  gtk_popover_popdown (popover);

  fixture_tear_down (fixture, NULL);
  g_free (cache_path);
  cache_path = g_steal_pointer (&saved_path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  atlas_core_init ();
  /* Moves happen at once, so that tests see their end. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  cache_path = create_cache (N_INITIATIVES, FALSE);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/map-view/basemap-tiles", test_basemap_tiles);
  ADD_TEST ("/map-view/aggregates", test_aggregates);
  ADD_TEST ("/map-view/reshade", test_reshade);
  ADD_TEST ("/map-view/renderer/kept-shades", test_kept_shades);
  ADD_TEST ("/map-view/class-colours", test_class_colours);
  ADD_TEST ("/map-view/renderer/legend-swatches", test_legend_swatches);
  ADD_TEST ("/map-view/opaque-tiles", test_opaque_tiles);
  ADD_TEST ("/map-view/merged-basemap", test_merged_basemap);
  ADD_TEST ("/map-view/click-country", test_click_country);
  ADD_TEST ("/map-view/bubbles-and-clusters", test_bubbles_and_clusters);
  ADD_TEST ("/map-view/click-point", test_click_point);
  ADD_TEST ("/map-view/keyboard", test_keyboard);
  ADD_TEST ("/map-view/constraints", test_constraints);
  ADD_TEST ("/map-view/position-saved", test_position_saved);
  ADD_TEST ("/map-view/openstreetmap-banner", test_openstreetmap_banner);
  ADD_TEST ("/map-view/dark-style", test_dark_style);
  ADD_TEST ("/map-view/countries-list", test_countries_list);
  ADD_TEST ("/map-view/global-pill", test_global_pill);
  ADD_TEST ("/map-view/narrow-scale", test_narrow_scale);
  g_test_add_func ("/map-view/screenshots", test_screenshots);

  status = g_test_run ();
  g_clear_pointer (&cache_path, g_free);

  return status;
}
