/* atlas-organization-filter.c
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

#define G_LOG_DOMAIN "atlas-organization-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-organization-filter.h"

#include "atlas-after-frame.h"
#include "atlas-text.h"

/* How many organisations show before "Show all". */
#define FIRST_SHOWN 10
/* Beyond this height the list scrolls inside the sidebar. */
#define MAX_LIST_HEIGHT 400

struct _AtlasOrganizationFilter
{
  GtkWidget        parent_instance;

  GPtrArray       *values;
  GListStore      *shown;
  char            *search;     /* folded, NULL for none */

  /* A refresh queued for after the frame, or for when the list shows. */
  AtlasAfterFrame *refresh;
  gboolean         refresh_pending;
  gboolean         drawn;      /* since the refresh was queued */

  /* Template children */
  GtkLabel        *empty_label;
  AtlasFacetList  *facet_list;
  GtkSearchEntry  *search_entry;
  GtkToggleButton *show_all_button;
};

G_DEFINE_FINAL_TYPE (AtlasOrganizationFilter, atlas_organization_filter, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Most initiatives first, then by name. */
static int
compare_count_then_name_cb (gconstpointer a,
                            gconstpointer b)
{
  AtlasFacetValue *value_a = *(AtlasFacetValue **) a;
  AtlasFacetValue *value_b = *(AtlasFacetValue **) b;
  guint count_a = atlas_facet_value_get_count (value_a);
  guint count_b = atlas_facet_value_get_count (value_b);
  int by_name;

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;

  by_name = atlas_facet_value_compare_names (value_a, value_b);
  if (by_name != 0)
    return by_name;

  return strcmp (atlas_facet_value_get_value (value_a), atlas_facet_value_get_value (value_b));
}

/* Replaces what differs between the store and @values, and only that:
 * rows that stay keep their widgets (and the focus). */
static void
update_store (GListStore *store,
              GPtrArray  *values)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < n_old && prefix < values->len)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, prefix);

      if (item != g_ptr_array_index (values, prefix))
        break;
      prefix++;
    }

  while (suffix < n_old - prefix && suffix < values->len - prefix)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, n_old - 1 - suffix);

      if (item != g_ptr_array_index (values, values->len - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == values->len)
    return;

  g_list_store_splice (store, prefix, n_old - prefix - suffix,
                       values->pdata + prefix, values->len - prefix - suffix);
}

static void
on_search_entry_search_changed_cb (AtlasOrganizationFilter *self,
                                   GtkSearchEntry          *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->search, g_free);
  if (*text != '\0')
    self->search = atlas_text_fold (text, -1);

  atlas_organization_filter_refresh (self);
}

static void
on_show_all_button_toggled_cb (AtlasOrganizationFilter *self,
                               GtkToggleButton         *button)
{
  atlas_organization_filter_refresh (self);
}

static void
on_list_toggled_cb (AtlasOrganizationFilter *self,
                    AtlasFacetValue         *value,
                    AtlasFacetList          *list)
{
  g_signal_emit (self, signals[TOGGLED], 0, value);
}

/* New counts move organisations up and down the list, and each that comes
 * into the first ten gets a new row: some milliseconds at 100,000
 * initiatives, which would delay the frame that shows the new results.  The
 * rows show their new counts at once; their order follows just after that
 * frame, or when the list shows again: unfolded, or scrolled into sight
 * (the sidebar draws only what is in sight, see AtlasViewportBox, so a
 * list the frame did not draw is out of sight). */
static void
refresh_after_frame_cb (gpointer user_data)
{
  AtlasOrganizationFilter *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->drawn)
    atlas_organization_filter_refresh (self);
  else
    self->refresh_pending = TRUE;
}

static void
atlas_organization_filter_snapshot (GtkWidget   *widget,
                                    GtkSnapshot *snapshot)
{
  AtlasOrganizationFilter *self = ATLAS_ORGANIZATION_FILTER (widget);

  /* In sight: the order left for then follows this frame. */
  if (self->refresh_pending)
    {
      self->refresh_pending = FALSE;
      atlas_after_frame_queue (self->refresh);
    }
  self->drawn = TRUE;

  GTK_WIDGET_CLASS (atlas_organization_filter_parent_class)->snapshot (widget, snapshot);
}

static void
atlas_organization_filter_map (GtkWidget *widget)
{
  AtlasOrganizationFilter *self = ATLAS_ORGANIZATION_FILTER (widget);

  GTK_WIDGET_CLASS (atlas_organization_filter_parent_class)->map (widget);

  if (self->refresh_pending)
    atlas_organization_filter_refresh (self);
}

static void
atlas_organization_filter_dispose (GObject *object)
{
  AtlasOrganizationFilter *self = (AtlasOrganizationFilter *) object;
  GtkWidget *child;

  g_clear_pointer (&self->refresh, atlas_after_frame_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_ORGANIZATION_FILTER);
  /* The box around the template children is not one of them. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_organization_filter_parent_class)->dispose (object);
}

static void
atlas_organization_filter_finalize (GObject *object)
{
  AtlasOrganizationFilter *self = (AtlasOrganizationFilter *) object;

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (atlas_organization_filter_parent_class)->finalize (object);
}

static void
atlas_organization_filter_class_init (AtlasOrganizationFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_organization_filter_dispose;
  object_class->finalize = atlas_organization_filter_finalize;

  widget_class->map = atlas_organization_filter_map;
  widget_class->snapshot = atlas_organization_filter_snapshot;

  /**
   * AtlasOrganizationFilter::toggled:
   * @value: the organisation the user checked or unchecked
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
                                               RESOURCE_PREFIX "/ui/atlas-organization-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasOrganizationFilter, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasOrganizationFilter, facet_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasOrganizationFilter, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasOrganizationFilter, show_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_button_toggled_cb);
}

static void
atlas_organization_filter_init (AtlasOrganizationFilter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->refresh = atlas_after_frame_new (GTK_WIDGET (self), refresh_after_frame_cb, self);

  self->values = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_list_store_new (ATLAS_TYPE_FACET_VALUE);

  atlas_facet_list_set_model (self->facet_list, G_LIST_MODEL (self->shown), FALSE);
  atlas_facet_list_set_max_height (self->facet_list, MAX_LIST_HEIGHT);
  atlas_facet_list_set_label (self->facet_list, _("Organizations"));
  g_signal_connect_object (self->facet_list, "toggled", G_CALLBACK (on_list_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  atlas_organization_filter_refresh (self);
}

AtlasOrganizationFilter *
atlas_organization_filter_new (void)
{
  return g_object_new (ATLAS_TYPE_ORGANIZATION_FILTER, NULL);
}

void
atlas_organization_filter_set_values (AtlasOrganizationFilter *self,
                                      GPtrArray               *values)
{
  g_return_if_fail (ATLAS_IS_ORGANIZATION_FILTER (self));
  g_return_if_fail (values != NULL);

  g_ptr_array_set_size (self->values, 0);
  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (self->values, g_object_ref (g_ptr_array_index (values, i)));

  atlas_organization_filter_refresh (self);
}

void
atlas_organization_filter_refresh (AtlasOrganizationFilter *self)
{
  g_autoptr(GPtrArray) shown = NULL;
  gboolean show_all;
  guint n_matches = 0;

  g_return_if_fail (ATLAS_IS_ORGANIZATION_FILTER (self));

  atlas_after_frame_cancel (self->refresh);
  self->refresh_pending = FALSE;

  show_all = gtk_toggle_button_get_active (self->show_all_button);
  g_ptr_array_sort (self->values, compare_count_then_name_cb);

  shown = g_ptr_array_new ();
  for (guint i = 0; i < self->values->len; i++)
    {
      AtlasFacetValue *value = g_ptr_array_index (self->values, i);

      if (self->search != NULL &&
          strstr (atlas_facet_value_get_folded (value), self->search) == NULL)
        continue;

      /* Selected organisations stay in view, wherever their counts put them. */
      if (show_all || n_matches < FIRST_SHOWN || atlas_facet_value_get_active (value))
        g_ptr_array_add (shown, value);

      n_matches++;
    }

  update_store (self->shown, shown);

  if (show_all)
    gtk_button_set_label (GTK_BUTTON (self->show_all_button), _("Show Fewer"));
  else
    {
      g_autofree char *label = NULL;

      /* Translators: the button under the first ten organisations. */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Organization",
                                            "Show All %u Organizations", n_matches),
                               n_matches);
      gtk_button_set_label (GTK_BUTTON (self->show_all_button), label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), n_matches > FIRST_SHOWN);

  if (n_matches == 0)
    gtk_label_set_text (self->empty_label,
                        self->search != NULL ? _("No organization has this name.")
                                             : _("No organizations in the data."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n_matches == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->facet_list), shown->len > 0);
}

void
atlas_organization_filter_queue_refresh (AtlasOrganizationFilter *self)
{
  g_return_if_fail (ATLAS_IS_ORGANIZATION_FILTER (self));

  self->drawn = FALSE;
  atlas_after_frame_queue (self->refresh);
}

AtlasFacetList *
atlas_organization_filter_get_list (AtlasOrganizationFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION_FILTER (self), NULL);

  return self->facet_list;
}
