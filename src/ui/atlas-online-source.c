/* atlas-online-source.c
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

#define G_LOG_DOMAIN "atlas-online-source"

#include "config.h"

#include "atlas-online-source.h"

struct _AtlasOnlineSource
{
  ShumateMapSource  parent_instance;

  ShumateMapSource *inner;
  guint             n_loaded;
  guint             n_failed;
};

G_DEFINE_FINAL_TYPE (AtlasOnlineSource, atlas_online_source, SHUMATE_TYPE_MAP_SOURCE)

enum
{
  PROP_0,
  PROP_N_LOADED,
  PROP_N_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_inner_tile_filled_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AtlasOnlineSource *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_assert (ATLAS_IS_ONLINE_SOURCE (self));

  if (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error))
    {
      self->n_loaded++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("A tile of %s failed: %s",
               shumate_map_source_get_id (self->inner), error->message);
      self->n_failed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
    }

  g_task_return_error (task, error);
}

static void
atlas_online_source_fill_tile_async (ShumateMapSource    *source,
                                     ShumateTile         *tile,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  AtlasOnlineSource *self = (AtlasOnlineSource *)source;
  GTask *task;

  g_assert (ATLAS_IS_ONLINE_SOURCE (self));
  g_assert (SHUMATE_IS_TILE (tile));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_online_source_fill_tile_async);

  shumate_map_source_fill_tile_async (self->inner, tile, cancellable,
                                      on_inner_tile_filled_cb, task);
}

static gboolean
atlas_online_source_fill_tile_finish (ShumateMapSource  *source,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_assert (ATLAS_IS_ONLINE_SOURCE (source));
  g_assert (g_task_is_valid (result, source));

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
atlas_online_source_dispose (GObject *object)
{
  AtlasOnlineSource *self = (AtlasOnlineSource *)object;

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (atlas_online_source_parent_class)->dispose (object);
}

static void
atlas_online_source_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasOnlineSource *self = ATLAS_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_N_LOADED:
      g_value_set_uint (value, self->n_loaded);
      break;

    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_online_source_class_init (AtlasOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = atlas_online_source_dispose;
  object_class->get_property = atlas_online_source_get_property;

  source_class->fill_tile_async = atlas_online_source_fill_tile_async;
  source_class->fill_tile_finish = atlas_online_source_fill_tile_finish;

  properties[PROP_N_LOADED] =
    g_param_spec_uint ("n-loaded", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_online_source_init (AtlasOnlineSource *self)
{
}

AtlasOnlineSource *
atlas_online_source_new (ShumateMapSource *inner,
                         const char       *license,
                         const char       *license_uri)
{
  AtlasOnlineSource *self;
  ShumateMapSource *source;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (inner), NULL);

  self = g_object_new (ATLAS_TYPE_ONLINE_SOURCE, NULL);
  self->inner = g_object_ref (inner);

  source = SHUMATE_MAP_SOURCE (self);
  shumate_map_source_set_id (source, shumate_map_source_get_id (inner));
  shumate_map_source_set_name (source, shumate_map_source_get_name (inner));
  shumate_map_source_set_license (source, license != NULL ? license
                                                          : shumate_map_source_get_license (inner));
  shumate_map_source_set_license_uri (source, license_uri != NULL
                                                ? license_uri
                                                : shumate_map_source_get_license_uri (inner));
  shumate_map_source_set_min_zoom_level (source, shumate_map_source_get_min_zoom_level (inner));
  shumate_map_source_set_max_zoom_level (source, shumate_map_source_get_max_zoom_level (inner));
  shumate_map_source_set_tile_size (source, shumate_map_source_get_tile_size (inner));
  shumate_map_source_set_projection (source, shumate_map_source_get_projection (inner));

  return self;
}

ShumateMapSource *
atlas_online_source_get_inner (AtlasOnlineSource *self)
{
  g_return_val_if_fail (ATLAS_IS_ONLINE_SOURCE (self), NULL);

  return self->inner;
}

guint
atlas_online_source_get_n_loaded (AtlasOnlineSource *self)
{
  g_return_val_if_fail (ATLAS_IS_ONLINE_SOURCE (self), 0);

  return self->n_loaded;
}

guint
atlas_online_source_get_n_failed (AtlasOnlineSource *self)
{
  g_return_val_if_fail (ATLAS_IS_ONLINE_SOURCE (self), 0);

  return self->n_failed;
}
