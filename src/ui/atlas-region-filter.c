/* atlas-region-filter.c
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

#define G_LOG_DOMAIN "atlas-region-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-region-filter.h"
#include "atlas-text.h"
#include "atlas-vocab.h"

/* The M49 code of the World, the root every continent hangs from. */
#define WORLD_CODE 1

struct _AtlasRegionFilter
{
  GtkWidget       parent_instance;

  GListStore     *roots;
  GListStore     *matches;
  GPtrArray      *countries;   /* sorted by name */

  /* Template children */
  GtkSearchEntry *filter_entry;
  AtlasFacetList *match_list;
  GtkStack       *stack;
  AtlasFacetList *tree_list;
};

G_DEFINE_FINAL_TYPE (AtlasRegionFilter, atlas_region_filter, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  AtlasFacetValue *value_a = *(AtlasFacetValue **) a;
  AtlasFacetValue *value_b = *(AtlasFacetValue **) b;

  return atlas_facet_value_compare_names (value_a, value_b);
}

/* Sub-regions first, then countries, each sorted by name. */
static int
compare_children_cb (gconstpointer a,
                     gconstpointer b)
{
  AtlasFacetValue *value_a = *(AtlasFacetValue **) a;
  AtlasFacetValue *value_b = *(AtlasFacetValue **) b;
  AtlasFacet facet_a = atlas_facet_value_get_facet (value_a);
  AtlasFacet facet_b = atlas_facet_value_get_facet (value_b);

  if (facet_a != facet_b)
    return facet_a == ATLAS_FACET_REGION ? -1 : 1;

  return atlas_facet_value_compare_names (value_a, value_b);
}

static GListStore *
store_from_array (GPtrArray *values)
{
  GListStore *store = g_list_store_new (ATLAS_TYPE_FACET_VALUE);

  g_ptr_array_sort (values, compare_children_cb);
  g_list_store_splice (store, 0, 0, values->pdata, values->len);

  return store;
}

static guint16
parse_code (AtlasFacetValue *value)
{
  guint64 code = 0;

  if (!g_ascii_string_to_unsigned (atlas_facet_value_get_value (value), 10, 0, G_MAXUINT16,
                                   &code, NULL))
    return 0;

  return (guint16) code;
}

static gboolean
country_matches (AtlasFacetValue *value,
                 const char      *folded,
                 const char      *text)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  int index;

  if (strstr (atlas_facet_value_get_folded (value), folded) != NULL)
    return TRUE;

  /* "KEN" or "ke" find Kenya too. */
  index = atlas_vocab_find_country (vocab, atlas_facet_value_get_value (value));
  if (index >= 0)
    {
      const AtlasCountry *country = atlas_vocab_get_country (vocab, (guint) index);

      return g_ascii_strcasecmp (text, country->alpha2) == 0 ||
             g_ascii_strcasecmp (text, country->alpha3) == 0;
    }

  return FALSE;
}

static void
on_filter_entry_search_changed_cb (AtlasRegionFilter *self,
                                   GtkSearchEntry    *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_assert (ATLAS_IS_REGION_FILTER (self));

  if (*text == '\0' || self->countries == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "tree");
      return;
    }

  folded = atlas_text_fold (text, -1);
  found = g_ptr_array_new ();
  for (guint i = 0; i < self->countries->len; i++)
    {
      AtlasFacetValue *value = g_ptr_array_index (self->countries, i);

      if (country_matches (value, folded, text))
        g_ptr_array_add (found, value);
    }

  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       found->pdata, found->len);
  gtk_stack_set_visible_child_name (self->stack, found->len > 0 ? "matches" : "empty");
}

static void
on_list_toggled_cb (AtlasRegionFilter *self,
                    AtlasFacetValue   *value,
                    AtlasFacetList    *list)
{
  g_signal_emit (self, signals[TOGGLED], 0, value);
}

static void
atlas_region_filter_dispose (GObject *object)
{
  AtlasRegionFilter *self = (AtlasRegionFilter *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_REGION_FILTER);
  /* The box around the template children is not one of them. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->roots);
  g_clear_object (&self->matches);
  g_clear_pointer (&self->countries, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_region_filter_parent_class)->dispose (object);
}

static void
atlas_region_filter_class_init (AtlasRegionFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_region_filter_dispose;

  /**
   * AtlasRegionFilter::toggled:
   * @value: the region or country the user checked or unchecked
   */
  signals[TOGGLED] =
    g_signal_new ("toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ATLAS_TYPE_FACET_VALUE);

  g_type_ensure (ATLAS_TYPE_FACET_LIST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-region-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRegionFilter, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasRegionFilter, match_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasRegionFilter, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasRegionFilter, tree_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_entry_search_changed_cb);
}

static void
atlas_region_filter_init (AtlasRegionFilter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->roots = g_list_store_new (ATLAS_TYPE_FACET_VALUE);
  self->matches = g_list_store_new (ATLAS_TYPE_FACET_VALUE);

  atlas_facet_list_set_model (self->tree_list, G_LIST_MODEL (self->roots), TRUE);
  atlas_facet_list_set_model (self->match_list, G_LIST_MODEL (self->matches), FALSE);
  atlas_facet_list_set_label (self->tree_list, _("Regions and countries"));
  atlas_facet_list_set_label (self->match_list, _("Matching countries"));

  g_signal_connect_object (self->tree_list, "toggled", G_CALLBACK (on_list_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->match_list, "toggled", G_CALLBACK (on_list_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}

AtlasRegionFilter *
atlas_region_filter_new (void)
{
  return g_object_new (ATLAS_TYPE_REGION_FILTER, NULL);
}

void
atlas_region_filter_set_values (AtlasRegionFilter *self,
                                GPtrArray         *regions,
                                GPtrArray         *countries)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  gpointer list;

  g_return_if_fail (ATLAS_IS_REGION_FILTER (self));
  g_return_if_fail (regions != NULL);
  g_return_if_fail (countries != NULL);

  /* code -> value, and code -> the values under it */
  by_code = g_hash_table_new (NULL, NULL);
  children = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < regions->len; i++)
    {
      AtlasFacetValue *value = g_ptr_array_index (regions, i);

      atlas_facet_value_set_children (value, NULL);
      g_hash_table_insert (by_code, GUINT_TO_POINTER (parse_code (value)), value);
    }

  for (guint i = 0; i < regions->len + countries->len; i++)
    {
      AtlasFacetValue *value;
      guint16 parent = 0;
      GPtrArray *siblings;

      if (i < regions->len)
        {
          int r;

          value = g_ptr_array_index (regions, i);
          r = atlas_vocab_find_region (vocab, parse_code (value));
          if (r < 0 || parse_code (value) == WORLD_CODE)
            continue;
          parent = atlas_vocab_get_region (vocab, (guint) r)->parent;
        }
      else
        {
          const AtlasCountry *country;
          int c;

          value = g_ptr_array_index (countries, i - regions->len);
          c = atlas_vocab_find_country (vocab, atlas_facet_value_get_value (value));
          if (c < 0)
            continue;
          country = atlas_vocab_get_country (vocab, (guint) c);
          parent = country->intermediate != 0 ? country->intermediate
                 : country->subregion != 0 ? country->subregion
                 : country->region;
        }

      if (parent == WORLD_CODE || !g_hash_table_contains (by_code, GUINT_TO_POINTER (parent)))
        {
          g_ptr_array_add (roots, value);
          continue;
        }

      siblings = g_hash_table_lookup (children, GUINT_TO_POINTER (parent));
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children, GUINT_TO_POINTER (parent), siblings);
        }
      g_ptr_array_add (siblings, value);
    }

  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, &key, &list))
    {
      g_autoptr(GListStore) store = store_from_array (list);

      atlas_facet_value_set_children (g_hash_table_lookup (by_code, key), G_LIST_MODEL (store));
    }

  g_ptr_array_sort (roots, compare_children_cb);
  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       roots->pdata, roots->len);

  g_clear_pointer (&self->countries, g_ptr_array_unref);
  self->countries = g_ptr_array_new_full (countries->len, g_object_unref);
  for (guint i = 0; i < countries->len; i++)
    g_ptr_array_add (self->countries, g_object_ref (g_ptr_array_index (countries, i)));
  g_ptr_array_sort (self->countries, compare_names_cb);

  on_filter_entry_search_changed_cb (self, self->filter_entry);
}

AtlasFacetList *
atlas_region_filter_get_list (AtlasRegionFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_REGION_FILTER (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "matches") == 0)
    return self->match_list;

  return self->tree_list;
}
