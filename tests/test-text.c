/* test-text.c
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

static void
test_text_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Santé", "sante" },
    { "SANTÉ", "sante" },
    { "Côte d’Ivoire", "cote d’ivoire" },
    { "Ελλάδα", "ελλαδα" },
    { "São Tomé", "sao tome" },
    { "Straße", "strasse" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = atlas_text_fold (cases[i].in, -1);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_text_split (void)
{
  g_auto(GStrv) words = atlas_text_split_words ("  Santé, digital—DIGITAL (santé) AI-4 ");
  const char *expected[] = { "sante", "digital", "ai", "4", NULL };

  g_assert_cmpstrv (words, expected);

  {
    g_auto(GStrv) none = atlas_text_split_words (" —, ");

    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }
}

static void
test_text_matches (void)
{
  const char *text = "Santé numérique pour tous: la santé, c’est digital.";
  const char *words[] = { "sante", "dig", NULL };
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (AtlasTextRange));
  guint n;

  n = atlas_text_find_matches (text, words, ranges);
  g_assert_cmpuint (n, ==, 3);

  {
    AtlasTextRange *r = &g_array_index (ranges, AtlasTextRange, 0);
    g_autofree char *first = g_strndup (text + r->start, r->end - r->start);

    g_assert_cmpstr (first, ==, "Santé");
  }
  {
    AtlasTextRange *r = &g_array_index (ranges, AtlasTextRange, 2);
    g_autofree char *last = g_strndup (text + r->start, r->end - r->start);

    g_assert_cmpstr (last, ==, "digital");
  }

  /* A word is matched from its start only. */
  g_array_set_size (ranges, 0);
  g_assert_cmpuint (atlas_text_find_matches ("undigital", words, ranges), ==, 0);
}

static void
collect_word (const char *word,
              gsize       length,
              const char *in_text,
              gsize       length_in_text,
              gpointer    user_data)
{
  GString *out = user_data;

  g_assert_cmpuint (strlen (word), ==, length);
  g_string_append_printf (out, "%s=%.*s|", word, (int) length_in_text, in_text);
}

static void
test_text_foreach_word (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) written = NULL;
  g_auto(GStrv) words = NULL;
  const char *expected_words[] = { "sante", "strasse", NULL };
  const char *expected_written[] = { "Santé", "STRASSE", NULL };

  /* Every word, repeats included, with where it is in the text. */
  atlas_text_foreach_word ("Santé, santé! Straße—ÉTÉ 2030", -1, collect_word, out);
  g_assert_cmpstr (out->str, ==, "sante=Santé|sante=santé|strasse=Straße|ete=ÉTÉ|2030=2030|");

  /* Only the first @length bytes. */
  g_string_truncate (out, 0);
  atlas_text_foreach_word ("digital cooperation", 9, collect_word, out);
  g_assert_cmpstr (out->str, ==, "digital=digital|c=c|");

  /* Each word as first written. */
  words = atlas_text_split_words_full ("Santé santé STRASSE Straße", &written);
  g_assert_cmpstrv (words, expected_words);
  g_assert_cmpstrv (written, expected_written);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/text/fold", test_text_fold);
  g_test_add_func ("/text/split", test_text_split);
  g_test_add_func ("/text/matches", test_text_matches);
  g_test_add_func ("/text/foreach-word", test_text_foreach_word);

  return g_test_run ();
}
