/* atlas-export.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* Writes the initiatives of a query's result, in its order, as CSV or as a
 * feed document (complete: true, so that export then import round-trips). */

typedef enum
{
  ATLAS_EXPORT_CSV = 0,
  ATLAS_EXPORT_JSON,
} AtlasExportFormat;

gboolean atlas_export_format_from_string (const char         *str,
                                          AtlasExportFormat  *format);

gboolean atlas_export_write              (AtlasStore         *store,
                                          AtlasResult        *result,
                                          AtlasExportFormat   format,
                                          GOutputStream      *stream,
                                          GCancellable       *cancellable,
                                          GError            **error);

G_END_DECLS
