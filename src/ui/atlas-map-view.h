/* atlas-map-view.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "atlas-core.h"
#include "atlas-initiative-layer.h"

G_BEGIN_DECLS

/* The world map of the main window: the basemap (offline country shapes,
 * light or dark with the style, or OpenStreetMap as the settings say), the
 * query's result drawn by an AtlasInitiativeLayer, the selected initiative
 * as a marker, and controls that all have names: zoom, the whole world, a
 * list of the countries on the map, the count of initiatives that name no
 * country, a legend.
 *
 * Clicking a country (its shape or its bubble) toggles it in the query's
 * country filter, a cluster zooms in on it, a point selects its initiative.
 * With the map focused, the arrow keys pan, plus and minus zoom and Home
 * shows the whole world.  The position is saved to the settings half a
 * second after the last move and restored at construction.  The world never
 * repeats vertically (the smallest zoom fits it to the map's height) and
 * north stays up: the layers draw unrotated, so the rotation the map's
 * two-finger gesture sets is undone at once.
 *
 * Initiatives that name no country have no place on the map and no filter
 * value; the "Global" button counts them and, pressed, explains that they
 * are in the list only: it changes no filter.
 *
 * Actions (group "map"): zoom-in, zoom-out, home, pan ((ii): -1, 0 or 1 in
 * each direction), use-offline-map. */

#define ATLAS_TYPE_MAP_VIEW (atlas_map_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasMapView, atlas_map_view, ATLAS, MAP_VIEW, GtkWidget)

GtkWidget            *atlas_map_view_new                (AtlasContext *context);
AtlasContext         *atlas_map_view_get_context        (AtlasMapView *self);

/* The parts, for the window and for tests. */
ShumateMap           *atlas_map_view_get_map            (AtlasMapView *self);
ShumateViewport      *atlas_map_view_get_viewport       (AtlasMapView *self);
AtlasInitiativeLayer *atlas_map_view_get_layer          (AtlasMapView *self);
/* The marker of the selected initiative, NULL when none is shown. */
ShumateMarker        *atlas_map_view_get_marker         (AtlasMapView *self);
/* TRUE while the view says that the network map could not be loaded. */
gboolean              atlas_map_view_get_banner_visible (AtlasMapView *self);

/* Shows the whole world. */
void                  atlas_map_view_go_home            (AtlasMapView *self);

/* What a click at (@x, @y) of the map does (see above); FALSE when there
 * is nothing to do there. */
gboolean              atlas_map_view_activate_at        (AtlasMapView *self,
                                                         double        x,
                                                         double        y);
/* What the tooltip says at (@x, @y) of the map, or NULL. */
char                 *atlas_map_view_describe_at        (AtlasMapView *self,
                                                         double        x,
                                                         double        y);

G_END_DECLS
