/* atlas-test-util.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Common set-up for every test binary: GTest, the core, C.UTF-8 messages. */
void   atlas_test_init             (int          *argc,
                                    char       ***argv);

/* A new empty folder under the test's temporary folder (removed with its
 * contents at exit). */
char  *atlas_test_make_temp_dir    (void);

/* The shared real-world datasets (../shared/datasets next to the source
 * tree, or $ATLAS_DATASETS_DIR), or NULL after marking the running test
 * skipped with a message that says what is missing. */
char  *atlas_test_get_datasets_dir (void);

/* Reads a whole file into a GBytes, failing the test on error. */
GBytes *atlas_test_load_file       (const char   *path);

/* Every row of every data table of a cache file, in a fixed order (the
 * source table left out: failed attempts are recorded there by design).
 * Equal dumps mean the same data. */
char   *atlas_test_dump_data       (const char   *db_path);

/* A GSourceFunc that sets the gboolean at @flag and ends. */
gboolean atlas_test_set_flag_cb    (gpointer      flag);

/* Runs the main loop until @cond holds; fails the test after @seconds (a
 * guard against hanging, not a measure of speed). */
#define ATLAS_TEST_WAIT_UNTIL(cond, seconds) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint timeout_id_ = g_timeout_add_seconds ((seconds), atlas_test_set_flag_cb, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (timeout_id_); \
    g_assert_true (cond); \
  } G_STMT_END

/* Runs the default main context for @ms milliseconds, sleeping when it has
 * nothing to do. */
void    atlas_test_run_for         (guint         ms);

/* The callback of atlas_context_load_async() for a cache that must load:
 * asserts that it did, then sets the gboolean at @user_data. */
void    atlas_test_context_loaded_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data);

G_END_DECLS
