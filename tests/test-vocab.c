/* test-vocab.c
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

#define G_LOG_DOMAIN "test-vocab"

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-test-util.h"

static const AtlasCountry *
country (const char *alpha2)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  int index = atlas_vocab_find_country (vocab, alpha2);

  g_assert_cmpint (index, >=, 0);
  return atlas_vocab_get_country (vocab, (guint) index);
}

static const char *
code_of_name (const char *name)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  int index = atlas_vocab_find_country_by_name (vocab, name);

  return index < 0 ? NULL : atlas_vocab_get_country (vocab, (guint) index)->alpha2;
}

static void
test_gdc_objectives (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  const AtlasTerm *terms;
  guint n = 0;

  terms = atlas_vocab_get_terms (vocab, ATLAS_FACET_GDC, &n);
  g_assert_cmpuint (n, ==, ATLAS_N_GDC_OBJECTIVES);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (terms[i].id, ==, id);
      g_assert_cmpuint (terms[i].bit, ==, i);
      g_assert_cmpint (terms[i].parent, ==, -1);
      g_assert_nonnull (terms[i].short_name);
      g_assert_true (atlas_vocab_find_term (vocab, ATLAS_FACET_GDC, id) == &terms[i]);
    }

  g_assert_true (g_str_has_prefix (terms[4].name, "Enhance international governance of "));
  g_assert_cmpstr (terms[4].short_name, ==, "AI governance");
  g_assert_null (atlas_vocab_find_term (vocab, ATLAS_FACET_GDC, "6"));
}

static void
test_wsis_lines (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  const AtlasTerm *terms;
  const AtlasTerm *c7;
  guint n = 0, n_sublines = 0;

  terms = atlas_vocab_get_terms (vocab, ATLAS_FACET_WSIS, &n);
  g_assert_cmpuint (n, ==, ATLAS_N_WSIS_LINES);

  c7 = atlas_vocab_find_term (vocab, ATLAS_FACET_WSIS, "C7");
  g_assert_nonnull (c7);
  g_assert_cmpuint (c7->bit, ==, ATLAS_WSIS_C7);

  for (guint i = 0; i < n; i++)
    {
      gboolean is_subline = g_str_has_prefix (terms[i].id, "C7.");

      g_assert_cmpint (atlas_wsis_line_from_string (terms[i].id), ==, (int) terms[i].bit);

      if (is_subline)
        {
          n_sublines++;
          g_assert_true (&terms[terms[i].parent] == c7);
          g_assert_true ((ATLAS_WSIS_C7_SUBLINES_MASK & (1u << terms[i].bit)) != 0);
        }
      else
        {
          g_assert_cmpint (terms[i].parent, ==, -1);
          g_assert_true ((ATLAS_WSIS_C7_SUBLINES_MASK & (1u << terms[i].bit)) == 0);
        }
    }

  g_assert_cmpuint (n_sublines, ==, 8);
  g_assert_cmpstr (atlas_vocab_find_term (vocab, ATLAS_FACET_WSIS, "C7.e-health")->name, ==,
                   "E-health");
}

static void
test_sdgs (void)
{
  /* The official colours of the 17 goals. */
  static const char * const colors[ATLAS_N_SDGS] = {
    "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2",
    "#FCC30B", "#A21942", "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E",
    "#3F7E44", "#0A97D9", "#56C02B", "#00689D", "#19486A",
  };
  AtlasVocab *vocab = atlas_vocab_get_default ();
  const AtlasTerm *terms;
  guint n = 0;

  terms = atlas_vocab_get_terms (vocab, ATLAS_FACET_SDG, &n);
  g_assert_cmpuint (n, ==, ATLAS_N_SDGS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (terms[i].id, ==, id);
      g_assert_cmpuint (terms[i].bit, ==, i);
      g_assert_cmpstr (terms[i].color, ==, colors[i]);
    }

  g_assert_cmpstr (terms[15].name, ==, "Peace, Justice and Strong Institutions");
  g_assert_cmpstr (atlas_term_get_name (&terms[0], ATLAS_FACET_SDG), ==, "No Poverty");
}

static void
test_priorities_and_org_types (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  const AtlasTerm *terms;
  guint n = 0;

  terms = atlas_vocab_get_terms (vocab, ATLAS_FACET_PRIORITY, &n);
  g_assert_cmpuint (n, ==, ATLAS_N_PRIORITIES);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (atlas_priority_to_string (terms[i].bit), ==, terms[i].id);

  terms = atlas_vocab_get_terms (vocab, ATLAS_FACET_ORG_TYPE, &n);
  g_assert_cmpuint (n, ==, ATLAS_N_ORG_TYPES - 1);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (terms[i].bit, !=, ATLAS_ORG_TYPE_UNKNOWN);
      g_assert_cmpstr (atlas_org_type_to_string (terms[i].bit), ==, terms[i].id);
    }

  /* Other facets have no terms. */
  g_assert_null (atlas_vocab_get_terms (vocab, ATLAS_FACET_COUNTRY, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_regions (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  guint n = atlas_vocab_get_n_regions (vocab);
  int kenya = atlas_vocab_find_country (vocab, "ke");
  const AtlasCountry *ke;

  g_assert_cmpuint (n, >=, 31);
  for (guint i = 0; i < n; i++)
    {
      const AtlasRegion *region = atlas_vocab_get_region (vocab, i);

      g_assert_cmpint (atlas_vocab_find_region (vocab, region->code), ==, (int) i);
      g_assert_true (atlas_vocab_region_contains (vocab, 1, region->code));
      if (region->code != 1)
        {
          const AtlasRegion *parent =
            atlas_vocab_get_region (vocab, (guint) atlas_vocab_find_region (vocab, region->parent));

          g_assert_cmpuint (region->depth, ==, parent->depth + 1);
        }
    }

  g_assert_cmpint (kenya, >=, 0);
  ke = atlas_vocab_get_country (vocab, (guint) kenya);
  g_assert_cmpstr (ke->alpha3, ==, "KEN");
  g_assert_cmpuint (ke->numeric, ==, 404);
  g_assert_cmpuint (ke->intermediate, ==, 14);
  g_assert_cmpuint (ke->subregion, ==, 202);
  g_assert_cmpuint (ke->region, ==, 2);

  for (guint i = 0; i < 4; i++)
    {
      static const guint16 inside[] = { 14, 202, 2, 1 };

      g_assert_true (atlas_vocab_country_in_region (vocab, (guint) kenya, inside[i]));
    }
  g_assert_false (atlas_vocab_country_in_region (vocab, (guint) kenya, 15));
  g_assert_false (atlas_vocab_country_in_region (vocab, (guint) kenya, 150));

  g_assert_true (atlas_vocab_region_contains (vocab, 150, 830));
  g_assert_true (atlas_vocab_region_contains (vocab, 154, 830));
  g_assert_false (atlas_vocab_region_contains (vocab, 155, 830));
  g_assert_false (atlas_vocab_region_contains (vocab, 14, 202));
  g_assert_cmpint (atlas_vocab_find_region (vocab, 999), ==, -1);

  /* M49 leaves these out; the vocabulary places them. */
  g_assert_cmpuint (country ("TW")->subregion, ==, 30);
  g_assert_cmpuint (country ("XK")->subregion, ==, 39);
  g_assert_cmpuint (country ("GG")->intermediate, ==, 830);
  g_assert_cmpuint (country ("JE")->intermediate, ==, 830);
  g_assert_cmpuint (country ("EG")->subregion, ==, 15);
  g_assert_cmpuint (country ("EG")->intermediate, ==, 0);
  g_assert_cmpuint (country ("BR")->intermediate, ==, 5);
  g_assert_cmpuint (country ("BR")->subregion, ==, 419);
  g_assert_cmpuint (country ("US")->subregion, ==, 21);
  g_assert_cmpuint (country ("CY")->subregion, ==, 145);
  g_assert_cmpuint (country ("MX")->intermediate, ==, 13);
  g_assert_cmpuint (country ("SD")->subregion, ==, 15);
  g_assert_cmpuint (country ("SS")->intermediate, ==, 14);
}

/* Loose boxes around each continent's countries, remote territories included. */
static gboolean
point_is_plausible (const AtlasCountry *c)
{
  double lat = c->latitude, lon = c->longitude;

  switch (c->region)
    {
    case 2:   /* Africa, out to the French Southern Territories */
      return lat > -50.5 && lat < 38 && lon > -26 && lon < 75;
    case 19:  /* the Americas; Bouvet Island counts as South America */
      if (strcmp (c->alpha2, "BV") == 0)
        return lat > -55 && lat < -54 && lon > 3 && lon < 4;
      return lat > -60 && lat < 84 && lon > -180 && lon < -10;
    case 142: /* Asia */
      return lat > -12 && lat < 56 && lon > 25 && lon < 150;
    case 150: /* Europe, Svalbard and Russia included */
      return lat > 34 && lat < 82 && lon > -32 && lon < 180;
    case 9:   /* Oceania, from Heard Island to Pitcairn */
      return lat > -56 && lat < 30 && (lon > 70 || lon < -120);
    default:
      return FALSE;
    }
}

static void
test_countries (void)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  guint n = atlas_vocab_get_n_countries (vocab);
  const AtlasCountry *c;

  g_assert_cmpuint (n, ==, 250);

  for (guint i = 0; i < n; i++)
    {
      c = atlas_vocab_get_country (vocab, i);

      g_assert_cmpuint (strlen (c->alpha2), ==, 2);
      g_assert_cmpuint (strlen (c->alpha3), ==, 3);
      g_assert_nonnull (c->name);
      g_assert_cmpint (atlas_vocab_find_country (vocab, c->alpha2), ==, (int) i);
      if (i > 0)
        g_assert_cmpstr (atlas_vocab_get_country (vocab, i - 1)->alpha2, <, c->alpha2);

      g_assert_cmpfloat (c->latitude, >=, -90.0);
      g_assert_cmpfloat (c->latitude, <=, 90.0);
      g_assert_cmpfloat (c->longitude, >=, -180.0);
      g_assert_cmpfloat (c->longitude, <=, 180.0);
      g_assert_false (c->latitude == 0.0 && c->longitude == 0.0);

      /* Antarctica is the one place M49 gives no region. */
      if (strcmp (c->alpha2, "AQ") == 0)
        {
          g_assert_cmpuint (c->region, ==, 0);
          g_assert_cmpfloat (c->latitude, <, -60.0);
          continue;
        }

      if (c->region == 0 || c->subregion == 0 || !point_is_plausible (c))
        g_error ("%s (%s) has region %u, sub-region %u and point %.3f, %.3f",
                 c->alpha2, c->name, c->region, c->subregion, c->latitude, c->longitude);
    }

  /* Metropolitan France, not an overseas department. */
  c = country ("FR");
  g_assert_cmpfloat_with_epsilon (c->latitude, 46.5, 3.0);
  g_assert_cmpfloat_with_epsilon (c->longitude, 2.5, 4.0);

  /* The contiguous states, not Alaska or Hawaii. */
  c = country ("US");
  g_assert_cmpfloat (c->latitude, >, 25.0);
  g_assert_cmpfloat (c->latitude, <, 49.0);
  g_assert_cmpfloat (c->longitude, >, -125.0);
  g_assert_cmpfloat (c->longitude, <, -67.0);

  /* Russia east of the Urals: the antimeridian did not send it elsewhere. */
  c = country ("RU");
  g_assert_cmpfloat (c->latitude, >, 50.0);
  g_assert_cmpfloat (c->latitude, <, 75.0);
  g_assert_cmpfloat (c->longitude, >, 60.0);

  /* Viti Levu, next to the antimeridian. */
  c = country ("FJ");
  g_assert_cmpfloat_with_epsilon (c->latitude, -17.8, 1.0);
  g_assert_cmpfloat_with_epsilon (c->longitude, 178.0, 1.0);

  c = country ("KE");
  g_assert_cmpfloat_with_epsilon (c->latitude, 0.5, 4.0);
  g_assert_cmpfloat_with_epsilon (c->longitude, 38.0, 4.0);

  /* Norway's mainland, not Svalbard; Svalbard and Jan Mayen on Svalbard. */
  c = country ("NO");
  g_assert_cmpfloat (c->latitude, <, 71.5);
  c = country ("SJ");
  g_assert_cmpfloat (c->latitude, >, 76.0);

  /* Microstates without their own polygon keep a point of their own. */
  c = country ("XK");
  g_assert_cmpfloat_with_epsilon (c->latitude, 42.6, 0.6);
  g_assert_cmpfloat_with_epsilon (c->longitude, 20.9, 0.7);
  c = country ("TV");
  g_assert_cmpfloat_with_epsilon (c->latitude, -8.5, 1.0);
  g_assert_cmpfloat_with_epsilon (c->longitude, 179.2, 1.0);
  c = country ("VA");
  g_assert_cmpfloat_with_epsilon (c->latitude, 41.9, 0.05);
  g_assert_cmpfloat_with_epsilon (c->longitude, 12.45, 0.05);

  g_assert_cmpint (atlas_vocab_find_country (vocab, "ZZ"), ==, -1);
  g_assert_cmpint (atlas_vocab_find_country (vocab, "K"), ==, -1);
  g_assert_cmpint (atlas_vocab_find_country (vocab, NULL), ==, -1);
}

static void
test_country_names (void)
{
  static const struct
  {
    const char *name;
    const char *alpha2;   /* NULL: must match nothing */
  } cases[] = {
    /* iso-codes' names, common and official */
    { "Kenya", "KE" },
    { "Côte d'Ivoire", "CI" },
    { "COTE D’IVOIRE", "CI" },
    { "Cote d Ivoire", "CI" },
    { "Viet Nam", "VN" },
    { "VietNam", "VN" },
    { "Vietnam", "VN" },
    { "United States of America", "US" },
    { "Russian Federation", "RU" },
    { "Korea, Republic of", "KR" },
    { "Republic of Korea", "KR" },
    { "Congo, The Democratic Republic of the", "CD" },
    { "Democratic Republic of the Congo", "CD" },
    { "Micronesia, Federated States of", "FM" },
    { "Bolivia (Plurinational State of)", "BO" },
    { "Iran (Islamic Republic of)", "IR" },
    { "Venezuela (Bolivarian Republic of)", "VE" },
    { "Saint Martin (French part)", "MF" },
    { "Sint Maarten (Dutch part)", "SX" },
    { "Falkland Islands", "FK" },
    { "Åland Islands", "AX" },
    { "Aland Islands", "AX" },
    { "Curacao", "CW" },
    { "Réunion", "RE" },
    { "Türkiye", "TR" },
    { "Saint Vincent and The Grenadines", "VC" },
    /* Parenthesised parts */
    { "Czechia (Czech Republic)", "CZ" },
    { "Eswatini (fmr. 'Swaziland')", "SZ" },
    { "Congo (Congo-Brazzaville)", "CG" },
    { "Myanmar (Burma)", "MM" },
    { "Zaire (Democratic Republic of the Congo)", "CD" },
    /* Aliases */
    { "Palestine State", "PS" },
    { "State of Palestine", "PS" },
    { "Micronesia", "FM" },
    { "Holy See", "VA" },
    { "Vatican City", "VA" },
    { "Caribbean Netherlands", "BQ" },
    { "Laos", "LA" },
    { "Lao People's Democratic Republic", "LA" },
    { "Russia", "RU" },
    { "Turkey", "TR" },
    { "Kosovo", "XK" },
    { "Brunei", "BN" },
    { "Ivory Coast", "CI" },
    { "UK", "GB" },
    { "U.S.A.", "US" },
    /* General forms */
    { "  Kenya\n", "KE" },
    { "The Gambia", "GM" },
    { "the Netherlands", "NL" },
    { "St Kitts & Nevis", "KN" },
    { "St. Lucia", "LC" },
    { "Trinidad & Tobago", "TT" },
    /* Codes, only as codes */
    { "KE", "KE" },
    { "KEN", "KE" },
    { "NA", "NA" },
    { "na", NULL },
    { "and", NULL },
    { "ken", NULL },
    /* Names that contain others */
    { "Niger", "NE" },
    { "Nigeria", "NG" },
    { "Guinea", "GN" },
    { "Guinea-Bissau", "GW" },
    { "Equatorial Guinea", "GQ" },
    { "Papua New Guinea", "PG" },
    { "Congo", "CG" },
    { "Republic of the Congo", "CG" },
    { "Sudan", "SD" },
    { "South Sudan", "SS" },
    { "Dominica", "DM" },
    { "Dominican Republic", "DO" },
    { "Samoa", "WS" },
    { "American Samoa", "AS" },
    { "Ireland", "IE" },
    /* Not countries, or not one country */
    { "", NULL },
    { "   ", NULL },
    { "Global", NULL },
    { "Worldwide", NULL },
    { "Africa", NULL },
    { "Sub-Saharan Africa", NULL },
    { "Korea", NULL },
    { "Virgin Islands", NULL },
    { "Congo (Kinshasa)", "CD" },
    { "Congo (Africa)", NULL },
    { "Guinea (Conakry)", NULL },
    { "Sudan (South)", NULL },
    { "Czechia (Slovakia)", NULL },
    { "Niger Delta", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *found = code_of_name (cases[i].name);

      if (g_strcmp0 (found, cases[i].alpha2) != 0)
        g_error ("“%s” matched %s, expected %s", cases[i].name,
                 found ? found : "nothing", cases[i].alpha2 ? cases[i].alpha2 : "nothing");
    }

  g_assert_cmpint (atlas_vocab_find_country_by_name (atlas_vocab_get_default (), NULL), ==, -1);

  /* Every country is found by its own name. */
  for (guint i = 0; i < atlas_vocab_get_n_countries (atlas_vocab_get_default ()); i++)
    {
      const AtlasCountry *c = atlas_vocab_get_country (atlas_vocab_get_default (), i);

      g_assert_cmpstr (code_of_name (c->name), ==, c->alpha2);
      g_assert_cmpstr (code_of_name (c->alpha3), ==, c->alpha2);
    }
}

static void
test_country_names_translated (void)
{
  if (g_test_subprocess ())
    {
      /* Before the first translation: gettext reads LANGUAGE then. */
      g_setenv ("LANGUAGE", "fr", TRUE);

      g_print ("%s\n", atlas_country_get_name (country ("DE")));
      g_print ("%s\n", atlas_country_get_name (country ("CI")));
      g_print ("%s\n", atlas_country_get_name (country ("XK")));
      return;
    }

  if (!g_file_test ("/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("iso-codes' French catalogue is not installed");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Allemagne\nCôte d'Ivoire\nKosovo\n");

  /* In the C locale the names stay English. */
  g_assert_cmpstr (atlas_country_get_name (country ("DE")), ==, "Germany");
  g_assert_cmpstr (atlas_country_get_name (country ("XK")), ==, "Kosovo");
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/vocab/gdc-objectives", test_gdc_objectives);
  g_test_add_func ("/vocab/wsis-lines", test_wsis_lines);
  g_test_add_func ("/vocab/sdgs", test_sdgs);
  g_test_add_func ("/vocab/priorities-and-org-types", test_priorities_and_org_types);
  g_test_add_func ("/vocab/regions", test_regions);
  g_test_add_func ("/vocab/countries", test_countries);
  g_test_add_func ("/vocab/country-names", test_country_names);
  g_test_add_func ("/vocab/country-names-translated", test_country_names_translated);

  return g_test_run ();
}
