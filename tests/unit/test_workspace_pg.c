/*
 * test_workspace_pg.c - a workspace in a PostgreSQL + PostGIS schema
 * (issue 12): `povatlas init --db ... --schema NAME` makes the same
 * versioned schema as on SQLite (same tables, the standards loaded, the
 * geometry columns registered with PostGIS), refuses to replace one
 * unless asked, never drops a schema that is not a workspace, tells a
 * missing schema apart, and never shows a password.
 */
#include <string.h>

#include "testutil.h"

#include "pg_server.h"
#include "povatlas/pipeline.h"
#include "povatlas/povatlas.h"
#include "store/db.h"

static void test_create_like_sqlite(void **state)
{
    (void)state;
    db_conn *admin = pg_connect(NULL, "public");
    assert_int_equal(db_exec(admin, "DROP SCHEMA IF EXISTS ws_init CASCADE"),
                     DB_OK);
    g_autofree char *target = pg_target("ws_init");
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(target, 0, &err);
    if (!ws)
        fail_msg("%s", err->message);
    int version = 0;
    assert_int_equal(povatlas_workspace_schema_version(ws, &version, &err), 0);
    assert_int_equal(version, POVATLAS_SCHEMA_VERSION);
    int64_t pg_rev = 0;
    assert_int_equal(povatlas_workspace_standards_revision(ws, &pg_rev, &err),
                     0);
    povatlas_workspace_close(ws);

    /* the same standards and tables as a SQLite workspace made from the
     * same files (less SpatiaLite's own tables) */
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *file = g_build_filename(dir, "atlas.sqlite", NULL);
    ws = povatlas_workspace_create(file, 0, &err);
    assert_non_null(ws);
    int64_t sqlite_rev = 0;
    assert_int_equal(
        povatlas_workspace_standards_revision(ws, &sqlite_rev, &err), 0);
    povatlas_workspace_close(ws);
    g_autofree char *why = NULL;
    db_conn *lite = db_open(file, DB_OPEN_READONLY, &why);
    assert_non_null(lite);
    g_autofree char *sqlite_tables = pg_text(
        lite, "SELECT group_concat(name, ' ') FROM (SELECT name FROM"
              " sqlite_master WHERE type = 'table' AND name NOT IN"
              " ('ElementaryGeometries', 'KNN', 'KNN2', 'SpatialIndex',"
              " 'data_licenses', 'spatialite_history', 'sql_statements_log',"
              " 'sqlite_sequence') AND name NOT LIKE '%geometry_columns%'"
              " AND name NOT LIKE 'spatial_ref_sys%' AND name NOT LIKE"
              " 'idx_%' ORDER BY name)");
    db_close(lite);
    testutil_rmtree(dir);
    assert_true(sqlite_rev > 0);
    assert_int_equal(pg_rev, sqlite_rev);
    g_autofree char *pg_tables =
        pg_text(admin, "SELECT string_agg(table_name, ' ' ORDER BY table_name"
                       " COLLATE \"C\") FROM information_schema.tables"
                       " WHERE table_schema = 'ws_init'");
    assert_string_equal(pg_tables, sqlite_tables);
    assert_non_null(strstr(pg_tables, " households "));
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM ws_init.standards"),
                     sqlite_rev);
    /* PostGIS knows the geometry columns (what QGIS lists) */
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM geometry_columns WHERE"
                         " f_table_schema = 'ws_init' AND srid = 4326 AND"
                         " ((f_table_name = 'units' AND type = 'MULTIPOLYGON')"
                         " OR (f_table_name = 'context_layers' AND"
                         " type = 'GEOMETRY'))"),
        2);
    /* 64-bit integers and doubles, as SQLite's INTEGER and REAL, except
     * the households' C int values (schema step 5 -> 6) */
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM information_schema.columns"
                         " WHERE table_schema = 'ws_init' AND data_type IN"
                         " ('integer', 'real') AND (table_name <> 'households'"
                         " OR data_type = 'real')"),
        0);
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM information_schema.columns"
                         " WHERE table_schema = 'ws_init' AND table_name ="
                         " 'households' AND data_type = 'integer'"),
        10);
    /* a schema-5 workspace (bigint households) is narrowed on open */
    assert_int_equal(db_exec(admin,
                             "ALTER TABLE ws_init.households ALTER COLUMN year"
                             " TYPE bigint, ALTER COLUMN flags TYPE bigint;"
                             "UPDATE ws_init.meta SET value = '5' WHERE"
                             " key = 'schema_version'"),
                     DB_OK);
    ws = povatlas_workspace_open(target, 0, &err);
    if (!ws)
        fail_msg("%s", err->message);
    assert_int_equal(povatlas_workspace_schema_version(ws, &version, &err), 0);
    assert_int_equal(version, 6);
    povatlas_workspace_close(ws);
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM information_schema.columns"
                         " WHERE table_schema = 'ws_init' AND table_name ="
                         " 'households' AND data_type = 'integer'"),
        10);

    /* opened again: the same version, no migration */
    ws = povatlas_workspace_open(target, 0, &err);
    assert_non_null(ws);
    assert_int_equal(povatlas_workspace_schema_version(ws, &version, &err), 0);
    assert_int_equal(version, POVATLAS_SCHEMA_VERSION);
    povatlas_workspace_close(ws);

    /* replaced only when asked */
    int exists = 0;
    assert_int_equal(povatlas_workspace_exists(target, &exists, &err), 0);
    assert_true(exists);
    assert_null(povatlas_workspace_create(target, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "already exists"));
    povatlas_error_free(err);
    err = NULL;
    ws = povatlas_workspace_create(target, 1, &err);
    assert_non_null(ws);
    povatlas_workspace_close(ws);

    assert_int_equal(povatlas_workspace_remove(target, &err), 0);
    assert_int_equal(povatlas_workspace_exists(target, &exists, &err), 0);
    assert_false(exists);
    assert_int_equal(
        pg_scalar(
            admin,
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'ws_init'"),
        0);
    db_close(admin);
}

static void test_refusals(void **state)
{
    (void)state;
    povatlas_error *err = NULL;
    /* a missing schema is not created by a plain open */
    g_autofree char *nope = pg_target("ws_nope");
    assert_null(povatlas_workspace_open(nope, 0, &err));
    assert_non_null(strstr(err->message, "no schema 'ws_nope'"));
    assert_non_null(strstr(err->message, "create the workspace there"));
    povatlas_error_free(err);
    err = NULL;

    /* a schema of other tables is neither used nor dropped */
    db_conn *admin = pg_connect(NULL, "public");
    assert_int_equal(db_exec(admin, "DROP SCHEMA IF EXISTS ws_other CASCADE;"
                                    "CREATE SCHEMA ws_other;"
                                    "CREATE TABLE ws_other.mine(x int)"),
                     DB_OK);
    g_autofree char *other = pg_target("ws_other");
    assert_null(
        povatlas_workspace_open(other, POVATLAS_WORKSPACE_CREATE, &err));
    assert_non_null(strstr(err->message, "not a povatlas workspace"));
    povatlas_error_free(err);
    err = NULL;
    assert_null(povatlas_workspace_create(other, 1, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM ws_other.mine"), 0);
    db_close(admin);

    /* names PostgreSQL would fold or need quoting for are refused */
    g_autofree char *upper = pg_target("Ws");
    assert_null(
        povatlas_workspace_open(upper, POVATLAS_WORKSPACE_CREATE, &err));
    assert_non_null(strstr(err->message, "lower-case"));
    povatlas_error_free(err);
    err = NULL;

    /* a password given in the target never shows */
    const char *bad = "postgresql://someone:s3cret@/nodb?host=/nonexistent";
    assert_null(povatlas_workspace_open(bad, 0, &err));
    g_autofree char *text = povatlas_error_format(err);
    assert_null(strstr(text, "s3cret"));
    assert_non_null(strstr(text, "someone:***@"));
    povatlas_error_free(err);
    g_autofree char *shown = povatlas_workspace_path_shown(bad);
    assert_string_equal(shown,
                        "postgresql://someone:***@/nodb?host=/nonexistent");
}

/* The CLI: --schema joins --db; the message names the masked target. */
static void test_cli_init(void **state)
{
    (void)state;
    g_autofree char *out = NULL, *errs = NULL;
    const char *pg = pg_server();
    const char *init[] = {"init",   "--db",    pg,  "--schema",
                          "ws_cli", "--force", NULL};
    assert_int_equal(testutil_run(init, &out, &errs), 0);
    g_autofree char *want = g_strdup_printf(
        "created workspace %s&active_schema=ws_cli (schema %d)\n", pg,
        POVATLAS_SCHEMA_VERSION);
    assert_string_equal(out, want);
    g_free(out);
    g_free(errs);
    const char *again[] = {"init", "--db", pg, "--schema", "ws_cli", NULL};
    assert_int_not_equal(testutil_run(again, &out, &errs), 0);
    assert_non_null(strstr(errs, "already exists"));
    assert_non_null(strstr(errs, "--force"));
    g_free(out);
    g_free(errs);
    const char *file[] = {"init", "--db", "x.sqlite", "--schema", "s", NULL};
    assert_int_equal(testutil_run(file, &out, &errs), 2);
    assert_non_null(strstr(errs, "--schema names a schema of a PostgreSQL"));
    g_autofree char *target = pg_target("ws_cli");
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_workspace_remove(target, &err), 0);
}

/* A snapshot transaction (analyze's) reads one state of the workspace:
 * what another connection commits meanwhile stays unseen until it ends;
 * a plain transaction sees it at its next statement. */
static void test_snapshot(void **state)
{
    (void)state;
    db_conn *admin = pg_connect(NULL, "public");
    assert_int_equal(db_exec(admin, "DROP SCHEMA IF EXISTS ws_snap CASCADE"),
                     DB_OK);
    g_autofree char *target = pg_target("ws_snap");
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(target, 0, &err);
    assert_non_null(ws);
    for (int snapshot = 1; snapshot >= 0; snapshot--) {
        assert_int_equal(
            db_exec(admin, "DELETE FROM ws_snap.meta WHERE key = 'probe'"),
            DB_OK);
        assert_int_equal(snapshot ? povatlas_workspace_begin_snapshot(ws, &err)
                                  : povatlas_workspace_begin(ws, &err),
                         POVATLAS_OK);
        char *v = NULL;
        assert_int_equal(povatlas_workspace_get_meta(ws, "probe", &v, &err),
                         POVATLAS_OK);
        assert_null(v);
        assert_int_equal(db_exec(admin, "INSERT INTO ws_snap.meta VALUES"
                                        " ('probe', '1')"),
                         DB_OK);
        assert_int_equal(povatlas_workspace_get_meta(ws, "probe", &v, &err),
                         POVATLAS_OK);
        if (snapshot)
            assert_null(v);
        else
            assert_string_equal(v, "1");
        g_free(v);
        assert_int_equal(povatlas_workspace_commit(ws, &err), POVATLAS_OK);
        assert_int_equal(povatlas_workspace_get_meta(ws, "probe", &v, &err),
                         POVATLAS_OK);
        assert_string_equal(v, "1");
        g_free(v);
    }
    povatlas_workspace_close(ws);
    assert_int_equal(db_exec(admin, "DROP SCHEMA ws_snap CASCADE"), DB_OK);
    db_close(admin);
}

int main(void)
{
    int skip = pg_server_or_skip();
    if (skip >= 0)
        return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_like_sqlite),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_cli_init),
        cmocka_unit_test(test_snapshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
