/* atlas-enums.c
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

#define G_LOG_DOMAIN "atlas-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-enums.h"
#include "atlas-vocab.h"

typedef struct
{
  const char *id;
  const char *context;
  const char *label;
} EnumEntry;

static int
lookup (const EnumEntry *entries,
        guint            n_entries,
        const char      *str)
{
  if (str == NULL)
    return -1;

  for (guint i = 0; i < n_entries; i++)
    if (entries[i].id != NULL && strcmp (entries[i].id, str) == 0)
      return (int) i;

  return -1;
}

static const char *
label_of (const EnumEntry *entry)
{
  if (entry->label == NULL)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, entry->context, entry->label);
}

#define DEFINE_ENUM_STRINGS(Type, prefix, table)                            \
  Type                                                                      \
  prefix##_from_string (const char *str)                                    \
  {                                                                         \
    int i = lookup (table, G_N_ELEMENTS (table), str);                      \
    return i < 0 ? (Type) 0 : (Type) i;                                     \
  }                                                                         \
  const char *                                                              \
  prefix##_to_string (Type value)                                           \
  {                                                                         \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);      \
    return table[value].id;                                                 \
  }                                                                         \
  const char *                                                              \
  prefix##_get_label (Type value)                                           \
  {                                                                         \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);      \
    return label_of (&table[value]);                                        \
  }

/* Translators: the status of an initiative. */
static const EnumEntry statuses[ATLAS_N_STATUSES] = {
  { NULL, "initiative status", NC_ ("initiative status", "Unknown") },
  { "planned", "initiative status", NC_ ("initiative status", "Planned") },
  { "ongoing", "initiative status", NC_ ("initiative status", "Ongoing") },
  { "completed", "initiative status", NC_ ("initiative status", "Completed") },
  { "archived", "initiative status", NC_ ("initiative status", "Archived") },
};

/* Translators: the geographic scope of an initiative. */
static const EnumEntry scopes[ATLAS_N_SCOPES] = {
  { NULL, "initiative scope", NC_ ("initiative scope", "Unknown") },
  { "global", "initiative scope", NC_ ("initiative scope", "Global") },
  { "regional", "initiative scope", NC_ ("initiative scope", "Regional") },
  { "national", "initiative scope", NC_ ("initiative scope", "National") },
  { "local", "initiative scope", NC_ ("initiative scope", "Local") },
};

/* Organisation types: their names are a vocabulary (org-types.json). */
static const EnumEntry org_types[ATLAS_N_ORG_TYPES] = {
  { NULL, NULL, NULL },
  { "un-entity", NULL, NULL },
  { "government", NULL, NULL },
  { "civil-society", NULL, NULL },
  { "private-sector", NULL, NULL },
  { "technical-community", NULL, NULL },
  { "academia", NULL, NULL },
  { "intergovernmental", NULL, NULL },
  { "other", NULL, NULL },
};

/* Translators: the role of an organisation in an initiative. */
static const EnumEntry roles[ATLAS_N_ROLES] = {
  { NULL, "partner role", NC_ ("partner role", "Partner") },
  { "lead", "partner role", NC_ ("partner role", "Lead") },
  { "implementer", "partner role", NC_ ("partner role", "Implementer") },
  { "funder", "partner role", NC_ ("partner role", "Funder") },
  { "partner", "partner role", NC_ ("partner role", "Partner") },
  { "owner", "partner role", NC_ ("partner role", "Owner") },
  { "maintainer", "partner role", NC_ ("partner role", "Maintainer") },
};

/* Translators: the status of a milestone of an initiative. */
static const EnumEntry milestone_statuses[ATLAS_N_MILESTONE_STATUSES] = {
  { NULL, "milestone status", NC_ ("milestone status", "Unknown") },
  { "planned", "milestone status", NC_ ("milestone status", "Planned") },
  { "achieved", "milestone status", NC_ ("milestone status", "Achieved") },
  { "delayed", "milestone status", NC_ ("milestone status", "Delayed") },
};

DEFINE_ENUM_STRINGS (AtlasStatus, atlas_status, statuses)
DEFINE_ENUM_STRINGS (AtlasScope, atlas_scope, scopes)

AtlasOrgType
atlas_org_type_from_string (const char *str)
{
  int i = lookup (org_types, G_N_ELEMENTS (org_types), str);

  return i < 0 ? ATLAS_ORG_TYPE_UNKNOWN : (AtlasOrgType) i;
}

const char *
atlas_org_type_to_string (AtlasOrgType type)
{
  g_return_val_if_fail ((guint) type < ATLAS_N_ORG_TYPES, NULL);

  return org_types[type].id;
}

const char *
atlas_org_type_get_label (AtlasOrgType type)
{
  const AtlasTerm *term;

  g_return_val_if_fail ((guint) type < ATLAS_N_ORG_TYPES, NULL);

  term = atlas_vocab_find_term (atlas_vocab_get_default (), ATLAS_FACET_ORG_TYPE, org_types[type].id);
  if (term == NULL)
    /* Translators: an organisation that declared no type. */
    return C_("organization type", "Not declared");

  return atlas_term_get_name (term, ATLAS_FACET_ORG_TYPE);
}
DEFINE_ENUM_STRINGS (AtlasRole, atlas_role, roles)
DEFINE_ENUM_STRINGS (AtlasMilestoneStatus, atlas_milestone_status, milestone_statuses)

static const char * const priority_ids[ATLAS_N_PRIORITIES] = {
  "ai-governance",
  "digital-public-infrastructure",
  "human-rights-online",
  "inclusive-digital-economy",
};

static const char * const wsis_ids[ATLAS_N_WSIS_LINES] = {
  "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11",
  "C7.e-government",
  "C7.e-business",
  "C7.e-learning",
  "C7.e-health",
  "C7.e-employment",
  "C7.e-environment",
  "C7.e-agriculture",
  "C7.e-science",
};

static int
lookup_id (const char * const *ids,
           guint               n_ids,
           const char         *str)
{
  if (str == NULL)
    return -1;

  for (guint i = 0; i < n_ids; i++)
    if (strcmp (ids[i], str) == 0)
      return (int) i;

  return -1;
}

int
atlas_priority_from_string (const char *str)
{
  return lookup_id (priority_ids, G_N_ELEMENTS (priority_ids), str);
}

const char *
atlas_priority_to_string (AtlasPriority priority)
{
  g_return_val_if_fail ((guint) priority < ATLAS_N_PRIORITIES, NULL);
  return priority_ids[priority];
}

int
atlas_wsis_line_from_string (const char *str)
{
  return lookup_id (wsis_ids, G_N_ELEMENTS (wsis_ids), str);
}

const char *
atlas_wsis_line_to_string (AtlasWsisLine line)
{
  g_return_val_if_fail ((guint) line < ATLAS_N_WSIS_LINES, NULL);
  return wsis_ids[line];
}

/* Translators: the name of a filter in the sidebar and on the command line's help. */
static const EnumEntry facets[ATLAS_N_FACETS] = {
  { "gdc", "facet", NC_ ("facet", "GDC objectives") },
  { "wsis", "facet", NC_ ("facet", "WSIS Action Lines") },
  { "sdg", "facet", NC_ ("facet", "Sustainable Development Goals") },
  { "priority", "facet", NC_ ("facet", "Digital priorities") },
  { "region", "facet", NC_ ("facet", "Regions") },
  { "country", "facet", NC_ ("facet", "Countries") },
  { "org-type", "facet", NC_ ("facet", "Organization types") },
  { "organization", "facet", NC_ ("facet", "Organizations") },
  { "status", "facet", NC_ ("facet", "Status") },
  { "source", "facet", NC_ ("facet", "Sources") },
};

int
atlas_facet_from_string (const char *str)
{
  return lookup (facets, G_N_ELEMENTS (facets), str);
}

const char *
atlas_facet_to_string (AtlasFacet facet)
{
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);
  return facets[facet].id;
}

const char *
atlas_facet_get_label (AtlasFacet facet)
{
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);
  return label_of (&facets[facet]);
}

/* Translators: how the list of initiatives is sorted. */
static const EnumEntry sorts[ATLAS_N_SORTS] = {
  { "relevance", "sort order", NC_ ("sort order", "Relevance") },
  { "title", "sort order", NC_ ("sort order", "Title") },
  { "start-date", "sort order", NC_ ("sort order", "Start date") },
  { "updated", "sort order", NC_ ("sort order", "Last update") },
};

DEFINE_ENUM_STRINGS (AtlasSort, atlas_sort, sorts)
