/* atlas-count-label.c
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

#define G_LOG_DOMAIN "atlas-count-label"

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-cached-label.h"
#include "atlas-count-label.h"

/* A count, as atlas_format_count () writes it, in tabular figures: at the
 * end of a box min-chars characters wide and one line high, where a
 * GtkInscription with xalign 1 would show it.
 *
 * The filter sidebar shows some fifty counts, and a click changes most of
 * them.  A GtkInscription lays each new text out and shapes it in its
 * snapshot, and updates its accessible label on every change: together
 * about half a millisecond of each click at 100,000 initiatives.  Here
 * each character is shaped once per font, alone, and a count is put
 * together from the glyphs of its characters.  Digits in tabular figures
 * all have one width and are not kerned, so the glyphs stand where a
 * layout of the whole count would put them.
 *
 * Digits and the separators between them read left to right in every
 * language, whatever the direction around them; any other text (a space,
 * whose place follows the direction) is laid out as a whole instead. */

typedef struct
{
  PangoFont      *font;
  int             n_glyphs;
  int             width;            /* Pango units */
  PangoGlyphInfo  glyphs[];
} CharGlyphs;

typedef struct
{
  /* The key: what sets the glyphs and their widths. */
  PangoFontDescription *font;
  gulong                options;    /* cairo_font_options_hash () */
  PangoLanguage        *language;

  int                   line_height; /* a line laid out: its logical height */
  int                   baseline;
  GHashTable           *chars;      /* gunichar → CharGlyphs */
} FontGlyphs;

#define MAX_FONTS 16

static GHashTable *fonts;           /* FontGlyphs → itself */

struct _AtlasCountLabel
{
  GtkWidget    parent_instance;

  char        *text;
  guint        min_chars;

  /* Laid out only for text other than a number. */
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (AtlasCountLabel, atlas_count_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_MIN_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Fonts and their glyphs */

static guint
font_glyphs_hash (gconstpointer data)
{
  const FontGlyphs *entry = data;

  return pango_font_description_hash (entry->font) ^ (guint) entry->options ^
         g_direct_hash (entry->language);
}

static gboolean
font_glyphs_equal (gconstpointer a,
                   gconstpointer b)
{
  const FontGlyphs *entry_a = a;
  const FontGlyphs *entry_b = b;

  return entry_a->options == entry_b->options && entry_a->language == entry_b->language &&
         pango_font_description_equal (entry_a->font, entry_b->font);
}

static void
char_glyphs_free (gpointer data)
{
  CharGlyphs *glyphs = data;

  g_clear_object (&glyphs->font);
  g_free (glyphs);
}

static void
font_glyphs_free (gpointer data)
{
  FontGlyphs *entry = data;

  pango_font_description_free (entry->font);
  g_hash_table_unref (entry->chars);
  g_free (entry);
}

/* The attributes a count's text has: tabular figures. */
static PangoAttrList *
get_attributes (void)
{
  static PangoAttrList *attributes;

  if (attributes == NULL)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
    }

  return attributes;
}

static PangoLayout *
create_layout (PangoContext *context,
               const char   *text)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_attributes (layout, get_attributes ());
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static FontGlyphs *
lookup_font (AtlasCountLabel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  FontGlyphs key, *entry;

  key.font = (PangoFontDescription *) pango_context_get_font_description (context);
  key.options = options != NULL ? cairo_font_options_hash (options) : 0;
  key.language = pango_context_get_language (context);
  if (fonts == NULL)
    fonts = g_hash_table_new_full (font_glyphs_hash, font_glyphs_equal, font_glyphs_free, NULL);
  else if ((entry = g_hash_table_lookup (fonts, &key)) != NULL)
    return entry;

  if (g_hash_table_size (fonts) >= MAX_FONTS)
    g_hash_table_remove_all (fonts);

  entry = g_new0 (FontGlyphs, 1);
  entry->font = pango_font_description_copy (key.font);
  entry->options = key.options;
  entry->language = key.language;
  entry->chars = g_hash_table_new_full (NULL, NULL, NULL, char_glyphs_free);

  layout = create_layout (context, "0");
  pango_layout_get_extents (layout, NULL, &logical);
  entry->line_height = logical.height;
  entry->baseline = pango_layout_get_baseline (layout);

  g_hash_table_add (fonts, entry);

  return entry;
}

/* @c shaped alone, in tabular figures: its font and glyphs. */
static const CharGlyphs *
lookup_char (AtlasCountLabel *self,
             FontGlyphs      *entry,
             gunichar         c)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutLine *line;
  PangoGlyphItem *run;
  CharGlyphs *glyphs;
  char text[8];

  glyphs = g_hash_table_lookup (entry->chars, GUINT_TO_POINTER (c));
  if (glyphs != NULL)
    return glyphs;

  text[g_unichar_to_utf8 (c, text)] = '\0';
  layout = create_layout (gtk_widget_get_pango_context (GTK_WIDGET (self)), text);
  line = pango_layout_get_line_readonly (layout, 0);

  /* One run: a character in one font (the first that has it). */
  if (line == NULL || line->runs == NULL || line->runs->next != NULL)
    return NULL;

  run = line->runs->data;
  glyphs = g_malloc0 (sizeof (CharGlyphs) + run->glyphs->num_glyphs * sizeof (PangoGlyphInfo));
  glyphs->font = g_object_ref (run->item->analysis.font);
  glyphs->n_glyphs = run->glyphs->num_glyphs;
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    {
      glyphs->glyphs[i] = run->glyphs->glyphs[i];
      glyphs->width += run->glyphs->glyphs[i].geometry.width;
    }

  g_hash_table_insert (entry->chars, GUINT_TO_POINTER (c), glyphs);

  return glyphs;
}

/* Whether @c goes in a number, left to right in every direction: a digit,
 * or a separator of the Unicode class CS or AN between digits. */
static gboolean
is_number_char (gunichar c)
{
  switch (c)
    {
    case ',':
    case '.':
    case 0x00A0:   /* no-break space */
    case 0x202F:   /* narrow no-break space */
    case 0x066B:   /* Arabic decimal separator */
    case 0x066C:   /* Arabic thousands separator */
      return TRUE;

    default:
      return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) ||
             (c >= 0x06F0 && c <= 0x06F9);
    }
}

static gboolean
is_number (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_number_char (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Drawing */

static void
append_run (GtkSnapshot          *snapshot,
            PangoFont            *font,
            const PangoGlyphInfo *glyphs,
            int                   n_glyphs,
            const GdkRGBA        *color,
            float                 x,
            float                 y)
{
  PangoGlyphString *string;
  GskRenderNode *node;

  if (n_glyphs == 0)
    return;

  string = pango_glyph_string_new ();
  pango_glyph_string_set_size (string, n_glyphs);
  memcpy (string->glyphs, glyphs, n_glyphs * sizeof (PangoGlyphInfo));
  memset (string->log_clusters, 0, n_glyphs * sizeof (int));

  /* NULL when no glyph has ink. */
  node = gsk_text_node_new (font, string, color, &GRAPHENE_POINT_INIT (x, y));
  if (node != NULL)
    {
      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
    }

  pango_glyph_string_free (string);
}

/* The glyphs of each character of @text, into @chars: the width of them
 * all (Pango units), or -1 when a character has no glyphs of its own. */
static int
collect_chars (AtlasCountLabel *self,
               FontGlyphs      *entry,
               GPtrArray       *chars)
{
  int width = 0;

  for (const char *p = self->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const CharGlyphs *glyphs = lookup_char (self, entry, g_utf8_get_char (p));

      if (glyphs == NULL)
        return -1;
      g_ptr_array_add (chars, (gpointer) glyphs);
      width += glyphs->width;
    }

  return width;
}

/* The glyphs of @chars, from @x, @y (the baseline): one text node for each
 * stretch of characters in one font. */
static void
append_chars (GtkSnapshot   *snapshot,
              GPtrArray     *chars,
              const GdkRGBA *color,
              float          x,
              float          y)
{
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (PangoGlyphInfo));
  PangoFont *run_font = NULL;
  int run_x = 0;
  int pen = 0;

  for (guint i = 0; i < chars->len; i++)
    {
      const CharGlyphs *glyphs = g_ptr_array_index (chars, i);

      if (glyphs->font != run_font)
        {
          append_run (snapshot, run_font, (PangoGlyphInfo *) (gpointer) run->data, run->len,
                      color, x + (float) run_x / PANGO_SCALE, y);
          g_array_set_size (run, 0);
          run_font = glyphs->font;
          run_x = pen;
        }

      g_array_append_vals (run, glyphs->glyphs, glyphs->n_glyphs);
      pen += glyphs->width;
    }

  append_run (snapshot, run_font, (PangoGlyphInfo *) (gpointer) run->data, run->len,
              color, x + (float) run_x / PANGO_SCALE, y);
}

/* Where GtkInscription puts a line @width wide (Pango units) and @height
 * high (pixels): at the end of its width, and halfway down. */
static void
get_location (AtlasCountLabel *self,
              int              width,
              int              height,
              float           *x,
              float           *y)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    *x = 0.0f;
  else
    *x = (float) (gtk_widget_get_width (widget) * PANGO_SCALE - width) / PANGO_SCALE;
  *y = MAX (0.0f, floorf ((gtk_widget_get_height (widget) - height) * 0.5f));
}

static void
atlas_count_label_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AtlasCountLabel *self = ATLAS_COUNT_LABEL (widget);
  g_autoptr(GPtrArray) chars = g_ptr_array_new ();
  FontGlyphs *entry;
  GdkRGBA color;
  float x, y;
  int width;

  if (self->text == NULL || *self->text == '\0')
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  entry = lookup_font (self);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                         gtk_widget_get_height (widget)));

  width = is_number (self->text) ? collect_chars (self, entry, chars) : -1;
  if (width >= 0)
    {
      get_location (self, width, PANGO_PIXELS_CEIL (entry->line_height), &x, &y);
      append_chars (snapshot, chars, &color, x, y + (float) entry->baseline / PANGO_SCALE);
    }
  else
    {
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      PangoRectangle logical;

      /* At the end of the width, as a GtkInscription aligns it: a text
       * whose own direction is not the widget's goes to its own end. */
      if (self->layout == NULL)
        self->layout = create_layout (gtk_widget_get_pango_context (widget), self->text);
      pango_layout_set_width (self->layout, gtk_widget_get_width (widget) * PANGO_SCALE);
      pango_layout_set_alignment (self->layout, rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_extents (self->layout, NULL, &logical);
      y = MAX (0.0f, floorf ((gtk_widget_get_height (widget) - logical.height) * 0.5f));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
      gtk_snapshot_append_layout (snapshot, self->layout, &color);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_pop (snapshot);
}

/* Layout */

static void
atlas_count_label_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AtlasCountLabel *self = ATLAS_COUNT_LABEL (widget);

  /* One line, min-chars wide: the text never changes the size. */
  atlas_cached_label_measure_inscription (widget, orientation,
                                          self->min_chars, self->min_chars, 1, 1,
                                          minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
atlas_count_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
atlas_count_label_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  AtlasCountLabel *self = ATLAS_COUNT_LABEL (widget);

  GTK_WIDGET_CLASS (atlas_count_label_parent_class)->css_changed (widget, change);

  /* Laid out in the old font. */
  g_clear_object (&self->layout);
}

/* Object */

static void
atlas_count_label_finalize (GObject *object)
{
  AtlasCountLabel *self = ATLAS_COUNT_LABEL (object);

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (atlas_count_label_parent_class)->finalize (object);
}

static void
atlas_count_label_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasCountLabel *self = ATLAS_COUNT_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_MIN_CHARS:
      g_value_set_uint (value, self->min_chars);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_count_label_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasCountLabel *self = ATLAS_COUNT_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      atlas_count_label_set_text (self, g_value_get_string (value));
      break;

    case PROP_MIN_CHARS:
      atlas_count_label_set_min_chars (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_count_label_class_init (AtlasCountLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = atlas_count_label_finalize;
  object_class->get_property = atlas_count_label_get_property;
  object_class->set_property = atlas_count_label_set_property;

  widget_class->snapshot = atlas_count_label_snapshot;
  widget_class->measure = atlas_count_label_measure;
  widget_class->get_request_mode = atlas_count_label_get_request_mode;
  widget_class->css_changed = atlas_count_label_css_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MIN_CHARS] =
    g_param_spec_uint ("min-chars", NULL, NULL,
                       0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
atlas_count_label_init (AtlasCountLabel *self)
{
  self->min_chars = 1;
}

GtkWidget *
atlas_count_label_new (void)
{
  return g_object_new (ATLAS_TYPE_COUNT_LABEL, NULL);
}

const char *
atlas_count_label_get_text (AtlasCountLabel *self)
{
  g_return_val_if_fail (ATLAS_IS_COUNT_LABEL (self), NULL);

  return self->text;
}

/**
 * atlas_count_label_set_text:
 * @self: a count label
 * @text: (nullable): the count, written out
 *
 * Shows @text.  The label keeps its size; it is only drawn again.  Unless
 * its accessible role is presentation, @text is also its accessible label.
 */
void
atlas_count_label_set_text (AtlasCountLabel *self,
                            const char      *text)
{
  g_return_if_fail (ATLAS_IS_COUNT_LABEL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);

  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (self)) != GTK_ACCESSIBLE_ROLE_PRESENTATION)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                    -1);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
atlas_count_label_get_min_chars (AtlasCountLabel *self)
{
  g_return_val_if_fail (ATLAS_IS_COUNT_LABEL (self), 0);

  return self->min_chars;
}

/**
 * atlas_count_label_set_min_chars:
 * @self: a count label
 * @min_chars: how many characters wide the label is
 *
 * Sets the label's width, as GtkInscription's "min-chars" does.
 */
void
atlas_count_label_set_min_chars (AtlasCountLabel *self,
                                 guint            min_chars)
{
  g_return_if_fail (ATLAS_IS_COUNT_LABEL (self));

  if (self->min_chars == min_chars)
    return;

  self->min_chars = min_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CHARS]);
}
