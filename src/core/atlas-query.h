/* atlas-query.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* One query: text search plus facets, a start-year range and a sort order.
 * The map, the list, the facet counts and the export all read the same
 * object.  Values inside a facet are ORed, facets are ANDed.
 *
 * Facet values are the stable identifiers of atlas-enums.h and the
 * vocabularies:
 *   gdc "1".."5", sdg "1".."17", wsis "C1".."C11" and "C7.e-health" etc.,
 *   priority "ai-governance" etc., region M49 code "002", country "KE",
 *   org-type "un-entity" etc., status "ongoing" etc., organization and
 *   source the store's rowid as a decimal string.
 *
 * "changed" is emitted once per modification (or once per
 * atlas_query_freeze/thaw pair). */

#define ATLAS_TYPE_QUERY (atlas_query_get_type ())

G_DECLARE_FINAL_TYPE (AtlasQuery, atlas_query, ATLAS, QUERY, GObject)

AtlasQuery   *atlas_query_new               (void);
AtlasQuery   *atlas_query_copy              (AtlasQuery    *self);
gboolean      atlas_query_equal             (AtlasQuery    *a,
                                             AtlasQuery    *b);
void          atlas_query_freeze            (AtlasQuery    *self);
void          atlas_query_thaw              (AtlasQuery    *self);

const char   *atlas_query_get_text          (AtlasQuery    *self);
void          atlas_query_set_text          (AtlasQuery    *self,
                                             const char    *text);
AtlasSort     atlas_query_get_sort          (AtlasQuery    *self);
void          atlas_query_set_sort          (AtlasQuery    *self,
                                             AtlasSort      sort);
/* 0 means no bound.  Initiatives without a start date do not match a range. */
void          atlas_query_get_year_range    (AtlasQuery    *self,
                                             int           *min_year,
                                             int           *max_year);
void          atlas_query_set_year_range    (AtlasQuery    *self,
                                             int            min_year,
                                             int            max_year);

void          atlas_query_add_value         (AtlasQuery    *self,
                                             AtlasFacet     facet,
                                             const char    *value);
void          atlas_query_remove_value      (AtlasQuery    *self,
                                             AtlasFacet     facet,
                                             const char    *value);
void          atlas_query_toggle_value      (AtlasQuery    *self,
                                             AtlasFacet     facet,
                                             const char    *value);
gboolean      atlas_query_has_value         (AtlasQuery    *self,
                                             AtlasFacet     facet,
                                             const char    *value);
/* The values of a facet, in the order they were added (borrowed). */
const char * const *atlas_query_get_values  (AtlasQuery    *self,
                                             AtlasFacet     facet,
                                             guint         *n_values);
void          atlas_query_clear_facet       (AtlasQuery    *self,
                                             AtlasFacet     facet);
/* Clears facets, the year range and the text; keeps the sort order. */
void          atlas_query_clear             (AtlasQuery    *self);
/* TRUE when nothing filters (no text, no facet value, no year range). */
gboolean      atlas_query_is_empty          (AtlasQuery    *self);

/* Serialisation, for GSettings (type "a{sv}") and for tests. */
GVariant     *atlas_query_to_variant        (AtlasQuery    *self);
AtlasQuery   *atlas_query_new_from_variant  (GVariant      *variant);

G_END_DECLS
