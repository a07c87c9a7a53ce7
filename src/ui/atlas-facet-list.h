/* atlas-facet-list.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-facet-value.h"

G_BEGIN_DECLS

/* The values of a filter as a list of AtlasFacetRows, a tree when values
 * have children (expanders; Left and Right, or + and -, collapse and
 * expand).  One stop for Tab: the arrows move between rows, Space toggles.
 * Rows are made only for what is on screen, so a long list (organisations)
 * stays fast once it is given a maximum height to scroll within.
 * "toggled" (AtlasFacetValue *value) is emitted when the user checks or
 * unchecks a value. */

#define ATLAS_TYPE_FACET_LIST (atlas_facet_list_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFacetList, atlas_facet_list, ATLAS, FACET_LIST, GtkWidget)

AtlasFacetList *atlas_facet_list_new            (void);
/* @values: a GListModel of AtlasFacetValue, the top level; with @tree,
 * values with children can be expanded. */
void            atlas_facet_list_set_model      (AtlasFacetList  *self,
                                                 GListModel      *values,
                                                 gboolean         tree);
GListModel     *atlas_facet_list_get_model      (AtlasFacetList  *self);
/* Above @height pixels the list scrolls; -1 (the default) never. */
void            atlas_facet_list_set_max_height (AtlasFacetList  *self,
                                                 int              height);
/* The accessible name of the list. */
void            atlas_facet_list_set_label      (AtlasFacetList  *self,
                                                 const char      *label);
/* Expands or collapses a value that is shown and has children; FALSE when
 * it is not shown or has none. */
gboolean        atlas_facet_list_set_expanded   (AtlasFacetList  *self,
                                                 AtlasFacetValue *value,
                                                 gboolean         expanded);
/* The rows shown, as AtlasFacetValue in display order, with their depth
 * (0 top level) when @depths is not NULL (of guint). */
GPtrArray      *atlas_facet_list_list_shown     (AtlasFacetList  *self,
                                                 GArray          *depths);

G_END_DECLS
