/* atlas-detail-view.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "atlas-context.h"

G_BEGIN_DECLS

/* Everything about the context's selected initiative, in one scrolling
 * column: its texts, dates, organisations, places, tags, milestones, links,
 * registry properties, where the data comes from, and related initiatives.
 * Organisations, places and tags are buttons that add that value to the
 * query; a related initiative selects it.  Text from feeds is plain text.
 *
 * Actions (on the widget): "detail.copy-link" copies the initiative's
 * address (atlas_link_uri_new()); "detail.show-on-map" emits
 * ::show-on-map and announces the selection again, so that the map
 * centres on it.
 *
 * Signals:
 *   "show-on-map" (gint64 rowid): the user asked to see the initiative on
 *                 the map (a window that covers the map with this view can
 *                 uncover it). */

#define ATLAS_TYPE_DETAIL_VIEW (atlas_detail_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDetailView, atlas_detail_view, ATLAS, DETAIL_VIEW, GtkWidget)

GtkWidget       *atlas_detail_view_new             (AtlasContext    *context);
AtlasContext    *atlas_detail_view_get_context     (AtlasDetailView *self);
/* The initiative shown, or NULL while none is (nothing selected, the cache
 * not loaded yet, or the selected initiative is not in the cache). */
AtlasInitiative *atlas_detail_view_get_initiative  (AtlasDetailView *self);

G_END_DECLS
