/* atlas-result-row.c
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

#define G_LOG_DOMAIN "atlas-result-row"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-enums.h"
#include "atlas-result-row.h"
#include "atlas-text.h"
#include "atlas-vocab.h"

/* Countries named before "+ N more". */
#define MAX_COUNTRIES_SHOWN 3

/* The SDG dots, in pixels. */
#define DOT_SIZE 10
#define DOT_SPACING 4

struct _AtlasResultRow
{
  GtkWidget        parent_instance;

  AtlasResultItem *item;
  guint32          sdgs;
  const char      *status_class;

  /* Template children */
  GtkImage        *countries_icon;
  GtkLabel        *countries_label;
  GtkBox          *lead_box;
  GtkLabel        *lead_label;
  GtkBox          *places_box;
  GtkDrawingArea  *sdg_area;
  GtkLabel        *status_label;
  GtkLabel        *title_label;
};

G_DEFINE_FINAL_TYPE (AtlasResultRow, atlas_result_row, GTK_TYPE_WIDGET)

static const GdkRGBA *
get_sdg_colors (void)
{
  static GdkRGBA colors[ATLAS_N_SDGS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const AtlasTerm *terms;
      guint n_terms = 0;

      terms = atlas_vocab_get_terms (atlas_vocab_get_default (), ATLAS_FACET_SDG, &n_terms);
      for (guint i = 0; i < ATLAS_N_SDGS; i++)
        {
          colors[i] = (GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.0f };
          for (guint t = 0; t < n_terms; t++)
            if (terms[t].bit == i && terms[t].color != NULL)
              gdk_rgba_parse (&colors[i], terms[t].color);
        }

      g_once_init_leave (&initialized, 1);
    }

  return colors;
}

static void
draw_sdg_dots (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  AtlasResultRow *self = user_data;
  const GdkRGBA *colors = get_sdg_colors ();
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (area)) == GTK_TEXT_DIR_RTL;
  GdkRGBA ring;
  guint drawn = 0;

  g_assert (ATLAS_IS_RESULT_ROW (self));

  /* A faint ring in the text colour keeps the dark goals (16, 17) visible
   * on the dark style's background. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &ring);
  ring.alpha *= 0.3f;
  cairo_set_line_width (cr, 1.0);

  for (guint i = 0; i < ATLAS_N_SDGS; i++)
    {
      double x;

      if ((self->sdgs & (1u << i)) == 0)
        continue;

      /* The first goal at the start of the line, whichever side that is. */
      x = drawn * (DOT_SIZE + DOT_SPACING) + DOT_SIZE / 2.0;
      if (rtl)
        x = width - x;

      cairo_arc (cr, x, height / 2.0, DOT_SIZE / 2.0 - 0.5, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &colors[i]);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_stroke (cr);
      drawn++;
    }
}

char *
atlas_result_row_format_countries (GPtrArray *countries)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autoptr(GString) names = g_string_new (NULL);
  guint shown;

  g_return_val_if_fail (countries != NULL, NULL);

  if (countries->len == 0)
    /* Translators: an initiative that names no country. */
    return g_strdup (C_("countries", "Global"));

  shown = MIN (countries->len, MAX_COUNTRIES_SHOWN);
  for (guint i = 0; i < shown; i++)
    {
      const char *code = g_ptr_array_index (countries, i);
      int index = atlas_vocab_find_country (vocab, code);

      if (i > 0)
        /* Translators: what separates the names of a list, as in "Kenya, Ghana". */
        g_string_append (names, C_("list separator", ", "));
      if (index >= 0)
        g_string_append (names, atlas_country_get_name (atlas_vocab_get_country (vocab, index)));
      else
        g_string_append (names, code);
    }

  if (countries->len > shown)
    {
      guint rest = countries->len - shown;

      /* Translators: %s is a list of up to three countries, %u the number
       * of the initiative's other countries, as in "Kenya, Ghana, Nigeria
       * + 4 more". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s + %u more", "%s + %u more", rest),
                              names->str, rest);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The ranges of @text that the search words match, as a highlight. */
static PangoAttrList *
make_highlight (const char         *text,
                const char * const *words)
{
  g_autoptr(GArray) ranges = NULL;
  PangoAttrList *attrs;

  if (text == NULL || words == NULL || words[0] == NULL)
    return NULL;

  ranges = g_array_new (FALSE, FALSE, sizeof (AtlasTextRange));
  if (atlas_text_find_matches (text, words, ranges) == 0)
    return NULL;

  /* Dark text on yellow reads well over both the light and the dark style,
   * and over the selected row's colour. */
  attrs = pango_attr_list_new ();
  for (guint i = 0; i < ranges->len; i++)
    {
      const AtlasTextRange *range = &g_array_index (ranges, AtlasTextRange, i);
      PangoAttribute *background = pango_attr_background_new (0xf8f8, 0xe4e4, 0x5c5c);
      PangoAttribute *foreground = pango_attr_foreground_new (0x1e1e, 0x1e1e, 0x1e1e);

      background->start_index = foreground->start_index = range->start;
      background->end_index = foreground->end_index = range->end;
      pango_attr_list_insert (attrs, background);
      pango_attr_list_insert (attrs, foreground);
    }

  return attrs;
}

static char *
format_sdg_numbers (guint32 sdgs)
{
  g_autoptr(GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < ATLAS_N_SDGS; i++)
    if (sdgs & (1u << i))
      {
        if (numbers->len > 0)
          g_string_append (numbers, C_("list separator", ", "));
        g_string_append_printf (numbers, "%u", i + 1);
      }

  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

static void
set_status_class (AtlasResultRow *self,
                  const char     *css_class)
{
  g_assert (ATLAS_IS_RESULT_ROW (self));

  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  self->status_class = css_class;
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
}

static const char *
get_status_class (AtlasStatus status)
{
  switch (status)
    {
    case ATLAS_STATUS_PLANNED:
      return "atlas-result-status-planned";
    case ATLAS_STATUS_ONGOING:
      return "atlas-result-status-ongoing";
    case ATLAS_STATUS_COMPLETED:
      return "atlas-result-status-completed";
    case ATLAS_STATUS_ARCHIVED:
      return "atlas-result-status-archived";
    case ATLAS_STATUS_UNKNOWN:
    case ATLAS_N_STATUSES:
    default:
      return NULL;
    }
}

static void
show_unavailable (AtlasResultRow *self,
                  const GError   *error)
{
  g_assert (ATLAS_IS_RESULT_ROW (self));

  gtk_label_set_text (self->title_label, error != NULL ? error->message : "");
  gtk_label_set_attributes (self->title_label, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->lead_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->places_box), FALSE);
  self->sdgs = 0;
  set_status_class (self, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error != NULL ? error->message : "",
                                  -1);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
show_initiative (AtlasResultRow     *self,
                 AtlasInitiative    *initiative,
                 const char * const *words)
{
  g_autoptr(PangoAttrList) highlight = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *countries = NULL;
  g_autofree char *sdg_numbers = NULL;
  const char *status;
  guint n_sdgs;

  g_assert (ATLAS_IS_RESULT_ROW (self));
  g_assert (initiative != NULL);

  /* Feed text is plain text: set as text, never parsed as markup. */
  gtk_label_set_text (self->title_label, initiative->title != NULL ? initiative->title : "");
  highlight = make_highlight (initiative->title, words);
  gtk_label_set_attributes (self->title_label, highlight);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");

  gtk_label_set_text (self->lead_label, initiative->lead_name != NULL ? initiative->lead_name : "");

  status = initiative->status != ATLAS_STATUS_UNKNOWN ? atlas_status_get_label (initiative->status)
                                                       : NULL;
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  set_status_class (self, get_status_class (initiative->status));
  gtk_widget_set_visible (GTK_WIDGET (self->lead_box),
                          initiative->lead_name != NULL || status != NULL);

  countries = atlas_result_row_format_countries (initiative->countries);
  gtk_label_set_text (self->countries_label, countries);
  gtk_widget_set_visible (GTK_WIDGET (self->places_box), TRUE);

  self->sdgs = initiative->sdgs & ((1u << ATLAS_N_SDGS) - 1);
  n_sdgs = 0;
  for (guint32 bits = self->sdgs; bits != 0; bits &= bits - 1)
    n_sdgs++;
  gtk_drawing_area_set_content_width (self->sdg_area,
                                      n_sdgs > 0 ? n_sdgs * (DOT_SIZE + DOT_SPACING) - DOT_SPACING
                                                 : 0);
  gtk_drawing_area_set_content_height (self->sdg_area, DOT_SIZE);
  gtk_widget_set_visible (GTK_WIDGET (self->sdg_area), n_sdgs > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->sdg_area));

  sdg_numbers = format_sdg_numbers (self->sdgs);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sdg_area), NULL);
  if (n_sdgs > 0)
    {
      g_autofree char *tooltip = NULL;

      /* Translators: %s is a list of goal numbers, as in "4, 9, 17". */
      tooltip = g_strdup_printf (_("Sustainable Development Goals: %s"), sdg_numbers);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sdg_area), tooltip);
    }

  /* What a screen reader says after the title: one sentence per part. */
  if (initiative->lead_name != NULL)
    /* Translators: %s is the name of the organisation that leads an initiative. */
    g_string_append_printf (description, _("Led by %s."), initiative->lead_name);
  if (description->len > 0)
    g_string_append_c (description, ' ');
  if (initiative->countries->len > 0)
    /* Translators: %s is a list of countries, as in "Kenya, Ghana + 2 more". */
    g_string_append_printf (description, _("Countries: %s."), countries);
  else
    g_string_append (description, _("Global."));
  if (status != NULL)
    {
      g_string_append_c (description, ' ');
      /* Translators: %s is a status such as "Ongoing". */
      g_string_append_printf (description, _("Status: %s."), status);
    }
  if (n_sdgs > 0)
    {
      g_string_append_c (description, ' ');
      /* Translators: %s is a list of goal numbers, as in "4, 9, 17". */
      g_string_append_printf (description, _("Sustainable Development Goals: %s."), sdg_numbers);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  initiative->title != NULL ? initiative->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
atlas_result_row_dispose (GObject *object)
{
  AtlasResultRow *self = ATLAS_RESULT_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->item);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_RESULT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_result_row_parent_class)->dispose (object);
}

static void
atlas_result_row_class_init (AtlasResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_result_row_dispose;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "atlasresultrow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, countries_icon);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, countries_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, lead_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, lead_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, places_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, sdg_area);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, title_label);
}

static void
atlas_result_row_init (AtlasResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->sdg_area, draw_sdg_dots, self, NULL);
}

GtkWidget *
atlas_result_row_new (void)
{
  return g_object_new (ATLAS_TYPE_RESULT_ROW, NULL);
}

AtlasResultItem *
atlas_result_row_get_item (AtlasResultRow *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ROW (self), NULL);

  return self->item;
}

void
atlas_result_row_set_item (AtlasResultRow  *self,
                           AtlasResultItem *item)
{
  AtlasInitiative *initiative;

  g_return_if_fail (ATLAS_IS_RESULT_ROW (self));
  g_return_if_fail (item == NULL || ATLAS_IS_RESULT_ITEM (item));

  if (!g_set_object (&self->item, item) || item == NULL)
    return;

  initiative = atlas_result_item_get_initiative (item);
  if (initiative != NULL)
    show_initiative (self, initiative, atlas_result_item_get_words (item));
  else
    show_unavailable (self, atlas_result_item_get_error (item));
}
