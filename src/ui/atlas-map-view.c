/* atlas-map-view.c
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

#define G_LOG_DOMAIN "atlas-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "atlas-basemap-source.h"
#include "atlas-image-paintable.h"
#include "atlas-map-legend.h"
#include "atlas-map-view.h"
#include "atlas-online-source.h"

#define SAVE_POSITION_DELAY_MS 500
#define ZOOM_ANIMATION_MS      150
#define CLUSTER_ZOOM_STEP      2.0
#define PAN_FRACTION           0.25   /* of the map's smaller side, per key press */
#define VISIBLE_MARGIN_PX      24.0   /* a selection this close to the edge is brought in */
#define HOME_LATITUDE          15.0   /* the schema's defaults, for a view without settings */
#define HOME_LONGITUDE         10.0

#define OSM_COPYRIGHT_URI      "https://www.openstreetmap.org/copyright"

/* The values of the "basemap" key (the schema's enum). */
enum
{
  BASEMAP_OFFLINE = 0,
  BASEMAP_OPENSTREETMAP = 1,
};

struct _AtlasMapView
{
  GtkWidget             parent_instance;

  AtlasContext         *context;
  GSettings            *settings;

  /* Template widgets */
  GtkOverlay           *overlay;
  ShumateSimpleMap     *simple_map;
  GtkRevealer          *banner_revealer;
  GtkMenuButton        *global_button;
  GtkLabel             *global_pill_label;
  GtkLabel             *global_label;
  GtkMenuButton        *countries_button;
  GtkPopover           *countries_popover;
  GtkStack             *countries_stack;
  GtkListView          *countries_list;
  AtlasMapLegend       *legend;

  AtlasInitiativeLayer *layer;
  ShumateMarkerLayer   *marker_layer;
  ShumateMarker        *marker;
  GtkStringList        *countries;
  ShumateMapSource     *source;
  GtkCssProvider       *ocean_css;

  int                   last_height;
  guint                 save_position_id;
  gboolean              constraining;
  gboolean              countries_stale;

  /* Narrower than NARROW_WIDTH, the scale gives way to the attribution
   * and the legend folds. */
  guint                 narrow_id;
  gboolean              narrow;

  /* The country that the last single click put in or took out of the
   * filter: the second click of a double click gives it back as it was. */
  char                 *clicked_country;
};

G_DEFINE_FINAL_TYPE (AtlasMapView, atlas_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static ShumateMap *
get_map (AtlasMapView *self)
{
  return shumate_simple_map_get_map (self->simple_map);
}

static ShumateViewport *
get_viewport (AtlasMapView *self)
{
  return shumate_simple_map_get_viewport (self->simple_map);
}

static double
get_world_size (AtlasMapView *self,
                double        zoom)
{
  return shumate_map_source_get_tile_size (self->source) * exp2 (zoom);
}

static void
format_count (char  *buffer,
              gsize  size,
              guint  count)
{
  /* Digit grouping as the locale has it ("12,345"; none in C). */
  g_snprintf (buffer, size, "%'u", count);
}

static AtlasVocab *
get_vocab (void)
{
  return atlas_vocab_get_default ();
}

/* Keeps the world from repeating vertically: no zoom level at which the
 * world is shorter than the map, and the centre no closer to the poles than
 * half the map's height. */
static void
update_min_zoom (AtlasMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint tile_size = shumate_map_source_get_tile_size (self->source);
  guint source_min = shumate_map_source_get_min_zoom_level (self->source);
  guint source_max = shumate_map_source_get_max_zoom_level (self->source);
  double needed;
  guint min_zoom;

  if (height <= 0 || tile_size == 0)
    return;

  needed = ceil (log2 ((double) height / tile_size));
  min_zoom = (guint) CLAMP (needed, (double) source_min, (double) source_max);
  shumate_viewport_set_min_zoom_level (viewport, min_zoom);
}

static void
constrain_viewport (AtlasMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);
  double zoom, world_size, height, latitude, y, target;

  if (self->constraining || self->source == NULL)
    return;

  height = gtk_widget_get_height (GTK_WIDGET (get_map (self)));
  if (height <= 0)
    return;

  zoom = shumate_viewport_get_zoom_level (viewport);
  world_size = get_world_size (self, zoom);
  latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  y = shumate_map_source_get_y (self->source, zoom, latitude);

  if (world_size <= height)
    target = world_size / 2.0;
  else
    target = CLAMP (y, height / 2.0, world_size - height / 2.0);

  if (fabs (target - y) < 0.5)
    return;

  self->constraining = TRUE;
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 shumate_map_source_get_latitude (self->source, zoom, target),
                                 shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  self->constraining = FALSE;
}

/* The position in the settings */

static void
save_position (AtlasMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);
  double latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  g_assert (self->settings != NULL);

  /* Within the schema's ranges, which setting a value outside would abort. */
  g_settings_delay (self->settings);
  g_settings_set_double (self->settings, "map-latitude", CLAMP (latitude, -85.0, 85.0));
  g_settings_set_double (self->settings, "map-longitude", CLAMP (longitude, -180.0, 180.0));
  g_settings_set_double (self->settings, "map-zoom", CLAMP (zoom, 1.0, 18.0));
  g_settings_apply (self->settings);
}

static gboolean
save_position_cb (gpointer user_data)
{
  AtlasMapView *self = user_data;

  self->save_position_id = 0;
  save_position (self);

  return G_SOURCE_REMOVE;
}

static void
queue_save_position (AtlasMapView *self)
{
  if (self->settings == NULL)
    return;

  g_clear_handle_id (&self->save_position_id, g_source_remove);
  self->save_position_id = g_timeout_add (SAVE_POSITION_DELAY_MS, save_position_cb, self);
}

static void
restore_position (AtlasMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);

  if (self->settings == NULL)
    {
      shumate_viewport_set_zoom_level (viewport, 2.0);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), HOME_LATITUDE, HOME_LONGITUDE);
      return;
    }

  shumate_viewport_set_zoom_level (viewport, g_settings_get_double (self->settings, "map-zoom"));
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 g_settings_get_double (self->settings, "map-latitude"),
                                 g_settings_get_double (self->settings, "map-longitude"));
}

/* The basemap */

static void
update_banner (AtlasMapView *self)
{
  gboolean failed = FALSE;

  if (ATLAS_IS_ONLINE_SOURCE (self->source))
    {
      AtlasOnlineSource *online = ATLAS_ONLINE_SOURCE (self->source);

      /* Some tiles may fail on a flaky network; say so when none loads. */
      failed = atlas_online_source_get_n_failed (online) > 0 &&
               atlas_online_source_get_n_loaded (online) == 0;
    }

  /* Hidden, not only folded, while it has nothing to say: a revealer
   * measures its folded child, here a wrapped label, in every layout. */
  if (failed)
    gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->banner_revealer, failed);
}

static void
on_banner_revealer_notify_child_revealed_cb (AtlasMapView *self)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  if (!gtk_revealer_get_child_revealed (self->banner_revealer) &&
      !gtk_revealer_get_reveal_child (self->banner_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), FALSE);
}

static void
on_online_source_notify_cb (AtlasMapView *self,
                            GParamSpec   *pspec,
                            GObject      *source)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  update_banner (self);
}

static void
set_ocean_color (AtlasMapView  *self,
                 const GdkRGBA *color)
{
  g_autofree char *css = NULL;
  g_autofree char *color_text = gdk_rgba_to_string (color);

  /* The tiles leave faint seams between them: the ocean colour behind
   * them hides those over water. */
  css = g_strdup_printf ("map-view { background-color: %s; }", color_text);
  gtk_css_provider_load_from_data (self->ocean_css, css, -1);
}

static gboolean
get_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* The built-in basemap's tiles in the form the window's renderer draws
 * fastest (see atlas-image-paintable.h); known once realized. */
static void
update_tile_images (AtlasMapView *self)
{
  if (ATLAS_IS_BASEMAP_SOURCE (self->source))
    atlas_basemap_source_set_surfaces (ATLAS_BASEMAP_SOURCE (self->source),
                                       atlas_image_paintable_prefers_surface (GTK_WIDGET (self)));
}

/* The simple map's layer of the map source, which it puts under the
 * others. */
static GtkWidget *
find_basemap_layer (AtlasMapView *self)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->simple_map));

  for (GtkWidget *child = gtk_widget_get_first_child (map);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_MAP_LAYER (child))
      return child;

  return NULL;
}

static void
update_basemap (AtlasMapView *self)
{
  g_autoptr(AtlasBasemapSource) offline = NULL;
  g_autoptr(ShumateMapSource) source = NULL;
  gboolean dark = get_dark ();
  gboolean online = FALSE;
  GdkRGBA ocean;

  if (self->settings != NULL)
    online = g_settings_get_enum (self->settings, "basemap") == BASEMAP_OPENSTREETMAP;

  offline = atlas_basemap_source_new (dark);

  if (online)
    {
      if (ATLAS_IS_ONLINE_SOURCE (self->source))
        {
          source = g_object_ref (self->source);
        }
      else
        {
          g_autoptr(ShumateMapSourceRegistry) registry = NULL;
          ShumateMapSource *osm;
          const char *attribution;

          registry = shumate_map_source_registry_new_with_defaults ();
          osm = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
          /* Translators: the attribution OpenStreetMap requires under its map */
          attribution = _("Map data © OpenStreetMap contributors");
          source = SHUMATE_MAP_SOURCE (atlas_online_source_new (osm, attribution,
                                                                OSM_COPYRIGHT_URI));
          g_signal_connect_object (source, "notify::n-failed",
                                   G_CALLBACK (on_online_source_notify_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (source, "notify::n-loaded",
                                   G_CALLBACK (on_online_source_notify_cb), self,
                                   G_CONNECT_SWAPPED);
        }
    }
  else if (ATLAS_IS_BASEMAP_SOURCE (self->source) &&
           atlas_basemap_source_get_dark (ATLAS_BASEMAP_SOURCE (self->source)) == dark)
    {
      source = g_object_ref (self->source);
    }
  else
    {
      source = SHUMATE_MAP_SOURCE (g_object_ref (offline));
    }

  if (source != self->source)
    {
      if (self->source != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->source, self);
          g_signal_handlers_disconnect_by_data (self->source, self->layer);
        }

      g_set_object (&self->source, source);
      update_tile_images (self);
      shumate_simple_map_set_map_source (self->simple_map, source);
      atlas_initiative_layer_set_basemap_layer (self->layer, find_basemap_layer (self));
      /* The layer draws its tiles again over the basemap's pixels as they
       * come (see atlas_initiative_layer_set_basemap_layer ()). */
      if (ATLAS_IS_BASEMAP_SOURCE (source))
        g_signal_connect_object (source, "tile-kept",
                                 G_CALLBACK (gtk_widget_queue_draw), self->layer,
                                 G_CONNECT_SWAPPED);
      update_min_zoom (self);
      constrain_viewport (self);
    }

  atlas_basemap_source_get_ocean_color (offline, &ocean);
  set_ocean_color (self, &ocean);

  atlas_initiative_layer_set_dark (self->layer, dark);
  atlas_map_legend_update (self->legend, self->layer);
  update_banner (self);
}

static void
on_style_manager_notify_dark_cb (AtlasMapView    *self,
                                 GParamSpec      *pspec,
                                 AdwStyleManager *style_manager)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  update_basemap (self);
}

static void
on_settings_changed_basemap_cb (AtlasMapView *self,
                                const char   *key,
                                GSettings    *settings)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  update_basemap (self);
}

/* Moving the map */

static void
go_to (AtlasMapView *self,
       double        latitude,
       double        longitude,
       double        zoom)
{
  ShumateViewport *viewport = get_viewport (self);

  zoom = CLAMP (zoom,
                (double) shumate_viewport_get_min_zoom_level (viewport),
                (double) shumate_viewport_get_max_zoom_level (viewport));
  latitude = CLAMP (latitude, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  longitude = CLAMP (longitude, SHUMATE_MIN_LONGITUDE, SHUMATE_MAX_LONGITUDE);

  shumate_map_go_to_full_with_duration (get_map (self), latitude, longitude, zoom,
                                        ZOOM_ANIMATION_MS);
}

static void
zoom_by (AtlasMapView *self,
         double        steps)
{
  ShumateViewport *viewport = get_viewport (self);

  go_to (self,
         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
         round (shumate_viewport_get_zoom_level (viewport)) + steps);
}

static gboolean
is_visible (AtlasMapView *self,
            double        latitude,
            double        longitude)
{
  GtkWidget *map = GTK_WIDGET (get_map (self));
  double x, y;

  shumate_viewport_location_to_widget_coords (get_viewport (self), map, latitude, longitude,
                                              &x, &y);

  return x >= VISIBLE_MARGIN_PX && x <= gtk_widget_get_width (map) - VISIBLE_MARGIN_PX &&
         y >= VISIBLE_MARGIN_PX && y <= gtk_widget_get_height (map) - VISIBLE_MARGIN_PX;
}

static void
show_location (AtlasMapView *self,
               double        latitude,
               double        longitude)
{
  if (is_visible (self, latitude, longitude))
    return;

  shumate_map_stop_go_to (get_map (self));
  shumate_map_center_on (get_map (self), latitude, longitude);
}

/* The selected initiative */

static gboolean
locate_initiative (AtlasMapView    *self,
                   AtlasInitiative *initiative,
                   double          *latitude,
                   double          *longitude)
{
  AtlasIndex *index = atlas_context_get_index (self->context);

  if (index != NULL && atlas_index_get_location (index, initiative->rowid, latitude, longitude))
    return TRUE;

  if (initiative->has_location)
    {
      *latitude = initiative->latitude;
      *longitude = initiative->longitude;
      return TRUE;
    }

  for (guint i = 0; i < initiative->countries->len; i++)
    {
      const char *alpha2 = g_ptr_array_index (initiative->countries, i);
      int country = atlas_vocab_find_country (get_vocab (), alpha2);

      if (country >= 0)
        {
          const AtlasCountry *place = atlas_vocab_get_country (get_vocab (), country);

          *latitude = place->latitude;
          *longitude = place->longitude;
          return TRUE;
        }
    }

  return FALSE;
}

static void
remove_marker (AtlasMapView *self)
{
  if (self->marker == NULL)
    return;

  shumate_marker_layer_remove_marker (self->marker_layer, self->marker);
  self->marker = NULL;
}

static void
update_selection (AtlasMapView *self)
{
  g_autoptr(AtlasInitiative) initiative = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rowid = atlas_context_get_selected (self->context);
  double latitude, longitude;

  if (rowid == 0 || atlas_context_get_store (self->context) == NULL)
    {
      remove_marker (self);
      return;
    }

  initiative = atlas_context_load_initiative (self->context, rowid, &error);
  if (initiative == NULL)
    {
      if (error != NULL)
        g_warning ("The selected initiative could not be read: %s", error->message);
      remove_marker (self);
      return;
    }

  if (!locate_initiative (self, initiative, &latitude, &longitude))
    {
      remove_marker (self);
      return;
    }

  if (self->marker == NULL)
    {
      GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_add_css_class (dot, "atlas-map-selection");
      self->marker = g_object_new (SHUMATE_TYPE_MARKER,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                   "focusable", TRUE,
                                   NULL);
      shumate_marker_set_child (self->marker, dot);
      shumate_marker_layer_add_marker (self->marker_layer, self->marker);
    }

  shumate_location_set_location (SHUMATE_LOCATION (self->marker), latitude, longitude);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->marker), initiative->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->marker),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, initiative->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Selected initiative"),
                                  -1);

  show_location (self, latitude, longitude);
}

static void
on_context_notify_selected_cb (AtlasMapView *self,
                               GParamSpec   *pspec,
                               AtlasContext *context)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  update_selection (self);
}

/* The result */

static void
update_global (AtlasMapView *self)
{
  AtlasResult *result = atlas_context_get_settled_result (self->context);
  g_autofree char *label = NULL;
  g_autofree char *explanation = NULL;
  char count[32];
  guint n_global;

  gtk_widget_set_visible (GTK_WIDGET (self->global_button), result != NULL);
  if (result == NULL)
    return;

  n_global = atlas_initiative_layer_get_n_global (self->layer);
  format_count (count, sizeof count, n_global);

  /* Translators: a button over the map; %s is how many matching initiatives name no country */
  label = g_strdup_printf (C_("map", "Global · %s"), count);
  if (g_strcmp0 (gtk_label_get_text (self->global_pill_label), label) != 0)
    gtk_label_set_text (self->global_pill_label, label);

  explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s matching initiative names no country: it is "
                                              "global, so it is in the list but not on the map.",
                                              "%s matching initiatives name no country: they are "
                                              "global, so they are in the list but not on the map.",
                                              n_global),
                                 count);
  gtk_label_set_text (self->global_label, explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->global_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, explanation,
                                  -1);
}

static void
update_countries (AtlasMapView *self)
{
  AtlasQuery *query = atlas_context_get_query (self->context);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  const char * const *filtered;
  const guint *countries;
  guint n_countries = 0, n_filtered = 0;

  self->countries_stale = FALSE;

  countries = atlas_initiative_layer_get_countries (self->layer, &n_countries);
  for (guint i = 0; i < n_countries; i++)
    {
      const AtlasCountry *country = atlas_vocab_get_country (get_vocab (), countries[i]);

      g_ptr_array_add (codes, (gpointer) country->alpha2);
    }

  /* A country of the filter stays in the list, to be removed from it. */
  filtered = atlas_query_get_values (query, ATLAS_FACET_COUNTRY, &n_filtered);
  for (guint i = 0; i < n_filtered; i++)
    {
      int country = atlas_vocab_find_country (get_vocab (), filtered[i]);

      if (country >= 0 && atlas_initiative_layer_get_country_count (self->layer, country) == 0)
        g_ptr_array_add (codes, (gpointer) atlas_vocab_get_country (get_vocab (), country)->alpha2);
    }
  g_ptr_array_add (codes, NULL);

  gtk_string_list_splice (self->countries, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->countries)),
                          (const char * const *) codes->pdata);
  gtk_stack_set_visible_child_name (self->countries_stack, codes->len > 1 ? "list" : "empty");
}

static void
update_result (AtlasMapView *self)
{
  AtlasQuery *query = atlas_context_get_query (self->context);
  g_autoptr(GPtrArray) filtered = g_ptr_array_new ();
  const char * const *values;
  guint n_values = 0;

  /* While a person types, the map waits for each word's complete result
   * (see atlas_context_get_settled_result()). */
  atlas_initiative_layer_set_result (self->layer,
                                     atlas_context_get_settled_result (self->context));

  values = atlas_query_get_values (query, ATLAS_FACET_COUNTRY, &n_values);
  for (guint i = 0; i < n_values; i++)
    g_ptr_array_add (filtered, (gpointer) values[i]);
  g_ptr_array_add (filtered, NULL);
  atlas_initiative_layer_set_highlighted (self->layer, (const char * const *) filtered->pdata);

  atlas_map_legend_update (self->legend, self->layer);
  /* Before the first result (while the cache opens) the legend has
   * nothing to say yet; shown from the first frame, it said that nothing
   * matched, and was a good part of the map's first frame. */
  gtk_widget_set_visible (GTK_WIDGET (self->legend),
                          atlas_context_get_settled_result (self->context) != NULL);
  update_global (self);

  /* The list of countries is made again only when its popover shows (or
   * while it does): replacing its rows on every change cost more, at
   * 100,000 initiatives, than all the rest of the map's update. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->countries_popover)))
    update_countries (self);
  else
    self->countries_stale = TRUE;
}

static void
on_context_notify_settled_result_cb (AtlasMapView *self,
                             GParamSpec   *pspec,
                             AtlasContext *context)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  update_result (self);
}

static void
on_context_notify_index_cb (AtlasMapView *self,
                            GParamSpec   *pspec,
                            AtlasContext *context)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  /* Locations may have changed with the data. */
  update_selection (self);
}

/* The list of countries */

static void
on_countries_popover_show_cb (AtlasMapView *self)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  if (self->countries_stale)
    update_countries (self);
}

static void
on_country_row_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "atlas-dim");

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (item, box);
}

static void
on_country_row_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        AtlasMapView             *self)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (check);
  GtkWidget *count = gtk_widget_get_next_sibling (name);
  const char *alpha2 = gtk_string_object_get_string (string);
  int country = atlas_vocab_find_country (get_vocab (), alpha2);
  gboolean filtered;
  char text[32];

  g_assert (ATLAS_IS_MAP_VIEW (self));

  if (country < 0)
    return;

  filtered = atlas_query_has_value (atlas_context_get_query (self->context),
                                    ATLAS_FACET_COUNTRY, alpha2);
  format_count (text, sizeof text, atlas_initiative_layer_get_country_count (self->layer, country));

  gtk_widget_set_opacity (check, filtered ? 1.0 : 0.0);
  gtk_label_set_text (GTK_LABEL (name),
                      atlas_country_get_name (atlas_vocab_get_country (get_vocab (), country)));
  gtk_label_set_text (GTK_LABEL (count), text);
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_CHECKED,
                               filtered ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                        : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
toggle_country (AtlasMapView *self,
                const char   *alpha2)
{
  atlas_query_toggle_value (atlas_context_get_query (self->context), ATLAS_FACET_COUNTRY, alpha2);
}

static void
on_countries_list_activate_cb (AtlasMapView *self,
                               guint         position,
                               GtkListView  *list_view)
{
  g_autofree char *alpha2 = NULL;
  int country;

  g_assert (ATLAS_IS_MAP_VIEW (self));

  alpha2 = g_strdup (gtk_string_list_get_string (self->countries, position));
  if (alpha2 == NULL)
    return;

  gtk_popover_popdown (self->countries_popover);

  /* Bring the country into view, as a click on it would have it. */
  country = atlas_vocab_find_country (get_vocab (), alpha2);
  if (country >= 0)
    {
      const AtlasCountry *place = atlas_vocab_get_country (get_vocab (), country);

      show_location (self, place->latitude, place->longitude);
    }

  toggle_country (self, alpha2);
}

/* Clicks and tooltips */

static gboolean activate_at (AtlasMapView  *self,
                             double         x,
                             double         y,
                             char         **toggled_country);

static void
on_click_pressed_cb (AtlasMapView    *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  /* The keyboard works on the map once it was clicked. */
  gtk_widget_grab_focus (GTK_WIDGET (get_map (self)));

  /* A double click zooms the map in (libshumate does it): the filter the
   * first click changed is put back as it was. */
  if (n_press == 2 && self->clicked_country != NULL)
    toggle_country (self, self->clicked_country);
  g_clear_pointer (&self->clicked_country, g_free);
}

static void
on_click_released_cb (AtlasMapView    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  g_assert (ATLAS_IS_MAP_VIEW (self));

  /* The second click of a double click belongs to the map, which zooms. */
  if (n_press != 1)
    return;

  activate_at (self, x, y, &self->clicked_country);
}

static gboolean
on_map_query_tooltip_cb (AtlasMapView *self,
                         int           x,
                         int           y,
                         gboolean      keyboard_mode,
                         GtkTooltip   *tooltip,
                         GtkWidget    *map)
{
  g_autofree char *text = NULL;

  g_assert (ATLAS_IS_MAP_VIEW (self));

  if (keyboard_mode)
    return FALSE;

  text = atlas_map_view_describe_at (self, x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  /* Asked again when the pointer leaves this pixel's neighbourhood. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 2, y - 2, 5, 5 });

  return TRUE;
}

/* Viewport */

static void
on_viewport_notify_cb (AtlasMapView    *self,
                       GParamSpec      *pspec,
                       ShumateViewport *viewport)
{
  const char *name = g_param_spec_get_name (pspec);

  g_assert (ATLAS_IS_MAP_VIEW (self));

  if (g_str_equal (name, "rotation"))
    {
      /* The layers draw north up: the rotate gesture is undone. */
      if (shumate_viewport_get_rotation (viewport) != 0.0)
        shumate_viewport_set_rotation (viewport, 0.0);
      return;
    }

  if (!g_str_equal (name, "latitude") && !g_str_equal (name, "longitude") &&
      !g_str_equal (name, "zoom-level"))
    return;

  constrain_viewport (self);
  queue_save_position (self);
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (ATLAS_MAP_VIEW (widget), 1.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (ATLAS_MAP_VIEW (widget), -1.0);
}

static void
home_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  atlas_map_view_go_home (ATLAS_MAP_VIEW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  GtkWidget *map = GTK_WIDGET (get_map (self));
  double width = gtk_widget_get_width (map);
  double height = gtk_widget_get_height (map);
  double step = MIN (width, height) * PAN_FRACTION;
  double latitude, longitude;
  int dx, dy;

  if (width <= 0 || height <= 0 || self->source == NULL)
    return;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  shumate_viewport_widget_coords_to_location (get_viewport (self), map,
                                              width / 2.0 + CLAMP (dx, -1, 1) * step,
                                              height / 2.0 + CLAMP (dy, -1, 1) * step,
                                              &latitude, &longitude);
  shumate_map_stop_go_to (get_map (self));
  shumate_map_center_on (get_map (self), latitude, longitude);
}

static void
use_offline_map_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);

  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "basemap", BASEMAP_OFFLINE);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              const char            *action,
              GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);

  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
add_keyboard (AtlasMapView *self)
{
  static const struct
  {
    guint keyval;
    int   dx;
    int   dy;
  } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, 1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Down, 0, 1 },
  };
  static const guint zoom_in_keys[] = { GDK_KEY_plus, GDK_KEY_KP_Add, GDK_KEY_equal };
  static const guint zoom_out_keys[] = { GDK_KEY_minus, GDK_KEY_KP_Subtract };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  /* On the map, so that the keys move it only while it has the focus. */
  gtk_event_controller_set_name (controller, "atlas-map-keys");
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    add_shortcut (shortcuts, arrows[i].keyval, "map.pan",
                  g_variant_new ("(ii)", arrows[i].dx, arrows[i].dy));
  for (guint i = 0; i < G_N_ELEMENTS (zoom_in_keys); i++)
    add_shortcut (shortcuts, zoom_in_keys[i], "map.zoom-in", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_out_keys); i++)
    add_shortcut (shortcuts, zoom_out_keys[i], "map.zoom-out", NULL);
  add_shortcut (shortcuts, GDK_KEY_Home, "map.home", NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Home, "map.home", NULL);

  gtk_widget_add_controller (GTK_WIDGET (get_map (self)), controller);
}

/* Style */

static void
ensure_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/cooperationatlas/Atlas/ui/atlas-map-view.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

/* GObject */

static void
atlas_map_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  AtlasMapView *self = (AtlasMapView *)widget;

  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* Below this width the scale (bottom left) and the attribution (bottom
 * right) would overlap: the scale goes, the attribution must stay; and the
 * legend folds to its title. */
#define NARROW_WIDTH 480

static gboolean
update_narrow_cb (gpointer user_data)
{
  AtlasMapView *self = user_data;

  self->narrow_id = 0;
  self->narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_scale (self->simple_map)), !self->narrow);
  /* Unfolded, the legend would cover a good part of a narrow map: its
   * title stays, to unfold it. */
  atlas_map_legend_set_expanded (self->legend, !self->narrow);

  return G_SOURCE_REMOVE;
}

static void
atlas_map_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AtlasMapView *self = (AtlasMapView *)widget;

  gtk_widget_allocate (GTK_WIDGET (self->overlay), width, height, baseline, NULL);

  /* Nothing is shown or hidden during an allocation: just after it. */
  if ((width < NARROW_WIDTH) != self->narrow && self->narrow_id == 0)
    self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_narrow_cb, self, NULL);

  /* The zoom that fits the world to the height changes with the height. */
  if (height != self->last_height)
    {
      self->last_height = height;
      update_min_zoom (self);
      constrain_viewport (self);
    }
}

static void
atlas_map_view_constructed (GObject *object)
{
  AtlasMapView *self = (AtlasMapView *)object;
  ShumateViewport *viewport = get_viewport (self);
  ShumateMap *map = get_map (self);
  GtkGesture *click;

  G_OBJECT_CLASS (atlas_map_view_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  if (atlas_context_get_settings (self->context) != NULL)
    self->settings = g_object_ref (atlas_context_get_settings (self->context));

  self->layer = atlas_initiative_layer_new (viewport);
  self->marker_layer = shumate_marker_layer_new (viewport);

  /* The base layer first: the simple map puts it above what is there. */
  update_basemap (self);
  restore_position (self);
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->layer));
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->marker_layer));

  gtk_widget_set_focusable (GTK_WIDGET (map), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("World map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Countries are shaded by their number of matching "
                                    "initiatives. Arrow keys move the map, plus and minus "
                                    "zoom, Home shows the whole world."),
                                  -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (map)),
                                  GTK_STYLE_PROVIDER (self->ocean_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* Layers let clicks through to the map: hit tests are ours. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "atlas-map-click");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (map), TRUE);
  g_signal_connect_object (map, "query-tooltip", G_CALLBACK (on_map_query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);

  add_keyboard (self);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_notify_dark_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::basemap",
                             G_CALLBACK (on_settings_changed_basemap_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::settled-result",
                           G_CALLBACK (on_context_notify_settled_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::selected",
                           G_CALLBACK (on_context_notify_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::index",
                           G_CALLBACK (on_context_notify_index_cb), self, G_CONNECT_SWAPPED);

  update_result (self);
  update_selection (self);
}

static void
atlas_map_view_dispose (GObject *object)
{
  AtlasMapView *self = (AtlasMapView *)object;

  g_clear_handle_id (&self->narrow_id, g_source_remove);

  /* A move in the last half second is kept too. */
  if (self->save_position_id != 0)
    {
      g_clear_handle_id (&self->save_position_id, g_source_remove);
      save_position (self);
    }

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_MAP_VIEW);
  g_clear_pointer ((GtkWidget **) &self->overlay, gtk_widget_unparent);

  self->layer = NULL;
  self->marker_layer = NULL;
  self->marker = NULL;
  g_clear_pointer (&self->clicked_country, g_free);
  g_clear_object (&self->countries);
  g_clear_object (&self->source);
  g_clear_object (&self->ocean_css);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_map_view_parent_class)->dispose (object);
}

static void
atlas_map_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

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
atlas_map_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

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
atlas_map_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_map_view_parent_class)->realize (widget);

  update_tile_images (ATLAS_MAP_VIEW (widget));
}

static void
atlas_map_view_class_init (AtlasMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_map_view_constructed;
  object_class->dispose = atlas_map_view_dispose;
  object_class->get_property = atlas_map_view_get_property;
  object_class->set_property = atlas_map_view_set_property;

  widget_class->measure = atlas_map_view_measure;
  widget_class->size_allocate = atlas_map_view_size_allocate;
  widget_class->realize = atlas_map_view_realize;

  /**
   * AtlasMapView:context:
   *
   * The services the map shows and changes: the query, its result, the
   * selected initiative and the settings.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cooperationatlas/Atlas/ui/"
                                               "atlas-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, countries_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, countries_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, countries_popover);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, countries_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, global_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, global_pill_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, global_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, simple_map);
  gtk_widget_class_bind_template_callback (widget_class, on_countries_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_countries_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_revealer_notify_child_revealed_cb);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.use-offline-map", NULL,
                                   use_offline_map_action);

  gtk_widget_class_set_css_name (widget_class, "atlas-map-view");

  g_type_ensure (ATLAS_TYPE_MAP_LEGEND);
  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
}

static void
atlas_map_view_init (AtlasMapView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkWidget *inner;

  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Styled on their inner button only: an "osd" menu button would make its
   * popover translucent over the map. */
  inner = gtk_widget_get_first_child (GTK_WIDGET (self->countries_button));
  gtk_widget_add_css_class (inner, "osd");
  inner = gtk_widget_get_first_child (GTK_WIDGET (self->global_button));
  gtk_widget_add_css_class (inner, "osd");
  gtk_widget_add_css_class (inner, "pill");

  self->ocean_css = gtk_css_provider_new ();
  self->countries = gtk_string_list_new (NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_country_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_country_row_bind_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->countries)));
  gtk_list_view_set_factory (self->countries_list, factory);
  gtk_list_view_set_model (self->countries_list, GTK_SELECTION_MODEL (selection));
}

GtkWidget *
atlas_map_view_new (AtlasContext *context)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_MAP_VIEW,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_map_view_get_context (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->context;
}

ShumateMap *
atlas_map_view_get_map (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return get_map (self);
}

ShumateViewport *
atlas_map_view_get_viewport (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return get_viewport (self);
}

AtlasInitiativeLayer *
atlas_map_view_get_layer (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->layer;
}

ShumateMarker *
atlas_map_view_get_marker (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->marker;
}

gboolean
atlas_map_view_get_banner_visible (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

void
atlas_map_view_go_home (AtlasMapView *self)
{
  ShumateViewport *viewport;
  double latitude = HOME_LATITUDE, longitude = HOME_LONGITUDE;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  viewport = get_viewport (self);
  if (self->settings != NULL)
    {
      g_autoptr(GVariant) default_latitude = g_settings_get_default_value (self->settings,
                                                                           "map-latitude");
      g_autoptr(GVariant) default_longitude = g_settings_get_default_value (self->settings,
                                                                            "map-longitude");

      latitude = g_variant_get_double (default_latitude);
      longitude = g_variant_get_double (default_longitude);
    }

  go_to (self, latitude, longitude, shumate_viewport_get_min_zoom_level (viewport));
}

/* @toggled_country: the alpha-2 code of the country put in or taken out of
 * the filter, if that is what the click did. */
static gboolean
activate_at (AtlasMapView  *self,
             double         x,
             double         y,
             char         **toggled_country)
{
  AtlasMapHit hit;

  g_assert (ATLAS_IS_MAP_VIEW (self));
  g_assert (toggled_country != NULL && *toggled_country == NULL);

  if (!atlas_initiative_layer_pick (self->layer, x, y, &hit))
    return FALSE;

  switch (hit.kind)
    {
    case ATLAS_MAP_HIT_COUNTRY:
      {
        const char *alpha2 = atlas_vocab_get_country (get_vocab (), hit.country)->alpha2;

        /* A country without matching initiatives would filter everything out. */
        if (hit.count == 0 &&
            !atlas_query_has_value (atlas_context_get_query (self->context),
                                    ATLAS_FACET_COUNTRY, alpha2))
          return FALSE;

        toggle_country (self, alpha2);
        *toggled_country = g_strdup (alpha2);
        return TRUE;
      }

    case ATLAS_MAP_HIT_COUNTRY_CLUSTER:
    case ATLAS_MAP_HIT_POINT_CLUSTER:
      go_to (self, hit.latitude, hit.longitude,
             shumate_viewport_get_zoom_level (get_viewport (self)) + CLUSTER_ZOOM_STEP);
      return TRUE;

    case ATLAS_MAP_HIT_POINT:
      atlas_context_set_selected (self->context, hit.rowid);
      return TRUE;

    case ATLAS_MAP_HIT_NONE:
    default:
      return FALSE;
    }
}

gboolean
atlas_map_view_activate_at (AtlasMapView *self,
                            double        x,
                            double        y)
{
  g_autofree char *toggled_country = NULL;

  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return activate_at (self, x, y, &toggled_country);
}

char *
atlas_map_view_describe_at (AtlasMapView *self,
                            double        x,
                            double        y)
{
  AtlasMapHit hit;
  char count[32];

  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  if (!atlas_initiative_layer_pick (self->layer, x, y, &hit))
    return NULL;

  format_count (count, sizeof count, hit.count);

  switch (hit.kind)
    {
    case ATLAS_MAP_HIT_COUNTRY:
      {
        const char *name = atlas_country_get_name (atlas_vocab_get_country (get_vocab (),
                                                                            hit.country));

        if (hit.count == 0)
          /* Translators: a tooltip over a country of the map */
          return g_strdup_printf (_("%s: no matching initiatives"), name);

        /* Translators: a tooltip over a country of the map, e.g. "Kenya: 12 initiatives" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s initiative",
                                             "%s: %s initiatives", hit.count),
                                name, count);
      }

    case ATLAS_MAP_HIT_COUNTRY_CLUSTER:
      /* Translators: a tooltip over a circle standing for several countries */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s initiative in several countries. Click to zoom in.",
                                           "%s initiatives in several countries. Click to zoom in.",
                                           hit.count),
                              count);

    case ATLAS_MAP_HIT_POINT_CLUSTER:
      /* Translators: a tooltip over a circle standing for several located initiatives */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s initiative here. Click to zoom in.",
                                           "%s initiatives here. Click to zoom in.",
                                           hit.count),
                              count);

    case ATLAS_MAP_HIT_POINT:
      {
        g_autoptr(AtlasInitiative) initiative = NULL;

        if (atlas_context_get_store (self->context) != NULL)
          initiative = atlas_context_load_initiative (self->context, hit.rowid, NULL);
        if (initiative != NULL)
          return g_strdup (initiative->title);

        return g_strdup (_("An initiative with an exact location"));
      }

    case ATLAS_MAP_HIT_NONE:
    default:
      return NULL;
    }
}
