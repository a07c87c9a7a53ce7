/* atlas-basemap-source.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "atlas-image-paintable.h"

G_BEGIN_DECLS

/* A map source that needs no network: it draws each 256-pixel Web Mercator
 * tile (zoom 0 to 10) from the built-in country shapes (atlas-basemap.h) in
 * a worker thread: ocean, land, borders and, from zoom 4, coastlines.  The
 * palette is calm enough for a choropleth to be drawn over it; "dark"
 * selects the one for the dark style.  The id differs between the two, so
 * cached tiles of one are never shown for the other.
 *
 * The map widget should use the ocean colour as its background: the tiles
 * leave faint seams between them. */

#define ATLAS_TYPE_BASEMAP_SOURCE (atlas_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (AtlasBasemapSource, atlas_basemap_source, ATLAS, BASEMAP_SOURCE,
                      ShumateMapSource)

AtlasBasemapSource *atlas_basemap_source_new             (gboolean            dark);
gboolean            atlas_basemap_source_get_dark        (AtlasBasemapSource *self);
void                atlas_basemap_source_get_ocean_color (AtlasBasemapSource *self,
                                                          GdkRGBA            *color);
/* Tiles as cairo surfaces rather than textures: for a map drawn by the
 * cairo renderer (atlas_image_paintable_prefers_surface ()). */
gboolean            atlas_basemap_source_get_surfaces    (AtlasBasemapSource *self);
void                atlas_basemap_source_set_surfaces    (AtlasBasemapSource *self,
                                                          gboolean            surfaces);

/* One of the last tiles it drew as a surface, NULL when it has none for
 * (@zoom, @x, @y): a layer over the map may draw its own tiles over a copy
 * of it, opaque, and spare the window drawing both. */
AtlasImagePaintable *atlas_basemap_source_lookup_tile    (AtlasBasemapSource *self,
                                                          guint               zoom,
                                                          guint               x,
                                                          guint               y);

G_END_DECLS
