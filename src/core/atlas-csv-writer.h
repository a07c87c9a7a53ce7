/* atlas-csv-writer.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* Writes initiatives as CSV (RFC 4180, UTF-8, a header row, one initiative a
 * row; lists joined with "; "), one record at a time.  Cells that a
 * spreadsheet would run as a formula are escaped. */

#define ATLAS_TYPE_CSV_WRITER (atlas_csv_writer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCsvWriter, atlas_csv_writer, ATLAS, CSV_WRITER, GObject)

AtlasCsvWriter *atlas_csv_writer_new             (GOutputStream          *stream);
gboolean        atlas_csv_writer_add_initiative  (AtlasCsvWriter         *self,
                                                  const AtlasInitiative  *initiative,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
gboolean        atlas_csv_writer_end             (AtlasCsvWriter         *self,
                                                  GCancellable           *cancellable,
                                                  GError                **error);

G_END_DECLS
