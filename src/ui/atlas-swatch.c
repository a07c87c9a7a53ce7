/* atlas-swatch.c
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

#define G_LOG_DOMAIN "atlas-swatch"

#include "config.h"

#include "atlas-swatch.h"

#define SIZE 14

struct _AtlasSwatch
{
  GtkWidget parent_instance;

  GdkRGBA   color;
  gboolean  round;
};

G_DEFINE_FINAL_TYPE (AtlasSwatch, atlas_swatch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A square's edge: dark enough for the palest class on a light legend. */
static const GdkRGBA square_edge = { 0.0, 0.0, 0.0, 0.25 };
/* A disc's edge, as the marks on the map have. */
static const GdkRGBA round_edge = { 1.0, 1.0, 1.0, 0.9 };

static void
atlas_swatch_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = SIZE;
}

/* Colour and border nodes only: GTK 4.8's GL renderer keeps the image of a
 * cairo node under the node's address, and a new node that comes at the
 * address of a freed one of the same size (as the swatches' do) was drawn
 * with the old one's colours. */
static void
atlas_swatch_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  AtlasSwatch *self = ATLAS_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float side = MIN (width, height);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((width - side) / 2.0f, (height - side) / 2.0f,
                                               side, side);
  GskRoundedRect outline;
  const GdkRGBA *edge = self->round ? &round_edge : &square_edge;

  if (side <= 0)
    return;

  if (self->round)
    {
      /* A disc as wide as the marks' outline, half a pixel in. */
      graphene_rect_inset (&bounds, 0.5f, 0.5f);
      gsk_rounded_rect_init_from_rect (&outline, &bounds, bounds.size.width / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &self->color, &bounds);
      gtk_snapshot_pop (snapshot);
    }
  else
    {
      gsk_rounded_rect_init_from_rect (&outline, &bounds, 0.0f);
      gtk_snapshot_append_color (snapshot, &self->color, &bounds);
    }
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { 1.0f, 1.0f, 1.0f, 1.0f },
                              (GdkRGBA[4]) { *edge, *edge, *edge, *edge });
}

static void
atlas_swatch_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasSwatch *self = ATLAS_SWATCH (object);

  switch (prop_id)
    {
    case PROP_ROUND:
      g_value_set_boolean (value, self->round);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_swatch_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasSwatch *self = ATLAS_SWATCH (object);

  switch (prop_id)
    {
    case PROP_ROUND:
      self->round = g_value_get_boolean (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_swatch_class_init (AtlasSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_swatch_get_property;
  object_class->set_property = atlas_swatch_set_property;

  widget_class->measure = atlas_swatch_measure;
  widget_class->snapshot = atlas_swatch_snapshot;

  /* A sample beside the words that say what it shows: nothing to read. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);

  /**
   * AtlasSwatch:round:
   *
   * Whether the swatch is a disc (as the map's marks) rather than a square
   * (as its shaded countries).
   */
  properties[PROP_ROUND] =
    g_param_spec_boolean ("round", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_swatch_init (AtlasSwatch *self)
{
}

GtkWidget *
atlas_swatch_new (gboolean round)
{
  return g_object_new (ATLAS_TYPE_SWATCH, "round", round, NULL);
}

void
atlas_swatch_set_color (AtlasSwatch   *self,
                        const GdkRGBA *color)
{
  g_return_if_fail (ATLAS_IS_SWATCH (self));
  g_return_if_fail (color != NULL);

  /* Drawn again only when it changes: the legend is told of every result. */
  if (gdk_rgba_equal (&self->color, color))
    return;

  self->color = *color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
