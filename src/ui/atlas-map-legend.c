/* atlas-map-legend.c
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

#define G_LOG_DOMAIN "atlas-map-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-map-legend.h"
#include "atlas-swatch.h"

#define N_ROWS ATLAS_INITIATIVE_LAYER_MAX_CLASSES

struct _AtlasMapLegend
{
  GtkWidget       parent_instance;

  GtkButton      *title_button;
  GtkImage       *expander_icon;
  GtkWidget      *body;
  GtkLabel       *empty_label;
  GtkGrid        *class_grid;
  AtlasSwatch    *bubble_swatch;
  AtlasSwatch    *point_swatch;

  AtlasSwatch    *swatches[N_ROWS];
  GtkLabel       *labels[N_ROWS];
};

G_DEFINE_FINAL_TYPE (AtlasMapLegend, atlas_map_legend, GTK_TYPE_WIDGET)

static void
on_title_button_clicked_cb (AtlasMapLegend *self)
{
  atlas_map_legend_set_expanded (self, !atlas_map_legend_get_expanded (self));
}

static void
atlas_map_legend_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_MAP_LEGEND);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_map_legend_parent_class)->dispose (object);
}

static void
atlas_map_legend_class_init (AtlasMapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_map_legend_dispose;

  g_type_ensure (ATLAS_TYPE_SWATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cooperationatlas/Atlas/ui/"
                                               "atlas-map-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, bubble_swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, class_grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, point_swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, title_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, expander_icon);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapLegend, body);
  gtk_widget_class_bind_template_callback (widget_class, on_title_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
atlas_map_legend_init (AtlasMapLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *swatch = atlas_swatch_new (FALSE);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "numeric");

      gtk_grid_attach (self->class_grid, swatch, 0, i, 1, 1);
      gtk_grid_attach (self->class_grid, label, 1, i, 1, 1);
      self->swatches[i] = ATLAS_SWATCH (swatch);
      self->labels[i] = GTK_LABEL (label);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->title_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, TRUE, -1);
}

GtkWidget *
atlas_map_legend_new (void)
{
  return g_object_new (ATLAS_TYPE_MAP_LEGEND, NULL);
}

void
atlas_map_legend_update (AtlasMapLegend       *self,
                         AtlasInitiativeLayer *layer)
{
  GdkRGBA color;
  guint n_classes;

  g_return_if_fail (ATLAS_IS_MAP_LEGEND (self));
  g_return_if_fail (ATLAS_IS_INITIATIVE_LAYER (layer));

  n_classes = atlas_initiative_layer_get_n_classes (layer);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n_classes == 0);

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *text = NULL;
      char min_text[32], max_text[32];
      guint min, max;

      gtk_widget_set_visible (GTK_WIDGET (self->swatches[i]), i < n_classes);
      gtk_widget_set_visible (GTK_WIDGET (self->labels[i]), i < n_classes);
      if (i >= n_classes)
        continue;

      atlas_initiative_layer_get_class (layer, i, &min, &max, &color);
      atlas_swatch_set_color (self->swatches[i], &color);
      g_snprintf (min_text, sizeof min_text, "%'u", min);
      g_snprintf (max_text, sizeof max_text, "%'u", max);

      if (min == max)
        /* Translators: a row of the map legend; %s is a number */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s initiative", "%s initiatives", max),
                                max_text);
      else
        /* Translators: a row of the map legend, a range of counts, e.g. "6–20 initiatives" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s–%s initiative",
                                             "%s–%s initiatives", max),
                                min_text, max_text);

      gtk_label_set_text (self->labels[i], text);
    }

  atlas_initiative_layer_get_bubble_color (layer, &color);
  atlas_swatch_set_color (self->bubble_swatch, &color);
  atlas_initiative_layer_get_point_color (layer, &color);
  atlas_swatch_set_color (self->point_swatch, &color);
}

const char *
atlas_map_legend_get_row_text (AtlasMapLegend *self,
                               guint           index)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LEGEND (self), NULL);
  g_return_val_if_fail (index < N_ROWS, NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->labels[index])))
    return NULL;

  return gtk_label_get_text (self->labels[index]);
}

gboolean
atlas_map_legend_get_expanded (AtlasMapLegend *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LEGEND (self), FALSE);

  return gtk_widget_get_visible (self->body);
}

/* Folded, only the title shows; a click on it unfolds the legend. */
void
atlas_map_legend_set_expanded (AtlasMapLegend *self,
                               gboolean        expanded)
{
  g_return_if_fail (ATLAS_IS_MAP_LEGEND (self));

  expanded = !!expanded;
  if (expanded == atlas_map_legend_get_expanded (self))
    return;

  gtk_widget_set_visible (self->body, expanded);
  gtk_image_set_from_icon_name (self->expander_icon,
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->title_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
}
