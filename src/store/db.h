/*
 * db.h - the statement interface every store file talks to, the same for
 * each database backend: SQLite + SpatiaLite (db.c, the embedded default)
 * and PostgreSQL + PostGIS through libpq (db_pg.c).
 *
 * The calls follow SQLite's: a statement is prepared once, its parameters
 * bound (1-based; "?" or "?N" in the SQL), stepped row by row (DB_ROW, then
 * DB_DONE; anything else is a failure whose reason db_errmsg() gives until
 * the next call on the connection), reset to run again with new bindings,
 * and finalized. Column values borrowed from a row (text, blob) stay valid
 * until the next step, reset or finalize of that statement.
 *
 * On PostgreSQL a parameter's type comes from its place in the SQL or,
 * where that says nothing ("?1 IS NULL"), from the first value bound to it
 * that is not NULL.
 *
 * SQL is written in SQLite's dialect; the PostgreSQL backend translates
 * the placeholders (?N -> $N) and the SpatiaLite geometry functions the
 * store uses (GeomFromWKB, AsBinary, CastToMultiPolygon) to PostGIS.
 *
 * A connection is used by one thread at a time (as the workspace).
 */
#ifndef POVATLAS_STORE_DB_H
#define POVATLAS_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef struct db_conn db_conn;
typedef struct db_stmt db_stmt;

/* Result codes (SQLite's numbers, so a log reads the same). */
enum db_result {
    DB_OK = 0,
    DB_ERROR = 1,    /* the statement failed: db_errmsg() says why */
    DB_NOMEM = 7,    /* out of memory */
    DB_IOERR = 10,   /* the disk failed */
    DB_CORRUPT = 11, /* the database file is damaged */
    DB_FULL = 13,    /* no space left (a full disk; also the fault hook's) */
    DB_NOTADB = 26,  /* the file is not a database */
    DB_ROW = 100,    /* a row is ready */
    DB_DONE = 101,   /* the statement ran to its end */
};

enum db_backend { DB_SQLITE, DB_POSTGRESQL };

enum db_open_flags {
    DB_OPEN_CREATE = 1 << 0,   /* SQLite: create the file when missing */
    DB_OPEN_READONLY = 1 << 1, /* open for reading only */
};

/**
 * db_open:
 * @target: a SQLite file path, or a PostgreSQL connection
 *   (db_target_is_postgresql())
 * @flags: db_open_flags
 * @why: (out) (transfer full): on failure, the reason (g_free()); a
 *   PostgreSQL password never appears in it
 *
 * Returns: (transfer full) (nullable): the connection; close with
 *   db_close() (also when @why is set: NULL is returned only when nothing
 *   was opened, else the connection to read db_errcode() from).
 */
db_conn *db_open(const char *target, unsigned flags, char **why);

/** db_close: closes @c and frees it; NULL is a no-op. Statements still
 * prepared on @c must be finalized first. */
void db_close(db_conn *c);

/** Returns: whether @target names a PostgreSQL database: a
 * "postgresql://" or "postgres://" URI, or "PG:" followed by a libpq
 * connection string (GDAL's spelling). */
int db_target_is_postgresql(const char *target);

/** Returns: (transfer full): @target as it may be shown: the password of
 * a PostgreSQL URI or "password=" keyword replaced by "***". */
char *db_target_masked(const char *target);

enum db_backend db_backend_of(const db_conn *c);

/** Returns: (transfer none): why the last call on @c failed. */
const char *db_errmsg(db_conn *c);
/** Returns: the db_result of the last failure on @c (DB_ERROR when no
 * finer code is known). */
int db_errcode(db_conn *c);
/** Returns: (transfer none): SQLite's words for result code @rc ("database
 * or disk is full"), the same on every backend. */
const char *db_errstr(int rc);

/** db_exec: runs @sql, which has no parameters and may hold several
 * statements separated by ';'. Returns: DB_OK or a failure code. */
int db_exec(db_conn *c, const char *sql);

/** db_prepare: Returns: (transfer full) (nullable): the statement
 * (db_finalize()), NULL on failure (db_errmsg()). */
db_stmt *db_prepare(db_conn *c, const char *sql);
/** db_finalize: frees @st; NULL is a no-op. */
void db_finalize(db_stmt *st);
/** db_step: Returns: DB_ROW, DB_DONE or a failure code. */
int db_step(db_stmt *st);
/** db_reset: makes @st ready to run again; its bindings stay. */
void db_reset(db_stmt *st);
/** db_clear_bindings: every parameter of @st back to NULL. */
void db_clear_bindings(db_stmt *st);
/** Returns: whether @st only reads (never writes the database). */
int db_stmt_readonly(db_stmt *st);
/** Returns: the number of parameters of @st (the largest N of ?N). */
int db_bind_parameter_count(db_stmt *st);

void db_bind_null(db_stmt *st, int i);
void db_bind_int(db_stmt *st, int i, int v);
void db_bind_int64(db_stmt *st, int i, int64_t v);
void db_bind_double(db_stmt *st, int i, double v);
/** db_bind_text: binds a copy of @s; NULL binds NULL. */
void db_bind_text(db_stmt *st, int i, const char *s);
/** db_bind_text_static: binds @s itself, which must stay unchanged until
 * @st is stepped, reset or rebound; NULL binds NULL. */
void db_bind_text_static(db_stmt *st, int i, const char *s);
/** db_bind_blob_static: binds @n bytes at @p (kept as for
 * db_bind_text_static()); NULL binds NULL. */
void db_bind_blob_static(db_stmt *st, int i, const void *p, size_t n);

/* Columns of the current row, 0-based. */
int db_column_count(db_stmt *st);
int db_column_is_null(db_stmt *st, int i);
int db_column_int(db_stmt *st, int i);
int64_t db_column_int64(db_stmt *st, int i);
double db_column_double(db_stmt *st, int i);
/** Returns: (transfer none) (nullable): the text, NULL for SQL NULL. */
const char *db_column_text(db_stmt *st, int i);
/** Returns: (transfer none) (nullable): the bytes (db_column_bytes()). */
const void *db_column_blob(db_stmt *st, int i);
int db_column_bytes(db_stmt *st, int i);

/** Returns: the rows changed by the last INSERT, UPDATE or DELETE on @c. */
int64_t db_changes(db_conn *c);
/** Returns: the id given to the row the last INSERT on @c made (the
 * table's INTEGER PRIMARY KEY). */
int64_t db_last_insert_id(db_conn *c);
/** Returns: whether a transaction is open on @c. */
int db_in_transaction(db_conn *c);

/* Bulk loading: PostgreSQL's COPY FROM STDIN, text format (a row is its
 * values separated by tabs and ended by a newline, "\N" for NULL, and
 * backslash, tab, newline and carriage return in a value escaped:
 * db_copy_escape()). db_copy_put() sends whole rows (any number) to
 * @table's @columns: it starts "COPY @table(@columns) FROM STDIN" unless
 * that COPY is in progress, so that rows stream to the server while the
 * caller makes the next ones. The COPY ends at db_copy_end(), at a put to
 * another table, or before any other statement on @c; a refused row fails
 * the whole COPY, and shows at that end: db_copy_end(), the put or the
 * statement then fails with the COPY's reason (db_errmsg()), except a
 * ROLLBACK, which runs. SQLite has no COPY: db_copy_put() fails there
 * (db_has_copy() says whether there is one) and db_copy_end() is DB_OK. */
int db_has_copy(const db_conn *c);
int db_copy_put(db_conn *c, const char *table, const char *columns,
                const char *rows, size_t n);
int db_copy_end(db_conn *c);
/** db_copy_escape: appends @value to @out as one value of a COPY row:
 * "\N" for NULL, else with its backslashes, tabs, newlines and carriage
 * returns escaped. */
void db_copy_escape(GString *out, const char *value);

/* Transactions. db_begin() takes the write lock at once on SQLite
 * (BEGIN IMMEDIATE), so two writers wait instead of failing later. */
int db_begin(db_conn *c);
int db_commit(db_conn *c);
/** db_rollback: no-op (DB_OK) outside a transaction. */
int db_rollback(db_conn *c);

#endif
