/* atlas-facet-section.c
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

#define G_LOG_DOMAIN "atlas-facet-section"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-facet-section.h"

struct _AtlasFacetSection
{
  GtkWidget    parent_instance;

  char        *title;
  char        *status;

  /* Template children */
  GtkImage    *arrow_image;
  GtkButton   *clear_button;
  GtkButton   *expander_button;
  GtkBox      *header_box;
  GtkRevealer *revealer;
  GtkLabel    *status_label;
  GtkLabel    *subtitle_label;
  GtkLabel    *title_label;
};

G_DEFINE_FINAL_TYPE (AtlasFacetSection, atlas_facet_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_STATUS,
  PROP_EXPANDED,
  PROP_CAN_CLEAR,
  PROP_CHILD,
  N_PROPS
};

enum {
  CLEAR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_accessible (AtlasFacetSection *self)
{
  g_autofree char *header = NULL;
  g_autofree char *clear = NULL;
  const char *title = self->title != NULL ? self->title : "";
  gboolean expanded = gtk_revealer_get_reveal_child (self->revealer);

  if (self->status != NULL)
    /* Translators: the accessible name of a filter section's header: its
     * title and what is chosen in it, as in "Status, 2 selected". */
    header = g_strdup_printf (C_("filter section", "%s, %s"), title, self->status);
  else
    header = g_strdup (title);

  /* Translators: the accessible name of the button that clears one filter,
   * as in "Clear Status". */
  clear = g_strdup_printf (_("Clear %s"), title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, header,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->expander_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
on_expander_button_clicked_cb (AtlasFacetSection *self,
                               GtkButton         *button)
{
  atlas_facet_section_set_expanded (self, !atlas_facet_section_get_expanded (self));
}

static void
on_clear_button_clicked_cb (AtlasFacetSection *self,
                            GtkButton         *button)
{
  /* The button is about to hide: keep the focus in the section. */
  if (gtk_widget_has_focus (GTK_WIDGET (button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->expander_button));

  g_signal_emit (self, signals[CLEAR], 0);
}

static void
atlas_facet_section_dispose (GObject *object)
{
  AtlasFacetSection *self = (AtlasFacetSection *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_FACET_SECTION);

  G_OBJECT_CLASS (atlas_facet_section_parent_class)->dispose (object);
}

static void
atlas_facet_section_finalize (GObject *object)
{
  AtlasFacetSection *self = (AtlasFacetSection *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (atlas_facet_section_parent_class)->finalize (object);
}

static void
atlas_facet_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasFacetSection *self = ATLAS_FACET_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, gtk_label_get_text (self->subtitle_label));
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, atlas_facet_section_get_expanded (self));
      break;

    case PROP_CAN_CLEAR:
      g_value_set_boolean (value, atlas_facet_section_get_can_clear (self));
      break;

    case PROP_CHILD:
      g_value_set_object (value, atlas_facet_section_get_child (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_facet_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AtlasFacetSection *self = ATLAS_FACET_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      atlas_facet_section_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      atlas_facet_section_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      atlas_facet_section_set_status (self, g_value_get_string (value));
      break;

    case PROP_EXPANDED:
      atlas_facet_section_set_expanded (self, g_value_get_boolean (value));
      break;

    case PROP_CAN_CLEAR:
      atlas_facet_section_set_can_clear (self, g_value_get_boolean (value));
      break;

    case PROP_CHILD:
      atlas_facet_section_set_child (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_facet_section_class_init (AtlasFacetSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_facet_section_dispose;
  object_class->finalize = atlas_facet_section_finalize;
  object_class->get_property = atlas_facet_section_get_property;
  object_class->set_property = atlas_facet_section_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CLEAR] =
    g_param_spec_boolean ("can-clear", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasFacetSection::clear:
   *
   * The user asked to clear this filter.
   */
  signals[CLEAR] =
    g_signal_new ("clear",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-facet-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, arrow_image);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, clear_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, expander_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, header_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, status_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetSection, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_expander_button_clicked_cb);
}

static void
atlas_facet_section_init (AtlasFacetSection *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  update_accessible (self);
}

AtlasFacetSection *
atlas_facet_section_new (void)
{
  return g_object_new (ATLAS_TYPE_FACET_SECTION, NULL);
}

const char *
atlas_facet_section_get_title (AtlasFacetSection *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_SECTION (self), NULL);

  return self->title;
}

void
atlas_facet_section_set_title (AtlasFacetSection *self,
                               const char        *title)
{
  g_return_if_fail (ATLAS_IS_FACET_SECTION (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
atlas_facet_section_set_subtitle (AtlasFacetSection *self,
                                  const char        *subtitle)
{
  g_return_if_fail (ATLAS_IS_FACET_SECTION (self));

  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');

  if (subtitle != NULL && *subtitle != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->expander_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
atlas_facet_section_get_status (AtlasFacetSection *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_SECTION (self), NULL);

  return self->status;
}

void
atlas_facet_section_set_status (AtlasFacetSection *self,
                                const char        *status)
{
  g_return_if_fail (ATLAS_IS_FACET_SECTION (self));

  if (status != NULL && *status == '\0')
    status = NULL;

  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gboolean
atlas_facet_section_get_expanded (AtlasFacetSection *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_SECTION (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
atlas_facet_section_set_expanded (AtlasFacetSection *self,
                                  gboolean           expanded)
{
  g_return_if_fail (ATLAS_IS_FACET_SECTION (self));

  expanded = !!expanded;
  if (atlas_facet_section_get_expanded (self) == expanded)
    return;

  gtk_revealer_set_reveal_child (self->revealer, expanded);
  gtk_image_set_from_icon_name (self->arrow_image,
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

gboolean
atlas_facet_section_get_can_clear (AtlasFacetSection *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_SECTION (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->clear_button));
}

void
atlas_facet_section_set_can_clear (AtlasFacetSection *self,
                                   gboolean           can_clear)
{
  g_return_if_fail (ATLAS_IS_FACET_SECTION (self));

  can_clear = !!can_clear;
  if (atlas_facet_section_get_can_clear (self) == can_clear)
    return;

  if (!can_clear && gtk_widget_has_focus (GTK_WIDGET (self->clear_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->expander_button));

  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), can_clear);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CLEAR]);
}

GtkWidget *
atlas_facet_section_get_child (AtlasFacetSection *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_SECTION (self), NULL);

  return gtk_revealer_get_child (self->revealer);
}

void
atlas_facet_section_set_child (AtlasFacetSection *self,
                               GtkWidget         *child)
{
  g_return_if_fail (ATLAS_IS_FACET_SECTION (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (gtk_revealer_get_child (self->revealer) == child)
    return;

  gtk_revealer_set_child (self->revealer, child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
