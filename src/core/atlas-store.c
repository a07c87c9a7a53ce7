/* atlas-store.c
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

#define G_LOG_DOMAIN "atlas-store"

/* For sync_file_range() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "atlas-enums.h"
#include "atlas-feed.h"
#include "atlas-initiative.h"
#include "atlas-store.h"
#include "atlas-vocab.h"

/* The layout of the cache.
 *
 * An AtlasStore is one SQLite connection, opened without SQLite's own mutex:
 * it is not thread-safe and belongs to the thread that uses it.  Threads that
 * need the cache open their own store on the same file; WAL lets readers keep
 * reading the last committed data while one writer works.
 *
 * The initiatives are split in two tables.  `initiative` holds the short
 * fields the in-memory index reads at start-up (a few hundred bytes a row),
 * `initiative_text` the long texts (summary, description, the JSON of links,
 * milestones and properties) and the text of the search index, so that
 * reading every index row does not read every description.  The title is in
 * both: the index needs it for sorting and the search index for matching.
 *
 * `initiative_org` holds every reference from an initiative to an
 * organisation: position 0 is the lead, 1… the partners in feed order.  The
 * organisation types of a record and the names in `search_orgs` are derived
 * from it, so they stay right when an organisation is renamed or retyped.
 *
 * Enumerations are stored in their stable string forms (atlas-enums.h), bit
 * sets as integers with the layout of atlas-types.h.
 *
 * The schema is built by ordered migrations; each step runs in its own
 * transaction and sets PRAGMA user_version to its number.  Never edit a step
 * that has shipped: add one. */

#define STORE_APPLICATION_ID 0x41544c53 /* "ATLS" */
#define STORE_BUSY_TIMEOUT_MS 5000
#define STORE_CACHE_SIZE_KIB 32768
/* A row of initiative_text is about 2.6 KB: one fits in a 4 KB page, three
 * in 8 KB (a third less file to write, and to checkpoint); bigger pages
 * hold no more per byte and make each changed record rewrite more. */
#define STORE_PAGE_SIZE 8192
#define STORE_WAL_AUTOCHECKPOINT 1000 /* pages, SQLite's default */

/* Mixed into every content hash: change it when the stored form of a record
 * changes, so that the next sync rewrites every record. */
#define CONTENT_HASH_SALT G_GUINT64_CONSTANT (0x61746c6173000001)

static const char * const migrations[] = {
  /* 1: sources, organisations and initiatives. */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('generation', 0);"

  "CREATE TABLE source ("
  "  id            INTEGER PRIMARY KEY,"
  "  url           TEXT NOT NULL UNIQUE,"
  "  kind          TEXT NOT NULL,"
  "  title         TEXT,"
  "  etag          TEXT,"
  "  last_modified TEXT,"
  "  cursor        TEXT,"
  "  snapshot_date TEXT,"
  "  last_success  INTEGER NOT NULL DEFAULT 0,"
  "  last_attempt  INTEGER NOT NULL DEFAULT 0,"
  "  last_error    TEXT"
  ");"

  "CREATE TABLE organization ("
  "  id        INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  ext_id    TEXT NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  type      TEXT,"
  "  country   TEXT,"
  "  website   TEXT,"
  "  UNIQUE (source_id, ext_id)"
  ");"

  "CREATE TABLE initiative ("
  "  id           INTEGER PRIMARY KEY,"
  "  source_id    INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  ext_id       TEXT NOT NULL,"
  "  content_hash INTEGER NOT NULL,"
  "  title        TEXT NOT NULL,"
  "  status       TEXT,"
  "  scope        TEXT,"
  "  start_date   TEXT,"
  "  end_date     TEXT,"
  "  gdc          INTEGER NOT NULL DEFAULT 0,"
  "  wsis         INTEGER NOT NULL DEFAULT 0,"
  "  sdg          INTEGER NOT NULL DEFAULT 0,"
  "  priorities   INTEGER NOT NULL DEFAULT 0,"
  "  countries    TEXT," /* alpha-2 codes: "KE,TZ" */
  "  regions      TEXT," /* M49 codes: "2,14" */
  "  latitude     REAL,"
  "  longitude    REAL,"
  "  updated_at   TEXT,"
  "  UNIQUE (source_id, ext_id)"
  ");"

  "CREATE TABLE initiative_text ("
  "  id            INTEGER PRIMARY KEY REFERENCES initiative (id) ON DELETE CASCADE,"
  "  title         TEXT NOT NULL,"
  "  summary       TEXT,"
  "  description   TEXT,"
  "  search_orgs   TEXT," /* names of the lead and partners */
  "  search_places TEXT," /* English names of the countries and regions */
  "  details       TEXT"  /* JSON: links, milestones, properties */
  ");"

  "CREATE TABLE initiative_org ("
  "  initiative   INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,"
  "  position     INTEGER NOT NULL,"
  "  organization INTEGER NOT NULL REFERENCES organization (id),"
  "  role         TEXT,"
  "  PRIMARY KEY (initiative, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX initiative_org_organization ON initiative_org (organization);"

  "PRAGMA application_id = 1096043603;",

  /* 2: the full-text index over the records, built from them (so a later
   * step can change its options the same way: drop, create, rebuild).
   * The store keeps it in step itself rather than with triggers: a trigger
   * makes every INSERT open a statement journal, and FTS5 flushes its
   * pending terms at every savepoint, which made a full sync 2.5 times
   * slower.  detail=column, no prefix index, bigger flushes and fewer
   * merges were chosen by measurement; ranking is atlas_rank() below. */
  "CREATE VIRTUAL TABLE initiative_fts USING fts5 ("
  "  title, summary, description, search_orgs, search_places,"
  "  content = 'initiative_text', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  detail = 'column'"
  ");"
  "INSERT INTO initiative_fts (initiative_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO initiative_fts (initiative_fts, rank) VALUES ('hashsize', 16777216);"
  "INSERT INTO initiative_fts (initiative_fts) VALUES ('rebuild');",

  /* 3: the same index with the "atlas" tokenizer (the words of unicode61
   * remove_diacritics 2, each given once per record and column), which
   * halves the cost of indexing.  Every connection registers it. */
  "DROP TABLE initiative_fts;"
  "CREATE VIRTUAL TABLE initiative_fts USING fts5 ("
  "  title, summary, description, search_orgs, search_places,"
  "  content = 'initiative_text', content_rowid = 'id',"
  "  tokenize = 'atlas distinct',"
  "  detail = 'column'"
  ");"
  "INSERT INTO initiative_fts (initiative_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO initiative_fts (initiative_fts, rank) VALUES ('hashsize', 16777216);"
  "INSERT INTO initiative_fts (initiative_fts) VALUES ('rebuild');",
};

#define STORE_SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* Column weights, in the order of initiative_fts' columns: title, summary,
 * description, organisations, places. */
static const double search_weights[] = { 10.0, 2.0, 1.0, 5.0, 5.0 };

/* Each statement is compiled once per connection, when first needed. */
typedef enum
{
  STMT_GENERATION_GET,
  STMT_GENERATION_BUMP,
  STMT_COUNT_INITIATIVES,
  STMT_SOURCE_INSERT,
  STMT_SOURCE_ID,
  STMT_SOURCE_EXISTS,
  STMT_SOURCE_HAS_INITIATIVES,
  STMT_SOURCE_BY_URL,
  STMT_SOURCE_LIST,
  STMT_SOURCE_FAILURE,
  STMT_SOURCE_NOT_MODIFIED,
  STMT_SOURCE_SUCCESS,
  STMT_SOURCE_DELETE,
  STMT_SOURCE_DELETE_INITIATIVES,
  STMT_SOURCE_DELETE_ORGS,
  STMT_SEEN_CLEAR_INITIATIVES,
  STMT_SEEN_CLEAR_ORGS,
  STMT_ORG_FIND,
  STMT_ORG_INSERT,
  STMT_ORG_UPDATE,
  STMT_ORG_SEEN,
  STMT_ORG_REFRESH_SEARCH,
  STMT_INI_FIND,
  STMT_INI_INSERT,
  STMT_INI_UPDATE,
  STMT_TEXT_INSERT,
  STMT_TEXT_UPDATE,
  STMT_REFS_CLEAR,
  STMT_REF_INSERT,
  STMT_INI_SEEN,
  STMT_INI_DELETE,
  STMT_TEXT_DELETE,
  STMT_SWEEP_TEXTS,
  STMT_SWEEP_REFS,
  STMT_SWEEP_INITIATIVES,
  STMT_SWEEP_ORGS,
  STMT_FTS_INSERT,
  STMT_FTS_DELETE,
  STMT_FTS_GET,
  STMT_FTS_DELETE_UNSEEN,
  STMT_FTS_DELETE_SOURCE,
  STMT_FTS_DELETE_ORG_REFS,
  STMT_FTS_INSERT_ORG_REFS,
  STMT_LOAD_INITIATIVE,
  STMT_LOAD_REFS,
  STMT_LOAD_SUMMARY,
  STMT_FIND_INITIATIVE,
  STMT_LOAD_ORG,
  STMT_LIST_ORGS,
  STMT_SEARCH,
  STMT_SEARCH_DESCRIPTIONS,
  STMT_DATA_VERSION,
  N_STMTS
} StmtId;

#define SOURCE_COLUMNS \
  "s.id, s.url, s.kind, s.title, s.etag, s.last_modified, s.cursor, s.snapshot_date, " \
  "s.last_success, s.last_attempt, s.last_error, " \
  "(SELECT count(*) FROM initiative i WHERE i.source_id = s.id)"

/* What a full record and a summary both read first (read_initiative_row ()). */
#define INITIATIVE_COLUMNS \
  "i.id, i.source_id, i.ext_id, i.title, i.status, i.scope, i.start_date, i.end_date," \
  "  i.gdc, i.wsis, i.sdg, i.priorities, i.countries, i.updated_at"
#define N_INITIATIVE_COLUMNS 14

#define ORG_COLUMNS "id, source_id, ext_id, name, type, country, website"

/* The indexed columns, in the order of initiative_fts. */
#define FTS_COLUMNS "title, summary, description, search_orgs, search_places"
#define FTS_COLUMNS_T "t.title, t.summary, t.description, t.search_orgs, t.search_places"
#define N_FTS_COLUMNS 5

static const char * const stmt_sql[N_STMTS] = {
  [STMT_GENERATION_GET] = "SELECT value FROM meta WHERE key = 'generation'",
  [STMT_GENERATION_BUMP] = "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
  [STMT_COUNT_INITIATIVES] = "SELECT count(*) FROM initiative",
  [STMT_SOURCE_INSERT] = "INSERT INTO source (url, kind) VALUES (?1, ?2) "
                         "ON CONFLICT (url) DO NOTHING",
  [STMT_SOURCE_ID] = "SELECT id FROM source WHERE url = ?1",
  [STMT_SOURCE_EXISTS] = "SELECT count(*) FROM source WHERE id = ?1",
  [STMT_SOURCE_HAS_INITIATIVES] = "SELECT EXISTS (SELECT 1 FROM initiative WHERE source_id = ?1)",
  [STMT_SOURCE_BY_URL] = "SELECT " SOURCE_COLUMNS " FROM source s WHERE s.url = ?1",
  [STMT_SOURCE_LIST] = "SELECT " SOURCE_COLUMNS " FROM source s ORDER BY s.id",
  [STMT_SOURCE_FAILURE] = "UPDATE source SET last_attempt = ?2, last_error = ?3 WHERE id = ?1",
  [STMT_SOURCE_NOT_MODIFIED] = "UPDATE source SET last_attempt = ?2, last_success = ?2, "
                               "last_error = NULL WHERE id = ?1",
  [STMT_SOURCE_SUCCESS] =
    "UPDATE source SET "
    "  title = coalesce (?2, title),"
    "  etag = coalesce (?3, CASE WHEN ?7 THEN NULL ELSE etag END),"
    "  last_modified = coalesce (?4, CASE WHEN ?7 THEN NULL ELSE last_modified END),"
    "  cursor = coalesce (?5, cursor),"
    "  snapshot_date = coalesce (?6, snapshot_date),"
    "  last_success = ?8, last_attempt = ?8, last_error = NULL "
    "WHERE id = ?1",
  [STMT_SOURCE_DELETE] = "DELETE FROM source WHERE id = ?1",
  [STMT_SOURCE_DELETE_INITIATIVES] = "DELETE FROM initiative WHERE source_id = ?1",
  [STMT_SOURCE_DELETE_ORGS] = "DELETE FROM organization WHERE source_id = ?1",
  [STMT_SEEN_CLEAR_INITIATIVES] = "DELETE FROM temp.seen_initiative",
  [STMT_SEEN_CLEAR_ORGS] = "DELETE FROM temp.seen_org",
  [STMT_ORG_FIND] = "SELECT id, name, type, country, website FROM organization "
                    "WHERE source_id = ?1 AND ext_id = ?2",
  [STMT_ORG_INSERT] = "INSERT INTO organization (source_id, ext_id, name, type, country, website) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_ORG_UPDATE] = "UPDATE organization SET name = ?2, type = ?3, country = ?4, website = ?5 "
                      "WHERE id = ?1",
  [STMT_ORG_SEEN] = "INSERT OR IGNORE INTO temp.seen_org (id) VALUES (?1)",
  [STMT_ORG_REFRESH_SEARCH] =
    "UPDATE initiative_text SET search_orgs = ("
    "  SELECT group_concat (o.name, char (10)) FROM initiative_org r"
    "  JOIN organization o ON o.id = r.organization"
    "  WHERE r.initiative = initiative_text.id) "
    "WHERE id IN (SELECT initiative FROM initiative_org WHERE organization = ?1)",
  [STMT_INI_FIND] = "SELECT id, content_hash FROM initiative WHERE source_id = ?1 AND ext_id = ?2",
  [STMT_INI_INSERT] =
    "INSERT INTO initiative (source_id, ext_id, content_hash, title, status, scope, start_date,"
    "  end_date, gdc, wsis, sdg, priorities, countries, regions, latitude, longitude, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
  [STMT_INI_UPDATE] =
    "UPDATE initiative SET content_hash = ?3, title = ?4, status = ?5, scope = ?6,"
    "  start_date = ?7, end_date = ?8, gdc = ?9, wsis = ?10, sdg = ?11, priorities = ?12,"
    "  countries = ?13, regions = ?14, latitude = ?15, longitude = ?16, updated_at = ?17 "
    "WHERE id = ?1",
  [STMT_TEXT_INSERT] = "INSERT INTO initiative_text (id, title, summary, description, search_orgs,"
                       "  search_places, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_TEXT_UPDATE] = "UPDATE initiative_text SET title = ?2, summary = ?3, description = ?4,"
                       "  search_orgs = ?5, search_places = ?6, details = ?7 WHERE id = ?1",
  [STMT_REFS_CLEAR] = "DELETE FROM initiative_org WHERE initiative = ?1",
  [STMT_REF_INSERT] = "INSERT INTO initiative_org (initiative, position, organization, role) "
                      "VALUES (?1, ?2, ?3, ?4)",
  [STMT_INI_SEEN] = "INSERT OR IGNORE INTO temp.seen_initiative (id) VALUES (?1)",
  [STMT_INI_DELETE] = "DELETE FROM initiative WHERE id = ?1",
  [STMT_TEXT_DELETE] = "DELETE FROM initiative_text WHERE id = ?1",
  [STMT_SWEEP_TEXTS] = "DELETE FROM initiative_text WHERE id IN (SELECT id FROM initiative "
                       "WHERE source_id = ?1 AND id NOT IN (SELECT id FROM temp.seen_initiative))",
  [STMT_SWEEP_REFS] = "DELETE FROM initiative_org WHERE initiative IN (SELECT id FROM initiative "
                      "WHERE source_id = ?1 AND id NOT IN (SELECT id FROM temp.seen_initiative))",
  [STMT_SWEEP_INITIATIVES] = "DELETE FROM initiative WHERE source_id = ?1 "
                             "AND id NOT IN (SELECT id FROM temp.seen_initiative)",
  [STMT_SWEEP_ORGS] = "DELETE FROM organization WHERE source_id = ?1 "
                      "AND id NOT IN (SELECT id FROM temp.seen_org) "
                      "AND id NOT IN (SELECT organization FROM initiative_org)",
  [STMT_FTS_INSERT] = "INSERT INTO initiative_fts (rowid, " FTS_COLUMNS ") "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_FTS_DELETE] = "INSERT INTO initiative_fts (initiative_fts, rowid, " FTS_COLUMNS ") "
                     "VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_FTS_GET] = "SELECT " FTS_COLUMNS " FROM initiative_text WHERE id = ?1",
  [STMT_FTS_DELETE_UNSEEN] =
    "INSERT INTO initiative_fts (initiative_fts, rowid, " FTS_COLUMNS ") "
    "SELECT 'delete', t.id, " FTS_COLUMNS_T " FROM initiative_text t "
    "JOIN initiative i ON i.id = t.id WHERE i.source_id = ?1 "
    "AND i.id NOT IN (SELECT id FROM temp.seen_initiative)",
  [STMT_FTS_DELETE_SOURCE] =
    "INSERT INTO initiative_fts (initiative_fts, rowid, " FTS_COLUMNS ") "
    "SELECT 'delete', t.id, " FTS_COLUMNS_T " FROM initiative_text t "
    "JOIN initiative i ON i.id = t.id WHERE i.source_id = ?1",
  [STMT_FTS_DELETE_ORG_REFS] =
    "INSERT INTO initiative_fts (initiative_fts, rowid, " FTS_COLUMNS ") "
    "SELECT 'delete', t.id, " FTS_COLUMNS_T " FROM initiative_text t "
    "WHERE t.id IN (SELECT initiative FROM initiative_org WHERE organization = ?1)",
  [STMT_FTS_INSERT_ORG_REFS] =
    "INSERT INTO initiative_fts (rowid, " FTS_COLUMNS ") "
    "SELECT t.id, " FTS_COLUMNS_T " FROM initiative_text t "
    "WHERE t.id IN (SELECT initiative FROM initiative_org WHERE organization = ?1)",
  [STMT_LOAD_INITIATIVE] =
    "SELECT " INITIATIVE_COLUMNS ", t.summary, t.description, i.regions, i.latitude, i.longitude,"
    "  t.details, s.url, s.title "
    "FROM initiative i JOIN initiative_text t ON t.id = i.id JOIN source s ON s.id = i.source_id "
    "WHERE i.id = ?1",
  [STMT_LOAD_REFS] = "SELECT r.position, r.role, o.ext_id, o.name, o.type, o.id FROM initiative_org r "
                     "JOIN organization o ON o.id = r.organization "
                     "WHERE r.initiative = ?1 ORDER BY r.position",
  [STMT_LOAD_SUMMARY] =
    "SELECT " INITIATIVE_COLUMNS ", o.ext_id, o.name, o.type "
    "FROM initiative i LEFT JOIN initiative_org r ON r.initiative = i.id AND r.position = 0 "
    "LEFT JOIN organization o ON o.id = r.organization WHERE i.id = ?1",
  [STMT_FIND_INITIATIVE] = "SELECT i.id FROM initiative i JOIN source s ON s.id = i.source_id "
                           "WHERE s.url = ?1 AND i.ext_id = ?2",
  [STMT_LOAD_ORG] = "SELECT " ORG_COLUMNS " FROM organization WHERE id = ?1",
  [STMT_LIST_ORGS] = "SELECT " ORG_COLUMNS " FROM organization",
  [STMT_SEARCH] = "SELECT rowid, atlas_rank (initiative_fts) AS score FROM initiative_fts "
                  "WHERE initiative_fts MATCH ?1 ORDER BY score DESC, rowid",
  [STMT_SEARCH_DESCRIPTIONS] = "SELECT rowid FROM initiative_fts WHERE initiative_fts MATCH ?1 "
                               "ORDER BY rowid",
  [STMT_DATA_VERSION] =
    "PRAGMA data_version",
};

struct _AtlasStore
{
  GObject           parent_instance;

  char             *path;
  sqlite3          *db;
  int               schema_version;
  sqlite3_stmt     *stmts[N_STMTS];
  AtlasStoreWriter *writer;

  /* Summaries loaded before (rowid → AtlasInitiative), while the database
   * is as it was then: see atlas_store_load_summary (). */
  GHashTable       *summaries;
  gint64            summaries_version;
  gint64            summaries_changes;
};

/* A click shows mostly initiatives shown before, and scrolling back shows
 * them again: a summary served from memory costs a hash lookup, against
 * some 30 µs for its row. */
#define MAX_SUMMARIES 1024

G_DEFINE_FINAL_TYPE (AtlasStore, atlas_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (atlas-store-error-quark, atlas_store_error)

/* An organisation of the writer's source, by feed id; rowid 0 when the
 * source does not have it. */
typedef struct
{
  gint64        rowid;
  char         *name;
  AtlasOrgType  type;
} OrgEntry;

/* A reference of the record being written that was kept. */
typedef struct
{
  int           position;   /* 0 for the lead, 1… for the partners */
  gint64        rowid;
  AtlasRole     role;
  const char   *ext_id;
  const char   *name;
} ResolvedRef;

struct _AtlasStoreWriter
{
  AtlasStore *store;
  gint64      source_id;
  gboolean    complete;
  gboolean    sweep;      /* complete, and the source had initiatives to sweep */
  gboolean    finished;   /* committed, or rolled back after an error */
  guint       n_removed;

  AtlasVocab *vocab;
  GHashTable *orgs;       /* feed id → OrgEntry, filled as they are met */

  /* Scratch space reused by every record. */
  GArray     *refs;       /* of ResolvedRef */
  GString    *countries;
  GString    *regions;
  GString    *details;
  GString    *search_orgs;
  GString    *search_places;

  int         wal_fd;     /* to start writing the WAL to disk early, or -1 */
  guint       n_written;  /* records written since the last start */
};

static const char *
source_kind_to_string (AtlasSourceKind kind)
{
  switch (kind)
    {
    case ATLAS_SOURCE_KIND_FILE:
      return "file";
    case ATLAS_SOURCE_KIND_BUNDLED:
      return "bundled";
    case ATLAS_SOURCE_KIND_FEED:
    default:
      return "feed";
    }
}

static AtlasSourceKind
source_kind_from_string (const char *str)
{
  if (g_strcmp0 (str, "file") == 0)
    return ATLAS_SOURCE_KIND_FILE;
  if (g_strcmp0 (str, "bundled") == 0)
    return ATLAS_SOURCE_KIND_BUNDLED;
  return ATLAS_SOURCE_KIND_FEED;
}

/* Errors */

static void
set_error_from_code (AtlasStore  *self,
                     int          rc,
                     GError     **error)
{
  const char *detail;

  g_assert (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE);

  if (error == NULL)
    return;

  detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_DISK_FULL,
                   _("The disk is full: the cache “%s” could not be updated."), self->path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_BUSY,
                   _("The cache “%s” is in use by another program; try again in a moment."),
                   self->path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_READ_ONLY,
                   _("The cache “%s” cannot be written to."), self->path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_CORRUPT,
                   _("The cache file “%s” is damaged or is not a cache of this app."),
                   self->path);
      break;

    default:
      /* Translators: the second placeholder is SQLite's own description of the problem. */
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_FAILED,
                   _("The cache “%s” could not be used: %s."), self->path, detail);
      break;
    }
}

static gboolean
exec_sql (AtlasStore  *self,
          const char  *sql,
          GError     **error)
{
  int rc;

  g_assert (ATLAS_IS_STORE (self));

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Rolls back what is left of the current transaction, if anything. */
static void
rollback (AtlasStore *self)
{
  g_assert (ATLAS_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *
get_stmt (AtlasStore  *self,
          StmtId       id,
          GError     **error)
{
  int rc;

  g_assert (ATLAS_IS_STORE (self));
  g_assert (id < N_STMTS);

  if (self->stmts[id] != NULL)
    return self->stmts[id];

  rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                           &self->stmts[id], NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return NULL;
    }

  return self->stmts[id];
}

/* Runs a statement that returns no row, and resets it. */
static gboolean
step_done (AtlasStore    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement; TRUE with *has_row when a row came, FALSE on error
 * (the statement is then reset). */
static gboolean
step_row (AtlasStore    *self,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }

  sqlite3_reset (stmt);
  *has_row = FALSE;
  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static inline void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static inline void
bind_gstring (sqlite3_stmt *stmt,
              int           index,
              GString      *string)
{
  if (string->len > 0)
    sqlite3_bind_text (stmt, index, string->str, (int) string->len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static inline char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static inline const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}


/* Ranking.  bm25() needs every occurrence of a word; with detail=column
 * FTS5 finds them by reading and tokenizing each matching record again,
 * which took seconds for a common word at 100,000 records.  atlas_rank()
 * uses what the index has: in which columns each word occurs.  A record
 * scores, for each word, the word's inverse document frequency times the
 * sum of the weights of the columns that contain it; higher is better. */

typedef struct
{
  int    n_phrases;
  double idf[];
} RankData;

static int
count_phrase_row (const Fts5ExtensionApi *api,
                  Fts5Context            *fts,
                  void                   *user_data)
{
  (*(gint64 *) user_data)++;
  return SQLITE_OK;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  double score = 0.0;
  int rc;

  if (data == NULL)
    {
      sqlite3_int64 n_rows = 0;
      int n_phrases = api->xPhraseCount (fts);

      data = g_malloc0 (sizeof (RankData) + (gsize) n_phrases * sizeof (double));
      data->n_phrases = n_phrases;

      rc = api->xRowCount (fts, &n_rows);
      for (int i = 0; i < n_phrases && rc == SQLITE_OK; i++)
        {
          gint64 n_hits = 0;
          double idf;

          rc = api->xQueryPhrase (fts, i, &n_hits, count_phrase_row);
          idf = log (((double) n_rows - (double) n_hits + 0.5) / ((double) n_hits + 0.5));
          data->idf[i] = MAX (idf, 1e-6);
        }

      if (rc == SQLITE_OK)
        rc = api->xSetAuxdata (fts, data, g_free);
      else
        g_free (data);

      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  for (int i = 0; i < data->n_phrases; i++)
    {
      Fts5PhraseIter iter;
      double weight = 0.0;
      int column;

      rc = api->xPhraseFirstColumn (fts, i, &iter, &column);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      for (; column >= 0; api->xPhraseNextColumn (fts, &iter, &column))
        if ((gsize) column < G_N_ELEMENTS (search_weights))
          weight += search_weights[column];

      score += data->idf[i] * weight;
    }

  sqlite3_result_double (context, score);
}

/* The search index's tokenizer, "atlas": exactly the tokens of FTS5's
 * "unicode61 remove_diacritics 2", made faster in two ways.
 *
 * Runs of ASCII letters and digits are words in unicode61 too, and every
 * other ASCII character separates words, so such runs are lowercased and
 * given here; only a run that holds a byte above 0x7f goes to unicode61
 * itself (the run cannot contain a word boundary unicode61 would see
 * differently: a separator it could meet there is not ASCII).
 *
 * With the argument "distinct", for tables with detail=column only, a value
 * being indexed (FTS5_TOKENIZE_DOCUMENT) gives each word once: such an index
 * keeps only which columns of a record hold a word, so repeats change
 * nothing in it but cost a hash lookup each, most of the index's time on
 * long descriptions.  Only the token counts of the docsize table differ,
 * which bm25() would read and atlas_rank() does not.  Queries and auxiliary
 * functions get every token. */

#define DEDUP_MIN_SLOTS 256

typedef struct
{
  fts5_tokenizer  unicode61;
  void           *unicode61_data;
} TokenizerModule;

typedef struct
{
  guint32 generation;
  guint32 hash;
  guint32 offset;
  guint32 length;
} DedupSlot;

typedef struct
{
  Fts5Tokenizer  *unicode61;
  fts5_tokenizer  unicode61_api;
  gboolean        distinct;
  GByteArray     *fold;           /* the ASCII word being lowercased */

  /* The words of the value being indexed: an open-addressing set whose
   * slots are empty unless stamped with the current generation. */
  DedupSlot      *slots;
  guint32         n_slots;
  guint32         n_used;
  guint32         generation;
  GByteArray     *words;
} Tokenizer;

typedef struct
{
  Tokenizer  *tokenizer;
  void       *context;
  int       (*token_func) (void *, int, const char *, int, int, int);
  gboolean    dedup;
  int         offset;          /* of the run given to unicode61 */
} TokenizeCall;

#define TOKEN_HASH_MULTIPLIER G_GUINT64_CONSTANT (0xff51afd7ed558ccd)

static inline guint64
hash_token_word (guint64 h,
                 guint64 word)
{
  h = (h ^ word) * TOKEN_HASH_MULTIPLIER;
  return h ^ (h >> 32);
}

static inline guint32
hash_token (const char *token,
            int         length)
{
  guint64 h = (guint64) length;
  guint64 word;
  int i;

  for (i = 0; i + 8 <= length; i += 8)
    {
      memcpy (&word, token + i, 8);
      h = hash_token_word (h, word);
    }
  if (i < length)
    {
      word = 0;
      memcpy (&word, token + i, (gsize) (length - i));
      h = hash_token_word (h, word);
    }

  return (guint32) h;
}

/* The same hash of a word in a buffer that has 8 readable bytes after it:
 * the last bytes are read whole and masked (little or big endian alike). */
static inline guint32
hash_fold (const guint8 *token,
           int           length)
{
  guint64 h = (guint64) length;
  guint64 word;
  int i;

  for (i = 0; i + 8 <= length; i += 8)
    {
      memcpy (&word, token + i, 8);
      h = hash_token_word (h, word);
    }
  if (i < length)
    {
      int unused_bits = 8 * (8 - (length - i));

      memcpy (&word, token + i, 8);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      word &= G_MAXUINT64 >> unused_bits;
#else
      word &= G_MAXUINT64 << unused_bits;
#endif
      h = hash_token_word (h, word);
    }

  return (guint32) h;
}

/* ASCII letters and digits; OR-ing 0x20 lowercases them all. */
static inline gboolean
is_ascii_word_char (guchar c)
{
  return (guchar) ((c | 0x20) - 'a') < 26 || (guchar) (c - '0') < 10;
}

/* Eight bytes at a time where that is simple (little endian: the first
 * byte in memory is the lowest; a compiler that counts trailing zeros). */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
#define ATLAS_SWAR 1
#define SWAR_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define SWAR_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The high bit of each byte of @x that is an ASCII letter or digit.  Every
 * sum stays within its byte: the values are below 0x80 before adding. */
static inline guint64
swar_word_bytes (guint64 x)
{
  guint64 ascii = ~x & SWAR_HIGHS;
  guint64 low = x & ~SWAR_HIGHS;
  guint64 folded = low | (SWAR_ONES * 0x20);
  guint64 letters = (folded + SWAR_ONES * (0x80 - 'a')) & ~(folded + SWAR_ONES * (0x80 - 'z' - 1));
  guint64 digits = (low + SWAR_ONES * (0x80 - '0')) & ~(low + SWAR_ONES * (0x80 - '9' - 1));

  return (letters | digits) & ascii & SWAR_HIGHS;
}

/* The index of the first byte whose high bit is set in @mask (not 0). */
static inline int
swar_first_byte (guint64 mask)
{
  return __builtin_ctzll (mask) / 8;
}
#endif

/* The position of the first byte from @i on that is not an ASCII
 * separator. */
static inline int
skip_separators (const guchar *bytes,
                 int           i,
                 int           length)
{
#ifdef ATLAS_SWAR
  for (; i + 8 <= length; i += 8)
    {
      guint64 x;
      guint64 stop;

      memcpy (&x, bytes + i, 8);
      stop = swar_word_bytes (x) | (x & SWAR_HIGHS);
      if (stop != 0)
        return i + swar_first_byte (stop);
    }
#endif

  while (i < length && bytes[i] < 0x80 && !is_ascii_word_char (bytes[i]))
    i++;

  return i;
}

/* Copies the ASCII letters and digits from @i on, lowercased, to @fold
 * (which has 8 bytes to spare); returns the position after them. */
static inline int
fold_ascii_word (const guchar *bytes,
                 int           i,
                 int           length,
                 guint8       *fold)
{
  int start = i;

#ifdef ATLAS_SWAR
  for (; i + 8 <= length; i += 8)
    {
      guint64 x;
      guint64 word_bytes;

      memcpy (&x, bytes + i, 8);
      word_bytes = swar_word_bytes (x);
      x |= SWAR_ONES * 0x20;
      memcpy (fold + (i - start), &x, 8);
      if (word_bytes != SWAR_HIGHS)
        return i + swar_first_byte (~word_bytes & SWAR_HIGHS);
    }
#endif

  for (; i < length && is_ascii_word_char (bytes[i]); i++)
    fold[i - start] = bytes[i] | 0x20;

  return i;
}

static void
dedup_grow (Tokenizer *self)
{
  guint32 n_slots = self->n_slots * 2;
  DedupSlot *slots = g_new0 (DedupSlot, n_slots);

  for (guint32 i = 0; i < self->n_slots; i++)
    {
      const DedupSlot *slot = &self->slots[i];
      guint32 j;

      if (slot->generation != self->generation)
        continue;
      for (j = slot->hash & (n_slots - 1); slots[j].generation == self->generation;
           j = (j + 1) & (n_slots - 1))
        ;
      slots[j] = *slot;
    }

  g_free (self->slots);
  self->slots = slots;
  self->n_slots = n_slots;
}

/* TRUE the first time @token is seen in this value. */
static gboolean
dedup_add (Tokenizer  *self,
           const char *token,
           int         length,
           guint32     hash)
{
  guint32 i;

  for (i = hash & (self->n_slots - 1); self->slots[i].generation == self->generation;
       i = (i + 1) & (self->n_slots - 1))
    {
      const DedupSlot *slot = &self->slots[i];

      if (slot->hash == hash && slot->length == (guint32) length &&
          memcmp (self->words->data + slot->offset, token, (gsize) length) == 0)
        return FALSE;
    }

  self->slots[i].generation = self->generation;
  self->slots[i].hash = hash;
  self->slots[i].offset = self->words->len;
  self->slots[i].length = (guint32) length;
  g_byte_array_append (self->words, (const guint8 *) token, (guint) length);

  if (++self->n_used * 2 > self->n_slots)
    dedup_grow (self);

  return TRUE;
}

static void
dedup_reset (Tokenizer *self)
{
  /* Stamps wrap after 2^32 values: clear them once then. */
  if (++self->generation == 0)
    {
      memset (self->slots, 0, self->n_slots * sizeof (DedupSlot));
      self->generation = 1;
    }
  self->n_used = 0;
  g_byte_array_set_size (self->words, 0);
}

static inline int
emit_token (TokenizeCall *call,
            int           flags,
            const char   *token,
            int           length,
            guint32       hash,
            int           start,
            int           end)
{
  if (call->dedup &&
      (flags & FTS5_TOKEN_COLOCATED) == 0 &&
      !dedup_add (call->tokenizer, token, length, hash))
    return SQLITE_OK;

  return call->token_func (call->context, flags, token, length, start, end);
}

static int
unicode61_token_cb (void       *user_data,
                    int         flags,
                    const char *token,
                    int         length,
                    int         start,
                    int         end)
{
  TokenizeCall *call = user_data;

  return emit_token (call, flags, token, length, call->dedup ? hash_token (token, length) : 0,
                     call->offset + start, call->offset + end);
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *context,
                    int            flags,
                    const char    *text,
                    int            length,
                    int          (*token_func) (void *, int, const char *, int, int, int))
{
  Tokenizer *self = (Tokenizer *) tokenizer;
  TokenizeCall call = { self, context, token_func,
                        self->distinct && (flags & FTS5_TOKENIZE_DOCUMENT) != 0, 0 };
  const guchar *bytes = (const guchar *) text;
  guint8 *fold;
  int i = 0;

  if (call.dedup)
    dedup_reset (self);

  /* No word is longer than the text; the 8 bytes more let hash_fold()
   * read whole words. */
  if (self->fold->len < (guint) length + 8)
    g_byte_array_set_size (self->fold, (guint) length + 8);
  fold = self->fold->data;

  while (i < length)
    {
      int start;
      int rc;

      start = i = skip_separators (bytes, i, length);
      if (i == length)
        break;

      /* Lowercase the word while it is ASCII. */
      i = fold_ascii_word (bytes, i, length, fold);

      if (i == length || bytes[i] < 0x80)
        rc = emit_token (&call, 0, (const char *) fold, i - start,
                         call.dedup ? hash_fold (fold, i - start) : 0,
                         start, i);
      else
        {
          /* The rest of the run, up to an ASCII separator, for unicode61. */
          while (i < length && (bytes[i] >= 0x80 || is_ascii_word_char (bytes[i])))
            i++;
          call.offset = start;
          rc = self->unicode61_api.xTokenize (self->unicode61, &call, flags, text + start,
                                              i - start, unicode61_token_cb);
        }

      if (rc != SQLITE_OK)
        return rc;
    }

  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  Tokenizer *self = (Tokenizer *) tokenizer;

  if (self->unicode61 != NULL)
    self->unicode61_api.xDelete (self->unicode61);
  g_byte_array_unref (self->fold);
  g_byte_array_unref (self->words);
  g_free (self->slots);
  g_free (self);
}

static int
tokenizer_create (void           *user_data,
                  const char    **args,
                  int             n_args,
                  Fts5Tokenizer **out)
{
  static const char *unicode61_args[] = { "remove_diacritics", "2" };
  TokenizerModule *module = user_data;
  Tokenizer *self;
  int rc;

  /* The ASCII path above is unicode61 with these options only. */
  if (n_args > 1 || (n_args == 1 && g_strcmp0 (args[0], "distinct") != 0))
    return SQLITE_ERROR;

  self = g_new0 (Tokenizer, 1);
  self->distinct = n_args == 1;
  self->unicode61_api = module->unicode61;
  self->fold = g_byte_array_new ();
  self->words = g_byte_array_new ();
  self->n_slots = DEDUP_MIN_SLOTS;
  self->slots = g_new0 (DedupSlot, self->n_slots);

  rc = module->unicode61.xCreate (module->unicode61_data, unicode61_args,
                                  G_N_ELEMENTS (unicode61_args), &self->unicode61);
  if (rc != SQLITE_OK)
    {
      tokenizer_delete ((Fts5Tokenizer *) self);
      return rc;
    }

  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static gboolean
register_fts_extensions (AtlasStore  *self,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  TokenizerModule *module;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT fts5 (?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && (api == NULL || api->iVersion < 2))
    rc = SQLITE_ERROR;
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "atlas_rank", NULL, rank_function, NULL);

  if (rc == SQLITE_OK)
    {
      module = g_new0 (TokenizerModule, 1);
      rc = api->xFindTokenizer (api, "unicode61", &module->unicode61_data, &module->unicode61);
      if (rc == SQLITE_OK)
        {
          fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };

          /* FTS5 frees the module with the connection. */
          rc = api->xCreateTokenizer (api, "atlas", module, &tokenizer, g_free);
        }
      if (rc != SQLITE_OK)
        g_free (module);
    }

  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Opening and migrating */

static gboolean
query_int (AtlasStore  *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (AtlasStore  *self,
         gint64       version,
         GError     **error)
{
  while (version < STORE_SCHEMA_VERSION)
    {
      g_autofree char *set_version = NULL;

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another process may have migrated while we waited for the lock. */
      if (!query_int (self, "PRAGMA user_version", &version, error))
        goto fail;

      if (version > STORE_SCHEMA_VERSION)
        {
          rollback (self);
          g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_TOO_NEW,
                       _("The cache file “%s” was written by a newer version of this app."),
                       self->path);
          return FALSE;
        }

      if (version < STORE_SCHEMA_VERSION)
        {
          g_debug ("Migrating %s to version %d", self->path, (int) version + 1);

          set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) version + 1);
          if (!exec_sql (self, migrations[version], error) ||
              !exec_sql (self, set_version, error))
            goto fail;
          version++;
        }

      if (!exec_sql (self, "COMMIT", error))
        goto fail;
    }

  self->schema_version = (int) version;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

static gboolean
open_database (AtlasStore  *self,
               GError     **error)
{
  g_autofree char *folder = NULL;
  gint64 application_id = 0, version = 0, n_objects = 0;
  int rc;

  folder = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATLAS_STORE_ERROR,
                   saved_errno == ENOSPC ? ATLAS_STORE_ERROR_DISK_FULL
                                         : ATLAS_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” for the cache could not be created: %s."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, STORE_BUSY_TIMEOUT_MS);

  if (!register_fts_extensions (self, error))
    return FALSE;

  /* The first read of the header tells a database from anything else. */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != STORE_APPLICATION_ID) ||
      (application_id == 0 && version == 0 && n_objects > 0))
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_CORRUPT,
                   _("The cache file “%s” is damaged or is not a cache of this app."),
                   self->path);
      return FALSE;
    }

  if (version > STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_TOO_NEW,
                   _("The cache file “%s” was written by a newer version of this app."),
                   self->path);
      return FALSE;
    }

  /* The page size can only be chosen before the first table exists. */
  if (n_objects == 0 &&
      !exec_sql (self, "PRAGMA page_size = " G_STRINGIFY (STORE_PAGE_SIZE), error))
    return FALSE;

  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA cache_size = -" G_STRINGIFY (STORE_CACHE_SIZE_KIB) ";"
                 "PRAGMA journal_size_limit = 67108864;",
                 error))
    return FALSE;

  if (!migrate (self, version, error))
    return FALSE;

  /* What a complete sync has put, to remove the rest at commit. */
  return exec_sql (self,
                   "CREATE TEMP TABLE seen_initiative (id INTEGER PRIMARY KEY);"
                   "CREATE TEMP TABLE seen_org (id INTEGER PRIMARY KEY);",
                   error);
}

static void
atlas_store_finalize (GObject *object)
{
  AtlasStore *self = (AtlasStore *) object;

  g_assert (self->writer == NULL);

  g_clear_pointer (&self->summaries, g_hash_table_unref);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (atlas_store_parent_class)->finalize (object);
}

static void
atlas_store_class_init (AtlasStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_store_finalize;
}

static void
atlas_store_init (AtlasStore *self)
{
  self->summaries = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) atlas_initiative_unref);
  self->summaries_version = -1;
}

char *
atlas_store_get_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "cooperation-atlas", "cache.sqlite3", NULL);
}

AtlasStore *
atlas_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(AtlasStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ATLAS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
atlas_store_get_path (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);

  return self->path;
}

int
atlas_store_get_schema_version (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), 0);

  return self->schema_version;
}

sqlite3 *
atlas_store_get_handle (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);

  return self->db;
}

static gboolean
query_stmt_int (AtlasStore  *self,
                StmtId       id,
                gint64      *value,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;

  if ((stmt = get_stmt (self, id, error)) == NULL ||
      !step_row (self, stmt, &has_row, error))
    return FALSE;

  *value = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return TRUE;
}

guint
atlas_store_count_initiatives (AtlasStore  *self,
                               GError     **error)
{
  gint64 count = 0;

  g_return_val_if_fail (ATLAS_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!query_stmt_int (self, STMT_COUNT_INITIATIVES, &count, error))
    return 0;

  return (guint) count;
}

gint64
atlas_store_get_generation (AtlasStore  *self,
                            GError     **error)
{
  gint64 generation = 0;

  g_return_val_if_fail (ATLAS_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!query_stmt_int (self, STMT_GENERATION_GET, &generation, error))
    return 0;

  return generation;
}

/* Sources */

static void
set_source_not_found (GError **error)
{
  g_set_error_literal (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                       _("This source is not in the cache."));
}

gint64
atlas_store_ensure_source (AtlasStore       *self,
                           const char       *url,
                           AtlasSourceKind   kind,
                           GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 id;

  g_return_val_if_fail (ATLAS_IS_STORE (self), 0);
  g_return_val_if_fail (url != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((stmt = get_stmt (self, STMT_SOURCE_INSERT, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source_kind_to_string (kind), -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return 0;

  if ((stmt = get_stmt (self, STMT_SOURCE_ID, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return 0;
  if (!has_row)
    {
      set_source_not_found (error);
      return 0;
    }

  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

static AtlasSource *
source_from_row (sqlite3_stmt *stmt)
{
  AtlasSource *source = g_new0 (AtlasSource, 1);

  source->id = sqlite3_column_int64 (stmt, 0);
  source->url = column_dup (stmt, 1);
  source->kind = source_kind_from_string (column_text (stmt, 2));
  source->title = column_dup (stmt, 3);
  source->etag = column_dup (stmt, 4);
  source->last_modified = column_dup (stmt, 5);
  source->cursor = column_dup (stmt, 6);
  source->snapshot_date = column_dup (stmt, 7);
  source->last_success = sqlite3_column_int64 (stmt, 8);
  source->last_attempt = sqlite3_column_int64 (stmt, 9);
  source->last_error = column_dup (stmt, 10);
  source->n_initiatives = (guint) sqlite3_column_int64 (stmt, 11);

  return source;
}

AtlasSource *
atlas_store_lookup_source (AtlasStore  *self,
                           const char  *url,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  AtlasSource *source;
  gboolean has_row;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = get_stmt (self, STMT_SOURCE_BY_URL, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_source_not_found (error);
      return NULL;
    }

  source = source_from_row (stmt);
  sqlite3_reset (stmt);

  return source;
}

GPtrArray *
atlas_store_list_sources (AtlasStore  *self,
                          GError     **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = get_stmt (self, STMT_SOURCE_LIST, error)) == NULL)
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  for (;;)
    {
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (sources, source_from_row (stmt));
    }

  return g_steal_pointer (&sources);
}

/* Runs a prepared UPDATE of one source row as its own transaction. */
static gboolean
update_source_row (AtlasStore    *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      set_source_not_found (error);
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_store_record_failure (AtlasStore  *self,
                            gint64       source_id,
                            const char  *message,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->writer == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((stmt = get_stmt (self, STMT_SOURCE_FAILURE, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, now_unix ());
  bind_text (stmt, 3, message);

  return update_source_row (self, stmt, error);
}

gboolean
atlas_store_record_not_modified (AtlasStore  *self,
                                 gint64       source_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->writer == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((stmt = get_stmt (self, STMT_SOURCE_NOT_MODIFIED, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, now_unix ());

  return update_source_row (self, stmt, error);
}

static gboolean
run_stmt (AtlasStore  *self,
          StmtId       id,
          GError     **error)
{
  sqlite3_stmt *stmt;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return FALSE;

  return step_done (self, stmt, error);
}

static gboolean
run_with_id (AtlasStore  *self,
             StmtId       id,
             gint64       value,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);

  return step_done (self, stmt, error);
}

/* Removing a source that is not there is not an error: it is gone. */
gboolean
atlas_store_remove_source (AtlasStore  *self,
                           gint64       source_id,
                           GError     **error)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->writer == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Initiatives first: the organisations are still referenced until then. */
  if (!run_with_id (self, STMT_FTS_DELETE_SOURCE, source_id, error) ||
      !run_with_id (self, STMT_SOURCE_DELETE_INITIATIVES, source_id, error) ||
      !run_with_id (self, STMT_SOURCE_DELETE_ORGS, source_id, error) ||
      !run_with_id (self, STMT_SOURCE_DELETE, source_id, error) ||
      !run_stmt (self, STMT_GENERATION_BUMP, error) ||
      !exec_sql (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

AtlasSource *
atlas_source_copy (const AtlasSource *source)
{
  AtlasSource *copy;

  g_return_val_if_fail (source != NULL, NULL);

  copy = g_new0 (AtlasSource, 1);
  copy->id = source->id;
  copy->url = g_strdup (source->url);
  copy->kind = source->kind;
  copy->title = g_strdup (source->title);
  copy->etag = g_strdup (source->etag);
  copy->last_modified = g_strdup (source->last_modified);
  copy->cursor = g_strdup (source->cursor);
  copy->snapshot_date = g_strdup (source->snapshot_date);
  copy->last_success = source->last_success;
  copy->last_attempt = source->last_attempt;
  copy->last_error = g_strdup (source->last_error);
  copy->n_initiatives = source->n_initiatives;

  return copy;
}

void
atlas_source_free (AtlasSource *source)
{
  if (source == NULL)
    return;

  g_free (source->url);
  g_free (source->title);
  g_free (source->etag);
  g_free (source->last_modified);
  g_free (source->cursor);
  g_free (source->snapshot_date);
  g_free (source->last_error);
  g_free (source);
}

/* Content hashes: 64 bits over everything a feed says about a record, as
 * stored, to skip records a sync gives again unchanged. */

#define HASH_MULTIPLIER G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

static inline guint64
hash_mix (guint64 h,
          guint64 value)
{
  h ^= value;
  h *= HASH_MULTIPLIER;
  return h ^ (h >> 32);
}

static void
hash_bytes (guint64    *h,
            const void *data,
            gsize       length)
{
  const guint8 *bytes = data;
  guint64 word;
  gsize i;

  *h = hash_mix (*h, length);
  for (i = 0; i + 8 <= length; i += 8)
    {
      memcpy (&word, bytes + i, 8);
      *h = hash_mix (*h, word);
    }
  if (i < length)
    {
      word = 0;
      memcpy (&word, bytes + i, length - i);
      *h = hash_mix (*h, word);
    }
}

static inline void
hash_string (guint64    *h,
             const char *str)
{
  /* Not a length any string can have: NULL differs from "". */
  if (str == NULL)
    *h = hash_mix (*h, G_MAXUINT64);
  else
    hash_bytes (h, str, strlen (str));
}

static inline void
hash_double (guint64 *h,
             double   value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  *h = hash_mix (*h, bits);
}

static gint64
hash_initiative (const AtlasInitiative *initiative,
                 GArray                *refs)
{
  guint64 h = CONTENT_HASH_SALT;

  hash_string (&h, initiative->id);
  hash_string (&h, initiative->title);
  hash_string (&h, initiative->summary);
  hash_string (&h, initiative->description);
  h = hash_mix (h, initiative->status);
  h = hash_mix (h, initiative->scope);
  hash_string (&h, initiative->start_date);
  hash_string (&h, initiative->end_date);

  /* The references that were kept, so that a record that named an unknown
   * organisation is rewritten once the organisation appears. */
  h = hash_mix (h, refs->len);
  for (guint i = 0; i < refs->len; i++)
    {
      const ResolvedRef *ref = &g_array_index (refs, ResolvedRef, i);

      h = hash_mix (h, (guint64) ref->position);
      hash_string (&h, ref->ext_id);
      h = hash_mix (h, ref->role);
    }

  h = hash_mix (h, initiative->countries->len);
  for (guint i = 0; i < initiative->countries->len; i++)
    hash_string (&h, g_ptr_array_index (initiative->countries, i));
  hash_bytes (&h, initiative->regions->data, initiative->regions->len * sizeof (guint16));

  h = hash_mix (h, initiative->has_location);
  if (initiative->has_location)
    {
      hash_double (&h, initiative->latitude);
      hash_double (&h, initiative->longitude);
    }

  h = hash_mix (h, initiative->gdc_objectives);
  h = hash_mix (h, initiative->wsis_lines);
  h = hash_mix (h, initiative->sdgs);
  h = hash_mix (h, initiative->priorities);

  h = hash_mix (h, initiative->links->len);
  for (guint i = 0; i < initiative->links->len; i++)
    {
      const AtlasLink *link = g_ptr_array_index (initiative->links, i);

      hash_string (&h, link->title);
      hash_string (&h, link->url);
    }

  h = hash_mix (h, initiative->milestones->len);
  for (guint i = 0; i < initiative->milestones->len; i++)
    {
      const AtlasMilestone *milestone = g_ptr_array_index (initiative->milestones, i);

      hash_string (&h, milestone->date);
      hash_string (&h, milestone->title);
      h = hash_mix (h, milestone->status);
      h = hash_mix (h, (guint64) (gint64) milestone->progress);
    }

  h = hash_mix (h, initiative->properties->len);
  for (guint i = 0; i < initiative->properties->len; i++)
    {
      const AtlasProperty *property = g_ptr_array_index (initiative->properties, i);

      hash_string (&h, property->key);
      hash_string (&h, property->value);
    }

  hash_string (&h, initiative->updated_at);

  return (gint64) h;
}

/* The details column: a small JSON document,
 *   {"links": [[title, url]…], "milestones": [[date, title, status, progress]…],
 *    "properties": [[key, value]…]}
 * with null for missing strings; NULL when the record has none of them. */

static void
append_json_string (GString    *out,
                    const char *str)
{
  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
build_details (GString               *out,
               const AtlasInitiative *initiative)
{
  g_string_truncate (out, 0);

  if (initiative->links->len == 0 &&
      initiative->milestones->len == 0 &&
      initiative->properties->len == 0)
    return;

  g_string_append (out, "{\"links\":[");
  for (guint i = 0; i < initiative->links->len; i++)
    {
      const AtlasLink *link = g_ptr_array_index (initiative->links, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      append_json_string (out, link->title);
      g_string_append_c (out, ',');
      append_json_string (out, link->url);
      g_string_append_c (out, ']');
    }

  g_string_append (out, "],\"milestones\":[");
  for (guint i = 0; i < initiative->milestones->len; i++)
    {
      const AtlasMilestone *milestone = g_ptr_array_index (initiative->milestones, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      append_json_string (out, milestone->date);
      g_string_append_c (out, ',');
      append_json_string (out, milestone->title);
      g_string_append_c (out, ',');
      append_json_string (out, atlas_milestone_status_to_string (milestone->status));
      g_string_append_printf (out, ",%d]", milestone->progress);
    }

  g_string_append (out, "],\"properties\":[");
  for (guint i = 0; i < initiative->properties->len; i++)
    {
      const AtlasProperty *property = g_ptr_array_index (initiative->properties, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      append_json_string (out, property->key);
      g_string_append_c (out, ',');
      append_json_string (out, property->value);
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}");
}

static const char *
array_get_string (JsonArray *array,
                       guint      index)
{
  JsonNode *node;

  if (index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
object_get_array (JsonObject *object,
                               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
parse_details (AtlasStore       *self,
               AtlasInitiative  *initiative,
               const char       *details,
               GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  JsonArray *list;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, details, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error_from_code (self, SQLITE_CORRUPT, error);
      return FALSE;
    }

  object = json_node_get_object (root);

  if ((list = object_get_array (object, "links")) != NULL)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonArray *item = json_array_get_array_element (list, i);
        const char *url = item != NULL ? array_get_string (item, 1) : NULL;

        if (url != NULL)
          atlas_initiative_add_link (initiative, array_get_string (item, 0), url);
      }

  if ((list = object_get_array (object, "milestones")) != NULL)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonArray *item = json_array_get_array_element (list, i);
        gint64 progress;

        if (item == NULL || json_array_get_length (item) < 4)
          continue;

        progress = json_array_get_int_element (item, 3);
        atlas_initiative_add_milestone (initiative,
                                        array_get_string (item, 0),
                                        array_get_string (item, 1),
                                        atlas_milestone_status_from_string (
                                          array_get_string (item, 2)),
                                        (int) CLAMP (progress, -1, 100));
      }

  if ((list = object_get_array (object, "properties")) != NULL)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonArray *item = json_array_get_array_element (list, i);
        const char *key = item != NULL ? array_get_string (item, 0) : NULL;

        if (key != NULL)
          atlas_initiative_set_property (initiative, key, array_get_string (item, 1));
      }

  return TRUE;
}


/* Search index upkeep.  Every path that changes or removes a record's texts
 * goes through these, in the same transaction. */

static void
get_fts_texts (const AtlasInitiative *initiative,
               AtlasStoreWriter      *writer,
               const char            *texts[N_FTS_COLUMNS])
{
  texts[0] = initiative->title;
  texts[1] = initiative->summary;
  texts[2] = initiative->description;
  texts[3] = writer->search_orgs->len > 0 ? writer->search_orgs->str : NULL;
  texts[4] = writer->search_places->len > 0 ? writer->search_places->str : NULL;
}

static gboolean
fts_insert (AtlasStore   *self,
            gint64        rowid,
            const char   *texts[N_FTS_COLUMNS],
            GError      **error)
{
  sqlite3_stmt *stmt;

  if ((stmt = get_stmt (self, STMT_FTS_INSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  for (int i = 0; i < N_FTS_COLUMNS; i++)
    bind_text (stmt, i + 2, texts[i]);

  return step_done (self, stmt, error);
}

/* Takes the stored texts of @rowid out of the index, unless they equal
 * @new_texts (when given): *unchanged then says the index is already right. */
static gboolean
fts_remove (AtlasStore   *self,
            gint64        rowid,
            const char   *new_texts[N_FTS_COLUMNS],
            gboolean     *unchanged,
            GError      **error)
{
  sqlite3_stmt *get;
  sqlite3_stmt *remove;
  gboolean has_row;
  gboolean same = TRUE;

  *unchanged = FALSE;

  if ((get = get_stmt (self, STMT_FTS_GET, error)) == NULL ||
      (remove = get_stmt (self, STMT_FTS_DELETE, error)) == NULL)
    return FALSE;

  sqlite3_bind_int64 (get, 1, rowid);
  if (!step_row (self, get, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  for (int i = 0; i < N_FTS_COLUMNS && new_texts != NULL && same; i++)
    same = g_strcmp0 (column_text (get, i), new_texts[i]) == 0;

  if (new_texts != NULL && same)
    {
      sqlite3_reset (get);
      *unchanged = TRUE;
      return TRUE;
    }

  sqlite3_bind_int64 (remove, 1, rowid);
  for (int i = 0; i < N_FTS_COLUMNS; i++)
    sqlite3_bind_value (remove, i + 2, sqlite3_column_value (get, i));
  sqlite3_reset (get);

  return step_done (self, remove, error);
}

/* Writing */

static void
org_entry_free (gpointer data)
{
  OrgEntry *entry = data;

  g_free (entry->name);
  g_free (entry);
}

/* A writer keeps the references between its rows right itself: every
 * organisation it names is resolved first, and an initiative's texts and
 * references go with it.  SQLite's own checks of each inserted row took
 * about 0.6 s of writing 100,000 records; they are on again once the writer's
 * transaction ends (removing a source relies on ON DELETE CASCADE).  The
 * setting does not change inside a transaction: this is called outside. */
static void
set_foreign_keys (AtlasStore *self,
                  gboolean    enabled)
{
  sqlite3_exec (self->db, enabled ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
                NULL, NULL, NULL);
}

/* Ends the writer's transaction after an error: nothing it did remains. */
static gboolean
writer_fail (AtlasStoreWriter *writer)
{
  rollback (writer->store);
  set_foreign_keys (writer->store, TRUE);
  writer->finished = TRUE;
  return FALSE;
}

static gboolean
writer_check_usable (AtlasStoreWriter  *writer,
                     GError           **error)
{
  if (!writer->finished)
    return TRUE;

  g_set_error_literal (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_FAILED,
                       _("The changes to the cache were abandoned after an earlier error."));
  return FALSE;
}

/* The checkpoint after a commit first waits until the WAL is on disk, and
 * a big sync leaves it all in the page cache (the kernel starts writing
 * only when much more is dirty, or after 30 s).  Starting that writing as
 * the records come, in the background, leaves little to wait for then. */
#define WAL_WRITEBACK_RECORDS 500

static void
writer_start_wal_writeback (AtlasStoreWriter *writer)
{
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
  if (++writer->n_written < WAL_WRITEBACK_RECORDS)
    return;
  writer->n_written = 0;

  if (writer->wal_fd == -1)
    {
      sqlite3_filename db_name = sqlite3_db_filename (writer->store->db, "main");
      const char *wal_name = db_name != NULL ? sqlite3_filename_wal (db_name) : NULL;

      /* Tried once: -2 when it cannot be opened. */
      writer->wal_fd = wal_name != NULL ? open (wal_name, O_RDONLY | O_CLOEXEC) : -1;
      if (writer->wal_fd == -1)
        writer->wal_fd = -2;
    }

  if (writer->wal_fd >= 0)
    sync_file_range (writer->wal_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

AtlasStoreWriter *
atlas_store_begin (AtlasStore  *self,
                   gint64       source_id,
                   gboolean     complete,
                   GError     **error)
{
  g_autoptr(AtlasStoreWriter) writer = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gboolean exists;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->writer == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  set_foreign_keys (self, FALSE);
  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    {
      set_foreign_keys (self, TRUE);
      return NULL;
    }

  writer = g_new0 (AtlasStoreWriter, 1);
  writer->store = g_object_ref (self);
  writer->source_id = source_id;
  writer->complete = complete;
  writer->vocab = atlas_vocab_get_default ();
  writer->orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, org_entry_free);
  writer->refs = g_array_new (FALSE, FALSE, sizeof (ResolvedRef));
  writer->countries = g_string_new (NULL);
  writer->regions = g_string_new (NULL);
  writer->details = g_string_new (NULL);
  writer->search_orgs = g_string_new (NULL);
  writer->search_places = g_string_new (NULL);
  writer->wal_fd = -1;
  self->writer = writer;

  /* Every row written carries the source's id: it must exist. */
  if ((stmt = get_stmt (self, STMT_SOURCE_EXISTS, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  exists = has_row && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);

  if (!exists)
    {
      set_source_not_found (error);
      return NULL;
    }

  if (complete &&
      (!run_stmt (self, STMT_SEEN_CLEAR_INITIATIVES, error) ||
       !run_stmt (self, STMT_SEEN_CLEAR_ORGS, error)))
    return NULL;

  /* A first sync has no initiative to remove at the end: it need not
   * remember which it put. */
  if (complete)
    {
      if ((stmt = get_stmt (self, STMT_SOURCE_HAS_INITIATIVES, error)) == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, source_id);
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      writer->sweep = has_row && sqlite3_column_int64 (stmt, 0) != 0;
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&writer);
}

/* The organisation the source calls @ext_id, from this writer or from what
 * is stored; an entry with rowid 0 when the source does not have it. */
static const OrgEntry *
writer_find_org (AtlasStoreWriter  *writer,
                 const char        *ext_id,
                 GError           **error)
{
  AtlasStore *self = writer->store;
  OrgEntry *entry;
  sqlite3_stmt *stmt;
  gboolean has_row;

  entry = g_hash_table_lookup (writer->orgs, ext_id);
  if (entry != NULL)
    return entry;

  if ((stmt = get_stmt (self, STMT_ORG_FIND, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, writer->source_id);
  sqlite3_bind_text (stmt, 2, ext_id, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;

  entry = g_new0 (OrgEntry, 1);
  if (has_row)
    {
      entry->rowid = sqlite3_column_int64 (stmt, 0);
      entry->name = column_dup (stmt, 1);
      entry->type = atlas_org_type_from_string (column_text (stmt, 2));
      sqlite3_reset (stmt);
    }
  g_hash_table_insert (writer->orgs, g_strdup (ext_id), entry);

  return entry;
}

gboolean
atlas_store_writer_put_organization (AtlasStoreWriter         *writer,
                                     const AtlasOrganization  *organization,
                                     GError                  **error)
{
  AtlasStore *self;
  sqlite3_stmt *stmt;
  const char *type;
  gboolean has_row;
  gboolean changed = TRUE;
  gboolean renamed = FALSE;
  gint64 rowid = 0;
  OrgEntry *entry;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (organization != NULL, FALSE);
  g_return_val_if_fail (organization->id != NULL, FALSE);
  g_return_val_if_fail (organization->name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!writer_check_usable (writer, error))
    return FALSE;

  self = writer->store;
  type = atlas_org_type_to_string (organization->type);

  if ((stmt = get_stmt (self, STMT_ORG_FIND, error)) == NULL)
    return writer_fail (writer);
  sqlite3_bind_int64 (stmt, 1, writer->source_id);
  sqlite3_bind_text (stmt, 2, organization->id, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return writer_fail (writer);

  if (has_row)
    {
      rowid = sqlite3_column_int64 (stmt, 0);
      renamed = g_strcmp0 (organization->name, column_text (stmt, 1)) != 0;
      changed = renamed ||
                g_strcmp0 (type, column_text (stmt, 2)) != 0 ||
                g_strcmp0 (organization->country, column_text (stmt, 3)) != 0 ||
                g_strcmp0 (organization->website, column_text (stmt, 4)) != 0;
      sqlite3_reset (stmt);
    }

  if (changed)
    {
      if ((stmt = get_stmt (self, rowid != 0 ? STMT_ORG_UPDATE : STMT_ORG_INSERT, error)) == NULL)
        return writer_fail (writer);

      if (rowid != 0)
        {
          sqlite3_bind_int64 (stmt, 1, rowid);
          sqlite3_bind_text (stmt, 2, organization->name, -1, SQLITE_STATIC);
          bind_text (stmt, 3, type);
          bind_text (stmt, 4, organization->country);
          bind_text (stmt, 5, organization->website);
        }
      else
        {
          sqlite3_bind_int64 (stmt, 1, writer->source_id);
          sqlite3_bind_text (stmt, 2, organization->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, organization->name, -1, SQLITE_STATIC);
          bind_text (stmt, 4, type);
          bind_text (stmt, 5, organization->country);
          bind_text (stmt, 6, organization->website);
        }

      if (!step_done (self, stmt, error))
        return writer_fail (writer);

      if (rowid == 0)
        rowid = sqlite3_last_insert_rowid (self->db);
    }

  /* The records naming it are searched by its new name. */
  if (renamed &&
      (!run_with_id (self, STMT_FTS_DELETE_ORG_REFS, rowid, error) ||
       !run_with_id (self, STMT_ORG_REFRESH_SEARCH, rowid, error) ||
       !run_with_id (self, STMT_FTS_INSERT_ORG_REFS, rowid, error)))
    return writer_fail (writer);

  if (writer->complete)
    {
      if ((stmt = get_stmt (self, STMT_ORG_SEEN, error)) == NULL)
        return writer_fail (writer);
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!step_done (self, stmt, error))
        return writer_fail (writer);
    }

  entry = g_new0 (OrgEntry, 1);
  entry->rowid = rowid;
  entry->name = g_strdup (organization->name);
  entry->type = organization->type;
  g_hash_table_replace (writer->orgs, g_strdup (organization->id), entry);

  return TRUE;
}

static void
add_unknown_org_problem (GPtrArray  *problems,
                         const char *record_id,
                         const char *field,
                         const char *org_id)
{
  AtlasProblem *problem;

  if (problems == NULL)
    return;

  problem = g_new0 (AtlasProblem, 1);
  problem->kind = ATLAS_PROBLEM_UNKNOWN_VALUE;
  problem->record_id = g_strdup (record_id);
  problem->field = g_strdup (field);
  problem->value = g_strdup (org_id);
  if (g_str_equal (field, "lead"))
    problem->message =
      /* Translators: %s is an organisation's identifier in a feed. */
      g_strdup_printf (_("The lead organisation “%s” is not among the organisations of this "
                         "source, so it was left out."), org_id);
  else
    problem->message =
      /* Translators: %s is an organisation's identifier in a feed. */
      g_strdup_printf (_("The partner organisation “%s” is not among the organisations of "
                         "this source, so it was left out."), org_id);
  g_ptr_array_add (problems, problem);
}

/* Fills writer->refs with the references of @initiative to organisations
 * the source has, reporting the others. */
static gboolean
writer_resolve_refs (AtlasStoreWriter       *writer,
                     const AtlasInitiative  *initiative,
                     GPtrArray              *problems,
                     GError                **error)
{
  const OrgEntry *entry;
  ResolvedRef ref;

  g_array_set_size (writer->refs, 0);

  if (initiative->lead != NULL)
    {
      if ((entry = writer_find_org (writer, initiative->lead, error)) == NULL)
        return FALSE;

      if (entry->rowid != 0)
        {
          ref.position = 0;
          ref.rowid = entry->rowid;
          ref.role = ATLAS_ROLE_LEAD;
          ref.ext_id = initiative->lead;
          ref.name = entry->name;
          g_array_append_val (writer->refs, ref);
        }
      else
        add_unknown_org_problem (problems, initiative->id, "lead", initiative->lead);
    }

  for (guint i = 0, position = 1; i < initiative->partners->len; i++)
    {
      const AtlasPartner *partner = g_ptr_array_index (initiative->partners, i);

      if ((entry = writer_find_org (writer, partner->organization, error)) == NULL)
        return FALSE;

      if (entry->rowid != 0)
        {
          ref.position = (int) position++;
          ref.rowid = entry->rowid;
          ref.role = partner->role;
          ref.ext_id = partner->organization;
          ref.name = entry->name;
          g_array_append_val (writer->refs, ref);
        }
      else
        add_unknown_org_problem (problems, initiative->id, "partners", partner->organization);
    }

  return TRUE;
}

static void
writer_build_texts (AtlasStoreWriter      *writer,
                    const AtlasInitiative *initiative)
{
  g_string_truncate (writer->countries, 0);
  g_string_truncate (writer->regions, 0);
  g_string_truncate (writer->search_orgs, 0);
  g_string_truncate (writer->search_places, 0);

  for (guint i = 0; i < initiative->countries->len; i++)
    {
      const char *code = g_ptr_array_index (initiative->countries, i);
      int index = atlas_vocab_find_country (writer->vocab, code);

      if (i > 0)
        g_string_append_c (writer->countries, ',');
      g_string_append (writer->countries, code);

      if (index >= 0)
        {
          g_string_append (writer->search_places,
                           atlas_vocab_get_country (writer->vocab, (guint) index)->name);
          g_string_append_c (writer->search_places, '\n');
        }
    }

  for (guint i = 0; i < initiative->regions->len; i++)
    {
      guint16 code = g_array_index (initiative->regions, guint16, i);
      int index = atlas_vocab_find_region (writer->vocab, code);

      if (i > 0)
        g_string_append_c (writer->regions, ',');
      g_string_append_printf (writer->regions, "%u", (guint) code);

      if (index >= 0)
        {
          g_string_append (writer->search_places,
                           atlas_vocab_get_region (writer->vocab, (guint) index)->name);
          g_string_append_c (writer->search_places, '\n');
        }
    }

  for (guint i = 0; i < writer->refs->len; i++)
    {
      const ResolvedRef *ref = &g_array_index (writer->refs, ResolvedRef, i);

      if (i > 0)
        g_string_append_c (writer->search_orgs, '\n');
      g_string_append (writer->search_orgs, ref->name);
    }

  build_details (writer->details, initiative);
}

static gboolean
writer_mark_seen (AtlasStoreWriter  *writer,
                  gint64             rowid,
                  GError           **error)
{
  sqlite3_stmt *stmt;

  if (!writer->sweep)
    return TRUE;

  if ((stmt = get_stmt (writer->store, STMT_INI_SEEN, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);

  return step_done (writer->store, stmt, error);
}

gboolean
atlas_store_writer_put_initiative (AtlasStoreWriter       *writer,
                                   const AtlasInitiative  *initiative,
                                   AtlasChange            *change,
                                   GPtrArray              *problems,
                                   GError                **error)
{
  const char *texts[N_FTS_COLUMNS];
  AtlasStore *self;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gboolean index_unchanged = FALSE;
  gint64 rowid = 0;
  gint64 hash;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (initiative != NULL, FALSE);
  g_return_val_if_fail (initiative->id != NULL, FALSE);
  g_return_val_if_fail (initiative->title != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (change != NULL)
    *change = ATLAS_CHANGE_UNCHANGED;

  if (!writer_check_usable (writer, error))
    return FALSE;

  self = writer->store;

  if (!writer_resolve_refs (writer, initiative, problems, error))
    return writer_fail (writer);

  hash = hash_initiative (initiative, writer->refs);

  if ((stmt = get_stmt (self, STMT_INI_FIND, error)) == NULL)
    return writer_fail (writer);
  sqlite3_bind_int64 (stmt, 1, writer->source_id);
  sqlite3_bind_text (stmt, 2, initiative->id, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return writer_fail (writer);

  if (has_row)
    {
      gint64 stored_hash = sqlite3_column_int64 (stmt, 1);

      rowid = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      if (stored_hash == hash)
        {
          if (!writer_mark_seen (writer, rowid, error))
            return writer_fail (writer);
          return TRUE;
        }
    }

  writer_build_texts (writer, initiative);
  get_fts_texts (initiative, writer, texts);

  if (has_row && !fts_remove (self, rowid, texts, &index_unchanged, error))
    return writer_fail (writer);

  if ((stmt = get_stmt (self, rowid != 0 ? STMT_INI_UPDATE : STMT_INI_INSERT, error)) == NULL)
    return writer_fail (writer);
  if (rowid != 0)
    sqlite3_bind_int64 (stmt, 1, rowid);
  else
    {
      sqlite3_bind_int64 (stmt, 1, writer->source_id);
      sqlite3_bind_text (stmt, 2, initiative->id, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 3, hash);
  sqlite3_bind_text (stmt, 4, initiative->title, -1, SQLITE_STATIC);
  bind_text (stmt, 5, atlas_status_to_string (initiative->status));
  bind_text (stmt, 6, atlas_scope_to_string (initiative->scope));
  bind_text (stmt, 7, initiative->start_date);
  bind_text (stmt, 8, initiative->end_date);
  sqlite3_bind_int64 (stmt, 9, initiative->gdc_objectives);
  sqlite3_bind_int64 (stmt, 10, initiative->wsis_lines);
  sqlite3_bind_int64 (stmt, 11, initiative->sdgs);
  sqlite3_bind_int64 (stmt, 12, initiative->priorities);
  bind_gstring (stmt, 13, writer->countries);
  bind_gstring (stmt, 14, writer->regions);
  if (initiative->has_location)
    {
      sqlite3_bind_double (stmt, 15, initiative->latitude);
      sqlite3_bind_double (stmt, 16, initiative->longitude);
    }
  else
    {
      sqlite3_bind_null (stmt, 15);
      sqlite3_bind_null (stmt, 16);
    }
  bind_text (stmt, 17, initiative->updated_at);
  if (!step_done (self, stmt, error))
    return writer_fail (writer);

  if (rowid == 0)
    rowid = sqlite3_last_insert_rowid (self->db);

  if ((stmt = get_stmt (self, has_row ? STMT_TEXT_UPDATE : STMT_TEXT_INSERT, error)) == NULL)
    return writer_fail (writer);
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, initiative->title, -1, SQLITE_STATIC);
  bind_text (stmt, 3, initiative->summary);
  bind_text (stmt, 4, initiative->description);
  bind_gstring (stmt, 5, writer->search_orgs);
  bind_gstring (stmt, 6, writer->search_places);
  bind_gstring (stmt, 7, writer->details);
  if (!step_done (self, stmt, error))
    return writer_fail (writer);

  if (!index_unchanged && !fts_insert (self, rowid, texts, error))
    return writer_fail (writer);

  if (has_row && !run_with_id (self, STMT_REFS_CLEAR, rowid, error))
    return writer_fail (writer);

  if (writer->refs->len > 0 && (stmt = get_stmt (self, STMT_REF_INSERT, error)) == NULL)
    return writer_fail (writer);
  for (guint i = 0; i < writer->refs->len; i++)
    {
      const ResolvedRef *ref = &g_array_index (writer->refs, ResolvedRef, i);

      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int (stmt, 2, ref->position);
      sqlite3_bind_int64 (stmt, 3, ref->rowid);
      bind_text (stmt, 4, atlas_role_to_string (ref->role));
      if (!step_done (self, stmt, error))
        return writer_fail (writer);
    }

  if (!writer_mark_seen (writer, rowid, error))
    return writer_fail (writer);

  writer_start_wal_writeback (writer);

  if (change != NULL)
    *change = has_row ? ATLAS_CHANGE_UPDATED : ATLAS_CHANGE_ADDED;

  return TRUE;
}

/* The rowid of this source's initiative @id, or 0 when it has none. */
static gboolean
writer_find_initiative (AtlasStoreWriter  *writer,
                        const char        *id,
                        gint64            *rowid,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;

  *rowid = 0;

  if ((stmt = get_stmt (writer->store, STMT_INI_FIND, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->source_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (!step_row (writer->store, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      *rowid = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/**
 * atlas_store_writer_keep_initiative:
 *
 * In a complete sync, keeps the stored copy of an initiative the feed named
 * but that could not be read (a record skipped for breaking the contract):
 * bad input must not delete good data.  Does nothing for an id the source
 * does not have, or in a delta.
 */
gboolean
atlas_store_writer_keep_initiative (AtlasStoreWriter  *writer,
                                    const char        *id,
                                    gboolean          *kept,
                                    GError           **error)
{
  gint64 rowid;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kept != NULL)
    *kept = FALSE;

  if (!writer_check_usable (writer, error))
    return FALSE;

  if (!writer_find_initiative (writer, id, &rowid, error))
    return writer_fail (writer);
  if (rowid == 0)
    return TRUE;

  if (!writer_mark_seen (writer, rowid, error))
    return writer_fail (writer);

  if (kept != NULL)
    *kept = writer->complete;

  return TRUE;
}

gboolean
atlas_store_writer_delete_initiative (AtlasStoreWriter  *writer,
                                      const char        *id,
                                      gboolean          *existed,
                                      GError           **error)
{
  AtlasStore *self;
  gboolean unused;
  gint64 rowid;
  int n_deleted;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (existed != NULL)
    *existed = FALSE;

  if (!writer_check_usable (writer, error))
    return FALSE;

  self = writer->store;

  if (!writer_find_initiative (writer, id, &rowid, error))
    return writer_fail (writer);
  if (rowid == 0)
    return TRUE;

  if (!fts_remove (self, rowid, NULL, &unused, error) ||
      !run_with_id (self, STMT_TEXT_DELETE, rowid, error) ||
      !run_with_id (self, STMT_REFS_CLEAR, rowid, error) ||
      !run_with_id (self, STMT_INI_DELETE, rowid, error))
    return writer_fail (writer);

  n_deleted = sqlite3_changes (self->db);
  writer->n_removed += (guint) n_deleted;
  if (existed != NULL)
    *existed = n_deleted > 0;

  return TRUE;
}

gboolean
atlas_store_writer_commit (AtlasStoreWriter         *writer,
                           const AtlasSourceUpdate  *update,
                           guint                    *n_removed,
                           GError                  **error)
{
  static const AtlasSourceUpdate no_update = { NULL, };
  AtlasStore *self;
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();
  gint64 commit_end;
  gboolean committed;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_removed != NULL)
    *n_removed = 0;

  if (!writer_check_usable (writer, error))
    return FALSE;

  self = writer->store;
  if (update == NULL)
    update = &no_update;

  if (writer->sweep)
    {
      if (!run_with_id (self, STMT_FTS_DELETE_UNSEEN, writer->source_id, error) ||
          !run_with_id (self, STMT_SWEEP_TEXTS, writer->source_id, error) ||
          !run_with_id (self, STMT_SWEEP_REFS, writer->source_id, error) ||
          !run_with_id (self, STMT_SWEEP_INITIATIVES, writer->source_id, error))
        return writer_fail (writer);
      writer->n_removed += (guint) sqlite3_changes (self->db);
    }

  if (writer->complete && !run_with_id (self, STMT_SWEEP_ORGS, writer->source_id, error))
    return writer_fail (writer);

  if ((stmt = get_stmt (self, STMT_SOURCE_SUCCESS, error)) == NULL)
    return writer_fail (writer);
  sqlite3_bind_int64 (stmt, 1, writer->source_id);
  bind_text (stmt, 2, update->title);
  bind_text (stmt, 3, update->etag);
  bind_text (stmt, 4, update->last_modified);
  bind_text (stmt, 5, update->cursor);
  bind_text (stmt, 6, update->snapshot_date);
  sqlite3_bind_int (stmt, 7, update->clear_validators ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, now_unix ());
  if (!step_done (self, stmt, error) ||
      !run_stmt (self, STMT_GENERATION_BUMP, error))
    return writer_fail (writer);

  /* Not SQLite's automatic checkpoint inside COMMIT: the one below. */
  sqlite3_wal_autocheckpoint (self->db, 0);
  committed = exec_sql (self, "COMMIT", error);
  sqlite3_wal_autocheckpoint (self->db, STORE_WAL_AUTOCHECKPOINT);
  if (!committed)
    return writer_fail (writer);

  set_foreign_keys (self, TRUE);
  writer->finished = TRUE;
  if (n_removed != NULL)
    *n_removed = writer->n_removed;
  commit_end = g_get_monotonic_time ();

  /* A big sync leaves a WAL as big as what it wrote: copy it into the
   * database and give the space back now.  Left for later it would still
   * be done on someone's path (when the last connection closes, or by the
   * next write, e.g. a small sync), and the next process to open the cache
   * would first read the whole WAL to rebuild its index.  Without waiting:
   * a reader in the way keeps what it still reads. */
  sqlite3_busy_timeout (self->db, 0);
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_busy_timeout (self->db, STORE_BUSY_TIMEOUT_MS);

  g_debug ("Committed in %.0f ms, then checkpointed in %.0f ms",
           (commit_end - start) / 1000.0, (g_get_monotonic_time () - commit_end) / 1000.0);

  return TRUE;
}

void
atlas_store_writer_free (AtlasStoreWriter *writer)
{
  if (writer == NULL)
    return;

  if (!writer->finished)
    {
      rollback (writer->store);
      set_foreign_keys (writer->store, TRUE);
    }

  if (writer->store->writer == writer)
    writer->store->writer = NULL;

  g_clear_object (&writer->store);
  g_clear_pointer (&writer->orgs, g_hash_table_unref);
  g_clear_pointer (&writer->refs, g_array_unref);
  g_string_free (writer->countries, TRUE);
  g_string_free (writer->regions, TRUE);
  g_string_free (writer->details, TRUE);
  g_string_free (writer->search_orgs, TRUE);
  g_string_free (writer->search_places, TRUE);
  if (writer->wal_fd >= 0)
    close (writer->wal_fd);
  g_free (writer);
}

/* Reading */

static void
set_initiative_not_found (GError **error)
{
  g_set_error_literal (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                       _("This initiative is no longer in the cache."));
}

static void
parse_countries (GPtrArray  *countries,
                 const char *text)
{
  const char *start = text;

  if (text == NULL)
    return;

  for (const char *p = text;; p++)
    if (*p == ',' || *p == '\0')
      {
        if (p > start)
          g_ptr_array_add (countries, g_strndup (start, (gsize) (p - start)));
        if (*p == '\0')
          break;
        start = p + 1;
      }
}

static void
parse_regions (GArray     *regions,
               const char *text)
{
  const char *p = text;

  if (text == NULL)
    return;

  while (*p != '\0')
    {
      char *end = NULL;
      guint64 code = g_ascii_strtoull (p, &end, 10);

      if (end == p)
        break;
      if (code <= G_MAXUINT16)
        {
          guint16 value = (guint16) code;

          g_array_append_val (regions, value);
        }
      p = *end == ',' ? end + 1 : end;
    }
}

/* Steps @id, bound to @rowid, to the row of that initiative; NULL with
 * @error set when there is none. */
static sqlite3_stmt *
step_initiative (AtlasStore  *self,
                 StmtId       id,
                 gint64       rowid,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_initiative_not_found (error);
      return NULL;
    }

  return stmt;
}

/* A new initiative with the INITIATIVE_COLUMNS of the row of @stmt. */
static AtlasInitiative *
read_initiative_row (sqlite3_stmt *stmt)
{
  AtlasInitiative *initiative = atlas_initiative_new ();

  initiative->rowid = sqlite3_column_int64 (stmt, 0);
  initiative->source_id = sqlite3_column_int64 (stmt, 1);
  initiative->id = column_dup (stmt, 2);
  initiative->title = column_dup (stmt, 3);
  initiative->status = atlas_status_from_string (column_text (stmt, 4));
  initiative->scope = atlas_scope_from_string (column_text (stmt, 5));
  initiative->start_date = column_dup (stmt, 6);
  initiative->end_date = column_dup (stmt, 7);
  initiative->gdc_objectives = (guint32) sqlite3_column_int64 (stmt, 8);
  initiative->wsis_lines = (guint32) sqlite3_column_int64 (stmt, 9);
  initiative->sdgs = (guint32) sqlite3_column_int64 (stmt, 10);
  initiative->priorities = (guint32) sqlite3_column_int64 (stmt, 11);
  parse_countries (initiative->countries, column_text (stmt, 12));
  initiative->updated_at = column_dup (stmt, 13);

  return initiative;
}

AtlasInitiative *
atlas_store_load_initiative (AtlasStore  *self,
                             gint64       rowid,
                             GError     **error)
{
  enum {
    SUMMARY = N_INITIATIVE_COLUMNS,
    DESCRIPTION,
    REGIONS,
    LATITUDE,
    LONGITUDE,
    DETAILS,
    SOURCE_URL,
    SOURCE_TITLE,
  };
  g_autoptr(AtlasInitiative) initiative = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  const char *details;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = step_initiative (self, STMT_LOAD_INITIATIVE, rowid, error)) == NULL)
    return NULL;

  initiative = read_initiative_row (stmt);
  initiative->summary = column_dup (stmt, SUMMARY);
  initiative->description = column_dup (stmt, DESCRIPTION);
  parse_regions (initiative->regions, column_text (stmt, REGIONS));
  initiative->has_location = sqlite3_column_type (stmt, LATITUDE) != SQLITE_NULL;
  if (initiative->has_location)
    {
      initiative->latitude = sqlite3_column_double (stmt, LATITUDE);
      initiative->longitude = sqlite3_column_double (stmt, LONGITUDE);
    }
  details = column_text (stmt, DETAILS);
  if (details != NULL && !parse_details (self, initiative, details, error))
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  initiative->source_url = column_dup (stmt, SOURCE_URL);
  initiative->source_title = column_dup (stmt, SOURCE_TITLE);
  sqlite3_reset (stmt);

  if ((stmt = get_stmt (self, STMT_LOAD_REFS, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  for (;;)
    {
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      if (sqlite3_column_int (stmt, 0) == 0)
        {
          g_free (initiative->lead);
          g_free (initiative->lead_name);
          initiative->lead = column_dup (stmt, 2);
          initiative->lead_name = column_dup (stmt, 3);
          initiative->lead_type = atlas_org_type_from_string (column_text (stmt, 4));
          initiative->lead_rowid = sqlite3_column_int64 (stmt, 5);
        }
      else
        {
          AtlasPartner *partner;

          atlas_initiative_add_partner (initiative, column_text (stmt, 2),
                                        atlas_role_from_string (column_text (stmt, 1)));
          partner = g_ptr_array_index (initiative->partners, initiative->partners->len - 1);
          partner->name = column_dup (stmt, 3);
          partner->type = atlas_org_type_from_string (column_text (stmt, 4));
          partner->rowid = sqlite3_column_int64 (stmt, 5);
        }
    }

  return g_steal_pointer (&initiative);
}

/* Forgets the summaries kept when the database changed since: through
 * another connection (a sync's), which changes SQLite's data_version, or
 * through this one, which changes its count of changes.  FALSE when the
 * version could not be read. */
static gboolean
check_summaries (AtlasStore  *self,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 version;
  gint64 changes;

  if ((stmt = get_stmt (self, STMT_DATA_VERSION, error)) == NULL)
    return FALSE;
  if (!step_row (self, stmt, &has_row, error))
    return FALSE;
  version = has_row ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  changes = sqlite3_total_changes64 (self->db);

  if (version != self->summaries_version || changes != self->summaries_changes ||
      g_hash_table_size (self->summaries) >= MAX_SUMMARIES)
    {
      g_hash_table_remove_all (self->summaries);
      self->summaries_version = version;
      self->summaries_changes = changes;
    }

  return TRUE;
}

AtlasInitiative *
atlas_store_load_summary (AtlasStore  *self,
                          gint64       rowid,
                          GError     **error)
{
  enum {
    LEAD = N_INITIATIVE_COLUMNS,
    LEAD_NAME,
    LEAD_TYPE,
  };
  AtlasInitiative *initiative;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A writer's changes are not the database's until they are committed:
   * what is read meanwhile is not kept. */
  if (self->writer == NULL)
    {
      if (!check_summaries (self, error))
        return NULL;

      initiative = g_hash_table_lookup (self->summaries, &rowid);
      if (initiative != NULL)
        return atlas_initiative_ref (initiative);
    }

  if ((stmt = step_initiative (self, STMT_LOAD_SUMMARY, rowid, error)) == NULL)
    return NULL;

  initiative = read_initiative_row (stmt);
  initiative->lead = column_dup (stmt, LEAD);
  initiative->lead_name = column_dup (stmt, LEAD_NAME);
  initiative->lead_type = atlas_org_type_from_string (column_text (stmt, LEAD_TYPE));
  sqlite3_reset (stmt);

  /* Keyed by the summary's own rowid, which it keeps as long as it lives. */
  if (self->writer == NULL)
    g_hash_table_insert (self->summaries, &initiative->rowid, atlas_initiative_ref (initiative));

  return initiative;
}

/* The rowid of the initiative @id of the source @source_url, or 0 with
 * @error set. */
gint64
atlas_store_find_initiative (AtlasStore  *self,
                             const char  *source_url,
                             const char  *id,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 rowid;

  g_return_val_if_fail (ATLAS_IS_STORE (self), 0);
  g_return_val_if_fail (source_url != NULL, 0);
  g_return_val_if_fail (id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((stmt = get_stmt (self, STMT_FIND_INITIATIVE, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, source_url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return 0;
  if (!has_row)
    {
      set_initiative_not_found (error);
      return 0;
    }

  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rowid;
}

static AtlasOrganization *
organization_from_row (sqlite3_stmt *stmt)
{
  AtlasOrganization *organization = atlas_organization_new ();

  organization->rowid = sqlite3_column_int64 (stmt, 0);
  organization->source_id = sqlite3_column_int64 (stmt, 1);
  organization->id = column_dup (stmt, 2);
  organization->name = column_dup (stmt, 3);
  organization->type = atlas_org_type_from_string (column_text (stmt, 4));
  organization->country = column_dup (stmt, 5);
  organization->website = column_dup (stmt, 6);

  return organization;
}

AtlasOrganization *
atlas_store_load_organization (AtlasStore  *self,
                               gint64       rowid,
                               GError     **error)
{
  AtlasOrganization *organization;
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = get_stmt (self, STMT_LOAD_ORG, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                           _("This organisation is no longer in the cache."));
      return NULL;
    }

  organization = organization_from_row (stmt);
  sqlite3_reset (stmt);

  return organization;
}

typedef struct
{
  char              *key;
  AtlasOrganization *organization;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;
  int cmp = strcmp (ea->key, eb->key);

  if (cmp != 0)
    return cmp;

  return (ea->organization->rowid > eb->organization->rowid) -
         (ea->organization->rowid < eb->organization->rowid);
}

/* Sorted the way people expect in their language, ignoring case. */
GPtrArray *
atlas_store_list_organizations (AtlasStore  *self,
                                GError     **error)
{
  g_autoptr(GArray) entries = NULL;
  GPtrArray *organizations;
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = get_stmt (self, STMT_LIST_ORGS, error)) == NULL)
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  for (;;)
    {
      SortEntry entry;
      g_autofree char *folded = NULL;

      if (!step_row (self, stmt, &has_row, error))
        {
          for (guint i = 0; i < entries->len; i++)
            {
              g_free (g_array_index (entries, SortEntry, i).key);
              atlas_organization_unref (g_array_index (entries, SortEntry, i).organization);
            }
          return NULL;
        }
      if (!has_row)
        break;

      entry.organization = organization_from_row (stmt);
      folded = g_utf8_casefold (entry.organization->name, -1);
      entry.key = g_utf8_collate_key (folded, -1);
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_sort_entries);

  organizations = g_ptr_array_new_full (entries->len, (GDestroyNotify) atlas_organization_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      g_free (entry->key);
      g_ptr_array_add (organizations, entry->organization);
    }

  return organizations;
}

/* Two cursors in rowid order, merged: the records, and their references to
 * organisations with the organisations' types.  Both are compiled here
 * rather than cached so that @func may use the store. */
#define INDEX_ROWS_SQL \
  "SELECT i.id, i.source_id, i.status, i.scope, i.gdc, i.wsis, i.sdg, i.priorities, i.title," \
  "  i.start_date, i.updated_at, i.countries, i.regions, i.latitude, i.longitude, t.summary " \
  "FROM initiative i LEFT JOIN initiative_text t ON t.id = i.id ORDER BY i.id"
#define INDEX_REFS_SQL \
  "SELECT r.initiative, r.organization, o.type, o.name FROM initiative_org r " \
  "JOIN organization o ON o.id = r.organization ORDER BY r.initiative, r.position"

typedef struct
{
  sqlite3_stmt *rows;
  sqlite3_stmt *refs;
  GPtrArray    *countries;      /* of const char*, into country_text */
  GString      *country_text;
  GArray       *regions;
  GArray       *organizations;
  GPtrArray    *organization_names;
} IndexReader;

static void
index_reader_clear (IndexReader *reader)
{
  g_clear_pointer (&reader->rows, sqlite3_finalize);
  g_clear_pointer (&reader->refs, sqlite3_finalize);
  g_clear_pointer (&reader->countries, g_ptr_array_unref);
  if (reader->country_text != NULL)
    g_string_free (g_steal_pointer (&reader->country_text), TRUE);
  g_clear_pointer (&reader->regions, g_array_unref);
  g_clear_pointer (&reader->organizations, g_array_unref);
  g_clear_pointer (&reader->organization_names, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IndexReader, index_reader_clear)

static void
split_countries (IndexReader *reader,
                 const char  *text)
{
  char *p;

  g_ptr_array_set_size (reader->countries, 0);
  if (text == NULL || *text == '\0')
    return;

  g_string_assign (reader->country_text, text);
  p = reader->country_text->str;
  g_ptr_array_add (reader->countries, p);
  for (; *p != '\0'; p++)
    if (*p == ',')
      {
        *p = '\0';
        g_ptr_array_add (reader->countries, p + 1);
      }
}

gboolean
atlas_store_foreach_index_row (AtlasStore         *self,
                               AtlasIndexRowFunc   func,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_auto(IndexReader) reader = { NULL, };
  gboolean own_transaction;
  gboolean has_ref = FALSE;
  gboolean ok = FALSE;
  guint n_rows = 0;
  int rc;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader.countries = g_ptr_array_new ();
  reader.country_text = g_string_new (NULL);
  reader.regions = g_array_new (FALSE, FALSE, sizeof (guint16));
  reader.organizations = g_array_new (FALSE, FALSE, sizeof (gint64));
  reader.organization_names = g_ptr_array_new_with_free_func (g_free);

  if ((rc = sqlite3_prepare_v2 (self->db, INDEX_ROWS_SQL, -1, &reader.rows, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (self->db, INDEX_REFS_SQL, -1, &reader.refs, NULL)) != SQLITE_OK)
    {
      set_error_from_code (self, rc, error);
      return FALSE;
    }

  /* Both cursors read the same snapshot. */
  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !exec_sql (self, "BEGIN", error))
    return FALSE;

  if (!step_row (self, reader.refs, &has_ref, error))
    goto out;

  for (;;)
    {
      AtlasIndexRow row = { 0, };
      gboolean has_row;

      if ((++n_rows & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (!step_row (self, reader.rows, &has_row, error))
        goto out;
      if (!has_row)
        break;

      row.rowid = sqlite3_column_int64 (reader.rows, 0);
      row.source_id = sqlite3_column_int64 (reader.rows, 1);
      row.status = atlas_status_from_string (column_text (reader.rows, 2));
      row.scope = atlas_scope_from_string (column_text (reader.rows, 3));
      row.gdc_objectives = (guint32) sqlite3_column_int64 (reader.rows, 4);
      row.wsis_lines = (guint32) sqlite3_column_int64 (reader.rows, 5);
      row.sdgs = (guint32) sqlite3_column_int64 (reader.rows, 6);
      row.priorities = (guint32) sqlite3_column_int64 (reader.rows, 7);
      row.title = column_text (reader.rows, 8);
      row.summary = column_text (reader.rows, 15);
      row.start_date = column_text (reader.rows, 9);
      row.updated_at = column_text (reader.rows, 10);

      split_countries (&reader, column_text (reader.rows, 11));
      row.countries = (const char * const *) reader.countries->pdata;
      row.n_countries = reader.countries->len;

      g_array_set_size (reader.regions, 0);
      parse_regions (reader.regions, column_text (reader.rows, 12));
      row.regions = (const guint16 *) (gpointer) reader.regions->data;
      row.n_regions = reader.regions->len;

      row.has_location = sqlite3_column_type (reader.rows, 13) != SQLITE_NULL;
      if (row.has_location)
        {
          row.latitude = sqlite3_column_double (reader.rows, 13);
          row.longitude = sqlite3_column_double (reader.rows, 14);
        }

      /* References are in the same order; skip any of a record that
       * vanished between the two cursors (cannot happen in one snapshot). */
      g_array_set_size (reader.organizations, 0);
      g_ptr_array_set_size (reader.organization_names, 0);
      while (has_ref && sqlite3_column_int64 (reader.refs, 0) <= row.rowid)
        {
          if (sqlite3_column_int64 (reader.refs, 0) == row.rowid)
            {
              gint64 organization = sqlite3_column_int64 (reader.refs, 1);
              AtlasOrgType type = atlas_org_type_from_string (column_text (reader.refs, 2));

              g_array_append_val (reader.organizations, organization);
              row.org_types |= 1u << type;
              g_ptr_array_add (reader.organization_names, column_dup (reader.refs, 3));
            }
          if (!step_row (self, reader.refs, &has_ref, error))
            goto out;
        }
      row.organizations = (const gint64 *) (gpointer) reader.organizations->data;
      row.organization_names = (const char * const *) reader.organization_names->pdata;
      row.n_organizations = reader.organizations->len;

      if (!func (&row, user_data))
        break;
    }

  ok = TRUE;

out:
  sqlite3_reset (reader.rows);
  sqlite3_reset (reader.refs);
  if (own_transaction)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return ok;
}

/* Builds an FTS5 query from what someone typed: every run of letters,
 * digits and marks is a word, quoted (so nothing in it is syntax) and made
 * a prefix; all words are required.  NULL when there is no word. */
#define SEARCH_MAX_WORDS 32

static char *
build_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *p = text;
  guint n_words = 0;

  while (*p != '\0' && n_words < SEARCH_MAX_WORDS)
    {
      const char *start;
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      start = p;
      while (*p != '\0')
        {
          c = g_utf8_get_char (p);
          if (!g_unichar_isalnum (c) && !g_unichar_ismark (c))
            break;
          p = g_utf8_next_char (p);
        }

      if (n_words++ > 0)
        g_string_append (query, " AND ");
      g_string_append_c (query, '"');
      for (const char *q = start; q < p; q++)
        {
          if (*q == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *q);
        }
      g_string_append (query, "\"*");
    }

  if (n_words == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

gboolean
atlas_store_search (AtlasStore  *self,
                    const char  *text,
                    GArray      *rowids,
                    GArray      *scores,
                    GError     **error)
{
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (rowids != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (rowids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (scores == NULL || g_array_get_element_size (scores) == sizeof (double),
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_size (rowids, 0);
  if (scores != NULL)
    g_array_set_size (scores, 0);

  if (!g_utf8_validate (text, -1, NULL) || (query = build_match_query (text)) == NULL)
    return TRUE;

  if ((stmt = get_stmt (self, STMT_SEARCH, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);

  for (;;)
    {
      gint64 rowid;

      if (!step_row (self, stmt, &has_row, error))
        {
          g_array_set_size (rowids, 0);
          if (scores != NULL)
            g_array_set_size (scores, 0);
          return FALSE;
        }
      if (!has_row)
        break;

      rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
      if (scores != NULL)
        {
          double score = sqlite3_column_double (stmt, 1);

          g_array_append_val (scores, score);
        }
    }

  return TRUE;
}

/* The tokenizer of initiative_fts keeps "ß" and a final "ς", which
 * atlas-text folds to "ss" and "σ": a folded word is searched in every
 * spelling that folds to it (an "ss", or a last "s", may be "ß"; a "σ" may
 * be "ς"), up to this many. */
#define MAX_SPELLINGS 16

static void
add_spellings (GPtrArray  *spellings,
               GString    *prefix,
               const char *rest)
{
  gsize length = prefix->len;

  if (spellings->len >= MAX_SPELLINGS)
    return;

  if (*rest == '\0')
    {
      g_ptr_array_add (spellings, g_strndup (prefix->str, prefix->len));
      return;
    }

  /* As folded first, so that it is always searched. */
  g_string_append_len (prefix, rest, g_utf8_next_char (rest) - rest);
  add_spellings (spellings, prefix, g_utf8_next_char (rest));
  g_string_truncate (prefix, length);

  if (g_str_has_prefix (rest, "ss") || g_str_equal (rest, "s"))
    {
      g_string_append (prefix, "ß");
      add_spellings (spellings, prefix, rest + (rest[1] == 's' ? 2 : 1));
      g_string_truncate (prefix, length);
    }
  else if (g_str_has_prefix (rest, "σ"))
    {
      g_string_append (prefix, "ς");
      add_spellings (spellings, prefix, rest + strlen ("σ"));
      g_string_truncate (prefix, length);
    }
}

static int
check_cancelled (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

/* SQLite calls the progress handler every this many virtual machine steps. */
#define CANCEL_CHECK_STEPS 4096

/* Appends @form to @query: each run of letters and digits of it (one,
 * unless it holds something the tokenizer splits on) in every spelling, as
 * quoted prefixes, all required; nothing when @form has no letter or
 * digit. */
static void
append_form (GString    *query,
             const char *form)
{
  g_autoptr(GPtrArray) spellings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) prefix = g_string_new (NULL);
  guint n_pieces = 0;

  for (const char *p = form; *p != '\0';)
    {
      g_autofree char *piece = NULL;
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        break;

      piece = g_strndup (start, p - start);
      g_ptr_array_set_size (spellings, 0);
      add_spellings (spellings, prefix, piece);

      g_string_append (query, n_pieces++ > 0 ? " AND (" : "((");
      for (guint k = 0; k < spellings->len; k++)
        g_string_append_printf (query, "%s\"%s\"*", k > 0 ? " OR " : "",
                                (const char *) g_ptr_array_index (spellings, k));
      g_string_append_c (query, ')');
    }

  if (n_pieces > 0)
    g_string_append_c (query, ')');
}

gboolean
atlas_store_search_descriptions (AtlasStore    *self,
                                 const char    *word,
                                 const char    *written,
                                 GArray        *rowids,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GString) query = NULL;
  g_autoptr(GString) folded = NULL;
  g_autoptr(GString) as_written = NULL;
  g_autofree char *lower = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row = TRUE;
  gboolean ok = TRUE;
  GError *local_error = NULL;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);
  g_return_val_if_fail (rowids != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (rowids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_size (rowids, 0);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!g_utf8_validate (word, -1, NULL) ||
      (written != NULL && !g_utf8_validate (written, -1, NULL)))
    return TRUE;

  /* In the description column: the word as folded, or as written. */
  folded = g_string_new (NULL);
  as_written = g_string_new (NULL);
  append_form (folded, word);
  if (written != NULL)
    {
      lower = g_utf8_strdown (written, -1);
      if (!g_str_equal (lower, word))
        append_form (as_written, lower);
    }

  if (folded->len == 0 && as_written->len == 0)
    return TRUE;

  query = g_string_new ("description : (");
  g_string_append (query, folded->str);
  if (folded->len > 0 && as_written->len > 0)
    g_string_append (query, " OR ");
  g_string_append (query, as_written->str);
  g_string_append_c (query, ')');

  if ((stmt = get_stmt (self, STMT_SEARCH_DESCRIPTIONS, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query->str, (int) query->len, SQLITE_STATIC);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, CANCEL_CHECK_STEPS, check_cancelled, cancellable);

  while (ok && has_row)
    {
      ok = step_row (self, stmt, &has_row, &local_error);
      if (ok && has_row)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (rowids, rowid);
        }
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  sqlite3_clear_bindings (stmt);

  if (!ok)
    {
      g_array_set_size (rowids, 0);
      /* An interrupted step reports SQLITE_INTERRUPT; say why. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&local_error);
          g_cancellable_set_error_if_cancelled (cancellable, &local_error);
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
