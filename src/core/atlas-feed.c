/* atlas-feed.c
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

#define G_LOG_DOMAIN "atlas-feed"

#include "config.h"

#include "atlas-feed.h"
#include "atlas-initiative.h"

G_DEFINE_QUARK (atlas-feed-error-quark, atlas_feed_error)

AtlasFeedPage *
atlas_feed_page_new (AtlasFeedFormat format)
{
  AtlasFeedPage *page = g_new0 (AtlasFeedPage, 1);

  page->format = format;
  page->organizations = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_organization_unref);
  page->initiatives = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_initiative_unref);
  page->deleted = g_ptr_array_new_with_free_func (g_free);
  page->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);

  return page;
}

void
atlas_feed_page_free (AtlasFeedPage *page)
{
  if (page == NULL)
    return;

  g_free (page->generated_at);
  g_free (page->next);
  g_ptr_array_unref (page->organizations);
  g_ptr_array_unref (page->initiatives);
  g_ptr_array_unref (page->deleted);
  g_ptr_array_unref (page->problems);
  g_free (page);
}

void
atlas_feed_page_add_problem (AtlasFeedPage    *page,
                             AtlasProblemKind  kind,
                             const char       *record_id,
                             const char       *field,
                             const char       *value,
                             const char       *message)
{
  AtlasProblem *problem;

  g_return_if_fail (page != NULL);
  g_return_if_fail (message != NULL);

  problem = g_new0 (AtlasProblem, 1);
  problem->kind = kind;
  problem->record_id = g_strdup (record_id);
  problem->field = g_strdup (field);
  problem->value = g_strdup (value);
  problem->message = g_strdup (message);
  g_ptr_array_add (page->problems, problem);
}

AtlasProblem *
atlas_problem_copy (const AtlasProblem *problem)
{
  AtlasProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new0 (AtlasProblem, 1);
  copy->kind = problem->kind;
  copy->record_id = g_strdup (problem->record_id);
  copy->field = g_strdup (problem->field);
  copy->value = g_strdup (problem->value);
  copy->message = g_strdup (problem->message);

  return copy;
}

void
atlas_problem_free (AtlasProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->record_id);
  g_free (problem->field);
  g_free (problem->value);
  g_free (problem->message);
  g_free (problem);
}
