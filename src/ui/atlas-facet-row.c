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

#include "atlas-count-label.h"
#include "atlas-damage-hint.h"
#include "atlas-facet-row.h"
#include "atlas-ui-format.h"

struct _AtlasFacetRow
{
  GtkWidget        parent_instance;

  AtlasFacetValue *value;
  gulong           count_handler;
  gulong           active_handler;

  /* The count takes as many characters as the largest count can have, or
   * the widest any row showed: a count label, whose size does not follow
   * its text, so that a new count (some fifty rows of them on every filter
   * change) is only drawn again, not measured, and the window not laid out
   * again. */
  guint            count_chars;

  /* The column of counts, from the count to the row's end: the counts of
   * rows one under the other change as one rectangle. */
  AtlasDamageHint  count_hint;

  /* Template children */
  GtkCheckButton  *check_button;
  GtkLabel        *code_label;
  AtlasCountLabel *count_label;
  GtkLabel        *name_label;
};

G_DEFINE_FINAL_TYPE (AtlasFacetRow, atlas_facet_row, GTK_TYPE_WIDGET)

/* The widest count reserved or shown, in characters: every row's count
 * takes as much, so that the counts stand in one column. */
static guint widest_count_chars = 1;
static GPtrArray *all_rows;

static void
set_count_chars (AtlasFacetRow *self,
                 guint          count_chars)
{
  if (self->count_chars != count_chars)
    {
      self->count_chars = count_chars;
      atlas_count_label_set_min_chars (self->count_label, count_chars);
    }
}

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
widen_counts (guint count_chars)
{
  if (count_chars <= widest_count_chars)
    return;

  widest_count_chars = count_chars;
  for (guint i = 0; all_rows != NULL && i < all_rows->len; i++)
    set_count_chars (g_ptr_array_index (all_rows, i), widest_count_chars);
}

/**
 * atlas_facet_row_reserve_count:
 * @largest: the largest count a value can have (the number of initiatives)
 *
 * Makes every row's count as wide as @largest written out, so that no
 * count a click brings widens the column (and lays the sidebar out again).
 */
void
atlas_facet_row_reserve_count (guint largest)
{
  widen_counts (atlas_format_count_chars (largest));
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
  text = atlas_format_count (count);
  widen_counts (g_utf8_strlen (text, -1));
  if (g_strcmp0 (atlas_count_label_get_text (self->count_label), text) != 0)
    {
      atlas_count_label_set_text (self->count_label, text);
      atlas_damage_hint_changed (&self->count_hint);
    }

  if (count == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "atlas-dim");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "atlas-dim");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "atlas-dim");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "atlas-dim");
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

static void
atlas_facet_row_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AtlasFacetRow *self = ATLAS_FACET_ROW (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_rect_t count, row;

  /* The list's row, around the tree expander around this. */
  while (parent != NULL && g_strcmp0 (gtk_widget_get_css_name (parent), "row") != 0)
    parent = gtk_widget_get_parent (parent);

  /* The column reaches over the list row's padding, to the next row's,
   * and from the count to the row's end (its left end right-to-left). */
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->count_label), widget, &count) &&
      parent != NULL && gtk_widget_compute_bounds (parent, widget, &row))
    {
      float start = count.origin.x;
      float end = row.origin.x + row.size.width;

      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        {
          start = row.origin.x;
          end = count.origin.x + count.size.width;
        }

      atlas_damage_hint_append (&self->count_hint, snapshot,
                                &GRAPHENE_RECT_INIT (start, row.origin.y, end - start,
                                                     row.size.height));
    }

  GTK_WIDGET_CLASS (atlas_facet_row_parent_class)->snapshot (widget, snapshot);
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

  g_clear_signal_handler (&self->count_handler, self->value);
  g_clear_signal_handler (&self->active_handler, self->value);
  g_clear_object (&self->value);
}

static void
atlas_facet_row_dispose (GObject *object)
{
  AtlasFacetRow *self = (AtlasFacetRow *) object;

  g_ptr_array_remove_fast (all_rows, self);
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

  g_type_ensure (ATLAS_TYPE_COUNT_LABEL);

  widget_class->grab_focus = atlas_facet_row_grab_focus;
  widget_class->snapshot = atlas_facet_row_snapshot;

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

  if (all_rows == NULL)
    all_rows = g_ptr_array_new ();
  g_ptr_array_add (all_rows, self);
  set_count_chars (self, widest_count_chars);
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
