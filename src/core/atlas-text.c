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

static void
append_folded_slowly (GString  *out,
                      gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

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

/* The folded forms of U+0080 to U+024F (the Latin supplements and
 * extensions: most accented letters), made once: folding one character
 * allocates. */
#define LATIN_FIRST 0x80
#define LATIN_END   0x250
#define LATIN_SIZE  8

static char latin_folded[LATIN_END - LATIN_FIRST][LATIN_SIZE];

static void
init_latin_folded (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  for (gunichar c = LATIN_FIRST; c < LATIN_END; c++)
    {
      g_autoptr(GString) folded = g_string_new (NULL);

      append_folded_slowly (folded, c);
      g_assert (folded->len < LATIN_SIZE);
      memcpy (latin_folded[c - LATIN_FIRST], folded->str, folded->len + 1);
    }

  g_once_init_leave (&initialized, 1);
}

/* Appends the folded form of one character. */
static inline void
append_folded (GString  *out,
               gunichar  c)
{
  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char) c));
    }
  else if (c < LATIN_END)
    {
      init_latin_folded ();
      g_string_append (out, latin_folded[c - LATIN_FIRST]);
    }
  else
    {
      append_folded_slowly (out, c);
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

void
atlas_text_foreach_word (const char        *text,
                         gssize             length,
                         AtlasTextWordFunc  func,
                         gpointer           user_data)
{
  g_autoptr(GString) word = NULL;
  const char *p;
  const char *end;

  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (func != NULL);

  if (length < 0)
    length = (gssize) strlen (text);

  word = g_string_sized_new (32);
  p = text;
  end = text + length;

  /* ASCII, most of the text, without decoding. */
  while (p < end)
    {
      const char *start;

      g_string_truncate (word, 0);

      while (p < end)
        {
          if ((guchar) *p < 0x80)
            {
              if (g_ascii_isalnum (*p))
                break;
              p++;
            }
          else if (is_word_char (g_utf8_get_char (p)))
            break;
          else
            p = g_utf8_next_char (p);
        }

      start = p;
      while (p < end)
        {
          if ((guchar) *p < 0x80)
            {
              if (!g_ascii_isalnum (*p))
                break;
              g_string_append_c (word, g_ascii_tolower (*p));
              p++;
            }
          else
            {
              gunichar c = g_utf8_get_char (p);

              if (!is_word_char (c))
                break;
              append_folded (word, c);
              p = g_utf8_next_char (p);
            }
        }

      /* A word of marks alone folds to nothing. */
      if (word->len > 0)
        func (word->str, word->len, start, (gsize) (p - start), user_data);
    }
}

typedef struct
{
  GHashTable *seen;
  GPtrArray  *words;
  GPtrArray  *written;     /* NULL when not wanted */
} SplitData;

static void
add_new_word (const char *word,
              gsize       length,
              const char *in_text,
              gsize       length_in_text,
              gpointer    user_data)
{
  SplitData *data = user_data;
  char *copy;

  if (g_hash_table_contains (data->seen, word))
    return;

  copy = g_strndup (word, length);
  g_hash_table_add (data->seen, copy);
  g_ptr_array_add (data->words, copy);
  if (data->written != NULL)
    g_ptr_array_add (data->written, g_strndup (in_text, length_in_text));
}

GStrv
atlas_text_split_words_full (const char  *text,
                             GStrv       *written)
{
  g_autoptr(GHashTable) seen = NULL;
  SplitData data;

  g_return_val_if_fail (text != NULL, NULL);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data.seen = seen;
  data.words = g_ptr_array_new ();
  data.written = written != NULL ? g_ptr_array_new () : NULL;

  atlas_text_foreach_word (text, -1, add_new_word, &data);

  /* The table frees nothing: the strings move to the vectors. */
  g_hash_table_steal_all (seen);
  g_ptr_array_add (data.words, NULL);
  if (written != NULL)
    {
      g_ptr_array_add (data.written, NULL);
      *written = (GStrv) g_ptr_array_free (data.written, FALSE);
    }

  return (GStrv) g_ptr_array_free (data.words, FALSE);
}

GStrv
atlas_text_split_words (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return atlas_text_split_words_full (text, NULL);
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
