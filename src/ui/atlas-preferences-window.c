/* atlas-preferences-window.c
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

#define G_LOG_DOMAIN "atlas-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-preferences-window.h"
#include "atlas-sync.h"
#include "atlas-ui-format.h"

/* The index of each basemap in the combo row, and its nick in GSettings. */
static const struct {
  const char *nick;
  const char *attribution;
} basemaps[] = {
  /* Translators: where the offline map comes from, and its licence. */
  { "offline", N_("Natural Earth, public domain") },
  /* Translators: the attribution OpenStreetMap requires, and its licence. */
  { "openstreetmap", N_("© OpenStreetMap contributors, ODbL") },
};

struct _AtlasPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AtlasContext         *context;
  GSettings            *settings;
  AtlasSync            *sync;
  GCancellable         *probe_cancellable;
  char                 *probing_url;
  GPtrArray            *feed_rows;

  /* Template children */
  AdwEntryRow          *add_row;
  GtkLabel             *add_error_label;
  GtkSpinner           *add_spinner;
  AdwComboRow          *basemap_row;
  AdwPreferencesGroup  *sources_group;
  GtkButton            *sync_button;
  GtkSwitch            *sync_on_start_switch;
};

G_DEFINE_FINAL_TYPE (AtlasPreferencesWindow, atlas_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_sync_button (AtlasPreferencesWindow *self)
{
  gboolean can_sync;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  can_sync = self->settings != NULL &&
             atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_READY &&
             !atlas_context_get_syncing (self->context);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), can_sync);
}

static void
show_add_error (AtlasPreferencesWindow *self,
                const char             *message)
{
  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  gtk_label_set_text (self->add_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

static void
set_probing (AtlasPreferencesWindow *self,
             gboolean                probing)
{
  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->add_spinner), probing);
  gtk_spinner_set_spinning (self->add_spinner, probing);
  gtk_editable_set_editable (GTK_EDITABLE (self->add_row), !probing);
}

static gboolean
has_source (AtlasPreferencesWindow *self,
            const char             *url)
{
  g_auto(GStrv) urls = NULL;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  urls = g_settings_get_strv (self->settings, "sources");

  return g_strv_contains ((const char * const *) urls, url);
}

static void
on_remove_button_clicked_cb (GtkButton              *button,
                             AtlasPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;
  g_auto(GStrv) kept = NULL;
  const char *url;

  g_assert (GTK_IS_BUTTON (button));
  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  url = g_object_get_data (G_OBJECT (button), "atlas-url");
  urls = g_settings_get_strv (self->settings, "sources");

  for (guint i = 0; urls[i] != NULL; i++)
    {
      if (g_strcmp0 (urls[i], url) != 0)
        g_strv_builder_add (builder, urls[i]);
    }

  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "sources", (const char * const *) kept);
}

static const AtlasSource *
find_source (GPtrArray  *sources,
             const char *url)
{
  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      if (g_strcmp0 (source->url, url) == 0)
        return source;
    }

  return NULL;
}

static GtkWidget *
create_feed_row (AtlasPreferencesWindow *self,
                 const char             *url,
                 const AtlasSource      *source,
                 gint64                  now)
{
  g_autofree char *title = atlas_format_feed_title (url);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  if (source != NULL)
    subtitle = atlas_format_source_status (now, source);
  else
    subtitle = g_strdup (_("Not synced yet"));

  /* Titles and errors come from the network: plain text. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, url);
  if (source != NULL && source->last_error != NULL)
    gtk_widget_add_css_class (row, "atlas-feed-failed");

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Feed"));
  /* Translators: the accessible name of a button; the placeholder is the
   * address of a feed without "https://". */
  remove_label = g_strdup_printf (_("Remove feed “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "atlas-url", g_strdup (url), g_free);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (on_remove_button_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
rebuild_feed_rows (AtlasPreferencesWindow *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_auto(GStrv) urls = NULL;
  gint64 now;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < self->feed_rows->len; i++)
    adw_preferences_group_remove (self->sources_group, g_ptr_array_index (self->feed_rows, i));
  g_ptr_array_set_size (self->feed_rows, 0);

  if (self->settings == NULL)
    return;

  urls = g_settings_get_strv (self->settings, "sources");
  sources = atlas_context_list_sources (self->context);
  now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; urls[i] != NULL; i++)
    {
      GtkWidget *row = create_feed_row (self, urls[i], find_source (sources, urls[i]), now);

      g_ptr_array_add (self->feed_rows, row);
      adw_preferences_group_add (self->sources_group, row);
    }

  if (urls[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No feeds"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The atlas shows the initiatives that come with the app."));
      g_ptr_array_add (self->feed_rows, row);
      adw_preferences_group_add (self->sources_group, row);
    }
}

static void
on_probe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AtlasPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  atlas_sync_probe_finish (ATLAS_SYNC (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->probe_cancellable);
  set_probing (self, FALSE);

  if (error != NULL)
    {
      g_clear_pointer (&self->probing_url, g_free);
      show_add_error (self, error->message);
      return;
    }

  url = g_steal_pointer (&self->probing_url);

  if (!has_source (self, url))
    {
      g_auto(GStrv) urls = g_settings_get_strv (self->settings, "sources");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) added = NULL;
      g_autofree char *title = atlas_format_feed_title (url);
      g_autofree char *message = NULL;
      g_autofree char *escaped = NULL;

      g_strv_builder_addv (builder, (const char **) urls);
      g_strv_builder_add (builder, url);
      added = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "sources", (const char * const *) added);

      /* Translators: the placeholder is the address of a feed without "https://". */
      message = g_strdup_printf (_("Added “%s”"), title);
      escaped = g_markup_escape_text (message, -1);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));

      /* Fetch what the new feed has right away, when nothing else runs. */
      if (atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_READY &&
          !atlas_context_get_syncing (self->context))
        {
          const char *one[] = { url, NULL };

          atlas_context_sync_async (self->context, one, NULL, NULL, NULL);
        }
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  show_add_error (self, NULL);
}

static void
on_add_row_apply_cb (AtlasPreferencesWindow *self,
                     AdwEntryRow            *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));
  g_assert (ADW_IS_ENTRY_ROW (row));

  if (self->settings == NULL || self->probe_cancellable != NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*url == '\0')
    return;

  if (has_source (self, url))
    {
      show_add_error (self, _("This feed is already in the list."));
      return;
    }

  if (!atlas_sync_check_url (url, &error))
    {
      show_add_error (self, error->message);
      return;
    }

  show_add_error (self, NULL);
  set_probing (self, TRUE);

  self->probe_cancellable = g_cancellable_new ();
  g_free (self->probing_url);
  self->probing_url = g_strdup (url);
  atlas_sync_probe_async (self->sync, url, self->probe_cancellable,
                          on_probe_cb, g_object_ref (self));
}

static void
on_add_row_changed_cb (AtlasPreferencesWindow *self,
                       AdwEntryRow            *row)
{
  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  /* The error was about the text that is no longer there. */
  if (self->probe_cancellable == NULL)
    show_add_error (self, NULL);
}

static void
on_sync_button_clicked_cb (AtlasPreferencesWindow *self,
                           GtkButton              *button)
{
  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  if (atlas_context_get_syncing (self->context))
    return;

  atlas_context_sync_async (self->context, NULL, NULL, NULL, NULL);
}

static void
on_basemap_row_notify_selected_cb (AtlasPreferencesWindow *self,
                                   GParamSpec             *pspec,
                                   AdwComboRow            *row)
{
  guint selected;

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  selected = adw_combo_row_get_selected (row);
  if (selected < G_N_ELEMENTS (basemaps))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(basemaps[selected].attribution));
}

/* The basemap names are longer than the 20 characters the default factory
 * of AdwComboRow shows: the same row layout, without that limit. */
static void
on_basemap_item_selected_cb (AdwComboRow *row,
                             GParamSpec  *pspec,
                             GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row) ==
                                 gtk_list_item_get_item (item) ? 1.0 : 0.0);
}

static void
on_basemap_factory_setup_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             AtlasPreferencesWindow   *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
on_basemap_factory_bind_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            AtlasPreferencesWindow   *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_last_child (box);
  GtkStringObject *name = gtk_list_item_get_item (item);

  g_assert (ATLAS_IS_PREFERENCES_WINDOW (self));

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (name));

  /* The check mark belongs to the list in the popover, not the row. */
  if (gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL)
    {
      gtk_widget_set_visible (check, TRUE);
      g_signal_connect (self->basemap_row, "notify::selected-item",
                        G_CALLBACK (on_basemap_item_selected_cb), item);
      on_basemap_item_selected_cb (self->basemap_row, NULL, item);
    }
  else
    {
      gtk_widget_set_visible (check, FALSE);
    }
}

static void
on_basemap_factory_unbind_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              AtlasPreferencesWindow   *self)
{
  /* NULL when the window is going away, with its rows. */
  if (self->basemap_row != NULL)
    g_signal_handlers_disconnect_by_func (self->basemap_row, on_basemap_item_selected_cb, item);
}

static gboolean
basemap_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (basemaps); i++)
    {
      if (g_strcmp0 (nick, basemaps[i].nick) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
basemap_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (basemaps))
    return NULL;

  return g_variant_new_string (basemaps[selected].nick);
}

static void
atlas_preferences_window_constructed (GObject *object)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  self->sync = atlas_sync_new (atlas_context_get_database_path (self->context));

  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect_object (factory, "setup",
                             G_CALLBACK (on_basemap_factory_setup_cb), self, 0);
    g_signal_connect_object (factory, "bind",
                             G_CALLBACK (on_basemap_factory_bind_cb), self, 0);
    g_signal_connect_object (factory, "unbind",
                             G_CALLBACK (on_basemap_factory_unbind_cb), self, 0);
    adw_combo_row_set_factory (self->basemap_row, factory);
  }

  settings = atlas_context_get_settings (self->context);
  if (settings == NULL)
    {
      /* Nothing to show or change: a context without settings has no feeds. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->basemap_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_on_start_switch), FALSE);
      update_sync_button (self);
      return;
    }

  self->settings = g_object_ref (settings);

  g_signal_connect_object (self->settings, "changed::sources",
                           G_CALLBACK (rebuild_feed_rows), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "sync-on-start",
                   self->sync_on_start_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "basemap",
                                self->basemap_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                basemap_get_mapping, basemap_set_mapping,
                                NULL, NULL);
  on_basemap_row_notify_selected_cb (self, NULL, self->basemap_row);

  g_signal_connect_object (self->context, "notify::state",
                           G_CALLBACK (update_sync_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::syncing",
                           G_CALLBACK (update_sync_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-finished",
                           G_CALLBACK (rebuild_feed_rows), self, G_CONNECT_SWAPPED);

  rebuild_feed_rows (self);
  update_sync_button (self);
}

static void
atlas_preferences_window_dispose (GObject *object)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->dispose (object);
}

static void
atlas_preferences_window_finalize (GObject *object)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->feed_rows, g_ptr_array_unref);
  g_clear_pointer (&self->probing_url, g_free);
  g_clear_object (&self->sync);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->finalize (object);
}

static void
atlas_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

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
atlas_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

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
atlas_preferences_window_class_init (AtlasPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_preferences_window_constructed;
  object_class->dispose = atlas_preferences_window_dispose;
  object_class->finalize = atlas_preferences_window_finalize;
  object_class->get_property = atlas_preferences_window_get_property;
  object_class->set_property = atlas_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, add_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, add_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, basemap_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, sources_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, sync_on_start_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_basemap_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_button_clicked_cb);
}

static void
atlas_preferences_window_init (AtlasPreferencesWindow *self)
{
  self->feed_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

AtlasPreferencesWindow *
atlas_preferences_window_new (GtkWindow    *transient_for,
                              AtlasContext *context)
{
  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_preferences_window_get_context (AtlasPreferencesWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_PREFERENCES_WINDOW (self), NULL);

  return self->context;
}
