/* atlas-initiative.c
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

#define G_LOG_DOMAIN "atlas-initiative"

#include "config.h"

#include <string.h>

#include "atlas-initiative.h"

G_DEFINE_BOXED_TYPE (AtlasInitiative, atlas_initiative, atlas_initiative_ref, atlas_initiative_unref)
G_DEFINE_BOXED_TYPE (AtlasOrganization, atlas_organization, atlas_organization_ref, atlas_organization_unref)

static void
partner_free (gpointer data)
{
  AtlasPartner *partner = data;

  g_free (partner->organization);
  g_free (partner->name);
  g_free (partner);
}

static void
link_free (gpointer data)
{
  AtlasLink *link = data;

  g_free (link->title);
  g_free (link->url);
  g_free (link);
}

static void
milestone_free (gpointer data)
{
  AtlasMilestone *milestone = data;

  g_free (milestone->date);
  g_free (milestone->title);
  g_free (milestone);
}

static void
property_free (gpointer data)
{
  AtlasProperty *property = data;

  g_free (property->key);
  g_free (property->value);
  g_free (property);
}

static void
initiative_clear (gpointer data)
{
  AtlasInitiative *self = data;

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->description);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->lead);
  g_ptr_array_unref (self->partners);
  g_ptr_array_unref (self->countries);
  g_array_unref (self->regions);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->milestones);
  g_ptr_array_unref (self->properties);
  g_free (self->updated_at);
  g_free (self->source_url);
  g_free (self->source_title);
  g_free (self->lead_name);
}

AtlasInitiative *
atlas_initiative_new (void)
{
  AtlasInitiative *self = g_atomic_rc_box_new0 (AtlasInitiative);

  self->partners = g_ptr_array_new_with_free_func (partner_free);
  self->countries = g_ptr_array_new_with_free_func (g_free);
  self->regions = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->links = g_ptr_array_new_with_free_func (link_free);
  self->milestones = g_ptr_array_new_with_free_func (milestone_free);
  self->properties = g_ptr_array_new_with_free_func (property_free);

  return self;
}

AtlasInitiative *
atlas_initiative_ref (AtlasInitiative *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
atlas_initiative_unref (AtlasInitiative *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, initiative_clear);
}

void
atlas_initiative_add_partner (AtlasInitiative *self,
                              const char      *organization,
                              AtlasRole        role)
{
  AtlasPartner *partner;

  g_return_if_fail (self != NULL);
  g_return_if_fail (organization != NULL);

  partner = g_new0 (AtlasPartner, 1);
  partner->organization = g_strdup (organization);
  partner->role = role;
  g_ptr_array_add (self->partners, partner);
}

void
atlas_initiative_add_link (AtlasInitiative *self,
                           const char      *title,
                           const char      *url)
{
  AtlasLink *link;

  g_return_if_fail (self != NULL);
  g_return_if_fail (url != NULL);

  link = g_new0 (AtlasLink, 1);
  link->title = g_strdup (title);
  link->url = g_strdup (url);
  g_ptr_array_add (self->links, link);
}

void
atlas_initiative_add_milestone (AtlasInitiative      *self,
                                const char           *date,
                                const char           *title,
                                AtlasMilestoneStatus  status,
                                int                   progress)
{
  AtlasMilestone *milestone;

  g_return_if_fail (self != NULL);
  g_return_if_fail (progress >= -1 && progress <= 100);

  milestone = g_new0 (AtlasMilestone, 1);
  milestone->date = g_strdup (date);
  milestone->title = g_strdup (title);
  milestone->status = status;
  milestone->progress = progress;
  g_ptr_array_add (self->milestones, milestone);
}

void
atlas_initiative_set_property (AtlasInitiative *self,
                               const char      *key,
                               const char      *value)
{
  AtlasProperty *property;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  for (guint i = 0; i < self->properties->len; i++)
    {
      property = g_ptr_array_index (self->properties, i);

      if (strcmp (property->key, key) == 0)
        {
          if (value == NULL)
            g_ptr_array_remove_index (self->properties, i);
          else
            {
              g_free (property->value);
              property->value = g_strdup (value);
            }
          return;
        }
    }

  if (value == NULL)
    return;

  property = g_new0 (AtlasProperty, 1);
  property->key = g_strdup (key);
  property->value = g_strdup (value);
  g_ptr_array_add (self->properties, property);
}

const char *
atlas_initiative_get_property (AtlasInitiative *self,
                               const char      *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->properties->len; i++)
    {
      const AtlasProperty *property = g_ptr_array_index (self->properties, i);

      if (strcmp (property->key, key) == 0)
        return property->value;
    }

  return NULL;
}

gboolean
atlas_initiative_has_country (AtlasInitiative *self,
                              const char      *alpha2)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (alpha2 != NULL, FALSE);

  for (guint i = 0; i < self->countries->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->countries, i), alpha2) == 0)
      return TRUE;

  return FALSE;
}

int
atlas_initiative_get_start_year (AtlasInitiative *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return atlas_date_get_year (self->start_date);
}

static gboolean
partners_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const AtlasPartner *pa = g_ptr_array_index (a, i);
      const AtlasPartner *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->organization, pb->organization) != 0 || pa->role != pb->role)
        return FALSE;
    }

  return TRUE;
}

static gboolean
strings_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
links_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const AtlasLink *la = g_ptr_array_index (a, i);
      const AtlasLink *lb = g_ptr_array_index (b, i);

      if (g_strcmp0 (la->title, lb->title) != 0 || g_strcmp0 (la->url, lb->url) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
milestones_equal (GPtrArray *a,
                  GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const AtlasMilestone *ma = g_ptr_array_index (a, i);
      const AtlasMilestone *mb = g_ptr_array_index (b, i);

      if (g_strcmp0 (ma->date, mb->date) != 0 ||
          g_strcmp0 (ma->title, mb->title) != 0 ||
          ma->status != mb->status ||
          ma->progress != mb->progress)
        return FALSE;
    }

  return TRUE;
}

static gboolean
properties_equal (GPtrArray *a,
                  GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const AtlasProperty *pa = g_ptr_array_index (a, i);
      const AtlasProperty *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->key, pb->key) != 0 || g_strcmp0 (pa->value, pb->value) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Compares what a feed says about an initiative; the fields the store
 * fills in when reading (rowid, source, lead name) are not compared. */
gboolean
atlas_initiative_equal (const AtlasInitiative *a,
                        const AtlasInitiative *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->summary, b->summary) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->status == b->status &&
         a->scope == b->scope &&
         g_strcmp0 (a->start_date, b->start_date) == 0 &&
         g_strcmp0 (a->end_date, b->end_date) == 0 &&
         g_strcmp0 (a->lead, b->lead) == 0 &&
         partners_equal (a->partners, b->partners) &&
         strings_equal (a->countries, b->countries) &&
         a->regions->len == b->regions->len &&
         memcmp (a->regions->data, b->regions->data, a->regions->len * sizeof (guint16)) == 0 &&
         a->has_location == b->has_location &&
         (!a->has_location || (a->latitude == b->latitude && a->longitude == b->longitude)) &&
         a->gdc_objectives == b->gdc_objectives &&
         a->wsis_lines == b->wsis_lines &&
         a->sdgs == b->sdgs &&
         a->priorities == b->priorities &&
         links_equal (a->links, b->links) &&
         milestones_equal (a->milestones, b->milestones) &&
         properties_equal (a->properties, b->properties) &&
         g_strcmp0 (a->updated_at, b->updated_at) == 0;
}

static void
organization_clear (gpointer data)
{
  AtlasOrganization *self = data;

  g_free (self->id);
  g_free (self->name);
  g_free (self->country);
  g_free (self->website);
}

AtlasOrganization *
atlas_organization_new (void)
{
  return g_atomic_rc_box_new0 (AtlasOrganization);
}

AtlasOrganization *
atlas_organization_ref (AtlasOrganization *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
atlas_organization_unref (AtlasOrganization *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, organization_clear);
}

gboolean
atlas_organization_equal (const AtlasOrganization *a,
                          const AtlasOrganization *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->type == b->type &&
         g_strcmp0 (a->country, b->country) == 0 &&
         g_strcmp0 (a->website, b->website) == 0;
}

static gboolean
parse_digits (const char *str,
              guint       n_digits,
              guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      v = v * 10 + (guint) (str[i] - '0');
    }

  *value = v;
  return TRUE;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, with a real month and day. */
gboolean
atlas_date_is_valid (const char *date)
{
  guint year, month, day;
  gsize len;

  if (date == NULL)
    return FALSE;

  len = strlen (date);
  if (len != 4 && len != 7 && len != 10)
    return FALSE;

  if (!parse_digits (date, 4, &year) || year < 1)
    return FALSE;

  if (len == 4)
    return TRUE;

  if (date[4] != '-' || !parse_digits (date + 5, 2, &month) || month < 1 || month > 12)
    return FALSE;

  if (len == 7)
    return TRUE;

  if (date[7] != '-' || !parse_digits (date + 8, 2, &day))
    return FALSE;

  return day >= 1 && day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

int
atlas_date_get_year (const char *date)
{
  guint year;

  if (date == NULL || !parse_digits (date, 4, &year))
    return 0;

  return (int) year;
}

/* Only http and https addresses with a host are offered as links. */
gboolean
atlas_uri_is_web (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
}

/**
 * atlas_link_uri_new:
 * @source_url: the address of the initiative's source, as the store has it
 * @id: the initiative's id within that source
 *
 * Returns: (transfer full): the app's own address of an initiative,
 *   "cooperation-atlas://initiative?source=…&id=…"
 */
char *
atlas_link_uri_new (const char *source_url,
                    const char *id)
{
  g_autofree char *source = NULL;
  g_autofree char *escaped_id = NULL;

  g_return_val_if_fail (source_url != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  source = g_uri_escape_string (source_url, NULL, FALSE);
  escaped_id = g_uri_escape_string (id, NULL, FALSE);

  return g_strdup_printf ("%s://initiative?source=%s&id=%s", ATLAS_LINK_SCHEME, source, escaped_id);
}

/**
 * atlas_link_uri_parse:
 * @source_url: (out) (optional): the source's address
 * @id: (out) (optional): the initiative's id
 *
 * Reads an address made by atlas_link_uri_new().
 *
 * Returns: %TRUE when @uri is one
 */
gboolean
atlas_link_uri_parse (const char  *uri,
                      char       **source_url,
                      char       **id)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *host;
  const char *path;
  const char *query;
  const char *source;
  const char *initiative;

  if (uri == NULL)
    return FALSE;

  /* The query stays encoded until it is split, so that an "&" inside the
   * source's own address does not end the parameter. */
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL || g_ascii_strcasecmp (g_uri_get_scheme (parsed), ATLAS_LINK_SCHEME) != 0)
    return FALSE;

  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);
  query = g_uri_get_query (parsed);
  if (host == NULL || g_ascii_strcasecmp (host, "initiative") != 0 ||
      (*path != '\0' && strcmp (path, "/") != 0) || query == NULL)
    return FALSE;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return FALSE;

  source = g_hash_table_lookup (params, "source");
  initiative = g_hash_table_lookup (params, "id");
  if (source == NULL || *source == '\0' || initiative == NULL || *initiative == '\0' ||
      !g_utf8_validate (source, -1, NULL) || !g_utf8_validate (initiative, -1, NULL))
    return FALSE;

  if (source_url != NULL)
    *source_url = g_strdup (source);
  if (id != NULL)
    *id = g_strdup (initiative);

  return TRUE;
}
