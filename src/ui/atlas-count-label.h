/* atlas-count-label.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_COUNT_LABEL (atlas_count_label_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCountLabel, atlas_count_label, ATLAS, COUNT_LABEL, GtkWidget)

GtkWidget  *atlas_count_label_new           (void);
const char *atlas_count_label_get_text      (AtlasCountLabel *self);
void        atlas_count_label_set_text      (AtlasCountLabel *self,
                                             const char      *text);
guint       atlas_count_label_get_min_chars (AtlasCountLabel *self);
void        atlas_count_label_set_min_chars (AtlasCountLabel *self,
                                             guint            min_chars);

G_END_DECLS
