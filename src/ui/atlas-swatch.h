/* atlas-swatch.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small square or disc of one colour with a thin edge, 14 pixels wide:
 * the map legend's sample of a class's shade or of a mark. */

#define ATLAS_TYPE_SWATCH (atlas_swatch_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSwatch, atlas_swatch, ATLAS, SWATCH, GtkWidget)

GtkWidget *atlas_swatch_new       (gboolean       round);
void       atlas_swatch_set_color (AtlasSwatch   *self,
                                   const GdkRGBA *color);

G_END_DECLS
