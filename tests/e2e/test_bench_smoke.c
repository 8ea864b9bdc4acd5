/*
 * test_bench_smoke.c - bench/run_stats_render.sh at a small size (10,000
 * households, 200 communes, one run, no peers, povatlas's own generator)
 * so that the benchmark script cannot rot: it must make its data, build
 * the workspace, and leave a full statistics table and a 2000 x 2000 map.
 * Nothing about time is asserted.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_run),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
