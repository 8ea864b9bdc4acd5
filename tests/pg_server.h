/*
 * pg_server.h - the PostgreSQL server of the *_pg tests: POVATLAS_TEST_PG
 * (a libpq URI), set by CTest's fixture (tests/pg_cluster.sh). Without it
 * a test exits 77, which CTest reports as skipped, saying why (the reason
 * CMakeLists.txt puts in POVATLAS_TEST_PG_SKIP); under CI=true it fails.
 * And the helpers every _pg test shares: connecting as the administrator
 * or as an office's role, one value of a query, dropping a test role.
 */
#ifndef POVATLAS_TEST_PG_SERVER_H
#define POVATLAS_TEST_PG_SERVER_H

#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "store/db.h"

/* Returns: (transfer none) (nullable): the server's URI. */
G_GNUC_UNUSED static const char *pg_server(void)
{
    return g_getenv("POVATLAS_TEST_PG");
}

/* Returns: -1 when there is a server, else the exit code of the test. */
G_GNUC_UNUSED static int pg_server_or_skip(void)
{
    const char *pg = pg_server();
    if (pg && *pg)
        return -1;
    const char *why = g_getenv("POVATLAS_TEST_PG_SKIP");
    printf("skipped: %s\n", why ? why
                                : "POVATLAS_TEST_PG names no server "
                                  "(tests/pg_cluster.sh start)");
    if (g_strcmp0(g_getenv("CI"), "true") == 0) {
        printf("CI=true: the PostgreSQL tests must run there\n");
        return 1;
    }
    return 77;
}

/* Returns: (transfer full): the server's URI with the workspace in
 * @schema (GDAL's active_schema). */
G_GNUC_UNUSED static char *pg_target(const char *schema)
{
    const char *pg = pg_server();
    return g_strdup_printf("%s%sactive_schema=%s", pg,
                           strchr(pg, '?') ? "&" : "?", schema);
}

/* Returns: (transfer full): the server's URI as role @role (trust on the
 * cluster's socket: no password), with the workspace in @schema when not
 * NULL. */
G_GNUC_UNUSED static char *pg_target_as(const char *role, const char *schema)
{
    g_autofree char *uri = schema ? pg_target(schema) : g_strdup(pg_server());
    const char *at = strstr(uri, "povatlas_admin@");
    assert_non_null(at);
    return g_strdup_printf("%.*s%s%s", (int)(at - uri), uri, role,
                           at + strlen("povatlas_admin"));
}

/* Returns: a connection to the test database as @role (NULL: the
 * administrator) with @schema first in its search path; fails the test
 * when there is none. */
G_GNUC_UNUSED static db_conn *pg_connect(const char *role, const char *schema)
{
    g_autofree char *why = NULL;
    g_autofree char *target =
        role ? pg_target_as(role, schema) : pg_target(schema);
    db_conn *c = db_open(target, 0, &why);
    if (!c)
        fail_msg("cannot connect to %s: %s", target, why);
    return c;
}

/* Returns: @sql's one value, a whole number. */
G_GNUC_UNUSED static int64_t pg_scalar(db_conn *c, const char *sql)
{
    db_stmt *st = db_prepare(c, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(c));
    assert_int_equal(db_step(st), DB_ROW);
    int64_t v = db_column_int64(st, 0);
    db_finalize(st);
    return v;
}

/* Returns: (transfer full): @sql's one value as text. */
G_GNUC_UNUSED static char *pg_text(db_conn *c, const char *sql)
{
    db_stmt *st = db_prepare(c, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(c));
    assert_int_equal(db_step(st), DB_ROW);
    char *v = g_strdup(db_column_text(st, 0));
    db_finalize(st);
    return v;
}

/* Drops role @role of an earlier run (with what it owns and its grants)
 * when it exists. */
G_GNUC_UNUSED static void pg_drop_role(db_conn *admin, const char *role)
{
    g_autofree char *q = g_strdup_printf(
        "SELECT count(*) FROM pg_roles WHERE rolname = '%s'", role);
    if (pg_scalar(admin, q) == 0)
        return;
    g_autofree char *sql =
        g_strdup_printf("DROP OWNED BY %s; DROP ROLE %s", role, role);
    assert_int_equal(db_exec(admin, sql), DB_OK);
}

#endif
