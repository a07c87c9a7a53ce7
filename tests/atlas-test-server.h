/* atlas-test-server.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real HTTP server on 127.0.0.1 (libsoup's SoupServer in a thread of its
 * own), serving what a test tells it to, path by path.  Used by the sync
 * tests, the command-line tests and the benchmark. */

typedef struct _AtlasTestServer AtlasTestServer;

AtlasTestServer *atlas_test_server_new            (void);
void             atlas_test_server_free           (AtlasTestServer *self);
/* "http://127.0.0.1:PORT" */
const char      *atlas_test_server_get_base_url   (AtlasTestServer *self);
/* The base URL with @path appended. */
char            *atlas_test_server_get_url        (AtlasTestServer *self,
                                                   const char      *path);

/* Serves @body (JSON) at @path (the query string is ignored) with @status.
 * With an @etag, answers 304 when the request's If-None-Match matches. */
void             atlas_test_server_set            (AtlasTestServer *self,
                                                   const char      *path,
                                                   guint            status,
                                                   GBytes          *body,
                                                   const char      *etag);
void             atlas_test_server_set_string     (AtlasTestServer *self,
                                                   const char      *path,
                                                   guint            status,
                                                   const char      *body,
                                                   const char      *etag);
/* Answers @status with a Location header. */
void             atlas_test_server_set_redirect   (AtlasTestServer *self,
                                                   const char      *path,
                                                   guint            status,
                                                   const char      *location);
/* Never answers (until the server is freed). */
void             atlas_test_server_set_stall      (AtlasTestServer *self,
                                                   const char      *path);
/* Sends headers announcing @body's full length, then only @sent bytes of it,
 * then closes the connection. */
void             atlas_test_server_set_truncated  (AtlasTestServer *self,
                                                   const char      *path,
                                                   GBytes          *body,
                                                   gsize            sent);
/* Sends the body with chunked encoding (no Content-Length). */
void             atlas_test_server_set_chunked    (AtlasTestServer *self,
                                                   const char      *path,
                                                   gboolean         chunked);
/* Answers after @delay_ms milliseconds. */
void             atlas_test_server_set_delay      (AtlasTestServer *self,
                                                   const char      *path,
                                                   guint            delay_ms);
/* Serves every file under @directory: a request for @prefix/a/b gets
 * @directory/a/b/index.json (how the registry API's static files were laid
 * out). */
void             atlas_test_server_serve_directory (AtlasTestServer *self,
                                                    const char      *prefix,
                                                    const char      *directory);
void             atlas_test_server_remove         (AtlasTestServer *self,
                                                   const char      *path);

guint            atlas_test_server_get_hits       (AtlasTestServer *self,
                                                   const char      *path);
/* The query string and If-None-Match of the last request for @path. */
char            *atlas_test_server_get_last_query (AtlasTestServer *self,
                                                   const char      *path);
char            *atlas_test_server_get_last_if_none_match (AtlasTestServer *self,
                                                           const char      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTestServer, atlas_test_server_free)

G_END_DECLS
