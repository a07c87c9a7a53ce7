/* atlas-store.h
 *
 * Copyright 2026 The Cooperation Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* The initiatives cache: one SQLite file (WAL) with a versioned schema and
 * ordered migrations, an FTS5 index for search, and the state of each source.
 *
 * An AtlasStore is one connection and belongs to one thread at a time; open
 * one per thread on the same file (readers keep seeing the last committed
 * data while a writer works).  All writes for one sync of one source go
 * through an AtlasStoreWriter, which is a single transaction: committed
 * whole or not at all. */

#define ATLAS_STORE_ERROR (atlas_store_error_quark ())

typedef enum
{
  ATLAS_STORE_ERROR_FAILED,
  ATLAS_STORE_ERROR_CORRUPT,      /* not a database, or damaged */
  ATLAS_STORE_ERROR_TOO_NEW,      /* written by a newer version of the app */
  ATLAS_STORE_ERROR_DISK_FULL,
  ATLAS_STORE_ERROR_READ_ONLY,
  ATLAS_STORE_ERROR_BUSY,         /* another process holds the write lock */
  ATLAS_STORE_ERROR_NOT_FOUND,
} AtlasStoreError;

typedef enum
{
  ATLAS_SOURCE_KIND_FEED = 0,     /* a URL synced over HTTP(S) */
  ATLAS_SOURCE_KIND_FILE,         /* a file applied with --import */
  ATLAS_SOURCE_KIND_BUNDLED,      /* the dataset shipped with the app */
} AtlasSourceKind;

typedef struct
{
  gint64           id;
  char            *url;            /* feed URL, file URI, or "bundled:" */
  AtlasSourceKind  kind;
  char            *title;          /* a name for people; may be NULL */
  char            *etag;
  char            *last_modified;
  char            *cursor;         /* generated_at of the last complete sync */
  char            *snapshot_date;  /* generated_at of the last applied document */
  gint64           last_success;   /* unix time, 0 = never */
  gint64           last_attempt;   /* unix time, 0 = never */
  char            *last_error;     /* one sentence, NULL after a success */
  guint            n_initiatives;
} AtlasSource;

/* What a sync writes back into the source's state on commit.  NULL strings
 * leave the stored value alone unless the clear_ flag says otherwise. */
typedef struct
{
  const char *title;
  const char *etag;
  const char *last_modified;
  const char *cursor;
  const char *snapshot_date;
  gboolean    clear_validators;    /* forget etag and last_modified */
} AtlasSourceUpdate;

typedef enum
{
  ATLAS_CHANGE_UNCHANGED = 0,
  ATLAS_CHANGE_ADDED,
  ATLAS_CHANGE_UPDATED,
} AtlasChange;

/* One row of what the in-memory index needs (atlas-index.h).  Borrowed
 * pointers, valid only during the callback. */
typedef struct
{
  gint64             rowid;
  gint64             source_id;
  AtlasStatus        status;
  AtlasScope         scope;
  guint32            gdc_objectives;
  guint32            wsis_lines;
  guint32            sdgs;
  guint32            priorities;
  guint32            org_types;       /* bit per AtlasOrgType of the lead and partners */
  const char        *title;
  const char        *summary;
  const char        *start_date;
  const char        *updated_at;
  const char *const *countries;       /* alpha-2 codes */
  guint              n_countries;
  const guint16     *regions;         /* M49 codes the record is tagged with */
  guint              n_regions;
  const gint64      *organizations;   /* rowids of the lead and partners */
  const char *const *organization_names; /* their names, aligned; may be NULL */
  guint              n_organizations;
  gboolean           has_location;
  double             latitude;
  double             longitude;
} AtlasIndexRow;

typedef gboolean (*AtlasIndexRowFunc) (const AtlasIndexRow *row,
                                       gpointer             user_data);

typedef struct _AtlasStoreWriter AtlasStoreWriter;

#define ATLAS_TYPE_STORE (atlas_store_get_type ())

G_DECLARE_FINAL_TYPE (AtlasStore, atlas_store, ATLAS, STORE, GObject)

GQuark             atlas_store_error_quark              (void);

/* The default cache file: $XDG_CACHE_HOME/cooperation-atlas/cache.sqlite3 */
char              *atlas_store_get_default_path         (void);

/* Opens (creating it and its folder if needed) and migrates the database. */
AtlasStore        *atlas_store_open                     (const char          *path,
                                                         GError             **error);
const char        *atlas_store_get_path                 (AtlasStore          *self);
int                atlas_store_get_schema_version       (AtlasStore          *self);
sqlite3           *atlas_store_get_handle               (AtlasStore          *self);
/* Number of initiatives in the cache. */
guint              atlas_store_count_initiatives        (AtlasStore          *self,
                                                         GError             **error);
/* A number that changes whenever a sync commits (for reloading readers). */
gint64             atlas_store_get_generation           (AtlasStore          *self,
                                                         GError             **error);

/* Sources */
gint64             atlas_store_ensure_source            (AtlasStore          *self,
                                                         const char          *url,
                                                         AtlasSourceKind      kind,
                                                         GError             **error);
AtlasSource       *atlas_store_lookup_source            (AtlasStore          *self,
                                                         const char          *url,
                                                         GError             **error);
GPtrArray         *atlas_store_list_sources             (AtlasStore          *self,
                                                         GError             **error);
/* Records a failed attempt (last_attempt, last_error) without touching data. */
gboolean           atlas_store_record_failure           (AtlasStore          *self,
                                                         gint64               source_id,
                                                         const char          *message,
                                                         GError             **error);
/* Records a successful attempt that changed nothing (HTTP 304). */
gboolean           atlas_store_record_not_modified      (AtlasStore          *self,
                                                         gint64               source_id,
                                                         GError             **error);
/* Removes a source and all its records, in one transaction. */
gboolean           atlas_store_remove_source            (AtlasStore          *self,
                                                         gint64               source_id,
                                                         GError             **error);
AtlasSource       *atlas_source_copy                    (const AtlasSource   *source);
void               atlas_source_free                    (AtlasSource         *source);

/* Writing one sync of one source */
AtlasStoreWriter  *atlas_store_begin                    (AtlasStore          *self,
                                                         gint64               source_id,
                                                         gboolean             complete,
                                                         GError             **error);
gboolean           atlas_store_writer_put_organization  (AtlasStoreWriter    *writer,
                                                         const AtlasOrganization *organization,
                                                         GError             **error);
/* References to organisations the source does not have are dropped and
 * appended to @problems (of AtlasProblem*, nullable). */
gboolean           atlas_store_writer_put_initiative    (AtlasStoreWriter    *writer,
                                                         const AtlasInitiative *initiative,
                                                         AtlasChange         *change,
                                                         GPtrArray           *problems,
                                                         GError             **error);
gboolean           atlas_store_writer_delete_initiative (AtlasStoreWriter    *writer,
                                                         const char          *id,
                                                         gboolean            *existed,
                                                         GError             **error);
/* In a complete sync, keeps the stored copy of an initiative whose new
 * record was skipped as unreadable, instead of removing it. */
gboolean           atlas_store_writer_keep_initiative   (AtlasStoreWriter    *writer,
                                                         const char          *id,
                                                         gboolean            *kept,
                                                         GError             **error);
/* For a complete sync, removes the source's records that were not put, then
 * commits.  *n_removed counts every initiative removed by this writer. */
gboolean           atlas_store_writer_commit            (AtlasStoreWriter    *writer,
                                                         const AtlasSourceUpdate *update,
                                                         guint               *n_removed,
                                                         GError             **error);
/* Rolls back unless committed. */
void               atlas_store_writer_free              (AtlasStoreWriter    *writer);

/* Reading */
AtlasInitiative   *atlas_store_load_initiative          (AtlasStore          *self,
                                                         gint64               rowid,
                                                         GError             **error);
/* Only what a list of results shows, in one query: the identifiers,
 * title, status, scope, dates, tag bits, countries, updated_at and the
 * lead's id, name and type.  No text, partners, regions, location or
 * details (their fields stay empty).  Kept in memory until the database
 * changes (through any connection; not while this store has a writer
 * open): the same summary may come again, and is not to be changed. */
AtlasInitiative   *atlas_store_load_summary             (AtlasStore          *self,
                                                         gint64               rowid,
                                                         GError             **error);
/* The rowid of the initiative @id of the source @source_url; 0 and
 * ATLAS_STORE_ERROR_NOT_FOUND when the cache does not have it. */
gint64             atlas_store_find_initiative          (AtlasStore          *self,
                                                         const char          *source_url,
                                                         const char          *id,
                                                         GError             **error);
AtlasOrganization *atlas_store_load_organization        (AtlasStore          *self,
                                                         gint64               rowid,
                                                         GError             **error);
/* All organisations, sorted by name (of AtlasOrganization*). */
GPtrArray         *atlas_store_list_organizations       (AtlasStore          *self,
                                                         GError             **error);
/* Calls @func for every initiative, in rowid order, from one snapshot;
 * @func returns FALSE to stop early (which is not an error). */
gboolean           atlas_store_foreach_index_row        (AtlasStore          *self,
                                                         AtlasIndexRowFunc    func,
                                                         gpointer             user_data,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
/* Full-text search over titles, summaries, descriptions, organisation names
 * and country names; case and accent insensitive, every word of @text a
 * prefix, all words required.  Fills @rowids (gint64) and, when non-NULL,
 * @scores (double, higher is better) in the same order, best first. */
gboolean           atlas_store_search                   (AtlasStore          *self,
                                                         const char          *text,
                                                         GArray              *rowids,
                                                         GArray              *scores,
                                                         GError             **error);

/* The initiatives whose description has a word beginning with @word (one
 * word folded by atlas-text.h, as from atlas_text_split_words_full()), or
 * with @written (nullable: the same word as written in the search text), in
 * rowid order: the part of a search the in-memory index (atlas-index.h)
 * does not hold.  The full-text index folds case and Latin accents only:
 * the word as written is what finds "й", "ё" or Greek accents; "ss" also
 * finds "ß".  Fails with G_IO_ERROR_CANCELLED soon after @cancellable is
 * cancelled. */
gboolean           atlas_store_search_descriptions      (AtlasStore          *self,
                                                         const char          *word,
                                                         const char          *written,
                                                         GArray              *rowids,
                                                         GCancellable        *cancellable,
                                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSource, atlas_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasStoreWriter, atlas_store_writer_free)

G_END_DECLS
