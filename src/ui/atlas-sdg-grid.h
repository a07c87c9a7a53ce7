/* atlas-sdg-grid.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-facet-value.h"

G_BEGIN_DECLS

/* The seventeen Sustainable Development Goals as tiles in their official
 * colours: the number in big type, the name below, the count at the top.
 * Each tile is a toggle button ("SDG 4: Quality Education, 12 initiatives");
 * the grid is one stop for Tab, the arrow keys (and Home, End) move between
 * tiles, Space and Enter toggle.  The text is white where white is legible
 * on the colour (a contrast of 4.5:1) and near-black elsewhere.
 * "toggled" (AtlasFacetValue *value) is emitted when the user toggles a
 * tile. */

#define ATLAS_TYPE_SDG_GRID (atlas_sdg_grid_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSdgGrid, atlas_sdg_grid, ATLAS, SDG_GRID, GtkWidget)

AtlasSdgGrid *atlas_sdg_grid_new        (void);
/* @values: the AtlasFacetValue of each goal, in order. */
void          atlas_sdg_grid_set_values (AtlasSdgGrid *self,
                                         GPtrArray    *values);
/* The tile of a goal ("4"), or NULL. */
GtkWidget    *atlas_sdg_grid_get_tile   (AtlasSdgGrid *self,
                                         const char   *value);
/* The count shown on a goal's tile, or NULL. */
const char   *atlas_sdg_grid_get_count_text (AtlasSdgGrid *self,
                                             const char   *value);

/* Makes room on every tile for a count as large as @largest. */
void          atlas_sdg_grid_reserve_count (AtlasSdgGrid *self,
                                            guint         largest);

/* WCAG contrast ratio of two colours (1 to 21). */
double        atlas_sdg_grid_contrast   (const GdkRGBA *a,
                                         const GdkRGBA *b);

G_END_DECLS
