/* atlas-result-model.c
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

#define G_LOG_DOMAIN "atlas-result-model"

#include "config.h"

#include "atlas-result-model.h"
#include "atlas-text.h"

/* How many of the last items made are kept even when nobody holds them:
 * GTK 4.8's list view lets go of its rows' items and asks for them again
 * while it lays out a new list (a screen is about 200 of its rows). */
#define N_RECENT_ITEMS 256

/* A live item of the current result, watched with a weak reference so that
 * the cache forgets it when its last holder lets it go. */
typedef struct
{
  AtlasResultModel *model;
  AtlasResultItem  *item;
  guint             position;
} CacheEntry;

struct _AtlasResultModel
{
  GObject       parent_instance;

  AtlasContext *context;
  AtlasResult  *result;
  GStrv         words;

  GHashTable   *cache;       /* position → CacheEntry */
  guint         n_created;

  AtlasResultItem *recent[N_RECENT_ITEMS];
  guint            next_recent;
};

static void atlas_result_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasResultModel, atlas_result_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_result_model_list_model_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_item_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  CacheEntry *entry = data;

  /* Frees the entry. */
  g_hash_table_remove (entry->model->cache, GUINT_TO_POINTER (entry->position));
}

static void
forget_items (AtlasResultModel *self)
{
  GHashTableIter iter;
  CacheEntry *entry;

  g_assert (ATLAS_IS_RESULT_MODEL (self));

  /* Items still held elsewhere belong to the old result: they stay valid
   * for their holders, but are no longer this model's. */
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_object_weak_unref (G_OBJECT (entry->item), on_item_finalized_cb, entry);

  g_hash_table_remove_all (self->cache);

  for (guint i = 0; i < N_RECENT_ITEMS; i++)
    g_clear_object (&self->recent[i]);
  self->next_recent = 0;
}

static GType
atlas_result_model_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_RESULT_ITEM;
}

static guint
atlas_result_model_get_n_items (GListModel *model)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (model);

  return self->result != NULL ? atlas_result_get_n_items (self->result) : 0;
}

static gpointer
atlas_result_model_get_item (GListModel *model,
                             guint       position)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (model);
  CacheEntry *entry;

  if (self->result == NULL || position >= atlas_result_get_n_items (self->result))
    return NULL;

  entry = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
  if (entry != NULL)
    return g_object_ref (entry->item);

  entry = g_new0 (CacheEntry, 1);
  entry->model = self;
  entry->position = position;
  entry->item = atlas_result_item_new (atlas_context_get_store (self->context),
                                       atlas_result_get_rowid (self->result, position),
                                       position,
                                       (const char * const *) self->words);
  g_object_weak_ref (G_OBJECT (entry->item), on_item_finalized_cb, entry);
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (position), entry);
  self->n_created++;

  /* The oldest of the recent items may go now (unless someone holds it). */
  g_set_object (&self->recent[self->next_recent], entry->item);
  self->next_recent = (self->next_recent + 1) % N_RECENT_ITEMS;

  return entry->item;
}

static void
atlas_result_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_result_model_get_item_type;
  iface->get_n_items = atlas_result_model_get_n_items;
  iface->get_item = atlas_result_model_get_item;
}

static void
on_context_notify_result_cb (AtlasResultModel *self)
{
  g_assert (ATLAS_IS_RESULT_MODEL (self));

  atlas_result_model_set_result (self, atlas_context_get_result (self->context));
}

static void
atlas_result_model_constructed (GObject *object)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (object);

  G_OBJECT_CLASS (atlas_result_model_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "notify::result",
                           G_CALLBACK (on_context_notify_result_cb), self, G_CONNECT_SWAPPED);
  on_context_notify_result_cb (self);
}

static void
atlas_result_model_dispose (GObject *object)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (object);

  forget_items (self);
  g_clear_pointer (&self->result, atlas_result_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_result_model_parent_class)->dispose (object);
}

static void
atlas_result_model_finalize (GObject *object)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (atlas_result_model_parent_class)->finalize (object);
}

static void
atlas_result_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (object);

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
atlas_result_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasResultModel *self = ATLAS_RESULT_MODEL (object);

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
atlas_result_model_class_init (AtlasResultModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = atlas_result_model_constructed;
  object_class->dispose = atlas_result_model_dispose;
  object_class->finalize = atlas_result_model_finalize;
  object_class->get_property = atlas_result_model_get_property;
  object_class->set_property = atlas_result_model_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_result_model_init (AtlasResultModel *self)
{
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->words = g_new0 (char *, 1);
}

AtlasResultModel *
atlas_result_model_new (AtlasContext *context)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_RESULT_MODEL,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_result_model_get_context (AtlasResultModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_MODEL (self), NULL);

  return self->context;
}

AtlasResult *
atlas_result_model_get_result (AtlasResultModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_MODEL (self), NULL);

  return self->result;
}

void
atlas_result_model_set_result (AtlasResultModel *self,
                               AtlasResult      *result)
{
  AtlasQuery *query;
  const char *text;
  guint old_n;
  guint new_n;

  g_return_if_fail (ATLAS_IS_RESULT_MODEL (self));

  if (result == self->result)
    return;

  old_n = atlas_result_model_get_n_items (G_LIST_MODEL (self));
  forget_items (self);
  g_clear_pointer (&self->result, atlas_result_unref);

  /* GTK 4.8's list views look for the rows they track among all the added
   * items when one change both removes and adds (asking for each of them:
   * 200,000 items for a list of 100,000), but not when the old rows go
   * first and the new ones come after. */
  if (old_n > 0 && result != NULL && atlas_result_get_n_items (result) > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      old_n = 0;
    }

  self->result = result != NULL ? atlas_result_ref (result) : NULL;

  /* A result answers the query as it was when it ran; the context only
   * publishes the answer to its newest query, so that is the text. */
  query = atlas_context_get_query (self->context);
  text = query != NULL ? atlas_query_get_text (query) : NULL;
  g_clear_pointer (&self->words, g_strfreev);
  self->words = atlas_text_split_words (text != NULL ? text : "");

  new_n = atlas_result_model_get_n_items (G_LIST_MODEL (self));

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

int
atlas_result_model_find_rowid (AtlasResultModel *self,
                               gint64            rowid)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_MODEL (self), -1);

  if (self->result == NULL || rowid <= 0)
    return -1;

  return atlas_result_find_rowid (self->result, rowid);
}

guint
atlas_result_model_get_n_created (AtlasResultModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_MODEL (self), 0);

  return self->n_created;
}

guint
atlas_result_model_get_n_alive (AtlasResultModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_MODEL (self), 0);

  return g_hash_table_size (self->cache);
}
