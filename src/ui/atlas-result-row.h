/* atlas-result-row.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-result-item.h"

G_BEGIN_DECLS

/* One row of the results list: the title (words of the search highlighted),
 * the lead organisation, the countries or "Global", the status and the
 * SDG colours.  Rows are recycled: the list view hands them one item after
 * another. */

#define ATLAS_TYPE_RESULT_ROW (atlas_result_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasResultRow, atlas_result_row, ATLAS, RESULT_ROW, GtkWidget)

GtkWidget       *atlas_result_row_new       (void);
AtlasResultItem *atlas_result_row_get_item  (AtlasResultRow  *self);
void             atlas_result_row_set_item  (AtlasResultRow  *self,
                                             AtlasResultItem *item);
/* How many SDG dots the row draws (those that fit its width). */
guint            atlas_result_row_get_n_dots (AtlasResultRow *self);

/* "Kenya, Ghana, Nigeria + 4 more", or "Global" when there is none. */
char            *atlas_result_row_format_countries (GPtrArray *countries);

G_END_DECLS
