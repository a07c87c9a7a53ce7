/* atlas-after-frame.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Work a widget leaves for just after the frame that shows a change, so
 * that the frame comes first: an idle added once the frame is painted (an
 * idle alone can run before the frame, while the frame clock waits for its
 * time).  A widget without a frame clock (not realized, or unrealized while
 * waiting) gets the idle at once: no frame of it is coming. */
typedef struct _AtlasAfterFrame AtlasAfterFrame;

typedef void (*AtlasAfterFrameFunc) (gpointer user_data);

AtlasAfterFrame *atlas_after_frame_new       (GtkWidget           *widget,
                                              AtlasAfterFrameFunc  func,
                                              gpointer             user_data);
void             atlas_after_frame_free      (AtlasAfterFrame     *self);
void             atlas_after_frame_queue     (AtlasAfterFrame     *self);
void             atlas_after_frame_cancel    (AtlasAfterFrame     *self);
gboolean         atlas_after_frame_is_queued (AtlasAfterFrame     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasAfterFrame, atlas_after_frame_free)

G_END_DECLS
