/* atlas-image-paintable.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* An image drawn once with cairo (a map tile, a mark), kept in the form the
 * window's renderer draws fastest.
 *
 * GTK 4.8's cairo renderer converts every texture of the window, whole, on
 * every frame that changes anything in it: at 256 pixels, 0.1 ms for a tile
 * of three bytes a pixel, 0.3 ms with straight alpha, 0.7 ms in cairo's own
 * format, which made a third of a frame for the map's tiles and marks.  A
 * cairo node painting a kept image surface costs only the pixels it covers
 * in what is redrawn.  The GL renderers keep a texture on the graphics card
 * instead, and would upload a cairo node on every frame: for them the image
 * becomes a texture once.  atlas_image_paintable_prefers_surface () tells
 * which a widget's window wants. */

#define ATLAS_TYPE_IMAGE_PAINTABLE (atlas_image_paintable_get_type ())

G_DECLARE_FINAL_TYPE (AtlasImagePaintable, atlas_image_paintable, ATLAS, IMAGE_PAINTABLE, GObject)

/* @surface: an image surface (CAIRO_FORMAT_ARGB32) at @scale device pixels
 * per unit, finished drawing.  NULL when it is wholly transparent. */
AtlasImagePaintable *atlas_image_paintable_new       (cairo_surface_t     *surface,
                                                      int                  scale,
                                                      gboolean             as_surface);
/* The same, for a caller that knows that some pixel of @surface is not
 * transparent, and whether every pixel is opaque: no pass over the pixels
 * to find out. */
AtlasImagePaintable *atlas_image_paintable_new_known (cairo_surface_t     *surface,
                                                      int                  scale,
                                                      gboolean             as_surface,
                                                      gboolean             opaque);
/* Draws @self into @rect of @snapshot. */
void                 atlas_image_paintable_append    (AtlasImagePaintable   *self,
                                                      GtkSnapshot           *snapshot,
                                                      const graphene_rect_t *rect);
/* The memory it holds, in bytes. */
gsize                atlas_image_paintable_get_size  (AtlasImagePaintable *self);
gboolean             atlas_image_paintable_is_surface (AtlasImagePaintable *self);
/* The image surface it draws, NULL when it holds a texture. */
cairo_surface_t     *atlas_image_paintable_get_surface (AtlasImagePaintable *self);

/* TRUE when @widget is drawn by the cairo renderer (FALSE while unrealized). */
gboolean             atlas_image_paintable_prefers_surface (GtkWidget     *widget);

G_END_DECLS
