/* test-basemap.c
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

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "atlas-basemap.h"
#include "atlas-basemap-source.h"
#include "atlas-image-paintable.h"

#define RESOURCE_DIR "/io/github/cooperationatlas/Atlas/basemap/"
#define TILE_SIZE    256

/* Geometry helpers: Web Mercator, normalised to the unit square. */

static double
world_x (double longitude)
{
  return (longitude + 180.0) / 360.0;
}

static double
world_y (double latitude)
{
  double phi = latitude * G_PI / 180.0;

  return 0.5 - log (tan (G_PI / 4.0 + phi / 2.0)) / (2.0 * G_PI);
}

static GBytes *
lookup_level (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  GBytes *bytes;

  /* The default basemap registers the resource. */
  atlas_basemap_get_default ();

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

static void
test_basemap_load (void)
{
  g_autoptr(GBytes) level_110m = lookup_level ("countries-110m.bin");
  g_autoptr(GBytes) level_50m = lookup_level ("countries-50m.bin");
  g_autoptr(AtlasBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) unaligned_110m = NULL;
  g_autoptr(GBytes) unaligned_50m = NULL;
  g_autofree guint8 *buffer_110m = NULL;
  g_autofree guint8 *buffer_50m = NULL;
  gsize size_110m, size_50m;
  const guint8 *data_110m = g_bytes_get_data (level_110m, &size_110m);
  const guint8 *data_50m = g_bytes_get_data (level_50m, &size_50m);

  g_assert_cmpmem (data_110m, 4, "ATBM", 4);
  g_assert_cmpmem (data_50m, 4, "ATBM", 4);
  g_assert_cmpuint (size_50m, >, size_110m);

  basemap = atlas_basemap_new_from_bytes (level_110m, level_50m, &error);
  g_assert_no_error (error);
  g_assert_true (ATLAS_IS_BASEMAP (basemap));
  g_assert_cmpuint (atlas_basemap_country_at (basemap, 48.85, 2.35), ==, 250);

  /* Blobs that are not 4-byte aligned are copied, not rejected. */
  buffer_110m = g_malloc (size_110m + 1);
  buffer_50m = g_malloc (size_50m + 1);
  memcpy (buffer_110m + 1, data_110m, size_110m);
  memcpy (buffer_50m + 1, data_50m, size_50m);
  unaligned_110m = g_bytes_new_static (buffer_110m + 1, size_110m);
  unaligned_50m = g_bytes_new_static (buffer_50m + 1, size_50m);
  g_clear_object (&basemap);
  basemap = atlas_basemap_new_from_bytes (unaligned_110m, unaligned_50m, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_basemap_country_at (basemap, 0.0, 20.0), ==, 180);
  g_clear_object (&basemap);

  /* The default one is the same data. */
  g_assert_true (atlas_basemap_get_default () == atlas_basemap_get_default ());
  g_assert_cmpuint (atlas_basemap_country_at (atlas_basemap_get_default (), 0.0, 20.0), ==, 180);
}

static void
test_basemap_country_at (void)
{
  AtlasBasemap *basemap = atlas_basemap_get_default ();
  const struct
  {
    double  latitude;
    double  longitude;
    guint16 numeric;
  } cases[] = {
    { 0.0, 20.0, 180 },             /* DR Congo */
    { 48.85, 2.35, 250 },           /* Paris */
    { -17.8, 178.0, 242 },          /* Viti Levu, Fiji */
    { 65.5, 179.5, 643 },           /* Chukotka, west of the antimeridian */
    { 67.0, -179.5, 643 },          /* Chukotka, east of it */
    { 64.0, 179.5, 0 },             /* the Gulf of Anadyr, next to it */
    { 66.0, -179.5, 0 },            /* Kresta Bay, next to it */
    { 65.0, -150.0, 840 },          /* Alaska */
    { 0.0, -150.0, 0 },             /* the Pacific */
    { -80.0, 0.0, 10 },             /* Antarctica */
    { -89.9, 120.0, 10 },           /* Antarctica, beyond the Mercator limit */
    { 89.0, 0.0, 0 },               /* the Arctic Ocean, beyond it */
    { -29.5, 28.2, 426 },           /* Lesotho, a hole in South Africa */
    { -30.0, 25.0, 710 },           /* South Africa around it */
    { 42.6, 20.9, ATLAS_BASEMAP_KOSOVO },
    { 9.5, 45.0, ATLAS_BASEMAP_SOMALILAND },
    { 35.25, 33.6, ATLAS_BASEMAP_NORTHERN_CYPRUS },
    { 36.0, 14.0, 0 },              /* the Mediterranean */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint16 found = atlas_basemap_country_at (basemap, cases[i].latitude, cases[i].longitude);

      g_test_message ("(%g, %g): expected %u, found %u",
                      cases[i].latitude, cases[i].longitude, cases[i].numeric, found);
      g_assert_cmpuint (found, ==, cases[i].numeric);
    }

  /* Longitudes outside [-180, 180] wrap around. */
  g_assert_cmpuint (atlas_basemap_country_at (basemap, 48.85, 362.35), ==, 250);
  g_assert_cmpuint (atlas_basemap_country_at (basemap, 67.0, 180.5), ==, 643);
}

/* Returns a writable copy of the blob with one 32-bit word replaced. */
static GBytes *
patch_word (GBytes  *bytes,
            gsize    offset,
            guint32  value)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *copy = g_memdup2 (data, size);

  g_assert_cmpuint (offset + 4, <=, size);
  value = GUINT32_TO_LE (value);
  memcpy (copy + offset, &value, 4);

  return g_bytes_new_take (copy, size);
}

static guint32
read_word (GBytes *bytes,
           gsize   offset)
{
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  guint32 value;

  memcpy (&value, data + offset, 4);
  return GUINT32_FROM_LE (value);
}

static void
assert_rejected (GBytes *level_110m,
                 GBytes *corrupt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasBasemap) basemap = NULL;

  basemap = atlas_basemap_new_from_bytes (level_110m, corrupt, &error);
  g_assert_error (error, ATLAS_BASEMAP_ERROR, ATLAS_BASEMAP_ERROR_INVALID);
  g_assert_null (basemap);
}

static void
test_basemap_corrupt (void)
{
  g_autoptr(GBytes) level_110m = lookup_level ("countries-110m.bin");
  g_autoptr(GBytes) level_50m = lookup_level ("countries-50m.bin");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) magic = NULL;
  g_autoptr(GBytes) version = NULL;
  g_autoptr(GBytes) section = NULL;
  g_autoptr(GBytes) ring_range = NULL;
  g_autoptr(GBytes) polygon_range = NULL;
  g_autoptr(GBytes) nan_point = NULL;
  g_autoptr(GBytes) unsorted = NULL;
  g_autoptr(GBytes) line_kind = NULL;
  guint32 rings_offset = read_word (level_50m, 36);
  guint32 polygons_offset = read_word (level_50m, 28);
  guint32 lines_offset = read_word (level_50m, 44);
  guint32 points_offset = read_word (level_50m, 52);
  guint32 countries_offset = read_word (level_50m, 20);
  float nan_value = NAN;
  guint32 nan_bits;

  memcpy (&nan_bits, &nan_value, 4);

  truncated = g_bytes_new_from_bytes (level_50m, 0, g_bytes_get_size (level_50m) - 8);
  magic = patch_word (level_50m, 0, 0x4154424d); /* "MBTA": the magic in the wrong byte order */
  version = patch_word (level_50m, 4, 2);
  section = patch_word (level_50m, 52, (guint32) g_bytes_get_size (level_50m) - 4);
  ring_range = patch_word (level_50m, rings_offset + 4, G_MAXUINT32);
  polygon_range = patch_word (level_50m, polygons_offset, 1000000);
  nan_point = patch_word (level_50m, points_offset + 8 * 100, nan_bits);
  /* The second country gets the first one's code. */
  unsorted = patch_word (level_50m, countries_offset + 28, read_word (level_50m, countries_offset));
  line_kind = patch_word (level_50m, lines_offset + 8, 7);

  assert_rejected (level_110m, empty);
  assert_rejected (level_110m, truncated);
  assert_rejected (level_110m, magic);
  assert_rejected (level_110m, version);
  assert_rejected (level_110m, section);
  assert_rejected (level_110m, ring_range);
  assert_rejected (level_110m, polygon_range);
  assert_rejected (level_110m, nan_point);
  assert_rejected (level_110m, unsorted);
  assert_rejected (level_110m, line_kind);
  /* Either level may be the damaged one. */
  assert_rejected (version, level_50m);
}

/* Fills the country (or all land for 0) into an A8 surface of @width ×
 * @height pixels showing the world at @zoom from the given world origin. */
static cairo_surface_t *
draw_path (guint16  numeric,
           double   zoom,
           int      width,
           int      height,
           double   offset_x,
           double   offset_y,
           gboolean expect_found)
{
  AtlasBasemap *basemap = atlas_basemap_get_default ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  cairo_t *cr = cairo_create (surface);
  double world_size = TILE_SIZE * pow (2.0, zoom);

  if (numeric == 0)
    atlas_basemap_append_land_path (basemap, cr, zoom, world_size, offset_x, offset_y);
  else
    g_assert_true (atlas_basemap_append_country_path (basemap, cr, numeric, zoom,
                                                      world_size, offset_x, offset_y) ==
                   expect_found);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint8
coverage_at (cairo_surface_t *surface,
             double           zoom,
             double           offset_x,
             double           offset_y,
             double           latitude,
             double           longitude)
{
  double world_size = TILE_SIZE * pow (2.0, zoom);
  int x = (int) floor (world_x (longitude) * world_size + offset_x);
  int y = (int) floor (world_y (latitude) * world_size + offset_y);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  return cairo_image_surface_get_data (surface)[y * cairo_image_surface_get_stride (surface) + x];
}

static void
test_basemap_country_path (void)
{
  cairo_surface_t *surface;
  const double pacific_x = -768.0;  /* zoom 2: 90°E at the left edge, 90°W at the right */
  const double europe_x = -256.0 * 8 * world_x (-10.0);   /* zoom 3: 10°W to 35°E, */
  const double europe_y = -256.0 * 8 * world_y (60.0);    /* 60°N to 37.6°N */
  const double singapore_x = 30 - 1024 * world_x (103.8);
  const double singapore_y = 32 - 1024 * world_y (1.35);

  /* France at zoom 1 (1:110m): Paris and French Guiana, not Madrid. */
  surface = draw_path (250, 1, 512, 512, 0, 0, TRUE);
  g_assert_cmpuint (coverage_at (surface, 1, 0, 0, 48.85, 2.35), ==, 255);
  g_assert_cmpuint (coverage_at (surface, 1, 0, 0, 4.0, -53.0), ==, 255);
  g_assert_cmpuint (coverage_at (surface, 1, 0, 0, 40.4, -3.7), ==, 0);
  cairo_surface_destroy (surface);

  /* France at zoom 3 (1:50m), showing Europe only. */
  surface = draw_path (250, 3, 256, 256, europe_x, europe_y, TRUE);
  g_assert_cmpuint (coverage_at (surface, 3, europe_x, europe_y, 46.0, 2.0), ==, 255);
  g_assert_cmpuint (coverage_at (surface, 3, europe_x, europe_y, 51.0, 10.0), ==, 0);
  cairo_surface_destroy (surface);

  /* Russia around the antimeridian: both sides of Chukotka are filled, and
   * nothing streaks across the Pacific or the world copy next to it. */
  surface = draw_path (643, 2, 512, 512, pacific_x, -128, TRUE);
  g_assert_cmpuint (coverage_at (surface, 2, pacific_x, -128, 65.5, 179.5), ==, 255);
  g_assert_cmpuint (coverage_at (surface, 2, pacific_x + 1024, -128, 67.0, -179.5), ==, 255);
  g_assert_cmpuint (coverage_at (surface, 2, pacific_x + 1024, -128, 66.0, -160.0), ==, 0);
  g_assert_cmpuint (coverage_at (surface, 2, pacific_x + 1024, -128, 66.0, -100.0), ==, 0);
  cairo_surface_destroy (surface);

  /* All land, centred on the antimeridian. */
  surface = draw_path (0, 2, 512, 512, pacific_x, -128, TRUE);
  g_assert_cmpuint (coverage_at (surface, 2, pacific_x, -128, 0.0, 115.0), ==, 255); /* Borneo */
  g_assert_cmpuint (coverage_at (surface, 2, pacific_x + 1024, -128, 60.0, -100.0), ==, 255);
  for (double lon = 160.0; lon < 180.0; lon += 1.0)
    {
      g_assert_cmpuint (coverage_at (surface, 2, pacific_x, -128, 0.0, lon), ==, 0);
      g_assert_cmpuint (coverage_at (surface, 2, pacific_x, -128, -30.0, lon), ==, 0);
    }
  for (double lon = -180.0; lon < -95.0; lon += 1.0)
    {
      g_assert_cmpuint (coverage_at (surface, 2, pacific_x + 1024, -128, 0.0, lon), ==, 0);
      g_assert_cmpuint (coverage_at (surface, 2, pacific_x + 1024, -128, -17.0, lon), ==, 0);
    }
  cairo_surface_destroy (surface);

  /* The world's origin lies two world widths left of the view, which shows
   * the third copy of the world: France is still there. */
  surface = draw_path (250, 1, 512, 512, -1024, 0, TRUE);
  g_assert_cmpuint (coverage_at (surface, 1, -1024 + 2 * 512, 0, 48.85, 2.35), ==, 255);
  cairo_surface_destroy (surface);

  /* Singapore is too small for 1:110m: it comes from 1:50m even at zoom 2
   * (a world of 1,024 pixels; Singapore at (30, 32) in the view). */
  surface = draw_path (702, 2, 64, 64, singapore_x, singapore_y, TRUE);
  g_assert_cmpuint (coverage_at (surface, 2, singapore_x, singapore_y, 1.35, 103.8), >, 0);
  cairo_surface_destroy (surface);

  /* Unknown codes append nothing. */
  surface = draw_path (999, 1, 64, 64, 0, 0, FALSE);
  cairo_surface_destroy (surface);
}

static void
test_basemap_bounds (void)
{
  AtlasBasemap *basemap = atlas_basemap_get_default ();
  double north, south, west, east;

  /* Metropolitan France and Corsica, not French Guiana or Réunion. */
  g_assert_true (atlas_basemap_get_country_bounds (basemap, 250, &north, &south, &west, &east));
  g_assert_cmpfloat (north, >, 50.5);
  g_assert_cmpfloat (north, <, 52.0);
  g_assert_cmpfloat (south, >, 41.0);
  g_assert_cmpfloat (south, <, 42.5);
  g_assert_cmpfloat (west, >, -6.0);
  g_assert_cmpfloat (east, <, 10.0);

  /* Russia crosses the antimeridian: east goes past 180°. */
  g_assert_true (atlas_basemap_get_country_bounds (basemap, 643, &north, &south, &west, &east));
  g_assert_cmpfloat (west, >, 19.0);
  g_assert_cmpfloat (west, <, 28.0);
  g_assert_cmpfloat (east, >, 185.0);
  g_assert_cmpfloat (east, <, 195.0);

  g_assert_true (atlas_basemap_get_country_bounds (basemap, 242, &north, &south, &west, &east));
  g_assert_cmpfloat (west, >=, -180.0);
  g_assert_cmpfloat (west, <, 180.0);
  g_assert_cmpfloat (west, <, 178.0);
  g_assert_cmpfloat (east, >, 180.0);
  g_assert_cmpfloat (east - west, <, 10.0);
  g_assert_cmpfloat (north, >, -17.0);
  g_assert_cmpfloat (south, <, -18.0);

  g_assert_false (atlas_basemap_get_country_bounds (basemap, 999, NULL, NULL, NULL, NULL));
}

/* Tiles */

typedef struct
{
  gboolean  done;
  gboolean  success;
  GError   *error;
} FillResult;

static void
on_tile_filled (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FillResult *fill = user_data;

  fill->success = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result,
                                                       &fill->error);
  fill->done = TRUE;
}

static void
run_fill (ShumateMapSource *source,
          ShumateTile      *tile,
          GCancellable     *cancellable,
          FillResult       *fill)
{
  shumate_map_source_fill_tile_async (source, tile, cancellable, on_tile_filled, fill);
  while (!fill->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The tile's pixels as cairo ARGB32 words (0xAARRGGBB). */
static guint32 *
fill_tile (ShumateMapSource *source,
           guint             zoom,
           guint             x,
           guint             y)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, y, TILE_SIZE, zoom);
  FillResult fill = { 0 };
  GdkPaintable *paintable;
  guint32 *pixels;

  run_fill (source, tile, NULL, &fill);
  g_assert_no_error (fill.error);
  g_assert_true (fill.success);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);

  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (ATLAS_IS_IMAGE_PAINTABLE (paintable));
  g_assert_cmpint (atlas_image_paintable_is_surface (ATLAS_IMAGE_PAINTABLE (paintable)), ==,
                   atlas_basemap_source_get_surfaces (ATLAS_BASEMAP_SOURCE (source)));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, TILE_SIZE);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, TILE_SIZE);

  /* Drawn as a map draws it, by a renderer; GDK downloads in
   * GDK_MEMORY_DEFAULT, which is cairo's ARGB32. */
  {
    g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;
    g_autoptr(GdkTexture) texture = NULL;

    g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
    gdk_paintable_snapshot (paintable, snapshot, TILE_SIZE, TILE_SIZE);
    node = gtk_snapshot_to_node (snapshot);
    texture = gsk_renderer_render_texture (renderer, node,
                                           &GRAPHENE_RECT_INIT (0, 0, TILE_SIZE, TILE_SIZE));
    gsk_renderer_unrealize (renderer);

    pixels = g_new (guint32, TILE_SIZE * TILE_SIZE);
    gdk_texture_download (texture, (guchar *) pixels, TILE_SIZE * 4);
  }

  return pixels;
}

/* The pixel at a location in the tile of that zoom level that contains it. */
static guint32
tile_pixel_at (ShumateMapSource *source,
               guint             zoom,
               double            latitude,
               double            longitude)
{
  double world_size = TILE_SIZE * (double) (1u << zoom);
  int x = (int) floor (world_x (longitude) * world_size);
  int y = (int) floor (world_y (latitude) * world_size);
  g_autofree guint32 *pixels = fill_tile (source, zoom, x / TILE_SIZE, y / TILE_SIZE);

  return pixels[(y % TILE_SIZE) * TILE_SIZE + x % TILE_SIZE];
}

static guint32
pack_color (const GdkRGBA *color)
{
  return 0xff000000u |
         (guint32) lround (color->red * 255) << 16 |
         (guint32) lround (color->green * 255) << 8 |
         (guint32) lround (color->blue * 255);
}

static gboolean
colors_match (guint32 a,
              guint32 b)
{
  for (guint shift = 0; shift < 32; shift += 8)
    {
      int ca = (a >> shift) & 0xff;
      int cb = (b >> shift) & 0xff;

      if (ABS (ca - cb) > 1)
        return FALSE;
    }

  return TRUE;
}

static void
assert_color (guint32 found,
              guint32 expected)
{
  if (!colors_match (found, expected))
    g_error ("Expected the colour #%08x, found #%08x", expected, found);
}

static void
test_source_properties (void)
{
  g_autoptr(AtlasBasemapSource) light = atlas_basemap_source_new (FALSE);
  g_autoptr(AtlasBasemapSource) dark = atlas_basemap_source_new (TRUE);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (light);
  GdkRGBA light_ocean, dark_ocean;

  g_assert_false (atlas_basemap_source_get_dark (light));
  g_assert_true (atlas_basemap_source_get_dark (dark));
  g_assert_cmpstr (shumate_map_source_get_id (source), !=,
                   shumate_map_source_get_id (SHUMATE_MAP_SOURCE (dark)));
  g_assert_nonnull (strstr (shumate_map_source_get_license (source), "Natural Earth"));
  g_assert_true (g_str_has_prefix (shumate_map_source_get_license_uri (source), "https://"));
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (source), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (source), ==, 10);
  g_assert_cmpuint (shumate_map_source_get_tile_size (source), ==, TILE_SIZE);
  g_assert_cmpint (shumate_map_source_get_projection (source), ==, SHUMATE_MAP_PROJECTION_MERCATOR);

  atlas_basemap_source_get_ocean_color (light, &light_ocean);
  atlas_basemap_source_get_ocean_color (dark, &dark_ocean);
  g_assert_false (gdk_rgba_equal (&light_ocean, &dark_ocean));
  /* The dark ocean is dark, the light one light. */
  g_assert_cmpfloat (dark_ocean.red + dark_ocean.green + dark_ocean.blue, <, 1.0);
  g_assert_cmpfloat (light_ocean.red + light_ocean.green + light_ocean.blue, >, 2.0);
}

static void
test_source_tiles (void)
{
  g_autoptr(AtlasBasemapSource) light = atlas_basemap_source_new (FALSE);
  g_autoptr(AtlasBasemapSource) dark = atlas_basemap_source_new (TRUE);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (light);
  GdkRGBA color;
  guint32 ocean, dark_ocean, land, dark_land;

  atlas_basemap_source_get_ocean_color (light, &color);
  ocean = pack_color (&color);
  atlas_basemap_source_get_ocean_color (dark, &color);
  dark_ocean = pack_color (&color);

  /* Zoom 0: central Africa is land, the middle of the Pacific ocean. */
  land = tile_pixel_at (source, 0, 0.0, 22.0);
  g_assert_false (colors_match (land, ocean));
  g_assert_cmpuint (land >> 24, ==, 0xff);
  assert_color (tile_pixel_at (source, 0, 0.0, -150.0), ocean);
  assert_color (tile_pixel_at (source, 0, -10.0, -55.0), land);     /* Brazil */

  /* Zoom 3 draws from the 1:50m shapes, including around the antimeridian. */
  assert_color (tile_pixel_at (source, 3, 46.5, 2.5), land);        /* France */
  assert_color (tile_pixel_at (source, 3, 66.0, -176.0), land);     /* Chukotka, east */
  assert_color (tile_pixel_at (source, 3, 64.0, 172.0), land);      /* Chukotka, west */
  assert_color (tile_pixel_at (source, 3, -80.0, 0.0), land);       /* Antarctica */
  assert_color (tile_pixel_at (source, 3, 0.0, -150.0), ocean);

  /* Zoom 1: no land-coloured streak across the Pacific tiles, along the
   * equator, through Fiji's latitude or through Chukotka's in the Atlantic. */
  {
    g_autofree guint32 *west_north = fill_tile (source, 1, 0, 0);
    g_autofree guint32 *west_south = fill_tile (source, 1, 0, 1);
    g_autofree guint32 *east_north = fill_tile (source, 1, 1, 0);
    g_autofree guint32 *east_south = fill_tile (source, 1, 1, 1);
    double world_size = 2 * TILE_SIZE;
    int fiji_row = (int) (world_y (-17.0) * world_size) - TILE_SIZE;
    int arctic_row = (int) (world_y (66.0) * world_size);

    for (int x = (int) ceil (world_x (160.0) * world_size) - TILE_SIZE; x < TILE_SIZE; x++)
      {
        assert_color (east_south[x], ocean);
        assert_color (east_north[(TILE_SIZE - 1) * TILE_SIZE + x], ocean);
      }
    /* Between Vanuatu and Fiji. */
    for (int x = (int) ceil (world_x (171.0) * world_size) - TILE_SIZE;
         x < (int) (world_x (176.5) * world_size) - TILE_SIZE;
         x++)
      assert_color (east_south[fiji_row * TILE_SIZE + x], ocean);
    for (int x = 0; x < (int) (world_x (-95.0) * world_size); x++)
      {
        assert_color (west_south[x], ocean);
        assert_color (west_north[(TILE_SIZE - 1) * TILE_SIZE + x], ocean);
      }
    /* East of Fiji's easternmost islands. */
    for (int x = (int) ceil (world_x (-179.0) * world_size);
         x < (int) (world_x (-95.0) * world_size);
         x++)
      assert_color (west_south[fiji_row * TILE_SIZE + x], ocean);
    for (int x = (int) ceil (world_x (-10.0) * world_size); x < TILE_SIZE; x++)
      assert_color (west_north[arctic_row * TILE_SIZE + x], ocean);
    for (int x = 0; x < (int) (world_x (5.0) * world_size) - TILE_SIZE; x++)
      assert_color (east_north[arctic_row * TILE_SIZE + x], ocean);
  }

  /* The dark palette differs from the light one, on land and at sea. */
  dark_land = tile_pixel_at (SHUMATE_MAP_SOURCE (dark), 0, 0.0, 22.0);
  assert_color (tile_pixel_at (SHUMATE_MAP_SOURCE (dark), 0, 0.0, -150.0), dark_ocean);
  g_assert_false (colors_match (dark_land, land));
  g_assert_false (colors_match (dark_land, dark_ocean));
  g_assert_false (colors_match (dark_ocean, ocean));
}

/* For the cairo renderer, tiles keep their cairo surface: the same pixels. */
static void
test_source_surfaces (void)
{
  g_autoptr(AtlasBasemapSource) textures = atlas_basemap_source_new (FALSE);
  g_autoptr(AtlasBasemapSource) surfaces = atlas_basemap_source_new (FALSE);
  g_autofree guint32 *from_texture = NULL;
  g_autofree guint32 *from_surface = NULL;

  g_assert_false (atlas_basemap_source_get_surfaces (textures));
  atlas_basemap_source_set_surfaces (surfaces, TRUE);
  g_assert_true (atlas_basemap_source_get_surfaces (surfaces));

  from_texture = fill_tile (SHUMATE_MAP_SOURCE (textures), 2, 2, 1);
  from_surface = fill_tile (SHUMATE_MAP_SOURCE (surfaces), 2, 2, 1);
  g_assert_cmpmem (from_texture, TILE_SIZE * TILE_SIZE * 4, from_surface, TILE_SIZE * TILE_SIZE * 4);
}

static void
test_source_cancel_and_errors (void)
{
  g_autoptr(AtlasBasemapSource) light = atlas_basemap_source_new (FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (0, 0, TILE_SIZE, 2);
  g_autoptr(ShumateTile) beyond = shumate_tile_new_full (0, 0, TILE_SIZE, 11);
  FillResult fill = { 0 };
  FillResult beyond_fill = { 0 };

  g_cancellable_cancel (cancellable);
  run_fill (SHUMATE_MAP_SOURCE (light), tile, cancellable, &fill);
  g_assert_error (fill.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (fill.success);
  g_assert_cmpint (shumate_tile_get_state (tile), !=, SHUMATE_STATE_DONE);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_clear_error (&fill.error);

  run_fill (SHUMATE_MAP_SOURCE (light), beyond, NULL, &beyond_fill);
  g_assert_error (beyond_fill.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (beyond_fill.success);
  g_clear_error (&beyond_fill.error);
}

/* A render node drawn after its image paintable, and the caller's surface,
 * are gone still shows the pixels: the node holds the surface itself (not
 * a snapshot that cairo would fill by copying the surface as it is freed),
 * and lets go of it with the node. */
static void
check_node_keeps_pixels (gboolean opaque)
{
  enum { SIZE = 64 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *expected = g_new (guint32, SIZE * SIZE);
  g_autofree guint32 *drawn = g_new (guint32, SIZE * SIZE);
  AtlasImagePaintable *image;
  GskRenderNode *node;

  /* Premultiplied: each channel within the alpha. */
  for (int y = 0; y < SIZE; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                             y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < SIZE; x++)
        {
          guint32 alpha = opaque ? 255 : (guint32) (x * 4 + 3);

          row[x] = alpha << 24 | (alpha * y / SIZE) << 16 | (alpha * x / SIZE) << 8 | alpha / 2;
          expected[y * SIZE + x] = row[x];
        }
    }
  cairo_surface_mark_dirty (surface);

  image = atlas_image_paintable_new (surface, 1, TRUE);
  g_assert_nonnull (image);
  g_assert_true (atlas_image_paintable_is_surface (image));

  gdk_paintable_snapshot (GDK_PAINTABLE (image), snapshot, SIZE, SIZE);
  node = gtk_snapshot_to_node (snapshot);

  /* The node holds the pixels (through the opaque image's own surface
   * around them, for an opaque one). */
  g_object_unref (image);
  g_assert_cmpuint (cairo_surface_get_reference_count (surface), >, 1);
  cairo_surface_destroy (surface);

  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, SIZE, SIZE));
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (texture, (guchar *) drawn, SIZE * 4);
  g_assert_cmpmem (drawn, SIZE * SIZE * 4, expected, SIZE * SIZE * 4);

  gsk_render_node_unref (node);
}

static void
test_image_node_keeps_pixels (void)
{
  check_node_keeps_pixels (FALSE);
  check_node_keeps_pixels (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/load", test_basemap_load);
  g_test_add_func ("/basemap/country-at", test_basemap_country_at);
  g_test_add_func ("/basemap/corrupt", test_basemap_corrupt);
  g_test_add_func ("/basemap/country-path", test_basemap_country_path);
  g_test_add_func ("/basemap/bounds", test_basemap_bounds);
  g_test_add_func ("/basemap-source/properties", test_source_properties);
  g_test_add_func ("/basemap-source/tiles", test_source_tiles);
  g_test_add_func ("/basemap-source/surfaces", test_source_surfaces);
  g_test_add_func ("/basemap-source/cancel-and-errors", test_source_cancel_and_errors);
  g_test_add_func ("/image-paintable/node-keeps-pixels", test_image_node_keeps_pixels);

  return g_test_run ();
}
