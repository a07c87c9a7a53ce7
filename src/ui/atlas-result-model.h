/* atlas-result-model.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-context.h"
#include "atlas-result-item.h"

G_BEGIN_DECLS

/* A GListModel of AtlasResultItem over the context's current result: each
 * new result replaces the whole list, the old items removed first, the new
 * ones added after (two items-changed; see atlas_result_model_set_result()).
 * Items are made only for the positions asked for, and kept only while
 * someone (the list view, the selection) holds them, so that a list of
 * 100,000 results costs what its visible rows cost. */

#define ATLAS_TYPE_RESULT_MODEL (atlas_result_model_get_type ())

G_DECLARE_FINAL_TYPE (AtlasResultModel, atlas_result_model, ATLAS, RESULT_MODEL, GObject)

AtlasResultModel *atlas_result_model_new           (AtlasContext     *context);
AtlasContext     *atlas_result_model_get_context   (AtlasResultModel *self);
AtlasResult      *atlas_result_model_get_result    (AtlasResultModel *self);
/* Shows @result (nullable) instead of the context's; the next result of the
 * context replaces it.  The search words come from the context's query. */
void              atlas_result_model_set_result    (AtlasResultModel *self,
                                                    AtlasResult      *result);
/* The position of an initiative in the list, or -1. */
int               atlas_result_model_find_rowid    (AtlasResultModel *self,
                                                    gint64            rowid);
/* How many items the model has made since it was created, and how many
 * are alive now (for tests and measurements). */
guint             atlas_result_model_get_n_created (AtlasResultModel *self);
guint             atlas_result_model_get_n_alive   (AtlasResultModel *self);

G_END_DECLS
