/* atlas-cli.c
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

#define G_LOG_DOMAIN "atlas-cli"

#include "config.h"

#include <glib/gi18n.h>

#include <gio/gunixoutputstream.h>
#include <unistd.h>

#include "atlas-cli.h"
#include "atlas-core.h"

static const GOptionEntry entries[] = {
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sync the configured feeds (or those given with --feed), print the report and exit"), NULL },
  { "feed", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --sync: a feed to sync instead of the configured ones (repeatable)"), N_("URL") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Apply a feed document from a file, atomically, and exit"), N_("FILE") },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the matching initiatives to standard output as csv or json, and exit"), N_("FORMAT") },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: only initiatives matching this text"), N_("TEXT") },
  { "gdc", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: GDC objective 1–5 (repeatable)"), N_("N") },
  { "wsis", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: WSIS Action Line such as C7 or C7.e-health (repeatable)"), N_("ID") },
  { "sdg", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: Sustainable Development Goal 1–17 (repeatable)"), N_("N") },
  { "priority", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: digital priority such as ai-governance (repeatable)"), N_("ID") },
  { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: UN M49 region code such as 002 (repeatable)"), N_("M49") },
  { "country", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: ISO 3166-1 alpha-2 country code (repeatable)"), N_("CC") },
  { "org-type", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: organization type such as un-entity (repeatable)"), N_("TYPE") },
  { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export: status planned, ongoing, completed or archived (repeatable)"), N_("STATUS") },
  { "sort", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the order, one of relevance, title, start-date or updated"), N_("ORDER") },
  { "cache", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The cache database to use instead of the default one"), N_("FILE") },
  { NULL }
};

const GOptionEntry *
atlas_cli_get_option_entries (void)
{
  return entries;
}

gboolean
atlas_cli_is_requested (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return g_variant_dict_contains (options, "sync") ||
         g_variant_dict_contains (options, "import") ||
         g_variant_dict_contains (options, "export");
}

/* Prints one sentence to standard error. */
static void
print_error (const char *message)
{
  g_printerr ("%s\n", message);
}

static char *
get_cache_path (GVariantDict *options)
{
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "cache", "^&ay", &path) && path != NULL && *path != '\0')
    return g_strdup (path);

  return atlas_store_get_default_path ();
}

static GStrv
lookup_strv (GVariantDict *options,
             const char   *name)
{
  GStrv values = NULL;

  if (!g_variant_dict_lookup (options, name, "^as", &values))
    return NULL;

  return values;
}

static GStrv
get_configured_feeds (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The app’s settings are not installed, so there are no configured "
                             "feeds: name them with --feed=URL."));
      return NULL;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_strv (settings, "sources");
}

static int
print_report (AtlasSyncReport *report)
{
  g_autofree char *text = atlas_sync_report_to_text (report);
  gboolean failed = FALSE;

  g_print ("%s", text);

  for (guint i = 0; i < report->sources->len; i++)
    {
      const AtlasSourceReport *source = g_ptr_array_index (report->sources, i);

      if (source->error != NULL)
        {
          g_autofree char *message =
            /* Translators: the first placeholder is a feed's address, the second why it failed. */
            g_strdup_printf (_("Could not sync “%s”: %s"), source->url, source->error->message);

          print_error (message);
          failed = TRUE;
        }
    }

  return failed ? 1 : 0;
}

static int
run_sync (GVariantDict *options,
          const char   *cache_path)
{
  g_auto(GStrv) feeds = lookup_strv (options, "feed");
  g_autoptr(AtlasSync) sync = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (feeds == NULL || feeds[0] == NULL)
    {
      g_clear_pointer (&feeds, g_strfreev);
      feeds = get_configured_feeds (&error);
      if (feeds == NULL)
        {
          print_error (error->message);
          return 2;
        }
    }

  if (feeds[0] == NULL)
    {
      print_error (_("No feeds are configured: name one with --feed=URL."));
      return 2;
    }

  sync = atlas_sync_new (cache_path);
  report = atlas_sync_run (sync, (const char * const *) feeds, NULL, &error);
  if (report == NULL)
    {
      print_error (error->message);
      return 1;
    }

  return print_report (report);
}

static int
run_import (GVariantDict *options,
            const char   *cache_path)
{
  const char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AtlasSync) sync = NULL;
  g_autoptr(AtlasSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_variant_dict_lookup (options, "import", "^&ay", &path);
  file = g_file_new_for_commandline_arg (path != NULL ? path : "");
  uri = g_file_get_uri (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > ATLAS_FEED_MAX_DOCUMENT_SIZE)
    {
      g_autofree char *limit = g_format_size (ATLAS_FEED_MAX_DOCUMENT_SIZE);
      g_autofree char *message =
        g_strdup_printf (_("The file “%s” is larger than the limit of %s for one feed document."),
                         path, limit);

      print_error (message);
      return 1;
    }

  if (info != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);

  if (bytes == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        message = g_strdup_printf (_("The file “%s” does not exist."), path);
      else
        /* Translators: the second placeholder is why, from the system. */
        message = g_strdup_printf (_("The file “%s” could not be read: %s"), path, error->message);

      print_error (message);
      return 1;
    }

  sync = atlas_sync_new (cache_path);
  report = atlas_sync_import (sync, uri, ATLAS_SOURCE_KIND_FILE, bytes, NULL, &error);
  if (report == NULL)
    {
      print_error (error->message);
      return 1;
    }

  return print_report (report);
}

/* A facet value from the command line, checked and put in its canonical
 * form; NULL when it is not a value of the facet. */
static char *
canonical_value (AtlasFacet  facet,
                 const char *value)
{
  AtlasVocab *vocab = atlas_vocab_get_default ();

  switch (facet)
    {
    case ATLAS_FACET_GDC:
    case ATLAS_FACET_WSIS:
    case ATLAS_FACET_SDG:
    case ATLAS_FACET_PRIORITY:
      {
        const AtlasTerm *term = atlas_vocab_find_term (vocab, facet, value);

        return term != NULL ? g_strdup (term->id) : NULL;
      }

    case ATLAS_FACET_REGION:
      {
        guint64 code = 0;

        if (!g_ascii_string_to_unsigned (value, 10, 1, 999, &code, NULL) ||
            atlas_vocab_find_region (vocab, (guint16) code) < 0)
          return NULL;

        return g_strdup_printf ("%03u", (guint) code);
      }

    case ATLAS_FACET_COUNTRY:
      {
        int index = atlas_vocab_find_country (vocab, value);

        if (index < 0)
          index = atlas_vocab_find_country_by_name (vocab, value);

        return index >= 0 ? g_strdup (atlas_vocab_get_country (vocab, (guint) index)->alpha2) : NULL;
      }

    case ATLAS_FACET_ORG_TYPE:
      return atlas_org_type_from_string (value) != ATLAS_ORG_TYPE_UNKNOWN ? g_strdup (value) : NULL;

    case ATLAS_FACET_STATUS:
      return atlas_status_from_string (value) != ATLAS_STATUS_UNKNOWN ? g_strdup (value) : NULL;

    case ATLAS_FACET_ORGANIZATION:
    case ATLAS_FACET_SOURCE:
    case ATLAS_N_FACETS:
    default:
      return NULL;
    }
}

static const struct
{
  const char *option;
  AtlasFacet  facet;
} filter_options[] = {
  { "gdc", ATLAS_FACET_GDC },
  { "wsis", ATLAS_FACET_WSIS },
  { "sdg", ATLAS_FACET_SDG },
  { "priority", ATLAS_FACET_PRIORITY },
  { "region", ATLAS_FACET_REGION },
  { "country", ATLAS_FACET_COUNTRY },
  { "org-type", ATLAS_FACET_ORG_TYPE },
  { "status", ATLAS_FACET_STATUS },
};

static AtlasQuery *
build_query (GVariantDict  *options,
             GError       **error)
{
  g_autoptr(AtlasQuery) query = atlas_query_new ();
  const char *text = NULL;
  const char *sort = NULL;

  if (g_variant_dict_lookup (options, "search", "&s", &text))
    atlas_query_set_text (query, text);

  if (g_variant_dict_lookup (options, "sort", "&s", &sort))
    {
      AtlasSort value = atlas_sort_from_string (sort);

      if (g_strcmp0 (atlas_sort_to_string (value), sort) != 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a sort order: use relevance, title, start-date or updated."),
                       sort);
          return NULL;
        }
      atlas_query_set_sort (query, value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (filter_options); i++)
    {
      g_auto(GStrv) values = lookup_strv (options, filter_options[i].option);

      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        {
          g_autofree char *value = canonical_value (filter_options[i].facet, values[j]);

          if (value == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           /* Translators: e.g. "“18” is not a value of --sdg (Sustainable Development Goals)." */
                           _("“%s” is not a value of --%s (%s)."),
                           values[j], filter_options[i].option,
                           atlas_facet_get_label (filter_options[i].facet));
              return NULL;
            }

          atlas_query_add_value (query, filter_options[i].facet, value);
        }
    }

  return g_steal_pointer (&query);
}

static int
run_export (GVariantDict *options,
            const char   *cache_path)
{
  const char *format_name = NULL;
  AtlasExportFormat format;
  g_autoptr(AtlasQuery) query = NULL;
  g_autoptr(AtlasSync) sync = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasIndex) index = NULL;
  g_autoptr(AtlasResult) result = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_lookup (options, "export", "&s", &format_name);
  if (!atlas_export_format_from_string (format_name, &format))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an export format: use csv or json."), format_name);

      print_error (message);
      return 2;
    }

  query = build_query (options, &error);
  if (query == NULL)
    {
      print_error (error->message);
      return 2;
    }

  /* Like the app, an empty cache starts from the bundled data. */
  sync = atlas_sync_new (cache_path);
  if (!atlas_sync_ensure_bundled (sync, NULL, &error))
    {
      print_error (error->message);
      return 1;
    }

  store = atlas_store_open (cache_path, &error);
  if (store != NULL)
    index = atlas_index_load (store, NULL, &error);
  if (index != NULL)
    result = atlas_index_run (index, query, store, NULL, &error);
  if (result == NULL)
    {
      print_error (error->message);
      return 1;
    }

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!atlas_export_write (store, result, format, out, NULL, &error) ||
      !g_output_stream_flush (out, NULL, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("The export could not be written: %s"), error->message);

      print_error (message);
      return 1;
    }

  return 0;
}

int
atlas_cli_run (GVariantDict *options)
{
  g_autofree char *cache_path = NULL;
  guint n_actions = 0;

  g_return_val_if_fail (options != NULL, 2);

  n_actions = g_variant_dict_contains (options, "sync") +
              g_variant_dict_contains (options, "import") +
              g_variant_dict_contains (options, "export");
  if (n_actions > 1)
    {
      print_error (_("Give only one of --sync, --import and --export."));
      return 2;
    }

  cache_path = get_cache_path (options);

  if (g_variant_dict_contains (options, "sync"))
    return run_sync (options, cache_path);
  if (g_variant_dict_contains (options, "import"))
    return run_import (options, cache_path);

  return run_export (options, cache_path);
}
