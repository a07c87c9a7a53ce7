/* atlas-text-index.c
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

#define G_LOG_DOMAIN "atlas-text-index"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "atlas-text-index.h"
#include "atlas-text.h"
#include "atlas-vocab.h"

/* Layout, once sealed: the distinct words, sorted by byte (so the words
 * beginning with a prefix are one run, found by two binary searches), each
 * with its postings: one 32-bit number per record having the word, the
 * record's position shifted left by three and, in the low three bits, the
 * fields the word occurs in (title, a name, the summary).  Postings of a
 * word are in record order, all words' postings in one flat array.
 *
 * While building, words get ids from an open-addressing hash table, and
 * every (word, record) pair is appended to two parallel arrays in record
 * order; a word seen again in the same record only adds its field to the
 * pair already there (each word remembers its last pair).
 * Sealing sorts the words and moves the pairs into place with a counting
 * sort, which keeps record order.  Names (of organisations, countries and
 * regions) repeat across records: each is split into word ids once. */

#define FIELD_TITLE   1u
#define FIELD_NAME    2u
#define FIELD_SUMMARY 4u
#define FIELD_BITS    3
#define FIELD_MASK    ((1u << FIELD_BITS) - 1)
#define MAX_RECORDS   (G_MAXUINT32 >> FIELD_BITS)
#define NO_SLOT       G_MAXUINT32
#define MIN_TABLE     4096

typedef struct
{
  guint32 hash;
  guint32 id_plus_one;             /* 0: free */
} HashSlot;

struct _AtlasTextIndex
{
  AtlasVocab    *vocab;
  gboolean       sealed;
  guint          n_records;

  /* Sealed */
  guint          n_words;
  guint32       *word_offsets;     /* per word: its start in chars */
  char          *chars;            /* the words, NUL-terminated, sorted */
  gsize          chars_size;
  guint32       *post_start;       /* n_words + 1 offsets into posts */
  guint32       *posts;
  gsize          n_posts;

  /* Only while building */
  HashSlot      *table;            /* word -> id */
  guint          table_size;       /* a power of two */
  GString       *word_chars;       /* every word, NUL-terminated */
  GArray        *word_starts;      /* guint32 per id: its start in word_chars */
  GArray        *last_slot;        /* guint32 per id: its latest pair, or NO_SLOT */
  guint32       *pair_ids;         /* per pair: the word id */
  guint32       *pair_posts;       /* per pair: the posting */
  gsize          n_pairs;
  gsize          pairs_size;
  guint32        record_first_slot;
  GArray       **country_words;    /* per country: word ids of its names, when first needed */
  GArray       **region_words;     /* per region, the same */
  GHashTable    *name_words;       /* organisation name -> GArray of word ids */
};

/* The best match of a word in a record, by the fields it occurs in. */
static const guint8 whole_word_match[FIELD_MASK + 1] = {
  ATLAS_TEXT_MATCH_NONE,
  ATLAS_TEXT_MATCH_TITLE_WORD,    /* title */
  ATLAS_TEXT_MATCH_NAME,          /* name */
  ATLAS_TEXT_MATCH_TITLE_WORD,    /* title, name */
  ATLAS_TEXT_MATCH_SUMMARY,       /* summary */
  ATLAS_TEXT_MATCH_TITLE_WORD,    /* title, summary */
  ATLAS_TEXT_MATCH_NAME,          /* name, summary */
  ATLAS_TEXT_MATCH_TITLE_WORD,    /* all three */
};

static const guint8 prefix_match[FIELD_MASK + 1] = {
  ATLAS_TEXT_MATCH_NONE,
  ATLAS_TEXT_MATCH_TITLE_PREFIX,
  ATLAS_TEXT_MATCH_NAME,
  ATLAS_TEXT_MATCH_TITLE_PREFIX,
  ATLAS_TEXT_MATCH_SUMMARY,
  ATLAS_TEXT_MATCH_TITLE_PREFIX,
  ATLAS_TEXT_MATCH_NAME,
  ATLAS_TEXT_MATCH_TITLE_PREFIX,
};

static void
free_id_array (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
free_builder (AtlasTextIndex *self)
{
  guint n_countries = atlas_vocab_get_n_countries (self->vocab);
  guint n_regions = atlas_vocab_get_n_regions (self->vocab);

  g_clear_pointer (&self->table, g_free);
  if (self->word_chars != NULL)
    g_string_free (g_steal_pointer (&self->word_chars), TRUE);
  g_clear_pointer (&self->word_starts, g_array_unref);
  g_clear_pointer (&self->last_slot, g_array_unref);
  g_clear_pointer (&self->pair_ids, g_free);
  g_clear_pointer (&self->pair_posts, g_free);
  g_clear_pointer (&self->name_words, g_hash_table_unref);

  if (self->country_words != NULL)
    for (guint i = 0; i < n_countries; i++)
      free_id_array (self->country_words[i]);
  g_clear_pointer (&self->country_words, g_free);

  if (self->region_words != NULL)
    for (guint i = 0; i < n_regions; i++)
      free_id_array (self->region_words[i]);
  g_clear_pointer (&self->region_words, g_free);
}

/**
 * atlas_text_index_new:
 *
 * Returns: (transfer full): an empty index to fill with
 *   atlas_text_index_add_row() and close with atlas_text_index_seal()
 */
AtlasTextIndex *
atlas_text_index_new (void)
{
  AtlasTextIndex *self = g_new0 (AtlasTextIndex, 1);

  self->vocab = atlas_vocab_get_default ();

  self->table_size = MIN_TABLE;
  self->table = g_new0 (HashSlot, self->table_size);
  self->word_chars = g_string_sized_new (64 * 1024);
  self->word_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->last_slot = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->country_words = g_new0 (GArray *, MAX (atlas_vocab_get_n_countries (self->vocab), 1));
  self->region_words = g_new0 (GArray *, MAX (atlas_vocab_get_n_regions (self->vocab), 1));
  self->name_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_id_array);

  return self;
}

void
atlas_text_index_free (AtlasTextIndex *self)
{
  g_return_if_fail (self != NULL);

  free_builder (self);
  g_free (self->word_offsets);
  g_free (self->chars);
  g_free (self->post_start);
  g_free (self->posts);
  g_free (self);
}

/* Building */

/* FNV-1a */
static inline guint32
hash_word (const char *word,
           gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;

  return hash;
}

static inline const char *
word_of_id (AtlasTextIndex *self,
            guint32         id)
{
  return self->word_chars->str + g_array_index (self->word_starts, guint32, id);
}

static void
grow_table (AtlasTextIndex *self)
{
  guint size = self->table_size * 2;
  HashSlot *table = g_new0 (HashSlot, size);

  for (guint i = 0; i < self->table_size; i++)
    if (self->table[i].id_plus_one != 0)
      {
        guint k = self->table[i].hash & (size - 1);

        while (table[k].id_plus_one != 0)
          k = (k + 1) & (size - 1);
        table[k] = self->table[i];
      }

  g_free (self->table);
  self->table = table;
  self->table_size = size;
}

static guint32
get_word_id (AtlasTextIndex *self,
             const char     *word,
             gsize           length)
{
  guint32 hash = hash_word (word, length);
  const guint32 none = NO_SLOT;
  guint32 start;
  guint32 id;
  guint k;

  for (k = hash & (self->table_size - 1);
       self->table[k].id_plus_one != 0;
       k = (k + 1) & (self->table_size - 1))
    {
      id = self->table[k].id_plus_one - 1;
      if (self->table[k].hash == hash && strcmp (word_of_id (self, id), word) == 0)
        return id;
    }

  id = self->word_starts->len;
  start = (guint32) self->word_chars->len;
  g_string_append_len (self->word_chars, word, (gssize) length);
  g_string_append_c (self->word_chars, '\0');
  g_array_append_val (self->word_starts, start);
  g_array_append_val (self->last_slot, none);

  self->table[k].hash = hash;
  self->table[k].id_plus_one = id + 1;

  /* At most half full. */
  if ((id + 1) * 2 > self->table_size)
    grow_table (self);

  return id;
}

/* Records that the current record has word @id in @field. */
static inline void
add_posting (AtlasTextIndex *self,
             guint32         id,
             guint           field)
{
  guint32 *last = &g_array_index (self->last_slot, guint32, id);

  if (*last != NO_SLOT && *last >= self->record_first_slot)
    {
      self->pair_posts[*last] |= field;
      return;
    }

  if (self->n_pairs == self->pairs_size)
    {
      self->pairs_size = MAX (self->pairs_size * 2, 4096);
      self->pair_ids = g_renew (guint32, self->pair_ids, self->pairs_size);
      self->pair_posts = g_renew (guint32, self->pair_posts, self->pairs_size);
    }

  *last = (guint32) self->n_pairs;
  self->pair_ids[self->n_pairs] = id;
  self->pair_posts[self->n_pairs] = (self->n_records << FIELD_BITS) | field;
  self->n_pairs++;
}

typedef struct
{
  AtlasTextIndex *self;
  guint           field;
  GArray         *ids;
} WordData;

static void
add_word_cb (const char *word,
             gsize       length,
             const char *in_text,
             gsize       length_in_text,
             gpointer    user_data)
{
  WordData *data = user_data;

  add_posting (data->self, get_word_id (data->self, word, length), data->field);
}

static void
collect_word_cb (const char *word,
                 gsize       length,
                 const char *in_text,
                 gsize       length_in_text,
                 gpointer    user_data)
{
  WordData *data = user_data;
  guint32 id = get_word_id (data->self, word, length);

  g_array_append_val (data->ids, id);
}

static void
add_text (AtlasTextIndex *self,
          const char     *text,
          guint           field)
{
  WordData data = { self, field, NULL };

  if (text != NULL)
    atlas_text_foreach_word (text, -1, add_word_cb, &data);
}

static void
collect_words (AtlasTextIndex *self,
               const char     *text,
               GArray         *ids)
{
  WordData data = { self, 0, ids };

  if (text != NULL)
    atlas_text_foreach_word (text, -1, collect_word_cb, &data);
}

static void
add_ids (AtlasTextIndex *self,
         const GArray   *ids)
{
  for (guint i = 0; i < ids->len; i++)
    add_posting (self, g_array_index (ids, guint32, i), FIELD_NAME);
}

static const GArray *
get_country_words (AtlasTextIndex *self,
                   guint           country)
{
  if (self->country_words[country] == NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));

      atlas_vocab_add_country_search_names (self->vocab, country, names);
      for (guint i = 0; i < names->len; i++)
        collect_words (self, g_ptr_array_index (names, i), ids);

      self->country_words[country] = ids;
    }

  return self->country_words[country];
}

static const GArray *
get_region_words (AtlasTextIndex *self,
                  guint           region)
{
  if (self->region_words[region] == NULL)
    {
      const AtlasRegion *r = atlas_vocab_get_region (self->vocab, region);
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));

      collect_words (self, r->name, ids);
      collect_words (self, atlas_region_get_name (r), ids);

      self->region_words[region] = ids;
    }

  return self->region_words[region];
}

static const GArray *
get_name_words (AtlasTextIndex *self,
                const char     *name)
{
  GArray *ids = g_hash_table_lookup (self->name_words, name);

  if (ids == NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (guint32));
      collect_words (self, name, ids);
      g_hash_table_insert (self->name_words, g_strdup (name), ids);
    }

  return ids;
}

void
atlas_text_index_add_row (AtlasTextIndex      *self,
                          const AtlasIndexRow *row)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);
  g_return_if_fail (row != NULL);
  g_return_if_fail (self->n_records < MAX_RECORDS);

  self->record_first_slot = (guint32) self->n_pairs;

  add_text (self, row->title, FIELD_TITLE);
  add_text (self, row->summary, FIELD_SUMMARY);

  for (guint i = 0; row->organization_names != NULL && i < row->n_organizations; i++)
    if (row->organization_names[i] != NULL)
      add_ids (self, get_name_words (self, row->organization_names[i]));

  for (guint i = 0; i < row->n_countries; i++)
    {
      int country = atlas_vocab_find_country (self->vocab, row->countries[i]);

      if (country >= 0)
        add_ids (self, get_country_words (self, (guint) country));
    }

  for (guint i = 0; i < row->n_regions; i++)
    {
      int region = atlas_vocab_find_region (self->vocab, row->regions[i]);

      if (region >= 0)
        add_ids (self, get_region_words (self, (guint) region));
    }

  self->n_records++;
}

static int
compare_words (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AtlasTextIndex *self = user_data;

  return strcmp (word_of_id (self, *(const guint32 *) a), word_of_id (self, *(const guint32 *) b));
}

void
atlas_text_index_seal (AtlasTextIndex *self)
{
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *rank = NULL;
  g_autofree guint32 *fill = NULL;
  const guint32 *pair_ids;
  const guint32 *pair_posts;
  gsize offset = 0;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);

  n = self->word_starts->len;
  self->n_words = n;
  self->n_posts = self->n_pairs;
  pair_ids = self->pair_ids;
  pair_posts = self->pair_posts;

  order = g_new (guint32, MAX (n, 1));
  rank = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (int) n, sizeof (guint32), compare_words, self);
  for (guint i = 0; i < n; i++)
    rank[order[i]] = i;

  /* The words, in order, in one block. */
  for (guint i = 0; i < n; i++)
    self->chars_size += strlen (word_of_id (self, order[i])) + 1;
  self->chars = g_malloc (MAX (self->chars_size, 1));
  self->word_offsets = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const char *word = word_of_id (self, order[i]);
      gsize size = strlen (word) + 1;

      self->word_offsets[i] = (guint32) offset;
      memcpy (self->chars + offset, word, size);
      offset += size;
    }

  /* The pairs, grouped by word; a stable counting sort keeps record order. */
  self->post_start = g_new0 (guint32, n + 1);
  for (gsize k = 0; k < self->n_posts; k++)
    self->post_start[rank[pair_ids[k]] + 1]++;
  for (guint i = 0; i < n; i++)
    self->post_start[i + 1] += self->post_start[i];

  fill = g_memdup2 (self->post_start, (n + 1) * sizeof (guint32));
  self->posts = g_new (guint32, MAX (self->n_posts, 1));
  for (gsize k = 0; k < self->n_posts; k++)
    self->posts[fill[rank[pair_ids[k]]]++] = pair_posts[k];

  free_builder (self);
  self->sealed = TRUE;
}

/* Queries */

guint
atlas_text_index_get_n_records (AtlasTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_records;
}

guint
atlas_text_index_get_n_words (AtlasTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->sealed, 0);

  return self->n_words;
}

gsize
atlas_text_index_get_n_postings (AtlasTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->sealed, 0);

  return self->n_posts;
}

gsize
atlas_text_index_get_size (AtlasTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->sealed, 0);

  return sizeof (AtlasTextIndex) +
         self->n_words * sizeof (guint32) +          /* word_offsets */
         self->chars_size +
         (self->n_words + 1) * sizeof (guint32) +    /* post_start */
         self->n_posts * sizeof (guint32);
}

static inline const char *
word_at (AtlasTextIndex *self,
         guint           i)
{
  return self->chars + self->word_offsets[i];
}

void
atlas_text_index_match (AtlasTextIndex *self,
                        const char     *word,
                        guint8         *best)
{
  gsize length;
  guint lo = 0;
  guint hi;
  guint end;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->sealed);
  g_return_if_fail (word != NULL);
  g_return_if_fail (best != NULL || self->n_records == 0);

  length = strlen (word);
  if (length == 0)
    return;

  /* The first word not before @word … */
  hi = self->n_words;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (word_at (self, mid), word) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* … and the first after it that does not begin with it. */
  end = self->n_words;
  hi = lo;
  while (hi < end)
    {
      guint mid = hi + (end - hi) / 2;

      if (strncmp (word_at (self, mid), word, length) == 0)
        hi = mid + 1;
      else
        end = mid;
    }

  for (guint i = lo; i < hi; i++)
    {
      const guint8 *match = strcmp (word_at (self, i), word) == 0 ? whole_word_match : prefix_match;
      const guint32 *restrict posts = self->posts;
      guint8 *restrict levels = best;

      for (guint32 k = self->post_start[i]; k < self->post_start[i + 1]; k++)
        {
          guint32 record = posts[k] >> FIELD_BITS;
          guint8 level = match[posts[k] & FIELD_MASK];

          if (level > levels[record])
            levels[record] = level;
        }
    }
}
