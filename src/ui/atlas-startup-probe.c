/* atlas-startup-probe.c
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

#define G_LOG_DOMAIN "atlas-startup-probe"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "atlas-startup-probe.h"
#include "atlas-window.h"

struct _AtlasStartupProbe
{
  GObject        parent_instance;

  GtkWindow     *window;
  AtlasContext  *context;
  GdkFrameClock *clock;
  gulong         after_paint_id;
  gint64         start;
  gboolean       first_frame_done;
  gboolean       whole_frame_done;
};

G_DEFINE_FINAL_TYPE (AtlasStartupProbe, atlas_startup_probe, G_TYPE_OBJECT)

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* The main thread's processor time since exec, in microseconds: less
 * disturbed than the wall clock by the other programs of a busy machine. */
static gint64
get_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
is_ready (AtlasStartupProbe *self)
{
  return self->context == NULL ||
         (atlas_context_get_state (self->context) != ATLAS_CONTEXT_STATE_LOADING &&
          atlas_context_get_result (self->context) != NULL);
}

static void
on_after_paint_cb (GdkFrameClock     *clock,
                   AtlasStartupProbe *self)
{
  gint64 elapsed = g_get_monotonic_time () - self->start;

  if (!self->first_frame_done)
    {
      self->first_frame_done = TRUE;
      g_print ("first-frame %" G_GINT64_FORMAT "\n", elapsed);
      g_print ("first-frame-cpu %" G_GINT64_FORMAT "\n", get_thread_cpu_us ());
    }

  /* The first frame with every pane (the app builds its sidebar after
   * its first frame); a bare window has it at once. */
  if (!self->whole_frame_done &&
      (!ATLAS_IS_WINDOW (self->window) ||
       atlas_window_get_sidebar (ATLAS_WINDOW (self->window)) != NULL))
    {
      self->whole_frame_done = TRUE;
      g_print ("whole-frame %" G_GINT64_FORMAT "\n", elapsed);
    }

  if (!is_ready (self))
    return;

  g_print ("ready %" G_GINT64_FORMAT "\nrss-kb %ld\n", elapsed, read_rss_kb ());
  fflush (stdout);

  g_clear_signal_handler (&self->after_paint_id, clock);
  g_application_quit (g_application_get_default ());
}

static void
on_ready_cb (AtlasStartupProbe *self)
{
  /* Make sure a frame follows the data. */
  if (is_ready (self))
    gtk_widget_queue_draw (GTK_WIDGET (self->window));
}

static void
on_realize_cb (GtkWidget         *widget,
               AtlasStartupProbe *self)
{
  self->clock = gtk_widget_get_frame_clock (widget);
  self->after_paint_id = g_signal_connect (self->clock, "after-paint",
                                           G_CALLBACK (on_after_paint_cb), self);
}

static void
atlas_startup_probe_dispose (GObject *object)
{
  AtlasStartupProbe *self = (AtlasStartupProbe *) object;

  if (self->clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->clock);
  g_clear_object (&self->context);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (atlas_startup_probe_parent_class)->dispose (object);
}

static void
atlas_startup_probe_class_init (AtlasStartupProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = atlas_startup_probe_dispose;
}

static void
atlas_startup_probe_init (AtlasStartupProbe *self)
{
}

AtlasStartupProbe *
atlas_startup_probe_new_if_requested (GtkWindow    *window,
                                      AtlasContext *context)
{
  AtlasStartupProbe *self;
  const char *start = g_getenv ("ATLAS_PROBE_START");

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (!context || ATLAS_IS_CONTEXT (context), NULL);

  if (start == NULL || *start == '\0')
    return NULL;

  self = g_object_new (ATLAS_TYPE_STARTUP_PROBE, NULL);
  self->start = g_ascii_strtoll (start, NULL, 10);
  g_set_weak_pointer (&self->window, window);
  if (context != NULL)
    {
      self->context = g_object_ref (context);
      g_signal_connect_object (context, "notify::result", G_CALLBACK (on_ready_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::state", G_CALLBACK (on_ready_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize_cb (GTK_WIDGET (window), self);
  else
    g_signal_connect_object (window, "realize", G_CALLBACK (on_realize_cb), self, 0);

  return self;
}
