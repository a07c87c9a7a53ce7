/* atlas-cached-label.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_CACHED_LABEL (atlas_cached_label_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCachedLabel, atlas_cached_label, ATLAS, CACHED_LABEL, GtkWidget)

GtkWidget     *atlas_cached_label_new            (void);
const char    *atlas_cached_label_get_text       (AtlasCachedLabel *self);
void           atlas_cached_label_set_text       (AtlasCachedLabel *self,
                                                  const char       *text);
PangoAttrList *atlas_cached_label_get_attributes (AtlasCachedLabel *self);
void           atlas_cached_label_set_attributes (AtlasCachedLabel *self,
                                                  PangoAttrList    *attributes);

G_END_DECLS
