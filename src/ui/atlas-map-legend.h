/* atlas-map-legend.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-initiative-layer.h"

G_BEGIN_DECLS

/* The key to the map: the colour classes of the choropleth with the counts
 * each covers, and what the bubbles and points stand for. */

#define ATLAS_TYPE_MAP_LEGEND (atlas_map_legend_get_type ())

G_DECLARE_FINAL_TYPE (AtlasMapLegend, atlas_map_legend, ATLAS, MAP_LEGEND, GtkWidget)

GtkWidget *atlas_map_legend_new          (void);
/* Reads the classes and colours of @layer again. */
void       atlas_map_legend_update       (AtlasMapLegend       *self,
                                          AtlasInitiativeLayer *layer);
gboolean   atlas_map_legend_get_expanded (AtlasMapLegend       *self);
void       atlas_map_legend_set_expanded (AtlasMapLegend       *self,
                                          gboolean              expanded);
/* The text of a class row, for tests: "1–5 initiatives". */
const char *atlas_map_legend_get_row_text (AtlasMapLegend       *self,
                                          guint                 index);

G_END_DECLS
