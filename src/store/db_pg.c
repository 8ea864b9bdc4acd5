/*
 * db_pg.c - the PostgreSQL + PostGIS backend of db.h, through libpq.
 *
 * A statement is prepared on the server (PQprepare) under a name of its
 * own, its SQL translated from SQLite's dialect first: "?N" and "?"
 * become "$N", and the SpatiaLite functions the store calls become their
 * PostGIS names (GeomFromWKB -> ST_GeomFromWKB, AsBinary -> ST_AsBinary,
 * CastToMultiPolygon -> ST_Multi). Parameters go as text (blobs binary),
 * results come back as text and are parsed by the column readers; a
 * result is read whole when the statement is first stepped.
 *
 * The target's "active_schema=NAME" (GDAL's PG: keyword; "?active_schema="
 * in a URI) names the schema the workspace lives in, "povatlas" when
 * absent; it comes first in the search path, before public (PostGIS).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <glib.h>

#include "db_backend.h"

#ifndef POVATLAS_HAVE_LIBPQ

db_conn *db_pg_open(const char *conninfo, unsigned flags, char **why)
{
    (void)conninfo;
    (void)flags;
    *why = g_strdup("this povatlas was built without PostgreSQL (libpq)");
    return NULL;
}

#else

#include <libpq-fe.h>

#define BOOLOID 16
#define BYTEAOID 17
#define INT8OID 20
#define TEXTOID 25
#define FLOAT8OID 701

typedef struct {
    db_conn base;
    PGconn *pg;
    char *msg;
    int code;
    int64_t changes;
    unsigned next_name;
    char *copy_sql; /* the COPY in progress, NULL when none */
} pg_conn;

typedef struct {
    db_stmt base;
    char name[32];
    int n_params;
    char **values; /* what PQexecPrepared sends (owned or borrowed) */
    int *lengths;  /* for binary values */
    int *formats;  /* 0 text, 1 binary */
    char **owned;  /* the copies this statement made, freed on rebind */
    Oid *types;    /* the type of each bound value (0: the server infers) */
    char *sql;     /* translated; kept while the prepare is deferred */
    int prepared;  /* on the server */
    int readonly;
    PGresult *res;         /* NULL until stepped */
    int row;               /* current row of res */
    unsigned char **blobs; /* unescaped bytea of the current row */
    size_t *blob_lens;
} pg_stmt;

#define PGC(c) ((pg_conn *)(c))
#define PGS(s) ((pg_stmt *)(s))

static void set_error(pg_conn *c, const char *msg, const char *sqlstate)
{
    g_free(c->msg);
    c->msg = g_strdup(msg && *msg ? msg : "PostgreSQL statement failed");
    g_strchomp(c->msg);
    c->code = DB_ERROR;
    if (sqlstate) {
        if (strcmp(sqlstate, "53100") == 0) /* disk_full */
            c->code = DB_FULL;
        else if (strcmp(sqlstate, "53200") == 0) /* out_of_memory */
            c->code = DB_NOMEM;
        else if (g_str_has_prefix(sqlstate, "58")) /* system error (I/O) */
            c->code = DB_IOERR;
    }
}

static void set_result_error(pg_conn *c, const PGresult *r)
{
    if (!r) {
        set_error(c, PQerrorMessage(c->pg), NULL);
        return;
    }
    /* the primary message only: no "ERROR:" prefix, no context lines */
    const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    set_error(c, m ? m : PQresultErrorMessage(r),
              PQresultErrorField(r, PG_DIAG_SQLSTATE));
}

/* Ends the COPY in progress, if any: DB_OK, or its failure (a refused
 * row shows only now), set as the connection's error. */
static int end_copy(pg_conn *p)
{
    if (!p->copy_sql)
        return DB_OK;
    g_clear_pointer(&p->copy_sql, g_free);
    if (PQputCopyEnd(p->pg, NULL) != 1) {
        set_error(p, PQerrorMessage(p->pg), NULL);
        return p->code;
    }
    int rc = DB_OK;
    PGresult *r;
    /* the COPY's result, then NULL */
    while ((r = PQgetResult(p->pg)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == DB_OK) {
            set_result_error(p, r);
            rc = p->code;
        } else if (rc == DB_OK) {
            p->changes = g_ascii_strtoll(PQcmdTuples(r), NULL, 10);
        }
        PQclear(r);
    }
    return rc;
}

/* The word at @p (letters, digits, '_'; none: empty) after any spaces;
 * *@end is set past it. */
static size_t next_word(const char *p, const char **start, const char **end)
{
    while (g_ascii_isspace(*p))
        p++;
    *start = p;
    while (g_ascii_isalnum(*p) || *p == '_')
        p++;
    *end = p;
    return (size_t)(*end - *start);
}

static int word_is(const char *w, size_t n, const char *what)
{
    return n == strlen(what) && g_ascii_strncasecmp(w, what, n) == 0;
}

/* What SQLite's "INSERT OR REPLACE INTO @table" means on PostgreSQL, put
 * at the end of the statement: on a clash of the primary key, every
 * column (but an identity) takes the new row's value. Empty when the
 * table is unknown (the INSERT then fails saying so). */
static char *upsert_clause(pg_conn *p, const char *table)
{
    const char *params[1] = {table};
    PGresult *r = PQexecParams(
        p->pg,
        "SELECT a.attname, coalesce(a.attnum = ANY(i.indkey), false)"
        " FROM pg_attribute a LEFT JOIN pg_index i"
        " ON i.indrelid = a.attrelid AND i.indisprimary"
        " WHERE a.attrelid = to_regclass($1) AND a.attnum > 0"
        " AND NOT a.attisdropped AND a.attidentity = '' ORDER BY a.attnum",
        1, NULL, params, NULL, NULL, 0);
    GString *key = g_string_new(NULL), *set = g_string_new(NULL);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK)
        for (int i = 0; i < PQntuples(r); i++) {
            const char *col = PQgetvalue(r, i, 0);
            if (PQgetvalue(r, i, 1)[0] == 't')
                g_string_append_printf(key, "%s\"%s\"", key->len ? ", " : "",
                                       col);
            else
                g_string_append_printf(set, "%s\"%s\" = EXCLUDED.\"%s\"",
                                       set->len ? ", " : "", col, col);
        }
    PQclear(r);
    char *clause;
    if (!key->len)
        clause = g_strdup("");
    else if (!set->len)
        clause = g_strdup_printf(" ON CONFLICT (%s) DO NOTHING", key->str);
    else
        clause = g_strdup_printf(" ON CONFLICT (%s) DO UPDATE SET %s", key->str,
                                 set->str);
    g_string_free(key, TRUE);
    g_string_free(set, TRUE);
    return clause;
}

/* Translates SQLite-dialect @sql (see the top of the file); *@n_params
 * (nullable) is set to the number of parameters. Besides the placeholders
 * and functions: the column types (INTEGER is 64-bit, REAL double, an
 * INTEGER PRIMARY KEY an identity), WITHOUT ROWID dropped, group_concat
 * as string_agg, and INSERT OR IGNORE / OR REPLACE as ON CONFLICT. */
static char *translate(pg_conn *c, const char *sql, int *n_params)
{
    static const char *const WORDS[][2] = {
        {"GeomFromWKB", "ST_GeomFromWKB"},
        {"AsBinary", "ST_AsBinary"},
        {"CastToMultiPolygon", "ST_Multi"},
        {"group_concat", "string_agg"},
        {"INTEGER", "BIGINT"},
        {"REAL", "DOUBLE PRECISION"},
        {"BLOB", "BYTEA"},
    };
    GString *out = g_string_sized_new(strlen(sql) + 16);
    char *pending = NULL; /* the end of the current statement */
    int max = 0;
    for (const char *p = sql;;) {
        if (!*p || *p == ';') {
            if (pending) {
                g_string_append(out, pending);
                g_clear_pointer(&pending, g_free);
            }
            if (!*p)
                break;
            g_string_append_c(out, *p++);
        } else if (*p == '\'' || *p == '"') {
            /* a literal or quoted name: copied as it is */
            char q = *p;
            const char *e = p + 1;
            while (*e && !(*e == q && e[1] != q))
                e += *e == q ? 2 : 1;
            if (*e)
                e++;
            g_string_append_len(out, p, e - p);
            p = e;
        } else if (*p == '?') {
            p++;
            int n = 0;
            if (g_ascii_isdigit(*p))
                for (; g_ascii_isdigit(*p); p++)
                    n = n * 10 + (*p - '0');
            else
                n = max + 1;
            if (n > max)
                max = n;
            g_string_append_printf(out, "$%d", n);
        } else if (g_ascii_isalpha(*p) || *p == '_') {
            const char *e = p;
            while (g_ascii_isalnum(*e) || *e == '_')
                e++;
            size_t n = (size_t)(e - p);
            const char *w1, *w1e, *w2, *w2e, *w3, *w3e, *t, *te;
            size_t n1 = next_word(e, &w1, &w1e);
            size_t n2 = next_word(w1e, &w2, &w2e);
            size_t n3 = next_word(w2e, &w3, &w3e);
            if (word_is(p, n, "INSERT") && word_is(w1, n1, "OR") &&
                (word_is(w2, n2, "REPLACE") || word_is(w2, n2, "IGNORE")) &&
                word_is(w3, n3, "INTO") && next_word(w3e, &t, &te) > 0) {
                g_autofree char *table = g_strndup(t, (gsize)(te - t));
                g_free(pending);
                pending = word_is(w2, n2, "IGNORE")
                              ? g_strdup(" ON CONFLICT DO NOTHING")
                              : upsert_clause(c, table);
                g_string_append_printf(out, "INSERT INTO %s", table);
                p = te;
                continue;
            }
            if (word_is(p, n, "INTEGER") && word_is(w1, n1, "PRIMARY") &&
                word_is(w2, n2, "KEY")) {
                g_string_append(out, "BIGINT GENERATED BY DEFAULT AS IDENTITY"
                                     " PRIMARY KEY");
                p = w2e;
                continue;
            }
            if (word_is(p, n, "WITHOUT") && word_is(w1, n1, "ROWID")) {
                p = w1e;
                continue;
            }
            const char *as = NULL;
            for (size_t i = 0; !as && i < G_N_ELEMENTS(WORDS); i++)
                if (word_is(p, n, WORDS[i][0]))
                    as = WORDS[i][1];
            if (as && p > sql && p[-1] == '.')
                as = NULL; /* a column of that name */
            if (as)
                g_string_append(out, as);
            else
                g_string_append_len(out, p, (gssize)n);
            p = e;
        } else {
            g_string_append_c(out, *p++);
        }
    }
    if (n_params)
        *n_params = max;
    return g_string_free(out, FALSE);
}

static void clear_result(pg_stmt *s)
{
    if (s->res) {
        int n = PQnfields(s->res);
        for (int i = 0; i < n; i++)
            if (s->blobs[i])
                PQfreemem(s->blobs[i]);
        g_free(s->blobs);
        g_free(s->blob_lens);
        s->blobs = NULL;
        s->blob_lens = NULL;
        PQclear(s->res);
        s->res = NULL;
    }
    s->row = -1;
}

static void forget_blobs(pg_stmt *s)
{
    if (!s->res)
        return;
    for (int i = 0; i < PQnfields(s->res); i++)
        if (s->blobs[i]) {
            PQfreemem(s->blobs[i]);
            s->blobs[i] = NULL;
        }
}

static void pg_close(db_conn *c)
{
    pg_conn *p = PGC(c);
    g_free(p->copy_sql); /* a COPY left open: abandoned with the session */
    if (p->pg)
        PQfinish(p->pg);
    g_free(p->msg);
    g_free(p);
}

static const char *pg_errmsg(db_conn *c)
{
    return PGC(c)->msg ? PGC(c)->msg : "not an error";
}

static int pg_errcode(db_conn *c) { return PGC(c)->code; }

static int pg_exec(db_conn *c, const char *sql)
{
    pg_conn *p = PGC(c);
    /* a COPY in progress ends first; when it failed, so does @sql, with
     * its reason, unless @sql is the rollback that follows */
    int copied = end_copy(p);
    if (copied != DB_OK && g_ascii_strncasecmp(sql, "ROLLBACK", 8) != 0)
        return copied;
    g_autofree char *pg_sql = translate(p, sql, NULL);
    PGresult *r = PQexec(p->pg, pg_sql);
    ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int rc = DB_OK;
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        set_result_error(p, r);
        rc = p->code;
    } else if (g_ascii_strncasecmp(sql, "COMMIT", 6) == 0 &&
               g_strcmp0(PQcmdStatus(r), "ROLLBACK") == 0) {
        /* a statement of the transaction failed, which aborts it on
         * PostgreSQL (SQLite undoes only that statement): the server
         * answers COMMIT by rolling everything back, which is a failure,
         * not the success it looks like */
        set_error(p,
                  "the transaction was rolled back: a statement in it had "
                  "failed",
                  "25P02");
        rc = p->code;
    } else {
        p->changes = g_ascii_strtoll(PQcmdTuples(r), NULL, 10);
    }
    PQclear(r);
    return rc;
}

static int first_word_reads(const char *sql)
{
    while (g_ascii_isspace(*sql) || *sql == '(')
        sql++;
    static const char *const READS[] = {"SELECT", "VALUES", "SHOW"};
    for (size_t i = 0; i < G_N_ELEMENTS(READS); i++)
        if (g_ascii_strncasecmp(sql, READS[i], strlen(READS[i])) == 0)
            return 1;
    return 0;
}

/* Prepares @sql, which may fail, inside a savepoint when a transaction
 * is open, so that its failure does not abort the transaction. */
static PGresult *prepare_guarded(pg_conn *p, const char *name, const char *sql,
                                 int n, const Oid *types)
{
    int guard = PQtransactionStatus(p->pg) == PQTRANS_INTRANS;
    if (guard)
        PQclear(PQexec(p->pg, "SAVEPOINT povatlas_prepare"));
    PGresult *r = PQprepare(p->pg, name, sql, n, types);
    int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (guard)
        PQclear(PQexec(p->pg, ok ? "RELEASE SAVEPOINT povatlas_prepare"
                                 : "ROLLBACK TO SAVEPOINT povatlas_prepare"));
    return r;
}

static db_stmt *pg_prepare(db_conn *c, const char *sql)
{
    pg_conn *p = PGC(c);
    if (end_copy(p) != DB_OK)
        return NULL;
    pg_stmt *s = g_new0(pg_stmt, 1);
    s->base.conn = c;
    s->row = -1;
    s->sql = translate(p, sql, &s->n_params);
    snprintf(s->name, sizeof s->name, "povatlas_%u", ++p->next_name);
    PGresult *r = prepare_guarded(p, s->name, s->sql, 0, NULL);
    if (r && PQresultStatus(r) == PGRES_COMMAND_OK) {
        s->prepared = 1;
    } else {
        /* SQLite's untyped parameters: "?1 IS NULL", "?2 - ?1" leave the
         * server no type to infer; the first step prepares the statement
         * with the types of the values then bound */
        const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
        if (g_strcmp0(state, "42P18") != 0 && g_strcmp0(state, "42P08") != 0 &&
            g_strcmp0(state, "42725") != 0) {
            set_result_error(p, r);
            PQclear(r);
            g_free(s->sql);
            g_free(s);
            return NULL;
        }
    }
    PQclear(r);
    s->readonly = first_word_reads(sql);
    int n = s->n_params > 0 ? s->n_params : 1;
    s->values = g_new0(char *, n);
    s->lengths = g_new0(int, n);
    s->formats = g_new0(int, n);
    s->owned = g_new0(char *, n);
    s->types = g_new0(Oid, n);
    return &s->base;
}

static void pg_finalize(db_stmt *st)
{
    pg_stmt *s = PGS(st);
    pg_conn *p = PGC(st->conn);
    clear_result(s);
    /* a failed transaction refuses DEALLOCATE too: the name then lives
     * until the connection closes, which is harmless (names are unique);
     * so while a COPY is in progress (which the next statement ends,
     * reporting its failure) */
    if (s->prepared && !p->copy_sql &&
        PQtransactionStatus(p->pg) != PQTRANS_INERROR) {
        g_autofree char *sql = g_strdup_printf("DEALLOCATE %s", s->name);
        PQclear(PQexec(p->pg, sql));
    }
    for (int i = 0; i < s->n_params; i++)
        g_free(s->owned[i]);
    g_free(s->owned);
    g_free(s->values);
    g_free(s->lengths);
    g_free(s->formats);
    g_free(s->types);
    g_free(s->sql);
    g_free(s);
}

static int pg_step(db_stmt *st)
{
    pg_stmt *s = PGS(st);
    pg_conn *p = PGC(st->conn);
    int copied = end_copy(p);
    if (copied != DB_OK)
        return copied;
    if (!s->res && !s->prepared) {
        PGresult *r =
            prepare_guarded(p, s->name, s->sql, s->n_params, s->types);
        int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
        const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
        if (!ok && (g_strcmp0(state, "42P18") == 0 ||
                    g_strcmp0(state, "42P08") == 0)) {
            /* a parameter bound NULL whose type nothing tells ("?3 IS
             * NULL OR valid_from <= ?3" first run with NULL): text, as
             * SQLite's untyped NULL compares */
            g_autofree Oid *types = g_new(Oid, s->n_params);
            for (int i = 0; i < s->n_params; i++)
                types[i] = s->types[i] ? s->types[i] : TEXTOID;
            PQclear(r);
            r = prepare_guarded(p, s->name, s->sql, s->n_params, types);
            ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
        }
        if (!ok)
            set_result_error(p, r);
        PQclear(r);
        if (!ok)
            return p->code;
        s->prepared = 1;
    }
    if (!s->res) {
        PGresult *r = PQexecPrepared(p->pg, s->name, s->n_params,
                                     (const char *const *)s->values, s->lengths,
                                     s->formats, 0);
        ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
            set_result_error(p, r);
            PQclear(r);
            return p->code;
        }
        if (t == PGRES_COMMAND_OK) {
            p->changes = g_ascii_strtoll(PQcmdTuples(r), NULL, 10);
            PQclear(r);
            /* a result with no columns stands for "ran" */
            s->res = PQmakeEmptyPGresult(p->pg, PGRES_TUPLES_OK);
        } else {
            s->res = r;
        }
        int nf = PQnfields(s->res);
        s->blobs = g_new0(unsigned char *, nf > 0 ? nf : 1);
        s->blob_lens = g_new0(size_t, nf > 0 ? nf : 1);
        s->row = -1;
    }
    forget_blobs(s);
    if (s->row + 1 < PQntuples(s->res)) {
        s->row++;
        return DB_ROW;
    }
    s->row = PQntuples(s->res);
    return DB_DONE;
}

static void pg_reset(db_stmt *st) { clear_result(PGS(st)); }

static void set_param(pg_stmt *s, int i, char *owned, const char *value,
                      int length, int format, Oid type)
{
    if (i < 1 || i > s->n_params) {
        g_free(owned);
        return;
    }
    s->types[i - 1] = type;
    g_free(s->owned[i - 1]);
    s->owned[i - 1] = owned;
    s->values[i - 1] = (char *)(owned ? owned : value);
    s->lengths[i - 1] = length;
    s->formats[i - 1] = format;
}

static void pg_clear_bindings(db_stmt *st)
{
    pg_stmt *s = PGS(st);
    for (int i = 1; i <= s->n_params; i++)
        set_param(s, i, NULL, NULL, 0, 0, 0);
}

static int pg_readonly(db_stmt *st) { return PGS(st)->readonly; }

static int pg_parameter_count(db_stmt *st) { return PGS(st)->n_params; }

static void pg_bind_null(db_stmt *st, int i)
{
    set_param(PGS(st), i, NULL, NULL, 0, 0, 0);
}

static void pg_bind_int64(db_stmt *st, int i, int64_t v)
{
    set_param(PGS(st), i, g_strdup_printf("%" PRId64, v), NULL, 0, 0, INT8OID);
}

static void pg_bind_double(db_stmt *st, int i, double v)
{
    char *t;
    if (isnan(v))
        t = g_strdup("NaN");
    else if (isinf(v))
        t = g_strdup(v > 0 ? "Infinity" : "-Infinity");
    else {
        /* 17 significant digits: the same double comes back */
        t = g_malloc(G_ASCII_DTOSTR_BUF_SIZE);
        g_ascii_formatd(t, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", v);
    }
    set_param(PGS(st), i, t, NULL, 0, 0, FLOAT8OID);
}

static void pg_bind_text(db_stmt *st, int i, const char *s, int copy)
{
    if (copy)
        set_param(PGS(st), i, g_strdup(s), NULL, 0, 0, 0);
    else
        set_param(PGS(st), i, NULL, s, 0, 0, 0);
}

static void pg_bind_blob(db_stmt *st, int i, const void *p, size_t n)
{
    set_param(PGS(st), i, NULL, p, (int)n, 1, BYTEAOID);
}

static int valid_cell(pg_stmt *s, int i)
{
    return s->res && s->row >= 0 && s->row < PQntuples(s->res) && i >= 0 &&
           i < PQnfields(s->res);
}

static int pg_column_count(db_stmt *st)
{
    return PGS(st)->res ? PQnfields(PGS(st)->res) : 0;
}

static int pg_column_is_null(db_stmt *st, int i)
{
    pg_stmt *s = PGS(st);
    return !valid_cell(s, i) || PQgetisnull(s->res, s->row, i);
}

static const char *pg_column_text(db_stmt *st, int i)
{
    pg_stmt *s = PGS(st);
    if (pg_column_is_null(st, i))
        return NULL;
    return PQgetvalue(s->res, s->row, i);
}

static int64_t pg_column_int64(db_stmt *st, int i)
{
    const char *t = pg_column_text(st, i);
    if (!t)
        return 0;
    if (PQftype(PGS(st)->res, i) == BOOLOID)
        return t[0] == 't';
    char *end = NULL;
    int64_t v = g_ascii_strtoll(t, &end, 10);
    if (end && (*end == '.' || *end == 'e' || *end == 'E'))
        return (int64_t)g_ascii_strtod(t, NULL); /* a real read as integer */
    return v;
}

static double pg_column_double(db_stmt *st, int i)
{
    const char *t = pg_column_text(st, i);
    if (!t)
        return 0;
    if (PQftype(PGS(st)->res, i) == BOOLOID)
        return t[0] == 't';
    return g_ascii_strtod(t, NULL);
}

static const void *pg_column_blob(db_stmt *st, int i)
{
    pg_stmt *s = PGS(st);
    const char *t = pg_column_text(st, i);
    if (!t || PQftype(s->res, i) != BYTEAOID)
        return t;
    if (!s->blobs[i])
        s->blobs[i] =
            PQunescapeBytea((const unsigned char *)t, &s->blob_lens[i]);
    return s->blobs[i];
}

static int pg_column_bytes(db_stmt *st, int i)
{
    pg_stmt *s = PGS(st);
    const char *t = pg_column_text(st, i);
    if (!t)
        return 0;
    if (PQftype(s->res, i) != BYTEAOID)
        return (int)strlen(t);
    pg_column_blob(st, i);
    return (int)s->blob_lens[i];
}

static int64_t pg_changes(db_conn *c) { return PGC(c)->changes; }

static int64_t pg_last_insert_id(db_conn *c)
{
    /* the last value a sequence (an identity column) gave in this
     * session: the id of the row the last INSERT made */
    if (end_copy(PGC(c)) != DB_OK)
        return 0;
    PGresult *r = PQexec(PGC(c)->pg, "SELECT lastval()");
    int64_t id = 0;
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        id = g_ascii_strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return id;
}

static int pg_in_transaction(db_conn *c)
{
    /* a COPY in progress ends first (its failure, kept as the
     * connection's error, leaves the transaction failed: still open) */
    end_copy(PGC(c));
    PGTransactionStatusType t = PQtransactionStatus(PGC(c)->pg);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

static int pg_begin(db_conn *c) { return pg_exec(c, "BEGIN"); }

static int pg_copy_put(db_conn *c, const char *sql, const char *rows, size_t n)
{
    pg_conn *p = PGC(c);
    if (!p->copy_sql || strcmp(p->copy_sql, sql) != 0) {
        int rc = end_copy(p);
        if (rc != DB_OK)
            return rc;
        PGresult *r = PQexec(p->pg, sql);
        if (!r || PQresultStatus(r) != PGRES_COPY_IN) {
            set_result_error(p, r);
            PQclear(r);
            return p->code;
        }
        PQclear(r);
        p->copy_sql = g_strdup(sql);
        /* a send buffer of 4 MiB (the kernel caps it at its
         * net.core.wmem_max; 208 KiB by default): the server's pauses to
         * extend the table and write WAL are then covered by rows already
         * sent, and the client goes on making rows meanwhile instead of
         * waiting in send() (10 M rows: 17.8 -> 14.0 s, bench/README.md).
         * Only a hint: when refused, the COPY works as before. */
        int size = 4 << 20;
        (void)setsockopt(PQsocket(p->pg), SOL_SOCKET, SO_SNDBUF, &size,
                         sizeof size);
    }
    /* libpq sends in pieces of at most INT_MAX bytes; it waits while the
     * server is behind (the socket full), so memory stays flat */
    while (n > 0) {
        int piece = n > (1u << 30) ? 1 << 30 : (int)n;
        if (PQputCopyData(p->pg, rows, piece) != 1) {
            set_error(p, PQerrorMessage(p->pg), NULL);
            return p->code;
        }
        rows += piece;
        n -= (size_t)piece;
    }
    return DB_OK;
}

static int pg_copy_end(db_conn *c) { return end_copy(PGC(c)); }

static const struct db_ops PG_OPS = {
    .backend = DB_POSTGRESQL,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .errcode = pg_errcode,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .step = pg_step,
    .reset = pg_reset,
    .clear_bindings = pg_clear_bindings,
    .readonly = pg_readonly,
    .parameter_count = pg_parameter_count,
    .bind_null = pg_bind_null,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .column_count = pg_column_count,
    .column_is_null = pg_column_is_null,
    .column_int64 = pg_column_int64,
    .column_double = pg_column_double,
    .column_text = pg_column_text,
    .column_blob = pg_column_blob,
    .column_bytes = pg_column_bytes,
    .changes = pg_changes,
    .last_insert_id = pg_last_insert_id,
    .in_transaction = pg_in_transaction,
    .begin = pg_begin,
    .copy_put = pg_copy_put,
    .copy_end = pg_copy_end,
};

/* Takes "active_schema=NAME" out of @conninfo (a keyword string, or a
 * URI's query parameter) into *@schema; returns what libpq is given. */
static char *take_schema(const char *conninfo, char **schema)
{
    *schema = NULL;
    GString *s = g_string_new(conninfo);
    const char *key = "active_schema";
    char *at = strstr(s->str, key);
    if (at) {
        size_t from = (size_t)(at - s->str);
        char *v = at + strlen(key);
        while (*v == ' ')
            v++;
        if (*v == '=') {
            v++;
            while (*v == ' ')
                v++;
            size_t n = strcspn(v, " &");
            *schema = g_strndup(v, n);
            size_t to = (size_t)(v - s->str) + n;
            /* the separator before it (URI '&' or '?') or after it */
            if (from > 0 && s->str[from - 1] == '&')
                from--;
            else if (to < s->len && (s->str[to] == '&' || s->str[to] == ' '))
                to++;
            g_string_erase(s, (gssize)from, (gssize)(to - from));
            if (s->len && (s->str[s->len - 1] == '?'))
                g_string_truncate(s, s->len - 1);
        }
    }
    return g_string_free(s, FALSE);
}

/* Runs @sql on the new connection @p; on failure sets *@why and closes
 * @p. Returns: whether it ran. */
static int open_step(pg_conn *p, const char *sql, char **why)
{
    if (pg_exec(&p->base, sql) == DB_OK)
        return 1;
    *why = g_strdup(p->msg);
    pg_close(&p->base);
    return 0;
}

db_conn *db_pg_open(const char *conninfo, unsigned flags, char **why)
{
    g_autofree char *schema = NULL;
    g_autofree char *info = take_schema(conninfo, &schema);
    const char *name = schema ? schema : "povatlas";
    /* a schema name as PostgreSQL folds an unquoted one: no surprises
     * in quoting, in QGIS, or in a shell */
    for (const char *c = name; *c; c++)
        if (!(g_ascii_islower(*c) || *c == '_' ||
              (c > name && g_ascii_isdigit(*c)))) {
            *why = g_strdup_printf("schema name '%s': use lower-case letters, "
                                   "digits and '_' only",
                                   name);
            return NULL;
        }
    if (!*name) {
        *why = g_strdup("the schema name is empty");
        return NULL;
    }
    pg_conn *p = g_new0(pg_conn, 1);
    p->base.ops = &PG_OPS;
    /* the password comes from PGPASSWORD or ~/.pgpass, never from us */
    p->pg = PQconnectdb(info);
    if (!p->pg || PQstatus(p->pg) != CONNECTION_OK) {
        *why = g_strdup(p->pg ? PQerrorMessage(p->pg) : "out of memory");
        g_strchomp(*why);
        pg_close(&p->base);
        return NULL;
    }
    if (!open_step(p, "SET client_min_messages TO warning", why))
        return NULL;
    if (flags & DB_OPEN_CREATE) {
        /* PostGIS in public (the search path's second place); the
         * workspace's schema made when missing */
        g_autofree char *sql = g_strdup_printf(
            "CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;"
            "CREATE SCHEMA IF NOT EXISTS %s",
            name);
        if (!open_step(p, sql, why))
            return NULL;
    } else {
        const char *params[1] = {name};
        PGresult *r =
            PQexecParams(p->pg, "SELECT 1 FROM pg_namespace WHERE nspname = $1",
                         1, NULL, params, NULL, NULL, 0);
        int found =
            r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
        PQclear(r);
        if (!found) {
            *why = g_strdup_printf("the database has no schema '%s' (create "
                                   "the workspace there first)",
                                   name);
            pg_close(&p->base);
            return NULL;
        }
    }
    g_autofree char *sql = g_strdup_printf(
        "SET search_path TO %s, public%s", name,
        (flags & DB_OPEN_READONLY) ? "; SET default_transaction_read_only TO on"
                                   : "");
    if (!open_step(p, sql, why))
        return NULL;
    return &p->base;
}

#endif
