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

/* Measures @widget as a GtkInscription of these characters and lines
 * does: in the font's character widths and line heights, whatever the
 * text.  For the measure vfunc of labels that stand in for one. */
void           atlas_cached_label_measure_inscription (GtkWidget      *widget,
                                                       GtkOrientation  orientation,
                                                       guint           min_chars,
                                                       guint           nat_chars,
                                                       guint           min_lines,
                                                       guint           nat_lines,
                                                       int            *minimum,
                                                       int            *natural,
                                                       int            *minimum_baseline,
                                                       int            *natural_baseline);

G_END_DECLS
