/* test-store.c
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

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-test-util.h"

#define FEED_URL "https://example.org/feed.json"

/* Helpers */

static char *
make_store_path (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();

  /* A folder that does not exist yet: the store creates it. */
  return g_build_filename (dir, "cache", "cache.sqlite3", NULL);
}

static AtlasStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AtlasStore *store = atlas_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static gint64
ensure_source (AtlasStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id = atlas_store_ensure_source (store, FEED_URL, ATLAS_SOURCE_KIND_FEED, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static AtlasOrganization *
make_org (const char   *id,
          const char   *name,
          AtlasOrgType  type)
{
  AtlasOrganization *org = atlas_organization_new ();

  org->id = g_strdup (id);
  org->name = g_strdup (name);
  org->type = type;
  org->country = g_strdup ("KE");
  org->website = g_strdup_printf ("https://example.org/%s", id);

  return org;
}

static AtlasInitiative *
make_initiative (const char *id,
                 const char *title)
{
  AtlasInitiative *initiative = atlas_initiative_new ();

  initiative->id = g_strdup (id);
  initiative->title = g_strdup (title);
  initiative->summary = g_strdup_printf ("Summary of %s.", title);
  initiative->description = g_strdup_printf ("A longer description of %s.", title);
  initiative->status = ATLAS_STATUS_ONGOING;
  initiative->scope = ATLAS_SCOPE_NATIONAL;
  initiative->start_date = g_strdup ("2021-03");
  initiative->updated_at = g_strdup ("2024-05-01T10:00:00Z");

  return initiative;
}

/* A record with every field given. */
static AtlasInitiative *
make_full_initiative (const char *id)
{
  AtlasInitiative *initiative = make_initiative (id, "Digital public infrastructure for health");
  guint16 regions[] = { 2, 14 };

  initiative->end_date = g_strdup ("2026-12-31");
  initiative->lead = g_strdup ("who");
  atlas_initiative_add_partner (initiative, "itu", ATLAS_ROLE_IMPLEMENTER);
  atlas_initiative_add_partner (initiative, "ngo", ATLAS_ROLE_FUNDER);
  g_ptr_array_add (initiative->countries, g_strdup ("KE"));
  g_ptr_array_add (initiative->countries, g_strdup ("TZ"));
  g_array_append_vals (initiative->regions, regions, G_N_ELEMENTS (regions));
  initiative->has_location = TRUE;
  initiative->latitude = -1.2921;
  initiative->longitude = 36.8219;
  initiative->gdc_objectives = (1u << 0) | (1u << 4);
  initiative->wsis_lines = (1u << ATLAS_WSIS_C7_E_HEALTH) | (1u << ATLAS_WSIS_C2);
  initiative->sdgs = (1u << 2) | (1u << 16);
  initiative->priorities = 1u << ATLAS_PRIORITY_DIGITAL_PUBLIC_INFRASTRUCTURE;
  atlas_initiative_add_link (initiative, "Website", "https://example.org/dpi");
  atlas_initiative_add_link (initiative, NULL, "https://example.org/report?a=1&b=\"2\"");
  atlas_initiative_add_milestone (initiative, "2022-06", "Pilot in Nairobi",
                                  ATLAS_MILESTONE_ACHIEVED, 100);
  atlas_initiative_add_milestone (initiative, "2025", NULL, ATLAS_MILESTONE_PLANNED, -1);
  atlas_initiative_set_property (initiative, "stage", "scale-up");
  atlas_initiative_set_property (initiative, "license", "Apache-2.0\twith \\ notes\n");

  return initiative;
}

static void
put_standard_orgs (AtlasStoreWriter *writer)
{
  const struct { const char *id, *name; AtlasOrgType type; } orgs[] = {
    { "who", "World Health Organization", ATLAS_ORG_TYPE_UN_ENTITY },
    { "itu", "International Telecommunication Union", ATLAS_ORG_TYPE_UN_ENTITY },
    { "ngo", "Fondation Étoile", ATLAS_ORG_TYPE_CIVIL_SOCIETY },
    { "uni", "University of Nairobi", ATLAS_ORG_TYPE_ACADEMIA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (orgs); i++)
    {
      g_autoptr(AtlasOrganization) org = make_org (orgs[i].id, orgs[i].name, orgs[i].type);
      g_autoptr(GError) error = NULL;

      atlas_store_writer_put_organization (writer, org, &error);
      g_assert_no_error (error);
    }
}

static AtlasChange
put (AtlasStoreWriter *writer,
     AtlasInitiative  *initiative)
{
  g_autoptr(GError) error = NULL;
  AtlasChange change = 42;

  g_assert_true (atlas_store_writer_put_initiative (writer, initiative, &change, NULL, &error));
  g_assert_no_error (error);

  return change;
}

static void
commit (AtlasStoreWriter *writer,
        guint            *n_removed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_store_writer_commit (writer, NULL, n_removed, &error));
  g_assert_no_error (error);
}

static gint64
rowid_of (AtlasStore *store,
          const char *id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rowid = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_handle (store),
                                       "SELECT id FROM initiative WHERE ext_id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return rowid;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Every row of every real table (FTS5's own tables included), in order. */
static char *
dump_database (sqlite3 *db)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  g_assert_cmpuint (tables->len, >, 5);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);

      /* WITHOUT ROWID tables are read in primary key order. */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_free (sql);
          sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
          g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
        }

      g_string_append_printf (dump, "== %s\n", table);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              switch (sqlite3_column_type (stmt, c))
                {
                case SQLITE_INTEGER:
                  g_string_append_printf (dump, "%" G_GINT64_FORMAT,
                                          (gint64) sqlite3_column_int64 (stmt, c));
                  break;
                case SQLITE_FLOAT:
                  g_string_append_printf (dump, "%.17g", sqlite3_column_double (stmt, c));
                  break;
                case SQLITE_TEXT:
                  g_string_append_printf (dump, "'%s'", sqlite3_column_text (stmt, c));
                  break;
                case SQLITE_BLOB:
                  {
                    const guint8 *blob = sqlite3_column_blob (stmt, c);

                    g_string_append (dump, "x'");
                    for (int b = 0; b < sqlite3_column_bytes (stmt, c); b++)
                      g_string_append_printf (dump, "%02x", blob[b]);
                    g_string_append_c (dump, '\'');
                  }
                  break;
                case SQLITE_NULL:
                default:
                  g_string_append (dump, "NULL");
                  break;
                }
              g_string_append_c (dump, '|');
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* The search index matches the records, and no row refers to one that is
 * gone (writers check references themselves, not SQLite). */
static void
assert_fts_consistent (AtlasStore *store)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_handle (store), "PRAGMA foreign_key_check",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (atlas_store_get_handle (store),
                                 "INSERT INTO initiative_fts (initiative_fts, rank) "
                                 "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* A store with a few records: "full" (every field), "water", "schools". */
static AtlasStore *
make_populated_store (char **path_out)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) full = make_full_initiative ("full");
  g_autoptr(AtlasInitiative) water = make_initiative ("water", "Clean water sensors");
  g_autoptr(AtlasInitiative) schools = make_initiative ("schools", "Connecting schools");
  g_autoptr(GError) error = NULL;
  AtlasStore *store = open_store (path);
  gint64 source = ensure_source (store);

  water->lead = g_strdup ("uni");
  atlas_initiative_add_partner (schools, "itu", ATLAS_ROLE_PARTNER);
  g_ptr_array_add (schools->countries, g_strdup ("BR"));

  writer = atlas_store_begin (store, source, TRUE, &error);
  g_assert_no_error (error);
  put_standard_orgs (writer);
  g_assert_cmpint (put (writer, full), ==, ATLAS_CHANGE_ADDED);
  g_assert_cmpint (put (writer, water), ==, ATLAS_CHANGE_ADDED);
  g_assert_cmpint (put (writer, schools), ==, ATLAS_CHANGE_ADDED);
  commit (writer, NULL);

  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return store;
}

/* Migrations */

static void
test_migrations_fresh (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStore) reopened = NULL;
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) initiative = make_initiative ("a", "First");
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = atlas_store_get_default_path ();
  sqlite3 *db = atlas_store_get_handle (store);
  sqlite3_stmt *stmt = NULL;
  int version;
  gint64 source;

  g_assert_true (g_str_has_suffix (default_path, "/cooperation-atlas/cache.sqlite3"));
  g_assert_true (g_str_has_prefix (default_path, g_get_user_cache_dir ()));

  g_assert_cmpstr (atlas_store_get_path (store), ==, path);
  version = atlas_store_get_schema_version (store);
  g_assert_cmpint (version, >=, 2);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, version);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpuint (atlas_store_count_initiatives (store, &error), ==, 0);
  g_assert_no_error (error);

  source = ensure_source (store);
  writer = atlas_store_begin (store, source, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (put (writer, initiative), ==, ATLAS_CHANGE_ADDED);
  commit (writer, NULL);
  g_clear_pointer (&writer, atlas_store_writer_free);
  g_clear_object (&store);

  reopened = open_store (path);
  g_assert_cmpint (atlas_store_get_schema_version (reopened), ==, version);
  g_assert_cmpuint (atlas_store_count_initiatives (reopened, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (ensure_source (reopened), ==, source);
}

static void
test_migrations_too_new (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("PRAGMA user_version = %d", atlas_store_get_schema_version (store) + 1);
  g_assert_cmpint (sqlite3_exec (atlas_store_get_handle (store), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_clear_object (&store);

  again = atlas_store_open (path, &error);
  g_assert_null (again);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_migrations_corrupt (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *text_path = g_build_filename (dir, "notes.sqlite3", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.sqlite3", NULL);
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text_path,
                                      "These are not the initiatives you are looking for.\n"
                                      "Just a text file with a misleading name.\n", -1, NULL));
  store = atlas_store_open (text_path, &error);
  g_assert_null (store);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "notes.sqlite3"));
  g_clear_error (&error);

  /* A database of something else. */
  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (other_path, &error);
  g_assert_null (store);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_CORRUPT);
}

static void
test_migrations_from_v0 (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.sqlite3", NULL);
  g_autoptr(AtlasStore) store = NULL;
  sqlite3 *db = NULL;

  /* An empty database, as left by a version that created the file and
   * stopped before its first migration. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); DROP TABLE t;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 0);
  sqlite3_close (db);

  store = open_store (path);
  g_assert_cmpint (atlas_store_get_schema_version (store), >=, 2);
  g_assert_cmpint (query_int (atlas_store_get_handle (store), "PRAGMA user_version"),
                   ==, atlas_store_get_schema_version (store));
  g_assert_cmpint (ensure_source (store), >, 0);
}

/* The schema of version 1 as it shipped, frozen: an old file to migrate. */
static const char schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('generation', 7);"
  "CREATE TABLE source (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
  "  title TEXT, etag TEXT, last_modified TEXT, cursor TEXT, snapshot_date TEXT,"
  "  last_success INTEGER NOT NULL DEFAULT 0, last_attempt INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT);"
  "CREATE TABLE organization (id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  ext_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT, country TEXT, website TEXT,"
  "  UNIQUE (source_id, ext_id));"
  "CREATE TABLE initiative (id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  ext_id TEXT NOT NULL, content_hash INTEGER NOT NULL, title TEXT NOT NULL, status TEXT,"
  "  scope TEXT, start_date TEXT, end_date TEXT, gdc INTEGER NOT NULL DEFAULT 0,"
  "  wsis INTEGER NOT NULL DEFAULT 0, sdg INTEGER NOT NULL DEFAULT 0,"
  "  priorities INTEGER NOT NULL DEFAULT 0, countries TEXT, regions TEXT, latitude REAL,"
  "  longitude REAL, updated_at TEXT, UNIQUE (source_id, ext_id));"
  "CREATE TABLE initiative_text (id INTEGER PRIMARY KEY REFERENCES initiative (id)"
  "  ON DELETE CASCADE, title TEXT NOT NULL, summary TEXT, description TEXT,"
  "  search_orgs TEXT, search_places TEXT, details TEXT);"
  "CREATE TABLE initiative_org ("
  "  initiative INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, organization INTEGER NOT NULL REFERENCES organization (id),"
  "  role TEXT, PRIMARY KEY (initiative, position)) WITHOUT ROWID;"
  "CREATE INDEX initiative_org_organization ON initiative_org (organization);"
  "PRAGMA application_id = 1096043603;"
  "PRAGMA user_version = 1;"
  "INSERT INTO source (id, url, kind, title) VALUES (1, '" FEED_URL "', 'feed', 'Old feed');"
  "INSERT INTO organization VALUES (1, 1, 'who', 'World Health Organization', 'un-entity',"
  "  NULL, NULL);"
  "INSERT INTO initiative (id, source_id, ext_id, content_hash, title, status, countries)"
  "  VALUES (5, 1, 'old', 1234, 'Telemedicine corridor', 'ongoing', 'KE');"
  "INSERT INTO initiative_text VALUES (5, 'Telemedicine corridor', 'Clinics linked.',"
  "  NULL, 'World Health Organization', 'Kenya', NULL);"
  "INSERT INTO initiative_org VALUES (5, 0, 1, 'lead');";

static void
test_migrations_from_v1 (void)
{
  g_autofree char *dir = atlas_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.sqlite3", NULL);
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasInitiative) initiative = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  g_assert_cmpint (atlas_store_get_schema_version (store), >=, 2);
  g_assert_cmpint (atlas_store_get_generation (store, &error), ==, 7);
  g_assert_no_error (error);

  /* Step 2 built the search index over the records already there. */
  atlas_store_search (store, "kenya telemed", rowids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_cmpint (g_array_index (rowids, gint64, 0), ==, 5);
  assert_fts_consistent (store);

  initiative = atlas_store_load_initiative (store, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (initiative->id, ==, "old");
  g_assert_cmpstr (initiative->lead, ==, "who");
  g_assert_cmpstr (initiative->lead_name, ==, "World Health Organization");
  g_assert_cmpstr (initiative->source_title, ==, "Old feed");
}

/* Writer */

static void
test_writer_changes (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) a = make_full_initiative ("a");
  g_autoptr(AtlasInitiative) b = make_initiative ("b", "Second");
  g_autoptr(AtlasInitiative) c = make_initiative ("c", "Third");
  g_autoptr(GError) error = NULL;
  gint64 source = ensure_source (store);
  sqlite3 *db = atlas_store_get_handle (store);
  int total_changes;

  writer = atlas_store_begin (store, source, TRUE, &error);
  g_assert_no_error (error);
  put_standard_orgs (writer);
  g_assert_cmpint (put (writer, a), ==, ATLAS_CHANGE_ADDED);
  g_assert_cmpint (put (writer, b), ==, ATLAS_CHANGE_ADDED);
  g_assert_cmpint (put (writer, c), ==, ATLAS_CHANGE_ADDED);
  commit (writer, NULL);
  g_clear_pointer (&writer, atlas_store_writer_free);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 3);

  /* The same records again: nothing to write. */
  writer = atlas_store_begin (store, source, FALSE, &error);
  g_assert_no_error (error);
  total_changes = sqlite3_total_changes (db);
  g_assert_cmpint (put (writer, a), ==, ATLAS_CHANGE_UNCHANGED);
  g_assert_cmpint (put (writer, b), ==, ATLAS_CHANGE_UNCHANGED);
  g_assert_cmpint (sqlite3_total_changes (db), ==, total_changes);

  /* Any field changes the record. */
  g_free (c->summary);
  c->summary = g_strdup ("A new summary.");
  g_assert_cmpint (put (writer, c), ==, ATLAS_CHANGE_UPDATED);
  b->sdgs |= 1u << 5;
  g_assert_cmpint (put (writer, b), ==, ATLAS_CHANGE_UPDATED);
  atlas_initiative_set_property (a, "stage", "mature");
  g_assert_cmpint (put (writer, a), ==, ATLAS_CHANGE_UPDATED);
  g_assert_cmpint (put (writer, a), ==, ATLAS_CHANGE_UNCHANGED);
  commit (writer, NULL);
  g_clear_pointer (&writer, atlas_store_writer_free);

  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 3);
  {
    g_autoptr(AtlasInitiative) loaded = atlas_store_load_initiative (store, rowid_of (store, "a"),
                                                                     &error);
    g_assert_no_error (error);
    g_assert_cmpstr (atlas_initiative_get_property (loaded, "stage"), ==, "mature");
  }
  assert_fts_consistent (store);
}

static void
test_writer_delete (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) missing = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 water = rowid_of (store, "water");
  gboolean existed = FALSE;
  guint n_removed = 99;

  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_writer_delete_initiative (writer, "water", &existed, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_true (atlas_store_writer_delete_initiative (writer, "no-such-record", &existed,
                                                       &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  commit (writer, &n_removed);
  g_assert_cmpuint (n_removed, ==, 1);

  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 2);
  missing = atlas_store_load_initiative (store, water, &error);
  g_assert_null (missing);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  atlas_store_search (store, "water", rowids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 0);
  g_assert_cmpint (query_int (atlas_store_get_handle (store),
                              "SELECT count(*) FROM initiative_org WHERE initiative NOT IN "
                              "(SELECT id FROM initiative)"), ==, 0);
  assert_fts_consistent (store);
}

static gboolean
has_org (GPtrArray  *orgs,
         const char *id)
{
  for (guint i = 0; i < orgs->len; i++)
    if (g_strcmp0 (((AtlasOrganization *) g_ptr_array_index (orgs, i))->id, id) == 0)
      return TRUE;

  return FALSE;
}

static void
test_writer_complete_sync (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) full = make_full_initiative ("full");
  g_autoptr(AtlasInitiative) fresh = make_initiative ("fresh", "A new one");
  g_autoptr(AtlasOrganization) who = make_org ("who", "World Health Organization",
                                               ATLAS_ORG_TYPE_UN_ENTITY);
  g_autoptr(AtlasOrganization) newcomer = make_org ("new", "Newcomer Lab", ATLAS_ORG_TYPE_OTHER);
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source = ensure_source (store);
  guint n_removed = 0;

  /* A delta keeps what it does not mention. */
  writer = atlas_store_begin (store, source, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (put (writer, fresh), ==, ATLAS_CHANGE_ADDED);
  commit (writer, &n_removed);
  g_clear_pointer (&writer, atlas_store_writer_free);
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 4);

  /* A complete sync with only "full" and "fresh": "water" and "schools"
   * go, and so do the organisations nobody names any more ("uni"), but not
   * those still named ("who", "itu", "ngo") nor one put without records. */
  writer = atlas_store_begin (store, source, TRUE, &error);
  g_assert_no_error (error);
  atlas_store_writer_put_organization (writer, who, &error);
  g_assert_no_error (error);
  atlas_store_writer_put_organization (writer, newcomer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (put (writer, full), ==, ATLAS_CHANGE_UNCHANGED);
  g_assert_cmpint (put (writer, fresh), ==, ATLAS_CHANGE_UNCHANGED);
  commit (writer, &n_removed);
  g_clear_pointer (&writer, atlas_store_writer_free);

  g_assert_cmpuint (n_removed, ==, 2);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 2);
  g_assert_cmpint (rowid_of (store, "water"), ==, 0);
  g_assert_cmpint (rowid_of (store, "schools"), ==, 0);
  g_assert_cmpint (rowid_of (store, "full"), >, 0);

  orgs = atlas_store_list_organizations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 4);
  g_assert_true (has_org (orgs, "who"));
  g_assert_true (has_org (orgs, "itu"));
  g_assert_true (has_org (orgs, "ngo"));
  g_assert_true (has_org (orgs, "new"));
  g_assert_false (has_org (orgs, "uni"));
  assert_fts_consistent (store);
}

static void
test_writer_unknown_orgs (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) initiative = make_initiative ("x", "Shared spectrum");
  g_autoptr(AtlasInitiative) loaded = NULL;
  g_autoptr(AtlasOrganization) ghost = make_org ("ghost", "Ghost Networks",
                                                 ATLAS_ORG_TYPE_PRIVATE_SECTOR);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  g_autoptr(GError) error = NULL;
  gint64 source = ensure_source (store);
  const AtlasProblem *problem;
  AtlasChange change;

  initiative->lead = g_strdup ("nobody");
  atlas_initiative_add_partner (initiative, "itu", ATLAS_ROLE_PARTNER);
  atlas_initiative_add_partner (initiative, "ghost", ATLAS_ROLE_FUNDER);
  atlas_initiative_add_partner (initiative, "uni", ATLAS_ROLE_IMPLEMENTER);

  writer = atlas_store_begin (store, source, FALSE, &error);
  g_assert_no_error (error);
  put_standard_orgs (writer);
  atlas_store_writer_put_initiative (writer, initiative, &change, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change, ==, ATLAS_CHANGE_ADDED);
  commit (writer, NULL);
  g_clear_pointer (&writer, atlas_store_writer_free);

  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_UNKNOWN_VALUE);
  g_assert_cmpstr (problem->record_id, ==, "x");
  g_assert_cmpstr (problem->field, ==, "lead");
  g_assert_cmpstr (problem->value, ==, "nobody");
  g_assert_nonnull (strstr (problem->message, "nobody"));
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (problem->field, ==, "partners");
  g_assert_cmpstr (problem->value, ==, "ghost");

  loaded = atlas_store_load_initiative (store, rowid_of (store, "x"), &error);
  g_assert_no_error (error);
  g_assert_null (loaded->lead);
  g_assert_null (loaded->lead_name);
  g_assert_cmpuint (loaded->partners->len, ==, 2);
  g_assert_cmpstr (((AtlasPartner *) g_ptr_array_index (loaded->partners, 0))->organization,
                   ==, "itu");
  g_assert_cmpstr (((AtlasPartner *) g_ptr_array_index (loaded->partners, 1))->organization,
                   ==, "uni");
  g_clear_pointer (&loaded, atlas_initiative_unref);

  /* Once the source has the organisation, the same record takes it. */
  g_ptr_array_set_size (problems, 0);
  writer = atlas_store_begin (store, source, FALSE, &error);
  g_assert_no_error (error);
  atlas_store_writer_put_organization (writer, ghost, &error);
  g_assert_no_error (error);
  atlas_store_writer_put_initiative (writer, initiative, &change, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change, ==, ATLAS_CHANGE_UPDATED);
  g_assert_cmpuint (problems->len, ==, 1);
  commit (writer, NULL);

  loaded = atlas_store_load_initiative (store, rowid_of (store, "x"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->partners->len, ==, 3);
  g_assert_cmpstr (((AtlasPartner *) g_ptr_array_index (loaded->partners, 1))->name,
                   ==, "Ghost Networks");
  g_assert_cmpint (((AtlasPartner *) g_ptr_array_index (loaded->partners, 1))->role,
                   ==, ATLAS_ROLE_FUNDER);
}

static void
test_writer_round_trip (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) full = make_full_initiative ("full");
  g_autoptr(AtlasInitiative) bare = atlas_initiative_new ();
  g_autoptr(AtlasInitiative) markup = make_initiative ("markup", "<b>Bold</b> & <i>brave</i>");
  g_autoptr(AtlasInitiative) loaded = NULL;
  g_autoptr(AtlasOrganization) org = NULL;
  g_autoptr(GError) error = NULL;
  AtlasSourceUpdate update = { .title = "Portal feed" };
  gint64 source = ensure_source (store);
  const AtlasPartner *partner;

  bare->id = g_strdup ("bare");
  bare->title = g_strdup ("Nothing else given");
  g_free (markup->description);
  markup->description =
    g_strdup ("Use &amp; <script>alert('x')</script> \"quotes\" \\ ünï©ødé 🌍");

  writer = atlas_store_begin (store, source, TRUE, &error);
  g_assert_no_error (error);
  put_standard_orgs (writer);
  put (writer, full);
  put (writer, bare);
  put (writer, markup);
  g_assert_true (atlas_store_writer_commit (writer, &update, NULL, &error));
  g_assert_no_error (error);

  loaded = atlas_store_load_initiative (store, rowid_of (store, "full"), &error);
  g_assert_no_error (error);
  g_assert_true (atlas_initiative_equal (full, loaded));
  g_assert_cmpint (loaded->rowid, ==, rowid_of (store, "full"));
  g_assert_cmpint (loaded->source_id, ==, source);
  g_assert_cmpstr (loaded->source_url, ==, FEED_URL);
  g_assert_cmpstr (loaded->source_title, ==, "Portal feed");
  g_assert_cmpstr (loaded->lead_name, ==, "World Health Organization");
  g_assert_cmpint (loaded->lead_type, ==, ATLAS_ORG_TYPE_UN_ENTITY);
  partner = g_ptr_array_index (loaded->partners, 0);
  g_assert_cmpstr (partner->name, ==, "International Telecommunication Union");
  g_assert_cmpint (partner->type, ==, ATLAS_ORG_TYPE_UN_ENTITY);
  partner = g_ptr_array_index (loaded->partners, 1);
  g_assert_cmpstr (partner->name, ==, "Fondation Étoile");
  g_assert_cmpint (partner->type, ==, ATLAS_ORG_TYPE_CIVIL_SOCIETY);
  g_assert_cmpint (partner->role, ==, ATLAS_ROLE_FUNDER);
  g_clear_pointer (&loaded, atlas_initiative_unref);

  loaded = atlas_store_load_initiative (store, rowid_of (store, "bare"), &error);
  g_assert_no_error (error);
  g_assert_true (atlas_initiative_equal (bare, loaded));
  g_assert_false (loaded->has_location);
  g_assert_null (loaded->summary);
  g_clear_pointer (&loaded, atlas_initiative_unref);

  /* Text is stored as given, never interpreted. */
  loaded = atlas_store_load_initiative (store, rowid_of (store, "markup"), &error);
  g_assert_no_error (error);
  g_assert_true (atlas_initiative_equal (markup, loaded));
  g_assert_cmpstr (loaded->title, ==, "<b>Bold</b> & <i>brave</i>");
  g_assert_cmpstr (loaded->description, ==, markup->description);

  org = atlas_store_load_organization (store, query_int (atlas_store_get_handle (store),
                                                         "SELECT id FROM organization "
                                                         "WHERE ext_id = 'ngo'"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (org->id, ==, "ngo");
  g_assert_cmpstr (org->name, ==, "Fondation Étoile");
  g_assert_cmpint (org->type, ==, ATLAS_ORG_TYPE_CIVIL_SOCIETY);
  g_assert_cmpstr (org->country, ==, "KE");
  g_assert_cmpstr (org->website, ==, "https://example.org/ngo");
  g_assert_cmpint (org->source_id, ==, source);
  g_clear_pointer (&org, atlas_organization_unref);

  org = atlas_store_load_organization (store, 123456, &error);
  g_assert_null (org);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
}

static void
test_writer_list_organizations (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "gamma", "Beta", "alpha", "Delta" };
  const char *sorted[] = { "alpha", "Beta", "Delta", "gamma" };

  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("o%u", i);
      g_autoptr(AtlasOrganization) org = make_org (id, names[i], ATLAS_ORG_TYPE_OTHER);

      atlas_store_writer_put_organization (writer, org, &error);
      g_assert_no_error (error);
    }
  commit (writer, NULL);

  orgs = atlas_store_list_organizations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < orgs->len; i++)
    {
      AtlasOrganization *org = g_ptr_array_index (orgs, i);

      g_assert_cmpstr (org->name, ==, sorted[i]);
      g_assert_cmpint (org->rowid, >, 0);
    }
}

static void
test_writer_sources (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasSource) source = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  AtlasSourceUpdate update = {
    .title = "The portal",
    .etag = "\"v1\"",
    .last_modified = "Wed, 01 May 2024 10:00:00 GMT",
    .cursor = "2024-05-01T10:00:00Z",
    .snapshot_date = "2024-05-01T10:00:00Z",
  };
  AtlasSourceUpdate forget = { .clear_validators = TRUE, .snapshot_date = "2024-06-01T00:00:00Z" };
  gint64 id = ensure_source (store);
  gint64 other;
  gint64 last_success;

  g_assert_cmpint (atlas_store_ensure_source (store, FEED_URL, ATLAS_SOURCE_KIND_FEED, NULL),
                   ==, id);

  writer = atlas_store_begin (store, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_writer_commit (writer, &update, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, atlas_store_writer_free);

  source = atlas_store_lookup_source (store, FEED_URL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source->id, ==, id);
  g_assert_cmpint (source->kind, ==, ATLAS_SOURCE_KIND_FEED);
  g_assert_cmpstr (source->title, ==, "The portal");
  g_assert_cmpstr (source->etag, ==, "\"v1\"");
  g_assert_cmpstr (source->last_modified, ==, "Wed, 01 May 2024 10:00:00 GMT");
  g_assert_cmpstr (source->cursor, ==, "2024-05-01T10:00:00Z");
  g_assert_cmpstr (source->snapshot_date, ==, "2024-05-01T10:00:00Z");
  g_assert_cmpint (source->last_success, >, 0);
  g_assert_cmpint (source->last_attempt, ==, source->last_success);
  g_assert_null (source->last_error);
  g_assert_cmpuint (source->n_initiatives, ==, 3);
  last_success = source->last_success;
  g_clear_pointer (&source, atlas_source_free);

  /* A failure touches only the attempt and the message. */
  g_assert_true (atlas_store_record_failure (store, id, "The feed could not be reached.",
                                             &error));
  g_assert_no_error (error);
  source = atlas_store_lookup_source (store, FEED_URL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source->last_error, ==, "The feed could not be reached.");
  g_assert_cmpint (source->last_success, ==, last_success);
  g_assert_cmpstr (source->etag, ==, "\"v1\"");
  g_assert_cmpuint (source->n_initiatives, ==, 3);
  g_clear_pointer (&source, atlas_source_free);

  g_assert_true (atlas_store_record_not_modified (store, id, &error));
  g_assert_no_error (error);
  source = atlas_store_lookup_source (store, FEED_URL, &error);
  g_assert_no_error (error);
  g_assert_null (source->last_error);
  g_assert_cmpstr (source->cursor, ==, "2024-05-01T10:00:00Z");
  g_clear_pointer (&source, atlas_source_free);

  /* Forgetting the validators; what is not given stays. */
  writer = atlas_store_begin (store, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_writer_commit (writer, &forget, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, atlas_store_writer_free);
  source = atlas_store_lookup_source (store, FEED_URL, &error);
  g_assert_no_error (error);
  g_assert_null (source->etag);
  g_assert_null (source->last_modified);
  g_assert_cmpstr (source->title, ==, "The portal");
  g_assert_cmpstr (source->cursor, ==, "2024-05-01T10:00:00Z");
  g_assert_cmpstr (source->snapshot_date, ==, "2024-06-01T00:00:00Z");

  {
    g_autoptr(AtlasSource) copy = atlas_source_copy (source);

    g_assert_cmpstr (copy->url, ==, source->url);
    g_assert_cmpstr (copy->snapshot_date, ==, source->snapshot_date);
    g_assert_cmpint (copy->last_success, ==, source->last_success);
  }

  g_assert_false (atlas_store_record_failure (store, 999, "x", &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (atlas_store_lookup_source (store, "https://example.org/other", &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (atlas_store_begin (store, 999, FALSE, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  other = atlas_store_ensure_source (store, "file:///tmp/export.json", ATLAS_SOURCE_KIND_FILE,
                                     &error);
  g_assert_no_error (error);
  sources = atlas_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpint (((AtlasSource *) g_ptr_array_index (sources, 1))->id, ==, other);
  g_assert_cmpint (((AtlasSource *) g_ptr_array_index (sources, 1))->kind, ==,
                   ATLAS_SOURCE_KIND_FILE);

  /* Removing a source removes everything it brought. */
  g_assert_true (atlas_store_remove_source (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 0);
  g_assert_cmpint (query_int (atlas_store_get_handle (store),
                              "SELECT count(*) FROM organization"), ==, 0);
  atlas_store_search (store, "digital", rowids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 0);
  assert_fts_consistent (store);
  g_clear_pointer (&source, atlas_source_free);
  source = atlas_store_lookup_source (store, FEED_URL, NULL);
  g_assert_null (source);
}

/* Atomicity */

static void
test_atomicity_rollback (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) changed = make_full_initiative ("full");
  g_autoptr(AtlasInitiative) added = make_initiative ("added", "Added then abandoned");
  g_autoptr(AtlasOrganization) renamed = make_org ("itu", "ITU, renamed", ATLAS_ORG_TYPE_OTHER);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_database (atlas_store_get_handle (store));
  g_autofree char *after = NULL;
  gint64 generation = atlas_store_get_generation (store, NULL);
  gboolean existed;

  g_free (changed->title);
  changed->title = g_strdup ("Changed title");

  writer = atlas_store_begin (store, ensure_source (store), TRUE, &error);
  g_assert_no_error (error);
  atlas_store_writer_put_organization (writer, renamed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (put (writer, changed), ==, ATLAS_CHANGE_UPDATED);
  g_assert_cmpint (put (writer, added), ==, ATLAS_CHANGE_ADDED);
  g_assert_true (atlas_store_writer_delete_initiative (writer, "water", &existed, &error));
  g_assert_true (existed);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 3);
  g_clear_pointer (&writer, atlas_store_writer_free);

  after = dump_database (atlas_store_get_handle (store));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (atlas_store_get_generation (store, NULL), ==, generation);
}

static void
test_atomicity_disk_full (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_database (atlas_store_get_handle (store));
  g_autofree char *after = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *filler = NULL;
  sqlite3 *db = atlas_store_get_handle (store);
  gboolean ok = TRUE;
  guint i;

  writer = atlas_store_begin (store, ensure_source (store), TRUE, &error);
  g_assert_no_error (error);

  /* The file may not grow any more. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           query_int (db, "PRAGMA page_count"));
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  filler = g_strnfill (4000, 'z');
  for (i = 0; i < 1000 && ok; i++)
    {
      g_autofree char *id = g_strdup_printf ("filler-%u", i);
      g_autoptr(AtlasInitiative) initiative = make_initiative (id, "Filling the disk");

      g_free (initiative->description);
      initiative->description = g_strdup_printf ("%s %u", filler, i);
      ok = atlas_store_writer_put_initiative (writer, initiative, NULL, NULL, &error);
    }

  g_assert_false (ok);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);

  /* The writer is finished: nothing more goes through it. */
  g_assert_false (atlas_store_writer_commit (writer, NULL, NULL, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_pointer (&writer, atlas_store_writer_free);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  after = dump_database (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 3);
}

static void
test_atomicity_two_connections (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AtlasStore) store = make_populated_store (&path);
  g_autoptr(AtlasStore) reader = open_store (path);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) added = make_initiative ("added", "Quantum networking");
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 generation = atlas_store_get_generation (reader, &error);

  g_assert_no_error (error);

  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (put (writer, added), ==, ATLAS_CHANGE_ADDED);

  /* The writer's own connection sees its work, the other one does not. */
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 4);
  g_assert_cmpuint (atlas_store_count_initiatives (reader, &error), ==, 3);
  g_assert_no_error (error);
  atlas_store_search (reader, "quantum", rowids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 0);
  g_assert_cmpint (atlas_store_get_generation (reader, NULL), ==, generation);

  /* Only one writer at a time: the second waits, then gives up. */
  sqlite3_busy_timeout (atlas_store_get_handle (reader), 50);
  g_assert_null (atlas_store_begin (reader, ensure_source (store), FALSE, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_BUSY);
  g_clear_error (&error);

  commit (writer, NULL);

  g_assert_cmpuint (atlas_store_count_initiatives (reader, &error), ==, 4);
  g_assert_no_error (error);
  atlas_store_search (reader, "quantum", rowids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_cmpint (atlas_store_get_generation (reader, NULL), ==, generation + 1);
}

/* Writes @initiative, a changed version of a record, through @store. */
static void
update_through (AtlasStore      *store,
                AtlasInitiative *initiative)
{
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (put (writer, initiative), ==, ATLAS_CHANGE_UPDATED);
  commit (writer, NULL);
}

/* A summary comes from memory the second time, and from the database
 * again once it changed, through this connection or another one. */
static void
test_summaries (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AtlasStore) store = make_populated_store (&path);
  g_autoptr(AtlasStore) other = open_store (path);
  g_autoptr(AtlasInitiative) changed = make_initiative ("water", "Renamed once");
  g_autoptr(AtlasInitiative) first = NULL;
  g_autoptr(AtlasInitiative) again = NULL;
  g_autoptr(AtlasInitiative) after_own = NULL;
  g_autoptr(AtlasInitiative) after_other = NULL;
  g_autoptr(AtlasInitiative) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 rowid = rowid_of (store, "water");

  first = atlas_store_load_summary (store, rowid, &error);
  g_assert_no_error (error);
  again = atlas_store_load_summary (store, rowid, &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  title = g_strdup (first->title);

  /* A write through the same connection. */
  update_through (store, changed);
  after_own = atlas_store_load_summary (store, rowid, &error);
  g_assert_no_error (error);
  g_assert_true (after_own != first);
  g_assert_cmpstr (after_own->title, ==, "Renamed once");
  /* The summary handed out before is left as it was. */
  g_assert_cmpstr (first->title, ==, title);

  /* A write through another connection, as a sync makes. */
  g_free (changed->title);
  changed->title = g_strdup ("Renamed twice");
  update_through (other, changed);
  after_other = atlas_store_load_summary (store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after_other->title, ==, "Renamed twice");

  /* What an open writer changed is read, not kept: rolled back, it is gone. */
  g_free (changed->title);
  changed->title = g_strdup ("Never committed");
  {
    g_autoptr(AtlasStoreWriter) writer = atlas_store_begin (store, ensure_source (store), FALSE,
                                                            &error);
    g_autoptr(AtlasInitiative) during = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (put (writer, changed), ==, ATLAS_CHANGE_UPDATED);
    during = atlas_store_load_summary (store, rowid, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (during->title, ==, "Never committed");
  }
  {
    g_autoptr(AtlasInitiative) rolled_back = atlas_store_load_summary (store, rowid, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rolled_back->title, ==, "Renamed twice");
  }

  /* A record that is not there is an error, as before. */
  missing = atlas_store_load_summary (store, 999999, &error);
  g_assert_null (missing);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);
}

/* Search */

static GArray *
search (AtlasStore *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_true (atlas_store_search (store, text, rowids, scores, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, rowids->len);
  for (guint i = 1; i < scores->len; i++)
    g_assert_cmpfloat (g_array_index (scores, double, i - 1), >=,
                       g_array_index (scores, double, i));

  return rowids;
}

static gboolean
found (AtlasStore *store,
       const char *text,
       const char *id)
{
  g_autoptr(GArray) rowids = search (store, text);
  gint64 rowid = rowid_of (store, id);

  for (guint i = 0; i < rowids->len; i++)
    if (g_array_index (rowids, gint64, i) == rowid)
      return TRUE;

  return FALSE;
}

static guint
n_found (AtlasStore *store,
         const char *text)
{
  g_autoptr(GArray) rowids = search (store, text);

  return rowids->len;
}

/* The first complete sync of a source has nothing to sweep; it still
 * handles a record given twice and a record kept that it does not have,
 * and the next complete sync sweeps what it no longer gives. */
static void
test_writer_first_complete_sync (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) a = make_initiative ("a", "Rural broadband");
  g_autoptr(AtlasInitiative) a_again = make_initiative ("a", "Rural broadband cooperatives");
  g_autoptr(AtlasInitiative) b = make_initiative ("b", "Open maps");
  g_autoptr(GError) error = NULL;
  gint64 source = ensure_source (store);
  guint n_removed = 99;
  gboolean kept = TRUE;

  writer = atlas_store_begin (store, source, TRUE, &error);
  g_assert_no_error (error);
  put_standard_orgs (writer);
  g_assert_cmpint (put (writer, a), ==, ATLAS_CHANGE_ADDED);
  g_assert_cmpint (put (writer, b), ==, ATLAS_CHANGE_ADDED);
  g_assert_cmpint (put (writer, a_again), ==, ATLAS_CHANGE_UPDATED);
  atlas_store_writer_keep_initiative (writer, "missing", &kept, &error);
  g_assert_no_error (error);
  g_assert_false (kept);
  commit (writer, &n_removed);
  g_clear_pointer (&writer, atlas_store_writer_free);

  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_cmpuint (atlas_store_count_initiatives (store, NULL), ==, 2);
  g_assert_true (found (store, "cooperatives", "a"));
  assert_fts_consistent (store);

  writer = atlas_store_begin (store, source, TRUE, &error);
  g_assert_no_error (error);
  put_standard_orgs (writer);
  g_assert_cmpint (put (writer, b), ==, ATLAS_CHANGE_UNCHANGED);
  commit (writer, &n_removed);
  g_clear_pointer (&writer, atlas_store_writer_free);

  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_cmpint (rowid_of (store, "a"), ==, 0);
  g_assert_cmpint (rowid_of (store, "b"), >, 0);
  g_assert_false (found (store, "cooperatives", "a"));
  assert_fts_consistent (store);
}

/* The index's "atlas" tokenizer gives the words unicode61 remove_diacritics 2
 * gives, at the same offsets: two tables over the same texts, one with each,
 * must have the same vocabulary and highlight every word the same way.
 * With "distinct" (each word once per value, for detail=column), the index
 * says which columns of which rows hold each word exactly as unicode61's. */

static GPtrArray *
query_strings (sqlite3    *db,
               const char *sql,
               const char *parameter)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup_printf ("%s|%s", sqlite3_column_text (stmt, 0),
                                            sqlite3_column_text (stmt, 1)));
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);

  return rows;
}

static void
assert_same_rows (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_tokenizer (void)
{
  g_autofree char *path = make_store_path ();
  g_autoptr(AtlasStore) store = open_store (path);
  g_autoptr(GPtrArray) atlas_terms = NULL;
  g_autoptr(GPtrArray) unicode61_terms = NULL;
  sqlite3 *db = atlas_store_get_handle (store);
  const char *texts[] = {
    "Santé numérique pour TOUS: développement, Développement et DÉVELOPPEMENT.",
    "naïve café—Zürich’s «Œuvre» l'été 2024-05 x86_64 e\xcc\x81te\xcc\x81 ABC123déf ǅemal",
    "Ελληνικά ΣΟΦΙΑ σοφία, русский ЯЗЫК, 中文分词, العربية, हिन्दी, ﬁne ß STRASSE",
    "dup dup DUP Dup dUp, repeated repeated; a a a a a a a a a a a a a a a a a a",
    "tab\tnew\nline\rcr\x01ctl 日本語テキスト 😀emoji😀 ½ ² Ⅻ ①",
    "a\x10" "b\x19" "c\x1a\x1f@[`{\x7f~Z0/9:AzaZ long8chr8 exactly16bytes!! "
    "abcdefghijklmnopqrstuvwxyz0123 \x10\x11\x12\x13\x14\x15\x16\x17\x18\x19 x\x10\x10\x10\x10\x10\x10\x10",
    "@@@@@@@@@@@@@@@@x                 y\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7fzé",
    "\xff\xfe broken \xc3 utf8 \xe2\x82 bytes \x80\x80 end\xc3\xa9",
    "", "   ", "...", "a", "Z9", "éé", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
  };

  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE temp.t_atlas USING fts5 (x, tokenize = 'atlas');"
                                 "CREATE VIRTUAL TABLE temp.t_u61 USING fts5 (x,"
                                 "  tokenize = 'unicode61 remove_diacritics 2');"
                                 "CREATE VIRTUAL TABLE temp.v_atlas USING fts5vocab (temp, t_atlas, row);"
                                 "CREATE VIRTUAL TABLE temp.v_u61 USING fts5vocab (temp, t_u61, row);"
                                 "CREATE VIRTUAL TABLE temp.c_atlas USING fts5 (x, y,"
                                 "  tokenize = 'atlas distinct', detail = column);"
                                 "CREATE VIRTUAL TABLE temp.c_u61 USING fts5 (x, y,"
                                 "  tokenize = 'unicode61 remove_diacritics 2', detail = column);"
                                 "CREATE VIRTUAL TABLE temp.w_atlas USING fts5vocab (temp, c_atlas, col);"
                                 "CREATE VIRTUAL TABLE temp.w_u61 USING fts5vocab (temp, c_u61, col);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      sqlite3_stmt *stmt = NULL;

      const char *inserts[] = {
        "INSERT INTO temp.t_atlas (x) VALUES (?1)",
        "INSERT INTO temp.t_u61 (x) VALUES (?1)",
        "INSERT INTO temp.c_atlas (x, y) VALUES (?1, ?2)",
        "INSERT INTO temp.c_u61 (x, y) VALUES (?1, ?2)",
      };

      for (guint t = 0; t < G_N_ELEMENTS (inserts); t++)
        {
          g_assert_cmpint (sqlite3_prepare_v2 (db, inserts[t], -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, texts[i], -1, SQLITE_STATIC);
          if (t >= 2)
            sqlite3_bind_text (stmt, 2, texts[(i + 1) % G_N_ELEMENTS (texts)], -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
        }
    }

  atlas_terms = query_strings (db, "SELECT term, doc FROM temp.v_atlas ORDER BY term", NULL);
  unicode61_terms = query_strings (db, "SELECT term, doc FROM temp.v_u61 ORDER BY term", NULL);
  assert_same_rows (atlas_terms, unicode61_terms);
  g_assert_cmpuint (atlas_terms->len, >, 40);

  /* Every word is found in the same texts, at the same places, by a query
   * tokenized the same way ("développement" also finds "developpement"). */
  for (guint i = 0; i < atlas_terms->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (atlas_terms, i), "|", 2);
      g_autofree char *query = g_strdup_printf ("\"%s\"", fields[0]);
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;

      a = query_strings (db, "SELECT rowid, highlight (t_atlas, 0, '[', ']') FROM temp.t_atlas "
                             "WHERE t_atlas MATCH ?1 ORDER BY rowid", query);
      b = query_strings (db, "SELECT rowid, highlight (t_u61, 0, '[', ']') FROM temp.t_u61 "
                             "WHERE t_u61 MATCH ?1 ORDER BY rowid", query);
      g_assert_cmpuint (a->len, >, 0);
      assert_same_rows (a, b);
    }

  /* The words of each column of each row; "distinct" after an update and a
   * delete too, and the index stays consistent with its content. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;

      a = query_strings (db, "SELECT term || ' ' || col, doc FROM temp.w_atlas "
                             "ORDER BY term, col", NULL);
      b = query_strings (db, "SELECT term || ' ' || col, doc FROM temp.w_u61 "
                             "ORDER BY term, col", NULL);
      assert_same_rows (a, b);
      g_assert_cmpuint (a->len, >, 40);

      g_assert_cmpint (sqlite3_exec (db,
                                     "UPDATE temp.c_atlas SET x = y, y = x WHERE rowid % 2 = 0;"
                                     "UPDATE temp.c_u61 SET x = y, y = x WHERE rowid % 2 = 0;"
                                     "DELETE FROM temp.c_atlas WHERE rowid = 3;"
                                     "DELETE FROM temp.c_u61 WHERE rowid = 3;",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
    }

  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO temp.t_atlas (t_atlas, rank) "
                                 "VALUES ('integrity-check', 1);"
                                 "INSERT INTO temp.c_atlas (c_atlas, rank) "
                                 "VALUES ('integrity-check', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.bad USING fts5 (x, "
                                     "tokenize = 'atlas separators .')", NULL, NULL, NULL),
                   !=, SQLITE_OK);
}

static void
test_search (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autoptr(AtlasInitiative) sante = make_initiative ("sante", "Santé numérique pour tous");
  g_autoptr(AtlasInitiative) deep = make_initiative ("deep", "Registry");
  g_autoptr(AtlasInitiative) top = make_initiative ("top", "Quantum registry");
  g_autoptr(AtlasOrganization) renamed = make_org ("uni", "Makerere Innovation Hub",
                                                   ATLAS_ORG_TYPE_ACADEMIA);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostile[] = {
    "", "   ", "\"", "\"\"\"", "AND", "OR", "NOT", "NEAR(", "NEAR(a b, 3)", "*", "-", "+",
    "(", ")", "((digital", "digital)", "^digital", "title:digital", "{title summary}: x",
    "a\"b", "digital AND", "OR digital", "NOT digital", "*digital*", "d*g", ":", ";--",
    "'); DROP TABLE initiative; --", "\t\n", "é", "́", "🌍", "ab\"cd\"ef",
  };
  gint64 water = rowid_of (store, "water");

  g_free (sante->description);
  sante->description = g_strdup ("Un programme de SANTÉ communautaire.");
  g_free (deep->description);
  deep->description = g_strdup ("A registry for quantum keys.");

  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  put (writer, sante);
  put (writer, deep);
  put (writer, top);
  commit (writer, NULL);
  g_clear_pointer (&writer, atlas_store_writer_free);

  /* Case and accents do not matter, either way. */
  g_assert_true (found (store, "sante", "sante"));
  g_assert_true (found (store, "SANTÉ", "sante"));
  g_assert_true (found (store, "Santé", "sante"));
  g_assert_true (found (store, "numerique", "sante"));
  g_assert_true (found (store, "communautaire", "sante"));

  /* Every word is a prefix. */
  g_assert_true (found (store, "digi", "full"));
  g_assert_true (found (store, "Conn sch", "schools"));
  g_assert_false (found (store, "digitalis", "full"));

  /* Organisations and places. */
  g_assert_true (found (store, "etoile", "full"));
  g_assert_true (found (store, "telecommunication", "schools"));
  g_assert_true (found (store, "nairobi", "water"));
  g_assert_true (found (store, "kenya", "full"));
  g_assert_true (found (store, "tanzania", "full"));
  g_assert_true (found (store, "brazil", "schools"));
  g_assert_true (found (store, "africa", "full"));
  g_assert_false (found (store, "kenya", "schools"));

  /* All words are required. */
  g_assert_true (found (store, "kenya digital", "full"));
  g_assert_false (found (store, "brazil digital", "full"));
  g_assert_cmpuint (n_found (store, "brazil digital"), ==, 0);
  g_assert_cmpuint (n_found (store, "connecting schools brazil"), ==, 1);

  /* A title match ranks above a description match. */
  rowids = search (store, "quantum");
  g_assert_cmpuint (rowids->len, ==, 2);
  g_assert_cmpint (g_array_index (rowids, gint64, 0), ==, rowid_of (store, "top"));
  g_assert_cmpint (g_array_index (rowids, gint64, 1), ==, rowid_of (store, "deep"));
  g_clear_pointer (&rowids, g_array_unref);

  /* Nothing anyone types is an error. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GArray) result = search (store, hostile[i]);

      g_assert_cmpuint (result->len, <=, 6);
    }
  g_assert_cmpuint (n_found (store, ""), ==, 0);
  g_assert_cmpuint (n_found (store, "\" * - ( )"), ==, 0);
  g_assert_true (found (store, "\"digital", "full"));
  g_assert_true (found (store, "(digital)", "full"));
  g_assert_true (found (store, "digital*", "full"));

  /* A renamed organisation is found by its new name only. */
  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  atlas_store_writer_put_organization (writer, renamed, &error);
  g_assert_no_error (error);
  commit (writer, NULL);
  g_assert_true (found (store, "makerere", "water"));
  g_assert_false (found (store, "nairobi", "water"));
  g_assert_cmpint (rowid_of (store, "water"), ==, water);
  assert_fts_consistent (store);
}

/* Index rows */

typedef struct
{
  gint64   rowid;
  guint32  sdgs;
  guint32  gdc;
  guint32  wsis;
  guint32  priorities;
  guint32  org_types;
  char    *title;
  char    *countries;
  char    *regions;
  char    *organizations;
  gboolean has_location;
  double   latitude;
  AtlasStatus status;
} RowCopy;

static void
row_copy_free (gpointer data)
{
  RowCopy *copy = data;

  g_free (copy->title);
  g_free (copy->countries);
  g_free (copy->regions);
  g_free (copy->organizations);
  g_free (copy);
}

static gboolean
collect_row (const AtlasIndexRow *row,
             gpointer             user_data)
{
  GHashTable *rows = user_data;
  RowCopy *copy = g_new0 (RowCopy, 1);
  GString *text = g_string_new (NULL);

  copy->rowid = row->rowid;
  copy->sdgs = row->sdgs;
  copy->gdc = row->gdc_objectives;
  copy->wsis = row->wsis_lines;
  copy->priorities = row->priorities;
  copy->org_types = row->org_types;
  copy->status = row->status;
  copy->title = g_strdup (row->title);
  copy->has_location = row->has_location;
  copy->latitude = row->latitude;

  for (guint i = 0; i < row->n_countries; i++)
    g_string_append_printf (text, "%s;", row->countries[i]);
  copy->countries = g_strdup (text->str);
  g_string_truncate (text, 0);
  for (guint i = 0; i < row->n_regions; i++)
    g_string_append_printf (text, "%u;", row->regions[i]);
  copy->regions = g_strdup (text->str);
  g_string_truncate (text, 0);
  for (guint i = 0; i < row->n_organizations; i++)
    g_string_append_printf (text, "%" G_GINT64_FORMAT ";", row->organizations[i]);
  copy->organizations = g_string_free (text, FALSE);

  g_hash_table_insert (rows, &copy->rowid, copy);

  return TRUE;
}

static gboolean
count_and_stop (const AtlasIndexRow *row,
                gpointer             user_data)
{
  (*(guint *) user_data)++;
  return FALSE;
}

static gboolean
count_rows (const AtlasIndexRow *row,
            gpointer             user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gint64
org_rowid (AtlasStore *store,
           const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM organization WHERE ext_id = '%s'", id);

  return query_int (atlas_store_get_handle (store), sql);
}

static void
test_index_rows (void)
{
  g_autoptr(AtlasStore) store = make_populated_store (NULL);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                      row_copy_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AtlasStoreWriter) writer = NULL;
  g_autofree char *full_orgs = NULL;
  gint64 full = rowid_of (store, "full");
  gint64 water = rowid_of (store, "water");
  gint64 schools = rowid_of (store, "schools");
  RowCopy *row;
  guint n_calls = 0;

  g_assert_true (atlas_store_foreach_index_row (store, collect_row, rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rows), ==, 3);

  row = g_hash_table_lookup (rows, &full);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->title, ==, "Digital public infrastructure for health");
  g_assert_cmpint (row->status, ==, ATLAS_STATUS_ONGOING);
  g_assert_cmpuint (row->sdgs, ==, (1u << 2) | (1u << 16));
  g_assert_cmpuint (row->gdc, ==, (1u << 0) | (1u << 4));
  g_assert_cmpuint (row->wsis, ==, (1u << ATLAS_WSIS_C7_E_HEALTH) | (1u << ATLAS_WSIS_C2));
  g_assert_cmpuint (row->priorities, ==, 1u << ATLAS_PRIORITY_DIGITAL_PUBLIC_INFRASTRUCTURE);
  g_assert_cmpuint (row->org_types, ==,
                    (1u << ATLAS_ORG_TYPE_UN_ENTITY) | (1u << ATLAS_ORG_TYPE_CIVIL_SOCIETY));
  g_assert_cmpstr (row->countries, ==, "KE;TZ;");
  g_assert_cmpstr (row->regions, ==, "2;14;");
  full_orgs = g_strdup_printf ("%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";",
                               org_rowid (store, "who"), org_rowid (store, "itu"),
                               org_rowid (store, "ngo"));
  g_assert_cmpstr (row->organizations, ==, full_orgs);
  g_assert_true (row->has_location);
  g_assert_cmpfloat (row->latitude, ==, -1.2921);

  row = g_hash_table_lookup (rows, &water);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->org_types, ==, 1u << ATLAS_ORG_TYPE_ACADEMIA);
  g_assert_cmpstr (row->countries, ==, "");
  g_assert_cmpstr (row->regions, ==, "");
  g_assert_false (row->has_location);

  row = g_hash_table_lookup (rows, &schools);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->countries, ==, "BR;");
  g_assert_cmpuint (row->org_types, ==, 1u << ATLAS_ORG_TYPE_UN_ENTITY);

  /* The callback can stop the walk. */
  g_assert_true (atlas_store_foreach_index_row (store, count_and_stop, &n_calls, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 1);

  /* A cancelled walk over many rows stops with an error. */
  writer = atlas_store_begin (store, ensure_source (store), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);
      g_autoptr(AtlasInitiative) initiative = make_initiative (id, "One of many");

      put (writer, initiative);
    }
  commit (writer, NULL);

  n_calls = 0;
  g_assert_true (atlas_store_foreach_index_row (store, count_rows, &n_calls, cancellable, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 1103);

  g_cancellable_cancel (cancellable);
  n_calls = 0;
  g_assert_false (atlas_store_foreach_index_row (store, count_rows, &n_calls, cancellable,
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_calls, <, 1103);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init (&argc, &argv);

  g_test_add_func ("/store/migrations/fresh", test_migrations_fresh);
  g_test_add_func ("/store/migrations/too-new", test_migrations_too_new);
  g_test_add_func ("/store/migrations/corrupt", test_migrations_corrupt);
  g_test_add_func ("/store/migrations/from-v0", test_migrations_from_v0);
  g_test_add_func ("/store/migrations/from-v1", test_migrations_from_v1);
  g_test_add_func ("/store/writer/changes", test_writer_changes);
  g_test_add_func ("/store/writer/delete", test_writer_delete);
  g_test_add_func ("/store/writer/complete-sync", test_writer_complete_sync);
  g_test_add_func ("/store/writer/first-complete-sync", test_writer_first_complete_sync);
  g_test_add_func ("/store/writer/unknown-orgs", test_writer_unknown_orgs);
  g_test_add_func ("/store/writer/round-trip", test_writer_round_trip);
  g_test_add_func ("/store/writer/list-organizations", test_writer_list_organizations);
  g_test_add_func ("/store/writer/sources", test_writer_sources);
  g_test_add_func ("/store/atomicity/rollback", test_atomicity_rollback);
  g_test_add_func ("/store/atomicity/disk-full", test_atomicity_disk_full);
  g_test_add_func ("/store/atomicity/two-connections", test_atomicity_two_connections);
  g_test_add_func ("/store/summaries", test_summaries);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/search/tokenizer", test_tokenizer);
  g_test_add_func ("/store/index-rows", test_index_rows);

  return g_test_run ();
}
