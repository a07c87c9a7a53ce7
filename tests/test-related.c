/* test-related.c
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

/* Related initiatives (atlas_index_find_related) against a plain
 * evaluation of the same rule on generated rows; the reasons in words; the
 * app's own initiative addresses; the store's lookups the detail view
 * needs (an initiative by source and id, the organisations' rowids). */

#define N_ORG_POOL     60
#define N_COUNTRY_POOL 24

static const char * const country_pool[N_COUNTRY_POOL] = {
  "KE", "TZ", "UG", "RW", "NG", "GH", "SN", "ZA", "EG", "MA", "IN", "BD",
  "ke",            /* the same as KE: the index folds case */
  "VN", "ID", "PH", "BR", "PE", "CO", "MX", "FR", "DE",
  "QQ",            /* not a country: ignored */
  "XK",
};

typedef struct
{
  gint64      rowid;
  guint32     gdc;
  guint32     wsis;
  guint32     sdgs;
  guint32     priorities;
  GPtrArray  *countries;   /* char*, as given (duplicates, any case) */
  GArray     *orgs;        /* gint64, as given (duplicates) */
  GHashTable *country_set; /* the known countries, upper case */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_ptr_array_unref (row->countries);
  g_array_unref (row->orgs);
  g_clear_pointer (&row->country_set, g_hash_table_unref);
  g_free (row);
}

static GHashTable *country_set (const Row *r);

static guint32
random_bits (GRand *rand,
             guint  n_bits,
             guint  per_mille)
{
  guint32 bits = 0;

  for (guint b = 0; b < n_bits; b++)
    if ((guint) g_rand_int_range (rand, 0, 1000) < per_mille)
      bits |= 1u << b;

  return bits;
}

static GPtrArray *
make_rows (GRand *rand,
           guint  n)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  gint64 rowid = 0;

  for (guint i = 0; i < n; i++)
    {
      Row *row = g_new0 (Row, 1);
      guint n_countries = (guint) g_rand_int_range (rand, 0, 5);
      guint n_orgs = (guint) g_rand_int_range (rand, 0, 5);

      rowid += g_rand_int_range (rand, 1, 4);
      row->rowid = rowid;
      row->gdc = random_bits (rand, ATLAS_N_GDC_OBJECTIVES, 200);
      row->wsis = random_bits (rand, ATLAS_N_WSIS_LINES, 60);
      row->sdgs = random_bits (rand, ATLAS_N_SDGS, 80);
      row->priorities = random_bits (rand, ATLAS_N_PRIORITIES, 150);
      row->countries = g_ptr_array_new ();
      row->orgs = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint c = 0; c < n_countries; c++)
        g_ptr_array_add (row->countries,
                         (gpointer) country_pool[g_rand_int_range (rand, 0, N_COUNTRY_POOL)]);

      for (guint o = 0; o < n_orgs; o++)
        {
          /* Organisation rowids as the store gives them: sparse. */
          gint64 org = 1000 + 7 * g_rand_int_range (rand, 0, N_ORG_POOL);

          g_array_append_val (row->orgs, org);
        }

      row->country_set = country_set (row);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* Rows are added in a shuffled order, so that rowids are not ascending. */
static AtlasIndex *
make_index (GPtrArray *rows,
            GRand     *rand)
{
  AtlasIndex *index = atlas_index_new ();
  g_autofree guint *order = g_new (guint, MAX (rows->len, 1));

  for (guint i = 0; i < rows->len; i++)
    order[i] = i;
  for (guint i = rows->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = g_ptr_array_index (rows, order[i]);
      AtlasIndexRow row = { 0 };

      row.rowid = r->rowid;
      row.source_id = 1;
      row.status = ATLAS_STATUS_ONGOING;
      row.gdc_objectives = r->gdc;
      row.wsis_lines = r->wsis;
      row.sdgs = r->sdgs;
      row.priorities = r->priorities;
      row.title = "Initiative";
      row.countries = (const char * const *) r->countries->pdata;
      row.n_countries = r->countries->len;
      row.organizations = (const gint64 *) (gpointer) r->orgs->data;
      row.n_organizations = r->orgs->len;
      atlas_index_add_row (index, &row);
    }

  atlas_index_seal (index);

  return index;
}

/* The rule, written out plainly. */

static GHashTable *
country_set (const Row *r)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AtlasVocab *vocab = atlas_vocab_get_default ();

  for (guint i = 0; i < r->countries->len; i++)
    {
      const char *code = g_ptr_array_index (r->countries, i);

      if (atlas_vocab_find_country (vocab, code) >= 0)
        g_hash_table_add (set, g_ascii_strup (code, -1));
    }

  return set;
}

static guint
count_shared_orgs (const Row *a,
                   const Row *b)
{
  guint n = 0;

  for (guint i = 0; i < a->orgs->len; i++)
    {
      gint64 org = g_array_index (a->orgs, gint64, i);
      gboolean seen_before = FALSE;
      gboolean in_b = FALSE;

      for (guint j = 0; j < i; j++)
        seen_before |= g_array_index (a->orgs, gint64, j) == org;
      for (guint j = 0; j < b->orgs->len; j++)
        in_b |= g_array_index (b->orgs, gint64, j) == org;

      n += !seen_before && in_b;
    }

  return n;
}

static guint
count_shared_countries (const Row *a,
                        const Row *b)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, a->country_set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += g_hash_table_contains (b->country_set, key);

  return n;
}

static guint
count_bits (guint32 bits)
{
  guint n = 0;

  for (; bits != 0; bits >>= 1)
    n += bits & 1;

  return n;
}

static guint
count_shared_tags (const Row *a,
                   const Row *b)
{
  return count_bits (a->gdc & b->gdc) + count_bits (a->wsis & b->wsis) +
         count_bits (a->sdgs & b->sdgs) + count_bits (a->priorities & b->priorities);
}

static int
compare_expected (gconstpointer pa,
                  gconstpointer pb)
{
  const AtlasRelated *a = pa;
  const AtlasRelated *b = pb;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->n_partners != b->n_partners)
    return a->n_partners > b->n_partners ? -1 : 1;
  if (a->n_countries != b->n_countries)
    return a->n_countries > b->n_countries ? -1 : 1;
  return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

static GArray *
brute_force_related (GPtrArray *rows,
                     guint      target,
                     guint      max_related)
{
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (AtlasRelated));
  const Row *a = g_ptr_array_index (rows, target);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *b = g_ptr_array_index (rows, i);
      AtlasRelated related = { 0 };

      if (i == target)
        continue;

      related.rowid = b->rowid;
      related.n_partners = count_shared_orgs (a, b);
      related.n_countries = count_shared_countries (a, b);
      related.n_tags = count_shared_tags (a, b);
      related.score = 8 * related.n_partners + 3 * related.n_countries + related.n_tags;

      if (related.score > 0)
        g_array_append_val (expected, related);
    }

  g_array_sort (expected, compare_expected);
  if (expected->len > max_related)
    g_array_set_size (expected, max_related);

  return expected;
}

static void
assert_same_related (GArray *actual,
                     GArray *expected)
{
  g_assert_cmpuint (actual->len, ==, expected->len);

  for (guint i = 0; i < actual->len; i++)
    {
      const AtlasRelated *x = &g_array_index (actual, AtlasRelated, i);
      const AtlasRelated *y = &g_array_index (expected, AtlasRelated, i);

      g_assert_cmpint (x->rowid, ==, y->rowid);
      g_assert_cmpuint (x->n_partners, ==, y->n_partners);
      g_assert_cmpuint (x->n_countries, ==, y->n_countries);
      g_assert_cmpuint (x->n_tags, ==, y->n_tags);
      g_assert_cmpuint (x->score, ==, y->score);
    }
}

static void
test_related_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2025);
  g_autoptr(GPtrArray) rows = make_rows (rand, 700);
  g_autoptr(AtlasIndex) index = make_index (rows, rand);
  guint n_nonempty = 0;
  guint n_full = 0;

  for (guint t = 0; t < rows->len; t += 3)
    {
      const Row *target = g_ptr_array_index (rows, t);
      g_autoptr(GArray) top = atlas_index_find_related (index, target->rowid, 6);
      g_autoptr(GArray) expected_top = brute_force_related (rows, t, 6);

      assert_same_related (top, expected_top);
      n_nonempty += top->len > 0;
      n_full += top->len == 6;

      /* The whole ranking, for some. */
      if (t % 30 == 0)
        {
          g_autoptr(GArray) all = atlas_index_find_related (index, target->rowid, G_MAXUINT);
          g_autoptr(GArray) expected_all = brute_force_related (rows, t, G_MAXUINT);

          assert_same_related (all, expected_all);
          for (guint i = 0; i < all->len; i++)
            g_assert_cmpint (g_array_index (all, AtlasRelated, i).rowid, !=, target->rowid);
        }
    }

  /* The data made the test mean something. */
  g_test_message ("%u targets with relatives, %u with six", n_nonempty, n_full);
  g_assert_cmpuint (n_full, >, rows->len / 3 / 2);
}

/* Only what is shared counts: organisations, countries (folded, unknown
 * codes ignored) and tags, not regions or anything else. */
static void
test_related_rules (void)
{
  g_autoptr(AtlasIndex) index = atlas_index_new ();
  g_autoptr(GArray) of_one = NULL;
  g_autoptr(GArray) of_four = NULL;
  g_autoptr(GArray) none = NULL;
  const char * const countries_1[] = { "KE", "TZ", "QQ" };
  const char * const countries_2[] = { "ke", "tz", "QQ", "UG" };
  const char * const countries_3[] = { "UG" };
  const gint64 orgs_1[] = { 11, 12, 13 };
  const gint64 orgs_2[] = { 13, 12, 99 };
  const guint16 regions[] = { 2 };
  AtlasIndexRow row = { 0 };
  const AtlasRelated *first;

  row.title = "One";
  row.rowid = 1;
  row.source_id = 1;
  row.countries = countries_1;
  row.n_countries = G_N_ELEMENTS (countries_1);
  row.organizations = orgs_1;
  row.n_organizations = G_N_ELEMENTS (orgs_1);
  row.sdgs = 0x7;
  row.wsis_lines = 1u << ATLAS_WSIS_C7_E_HEALTH;
  row.regions = regions;
  row.n_regions = 1;
  atlas_index_add_row (index, &row);

  /* Two shared organisations, two countries (one in lower case, and the
   * unknown QQ not counted), SDG 1 and the e-health line (its implied C7
   * is not a tag of its own). */
  row.title = "Two";
  row.rowid = 2;
  row.countries = countries_2;
  row.n_countries = G_N_ELEMENTS (countries_2);
  row.organizations = orgs_2;
  row.n_organizations = G_N_ELEMENTS (orgs_2);
  row.sdgs = 0x1 | 0x10;
  row.wsis_lines = 1u << ATLAS_WSIS_C7_E_HEALTH;
  atlas_index_add_row (index, &row);

  /* Nothing shared with One but the region, which does not count. */
  row.title = "Three";
  row.rowid = 3;
  row.countries = countries_3;
  row.n_countries = G_N_ELEMENTS (countries_3);
  row.organizations = NULL;
  row.n_organizations = 0;
  row.sdgs = 0;
  row.wsis_lines = 1u << ATLAS_WSIS_C7_E_LEARNING;
  atlas_index_add_row (index, &row);

  /* Shares nothing with anyone. */
  row.title = "Four";
  row.rowid = 4;
  row.countries = NULL;
  row.n_countries = 0;
  row.regions = NULL;
  row.n_regions = 0;
  row.wsis_lines = 0;
  atlas_index_add_row (index, &row);

  atlas_index_seal (index);

  of_one = atlas_index_find_related (index, 1, 6);
  g_assert_cmpuint (of_one->len, ==, 1);
  first = &g_array_index (of_one, AtlasRelated, 0);
  g_assert_cmpint (first->rowid, ==, 2);
  g_assert_cmpuint (first->n_partners, ==, 2);
  g_assert_cmpuint (first->n_countries, ==, 2);
  g_assert_cmpuint (first->n_tags, ==, 2);
  g_assert_cmpuint (first->score, ==, 2 * 8 + 2 * 3 + 2);

  of_four = atlas_index_find_related (index, 4, 6);
  g_assert_cmpuint (of_four->len, ==, 0);

  none = atlas_index_find_related (index, 12345, 6);
  g_assert_cmpuint (none->len, ==, 0);

  {
    g_autoptr(GArray) zero = atlas_index_find_related (index, 1, 0);
    g_autoptr(GArray) of_three = atlas_index_find_related (index, 3, 6);

    g_assert_cmpuint (zero->len, ==, 0);
    /* Three and Two share Uganda. */
    g_assert_cmpuint (of_three->len, ==, 1);
    g_assert_cmpint (g_array_index (of_three, AtlasRelated, 0).rowid, ==, 2);
    g_assert_cmpuint (g_array_index (of_three, AtlasRelated, 0).n_countries, ==, 1);
  }
}

static void
test_related_reasons (void)
{
  static const struct {
    guint       partners;
    guint       countries;
    guint       tags;
    const char *reason;
  } cases[] = {
    { 3, 2, 4, "3 shared partners, 2 shared countries" },
    { 1, 0, 2, "1 shared partner, 2 shared tags" },
    { 0, 1, 0, "1 shared country" },
    { 0, 0, 5, "5 shared tags" },
    { 0, 0, 1, "1 shared tag" },
    { 0, 12, 7, "12 shared countries, 7 shared tags" },
    { 2, 0, 0, "2 shared partners" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AtlasRelated related = { 0 };
      g_autofree char *reason = NULL;

      related.rowid = 1;
      related.n_partners = cases[i].partners;
      related.n_countries = cases[i].countries;
      related.n_tags = cases[i].tags;
      reason = atlas_related_get_reason (&related);
      g_assert_cmpstr (reason, ==, cases[i].reason);
    }
}

static void
test_link_uri (void)
{
  static const struct {
    const char *source;
    const char *id;
  } round_trips[] = {
    { "bundled:", "global-digital-compact" },
    { "https://portal.example.org/feed?page=2&since=2026-01-01T00:00:00Z#top", "ini 42/ç+&=%?" },
    { "file:///home/me/My%20feeds/feed.json", "a" },
  };
  static const char * const invalid[] = {
    "",
    "cooperation-atlas://initiative",
    "cooperation-atlas://initiative?source=bundled%3A",
    "cooperation-atlas://initiative?id=x",
    "cooperation-atlas://initiative?source=&id=x",
    "cooperation-atlas://organization?source=bundled%3A&id=x",
    "cooperation-atlas://initiative/other?source=bundled%3A&id=x",
    "https://initiative?source=bundled%3A&id=x",
    "cooperation-atlas://initiative?source=%ZZ&id=x",
    "cooperation-atlas://initiative?source=bundled%3A&id=%FF",
    "not a uri at all",
  };

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *uri = atlas_link_uri_new (round_trips[i].source, round_trips[i].id);
      g_autofree char *source = NULL;
      g_autofree char *id = NULL;

      g_test_message ("%s", uri);
      g_assert_true (g_str_has_prefix (uri, "cooperation-atlas://initiative?source="));
      /* Nothing a shell, a desktop file or a chat client would split on. */
      g_assert_null (strpbrk (uri + strlen ("cooperation-atlas://"), " #\"'<>/"));
      g_assert_true (atlas_link_uri_parse (uri, &source, &id));
      g_assert_cmpstr (source, ==, round_trips[i].source);
      g_assert_cmpstr (id, ==, round_trips[i].id);
    }

  {
    g_autofree char *uri = atlas_link_uri_new ("bundled:", "global-digital-compact");

    g_assert_cmpstr (uri, ==, "cooperation-atlas://initiative?source=bundled%3A&id=global-digital-compact");
  }

  /* Case does not matter in the scheme and host; the trailing slash is
   * tolerated; nothing is written on failure. */
  {
    g_autofree char *source = NULL;
    g_autofree char *id = NULL;

    g_assert_true (atlas_link_uri_parse ("Cooperation-Atlas://Initiative/?id=x&source=bundled%3A",
                                         &source, &id));
    g_assert_cmpstr (source, ==, "bundled:");
    g_assert_cmpstr (id, ==, "x");
  }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      char *source = NULL;
      char *id = NULL;

      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (atlas_link_uri_parse (invalid[i], &source, &id));
      g_assert_null (source);
      g_assert_null (id);
    }
  g_assert_false (atlas_link_uri_parse (NULL, NULL, NULL));
}

#define DOCUMENT \
  "{\"format\":\"digital-cooperation-feed\",\"version\":1," \
  "\"generated_at\":\"2026-03-01T00:00:00Z\",\"complete\":true," \
  "\"organizations\":[" \
  "{\"id\":\"a\",\"name\":\"Alpha\",\"type\":\"civil-society\"}," \
  "{\"id\":\"b\",\"name\":\"Beta\",\"type\":\"academia\"}," \
  "{\"id\":\"c\",\"name\":\"Gamma\"}]," \
  "\"initiatives\":[" \
  "{\"id\":\"one\",\"title\":\"One\",\"lead\":\"a\"," \
  "\"partners\":[{\"organization\":\"b\",\"role\":\"funder\"},{\"organization\":\"c\"}]}," \
  "{\"id\":\"two & more\",\"title\":\"Two\",\"lead\":\"c\"}]}"

/* The store gives every organisation of an initiative with its rowid, and
 * finds an initiative by its source and id. */
static void
test_store_lookups (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(AtlasSync) sync = atlas_sync_new (path);
  g_autoptr(GBytes) document = g_bytes_new_static (DOCUMENT, strlen (DOCUMENT));
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasInitiative) one = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rowid;

  report = atlas_sync_import (sync, "file:///tmp/related.json", ATLAS_SOURCE_KIND_FILE,
                              document, NULL, &error);
  g_assert_no_error (error);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);

  rowid = atlas_store_find_initiative (store, "file:///tmp/related.json", "one", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rowid, >, 0);

  one = atlas_store_load_initiative (store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->id, ==, "one");

  orgs = atlas_store_list_organizations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 3);

  for (guint i = 0; i < orgs->len; i++)
    {
      const AtlasOrganization *org = g_ptr_array_index (orgs, i);

      if (g_str_equal (org->id, "a"))
        g_assert_cmpint (one->lead_rowid, ==, org->rowid);
      else if (g_str_equal (org->id, "b"))
        g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (one->partners, 0))->rowid, ==, org->rowid);
      else
        g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (one->partners, 1))->rowid, ==, org->rowid);
    }

  {
    gint64 two = atlas_store_find_initiative (store, "file:///tmp/related.json", "two & more", &error);

    g_assert_no_error (error);
    g_assert_cmpint (two, >, 0);
    g_assert_cmpint (two, !=, rowid);
  }

  g_assert_cmpint (atlas_store_find_initiative (store, "file:///tmp/related.json", "three", &error),
                   ==, 0);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (atlas_store_find_initiative (store, "bundled:", "one", &error), ==, 0);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/related/brute-force", test_related_brute_force);
  g_test_add_func ("/related/rules", test_related_rules);
  g_test_add_func ("/related/reasons", test_related_reasons);
  g_test_add_func ("/related/link-uri", test_link_uri);
  g_test_add_func ("/related/store-lookups", test_store_lookups);

  return g_test_run ();
}
