/* atlas-feed-writer.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* Writes a "digital-cooperation-feed" version 1 document (complete: true) to
 * a stream, one record at a time, so that exporting 100,000 initiatives never
 * holds them all in memory.  What it writes, atlas_feed_parse() reads back
 * equal (atlas_initiative_equal()). */

#define ATLAS_TYPE_FEED_WRITER (atlas_feed_writer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFeedWriter, atlas_feed_writer, ATLAS, FEED_WRITER, GObject)

AtlasFeedWriter *atlas_feed_writer_new              (GOutputStream            *stream);
/* Starts the document; @organizations (of AtlasOrganization*) are all the
 * organisations the initiatives refer to. */
gboolean         atlas_feed_writer_begin            (AtlasFeedWriter          *self,
                                                     const char               *generated_at,
                                                     GPtrArray                *organizations,
                                                     GCancellable             *cancellable,
                                                     GError                  **error);
gboolean         atlas_feed_writer_add_initiative   (AtlasFeedWriter          *self,
                                                     const AtlasInitiative    *initiative,
                                                     GCancellable             *cancellable,
                                                     GError                  **error);
gboolean         atlas_feed_writer_end              (AtlasFeedWriter          *self,
                                                     GCancellable             *cancellable,
                                                     GError                  **error);

G_END_DECLS
