/* test-detail-view.c
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
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "atlas-application.h"
#include "atlas-core.h"
#include "atlas-detail-view.h"
#include "atlas-test-ui.h"
#include "atlas-test-util.h"
#include "atlas-wrap-box.h"

/* Widget tests of the detail view, under Xvfb: a real cache filled from a
 * hand-written feed document (every field), a real context, a real window.
 * Texts are found by walking the widget tree. */

#define SOURCE_URL "file:///tmp/detail-feed.json"

/* "rich" has every field.  Its relatives: "completed" shares three
 * organisations, Kenya and SDG 4; "countries" shares Kenya and Tanzania;
 * "tags" shares GDC 1 and 3 and SDGs 4 and 17; "unrelated" shares
 * nothing. */
#define DOCUMENT \
  "{\"format\":\"digital-cooperation-feed\",\"version\":1," \
  "\"generated_at\":\"2026-03-01T06:00:00Z\",\"complete\":true,\"next\":null," \
  "\"organizations\":[" \
  "{\"id\":\"org-a\",\"name\":\"Alpha Civil Network\",\"type\":\"civil-society\",\"country\":\"KE\"}," \
  "{\"id\":\"org-b\",\"name\":\"Beta University of Applied Digital Cooperation Studies\",\"type\":\"academia\"}," \
  "{\"id\":\"org-c\",\"name\":\"Gamma Ministry\",\"type\":\"government\"}," \
  "{\"id\":\"org-d\",\"name\":\"Delta <Group> & Co\"}," \
  "{\"id\":\"org-e\",\"name\":\"Epsilon\",\"type\":\"other\"}]," \
  "\"initiatives\":[" \
  "{\"id\":\"rich\",\"title\":\"<b>Bold</b> & <i>\"," \
  "\"summary\":\"A summary with <em>angle brackets</em> &amp; an entity.\"," \
  "\"description\":\"First paragraph.\\n\\nSecond paragraph with <script>alert(1)</script>.\"," \
  "\"status\":\"ongoing\",\"start_date\":\"2021-03\",\"scope\":\"regional\",\"lead\":\"org-a\"," \
  "\"partners\":[{\"organization\":\"org-a\",\"role\":\"lead\"}," \
  "{\"organization\":\"org-b\",\"role\":\"funder\"}," \
  "{\"organization\":\"org-c\",\"role\":\"implementer\"}," \
  "{\"organization\":\"org-d\"}]," \
  "\"countries\":[\"KE\",\"TZ\"],\"regions\":[\"014\"]," \
  "\"location\":{\"lat\":-1.29,\"lon\":36.82}," \
  "\"gdc_objectives\":[1,3],\"wsis_action_lines\":[\"C4\",\"C7.e-health\"]," \
  "\"sdgs\":[4,17],\"priorities\":[\"digital-public-infrastructure\"]," \
  "\"links\":[{\"title\":\"Project site\",\"url\":\"https://example.org/project?x=1&y=2\"}," \
  "{\"title\":\"Evil\",\"url\":\"javascript:alert(1)\"}," \
  "{\"title\":\"Files\",\"url\":\"ftp://example.org/pub\"}," \
  "{\"title\":\"\",\"url\":\"http://example.net/\"}]," \
  "\"milestones\":[" \
  "{\"date\":\"2024-06-15\",\"title\":\"Pilot <done>\",\"status\":\"achieved\",\"progress\":100}," \
  "{\"title\":\"Undated step\",\"status\":\"delayed\",\"progress\":10}," \
  "{\"date\":\"2026-01\",\"title\":\"Scale-up\",\"status\":\"planned\",\"progress\":40}," \
  "{\"date\":\"2023\",\"title\":\"Launch\",\"status\":\"achieved\"}]," \
  "\"properties\":{\"stage\":\"DPG\",\"license\":\"MIT\",\"custom_key\":\"Custom value\"}," \
  "\"updated_at\":\"2025-11-20T10:00:00Z\"}," \
  "{\"id\":\"completed\",\"title\":\"Completed initiative\",\"status\":\"completed\"," \
  "\"start_date\":\"2019\",\"end_date\":\"2023\",\"lead\":\"org-b\"," \
  "\"partners\":[{\"organization\":\"org-a\",\"role\":\"partner\"}," \
  "{\"organization\":\"org-c\",\"role\":\"partner\"}]," \
  "\"countries\":[\"KE\"],\"sdgs\":[4]}," \
  "{\"id\":\"countries\",\"title\":\"Same countries\",\"countries\":[\"TZ\",\"KE\"]}," \
  "{\"id\":\"tags\",\"title\":\"Same tags\",\"gdc_objectives\":[1,3],\"sdgs\":[4,17]," \
  "\"lead\":\"org-e\"}," \
  "{\"id\":\"unrelated\",\"title\":\"Unrelated\",\"countries\":[\"FR\"],\"sdgs\":[5]}," \
  "{\"id\":\"planned\",\"title\":\"Planned initiative\",\"status\":\"planned\",\"start_date\":\"2027\"}," \
  "{\"id\":\"ending\",\"title\":\"Ending initiative\",\"end_date\":\"2030-06-30\"}," \
  "{\"id\":\"archived\",\"title\":\"Archived initiative\",\"status\":\"archived\",\"start_date\":\"2018-05\"}" \
  "]}"

typedef struct
{
  char         *dir;
  char         *database_path;
  AtlasContext *context;
  GtkWindow    *window;
  GtkWidget    *view;
} Fixture;

#define WAIT_UNTIL(cond) ATLAS_TEST_WAIT_UNTIL (cond, 30)

static void
import_document (const char *database_path)
{
  g_autoptr(AtlasSync) sync = atlas_sync_new (database_path);
  g_autoptr(GBytes) document = g_bytes_new_static (DOCUMENT, strlen (DOCUMENT));
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = atlas_sync_import (sync, SOURCE_URL, ATLAS_SOURCE_KIND_FILE, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_sync_report_succeeded (report));
}

static void
load_context (AtlasContext *context)
{
  gboolean done = FALSE;

  atlas_context_load_async (context, NULL, atlas_test_context_loaded_cb, &done);
  WAIT_UNTIL (done);
  g_assert_cmpint (atlas_context_get_state (context), ==, ATLAS_CONTEXT_STATE_READY);
}

static GtkWidget *
show_view (AtlasContext *context,
           int           width,
           int           height,
           GtkWindow   **window_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = atlas_detail_view_new (context);

  gtk_widget_add_css_class (box, "background");
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (view));

  *window_out = window;
  return view;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = atlas_test_make_temp_dir ();
  fixture->database_path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
  import_document (fixture->database_path);

  fixture->context = atlas_context_new (NULL, fixture->database_path);
  load_context (fixture->context);
  fixture->view = show_view (fixture->context, 400, 900, &fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  atlas_test_run_for (100);
  g_clear_object (&fixture->context);
  g_clear_pointer (&fixture->database_path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
find_rowid (AtlasContext *context,
            const char   *source,
            const char   *id)
{
  g_autoptr(GError) error = NULL;
  gint64 rowid;

  rowid = atlas_store_find_initiative (atlas_context_get_store (context), source, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rowid, >, 0);

  return rowid;
}

static gint64
find_org_rowid (AtlasContext *context,
                const char   *id)
{
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;

  orgs = atlas_store_list_organizations (atlas_context_get_store (context), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < orgs->len; i++)
    {
      const AtlasOrganization *org = g_ptr_array_index (orgs, i);

      if (g_str_equal (org->id, id))
        return org->rowid;
    }

  g_assert_not_reached ();
  return 0;
}

static void
select_initiative (Fixture    *fixture,
                   const char *id)
{
  gint64 rowid = find_rowid (fixture->context, SOURCE_URL, id);

  atlas_context_set_selected (fixture->context, rowid);
  WAIT_UNTIL (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view)) != NULL &&
              atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view))->rowid == rowid);
}

static gpointer
get_child (GtkWidget  *view,
           const char *name)
{
  return atlas_test_get_child (view, ATLAS_TYPE_DETAIL_VIEW, name);
}

/* A widget is shown when it and all its ancestors are visible. */
static gboolean
is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;

  return TRUE;
}

/* The shown label with exactly this text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (!gtk_widget_get_visible (child))
        continue;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);

      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;

      if (GTK_IS_LABEL (child))
        {
          g_string_append (texts, gtk_label_get_text (GTK_LABEL (child)));
          g_string_append_c (texts, '\n');
        }

      collect_texts (child, texts);
    }
}

static void
assert_shows (GtkWidget  *view,
              const char *text)
{
  GtkLabel *label = find_label (view, text);

  if (label == NULL)
    {
      g_autoptr(GString) texts = g_string_new (NULL);

      collect_texts (view, texts);
      g_test_message ("shown texts:\n%s", texts->str);
      g_error ("“%s” is not shown", text);
    }

  g_assert_true (is_shown (GTK_WIDGET (label)));
  /* Plain text: what is drawn is the text itself. */
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (pango_layout_get_text (gtk_label_get_layout (label)), ==, text);
}

static void
assert_not_shown (GtkWidget  *view,
                  const char *text)
{
  GtkLabel *label = find_label (view, text);

  g_assert_true (label == NULL || !is_shown (GTK_WIDGET (label)));
}

/* The title and subtitle of each row of a list, as "title|subtitle". */
static char *
describe_rows (GtkListBox *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_ACTION_ROW (row))
        g_string_append_printf (out, "%s|%s\n",
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkListBoxRow *
get_row (GtkListBox *list,
         guint       position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) position);

  g_assert_nonnull (row);
  return row;
}

/* The button around the shown label @text. */
static GtkWidget *
find_chip (GtkWidget  *view,
           const char *text)
{
  GtkLabel *label = find_label (view, text);
  GtkWidget *button;

  g_assert_nonnull (label);
  button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "atlas-chip"));

  return button;
}

static char *
get_clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);

  return g_value_dup_string (&value);
}

static char *
country_name (const char *alpha2)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  int index = atlas_vocab_find_country (vocab, alpha2);

  g_assert_cmpint (index, >=, 0);
  return g_strdup (atlas_country_get_name (atlas_vocab_get_country (vocab, (guint) index)));
}

/* Tests */

/* Nothing selected: a quiet empty state, and nothing to copy. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkStack *stack = get_child (fixture->view, "stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (find_label (fixture->view, "Select an initiative on the map or in the list"));
  g_assert_null (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view)));
  g_assert_false (gtk_widget_get_sensitive (get_child (fixture->view, "copy_link_button")));

  /* Selected, then unselected. */
  select_initiative (fixture, "rich");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "initiative");
  atlas_context_set_selected (fixture->context, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view)));

  /* A rowid the cache does not have says so. */
  atlas_context_set_selected (fixture->context, 999999);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (get_child (fixture->view, "status_page")), ==,
                   "Initiative Not Available");
}

/* Every field of the document is shown, as plain text. */
static void
test_fields (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWidget *view = fixture->view;
  g_autofree char *kenya = country_name ("KE");
  g_autofree char *tanzania = country_name ("TZ");
  g_autofree char *partners = NULL;
  g_autofree char *links = NULL;
  g_autofree char *properties = NULL;
  g_autofree char *record = NULL;
  GtkListBox *milestones;
  GtkWidget *link_row;
  g_autoptr(GString) texts = g_string_new (NULL);
  static const char * const milestone_order[] = {
    "Launch", "Pilot <done>", "Scale-up", "Undated step",
  };
  static const char * const shown[] = {
    "<b>Bold</b> & <i>",
    "A summary with <em>angle brackets</em> &amp; an entity.",
    "First paragraph.\n\nSecond paragraph with <script>alert(1)</script>.",
    "Ongoing", "since March 2021", "Scope: Regional",
    "Lead and Partners", "Where", "GDC Objectives", "Digital Priorities",
    "WSIS Action Lines", "Sustainable Development Goals", "Milestones", "Links",
    "Properties", "About the Data", "Related Initiatives",
    "Eastern Africa",
    "1", "Digital divides and the SDGs", "3", "Safe, open digital space",
    "Digital public infrastructure",
    "C4", "Capacity building", "C7", "E-health",
    "4", "Quality Education", "17", "Partnerships for the Goals",
    "2023", "15 June 2024", "January 2026",
    "Achieved", "Planned", "Delayed", "100%", "40%", "10%",
  };

  select_initiative (fixture, "rich");

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    assert_shows (view, shown[i]);
  assert_shows (view, kenya);
  assert_shows (view, tanzania);
  assert_not_shown (view, "Global");

  /* The title is literally the feed's text, drawn without markup. */
  {
    GtkLabel *title = get_child (view, "title_label");

    g_assert_cmpstr (gtk_label_get_text (title), ==, "<b>Bold</b> & <i>");
    g_assert_cmpstr (gtk_label_get_label (title), ==, "<b>Bold</b> & <i>");
    g_assert_null (pango_layout_get_attributes (gtk_label_get_layout (title)));
    g_assert_true (gtk_label_get_selectable (title));
  }

  /* The lead first, then the partners (the lead not twice), with their
   * roles and declared types. */
  partners = describe_rows (get_child (view, "partners_list"));
  g_assert_cmpstr (partners, ==,
                   "Alpha Civil Network|Lead · Civil society (declared)\n"
                   "Beta University of Applied Digital Cooperation Studies|Funder · Academia (declared)\n"
                   "Gamma Ministry|Implementer · Government (declared)\n"
                   "Delta <Group> & Co|Partner\n");
  assert_shows (view, "Delta <Group> & Co");

  /* Milestones by date, the undated last. */
  milestones = get_child (view, "milestones_list");
  for (guint i = 0; i < G_N_ELEMENTS (milestone_order); i++)
    {
      GtkWidget *row = GTK_WIDGET (get_row (milestones, i));

      g_assert_nonnull (find_label (row, milestone_order[i]));
    }
  g_assert_null (gtk_list_box_get_row_at_index (milestones, G_N_ELEMENTS (milestone_order)));
  /* Launch gave no progress: no bar. */
  {
    GtkWidget *launch = GTK_WIDGET (get_row (milestones, 0));
    GtkWidget *scale_up = GTK_WIDGET (get_row (milestones, 2));
    GtkWidget *bar = NULL;

    for (GtkWidget *w = scale_up; w != NULL && bar == NULL;)
      {
        GtkWidget *next;

        if (GTK_IS_PROGRESS_BAR (w))
          bar = w;
        next = gtk_widget_get_first_child (w);
        while (next == NULL && w != scale_up)
          {
            next = gtk_widget_get_next_sibling (w);
            if (next == NULL)
              w = gtk_widget_get_parent (w);
          }
        w = next;
      }
    g_assert_nonnull (bar);
    g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), 0.4, 1e-9);
    g_assert_null (find_label (launch, "100%"));
  }

  /* Links: web addresses only, each showing its address; a link without a
   * title is named by its address. */
  links = describe_rows (get_child (view, "links_list"));
  g_assert_cmpstr (links, ==,
                   "Project site|https://example.org/project?x=1&y=2\n"
                   "http://example.net/|http://example.net/\n");
  assert_shows (view, "https://example.org/project?x=1&y=2");
  link_row = GTK_WIDGET (get_row (get_child (view, "links_list"), 0));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (link_row), ==, "https://example.org/project?x=1&y=2");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (link_row)));

  collect_texts (view, texts);
  g_assert_null (strstr (texts->str, "javascript"));
  g_assert_null (strstr (texts->str, "ftp:"));
  g_assert_null (strstr (texts->str, "Evil"));

  /* Properties with their labels, an unknown key as itself. */
  properties = describe_rows (get_child (view, "properties_list"));
  g_assert_cmpstr (properties, ==, "Stage|DPG\nLicense|MIT\ncustom_key|Custom value\n");

  record = describe_rows (get_child (view, "record_list"));
  g_assert_cmpstr (record, ==, "Source|detail-feed.json\nLast updated|20 November 2025\n");

  /* Both actions are there for an initiative with a place. */
  g_assert_true (gtk_widget_get_sensitive (get_child (view, "copy_link_button")));
  g_assert_true (gtk_widget_get_sensitive (get_child (view, "show_on_map_button")));
}

/* Dates of other kinds, and the sections an initiative without them
 * leaves out. */
static void
test_other_initiatives (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *view = fixture->view;

  select_initiative (fixture, "completed");
  assert_shows (view, "Completed initiative");
  assert_shows (view, "Completed");
  assert_shows (view, "2019 – 2023");

  /* A date alone is said in a phrase made for its status and precision. */
  select_initiative (fixture, "planned");
  assert_shows (view, "from 2027");
  select_initiative (fixture, "ending");
  assert_shows (view, "until 30 June 2030");
  select_initiative (fixture, "archived");
  assert_shows (view, "started in May 2018");
  select_initiative (fixture, "completed");
  g_assert_false (is_shown (get_child (view, "milestones_section")));
  g_assert_false (is_shown (get_child (view, "links_section")));
  g_assert_false (is_shown (get_child (view, "properties_section")));
  g_assert_false (is_shown (get_child (view, "gdc_section")));
  g_assert_false (is_shown (get_child (view, "summary_label")));
  g_assert_true (is_shown (get_child (view, "sdg_section")));

  /* No country and no region: global. */
  select_initiative (fixture, "tags");
  assert_shows (view, "Global");
  g_assert_false (is_shown (get_child (view, "where_chips")));
  g_assert_false (is_shown (get_child (view, "status_box")));
  assert_shows (view, "Epsilon");
  assert_shows (view, "Lead · Other (declared)");
}

/* A chip adds its value to the query. */
static void
test_chips (Fixture       *fixture,
            gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  g_autofree char *kenya = country_name ("KE");
  static const struct {
    const char *label;
    AtlasFacet  facet;
    const char *value;
  } chips[] = {
    { "Quality Education", ATLAS_FACET_SDG, "4" },
    { "Partnerships for the Goals", ATLAS_FACET_SDG, "17" },
    { "E-health", ATLAS_FACET_WSIS, "C7.e-health" },
    { "Capacity building", ATLAS_FACET_WSIS, "C4" },
    { "Safe, open digital space", ATLAS_FACET_GDC, "3" },
    { "Digital public infrastructure", ATLAS_FACET_PRIORITY, "digital-public-infrastructure" },
    { "Eastern Africa", ATLAS_FACET_REGION, "014" },
  };

  select_initiative (fixture, "rich");

  for (guint i = 0; i < G_N_ELEMENTS (chips); i++)
    {
      GtkWidget *chip = find_chip (fixture->view, chips[i].label);

      g_assert_false (atlas_query_has_value (query, chips[i].facet, chips[i].value));
      g_signal_emit_by_name (chip, "clicked");
      g_assert_true (atlas_query_has_value (query, chips[i].facet, chips[i].value));
    }

  g_signal_emit_by_name (find_chip (fixture->view, kenya), "clicked");
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_COUNTRY, "KE"));

  /* Chips say what they do to a screen reader. */
  gtk_test_accessible_assert_property (find_chip (fixture->view, "Quality Education"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Filter by SDG 4: Quality Education");
  gtk_test_accessible_assert_property (find_chip (fixture->view, "E-health"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Filter by WSIS Action Line C7: E-health");
  gtk_test_accessible_assert_property (find_chip (fixture->view, kenya),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Filter by country: Kenya");

  /* SDG chips wear their goal's colour. */
  g_assert_true (gtk_widget_has_css_class (find_chip (fixture->view, "Quality Education"),
                                           "atlas-sdg-4"));

  /* The filters changed the results; the view stays on its initiative. */
  WAIT_UNTIL (atlas_context_get_result (fixture->context) != NULL &&
              atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == 1);
  g_assert_nonnull (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view)));
}

/* An organisation's row filters by that organisation. */
static void
test_organization (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AtlasQuery *query = atlas_context_get_query (fixture->context);
  GtkListBox *list = get_child (fixture->view, "partners_list");
  g_autofree char *beta = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           find_org_rowid (fixture->context, "org-b"));
  g_autofree char *alpha = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            find_org_rowid (fixture->context, "org-a"));
  guint n_values = 0;

  select_initiative (fixture, "rich");

  g_signal_emit_by_name (get_row (list, 1), "activate");
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_ORGANIZATION, beta));
  atlas_query_get_values (query, ATLAS_FACET_ORGANIZATION, &n_values);
  g_assert_cmpuint (n_values, ==, 1);

  g_signal_emit_by_name (get_row (list, 0), "activate");
  g_assert_true (atlas_query_has_value (query, ATLAS_FACET_ORGANIZATION, alpha));

  /* The value is one the index knows: the filter finds the initiatives. */
  g_assert_cmpint (atlas_index_find_value (atlas_context_get_index (fixture->context),
                                           ATLAS_FACET_ORGANIZATION, beta), >=, 0);
  atlas_query_remove_value (query, ATLAS_FACET_ORGANIZATION, alpha);
  WAIT_UNTIL (atlas_context_get_result (fixture->context) != NULL &&
              atlas_result_get_n_items (atlas_context_get_result (fixture->context)) == 2);
}

/* Related initiatives, with their reasons; one selects it. */
static void
test_related (Fixture       *fixture,
              gconstpointer  user_data)
{
  GtkListBox *list = get_child (fixture->view, "related_list");
  g_autofree char *related = NULL;
  gint64 completed = find_rowid (fixture->context, SOURCE_URL, "completed");

  select_initiative (fixture, "rich");

  related = describe_rows (list);
  g_assert_cmpstr (related, ==,
                   "Completed initiative|3 shared partners, 1 shared country\n"
                   "Same countries|2 shared countries\n"
                   "Same tags|4 shared tags\n");

  g_signal_emit_by_name (get_row (list, 0), "activate");
  g_assert_cmpint (atlas_context_get_selected (fixture->context), ==, completed);
  WAIT_UNTIL (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view))->rowid ==
              completed);
  assert_shows (fixture->view, "2019 – 2023");

  /* And back: the relation goes both ways. */
  g_free (related);
  related = describe_rows (list);
  g_assert_true (g_str_has_prefix (related, "<b>Bold</b> & <i>|3 shared partners, 1 shared country\n"));

  /* An initiative that shares nothing has no section. */
  select_initiative (fixture, "unrelated");
  g_assert_false (is_shown (get_child (fixture->view, "related_section")));
}

/* "Copy Link" puts the app's own address on the clipboard; it reads back
 * as the initiative.  "Copy Address" copies a link's address. */
static void
test_copy_link (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *id = NULL;
  GtkWidget *link_row;
  GtkWidget *copy_button = NULL;

  select_initiative (fixture, "rich");

  g_assert_true (gtk_widget_activate_action (fixture->view, "detail.copy-link", NULL));
  text = get_clipboard_text (fixture->view);
  g_test_message ("copied %s", text);
  g_assert_true (g_str_has_prefix (text, "cooperation-atlas://initiative?"));
  g_assert_true (atlas_link_uri_parse (text, &source, &id));
  g_assert_cmpstr (source, ==, SOURCE_URL);
  g_assert_cmpstr (id, ==, "rich");
  g_assert_cmpint (atlas_store_find_initiative (atlas_context_get_store (fixture->context),
                                                source, id, NULL),
                   ==, atlas_context_get_selected (fixture->context));
  WAIT_UNTIL (find_label (fixture->view, "Link copied") != NULL);

  link_row = GTK_WIDGET (get_row (get_child (fixture->view, "links_list"), 0));
  for (GtkWidget *w = gtk_widget_get_first_child (link_row); w != NULL;)
    {
      GtkWidget *found = NULL;

      /* Depth-first, for the one button of the row. */
      if (GTK_IS_BUTTON (w))
        {
          copy_button = w;
          break;
        }
      found = gtk_widget_get_first_child (w);
      while (found == NULL && w != link_row)
        {
          found = gtk_widget_get_next_sibling (w);
          if (found == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = found;
    }
  g_assert_nonnull (copy_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy_button), ==, "Copy Address");
  g_signal_emit_by_name (copy_button, "clicked");
  g_free (text);
  text = get_clipboard_text (fixture->view);
  g_assert_cmpstr (text, ==, "https://example.org/project?x=1&y=2");
}

static void
on_show_on_map_cb (AtlasDetailView *view,
                   gint64           rowid,
                   gint64          *shown)
{
  *shown = rowid;
}

static void
on_notify_selected_cb (AtlasContext *context,
                       GParamSpec   *pspec,
                       guint        *count)
{
  (*count)++;
}

/* "Show on Map" says which initiative, and announces the selection again
 * so that the map centres on it. */
static void
test_show_on_map (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 shown = 0;
  guint notified = 0;
  gint64 rowid;

  select_initiative (fixture, "rich");
  rowid = atlas_context_get_selected (fixture->context);

  g_signal_connect (fixture->view, "show-on-map", G_CALLBACK (on_show_on_map_cb), &shown);
  g_signal_connect (fixture->context, "notify::selected",
                    G_CALLBACK (on_notify_selected_cb), &notified);

  g_assert_true (gtk_widget_activate_action (fixture->view, "detail.show-on-map", NULL));
  g_assert_cmpint (shown, ==, rowid);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (atlas_context_get_selected (fixture->context), ==, rowid);
  g_assert_true (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (fixture->view))->rowid == rowid);

  /* Nowhere to show: no place, no country, no region. */
  select_initiative (fixture, "tags");
  g_assert_false (gtk_widget_get_sensitive (get_child (fixture->view, "show_on_map_button")));

  g_signal_handlers_disconnect_by_func (fixture->context, on_notify_selected_cb, &notified);
}

/* Selected before the cache is loaded: shown once it is. */
static void
test_before_load (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(AtlasContext) context = NULL;
  GtkWindow *window;
  GtkWidget *view;
  gint64 rowid;

  import_document (path);
  {
    g_autoptr(AtlasStore) store = atlas_store_open (path, NULL);

    rowid = atlas_store_find_initiative (store, SOURCE_URL, "rich", NULL);
    g_assert_cmpint (rowid, >, 0);
  }

  context = atlas_context_new (NULL, path);
  view = show_view (context, 400, 700, &window);
  atlas_context_set_selected (context, rowid);
  g_assert_null (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (view)));

  load_context (context);
  WAIT_UNTIL (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (view)) != NULL);
  assert_shows (view, "<b>Bold</b> & <i>");

  gtk_window_destroy (window);
  atlas_test_run_for (100);
}

/* The application opens its own links: the initiative is selected once
 * the cache is loaded. */
static void
test_application_open (void)
{
  g_autofree char *path = atlas_store_get_default_path ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AtlasApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = atlas_link_uri_new (SOURCE_URL, "completed");
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (uri);
  g_autofree char *file_uri = g_file_get_uri (file);
  AtlasContext *context;
  gint64 rowid;

  /* The app uses the default cache, in this test's own folder; no sync. */
  g_settings_set_boolean (settings, "sync-on-start", FALSE);
  import_document (path);
  {
    g_autoptr(AtlasStore) store = atlas_store_open (path, NULL);

    rowid = atlas_store_find_initiative (store, SOURCE_URL, "completed", NULL);
    g_assert_cmpint (rowid, >, 0);
  }

  /* What the desktop hands over is the link as given. */
  g_assert_cmpstr (file_uri, ==, uri);

  app = atlas_application_new (APP_ID ".TestOpen",
                               G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &file, 1, "");

  context = atlas_application_get_context (app);
  g_assert_nonnull (context);
  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (app)));
  WAIT_UNTIL (atlas_context_get_selected (context) == rowid);

  /* A second link, now that the cache is loaded, is selected at once. */
  {
    g_autofree char *other = atlas_link_uri_new (SOURCE_URL, "tags");
    g_autoptr(GFile) other_file = g_file_new_for_commandline_arg (other);

    g_application_open (G_APPLICATION (app), &other_file, 1, "");
    g_assert_cmpint (atlas_context_get_selected (context), ==,
                     find_rowid (context, SOURCE_URL, "tags"));
  }

  for (GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
       windows != NULL;
       windows = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (windows->data);
  atlas_test_run_for (100);
}

/* The chips' box: children at their natural width in order, wrapping to
 * a new line when the next does not fit, from the right in right-to-left
 * languages; one wider than the box gets the box's width. */
static void
test_wrap_box (void)
{
  static const int widths[] = { 120, 90, 100, 200, 50 };
  GtkWidget *children[G_N_ELEMENTS (widths) + 1];
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = atlas_wrap_box_new ();
  graphene_rect_t bounds[G_N_ELEMENTS (children)];
  GtkWidget *wide;
  int natural = 0;
  int minimum = 0;

  atlas_wrap_box_set_spacing (ATLAS_WRAP_BOX (box), 6);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      children[i] = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_set_size_request (children[i], widths[i], i == 1 ? 30 : 20);
      atlas_wrap_box_append (ATLAS_WRAP_BOX (box), children[i]);
    }

  /* Wider than the box, but it can wrap. */
  wide = gtk_label_new ("A long name that needs more than one line in a narrow pane, "
                        "so that its chip is as wide as the pane and its text wraps");
  gtk_label_set_wrap (GTK_LABEL (wide), TRUE);
  children[G_N_ELEMENTS (widths)] = wide;
  atlas_wrap_box_append (ATLAS_WRAP_BOX (box), wide);

  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, 320, 300);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (box) && gtk_widget_get_width (box) == 320);
  atlas_test_run_for (100);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_assert_true (gtk_widget_compute_bounds (children[i], box, &bounds[i]));
      g_test_message ("child %u: %g,%g %g×%g", i, bounds[i].origin.x, bounds[i].origin.y,
                      bounds[i].size.width, bounds[i].size.height);
    }

  /* Line 1: 120 + 6 + 90 + 6 + 100 = 322 > 320, so 120 and 90 only, the
   * shorter one centred on the 30 px line. */
  g_assert_cmpfloat (bounds[0].origin.x, ==, 0);
  g_assert_cmpfloat (bounds[0].origin.y, ==, 5);
  g_assert_cmpfloat (bounds[1].origin.x, ==, 126);
  g_assert_cmpfloat (bounds[1].origin.y, ==, 0);
  /* Line 2 (30 + 6): 100 + 6 + 200 = 306; line 3 (+ 20 + 6): 50; then the
   * wide one alone, at the box's width. */
  g_assert_cmpfloat (bounds[2].origin.x, ==, 0);
  g_assert_cmpfloat (bounds[2].origin.y, ==, 36);
  g_assert_cmpfloat (bounds[3].origin.x, ==, 106);
  g_assert_cmpfloat (bounds[3].origin.y, ==, 36);
  g_assert_cmpfloat (bounds[4].origin.x, ==, 0);
  g_assert_cmpfloat (bounds[4].origin.y, ==, 62);
  g_assert_cmpfloat (bounds[5].origin.y, ==, 88);
  g_assert_cmpfloat (bounds[5].size.width, ==, 320);
  g_assert_cmpfloat (bounds[5].size.height, >, 20);

  /* As narrow as its widest unshrinkable child; naturally one line. */
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 200);
  g_assert_cmpint (natural, >, 120 + 90 + 100 + 200 + 50 + 5 * 6);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 320, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 88 + (int) bounds[5].size.height);

  /* Right to left: the same lines, mirrored. */
  gtk_widget_set_direction (box, GTK_TEXT_DIR_RTL);
  WAIT_UNTIL (gtk_widget_compute_bounds (children[0], box, &bounds[0]) &&
              bounds[0].origin.x == 320 - 120);
  g_assert_true (gtk_widget_compute_bounds (children[1], box, &bounds[1]));
  g_assert_cmpfloat (bounds[1].origin.x, ==, 320 - 126 - 90);
  g_assert_cmpfloat (bounds[1].origin.y, ==, 0);

  /* Emptied, it takes no room. */
  atlas_wrap_box_remove_all (ATLAS_WRAP_BOX (box));
  g_assert_null (gtk_widget_get_first_child (box));
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 320, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);

  gtk_window_destroy (window);
  atlas_test_run_for (100);
}

/* Screenshots */

/* Saves what @widget draws, over the window's background colour. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA background = { 1, 1, 1, 1 };

  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color",
                                  &background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Rich initiatives of the bundled data (one global, one with countries
 * and regions) at 360 and 420 px, light and dark, in the language of the
 * environment (LANGUAGE=ar gives the right-to-left shots); the PNGs go to
 * the build folder: the pane as it opens, and the whole column. */
static void
test_screenshots (void)
{
  static const int widths[] = { 360, 420 };
  static const char * const ids[] = { "global-digital-compact", "bella-programme" };
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(AtlasContext) context = atlas_context_new (NULL, path);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *language = g_getenv ("LANGUAGE");
  gboolean english = language == NULL || *language == '\0' || g_str_has_prefix (language, "en");

  load_context (context);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (guint dark = 0; dark < 2; dark++)
        {
          gint64 rowid = find_rowid (context, "bundled:", ids[i]);
          g_autofree char *name = NULL;
          GtkWindow *window;
          GtkWidget *view;
          GtkWidget *content;
          int minimum = 0;

          adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                          : ADW_COLOR_SCHEME_FORCE_LIGHT);
          atlas_context_set_selected (context, 0);
          view = show_view (context, widths[w], 800, &window);
          atlas_context_set_selected (context, rowid);
          WAIT_UNTIL (atlas_detail_view_get_initiative (ATLAS_DETAIL_VIEW (view)) != NULL);
          content = get_child (view, "content_box");
          WAIT_UNTIL (!gtk_stack_get_transition_running (get_child (view, "stack")) &&
                      gtk_widget_get_width (content) > 0);
          atlas_test_run_for (100);

          /* The column fits the narrowest pane (340 px) without scrolling
           * sideways. */
          gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          g_test_message ("%s at %d px: view minimum width %d, content %d × %d", ids[i],
                          widths[w], minimum, gtk_widget_get_width (content),
                          gtk_widget_get_height (content));
          g_assert_cmpint (minimum, <=, 340);
          g_assert_cmpint (gtk_widget_get_width (content), <=, widths[w]);

          if (english && i == 0)
            {
              assert_shows (view, "Global Digital Compact and its follow-up");
              assert_shows (view, "Bundled snapshot of 4 December 2025");
              assert_shows (view, "since 22 September 2024");
            }

          name = g_strdup_printf ("detail-%s-%d-%s%s%s.png", ids[i], widths[w],
                                  dark ? "dark" : "light",
                                  english ? "" : "-", english ? "" : language);
          save_screenshot (gtk_window_get_child (window), name);
          g_free (name);
          name = g_strdup_printf ("detail-%s-%d-%s%s%s-full.png", ids[i], widths[w],
                                  dark ? "dark" : "light",
                                  english ? "" : "-", english ? "" : language);
          save_screenshot (content, name);

          gtk_window_destroy (window);
          atlas_test_run_for (100);
        }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  const char *locale_dir = g_getenv ("ATLAS_LOCALEDIR");
  g_autofree char *cache_home = atlas_test_make_temp_dir ();

  /* Not GTest's isolated folders: they would also hide the icon theme and
   * the MIME database from GTK.  Only the cache is kept apart (the app
   * test uses the default cache). */
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* GTK's in-process accessibility backend: no session bus needed, and the
   * accessible names can be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() picks a locale of its own; the tests read English (or
   * the language of LANGUAGE, for screenshots). */
  setlocale (LC_ALL, "C.UTF-8");
  adw_init ();
  atlas_core_init ();
  atlas_test_load_style ();
  /* Screenshots in another language read the build tree's catalogues. */
  if (locale_dir != NULL && *locale_dir != '\0')
    bindtextdomain (GETTEXT_PACKAGE, locale_dir);

  g_test_add ("/detail-view/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/detail-view/fields", Fixture, NULL, fixture_set_up, test_fields, fixture_tear_down);
  g_test_add ("/detail-view/other-initiatives", Fixture, NULL, fixture_set_up,
              test_other_initiatives, fixture_tear_down);
  g_test_add ("/detail-view/chips", Fixture, NULL, fixture_set_up, test_chips, fixture_tear_down);
  g_test_add ("/detail-view/organization", Fixture, NULL, fixture_set_up, test_organization,
              fixture_tear_down);
  g_test_add ("/detail-view/related", Fixture, NULL, fixture_set_up, test_related,
              fixture_tear_down);
  g_test_add ("/detail-view/copy-link", Fixture, NULL, fixture_set_up, test_copy_link,
              fixture_tear_down);
  g_test_add ("/detail-view/show-on-map", Fixture, NULL, fixture_set_up, test_show_on_map,
              fixture_tear_down);
  g_test_add_func ("/detail-view/before-load", test_before_load);
  g_test_add_func ("/detail-view/application-open", test_application_open);
  g_test_add_func ("/detail-view/wrap-box", test_wrap_box);
  g_test_add_func ("/detail-view/screenshots", test_screenshots);

  return g_test_run ();
}
