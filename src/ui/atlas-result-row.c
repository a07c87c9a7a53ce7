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

#include "atlas-cached-label.h"
#include "atlas-enums.h"
#include "atlas-image-paintable.h"
#include "atlas-result-row.h"
#include "atlas-text.h"
#include "atlas-vocab.h"

/* Countries named before "+ N more". */
#define MAX_COUNTRIES_SHOWN 3

/* The SDG dots, in pixels. */
#define DOT_SIZE 10
#define DOT_SPACING 4

/* Between the lines of a row, and between the parts of a line, in pixels. */
#define LINE_SPACING 3
#define LEAD_SPACING 8
#define PLACES_SPACING 6

/* A row is laid out by hand, at a height that does not depend on what it
 * shows: its texts are AtlasCachedLabels (and the status a GtkInscription),
 * which are not measured by their text, and the SDG dots are drawn by the
 * row.  A cached label draws a title, organisation or list of countries
 * shown before, in any row, from the layout made then.  So showing another
 * initiative only redraws the row, and a new result never makes GTK 4.8
 * measure the list's two hundred rows again (with labels, that was most of
 * a filter change's time at 100,000 initiatives).  A row off screen (the
 * list keeps about two hundred, of which a dozen are seen) shows its item
 * only when it is mapped. */
struct _AtlasResultRow
{
  GtkWidget        parent_instance;

  AtlasResultItem *item;
  guint32          sdgs;
  guint            n_sdgs;
  const char      *status_class;
  gboolean         stale;
  gboolean         has_places;

  /* From the last allocation: the area of the dots drawn, and how many. */
  graphene_rect_t  dots_area;
  guint            n_dots_shown;

  /* Template children */
  GtkImage        *countries_icon;
  AtlasCachedLabel *countries_label;
  AtlasCachedLabel *lead_label;
  GtkInscription   *status_label;
  AtlasCachedLabel *title_label;
};

G_DEFINE_FINAL_TYPE (AtlasResultRow, atlas_result_row, GTK_TYPE_WIDGET)

static char *format_sdg_numbers (guint32 sdgs);
static const char *get_status_background (const char *css_class);

static gboolean
on_query_tooltip_cb (AtlasResultRow *self,
                     int             x,
                     int             y,
                     gboolean        keyboard_mode,
                     GtkTooltip     *tooltip)
{
  g_autofree char *sdg_numbers = NULL;
  g_autofree char *text = NULL;
  GdkRectangle area;

  if (self->n_dots_shown == 0 ||
      !graphene_rect_contains_point (&self->dots_area, &GRAPHENE_POINT_INIT (x, y)))
    return FALSE;

  area = (GdkRectangle) {
    floorf (self->dots_area.origin.x), floorf (self->dots_area.origin.y),
    ceilf (self->dots_area.size.width), ceilf (self->dots_area.size.height)
  };
  gtk_tooltip_set_tip_area (tooltip, &area);

  sdg_numbers = format_sdg_numbers (self->sdgs);
  /* Translators: %s is a list of goal numbers, as in "4, 9, 17". */
  text = g_strdup_printf (_("Sustainable Development Goals: %s"), sdg_numbers);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

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

/* The goals' dots and the status's pill are drawn once into small images,
 * for each colour, size and scale, and the rows draw the images.  GTK
 * draws a rounded clip around a colour, a round border or a rounded
 * background through cairo's path clipping, on every frame: 0.1 M
 * instructions each, some 2.5 M of a click for the rows in sight. */
#define MAX_IMAGES 256

typedef enum {
  IMAGE_DOT,
  IMAGE_PILL,
} ImageKind;

typedef struct
{
  ImageKind kind;
  guint     goal;                 /* dots */
  guint32   color;                /* the dot's ring, or the pill, packed */
  int       width;
  int       height;
  int       scale;
  gboolean  as_surface;
} ImageKey;

static GHashTable *images;        /* ImageKey → AtlasImagePaintable */

static guint32
pack_color (const GdkRGBA *color)
{
  return ((guint32) (CLAMP (color->red, 0.f, 1.f) * 255.f + .5f) << 24) |
         ((guint32) (CLAMP (color->green, 0.f, 1.f) * 255.f + .5f) << 16) |
         ((guint32) (CLAMP (color->blue, 0.f, 1.f) * 255.f + .5f) << 8) |
         (guint32) (CLAMP (color->alpha, 0.f, 1.f) * 255.f + .5f);
}

static guint
image_key_hash (gconstpointer data)
{
  const ImageKey *key = data;

  return key->color ^ (guint) key->kind * 7919u ^ key->goal * 31u ^
         (guint) key->width * 65599u ^ (guint) key->height * 257u ^ (guint) key->scale ^
         (guint) key->as_surface << 30;
}

static gboolean
image_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const ImageKey *key_a = a;
  const ImageKey *key_b = b;

  return key_a->kind == key_b->kind && key_a->goal == key_b->goal &&
         key_a->color == key_b->color && key_a->width == key_b->width &&
         key_a->height == key_b->height && key_a->scale == key_b->scale &&
         key_a->as_surface == key_b->as_surface;
}

/* A circle of the goal's colour with a ring of @ring on its edge, one pixel
 * wide, as a rounded clip and a round border draw it. */
static void
draw_dot (cairo_t       *cr,
          guint          goal,
          const GdkRGBA *ring)
{
  cairo_arc (cr, DOT_SIZE / 2.0, DOT_SIZE / 2.0, DOT_SIZE / 2.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &get_sdg_colors ()[goal]);
  cairo_fill (cr);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_arc (cr, DOT_SIZE / 2.0, DOT_SIZE / 2.0, DOT_SIZE / 2.0, 0, 2 * G_PI);
  cairo_new_sub_path (cr);
  cairo_arc (cr, DOT_SIZE / 2.0, DOT_SIZE / 2.0, DOT_SIZE / 2.0 - 1.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, ring);
  cairo_fill (cr);
}

/* A rectangle of @color with round ends, as "border-radius: 9999px" makes
 * a background. */
static void
draw_pill (cairo_t       *cr,
           int            width,
           int            height,
           const GdkRGBA *color)
{
  double radius = MIN (width, height) / 2.0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

/* The image for @key, from the cache or drawn now. */
static AtlasImagePaintable *
get_image (AtlasResultRow *self,
           ImageKey       *key,
           const GdkRGBA  *color)
{
  AtlasImagePaintable *image;
  cairo_surface_t *surface;
  cairo_t *cr;

  key->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  key->as_surface = atlas_image_paintable_prefers_surface (GTK_WIDGET (self));
  key->color = pack_color (color);

  if (images == NULL)
    images = g_hash_table_new_full (image_key_hash, image_key_equal, g_free, g_object_unref);
  else if ((image = g_hash_table_lookup (images, key)) != NULL)
    return image;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, key->width * key->scale,
                                        key->height * key->scale);
  cr = cairo_create (surface);
  cairo_scale (cr, key->scale, key->scale);
  if (key->kind == IMAGE_DOT)
    draw_dot (cr, key->goal, color);
  else
    draw_pill (cr, key->width, key->height, color);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* NULL when the colour has no opacity: nothing to draw. */
  image = atlas_image_paintable_new (surface, key->scale, key->as_surface);
  cairo_surface_destroy (surface);
  if (image == NULL)
    return NULL;

  if (g_hash_table_size (images) >= MAX_IMAGES)
    g_hash_table_remove_all (images);
  g_hash_table_insert (images, g_memdup2 (key, sizeof *key), image);

  return image;
}

/* The status's pill, under its text. */
static void
snapshot_status_pill (AtlasResultRow *self,
                      GtkSnapshot    *snapshot)
{
  GtkWidget *status = GTK_WIDGET (self->status_label);
  ImageKey key = { IMAGE_PILL, 0, 0, 0, 0, 0, FALSE };
  AtlasImagePaintable *image;
  graphene_rect_t bounds;
  GdkRGBA color;

  if (!gtk_widget_get_child_visible (status) ||
      !gtk_widget_compute_bounds (status, GTK_WIDGET (self), &bounds))
    return;

  /* The colour named for the status's class in the style sheet. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (status),
                                       get_status_background (self->status_class), &color))
    return;

  key.width = (int) bounds.size.width;
  key.height = (int) bounds.size.height;
  if (key.width <= 0 || key.height <= 0)
    return;

  /* None for a colour with no opacity. */
  image = get_image (self, &key, &color);
  if (image != NULL)
    atlas_image_paintable_append (image, snapshot, &bounds);
}

/* The dots, in the area the last allocation left for them. */
static void
snapshot_sdg_dots (AtlasResultRow *self,
                   GtkSnapshot    *snapshot)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  ImageKey key = { IMAGE_DOT, 0, 0, DOT_SIZE, DOT_SIZE, 0, FALSE };
  AtlasImagePaintable *image;
  GdkRGBA ring;
  guint drawn = 0;

  g_assert (ATLAS_IS_RESULT_ROW (self));

  /* A faint ring in the text colour keeps the dark goals (16, 17) visible
   * on the dark style's background. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &ring);
  ring.alpha *= 0.3f;

  for (guint i = 0; i < ATLAS_N_SDGS && drawn < self->n_dots_shown; i++)
    {
      float x;

      if ((self->sdgs & (1u << i)) == 0)
        continue;

      /* The first goal at the start of the line, whichever side that is. */
      x = drawn * (DOT_SIZE + DOT_SPACING);
      if (rtl)
        x = self->dots_area.size.width - x - DOT_SIZE;

      key.goal = i;
      image = get_image (self, &key, &ring);
      if (image != NULL)
        atlas_image_paintable_append (image, snapshot,
                                      &GRAPHENE_RECT_INIT (self->dots_area.origin.x + x,
                                                           self->dots_area.origin.y,
                                                           DOT_SIZE, DOT_SIZE));
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

/* Each status's style class, and the named colour (style.css) of its
 * pill. */
static const struct
{
  AtlasStatus  status;
  const char  *css_class;
  const char  *background;
} status_styles[] = {
  { ATLAS_STATUS_PLANNED, "atlas-result-status-planned", "atlas_result_status_planned_bg" },
  { ATLAS_STATUS_ONGOING, "atlas-result-status-ongoing", "atlas_result_status_ongoing_bg" },
  { ATLAS_STATUS_COMPLETED, "atlas-result-status-completed", "atlas_result_status_completed_bg" },
  { ATLAS_STATUS_ARCHIVED, "atlas-result-status-archived", "atlas_result_status_archived_bg" },
};

static const char *
get_status_class (AtlasStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_styles); i++)
    if (status_styles[i].status == status)
      return status_styles[i].css_class;

  return NULL;
}

static const char *
get_status_background (const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_styles); i++)
    if (g_strcmp0 (status_styles[i].css_class, css_class) == 0)
      return status_styles[i].background;

  return "atlas_result_status_bg";
}

static void
show_unavailable (AtlasResultRow *self,
                  const GError   *error)
{
  g_assert (ATLAS_IS_RESULT_ROW (self));

  atlas_cached_label_set_text (self->title_label, error != NULL ? error->message : "");
  atlas_cached_label_set_attributes (self->title_label, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "atlas-dim");
  atlas_cached_label_set_text (self->lead_label, NULL);
  gtk_inscription_set_text (self->status_label, NULL);
  atlas_cached_label_set_text (self->countries_label, NULL);
  self->has_places = FALSE;
  self->sdgs = 0;
  self->n_sdgs = 0;
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

  g_assert (ATLAS_IS_RESULT_ROW (self));
  g_assert (initiative != NULL);

  /* Feed text is plain text: set as text, never parsed as markup. */
  atlas_cached_label_set_text (self->title_label, initiative->title != NULL ? initiative->title : "");
  highlight = make_highlight (initiative->title, words);
  atlas_cached_label_set_attributes (self->title_label, highlight);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "atlas-dim");

  atlas_cached_label_set_text (self->lead_label, initiative->lead_name);

  status = initiative->status != ATLAS_STATUS_UNKNOWN ? atlas_status_get_label (initiative->status)
                                                       : NULL;
  gtk_inscription_set_text (self->status_label, status);
  set_status_class (self, get_status_class (initiative->status));

  countries = atlas_result_row_format_countries (initiative->countries);
  atlas_cached_label_set_text (self->countries_label, countries);
  self->has_places = TRUE;

  self->sdgs = initiative->sdgs & ((1u << ATLAS_N_SDGS) - 1);
  self->n_sdgs = 0;
  for (guint32 bits = self->sdgs; bits != 0; bits &= bits - 1)
    self->n_sdgs++;

  /* The dots' tooltip is made when asked for (on_query_tooltip_cb):
   * setting a tooltip asks the X server where the pointer is, once per row,
   * which a list of two hundred rows cannot afford on every filter change. */
  sdg_numbers = format_sdg_numbers (self->sdgs);

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
  if (self->n_sdgs > 0)
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
show_item (AtlasResultRow *self)
{
  AtlasInitiative *initiative;

  g_assert (ATLAS_IS_RESULT_ROW (self));

  /* Off screen, the item waits until the row is mapped (see the top). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  self->stale = FALSE;
  initiative = atlas_result_item_get_initiative (self->item);
  if (initiative != NULL)
    show_initiative (self, initiative, atlas_result_item_get_words (self->item));
  else
    show_unavailable (self, atlas_result_item_get_error (self->item));

  /* The row keeps its size; only its parts move (the status, the dots). */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Layout */

typedef struct
{
  int title_min, title_nat;     /* heights of one and of two title lines */
  int lead;                     /* the lead line's height */
  int places;                   /* the places line's height */
} LineHeights;

static int
measure_height (GtkWidget *widget,
                int       *natural)
{
  int minimum = 0;
  int nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &nat, NULL, NULL);
  if (natural != NULL)
    *natural = nat;

  return minimum;
}

static void
get_line_heights (AtlasResultRow *self,
                  LineHeights    *heights)
{
  g_assert (ATLAS_IS_RESULT_ROW (self));

  heights->title_min = measure_height (GTK_WIDGET (self->title_label), &heights->title_nat);
  heights->lead = MAX (measure_height (GTK_WIDGET (self->lead_label), NULL),
                       measure_height (GTK_WIDGET (self->status_label), NULL));
  heights->places = MAX (measure_height (GTK_WIDGET (self->countries_label), NULL),
                         MAX (measure_height (GTK_WIDGET (self->countries_icon), NULL),
                              DOT_SIZE));
}

static int
measure_width (GtkWidget *widget,
               int       *natural)
{
  int minimum = 0;
  int nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &nat, NULL, NULL);
  if (natural != NULL)
    *natural = nat;

  return minimum;
}

static GtkSizeRequestMode
atlas_result_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
atlas_result_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  AtlasResultRow *self = ATLAS_RESULT_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title_nat, lead_nat, countries_nat;
      int title_min = measure_width (GTK_WIDGET (self->title_label), &title_nat);
      int lead_min = measure_width (GTK_WIDGET (self->lead_label), &lead_nat);
      int status_min = measure_width (GTK_WIDGET (self->status_label), NULL);
      int icon = measure_width (GTK_WIDGET (self->countries_icon), NULL);
      int countries_min = measure_width (GTK_WIDGET (self->countries_label), &countries_nat);

      /* Not the status's text nor the dots: they take what the line leaves. */
      *minimum = MAX (title_min, MAX (lead_min + LEAD_SPACING + status_min,
                                      icon + PLACES_SPACING + countries_min));
      *natural = MAX (title_nat, MAX (lead_nat + LEAD_SPACING + status_min,
                                      icon + PLACES_SPACING + countries_nat));
    }
  else
    {
      LineHeights heights;

      /* Two title lines, whatever the title: every row has the same height. */
      get_line_heights (self, &heights);
      *minimum = *natural = heights.title_nat + LINE_SPACING + heights.lead +
                            LINE_SPACING + heights.places;
    }
}

/* Allocates @child at @x, @y (left to right) and @width, mirrored in a
 * right-to-left row. */
static void
allocate_child (AtlasResultRow *self,
                GtkWidget      *child,
                int             row_width,
                int             x,
                int             y,
                int             width,
                int             height)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = row_width - x - width;

  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

/* Text measured before, for every row: a row bound to another initiative
 * lays itself out again, and a click brings back titles shown before more
 * often than not (86 of 100 over 40 benchmark clicks), and the few
 * statuses.  Laying a title out is most of a row's allocation.  Keyed by
 * what sets a layout's size (font, font options, scale, wrapping width,
 * -1 for none, and text) and by what is measured of it.  Forgotten all at
 * once when there are many. */
typedef struct
{
  int                 (*measure) (PangoLayout *layout);
  PangoFontDescription *font;
  gulong                options;  /* cairo_font_options_hash () */
  int                   scale;
  int                   width;
  char                 *text;
} MeasureKey;

#define MAX_MEASURES 2048

static GHashTable *measures;      /* MeasureKey → GINT_TO_POINTER (measure) */

static guint
measure_key_hash (gconstpointer data)
{
  const MeasureKey *key = data;

  return g_str_hash (key->text) ^ pango_font_description_hash (key->font) ^
         (guint) key->options ^ (guint) key->width * 31u ^ (guint) key->scale * 7919u ^
         g_direct_hash ((gconstpointer) key->measure);
}

static gboolean
measure_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const MeasureKey *key_a = a;
  const MeasureKey *key_b = b;

  return key_a->measure == key_b->measure && key_a->width == key_b->width &&
         key_a->scale == key_b->scale && key_a->options == key_b->options &&
         g_str_equal (key_a->text, key_b->text) &&
         pango_font_description_equal (key_a->font, key_b->font);
}

static void
measure_key_free (gpointer data)
{
  MeasureKey *key = data;

  pango_font_description_free (key->font);
  g_free (key->text);
  g_free (key);
}

/* @measure of @text laid out in @label's font, wrapped at @width (-1: not
 * wrapped), from the measures made before when it is there. */
static int
measure_text (GtkWidget   *label,
              const char  *text,
              int          width,
              int        (*measure) (PangoLayout *layout))
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autoptr(PangoLayout) layout = NULL;
  MeasureKey key;
  gpointer value;

  key.measure = measure;
  key.font = (PangoFontDescription *) pango_context_get_font_description (context);
  key.options = options != NULL ? cairo_font_options_hash (options) : 0;
  key.scale = gtk_widget_get_scale_factor (label);
  key.width = width;
  key.text = (char *) text;
  if (measures == NULL)
    measures = g_hash_table_new_full (measure_key_hash, measure_key_equal, measure_key_free, NULL);
  else if (g_hash_table_lookup_extended (measures, &key, NULL, &value))
    return GPOINTER_TO_INT (value);

  layout = gtk_widget_create_pango_layout (label, text);
  if (width >= 0)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (layout, width * PANGO_SCALE);
    }
  value = GINT_TO_POINTER (measure (layout));

  if (g_hash_table_size (measures) >= MAX_MEASURES)
    g_hash_table_remove_all (measures);
  key.font = pango_font_description_copy (key.font);
  key.text = g_strdup (text);
  g_hash_table_insert (measures, g_memdup2 (&key, sizeof key), value);

  return GPOINTER_TO_INT (value);
}

/* One line or two. */
static int
count_lines (PangoLayout *layout)
{
  return pango_layout_get_line_count (layout) > 1 ? 2 : 1;
}

static int
get_pixel_width (PangoLayout *layout)
{
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

/* How many lines the title takes at @width: one or two. */
static int
count_title_lines (AtlasResultRow *self,
                   int             width)
{
  const char *text = atlas_cached_label_get_text (self->title_label);

  if (text == NULL || *text == '\0')
    return 1;

  return measure_text (GTK_WIDGET (self->title_label), text, width, count_lines);
}

/* The width of the status's text, with its pill around it. */
static int
get_status_width (AtlasResultRow *self)
{
  const char *text = gtk_inscription_get_text (self->status_label);

  if (text == NULL || *text == '\0')
    return 0;

  /* The inscription asks for no text width: only its padding and border. */
  return measure_width (GTK_WIDGET (self->status_label), NULL) +
         measure_text (GTK_WIDGET (self->status_label), text, -1, get_pixel_width);
}

static void
atlas_result_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  AtlasResultRow *self = ATLAS_RESULT_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  LineHeights heights;
  int title_height;
  int status_width;
  int status_height;
  int icon_width;
  int icon_height;
  int countries_x;
  int countries_width;
  int dots_width;
  int y;

  get_line_heights (self, &heights);

  /* A title of one line leaves its second line at the bottom of the row. */
  title_height = count_title_lines (self, width) > 1 ? heights.title_nat : heights.title_min;
  allocate_child (self, GTK_WIDGET (self->title_label), width, 0, 0, width, title_height);
  y = title_height + LINE_SPACING;

  /* The lead organisation, and the status at the end of its line. */
  status_width = MIN (get_status_width (self), width);
  gtk_widget_set_child_visible (GTK_WIDGET (self->status_label), status_width > 0);
  if (status_width > 0)
    {
      status_height = measure_height (GTK_WIDGET (self->status_label), NULL);
      allocate_child (self, GTK_WIDGET (self->lead_label), width,
                      0, y, MAX (0, width - status_width - LEAD_SPACING), heights.lead);
      allocate_child (self, GTK_WIDGET (self->status_label), width,
                      width - status_width, y + (heights.lead - status_height) / 2,
                      status_width, status_height);
    }
  else
    allocate_child (self, GTK_WIDGET (self->lead_label), width, 0, y, width, heights.lead);
  y += heights.lead + LINE_SPACING;

  /* The countries, and as many SDG dots as fit at the end of their line. */
  gtk_widget_set_child_visible (GTK_WIDGET (self->countries_icon), self->has_places);
  gtk_widget_set_child_visible (GTK_WIDGET (self->countries_label), self->has_places);
  self->n_dots_shown = 0;
  if (!self->has_places)
    return;

  icon_width = measure_width (GTK_WIDGET (self->countries_icon), NULL);
  icon_height = measure_height (GTK_WIDGET (self->countries_icon), NULL);
  allocate_child (self, GTK_WIDGET (self->countries_icon), width,
                  0, y + (heights.places - icon_height) / 2, icon_width, icon_height);
  countries_x = icon_width + PLACES_SPACING;
  countries_width = MAX (0, width - countries_x);

  if (self->n_sdgs > 0)
    {
      int room = countries_width - measure_width (GTK_WIDGET (self->countries_label), NULL) -
                 PLACES_SPACING + DOT_SPACING;

      self->n_dots_shown = CLAMP (room / (DOT_SIZE + DOT_SPACING), 0, (int) self->n_sdgs);
    }

  dots_width = self->n_dots_shown > 0 ? self->n_dots_shown * (DOT_SIZE + DOT_SPACING) - DOT_SPACING
                                      : 0;
  if (dots_width > 0)
    countries_width -= dots_width + PLACES_SPACING;
  allocate_child (self, GTK_WIDGET (self->countries_label), width,
                  countries_x, y, countries_width, heights.places);

  graphene_rect_init (&self->dots_area, rtl ? 0 : width - dots_width,
                      y + (heights.places - DOT_SIZE) / 2, dots_width, DOT_SIZE);
}

static void
atlas_result_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtlasResultRow *self = ATLAS_RESULT_ROW (widget);

  snapshot_status_pill (self, snapshot);
  GTK_WIDGET_CLASS (atlas_result_row_parent_class)->snapshot (widget, snapshot);

  if (self->n_dots_shown > 0)
    snapshot_sdg_dots (self, snapshot);
}

static void
atlas_result_row_map (GtkWidget *widget)
{
  AtlasResultRow *self = ATLAS_RESULT_ROW (widget);

  GTK_WIDGET_CLASS (atlas_result_row_parent_class)->map (widget);

  /* Scrolled into view: show what the row stands for now. */
  if (self->stale && self->item != NULL)
    show_item (self);
}

static void
atlas_result_row_dispose (GObject *object)
{
  AtlasResultRow *self = ATLAS_RESULT_ROW (object);
  GtkWidget *child;

  if (self->item != NULL)
    g_signal_handlers_disconnect_matched (self->item, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
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

  g_type_ensure (ATLAS_TYPE_CACHED_LABEL);

  widget_class->get_request_mode = atlas_result_row_get_request_mode;
  widget_class->measure = atlas_result_row_measure;
  widget_class->size_allocate = atlas_result_row_size_allocate;
  widget_class->snapshot = atlas_result_row_snapshot;
  widget_class->map = atlas_result_row_map;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "atlasresultrow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, countries_icon);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, countries_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, lead_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultRow, title_label);
}

static void
atlas_result_row_init (AtlasResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
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

guint
atlas_result_row_get_n_dots (AtlasResultRow *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULT_ROW (self), 0);

  return self->n_dots_shown;
}

void
atlas_result_row_set_item (AtlasResultRow  *self,
                           AtlasResultItem *item)
{
  g_return_if_fail (ATLAS_IS_RESULT_ROW (self));
  g_return_if_fail (item == NULL || ATLAS_IS_RESULT_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, show_item, self);
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  /* The model keeps its items across results: an item that comes to stand
   * for another initiative says so, and the row shows the new one. */
  g_signal_connect_swapped (item, "changed", G_CALLBACK (show_item), self);
  show_item (self);
}
