/* atlas-results-pane.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "atlas-context.h"
#include "atlas-export.h"

G_BEGIN_DECLS

/* The window's right pane: the list of the initiatives that match the
 * context's query (with its count, sort order, active filters as removable
 * chips, empty and loading states, the last sync's failure and an export),
 * and a detail page that shows whatever widget atlas_results_pane_set_detail()
 * was given, with a way back to the list (Escape).
 *
 * Activating a row selects the initiative in the context and shows the
 * detail page; a selection made elsewhere (the map) does the same.
 *
 * Properties:
 *   "context"         AtlasContext (construct-only)
 *   "showing-detail"  TRUE while the detail page is shown (read-only)
 */

#define ATLAS_TYPE_RESULTS_PANE (atlas_results_pane_get_type ())

G_DECLARE_FINAL_TYPE (AtlasResultsPane, atlas_results_pane, ATLAS, RESULTS_PANE, GtkWidget)

GtkWidget    *atlas_results_pane_new                (AtlasContext         *context);
AtlasContext *atlas_results_pane_get_context        (AtlasResultsPane     *self);
/* The list's model (an AtlasResultModel). */
GListModel   *atlas_results_pane_get_model          (AtlasResultsPane     *self);

void          atlas_results_pane_set_detail         (AtlasResultsPane     *self,
                                                     GtkWidget            *detail);
GtkWidget    *atlas_results_pane_get_detail         (AtlasResultsPane     *self);
gboolean      atlas_results_pane_get_showing_detail (AtlasResultsPane     *self);
/* Goes back to the list, with the selected row focused. */
void          atlas_results_pane_show_list          (AtlasResultsPane     *self);

/* Writes the current results to @file (replaced whole, or left as it was
 * on failure) from a worker thread with its own cache connection.  The
 * "Export…" action asks for the file and calls this; the outcome is shown
 * in the window's toast overlay. */
void          atlas_results_pane_export_async       (AtlasResultsPane     *self,
                                                     GFile                *file,
                                                     AtlasExportFormat     format,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* @n_exported (nullable) receives the number of initiatives written. */
gboolean      atlas_results_pane_export_finish      (AtlasResultsPane     *self,
                                                     GAsyncResult         *result,
                                                     guint                *n_exported,
                                                     GError              **error);

G_END_DECLS
