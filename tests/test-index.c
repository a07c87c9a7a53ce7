/* test-index.c
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

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-test-util.h"

/* Value strings as small numbers (ids from 1), so that counts are arrays. */
static GHashTable *value_ids;      /* string -> id */
static GPtrArray  *value_strings;  /* id -> string */

static guint
value_id (const char *value)
{
  guint id;

  if (value_ids == NULL)
    {
      value_ids = g_hash_table_new (g_str_hash, g_str_equal);
      value_strings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (value_strings, NULL);
    }

  id = GPOINTER_TO_UINT (g_hash_table_lookup (value_ids, value));
  if (id == 0)
    {
      char *copy = g_strdup (value);

      id = value_strings->len;
      g_ptr_array_add (value_strings, copy);
      g_hash_table_insert (value_ids, copy, GUINT_TO_POINTER (id));
    }

  return id;
}

/* 0 for a string no record has. */
static guint
value_id_lookup (const char *value)
{
  return value_ids != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (value_ids, value)) : 0;
}

/* One record as a test writes it, with the facet values it should have by
 * the rules of atlas-index.h, worked out here from the row data alone. */
typedef struct
{
  gint64       rowid;
  gint64       source_id;
  AtlasStatus  status;
  guint32      gdc;
  guint32      wsis;
  guint32      sdg;
  guint32      priorities;
  guint32      org_types;
  char        *title;
  char        *start_date;
  char        *updated_at;
  GPtrArray   *countries;     /* char* */
  GArray      *regions;       /* guint16 */
  GArray      *orgs;          /* gint64 */
  gboolean     has_location;
  double       latitude;
  double       longitude;

  GPtrArray   *values[ATLAS_N_FACETS];   /* strings of value_strings, no duplicates */
  GArray      *ids[ATLAS_N_FACETS];      /* the same as value ids */
  int          start_year;
  char        *folded_title;
} Record;

static Record *
record_new (gint64 rowid)
{
  Record *r = g_new0 (Record, 1);

  r->rowid = rowid;
  r->source_id = 1;
  r->countries = g_ptr_array_new_with_free_func (g_free);
  r->regions = g_array_new (FALSE, FALSE, sizeof (guint16));
  r->orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      r->values[f] = g_ptr_array_new ();
      r->ids[f] = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  return r;
}

static void
record_free (Record *r)
{
  g_free (r->title);
  g_free (r->folded_title);
  g_free (r->start_date);
  g_free (r->updated_at);
  g_ptr_array_unref (r->countries);
  g_array_unref (r->regions);
  g_array_unref (r->orgs);
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      g_ptr_array_unref (r->values[f]);
      g_array_unref (r->ids[f]);
    }
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Record, record_free)

static void
add_expected (Record     *r,
              AtlasFacet  facet,
              const char *value)
{
  guint id = value_id (value);
  const char *interned = g_ptr_array_index (value_strings, id);

  if (!g_ptr_array_find (r->values[facet], interned, NULL))
    {
      g_ptr_array_add (r->values[facet], (gpointer) interned);
      g_array_append_val (r->ids[facet], id);
    }
}

/* The rules, written out plainly. */
static void
record_compute_values (Record *r)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  char buffer[32];

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      g_ptr_array_set_size (r->values[f], 0);
      g_array_set_size (r->ids[f], 0);
    }

  for (guint n = 1; n <= ATLAS_N_GDC_OBJECTIVES; n++)
    if (r->gdc & (1u << (n - 1)))
      {
        g_snprintf (buffer, sizeof buffer, "%u", n);
        add_expected (r, ATLAS_FACET_GDC, buffer);
      }

  for (guint line = 0; line < ATLAS_N_WSIS_LINES; line++)
    if (r->wsis & (1u << line))
      {
        add_expected (r, ATLAS_FACET_WSIS, atlas_wsis_line_to_string (line));
        if (g_str_has_prefix (atlas_wsis_line_to_string (line), "C7."))
          add_expected (r, ATLAS_FACET_WSIS, "C7");
      }

  for (guint n = 1; n <= ATLAS_N_SDGS; n++)
    if (r->sdg & (1u << (n - 1)))
      {
        g_snprintf (buffer, sizeof buffer, "%u", n);
        add_expected (r, ATLAS_FACET_SDG, buffer);
      }

  for (guint p = 0; p < ATLAS_N_PRIORITIES; p++)
    if (r->priorities & (1u << p))
      add_expected (r, ATLAS_FACET_PRIORITY, atlas_priority_to_string (p));

  for (guint t = 1; t < ATLAS_N_ORG_TYPES; t++)
    if (r->org_types & (1u << t))
      add_expected (r, ATLAS_FACET_ORG_TYPE, atlas_org_type_to_string (t));

  if (r->status != ATLAS_STATUS_UNKNOWN)
    add_expected (r, ATLAS_FACET_STATUS, atlas_status_to_string (r->status));

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, r->source_id);
  add_expected (r, ATLAS_FACET_SOURCE, buffer);

  for (guint i = 0; i < r->orgs->len; i++)
    {
      g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, g_array_index (r->orgs, gint64, i));
      add_expected (r, ATLAS_FACET_ORGANIZATION, buffer);
    }

  for (guint i = 0; i < r->countries->len; i++)
    {
      int c = atlas_vocab_find_country (vocab, g_ptr_array_index (r->countries, i));

      if (c >= 0)
        add_expected (r, ATLAS_FACET_COUNTRY, atlas_vocab_get_country (vocab, c)->alpha2);
    }

  /* A region matches when one of the record's countries lies inside it, or
   * the record is tagged with it or with a region inside it. */
  for (guint i = 0; i < atlas_vocab_get_n_regions (vocab); i++)
    {
      guint16 code = atlas_vocab_get_region (vocab, i)->code;
      gboolean match = FALSE;

      for (guint k = 0; k < r->countries->len && !match; k++)
        {
          int c = atlas_vocab_find_country (vocab, g_ptr_array_index (r->countries, k));

          match = c >= 0 && atlas_vocab_country_in_region (vocab, c, code);
        }

      for (guint k = 0; k < r->regions->len && !match; k++)
        match = atlas_vocab_region_contains (vocab, code, g_array_index (r->regions, guint16, k));

      if (match)
        {
          g_snprintf (buffer, sizeof buffer, "%03u", code);
          add_expected (r, ATLAS_FACET_REGION, buffer);
        }
    }

  r->start_year = r->start_date != NULL ? atoi (r->start_date) : 0;

  g_free (r->folded_title);
  r->folded_title = g_utf8_casefold (r->title != NULL ? r->title : "", -1);
}

static void
record_add_to_index (Record     *r,
                     AtlasIndex *index)
{
  AtlasIndexRow row = { 0 };

  row.rowid = r->rowid;
  row.source_id = r->source_id;
  row.status = r->status;
  row.gdc_objectives = r->gdc;
  row.wsis_lines = r->wsis;
  row.sdgs = r->sdg;
  row.priorities = r->priorities;
  row.org_types = r->org_types;
  row.title = r->title;
  row.start_date = r->start_date;
  row.updated_at = r->updated_at;
  row.countries = (const char * const *) r->countries->pdata;
  row.n_countries = r->countries->len;
  row.regions = (const guint16 *) (gpointer) r->regions->data;
  row.n_regions = r->regions->len;
  row.organizations = (const gint64 *) (gpointer) r->orgs->data;
  row.n_organizations = r->orgs->len;
  row.has_location = r->has_location;
  row.latitude = r->latitude;
  row.longitude = r->longitude;

  atlas_index_add_row (index, &row);
}

static AtlasIndex *
make_index (GPtrArray *records)
{
  AtlasIndex *index = atlas_index_new ();

  for (guint i = 0; i < records->len; i++)
    {
      record_compute_values (g_ptr_array_index (records, i));
      record_add_to_index (g_ptr_array_index (records, i), index);
    }
  atlas_index_seal (index);

  return index;
}

/* Brute force */

typedef struct
{
  guint       n_ids;                      /* upper bound of the value ids */
  gboolean   *selected[ATLAS_N_FACETS];   /* by value id, or NULL when the facet is empty */
  int         min_year;
  int         max_year;
  AtlasSort   sort;
  char      **words;                      /* of the text, lower case; NULL without text */
} Expectation;

static void
expectation_clear (Expectation *e)
{
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    g_clear_pointer (&e->selected[f], g_free);
  g_clear_pointer (&e->words, g_strfreev);
}

/* The words of @text: runs of letters and digits, lower case. */
static char **
split_words (const char *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }

      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);

      if (c == 0)
        break;
    }

  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* Every word of the text is the start of a word of the title. */
static gboolean
title_matches (const Record *r,
               char * const *words)
{
  g_auto(GStrv) title_words = split_words (r->title != NULL ? r->title : "");

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; title_words[k] != NULL && !found; k++)
        found = g_str_has_prefix (title_words[k], words[i]);

      if (!found)
        return FALSE;
    }

  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Expectation, expectation_clear)

static void
expectation_init (Expectation *e,
                  AtlasQuery  *query,
                  GPtrArray   *records)
{
  e->n_ids = 1;
  for (guint i = 0; i < records->len; i++)
    {
      const Record *r = g_ptr_array_index (records, i);

      for (guint f = 0; f < ATLAS_N_FACETS; f++)
        for (guint k = 0; k < r->ids[f]->len; k++)
          e->n_ids = MAX (e->n_ids, g_array_index (r->ids[f], guint, k) + 1);
    }

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      guint n = 0;
      const char * const *values = atlas_query_get_values (query, f, &n);

      if (n == 0)
        continue;

      e->selected[f] = g_new0 (gboolean, e->n_ids);
      for (guint i = 0; i < n; i++)
        {
          /* A value no record has selects nothing. */
          guint id = value_id_lookup (values[i]);

          if (id != 0 && id < e->n_ids)
            e->selected[f][id] = TRUE;
        }
    }

  atlas_query_get_year_range (query, &e->min_year, &e->max_year);
  e->sort = atlas_query_get_sort (query);
}

/* Passes the year range and the text. */
static gboolean
record_in_base (const Expectation *e,
                const Record      *r)
{
  if (e->words != NULL && !title_matches (r, e->words))
    return FALSE;

  if (e->min_year == 0 && e->max_year == 0)
    return TRUE;

  if (r->start_year == 0)
    return FALSE;

  return (e->min_year == 0 || r->start_year >= e->min_year) &&
         (e->max_year == 0 || r->start_year <= e->max_year);
}

static gboolean
record_passes_facet (const Expectation *e,
                     const Record      *r,
                     AtlasFacet         facet)
{
  if (e->selected[facet] == NULL)
    return TRUE;

  for (guint i = 0; i < r->ids[facet]->len; i++)
    if (e->selected[facet][g_array_index (r->ids[facet], guint, i)])
      return TRUE;

  return FALSE;
}

/* Titles: the locale's collation, ignoring case; then rowid. */
static int
compare_titles (const Record *a,
                const Record *b)
{
  int cmp = g_utf8_collate (a->folded_title, b->folded_title);

  if (cmp != 0)
    return cmp;

  return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

/* Undated last; NULL or "" is undated. */
static int
compare_dates (const char *a,
               const char *b,
               gboolean    newest_first)
{
  gboolean has_a = a != NULL && *a != '\0';
  gboolean has_b = b != NULL && *b != '\0';

  if (!has_a || !has_b)
    return has_a == has_b ? 0 : has_a ? -1 : 1;

  return newest_first ? -strcmp (a, b) : strcmp (a, b);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Record *x = *(Record * const *) a;
  const Record *y = *(Record * const *) b;
  AtlasSort sort = GPOINTER_TO_INT (user_data);
  int cmp = 0;

  switch (sort)
    {
    case ATLAS_SORT_START_DATE:
      cmp = compare_dates (x->start_date, y->start_date, FALSE);
      break;
    case ATLAS_SORT_UPDATED:
    case ATLAS_SORT_RELEVANCE:
      cmp = compare_dates (x->updated_at, y->updated_at, TRUE);
      break;
    case ATLAS_SORT_TITLE:
    case ATLAS_N_SORTS:
    default:
      break;
    }

  return cmp != 0 ? cmp : compare_titles (x, y);
}

/* Relevance as atlas-index.c defines it, for texts found in titles only
 * (the store's data below is made so): per word, 16 when it is a whole word
 * of the title, 8 when it begins one; summed over the words. */
static guint
title_score (const Record *r,
             char * const *words)
{
  g_auto(GStrv) title_words = split_words (r->title != NULL ? r->title : "");
  guint score = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint best = 0;

      for (guint k = 0; title_words[k] != NULL; k++)
        if (g_str_equal (title_words[k], words[i]))
          best = 16;
        else if (g_str_has_prefix (title_words[k], words[i]))
          best = MAX (best, 8);

      score += best;
    }

  return score;
}

/* With text, by relevance, best first; ties newest first. */
static int
compare_by_score (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Record *x = *(Record * const *) a;
  const Record *y = *(Record * const *) b;
  char * const *words = user_data;
  guint sx = title_score (x, words);
  guint sy = title_score (y, words);

  if (sx != sy)
    return sx > sy ? -1 : 1;

  return compare_records (a, b, GINT_TO_POINTER (ATLAS_SORT_UPDATED));
}

/* A count by value id; 0 for a string no record has. */
static guint
lookup_count (const guint *counts,
              guint        n_ids,
              const char  *value)
{
  guint id = value_id_lookup (value);

  return id != 0 && id < n_ids ? counts[id] : 0;
}

/* Runs @query on @index and checks every part of the answer against a
 * straightforward evaluation over @records.  With text, @store searches
 * the descriptions too (the records here have none). */
static void
check_query_with_store (AtlasIndex *index,
                        AtlasStore *store,
                        GPtrArray  *records,
                        AtlasQuery *query)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_auto(Expectation) e = { 0 };
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autofree gboolean *passes = g_new0 (gboolean, records->len * ATLAS_N_FACETS);
  g_autofree gboolean *in_years = g_new0 (gboolean, records->len);
  g_autofree guint *country_map = NULL;
  guint n_global = 0;
  const guint *counts;
  const guint *country_counts;
  guint n_values = 0;
  guint n_countries = 0;

  expectation_init (&e, query, records);
  country_map = g_new0 (guint, e.n_ids);

  e.words = split_words (atlas_query_get_text (query));
  if (e.words[0] == NULL)
    g_clear_pointer (&e.words, g_strfreev);

  if (e.words != NULL)
    g_assert_nonnull (store);

  result = atlas_index_run (index, query, store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (atlas_result_get_index (result) == index);

  for (guint i = 0; i < records->len; i++)
    {
      const Record *r = g_ptr_array_index (records, i);
      gboolean all = TRUE;

      in_years[i] = record_in_base (&e, r);
      for (guint f = 0; f < ATLAS_N_FACETS; f++)
        {
          passes[i * ATLAS_N_FACETS + f] = record_passes_facet (&e, r, f);
          all = all && passes[i * ATLAS_N_FACETS + f];
        }

      if (in_years[i] && all)
        {
          g_ptr_array_add (matching, (gpointer) r);
          if (r->values[ATLAS_FACET_COUNTRY]->len == 0)
            n_global++;
          for (guint k = 0; k < r->ids[ATLAS_FACET_COUNTRY]->len; k++)
            country_map[g_array_index (r->ids[ATLAS_FACET_COUNTRY], guint, k)]++;
        }
    }

  /* The results, in order. */
  if (e.words != NULL && e.sort == ATLAS_SORT_RELEVANCE)
    g_ptr_array_sort_with_data (matching, compare_by_score, e.words);
  else
    g_ptr_array_sort_with_data (matching, compare_records, GINT_TO_POINTER (e.sort));
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, matching->len);
  for (guint i = 0; i < matching->len; i++)
    {
      const Record *r = g_ptr_array_index (matching, i);

      g_assert_cmpint (atlas_result_get_rowid (result, i), ==, r->rowid);
      if (i % 97 == 0)
        g_assert_cmpint (atlas_result_find_rowid (result, r->rowid), ==, (int) i);
    }

  /* Each facet's counts: the records matching everything else. */
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      g_autofree guint *expected = g_new0 (guint, e.n_ids);
      guint n_expected = 0;
      guint n_seen = 0;

      for (guint i = 0; i < records->len; i++)
        {
          const Record *r = g_ptr_array_index (records, i);
          gboolean others = in_years[i];

          for (guint g = 0; g < ATLAS_N_FACETS && others; g++)
            if (g != f)
              others = passes[i * ATLAS_N_FACETS + g];

          if (others)
            for (guint k = 0; k < r->ids[f]->len; k++)
              {
                guint id = g_array_index (r->ids[f], guint, k);

                n_expected += expected[id] == 0;
                expected[id]++;
              }
        }

      counts = atlas_result_get_facet_counts (result, f, &n_values);
      g_assert_cmpuint (n_values, ==, atlas_index_get_n_values (index, f));

      for (guint p = 0; p < n_values; p++)
        {
          const char *value = atlas_index_get_value (index, f, p);
          guint want = lookup_count (expected, e.n_ids, value);

          if (counts[p] != want)
            g_error ("facet %s value %s: index counts %u, expected %u",
                     atlas_facet_to_string (f), value, counts[p], want);
          g_assert_cmpuint (atlas_result_get_count (result, f, value), ==, want);
          n_seen += want > 0;
        }

      /* Every value some record has is among the index's values. */
      g_assert_cmpuint (n_seen, ==, n_expected);
    }

  country_counts = atlas_result_get_country_counts (result, &n_countries);
  g_assert_cmpuint (n_countries, ==, atlas_vocab_get_n_countries (vocab));
  for (guint c = 0; c < n_countries; c++)
    g_assert_cmpuint (country_counts[c], ==,
                      lookup_count (country_map, e.n_ids,
                                    atlas_vocab_get_country (vocab, c)->alpha2));
  g_assert_cmpuint (atlas_result_get_n_global (result), ==, n_global);
}

static void
check_query (AtlasIndex *index,
             GPtrArray  *records,
             AtlasQuery *query)
{
  check_query_with_store (index, NULL, records, query);
}

/* Random data */

static const char * const title_words[] = {
  "Digital", "digital", "Ágora", "agora", "Zeta", "alpha", "Öffentlich", "éducation",
  "Education", "data", "Data", "Éducation", "zèbre", "AI", "ai", "Open",
};

static const char * const country_pool[] = {
  "KE", "NG", "ZA", "EG", "FR", "DE", "BR", "MX", "US", "CA", "IN", "CN", "JP", "AU",
  "FJ", "NZ", "KZ", "TR", "SE", "JE", "ke", "XK", "ZZ",
};

static const guint16 region_pool[] = {
  1, 2, 19, 142, 150, 9, 14, 202, 419, 154, 830, 5, 61, 15, 999,
};

static void
random_date (GRand   *rand,
             char    *buffer,
             gsize    size,
             gboolean with_time)
{
  int year = g_rand_int_range (rand, 1995, 2031);

  if (!with_time && g_rand_int_range (rand, 0, 5) == 0)
    g_snprintf (buffer, size, "%d", year);
  else if (!with_time)
    g_snprintf (buffer, size, "%d-%02d-%02d", year,
                g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  else
    g_snprintf (buffer, size, "%d-%02d-%02dT%02d:%02d:%02dZ", year,
                g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60),
                g_rand_int_range (rand, 0, 60));
}

static guint32
random_bits (GRand  *rand,
             guint   n_bits,
             double  probability)
{
  guint32 bits = 0;

  for (guint b = 0; b < n_bits; b++)
    if (g_rand_double (rand) < probability)
      bits |= 1u << b;

  return bits;
}

/* @n records with distinct rowids in random order. */
static GPtrArray *
make_random_records (GRand *rand,
                     guint  n)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autofree gint64 *rowids = g_new (gint64, MAX (n, 1));
  gint64 org_pool[60];
  AtlasOrgType org_type_of[60];
  AtlasVocab *vocab = atlas_vocab_get_default ();
  guint n_countries = atlas_vocab_get_n_countries (vocab);

  for (guint i = 0; i < n; i++)
    rowids[i] = 1 + 3 * (gint64) i;
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gint64 t = rowids[i - 1];

      rowids[i - 1] = rowids[j];
      rowids[j] = t;
    }

  for (guint i = 0; i < G_N_ELEMENTS (org_pool); i++)
    {
      org_pool[i] = 1000 + 17 * (gint64) i + g_rand_int_range (rand, 0, 17);
      org_type_of[i] = g_rand_int_range (rand, 0, ATLAS_N_ORG_TYPES);
    }

  for (guint i = 0; i < n; i++)
    {
      Record *r = record_new (rowids[i]);
      char buffer[64];
      guint k;

      r->source_id = (gint64[]) { 2, 5, 9 }[g_rand_int_range (rand, 0, 3)];
      r->status = g_rand_int_range (rand, 0, ATLAS_N_STATUSES);
      r->gdc = random_bits (rand, ATLAS_N_GDC_OBJECTIVES, 0.3);
      r->wsis = random_bits (rand, ATLAS_N_WSIS_LINES, 0.1);
      r->sdg = random_bits (rand, ATLAS_N_SDGS, 0.12);
      r->priorities = random_bits (rand, ATLAS_N_PRIORITIES, 0.25);

      k = g_rand_int_range (rand, 0, 5);
      for (guint j = 0; j < k; j++)
        {
          guint o = g_rand_int_range (rand, 0, G_N_ELEMENTS (org_pool));

          g_array_append_val (r->orgs, org_pool[o]);
          r->org_types |= 1u << org_type_of[o];
        }

      k = g_rand_int_range (rand, 0, 4);
      for (guint j = 0; j < k; j++)
        {
          const char *code;

          if (g_rand_int_range (rand, 0, 4) == 0)
            code = atlas_vocab_get_country (vocab, g_rand_int_range (rand, 0, n_countries))->alpha2;
          else
            code = country_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (country_pool))];
          g_ptr_array_add (r->countries, g_strdup (code));
        }
      g_ptr_array_add (r->countries, NULL);
      g_ptr_array_set_size (r->countries, r->countries->len - 1);

      k = g_rand_int_range (rand, 0, 6) == 0 ? g_rand_int_range (rand, 1, 3) : 0;
      for (guint j = 0; j < k; j++)
        g_array_append_val (r->regions,
                            region_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (region_pool))]);

      k = g_rand_int_range (rand, 0, 3);
      buffer[0] = '\0';
      for (guint j = 0; j <= k; j++)
        {
          if (j > 0)
            g_strlcat (buffer, " ", sizeof buffer);
          g_strlcat (buffer, title_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_words))],
                     sizeof buffer);
        }
      r->title = g_rand_int_range (rand, 0, 50) == 0 ? NULL : g_strdup (buffer);

      if (g_rand_int_range (rand, 0, 4) != 0)
        {
          random_date (rand, buffer, sizeof buffer, FALSE);
          r->start_date = g_strdup (buffer);
        }
      if (g_rand_int_range (rand, 0, 10) != 0)
        {
          random_date (rand, buffer, sizeof buffer, TRUE);
          r->updated_at = g_strdup (buffer);
        }

      r->has_location = g_rand_boolean (rand);
      r->latitude = g_rand_double_range (rand, -60, 70);
      r->longitude = g_rand_double_range (rand, -180, 180);

      record_compute_values (r);
      g_ptr_array_add (records, r);
    }

  return records;
}

static const char * const junk_values[] = {
  "nope", "C99", "999", "0", "ZZ", "-1", "ke", "02", "c7", "",
};

static AtlasQuery *
make_random_query (GRand      *rand,
                   AtlasIndex *index,
                   GPtrArray  *records)
{
  AtlasQuery *query = atlas_query_new ();
  const Record *model = g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len));
  int n_facets = g_rand_int_range (rand, 0, 5);

  atlas_query_set_sort (query, g_rand_int_range (rand, 0, ATLAS_N_SORTS));

  for (int i = 0; i < n_facets; i++)
    {
      AtlasFacet f = g_rand_int_range (rand, 0, ATLAS_N_FACETS);
      int n_values = g_rand_int_range (rand, 1, 4);

      for (int v = 0; v < n_values; v++)
        {
          int kind = g_rand_int_range (rand, 0, 10);
          guint n = atlas_index_get_n_values (index, f);
          const char *value = NULL;

          /* Mostly values of one record, so that facets overlap. */
          if (kind < 5 && model->values[f]->len > 0)
            value = g_ptr_array_index (model->values[f],
                                       g_rand_int_range (rand, 0, model->values[f]->len));
          else if (kind < 9 && n > 0)
            value = atlas_index_get_value (index, f, g_rand_int_range (rand, 0, n));
          else
            value = junk_values[g_rand_int_range (rand, 0, G_N_ELEMENTS (junk_values) - 1)];

          atlas_query_add_value (query, f, value);
        }
    }

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      atlas_query_set_year_range (query, g_rand_int_range (rand, 1995, 2031), 0);
      break;
    case 1:
      atlas_query_set_year_range (query, 0, g_rand_int_range (rand, 1995, 2031));
      break;
    case 2:
      {
        int min_year = g_rand_int_range (rand, 1995, 2031);

        atlas_query_set_year_range (query, min_year, min_year + g_rand_int_range (rand, 0, 6));
      }
      break;
    default:
      break;
    }

  return query;
}

static void
check_values (AtlasIndex *index,
              GPtrArray  *records)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  const AtlasFacet term_facets[] = {
    ATLAS_FACET_GDC, ATLAS_FACET_WSIS, ATLAS_FACET_SDG, ATLAS_FACET_PRIORITY, ATLAS_FACET_ORG_TYPE,
  };
  const AtlasFacet id_facets[] = { ATLAS_FACET_ORGANIZATION, ATLAS_FACET_SOURCE };

  for (guint i = 0; i < G_N_ELEMENTS (term_facets); i++)
    {
      guint n_terms = 0;
      const AtlasTerm *terms = atlas_vocab_get_terms (vocab, term_facets[i], &n_terms);

      g_assert_cmpuint (atlas_index_get_n_values (index, term_facets[i]), ==, n_terms);
      for (guint t = 0; t < n_terms; t++)
        g_assert_cmpstr (atlas_index_get_value (index, term_facets[i], t), ==, terms[t].id);
    }

  /* WSIS in vocabulary order: C7's sub-lines right after it. */
  g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_WSIS, 6), ==, "C7");
  g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_WSIS, 7), ==, "C7.e-government");
  g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_WSIS, 15), ==, "C8");

  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_ORG_TYPE), ==, 8);
  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_STATUS), ==, 4);
  for (guint s = 1; s < ATLAS_N_STATUSES; s++)
    g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_STATUS, s - 1), ==,
                     atlas_status_to_string (s));

  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_REGION), ==,
                    atlas_vocab_get_n_regions (vocab));
  for (guint r = 0; r < atlas_vocab_get_n_regions (vocab); r++)
    {
      g_autofree char *code = g_strdup_printf ("%03u", atlas_vocab_get_region (vocab, r)->code);

      g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_REGION, r), ==, code);
    }
  g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_REGION, 1), ==, "002");

  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_COUNTRY), ==,
                    atlas_vocab_get_n_countries (vocab));
  for (guint c = 0; c < atlas_vocab_get_n_countries (vocab); c++)
    g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_COUNTRY, c), ==,
                     atlas_vocab_get_country (vocab, c)->alpha2);

  /* Organisations and sources: the rowids in the data, ascending. */
  for (guint i = 0; i < G_N_ELEMENTS (id_facets); i++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint n;

      for (guint k = 0; k < records->len; k++)
        {
          const Record *r = g_ptr_array_index (records, k);

          if (id_facets[i] == ATLAS_FACET_SOURCE)
            g_array_append_val (ids, r->source_id);
          else
            g_array_append_vals (ids, r->orgs->data, r->orgs->len);
        }

      n = atlas_index_get_n_values (index, id_facets[i]);
      for (guint p = 0; p < n; p++)
        {
          gint64 value = g_ascii_strtoll (atlas_index_get_value (index, id_facets[i], p), NULL, 10);
          gboolean present = FALSE;

          if (p > 0)
            g_assert_cmpint (value, >, g_ascii_strtoll (atlas_index_get_value (index, id_facets[i],
                                                                               p - 1),
                                                        NULL, 10));

          for (guint k = 0; k < ids->len && !present; k++)
            present = g_array_index (ids, gint64, k) == value;
          g_assert_true (present);
        }

      /* ...and every one of them. */
      for (guint k = 0; k < ids->len; k++)
        {
          g_autofree char *str = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  g_array_index (ids, gint64, k));

          g_assert_cmpint (atlas_index_find_value (index, id_facets[i], str), >=, 0);
        }
    }

  /* find_value is the inverse of get_value, and knows nothing else. */
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      for (guint p = 0; p < atlas_index_get_n_values (index, f); p++)
        g_assert_cmpint (atlas_index_find_value (index, f, atlas_index_get_value (index, f, p)),
                         ==, (int) p);

      for (guint j = 0; j < G_N_ELEMENTS (junk_values); j++)
        g_assert_cmpint (atlas_index_find_value (index, f, junk_values[j]), ==, -1);
      g_assert_cmpint (atlas_index_find_value (index, f, NULL), ==, -1);
    }
}

static void
test_index_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autoptr(GPtrArray) records = make_random_records (rand, 5000);
  g_autoptr(AtlasIndex) index = make_index (records);
  int min_year = 0, max_year = 0, want_min = 0, want_max = 0;

  g_assert_cmpuint (atlas_index_get_n_initiatives (index), ==, 5000);
  check_values (index, records);

  for (guint i = 0; i < records->len; i++)
    {
      const Record *r = g_ptr_array_index (records, i);
      double lat = 0, lon = 0;

      if (r->start_year != 0)
        {
          want_min = want_min == 0 ? r->start_year : MIN (want_min, r->start_year);
          want_max = MAX (want_max, r->start_year);
        }

      g_assert_cmpint (atlas_index_get_location (index, r->rowid, &lat, &lon), ==, r->has_location);
      if (r->has_location)
        {
          g_assert_cmpfloat (lat, ==, r->latitude);
          g_assert_cmpfloat (lon, ==, r->longitude);
        }
    }
  atlas_index_get_year_bounds (index, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, want_min);
  g_assert_cmpint (max_year, ==, want_max);
  g_assert_false (atlas_index_get_location (index, 2, NULL, NULL));

  /* The empty query, every sort. */
  for (guint s = 0; s < ATLAS_N_SORTS; s++)
    {
      g_autoptr(AtlasQuery) query = atlas_query_new ();

      atlas_query_set_sort (query, s);
      check_query (index, records, query);
    }

  for (guint q = 0; q < 400; q++)
    {
      g_autoptr(AtlasQuery) query = make_random_query (rand, index, records);

      check_query (index, records, query);
    }
}

/* Targeted cases */

static Record *
add_record (GPtrArray  *records,
            const char *title)
{
  Record *r = record_new (100 + records->len);

  r->title = g_strdup (title);
  g_ptr_array_add (records, r);

  return r;
}

static AtlasResult *
run (AtlasIndex *index,
     AtlasQuery *query)
{
  g_autoptr(GError) error = NULL;
  AtlasResult *result = atlas_index_run (index, query, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* The titles of the results, in order, joined by spaces. */
static char *
run_titles (AtlasIndex *index,
            GPtrArray  *records,
            AtlasQuery *query)
{
  g_autoptr(AtlasResult) result = run (index, query);
  g_autoptr(GString) out = g_string_new (NULL);

  check_query (index, records, query);

  for (guint i = 0; i < atlas_result_get_n_items (result); i++)
    {
      gint64 rowid = atlas_result_get_rowid (result, i);

      for (guint k = 0; k < records->len; k++)
        {
          const Record *r = g_ptr_array_index (records, k);

          if (r->rowid == rowid)
            {
              if (out->len > 0)
                g_string_append_c (out, ' ');
              g_string_append (out, r->title);
            }
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
titles_for (AtlasIndex *index,
            GPtrArray  *records,
            AtlasFacet  facet,
            const char *value)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();

  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  atlas_query_add_value (query, facet, value);

  return run_titles (index, records, query);
}

#define assert_titles(index, records, facet, value, expected)                 \
  G_STMT_START {                                                              \
    g_autofree char *_titles = titles_for (index, records, facet, value);     \
    g_assert_cmpstr (_titles, ==, expected);                                  \
  } G_STMT_END

/* A result's records: each initiative's place in the index, once, with the
 * same location as by its rowid. */
static void
test_index_records (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  g_autoptr(GPtrArray) records = make_random_records (rand, 3000);
  g_autoptr(AtlasIndex) index = make_index (records);
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  guint n = atlas_index_get_n_initiatives (index);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(AtlasResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree gboolean *seen = g_new0 (gboolean, n);
      guint n_located = 0;

      const guint *all_records;
      guint n_items = 0;

      result = atlas_index_run (index, query, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (atlas_result_get_n_items (result), >, 0);
      all_records = atlas_result_get_records (result, &n_items);
      g_assert_cmpuint (n_items, ==, atlas_result_get_n_items (result));

      for (guint i = 0; i < atlas_result_get_n_items (result); i++)
        {
          guint record = atlas_result_get_record (result, i);
          gint64 rowid = atlas_result_get_rowid (result, i);
          double lat = 0, lon = 0, by_rowid_lat = 0, by_rowid_lon = 0;
          gboolean located;

          g_assert_cmpuint (record, <, n);
          g_assert_cmpuint (all_records[i], ==, record);
          g_assert_false (seen[record]);
          seen[record] = TRUE;

          located = atlas_index_get_record_location (index, record, &lat, &lon);
          g_assert_cmpint (located, ==,
                           atlas_index_get_location (index, rowid, &by_rowid_lat, &by_rowid_lon));
          if (located)
            {
              g_assert_cmpfloat (lat, ==, by_rowid_lat);
              g_assert_cmpfloat (lon, ==, by_rowid_lon);
              n_located++;
            }
        }
      g_assert_cmpuint (n_located, >, 0);

      /* Then a part of them, in another order. */
      atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
      atlas_query_set_sort (query, ATLAS_SORT_TITLE);
    }
}

static void
test_index_c7_sublines (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;

  add_record (records, "a")->wsis = 1u << ATLAS_WSIS_C7_E_HEALTH;
  add_record (records, "b")->wsis = 1u << ATLAS_WSIS_C7;
  add_record (records, "c")->wsis = 1u << ATLAS_WSIS_C1;
  add_record (records, "d")->wsis = (1u << ATLAS_WSIS_C7_E_SCIENCE) | (1u << ATLAS_WSIS_C1);
  index = make_index (records);

  assert_titles (index, records, ATLAS_FACET_WSIS, "C7", "a b d");
  assert_titles (index, records, ATLAS_FACET_WSIS, "C7.e-health", "a");
  assert_titles (index, records, ATLAS_FACET_WSIS, "C7.e-science", "d");
  assert_titles (index, records, ATLAS_FACET_WSIS, "C1", "c d");

  result = run (index, query);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_WSIS, "C7"), ==, 3);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_WSIS, "C7.e-health"), ==, 1);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_WSIS, "C7.e-learning"), ==, 0);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_WSIS, "C1"), ==, 2);
}

static void
test_index_regions (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(AtlasIndex) index = NULL;
  Record *r;
  guint16 code;

  /* What the vocabulary says, which the cases below rely on. */
  g_assert_true (atlas_vocab_country_in_region (vocab, atlas_vocab_find_country (vocab, "KE"), 2));
  g_assert_true (atlas_vocab_country_in_region (vocab, atlas_vocab_find_country (vocab, "FR"),
                                                150));

  r = add_record (records, "kenya");
  g_ptr_array_add (r->countries, g_strdup ("KE"));
  r = add_record (records, "eastern-africa");
  code = 14;
  g_array_append_val (r->regions, code);
  r = add_record (records, "world");
  code = 1;
  g_array_append_val (r->regions, code);
  r = add_record (records, "france");
  g_ptr_array_add (r->countries, g_strdup ("FR"));
  r = add_record (records, "europe");
  code = 150;
  g_array_append_val (r->regions, code);
  r = add_record (records, "nowhere");
  index = make_index (records);

  assert_titles (index, records, ATLAS_FACET_REGION, "002", "eastern-africa kenya");
  assert_titles (index, records, ATLAS_FACET_REGION, "202", "eastern-africa kenya");
  assert_titles (index, records, ATLAS_FACET_REGION, "014", "eastern-africa kenya");
  assert_titles (index, records, ATLAS_FACET_REGION, "015", "");
  assert_titles (index, records, ATLAS_FACET_REGION, "150", "europe france");
  assert_titles (index, records, ATLAS_FACET_REGION, "155", "france");
  assert_titles (index, records, ATLAS_FACET_REGION, "001",
                 "eastern-africa europe france kenya world");
  /* Not a code of the index's form. */
  assert_titles (index, records, ATLAS_FACET_REGION, "2", "");
}

static void
test_index_org_types (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  Record *r;
  gint64 org;

  /* A government lead with an academic partner. */
  r = add_record (records, "both");
  r->org_types = (1u << ATLAS_ORG_TYPE_GOVERNMENT) | (1u << ATLAS_ORG_TYPE_ACADEMIA);
  org = 7;
  g_array_append_val (r->orgs, org);
  org = 8;
  g_array_append_val (r->orgs, org);
  r = add_record (records, "lead-only");
  r->org_types = 1u << ATLAS_ORG_TYPE_GOVERNMENT;
  org = 7;
  g_array_append_val (r->orgs, org);
  /* An organisation that declared no type. */
  r = add_record (records, "untyped");
  r->org_types = 1u << ATLAS_ORG_TYPE_UNKNOWN;
  org = 9;
  g_array_append_val (r->orgs, org);
  index = make_index (records);

  assert_titles (index, records, ATLAS_FACET_ORG_TYPE, "government", "both lead-only");
  assert_titles (index, records, ATLAS_FACET_ORG_TYPE, "academia", "both");
  assert_titles (index, records, ATLAS_FACET_ORGANIZATION, "8", "both");
  assert_titles (index, records, ATLAS_FACET_ORGANIZATION, "7", "both lead-only");

  result = run (index, query);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_ORG_TYPE, "government"), ==, 2);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_ORG_TYPE, "academia"), ==, 1);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_ORG_TYPE, "other"), ==, 0);
  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_ORGANIZATION), ==, 3);
  g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_ORGANIZATION, 0), ==, "7");
  g_assert_cmpstr (atlas_index_get_value (index, ATLAS_FACET_ORGANIZATION, 2), ==, "9");
}

static void
test_index_unknown_values (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  g_autofree char *titles = NULL;

  add_record (records, "three")->sdg = 1u << 2;
  add_record (records, "four")->sdg = 1u << 3;
  g_ptr_array_add (((Record *) g_ptr_array_index (records, 0))->countries, g_strdup ("KE"));
  index = make_index (records);

  assert_titles (index, records, ATLAS_FACET_SDG, "99", "");
  assert_titles (index, records, ATLAS_FACET_COUNTRY, "ZZ", "");
  assert_titles (index, records, ATLAS_FACET_COUNTRY, "ke", "");
  assert_titles (index, records, ATLAS_FACET_ORGANIZATION, "424242", "");
  assert_titles (index, records, ATLAS_FACET_SOURCE, "77", "");
  assert_titles (index, records, ATLAS_FACET_STATUS, "unknown", "");

  /* Alongside a known value, an unknown one changes nothing. */
  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  atlas_query_add_value (query, ATLAS_FACET_SDG, "99");
  atlas_query_add_value (query, ATLAS_FACET_SDG, "3");
  titles = run_titles (index, records, query);
  g_assert_cmpstr (titles, ==, "three");

  /* A facet that selects nothing leaves other facets' counts at zero but
   * its own counts as if it did not filter. */
  atlas_query_clear (query);
  atlas_query_add_value (query, ATLAS_FACET_COUNTRY, "ZZ");
  result = run (index, query);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 0);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_SDG, "3"), ==, 0);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_COUNTRY, "KE"), ==, 1);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_COUNTRY, "ZZ"), ==, 0);
  g_assert_cmpuint (atlas_result_get_n_global (result), ==, 0);
}

static void
test_index_sort_orders (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autofree char *by_title = NULL;
  g_autofree char *by_start = NULL;
  g_autofree char *by_updated = NULL;
  g_autofree char *by_relevance = NULL;
  g_autofree char *by_years = NULL;
  Record *r;
  int min_year, max_year;

  r = add_record (records, "Beta");
  r->start_date = g_strdup ("2019-05-01");
  r->updated_at = g_strdup ("2024-01-01T00:00:00Z");
  r = add_record (records, "alpha");
  r->start_date = g_strdup ("2019");
  r->updated_at = g_strdup ("2024-01-01T00:00:00+02:00");
  r = add_record (records, "Zulu");
  r->updated_at = g_strdup ("2025-03-01");
  r = add_record (records, "delta");
  r->start_date = g_strdup ("2001-12-31");
  r = add_record (records, "charlie");
  r->start_date = g_strdup ("2030-01-01");
  r->updated_at = g_strdup ("2020-06-01T12:00:00Z");
  index = make_index (records);

  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  by_title = run_titles (index, records, query);
  g_assert_cmpstr (by_title, ==, "alpha Beta charlie delta Zulu");

  /* Undated last, then by title. */
  atlas_query_set_sort (query, ATLAS_SORT_START_DATE);
  by_start = run_titles (index, records, query);
  g_assert_cmpstr (by_start, ==, "delta alpha Beta charlie Zulu");

  /* Newest first (time zones count), undated last. */
  atlas_query_set_sort (query, ATLAS_SORT_UPDATED);
  by_updated = run_titles (index, records, query);
  g_assert_cmpstr (by_updated, ==, "Zulu Beta alpha charlie delta");

  atlas_query_set_sort (query, ATLAS_SORT_RELEVANCE);
  by_relevance = run_titles (index, records, query);
  g_assert_cmpstr (by_relevance, ==, by_updated);

  atlas_index_get_year_bounds (index, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 2001);
  g_assert_cmpint (max_year, ==, 2030);

  /* A year range leaves out the undated. */
  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  atlas_query_set_year_range (query, 0, 2019);
  by_years = run_titles (index, records, query);
  g_assert_cmpstr (by_years, ==, "alpha Beta delta");
  g_free (by_years);

  atlas_query_set_year_range (query, 2019, 2019);
  by_years = run_titles (index, records, query);
  g_assert_cmpstr (by_years, ==, "alpha Beta");
  g_free (by_years);

  /* An inverted range holds no year. */
  atlas_query_set_year_range (query, 2030, 2001);
  by_years = run_titles (index, records, query);
  g_assert_cmpstr (by_years, ==, "");
}

static void
test_index_empty (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(AtlasIndex) index = make_index (records);
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  int min_year = -1, max_year = -1;
  guint n = 99;
  const guint *counts;

  g_assert_cmpuint (atlas_index_get_n_initiatives (index), ==, 0);
  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_ORGANIZATION), ==, 0);
  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_SOURCE), ==, 0);
  g_assert_cmpuint (atlas_index_get_n_values (index, ATLAS_FACET_SDG), ==, ATLAS_N_SDGS);
  atlas_index_get_year_bounds (index, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 0);
  g_assert_cmpint (max_year, ==, 0);
  g_assert_false (atlas_index_get_location (index, 1, NULL, NULL));
  check_values (index, records);

  result = run (index, query);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 0);
  g_assert_cmpint (atlas_result_find_rowid (result, 1), ==, -1);
  g_assert_cmpuint (atlas_result_get_n_global (result), ==, 0);
  counts = atlas_result_get_facet_counts (result, ATLAS_FACET_SDG, &n);
  g_assert_cmpuint (n, ==, ATLAS_N_SDGS);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (counts[i], ==, 0);
  atlas_result_get_facet_counts (result, ATLAS_FACET_ORGANIZATION, &n);
  g_assert_cmpuint (n, ==, 0);

  atlas_query_add_value (query, ATLAS_FACET_SDG, "1");
  atlas_query_set_year_range (query, 2000, 2010);
  check_query (index, records, query);
}

static void
test_index_block_edges (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (64);

  /* Sizes around the 64-record blocks, and rowids added in ascending order. */
  for (guint n = 1; n <= 130; n += (n < 66 ? 1 : 63))
    {
      g_autoptr(GPtrArray) records = make_random_records (rand, n);
      g_autoptr(AtlasIndex) index = NULL;

      g_ptr_array_sort_with_data (records, compare_records, GINT_TO_POINTER (ATLAS_SORT_TITLE));
      for (guint i = 0; i < records->len; i++)
        ((Record *) g_ptr_array_index (records, i))->rowid = (gint64) i + 1;
      index = make_index (records);

      for (guint q = 0; q < 20; q++)
        {
          g_autoptr(AtlasQuery) query = make_random_query (rand, index, records);

          check_query (index, records, query);
        }
    }
}

static void
test_index_cancelled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GPtrArray) records = make_random_records (rand, 10);
  g_autoptr(AtlasIndex) index = make_index (records);
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AtlasResult *result;

  g_cancellable_cancel (cancellable);
  result = atlas_index_run (index, query, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

typedef struct
{
  AtlasIndex *index;
  GPtrArray  *queries;
  GPtrArray  *expected;
} ThreadData;

static gboolean
results_equal (AtlasIndex  *index,
               AtlasResult *a,
               AtlasResult *b)
{
  guint n_a = 0, n_b = 0;

  if (atlas_result_get_n_items (a) != atlas_result_get_n_items (b) ||
      atlas_result_get_n_global (a) != atlas_result_get_n_global (b))
    return FALSE;

  for (guint i = 0; i < atlas_result_get_n_items (a); i++)
    if (atlas_result_get_rowid (a, i) != atlas_result_get_rowid (b, i))
      return FALSE;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      const guint *ca = atlas_result_get_facet_counts (a, f, &n_a);
      const guint *cb = atlas_result_get_facet_counts (b, f, &n_b);

      if (n_a != n_b || memcmp (ca, cb, n_a * sizeof (guint)) != 0)
        return FALSE;
    }

  return TRUE;
}

static gpointer
run_queries_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < data->queries->len; i++)
      {
        g_autoptr(AtlasResult) result = run (data->index, g_ptr_array_index (data->queries, i));

        if (!results_equal (data->index, result, g_ptr_array_index (data->expected, i)))
          return GINT_TO_POINTER (FALSE);
      }

  return GINT_TO_POINTER (TRUE);
}

static void
test_index_threads (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autoptr(GPtrArray) records = make_random_records (rand, 3000);
  g_autoptr(AtlasIndex) index = make_index (records);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expected = NULL;
  ThreadData data = { index, queries, NULL };
  GThread *threads[4];

  expected = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_result_unref);
  data.expected = expected;

  for (guint i = 0; i < 30; i++)
    {
      AtlasQuery *query = make_random_query (rand, index, records);

      g_ptr_array_add (queries, query);
      g_ptr_array_add (expected, run (index, query));
    }

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("query", run_queries_thread, &data);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[t])));
}

static void
test_index_result_outlives_index (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GPtrArray) records = make_random_records (rand, 100);
  AtlasIndex *index = make_index (records);
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = run (index, query);

  atlas_index_unref (index);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 100);
  g_assert_cmpuint (atlas_index_get_n_initiatives (atlas_result_get_index (result)), ==, 100);
  g_assert_cmpint (atlas_result_find_rowid (result, atlas_result_get_rowid (result, 42)), ==, 42);
}

/* Through a real store: the rows atlas_store_foreach_index_row gives, and
 * the text search. */

#define FEED_URL "https://example.org/atlas.json"

/* Title words; none is the start of an organisation, country or region
 * name used below, so the search finds exactly the titles. */
static const char * const store_title_words[] = {
  "water", "waterway", "solar", "ledger", "harvest", "clinic", "network", "alliance",
};

static const char * const store_countries[] = {
  "KE", "FR", "BR", "IN", "JP", "DE", "US", "ZA", "NG", "MX",
};

static const guint16 store_regions[] = { 2, 14, 150, 419, 1 };

static const char *
random_title_word (GRand *rand)
{
  return store_title_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (store_title_words))];
}

typedef struct
{
  AtlasStore *store;
  GPtrArray  *records;
  gint64      source;
} StoreData;

static void
store_data_clear (StoreData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->records, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoreData, store_data_clear)

/* Writes @n random initiatives into a new store and makes the Records the
 * store should give back, with the rowids it chose. */
static void
fill_store (StoreData *data,
            GRand     *rand,
            guint      n)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(GPtrArray) initiatives = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GHashTable) org_rowids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) org_types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AtlasIndex) all = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;

  initiatives = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
  data->store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  data->source = atlas_store_ensure_source (data->store, FEED_URL, ATLAS_SOURCE_KIND_FEED, &error);
  g_assert_no_error (error);
  writer = atlas_store_begin (data->store, data->source, TRUE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(AtlasOrganization) org = atlas_organization_new ();

      org->id = g_strdup_printf ("org-%u", i);
      org->name = g_strdup_printf ("Organisation %u", i);
      org->type = (AtlasOrgType) (i % ATLAS_N_ORG_TYPES);
      g_assert_true (atlas_store_writer_put_organization (writer, org, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < n; i++)
    {
      AtlasInitiative *initiative = atlas_initiative_new ();
      char buffer[64];
      guint k;

      initiative->id = g_strdup_printf ("initiative-%u", i);
      initiative->title = g_strdup_printf ("%s %s %u", random_title_word (rand),
                                           random_title_word (rand), i);
      initiative->status = g_rand_int_range (rand, 0, ATLAS_N_STATUSES);
      initiative->gdc_objectives = random_bits (rand, ATLAS_N_GDC_OBJECTIVES, 0.3);
      initiative->wsis_lines = random_bits (rand, ATLAS_N_WSIS_LINES, 0.1);
      initiative->sdgs = random_bits (rand, ATLAS_N_SDGS, 0.15);
      initiative->priorities = random_bits (rand, ATLAS_N_PRIORITIES, 0.3);

      if (g_rand_int_range (rand, 0, 4) != 0)
        {
          random_date (rand, buffer, sizeof buffer, FALSE);
          initiative->start_date = g_strdup (buffer);
        }
      random_date (rand, buffer, sizeof buffer, TRUE);
      initiative->updated_at = g_strdup (buffer);

      if (g_rand_int_range (rand, 0, 5) != 0)
        initiative->lead = g_strdup_printf ("org-%d", g_rand_int_range (rand, 0, 12));
      k = g_rand_int_range (rand, 0, 3);
      for (guint j = 0; j < k; j++)
        {
          g_autofree char *partner = g_strdup_printf ("org-%d", g_rand_int_range (rand, 0, 12));

          atlas_initiative_add_partner (initiative, partner, ATLAS_ROLE_PARTNER);
        }

      k = g_rand_int_range (rand, 0, 3);
      for (guint j = 0; j < k; j++)
        {
          const char *country =
            store_countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (store_countries))];

          if (!atlas_initiative_has_country (initiative, country))
            g_ptr_array_add (initiative->countries, g_strdup (country));
        }
      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          guint16 region = store_regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (store_regions))];

          g_array_append_val (initiative->regions, region);
        }

      initiative->has_location = g_rand_boolean (rand);
      if (initiative->has_location)
        {
          initiative->latitude = g_rand_double_range (rand, -50, 60);
          initiative->longitude = g_rand_double_range (rand, -170, 170);
        }

      g_assert_true (atlas_store_writer_put_initiative (writer, initiative, NULL, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (initiatives, initiative);
      g_hash_table_insert (by_id, initiative->id, initiative);
    }

  g_assert_true (atlas_store_writer_commit (writer, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The rowids the store chose, by id. */
  organizations = atlas_store_list_organizations (data->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < organizations->len; i++)
    {
      AtlasOrganization *org = g_ptr_array_index (organizations, i);

      g_hash_table_insert (org_rowids, org->id, GSIZE_TO_POINTER ((gsize) org->rowid));
      g_hash_table_insert (org_types, org->id, GINT_TO_POINTER (org->type));
    }

  all = atlas_index_load (data->store, NULL, &error);
  g_assert_no_error (error);
  result = atlas_index_run (all, query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, n);

  data->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  for (guint i = 0; i < n; i++)
    {
      gint64 rowid = atlas_result_get_rowid (result, i);
      g_autoptr(AtlasInitiative) stored = atlas_store_load_initiative (data->store, rowid, &error);
      AtlasInitiative *initiative;
      Record *r;

      g_assert_no_error (error);
      initiative = g_hash_table_lookup (by_id, stored->id);
      if (initiative == NULL)
        g_error ("The store gave back an initiative it was not given: %s", stored->id);

      r = record_new (rowid);

      r->source_id = data->source;
      r->status = initiative->status;
      r->gdc = initiative->gdc_objectives;
      r->wsis = initiative->wsis_lines;
      r->sdg = initiative->sdgs;
      r->priorities = initiative->priorities;
      r->title = g_strdup (initiative->title);
      r->start_date = g_strdup (initiative->start_date);
      r->updated_at = g_strdup (initiative->updated_at);
      for (guint k = 0; k < initiative->countries->len; k++)
        g_ptr_array_add (r->countries, g_strdup (g_ptr_array_index (initiative->countries, k)));
      g_array_append_vals (r->regions, initiative->regions->data, initiative->regions->len);
      r->has_location = initiative->has_location;
      r->latitude = initiative->latitude;
      r->longitude = initiative->longitude;

      /* The lead and every partner. */
      for (guint k = 0; k <= initiative->partners->len; k++)
        {
          const AtlasPartner *partner =
            k > 0 ? g_ptr_array_index (initiative->partners, k - 1) : NULL;
          const char *org = partner != NULL ? partner->organization : initiative->lead;
          gint64 org_rowid;

          if (org == NULL)
            continue;

          org_rowid = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (org_rowids, org));
          g_array_append_val (r->orgs, org_rowid);
          r->org_types |= 1u << GPOINTER_TO_INT (g_hash_table_lookup (org_types, org));
        }

      record_compute_values (r);
      g_ptr_array_add (data->records, r);
    }
}

static void
test_index_store (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1126);
  g_auto(StoreData) data = { NULL, };
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  const char * const texts[] = {
    "water", "WATER", "wat", "solar clinic", "ledger, harvest!", "waterway", "zzz", "  ", "--",
  };

  fill_store (&data, rand, 400);
  index = atlas_index_load (data.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_index_get_n_initiatives (index), ==, 400);
  check_values (index, data.records);

  for (guint i = 0; i < data.records->len; i++)
    {
      const Record *r = g_ptr_array_index (data.records, i);
      double lat = 0, lon = 0;

      g_assert_cmpint (atlas_index_get_location (index, r->rowid, &lat, &lon), ==, r->has_location);
      if (r->has_location)
        {
          g_assert_cmpfloat_with_epsilon (lat, r->latitude, 1e-9);
          g_assert_cmpfloat_with_epsilon (lon, r->longitude, 1e-9);
        }
    }

  /* Facets alone, then with text, every sort. */
  for (guint q = 0; q < 60; q++)
    {
      g_autoptr(AtlasQuery) query = make_random_query (rand, index, data.records);

      check_query_with_store (index, data.store, data.records, query);
    }

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint s = 0; s < ATLAS_N_SORTS; s++)
      {
        g_autoptr(AtlasQuery) plain = atlas_query_new ();
        g_autoptr(AtlasQuery) faceted = make_random_query (rand, index, data.records);

        atlas_query_set_text (plain, texts[t]);
        atlas_query_set_sort (plain, s);
        check_query_with_store (index, data.store, data.records, plain);

        atlas_query_set_text (faceted, texts[t]);
        atlas_query_set_sort (faceted, s);
        check_query_with_store (index, data.store, data.records, faceted);
      }
}

static void
test_index_load_cancelled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_auto(StoreData) data = { NULL, };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AtlasIndex *index;

  fill_store (&data, rand, 20);
  g_cancellable_cancel (cancellable);
  index = atlas_index_load (data.store, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (index);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  atlas_test_init (&argc, &argv);

  g_test_add_func ("/index/brute-force", test_index_brute_force);
  g_test_add_func ("/index/records", test_index_records);
  g_test_add_func ("/index/c7-sublines", test_index_c7_sublines);
  g_test_add_func ("/index/regions", test_index_regions);
  g_test_add_func ("/index/org-types", test_index_org_types);
  g_test_add_func ("/index/unknown-values", test_index_unknown_values);
  g_test_add_func ("/index/sort-orders", test_index_sort_orders);
  g_test_add_func ("/index/empty", test_index_empty);
  g_test_add_func ("/index/block-edges", test_index_block_edges);
  g_test_add_func ("/index/cancelled", test_index_cancelled);
  g_test_add_func ("/index/threads", test_index_threads);
  g_test_add_func ("/index/result-outlives-index", test_index_result_outlives_index);
  g_test_add_func ("/index/store", test_index_store);
  g_test_add_func ("/index/load-cancelled", test_index_load_cancelled);

  status = g_test_run ();

  g_clear_pointer (&value_ids, g_hash_table_unref);
  g_clear_pointer (&value_strings, g_ptr_array_unref);

  return status;
}
