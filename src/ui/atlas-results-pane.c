/* atlas-results-pane.c
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

#define G_LOG_DOMAIN "atlas-results-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-damage-hint.h"
#include "atlas-enums.h"
#include "atlas-result-model.h"
#include "atlas-result-row.h"
#include "atlas-results-pane.h"
#include "atlas-ui-format.h"
#include "atlas-vocab.h"
#include "atlas-wrap-box.h"

/* How many frames to wait for the list to lay out a row it scrolls to. */
#define FOCUS_ROW_MAX_FRAMES 10

typedef enum
{
  CHIP_VALUE,
  CHIP_TEXT,
  CHIP_YEARS,
} ChipKind;

/* What a chip's remove button takes out of the query, and its text. */
typedef struct
{
  ChipKind    kind;
  AtlasFacet  facet;
  char       *value;
  char       *text;
} ChipData;

struct _AtlasResultsPane
{
  GtkWidget             parent_instance;

  AtlasContext         *context;
  AtlasResultModel     *model;
  GtkSingleSelection   *selection;

  GtkFileChooserNative *chooser;
  GtkFileFilter        *csv_filter;
  GtkFileFilter        *json_filter;
  GCancellable         *export_cancellable;

  guint                 focus_tick_id;
  guint                 focus_position;
  guint                 focus_frames;

  /* Where keyboard focus goes after a chip is removed. */
  int                   chip_focus_index;

  /* The drop-down is being set from the query, not by the user. */
  gboolean              updating_sort;

  /* A new result changes the heading, the chips and every row in sight:
   * the pane changes as one rectangle. */
  AtlasDamageHint       result_hint;

  /* Template children */
  GtkButton            *back_button;
  GtkRevealer          *chips_revealer;
  AtlasWrapBox         *chips_box;
  GtkButton            *clear_button;
  GtkStack             *content_stack;
  GtkLabel             *count_label;
  AdwBin               *detail_bin;
  GtkBox               *detail_page;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *failed_page;
  GtkListView          *list_view;
  GtkBox               *list_page;
  GtkSpinner           *loading_spinner;
  GtkMenuButton        *menu_button;
  GtkStack             *page_stack;
  GtkScrolledWindow    *scrolled_window;
  GtkDropDown          *sort_dropdown;
  GtkBox               *warning_box;
  GtkLabel             *warning_label;
};

G_DEFINE_FINAL_TYPE (AtlasResultsPane, atlas_results_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SHOWING_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chip_data_free (gpointer data)
{
  ChipData *chip = data;

  /* NULL: a chip's data taken by its button. */
  if (chip == NULL)
    return;

  g_free (chip->value);
  g_free (chip->text);
  g_free (chip);
}

static gboolean
is_ready (AtlasResultsPane *self)
{
  return atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_READY &&
         atlas_context_get_result (self->context) != NULL;
}

/* The search text without surrounding spaces, or NULL when there is none. */
static char *
dup_search_text (AtlasQuery *query)
{
  const char *text = atlas_query_get_text (query);
  char *stripped;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);

  return stripped;
}

static void
update_actions (AtlasResultsPane *self)
{
  AtlasResult *result;
  gboolean ready;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  ready = is_ready (self);
  result = atlas_context_get_result (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.export",
                                 ready && self->export_cancellable == NULL &&
                                 result != NULL && atlas_result_get_n_items (result) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.clear",
                                 !atlas_query_is_empty (atlas_context_get_query (self->context)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.back",
                                 atlas_results_pane_get_showing_detail (self));
}

static char *
format_count (guint n)
{
  g_autofree char *number = NULL;

  number = atlas_format_count (n);

  /* Translators: the number of initiatives in the results list's heading;
   * %s is the number, with its digits grouped, as in "1,234 initiatives". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s initiative", "%s initiatives", n),
                          number);
}

/* Nothing matched the text in titles, summaries and names, and the worker
 * has not said yet whether a description does: "no initiative matches"
 * would not be true yet. */
static gboolean
is_still_searching (AtlasResult *result)
{
  return result != NULL && atlas_result_get_n_items (result) == 0 &&
         !atlas_result_is_complete (result);
}

static void
update_count (AtlasResultsPane *self)
{
  AtlasResult *result;
  g_autofree char *text = NULL;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  result = atlas_context_get_result (self->context);
  if (is_ready (self) && is_still_searching (result))
    /* Translators: the results list's heading while nothing was found in
     * titles, summaries and names, and the descriptions are still being
     * searched. */
    text = g_strdup (_("Searching…"));
  else if (is_ready (self))
    text = format_count (atlas_result_get_n_items (result));

  gtk_label_set_text (self->count_label, text != NULL ? text : "");
}

static void
update_empty_page (AtlasResultsPane *self)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  text = dup_search_text (atlas_context_get_query (self->context));
  if (text != NULL)
    /* Translators: the title of an empty results list; %s is what the user searched for. */
    title = g_strdup_printf (_("No initiative matches “%s”"), text);
  else
    title = g_strdup (_("No initiative matches the filters"));

  adw_status_page_set_title (self->empty_page, title);
}

static void
update_content (AtlasResultsPane *self)
{
  AtlasContextState state;
  AtlasResult *result;
  AtlasIndex *index;
  const char *page;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  state = atlas_context_get_state (self->context);
  result = atlas_context_get_result (self->context);
  index = atlas_context_get_index (self->context);

  if (state == ATLAS_CONTEXT_STATE_FAILED)
    {
      const GError *error = atlas_context_get_error (self->context);

      adw_status_page_set_description (self->failed_page,
                                       error != NULL ? error->message : NULL);
      page = "failed";
    }
  else if (state == ATLAS_CONTEXT_STATE_LOADING || result == NULL)
    page = "loading";
  else if (index == NULL || atlas_index_get_n_initiatives (index) == 0)
    page = "no-data";
  else if (is_still_searching (result))
    page = "results";
  else if (atlas_result_get_n_items (result) == 0)
    page = "empty";
  else
    page = "results";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_dropdown), g_str_equal (page, "results"));
  update_empty_page (self);
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

/* Warning row */

static void
update_warning (AtlasResultsPane *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  gboolean failed = FALSE;
  gint64 last_success = 0;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  if (atlas_context_get_state (self->context) == ATLAS_CONTEXT_STATE_READY)
    sources = atlas_context_list_sources (self->context);

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      if (source->kind != ATLAS_SOURCE_KIND_FEED)
        continue;

      failed |= source->last_error != NULL;
      last_success = MAX (last_success, source->last_success);
    }

  if (!failed)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->warning_box), FALSE);
      return;
    }

  /* The data shown is as old as the last successful sync, or the bundled
   * snapshot when no feed ever synced. */
  if (last_success > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (last_success);

      date = time != NULL ? atlas_format_date (time) : NULL;
    }
  else
    date = atlas_format_iso_date (atlas_context_get_snapshot_date (self->context));

  if (date != NULL)
    /* Translators: shown above the results after a failed update; %s is a
     * date, as in "4 December 2025". */
    text = g_strdup_printf (_("Showing data from %s: the last update failed."), date);
  else
    text = g_strdup (_("The last update failed."));

  gtk_label_set_text (self->warning_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_box), TRUE);
}

/* Chips */

static const char *
find_source_name (GPtrArray  *sources,
                  const char *value,
                  char      **owned)
{
  gint64 id = g_ascii_strtoll (value, NULL, 10);

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      if (source->id != id)
        continue;

      if (source->title != NULL)
        return source->title;
      if (source->kind == ATLAS_SOURCE_KIND_BUNDLED)
        return _("Bundled data");

      *owned = atlas_format_feed_title (source->url);
      return *owned != NULL ? *owned : source->url;
    }

  return value;
}

/* The chip's text for one value of a facet, as in "SDG 4: Quality Education". */
static char *
describe_value (AtlasResultsPane *self,
                AtlasFacet        facet,
                const char       *value)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  const AtlasTerm *term = NULL;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  if (facet == ATLAS_FACET_GDC || facet == ATLAS_FACET_SDG || facet == ATLAS_FACET_WSIS ||
      facet == ATLAS_FACET_PRIORITY || facet == ATLAS_FACET_ORG_TYPE)
    term = atlas_vocab_find_term (vocab, facet, value);

  switch (facet)
    {
    case ATLAS_FACET_GDC:
      /* Translators: a filter shown above the results: the number and short
       * name of a Global Digital Compact objective, as in "GDC 5: AI governance". */
      return g_strdup_printf (C_("filter", "GDC %s: %s"), value,
                              term != NULL ? atlas_term_get_short_name (term, facet) : value);

    case ATLAS_FACET_SDG:
      /* Translators: a filter shown above the results: the number and name of
       * a Sustainable Development Goal, as in "SDG 4: Quality Education". */
      return g_strdup_printf (C_("filter", "SDG %s: %s"), value,
                              term != NULL ? atlas_term_get_short_name (term, facet) : value);

    case ATLAS_FACET_WSIS:
      {
        const AtlasTerm *terms;
        guint n_terms = 0;
        const char *line = value;

        /* A sub-line goes by its parent's number: "WSIS C7: E-health". */
        terms = atlas_vocab_get_terms (vocab, facet, &n_terms);
        if (term != NULL && term->parent >= 0 && (guint) term->parent < n_terms)
          line = terms[term->parent].id;

        /* Translators: a filter shown above the results: a WSIS Action Line's
         * number and short name, as in "WSIS C3: Access to information". */
        return g_strdup_printf (C_("filter", "WSIS %s: %s"), line,
                                term != NULL ? atlas_term_get_short_name (term, facet) : value);
      }

    case ATLAS_FACET_PRIORITY:
      /* Translators: a filter shown above the results, as in "Priority: AI governance". */
      return g_strdup_printf (C_("filter", "Priority: %s"),
                              term != NULL ? atlas_term_get_name (term, facet) : value);

    case ATLAS_FACET_REGION:
      {
        guint64 code = g_ascii_strtoull (value, NULL, 10);
        int index = code <= G_MAXUINT16 ? atlas_vocab_find_region (vocab, (guint16) code) : -1;

        /* Translators: a filter shown above the results, as in "Region: Africa". */
        return g_strdup_printf (C_("filter", "Region: %s"),
                                index >= 0
                                ? atlas_region_get_name (atlas_vocab_get_region (vocab, index))
                                : value);
      }

    case ATLAS_FACET_COUNTRY:
      {
        int index = atlas_vocab_find_country (vocab, value);

        /* Translators: a filter shown above the results, as in "Country: Kenya". */
        return g_strdup_printf (C_("filter", "Country: %s"),
                                index >= 0
                                ? atlas_country_get_name (atlas_vocab_get_country (vocab, index))
                                : value);
      }

    case ATLAS_FACET_ORG_TYPE:
      /* Translators: a filter shown above the results, as in "Organization type: Academia". */
      return g_strdup_printf (C_("filter", "Organization type: %s"),
                              term != NULL ? atlas_term_get_name (term, facet) : value);

    case ATLAS_FACET_ORGANIZATION:
      {
        g_autoptr(AtlasOrganization) organization = NULL;
        AtlasStore *store = atlas_context_get_store (self->context);

        if (store != NULL)
          organization = atlas_store_load_organization (store, g_ascii_strtoll (value, NULL, 10),
                                                        NULL);

        /* Translators: a filter shown above the results, as in "Organization: UNESCO". */
        return g_strdup_printf (C_("filter", "Organization: %s"),
                                organization != NULL ? organization->name : value);
      }

    case ATLAS_FACET_STATUS:
      {
        AtlasStatus status = atlas_status_from_string (value);

        /* Translators: a filter shown above the results, as in "Status: Ongoing". */
        return g_strdup_printf (C_("filter", "Status: %s"),
                                status != ATLAS_STATUS_UNKNOWN ? atlas_status_get_label (status)
                                                               : value);
      }

    case ATLAS_FACET_SOURCE:
      {
        g_autoptr(GPtrArray) sources = atlas_context_list_sources (self->context);
        g_autofree char *owned = NULL;

        /* Translators: a filter shown above the results, as in "Source: Bundled data". */
        return g_strdup_printf (C_("filter", "Source: %s"),
                                find_source_name (sources, value, &owned));
      }

    case ATLAS_N_FACETS:
    default:
      return g_strdup (value);
    }
}

static char *
describe_years (int min_year,
                int max_year)
{
  if (min_year != 0 && max_year != 0 && min_year == max_year)
    /* Translators: a filter shown above the results: the start year. */
    return g_strdup_printf (C_("filter", "Started in %d"), min_year);
  if (min_year != 0 && max_year != 0)
    /* Translators: a filter shown above the results: a range of start years. */
    return g_strdup_printf (C_("filter", "Started %d–%d"), min_year, max_year);
  if (min_year != 0)
    /* Translators: a filter shown above the results. */
    return g_strdup_printf (C_("filter", "Started in %d or later"), min_year);

  /* Translators: a filter shown above the results. */
  return g_strdup_printf (C_("filter", "Started in %d or earlier"), max_year);
}

static void on_chip_remove_clicked_cb (GtkButton        *button,
                                       AtlasResultsPane *self);

static ChipData *
chip_data_new (ChipKind    kind,
               AtlasFacet  facet,
               const char *value,
               char       *text)
{
  ChipData *data = g_new0 (ChipData, 1);

  data->kind = kind;
  data->facet = facet;
  data->value = g_strdup (value);
  data->text = text;

  return data;
}

static gboolean
chip_data_equal (const ChipData *a,
                 const ChipData *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->kind == b->kind && a->facet == b->facet &&
         g_strcmp0 (a->value, b->value) == 0 && g_strcmp0 (a->text, b->text) == 0;
}

/* The data of a chip of the box, NULL for "Clear All". */
static ChipData *
get_chip_data (GtkWidget *chip)
{
  GtkWidget *button = gtk_widget_get_last_child (chip);

  return button != NULL ? g_object_get_data (G_OBJECT (button), "atlas-chip") : NULL;
}

static GtkWidget *
make_chip (AtlasResultsPane *self,
           ChipData         *data)
{
  g_autofree char *remove_name = NULL;
  GtkWidget *chip;
  GtkWidget *label;
  GtkWidget *button;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (chip, "atlas-filter-chip");

  /* GTK asks the X server where the pointer is when the tooltip of a
   * visible widget is set: a round trip for each new chip, as on every
   * keystroke for the search's.  A chip is not under the pointer yet: its
   * parts get their tooltips before they show. */
  label = gtk_label_new (NULL);
  gtk_widget_set_visible (label, FALSE);
  gtk_label_set_text (GTK_LABEL (label), data->text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_widget_set_tooltip_text (label, data->text);
  gtk_widget_set_visible (label, TRUE);
  gtk_box_append (GTK_BOX (chip), label);

  /* Translators: the accessible name of the button that removes a filter;
   * %s is the filter, as in "SDG 4: Quality Education". */
  remove_name = g_strdup_printf (_("Remove filter “%s”"), data->text);
  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, remove_name);
  gtk_widget_set_visible (button, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "atlas-chip", data, chip_data_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
add_value_chips (AtlasResultsPane *self,
                 AtlasQuery       *query,
                 GPtrArray        *chips)
{
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      const char * const *values;
      guint n_values = 0;

      values = atlas_query_get_values (query, f, &n_values);
      for (guint i = 0; i < n_values; i++)
        g_ptr_array_add (chips, chip_data_new (CHIP_VALUE, f, values[i],
                                               describe_value (self, f, values[i])));
    }
}

/* The button of the chip at @index (its remove button, or "Clear All"). */
static GtkWidget *
get_chip_button (AtlasResultsPane *self,
                 int               index)
{
  GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box));

  for (int i = 0; i < index && chip != NULL; i++)
    chip = gtk_widget_get_next_sibling (chip);

  if (chip == NULL || GTK_IS_BUTTON (chip))
    return chip;

  return gtk_widget_get_last_child (chip);
}

static int
get_chip_index (AtlasResultsPane *self,
                GtkWidget        *button)
{
  int index = 0;

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box));
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip), index++)
    if (chip == button || chip == gtk_widget_get_parent (button))
      return index;

  return -1;
}

static void
update_chips (AtlasResultsPane *self)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new_with_free_func (chip_data_free);
  AtlasQuery *query;
  g_autofree char *text = NULL;
  GtkWidget *box = GTK_WIDGET (self->chips_box);
  GtkWidget *child;
  GtkWidget *next;
  GtkWidget *clear_all = NULL;
  GtkWidget *previous = NULL;
  int min_year = 0;
  int max_year = 0;
  guint n_chips;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  query = atlas_context_get_query (self->context);

  text = dup_search_text (query);
  if (text != NULL)
    /* Translators: a filter shown above the results: what the user searched for. */
    g_ptr_array_add (chips, chip_data_new (CHIP_TEXT, 0, NULL,
                                           g_strdup_printf (C_("filter", "Search: “%s”"), text)));

  add_value_chips (self, query, chips);

  atlas_query_get_year_range (query, &min_year, &max_year);
  if (min_year != 0 || max_year != 0)
    g_ptr_array_add (chips, chip_data_new (CHIP_YEARS, 0, NULL,
                                           describe_years (min_year, max_year)));
  n_chips = chips->len;

  /* The chips that stay keep their widgets: a chip is made (and its
   * tooltips set, which asks the X server where the pointer is) only for a
   * new filter, not again for every filter on every change. */
  for (child = gtk_widget_get_first_child (box); child != NULL; child = next)
    {
      ChipData *data = get_chip_data (child);
      gboolean wanted = FALSE;

      next = gtk_widget_get_next_sibling (child);
      if (data == NULL)
        {
          clear_all = child;
          continue;
        }

      for (guint i = 0; i < chips->len && !wanted; i++)
        wanted = chip_data_equal (data, g_ptr_array_index (chips, i));
      if (!wanted)
        atlas_wrap_box_remove (self->chips_box, child);
    }

  for (guint i = 0; i < chips->len; i++)
    {
      ChipData *data = g_ptr_array_index (chips, i);
      GtkWidget *chip = NULL;

      for (child = gtk_widget_get_first_child (box); child != NULL && chip == NULL;
           child = gtk_widget_get_next_sibling (child))
        if (child != clear_all && chip_data_equal (get_chip_data (child), data))
          chip = child;

      if (chip == NULL)
        {
          chip = make_chip (self, g_steal_pointer (&g_ptr_array_index (chips, i)));
          atlas_wrap_box_insert_after (self->chips_box, chip, previous);
        }
      else if (gtk_widget_get_prev_sibling (chip) != previous)
        {
          atlas_wrap_box_insert_after (self->chips_box, chip, previous);
        }
      previous = chip;
    }

  if (n_chips > 0 && clear_all == NULL)
    {
      /* No mnemonic: GTK 4.8 would read "Clear _All Clear All" as its name. */
      clear_all = gtk_button_new_with_label (_("Clear All"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (clear_all), "results.clear");
      gtk_widget_add_css_class (clear_all, "flat");
      gtk_widget_add_css_class (clear_all, "atlas-clear-all");
      gtk_widget_set_valign (clear_all, GTK_ALIGN_CENTER);
      /* Its visible label names it; GTK 4.8 would read an accessible label
       * and the visible one both. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (clear_all),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Removes every filter and the search text"),
                                      -1);
      atlas_wrap_box_append (self->chips_box, clear_all);
    }
  else if (n_chips == 0 && clear_all != NULL)
    {
      atlas_wrap_box_remove (self->chips_box, clear_all);
    }

  gtk_revealer_set_reveal_child (self->chips_revealer, n_chips > 0);

  /* After a chip was removed with the keyboard, the focus goes to the chip
   * that took its place (or the list when none is left). */
  if (self->chip_focus_index >= 0)
    {
      int index = self->chip_focus_index;

      self->chip_focus_index = -1;
      if (n_chips > 0)
        gtk_widget_grab_focus (get_chip_button (self, MIN (index, (int) n_chips - 1)));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

static void
on_chip_remove_clicked_cb (GtkButton        *button,
                           AtlasResultsPane *self)
{
  ChipData *data;
  AtlasQuery *query;

  g_assert (GTK_IS_BUTTON (button));
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  data = g_object_get_data (G_OBJECT (button), "atlas-chip");
  query = atlas_context_get_query (self->context);

  if (gtk_widget_has_focus (GTK_WIDGET (button)))
    self->chip_focus_index = get_chip_index (self, GTK_WIDGET (button));

  /* Removing the value rebuilds the chips, this button's among them: keep
   * it (and the data) alive until done. */
  g_object_ref (button);

  switch (data->kind)
    {
    case CHIP_VALUE:
      atlas_query_remove_value (query, data->facet, data->value);
      break;

    case CHIP_TEXT:
      atlas_query_set_text (query, NULL);
      break;

    case CHIP_YEARS:
      atlas_query_set_year_range (query, 0, 0);
      break;

    default:
      g_assert_not_reached ();
    }

  self->chip_focus_index = -1;
  g_object_unref (button);
}

/* Sort order */

static void
update_sort (AtlasResultsPane *self)
{
  AtlasSort sort;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  sort = atlas_query_get_sort (atlas_context_get_query (self->context));
  if (gtk_drop_down_get_selected (self->sort_dropdown) != (guint) sort)
    {
      self->updating_sort = TRUE;
      gtk_drop_down_set_selected (self->sort_dropdown, sort);
      self->updating_sort = FALSE;
    }
}

static void
on_sort_dropdown_notify_selected_cb (AtlasResultsPane *self)
{
  guint selected;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  if (self->context == NULL || self->updating_sort)
    return;

  selected = gtk_drop_down_get_selected (self->sort_dropdown);
  if (selected < ATLAS_N_SORTS)
    atlas_query_set_sort (atlas_context_get_query (self->context), (AtlasSort) selected);
}

/* Navigation */

static GtkWidget *
find_row_widget (AtlasResultsPane *self,
                 guint             position)
{
  AtlasResult *result;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  result = atlas_result_model_get_result (self->model);
  if (result == NULL || position >= atlas_result_get_n_items (result))
    return NULL;

  /* The list's children are its row widgets, each holding one of ours. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      AtlasResultItem *item;

      if (!ATLAS_IS_RESULT_ROW (row) || !gtk_widget_get_child_visible (child))
        continue;

      item = atlas_result_row_get_item (ATLAS_RESULT_ROW (row));
      if (item != NULL &&
          atlas_result_item_get_position (item) == position &&
          atlas_result_item_get_rowid (item) == atlas_result_get_rowid (result, position))
        return child;
    }

  return NULL;
}

static gboolean
focus_row_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  AtlasResultsPane *self = user_data;
  GtkWidget *row;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  row = find_row_widget (self, self->focus_position);
  if (row != NULL && gtk_widget_get_mapped (row))
    {
      gtk_widget_grab_focus (row);
      self->focus_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (++self->focus_frames >= FOCUS_ROW_MAX_FRAMES)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      self->focus_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Scrolls to a row, and focuses it once the list has laid it out. */
static void
scroll_to_position (AtlasResultsPane *self,
                    guint             position,
                    gboolean          grab_focus)
{
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  if (self->focus_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick_id);
      self->focus_tick_id = 0;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  if (!grab_focus)
    return;

  self->focus_position = position;
  self->focus_frames = 0;
  self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                      focus_row_tick_cb, self, NULL);
}

/* Selects the context's selected initiative in the list, if it is there. */
static int
select_selected (AtlasResultsPane *self)
{
  int position;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  position = atlas_result_model_find_rowid (self->model,
                                            atlas_context_get_selected (self->context));
  if (position >= 0)
    gtk_single_selection_set_selected (self->selection, (guint) position);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  return position;
}

static void
show_page (AtlasResultsPane *self,
           const char       *name)
{
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  gtk_stack_set_visible_child_name (self->page_stack, name);
}

static void
on_page_stack_notify_visible_child_cb (AtlasResultsPane *self)
{
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_DETAIL]);
}

static void
show_detail (AtlasResultsPane *self,
             gboolean          grab_focus)
{
  GtkWidget *detail;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  show_page (self, "detail");

  if (!grab_focus)
    return;

  /* Focus follows the user to the page they opened. */
  detail = adw_bin_get_child (self->detail_bin);
  if (detail == NULL || !gtk_widget_grab_focus (detail))
    gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

static void
activate_position (AtlasResultsPane *self,
                   guint             position)
{
  AtlasResult *result;
  gint64 rowid;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  result = atlas_result_model_get_result (self->model);
  if (result == NULL || position >= atlas_result_get_n_items (result))
    return;

  rowid = atlas_result_get_rowid (result, position);
  gtk_single_selection_set_selected (self->selection, position);
  atlas_context_set_selected (self->context, rowid);
  show_detail (self, TRUE);
}

static void
on_list_view_activate_cb (AtlasResultsPane *self,
                          guint             position)
{
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  activate_position (self, position);
}

static void
on_row_click_released_cb (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          GtkListItem     *list_item)
{
  GtkWidget *row;
  GtkWidget *pane;

  if (n_press != 1)
    return;

  row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  pane = gtk_widget_get_ancestor (row, ATLAS_TYPE_RESULTS_PANE);
  if (pane != NULL && gtk_list_item_get_item (list_item) != NULL)
    activate_position (ATLAS_RESULTS_PANE (pane), gtk_list_item_get_position (list_item));
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AtlasResultsPane         *self)
{
  GtkWidget *row = atlas_result_row_new ();
  GtkGesture *click;

  /* One click opens an initiative (the list alone wants two). */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_row_click_released_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (list_item, row);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    AtlasResultsPane         *self)
{
  atlas_result_row_set_item (ATLAS_RESULT_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      AtlasResultsPane         *self)
{
  atlas_result_row_set_item (ATLAS_RESULT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Context */

static void
on_context_notify_result_cb (AtlasResultsPane *self)
{
  int position;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  update_count (self);
  update_content (self);
  update_actions (self);
  if (gtk_stack_get_visible_child (self->page_stack) == GTK_WIDGET (self->list_page))
    atlas_damage_hint_changed (&self->result_hint);

  position = select_selected (self);
  if (position < 0)
    {
      /* New results start at the top: the rows keep their place across
       * results (see AtlasResultModel), which would leave the view where the
       * previous result was scrolled to. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
        scroll_to_position (self, 0, FALSE);
      return;
    }

  if (atlas_results_pane_get_showing_detail (self))
    scroll_to_position (self, (guint) position, FALSE);
}

static void
on_context_notify_selected_cb (AtlasResultsPane *self)
{
  int position;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  position = select_selected (self);

  /* A selection made elsewhere (the map) opens the initiative here too;
   * clearing it goes back to the list. */
  if (atlas_context_get_selected (self->context) == 0)
    {
      if (atlas_results_pane_get_showing_detail (self))
        show_page (self, "list");
      return;
    }

  if (position >= 0)
    scroll_to_position (self, (guint) position, FALSE);

  if (!atlas_results_pane_get_showing_detail (self))
    show_detail (self, FALSE);
}

static void
on_context_notify_state_cb (AtlasResultsPane *self)
{
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  update_count (self);
  update_content (self);
  update_chips (self);
  update_warning (self);
  update_actions (self);
}

static void
on_context_sync_finished_cb (AtlasContext     *context,
                             AtlasSyncReport  *report,
                             const GError     *error,
                             AtlasResultsPane *self)
{
  g_assert (ATLAS_IS_CONTEXT (context));
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  update_warning (self);
}

static void
on_query_changed_cb (AtlasResultsPane *self)
{
  g_assert (ATLAS_IS_RESULTS_PANE (self));

  update_sort (self);
  update_chips (self);
  update_empty_page (self);
  update_actions (self);
}

/* Export */

typedef struct
{
  char              *database_path;
  AtlasResult       *result;
  AtlasExportFormat  format;
  GFile             *file;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->database_path);
  g_clear_pointer (&export->result, atlas_result_unref);
  g_clear_object (&export->file);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  GError *error = NULL;
  gboolean existed;

  store = atlas_store_open (export->database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* g_file_replace() writes beside an existing file and renames over it
   * on close, but writes a new file in place: a failure must take that
   * one away again. */
  existed = g_file_query_exists (export->file, NULL);
  stream = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (atlas_export_write (store, export->result, export->format, G_OUTPUT_STREAM (stream),
                          cancellable, &error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_int (task, atlas_result_get_n_items (export->result));
      return;
    }

  /* Closing with a cancelled cancellable drops the temporary file and
   * leaves the old one as it was. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (export->file, NULL, NULL);

  g_task_return_error (task, error);
}

void
atlas_results_pane_export_async (AtlasResultsPane    *self,
                                 GFile               *file,
                                 AtlasExportFormat    format,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AtlasResult *result;
  ExportData *export;

  g_return_if_fail (ATLAS_IS_RESULTS_PANE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_results_pane_export_async);

  result = atlas_context_get_result (self->context);
  if (atlas_context_get_state (self->context) != ATLAS_CONTEXT_STATE_READY || result == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The initiatives are not loaded yet."));
      return;
    }

  export = g_new0 (ExportData, 1);
  export->database_path = g_strdup (atlas_context_get_database_path (self->context));
  export->result = atlas_result_ref (result);
  export->format = format;
  export->file = g_object_ref (file);

  g_task_set_task_data (task, export, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
atlas_results_pane_export_finish (AtlasResultsPane  *self,
                                  GAsyncResult      *result,
                                  guint             *n_exported,
                                  GError           **error)
{
  gssize n;

  g_return_val_if_fail (ATLAS_IS_RESULTS_PANE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_exported != NULL)
    *n_exported = (guint) n;

  return TRUE;
}

static void
show_toast (AtlasResultsPane *self,
            const char       *message)
{
  GtkWidget *overlay;
  g_autofree char *escaped = NULL;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  /* Toast titles are markup; file names and error messages are not. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  g_clear_object (&self->export_cancellable);
  update_actions (self);

  name = g_file_get_basename (file);

  if (!atlas_results_pane_export_finish (self, result, &n, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s is a file name, the second %s the reason, as in
       * "Could not export to “initiatives.csv”: No space left on device". */
      message = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
    }
  else
    {
      g_autofree char *number = atlas_format_count (n);

      /* Translators: %s is a number (digits grouped), the second %s a file
       * name, as in "Exported 1,234 initiatives to initiatives.csv". */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Exported %s initiative to %s",
                                              "Exported %s initiatives to %s", n),
                                 number, name);
    }

  show_toast (self, message);
}

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize name_len = strlen (name);
  gsize suffix_len = strlen (suffix);

  return name_len >= suffix_len &&
         g_ascii_strcasecmp (name + name_len - suffix_len, suffix) == 0;
}

static void
on_chooser_response_cb (GtkNativeDialog  *dialog,
                        int               response,
                        AtlasResultsPane *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GtkFileFilter *filter;
  AtlasExportFormat format = ATLAS_EXPORT_CSV;

  g_assert (ATLAS_IS_RESULTS_PANE (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  /* The name the user typed decides; then the filter they picked (the
   * portal hands back a filter of its own: compare names). */
  if (file != NULL)
    {
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      name = g_file_get_basename (file);

      if (name != NULL && has_suffix_nocase (name, ".json"))
        format = ATLAS_EXPORT_JSON;
      else if (name != NULL && has_suffix_nocase (name, ".csv"))
        format = ATLAS_EXPORT_CSV;
      else if (filter != NULL &&
               g_strcmp0 (gtk_file_filter_get_name (filter),
                          gtk_file_filter_get_name (self->json_filter)) == 0)
        format = ATLAS_EXPORT_JSON;
    }

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  self->export_cancellable = g_cancellable_new ();
  update_actions (self);
  atlas_results_pane_export_async (self, file, format, self->export_cancellable,
                                   export_done_cb, g_object_ref (file));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (widget);
  GtkRoot *root;

  if (self->chooser != NULL || self->export_cancellable != NULL)
    return;

  root = gtk_widget_get_root (widget);
  self->chooser = gtk_file_chooser_native_new (_("Export Initiatives"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), self->csv_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), self->json_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), self->csv_filter);
  /* Translators: the file name suggested for an export; keep the extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("initiatives.csv"));

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  atlas_results_pane_show_list (ATLAS_RESULTS_PANE (widget));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (widget);
  gboolean had_focus;

  /* "Clear All" goes away with the chips: the focus moves to the list. */
  had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->chips_revealer)) != NULL ||
              gtk_widget_get_focus_child (GTK_WIDGET (self->content_stack)) != NULL;

  atlas_query_clear (atlas_context_get_query (self->context));

  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Life cycle */

static void
atlas_results_pane_constructed (GObject *object)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (object);
  g_autoptr(GtkStringList) sorts = NULL;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (atlas_results_pane_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  sorts = gtk_string_list_new (NULL);
  for (guint i = 0; i < ATLAS_N_SORTS; i++)
    gtk_string_list_append (sorts, atlas_sort_get_label (i));
  /* A new model selects its first entry: that is not the user's choice. */
  self->updating_sort = TRUE;
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
  self->updating_sort = FALSE;

  /* The factory first: a model set first would have rows made for it twice. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->model = atlas_result_model_new (self->context);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* The model follows "notify::result" first (it was connected first), so
   * positions are the new result's when these handlers run. */
  g_signal_connect_object (self->context, "notify::result",
                           G_CALLBACK (on_context_notify_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::selected",
                           G_CALLBACK (on_context_notify_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::state",
                           G_CALLBACK (on_context_notify_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::snapshot-date",
                           G_CALLBACK (update_warning), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-finished",
                           G_CALLBACK (on_context_sync_finished_cb), self, 0);
  g_signal_connect_object (atlas_context_get_query (self->context), "changed",
                           G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);

  update_sort (self);
  on_context_notify_state_cb (self);
  select_selected (self);
}

static void
atlas_results_pane_dispose (GObject *object)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (object);
  GtkWidget *child;

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->focus_tick_id != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick_id);
  self->focus_tick_id = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_RESULTS_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->csv_filter);
  g_clear_object (&self->json_filter);

  G_OBJECT_CLASS (atlas_results_pane_parent_class)->dispose (object);
}

static void
atlas_results_pane_finalize (GObject *object)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_results_pane_parent_class)->finalize (object);
}

static void
atlas_results_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SHOWING_DETAIL:
      g_value_set_boolean (value, atlas_results_pane_get_showing_detail (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_results_pane_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_results_pane_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AtlasResultsPane *self = ATLAS_RESULTS_PANE (widget);

  atlas_damage_hint_append_widget (&self->result_hint, snapshot, widget);

  GTK_WIDGET_CLASS (atlas_results_pane_parent_class)->snapshot (widget, snapshot);
}

static void
atlas_results_pane_class_init (AtlasResultsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_results_pane_constructed;
  object_class->dispose = atlas_results_pane_dispose;
  object_class->finalize = atlas_results_pane_finalize;
  object_class->get_property = atlas_results_pane_get_property;
  object_class->set_property = atlas_results_pane_set_property;

  widget_class->snapshot = atlas_results_pane_snapshot;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOWING_DETAIL] =
    g_param_spec_boolean ("showing-detail", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "atlasresultspane");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-results-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, chips_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, clear_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, detail_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, failed_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, list_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, warning_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasResultsPane, warning_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_stack_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_dropdown_notify_selected_cb);

  gtk_widget_class_install_action (widget_class, "results.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "results.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "results.clear", NULL, clear_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "results.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "results.back", NULL);

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  g_type_ensure (ATLAS_TYPE_WRAP_BOX);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
}

static void
atlas_results_pane_init (AtlasResultsPane *self)
{
  self->chip_focus_index = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->csv_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (self->csv_filter, _("CSV (spreadsheets)"));
  gtk_file_filter_add_mime_type (self->csv_filter, "text/csv");
  gtk_file_filter_add_suffix (self->csv_filter, "csv");

  self->json_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (self->json_filter, _("JSON (feed format)"));
  gtk_file_filter_add_mime_type (self->json_filter, "application/json");
  gtk_file_filter_add_suffix (self->json_filter, "json");
}

GtkWidget *
atlas_results_pane_new (AtlasContext *context)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_RESULTS_PANE,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_results_pane_get_context (AtlasResultsPane *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULTS_PANE (self), NULL);

  return self->context;
}

GListModel *
atlas_results_pane_get_model (AtlasResultsPane *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULTS_PANE (self), NULL);

  return G_LIST_MODEL (self->model);
}

void
atlas_results_pane_set_detail (AtlasResultsPane *self,
                               GtkWidget        *detail)
{
  g_return_if_fail (ATLAS_IS_RESULTS_PANE (self));
  g_return_if_fail (detail == NULL || GTK_IS_WIDGET (detail));

  adw_bin_set_child (self->detail_bin, detail);
}

GtkWidget *
atlas_results_pane_get_detail (AtlasResultsPane *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULTS_PANE (self), NULL);

  return adw_bin_get_child (self->detail_bin);
}

gboolean
atlas_results_pane_get_showing_detail (AtlasResultsPane *self)
{
  g_return_val_if_fail (ATLAS_IS_RESULTS_PANE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "detail") == 0;
}

void
atlas_results_pane_show_list (AtlasResultsPane *self)
{
  guint position;

  g_return_if_fail (ATLAS_IS_RESULTS_PANE (self));

  show_page (self, "list");

  /* Back where the user left: the row they opened, selected and focused. */
  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, position, TRUE);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
