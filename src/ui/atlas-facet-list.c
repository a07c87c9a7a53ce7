/* atlas-facet-list.c
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

#define G_LOG_DOMAIN "atlas-facet-list"

#include "config.h"

#include "atlas-facet-list.h"
#include "atlas-facet-row.h"

struct _AtlasFacetList
{
  GtkWidget          parent_instance;

  GListModel        *values;
  GtkTreeListModel  *tree;
  gboolean           is_tree;

  /* Template children */
  GtkListView       *list_view;
  GtkScrolledWindow *scrolled_window;
};

G_DEFINE_FINAL_TYPE (AtlasFacetList, atlas_facet_list, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children = atlas_facet_value_get_children (item);

  return children != NULL ? g_object_ref (children) : NULL;
}

static void
on_row_toggled_cb (AtlasFacetList *self,
                   AtlasFacetRow  *row)
{
  AtlasFacetValue *value = atlas_facet_row_get_value (row);

  if (value != NULL)
    g_signal_emit (self, signals[TOGGLED], 0, value);
}

/* The list view gives the focus to the first widget of a row, the
 * expander; the check button is what Space toggles and what a screen
 * reader should read, so the focus goes on to it. */
static void
on_expander_focus_enter_cb (GtkEventControllerFocus *controller)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (gtk_widget_is_focus (expander))
    gtk_widget_grab_focus (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AtlasFacetList           *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  AtlasFacetRow *row = atlas_facet_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (on_expander_focus_enter_cb), NULL);
  gtk_widget_add_controller (expander, focus);

  g_signal_connect_object (row, "toggled", G_CALLBACK (on_row_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), GTK_WIDGET (row));
  gtk_list_item_set_child (list_item, expander);
  /* The check button inside is what takes focus and toggles. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    AtlasFacetList           *self)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  AtlasFacetRow *row = ATLAS_FACET_ROW (gtk_tree_expander_get_child (expander));

  gtk_tree_expander_set_indent_for_icon (expander, self->is_tree);

  /* A flat list passes the values themselves through, a tree wraps them. */
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(AtlasFacetValue) value = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));

      gtk_tree_expander_set_list_row (expander, GTK_TREE_LIST_ROW (item));
      atlas_facet_row_set_value (row, value);
    }
  else
    atlas_facet_row_set_value (row, ATLAS_FACET_VALUE (item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      AtlasFacetList           *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));

  atlas_facet_row_set_value (ATLAS_FACET_ROW (gtk_tree_expander_get_child (expander)), NULL);
  gtk_tree_expander_set_list_row (expander, NULL);
}

/* The tree row of the focused row, if the focus is in this list. */
static GtkTreeListRow *
get_focused_tree_row (AtlasFacetList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *widget = focus;
       widget != NULL && widget != GTK_WIDGET (self);
       widget = gtk_widget_get_parent (widget))
    if (GTK_IS_TREE_EXPANDER (widget))
      return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (widget));

  return NULL;
}

static gboolean
on_key_pressed_cb (AtlasFacetList        *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkTreeListRow *tree_row;
  gboolean rtl;
  int expand = -1;

  g_assert (ATLAS_IS_FACET_LIST (self));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      expand = !rtl;
      break;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      expand = rtl;
      break;

    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      expand = TRUE;
      break;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      expand = FALSE;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  tree_row = get_focused_tree_row (self);
  if (tree_row == NULL || !gtk_tree_list_row_is_expandable (tree_row))
    return GDK_EVENT_PROPAGATE;

  gtk_tree_list_row_set_expanded (tree_row, expand);
  return GDK_EVENT_STOP;
}

/* One stop for Tab: entering goes to the row that had the focus last (the
 * first one at first), leaving goes on to what follows the list. */
static gboolean
atlas_facet_list_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  AtlasFacetList *self = ATLAS_FACET_LIST (widget);
  GtkRoot *root;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (atlas_facet_list_parent_class)->focus (widget, direction);

  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;

  if (self->tree == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0)
    return FALSE;

  if (!gtk_widget_grab_focus (GTK_WIDGET (self->list_view)))
    return FALSE;

  /* The list view takes the focus itself until a row has had it. */
  root = gtk_widget_get_root (widget);
  if (root != NULL && gtk_root_get_focus (root) == GTK_WIDGET (self->list_view))
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);

  return TRUE;
}

static void
atlas_facet_list_dispose (GObject *object)
{
  AtlasFacetList *self = (AtlasFacetList *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_FACET_LIST);
  g_clear_object (&self->tree);
  g_clear_object (&self->values);

  G_OBJECT_CLASS (atlas_facet_list_parent_class)->dispose (object);
}

static void
atlas_facet_list_class_init (AtlasFacetListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_facet_list_dispose;

  widget_class->focus = atlas_facet_list_focus;

  /**
   * AtlasFacetList::toggled:
   * @value: the AtlasFacetValue the user checked or unchecked
   */
  signals[TOGGLED] =
    g_signal_new ("toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ATLAS_TYPE_FACET_VALUE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-facet-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetList, list_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasFacetList, scrolled_window);
}

static void
atlas_facet_list_init (AtlasFacetList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  /* Before the list view's own bindings, which take the arrows too. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

AtlasFacetList *
atlas_facet_list_new (void)
{
  return g_object_new (ATLAS_TYPE_FACET_LIST, NULL);
}

void
atlas_facet_list_set_model (AtlasFacetList *self,
                            GListModel     *values,
                            gboolean        tree)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (ATLAS_IS_FACET_LIST (self));
  g_return_if_fail (values == NULL || G_IS_LIST_MODEL (values));

  g_set_object (&self->values, values);
  g_clear_object (&self->tree);
  self->is_tree = !!tree;

  if (values == NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      return;
    }

  /* Flat, the values go through as they are: when they move (organisations
   * sorted by count), the list view finds their rows again instead of
   * making new ones. */
  self->tree = gtk_tree_list_model_new (g_object_ref (values), !tree, FALSE,
                                        create_children_cb, NULL, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

GListModel *
atlas_facet_list_get_model (AtlasFacetList *self)
{
  g_return_val_if_fail (ATLAS_IS_FACET_LIST (self), NULL);

  return self->values;
}

void
atlas_facet_list_set_max_height (AtlasFacetList *self,
                                 int             height)
{
  g_return_if_fail (ATLAS_IS_FACET_LIST (self));
  g_return_if_fail (height == -1 || height > 0);

  gtk_scrolled_window_set_max_content_height (self->scrolled_window, height);
  gtk_scrolled_window_set_policy (self->scrolled_window, GTK_POLICY_NEVER,
                                  height > 0 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
}

void
atlas_facet_list_set_label (AtlasFacetList *self,
                            const char     *label)
{
  g_return_if_fail (ATLAS_IS_FACET_LIST (self));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

gboolean
atlas_facet_list_set_expanded (AtlasFacetList  *self,
                               AtlasFacetValue *value,
                               gboolean         expanded)
{
  guint n;

  g_return_val_if_fail (ATLAS_IS_FACET_LIST (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_FACET_VALUE (value), FALSE);

  if (self->tree == NULL)
    return FALSE;

  if (!self->is_tree)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) tree_row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(AtlasFacetValue) item = gtk_tree_list_row_get_item (tree_row);

      if (item == value)
        {
          if (!gtk_tree_list_row_is_expandable (tree_row))
            return FALSE;

          gtk_tree_list_row_set_expanded (tree_row, expanded);
          return TRUE;
        }
    }

  return FALSE;
}

GPtrArray *
atlas_facet_list_list_shown (AtlasFacetList *self,
                             GArray         *depths)
{
  GPtrArray *shown;
  guint n;

  g_return_val_if_fail (ATLAS_IS_FACET_LIST (self), NULL);

  shown = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->tree == NULL)
    return shown;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      guint depth = 0;

      if (self->is_tree)
        {
          g_autoptr(GtkTreeListRow) tree_row = gtk_tree_list_model_get_row (self->tree, i);

          g_ptr_array_add (shown, gtk_tree_list_row_get_item (tree_row));
          depth = gtk_tree_list_row_get_depth (tree_row);
        }
      else
        g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (self->tree), i));

      if (depths != NULL)
        g_array_append_val (depths, depth);
    }

  return shown;
}
