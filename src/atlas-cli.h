/* atlas-cli.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The command line of cooperation-atlas: --sync, --import, --export and
 * their filters.  It runs without a display and never touches GTK. */

const GOptionEntry *atlas_cli_get_option_entries (void);
/* TRUE when @options (as parsed by GApplication or GOptionContext into the
 * entries above) ask for a command-line action rather than the window. */
gboolean            atlas_cli_is_requested       (GVariantDict *options);
/* Runs the action; returns the process exit status. */
int                 atlas_cli_run                (GVariantDict *options);

G_END_DECLS
