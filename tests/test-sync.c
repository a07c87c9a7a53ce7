/* test-sync.c
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

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-test-feed.h"
#include "atlas-test-server.h"
#include "atlas-test-util.h"

typedef struct
{
  AtlasTestServer *server;
  char            *dir;
  char            *db_path;
  AtlasSync       *sync;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = atlas_test_server_new ();
  fixture->dir = atlas_test_make_temp_dir ();
  fixture->db_path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
  fixture->sync = atlas_sync_new (fixture->db_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sync);
  g_clear_pointer (&fixture->server, atlas_test_server_free);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static guint
count_initiatives (const char *db_path)
{
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint count;

  store = atlas_store_open (db_path, &error);
  g_assert_no_error (error);
  count = atlas_store_count_initiatives (store, &error);
  g_assert_no_error (error);

  return count;
}

static AtlasSourceReport *
sync_one (Fixture         *fixture,
          const char      *url,
          AtlasSyncReport **report_out)
{
  g_autoptr(GError) error = NULL;
  const char *urls[] = { url, NULL };
  AtlasSyncReport *report;

  report = atlas_sync_run (fixture->sync, urls, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->sources->len, ==, 1);

  *report_out = report;
  return g_ptr_array_index (report->sources, 0);
}

static void
serve_page (Fixture    *fixture,
            const char *path,
            const char *generated_at,
            gboolean    complete,
            const char *next_path,
            guint       first,
            guint       count,
            guint       version,
            const char *etag)
{
  g_autofree char *next = next_path != NULL ? atlas_test_server_get_url (fixture->server, next_path) : NULL;
  AtlasTestFeedPage page = { generated_at, complete, next, 200 };
  g_autofree char *doc = atlas_test_feed_page (&page, first, count, version);

  atlas_test_server_set_string (fixture->server, path, 200, doc, etag);
}

/* A first sync applies a snapshot; a second one sends If-None-Match, gets
 * 304, and changes nothing but the time of the last success. */
static void
test_sync_full_then_not_modified (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed");
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *if_none_match = NULL;
  AtlasSourceReport *source;

  serve_page (fixture, "/feed", "2026-01-01T00:00:00Z", TRUE, NULL, 0, 20, 0, "\"v1\"");

  source = sync_one (fixture, url, &first);
  g_assert_no_error (source->error);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_UPDATED);
  g_assert_cmpuint (source->added, ==, 20);
  g_assert_cmpuint (source->updated, ==, 0);
  g_assert_cmpuint (source->removed, ==, 0);
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, 20);
  g_assert_true (atlas_sync_report_succeeded (first));

  before = atlas_test_dump_data (fixture->db_path);
  source = sync_one (fixture, url, &second);
  if_none_match = atlas_test_server_get_last_if_none_match (fixture->server, "/feed");
  g_assert_cmpstr (if_none_match, ==, "\"v1\"");
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_NOT_MODIFIED);
  g_assert_true (atlas_sync_report_succeeded (second));
  after = atlas_test_dump_data (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

/* A snapshot in five pages is followed to the end and applied as one. */
static void
test_sync_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/p1");
  g_autoptr(AtlasSyncReport) report = NULL;
  AtlasSourceReport *source;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/p%u", i);
      g_autofree char *next = i < 5 ? g_strdup_printf ("/p%u", i + 1) : NULL;

      serve_page (fixture, path, "2026-01-01T00:00:00Z", TRUE, next, (i - 1) * 10, 10, 0, NULL);
    }

  source = sync_one (fixture, url, &report);
  g_assert_no_error (source->error);
  g_assert_cmpuint (source->n_pages, ==, 5);
  g_assert_cmpuint (source->added, ==, 50);
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, 50);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/p%u", i);

      g_assert_cmpuint (atlas_test_server_get_hits (fixture->server, path), ==, 1);
    }
}

/* After a snapshot, the next sync asks for what changed since it and
 * applies a delta: changes, additions and deletions. */
static void
test_sync_delta (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed");
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) second = NULL;
  g_autofree char *query = NULL;
  AtlasTestFeedPage delta = { "2026-02-01T00:00:00Z", FALSE, NULL, 200 };
  GString *doc;
  g_autofree char *text = NULL;
  AtlasSourceReport *source;

  serve_page (fixture, "/feed", "2026-01-01T00:00:00Z", TRUE, NULL, 0, 30, 0, NULL);
  source = sync_one (fixture, url, &first);
  g_assert_cmpuint (source->added, ==, 30);

  /* Two changed (0, 1), three new (100–102), four deleted (10–13). */
  doc = atlas_test_feed_begin (&delta);
  atlas_test_feed_add_initiative (doc, 0, 1, 200);
  atlas_test_feed_add_initiative (doc, 1, 1, 200);
  for (guint n = 100; n < 103; n++)
    atlas_test_feed_add_initiative (doc, n, 0, 200);
  for (guint n = 10; n < 14; n++)
    atlas_test_feed_add_deleted (doc, n);
  text = atlas_test_feed_end (doc);
  atlas_test_server_set_string (fixture->server, "/feed", 200, text, NULL);

  source = sync_one (fixture, url, &second);
  g_assert_no_error (source->error);
  query = atlas_test_server_get_last_query (fixture->server, "/feed");
  g_assert_cmpstr (query, ==, "since=2026-01-01T00%3A00%3A00Z");
  g_assert_cmpuint (source->added, ==, 3);
  g_assert_cmpuint (source->updated, ==, 2);
  g_assert_cmpuint (source->removed, ==, 4);
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, 29);

  /* The cursor moved to the delta's own time. */
  {
    g_autoptr(AtlasStore) store = atlas_store_open (fixture->db_path, NULL);
    g_autoptr(AtlasSource) state = atlas_store_lookup_source (store, url, NULL);

    g_assert_cmpstr (state->cursor, ==, "2026-02-01T00:00:00Z");
  }
}

/* A server that ignores "since" answers with a whole snapshot: records it
 * no longer has are removed. */
static void
test_sync_server_ignores_since (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed");
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) second = NULL;
  g_autofree char *query = NULL;
  AtlasSourceReport *source;

  serve_page (fixture, "/feed", "2026-01-01T00:00:00Z", TRUE, NULL, 0, 30, 0, NULL);
  source = sync_one (fixture, url, &first);
  g_assert_cmpuint (source->added, ==, 30);

  serve_page (fixture, "/feed", "2026-02-01T00:00:00Z", TRUE, NULL, 5, 30, 0, NULL);
  source = sync_one (fixture, url, &second);
  query = atlas_test_server_get_last_query (fixture->server, "/feed");
  g_assert_nonnull (strstr (query, "since="));
  g_assert_no_error (source->error);
  g_assert_cmpuint (source->added, ==, 5);
  g_assert_cmpuint (source->removed, ==, 5);
  g_assert_cmpuint (source->unchanged, ==, 25);
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, 30);
}

/* The failure cases: after each, the data is exactly what it was. */
typedef void (*BreakFunc) (Fixture *fixture);

static void
check_failure_leaves_data (Fixture    *fixture,
                           const char *path,
                           BreakFunc   break_server,
                           GQuark      domain,
                           int         code)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, path);
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AtlasSourceReport *source;

  serve_page (fixture, path, "2026-01-01T00:00:00Z", TRUE, NULL, 0, 25, 0, NULL);
  source = sync_one (fixture, url, &first);
  g_assert_no_error (source->error);
  before = atlas_test_dump_data (fixture->db_path);

  break_server (fixture);
  source = sync_one (fixture, url, &second);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_FAILED);
  g_assert_error (source->error, domain, code);
  g_assert_false (atlas_sync_report_succeeded (second));
  g_test_message ("%s: %s", path, source->error->message);

  after = atlas_test_dump_data (fixture->db_path);
  g_assert_cmpstr (before, ==, after);

  /* The failure is recorded for the user. */
  {
    g_autoptr(AtlasStore) store = atlas_store_open (fixture->db_path, NULL);
    g_autoptr(AtlasSource) state = atlas_store_lookup_source (store, url, NULL);

    g_assert_cmpstr (state->last_error, ==, source->error->message);
  }
}

static void
break_404 (Fixture *fixture)
{
  atlas_test_server_set_string (fixture->server, "/feed", 404, "{}", NULL);
}

static void
break_500 (Fixture *fixture)
{
  atlas_test_server_set_string (fixture->server, "/feed", 500, "oops", NULL);
}

static void
break_stall (Fixture *fixture)
{
  atlas_sync_set_timeout (fixture->sync, 1);
  atlas_test_server_set_stall (fixture->server, "/feed");
}

static void
break_truncate (Fixture *fixture)
{
  AtlasTestFeedPage page = { "2026-02-01T00:00:00Z", TRUE, NULL, 200 };
  g_autofree char *doc = atlas_test_feed_page (&page, 0, 40, 1);
  g_autoptr(GBytes) bytes = g_bytes_new (doc, strlen (doc));

  atlas_test_server_set_truncated (fixture->server, "/feed", bytes, strlen (doc) / 2);
}

static void
break_oversized (Fixture *fixture)
{
  atlas_sync_set_max_document_size (fixture->sync, 16 * 1024);
  serve_page (fixture, "/feed", "2026-02-01T00:00:00Z", TRUE, NULL, 0, 200, 1, NULL);
}

static void
break_oversized_chunked (Fixture *fixture)
{
  break_oversized (fixture);
  atlas_test_server_set_chunked (fixture->server, "/feed", TRUE);
}

static void
break_redirect_loop (Fixture *fixture)
{
  atlas_test_server_set_redirect (fixture->server, "/feed", 302, "/loop-a");
  atlas_test_server_set_redirect (fixture->server, "/loop-a", 302, "/loop-b");
  atlas_test_server_set_redirect (fixture->server, "/loop-b", 302, "/loop-a");
}

static void
break_not_json (Fixture *fixture)
{
  atlas_test_server_set_string (fixture->server, "/feed", 200, "<html>Maintenance</html>", NULL);
}

static void
break_unknown_format (Fixture *fixture)
{
  atlas_test_server_set_string (fixture->server, "/feed", 200, "{\"hello\": \"world\"}", NULL);
}

/* Page 3 of 5 is malformed: pages 1 and 2 must not be applied. */
static void
break_page_3_of_5 (Fixture *fixture)
{
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = i == 1 ? g_strdup ("/feed") : g_strdup_printf ("/page%u", i);
      g_autofree char *next = i < 5 ? g_strdup_printf ("/page%u", i + 1) : NULL;

      serve_page (fixture, path, "2026-02-01T00:00:00Z", TRUE, next, 100 + i * 10, 10, 1, NULL);
    }
  atlas_test_server_set_string (fixture->server, "/page3", 200,
                                "{\"format\":\"digital-cooperation-feed\",\"version\":1,"
                                "\"initiatives\":[{\"id\":", NULL);
}

static void
break_insecure_redirect (Fixture *fixture)
{
  atlas_test_server_set_redirect (fixture->server, "/feed", 301, "http://example.com/feed");
}

static void
test_sync_failure_404 (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_404, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP);
}

static void
test_sync_failure_500 (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_500, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_HTTP);
}

static void
test_sync_failure_timeout (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_stall, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_TIMEOUT);
}

static void
test_sync_failure_truncated (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_truncate, ATLAS_SYNC_ERROR,
                             ATLAS_SYNC_ERROR_TRUNCATED);
}

static void
test_sync_failure_oversized (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_oversized, ATLAS_SYNC_ERROR,
                             ATLAS_SYNC_ERROR_TOO_LARGE);
}

static void
test_sync_failure_oversized_chunked (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_oversized_chunked, ATLAS_SYNC_ERROR,
                             ATLAS_SYNC_ERROR_TOO_LARGE);
}

static void
test_sync_failure_redirect_loop (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_redirect_loop, ATLAS_SYNC_ERROR,
                             ATLAS_SYNC_ERROR_TOO_MANY_REDIRECTS);
}

static void
test_sync_failure_not_json (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_not_json, ATLAS_FEED_ERROR,
                             ATLAS_FEED_ERROR_INVALID_JSON);
}

static void
test_sync_failure_unknown_format (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_unknown_format, ATLAS_FEED_ERROR,
                             ATLAS_FEED_ERROR_UNKNOWN_FORMAT);
}

static void
test_sync_failure_page_3_of_5 (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_page_3_of_5, ATLAS_FEED_ERROR,
                             ATLAS_FEED_ERROR_INVALID_JSON);
}

static void
test_sync_failure_insecure_redirect (Fixture *f, gconstpointer d)
{
  check_failure_leaves_data (f, "/feed", break_insecure_redirect, ATLAS_SYNC_ERROR,
                             ATLAS_SYNC_ERROR_INSECURE);
}

/* A redirect that ends at a feed is followed. */
static void
test_sync_redirect (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/old");
  g_autoptr(AtlasSyncReport) report = NULL;
  AtlasSourceReport *source;

  atlas_test_server_set_redirect (fixture->server, "/old", 301, "/new");
  serve_page (fixture, "/new", "2026-01-01T00:00:00Z", TRUE, NULL, 0, 7, 0, NULL);

  source = sync_one (fixture, url, &report);
  g_assert_no_error (source->error);
  g_assert_cmpuint (source->added, ==, 7);
}

/* https is required for anything but loopback; nothing is fetched. */
static void
test_sync_insecure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AtlasSourceReport *source;

  g_assert_true (atlas_sync_check_url ("https://example.org/feed", NULL));
  g_assert_true (atlas_sync_check_url ("http://127.0.0.1:8080/feed", NULL));
  g_assert_true (atlas_sync_check_url ("http://localhost/feed", NULL));
  g_assert_true (atlas_sync_check_url ("http://[::1]/feed", NULL));
  g_assert_false (atlas_sync_check_url ("ftp://example.org/feed", NULL));
  g_assert_false (atlas_sync_check_url ("javascript:alert(1)", NULL));
  g_assert_false (atlas_sync_check_url ("http://example.org/feed", &error));
  g_assert_error (error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_INSECURE);

  source = sync_one (fixture, "http://example.org/feed", &report);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_FAILED);
  g_assert_error (source->error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_INSECURE);
}

/* A dead network: nothing listens on the port. */
static void
test_sync_connection_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autofree char *url = NULL;
  AtlasSourceReport *source;
  guint16 port;

  /* Find a free port, then close it again. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed", port);

  source = sync_one (fixture, url, &report);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_FAILED);
  g_assert_error (source->error, ATLAS_SYNC_ERROR, ATLAS_SYNC_ERROR_NETWORK);
}

/* Two sources: one fails, the other is applied. */
static void
test_sync_several_sources (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *good = atlas_test_server_get_url (fixture->server, "/good");
  g_autofree char *bad = atlas_test_server_get_url (fixture->server, "/bad");
  const char *urls[] = { bad, good, NULL };
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  serve_page (fixture, "/good", "2026-01-01T00:00:00Z", TRUE, NULL, 0, 12, 0, NULL);
  atlas_test_server_set_string (fixture->server, "/bad", 503, "busy", NULL);

  report = atlas_sync_run (fixture->sync, urls, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AtlasSourceReport *) g_ptr_array_index (report->sources, 0))->outcome, ==,
                   ATLAS_SOURCE_OUTCOME_FAILED);
  g_assert_cmpint (((AtlasSourceReport *) g_ptr_array_index (report->sources, 1))->outcome, ==,
                   ATLAS_SOURCE_OUTCOME_UPDATED);
  atlas_sync_report_get_totals (report, &added, NULL, NULL, NULL);
  g_assert_cmpuint (added, ==, 12);
  g_assert_false (atlas_sync_report_succeeded (report));
}

/* Records that break the contract are skipped and reported; the rest is
 * applied. */
static void
test_sync_reports_problems (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed");
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autofree char *text = NULL;
  AtlasSourceReport *source;

  atlas_test_server_set_string (fixture->server, "/feed", 200,
                                "{\"format\":\"digital-cooperation-feed\",\"version\":1,"
                                "\"generated_at\":\"2026-01-01T00:00:00Z\",\"complete\":true,"
                                "\"next\":null,\"organizations\":[],\"initiatives\":["
                                "{\"id\":\"a\",\"title\":\"Kept\",\"sdgs\":[3,18]},"
                                "{\"id\":\"b\"}]}", NULL);

  source = sync_one (fixture, url, &report);
  g_assert_no_error (source->error);
  g_assert_cmpuint (source->added, ==, 1);
  g_assert_cmpuint (source->problems->len, ==, 2);
  text = atlas_sync_report_to_text (report);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "1 new"));
}

/* In a complete snapshot, a record that is now unreadable keeps its last
 * good copy instead of being removed. */
static void
test_sync_skipped_record_kept (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed");
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) second = NULL;
  AtlasSourceReport *source;
  const char *head = "{\"format\":\"digital-cooperation-feed\",\"version\":1,"
                     "\"generated_at\":\"2026-01-01T00:00:00Z\",\"complete\":true,"
                     "\"next\":null,\"organizations\":[],\"initiatives\":[";
  g_autofree char *good = g_strconcat (head, "{\"id\":\"a\",\"title\":\"A\"},"
                                       "{\"id\":\"b\",\"title\":\"B\"}]}", NULL);
  g_autofree char *broken = g_strconcat (head, "{\"id\":\"a\",\"title\":\"A\"},"
                                         "{\"id\":\"b\",\"title\":\"B\",\"sdgs\":\"four\"}]}",
                                         NULL);

  atlas_test_server_set_string (fixture->server, "/feed", 200, good, NULL);
  source = sync_one (fixture, url, &first);
  g_assert_cmpuint (source->added, ==, 2);

  atlas_test_server_set_string (fixture->server, "/feed", 200, broken, NULL);
  source = sync_one (fixture, url, &second);
  g_assert_no_error (source->error);
  g_assert_cmpuint (source->removed, ==, 0);
  g_assert_cmpuint (source->problems->len, ==, 1);
  g_assert_cmpint (((AtlasProblem *) g_ptr_array_index (source->problems, 0))->kind, ==,
                   ATLAS_PROBLEM_SKIPPED_RECORD);
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, 2);
}

static void
on_progress_cb (AtlasSync  *sync,
                const char *url,
                guint       done,
                guint       total,
                guint      *n_calls)
{
  (*n_calls)++;
}

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AtlasSyncReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = atlas_sync_run_finish (ATLAS_SYNC (object), result, &error);
  g_assert_no_error (error);
}

/* The asynchronous run reports progress in the caller's main context. */
static void
test_sync_async_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/p1");
  const char *urls[] = { url, NULL };
  AtlasSyncReport *report = NULL;
  guint n_calls = 0;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/p%u", i);
      g_autofree char *next = i < 3 ? g_strdup_printf ("/p%u", i + 1) : NULL;

      serve_page (fixture, path, "2026-01-01T00:00:00Z", TRUE, next, i * 10, 10, 0, NULL);
    }

  g_signal_connect (fixture->sync, "progress", G_CALLBACK (on_progress_cb), &n_calls);
  atlas_sync_run_async (fixture->sync, urls, NULL, on_run_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Progress arrives before the result, in this thread. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_calls, >=, 3);
  g_assert_cmpuint (((AtlasSourceReport *) g_ptr_array_index (report->sources, 0))->added, ==, 30);
  atlas_sync_report_free (report);
}

static gpointer
cancel_soon (gpointer cancellable)
{
  g_usleep (G_USEC_PER_SEC / 5);
  g_cancellable_cancel (cancellable);
  return NULL;
}

/* Cancelling while a page is awaited leaves the data as it was. */
static void
test_sync_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = atlas_test_server_get_url (fixture->server, "/feed");
  const char *urls[] = { url, NULL };
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AtlasSourceReport *source;

  serve_page (fixture, "/feed", "2026-01-01T00:00:00Z", TRUE, NULL, 0, 10, 0, NULL);
  sync_one (fixture, url, &first);
  before = atlas_test_dump_data (fixture->db_path);

  serve_page (fixture, "/feed", "2026-02-01T00:00:00Z", TRUE, "/slow", 100, 10, 0, NULL);
  atlas_test_server_set_stall (fixture->server, "/slow");

  thread = g_thread_new ("cancel", cancel_soon, cancellable);
  report = atlas_sync_run (fixture->sync, urls, cancellable, &error);
  g_thread_join (g_steal_pointer (&thread));
  g_assert_no_error (error);

  source = g_ptr_array_index (report->sources, 0);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_CANCELLED);
  after = atlas_test_dump_data (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

/* The registry, served from the real dataset the way its server laid it
 * out: the list and then each good's own document. */
static void
test_sync_dpga_registry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *datasets = atlas_test_get_datasets_dir ();
  g_autofree char *api = NULL;
  g_autofree char *url = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasSource) state = NULL;
  AtlasSourceReport *source;
  guint n_unmatched = 0;

  if (datasets == NULL)
    return;

  api = g_build_filename (datasets, "dpga-api", NULL);
  atlas_test_server_serve_directory (fixture->server, "/", api);
  url = atlas_test_server_get_url (fixture->server, "/dpgs");

  source = sync_one (fixture, url, &report);
  g_assert_no_error (source->error);
  g_assert_cmpuint (source->added, ==, 165);
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, 165);

  for (guint i = 0; i < source->problems->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (source->problems, i);

      if (problem->field != NULL && g_str_has_prefix (problem->field, "locations."))
        n_unmatched++;
    }
  g_test_message ("%u country strings reported as unmatched", n_unmatched);

  store = atlas_store_open (fixture->db_path, NULL);
  state = atlas_store_lookup_source (store, url, NULL);
  g_assert_nonnull (state->title);
  g_assert_cmpuint (state->n_initiatives, ==, 165);
}

/* --import: a file, applied atomically; a bad file changes nothing. */
static void
test_sync_import (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasTestFeedPage page = { "2026-03-01T00:00:00Z", TRUE, NULL, 100 };
  g_autofree char *doc = atlas_test_feed_page (&page, 0, 15, 0);
  g_autoptr(GBytes) good = g_bytes_new (doc, strlen (doc));
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"format\":", 10);
  g_autoptr(AtlasSyncReport) first = NULL;
  g_autoptr(AtlasSyncReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AtlasSourceReport *source;

  first = atlas_sync_import (fixture->sync, "file:///tmp/feed.json", ATLAS_SOURCE_KIND_FILE,
                             good, NULL, &error);
  g_assert_no_error (error);
  source = g_ptr_array_index (first->sources, 0);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_UPDATED);
  g_assert_cmpuint (source->added, ==, 15);

  before = atlas_test_dump_data (fixture->db_path);
  second = atlas_sync_import (fixture->sync, "file:///tmp/feed.json", ATLAS_SOURCE_KIND_FILE,
                              bad, NULL, &error);
  g_assert_no_error (error);
  source = g_ptr_array_index (second->sources, 0);
  g_assert_cmpint (source->outcome, ==, ATLAS_SOURCE_OUTCOME_FAILED);
  g_assert_error (source->error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID_JSON);
  after = atlas_test_dump_data (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

/* The bundled dataset fills an empty cache once, and parses cleanly. */
static void
test_sync_bundled (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasSource) state = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AtlasFeedPage) page = NULL;
  gsize length;
  const char *text;
  guint count;

  bytes = g_resources_lookup_data ("/io/github/cooperationatlas/Atlas/core/bundled/initiatives.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, &length);
  page = atlas_feed_parse (text, length, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->problems->len; i++)
    g_test_message ("bundled data: %s", ((AtlasProblem *) g_ptr_array_index (page->problems, i))->message);
  g_assert_cmpuint (page->problems->len, ==, 0);
  g_assert_cmpuint (page->initiatives->len, >=, 150);

  g_assert_true (atlas_sync_ensure_bundled (fixture->sync, NULL, &error));
  g_assert_no_error (error);
  count = count_initiatives (fixture->db_path);
  g_assert_cmpuint (count, ==, page->initiatives->len);

  /* A second call does nothing. */
  g_assert_true (atlas_sync_ensure_bundled (fixture->sync, NULL, &error));
  g_assert_cmpuint (count_initiatives (fixture->db_path), ==, count);

  store = atlas_store_open (fixture->db_path, NULL);
  state = atlas_store_lookup_source (store, "bundled:", NULL);
  g_assert_nonnull (state);
  g_assert_cmpint (state->kind, ==, ATLAS_SOURCE_KIND_BUNDLED);
  g_assert_cmpstr (state->snapshot_date, ==, page->generated_at);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/full-then-not-modified", test_sync_full_then_not_modified);
  ADD ("/sync/pages", test_sync_pages);
  ADD ("/sync/delta", test_sync_delta);
  ADD ("/sync/server-ignores-since", test_sync_server_ignores_since);
  ADD ("/sync/redirect", test_sync_redirect);
  ADD ("/sync/insecure", test_sync_insecure);
  ADD ("/sync/connection-refused", test_sync_connection_refused);
  ADD ("/sync/several-sources", test_sync_several_sources);
  ADD ("/sync/reports-problems", test_sync_reports_problems);
  ADD ("/sync/skipped-record-kept", test_sync_skipped_record_kept);
  ADD ("/sync/async-progress", test_sync_async_progress);
  ADD ("/sync/cancel", test_sync_cancel);
  ADD ("/sync/failure/404", test_sync_failure_404);
  ADD ("/sync/failure/500", test_sync_failure_500);
  ADD ("/sync/failure/timeout", test_sync_failure_timeout);
  ADD ("/sync/failure/truncated", test_sync_failure_truncated);
  ADD ("/sync/failure/oversized", test_sync_failure_oversized);
  ADD ("/sync/failure/oversized-chunked", test_sync_failure_oversized_chunked);
  ADD ("/sync/failure/redirect-loop", test_sync_failure_redirect_loop);
  ADD ("/sync/failure/insecure-redirect", test_sync_failure_insecure_redirect);
  ADD ("/sync/failure/not-json", test_sync_failure_not_json);
  ADD ("/sync/failure/unknown-format", test_sync_failure_unknown_format);
  ADD ("/sync/failure/page-3-of-5", test_sync_failure_page_3_of_5);
  ADD ("/sync/dpga-registry", test_sync_dpga_registry);
  ADD ("/sync/import", test_sync_import);
  ADD ("/sync/bundled", test_sync_bundled);

#undef ADD

  return g_test_run ();
}
