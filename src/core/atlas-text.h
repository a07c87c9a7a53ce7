/* atlas-text.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text folding for search, shared by the search index and the highlighting
 * of matches in the UI, so that both agree on what matches: case and
 * accents are ignored ("SANTÉ", "Santé" and "sante" are one word), words
 * are runs of letters and digits. */

typedef struct
{
  guint start;   /* byte offset in the original text */
  guint end;     /* byte offset just past the match */
} AtlasTextRange;

/* Lower case without accents: "Côte d’Ivoire" -> "cote d’ivoire". */
char   *atlas_text_fold          (const char          *text,
                                  gssize               length);
/* The folded words of a search text, in order, without repeats. */
GStrv   atlas_text_split_words   (const char          *text);
/* The same, and in @written each word as it is first written in @text
 * (not folded), aligned with the words. */
GStrv   atlas_text_split_words_full (const char       *text,
                                     GStrv            *written);

/* Called with each folded word (NUL-terminated, @length bytes), borrowed
 * for the call only, and where it is in the text: @length_in_text bytes
 * from @in_text. */
typedef void (*AtlasTextWordFunc) (const char *word,
                                   gsize       length,
                                   const char *in_text,
                                   gsize       length_in_text,
                                   gpointer    user_data);

/* Calls @func for every word of @text, folded, in text order, repeats
 * included: the words atlas_text_find_matches() would compare. */
void    atlas_text_foreach_word  (const char          *text,
                                  gssize               length,
                                  AtlasTextWordFunc    func,
                                  gpointer             user_data);
/* Appends to @ranges (of AtlasTextRange) every word of @text that begins
 * with one of @words (folded, as from atlas_text_split_words()), in text
 * order.  Returns the number of ranges appended. */
guint   atlas_text_find_matches  (const char          *text,
                                  const char * const  *words,
                                  GArray              *ranges);

G_END_DECLS
