/* atlas-damage-hint.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tells GTK's renderer that a whole rectangle changed, as one rectangle.
 *
 * The renderer draws again what differs from the last frame, as a list of
 * rectangles.  GTK 4.8 gives up past 30 rectangles: it then draws again the
 * whole of the widget where that happened, and often of its parents, up to
 * the whole window.  A filter click changes some twenty counts in the
 * sidebar, twenty tiles of the map and the visible results, each its own
 * rectangle; a widget that knows that much of it changed says so with one
 * rectangle that holds all of its little ones.
 *
 * The hint is a colour node of no opacity, which costs nothing to draw.  A
 * widget appends one in each snapshot, at the same place, and changes it
 * (with atlas_damage_hint_changed ()) only when what it covers changed. */
typedef struct
{
  guint changed : 1;
  guint parity : 1;
} AtlasDamageHint;

void atlas_damage_hint_changed (AtlasDamageHint       *hint);
void atlas_damage_hint_append  (AtlasDamageHint       *hint,
                                GtkSnapshot           *snapshot,
                                const graphene_rect_t *rect);
/* The hint over all of @widget, in its own snapshot. */
void atlas_damage_hint_append_widget (AtlasDamageHint *hint,
                                      GtkSnapshot     *snapshot,
                                      GtkWidget       *widget);

G_END_DECLS
