/* atlas-ui-format.c
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

#define G_LOG_DOMAIN "atlas-ui-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-sync.h"
#include "atlas-ui-format.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)
#define WEEK   (7 * DAY)

void
atlas_format_count_into (char  *buffer,
                         gsize  size,
                         guint  count)
{
  g_snprintf (buffer, size, "%'u", count);
}

char *
atlas_format_count (guint count)
{
  char text[ATLAS_FORMAT_COUNT_SIZE];

  atlas_format_count_into (text, sizeof text, count);

  return g_strdup (text);
}

guint
atlas_format_count_chars (guint count)
{
  g_autofree char *text = atlas_format_count (count);

  return g_utf8_strlen (text, -1);
}

char *
atlas_format_date (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: the format of a date with its day, month and year, as in
   * "4 December 2025"; see the GLib documentation of g_date_time_format()
   * for the codes.  %B is the month name in the form used with a day. */
  return g_date_time_format (date, C_("date format", "%-d %B %Y"));
}

char *
atlas_format_iso_date (const char *iso_date)
{
  static const char pattern[] = "dddd-dd-dd";
  g_autoptr(GDateTime) date = NULL;
  int year;
  int month;
  int day;

  if (iso_date == NULL || strlen (iso_date) < strlen (pattern))
    return NULL;

  /* Only the date part of "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ" counts. */
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (iso_date[i]) : iso_date[i] != pattern[i])
        return NULL;
    }

  year = (int) g_ascii_strtoll (iso_date, NULL, 10);
  month = (int) g_ascii_strtoll (iso_date + 5, NULL, 10);
  day = (int) g_ascii_strtoll (iso_date + 8, NULL, 10);

  /* Midday, so that no time zone moves the day. */
  date = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date == NULL)
    return NULL;

  return atlas_format_date (date);
}

char *
atlas_format_feed_title (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;
  const char *query;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  path = g_uri_get_path (uri);
  query = g_uri_get_query (uri);

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d%s%s%s",
                            g_uri_get_host (uri), g_uri_get_port (uri), path,
                            query != NULL ? "?" : "", query != NULL ? query : "");

  return g_strdup_printf ("%s%s%s%s",
                          g_uri_get_host (uri), g_strcmp0 (path, "/") == 0 ? "" : path,
                          query != NULL ? "?" : "", query != NULL ? query : "");
}

static char *
format_updated_ago (gint64 now,
                    gint64 then)
{
  gint64 age = MAX (now - then, 0);
  int n;

  if (age < MINUTE)
    return g_strdup (_("Last updated just now"));

  if (age < HOUR)
    {
      n = (int) (age / MINUTE);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Last updated %d minute ago",
                                           "Last updated %d minutes ago", n), n);
    }

  if (age < DAY)
    {
      n = (int) (age / HOUR);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Last updated %d hour ago",
                                           "Last updated %d hours ago", n), n);
    }

  if (age < WEEK)
    {
      n = (int) (age / DAY);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Last updated %d day ago",
                                           "Last updated %d days ago", n), n);
    }

  {
    g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (then);
    g_autofree char *text = atlas_format_date (date);

    /* Translators: the placeholder is a date, as in "4 December 2025". */
    return g_strdup_printf (_("Last updated on %s"), text);
  }
}

char *
atlas_format_last_sync (gint64      now,
                        gint64      last_sync,
                        const char *snapshot_date)
{
  g_autofree char *date = NULL;

  if (last_sync > 0)
    return format_updated_ago (now, last_sync);

  date = atlas_format_iso_date (snapshot_date);
  if (date != NULL)
    /* Translators: the placeholder is a date, as in "4 December 2025": the
     * app shows the data shipped with it, taken on that day. */
    return g_strdup_printf (_("Bundled data from %s"), date);

  return g_strdup (_("Never synced"));
}

char *
atlas_format_source_status (gint64             now,
                            const AtlasSource *source)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  if (source->last_success > 0)
    when = format_updated_ago (now, source->last_success);
  else
    when = g_strdup (_("Not synced yet"));

  if (source->last_error != NULL && *source->last_error != '\0')
    return g_strdup_printf ("%s\n%s", when, source->last_error);

  return g_steal_pointer (&when);
}

gboolean
atlas_error_is_network (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == ATLAS_SYNC_ERROR)
    return error->code == ATLAS_SYNC_ERROR_NETWORK || error->code == ATLAS_SYNC_ERROR_TIMEOUT;

  if (error->domain == G_RESOLVER_ERROR)
    return TRUE;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static char *
format_changes (guint added,
                guint updated,
                guint removed)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);

  /* Translators: the three counts are of initiatives a sync added, changed
   * and removed, as in "Updated: 12 new, 3 changed". */
  if (added > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u new", "%u new", added),
                                             added));
  if (updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u changed", "%u changed", updated),
                                             updated));
  if (removed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u removed", "%u removed", removed),
                                             removed));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: what separates the items of a list, as in
         * "12 new, 3 changed". */
        g_string_append (list, C_("list separator", ", "));
      g_string_append (list, g_ptr_array_index (parts, i));
    }

  /* Translators: the placeholder is a list of counts, as in
   * "12 new, 3 changed, 1 removed". */
  return g_strdup_printf (_("Updated: %s"), list->str);
}

static char *
format_offline (gint64      last_sync,
                const char *snapshot_date)
{
  g_autofree char *date = NULL;

  if (last_sync > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (last_sync);

      date = atlas_format_date (when);
    }
  else
    {
      date = atlas_format_iso_date (snapshot_date);
    }

  if (date != NULL)
    /* Translators: the placeholder is a date, as in "4 December 2025": the
     * feeds could not be reached, so the app shows the data of that day. */
    return g_strdup_printf (_("Offline: showing data from %s"), date);

  return g_strdup (_("Offline: the feeds could not be reached."));
}

GPtrArray *
atlas_format_sync_outcome (AtlasSyncReport *report,
                           const GError    *error,
                           gint64           last_sync,
                           const char      *snapshot_date)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  AtlasSourceReport *failed = NULL;
  guint n_failed = 0;
  guint n_network = 0;
  guint n_cancelled = 0;
  guint added = 0;
  guint updated = 0;
  guint removed = 0;

  g_return_val_if_fail (report != NULL || error != NULL, NULL);

  if (report == NULL)
    {
      g_ptr_array_add (messages, g_strdup (error->message));
      return g_steal_pointer (&messages);
    }

  if (report->sources->len == 0)
    {
      g_ptr_array_add (messages, g_strdup (_("There are no feeds to update: add one in Preferences.")));
      return g_steal_pointer (&messages);
    }

  for (guint i = 0; i < report->sources->len; i++)
    {
      AtlasSourceReport *source = g_ptr_array_index (report->sources, i);

      if (source->outcome == ATLAS_SOURCE_OUTCOME_FAILED)
        {
          if (failed == NULL)
            failed = source;
          n_failed++;
          if (atlas_error_is_network (source->error))
            n_network++;
        }
      else if (source->outcome == ATLAS_SOURCE_OUTCOME_CANCELLED)
        {
          n_cancelled++;
        }
    }

  /* A cancelled sync (the app is closing) has nothing to say. */
  if (n_cancelled > 0 && n_failed == 0)
    return g_steal_pointer (&messages);

  if (n_failed == report->sources->len && n_network == n_failed)
    {
      g_ptr_array_add (messages, format_offline (last_sync, snapshot_date));
      return g_steal_pointer (&messages);
    }

  atlas_sync_report_get_totals (report, &added, &updated, &removed, NULL);

  if (added + updated + removed > 0)
    g_ptr_array_add (messages, format_changes (added, updated, removed));
  else if (n_failed == 0)
    g_ptr_array_add (messages, g_strdup (_("Up to date")));

  if (n_failed == 1)
    {
      g_autofree char *title = NULL;

      if (failed->title != NULL && *failed->title != '\0')
        title = g_strdup (failed->title);
      else
        title = atlas_format_feed_title (failed->url);

      g_ptr_array_add (messages,
                       /* Translators: the first placeholder is the name of a
                        * feed, the second says why it failed, as in
                        * "Could not update “Digital Public Goods registry”:
                        * the server answered 500 Internal Server Error." */
                       g_strdup_printf (_("Could not update “%s”: %s"),
                                        title,
                                        failed->error != NULL ? failed->error->message
                                                              /* Translators: the second placeholder of
                                                               * "Could not update “%s”: %s" when no
                                                               * reason is known. */
                                                              : _("the reason is unknown.")));
    }
  else if (n_failed > 1)
    {
      g_ptr_array_add (messages,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Could not update %u feed: Preferences shows why.",
                                                     "Could not update %u feeds: Preferences shows why.",
                                                     n_failed),
                                        n_failed));
    }

  return g_steal_pointer (&messages);
}
