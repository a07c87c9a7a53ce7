/* atlas-test-util.c
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

#include <glib/gstdio.h>
#include <locale.h>

#include <sqlite3.h>

#include "atlas-core.h"
#include "atlas-test-util.h"

static char *temp_root;

static gboolean
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }

  return g_file_delete (file, NULL, NULL);
}

static void
remove_temp_root (void)
{
  g_autoptr(GFile) root = NULL;

  if (temp_root == NULL)
    return;

  root = g_file_new_for_path (temp_root);
  remove_tree (root);
  g_clear_pointer (&temp_root, g_free);
}

void
atlas_test_init (int    *argc,
                 char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Isolated folders hide the system's GSettings schemas, which GNOME's
   * proxy resolver needs: the tests talk to loopback only, without proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  atlas_core_init ();
}

gboolean
atlas_test_set_flag_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

void
atlas_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, atlas_test_set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
atlas_test_context_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_context_load_finish (ATLAS_CONTEXT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

char *
atlas_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  if (temp_root == NULL)
    {
      temp_root = g_dir_make_tmp ("atlas-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_temp_root);
    }

  dir = g_build_filename (temp_root, "XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));

  return dir;
}

char *
atlas_test_get_datasets_dir (void)
{
  const char *env = g_getenv ("ATLAS_DATASETS_DIR");
  g_autofree char *dir = NULL;

  if (env != NULL && *env != '\0')
    dir = g_strdup (env);
  else
    dir = g_build_filename (SOURCE_ROOT, "..", "shared", "datasets", NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message =
        g_strdup_printf ("the shared datasets are not at %s (set ATLAS_DATASETS_DIR)", dir);

      g_test_skip (message);
      return NULL;
    }

  return g_steal_pointer (&dir);
}

GBytes *
atlas_test_load_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* Every row of every data table, in a fixed order: two equal dumps mean the
 * same data.  The source table is left out: a failed attempt records its
 * time and error there, by design. */
char *
atlas_test_dump_data (const char *db_path)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND name != 'source' "
                                       "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, i));

      /* Virtual tables (FTS) may refuse a plain scan order; their shadow
       * tables carry the content and are dumped too. */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;

      g_string_append_printf (dump, "[%s]\n", (char *) g_ptr_array_index (tables, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const void *blob = sqlite3_column_blob (stmt, c);
              int size = sqlite3_column_bytes (stmt, c);

              g_string_append_c (dump, '|');
              if (blob != NULL)
                {
                  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA1, blob,
                                                                      (gsize) size);
                  g_string_append (dump, hex);
                }
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

