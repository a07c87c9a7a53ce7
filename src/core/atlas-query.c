/* atlas-query.c
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

#define G_LOG_DOMAIN "atlas-query"

#include "config.h"

#include <string.h>

#include "atlas-enums.h"
#include "atlas-query.h"

struct _AtlasQuery
{
  GObject     parent_instance;

  char       *text;                      /* never NULL */
  AtlasSort   sort;
  int         min_year;
  int         max_year;
  GPtrArray  *values[ATLAS_N_FACETS];    /* of char*, NULL-terminated */

  guint       freeze_count;
  guint       changed_while_frozen : 1;
};

G_DEFINE_FINAL_TYPE (AtlasQuery, atlas_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SORT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const no_values[] = { NULL };

static void
emit_changed (AtlasQuery *self)
{
  g_assert (ATLAS_IS_QUERY (self));

  if (self->freeze_count > 0)
    self->changed_while_frozen = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static int
find_value (AtlasQuery *self,
            AtlasFacet  facet,
            const char *value)
{
  GPtrArray *values = self->values[facet];

  g_assert ((guint) facet < ATLAS_N_FACETS);

  for (guint i = 0; i < values->len; i++)
    if (strcmp (g_ptr_array_index (values, i), value) == 0)
      return (int) i;

  return -1;
}

/* Years outside 0..9999 make no sense as a bound: treat them as none. */
static int
sanitize_year (int year)
{
  return year > 0 && year <= 9999 ? year : 0;
}

static void
atlas_query_finalize (GObject *object)
{
  AtlasQuery *self = (AtlasQuery *) object;

  g_clear_pointer (&self->text, g_free);
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    g_clear_pointer (&self->values[f], g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_query_parent_class)->finalize (object);
}

static void
atlas_query_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AtlasQuery *self = ATLAS_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_query_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AtlasQuery *self = ATLAS_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      atlas_query_set_text (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      atlas_query_set_sort (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_query_class_init (AtlasQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_query_finalize;
  object_class->get_property = atlas_query_get_property;
  object_class->set_property = atlas_query_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An AtlasSort; an int so that settings and widgets can bind to it. */
  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL,
                      0, ATLAS_N_SORTS - 1, ATLAS_SORT_RELEVANCE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasQuery::changed:
   *
   * Emitted once after any modification, or once per freeze/thaw pair
   * that modified something.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_query_init (AtlasQuery *self)
{
  self->text = g_strdup ("");
  self->sort = ATLAS_SORT_RELEVANCE;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    self->values[f] = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

AtlasQuery *
atlas_query_new (void)
{
  return g_object_new (ATLAS_TYPE_QUERY, NULL);
}

/**
 * atlas_query_copy:
 *
 * Returns: (transfer full): a new query with the same text, sort, year
 *   range and facet values (not frozen, with no handlers).
 */
AtlasQuery *
atlas_query_copy (AtlasQuery *self)
{
  AtlasQuery *copy;

  g_return_val_if_fail (ATLAS_IS_QUERY (self), NULL);

  copy = atlas_query_new ();
  g_free (copy->text);
  copy->text = g_strdup (self->text);
  copy->sort = self->sort;
  copy->min_year = self->min_year;
  copy->max_year = self->max_year;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    for (guint i = 0; i < self->values[f]->len; i++)
      g_ptr_array_add (copy->values[f], g_strdup (g_ptr_array_index (self->values[f], i)));

  return copy;
}

/* Facet values are sets: the order they were added in does not matter. */
gboolean
atlas_query_equal (AtlasQuery *a,
                   AtlasQuery *b)
{
  g_return_val_if_fail (ATLAS_IS_QUERY (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_QUERY (b), FALSE);

  if (a == b)
    return TRUE;

  if (strcmp (a->text, b->text) != 0 ||
      a->sort != b->sort ||
      a->min_year != b->min_year ||
      a->max_year != b->max_year)
    return FALSE;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      if (a->values[f]->len != b->values[f]->len)
        return FALSE;

      for (guint i = 0; i < a->values[f]->len; i++)
        if (find_value (b, f, g_ptr_array_index (a->values[f], i)) < 0)
          return FALSE;
    }

  return TRUE;
}

void
atlas_query_freeze (AtlasQuery *self)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));

  if (self->freeze_count++ == 0)
    self->changed_while_frozen = FALSE;
  g_object_freeze_notify (G_OBJECT (self));
}

void
atlas_query_thaw (AtlasQuery *self)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));
  g_return_if_fail (self->freeze_count > 0);

  g_object_thaw_notify (G_OBJECT (self));

  if (--self->freeze_count == 0 && self->changed_while_frozen)
    {
      self->changed_while_frozen = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/* Never NULL: "" when there is no text. */
const char *
atlas_query_get_text (AtlasQuery *self)
{
  g_return_val_if_fail (ATLAS_IS_QUERY (self), NULL);

  return self->text;
}

void
atlas_query_set_text (AtlasQuery *self,
                      const char *text)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));

  if (text == NULL)
    text = "";

  if (strcmp (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  emit_changed (self);
}

AtlasSort
atlas_query_get_sort (AtlasQuery *self)
{
  g_return_val_if_fail (ATLAS_IS_QUERY (self), ATLAS_SORT_RELEVANCE);

  return self->sort;
}

void
atlas_query_set_sort (AtlasQuery *self,
                      AtlasSort   sort)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));
  g_return_if_fail ((guint) sort < ATLAS_N_SORTS);

  if (self->sort == sort)
    return;

  self->sort = sort;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  emit_changed (self);
}

void
atlas_query_get_year_range (AtlasQuery *self,
                            int        *min_year,
                            int        *max_year)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));

  if (min_year != NULL)
    *min_year = self->min_year;
  if (max_year != NULL)
    *max_year = self->max_year;
}

/* A bound outside 1..9999 counts as no bound. */
void
atlas_query_set_year_range (AtlasQuery *self,
                            int         min_year,
                            int         max_year)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));

  min_year = sanitize_year (min_year);
  max_year = sanitize_year (max_year);

  if (self->min_year == min_year && self->max_year == max_year)
    return;

  self->min_year = min_year;
  self->max_year = max_year;

  emit_changed (self);
}

void
atlas_query_add_value (AtlasQuery *self,
                       AtlasFacet  facet,
                       const char *value)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));
  g_return_if_fail ((guint) facet < ATLAS_N_FACETS);
  g_return_if_fail (value != NULL && *value != '\0');

  if (find_value (self, facet, value) >= 0)
    return;

  g_ptr_array_add (self->values[facet], g_strdup (value));
  emit_changed (self);
}

void
atlas_query_remove_value (AtlasQuery *self,
                          AtlasFacet  facet,
                          const char *value)
{
  int i;

  g_return_if_fail (ATLAS_IS_QUERY (self));
  g_return_if_fail ((guint) facet < ATLAS_N_FACETS);
  g_return_if_fail (value != NULL);

  i = find_value (self, facet, value);
  if (i < 0)
    return;

  g_ptr_array_remove_index (self->values[facet], (guint) i);
  emit_changed (self);
}

void
atlas_query_toggle_value (AtlasQuery *self,
                          AtlasFacet  facet,
                          const char *value)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));
  g_return_if_fail ((guint) facet < ATLAS_N_FACETS);
  g_return_if_fail (value != NULL && *value != '\0');

  if (find_value (self, facet, value) >= 0)
    atlas_query_remove_value (self, facet, value);
  else
    atlas_query_add_value (self, facet, value);
}

gboolean
atlas_query_has_value (AtlasQuery *self,
                       AtlasFacet  facet,
                       const char *value)
{
  g_return_val_if_fail (ATLAS_IS_QUERY (self), FALSE);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, FALSE);

  return value != NULL && find_value (self, facet, value) >= 0;
}

/**
 * atlas_query_get_values:
 * @n_values: (out) (optional): the number of values
 *
 * Returns: (transfer none) (array zero-terminated=1): the values of @facet
 *   in the order they were added; valid until the query changes.
 */
const char * const *
atlas_query_get_values (AtlasQuery *self,
                        AtlasFacet  facet,
                        guint      *n_values)
{
  GPtrArray *values;

  g_return_val_if_fail (ATLAS_IS_QUERY (self), NULL);
  g_return_val_if_fail ((guint) facet < ATLAS_N_FACETS, NULL);

  values = self->values[facet];

  if (n_values != NULL)
    *n_values = values->len;

  if (values->len == 0)
    return no_values;

  return (const char * const *) values->pdata;
}

void
atlas_query_clear_facet (AtlasQuery *self,
                         AtlasFacet  facet)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));
  g_return_if_fail ((guint) facet < ATLAS_N_FACETS);

  if (self->values[facet]->len == 0)
    return;

  g_ptr_array_set_size (self->values[facet], 0);
  emit_changed (self);
}

void
atlas_query_clear (AtlasQuery *self)
{
  g_return_if_fail (ATLAS_IS_QUERY (self));

  atlas_query_freeze (self);

  atlas_query_set_text (self, NULL);
  atlas_query_set_year_range (self, 0, 0);
  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    atlas_query_clear_facet (self, f);

  atlas_query_thaw (self);
}

gboolean
atlas_query_is_empty (AtlasQuery *self)
{
  g_return_val_if_fail (ATLAS_IS_QUERY (self), TRUE);

  if (self->min_year != 0 || self->max_year != 0)
    return FALSE;

  for (const char *p = self->text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    if (self->values[f]->len > 0)
      return FALSE;

  return TRUE;
}

/**
 * atlas_query_to_variant:
 *
 * Returns: (transfer floating): the query as an `a{sv}` dictionary: "text"
 *   (s), "sort" (s), "year-min" and "year-max" (i), and one `as` per facet
 *   that has values, named as atlas_facet_to_string() names it.
 */
GVariant *
atlas_query_to_variant (AtlasQuery *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (ATLAS_IS_QUERY (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (self->text));
  g_variant_builder_add (&builder, "{sv}", "sort",
                         g_variant_new_string (atlas_sort_to_string (self->sort)));
  g_variant_builder_add (&builder, "{sv}", "year-min", g_variant_new_int32 (self->min_year));
  g_variant_builder_add (&builder, "{sv}", "year-max", g_variant_new_int32 (self->max_year));

  for (guint f = 0; f < ATLAS_N_FACETS; f++)
    {
      GPtrArray *values = self->values[f];

      if (values->len == 0)
        continue;

      g_variant_builder_add (&builder, "{sv}", atlas_facet_to_string (f),
                             g_variant_new_strv ((const char * const *) values->pdata,
                                                 values->len));
    }

  return g_variant_builder_end (&builder);
}

/**
 * atlas_query_new_from_variant:
 * @variant: an `a{sv}` as atlas_query_to_variant() makes it
 *
 * Unknown keys, values of the wrong type, an unknown sort order, years
 * outside 1..9999 and empty facet values are ignored.
 *
 * Returns: (transfer full): a new query
 */
AtlasQuery *
atlas_query_new_from_variant (GVariant *variant)
{
  AtlasQuery *self;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  int min_year = 0;
  int max_year = 0;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT), NULL);

  self = atlas_query_new ();

  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      int facet;

      if (g_str_equal (key, "text"))
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            atlas_query_set_text (self, g_variant_get_string (value, NULL));
        }
      else if (g_str_equal (key, "sort"))
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            {
              const char *str = g_variant_get_string (value, NULL);
              AtlasSort sort = atlas_sort_from_string (str);

              if (g_strcmp0 (atlas_sort_to_string (sort), str) == 0)
                self->sort = sort;
            }
        }
      else if (g_str_equal (key, "year-min"))
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
            min_year = sanitize_year (g_variant_get_int32 (value));
        }
      else if (g_str_equal (key, "year-max"))
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
            max_year = sanitize_year (g_variant_get_int32 (value));
        }
      else if ((facet = atlas_facet_from_string (key)) >= 0)
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
            {
              GVariantIter values;
              const char *str;

              g_variant_iter_init (&values, value);
              while (g_variant_iter_next (&values, "&s", &str))
                if (*str != '\0' && find_value (self, facet, str) < 0)
                  g_ptr_array_add (self->values[facet], g_strdup (str));
            }
        }
    }

  self->min_year = min_year;
  self->max_year = max_year;

  return self;
}
