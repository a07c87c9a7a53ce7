/* atlas-text.c
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

#define G_LOG_DOMAIN "atlas-text"

#include "config.h"

#include <string.h>

#include "atlas-text.h"

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Appends the folded form of one character. */
static void
append_folded (GString  *out,
               gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      char buffer[8];
      char *folded;
      gint len;

      if (g_unichar_ismark (decomposed[i]))
        continue;

      len = g_unichar_to_utf8 (decomposed[i], buffer);
      folded = g_utf8_casefold (buffer, len);
      g_string_append (out, folded);
      g_free (folded);
    }
}

char *
atlas_text_fold (const char *text,
                 gssize      length)
{
  GString *out;
  const char *end;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);

  out = g_string_sized_new ((gsize) length);
  end = text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    append_folded (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

GStrv
atlas_text_split_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  p = text;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        {
          char *word = atlas_text_fold (start, p - start);

          if (*word != '\0' && !g_hash_table_contains (seen, word))
            {
              g_hash_table_add (seen, word);
              g_ptr_array_add (words, word);
            }
          else
            g_free (word);
        }
    }

  for (guint i = 0; i < words->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (words, i));

  return g_strv_builder_end (builder);
}

guint
atlas_text_find_matches (const char         *text,
                         const char * const *words,
                         GArray             *ranges)
{
  const char *p;
  guint n = 0;

  g_return_val_if_fail (ranges != NULL, 0);

  if (text == NULL || words == NULL || words[0] == NULL)
    return 0;

  p = text;
  while (*p != '\0')
    {
      const char *start;
      g_autofree char *folded = NULL;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p == start)
        break;

      folded = atlas_text_fold (start, p - start);
      for (guint i = 0; words[i] != NULL; i++)
        if (g_str_has_prefix (folded, words[i]))
          {
            AtlasTextRange range = { (guint) (start - text), (guint) (p - text) };

            g_array_append_val (ranges, range);
            n++;
            break;
          }
    }

  return n;
}
