/* test-dpga.c
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

#define G_LOG_DOMAIN "test-dpga"

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-test-util.h"

#define DEPLOYMENT_FIELD "locations.deploymentCountries"
#define DEVELOPMENT_FIELD "locations.developmentCountries"

/* The country strings of the datasets that are not spelled like the
 * country's English name, and the country they mean. */
static const struct
{
  const char *name;
  const char *alpha2;
} dataset_spellings[] = {
  { "Brunei", "BN" },
  { "Caribbean Netherlands", "BQ" },
  { "Congo (Congo-Brazzaville)", "CG" },
  { "Czechia (Czech Republic)", "CZ" },
  { "Democratic Republic of the Congo", "CD" },
  { "Eswatini (fmr. 'Swaziland')", "SZ" },
  { "Holy See", "VA" },
  { "Micronesia", "FM" },
  { "Palestine State", "PS" },
  { "Russia", "RU" },
  { "Turkey", "TR" },
  { "United States of America", "US" },
  { "VietNam", "VN" },
};

/* Totals over every document checked by check_locations(). */
typedef struct
{
  guint       strings;
  guint       resolved;
  GHashTable *distinct;     /* every string seen */
  GHashTable *unresolved;   /* string -> number of times */
} CountryTally;

static void
country_tally_init (CountryTally *tally)
{
  tally->strings = tally->resolved = 0;
  tally->distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tally->unresolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
country_tally_clear (CountryTally *tally)
{
  g_clear_pointer (&tally->distinct, g_hash_table_unref);
  g_clear_pointer (&tally->unresolved, g_hash_table_unref);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonNode *
load_json_file (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  return json_parser_steal_root (parser);
}

static AtlasFeedPage *
parse_good_text (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page = atlas_dpga_parse_good (root, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_DPGA_GOOD);
  g_assert_false (page->complete);
  g_assert_null (page->next);
  return page;
}

static AtlasFeedPage *
parse_list_text (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page = atlas_dpga_parse_list (root, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_DPGA_LIST);
  g_assert_true (page->complete);
  g_assert_null (page->next);
  return page;
}

static guint
count_problems (AtlasFeedPage    *page,
                AtlasProblemKind  kind,
                const char       *field,
                const char       *value)
{
  guint n = 0;

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      if (problem->kind == kind &&
          (field == NULL || g_strcmp0 (problem->field, field) == 0) &&
          (value == NULL || g_strcmp0 (problem->value, value) == 0))
        {
          g_assert_nonnull (problem->message);
          g_assert_cmpstr (problem->message, !=, "");
          n++;
        }
    }

  return n;
}

static guint
count_field_problems (AtlasFeedPage *page,
                      const char    *field)
{
  return count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, field, NULL);
}

static const AtlasOrganization *
find_organization (AtlasFeedPage *page,
                   const char    *id)
{
  for (guint i = 0; i < page->organizations->len; i++)
    {
      const AtlasOrganization *organization = g_ptr_array_index (page->organizations, i);

      if (g_strcmp0 (organization->id, id) == 0)
        return organization;
    }

  g_error ("No organisation has the id %s", id);
}

static const AtlasOrganization *
find_organization_by_name (AtlasFeedPage *page,
                           const char    *name)
{
  for (guint i = 0; i < page->organizations->len; i++)
    {
      const AtlasOrganization *organization = g_ptr_array_index (page->organizations, i);

      if (g_strcmp0 (organization->name, name) == 0)
        return organization;
    }

  g_error ("No organisation is called %s", name);
}

static const AtlasInitiative *
find_initiative (AtlasFeedPage *page,
                 const char    *id)
{
  for (guint i = 0; i < page->initiatives->len; i++)
    {
      const AtlasInitiative *initiative = g_ptr_array_index (page->initiatives, i);

      if (g_strcmp0 (initiative->id, id) == 0)
        return initiative;
    }

  g_error ("No initiative has the id %s", id);
}

static AtlasRole
role_of (const AtlasInitiative *initiative,
         const char            *organization)
{
  for (guint i = 0; i < initiative->partners->len; i++)
    {
      const AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);

      if (g_strcmp0 (partner->organization, organization) == 0)
        return partner->role;
    }

  return ATLAS_ROLE_UNKNOWN;
}

static const char *
link_url (const AtlasInitiative *initiative,
          const char            *title)
{
  for (guint i = 0; i < initiative->links->len; i++)
    {
      const AtlasLink *link = g_ptr_array_index (initiative->links, i);

      if (g_strcmp0 (link->title, title) == 0)
        return link->url;
    }

  return NULL;
}

static char *
countries_to_string (const AtlasInitiative *initiative)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < initiative->countries->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (initiative->countries, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The test's own folding, to tell a name written as the country's name from
 * one that needed an alias. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

/* The code a dataset string must resolve to, found without the vocabulary's
 * matcher: by the country's English name, or from dataset_spellings. */
static const char *
expected_code (const char *name)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autofree char *folded = fold (name);

  for (guint i = 0; i < G_N_ELEMENTS (dataset_spellings); i++)
    if (strcmp (dataset_spellings[i].name, name) == 0)
      return dataset_spellings[i].alpha2;

  for (guint i = 0; i < atlas_vocab_get_n_countries (vocab); i++)
    {
      const AtlasCountry *country = atlas_vocab_get_country (vocab, i);
      g_autofree char *country_folded = fold (country->name);

      if (*folded != '\0' && strcmp (folded, country_folded) == 0)
        return country->alpha2;
    }

  return NULL;
}

/* Walks a good's locations as the document has them and checks that every
 * string either became the right code or is reported, and that nothing else
 * is reported. */
static void
check_locations (JsonObject            *good,
                 AtlasFeedPage         *page,
                 const AtlasInitiative *initiative,
                 CountryTally          *tally)
{
  static const char * const members[] = { "deploymentCountries", "developmentCountries" };
  JsonNode *locations_node = json_object_get_member (good, "locations");
  JsonObject *locations;
  const char *developed_in = atlas_initiative_get_property ((AtlasInitiative *) initiative,
                                                            "developed_in");
  g_auto(GStrv) developed = g_strsplit (developed_in != NULL ? developed_in : "", ", ", -1);

  if (locations_node == NULL || JSON_NODE_HOLDS_NULL (locations_node))
    {
      g_assert_cmpuint (initiative->countries->len, ==, 0);
      g_assert_null (developed_in);
      g_assert_cmpuint (count_field_problems (page, DEPLOYMENT_FIELD), ==, 0);
      g_assert_cmpuint (count_field_problems (page, DEVELOPMENT_FIELD), ==, 0);
      return;
    }

  locations = json_node_get_object (locations_node);

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonNode *node = json_object_get_member (locations, members[m]);
      JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                      : NULL;
      guint n = array != NULL ? json_array_get_length (array) : 0;
      g_autofree char *field = g_strconcat ("locations.", members[m], NULL);
      g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
      guint unresolved = 0;
      gboolean deployment = m == 0;

      for (guint i = 0; i < n; i++)
        {
          const char *name = json_array_get_string_element (array, i);
          const char *code = expected_code (name);
          const char *found;
          int index = atlas_vocab_find_country_by_name (atlas_vocab_get_default (), name);

          tally->strings++;
          g_hash_table_add (tally->distinct, g_strdup (name));

          if (index < 0)
            {
              guint times = GPOINTER_TO_UINT (g_hash_table_lookup (tally->unresolved, name));

              if (code != NULL)
                g_error ("“%s” (%s) should be %s but matched nothing", name, field, code);
              g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, field, name),
                                >=, 1);
              g_hash_table_insert (tally->unresolved, g_strdup (name),
                                   GUINT_TO_POINTER (times + 1));
              unresolved++;
              continue;
            }

          tally->resolved++;
          found = atlas_vocab_get_country (atlas_vocab_get_default (), (guint) index)->alpha2;
          if (g_strcmp0 (found, code) != 0)
            g_error ("“%s” matched %s, but the test expects %s", name, found,
                     code != NULL ? code : "a spelling listed in dataset_spellings");

          g_hash_table_add (codes, (gpointer) code);
          if (deployment)
            g_assert_true (atlas_initiative_has_country ((AtlasInitiative *) initiative, code));
          else
            g_assert_true (g_strv_contains ((const char * const *) developed, code));
        }

      /* Nothing is reported that was not unresolved, and no code is invented. */
      g_assert_cmpuint (count_field_problems (page, field), ==, unresolved);
      if (deployment)
        g_assert_cmpuint (initiative->countries->len, ==, g_hash_table_size (codes));
      else if (g_hash_table_size (codes) > 0)
        g_assert_cmpuint (g_strv_length (developed), ==, g_hash_table_size (codes));
      else
        g_assert_null (developed_in);
    }
}

static void
report_tally (const char   *what,
              CountryTally *tally)
{
  GHashTableIter iter;
  gpointer name, count;

  g_test_message ("%s: %u country strings (%u distinct), %u resolved, %u distinct unresolved",
                  what, tally->strings, g_hash_table_size (tally->distinct), tally->resolved,
                  g_hash_table_size (tally->unresolved));

  g_hash_table_iter_init (&iter, tally->unresolved);
  while (g_hash_table_iter_next (&iter, &name, &count))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      g_test_message ("  unresolved: “%s” × %u", (const char *) name, GPOINTER_TO_UINT (count));

      /* Only strings that name no country may stay unresolved. */
      g_assert_cmpstr (trimmed, ==, "");
    }
}

static void
test_real_list (void)
{
  g_autofree char *datasets = atlas_test_get_datasets_dir ();
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) organization_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *goods;
  const AtlasOrganization *ventures, *venture;

  if (datasets == NULL)
    return;

  path = g_build_filename (datasets, "dpga-api", "dpgs", "index.json", NULL);
  root = load_json_file (path, &error);
  g_assert_no_error (error);
  page = atlas_dpga_parse_list (root, &error);
  g_assert_no_error (error);
  g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_DPGA_LIST);
  g_assert_true (page->complete);
  g_assert_null (page->next);
  g_assert_cmpuint (page->initiatives->len, ==, 165);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_SKIPPED_RECORD, NULL, NULL), ==, 0);

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      g_test_message ("problem: %s", problem->message);
    }

  for (guint i = 0; i < page->organizations->len; i++)
    {
      const AtlasOrganization *organization = g_ptr_array_index (page->organizations, i);

      g_assert_true (g_hash_table_add (organization_ids, organization->id));
      g_assert_nonnull (organization->name);
      g_assert_cmpint (organization->type, ==, ATLAS_ORG_TYPE_UNKNOWN);
      g_assert_true (organization->website == NULL || atlas_uri_is_web (organization->website));
    }

  /* Recount from the document itself. */
  goods = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (goods), ==, page->initiatives->len);

  for (guint i = 0; i < json_array_get_length (goods); i++)
    {
      JsonObject *good = json_array_get_object_element (goods, i);
      const AtlasInitiative *initiative = g_ptr_array_index (page->initiatives, i);
      JsonArray *sdgs = json_object_get_array_member (good, "SDGs");
      JsonArray *organizations = json_object_get_array_member (good, "organizations");
      guint32 expected_sdgs = 0;

      g_assert_cmpstr (initiative->id, ==, json_object_get_string_member (good, "id"));
      g_assert_cmpstr (initiative->title, ==, json_object_get_string_member (good, "name"));
      g_assert_cmpuint (initiative->countries->len, ==, 0);
      g_assert_null (atlas_initiative_get_property ((AtlasInitiative *) initiative,
                                                    "developed_in"));
      g_assert_nonnull (initiative->summary);
      g_assert_cmpuint (g_utf8_strlen (initiative->summary, -1), <=, 280);

      for (guint j = 0; j < json_array_get_length (sdgs); j++)
        expected_sdgs |= 1u << (json_object_get_int_member (json_array_get_object_element (sdgs, j),
                                                             "SDGNumber") - 1);
      g_assert_cmphex (initiative->sdgs, ==, expected_sdgs);

      g_assert_cmpuint (initiative->partners->len, <=, json_array_get_length (organizations));
      g_assert_cmpuint (initiative->partners->len, >=, 1);
      for (guint j = 0; j < initiative->partners->len; j++)
        {
          const AtlasPartner *partner = g_ptr_array_index (initiative->partners, j);

          g_assert_true (g_hash_table_contains (organization_ids, partner->organization));
          g_assert_cmpint (partner->role, !=, ATLAS_ROLE_UNKNOWN);
        }

      g_assert_cmpstr (atlas_initiative_get_property ((AtlasInitiative *) initiative, "stage"), ==,
                       "DPG");
      for (guint j = 0; j < initiative->links->len; j++)
        {
          const AtlasLink *link = g_ptr_array_index (initiative->links, j);

          g_assert_true (atlas_uri_is_web (link->url));
        }
    }

  /* Spelled alike but two organisations: not merged. */
  ventures = find_organization_by_name (page, "UNICEF Ventures Fund");
  venture = find_organization_by_name (page, "UNICEF Venture Fund");
  g_assert_cmpstr (ventures->id, !=, venture->id);
  g_assert_cmpstr (ventures->id, ==, "unicef-ventures-fund");
  g_assert_cmpstr (venture->id, ==, "unicef-venture-fund");

  g_test_message ("%u goods, %u organisations, %u problems", page->initiatives->len,
                  page->organizations->len, page->problems->len);
}

static void
test_real_goods (void)
{
  g_autofree char *datasets = atlas_test_get_datasets_dir ();
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  CountryTally tally;
  const char *entry;
  guint n_goods = 0, n_with_locations = 0;

  if (datasets == NULL)
    return;

  dir_path = g_build_filename (datasets, "dpga-api", "dpg", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  country_tally_init (&tally);

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, entry, "index.json", NULL);
      g_autoptr(JsonNode) root = load_json_file (path, &error);
      g_autoptr(AtlasFeedPage) page = NULL;
      const AtlasInitiative *initiative;

      g_assert_no_error (error);
      page = atlas_dpga_parse_good (root, &error);
      g_assert_no_error (error);
      g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_DPGA_GOOD);
      g_assert_false (page->complete);
      g_assert_cmpuint (page->initiatives->len, ==, 1);
      g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_SKIPPED_RECORD, NULL, NULL), ==, 0);

      initiative = g_ptr_array_index (page->initiatives, 0);
      g_assert_cmpstr (initiative->id, ==, entry);

      if (json_object_has_member (json_node_get_object (root), "locations"))
        n_with_locations++;
      check_locations (json_node_get_object (root), page, initiative, &tally);
      n_goods++;
    }

  g_assert_cmpuint (n_goods, ==, 165);
  g_test_message ("%u goods, %u with locations", n_goods, n_with_locations);
  report_tally ("dpga-api/dpg", &tally);
  g_assert_cmpuint (tally.resolved, >, 2500);
  country_tally_clear (&tally);
}

/* A file that git stored as a symbolic link holds only the target's name. */
static gboolean
is_link_stub (const char *path,
              const char *dir_path)
{
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  g_strstrip (contents);
  if (strchr (contents, '\n') != NULL || !g_str_has_suffix (contents, ".json"))
    return FALSE;

  target = g_build_filename (dir_path, contents, NULL);
  return g_file_test (target, G_FILE_TEST_IS_REGULAR);
}

static void
test_real_candidates (void)
{
  g_autofree char *datasets = atlas_test_get_datasets_dir ();
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  CountryTally tally;
  const char *entry;
  guint n_records = 0, n_links = 0;

  if (datasets == NULL)
    return;

  dir_path = g_build_filename (datasets, "dpga-candidates", "digitalpublicgoods", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  country_tally_init (&tally);

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, entry, NULL);
      g_autofree char *id = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(AtlasFeedPage) page = NULL;
      JsonObject *record;

      if (!g_str_has_suffix (entry, ".json"))
        continue;

      root = load_json_file (path, &load_error);
      if (root == NULL)
        {
          g_assert_true (is_link_stub (path, dir_path));
          n_links++;
          continue;
        }

      /* Screening records have no id of their own: the file name is it. */
      record = json_node_get_object (root);
      id = g_strndup (entry, strlen (entry) - strlen (".json"));
      json_object_set_string_member (record, "id", id);

      page = atlas_dpga_parse_good (root, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->initiatives->len, ==, 1);
      check_locations (record, page, g_ptr_array_index (page->initiatives, 0), &tally);
      n_records++;
    }

  g_test_message ("%u screening records, %u files that are links to others", n_records, n_links);
  g_assert_cmpuint (n_records + n_links, ==, 166);
  report_tally ("dpga-candidates/digitalpublicgoods", &tally);
  g_assert_cmpuint (tally.resolved, >, 2500);
  country_tally_clear (&tally);
}

static AtlasFeedPage *
load_real_good (const char *id)
{
  g_autofree char *datasets = atlas_test_get_datasets_dir ();
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page;

  if (datasets == NULL)
    return NULL;

  path = g_build_filename (datasets, "dpga-api", "dpg", id, "index.json", NULL);
  root = load_json_file (path, &error);
  g_assert_no_error (error);
  page = atlas_dpga_parse_good (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->initiatives->len, ==, 1);

  return page;
}

static void
test_real_spot_checks (void)
{
  g_autoptr(AtlasFeedPage) dhis2 = load_real_good ("dhis2");
  g_autoptr(AtlasFeedPage) openimis = NULL;
  g_autoptr(AtlasFeedPage) rahat = NULL;
  g_autoptr(AtlasFeedPage) somleng = NULL;
  g_autoptr(AtlasFeedPage) aam = NULL;
  g_autoptr(AtlasFeedPage) santempi = NULL;
  g_autofree char *somleng_countries = NULL;
  AtlasInitiative *initiative;
  const char *hisp = "health-information-systems-programme-hisp-university-of-oslo";

  if (dhis2 == NULL)
    return;

  initiative = g_ptr_array_index (dhis2->initiatives, 0);
  g_assert_cmpstr (initiative->title, ==, "DHIS2");
  g_assert_cmphex (initiative->sdgs, ==, (1u << 2) | (1u << 3) | (1u << 16));
  g_assert_cmpstr (initiative->lead, ==, hisp);
  g_assert_cmpint (role_of (initiative, hisp), ==, ATLAS_ROLE_OWNER);
  g_assert_cmpint (role_of (initiative, "norad"), ==, ATLAS_ROLE_FUNDER);
  g_assert_cmpstr (find_organization (dhis2, "norad")->website, ==, "https://norad.no");
  g_assert_cmpstr (find_organization (dhis2, hisp)->name, ==,
                   "Health Information Systems Programme (HISP), University of Oslo");
  g_assert_cmpstr (link_url (initiative, "Website"), ==, "https://www.dhis2.org/");
  g_assert_cmpstr (link_url (initiative, "main"), ==, "https://github.com/dhis2/dhis2-core");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "stage"), ==, "DPG");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "type"), ==, "software");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "sectors"), ==, "Health");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "license"), ==, "BSD-3-Clause");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "developed_in"), ==, "NO, ZA");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "aliases"), ==,
                   "District Health Information System 2");
  /* 73 names, Somalia twice. */
  g_assert_cmpuint (initiative->countries->len, ==, 72);
  g_assert_true (atlas_initiative_has_country (initiative, "KE"));
  g_assert_cmpstr (initiative->summary, ==, initiative->description);
  g_assert_null (initiative->start_date);
  g_assert_cmpint (initiative->status, ==, ATLAS_STATUS_UNKNOWN);
  g_assert_cmpint (initiative->scope, ==, ATLAS_SCOPE_UNKNOWN);
  g_assert_cmphex (initiative->gdc_objectives, ==, 0);
  g_assert_cmphex (initiative->wsis_lines, ==, 0);
  g_assert_cmphex (initiative->priorities, ==, 0);

  /* Two owners: the first leads. */
  openimis = load_real_good ("openimis");
  initiative = g_ptr_array_index (openimis->initiatives, 0);
  g_assert_cmpstr (initiative->lead, ==,
                   "deutsche-gesellschaft-fur-internationale-zusammenarbeit-giz");
  g_assert_cmpint (role_of (initiative, "openimis"), ==, ATLAS_ROLE_OWNER);
  g_assert_cmpint (role_of (initiative, "swiss-agency-for-development-and-cooperation"), ==,
                   ATLAS_ROLE_FUNDER);
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "sectors"), ==,
                   "Social Protection, Health");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "developed_in"), ==,
                   "TZ, NP, DE, CH, BE");
  g_assert_null (atlas_initiative_get_property (initiative, "aliases"));

  /* Repositories keep their names as titles. */
  rahat = load_real_good ("rahat");
  initiative = g_ptr_array_index (rahat->initiatives, 0);
  g_assert_cmpuint (initiative->links->len, ==, 9);
  g_assert_cmpstr (link_url (initiative, "To onboard beneficiaries"), ==,
                   "https://github.com/esatya/rahat-mobilizer");
  g_assert_cmpint (role_of (initiative, "unicef-venture-fund"), ==, ATLAS_ROLE_FUNDER);

  somleng = load_real_good ("somleng");
  initiative = g_ptr_array_index (somleng->initiatives, 0);
  g_assert_cmpint (role_of (initiative, "unicef-ventures-fund"), ==, ATLAS_ROLE_FUNDER);
  somleng_countries = countries_to_string (initiative);
  g_assert_cmpstr (somleng_countries, ==, "KH SO SL GH IN");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "developed_in"), ==, "KH");

  /* aliases [""] is no alias; a maintainer leads when there is no owner. */
  aam = load_real_good ("aam-digital");
  initiative = g_ptr_array_index (aam->initiatives, 0);
  g_assert_null (atlas_initiative_get_property (initiative, "aliases"));
  g_assert_cmpstr (initiative->lead, ==, "aam-digital-gmbh");
  g_assert_cmpint (role_of (initiative, "aam-digital-gmbh"), ==, ATLAS_ROLE_MAINTAINER);
  g_assert_cmphex (initiative->sdgs, ==, (1u << 0) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 9));

  /* A long description is summarised by its first sentence. */
  santempi = load_real_good ("santempi");
  initiative = g_ptr_array_index (santempi->initiatives, 0);
  g_assert_cmpuint (strlen (initiative->description), >, 1000);
  g_assert_cmpstr (initiative->summary, ==,
                   "SantéMPI is a proven, next-generation, fully featured Master Patient "
                   "Index/Client Registry (MPI/CR) platform designed to overcome barriers to "
                   "leveraging person-centered data as a catalyst for transforming health "
                   "systems.");
}

static void
test_invalid_roots (void)
{
  g_autoptr(JsonNode) object = parse_json ("{\"id\": \"a\", \"name\": \"A\", \"SDGs\": []}");
  g_autoptr(JsonNode) array = parse_json ("[]");
  g_autoptr(JsonNode) number = parse_json ("42");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFeedPage) empty = NULL;

  g_assert_null (atlas_dpga_parse_list (object, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (atlas_dpga_parse_list (number, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (atlas_dpga_parse_good (array, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  g_assert_null (atlas_dpga_parse_good (number, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID);
  g_clear_error (&error);

  empty = atlas_dpga_parse_list (array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->initiatives->len, ==, 0);
  g_assert_true (empty->complete);
}

static void
test_skipped_records (void)
{
  g_autoptr(AtlasFeedPage) page = parse_list_text (
    "["
    " {\"id\": \"good\", \"name\": \"Good\", \"SDGs\": [{\"SDGNumber\": 4}]},"
    " {\"name\": \"No id\", \"SDGs\": []},"
    " {\"id\": \"no-name\", \"SDGs\": []},"
    " {\"id\": \"   \", \"name\": \"\"},"
    " 42,"
    " {\"id\": 5, \"name\": \"Numeric id\"},"
    " {\"id\": \"sdgs-text\", \"name\": \"SDGs as text\", \"SDGs\": \"3\"},"
    " {\"id\": \"orgs-object\", \"name\": \"Organisations\", \"organizations\": {\"name\": \"X\"}},"
    " {\"id\": \"locations-list\", \"name\": \"Locations\", \"locations\": [\"Kenya\"]},"
    " {\"id\": \"description-number\", \"name\": \"Description\", \"description\": 7},"
    " {\"id\": \"good\", \"name\": \"Good again\"},"
    " {\"id\": \"nulls\", \"name\": \"Nulls\", \"SDGs\": null, \"website\": null,"
    "  \"locations\": null}"
    "]");
  const AtlasInitiative *nulls;

  g_assert_cmpuint (page->initiatives->len, ==, 2);
  g_assert_cmpstr (find_initiative (page, "good")->title, ==, "Good");
  nulls = find_initiative (page, "nulls");
  g_assert_cmpuint (nulls->links->len, ==, 0);
  g_assert_cmphex (nulls->sdgs, ==, 0);

  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_SKIPPED_RECORD, NULL, NULL), ==, 10);
  g_assert_cmpuint (page->problems->len, ==, 10);

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      /* One sentence, translated (English here), that ends like one. */
      g_assert_true (g_str_has_suffix (problem->message, "."));
      g_test_message ("%s", problem->message);
    }
}

static void
test_sdgs (void)
{
  g_autoptr(AtlasFeedPage) page = parse_good_text (
    "{\"id\": \"g\", \"name\": \"G\", \"SDGs\": ["
    " {\"SDGNumber\": 0}, {\"SDGNumber\": 18}, {\"SDGNumber\": \"abc\"}, {\"SDGNumber\": 3},"
    " \"x\", {\"SDGNumber\": \"5\"}, {\"SDGNumber\": 4.5}, {\"SDGNumber\": 17.0}, {},"
    " {\"SDGNumber\": -1}, {\"SDGNumber\": 3}]}");
  const AtlasInitiative *initiative = g_ptr_array_index (page->initiatives, 0);

  g_assert_cmphex (initiative->sdgs, ==, (1u << 2) | (1u << 4) | (1u << 16));
  g_assert_cmpuint (count_field_problems (page, "SDGs.SDGNumber"), ==, 7);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "SDGs.SDGNumber", "18"),
                    ==, 1);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "SDGs.SDGNumber", "abc"),
                    ==, 1);
  g_assert_cmpuint (page->problems->len, ==, 7);
}

static void
test_web_addresses (void)
{
  g_autoptr(AtlasFeedPage) page = parse_good_text (
    "{\"id\": \"g\", \"name\": \"G\", \"SDGs\": [],"
    " \"website\": \"javascript:alert(1)\","
    " \"repositories\": ["
    "   {\"name\": \"main\", \"url\": \"https://example.org/code\"},"
    "   {\"url\": \"http://example.org/docs\"},"
    "   {\"name\": \"local\", \"url\": \"file:///etc/passwd\"},"
    "   {\"name\": \"again\", \"url\": \"https://example.org/code\"},"
    "   {\"name\": \"none\"},"
    "   {\"name\": \"empty\", \"url\": \"\"}"
    " ],"
    " \"organizations\": ["
    "   {\"name\": \"Org A\", \"website\": \"ftp://example.org\", \"org_type\": \"owner\"},"
    "   {\"name\": \"Org B\", \"website\": \"https://b.example.org\","
    "    \"org_type\": \"maintainer\"},"
    "   {\"name\": \"Org C\", \"website\": \"\", \"org_type\": \"funder\"}"
    " ]}");
  const AtlasInitiative *initiative = g_ptr_array_index (page->initiatives, 0);

  g_assert_null (link_url (initiative, "Website"));
  g_assert_cmpuint (initiative->links->len, ==, 2);
  g_assert_cmpstr (link_url (initiative, "main"), ==, "https://example.org/code");
  g_assert_cmpstr (link_url (initiative, "Repository"), ==, "http://example.org/docs");

  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "website",
                                    "javascript:alert(1)"), ==, 1);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "repositories.url",
                                    "file:///etc/passwd"), ==, 1);
  g_assert_cmpuint (count_field_problems (page, "repositories"), ==, 1);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "organizations.website",
                                    "ftp://example.org"), ==, 1);
  g_assert_cmpuint (page->problems->len, ==, 4);

  g_assert_null (find_organization (page, "org-a")->website);
  g_assert_cmpstr (find_organization (page, "org-b")->website, ==, "https://b.example.org");
  g_assert_null (find_organization (page, "org-c")->website);
}

static void
test_organizations (void)
{
  g_autoptr(AtlasFeedPage) page = parse_list_text (
    "["
    " {\"id\": \"one\", \"name\": \"One\", \"SDGs\": [], \"organizations\": ["
    "   {\"name\": \"Funder Inc.\", \"org_type\": \"funder\"},"
    "   {\"name\": \"Keeper\", \"org_type\": \"maintainer\"},"
    "   {\"name\": \"Ma\u00efa  Owner\", \"website\": \"https://maia.example\","
    "    \"org_type\": \"owner\"},"
    "   {\"name\": \"Second Owner\", \"org_type\": \"owner\"},"
    "   {\"name\": \"Sponsor\", \"org_type\": \"sponsor\"},"
    "   {\"name\": \"Roleless\"},"
    "   {\"website\": \"https://nameless.example\", \"org_type\": \"owner\"},"
    "   {\"name\": \"!!!\", \"org_type\": \"owner\"},"
    "   \"Just text\","
    "   {\"name\": \"KEEPER\", \"org_type\": \"maintainer\"}"
    " ]},"
    " {\"id\": \"two\", \"name\": \"Two\", \"SDGs\": [], \"organizations\": ["
    "   {\"name\": \"maia owner\", \"website\": \"https://other.example\","
    "    \"org_type\": \"implementer\"},"
    "   {\"name\": \"Keeper\", \"org_type\": \"maintainer\"}"
    " ]},"
    " {\"id\": \"three\", \"name\": \"Three\", \"SDGs\": [], \"organizations\": []}"
    "]");
  const AtlasInitiative *one = find_initiative (page, "one");
  const AtlasInitiative *two = find_initiative (page, "two");
  const AtlasInitiative *three = find_initiative (page, "three");
  const AtlasOrganization *maia = find_organization (page, "maia-owner");

  g_assert_cmpuint (page->initiatives->len, ==, 3);

  /* The same organisation in another case, spacing or accent is one. */
  g_assert_cmpuint (page->organizations->len, ==, 6);
  g_assert_cmpstr (maia->name, ==, "Ma\u00efa  Owner");
  g_assert_cmpstr (maia->website, ==, "https://maia.example");
  g_assert_cmpint (maia->type, ==, ATLAS_ORG_TYPE_UNKNOWN);
  g_assert_cmpstr (find_organization (page, "funder-inc")->name, ==, "Funder Inc.");

  g_assert_cmpstr (one->lead, ==, "maia-owner");
  g_assert_cmpint (role_of (one, "funder-inc"), ==, ATLAS_ROLE_FUNDER);
  g_assert_cmpint (role_of (one, "keeper"), ==, ATLAS_ROLE_MAINTAINER);
  g_assert_cmpint (role_of (one, "second-owner"), ==, ATLAS_ROLE_OWNER);
  g_assert_cmpint (role_of (one, "sponsor"), ==, ATLAS_ROLE_PARTNER);
  g_assert_cmpint (role_of (one, "roleless"), ==, ATLAS_ROLE_PARTNER);
  /* "KEEPER" as maintainer again is no second partner. */
  g_assert_cmpuint (one->partners->len, ==, 6);

  g_assert_cmpstr (two->lead, ==, "keeper");
  g_assert_cmpint (role_of (two, "maia-owner"), ==, ATLAS_ROLE_IMPLEMENTER);
  g_assert_null (three->lead);
  g_assert_cmpuint (three->partners->len, ==, 0);

  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "organizations.org_type",
                                    "sponsor"), ==, 1);
  g_assert_cmpuint (count_field_problems (page, "organizations.org_type"), ==, 2);
  g_assert_cmpuint (count_field_problems (page, "organizations"), ==, 3);
  g_assert_cmpuint (page->problems->len, ==, 5);
}

static void
test_locations (void)
{
  g_autoptr(AtlasFeedPage) page = parse_good_text (
    "{\"id\": \"g\", \"name\": \"G\", \"SDGs\": [], \"locations\": {"
    " \"deploymentCountries\": [\"Niger\", \"Nigeria\", \"\", \"Global\", 42, \"niger\","
    "                           \"Congo (Congo-Brazzaville)\","
    "                           \"Democratic Republic of the Congo\","
    "                           \"South Sudan\", \"Sudan\", \"Dominica\", \"Dominican Republic\","
    "                           \"Guinea\", \"Guinea-Bissau\", \"Equatorial Guinea\", \"Kosovo\"],"
    " \"developmentCountries\": [\"VietNam\", \"Sub-Saharan Africa\", \"Viet Nam\", \"  \"]}}");
  const AtlasInitiative *initiative = g_ptr_array_index (page->initiatives, 0);
  g_autofree char *countries = countries_to_string (initiative);

  g_assert_cmpstr (countries, ==, "NE NG CG CD SS SD DM DO GN GW GQ XK");
  g_assert_cmpstr (atlas_initiative_get_property ((AtlasInitiative *) initiative, "developed_in"),
                   ==, "VN");

  g_assert_cmpuint (count_field_problems (page, DEPLOYMENT_FIELD), ==, 3);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, DEPLOYMENT_FIELD, ""),
                    ==, 1);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, DEPLOYMENT_FIELD, "Global"),
                    ==, 1);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, DEPLOYMENT_FIELD, "42"),
                    ==, 1);
  g_assert_cmpuint (count_field_problems (page, DEVELOPMENT_FIELD), ==, 2);
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, DEVELOPMENT_FIELD,
                                    "Sub-Saharan Africa"), ==, 1);
  g_assert_cmpuint (page->problems->len, ==, 5);

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      g_assert_cmpstr (problem->record_id, ==, "g");
      g_test_message ("%s", problem->message);
    }
}

static void
test_locations_malformed (void)
{
  g_autoptr(AtlasFeedPage) page = parse_good_text (
    "{\"id\": \"g\", \"name\": \"G\", \"SDGs\": [], \"locations\": {"
    " \"deploymentCountries\": \"Kenya\", \"developmentCountries\": [\"Kenya\"]}}");
  const AtlasInitiative *initiative = g_ptr_array_index (page->initiatives, 0);

  g_assert_cmpuint (initiative->countries->len, ==, 0);
  g_assert_cmpstr (atlas_initiative_get_property ((AtlasInitiative *) initiative, "developed_in"),
                   ==, "KE");
  g_assert_cmpuint (count_problems (page, ATLAS_PROBLEM_UNKNOWN_VALUE, DEPLOYMENT_FIELD, "Kenya"),
                    ==, 1);
  g_assert_cmpuint (page->problems->len, ==, 1);
}

static void
test_text_fields (void)
{
  g_autoptr(AtlasFeedPage) page = parse_list_text (
    "["
    " {\"id\": \"short\", \"name\": \"  Short  \", \"SDGs\": [],"
    "  \"description\": \"A short\\n description. Two sentences.\","
    "  \"aliases\": [\"\", \"Alias One\", \" \", \"Alias Two\"],"
    "  \"type\": [\"software\", \"data\"], \"sectors\": [],"
    "  \"license\": [{\"spdx\": \"MIT\"}, {\"spdx\": \"CC-BY-4.0\", \"licenseURL\": \"x\"}, {}],"
    "  \"stage\": \"DPG\"},"
    " {\"id\": \"long\", \"name\": \"Long\", \"SDGs\": [],"
    "  \"description\": \"This tool, e.g. for the U.S. market, helps Dr. Smith count things in "
    "many places around the world with care. It does more: much more than can be said in one "
    "breath, and then it goes on and on about everything it does, for a very long time, so that "
    "the description is well over the length of a summary and needs to be cut.\"},"
    " {\"id\": \"unbroken\", \"name\": \"Unbroken\", \"SDGs\": [],"
    "  \"description\": \"words without any full stop going on and on and on and on and on and on "
    "and on and on and on and on and on and on and on and on and on and on and on and on and "
    "on and "
    "on and on and on and on and on and on and on and on and on and on and on and on and on and on "
    "and on and on and on and on and on and on and on and on and on and on and on and on and on\"},"
    " {\"id\": \"empty\", \"name\": \"Empty\", \"SDGs\": [], \"description\": \"   \"}"
    "]");
  AtlasInitiative *initiative;
  g_autofree char *cut = NULL;

  g_assert_cmpuint (page->initiatives->len, ==, 4);

  initiative = g_ptr_array_index (page->initiatives, 0);
  g_assert_cmpstr (initiative->title, ==, "Short");
  g_assert_cmpstr (initiative->description, ==, "A short\n description. Two sentences.");
  g_assert_cmpstr (initiative->summary, ==, "A short description. Two sentences.");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "aliases"), ==,
                   "Alias One, Alias Two");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "type"), ==, "software, data");
  g_assert_null (atlas_initiative_get_property (initiative, "sectors"));
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "license"), ==, "MIT, CC-BY-4.0");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "stage"), ==, "DPG");
  g_assert_cmpuint (count_field_problems (page, "license.spdx"), ==, 1);

  /* The first sentence, past the abbreviations. */
  initiative = g_ptr_array_index (page->initiatives, 1);
  g_assert_cmpstr (initiative->summary, ==,
                   "This tool, e.g. for the U.S. market, helps Dr. Smith count things in many "
                   "places around the world with care.");

  /* No sentence end: cut between words, with an ellipsis. */
  initiative = g_ptr_array_index (page->initiatives, 2);
  g_assert_true (g_str_has_suffix (initiative->summary, "…"));
  g_assert_cmpuint (g_utf8_strlen (initiative->summary, -1), <=, 280);
  cut = g_strndup (initiative->summary, strlen (initiative->summary) - strlen ("…"));
  g_assert_true (g_str_has_prefix (initiative->description, cut));
  g_assert_cmpint (initiative->description[strlen (cut)], ==, ' ');

  initiative = g_ptr_array_index (page->initiatives, 3);
  g_assert_null (initiative->description);
  g_assert_null (initiative->summary);
}

static void
test_good_url (void)
{
  static const struct
  {
    const char *list;
    const char *id;
    const char *expected;
  } cases[] = {
    { "https://api.digitalpublicgoods.net/dpgs", "dhis2",
      "https://api.digitalpublicgoods.net/dpg/dhis2/" },
    { "https://api.digitalpublicgoods.net/dpgs/", "dhis2",
      "https://api.digitalpublicgoods.net/dpg/dhis2/" },
    { "https://host.example/dpgs/index.json", "x-road", "https://host.example/dpg/x-road/" },
    { "http://127.0.0.1:8080/registry/dpgs?page=2#top", "a b/c?d",
      "http://127.0.0.1:8080/registry/dpg/a%20b%2Fc%3Fd/" },
    { "https://host.example/dpgs", "santéims", "https://host.example/dpg/sant%C3%A9ims/" },
    { "https://host.example", "g", "https://host.example/dpg/g/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = atlas_dpga_good_url (cases[i].list, cases[i].id);

      g_assert_cmpstr (url, ==, cases[i].expected);
    }

  g_assert_null (atlas_dpga_good_url ("not a url", "g"));
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/dpga/real/list", test_real_list);
  g_test_add_func ("/dpga/real/goods", test_real_goods);
  g_test_add_func ("/dpga/real/candidates", test_real_candidates);
  g_test_add_func ("/dpga/real/spot-checks", test_real_spot_checks);
  g_test_add_func ("/dpga/invalid-roots", test_invalid_roots);
  g_test_add_func ("/dpga/skipped-records", test_skipped_records);
  g_test_add_func ("/dpga/sdgs", test_sdgs);
  g_test_add_func ("/dpga/web-addresses", test_web_addresses);
  g_test_add_func ("/dpga/organizations", test_organizations);
  g_test_add_func ("/dpga/locations", test_locations);
  g_test_add_func ("/dpga/locations-malformed", test_locations_malformed);
  g_test_add_func ("/dpga/text-fields", test_text_fields);
  g_test_add_func ("/dpga/good-url", test_good_url);

  return g_test_run ();
}
