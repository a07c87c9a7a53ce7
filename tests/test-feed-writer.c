/* test-feed-writer.c
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

#include "atlas-csv-writer.h"
#include "atlas-enums.h"
#include "atlas-feed-parser.h"
#include "atlas-feed-writer.h"
#include "atlas-initiative.h"
#include "atlas-test-util.h"

/* Records */

static AtlasOrganization *
make_organization (const char   *id,
                   const char   *name,
                   AtlasOrgType  type,
                   const char   *country,
                   const char   *website)
{
  AtlasOrganization *organization = atlas_organization_new ();

  organization->id = g_strdup (id);
  organization->name = g_strdup (name);
  organization->type = type;
  organization->country = g_strdup (country);
  organization->website = g_strdup (website);

  return organization;
}

static GPtrArray *
make_organizations (void)
{
  GPtrArray *organizations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_organization_unref);

  g_ptr_array_add (organizations,
                   make_organization ("itu", "International Telecommunication Union",
                                      ATLAS_ORG_TYPE_UN_ENTITY, "CH", "https://www.itu.int/"));
  g_ptr_array_add (organizations,
                   make_organization ("naïve \"org\"", "Société «Numérique» <b>&</b>\n2",
                                      ATLAS_ORG_TYPE_CIVIL_SOCIETY, "FR", NULL));
  g_ptr_array_add (organizations,
                   make_organization ("bare", "Bare", ATLAS_ORG_TYPE_UNKNOWN, NULL, NULL));

  return organizations;
}

/* An initiative with every field, and text that needs escaping. */
static AtlasInitiative *
make_rich_initiative (const char *id)
{
  AtlasInitiative *initiative = atlas_initiative_new ();
  guint16 regions[] = { 2, 419, 150 };

  initiative->id = g_strdup (id);
  initiative->title = g_strdup ("Giga: “connect every school” — 東京 🌍 \"quoted\" \\ back\\slash");
  initiative->summary = g_strdup ("Line one\nLine two\r\n\ttabbed, <b>bold</b> & "
                                  "<script>x</script>");
  initiative->description = g_strdup ("Control \x01\x1f characters, \b\f and a solidus /, "
                                      "an emoji 👩🏽‍💻 and U+2028 \xe2\x80\xa8 end.");
  initiative->status = ATLAS_STATUS_COMPLETED;
  initiative->scope = ATLAS_SCOPE_NATIONAL;
  initiative->start_date = g_strdup ("2019-09-30");
  initiative->end_date = g_strdup ("2030-12");
  initiative->lead = g_strdup ("itu");
  atlas_initiative_add_partner (initiative, "itu", ATLAS_ROLE_LEAD);
  atlas_initiative_add_partner (initiative, "naïve \"org\"", ATLAS_ROLE_FUNDER);
  atlas_initiative_add_partner (initiative, "bare", ATLAS_ROLE_UNKNOWN);
  g_ptr_array_add (initiative->countries, g_strdup ("KE"));
  g_ptr_array_add (initiative->countries, g_strdup ("BR"));
  g_array_append_vals (initiative->regions, regions, G_N_ELEMENTS (regions));
  initiative->has_location = TRUE;
  initiative->latitude = 0.1 + 0.2;
  initiative->longitude = -179.99999999999997;
  initiative->gdc_objectives = 0x1f;
  initiative->wsis_lines = (1u << ATLAS_N_WSIS_LINES) - 1;
  initiative->sdgs = (1u << 0) | (1u << 16) | (1u << 8);
  initiative->priorities = (1u << ATLAS_PRIORITY_HUMAN_RIGHTS_ONLINE);
  atlas_initiative_add_link (initiative, "Site \"official\"", "https://giga.global/?a=1&b=\"2\"");
  atlas_initiative_add_link (initiative, NULL, "http://example.org/");
  atlas_initiative_add_milestone (initiative, "2020", "Launch\nday", ATLAS_MILESTONE_ACHIEVED, 100);
  atlas_initiative_add_milestone (initiative, NULL, "Next", ATLAS_MILESTONE_UNKNOWN, -1);
  atlas_initiative_add_milestone (initiative, "2031-01-01", "Zero", ATLAS_MILESTONE_DELAYED, 0);
  initiative->updated_at = g_strdup ("2026-02-28T08:30:00.5+05:30");
  atlas_initiative_set_property (initiative, "stage", "DPG");
  atlas_initiative_set_property (initiative, "type", "software \"open\"");
  atlas_initiative_set_property (initiative, "ключ", "значение");

  return initiative;
}

static AtlasInitiative *
make_minimal_initiative (const char *id,
                         const char *title)
{
  AtlasInitiative *initiative = atlas_initiative_new ();

  initiative->id = g_strdup (id);
  initiative->title = g_strdup (title);

  return initiative;
}

/* What atlas_feed_writer_* wrote, read back by the app's reader. */
static AtlasFeedPage *
parse_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page;

  g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                  NULL));

  page = atlas_feed_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_PORTAL);

  for (guint i = 0; i < page->problems->len; i++)
    g_test_message ("%s", ((AtlasProblem *) g_ptr_array_index (page->problems, i))->message);
  g_assert_cmpuint (page->problems->len, ==, 0);

  return page;
}

/* JSON feed */

static void
test_round_trip (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(GPtrArray) organizations = make_organizations ();
  g_autoptr(GPtrArray) initiatives =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (initiatives, make_rich_initiative ("rich-1"));
  g_ptr_array_add (initiatives, make_minimal_initiative ("min", "<i>Only a title</i>"));
  g_ptr_array_add (initiatives, make_rich_initiative ("rich \"2\" ünïcode"));

  g_assert_true (atlas_feed_writer_begin (writer, "2026-03-01T10:00:00Z", organizations, NULL,
                                          &error));
  g_assert_no_error (error);
  for (guint i = 0; i < initiatives->len; i++)
    {
      g_assert_true (atlas_feed_writer_add_initiative (writer, g_ptr_array_index (initiatives, i),
                                                       NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (atlas_feed_writer_end (writer, NULL, &error));
  g_assert_no_error (error);

  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  page = parse_bytes (bytes);

  g_assert_cmpstr (page->generated_at, ==, "2026-03-01T10:00:00Z");
  g_assert_true (page->complete);
  g_assert_null (page->next);
  g_assert_cmpuint (page->deleted->len, ==, 0);

  g_assert_cmpuint (page->organizations->len, ==, organizations->len);
  for (guint i = 0; i < organizations->len; i++)
    g_assert_true (atlas_organization_equal (g_ptr_array_index (organizations, i),
                                             g_ptr_array_index (page->organizations, i)));

  g_assert_cmpuint (page->initiatives->len, ==, initiatives->len);
  for (guint i = 0; i < initiatives->len; i++)
    g_assert_true (atlas_initiative_equal (g_ptr_array_index (initiatives, i),
                                           g_ptr_array_index (page->initiatives, i)));

  /* Spot checks, so that equality is not vacuous. */
  g_assert_cmpfloat (((AtlasInitiative *) g_ptr_array_index (page->initiatives, 0))->latitude, ==,
                     0.1 + 0.2);
  g_assert_cmpstr (((AtlasInitiative *) g_ptr_array_index (page->initiatives, 0))->description,
                   ==, ((AtlasInitiative *) g_ptr_array_index (initiatives, 0))->description);
}

static void
test_document_shape (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(AtlasInitiative) initiative = make_minimal_initiative ("a", "A");
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *root;
  JsonObject *record;

  atlas_feed_writer_begin (writer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  atlas_feed_writer_add_initiative (writer, initiative, NULL, &error);
  g_assert_no_error (error);
  atlas_feed_writer_end (writer, NULL, &error);
  g_assert_no_error (error);

  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "digital-cooperation-feed");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_true (json_object_get_boolean_member (root, "complete"));
  g_assert_true (json_object_get_null_member (root, "next"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "organizations")),
                    ==, 0);
  /* Without a time given, the writer states the present one. */
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "generated_at"), "Z"));
  g_assert_cmpuint (strlen (json_object_get_string_member (root, "generated_at")), ==, 20);

  /* Fields not given are left out rather than written as null. */
  record = json_array_get_object_element (json_object_get_array_member (root, "initiatives"), 0);
  g_assert_cmpuint (json_object_get_size (record), ==, 2);
}

static void
test_empty_document (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  atlas_feed_writer_begin (writer, "2026-03-01T10:00:00Z", NULL, NULL, &error);
  g_assert_no_error (error);
  atlas_feed_writer_end (writer, NULL, &error);
  g_assert_no_error (error);

  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  page = parse_bytes (bytes);
  g_assert_true (page->complete);
  g_assert_cmpuint (page->initiatives->len, ==, 0);
  g_assert_cmpuint (page->organizations->len, ==, 0);
}

#define N_STREAMED 10000

/* A lighter record than make_rich_initiative(), still with text to escape. */
static AtlasInitiative *
make_numbered_initiative (guint i)
{
  AtlasInitiative *initiative = atlas_initiative_new ();

  initiative->id = g_strdup_printf ("initiative-%05u", i);
  initiative->title = g_strdup_printf ("Initiative “%u”: \"quoted\", <b>marked</b>\nup", i);
  initiative->summary = g_strdup ("Schools, clinics and markets online — 東京 🌍.");
  initiative->status = (AtlasStatus) (1 + i % (ATLAS_N_STATUSES - 1));
  initiative->start_date = g_strdup_printf ("%04u-%02u", 2000 + i % 30, 1 + i % 12);
  g_ptr_array_add (initiative->countries, g_strdup (i % 2 ? "KE" : "BR"));
  initiative->has_location = TRUE;
  initiative->latitude = -90.0 + (i % 18001) * 0.01;
  initiative->longitude = 180.0 - (i % 36001) * 0.01;
  initiative->sdgs = 1u << (i % ATLAS_N_SDGS);
  initiative->wsis_lines = 1u << (i % ATLAS_N_WSIS_LINES);
  atlas_initiative_add_link (initiative, "Site", "https://example.org/a?b=1&c=2");

  return initiative;
}

static void
test_streaming (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(GPtrArray) organizations = make_organizations ();
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize written_midway = 0;

  atlas_feed_writer_begin (writer, "2026-03-01T10:00:00Z", organizations, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_STREAMED; i++)
    {
      g_autoptr(AtlasInitiative) initiative = make_numbered_initiative (i);

      g_assert_true (atlas_feed_writer_add_initiative (writer, initiative, NULL, &error));
      g_assert_no_error (error);

      if (i == N_STREAMED / 2)
        written_midway = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
    }

  g_assert_true (atlas_feed_writer_end (writer, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);

  /* Records reach the stream while they are added, not only at the end. */
  g_assert_cmpuint (written_midway, >, 0);
  g_assert_cmpuint (written_midway, <,
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  page = parse_bytes (bytes);
  g_assert_cmpuint (page->initiatives->len, ==, N_STREAMED);

  for (guint i = 0; i < N_STREAMED; i++)
    {
      g_autoptr(AtlasInitiative) expected = make_numbered_initiative (i);

      g_assert_true (atlas_initiative_equal (expected, g_ptr_array_index (page->initiatives, i)));
    }
}

static void
test_write_error (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(AtlasCsvWriter) csv = atlas_csv_writer_new (stream);
  g_autoptr(AtlasInitiative) initiative = make_minimal_initiative ("a", "A");
  g_autoptr(GError) error = NULL;

  g_output_stream_close (stream, NULL, NULL);

  /* Small writes stay in the buffer: the error shows at the end at the latest. */
  if (atlas_feed_writer_begin (writer, NULL, NULL, NULL, &error))
    g_assert_false (atlas_feed_writer_end (writer, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  if (atlas_csv_writer_add_initiative (csv, initiative, NULL, &error))
    g_assert_false (atlas_csv_writer_end (csv, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

/* CSV */

/* A strict RFC 4180 reader: rows of cells, CRLF between rows. */
static GPtrArray *
read_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p++);
            }
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != '\0')
            {
              g_assert_cmpint (*p, !=, '"');
              g_assert_cmpint (*p, !=, '\n');
              g_string_append_c (cell, *p++);
            }
        }

      g_ptr_array_add (row, g_strdup (cell->str));
      g_string_truncate (cell, 0);

      if (*p == ',')
        p++;
      else
        {
          g_assert_cmpint (p[0], ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }

  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (cell, TRUE);

  return rows;
}

static const char *
cell_at (GPtrArray  *rows,
         guint       row,
         const char *column)
{
  GPtrArray *header = g_ptr_array_index (rows, 0);
  GPtrArray *cells = g_ptr_array_index (rows, row);

  g_assert_cmpuint (cells->len, ==, header->len);
  for (guint i = 0; i < header->len; i++)
    if (strcmp (g_ptr_array_index (header, i), column) == 0)
      return g_ptr_array_index (cells, i);

  g_error ("No column %s", column);
}

static char *
write_csv (GPtrArray *initiatives)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasCsvWriter) writer = atlas_csv_writer_new (stream);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < initiatives->len; i++)
    {
      g_assert_true (atlas_csv_writer_add_initiative (writer, g_ptr_array_index (initiatives, i),
                                                      NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (atlas_csv_writer_end (writer, NULL, &error));
  g_assert_no_error (error);

  g_output_stream_write_all (stream, "", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_csv_header (void)
{
  g_autoptr(GPtrArray) initiatives = g_ptr_array_new ();
  g_autofree char *text = write_csv (initiatives);

  g_assert_cmpstr (text, ==,
                   "id,title,summary,status,start_date,end_date,scope,lead,partners,countries,"
                   "regions,gdc_objectives,wsis_action_lines,sdgs,priorities,links,updated_at,"
                   "source\r\n");
}

static void
test_csv_rows (void)
{
  g_autoptr(GPtrArray) initiatives =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  AtlasInitiative *rich = make_rich_initiative ("rich-1");
  AtlasInitiative *named = make_rich_initiative ("named");
  AtlasPartner *partner;

  /* What the store fills in when it reads. */
  named->lead_name = g_strdup ("International Telecommunication Union");
  partner = g_ptr_array_index (named->partners, 0);
  partner->name = g_strdup ("International Telecommunication Union");
  partner = g_ptr_array_index (named->partners, 1);
  partner->name = g_strdup ("Société «Numérique»");
  named->source_title = g_strdup ("Digital Cooperation Portal");
  named->source_url = g_strdup ("https://portal.example.org/feed");
  rich->source_url = g_strdup ("https://portal.example.org/feed");

  g_ptr_array_add (initiatives, rich);
  g_ptr_array_add (initiatives, named);
  g_ptr_array_add (initiatives, make_minimal_initiative ("min", "Minimal"));

  text = write_csv (initiatives);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  rows = read_csv (text);
  g_assert_cmpuint (rows->len, ==, 4);

  g_assert_cmpstr (cell_at (rows, 1, "id"), ==, "rich-1");
  g_assert_cmpstr (cell_at (rows, 1, "title"), ==, rich->title);
  g_assert_cmpstr (cell_at (rows, 1, "summary"), ==, rich->summary);
  g_assert_cmpstr (cell_at (rows, 1, "status"), ==, "completed");
  g_assert_cmpstr (cell_at (rows, 1, "start_date"), ==, "2019-09-30");
  g_assert_cmpstr (cell_at (rows, 1, "end_date"), ==, "2030-12");
  g_assert_cmpstr (cell_at (rows, 1, "scope"), ==, "national");
  g_assert_cmpstr (cell_at (rows, 1, "lead"), ==, "itu");
  g_assert_cmpstr (cell_at (rows, 1, "partners"), ==, "itu (lead); naïve \"org\" (funder); bare");
  g_assert_cmpstr (cell_at (rows, 1, "countries"), ==, "KE; BR");
  g_assert_cmpstr (cell_at (rows, 1, "regions"), ==, "002; 419; 150");
  g_assert_cmpstr (cell_at (rows, 1, "gdc_objectives"), ==, "1; 2; 3; 4; 5");
  g_assert_true (g_str_has_prefix (cell_at (rows, 1, "wsis_action_lines"), "C1; C2; C3;"));
  g_assert_true (g_str_has_suffix (cell_at (rows, 1, "wsis_action_lines"),
                                   "; C7.e-agriculture; C7.e-science"));
  g_assert_cmpstr (cell_at (rows, 1, "sdgs"), ==, "1; 9; 17");
  g_assert_cmpstr (cell_at (rows, 1, "priorities"), ==, "human-rights-online");
  g_assert_cmpstr (cell_at (rows, 1, "links"), ==,
                   "https://giga.global/?a=1&b=\"2\"; http://example.org/");
  g_assert_cmpstr (cell_at (rows, 1, "updated_at"), ==, "2026-02-28T08:30:00.5+05:30");
  g_assert_cmpstr (cell_at (rows, 1, "source"), ==, "https://portal.example.org/feed");

  /* Names when the store filled them in, ids otherwise. */
  g_assert_cmpstr (cell_at (rows, 2, "lead"), ==, "International Telecommunication Union");
  g_assert_cmpstr (cell_at (rows, 2, "partners"), ==,
                   "International Telecommunication Union (lead); "
                   "Société «Numérique» (funder); bare");
  g_assert_cmpstr (cell_at (rows, 2, "source"), ==, "Digital Cooperation Portal");

  g_assert_cmpstr (cell_at (rows, 3, "title"), ==, "Minimal");
  g_assert_cmpstr (cell_at (rows, 3, "status"), ==, "");
  g_assert_cmpstr (cell_at (rows, 3, "partners"), ==, "");
  g_assert_cmpstr (cell_at (rows, 3, "sdgs"), ==, "");
}

static void
test_csv_escaping (void)
{
  static const struct
  {
    const char *title;
    const char *cell;     /* as a reader gets it back */
    const char *raw;      /* as written, with its comma before */
  } cases[] = {
    { "plain", "plain", ",plain," },
    { "a, b", "a, b", ",\"a, b\"," },
    { "say \"hi\"", "say \"hi\"", ",\"say \"\"hi\"\"\"," },
    { "two\nlines", "two\nlines", ",\"two\nlines\"," },
    { "cr\r\nlf", "cr\r\nlf", ",\"cr\r\nlf\"," },
    { "=SUM(A1:A9)", "'=SUM(A1:A9)", ",'=SUM(A1:A9)," },
    { "+1 555", "'+1 555", ",'+1 555," },
    { "-2+3", "'-2+3", ",'-2+3," },
    { "@cmd", "'@cmd", ",'@cmd," },
    { "\tindented", "'\tindented", ",'\tindented," },
    { "\rreturn", "'\rreturn", ",\"'\rreturn\"," },
    { "=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")",
      ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"," },
    { "a=b", "a=b", ",a=b," },
    { "<b>markup</b>", "<b>markup</b>", ",<b>markup</b>," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) initiatives =
        g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (initiatives, make_minimal_initiative ("id", cases[i].title));
      text = write_csv (initiatives);
      g_test_message ("%s", cases[i].raw);
      g_assert_nonnull (strstr (text, cases[i].raw));
      g_assert_true (g_str_has_suffix (text, "\r\n"));

      rows = read_csv (text);
      g_assert_cmpuint (rows->len, ==, 2);
      g_assert_cmpstr (cell_at (rows, 1, "title"), ==, cases[i].cell);
    }

  {
    /* Every column is protected, not only the title. */
    g_autoptr(GPtrArray) initiatives =
      g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *text = NULL;
    AtlasInitiative *initiative = make_minimal_initiative ("=cmd|' /C calc'!A0", "T");

    initiative->summary = g_strdup ("@SUM(1)");
    initiative->lead = g_strdup ("+lead");
    atlas_initiative_add_partner (initiative, "-partner", ATLAS_ROLE_UNKNOWN);
    g_ptr_array_add (initiatives, initiative);
    text = write_csv (initiatives);
    rows = read_csv (text);
    g_assert_cmpstr (cell_at (rows, 1, "id"), ==, "'=cmd|' /C calc'!A0");
    g_assert_cmpstr (cell_at (rows, 1, "summary"), ==, "'@SUM(1)");
    g_assert_cmpstr (cell_at (rows, 1, "lead"), ==, "'+lead");
    g_assert_cmpstr (cell_at (rows, 1, "partners"), ==, "'-partner");
  }
}

static void
test_csv_many_rows (void)
{
  g_autoptr(GPtrArray) initiatives =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (initiatives, make_numbered_initiative (i));

  text = write_csv (initiatives);
  rows = read_csv (text);
  g_assert_cmpuint (rows->len, ==, 2001);
  g_assert_cmpstr (cell_at (rows, 2000, "id"), ==, "initiative-01999");
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/feed-writer/round-trip", test_round_trip);
  g_test_add_func ("/feed-writer/document-shape", test_document_shape);
  g_test_add_func ("/feed-writer/empty-document", test_empty_document);
  g_test_add_func ("/feed-writer/streaming", test_streaming);
  g_test_add_func ("/feed-writer/write-error", test_write_error);
  g_test_add_func ("/csv-writer/header", test_csv_header);
  g_test_add_func ("/csv-writer/rows", test_csv_rows);
  g_test_add_func ("/csv-writer/escaping", test_csv_escaping);
  g_test_add_func ("/csv-writer/many-rows", test_csv_many_rows);

  return g_test_run ();
}
