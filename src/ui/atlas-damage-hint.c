/* atlas-damage-hint.c
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "atlas-damage-hint.h"

/**
 * atlas_damage_hint_changed:
 * @hint: a hint
 *
 * What @hint covers changed: its next snapshot marks the whole of it.
 */
void
atlas_damage_hint_changed (AtlasDamageHint *hint)
{
  g_return_if_fail (hint != NULL);

  hint->changed = TRUE;
}

/**
 * atlas_damage_hint_append:
 * @hint: a hint
 * @snapshot: the widget's snapshot, before what @rect covers
 * @rect: what the hint covers, in the snapshot's coordinates
 *
 * Appends the hint's node.  Two frames' nodes differ, and GTK draws @rect
 * again, when @hint changed in between or when @rect moved.
 */
void
atlas_damage_hint_append (AtlasDamageHint       *hint,
                          GtkSnapshot           *snapshot,
                          const graphene_rect_t *rect)
{
  /* Two colours of no opacity, which GTK compares and cairo skips. */
  static const GdkRGBA clear[2] = { { 0, 0, 0, 0 }, { 1, 1, 1, 0 } };

  g_return_if_fail (hint != NULL);
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (rect != NULL);

  if (hint->changed)
    {
      hint->parity = !hint->parity;
      hint->changed = FALSE;
    }
  gtk_snapshot_append_color (snapshot, &clear[hint->parity], rect);
}

/**
 * atlas_damage_hint_append_widget:
 * @hint: a hint
 * @snapshot: @widget's snapshot, before its content
 * @widget: the widget whose snapshot this is
 *
 * Appends the hint over all of @widget.
 */
void
atlas_damage_hint_append_widget (AtlasDamageHint *hint,
                                 GtkSnapshot     *snapshot,
                                 GtkWidget       *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  atlas_damage_hint_append (hint, snapshot,
                            &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                 gtk_widget_get_height (widget)));
}
