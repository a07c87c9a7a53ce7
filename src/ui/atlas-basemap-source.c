/* atlas-basemap-source.c
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

#define G_LOG_DOMAIN "atlas-basemap-source"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-basemap.h"
#include "atlas-basemap-source.h"
#include "atlas-image-paintable.h"

#define TILE_SIZE          256
#define MAX_ZOOM_LEVEL     10
#define COASTLINE_MIN_ZOOM 4
/* The last tiles drawn as surfaces that it keeps for lookup: about as many
 * as a large window shows, sharing their pixels with the map's tiles. */
#define KEPT_TILES         64

#define NATURAL_EARTH_TERMS_URI "https://www.naturalearthdata.com/about/terms-of-use/"

typedef struct
{
  GdkRGBA ocean;
  GdkRGBA land;
  GdkRGBA border;
  GdkRGBA coast;
} Palette;

/* Calm colours, lighter or darker than any choropleth shade drawn over them. */
static const Palette light_palette = {
  .ocean  = { 0.800, 0.843, 0.882, 1.0 },   /* #ccd7e1 */
  .land   = { 0.965, 0.961, 0.957, 1.0 },   /* #f6f5f4 */
  .border = { 0.690, 0.671, 0.651, 1.0 },   /* #b0aba6 */
  .coast  = { 0.620, 0.690, 0.757, 1.0 },   /* #9eb0c1 */
};

static const Palette dark_palette = {
  .ocean  = { 0.110, 0.145, 0.184, 1.0 },   /* #1c252f */
  .land   = { 0.204, 0.216, 0.235, 1.0 },   /* #34373c */
  .border = { 0.349, 0.365, 0.392, 1.0 },   /* #595d64 */
  .coast  = { 0.275, 0.329, 0.392, 1.0 },   /* #465464 */
};

struct _AtlasBasemapSource
{
  ShumateMapSource  parent_instance;

  AtlasBasemap     *basemap;
  const Palette    *palette;
  gboolean          dark;
  gboolean          surfaces;

  GHashTable       *kept;             /* tile_key () → AtlasImagePaintable */
  GQueue            kept_order;       /* tile_key ()s, oldest first */
};

G_DEFINE_FINAL_TYPE (AtlasBasemapSource, atlas_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

enum
{
  PROP_0,
  PROP_DARK,
  PROP_SURFACES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  TILE_KEPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker needs to draw one tile; it owns all of it. */
typedef struct
{
  AtlasBasemap *basemap;
  Palette       palette;
  guint         x;
  guint         y;
  guint         zoom;
  guint         size;
  gboolean      surface;
} TileJob;

static void
tile_job_free (gpointer data)
{
  TileJob *job = data;

  g_clear_object (&job->basemap);
  g_free (job);
}

static void
set_source_color (cairo_t       *cr,
                  const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
draw_tile (const TileJob *job,
           cairo_t       *cr)
{
  double world_size = (double) job->size * (double) (1u << job->zoom);
  double offset_x = -(double) job->x * job->size;
  double offset_y = -(double) job->y * job->size;

  g_assert (job != NULL);

  set_source_color (cr, &job->palette.ocean);
  cairo_paint (cr);

  atlas_basemap_append_land_path (job->basemap, cr, job->zoom, world_size, offset_x, offset_y);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  set_source_color (cr, &job->palette.land);
  cairo_fill (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (job->zoom >= COASTLINE_MIN_ZOOM)
    {
      cairo_set_line_width (cr, job->zoom >= 7 ? 1.0 : 0.75);
      atlas_basemap_append_lines (job->basemap, cr, ATLAS_BASEMAP_COASTLINES,
                                  job->zoom, world_size, offset_x, offset_y);
      set_source_color (cr, &job->palette.coast);
      cairo_stroke (cr);
    }

  cairo_set_line_width (cr, job->zoom <= 2 ? 0.6 : job->zoom <= 5 ? 0.8 : 1.2);
  atlas_basemap_append_lines (job->basemap, cr, ATLAS_BASEMAP_BORDERS,
                              job->zoom, world_size, offset_x, offset_y);
  set_source_color (cr, &job->palette.border);
  cairo_stroke (cr);
}

static void
draw_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileJob *job = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  AtlasImagePaintable *image;

  g_assert (G_IS_TASK (task));
  g_assert (job != NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->size, job->size);
  cr = cairo_create (surface);
  draw_tile (job, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("A piece of the map could not be drawn: "
                                 "the computer may be out of memory."));
      return;
    }

  /* Made here, off the main thread: a texture's conversion too. */
  image = atlas_image_paintable_new (surface, 1, job->surface);
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, image, g_object_unref);
}

/* Zoom up to 10, so x and y below 1,024: ten bits each. */
static guint
tile_key (guint zoom,
          guint x,
          guint y)
{
  return zoom << 20 | x << 10 | y;
}

static void
keep_tile (AtlasBasemapSource  *self,
           ShumateTile         *tile,
           AtlasImagePaintable *image)
{
  guint key = tile_key (shumate_tile_get_zoom_level (tile),
                        shumate_tile_get_x (tile), shumate_tile_get_y (tile));

  if (!atlas_image_paintable_is_surface (image))
    return;

  if (g_hash_table_contains (self->kept, GUINT_TO_POINTER (key)))
    g_queue_remove (&self->kept_order, GUINT_TO_POINTER (key));
  g_hash_table_insert (self->kept, GUINT_TO_POINTER (key), g_object_ref (image));
  g_queue_push_tail (&self->kept_order, GUINT_TO_POINTER (key));

  while (g_queue_get_length (&self->kept_order) > KEPT_TILES)
    g_hash_table_remove (self->kept, g_queue_pop_head (&self->kept_order));

  g_signal_emit (self, signals[TILE_KEPT], 0);
}

static void
on_tile_drawn_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(AtlasImagePaintable) image = NULL;
  ShumateTile *tile = g_task_get_task_data (task);
  GError *error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (SHUMATE_IS_TILE (tile));

  image = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Tiles are opaque: never NULL. */
  keep_tile (ATLAS_BASEMAP_SOURCE (object), tile, image);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (image));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);

  g_task_return_boolean (task, TRUE);
}

static void
atlas_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                      ShumateTile         *tile,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AtlasBasemapSource *self = (AtlasBasemapSource *)source;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) draw_task = NULL;
  TileJob *job;
  guint zoom;

  g_assert (ATLAS_IS_BASEMAP_SOURCE (self));
  g_assert (SHUMATE_IS_TILE (tile));
  g_assert (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_basemap_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  zoom = shumate_tile_get_zoom_level (tile);
  if (zoom > MAX_ZOOM_LEVEL || shumate_tile_get_size (tile) == 0 ||
      shumate_tile_get_x (tile) >= (1u << zoom) || shumate_tile_get_y (tile) >= (1u << zoom))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This piece of the map does not exist."));
      return;
    }

  job = g_new0 (TileJob, 1);
  job->basemap = g_object_ref (self->basemap);
  job->palette = *self->palette;
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->zoom = zoom;
  job->size = shumate_tile_get_size (tile);
  job->surface = self->surfaces;

  draw_task = g_task_new (self, cancellable, on_tile_drawn_cb, g_steal_pointer (&task));
  g_task_set_source_tag (draw_task, draw_tile_thread);
  g_task_set_task_data (draw_task, job, tile_job_free);
  g_task_run_in_thread (draw_task, draw_tile_thread);
}

static gboolean
atlas_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_assert (ATLAS_IS_BASEMAP_SOURCE (source));
  g_assert (g_task_is_valid (result, source));

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
atlas_basemap_source_constructed (GObject *object)
{
  AtlasBasemapSource *self = (AtlasBasemapSource *)object;
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (object);

  G_OBJECT_CLASS (atlas_basemap_source_parent_class)->constructed (object);

  self->palette = self->dark ? &dark_palette : &light_palette;

  shumate_map_source_set_id (source, self->dark ? "atlas-basemap-dark" : "atlas-basemap");
  /* Translators: names of the built-in background maps, which show countries */
  shumate_map_source_set_name (source,
                               self->dark ? C_("map source", "Countries, Dark")
                                          : C_("map source", "Countries"));
  shumate_map_source_set_license (source, _("Country shapes: Natural Earth (public domain)"));
  shumate_map_source_set_license_uri (source, NATURAL_EARTH_TERMS_URI);
  shumate_map_source_set_min_zoom_level (source, 0);
  shumate_map_source_set_max_zoom_level (source, MAX_ZOOM_LEVEL);
  shumate_map_source_set_tile_size (source, TILE_SIZE);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
}

static void
atlas_basemap_source_dispose (GObject *object)
{
  AtlasBasemapSource *self = (AtlasBasemapSource *)object;

  g_clear_object (&self->basemap);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  g_queue_clear (&self->kept_order);

  G_OBJECT_CLASS (atlas_basemap_source_parent_class)->dispose (object);
}

static void
atlas_basemap_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;

    case PROP_SURFACES:
      g_value_set_boolean (value, self->surfaces);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_basemap_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      self->dark = g_value_get_boolean (value);
      break;

    case PROP_SURFACES:
      atlas_basemap_source_set_surfaces (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_basemap_source_class_init (AtlasBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = atlas_basemap_source_constructed;
  object_class->dispose = atlas_basemap_source_dispose;
  object_class->get_property = atlas_basemap_source_get_property;
  object_class->set_property = atlas_basemap_source_set_property;

  source_class->fill_tile_async = atlas_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = atlas_basemap_source_fill_tile_finish;

  /**
   * AtlasBasemapSource:dark:
   *
   * Whether tiles use the palette for the dark style.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * AtlasBasemapSource:surfaces:
   *
   * Whether tiles drawn from now on keep their image as a cairo surface,
   * for a map drawn by the cairo renderer, rather than as a texture (see
   * atlas-image-paintable.h).
   */
  properties[PROP_SURFACES] =
    g_param_spec_boolean ("surfaces", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasBasemapSource::tile-kept:
   *
   * A tile was drawn and can be looked up
   * (atlas_basemap_source_lookup_tile ()).
   */
  signals[TILE_KEPT] =
    g_signal_new ("tile-kept",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_basemap_source_init (AtlasBasemapSource *self)
{
  self->basemap = g_object_ref (atlas_basemap_get_default ());
  self->palette = &light_palette;
  self->kept = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  g_queue_init (&self->kept_order);
}

AtlasBasemapSource *
atlas_basemap_source_new (gboolean dark)
{
  return g_object_new (ATLAS_TYPE_BASEMAP_SOURCE,
                       "dark", dark,
                       NULL);
}

gboolean
atlas_basemap_source_get_dark (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), FALSE);

  return self->dark;
}

void
atlas_basemap_source_get_ocean_color (AtlasBasemapSource *self,
                                      GdkRGBA            *color)
{
  g_return_if_fail (ATLAS_IS_BASEMAP_SOURCE (self));
  g_return_if_fail (color != NULL);

  *color = self->palette->ocean;
}

AtlasImagePaintable *
atlas_basemap_source_lookup_tile (AtlasBasemapSource *self,
                                  guint               zoom,
                                  guint               x,
                                  guint               y)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), NULL);

  if (zoom > MAX_ZOOM_LEVEL || x >= (1u << zoom) || y >= (1u << zoom) || self->kept == NULL)
    return NULL;

  return g_hash_table_lookup (self->kept, GUINT_TO_POINTER (tile_key (zoom, x, y)));
}

gboolean
atlas_basemap_source_get_surfaces (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), FALSE);

  return self->surfaces;
}

void
atlas_basemap_source_set_surfaces (AtlasBasemapSource *self,
                                   gboolean            surfaces)
{
  g_return_if_fail (ATLAS_IS_BASEMAP_SOURCE (self));

  surfaces = !!surfaces;
  if (self->surfaces == surfaces)
    return;

  self->surfaces = surfaces;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SURFACES]);
}
