/* atlas-text-index.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "atlas-store.h"

G_BEGIN_DECLS

/* An in-memory word index of the short texts of every initiative: title,
 * summary, the names of its organisations, and the names of its countries
 * and regions (English, iso-codes' name, and both as translated in the
 * current locale, so "allemagne" finds Germany's initiatives in French).
 * Words are folded with atlas-text.h, like the highlighting.  Descriptions
 * are too big to hold: the store searches them
 * (atlas_store_search_descriptions()).
 *
 * Filled row by row in record order (position 0, 1, 2, …, the AtlasIndex's
 * positions), then sealed; immutable afterwards and safe to query from
 * several threads at once.  Owned by its AtlasIndex. */

typedef struct _AtlasTextIndex AtlasTextIndex;

/* Where a word was found in a record, as numbers ordered from worst to
 * best: the relevance order of atlas-index.h. */
typedef enum
{
  ATLAS_TEXT_MATCH_NONE = 0,
  ATLAS_TEXT_MATCH_DESCRIPTION,   /* found by the store, not held here */
  ATLAS_TEXT_MATCH_SUMMARY,
  ATLAS_TEXT_MATCH_NAME,          /* an organisation, country or region name */
  ATLAS_TEXT_MATCH_TITLE_PREFIX,  /* the start of a longer word of the title */
  ATLAS_TEXT_MATCH_TITLE_WORD,    /* a whole word of the title */
  ATLAS_N_TEXT_MATCHES
} AtlasTextMatch;

AtlasTextIndex *atlas_text_index_new             (void);
void            atlas_text_index_free            (AtlasTextIndex       *self);
/* Adds the texts of the next record. */
void            atlas_text_index_add_row         (AtlasTextIndex       *self,
                                                  const AtlasIndexRow  *row);
/* Ends building: after it, only queries. */
void            atlas_text_index_seal            (AtlasTextIndex       *self);

guint           atlas_text_index_get_n_records   (AtlasTextIndex       *self);
/* Distinct words, and (word, record) pairs. */
guint           atlas_text_index_get_n_words     (AtlasTextIndex       *self);
gsize           atlas_text_index_get_n_postings  (AtlasTextIndex       *self);
/* Bytes of memory the sealed index holds. */
gsize           atlas_text_index_get_size        (AtlasTextIndex       *self);

/* For every record with a word that begins with @word (one folded word, as
 * from atlas_text_split_words()), raises @best[record] (an AtlasTextMatch,
 * one per record) to where it was found best. */
void            atlas_text_index_match           (AtlasTextIndex       *self,
                                                  const char           *word,
                                                  guint8               *best);

G_END_DECLS
