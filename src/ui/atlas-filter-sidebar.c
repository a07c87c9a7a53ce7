/* atlas-filter-sidebar.c
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

#define G_LOG_DOMAIN "atlas-filter-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-after-frame.h"
#include "atlas-enums.h"
#include "atlas-facet-list.h"
#include "atlas-facet-row.h"
#include "atlas-facet-section.h"
#include "atlas-facet-value.h"
#include "atlas-filter-sidebar.h"
#include "atlas-initiative.h"
#include "atlas-organization-filter.h"
#include "atlas-region-filter.h"
#include "atlas-sdg-grid.h"
#include "atlas-viewport-box.h"
#include "atlas-vocab.h"

/* The M49 code of the World: every region is in it, so it is no filter. */
#define WORLD_CODE 1

struct _AtlasFilterSidebar
{
  GtkWidget                parent_instance;

  AtlasContext            *context;
  /* The index the values' positions refer to. */
  AtlasIndex              *index;
  /* Every value of each facet (AtlasFacetValue), whether shown or not. */
  GPtrArray               *values[ATLAS_N_FACETS];
  GListStore              *source_store;
  gboolean                 updating_years;
  /* Facets (a bit each) whose sections are out of sight and whose new
   * counts wait for just after the frame that shows the others. */
  guint                    pending_counts;
  AtlasAfterFrame         *pending_counts_update;

  /* Template children */
  AtlasFacetSection       *gdc_section;
  AtlasFacetList          *gdc_list;
  AtlasFacetSection       *priority_section;
  AtlasFacetList          *priority_list;
  AtlasFacetSection       *wsis_section;
  AtlasFacetList          *wsis_list;
  AtlasFacetSection       *sdg_section;
  AtlasSdgGrid            *sdg_grid;
  AtlasFacetSection       *region_section;
  AtlasRegionFilter       *region_filter;
  AtlasFacetSection       *org_type_section;
  AtlasFacetList          *org_type_list;
  AtlasFacetSection       *organization_section;
  AtlasOrganizationFilter *organization_filter;
  AtlasFacetSection       *status_section;
  AtlasFacetList          *status_list;
  AtlasFacetSection       *year_section;
  GtkAdjustment           *from_adjustment;
  GtkSpinButton           *from_spin;
  GtkAdjustment           *to_adjustment;
  GtkSpinButton           *to_spin;
  GtkLabel                *year_hint_label;
  AtlasFacetSection       *source_section;
  AtlasFacetList          *source_list;
  GtkLabel                *explanation_label;
  GtkScrolledWindow       *scrolled_window;
  AtlasViewportBox        *sections_box;
};

G_DEFINE_FINAL_TYPE (AtlasFilterSidebar, atlas_filter_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Building the values */

static GListStore *
new_store (void)
{
  return g_list_store_new (ATLAS_TYPE_FACET_VALUE);
}

/* Values of a vocabulary: the short name shown, the whole one in the
 * tooltip; WSIS lines and GDC objectives with their code. */
static void
build_term_values (AtlasFilterSidebar *self,
                   AtlasFacet          facet,
                   GListStore         *roots)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  g_autofree AtlasFacetValue **values = NULL;
  g_autofree GListStore **children = NULL;
  const AtlasTerm *terms;
  guint n_terms = 0;

  terms = atlas_vocab_get_terms (vocab, facet, &n_terms);
  values = g_new0 (AtlasFacetValue *, n_terms);
  children = g_new0 (GListStore *, n_terms);

  for (guint i = 0; i < n_terms; i++)
    {
      const char *name = atlas_term_get_name (&terms[i], facet);
      const char *short_name = atlas_term_get_short_name (&terms[i], facet);
      int parent = terms[i].parent;

      values[i] = atlas_facet_value_new (facet, terms[i].id, short_name);
      if (g_strcmp0 (name, short_name) != 0)
        atlas_facet_value_set_full_name (values[i], name);
      if ((facet == ATLAS_FACET_WSIS || facet == ATLAS_FACET_GDC) && parent < 0)
        atlas_facet_value_set_code (values[i], terms[i].id);

      g_ptr_array_add (self->values[facet], values[i]);

      if (parent >= 0 && (guint) parent < n_terms)
        {
          if (children[parent] == NULL)
            children[parent] = new_store ();
          g_list_store_append (children[parent], values[i]);
        }
      else if (roots != NULL)
        g_list_store_append (roots, values[i]);
    }

  for (guint i = 0; i < n_terms; i++)
    if (children[i] != NULL)
      {
        atlas_facet_value_set_children (values[i], G_LIST_MODEL (children[i]));
        g_object_unref (children[i]);
      }
}

static void
build_status_values (AtlasFilterSidebar *self,
                     GListStore         *store)
{
  for (AtlasStatus status = ATLAS_STATUS_UNKNOWN + 1; status < ATLAS_N_STATUSES; status++)
    {
      g_autoptr(AtlasFacetValue) value = NULL;

      value = atlas_facet_value_new (ATLAS_FACET_STATUS, atlas_status_to_string (status),
                                     atlas_status_get_label (status));
      g_ptr_array_add (self->values[ATLAS_FACET_STATUS], g_object_ref (value));
      g_list_store_append (store, value);
    }
}

static void
build_place_values (AtlasFilterSidebar *self)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();
  guint n_regions = atlas_vocab_get_n_regions (vocab);
  guint n_countries = atlas_vocab_get_n_countries (vocab);

  for (guint i = 0; i < n_regions; i++)
    {
      const AtlasRegion *region = atlas_vocab_get_region (vocab, i);
      char code[8];

      if (region->code == WORLD_CODE)
        continue;

      g_snprintf (code, sizeof code, "%03u", region->code);
      g_ptr_array_add (self->values[ATLAS_FACET_REGION],
                       atlas_facet_value_new (ATLAS_FACET_REGION, code,
                                              atlas_region_get_name (region)));
    }

  for (guint i = 0; i < n_countries; i++)
    {
      const AtlasCountry *country = atlas_vocab_get_country (vocab, i);

      g_ptr_array_add (self->values[ATLAS_FACET_COUNTRY],
                       atlas_facet_value_new (ATLAS_FACET_COUNTRY, country->alpha2,
                                              atlas_country_get_name (country)));
    }

  atlas_region_filter_set_values (self->region_filter,
                                  self->values[ATLAS_FACET_REGION],
                                  self->values[ATLAS_FACET_COUNTRY]);
}

/* A name for a source: "Bundled snapshot" for the data shipped with the
 * app, else its title, the feed's host, or the file's name. */
static char *
describe_source (const AtlasSource *source)
{
  g_autoptr(GUri) uri = NULL;

  if (source->kind == ATLAS_SOURCE_KIND_BUNDLED)
    return g_strdup (_("Bundled snapshot"));

  if (source->title != NULL && *source->title != '\0')
    return g_strdup (source->title);

  uri = g_uri_parse (source->url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && source->kind == ATLAS_SOURCE_KIND_FILE && g_uri_get_path (uri) != NULL)
    return g_path_get_basename (g_uri_get_path (uri));

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    return g_strdup (g_uri_get_host (uri));

  return g_strdup (source->url);
}

static void
build_source_values (AtlasFilterSidebar *self)
{
  g_autoptr(GPtrArray) sources = atlas_context_list_sources (self->context);
  GPtrArray *values = self->values[ATLAS_FACET_SOURCE];

  g_ptr_array_set_size (values, 0);

  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, source->id);
      g_autofree char *name = describe_source (source);
      AtlasFacetValue *value = atlas_facet_value_new (ATLAS_FACET_SOURCE, id, name);

      if (source->kind != ATLAS_SOURCE_KIND_BUNDLED)
        atlas_facet_value_set_full_name (value, source->url);
      g_ptr_array_add (values, value);
    }

  /* Sources the index has that the cache no longer lists. */
  if (self->index != NULL)
    {
      guint n = atlas_index_get_n_values (self->index, ATLAS_FACET_SOURCE);

      for (guint i = 0; i < n; i++)
        {
          const char *id = atlas_index_get_value (self->index, ATLAS_FACET_SOURCE, i);
          gboolean known = FALSE;

          for (guint j = 0; j < values->len && !known; j++)
            {
              AtlasFacetValue *value = g_ptr_array_index (values, j);

              known = g_strcmp0 (atlas_facet_value_get_value (value), id) == 0;
            }

          if (!known)
            g_ptr_array_add (values, atlas_facet_value_new (ATLAS_FACET_SOURCE, id,
                                                            _("Unknown source")));
        }
    }

  g_list_store_splice (self->source_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->source_store)),
                       values->pdata, values->len);
}

static void
build_organization_values (AtlasFilterSidebar *self)
{
  GPtrArray *values = self->values[ATLAS_FACET_ORGANIZATION];
  AtlasStore *store = atlas_context_get_store (self->context);
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_ptr_array_set_size (values, 0);

  if (self->index == NULL)
    {
      atlas_organization_filter_set_values (self->organization_filter, values);
      return;
    }

  if (store != NULL)
    {
      organizations = atlas_store_list_organizations (store, &error);
      if (organizations == NULL)
        g_warning ("Could not list the organizations: %s", error->message);
    }

  for (guint i = 0; organizations != NULL && i < organizations->len; i++)
    {
      AtlasOrganization *organization = g_ptr_array_index (organizations, i);

      g_hash_table_insert (names, &organization->rowid, organization->name);
    }

  n = atlas_index_get_n_values (self->index, ATLAS_FACET_ORGANIZATION);
  for (guint i = 0; i < n; i++)
    {
      const char *id = atlas_index_get_value (self->index, ATLAS_FACET_ORGANIZATION, i);
      gint64 rowid = g_ascii_strtoll (id, NULL, 10);
      const char *name = g_hash_table_lookup (names, &rowid);

      g_ptr_array_add (values, atlas_facet_value_new (ATLAS_FACET_ORGANIZATION, id,
                                                      name != NULL ? name
                                                                   : _("Unknown organization")));
    }

  atlas_organization_filter_set_values (self->organization_filter, values);
}

/* Following the context */

static AtlasFacetSection *
get_section_of_facet (AtlasFilterSidebar *self,
                      AtlasFacet          facet)
{
  switch (facet)
    {
    case ATLAS_FACET_GDC:
      return self->gdc_section;
    case ATLAS_FACET_PRIORITY:
      return self->priority_section;
    case ATLAS_FACET_WSIS:
      return self->wsis_section;
    case ATLAS_FACET_SDG:
      return self->sdg_section;
    case ATLAS_FACET_REGION:
    case ATLAS_FACET_COUNTRY:
      return self->region_section;
    case ATLAS_FACET_ORG_TYPE:
      return self->org_type_section;
    case ATLAS_FACET_ORGANIZATION:
      return self->organization_section;
    case ATLAS_FACET_STATUS:
      return self->status_section;
    case ATLAS_FACET_SOURCE:
      return self->source_section;
    case ATLAS_N_FACETS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_positions (AtlasFilterSidebar *self)
{
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    for (guint i = 0; i < self->values[f]->len; i++)
      {
        AtlasFacetValue *value = g_ptr_array_index (self->values[f], i);
        int position = -1;

        if (self->index != NULL)
          position = atlas_index_find_value (self->index, f, atlas_facet_value_get_value (value));
        atlas_facet_value_set_position (value, position);
      }
}

/* Whether any of @section is inside the visible part of the sidebar. */
static gboolean
is_in_view (AtlasFilterSidebar *self,
            AtlasFacetSection  *section)
{
  GtkWidget *view = GTK_WIDGET (self->scrolled_window);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (GTK_WIDGET (section)))
    return FALSE;
  if (!gtk_widget_compute_bounds (GTK_WIDGET (section), view, &bounds))
    return TRUE;

  return bounds.origin.y < gtk_widget_get_height (view) &&
         bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.x < gtk_widget_get_width (view) &&
         bounds.origin.x + bounds.size.width > 0;
}

/* The counts follow the settled result: while a person types, each word's
 * complete result, not the partial one before it (an undercount).
 *
 * A facet click changes counts in every section, most of them scrolled out
 * of sight, and each new count is text to lay out and draw again: at
 * 100,000 initiatives, about a quarter of the frame that shows the click.
 * The sections in sight take their counts at once; the others just after
 * that frame (@in_view_only), or as soon as the sidebar scrolls. */
static void
update_counts_full (AtlasFilterSidebar *self,
                    gboolean            in_view_only)
{
  AtlasResult *result = atlas_context_get_settled_result (self->context);
  gboolean reorder = FALSE;
  gboolean in_view[ATLAS_N_FACETS];

  /* Right after a new index, the result of the old one is still there: its
   * counts do not line up with the new positions. */
  if (result != NULL && atlas_result_get_index (result) != self->index)
    return;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    in_view[f] = !in_view_only || is_in_view (self, get_section_of_facet (self, f));

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      const guint *counts = NULL;
      guint n_counts = 0;

      if (!in_view[f])
        {
          self->pending_counts |= 1u << f;
          continue;
        }
      self->pending_counts &= ~(1u << f);

      if (result != NULL)
        counts = atlas_result_get_facet_counts (result, f, &n_counts);

      for (guint i = 0; i < self->values[f]->len; i++)
        {
          AtlasFacetValue *value = g_ptr_array_index (self->values[f], i);
          int position = atlas_facet_value_get_position (value);
          guint count = position >= 0 && (guint) position < n_counts ? counts[position] : 0;

          if (f == ATLAS_FACET_ORGANIZATION && count != atlas_facet_value_get_count (value))
            reorder = TRUE;
          atlas_facet_value_set_count (value, count);
        }
    }

  if (self->pending_counts != 0)
    atlas_after_frame_queue (self->pending_counts_update);
  else
    atlas_after_frame_cancel (self->pending_counts_update);

  /* Organisations are sorted by count: only new counts move them, just
   * after the frame that shows the new counts. */
  if (reorder)
    atlas_organization_filter_queue_refresh (self->organization_filter);
}

static void
update_counts (AtlasFilterSidebar *self)
{
  update_counts_full (self, TRUE);
}

static void
update_pending_counts (AtlasFilterSidebar *self)
{
  if (self->pending_counts != 0)
    update_counts_full (self, FALSE);
}

static void
on_pending_counts_after_frame_cb (gpointer user_data)
{
  update_pending_counts (ATLAS_FILTER_SIDEBAR (user_data));
}

static void
update_years (AtlasFilterSidebar *self)
{
  AtlasQuery *query = atlas_context_get_query (self->context);
  g_autofree char *status = NULL;
  int min_bound = 0;
  int max_bound = 0;
  int min_year = 0;
  int max_year = 0;
  gboolean has_years;

  if (self->index != NULL)
    atlas_index_get_year_bounds (self->index, &min_bound, &max_bound);
  atlas_query_get_year_range (query, &min_year, &max_year);
  has_years = min_bound > 0 && max_bound > 0;

  self->updating_years = TRUE;

  if (has_years)
    {
      /* A range set before the data changed stays as it was. */
      int lower = min_year > 0 ? MIN (min_bound, min_year) : min_bound;
      int upper = max_year > 0 ? MAX (max_bound, max_year) : max_bound;

      gtk_adjustment_configure (self->from_adjustment, min_year > 0 ? min_year : lower,
                                lower, upper, 1, 5, 0);
      gtk_adjustment_configure (self->to_adjustment, max_year > 0 ? max_year : upper,
                                lower, upper, 1, 5, 0);
    }
  else
    {
      gtk_adjustment_configure (self->from_adjustment, 0, 0, 0, 1, 5, 0);
      gtk_adjustment_configure (self->to_adjustment, 0, 0, 0, 1, 5, 0);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->from_spin), has_years);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_spin), has_years);

  self->updating_years = FALSE;

  if (min_year > 0 && max_year > 0)
    /* Translators: the start years chosen, shown in the header of the
     * Start year filter, as in "2018–2022". */
    status = g_strdup_printf (C_("start year", "%d–%d"), min_year, max_year);
  else if (min_year > 0)
    /* Translators: as in "From 2018", in the header of the Start year filter. */
    status = g_strdup_printf (C_("start year", "From %d"), min_year);
  else if (max_year > 0)
    /* Translators: as in "Until 2022", in the header of the Start year filter. */
    status = g_strdup_printf (C_("start year", "Until %d"), max_year);

  atlas_facet_section_set_status (self->year_section, status);
  atlas_facet_section_set_can_clear (self->year_section, status != NULL);
}

static void
update_selection (AtlasFilterSidebar *self)
{
  AtlasQuery *query = atlas_context_get_query (self->context);
  guint n_selected[ATLAS_N_FACETS] = { 0, };
  gboolean reorder = FALSE;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      atlas_query_get_values (query, f, &n_selected[f]);

      for (guint i = 0; i < self->values[f]->len; i++)
        {
          AtlasFacetValue *value = g_ptr_array_index (self->values[f], i);
          gboolean active = n_selected[f] > 0 &&
                            atlas_query_has_value (query, f, atlas_facet_value_get_value (value));

          if (f == ATLAS_FACET_ORGANIZATION && active != atlas_facet_value_get_active (value))
            reorder = TRUE;
          atlas_facet_value_set_active (value, active);
        }
    }

  n_selected[ATLAS_FACET_REGION] += n_selected[ATLAS_FACET_COUNTRY];
  n_selected[ATLAS_FACET_COUNTRY] = 0;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      AtlasFacetSection *section;
      g_autofree char *status = NULL;

      if (f == ATLAS_FACET_COUNTRY)
        continue;

      section = get_section_of_facet (self, f);
      if (n_selected[f] > 0)
        /* Translators: in the header of a filter, how many of its values are
         * chosen. */
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected",
                                               n_selected[f]),
                                  n_selected[f]);

      atlas_facet_section_set_status (section, status);
      atlas_facet_section_set_can_clear (section, n_selected[f] > 0);
    }

  update_years (self);

  /* Selected organisations stay in view. */
  if (reorder)
    atlas_organization_filter_refresh (self->organization_filter);
}

/* Counts take the room of the largest one can be, from the start: a click
 * that brings a wider count does not lay the sidebar out again. */
static void
reserve_counts (AtlasFilterSidebar *self)
{
  guint largest = atlas_index_get_n_initiatives (self->index);

  atlas_facet_row_reserve_count (largest);
  atlas_sdg_grid_reserve_count (self->sdg_grid, largest);
}

static void
on_context_notify_index_cb (AtlasFilterSidebar *self)
{
  AtlasIndex *index = atlas_context_get_index (self->context);

  if (index == self->index)
    return;

  g_clear_pointer (&self->index, atlas_index_unref);
  self->index = index != NULL ? atlas_index_ref (index) : NULL;
  if (self->index != NULL)
    reserve_counts (self);

  build_organization_values (self);
  build_source_values (self);
  update_positions (self);
  update_selection (self);
  update_counts (self);
}

static void
on_context_notify_settled_result_cb (AtlasFilterSidebar *self)
{
  update_counts (self);
}

static void
on_context_sync_finished_cb (AtlasFilterSidebar *self)
{
  /* Titles of the sources may have come with the sync. */
  build_source_values (self);
  update_positions (self);
  update_selection (self);
  update_counts (self);
}

static void
on_query_changed_cb (AtlasFilterSidebar *self)
{
  update_selection (self);
}

/* Template callbacks */

static void
on_value_toggled_cb (AtlasFilterSidebar *self,
                     AtlasFacetValue    *value)
{
  g_assert (ATLAS_IS_FILTER_SIDEBAR (self));
  g_assert (ATLAS_IS_FACET_VALUE (value));

  atlas_query_toggle_value (atlas_context_get_query (self->context),
                            atlas_facet_value_get_facet (value),
                            atlas_facet_value_get_value (value));
}

static void
on_section_clear_cb (AtlasFilterSidebar *self,
                     AtlasFacetSection  *section)
{
  AtlasQuery *query = atlas_context_get_query (self->context);

  g_assert (ATLAS_IS_FILTER_SIDEBAR (self));

  if (section == self->year_section)
    {
      atlas_query_set_year_range (query, 0, 0);
      return;
    }

  atlas_query_freeze (query);
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    if (get_section_of_facet (self, f) == section)
      atlas_query_clear_facet (query, f);
  atlas_query_thaw (query);
}

static void
on_year_spin_value_changed_cb (AtlasFilterSidebar *self,
                               GtkSpinButton      *spin)
{
  int min_bound = 0;
  int max_bound = 0;
  int from;
  int to;

  g_assert (ATLAS_IS_FILTER_SIDEBAR (self));

  if (self->updating_years || self->index == NULL)
    return;

  atlas_index_get_year_bounds (self->index, &min_bound, &max_bound);
  from = gtk_spin_button_get_value_as_int (self->from_spin);
  to = gtk_spin_button_get_value_as_int (self->to_spin);

  /* The other end follows rather than leaving an empty range. */
  if (from > to)
    {
      if (spin == self->from_spin)
        to = from;
      else
        from = to;
    }

  /* A year at the end of the data is no bound at all. */
  atlas_query_set_year_range (atlas_context_get_query (self->context),
                              from > min_bound ? from : 0,
                              to < max_bound ? to : 0);
  update_years (self);
}

/* Life cycle */

static void
atlas_filter_sidebar_constructed (GObject *object)
{
  AtlasFilterSidebar *self = (AtlasFilterSidebar *) object;
  g_autoptr(GListStore) gdc = new_store ();
  g_autoptr(GListStore) priorities = new_store ();
  g_autoptr(GListStore) wsis = new_store ();
  g_autoptr(GListStore) org_types = new_store ();
  g_autoptr(GListStore) statuses = new_store ();
  g_autoptr(GPtrArray) sdgs = NULL;

  G_OBJECT_CLASS (atlas_filter_sidebar_parent_class)->constructed (object);

  g_assert (ATLAS_IS_CONTEXT (self->context));

  build_term_values (self, ATLAS_FACET_GDC, gdc);
  build_term_values (self, ATLAS_FACET_PRIORITY, priorities);
  build_term_values (self, ATLAS_FACET_WSIS, wsis);
  build_term_values (self, ATLAS_FACET_SDG, NULL);
  build_term_values (self, ATLAS_FACET_ORG_TYPE, org_types);
  build_status_values (self, statuses);
  build_place_values (self);

  atlas_facet_list_set_model (self->gdc_list, G_LIST_MODEL (gdc), FALSE);
  atlas_facet_list_set_model (self->priority_list, G_LIST_MODEL (priorities), FALSE);
  atlas_facet_list_set_model (self->wsis_list, G_LIST_MODEL (wsis), TRUE);
  atlas_facet_list_set_model (self->org_type_list, G_LIST_MODEL (org_types), FALSE);
  atlas_facet_list_set_model (self->status_list, G_LIST_MODEL (statuses), FALSE);
  atlas_facet_list_set_model (self->source_list, G_LIST_MODEL (self->source_store), FALSE);
  atlas_sdg_grid_set_values (self->sdg_grid, self->values[ATLAS_FACET_SDG]);

  g_signal_connect_object (self->context, "notify::index",
                           G_CALLBACK (on_context_notify_index_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::settled-result",
                           G_CALLBACK (on_context_notify_settled_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-finished",
                           G_CALLBACK (on_context_sync_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (atlas_context_get_query (self->context), "changed",
                           G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);

  self->index = atlas_context_get_index (self->context);
  if (self->index != NULL)
    {
      atlas_index_ref (self->index);
      reserve_counts (self);
    }

  build_organization_values (self);
  build_source_values (self);
  update_positions (self);
  update_selection (self);
  update_counts (self);
}

static void
atlas_filter_sidebar_dispose (GObject *object)
{
  AtlasFilterSidebar *self = (AtlasFilterSidebar *) object;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (atlas_context_get_query (self->context), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }

  g_clear_pointer (&self->pending_counts_update, atlas_after_frame_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_FILTER_SIDEBAR);

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    g_clear_pointer (&self->values[f], g_ptr_array_unref);
  g_clear_object (&self->source_store);
  g_clear_pointer (&self->index, atlas_index_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (atlas_filter_sidebar_parent_class)->dispose (object);
}

static void
atlas_filter_sidebar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasFilterSidebar *self = ATLAS_FILTER_SIDEBAR (object);

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
atlas_filter_sidebar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasFilterSidebar *self = ATLAS_FILTER_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Shown again (unfolded, say) with counts left for after a frame that may
 * not have come while it was hidden: they are the result's at once. */
static void
atlas_filter_sidebar_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_filter_sidebar_parent_class)->map (widget);

  update_pending_counts (ATLAS_FILTER_SIDEBAR (widget));
}

static void
atlas_filter_sidebar_class_init (AtlasFilterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_filter_sidebar_constructed;
  object_class->dispose = atlas_filter_sidebar_dispose;
  object_class->get_property = atlas_filter_sidebar_get_property;
  object_class->set_property = atlas_filter_sidebar_set_property;

  widget_class->map = atlas_filter_sidebar_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_FACET_LIST);
  g_type_ensure (ATLAS_TYPE_FACET_SECTION);
  g_type_ensure (ATLAS_TYPE_ORGANIZATION_FILTER);
  g_type_ensure (ATLAS_TYPE_REGION_FILTER);
  g_type_ensure (ATLAS_TYPE_SDG_GRID);
  g_type_ensure (ATLAS_TYPE_VIEWPORT_BOX);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/atlas-filter-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, from_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, from_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, gdc_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, gdc_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, org_type_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, org_type_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, organization_filter);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, organization_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, priority_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, priority_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, region_filter);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, region_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, sdg_grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, sdg_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, sections_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, source_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, source_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, status_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, status_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, to_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, to_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, wsis_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, wsis_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, year_hint_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterSidebar, year_section);
  gtk_widget_class_bind_template_callback (widget_class, on_section_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_value_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_spin_value_changed_cb);
}

static void
atlas_filter_sidebar_init (AtlasFilterSidebar *self)
{
  static const struct {
    AtlasFacet facet;
    gsize      list_offset;
  } facet_lists[] = {
    { ATLAS_FACET_GDC, G_STRUCT_OFFSET (AtlasFilterSidebar, gdc_list) },
    { ATLAS_FACET_PRIORITY, G_STRUCT_OFFSET (AtlasFilterSidebar, priority_list) },
    { ATLAS_FACET_WSIS, G_STRUCT_OFFSET (AtlasFilterSidebar, wsis_list) },
    { ATLAS_FACET_ORG_TYPE, G_STRUCT_OFFSET (AtlasFilterSidebar, org_type_list) },
    { ATLAS_FACET_STATUS, G_STRUCT_OFFSET (AtlasFilterSidebar, status_list) },
    { ATLAS_FACET_SOURCE, G_STRUCT_OFFSET (AtlasFilterSidebar, source_list) },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    self->values[f] = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_counts_update = atlas_after_frame_new (GTK_WIDGET (self),
                                                       on_pending_counts_after_frame_cb, self);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "value-changed", G_CALLBACK (update_pending_counts), self,
                           G_CONNECT_SWAPPED);
  self->source_store = new_store ();

  /* The titles of the facets are the core's, shared with the command line. */
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    if (f != ATLAS_FACET_REGION && f != ATLAS_FACET_COUNTRY)
      atlas_facet_section_set_title (get_section_of_facet (self, f), atlas_facet_get_label (f));

  for (guint i = 0; i < G_N_ELEMENTS (facet_lists); i++)
    {
      AtlasFacetList *list = G_STRUCT_MEMBER (AtlasFacetList *, self, facet_lists[i].list_offset);

      atlas_facet_list_set_label (list, atlas_facet_get_label (facet_lists[i].facet));
    }

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->from_spin),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->year_hint_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->to_spin),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->year_hint_label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filters"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->explanation_label),
                                  -1);
}

AtlasFilterSidebar *
atlas_filter_sidebar_new (AtlasContext *context)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (context), NULL);

  return g_object_new (ATLAS_TYPE_FILTER_SIDEBAR,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_filter_sidebar_get_context (AtlasFilterSidebar *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER_SIDEBAR (self), NULL);

  return self->context;
}

AtlasFacetSection *
atlas_filter_sidebar_get_section (AtlasFilterSidebar *self,
                                  AtlasFilterSection  section)
{
  AtlasFacetSection *sections[ATLAS_N_FILTER_SECTIONS];

  g_return_val_if_fail (ATLAS_IS_FILTER_SIDEBAR (self), NULL);
  g_return_val_if_fail ((guint) section < ATLAS_N_FILTER_SECTIONS, NULL);

  sections[ATLAS_FILTER_SECTION_GDC] = self->gdc_section;
  sections[ATLAS_FILTER_SECTION_PRIORITY] = self->priority_section;
  sections[ATLAS_FILTER_SECTION_WSIS] = self->wsis_section;
  sections[ATLAS_FILTER_SECTION_SDG] = self->sdg_section;
  sections[ATLAS_FILTER_SECTION_REGION] = self->region_section;
  sections[ATLAS_FILTER_SECTION_ORG_TYPE] = self->org_type_section;
  sections[ATLAS_FILTER_SECTION_ORGANIZATION] = self->organization_section;
  sections[ATLAS_FILTER_SECTION_STATUS] = self->status_section;
  sections[ATLAS_FILTER_SECTION_YEAR] = self->year_section;
  sections[ATLAS_FILTER_SECTION_SOURCE] = self->source_section;

  return sections[section];
}
