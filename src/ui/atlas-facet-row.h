/* atlas-facet-row.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-facet-value.h"

G_BEGIN_DECLS

/* One value of a filter: a check button with the value's name, and at the
 * end how many initiatives a click would give (dimmed at zero, still
 * clickable).  Shows an AtlasFacetValue and follows its "count" and
 * "active" in place.  "toggled" is emitted when the user changes the check
 * button, never when the value's "active" moves it. */

#define ATLAS_TYPE_FACET_ROW (atlas_facet_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFacetRow, atlas_facet_row, ATLAS, FACET_ROW, GtkWidget)

AtlasFacetRow   *atlas_facet_row_new        (void);
AtlasFacetValue *atlas_facet_row_get_value  (AtlasFacetRow   *self);
void             atlas_facet_row_set_value  (AtlasFacetRow   *self,
                                             AtlasFacetValue *value);
void             atlas_facet_row_reserve_count (guint         largest);

/* "SDG 4: Quality Education, 12 initiatives": a value and its count, as the
 * accessible name of a control. */
char            *atlas_facet_format_accessible_name (const char *name,
                                                     guint       count);

G_END_DECLS
