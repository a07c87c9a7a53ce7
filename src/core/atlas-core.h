/* atlas-core.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-types.h"
#include "atlas-enums.h"
#include "atlas-initiative.h"
#include "atlas-vocab.h"
#include "atlas-feed.h"
#include "atlas-feed-parser.h"
#include "atlas-portal-feed.h"
#include "atlas-feed-writer.h"
#include "atlas-csv-writer.h"
#include "atlas-dpga.h"
#include "atlas-store.h"
#include "atlas-query.h"
#include "atlas-index.h"
#include "atlas-export.h"
#include "atlas-context.h"
#include "atlas-sync-report.h"
#include "atlas-sync.h"
#include "atlas-text.h"
#include "atlas-text-index.h"

G_BEGIN_DECLS

/* Sets up what the core needs once per process: its GResource and the
 * text domains.  Safe to call more than once, from any thread. */
void atlas_core_init (void);

G_END_DECLS
