/* atlas-feed-parser.c
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

#define G_LOG_DOMAIN "atlas-feed-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-dpga.h"
#include "atlas-feed-parser.h"
#include "atlas-portal-feed.h"

static gboolean
looks_like_good (JsonNode *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);

  /* Every registry record has these; a portal document has neither. */
  return json_object_has_member (object, "name") &&
         json_object_has_member (object, "SDGs") &&
         !json_object_has_member (object, "format");
}

/**
 * atlas_feed_detect_format:
 * @root: a parsed document
 *
 * Recognises a document: a portal feed declares itself with "format"; the
 * registry's list is an array of goods (an empty array counts as an empty
 * list); one good is an object with "name" and "SDGs".
 */
AtlasFeedFormat
atlas_feed_detect_format (JsonNode *root)
{
  g_return_val_if_fail (root != NULL, ATLAS_FEED_FORMAT_UNKNOWN);

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *format = json_object_get_member (object, "format");

      if (format != NULL &&
          JSON_NODE_HOLDS_VALUE (format) &&
          json_node_get_value_type (format) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (format), "digital-cooperation-feed") == 0)
        return ATLAS_FEED_FORMAT_PORTAL;

      if (looks_like_good (root))
        return ATLAS_FEED_FORMAT_DPGA_GOOD;
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      if (json_array_get_length (array) == 0 ||
          looks_like_good (json_array_get_element (array, 0)))
        return ATLAS_FEED_FORMAT_DPGA_LIST;
    }

  return ATLAS_FEED_FORMAT_UNKNOWN;
}

AtlasFeedPage *
atlas_feed_parse_node (JsonNode    *root,
                       const char  *base_uri,
                       GError     **error)
{
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (atlas_feed_detect_format (root))
    {
    case ATLAS_FEED_FORMAT_PORTAL:
      return atlas_portal_feed_parse (root, base_uri, error);

    case ATLAS_FEED_FORMAT_DPGA_LIST:
      return atlas_dpga_parse_list (root, error);

    case ATLAS_FEED_FORMAT_DPGA_GOOD:
      return atlas_dpga_parse_good (root, error);

    case ATLAS_FEED_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_UNKNOWN_FORMAT,
                           _("The document is not a feed this app can read: it is neither a "
                             "Digital Cooperation Portal feed nor the Digital Public Goods "
                             "registry."));
      return NULL;
    }
}

AtlasFeedPage *
atlas_feed_parse (const char  *data,
                  gsize        length,
                  const char  *base_uri,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > ATLAS_FEED_MAX_DOCUMENT_SIZE)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE,
                   _("The document is larger than the limit of %d MB."),
                   ATLAS_FEED_MAX_DOCUMENT_SIZE / (1024 * 1024));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  /* White space alone loads without error but gives no root. */
  if (length == 0 || !json_parser_load_from_data (parser, data, (gssize) length, &json_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_INVALID_JSON,
                   /* Translators: the placeholder is a technical detail from the JSON reader. */
                   _("The document is not valid JSON, or it was cut short (%s)."),
                   json_error != NULL ? json_error->message : _("it is empty"));
      return NULL;
    }

  return atlas_feed_parse_node (json_parser_get_root (parser), base_uri, error);
}
