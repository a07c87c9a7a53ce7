/* atlas-basemap.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The world's country shapes (Natural Earth, public domain, at 1:110m and
 * 1:50m), pre-projected to Web Mercator by build-aux/basemap-convert (whose
 * header describes the binary layout) and mapped zero-copy from the
 * basemap GResource.  Immutable once loaded: safe to use from any thread.
 *
 * Countries are designated by their ISO 3166-1 numeric code; the few shapes
 * that have none use the private codes below.
 *
 * Drawing functions take the Web Mercator world as a square of
 * @world_size_px pixels whose top-left corner (180°W, 85.0511°N) is at
 * (@offset_x, @offset_y) in the cairo context's user space, and append only
 * what intersects the context's clip (cairo_clip_extents()), including every
 * copy of the world left and right of the first one that is visible.
 * Exterior rings are clockwise on screen and holes counter-clockwise, so
 * either fill rule works.  Shapes come from the 1:110m level at @zoom <= 2
 * and from the 1:50m level above. */

#define ATLAS_TYPE_BASEMAP (atlas_basemap_get_type ())

G_DECLARE_FINAL_TYPE (AtlasBasemap, atlas_basemap, ATLAS, BASEMAP, GObject)

#define ATLAS_BASEMAP_ERROR (atlas_basemap_error_quark ())

typedef enum
{
  ATLAS_BASEMAP_ERROR_INVALID,          /* a blob breaks the documented layout */
} AtlasBasemapError;

/* Codes of shapes without an ISO 3166-1 numeric code, from the range ISO
 * leaves to private use.  (The vocabulary has Kosovo as "XK", numeric 0.) */
typedef enum
{
  ATLAS_BASEMAP_KOSOVO                   = 901,
  ATLAS_BASEMAP_NORTHERN_CYPRUS          = 902,
  ATLAS_BASEMAP_SOMALILAND               = 903,
  ATLAS_BASEMAP_INDIAN_OCEAN_TERRITORIES = 904, /* Christmas and Cocos Islands, 1:50m only */
  ATLAS_BASEMAP_SIACHEN_GLACIER          = 905, /* 1:50m only */
} AtlasBasemapPrivateCode;

typedef enum
{
  ATLAS_BASEMAP_COASTLINES = 1,
  ATLAS_BASEMAP_BORDERS    = 2,         /* each land border once */
} AtlasBasemapLines;

GQuark        atlas_basemap_error_quark          (void);

/* The built-in basemap (transfer none).  Should the built-in data be
 * damaged, a critical warning is logged and an empty basemap returned. */
AtlasBasemap *atlas_basemap_get_default          (void);

/* A basemap over two blobs in the converter's layout, which must stay
 * unchanged while it lives.  Fails with ATLAS_BASEMAP_ERROR_INVALID when
 * either breaks the layout. */
AtlasBasemap *atlas_basemap_new_from_bytes       (GBytes         *level_110m,
                                                  GBytes         *level_50m,
                                                  GError        **error);

/* The code of the country at this point (1:50m shapes), or 0 at sea. */
guint16       atlas_basemap_country_at           (AtlasBasemap   *self,
                                                  double          latitude,
                                                  double          longitude);

/* Appends the country's polygons to the current path (from the 1:50m level
 * at any zoom for the small states that 1:110m leaves out): FALSE when
 * there is no country with that code. */
gboolean      atlas_basemap_append_country_path  (AtlasBasemap   *self,
                                                  cairo_t        *cr,
                                                  guint16         numeric,
                                                  double          zoom,
                                                  double          world_size_px,
                                                  double          offset_x,
                                                  double          offset_y);

/* Appends every country's polygons: the land. */
void          atlas_basemap_append_land_path     (AtlasBasemap   *self,
                                                  cairo_t        *cr,
                                                  double          zoom,
                                                  double          world_size_px,
                                                  double          offset_x,
                                                  double          offset_y);

/* Appends coastlines or borders as open lines to stroke (culled with a
 * margin of the context's line width). */
void          atlas_basemap_append_lines         (AtlasBasemap   *self,
                                                  cairo_t        *cr,
                                                  AtlasBasemapLines kind,
                                                  double          zoom,
                                                  double          world_size_px,
                                                  double          offset_x,
                                                  double          offset_y);

/* The bounds, in degrees, of the country's main area: its largest polygon
 * and the polygons near it (far overseas territories are left out).  @west
 * is in [-180, 180) and @east > @west may exceed 180 when the area crosses
 * the antimeridian.  FALSE when there is no country with that code. */
gboolean      atlas_basemap_get_country_bounds   (AtlasBasemap   *self,
                                                  guint16         numeric,
                                                  double         *north,
                                                  double         *south,
                                                  double         *west,
                                                  double         *east);

G_END_DECLS
