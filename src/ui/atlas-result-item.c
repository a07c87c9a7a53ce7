/* atlas-result-item.c
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

#define G_LOG_DOMAIN "atlas-result-item"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-result-item.h"

struct _AtlasResultItem
{
  GObject          parent_instance;

  AtlasStore      *store;
  gint64           rowid;
  guint            position;
  GStrv            words;

  gboolean         loaded;
  AtlasInitiative *initiative;
  GError          *error;
};

G_DEFINE_FINAL_TYPE (AtlasResultItem, atlas_result_item, G_TYPE_OBJECT)

static void
atlas_result_item_finalize (GObject *object)
{
  AtlasResultItem *self = ATLAS_RESULT_ITEM (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->initiative, atlas_initiative_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (atlas_result_item_parent_class)->finalize (object);
}

static void
atlas_result_item_class_init (AtlasResultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_result_item_finalize;
}

static void
atlas_result_item_init (AtlasResultItem *self)
{
}

AtlasResultItem *
atlas_result_item_new (AtlasStore         *store,
                       gint64              rowid,
                       guint               position,
                       const char * const *words)
{
  AtlasResultItem *self;

  g_return_val_if_fail (store == NULL || ATLAS_IS_STORE (store), NULL);

  self = g_object_new (ATLAS_TYPE_RESULT_ITEM, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->rowid = rowid;
  self->position = position;
  self->words = words != NULL ? g_strdupv ((char **) words) : g_new0 (char *, 1);

  return self;
}

gint64
atlas_result_item_get_rowid (AtlasResultItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ITEM (self), 0);

  return self->rowid;
}

guint
atlas_result_item_get_position (AtlasResultItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ITEM (self), 0);

  return self->position;
}

const char * const *
atlas_result_item_get_words (AtlasResultItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ITEM (self), NULL);

  return (const char * const *) self->words;
}

gboolean
atlas_result_item_is_loaded (AtlasResultItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ITEM (self), FALSE);

  return self->loaded;
}

AtlasInitiative *
atlas_result_item_get_initiative (AtlasResultItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ITEM (self), NULL);

  if (!self->loaded)
    {
      self->loaded = TRUE;

      if (self->store == NULL)
        g_set_error_literal (&self->error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                             _("The cache is not open yet."));
      else
        self->initiative = atlas_store_load_summary (self->store, self->rowid, &self->error);
    }

  return self->initiative;
}

const GError *
atlas_result_item_get_error (AtlasResultItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ITEM (self), NULL);

  return self->error;
}
