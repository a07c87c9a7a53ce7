/* atlas-viewport-box.c
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

#define G_LOG_DOMAIN "atlas-viewport-box"

#include "config.h"

#include "atlas-viewport-box.h"

/* A vertical box, in a GtkViewport, that draws only the children in sight.
 *
 * GTK 4.8 draws every child of a scrolled box, in sight or not, and its
 * cairo renderer goes through every node of the window on every frame.
 * The filter sidebar is three window heights tall: what is scrolled out of
 * sight was a third of the sidebar's share of each frame.  Children out of
 * sight stay mapped, laid out and focusable (focus scrolls them into
 * sight); they are only not drawn until they come into sight. */
struct _AtlasViewportBox
{
  GtkWidget      parent_instance;

  GtkAdjustment *vadjustment;
};

G_DEFINE_FINAL_TYPE (AtlasViewportBox, atlas_viewport_box, GTK_TYPE_WIDGET)

static void
atlas_viewport_box_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_rect_t view;
  gboolean culled;

  /* What of the box the viewport shows, in the box's coordinates. */
  culled = GTK_IS_VIEWPORT (parent) && gtk_widget_compute_bounds (parent, widget, &view);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (culled && gtk_widget_compute_bounds (child, widget, &bounds) &&
          !graphene_rect_intersection (&view, &bounds, NULL))
        continue;

      gtk_widget_snapshot_child (widget, child, snapshot);
    }
}

static void
on_vadjustment_changed_cb (AtlasViewportBox *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_vadjustment (AtlasViewportBox *self,
                 GtkAdjustment    *adjustment)
{
  if (self->vadjustment == adjustment)
    return;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_changed_cb, self);
  g_set_object (&self->vadjustment, adjustment);

  /* Scrolling, and the viewport's height (the page size), change what is
   * in sight. */
  if (adjustment != NULL)
    {
      g_signal_connect_swapped (adjustment, "value-changed",
                                G_CALLBACK (on_vadjustment_changed_cb), self);
      g_signal_connect_swapped (adjustment, "changed",
                                G_CALLBACK (on_vadjustment_changed_cb), self);
    }
}

static void
atlas_viewport_box_map (GtkWidget *widget)
{
  AtlasViewportBox *self = ATLAS_VIEWPORT_BOX (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (atlas_viewport_box_parent_class)->map (widget);

  if (GTK_IS_SCROLLABLE (parent))
    set_vadjustment (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (parent)));
}

static void
atlas_viewport_box_unmap (GtkWidget *widget)
{
  set_vadjustment (ATLAS_VIEWPORT_BOX (widget), NULL);

  GTK_WIDGET_CLASS (atlas_viewport_box_parent_class)->unmap (widget);
}

static void
atlas_viewport_box_dispose (GObject *object)
{
  GtkWidget *child;

  set_vadjustment (ATLAS_VIEWPORT_BOX (object), NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_viewport_box_parent_class)->dispose (object);
}

static void
atlas_viewport_box_class_init (AtlasViewportBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_viewport_box_dispose;

  widget_class->snapshot = atlas_viewport_box_snapshot;
  widget_class->map = atlas_viewport_box_map;
  widget_class->unmap = atlas_viewport_box_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
atlas_viewport_box_init (AtlasViewportBox *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
atlas_viewport_box_new (void)
{
  return g_object_new (ATLAS_TYPE_VIEWPORT_BOX, NULL);
}
