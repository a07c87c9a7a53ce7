/* test-portal-feed.c
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

#include "atlas-enums.h"
#include "atlas-feed-parser.h"
#include "atlas-feed-writer.h"
#include "atlas-initiative.h"
#include "atlas-portal-feed.h"
#include "atlas-test-feed.h"
#include "atlas-test-util.h"

#define BASE_URI "https://portal.example.org/feed/v1/initiatives.json"

/* Test documents are written with ' for " to keep them readable. */
static char *
unquote (const char *text)
{
  char *json = g_strdup (text);

  for (char *p = json; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';

  return json;
}

static AtlasFeedPage *
parse_document (const char  *text,
                const char  *base_uri,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  g_autofree char *json = unquote (text);

  json_parser_load_from_data (parser, json, -1, &json_error);
  g_assert_no_error (json_error);

  return atlas_portal_feed_parse (json_parser_get_root (parser), base_uri, error);
}

/* A complete document with these initiatives (a JSON array, ' for "). */
static AtlasFeedPage *
parse_initiatives (const char *initiatives)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page;

  text = g_strdup_printf ("{'format':'digital-cooperation-feed','version':1,"
                          "'generated_at':'2026-03-01T10:00:00Z','complete':true,'next':null,"
                          "'initiatives':%s}",
                          initiatives);
  page = parse_document (text, BASE_URI, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  return page;
}

static AtlasFeedPage *
parse_organizations (const char *organizations)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page;

  text = g_strdup_printf ("{'format':'digital-cooperation-feed','version':1,"
                          "'generated_at':'2026-03-01T10:00:00Z','complete':true,"
                          "'organizations':%s,'initiatives':[]}",
                          organizations);
  page = parse_document (text, BASE_URI, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  return page;
}

static AtlasInitiative *
get_initiative (AtlasFeedPage *page,
                guint          index)
{
  g_assert_cmpuint (index, <, page->initiatives->len);
  return g_ptr_array_index (page->initiatives, index);
}

/* The one problem about @field, checked to be a whole sentence. */
static const AtlasProblem *
find_problem (AtlasFeedPage    *page,
              AtlasProblemKind  kind,
              const char       *field)
{
  const AtlasProblem *found = NULL;

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      if (problem->kind == kind && g_strcmp0 (problem->field, field) == 0)
        {
          g_assert_null (found);
          found = problem;
        }
    }

  if (found == NULL)
    g_error ("No problem of kind %d about “%s” among %u", kind, field, page->problems->len);

  g_assert_true (g_utf8_validate (found->message, -1, NULL));
  g_assert_true (g_str_has_suffix (found->message, "."));
  g_assert_true (g_ascii_isupper (found->message[0]));

  return found;
}

static void
assert_message_names (const AtlasProblem *problem,
                      const char         *text)
{
  if (strstr (problem->message, text) == NULL)
    g_error ("The message “%s” does not name “%s”", problem->message, text);
}

/* Document level */

static void
test_minimal (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  AtlasInitiative *initiative;

  page = parse_document ("{'format':'digital-cooperation-feed','version':1,"
                         "'generated_at':'2026-03-01T10:00:00Z','complete':true,"
                         "'initiatives':[{'id':'a','title':'A'}]}",
                         NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_PORTAL);
  g_assert_cmpstr (page->generated_at, ==, "2026-03-01T10:00:00Z");
  g_assert_true (page->complete);
  g_assert_null (page->next);
  g_assert_cmpuint (page->organizations->len, ==, 0);
  g_assert_cmpuint (page->deleted->len, ==, 0);
  g_assert_cmpuint (page->problems->len, ==, 0);
  g_assert_cmpuint (page->initiatives->len, ==, 1);

  initiative = get_initiative (page, 0);
  g_assert_cmpstr (initiative->id, ==, "a");
  g_assert_cmpstr (initiative->title, ==, "A");
  g_assert_null (initiative->summary);
  g_assert_null (initiative->description);
  g_assert_cmpint (initiative->status, ==, ATLAS_STATUS_UNKNOWN);
  g_assert_cmpint (initiative->scope, ==, ATLAS_SCOPE_UNKNOWN);
  g_assert_null (initiative->start_date);
  g_assert_null (initiative->lead);
  g_assert_cmpuint (initiative->partners->len, ==, 0);
  g_assert_cmpuint (initiative->countries->len, ==, 0);
  g_assert_cmpuint (initiative->regions->len, ==, 0);
  g_assert_false (initiative->has_location);
  g_assert_cmpuint (initiative->gdc_objectives | initiative->wsis_lines |
                    initiative->sdgs | initiative->priorities, ==, 0);
  g_assert_cmpuint (initiative->links->len, ==, 0);
  g_assert_cmpuint (initiative->milestones->len, ==, 0);
  g_assert_cmpuint (initiative->properties->len, ==, 0);
  g_assert_null (initiative->updated_at);
}

static void
test_unknown_members_ignored (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;

  page = parse_initiatives ("[{'id':'a','title':'A','colour':'blue','extra':{'x':[1,2]},"
                            "'location':{'lat':1,'lon':2,'alt':3}}]");
  g_assert_cmpuint (page->initiatives->len, ==, 1);
  g_assert_cmpuint (page->problems->len, ==, 0);
  g_assert_true (get_initiative (page, 0)->has_location);
}

static void
test_header_errors (void)
{
  static const struct
  {
    const char *document;
    int         code;
  } cases[] = {
    { "[]", ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "'digital-cooperation-feed'", ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "{'version':1,'complete':true,'initiatives':[]}", ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "{'format':'another-feed','version':1,'complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "{'format':1,'version':1,'complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "{'format':'digital-cooperation-feed','complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':'1','complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':2,'complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_UNSUPPORTED_VERSION },
    { "{'format':'digital-cooperation-feed','version':1.5,'complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_UNSUPPORTED_VERSION },
    /* Version 2 wins over the members it may have changed. */
    { "{'format':'digital-cooperation-feed','version':2,'records':[]}",
      ATLAS_FEED_ERROR_UNSUPPORTED_VERSION },
    { "{'format':'digital-cooperation-feed','version':1,'initiatives':[]}",
      ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':'yes','initiatives':[]}",
      ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':true}",
      ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':true,'initiatives':{}}",
      ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':true,'initiatives':[],"
      "'organizations':{}}", ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':false,'initiatives':[],"
      "'deleted':'a'}", ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':true,'initiatives':[],"
      "'generated_at':20260301}", ATLAS_FEED_ERROR_INVALID },
    { "{'format':'digital-cooperation-feed','version':1,'complete':true,'initiatives':[],"
      "'next':true}", ATLAS_FEED_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AtlasFeedPage) page = NULL;
      g_autoptr(GError) error = NULL;

      page = parse_document (cases[i].document, BASE_URI, &error);
      g_test_message ("%s", cases[i].document);
      g_assert_null (page);
      g_assert_error (error, ATLAS_FEED_ERROR, cases[i].code);
      g_assert_true (g_str_has_suffix (error->message, "."));
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_version_number_forms (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  /* JSON does not tell 1 from 1.0. */
  page = parse_document ("{'format':'digital-cooperation-feed','version':1.0,"
                         "'generated_at':'2026-03-01T10:00:00Z','complete':true,'initiatives':[]}",
                         NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_clear_pointer (&page, atlas_feed_page_free);

  page = parse_document ("{'format':'digital-cooperation-feed','version':2,'complete':true,"
                         "'initiatives':[]}",
                         NULL, &error);
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "2"));
}

static void
test_generated_at (void)
{
  static const char * const valid[] = {
    "2026-03-01T10:00:00Z",
    "2026-03-01t10:00:00z",
    "2026-03-01T10:00:00.123456+02:00",
    "2024-02-29T23:59:60-11:30",
  };
  static const char * const invalid[] = {
    "2026-03-01",
    "2026-03-01 10:00:00Z",
    "2026-03-01T10:00:00",
    "2026-02-30T10:00:00Z",
    "2026-03-01T24:00:00Z",
    "2026-03-01T10:00:00.Z",
    "2026-03-01T10:00:00+0200",
    "yesterday",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'format':'digital-cooperation-feed','version':1,"
                                               "'generated_at':'%s','complete':true,"
                                               "'initiatives':[]}",
                                               valid[i]);
      g_autoptr(AtlasFeedPage) page = parse_document (text, NULL, NULL);

      g_assert_cmpstr (page->generated_at, ==, valid[i]);
      g_assert_cmpuint (page->problems->len, ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'format':'digital-cooperation-feed','version':1,"
                                               "'generated_at':'%s','complete':true,"
                                               "'initiatives':[]}",
                                               invalid[i]);
      g_autoptr(AtlasFeedPage) page = parse_document (text, NULL, NULL);
      const AtlasProblem *problem;

      g_test_message ("%s", invalid[i]);
      g_assert_null (page->generated_at);
      problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "generated_at");
      g_assert_cmpstr (problem->value, ==, invalid[i]);
      assert_message_names (problem, invalid[i]);
    }

  {
    g_autoptr(AtlasFeedPage) page =
      parse_document ("{'format':'digital-cooperation-feed','version':1,'complete':true,"
                      "'initiatives':[{'id':'a','title':'A'}]}",
                      NULL, NULL);

    g_assert_null (page->generated_at);
    g_assert_cmpuint (page->initiatives->len, ==, 1);
    g_assert_null (find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "generated_at")->record_id);
  }
}

/* Every field */

static void
test_all_fields (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  AtlasOrganization *organization;
  const AtlasPartner *partner;
  const AtlasLink *link;
  const AtlasMilestone *milestone;
  const AtlasProperty *property;
  g_autoptr(GError) error = NULL;

  page = parse_document (
    "{'format':'digital-cooperation-feed','version':1,'generated_at':'2026-03-01T10:00:00Z',"
    " 'complete':true,'next':null,"
    " 'organizations':["
    "  {'id':'itu','name':'International Telecommunication Union','type':'un-entity',"
    "   'country':'ch','website':'https://www.itu.int/'},"
    "  {'id':'ke-ict','name':'Ministry of ICT','type':'government','country':'KE'},"
    "  {'id':'x','name':'X'}],"
    " 'initiatives':[{"
    "  'id':'giga','title':'Giga','summary':'Connecting every school.',"
    "  'description':'Long text.\\nSecond line.','status':'ongoing',"
    "  'start_date':'2019-09','end_date':'2030','lead':'itu',"
    "  'partners':[{'organization':'itu','role':'lead'},"
    "    {'organization':'ke-ict','role':'implementer'},"
    "    {'organization':'x','role':'funder'},{'organization':'x','role':'partner'},"
    "    {'organization':'x','role':'owner'},{'organization':'x','role':'maintainer'},"
    "    {'organization':'x'}],"
    "  'scope':'global','countries':['KE','rw','BR'],'regions':['002',419,'150'],"
    "  'location':{'lat':-1.2921,'lon':36.8219},"
    "  'gdc_objectives':[1,3,5],'wsis_action_lines':['C2','C7.e-learning','C11','C7'],"
    "  'sdgs':[4,9,17,1],"
    "  'priorities':['digital-public-infrastructure','inclusive-digital-economy'],"
    "  'links':[{'title':'Website','url':'https://giga.global/'},"
    "    {'url':'http://example.org/a?b=c'}],"
    "  'milestones':[{'date':'2020-01-15','title':'Launch','status':'achieved','progress':100},"
    "    {'date':'2030','title':'All schools','status':'planned','progress':0},"
    "    {'title':'Funding round','status':'delayed'}],"
    "  'updated_at':'2026-02-28T08:30:00+01:00',"
    "  'properties':{'stage':'DPG','type':'software','license':'MIT'}"
    " }]}",
    BASE_URI, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->problems->len, ==, 0);

  g_assert_cmpuint (page->organizations->len, ==, 3);
  organization = g_ptr_array_index (page->organizations, 0);
  g_assert_cmpstr (organization->id, ==, "itu");
  g_assert_cmpstr (organization->name, ==, "International Telecommunication Union");
  g_assert_cmpint (organization->type, ==, ATLAS_ORG_TYPE_UN_ENTITY);
  g_assert_cmpstr (organization->country, ==, "CH");
  g_assert_cmpstr (organization->website, ==, "https://www.itu.int/");
  organization = g_ptr_array_index (page->organizations, 1);
  g_assert_cmpint (organization->type, ==, ATLAS_ORG_TYPE_GOVERNMENT);
  g_assert_null (organization->website);
  organization = g_ptr_array_index (page->organizations, 2);
  g_assert_cmpint (organization->type, ==, ATLAS_ORG_TYPE_UNKNOWN);
  g_assert_null (organization->country);

  g_assert_cmpuint (page->initiatives->len, ==, 1);
  initiative = get_initiative (page, 0);
  g_assert_cmpstr (initiative->id, ==, "giga");
  g_assert_cmpstr (initiative->title, ==, "Giga");
  g_assert_cmpstr (initiative->summary, ==, "Connecting every school.");
  g_assert_cmpstr (initiative->description, ==, "Long text.\nSecond line.");
  g_assert_cmpint (initiative->status, ==, ATLAS_STATUS_ONGOING);
  g_assert_cmpint (initiative->scope, ==, ATLAS_SCOPE_GLOBAL);
  g_assert_cmpstr (initiative->start_date, ==, "2019-09");
  g_assert_cmpstr (initiative->end_date, ==, "2030");
  g_assert_cmpstr (initiative->lead, ==, "itu");

  g_assert_cmpuint (initiative->partners->len, ==, 7);
  partner = g_ptr_array_index (initiative->partners, 0);
  g_assert_cmpstr (partner->organization, ==, "itu");
  g_assert_cmpint (partner->role, ==, ATLAS_ROLE_LEAD);
  partner = g_ptr_array_index (initiative->partners, 1);
  g_assert_cmpstr (partner->organization, ==, "ke-ict");
  g_assert_cmpint (partner->role, ==, ATLAS_ROLE_IMPLEMENTER);
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (initiative->partners, 2))->role, ==,
                   ATLAS_ROLE_FUNDER);
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (initiative->partners, 3))->role, ==,
                   ATLAS_ROLE_PARTNER);
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (initiative->partners, 4))->role, ==,
                   ATLAS_ROLE_OWNER);
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (initiative->partners, 5))->role, ==,
                   ATLAS_ROLE_MAINTAINER);
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (initiative->partners, 6))->role, ==,
                   ATLAS_ROLE_UNKNOWN);

  g_assert_cmpuint (initiative->countries->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (initiative->countries, 0), ==, "KE");
  g_assert_cmpstr (g_ptr_array_index (initiative->countries, 1), ==, "RW");
  g_assert_cmpstr (g_ptr_array_index (initiative->countries, 2), ==, "BR");
  g_assert_cmpuint (initiative->regions->len, ==, 3);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 0), ==, 2);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 1), ==, 419);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 2), ==, 150);

  g_assert_true (initiative->has_location);
  g_assert_cmpfloat (initiative->latitude, ==, -1.2921);
  g_assert_cmpfloat (initiative->longitude, ==, 36.8219);

  /* Bit sets as atlas-types.h lays them out. */
  g_assert_cmphex (initiative->gdc_objectives, ==, (1u << 0) | (1u << 2) | (1u << 4));
  g_assert_cmphex (initiative->wsis_lines, ==,
                   (1u << ATLAS_WSIS_C2) | (1u << ATLAS_WSIS_C7_E_LEARNING) |
                   (1u << ATLAS_WSIS_C11) | (1u << ATLAS_WSIS_C7));
  g_assert_cmphex (initiative->sdgs, ==, (1u << 3) | (1u << 8) | (1u << 16) | (1u << 0));
  g_assert_cmphex (initiative->priorities, ==,
                   (1u << ATLAS_PRIORITY_DIGITAL_PUBLIC_INFRASTRUCTURE) |
                   (1u << ATLAS_PRIORITY_INCLUSIVE_DIGITAL_ECONOMY));

  g_assert_cmpuint (initiative->links->len, ==, 2);
  link = g_ptr_array_index (initiative->links, 0);
  g_assert_cmpstr (link->title, ==, "Website");
  g_assert_cmpstr (link->url, ==, "https://giga.global/");
  link = g_ptr_array_index (initiative->links, 1);
  g_assert_null (link->title);
  g_assert_cmpstr (link->url, ==, "http://example.org/a?b=c");

  g_assert_cmpuint (initiative->milestones->len, ==, 3);
  milestone = g_ptr_array_index (initiative->milestones, 0);
  g_assert_cmpstr (milestone->date, ==, "2020-01-15");
  g_assert_cmpstr (milestone->title, ==, "Launch");
  g_assert_cmpint (milestone->status, ==, ATLAS_MILESTONE_ACHIEVED);
  g_assert_cmpint (milestone->progress, ==, 100);
  milestone = g_ptr_array_index (initiative->milestones, 1);
  g_assert_cmpint (milestone->status, ==, ATLAS_MILESTONE_PLANNED);
  g_assert_cmpint (milestone->progress, ==, 0);
  milestone = g_ptr_array_index (initiative->milestones, 2);
  g_assert_null (milestone->date);
  g_assert_cmpint (milestone->status, ==, ATLAS_MILESTONE_DELAYED);
  g_assert_cmpint (milestone->progress, ==, -1);

  g_assert_cmpstr (initiative->updated_at, ==, "2026-02-28T08:30:00+01:00");

  g_assert_cmpuint (initiative->properties->len, ==, 3);
  property = g_ptr_array_index (initiative->properties, 0);
  g_assert_cmpstr (property->key, ==, "stage");
  g_assert_cmpstr (property->value, ==, "DPG");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "type"), ==, "software");
  property = g_ptr_array_index (initiative->properties, 2);
  g_assert_cmpstr (property->key, ==, "license");
}

static void
test_all_wsis_lines_and_priorities (void)
{
  g_autoptr(GString) lines = g_string_new ("[");
  g_autoptr(GString) json = NULL;
  g_autoptr(AtlasFeedPage) page = NULL;

  for (guint i = 0; i < ATLAS_N_WSIS_LINES; i++)
    g_string_append_printf (lines, "%s'%s'", i > 0 ? "," : "",
                            atlas_wsis_line_to_string ((AtlasWsisLine) i));
  g_string_append (lines, "]");

  json = g_string_new (NULL);
  g_string_printf (json, "[{'id':'a','title':'A','wsis_action_lines':%s,'priorities':["
                   "'ai-governance','digital-public-infrastructure','human-rights-online',"
                   "'inclusive-digital-economy'],'sdgs':[1,2,3,4,5,6,7,8,9,10,11,12,13,14,"
                   "15,16,17],'gdc_objectives':['1','2','3','4','5']}]",
                   lines->str);
  page = parse_initiatives (json->str);
  g_assert_cmpuint (page->problems->len, ==, 0);
  g_assert_cmphex (get_initiative (page, 0)->wsis_lines, ==, (1u << ATLAS_N_WSIS_LINES) - 1);
  g_assert_cmphex (get_initiative (page, 0)->priorities, ==, (1u << ATLAS_N_PRIORITIES) - 1);
  g_assert_cmphex (get_initiative (page, 0)->sdgs, ==, (1u << ATLAS_N_SDGS) - 1);
  g_assert_cmphex (get_initiative (page, 0)->gdc_objectives, ==,
                   (1u << ATLAS_N_GDC_OBJECTIVES) - 1);
}

/* Records that break the contract */

static void
test_required_fields (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  const AtlasProblem *problem;

  page = parse_initiatives ("[{'title':'No id'},"
                            " {'id':'  ','title':'Blank id'},"
                            " {'id':null,'title':'Null id'},"
                            " {'id':'b'},"
                            " {'id':'c','title':'   '},"
                            " {'id':'kept','title':'Kept'},"
                            " 'not an object']");

  g_assert_cmpuint (page->initiatives->len, ==, 1);
  g_assert_cmpstr (get_initiative (page, 0)->id, ==, "kept");
  g_assert_cmpuint (page->problems->len, ==, 6);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *position = g_strdup_printf ("%u", i + 1);

      problem = g_ptr_array_index (page->problems, i);
      g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_SKIPPED_RECORD);
      g_assert_null (problem->record_id);
      g_assert_cmpstr (problem->field, ==, "id");
      assert_message_names (problem, position);
    }

  problem = g_ptr_array_index (page->problems, 3);
  g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_SKIPPED_RECORD);
  g_assert_cmpstr (problem->record_id, ==, "b");
  g_assert_cmpstr (problem->field, ==, "title");
  assert_message_names (problem, "“b”");

  problem = g_ptr_array_index (page->problems, 4);
  g_assert_cmpstr (problem->record_id, ==, "c");
  g_assert_cmpstr (problem->field, ==, "title");

  problem = g_ptr_array_index (page->problems, 5);
  g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_SKIPPED_RECORD);
  assert_message_names (problem, "7");
}

static void
test_wrong_types (void)
{
  static const struct
  {
    const char *members;
    const char *field;
  } cases[] = {
    { "'id':5", "id" },
    { "'id':['x']", "id" },
    { "'title':5", "title" },
    { "'summary':['a']", "summary" },
    { "'description':true", "description" },
    { "'status':3", "status" },
    { "'scope':{}", "scope" },
    { "'start_date':2020", "start_date" },
    { "'end_date':[2020]", "end_date" },
    { "'lead':3", "lead" },
    { "'partners':'itu'", "partners" },
    { "'partners':['itu']", "partners" },
    { "'partners':[{'organization':5}]", "partners.organization" },
    { "'partners':[{'organization':'itu','role':1}]", "partners.role" },
    { "'countries':'KE'", "countries" },
    { "'countries':[404]", "countries" },
    { "'countries':['KE',null]", "countries" },
    { "'regions':2", "regions" },
    { "'regions':[true]", "regions" },
    { "'location':[1,2]", "location" },
    { "'location':{'lat':'1','lon':2}", "location.lat" },
    { "'location':{'lat':1,'lon':null,'x':1}", NULL },
    { "'location':{'lat':1,'lon':[2]}", "location.lon" },
    { "'gdc_objectives':1", "gdc_objectives" },
    { "'gdc_objectives':[[1]]", "gdc_objectives" },
    { "'wsis_action_lines':'C1'", "wsis_action_lines" },
    { "'wsis_action_lines':[1]", "wsis_action_lines" },
    { "'sdgs':{'1':true}", "sdgs" },
    { "'sdgs':[false]", "sdgs" },
    { "'priorities':['ai-governance',{}]", "priorities" },
    { "'links':{'url':'https://a.org/'}", "links" },
    { "'links':['https://a.org/']", "links" },
    { "'links':[{'url':5}]", "links.url" },
    { "'links':[{'url':'https://a.org/','title':[]}]", "links.title" },
    { "'milestones':{}", "milestones" },
    { "'milestones':['Launch']", "milestones" },
    { "'milestones':[{'title':1}]", "milestones.title" },
    { "'milestones':[{'title':'a','date':20200101}]", "milestones.date" },
    { "'milestones':[{'title':'a','status':true}]", "milestones.status" },
    { "'milestones':[{'title':'a','progress':'50'}]", "milestones.progress" },
    { "'updated_at':1700000000", "updated_at" },
    { "'properties':['stage','DPG']", "properties" },
    { "'properties':{'stage':1}", "properties" },
    { "'properties':{'stage':null}", "properties" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(AtlasFeedPage) page = NULL;
      const AtlasProblem *problem;

      /* An id given in the case replaces the default one (JSON keeps the last). */
      json = g_strdup_printf ("[{'id':'bad','title':'Bad',%s},{'id':'good','title':'Good'}]",
                              cases[i].members);
      g_test_message ("%s", cases[i].members);
      page = parse_initiatives (json);

      if (cases[i].field == NULL)
        {
          /* Not a wrong type: a location without its longitude is dropped. */
          g_assert_cmpuint (page->initiatives->len, ==, 2);
          g_assert_false (get_initiative (page, 0)->has_location);
          find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "location");
          continue;
        }

      g_assert_cmpuint (page->initiatives->len, ==, 1);
      g_assert_cmpstr (get_initiative (page, 0)->id, ==, "good");
      g_assert_cmpuint (page->problems->len, ==, 1);
      problem = find_problem (page, ATLAS_PROBLEM_SKIPPED_RECORD, cases[i].field);
      if (strcmp (cases[i].field, "id") != 0)
        {
          g_assert_cmpstr (problem->record_id, ==, "bad");
          assert_message_names (problem, "“bad”");
          assert_message_names (problem, cases[i].field);
        }
    }
}

static void
test_organization_errors (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  const AtlasProblem *problem;
  AtlasOrganization *organization;

  page = parse_organizations ("[{'id':'a'},"
                              " {'name':'No id'},"
                              " {'id':'b','name':'B','type':5},"
                              " {'id':'c','name':'C','type':'ngo','country':'XX',"
                              "  'website':'javascript:alert(1)'},"
                              " {'id':'d','name':'D','website':'x'},"
                              " 12]");

  g_assert_cmpuint (page->organizations->len, ==, 2);
  organization = g_ptr_array_index (page->organizations, 0);
  g_assert_cmpstr (organization->id, ==, "c");
  g_assert_cmpstr (organization->name, ==, "C");
  g_assert_cmpint (organization->type, ==, ATLAS_ORG_TYPE_UNKNOWN);
  g_assert_null (organization->country);
  g_assert_null (organization->website);

  problem = find_problem (page, ATLAS_PROBLEM_SKIPPED_RECORD, "name");
  g_assert_cmpstr (problem->record_id, ==, "a");
  problem = find_problem (page, ATLAS_PROBLEM_SKIPPED_RECORD, "id");
  g_assert_null (problem->record_id);
  problem = find_problem (page, ATLAS_PROBLEM_SKIPPED_RECORD, "type");
  g_assert_cmpstr (problem->record_id, ==, "b");

  problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "type");
  g_assert_cmpstr (problem->record_id, ==, "c");
  g_assert_cmpstr (problem->value, ==, "ngo");
  assert_message_names (problem, "“ngo”");
  problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "country");
  g_assert_cmpstr (problem->value, ==, "XX");
  g_assert_cmpuint (page->problems->len, ==, 8);
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *string = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (string, unit);

  return g_string_free (string, FALSE);
}

static char *
list_of (const char *item,
         guint       times)
{
  GString *string = g_string_new ("[");

  for (guint i = 0; i < times; i++)
    g_string_append_printf (string, "%s%s", i > 0 ? "," : "", item);
  g_string_append (string, "]");

  return g_string_free (string, FALSE);
}

static void
check_limit (const char *members_at_limit,
             const char *members_over_limit,
             const char *field)
{
  g_autofree char *json = NULL;
  g_autoptr(AtlasFeedPage) page = NULL;
  const AtlasProblem *problem;

  json = g_strdup_printf ("[{'id':'at','title':'At',%s}]", members_at_limit);
  page = parse_initiatives (json);
  g_assert_cmpuint (page->initiatives->len, ==, 1);
  g_clear_pointer (&page, atlas_feed_page_free);
  g_clear_pointer (&json, g_free);

  json = g_strdup_printf ("[{'id':'over','title':'Over',%s}]", members_over_limit);
  page = parse_initiatives (json);
  g_assert_cmpuint (page->initiatives->len, ==, 0);
  problem = find_problem (page, ATLAS_PROBLEM_SKIPPED_RECORD, field);
  if (strcmp (field, "id") != 0)
    g_assert_cmpstr (problem->record_id, ==, "over");
}

static void
test_size_limits (void)
{
  /* Limits count characters: "é" is two bytes. */
  g_autofree char *id_at = repeat ("é", ATLAS_FEED_MAX_ID_LENGTH);
  g_autofree char *id_over = repeat ("i", ATLAS_FEED_MAX_ID_LENGTH + 1);
  g_autofree char *title_at = repeat ("é", ATLAS_FEED_MAX_TITLE_LENGTH);
  g_autofree char *title_over = repeat ("t", ATLAS_FEED_MAX_TITLE_LENGTH + 1);
  g_autofree char *summary_at = repeat ("é", ATLAS_FEED_MAX_SUMMARY_LENGTH);
  g_autofree char *summary_over = repeat ("s", ATLAS_FEED_MAX_SUMMARY_LENGTH + 1);
  g_autofree char *text_at = repeat ("d", ATLAS_FEED_MAX_TEXT_LENGTH);
  g_autofree char *text_over = repeat ("d", ATLAS_FEED_MAX_TEXT_LENGTH + 1);
  g_autofree char *path_at = repeat ("p", ATLAS_FEED_MAX_URL_LENGTH - strlen ("https://a.org/"));
  g_autofree char *path_over = repeat ("p", ATLAS_FEED_MAX_URL_LENGTH + 1 -
                                            strlen ("https://a.org/"));
  g_autofree char *list_at = list_of ("'KE'", ATLAS_FEED_MAX_LIST_LENGTH);
  g_autofree char *list_over = list_of ("'KE'", ATLAS_FEED_MAX_LIST_LENGTH + 1);
  g_autofree char *sdgs_over = list_of ("3", ATLAS_FEED_MAX_LIST_LENGTH + 1);
  g_autoptr(GString) properties_over = g_string_new ("{");
  g_autofree char *members_over = NULL;
  g_autofree char *value_at = repeat ("v", ATLAS_FEED_MAX_SUMMARY_LENGTH);
  g_autofree char *value_over = repeat ("v", ATLAS_FEED_MAX_SUMMARY_LENGTH + 1);

  {
    /* The id replaces the one check_limit() gives. */
    g_autofree char *at = g_strdup_printf ("'id':'%s'", id_at);
    g_autofree char *over = g_strdup_printf ("'id':'%s'", id_over);
    check_limit (at, over, "id");
  }
  {
    g_autofree char *at = g_strdup_printf ("'title':'%s'", title_at);
    g_autofree char *over = g_strdup_printf ("'title':'%s'", title_over);
    check_limit (at, over, "title");
  }
  {
    g_autofree char *at = g_strdup_printf ("'summary':'%s'", summary_at);
    g_autofree char *over = g_strdup_printf ("'summary':'%s'", summary_over);
    check_limit (at, over, "summary");
  }
  {
    g_autofree char *at = g_strdup_printf ("'description':'%s'", text_at);
    g_autofree char *over = g_strdup_printf ("'description':'%s'", text_over);
    check_limit (at, over, "description");
  }
  {
    g_autofree char *at = g_strdup_printf ("'links':[{'url':'https://a.org/%s'}]", path_at);
    g_autofree char *over = g_strdup_printf ("'links':[{'url':'https://a.org/%s'}]", path_over);
    check_limit (at, over, "links.url");
  }
  {
    g_autofree char *at = g_strdup_printf ("'links':[{'url':'https://a.org/','title':'%s'}]",
                                           title_at);
    g_autofree char *over = g_strdup_printf ("'links':[{'url':'https://a.org/','title':'%s'}]",
                                             title_over);
    check_limit (at, over, "links.title");
  }
  {
    g_autofree char *at = g_strdup_printf ("'milestones':[{'title':'%s'}]", title_at);
    g_autofree char *over = g_strdup_printf ("'milestones':[{'title':'%s'}]", title_over);
    check_limit (at, over, "milestones.title");
  }
  {
    g_autofree char *at = g_strdup_printf ("'countries':%s", list_at);
    g_autofree char *over = g_strdup_printf ("'countries':%s", list_over);
    check_limit (at, over, "countries");
  }
  {
    g_autofree char *over = g_strdup_printf ("'sdgs':%s", sdgs_over);
    check_limit ("'sdgs':[3]", over, "sdgs");
  }
  {
    g_autofree char *at = g_strdup_printf ("'properties':{'k':'%s'}", value_at);
    g_autofree char *over = g_strdup_printf ("'properties':{'k':'%s'}", value_over);
    check_limit (at, over, "properties");
  }

  for (guint i = 0; i <= ATLAS_FEED_MAX_LIST_LENGTH; i++)
    g_string_append_printf (properties_over, "%s'k%u':'v'", i > 0 ? "," : "", i);
  g_string_append (properties_over, "}");
  members_over = g_strdup_printf ("'properties':%s", properties_over->str);
  check_limit ("'properties':{'k':'v'}", members_over, "properties");

  {
    g_autofree char *at = g_strdup_printf ("'website':'https://a.org/%s'", path_at);
    g_autofree char *over = g_strdup_printf ("'website':'https://a.org/%s'", path_over);
    g_autofree char *json = g_strdup_printf ("[{'id':'o','name':'O',%s},{'id':'p','name':'P',%s}]",
                                             at, over);
    g_autoptr(AtlasFeedPage) page = parse_organizations (json);

    g_assert_cmpuint (page->organizations->len, ==, 1);
    g_assert_cmpstr (((AtlasOrganization *) g_ptr_array_index (page->organizations, 0))->id, ==,
                     "o");
    g_assert_cmpstr (find_problem (page, ATLAS_PROBLEM_SKIPPED_RECORD, "website")->record_id, ==,
                     "p");
  }
}

/* Values dropped from records that are kept */

static void
test_unknown_list_values (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  const AtlasProblem *problem;
  static const struct
  {
    const char *field;
    const char *value;
  } expected[] = {
    { "sdgs", "18" },
    { "countries", "XX" },
    { "regions", "999" },
    { "wsis_action_lines", "C12" },
    { "priorities", "space-exploration" },
    { "gdc_objectives", "6" },
  };

  page = parse_initiatives ("[{'id':'i-1','title':'Kept','sdgs':[3,18],'countries':['KE','XX'],"
                            "'regions':['002',999],'wsis_action_lines':['C1','C12'],"
                            "'priorities':['ai-governance','space-exploration'],"
                            "'gdc_objectives':[2,6]}]");

  g_assert_cmpuint (page->initiatives->len, ==, 1);
  initiative = get_initiative (page, 0);
  g_assert_cmphex (initiative->sdgs, ==, 1u << 2);
  g_assert_cmpuint (initiative->countries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (initiative->countries, 0), ==, "KE");
  g_assert_cmpuint (initiative->regions->len, ==, 1);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 0), ==, 2);
  g_assert_cmphex (initiative->wsis_lines, ==, 1u << ATLAS_WSIS_C1);
  g_assert_cmphex (initiative->priorities, ==, 1u << ATLAS_PRIORITY_AI_GOVERNANCE);
  g_assert_cmphex (initiative->gdc_objectives, ==, 1u << 1);

  g_assert_cmpuint (page->problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", expected[i].value);

      problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, expected[i].field);
      g_assert_cmpstr (problem->record_id, ==, "i-1");
      g_assert_cmpstr (problem->value, ==, expected[i].value);
      assert_message_names (problem, quoted);
      assert_message_names (problem, "“i-1”");
    }

  problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "sdgs");
  g_assert_cmpstr (problem->message, ==,
                   "The SDG “18” of initiative “i-1” is not one of the 17 goals and was left out.");
}

static void
test_unknown_codes_more (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;

  /* Numeric codes given as text, out-of-range numbers, fractions. */
  page = parse_initiatives ("[{'id':'a','title':'A','sdgs':['7',0,-1,2.5,'x','',17.0],"
                            "'regions':['419','19',2,'02a',-2,70000,'1']}]");
  initiative = get_initiative (page, 0);
  g_assert_cmphex (initiative->sdgs, ==, (1u << 6) | (1u << 16));
  g_assert_cmpuint (initiative->regions->len, ==, 4);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 0), ==, 419);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 1), ==, 19);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 2), ==, 2);
  g_assert_cmpuint (g_array_index (initiative->regions, guint16, 3), ==, 1);
  /* 0, -1, 2.5, "x", "" and "02a", -2, 70000. */
  g_assert_cmpuint (page->problems->len, ==, 8);
}

static void
test_scalar_values (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  static const struct
  {
    const char *field;
    const char *value;
  } expected[] = {
    { "status", "paused" },
    { "scope", "planetary" },
    { "start_date", "2024-13" },
    { "end_date", "2023-02-29" },
    { "updated_at", "yesterday" },
  };

  page = parse_initiatives ("[{'id':'s','title':'S','status':'paused','scope':'planetary',"
                            "'start_date':'2024-13','end_date':'2023-02-29',"
                            "'updated_at':'yesterday','summary':'Still here'}]");

  g_assert_cmpuint (page->initiatives->len, ==, 1);
  initiative = get_initiative (page, 0);
  g_assert_cmpint (initiative->status, ==, ATLAS_STATUS_UNKNOWN);
  g_assert_cmpint (initiative->scope, ==, ATLAS_SCOPE_UNKNOWN);
  g_assert_null (initiative->start_date);
  g_assert_null (initiative->end_date);
  g_assert_null (initiative->updated_at);
  g_assert_cmpstr (initiative->summary, ==, "Still here");

  g_assert_cmpuint (page->problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const AtlasProblem *problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE,
                                                  expected[i].field);

      g_assert_cmpstr (problem->value, ==, expected[i].value);
      g_assert_cmpstr (problem->record_id, ==, "s");
    }
}

static void
test_dates (void)
{
  static const char * const valid[] = { "2024", "2024-02", "2024-02-29", "0001-01-01" };
  static const char * const invalid[] = {
    "24", "2024-2", "2024-02-1", "2024/02/01", "2023-02-29", "2024-00", "2024-04-31",
    "0000", "2024-02-01T00:00:00Z", "soon",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{'id':'a','title':'A','start_date':'%s'}]",
                                               valid[i]);
      g_autoptr(AtlasFeedPage) page = parse_initiatives (json);

      g_assert_cmpstr (get_initiative (page, 0)->start_date, ==, valid[i]);
      g_assert_cmpuint (page->problems->len, ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{'id':'a','title':'A','end_date':'%s'}]",
                                               invalid[i]);
      g_autoptr(AtlasFeedPage) page = parse_initiatives (json);

      g_test_message ("%s", invalid[i]);
      g_assert_null (get_initiative (page, 0)->end_date);
      g_assert_cmpstr (find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "end_date")->value, ==,
                       invalid[i]);
    }

  {
    /* An empty string is "not given", not a bad date. */
    g_autoptr(AtlasFeedPage) page =
      parse_initiatives ("[{'id':'a','title':'A','start_date':'','status':'','lead':''}]");

    g_assert_null (get_initiative (page, 0)->start_date);
    g_assert_null (get_initiative (page, 0)->lead);
    g_assert_cmpuint (page->problems->len, ==, 0);
  }
}

static void
test_location (void)
{
  static const struct
  {
    const char *location;
    gboolean    kept;
  } cases[] = {
    { "{'lat':-90,'lon':180}", TRUE },
    { "{'lat':90.0,'lon':-180.0}", TRUE },
    { "{'lat':0,'lon':0}", TRUE },
    { "{'lat':200,'lon':10}", FALSE },
    { "{'lat':10,'lon':-180.5}", FALSE },
    { "{'lat':-90.01,'lon':0}", FALSE },
    { "{'lat':1e400,'lon':0}", FALSE },
    { "{'lat':10}", FALSE },
    { "{'lon':10}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{'id':'a','title':'A','location':%s}]",
                                               cases[i].location);
      g_autoptr(AtlasFeedPage) page = parse_initiatives (json);
      AtlasInitiative *initiative = get_initiative (page, 0);

      g_test_message ("%s", cases[i].location);
      g_assert_cmpint (initiative->has_location, ==, cases[i].kept);
      if (cases[i].kept)
        g_assert_cmpuint (page->problems->len, ==, 0);
      else
        assert_message_names (find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "location"),
                              "“a”");
    }

  {
    g_autoptr(AtlasFeedPage) page =
      parse_initiatives ("[{'id':'a','title':'A','location':{'lat':200,'lon':10}}]");

    g_assert_cmpstr (find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "location")->value, ==,
                     "200, 10");
  }
  {
    g_autoptr(AtlasFeedPage) page =
      parse_initiatives ("[{'id':'a','title':'A','location':null}]");

    g_assert_false (get_initiative (page, 0)->has_location);
    g_assert_cmpuint (page->problems->len, ==, 0);
  }
}

static void
test_links (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  guint n_link_problems = 0;

  page = parse_initiatives ("[{'id':'l','title':'L','links':["
                            " {'title':'Bad','url':'javascript:alert(1)'},"
                            " {'title':'Data','url':'data:text/html,<b>x</b>'},"
                            " {'title':'FTP','url':'ftp://example.org/file'},"
                            " {'title':'Relative','url':'/about'},"
                            " {'title':'No address'},"
                            " {'title':'Empty','url':''},"
                            " {'title':'Good','url':'https://example.org/'},"
                            " {'title':'Good','url':'https://example.org/'},"
                            " {'title':'Other title','url':'https://example.org/'},"
                            " {'url':'HTTP://EXAMPLE.ORG/UPPER'}]}]");

  initiative = get_initiative (page, 0);
  g_assert_cmpuint (initiative->links->len, ==, 3);
  g_assert_cmpstr (((AtlasLink *) g_ptr_array_index (initiative->links, 0))->title, ==, "Good");
  g_assert_cmpstr (((AtlasLink *) g_ptr_array_index (initiative->links, 1))->title, ==,
                   "Other title");
  g_assert_cmpstr (((AtlasLink *) g_ptr_array_index (initiative->links, 2))->url, ==,
                   "HTTP://EXAMPLE.ORG/UPPER");

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_UNKNOWN_VALUE);
      g_assert_cmpstr (problem->field, ==, "links.url");
      g_assert_cmpstr (problem->record_id, ==, "l");
      n_link_problems++;
    }
  g_assert_cmpuint (n_link_problems, ==, 6);
  g_assert_cmpstr (((AtlasProblem *) g_ptr_array_index (page->problems, 0))->value, ==,
                   "javascript:alert(1)");
}

static void
test_markup_kept_literally (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  AtlasOrganization *organization;

  page = parse_document ("{'format':'digital-cooperation-feed','version':1,"
                         "'generated_at':'2026-03-01T10:00:00Z','complete':true,"
                         "'organizations':[{'id':' org ','name':'<i>Org</i> &amp; Co'}],"
                         "'initiatives':[{'id':'  m-1\\n','title':'  <b>Bold</b> & <i>x</i> ',"
                         "'summary':'<script>alert(1)</script>','description':'a &lt; b\\n\\n"
                         "<a href=\\'javascript:x\\'>link</a>','lead':' org ',"
                         "'partners':[{'organization':'\\torg'}],"
                         "'milestones':[{'title':'<u>M</u>'}],"
                         "'links':[{'title':'<img src=x>','url':'https://a.org/'}],"
                         "'properties':{'<k>':'<v>'}}]}",
                         NULL, NULL);

  g_assert_cmpuint (page->problems->len, ==, 0);
  initiative = get_initiative (page, 0);
  g_assert_cmpstr (initiative->id, ==, "m-1");
  g_assert_cmpstr (initiative->title, ==, "  <b>Bold</b> & <i>x</i> ");
  g_assert_cmpstr (initiative->summary, ==, "<script>alert(1)</script>");
  g_assert_cmpstr (initiative->description, ==, "a &lt; b\n\n<a href=\"javascript:x\">link</a>");
  g_assert_cmpstr (initiative->lead, ==, "org");
  g_assert_cmpstr (((AtlasPartner *) g_ptr_array_index (initiative->partners, 0))->organization,
                   ==, "org");
  g_assert_cmpstr (((AtlasMilestone *) g_ptr_array_index (initiative->milestones, 0))->title,
                   ==, "<u>M</u>");
  g_assert_cmpstr (((AtlasLink *) g_ptr_array_index (initiative->links, 0))->title, ==,
                   "<img src=x>");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "<k>"), ==, "<v>");

  organization = g_ptr_array_index (page->organizations, 0);
  g_assert_cmpstr (organization->id, ==, "org");
  g_assert_cmpstr (organization->name, ==, "<i>Org</i> &amp; Co");
}

static void
test_lone_surrogate (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;

  /* json-glib 1.6 turns a lone surrogate into bytes that are not UTF-8
   * (and swallows the character after it). */
  page = parse_initiatives ("[{'id':'u','title':'a\\ud800 b','summary':'\\ud83c\\udf0d'}]");
  initiative = get_initiative (page, 0);
  g_assert_true (g_utf8_validate (initiative->title, -1, NULL));
  g_assert_true (g_str_has_prefix (initiative->title, "a"));
  g_assert_nonnull (strstr (initiative->title, "\xef\xbf\xbd"));
  g_assert_cmpstr (initiative->summary, ==, "🌍");
}

static void
test_milestones (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  const AtlasMilestone *milestone;

  page = parse_initiatives ("[{'id':'m','title':'M','milestones':["
                            " {'title':'Over','progress':101},"
                            " {'title':'Under','progress':-1},"
                            " {'title':'Fraction','progress':50.5},"
                            " {'title':'Whole','progress':50.0},"
                            " {'title':'Late','status':'late','date':'2024-02-30'},"
                            " {'date':'2024'},"
                            " {'title':'Whole','progress':50}]}]");

  initiative = get_initiative (page, 0);
  g_assert_cmpuint (initiative->milestones->len, ==, 5);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (((AtlasMilestone *) g_ptr_array_index (initiative->milestones, i))->progress,
                     ==, -1);
  milestone = g_ptr_array_index (initiative->milestones, 3);
  g_assert_cmpint (milestone->progress, ==, 50);
  milestone = g_ptr_array_index (initiative->milestones, 4);
  g_assert_cmpstr (milestone->title, ==, "Late");
  g_assert_null (milestone->date);
  g_assert_cmpint (milestone->status, ==, ATLAS_MILESTONE_UNKNOWN);

  /* 3 progresses, 1 status, 1 date, 1 milestone without a title; the
   * repeated "Whole" milestone is removed silently. */
  g_assert_cmpuint (page->problems->len, ==, 6);
  find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.status");
  find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.date");
  find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "milestones.title");
}

static void
test_partners (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;
  const AtlasProblem *problem;

  page = parse_initiatives ("[{'id':'p','title':'P','partners':["
                            " {'organization':'a','role':'sponsor'},"
                            " {'role':'funder'},"
                            " {'organization':'  ','role':'funder'},"
                            " {'organization':'b','role':'funder'},"
                            " {'organization':' b','role':'funder'},"
                            " {'organization':'b','role':'implementer'}]}]");

  initiative = get_initiative (page, 0);
  g_assert_cmpuint (initiative->partners->len, ==, 3);
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (initiative->partners, 0))->role, ==,
                   ATLAS_ROLE_UNKNOWN);
  problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "partners.role");
  g_assert_cmpstr (problem->value, ==, "sponsor");
  assert_message_names (problem, "“a”");
  g_assert_cmpuint (page->problems->len, ==, 3);
}

static void
test_properties (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;

  page = parse_initiatives ("[{'id':'p','title':'P','properties':{'z':'1','a':'2','':'3',"
                            "'m':''}}]");
  initiative = get_initiative (page, 0);
  g_assert_cmpuint (initiative->properties->len, ==, 3);
  g_assert_cmpstr (((AtlasProperty *) g_ptr_array_index (initiative->properties, 0))->key, ==, "z");
  g_assert_cmpstr (((AtlasProperty *) g_ptr_array_index (initiative->properties, 1))->key, ==, "a");
  g_assert_cmpstr (atlas_initiative_get_property (initiative, "m"), ==, "");
  find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "properties");
}

static void
test_duplicates_in_lists (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  AtlasInitiative *initiative;

  page = parse_initiatives ("[{'id':'d','title':'D','countries':['KE','ke','KE','UG'],"
                            "'regions':['002',2,'2','419'],'sdgs':[3,3,'3'],"
                            "'wsis_action_lines':['C1','C1'],'gdc_objectives':[1,1],"
                            "'priorities':['ai-governance','ai-governance'],"
                            "'partners':[{'organization':'a','role':'lead'},"
                            "{'organization':'a','role':'lead'}]}]");
  initiative = get_initiative (page, 0);
  g_assert_cmpuint (page->problems->len, ==, 0);
  g_assert_cmpuint (initiative->countries->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (initiative->countries, 1), ==, "UG");
  g_assert_cmpuint (initiative->regions->len, ==, 2);
  g_assert_cmphex (initiative->sdgs, ==, 1u << 2);
  g_assert_cmpuint (initiative->partners->len, ==, 1);
}

static void
test_duplicate_records (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  const AtlasProblem *problem;
  AtlasOrganization *organization;

  page = parse_document ("{'format':'digital-cooperation-feed','version':1,"
                         "'generated_at':'2026-03-01T10:00:00Z','complete':true,"
                         "'organizations':[{'id':'o','name':'First'},{'id':'p','name':'P'},"
                         " {'id':'o','name':'Second'}],"
                         "'initiatives':[{'id':'a','title':'First'},{'id':'b','title':'B'},"
                         " {'id':' a ','title':'Second'},{'id':'a','title':5}]}",
                         NULL, NULL);

  g_assert_cmpuint (page->initiatives->len, ==, 2);
  g_assert_cmpstr (get_initiative (page, 0)->id, ==, "a");
  g_assert_cmpstr (get_initiative (page, 0)->title, ==, "Second");
  g_assert_cmpstr (get_initiative (page, 1)->id, ==, "b");

  g_assert_cmpuint (page->organizations->len, ==, 2);
  organization = g_ptr_array_index (page->organizations, 0);
  g_assert_cmpstr (organization->name, ==, "Second");

  /* The duplicate of "a", the skipped "a" of the wrong type, the duplicate of "o". */
  g_assert_cmpuint (page->problems->len, ==, 3);
  problem = g_ptr_array_index (page->problems, 0);
  g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_SKIPPED_RECORD);
  g_assert_cmpstr (problem->record_id, ==, "o");
  problem = g_ptr_array_index (page->problems, 1);
  g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_SKIPPED_RECORD);
  g_assert_cmpstr (problem->record_id, ==, "a");
  g_assert_cmpstr (problem->field, ==, "id");
  assert_message_names (problem, "“a”");
}

/* Paging */

static void
test_next (void)
{
  static const struct
  {
    const char *base;
    const char *next;
    const char *expected;
  } valid[] = {
    { BASE_URI, "'initiatives.json?page=2'",
      "https://portal.example.org/feed/v1/initiatives.json?page=2" },
    { BASE_URI, "'/feed/v1/page/2'", "https://portal.example.org/feed/v1/page/2" },
    { BASE_URI, "'../v2/x.json'", "https://portal.example.org/feed/v2/x.json" },
    { BASE_URI, "'//mirror.example.net/p2'", "https://mirror.example.net/p2" },
    { "http://127.0.0.1:8080/feed", "'?cursor=abc%20d'",
      "http://127.0.0.1:8080/feed?cursor=abc%20d" },
    { NULL, "'https://other.example.org/page/2'", "https://other.example.org/page/2" },
    { BASE_URI, "null", NULL },
    { BASE_URI, "''", NULL },
  };
  static const struct
  {
    const char *base;
    const char *next;
  } invalid[] = {
    { BASE_URI, "'ftp://example.org/page2'" },
    { BASE_URI, "'javascript:alert(1)'" },
    { BASE_URI, "'file:///etc/passwd'" },
    { NULL, "'page2.json'" },
    { BASE_URI, "'initiatives.json'" },
    { BASE_URI, "'http://[::1'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'format':'digital-cooperation-feed','version':1,"
                                               "'generated_at':'2026-03-01T10:00:00Z',"
                                               "'complete':true,'next':%s,'initiatives':[]}",
                                               valid[i].next);
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasFeedPage) page = parse_document (text, valid[i].base, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (page->next, ==, valid[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'format':'digital-cooperation-feed','version':1,"
                                               "'generated_at':'2026-03-01T10:00:00Z',"
                                               "'complete':true,'next':%s,'initiatives':[]}",
                                               invalid[i].next);
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasFeedPage) page = parse_document (text, invalid[i].base, &error);

      g_test_message ("%s", invalid[i].next);
      g_assert_null (page);
      g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID);
    }
}

/* Deltas */

static void
test_delta (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = parse_document ("{'format':'digital-cooperation-feed','version':1,"
                         "'generated_at':'2026-03-02T10:00:00Z','complete':false,'next':null,"
                         "'initiatives':[{'id':'changed','title':'Changed'},"
                         " {'id':'both','title':'Both'}],"
                         "'deleted':['gone',' gone-too ','gone',5,'','both']}",
                         BASE_URI, &error);
  g_assert_no_error (error);

  g_assert_false (page->complete);
  g_assert_cmpuint (page->initiatives->len, ==, 2);
  g_assert_cmpuint (page->deleted->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (page->deleted, 0), ==, "gone");
  g_assert_cmpstr (g_ptr_array_index (page->deleted, 1), ==, "gone-too");

  /* 5, "" and "both" (kept, since the page also gives it). */
  g_assert_cmpuint (page->problems->len, ==, 3);
  g_assert_cmpstr (((AtlasProblem *) g_ptr_array_index (page->problems, 2))->record_id, ==,
                   "both");
  for (guint i = 0; i < page->problems->len; i++)
    g_assert_cmpstr (((AtlasProblem *) g_ptr_array_index (page->problems, i))->field, ==,
                     "deleted");
}

static void
test_complete_with_deleted (void)
{
  g_autoptr(AtlasFeedPage) page = NULL;
  const AtlasProblem *problem;

  page = parse_document ("{'format':'digital-cooperation-feed','version':1,"
                         "'generated_at':'2026-03-02T10:00:00Z','complete':true,"
                         "'initiatives':[{'id':'a','title':'A'}],'deleted':['b','c']}",
                         NULL, NULL);
  g_assert_true (page->complete);
  g_assert_cmpuint (page->initiatives->len, ==, 1);
  g_assert_cmpuint (page->deleted->len, ==, 0);
  problem = find_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, "deleted");
  g_assert_null (problem->record_id);
  g_assert_cmpuint (page->problems->len, ==, 1);
  g_clear_pointer (&page, atlas_feed_page_free);

  /* An empty list says nothing wrong. */
  page = parse_document ("{'format':'digital-cooperation-feed','version':1,"
                         "'generated_at':'2026-03-02T10:00:00Z','complete':true,"
                         "'initiatives':[],'deleted':[]}",
                         NULL, NULL);
  g_assert_cmpuint (page->problems->len, ==, 0);
}

/* The published examples */

static AtlasFeedPage *
parse_example (const char *name,
               const char *base_uri)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "feed", "examples", name, NULL);
  g_autoptr(GBytes) bytes = atlas_test_load_file (path);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  page = atlas_portal_feed_parse (json_parser_get_root (parser), base_uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  for (guint i = 0; i < page->problems->len; i++)
    g_test_message ("%s: %s", name,
                    ((AtlasProblem *) g_ptr_array_index (page->problems, i))->message);
  g_assert_cmpuint (page->problems->len, ==, 0);

  return page;
}

static void
test_examples (void)
{
  g_autoptr(AtlasFeedPage) single = NULL;
  g_autoptr(AtlasFeedPage) page1 = NULL;
  g_autoptr(AtlasFeedPage) page2 = NULL;
  g_autoptr(AtlasFeedPage) delta = NULL;
  AtlasInitiative *initiative;

  single = parse_example ("complete.json", "https://portal.example.org/feed/v1/initiatives");
  g_assert_true (single->complete);
  g_assert_null (single->next);
  g_assert_cmpuint (single->initiatives->len, >=, 2);
  g_assert_cmpuint (single->organizations->len, >=, 2);
  initiative = get_initiative (single, 0);
  g_assert_nonnull (initiative->summary);
  g_assert_nonnull (initiative->description);
  g_assert_cmpint (initiative->status, !=, ATLAS_STATUS_UNKNOWN);
  g_assert_cmpint (initiative->scope, !=, ATLAS_SCOPE_UNKNOWN);
  g_assert_nonnull (initiative->start_date);
  g_assert_nonnull (initiative->lead);
  g_assert_cmpuint (initiative->partners->len, >, 0);
  g_assert_cmpuint (initiative->countries->len, >, 0);
  g_assert_cmpuint (initiative->regions->len, >, 0);
  g_assert_true (initiative->has_location);
  g_assert_cmpuint (initiative->gdc_objectives, !=, 0);
  g_assert_cmpuint (initiative->wsis_lines, !=, 0);
  g_assert_cmpuint (initiative->sdgs, !=, 0);
  g_assert_cmpuint (initiative->priorities, !=, 0);
  g_assert_cmpuint (initiative->links->len, >, 0);
  g_assert_cmpuint (initiative->milestones->len, >, 0);
  g_assert_cmpuint (initiative->properties->len, >, 0);
  g_assert_nonnull (initiative->updated_at);

  page1 = parse_example ("snapshot-page-1.json", "https://portal.example.org/feed/v1/initiatives");
  g_assert_true (page1->complete);
  g_assert_cmpstr (page1->next, ==, "https://portal.example.org/feed/v1/initiatives?page=2");
  page2 = parse_example ("snapshot-page-2.json", page1->next);
  g_assert_true (page2->complete);
  g_assert_null (page2->next);
  g_assert_cmpstr (page1->generated_at, ==, page2->generated_at);
  g_assert_cmpuint (page1->initiatives->len, >, 0);
  g_assert_cmpuint (page2->initiatives->len, >, 0);

  delta = parse_example ("delta.json", "https://portal.example.org/feed/v1/initiatives"
                                       "?since=2026-03-01T06%3A00%3A00Z");
  g_assert_false (delta->complete);
  g_assert_cmpuint (delta->deleted->len, >, 0);
  g_assert_cmpuint (delta->initiatives->len, >, 0);
}

/* The documents shown in the specification read without problems too. */
static void
test_specification_documents (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "feed", "README.md", NULL);
  g_autoptr(GBytes) bytes = atlas_test_load_file (path);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *p = text;
  guint n_documents = 0;

  while ((p = strstr (p, "```json\n")) != NULL)
    {
      const char *start = p + strlen ("```json\n");
      const char *end = strstr (start, "```");
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(AtlasFeedPage) page = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (end);
      p = end + 3;

      json_parser_load_from_data (parser, start, end - start, &error);
      g_assert_no_error (error);
      page = atlas_portal_feed_parse (json_parser_get_root (parser),
                                      "https://portal.example.org/feed/v1/initiatives", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->problems->len, ==, 0);
      n_documents++;
    }

  g_assert_cmpuint (n_documents, >=, 5);
}

/* Whole documents through atlas_feed_parse() */

static void
test_feed_parse_invalid_json (void)
{
  static const char * const documents[] = {
    "",
    "   ",
    "not json",
    "{'format':'digital-cooperation-feed',",
    "{'format':'digital-cooperation-feed','version':1,'complete':true,'initiatives':[{'id':'a',",
    "{'format':'digital-cooperation-feed','version':1,'complete':true,'initiatives':[]}}",
    "{'format':'digital-cooperation-feed','version':1,'complete':tru,'initiatives':[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *json = unquote (documents[i]);
      g_autoptr(AtlasFeedPage) page = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", documents[i]);
      page = atlas_feed_parse (json, strlen (json), BASE_URI, &error);
      g_assert_null (page);
      g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID_JSON);
    }

  {
    /* Bytes that are not UTF-8. */
    const char latin1[] = "{\"format\":\"digital-cooperation-feed\",\"version\":1,"
                          "\"complete\":true,"
                          "\"initiatives\":[{\"id\":\"a\",\"title\":\"Caf\xe9\"}]}";
    g_autoptr(AtlasFeedPage) page = NULL;
    g_autoptr(GError) error = NULL;

    page = atlas_feed_parse (latin1, strlen (latin1), BASE_URI, &error);
    g_assert_null (page);
    g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID_JSON);
  }
}

static void
test_feed_parse_truncated (void)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "feed", "examples",
                                            "complete.json", NULL);
  g_autoptr(GBytes) bytes = atlas_test_load_file (path);
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);

  /* Every cut of the document short of its last brace fails as a whole;
   * none of them gives a partial page. */
  for (gsize cut = 0; cut < size; cut += 7)
    {
      g_autoptr(AtlasFeedPage) page = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = MIN (cut, size - 2);

      page = atlas_feed_parse (data, length, BASE_URI, &error);
      g_assert_null (page);
      g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID_JSON);
    }

  {
    g_autoptr(AtlasFeedPage) page = NULL;
    g_autoptr(GError) error = NULL;

    page = atlas_feed_parse (data, size, BASE_URI, &error);
    g_assert_no_error (error);
    g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_PORTAL);
    g_assert_cmpuint (page->problems->len, ==, 0);
  }
}

static void
test_feed_parse_formats (void)
{
  static const struct
  {
    const char *document;
    int         code;
  } cases[] = {
    { "{'format':'another-feed','version':1,'complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "{'initiatives':[{'id':'a','title':'A'}]}", ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "42", ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "[1,2]", ATLAS_FEED_ERROR_UNKNOWN_FORMAT },
    { "{'format':'digital-cooperation-feed','version':2,'complete':true,'initiatives':[]}",
      ATLAS_FEED_ERROR_UNSUPPORTED_VERSION },
    { "{'format':'digital-cooperation-feed','version':1,'initiatives':[]}",
      ATLAS_FEED_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = unquote (cases[i].document);
      g_autoptr(AtlasFeedPage) page = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].document);
      page = atlas_feed_parse (json, strlen (json), BASE_URI, &error);
      g_assert_null (page);
      g_assert_error (error, ATLAS_FEED_ERROR, cases[i].code);
      g_assert_true (g_str_has_suffix (error->message, "."));
    }

  {
    g_autofree char *json = unquote ("{'format':'digital-cooperation-feed','version':1,"
                                     "'generated_at':'2026-03-01T10:00:00Z','complete':false,"
                                     "'next':'?page=2','initiatives':[{'id':'a','title':'A'}],"
                                     "'deleted':['b']}");
    g_autoptr(AtlasFeedPage) page = NULL;
    g_autoptr(GError) error = NULL;

    page = atlas_feed_parse (json, strlen (json), BASE_URI, &error);
    g_assert_no_error (error);
    g_assert_cmpint (page->format, ==, ATLAS_FEED_FORMAT_PORTAL);
    g_assert_cmpstr (page->next, ==, BASE_URI "?page=2");
    g_assert_cmpuint (page->initiatives->len, ==, 1);
    g_assert_cmpuint (page->deleted->len, ==, 1);
  }
}

static void
test_feed_parse_too_large (void)
{
  gsize size = ATLAS_FEED_MAX_DOCUMENT_SIZE + 1;
  g_autofree char *data = g_malloc (size);
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  memset (data, ' ', size);
  page = atlas_feed_parse (data, size, BASE_URI, &error);
  g_assert_null (page);
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE);
}

/* The shared test generator writes what the parser reads without a problem. */
static void
test_generated_pages (void)
{
  AtlasTestFeedPage spec = { "2026-03-01T10:00:00Z", TRUE, "?page=3", 1500 };
  g_autofree char *document = atlas_test_feed_page (&spec, 1000, 250, 2);
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = atlas_feed_parse (document, strlen (document), BASE_URI, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < MIN (page->problems->len, 5); i++)
    g_test_message ("%s", ((AtlasProblem *) g_ptr_array_index (page->problems, i))->message);
  g_assert_cmpuint (page->problems->len, ==, 0);
  g_assert_cmpuint (page->organizations->len, ==, ATLAS_TEST_FEED_N_ORGANIZATIONS);
  g_assert_cmpuint (page->initiatives->len, ==, 250);
  g_assert_cmpstr (page->next, ==, BASE_URI "?page=3");

  for (guint i = 0; i < page->initiatives->len; i++)
    {
      g_autofree char *id = atlas_test_feed_id (1000 + i);

      g_assert_cmpstr (get_initiative (page, i)->id, ==, id);
    }
}

/* Extraction cost: run with -m perf.  It reports times and asserts only
 * that the parse gives back every record. */

#define PERF_RECORDS 1000

static GBytes *
make_perf_page (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(GPtrArray) organizations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_organization_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = repeat ("Digital public infrastructure for all. ", 40);
  static const char * const countries[] = { "KE", "UG", "TZ", "RW", "BR", "IN", "FR", "CH" };

  for (guint i = 0; i < 50; i++)
    {
      AtlasOrganization *organization = atlas_organization_new ();

      organization->id = g_strdup_printf ("org-%u", i);
      organization->name = g_strdup_printf ("Organization number %u", i);
      organization->type = (AtlasOrgType) (1 + i % (ATLAS_N_ORG_TYPES - 1));
      organization->country = g_strdup (countries[i % G_N_ELEMENTS (countries)]);
      organization->website = g_strdup_printf ("https://org%u.example.org/", i);
      g_ptr_array_add (organizations, organization);
    }

  atlas_feed_writer_begin (writer, "2026-03-01T10:00:00Z", organizations, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < PERF_RECORDS; i++)
    {
      g_autoptr(AtlasInitiative) initiative = atlas_initiative_new ();
      guint16 region = 2;

      initiative->id = g_strdup_printf ("initiative-%06u", i);
      initiative->title = g_strdup_printf ("Initiative number %u for digital cooperation", i);
      initiative->summary = repeat ("A summary of what the initiative does. ", 8);
      initiative->description = g_strdup (description);
      initiative->status = ATLAS_STATUS_ONGOING;
      initiative->scope = ATLAS_SCOPE_REGIONAL;
      initiative->start_date = g_strdup ("2021-06-01");
      initiative->end_date = g_strdup ("2027");
      initiative->lead = g_strdup_printf ("org-%u", i % 50);
      for (guint j = 0; j < 5; j++)
        {
          g_autofree char *org = g_strdup_printf ("org-%u", (i + j) % 50);

          atlas_initiative_add_partner (initiative, org, (AtlasRole) (1 + j));
        }
      for (guint j = 0; j < 6; j++)
        g_ptr_array_add (initiative->countries, g_strdup (countries[(i + j) % 8]));
      g_array_append_val (initiative->regions, region);
      region = 419;
      g_array_append_val (initiative->regions, region);
      initiative->has_location = TRUE;
      initiative->latitude = -1.28 + i * 0.001;
      initiative->longitude = 36.8 + i * 0.001;
      initiative->gdc_objectives = 0x15;
      initiative->wsis_lines = 0x1234;
      initiative->sdgs = 0x1a0a1;
      initiative->priorities = 0x5;
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *url = g_strdup_printf ("https://example.org/initiatives/%u/%u", i, j);

          atlas_initiative_add_link (initiative, "Project page", url);
        }
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *title = g_strdup_printf ("Milestone %u of the work plan", j);

          atlas_initiative_add_milestone (initiative, "2024-05", title,
                                          ATLAS_MILESTONE_ACHIEVED, 30 * (int) j);
        }
      initiative->updated_at = g_strdup ("2026-02-28T08:30:00Z");
      atlas_initiative_set_property (initiative, "stage", "DPG");
      atlas_initiative_set_property (initiative, "type", "software");

      atlas_feed_writer_add_initiative (writer, initiative, NULL, &error);
      g_assert_no_error (error);
    }

  atlas_feed_writer_end (writer, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
measure_page (const char *label,
              const char *data,
              gsize       size)
{
  const guint rounds = 20;
  double parse_total = 0, extract_total = 0;
  guint n_initiatives = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(AtlasFeedPage) page = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start, parsed, extracted;

      start = g_get_monotonic_time ();
      json_parser_load_from_data (parser, data, (gssize) size, &error);
      parsed = g_get_monotonic_time ();
      page = atlas_portal_feed_parse (json_parser_get_root (parser), NULL, &error);
      extracted = g_get_monotonic_time ();

      g_assert_no_error (error);
      g_assert_cmpuint (page->initiatives->len, ==, PERF_RECORDS);
      g_assert_cmpuint (page->problems->len, ==, 0);
      n_initiatives = page->initiatives->len;

      parse_total += (parsed - start) / 1000.0;
      extract_total += (extracted - parsed) / 1000.0;
    }

  g_test_message ("%s: %u records, %.0f bytes a record: json-glib parse %.2f ms, "
                  "extraction %.2f ms (%.0f%% of the parse; mean of %u)",
                  label, n_initiatives, (double) size / n_initiatives,
                  parse_total / rounds, extract_total / rounds,
                  100.0 * extract_total / parse_total, rounds);
}

static void
test_perf_extraction (void)
{
  g_autoptr(GBytes) written = make_perf_page ();
  AtlasTestFeedPage spec = { "2026-03-01T10:00:00Z", TRUE, NULL, 2300 };
  g_autofree char *generated = atlas_test_feed_page (&spec, 0, PERF_RECORDS, 0);

  measure_page ("page written by AtlasFeedWriter", g_bytes_get_data (written, NULL),
                g_bytes_get_size (written));
  measure_page ("page of atlas-test-feed", generated, strlen (generated));
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/portal-feed/minimal", test_minimal);
  g_test_add_func ("/portal-feed/unknown-members-ignored", test_unknown_members_ignored);
  g_test_add_func ("/portal-feed/header-errors", test_header_errors);
  g_test_add_func ("/portal-feed/version-number-forms", test_version_number_forms);
  g_test_add_func ("/portal-feed/generated-at", test_generated_at);
  g_test_add_func ("/portal-feed/all-fields", test_all_fields);
  g_test_add_func ("/portal-feed/all-wsis-lines-and-priorities",
                   test_all_wsis_lines_and_priorities);
  g_test_add_func ("/portal-feed/required-fields", test_required_fields);
  g_test_add_func ("/portal-feed/wrong-types", test_wrong_types);
  g_test_add_func ("/portal-feed/organization-errors", test_organization_errors);
  g_test_add_func ("/portal-feed/size-limits", test_size_limits);
  g_test_add_func ("/portal-feed/unknown-list-values", test_unknown_list_values);
  g_test_add_func ("/portal-feed/unknown-codes-more", test_unknown_codes_more);
  g_test_add_func ("/portal-feed/scalar-values", test_scalar_values);
  g_test_add_func ("/portal-feed/dates", test_dates);
  g_test_add_func ("/portal-feed/location", test_location);
  g_test_add_func ("/portal-feed/links", test_links);
  g_test_add_func ("/portal-feed/markup-kept-literally", test_markup_kept_literally);
  g_test_add_func ("/portal-feed/lone-surrogate", test_lone_surrogate);
  g_test_add_func ("/portal-feed/milestones", test_milestones);
  g_test_add_func ("/portal-feed/partners", test_partners);
  g_test_add_func ("/portal-feed/properties", test_properties);
  g_test_add_func ("/portal-feed/duplicates-in-lists", test_duplicates_in_lists);
  g_test_add_func ("/portal-feed/duplicate-records", test_duplicate_records);
  g_test_add_func ("/portal-feed/next", test_next);
  g_test_add_func ("/portal-feed/delta", test_delta);
  g_test_add_func ("/portal-feed/complete-with-deleted", test_complete_with_deleted);
  g_test_add_func ("/portal-feed/examples", test_examples);
  g_test_add_func ("/portal-feed/specification-documents", test_specification_documents);
  g_test_add_func ("/portal-feed/feed-parse/invalid-json", test_feed_parse_invalid_json);
  g_test_add_func ("/portal-feed/feed-parse/truncated", test_feed_parse_truncated);
  g_test_add_func ("/portal-feed/feed-parse/formats", test_feed_parse_formats);
  g_test_add_func ("/portal-feed/feed-parse/too-large", test_feed_parse_too_large);
  g_test_add_func ("/portal-feed/generated-pages", test_generated_pages);

  if (g_test_perf ())
    g_test_add_func ("/portal-feed/perf/extraction", test_perf_extraction);

  return g_test_run ();
}
