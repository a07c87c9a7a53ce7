/* atlas-facet-value.c
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

#define G_LOG_DOMAIN "atlas-facet-value"

#include "config.h"

#include <string.h>

#include "atlas-facet-value.h"
#include "atlas-text.h"

struct _AtlasFacetValue
{
  GObject     parent_instance;

  AtlasFacet  facet;
  char       *value;
  char       *name;
  char       *full_name;
  char       *code;
  char       *folded;
  char       *sort_key;
  int         position;
  guint       count;
  gboolean    active;
  GListModel *children;
};

G_DEFINE_FINAL_TYPE (AtlasFacetValue, atlas_facet_value, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
atlas_facet_value_finalize (GObject *object)
{
  AtlasFacetValue *self = (AtlasFacetValue *) object;

  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->full_name, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (atlas_facet_value_parent_class)->finalize (object);
}

static void
atlas_facet_value_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasFacetValue *self = ATLAS_FACET_VALUE (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_facet_value_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasFacetValue *self = ATLAS_FACET_VALUE (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      atlas_facet_value_set_count (self, g_value_get_uint (value));
      break;

    case PROP_ACTIVE:
      atlas_facet_value_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_facet_value_class_init (AtlasFacetValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_facet_value_finalize;
  object_class->get_property = atlas_facet_value_get_property;
  object_class->set_property = atlas_facet_value_set_property;

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_facet_value_init (AtlasFacetValue *self)
{
  self->position = -1;
}

AtlasFacetValue *
atlas_facet_value_new (AtlasFacet  facet,
                       const char *value,
                       const char *name)
{
  AtlasFacetValue *self;

  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_FACET_VALUE, NULL);
  self->facet = facet;
  self->value = g_strdup (value);
  self->name = g_strdup (name);
  self->folded = atlas_text_fold (name, -1);
  self->sort_key = g_utf8_collate_key (name, -1);

  return self;
}

AtlasFacet
atlas_facet_value_get_facet (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), 0);

  return self->facet;
}

const char *
atlas_facet_value_get_value (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->value;
}

const char *
atlas_facet_value_get_name (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->name;
}

const char *
atlas_facet_value_get_full_name (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->full_name;
}

void
atlas_facet_value_set_full_name (AtlasFacetValue *self,
                                 const char      *full_name)
{
  g_return_if_fail (ATLAS_IS_FACET_VALUE (self));

  g_free (self->full_name);
  self->full_name = g_strdup (full_name);
}

const char *
atlas_facet_value_get_code (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->code;
}

void
atlas_facet_value_set_code (AtlasFacetValue *self,
                            const char      *code)
{
  g_return_if_fail (ATLAS_IS_FACET_VALUE (self));

  g_free (self->code);
  self->code = g_strdup (code);
}

const char *
atlas_facet_value_get_folded (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->folded;
}

const char *
atlas_facet_value_get_sort_key (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->sort_key;
}

int
atlas_facet_value_get_position (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), -1);

  return self->position;
}

void
atlas_facet_value_set_position (AtlasFacetValue *self,
                                int              position)
{
  g_return_if_fail (ATLAS_IS_FACET_VALUE (self));
  g_return_if_fail (position >= -1);

  self->position = position;
}

guint
atlas_facet_value_get_count (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), 0);

  return self->count;
}

void
atlas_facet_value_set_count (AtlasFacetValue *self,
                             guint            count)
{
  g_return_if_fail (ATLAS_IS_FACET_VALUE (self));

  if (self->count == count)
    return;

  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

gboolean
atlas_facet_value_get_active (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), FALSE);

  return self->active;
}

void
atlas_facet_value_set_active (AtlasFacetValue *self,
                              gboolean         active)
{
  g_return_if_fail (ATLAS_IS_FACET_VALUE (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

GListModel *
atlas_facet_value_get_children (AtlasFacetValue *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (self), NULL);

  return self->children;
}

void
atlas_facet_value_set_children (AtlasFacetValue *self,
                                GListModel      *children)
{
  g_return_if_fail (ATLAS_IS_FACET_VALUE (self));
  g_return_if_fail (children == NULL || G_IS_LIST_MODEL (children));

  g_set_object (&self->children, children);
}

int
atlas_facet_value_compare_names (AtlasFacetValue *a,
                                 AtlasFacetValue *b)
{
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (a), 0);
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (b), 0);

  return strcmp (a->sort_key, b->sort_key);
}
