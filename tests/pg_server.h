/*
 * pg_server.h - the PostgreSQL server of the *_pg tests: POVATLAS_TEST_PG
 * (a libpq URI), set by CTest's fixture (tests/pg_cluster.sh). Without it
 * a test exits 77, which CTest reports as skipped, saying why (the reason
 * CMakeLists.txt puts in POVATLAS_TEST_PG_SKIP); under CI=true it fails.
 */
#ifndef POVATLAS_TEST_PG_SERVER_H
#define POVATLAS_TEST_PG_SERVER_H

#include <stdio.h>

#include <glib.h>

/* Returns: (transfer none) (nullable): the server's URI. */
G_GNUC_UNUSED static const char *pg_server(void)
{
    return g_getenv("POVATLAS_TEST_PG");
}

/* Returns: -1 when there is a server, else the exit code of the test. */
static int pg_server_or_skip(void)
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

#endif
