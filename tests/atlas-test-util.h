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

/* Runs the default main context for @ms milliseconds, sleeping when it has
 * nothing to do. */
void    atlas_test_run_for         (guint         ms);

G_END_DECLS
