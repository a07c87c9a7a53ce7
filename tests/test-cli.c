/* test-cli.c
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

/* The command line, run as the real executable in a sub-process: export,
 * import, sync, their errors, and a sync killed at random moments. */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-test-feed.h"
#include "atlas-test-server.h"
#include "atlas-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
get_executable (void)
{
  const char *exe = g_getenv ("ATLAS_EXECUTABLE");

  g_assert_nonnull (exe);
  return exe;
}

/* Runs cooperation-atlas with @args and a cache file, in @language (a
 * LANGUAGE value, from the catalogues built with the tests) or English. */
static void
run_cli_va (Run        *run,
            const char *language,
            const char *cache,
            const char *first_arg,
            va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_ptr_array_add (argv, g_strdup (get_executable ()));
  if (cache != NULL)
    g_ptr_array_add (argv, g_strdup_printf ("--cache=%s", cache));

  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (language != NULL)
    {
      const char *locale_dir = g_getenv ("ATLAS_TEST_LOCALEDIR");

      g_assert_nonnull (locale_dir);
      g_subprocess_launcher_setenv (launcher, "ATLAS_LOCALEDIR", locale_dir, TRUE);
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
    }
  else
    {
      g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

/* Runs cooperation-atlas with @args (NULL-terminated) and a cache file. */
static void
run_cli (Run         *run,
         const char  *cache,
         const char  *first_arg,
         ...)
{
  va_list args;

  va_start (args, first_arg);
  run_cli_va (run, NULL, cache, first_arg, args);
  va_end (args);
}

/* The same, in @language. */
static void
run_cli_in (Run        *run,
            const char *language,
            const char *cache,
            const char *first_arg,
            ...)
{
  va_list args;

  va_start (args, first_arg);
  run_cli_va (run, language, cache, first_arg, args);
  va_end (args);
}

static char *
temp_cache (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();

  return g_build_filename (dir, "cache.sqlite3", NULL);
}

static AtlasFeedPage *
parse_feed (const char *text)
{
  g_autoptr(GError) error = NULL;
  AtlasFeedPage *page = atlas_feed_parse (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  return page;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;

  return n;
}

/* Exports from a fresh cache (filled with the bundled data) with filters. */
static void
test_cli_export (void)
{
  g_autofree char *cache = temp_cache ();
  g_auto(Run) all = { 0 };
  g_auto(Run) filtered = { 0 };
  g_auto(Run) csv = { 0 };
  g_autoptr(AtlasFeedPage) all_page = NULL;
  g_autoptr(AtlasFeedPage) filtered_page = NULL;

  run_cli (&all, cache, "--export=json", NULL);
  g_assert_cmpint (all.status, ==, 0);
  all_page = parse_feed (all.out);
  g_assert_true (all_page->complete);
  g_assert_cmpuint (all_page->initiatives->len, >=, 150);
  g_assert_cmpuint (all_page->problems->len, ==, 0);

  run_cli (&filtered, cache, "--export=json", "--sdg=4", "--sdg=5", "--region=002", NULL);
  g_assert_cmpint (filtered.status, ==, 0);
  filtered_page = parse_feed (filtered.out);
  g_assert_cmpuint (filtered_page->initiatives->len, >, 0);
  g_assert_cmpuint (filtered_page->initiatives->len, <, all_page->initiatives->len);

  /* Every exported initiative has SDG 4 or 5. */
  for (guint i = 0; i < filtered_page->initiatives->len; i++)
    {
      AtlasInitiative *initiative = g_ptr_array_index (filtered_page->initiatives, i);

      g_assert_true ((initiative->sdgs & ((1u << 3) | (1u << 4))) != 0);
    }

  run_cli (&csv, cache, "--export=csv", "--sdg=4", "--sdg=5", "--region=002", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "id,"));
  /* A header line, then one line per initiative (descriptions may hold
   * quoted line breaks, so count records by the parser's count). */
  g_assert_cmpuint (count_lines (csv.out), >=, filtered_page->initiatives->len + 1);
}

/* Export, import into another cache, export again: the same initiatives. */
static void
test_cli_round_trip (void)
{
  g_autofree char *cache_a = temp_cache ();
  g_autofree char *cache_b = temp_cache ();
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *file = g_build_filename (dir, "export.json", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) second = { 0 };
  g_autoptr(AtlasFeedPage) a = NULL;
  g_autoptr(AtlasFeedPage) b = NULL;
  g_autoptr(GError) error = NULL;

  run_cli (&first, cache_a, "--export=json", "--sort=title", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_file_set_contents (file, first.out, -1, &error);
  g_assert_no_error (error);

  /* The second cache gets only the imported file: the bundled data is added
   * only to a cache that has nothing at all, and this one will have it. */
  run_cli (&import, cache_b, "--import", file, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "new"));

  run_cli (&second, cache_b, "--export=json", "--sort=title", NULL);
  g_assert_cmpint (second.status, ==, 0);

  a = parse_feed (first.out);
  b = parse_feed (second.out);
  g_assert_cmpuint (a->initiatives->len, ==, b->initiatives->len);
  g_assert_cmpuint (a->organizations->len, ==, b->organizations->len);
  for (guint i = 0; i < a->initiatives->len; i++)
    g_assert_true (atlas_initiative_equal (g_ptr_array_index (a->initiatives, i),
                                           g_ptr_array_index (b->initiatives, i)));
}

static void
test_cli_errors (void)
{
  g_autofree char *cache = temp_cache ();
  g_auto(Run) bad_sdg = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) two = { 0 };

  run_cli (&bad_sdg, cache, "--export=csv", "--sdg=18", NULL);
  g_assert_cmpint (bad_sdg.status, ==, 2);
  g_assert_nonnull (strstr (bad_sdg.err, "18"));
  g_assert_cmpstr (bad_sdg.out, ==, "");

  run_cli (&bad_format, cache, "--export=xml", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "xml"));

  run_cli (&missing, cache, "--import=/nonexistent/feed.json", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/feed.json"));
  /* One sentence, one line. */
  g_assert_cmpint (strchr (missing.err, '\n') - missing.err, ==, (int) strlen (missing.err) - 1);

  run_cli (&two, cache, "--export=csv", "--sync", NULL);
  g_assert_cmpint (two.status, ==, 2);
}

/* --sync with --feed: success prints the report; a failure exits non-zero,
 * says why in one sentence, and changes nothing. */
static void
test_cli_sync (void)
{
  g_autoptr(AtlasTestServer) server = atlas_test_server_new ();
  g_autofree char *cache = temp_cache ();
  g_autofree char *url = atlas_test_server_get_url (server, "/feed");
  g_autofree char *feed_arg = g_strdup_printf ("--feed=%s", url);
  AtlasTestFeedPage page = { "2026-01-01T00:00:00Z", TRUE, NULL, 100 };
  g_autofree char *doc = atlas_test_feed_page (&page, 0, 9, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) ok = { 0 };
  g_auto(Run) failed = { 0 };

  atlas_test_server_set_string (server, "/feed", 200, doc, NULL);
  run_cli (&ok, cache, "--sync", feed_arg, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "9 new"));

  before = atlas_test_dump_data (cache);
  atlas_test_server_set_string (server, "/feed", 500, "down", NULL);
  run_cli (&failed, cache, "--sync", feed_arg, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.err, "500"));
  after = atlas_test_dump_data (cache);
  g_assert_cmpstr (before, ==, after);
}

/* The sync's report and its errors come from the core library: they are
 * in the translations too (its files were once missing from POTFILES.in,
 * which left them in English in every language). */
static void
test_cli_sync_translated (void)
{
  g_autoptr(AtlasTestServer) server = atlas_test_server_new ();
  g_autofree char *cache = temp_cache ();
  g_autofree char *url = atlas_test_server_get_url (server, "/feed");
  g_autofree char *feed_arg = g_strdup_printf ("--feed=%s", url);
  AtlasTestFeedPage page = { "2026-01-01T00:00:00Z", TRUE, NULL, 100 };
  g_autofree char *doc = atlas_test_feed_page (&page, 0, 9, 0);
  g_auto(Run) ok = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) failed = { 0 };
  g_auto(Run) failed_ru = { 0 };

  atlas_test_server_set_string (server, "/feed", 200, doc, NULL);
  run_cli_in (&ok, "fr", cache, "--sync", feed_arg, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "9 nouvelles"));
  g_assert_nonnull (strstr (ok.out, "0 inchangée"));

  run_cli_in (&again, "fr", cache, "--sync", feed_arg, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "9 inchangées"));

  atlas_test_server_set_string (server, "/feed", 500, "down", NULL);
  run_cli_in (&failed, "fr", cache, "--sync", feed_arg, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.err, "Le serveur a répondu 500"));

  atlas_test_server_set_string (server, "/feed", 200, "{\"initiatives\": [", NULL);
  run_cli_in (&failed_ru, "ru", cache, "--sync", feed_arg, NULL);
  g_assert_cmpint (failed_ru.status, ==, 1);
  g_assert_nonnull (strstr (failed_ru.err, "Не удалось прочитать ленту"));
  g_assert_nonnull (strstr (failed_ru.err, "Документ не является корректным JSON"));
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
serve_version (AtlasTestServer *server,
               guint            n_pages,
               guint            per_page,
               guint            version,
               const char      *generated_at)
{
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v/p%u", i);
      g_autofree char *next_path = g_strdup_printf ("/v/p%u", i + 1);
      g_autofree char *next = i + 1 < n_pages ? atlas_test_server_get_url (server, next_path) : NULL;
      AtlasTestFeedPage page = { generated_at, TRUE, next, 1500 };
      /* Version 1 drops the first tenth of the records and changes the rest. */
      guint first = version == 0 ? i * per_page : i * per_page + per_page / 10;
      g_autofree char *doc = atlas_test_feed_page (&page, first, per_page, version);

      atlas_test_server_set_string (server, path, 200, doc, NULL);
      atlas_test_server_set_delay (server, path, 40);
    }
}

/* Kills a syncing process with SIGKILL at random moments: every time, the
 * database is intact and holds either the old data or the new, whole. */
static void
test_cli_sigkill (void)
{
  g_autoptr(AtlasTestServer) server = atlas_test_server_new ();
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *base = g_build_filename (dir, "base.sqlite3", NULL);
  g_autofree char *full = g_build_filename (dir, "full.sqlite3", NULL);
  g_autofree char *url = atlas_test_server_get_url (server, "/v/p0");
  g_autofree char *feed_arg = g_strdup_printf ("--feed=%s", url);
  g_autofree char *old_dump = NULL;
  g_autofree char *new_dump = NULL;
  g_auto(Run) setup = { 0 };
  g_auto(Run) complete = { 0 };
  const guint n_pages = 8, per_page = 300;
  const guint n_trials = 12;
  gint64 start, duration;
  guint n_old = 0, n_new = 0;

  /* The old state: version 0 synced. */
  serve_version (server, n_pages, per_page, 0, "2026-01-01T00:00:00Z");
  run_cli (&setup, base, "--sync", feed_arg, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  old_dump = atlas_test_dump_data (base);

  /* The new state: version 1 synced to the end, timed. */
  serve_version (server, n_pages, per_page, 1, "2026-02-01T00:00:00Z");
  copy_file (base, full);
  start = g_get_monotonic_time ();
  run_cli (&complete, full, "--sync", feed_arg, NULL);
  duration = g_get_monotonic_time () - start;
  g_assert_cmpint (complete.status, ==, 0);
  new_dump = atlas_test_dump_data (full);
  g_assert_cmpstr (old_dump, !=, new_dump);

  for (guint trial = 0; trial < n_trials; trial++)
    {
      g_autofree char *path = g_strdup_printf ("%s/trial-%u.sqlite3", dir, trial);
      g_autofree char *cache_arg = g_strdup_printf ("--cache=%s", path);
      const char *argv[] = { get_executable (), cache_arg, "--sync", feed_arg, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *check = NULL;
      g_autofree char *dump = NULL;
      gint64 delay = g_test_rand_int_range (0, (gint32) (duration * 11 / 10));

      copy_file (base, path);
      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
      g_assert_no_error (error);
      g_usleep ((gulong) delay);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      check = integrity_check (path);
      g_assert_cmpstr (check, ==, "ok");

      dump = atlas_test_dump_data (path);
      if (g_strcmp0 (dump, old_dump) == 0)
        n_old++;
      else if (g_strcmp0 (dump, new_dump) == 0)
        n_new++;
      else
        g_error ("Trial %u, killed after %" G_GINT64_FORMAT " µs: the cache holds neither the "
                 "old data nor the new", trial, delay);
    }

  g_test_message ("%u trials: %u kept the old data, %u had the new (full sync took %"
                  G_GINT64_FORMAT " ms)", n_trials, n_old, n_new, duration / 1000);
  g_assert_cmpuint (n_old + n_new, ==, n_trials);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/cli/export", test_cli_export);
  g_test_add_func ("/cli/round-trip", test_cli_round_trip);
  g_test_add_func ("/cli/errors", test_cli_errors);
  g_test_add_func ("/cli/sync", test_cli_sync);
  g_test_add_func ("/cli/sync-translated", test_cli_sync_translated);
  g_test_add_func ("/cli/sigkill", test_cli_sigkill);

  return g_test_run ();
}
