/* atlas-filter-sidebar.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-context.h"
#include "atlas-facet-section.h"

G_BEGIN_DECLS

/* The filter sidebar: one collapsible section per filter (GDC objectives,
 * digital priorities, WSIS Action Lines, SDGs, regions and countries,
 * organisation types, organisations, status, start year, sources), each
 * value with how many initiatives a click would give under the rest of the
 * query.  Checking a value changes the context's query; a query changed
 * anywhere else (a chip, the map, a restored session) shows here.  Counts
 * follow every new result in place, without rebuilding rows. */

#define ATLAS_TYPE_FILTER_SIDEBAR (atlas_filter_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFilterSidebar, atlas_filter_sidebar, ATLAS, FILTER_SIDEBAR, GtkWidget)

/* The sections, in the order they are shown. */
typedef enum
{
  ATLAS_FILTER_SECTION_GDC = 0,
  ATLAS_FILTER_SECTION_PRIORITY,
  ATLAS_FILTER_SECTION_WSIS,
  ATLAS_FILTER_SECTION_SDG,
  ATLAS_FILTER_SECTION_REGION,
  ATLAS_FILTER_SECTION_ORG_TYPE,
  ATLAS_FILTER_SECTION_ORGANIZATION,
  ATLAS_FILTER_SECTION_STATUS,
  ATLAS_FILTER_SECTION_YEAR,
  ATLAS_FILTER_SECTION_SOURCE,
  ATLAS_N_FILTER_SECTIONS
} AtlasFilterSection;

AtlasFilterSidebar *atlas_filter_sidebar_new         (AtlasContext       *context);
AtlasContext       *atlas_filter_sidebar_get_context (AtlasFilterSidebar *self);
AtlasFacetSection  *atlas_filter_sidebar_get_section (AtlasFilterSidebar *self,
                                                      AtlasFilterSection  section);

G_END_DECLS
