/*
 * db_backend.h - what a database backend provides to db.c: one table of
 * functions, and the connection and statement structs each backend
 * extends (its own struct starts with the one below).
 */
#ifndef POVATLAS_STORE_DB_BACKEND_H
#define POVATLAS_STORE_DB_BACKEND_H

#include "db.h"

struct db_ops {
    enum db_backend backend;
    void (*close)(db_conn *c);
    const char *(*errmsg)(db_conn *c);
    int (*errcode)(db_conn *c);
    int (*exec)(db_conn *c, const char *sql);
    db_stmt *(*prepare)(db_conn *c, const char *sql);
    void (*finalize)(db_stmt *st);
    int (*step)(db_stmt *st);
    void (*reset)(db_stmt *st);
    void (*clear_bindings)(db_stmt *st);
    int (*readonly)(db_stmt *st);
    int (*parameter_count)(db_stmt *st);
    void (*bind_null)(db_stmt *st, int i);
    void (*bind_int64)(db_stmt *st, int i, int64_t v);
    void (*bind_double)(db_stmt *st, int i, double v);
    void (*bind_text)(db_stmt *st, int i, const char *s, int copy);
    void (*bind_blob)(db_stmt *st, int i, const void *p, size_t n);
    int (*column_count)(db_stmt *st);
    int (*column_is_null)(db_stmt *st, int i);
    int64_t (*column_int64)(db_stmt *st, int i);
    double (*column_double)(db_stmt *st, int i);
    const char *(*column_text)(db_stmt *st, int i);
    const void *(*column_blob)(db_stmt *st, int i);
    int (*column_bytes)(db_stmt *st, int i);
    int64_t (*changes)(db_conn *c);
    int64_t (*last_insert_id)(db_conn *c);
    int (*in_transaction)(db_conn *c);
    int (*begin)(db_conn *c);
    /* NULL when the backend has no COPY (db_has_copy()); @sql the COPY
     * statement the rows belong to */
    int (*copy_put)(db_conn *c, const char *sql, const char *rows, size_t n);
    int (*copy_end)(db_conn *c);
};

struct db_conn {
    const struct db_ops *ops;
};

struct db_stmt {
    db_conn *conn;
};

/* db_sqlite.c */
db_conn *db_sqlite_open(const char *path, unsigned flags, char **why);
/* db_pg.c: @conninfo is a libpq URI or keyword string (without "PG:");
 * without libpq at build time it fails with a reason that says so. */
db_conn *db_pg_open(const char *conninfo, unsigned flags, char **why);

#endif
