/*
 * workspace.c - opening and closing the workspace, its meta table,
 * transactions, and the database helpers the other store files use.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "core/fault.h"
#include "store_private.h"

povatlas_status store_status_of(int rc)
{
    switch (rc) {
    case DB_NOMEM:
        return POVATLAS_E_NOMEM;
    case DB_FULL:
    case DB_IOERR:
        return POVATLAS_E_IO;
    default:
        return POVATLAS_E_DB;
    }
}

/* Sets *err to @what and the database's @why for result code @rc. */
static povatlas_status fail_with(povatlas_workspace *ws, povatlas_error **err,
                                 const char *what, int rc, const char *why)
{
    povatlas_status code = ws->failed = store_status_of(rc);
    const char *sep = what ? ": " : "";
    what = what ? what : "";
    if (rc == DB_FULL)
        return povatlas_error_set_at(
            err, code, ws->path, 0, NULL,
            "%s%sthe disk holding the workspace is full (%s)", what, sep, why);
    if (code == POVATLAS_E_NOMEM)
        return povatlas_error_set_at(err, code, ws->path, 0, NULL,
                                     "%s%sout of memory", what, sep);
    return povatlas_error_set_at(err, code, ws->path, 0, NULL, "%s%s%s", what,
                                 sep, why);
}

povatlas_status store_fail(povatlas_workspace *ws, povatlas_error **err,
                           const char *what)
{
    int rc = DB_ERROR;
    const char *why = store_last_error(ws->db, &rc);
    return fail_with(ws, err, what, rc, why);
}

povatlas_status store_status(const povatlas_workspace *ws)
{
    return ws->failed != POVATLAS_OK ? ws->failed : POVATLAS_E_DB;
}

povatlas_status store_exec(povatlas_workspace *ws, const char *sql,
                           povatlas_error **err)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_STORE_STEP))
        return fail_with(ws, err, NULL, DB_FULL, db_errstr(DB_FULL));
    int rc = db_exec(ws->db, sql);
    if (rc != DB_OK)
        return fail_with(ws, err, NULL, rc, db_errmsg(ws->db));
    return POVATLAS_OK;
}

db_stmt *store_prepare(povatlas_workspace *ws, const char *sql,
                       povatlas_error **err)
{
    db_stmt *st = store_prepare_raw(ws->db, sql);
    if (!st) {
        store_fail(ws, err, "cannot prepare a statement");
        return NULL;
    }
    return st;
}

void store_bind_text(db_stmt *st, int i, const char *s)
{
    if (s)
        db_bind_text(st, i, s);
    else
        db_bind_null(st, i);
}

void store_bind_int_or_null(db_stmt *st, int i, int64_t v)
{
    if (v < 0)
        db_bind_null(st, i);
    else
        db_bind_int64(st, i, v);
}

int64_t store_column_int_or_minus1(db_stmt *st, int i)
{
    return db_column_is_null(st, i) ? -1 : db_column_int64(st, i);
}

double store_column_double_or_nan(db_stmt *st, int i)
{
    return db_column_is_null(st, i) ? NAN : db_column_double(st, i);
}

char *store_column_dup(db_stmt *st, int i)
{
    const char *s = db_column_text(st, i);
    return s ? g_strdup(s) : NULL;
}

povatlas_status store_row(povatlas_workspace *ws, db_stmt *st, int *row,
                          const char *what, povatlas_error **err)
{
    int rc = store_step(st);
    *row = rc == DB_ROW;
    if (rc == DB_ROW || rc == DB_DONE)
        return POVATLAS_OK;
    return store_fail(ws, err, what);
}

povatlas_status store_table_exists(povatlas_workspace *ws, const char *name,
                                   int *exists, povatlas_error **err)
{
    *exists = 0;
    db_stmt *st = store_prepare(
        ws,
        db_backend_of(ws->db) == DB_SQLITE
            ? "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
            /* ?1 NULL: any table (the schema is not empty) */
            : "SELECT 1 FROM information_schema.tables WHERE table_schema ="
              " current_schema() AND (?1::text IS NULL OR table_name = ?1)"
              " LIMIT 1",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, name);
    povatlas_status s =
        store_row(ws, st, exists, "cannot read the workspace's tables", err);
    db_finalize(st);
    return s;
}

static povatlas_status check_or_create_schema(povatlas_workspace *ws,
                                              unsigned flags,
                                              povatlas_error **err)
{
    int meta = 0, other = 0;
    povatlas_status s = store_table_exists(ws, "meta", &meta, err);
    if (s)
        return s;
    if (!meta) {
        static const char *const others[] = {"sqlite_sequence", "gpkg_contents",
                                             "spatial_ref_sys"};
        if (db_backend_of(ws->db) != DB_SQLITE)
            /* PostgreSQL: any table in the workspace's schema */
            s = store_table_exists(ws, NULL, &other, err);
        for (size_t i = 0; db_backend_of(ws->db) == DB_SQLITE && !s && !other &&
                           i < G_N_ELEMENTS(others);
             i++)
            s = store_table_exists(ws, others[i], &other, err);
        if (s)
            return s;
        if (other)
            return povatlas_error_set_at(
                err, POVATLAS_E_INPUT, ws->path, 0, NULL,
                "not a povatlas workspace (it holds other tables)");
        if (flags & POVATLAS_WORKSPACE_READONLY)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, ws->path, 0,
                                         NULL, "not a povatlas workspace");
        return store_schema_create(ws, err);
    }
    int version = 0;
    s = povatlas_workspace_schema_version(ws, &version, err);
    if (s)
        return s;
    if (version <= 0)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, ws->path, 0, NULL,
                                     "not a povatlas workspace (no schema "
                                     "version)");
    if (version > POVATLAS_SCHEMA_VERSION)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, ws->path, 0, NULL,
            "workspace schema %d is newer than this povatlas (%d): upgrade "
            "povatlas",
            version, POVATLAS_SCHEMA_VERSION);
    if (version < POVATLAS_SCHEMA_VERSION)
        return store_schema_migrate(ws, version, err);
    return POVATLAS_OK;
}

static povatlas_status open_connection(povatlas_workspace *ws,
                                       const char *target, unsigned flags,
                                       povatlas_error **err)
{
    unsigned dflags = 0;
    if (flags & POVATLAS_WORKSPACE_CREATE)
        dflags |= DB_OPEN_CREATE;
    if (flags & POVATLAS_WORKSPACE_READONLY)
        dflags |= DB_OPEN_READONLY;
    g_autofree char *why = NULL;
    ws->db = db_open(target, dflags, &why);
    if (!ws->db)
        return povatlas_error_set_at(err, POVATLAS_E_IO, ws->path, 0, NULL,
                                     "cannot open workspace: %s", why);
    if (db_backend_of(ws->db) != DB_SQLITE)
        return POVATLAS_OK;
    /* A file that is not SQLite fails here, not at first use. */
    povatlas_status st = store_exec(ws,
                                    "PRAGMA foreign_keys = ON;"
                                    "PRAGMA synchronous = NORMAL;"
                                    "PRAGMA cache_size = -16384;",
                                    err);
    /* write-ahead log: readers see the last commit while an import writes,
     * instead of waiting and failing "database is locked" (the log is
     * folded back into the file when the last connection closes) */
    if (!st && !(flags & POVATLAS_WORKSPACE_READONLY))
        st = store_exec(ws, "PRAGMA journal_mode = WAL;", err);
    return st;
}

povatlas_workspace *povatlas_workspace_open(const char *path, unsigned flags,
                                            povatlas_error **err)
{
    if (!(flags & POVATLAS_WORKSPACE_CREATE) &&
        !db_target_is_postgresql(path) &&
        !g_file_test(path, G_FILE_TEST_EXISTS)) {
        povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                              "no such workspace (create it with "
                              "'povatlas init')");
        return NULL;
    }
    povatlas_workspace *ws = g_new0(povatlas_workspace, 1);
    ws->path = db_target_masked(path);
    ws->decrees =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    povatlas_error *local = NULL;
    if (open_connection(ws, path, flags, &local) == POVATLAS_OK &&
        check_or_create_schema(ws, flags, &local) == POVATLAS_OK &&
        db_backend_of(ws->db) == DB_POSTGRESQL)
        store_office_units_load(ws, &local);
    if (local) {
        /* a file that is not a (sound) database is a bad input; a locked
         * or full one stays a database failure */
        int rc = ws->db ? db_errcode(ws->db) : DB_OK;
        if (local->code == POVATLAS_E_DB &&
            (rc == DB_NOTADB || rc == DB_CORRUPT))
            local->code = POVATLAS_E_INPUT;
        povatlas_error_propagate(err, local);
        povatlas_workspace_close(ws);
        return NULL;
    }
    return ws;
}

char *povatlas_workspace_path_shown(const char *path)
{
    return db_target_masked(path);
}

/* PostgreSQL: opens @path's database (not creating its schema);
 * *@schema_missing set when the schema does not exist. */
static db_conn *open_pg(const char *path, int *schema_missing,
                        povatlas_error **err)
{
    g_autofree char *why = NULL;
    g_autofree char *shown = db_target_masked(path);
    *schema_missing = 0;
    db_conn *c = db_open(path, 0, &why);
    if (!c && why && strstr(why, "has no schema")) {
        *schema_missing = 1;
        return NULL;
    }
    if (!c)
        povatlas_error_set_at(err, POVATLAS_E_IO, shown, 0, NULL,
                              "cannot open workspace: %s", why);
    return c;
}

/* Sets *@n to the number of tables in @c's schema, *@meta to whether
 * one of them is meta. */
static int count_tables(db_conn *c, int64_t *n, int *meta)
{
    db_stmt *st = db_prepare(c, "SELECT count(*), count(*) FILTER (WHERE"
                                " table_name = 'meta')"
                                " FROM information_schema.tables"
                                " WHERE table_schema = current_schema()");
    int rc = st ? db_step(st) : db_errcode(c);
    if (rc == DB_ROW) {
        *n = db_column_int64(st, 0);
        *meta = db_column_int64(st, 1) > 0;
    }
    db_finalize(st);
    return rc == DB_ROW ? DB_OK : rc;
}

povatlas_status povatlas_workspace_exists(const char *path, int *exists,
                                          povatlas_error **err)
{
    *exists = 0;
    if (!db_target_is_postgresql(path)) {
        *exists = g_file_test(path, G_FILE_TEST_EXISTS);
        return POVATLAS_OK;
    }
    int missing = 0;
    db_conn *c = open_pg(path, &missing, err);
    if (!c)
        return missing ? POVATLAS_OK : POVATLAS_E_IO;
    int64_t n = 0;
    int meta = 0;
    povatlas_status s = POVATLAS_OK;
    if (count_tables(c, &n, &meta) != DB_OK) {
        g_autofree char *shown = db_target_masked(path);
        s = povatlas_error_set_at(err, POVATLAS_E_DB, shown, 0, NULL,
                                  "cannot read the schema's tables: %s",
                                  db_errmsg(c));
    }
    *exists = n > 0;
    db_close(c);
    return s;
}

povatlas_status povatlas_workspace_remove(const char *path,
                                          povatlas_error **err)
{
    if (!db_target_is_postgresql(path)) {
        if (g_unlink(path) != 0 && errno != ENOENT)
            return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                         "cannot remove: %s",
                                         g_strerror(errno));
        return POVATLAS_OK;
    }
    int missing = 0;
    db_conn *c = open_pg(path, &missing, err);
    if (!c)
        return missing ? POVATLAS_OK : POVATLAS_E_IO;
    g_autofree char *shown = db_target_masked(path);
    int64_t n = 0;
    int meta = 0;
    povatlas_status s = POVATLAS_OK;
    if (count_tables(c, &n, &meta) != DB_OK)
        s = povatlas_error_set_at(err, POVATLAS_E_DB, shown, 0, NULL,
                                  "cannot read the schema's tables: %s",
                                  db_errmsg(c));
    else if (n > 0 && !meta)
        s = povatlas_error_set_at(err, POVATLAS_E_INPUT, shown, 0, NULL,
                                  "not a povatlas workspace (its schema holds "
                                  "other tables): left alone");
    else if (db_exec(c, "DO $$ BEGIN EXECUTE format('DROP SCHEMA %I CASCADE',"
                        " current_schema()); END $$") != DB_OK)
        s = povatlas_error_set_at(err, POVATLAS_E_DB, shown, 0, NULL,
                                  "cannot drop the workspace's schema: %s",
                                  db_errmsg(c));
    db_close(c);
    return s;
}

void povatlas_workspace_close(povatlas_workspace *ws)
{
    if (!ws)
        return;
    db_finalize(ws->put_indicator);
    db_finalize(ws->set_geometry);
    db_finalize(ws->unmeasure_areas);
    db_finalize(ws->set_areas);
    db_close(ws->db);
    if (ws->office_units)
        g_ptr_array_free(ws->office_units, TRUE);
    g_free(ws->office);
    g_hash_table_destroy(ws->decrees);
    g_free(ws->path);
    g_free(ws);
}

int povatlas_workspace_on_postgresql(const povatlas_workspace *ws)
{
    return db_backend_of(ws->db) == DB_POSTGRESQL;
}

const char *povatlas_workspace_path(const povatlas_workspace *ws)
{
    return ws->path;
}

povatlas_status povatlas_workspace_schema_version(povatlas_workspace *ws,
                                                  int *version,
                                                  povatlas_error **err)
{
    *version = 0;
    g_autofree char *v = NULL;
    povatlas_status s =
        povatlas_workspace_get_meta(ws, "schema_version", &v, err);
    if (!s && v)
        *version = (int)g_ascii_strtoll(v, NULL, 10);
    return s;
}

povatlas_status povatlas_workspace_begin(povatlas_workspace *ws,
                                         povatlas_error **err)
{
    /* SQLite: the write lock at once, so two writers wait instead of
     * failing later */
    return store_exec(
        ws, db_backend_of(ws->db) == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN",
        err);
}

povatlas_status povatlas_workspace_begin_snapshot(povatlas_workspace *ws,
                                                  povatlas_error **err)
{
    /* PostgreSQL: every statement reads the snapshot the first one took
     * (READ COMMITTED, the default, takes one per statement); SQLite's
     * write lock already keeps every other writer out */
    return store_exec(ws,
                      db_backend_of(ws->db) == DB_SQLITE
                          ? "BEGIN IMMEDIATE"
                          : "BEGIN ISOLATION LEVEL REPEATABLE READ",
                      err);
}

povatlas_status povatlas_workspace_commit(povatlas_workspace *ws,
                                          povatlas_error **err)
{
    povatlas_status st = store_exec(ws, "COMMIT", err);
    /* A failed COMMIT (full disk, busy) may leave the transaction open;
     * the caller's changes must then go, not linger until the next call. */
    if (st != POVATLAS_OK)
        povatlas_workspace_rollback(ws, err);
    return st;
}

povatlas_status povatlas_workspace_rollback(povatlas_workspace *ws,
                                            povatlas_error **err)
{
    if (!db_in_transaction(ws->db))
        return POVATLAS_OK;
    int rc = db_rollback(ws->db);
    const char *why = rc != DB_OK ? db_errmsg(ws->db) : NULL;
    if (rc == DB_OK && povatlas_fault_hit(POVATLAS_FAULT_STORE_ROLLBACK)) {
        rc = DB_IOERR;
        why = db_errstr(rc);
    }
    if (rc != DB_OK)
        return fail_with(ws, err, "cannot roll back", rc, why);
    return POVATLAS_OK;
}

povatlas_status povatlas_workspace_set_meta(povatlas_workspace *ws,
                                            const char *key, const char *value,
                                            povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, value);
    povatlas_status s = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        s = store_fail(ws, err, "cannot write meta");
    db_finalize(st);
    return s;
}

povatlas_status povatlas_workspace_is_synthetic(povatlas_workspace *ws,
                                                int *synthetic,
                                                povatlas_error **err)
{
    *synthetic = 0;
    db_stmt *st = store_prepare(
        ws, "SELECT value FROM meta WHERE key = 'synthetic'", err);
    if (!st)
        return store_status(ws);
    int rc = store_step(st);
    if (rc == DB_ROW)
        *synthetic = g_strcmp0(db_column_text(st, 0), "1") == 0;
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_ROW && rc != DB_DONE)
        s = store_fail(ws, err, "cannot read whether the data is synthetic");
    db_finalize(st);
    return s;
}

povatlas_status povatlas_workspace_get_meta(povatlas_workspace *ws,
                                            const char *key, char **value,
                                            povatlas_error **err)
{
    *value = NULL;
    db_stmt *st =
        store_prepare(ws, "SELECT value FROM meta WHERE key = ?", err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, key);
    int row = 0;
    povatlas_status s = store_row(ws, st, &row, "cannot read meta", err);
    if (row)
        *value = store_column_dup(st, 0);
    db_finalize(st);
    return s;
}
