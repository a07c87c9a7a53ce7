/* atlas-portal-feed.c
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

#define G_LOG_DOMAIN "atlas-portal-feed"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-enums.h"
#include "atlas-initiative.h"
#include "atlas-portal-feed.h"
#include "atlas-vocab.h"

/* The rules implemented here are the ones data/feed/README.md documents:
 * a member of the wrong JSON type or over a size limit skips its record, a
 * value of the right type that is not in its vocabulary (or not a valid
 * date, address, coordinate…) is dropped from a record that is kept.  Both
 * are reported in page->problems. */

#define FORMAT_NAME "digital-cooperation-feed"
#define FORMAT_VERSION 1

/* How much of an offending value a problem quotes. */
#define PROBLEM_VALUE_MAX_CHARS 200

/* Property keys and values (our "properties" extension). */
#define MAX_PROPERTY_KEY_LENGTH   ATLAS_FEED_MAX_ID_LENGTH
#define MAX_PROPERTY_VALUE_LENGTH ATLAS_FEED_MAX_SUMMARY_LENGTH

typedef enum
{
  RECORD_INITIATIVE,
  RECORD_ORGANIZATION,
} RecordKind;

typedef struct
{
  AtlasFeedPage *page;
  AtlasVocab    *vocab;

  /* The record being read, for problems. */
  RecordKind     kind;
  const char    *id;
  guint          position;
} Reader;

typedef struct
{
  const char *str;
  gsize       len;
} Text;

typedef enum
{
  NUMBER_ABSENT,
  NUMBER_OK,
  NUMBER_WRONG_TYPE,
} NumberResult;

/* Helpers on JSON nodes */

static inline gboolean
node_is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL;
}

static inline gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == type;
}

static inline gboolean
node_is_number (JsonNode *node)
{
  return node_is_type (node, G_TYPE_INT64) || node_is_type (node, G_TYPE_DOUBLE);
}

static double
node_get_number (JsonNode *node)
{
  g_assert (node_is_number (node));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);

  return json_node_get_double (node);
}

/* An integer, written as one (3) or as a number with no fraction (3.0). */
static gboolean
number_get_integer (JsonNode *node,
                    gint64   *value)
{
  double d;

  g_assert (node_is_number (node));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  d = json_node_get_double (node);
  if (!isfinite (d) || d != floor (d) || fabs (d) > 1e15)
    return FALSE;

  *value = (gint64) d;
  return TRUE;
}

static char *
number_to_string (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (node)));
}

/* Helpers on strings */

static gboolean
text_is_longer_than (const char *str,
                     gsize       len,
                     guint       max_chars)
{
  /* A character takes at least one byte: count them only when needed. */
  if (len <= max_chars)
    return FALSE;

  return g_utf8_strlen (str, (gssize) len) > (glong) max_chars;
}

static char *
copy_text (const char *str,
           gsize       len)
{
  /* json-glib checks that the document is UTF-8, but lets a lone UTF-16
   * surrogate escape ("\ud800") through as the bytes ED A0–BF xx, which are
   * not; make_valid() turns them into U+FFFD.  Only a string with an ED byte
   * can hold one, and memchr() is much cheaper than validating. */
  if (G_UNLIKELY (memchr (str, 0xED, len) != NULL) && !g_utf8_validate_len (str, len, NULL))
    return g_utf8_make_valid (str, (gssize) len);

  return g_strndup (str, len);
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A copy without leading and trailing white space, or NULL when nothing
 * is left. */
static char *
copy_trimmed (const char *str,
              gsize       len)
{
  const char *end = str + len;

  while (str < end && is_space (*str))
    str++;
  while (end > str && is_space (end[-1]))
    end--;

  if (str == end)
    return NULL;

  return copy_text (str, (gsize) (end - str));
}

static gboolean
text_is_blank (const Text *text)
{
  for (gsize i = 0; i < text->len; i++)
    if (!is_space (text->str[i]))
      return FALSE;

  return TRUE;
}

/* The value as a problem quotes it: at most PROBLEM_VALUE_MAX_CHARS
 * characters, valid UTF-8. */
static char *
quote_value (const char *str)
{
  const char *end;

  if (str == NULL)
    return NULL;

  if (!g_utf8_validate (str, -1, &end))
    return g_utf8_make_valid (str, end - str);

  if (g_utf8_strlen (str, -1) <= PROBLEM_VALUE_MAX_CHARS)
    return g_strdup (str);

  end = g_utf8_offset_to_pointer (str, PROBLEM_VALUE_MAX_CHARS);
  return g_strdup_printf ("%.*s…", (int) (end - str), str);
}

static gboolean
parse_digits (const char *str,
              guint       n_digits,
              guint       min,
              guint       max,
              guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      v = v * 10 + (guint) (str[i] - '0');
    }

  if (v < min || v > max)
    return FALSE;

  if (value != NULL)
    *value = v;

  return TRUE;
}

/* RFC 3339 date-time: 2026-05-01T12:30:00Z, 2026-05-01T12:30:00.25+02:00. */
static gboolean
is_rfc3339 (const char *str,
            gsize       len)
{
  guint year, month, day;
  const char *p;

  if (len < 20)
    return FALSE;

  if (!parse_digits (str, 4, 0, 9999, &year) || str[4] != '-' ||
      !parse_digits (str + 5, 2, 1, 12, &month) || str[7] != '-' ||
      !parse_digits (str + 8, 2, 1, 31, &day) ||
      (str[10] != 'T' && str[10] != 't') ||
      !parse_digits (str + 11, 2, 0, 23, NULL) || str[13] != ':' ||
      !parse_digits (str + 14, 2, 0, 59, NULL) || str[16] != ':' ||
      !parse_digits (str + 17, 2, 0, 60, NULL))
    return FALSE;

  if (day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) MAX (year, 1)))
    return FALSE;

  p = str + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'Z' || *p == 'z')
    return p + 1 == str + len;

  if (*p != '+' && *p != '-')
    return FALSE;

  return p + 6 == str + len &&
         parse_digits (p + 1, 2, 0, 23, NULL) && p[3] == ':' &&
         parse_digits (p + 4, 2, 0, 59, NULL);
}

/* Problems */

static void
add_problem (Reader           *reader,
             AtlasProblemKind  kind,
             const char       *field,
             const char       *value,
             const char       *message)
{
  g_autofree char *quoted = quote_value (value);

  atlas_feed_page_add_problem (reader->page, kind, reader->id, field, quoted, message);
}

/* Each of the skip_* functions reports why the record is left out and
 * returns FALSE, so that readers can "return skip_…". */

static gboolean
skip_wrong_type (Reader     *reader,
                 const char *field)
{
  g_autofree char *message = NULL;

  g_assert (reader->id != NULL);

  if (reader->kind == RECORD_INITIATIVE)
    message = g_strdup_printf (_("The initiative “%s” was left out: its field “%s” does not "
                                 "have the type the feed format requires."),
                               reader->id, field);
  else
    message = g_strdup_printf (_("The organization “%s” was left out: its field “%s” does not "
                                 "have the type the feed format requires."),
                               reader->id, field);

  add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, field, NULL, message);
  return FALSE;
}

static gboolean
skip_too_long (Reader     *reader,
               const char *field,
               guint       max_chars)
{
  g_autofree char *message = NULL;

  g_assert (reader->id != NULL);

  if (reader->kind == RECORD_INITIATIVE)
    message = g_strdup_printf (_("The initiative “%s” was left out: its field “%s” is longer "
                                 "than the limit of %u characters."),
                               reader->id, field, max_chars);
  else
    message = g_strdup_printf (_("The organization “%s” was left out: its field “%s” is longer "
                                 "than the limit of %u characters."),
                               reader->id, field, max_chars);

  add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, field, NULL, message);
  return FALSE;
}

static gboolean
skip_too_many (Reader     *reader,
               const char *field,
               guint       max_items)
{
  g_autofree char *message = NULL;

  g_assert (reader->id != NULL);

  message = g_strdup_printf (_("The initiative “%s” was left out: its list “%s” has more than "
                               "the limit of %u items."),
                             reader->id, field, max_items);
  add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, field, NULL, message);
  return FALSE;
}

/* Reading members.  Each returns FALSE when the record is to be skipped
 * (the problem is already reported). */

/* An optional string; text->str is NULL when the member is missing or null. */
static gboolean
read_string (Reader     *reader,
             JsonObject *object,
             const char *member,
             const char *field,
             guint       max_chars,
             Text       *text)
{
  JsonNode *node = json_object_get_member (object, member);

  text->str = NULL;
  text->len = 0;

  if (node_is_absent (node))
    return TRUE;

  if (!node_is_type (node, G_TYPE_STRING))
    return skip_wrong_type (reader, field);

  text->str = json_node_get_string (node);
  text->len = strlen (text->str);

  if (max_chars > 0 && text_is_longer_than (text->str, text->len, max_chars))
    return skip_too_long (reader, field, max_chars);

  return TRUE;
}

/* An optional coded value (a status, a date…): an empty string counts as
 * not given. */
static gboolean
read_code (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           const char  *field,
           const char **code)
{
  Text text;

  if (!read_string (reader, object, member, field, 0, &text))
    return FALSE;

  *code = text.len > 0 ? text.str : NULL;
  return TRUE;
}

/* Plain text kept exactly as given. */
static gboolean
read_text (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           guint        max_chars,
           char       **out)
{
  Text text;

  if (!read_string (reader, object, member, member, max_chars, &text))
    return FALSE;

  if (text.str != NULL)
    *out = copy_text (text.str, text.len);

  return TRUE;
}

/* A reference to another record (an organisation id): trimmed. */
static gboolean
read_reference (Reader      *reader,
                JsonObject  *object,
                const char  *member,
                const char  *field,
                char       **out)
{
  Text text;

  *out = NULL;

  if (!read_string (reader, object, member, field, ATLAS_FEED_MAX_ID_LENGTH, &text))
    return FALSE;

  if (text.str != NULL)
    *out = copy_trimmed (text.str, text.len);

  return TRUE;
}

static gboolean
read_array (Reader      *reader,
            JsonObject  *object,
            const char  *member,
            JsonArray  **array)
{
  JsonNode *node = json_object_get_member (object, member);

  *array = NULL;

  if (node_is_absent (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return skip_wrong_type (reader, member);

  *array = json_node_get_array (node);

  if (json_array_get_length (*array) > ATLAS_FEED_MAX_LIST_LENGTH)
    return skip_too_many (reader, member, ATLAS_FEED_MAX_LIST_LENGTH);

  return TRUE;
}

static NumberResult
read_number (JsonObject *object,
             const char *member,
             JsonNode  **number)
{
  JsonNode *node = json_object_get_member (object, member);

  *number = NULL;

  if (node_is_absent (node))
    return NUMBER_ABSENT;

  if (!node_is_number (node))
    return NUMBER_WRONG_TYPE;

  *number = node;
  return NUMBER_OK;
}

/* The record's own id: required, trimmed, at most ATLAS_FEED_MAX_ID_LENGTH
 * characters.  Problems name the record by its position on the page. */
static gboolean
read_record_id (Reader      *reader,
                JsonObject  *object,
                char       **id)
{
  JsonNode *node = json_object_get_member (object, "id");
  g_autofree char *message = NULL;
  g_autofree char *trimmed = NULL;
  const char *str = NULL;

  if (!node_is_absent (node))
    {
      if (!node_is_type (node, G_TYPE_STRING))
        {
          if (reader->kind == RECORD_INITIATIVE)
            message = g_strdup_printf (_("Initiative number %u on this page was left out: its "
                                         "id is not text."),
                                       reader->position);
          else
            message = g_strdup_printf (_("Organization number %u on this page was left out: "
                                         "its id is not text."),
                                       reader->position);
          add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "id", NULL, message);
          return FALSE;
        }

      str = json_node_get_string (node);
      trimmed = copy_trimmed (str, strlen (str));
    }

  if (trimmed == NULL)
    {
      if (reader->kind == RECORD_INITIATIVE)
        message = g_strdup_printf (_("Initiative number %u on this page has no id and was "
                                     "left out."),
                                   reader->position);
      else
        message = g_strdup_printf (_("Organization number %u on this page has no id and was "
                                     "left out."),
                                   reader->position);
      add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "id", NULL, message);
      return FALSE;
    }

  if (text_is_longer_than (trimmed, strlen (trimmed), ATLAS_FEED_MAX_ID_LENGTH))
    {
      if (reader->kind == RECORD_INITIATIVE)
        message = g_strdup_printf (_("Initiative number %u on this page was left out: its "
                                     "id is longer than the limit of %u characters."),
                                   reader->position, ATLAS_FEED_MAX_ID_LENGTH);
      else
        message = g_strdup_printf (_("Organization number %u on this page was left out: its "
                                     "id is longer than the limit of %u characters."),
                                   reader->position, ATLAS_FEED_MAX_ID_LENGTH);
      add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "id", trimmed, message);
      return FALSE;
    }

  *id = g_steal_pointer (&trimmed);
  return TRUE;
}

/* Organisations */

static gboolean
read_country_code (Reader      *reader,
                   const char  *code,
                   int         *index)
{
  *index = atlas_vocab_find_country (reader->vocab, code);

  return *index >= 0;
}

static AtlasOrganization *
read_organization (Reader   *reader,
                   JsonNode *node)
{
  g_autoptr(AtlasOrganization) organization = NULL;
  g_autofree char *message = NULL;
  JsonObject *object;
  const char *code;
  Text text;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      message = g_strdup_printf (_("Item number %u of the organizations on this page is not "
                                   "an object and was left out."),
                                 reader->position);
      add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, NULL, NULL, message);
      return NULL;
    }

  object = json_node_get_object (node);
  organization = atlas_organization_new ();

  if (!read_record_id (reader, object, &organization->id))
    return NULL;
  reader->id = organization->id;

  if (!read_string (reader, object, "name", "name", ATLAS_FEED_MAX_TITLE_LENGTH, &text))
    return NULL;
  if (text.str == NULL || text_is_blank (&text))
    {
      message = g_strdup_printf (_("The organization “%s” has no name and was left out."),
                                 reader->id);
      add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "name", NULL, message);
      return NULL;
    }
  organization->name = copy_text (text.str, text.len);

  if (!read_code (reader, object, "type", "type", &code))
    return NULL;
  if (code != NULL)
    {
      organization->type = atlas_org_type_from_string (code);
      if (organization->type == ATLAS_ORG_TYPE_UNKNOWN)
        {
          message = g_strdup_printf (_("The type “%s” of organization “%s” is not one of the "
                                       "organization types of the feed format and was left "
                                       "out."),
                                     code, reader->id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "type", code, message);
          g_clear_pointer (&message, g_free);
        }
    }

  if (!read_code (reader, object, "country", "country", &code))
    return NULL;
  if (code != NULL)
    {
      int index;

      if (read_country_code (reader, code, &index))
        organization->country =
          g_strdup (atlas_vocab_get_country (reader->vocab, (guint) index)->alpha2);
      else
        {
          message = g_strdup_printf (_("The country code “%s” of organization “%s” is not an "
                                       "ISO 3166-1 alpha-2 code and was left out."),
                                     code, reader->id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "country", code, message);
          g_clear_pointer (&message, g_free);
        }
    }

  if (!read_string (reader, object, "website", "website", ATLAS_FEED_MAX_URL_LENGTH, &text))
    return NULL;
  if (text.len > 0)
    {
      if (atlas_uri_is_web (text.str))
        organization->website = copy_text (text.str, text.len);
      else
        {
          message = g_strdup_printf (_("The website “%s” of organization “%s” is not an http "
                                       "or https address and was left out."),
                                     text.str, reader->id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "website", text.str, message);
        }
    }

  return g_steal_pointer (&organization);
}

/* Initiatives */

typedef enum
{
  UNKNOWN_STATUS,
  UNKNOWN_SCOPE,
  UNKNOWN_START_DATE,
  UNKNOWN_END_DATE,
  UNKNOWN_GDC_OBJECTIVE,
  UNKNOWN_WSIS_LINE,
  UNKNOWN_SDG,
  UNKNOWN_PRIORITY,
} UnknownValue;

static char *
format_unknown_value (UnknownValue  which,
                      const char   *value,
                      const char   *id)
{
  switch (which)
    {
    case UNKNOWN_STATUS:
      return g_strdup_printf (_("The status “%s” of initiative “%s” is not one of planned, "
                                "ongoing, completed or archived and was left out."),
                              value, id);
    case UNKNOWN_SCOPE:
      return g_strdup_printf (_("The scope “%s” of initiative “%s” is not one of global, "
                                "regional, national or local and was left out."),
                              value, id);
    case UNKNOWN_START_DATE:
      return g_strdup_printf (_("The start date “%s” of initiative “%s” is not of the form "
                                "YYYY, YYYY-MM or YYYY-MM-DD and was left out."),
                              value, id);
    case UNKNOWN_END_DATE:
      return g_strdup_printf (_("The end date “%s” of initiative “%s” is not of the form "
                                "YYYY, YYYY-MM or YYYY-MM-DD and was left out."),
                              value, id);
    case UNKNOWN_GDC_OBJECTIVE:
      return g_strdup_printf (_("The GDC objective “%s” of initiative “%s” is not one of the 5 "
                                "objectives and was left out."),
                              value, id);
    case UNKNOWN_WSIS_LINE:
      return g_strdup_printf (_("The WSIS Action Line “%s” of initiative “%s” is not one of "
                                "the lines C1 to C11 or the e-lines of C7 and was left out."),
                              value, id);
    case UNKNOWN_SDG:
      return g_strdup_printf (_("The SDG “%s” of initiative “%s” is not one of the 17 goals "
                                "and was left out."),
                              value, id);
    case UNKNOWN_PRIORITY:
      return g_strdup_printf (_("The digital priority “%s” of initiative “%s” is not one of "
                                "the four priorities of the feed format and was left out."),
                              value, id);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_enum (Reader        *reader,
           JsonObject    *object,
           const char    *member,
           int          (*from_string) (const char *),
           UnknownValue   which,
           int           *value)
{
  const char *code;

  if (!read_code (reader, object, member, member, &code))
    return FALSE;

  if (code != NULL)
    {
      *value = from_string (code);
      if (*value <= 0)
        {
          g_autofree char *message = format_unknown_value (which, code, reader->id);

          *value = 0;
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, member, code, message);
        }
    }

  return TRUE;
}

static int
status_from_string (const char *str)
{
  return (int) atlas_status_from_string (str);
}

static int
scope_from_string (const char *str)
{
  return (int) atlas_scope_from_string (str);
}

static gboolean
read_date (Reader        *reader,
           JsonObject    *object,
           const char    *member,
           UnknownValue   which,
           char         **out)
{
  const char *code;

  if (!read_code (reader, object, member, member, &code))
    return FALSE;

  if (code == NULL)
    return TRUE;

  if (atlas_date_is_valid (code))
    *out = g_strdup (code);
  else
    {
      g_autofree char *message = format_unknown_value (which, code, reader->id);

      add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, member, code, message);
    }

  return TRUE;
}

static gboolean
read_partners (Reader          *reader,
               JsonObject      *object,
               AtlasInitiative *initiative)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, object, "partners", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *partner;
      g_autofree char *organization = NULL;
      const char *role_code;
      AtlasRole role = ATLAS_ROLE_UNKNOWN;
      gboolean duplicate = FALSE;

      if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
        return skip_wrong_type (reader, "partners");

      partner = json_node_get_object (node);

      if (!read_reference (reader, partner, "organization", "partners.organization",
                           &organization) ||
          !read_code (reader, partner, "role", "partners.role", &role_code))
        return FALSE;

      if (organization == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("A partner of initiative “%s” names no organization and was "
                               "left out."),
                             reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "partners.organization", NULL, message);
          continue;
        }

      if (role_code != NULL)
        {
          role = atlas_role_from_string (role_code);
          if (role == ATLAS_ROLE_UNKNOWN)
            {
              g_autofree char *message =
                g_strdup_printf (_("The role “%s” of the partner “%s” in initiative “%s” is "
                                   "not one of lead, implementer, funder, partner, owner or "
                                   "maintainer and was left out."),
                                 role_code, organization, reader->id);

              add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "partners.role", role_code,
                           message);
            }
        }

      for (guint j = 0; j < initiative->partners->len && !duplicate; j++)
        {
          const AtlasPartner *other = g_ptr_array_index (initiative->partners, j);

          duplicate = other->role == role && strcmp (other->organization, organization) == 0;
        }

      if (!duplicate)
        atlas_initiative_add_partner (initiative, organization, role);
    }

  return TRUE;
}

static gboolean
read_countries (Reader          *reader,
                JsonObject      *object,
                AtlasInitiative *initiative)
{
  guint64 seen[(1024 + 63) / 64] = { 0 };
  JsonArray *array;
  guint n;

  g_assert (atlas_vocab_get_n_countries (reader->vocab) <= 1024);

  if (!read_array (reader, object, "countries", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *code;
      int index;

      if (!node_is_type (node, G_TYPE_STRING))
        return skip_wrong_type (reader, "countries");

      code = json_node_get_string (node);
      if (!read_country_code (reader, code, &index))
        {
          g_autofree char *message =
            g_strdup_printf (_("The country code “%s” of initiative “%s” is not an ISO 3166-1 "
                               "alpha-2 code and was left out."),
                             code, reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "countries", code, message);
          continue;
        }

      if (seen[index / 64] & (G_GUINT64_CONSTANT (1) << (index % 64)))
        continue;
      seen[index / 64] |= G_GUINT64_CONSTANT (1) << (index % 64);

      g_ptr_array_add (initiative->countries,
                       g_strdup (atlas_vocab_get_country (reader->vocab, (guint) index)->alpha2));
    }

  return TRUE;
}

/* A code of a numeric vocabulary (a region, a goal): a JSON integer, or a
 * string of decimal digits ("002").  Returns FALSE for a wrong JSON type;
 * *valid is FALSE (and *text the value as text) for anything else that is
 * not a non-negative integer. */
static gboolean
read_numeric_code (JsonNode  *node,
                   gint64    *value,
                   gboolean  *valid,
                   char     **text)
{
  *valid = FALSE;
  *text = NULL;

  if (node_is_number (node))
    {
      *valid = number_get_integer (node, value) && *value >= 0;
      if (!*valid)
        *text = number_to_string (node);
      return TRUE;
    }

  if (node_is_type (node, G_TYPE_STRING))
    {
      const char *str = json_node_get_string (node);
      gsize len = strlen (str);
      guint64 v = 0;

      if (len > 0 && len <= 9)
        {
          *valid = TRUE;
          for (gsize i = 0; i < len && *valid; i++)
            {
              if (!g_ascii_isdigit (str[i]))
                *valid = FALSE;
              v = v * 10 + (guint64) (str[i] - '0');
            }
        }

      if (*valid)
        *value = (gint64) v;
      else
        *text = g_strdup (str);

      return TRUE;
    }

  return FALSE;
}

static gboolean
read_regions (Reader          *reader,
              JsonObject      *object,
              AtlasInitiative *initiative)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, object, "regions", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;
      gboolean valid;
      gint64 value = 0;
      guint16 code;
      gboolean duplicate = FALSE;

      if (!read_numeric_code (json_array_get_element (array, i), &value, &valid, &text))
        return skip_wrong_type (reader, "regions");

      if (!valid || value > G_MAXUINT16 ||
          atlas_vocab_find_region (reader->vocab, (guint16) value) < 0)
        {
          g_autofree char *message = NULL;

          if (text == NULL)
            text = g_strdup_printf ("%03" G_GINT64_FORMAT, value);
          message = g_strdup_printf (_("The region “%s” of initiative “%s” is not a UN M49 "
                                       "region code and was left out."),
                                     text, reader->id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "regions", text, message);
          continue;
        }

      code = (guint16) value;
      for (guint j = 0; j < initiative->regions->len && !duplicate; j++)
        duplicate = g_array_index (initiative->regions, guint16, j) == code;

      if (!duplicate)
        g_array_append_val (initiative->regions, code);
    }

  return TRUE;
}

/* GDC objectives and SDGs: numbers 1..@max into a bit set. */
static gboolean
read_goals (Reader        *reader,
            JsonObject    *object,
            const char    *member,
            guint          max,
            UnknownValue   which,
            guint32       *bits)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, object, member, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;
      gboolean valid;
      gint64 value = 0;

      if (!read_numeric_code (json_array_get_element (array, i), &value, &valid, &text))
        return skip_wrong_type (reader, member);

      if (!valid || value < 1 || value > (gint64) max)
        {
          g_autofree char *message = NULL;

          if (text == NULL)
            text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
          message = format_unknown_value (which, text, reader->id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, member, text, message);
          continue;
        }

      *bits |= 1u << (value - 1);
    }

  return TRUE;
}

/* WSIS Action Lines and priorities: strings into a bit set. */
static gboolean
read_terms (Reader        *reader,
            JsonObject    *object,
            const char    *member,
            int          (*from_string) (const char *),
            UnknownValue   which,
            guint32       *bits)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, object, member, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *code;
      int bit;

      if (!node_is_type (node, G_TYPE_STRING))
        return skip_wrong_type (reader, member);

      code = json_node_get_string (node);
      bit = from_string (code);
      if (bit < 0)
        {
          g_autofree char *message = format_unknown_value (which, code, reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, member, code, message);
          continue;
        }

      *bits |= 1u << bit;
    }

  return TRUE;
}

static gboolean
read_location (Reader          *reader,
               JsonObject      *object,
               AtlasInitiative *initiative)
{
  JsonNode *node = json_object_get_member (object, "location");
  JsonObject *location;
  JsonNode *lat_node, *lon_node;
  NumberResult lat_result, lon_result;
  g_autofree char *message = NULL;
  g_autofree char *value = NULL;
  double lat, lon;

  if (node_is_absent (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return skip_wrong_type (reader, "location");

  location = json_node_get_object (node);
  lat_result = read_number (location, "lat", &lat_node);
  if (lat_result == NUMBER_WRONG_TYPE)
    return skip_wrong_type (reader, "location.lat");

  lon_result = read_number (location, "lon", &lon_node);
  if (lon_result == NUMBER_WRONG_TYPE)
    return skip_wrong_type (reader, "location.lon");

  if (lat_result == NUMBER_ABSENT && lon_result == NUMBER_ABSENT)
    return TRUE;

  if (lat_result == NUMBER_ABSENT || lon_result == NUMBER_ABSENT)
    {
      message = g_strdup_printf (_("The location of initiative “%s” was left out: it needs "
                                   "both a latitude and a longitude."),
                                 reader->id);
      add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "location", NULL, message);
      return TRUE;
    }

  lat = node_get_number (lat_node);
  lon = node_get_number (lon_node);

  if (!(lat >= -90.0 && lat <= 90.0) || !(lon >= -180.0 && lon <= 180.0))
    {
      g_autofree char *lat_text = number_to_string (lat_node);
      g_autofree char *lon_text = number_to_string (lon_node);

      value = g_strdup_printf ("%s, %s", lat_text, lon_text);
      message = g_strdup_printf (_("The location “%s” of initiative “%s” was left out: the "
                                   "latitude must lie between -90 and 90 and the longitude "
                                   "between -180 and 180."),
                                 value, reader->id);
      add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "location", value, message);
      return TRUE;
    }

  initiative->has_location = TRUE;
  initiative->latitude = lat;
  initiative->longitude = lon;
  return TRUE;
}

static gboolean
read_links (Reader          *reader,
            JsonObject      *object,
            AtlasInitiative *initiative)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, object, "links", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *title = NULL;
      g_autofree char *url = NULL;
      JsonObject *link;
      Text url_text, title_text;
      gboolean duplicate = FALSE;

      if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
        return skip_wrong_type (reader, "links");

      link = json_node_get_object (node);
      if (!read_string (reader, link, "url", "links.url", ATLAS_FEED_MAX_URL_LENGTH, &url_text) ||
          !read_string (reader, link, "title", "links.title", ATLAS_FEED_MAX_TITLE_LENGTH,
                        &title_text))
        return FALSE;

      if (url_text.len == 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("A link of initiative “%s” has no address and was left out."),
                             reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "links.url", NULL, message);
          continue;
        }

      if (!atlas_uri_is_web (url_text.str))
        {
          g_autofree char *message =
            g_strdup_printf (_("The link “%s” of initiative “%s” is not an http or https "
                               "address and was left out."),
                             url_text.str, reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "links.url", url_text.str, message);
          continue;
        }

      url = copy_text (url_text.str, url_text.len);
      if (title_text.str != NULL)
        title = copy_text (title_text.str, title_text.len);

      for (guint j = 0; j < initiative->links->len && !duplicate; j++)
        {
          const AtlasLink *other = g_ptr_array_index (initiative->links, j);

          duplicate = strcmp (other->url, url) == 0 && g_strcmp0 (other->title, title) == 0;
        }

      if (!duplicate)
        atlas_initiative_add_link (initiative, title, url);
    }

  return TRUE;
}

static gboolean
read_milestones (Reader          *reader,
                 JsonObject      *object,
                 AtlasInitiative *initiative)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, object, "milestones", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *milestone;
      g_autofree char *title = NULL;
      const char *date, *status_code;
      AtlasMilestoneStatus status = ATLAS_MILESTONE_UNKNOWN;
      JsonNode *progress_node;
      gint64 progress = -1;
      Text title_text;
      gboolean duplicate = FALSE;

      if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
        return skip_wrong_type (reader, "milestones");

      milestone = json_node_get_object (node);
      if (!read_string (reader, milestone, "title", "milestones.title",
                        ATLAS_FEED_MAX_TITLE_LENGTH, &title_text) ||
          !read_code (reader, milestone, "date", "milestones.date", &date) ||
          !read_code (reader, milestone, "status", "milestones.status", &status_code))
        return FALSE;

      if (read_number (milestone, "progress", &progress_node) == NUMBER_WRONG_TYPE)
        return skip_wrong_type (reader, "milestones.progress");

      if (title_text.str == NULL || text_is_blank (&title_text))
        {
          g_autofree char *message =
            g_strdup_printf (_("A milestone of initiative “%s” has no title and was left "
                               "out."),
                             reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.title", NULL, message);
          continue;
        }
      title = copy_text (title_text.str, title_text.len);

      if (date != NULL && !atlas_date_is_valid (date))
        {
          g_autofree char *message =
            g_strdup_printf (_("The date “%s” of the milestone “%s” of initiative “%s” is not "
                               "of the form YYYY, YYYY-MM or YYYY-MM-DD and was left out."),
                             date, title, reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.date", date, message);
          date = NULL;
        }

      if (status_code != NULL)
        {
          status = atlas_milestone_status_from_string (status_code);
          if (status == ATLAS_MILESTONE_UNKNOWN)
            {
              g_autofree char *message =
                g_strdup_printf (_("The status “%s” of the milestone “%s” of initiative “%s” "
                                   "is not one of planned, achieved or delayed and was left "
                                   "out."),
                                 status_code, title, reader->id);

              add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.status",
                           status_code, message);
            }
        }

      if (progress_node != NULL &&
          (!number_get_integer (progress_node, &progress) || progress < 0 || progress > 100))
        {
          g_autofree char *text = number_to_string (progress_node);
          g_autofree char *message =
            g_strdup_printf (_("The progress “%s” of the milestone “%s” of initiative “%s” is "
                               "not a whole number from 0 to 100 and was left out."),
                             text, title, reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.progress", text,
                       message);
          progress = -1;
        }

      for (guint j = 0; j < initiative->milestones->len && !duplicate; j++)
        {
          const AtlasMilestone *other = g_ptr_array_index (initiative->milestones, j);

          duplicate = strcmp (other->title, title) == 0 &&
                      g_strcmp0 (other->date, date) == 0 &&
                      other->status == status &&
                      other->progress == progress;
        }

      if (!duplicate)
        atlas_initiative_add_milestone (initiative, date, title, status, (int) progress);
    }

  return TRUE;
}

static gboolean
read_properties (Reader          *reader,
                 JsonObject      *object,
                 AtlasInitiative *initiative)
{
  JsonNode *node = json_object_get_member (object, "properties");
  JsonObject *properties;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node_is_absent (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return skip_wrong_type (reader, "properties");

  properties = json_node_get_object (node);
  if (json_object_get_size (properties) > ATLAS_FEED_MAX_LIST_LENGTH)
    return skip_too_many (reader, "properties", ATLAS_FEED_MAX_LIST_LENGTH);

  json_object_iter_init_ordered (&iter, properties);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      const char *str;
      gsize key_len, len;
      AtlasProperty *property;

      if (!node_is_type (value, G_TYPE_STRING))
        return skip_wrong_type (reader, "properties");

      key_len = strlen (key);
      if (text_is_longer_than (key, key_len, MAX_PROPERTY_KEY_LENGTH))
        return skip_too_long (reader, "properties", MAX_PROPERTY_KEY_LENGTH);

      str = json_node_get_string (value);
      len = strlen (str);
      if (text_is_longer_than (str, len, MAX_PROPERTY_VALUE_LENGTH))
        return skip_too_long (reader, "properties", MAX_PROPERTY_VALUE_LENGTH);

      if (key_len == 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("A property of initiative “%s” has an empty name and was left "
                               "out."),
                             reader->id);

          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "properties", str, message);
          continue;
        }

      /* JSON objects have unique keys (json-glib keeps the last), so
       * appending directly is safe. */
      property = g_new0 (AtlasProperty, 1);
      property->key = copy_text (key, key_len);
      property->value = copy_text (str, len);
      g_ptr_array_add (initiative->properties, property);
    }

  return TRUE;
}

static AtlasInitiative *
read_initiative (Reader   *reader,
                 JsonNode *node)
{
  g_autoptr(AtlasInitiative) initiative = NULL;
  g_autofree char *message = NULL;
  JsonObject *object;
  const char *code;
  int value;
  Text text;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      message = g_strdup_printf (_("Item number %u of the initiatives on this page is not an "
                                   "object and was left out."),
                                 reader->position);
      add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, NULL, NULL, message);
      return NULL;
    }

  object = json_node_get_object (node);
  initiative = atlas_initiative_new ();

  if (!read_record_id (reader, object, &initiative->id))
    return NULL;
  reader->id = initiative->id;

  if (!read_string (reader, object, "title", "title", ATLAS_FEED_MAX_TITLE_LENGTH, &text))
    return NULL;
  if (text.str == NULL || text_is_blank (&text))
    {
      message = g_strdup_printf (_("The initiative “%s” has no title and was left out."),
                                 reader->id);
      add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "title", NULL, message);
      return NULL;
    }
  initiative->title = copy_text (text.str, text.len);

  if (!read_text (reader, object, "summary", ATLAS_FEED_MAX_SUMMARY_LENGTH, &initiative->summary) ||
      !read_text (reader, object, "description", ATLAS_FEED_MAX_TEXT_LENGTH,
                  &initiative->description))
    return NULL;

  value = 0;
  if (!read_enum (reader, object, "status", status_from_string,
                  UNKNOWN_STATUS,
                  &value))
    return NULL;
  initiative->status = (AtlasStatus) value;

  value = 0;
  if (!read_enum (reader, object, "scope", scope_from_string,
                  UNKNOWN_SCOPE,
                  &value))
    return NULL;
  initiative->scope = (AtlasScope) value;

  if (!read_date (reader, object, "start_date",
                  UNKNOWN_START_DATE,
                  &initiative->start_date) ||
      !read_date (reader, object, "end_date",
                  UNKNOWN_END_DATE,
                  &initiative->end_date))
    return NULL;

  if (!read_reference (reader, object, "lead", "lead", &initiative->lead) ||
      !read_partners (reader, object, initiative) ||
      !read_countries (reader, object, initiative) ||
      !read_regions (reader, object, initiative) ||
      !read_location (reader, object, initiative))
    return NULL;

  if (!read_goals (reader, object, "gdc_objectives", ATLAS_N_GDC_OBJECTIVES,
                   UNKNOWN_GDC_OBJECTIVE,
                   &initiative->gdc_objectives) ||
      !read_terms (reader, object, "wsis_action_lines", atlas_wsis_line_from_string,
                   UNKNOWN_WSIS_LINE,
                   &initiative->wsis_lines) ||
      !read_goals (reader, object, "sdgs", ATLAS_N_SDGS,
                   UNKNOWN_SDG,
                   &initiative->sdgs) ||
      !read_terms (reader, object, "priorities", atlas_priority_from_string,
                   UNKNOWN_PRIORITY,
                   &initiative->priorities))
    return NULL;

  if (!read_links (reader, object, initiative) ||
      !read_milestones (reader, object, initiative))
    return NULL;

  if (!read_code (reader, object, "updated_at", "updated_at", &code))
    return NULL;
  if (code != NULL)
    {
      if (is_rfc3339 (code, strlen (code)))
        initiative->updated_at = g_strdup (code);
      else
        {
          message = g_strdup_printf (_("The update time “%s” of initiative “%s” is not an RFC "
                                       "3339 date and time and was left out."),
                                     code, reader->id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "updated_at", code, message);
        }
    }

  if (!read_properties (reader, object, initiative))
    return NULL;

  return g_steal_pointer (&initiative);
}

/* The document */

static gboolean
fail_member_type (const char  *member,
                  GError     **error)
{
  g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
               /* Translators: the placeholder is the name of a member of the
                * document, e.g. "complete". */
               _("The feed is malformed: its member “%s” does not have the type the feed format "
                 "requires."),
               member);
  return FALSE;
}

static gboolean
check_header (JsonObject  *object,
              GError     **error)
{
  JsonNode *node;
  gint64 version;

  node = json_object_get_member (object, "format");
  if (node == NULL || !node_is_type (node, G_TYPE_STRING) ||
      strcmp (json_node_get_string (node), FORMAT_NAME) != 0)
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_UNKNOWN_FORMAT,
                           _("The document is not a Digital Cooperation Portal feed."));
      return FALSE;
    }

  node = json_object_get_member (object, "version");
  if (node_is_absent (node))
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                           _("The feed does not say which version of the feed format it uses."));
      return FALSE;
    }
  if (!node_is_number (node))
    return fail_member_type ("version", error);

  if (!number_get_integer (node, &version) || version != FORMAT_VERSION)
    {
      g_autofree char *text = number_to_string (node);

      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_UNSUPPORTED_VERSION,
                   _("The feed uses version %s of the feed format, but this app reads only "
                     "version 1; a newer version of the app may read it."),
                   text);
      return FALSE;
    }

  node = json_object_get_member (object, "complete");
  if (node_is_absent (node))
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                           _("The feed does not say whether it is a complete snapshot or a list "
                             "of changes."));
      return FALSE;
    }
  if (!node_is_type (node, G_TYPE_BOOLEAN))
    return fail_member_type ("complete", error);

  node = json_object_get_member (object, "initiatives");
  if (node_is_absent (node))
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                           _("The feed has no list of initiatives."));
      return FALSE;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return fail_member_type ("initiatives", error);

  node = json_object_get_member (object, "organizations");
  if (!node_is_absent (node) && JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return fail_member_type ("organizations", error);

  node = json_object_get_member (object, "deleted");
  if (!node_is_absent (node) && JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return fail_member_type ("deleted", error);

  node = json_object_get_member (object, "generated_at");
  if (!node_is_absent (node) && !node_is_type (node, G_TYPE_STRING))
    return fail_member_type ("generated_at", error);

  node = json_object_get_member (object, "next");
  if (!node_is_absent (node) && !node_is_type (node, G_TYPE_STRING))
    return fail_member_type ("next", error);

  return TRUE;
}

/* "next" must lead somewhere else over http or https: otherwise the rest of
 * a complete snapshot would be missing, and what it holds would be taken as
 * removed, so the whole document fails. */
static gboolean
read_next (AtlasFeedPage  *page,
           JsonObject     *object,
           const char     *base_uri,
           GError        **error)
{
  JsonNode *node = json_object_get_member (object, "next");
  g_autofree char *resolved = NULL;
  g_autofree char *quoted = NULL;
  const char *next;
  gsize len;

  if (node_is_absent (node))
    return TRUE;

  next = json_node_get_string (node);
  len = strlen (next);
  if (len == 0)
    return TRUE;

  quoted = quote_value (next);

  if (text_is_longer_than (next, len, ATLAS_FEED_MAX_URL_LENGTH))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                   _("The feed's address of its next page is longer than the limit of %u "
                     "characters."),
                   ATLAS_FEED_MAX_URL_LENGTH);
      return FALSE;
    }

  resolved = g_uri_resolve_relative (base_uri, next, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL || !atlas_uri_is_web (resolved))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                   _("The feed's address of its next page, “%s”, is not an http or https "
                     "address."),
                   quoted);
      return FALSE;
    }

  if (base_uri != NULL && strcmp (resolved, base_uri) == 0)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                   _("The feed names itself, “%s”, as its own next page."),
                   quoted);
      return FALSE;
    }

  page->next = g_steal_pointer (&resolved);
  return TRUE;
}

static void
read_generated_at (Reader     *reader,
                   JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "generated_at");
  g_autofree char *message = NULL;
  const char *str;

  if (node_is_absent (node))
    {
      add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "generated_at", NULL,
                   _("The feed does not say when it was generated, so the next update will "
                     "ask for a complete snapshot."));
      return;
    }

  str = json_node_get_string (node);
  if (is_rfc3339 (str, strlen (str)))
    {
      reader->page->generated_at = g_strdup (str);
      return;
    }

  message = g_strdup_printf (_("The feed's generation time “%s” is not an RFC 3339 date and "
                               "time and was ignored, so the next update will ask for a "
                               "complete snapshot."),
                             str);
  add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "generated_at", str, message);
}

static void
read_organizations (Reader     *reader,
                    JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "organizations");
  g_autoptr(GHashTable) ids = NULL;
  GPtrArray *organizations = reader->page->organizations;
  JsonArray *array;
  guint n;

  if (node_is_absent (node))
    return;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      AtlasOrganization *organization;
      gpointer index;

      reader->kind = RECORD_ORGANIZATION;
      reader->id = NULL;
      reader->position = i + 1;

      organization = read_organization (reader, json_array_get_element (array, i));
      if (organization == NULL)
        continue;

      if (g_hash_table_lookup_extended (ids, organization->id, NULL, &index))
        {
          guint at = GPOINTER_TO_UINT (index);
          AtlasOrganization *earlier = g_ptr_array_index (organizations, at);
          g_autofree char *message =
            g_strdup_printf (_("The organization “%s” appears more than once on this page; "
                               "only its last occurrence was kept."),
                             organization->id);

          add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "id", NULL, message);
          organizations->pdata[at] = organization;
          g_hash_table_replace (ids, organization->id, index);
          atlas_organization_unref (earlier);
          continue;
        }

      g_hash_table_insert (ids, organization->id, GUINT_TO_POINTER (organizations->len));
      g_ptr_array_add (organizations, organization);
    }
}

static GHashTable *
read_initiatives (Reader     *reader,
                  JsonObject *object)
{
  JsonArray *array = json_object_get_array_member (object, "initiatives");
  GPtrArray *initiatives = reader->page->initiatives;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      AtlasInitiative *initiative;
      gpointer index;

      reader->kind = RECORD_INITIATIVE;
      reader->id = NULL;
      reader->position = i + 1;

      initiative = read_initiative (reader, json_array_get_element (array, i));
      if (initiative == NULL)
        continue;

      if (g_hash_table_lookup_extended (ids, initiative->id, NULL, &index))
        {
          guint at = GPOINTER_TO_UINT (index);
          AtlasInitiative *earlier = g_ptr_array_index (initiatives, at);
          g_autofree char *message =
            g_strdup_printf (_("The initiative “%s” appears more than once on this page; only "
                               "its last occurrence was kept."),
                             initiative->id);

          add_problem (reader, ATLAS_PROBLEM_SKIPPED_RECORD, "id", NULL, message);
          initiatives->pdata[at] = initiative;
          g_hash_table_replace (ids, initiative->id, index);
          atlas_initiative_unref (earlier);
          continue;
        }

      g_hash_table_insert (ids, initiative->id, GUINT_TO_POINTER (initiatives->len));
      g_ptr_array_add (initiatives, initiative);
    }

  return g_steal_pointer (&ids);
}

static void
read_deleted (Reader     *reader,
              JsonObject *object,
              gboolean    complete,
              GHashTable *initiative_ids)
{
  JsonNode *node = json_object_get_member (object, "deleted");
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint n;

  reader->kind = RECORD_INITIATIVE;
  reader->id = NULL;

  if (node_is_absent (node))
    return;

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  if (complete)
    {
      if (n > 0)
        add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "deleted", NULL,
                     _("The feed is a complete snapshot, so its list of deleted initiatives "
                       "was ignored: what a snapshot leaves out is removed anyway."));
      return;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *message = NULL;
      g_autofree char *id = NULL;
      const char *str;

      if (!node_is_type (element, G_TYPE_STRING))
        {
          message = g_strdup_printf (_("Item number %u of the deleted initiatives on this page "
                                       "is not text and was ignored."),
                                     i + 1);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "deleted", NULL, message);
          continue;
        }

      str = json_node_get_string (element);
      id = copy_trimmed (str, strlen (str));
      if (id == NULL || text_is_longer_than (id, strlen (id), ATLAS_FEED_MAX_ID_LENGTH))
        {
          message = g_strdup_printf (_("Item number %u of the deleted initiatives on this page "
                                       "is not a usable initiative id and was ignored."),
                                     i + 1);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "deleted", str, message);
          continue;
        }

      if (g_hash_table_contains (seen, id))
        continue;

      if (g_hash_table_contains (initiative_ids, id))
        {
          reader->id = id;
          message = g_strdup_printf (_("The initiative “%s” is both on this page and in its list "
                                       "of deleted initiatives; it was kept."),
                                     id);
          add_problem (reader, ATLAS_PROBLEM_UNKNOWN_VALUE, "deleted", id, message);
          reader->id = NULL;
          continue;
        }

      g_hash_table_add (seen, id);
      g_ptr_array_add (reader->page->deleted, g_steal_pointer (&id));
    }
}

/**
 * atlas_portal_feed_parse:
 * @root: the whole document
 * @base_uri: (nullable): the address the document was read from
 * @error: return location for an #AtlasFeedError
 *
 * Reads one page of a "digital-cooperation-feed" version 1 document.
 *
 * Returns: (transfer full): the page, or %NULL when the document as a whole
 *   cannot be used
 */
AtlasFeedPage *
atlas_portal_feed_parse (JsonNode    *root,
                         const char  *base_uri,
                         GError     **error)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GHashTable) initiative_ids = NULL;
  JsonObject *object;
  Reader reader = { 0 };

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_UNKNOWN_FORMAT,
                           _("The document is not a Digital Cooperation Portal feed."));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!check_header (object, error))
    return NULL;

  page = atlas_feed_page_new (ATLAS_FEED_FORMAT_PORTAL);
  page->complete = json_object_get_boolean_member (object, "complete");

  if (!read_next (page, object, base_uri, error))
    return NULL;

  reader.page = page;
  reader.vocab = atlas_vocab_get_default ();

  read_generated_at (&reader, object);
  read_organizations (&reader, object);
  initiative_ids = read_initiatives (&reader, object);
  read_deleted (&reader, object, page->complete, initiative_ids);

  return g_steal_pointer (&page);
}
