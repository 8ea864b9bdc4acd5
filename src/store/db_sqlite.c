/*
 * db_sqlite.c - the SQLite + SpatiaLite backend of db.h, the embedded
 * default: each call is the SQLite call of the same name.
 */
#include <sqlite3.h>
/* spatialite.h uses sqlite3.h types: keep it after, in its own block */
#include <spatialite.h>

#include <glib.h>

#include "db_backend.h"

typedef struct {
    db_conn base;
    sqlite3 *db;
    void *spatialite_cache; /* spatialite_alloc_connection() */
} lite_conn;

typedef struct {
    db_stmt base;
    sqlite3_stmt *st;
} lite_stmt;

#define DB(c) (((lite_conn *)(c))->db)
#define ST(s) (((lite_stmt *)(s))->st)

static void lite_close(db_conn *c)
{
    lite_conn *l = (lite_conn *)c;
    if (l->db)
        sqlite3_close_v2(l->db);
    if (l->spatialite_cache)
        spatialite_cleanup_ex(l->spatialite_cache);
    g_free(l);
}

static const char *lite_errmsg(db_conn *c) { return sqlite3_errmsg(DB(c)); }

static int lite_errcode(db_conn *c)
{
    /* primary codes: the numbers of enum db_result */
    return sqlite3_errcode(DB(c)) & 0xff;
}

static int lite_exec(db_conn *c, const char *sql)
{
    return sqlite3_exec(DB(c), sql, NULL, NULL, NULL) == SQLITE_OK
               ? DB_OK
               : lite_errcode(c);
}

static db_stmt *lite_prepare(db_conn *c, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(DB(c), sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    lite_stmt *s = g_new(lite_stmt, 1);
    s->base.conn = c;
    s->st = st;
    return &s->base;
}

static void lite_finalize(db_stmt *st)
{
    sqlite3_finalize(ST(st));
    g_free(st);
}

static int lite_step(db_stmt *st)
{
    int rc = sqlite3_step(ST(st));
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? rc : rc & 0xff;
}

static void lite_reset(db_stmt *st) { sqlite3_reset(ST(st)); }

static void lite_clear_bindings(db_stmt *st) { sqlite3_clear_bindings(ST(st)); }

static int lite_readonly(db_stmt *st) { return sqlite3_stmt_readonly(ST(st)); }

static int lite_parameter_count(db_stmt *st)
{
    return sqlite3_bind_parameter_count(ST(st));
}

static void lite_bind_null(db_stmt *st, int i) { sqlite3_bind_null(ST(st), i); }

static void lite_bind_int64(db_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(ST(st), i, v);
}

static void lite_bind_double(db_stmt *st, int i, double v)
{
    sqlite3_bind_double(ST(st), i, v);
}

static void lite_bind_text(db_stmt *st, int i, const char *s, int copy)
{
    sqlite3_bind_text(ST(st), i, s, -1,
                      copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void lite_bind_blob(db_stmt *st, int i, const void *p, size_t n)
{
    sqlite3_bind_blob64(ST(st), i, p, n, SQLITE_STATIC);
}

static int lite_column_count(db_stmt *st)
{
    return sqlite3_column_count(ST(st));
}

static int lite_column_is_null(db_stmt *st, int i)
{
    return sqlite3_column_type(ST(st), i) == SQLITE_NULL;
}

static int64_t lite_column_int64(db_stmt *st, int i)
{
    return sqlite3_column_int64(ST(st), i);
}

static double lite_column_double(db_stmt *st, int i)
{
    return sqlite3_column_double(ST(st), i);
}

static const char *lite_column_text(db_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(ST(st), i);
}

static const void *lite_column_blob(db_stmt *st, int i)
{
    return sqlite3_column_blob(ST(st), i);
}

static int lite_column_bytes(db_stmt *st, int i)
{
    return sqlite3_column_bytes(ST(st), i);
}

static int64_t lite_changes(db_conn *c) { return sqlite3_changes64(DB(c)); }

static int64_t lite_last_insert_id(db_conn *c)
{
    return sqlite3_last_insert_rowid(DB(c));
}

static int lite_in_transaction(db_conn *c)
{
    return !sqlite3_get_autocommit(DB(c));
}

static int lite_begin(db_conn *c) { return lite_exec(c, "BEGIN IMMEDIATE"); }

static const struct db_ops LITE_OPS = {
    .backend = DB_SQLITE,
    .close = lite_close,
    .errmsg = lite_errmsg,
    .errcode = lite_errcode,
    .exec = lite_exec,
    .prepare = lite_prepare,
    .finalize = lite_finalize,
    .step = lite_step,
    .reset = lite_reset,
    .clear_bindings = lite_clear_bindings,
    .readonly = lite_readonly,
    .parameter_count = lite_parameter_count,
    .bind_null = lite_bind_null,
    .bind_int64 = lite_bind_int64,
    .bind_double = lite_bind_double,
    .bind_text = lite_bind_text,
    .bind_blob = lite_bind_blob,
    .column_count = lite_column_count,
    .column_is_null = lite_column_is_null,
    .column_int64 = lite_column_int64,
    .column_double = lite_column_double,
    .column_text = lite_column_text,
    .column_blob = lite_column_blob,
    .column_bytes = lite_column_bytes,
    .changes = lite_changes,
    .last_insert_id = lite_last_insert_id,
    .in_transaction = lite_in_transaction,
    .begin = lite_begin,
};

db_conn *db_sqlite_open(const char *path, unsigned flags, char **why)
{
    int oflags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY
                                            : SQLITE_OPEN_READWRITE;
    if ((flags & DB_OPEN_CREATE) && !(flags & DB_OPEN_READONLY))
        oflags |= SQLITE_OPEN_CREATE;
    /* one thread at a time per connection (db.h): no SQLite mutex */
    oflags |= SQLITE_OPEN_NOMUTEX;
    lite_conn *l = g_new0(lite_conn, 1);
    l->base.ops = &LITE_OPS;
    if (sqlite3_open_v2(path, &l->db, oflags, NULL) != SQLITE_OK) {
        *why = g_strdup(l->db ? sqlite3_errmsg(l->db) : "out of memory");
        lite_close(&l->base);
        return NULL;
    }
    sqlite3_extended_result_codes(l->db, 1);
    sqlite3_busy_timeout(l->db, 5000);
    l->spatialite_cache = spatialite_alloc_connection();
    spatialite_init_ex(l->db, l->spatialite_cache, 0);
    return &l->base;
}
