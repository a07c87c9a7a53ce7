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

#include <glib/gi18n.h>

#include "atlas-application.h"
#include "atlas-cli.h"

struct _AtlasApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

static int
atlas_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  /* The command line runs here, before GTK is initialised, so that it
   * works without a display. */
  if (atlas_cli_is_requested (options))
    return atlas_cli_run (options);

  return G_APPLICATION_CLASS (atlas_application_parent_class)->handle_local_options (app, options);
}

static void
atlas_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Cooperation Atlas"));
    }

  gtk_window_present (window);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = atlas_application_activate;
  app_class->handle_local_options = atlas_application_handle_local_options;
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

  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       NULL);
}
