/*
 * test_bench_smoke.c - bench/run_stats_render.sh and bench/run_import.sh
 * at a small size (10,000 households, 200 communes, one run, no peers) so
 * that the benchmark scripts cannot rot: they must make their data, build
 * the workspace, and leave a full statistics table and a 2000 x 2000 map,
 * and timed records of every povatlas stage with a workspace whose kept
 * counts per commune equal a count of its rows. Nothing about time is
 * asserted.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

static char *g_tmp;

static int setup(void **state)
{
    (void)state;
    g_tmp = testutil_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testutil_rmtree(g_tmp);
    g_free(g_tmp);
    return 0;
}

static char *data_file(const char *name)
{
    g_autofree char *dir = g_build_filename(g_tmp, "data", NULL);
    return g_build_filename(dir, name, NULL);
}

/* Lines of a text file (0 when it cannot be read). */
static size_t count_lines(const char *path, char **text)
{
    size_t n = 0;
    if (!g_file_get_contents(path, text, NULL, NULL))
        return 0;
    for (const char *p = *text; *p; p++)
        n += *p == '\n';
    return n;
}

/* Width and height from a PNG's IHDR chunk. */
static void png_size(const char *path, unsigned *w, unsigned *h)
{
    g_autofree char *b = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &b, &len, NULL));
    assert_true(len > 24);
    assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b + 12, "IHDR", 4);
    const unsigned char *u = (const unsigned char *)b;
    *w = (unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
    *h = (unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
}

static void test_small_run(void **state)
{
    (void)state;
    g_autofree char *script = g_build_filename(POVATLAS_SOURCE_DIR, "bench",
                                               "run_stats_render.sh", NULL);
    g_autofree char *dir = g_build_filename(g_tmp, "data", NULL);
    g_autofree char *shared =
        g_build_filename(POVATLAS_SHARED_DIR, "bench", NULL);
    char **env = g_get_environ();
    env = g_environ_setenv(env, "POVATLAS", POVATLAS_BINARY, TRUE);
    env = g_environ_setenv(env, "RUNS", "1", TRUE);
    env = g_environ_setenv(env, "COMMUNES", "200", TRUE);
    env = g_environ_setenv(env, "PEERS", "", TRUE);
    env = g_environ_setenv(env, "DATA", "synth", TRUE);
    env = g_environ_setenv(env, "SHARED_BENCH", shared, TRUE);
    const char *argv[] = {"/bin/sh", script, dir, "10000", NULL};
    g_autofree char *out = NULL, *err = NULL;
    int rc = testutil_spawn(NULL, env, argv, &out, &err);
    g_strfreev(env);
    if (rc != 0)
        fail_msg("run_stats_render.sh: exit %d\n%s\n%s", rc, out, err);

    /* the grid has one commune per code of the household file */
    g_autofree char *grid_path = data_file("communes_200.csv");
    g_autofree char *grid = NULL;
    size_t communes = count_lines(grid_path, &grid) - 1;
    assert_true(communes > 150 && communes <= 200);

    /* one row per commune, all of them analysed, the LISA columns there */
    g_autofree char *csv_path = data_file("stats_povatlas.csv");
    g_autofree char *csv = NULL;
    assert_int_equal(count_lines(csv_path, &csv), communes + 1);
    assert_true(g_str_has_prefix(csv, "id,n_units,n_neighbours,x,lag_x,Ii,"));
    assert_non_null(strstr(csv, ",p_sim,lisa_category,lisa_label\n"));
    g_autofree char *n_units = g_strdup_printf(",%zu,", communes);
    const char *row = strchr(csv, '\n') + 1;
    assert_true(strncmp(strchr(row, ','), n_units, strlen(n_units)) == 0);

    unsigned w = 0, h = 0;
    g_autofree char *png = data_file("map_povatlas.png");
    png_size(png, &w, &h);
    assert_int_equal(w, 2000);
    assert_int_equal(h, 2000);

    /* the load log brackets the jobs */
    g_autofree char *log_path = data_file("load_stats_render.log");
    g_autofree char *log = NULL;
    assert_int_equal(count_lines(log_path, &log), 4);
    assert_non_null(strstr(log, " stats/povatlas "));
    assert_non_null(strstr(log, " render/povatlas "));
}

/* One integer from a query on @db. */
static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_import_run(void **state)
{
    (void)state;
    /* run_import.sh makes its data with the peers' generator only */
    const char *py[] = {"/usr/bin/python3", "-c",
                        "import numpy, scipy, shapely, osgeo", NULL};
    if (testutil_spawn(NULL, NULL, py, NULL, NULL) != 0)
        skip();
    g_autofree char *script =
        g_build_filename(POVATLAS_SOURCE_DIR, "bench", "run_import.sh", NULL);
    g_autofree char *dir = g_build_filename(g_tmp, "import", NULL);
    g_autofree char *shared =
        g_build_filename(POVATLAS_SHARED_DIR, "bench", NULL);
    char **env = g_get_environ();
    env = g_environ_setenv(env, "POVATLAS", POVATLAS_BINARY, TRUE);
    env = g_environ_setenv(env, "RUNS", "1", TRUE);
    env = g_environ_setenv(env, "COMMUNES", "200", TRUE);
    env = g_environ_setenv(env, "PEERS", "", TRUE);
    env = g_environ_setenv(env, "SHARED_BENCH", shared, TRUE);
    const char *argv[] = {"/bin/sh", script, dir, "10000", NULL};
    g_autofree char *out = NULL, *err = NULL;
    int rc = testutil_spawn(NULL, env, argv, &out, &err);
    g_strfreev(env);
    if (rc != 0)
        fail_msg("run_import.sh: exit %d\n%s\n%s", rc, out, err);
    /* one record per job, the pipeline's with every stage */
    g_autofree char *res_path = g_build_filename(dir, "results.jsonl", NULL);
    g_autofree char *res = NULL;
    assert_int_equal(count_lines(res_path, &res), 3);
    assert_non_null(strstr(res, "\"raw/cat/10k_200\""));
    assert_non_null(strstr(res, "\"import+classify/povatlas/10k_200\""));
    const char *pipe = strstr(res, "\"pipeline/povatlas/10k_200\"");
    assert_non_null(pipe);
    static const char *const stages[] = {"import_households", "classify",
                                         "import_boundaries", "analyze",
                                         "export_gpkg"};
    for (size_t i = 0; i < G_N_ELEMENTS(stages); i++) {
        g_autofree char *key = g_strdup_printf("\"%s\"", stages[i]);
        assert_non_null(strstr(pipe, key));
    }
    g_autofree char *log_path = g_build_filename(dir, "load.log", NULL);
    g_autofree char *log = NULL;
    assert_int_equal(count_lines(log_path, &log), 6);
    /* every row stored, and the counts per commune the import kept are
     * those of the stored rows */
    g_autofree char *ws = g_build_filename(dir, "pov_ws.sqlite", NULL);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(ws, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(query_int(db, "SELECT count(*) FROM households"), 10000);
    assert_int_equal(
        query_int(db, "SELECT count(*) FROM (SELECT unit_code, count(*) n,"
                      " sum(computed_status = 1) p, sum(computed_status = 2) q"
                      " FROM households GROUP BY unit_code) h"
                      " LEFT JOIN household_counts c"
                      " ON c.year = 2023 AND c.unit_code = h.unit_code"
                      " WHERE c.listed IS NOT h.n OR c.computed_poor IS NOT"
                      " h.p OR c.computed_near_poor IS NOT h.q"),
        0);
    assert_true(query_int(db, "SELECT count(*) FROM household_counts") > 150);
    sqlite3_close(db);
    g_autofree char *gpkg = g_build_filename(dir, "out_pov_10k_200.gpkg", NULL);
    assert_true(g_file_test(gpkg, G_FILE_TEST_EXISTS));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_run),
        cmocka_unit_test(test_import_run),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
