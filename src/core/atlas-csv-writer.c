/* atlas-csv-writer.c
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

#define G_LOG_DOMAIN "atlas-csv-writer"

#include "config.h"

#include <string.h>

#include "atlas-csv-writer.h"
#include "atlas-enums.h"
#include "atlas-initiative.h"

/* The columns are a stable interface: scripts read them by name.  Values
 * are the stable identifiers of the feed format ("ongoing", "C7.e-health"),
 * not translated labels, so that a file reads the same in every language. */
static const char * const columns[] = {
  "id",
  "title",
  "summary",
  "status",
  "start_date",
  "end_date",
  "scope",
  "lead",
  "partners",
  "countries",
  "regions",
  "gdc_objectives",
  "wsis_action_lines",
  "sdgs",
  "priorities",
  "links",
  "updated_at",
  "source",
};

#define LIST_SEPARATOR "; "
#define FLUSH_THRESHOLD (64 * 1024)

struct _AtlasCsvWriter
{
  GObject        parent_instance;

  GOutputStream *stream;
  GString       *buffer;
  GString       *cell;
  gboolean       header_written;
  gboolean       ended;
};

G_DEFINE_FINAL_TYPE (AtlasCsvWriter, atlas_csv_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cells */

/* Appends one cell as RFC 4180 wants it: quoted when it holds a quote, a
 * comma or a line break, quotes doubled.  A cell that a spreadsheet would
 * run as a formula (=, +, -, @, tab or carriage return first) gets a
 * leading apostrophe, which spreadsheets show as text. */
static void
append_cell (GString    *row,
             const char *value,
             gboolean    first)
{
  g_autofree char *valid = NULL;
  gboolean formula;

  if (!first)
    g_string_append_c (row, ',');

  if (value == NULL || *value == '\0')
    return;

  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  formula = strchr ("=+-@\t\r", value[0]) != NULL;

  if (strpbrk (value, "\",\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (row, '\'');
      g_string_append (row, value);
      return;
    }

  g_string_append_c (row, '"');
  if (formula)
    g_string_append_c (row, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

static void
append_item (GString    *cell,
             const char *item)
{
  if (cell->len > 0)
    g_string_append (cell, LIST_SEPARATOR);
  g_string_append (cell, item);
}

static void
format_partners (GString               *cell,
                 const AtlasInitiative *initiative)
{
  for (guint i = 0; i < initiative->partners->len; i++)
    {
      const AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);
      const char *name = partner->name != NULL && *partner->name != '\0'
                         ? partner->name : partner->organization;

      append_item (cell, name);
      if (partner->role != ATLAS_ROLE_UNKNOWN)
        g_string_append_printf (cell, " (%s)", atlas_role_to_string (partner->role));
    }
}

static void
format_numbers (GString *cell,
                guint32  bits,
                guint    n_bits)
{
  for (guint i = 0; i < n_bits; i++)
    if (bits & (1u << i))
      {
        char number[16];

        g_snprintf (number, sizeof number, "%u", i + 1);
        append_item (cell, number);
      }
}

static void
append_row (AtlasCsvWriter        *self,
            const AtlasInitiative *initiative)
{
  GString *row = self->buffer;
  GString *cell = self->cell;
  const char *lead;
  const char *source;

  g_assert (ATLAS_IS_CSV_WRITER (self));

  append_cell (row, initiative->id, TRUE);
  append_cell (row, initiative->title, FALSE);
  append_cell (row, initiative->summary, FALSE);
  append_cell (row, atlas_status_to_string (initiative->status), FALSE);
  append_cell (row, initiative->start_date, FALSE);
  append_cell (row, initiative->end_date, FALSE);
  append_cell (row, atlas_scope_to_string (initiative->scope), FALSE);

  lead = initiative->lead_name != NULL && *initiative->lead_name != '\0'
         ? initiative->lead_name : initiative->lead;
  append_cell (row, lead, FALSE);

  g_string_truncate (cell, 0);
  format_partners (cell, initiative);
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  for (guint i = 0; i < initiative->countries->len; i++)
    append_item (cell, g_ptr_array_index (initiative->countries, i));
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  for (guint i = 0; i < initiative->regions->len; i++)
    {
      char code[8];

      g_snprintf (code, sizeof code, "%03u",
                  (guint) g_array_index (initiative->regions, guint16, i));
      append_item (cell, code);
    }
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  format_numbers (cell, initiative->gdc_objectives, ATLAS_N_GDC_OBJECTIVES);
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  for (guint i = 0; i < ATLAS_N_WSIS_LINES; i++)
    if (initiative->wsis_lines & (1u << i))
      append_item (cell, atlas_wsis_line_to_string ((AtlasWsisLine) i));
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  format_numbers (cell, initiative->sdgs, ATLAS_N_SDGS);
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  for (guint i = 0; i < ATLAS_N_PRIORITIES; i++)
    if (initiative->priorities & (1u << i))
      append_item (cell, atlas_priority_to_string ((AtlasPriority) i));
  append_cell (row, cell->str, FALSE);

  g_string_truncate (cell, 0);
  for (guint i = 0; i < initiative->links->len; i++)
    append_item (cell, ((const AtlasLink *) g_ptr_array_index (initiative->links, i))->url);
  append_cell (row, cell->str, FALSE);

  append_cell (row, initiative->updated_at, FALSE);

  source = initiative->source_title != NULL && *initiative->source_title != '\0'
           ? initiative->source_title : initiative->source_url;
  append_cell (row, source, FALSE);

  g_string_append (row, "\r\n");
}

static void
append_header (AtlasCsvWriter *self)
{
  g_assert (ATLAS_IS_CSV_WRITER (self));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_cell (self->buffer, columns[i], i == 0);
  g_string_append (self->buffer, "\r\n");

  self->header_written = TRUE;
}

static gboolean
flush_buffer (AtlasCsvWriter  *self,
              gboolean         force,
              GCancellable    *cancellable,
              GError         **error)
{
  gboolean ok;

  g_assert (ATLAS_IS_CSV_WRITER (self));

  if (self->buffer->len == 0 || (!force && self->buffer->len < FLUSH_THRESHOLD))
    return TRUE;

  ok = g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

/* GObject */

static void
atlas_csv_writer_finalize (GObject *object)
{
  AtlasCsvWriter *self = (AtlasCsvWriter *)object;

  g_clear_object (&self->stream);
  g_string_free (self->buffer, TRUE);
  g_string_free (self->cell, TRUE);

  G_OBJECT_CLASS (atlas_csv_writer_parent_class)->finalize (object);
}

static void
atlas_csv_writer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasCsvWriter *self = ATLAS_CSV_WRITER (object);

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
atlas_csv_writer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasCsvWriter *self = ATLAS_CSV_WRITER (object);

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
atlas_csv_writer_class_init (AtlasCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_csv_writer_finalize;
  object_class->get_property = atlas_csv_writer_get_property;
  object_class->set_property = atlas_csv_writer_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         G_TYPE_OUTPUT_STREAM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_csv_writer_init (AtlasCsvWriter *self)
{
  self->buffer = g_string_sized_new (FLUSH_THRESHOLD + 16 * 1024);
  self->cell = g_string_new (NULL);
}

/* Public API */

/**
 * atlas_csv_writer_new:
 * @stream: where the table goes; the writer flushes it at the end but does
 *   not close it
 */
AtlasCsvWriter *
atlas_csv_writer_new (GOutputStream *stream)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  return g_object_new (ATLAS_TYPE_CSV_WRITER,
                       "stream", stream,
                       NULL);
}

gboolean
atlas_csv_writer_add_initiative (AtlasCsvWriter         *self,
                                 const AtlasInitiative  *initiative,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  g_return_val_if_fail (ATLAS_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (!self->ended, FALSE);
  g_return_val_if_fail (initiative != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->header_written)
    append_header (self);

  append_row (self, initiative);

  return flush_buffer (self, FALSE, cancellable, error);
}

/* Writes the header when no initiative was added, so that an empty export
 * is still a valid table. */
gboolean
atlas_csv_writer_end (AtlasCsvWriter  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_return_val_if_fail (ATLAS_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (!self->ended, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->ended = TRUE;

  if (!self->header_written)
    append_header (self);

  return flush_buffer (self, TRUE, cancellable, error) &&
         g_output_stream_flush (self->stream, cancellable, error);
}
