/* atlas-cached-label.c
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

#define G_LOG_DOMAIN "atlas-cached-label"

#include "config.h"

#include <math.h>

#include "atlas-cached-label.h"

/* A label that is sized and drawn as a GtkInscription with an ellipsizing
 * overflow, but whose laid-out texts come from a cache that all cached
 * labels share.
 *
 * A result row shows another initiative after most clicks, and the
 * initiatives a click brings have mostly been shown before, in another
 * row: a GtkInscription lays each new text out again (wrapping, shaping,
 * ellipsizing), and that was most of drawing the list's rows.  Here a
 * text laid out once in a font, at a size, is drawn again from its
 * layout, in whichever label shows it.
 *
 * Unlike a GtkInscription, it takes no text attributes from its style
 * (letter spacing, font features): only its font and colour. */

/* What sets a layout: the context's font, font options, language and
 * direction, the label's size and text. */
typedef struct
{
  PangoFontDescription *font;
  gulong                options;    /* cairo_font_options_hash () */
  PangoLanguage        *language;
  PangoDirection        direction;
  PangoAlignment        alignment;
  PangoWrapMode         wrap_mode;
  PangoEllipsizeMode    ellipsize;
  int                   width;      /* Pango units */
  int                   height;     /* Pango units, -1 for any */
  char                 *text;
  PangoAttrList        *attributes;
} LayoutKey;

/* Forgotten all at once when there are more. */
#define MAX_LAYOUTS 1024

static GHashTable *layouts;         /* LayoutKey → PangoLayout */

struct _AtlasCachedLabel
{
  GtkWidget           parent_instance;

  char               *text;
  PangoAttrList      *attributes;
  guint               min_chars;
  guint               nat_chars;
  guint               min_lines;
  guint               nat_lines;
  float               xalign;
  float               yalign;
  guint               wrap_mode;  /* PangoWrapMode */
  guint               ellipsize;  /* PangoEllipsizeMode */
};

G_DEFINE_FINAL_TYPE (AtlasCachedLabel, atlas_cached_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_ATTRIBUTES,
  PROP_MIN_CHARS,
  PROP_NAT_CHARS,
  PROP_MIN_LINES,
  PROP_NAT_LINES,
  PROP_XALIGN,
  PROP_YALIGN,
  PROP_WRAP_MODE,
  PROP_ELLIPSIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The cache */

static guint
layout_key_hash (gconstpointer data)
{
  const LayoutKey *key = data;

  return g_str_hash (key->text) ^ pango_font_description_hash (key->font) ^
         (guint) key->options ^ (guint) key->width * 31u ^ (guint) key->height * 7919u ^
         g_direct_hash (key->language);
}

static gboolean
layout_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const LayoutKey *key_a = a;
  const LayoutKey *key_b = b;

  return key_a->width == key_b->width && key_a->height == key_b->height &&
         key_a->options == key_b->options && key_a->language == key_b->language &&
         key_a->direction == key_b->direction && key_a->alignment == key_b->alignment &&
         key_a->wrap_mode == key_b->wrap_mode && key_a->ellipsize == key_b->ellipsize &&
         g_str_equal (key_a->text, key_b->text) &&
         pango_font_description_equal (key_a->font, key_b->font) &&
         (key_a->attributes == key_b->attributes ||
          (key_a->attributes != NULL && key_b->attributes != NULL &&
           pango_attr_list_equal (key_a->attributes, key_b->attributes)));
}

static void
layout_key_free (gpointer data)
{
  LayoutKey *key = data;

  pango_font_description_free (key->font);
  g_free (key->text);
  g_clear_pointer (&key->attributes, pango_attr_list_unref);
  g_free (key);
}

static PangoAlignment
get_alignment (AtlasCachedLabel *self)
{
  gboolean ltr = gtk_widget_get_direction (GTK_WIDGET (self)) != GTK_TEXT_DIR_RTL;

  /* As GtkInscription turns its xalign into an alignment. */
  if (self->xalign < 0.33f)
    return ltr ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  else if (self->xalign < 0.67f)
    return PANGO_ALIGN_CENTER;
  else
    return ltr ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* The text laid out at the label's size, from the cache when it is there. */
static PangoLayout *
get_layout (AtlasCachedLabel *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  PangoContext *own_context;
  PangoLayout *layout;
  LayoutKey key;

  key.font = (PangoFontDescription *) pango_context_get_font_description (context);
  key.options = options != NULL ? cairo_font_options_hash (options) : 0;
  key.language = pango_context_get_language (context);
  key.direction = pango_context_get_base_dir (context);
  key.alignment = get_alignment (self);
  key.wrap_mode = self->wrap_mode;
  key.ellipsize = self->ellipsize;
  key.width = gtk_widget_get_width (widget) * PANGO_SCALE;
  key.height = self->ellipsize != PANGO_ELLIPSIZE_NONE ? gtk_widget_get_height (widget) * PANGO_SCALE
                                                       : -1;
  key.text = self->text;
  key.attributes = self->attributes;

  if (layouts == NULL)
    layouts = g_hash_table_new_full (layout_key_hash, layout_key_equal, layout_key_free,
                                     g_object_unref);
  else if ((layout = g_hash_table_lookup (layouts, &key)) != NULL)
    return layout;

  /* In a context of its own: the widget's follows the widget's style, and
   * a layout laid out again in a new font would not match its key. */
  own_context = gtk_widget_create_pango_context (widget);
  layout = pango_layout_new (own_context);
  g_object_unref (own_context);
  pango_layout_set_text (layout, self->text, -1);
  pango_layout_set_attributes (layout, self->attributes);
  pango_layout_set_alignment (layout, key.alignment);
  pango_layout_set_wrap (layout, self->wrap_mode);
  pango_layout_set_ellipsize (layout, self->ellipsize);
  pango_layout_set_width (layout, key.width);
  pango_layout_set_height (layout, key.height);

  if (g_hash_table_size (layouts) >= MAX_LAYOUTS)
    g_hash_table_remove_all (layouts);
  key.font = pango_font_description_copy (key.font);
  key.text = g_strdup (key.text);
  key.attributes = key.attributes != NULL ? pango_attr_list_copy (key.attributes) : NULL;
  g_hash_table_insert (layouts, g_memdup2 (&key, sizeof key), layout);

  return layout;
}

/* Drawing */

static void
atlas_cached_label_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AtlasCachedLabel *self = ATLAS_CACHED_LABEL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;
  float y = 0.0f;

  if (self->text == NULL || *self->text == '\0' || width <= 0 || height <= 0)
    return;

  layout = get_layout (self);

  /* Where GtkInscription puts its layout: from the top when ellipsized
   * (the lines fill the height), at yalign otherwise. */
  if (!pango_layout_is_ellipsized (layout))
    {
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      y = MAX (0.0f, floorf ((height - logical.height) * self->yalign));
    }

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* Layout */

void
atlas_cached_label_measure_inscription (GtkWidget      *widget,
                                        GtkOrientation  orientation,
                                        guint           min_chars,
                                        guint           nat_chars,
                                        guint           min_lines,
                                        guint           nat_lines,
                                        int            *minimum,
                                        int            *natural,
                                        int            *minimum_baseline,
                                        int            *natural_baseline)
{
  PangoContext *context;
  PangoFontMetrics *metrics;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  context = gtk_widget_get_pango_context (widget);
  metrics = pango_context_get_metrics (context, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                            pango_font_metrics_get_approximate_digit_width (metrics));

      *minimum = PANGO_PIXELS_CEIL ((int) min_chars * char_width);
      *natural = PANGO_PIXELS_CEIL ((int) MAX (min_chars, nat_chars) * char_width);
    }
  else
    {
      int ascent = pango_font_metrics_get_ascent (metrics);
      int line = ascent + pango_font_metrics_get_descent (metrics);

      *minimum = PANGO_PIXELS_CEIL ((int) min_lines * line);
      *natural = PANGO_PIXELS_CEIL ((int) MAX (min_lines, nat_lines) * line);
      if (min_lines > 0)
        *minimum_baseline = PANGO_PIXELS_CEIL (ascent);
      if (min_lines > 0 || nat_lines > 0)
        *natural_baseline = PANGO_PIXELS_CEIL (ascent);
    }

  pango_font_metrics_unref (metrics);
}

static void
atlas_cached_label_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AtlasCachedLabel *self = ATLAS_CACHED_LABEL (widget);

  atlas_cached_label_measure_inscription (widget, orientation,
                                          self->min_chars, self->nat_chars,
                                          self->min_lines, self->nat_lines,
                                          minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
atlas_cached_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* Object */

static void
atlas_cached_label_finalize (GObject *object)
{
  AtlasCachedLabel *self = ATLAS_CACHED_LABEL (object);

  g_free (self->text);
  g_clear_pointer (&self->attributes, pango_attr_list_unref);

  G_OBJECT_CLASS (atlas_cached_label_parent_class)->finalize (object);
}

static void
atlas_cached_label_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasCachedLabel *self = ATLAS_CACHED_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_ATTRIBUTES:
      g_value_set_boxed (value, self->attributes);
      break;

    case PROP_MIN_CHARS:
      g_value_set_uint (value, self->min_chars);
      break;

    case PROP_NAT_CHARS:
      g_value_set_uint (value, self->nat_chars);
      break;

    case PROP_MIN_LINES:
      g_value_set_uint (value, self->min_lines);
      break;

    case PROP_NAT_LINES:
      g_value_set_uint (value, self->nat_lines);
      break;

    case PROP_XALIGN:
      g_value_set_float (value, self->xalign);
      break;

    case PROP_YALIGN:
      g_value_set_float (value, self->yalign);
      break;

    case PROP_WRAP_MODE:
      g_value_set_enum (value, self->wrap_mode);
      break;

    case PROP_ELLIPSIZE:
      g_value_set_enum (value, self->ellipsize);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sets *@field to @value: TRUE when it changed, and the label is drawn
 * (and with @resize, measured) again. */
static gboolean
set_uint (AtlasCachedLabel *self,
          guint            *field,
          guint             value,
          gboolean          resize)
{
  if (*field == value)
    return FALSE;

  *field = value;
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

static void
atlas_cached_label_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasCachedLabel *self = ATLAS_CACHED_LABEL (object);
  guint *field = NULL;
  gboolean resize = FALSE;
  guint new_value = 0;

  switch (prop_id)
    {
    case PROP_TEXT:
      atlas_cached_label_set_text (self, g_value_get_string (value));
      return;

    case PROP_ATTRIBUTES:
      atlas_cached_label_set_attributes (self, g_value_get_boxed (value));
      return;

    case PROP_MIN_CHARS:
    case PROP_NAT_CHARS:
    case PROP_MIN_LINES:
    case PROP_NAT_LINES:
      field = prop_id == PROP_MIN_CHARS ? &self->min_chars :
              prop_id == PROP_NAT_CHARS ? &self->nat_chars :
              prop_id == PROP_MIN_LINES ? &self->min_lines : &self->nat_lines;
      new_value = g_value_get_uint (value);
      resize = TRUE;
      break;

    case PROP_XALIGN:
    case PROP_YALIGN:
      {
        float *align = prop_id == PROP_XALIGN ? &self->xalign : &self->yalign;
        float new_align = CLAMP (g_value_get_float (value), 0.0f, 1.0f);

        if (*align == new_align)
          return;
        *align = new_align;
        gtk_widget_queue_draw (GTK_WIDGET (self));
        g_object_notify_by_pspec (object, pspec);
        return;
      }

    case PROP_WRAP_MODE:
      field = &self->wrap_mode;
      new_value = g_value_get_enum (value);
      break;

    case PROP_ELLIPSIZE:
      field = &self->ellipsize;
      new_value = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (set_uint (self, field, new_value, resize))
    g_object_notify_by_pspec (object, pspec);
}

static void
atlas_cached_label_class_init (AtlasCachedLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = atlas_cached_label_finalize;
  object_class->get_property = atlas_cached_label_get_property;
  object_class->set_property = atlas_cached_label_set_property;

  widget_class->snapshot = atlas_cached_label_snapshot;
  widget_class->measure = atlas_cached_label_measure;
  widget_class->get_request_mode = atlas_cached_label_get_request_mode;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_ATTRIBUTES] = g_param_spec_boxed ("attributes", NULL, NULL,
                                                    PANGO_TYPE_ATTR_LIST, flags);
  properties[PROP_MIN_CHARS] = g_param_spec_uint ("min-chars", NULL, NULL,
                                                  0, G_MAXUINT, 3, flags);
  properties[PROP_NAT_CHARS] = g_param_spec_uint ("nat-chars", NULL, NULL,
                                                  0, G_MAXUINT, 0, flags);
  properties[PROP_MIN_LINES] = g_param_spec_uint ("min-lines", NULL, NULL,
                                                  0, G_MAXUINT, 1, flags);
  properties[PROP_NAT_LINES] = g_param_spec_uint ("nat-lines", NULL, NULL,
                                                  0, G_MAXUINT, 0, flags);
  properties[PROP_XALIGN] = g_param_spec_float ("xalign", NULL, NULL, 0.0f, 1.0f, 0.0f, flags);
  properties[PROP_YALIGN] = g_param_spec_float ("yalign", NULL, NULL, 0.0f, 1.0f, 0.5f, flags);
  properties[PROP_WRAP_MODE] = g_param_spec_enum ("wrap-mode", NULL, NULL,
                                                  PANGO_TYPE_WRAP_MODE, PANGO_WRAP_WORD_CHAR,
                                                  flags);
  properties[PROP_ELLIPSIZE] = g_param_spec_enum ("ellipsize", NULL, NULL,
                                                  PANGO_TYPE_ELLIPSIZE_MODE, PANGO_ELLIPSIZE_END,
                                                  flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
atlas_cached_label_init (AtlasCachedLabel *self)
{
  self->min_chars = 3;
  self->min_lines = 1;
  self->yalign = 0.5f;
  self->wrap_mode = PANGO_WRAP_WORD_CHAR;
  self->ellipsize = PANGO_ELLIPSIZE_END;
}

GtkWidget *
atlas_cached_label_new (void)
{
  return g_object_new (ATLAS_TYPE_CACHED_LABEL, NULL);
}

const char *
atlas_cached_label_get_text (AtlasCachedLabel *self)
{
  g_return_val_if_fail (ATLAS_IS_CACHED_LABEL (self), NULL);

  return self->text;
}

/**
 * atlas_cached_label_set_text:
 * @self: a label
 * @text: (nullable): the text, shown as it is (never as markup)
 *
 * Shows @text, and makes it the label's accessible label (unless the
 * label is presentation only).  The label keeps its size.
 */
void
atlas_cached_label_set_text (AtlasCachedLabel *self,
                             const char       *text)
{
  g_return_if_fail (ATLAS_IS_CACHED_LABEL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);

  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (self)) != GTK_ACCESSIBLE_ROLE_PRESENTATION)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                    -1);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

PangoAttrList *
atlas_cached_label_get_attributes (AtlasCachedLabel *self)
{
  g_return_val_if_fail (ATLAS_IS_CACHED_LABEL (self), NULL);

  return self->attributes;
}

/**
 * atlas_cached_label_set_attributes:
 * @self: a label
 * @attributes: (nullable): attributes of the text (a highlight, say)
 */
void
atlas_cached_label_set_attributes (AtlasCachedLabel *self,
                                   PangoAttrList    *attributes)
{
  g_return_if_fail (ATLAS_IS_CACHED_LABEL (self));

  if (self->attributes == attributes ||
      (self->attributes != NULL && attributes != NULL &&
       pango_attr_list_equal (self->attributes, attributes)))
    return;

  g_clear_pointer (&self->attributes, pango_attr_list_unref);
  self->attributes = attributes != NULL ? pango_attr_list_ref (attributes) : NULL;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTES]);
}
