/* atlas-export.c
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

#define G_LOG_DOMAIN "atlas-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-csv-writer.h"
#include "atlas-export.h"
#include "atlas-feed-writer.h"
#include "atlas-index.h"
#include "atlas-initiative.h"
#include "atlas-store.h"

gboolean
atlas_export_format_from_string (const char        *str,
                                 AtlasExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (str, "csv") == 0)
    *format = ATLAS_EXPORT_CSV;
  else if (g_strcmp0 (str, "json") == 0)
    *format = ATLAS_EXPORT_JSON;
  else
    return FALSE;

  return TRUE;
}

static gboolean
write_csv (AtlasStore     *store,
           AtlasResult    *result,
           GOutputStream  *stream,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(AtlasCsvWriter) writer = atlas_csv_writer_new (stream);
  guint n = atlas_result_get_n_items (result);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasInitiative) initiative = NULL;

      initiative = atlas_store_load_initiative (store, atlas_result_get_rowid (result, i), error);
      if (initiative == NULL ||
          !atlas_csv_writer_add_initiative (writer, initiative, cancellable, error))
        return FALSE;
    }

  return atlas_csv_writer_end (writer, cancellable, error);
}

/* Ids are unique within a source; an export may mix sources, so an id seen
 * again from another source gets the source's number appended. */
static const char *
export_id (GHashTable *assigned,
           GHashTable *used,
           gint64      source_id,
           const char *id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", source_id, id);
  const char *exported = g_hash_table_lookup (assigned, key);
  char *candidate;

  if (exported != NULL)
    return exported;

  candidate = g_strdup (id);
  for (guint n = 2; g_hash_table_contains (used, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%u", id, source_id, n);
    }

  g_hash_table_add (used, candidate);
  g_hash_table_insert (assigned, g_steal_pointer (&key), candidate);

  return candidate;
}

static void
rename_references (AtlasInitiative *initiative,
                   GHashTable      *org_ids,
                   GHashTable      *used_org_ids)
{
  if (initiative->lead != NULL)
    {
      const char *id = export_id (org_ids, used_org_ids, initiative->source_id, initiative->lead);

      g_free (initiative->lead);
      initiative->lead = g_strdup (id);
    }

  for (guint i = 0; i < initiative->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);
      const char *id = export_id (org_ids, used_org_ids, initiative->source_id,
                                  partner->organization);

      g_free (partner->organization);
      partner->organization = g_strdup (id);
    }
}

static gboolean
write_json (AtlasStore     *store,
            AtlasResult    *result,
            GOutputStream  *stream,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(AtlasFeedWriter) writer = atlas_feed_writer_new (stream);
  g_autoptr(GHashTable) org_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used_org_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) initiative_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used_initiative_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) all_organizations = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated_at = g_date_time_format_iso8601 (now);
  guint n = atlas_result_get_n_items (result);

  /* The organisations come before the initiatives in a feed: a first pass
   * finds which ones the initiatives name, without keeping the records. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasInitiative) initiative = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      initiative = atlas_store_load_initiative (store, atlas_result_get_rowid (result, i), error);
      if (initiative == NULL)
        return FALSE;

      rename_references (initiative, org_ids, used_org_ids);
    }

  all_organizations = atlas_store_list_organizations (store, error);
  if (all_organizations == NULL)
    return FALSE;

  organizations = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_organization_unref);
  for (guint i = 0; i < all_organizations->len; i++)
    {
      AtlasOrganization *organization = g_ptr_array_index (all_organizations, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s",
                                              organization->source_id, organization->id);
      const char *id = g_hash_table_lookup (org_ids, key);

      if (id == NULL)
        continue;

      g_free (organization->id);
      organization->id = g_strdup (id);
      g_ptr_array_add (organizations, atlas_organization_ref (organization));
    }

  if (!atlas_feed_writer_begin (writer, generated_at, organizations, cancellable, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasInitiative) initiative = NULL;
      const char *id;

      initiative = atlas_store_load_initiative (store, atlas_result_get_rowid (result, i), error);
      if (initiative == NULL)
        return FALSE;

      rename_references (initiative, org_ids, used_org_ids);
      id = export_id (initiative_ids, used_initiative_ids, initiative->source_id, initiative->id);
      g_free (initiative->id);
      initiative->id = g_strdup (id);

      if (!atlas_feed_writer_add_initiative (writer, initiative, cancellable, error))
        return FALSE;
    }

  return atlas_feed_writer_end (writer, cancellable, error);
}

/**
 * atlas_export_write:
 *
 * Writes the initiatives of @result, in its order, to @stream.  Blocking:
 * run it in a worker thread with a store connection of that thread.
 */
gboolean
atlas_export_write (AtlasStore         *store,
                    AtlasResult        *result,
                    AtlasExportFormat   format,
                    GOutputStream      *stream,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_return_val_if_fail (ATLAS_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case ATLAS_EXPORT_CSV:
      return write_csv (store, result, stream, cancellable, error);

    case ATLAS_EXPORT_JSON:
      return write_json (store, result, stream, cancellable, error);

    default:
      g_return_val_if_reached (FALSE);
    }
}
