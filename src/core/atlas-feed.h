/* atlas-feed.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* What parsing one feed document gives: a page of records and the problems
 * found in it.  The parsers are atlas-portal-feed.h (the portal's
 * "digital-cooperation-feed", version 1, data/feed/README.md) and
 * atlas-dpga.h (the Digital Public Goods Alliance registry);
 * atlas-feed-parser.h recognises the format and calls the right one. */

#define ATLAS_FEED_ERROR (atlas_feed_error_quark ())

typedef enum
{
  ATLAS_FEED_ERROR_INVALID_JSON,        /* not JSON at all, or truncated */
  ATLAS_FEED_ERROR_UNKNOWN_FORMAT,      /* JSON, but neither format */
  ATLAS_FEED_ERROR_UNSUPPORTED_VERSION, /* a portal feed of another version */
  ATLAS_FEED_ERROR_INVALID,             /* the document breaks the contract */
  ATLAS_FEED_ERROR_TOO_LARGE,           /* over the document size limit */
} AtlasFeedError;

typedef enum
{
  ATLAS_FEED_FORMAT_UNKNOWN = 0,
  ATLAS_FEED_FORMAT_PORTAL,             /* digital-cooperation-feed, version 1 */
  ATLAS_FEED_FORMAT_DPGA_LIST,          /* DPGA registry: /dpgs, an array of goods */
  ATLAS_FEED_FORMAT_DPGA_GOOD,          /* DPGA registry: /dpg/<id>/, one good */
} AtlasFeedFormat;

typedef enum
{
  ATLAS_PROBLEM_SKIPPED_RECORD,         /* a record broke the contract and was left out */
  ATLAS_PROBLEM_UNKNOWN_VALUE,          /* a value was dropped from a record that was kept */
} AtlasProblemKind;

struct _AtlasProblem
{
  AtlasProblemKind  kind;
  char             *record_id;   /* NULL when the record had no usable id */
  char             *field;       /* e.g. "sdgs", "countries", "locations.deploymentCountries" */
  char             *value;       /* the offending value as text, or NULL */
  char             *message;     /* one translated sentence */
};

/* The documented limits (data/feed/README.md). */
#define ATLAS_FEED_MAX_DOCUMENT_SIZE   (64 * 1024 * 1024)
#define ATLAS_FEED_MAX_ID_LENGTH       200
#define ATLAS_FEED_MAX_TITLE_LENGTH    500
#define ATLAS_FEED_MAX_SUMMARY_LENGTH  2000
#define ATLAS_FEED_MAX_TEXT_LENGTH     50000
#define ATLAS_FEED_MAX_URL_LENGTH      2048
#define ATLAS_FEED_MAX_LIST_LENGTH     500

struct _AtlasFeedPage
{
  AtlasFeedFormat  format;
  char            *generated_at;  /* RFC 3339, NULL for DPGA documents */
  gboolean         complete;      /* a full snapshot of the source */
  char            *next;          /* absolute URL of the next page, or NULL */
  GPtrArray       *organizations; /* of AtlasOrganization* */
  GPtrArray       *initiatives;   /* of AtlasInitiative* */
  GPtrArray       *deleted;       /* of char* (initiative ids) */
  GPtrArray       *problems;      /* of AtlasProblem* */
};

GQuark            atlas_feed_error_quark     (void);

AtlasFeedPage    *atlas_feed_page_new        (AtlasFeedFormat   format);
void              atlas_feed_page_free       (AtlasFeedPage    *page);
void              atlas_feed_page_add_problem (AtlasFeedPage   *page,
                                               AtlasProblemKind kind,
                                               const char      *record_id,
                                               const char      *field,
                                               const char      *value,
                                               const char      *message);
AtlasProblem     *atlas_problem_copy         (const AtlasProblem *problem);
void              atlas_problem_free         (AtlasProblem     *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFeedPage, atlas_feed_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasProblem, atlas_problem_free)

G_END_DECLS
