/* atlas-image-paintable.c
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

#define G_LOG_DOMAIN "atlas-image-paintable"

#include "config.h"

#include "atlas-image-paintable.h"

/* Straight alpha in the byte order of cairo's ARGB32. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
#define STRAIGHT_FORMAT GDK_MEMORY_B8G8R8A8
#else
#define STRAIGHT_FORMAT GDK_MEMORY_A8R8G8B8
#endif

struct _AtlasImagePaintable
{
  GObject          parent_instance;

  /* One of the two. */
  cairo_surface_t *surface;
  GdkTexture      *texture;

  int              width;         /* in units, not device pixels */
  int              height;
  int              scale;
  gsize            size;
};

static void atlas_image_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasImagePaintable, atlas_image_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      atlas_image_paintable_paintable_init))

/* The surface reaches cairo through a raster source pattern, not as a
 * surface pattern.  A render node records its drawing, and cairo records a
 * surface pattern as a "snapshot" that the surface keeps for its whole
 * life: when the surface is freed, cairo copies every pixel of it for the
 * snapshot, whether a node still needs them or not (a map tile a click
 * replaces: a quarter megabyte copied for nothing).  A raster source
 * holds a reference to the surface instead, and each recorded copy of it
 * one more, so the pixels live as long as a node that shows them and are
 * never copied. */

static cairo_surface_t *
raster_acquire_cb (cairo_pattern_t             *pattern,
                   void                        *surface,
                   cairo_surface_t             *target,
                   const cairo_rectangle_int_t *extents)
{
  return cairo_surface_reference (surface);
}

static void
raster_release_cb (cairo_pattern_t *pattern,
                   void            *data,
                   cairo_surface_t *surface)
{
  cairo_surface_destroy (surface);
}

static cairo_status_t
raster_copy_cb (cairo_pattern_t       *pattern,
                void                  *surface,
                const cairo_pattern_t *other)
{
  cairo_surface_reference (surface);

  return CAIRO_STATUS_SUCCESS;
}

static void
raster_finish_cb (cairo_pattern_t *pattern,
                  void            *surface)
{
  cairo_surface_destroy (surface);
}

static cairo_pattern_t *
create_source (cairo_surface_t *surface)
{
  cairo_pattern_t *pattern;

  pattern = cairo_pattern_create_raster_source (cairo_surface_reference (surface),
                                                cairo_surface_get_content (surface),
                                                cairo_image_surface_get_width (surface),
                                                cairo_image_surface_get_height (surface));
  cairo_raster_source_pattern_set_acquire (pattern, raster_acquire_cb, raster_release_cb);
  cairo_raster_source_pattern_set_copy (pattern, raster_copy_cb);
  cairo_raster_source_pattern_set_finish (pattern, raster_finish_cb);

  return pattern;
}

static void
atlas_image_paintable_snapshot (GdkPaintable *paintable,
                                GdkSnapshot  *snapshot,
                                double        width,
                                double        height)
{
  AtlasImagePaintable *self = ATLAS_IMAGE_PAINTABLE (paintable);
  cairo_pattern_t *source;
  cairo_t *cr;

  if (self->texture != NULL)
    {
      gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
      return;
    }

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / (self->width * self->scale), height / (self->height * self->scale));
  source = create_source (self->surface);
  /* Placed on whole pixels, as a texture would be; stretched only while
   * the map zooms. */
  if (width == self->width && height == self->height)
    cairo_pattern_set_filter (source, CAIRO_FILTER_FAST);
  cairo_set_source (cr, source);
  cairo_paint (cr);
  cairo_pattern_destroy (source);
  cairo_destroy (cr);
}

static int
atlas_image_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return ATLAS_IMAGE_PAINTABLE (paintable)->width;
}

static int
atlas_image_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return ATLAS_IMAGE_PAINTABLE (paintable)->height;
}

static GdkPaintableFlags
atlas_image_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
atlas_image_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = atlas_image_paintable_snapshot;
  iface->get_intrinsic_width = atlas_image_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = atlas_image_paintable_get_intrinsic_height;
  iface->get_flags = atlas_image_paintable_get_flags;
}

static void
atlas_image_paintable_finalize (GObject *object)
{
  AtlasImagePaintable *self = ATLAS_IMAGE_PAINTABLE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (atlas_image_paintable_parent_class)->finalize (object);
}

static void
atlas_image_paintable_class_init (AtlasImagePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_image_paintable_finalize;
}

static void
atlas_image_paintable_init (AtlasImagePaintable *self)
{
}

/* An opaque image as cairo's format without alpha, on the same pixels:
 * cairo then copies it rather than blending it. */
static cairo_surface_t *
make_opaque_surface (cairo_surface_t *surface)
{
  static const cairo_user_data_key_t key;
  cairo_surface_t *opaque;

  opaque = cairo_image_surface_create_for_data (cairo_image_surface_get_data (surface),
                                                CAIRO_FORMAT_RGB24,
                                                cairo_image_surface_get_width (surface),
                                                cairo_image_surface_get_height (surface),
                                                cairo_image_surface_get_stride (surface));
  cairo_surface_set_user_data (opaque, &key, cairo_surface_reference (surface),
                               (cairo_destroy_func_t) cairo_surface_destroy);

  return opaque;
}

/* The texture GDK 4.8 converts fastest: three bytes a pixel when they are
 * all opaque (some five times as fast as cairo's own format), straight
 * alpha otherwise (about twice as fast). */
static GdkTexture *
make_texture (cairo_surface_t *surface,
              gboolean         opaque,
              gsize           *size)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(GBytes) pixels = NULL;

  if (opaque)
    {
      gsize packed_stride = (gsize) width * 3;
      guchar *packed = g_malloc (packed_stride * height);

      for (int y = 0; y < height; y++)
        {
          const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
          guchar *out = packed + packed_stride * y;

          for (int x = 0; x < width; x++, out += 3)
            {
              out[0] = (row[x] >> 16) & 0xff;
              out[1] = (row[x] >> 8) & 0xff;
              out[2] = row[x] & 0xff;
            }
        }

      *size = packed_stride * height;
      pixels = g_bytes_new_take (packed, *size);
      return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, pixels, packed_stride);
    }

  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 pixel = row[x];
          guint32 alpha = pixel >> 24;

          if (alpha == 0 || alpha == 255)
            continue;

          row[x] = (alpha << 24) |
                   MIN (255u, (((pixel >> 16) & 0xff) * 255 + alpha / 2) / alpha) << 16 |
                   MIN (255u, (((pixel >> 8) & 0xff) * 255 + alpha / 2) / alpha) << 8 |
                   MIN (255u, ((pixel & 0xff) * 255 + alpha / 2) / alpha);
        }
    }

  *size = (gsize) stride * height;
  pixels = g_bytes_new_with_free_func (data, *size, (GDestroyNotify) cairo_surface_destroy,
                                       cairo_surface_reference (surface));
  return gdk_memory_texture_new (width, height, STRAIGHT_FORMAT, pixels, stride);
}

/* What both constructors ask of their arguments. */
static gboolean
check_surface (cairo_surface_t *surface,
               int              scale)
{
  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);

  return TRUE;
}

/* The image of @surface, flushed, once its arguments are checked. */
static AtlasImagePaintable *
create (cairo_surface_t *surface,
        int              scale,
        gboolean         as_surface,
        gboolean         opaque)
{
  AtlasImagePaintable *self = g_object_new (ATLAS_TYPE_IMAGE_PAINTABLE, NULL);
  int height = cairo_image_surface_get_height (surface);

  self->scale = scale;
  self->width = cairo_image_surface_get_width (surface) / scale;
  self->height = height / scale;

  if (as_surface)
    {
      self->surface = opaque ? make_opaque_surface (surface) : cairo_surface_reference (surface);
      self->size = (gsize) cairo_image_surface_get_stride (surface) * height;
    }
  else
    {
      self->texture = make_texture (surface, opaque, &self->size);
    }

  return self;
}

/**
 * atlas_image_paintable_new:
 * @surface: an image surface of cairo's ARGB32 format
 * @scale: device pixels per unit
 * @as_surface: keep the surface (for the cairo renderer), rather than make
 *   a texture of it
 *
 * May be called from any thread.  @surface is not to be drawn on after.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL when every pixel
 *   of it is transparent.
 */
AtlasImagePaintable *
atlas_image_paintable_new (cairo_surface_t *surface,
                           int              scale,
                           gboolean         as_surface)
{
  guchar *data;
  int stride, width, height;
  guint32 any = 0, all = 0xff;

  if (!check_surface (surface, scale))
    return NULL;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          any |= row[x] >> 24;
          all &= row[x] >> 24;
        }
    }

  if (any == 0)
    return NULL;

  return create (surface, scale, as_surface, all == 0xff);
}

/**
 * atlas_image_paintable_new_known:
 * @surface: an image surface of cairo's ARGB32 format, with some pixel
 *   that is not transparent
 * @scale: device pixels per unit
 * @as_surface: keep the surface (for the cairo renderer), rather than make
 *   a texture of it
 * @opaque: whether every pixel of @surface is opaque
 *
 * As atlas_image_paintable_new (), when the caller knows what it would
 * find out from @surface's pixels.
 *
 * Returns: (transfer full): the image
 */
AtlasImagePaintable *
atlas_image_paintable_new_known (cairo_surface_t *surface,
                                 int              scale,
                                 gboolean         as_surface,
                                 gboolean         opaque)
{
  if (!check_surface (surface, scale))
    return NULL;

  cairo_surface_flush (surface);

  return create (surface, scale, as_surface, opaque);
}

gsize
atlas_image_paintable_get_size (AtlasImagePaintable *self)
{
  g_return_val_if_fail (ATLAS_IS_IMAGE_PAINTABLE (self), 0);

  return self->size;
}

void
atlas_image_paintable_append (AtlasImagePaintable   *self,
                              GtkSnapshot           *snapshot,
                              const graphene_rect_t *rect)
{
  g_return_if_fail (ATLAS_IS_IMAGE_PAINTABLE (self));
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (rect != NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &rect->origin);
  gdk_paintable_snapshot (GDK_PAINTABLE (self), snapshot, rect->size.width, rect->size.height);
  gtk_snapshot_restore (snapshot);
}

gboolean
atlas_image_paintable_is_surface (AtlasImagePaintable *self)
{
  g_return_val_if_fail (ATLAS_IS_IMAGE_PAINTABLE (self), FALSE);

  return self->surface != NULL;
}

cairo_surface_t *
atlas_image_paintable_get_surface (AtlasImagePaintable *self)
{
  g_return_val_if_fail (ATLAS_IS_IMAGE_PAINTABLE (self), NULL);

  return self->surface;
}

gboolean
atlas_image_paintable_prefers_surface (GtkWidget *widget)
{
  GtkNative *native;
  GskRenderer *renderer;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}
