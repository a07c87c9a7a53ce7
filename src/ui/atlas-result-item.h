/* atlas-result-item.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-initiative.h"
#include "atlas-store.h"

G_BEGIN_DECLS

/* One entry of the results list: the rowid of an initiative at a position
 * of a query's result, and what the list shows of it (title, lead,
 * countries, status, SDGs), read from the cache with one small query the
 * first time a row asks for it.  Main thread only. */

#define ATLAS_TYPE_RESULT_ITEM (atlas_result_item_get_type ())

G_DECLARE_FINAL_TYPE (AtlasResultItem, atlas_result_item, ATLAS, RESULT_ITEM, GObject)

/* @store (nullable) is the main thread's connection; @words are the folded
 * words of the search text that produced the result (for highlighting). */
AtlasResultItem     *atlas_result_item_new            (AtlasStore          *store,
                                                       gint64               rowid,
                                                       guint                position,
                                                       const char * const  *words);
gint64               atlas_result_item_get_rowid      (AtlasResultItem     *self);
guint                atlas_result_item_get_position   (AtlasResultItem     *self);
/* The search words, never NULL (empty when there was no text). */
const char * const  *atlas_result_item_get_words      (AtlasResultItem     *self);
gboolean             atlas_result_item_is_loaded      (AtlasResultItem     *self);
/* The summary of the initiative (atlas_store_load_summary()), loaded on the
 * first call; NULL when it could not be read, see get_error(). */
AtlasInitiative     *atlas_result_item_get_initiative (AtlasResultItem     *self);
const GError        *atlas_result_item_get_error      (AtlasResultItem     *self);

G_END_DECLS
