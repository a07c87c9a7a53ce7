/* atlas-ui-format.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "atlas-store.h"
#include "atlas-sync-report.h"

G_BEGIN_DECLS

/* The translated plain-text phrases that the window and Preferences share:
 * dates, "Last updated 5 minutes ago", what a sync did.  Plain text: escape
 * before handing them to anything that reads markup. */

/* A count with its digits grouped the way the user's locale groups them,
 * as in "12,345". */
char      *atlas_format_count          (guint               count);
/* The same into @buffer, with no allocation (for drawing); a buffer of
 * ATLAS_FORMAT_COUNT_SIZE bytes holds any count. */
#define ATLAS_FORMAT_COUNT_SIZE 32
void       atlas_format_count_into     (char               *buffer,
                                        gsize               size,
                                        guint               count);
/* How many characters atlas_format_count () writes for @count: the room a
 * count up to @count takes. */
guint      atlas_format_count_chars    (guint               count);
/* A date in the user's language, as in "4 December 2025". */
char      *atlas_format_date           (GDateTime          *date);
/* The same for a "YYYY-MM-DD" (or RFC 3339) date; NULL when unreadable. */
char      *atlas_format_iso_date       (const char         *iso_date);
/* The host and path of a feed address ("api.example.org/feed.json"). */
char      *atlas_format_feed_title     (const char         *url);
/* When the data was last updated, for the sync button's tooltip: "Last
 * updated 5 minutes ago", "Bundled data from 4 December 2025", "Never
 * synced".  @now and @last_sync are unix times; @last_sync 0 is never. */
char      *atlas_format_last_sync      (gint64              now,
                                        gint64              last_sync,
                                        const char         *snapshot_date);
/* The state of one source for Preferences: when it last synced, and the
 * last error on a line of its own. */
char      *atlas_format_source_status  (gint64              now,
                                        const AtlasSource  *source);
/* What a sync did, as one or more sentences for toasts, in the order to
 * show them: "Updated: 12 new, 3 changed", "Up to date", "Offline: showing
 * data from 4 December 2025", "Could not update “…”: …".  @report may be
 * NULL when @error says why the sync could not start. */
GPtrArray *atlas_format_sync_outcome   (AtlasSyncReport    *report,
                                        const GError       *error,
                                        gint64              last_sync,
                                        const char         *snapshot_date);
/* TRUE when @error means the network could not be used (offline, DNS,
 * connection refused, timeout), as opposed to a server or feed problem. */
gboolean   atlas_error_is_network      (const GError       *error);

G_END_DECLS
