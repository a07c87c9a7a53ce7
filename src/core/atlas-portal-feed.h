/* atlas-portal-feed.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "atlas-feed.h"

G_BEGIN_DECLS

/* The portal's feed format, "digital-cooperation-feed" version 1
 * (data/feed/README.md, data/feed/schema.json).  @root is the whole
 * document; @base_uri (nullable) resolves a relative "next".  Fails when the
 * document as a whole is unusable (not this format, another version, a
 * required member of the document missing or of the wrong type); records
 * that break the contract are skipped, unknown values inside lists dropped,
 * and both listed in page->problems. */
AtlasFeedPage *atlas_portal_feed_parse (JsonNode    *root,
                                        const char  *base_uri,
                                        GError     **error);

G_END_DECLS
