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

#include "atlas-cli.h"

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

int
atlas_cli_run (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, 2);

  g_printerr ("%s\n", "The command line is being built.");
  return 2;
}
