/* atlas-test-feed.c
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

#include "atlas-test-feed.h"

/* States in the document's section: organisations come first; the first
 * initiative closes them and opens the initiatives array. */
#define SECTION_ORGS        "\"organizations\":["
#define SECTION_INITIATIVES "],\"initiatives\":["

static const char *countries[] = {
  "KE", "TZ", "UG", "RW", "NG", "GH", "SN", "ZA", "EG", "MA", "IN", "BD", "PK", "ID", "PH",
  "VN", "TH", "CN", "JP", "KR", "BR", "AR", "CL", "CO", "MX", "PE", "US", "CA", "FR", "DE",
  "IT", "ES", "PL", "UA", "SE", "NO", "GB", "AU", "NZ", "FJ", "PG", "WS", "KZ", "UZ", "TR",
  "SA", "AE", "JO",
};

static const char *regions[] = { "002", "019", "142", "150", "009", "014", "419", "035" };

static const char *statuses[] = { "planned", "ongoing", "completed", "archived" };

static const char *org_types[] = {
  "un-entity", "government", "civil-society", "private-sector",
  "technical-community", "academia", "intergovernmental", "other",
};

static const char *words[] = {
  "digital", "public", "infrastructure", "connectivity", "inclusion", "governance", "data",
  "artificial", "intelligence", "capacity", "cooperation", "open", "source", "health",
  "education", "identity", "payments", "security", "rights", "platform", "community",
  "network", "rural", "schools", "women", "youth", "climate", "agriculture", "santé",
  "développement", "interoperable", "standards", "skills", "policy", "partnership",
};

char *
atlas_test_feed_id (guint n)
{
  return g_strdup_printf ("ini-%06u", n);
}

GString *
atlas_test_feed_begin (const AtlasTestFeedPage *page)
{
  GString *doc = g_string_sized_new (4096);

  g_string_append_printf (doc,
                          "{\"format\":\"digital-cooperation-feed\",\"version\":1,"
                          "\"generated_at\":\"%s\",\"complete\":%s,",
                          page->generated_at, page->complete ? "true" : "false");
  if (page->next != NULL)
    g_string_append_printf (doc, "\"next\":\"%s\",", page->next);
  else
    g_string_append (doc, "\"next\":null,");

  g_string_append (doc, SECTION_ORGS);
  for (guint i = 0; i < ATLAS_TEST_FEED_N_ORGANIZATIONS; i++)
    g_string_append_printf (doc,
                            "%s{\"id\":\"org-%02u\",\"name\":\"Organisation %u\","
                            "\"type\":\"%s\",\"country\":\"%s\"}",
                            i > 0 ? "," : "", i, i,
                            org_types[i % G_N_ELEMENTS (org_types)],
                            countries[i % G_N_ELEMENTS (countries)]);
  g_string_append (doc, SECTION_INITIATIVES);

  return doc;
}

static void
append_separator (GString *doc)
{
  if (doc->str[doc->len - 1] != '[')
    g_string_append_c (doc, ',');
}

void
atlas_test_feed_add_initiative (GString *doc,
                                guint    n,
                                guint    version,
                                gsize    description_size)
{
  guint32 state = n * 2654435761u + 1;
  gsize start;
  guint n_countries = n % 4;

  append_separator (doc);
  g_string_append_printf (doc,
                          "{\"id\":\"ini-%06u\",\"title\":\"Initiative %u: %s %s%s\","
                          "\"summary\":\"A %s programme for %s.\",\"status\":\"%s\","
                          "\"start_date\":\"%u-%02u\",\"lead\":\"org-%02u\","
                          "\"partners\":[{\"organization\":\"org-%02u\",\"role\":\"implementer\"},"
                          "{\"organization\":\"org-%02u\",\"role\":\"funder\"}],",
                          n, n, words[n % G_N_ELEMENTS (words)],
                          words[(n / 7) % G_N_ELEMENTS (words)],
                          version > 0 ? " (revised)" : "",
                          words[(n / 3) % G_N_ELEMENTS (words)],
                          words[(n / 11) % G_N_ELEMENTS (words)],
                          statuses[n % G_N_ELEMENTS (statuses)],
                          2015 + n % 14, 1 + n % 12,
                          n % ATLAS_TEST_FEED_N_ORGANIZATIONS,
                          (n + 1) % ATLAS_TEST_FEED_N_ORGANIZATIONS,
                          (n + 7) % ATLAS_TEST_FEED_N_ORGANIZATIONS);

  g_string_append (doc, "\"countries\":[");
  for (guint i = 0; i < n_countries; i++)
    g_string_append_printf (doc, "%s\"%s\"", i > 0 ? "," : "",
                            countries[(n + i * 13) % G_N_ELEMENTS (countries)]);
  g_string_append (doc, "],");
  if (n % 5 == 0)
    g_string_append_printf (doc, "\"regions\":[\"%s\"],", regions[n % G_N_ELEMENTS (regions)]);
  if (n % 9 == 0)
    g_string_append_printf (doc, "\"location\":{\"lat\":%d.5,\"lon\":%d.25},",
                            (int) (n % 120) - 60, (int) (n % 340) - 170);

  g_string_append_printf (doc,
                          "\"gdc_objectives\":[%u],\"sdgs\":[%u,%u],"
                          "\"wsis_action_lines\":[\"C%u\"%s],\"priorities\":[%s],",
                          1 + n % 5, 1 + n % 17, 1 + (n / 17) % 17, 1 + n % 11,
                          n % 6 == 0 ? ",\"C7.e-health\"" : "",
                          n % 2 == 0 ? "\"digital-public-infrastructure\"" : "\"ai-governance\"");
  g_string_append_printf (doc,
                          "\"links\":[{\"title\":\"Website\",\"url\":\"https://example.org/%u\"}],"
                          "\"milestones\":[{\"date\":\"2026-06\",\"title\":\"Pilot in %s\","
                          "\"status\":\"planned\",\"progress\":%u}],"
                          "\"updated_at\":\"2025-%02u-%02uT10:00:00Z\",",
                          n, words[n % G_N_ELEMENTS (words)], (n * 7) % 101,
                          1 + n % 12, 1 + n % 28);

  /* The description: words from a deterministic sequence up to the size. */
  g_string_append (doc, "\"description\":\"");
  start = doc->len;
  while (doc->len - start < description_size)
    {
      state = state * 1103515245u + 12345u;
      g_string_append (doc, words[(state >> 16) % G_N_ELEMENTS (words)]);
      g_string_append_c (doc, (state & 0x700) == 0 ? '.' : ' ');
    }
  g_string_append (doc, "\"}");
}

void
atlas_test_feed_add_deleted (GString *doc,
                             guint    n)
{
  /* "deleted" comes after the initiatives: close them on first use. */
  if (strstr (doc->str, "\"deleted\":[") == NULL)
    g_string_append (doc, "],\"deleted\":[");
  else
    g_string_append_c (doc, ',');

  g_string_append_printf (doc, "\"ini-%06u\"", n);
}

char *
atlas_test_feed_end (GString *doc)
{
  g_string_append (doc, "]}");
  return g_string_free (doc, FALSE);
}

char *
atlas_test_feed_page (const AtlasTestFeedPage *page,
                      guint                    first,
                      guint                    count,
                      guint                    version)
{
  GString *doc = atlas_test_feed_begin (page);

  for (guint n = first; n < first + count; n++)
    atlas_test_feed_add_initiative (doc, n, version, page->description_size);

  return atlas_test_feed_end (doc);
}
