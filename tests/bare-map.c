/* bare-map.c
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

/* The floor of the start-up benchmark: a bare libadwaita window with an
 * empty map (the same offline basemap, no initiatives), measured by the
 * same probe as the app (ATLAS_PROBE_START). */

#include "config.h"

#include <adwaita.h>
#include <shumate/shumate.h>

#include "atlas-basemap-source.h"
#include "atlas-image-paintable.h"
#include "atlas-startup-probe.h"

static AtlasStartupProbe *probe;

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  ShumateSimpleMap *map = shumate_simple_map_new ();
  g_autoptr(ShumateMapSource) source = SHUMATE_MAP_SOURCE (atlas_basemap_source_new (FALSE));

  shumate_simple_map_set_map_source (map, source);
  shumate_map_center_on (shumate_simple_map_get_map (map), 15.0, 10.0);
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (map), 2.0);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 780);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (map));
  probe = atlas_startup_probe_new_if_requested (GTK_WINDOW (window), NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* As the app's map does (atlas-map-view.c). */
  atlas_basemap_source_set_surfaces (ATLAS_BASEMAP_SOURCE (source),
                                     atlas_image_paintable_prefers_surface (GTK_WIDGET (map)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.cooperationatlas.BareMap",
                                                       G_APPLICATION_NON_UNIQUE);
  int status;

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_clear_object (&probe);

  return status;
}
