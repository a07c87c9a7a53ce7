/* atlas-vocab.c
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

#define G_LOG_DOMAIN "atlas-vocab"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-enums.h"
#include "atlas-vocab.h"

#define RESOURCE_DIR "/io/github/cooperationatlas/Atlas/core/vocabulary/"
#define ISO_3166_DOMAIN "iso_3166-1"

/* The vocabularies that are lists of terms, with the file they come from and
 * the gettext context of their names. */
static const struct
{
  AtlasFacet  facet;
  const char *file;
  const char *context;
} term_files[] = {
  { ATLAS_FACET_GDC, "gdc-objectives.json", "GDC objective" },
  { ATLAS_FACET_WSIS, "wsis-action-lines.json", "WSIS Action Line" },
  { ATLAS_FACET_SDG, "sdgs.json", "SDG" },
  { ATLAS_FACET_PRIORITY, "priorities.json", "digital priority" },
  { ATLAS_FACET_ORG_TYPE, "org-types.json", "organization type" },
};

#define REGION_CONTEXT "region"
#define COUNTRY_CONTEXT "country"

struct _AtlasVocab
{
  GStringChunk *strings;

  AtlasTerm    *terms[ATLAS_N_FACETS];
  guint         n_terms[ATLAS_N_FACETS];

  AtlasRegion  *regions;
  guint         n_regions;

  AtlasCountry *countries;        /* sorted by alpha-2 code */
  guint         n_countries;
  const char  **iso_names;        /* per country: iso-codes' "name" when it differs, or NULL */
  const char  **official_names;   /* per country, or NULL */

  GHashTable   *names;            /* normalised name -> GUINT_TO_POINTER (index + 1) */
};

static const char *
intern (AtlasVocab *self,
        const char *str)
{
  return str != NULL ? g_string_chunk_insert_const (self->strings, str) : NULL;
}

static JsonNode *
load_json (const char *file)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, file, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The vocabulary %s is missing from the core's resources: %s", file, error->message);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser,
                                   g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes),
                                   &error))
    g_error ("The vocabulary %s is not valid JSON: %s", file, error->message);

  return json_parser_steal_root (parser);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;

  return json_node_get_int (node);
}

static guint
term_bit (AtlasFacet  facet,
          const char *id)
{
  int value = -1;

  switch (facet)
    {
    case ATLAS_FACET_GDC:
    case ATLAS_FACET_SDG:
      {
        guint64 n = 0;

        if (g_ascii_string_to_unsigned (id, 10, 1,
                                        facet == ATLAS_FACET_GDC ? ATLAS_N_GDC_OBJECTIVES : ATLAS_N_SDGS,
                                        &n, NULL))
          value = (int) n - 1;
      }
      break;

    case ATLAS_FACET_WSIS:
      value = atlas_wsis_line_from_string (id);
      break;

    case ATLAS_FACET_PRIORITY:
      value = atlas_priority_from_string (id);
      break;

    case ATLAS_FACET_ORG_TYPE:
      value = (int) atlas_org_type_from_string (id);
      if (value == ATLAS_ORG_TYPE_UNKNOWN)
        value = -1;
      break;

    case ATLAS_FACET_REGION:
    case ATLAS_FACET_COUNTRY:
    case ATLAS_FACET_ORGANIZATION:
    case ATLAS_FACET_STATUS:
    case ATLAS_FACET_SOURCE:
    case ATLAS_N_FACETS:
    default:
      g_assert_not_reached ();
    }

  if (value < 0)
    g_error ("The vocabulary of %s has an unknown id “%s”", atlas_facet_to_string (facet), id);

  return (guint) value;
}

static void
load_terms (AtlasVocab *self,
            guint       file_index)
{
  AtlasFacet facet = term_files[file_index].facet;
  g_autoptr(JsonNode) root = load_json (term_files[file_index].file);
  JsonArray *array = json_node_get_array (root);
  guint n = json_array_get_length (array);

  self->terms[facet] = g_new0 (AtlasTerm, n);
  self->n_terms[facet] = n;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      AtlasTerm *term = &self->terms[facet][i];
      const char *parent = member_string (object, "parent");

      term->id = intern (self, member_string (object, "id"));
      term->bit = term_bit (facet, term->id);
      term->name = intern (self, member_string (object, "name"));
      term->short_name = intern (self, member_string (object, "short_name"));
      term->color = intern (self, member_string (object, "color"));
      term->parent = -1;

      if (parent != NULL)
        {
          for (guint j = 0; j < i; j++)
            if (strcmp (self->terms[facet][j].id, parent) == 0)
              term->parent = (int) j;

          if (term->parent < 0)
            g_error ("The term %s names a parent %s that does not come before it", term->id, parent);
        }
    }
}

static void
load_regions (AtlasVocab *self)
{
  g_autoptr(JsonNode) root = load_json ("regions.json");
  JsonArray *array = json_node_get_array (root);
  guint n = json_array_get_length (array);

  self->regions = g_new0 (AtlasRegion, n);
  self->n_regions = n;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      AtlasRegion *region = &self->regions[i];

      region->code = (guint16) member_int (object, "code");
      region->parent = (guint16) member_int (object, "parent");
      region->name = intern (self, member_string (object, "name"));

      if (region->parent != 0)
        {
          int parent = atlas_vocab_find_region (self, region->parent);

          /* Parents come first in the file, so their depth is known. */
          if (parent < 0 || (guint) parent >= i)
            g_error ("The region %03u names a parent %03u that does not come before it",
                     region->code, region->parent);
          region->depth = self->regions[parent].depth + 1;
        }
    }
}

/* Lower case, without accents, punctuation folded to single spaces, "&"
 * read as "and": "Côte d'Ivoire" -> "cote d ivoire". */
static char *
normalize_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  if (decomposed == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      if (c == '&')
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, "and");
          pending_space = TRUE;
        }
      else if (g_unichar_isalnum (c))
        {
          if (pending_space && out->len > 0)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_unichar (out, c);
        }
      else
        pending_space = TRUE;
    }

  return g_string_free (out, FALSE);
}

/* A normalised name without a leading article: "the gambia" -> "gambia". */
static const char *
skip_article (const char *key)
{
  return g_str_has_prefix (key, "the ") ? key + strlen ("the ") : key;
}

/* Registers a normalised name.  Returns the index it already designated when
 * that is another country, or -1. */
static int
add_key (AtlasVocab *self,
         const char *key,
         guint       index)
{
  gpointer value;

  if (*key == '\0')
    return -1;

  if (g_hash_table_lookup_extended (self->names, key, NULL, &value))
    {
      guint existing = GPOINTER_TO_UINT (value) - 1;

      return existing != index ? (int) existing : -1;
    }

  g_hash_table_insert (self->names, g_strdup (key), GUINT_TO_POINTER (index + 1));
  return -1;
}

static int
add_name (AtlasVocab *self,
          const char *name,
          guint       index)
{
  g_autofree char *key = NULL;
  int conflict;

  if (name == NULL)
    return -1;

  key = normalize_name (name);
  conflict = add_key (self, key, index);
  if (conflict < 0)
    conflict = add_key (self, skip_article (key), index);

  return conflict;
}

/* The text without its parenthesised parts, and the first of them:
 * "Eswatini (fmr. 'Swaziland')" -> "Eswatini" and "fmr. 'Swaziland'".
 * FALSE when there is no complete parenthesised part. */
static gboolean
split_parentheses (const char  *name,
                   char       **outside,
                   char       **inside)
{
  GString *out = g_string_new (NULL);
  const char *first_open = NULL;
  const char *first_close = NULL;
  int depth = 0;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '(')
        {
          if (depth++ == 0 && first_open == NULL)
            first_open = p;
        }
      else if (*p == ')' && depth > 0)
        {
          if (--depth == 0 && first_close == NULL)
            first_close = p;
          g_string_append_c (out, ' ');
        }
      else if (depth == 0)
        g_string_append_c (out, *p);
    }

  if (first_open == NULL || first_close == NULL || depth != 0)
    {
      g_string_free (out, TRUE);
      return FALSE;
    }

  *outside = g_string_free (out, FALSE);
  *inside = g_strndup (first_open + 1, first_close - first_open - 1);
  return TRUE;
}

/* iso-codes' inverted names read naturally: "Korea, Republic of" ->
 * "Republic of Korea", "Congo, The Democratic Republic of the" -> "The
 * Democratic Republic of the Congo".  NULL for other names. */
static char *
uninvert_name (const char *name)
{
  const char *comma = strstr (name, ", ");
  g_autofree char *head = NULL;

  if (comma == NULL || strchr (comma + 2, ',') != NULL)
    return NULL;
  if (!g_str_has_suffix (comma, " of") && !g_str_has_suffix (comma, " of the"))
    return NULL;

  head = g_strndup (name, comma - name);
  return g_strconcat (comma + 2, " ", head, NULL);
}

static void
add_country_names (AtlasVocab *self,
                   const char *name,
                   guint       index)
{
  g_autofree char *outside = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *uninverted = NULL;

  if (name == NULL)
    return;

  /* The names as written win over the forms derived from them. */
  add_name (self, name, index);
  if (split_parentheses (name, &outside, &inside))
    add_name (self, outside, index);
  uninverted = uninvert_name (name);
  add_name (self, uninverted, index);
}

static void
load_countries (AtlasVocab *self)
{
  g_autoptr(JsonNode) root = load_json ("countries.json");
  JsonArray *array = json_node_get_array (root);
  guint n = json_array_get_length (array);

  self->countries = g_new0 (AtlasCountry, n);
  self->iso_names = g_new0 (const char *, n);
  self->official_names = g_new0 (const char *, n);
  self->n_countries = n;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      AtlasCountry *country = &self->countries[i];
      guint16 code = (guint16) member_int (object, "region");

      country->alpha2 = intern (self, member_string (object, "alpha2"));
      country->alpha3 = intern (self, member_string (object, "alpha3"));
      country->numeric = (guint16) member_int (object, "numeric");
      country->name = intern (self, member_string (object, "name"));
      country->latitude = json_object_get_double_member_with_default (object, "lat", 0.0);
      country->longitude = json_object_get_double_member_with_default (object, "lon", 0.0);
      self->iso_names[i] = intern (self, member_string (object, "iso_name"));
      self->official_names[i] = intern (self, member_string (object, "official_name"));

      if (i > 0 && strcmp (self->countries[i - 1].alpha2, country->alpha2) >= 0)
        g_error ("countries.json is not sorted by alpha-2 code at %s", country->alpha2);

      /* "region" is the most specific M49 area; fill in the levels above. */
      while (code != 0)
        {
          int r = atlas_vocab_find_region (self, code);

          if (r < 0)
            g_error ("The country %s lies in an unknown region %03u", country->alpha2, code);

          switch (self->regions[r].depth)
            {
            case 3: country->intermediate = code; break;
            case 2: country->subregion = code; break;
            case 1: country->region = code; break;
            default: break;
            }

          code = self->regions[r].parent;
        }
    }

  /* Every country's own names first, then the forms derived from them. */
  for (guint i = 0; i < n; i++)
    {
      add_name (self, self->countries[i].name, i);
      add_name (self, self->iso_names[i], i);
      add_name (self, self->official_names[i], i);
    }

  for (guint i = 0; i < n; i++)
    {
      add_country_names (self, self->countries[i].name, i);
      add_country_names (self, self->iso_names[i], i);
      add_country_names (self, self->official_names[i], i);
    }
}

static void
load_aliases (AtlasVocab *self)
{
  g_autoptr(JsonNode) root = load_json ("country-aliases.json");
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *alpha2 = json_object_get_string_member (object, l->data);
      int index = atlas_vocab_find_country (self, alpha2);
      int conflict;

      if (index < 0)
        g_error ("The country alias “%s” names an unknown code %s", (const char *) l->data, alpha2);

      conflict = add_name (self, l->data, (guint) index);
      if (conflict >= 0)
        g_error ("The country alias “%s” (%s) is already a name of %s",
                 (const char *) l->data, alpha2, self->countries[conflict].alpha2);
    }
}

static AtlasVocab *
atlas_vocab_load (void)
{
  AtlasVocab *self = g_new0 (AtlasVocab, 1);

  atlas_core_init ();

  self->strings = g_string_chunk_new (4096);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (term_files); i++)
    load_terms (self, i);
  load_regions (self);
  load_countries (self);
  load_aliases (self);

  return self;
}

/**
 * atlas_vocab_get_default:
 *
 * Returns: (transfer none): the vocabularies, loaded on first use and kept
 *   for the life of the process.
 */
AtlasVocab *
atlas_vocab_get_default (void)
{
  static AtlasVocab *vocab;

  if (g_once_init_enter (&vocab))
    g_once_init_leave (&vocab, atlas_vocab_load ());

  return vocab;
}

const AtlasTerm *
atlas_vocab_get_terms (AtlasVocab *self,
                       AtlasFacet  facet,
                       guint      *n_terms)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);

  if (n_terms != NULL)
    *n_terms = self->n_terms[facet];

  return self->terms[facet];
}

const AtlasTerm *
atlas_vocab_find_term (AtlasVocab *self,
                       AtlasFacet  facet,
                       const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->n_terms[facet]; i++)
    if (strcmp (self->terms[facet][i].id, id) == 0)
      return &self->terms[facet][i];

  return NULL;
}

static const char *
term_context (AtlasFacet facet)
{
  for (guint i = 0; i < G_N_ELEMENTS (term_files); i++)
    if (term_files[i].facet == facet)
      return term_files[i].context;

  return NULL;
}

const char *
atlas_term_get_name (const AtlasTerm *term,
                     AtlasFacet       facet)
{
  g_return_val_if_fail (term != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, term_context (facet), term->name);
}

const char *
atlas_term_get_short_name (const AtlasTerm *term,
                           AtlasFacet       facet)
{
  g_return_val_if_fail (term != NULL, NULL);

  if (term->short_name == NULL)
    return atlas_term_get_name (term, facet);

  return g_dpgettext2 (GETTEXT_PACKAGE, term_context (facet), term->short_name);
}

guint
atlas_vocab_get_n_countries (AtlasVocab *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_countries;
}

const AtlasCountry *
atlas_vocab_get_country (AtlasVocab *self,
                         guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_countries, NULL);

  return &self->countries[index];
}

int
atlas_vocab_find_country (AtlasVocab *self,
                          const char *alpha2)
{
  guint lo = 0, hi;
  char code[3];

  g_return_val_if_fail (self != NULL, -1);

  if (alpha2 == NULL || strlen (alpha2) != 2)
    return -1;

  code[0] = g_ascii_toupper (alpha2[0]);
  code[1] = g_ascii_toupper (alpha2[1]);
  code[2] = '\0';

  hi = self->n_countries;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (self->countries[mid].alpha2, code);

      if (cmp == 0)
        return (int) mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return -1;
}

static int
lookup_key (AtlasVocab *self,
            const char *key)
{
  gpointer value;
  g_auto(GStrv) words = NULL;
  g_autofree char *saint = NULL;

  if (*key == '\0')
    return -1;

  if (g_hash_table_lookup_extended (self->names, key, NULL, &value) ||
      g_hash_table_lookup_extended (self->names, skip_article (key), NULL, &value))
    return (int) GPOINTER_TO_UINT (value) - 1;

  /* "St Kitts and Nevis", "St. Lucia" */
  words = g_strsplit (key, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strcmp (words[i], "st") == 0)
        {
          g_free (words[i]);
          words[i] = g_strdup ("saint");
        }
    }
  saint = g_strjoinv (" ", words);
  if (strcmp (saint, key) != 0 &&
      g_hash_table_lookup_extended (self->names, skip_article (saint), NULL, &value))
    return (int) GPOINTER_TO_UINT (value) - 1;

  return -1;
}

static int
lookup_name (AtlasVocab *self,
             const char *name)
{
  g_autofree char *key = normalize_name (name);

  return lookup_key (self, key);
}

/* TRUE when a normalised name is also part of the name of another country
 * ("congo" of "democratic republic of the congo", "guinea" of
 * "equatorial guinea"): on its own it cannot settle a doubtful match. */
static gboolean
is_part_of_other_name (AtlasVocab *self,
                       const char *key,
                       guint       index)
{
  g_autofree char *needle = g_strconcat (" ", key, " ", NULL);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, self->names);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *haystack = NULL;

      if (GPOINTER_TO_UINT (value) - 1 == index)
        continue;

      haystack = g_strconcat (" ", (const char *) name, " ", NULL);
      if (strstr (haystack, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static int
find_country_by_code (AtlasVocab *self,
                      const char *text)
{
  gsize length = strlen (text);

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isupper (text[i]))
      return -1;

  if (length == 2)
    return atlas_vocab_find_country (self, text);

  if (length == 3)
    for (guint i = 0; i < self->n_countries; i++)
      if (self->countries[i].alpha3 != NULL && strcmp (self->countries[i].alpha3, text) == 0)
        return (int) i;

  return -1;
}

/* Normalised words that introduce a former name: "(fmr. 'Swaziland')". */
static const char * const former_prefixes[] = { "fmr ", "formerly ", "former " };

int
atlas_vocab_find_country_by_name (AtlasVocab *self,
                                  const char *name)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *outside_key = NULL;
  g_autofree char *inside_key = NULL;
  const char *inside_name;
  int index, outer, inner;

  g_return_val_if_fail (self != NULL, -1);

  if (name == NULL)
    return -1;

  trimmed = g_strstrip (g_strdup (name));

  /* Codes only as codes: "NA" is Namibia, "na" or "and" are words. */
  index = find_country_by_code (self, trimmed);
  if (index >= 0)
    return index;

  index = lookup_name (self, trimmed);
  if (index >= 0 || !split_parentheses (trimmed, &outside, &inside))
    return index;

  /* "Czechia (Czech Republic)", "Eswatini (fmr. 'Swaziland')",
   * "Congo (Congo-Brazzaville)": the two parts must not disagree, and a name
   * that is part of another country's name needs the other part's support. */
  outside_key = normalize_name (outside);
  inside_key = normalize_name (inside);
  inside_name = inside_key;
  for (guint i = 0; i < G_N_ELEMENTS (former_prefixes); i++)
    if (g_str_has_prefix (inside_name, former_prefixes[i]))
      inside_name += strlen (former_prefixes[i]);

  outer = lookup_key (self, outside_key);
  inner = lookup_key (self, inside_name);

  if (outer >= 0 && inner >= 0)
    return outer == inner ? outer : -1;
  if (outer >= 0)
    return is_part_of_other_name (self, skip_article (outside_key), (guint) outer) ? -1 : outer;
  /* "Zaire (Democratic Republic of the Congo)" */
  if (inner >= 0)
    return inner;

  return -1;
}

const char *
atlas_country_get_name (const AtlasCountry *country)
{
  AtlasVocab *self;
  const char *translated;
  guint index;

  g_return_val_if_fail (country != NULL, NULL);

  self = atlas_vocab_get_default ();
  index = (guint) (country - self->countries);
  g_return_val_if_fail (index < self->n_countries, NULL);

  /* Kosovo is not in ISO 3166-1, so not in iso-codes: it is ours to translate. */
  if (country->numeric == 0)
    return g_dpgettext2 (GETTEXT_PACKAGE, COUNTRY_CONTEXT, country->name);

  translated = g_dgettext (ISO_3166_DOMAIN, country->name);
  if (translated == country->name && self->iso_names[index] != NULL)
    {
      /* Some catalogues translate the formal name but not the common one. */
      const char *formal = g_dgettext (ISO_3166_DOMAIN, self->iso_names[index]);

      if (formal != self->iso_names[index])
        return formal;
    }

  return translated;
}

static void
add_new_name (GPtrArray  *names,
              guint       first,
              const char *name)
{
  if (name == NULL)
    return;

  for (guint i = first; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return;

  g_ptr_array_add (names, (gpointer) name);
}

void
atlas_vocab_add_country_search_names (AtlasVocab *self,
                                      guint       index,
                                      GPtrArray  *names)
{
  const AtlasCountry *country;
  const char *iso_name;
  guint first;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n_countries);
  g_return_if_fail (names != NULL);

  country = &self->countries[index];
  iso_name = self->iso_names[index];
  first = names->len;

  add_new_name (names, first, country->name);
  add_new_name (names, first, iso_name);
  add_new_name (names, first, atlas_country_get_name (country));
  if (iso_name != NULL)
    add_new_name (names, first, g_dgettext (ISO_3166_DOMAIN, iso_name));
}

guint
atlas_vocab_get_n_regions (AtlasVocab *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_regions;
}

const AtlasRegion *
atlas_vocab_get_region (AtlasVocab *self,
                        guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_regions, NULL);

  return &self->regions[index];
}

int
atlas_vocab_find_region (AtlasVocab *self,
                         guint16     code)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->n_regions; i++)
    if (self->regions[i].code == code)
      return (int) i;

  return -1;
}

const char *
atlas_region_get_name (const AtlasRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, REGION_CONTEXT, region->name);
}

gboolean
atlas_vocab_region_contains (AtlasVocab *self,
                             guint16     outer,
                             guint16     inner)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (inner != 0)
    {
      int r;

      if (inner == outer)
        return TRUE;

      r = atlas_vocab_find_region (self, inner);
      if (r < 0)
        return FALSE;

      inner = self->regions[r].parent;
    }

  return FALSE;
}

gboolean
atlas_vocab_country_in_region (AtlasVocab *self,
                               guint       country,
                               guint16     region)
{
  const AtlasCountry *c;
  guint16 most_specific;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (country < self->n_countries, FALSE);

  c = &self->countries[country];
  most_specific = c->intermediate ? c->intermediate : c->subregion ? c->subregion : c->region;

  if (region == 1)
    return TRUE;

  return most_specific != 0 && atlas_vocab_region_contains (self, region, most_specific);
}
