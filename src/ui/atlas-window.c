/* atlas-window.c
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

#define G_LOG_DOMAIN "atlas-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-damage-hint.h"
#include "atlas-detail-view.h"
#include "atlas-filter-sidebar.h"
#include "atlas-map-view.h"
#include "atlas-results-pane.h"
#include "atlas-ui-format.h"
#include "atlas-window.h"

/* How often the "Last updated 5 minutes ago" tooltip is refreshed. */
#define TOOLTIP_REFRESH_SECONDS 30

struct _AtlasWindow
{
  AdwApplicationWindow  parent_instance;

  AtlasContext         *context;
  guint                 tooltip_source;

  /* The side panes are built after the first frame (see build_panes_cb ()). */
  GdkFrameClock        *frame_clock;
  gulong                first_frame_id;
  guint                 build_panes_source;

  /* The search field's text reaches the query once its change is done. */
  guint                 search_text_source;

  /* What the user chose for each pane while the window was wide enough to
   * show it beside the map: folding hides the panes, unfolding brings this
   * back, and this is what is saved. */
  gboolean              sidebar_wanted;
  gboolean              detail_wanted;

  /* A new settled result (a click's, or the search's complete one) changes
   * the map and the results, and with them the separator between them: one
   * rectangle for the three, rather than one column for each in every band
   * the sidebar's changes cut.  The search's first results change the list
   * only, and do not draw the map again. */
  AtlasDamageHint       result_hint;

  /* Template children */
  AdwBin               *detail_bin;
  GtkToggleButton      *detail_button;
  AdwHeaderBar         *header_bar;
  AdwFlap              *inner_flap;
  AdwBin               *map_bin;
  GtkMenuButton        *menu_button;
  AdwFlap              *outer_flap;
  GtkSearchEntry       *search_entry;
  AdwBin               *sidebar_bin;
  GtkToggleButton      *sidebar_button;
  GtkButton            *sync_button;
  GtkImage             *sync_image;
  GtkProgressBar       *sync_progress_bar;
  GtkSpinner           *sync_spinner;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (AtlasWindow *self)
{
  gboolean ready;
  gboolean syncing;

  g_assert (ATLAS_IS_WINDOW (self));

  ready = atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_READY;
  syncing = atlas_context_get_syncing (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", ready && !syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-detail", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-search", TRUE);
}

static void
update_sync_tooltip (AtlasWindow *self)
{
  g_autofree char *text = NULL;

  g_assert (ATLAS_IS_WINDOW (self));

  if (atlas_context_get_syncing (self->context))
    text = g_strdup (_("Updating from the feeds…"));
  else
    text = atlas_format_last_sync (g_get_real_time () / G_USEC_PER_SEC,
                                   atlas_context_get_last_sync (self->context),
                                   atlas_context_get_snapshot_date (self->context));

  if (g_strcmp0 (text, gtk_widget_get_tooltip_text (GTK_WIDGET (self->sync_button))) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), text);
}

static gboolean
refresh_sync_tooltip_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;

  g_assert (ATLAS_IS_WINDOW (self));

  update_sync_tooltip (self);

  return G_SOURCE_CONTINUE;
}

static void
show_message (AtlasWindow *self,
              const char  *message,
              guint        timeout,
              gboolean     with_details)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_assert (ATLAS_IS_WINDOW (self));
  g_assert (message != NULL);

  /* Toast titles are markup; messages may carry feed titles and server
   * text, which are plain text. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, timeout);

  /* A toast shows one line: Preferences has each feed's whole story. */
  if (with_details)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "app.preferences");
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
save_window_state (AtlasWindow *self)
{
  GSettings *settings;
  gboolean maximized;
  int width = 0;
  int height = 0;

  g_assert (ATLAS_IS_WINDOW (self));

  settings = atlas_context_get_settings (self->context);
  if (settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_delay (settings);

  /* A maximized window keeps the size it had before, for unmaximizing. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  g_settings_set_boolean (settings, "window-maximized", maximized);
  g_settings_set_boolean (settings, "sidebar-visible", self->sidebar_wanted);
  g_settings_set_boolean (settings, "detail-visible", self->detail_wanted);

  g_settings_apply (settings);
}

static void
restore_window_state (AtlasWindow *self)
{
  GSettings *settings;

  g_assert (ATLAS_IS_WINDOW (self));

  settings = atlas_context_get_settings (self->context);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));

      self->sidebar_wanted = g_settings_get_boolean (settings, "sidebar-visible");
      self->detail_wanted = g_settings_get_boolean (settings, "detail-visible");
    }

  adw_flap_set_reveal_flap (self->outer_flap, self->sidebar_wanted);
  adw_flap_set_reveal_flap (self->inner_flap, self->detail_wanted);
}

static void
on_context_notify_settled_result_cb (AtlasWindow *self)
{
  atlas_damage_hint_changed (&self->result_hint);
}

static void
on_context_notify_state_cb (AtlasWindow *self)
{
  g_assert (ATLAS_IS_WINDOW (self));

  update_actions (self);

  if (atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_FAILED)
    {
      const GError *error = atlas_context_get_error (self->context);

      show_message (self,
                    error != NULL ? error->message
                                  : _("The saved initiatives could not be opened."),
                    0, FALSE);
    }
}

static void
on_context_notify_syncing_cb (AtlasWindow *self)
{
  gboolean syncing;

  g_assert (ATLAS_IS_WINDOW (self));

  syncing = atlas_context_get_syncing (self->context);

  gtk_widget_set_visible (GTK_WIDGET (self->sync_image), !syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress_bar), syncing);
  if (syncing)
    gtk_progress_bar_set_fraction (self->sync_progress_bar,
                                   atlas_context_get_sync_progress (self->context));

  update_sync_tooltip (self);
  update_actions (self);
}

static void
on_context_notify_sync_progress_cb (AtlasWindow *self)
{
  g_assert (ATLAS_IS_WINDOW (self));

  gtk_progress_bar_set_fraction (self->sync_progress_bar,
                                 atlas_context_get_sync_progress (self->context));
}

static void
on_context_sync_finished_cb (AtlasContext    *context,
                             AtlasSyncReport *report,
                             const GError    *error,
                             AtlasWindow     *self)
{
  g_autoptr(GPtrArray) messages = NULL;

  g_assert (ATLAS_IS_CONTEXT (context));
  g_assert (ATLAS_IS_WINDOW (self));

  update_sync_tooltip (self);

  if (report == NULL && error == NULL)
    return;

  messages = atlas_format_sync_outcome (report, error,
                                        atlas_context_get_last_sync (context),
                                        atlas_context_get_snapshot_date (context));

  /* A failure, when there is one, is the last message. */
  for (guint i = 0; i < messages->len; i++)
    show_message (self, g_ptr_array_index (messages, i), 5,
                  i + 1 == messages->len && report != NULL &&
                  !atlas_sync_report_succeeded (report));
}

static void on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                               AtlasWindow    *self);

static void
set_search_text (AtlasWindow *self,
                 const char  *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  g_assert (ATLAS_IS_WINDOW (self));

  /* Replacing the text empties the entry first, and an empty search entry
   * reports the change at once: that must not reach the query (it would
   * also free @text, the query's own string, under our feet). */
  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), copy);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
}

static void
on_query_changed_cb (AtlasWindow *self)
{
  AtlasQuery *query;
  const char *text;

  g_assert (ATLAS_IS_WINDOW (self));

  /* Something else changed the query (say, "clear all filters"): show it. */
  query = atlas_context_get_query (self->context);
  text = atlas_query_get_text (query);
  if (g_strcmp0 (text != NULL ? text : "", gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    set_search_text (self, text);
}

static gboolean
apply_search_text_cb (gpointer user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (user_data);
  AtlasQuery *query = atlas_context_get_query (self->context);

  self->search_text_source = 0;
  if (query != NULL)
    atlas_query_set_text (query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return G_SOURCE_REMOVE;
}

/* Replacing the field's text (typing over a selection, pasting over it)
 * empties it first, and an empty search field reports that at once: the
 * query ran for no text, all 100,000 initiatives, and then again for the
 * new text.  The text is read once the change is done, before the next
 * frame. */
static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   AtlasWindow    *self)
{
  g_assert (GTK_IS_SEARCH_ENTRY (entry));
  g_assert (ATLAS_IS_WINDOW (self));

  if (self->search_text_source == 0)
    self->search_text_source = g_idle_add_full (G_PRIORITY_HIGH, apply_search_text_cb, self,
                                                NULL);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry *entry,
                                AtlasWindow    *self)
{
  g_assert (GTK_IS_SEARCH_ENTRY (entry));
  g_assert (ATLAS_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_flap_notify_reveal_flap_cb (AtlasWindow *self,
                               GParamSpec  *pspec,
                               AdwFlap     *flap)
{
  g_assert (ATLAS_IS_WINDOW (self));
  g_assert (ADW_IS_FLAP (flap));

  /* Only a choice made while the pane fits beside the map is remembered. */
  if (adw_flap_get_folded (flap))
    return;

  if (flap == self->outer_flap)
    self->sidebar_wanted = adw_flap_get_reveal_flap (flap);
  else
    self->detail_wanted = adw_flap_get_reveal_flap (flap);
}

static void
on_flap_notify_folded_cb (AtlasWindow *self,
                          GParamSpec  *pspec,
                          AdwFlap     *flap)
{
  g_assert (ATLAS_IS_WINDOW (self));
  g_assert (ADW_IS_FLAP (flap));

  /* The flaps are locked, so that folding does not overwrite the choice:
   * a folded pane starts hidden (it would cover the map), an unfolded one
   * comes back as the user left it. */
  if (adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, FALSE);
  else
    adw_flap_set_reveal_flap (flap, flap == self->outer_flap ? self->sidebar_wanted
                                                               : self->detail_wanted);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  atlas_window_reveal_sidebar (self, !adw_flap_get_reveal_flap (self->outer_flap));
}

static void
toggle_detail_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  atlas_window_reveal_detail (self, !adw_flap_get_reveal_flap (self->inner_flap));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (atlas_context_get_syncing (self->context))
    return;

  /* The outcome comes back through AtlasContext::sync-finished. */
  atlas_context_sync_async (self->context, NULL, NULL, NULL, NULL);
}

static gboolean
atlas_window_close_request (GtkWindow *window)
{
  AtlasWindow *self = ATLAS_WINDOW (window);

  save_window_state (self);

  return GTK_WINDOW_CLASS (atlas_window_parent_class)->close_request (window);
}

/* The detail view is made when it first shows: it is not part of the
 * first frame, which it made slower to come. */
static void
on_results_pane_notify_showing_detail_cb (AtlasWindow      *self,
                                          GParamSpec       *pspec,
                                          AtlasResultsPane *pane)
{
  g_assert (ATLAS_IS_WINDOW (self));
  g_assert (ATLAS_IS_RESULTS_PANE (pane));

  if (atlas_results_pane_get_showing_detail (pane) && atlas_results_pane_get_detail (pane) == NULL)
    atlas_results_pane_set_detail (pane, atlas_detail_view_new (self->context));
}

/* The side panes, the filter sidebar and the results, are built just after
 * the window's first frame, which shows the header bar and the map.  They
 * hold most of the window's widgets, and building, styling and laying them
 * out made the first frame come about 170 ms later (on a 2-processor
 * machine rendering in software), while what they show is of no use before
 * the data is read, which starts after that frame too.  Their panes keep
 * their widths in the meantime, so nothing moves when they come. */
static gboolean
build_panes_cb (gpointer user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (user_data);

  self->build_panes_source = 0;

  if (adw_bin_get_child (self->sidebar_bin) == NULL)
    atlas_window_set_sidebar (self, GTK_WIDGET (atlas_filter_sidebar_new (self->context)));

  if (adw_bin_get_child (self->detail_bin) == NULL)
    {
      GtkWidget *pane = atlas_results_pane_new (self->context);

      g_signal_connect_object (pane, "notify::showing-detail",
                               G_CALLBACK (on_results_pane_notify_showing_detail_cb), self,
                               G_CONNECT_SWAPPED);
      atlas_window_set_detail (self, pane);
    }

  return G_SOURCE_REMOVE;
}

static void
on_first_frame_cb (AtlasWindow   *self,
                   GdkFrameClock *clock)
{
  g_assert (ATLAS_IS_WINDOW (self));

  g_clear_signal_handler (&self->first_frame_id, self->frame_clock);
  self->frame_clock = NULL;

  /* Once the frame is done, before anything else. */
  if (self->build_panes_source == 0)
    self->build_panes_source = g_idle_add_full (G_PRIORITY_HIGH, build_panes_cb, self, NULL);
}

static void
atlas_window_realize (GtkWidget *widget)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  GTK_WIDGET_CLASS (atlas_window_parent_class)->realize (widget);

  if (self->first_frame_id == 0 &&
      (adw_bin_get_child (self->sidebar_bin) == NULL ||
       adw_bin_get_child (self->detail_bin) == NULL))
    {
      self->frame_clock = gtk_widget_get_frame_clock (widget);
      self->first_frame_id = g_signal_connect_object (self->frame_clock, "after-paint",
                                                      G_CALLBACK (on_first_frame_cb), self,
                                                      G_CONNECT_SWAPPED);
    }
}

static void
atlas_window_unrealize (GtkWidget *widget)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  g_clear_signal_handler (&self->first_frame_id, self->frame_clock);
  self->frame_clock = NULL;

  GTK_WIDGET_CLASS (atlas_window_parent_class)->unrealize (widget);
}

static void
atlas_window_constructed (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);
  AtlasQuery *query;

  G_OBJECT_CLASS (atlas_window_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  restore_window_state (self);

  atlas_window_set_map (self, atlas_map_view_new (self->context));

  g_signal_connect_object (self->context, "notify::settled-result",
                           G_CALLBACK (on_context_notify_settled_result_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::state",
                           G_CALLBACK (on_context_notify_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::syncing",
                           G_CALLBACK (on_context_notify_syncing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::sync-progress",
                           G_CALLBACK (on_context_notify_sync_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::last-sync",
                           G_CALLBACK (update_sync_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::snapshot-date",
                           G_CALLBACK (update_sync_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-finished",
                           G_CALLBACK (on_context_sync_finished_cb), self, 0);

  query = atlas_context_get_query (self->context);
  if (query != NULL)
    {
      set_search_text (self, atlas_query_get_text (query));
      g_signal_connect_object (query, "changed",
                               G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);
    }

  on_context_notify_syncing_cb (self);
  update_actions (self);

  self->tooltip_source = g_timeout_add_seconds (TOOLTIP_REFRESH_SECONDS,
                                                refresh_sync_tooltip_cb, self);

  if (atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_FAILED)
    on_context_notify_state_cb (self);
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_clear_handle_id (&self->tooltip_source, g_source_remove);
  g_clear_handle_id (&self->build_panes_source, g_source_remove);
  g_clear_handle_id (&self->search_text_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);

  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_finalize (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_window_parent_class)->finalize (object);
}

static void
atlas_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  graphene_rect_t area, pane;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->map_bin)) &&
      gtk_widget_compute_bounds (GTK_WIDGET (self->map_bin), widget, &area))
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self->detail_bin)) &&
          gtk_widget_compute_bounds (GTK_WIDGET (self->detail_bin), widget, &pane))
        graphene_rect_union (&area, &pane, &area);

      atlas_damage_hint_append (&self->result_hint, snapshot, &area);
    }

  GTK_WIDGET_CLASS (atlas_window_parent_class)->snapshot (widget, snapshot);
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = atlas_window_constructed;
  object_class->dispose = atlas_window_dispose;
  object_class->finalize = atlas_window_finalize;
  object_class->get_property = atlas_window_get_property;
  object_class->set_property = atlas_window_set_property;

  widget_class->realize = atlas_window_realize;
  widget_class->unrealize = atlas_window_unrealize;
  widget_class->snapshot = atlas_window_snapshot;

  window_class->close_request = atlas_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, detail_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, inner_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, outer_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar_bin);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sync_image);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sync_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_notify_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_notify_reveal_flap_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-detail", NULL, toggle_detail_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.toggle-detail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "win.toggle-detail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
}

static void
atlas_window_init (AtlasWindow *self)
{
  self->sidebar_wanted = TRUE;
  self->detail_wanted = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

AtlasWindow *
atlas_window_new (GtkApplication *application,
                  AtlasContext   *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_window_get_context (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * atlas_window_get_sidebar:
 *
 * Returns: (transfer none) (nullable): the filter sidebar, %NULL until the
 *   window's first frame is done
 */
GtkWidget *
atlas_window_get_sidebar (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return adw_bin_get_child (self->sidebar_bin);
}

void
atlas_window_set_sidebar (AtlasWindow *self,
                          GtkWidget   *child)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  adw_bin_set_child (self->sidebar_bin, child);
}

void
atlas_window_set_map (AtlasWindow *self,
                      GtkWidget   *child)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  adw_bin_set_child (self->map_bin, child);
}

void
atlas_window_set_detail (AtlasWindow *self,
                         GtkWidget   *child)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  adw_bin_set_child (self->detail_bin, child);
}

void
atlas_window_reveal_sidebar (AtlasWindow *self,
                             gboolean     reveal)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->outer_flap, reveal);
}

void
atlas_window_reveal_detail (AtlasWindow *self,
                            gboolean     reveal)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->inner_flap, reveal);
}

void
atlas_window_add_toast (AtlasWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
