/* atlas-feed-writer.c
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

#define G_LOG_DOMAIN "atlas-feed-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-enums.h"
#include "atlas-feed-writer.h"
#include "atlas-initiative.h"

/* Records are written into a buffer that goes to the stream whenever it
 * holds more than this, so that a slow or unbuffered stream is not written
 * to for every few bytes. */
#define FLUSH_THRESHOLD (64 * 1024)

typedef enum
{
  STATE_NEW,
  STATE_INITIATIVES,
  STATE_ENDED,
} WriterState;

struct _AtlasFeedWriter
{
  GObject        parent_instance;

  GOutputStream *stream;
  GString       *buffer;
  WriterState    state;
  guint          n_initiatives;
};

G_DEFINE_FINAL_TYPE (AtlasFeedWriter, atlas_feed_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* JSON text */

static void
append_json_string (GString    *out,
                    const char *str)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');

  run = str;
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char code[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (code, sizeof code, "\\u%04x", c);
          escape = code;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }

  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* The shortest of %.15g and %.17g that reads back as the same double. */
static void
append_json_double (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (value));

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);

  g_string_append (out, buffer);
}

/* Starts the member @key of an object being written; @first tracks the
 * commas. */
static void
append_key (GString    *out,
            gboolean   *first,
            const char *key)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;

  append_json_string (out, key);
  g_string_append_c (out, ':');
}

static void
append_string_member (GString    *out,
                      gboolean   *first,
                      const char *key,
                      const char *value)
{
  if (value == NULL)
    return;

  append_key (out, first, key);
  append_json_string (out, value);
}

static void
append_bits_as_numbers (GString    *out,
                        gboolean   *first,
                        const char *key,
                        guint32     bits,
                        guint       n_bits)
{
  gboolean first_item = TRUE;

  if (bits == 0)
    return;

  append_key (out, first, key);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_bits; i++)
    if (bits & (1u << i))
      {
        if (!first_item)
          g_string_append_c (out, ',');
        first_item = FALSE;
        g_string_append_printf (out, "%u", i + 1);
      }
  g_string_append_c (out, ']');
}

static void
append_bits_as_strings (GString      *out,
                        gboolean     *first,
                        const char   *key,
                        guint32       bits,
                        guint         n_bits,
                        const char *(*to_string) (guint))
{
  gboolean first_item = TRUE;

  if (bits == 0)
    return;

  append_key (out, first, key);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_bits; i++)
    if (bits & (1u << i))
      {
        if (!first_item)
          g_string_append_c (out, ',');
        first_item = FALSE;
        append_json_string (out, to_string (i));
      }
  g_string_append_c (out, ']');
}

static const char *
wsis_line_to_string (guint line)
{
  return atlas_wsis_line_to_string ((AtlasWsisLine) line);
}

static const char *
priority_to_string (guint priority)
{
  return atlas_priority_to_string ((AtlasPriority) priority);
}

static void
append_organization (GString                 *out,
                     const AtlasOrganization *organization)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_string_member (out, &first, "id", organization->id);
  append_string_member (out, &first, "name", organization->name);
  if (organization->type != ATLAS_ORG_TYPE_UNKNOWN)
    append_string_member (out, &first, "type", atlas_org_type_to_string (organization->type));
  append_string_member (out, &first, "country", organization->country);
  append_string_member (out, &first, "website", organization->website);
  g_string_append_c (out, '}');
}

static void
append_initiative (GString               *out,
                   const AtlasInitiative *initiative)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_string_member (out, &first, "id", initiative->id);
  append_string_member (out, &first, "title", initiative->title);
  append_string_member (out, &first, "summary", initiative->summary);
  append_string_member (out, &first, "description", initiative->description);
  if (initiative->status != ATLAS_STATUS_UNKNOWN)
    append_string_member (out, &first, "status", atlas_status_to_string (initiative->status));
  append_string_member (out, &first, "start_date", initiative->start_date);
  append_string_member (out, &first, "end_date", initiative->end_date);
  append_string_member (out, &first, "lead", initiative->lead);

  if (initiative->partners->len > 0)
    {
      append_key (out, &first, "partners");
      g_string_append_c (out, '[');
      for (guint i = 0; i < initiative->partners->len; i++)
        {
          const AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);
          gboolean first_member = TRUE;

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          append_string_member (out, &first_member, "organization", partner->organization);
          if (partner->role != ATLAS_ROLE_UNKNOWN)
            append_string_member (out, &first_member, "role", atlas_role_to_string (partner->role));
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  if (initiative->scope != ATLAS_SCOPE_UNKNOWN)
    append_string_member (out, &first, "scope", atlas_scope_to_string (initiative->scope));

  if (initiative->countries->len > 0)
    {
      append_key (out, &first, "countries");
      g_string_append_c (out, '[');
      for (guint i = 0; i < initiative->countries->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_json_string (out, g_ptr_array_index (initiative->countries, i));
        }
      g_string_append_c (out, ']');
    }

  if (initiative->regions->len > 0)
    {
      append_key (out, &first, "regions");
      g_string_append_c (out, '[');
      for (guint i = 0; i < initiative->regions->len; i++)
        g_string_append_printf (out, "%s\"%03u\"", i > 0 ? "," : "",
                                (guint) g_array_index (initiative->regions, guint16, i));
      g_string_append_c (out, ']');
    }

  if (initiative->has_location &&
      isfinite (initiative->latitude) && isfinite (initiative->longitude))
    {
      append_key (out, &first, "location");
      g_string_append (out, "{\"lat\":");
      append_json_double (out, initiative->latitude);
      g_string_append (out, ",\"lon\":");
      append_json_double (out, initiative->longitude);
      g_string_append_c (out, '}');
    }

  append_bits_as_numbers (out, &first, "gdc_objectives", initiative->gdc_objectives,
                          ATLAS_N_GDC_OBJECTIVES);
  append_bits_as_strings (out, &first, "wsis_action_lines", initiative->wsis_lines,
                          ATLAS_N_WSIS_LINES, wsis_line_to_string);
  append_bits_as_numbers (out, &first, "sdgs", initiative->sdgs, ATLAS_N_SDGS);
  append_bits_as_strings (out, &first, "priorities", initiative->priorities,
                          ATLAS_N_PRIORITIES, priority_to_string);

  if (initiative->links->len > 0)
    {
      append_key (out, &first, "links");
      g_string_append_c (out, '[');
      for (guint i = 0; i < initiative->links->len; i++)
        {
          const AtlasLink *link = g_ptr_array_index (initiative->links, i);
          gboolean first_member = TRUE;

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          append_string_member (out, &first_member, "title", link->title);
          append_string_member (out, &first_member, "url", link->url);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  if (initiative->milestones->len > 0)
    {
      append_key (out, &first, "milestones");
      g_string_append_c (out, '[');
      for (guint i = 0; i < initiative->milestones->len; i++)
        {
          const AtlasMilestone *milestone = g_ptr_array_index (initiative->milestones, i);
          gboolean first_member = TRUE;

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          append_string_member (out, &first_member, "date", milestone->date);
          append_string_member (out, &first_member, "title", milestone->title);
          if (milestone->status != ATLAS_MILESTONE_UNKNOWN)
            append_string_member (out, &first_member, "status",
                                  atlas_milestone_status_to_string (milestone->status));
          if (milestone->progress >= 0)
            {
              append_key (out, &first_member, "progress");
              g_string_append_printf (out, "%d", milestone->progress);
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  append_string_member (out, &first, "updated_at", initiative->updated_at);

  if (initiative->properties->len > 0)
    {
      gboolean first_member = TRUE;

      append_key (out, &first, "properties");
      g_string_append_c (out, '{');
      for (guint i = 0; i < initiative->properties->len; i++)
        {
          const AtlasProperty *property = g_ptr_array_index (initiative->properties, i);

          append_string_member (out, &first_member, property->key, property->value);
        }
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');
}

/* Output */

static gboolean
flush_buffer (AtlasFeedWriter  *self,
              gboolean          force,
              GCancellable     *cancellable,
              GError          **error)
{
  gboolean ok;

  g_assert (ATLAS_IS_FEED_WRITER (self));

  if (self->buffer->len == 0 || (!force && self->buffer->len < FLUSH_THRESHOLD))
    return TRUE;

  ok = g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

/* GObject */

static void
atlas_feed_writer_finalize (GObject *object)
{
  AtlasFeedWriter *self = (AtlasFeedWriter *)object;

  g_clear_object (&self->stream);
  g_string_free (self->buffer, TRUE);

  G_OBJECT_CLASS (atlas_feed_writer_parent_class)->finalize (object);
}

static void
atlas_feed_writer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasFeedWriter *self = ATLAS_FEED_WRITER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_feed_writer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasFeedWriter *self = ATLAS_FEED_WRITER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      self->stream = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_feed_writer_class_init (AtlasFeedWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_feed_writer_finalize;
  object_class->get_property = atlas_feed_writer_get_property;
  object_class->set_property = atlas_feed_writer_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         G_TYPE_OUTPUT_STREAM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_feed_writer_init (AtlasFeedWriter *self)
{
  self->buffer = g_string_sized_new (FLUSH_THRESHOLD + 16 * 1024);
}

/* Public API */

/**
 * atlas_feed_writer_new:
 * @stream: where the document goes; the writer flushes it at the end but
 *   does not close it
 */
AtlasFeedWriter *
atlas_feed_writer_new (GOutputStream *stream)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  return g_object_new (ATLAS_TYPE_FEED_WRITER,
                       "stream", stream,
                       NULL);
}

/**
 * atlas_feed_writer_begin:
 * @self: a #AtlasFeedWriter
 * @generated_at: (nullable): RFC 3339 time of the data, or %NULL for now
 * @organizations: (nullable) (element-type AtlasOrganization): the
 *   organisations the initiatives refer to
 */
gboolean
atlas_feed_writer_begin (AtlasFeedWriter  *self,
                         const char       *generated_at,
                         GPtrArray        *organizations,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (ATLAS_IS_FEED_WRITER (self), FALSE);
  g_return_val_if_fail (self->state == STATE_NEW, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (generated_at == NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_now_utc ();

      generated_at = now = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
    }

  self->state = STATE_INITIATIVES;

  g_string_append (self->buffer, "{\n  \"format\": \"digital-cooperation-feed\",\n");
  g_string_append (self->buffer, "  \"version\": 1,\n  \"generated_at\": ");
  append_json_string (self->buffer, generated_at);
  g_string_append (self->buffer, ",\n  \"complete\": true,\n  \"next\": null,\n");
  g_string_append (self->buffer, "  \"organizations\": [");

  for (guint i = 0; organizations != NULL && i < organizations->len; i++)
    {
      const AtlasOrganization *organization = g_ptr_array_index (organizations, i);

      g_string_append (self->buffer, i > 0 ? ",\n    " : "\n    ");
      append_organization (self->buffer, organization);

      if (!flush_buffer (self, FALSE, cancellable, error))
        return FALSE;
    }

  if (organizations != NULL && organizations->len > 0)
    g_string_append (self->buffer, "\n  ");
  g_string_append (self->buffer, "],\n  \"initiatives\": [");

  return flush_buffer (self, FALSE, cancellable, error);
}

gboolean
atlas_feed_writer_add_initiative (AtlasFeedWriter        *self,
                                  const AtlasInitiative  *initiative,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  g_return_val_if_fail (ATLAS_IS_FEED_WRITER (self), FALSE);
  g_return_val_if_fail (self->state == STATE_INITIATIVES, FALSE);
  g_return_val_if_fail (initiative != NULL, FALSE);
  g_return_val_if_fail (initiative->id != NULL && initiative->title != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_string_append (self->buffer, self->n_initiatives > 0 ? ",\n    " : "\n    ");
  append_initiative (self->buffer, initiative);
  self->n_initiatives++;

  return flush_buffer (self, FALSE, cancellable, error);
}

gboolean
atlas_feed_writer_end (AtlasFeedWriter  *self,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_return_val_if_fail (ATLAS_IS_FEED_WRITER (self), FALSE);
  g_return_val_if_fail (self->state == STATE_INITIATIVES, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->state = STATE_ENDED;

  if (self->n_initiatives > 0)
    g_string_append (self->buffer, "\n  ");
  g_string_append (self->buffer, "]\n}\n");

  return flush_buffer (self, TRUE, cancellable, error) &&
         g_output_stream_flush (self->stream, cancellable, error);
}
