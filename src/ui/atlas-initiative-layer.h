/* atlas-initiative-layer.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "atlas-core.h"

G_BEGIN_DECLS

/* The one map layer that draws a query's result, all of it in snapshot():
 * a choropleth of the countries (shaded by how many matching initiatives
 * name each of them), from zoom 3 a bubble per country (clustered on
 * screen), and the initiatives that have a precise location as points
 * (clustered too).  Aggregates are computed when the result changes, and
 * clusters when the zoom changes; a frame only transforms, culls and draws.
 *
 * Hit tests answer from the geometry of the last frame drawn.  The layer
 * takes no clicks itself: a ShumateLayer lets them fall through to the map,
 * whose owner calls atlas_initiative_layer_pick(). */

#define ATLAS_TYPE_INITIATIVE_LAYER (atlas_initiative_layer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasInitiativeLayer, atlas_initiative_layer, ATLAS, INITIATIVE_LAYER,
                      ShumateLayer)

/* The number of colour classes of the choropleth, at most. */
#define ATLAS_INITIATIVE_LAYER_MAX_CLASSES 5

/* Zoom level from which country bubbles are drawn. */
#define ATLAS_INITIATIVE_LAYER_BUBBLE_ZOOM 3.0

typedef enum
{
  ATLAS_MAP_HIT_NONE = 0,
  ATLAS_MAP_HIT_COUNTRY,          /* a country's polygon or its own bubble */
  ATLAS_MAP_HIT_COUNTRY_CLUSTER,  /* a bubble standing for several countries */
  ATLAS_MAP_HIT_POINT,            /* one initiative with a precise location */
  ATLAS_MAP_HIT_POINT_CLUSTER,    /* several of them */
} AtlasMapHitKind;

typedef struct
{
  AtlasMapHitKind kind;
  int             country;     /* vocabulary index of the country, or -1 */
  gint64          rowid;       /* the initiative of a point, or 0 */
  guint           count;       /* initiatives there */
  guint           n_members;   /* countries or points a cluster groups, 1 otherwise */
  double          latitude;    /* the centre of the mark (of the pointer for a polygon) */
  double          longitude;
} AtlasMapHit;

AtlasInitiativeLayer *atlas_initiative_layer_new                (ShumateViewport      *viewport);

/* Recomputes the aggregates from @result (nullable: draws nothing). */
void                  atlas_initiative_layer_set_result         (AtlasInitiativeLayer *self,
                                                                 AtlasResult          *result);
AtlasResult          *atlas_initiative_layer_get_result         (AtlasInitiativeLayer *self);

/* The map's layer of the built-in basemap, under this one: where every
 * tile in sight is drawn over a copy of the basemap's pixels, that layer is
 * left undrawn (see atlas-initiative-layer.c). */
void                  atlas_initiative_layer_set_basemap_layer  (AtlasInitiativeLayer *self,
                                                                 GtkWidget            *layer);
gboolean              atlas_initiative_layer_get_basemap_hidden (AtlasInitiativeLayer *self);

/* The palette of the dark style. */
void                  atlas_initiative_layer_set_dark           (AtlasInitiativeLayer *self,
                                                                 gboolean              dark);
gboolean              atlas_initiative_layer_get_dark           (AtlasInitiativeLayer *self);

/* Countries outlined as selected (the query's country facet), by alpha-2
 * code; NULL-terminated or NULL. */
void                  atlas_initiative_layer_set_highlighted    (AtlasInitiativeLayer *self,
                                                                 const char * const   *alpha2);

/* Aggregates of the current result. */
guint                 atlas_initiative_layer_get_country_count  (AtlasInitiativeLayer *self,
                                                                 guint                 country);
guint                 atlas_initiative_layer_get_max_count      (AtlasInitiativeLayer *self);
guint                 atlas_initiative_layer_get_n_global       (AtlasInitiativeLayer *self);
/* Countries with a count, by decreasing count (vocabulary indexes). */
const guint          *atlas_initiative_layer_get_countries      (AtlasInitiativeLayer *self,
                                                                 guint                *n_countries);
/* Matching initiatives that have a precise location. */
guint                 atlas_initiative_layer_get_n_points       (AtlasInitiativeLayer *self);

/* The colour scale: class @index covers counts @min to @max. */
guint                 atlas_initiative_layer_get_n_classes      (AtlasInitiativeLayer *self);
void                  atlas_initiative_layer_get_class          (AtlasInitiativeLayer *self,
                                                                 guint                 index,
                                                                 guint                *min,
                                                                 guint                *max,
                                                                 GdkRGBA              *color);
/* The colours of the marks, for the legend. */
void                  atlas_initiative_layer_get_bubble_color   (AtlasInitiativeLayer *self,
                                                                 GdkRGBA              *color);
void                  atlas_initiative_layer_get_point_color    (AtlasInitiativeLayer *self,
                                                                 GdkRGBA              *color);

/* What is at (@x, @y), in the layer's coordinates, in the last frame: the
 * mark on top (bubbles lie over points), else the country's shape.  FALSE
 * when there is nothing (the sea, or no frame yet). */
gboolean              atlas_initiative_layer_pick               (AtlasInitiativeLayer *self,
                                                                 double                x,
                                                                 double                y,
                                                                 AtlasMapHit          *hit);

/* TRUE when the last frame showed everything: no tile was left to draw
 * (tiles are drawn a few at a time, see atlas-initiative-layer.c). */
gboolean              atlas_initiative_layer_get_complete       (AtlasInitiativeLayer *self);

/* How many tiles the layer has drawn since it was made, and how many of
 * them it shaded (the others drew their marks over shades they kept from
 * the last result), for tests. */
void                  atlas_initiative_layer_get_n_tiles_drawn  (AtlasInitiativeLayer *self,
                                                                 guint                *n_drawn,
                                                                 guint                *n_shaded);

/* The marks (bubbles and points) of the last frame, for tests and for
 * accessibility checks: their kind, centre and radius in layer coordinates. */
guint                 atlas_initiative_layer_get_n_marks        (AtlasInitiativeLayer *self);
void                  atlas_initiative_layer_get_mark           (AtlasInitiativeLayer *self,
                                                                 guint                 index,
                                                                 AtlasMapHit          *hit,
                                                                 double               *x,
                                                                 double               *y,
                                                                 double               *radius);

/* Basemap codes (atlas-basemap.h) of a vocabulary country: ISO 3166-1
 * numeric, and the private codes for the areas the vocabulary counts as part
 * of a country.  Returns how many were written to @codes (at most 2). */
guint                 atlas_initiative_layer_country_codes      (guint                 country,
                                                                 guint16              *codes);
/* The vocabulary country of a basemap code, or -1. */
int                   atlas_initiative_layer_country_from_code  (guint16               code);

G_END_DECLS
