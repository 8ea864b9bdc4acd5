/*
 * db.c - the statement interface of db.h, handed to the backend that
 * opened the connection, and the spelling of a database target (which
 * backend, and how it may be shown without its password).
 */
#include <string.h>

#include <glib.h>

#include "db_backend.h"

int db_target_is_postgresql(const char *target)
{
    return target && (g_str_has_prefix(target, "postgresql://") ||
                      g_str_has_prefix(target, "postgres://") ||
                      g_str_has_prefix(target, "PG:"));
}

/* Replaces the value of every "password=" keyword of a libpq keyword
 * string (quoted or not) in @s by "***". */
static void mask_keyword(GString *s)
{
    for (size_t at = 0; at < s->len;) {
        char *p = strstr(s->str + at, "password");
        if (!p)
            break;
        size_t key = (size_t)(p - s->str);
        size_t v = key + strlen("password");
        while (v < s->len && s->str[v] == ' ')
            v++;
        if (v >= s->len || s->str[v] != '=') {
            at = key + 1;
            continue;
        }
        v++;
        while (v < s->len && s->str[v] == ' ')
            v++;
        size_t end = v;
        if (end < s->len && s->str[end] == '\'') {
            for (end++; end < s->len && s->str[end] != '\''; end++)
                if (s->str[end] == '\\' && end + 1 < s->len)
                    end++;
            if (end < s->len)
                end++;
        } else {
            while (end < s->len && s->str[end] != ' ' && s->str[end] != '&')
                end++;
        }
        g_string_erase(s, (gssize)v, (gssize)(end - v));
        g_string_insert(s, (gssize)v, "***");
        at = v + 3;
    }
}

char *db_target_masked(const char *target)
{
    if (!target)
        return NULL;
    GString *s = g_string_new(target);
    if (!g_str_has_prefix(target, "PG:")) {
        /* URI: scheme://user:password@host... */
        const char *auth = strstr(target, "://");
        if (auth) {
            auth += 3;
            const char *end = auth + strcspn(auth, "/?#");
            const char *at = NULL;
            for (const char *p = auth; p < end; p++)
                if (*p == '@')
                    at = p;
            const char *colon =
                at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
            if (colon) {
                gssize from = colon + 1 - target;
                g_string_erase(s, from, at - colon - 1);
                g_string_insert(s, from, "***");
            }
        }
    }
    /* keywords: PG:"... password=x", or a URI's ?password=x */
    mask_keyword(s);
    return g_string_free(s, FALSE);
}

db_conn *db_open(const char *target, unsigned flags, char **why)
{
    *why = NULL;
    if (db_target_is_postgresql(target))
        return db_pg_open(g_str_has_prefix(target, "PG:") ? target + 3 : target,
                          flags, why);
    return db_sqlite_open(target, flags, why);
}

void db_close(db_conn *c)
{
    if (c)
        c->ops->close(c);
}

enum db_backend db_backend_of(const db_conn *c) { return c->ops->backend; }

const char *db_errmsg(db_conn *c) { return c->ops->errmsg(c); }

int db_errcode(db_conn *c) { return c->ops->errcode(c); }

const char *db_errstr(int rc)
{
    switch (rc) {
    case DB_OK:
        return "not an error";
    case DB_NOMEM:
        return "out of memory";
    case DB_IOERR:
        return "disk I/O error";
    case DB_CORRUPT:
        return "database disk image is malformed";
    case DB_FULL:
        return "database or disk is full";
    case DB_NOTADB:
        return "file is not a database";
    default:
        return "SQL logic error";
    }
}

int db_exec(db_conn *c, const char *sql) { return c->ops->exec(c, sql); }

db_stmt *db_prepare(db_conn *c, const char *sql)
{
    return c->ops->prepare(c, sql);
}

void db_finalize(db_stmt *st)
{
    if (st)
        st->conn->ops->finalize(st);
}

int db_step(db_stmt *st) { return st->conn->ops->step(st); }

void db_reset(db_stmt *st) { st->conn->ops->reset(st); }

void db_clear_bindings(db_stmt *st) { st->conn->ops->clear_bindings(st); }

int db_stmt_readonly(db_stmt *st) { return st->conn->ops->readonly(st); }

int db_bind_parameter_count(db_stmt *st)
{
    return st->conn->ops->parameter_count(st);
}

void db_bind_null(db_stmt *st, int i) { st->conn->ops->bind_null(st, i); }

void db_bind_int(db_stmt *st, int i, int v)
{
    st->conn->ops->bind_int64(st, i, v);
}

void db_bind_int64(db_stmt *st, int i, int64_t v)
{
    st->conn->ops->bind_int64(st, i, v);
}

void db_bind_double(db_stmt *st, int i, double v)
{
    st->conn->ops->bind_double(st, i, v);
}

void db_bind_text(db_stmt *st, int i, const char *s)
{
    if (s)
        st->conn->ops->bind_text(st, i, s, 1);
    else
        st->conn->ops->bind_null(st, i);
}

void db_bind_text_static(db_stmt *st, int i, const char *s)
{
    if (s)
        st->conn->ops->bind_text(st, i, s, 0);
    else
        st->conn->ops->bind_null(st, i);
}

void db_bind_blob_static(db_stmt *st, int i, const void *p, size_t n)
{
    if (p)
        st->conn->ops->bind_blob(st, i, p, n);
    else
        st->conn->ops->bind_null(st, i);
}

int db_column_count(db_stmt *st) { return st->conn->ops->column_count(st); }

int db_column_is_null(db_stmt *st, int i)
{
    return st->conn->ops->column_is_null(st, i);
}

int db_column_int(db_stmt *st, int i)
{
    return (int)st->conn->ops->column_int64(st, i);
}

int64_t db_column_int64(db_stmt *st, int i)
{
    return st->conn->ops->column_int64(st, i);
}

double db_column_double(db_stmt *st, int i)
{
    return st->conn->ops->column_double(st, i);
}

const char *db_column_text(db_stmt *st, int i)
{
    return st->conn->ops->column_text(st, i);
}

const void *db_column_blob(db_stmt *st, int i)
{
    return st->conn->ops->column_blob(st, i);
}

int db_column_bytes(db_stmt *st, int i)
{
    return st->conn->ops->column_bytes(st, i);
}

int64_t db_changes(db_conn *c) { return c->ops->changes(c); }

int64_t db_last_insert_id(db_conn *c) { return c->ops->last_insert_id(c); }

int db_in_transaction(db_conn *c) { return c->ops->in_transaction(c); }

int db_begin(db_conn *c) { return c->ops->begin(c); }

int db_has_copy(const db_conn *c) { return c->ops->copy_put != NULL; }

int db_copy_put(db_conn *c, const char *table, const char *columns,
                const char *rows, size_t n)
{
    if (!c->ops->copy_put)
        return DB_ERROR;
    g_autofree char *sql =
        g_strdup_printf("COPY %s(%s) FROM STDIN", table, columns);
    return c->ops->copy_put(c, sql, rows, n);
}

int db_copy_end(db_conn *c)
{
    return c->ops->copy_end ? c->ops->copy_end(c) : DB_OK;
}

void db_copy_escape(GString *out, const char *value)
{
    if (!value) {
        g_string_append(out, "\\N");
        return;
    }
    /* most values need no escape: one scan, one append */
    size_t plain = strcspn(value, "\\\t\n\r");
    if (!value[plain]) {
        g_string_append_len(out, value, (gssize)plain);
        return;
    }
    const char *run = value;
    for (const char *p = value + plain; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            continue;
        }
        g_string_append_len(out, run, p - run);
        g_string_append(out, esc);
        run = p + 1;
    }
    g_string_append(out, run);
}

int db_commit(db_conn *c) { return db_exec(c, "COMMIT"); }

int db_rollback(db_conn *c)
{
    return db_in_transaction(c) ? db_exec(c, "ROLLBACK") : DB_OK;
}
