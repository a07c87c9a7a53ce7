/* atlas-region-filter.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-facet-list.h"
#include "atlas-facet-value.h"

G_BEGIN_DECLS

/* Regions and countries: the UN M49 tree (continents, sub-regions,
 * intermediate regions, then countries; the World left out), expandable,
 * with a field that narrows the countries by name (case and accents
 * ignored) to a flat list.  Names sort by the collation of the user's
 * language.  "toggled" (AtlasFacetValue *value) is emitted when the user
 * checks or unchecks a region or a country. */

#define ATLAS_TYPE_REGION_FILTER (atlas_region_filter_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRegionFilter, atlas_region_filter, ATLAS, REGION_FILTER, GtkWidget)

AtlasRegionFilter *atlas_region_filter_new        (void);
/* @regions: AtlasFacetValue of the region facet (M49 codes "002"),
 * @countries: of the country facet (alpha-2 codes).  Gives the regions
 * their children. */
void               atlas_region_filter_set_values (AtlasRegionFilter *self,
                                                   GPtrArray         *regions,
                                                   GPtrArray         *countries);
/* The list on show: the tree, or the countries that match the filter. */
AtlasFacetList    *atlas_region_filter_get_list   (AtlasRegionFilter *self);

G_END_DECLS
