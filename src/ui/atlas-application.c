/* atlas-application.c
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

#define G_LOG_DOMAIN "atlas-application"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>
#include <sqlite3.h>
#include <string.h>

#include "atlas-application.h"
#include "atlas-startup-probe.h"
#include "atlas-cli.h"
#include "atlas-preferences-window.h"
#include "atlas-window.h"

#define PROJECT_URL "https://github.com/cooperationatlas/cooperation-atlas"

struct _AtlasApplication
{
  AdwApplication     parent_instance;

  char              *cache_path;
  AtlasContext      *context;
  AtlasStartupProbe *probe;
  GCancellable      *cancellable;

  /* Waiting for the window's first frame to open the cache. */
  GdkFrameClock     *first_frame_clock;
  gulong             first_frame_id;

  /* The initiative of the last link opened, until the cache is loaded. */
  char              *link_source;
  char              *link_id;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

static void
on_context_load_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AtlasApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  g_assert (ATLAS_IS_APPLICATION (self));

  /* A failure is shown by the window, which watches the context's state. */
  if (!atlas_context_load_finish (ATLAS_CONTEXT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the cache: %s", error->message);
      return;
    }

  settings = atlas_context_get_settings (self->context);
  if (settings != NULL &&
      g_settings_get_boolean (settings, "sync-on-start") &&
      !atlas_context_get_syncing (self->context))
    atlas_context_sync_async (self->context, NULL, self->cancellable, NULL, NULL);
}

static void
show_toast (AtlasApplication *self,
            const char       *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ATLAS_IS_WINDOW (window))
    atlas_window_add_toast (ATLAS_WINDOW (window), adw_toast_new (message));
}

/* Selects the initiative of the link opened last, once the cache is
 * loaded. */
static void
select_linked_initiative (AtlasApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *id = NULL;
  GtkWindow *window;
  gint64 rowid;

  g_assert (ATLAS_IS_APPLICATION (self));

  if (self->link_id == NULL ||
      atlas_context_get_state (self->context) != ATLAS_CONTEXT_STATE_READY)
    return;

  source = g_steal_pointer (&self->link_source);
  id = g_steal_pointer (&self->link_id);

  rowid = atlas_store_find_initiative (atlas_context_get_store (self->context), source, id,
                                       &error);
  if (rowid == 0)
    {
      g_debug ("The linked initiative %s of %s: %s", id, source, error->message);
      show_toast (self, _("The initiative of this link is not among the saved initiatives."));
      return;
    }

  atlas_context_set_selected (self->context, rowid);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (ATLAS_IS_WINDOW (window))
    atlas_window_reveal_detail (ATLAS_WINDOW (window), TRUE);
}

static void
on_context_notify_state_cb (AtlasApplication *self)
{
  select_linked_initiative (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  AtlasApplication *self = user_data;
  AtlasPreferencesWindow *preferences;
  GtkWindow *parent = NULL;

  g_assert (ATLAS_IS_APPLICATION (self));

  /* One Preferences window: bring it back rather than open a second. */
  for (GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
       windows != NULL;
       windows = windows->next)
    {
      if (ATLAS_IS_PREFERENCES_WINDOW (windows->data))
        {
          gtk_window_present (windows->data);
          return;
        }

      if (parent == NULL && ATLAS_IS_WINDOW (windows->data))
        parent = windows->data;
    }

  preferences = atlas_preferences_window_new (parent, self->context);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static char *
get_debug_info (void)
{
  return g_strdup_printf ("Cooperation Atlas %s (%s)\n"
                          "GLib %u.%u.%u\n"
                          "GTK %u.%u.%u\n"
                          "libadwaita %u.%u.%u\n"
                          "libshumate %d.%d.%d\n"
                          "SQLite %s\n",
                          PACKAGE_VERSION, APP_ID,
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          SHUMATE_MAJOR_VERSION, SHUMATE_MINOR_VERSION, SHUMATE_MICRO_VERSION,
                          sqlite3_libversion ());
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { N_("The Cooperation Atlas authors"), NULL };
  static const char *built_with[] = {
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libshumate https://gitlab.gnome.org/GNOME/libshumate",
    "SQLite https://sqlite.org",
    "json-glib https://gitlab.gnome.org/GNOME/json-glib",
    "libsoup https://libsoup.org",
    NULL
  };
  AtlasApplication *self = user_data;
  g_autofree char *debug_info = get_debug_info ();
  const char *translated_developers[G_N_ELEMENTS (developers)];
  AdwAboutWindow *about;

  g_assert (ATLAS_IS_APPLICATION (self));

  for (guint i = 0; i < G_N_ELEMENTS (developers); i++)
    translated_developers[i] = developers[i] != NULL ? _(developers[i]) : NULL;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  adw_about_window_set_application_name (about, _("Cooperation Atlas"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Cooperation Atlas authors"));
  adw_about_window_set_developers (about, translated_developers);
  adw_about_window_set_comments (about,
                                 _("A map of the world’s digital-cooperation initiatives, "
                                   "from the UN Digital Cooperation Portal and the Digital "
                                   "Public Goods registry."));
  adw_about_window_set_website (about, PROJECT_URL);
  adw_about_window_set_issue_url (about, PROJECT_URL "/issues");
  adw_about_window_set_copyright (about, _("© 2026 The Cooperation Atlas authors"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: replace this with your names, one per line, as in
   * "Jane Doe <jane@example.org>". */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_debug_info (about, debug_info);
  adw_about_window_set_debug_info_filename (about, "cooperation-atlas-debug-info.txt");
  adw_about_window_set_release_notes_version (about, "0.1.0");
  adw_about_window_set_release_notes (about,
                                      /* Translators: release notes in the small
                                       * format AppStream uses: keep the <p>, <ul>
                                       * and <li> tags, translate the text. */
                                      _("<p>The first release.</p>"
                                        "<ul>"
                                        "<li>A map of digital-cooperation initiatives that works offline</li>"
                                        "<li>Search and filters by GDC objective, WSIS Action Line, "
                                        "Sustainable Development Goal, region, country and organization</li>"
                                        "<li>Feeds from the Digital Cooperation Portal and the Digital "
                                        "Public Goods registry, kept up to date in the background</li>"
                                        "<li>Export of the initiatives shown to CSV or JSON</li>"
                                        "</ul>"));
  adw_about_window_add_acknowledgement_section (about, _("Built with"), built_with);

  /* Data the app ships or shows, with the terms they come under. */
  adw_about_window_add_legal_section (about,
                                      _("Natural Earth"),
                                      _("Made with Natural Earth"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Natural Earth data is in the <a href=\"https://www.naturalearthdata.com/about/terms-of-use/\">public domain</a>."));
  adw_about_window_add_legal_section (about,
                                      _("Digital Public Goods registry"),
                                      _("Registry data from the Digital Public Goods Alliance"),
                                      GTK_LICENSE_CUSTOM,
                                      _("The registry data is released under <a href=\"https://unlicense.org\">the Unlicense</a>."));
  adw_about_window_add_legal_section (about,
                                      _("OpenStreetMap"),
                                      _("© OpenStreetMap contributors"),
                                      GTK_LICENSE_CUSTOM,
                                      _("When the OpenStreetMap basemap is chosen, its map data is available under the <a href=\"https://opendatacommons.org/licenses/odbl/\">Open Database License</a>."));
  adw_about_window_add_legal_section (about,
                                      _("Country names"),
                                      _("ISO 3166 country names and their translations from Debian’s iso-codes"),
                                      GTK_LICENSE_LGPL_2_1,
                                      NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWindow *window;

  g_assert (ATLAS_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GList *windows;

  g_assert (ATLAS_IS_APPLICATION (self));

  /* Closing, rather than quitting outright, lets windows save their state. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "quit", quit_action },
};

static int
atlas_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  const char *cache = NULL;

  /* The command line runs here, before GTK is initialised, so that it
   * works without a display. */
  if (atlas_cli_is_requested (options))
    return atlas_cli_run (options);

  if (g_variant_dict_lookup (options, "cache", "^&ay", &cache) && cache != NULL && *cache != '\0')
    {
      g_free (self->cache_path);
      self->cache_path = g_strdup (cache);
    }

  return G_APPLICATION_CLASS (atlas_application_parent_class)->handle_local_options (app, options);
}

/**
 * atlas_application_gl_is_software:
 * @gl_renderer: (nullable): what GL names as its renderer (GL_RENDERER)
 *
 * Whether @gl_renderer is a rasterizer that runs on the processor, as
 * Mesa's are where no graphics driver works (a virtual machine, a remote
 * or virtual desktop).
 */
gboolean
atlas_application_gl_is_software (const char *gl_renderer)
{
  static const char * const software[] = {
    "llvmpipe", "softpipe", "swrast", "Software Rasterizer",
    /* Windows' own, under WSL */
    "Basic Render Driver",
  };

  if (gl_renderer == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* What GL names as its renderer on @display; NULL when GL does not work
 * there (GTK then draws with cairo anyway). */
static char *
dup_gl_renderer (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  char *renderer;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No GL: %s", error != NULL ? error->message : "");
      return NULL;
    }

  gdk_gl_context_make_current (context);
  renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  return renderer;
}

/* GTK 4.8 draws with GL wherever GL works, also where GL is a rasterizer
 * on the processor: a filter change at 100,000 initiatives then takes
 * some 85 ms to paint with llvmpipe, against 13 ms with GTK's cairo
 * renderer (atlas-benchmark-ui with GSK_RENDERER=gl, then cairo).  Later
 * GTK releases leave such a GL for cairo themselves; until then the app
 * does, before its first window, unless the user chose (GSK_RENDERER). */
static void
choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *gl_renderer = NULL;

  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return;

  gl_renderer = dup_gl_renderer (display);
  if (!atlas_application_gl_is_software (gl_renderer))
    return;

  g_debug ("GL draws on the processor here (%s): drawing with cairo", gl_renderer);
  /* GTK reads it when it makes the first window's renderer.  Set before
   * the app starts threads of its own (its context comes next). */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
}

static void
atlas_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  AtlasApplication *self = ATLAS_APPLICATION (app);
  g_autoptr(GSettings) settings = NULL;

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (app);

  choose_renderer ();
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  if (self->cache_path == NULL)
    self->cache_path = atlas_store_get_default_path ();

  settings = g_settings_new (APP_ID);
  self->context = atlas_context_new (settings, self->cache_path);
  g_signal_connect_object (self->context, "notify::state",
                           G_CALLBACK (on_context_notify_state_cb), self, G_CONNECT_SWAPPED);
}

static void
start_loading (AtlasApplication *self)
{
  g_assert (ATLAS_IS_APPLICATION (self));

  if (atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_LOADING &&
      self->cancellable == NULL)
    {
      self->cancellable = g_cancellable_new ();
      atlas_context_load_async (self->context, self->cancellable,
                                on_context_load_cb, g_object_ref (self));
    }
}

static void
stop_waiting_for_first_frame (AtlasApplication *self)
{
  if (self->first_frame_clock != NULL)
    g_clear_signal_handler (&self->first_frame_id, self->first_frame_clock);
  g_clear_object (&self->first_frame_clock);
}

static void
on_first_frame_cb (AtlasApplication *self,
                   GdkFrameClock    *clock)
{
  g_assert (ATLAS_IS_APPLICATION (self));

  stop_waiting_for_first_frame (self);
  start_loading (self);
}

static void
atlas_application_activate (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  GdkFrameClock *clock;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* The first frame shows at once; the cache opens in a worker thread
   * behind it, once that frame is painted: on two processors, a worker
   * reading 100,000 initiatives beside the first layout and paint made the
   * window show about a third later. */
  window = GTK_WINDOW (atlas_window_new (GTK_APPLICATION (app), self->context));
  self->probe = atlas_startup_probe_new_if_requested (window, self->context);
  gtk_window_present (window);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock != NULL && self->first_frame_id == 0)
    {
      self->first_frame_clock = g_object_ref (clock);
      self->first_frame_id = g_signal_connect_swapped (clock, "after-paint",
                                                       G_CALLBACK (on_first_frame_cb), self);
    }
  else
    {
      start_loading (self);
    }
}

/* Opens the app's own links (atlas_link_uri_new()): the desktop hands
 * them over as files. */
static void
atlas_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  gboolean unknown = FALSE;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *source = NULL;
      g_autofree char *id = NULL;

      if (!atlas_link_uri_parse (uri, &source, &id))
        {
          unknown = TRUE;
          continue;
        }

      /* One initiative is shown at a time: the last link wins. */
      g_free (self->link_source);
      g_free (self->link_id);
      self->link_source = g_steal_pointer (&source);
      self->link_id = g_steal_pointer (&id);
    }

  g_application_activate (app);

  if (unknown)
    show_toast (self, _("Cooperation Atlas opens only links to initiatives."));

  select_linked_initiative (self);
}

static void
atlas_application_shutdown (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);

  stop_waiting_for_first_frame (self);
  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (atlas_application_parent_class)->shutdown (app);
}

static void
atlas_application_finalize (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe);
  g_clear_object (&self->context);
  g_clear_pointer (&self->cache_path, g_free);
  g_clear_pointer (&self->link_source, g_free);
  g_clear_pointer (&self->link_id, g_free);

  G_OBJECT_CLASS (atlas_application_parent_class)->finalize (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = atlas_application_finalize;

  app_class->activate = atlas_application_activate;
  app_class->handle_local_options = atlas_application_handle_local_options;
  app_class->open = atlas_application_open;
  app_class->shutdown = atlas_application_shutdown;
  app_class->startup = atlas_application_startup;
}

static void
atlas_application_init (AtlasApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), atlas_cli_get_option_entries ());
}

AtlasApplication *
atlas_application_new (const char        *application_id,
                       GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  /* The same resource path for the development profile's app id, so that
   * gtk/help-overlay.ui and the icons are found. */
  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

AtlasContext *
atlas_application_get_context (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  return self->context;
}
