/* atlas-dpga.c
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

#define G_LOG_DOMAIN "atlas-dpga"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-dpga.h"
#include "atlas-initiative.h"
#include "atlas-vocab.h"

/* A description longer than this (in characters) is summarised by its first
 * sentence, or cut at a word with an ellipsis. */
#define SUMMARY_LENGTH 280

typedef struct
{
  AtlasFeedPage *page;
  AtlasVocab    *vocab;
  GHashTable    *organizations;   /* id -> AtlasOrganization* owned by the page */
  GHashTable    *initiatives;     /* ids already parsed */
} ParseContext;

typedef enum
{
  EXPECT_TEXT,
  EXPECT_LIST,
  EXPECT_OBJECT,
} Expect;

/* The members of a good whose type is checked before anything is read. */
static const struct
{
  const char *member;
  Expect      expect;
} member_types[] = {
  { "id", EXPECT_TEXT },
  { "name", EXPECT_TEXT },
  { "description", EXPECT_TEXT },
  { "website", EXPECT_TEXT },
  { "stage", EXPECT_TEXT },
  { "aliases", EXPECT_LIST },
  { "license", EXPECT_LIST },
  { "SDGs", EXPECT_LIST },
  { "sectors", EXPECT_LIST },
  { "type", EXPECT_LIST },
  { "repositories", EXPECT_LIST },
  { "organizations", EXPECT_LIST },
  { "locations", EXPECT_OBJECT },
};

static const struct
{
  const char *org_type;
  AtlasRole   role;
} roles[] = {
  { "owner", ATLAS_ROLE_OWNER },
  { "maintainer", ATLAS_ROLE_MAINTAINER },
  { "funder", ATLAS_ROLE_FUNDER },
  { "implementer", ATLAS_ROLE_IMPLEMENTER },
};

static void
parse_context_init (ParseContext    *ctx,
                    AtlasFeedFormat  format)
{
  ctx->page = atlas_feed_page_new (format);
  ctx->vocab = atlas_vocab_get_default ();
  ctx->organizations = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->initiatives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static AtlasFeedPage *
parse_context_finish (ParseContext *ctx)
{
  g_clear_pointer (&ctx->organizations, g_hash_table_unref);
  g_clear_pointer (&ctx->initiatives, g_hash_table_unref);

  return g_steal_pointer (&ctx->page);
}

/* The text of a string node, or NULL for any other node. */
static const char *
node_get_text (JsonNode *node)
{
  if (node == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A node as it would be written in the document, to show it in a problem. */
static char *
node_to_text (JsonNode *node)
{
  const char *text = node_get_text (node);

  if (text != NULL)
    return g_strdup (text);

  return json_to_string (node, FALSE);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* Trimmed text of a string member; NULL when absent, null or blank. */
static char *
get_text_member (JsonObject *object,
                 const char *member)
{
  const char *text = node_get_text (get_member (object, member));
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  return *trimmed != '\0' ? g_steal_pointer (&trimmed) : NULL;
}

static JsonArray *
get_list_member (JsonObject *object,
                 const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
add_problem (ParseContext     *ctx,
             AtlasProblemKind  kind,
             const char       *record_id,
             const char       *field,
             const char       *value,
             const char       *message)
{
  atlas_feed_page_add_problem (ctx->page, kind, record_id, field, value, message);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        pending_space = out->len > 0;
      else
        {
          if (pending_space)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_unichar (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

/* TRUE when the full stop ending the word that starts at @word and ends at
 * @dot belongs to an abbreviation or an initial ("e.g.", "U.S.", "J.", "etc."). */
static gboolean
is_abbreviation (const char *word,
                 const char *dot)
{
  static const char * const abbreviations[] = {
    "approx", "dr", "eg", "etc", "ie", "inc", "incl", "ltd", "mr", "mrs", "ms", "no",
    "prof", "st", "vs",
  };
  g_autofree char *lower = NULL;

  while (word < dot && !g_unichar_isalnum (g_utf8_get_char (word)))
    word = g_utf8_next_char (word);

  if (word == dot || memchr (word, '.', dot - word) != NULL)
    return TRUE;
  if (g_utf8_strlen (word, dot - word) == 1 && g_unichar_isupper (g_utf8_get_char (word)))
    return TRUE;

  lower = g_ascii_strdown (word, dot - word);
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (strcmp (lower, abbreviations[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The end (just past its punctuation) of the first sentence of @text, or NULL. */
static const char *
find_first_sentence_end (const char *text)
{
  const char *word = text;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *end = p + 1;
      const char *next;

      if (*p == ' ')
        {
          word = p + 1;
          continue;
        }

      if (*p != '.' && *p != '!' && *p != '?')
        continue;

      /* A closing quote or bracket belongs to the sentence. */
      while (*end == ')' || *end == '"' || *end == '\'' ||
             g_str_has_prefix (end, "”") || g_str_has_prefix (end, "’"))
        end = g_utf8_next_char (end);

      if (*end != ' ' && *end != '\0')
        continue;
      if (*p == '.' && is_abbreviation (word, p))
        continue;

      next = end;
      while (*next == ' ')
        next++;
      if (*next != '\0' && g_unichar_islower (g_utf8_get_char (next)))
        continue;

      return end;
    }

  return NULL;
}

/* The first @length - 1 characters of @text, cut at a word, with an ellipsis. */
static char *
shorten_at_word (const char *text,
                 glong       length)
{
  const char *limit = g_utf8_offset_to_pointer (text, length - 1);
  const char *cut = limit;
  g_autofree char *head = NULL;

  /* Back to the last space, unless the word is most of the text. */
  while (cut > text && *cut != ' ')
    cut--;
  if (cut <= text + (limit - text) / 2)
    cut = limit;

  head = g_strndup (text, cut - text);
  g_strchomp (head);
  while (*head != '\0' && strchr (",;:-", head[strlen (head) - 1]) != NULL)
    {
      head[strlen (head) - 1] = '\0';
      g_strchomp (head);
    }

  return g_strconcat (head, "…", NULL);
}

static char *
make_summary (const char *description)
{
  g_autofree char *text = collapse_whitespace (description);
  const char *end;

  if (g_utf8_strlen (text, -1) <= SUMMARY_LENGTH)
    return g_steal_pointer (&text);

  end = find_first_sentence_end (text);
  if (end != NULL && g_utf8_strlen (text, end - text) <= SUMMARY_LENGTH)
    return g_strndup (text, end - text);

  return shorten_at_word (text, SUMMARY_LENGTH);
}

/* The same organisation written with another case, spacing, accents or
 * punctuation gets the same id: "UNICEF  venture-fund" -> "unicef-venture-fund". */
static char *
make_organization_id (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  gboolean pending_dash = FALSE;

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      if (g_unichar_isalnum (c))
        {
          if (pending_dash && out->len > 0)
            g_string_append_c (out, '-');
          pending_dash = FALSE;
          g_string_append_unichar (out, c);
        }
      else
        pending_dash = TRUE;
    }

  if (out->len > ATLAS_FEED_MAX_ID_LENGTH)
    {
      const char *end = g_utf8_find_prev_char (out->str, out->str + ATLAS_FEED_MAX_ID_LENGTH + 1);

      g_string_truncate (out, end - out->str);
    }

  return g_string_free (out, FALSE);
}

static gboolean
check_member_types (JsonObject  *object,
                    const char  *member,
                    Expect       expect)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return TRUE;

  switch (expect)
    {
    case EXPECT_TEXT:
      return node_get_text (node) != NULL;
    case EXPECT_LIST:
      return JSON_NODE_HOLDS_ARRAY (node);
    case EXPECT_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    default:
      g_assert_not_reached ();
    }
}

static char *
wrong_type_message (const char *label,
                    const char *member,
                    Expect      expect)
{
  switch (expect)
    {
    case EXPECT_TEXT:
      /* Translators: the first placeholder is a digital public good, the
       * second the name of a field of the registry, e.g. “description”. */
      return g_strdup_printf (_("The digital public good “%s” was left out: its “%s” should "
                                "be text."),
                              label, member);
    case EXPECT_LIST:
      /* Translators: the first placeholder is a digital public good, the
       * second the name of a field of the registry, e.g. “SDGs”. */
      return g_strdup_printf (_("The digital public good “%s” was left out: its “%s” should "
                                "be a list."),
                              label, member);
    case EXPECT_OBJECT:
      /* Translators: the first placeholder is a digital public good, the
       * second the name of a field of the registry, e.g. “locations”. */
      return g_strdup_printf (_("The digital public good “%s” was left out: its “%s” should be a "
                                "group of named fields."),
                              label, member);
    default:
      g_assert_not_reached ();
    }
}

/* Joins the non-empty strings of a list member with ", ", reporting the rest. */
static char *
join_text_list (ParseContext    *ctx,
                AtlasInitiative *initiative,
                JsonArray       *array,
                const char      *field,
                const char      *child_member)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *text = NULL;
      const char *raw;

      if (child_member != NULL && JSON_NODE_HOLDS_OBJECT (element))
        element = get_member (json_node_get_object (element), child_member);

      raw = node_get_text (element);
      if (raw == NULL)
        {
          g_autofree char *value = element != NULL ? node_to_text (element) : NULL;
          g_autofree char *message =
            /* Translators: the first placeholder is a field of the registry
             * (e.g. “sectors”), the second a digital public good. */
            g_strdup_printf (_("A value of “%s” of “%s” is not text and was left out."),
                             field, initiative->title);

          add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, field, value, message);
          continue;
        }

      text = g_strstrip (g_strdup (raw));
      if (*text == '\0')
        continue;

      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, text);
    }

  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

static void
set_list_property (ParseContext    *ctx,
                   AtlasInitiative *initiative,
                   JsonObject      *object,
                   const char      *member,
                   const char      *child_member,
                   const char      *key)
{
  JsonArray *array = get_list_member (object, member);
  g_autofree char *field = child_member != NULL ? g_strconcat (member, ".", child_member, NULL)
                                                : g_strdup (member);
  g_autofree char *value = join_text_list (ctx, initiative, array, field, child_member);

  atlas_initiative_set_property (initiative, key, value);
}

static gboolean
parse_sdg_number (JsonNode *node,
                  guint    *number)
{
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value = json_node_get_int (node);
      break;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (d != (double) (gint64) d)
          return FALSE;
        value = (gint64) d;
      }
      break;

    case G_TYPE_STRING:
      {
        guint64 parsed;

        if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 1, ATLAS_N_SDGS,
                                         &parsed, NULL))
          return FALSE;
        value = (gint64) parsed;
      }
      break;

    default:
      return FALSE;
    }

  if (value < 1 || value > ATLAS_N_SDGS)
    return FALSE;

  *number = (guint) value;
  return TRUE;
}

static void
parse_sdgs (ParseContext    *ctx,
            AtlasInitiative *initiative,
            JsonObject      *object)
{
  JsonArray *array = get_list_member (object, "SDGs");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *number_node = NULL;
      guint number;

      if (JSON_NODE_HOLDS_OBJECT (element))
        number_node = get_member (json_node_get_object (element), "SDGNumber");

      if (parse_sdg_number (number_node, &number))
        initiative->sdgs |= 1u << (number - 1);
      else
        {
          g_autofree char *value = node_to_text (number_node != NULL ? number_node : element);
          g_autofree char *message =
            /* Translators: the first placeholder is a digital public good, the
             * second what the registry gave as the number of an SDG. */
            g_strdup_printf (_("“%s” names the SDG “%s”, which is not one of the 17 goals; it "
                               "was left out."),
                             initiative->title, value);

          add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, "SDGs.SDGNumber", value,
                       message);
        }
    }
}

/* TRUE when @url can be kept as a link; otherwise reports why not. */
static gboolean
check_web_address (ParseContext    *ctx,
                   AtlasInitiative *initiative,
                   const char      *field,
                   const char      *url,
                   const char      *organization)
{
  g_autofree char *message = NULL;

  if (strlen (url) > ATLAS_FEED_MAX_URL_LENGTH)
    /* Translators: the first placeholder is a digital public good, the second
     * a number of characters. */
    message = g_strdup_printf (_("An address given for “%s” is longer than %d characters and was "
                                 "left out."),
                               initiative->title, ATLAS_FEED_MAX_URL_LENGTH);
  else if (atlas_uri_is_web (url))
    return TRUE;
  else if (organization != NULL)
    /* Translators: the placeholders are an address, an organisation and a
     * digital public good. */
    message = g_strdup_printf (_("The website “%s” of the organisation “%s” of “%s” is not a web "
                                 "address and was left out."),
                               url, organization, initiative->title);
  else if (g_str_equal (field, "website"))
    /* Translators: the placeholders are an address and a digital public good. */
    message = g_strdup_printf (_("The website “%s” of “%s” is not a web address and was left out."),
                               url, initiative->title);
  else
    /* Translators: the placeholders are an address and a digital public good. */
    message = g_strdup_printf (_("The repository “%s” of “%s” is not a web address and was left "
                                 "out."),
                               url, initiative->title);

  add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, field, url, message);
  return FALSE;
}

static gboolean
has_link (AtlasInitiative *initiative,
          const char      *url)
{
  for (guint i = 0; i < initiative->links->len; i++)
    {
      const AtlasLink *link = g_ptr_array_index (initiative->links, i);

      if (g_str_equal (link->url, url))
        return TRUE;
    }

  return FALSE;
}

static void
parse_links (ParseContext    *ctx,
             AtlasInitiative *initiative,
             JsonObject      *object)
{
  g_autofree char *website = get_text_member (object, "website");
  JsonArray *repositories = get_list_member (object, "repositories");
  guint n = repositories != NULL ? json_array_get_length (repositories) : 0;

  if (website != NULL && check_web_address (ctx, initiative, "website", website, NULL))
    atlas_initiative_add_link (initiative, "Website", website);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (repositories, i);
      g_autofree char *name = NULL;
      g_autofree char *url = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *repository = json_node_get_object (element);
          const char *raw_url = node_get_text (get_member (repository, "url"));

          /* The registry writes "url": "" for "no repository". */
          if (raw_url != NULL && is_blank (raw_url))
            continue;

          name = get_text_member (repository, "name");
          url = get_text_member (repository, "url");
        }

      if (url == NULL)
        {
          g_autofree char *value = node_to_text (element);
          g_autofree char *message =
            /* Translators: the placeholder is a digital public good. */
            g_strdup_printf (_("A repository of “%s” has no address and was left out."),
                             initiative->title);

          add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, "repositories", value,
                       message);
          continue;
        }

      if (!check_web_address (ctx, initiative, "repositories.url", url, NULL) ||
          has_link (initiative, url))
        continue;

      atlas_initiative_add_link (initiative, name != NULL ? name : "Repository", url);
    }
}

static AtlasOrganization *
ensure_organization (ParseContext *ctx,
                     const char   *id,
                     const char   *name)
{
  AtlasOrganization *organization = g_hash_table_lookup (ctx->organizations, id);

  if (organization == NULL)
    {
      organization = atlas_organization_new ();
      organization->id = g_strdup (id);
      organization->name = g_strdup (name);
      organization->type = ATLAS_ORG_TYPE_UNKNOWN;
      g_ptr_array_add (ctx->page->organizations, organization);
      g_hash_table_insert (ctx->organizations, organization->id, organization);
    }

  return organization;
}

static gboolean
has_partner (AtlasInitiative *initiative,
             const char      *organization,
             AtlasRole        role)
{
  for (guint i = 0; i < initiative->partners->len; i++)
    {
      const AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);

      if (partner->role == role && g_str_equal (partner->organization, organization))
        return TRUE;
    }

  return FALSE;
}

static AtlasRole
parse_role (ParseContext    *ctx,
            AtlasInitiative *initiative,
            JsonObject      *object,
            const char      *organization)
{
  g_autofree char *org_type = get_text_member (object, "org_type");
  g_autofree char *message = NULL;

  if (org_type != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
        if (g_ascii_strcasecmp (org_type, roles[i].org_type) == 0)
          return roles[i].role;

      /* Translators: the placeholders are an organisation, a digital public
       * good and the role the registry gave the organisation. */
      message = g_strdup_printf (_("The organisation “%s” of “%s” has the role “%s”, which the "
                                   "registry does not define; it is listed as a partner."),
                                 organization, initiative->title, org_type);
    }
  else
    /* Translators: the placeholders are an organisation and a digital public good. */
    message = g_strdup_printf (_("The organisation “%s” of “%s” has no role; it is listed as a "
                                 "partner."),
                               organization, initiative->title);

  add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, "organizations.org_type",
               org_type, message);
  return ATLAS_ROLE_PARTNER;
}

static void
parse_organizations (ParseContext    *ctx,
                     AtlasInitiative *initiative,
                     JsonObject      *object)
{
  JsonArray *array = get_list_member (object, "organizations");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  const char *first_owner = NULL;
  const char *first_maintainer = NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *member;
      AtlasOrganization *organization;
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;
      g_autofree char *website = NULL;
      AtlasRole role;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          name = get_text_member (json_node_get_object (element), "name");
          if (name != NULL)
            id = make_organization_id (name);
        }

      if (id == NULL || *id == '\0')
        {
          g_autofree char *value = node_to_text (element);
          g_autofree char *message =
            /* Translators: the placeholder is a digital public good. */
            g_strdup_printf (_("An organisation of “%s” has no usable name and was left out."),
                             initiative->title);

          add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, "organizations", value,
                       message);
          continue;
        }

      member = json_node_get_object (element);
      organization = ensure_organization (ctx, id, name);

      website = get_text_member (member, "website");
      if (website != NULL &&
          check_web_address (ctx, initiative, "organizations.website", website, name) &&
          organization->website == NULL)
        organization->website = g_steal_pointer (&website);

      role = parse_role (ctx, initiative, member, name);
      if (has_partner (initiative, organization->id, role))
        continue;

      atlas_initiative_add_partner (initiative, organization->id, role);
      if (role == ATLAS_ROLE_OWNER && first_owner == NULL)
        first_owner = organization->id;
      if (role == ATLAS_ROLE_MAINTAINER && first_maintainer == NULL)
        first_maintainer = organization->id;
    }

  initiative->lead = g_strdup (first_owner != NULL ? first_owner : first_maintainer);
}

/* Resolves a list of free-text country names to alpha-2 codes, in order and
 * without repeats; every name that designates no country is reported. */
static GPtrArray *
resolve_countries (ParseContext    *ctx,
                   AtlasInitiative *initiative,
                   JsonObject      *locations,
                   const char      *member)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *field = g_strconcat ("locations.", member, NULL);
  JsonNode *node = get_member (locations, member);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return g_steal_pointer (&codes);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *value = node_to_text (node);
      g_autofree char *message =
        /* Translators: the first placeholder is a field of the registry
         * (e.g. “locations.deploymentCountries”), the second a digital public good. */
        g_strdup_printf (_("The “%s” of “%s” is not a list of countries and was left out."),
                         field, initiative->title);

      add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, field, value, message);
      return g_steal_pointer (&codes);
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = node_get_text (element);
      g_autofree char *message = NULL;
      g_autofree char *value = NULL;
      int index;

      if (name != NULL && (index = atlas_vocab_find_country_by_name (ctx->vocab, name)) >= 0)
        {
          const char *alpha2 = atlas_vocab_get_country (ctx->vocab, (guint) index)->alpha2;

          if (!g_ptr_array_find_with_equal_func (codes, alpha2, g_str_equal, NULL))
            g_ptr_array_add (codes, g_strdup (alpha2));
          continue;
        }

      if (name == NULL)
        {
          value = node_to_text (element);
          /* Translators: the placeholder is a digital public good. */
          message = g_strdup_printf (_("A country of “%s” is not a name and was left out."),
                                     initiative->title);
        }
      else
        {
          value = g_strdup (name);
          if (is_blank (name))
            /* Translators: the placeholder is a digital public good. */
            message = g_strdup_printf (_("“%s” lists a country with an empty name, which was left "
                                         "out."),
                                       initiative->title);
          else
            /* Translators: the first placeholder is a country name as the
             * registry wrote it, the second a digital public good. */
            message = g_strdup_printf (_("The country “%s” of “%s” matches no known country and "
                                         "was left out."),
                                       name, initiative->title);
        }

      add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, field, value, message);
    }

  return g_steal_pointer (&codes);
}

static void
parse_locations (ParseContext    *ctx,
                 AtlasInitiative *initiative,
                 JsonObject      *object)
{
  JsonNode *node = get_member (object, "locations");
  JsonObject *locations;
  g_autoptr(GPtrArray) deployed = NULL;
  g_autoptr(GPtrArray) developed = NULL;

  /* The list endpoint has no locations. */
  if (node == NULL)
    return;

  locations = json_node_get_object (node);
  deployed = resolve_countries (ctx, initiative, locations, "deploymentCountries");
  developed = resolve_countries (ctx, initiative, locations, "developmentCountries");

  for (guint i = 0; i < deployed->len; i++)
    g_ptr_array_add (initiative->countries, g_strdup (g_ptr_array_index (deployed, i)));

  if (developed->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (developed, NULL);
      joined = g_strjoinv (", ", (char **) developed->pdata);
      atlas_initiative_set_property (initiative, "developed_in", joined);
    }
}

static void
skip_record (ParseContext *ctx,
             const char   *record_id,
             const char   *message)
{
  add_problem (ctx, ATLAS_PROBLEM_SKIPPED_RECORD, record_id, NULL, NULL, message);
}

/* Reads one good; NULL (after a problem) when it breaks the contract. */
static AtlasInitiative *
parse_good (ParseContext *ctx,
            JsonNode     *node,
            guint         position)
{
  g_autoptr(AtlasInitiative) initiative = NULL;
  JsonObject *object;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *message = NULL;
  const char *label;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: the placeholder is a position in the registry's list (1, 2, …). */
      message = g_strdup_printf (_("Entry %u of the registry is not a digital public good and was "
                                   "left out."),
                                 position + 1);
      skip_record (ctx, NULL, message);
      return NULL;
    }

  object = json_node_get_object (node);
  id = get_text_member (object, "id");
  name = get_text_member (object, "name");
  label = name != NULL ? name : id;

  if (label == NULL)
    {
      /* Translators: the placeholder is a position in the registry's list (1, 2, …). */
      message = g_strdup_printf (_("Entry %u of the registry has neither an id nor a name and was "
                                   "left out."),
                                 position + 1);
      skip_record (ctx, NULL, message);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (member_types); i++)
    {
      if (!check_member_types (object, member_types[i].member, member_types[i].expect))
        {
          message = wrong_type_message (label, member_types[i].member, member_types[i].expect);
          skip_record (ctx, id, message);
          return NULL;
        }
    }

  if (id == NULL)
    {
      /* Translators: the placeholder is the name of a digital public good. */
      message = g_strdup_printf (_("The digital public good “%s” has no id and was left out."),
                                 name);
      skip_record (ctx, NULL, message);
      return NULL;
    }

  if (name == NULL)
    {
      /* Translators: the placeholder is the id of a digital public good. */
      message = g_strdup_printf (_("The digital public good “%s” has no name and was left out."),
                                 id);
      skip_record (ctx, id, message);
      return NULL;
    }

  if (strlen (id) > ATLAS_FEED_MAX_ID_LENGTH || strlen (name) > ATLAS_FEED_MAX_TITLE_LENGTH)
    {
      /* Translators: the placeholder is the name of a digital public good. */
      message = g_strdup_printf (_("The digital public good “%s” was left out: its id or name is "
                                   "too long."),
                                 name);
      skip_record (ctx, NULL, message);
      return NULL;
    }

  if (g_hash_table_contains (ctx->initiatives, id))
    {
      /* Translators: the placeholder is the name of a digital public good. */
      message = g_strdup_printf (_("The digital public good “%s” appears more than once; only its "
                                   "first entry was kept."),
                                 name);
      skip_record (ctx, id, message);
      return NULL;
    }
  g_hash_table_add (ctx->initiatives, g_strdup (id));

  initiative = atlas_initiative_new ();
  initiative->id = g_steal_pointer (&id);
  initiative->title = g_steal_pointer (&name);

  description = get_text_member (object, "description");
  if (description != NULL && g_utf8_strlen (description, -1) > ATLAS_FEED_MAX_TEXT_LENGTH)
    {
      char *shortened = shorten_at_word (description, ATLAS_FEED_MAX_TEXT_LENGTH);

      /* Translators: the first placeholder is a digital public good, the
       * second a number of characters. */
      message = g_strdup_printf (_("The description of “%s” is longer than %d characters and was "
                                   "shortened."),
                                 initiative->title, ATLAS_FEED_MAX_TEXT_LENGTH);
      add_problem (ctx, ATLAS_PROBLEM_UNKNOWN_VALUE, initiative->id, "description", NULL, message);
      g_free (description);
      description = shortened;
    }
  if (description != NULL)
    {
      initiative->summary = make_summary (description);
      initiative->description = g_steal_pointer (&description);
    }

  parse_sdgs (ctx, initiative, object);
  parse_organizations (ctx, initiative, object);
  parse_locations (ctx, initiative, object);
  parse_links (ctx, initiative, object);

  stage = get_text_member (object, "stage");
  atlas_initiative_set_property (initiative, "stage", stage);
  set_list_property (ctx, initiative, object, "type", NULL, "type");
  set_list_property (ctx, initiative, object, "sectors", NULL, "sectors");
  set_list_property (ctx, initiative, object, "license", "spdx", "license");
  set_list_property (ctx, initiative, object, "aliases", NULL, "aliases");

  return g_steal_pointer (&initiative);
}

/**
 * atlas_dpga_parse_list:
 * @root: the document of the registry's list endpoint (/dpgs)
 * @error: return location for an error
 *
 * Returns: (transfer full): a complete page of every good the list holds,
 *   or %NULL when the document is not a list
 */
AtlasFeedPage *
atlas_dpga_parse_list (JsonNode  *root,
                       GError   **error)
{
  ParseContext ctx = { 0 };
  JsonArray *array;
  guint n;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                           _("The Digital Public Goods registry sent something other than its "
                             "list of goods."));
      return NULL;
    }

  parse_context_init (&ctx, ATLAS_FEED_FORMAT_DPGA_LIST);
  ctx.page->complete = TRUE;

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      AtlasInitiative *initiative = parse_good (&ctx, json_array_get_element (array, i), i);

      if (initiative != NULL)
        g_ptr_array_add (ctx.page->initiatives, initiative);
    }

  return parse_context_finish (&ctx);
}

/**
 * atlas_dpga_parse_good:
 * @root: the document of one good (/dpg/<id>/)
 * @error: return location for an error
 *
 * Returns: (transfer full): a page with the good (none when it had to be
 *   left out, with a problem saying why), or %NULL when the document is
 *   not a single good
 */
AtlasFeedPage *
atlas_dpga_parse_good (JsonNode  *root,
                       GError   **error)
{
  ParseContext ctx = { 0 };
  AtlasInitiative *initiative;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                           _("The Digital Public Goods registry sent something other than the "
                             "record of one good."));
      return NULL;
    }

  parse_context_init (&ctx, ATLAS_FEED_FORMAT_DPGA_GOOD);
  ctx.page->complete = FALSE;

  initiative = parse_good (&ctx, root, 0);
  if (initiative != NULL)
    g_ptr_array_add (ctx.page->initiatives, initiative);

  return parse_context_finish (&ctx);
}

/**
 * atlas_dpga_good_url:
 * @list_url: the address of the registry's list, e.g. https://host/dpgs
 * @good_id: the id of a good
 *
 * The good's own document lives next to the list: the last part of the
 * list's path ("dpgs", "dpgs/" or "dpgs/index.json") becomes "dpg/<id>/",
 * with the id percent-encoded; query and fragment are dropped.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when @list_url
 *   is not an absolute address
 */
char *
atlas_dpga_good_url (const char *list_url,
                     const char *good_id)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) good = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  g_autofree char *trimmed = NULL;
  const char *slash;

  g_return_val_if_fail (list_url != NULL, NULL);
  g_return_val_if_fail (good_id != NULL && *good_id != '\0', NULL);

  uri = g_uri_parse (list_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  /* "/api/dpgs/index.json" and "/api/dpgs/" -> "/api/dpgs" -> "/api/" */
  trimmed = g_strdup (g_uri_get_path (uri));
  if (g_str_has_suffix (trimmed, "/index.json"))
    trimmed[strlen (trimmed) - strlen ("index.json")] = '\0';
  while (*trimmed != '\0' && trimmed[strlen (trimmed) - 1] == '/')
    trimmed[strlen (trimmed) - 1] = '\0';

  slash = strrchr (trimmed, '/');
  directory = slash != NULL ? g_strndup (trimmed, slash - trimmed + 1) : g_strdup ("/");

  escaped = g_uri_escape_string (good_id, NULL, FALSE);
  path = g_strconcat (directory, "dpg/", escaped, "/", NULL);

  good = g_uri_build (G_URI_FLAGS_ENCODED,
                      g_uri_get_scheme (uri),
                      g_uri_get_userinfo (uri),
                      g_uri_get_host (uri),
                      g_uri_get_port (uri),
                      path,
                      NULL,
                      NULL);

  return g_uri_to_string (good);
}
