/* test-labels.c
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

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "atlas-cached-label.h"
#include "atlas-core.h"
#include "atlas-count-label.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"

/* One of our labels beside the GtkInscription it stands in for, in one
 * window: the same text, classes, settings and width. */
typedef struct
{
  GtkWidget      *window;
  GtkWidget      *label;
  GtkInscription *inscription;
} Fixture;

#define MIN_CHARS 7

static void
present_pair (Fixture   *fixture,
              GtkWidget *label,
              int        width,
              int        height)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* Each at its natural height, however the font changes. */
  gtk_widget_set_valign (box, GTK_ALIGN_START);

  fixture->label = label;
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->inscription));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  atlas_test_wait_frames (fixture->window, 2);
}

/* A count, as the filter sidebar shows it. */
static void
count_fixture_set_up (Fixture       *fixture,
                      gconstpointer  data)
{
  atlas_test_load_style ();

  fixture->inscription = g_object_new (GTK_TYPE_INSCRIPTION,
                                       "min-chars", MIN_CHARS,
                                       "xalign", 1.0f,
                                       "css-classes", (const char * const[]) { "numeric", NULL },
                                       NULL);
  present_pair (fixture,
                g_object_new (ATLAS_TYPE_COUNT_LABEL,
                              "min-chars", MIN_CHARS,
                              "css-classes", (const char * const[]) { "numeric", NULL },
                              NULL),
                -1, -1);
}

/* A title of two lines at most, as a result row shows it. */
static void
cached_fixture_set_up (Fixture       *fixture,
                       gconstpointer  data)
{
  atlas_test_load_style ();

  fixture->inscription = g_object_new (GTK_TYPE_INSCRIPTION,
                                       "min-chars", 12, "nat-chars", 20,
                                       "min-lines", 1, "nat-lines", 2,
                                       "yalign", 0.0f,
                                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                       "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                       NULL);
  present_pair (fixture,
                g_object_new (ATLAS_TYPE_CACHED_LABEL,
                              "min-chars", 12, "nat-chars", 20,
                              "min-lines", 1, "nat-lines", 2,
                              "yalign", 0.0f,
                              "wrap-mode", PANGO_WRAP_WORD_CHAR,
                              "ellipsize", PANGO_ELLIPSIZE_END,
                              NULL),
                220, 300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  if (ATLAS_IS_COUNT_LABEL (label))
    atlas_count_label_set_text (ATLAS_COUNT_LABEL (label), text);
  else
    atlas_cached_label_set_text (ATLAS_CACHED_LABEL (label), text);
}

static void
set_direction (Fixture          *fixture,
               GtkTextDirection  direction)
{
  gtk_widget_set_direction (fixture->label, direction);
  gtk_widget_set_direction (GTK_WIDGET (fixture->inscription), direction);
}

static void
add_css_class (Fixture    *fixture,
               const char *name)
{
  gtk_widget_add_css_class (fixture->label, name);
  gtk_widget_add_css_class (GTK_WIDGET (fixture->inscription), name);
}

/* @widget drawn on white, at its size. */
static cairo_surface_t *
draw_widget (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = atlas_test_render_widget (widget);
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, gtk_widget_get_width (widget),
                                        gtk_widget_get_height (widget));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* How many pixels differ, and how many are not white in @a. */
static guint
compare_surfaces (cairo_surface_t *a,
                  cairo_surface_t *b,
                  guint           *n_inked)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *data_a = cairo_image_surface_get_data (a);
  const guint8 *data_b = cairo_image_surface_get_data (b);
  guint n_different = 0;

  g_assert_cmpint (width, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));

  *n_inked = 0;
  for (int y = 0; y < height; y++)
    {
      const guint32 *row_a = (const guint32 *) (gconstpointer) (data_a + y * stride);
      const guint32 *row_b = (const guint32 *) (gconstpointer) (data_b + y * stride);

      for (int x = 0; x < width; x++)
        {
          n_different += (row_a[x] & 0xffffff) != (row_b[x] & 0xffffff);
          *n_inked += (row_a[x] & 0xffffff) != 0xffffff;
        }
    }

  return n_different;
}

static void
assert_same_as_inscription (Fixture    *fixture,
                            const char *text)
{
  cairo_surface_t *label, *inscription;
  guint n_different, n_inked;
  int label_min, inscription_min;

  set_label_text (fixture->label, text);
  gtk_inscription_set_text (fixture->inscription, text);
  atlas_test_wait_frames (fixture->window, 1);

  /* The same size, from the same font's measures. */
  for (guint o = 0; o < 2; o++)
    {
      gtk_widget_measure (fixture->label, o, -1, &label_min, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (fixture->inscription), o, -1, &inscription_min,
                          NULL, NULL, NULL);
      g_assert_cmpint (label_min, ==, inscription_min);
    }

  label = draw_widget (fixture->label);
  inscription = draw_widget (GTK_WIDGET (fixture->inscription));
  n_different = compare_surfaces (label, inscription, &n_inked);
  if (n_different != 0)
    g_test_message ("\"%s\": %u pixels differ", text, n_different);
  g_assert_cmpuint (n_different, ==, 0);

  /* Something was drawn, as much as the text has ink. */
  if (text != NULL && strspn (text, " ") != strlen (text))
    g_assert_cmpuint (n_inked, >, 0);

  cairo_surface_destroy (label);
  cairo_surface_destroy (inscription);
}

static const char *numbers[] = {
  "0", "7", "42", "905", "1,234", "22,146", "100,000",
  "1.234", "12\u202f345",                         /* other thousands separators */
  "\u0661\u0662\u066c\u0663\u0664\u0665",          /* Arabic-Indic, "12,345" */
};

/* Drawn glyph by glyph, a count is pixel for pixel what GtkInscription
 * draws of it, left to right and right to left. */
static void
test_count_label_numbers (Fixture       *fixture,
                          gconstpointer  data)
{
  for (guint dir = 0; dir < 2; dir++)
    {
      GtkTextDirection direction = dir == 0 ? GTK_TEXT_DIR_LTR : GTK_TEXT_DIR_RTL;

      set_direction (fixture, direction);

      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        assert_same_as_inscription (fixture, numbers[i]);
    }
}

/* Text other than a number is laid out as a whole, where an inscription
 * puts it: a space between digits moves with the direction. */
static void
test_count_label_other_text (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char *texts[] = { "12 345", "n/a", "~5", "" };

  for (guint dir = 0; dir < 2; dir++)
    {
      GtkTextDirection direction = dir == 0 ? GTK_TEXT_DIR_LTR : GTK_TEXT_DIR_RTL;

      set_direction (fixture, direction);

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        assert_same_as_inscription (fixture, texts[i]);
    }
  assert_same_as_inscription (fixture, NULL);
}

/* A new font (a style class) measures and draws the count in that font. */
static void
test_count_label_font (Fixture       *fixture,
                       gconstpointer  data)
{
  int before, after;

  assert_same_as_inscription (fixture, "4,428");
  gtk_widget_measure (fixture->label, GTK_ORIENTATION_VERTICAL, -1,
                      &before, NULL, NULL, NULL);

  add_css_class (fixture, "title-1");
  /* The window grows to the new font. */
  atlas_test_wait_frames (fixture->window, 3);
  assert_same_as_inscription (fixture, "4,429");
  gtk_widget_measure (fixture->label, GTK_ORIENTATION_VERTICAL, -1,
                      &after, NULL, NULL, NULL);
  g_assert_cmpint (after, >, before);

  /* The colour follows the style too. */
  add_css_class (fixture, "error");
  assert_same_as_inscription (fixture, "4,430");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A new count is drawn again, never measured again; min-chars sets the
 * width. */
static void
test_count_label_size (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *widget = fixture->label;
  guint n_layouts = 0;
  gulong handler;
  int width, height, wider;

  atlas_count_label_set_text (ATLAS_COUNT_LABEL (fixture->label), "1");
  atlas_test_wait_frames (fixture->window, 1);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);

  /* No layout in the frame that draws it. */
  handler = g_signal_connect_swapped (gtk_widget_get_frame_clock (widget), "layout",
                                      G_CALLBACK (count_cb), &n_layouts);
  atlas_count_label_set_text (ATLAS_COUNT_LABEL (fixture->label), "100,000");
  atlas_test_wait_frames (widget, 1);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (widget), handler);
  g_assert_cmpuint (n_layouts, ==, 0);
  g_assert_cmpstr (atlas_count_label_get_text (ATLAS_COUNT_LABEL (fixture->label)), ==, "100,000");
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &wider, NULL, NULL, NULL);
  g_assert_cmpint (wider, ==, width);

  atlas_count_label_set_min_chars (ATLAS_COUNT_LABEL (fixture->label), 2 * MIN_CHARS);
  g_assert_cmpuint (atlas_count_label_get_min_chars (ATLAS_COUNT_LABEL (fixture->label)), ==, 2 * MIN_CHARS);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &wider, NULL, NULL, NULL);
  g_assert_cmpint (wider, >, width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &wider, NULL, NULL, NULL);
  g_assert_cmpint (wider, ==, height);
}

/* The count is the label's accessible name, unless the label is only
 * presentation (a row that says the count in its own name). */
static void
test_count_label_accessible (void)
{
  g_autoptr(AtlasCountLabel) label = g_object_ref_sink (ATLAS_COUNT_LABEL (atlas_count_label_new ()));
  g_autoptr(AtlasCountLabel) shown = NULL;
  g_autofree char *error = NULL;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)), ==,
                   GTK_ACCESSIBLE_ROLE_LABEL);
  atlas_count_label_set_text (label, "1,234");
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (label),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "1,234");
  g_assert_null (error);

  shown = g_object_ref_sink (g_object_new (ATLAS_TYPE_COUNT_LABEL,
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           "text", "12",
                                           NULL));
  g_assert_cmpstr (atlas_count_label_get_text (shown), ==, "12");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (shown),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
}

/* Cached labels */

static const char *titles[] = {
  "AI for Good",
  "Global Digital Compact and its follow-up",
  "Initiative 11927: agriculture schools and community infrastructure for digital public "
  "goods in rural areas",
  "\u0627\u0644\u0627\u062a\u062d\u0627\u062f \u0627\u0644\u062f\u0648\u0644\u064a "
  "\u0644\u0644\u0627\u062a\u0635\u0627\u0644\u0627\u062a: \u0631\u0628\u0637 "
  "\u0627\u0644\u0645\u062f\u0627\u0631\u0633 \u0628\u0627\u0644\u0625\u0646\u062a"
  "\u0631\u0646\u062a",
  "Sant\u00e9 num\u00e9rique <b>pour</b> tous & partout",
};

/* A text is pixel for pixel what a GtkInscription draws, wrapped on two
 * lines or ellipsized, either direction, whether it was laid out now or
 * comes from the cache (shown before, then shown again). */
static void
test_cached_label_texts (Fixture       *fixture,
                         gconstpointer  data)
{
  for (guint dir = 0; dir < 2; dir++)
    {
      set_direction (fixture, dir == 0 ? GTK_TEXT_DIR_LTR : GTK_TEXT_DIR_RTL);

      for (guint round = 0; round < 2; round++)
        for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
          assert_same_as_inscription (fixture, titles[i]);
    }
  assert_same_as_inscription (fixture, "");
  assert_same_as_inscription (fixture, NULL);
}

static void
set_attributes (Fixture       *fixture,
                PangoAttrList *attributes)
{
  atlas_cached_label_set_attributes (ATLAS_CACHED_LABEL (fixture->label), attributes);
  gtk_inscription_set_attributes (fixture->inscription, attributes);
}

static PangoAttrList *
make_highlight (guint start,
                guint end)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *background = pango_attr_background_new (0xffff, 0xe000, 0x4000);
  PangoAttribute *weight = pango_attr_weight_new (PANGO_WEIGHT_HEAVY);

  background->start_index = weight->start_index = start;
  background->end_index = weight->end_index = end;
  pango_attr_list_insert (attributes, background);
  pango_attr_list_insert (attributes, weight);

  return attributes;
}

/* The text's attributes (a search's highlight) are drawn, and are part of
 * what a layout is cached for: the same text highlighted elsewhere, or not
 * at all, is not drawn from the other's layout. */
static void
test_cached_label_attributes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PangoAttrList) first = make_highlight (0, strlen ("Sant\u00e9"));
  g_autoptr(PangoAttrList) second = make_highlight (strlen ("Sant\u00e9 "),
                                                    strlen ("Sant\u00e9 num\u00e9rique"));

  set_attributes (fixture, first);
  assert_same_as_inscription (fixture, titles[4]);
  g_assert_true (atlas_cached_label_get_attributes (ATLAS_CACHED_LABEL (fixture->label)) == first);

  set_attributes (fixture, second);
  assert_same_as_inscription (fixture, titles[4]);

  set_attributes (fixture, NULL);
  assert_same_as_inscription (fixture, titles[4]);

  set_attributes (fixture, first);
  assert_same_as_inscription (fixture, titles[4]);
}

/* Labels share a layout only when their font, size and text agree: when
 * one label's font changes, it draws in its new font and another showing
 * the same text keeps its own; a new width lays the text out again. */
static void
test_cached_label_shared (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *box = gtk_widget_get_parent (fixture->label);
  GtkWidget *other = g_object_new (ATLAS_TYPE_CACHED_LABEL,
                                   "min-chars", 12, "nat-chars", 20,
                                   "min-lines", 1, "nat-lines", 2,
                                   "yalign", 0.0f,
                                   NULL);
  g_autoptr(GskRenderNode) before = NULL;
  g_autoptr(GskRenderNode) after = NULL;
  int width;

  gtk_box_append (GTK_BOX (box), other);
  atlas_cached_label_set_text (ATLAS_CACHED_LABEL (other), titles[1]);
  assert_same_as_inscription (fixture, titles[1]);
  before = atlas_test_render_widget (other);

  add_css_class (fixture, "title-4");
  atlas_test_wait_frames (fixture->window, 3);
  assert_same_as_inscription (fixture, titles[1]);

  /* The other label draws in the font it had. */
  after = atlas_test_render_widget (other);
  {
    g_autoptr(GPtrArray) texts_before = g_ptr_array_new ();
    g_autoptr(GPtrArray) texts_after = g_ptr_array_new ();

    atlas_test_collect_nodes (before, GSK_TEXT_NODE, texts_before);
    atlas_test_collect_nodes (after, GSK_TEXT_NODE, texts_after);
    g_assert_cmpuint (texts_before->len, >, 0);
    g_assert_cmpuint (texts_before->len, ==, texts_after->len);
    for (guint i = 0; i < texts_before->len; i++)
      g_assert_true (gsk_text_node_get_font (g_ptr_array_index (texts_before, i)) ==
                     gsk_text_node_get_font (g_ptr_array_index (texts_after, i)));
  }

  /* Narrower, the title wraps elsewhere. */
  width = gtk_widget_get_width (fixture->window);
  gtk_widget_set_size_request (fixture->label, width / 2, -1);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->inscription), width / 2, -1);
  gtk_widget_set_halign (fixture->label, GTK_ALIGN_START);
  gtk_widget_set_halign (GTK_WIDGET (fixture->inscription), GTK_ALIGN_START);
  atlas_test_wait_frames (fixture->window, 3);
  assert_same_as_inscription (fixture, titles[1]);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_ui (&argc, &argv);

  g_test_add ("/count-label/numbers", Fixture, NULL, count_fixture_set_up,
              test_count_label_numbers, fixture_tear_down);
  g_test_add ("/count-label/other-text", Fixture, NULL, count_fixture_set_up,
              test_count_label_other_text, fixture_tear_down);
  g_test_add ("/count-label/font", Fixture, NULL, count_fixture_set_up,
              test_count_label_font, fixture_tear_down);
  g_test_add ("/count-label/size", Fixture, NULL, count_fixture_set_up,
              test_count_label_size, fixture_tear_down);
  g_test_add_func ("/count-label/accessible", test_count_label_accessible);
  g_test_add ("/cached-label/texts", Fixture, NULL, cached_fixture_set_up,
              test_cached_label_texts, fixture_tear_down);
  g_test_add ("/cached-label/attributes", Fixture, NULL, cached_fixture_set_up,
              test_cached_label_attributes, fixture_tear_down);
  g_test_add ("/cached-label/shared", Fixture, NULL, cached_fixture_set_up,
              test_cached_label_shared, fixture_tear_down);

  return g_test_run ();
}
