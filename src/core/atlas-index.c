/* atlas-index.c
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-index"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-enums.h"
#include "atlas-index.h"
#include "atlas-query.h"
#include "atlas-text.h"
#include "atlas-text-index.h"
#include "atlas-vocab.h"

/* Layout.  Every record has a position 0..n-1 (the order rows were added).
 *
 * The facets with a small closed set of values (GDC, WSIS, SDG, priority,
 * organisation type, status, region) are stored as bit columns, transposed
 * per block of 64 records: for block b and value column v, the word
 * columns[b * n_columns + v] has bit j set when record 64b+j has that value.
 * One more column marks the records that name no country.  A block is one
 * contiguous run of words, so a query reads the columns sequentially.
 *
 * Per record, in plain arrays: rowid, source position, start year, the
 * location, and offsets into two flat arrays: the vocabulary indices of the
 * countries it names and the positions of its organisations.  At seal these
 * are also inverted (the records of each country and organisation), so that
 * a selection of countries or organisations becomes a bit set over records
 * before the pass.
 *
 * A query walks the blocks once.  In each block it makes, per facet that
 * filters, the word of records passing that facet; the records passing
 * every facet but F (E_F) are the ones that count for F's values, since a
 * facet's counts ignore its own selection.  Values in columns are counted
 * with one AND and popcount per block and value; countries, organisations
 * and sources by walking the runs of set bits of E_F (__builtin_ctzll): a
 * run of consecutive records is one stretch of the flat arrays, so a full
 * block costs one loop without unpredictable branches.
 *
 * Sort orders are permutations computed once at seal: a query walks the
 * wanted one and keeps the records that passed.
 *
 * For related initiatives, each record also keeps its tags (GDC objectives,
 * WSIS Action Lines as given, SDGs and priorities) in one word: shared tags
 * are one AND and popcount per record, shared organisations and countries
 * come from the postings.
 *
 * Text.  An AtlasTextIndex holds the words of the short texts (titles,
 * summaries, organisation and place names); the store searches the
 * descriptions.  Every word of the query is a prefix and all are required:
 * per word, a record matches when any of its texts, description included,
 * has a word beginning with it (so "A B" finds a record with A in its title
 * and B only in its description).  The words found give a bit set ANDed
 * into the pass, and the relevance score.
 *
 * Relevance: each word scores where it was found best in the record (see
 * AtlasTextMatch): a whole word of the title 16, the start of a word of the
 * title 8, an organisation or place name 4, the summary 2, the description
 * 1; a record's score is the sum over the words.  So for one word, title
 * matches come first (whole words before prefixes), then names, then
 * summaries, then descriptions; ties are in the "updated" order (newest
 * first).  Scores are small integers: the results are ordered by a
 * counting sort, stable over the "updated" order. */

#define BIT(f)          (1u << (f))
#define WORD_BIT(i)     (G_GUINT64_CONSTANT (1) << ((i) & 63))
#define HAS_BIT(set, i) (((set)[(i) >> 6] & WORD_BIT (i)) != 0)

/* The layout of a record's tag word (see make_tags). */
#define TAGS_GDC_SHIFT       0
#define TAGS_SDG_SHIFT       (TAGS_GDC_SHIFT + ATLAS_N_GDC_OBJECTIVES)
#define TAGS_PRIORITY_SHIFT  (TAGS_SDG_SHIFT + ATLAS_N_SDGS)
#define TAGS_WSIS_SHIFT      (TAGS_PRIORITY_SHIFT + ATLAS_N_PRIORITIES)
G_STATIC_ASSERT (TAGS_WSIS_SHIFT + ATLAS_N_WSIS_LINES <= 64);

/* How much each kind of shared thing weighs in atlas_index_find_related(). */
#define RELATED_PARTNER_WEIGHT 8
#define RELATED_COUNTRY_WEIGHT 3
#define RELATED_TAG_WEIGHT     1

#define MAX_REGIONS     64
#define MAX_REGION_CODE 1000
#define NO_UPDATE       G_MININT64

/* The facets stored as columns, in column order. */
static const AtlasFacet column_facets[] = {
  ATLAS_FACET_GDC,
  ATLAS_FACET_WSIS,
  ATLAS_FACET_SDG,
  ATLAS_FACET_PRIORITY,
  ATLAS_FACET_ORG_TYPE,
  ATLAS_FACET_STATUS,
  ATLAS_FACET_REGION,
};

#define COLUMN_FACETS (BIT (ATLAS_FACET_GDC) | BIT (ATLAS_FACET_WSIS) | BIT (ATLAS_FACET_SDG) | \
                       BIT (ATLAS_FACET_PRIORITY) | BIT (ATLAS_FACET_ORG_TYPE) |                \
                       BIT (ATLAS_FACET_STATUS) | BIT (ATLAS_FACET_REGION))

/* The building arrays of the same names, once sealed, at their exact size. */
typedef struct
{
  guint64         *columns;
  gint64          *rowids;
  guint16         *source;
  guint16         *year;
  guint32         *country_start;
  guint16         *countries;
  guint32         *org_start;
  guint32         *orgs;
  double          *latitude;
  double          *longitude;
  guint64         *tags;
} Data;

struct _AtlasIndex
{
  gatomicrefcount  ref_count;
  gboolean         sealed;
  AtlasVocab      *vocab;

  guint            n_records;

  guint            n_columns;
  guint            column_offset[ATLAS_N_FACETS];
  guint            global_column;

  Data             d;
  AtlasTextIndex  *text;

  /* While building: columns and per-record arrays */
  GArray          *columns;         /* guint64, n_columns per block of 64 records */
  GArray          *rowids;          /* gint64 */
  GArray          *source;          /* guint16: position among the sources */
  GArray          *year;            /* guint16: start year, 0 = none */
  GArray          *country_start;   /* guint32, n_records + 1 */
  GArray          *countries;       /* guint16: vocabulary country indices */
  GArray          *org_start;       /* guint32, n_records + 1 */
  GArray          *orgs;            /* guint32: organisation positions */
  GArray          *latitude;        /* double, NAN when unknown */
  GArray          *longitude;       /* double */
  GArray          *tags;            /* guint64: the record's tags, see make_tags */

  /* The records of each country and organisation (made at seal) */
  guint32         *country_post_start;
  guint32         *country_posts;
  guint32         *org_post_start;
  guint32         *org_posts;

  /* Only while building */
  GArray          *source_ids;      /* gint64 per record */
  GArray          *org_ids;         /* gint64, flat like orgs */
  GPtrArray       *title_keys;      /* char* per record */
  GArray          *start_keys;      /* guint32 yyyymmdd per record, 0 = none */
  GArray          *updated;         /* gint64 unix time per record, NO_UPDATE = none */

  /* Sort orders (record positions) */
  guint32         *by_title;
  guint32         *by_start;
  guint32         *by_updated;
  guint32         *by_rowid;        /* NULL when rowids were added ascending */

  /* Values of each facet, aligned with the counts */
  guint            n_values[ATLAS_N_FACETS];
  const char     **values[ATLAS_N_FACETS];
  GStringChunk    *strings;
  gint8            position_of_bit[ATLAS_N_FACETS][32];   /* record bit -> value, or -1 */
  gint64          *org_rowids;      /* sorted, n_values[ORGANIZATION] */
  gint64          *source_rowids;   /* sorted, n_values[SOURCE] */

  /* Region matching, from the vocabulary */
  guint64         *country_regions; /* per country: the regions it lies in */
  guint64         *tag_regions;     /* per region: the regions containing it */
  guint8           region_of_code[MAX_REGION_CODE];   /* region index + 1 */

  int              min_year;
  int              max_year;
};

/* The records matching the words of a text, shared by the results of
 * queries with the same words. */
typedef struct
{
  gatomicrefcount  ref_count;
  char           **words;           /* folded */
  char           **written;         /* the same as written, in lower case */
  guint64         *hits;            /* bit set over records */
  guint32         *scores;          /* per record; meaningful for hits */
  guint32          max_score;
  gboolean         complete;        /* descriptions searched too */
} Matches;

struct _AtlasResult
{
  gatomicrefcount  ref_count;
  AtlasIndex      *index;
  Matches         *matches;         /* NULL without words */

  guint            n_items;
  guint32         *items;           /* record positions in sort order */

  guint           *counts[ATLAS_N_FACETS];
  guint           *country_counts;
  guint            n_global;
};

/* A query turned into the index's terms. */
typedef struct
{
  guint32  active;                  /* facets that filter */
  guint    n_active;
  guint8   active_facets[ATLAS_N_FACETS];
  /* Per column facet: the selected columns */
  guint    n_selected[ATLAS_N_FACETS];
  guint16 *selected[ATLAS_N_FACETS];
  guint64 *countries;               /* records passing: bit set */
  guint64 *orgs;                    /* records passing: bit set */
  guint8  *sources;                 /* per source: selected */
  guint    min_year;
  guint    max_year;
  gboolean by_year;
} Selection;

static void
selection_clear (Selection *sel)
{
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    g_clear_pointer (&sel->selected[f], g_free);
  g_clear_pointer (&sel->countries, g_free);
  g_clear_pointer (&sel->orgs, g_free);
  g_clear_pointer (&sel->sources, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Selection, selection_clear)

/* Building */

static GArray *
new_array (guint element_size)
{
  return g_array_new (FALSE, FALSE, element_size);
}

static void
setup_term_facet (AtlasIndex *self,
                  AtlasFacet  facet)
{
  const AtlasTerm *terms;
  guint n_terms = 0;

  terms = atlas_vocab_get_terms (self->vocab, facet, &n_terms);
  g_assert (n_terms <= 32);

  self->n_values[facet] = n_terms;
  self->values[facet] = g_new0 (const char *, n_terms + 1);

  for (guint i = 0; i < n_terms; i++)
    {
      g_assert (terms[i].bit < 32);
      self->values[facet][i] = terms[i].id;
      self->position_of_bit[facet][terms[i].bit] = (gint8) i;
    }
}

static void
setup_regions (AtlasIndex *self)
{
  guint n_regions = atlas_vocab_get_n_regions (self->vocab);
  guint n_countries = atlas_vocab_get_n_countries (self->vocab);

  if (n_regions > MAX_REGIONS)
    {
      g_critical ("The vocabulary has %u regions; the index handles only the first %u",
                  n_regions, MAX_REGIONS);
      n_regions = MAX_REGIONS;
    }

  self->n_values[ATLAS_FACET_REGION] = n_regions;
  self->values[ATLAS_FACET_REGION] = g_new0 (const char *, n_regions + 1);
  self->tag_regions = g_new0 (guint64, MAX (n_regions, 1));

  for (guint r = 0; r < n_regions; r++)
    {
      const AtlasRegion *region = atlas_vocab_get_region (self->vocab, r);
      char code[8];

      g_snprintf (code, sizeof code, "%03u", region->code);
      self->values[ATLAS_FACET_REGION][r] = g_string_chunk_insert_const (self->strings, code);

      if (region->code < MAX_REGION_CODE)
        self->region_of_code[region->code] = (guint8) (r + 1);

      /* A record tagged with region r matches r and every region around it. */
      for (guint outer = 0; outer < n_regions; outer++)
        if (atlas_vocab_region_contains (self->vocab,
                                         atlas_vocab_get_region (self->vocab, outer)->code,
                                         region->code))
          self->tag_regions[r] |= G_GUINT64_CONSTANT (1) << outer;
    }

  self->country_regions = g_new0 (guint64, MAX (n_countries, 1));
  for (guint c = 0; c < n_countries; c++)
    for (guint r = 0; r < n_regions; r++)
      {
        guint16 code = atlas_vocab_get_region (self->vocab, r)->code;

        if (atlas_vocab_country_in_region (self->vocab, c, code))
          self->country_regions[c] |= G_GUINT64_CONSTANT (1) << r;
      }
}

/**
 * atlas_index_new:
 *
 * Returns: (transfer full): an empty index to fill with
 *   atlas_index_add_row() and close with atlas_index_seal()
 */
AtlasIndex *
atlas_index_new (void)
{
  AtlasIndex *self = g_new0 (AtlasIndex, 1);
  const guint32 zero = 0;
  guint n_countries;

  g_atomic_ref_count_init (&self->ref_count);
  self->vocab = atlas_vocab_get_default ();
  self->text = atlas_text_index_new ();
  self->strings = g_string_chunk_new (1024);
  memset (self->position_of_bit, -1, sizeof self->position_of_bit);

  self->columns = new_array (sizeof (guint64));
  self->rowids = new_array (sizeof (gint64));
  self->source = new_array (sizeof (guint16));
  self->year = new_array (sizeof (guint16));
  self->country_start = new_array (sizeof (guint32));
  self->countries = new_array (sizeof (guint16));
  self->org_start = new_array (sizeof (guint32));
  self->orgs = new_array (sizeof (guint32));
  self->latitude = new_array (sizeof (double));
  self->longitude = new_array (sizeof (double));
  self->tags = new_array (sizeof (guint64));

  self->source_ids = new_array (sizeof (gint64));
  self->org_ids = new_array (sizeof (gint64));
  self->title_keys = g_ptr_array_new_with_free_func (g_free);
  self->start_keys = new_array (sizeof (guint32));
  self->updated = new_array (sizeof (gint64));

  g_array_append_val (self->country_start, zero);
  g_array_append_val (self->org_start, zero);

  setup_term_facet (self, ATLAS_FACET_GDC);
  setup_term_facet (self, ATLAS_FACET_WSIS);
  setup_term_facet (self, ATLAS_FACET_SDG);
  setup_term_facet (self, ATLAS_FACET_PRIORITY);
  setup_term_facet (self, ATLAS_FACET_ORG_TYPE);
  setup_regions (self);

  self->n_values[ATLAS_FACET_STATUS] = ATLAS_N_STATUSES - 1;
  self->values[ATLAS_FACET_STATUS] = g_new0 (const char *, ATLAS_N_STATUSES);
  for (guint s = 1; s < ATLAS_N_STATUSES; s++)
    {
      self->values[ATLAS_FACET_STATUS][s - 1] = atlas_status_to_string (s);
      self->position_of_bit[ATLAS_FACET_STATUS][s] = (gint8) (s - 1);
    }

  n_countries = atlas_vocab_get_n_countries (self->vocab);
  self->n_values[ATLAS_FACET_COUNTRY] = n_countries;
  self->values[ATLAS_FACET_COUNTRY] = g_new0 (const char *, n_countries + 1);
  for (guint c = 0; c < n_countries; c++)
    self->values[ATLAS_FACET_COUNTRY][c] = atlas_vocab_get_country (self->vocab, c)->alpha2;

  for (guint i = 0; i < G_N_ELEMENTS (column_facets); i++)
    {
      self->column_offset[column_facets[i]] = self->n_columns;
      self->n_columns += self->n_values[column_facets[i]];
    }
  self->global_column = self->n_columns++;

  return self;
}

/* "2021", "2021-03", "2021-03-15", "2021-03-15T10:00:00Z" -> 20210315
 * (missing parts are 0); 0 when there is no year. */
static guint32
parse_date_key (const char *str)
{
  guint parts[3] = { 0, 0, 0 };
  const guint widths[3] = { 4, 2, 2 };
  const char *p = str;

  if (str == NULL)
    return 0;

  for (guint i = 0; i < 3; i++)
    {
      for (guint w = 0; w < widths[i]; w++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return i == 0 ? 0 : parts[0] * 10000 + parts[1] * 100 + parts[2];
          parts[i] = parts[i] * 10 + (guint) (*p - '0');
        }

      if (*p != '-')
        break;
      p++;
    }

  return parts[0] * 10000 + parts[1] * 100 + parts[2];
}

static gint64
parse_timestamp (const char *str)
{
  static GTimeZone *utc;
  g_autoptr(GDateTime) date_time = NULL;
  guint32 key;

  if (str == NULL || *str == '\0')
    return NO_UPDATE;

  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, g_time_zone_new_utc ());

  date_time = g_date_time_new_from_iso8601 (str, utc);
  if (date_time != NULL)
    return g_date_time_to_unix (date_time);

  /* A plain date: midnight UTC. */
  key = parse_date_key (str);
  if (key / 10000 == 0)
    return NO_UPDATE;

  date_time = g_date_time_new_utc ((int) (key / 10000),
                                   CLAMP ((int) (key / 100 % 100), 1, 12),
                                   CLAMP ((int) (key % 100), 1, 28),
                                   0, 0, 0);
  return date_time != NULL ? g_date_time_to_unix (date_time) : NO_UPDATE;
}

static gboolean
has_country (const GArray *countries,
             guint         start,
             guint16       country)
{
  for (guint i = start; i < countries->len; i++)
    if (g_array_index (countries, guint16, i) == country)
      return TRUE;

  return FALSE;
}

static gboolean
has_organization (const GArray *org_ids,
                  guint         start,
                  gint64        rowid)
{
  for (guint i = start; i < org_ids->len; i++)
    if (g_array_index (org_ids, gint64, i) == rowid)
      return TRUE;

  return FALSE;
}

/* Sets the record's bit in the column of each value whose bit is in @bits. */
static void
set_columns (AtlasIndex *self,
             guint64    *block,
             guint64     record_bit,
             AtlasFacet  facet,
             guint64     bits)
{
  while (bits != 0)
    {
      guint bit = (guint) __builtin_ctzll (bits);
      int position = facet == ATLAS_FACET_REGION ? (int) bit : self->position_of_bit[facet][bit];

      bits &= bits - 1;
      if (position >= 0)
        block[self->column_offset[facet] + (guint) position] |= record_bit;
    }
}

static guint64
make_tags (const AtlasIndexRow *row)
{
  guint64 gdc = row->gdc_objectives & ((1u << ATLAS_N_GDC_OBJECTIVES) - 1);
  guint64 sdgs = row->sdgs & ((1u << ATLAS_N_SDGS) - 1);
  guint64 priorities = row->priorities & ((1u << ATLAS_N_PRIORITIES) - 1);
  guint64 wsis = row->wsis_lines & ((1u << ATLAS_N_WSIS_LINES) - 1);

  return (gdc << TAGS_GDC_SHIFT) | (sdgs << TAGS_SDG_SHIFT) |
         (priorities << TAGS_PRIORITY_SHIFT) | (wsis << TAGS_WSIS_SHIFT);
}

void
atlas_index_add_row (AtlasIndex          *self,
                     const AtlasIndexRow *row)
{
  guint record;
  guint64 *block;
  guint64 record_bit;
  guint32 wsis;
  guint64 regions = 0;
  guint16 year;
  guint32 start_key;
  guint32 start;
  double lat = NAN;
  double lon = NAN;
  g_autofree char *folded = NULL;
  char *title_key;
  gint64 updated;
  guint64 tags;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);
  g_return_if_fail (row != NULL);
  g_return_if_fail (self->n_records < G_MAXUINT32 - 64);
  g_return_if_fail (self->n_columns < G_MAXUINT16);

  record = self->n_records++;
  if (record % 64 == 0)
    g_array_set_size (self->columns, self->columns->len + self->n_columns);
  block = &g_array_index (self->columns, guint64, (record / 64) * self->n_columns);
  record_bit = WORD_BIT (record);

  if (record % 64 == 0)
    memset (block, 0, self->n_columns * sizeof (guint64));

  g_array_append_val (self->rowids, row->rowid);
  g_array_append_val (self->source_ids, row->source_id);

  /* C7 matches its sub-lines too. */
  wsis = row->wsis_lines;
  if (wsis & ATLAS_WSIS_C7_SUBLINES_MASK)
    wsis |= 1u << ATLAS_WSIS_C7;

  set_columns (self, block, record_bit, ATLAS_FACET_GDC, row->gdc_objectives);
  set_columns (self, block, record_bit, ATLAS_FACET_WSIS, wsis);
  set_columns (self, block, record_bit, ATLAS_FACET_SDG, row->sdgs);
  set_columns (self, block, record_bit, ATLAS_FACET_PRIORITY, row->priorities);
  set_columns (self, block, record_bit, ATLAS_FACET_ORG_TYPE, row->org_types);
  if ((guint) row->status < ATLAS_N_STATUSES)
    set_columns (self, block, record_bit, ATLAS_FACET_STATUS, 1u << row->status);

  start = self->countries->len;
  for (guint i = 0; i < row->n_countries; i++)
    {
      int c = atlas_vocab_find_country (self->vocab, row->countries[i]);
      guint16 country = (guint16) c;

      if (c < 0 || has_country (self->countries, start, country))
        continue;

      g_array_append_val (self->countries, country);
      regions |= self->country_regions[c];
    }
  if (self->countries->len == start)
    block[self->global_column] |= record_bit;
  start = self->countries->len;
  g_array_append_val (self->country_start, start);

  for (guint i = 0; i < row->n_regions; i++)
    {
      guint16 code = row->regions[i];

      if (code < MAX_REGION_CODE && self->region_of_code[code] != 0)
        regions |= self->tag_regions[self->region_of_code[code] - 1];
    }
  set_columns (self, block, record_bit, ATLAS_FACET_REGION, regions);

  start = self->org_ids->len;
  for (guint i = 0; i < row->n_organizations; i++)
    if (!has_organization (self->org_ids, start, row->organizations[i]))
      g_array_append_val (self->org_ids, row->organizations[i]);
  start = self->org_ids->len;
  g_array_append_val (self->org_start, start);

  start_key = parse_date_key (row->start_date);
  year = (guint16) (start_key / 10000);
  if (year == 0)
    start_key = 0;
  g_array_append_val (self->year, year);
  g_array_append_val (self->start_keys, start_key);

  updated = parse_timestamp (row->updated_at);
  g_array_append_val (self->updated, updated);

  /* Titles sort without regard to case, also where the locale's collation
   * (C.UTF-8) would put every capital first. */
  folded = g_utf8_casefold (row->title != NULL ? row->title : "", -1);
  title_key = g_utf8_collate_key (folded, -1);
  g_ptr_array_add (self->title_keys, title_key);

  if (row->has_location && isfinite (row->latitude) && isfinite (row->longitude))
    {
      lat = row->latitude;
      lon = row->longitude;
    }
  g_array_append_val (self->latitude, lat);
  g_array_append_val (self->longitude, lon);

  tags = make_tags (row);
  g_array_append_val (self->tags, tags);

  atlas_text_index_add_row (self->text, row);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The sorted distinct values of @ids, and each element of @ids replaced by
 * its position among them in @positions. */
static gint64 *
make_positions (const gint64 *ids,
                guint         n_ids,
                guint        *n_distinct,
                gboolean      wide,
                GArray       *positions)
{
  gint64 *distinct = g_new (gint64, MAX (n_ids, 1));
  guint n = 0;

  if (n_ids > 0)
    {
      memcpy (distinct, ids, n_ids * sizeof (gint64));
      qsort (distinct, n_ids, sizeof (gint64), compare_gint64);
    }

  for (guint i = 0; i < n_ids; i++)
    if (n == 0 || distinct[n - 1] != distinct[i])
      distinct[n++] = distinct[i];

  g_array_set_size (positions, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      const gint64 *found = bsearch (&ids[i], distinct, n, sizeof (gint64), compare_gint64);
      guint position = (guint) (found - distinct);

      if (wide)
        g_array_index (positions, guint32, i) = position;
      else
        g_array_index (positions, guint16, i) = (guint16) position;
    }

  *n_distinct = n;
  return g_renew (gint64, distinct, MAX (n, 1));
}

static const char **
make_id_strings (AtlasIndex   *self,
                 const gint64 *ids,
                 guint         n_ids)
{
  const char **strings = g_new0 (const char *, n_ids + 1);

  for (guint i = 0; i < n_ids; i++)
    {
      char buffer[24];

      g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, ids[i]);
      strings[i] = g_string_chunk_insert (self->strings, buffer);
    }

  return strings;
}

typedef struct
{
  AtlasIndex    *index;
  const guint32 *title_rank;
} SortContext;

static int
compare_by_title (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SortContext *ctx = user_data;
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;
  int cmp;

  cmp = strcmp (g_ptr_array_index (ctx->index->title_keys, x),
                g_ptr_array_index (ctx->index->title_keys, y));
  if (cmp != 0)
    return cmp;

  return compare_gint64 (&g_array_index (ctx->index->rowids, gint64, x),
                         &g_array_index (ctx->index->rowids, gint64, y));
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SortContext *ctx = user_data;
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;
  guint32 kx = g_array_index (ctx->index->start_keys, guint32, x);
  guint32 ky = g_array_index (ctx->index->start_keys, guint32, y);

  /* Undated last. */
  if (kx != ky)
    {
      if (kx == 0)
        return 1;
      if (ky == 0)
        return -1;
      return kx < ky ? -1 : 1;
    }

  return ctx->title_rank[x] < ctx->title_rank[y] ? -1 : 1;
}

static int
compare_by_updated (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const SortContext *ctx = user_data;
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;
  gint64 ux = g_array_index (ctx->index->updated, gint64, x);
  gint64 uy = g_array_index (ctx->index->updated, gint64, y);

  /* Newest first; NO_UPDATE is the smallest value, so undated come last. */
  if (ux != uy)
    return ux > uy ? -1 : 1;

  return ctx->title_rank[x] < ctx->title_rank[y] ? -1 : 1;
}

static int
compare_by_rowid (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  AtlasIndex *self = user_data;

  return compare_gint64 (&g_array_index (self->rowids, gint64, *(const guint32 *) a),
                         &g_array_index (self->rowids, gint64, *(const guint32 *) b));
}

static guint32 *
make_identity (guint n)
{
  guint32 *perm = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    perm[i] = i;

  return perm;
}

static void
make_orders (AtlasIndex *self)
{
  guint n = self->n_records;
  g_autofree guint32 *title_rank = g_new (guint32, MAX (n, 1));
  SortContext ctx = { self, title_rank };
  gboolean ascending = TRUE;

  self->by_title = make_identity (n);
  g_qsort_with_data (self->by_title, (int) n, sizeof (guint32), compare_by_title, &ctx);
  for (guint i = 0; i < n; i++)
    title_rank[self->by_title[i]] = i;

  self->by_start = make_identity (n);
  g_qsort_with_data (self->by_start, (int) n, sizeof (guint32), compare_by_start, &ctx);

  self->by_updated = make_identity (n);
  g_qsort_with_data (self->by_updated, (int) n, sizeof (guint32), compare_by_updated, &ctx);

  for (guint i = 1; i < n && ascending; i++)
    ascending = (g_array_index (self->rowids, gint64, i - 1) <
                 g_array_index (self->rowids, gint64, i));

  if (!ascending)
    {
      self->by_rowid = make_identity (n);
      g_qsort_with_data (self->by_rowid, (int) n, sizeof (guint32), compare_by_rowid, self);

      for (guint i = 1; i < n; i++)
        if (g_array_index (self->rowids, gint64, self->by_rowid[i - 1]) ==
            g_array_index (self->rowids, gint64, self->by_rowid[i]))
          g_warning ("The index was given the record %" G_GINT64_FORMAT " twice",
                     g_array_index (self->rowids, gint64, self->by_rowid[i]));
    }
}

/* Inverts per-record lists: for each value, the records that have it, in
 * record order. */
static void
make_postings (guint           n_values,
               guint           n_records,
               const guint32  *start,
               const guint16  *list16,
               const guint32  *list32,
               guint32       **post_start,
               guint32       **posts)
{
  guint n_items = start[n_records];
  g_autofree guint32 *fill = g_new0 (guint32, n_values + 1);

  *post_start = g_new0 (guint32, n_values + 1);
  *posts = g_new (guint32, MAX (n_items, 1));

  for (guint k = 0; k < n_items; k++)
    (*post_start)[(list16 != NULL ? list16[k] : list32[k]) + 1]++;
  for (guint v = 0; v < n_values; v++)
    (*post_start)[v + 1] += (*post_start)[v];

  memcpy (fill, *post_start, (n_values + 1) * sizeof (guint32));
  for (guint i = 0; i < n_records; i++)
    for (guint k = start[i]; k < start[i + 1]; k++)
      (*posts)[fill[list16 != NULL ? list16[k] : list32[k]]++] = i;
}

/* A GArray's storage is a power of two: keep exactly what is used. */
static gpointer
steal_exact (GArray **array)
{
  gsize size = (gsize) (*array)->len * g_array_get_element_size (*array);
  gpointer data = g_array_steal (*array, NULL);

  g_clear_pointer (array, g_array_unref);

  return g_realloc (data, MAX (size, 1));
}

void
atlas_index_seal (AtlasIndex *self)
{
  guint n_distinct = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);

  self->org_rowids = make_positions ((const gint64 *) (gpointer) self->org_ids->data,
                                     self->org_ids->len, &n_distinct, TRUE, self->orgs);
  self->n_values[ATLAS_FACET_ORGANIZATION] = n_distinct;
  self->values[ATLAS_FACET_ORGANIZATION] = make_id_strings (self, self->org_rowids, n_distinct);

  self->source_rowids = make_positions ((const gint64 *) (gpointer) self->source_ids->data,
                                        self->source_ids->len, &n_distinct, FALSE, self->source);
  if (n_distinct > G_MAXUINT16)
    g_critical ("The index holds more than %u sources", G_MAXUINT16);
  self->n_values[ATLAS_FACET_SOURCE] = n_distinct;
  self->values[ATLAS_FACET_SOURCE] = make_id_strings (self, self->source_rowids, n_distinct);

  make_orders (self);
  atlas_text_index_seal (self->text);

  make_postings (self->n_values[ATLAS_FACET_COUNTRY], self->n_records,
                 (const guint32 *) (gpointer) self->country_start->data,
                 (const guint16 *) (gpointer) self->countries->data, NULL,
                 &self->country_post_start, &self->country_posts);
  make_postings (self->n_values[ATLAS_FACET_ORGANIZATION], self->n_records,
                 (const guint32 *) (gpointer) self->org_start->data,
                 NULL, (const guint32 *) (gpointer) self->orgs->data,
                 &self->org_post_start, &self->org_posts);

  for (guint i = 0; i < self->n_records; i++)
    {
      int year = g_array_index (self->year, guint16, i);

      if (year == 0)
        continue;
      if (self->min_year == 0 || year < self->min_year)
        self->min_year = year;
      if (year > self->max_year)
        self->max_year = year;
    }

  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->org_ids, g_array_unref);
  g_clear_pointer (&self->title_keys, g_ptr_array_unref);
  g_clear_pointer (&self->start_keys, g_array_unref);
  g_clear_pointer (&self->updated, g_array_unref);

  self->d.columns = steal_exact (&self->columns);
  self->d.rowids = steal_exact (&self->rowids);
  self->d.source = steal_exact (&self->source);
  self->d.year = steal_exact (&self->year);
  self->d.country_start = steal_exact (&self->country_start);
  self->d.countries = steal_exact (&self->countries);
  self->d.org_start = steal_exact (&self->org_start);
  self->d.orgs = steal_exact (&self->orgs);
  self->d.latitude = steal_exact (&self->latitude);
  self->d.longitude = steal_exact (&self->longitude);
  self->d.tags = steal_exact (&self->tags);

  self->sealed = TRUE;
}

typedef struct
{
  AtlasIndex   *index;
  GCancellable *cancellable;
} LoadData;

static gboolean
add_store_row (const AtlasIndexRow *row,
               gpointer             user_data)
{
  LoadData *data = user_data;

  if (g_cancellable_is_cancelled (data->cancellable))
    return FALSE;

  atlas_index_add_row (data->index, row);
  return TRUE;
}

/**
 * atlas_index_load:
 *
 * Returns: (transfer full): the sealed index of every initiative in
 *   @store, or %NULL with @error set
 */
AtlasIndex *
atlas_index_load (AtlasStore    *store,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(AtlasIndex) self = NULL;
  LoadData data;

  g_return_val_if_fail (ATLAS_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = atlas_index_new ();
  data.index = self;
  data.cancellable = cancellable;

  if (!atlas_store_foreach_index_row (store, add_store_row, &data, cancellable, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  atlas_index_seal (self);

  return g_steal_pointer (&self);
}

AtlasIndex *
atlas_index_ref (AtlasIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
atlas_index_unref (AtlasIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->source, g_array_unref);
  g_clear_pointer (&self->year, g_array_unref);
  g_clear_pointer (&self->country_start, g_array_unref);
  g_clear_pointer (&self->countries, g_array_unref);
  g_clear_pointer (&self->org_start, g_array_unref);
  g_clear_pointer (&self->orgs, g_array_unref);
  g_clear_pointer (&self->latitude, g_array_unref);
  g_clear_pointer (&self->longitude, g_array_unref);
  g_clear_pointer (&self->tags, g_array_unref);

  g_free (self->d.columns);
  g_free (self->d.rowids);
  g_free (self->d.source);
  g_free (self->d.year);
  g_free (self->d.country_start);
  g_free (self->d.countries);
  g_free (self->d.org_start);
  g_free (self->d.orgs);
  g_free (self->d.latitude);
  g_free (self->d.longitude);
  g_free (self->d.tags);
  g_clear_pointer (&self->text, atlas_text_index_free);

  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->org_ids, g_array_unref);
  g_clear_pointer (&self->title_keys, g_ptr_array_unref);
  g_clear_pointer (&self->start_keys, g_array_unref);
  g_clear_pointer (&self->updated, g_array_unref);

  g_free (self->country_post_start);
  g_free (self->country_posts);
  g_free (self->org_post_start);
  g_free (self->org_posts);
  g_free (self->by_title);
  g_free (self->by_start);
  g_free (self->by_updated);
  g_free (self->by_rowid);

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    g_free (self->values[f]);
  g_free (self->org_rowids);
  g_free (self->source_rowids);
  g_free (self->country_regions);
  g_free (self->tag_regions);
  g_string_chunk_free (self->strings);

  g_free (self);
}

guint
atlas_index_get_n_initiatives (AtlasIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_records;
}

guint
atlas_index_get_n_values (AtlasIndex *self,
                          AtlasFacet  facet)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->sealed, 0);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, 0);

  return self->n_values[facet];
}

const char *
atlas_index_get_value (AtlasIndex *self,
                       AtlasFacet  facet,
                       guint       position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);
  g_return_val_if_fail (position < self->n_values[facet], NULL);

  return self->values[facet][position];
}

static int
find_id_position (const gint64 *ids,
                  guint         n_ids,
                  const char   *value)
{
  gint64 id;
  const gint64 *found;

  if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &id, NULL))
    return -1;

  found = bsearch (&id, ids, n_ids, sizeof (gint64), compare_gint64);

  return found != NULL ? (int) (found - ids) : -1;
}

/* Accepts only the exact strings atlas_index_get_value() gives. */
int
atlas_index_find_value (AtlasIndex *self,
                        AtlasFacet  facet,
                        const char *value)
{
  int position = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (self->sealed, -1);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, -1);

  if (value == NULL)
    return -1;

  switch (facet)
    {
    case ATLAS_FACET_COUNTRY:
      position = atlas_vocab_find_country (self->vocab, value);
      break;

    case ATLAS_FACET_REGION:
      {
        guint64 code;

        if (g_ascii_string_to_unsigned (value, 10, 0, MAX_REGION_CODE - 1, &code, NULL))
          position = (int) self->region_of_code[code] - 1;
      }
      break;

    case ATLAS_FACET_ORGANIZATION:
      position = find_id_position (self->org_rowids, self->n_values[facet], value);
      break;

    case ATLAS_FACET_SOURCE:
      position = find_id_position (self->source_rowids, self->n_values[facet], value);
      break;

    case ATLAS_FACET_GDC:
    case ATLAS_FACET_WSIS:
    case ATLAS_FACET_SDG:
    case ATLAS_FACET_PRIORITY:
    case ATLAS_FACET_ORG_TYPE:
    case ATLAS_FACET_STATUS:
    case ATLAS_N_FACETS:
    default:
      for (guint i = 0; i < self->n_values[facet]; i++)
        if (strcmp (self->values[facet][i], value) == 0)
          return (int) i;
      return -1;
    }

  if (position < 0 || (guint) position >= self->n_values[facet] ||
      strcmp (self->values[facet][position], value) != 0)
    return -1;

  return position;
}

void
atlas_index_get_year_bounds (AtlasIndex *self,
                             int        *min_year,
                             int        *max_year)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->sealed);

  if (min_year != NULL)
    *min_year = self->min_year;
  if (max_year != NULL)
    *max_year = self->max_year;
}

/* The position of the record with this rowid, or -1. */
static gssize
find_record (AtlasIndex *self,
             gint64      rowid)
{
  const gint64 *rowids = self->d.rowids;
  guint lo = 0;
  guint hi = self->n_records;

  g_assert (self->sealed);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint record = self->by_rowid != NULL ? self->by_rowid[mid] : mid;

      if (rowids[record] == rowid)
        return record;
      if (rowids[record] < rowid)
        lo = mid + 1;
      else
        hi = mid;
    }

  return -1;
}

static gboolean
get_record_location (AtlasIndex *self,
                     guint       record,
                     double     *latitude,
                     double     *longitude)
{
  double lat = self->d.latitude[record];

  if (isnan (lat))
    return FALSE;

  if (latitude != NULL)
    *latitude = lat;
  if (longitude != NULL)
    *longitude = self->d.longitude[record];

  return TRUE;
}

gboolean
atlas_index_get_location (AtlasIndex *self,
                          gint64      rowid,
                          double     *latitude,
                          double     *longitude)
{
  gssize record;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->sealed, FALSE);

  record = find_record (self, rowid);
  if (record < 0)
    return FALSE;

  return get_record_location (self, record, latitude, longitude);
}

gboolean
atlas_index_get_record_location (AtlasIndex *self,
                                 guint       record,
                                 double     *latitude,
                                 double     *longitude)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->sealed, FALSE);
  g_return_val_if_fail (record < self->n_records, FALSE);

  return get_record_location (self, record, latitude, longitude);
}

/* Related initiatives */

/* Better first: higher score, then more partners, then more countries,
 * then the smaller rowid. */
static gboolean
related_is_better (const AtlasRelated *a,
                   const AtlasRelated *b)
{
  if (a->score != b->score)
    return a->score > b->score;
  if (a->n_partners != b->n_partners)
    return a->n_partners > b->n_partners;
  if (a->n_countries != b->n_countries)
    return a->n_countries > b->n_countries;
  return a->rowid < b->rowid;
}

/* Adds one to @counts for every other record that shares each value of the
 * record's list (from @start/@list) through the postings of that value. */
static void
count_shared (guint            record,
              const guint32   *start,
              const guint16   *list16,
              const guint32   *list32,
              const guint32   *post_start,
              const guint32   *posts,
              guint16         *counts)
{
  for (guint k = start[record]; k < start[record + 1]; k++)
    {
      guint value = list16 != NULL ? list16[k] : list32[k];

      for (guint p = post_start[value]; p < post_start[value + 1]; p++)
        if (counts[posts[p]] < G_MAXUINT16)
          counts[posts[p]]++;
    }
}

/**
 * atlas_index_find_related:
 * @rowid: the initiative to find relatives of
 * @max_related: how many to return at most
 *
 * Returns: (transfer full) (element-type AtlasRelated): the most related
 *   initiatives, best first; empty when @rowid is not in the index
 */
GArray *
atlas_index_find_related (AtlasIndex *self,
                          gint64      rowid,
                          guint       max_related)
{
  g_autoptr(GArray) related = NULL;
  g_autofree guint16 *partners = NULL;
  g_autofree guint16 *countries = NULL;
  const guint64 *tags;
  gssize record;
  guint64 own_tags;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);

  related = g_array_sized_new (FALSE, FALSE, sizeof (AtlasRelated), MIN (max_related, 64));

  record = find_record (self, rowid);
  if (record < 0 || max_related == 0)
    return g_steal_pointer (&related);

  partners = g_new0 (guint16, MAX (self->n_records, 1));
  countries = g_new0 (guint16, MAX (self->n_records, 1));

  count_shared ((guint) record, self->d.org_start, NULL, self->d.orgs,
                self->org_post_start, self->org_posts, partners);
  count_shared ((guint) record, self->d.country_start, self->d.countries, NULL,
                self->country_post_start, self->country_posts, countries);

  tags = self->d.tags;
  own_tags = tags[record];

  /* One pass, keeping the best @max_related in order (insertion into a
   * short sorted array). */
  for (guint i = 0; i < self->n_records; i++)
    {
      AtlasRelated candidate;
      guint n_tags;
      guint position;

      if (i == (guint) record)
        continue;

      n_tags = (guint) __builtin_popcountll (tags[i] & own_tags);
      if (partners[i] == 0 && countries[i] == 0 && n_tags == 0)
        continue;

      candidate.rowid = self->d.rowids[i];
      candidate.n_partners = partners[i];
      candidate.n_countries = countries[i];
      candidate.n_tags = n_tags;
      candidate.score = candidate.n_partners * RELATED_PARTNER_WEIGHT +
                        candidate.n_countries * RELATED_COUNTRY_WEIGHT +
                        candidate.n_tags * RELATED_TAG_WEIGHT;

      if (related->len == max_related &&
          !related_is_better (&candidate, &g_array_index (related, AtlasRelated, related->len - 1)))
        continue;

      position = related->len;
      while (position > 0 &&
             related_is_better (&candidate, &g_array_index (related, AtlasRelated, position - 1)))
        position--;

      if (related->len == max_related)
        g_array_set_size (related, related->len - 1);
      g_array_insert_val (related, position, candidate);
    }

  return g_steal_pointer (&related);
}

/**
 * atlas_related_get_reason:
 *
 * Returns: (transfer full): why an initiative is related, in words, from
 *   the two strongest reasons: "3 shared partners, 2 shared countries"
 */
char *
atlas_related_get_reason (const AtlasRelated *related)
{
  char *parts[3];
  guint n_parts = 0;
  char *reason;

  g_return_val_if_fail (related != NULL, NULL);

  if (related->n_partners > 0)
    parts[n_parts++] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u shared partner",
                                                     "%u shared partners",
                                                     related->n_partners),
                                        related->n_partners);
  if (related->n_countries > 0)
    parts[n_parts++] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u shared country",
                                                     "%u shared countries",
                                                     related->n_countries),
                                        related->n_countries);
  if (related->n_tags > 0)
    /* Translators: tags are the GDC objectives, WSIS Action Lines, SDGs
     * and digital priorities an initiative is tagged with. */
    parts[n_parts++] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u shared tag",
                                                     "%u shared tags",
                                                     related->n_tags),
                                        related->n_tags);

  if (n_parts == 0)
    return g_strdup ("");

  if (n_parts == 1)
    return parts[0];

  /* Translators: two reasons why an initiative is related to another one,
   * the stronger first, as in "3 shared partners, 2 shared countries". */
  reason = g_strdup_printf (C_("related initiative", "%s, %s"), parts[0], parts[1]);

  for (guint i = 0; i < n_parts; i++)
    g_free (parts[i]);

  return reason;
}

/* Running a query */

/* The records having any selected value, from the postings. */
static guint64 *
select_records (AtlasIndex    *self,
                const guint8  *table,
                guint          n_values,
                const guint32 *post_start,
                const guint32 *posts)
{
  guint64 *records = g_new0 (guint64, MAX ((self->n_records + 63) / 64, 1));

  for (guint v = 0; v < n_values; v++)
    if (table[v])
      for (guint k = post_start[v]; k < post_start[v + 1]; k++)
        records[posts[k] >> 6] |= WORD_BIT (posts[k]);

  return records;
}

static void
make_selection (AtlasIndex *self,
                AtlasQuery *query,
                Selection  *sel)
{
  int min_year = 0;
  int max_year = 0;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      guint n = 0;
      const char * const *values = atlas_query_get_values (query, f, &n);
      g_autofree guint8 *table = NULL;

      if (n == 0)
        continue;

      /* Values the index does not know select nothing, but the facet still
       * filters. */
      sel->active |= BIT (f);
      sel->active_facets[sel->n_active++] = (guint8) f;

      if (BIT (f) & COLUMN_FACETS)
        sel->selected[f] = g_new (guint16, n);
      else
        table = g_new0 (guint8, MAX (self->n_values[f], 1));

      for (guint i = 0; i < n; i++)
        {
          int p = atlas_index_find_value (self, f, values[i]);

          if (p < 0)
            continue;

          if (table != NULL)
            table[p] = 1;
          else
            sel->selected[f][sel->n_selected[f]++] = (guint16) (self->column_offset[f] + (guint) p);
        }

      if (f == ATLAS_FACET_COUNTRY)
        sel->countries = select_records (self, table, self->n_values[f],
                                         self->country_post_start, self->country_posts);
      else if (f == ATLAS_FACET_ORGANIZATION)
        sel->orgs = select_records (self, table, self->n_values[f],
                                    self->org_post_start, self->org_posts);
      else if (f == ATLAS_FACET_SOURCE)
        sel->sources = g_steal_pointer (&table);
    }

  atlas_query_get_year_range (query, &min_year, &max_year);
  sel->by_year = min_year > 0 || max_year > 0;
  sel->min_year = (guint) MAX (min_year, 1);
  sel->max_year = max_year > 0 ? (guint) max_year : G_MAXUINT;
}

/* Text matching */

static const guint32 match_weights[ATLAS_N_TEXT_MATCHES] = {
  [ATLAS_TEXT_MATCH_NONE] = 0,
  [ATLAS_TEXT_MATCH_DESCRIPTION] = 1,
  [ATLAS_TEXT_MATCH_SUMMARY] = 2,
  [ATLAS_TEXT_MATCH_NAME] = 4,
  [ATLAS_TEXT_MATCH_TITLE_PREFIX] = 8,
  [ATLAS_TEXT_MATCH_TITLE_WORD] = 16,
};

static Matches *
matches_ref (Matches *matches)
{
  g_atomic_ref_count_inc (&matches->ref_count);
  return matches;
}

static void
matches_unref (Matches *matches)
{
  if (!g_atomic_ref_count_dec (&matches->ref_count))
    return;

  g_strfreev (matches->words);
  g_strfreev (matches->written);
  g_free (matches->hits);
  g_free (matches->scores);
  g_free (matches);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Matches, matches_unref)

/* Words as written, in lower case: what the descriptions' search sees. */
static char **
lower_words (char **written)
{
  guint n = g_strv_length (written);
  char **lower = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    lower[i] = g_utf8_strdown (written[i], -1);

  return lower;
}

/* Raises @best to DESCRIPTION for the records of @rowids (ascending). */
static void
mark_descriptions (AtlasIndex   *self,
                   const GArray *rowids,
                   guint8       *best)
{
  const gint64 *rowid_of = self->d.rowids;
  guint position = 0;

  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);
      guint record = 0;

      /* Both in rowid order: one merge. */
      while (position < self->n_records)
        {
          record = self->by_rowid != NULL ? self->by_rowid[position] : position;
          if (rowid_of[record] >= rowid)
            break;
          position++;
        }

      if (position == self->n_records)
        break;

      if (rowid_of[record] == rowid)
        best[record] = MAX (best[record], ATLAS_TEXT_MATCH_DESCRIPTION);
    }
}

/* The records having every word, from the text index and, with @store, the
 * descriptions. */
static Matches *
match_words (AtlasIndex    *self,
             char         **words,
             char         **written,
             AtlasStore    *store,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(Matches) matches = g_new0 (Matches, 1);
  g_autoptr(GArray) rowids = NULL;
  g_autofree guint8 *best = NULL;
  const guint n = self->n_records;
  const guint n_blocks = (n + 63) / 64;
  guint64 *hits;
  guint32 *scores;

  g_atomic_ref_count_init (&matches->ref_count);
  matches->words = g_strdupv (words);
  matches->written = lower_words (written);
  matches->hits = hits = g_new (guint64, MAX (n_blocks, 1));
  matches->scores = scores = g_new0 (guint32, MAX (n, 1));
  matches->complete = store != NULL;
  best = g_new (guint8, MAX (n, 1));
  if (store != NULL)
    rowids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint b = 0; b < n_blocks; b++)
    hits[b] = (n - b * 64 >= 64) ? ~G_GUINT64_CONSTANT (0) : WORD_BIT (n) - 1;

  for (guint w = 0; words[w] != NULL; w++)
    {
      guint64 any = 0;

      memset (best, 0, n);
      atlas_text_index_match (self->text, words[w], best);

      if (store != NULL)
        {
          if (!atlas_store_search_descriptions (store, words[w], matches->written[w], rowids,
                                                cancellable, error))
            return NULL;
          mark_descriptions (self, rowids, best);
        }

      for (guint b = 0; b < n_blocks; b++)
        {
          const guint first = b * 64;
          const guint count = MIN (64, n - first);
          guint64 found = 0;

          if (hits[b] == 0)
            continue;

          for (guint j = 0; j < count; j++)
            {
              guint8 level = best[first + j];

              found |= (guint64) (level != 0) << j;
              scores[first + j] += match_weights[level];
            }

          hits[b] &= found;
          any |= hits[b];
        }

      /* Nothing left for the other words to narrow. */
      if (any == 0)
        break;
    }

  for (guint r = 0; r < n; r++)
    if (HAS_BIT (hits, r))
      matches->max_score = MAX (matches->max_score, scores[r]);

  return g_steal_pointer (&matches);
}

/* Adds one to @counts for each list element of the records in @word:
 * consecutive records are one stretch of the flat list. */
static inline void
count_lists (guint64                   word,
             guint                     first,
             const guint32 *restrict   start,
             const guint16 *restrict   list16,
             const guint32 *restrict   list32,
             guint         *restrict   counts)
{
  while (word != 0)
    {
      guint j = (guint) __builtin_ctzll (word);
      guint64 rest = word >> j;
      guint run = ~rest == 0 ? 64 - j : (guint) __builtin_ctzll (~rest);
      guint end = start[first + j + run];

      if (list16 != NULL)
        for (guint k = start[first + j]; k < end; k++)
          counts[list16[k]]++;
      else
        for (guint k = start[first + j]; k < end; k++)
          counts[list32[k]]++;

      word = run + j >= 64 ? 0 : word & (~G_GUINT64_CONSTANT (0) << (j + run));
    }
}

static inline void
count_sources (guint64                  word,
               guint                    first,
               const guint16 *restrict  source,
               guint         *restrict  counts)
{
  if (word == ~G_GUINT64_CONSTANT (0))
    {
      for (guint j = 0; j < 64; j++)
        counts[source[first + j]]++;
      return;
    }

  for (; word != 0; word &= word - 1)
    counts[source[first + (guint) __builtin_ctzll (word)]]++;
}

/* popcnt is not in the baseline x86-64 the build targets; GCC then calls a
 * slow generic function.  Clone the pass for CPUs that have it. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define SCAN_ATTRIBUTES __attribute__ ((target_clones ("popcnt", "default")))
#else
#define SCAN_ATTRIBUTES
#endif

/* The one pass over the blocks: the results (a bit set over records) and
 * every count.  Pointers are copied to restrict-qualified locals: the
 * counters are stored to all the time, and the compiler would otherwise
 * reload everything after each store. */
SCAN_ATTRIBUTES static guint
scan (AtlasIndex      *self,
      const Selection *sel,
      const guint64   *text_hits,
      guint           *column_counts,
      AtlasResult     *result,
      guint64         *passed_set)
{
  const guint64 *restrict columns = self->d.columns;
  const guint16 *restrict source = self->d.source;
  const guint16 *restrict year = self->d.year;
  const guint32 *restrict country_start = self->d.country_start;
  const guint16 *restrict countries = self->d.countries;
  const guint32 *restrict org_start = self->d.org_start;
  const guint32 *restrict orgs = self->d.orgs;
  const guint8 *restrict sel_sources = sel->sources;
  guint *restrict counts = column_counts;
  guint *restrict country_facet = result->counts[ATLAS_FACET_COUNTRY];
  guint *restrict org_facet = result->counts[ATLAS_FACET_ORGANIZATION];
  guint *restrict source_facet = result->counts[ATLAS_FACET_SOURCE];
  guint *restrict country_map = result->country_counts;
  guint64 *restrict passed = passed_set;
  const guint32 active = sel->active;
  const guint n_active = sel->n_active;
  const gboolean source_active = (active & BIT (ATLAS_FACET_SOURCE)) != 0;
  const gboolean country_active = (active & BIT (ATLAS_FACET_COUNTRY)) != 0;
  const gboolean org_active = (active & BIT (ATLAS_FACET_ORGANIZATION)) != 0;
  const guint n_columns = self->n_columns;
  const guint global_column = self->global_column;
  const guint n = self->n_records;
  const guint n_blocks = (n + 63) / 64;
  const gboolean by_year = sel->by_year;
  const guint min_year = sel->min_year;
  const guint year_span = sel->max_year - sel->min_year;
  guint n_global = 0;
  guint n_passed = 0;

  /* A range that holds no year matches nothing. */
  if (by_year && sel->max_year < sel->min_year)
    return 0;

  for (guint b = 0; b < n_blocks; b++)
    {
      const guint64 *restrict block = columns + (gsize) b * n_columns;
      const guint first = b * 64;
      guint64 base = (n - first >= 64) ? ~G_GUINT64_CONSTANT (0) : WORD_BIT (n) - 1;
      guint64 pass[ATLAS_N_FACETS];
      guint64 except[ATLAS_N_FACETS];
      guint64 prefix[ATLAS_N_FACETS + 1];
      guint64 suffix;
      guint64 all;
      guint64 e_source, e_country, e_org;

      if (text_hits != NULL)
        base &= text_hits[b];

      if (by_year)
        {
          /* One unsigned comparison per record, without branches; year 0
           * (none) wraps around and fails. */
          guint64 in_range = 0;
          guint count = MIN (64, n - first);

          for (guint j = 0; j < count; j++)
            in_range |= (guint64) ((guint) year[first + j] - min_year <= year_span) << j;

          base &= in_range;
        }

      if (base == 0)
        continue;

      for (guint k = 0; k < n_active; k++)
        {
          guint f = sel->active_facets[k];
          guint64 p = 0;

          switch (f)
            {
            case ATLAS_FACET_COUNTRY:
              p = sel->countries[b];
              break;

            case ATLAS_FACET_ORGANIZATION:
              p = sel->orgs[b];
              break;

            case ATLAS_FACET_SOURCE:
              for (guint64 w = base; w != 0; w &= w - 1)
                {
                  guint j = (guint) __builtin_ctzll (w);

                  p |= (guint64) sel_sources[source[first + j]] << j;
                }
              break;

            default:
              for (guint s = 0; s < sel->n_selected[f]; s++)
                p |= block[sel->selected[f][s]];
              break;
            }

          pass[f] = p;
        }

      /* E_F = base AND every pass but F's, from prefix and suffix ANDs. */
      prefix[0] = base;
      for (guint k = 0; k < n_active; k++)
        prefix[k + 1] = prefix[k] & pass[sel->active_facets[k]];
      suffix = ~G_GUINT64_CONSTANT (0);
      for (guint k = n_active; k-- > 0;)
        {
          except[sel->active_facets[k]] = prefix[k] & suffix;
          suffix &= pass[sel->active_facets[k]];
        }
      all = prefix[n_active];

      for (guint i = 0; i < G_N_ELEMENTS (column_facets); i++)
        {
          AtlasFacet f = column_facets[i];
          guint64 e = (active & BIT (f)) ? except[f] : all;
          guint end = self->column_offset[f] + self->n_values[f];

          if (e == 0)
            continue;

          for (guint c = self->column_offset[f]; c < end; c++)
            counts[c] += (guint) __builtin_popcountll (e & block[c]);
        }

      e_source = source_active ? except[ATLAS_FACET_SOURCE] : all;
      e_country = country_active ? except[ATLAS_FACET_COUNTRY] : all;
      e_org = org_active ? except[ATLAS_FACET_ORGANIZATION] : all;

      count_sources (e_source, first, source, source_facet);
      count_lists (e_country, first, country_start, countries, NULL, country_facet);
      count_lists (e_org, first, org_start, NULL, orgs, org_facet);

      /* Without a country selection, the map's counts are the country
       * facet's; they are copied after the loop. */
      if (country_active)
        count_lists (all, first, country_start, countries, NULL, country_map);

      passed[b] = all;
      n_passed += (guint) __builtin_popcountll (all);
      n_global += (guint) __builtin_popcountll (all & block[global_column]);
    }

  if (!country_active)
    memcpy (country_map, country_facet, self->n_values[ATLAS_FACET_COUNTRY] * sizeof (guint));

  result->n_global = n_global;

  return n_passed;
}

static AtlasResult *
result_new (AtlasIndex *self)
{
  AtlasResult *result = g_new0 (AtlasResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->index = atlas_index_ref (self);

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    result->counts[f] = g_new0 (guint, MAX (self->n_values[f], 1));
  result->country_counts = g_new0 (guint, MAX (self->n_values[ATLAS_FACET_COUNTRY], 1));

  return result;
}

/* The passed records in the order of @order, or by score (best first, ties
 * in the order of @order) when @matches. */
static void
collect_items (AtlasIndex    *self,
               AtlasResult   *result,
               const guint32 *order,
               const guint64 *passed,
               const Matches *matches)
{
  guint n = 0;

  result->items = g_new (guint32, MAX (result->n_items, 1));

  if (result->n_items == self->n_records)
    {
      memcpy (result->items, order, self->n_records * sizeof (guint32));
    }
  else
    {
      /* Without a branch per record: write, then advance if it passed. */
      for (guint i = 0; i < self->n_records && n < result->n_items; i++)
        {
          result->items[n] = order[i];
          n += HAS_BIT (passed, order[i]);
        }
    }

  if (matches != NULL && result->n_items > 1)
    {
      /* A counting sort on the score, from the best down: stable. */
      g_autofree guint *start = g_new0 (guint, matches->max_score + 2);
      g_autofree guint32 *in_order = g_steal_pointer (&result->items);

      for (guint i = 0; i < result->n_items; i++)
        start[matches->max_score - matches->scores[in_order[i]] + 1]++;
      for (guint s = 0; s <= matches->max_score; s++)
        start[s + 1] += start[s];

      result->items = g_new (guint32, result->n_items);
      for (guint i = 0; i < result->n_items; i++)
        result->items[start[matches->max_score - matches->scores[in_order[i]]]++] = in_order[i];
    }
}

/* The query with the text's matches already made. */
static AtlasResult *
run_with_matches (AtlasIndex    *self,
                  AtlasQuery    *query,
                  Matches       *matches,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_auto(Selection) sel = { 0 };
  g_autoptr(AtlasResult) result = NULL;
  g_autofree guint *column_counts = NULL;
  g_autofree guint64 *passed = NULL;
  const guint32 *order;
  AtlasSort sort;
  guint n_words;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  sort = atlas_query_get_sort (query);
  n_words = MAX ((self->n_records + 63) / 64, 1);
  result = result_new (self);
  if (matches != NULL)
    result->matches = matches_ref (matches);

  make_selection (self, query, &sel);

  column_counts = g_new0 (guint, self->n_columns);
  passed = g_new0 (guint64, n_words);
  result->n_items = scan (self, &sel, matches != NULL ? matches->hits : NULL, column_counts,
                          result, passed);

  for (guint i = 0; i < G_N_ELEMENTS (column_facets); i++)
    {
      AtlasFacet f = column_facets[i];

      memcpy (result->counts[f], column_counts + self->column_offset[f],
              self->n_values[f] * sizeof (guint));
    }

  switch (sort)
    {
    case ATLAS_SORT_TITLE:
      order = self->by_title;
      break;
    case ATLAS_SORT_START_DATE:
      order = self->by_start;
      break;
    case ATLAS_SORT_RELEVANCE:
    case ATLAS_SORT_UPDATED:
    case ATLAS_N_SORTS:
    default:
      /* Relevance: by score when there is text, ties newest first. */
      order = self->by_updated;
      break;
    }

  collect_items (self, result, order, passed, sort == ATLAS_SORT_RELEVANCE ? matches : NULL);

  return g_steal_pointer (&result);
}

/**
 * atlas_index_run:
 *
 * Returns: (transfer full): the answer to @query, or %NULL with @error set
 *   (the text search failed, or @cancellable was cancelled)
 */
AtlasResult *
atlas_index_run (AtlasIndex    *self,
                 AtlasQuery    *query,
                 AtlasStore    *store,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(Matches) matches = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) written = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);
  g_return_val_if_fail (ATLAS_IS_QUERY (query), NULL);
  g_return_val_if_fail (store == NULL || ATLAS_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  words = atlas_text_split_words_full (atlas_query_get_text (query), &written);
  if (words[0] != NULL)
    {
      matches = match_words (self, words, written, store, cancellable, error);
      if (matches == NULL)
        return NULL;
    }

  return run_with_matches (self, query, matches, cancellable, error);
}

/**
 * atlas_index_rerun:
 *
 * Returns: (transfer full): the answer to @query, or %NULL with @error set
 *   (@cancellable was cancelled)
 */
AtlasResult *
atlas_index_rerun (AtlasIndex    *self,
                   AtlasQuery    *query,
                   AtlasResult   *previous,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);
  g_return_val_if_fail (ATLAS_IS_QUERY (query), NULL);
  g_return_val_if_fail (previous != NULL, NULL);
  g_return_val_if_fail (previous->index == self, NULL);
  g_return_val_if_fail (atlas_result_has_same_words (previous, query), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_with_matches (self, query, previous->matches, cancellable, error);
}

/**
 * atlas_index_get_text_index:
 *
 * Returns: (transfer none): the index of the short texts
 */
AtlasTextIndex *
atlas_index_get_text_index (AtlasIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);

  return self->text;
}

/* Results */

AtlasResult *
atlas_result_ref (AtlasResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
atlas_result_unref (AtlasResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    g_free (self->counts[f]);
  g_free (self->country_counts);
  g_free (self->items);
  g_clear_pointer (&self->matches, matches_unref);
  atlas_index_unref (self->index);
  g_free (self);
}

/**
 * atlas_result_get_index:
 *
 * Returns: (transfer none): the index that answered
 */
AtlasIndex *
atlas_result_get_index (AtlasResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->index;
}

gboolean
atlas_result_is_complete (AtlasResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->matches == NULL || self->matches->complete;
}

gboolean
atlas_result_has_same_words (AtlasResult *self,
                             AtlasQuery  *query)
{
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) written = NULL;
  g_auto(GStrv) lower = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ATLAS_IS_QUERY (query), FALSE);

  words = atlas_text_split_words_full (atlas_query_get_text (query), &written);
  if (self->matches == NULL)
    return words[0] == NULL;

  lower = lower_words (written);

  /* As written too: the descriptions' search depends on it. */
  return g_strv_equal ((const char * const *) words,
                       (const char * const *) self->matches->words) &&
         g_strv_equal ((const char * const *) lower,
                       (const char * const *) self->matches->written);
}

/**
 * atlas_result_get_words:
 *
 * Returns: (transfer none) (nullable): the folded words of the text that was
 *   searched, %NULL without text
 */
const char * const *
atlas_result_get_words (AtlasResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->matches != NULL ? (const char * const *) self->matches->words : NULL;
}

guint
atlas_result_get_n_items (AtlasResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_items;
}

gint64
atlas_result_get_rowid (AtlasResult *self,
                        guint        position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->n_items, 0);

  return self->index->d.rowids[self->items[position]];
}

guint
atlas_result_get_record (AtlasResult *self,
                         guint        position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->n_items, 0);

  return self->items[position];
}

/**
 * atlas_result_get_records:
 * @n_items: (out) (optional): the number of items
 *
 * Returns: (transfer none) (array length=n_items): the record of each
 *   position (see atlas_result_get_record())
 */
const guint *
atlas_result_get_records (AtlasResult *self,
                          guint       *n_items)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_items != NULL)
    *n_items = self->n_items;

  return self->items;
}

int
atlas_result_find_rowid (AtlasResult *self,
                         gint64       rowid)
{
  gssize record;

  g_return_val_if_fail (self != NULL, -1);

  record = find_record (self->index, rowid);
  if (record < 0)
    return -1;

  for (guint i = 0; i < self->n_items; i++)
    if (self->items[i] == (guint32) record)
      return (int) i;

  return -1;
}

/**
 * atlas_result_get_facet_counts:
 * @n_values: (out) (optional): the number of counts
 *
 * Returns: (transfer none) (array length=n_values): the counts
 */
const guint *
atlas_result_get_facet_counts (AtlasResult *self,
                               AtlasFacet   facet,
                               guint       *n_values)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);

  if (n_values != NULL)
    *n_values = self->index->n_values[facet];

  return self->counts[facet];
}

guint
atlas_result_get_count (AtlasResult *self,
                        AtlasFacet   facet,
                        const char  *value)
{
  int position;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, 0);

  position = atlas_index_find_value (self->index, facet, value);

  return position >= 0 ? self->counts[facet][position] : 0;
}

/**
 * atlas_result_get_country_counts:
 * @n_countries: (out) (optional): the number of countries
 *
 * Returns: (transfer none) (array length=n_countries): the counts
 */
const guint *
atlas_result_get_country_counts (AtlasResult *self,
                                 guint       *n_countries)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_countries != NULL)
    *n_countries = self->index->n_values[ATLAS_FACET_COUNTRY];

  return self->country_counts;
}

guint
atlas_result_get_n_global (AtlasResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_global;
}
