/* atlas-wrap-box.c
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

#define G_LOG_DOMAIN "atlas-wrap-box"

#include "config.h"

#include "atlas-wrap-box.h"

struct _AtlasWrapBox
{
  GtkWidget  parent_instance;

  guint      spacing;
};

G_DEFINE_FINAL_TYPE (AtlasWrapBox, atlas_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A child placed on the current line. */
typedef struct
{
  GtkWidget *child;
  int        width;
  int        height;
} Item;

static void
place_line (AtlasWrapBox *self,
            GArray       *line,
            int           width,
            int           y,
            int           line_height)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int x = 0;

  for (guint i = 0; i < line->len; i++)
    {
      const Item *item = &g_array_index (line, Item, i);
      GtkAllocation allocation;

      /* Each child at its own height, centred on the line. */
      allocation.x = rtl ? width - x - item->width : x;
      allocation.y = y + (line_height - item->height) / 2;
      allocation.width = item->width;
      allocation.height = item->height;
      gtk_widget_size_allocate (item->child, &allocation, -1);

      x += item->width + (int) self->spacing;
    }
}

/* Lays the children out in @width, allocating them when @allocate; returns
 * the height they take. */
static int
layout_children (AtlasWrapBox *self,
                 int           width,
                 gboolean      allocate)
{
  g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (Item));
  const int spacing = (int) self->spacing;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
  int line_width = 0;
  int line_height = 0;
  int y = 0;

  for (;;)
    {
      Item item = { NULL, 0, 0 };

      while (child != NULL && !gtk_widget_should_layout (child))
        child = gtk_widget_get_next_sibling (child);

      if (child != NULL)
        {
          int minimum = 0;
          int natural = 0;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                              &minimum, &natural, NULL, NULL);
          item.child = child;
          item.width = MAX (MIN (natural, width), minimum);
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, item.width,
                              NULL, &item.height, NULL, NULL);
        }

      /* The line ends with the children, or before one that does not fit. */
      if (child == NULL || (line->len > 0 && line_width + spacing + item.width > width))
        {
          if (allocate)
            place_line (self, line, width, y, line_height);

          y += line_height;
          if (child == NULL)
            break;

          y += spacing;
          line_width = 0;
          line_height = 0;
          g_array_set_size (line, 0);
        }

      line_width = line->len > 0 ? line_width + spacing + item.width : item.width;
      line_height = MAX (line_height, item.height);
      g_array_append_val (line, item);

      child = gtk_widget_get_next_sibling (child);
    }

  return y;
}

static void
measure_width (AtlasWrapBox *self,
               int          *minimum,
               int          *natural)
{
  guint n_children = 0;

  *minimum = 0;
  *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum = 0;
      int child_natural = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &child_minimum, &child_natural, NULL, NULL);

      /* As narrow as the widest child; naturally, all on one line. */
      *minimum = MAX (*minimum, child_minimum);
      *natural += child_natural + (n_children > 0 ? (int) self->spacing : 0);
      n_children++;
    }
}

static GtkSizeRequestMode
atlas_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
atlas_wrap_box_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  AtlasWrapBox *self = ATLAS_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_width (self, minimum, natural);
    }
  else
    {
      int width = for_size;

      if (width < 0)
        {
          int ignored = 0;

          measure_width (self, &ignored, &width);
        }

      *minimum = *natural = layout_children (self, width, FALSE);
    }
}

static void
atlas_wrap_box_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  layout_children (ATLAS_WRAP_BOX (widget), width, TRUE);
}

static void
atlas_wrap_box_dispose (GObject *object)
{
  atlas_wrap_box_remove_all (ATLAS_WRAP_BOX (object));

  G_OBJECT_CLASS (atlas_wrap_box_parent_class)->dispose (object);
}

static void
atlas_wrap_box_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasWrapBox *self = ATLAS_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_uint (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_wrap_box_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasWrapBox *self = ATLAS_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      atlas_wrap_box_set_spacing (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_wrap_box_class_init (AtlasWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_wrap_box_dispose;
  object_class->get_property = atlas_wrap_box_get_property;
  object_class->set_property = atlas_wrap_box_set_property;

  widget_class->get_request_mode = atlas_wrap_box_get_request_mode;
  widget_class->measure = atlas_wrap_box_measure;
  widget_class->size_allocate = atlas_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_uint ("spacing", NULL, NULL,
                       0, G_MAXINT16, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "atlas-wrap-box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_wrap_box_init (AtlasWrapBox *self)
{
}

GtkWidget *
atlas_wrap_box_new (void)
{
  return g_object_new (ATLAS_TYPE_WRAP_BOX, NULL);
}

void
atlas_wrap_box_append (AtlasWrapBox *self,
                       GtkWidget    *child)
{
  g_return_if_fail (ATLAS_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

void
atlas_wrap_box_insert_after (AtlasWrapBox *self,
                             GtkWidget    *child,
                             GtkWidget    *sibling)
{
  GtkWidget *parent;

  g_return_if_fail (ATLAS_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (sibling == NULL || gtk_widget_get_parent (sibling) == GTK_WIDGET (self));

  parent = gtk_widget_get_parent (child);
  g_return_if_fail (parent == NULL || parent == GTK_WIDGET (self));

  gtk_widget_insert_after (child, GTK_WIDGET (self), sibling);
  if (parent != NULL)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
atlas_wrap_box_remove (AtlasWrapBox *self,
                       GtkWidget    *child)
{
  g_return_if_fail (ATLAS_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  gtk_widget_unparent (child);
}

void
atlas_wrap_box_remove_all (AtlasWrapBox *self)
{
  GtkWidget *child;

  g_return_if_fail (ATLAS_IS_WRAP_BOX (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

guint
atlas_wrap_box_get_spacing (AtlasWrapBox *self)
{
  g_return_val_if_fail (ATLAS_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

void
atlas_wrap_box_set_spacing (AtlasWrapBox *self,
                            guint         spacing)
{
  g_return_if_fail (ATLAS_IS_WRAP_BOX (self));

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
