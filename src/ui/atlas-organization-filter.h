/* atlas-organization-filter.h
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

/* The organisations present in the data: a search field (case and accents
 * ignored), then the organisations sorted by how many initiatives a click
 * would give, then by name; the first ten, those selected, and a "Show all"
 * button for the rest (a list that scrolls, with rows made only for what is
 * on screen).  Call atlas_organization_filter_refresh() after the values'
 * active states changed, atlas_organization_filter_queue_refresh() after
 * their counts did (the order follows after the next frame).  "toggled" (AtlasFacetValue *value) is
 * emitted when the user checks or unchecks an organisation. */

#define ATLAS_TYPE_ORGANIZATION_FILTER (atlas_organization_filter_get_type ())

G_DECLARE_FINAL_TYPE (AtlasOrganizationFilter, atlas_organization_filter,
                      ATLAS, ORGANIZATION_FILTER, GtkWidget)

AtlasOrganizationFilter *atlas_organization_filter_new        (void);
/* @values: AtlasFacetValue of the organization facet. */
void                     atlas_organization_filter_set_values (AtlasOrganizationFilter *self,
                                                               GPtrArray               *values);
void                     atlas_organization_filter_refresh    (AtlasOrganizationFilter *self);
void                     atlas_organization_filter_queue_refresh (AtlasOrganizationFilter *self);
AtlasFacetList          *atlas_organization_filter_get_list   (AtlasOrganizationFilter *self);

G_END_DECLS
