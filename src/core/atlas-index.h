/* atlas-index.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-store.h"
#include "atlas-text-index.h"
#include "atlas-types.h"

G_BEGIN_DECLS

/* An in-memory index of every initiative's facets (bit masks, one small set
 * per record and facet), answering a query with its matching initiatives in
 * sort order, the count of each facet value under the rest of the query, and
 * the count per country, in about a millisecond at 100,000 initiatives.
 *
 * Built once (from the store, or row by row in tests), immutable afterwards
 * and safe to query from several threads at once.  Reference counted. */

AtlasIndex   *atlas_index_new                  (void);
void          atlas_index_add_row              (AtlasIndex           *self,
                                                const AtlasIndexRow  *row);
/* Ends building: after it, only queries. */
void          atlas_index_seal                 (AtlasIndex           *self);
/* Reads every row of the store (atlas_store_foreach_index_row) and seals. */
AtlasIndex   *atlas_index_load                 (AtlasStore           *store,
                                                GCancellable         *cancellable,
                                                GError              **error);
AtlasIndex   *atlas_index_ref                  (AtlasIndex           *self);
void          atlas_index_unref                (AtlasIndex           *self);

guint         atlas_index_get_n_initiatives    (AtlasIndex           *self);
/* The values a facet can take, as query value strings: for vocabulary
 * facets every term (also those no record has), for organization and source
 * the rowids present in the data.  Counts in AtlasResult are aligned with
 * these positions. */
guint         atlas_index_get_n_values         (AtlasIndex           *self,
                                                AtlasFacet            facet);
const char   *atlas_index_get_value            (AtlasIndex           *self,
                                                AtlasFacet            facet,
                                                guint                 position);
/* Position of a value, or -1. */
int           atlas_index_find_value           (AtlasIndex           *self,
                                                AtlasFacet            facet,
                                                const char           *value);
/* The smallest and largest start year in the data (0 when none). */
void          atlas_index_get_year_bounds      (AtlasIndex           *self,
                                                int                  *min_year,
                                                int                  *max_year);
/* What the index knows of one record (by rowid); FALSE if it has none. */
gboolean      atlas_index_get_location         (AtlasIndex           *self,
                                                gint64                rowid,
                                                double               *latitude,
                                                double               *longitude);
/* The same by record (see atlas_result_get_record()), without a search. */
gboolean      atlas_index_get_record_location  (AtlasIndex           *self,
                                                guint                 record,
                                                double               *latitude,
                                                double               *longitude);

/* An initiative related to another one, and what they share: organisations
 * (lead or partner), countries, and tags (GDC objectives, WSIS Action Lines,
 * SDGs and digital priorities). */
typedef struct
{
  gint64        rowid;
  guint         n_partners;
  guint         n_countries;
  guint         n_tags;
  guint         score;     /* 8 per partner + 3 per country + 1 per tag */
} AtlasRelated;

/* The initiatives sharing most with @rowid (itself excluded), at most
 * @max_related, best first: by score, then partners, then countries, then
 * rowid.  A GArray of AtlasRelated, empty when @rowid is not indexed. */
GArray       *atlas_index_find_related         (AtlasIndex           *self,
                                                gint64                rowid,
                                                guint                 max_related);
/* Why, in words, from the two strongest reasons: "3 shared partners,
 * 2 shared countries". */
char         *atlas_related_get_reason         (const AtlasRelated   *related);

/* Runs a query.  Its text (every word a prefix, all required; case and
 * accents ignored) is matched in two parts:
 *   - store NULL: only the short texts held in memory (titles, summaries,
 *     organisation, country and region names): about as fast as a query
 *     without text, for the main thread while someone types;
 *   - with a store: the descriptions too (atlas_store_search_descriptions()),
 *     tens to a hundred milliseconds at 100,000 initiatives: in a worker,
 *     with a store of its own.
 * The relevance sort ranks by where the words were found: titles (whole
 * words first), then names, then summaries, then descriptions; ties newest
 * first (details in atlas-index.c). */
AtlasResult  *atlas_index_run                  (AtlasIndex           *self,
                                                AtlasQuery           *query,
                                                AtlasStore           *store,
                                                GCancellable         *cancellable,
                                                GError              **error);
/* Runs @query reusing the text matching of @previous, a result of this
 * index whose query had the same words (atlas_result_has_same_words()):
 * for a change of facets, years or sort while the text stays.  As complete
 * as @previous, and as fast as a query without text. */
AtlasResult  *atlas_index_rerun                (AtlasIndex           *self,
                                                AtlasQuery           *query,
                                                AtlasResult          *previous,
                                                GCancellable         *cancellable,
                                                GError              **error);
/* The index of the short texts (for measurements). */
AtlasTextIndex *atlas_index_get_text_index     (AtlasIndex           *self);

/* A query's answer.  Reference counted, immutable. */
AtlasResult  *atlas_result_ref                 (AtlasResult          *self);
void          atlas_result_unref               (AtlasResult          *self);
AtlasIndex   *atlas_result_get_index           (AtlasResult          *self);
/* FALSE for a result of a query with text run without a store: the
 * descriptions were not searched. */
gboolean      atlas_result_is_complete         (AtlasResult          *self);
/* TRUE when the text of @query has the words this result was matched with,
 * written the same way but for case (or both have none). */
gboolean      atlas_result_has_same_words      (AtlasResult          *self,
                                                AtlasQuery           *query);
/* The folded words searched (atlas_text_split_words()), NULL without text:
 * what to highlight. */
const char * const *atlas_result_get_words     (AtlasResult          *self);
guint         atlas_result_get_n_items         (AtlasResult          *self);
/* The rowid of the initiative at @position, in the query's sort order. */
gint64        atlas_result_get_rowid           (AtlasResult          *self,
                                                guint                 position);
/* Its record: its place in the index, from 0 to
 * atlas_index_get_n_initiatives () - 1, for keeping data per initiative in
 * an array (say, once per index) rather than looking its rowid up. */
guint         atlas_result_get_record          (AtlasResult          *self,
                                                guint                 position);
/* The records of every position at once, for a pass over all of them. */
const guint  *atlas_result_get_records         (AtlasResult          *self,
                                                guint                *n_items);
/* Position of a rowid in the results, or -1. */
int           atlas_result_find_rowid          (AtlasResult          *self,
                                                gint64                rowid);
/* Counts aligned with atlas_index_get_value(): for each value, how many
 * initiatives match the query with this facet's own selection replaced by
 * that value alone. */
const guint  *atlas_result_get_facet_counts    (AtlasResult          *self,
                                                AtlasFacet            facet,
                                                guint                *n_values);
guint         atlas_result_get_count           (AtlasResult          *self,
                                                AtlasFacet            facet,
                                                const char           *value);
/* For each country of the vocabulary (atlas_vocab_get_country()), how many
 * of the matching initiatives name it. */
const guint  *atlas_result_get_country_counts  (AtlasResult          *self,
                                                guint                *n_countries);
/* Matching initiatives that name no country ("Global"). */
guint         atlas_result_get_n_global        (AtlasResult          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasIndex, atlas_index_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasResult, atlas_result_unref)

G_END_DECLS
