/* atlas-wrap-box.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Children side by side at their natural width, wrapping to a new line
 * when the next one does not fit, each line packed from the start (the
 * right in right-to-left languages): the layout of chips.  GtkFlowBox
 * aligns its children in columns instead, which leaves gaps between chips
 * of different widths.  A child wider than the box gets the box's width
 * (its label wraps). */

#define ATLAS_TYPE_WRAP_BOX (atlas_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWrapBox, atlas_wrap_box, ATLAS, WRAP_BOX, GtkWidget)

GtkWidget *atlas_wrap_box_new            (void);
void       atlas_wrap_box_append         (AtlasWrapBox *self,
                                          GtkWidget    *child);
/* Puts @child, new or one of the box's, after @sibling (NULL: first). */
void       atlas_wrap_box_insert_after   (AtlasWrapBox *self,
                                          GtkWidget    *child,
                                          GtkWidget    *sibling);
void       atlas_wrap_box_remove         (AtlasWrapBox *self,
                                          GtkWidget    *child);
void       atlas_wrap_box_remove_all     (AtlasWrapBox *self);
guint      atlas_wrap_box_get_spacing    (AtlasWrapBox *self);
/* The space between children and between lines, in pixels. */
void       atlas_wrap_box_set_spacing    (AtlasWrapBox *self,
                                          guint         spacing);

G_END_DECLS
