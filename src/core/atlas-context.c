/* atlas-context.c
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

#define G_LOG_DOMAIN "atlas-context"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-context.h"
#include "atlas-sync.h"

#define SAVE_QUERY_DELAY_MS 400
#define SETTLE_DELAY_MS     250

struct _AtlasContext
{
  GObject            parent_instance;

  GSettings         *settings;
  char              *database_path;

  AtlasContextState  state;
  GError            *error;
  AtlasStore        *store;
  AtlasQuery        *query;
  AtlasIndex        *index;
  AtlasResult       *result;
  gint64             selected;

  /* What the map and the counts show (see atlas_context_get_settled_result()):
   * the result once complete, a partial one only after SETTLE_DELAY_MS. */
  AtlasResult       *settled_result;
  guint              settle_source;

  /* A query with text is answered at once from memory (titles, summaries,
   * names), then completed with the descriptions by a worker with a
   * connection of its own.  Only the newest query matters: at most one
   * search runs, cancelled when a query with other text comes; when it
   * ends, the newest query is searched if it still needs to be. */
  AtlasStore        *search_store;
  GCancellable      *search_cancellable;
  char              *search_text;       /* of the running search */
  gboolean           search_running;
  guint64            query_serial;

  AtlasSync         *sync;
  GTask             *sync_task;
  double             sync_progress;
  guint              sync_source_index;
  guint              sync_n_sources;
  gint64             last_sync;
  char              *snapshot_date;

  guint              save_query_id;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (AtlasContext, atlas_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE_PATH,
  PROP_STATE,
  PROP_INDEX,
  PROP_RESULT,
  PROP_SETTLED_RESULT,
  PROP_SELECTED,
  PROP_SYNCING,
  PROP_SYNC_PROGRESS,
  PROP_LAST_SYNC,
  PROP_SNAPSHOT_DATE,
  N_PROPS
};

enum {
  SYNC_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_query (AtlasContext *self);

static void
settle (AtlasContext *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);

  if (self->settled_result == self->result)
    return;

  g_clear_pointer (&self->settled_result, atlas_result_unref);
  self->settled_result = self->result != NULL ? atlas_result_ref (self->result) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTLED_RESULT]);
}

static gboolean
settle_cb (gpointer user_data)
{
  AtlasContext *self = ATLAS_CONTEXT (user_data);

  self->settle_source = 0;
  settle (self);

  return G_SOURCE_REMOVE;
}

static void
set_result (AtlasContext *self,
            AtlasResult  *result)
{
  if (self->result == result)
    return;

  g_clear_pointer (&self->result, atlas_result_unref);
  self->result = result != NULL ? atlas_result_ref (result) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);

  /* A partial result (the descriptions are still being searched) waits for
   * the complete one: while a person types, the map and the counts change
   * once per word typed, not twice, and never show the smaller count of
   * the partial result between two complete ones.  If the complete result
   * does not come soon (the next keystroke cancels its search), the
   * partial one shows after all.  A result of new data shows at once. */
  if (result == NULL || atlas_result_is_complete (result) || self->settled_result == NULL ||
      atlas_result_get_index (self->settled_result) != atlas_result_get_index (result))
    settle (self);
  else if (self->settle_source == 0)
    self->settle_source = g_timeout_add (SETTLE_DELAY_MS, settle_cb, self);
}

static void
set_index (AtlasContext *self,
           AtlasIndex   *index)
{
  g_clear_pointer (&self->index, atlas_index_unref);
  self->index = index != NULL ? atlas_index_ref (index) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

/* The date shown while only the bundled data is there, and the time of the
 * last successful sync of a feed. */
static void
update_sync_dates (AtlasContext *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *snapshot = NULL;
  gint64 last = 0;

  if (self->store == NULL)
    return;

  sources = atlas_store_list_sources (self->store, NULL);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      if (source->kind == ATLAS_SOURCE_KIND_BUNDLED && source->snapshot_date != NULL)
        snapshot = g_strndup (source->snapshot_date, 10);
      else if (source->kind == ATLAS_SOURCE_KIND_FEED)
        last = MAX (last, source->last_success);
    }

  if (last != 0)
    g_clear_pointer (&snapshot, g_free);

  if (last != self->last_sync)
    {
      self->last_sync = last;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }

  if (g_strcmp0 (snapshot, self->snapshot_date) != 0)
    {
      g_free (self->snapshot_date);
      self->snapshot_date = g_steal_pointer (&snapshot);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT_DATE]);
    }
}

static gboolean
save_query_cb (gpointer user_data)
{
  AtlasContext *self = user_data;
  g_autoptr(GVariant) value = NULL;

  self->save_query_id = 0;

  value = g_variant_ref_sink (atlas_query_to_variant (self->query));
  g_settings_set_value (self->settings, "query", value);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  AtlasIndex *index;
  AtlasQuery *query;
  AtlasStore *store;
  guint64     serial;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  atlas_index_unref (search->index);
  g_object_unref (search->query);
  g_free (search);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *search = task_data;
  GError *error = NULL;
  AtlasResult *result;

  result = atlas_index_run (search->index, search->query, search->store, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) atlas_result_unref);
}

static void start_search (AtlasContext *self);

static void
search_done_cb (GObject      *object,
                GAsyncResult *async_result,
                gpointer      user_data)
{
  AtlasContext *self = ATLAS_CONTEXT (object);
  SearchData *search = g_task_get_task_data (G_TASK (async_result));
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  self->search_running = FALSE;
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_text, g_free);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Search failed: %s", error->message);

  /* Disposed meanwhile. */
  if (self->index == NULL)
    return;

  if (search->serial == self->query_serial)
    {
      if (result != NULL)
        set_result (self, result);
      return;
    }

  /* The query changed while this search ran.  With the same words (facets,
   * years or the sort changed), its match serves. */
  if (result != NULL && atlas_result_get_index (result) == self->index &&
      atlas_result_has_same_words (result, self->query))
    {
      g_autoptr(AtlasResult) rerun = NULL;

      rerun = atlas_index_rerun (self->index, self->query, result, NULL, &error);
      if (rerun != NULL)
        set_result (self, rerun);
    }

  if (self->result != NULL && !atlas_result_is_complete (self->result))
    start_search (self);
}

/* Completes the current query in the worker. */
static void
start_search (AtlasContext *self)
{
  g_autoptr(GTask) task = NULL;
  SearchData *search;

  g_assert (!self->search_running);

  search = g_new0 (SearchData, 1);
  search->index = atlas_index_ref (self->index);
  search->query = atlas_query_copy (self->query);
  search->store = self->search_store;
  search->serial = self->query_serial;

  self->search_running = TRUE;
  self->search_cancellable = g_cancellable_new ();
  self->search_text = g_strdup (atlas_query_get_text (self->query));
  task = g_task_new (self, self->search_cancellable, search_done_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, search, search_data_free);
  g_task_run_in_thread (task, search_thread);
}

/* The running search, if any, is of no use any more. */
static void
drop_search (AtlasContext *self)
{
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
}

static void
run_query (AtlasContext *self)
{
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (self->index == NULL)
    return;

  self->query_serial++;

  if (self->result != NULL && atlas_result_get_index (self->result) == self->index &&
      atlas_result_is_complete (self->result) &&
      atlas_result_has_same_words (self->result, self->query))
    {
      /* Facets, years or sort changed, not the words: the text's complete
       * match is reused, in about a millisecond. */
      result = atlas_index_rerun (self->index, self->query, self->result, NULL, &error);
    }
  else
    {
      /* Facets alone are answered from memory in about a millisecond, and so
       * is text in titles, summaries and names. */
      result = atlas_index_run (self->index, self->query, NULL, NULL, &error);
    }

  if (result == NULL)
    {
      g_warning ("Query failed: %s", error->message);
      return;
    }

  set_result (self, result);

  if (atlas_result_is_complete (result))
    {
      drop_search (self);
      return;
    }

  /* The descriptions, in the worker.  A running search for the same text
   * goes on (its match serves when it ends), another is cancelled; either
   * way, this query is searched when it ends if it still needs to be. */
  if (self->search_running)
    {
      if (g_strcmp0 (self->search_text, atlas_query_get_text (self->query)) != 0)
        drop_search (self);
      return;
    }

  start_search (self);
}

static void
on_query_changed_cb (AtlasContext *self,
                     AtlasQuery   *query)
{
  run_query (self);

  if (self->settings != NULL)
    {
      g_clear_handle_id (&self->save_query_id, g_source_remove);
      self->save_query_id = g_timeout_add (SAVE_QUERY_DELAY_MS, save_query_cb, self);
    }
}

/* Loading */

typedef struct
{
  char       *database_path;
  AtlasStore *store;
  AtlasStore *search_store;
  AtlasIndex *index;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->database_path);
  g_clear_object (&load->store);
  g_clear_object (&load->search_store);
  g_clear_pointer (&load->index, atlas_index_unref);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  guint count;

  load->store = atlas_store_open (load->database_path, &error);
  if (load->store == NULL)
    goto fail;

  count = atlas_store_count_initiatives (load->store, &error);
  if (error != NULL)
    goto fail;

  /* An empty cache (the first start) gets the bundled snapshot, so that the
   * app is useful before any network. */
  if (count == 0)
    {
      g_autoptr(AtlasSync) sync = atlas_sync_new (load->database_path);

      if (!atlas_sync_ensure_bundled (sync, cancellable, &error))
        goto fail;
    }

  load->index = atlas_index_load (load->store, cancellable, &error);
  if (load->index == NULL)
    goto fail;

  load->search_store = atlas_store_open (load->database_path, &error);
  if (load->search_store == NULL)
    goto fail;

  g_task_return_boolean (task, TRUE);
  return;

fail:
  g_task_return_error (task, error);
}

void
atlas_context_load_async (AtlasContext        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (ATLAS_IS_CONTEXT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (LoadData, 1);
  load->database_path = g_strdup (self->database_path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_context_load_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
atlas_context_load_finish (AtlasContext  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  LoadData *load;
  GError *local_error = NULL;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (local_error);
      self->state = ATLAS_CONTEXT_STATE_FAILED;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  load = g_task_get_task_data (G_TASK (result));

  g_set_object (&self->store, load->store);
  g_set_object (&self->search_store, load->search_store);
  set_index (self, load->index);
  update_sync_dates (self);
  run_query (self);

  self->state = ATLAS_CONTEXT_STATE_READY;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  return TRUE;
}

/* Syncing */

typedef struct
{
  AtlasSyncReport *report;
  AtlasIndex      *index;
} SyncResult;

static void
sync_result_free (gpointer data)
{
  SyncResult *result = data;

  g_clear_pointer (&result->report, atlas_sync_report_free);
  g_clear_pointer (&result->index, atlas_index_unref);
  g_free (result);
}

static void
on_sync_progress_cb (AtlasSync    *sync,
                     const char   *url,
                     guint         done,
                     guint         total,
                     AtlasContext *self)
{
  GStrv urls = g_task_get_task_data (self->sync_task);
  double within = total > 0 ? (double) done / total : 0.5;

  for (guint i = 0; urls[i] != NULL; i++)
    if (g_strcmp0 (urls[i], url) == 0)
      self->sync_source_index = i;

  self->sync_progress = (self->sync_source_index + within) / MAX (self->sync_n_sources, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_PROGRESS]);
}

static void
reload_index_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *database_path = task_data;
  g_autoptr(AtlasStore) store = NULL;
  GError *error = NULL;
  AtlasIndex *index;

  store = atlas_store_open (database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  index = atlas_index_load (store, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) atlas_index_unref);
}

static void
finish_sync (AtlasContext    *self,
             AtlasSyncReport *report,
             AtlasIndex      *index,
             GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->sync_task);

  if (index != NULL)
    {
      set_index (self, index);
      run_query (self);
    }

  update_sync_dates (self);
  self->sync_progress = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  g_signal_emit (self, signals[SYNC_FINISHED], 0, report, error);

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    {
      SyncResult *result = g_new0 (SyncResult, 1);

      result->report = report;
      g_task_return_pointer (task, result, sync_result_free);
    }
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *async_result,
                gpointer      user_data)
{
  AtlasContext *self = ATLAS_CONTEXT (object);
  AtlasSyncReport *report = user_data;
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (index == NULL)
    g_warning ("Reloading the index after a sync failed: %s", error->message);

  finish_sync (self, report, index, NULL);
}

static gboolean
report_changed_data (AtlasSyncReport *report)
{
  for (guint i = 0; i < report->sources->len; i++)
    {
      const AtlasSourceReport *source = g_ptr_array_index (report->sources, i);

      if (source->outcome == ATLAS_SOURCE_OUTCOME_UPDATED &&
          (source->added > 0 || source->updated > 0 || source->removed > 0))
        return TRUE;
    }

  return FALSE;
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  AtlasContext *self = user_data;
  AtlasSyncReport *report;
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (self->sync, on_sync_progress_cb, self);

  report = atlas_sync_run_finish (ATLAS_SYNC (object), async_result, &error);
  if (report == NULL)
    {
      finish_sync (self, NULL, NULL, error);
      g_object_unref (self);
      return;
    }

  if (report_changed_data (report))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, reload_done_cb, report);

      g_task_set_source_tag (task, reload_index_thread);
      g_task_set_task_data (task, g_strdup (self->database_path), g_free);
      g_task_run_in_thread (task, reload_index_thread);
    }
  else
    finish_sync (self, report, NULL, NULL);

  g_object_unref (self);
}

void
atlas_context_sync_async (AtlasContext        *self,
                          const char * const  *urls,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) sources = NULL;

  g_return_if_fail (ATLAS_IS_CONTEXT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_context_sync_async);

  if (self->sync_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync is already running."));
      return;
    }

  if (urls != NULL)
    sources = g_strdupv ((char **) urls);
  else if (self->settings != NULL)
    sources = g_settings_get_strv (self->settings, "sources");
  else
    sources = g_new0 (char *, 1);

  self->sync_n_sources = g_strv_length (sources);
  self->sync_source_index = 0;
  self->sync_progress = 0.0;
  g_task_set_task_data (task, g_strdupv (sources), (GDestroyNotify) g_strfreev);
  self->sync_task = g_steal_pointer (&task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  g_signal_connect (self->sync, "progress", G_CALLBACK (on_sync_progress_cb), self);
  atlas_sync_run_async (self->sync, (const char * const *) sources,
                        cancellable != NULL ? cancellable : self->cancellable,
                        sync_done_cb, g_object_ref (self));
}

AtlasSyncReport *
atlas_context_sync_finish (AtlasContext  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  SyncResult *sync_result;
  AtlasSyncReport *report;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  sync_result = g_task_propagate_pointer (G_TASK (result), error);
  if (sync_result == NULL)
    return NULL;

  /* The report was shown to "sync-finished" handlers; the caller gets its own. */
  report = g_steal_pointer (&sync_result->report);
  sync_result_free (sync_result);

  return report;
}

/* Properties and life cycle */

static void
atlas_context_constructed (GObject *object)
{
  AtlasContext *self = (AtlasContext *) object;

  G_OBJECT_CLASS (atlas_context_parent_class)->constructed (object);

  g_assert (self->database_path != NULL);

  self->sync = atlas_sync_new (self->database_path);

  if (self->settings != NULL)
    {
      g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "query");
      g_autoptr(AtlasQuery) query = atlas_query_new_from_variant (saved);

      if (query != NULL)
        g_set_object (&self->query, query);
    }

  g_signal_connect_object (self->query, "changed", G_CALLBACK (on_query_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
atlas_context_dispose (GObject *object)
{
  AtlasContext *self = (AtlasContext *) object;

  g_cancellable_cancel (self->cancellable);
  drop_search (self);

  if (self->save_query_id != 0)
    {
      g_clear_handle_id (&self->save_query_id, g_source_remove);
      save_query_cb (self);
    }

  g_clear_object (&self->sync);
  g_clear_object (&self->query);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_pointer (&self->result, atlas_result_unref);
  g_clear_pointer (&self->settled_result, atlas_result_unref);
  g_clear_pointer (&self->index, atlas_index_unref);
  g_clear_object (&self->search_store);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (atlas_context_parent_class)->dispose (object);
}

static void
atlas_context_finalize (GObject *object)
{
  AtlasContext *self = (AtlasContext *) object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->snapshot_date, g_free);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (atlas_context_parent_class)->finalize (object);
}

static void
atlas_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasContext *self = ATLAS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_INDEX:
      g_value_set_pointer (value, self->index);
      break;

    case PROP_RESULT:
      g_value_set_pointer (value, self->result);
      break;

    case PROP_SETTLED_RESULT:
      g_value_set_pointer (value, self->settled_result);
      break;

    case PROP_SELECTED:
      g_value_set_int64 (value, self->selected);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, self->sync_task != NULL);
      break;

    case PROP_SYNC_PROGRESS:
      g_value_set_double (value, self->sync_progress);
      break;

    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;

    case PROP_SNAPSHOT_DATE:
      g_value_set_string (value, self->snapshot_date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasContext *self = ATLAS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    case PROP_SELECTED:
      atlas_context_set_selected (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_context_class_init (AtlasContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = atlas_context_constructed;
  object_class->dispose = atlas_context_dispose;
  object_class->finalize = atlas_context_finalize;
  object_class->get_property = atlas_context_get_property;
  object_class->set_property = atlas_context_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      ATLAS_CONTEXT_STATE_LOADING, ATLAS_CONTEXT_STATE_FAILED,
                      ATLAS_CONTEXT_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] =
    g_param_spec_pointer ("index", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_pointer ("result", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTLED_RESULT] =
    g_param_spec_pointer ("settled-result", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_PROGRESS] =
    g_param_spec_double ("sync-progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAPSHOT_DATE] =
    g_param_spec_string ("snapshot-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasContext::sync-finished:
   * @report: (nullable): what the sync did, source by source
   * @error: (nullable): why the sync could not run at all
   */
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
}

static void
atlas_context_init (AtlasContext *self)
{
  self->query = atlas_query_new ();
  self->cancellable = g_cancellable_new ();
}

AtlasContext *
atlas_context_new (GSettings  *settings,
                   const char *database_path)
{
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (ATLAS_TYPE_CONTEXT,
                       "settings", settings,
                       "database-path", database_path,
                       NULL);
}

GSettings *
atlas_context_get_settings (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->settings;
}

const char *
atlas_context_get_database_path (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->database_path;
}

AtlasContextState
atlas_context_get_state (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), ATLAS_CONTEXT_STATE_FAILED);

  return self->state;
}

const GError *
atlas_context_get_error (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->error;
}

AtlasQuery *
atlas_context_get_query (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->query;
}

AtlasIndex *
atlas_context_get_index (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->index;
}

AtlasResult *
atlas_context_get_result (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->result;
}

/**
 * atlas_context_get_settled_result:
 *
 * The result the map and the facet counts show: the current result once it
 * is complete, or a partial one (text matched in titles, summaries and
 * names while a worker searches the descriptions) that no complete result
 * followed within 250 ms.
 *
 * Returns: (transfer none) (nullable): the settled result
 */
AtlasResult *
atlas_context_get_settled_result (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->settled_result;
}

AtlasStore *
atlas_context_get_store (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->store;
}

AtlasInitiative *
atlas_context_load_initiative (AtlasContext  *self,
                               gint64         rowid,
                               GError       **error)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->store == NULL)
    {
      g_set_error_literal (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                           _("The cache is not open yet."));
      return NULL;
    }

  return atlas_store_load_initiative (self->store, rowid, error);
}

GPtrArray *
atlas_context_list_sources (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  if (self->store == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);

  return atlas_store_list_sources (self->store, NULL);
}

gint64
atlas_context_get_selected (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), 0);

  return self->selected;
}

void
atlas_context_set_selected (AtlasContext *self,
                            gint64        rowid)
{
  g_return_if_fail (ATLAS_IS_CONTEXT (self));
  g_return_if_fail (rowid >= 0);

  if (self->selected == rowid)
    return;

  self->selected = rowid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
atlas_context_get_syncing (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);

  return self->sync_task != NULL;
}

double
atlas_context_get_sync_progress (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), 0.0);

  return self->sync_progress;
}

gint64
atlas_context_get_last_sync (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), 0);

  return self->last_sync;
}

const char *
atlas_context_get_snapshot_date (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  return self->snapshot_date;
}
