/* atlas-enums.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-types.h"

G_BEGIN_DECLS

/* Stable identifiers (feed format, database, settings, command line) and
 * translated labels for the core's enumerations.  _from_string() returns 0
 * (the "unknown" value) for NULL or an unknown string; _to_string() returns
 * NULL for 0. */

AtlasStatus           atlas_status_from_string           (const char           *str);
const char           *atlas_status_to_string             (AtlasStatus           status);
const char           *atlas_status_get_label             (AtlasStatus           status);

AtlasScope            atlas_scope_from_string            (const char           *str);
const char           *atlas_scope_to_string              (AtlasScope            scope);
const char           *atlas_scope_get_label              (AtlasScope            scope);

AtlasOrgType          atlas_org_type_from_string         (const char           *str);
const char           *atlas_org_type_to_string           (AtlasOrgType          type);
const char           *atlas_org_type_get_label           (AtlasOrgType          type);

AtlasRole             atlas_role_from_string             (const char           *str);
const char           *atlas_role_to_string               (AtlasRole             role);
const char           *atlas_role_get_label               (AtlasRole             role);

AtlasMilestoneStatus  atlas_milestone_status_from_string (const char           *str);
const char           *atlas_milestone_status_to_string   (AtlasMilestoneStatus  status);
const char           *atlas_milestone_status_get_label   (AtlasMilestoneStatus  status);

/* Priorities and WSIS lines: -1 for an unknown string. */
int                   atlas_priority_from_string         (const char           *str);
const char           *atlas_priority_to_string           (AtlasPriority         priority);

int                   atlas_wsis_line_from_string        (const char           *str);
const char           *atlas_wsis_line_to_string          (AtlasWsisLine         line);

/* Facets: -1 for an unknown string. */
int                   atlas_facet_from_string            (const char           *str);
const char           *atlas_facet_to_string              (AtlasFacet            facet);
const char           *atlas_facet_get_label              (AtlasFacet            facet);

AtlasSort             atlas_sort_from_string             (const char           *str);
const char           *atlas_sort_to_string               (AtlasSort             sort);
const char           *atlas_sort_get_label               (AtlasSort             sort);

G_END_DECLS
