/* atlas-context.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-index.h"
#include "atlas-initiative.h"
#include "atlas-query.h"
#include "atlas-store.h"
#include "atlas-sync-report.h"
#include "atlas-types.h"

G_BEGIN_DECLS

/* The services a window shares, handed to it as a construct-only property
 * (no globals): the settings, the cache, the current query and its result,
 * the selected initiative, and the sync.  GTK-free.  Lives on the main
 * thread: its properties change, and its signals are emitted, only there;
 * the slow work (opening and filling the cache, loading the index, syncing,
 * searching) runs in worker threads.
 *
 * Properties (all read-only but "selected"):
 *   "state"      AtlasContextState
 *   "index"      the in-memory index, NULL until loaded
 *   "result"     the result of the current query, NULL until loaded
 *   "selected"   rowid of the selected initiative, 0 for none (read-write)
 *   "syncing"    TRUE while a sync runs
 *   "sync-progress"  0.0–1.0 while syncing
 *   "last-sync"  unix time of the last successful sync of any feed, 0 never
 *   "snapshot-date"  "YYYY-MM-DD" of the bundled data while nothing newer was
 *                synced, NULL otherwise
 * Signals:
 *   "sync-finished" (AtlasSyncReport *report, GError *error)
 */

typedef enum
{
  ATLAS_CONTEXT_STATE_LOADING = 0,  /* opening the cache, loading the index */
  ATLAS_CONTEXT_STATE_READY,        /* index and result available */
  ATLAS_CONTEXT_STATE_FAILED,       /* the cache could not be opened; see error */
} AtlasContextState;

#define ATLAS_TYPE_CONTEXT (atlas_context_get_type ())

G_DECLARE_FINAL_TYPE (AtlasContext, atlas_context, ATLAS, CONTEXT, GObject)

/* @settings (nullable) provides the sources, and stores the query; without
 * it the context uses no feeds and does not persist the query. */
AtlasContext      *atlas_context_new                 (GSettings            *settings,
                                                      const char           *database_path);
GSettings         *atlas_context_get_settings        (AtlasContext         *self);
const char        *atlas_context_get_database_path   (AtlasContext         *self);

/* Opens the cache off the main thread, fills an empty cache from the bundled
 * dataset, loads the index and runs the query. */
void               atlas_context_load_async          (AtlasContext         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean           atlas_context_load_finish         (AtlasContext         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

AtlasContextState  atlas_context_get_state           (AtlasContext         *self);
const GError      *atlas_context_get_error           (AtlasContext         *self);
AtlasQuery        *atlas_context_get_query           (AtlasContext         *self);
AtlasIndex        *atlas_context_get_index           (AtlasContext         *self);
AtlasResult       *atlas_context_get_result          (AtlasContext         *self);
/* The result the map and the counts show: the result once complete; a
 * partial one only if no complete one followed it soon. */
AtlasResult       *atlas_context_get_settled_result  (AtlasContext         *self);
/* A reader connection for the main thread (loading one record is ~15 µs). */
AtlasStore        *atlas_context_get_store           (AtlasContext         *self);
AtlasInitiative   *atlas_context_load_initiative     (AtlasContext         *self,
                                                      gint64                rowid,
                                                      GError              **error);
/* The sources in the cache (of AtlasSource*). */
GPtrArray         *atlas_context_list_sources        (AtlasContext         *self);

gint64             atlas_context_get_selected        (AtlasContext         *self);
void               atlas_context_set_selected        (AtlasContext         *self,
                                                      gint64                rowid);

/* Syncs @urls, or the sources of the settings when NULL; reloads the index
 * after a sync that changed data.  Only one sync runs at a time. */
void               atlas_context_sync_async          (AtlasContext         *self,
                                                      const char * const   *urls,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
AtlasSyncReport   *atlas_context_sync_finish         (AtlasContext         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
gboolean           atlas_context_get_syncing         (AtlasContext         *self);
double             atlas_context_get_sync_progress   (AtlasContext         *self);
gint64             atlas_context_get_last_sync       (AtlasContext         *self);
const char        *atlas_context_get_snapshot_date   (AtlasContext         *self);

G_END_DECLS
