/* atlas-test-server.c
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

#define G_LOG_DOMAIN "atlas-test-server"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "atlas-test-server.h"

typedef enum
{
  ROUTE_BODY,
  ROUTE_REDIRECT,
  ROUTE_STALL,
  ROUTE_TRUNCATED,
} RouteKind;

typedef struct
{
  RouteKind  kind;
  guint      status;
  GBytes    *body;
  char      *etag;
  char      *location;
  gsize      sent;
  gboolean   chunked;
  guint      delay_ms;
  guint      hits;
  char      *last_query;
  char      *last_if_none_match;
} Route;

struct _AtlasTestServer
{
  GMutex        lock;
  GCond         cond;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;
  GHashTable   *routes;        /* path -> Route* */
  char         *dir_prefix;
  char         *directory;
  GPtrArray    *stalled;       /* of SoupServerMessage*, paused for ever */
};

static void
route_free (gpointer data)
{
  Route *route = data;

  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route->etag);
  g_free (route->location);
  g_free (route->last_query);
  g_free (route->last_if_none_match);
  g_free (route);
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *message = data;

  soup_server_message_unpause (message);
  return G_SOURCE_REMOVE;
}

static void
send_truncated (SoupServerMessage *message,
                GBytes            *body,
                gsize              sent)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
  g_autofree char *head = NULL;
  GOutputStream *out;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          length);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, data, MIN (sent, length), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
serve_from_directory (AtlasTestServer   *self,
                      SoupServerMessage *message,
                      const char        *path)
{
  g_autofree char *relative = NULL;
  g_autofree char *file = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (self->directory == NULL || !g_str_has_prefix (path, self->dir_prefix))
    return FALSE;

  relative = g_strdup (path + strlen (self->dir_prefix));
  g_strstrip (relative);
  if (strstr (relative, "..") != NULL)
    return FALSE;

  file = g_build_filename (self->directory, relative, "index.json", NULL);
  if (!g_file_get_contents (file, &contents, &length, NULL))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return TRUE;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    contents, length);
  return TRUE;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  AtlasTestServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  g_autoptr(GBytes) body = NULL;
  Route *route;
  RouteKind kind;
  guint status, delay_ms;
  gboolean chunked;
  gsize sent;
  g_autofree char *etag = NULL;
  g_autofree char *location = NULL;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  if (route == NULL)
    {
      g_mutex_unlock (&self->lock);
      if (!serve_from_directory (self, message, path))
        soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  route->hits++;
  g_free (route->last_query);
  route->last_query = g_strdup (g_uri_get_query (uri));
  g_free (route->last_if_none_match);
  route->last_if_none_match = g_strdup (if_none_match);
  kind = route->kind;
  status = route->status;
  body = route->body != NULL ? g_bytes_ref (route->body) : NULL;
  etag = g_strdup (route->etag);
  location = g_strdup (route->location);
  chunked = route->chunked;
  delay_ms = route->delay_ms;
  sent = route->sent;
  g_mutex_unlock (&self->lock);

  switch (kind)
    {
    case ROUTE_STALL:
      soup_server_message_pause (message);
      g_ptr_array_add (self->stalled, g_object_ref (message));
      return;

    case ROUTE_TRUNCATED:
      send_truncated (message, body, sent);
      return;

    case ROUTE_REDIRECT:
      soup_server_message_set_redirect (message, status, location);
      return;

    case ROUTE_BODY:
    default:
      break;
    }

  if (etag != NULL && g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      soup_message_headers_replace (response, "ETag", etag);
      return;
    }

  soup_server_message_set_status (message, status, NULL);
  if (etag != NULL)
    soup_message_headers_replace (response, "ETag", etag);

  if (body != NULL)
    {
      soup_message_headers_set_content_type (response, "application/json", NULL);
      if (chunked)
        soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_body_append_bytes (soup_server_message_get_response_body (message), body);
      if (chunked)
        soup_message_body_complete (soup_server_message_get_response_body (message));
    }

  if (delay_ms > 0)
    {
      g_autoptr(GSource) source = g_timeout_source_new (delay_ms);

      soup_server_message_pause (message);
      g_source_set_callback (source, unpause_cb, g_object_ref (message), g_object_unref);
      g_source_attach (source, self->context);
    }
}

static gpointer
server_thread (gpointer data)
{
  AtlasTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The test server could not listen: %s", error->message);

  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->lock);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  g_ptr_array_set_size (self->stalled, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  /* Let the server's sources finish before the context goes. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

AtlasTestServer *
atlas_test_server_new (void)
{
  AtlasTestServer *self = g_new0 (AtlasTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("test-server", server_thread, self);
  while (self->base_url == NULL)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
atlas_test_server_free (AtlasTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->routes);
  g_ptr_array_unref (self->stalled);
  g_free (self->base_url);
  g_free (self->dir_prefix);
  g_free (self->directory);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
atlas_test_server_get_base_url (AtlasTestServer *self)
{
  return self->base_url;
}

char *
atlas_test_server_get_url (AtlasTestServer *self,
                           const char      *path)
{
  return g_strconcat (self->base_url, path, NULL);
}

static Route *
replace_route (AtlasTestServer *self,
               const char      *path,
               RouteKind        kind)
{
  Route *route = g_new0 (Route, 1);

  route->kind = kind;
  g_hash_table_replace (self->routes, g_strdup (path), route);

  return route;
}

void
atlas_test_server_set (AtlasTestServer *self,
                       const char      *path,
                       guint            status,
                       GBytes          *body,
                       const char      *etag)
{
  Route *route;

  g_mutex_lock (&self->lock);
  route = replace_route (self, path, ROUTE_BODY);
  route->status = status;
  route->body = body != NULL ? g_bytes_ref (body) : NULL;
  route->etag = g_strdup (etag);
  g_mutex_unlock (&self->lock);
}

void
atlas_test_server_set_string (AtlasTestServer *self,
                              const char      *path,
                              guint            status,
                              const char      *body,
                              const char      *etag)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  atlas_test_server_set (self, path, status, bytes, etag);
}

void
atlas_test_server_set_redirect (AtlasTestServer *self,
                                const char      *path,
                                guint            status,
                                const char      *location)
{
  Route *route;

  g_mutex_lock (&self->lock);
  route = replace_route (self, path, ROUTE_REDIRECT);
  route->status = status;
  route->location = g_strdup (location);
  g_mutex_unlock (&self->lock);
}

void
atlas_test_server_set_stall (AtlasTestServer *self,
                             const char      *path)
{
  g_mutex_lock (&self->lock);
  replace_route (self, path, ROUTE_STALL);
  g_mutex_unlock (&self->lock);
}

void
atlas_test_server_set_truncated (AtlasTestServer *self,
                                 const char      *path,
                                 GBytes          *body,
                                 gsize            sent)
{
  Route *route;

  g_mutex_lock (&self->lock);
  route = replace_route (self, path, ROUTE_TRUNCATED);
  route->body = g_bytes_ref (body);
  route->sent = sent;
  g_mutex_unlock (&self->lock);
}

static Route *
lookup_route (AtlasTestServer *self,
              const char      *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  g_assert_nonnull (route);
  return route;
}

void
atlas_test_server_set_chunked (AtlasTestServer *self,
                               const char      *path,
                               gboolean         chunked)
{
  g_mutex_lock (&self->lock);
  lookup_route (self, path)->chunked = chunked;
  g_mutex_unlock (&self->lock);
}

void
atlas_test_server_set_delay (AtlasTestServer *self,
                             const char      *path,
                             guint            delay_ms)
{
  g_mutex_lock (&self->lock);
  lookup_route (self, path)->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

void
atlas_test_server_serve_directory (AtlasTestServer *self,
                                   const char      *prefix,
                                   const char      *directory)
{
  g_mutex_lock (&self->lock);
  g_free (self->dir_prefix);
  g_free (self->directory);
  self->dir_prefix = g_strdup (prefix);
  self->directory = g_strdup (directory);
  g_mutex_unlock (&self->lock);
}

void
atlas_test_server_remove (AtlasTestServer *self,
                          const char      *path)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->routes, path);
  g_mutex_unlock (&self->lock);
}

guint
atlas_test_server_get_hits (AtlasTestServer *self,
                            const char      *path)
{
  Route *route;
  guint hits;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  hits = route != NULL ? route->hits : 0;
  g_mutex_unlock (&self->lock);

  return hits;
}

char *
atlas_test_server_get_last_query (AtlasTestServer *self,
                                  const char      *path)
{
  Route *route;
  char *query;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  query = route != NULL ? g_strdup (route->last_query) : NULL;
  g_mutex_unlock (&self->lock);

  return query;
}

char *
atlas_test_server_get_last_if_none_match (AtlasTestServer *self,
                                          const char      *path)
{
  Route *route;
  char *value;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  value = route != NULL ? g_strdup (route->last_if_none_match) : NULL;
  g_mutex_unlock (&self->lock);

  return value;
}
