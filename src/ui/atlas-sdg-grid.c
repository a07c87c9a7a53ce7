/* atlas-sdg-grid.c
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

#define G_LOG_DOMAIN "atlas-sdg-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-count-label.h"
#include "atlas-damage-hint.h"
#include "atlas-facet-row.h"
#include "atlas-sdg-grid.h"
#include "atlas-ui-format.h"
#include "atlas-vocab.h"

#define N_COLUMNS 3

/* WCAG 2 asks 4.5:1 for text of this size. */
#define MIN_TEXT_CONTRAST 4.5

typedef struct
{
  AtlasSdgGrid    *grid;
  AtlasFacetValue *value;
  GtkToggleButton *button;
  AtlasCountLabel *count_label;
  GtkWidget       *check_image;
  gulong           count_handler;
  gulong           active_handler;
} Tile;

struct _AtlasSdgGrid
{
  GtkWidget  parent_instance;

  GPtrArray *tiles;
  guint      focus_index;

  /* The counts take as many characters as the largest count can (see
   * atlas_sdg_grid_reserve_count ()), and the check mark its place when it
   * is hidden: no click widens a tile, nor the sidebar. */
  guint      count_chars;

  /* A click changes most of the seventeen counts, in three columns: the
   * grid changes as one rectangle. */
  AtlasDamageHint counts_hint;

  /* Template children */
  GtkGrid   *grid;
};

G_DEFINE_FINAL_TYPE (AtlasSdgGrid, atlas_sdg_grid, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
relative_luminance (const GdkRGBA *color)
{
  const float channels[3] = { color->red, color->green, color->blue };
  double linear[3];

  for (guint i = 0; i < 3; i++)
    linear[i] = channels[i] <= 0.03928 ? channels[i] / 12.92
                                       : pow ((channels[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

double
atlas_sdg_grid_contrast (const GdkRGBA *a,
                         const GdkRGBA *b)
{
  double la;
  double lb;

  g_return_val_if_fail (a != NULL && b != NULL, 1.0);

  la = relative_luminance (a);
  lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The tiles' colours come from the vocabulary: one rule per goal, with the
 * text colour chosen for contrast. */
static void
ensure_colors (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  const GdkRGBA white = { 1.0, 1.0, 1.0, 1.0 };
  const AtlasTerm *terms;
  guint n_terms = 0;

  if (g_object_get_data (G_OBJECT (display), "atlas-sdg-colors") != NULL)
    return;

  css = g_string_new (NULL);
  terms = atlas_vocab_get_terms (atlas_vocab_get_default (), ATLAS_FACET_SDG, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      GdkRGBA color;
      gboolean light_text;

      if (terms[i].color == NULL || !gdk_rgba_parse (&color, terms[i].color))
        continue;

      light_text = atlas_sdg_grid_contrast (&color, &white) >= MIN_TEXT_CONTRAST;
      g_string_append_printf (css,
                              ".atlas-sdg-tile.atlas-sdg-%s { background-color: %s; color: %s; }\n",
                              terms[i].id, terms[i].color,
                              light_text ? "#ffffff" : "#1a1a1a");
    }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "atlas-sdg-colors",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
tile_update_count (Tile *tile)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  guint count = atlas_facet_value_get_count (tile->value);

  text = atlas_format_count (count);
  if (g_strcmp0 (atlas_count_label_get_text (tile->count_label), text) != 0)
    {
      atlas_count_label_set_text (tile->count_label, text);
      atlas_damage_hint_changed (&tile->grid->counts_hint);
    }

  if (count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (tile->button), "atlas-sdg-empty");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (tile->button), "atlas-sdg-empty");

  /* Translators: a Sustainable Development Goal with its number, as in
   * "SDG 4: Quality Education". */
  title = g_strdup_printf (_("SDG %s: %s"), atlas_facet_value_get_value (tile->value),
                           atlas_facet_value_get_name (tile->value));
  accessible = atlas_facet_format_accessible_name (title, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* Setting a tooltip asks the X server where the pointer is: not again on
   * every change of the count, when the text stays. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (tile->button)), title) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (tile->button), title);
}

static void
tile_update_active (Tile *tile)
{
  gboolean active = atlas_facet_value_get_active (tile->value);

  /* The toggled handler sees the two agree and stays quiet. */
  gtk_toggle_button_set_active (tile->button, active);
  gtk_widget_set_opacity (tile->check_image, active ? 1.0 : 0.0);
}

static void
on_value_notify_count_cb (Tile *tile)
{
  tile_update_count (tile);
}

static void
on_value_notify_active_cb (Tile *tile)
{
  tile_update_active (tile);
}

/* The grid is one stop for Tab: only one tile is focusable at a time. */
static void
set_focus_index (AtlasSdgGrid *self,
                 guint         index)
{
  g_assert (index < self->tiles->len);

  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      gtk_widget_set_focusable (GTK_WIDGET (tile->button), i == index);
    }

  self->focus_index = index;
}

static void
on_tile_toggled_cb (GtkToggleButton *button,
                    Tile            *tile)
{
  AtlasSdgGrid *self = tile->grid;
  guint index;

  gtk_widget_set_visible (tile->check_image, gtk_toggle_button_get_active (button));

  /* Only the user's toggles: the value's own changes pass through here too. */
  if (gtk_toggle_button_get_active (button) == atlas_facet_value_get_active (tile->value))
    return;

  /* Tab comes back to the tile used last. */
  if (g_ptr_array_find (self->tiles, tile, &index))
    set_focus_index (self, index);

  g_signal_emit (self, signals[TOGGLED], 0, tile->value);
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_signal_handler (&tile->count_handler, tile->value);
  g_clear_signal_handler (&tile->active_handler, tile->value);
  g_clear_object (&tile->value);
  g_free (tile);
}

static Tile *
tile_new (AtlasSdgGrid    *self,
          AtlasFacetValue *value)
{
  Tile *tile = g_new0 (Tile, 1);
  g_autofree char *color_class = NULL;
  GtkWidget *box;
  GtkWidget *top;
  GtkWidget *overlay;
  GtkWidget *number;
  GtkWidget *name;

  tile->grid = self;
  tile->value = g_object_ref (value);

  number = g_object_new (GTK_TYPE_LABEL,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                         "label", atlas_facet_value_get_value (value),
                         "xalign", 0.0f,
                         "hexpand", TRUE,
                         "css-classes", (const char * const[]) { "atlas-sdg-number", NULL },
                         NULL);
  tile->count_label = g_object_new (ATLAS_TYPE_COUNT_LABEL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "valign", GTK_ALIGN_START,
                                    "min-chars", self->count_chars,
                                    "css-classes", (const char * const[]) { "atlas-sdg-count",
                                                                            "numeric", NULL },
                                    NULL);
  name = g_object_new (GTK_TYPE_LABEL,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       "label", atlas_facet_value_get_name (value),
                       "xalign", 0.0f,
                       "yalign", 0.0f,
                       "vexpand", TRUE,
                       "wrap", TRUE,
                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                       "lines", 4,
                       "ellipsize", PANGO_ELLIPSIZE_END,
                       "width-chars", 1,
                       "max-width-chars", 9,
                       "css-classes", (const char * const[]) { "atlas-sdg-name", NULL },
                       NULL);
  tile->check_image = g_object_new (GTK_TYPE_IMAGE,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "icon-name", "object-select-symbolic",
                                    "halign", GTK_ALIGN_END,
                                    "valign", GTK_ALIGN_START,
                                    "opacity", 0.0,
                                    "css-classes",
                                    (const char * const[]) { "atlas-sdg-check", NULL },
                                    NULL);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (top), number);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (tile->count_label));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), name);

  /* The check mark on the tile's outer corner, away from its name and
   * count (style.css): checking a goal neither widens its tile (and the
   * sidebar) nor wraps its name again. */
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), box);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), tile->check_image);

  color_class = g_strdup_printf ("atlas-sdg-%s", atlas_facet_value_get_value (value));
  tile->button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                               "child", overlay,
                               "focusable", FALSE,
                               "css-classes", (const char * const[]) { "atlas-sdg-tile",
                                                                       color_class, NULL },
                               NULL);
  g_signal_connect (tile->button, "toggled", G_CALLBACK (on_tile_toggled_cb), tile);

  tile->count_handler = g_signal_connect_swapped (value, "notify::count",
                                                  G_CALLBACK (on_value_notify_count_cb), tile);
  tile->active_handler = g_signal_connect_swapped (value, "notify::active",
                                                   G_CALLBACK (on_value_notify_active_cb), tile);

  tile_update_count (tile);
  tile_update_active (tile);

  return tile;
}

static int
get_focused_index (AtlasSdgGrid *self)
{
  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      if (gtk_widget_is_focus (GTK_WIDGET (tile->button)))
        return (int) i;
    }

  return -1;
}

static gboolean
on_key_pressed_cb (AtlasSdgGrid          *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  int n = (int) self->tiles->len;
  int current = get_focused_index (self);
  int step;
  int target;
  Tile *tile;

  g_assert (ATLAS_IS_SDG_GRID (self));

  if (current < 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  /* Right to left, the grid puts the first column on the right. */
  step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      target = current - step;
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = current + step;
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = current - N_COLUMNS;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = current + N_COLUMNS;
      break;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = 0;
      break;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = n - 1;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  /* At an edge the focus stays on its tile. */
  if (target < 0 || target >= n)
    return GDK_EVENT_STOP;

  set_focus_index (self, (guint) target);
  tile = g_ptr_array_index (self->tiles, target);
  gtk_widget_grab_focus (GTK_WIDGET (tile->button));

  return GDK_EVENT_STOP;
}

static void
atlas_sdg_grid_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_sdg_grid_parent_class)->root (widget);

  ensure_colors (widget);
}

static void
atlas_sdg_grid_dispose (GObject *object)
{
  AtlasSdgGrid *self = (AtlasSdgGrid *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SDG_GRID);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_sdg_grid_parent_class)->dispose (object);
}

static void
atlas_sdg_grid_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AtlasSdgGrid *self = ATLAS_SDG_GRID (widget);

  atlas_damage_hint_append_widget (&self->counts_hint, snapshot, widget);

  GTK_WIDGET_CLASS (atlas_sdg_grid_parent_class)->snapshot (widget, snapshot);
}

static void
atlas_sdg_grid_class_init (AtlasSdgGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_sdg_grid_dispose;

  widget_class->root = atlas_sdg_grid_root;
  widget_class->snapshot = atlas_sdg_grid_snapshot;

  /**
   * AtlasSdgGrid::toggled:
   * @value: the AtlasFacetValue of the goal the user toggled
   */
  signals[TOGGLED] =
    g_signal_new ("toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ATLAS_TYPE_FACET_VALUE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-sdg-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSdgGrid, grid);
}

static void
atlas_sdg_grid_init (AtlasSdgGrid *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tiles = g_ptr_array_new_with_free_func (tile_free);
  self->count_chars = 1;

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), controller);
}

AtlasSdgGrid *
atlas_sdg_grid_new (void)
{
  return g_object_new (ATLAS_TYPE_SDG_GRID, NULL);
}

void
atlas_sdg_grid_set_values (AtlasSdgGrid *self,
                           GPtrArray    *values)
{
  GtkWidget *child;

  g_return_if_fail (ATLAS_IS_SDG_GRID (self));
  g_return_if_fail (values != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->tiles, 0);

  for (guint i = 0; i < values->len; i++)
    {
      Tile *tile = tile_new (self, g_ptr_array_index (values, i));

      g_ptr_array_add (self->tiles, tile);
      gtk_grid_attach (self->grid, GTK_WIDGET (tile->button),
                       (int) (i % N_COLUMNS), (int) (i / N_COLUMNS), 1, 1);
    }

  if (self->tiles->len > 0)
    set_focus_index (self, 0);
}

static Tile *
find_tile (AtlasSdgGrid *self,
           const char   *value)
{
  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      if (g_strcmp0 (atlas_facet_value_get_value (tile->value), value) == 0)
        return tile;
    }

  return NULL;
}

GtkWidget *
atlas_sdg_grid_get_tile (AtlasSdgGrid *self,
                         const char   *value)
{
  Tile *tile;

  g_return_val_if_fail (ATLAS_IS_SDG_GRID (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  tile = find_tile (self, value);

  return tile != NULL ? GTK_WIDGET (tile->button) : NULL;
}

const char *
atlas_sdg_grid_get_count_text (AtlasSdgGrid *self,
                               const char   *value)
{
  Tile *tile;

  g_return_val_if_fail (ATLAS_IS_SDG_GRID (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  tile = find_tile (self, value);

  return tile != NULL ? atlas_count_label_get_text (tile->count_label) : NULL;
}

/**
 * atlas_sdg_grid_reserve_count:
 * @self: a grid
 * @largest: the largest count a goal can have (the number of initiatives)
 *
 * Makes every tile's count as wide as @largest written out.
 */
void
atlas_sdg_grid_reserve_count (AtlasSdgGrid *self,
                              guint         largest)
{
  g_return_if_fail (ATLAS_IS_SDG_GRID (self));

  self->count_chars = atlas_format_count_chars (largest);
  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      atlas_count_label_set_min_chars (tile->count_label, self->count_chars);
    }
}
