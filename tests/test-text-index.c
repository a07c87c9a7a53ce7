/* test-text-index.c
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
#include "atlas-test-feed.h"
#include "atlas-test-util.h"

/* Search as you type: the in-memory text index, the descriptions searched
 * by the store, their combination in AtlasIndex, and AtlasContext's two
 * phases.  Results are checked against an evaluation written here from the
 * stored records: every field folded and split into words, every word of
 * the query the start of a word of some field. */

#define FEED_URL "https://example.org/atlas.json"

/* The weights atlas-index.c documents, by AtlasTextMatch. */
static const guint weights[ATLAS_N_TEXT_MATCHES] = { 0, 1, 2, 4, 8, 16 };

/* Writing stores */

typedef struct
{
  AtlasStore       *store;
  AtlasStoreWriter *writer;
  char             *path;
} TestStore;

static void
test_store_clear (TestStore *ts)
{
  g_clear_pointer (&ts->writer, atlas_store_writer_free);
  g_clear_object (&ts->store);
  g_clear_pointer (&ts->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestStore, test_store_clear)

static void
test_store_begin (TestStore *ts)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autoptr(GError) error = NULL;
  gint64 source;

  ts->path = g_build_filename (dir, "cache.sqlite3", NULL);
  ts->store = atlas_store_open (ts->path, &error);
  g_assert_no_error (error);
  source = atlas_store_ensure_source (ts->store, FEED_URL, ATLAS_SOURCE_KIND_FEED, &error);
  g_assert_no_error (error);
  ts->writer = atlas_store_begin (ts->store, source, TRUE, &error);
  g_assert_no_error (error);
}

static void
test_store_put_org (TestStore  *ts,
                    const char *id,
                    const char *name)
{
  g_autoptr(AtlasOrganization) org = atlas_organization_new ();
  g_autoptr(GError) error = NULL;

  org->id = g_strdup (id);
  org->name = g_strdup (name);
  org->type = ATLAS_ORG_TYPE_OTHER;
  g_assert_true (atlas_store_writer_put_organization (ts->writer, org, &error));
  g_assert_no_error (error);
}

static void
test_store_put (TestStore       *ts,
                AtlasInitiative *initiative)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_store_writer_put_initiative (ts->writer, initiative, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_store_commit (TestStore *ts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_store_writer_commit (ts->writer, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ts->writer, atlas_store_writer_free);
}

/* @countries: alpha-2 codes separated by commas, or NULL. */
static AtlasInitiative *
make_initiative (const char *id,
                 const char *title,
                 const char *summary,
                 const char *description,
                 const char *lead,
                 const char *countries,
                 const char *updated_at)
{
  AtlasInitiative *initiative = atlas_initiative_new ();

  initiative->id = g_strdup (id);
  initiative->title = g_strdup (title);
  initiative->summary = g_strdup (summary);
  initiative->description = g_strdup (description);
  initiative->lead = g_strdup (lead);
  initiative->updated_at = g_strdup (updated_at);
  initiative->status = ATLAS_STATUS_ONGOING;

  if (countries != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (countries, ",", 0);

      for (guint i = 0; codes[i] != NULL; i++)
        g_ptr_array_add (initiative->countries, g_strdup (codes[i]));
    }

  return initiative;
}

static void
put (TestStore  *ts,
     const char *id,
     const char *title,
     const char *summary,
     const char *description,
     const char *lead,
     const char *countries,
     const char *updated_at)
{
  g_autoptr(AtlasInitiative) initiative =
    make_initiative (id, title, summary, description, lead, countries, updated_at);

  test_store_put (ts, initiative);
}

/* Records made by hand to exercise folding, fields and combinations. */
static void
put_hand_made (TestStore *ts)
{
  g_autoptr(AtlasInitiative) regional = NULL;
  guint16 africa = 2;

  test_store_put_org (ts, "msf", "Médecins Sans Frontières");
  test_store_put_org (ts, "unicef", "UNICEF");
  test_store_put_org (ts, "water", "Water Alliance");

  put (ts, "h-sante", "Santé numérique pour tous", "Un programme de santé publique.",
       "Dossiers partagés entre cliniques.", "msf", "SN,FR", "2025-03-01T10:00:00Z");
  put (ts, "h-maternal", "SANTÉ MATERNELLE", NULL, "Suivi des grossesses.", NULL, "CI",
       "2025-03-02T10:00:00Z");
  put (ts, "h-schools", "Water for schools", NULL, "A kiosk with telemedicine.", "unicef",
       "KE", "2025-03-03T10:00:00Z");
  put (ts, "h-waterways", "Waterways of Kenya", NULL, NULL, NULL, "KE,TZ",
       "2025-03-04T10:00:00Z");
  put (ts, "h-rivers", "Clean rivers", NULL, NULL, "water", NULL, "2025-03-05T10:00:00Z");
  put (ts, "h-pumps", "Rural pumps", "Clean water for all.", NULL, NULL, "UG",
       "2025-03-06T10:00:00Z");
  put (ts, "h-kiosks", "Solar kiosks", NULL, "A water ledger for villages.", NULL, NULL,
       "2025-03-07T10:00:00Z");
  put (ts, "h-kiosk", "Kiosk network", NULL, "Telemedicine for villages.", NULL, "VN",
       "2025-03-08T10:00:00Z");
  put (ts, "h-strasse", "Straße der Zukunft", "Ein Projekt in Österreich.",
       "Maßnahmen für große Städte.", NULL, "DE",
       "2025-03-09T10:00:00Z");
  put (ts, "h-greek", "Ψηφιακή Ελλάδα", NULL, "Ψηφιακές υπηρεσίες.", NULL, "GR",
       "2025-03-10T10:00:00Z");
  put (ts, "h-russian", "Госуслуги онлайн", NULL, "Цифровой портал для всех.", NULL, "UA",
       "2025-03-13T10:00:00Z");
  put (ts, "h-hindi", "Bharat connect", NULL, "डिजिटल सहयोग", NULL, "IN",
       "2025-03-14T10:00:00Z");
  put (ts, "h-5g", "5G for 2030", "Towers, fibre & satellites (phase 2).", NULL, "unicef",
       "IN", "2025-03-11T10:00:00Z");
  put (ts, "h-ai", "AI-4-Good: (beta)", NULL, "Open models—free, for everyone!", NULL, NULL,
       NULL);

  regional = make_initiative ("h-regional", "Regional hub", NULL, NULL, NULL, NULL,
                              "2025-03-12T10:00:00Z");
  g_array_append_val (regional->regions, africa);
  test_store_put (ts, regional);
}

/* Records from the benchmark's generator, with short descriptions. */
static void
put_generated (TestStore *ts,
               guint      first,
               guint      count)
{
  AtlasTestFeedPage page = { "2026-01-01T00:00:00Z", TRUE, NULL, 240 };
  g_autofree char *doc = atlas_test_feed_page (&page, first, count, 0);
  g_autoptr(AtlasFeedPage) parsed = NULL;
  g_autoptr(GError) error = NULL;

  parsed = atlas_feed_parse (doc, strlen (doc), FEED_URL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < parsed->organizations->len; i++)
    {
      g_assert_true (atlas_store_writer_put_organization (ts->writer,
                                                          g_ptr_array_index (parsed->organizations,
                                                                             i),
                                                          &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < parsed->initiatives->len; i++)
    test_store_put (ts, g_ptr_array_index (parsed->initiatives, i));
}

/* The evaluation */

typedef struct
{
  gint64  rowid;
  char   *title;
  char   *folded_title;
  char   *updated_at;
  GStrv   title_words;
  GStrv   name_words;      /* organisations, countries, regions */
  GStrv   summary_words;
  GStrv   description_words;
} Record;

static void
record_free (Record *r)
{
  g_free (r->title);
  g_free (r->folded_title);
  g_free (r->updated_at);
  g_strfreev (r->title_words);
  g_strfreev (r->name_words);
  g_strfreev (r->summary_words);
  g_strfreev (r->description_words);
  g_free (r);
}

/* Every record of the store, read back with atlas_store_load_initiative(). */
static GPtrArray *
read_records (AtlasStore *store,
              AtlasIndex *index)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autoptr(AtlasQuery) all = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  result = atlas_index_run (index, all, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < atlas_result_get_n_items (result); i++)
    {
      g_autoptr(AtlasInitiative) initiative = NULL;
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GPtrArray) country_names = g_ptr_array_new ();
      Record *r = g_new0 (Record, 1);

      r->rowid = atlas_result_get_rowid (result, i);
      initiative = atlas_store_load_initiative (store, r->rowid, &error);
      g_assert_no_error (error);

      r->title = g_strdup (initiative->title);
      r->folded_title = g_utf8_casefold (initiative->title, -1);
      r->updated_at = g_strdup (initiative->updated_at);
      r->title_words = atlas_text_split_words (initiative->title);
      r->summary_words = atlas_text_split_words (initiative->summary != NULL ?
                                                 initiative->summary : "");
      r->description_words = atlas_text_split_words (initiative->description != NULL ?
                                                     initiative->description : "");

      if (initiative->lead_name != NULL)
        g_string_append_printf (names, "%s\n", initiative->lead_name);
      for (guint k = 0; k < initiative->partners->len; k++)
        {
          const AtlasPartner *partner = g_ptr_array_index (initiative->partners, k);

          if (partner->name != NULL)
            g_string_append_printf (names, "%s\n", partner->name);
        }
      for (guint k = 0; k < initiative->countries->len; k++)
        {
          int c = atlas_vocab_find_country (vocab, g_ptr_array_index (initiative->countries, k));

          g_assert_cmpint (c, >=, 0);
          atlas_vocab_add_country_search_names (vocab, (guint) c, country_names);
        }
      for (guint k = 0; k < country_names->len; k++)
        g_string_append_printf (names, "%s\n", (const char *) g_ptr_array_index (country_names, k));
      for (guint k = 0; k < initiative->regions->len; k++)
        {
          int region = atlas_vocab_find_region (vocab,
                                                g_array_index (initiative->regions, guint16, k));
          const AtlasRegion *reg;

          g_assert_cmpint (region, >=, 0);
          reg = atlas_vocab_get_region (vocab, (guint) region);
          g_string_append_printf (names, "%s\n%s\n", reg->name, atlas_region_get_name (reg));
        }
      r->name_words = atlas_text_split_words (names->str);

      g_ptr_array_add (records, r);
    }

  return records;
}

static gboolean
any_begins_with (char * const *words,
                 const char   *prefix)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], prefix))
      return TRUE;

  return FALSE;
}

/* Where @word was found best in @r, as an AtlasTextMatch. */
static AtlasTextMatch
find_word (const Record *r,
           const char   *word,
           gboolean      with_descriptions)
{
  if (g_strv_contains ((const char * const *) r->title_words, word))
    return ATLAS_TEXT_MATCH_TITLE_WORD;
  if (any_begins_with (r->title_words, word))
    return ATLAS_TEXT_MATCH_TITLE_PREFIX;
  if (any_begins_with (r->name_words, word))
    return ATLAS_TEXT_MATCH_NAME;
  if (any_begins_with (r->summary_words, word))
    return ATLAS_TEXT_MATCH_SUMMARY;
  if (with_descriptions && any_begins_with (r->description_words, word))
    return ATLAS_TEXT_MATCH_DESCRIPTION;

  return ATLAS_TEXT_MATCH_NONE;
}

typedef struct
{
  const Record *record;
  guint         score;
} Scored;

/* Undated last; then the title ignoring case; then the rowid. */
static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *x = a;
  const Scored *y = b;
  const char *ux = x->record->updated_at;
  const char *uy = y->record->updated_at;
  int cmp;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;

  if ((ux == NULL) != (uy == NULL))
    return ux == NULL ? 1 : -1;
  if (ux != NULL && (cmp = strcmp (uy, ux)) != 0)
    return cmp;

  if ((cmp = g_utf8_collate (x->record->folded_title, y->record->folded_title)) != 0)
    return cmp;

  return x->record->rowid < y->record->rowid ? -1 : x->record->rowid > y->record->rowid;
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The matching records, best first. */
static GArray *
evaluate (GPtrArray  *records,
          const char *text,
          gboolean    with_descriptions)
{
  g_auto(GStrv) words = atlas_text_split_words (text);
  GArray *matching = g_array_new (FALSE, FALSE, sizeof (Scored));

  for (guint i = 0; i < records->len; i++)
    {
      Scored s = { g_ptr_array_index (records, i), 0 };
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL && all; w++)
        {
          AtlasTextMatch found = find_word (s.record, words[w], with_descriptions);

          all = found != ATLAS_TEXT_MATCH_NONE;
          s.score += weights[found];
        }

      if (all)
        g_array_append_val (matching, s);
    }

  g_array_sort (matching, compare_scored);

  return matching;
}

/* Runs @text on @index (with the store's descriptions when @store) and
 * checks the results, in order for the relevance sort, against the
 * evaluation. */
static void
check_text (AtlasIndex *index,
            AtlasStore *store,
            GPtrArray  *records,
            const char *text,
            AtlasSort   sort)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = evaluate (records, text, store != NULL);
  g_auto(GStrv) words = atlas_text_split_words (text);
  guint n;

  atlas_query_set_text (query, text);
  atlas_query_set_sort (query, sort);
  result = atlas_index_run (index, query, store, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (atlas_result_is_complete (result) == (store != NULL || words[0] == NULL));
  g_assert_true (atlas_result_has_same_words (result, query));
  if (words[0] == NULL)
    g_assert_null (atlas_result_get_words (result));
  else
    g_assert_cmpstrv (atlas_result_get_words (result), words);

  n = atlas_result_get_n_items (result);
  if (n != expected->len)
    g_error ("“%s” (%s): %u results, expected %u", text,
             store != NULL ? "complete" : "in memory", n, expected->len);

  if (sort == ATLAS_SORT_RELEVANCE)
    {
      for (guint i = 0; i < n; i++)
        {
          const Scored *s = &g_array_index (expected, Scored, i);

          if (atlas_result_get_rowid (result, i) != s->record->rowid)
            g_error ("“%s” (%s): result %u is %" G_GINT64_FORMAT ", expected “%s” (%"
                     G_GINT64_FORMAT ", score %u)", text,
                     store != NULL ? "complete" : "in memory", i,
                     atlas_result_get_rowid (result, i), s->record->title, s->record->rowid,
                     s->score);
        }
    }
  else
    {
      g_autofree gint64 *got = g_new (gint64, MAX (n, 1));
      g_autofree gint64 *want = g_new (gint64, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        {
          got[i] = atlas_result_get_rowid (result, i);
          want[i] = g_array_index (expected, Scored, i).record->rowid;
        }
      qsort (got, n, sizeof (gint64), compare_rowids);
      qsort (want, n, sizeof (gint64), compare_rowids);
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (got[i], ==, want[i]);
    }
}

static void
check_both (AtlasIndex *index,
            AtlasStore *store,
            GPtrArray  *records,
            const char *text)
{
  check_text (index, NULL, records, text, ATLAS_SORT_RELEVANCE);
  check_text (index, store, records, text, ATLAS_SORT_RELEVANCE);
}

/* A query someone might type: the beginnings of one to three words of the
 * records' texts, in any case, with separators. */
static char *
make_random_text (GRand      *rand,
                  AtlasStore *store,
                  GPtrArray  *records)
{
  static const char * const separators[] = { " ", ", ", " - ", "  ", "/" };
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_words = (guint) g_rand_int_range (rand, 1, 4);

  for (guint w = 0; w < n_words; w++)
    {
      const Record *r = g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len));
      g_autoptr(AtlasInitiative) initiative = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) pieces = NULL;
      const char *field;
      const char *piece;
      g_autofree char *prefix = NULL;
      glong length;

      initiative = atlas_store_load_initiative (store, r->rowid, &error);
      g_assert_no_error (error);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0: field = initiative->summary; break;
        case 1: field = initiative->description; break;
        case 2: field = initiative->lead_name; break;
        default: field = initiative->title; break;
        }
      if (field == NULL)
        field = initiative->title;

      pieces = g_strsplit_set (field, " ,.:;!?()\n", 0);
      piece = pieces[g_rand_int_range (rand, 0, g_strv_length (pieces))];
      length = g_utf8_strlen (piece, -1);
      if (length == 0)
        continue;

      prefix = g_utf8_substring (piece, 0, g_rand_int_range (rand, 1, (gint32) length + 1));
      if (g_rand_boolean (rand))
        {
          g_autofree char *upper = g_utf8_strup (prefix, -1);

          g_free (prefix);
          prefix = g_steal_pointer (&upper);
        }

      if (text->len > 0)
        g_string_append (text, separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))]);
      g_string_append (text, prefix);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_brute_force (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GError) error = NULL;
  const char * const texts[] = {
    /* One word, prefixes, case and accents */
    "water", "wat", "w", "WATER", "sante", "santé", "SANTÉ", "Sant", "maternelle",
    /* Names: organisations, countries (common and iso-codes' names), regions */
    "unicef", "uni", "médecins", "medecins sans", "water alliance", "kenya", "ken", "tanzania",
    "vietnam", "viet nam", "africa", "germany", "organisation 3", "Organisation 1",
    /* Only in descriptions; one word in the title and one only in the description */
    "telemedicine", "tele", "ledger", "kiosk telemed", "kiosk tele", "solar ledger",
    "villages", "grossesses",
    /* Folding beyond accents, other scripts, digits, punctuation in the text */
    "strasse", "straße", "STRASSE", "ελλαδα", "ΕΛΛΆΔΑ", "ψηφιακ", "5g", "2030", "ai 4 good",
    /* In descriptions, where the store's tokenizer folds differently: it
     * keeps "ß", "ς", "й" and Greek accents, and splits at vowel signs */
    "massnahmen", "maßnahmen", "mas", "maß", "grosse", "große", "ψηφιακές", "ΨΗΦΙΑΚΈΣ",
    "υπηρεσίες", "цифровой", "ЦИФРОВОЙ", "цифр", "портал", "डिजिटल", "सहयोग", "डिजि",
    "ai-4", "fibre & satellites", "phase 2", "österreich", "osterreich",
    /* The generator's words */
    "digital", "digi", "public infrastructure", "développement", "developpement",
    "initiative 12", "12", "programme for", "a",
    /* Nothing matches; nothing to search */
    "zzzz", "water zzzz", "", "   ", "--", "!?", "—·—",
  };

  test_store_begin (&ts);
  put_hand_made (&ts);
  put_generated (&ts, 0, 300);
  test_store_commit (&ts);

  index = atlas_index_load (ts.store, NULL, &error);
  g_assert_no_error (error);
  records = read_records (ts.store, index);
  g_assert_cmpuint (records->len, ==, 315);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_both (index, ts.store, records, texts[i]);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *text = make_random_text (rand, ts.store, records);

      check_both (index, ts.store, records, text);
    }

  /* Other sorts keep the same records. */
  for (guint s = 0; s < ATLAS_N_SORTS; s++)
    {
      check_text (index, NULL, records, "water", s);
      check_text (index, ts.store, records, "kiosk tele", s);
    }
}

/* What the hand-made records must give, written out. */

/* The ids of the results, in order, comma separated. */
static char *
result_ids (AtlasStore  *store,
            AtlasResult *result)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < atlas_result_get_n_items (result); i++)
    {
      g_autoptr(AtlasInitiative) initiative =
        atlas_store_load_initiative (store, atlas_result_get_rowid (result, i), NULL);

      g_assert_nonnull (initiative);
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, initiative->id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
search_ids (AtlasIndex *index,
            AtlasStore *store,
            const char *text,
            gboolean    complete)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;

  atlas_query_set_text (query, text);
  result = atlas_index_run (index, query, complete ? store : NULL, NULL, &error);
  g_assert_no_error (error);

  return result_ids (store, result);
}

static void
test_folding_and_names (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  const struct { const char *text, *ids; } cases[] = {
    /* Newest first among title words */
    { "sante", "h-maternal,h-sante" },
    { "SANTÉ", "h-maternal,h-sante" },
    { "Santé", "h-maternal,h-sante" },
    { "santé publique", "h-sante" },
    { "medecins", "h-sante" },
    { "unicef", "h-5g,h-schools" },
    /* UNICEF, and Tanzania's iso-codes name, "Tanzania, United Republic of" */
    { "UNI", "h-5g,h-waterways,h-schools" },
    { "kenya", "h-waterways,h-schools" },
    { "tanzania", "h-waterways" },
    { "viet nam", "h-kiosk" },
    { "vietnam", "h-kiosk" },
    { "africa", "h-regional" },
    { "germany", "h-strasse" },
    { "strasse", "h-strasse" },
    { "straße", "h-strasse" },
    { "ελλάδα", "h-greek" },
    { "5g 2030", "h-5g" },
    { "good beta", "h-ai" },
    { "telemedicine", "" },
    { "zzzz", "" },
  };

  test_store_begin (&ts);
  put_hand_made (&ts);
  test_store_commit (&ts);
  index = atlas_index_load (ts.store, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search_ids (index, ts.store, cases[i].text, FALSE);

      if (!g_str_equal (ids, cases[i].ids))
        g_error ("“%s”: found %s, expected %s", cases[i].text, ids, cases[i].ids);
    }

  /* Descriptions only with the store. */
  {
    g_autofree char *memory = search_ids (index, ts.store, "kiosk telemedicine", FALSE);
    g_autofree char *complete = search_ids (index, ts.store, "kiosk telemedicine", TRUE);

    g_assert_cmpstr (memory, ==, "");
    /* "kiosk" a title word of h-kiosk, only in h-schools' description. */
    g_assert_cmpstr (complete, ==, "h-kiosk,h-schools");
  }
}

/* The same in another language: country names as translated. */
static void
test_translated_country_names (void)
{
  if (g_test_subprocess ())
    {
      const char * const texts[] = { "allemagne", "germany", "ouganda", "cote d ivoire", "grece" };
      g_auto(TestStore) ts = { NULL, };
      g_autoptr(AtlasIndex) index = NULL;
      g_autoptr(GError) error = NULL;

      /* Before the first translation: gettext reads LANGUAGE then. */
      g_setenv ("LANGUAGE", "fr", TRUE);

      test_store_begin (&ts);
      put_hand_made (&ts);
      test_store_commit (&ts);
      index = atlas_index_load (ts.store, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autofree char *ids = search_ids (index, ts.store, texts[i], FALSE);

          g_print ("%s\n", ids);
        }
      return;
    }

  if (!g_file_test ("/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("iso-codes' French catalogue is not installed");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("h-strasse\nh-strasse\nh-pumps\nh-maternal\nh-greek\n");
}

static void
test_country_search_names (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *viet_nam[] = { "Vietnam", "Viet Nam", NULL };
  const char *kenya[] = { "Kenya", NULL };
  int c;

  c = atlas_vocab_find_country (vocab, "VN");
  g_assert_cmpint (c, >=, 0);
  atlas_vocab_add_country_search_names (vocab, (guint) c, names);
  g_ptr_array_add (names, NULL);
  g_assert_cmpstrv ((const char * const *) names->pdata, viet_nam);

  g_ptr_array_set_size (names, 0);
  c = atlas_vocab_find_country (vocab, "KE");
  atlas_vocab_add_country_search_names (vocab, (guint) c, names);
  g_ptr_array_add (names, NULL);
  g_assert_cmpstrv ((const char * const *) names->pdata, kenya);
}

/* Relevance on a small set where recency alone would give the reverse. */

static void
put_ranking_set (TestStore *ts)
{
  test_store_put_org (ts, "alliance", "Water Alliance");

  /* Newest last: the relevance order is the reverse of recency. */
  put (ts, "title-word-old", "Water for schools", NULL, NULL, NULL, NULL,
       "2024-01-01T00:00:00Z");
  put (ts, "title-word-new", "Safe water points", NULL, NULL, NULL, NULL,
       "2024-02-01T00:00:00Z");
  put (ts, "title-prefix", "Waterways of the delta", NULL, NULL, NULL, NULL,
       "2024-03-01T00:00:00Z");
  put (ts, "name", "Clean rivers", NULL, NULL, "alliance", NULL, "2024-04-01T00:00:00Z");
  put (ts, "summary", "Rural pumps", "Clean water for all.", NULL, NULL, NULL,
       "2024-05-01T00:00:00Z");
  put (ts, "description", "Solar kiosks", NULL, "A water ledger.", NULL, NULL,
       "2024-06-01T00:00:00Z");
  put (ts, "none", "Digital identity", NULL, "Nothing to see.", NULL, NULL,
       "2024-07-01T00:00:00Z");
}

static void
test_ranking (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  test_store_begin (&ts);
  put_ranking_set (&ts);
  test_store_commit (&ts);
  index = atlas_index_load (ts.store, NULL, &error);
  g_assert_no_error (error);

  {
    g_autofree char *memory = search_ids (index, ts.store, "water", FALSE);
    g_autofree char *complete = search_ids (index, ts.store, "water", TRUE);
    g_autofree char *prefix = search_ids (index, ts.store, "wat", TRUE);
    g_autofree char *two = search_ids (index, ts.store, "water clean", TRUE);

    g_assert_cmpstr (memory, ==, "title-word-new,title-word-old,title-prefix,name,summary");
    g_assert_cmpstr (complete, ==,
                     "title-word-new,title-word-old,title-prefix,name,summary,description");
    /* A prefix of every title word: all titles rank alike, newest first. */
    g_assert_cmpstr (prefix, ==,
                     "title-prefix,title-word-new,title-word-old,name,summary,description");
    /* "clean" in the title (16) + "water" in a name (4), against both in
     * the summary (2 + 2). */
    g_assert_cmpstr (two, ==, "name,summary");
  }

  /* Another sort keeps the records and changes the order. */
  {
    g_autoptr(AtlasQuery) query = atlas_query_new ();
    g_autoptr(AtlasResult) result = NULL;
    g_autofree char *ids = NULL;

    atlas_query_set_text (query, "water");
    atlas_query_set_sort (query, ATLAS_SORT_TITLE);
    result = atlas_index_run (index, query, ts.store, NULL, &error);
    g_assert_no_error (error);
    ids = result_ids (ts.store, result);
    g_assert_cmpstr (ids, ==,
                     "name,summary,title-word-new,description,title-word-old,title-prefix");
  }
}

/* Reusing a complete match for a facet change. */
static void
test_rerun (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(AtlasResult) complete = NULL;
  g_autoptr(AtlasResult) narrowed = NULL;
  g_autoptr(AtlasResult) direct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasInitiative) planned = NULL;

  test_store_begin (&ts);
  put_ranking_set (&ts);
  planned = make_initiative ("planned", "Water towers", NULL, NULL, NULL, "KE",
                             "2023-01-01T00:00:00Z");
  planned->status = ATLAS_STATUS_PLANNED;
  test_store_put (&ts, planned);
  test_store_commit (&ts);
  index = atlas_index_load (ts.store, NULL, &error);
  g_assert_no_error (error);

  atlas_query_set_text (query, "Water!");
  complete = atlas_index_run (index, query, ts.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_result_get_n_items (complete), ==, 7);

  /* Same words, other facets. */
  atlas_query_set_text (query, "water");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");
  g_assert_true (atlas_result_has_same_words (complete, query));
  narrowed = atlas_index_rerun (index, query, complete, NULL, &error);
  g_assert_no_error (error);
  direct = atlas_index_run (index, query, ts.store, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (atlas_result_is_complete (narrowed));
  g_assert_cmpuint (atlas_result_get_n_items (narrowed), ==, 6);
  g_assert_cmpuint (atlas_result_get_n_items (direct), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (atlas_result_get_rowid (narrowed, i), ==, atlas_result_get_rowid (direct, i));
  g_assert_cmpuint (atlas_result_get_count (narrowed, ATLAS_FACET_STATUS, "planned"), ==, 1);
  g_assert_cmpuint (atlas_result_get_count (narrowed, ATLAS_FACET_STATUS, "ongoing"), ==, 6);

  /* Other words are other matches. */
  atlas_query_set_text (query, "water kiosk");
  g_assert_false (atlas_result_has_same_words (complete, query));
  atlas_query_set_text (query, "");
  g_assert_false (atlas_result_has_same_words (complete, query));
}

static void
test_store_descriptions (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  test_store_begin (&ts);
  put_ranking_set (&ts);
  put_hand_made (&ts);
  test_store_commit (&ts);

  /* The description only: not the titles, summaries or names. */
  g_assert_true (atlas_store_search_descriptions (ts.store, "ledg", NULL, rowids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 2);
  g_assert_true (atlas_store_search_descriptions (ts.store, "nothing", "Nothing", rowids, NULL,
                                                  &error));
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_true (atlas_store_search_descriptions (ts.store, "rivers", NULL, rowids, NULL, &error));
  g_assert_cmpuint (rowids->len, ==, 0);

  /* Folded as atlas-text does, or as written. */
  /* "große" and "grossesses" */
  g_assert_true (atlas_store_search_descriptions (ts.store, "grosse", "GROSSE", rowids, NULL,
                                                  &error));
  g_assert_cmpuint (rowids->len, ==, 2);
  g_assert_true (atlas_store_search_descriptions (ts.store, "ψηφιακεσ", "ΨΗΦΙΑΚΈΣ", rowids, NULL,
                                                  &error));
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_true (atlas_store_search_descriptions (ts.store, "цифровои", "Цифровой", rowids, NULL,
                                                  &error));
  g_assert_cmpuint (rowids->len, ==, 1);

  /* Nothing in the word is syntax; what the tokenizer splits on is not a
   * phrase (which its index cannot answer). */
  g_assert_true (atlas_store_search_descriptions (ts.store, "a\"b", NULL, rowids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 0);
  g_assert_true (atlas_store_search_descriptions (ts.store, "डजटल", "डिजिटल", rowids, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_true (atlas_store_search_descriptions (ts.store, "", NULL, rowids, NULL, &error));
  g_assert_cmpuint (rowids->len, ==, 0);
  g_assert_true (atlas_store_search_descriptions (ts.store, "--", "--", rowids, NULL, &error));
  g_assert_cmpuint (rowids->len, ==, 0);

  g_cancellable_cancel (cancellable);
  g_assert_false (atlas_store_search_descriptions (ts.store, "wat", NULL, rowids, cancellable,
                                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (rowids->len, ==, 0);
}

static void
test_cancelled (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AtlasResult *result;

  test_store_begin (&ts);
  put_ranking_set (&ts);
  test_store_commit (&ts);
  index = atlas_index_load (ts.store, NULL, &error);
  g_assert_no_error (error);

  atlas_query_set_text (query, "water");
  g_cancellable_cancel (cancellable);
  result = atlas_index_run (index, query, ts.store, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

/* The text index alone */

static void
test_text_index (void)
{
  AtlasTextIndex *text = atlas_text_index_new ();
  const char *orgs[] = { "Open Data Lab", "Open Data Lab" };
  const gint64 org_ids[] = { 1, 2 };
  const char *countries[] = { "KE" };
  AtlasIndexRow rows[3] = { { 0 } };
  guint8 best[3];

  rows[0].title = "Open data for all";
  rows[0].summary = "Data, data and more data.";
  rows[1].title = "Opening markets";
  rows[1].organizations = org_ids;
  rows[1].organization_names = orgs;
  rows[1].n_organizations = 2;
  rows[2].title = NULL;
  rows[2].countries = countries;
  rows[2].n_countries = 1;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    atlas_text_index_add_row (text, &rows[i]);
  atlas_text_index_seal (text);

  g_assert_cmpuint (atlas_text_index_get_n_records (text), ==, 3);
  /* open data for all and more, opening markets lab, kenya */
  g_assert_cmpuint (atlas_text_index_get_n_words (text), ==, 10);
  /* A word repeated in a record, in several fields, is one posting. */
  g_assert_cmpuint (atlas_text_index_get_n_postings (text), ==, 6 + 5 + 1);
  g_assert_cmpuint (atlas_text_index_get_size (text), >, 10 * 8 + 12 * 4);

  memset (best, 0, sizeof best);
  atlas_text_index_match (text, "open", best);
  g_assert_cmpuint (best[0], ==, ATLAS_TEXT_MATCH_TITLE_WORD);
  g_assert_cmpuint (best[1], ==, ATLAS_TEXT_MATCH_TITLE_PREFIX);
  g_assert_cmpuint (best[2], ==, ATLAS_TEXT_MATCH_NONE);

  memset (best, 0, sizeof best);
  atlas_text_index_match (text, "dat", best);
  g_assert_cmpuint (best[0], ==, ATLAS_TEXT_MATCH_TITLE_PREFIX);
  g_assert_cmpuint (best[1], ==, ATLAS_TEXT_MATCH_NAME);

  memset (best, 0, sizeof best);
  atlas_text_index_match (text, "more", best);
  atlas_text_index_match (text, "ken", best);
  g_assert_cmpuint (best[0], ==, ATLAS_TEXT_MATCH_SUMMARY);
  g_assert_cmpuint (best[1], ==, ATLAS_TEXT_MATCH_NONE);
  g_assert_cmpuint (best[2], ==, ATLAS_TEXT_MATCH_NAME);

  /* Past the last word, before the first, nothing. */
  memset (best, 0, sizeof best);
  atlas_text_index_match (text, "zzz", best);
  atlas_text_index_match (text, "0", best);
  atlas_text_index_match (text, "", best);
  g_assert_cmpuint (best[0] | best[1] | best[2], ==, 0);

  atlas_text_index_free (text);

  /* Empty. */
  text = atlas_text_index_new ();
  atlas_text_index_seal (text);
  g_assert_cmpuint (atlas_text_index_get_n_words (text), ==, 0);
  atlas_text_index_match (text, "a", NULL);
  atlas_text_index_free (text);
}

/* AtlasContext: the memory phase at once, then the descriptions */

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The search did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
wait_for_complete (AtlasContext *context)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);

  while (!atlas_result_is_complete (atlas_context_get_result (context)))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

static void
on_finalized_cb (gpointer  user_data,
                 GObject  *object)
{
  g_atomic_int_set ((int *) user_data, 1);
}

/* A context on a new cache of the ranking set, loaded. */
static AtlasContext *
open_ranking_context (TestStore *ts)
{
  AtlasContext *context;
  gboolean loaded = FALSE;

  test_store_begin (ts);
  put_ranking_set (ts);
  test_store_commit (ts);

  context = atlas_context_new (NULL, ts->path);
  atlas_context_load_async (context, NULL, atlas_test_context_loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  return context;
}

static void
test_context_two_phases (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasContext) context = NULL;
  AtlasQuery *query;
  AtlasResult *result;
  AtlasResult *settled;

  context = open_ranking_context (&ts);
  query = atlas_context_get_query (context);
  g_assert_true (atlas_context_get_settled_result (context) == atlas_context_get_result (context));
  settled = atlas_context_get_settled_result (context);

  /* At once: titles, summaries and names.  The map and the counts keep
   * the last complete result meanwhile. */
  atlas_query_set_text (query, "water");
  result = atlas_context_get_result (context);
  g_assert_false (atlas_result_is_complete (result));
  g_assert_true (atlas_context_get_settled_result (context) == settled);
  {
    g_autofree char *ids = result_ids (ts.store, result);

    g_assert_cmpstr (ids, ==, "title-word-new,title-word-old,title-prefix,name,summary");
  }

  /* Then the descriptions, which the map and the counts show too. */
  wait_for_complete (context);
  g_assert_true (atlas_context_get_settled_result (context) == atlas_context_get_result (context));
  {
    g_autofree char *ids = result_ids (ts.store, atlas_context_get_result (context));

    g_assert_cmpstr (ids, ==,
                     "title-word-new,title-word-old,title-prefix,name,summary,description");
  }

  /* A facet with the same words: complete at once. */
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");
  result = atlas_context_get_result (context);
  g_assert_true (atlas_result_is_complete (result));
  g_assert_true (atlas_context_get_settled_result (context) == result);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 6);
  atlas_query_remove_value (query, ATLAS_FACET_STATUS, "ongoing");

  /* A word only in a description: nothing at first. */
  atlas_query_set_text (query, "ledger");
  result = atlas_context_get_result (context);
  g_assert_false (atlas_result_is_complete (result));
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 0);
  wait_for_complete (context);
  {
    g_autofree char *ids = result_ids (ts.store, atlas_context_get_result (context));

    g_assert_cmpstr (ids, ==, "description");
  }

  /* Typing on while searches run: the last text wins; the map and the
   * counts go from one complete result to the next. */
  settled = atlas_context_get_settled_result (context);
  atlas_query_set_text (query, "w");
  atlas_query_set_text (query, "wa");
  atlas_query_set_text (query, "wat");
  atlas_query_set_text (query, "clean");
  g_assert_false (atlas_result_is_complete (atlas_context_get_result (context)));
  g_assert_true (atlas_context_get_settled_result (context) == settled);
  wait_for_complete (context);
  g_assert_true (atlas_context_get_settled_result (context) == atlas_context_get_result (context));
  g_assert_true (atlas_result_has_same_words (atlas_context_get_result (context), query));
  {
    g_autofree char *ids = result_ids (ts.store, atlas_context_get_result (context));

    g_assert_cmpstr (ids, ==, "name,summary");
  }

  /* A facet while the search runs: the search goes on, and its match is
   * reused for the facet. */
  atlas_query_set_text (query, "water");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "planned");
  g_assert_false (atlas_result_is_complete (atlas_context_get_result (context)));
  wait_for_complete (context);
  result = atlas_context_get_result (context);
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 0);
  g_assert_cmpuint (atlas_result_get_count (result, ATLAS_FACET_STATUS, "ongoing"), ==, 6);
  atlas_query_remove_value (query, ATLAS_FACET_STATUS, "planned");
  result = atlas_context_get_result (context);
  g_assert_true (atlas_result_is_complete (result));
  g_assert_cmpuint (atlas_result_get_n_items (result), ==, 6);

  /* Without text, complete at once. */
  atlas_query_set_text (query, "  ");
  g_assert_true (atlas_result_is_complete (atlas_context_get_result (context)));
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_result (context)), ==, 7);

  /* Gone while a search runs: finalized once the worker is done (the last
   * reference may be a finished task's, dropped in the worker thread). */
  atlas_query_set_text (query, "water");
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    int finalized = 0;

    g_object_weak_ref (G_OBJECT (context), on_finalized_cb, &finalized);
    g_clear_object (&context);
    while (!g_atomic_int_get (&finalized))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
}

static void
on_settled_cb (AtlasContext *context,
               GParamSpec   *pspec,
               GPtrArray    *settled)
{
  g_ptr_array_add (settled, atlas_context_get_settled_result (context));
}

/* A partial result that no complete one follows within a moment settles on
 * its own.  The main loop is kept from running for longer than that moment,
 * so the complete result cannot be applied first, however fast the worker
 * is: the partial result settles, then the complete one. */
static void
test_context_settle_partial (void)
{
  g_auto(TestStore) ts = { NULL, };
  g_autoptr(AtlasContext) context = NULL;
  g_autoptr(GPtrArray) settled = g_ptr_array_new ();
  AtlasQuery *query;
  AtlasResult *partial;

  context = open_ranking_context (&ts);
  query = atlas_context_get_query (context);
  g_signal_connect (context, "notify::settled-result", G_CALLBACK (on_settled_cb), settled);

  atlas_query_set_text (query, "water");
  partial = atlas_result_ref (atlas_context_get_result (context));
  g_assert_false (atlas_result_is_complete (partial));
  g_assert_cmpuint (settled->len, ==, 0);

  g_usleep (400 * 1000);
  wait_for_complete (context);
  atlas_test_run_for (50);

  g_assert_cmpuint (settled->len, ==, 2);
  g_assert_true (g_ptr_array_index (settled, 0) == partial);
  g_assert_true (g_ptr_array_index (settled, 1) == atlas_context_get_result (context));
  g_assert_cmpuint (atlas_result_get_n_items (atlas_context_get_settled_result (context)), ==, 6);

  g_signal_handlers_disconnect_by_data (context, settled);
  atlas_result_unref (partial);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/text-index/index", test_text_index);
  g_test_add_func ("/text-index/country-search-names", test_country_search_names);
  g_test_add_func ("/text-index/store-descriptions", test_store_descriptions);
  g_test_add_func ("/text-index/brute-force", test_brute_force);
  g_test_add_func ("/text-index/folding-and-names", test_folding_and_names);
  g_test_add_func ("/text-index/translated-country-names", test_translated_country_names);
  g_test_add_func ("/text-index/ranking", test_ranking);
  g_test_add_func ("/text-index/rerun", test_rerun);
  g_test_add_func ("/text-index/cancelled", test_cancelled);
  g_test_add_func ("/text-index/context-two-phases", test_context_two_phases);
  g_test_add_func ("/text-index/context-settle-partial", test_context_settle_partial);

  return g_test_run ();
}
