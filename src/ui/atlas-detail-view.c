/* atlas-detail-view.c
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

#define G_LOG_DOMAIN "atlas-detail-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-detail-view.h"
#include "atlas-enums.h"
#include "atlas-ui-format.h"
#include "atlas-vocab.h"
#include "atlas-wrap-box.h"

/* How many related initiatives are listed. */
#define MAX_RELATED 6

/* What a button or row stands for, set on it when it is made. */
#define FACET_KEY "atlas-facet"
#define VALUE_KEY "atlas-value"
#define URI_KEY   "atlas-uri"
#define ROWID_KEY "atlas-rowid"

struct _AtlasDetailView
{
  GtkWidget         parent_instance;

  AtlasContext     *context;
  AtlasInitiative  *initiative;

  /* Template children */
  GtkWidget        *content_box;
  GtkWidget        *copy_link_button;
  GtkLabel         *dates_label;
  GtkLabel         *description_label;
  AtlasWrapBox     *gdc_chips;
  GtkWidget        *gdc_section;
  GtkWidget        *global_label;
  GtkListBox       *links_list;
  GtkWidget        *links_section;
  GtkListBox       *milestones_list;
  GtkWidget        *milestones_section;
  GtkListBox       *partners_list;
  GtkWidget        *partners_section;
  AtlasWrapBox     *priority_chips;
  GtkWidget        *priority_section;
  GtkListBox       *properties_list;
  GtkWidget        *properties_section;
  GtkListBox       *record_list;
  GtkWidget        *record_section;
  GtkListBox       *related_list;
  GtkWidget        *related_section;
  GtkLabel         *scope_label;
  GtkScrolledWindow *scrolled_window;
  AtlasWrapBox     *sdg_chips;
  GtkWidget        *sdg_section;
  GtkWidget        *show_on_map_button;
  GtkStack         *stack;
  GtkWidget        *status_box;
  GtkLabel         *status_label;
  AdwStatusPage    *status_page;
  GtkLabel         *summary_label;
  GtkLabel         *title_label;
  AdwToastOverlay  *toast_overlay;
  AtlasWrapBox     *where_chips;
  GtkWidget        *where_section;
  AtlasWrapBox     *wsis_chips;
  GtkWidget        *wsis_section;
};

G_DEFINE_FINAL_TYPE (AtlasDetailView, atlas_detail_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  SHOW_ON_MAP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* Feed text is plain text: labels never parse it. */
static void
set_plain_label (GtkLabel   *label,
                 const char *text)
{
  gtk_label_set_use_markup (label, FALSE);
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_text (text));
}

static void
show_toast (AtlasDetailView *self,
            const char      *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static int
parse_number (const char *text,
              gsize       length)
{
  int value = 0;

  for (gsize i = 0; i < length; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

/* How much of a date a feed gave. */
typedef enum
{
  PRECISION_YEAR,
  PRECISION_MONTH,
  PRECISION_DAY,
  N_PRECISIONS
} Precision;

/* The YYYY-MM-DD, YYYY-MM or YYYY date @date at midday (so that no time
 * zone moves the day), and how much of it there is; NULL when there is
 * none. */
static GDateTime *
parse_partial_date (const char *date,
                    Precision  *precision)
{
  gsize length;
  int month = 1;
  int day = 1;

  if (date == NULL || !atlas_date_is_valid (date))
    return NULL;

  length = strlen (date);
  *precision = PRECISION_YEAR;
  if (length >= 7)
    {
      month = parse_number (date + 5, 2);
      *precision = PRECISION_MONTH;
    }
  if (length >= 10)
    {
      day = parse_number (date + 8, 2);
      *precision = PRECISION_DAY;
    }

  return g_date_time_new_local (atlas_date_get_year (date), month, day, 12, 0, 0);
}

/* "4 December 2025", "March 2021" or "2021" for a YYYY-MM-DD, YYYY-MM or
 * YYYY date; NULL when there is none. */
static char *
format_partial_date (const char *date)
{
  g_autoptr(GDateTime) when = NULL;
  Precision precision;

  if (date == NULL || !atlas_date_is_valid (date))
    return NULL;

  /* A date GLib cannot place in the local time: shown as the feed gave it. */
  when = parse_partial_date (date, &precision);
  if (when == NULL)
    return g_strdup (date);

  switch (precision)
    {
    case PRECISION_YEAR:
      /* Translators: a year alone, as in "2021"; see the GLib documentation
       * of g_date_time_format() for the codes. */
      return g_date_time_format (when, C_("year format", "%Y"));

    case PRECISION_MONTH:
      /* Translators: a month and a year, as in "March 2021"; see the GLib
       * documentation of g_date_time_format() for the codes.  %OB is the
       * name of the month in the form used without a day. */
      return g_date_time_format (when, C_("month and year format", "%OB %Y"));

    case PRECISION_DAY:
    case N_PRECISIONS:
    default:
      return atlas_format_date (when);
    }
}

/* A phrase about one date of an initiative, the whole phrase a format of
 * g_date_time_format() for each precision of the date: in many languages
 * the words around a date change its form ("с 2021 года", "с марта 2021
 * года"). */
typedef enum
{
  PHRASE_SINCE,
  PHRASE_FROM,
  PHRASE_STARTED,
  PHRASE_UNTIL,
  N_PHRASES
} Phrase;

static const char *
get_phrase_format (Phrase    phrase,
                   Precision precision)
{
  /* In the formats below, see the GLib documentation of
   * g_date_time_format() for the codes: %Y is the year, %B the name of the
   * month in the form used with a day, %OB in the form used without one,
   * %-d the day of the month.  Translators put the words and the date in
   * the order, and the date in the form, that their language needs. */
  switch (phrase)
    {
    case PHRASE_FROM:
      if (precision == PRECISION_YEAR)
        /* Translators: when a planned initiative is to start, a year, as in
         * "from 2027"; a g_date_time_format() format, %Y is the year. */
        return C_("period", "from %Y");
      if (precision == PRECISION_MONTH)
        /* Translators: when a planned initiative is to start, a month, as
         * in "from March 2027"; %OB is the month's name without a day. */
        return C_("period", "from %OB %Y");
      /* Translators: when a planned initiative is to start, a day, as in
       * "from 4 March 2027"; %B is the month's name with a day. */
      return C_("period", "from %-d %B %Y");

    case PHRASE_STARTED:
      if (precision == PRECISION_YEAR)
        /* Translators: when an initiative that has ended had started, a
         * year, as in "started in 2019"; %Y is the year. */
        return C_("period", "started in %Y");
      if (precision == PRECISION_MONTH)
        /* Translators: when an initiative that has ended had started, a
         * month, as in "started in March 2019"; %OB is the month's name
         * without a day. */
        return C_("period", "started in %OB %Y");
      /* Translators: when an initiative that has ended had started, a day,
       * as in "started on 4 March 2019"; %B is the month's name with a
       * day. */
      return C_("period", "started on %-d %B %Y");

    case PHRASE_UNTIL:
      if (precision == PRECISION_YEAR)
        /* Translators: when an initiative ends or ended, a year, as in
         * "until 2030"; %Y is the year. */
        return C_("period", "until %Y");
      if (precision == PRECISION_MONTH)
        /* Translators: when an initiative ends or ended, a month, as in
         * "until June 2030"; %OB is the month's name without a day. */
        return C_("period", "until %OB %Y");
      /* Translators: when an initiative ends or ended, a day, as in "until
       * 30 June 2030"; %B is the month's name with a day. */
      return C_("period", "until %-d %B %Y");

    case PHRASE_SINCE:
    case N_PHRASES:
    default:
      if (precision == PRECISION_YEAR)
        /* Translators: when a running initiative started, a year, as in
         * "since 2021"; %Y is the year. */
        return C_("period", "since %Y");
      if (precision == PRECISION_MONTH)
        /* Translators: when a running initiative started, a month, as in
         * "since March 2021"; %OB is the month's name without a day. */
        return C_("period", "since %OB %Y");
      /* Translators: when a running initiative started, a day, as in "since
       * 22 September 2024"; %B is the month's name with a day. */
      return C_("period", "since %-d %B %Y");
    }
}

static char *
format_date_phrase (Phrase      phrase,
                    const char *date)
{
  g_autoptr(GDateTime) when = NULL;
  Precision precision;

  when = parse_partial_date (date, &precision);
  if (when == NULL)
    return NULL;

  return g_date_time_format (when, get_phrase_format (phrase, precision));
}

/* When an initiative runs: "since March 2021", "2019 – 2023". */
static char *
format_period (AtlasStatus  status,
               const char  *start_date,
               const char  *end_date)
{
  g_autofree char *start = format_partial_date (start_date);
  g_autofree char *end = format_partial_date (end_date);

  if (start != NULL && end != NULL)
    {
      if (g_str_equal (start, end))
        return g_steal_pointer (&start);

      /* Translators: when an initiative runs, from its start to its end, as
       * in "2019 – 2023" or "March 2021 – June 2024". */
      return g_strdup_printf (C_("period", "%s – %s"), start, end);
    }

  if (start != NULL)
    {
      switch (status)
        {
        case ATLAS_STATUS_PLANNED:
          return format_date_phrase (PHRASE_FROM, start_date);

        case ATLAS_STATUS_COMPLETED:
        case ATLAS_STATUS_ARCHIVED:
          return format_date_phrase (PHRASE_STARTED, start_date);

        case ATLAS_STATUS_UNKNOWN:
        case ATLAS_STATUS_ONGOING:
        case ATLAS_N_STATUSES:
        default:
          return format_date_phrase (PHRASE_SINCE, start_date);
        }
    }

  if (end != NULL)
    return format_date_phrase (PHRASE_UNTIL, end_date);

  return NULL;
}

/* The label of a registry property's key; the key itself when unknown. */
static const char *
get_property_label (const char *key)
{
  static const struct {
    const char *key;
    const char *label;
  } labels[] = {
    /* Translators: facts about an initiative that a registry gives. */
    { "stage", NC_ ("initiative property", "Stage") },
    { "type", NC_ ("initiative property", "Type") },
    { "sectors", NC_ ("initiative property", "Sectors") },
    { "license", NC_ ("initiative property", "License") },
    { "developed_in", NC_ ("initiative property", "Developed in") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (key, labels[i].key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "initiative property", labels[i].label);

  return key;
}

/* What to call the source of the data. */
static char *
get_source_name (AtlasDetailView *self,
                 AtlasInitiative *initiative)
{
  g_autoptr(AtlasSource) source = NULL;
  AtlasStore *store;

  if (initiative->source_url == NULL)
    return NULL;

  store = atlas_context_get_store (self->context);
  if (store != NULL)
    source = atlas_store_lookup_source (store, initiative->source_url, NULL);

  if (source != NULL && source->kind == ATLAS_SOURCE_KIND_BUNDLED)
    {
      g_autofree char *date = atlas_format_iso_date (source->snapshot_date);

      if (date != NULL)
        /* Translators: where an initiative's data comes from: the data
         * shipped with the app, taken on a date, as in "Bundled snapshot of
         * 4 December 2025". */
        return g_strdup_printf (_("Bundled snapshot of %s"), date);

      return g_strdup (_("Bundled snapshot"));
    }

  if (has_text (initiative->source_title))
    return g_strdup (initiative->source_title);

  if (source != NULL && source->kind == ATLAS_SOURCE_KIND_FILE)
    {
      g_autofree char *path = g_filename_from_uri (initiative->source_url, NULL, NULL);

      if (path != NULL)
        return g_filename_display_basename (path);
    }

  return atlas_format_feed_title (initiative->source_url);
}

/* Buttons that filter */

static void
on_chip_clicked_cb (GtkButton       *button,
                    AtlasDetailView *self)
{
  AtlasFacet facet;
  const char *value;

  g_assert (GTK_IS_BUTTON (button));
  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  facet = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), FACET_KEY));
  value = g_object_get_data (G_OBJECT (button), VALUE_KEY);

  atlas_query_add_value (atlas_context_get_query (self->context), facet, value);
}

/* A button in a flow of chips that adds @facet = @value to the query.
 * @code, when given, is shown before the name, in bold. */
static GtkWidget *
add_chip (AtlasDetailView *self,
          AtlasWrapBox    *box,
          AtlasFacet       facet,
          const char      *value,
          const char      *code,
          const char      *name,
          const char      *tooltip,
          const char      *accessible_label,
          const char      *style_class)
{
  GtkWidget *button;
  GtkWidget *content;
  GtkWidget *label;

  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  button = gtk_button_new ();
  gtk_widget_add_css_class (button, "atlas-chip");
  if (style_class != NULL)
    gtk_widget_add_css_class (button, style_class);

  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (code != NULL)
    {
      label = gtk_label_new (code);
      gtk_widget_add_css_class (label, "atlas-chip-code");
      gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (content), label);
    }

  label = gtk_label_new (name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (content), label);

  gtk_button_set_child (GTK_BUTTON (button), content);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  g_object_set_data (G_OBJECT (button), FACET_KEY, GUINT_TO_POINTER (facet));
  g_object_set_data_full (G_OBJECT (button), VALUE_KEY, g_strdup (value), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self, 0);

  atlas_wrap_box_append (box, button);

  return button;
}

/* One chip per vocabulary term whose bit is in @bits, in vocabulary order;
 * returns how many. */
static guint
fill_term_chips (AtlasDetailView *self,
                 AtlasWrapBox    *box,
                 AtlasFacet       facet,
                 guint32          bits)
{
  const AtlasTerm *terms;
  guint n_terms = 0;
  guint n_chips = 0;

  atlas_wrap_box_remove_all (box);

  terms = atlas_vocab_get_terms (atlas_vocab_get_default (), facet, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      const AtlasTerm *term = &terms[i];
      const char *name = atlas_term_get_name (term, facet);
      const char *short_name = atlas_term_get_short_name (term, facet);
      g_autofree char *accessible = NULL;
      g_autofree char *style_class = NULL;
      const char *code;
      GtkWidget *chip;

      if (term->bit >= 32 || (bits & (1u << term->bit)) == 0)
        continue;

      switch (facet)
        {
        case ATLAS_FACET_GDC:
          /* Translators: the accessible name of a button that filters by an
           * objective of the Global Digital Compact, as in "Filter by GDC
           * objective 1: Close all digital divides…". */
          accessible = g_strdup_printf (C_("filter", "Filter by GDC objective %s: %s"),
                                        term->id, name);
          add_chip (self, box, facet, term->id, term->id, short_name,
                    short_name != name ? name : NULL, accessible, NULL);
          break;

        case ATLAS_FACET_WSIS:
          /* The e-lines are shown under their C7. */
          code = term->parent >= 0 ? terms[term->parent].id : term->id;
          /* Translators: the accessible name of a button that filters by a
           * WSIS Action Line, as in "Filter by WSIS Action Line C4: Capacity
           * building". */
          accessible = g_strdup_printf (C_("filter", "Filter by WSIS Action Line %s: %s"),
                                        code, name);
          add_chip (self, box, facet, term->id, code, short_name,
                    short_name != name ? name : NULL, accessible, NULL);
          break;

        case ATLAS_FACET_SDG:
          /* Translators: the accessible name of a button that filters by a
           * Sustainable Development Goal, as in "Filter by SDG 4: Quality
           * Education". */
          accessible = g_strdup_printf (C_("filter", "Filter by SDG %s: %s"), term->id, name);
          style_class = g_strdup_printf ("atlas-sdg-%s", term->id);
          chip = add_chip (self, box, facet, term->id, term->id, name, NULL, accessible,
                           style_class);
          gtk_widget_add_css_class (chip, "atlas-sdg");
          break;

        case ATLAS_FACET_PRIORITY:
        case ATLAS_FACET_REGION:
        case ATLAS_FACET_COUNTRY:
        case ATLAS_FACET_ORG_TYPE:
        case ATLAS_FACET_ORGANIZATION:
        case ATLAS_FACET_STATUS:
        case ATLAS_FACET_SOURCE:
        case ATLAS_N_FACETS:
        default:
          /* Translators: the accessible name of a button that filters by a
           * digital priority, as in "Filter by digital priority: AI
           * governance". */
          accessible = g_strdup_printf (C_("filter", "Filter by digital priority: %s"), name);
          add_chip (self, box, facet, term->id, NULL, name, NULL, accessible, NULL);
          break;
        }

      n_chips++;
    }

  return n_chips;
}

static void
fill_where (AtlasDetailView *self,
            AtlasInitiative *initiative)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  guint n_chips = 0;

  atlas_wrap_box_remove_all (self->where_chips);

  for (guint i = 0; i < initiative->countries->len; i++)
    {
      const char *code = g_ptr_array_index (initiative->countries, i);
      int index = atlas_vocab_find_country (vocab, code);
      g_autofree char *accessible = NULL;
      const char *name;

      if (index < 0)
        continue;

      name = atlas_country_get_name (atlas_vocab_get_country (vocab, (guint) index));
      /* Translators: the accessible name of a button that filters by a
       * country, as in "Filter by country: Kenya". */
      accessible = g_strdup_printf (C_("filter", "Filter by country: %s"), name);
      add_chip (self, self->where_chips, ATLAS_FACET_COUNTRY,
                atlas_vocab_get_country (vocab, (guint) index)->alpha2,
                NULL, name, NULL, accessible, NULL);
      n_chips++;
    }

  for (guint i = 0; i < initiative->regions->len; i++)
    {
      guint16 code = g_array_index (initiative->regions, guint16, i);
      int index = atlas_vocab_find_region (vocab, code);
      g_autofree char *accessible = NULL;
      char value[8];
      const char *name;

      if (index < 0)
        continue;

      name = atlas_region_get_name (atlas_vocab_get_region (vocab, (guint) index));
      g_snprintf (value, sizeof value, "%03u", code);
      /* Translators: the accessible name of a button that filters by a
       * region of the world, as in "Filter by region: Eastern Africa". */
      accessible = g_strdup_printf (C_("filter", "Filter by region: %s"), name);
      add_chip (self, self->where_chips, ATLAS_FACET_REGION, value, NULL, name, NULL,
                accessible, "atlas-region");
      n_chips++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->where_chips), n_chips > 0);
  gtk_widget_set_visible (self->global_label, n_chips == 0);
}

/* Rows */

static AdwActionRow *
make_action_row (const char *title,
                 const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Feed text: plain text, whole (no ellipsis). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_title_lines (row, 0);
  adw_action_row_set_subtitle_lines (row, 0);

  return row;
}

static void
add_suffix_icon (AdwActionRow *row,
                 const char   *icon_name)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, image);
}

static void
add_organization (AtlasDetailView *self,
                  const char      *name,
                  gint64           org_rowid,
                  AtlasRole        role,
                  AtlasOrgType     type)
{
  g_autofree char *subtitle = NULL;
  const char *role_label = atlas_role_get_label (role);
  AdwActionRow *row;

  if (type != ATLAS_ORG_TYPE_UNKNOWN)
    {
      /* Translators: the type of an organisation, as in "Civil society
       * (declared)".  Organisations choose their type themselves when they
       * register: the app shows it as declared, not as a verified fact. */
      g_autofree char *declared = g_strdup_printf (C_("organization type", "%s (declared)"),
                                                   atlas_org_type_get_label (type));

      /* Translators: an organisation's role in an initiative, then its
       * type, as in "Lead · Civil society (declared)". */
      subtitle = g_strdup_printf (C_("organization role and type", "%s · %s"),
                                  role_label, declared);
    }
  else
    {
      subtitle = g_strdup (role_label);
    }

  row = make_action_row (name, subtitle);

  if (org_rowid > 0)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row),
                                   _("Show only the initiatives of this organization"));
      add_suffix_icon (row, "system-search-symbolic");
      g_object_set_data_full (G_OBJECT (row), VALUE_KEY,
                              g_strdup_printf ("%" G_GINT64_FORMAT, org_rowid), g_free);
    }

  gtk_list_box_append (self->partners_list, GTK_WIDGET (row));
}

static void
fill_partners (AtlasDetailView *self,
               AtlasInitiative *initiative)
{
  guint n_rows = 0;

  clear_list_box (self->partners_list);

  if (initiative->lead_name != NULL)
    {
      add_organization (self, initiative->lead_name, initiative->lead_rowid,
                        ATLAS_ROLE_LEAD, initiative->lead_type);
      n_rows++;
    }

  for (guint i = 0; i < initiative->partners->len; i++)
    {
      const AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);

      /* The lead named again among the partners is already first. */
      if (partner->name == NULL ||
          (initiative->lead_name != NULL && partner->rowid == initiative->lead_rowid))
        continue;

      add_organization (self, partner->name, partner->rowid, partner->role, partner->type);
      n_rows++;
    }

  gtk_widget_set_visible (self->partners_section, n_rows > 0);
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b)
{
  const AtlasMilestone *x = *(AtlasMilestone * const *) a;
  const AtlasMilestone *y = *(AtlasMilestone * const *) b;

  /* Undated last; a year sorts before its months ("2027" < "2027-03"). */
  if (x->date == NULL || y->date == NULL)
    return (x->date == NULL) - (y->date == NULL);

  return strcmp (x->date, y->date);
}

static void
add_milestone (AtlasDetailView      *self,
               const AtlasMilestone *milestone)
{
  g_autofree char *date = format_partial_date (milestone->date);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *top;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  if (date != NULL)
    {
      label = gtk_label_new (date);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (top), label);
    }
  if (milestone->status != ATLAS_MILESTONE_UNKNOWN)
    {
      label = gtk_label_new (atlas_milestone_status_get_label (milestone->status));
      gtk_widget_add_css_class (label, "atlas-milestone-status");
      gtk_widget_add_css_class (label, atlas_milestone_status_to_string (milestone->status));
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), label);
    }
  if (gtk_widget_get_first_child (top) != NULL)
    gtk_box_append (GTK_BOX (box), top);

  label = gtk_label_new (milestone->title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (milestone->progress >= 0)
    {
      GtkWidget *progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *bar = gtk_progress_bar_new ();
      int percent = CLAMP (milestone->progress, 0, 100);
      g_autofree char *text = NULL;

      /* Translators: the progress of a milestone, as in "60%".  Put a
       * space or the sign first as your language writes percentages. */
      text = g_strdup_printf (C_("progress", "%d%%"), percent);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), percent / 100.0);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
      gtk_box_append (GTK_BOX (progress_box), bar);

      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "atlas-dim");
      gtk_box_append (GTK_BOX (progress_box), label);

      gtk_box_append (GTK_BOX (box), progress_box);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->milestones_list, row);
}

static void
fill_milestones (AtlasDetailView *self,
                 AtlasInitiative *initiative)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  clear_list_box (self->milestones_list);

  for (guint i = 0; i < initiative->milestones->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (initiative->milestones, i));

  /* A stable sort: milestones of the same date keep the feed's order. */
  g_ptr_array_sort (sorted, compare_milestones);

  for (guint i = 0; i < sorted->len; i++)
    add_milestone (self, g_ptr_array_index (sorted, i));

  gtk_widget_set_visible (self->milestones_section, sorted->len > 0);
}

static void
on_copy_address_clicked_cb (GtkButton       *button,
                            AtlasDetailView *self)
{
  const char *uri;

  g_assert (GTK_IS_BUTTON (button));
  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  uri = g_object_get_data (G_OBJECT (button), URI_KEY);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), uri);
  show_toast (self, _("Address copied"));
}

static void
fill_links (AtlasDetailView *self,
            AtlasInitiative *initiative)
{
  guint n_rows = 0;

  clear_list_box (self->links_list);

  for (guint i = 0; i < initiative->links->len; i++)
    {
      const AtlasLink *link = g_ptr_array_index (initiative->links, i);
      GtkWidget *copy_button;
      AdwActionRow *row;

      /* Only web addresses are offered; the parsers keep no other, but the
       * view does not rely on it. */
      if (!atlas_uri_is_web (link->url))
        continue;

      /* The address is shown before it is opened: as the subtitle, and in
       * the tooltip. */
      row = make_action_row (has_text (link->title) ? link->title : link->url, link->url);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), link->url);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), URI_KEY, g_strdup (link->url), g_free);

      copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_set_valign (copy_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy_button, "flat");
      gtk_widget_set_tooltip_text (copy_button, _("Copy Address"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy address"),
                                      -1);
      g_object_set_data_full (G_OBJECT (copy_button), URI_KEY, g_strdup (link->url), g_free);
      g_signal_connect_object (copy_button, "clicked",
                               G_CALLBACK (on_copy_address_clicked_cb), self, 0);
      adw_action_row_add_suffix (row, copy_button);
      add_suffix_icon (row, "adw-external-link-symbolic");

      gtk_list_box_append (self->links_list, GTK_WIDGET (row));
      n_rows++;
    }

  gtk_widget_set_visible (self->links_section, n_rows > 0);
}

/* A row that shows a fact: its name small, its value as the text. */
static void
add_fact (GtkListBox *list,
          const char *name,
          const char *value)
{
  AdwActionRow *row = make_action_row (name, value);

  gtk_widget_add_css_class (GTK_WIDGET (row), "atlas-fact");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, GTK_WIDGET (row));
}

static void
fill_properties (AtlasDetailView *self,
                 AtlasInitiative *initiative)
{
  guint n_rows = 0;

  clear_list_box (self->properties_list);

  for (guint i = 0; i < initiative->properties->len; i++)
    {
      const AtlasProperty *property = g_ptr_array_index (initiative->properties, i);

      if (!has_text (property->key) || !has_text (property->value))
        continue;

      add_fact (self->properties_list, get_property_label (property->key), property->value);
      n_rows++;
    }

  gtk_widget_set_visible (self->properties_section, n_rows > 0);
}

static void
fill_record (AtlasDetailView *self,
             AtlasInitiative *initiative)
{
  g_autofree char *source = get_source_name (self, initiative);
  g_autofree char *updated = atlas_format_iso_date (initiative->updated_at);

  clear_list_box (self->record_list);

  if (source != NULL)
    /* Translators: where the data of an initiative comes from. */
    add_fact (self->record_list, C_("initiative data", "Source"), source);
  if (updated != NULL)
    /* Translators: when the source last changed an initiative's record. */
    add_fact (self->record_list, C_("initiative data", "Last updated"), updated);

  gtk_widget_set_visible (self->record_section, source != NULL || updated != NULL);
}

static void
fill_related (AtlasDetailView *self,
              AtlasInitiative *initiative)
{
  AtlasIndex *index = atlas_context_get_index (self->context);
  g_autoptr(GArray) related = NULL;
  guint n_rows = 0;

  clear_list_box (self->related_list);

  if (index != NULL)
    related = atlas_index_find_related (index, initiative->rowid, MAX_RELATED);

  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      const AtlasRelated *other = &g_array_index (related, AtlasRelated, i);
      g_autoptr(AtlasInitiative) loaded = NULL;
      g_autofree char *reason = NULL;
      AdwActionRow *row;

      loaded = atlas_context_load_initiative (self->context, other->rowid, NULL);
      if (loaded == NULL)
        continue;

      reason = atlas_related_get_reason (other);
      row = make_action_row (loaded->title, reason);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      add_suffix_icon (row, "go-next-symbolic");
      g_object_set_data_full (G_OBJECT (row), ROWID_KEY,
                              g_memdup2 (&other->rowid, sizeof (gint64)), g_free);
      gtk_list_box_append (self->related_list, GTK_WIDGET (row));
      n_rows++;
    }

  gtk_widget_set_visible (self->related_section, n_rows > 0);
}

static void
fill_status (AtlasDetailView *self,
             AtlasInitiative *initiative)
{
  g_autofree char *period = format_period (initiative->status, initiative->start_date,
                                           initiative->end_date);
  gboolean has_status = initiative->status != ATLAS_STATUS_UNKNOWN;

  for (guint s = 1; s < ATLAS_N_STATUSES; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), atlas_status_to_string (s));

  if (has_status)
    {
      gtk_label_set_text (self->status_label, atlas_status_get_label (initiative->status));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                                atlas_status_to_string (initiative->status));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), has_status);

  set_plain_label (self->dates_label, period);
  gtk_widget_set_visible (self->status_box, has_status || period != NULL);

  if (initiative->scope != ATLAS_SCOPE_UNKNOWN)
    {
      /* Translators: the geographic scope of an initiative, as in "Scope:
       * Regional". */
      g_autofree char *scope = g_strdup_printf (_("Scope: %s"),
                                                atlas_scope_get_label (initiative->scope));

      set_plain_label (self->scope_label, scope);
    }
  else
    {
      set_plain_label (self->scope_label, NULL);
    }
}

/* Showing */

static void
update_actions (AtlasDetailView *self)
{
  AtlasInitiative *initiative = self->initiative;
  gboolean can_copy;
  gboolean can_show;

  can_copy = initiative != NULL && initiative->source_url != NULL && initiative->id != NULL;
  can_show = initiative != NULL &&
             (initiative->has_location || initiative->countries->len > 0 ||
              initiative->regions->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-link", can_copy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.show-on-map", can_show);
}

static void
show_empty (AtlasDetailView *self,
            const GError    *error)
{
  g_clear_pointer (&self->initiative, atlas_initiative_unref);

  if (error != NULL)
    {
      /* The status page reads markup. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_title (self->status_page, _("Initiative Not Available"));
      adw_status_page_set_description (self->status_page, escaped);
    }
  else
    {
      adw_status_page_set_title (self->status_page, NULL);
      adw_status_page_set_description (self->status_page,
                                       _("Select an initiative on the map or in the list"));
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

static void
show_initiative (AtlasDetailView *self,
                 AtlasInitiative *initiative)
{
  guint n_chips;

  g_assert (ATLAS_IS_DETAIL_VIEW (self));
  g_assert (initiative != NULL);

  g_clear_pointer (&self->initiative, atlas_initiative_unref);
  self->initiative = atlas_initiative_ref (initiative);

  set_plain_label (self->title_label, initiative->title);
  fill_status (self, initiative);
  set_plain_label (self->summary_label, initiative->summary);
  set_plain_label (self->description_label, initiative->description);

  fill_partners (self, initiative);
  fill_where (self, initiative);

  n_chips = fill_term_chips (self, self->gdc_chips, ATLAS_FACET_GDC,
                             initiative->gdc_objectives);
  gtk_widget_set_visible (self->gdc_section, n_chips > 0);
  n_chips = fill_term_chips (self, self->priority_chips, ATLAS_FACET_PRIORITY,
                             initiative->priorities);
  gtk_widget_set_visible (self->priority_section, n_chips > 0);
  n_chips = fill_term_chips (self, self->wsis_chips, ATLAS_FACET_WSIS, initiative->wsis_lines);
  gtk_widget_set_visible (self->wsis_section, n_chips > 0);
  n_chips = fill_term_chips (self, self->sdg_chips, ATLAS_FACET_SDG, initiative->sdgs);
  gtk_widget_set_visible (self->sdg_section, n_chips > 0);

  fill_milestones (self, initiative);
  fill_links (self, initiative);
  fill_properties (self, initiative);
  fill_record (self, initiative);
  fill_related (self, initiative);

  gtk_stack_set_visible_child_name (self->stack, "initiative");
  /* The stack gives the focus it had to the new page's first selectable
   * label, which then selects all its text: a cursor is enough. */
  if (gtk_widget_has_focus (GTK_WIDGET (self->title_label)))
    gtk_label_select_region (self->title_label, 0, 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
  update_actions (self);
}

/* Shows the context's selection; @force reloads it even when it is the one
 * shown (the data changed). */
static void
load_selected (AtlasDetailView *self,
               gboolean         force)
{
  g_autoptr(AtlasInitiative) initiative = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rowid;

  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  rowid = atlas_context_get_selected (self->context);

  if (!force && self->initiative != NULL && self->initiative->rowid == rowid)
    return;

  /* Before the cache is open there is nothing to show; the view tries again
   * when it is. */
  if (rowid == 0 || atlas_context_get_state (self->context) != ATLAS_CONTEXT_STATE_READY)
    {
      show_empty (self, NULL);
      return;
    }

  initiative = atlas_context_load_initiative (self->context, rowid, &error);
  if (initiative == NULL)
    {
      show_empty (self, error);
      return;
    }

  show_initiative (self, initiative);
}

/* Callbacks */

static void
on_context_notify_selected_cb (AtlasDetailView *self)
{
  load_selected (self, FALSE);
}

static void
on_context_notify_data_cb (AtlasDetailView *self)
{
  /* A new index (after a sync) may mean new data for the record shown, and
   * new relatives. */
  load_selected (self, TRUE);
}

static void
on_partners_list_row_activated_cb (GtkListBox      *list,
                                   GtkListBoxRow   *row,
                                   AtlasDetailView *self)
{
  const char *value;

  g_assert (GTK_IS_LIST_BOX (list));
  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  value = g_object_get_data (G_OBJECT (row), VALUE_KEY);
  if (value != NULL)
    atlas_query_add_value (atlas_context_get_query (self->context),
                           ATLAS_FACET_ORGANIZATION, value);
}

static void
on_links_list_row_activated_cb (GtkListBox      *list,
                                GtkListBoxRow   *row,
                                AtlasDetailView *self)
{
  const char *uri;
  GtkRoot *root;

  g_assert (GTK_IS_LIST_BOX (list));
  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  uri = g_object_get_data (G_OBJECT (row), URI_KEY);
  if (!atlas_uri_is_web (uri))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_related_list_row_activated_cb (GtkListBox      *list,
                                  GtkListBoxRow   *row,
                                  AtlasDetailView *self)
{
  const gint64 *data;
  gint64 rowid;

  g_assert (GTK_IS_LIST_BOX (list));
  g_assert (ATLAS_IS_DETAIL_VIEW (self));

  data = g_object_get_data (G_OBJECT (row), ROWID_KEY);
  if (data == NULL)
    return;

  /* Selecting rebuilds the lists, this row with them. */
  rowid = *data;
  atlas_context_set_selected (self->context, rowid);

  /* The keyboard continues from the top of the new initiative. */
  if (self->initiative != NULL && self->initiative->rowid == rowid)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->title_label));
      gtk_label_select_region (self->title_label, 0, 0);
    }
}

/* Actions */

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (widget);
  g_autofree char *uri = NULL;

  if (self->initiative == NULL || self->initiative->source_url == NULL ||
      self->initiative->id == NULL)
    return;

  uri = atlas_link_uri_new (self->initiative->source_url, self->initiative->id);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);
  show_toast (self, _("Link copied"));
}

static void
show_on_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (widget);

  if (self->initiative == NULL)
    return;

  g_signal_emit (self, signals[SHOW_ON_MAP], 0, self->initiative->rowid);

  /* The map follows the selection: announcing it again centres the map on
   * it even when it has not changed. */
  g_object_notify (G_OBJECT (self->context), "selected");
}

/* The official colours of the SDGs, for their chips, with the text in
 * black or white, whichever contrasts more. */
static void
install_sdg_colors (void)
{
  static gboolean installed;
  g_autoptr(GString) css = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  const AtlasTerm *terms;
  GdkDisplay *display;
  guint n_terms = 0;

  display = gdk_display_get_default ();
  if (installed || display == NULL)
    return;
  installed = TRUE;

  css = g_string_new (NULL);
  terms = atlas_vocab_get_terms (atlas_vocab_get_default (), ATLAS_FACET_SDG, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      GdkRGBA color;
      double channels[3];
      double luminance;

      if (terms[i].color == NULL || !gdk_rgba_parse (&color, terms[i].color))
        continue;

      channels[0] = color.red;
      channels[1] = color.green;
      channels[2] = color.blue;
      for (guint c = 0; c < 3; c++)
        channels[c] = channels[c] <= 0.04045 ? channels[c] / 12.92
                                             : pow ((channels[c] + 0.055) / 1.055, 2.4);
      luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];

      /* Contrast with white (1.05 / (L + 0.05)) against black ((L + 0.05) / 0.05). */
      g_string_append_printf (css,
                              "button.atlas-chip.atlas-sdg-%s { background-color: %s; color: %s; }\n",
                              terms[i].id, terms[i].color,
                              1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05
                                ? "#ffffff" : "rgba(0, 0, 0, 0.87)");
    }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Overrides */

static void
atlas_detail_view_constructed (GObject *object)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (object);

  G_OBJECT_CLASS (atlas_detail_view_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "notify::selected",
                           G_CALLBACK (on_context_notify_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::state",
                           G_CALLBACK (on_context_notify_data_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::index",
                           G_CALLBACK (on_context_notify_data_cb), self, G_CONNECT_SWAPPED);

  load_selected (self, TRUE);
}

static void
atlas_detail_view_dispose (GObject *object)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_DETAIL_VIEW);

  g_clear_pointer (&self->initiative, atlas_initiative_unref);

  G_OBJECT_CLASS (atlas_detail_view_parent_class)->dispose (object);
}

static void
atlas_detail_view_finalize (GObject *object)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_detail_view_parent_class)->finalize (object);
}

static void
atlas_detail_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_detail_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasDetailView *self = ATLAS_DETAIL_VIEW (object);

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
atlas_detail_view_class_init (AtlasDetailViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_detail_view_constructed;
  object_class->dispose = atlas_detail_view_dispose;
  object_class->finalize = atlas_detail_view_finalize;
  object_class->get_property = atlas_detail_view_get_property;
  object_class->set_property = atlas_detail_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_ON_MAP] =
    g_signal_new ("show-on-map",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-detail-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, content_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, copy_link_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, dates_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, description_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, gdc_chips);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, gdc_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, global_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, links_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, links_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, milestones_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, milestones_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, partners_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, partners_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, priority_chips);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, priority_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, properties_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, properties_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, record_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, record_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, related_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, related_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, sdg_chips);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, sdg_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, show_on_map_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, status_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, status_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, status_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, where_chips);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, where_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, wsis_chips);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailView, wsis_section);
  gtk_widget_class_bind_template_callback (widget_class, on_links_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_partners_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_related_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "detail.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "detail.show-on-map", NULL, show_on_map_action);

  gtk_widget_class_set_css_name (widget_class, "atlas-detail-view");

  g_type_ensure (ATLAS_TYPE_WRAP_BOX);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_detail_view_init (AtlasDetailView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  install_sdg_colors ();
  update_actions (self);
}

/* Public API */

GtkWidget *
atlas_detail_view_new (AtlasContext *context)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_DETAIL_VIEW,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_detail_view_get_context (AtlasDetailView *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAIL_VIEW (self), NULL);

  return self->context;
}

AtlasInitiative *
atlas_detail_view_get_initiative (AtlasDetailView *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAIL_VIEW (self), NULL);

  return self->initiative;
}
