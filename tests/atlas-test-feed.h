/* atlas-test-feed.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Generates portal feed documents ("digital-cooperation-feed", version 1)
 * for tests and the benchmark.  Initiative n's content is a function of n
 * and its version, so two runs give the same bytes. */

#define ATLAS_TEST_FEED_N_ORGANIZATIONS 40

typedef struct
{
  const char *generated_at;
  gboolean    complete;
  const char *next;            /* nullable */
  gsize       description_size; /* bytes of description text per initiative */
} AtlasTestFeedPage;

GString *atlas_test_feed_begin          (const AtlasTestFeedPage *page);
void     atlas_test_feed_add_initiative (GString                 *document,
                                         guint                    n,
                                         guint                    version,
                                         gsize                    description_size);
void     atlas_test_feed_add_deleted    (GString                 *document,
                                         guint                    n);
char    *atlas_test_feed_end            (GString                 *document);

/* A whole page of initiatives first .. first + count - 1, all at @version. */
char    *atlas_test_feed_page           (const AtlasTestFeedPage *page,
                                         guint                    first,
                                         guint                    count,
                                         guint                    version);

/* The id the generator gives initiative n ("ini-000042"). */
char    *atlas_test_feed_id             (guint                    n);

G_END_DECLS
