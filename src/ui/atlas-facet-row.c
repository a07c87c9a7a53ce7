/* atlas-facet-row.c
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

#define G_LOG_DOMAIN "atlas-facet-row"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-facet-row.h"

struct _AtlasFacetRow
{
  GtkWidget        parent_instance;

  AtlasFacetValue *value;
  gulong           count_handler;
  gulong           active_handler;

  /* The count takes as many characters as the widest it showed for this
   * value: an inscription, whose size does not follow its text, so that a
   * new count (some fifty rows of them on every filter change) is only
   * drawn again, not measured, and the window not laid out again. */
  guint            count_chars;

  /* Template children */
  GtkCheckButton  *check_button;
  GtkLabel        *code_label;
  GtkInscription  *count_label;
  GtkLabel        *name_label;
};

G_DEFINE_FINAL_TYPE (AtlasFacetRow, atlas_facet_row, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
atlas_facet_format_accessible_name (const char *name,
                                    guint       count)
{
  g_return_val_if_fail (name != NULL, NULL);

  /* Translators: the accessible name of a filter value: its name and how
   * many initiatives choosing it would show, e.g. "Quality Education, 12
   * initiatives". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u initiative", "%s, %u initiatives",
                                       count),
                          name, count);
}

static void
update_count (AtlasFacetRow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *display = NULL;
  const char *code;
  guint count;

  g_assert (ATLAS_IS_FACET_ROW (self));

  if (self->value == NULL)
    return;

  count = atlas_facet_value_get_count (self->value);
  text = g_strdup_printf ("%'u", count);
  if (g_utf8_strlen (text, -1) > self->count_chars)
    {
      self->count_chars = g_utf8_strlen (text, -1);
      gtk_inscription_set_min_chars (self->count_label, self->count_chars);
    }
  gtk_inscription_set_text (self->count_label, text);

  if (count == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }

  code = atlas_facet_value_get_code (self->value);
  if (code != NULL)
    /* Translators: a filter value with its code in front, as in "C7 ICT
     * applications" (WSIS Action Line C7) or "3 Safe, open digital space"
     * (GDC objective 3). */
    display = g_strdup_printf (C_("facet value with code", "%s %s"), code,
                               atlas_facet_value_get_name (self->value));
  else
    display = g_strdup (atlas_facet_value_get_name (self->value));

  accessible = atlas_facet_format_accessible_name (display, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
update_active (AtlasFacetRow *self)
{
  g_assert (ATLAS_IS_FACET_ROW (self));

  if (self->value == NULL)
    return;

  /* The toggled handler sees the two agree and stays quiet. */
  gtk_check_button_set_active (self->check_button, atlas_facet_value_get_active (self->value));
}

static void
on_value_notify_count_cb (AtlasFacetRow *self)
{
  update_count (self);
}

static void
on_value_notify_active_cb (AtlasFacetRow *self)
{
  update_active (self);
}

static void
on_check_button_toggled_cb (AtlasFacetRow  *self,
                            GtkCheckButton *button)
{
  g_assert (ATLAS_IS_FACET_ROW (self));

  if (self->value == NULL)
    return;

  if (gtk_check_button_get_active (button) != atlas_facet_value_get_active (self->value))
    g_signal_emit (self, signals[TOGGLED], 0);
}

static gboolean
on_check_button_query_tooltip_cb (AtlasFacetRow *self,
                                  int            x,
                                  int            y,
                                  gboolean       keyboard,
                                  GtkTooltip    *tooltip,
                                  GtkWidget     *button)
{
  const char *text = NULL;

  g_assert (ATLAS_IS_FACET_ROW (self));

  if (self->value == NULL)
    return FALSE;

  /* The whole name when a short one is shown, or when the name does not
   * fit; nothing when the row already says it all. */
  text = atlas_facet_value_get_full_name (self->value);
  if (text == NULL && pango_layout_is_ellipsized (gtk_label_get_layout (self->name_label)))
    text = atlas_facet_value_get_name (self->value);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
atlas_facet_row_grab_focus (GtkWidget *widget)
{
  AtlasFacetRow *self = ATLAS_FACET_ROW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->check_button));
}

static void
clear_value (AtlasFacetRow *self)
{
  if (self->value == NULL)
    return;

  self->count_chars = 0;
  g_clear_signal_handler (&self->count_handler, self->value);
  g_clear_signal_handler (&self->active_handler, self->value);
  g_clear_object (&self->value);
}

static void
atlas_facet_row_dispose (GObject *object)
{
  AtlasFacetRow *self = (AtlasFacetRow *) object;

  clear_value (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_FACET_ROW);

  G_OBJECT_CLASS (atlas_facet_row_parent_class)->dispose (object);
}

static void
atlas_facet_row_class_init (AtlasFacetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_facet_row_dispose;

  widget_class->grab_focus = atlas_facet_row_grab_focus;

  /**
   * AtlasFacetRow::toggled:
   *
   * The user checked or unchecked the value.
   */
  signals[TOGGLED] =
    g_signal_new ("toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-facet-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetRow, check_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetRow, name_label);
  gtk_widget_class_bind_template_callback (widget_class, on_check_button_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_button_toggled_cb);
}

static void
atlas_facet_row_init (AtlasFacetRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AtlasFacetRow *
atlas_facet_row_new (void)
{
  return g_object_new (ATLAS_TYPE_FACET_ROW, NULL);
}

AtlasFacetValue *
atlas_facet_row_get_value (AtlasFacetRow *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_ROW (self), NULL);

  return self->value;
}

void
atlas_facet_row_set_value (AtlasFacetRow   *self,
                           AtlasFacetValue *value)
{
  const char *code;
  const char *full_name;

  g_return_if_fail (ATLAS_IS_FACET_ROW (self));
  g_return_if_fail (value == NULL || ATLAS_IS_FACET_VALUE (value));

  if (self->value == value)
    return;

  clear_value (self);

  if (value == NULL)
    return;

  self->value = g_object_ref (value);
  self->count_handler = g_signal_connect_swapped (value, "notify::count",
                                                  G_CALLBACK (on_value_notify_count_cb), self);
  self->active_handler = g_signal_connect_swapped (value, "notify::active",
                                                   G_CALLBACK (on_value_notify_active_cb), self);

  code = atlas_facet_value_get_code (value);
  gtk_label_set_text (self->code_label, code != NULL ? code : "");
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), code != NULL);
  gtk_label_set_text (self->name_label, atlas_facet_value_get_name (value));

  full_name = atlas_facet_value_get_full_name (value);
  if (full_name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, full_name,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->check_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  update_count (self);
  update_active (self);
}
