/* atlas-basemap.c
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

#define G_LOG_DOMAIN "atlas-basemap"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-basemap.h"
#include "atlas-basemap-resources.h"

/* The blob layout, version 1 (build-aux/basemap-convert says the same):
 * little-endian, IEEE 754 binary32 floats, sections 4-byte aligned.
 *
 *   header, 64 bytes: char magic[4] = "ATBM", u32 version = 1,
 *     u32 header size = 64, u32 file size, then (u32 count, u32 offset)
 *     for countries, polygons, rings, lines and points, u32 scale
 *     denominator in millions (110 or 50), u32 reserved
 *   country, 28 bytes, by strictly increasing code: u16 code, u16 reserved,
 *     u32 first polygon, u32 polygons (>= 1), float box[4]
 *   polygon, 24 bytes: u32 first ring, u32 rings (>= 1, exterior first),
 *     float box[4]
 *   ring, 24 bytes: u32 first point, u32 points (>= 4, closed), float box[4]
 *   line, 28 bytes: u32 first point, u32 points (>= 2), u32 kind
 *     (1 coastline, 2 border), float box[4]
 *   point, 8 bytes: float x, float y
 *
 * Boxes are x0, y0, x1, y1 in Web Mercator normalised to the unit square;
 * x may leave [0, 1] (longitudes are unwrapped across the antimeridian) and
 * everything is drawn at whole-world offsets too. */

#define RESOURCE_DIR   "/io/github/cooperationatlas/Atlas/basemap/"
#define MAGIC          "ATBM"
#define FORMAT_VERSION 1
#define HEADER_SIZE    64
#define MAX_LATITUDE   85.0511287798066

/* Sanity limits for coordinates: the converter's lie well inside. */
#define MIN_X          -2.0
#define MAX_X          3.0
#define MIN_Y          -0.01
#define MAX_Y          1.01

/* At most this many world copies either side of the first are drawn. */
#define MAX_COPIES     64

/* Points closer than this to the previous one (in pixels) are skipped. */
#define MIN_STEP_PX    0.3

typedef struct
{
  guint16 code;
  guint16 reserved;
  guint32 first_polygon;
  guint32 n_polygons;
  float   box[4];
} Country;

/* A polygon (a range of rings) or a ring (a range of points). */
typedef struct
{
  guint32 first;
  guint32 count;
  float   box[4];
} Range;

typedef struct
{
  guint32 first;
  guint32 count;
  guint32 kind;
  float   box[4];
} Line;

typedef struct
{
  float x;
  float y;
} Point;

G_STATIC_ASSERT (sizeof (Country) == 28);
G_STATIC_ASSERT (sizeof (Range) == 24);
G_STATIC_ASSERT (sizeof (Line) == 28);
G_STATIC_ASSERT (sizeof (Point) == 8);

enum
{
  SECTION_COUNTRIES,
  SECTION_POLYGONS,
  SECTION_RINGS,
  SECTION_LINES,
  SECTION_POINTS,
  N_SECTIONS
};

static const gsize record_sizes[N_SECTIONS] = { 28, 24, 24, 28, 8 };

typedef struct
{
  GBytes        *bytes;         /* owns the memory below */
  const Country *countries;
  const Range   *polygons;
  const Range   *rings;
  const Line    *lines;
  const Point   *points;
  guint          n_countries;
  guint          n_polygons;
  guint          n_rings;
  guint          n_lines;
  guint          n_points;
} Level;

enum
{
  LEVEL_110M,
  LEVEL_50M,
  N_LEVELS
};

struct _AtlasBasemap
{
  GObject parent_instance;

  Level   levels[N_LEVELS];
};

G_DEFINE_FINAL_TYPE (AtlasBasemap, atlas_basemap, G_TYPE_OBJECT)

G_DEFINE_QUARK (atlas-basemap-error-quark, atlas_basemap_error)

/* Where to draw: the world's scale and origin in user space, and the visible
 * region of the world in world units. */
typedef struct
{
  cairo_t     *cr;
  const Level *level;
  double       scale;
  double       offset_x;
  double       offset_y;
  double       x0;
  double       y0;
  double       x1;
  double       y1;
} Canvas;

static double
mercator_y (double latitude)
{
  double phi = CLAMP (latitude, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0;

  return 0.5 - log (tan (G_PI / 4.0 + phi / 2.0)) / (2.0 * G_PI);
}

static double
latitude_from_y (double y)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

static gboolean
set_invalid (GError     **error,
             const char  *reason)
{
  g_debug ("Rejected a basemap blob: %s", reason);
  g_set_error_literal (error, ATLAS_BASEMAP_ERROR, ATLAS_BASEMAP_ERROR_INVALID,
                       _("The map of countries is damaged and cannot be shown."));
  return FALSE;
}

static gboolean
box_is_valid (const float box[4])
{
  return isfinite (box[0]) && isfinite (box[1]) && isfinite (box[2]) && isfinite (box[3]) &&
         box[0] <= box[2] && box[1] <= box[3] &&
         box[0] >= MIN_X && box[2] <= MAX_X && box[1] >= MIN_Y && box[3] <= MAX_Y;
}

static gboolean
range_is_valid (guint32 first,
                guint32 count,
                guint32 min_count,
                guint   n_items)
{
  return count >= min_count && (guint64) first + count <= n_items;
}

static void
swap_words (guint8 *data,
            gsize   n_words)
{
  guint32 *words = (guint32 *) (gpointer) data;

  for (gsize i = 0; i < n_words; i++)
    words[i] = GUINT32_SWAP_LE_BE (words[i]);
}

/* Turns a copy of a little-endian blob into host order, on big-endian
 * hosts only.  The layout has been checked against the header already. */
static void
swap_to_host_order (guint8        *data,
                    const guint32  counts[N_SECTIONS],
                    const guint32  offsets[N_SECTIONS])
{
  swap_words (data + 4, HEADER_SIZE / 4 - 1);

  for (guint32 i = 0; i < counts[SECTION_COUNTRIES]; i++)
    {
      guint8 *record = data + offsets[SECTION_COUNTRIES] + (gsize) i * 28;
      guint16 *halves = (guint16 *) (gpointer) record;

      halves[0] = GUINT16_SWAP_LE_BE (halves[0]);
      halves[1] = GUINT16_SWAP_LE_BE (halves[1]);
      swap_words (record + 4, 6);
    }

  for (guint s = SECTION_POLYGONS; s < N_SECTIONS; s++)
    swap_words (data + offsets[s], (gsize) counts[s] * record_sizes[s] / 4);
}

static gboolean
level_check_records (const Level  *level,
                     GError      **error)
{
  for (guint i = 0; i < level->n_countries; i++)
    {
      const Country *country = &level->countries[i];

      if (i > 0 && country->code <= level->countries[i - 1].code)
        return set_invalid (error, "countries are not sorted by code");
      if (!range_is_valid (country->first_polygon, country->n_polygons, 1, level->n_polygons))
        return set_invalid (error, "a country's polygons are out of range");
      if (!box_is_valid (country->box))
        return set_invalid (error, "a country's bounding box is invalid");
    }

  for (guint i = 0; i < level->n_polygons; i++)
    {
      if (!range_is_valid (level->polygons[i].first, level->polygons[i].count, 1, level->n_rings))
        return set_invalid (error, "a polygon's rings are out of range");
      if (!box_is_valid (level->polygons[i].box))
        return set_invalid (error, "a polygon's bounding box is invalid");
    }

  for (guint i = 0; i < level->n_rings; i++)
    {
      if (!range_is_valid (level->rings[i].first, level->rings[i].count, 4, level->n_points))
        return set_invalid (error, "a ring's points are out of range");
      if (!box_is_valid (level->rings[i].box))
        return set_invalid (error, "a ring's bounding box is invalid");
    }

  for (guint i = 0; i < level->n_lines; i++)
    {
      const Line *line = &level->lines[i];

      if (!range_is_valid (line->first, line->count, 2, level->n_points))
        return set_invalid (error, "a line's points are out of range");
      if (line->kind != ATLAS_BASEMAP_COASTLINES && line->kind != ATLAS_BASEMAP_BORDERS)
        return set_invalid (error, "a line has an unknown kind");
      if (!box_is_valid (line->box))
        return set_invalid (error, "a line's bounding box is invalid");
    }

  for (guint i = 0; i < level->n_points; i++)
    {
      const Point *point = &level->points[i];

      if (!isfinite (point->x) || !isfinite (point->y) ||
          point->x < MIN_X || point->x > MAX_X || point->y < MIN_Y || point->y > MAX_Y)
        return set_invalid (error, "a point is out of range");
    }

  return TRUE;
}

static gboolean
level_init (Level   *level,
            GBytes  *bytes,
            GError **error)
{
  g_autoptr(GBytes) owned = NULL;
  const guint8 *data;
  gsize size;
  guint32 header[HEADER_SIZE / 4];
  guint32 counts[N_SECTIONS];
  guint32 offsets[N_SECTIONS];

  g_assert (level != NULL);
  g_assert (bytes != NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL || size < HEADER_SIZE || memcmp (data, MAGIC, 4) != 0)
    return set_invalid (error, "no basemap header");

  memcpy (header, data, HEADER_SIZE);
  for (guint i = 1; i < G_N_ELEMENTS (header); i++)
    header[i] = GUINT32_FROM_LE (header[i]);

  if (header[1] != FORMAT_VERSION)
    return set_invalid (error, "unknown format version");
  if (header[2] != HEADER_SIZE || header[3] != size)
    return set_invalid (error, "the header and file sizes do not match");

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      counts[s] = header[4 + 2 * s];
      offsets[s] = header[5 + 2 * s];

      if (offsets[s] % 4 != 0 || offsets[s] < HEADER_SIZE ||
          (guint64) offsets[s] + (guint64) counts[s] * record_sizes[s] > size)
        return set_invalid (error, "a section lies outside the blob");
    }

  /* Use the memory in place when it is aligned and in host order: the
   * resource's data is, so loading costs no copy. */
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN && (guintptr) data % 4 == 0)
    {
      owned = g_bytes_ref (bytes);
    }
  else
    {
      guint8 *copy = g_memdup2 (data, size);

      if (G_BYTE_ORDER == G_BIG_ENDIAN)
        swap_to_host_order (copy, counts, offsets);
      owned = g_bytes_new_take (copy, size);
      data = copy;
    }

  level->countries = (const Country *) (gconstpointer) (data + offsets[SECTION_COUNTRIES]);
  level->polygons = (const Range *) (gconstpointer) (data + offsets[SECTION_POLYGONS]);
  level->rings = (const Range *) (gconstpointer) (data + offsets[SECTION_RINGS]);
  level->lines = (const Line *) (gconstpointer) (data + offsets[SECTION_LINES]);
  level->points = (const Point *) (gconstpointer) (data + offsets[SECTION_POINTS]);
  level->n_countries = counts[SECTION_COUNTRIES];
  level->n_polygons = counts[SECTION_POLYGONS];
  level->n_rings = counts[SECTION_RINGS];
  level->n_lines = counts[SECTION_LINES];
  level->n_points = counts[SECTION_POINTS];

  if (!level_check_records (level, error))
    {
      memset (level, 0, sizeof *level);
      return FALSE;
    }

  level->bytes = g_steal_pointer (&owned);

  return TRUE;
}

static int
compare_country_code (gconstpointer key,
                      gconstpointer element)
{
  guint16 code = *(const guint16 *) key;
  const Country *country = element;

  return (int) code - (int) country->code;
}

static const Country *
level_find_country (const Level *level,
                    guint16      code)
{
  g_assert (level != NULL);

  if (level->n_countries == 0)
    return NULL;

  return bsearch (&code, level->countries, level->n_countries, sizeof (Country),
                  compare_country_code);
}

/* Even-odd test over all the rings of a polygon. */
static gboolean
polygon_contains (const Level *level,
                  const Range *polygon,
                  double       x,
                  double       y)
{
  gboolean inside = FALSE;

  g_assert (level != NULL);
  g_assert (polygon != NULL);

  for (guint32 r = polygon->first; r < polygon->first + polygon->count; r++)
    {
      const Range *ring = &level->rings[r];
      const Point *points = &level->points[ring->first];

      if (x < ring->box[0] || x > ring->box[2] || y < ring->box[1] || y > ring->box[3])
        continue;

      for (guint32 i = 0, j = ring->count - 1; i < ring->count; j = i++)
        {
          double xi = points[i].x, yi = points[i].y;
          double xj = points[j].x, yj = points[j].y;

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }

  return inside;
}

static double
ring_area (const Level *level,
           const Range *ring)
{
  const Point *points = &level->points[ring->first];
  double area = 0.0;

  for (guint32 i = 0; i + 1 < ring->count; i++)
    area += (double) points[i].x * points[i + 1].y - (double) points[i + 1].x * points[i].y;

  return area / 2.0;
}

static const Level *
basemap_get_level (AtlasBasemap *self,
                   double        zoom)
{
  g_assert (ATLAS_IS_BASEMAP (self));

  return &self->levels[zoom <= 2.0 ? LEVEL_110M : LEVEL_50M];
}

static gboolean
canvas_init (Canvas       *canvas,
             AtlasBasemap *self,
             cairo_t      *cr,
             double        zoom,
             double        world_size_px,
             double        offset_x,
             double        offset_y,
             double        margin_px)
{
  double cx0, cy0, cx1, cy1;

  g_assert (canvas != NULL);

  if (!(world_size_px > 0.0) || !isfinite (world_size_px) ||
      !isfinite (offset_x) || !isfinite (offset_y) || isnan (zoom))
    return FALSE;

  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);

  canvas->cr = cr;
  canvas->level = basemap_get_level (self, zoom);
  canvas->scale = world_size_px;
  canvas->offset_x = offset_x;
  canvas->offset_y = offset_y;
  canvas->x0 = (cx0 - margin_px - offset_x) / world_size_px;
  canvas->y0 = (cy0 - margin_px - offset_y) / world_size_px;
  canvas->x1 = (cx1 + margin_px - offset_x) / world_size_px;
  canvas->y1 = (cy1 + margin_px - offset_y) / world_size_px;

  return cx0 < cx1 && cy0 < cy1;
}

/* The whole-world offsets k for which the box shifted by k meets the
 * visible region: FALSE when there are none. */
static gboolean
canvas_get_copies (const Canvas *canvas,
                   const float   box[4],
                   int          *first,
                   int          *last)
{
  double lo, hi;

  if (box[3] < canvas->y0 || box[1] > canvas->y1)
    return FALSE;

  lo = CLAMP (ceil (canvas->x0 - box[2]), -MAX_COPIES - 1, MAX_COPIES + 1);
  hi = CLAMP (floor (canvas->x1 - box[0]), -MAX_COPIES - 1, MAX_COPIES + 1);
  *first = (int) MAX (lo, -MAX_COPIES);
  *last = (int) MIN (hi, MAX_COPIES);

  return *first <= *last;
}

static gboolean
canvas_sees (const Canvas *canvas,
             const float   box[4],
             int           copy)
{
  return box[2] + copy >= canvas->x0 && box[0] + copy <= canvas->x1 &&
         box[3] >= canvas->y0 && box[1] <= canvas->y1;
}

static void
canvas_append_points (const Canvas *canvas,
                      guint32       first,
                      guint32       count,
                      int           copy,
                      gboolean      close)
{
  const Point *points = &canvas->level->points[first];
  double origin_x = canvas->offset_x + copy * canvas->scale;
  double last_x = points[0].x * canvas->scale + origin_x;
  double last_y = points[0].y * canvas->scale + canvas->offset_y;

  cairo_move_to (canvas->cr, last_x, last_y);

  for (guint32 i = 1; i < count; i++)
    {
      double x = points[i].x * canvas->scale + origin_x;
      double y = points[i].y * canvas->scale + canvas->offset_y;

      if (i + 1 < count && fabs (x - last_x) < MIN_STEP_PX && fabs (y - last_y) < MIN_STEP_PX)
        continue;

      cairo_line_to (canvas->cr, x, y);
      last_x = x;
      last_y = y;
    }

  if (close)
    cairo_close_path (canvas->cr);
}

static void
canvas_append_country (const Canvas  *canvas,
                       const Country *country)
{
  const Level *level = canvas->level;
  int first_copy, last_copy;

  if (!canvas_get_copies (canvas, country->box, &first_copy, &last_copy))
    return;

  for (int copy = first_copy; copy <= last_copy; copy++)
    {
      for (guint32 p = country->first_polygon;
           p < country->first_polygon + country->n_polygons;
           p++)
        {
          const Range *polygon = &level->polygons[p];

          if (!canvas_sees (canvas, polygon->box, copy))
            continue;

          for (guint32 r = polygon->first; r < polygon->first + polygon->count; r++)
            {
              const Range *ring = &level->rings[r];

              /* A hole out of sight changes nothing in sight. */
              if (r != polygon->first && !canvas_sees (canvas, ring->box, copy))
                continue;

              canvas_append_points (canvas, ring->first, ring->count, copy, TRUE);
            }
        }
    }
}

static void
atlas_basemap_finalize (GObject *object)
{
  AtlasBasemap *self = (AtlasBasemap *)object;

  for (guint i = 0; i < N_LEVELS; i++)
    g_clear_pointer (&self->levels[i].bytes, g_bytes_unref);

  G_OBJECT_CLASS (atlas_basemap_parent_class)->finalize (object);
}

static void
atlas_basemap_class_init (AtlasBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_basemap_finalize;
}

static void
atlas_basemap_init (AtlasBasemap *self)
{
}

AtlasBasemap *
atlas_basemap_get_default (void)
{
  static AtlasBasemap *basemap;

  if (g_once_init_enter (&basemap))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) level_110m = NULL;
      g_autoptr(GBytes) level_50m = NULL;
      AtlasBasemap *loaded = NULL;

      atlas_basemap_register_resource ();

      level_110m = g_resources_lookup_data (RESOURCE_DIR "countries-110m.bin",
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (level_110m != NULL)
        level_50m = g_resources_lookup_data (RESOURCE_DIR "countries-50m.bin",
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (level_50m != NULL)
        loaded = atlas_basemap_new_from_bytes (level_110m, level_50m, &error);

      if (loaded == NULL)
        {
          g_critical ("The built-in basemap could not be loaded: %s", error->message);
          loaded = g_object_new (ATLAS_TYPE_BASEMAP, NULL);
        }

      g_once_init_leave (&basemap, loaded);
    }

  return basemap;
}

AtlasBasemap *
atlas_basemap_new_from_bytes (GBytes  *level_110m,
                              GBytes  *level_50m,
                              GError **error)
{
  g_autoptr(AtlasBasemap) self = NULL;

  g_return_val_if_fail (level_110m != NULL, NULL);
  g_return_val_if_fail (level_50m != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ATLAS_TYPE_BASEMAP, NULL);

  if (!level_init (&self->levels[LEVEL_110M], level_110m, error) ||
      !level_init (&self->levels[LEVEL_50M], level_50m, error))
    return NULL;

  return g_steal_pointer (&self);
}

guint16
atlas_basemap_country_at (AtlasBasemap *self,
                          double        latitude,
                          double        longitude)
{
  const Level *level;
  double x, y;

  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), 0);
  g_return_val_if_fail (isfinite (latitude) && isfinite (longitude), 0);

  level = &self->levels[LEVEL_50M];
  x = (longitude + 180.0) / 360.0;
  x -= floor (x);
  /* Just inside the south edge, where Antarctica is closed through the pole. */
  y = MIN (mercator_y (latitude), 1.0 - 1e-9);

  for (guint i = 0; i < level->n_countries; i++)
    {
      const Country *country = &level->countries[i];

      if (y < country->box[1] || y > country->box[3])
        continue;

      for (double copy = ceil (country->box[0] - x); copy <= floor (country->box[2] - x); copy++)
        {
          for (guint32 p = country->first_polygon;
               p < country->first_polygon + country->n_polygons;
               p++)
            {
              const Range *polygon = &level->polygons[p];
              double px = x + copy;

              if (px < polygon->box[0] || px > polygon->box[2] ||
                  y < polygon->box[1] || y > polygon->box[3])
                continue;

              if (polygon_contains (level, polygon, px, y))
                return country->code;
            }
        }
    }

  return 0;
}

gboolean
atlas_basemap_append_country_path (AtlasBasemap *self,
                                   cairo_t      *cr,
                                   guint16       numeric,
                                   double        zoom,
                                   double        world_size_px,
                                   double        offset_x,
                                   double        offset_y)
{
  const Level *level;
  const Country *country;
  Canvas canvas;

  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  /* Small states missing from the coarse level come from the fine one. */
  level = basemap_get_level (self, zoom);
  country = level_find_country (level, numeric);
  if (country == NULL && level != &self->levels[LEVEL_50M])
    {
      level = &self->levels[LEVEL_50M];
      country = level_find_country (level, numeric);
    }
  if (country == NULL)
    return FALSE;

  if (canvas_init (&canvas, self, cr, zoom, world_size_px, offset_x, offset_y, 1.0))
    {
      canvas.level = level;
      canvas_append_country (&canvas, country);
    }

  return TRUE;
}

void
atlas_basemap_append_land_path (AtlasBasemap *self,
                                cairo_t      *cr,
                                double        zoom,
                                double        world_size_px,
                                double        offset_x,
                                double        offset_y)
{
  Canvas canvas;

  g_return_if_fail (ATLAS_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL);

  if (!canvas_init (&canvas, self, cr, zoom, world_size_px, offset_x, offset_y, 1.0))
    return;

  for (guint i = 0; i < canvas.level->n_countries; i++)
    canvas_append_country (&canvas, &canvas.level->countries[i]);
}

void
atlas_basemap_append_lines (AtlasBasemap      *self,
                            cairo_t           *cr,
                            AtlasBasemapLines  kind,
                            double             zoom,
                            double             world_size_px,
                            double             offset_x,
                            double             offset_y)
{
  Canvas canvas;

  g_return_if_fail (ATLAS_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (kind == ATLAS_BASEMAP_COASTLINES || kind == ATLAS_BASEMAP_BORDERS);

  if (!canvas_init (&canvas, self, cr, zoom, world_size_px, offset_x, offset_y,
                    cairo_get_line_width (cr) + 1.0))
    return;

  for (guint i = 0; i < canvas.level->n_lines; i++)
    {
      const Line *line = &canvas.level->lines[i];
      int first_copy, last_copy;

      if (line->kind != kind || !canvas_get_copies (&canvas, line->box, &first_copy, &last_copy))
        continue;

      for (int copy = first_copy; copy <= last_copy; copy++)
        canvas_append_points (&canvas, line->first, line->count, copy, FALSE);
    }
}

gboolean
atlas_basemap_get_country_bounds (AtlasBasemap *self,
                                  guint16       numeric,
                                  double       *north,
                                  double       *south,
                                  double       *west,
                                  double       *east)
{
  const Level *level;
  const Country *country;
  const Range *main_polygon;
  double main_area;
  double grow_x, grow_y;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double shift;

  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), FALSE);

  level = &self->levels[LEVEL_50M];
  country = level_find_country (level, numeric);
  if (country == NULL)
    return FALSE;

  main_polygon = &level->polygons[country->first_polygon];
  main_area = fabs (ring_area (level, &level->rings[main_polygon->first]));

  for (guint32 p = country->first_polygon + 1;
       p < country->first_polygon + country->n_polygons;
       p++)
    {
      const Range *polygon = &level->polygons[p];
      double area = fabs (ring_area (level, &level->rings[polygon->first]));

      if (area > main_area)
        {
          main_area = area;
          main_polygon = polygon;
        }
    }

  /* The polygons within one main-polygon size of the main polygon.  A
   * country's polygons are stored next to its largest one, so no whole-world
   * offsets are needed here. */
  grow_x = main_polygon->box[2] - main_polygon->box[0];
  grow_y = main_polygon->box[3] - main_polygon->box[1];

  for (guint32 p = country->first_polygon; p < country->first_polygon + country->n_polygons; p++)
    {
      const float *box = level->polygons[p].box;

      if (box[2] < main_polygon->box[0] - grow_x || box[0] > main_polygon->box[2] + grow_x ||
          box[3] < main_polygon->box[1] - grow_y || box[1] > main_polygon->box[3] + grow_y)
        continue;

      x0 = MIN (x0, box[0]);
      y0 = MIN (y0, box[1]);
      x1 = MAX (x1, box[2]);
      y1 = MAX (y1, box[3]);
    }

  shift = floor (x0);

  if (north != NULL)
    *north = latitude_from_y (y0);
  if (south != NULL)
    *south = latitude_from_y (y1);
  if (west != NULL)
    *west = (x0 - shift) * 360.0 - 180.0;
  if (east != NULL)
    *east = (x1 - shift) * 360.0 - 180.0;

  return TRUE;
}
