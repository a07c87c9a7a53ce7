/* test-query.c
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

#include "atlas-core.h"
#include "atlas-test-util.h"

typedef struct
{
  AtlasQuery *query;
  guint       n_changed;
  guint       n_text_notify;
} Fixture;

static void
on_changed_cb (AtlasQuery *query,
               Fixture    *fixture)
{
  fixture->n_changed++;
}

static void
on_notify_text_cb (AtlasQuery *query,
                   GParamSpec *pspec,
                   Fixture    *fixture)
{
  fixture->n_text_notify++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->query = atlas_query_new ();
  fixture->n_changed = 0;
  fixture->n_text_notify = 0;
  g_signal_connect (fixture->query, "changed", G_CALLBACK (on_changed_cb), fixture);
  g_signal_connect (fixture->query, "notify::text", G_CALLBACK (on_notify_text_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->query);
}

/* Asserts that exactly @n emissions happened since the last check. */
#define assert_changed(fixture, n)                 \
  G_STMT_START {                                   \
    g_assert_cmpuint ((fixture)->n_changed, ==, (n)); \
    (fixture)->n_changed = 0;                      \
  } G_STMT_END

static void
test_query_defaults (void)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  int min_year = -1, max_year = -1;
  guint n = 99;
  const char * const *values;

  g_assert_cmpstr (atlas_query_get_text (query), ==, "");
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_RELEVANCE);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 0);
  g_assert_cmpint (max_year, ==, 0);
  g_assert_true (atlas_query_is_empty (query));

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      values = atlas_query_get_values (query, f, &n);
      g_assert_nonnull (values);
      g_assert_null (values[0]);
      g_assert_cmpuint (n, ==, 0);
    }
}

static void
test_query_setters (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasQuery *query = fixture->query;
  int min_year, max_year;

  atlas_query_set_text (query, "health");
  assert_changed (fixture, 1);
  g_assert_cmpuint (fixture->n_text_notify, ==, 1);
  g_assert_cmpstr (atlas_query_get_text (query), ==, "health");
  g_assert_false (atlas_query_is_empty (query));

  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  assert_changed (fixture, 1);
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_TITLE);

  atlas_query_set_year_range (query, 2015, 2020);
  assert_changed (fixture, 1);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 2015);
  g_assert_cmpint (max_year, ==, 2020);

  atlas_query_set_year_range (query, 2016, 2020);
  assert_changed (fixture, 1);

  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  assert_changed (fixture, 1);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_SDG, "4"));
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_GDC, "4"));

  atlas_query_remove_value (query, ATLAS_FACET_SDG, "4");
  assert_changed (fixture, 1);
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_SDG, "4"));

  atlas_query_toggle_value (query, ATLAS_FACET_COUNTRY, "KE");
  assert_changed (fixture, 1);
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));
  atlas_query_toggle_value (query, ATLAS_FACET_COUNTRY, "KE");
  assert_changed (fixture, 1);
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));

  atlas_query_add_value (query, ATLAS_FACET_REGION, "002");
  atlas_query_add_value (query, ATLAS_FACET_REGION, "150");
  assert_changed (fixture, 2);
  atlas_query_clear_facet (query, ATLAS_FACET_REGION);
  assert_changed (fixture, 1);
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_REGION, "002"));

  /* The property setter goes through the same path. */
  g_object_set (query, "text", "water", NULL);
  assert_changed (fixture, 1);
  g_assert_cmpuint (fixture->n_text_notify, ==, 2);
  g_object_set (query, "sort", ATLAS_SORT_UPDATED, NULL);
  assert_changed (fixture, 1);
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_UPDATED);

  atlas_query_add_value (query, ATLAS_FACET_GDC, "1");
  atlas_query_clear (query);
  assert_changed (fixture, 2);
  g_assert_true (atlas_query_is_empty (query));
}

static void
test_query_no_ops (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasQuery *query = fixture->query;

  /* Nothing to change on a new query. */
  atlas_query_set_text (query, "");
  atlas_query_set_text (query, NULL);
  atlas_query_set_sort (query, ATLAS_SORT_RELEVANCE);
  atlas_query_set_year_range (query, 0, 0);
  atlas_query_set_year_range (query, -5, 0);
  atlas_query_remove_value (query, ATLAS_FACET_SDG, "4");
  atlas_query_clear_facet (query, ATLAS_FACET_SDG);
  atlas_query_clear (query);
  assert_changed (fixture, 0);
  g_assert_cmpuint (fixture->n_text_notify, ==, 0);

  atlas_query_set_text (query, "health");
  atlas_query_set_sort (query, ATLAS_SORT_START_DATE);
  atlas_query_set_year_range (query, 2000, 0);
  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  assert_changed (fixture, 4);

  /* The same values again. */
  atlas_query_set_text (query, "health");
  atlas_query_set_sort (query, ATLAS_SORT_START_DATE);
  atlas_query_set_year_range (query, 2000, 0);
  atlas_query_add_value (query, ATLAS_FACET_SDG, "4");
  atlas_query_remove_value (query, ATLAS_FACET_SDG, "5");
  atlas_query_remove_value (query, ATLAS_FACET_GDC, "4");
  atlas_query_clear_facet (query, ATLAS_FACET_GDC);
  assert_changed (fixture, 0);
  g_assert_cmpuint (fixture->n_text_notify, ==, 1);

  /* Freezing without a change emits nothing either. */
  atlas_query_freeze (query);
  atlas_query_set_text (query, "health");
  atlas_query_thaw (query);
  assert_changed (fixture, 0);
}

static void
test_query_freeze (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasQuery *query = fixture->query;

  atlas_query_freeze (query);
  atlas_query_set_text (query, "data");
  atlas_query_add_value (query, ATLAS_FACET_GDC, "2");
  atlas_query_add_value (query, ATLAS_FACET_GDC, "3");
  atlas_query_set_year_range (query, 2010, 2012);
  assert_changed (fixture, 0);
  g_assert_cmpuint (fixture->n_text_notify, ==, 0);
  atlas_query_thaw (query);
  assert_changed (fixture, 1);
  g_assert_cmpuint (fixture->n_text_notify, ==, 1);

  /* Nested: one emission, at the outermost thaw. */
  atlas_query_freeze (query);
  atlas_query_freeze (query);
  atlas_query_remove_value (query, ATLAS_FACET_GDC, "2");
  atlas_query_thaw (query);
  assert_changed (fixture, 0);
  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  atlas_query_thaw (query);
  assert_changed (fixture, 1);

  /* A change and its reversal inside one freeze still counts as a change. */
  atlas_query_freeze (query);
  atlas_query_toggle_value (query, ATLAS_FACET_SDG, "1");
  atlas_query_toggle_value (query, ATLAS_FACET_SDG, "1");
  atlas_query_thaw (query);
  assert_changed (fixture, 1);

  /* After the thaw, changes emit at once again. */
  atlas_query_set_text (query, "");
  assert_changed (fixture, 1);
}

static void
test_query_values_order (void)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  const char * const *values;
  guint n = 0;

  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C7");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C1");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C7.e-health");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C1");

  values = atlas_query_get_values (query, ATLAS_FACET_WSIS, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (values[0], ==, "C7");
  g_assert_cmpstr (values[1], ==, "C1");
  g_assert_cmpstr (values[2], ==, "C7.e-health");
  g_assert_null (values[3]);

  atlas_query_toggle_value (query, ATLAS_FACET_WSIS, "C1");
  atlas_query_toggle_value (query, ATLAS_FACET_WSIS, "C1");
  values = atlas_query_get_values (query, ATLAS_FACET_WSIS, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (values[0], ==, "C7");
  g_assert_cmpstr (values[1], ==, "C7.e-health");
  g_assert_cmpstr (values[2], ==, "C1");
}

static AtlasQuery *
make_full_query (void)
{
  AtlasQuery *query = atlas_query_new ();

  atlas_query_set_text (query, "digital «inclusion»");
  atlas_query_set_sort (query, ATLAS_SORT_START_DATE);
  atlas_query_set_year_range (query, 2012, 2024);
  atlas_query_add_value (query, ATLAS_FACET_GDC, "3");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C7.e-health");
  atlas_query_add_value (query, ATLAS_FACET_WSIS, "C2");
  atlas_query_add_value (query, ATLAS_FACET_SDG, "17");
  atlas_query_add_value (query, ATLAS_FACET_PRIORITY, "ai-governance");
  atlas_query_add_value (query, ATLAS_FACET_REGION, "002");
  atlas_query_add_value (query, ATLAS_FACET_COUNTRY, "KE");
  atlas_query_add_value (query, ATLAS_FACET_ORG_TYPE, "academia");
  atlas_query_add_value (query, ATLAS_FACET_ORGANIZATION, "42");
  atlas_query_add_value (query, ATLAS_FACET_STATUS, "ongoing");
  atlas_query_add_value (query, ATLAS_FACET_SOURCE, "1");

  return query;
}

static void
test_query_variant (void)
{
  g_autoptr(AtlasQuery) query = make_full_query ();
  g_autoptr(AtlasQuery) copy = NULL;
  g_autoptr(AtlasQuery) empty = atlas_query_new ();
  g_autoptr(AtlasQuery) empty_copy = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) empty_variant = NULL;
  g_autoptr(GVariant) sort = NULL;
  guint n = 0;
  const char * const *values;

  variant = g_variant_ref_sink (atlas_query_to_variant (query));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE ("a{sv}")));

  sort = g_variant_lookup_value (variant, "sort", G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (sort, NULL), ==, "start-date");
  g_assert_true (g_variant_lookup (variant, "wsis", "^a&s", NULL));

  copy = atlas_query_new_from_variant (variant);
  g_assert_true (atlas_query_equal (query, copy));
  g_assert_cmpstr (atlas_query_get_text (copy), ==, "digital «inclusion»");

  /* Insertion order survives the round trip. */
  values = atlas_query_get_values (copy, ATLAS_FACET_WSIS, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (values[0], ==, "C7.e-health");
  g_assert_cmpstr (values[1], ==, "C2");

  empty_variant = g_variant_ref_sink (atlas_query_to_variant (empty));
  empty_copy = atlas_query_new_from_variant (empty_variant);
  g_assert_true (atlas_query_equal (empty, empty_copy));
  g_assert_true (atlas_query_is_empty (empty_copy));
}

static void
test_query_variant_junk (void)
{
  GVariantBuilder builder;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(AtlasQuery) query = NULL;
  const char *sdgs[] = { "4", "", "4", "5", NULL };
  const char *bogus[] = { "x", NULL };
  int min_year, max_year;
  guint n = 0;
  const char * const *values;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_int32 (7));
  g_variant_builder_add (&builder, "{sv}", "sort", g_variant_new_string ("sideways"));
  g_variant_builder_add (&builder, "{sv}", "year-min", g_variant_new_string ("2010"));
  g_variant_builder_add (&builder, "{sv}", "year-max", g_variant_new_int32 (-3));
  g_variant_builder_add (&builder, "{sv}", "gdc", g_variant_new_string ("1"));
  g_variant_builder_add (&builder, "{sv}", "sdg", g_variant_new_strv (sdgs, -1));
  g_variant_builder_add (&builder, "{sv}", "colour", g_variant_new_strv (bogus, -1));
  g_variant_builder_add (&builder, "{sv}", "country", g_variant_new_uint32 (404));
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));

  query = atlas_query_new_from_variant (variant);
  g_assert_nonnull (query);
  g_assert_cmpstr (atlas_query_get_text (query), ==, "");
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_RELEVANCE);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 0);
  g_assert_cmpint (max_year, ==, 0);
  g_assert_null (atlas_query_get_values (query, ATLAS_FACET_GDC, &n)[0]);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (atlas_query_get_values (query, ATLAS_FACET_COUNTRY, &n)[0]);

  /* The valid part of a partly valid value is kept, without empty strings
   * or duplicates. */
  values = atlas_query_get_values (query, ATLAS_FACET_SDG, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (values[0], ==, "4");
  g_assert_cmpstr (values[1], ==, "5");

  /* A valid sort and years next to junk are read. */
  g_clear_pointer (&variant, g_variant_unref);
  g_clear_object (&query);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "sort", g_variant_new_string ("updated"));
  g_variant_builder_add (&builder, "{sv}", "year-min", g_variant_new_int32 (1999));
  g_variant_builder_add (&builder, "{sv}", "year-max", g_variant_new_int32 (2003));
  g_variant_builder_add (&builder, "{sv}", "future-key", g_variant_new_boolean (TRUE));
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));
  query = atlas_query_new_from_variant (variant);
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_UPDATED);
  atlas_query_get_year_range (query, &min_year, &max_year);
  g_assert_cmpint (min_year, ==, 1999);
  g_assert_cmpint (max_year, ==, 2003);
  g_assert_false (atlas_query_is_empty (query));
}

static void
test_query_equal_copy (void)
{
  g_autoptr(AtlasQuery) query = make_full_query ();
  g_autoptr(AtlasQuery) copy = atlas_query_copy (query);
  g_autoptr(AtlasQuery) reordered = atlas_query_new ();
  g_autoptr(AtlasQuery) other = NULL;

  g_assert_true (atlas_query_equal (query, copy));
  g_assert_true (atlas_query_equal (copy, query));
  g_assert_true (atlas_query_equal (query, query));

  /* A copy is independent. */
  atlas_query_add_value (copy, ATLAS_FACET_SDG, "1");
  g_assert_false (atlas_query_equal (query, copy));
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_SDG, "1"));
  atlas_query_remove_value (copy, ATLAS_FACET_SDG, "1");
  g_assert_true (atlas_query_equal (query, copy));

  /* Facet values are sets: their order does not matter. */
  atlas_query_add_value (reordered, ATLAS_FACET_SDG, "1");
  atlas_query_add_value (reordered, ATLAS_FACET_SDG, "2");
  other = atlas_query_new ();
  atlas_query_add_value (other, ATLAS_FACET_SDG, "2");
  atlas_query_add_value (other, ATLAS_FACET_SDG, "1");
  g_assert_true (atlas_query_equal (reordered, other));

  /* The same value in another facet is another query. */
  atlas_query_clear (other);
  atlas_query_add_value (other, ATLAS_FACET_GDC, "2");
  atlas_query_add_value (other, ATLAS_FACET_SDG, "1");
  g_assert_false (atlas_query_equal (reordered, other));

  /* Each field counts. */
  g_clear_object (&other);
  other = atlas_query_copy (query);
  atlas_query_set_sort (other, ATLAS_SORT_TITLE);
  g_assert_false (atlas_query_equal (query, other));
  atlas_query_set_sort (other, ATLAS_SORT_START_DATE);
  atlas_query_set_year_range (other, 2012, 2023);
  g_assert_false (atlas_query_equal (query, other));
  atlas_query_set_year_range (other, 2012, 2024);
  atlas_query_set_text (other, "digital");
  g_assert_false (atlas_query_equal (query, other));
  atlas_query_set_text (other, "digital «inclusion»");
  g_assert_true (atlas_query_equal (query, other));
}

static void
test_query_clear_keeps_sort (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AtlasQuery) copy = NULL;
  AtlasQuery *query = fixture->query;

  copy = make_full_query ();
  atlas_query_freeze (query);
  atlas_query_set_text (query, atlas_query_get_text (copy));
  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  atlas_query_set_year_range (query, 2000, 2001);
  atlas_query_add_value (query, ATLAS_FACET_ORGANIZATION, "7");
  atlas_query_thaw (query);
  assert_changed (fixture, 1);
  g_assert_false (atlas_query_is_empty (query));

  atlas_query_clear (query);
  assert_changed (fixture, 1);
  g_assert_true (atlas_query_is_empty (query));
  g_assert_cmpint (atlas_query_get_sort (query), ==, ATLAS_SORT_TITLE);
  g_assert_cmpstr (atlas_query_get_text (query), ==, "");
  g_assert_false (atlas_query_has_value (query, ATLAS_FACET_ORGANIZATION, "7"));
}

static void
test_query_is_empty (void)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();

  /* Whitespace is no search; the sort order is no filter. */
  atlas_query_set_text (query, "  \t ");
  atlas_query_set_sort (query, ATLAS_SORT_TITLE);
  g_assert_true (atlas_query_is_empty (query));

  atlas_query_set_year_range (query, 0, 2020);
  g_assert_false (atlas_query_is_empty (query));
  atlas_query_set_year_range (query, 0, 0);
  g_assert_true (atlas_query_is_empty (query));

  atlas_query_add_value (query, ATLAS_FACET_SOURCE, "3");
  g_assert_false (atlas_query_is_empty (query));
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/query/defaults", test_query_defaults);
  g_test_add ("/query/setters", Fixture, NULL, fixture_set_up, test_query_setters,
              fixture_tear_down);
  g_test_add ("/query/no-ops", Fixture, NULL, fixture_set_up, test_query_no_ops, fixture_tear_down);
  g_test_add ("/query/freeze", Fixture, NULL, fixture_set_up, test_query_freeze, fixture_tear_down);
  g_test_add_func ("/query/values-order", test_query_values_order);
  g_test_add_func ("/query/variant", test_query_variant);
  g_test_add_func ("/query/variant-junk", test_query_variant_junk);
  g_test_add_func ("/query/equal-copy", test_query_equal_copy);
  g_test_add ("/query/clear-keeps-sort", Fixture, NULL, fixture_set_up,
              test_query_clear_keeps_sort, fixture_tear_down);
  g_test_add_func ("/query/is-empty", test_query_is_empty);

  return g_test_run ();
}
