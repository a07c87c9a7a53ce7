/* atlas-feed-parser.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "atlas-feed.h"

G_BEGIN_DECLS

/* Recognises the format of a feed document and parses it with the right
 * parser (atlas-portal-feed.h or atlas-dpga.h). */

AtlasFeedFormat  atlas_feed_detect_format (JsonNode    *root);

/* Parses a whole document of any known format.  Fails only when the
 * document as a whole is unusable; bad records are skipped and listed in
 * page->problems. */
AtlasFeedPage   *atlas_feed_parse         (const char  *data,
                                           gsize        length,
                                           const char  *base_uri,
                                           GError     **error);
AtlasFeedPage   *atlas_feed_parse_node    (JsonNode    *root,
                                           const char  *base_uri,
                                           GError     **error);

G_END_DECLS
