/* atlas-sync.c
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

#define G_LOG_DOMAIN "atlas-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "atlas-dpga.h"
#include "atlas-feed-parser.h"
#include "atlas-initiative.h"
#include "atlas-store.h"
#include "atlas-sync.h"

#define DEFAULT_TIMEOUT       30
#define DEFAULT_MAX_REDIRECTS 5
#define MAX_PAGES             10000
#define PAGES_IN_FLIGHT       2
#define READ_CHUNK            (64 * 1024)
#define BUNDLED_RESOURCE      "/io/github/cooperationatlas/Atlas/core/bundled/initiatives.json"
#define BUNDLED_URL           "bundled:"
#define USER_AGENT            "CooperationAtlas/" PACKAGE_VERSION

typedef struct
{
  gsize max_document_size;
  guint timeout;
  guint max_redirects;
} Limits;

struct _AtlasSync
{
  GObject  parent_instance;

  char    *database_path;
  Limits   limits;
};

G_DEFINE_FINAL_TYPE (AtlasSync, atlas_sync, G_TYPE_OBJECT)

G_DEFINE_QUARK (atlas-sync-error-quark, atlas_sync_error)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What one run needs, owned by the worker. */
typedef struct
{
  AtlasSync    *self;
  char        **urls;
  char         *database_path;
  Limits        limits;
  GMainContext *context;         /* where "progress" is emitted, NULL: directly */
} RunData;

typedef struct
{
  AtlasSync *self;
  char      *url;
  guint      done;
  guint      total;
} ProgressData;

/* One item on the way from the fetching thread to the writing thread:
 * a page, or the end (with an error when it failed). */
typedef struct
{
  AtlasFeedPage *page;
  GError        *error;
  gboolean       end;
} PageItem;

/* The fetching side of one source's sync: downloads and parses pages in a
 * thread of its own while the caller's thread writes the previous page. */
typedef struct
{
  char          *url;            /* the first request, with "since" */
  const char    *source_url;
  const char    *etag;
  const char    *last_modified;
  Limits         limits;
  RunData       *run;
  GCancellable  *cancellable;    /* cancelled by the writer on failure, or by the user */

  GAsyncQueue   *queue;          /* of PageItem* */
  GMutex         lock;
  GCond          cond;
  guint          in_flight;

  /* Set by the fetching thread before it queues the first item. */
  char          *new_etag;
  char          *new_last_modified;
  gboolean       not_modified;
} Fetcher;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_clear_object (&run->self);
  g_strfreev (run->urls);
  g_free (run->database_path);
  g_clear_pointer (&run->context, g_main_context_unref);
  g_free (run);
}

static void
page_item_free (gpointer data)
{
  PageItem *item = data;

  g_clear_pointer (&item->page, atlas_feed_page_free);
  g_clear_error (&item->error);
  g_free (item);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressData *progress = data;

  g_signal_emit (progress->self, signals[PROGRESS], 0,
                 progress->url, progress->done, progress->total);

  return G_SOURCE_REMOVE;
}

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_object_unref (progress->self);
  g_free (progress->url);
  g_free (progress);
}

static void
report_progress (RunData    *run,
                 const char *url,
                 guint       done,
                 guint       total)
{
  ProgressData *progress = g_new0 (ProgressData, 1);

  progress->self = g_object_ref (run->self);
  progress->url = g_strdup (url);
  progress->done = done;
  progress->total = total;

  if (run->context == NULL)
    {
      emit_progress_cb (progress);
      progress_data_free (progress);
    }
  else
    g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT,
                                emit_progress_cb, progress, progress_data_free);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * atlas_sync_check_url:
 * @url: an address
 * @error: return location for an error
 *
 * Feeds are fetched over https only; plain http is allowed for loopback
 * addresses (tests and local servers).
 *
 * Returns: %TRUE when @url may be synced
 */
gboolean
atlas_sync_check_url (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0')
    {
      g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not a web address."), url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (host))
        return TRUE;

      g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_INSECURE,
                   _("Only secure addresses (https) can be synced, and “%s” is not one."), url);
      return FALSE;
    }

  g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_INVALID_URL,
               _("“%s” is not a web address."), url);
  return FALSE;
}

/* Turns what GIO and libsoup report into one sentence for people. */
static GError *
describe_transport_error (const GError *error,
                          const char   *url,
                          const Limits *limits)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TIMEOUT,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "The server did not answer within %u second.",
                                     "The server did not answer within %u seconds.",
                                     limits->timeout),
                        limits->timeout);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK,
                        _("The address “%s” could not be found: check the network connection."),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK,
                        _("The server “%s” refused the connection."), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new_literal (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK,
                                _("There is no network connection."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TLS,
                        _("The security certificate of “%s” could not be verified, so the "
                          "connection was not trusted."), host);

  return g_error_new (ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK,
                      /* Translators: the placeholder is a technical detail. */
                      _("The connection to the server failed (%s)."), error->message);
}

static SoupSession *
create_session (const Limits *limits)
{
  SoupSession *session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                        "timeout", limits->timeout,
                                                        "idle-timeout", limits->timeout,
                                                        NULL);

  return session;
}

static GBytes *
read_body (GInputStream  *stream,
           goffset        content_length,
           const Limits  *limits,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *chunk = g_malloc (READ_CHUNK);

  if (content_length > 0 && (guint64) content_length > limits->max_document_size)
    goto too_large;

  buffer = g_byte_array_sized_new (content_length > 0 ? (guint) content_length : READ_CHUNK);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, READ_CHUNK, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          g_set_error_literal (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TRUNCATED,
                               _("The download was cut short before the end of the feed."));
          return NULL;
        }

      if (n == 0)
        break;

      if (buffer->len + (gsize) n > limits->max_document_size)
        goto too_large;

      g_byte_array_append (buffer, chunk, (guint) n);
    }

  if (content_length > 0 && buffer->len < (guint64) content_length)
    {
      g_set_error_literal (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TRUNCATED,
                           _("The download was cut short before the end of the feed."));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

too_large:
  {
    g_autofree char *size = g_format_size (limits->max_document_size);

    g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TOO_LARGE,
                 _("The feed is larger than the limit of %s for one document."), size);
    return NULL;
  }
}

/* GETs one document, following redirects by hand (so that every hop obeys
 * the https rule and the redirect limit).  Returns NULL without error when
 * the server says 304 Not Modified. */
static GBytes *
fetch_document (SoupSession   *session,
                const char    *url,
                const char    *etag,
                const char    *last_modified,
                const Limits  *limits,
                char         **new_etag,
                char         **new_last_modified,
                char         **final_url,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *current = g_strdup (url);

  for (guint hops = 0;; hops++)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      SoupMessageHeaders *request_headers;
      SoupMessageHeaders *response_headers;
      guint status;

      if (!atlas_sync_check_url (current, error))
        return NULL;

      message = soup_message_new (SOUP_METHOD_GET, current);
      if (message == NULL)
        {
          g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_INVALID_URL,
                       _("“%s” is not a web address."), current);
          return NULL;
        }

      soup_message_set_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      request_headers = soup_message_get_request_headers (message);
      soup_message_headers_replace (request_headers, "Accept", "application/json");
      if (etag != NULL)
        soup_message_headers_replace (request_headers, "If-None-Match", etag);
      if (last_modified != NULL)
        soup_message_headers_replace (request_headers, "If-Modified-Since", last_modified);

      stream = soup_session_send (session, message, cancellable, &local_error);
      if (stream == NULL)
        {
          g_propagate_error (error, describe_transport_error (local_error, current, limits));
          return NULL;
        }

      status = soup_message_get_status (message);
      response_headers = soup_message_get_response_headers (message);

      if (status == SOUP_STATUS_NOT_MODIFIED && (etag != NULL || last_modified != NULL))
        {
          g_input_stream_close (stream, NULL, NULL);
          return NULL;
        }

      if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
        {
          const char *location = soup_message_headers_get_one (response_headers, "Location");
          g_autofree char *next = NULL;

          g_input_stream_close (stream, NULL, NULL);

          if (location == NULL)
            {
              g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP,
                           _("The server answered %u %s without saying where to go."),
                           status, soup_message_get_reason_phrase (message));
              return NULL;
            }

          if (hops >= limits->max_redirects)
            {
              g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TOO_MANY_REDIRECTS,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The server redirected more than %u time.",
                                        "The server redirected more than %u times.",
                                        limits->max_redirects),
                           limits->max_redirects);
              return NULL;
            }

          next = g_uri_resolve_relative (current, location, G_URI_FLAGS_NONE, NULL);
          if (next == NULL)
            {
              g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP,
                           _("The server redirected to “%s”, which is not a web address."),
                           location);
              return NULL;
            }

          g_free (current);
          current = g_steal_pointer (&next);
          continue;
        }

      if (!SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_NO_CONTENT)
        {
          g_input_stream_close (stream, NULL, NULL);
          g_set_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP,
                       /* Translators: e.g. "The server answered 404 Not Found." */
                       _("The server answered %u %s."),
                       status, soup_message_get_reason_phrase (message));
          return NULL;
        }

      if (new_etag != NULL)
        *new_etag = g_strdup (soup_message_headers_get_one (response_headers, "ETag"));
      if (new_last_modified != NULL)
        *new_last_modified = g_strdup (soup_message_headers_get_one (response_headers,
                                                                     "Last-Modified"));
      if (final_url != NULL)
        *final_url = g_strdup (current);

      {
        GBytes *bytes = read_body (stream,
                                   soup_message_headers_get_content_length (response_headers),
                                   limits, cancellable, &local_error);

        g_input_stream_close (stream, NULL, NULL);

        if (bytes == NULL)
          {
            if (local_error->domain == ATLAS_SYNC_ERROR)
              g_propagate_error (error, g_steal_pointer (&local_error));
            else
              g_propagate_error (error, describe_transport_error (local_error, current, limits));
          }

        return bytes;
      }
    }
}

static AtlasFeedPage *
parse_document (GBytes      *bytes,
                const char  *url,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  AtlasFeedPage *page;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  page = atlas_feed_parse (data, length, url, &local_error);
  if (page == NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, local_error->code,
                   /* Translators: the placeholder is why, one sentence. */
                   _("The feed could not be read: %s"), local_error->message);
      return NULL;
    }

  return page;
}

/* The registry's list has no countries: fetch each good's own document. */
static gboolean
complete_dpga_list (Fetcher       *fetcher,
                    SoupSession   *session,
                    const char    *list_url,
                    AtlasFeedPage *page,
                    GError       **error)
{
  guint n = page->initiatives->len;

  for (guint i = 0; i < n; i++)
    {
      AtlasInitiative *listed = g_ptr_array_index (page->initiatives, i);
      g_autofree char *good_url = atlas_dpga_good_url (list_url, listed->id);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AtlasFeedPage) good = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (fetcher->cancellable, error))
        return FALSE;

      bytes = fetch_document (session, good_url, NULL, NULL, &fetcher->limits,
                              NULL, NULL, NULL, fetcher->cancellable, &local_error);
      if (bytes != NULL)
        good = parse_document (bytes, good_url, &local_error);

      if (good != NULL && good->initiatives->len == 1)
        {
          AtlasInitiative *detailed = g_ptr_array_index (good->initiatives, 0);

          g_ptr_array_index (page->initiatives, i) = atlas_initiative_ref (detailed);
          atlas_initiative_unref (listed);

          for (guint j = 0; j < good->organizations->len; j++)
            g_ptr_array_add (page->organizations,
                             atlas_organization_ref (g_ptr_array_index (good->organizations, j)));
          for (guint j = 0; j < good->problems->len; j++)
            g_ptr_array_add (page->problems,
                             atlas_problem_copy (g_ptr_array_index (good->problems, j)));
        }
      else if (good != NULL ||
               g_error_matches (local_error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP) ||
               local_error->domain == ATLAS_FEED_ERROR)
        {
          /* One good without details is no reason to fail the whole registry:
           * keep what the list says and tell. */
          g_autofree char *message =
            g_strdup_printf (_("The details of “%s” could not be read, so its countries are "
                               "unknown: %s"),
                             listed->title,
                             local_error != NULL ? local_error->message : _("the document is empty."));

          atlas_feed_page_add_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, listed->id,
                                       "locations", good_url, message);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      report_progress (fetcher->run, fetcher->source_url, i + 1, n);
    }

  return TRUE;
}

static void
fetcher_push (Fetcher  *fetcher,
              PageItem *item)
{
  if (!item->end)
    {
      g_mutex_lock (&fetcher->lock);
      while (fetcher->in_flight >= PAGES_IN_FLIGHT &&
             !g_cancellable_is_cancelled (fetcher->cancellable))
        g_cond_wait (&fetcher->cond, &fetcher->lock);
      fetcher->in_flight++;
      g_mutex_unlock (&fetcher->lock);
    }

  g_async_queue_push (fetcher->queue, item);
}

static void
fetcher_release (Fetcher *fetcher)
{
  g_mutex_lock (&fetcher->lock);
  fetcher->in_flight--;
  g_cond_signal (&fetcher->cond);
  g_mutex_unlock (&fetcher->lock);
}

static void
fetcher_fail (Fetcher *fetcher,
              GError  *error)
{
  PageItem *item = g_new0 (PageItem, 1);

  item->end = TRUE;
  item->error = error;
  g_async_queue_push (fetcher->queue, item);
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *fetcher = data;
  g_autoptr(SoupSession) session = create_session (&fetcher->limits);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = g_strdup (fetcher->url);
  AtlasFeedFormat format = ATLAS_FEED_FORMAT_UNKNOWN;
  gboolean complete = FALSE;
  guint n_records = 0;

  for (guint n_pages = 0;; n_pages++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *final_url = NULL;
      AtlasFeedPage *page;
      PageItem *item;
      GError *error = NULL;
      gboolean first = n_pages == 0;

      if (n_pages >= MAX_PAGES)
        {
          fetcher_fail (fetcher, g_error_new (ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                                              _("The feed has more than %u pages."), MAX_PAGES));
          return NULL;
        }

      g_hash_table_add (visited, g_strdup (url));

      bytes = fetch_document (session, url,
                              first ? fetcher->etag : NULL,
                              first ? fetcher->last_modified : NULL,
                              &fetcher->limits,
                              first ? &fetcher->new_etag : NULL,
                              first ? &fetcher->new_last_modified : NULL,
                              &final_url,
                              fetcher->cancellable, &error);
      if (bytes == NULL && error == NULL)
        {
          fetcher->not_modified = TRUE;
          item = g_new0 (PageItem, 1);
          item->end = TRUE;
          g_async_queue_push (fetcher->queue, item);
          return NULL;
        }

      if (bytes == NULL)
        {
          fetcher_fail (fetcher, error);
          return NULL;
        }

      page = parse_document (bytes, final_url, &error);
      g_clear_pointer (&bytes, g_bytes_unref);
      if (page == NULL)
        {
          fetcher_fail (fetcher, error);
          return NULL;
        }

      if (first)
        {
          format = page->format;
          complete = page->complete;

          if (format == ATLAS_FEED_FORMAT_DPGA_GOOD)
            {
              atlas_feed_page_free (page);
              fetcher_fail (fetcher, g_error_new_literal (ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                                                          _("This address is one good of the Digital "
                                                            "Public Goods registry; add the registry’s "
                                                            "list (…/dpgs) instead.")));
              return NULL;
            }
        }
      else if (page->format != format || page->complete != complete)
        {
          atlas_feed_page_free (page);
          fetcher_fail (fetcher, g_error_new (ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                                              _("Page %u of the feed does not belong to the same "
                                                "snapshot or delta as the first page."),
                                              n_pages + 1));
          return NULL;
        }

      if (format == ATLAS_FEED_FORMAT_DPGA_LIST &&
          !complete_dpga_list (fetcher, session, final_url, page, &error))
        {
          atlas_feed_page_free (page);
          fetcher_fail (fetcher, error);
          return NULL;
        }

      n_records += page->initiatives->len;
      g_free (url);
      url = g_strdup (page->next);

      if (url != NULL && g_hash_table_contains (visited, url))
        {
          atlas_feed_page_free (page);
          fetcher_fail (fetcher, g_error_new (ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                                              _("The feed’s pages lead back to page %u: they "
                                                "loop."), n_pages + 1));
          return NULL;
        }

      item = g_new0 (PageItem, 1);
      item->page = page;
      fetcher_push (fetcher, item);

      if (format != ATLAS_FEED_FORMAT_DPGA_LIST)
        report_progress (fetcher->run, fetcher->source_url, n_records, 0);

      if (g_cancellable_is_cancelled (fetcher->cancellable))
        {
          fetcher_fail (fetcher, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("The sync was cancelled.")));
          return NULL;
        }

      if (url == NULL)
        {
          item = g_new0 (PageItem, 1);
          item->end = TRUE;
          g_async_queue_push (fetcher->queue, item);
          return NULL;
        }
    }
}

/* Writes one page; problems and counts go to @report. */
static gboolean
apply_page (AtlasStoreWriter  *writer,
            AtlasFeedPage     *page,
            AtlasSourceReport *report,
            GError           **error)
{
  for (guint i = 0; i < page->organizations->len; i++)
    if (!atlas_store_writer_put_organization (writer, g_ptr_array_index (page->organizations, i),
                                              error))
      return FALSE;

  for (guint i = 0; i < page->initiatives->len; i++)
    {
      AtlasChange change = ATLAS_CHANGE_UNCHANGED;

      if (!atlas_store_writer_put_initiative (writer, g_ptr_array_index (page->initiatives, i),
                                              &change, report->problems, error))
        return FALSE;

      switch (change)
        {
        case ATLAS_CHANGE_ADDED: report->added++; break;
        case ATLAS_CHANGE_UPDATED: report->updated++; break;
        case ATLAS_CHANGE_UNCHANGED:
        default: report->unchanged++; break;
        }
    }

  if (!page->complete)
    {
      for (guint i = 0; i < page->deleted->len; i++)
        if (!atlas_store_writer_delete_initiative (writer, g_ptr_array_index (page->deleted, i),
                                                   NULL, error))
          return FALSE;
    }

  for (guint i = 0; i < page->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (page->problems, i);

      /* A record that could not be read is not a record that was removed:
       * a complete snapshot keeps its last good copy. */
      if (page->complete &&
          problem->kind == ATLAS_PROBLEM_SKIPPED_RECORD &&
          problem->record_id != NULL &&
          !atlas_store_writer_keep_initiative (writer, problem->record_id, NULL, error))
        return FALSE;

      g_ptr_array_add (report->problems, atlas_problem_copy (problem));
    }

  report->n_pages++;

  return TRUE;
}

static const char *
title_for_format (AtlasFeedFormat format)
{
  if (format == ATLAS_FEED_FORMAT_DPGA_LIST)
    return _("Digital Public Goods Alliance registry");

  return NULL;
}

static char *
url_with_since (const char *url,
                const char *cursor)
{
  g_autofree char *escaped = NULL;

  if (cursor == NULL)
    return g_strdup (url);

  escaped = g_uri_escape_string (cursor, NULL, FALSE);

  return g_strconcat (url, strchr (url, '?') != NULL ? "&" : "?", "since=", escaped, NULL);
}

static void
on_user_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Syncs one source inside its own transaction.  Whatever fails, the
 * source's data stays exactly as it was. */
static void
sync_source (RunData           *run,
             AtlasStore        *store,
             const char        *url,
             AtlasSourceReport *report,
             GCancellable      *cancellable)
{
  g_autoptr(AtlasSource) source = NULL;
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *snapshot_date = NULL;
  g_autofree char *cursor = NULL;
  AtlasFeedFormat format = ATLAS_FEED_FORMAT_UNKNOWN;
  gulong cancel_id = 0;
  gint64 start_time = 0;
  gint64 wait_time = 0;
  gint64 source_id;
  Fetcher fetcher = { 0 };
  gboolean failed = FALSE;

  if (!atlas_sync_check_url (url, &error))
    goto fail_early;

  source_id = atlas_store_ensure_source (store, url, ATLAS_SOURCE_KIND_FEED, &error);
  if (source_id <= 0)
    goto fail_early;

  source = atlas_store_lookup_source (store, url, &error);
  if (source == NULL)
    goto fail_early;

  report->title = g_strdup (source->title);

  fetcher.url = url_with_since (url, source->cursor);
  fetcher.source_url = url;
  fetcher.etag = source->etag;
  fetcher.last_modified = source->last_modified;
  fetcher.limits = run->limits;
  fetcher.run = run;
  fetcher.cancellable = g_cancellable_new ();
  fetcher.queue = g_async_queue_new_full (page_item_free);
  g_mutex_init (&fetcher.lock);
  g_cond_init (&fetcher.cond);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled_cb),
                                       g_object_ref (fetcher.cancellable), g_object_unref);

  start_time = g_get_monotonic_time ();
  thread = g_thread_new ("atlas-fetch", fetcher_thread, &fetcher);

  for (;;)
    {
      gint64 wait_start = g_get_monotonic_time ();
      PageItem *item = g_async_queue_pop (fetcher.queue);

      wait_time += g_get_monotonic_time () - wait_start;

      if (item->end)
        {
          if (item->error != NULL && !failed)
            {
              error = g_steal_pointer (&item->error);
              failed = TRUE;
            }
          page_item_free (item);
          break;
        }

      if (!failed)
        {
          AtlasFeedPage *page = item->page;

          if (writer == NULL)
            {
              format = page->format;
              snapshot_date = g_strdup (page->generated_at);
              writer = atlas_store_begin (store, source_id, page->complete, &error);
            }

          if (writer == NULL || !apply_page (writer, page, report, &error))
            {
              failed = TRUE;
              /* Stop the fetching thread; keep draining until it ends. */
              g_cancellable_cancel (fetcher.cancellable);
            }
        }

      fetcher_release (&fetcher);
      page_item_free (item);
    }

  g_thread_join (g_steal_pointer (&thread));
  g_debug ("%s: %u pages read and written in %.0f ms, %.0f ms of it waiting for pages",
           url, report->n_pages, (g_get_monotonic_time () - start_time) / 1000.0,
           wait_time / 1000.0);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  if (!failed && g_cancellable_set_error_if_cancelled (cancellable, &error))
    failed = TRUE;

  if (!failed && fetcher.not_modified)
    {
      report->outcome = ATLAS_SOURCE_OUTCOME_NOT_MODIFIED;
      if (!atlas_store_record_not_modified (store, source_id, &error))
        failed = TRUE;
    }
  else if (!failed)
    {
      AtlasSourceUpdate update = { 0 };
      guint n_removed = 0;

      /* A feed without any page is not possible: the first item is a page
       * or an end with an error or "not modified". */
      g_assert (writer != NULL);

      /* "since" asks for what changed after the last document applied. */
      if (format == ATLAS_FEED_FORMAT_PORTAL)
        cursor = g_strdup (snapshot_date);

      update.title = title_for_format (format);
      update.etag = fetcher.new_etag;
      update.last_modified = fetcher.new_last_modified;
      update.clear_validators = fetcher.new_etag == NULL && fetcher.new_last_modified == NULL;
      update.cursor = cursor;
      update.snapshot_date = snapshot_date;

      if (atlas_store_writer_commit (writer, &update, &n_removed, &error))
        {
          g_debug ("%s: committed %.0f ms after the start", url,
                   (g_get_monotonic_time () - start_time) / 1000.0);
          report->removed = n_removed;
          report->outcome = ATLAS_SOURCE_OUTCOME_UPDATED;
          if (report->title == NULL)
            report->title = g_strdup (update.title);
        }
      else
        failed = TRUE;
    }

  g_clear_pointer (&writer, atlas_store_writer_free);
  g_free (fetcher.url);
  g_free (fetcher.new_etag);
  g_free (fetcher.new_last_modified);
  g_clear_object (&fetcher.cancellable);
  g_async_queue_unref (fetcher.queue);
  g_mutex_clear (&fetcher.lock);
  g_cond_clear (&fetcher.cond);

  if (!failed)
    return;

  /* Whatever was written was rolled back with the writer. */
  report->added = report->updated = report->removed = report->unchanged = 0;
  g_ptr_array_set_size (report->problems, 0);
  report->outcome = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                      ? ATLAS_SOURCE_OUTCOME_CANCELLED
                      : ATLAS_SOURCE_OUTCOME_FAILED;
  atlas_store_record_failure (store, source_id, error->message, NULL);
  report->error = g_steal_pointer (&error);
  return;

fail_early:
  report->outcome = ATLAS_SOURCE_OUTCOME_FAILED;
  report->error = g_steal_pointer (&error);
}

static AtlasSyncReport *
run_sync (RunData       *run,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;

  store = atlas_store_open (run->database_path, error);
  if (store == NULL)
    return NULL;

  report = atlas_sync_report_new ();

  for (guint i = 0; run->urls != NULL && run->urls[i] != NULL; i++)
    {
      AtlasSourceReport *source = atlas_sync_report_add_source (report, run->urls[i]);

      sync_source (run, store, run->urls[i], source, cancellable);
    }

  return g_steal_pointer (&report);
}

static void
run_sync_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  AtlasSyncReport *report = run_sync (task_data, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) atlas_sync_report_free);
}

static RunData *
run_data_new (AtlasSync          *self,
              const char * const *urls,
              gboolean            async)
{
  RunData *run = g_new0 (RunData, 1);

  run->self = g_object_ref (self);
  run->urls = g_strdupv ((char **) urls);
  run->database_path = g_strdup (self->database_path);
  run->limits = self->limits;
  if (async)
    run->context = g_main_context_ref_thread_default ();

  return run;
}

void
atlas_sync_run_async (AtlasSync           *self,
                      const char * const  *urls,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATLAS_IS_SYNC (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_sync_run_async);
  g_task_set_task_data (task, run_data_new (self, urls, TRUE), run_data_free);
  g_task_run_in_thread (task, run_sync_thread);
}

AtlasSyncReport *
atlas_sync_run_finish (AtlasSync     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (ATLAS_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

AtlasSyncReport *
atlas_sync_run (AtlasSync           *self,
                const char * const  *urls,
                GCancellable        *cancellable,
                GError             **error)
{
  RunData *run;
  AtlasSyncReport *report;

  g_return_val_if_fail (ATLAS_IS_SYNC (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = run_data_new (self, urls, FALSE);
  report = run_sync (run, cancellable, error);
  run_data_free (run);

  return report;
}

AtlasSyncReport *
atlas_sync_import (AtlasSync     *self,
                   const char    *source_url,
                   int            source_kind,
                   GBytes        *document,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  AtlasSourceReport *source;
  AtlasSourceUpdate update = { 0 };
  gint64 source_id = 0;
  guint n_removed = 0;

  g_return_val_if_fail (ATLAS_IS_SYNC (self), NULL);
  g_return_val_if_fail (source_url != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = atlas_store_open (self->database_path, error);
  if (store == NULL)
    return NULL;

  report = atlas_sync_report_new ();
  source = atlas_sync_report_add_source (report, source_url);

  if (g_bytes_get_size (document) > self->limits.max_document_size)
    {
      g_autofree char *size = g_format_size (self->limits.max_document_size);

      g_set_error (&local_error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TOO_LARGE,
                   _("The feed is larger than the limit of %s for one document."), size);
      goto fail;
    }

  page = parse_document (document, NULL, &local_error);
  if (page == NULL)
    goto fail;

  if (page->next != NULL)
    atlas_feed_page_add_problem (page, ATLAS_PROBLEM_UNKNOWN_VALUE, NULL, "next", page->next,
                                 _("The document names a next page, which is not read when "
                                   "importing a file."));

  source_id = atlas_store_ensure_source (store, source_url, (AtlasSourceKind) source_kind,
                                         &local_error);
  if (source_id <= 0)
    goto fail;

  writer = atlas_store_begin (store, source_id, page->complete, &local_error);
  if (writer == NULL || !apply_page (writer, page, source, &local_error))
    goto fail;

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto fail;

  if (source_kind == ATLAS_SOURCE_KIND_BUNDLED)
    update.title = _("Bundled snapshot");
  else
    update.title = title_for_format (page->format);
  update.snapshot_date = page->generated_at;
  update.clear_validators = TRUE;

  if (!atlas_store_writer_commit (writer, &update, &n_removed, &local_error))
    goto fail;

  source->removed = n_removed;
  source->outcome = ATLAS_SOURCE_OUTCOME_UPDATED;
  source->title = g_strdup (update.title);

  return g_steal_pointer (&report);

fail:
  g_clear_pointer (&writer, atlas_store_writer_free);
  source->added = source->updated = source->removed = source->unchanged = 0;
  g_ptr_array_set_size (source->problems, 0);
  source->outcome = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                      ? ATLAS_SOURCE_OUTCOME_CANCELLED
                      : ATLAS_SOURCE_OUTCOME_FAILED;
  if (source_id > 0)
    atlas_store_record_failure (store, source_id, local_error->message, NULL);
  source->error = g_steal_pointer (&local_error);

  return g_steal_pointer (&report);
}

gboolean
atlas_sync_ensure_bundled (AtlasSync     *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;
  AtlasSourceReport *source;
  GError *local_error = NULL;
  guint count;

  g_return_val_if_fail (ATLAS_IS_SYNC (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = atlas_store_open (self->database_path, error);
  if (store == NULL)
    return FALSE;

  count = atlas_store_count_initiatives (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  sources = atlas_store_list_sources (store, error);
  if (sources == NULL)
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    if (((AtlasSource *) g_ptr_array_index (sources, i))->kind == ATLAS_SOURCE_KIND_BUNDLED)
      return TRUE;

  if (count > 0)
    return TRUE;

  g_clear_object (&store);

  bytes = g_resources_lookup_data (BUNDLED_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  report = atlas_sync_import (self, BUNDLED_URL, ATLAS_SOURCE_KIND_BUNDLED, bytes,
                              cancellable, error);
  if (report == NULL)
    return FALSE;

  source = g_ptr_array_index (report->sources, 0);
  if (source->outcome != ATLAS_SOURCE_OUTCOME_UPDATED)
    {
      g_propagate_error (error, g_steal_pointer (&source->error));
      return FALSE;
    }

  return TRUE;
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AtlasSync *self = source_object;
  const char *url = task_data;
  g_autoptr(SoupSession) session = create_session (&self->limits);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AtlasFeedPage) page = NULL;
  g_autofree char *final_url = NULL;
  GError *error = NULL;

  bytes = fetch_document (session, url, NULL, NULL, &self->limits, NULL, NULL, &final_url,
                          cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = parse_document (bytes, final_url, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (page->format == ATLAS_FEED_FORMAT_DPGA_GOOD)
    {
      g_task_return_new_error (task, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID,
                               _("This address is one good of the Digital Public Goods registry; "
                                 "add the registry’s list (…/dpgs) instead."));
      return;
    }

  g_task_return_int (task, page->format);
}

void
atlas_sync_probe_async (AtlasSync           *self,
                        const char          *url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (ATLAS_IS_SYNC (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_sync_probe_async);

  if (!atlas_sync_check_url (url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, g_strdup (url), g_free);
  g_task_run_in_thread (task, probe_thread);
}

int
atlas_sync_probe_finish (AtlasSync     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  GError *local_error = NULL;
  gssize format;

  g_return_val_if_fail (ATLAS_IS_SYNC (self), ATLAS_FEED_FORMAT_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, self), ATLAS_FEED_FORMAT_UNKNOWN);

  format = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return ATLAS_FEED_FORMAT_UNKNOWN;
    }

  return (int) format;
}

static void
atlas_sync_finalize (GObject *object)
{
  AtlasSync *self = (AtlasSync *) object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (atlas_sync_parent_class)->finalize (object);
}

static void
atlas_sync_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AtlasSync *self = ATLAS_SYNC (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_sync_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AtlasSync *self = ATLAS_SYNC (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_sync_class_init (AtlasSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_sync_finalize;
  object_class->get_property = atlas_sync_get_property;
  object_class->set_property = atlas_sync_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasSync::progress:
   * @url: the source being synced
   * @done: records (or registry goods) fetched so far
   * @total: how many there are in all, or 0 when unknown
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
}

static void
atlas_sync_init (AtlasSync *self)
{
  self->limits.max_document_size = ATLAS_FEED_MAX_DOCUMENT_SIZE;
  self->limits.timeout = DEFAULT_TIMEOUT;
  self->limits.max_redirects = DEFAULT_MAX_REDIRECTS;
}

AtlasSync *
atlas_sync_new (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (ATLAS_TYPE_SYNC, "database-path", database_path, NULL);
}

const char *
atlas_sync_get_database_path (AtlasSync *self)
{
  g_return_val_if_fail (ATLAS_IS_SYNC (self), NULL);

  return self->database_path;
}

void
atlas_sync_set_max_document_size (AtlasSync *self,
                                  gsize      size)
{
  g_return_if_fail (ATLAS_IS_SYNC (self));
  g_return_if_fail (size > 0);

  self->limits.max_document_size = size;
}

void
atlas_sync_set_timeout (AtlasSync *self,
                        guint      seconds)
{
  g_return_if_fail (ATLAS_IS_SYNC (self));
  g_return_if_fail (seconds > 0);

  self->limits.timeout = seconds;
}

void
atlas_sync_set_max_redirects (AtlasSync *self,
                              guint      max_redirects)
{
  g_return_if_fail (ATLAS_IS_SYNC (self));

  self->limits.max_redirects = max_redirects;
}
