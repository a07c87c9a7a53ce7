/* benchmark-map.c
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

/* How long a frame of the map takes while it pans, with the basemap alone
 * and with the initiatives of a large result drawn over it.  Run it under
 * Xvfb with the cairo renderer:
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' env GSK_RENDERER=cairo \
 *     _build/tests/atlas-benchmark-map
 *
 * A frame is timed from the frame clock's "before-paint" to its
 * "after-paint" (update, layout and paint); the processor time of the main
 * thread in the same span is given too, as it does not count what other
 * processes of a busy machine take. */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "atlas-basemap-source.h"
#include "atlas-core.h"
#include "atlas-image-paintable.h"
#include "atlas-initiative-layer.h"

#define WIDTH          1280
#define HEIGHT         800
#define PAN_PX         8.0        /* per frame */
#define AGGREGATE_RUNS 5
#define REPEATS        3

static int      n_initiatives = 100000;
static double   seconds = 3.0;   /* per pan */

typedef struct
{
  ShumateMap      *map;
  GArray          *frame_us;        /* gint64, wall-clock */
  GArray          *frame_cpu_us;    /* gint64, this thread's processor time */
  gint64           frame_start;
  gint64           frame_cpu_start;
  gint64           end_time;
  double           longitude_step;
  gboolean         recording;
  gboolean         done;
} Run;

/* The processor time of the calling thread: unlike the wall clock, it does
 * not count the time other processes of a busy machine take. */
static gint64
get_thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Run           *run)
{
  run->frame_start = g_get_monotonic_time ();
  run->frame_cpu_start = get_thread_cpu_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Run           *run)
{
  gint64 elapsed;

  if (run->frame_start == 0)
    return;

  elapsed = g_get_monotonic_time () - run->frame_start;
  if (run->recording)
    {
      gint64 cpu = get_thread_cpu_time () - run->frame_cpu_start;

      g_array_append_val (run->frame_us, elapsed);
      g_array_append_val (run->frame_cpu_us, cpu);
    }
  run->frame_start = 0;
}

static gboolean
pan_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Run *run = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (run->map);
  double longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));

  if (g_get_monotonic_time () >= run->end_time)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  longitude += run->longitude_step;
  if (longitude > 180.0)
    longitude -= 360.0;
  shumate_map_center_on (run->map, latitude, longitude);

  /* The base layer moves its tiles from an idle callback, which may come
   * after the frame: have it drawn in every frame, as it is when a person
   * drags the map. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (run->map));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_MAP_LAYER (child))
      gtk_widget_queue_draw (child);

  return G_SOURCE_CONTINUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median_ms (GArray *values)
{
  if (values->len == 0)
    return 0.0;

  g_array_sort (values, compare_int64);
  return g_array_index (values, gint64, values->len / 2) / 1000.0;
}

static void
wait_idle (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Pans for the configured time from the same place, adding each frame's
 * times to @wall_us and @cpu_us when they are given. */
static void
pan (ShumateMap *map,
     double      zoom,
     GArray     *wall_us,
     GArray     *cpu_us)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (map));
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  Run run = { 0 };
  gulong before_id, after_id;

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (map, 20.0, -20.0);
  /* Let the tiles of the start come. */
  wait_idle (400);

  run.map = map;
  run.frame_us = wall_us != NULL ? g_array_ref (wall_us)
                                 : g_array_new (FALSE, FALSE, sizeof (gint64));
  run.frame_cpu_us = cpu_us != NULL ? g_array_ref (cpu_us)
                                    : g_array_new (FALSE, FALSE, sizeof (gint64));
  run.longitude_step = PAN_PX / (256.0 * exp2 (zoom)) * 360.0;
  run.recording = TRUE;
  run.end_time = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &run);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (map), pan_tick_cb, &run, NULL);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);
  g_array_unref (run.frame_us);
  g_array_unref (run.frame_cpu_us);
}

/* Synthetic initiatives: one to three countries each, a few countries
 * named far more often than most (as in real data), a third with a precise
 * location. */
static AtlasIndex *
build_index (guint n)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  guint n_countries = atlas_vocab_get_n_countries (vocab);
  AtlasIndex *index = atlas_index_new ();
  GRand *rand = g_rand_new_with_seed (20260115);

  for (guint i = 0; i < n; i++)
    {
      const char *countries[3];
      g_autofree char *title = g_strdup_printf ("Initiative %u", i);
      AtlasIndexRow row = {
        .rowid = i + 1,
        .source_id = 1,
        .status = 1 + i % 4,
        .scope = 1 + i % 4,
        .gdc_objectives = 1u << (i % 5),
        .wsis_lines = 1u << (i % 11),
        .sdgs = (1u << (i % 17)) | (1u << ((i / 17) % 17)),
        .priorities = 1u << (i % 4),
        .org_types = 1u << (1 + i % 8),
        .title = title,
        .start_date = "2021-03",
        .updated_at = "2025-06-01T10:00:00Z",
        .countries = countries,
        .n_countries = g_rand_int_range (rand, 0, 4),
      };

      for (guint k = 0; k < row.n_countries; k++)
        {
          double u = g_rand_double (rand);

          countries[k] = atlas_vocab_get_country (vocab, (guint) (u * u * u * n_countries))->alpha2;
        }

      if (i % 3 == 0)
        {
          row.has_location = TRUE;
          row.latitude = g_rand_double_range (rand, -55.0, 70.0);
          row.longitude = g_rand_double_range (rand, -180.0, 180.0);
        }

      atlas_index_add_row (index, &row);
    }

  atlas_index_seal (index);
  g_rand_free (rand);

  return index;
}

static const GOptionEntry options[] = {
  { "initiatives", 'n', 0, G_OPTION_ARG_INT, &n_initiatives,
    "How many synthetic initiatives (default 100000)", "N" },
  { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds,
    "How long each pan lasts (default 3)", "S" },
  { NULL }
};

int
main (int   argc,
      char *argv[])
{
  static const double zooms[] = { 2.0, 4.0 };
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = NULL;
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GArray) aggregate_us = NULL;
  AtlasBasemapSource *source;
  ShumateSimpleMap *simple_map;
  AtlasInitiativeLayer *layer;
  GtkWindow *window;
  guint n_active = 0;
  gint64 start;

  setlocale (LC_ALL, "");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  option_context = g_option_context_new ("- time the frames of the map while it pans");
  g_option_context_add_main_entries (option_context, options, NULL);
  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  gtk_init ();
  adw_init ();
  atlas_core_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  start = g_get_monotonic_time ();
  index = build_index ((guint) n_initiatives);
  query = atlas_query_new ();
  result = atlas_index_run (index, query, NULL, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("The query failed: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("Built an index of %u initiatives in %.0f ms (renderer: %s)\n",
           atlas_result_get_n_items (result),
           (g_get_monotonic_time () - start) / 1000.0, g_getenv ("GSK_RENDERER"));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  simple_map = shumate_simple_map_new ();
  shumate_simple_map_set_show_zoom_buttons (simple_map, FALSE);
  source = atlas_basemap_source_new (FALSE);
  shumate_simple_map_set_map_source (simple_map, SHUMATE_MAP_SOURCE (source));
  g_object_unref (source);
  layer = atlas_initiative_layer_new (shumate_simple_map_get_viewport (simple_map));
  shumate_simple_map_add_overlay_layer (simple_map, SHUMATE_LAYER (layer));
  gtk_window_set_child (window, GTK_WIDGET (simple_map));
  gtk_window_present (window);
  /* As the app's map does (atlas-map-view.c): tiles in the form the
   * renderer draws fastest, for both cases alike. */
  atlas_basemap_source_set_surfaces (source,
                                     atlas_image_paintable_prefers_surface (GTK_WIDGET (simple_map)));
  wait_idle (500);

  /* The aggregates of a result change. */
  aggregate_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < AGGREGATE_RUNS; i++)
    {
      gint64 elapsed;

      atlas_initiative_layer_set_result (layer, NULL);
      start = g_get_monotonic_time ();
      atlas_initiative_layer_set_result (layer, result);
      elapsed = g_get_monotonic_time () - start;
      g_array_append_val (aggregate_us, elapsed);
    }
  atlas_initiative_layer_get_countries (layer, &n_active);
  g_print ("Aggregates for a result change: %.2f ms (median of %u; %u countries, %u points)\n",
           median_ms (aggregate_us), AGGREGATE_RUNS, n_active,
           atlas_initiative_layer_get_n_points (layer));

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      ShumateMap *map = shumate_simple_map_get_map (simple_map);
      g_autoptr(GArray) empty_wall = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) empty_cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) full_wall = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) full_cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
      double empty, full, empty_processor, full_processor;
      guint n_empty, n_full;

      /* A first pass fills the tile cache along the path; then the two
       * cases take turns, so that a busy moment of the machine falls on
       * both alike. */
      atlas_initiative_layer_set_result (layer, result);
      pan (map, zooms[z], NULL, NULL);
      for (guint i = 0; i < REPEATS; i++)
        {
          atlas_initiative_layer_set_result (layer, NULL);
          pan (map, zooms[z], empty_wall, empty_cpu);
          atlas_initiative_layer_set_result (layer, result);
          pan (map, zooms[z], full_wall, full_cpu);
        }

      n_empty = empty_wall->len;
      n_full = full_wall->len;
      empty = median_ms (empty_wall);
      full = median_ms (full_wall);
      empty_processor = median_ms (empty_cpu);
      full_processor = median_ms (full_cpu);

      g_print ("Zoom %.0f, panning %.0f px a frame, %u × %.1f s each:\n",
               zooms[z], PAN_PX, REPEATS, seconds);
      g_print ("  basemap alone:      median frame %6.2f ms, processor %6.2f ms (%u frames)\n",
               empty, empty_processor, n_empty);
      g_print ("  with %u:       median frame %6.2f ms, processor %6.2f ms (%u frames)\n",
               atlas_result_get_n_items (result), full, full_processor, n_full);
      g_print ("  ratio: frame %.2f, processor %.2f\n",
               empty > 0 ? full / empty : 0.0,
               empty_processor > 0 ? full_processor / empty_processor : 0.0);
    }

  gtk_window_destroy (window);

  return EXIT_SUCCESS;
}
