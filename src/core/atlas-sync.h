/* atlas-sync.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-sync-report.h"
#include "atlas-types.h"

G_BEGIN_DECLS

/* Keeps the cache in step with feeds.  Each source is synced in one
 * transaction of its own (atlas-store.h): it applies completely or not at
 * all, whatever fails.  Work runs in a worker thread with its own store
 * connection and HTTP session; "progress" is emitted in the thread-default
 * main context of the caller of atlas_sync_run_async().
 *
 * HTTP rules: https only (http is allowed for loopback hosts), TLS errors
 * fail, a size limit per document, timeouts, a redirect limit, conditional
 * requests (If-None-Match / If-Modified-Since; 304 is a success that changes
 * nothing), "next" pages followed, "since=<cursor>" sent for deltas. */

#define ATLAS_SYNC_ERROR (atlas_sync_error_quark ())

typedef enum
{
  ATLAS_SYNC_ERROR_FAILED,
  ATLAS_SYNC_ERROR_INVALID_URL,
  ATLAS_SYNC_ERROR_INSECURE,          /* http:// to a host that is not loopback */
  ATLAS_SYNC_ERROR_NETWORK,           /* could not connect, DNS, reset */
  ATLAS_SYNC_ERROR_TLS,
  ATLAS_SYNC_ERROR_TIMEOUT,
  ATLAS_SYNC_ERROR_HTTP,              /* a 4xx or 5xx status */
  ATLAS_SYNC_ERROR_TOO_MANY_REDIRECTS,
  ATLAS_SYNC_ERROR_TOO_LARGE,
  ATLAS_SYNC_ERROR_TRUNCATED,
} AtlasSyncError;

#define ATLAS_TYPE_SYNC (atlas_sync_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSync, atlas_sync, ATLAS, SYNC, GObject)

GQuark            atlas_sync_error_quark          (void);

AtlasSync        *atlas_sync_new                  (const char           *database_path);
const char       *atlas_sync_get_database_path    (AtlasSync            *self);

/* Limits; the defaults suit real use, tests lower them. */
void              atlas_sync_set_max_document_size (AtlasSync           *self,
                                                    gsize                size);
void              atlas_sync_set_timeout          (AtlasSync            *self,
                                                   guint                 seconds);
void              atlas_sync_set_max_redirects    (AtlasSync            *self,
                                                   guint                 max_redirects);

/* TRUE when the URL may be synced (https, or http to a loopback host). */
gboolean          atlas_sync_check_url            (const char           *url,
                                                   GError              **error);

/* Syncs each URL in turn.  The returned report says what happened to each
 * source; the GError is only for a sync that could not start at all (the
 * database cannot be opened). */
void              atlas_sync_run_async            (AtlasSync            *self,
                                                   const char * const   *urls,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
AtlasSyncReport  *atlas_sync_run_finish           (AtlasSync            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* The same, blocking the calling thread (command line, tests). */
AtlasSyncReport  *atlas_sync_run                  (AtlasSync            *self,
                                                   const char * const   *urls,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* Applies one document, of either format, atomically, as the source
 * @source_url (a file URI for --import, "bundled:" for the bundled data). */
AtlasSyncReport  *atlas_sync_import               (AtlasSync            *self,
                                                   const char           *source_url,
                                                   int                   source_kind,
                                                   GBytes               *document,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* Fills a cache that has no initiatives and no bundled source with the
 * dataset shipped with the app (source "bundled:").  Does nothing, and
 * returns TRUE, for a cache that has data. */
gboolean          atlas_sync_ensure_bundled       (AtlasSync            *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* Checks that a URL answers with a feed of a known format, without
 * touching the cache (for Preferences); returns the format. */
void              atlas_sync_probe_async          (AtlasSync            *self,
                                                   const char           *url,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
int               atlas_sync_probe_finish         (AtlasSync            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
