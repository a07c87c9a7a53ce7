/* main.c
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

#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-cli.h"
#include "atlas-core.h"

#ifdef ATLAS_WITH_UI
# include "atlas-application.h"
#endif

static const char *
get_locale_dir (void)
{
  /* Uninstalled runs and tests point at the build tree's catalogues. */
  const char *dir = g_getenv ("ATLAS_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

#ifndef ATLAS_WITH_UI
static int
on_handle_local_options (GApplication *app,
                         GVariantDict *options,
                         gpointer      user_data)
{
  if (!atlas_cli_is_requested (options))
    {
      g_printerr ("%s\n", _("This build has no window: use --sync, --import or --export."));
      return 2;
    }

  return atlas_cli_run (options);
}
#endif

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  atlas_core_init ();

#ifdef ATLAS_WITH_UI
  {
    /* HANDLES_OPEN: the app opens its own links to initiatives. */
    g_autoptr(AtlasApplication) app = atlas_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  {
    g_autoptr(GApplication) app = g_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);

    g_application_add_main_option_entries (app, atlas_cli_get_option_entries ());
    g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options), NULL);

    return g_application_run (app, argc, argv);
  }
#endif
}
