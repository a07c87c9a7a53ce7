/* atlas-dpga.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "atlas-feed.h"

G_BEGIN_DECLS

/* The Digital Public Goods Alliance registry API: its list endpoint (/dpgs,
 * a JSON array of goods) and its per-good documents (/dpg/<id>/, which add
 * "locations").  Goods become initiatives: SDGs, organisations with their
 * roles, deployment countries resolved to ISO codes (unmatched names are
 * reported as problems, never silently dropped), website and repositories
 * as links, stage, type, sectors and licences kept as properties. */

/* Both return a page of format DPGA_LIST (complete) or DPGA_GOOD (one
 * initiative, not complete); organisation ids are derived from their names. */
AtlasFeedPage *atlas_dpga_parse_list     (JsonNode     *root,
                                          GError      **error);
AtlasFeedPage *atlas_dpga_parse_good     (JsonNode     *root,
                                          GError      **error);

/* The address of a good's own document, from the list's address:
 * https://host/dpgs -> https://host/dpg/<id>/ */
char          *atlas_dpga_good_url       (const char   *list_url,
                                          const char   *good_id);

G_END_DECLS
