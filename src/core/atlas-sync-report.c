/* atlas-sync-report.c
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

#define G_LOG_DOMAIN "atlas-sync-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-feed.h"
#include "atlas-sync-report.h"

static void
source_report_free (gpointer data)
{
  AtlasSourceReport *self = data;

  g_free (self->url);
  g_free (self->title);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

AtlasSyncReport *
atlas_sync_report_new (void)
{
  AtlasSyncReport *self = g_new0 (AtlasSyncReport, 1);

  self->sources = g_ptr_array_new_with_free_func (source_report_free);

  return self;
}

void
atlas_sync_report_free (AtlasSyncReport *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->sources);
  g_free (self);
}

AtlasSourceReport *
atlas_sync_report_add_source (AtlasSyncReport *self,
                              const char      *url)
{
  AtlasSourceReport *source;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  source = g_new0 (AtlasSourceReport, 1);
  source->url = g_strdup (url);
  source->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  g_ptr_array_add (self->sources, source);

  return source;
}

gboolean
atlas_sync_report_succeeded (AtlasSyncReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->sources->len; i++)
    {
      const AtlasSourceReport *source = g_ptr_array_index (self->sources, i);

      if (source->outcome == ATLAS_SOURCE_OUTCOME_FAILED ||
          source->outcome == ATLAS_SOURCE_OUTCOME_CANCELLED)
        return FALSE;
    }

  return TRUE;
}

void
atlas_sync_report_get_totals (AtlasSyncReport *self,
                              guint           *added,
                              guint           *updated,
                              guint           *removed,
                              guint           *n_problems)
{
  guint a = 0, u = 0, r = 0, p = 0;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      const AtlasSourceReport *source = g_ptr_array_index (self->sources, i);

      if (source->outcome != ATLAS_SOURCE_OUTCOME_UPDATED)
        continue;

      a += source->added;
      u += source->updated;
      r += source->removed;
      p += source->problems->len;
    }

  if (added != NULL)
    *added = a;
  if (updated != NULL)
    *updated = u;
  if (removed != NULL)
    *removed = r;
  if (n_problems != NULL)
    *n_problems = p;
}

/**
 * atlas_source_report_describe:
 *
 * Returns: (transfer full): one translated line saying what happened to a
 *   source, e.g. "12 new, 3 changed, 1 removed, 2 skipped".
 */
char *
atlas_source_report_describe (AtlasSourceReport *self)
{
  g_autoptr(GString) line = NULL;
  guint n_skipped = 0, n_unknown = 0;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->outcome)
    {
    case ATLAS_SOURCE_OUTCOME_NOT_MODIFIED:
      return g_strdup (_("Up to date: the feed has not changed since the last sync."));

    case ATLAS_SOURCE_OUTCOME_CANCELLED:
      return g_strdup (_("Cancelled: nothing was changed."));

    case ATLAS_SOURCE_OUTCOME_FAILED:
      /* Translators: the placeholder is the reason, one sentence. */
      return g_strdup_printf (_("Failed, nothing was changed: %s"),
                              self->error != NULL ? self->error->message : _("unknown error."));

    case ATLAS_SOURCE_OUTCOME_UPDATED:
    default:
      break;
    }

  for (guint i = 0; i < self->problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->kind == ATLAS_PROBLEM_SKIPPED_RECORD)
        n_skipped++;
      else
        n_unknown++;
    }

  /* Each part is a whole phrase with its own plural; the list separator is
   * translatable too. */
  line = g_string_new (NULL);

#define APPEND_PART(text)                                          \
  G_STMT_START {                                                   \
    g_autofree char *part_ = (text);                               \
    if (line->len > 0)                                             \
      /* Translators: separates the parts of "12 new, 3 changed". */ \
      g_string_append (line, C_("list separator", ", "));          \
    g_string_append (line, part_);                                 \
  } G_STMT_END

  /* Translators: counts of initiatives, as in "12 new, 3 changed". */
  APPEND_PART (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", self->added),
                                self->added));
  APPEND_PART (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed",
                                             self->updated),
                                self->updated));
  APPEND_PART (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed", "%u removed",
                                             self->removed),
                                self->removed));
  APPEND_PART (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged",
                                             self->unchanged),
                                self->unchanged));
  if (n_skipped > 0)
    APPEND_PART (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record skipped",
                                               "%u records skipped", n_skipped),
                                  n_skipped));
  if (n_unknown > 0)
    APPEND_PART (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unknown value dropped",
                                               "%u unknown values dropped", n_unknown),
                                  n_unknown));

#undef APPEND_PART

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * atlas_sync_report_to_text:
 *
 * Returns: (transfer full): the report for the command line, one paragraph
 *   per source followed by its problems, one per line.
 */
char *
atlas_sync_report_to_text (AtlasSyncReport *self)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      AtlasSourceReport *source = g_ptr_array_index (self->sources, i);
      g_autofree char *summary = atlas_source_report_describe (source);

      if (i > 0)
        g_string_append_c (text, '\n');

      g_string_append_printf (text, "%s\n  %s\n",
                              source->title != NULL ? source->title : source->url,
                              summary);

      for (guint j = 0; j < source->problems->len; j++)
        {
          const AtlasProblem *problem = g_ptr_array_index (source->problems, j);

          g_string_append_printf (text, "  - %s\n", problem->message);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
