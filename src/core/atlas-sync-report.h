/* atlas-sync-report.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* What one sync did, source by source. */

typedef enum
{
  ATLAS_SOURCE_OUTCOME_UPDATED = 0,    /* new data committed */
  ATLAS_SOURCE_OUTCOME_NOT_MODIFIED,   /* the server said 304: nothing to do */
  ATLAS_SOURCE_OUTCOME_FAILED,         /* nothing changed; see error */
  ATLAS_SOURCE_OUTCOME_CANCELLED,      /* nothing changed */
} AtlasSourceOutcome;

typedef struct
{
  char               *url;
  char               *title;       /* nullable */
  AtlasSourceOutcome  outcome;
  GError             *error;       /* set when FAILED or CANCELLED */
  guint               n_pages;
  guint               added;
  guint               updated;
  guint               removed;
  guint               unchanged;
  GPtrArray          *problems;    /* of AtlasProblem*: skipped records, unknown values */
} AtlasSourceReport;

struct _AtlasSyncReport
{
  GPtrArray *sources;              /* of AtlasSourceReport* */
};

AtlasSyncReport   *atlas_sync_report_new           (void);
void               atlas_sync_report_free          (AtlasSyncReport   *self);
AtlasSourceReport *atlas_sync_report_add_source    (AtlasSyncReport   *self,
                                                    const char        *url);
/* TRUE when no source failed or was cancelled. */
gboolean           atlas_sync_report_succeeded     (AtlasSyncReport   *self);
/* Totals over every source. */
void               atlas_sync_report_get_totals    (AtlasSyncReport   *self,
                                                    guint             *added,
                                                    guint             *updated,
                                                    guint             *removed,
                                                    guint             *n_problems);
/* A translated, multi-line text for the command line: one paragraph per
 * source with its counts, then each problem on its own line. */
char              *atlas_sync_report_to_text       (AtlasSyncReport   *self);
/* One translated line for a source ("12 new, 3 changed, 1 removed"). */
char              *atlas_source_report_describe    (AtlasSourceReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSyncReport, atlas_sync_report_free)

G_END_DECLS
