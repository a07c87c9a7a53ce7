/* atlas-facet-value.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* One value a filter can take ("SDG 4", "Kenya", an organisation), as the
 * item the sidebar's lists show: what it is in the query (facet and value
 * string), how it reads (name, an optional code such as "C7", the full
 * name for tooltips), and the two things that change while the user works:
 * how many initiatives a click would give ("count") and whether the query
 * has it ("active").  Both notify only when they change, so that rows update
 * in place.  A value may have children (C7's sub-lines, a region's
 * sub-regions and countries). */

#define ATLAS_TYPE_FACET_VALUE (atlas_facet_value_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFacetValue, atlas_facet_value, ATLAS, FACET_VALUE, GObject)

AtlasFacetValue *atlas_facet_value_new            (AtlasFacet        facet,
                                                   const char       *value,
                                                   const char       *name);
AtlasFacet       atlas_facet_value_get_facet      (AtlasFacetValue  *self);
const char      *atlas_facet_value_get_value      (AtlasFacetValue  *self);
/* The name shown (short when the vocabulary has a short name). */
const char      *atlas_facet_value_get_name       (AtlasFacetValue  *self);
/* The whole name, for the tooltip and the accessible description; NULL
 * when the shown name is already whole. */
const char      *atlas_facet_value_get_full_name  (AtlasFacetValue  *self);
void             atlas_facet_value_set_full_name  (AtlasFacetValue  *self,
                                                   const char       *full_name);
/* A short code shown before the name ("C7", "3"), or NULL. */
const char      *atlas_facet_value_get_code       (AtlasFacetValue  *self);
void             atlas_facet_value_set_code       (AtlasFacetValue  *self,
                                                   const char       *code);
/* The name folded for filtering (atlas_text_fold), and a key that sorts
 * names by the collation of the user's language. */
const char      *atlas_facet_value_get_folded     (AtlasFacetValue  *self);
const char      *atlas_facet_value_get_sort_key   (AtlasFacetValue  *self);

/* Where the value sits among atlas_index_get_value() of the current index,
 * or -1 when the index does not know it. */
int              atlas_facet_value_get_position   (AtlasFacetValue  *self);
void             atlas_facet_value_set_position   (AtlasFacetValue  *self,
                                                   int               position);

guint            atlas_facet_value_get_count      (AtlasFacetValue  *self);
void             atlas_facet_value_set_count      (AtlasFacetValue  *self,
                                                   guint             count);
gboolean         atlas_facet_value_get_active     (AtlasFacetValue  *self);
void             atlas_facet_value_set_active     (AtlasFacetValue  *self,
                                                   gboolean          active);

/* The children (a GListModel of AtlasFacetValue), or NULL. */
GListModel      *atlas_facet_value_get_children   (AtlasFacetValue  *self);
void             atlas_facet_value_set_children   (AtlasFacetValue  *self,
                                                   GListModel       *children);

/* Orders values by their sort keys. */
int              atlas_facet_value_compare_names  (AtlasFacetValue  *a,
                                                   AtlasFacetValue  *b);

G_END_DECLS
