/* atlas-startup-probe.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-context.h"

G_BEGIN_DECLS

/* Measurements for the benchmarks, off unless asked for.  When the
 * environment has ATLAS_PROBE_START (a CLOCK_MONOTONIC time in microseconds,
 * taken by the benchmark just before it started this process), the probe
 * prints to standard output, one line each:
 *
 *   first-frame <µs from ATLAS_PROBE_START to the end of the first paint>
 *   ready <µs to the end of the first paint that shows loaded data>
 *   rss-kb <resident memory at that moment>
 *
 * and then quits the application.  Without a context, "ready" is the first
 * frame. */

#define ATLAS_TYPE_STARTUP_PROBE (atlas_startup_probe_get_type ())

G_DECLARE_FINAL_TYPE (AtlasStartupProbe, atlas_startup_probe, ATLAS, STARTUP_PROBE, GObject)

/* Returns NULL when no measurement was asked for. */
AtlasStartupProbe *atlas_startup_probe_new_if_requested (GtkWindow    *window,
                                                         AtlasContext *context);

G_END_DECLS
