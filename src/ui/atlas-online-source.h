/* atlas-online-source.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* A map source that forwards every tile request to a network source (such
 * as OpenStreetMap's) and counts the tiles that loaded and those that failed,
 * so that the map can say when the network map cannot be shown.  Cancelled
 * requests (tiles scrolled out of view) count as neither.  It takes the
 * inner source's id, name, zoom levels, tile size and projection, and the
 * licence text given here.
 *
 * Properties: "n-loaded" and "n-failed" (read-only, notified on change). */

#define ATLAS_TYPE_ONLINE_SOURCE (atlas_online_source_get_type ())

G_DECLARE_FINAL_TYPE (AtlasOnlineSource, atlas_online_source, ATLAS, ONLINE_SOURCE,
                      ShumateMapSource)

AtlasOnlineSource *atlas_online_source_new          (ShumateMapSource  *inner,
                                                     const char        *license,
                                                     const char        *license_uri);
ShumateMapSource  *atlas_online_source_get_inner    (AtlasOnlineSource *self);
guint              atlas_online_source_get_n_loaded (AtlasOnlineSource *self);
guint              atlas_online_source_get_n_failed (AtlasOnlineSource *self);

G_END_DECLS
