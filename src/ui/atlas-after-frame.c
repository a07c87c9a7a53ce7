/* atlas-after-frame.c
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

#define G_LOG_DOMAIN "atlas-after-frame"

#include "config.h"

#include "atlas-after-frame.h"

struct _AtlasAfterFrame
{
  GtkWidget           *widget;      /* not owned: its owner frees this first */
  AtlasAfterFrameFunc  func;
  gpointer             user_data;
  GdkFrameClock       *clock;       /* while waiting for the frame */
  gulong               after_paint_id;
  gulong               unrealize_id;
  guint                idle_id;
};

static gboolean
idle_cb (gpointer user_data)
{
  AtlasAfterFrame *self = user_data;

  self->idle_id = 0;
  self->func (self->user_data);

  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_frame (AtlasAfterFrame *self)
{
  if (self->clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->clock);
  g_clear_object (&self->clock);
}

static void
add_idle (AtlasAfterFrame *self)
{
  stop_waiting_for_frame (self);
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_cb, self, NULL);
}

static void
on_after_paint_cb (GdkFrameClock   *clock,
                   AtlasAfterFrame *self)
{
  add_idle (self);
}

static void
on_unrealize_cb (GtkWidget       *widget,
                 AtlasAfterFrame *self)
{
  if (self->clock != NULL)
    add_idle (self);
}

/**
 * atlas_after_frame_new:
 * @widget: the widget whose frames to follow; it must outlive the result
 * @func: what to run after the frame
 * @user_data: for @func
 *
 * Returns: (transfer full): a new #AtlasAfterFrame, not queued
 */
AtlasAfterFrame *
atlas_after_frame_new (GtkWidget           *widget,
                       AtlasAfterFrameFunc  func,
                       gpointer             user_data)
{
  AtlasAfterFrame *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (AtlasAfterFrame, 1);
  self->widget = widget;
  self->func = func;
  self->user_data = user_data;
  self->unrealize_id = g_signal_connect (widget, "unrealize", G_CALLBACK (on_unrealize_cb), self);

  return self;
}

void
atlas_after_frame_free (AtlasAfterFrame *self)
{
  if (self == NULL)
    return;

  atlas_after_frame_cancel (self);
  g_clear_signal_handler (&self->unrealize_id, self->widget);
  g_free (self);
}

/**
 * atlas_after_frame_queue:
 * @self: an #AtlasAfterFrame
 *
 * Runs the function once, just after the widget's next frame, which this
 * asks for; queueing again before it runs changes nothing.
 */
void
atlas_after_frame_queue (AtlasAfterFrame *self)
{
  GdkFrameClock *clock;

  g_return_if_fail (self != NULL);

  if (atlas_after_frame_is_queued (self))
    return;

  clock = gtk_widget_get_frame_clock (self->widget);
  if (clock == NULL)
    {
      add_idle (self);
      return;
    }

  self->clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  gtk_widget_queue_draw (self->widget);
}

void
atlas_after_frame_cancel (AtlasAfterFrame *self)
{
  g_return_if_fail (self != NULL);

  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

gboolean
atlas_after_frame_is_queued (AtlasAfterFrame *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->clock != NULL || self->idle_id != 0;
}
