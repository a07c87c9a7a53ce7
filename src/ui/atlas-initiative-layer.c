/* atlas-initiative-layer.c
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

#define G_LOG_DOMAIN "atlas-initiative-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "atlas-basemap.h"
#include "atlas-basemap-source.h"
#include "atlas-damage-hint.h"
#include "atlas-image-paintable.h"
#include "atlas-initiative-layer.h"
#include "atlas-ui-format.h"

#define DEFAULT_TILE_SIZE   256.0
#define POINT_CELL_PX       80.0    /* grid cell of the point clustering */
#define POINT_RADIUS        4.5
#define POINT_MIN_ZOOM      2.0
#define BUBBLE_MIN_RADIUS   9.0
#define BUBBLE_MAX_RADIUS   30.0    /* the largest single country */
#define BUBBLE_CAP_RADIUS   46.0    /* the largest cluster */
#define MARK_GAP            3.0     /* pixels kept free between marks */
#define LABEL_HALO_WIDTH    3.0
#define BOUNDS_WORLD_SIZE   65536.0 /* resolution at which country bounds are measured */
#define TILE_PX             128.0   /* side of a cached tile, in layer pixels */
#define TILE_BUDGET_US      8000    /* time a frame may spend drawing tiles */
#define CACHE_BYTES         (48 * 1024 * 1024)
#define MAX_SPRITES         2048

/* Basemap codes stand for 1000 values at most (ISO numeric and private). */
#define N_BASEMAP_CODES     1000

typedef struct
{
  GdkRGBA classes[ATLAS_INITIATIVE_LAYER_MAX_CLASSES];
  GdkRGBA border;             /* between shaded countries */
  GdkRGBA highlight;
  GdkRGBA bubble_fill;
  GdkRGBA bubble_stroke;
  GdkRGBA point_fill;
  GdkRGBA point_stroke;
  GdkRGBA label;
  GdkRGBA label_halo;
} Palette;

/* Sequential oranges: from a shade clearly apart from the land to a dark
 * (light style) or bright (dark style) one; the marks are blue and purple,
 * away from every class.  Shades are opaque, with borders of their own
 * (see the drawing notes below). */
static const Palette light_palette = {
  .classes = {
    { 0.988, 0.851, 0.659, 1.0 },    /* #fcd9a8 */
    { 0.976, 0.690, 0.416, 1.0 },    /* #f9b06a */
    { 0.941, 0.518, 0.235, 1.0 },    /* #f0843c */
    { 0.851, 0.353, 0.110, 1.0 },    /* #d95a1c */
    { 0.663, 0.224, 0.043, 1.0 },    /* #a9390b */
  },
  .border        = { 1.0, 1.0, 1.0, 0.55 },
  .highlight     = { 0.110, 0.443, 0.847, 1.0 },   /* #1c71d8 */
  .bubble_fill   = { 0.208, 0.518, 0.894, 0.78 },  /* #3584e4 */
  .bubble_stroke = { 1.0, 1.0, 1.0, 0.95 },
  .point_fill    = { 0.380, 0.208, 0.514, 0.95 },  /* #613583 */
  .point_stroke  = { 1.0, 1.0, 1.0, 0.95 },
  .label         = { 1.0, 1.0, 1.0, 1.0 },
  .label_halo    = { 0.0, 0.0, 0.0, 0.62 },
};

static const Palette dark_palette = {
  .classes = {
    { 0.478, 0.314, 0.196, 1.0 },    /* #7a5032 */
    { 0.647, 0.384, 0.180, 1.0 },    /* #a5622e */
    { 0.804, 0.463, 0.176, 1.0 },    /* #cd762d */
    { 0.929, 0.604, 0.251, 1.0 },    /* #ed9a40 */
    { 0.988, 0.808, 0.447, 1.0 },    /* #fcce72 */
  },
  .border        = { 0.071, 0.090, 0.118, 0.45 },
  .highlight     = { 0.600, 0.757, 0.945, 1.0 },   /* #99c1f1 */
  .bubble_fill   = { 0.384, 0.627, 0.918, 0.78 },  /* #62a0ea */
  .bubble_stroke = { 0.071, 0.090, 0.118, 0.95 },
  .point_fill    = { 0.863, 0.541, 0.867, 0.95 },  /* #dc8add */
  .point_stroke  = { 0.071, 0.090, 0.118, 0.95 },
  .label         = { 1.0, 1.0, 1.0, 1.0 },
  .label_halo    = { 0.0, 0.0, 0.0, 0.70 },
};

/* Where each vocabulary country is, computed once per process. */
typedef struct
{
  double  mx;                 /* representative point, Web Mercator in [0, 1] */
  double  my;
  double  latitude;
  double  longitude;
  guint16 codes[2];           /* basemap codes */
  guint   n_codes;
} CountryPlace;

typedef struct
{
  guint          n_countries;
  CountryPlace  *places;
  gint16         country_of_code[N_BASEMAP_CODES];
} CountryTable;

/* Bounds of a country's shapes in world units, measured when first drawn. */
typedef struct
{
  double x0, y0, x1, y1;
  guint  known : 1;
  guint  empty : 1;
} CountryBounds;

typedef struct
{
  double mx;
  double my;
} Point;

/* A cluster of points, or of country bubbles; positions in world units. */
typedef struct
{
  double sum_x;               /* of world pixels at the clustering zoom */
  double sum_y;
  double mx;                  /* centre, world units */
  double my;
  double radius;              /* on screen */
  guint  count;               /* initiatives */
  guint  n_members;           /* points or countries */
  guint  first;               /* point index or country index of the first member */
  int    cell_x;
  int    cell_y;
  gboolean alive;
} Cluster;

typedef enum
{
  MARK_BUBBLE,
  MARK_POINT,
} MarkKind;

/* A pixel that more than one country covers in part, beyond the first:
 * where two countries meet, each covers some of the pixel. */
typedef struct
{
  guint32 offset;             /* of the pixel, row by row */
  guint16 country;            /* vocabulary index + 1 */
  guint8  coverage;
} ShapeEdge;

/* Pixels of one row of a tile that are shaded alike: all inside one country
 * (whole coverage, no other country, no border), or (id RUN_MIXED) pixels to
 * shade one by one.  Pixels without a country are in no run. */
typedef struct
{
  guint32 offset;             /* of the first pixel, row by row */
  guint16 length;
  guint16 id;                 /* the country + 1, or RUN_MIXED */
} ShapeRun;

#define RUN_MIXED G_MAXUINT16

/* What a tile shows of the countries whatever their counts, drawn once with
 * cairo: shading the tile again after the counts change is then a pass over
 * its pixels, with no path to build, fill or stroke (which cost a few
 * milliseconds per result change at 100,000 initiatives). */
typedef struct
{
  int        scale;           /* device pixels per unit */
  int        width;           /* device pixels */
  int        height;
  guint16   *ids;             /* per pixel: the first country there + 1, 0 for none;
                               * NULL when no country reaches the tile */
  guint8    *coverage;        /* per pixel: how much of it that country covers */
  ShapeEdge *edges;           /* the other countries' parts, by offset */
  guint      n_edges;
  guint8    *borders;         /* per pixel: the borders' stroke; NULL when none */
  ShapeRun  *runs;            /* the pixels with a country, in order */
  guint      n_runs;
  gsize      bytes;
} TileShapes;

/* What a tile shows, as numbers (tile_signature ()). */
typedef struct
{
  guint shades;               /* its shades and outlines */
  guint all;                  /* those, and its marks */
} TileSignature;

/* A tile's shades and outlines, without its marks: a new result that
 * leaves them as they were draws the marks over a copy of them, rather than
 * shading the tile again (see tile_signature ()).  Only tiles with
 * something drawn on them keep them. */
typedef struct
{
  cairo_surface_t *surface;
  guint            signature; /* TileSignature.shades */
  guint            look;
  int              scale;
  gboolean         merged;    /* over the basemap's pixels */
  guint            base_serial;
  gboolean         opaque;    /* every pixel is opaque */
  gsize            bytes;     /* of its pixels */
} TileShades;

/* A piece of what the layer shows, drawn once for a zoom level. */
typedef struct
{
  double      zoom;
  int         tx;
  int         ty;
  guint       generation;
  guint       look;           /* the layer's look when drawn */
  guint       signature;      /* of what it shows (TileSignature.all) */
  AtlasImagePaintable *image; /* NULL when there is nothing to show there */
  gboolean    merged;         /* drawn over the basemap's pixels: opaque */
  guint       base_serial;    /* the basemap's layer it was merged for */
  TileShapes *shapes;         /* kept across results and looks */
  TileShades *shades;         /* kept across results */
  gsize       bytes;          /* of the image, the shapes and the shades */
  guint64     last_used;      /* frame counter */
} Tile;

/* A mark's look, drawn once. */
typedef struct
{
  MarkKind         kind;
  guint            count;
  guint            radius_q;  /* radius in quarter pixels */
  double           half_width;  /* of the image, in layer pixels */
  double           half_height;
  cairo_surface_t *surface;   /* with the device scale of the tiles */
} Sprite;

/* A character of the marks' counts, drawn once: its glyph's coverage,
 * from the pen's place minus the label margin (see draw_label ()) on the
 * label's line, and how far it moves the pen. */
typedef struct
{
  cairo_surface_t *mask;      /* A8, with the device scale of the tiles */
  double           advance;   /* layer pixels */
} LabelChar;

/* A mark that reaches a tile: the mark's place in the drawing order
 * (points, then bubbles) and its centre in the tile's pixels. */
typedef struct
{
  guint  order;
  double x;
  double y;
} TileMark;

/* A mark drawn in the last frame. */
typedef struct
{
  double   x;
  double   y;
  double   radius;
  MarkKind kind;
  guint    cluster;
} Mark;

struct _AtlasInitiativeLayer
{
  ShumateLayer     parent_instance;

  AtlasBasemap    *basemap;
  AtlasResult     *result;
  const Palette   *palette;
  gboolean         dark;

  /* Aggregates of the result. */
  guint            n_countries;
  guint           *counts;            /* per vocabulary country */
  guint8          *classes;           /* colour class per country */
  gboolean        *highlighted;       /* per vocabulary country */
  CountryBounds   *bounds;            /* per vocabulary country */
  GArray          *active;            /* guint: countries with a count, by decreasing count */
  guint            max_count;
  guint            n_global;
  guint            n_classes;
  guint            class_max[ATLAS_INITIATIVE_LAYER_MAX_CLASSES];
  GArray          *points;            /* Point */
  GArray          *point_positions;   /* guint: each point's position in the result */

  /* Every record of projected_index, projected (mx NAN: no location), and
   * a bit per record set for those with a location: a result's records
   * come in its order, and the bits (12.5 kB for 100,000) stay in the
   * processor's cache where their points, read in that order, would not. */
  AtlasIndex      *projected_index;
  Point           *projected;
  guint32         *located;

  /* Clusters at cluster_zoom (NAN: to recompute). */
  double           cluster_zoom;
  GArray          *bubbles;           /* Cluster */
  GArray          *point_clusters;    /* Cluster */
  guint64         *cell_keys;         /* open addressing table of the grid */
  guint32         *cell_values;
  gsize            cell_capacity;

  /* The marks of the clusters, by the tile their centre is in: a tile
   * draws the marks that reach it, so that a frame places a few tiles
   * rather than a node per mark. */
  GHashTable      *mark_buckets;      /* guint64 * (into mark_tiles) → first order + 1 */
  guint64         *mark_tiles;        /* per order: the tile of its centre */
  guint           *mark_next;         /* per order: the next in its tile + 1, or 0 */
  guint            n_mark_slots;
  guint            n_bucketed_points; /* orders below it are point clusters */
  GArray          *tile_marks;        /* TileMark, scratch */

  /* Tiles, and what they were drawn from: the generation changes with the
   * result, the highlighted countries and the look; the look with the
   * palette, the fonts and the scale (sprites depend on the look only). */
  GHashTable      *tiles;             /* Tile, its own key */
  GHashTable      *sprites;           /* Sprite, its own key */
  GHashTable      *label_chars;       /* gunichar → LabelChar */
  guint32         *shades;            /* premultiplied, by country + 1 (0: none) */
  guint            shades_generation; /* the generation they are of, + 1 */
  gsize            cache_bytes;
  guint            generation;
  guint            look;
  guint64          frame_counter;
  double           last_frame_zoom;
  gboolean         frame_complete;    /* the last frame drew every tile */
  gboolean         has_complete;      /* the last complete frame, for stand-ins */
  double           complete_zoom;
  guint            complete_generation;
  guint            pending_tick_id;
  guint            n_tiles_drawn;     /* for tests: tiles drawn, */
  guint            n_tiles_shaded;    /* and of those, shaded rather than copied */

  /* The basemap's layer, under this one.  When every tile in sight was
   * drawn over a copy of the basemap's pixels (merged), the basemap's
   * layer is not drawn: the window then draws each piece of the map once,
   * not twice.  It is drawn again before any frame that may show a place
   * without a merged tile (the view moves, the look changes, the result
   * shows nothing). */
  GtkWidget       *basemap_layer;     /* weak */
  guint            basemap_serial;    /* changes with the layer (and its source) */
  gboolean         basemap_hidden;
  gboolean         basemap_hide_wanted;
  guint            basemap_tick_id;

  /* A new generation changes most tiles in sight: they change as one
   * rectangle, the layer's. */
  AtlasDamageHint  tiles_hint;
  guint            hinted_generation;

  /* The last frame. */
  GArray          *marks;             /* Mark */
  gboolean         frame_valid;
  double           frame_world_size;
  double           frame_origin_x;
  double           frame_origin_y;

  /* Labels. */
  PangoLayout     *layout;
  double           digit_width;
  double           label_height;
};

G_DEFINE_FINAL_TYPE (AtlasInitiativeLayer, atlas_initiative_layer, SHUMATE_TYPE_LAYER)

/* Geometry helpers */

static double
mercator_x (double longitude)
{
  return (CLAMP (longitude, -180.0, 180.0) + 180.0) / 360.0;
}

static double
mercator_y (double latitude)
{
  double s;

  latitude = CLAMP (latitude, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  s = sin (latitude * G_PI / 180.0);

  return 0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI);
}

static double
mercator_longitude (double mx)
{
  mx -= floor (mx);
  return mx * 360.0 - 180.0;
}

static double
mercator_latitude (double my)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * my))) * 180.0 / G_PI;
}

/* The country table */

static const CountryTable *
get_country_table (void)
{
  static CountryTable *table;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      AtlasVocab *vocab = atlas_vocab_get_default ();
      AtlasBasemap *basemap = atlas_basemap_get_default ();
      CountryTable *new_table = g_new0 (CountryTable, 1);
      int somalia = -1, cyprus = -1;

      new_table->n_countries = atlas_vocab_get_n_countries (vocab);
      new_table->places = g_new0 (CountryPlace, new_table->n_countries);
      for (guint i = 0; i < N_BASEMAP_CODES; i++)
        new_table->country_of_code[i] = -1;

      for (guint i = 0; i < new_table->n_countries; i++)
        {
          const AtlasCountry *country = atlas_vocab_get_country (vocab, i);
          CountryPlace *place = &new_table->places[i];
          guint16 numeric = country->numeric;
          double latitude = country->latitude;
          double longitude = country->longitude;

          /* The vocabulary gives Kosovo no ISO number; the basemap a private one. */
          if (numeric == 0 && g_strcmp0 (country->alpha2, "XK") == 0)
            numeric = ATLAS_BASEMAP_KOSOVO;

          if (numeric > 0 && numeric < N_BASEMAP_CODES)
            {
              place->codes[place->n_codes++] = numeric;
              new_table->country_of_code[numeric] = i;
            }

          if (g_strcmp0 (country->alpha2, "SO") == 0)
            somalia = i;
          else if (g_strcmp0 (country->alpha2, "CY") == 0)
            cyprus = i;

          /* A country the vocabulary has no point for: the middle of its shape. */
          if (latitude == 0.0 && longitude == 0.0 && numeric > 0)
            {
              double north, south, west, east;

              if (atlas_basemap_get_country_bounds (basemap, numeric, &north, &south, &west, &east))
                {
                  latitude = (north + south) / 2.0;
                  longitude = (west + east) / 2.0;
                  if (longitude >= 180.0)
                    longitude -= 360.0;
                }
            }

          place->latitude = latitude;
          place->longitude = longitude;
          place->mx = mercator_x (longitude);
          place->my = mercator_y (latitude);
        }

      /* ISO 3166 counts Somaliland as part of Somalia and Northern Cyprus as
       * part of Cyprus; the basemap draws them apart. */
      if (somalia >= 0)
        {
          new_table->places[somalia].codes[new_table->places[somalia].n_codes++] =
            ATLAS_BASEMAP_SOMALILAND;
          new_table->country_of_code[ATLAS_BASEMAP_SOMALILAND] = somalia;
        }
      if (cyprus >= 0)
        {
          new_table->places[cyprus].codes[new_table->places[cyprus].n_codes++] =
            ATLAS_BASEMAP_NORTHERN_CYPRUS;
          new_table->country_of_code[ATLAS_BASEMAP_NORTHERN_CYPRUS] = cyprus;
        }

      table = new_table;
      g_once_init_leave (&initialized, 1);
    }

  return table;
}

/* The colour scale */

/* The nearest of 1, 2, 5 times a power of ten, in log space. */
static guint
round_nicely (double value)
{
  static const double steps[] = { 1.0, 2.0, 5.0, 10.0 };
  double magnitude, best = 1.0, best_distance = G_MAXDOUBLE;

  if (value <= 1.0)
    return 1;

  magnitude = pow (10.0, floor (log10 (value)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double candidate = steps[i] * magnitude;
      double distance = fabs (log (candidate) - log (value));

      if (distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }

  return (guint) best;
}

/* Classes on a logarithmic scale up to the largest count, with round
 * boundaries; one class per value when there are at most five. */
static void
compute_classes (AtlasInitiativeLayer *self)
{
  guint previous = 0;

  g_assert (ATLAS_IS_INITIATIVE_LAYER (self));

  self->n_classes = 0;
  if (self->max_count == 0)
    return;

  if (self->max_count <= ATLAS_INITIATIVE_LAYER_MAX_CLASSES)
    {
      for (guint i = 0; i < self->max_count; i++)
        self->class_max[self->n_classes++] = i + 1;
      return;
    }

  for (guint i = 1; i < ATLAS_INITIATIVE_LAYER_MAX_CLASSES; i++)
    {
      double exponent = (double) i / ATLAS_INITIATIVE_LAYER_MAX_CLASSES;
      guint boundary = round_nicely (pow (self->max_count, exponent));

      if (boundary > previous && boundary < self->max_count)
        {
          self->class_max[self->n_classes++] = boundary;
          previous = boundary;
        }
    }
  self->class_max[self->n_classes++] = self->max_count;
}

static guint
class_of_count (AtlasInitiativeLayer *self,
                guint                 count)
{
  g_assert (self->n_classes > 0);

  for (guint i = 0; i < self->n_classes; i++)
    if (count <= self->class_max[i])
      return i;

  return self->n_classes - 1;
}

/* The step of the palette's ramp of a class: fewer classes are spread over
 * the whole ramp, so the same class may take another step when the number
 * of classes changes. */
static guint
class_ramp (AtlasInitiativeLayer *self,
            guint                 index)
{
  g_assert (index < self->n_classes);

  if (self->n_classes == 1)
    return ATLAS_INITIATIVE_LAYER_MAX_CLASSES / 2;

  return (index * (ATLAS_INITIATIVE_LAYER_MAX_CLASSES - 1) + (self->n_classes - 1) / 2) /
         (self->n_classes - 1);
}

static const GdkRGBA *
class_color (AtlasInitiativeLayer *self,
             guint                 index)
{
  return &self->palette->classes[class_ramp (self, index)];
}

/* Labels */

static void
ensure_layout (AtlasInitiativeLayer *self)
{
  g_autoptr(PangoAttrList) attributes = NULL;
  PangoRectangle logical;

  if (self->layout != NULL)
    return;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (0.9));
  /* Tabular digits keep counts from shifting when they change. */
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (self->layout, attributes);

  pango_layout_set_text (self->layout, "0000000000", -1);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  self->digit_width = logical.width / 10.0;
  self->label_height = logical.height;
}

static guint
count_digits (guint count)
{
  guint digits = 1;

  while (count >= 10)
    {
      count /= 10;
      digits++;
    }

  /* A group separator every three digits. */
  return digits + (digits - 1) / 3;
}

/* Half the width a mark needs to hold its label. */
static double
label_half_width (AtlasInitiativeLayer *self,
                  guint                 count)
{
  return count_digits (count) * self->digit_width / 2.0 + LABEL_HALO_WIDTH;
}

/* Radii */

static double
bubble_radius (AtlasInitiativeLayer *self,
               guint                 count)
{
  double radius;

  if (self->max_count == 0)
    return BUBBLE_MIN_RADIUS;

  radius = BUBBLE_MAX_RADIUS * sqrt ((double) count / self->max_count);
  return CLAMP (radius, BUBBLE_MIN_RADIUS, BUBBLE_CAP_RADIUS);
}

static double
point_radius (guint count)
{
  if (count <= 1)
    return POINT_RADIUS;

  return MIN (8.0 + 2.5 * log2 ((double) count), 22.0);
}

/* The room a mark takes for collisions: its circle or its label. */
static double
mark_extent (AtlasInitiativeLayer *self,
             const Cluster        *cluster)
{
  if (cluster->count <= 1)
    return cluster->radius;

  return MAX (cluster->radius, label_half_width (self, cluster->count));
}

/* Clustering of country bubbles, in world pixels at a zoom level: a greedy
 * merge of each country into the first cluster it would overlap, from the
 * largest count down, repeated until nothing overlaps. */

static double
wrapped_delta (double delta,
               double world_size)
{
  if (delta > world_size / 2.0)
    return delta - world_size;
  if (delta < -world_size / 2.0)
    return delta + world_size;
  return delta;
}

static void
cluster_absorb (AtlasInitiativeLayer *self,
                Cluster              *into,
                Cluster              *from,
                double                world_size,
                gboolean              bubbles)
{
  double into_x = into->sum_x / into->count;
  double from_x = from->sum_x / from->count;
  double from_y = from->sum_y / from->count;

  /* Across the antimeridian: count the member on this cluster's side. */
  from_x = into_x + wrapped_delta (from_x - into_x, world_size);

  into->sum_x += from_x * from->count;
  into->sum_y += from_y * from->count;
  into->count += from->count;
  into->n_members += from->n_members;
  into->radius = bubbles ? bubble_radius (self, into->count) : point_radius (into->count);
  from->alive = FALSE;
}

static void
cluster_update_centre (Cluster *cluster,
                       double   world_size)
{
  double x = cluster->sum_x / cluster->count;
  double y = cluster->sum_y / cluster->count;

  cluster->mx = x / world_size;
  cluster->mx -= floor (cluster->mx);
  cluster->my = y / world_size;
}

static gboolean
clusters_overlap (AtlasInitiativeLayer *self,
                  const Cluster        *a,
                  const Cluster        *b,
                  double                world_size)
{
  double dx = wrapped_delta (b->sum_x / b->count - a->sum_x / a->count, world_size);
  double dy = b->sum_y / b->count - a->sum_y / a->count;
  double reach = mark_extent (self, a) + mark_extent (self, b) + MARK_GAP;

  return dx * dx + dy * dy < reach * reach;
}

static void
cluster_bubbles (AtlasInitiativeLayer *self,
                 double                world_size)
{
  const CountryTable *table = get_country_table ();
  Cluster *clusters;
  gboolean merged = TRUE;
  guint n = 0;

  g_array_set_size (self->bubbles, self->active->len);
  clusters = (Cluster *) (gpointer) self->bubbles->data;

  for (guint i = 0; i < self->active->len; i++)
    {
      guint country = g_array_index (self->active, guint, i);
      const CountryPlace *place = &table->places[country];
      Cluster bubble = {
        .sum_x = place->mx * world_size * self->counts[country],
        .sum_y = place->my * world_size * self->counts[country],
        .count = self->counts[country],
        .n_members = 1,
        .first = country,
        .alive = TRUE,
      };
      gboolean absorbed = FALSE;

      bubble.radius = bubble_radius (self, bubble.count);

      for (guint j = 0; j < n && !absorbed; j++)
        {
          if (clusters_overlap (self, &clusters[j], &bubble, world_size))
            {
              cluster_absorb (self, &clusters[j], &bubble, world_size, TRUE);
              absorbed = TRUE;
            }
        }

      if (!absorbed)
        clusters[n++] = bubble;
    }

  /* Grown clusters may now overlap others. */
  for (guint pass = 0; merged && pass < 8; pass++)
    {
      merged = FALSE;
      for (guint i = 0; i < n; i++)
        {
          if (!clusters[i].alive)
            continue;
          for (guint j = i + 1; j < n; j++)
            {
              if (clusters[j].alive &&
                  clusters_overlap (self, &clusters[i], &clusters[j], world_size))
                {
                  cluster_absorb (self, &clusters[i], &clusters[j], world_size, TRUE);
                  merged = TRUE;
                }
            }
        }
    }

  /* Keep the survivors, largest first so that small ones are drawn on top. */
  {
    guint kept = 0;

    for (guint i = 0; i < n; i++)
      {
        if (!clusters[i].alive)
          continue;
        cluster_update_centre (&clusters[i], world_size);
        clusters[kept++] = clusters[i];
      }
    g_array_set_size (self->bubbles, kept);
  }
}

/* Clustering of points on a grid of cells in world pixels, with an open
 * addressing table from cell to cluster (allocated with the points, not per
 * clustering), then one pass merging neighbouring cells whose marks would
 * overlap. */

#define EMPTY_CELL G_MAXUINT64

static guint64
cell_key (int    cell_x,
          int    cell_y,
          guint  n_columns)
{
  return (guint64) cell_y * n_columns + (guint64) cell_x;
}

static gsize
cell_slot (AtlasInitiativeLayer *self,
           guint64               key)
{
  gsize mask = self->cell_capacity - 1;
  gsize slot = (gsize) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 20) & mask;

  while (self->cell_keys[slot] != EMPTY_CELL && self->cell_keys[slot] != key)
    slot = (slot + 1) & mask;

  return slot;
}

static void
ensure_cell_capacity (AtlasInitiativeLayer *self,
                      guint                 n_points)
{
  gsize needed = 16;

  while (needed < (gsize) n_points * 2)
    needed *= 2;

  if (needed <= self->cell_capacity)
    return;

  g_free (self->cell_keys);
  g_free (self->cell_values);
  self->cell_capacity = needed;
  self->cell_keys = g_new (guint64, needed);
  self->cell_values = g_new (guint32, needed);
}

static void
cluster_points (AtlasInitiativeLayer *self,
                double                world_size)
{
  static const int neighbours[][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { -1, 1 } };
  const Point *points = (const Point *) (gpointer) self->points->data;
  guint n_columns = (guint) ceil (world_size / POINT_CELL_PX);
  Cluster *clusters;
  guint n = 0, kept = 0;

  g_array_set_size (self->point_clusters, self->points->len);
  if (self->points->len == 0)
    return;

  clusters = (Cluster *) (gpointer) self->point_clusters->data;
  memset (self->cell_keys, 0xff, self->cell_capacity * sizeof (guint64));

  for (guint i = 0; i < self->points->len; i++)
    {
      double x = points[i].mx * world_size;
      double y = points[i].my * world_size;
      int cell_x = MIN ((int) (x / POINT_CELL_PX), (int) n_columns - 1);
      int cell_y = MIN ((int) (y / POINT_CELL_PX), (int) n_columns - 1);
      guint64 key = cell_key (cell_x, cell_y, n_columns);
      gsize slot = cell_slot (self, key);
      Cluster *cluster;

      if (self->cell_keys[slot] == EMPTY_CELL)
        {
          self->cell_keys[slot] = key;
          self->cell_values[slot] = n;
          cluster = &clusters[n++];
          *cluster = (Cluster) {
            .first = i,
            .cell_x = cell_x,
            .cell_y = cell_y,
            .alive = TRUE,
          };
        }
      else
        {
          cluster = &clusters[self->cell_values[slot]];
        }

      cluster->sum_x += x;
      cluster->sum_y += y;
      cluster->count++;
      cluster->n_members++;
    }

  for (guint i = 0; i < n; i++)
    clusters[i].radius = point_radius (clusters[i].count);

  for (guint i = 0; i < n; i++)
    {
      Cluster *cluster = &clusters[i];

      if (!cluster->alive)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (neighbours); k++)
        {
          int cell_x = cluster->cell_x + neighbours[k][0];
          int cell_y = cluster->cell_y + neighbours[k][1];
          gsize slot;
          Cluster *other;

          if (cell_x < 0 || cell_x >= (int) n_columns || cell_y >= (int) n_columns)
            continue;

          slot = cell_slot (self, cell_key (cell_x, cell_y, n_columns));
          if (self->cell_keys[slot] == EMPTY_CELL)
            continue;

          other = &clusters[self->cell_values[slot]];
          if (other != cluster && other->alive &&
              clusters_overlap (self, cluster, other, world_size))
            cluster_absorb (self, cluster, other, world_size, FALSE);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      if (!clusters[i].alive)
        continue;
      cluster_update_centre (&clusters[i], world_size);
      clusters[kept++] = clusters[i];
    }
  g_array_set_size (self->point_clusters, kept);
}

/* The key of a cached tile's place, whatever its zoom. */
static guint64
tile_place_key (int tx,
                int ty)
{
  return ((guint64) (guint32) ty << 32) | (guint32) tx;
}

/* The cluster drawn @order-th: point clusters first, then bubbles. */
static const Cluster *
get_ordered_cluster (AtlasInitiativeLayer *self,
                     guint                 order,
                     MarkKind             *kind)
{
  if (order < self->n_bucketed_points)
    {
      *kind = MARK_POINT;
      return &g_array_index (self->point_clusters, Cluster, order);
    }

  *kind = MARK_BUBBLE;
  return &g_array_index (self->bubbles, Cluster, order - self->n_bucketed_points);
}

/* A mark's centre in whole world pixels, within the first copy of the
 * world. */
static void
get_mark_pixel (const Cluster *cluster,
                double         world_size,
                double        *x,
                double        *y)
{
  *x = round ((cluster->mx - floor (cluster->mx)) * world_size);
  *y = round (cluster->my * world_size);
}

/* Files the marks shown at the clustering zoom by the tile of their
 * centre, each tile's marks chained through mark_next. */
static void
bucket_marks (AtlasInitiativeLayer *self,
              double                zoom,
              double                world_size)
{
  guint n_points = zoom >= POINT_MIN_ZOOM ? self->point_clusters->len : 0;
  guint n_bubbles = zoom >= ATLAS_INITIATIVE_LAYER_BUBBLE_ZOOM ? self->bubbles->len : 0;
  guint n_marks = n_points + n_bubbles;
  int n_tiles = (int) ceil (world_size / TILE_PX);

  /* Keys point into mark_tiles: empty the table before it moves. */
  g_hash_table_remove_all (self->mark_buckets);
  if (n_marks > self->n_mark_slots)
    {
      self->n_mark_slots = MAX (n_marks, 2 * self->n_mark_slots);
      self->mark_tiles = g_renew (guint64, self->mark_tiles, self->n_mark_slots);
      self->mark_next = g_renew (guint, self->mark_next, self->n_mark_slots);
    }
  self->n_bucketed_points = n_points;

  for (guint order = 0; order < n_marks; order++)
    {
      MarkKind kind;
      const Cluster *cluster = get_ordered_cluster (self, order, &kind);
      double x, y;
      int tx, ty;

      get_mark_pixel (cluster, world_size, &x, &y);
      tx = CLAMP ((int) floor (x / TILE_PX), 0, n_tiles - 1);
      ty = CLAMP ((int) floor (y / TILE_PX), 0, n_tiles - 1);

      self->mark_tiles[order] = tile_place_key (tx, ty);
      self->mark_next[order] =
        GPOINTER_TO_UINT (g_hash_table_lookup (self->mark_buckets, &self->mark_tiles[order]));
      /* An existing key is kept, with the chain's new head as its value. */
      g_hash_table_insert (self->mark_buckets, &self->mark_tiles[order],
                           GUINT_TO_POINTER (order + 1));
    }
}

static void
recluster (AtlasInitiativeLayer *self,
           double                zoom,
           double                world_size)
{
  ensure_layout (self);
  cluster_bubbles (self, world_size);
  cluster_points (self, world_size);
  bucket_marks (self, zoom, world_size);
  self->cluster_zoom = zoom;
}

/* Makes every tile out of date; they are drawn again as they are shown,
 * unless what they show stays the same (see tile_signature ()). */
static void
invalidate_tiles (AtlasInitiativeLayer *self)
{
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The palette, the fonts or the scale changed: every tile and sprite is to
 * be drawn again. */
static void show_basemap (AtlasInitiativeLayer *self);

static void
invalidate_look (AtlasInitiativeLayer *self)
{
  /* Tiles of the old look may stand in for a frame or two. */
  show_basemap (self);
  self->look++;
  if (self->sprites != NULL)
    g_hash_table_remove_all (self->sprites);
  if (self->label_chars != NULL)
    g_hash_table_remove_all (self->label_chars);
  invalidate_tiles (self);
}

/* Country bounds, for culling */

static const CountryBounds *
get_country_bounds (AtlasInitiativeLayer *self,
                    guint                 country)
{
  const CountryTable *table = get_country_table ();
  CountryBounds *bounds = &self->bounds[country];

  if (!bounds->known)
    {
      const CountryPlace *place = &table->places[country];
      cairo_surface_t *surface;
      cairo_t *cr;
      double x0, y0, x1, y1;

      /* A recording surface measures the path without pixels. */
      surface = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA,
                                                &(cairo_rectangle_t) {
                                                  0, 0, BOUNDS_WORLD_SIZE, BOUNDS_WORLD_SIZE
                                                });
      cr = cairo_create (surface);
      for (guint i = 0; i < place->n_codes; i++)
        atlas_basemap_append_country_path (self->basemap, cr, place->codes[i], 3.0,
                                           BOUNDS_WORLD_SIZE, 0.0, 0.0);
      cairo_path_extents (cr, &x0, &y0, &x1, &y1);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      bounds->empty = x1 <= x0 || y1 <= y0;
      bounds->x0 = x0 / BOUNDS_WORLD_SIZE;
      bounds->y0 = y0 / BOUNDS_WORLD_SIZE;
      bounds->x1 = x1 / BOUNDS_WORLD_SIZE;
      bounds->y1 = y1 / BOUNDS_WORLD_SIZE;
      bounds->known = TRUE;
    }

  return bounds;
}

/* TRUE when world units [x0, x1] × [y0, y1], or a copy of them a whole
 * world to the left or right, meet the visible rectangle. */
static gboolean
world_rect_visible (double x0,
                    double y0,
                    double x1,
                    double y1,
                    double view_x0,
                    double view_y0,
                    double view_x1,
                    double view_y1)
{
  double shift;

  if (y1 < view_y0 || y0 > view_y1)
    return FALSE;

  /* The copy whose right edge is the first at or after the view's left. */
  shift = ceil (view_x0 - x1);
  return x0 + shift <= view_x1;
}

/* Drawing
 *
 * With the cairo renderer under X11 (GTK 4.8), every texture is converted
 * and sent to the X server each time it is drawn, and a cairo node is drawn
 * through an image of its whole size: the cost of a frame grows with the
 * pixels the layers cover (about as much per pixel as the basemap's own
 * tiles) and, a little, with the number of nodes.  So the layer covers as
 * few pixels as it can with textures it keeps:
 *
 * - the shaded countries are drawn into small tiles anchored to the world
 *   at the current zoom, kept while the map pans; only tiles with some
 *   shade on them are placed.  They are drawn as they come into view, a
 *   few milliseconds' worth per frame (the tiles of the last complete frame
 *   stretched in the place of missing ones meanwhile), and again after the
 *   result, the palette or the zoom changes;
 * - each mark (bubble or point, with its count) is a small texture drawn
 *   once per look and placed where the clusters of this zoom are.
 *
 * GDK 4.8 converts textures of three bytes a pixel four to eight times as
 * fast as those of cairo's own premultiplied format, and straight alpha
 * twice as fast: so the shades are opaque (the borders between shaded
 * countries are drawn again over them), a tile that is all shade becomes
 * three bytes a pixel, and the rest straight alpha. */

typedef struct
{
  double zoom;
  double world_size;
  double origin_x;            /* world pixel at the layer's left edge */
  double origin_y;
  int    width;
  int    height;
  int    scale;
} Frame;

/* A tile's rectangle in world pixels at its zoom. */
static void
get_tile_rect (double  world_size,
               int     tx,
               int     ty,
               double *x,
               double *y,
               double *width,
               double *height)
{
  *x = (double) tx * TILE_PX;
  *y = (double) ty * TILE_PX;
  *width = MIN (TILE_PX, world_size - *x);
  *height = MIN (TILE_PX, world_size - *y);
}

static guint
tile_key_hash (gconstpointer data)
{
  const Tile *tile = data;
  guint64 zoom_bits;

  memcpy (&zoom_bits, &tile->zoom, sizeof zoom_bits);
  return (guint) (zoom_bits ^ (zoom_bits >> 32)) ^ ((guint) tile->tx * 31u) ^
         ((guint) tile->ty * 1000003u);
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const Tile *tile_a = a;
  const Tile *tile_b = b;

  return tile_a->zoom == tile_b->zoom && tile_a->tx == tile_b->tx && tile_a->ty == tile_b->ty;
}

static void
tile_shapes_free (TileShapes *shapes)
{
  g_free (shapes->ids);
  g_free (shapes->coverage);
  g_free (shapes->edges);
  g_free (shapes->borders);
  g_free (shapes->runs);
  g_free (shapes);
}

static void
tile_shades_free (TileShades *shades)
{
  cairo_surface_destroy (shades->surface);
  g_free (shades);
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_object (&tile->image);
  g_clear_pointer (&tile->shapes, tile_shapes_free);
  g_clear_pointer (&tile->shades, tile_shades_free);
  g_free (tile);
}

/* Shading
 *
 * Which country covers each pixel of a tile, and how much of it, does not
 * depend on the counts: it is drawn once per tile (see TileShapes) and kept
 * while the tile is.  Shading the tile for a result, a palette or the
 * highlighted countries is then a pass over its pixels, a shade looked up
 * per country, with the borders' stroke kept as coverage too.  Only the
 * outlines of highlighted countries, a few, are stroked each time. */

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const ShapeEdge *edge_a = a;
  const ShapeEdge *edge_b = b;

  return (edge_a->offset > edge_b->offset) - (edge_a->offset < edge_b->offset);
}

/* The width of the borders between shaded countries, at @zoom. */
static double
border_width (double zoom)
{
  return zoom <= 2.0 ? 0.6 : zoom <= 5.0 ? 0.8 : 1.2;
}

/* Splits the pixels with a country into runs, so that shading a tile fills
 * the inside of countries at once and looks at each pixel only where
 * countries meet, end or are crossed by a border. */
static void
build_tile_runs (TileShapes *shapes)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (ShapeRun));
  const ShapeEdge *edge = shapes->edges;
  const ShapeEdge *end = shapes->edges + shapes->n_edges;

  for (int row = 0; row < shapes->height; row++)
    {
      guint32 offset = (guint32) row * (guint32) shapes->width;
      ShapeRun run = { 0 };

      for (int column = 0; column < shapes->width; column++, offset++)
        {
          guint16 id = shapes->ids[offset];
          gboolean shared = FALSE;

          for (; edge < end && edge->offset == offset; edge++)
            shared = TRUE;

          if (id != 0 &&
              (shared || shapes->coverage[offset] != 255 ||
               (shapes->borders != NULL && shapes->borders[offset] != 0)))
            id = RUN_MIXED;

          if (run.length > 0 && (id != run.id || run.length == G_MAXUINT16))
            {
              g_array_append_val (runs, run);
              run.length = 0;
            }

          if (id != 0 && run.length == 0)
            {
              run.offset = offset;
              run.id = id;
            }

          if (id != 0)
            run.length++;
        }

      if (run.length > 0)
        g_array_append_val (runs, run);
    }

  shapes->n_runs = runs->len;
  shapes->runs = (ShapeRun *) (gpointer) g_array_free (g_steal_pointer (&runs), FALSE);
  shapes->bytes += shapes->n_runs * sizeof (ShapeRun);
}

/* Draws each country that reaches the tile (shaded or not: a later result
 * may shade it) alone into a mask of alpha, anti-aliased as before, and
 * keeps for each pixel the first country over it and its coverage; where
 * countries meet, the others' coverage goes to the edges.  Then the borders
 * are stroked into the mask and kept as coverage. */
static TileShapes *
build_tile_shapes (AtlasInitiativeLayer *self,
                   const Frame          *frame,
                   int                   tx,
                   int                   ty)
{
  const CountryTable *table = get_country_table ();
  TileShapes *shapes = g_new0 (TileShapes, 1);
  g_autoptr(GArray) edges = NULL;
  cairo_surface_t *mask;
  cairo_t *cr;
  guint8 *data;
  int stride;
  double x, y, width, height;
  double view_x0, view_y0, view_x1, view_y1;
  gsize n_pixels;

  get_tile_rect (frame->world_size, tx, ty, &x, &y, &width, &height);
  view_x0 = x / frame->world_size;
  view_y0 = y / frame->world_size;
  view_x1 = (x + width) / frame->world_size;
  view_y1 = (y + height) / frame->world_size;

  shapes->scale = frame->scale;
  shapes->width = (int) ceil (width * frame->scale);
  shapes->height = (int) ceil (height * frame->scale);
  n_pixels = (gsize) shapes->width * shapes->height;
  shapes->bytes = sizeof (TileShapes);

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, shapes->width, shapes->height);
  cr = cairo_create (mask);
  cairo_scale (cr, frame->scale, frame->scale);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 1.0);
  data = cairo_image_surface_get_data (mask);
  stride = cairo_image_surface_get_stride (mask);
  edges = g_array_new (FALSE, FALSE, sizeof (ShapeEdge));

  for (guint country = 0; country < table->n_countries; country++)
    {
      const CountryPlace *place = &table->places[country];
      const CountryBounds *bounds = get_country_bounds (self, country);
      double x0, y0, x1, y1;
      int left, top, right, bottom;

      if (bounds->empty ||
          !world_rect_visible (bounds->x0, bounds->y0, bounds->x1, bounds->y1,
                               view_x0, view_y0, view_x1, view_y1))
        continue;

      cairo_new_path (cr);
      for (guint k = 0; k < place->n_codes; k++)
        atlas_basemap_append_country_path (self->basemap, cr, place->codes[k], frame->zoom,
                                           frame->world_size, -x, -y);
      cairo_path_extents (cr, &x0, &y0, &x1, &y1);
      if (x1 <= x0 || y1 <= y0)
        continue;

      /* Only the pixels the country can touch are read, then cleared. */
      left = MAX (0, (int) floor (x0 * frame->scale) - 1);
      top = MAX (0, (int) floor (y0 * frame->scale) - 1);
      right = MIN (shapes->width, (int) ceil (x1 * frame->scale) + 1);
      bottom = MIN (shapes->height, (int) ceil (y1 * frame->scale) + 1);
      if (left >= right || top >= bottom)
        continue;

      cairo_fill (cr);
      cairo_surface_flush (mask);

      for (int row = top; row < bottom; row++)
        {
          guint8 *line = data + (gsize) row * stride;

          for (int column = left; column < right; column++)
            {
              guint32 offset;

              if (line[column] == 0)
                continue;

              if (shapes->ids == NULL)
                {
                  shapes->ids = g_new0 (guint16, n_pixels);
                  shapes->coverage = g_new0 (guint8, n_pixels);
                }

              offset = (guint32) row * (guint32) shapes->width + (guint32) column;
              if (shapes->ids[offset] == 0)
                {
                  shapes->ids[offset] = (guint16) (country + 1);
                  shapes->coverage[offset] = line[column];
                }
              else
                {
                  ShapeEdge edge = {
                    .offset = offset,
                    .country = (guint16) (country + 1),
                    .coverage = line[column],
                  };

                  g_array_append_val (edges, edge);
                }
            }
          memset (line + left, 0, right - left);
        }
      cairo_surface_mark_dirty_rectangle (mask, left, top, right - left, bottom - top);
    }

  if (shapes->ids != NULL)
    {
      guint8 any = 0;

      shapes->bytes += n_pixels * (sizeof (guint16) + sizeof (guint8));

      g_array_sort (edges, compare_edges);
      shapes->n_edges = edges->len;
      shapes->edges = (ShapeEdge *) (gpointer) g_array_free (g_steal_pointer (&edges), FALSE);
      shapes->bytes += shapes->n_edges * sizeof (ShapeEdge);

      /* The basemap's borders, which the shades hide, are drawn again over
       * them: their stroke is kept, to be laid over the shaded pixels. */
      cairo_new_path (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, border_width (frame->zoom));
      atlas_basemap_append_lines (self->basemap, cr, ATLAS_BASEMAP_BORDERS, frame->zoom,
                                  frame->world_size, -x, -y);
      cairo_stroke (cr);
      cairo_surface_flush (mask);

      shapes->borders = g_malloc (n_pixels);
      for (int row = 0; row < shapes->height; row++)
        {
          const guint8 *line = data + (gsize) row * stride;

          memcpy (shapes->borders + (gsize) row * shapes->width, line, shapes->width);
          for (int column = 0; column < shapes->width; column++)
            any |= line[column];
        }

      if (any == 0)
        g_clear_pointer (&shapes->borders, g_free);
      else
        shapes->bytes += n_pixels;

      build_tile_runs (shapes);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (mask);

  return shapes;
}

/* @color as a pixel of cairo's ARGB32 format (premultiplied). */
static guint32
premultiply (const GdkRGBA *color)
{
  double alpha = CLAMP (color->alpha, 0.0, 1.0);
  guint32 a = (guint32) lround (alpha * 255.0);

  return a << 24 |
         (guint32) lround (CLAMP (color->red, 0.0, 1.0) * alpha * 255.0) << 16 |
         (guint32) lround (CLAMP (color->green, 0.0, 1.0) * alpha * 255.0) << 8 |
         (guint32) lround (CLAMP (color->blue, 0.0, 1.0) * alpha * 255.0);
}

/* Each of @pixel's four bytes times @factor / 255, rounded, two at a time. */
static inline guint32
scale_pixel (guint32 pixel,
             guint32 factor)
{
  guint32 rb = (pixel & 0x00ff00ffu) * factor + 0x00800080u;
  guint32 ag = ((pixel >> 8) & 0x00ff00ffu) * factor + 0x00800080u;

  rb = ((rb + ((rb >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
  ag = (ag + ((ag >> 8) & 0x00ff00ffu)) & 0xff00ff00u;

  return rb | ag;
}

/* The sum of two pixels, each byte at most 255 (coverages of countries
 * that meet may add up to a little more than the whole pixel). */
static inline guint32
add_pixels (guint32 a,
            guint32 b)
{
  guint32 rb = (a & 0x00ff00ffu) + (b & 0x00ff00ffu);
  guint32 ag = ((a >> 8) & 0x00ff00ffu) + ((b >> 8) & 0x00ff00ffu);

  rb = (rb | ((rb >> 8) & 0x00010001u) * 0xffu) & 0x00ff00ffu;
  ag = (ag | ((ag >> 8) & 0x00010001u) * 0xffu) & 0x00ff00ffu;

  return rb | ag << 8;
}

/* The shade of each country, 0 (none) for those without initiatives and
 * for pixels without a country: worked out once a generation, for all the
 * tiles it draws. */
static const guint32 *
get_shades (AtlasInitiativeLayer *self)
{
  if (self->shades_generation == self->generation + 1)
    return self->shades;

  memset (self->shades, 0, sizeof (guint32) * (self->n_countries + 1));
  for (guint i = 0; i < self->active->len; i++)
    {
      guint country = g_array_index (self->active, guint, i);

      self->shades[country + 1] = premultiply (class_color (self, self->classes[country]));
    }
  self->shades_generation = self->generation + 1;

  return self->shades;
}

/* @src over @dst, both premultiplied, as cairo composites them. */
static inline guint32
over_pixel (guint32 src,
            guint32 dst)
{
  return add_pixels (src, scale_pixel (dst, 255u - (src >> 24)));
}

/* Copies into @surface the part of the basemap tile @base (of the same
 * format) that starts at (@base_x, @base_y). */
static void
copy_base (cairo_surface_t *surface,
           cairo_surface_t *base,
           int              base_x,
           int              base_y)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int base_stride = cairo_image_surface_get_stride (base);
  const guchar *from = cairo_image_surface_get_data (base) + (gsize) base_y * base_stride +
                       (gsize) base_x * 4;
  guchar *to = cairo_image_surface_get_data (surface);

  cairo_surface_flush (surface);
  for (int row = 0; row < height; row++)
    memcpy (to + (gsize) row * stride, from + (gsize) row * base_stride, (gsize) width * 4);
  cairo_surface_mark_dirty (surface);
}

/* The shades of @shapes for the current result and palette, with the
 * borders over them where they are shaded: a pixel is the sum of the
 * countries' shades times their coverage, as cairo filling them would
 * make it, then the borders' stroke over it times the shaded coverage, as
 * stroking them clipped to the shaded countries would.  Over a copy of
 * @base from (@base_x, @base_y) when @base is not NULL, else over nothing. */
static cairo_surface_t *
shade_tile_shapes (AtlasInitiativeLayer *self,
                   const TileShapes     *shapes,
                   cairo_surface_t      *base,
                   int                   base_x,
                   int                   base_y,
                   gboolean             *drawn,
                   gboolean             *opaque)
{
  gsize n_opaque = 0;
  const guint32 *colors;
  cairo_surface_t *surface;
  guint32 border = premultiply (&self->palette->border);
  guint32 border_alpha = border >> 24;
  const ShapeEdge *edge, *end;
  guchar *data;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, shapes->width, shapes->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  /* Over the basemap, every pixel is opaque and drawn. */
  if (base != NULL)
    {
      copy_base (surface, base, base_x, base_y);
      *drawn = TRUE;
      *opaque = TRUE;
    }

  if (shapes->ids == NULL || self->active->len == 0)
    return surface;

  colors = get_shades (self);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  edge = shapes->edges;
  end = shapes->edges + shapes->n_edges;

  for (guint r = 0; r < shapes->n_runs; r++)
    {
      const ShapeRun *run = &shapes->runs[r];
      guint32 row = run->offset / (guint32) shapes->width;
      guint32 *out = (guint32 *) (gpointer) (data + (gsize) row * stride) +
                     (run->offset - row * (guint32) shapes->width);
      guint32 offset = run->offset;

      /* The inside of a country: its shade, or nothing. */
      if (run->id != RUN_MIXED)
        {
          guint32 color = colors[run->id];

          if (color != 0)
            {
              if (base == NULL || (color >> 24) == 0xff)
                for (guint i = 0; i < run->length; i++)
                  out[i] = color;
              else
                for (guint i = 0; i < run->length; i++)
                  out[i] = over_pixel (color, out[i]);
              *drawn = TRUE;
              if ((color >> 24) == 0xff)
                n_opaque += run->length;
            }
          continue;
        }

      for (guint i = 0; i < run->length; i++, offset++)
        {
          guint32 color = colors[shapes->ids[offset]];
          guint32 pixel = 0, shaded = 0;

          if (color != 0)
            {
              shaded = shapes->coverage[offset];
              pixel = shaded == 255 ? color : scale_pixel (color, shaded);
            }

          /* Edges are only where countries meet, inside mixed runs. */
          while (edge < end && edge->offset < offset)
            edge++;
          for (; edge < end && edge->offset == offset; edge++)
            {
              guint32 other = colors[edge->country];

              if (other != 0)
                {
                  pixel = add_pixels (pixel, scale_pixel (other, edge->coverage));
                  shaded += edge->coverage;
                }
            }

          if (shaded == 0)
            continue;

          if (shapes->borders != NULL && shapes->borders[offset] != 0)
            {
              guint32 stroke = (shapes->borders[offset] * MIN (shaded, 255u) + 127u) / 255u;
              guint32 kept = 255u - (border_alpha * stroke + 127u) / 255u;

              pixel = add_pixels (scale_pixel (border, stroke), scale_pixel (pixel, kept));
            }

          out[i] = base != NULL ? over_pixel (pixel, out[i]) : pixel;
          *drawn = TRUE;
          if ((pixel >> 24) == 0xff)
            n_opaque++;
        }
    }

  /* Inside a country, every pixel is; marks and outlines over shades
   * leave them so. */
  *opaque = base != NULL || n_opaque == (gsize) shapes->width * shapes->height;
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* Outlines the countries of the filter that reach the tile. */
static void
draw_highlights (AtlasInitiativeLayer *self,
                 cairo_surface_t      *surface,
                 const Frame          *frame,
                 double                x,
                 double                y,
                 double                width,
                 double                height,
                 gboolean             *drawn)
{
  const CountryTable *table = get_country_table ();
  double view_x0 = x / frame->world_size;
  double view_y0 = y / frame->world_size;
  double view_x1 = (x + width) / frame->world_size;
  double view_y1 = (y + height) / frame->world_size;
  cairo_t *cr = NULL;

  for (guint country = 0; country < self->n_countries; country++)
    {
      const CountryPlace *place = &table->places[country];
      const CountryBounds *bounds;

      if (!self->highlighted[country])
        continue;

      bounds = get_country_bounds (self, country);
      if (bounds->empty ||
          !world_rect_visible (bounds->x0, bounds->y0, bounds->x1, bounds->y1,
                               view_x0, view_y0, view_x1, view_y1))
        continue;

      if (cr == NULL)
        {
          cr = cairo_create (surface);
          cairo_scale (cr, frame->scale, frame->scale);
        }

      for (guint k = 0; k < place->n_codes; k++)
        atlas_basemap_append_country_path (self->basemap, cr, place->codes[k], frame->zoom,
                                           frame->world_size, -x, -y);
    }

  if (cr != NULL)
    {
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, 2.0);
      gdk_cairo_set_source_rgba (cr, &self->palette->highlight);
      cairo_stroke (cr);
      cairo_destroy (cr);
      *drawn = TRUE;
    }
}

/* Marks are drawn once into small images of their own ("sprites"), one per
 * look (kind, count, radius), and copied into the tiles they reach: a
 * frame then places a few dozen tiles, not a node per mark, which with
 * GTK's cairo renderer cost about a third of a pan frame at zoom 4 with
 * 100,000 initiatives. */

/* Half the size of a mark's sprite, in layer pixels: its circle, and its
 * label with the label's halo. */
static void
get_sprite_half_size (AtlasInitiativeLayer *self,
                      MarkKind              kind,
                      const Cluster        *cluster,
                      double               *half_width,
                      double               *half_height)
{
  gboolean labelled = kind == MARK_BUBBLE || cluster->count > 1;
  double width = cluster->radius + 1.5;
  double height = cluster->radius + 1.5;

  if (labelled)
    {
      width = MAX (width, label_half_width (self, cluster->count) + 1.0);
      height = MAX (height, self->label_height / 2.0 + LABEL_HALO_WIDTH);
    }

  *half_width = ceil (width);
  *half_height = ceil (height);
}

static int
compare_tile_marks (gconstpointer a,
                    gconstpointer b)
{
  const TileMark *mark_a = a;
  const TileMark *mark_b = b;

  return (mark_a->order > mark_b->order) - (mark_a->order < mark_b->order);
}

/* The marks that reach the tile (@tx, @ty), in their drawing order, into
 * tile_marks.  A mark is smaller than a tile: it reaches the tile of its
 * centre and the next ones only (two columns, for the narrow last column
 * of a world at a fractional zoom). */
static void
collect_tile_marks (AtlasInitiativeLayer *self,
                    double                world_size,
                    int                   tx,
                    int                   ty)
{
  int n_tiles = (int) ceil (world_size / TILE_PX);
  double x, y, width, height;

  g_array_set_size (self->tile_marks, 0);
  if (g_hash_table_size (self->mark_buckets) == 0)
    return;

  get_tile_rect (world_size, tx, ty, &x, &y, &width, &height);

  for (int row = MAX (0, ty - 1); row <= MIN (n_tiles - 1, ty + 1); row++)
    {
      for (int column = tx - 2; column <= tx + 2; column++)
        {
          int wrapped = ((column % n_tiles) + n_tiles) % n_tiles;
          /* Marks from the next copy of the world, or the last one. */
          double shift = (double) ((column - wrapped) / n_tiles) * world_size;
          guint64 key = tile_place_key (wrapped, row);
          guint link = GPOINTER_TO_UINT (g_hash_table_lookup (self->mark_buckets, &key));

          for (; link != 0; link = self->mark_next[link - 1])
            {
              MarkKind kind;
              const Cluster *cluster = get_ordered_cluster (self, link - 1, &kind);
              TileMark mark = { .order = link - 1 };
              double half_width, half_height;

              get_sprite_half_size (self, kind, cluster, &half_width, &half_height);
              get_mark_pixel (cluster, world_size, &mark.x, &mark.y);
              mark.x = round (mark.x + shift - x);
              mark.y -= y;

              if (mark.x + half_width <= 0.0 || mark.x - half_width >= width ||
                  mark.y + half_height <= 0.0 || mark.y - half_height >= height)
                continue;

              g_array_append_val (self->tile_marks, mark);
            }
        }
    }

  g_array_sort (self->tile_marks, compare_tile_marks);
}

/* What a tile shows, as numbers: the countries it meets that are shaded
 * or outlined, with their shade, and then the marks that reach it.  A tile
 * drawn for an earlier result whose signature has not changed is the same
 * picture: it is kept, not drawn again.  One whose shades have not changed
 * (the classes of most countries often stay across a filter change, while
 * the marks' counts do not) draws its new marks over the shades it kept. */
static void
tile_signature (AtlasInitiativeLayer *self,
                double                world_size,
                int                   tx,
                int                   ty,
                TileSignature        *signature)
{
  double x, y, width, height;
  double view_x0, view_y0, view_x1, view_y1;
  guint hash = 2166136261u;

  get_tile_rect (world_size, tx, ty, &x, &y, &width, &height);
  view_x0 = x / world_size;
  view_y0 = y / world_size;
  view_x1 = (x + width) / world_size;
  view_y1 = (y + height) / world_size;

  for (guint country = 0; country < self->n_countries; country++)
    {
      gboolean shaded = self->counts[country] > 0;
      const CountryBounds *bounds;

      if (!shaded && !self->highlighted[country])
        continue;

      bounds = get_country_bounds (self, country);
      if (bounds->empty ||
          !world_rect_visible (bounds->x0, bounds->y0, bounds->x1, bounds->y1,
                               view_x0, view_y0, view_x1, view_y1))
        continue;

      /* The shade is the class's step of the ramp, not the class. */
      hash = (hash ^ country) * 16777619u;
      hash = (hash ^ (shaded ? class_ramp (self, self->classes[country]) + 1u : 0u)) * 16777619u;
      hash = (hash ^ (self->highlighted[country] ? 1u : 0u)) * 16777619u;
    }
  signature->shades = hash;

  collect_tile_marks (self, world_size, tx, ty);
  for (guint i = 0; i < self->tile_marks->len; i++)
    {
      const TileMark *mark = &g_array_index (self->tile_marks, TileMark, i);
      MarkKind kind;
      const Cluster *cluster = get_ordered_cluster (self, mark->order, &kind);

      hash = (hash ^ (guint) kind) * 16777619u;
      hash = (hash ^ cluster->count) * 16777619u;
      hash = (hash ^ (guint) lround (cluster->radius * 4.0)) * 16777619u;
      hash = (hash ^ (guint) (int) mark->x) * 16777619u;
      hash = (hash ^ (guint) (int) mark->y) * 16777619u;
    }
  signature->all = hash;
}

static guint
sprite_hash (gconstpointer data)
{
  const Sprite *sprite = data;

  return sprite->count * 2654435761u ^ (guint) sprite->kind ^ ((guint) sprite->radius_q << 20);
}

static gboolean
sprite_equal (gconstpointer a,
              gconstpointer b)
{
  const Sprite *sprite_a = a;
  const Sprite *sprite_b = b;

  return sprite_a->kind == sprite_b->kind && sprite_a->count == sprite_b->count &&
         sprite_a->radius_q == sprite_b->radius_q;
}

static void
sprite_free (gpointer data)
{
  Sprite *sprite = data;

  g_clear_pointer (&sprite->surface, cairo_surface_destroy);
  g_free (sprite);
}

/* Sprites are drawn pixel by pixel and from glyphs drawn once rather than
 * with cairo's paths: a click at 100,000 initiatives may bring a few dozen
 * new counts, and a disc and a label outlined as paths took 150 to 270 µs
 * each (up to 5 ms a click); drawn this way they take 35 to 55 µs, for the
 * same picture. */

/* A disc of @radius around (@cx, @cy) in @fill, with an outline of
 * @line_width centred on its edge in @stroke over it, in device pixels,
 * onto a transparent @surface: each pixel is covered by the part of it
 * inside the disc or the outline (the edge is nearly straight at the scale
 * of a pixel), as cairo filling and stroking the circle would cover it. */
static void
draw_disc (cairo_surface_t *surface,
           double           cx,
           double           cy,
           double           radius,
           double           line_width,
           const GdkRGBA   *fill,
           const GdkRGBA   *stroke)
{
  guint32 fill_pixel = premultiply (fill);
  guint32 stroke_pixel = premultiply (stroke);
  guint32 stroke_alpha = stroke_pixel >> 24;
  double half = line_width / 2.0;
  double outer = radius + half + 1.0;
  double inner = MAX (0.0, radius - half - 1.0);
  int width, height, stride, first_x, last_x;
  guchar *data;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  first_x = MAX (0, (int) floor (cx - outer));
  last_x = MIN (width, (int) ceil (cx + outer));

  for (int y = MAX (0, (int) floor (cy - outer)); y < MIN (height, (int) ceil (cy + outer)); y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      double dy = y + 0.5 - cy;

      for (int x = first_x; x < last_x; x++)
        {
          double dx = x + 0.5 - cx;
          double squared = dx * dx + dy * dy;
          double distance;
          guint32 shade, edge;

          /* Inside, out of the outline's reach; outside, out of both. */
          if (squared <= inner * inner)
            {
              row[x] = fill_pixel;
              continue;
            }
          if (squared >= outer * outer)
            continue;

          distance = sqrt (squared);
          shade = scale_pixel (fill_pixel,
                               (guint32) lround (CLAMP (radius - distance + 0.5, 0.0, 1.0) * 255.0));
          edge = (guint32) lround (CLAMP (half + 0.5 - fabs (distance - radius), 0.0, 1.0) * 255.0);
          row[x] = add_pixels (scale_pixel (stroke_pixel, edge),
                               scale_pixel (shade, 255u - (stroke_alpha * edge + 127u) / 255u));
        }
    }

  cairo_surface_mark_dirty (surface);
}

/* Makes @halo (of @glyphs' format and size) the coverage of @glyphs spread
 * by @radius device pixels: what a stroke of twice @radius along the
 * outlines of the glyphs, with the glyphs themselves, would cover. */
static void
spread_mask (cairo_surface_t *glyphs,
             cairo_surface_t *halo,
             double           radius)
{
  int reach = (int) ceil (radius + 0.5);
  int side = 2 * reach + 1;
  g_autofree int *offset_x = g_new (int, side * side);
  g_autofree int *offset_y = g_new (int, side * side);
  g_autofree guint *weights = g_new (guint, side * side);
  const guchar *source;
  guchar *target;
  int width, height, stride;
  guint n_offsets = 0;

  if (cairo_surface_status (glyphs) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status (halo) != CAIRO_STATUS_SUCCESS)
    return;

  /* Each neighbour counts for the part of a pixel at its distance that a
   * disc of @radius covers. */
  for (int dy = -reach; dy <= reach; dy++)
    {
      for (int dx = -reach; dx <= reach; dx++)
        {
          double weight = CLAMP (radius + 0.5 - hypot (dx, dy), 0.0, 1.0);

          if (weight <= 0.0)
            continue;
          offset_x[n_offsets] = dx;
          offset_y[n_offsets] = dy;
          weights[n_offsets] = (guint) lround (weight * 256.0);
          n_offsets++;
        }
    }

  cairo_surface_flush (glyphs);
  cairo_surface_flush (halo);
  source = cairo_image_surface_get_data (glyphs);
  target = cairo_image_surface_get_data (halo);
  width = cairo_image_surface_get_width (glyphs);
  height = cairo_image_surface_get_height (glyphs);
  stride = cairo_image_surface_get_stride (glyphs);
  g_assert (cairo_image_surface_get_stride (halo) == stride);

  for (int y = 0; y < height; y++)
    {
      for (int x = 0; x < width; x++)
        {
          guint best = 0;

          for (guint k = 0; k < n_offsets && best < 255; k++)
            {
              int source_x = x + offset_x[k];
              int source_y = y + offset_y[k];
              guint value;

              if (source_x < 0 || source_y < 0 || source_x >= width || source_y >= height)
                continue;
              value = (source[(gsize) source_y * stride + source_x] * weights[k] + 128u) >> 8;
              best = MAX (best, value);
            }
          target[(gsize) y * stride + x] = (guchar) MIN (best, 255u);
        }
    }

  cairo_surface_mark_dirty (halo);
}

#define LABEL_MARGIN ((int) ceil (LABEL_HALO_WIDTH / 2.0) + 1)

static void
label_char_free (gpointer data)
{
  LabelChar *label_char = data;

  g_clear_pointer (&label_char->mask, cairo_surface_destroy);
  g_free (label_char);
}

/* @c drawn once, as text is drawn (from the font's cached glyphs), with a
 * margin around for the halo: a count's label is then a few copies, with no
 * text to shape and lay out again for each count. */
static const LabelChar *
get_label_char (AtlasInitiativeLayer *self,
                gunichar              c,
                int                   scale)
{
  LabelChar *label_char = g_hash_table_lookup (self->label_chars, GUINT_TO_POINTER (c));
  PangoRectangle logical;
  char text[8] = { 0 };
  cairo_t *cr;
  int width;

  if (label_char != NULL)
    return label_char;

  g_unichar_to_utf8 (c, text);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_extents (self->layout, NULL, &logical);

  label_char = g_new0 (LabelChar, 1);
  label_char->advance = (double) logical.width / PANGO_SCALE;
  width = (int) ceil (label_char->advance) + 2 * LABEL_MARGIN;
  label_char->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width * scale,
                                                 ((int) self->label_height + 2 * LABEL_MARGIN) * scale);
  cairo_surface_set_device_scale (label_char->mask, scale, scale);

  /* The pen at the margin, the line's top at the margin. */
  cr = cairo_create (label_char->mask);
  cairo_move_to (cr, LABEL_MARGIN - (double) logical.x / PANGO_SCALE, LABEL_MARGIN);
  pango_cairo_show_layout (cr, self->layout);
  cairo_destroy (cr);
  cairo_surface_flush (label_char->mask);

  g_hash_table_insert (self->label_chars, GUINT_TO_POINTER (c), label_char);

  return label_char;
}

/* A count, white on a dark halo, centred on (@x, @y) on whole pixels: its
 * characters' glyphs one after the other, as the text would be drawn, and
 * the halo around them all. */
static void
draw_label (AtlasInitiativeLayer *self,
            cairo_t              *cr,
            double                x,
            double                y,
            guint                 count,
            int                   scale)
{
  const LabelChar *chars[ATLAS_FORMAT_COUNT_SIZE];
  cairo_surface_t *glyphs, *halo;
  char text[ATLAS_FORMAT_COUNT_SIZE];
  cairo_t *glyphs_cr;
  double left, top, total = 0.0, pen = 0.0;
  guint n_chars = 0;
  int width, height;

  atlas_format_count_into (text, sizeof text, count);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      chars[n_chars] = get_label_char (self, g_utf8_get_char (p), scale);
      total += chars[n_chars++]->advance;
    }

  width = ((int) ceil (total) + 2 * LABEL_MARGIN) * scale;
  height = ((int) self->label_height + 2 * LABEL_MARGIN) * scale;
  glyphs = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  halo = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  cairo_surface_set_device_scale (glyphs, scale, scale);
  cairo_surface_set_device_scale (halo, scale, scale);

  /* Each glyph where the text would put it (on a whole pixel, as cairo
   * puts glyphs); their margins overlap, and add up. */
  glyphs_cr = cairo_create (glyphs);
  cairo_set_operator (glyphs_cr, CAIRO_OPERATOR_ADD);
  for (guint i = 0; i < n_chars; i++)
    {
      cairo_set_source_surface (glyphs_cr, chars[i]->mask, round (pen), 0.0);
      cairo_paint (glyphs_cr);
      pen += chars[i]->advance;
    }
  cairo_destroy (glyphs_cr);

  spread_mask (glyphs, halo, LABEL_HALO_WIDTH / 2.0 * scale);

  left = round (x - total / 2.0) - LABEL_MARGIN;
  top = round (y - self->label_height / 2.0) - LABEL_MARGIN;
  gdk_cairo_set_source_rgba (cr, &self->palette->label_halo);
  cairo_mask_surface (cr, halo, left, top);
  gdk_cairo_set_source_rgba (cr, &self->palette->label);
  cairo_mask_surface (cr, glyphs, left, top);

  cairo_surface_destroy (glyphs);
  cairo_surface_destroy (halo);
}

static const Sprite *
get_sprite (AtlasInitiativeLayer *self,
            MarkKind              kind,
            const Cluster        *cluster,
            int                   scale)
{
  Sprite key = {
    .kind = kind,
    .count = cluster->count,
    .radius_q = (guint) lround (cluster->radius * 4.0),
  };
  const GdkRGBA *fill = kind == MARK_BUBBLE ? &self->palette->bubble_fill
                                            : &self->palette->point_fill;
  const GdkRGBA *stroke = kind == MARK_BUBBLE ? &self->palette->bubble_stroke
                                              : &self->palette->point_stroke;
  gboolean labelled = kind == MARK_BUBBLE || cluster->count > 1;
  cairo_t *cr;
  Sprite *sprite;

  sprite = g_hash_table_lookup (self->sprites, &key);
  if (sprite != NULL)
    return sprite;

  /* Counts are few; a flood of them (a huge result at a high zoom) is
   * drawn again rather than kept. */
  if (g_hash_table_size (self->sprites) >= MAX_SPRITES)
    g_hash_table_remove_all (self->sprites);

  sprite = g_new0 (Sprite, 1);
  *sprite = key;
  get_sprite_half_size (self, kind, cluster, &sprite->half_width, &sprite->half_height);

  sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                (int) (2 * sprite->half_width * scale),
                                                (int) (2 * sprite->half_height * scale));
  cairo_surface_set_device_scale (sprite->surface, scale, scale);
  draw_disc (sprite->surface, sprite->half_width * scale, sprite->half_height * scale,
             cluster->radius * scale, (kind == MARK_BUBBLE ? 1.5 : 1.25) * scale, fill, stroke);
  if (labelled)
    {
      cr = cairo_create (sprite->surface);
      cairo_translate (cr, sprite->half_width, sprite->half_height);
      draw_label (self, cr, 0.0, 0.0, cluster->count, scale);
      cairo_destroy (cr);
    }
  cairo_surface_flush (sprite->surface);

  g_hash_table_add (self->sprites, sprite);

  return sprite;
}

/* Copies the sprites of the marks in tile_marks (those that reach the tile,
 * see collect_tile_marks ()) into @surface, over its shades. */
static void
draw_tile_marks (AtlasInitiativeLayer *self,
                 cairo_surface_t      *surface,
                 const Frame          *frame,
                 gboolean             *drawn)
{
  cairo_t *cr;

  if (self->tile_marks->len == 0)
    return;

  cr = cairo_create (surface);
  cairo_scale (cr, frame->scale, frame->scale);
  for (guint i = 0; i < self->tile_marks->len; i++)
    {
      const TileMark *mark = &g_array_index (self->tile_marks, TileMark, i);
      MarkKind kind;
      const Cluster *cluster = get_ordered_cluster (self, mark->order, &kind);
      const Sprite *sprite = get_sprite (self, kind, cluster, frame->scale);

      cairo_set_source_surface (cr, sprite->surface,
                                mark->x - sprite->half_width, mark->y - sprite->half_height);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  *drawn = TRUE;
}

/* No result, or one with nothing on the map: no tile is drawn. */
static gboolean
draws_nothing (AtlasInitiativeLayer *self)
{
  return self->result == NULL || (self->active->len == 0 && self->points->len == 0);
}

/* Tiles can be drawn over the built-in basemap's pixels: only at a whole
 * zoom level and one device pixel per pixel, where the two grids meet
 * pixel for pixel. */
static gboolean
can_merge (AtlasInitiativeLayer *self,
           const Frame          *frame)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return self->basemap_layer != NULL &&
         ATLAS_IS_BASEMAP_SOURCE (shumate_viewport_get_reference_map_source (viewport)) &&
         frame->scale == 1 && frame->zoom >= 0 && frame->zoom == floor (frame->zoom);
}

/* The basemap's tile that holds the tile (@tx, @ty) of @frame, when its
 * source still has it as a surface, and where in it the tile starts. */
static AtlasImagePaintable *
find_base (AtlasInitiativeLayer *self,
           const Frame          *frame,
           int                   tx,
           int                   ty,
           int                  *base_x,
           int                  *base_y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  AtlasImagePaintable *image;
  cairo_surface_t *surface;
  guint base_size, per_base;

  if (!can_merge (self, frame))
    return NULL;

  base_size = shumate_map_source_get_tile_size (source);
  if (base_size == 0 || base_size % (guint) TILE_PX != 0)
    return NULL;
  per_base = base_size / (guint) TILE_PX;

  image = atlas_basemap_source_lookup_tile (ATLAS_BASEMAP_SOURCE (source), (guint) frame->zoom,
                                            (guint) tx / per_base, (guint) ty / per_base);
  surface = image != NULL ? atlas_image_paintable_get_surface (image) : NULL;
  /* Opaque tiles are kept as cairo's format without alpha, on pixels of
   * its format with it (see atlas-image-paintable.c): the same bytes. */
  if (surface == NULL ||
      (cairo_image_surface_get_format (surface) != CAIRO_FORMAT_ARGB32 &&
       cairo_image_surface_get_format (surface) != CAIRO_FORMAT_RGB24) ||
      cairo_image_surface_get_width (surface) != (int) base_size ||
      cairo_image_surface_get_height (surface) != (int) base_size)
    return NULL;

  *base_x = (int) ((guint) tx % per_base * (guint) TILE_PX);
  *base_y = (int) ((guint) ty % per_base * (guint) TILE_PX);

  return image;
}

static void
set_basemap_hidden (AtlasInitiativeLayer *self,
                    gboolean              hidden)
{
  if (self->basemap_layer == NULL || self->basemap_hidden == hidden)
    return;

  self->basemap_hidden = hidden;
  gtk_widget_set_opacity (self->basemap_layer, hidden ? 0.0 : 1.0);
}

static void
cancel_basemap_tick (AtlasInitiativeLayer *self)
{
  if (self->basemap_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->basemap_tick_id);
      self->basemap_tick_id = 0;
    }
}

/* Before a frame that may show a place without a merged tile. */
static void
show_basemap (AtlasInitiativeLayer *self)
{
  cancel_basemap_tick (self);
  set_basemap_hidden (self, FALSE);
}

static gboolean
on_basemap_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  AtlasInitiativeLayer *self = ATLAS_INITIATIVE_LAYER (widget);

  self->basemap_tick_id = 0;
  set_basemap_hidden (self, self->basemap_hide_wanted);

  return G_SOURCE_REMOVE;
}

/* From a snapshot, which is too late to change what the frame draws: the
 * basemap's layer is shown or hidden at the start of the next frame. */
static void
want_basemap_hidden (AtlasInitiativeLayer *self,
                     gboolean              hidden)
{
  self->basemap_hide_wanted = hidden;
  if (self->basemap_hidden == hidden)
    {
      cancel_basemap_tick (self);
      return;
    }

  if (self->basemap_tick_id == 0)
    self->basemap_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_basemap_tick_cb,
                                                          NULL, NULL);
}

/* The shades a tile kept, when they are those it would draw now; else
 * NULL, and they are freed. */
static TileShades *
take_shades (AtlasInitiativeLayer *self,
             TileShades           *kept,
             const Frame          *frame,
             guint                 signature,
             gboolean              merged)
{
  if (kept != NULL &&
      (kept->signature != signature || kept->look != self->look ||
       kept->scale != frame->scale || kept->merged != merged ||
       (merged && kept->base_serial != self->basemap_serial)))
    g_clear_pointer (&kept, tile_shades_free);

  return kept;
}

/* A new image with the pixels of @surface (copied into memory that is not
 * cleared first, as a new image's is). */
static cairo_surface_t *
copy_surface (cairo_surface_t *surface)
{
  static const cairo_user_data_key_t pixels_key;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  cairo_surface_t *copy;
  guchar *pixels;

  cairo_surface_flush (surface);
  pixels = g_memdup2 (cairo_image_surface_get_data (surface), (gsize) stride * height);
  copy = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height, stride);
  if (cairo_surface_set_user_data (copy, &pixels_key, pixels, g_free) != CAIRO_STATUS_SUCCESS)
    g_free (pixels);

  return copy;
}

/* Draws a tile for the current result and look, from @shapes and @shades
 * when they were kept (of the same zoom and place), which the tile takes.
 * @signature is the tile's, when tile_signature () was the last to collect
 * marks and gave it.  The tile is drawn over a copy of the basemap's pixels
 * (merged, opaque) when the basemap's source has them. */
static Tile *
render_tile (AtlasInitiativeLayer *self,
             const Frame          *frame,
             int                   tx,
             int                   ty,
             TileShapes           *shapes,
             TileShades           *shades,
             const TileSignature  *signature)
{
  Tile *tile = g_new0 (Tile, 1);
  AtlasImagePaintable *base;
  cairo_surface_t *surface;
  TileSignature signed_now;
  double x, y, width, height;
  gboolean drawn = FALSE, opaque = FALSE;
  int base_x = 0, base_y = 0;

  get_tile_rect (frame->world_size, tx, ty, &x, &y, &width, &height);

  if (signature == NULL)
    {
      tile_signature (self, frame->world_size, tx, ty, &signed_now);
      signature = &signed_now;
    }

  tile->zoom = frame->zoom;
  tile->tx = tx;
  tile->ty = ty;
  tile->generation = self->generation;
  tile->look = self->look;
  tile->signature = signature->all;

  /* Shapes are drawn for one scale factor. */
  if (shapes != NULL && shapes->scale != frame->scale)
    g_clear_pointer (&shapes, tile_shapes_free);
  if (shapes == NULL)
    shapes = build_tile_shapes (self, frame, tx, ty);
  tile->shapes = shapes;
  tile->bytes = shapes->bytes;

  base = find_base (self, frame, tx, ty, &base_x, &base_y);
  shades = take_shades (self, shades, frame, signature->shades, base != NULL);
  self->n_tiles_drawn++;
  if (shades != NULL)
    {
      surface = copy_surface (shades->surface);
      drawn = TRUE;
      opaque = shades->opaque;
    }
  else
    {
      self->n_tiles_shaded++;
      surface = shade_tile_shapes (self, shapes,
                                   base != NULL ? atlas_image_paintable_get_surface (base) : NULL,
                                   base_x, base_y, &drawn, &opaque);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        draw_highlights (self, surface, frame, x, y, width, height, &drawn);

      /* A copy kept for the next result (the image may be made from the
       * surface in place, see atlas_image_paintable_new ()); a tile with
       * nothing on it is quick to shade again. */
      if (drawn && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          shades = g_new0 (TileShades, 1);
          shades->signature = signature->shades;
          shades->look = self->look;
          shades->scale = frame->scale;
          shades->merged = base != NULL;
          shades->base_serial = self->basemap_serial;
          shades->opaque = opaque;
          shades->surface = copy_surface (surface);
          shades->bytes = (gsize) cairo_image_surface_get_stride (surface) *
                          (gsize) cairo_image_surface_get_height (surface);
          if (cairo_surface_status (shades->surface) != CAIRO_STATUS_SUCCESS)
            g_clear_pointer (&shades, tile_shades_free);
        }
    }

  /* The marks tile_signature () collected for the tile. */
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    draw_tile_marks (self, surface, frame, &drawn);
  cairo_surface_flush (surface);

  /* A tile with nothing on it keeps no image. */
  if (drawn && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    {
      /* What was drawn says whether every pixel is opaque: no pass over
       * them to find out. */
      tile->image = atlas_image_paintable_new_known (surface, frame->scale,
                                                     atlas_image_paintable_prefers_surface (GTK_WIDGET (self)),
                                                     opaque);
      if (tile->image != NULL)
        tile->bytes += atlas_image_paintable_get_size (tile->image);
    }
  tile->merged = base != NULL && tile->image != NULL;
  tile->base_serial = self->basemap_serial;
  tile->shades = shades;
  if (shades != NULL)
    tile->bytes += shades->bytes;
  cairo_surface_destroy (surface);
  self->cache_bytes += tile->bytes;

  return tile;
}

static Tile *
lookup_tile (AtlasInitiativeLayer *self,
             double                zoom,
             int                   tx,
             int                   ty)
{
  Tile key = { .zoom = zoom, .tx = tx, .ty = ty };

  return g_hash_table_lookup (self->tiles, &key);
}

static void
remove_tile (AtlasInitiativeLayer *self,
             Tile                 *tile)
{
  self->cache_bytes -= tile->bytes;
  g_hash_table_remove (self->tiles, tile);
}

/* Places a tile's image at its place for the frame, stretched when it was
 * drawn at another zoom. */
static void
append_tile (AtlasInitiativeLayer *self,
             GtkSnapshot          *snapshot,
             const Frame          *frame,
             const Tile           *tile,
             int                   copy)
{
  double tile_world_size = frame->world_size / exp2 (frame->zoom - tile->zoom);
  double factor = frame->world_size / tile_world_size;
  double x, y, width, height, left, top, right, bottom;

  if (tile->image == NULL)
    return;

  get_tile_rect (tile_world_size, tile->tx, tile->ty, &x, &y, &width, &height);

  /* On whole device pixels: the texture is then copied, not resampled. */
  left = round (((x * factor + copy * frame->world_size) - frame->origin_x) * frame->scale);
  top = round ((y * factor - frame->origin_y) * frame->scale);
  right = round ((((x + width) * factor + copy * frame->world_size) - frame->origin_x) *
                 frame->scale);
  bottom = round (((y + height) * factor - frame->origin_y) * frame->scale);

  atlas_image_paintable_append (tile->image, snapshot,
                                &GRAPHENE_RECT_INIT (left / frame->scale, top / frame->scale,
                                                     (right - left) / frame->scale,
                                                     (bottom - top) / frame->scale));
}

/* Draws the basemap's pixels of the tile (@tx, @ty), from its source, where
 * no merged tile is drawn while the basemap's layer is hidden. */
static void
append_base (AtlasInitiativeLayer *self,
             GtkSnapshot          *snapshot,
             const Frame          *frame,
             int                   copy,
             int                   tx,
             int                   ty)
{
  AtlasImagePaintable *base;
  cairo_surface_t *surface;
  double x, y, width, height, left, top;
  int base_x, base_y;

  if (!self->basemap_hidden)
    return;

  base = find_base (self, frame, tx, ty, &base_x, &base_y);
  if (base == NULL)
    return;

  /* On whole pixels, as append_tile () places tiles. */
  get_tile_rect (frame->world_size, tx, ty, &x, &y, &width, &height);
  left = round (x + copy * frame->world_size - frame->origin_x);
  top = round (y - frame->origin_y);
  surface = atlas_image_paintable_get_surface (base);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left, top, width, height));
  atlas_image_paintable_append (base, snapshot,
                                &GRAPHENE_RECT_INIT (left - base_x, top - base_y,
                                                     cairo_image_surface_get_width (surface),
                                                     cairo_image_surface_get_height (surface)));
  gtk_snapshot_pop (snapshot);
}

/* Draws the tiles of the last complete frame, stretched, where the tile
 * (@tx, @ty) of this frame is not drawn yet. */
static void
append_fallback (AtlasInitiativeLayer *self,
                 GtkSnapshot          *snapshot,
                 const Frame          *frame,
                 int                   copy,
                 int                   tx,
                 int                   ty)
{
  double x, y, width, height, factor, old_tile;
  int n_old, first_column, last_column, first_row, last_row;

  if (!self->has_complete || self->complete_zoom == frame->zoom)
    return;

  get_tile_rect (frame->world_size, tx, ty, &x, &y, &width, &height);
  factor = exp2 (frame->zoom - self->complete_zoom);
  old_tile = TILE_PX * factor;
  n_old = (int) ceil (frame->world_size / factor / TILE_PX);
  first_column = MAX (0, (int) floor (x / old_tile));
  last_column = MIN (n_old - 1, (int) floor ((x + width) / old_tile));
  first_row = MAX (0, (int) floor (y / old_tile));
  last_row = MIN (n_old - 1, (int) floor ((y + height) / old_tile));

  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (x + copy * frame->world_size - frame->origin_x,
                                               y - frame->origin_y, width, height));

  for (int row = first_row; row <= last_row; row++)
    {
      for (int column = first_column; column <= last_column; column++)
        {
          const Tile *tile = lookup_tile (self, self->complete_zoom, column, row);

          if (tile != NULL && tile->generation == self->complete_generation)
            append_tile (self, snapshot, frame, tile, copy);
        }
    }

  gtk_snapshot_pop (snapshot);
}

static gboolean
on_tiles_pending_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  AtlasInitiativeLayer *self = ATLAS_INITIATIVE_LAYER (widget);

  self->pending_tick_id = 0;
  gtk_widget_queue_draw (widget);

  return G_SOURCE_REMOVE;
}

/* Keeps the cache within its budget, dropping the tiles used longest ago
 * (never those of this frame). */
static void
trim_cache (AtlasInitiativeLayer *self)
{
  while (self->cache_bytes > CACHE_BYTES)
    {
      GHashTableIter iter;
      gpointer key;
      Tile *oldest = NULL;

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          Tile *tile = key;

          if (tile->last_used == self->frame_counter)
            continue;
          if (oldest == NULL || tile->last_used < oldest->last_used)
            oldest = tile;
        }

      if (oldest == NULL)
        break;
      remove_tile (self, oldest);
    }
}

static void
add_visible_marks (AtlasInitiativeLayer *self,
                   const Frame          *frame,
                   GArray               *clusters,
                   MarkKind              kind)
{
  const Cluster *items = (const Cluster *) (gpointer) clusters->data;
  int first_copy = (int) floor (frame->origin_x / frame->world_size) - 1;
  int last_copy = (int) floor ((frame->origin_x + frame->width) / frame->world_size) + 1;

  for (guint i = 0; i < clusters->len; i++)
    {
      const Cluster *cluster = &items[i];
      double y = cluster->my * frame->world_size - frame->origin_y;

      if (y < -cluster->radius || y > frame->height + cluster->radius)
        continue;

      for (int copy = first_copy; copy <= last_copy; copy++)
        {
          double x = (cluster->mx + copy) * frame->world_size - frame->origin_x;
          Mark mark = { x, y, MAX (cluster->radius, 6.0), kind, i };

          if (x < -cluster->radius || x > frame->width + cluster->radius)
            continue;

          g_array_append_val (self->marks, mark);
        }
    }
}

static void
atlas_initiative_layer_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  AtlasInitiativeLayer *self = (AtlasInitiativeLayer *)widget;
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile_size = source != NULL ? shumate_map_source_get_tile_size (source)
                                    : DEFAULT_TILE_SIZE;
  gboolean stable, complete = TRUE, all_merged = TRUE, mergeable;
  gint64 deadline = 0;
  int n_tiles, first_copy, last_copy, first_row, last_row;
  Frame frame;

  g_array_set_size (self->marks, 0);
  self->frame_valid = FALSE;
  self->frame_complete = TRUE;

  frame.width = gtk_widget_get_width (widget);
  frame.height = gtk_widget_get_height (widget);
  frame.scale = gtk_widget_get_scale_factor (widget);
  if (frame.width <= 0 || frame.height <= 0)
    return;

  if (self->hinted_generation != self->generation)
    {
      atlas_damage_hint_changed (&self->tiles_hint);
      self->hinted_generation = self->generation;
    }
  atlas_damage_hint_append_widget (&self->tiles_hint, snapshot, widget);

  frame.zoom = shumate_viewport_get_zoom_level (viewport);
  frame.world_size = tile_size * exp2 (frame.zoom);
  frame.origin_x = mercator_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))) *
                   frame.world_size - frame.width / 2.0;
  frame.origin_y = mercator_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))) *
                   frame.world_size - frame.height / 2.0;

  self->frame_valid = TRUE;
  self->frame_world_size = frame.world_size;
  self->frame_origin_x = frame.origin_x;
  self->frame_origin_y = frame.origin_y;

  /* atlas_initiative_layer_set_result () showed the basemap's layer. */
  if (draws_nothing (self))
    return;

  /* Clusters depend on the zoom only: panning reuses them. */
  if (frame.zoom != self->cluster_zoom)
    recluster (self, frame.zoom, frame.world_size);

  /* Bubbles over points, so that their counts stay readable. */
  if (frame.zoom >= POINT_MIN_ZOOM)
    add_visible_marks (self, &frame, self->point_clusters, MARK_POINT);
  if (frame.zoom >= ATLAS_INITIATIVE_LAYER_BUBBLE_ZOOM)
    add_visible_marks (self, &frame, self->bubbles, MARK_BUBBLE);

  /* Whether tiles can be merged with the basemap in this frame at all. */
  mergeable = can_merge (self, &frame);

  /* While the zoom moves, tiles drawn now would be of no use next frame. */
  stable = frame.zoom == self->last_frame_zoom;
  self->last_frame_zoom = frame.zoom;
  if (stable || !self->has_complete)
    deadline = g_get_monotonic_time () + TILE_BUDGET_US;
  self->frame_counter++;

  n_tiles = (int) ceil (frame.world_size / TILE_PX);
  first_copy = (int) floor (frame.origin_x / frame.world_size);
  last_copy = (int) floor ((frame.origin_x + frame.width) / frame.world_size);
  first_row = MAX (0, (int) floor (frame.origin_y / TILE_PX));
  last_row = MIN (n_tiles - 1, (int) floor ((frame.origin_y + frame.height) / TILE_PX));

  for (int copy = first_copy; copy <= last_copy; copy++)
    {
      double copy_x = copy * frame.world_size;
      int first_column = MAX (0, (int) floor ((frame.origin_x - copy_x) / TILE_PX));
      int last_column = MIN (n_tiles - 1,
                             (int) floor ((frame.origin_x + frame.width - copy_x) / TILE_PX));

      for (int ty = first_row; ty <= last_row; ty++)
        {
          for (int tx = first_column; tx <= last_column; tx++)
            {
              Tile *tile = lookup_tile (self, frame.zoom, tx, ty);
              TileShapes *shapes = NULL;
              TileShades *shades = NULL;
              TileSignature signature = { 0 };
              gboolean signed_now = FALSE;
              int base_x, base_y;

              /* A tile drawn before the basemap's pixels came is drawn
               * again over them; one drawn over another basemap's, or
               * where none can be drawn under it, is drawn again alone
               * (in a later frame when this one has no time left). */
              if (tile != NULL &&
                  (tile->merged ? (tile->base_serial != self->basemap_serial || !mergeable)
                                : find_base (self, &frame, tx, ty, &base_x, &base_y) != NULL))
                {
                  if (deadline != 0)
                    {
                      shapes = g_steal_pointer (&tile->shapes);
                      remove_tile (self, tile);
                      tile = NULL;
                    }
                  else if (tile->merged)
                    {
                      /* Not over what is under it now: left out. */
                      complete = FALSE;
                      all_merged = FALSE;
                      append_base (self, snapshot, &frame, copy, tx, ty);
                      continue;
                    }
                  else
                    {
                      complete = FALSE;
                    }
                }

              if (tile != NULL && tile->generation != self->generation &&
                  tile->look == self->look)
                {
                  tile_signature (self, frame.world_size, tx, ty, &signature);
                  signed_now = TRUE;
                  if (tile->signature == signature.all)
                    tile->generation = self->generation;
                }

              /* An out-of-date tile stands in until it is drawn again:
               * a new result does not blink. */
              if (tile != NULL && tile->generation != self->generation && deadline != 0)
                {
                  /* Its shapes serve again, and its shades when only
                   * the marks change. */
                  shapes = g_steal_pointer (&tile->shapes);
                  shades = g_steal_pointer (&tile->shades);
                  remove_tile (self, tile);
                  tile = NULL;
                }

              /* At least one tile a frame, so that drawing always advances. */
              if (tile == NULL && deadline != 0)
                {
                  tile = render_tile (self, &frame, tx, ty, g_steal_pointer (&shapes),
                                      g_steal_pointer (&shades),
                                      signed_now ? &signature : NULL);
                  g_hash_table_add (self->tiles, tile);
                  if (g_get_monotonic_time () >= deadline)
                    deadline = 0;
                }

              if (tile == NULL)
                {
                  complete = FALSE;
                  all_merged = FALSE;
                  append_base (self, snapshot, &frame, copy, tx, ty);
                  append_fallback (self, snapshot, &frame, copy, tx, ty);
                  continue;
                }

              if (tile->generation != self->generation)
                complete = FALSE;
              if (!tile->merged)
                {
                  all_merged = FALSE;
                  append_base (self, snapshot, &frame, copy, tx, ty);
                }
              tile->last_used = self->frame_counter;
              append_tile (self, snapshot, &frame, tile, copy);
            }
        }
    }

  /* Every piece in sight drawn over the basemap's pixels (some perhaps
   * of the last result, standing in): its layer need not be drawn under
   * them. */
  want_basemap_hidden (self, all_merged);

  self->frame_complete = complete;
  if (complete)
    {
      self->has_complete = TRUE;
      self->complete_zoom = frame.zoom;
      self->complete_generation = self->generation;
    }
  else if (self->pending_tick_id == 0)
    {
      self->pending_tick_id = gtk_widget_add_tick_callback (widget, on_tiles_pending_tick_cb,
                                                            NULL, NULL);
    }

  trim_cache (self);
}

static void
on_viewport_notify_cb (AtlasInitiativeLayer *self,
                       GParamSpec           *pspec,
                       ShumateViewport      *viewport)
{
  g_assert (ATLAS_IS_INITIATIVE_LAYER (self));

  /* The next frame may show places without a tile. */
  show_basemap (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_scale_factor_notify_cb (AtlasInitiativeLayer *self,
                           GParamSpec           *pspec,
                           gpointer              user_data)
{
  g_assert (ATLAS_IS_INITIATIVE_LAYER (self));

  invalidate_look (self);
}

static void
atlas_initiative_layer_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  AtlasInitiativeLayer *self = (AtlasInitiativeLayer *)widget;

  GTK_WIDGET_CLASS (atlas_initiative_layer_parent_class)->css_changed (widget, change);

  /* Fonts may have changed: measure labels again, and cluster with them. */
  g_clear_object (&self->layout);
  self->cluster_zoom = NAN;
  invalidate_look (self);
}

static void
atlas_initiative_layer_constructed (GObject *object)
{
  AtlasInitiativeLayer *self = (AtlasInitiativeLayer *)object;

  G_OBJECT_CLASS (atlas_initiative_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_initiative_layer_dispose (GObject *object)
{
  AtlasInitiativeLayer *self = (AtlasInitiativeLayer *)object;

  if (self->pending_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
      self->pending_tick_id = 0;
    }
  show_basemap (self);
  g_clear_weak_pointer (&self->basemap_layer);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->label_chars, g_hash_table_unref);
  g_clear_pointer (&self->result, atlas_result_unref);
  g_clear_pointer (&self->projected_index, atlas_index_unref);
  g_clear_pointer (&self->projected, g_free);
  g_clear_pointer (&self->located, g_free);
  g_clear_object (&self->layout);
  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (atlas_initiative_layer_parent_class)->dispose (object);
}

static void
atlas_initiative_layer_finalize (GObject *object)
{
  AtlasInitiativeLayer *self = (AtlasInitiativeLayer *)object;

  g_free (self->counts);
  g_free (self->classes);
  g_free (self->shades);
  g_free (self->highlighted);
  g_free (self->bounds);
  g_free (self->cell_keys);
  g_free (self->cell_values);
  g_clear_pointer (&self->active, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->point_positions, g_array_unref);
  g_clear_pointer (&self->bubbles, g_array_unref);
  g_clear_pointer (&self->point_clusters, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->mark_buckets, g_hash_table_unref);
  g_clear_pointer (&self->tile_marks, g_array_unref);
  g_free (self->mark_tiles);
  g_free (self->mark_next);

  G_OBJECT_CLASS (atlas_initiative_layer_parent_class)->finalize (object);
}

static void
atlas_initiative_layer_class_init (AtlasInitiativeLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_initiative_layer_constructed;
  object_class->dispose = atlas_initiative_layer_dispose;
  object_class->finalize = atlas_initiative_layer_finalize;

  widget_class->snapshot = atlas_initiative_layer_snapshot;
  widget_class->css_changed = atlas_initiative_layer_css_changed;
}

static void
atlas_initiative_layer_init (AtlasInitiativeLayer *self)
{
  const CountryTable *table = get_country_table ();

  self->basemap = g_object_ref (atlas_basemap_get_default ());
  self->palette = &light_palette;
  self->n_countries = table->n_countries;
  self->counts = g_new0 (guint, self->n_countries);
  self->classes = g_new0 (guint8, self->n_countries);
  self->shades = g_new0 (guint32, self->n_countries + 1);
  self->highlighted = g_new0 (gboolean, self->n_countries);
  self->bounds = g_new0 (CountryBounds, self->n_countries);
  self->active = g_array_new (FALSE, FALSE, sizeof (guint));
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->point_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bubbles = g_array_new (FALSE, FALSE, sizeof (Cluster));
  self->point_clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->mark_buckets = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->tile_marks = g_array_new (FALSE, FALSE, sizeof (TileMark));
  self->tiles = g_hash_table_new_full (tile_key_hash, tile_key_equal, tile_free, NULL);
  self->sprites = g_hash_table_new_full (sprite_hash, sprite_equal, sprite_free, NULL);
  self->label_chars = g_hash_table_new_full (NULL, NULL, NULL, label_char_free);
  self->cluster_zoom = NAN;
  self->last_frame_zoom = NAN;

  /* Tiles are drawn for one scale factor. */
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_notify_cb), NULL);
}

AtlasInitiativeLayer *
atlas_initiative_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (ATLAS_TYPE_INITIATIVE_LAYER,
                       "viewport", viewport,
                       NULL);
}

static int
compare_by_count (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const guint *counts = user_data;
  guint country_a = *(const guint *) a;
  guint country_b = *(const guint *) b;

  if (counts[country_a] != counts[country_b])
    return counts[country_a] > counts[country_b] ? -1 : 1;

  return country_a < country_b ? -1 : (country_a > country_b);
}

/* Projects the location of every record of @index, once per index: a new
 * result then only gathers its points by record, without a search by rowid
 * or a projection per point (about 10 ms a result at 100,000). */
static const Point *
get_projected (AtlasInitiativeLayer *self,
               AtlasIndex           *index)
{
  guint n_records;

  if (self->projected_index == index)
    return self->projected;

  g_clear_pointer (&self->projected_index, atlas_index_unref);
  g_free (self->projected);
  g_free (self->located);

  n_records = atlas_index_get_n_initiatives (index);
  self->projected_index = atlas_index_ref (index);
  self->projected = g_new (Point, n_records);
  self->located = g_new0 (guint32, n_records / 32 + 1);
  for (guint record = 0; record < n_records; record++)
    {
      double latitude, longitude;

      if (atlas_index_get_record_location (index, record, &latitude, &longitude))
        {
          self->projected[record] = (Point) { mercator_x (longitude), mercator_y (latitude) };
          self->located[record / 32] |= 1u << (record % 32);
        }
      else
        {
          self->projected[record] = (Point) { NAN, NAN };
        }
    }

  return self->projected;
}

void
atlas_initiative_layer_set_result (AtlasInitiativeLayer *self,
                                   AtlasResult          *result)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));

  if (result != NULL)
    atlas_result_ref (result);
  g_clear_pointer (&self->result, atlas_result_unref);
  self->result = result;

  memset (self->counts, 0, self->n_countries * sizeof (guint));
  g_array_set_size (self->active, 0);
  g_array_set_size (self->points, 0);
  g_array_set_size (self->point_positions, 0);
  g_array_set_size (self->marks, 0);
  self->max_count = 0;
  self->n_global = 0;

  if (result != NULL)
    {
      const Point *projected = get_projected (self, atlas_result_get_index (result));
      guint n_counts = 0;
      const guint *counts = atlas_result_get_country_counts (result, &n_counts);
      guint n_items = 0;
      const guint *records = atlas_result_get_records (result, &n_items);
      Point *points;
      guint *positions;
      guint n_points = 0;

      for (guint i = 0; i < MIN (n_counts, self->n_countries); i++)
        {
          self->counts[i] = counts[i];
          if (counts[i] > 0)
            g_array_append_val (self->active, i);
          self->max_count = MAX (self->max_count, counts[i]);
        }
      g_array_sort_with_data (self->active, compare_by_count, self->counts);
      self->n_global = atlas_result_get_n_global (result);

      /* Room for all, then trimmed: a pass with no call per item, as it
       * runs for every query on up to 100,000 items. */
      g_array_set_size (self->points, n_items);
      g_array_set_size (self->point_positions, n_items);
      points = (Point *) (gpointer) self->points->data;
      positions = (guint *) (gpointer) self->point_positions->data;
      for (guint i = 0; i < n_items; i++)
        {
          guint record = records[i];

          if ((self->located[record / 32] & (1u << (record % 32))) == 0)
            continue;

          points[n_points] = projected[record];
          positions[n_points] = i;
          n_points++;
        }
      g_array_set_size (self->points, n_points);
      g_array_set_size (self->point_positions, n_points);
      ensure_cell_capacity (self, self->points->len);
    }

  compute_classes (self);
  for (guint i = 0; i < self->active->len; i++)
    {
      guint country = g_array_index (self->active, guint, i);

      self->classes[country] = class_of_count (self, self->counts[country]);
    }

  self->cluster_zoom = NAN;
  if (draws_nothing (self))
    show_basemap (self);
  invalidate_tiles (self);
}

/**
 * atlas_initiative_layer_set_basemap_layer:
 * @layer: (nullable): the map's layer of the built-in basemap, under this
 *   one
 *
 * Lets the layer draw its tiles over a copy of the basemap's pixels and
 * leave @layer undrawn while they cover the map (see the struct).
 */
void
atlas_initiative_layer_set_basemap_layer (AtlasInitiativeLayer *self,
                                          GtkWidget            *layer)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));
  g_return_if_fail (layer == NULL || GTK_IS_WIDGET (layer));

  if (self->basemap_layer == layer)
    return;

  show_basemap (self);
  g_set_weak_pointer (&self->basemap_layer, layer);
  self->basemap_serial++;
  /* Tiles merged with the last one do not stand in while zooming. */
  self->has_complete = FALSE;
  invalidate_tiles (self);
}

/**
 * atlas_initiative_layer_get_basemap_hidden:
 *
 * Returns: whether the basemap's layer is left undrawn, every tile in sight
 *   covering it
 */
gboolean
atlas_initiative_layer_get_basemap_hidden (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), FALSE);

  return self->basemap_hidden;
}

AtlasResult *
atlas_initiative_layer_get_result (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), NULL);

  return self->result;
}

void
atlas_initiative_layer_set_dark (AtlasInitiativeLayer *self,
                                 gboolean              dark)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  self->palette = dark ? &dark_palette : &light_palette;
  invalidate_look (self);
}

gboolean
atlas_initiative_layer_get_dark (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), FALSE);

  return self->dark;
}

void
atlas_initiative_layer_set_highlighted (AtlasInitiativeLayer *self,
                                        const char * const   *alpha2)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();

  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));

  memset (self->highlighted, 0, self->n_countries * sizeof (gboolean));
  for (guint i = 0; alpha2 != NULL && alpha2[i] != NULL; i++)
    {
      int country = atlas_vocab_find_country (vocab, alpha2[i]);

      if (country >= 0 && (guint) country < self->n_countries)
        self->highlighted[country] = TRUE;
    }

  invalidate_tiles (self);
}

guint
atlas_initiative_layer_get_country_count (AtlasInitiativeLayer *self,
                                          guint                 country)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), 0);
  g_return_val_if_fail (country < self->n_countries, 0);

  return self->counts[country];
}

guint
atlas_initiative_layer_get_max_count (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), 0);

  return self->max_count;
}

guint
atlas_initiative_layer_get_n_global (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), 0);

  return self->n_global;
}

const guint *
atlas_initiative_layer_get_countries (AtlasInitiativeLayer *self,
                                      guint                *n_countries)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), NULL);
  g_return_val_if_fail (n_countries != NULL, NULL);

  *n_countries = self->active->len;
  return (const guint *) (gpointer) self->active->data;
}

guint
atlas_initiative_layer_get_n_points (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), 0);

  return self->points->len;
}

guint
atlas_initiative_layer_get_n_classes (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), 0);

  return self->n_classes;
}

void
atlas_initiative_layer_get_class (AtlasInitiativeLayer *self,
                                  guint                 index,
                                  guint                *min,
                                  guint                *max,
                                  GdkRGBA              *color)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));
  g_return_if_fail (index < self->n_classes);

  if (min != NULL)
    *min = index == 0 ? 1 : self->class_max[index - 1] + 1;
  if (max != NULL)
    *max = self->class_max[index];
  if (color != NULL)
    *color = *class_color (self, index);
}

void
atlas_initiative_layer_get_bubble_color (AtlasInitiativeLayer *self,
                                         GdkRGBA              *color)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));
  g_return_if_fail (color != NULL);

  *color = self->palette->bubble_fill;
}

void
atlas_initiative_layer_get_point_color (AtlasInitiativeLayer *self,
                                        GdkRGBA              *color)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));
  g_return_if_fail (color != NULL);

  *color = self->palette->point_fill;
}

static void
fill_hit_from_mark (AtlasInitiativeLayer *self,
                    const Mark           *mark,
                    AtlasMapHit          *hit)
{
  const Cluster *cluster;

  if (mark->kind == MARK_BUBBLE)
    {
      cluster = &g_array_index (self->bubbles, Cluster, mark->cluster);
      hit->kind = cluster->n_members > 1 ? ATLAS_MAP_HIT_COUNTRY_CLUSTER : ATLAS_MAP_HIT_COUNTRY;
      hit->country = cluster->n_members > 1 ? -1 : (int) cluster->first;
      hit->rowid = 0;
    }
  else
    {
      cluster = &g_array_index (self->point_clusters, Cluster, mark->cluster);
      hit->kind = cluster->n_members > 1 ? ATLAS_MAP_HIT_POINT_CLUSTER : ATLAS_MAP_HIT_POINT;
      hit->country = -1;
      hit->rowid = cluster->n_members > 1 ? 0 :
                   atlas_result_get_rowid (self->result,
                                           g_array_index (self->point_positions, guint,
                                                          cluster->first));
    }

  hit->count = cluster->count;
  hit->n_members = cluster->n_members;
  hit->latitude = mercator_latitude (cluster->my);
  hit->longitude = mercator_longitude (cluster->mx);
}

gboolean
atlas_initiative_layer_pick (AtlasInitiativeLayer *self,
                             double                x,
                             double                y,
                             AtlasMapHit          *hit)
{
  const Mark *marks;
  double mx, my;
  guint16 code;
  int country;

  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (AtlasMapHit) { .kind = ATLAS_MAP_HIT_NONE, .country = -1 };

  if (!self->frame_valid)
    return FALSE;

  /* The marks drawn last are on top: bubbles over points. */
  marks = (const Mark *) (gpointer) self->marks->data;
  for (guint i = self->marks->len; i > 0; i--)
    {
      const Mark *mark = &marks[i - 1];
      double dx = x - mark->x;
      double dy = y - mark->y;
      double reach = mark->radius + 2.0;

      if (dx * dx + dy * dy <= reach * reach)
        {
          fill_hit_from_mark (self, mark, hit);
          return TRUE;
        }
    }

  mx = (x + self->frame_origin_x) / self->frame_world_size;
  my = (y + self->frame_origin_y) / self->frame_world_size;
  if (my < 0.0 || my > 1.0)
    return FALSE;

  hit->latitude = mercator_latitude (my);
  hit->longitude = mercator_longitude (mx);
  code = atlas_basemap_country_at (self->basemap, hit->latitude, hit->longitude);
  country = atlas_initiative_layer_country_from_code (code);
  if (country < 0 || (guint) country >= self->n_countries)
    return FALSE;

  hit->kind = ATLAS_MAP_HIT_COUNTRY;
  hit->country = country;
  hit->count = self->counts[country];
  hit->n_members = 1;

  return TRUE;
}

gboolean
atlas_initiative_layer_get_complete (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), FALSE);

  return self->frame_valid && self->frame_complete;
}

void
atlas_initiative_layer_get_n_tiles_drawn (AtlasInitiativeLayer *self,
                                          guint                *n_drawn,
                                          guint                *n_shaded)
{
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));

  if (n_drawn != NULL)
    *n_drawn = self->n_tiles_drawn;
  if (n_shaded != NULL)
    *n_shaded = self->n_tiles_shaded;
}

guint
atlas_initiative_layer_get_n_marks (AtlasInitiativeLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_INITIATIVE_LAYER (self), 0);

  return self->marks->len;
}

void
atlas_initiative_layer_get_mark (AtlasInitiativeLayer *self,
                                 guint                 index,
                                 AtlasMapHit          *hit,
                                 double               *x,
                                 double               *y,
                                 double               *radius)
{
  const Mark *mark;

  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (self));
  g_return_if_fail (index < self->marks->len);

  mark = &g_array_index (self->marks, Mark, index);
  if (hit != NULL)
    fill_hit_from_mark (self, mark, hit);
  if (x != NULL)
    *x = mark->x;
  if (y != NULL)
    *y = mark->y;
  if (radius != NULL)
    *radius = mark->radius;
}

guint
atlas_initiative_layer_country_codes (guint    country,
                                      guint16 *codes)
{
  const CountryTable *table = get_country_table ();

  g_return_val_if_fail (codes != NULL, 0);

  if (country >= table->n_countries)
    return 0;

  for (guint i = 0; i < table->places[country].n_codes; i++)
    codes[i] = table->places[country].codes[i];

  return table->places[country].n_codes;
}

int
atlas_initiative_layer_country_from_code (guint16 code)
{
  const CountryTable *table = get_country_table ();

  if (code == 0 || code >= N_BASEMAP_CODES)
    return -1;

  return table->country_of_code[code];
}
