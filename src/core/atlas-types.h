/* atlas-types.h
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

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Forward declarations of the core's types. */
typedef struct _AtlasIndex        AtlasIndex;
typedef struct _AtlasInitiative   AtlasInitiative;
typedef struct _AtlasOrganization AtlasOrganization;
typedef struct _AtlasFeedPage     AtlasFeedPage;
typedef struct _AtlasProblem      AtlasProblem;
typedef struct _AtlasQuery        AtlasQuery;
typedef struct _AtlasResult       AtlasResult;
typedef struct _AtlasStore        AtlasStore;
typedef struct _AtlasSync         AtlasSync;
typedef struct _AtlasSyncReport   AtlasSyncReport;
typedef struct _AtlasVocab        AtlasVocab;

/* Every enumeration below has a stable string form used by the feed format,
 * the database, GSettings and the command line: see atlas-enums.c.  The
 * value 0 always means "not given". */

typedef enum
{
  ATLAS_STATUS_UNKNOWN = 0,
  ATLAS_STATUS_PLANNED,
  ATLAS_STATUS_ONGOING,
  ATLAS_STATUS_COMPLETED,
  ATLAS_STATUS_ARCHIVED,
  ATLAS_N_STATUSES
} AtlasStatus;

typedef enum
{
  ATLAS_SCOPE_UNKNOWN = 0,
  ATLAS_SCOPE_GLOBAL,
  ATLAS_SCOPE_REGIONAL,
  ATLAS_SCOPE_NATIONAL,
  ATLAS_SCOPE_LOCAL,
  ATLAS_N_SCOPES
} AtlasScope;

typedef enum
{
  ATLAS_ORG_TYPE_UNKNOWN = 0,
  ATLAS_ORG_TYPE_UN_ENTITY,
  ATLAS_ORG_TYPE_GOVERNMENT,
  ATLAS_ORG_TYPE_CIVIL_SOCIETY,
  ATLAS_ORG_TYPE_PRIVATE_SECTOR,
  ATLAS_ORG_TYPE_TECHNICAL_COMMUNITY,
  ATLAS_ORG_TYPE_ACADEMIA,
  ATLAS_ORG_TYPE_INTERGOVERNMENTAL,
  ATLAS_ORG_TYPE_OTHER,
  ATLAS_N_ORG_TYPES
} AtlasOrgType;

typedef enum
{
  ATLAS_ROLE_UNKNOWN = 0,
  ATLAS_ROLE_LEAD,
  ATLAS_ROLE_IMPLEMENTER,
  ATLAS_ROLE_FUNDER,
  ATLAS_ROLE_PARTNER,
  ATLAS_ROLE_OWNER,
  ATLAS_ROLE_MAINTAINER,
  ATLAS_N_ROLES
} AtlasRole;

typedef enum
{
  ATLAS_MILESTONE_UNKNOWN = 0,
  ATLAS_MILESTONE_PLANNED,
  ATLAS_MILESTONE_ACHIEVED,
  ATLAS_MILESTONE_DELAYED,
  ATLAS_N_MILESTONE_STATUSES
} AtlasMilestoneStatus;

/* Vocabularies that are small and closed are carried as bit sets.
 *
 *   GDC objective n (1–5)          -> bit n-1
 *   SDG n (1–17)                   -> bit n-1
 *   digital priority (see below)   -> bit of AtlasPriority
 *   WSIS Action Line               -> bit of AtlasWsisLine
 */
#define ATLAS_N_GDC_OBJECTIVES 5
#define ATLAS_N_SDGS           17

typedef enum
{
  ATLAS_PRIORITY_AI_GOVERNANCE = 0,
  ATLAS_PRIORITY_DIGITAL_PUBLIC_INFRASTRUCTURE,
  ATLAS_PRIORITY_HUMAN_RIGHTS_ONLINE,
  ATLAS_PRIORITY_INCLUSIVE_DIGITAL_ECONOMY,
  ATLAS_N_PRIORITIES
} AtlasPriority;

typedef enum
{
  ATLAS_WSIS_C1 = 0,
  ATLAS_WSIS_C2,
  ATLAS_WSIS_C3,
  ATLAS_WSIS_C4,
  ATLAS_WSIS_C5,
  ATLAS_WSIS_C6,
  ATLAS_WSIS_C7,
  ATLAS_WSIS_C8,
  ATLAS_WSIS_C9,
  ATLAS_WSIS_C10,
  ATLAS_WSIS_C11,
  ATLAS_WSIS_C7_E_GOVERNMENT,
  ATLAS_WSIS_C7_E_BUSINESS,
  ATLAS_WSIS_C7_E_LEARNING,
  ATLAS_WSIS_C7_E_HEALTH,
  ATLAS_WSIS_C7_E_EMPLOYMENT,
  ATLAS_WSIS_C7_E_ENVIRONMENT,
  ATLAS_WSIS_C7_E_AGRICULTURE,
  ATLAS_WSIS_C7_E_SCIENCE,
  ATLAS_N_WSIS_LINES
} AtlasWsisLine;

#define ATLAS_WSIS_C7_SUBLINES_MASK \
  (((1u << ATLAS_N_WSIS_LINES) - 1) & ~((1u << ATLAS_WSIS_C7_E_GOVERNMENT) - 1))

/* The dimensions of a query; see atlas-query.h. */
typedef enum
{
  ATLAS_FACET_GDC = 0,
  ATLAS_FACET_WSIS,
  ATLAS_FACET_SDG,
  ATLAS_FACET_PRIORITY,
  ATLAS_FACET_REGION,
  ATLAS_FACET_COUNTRY,
  ATLAS_FACET_ORG_TYPE,
  ATLAS_FACET_ORGANIZATION,
  ATLAS_FACET_STATUS,
  ATLAS_FACET_SOURCE,
  ATLAS_N_FACETS
} AtlasFacet;

typedef enum
{
  ATLAS_SORT_RELEVANCE = 0,
  ATLAS_SORT_TITLE,
  ATLAS_SORT_START_DATE,
  ATLAS_SORT_UPDATED,
  ATLAS_N_SORTS
} AtlasSort;

G_END_DECLS
