/*
 * test_demo_pg.c - the same results on both backends (issue 12): the demo
 * pipeline run with its workspace in PostgreSQL + PostGIS (`povatlas demo
 * --db postgresql://... --schema demo_pg`) prints the same reports and
 * writes every map, page, briefing and export byte for byte as the run
 * on the SQLite file does; the stored counts are the same too.
 */
#include "testutil.h"

#include <string.h>

#include "pg_server.h"
#include "povatlas/povatlas.h"

/* The relative paths of every file under @dir (sorted), @rel its prefix. */
static void list_files(const char *dir, const char *rel, GPtrArray *out)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    for (const char *n; (n = g_dir_read_name(d));) {
        g_autofree char *path = g_build_filename(dir, n, NULL);
        char *r = rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
        if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            list_files(path, r, out);
            g_free(r);
        } else {
            g_ptr_array_add(out, r);
        }
    }
}

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @text with every @from replaced by @to. */
static char *replace(const char *text, const char *from, const char *to)
{
    g_auto(GStrv) parts = g_strsplit(text, from, -1);
    return g_strjoinv(to, parts);
}

static void test_same_outputs(void **state)
{
    (void)state;
    g_autofree char *lite = testutil_tmpdir();
    g_autofree char *pg = testutil_tmpdir();
    g_autofree char *lite_out = NULL, *lite_err = NULL, *pg_out = NULL,
                    *pg_err = NULL;
    const char *run_lite[] = {"demo", "--out", lite, NULL};
    assert_int_equal(testutil_run(run_lite, &lite_out, &lite_err), 0);
    const char *run_pg[] = {"demo",      "--out",    pg,        "--db",
                            pg_server(), "--schema", "demo_pg", NULL};
    int rc = testutil_run(run_pg, &pg_out, &pg_err);
    if (rc != 0)
        fail_msg("demo on PostgreSQL: %s", pg_err);

    /* the same reports on stdout, but the workspace's name and the output
     * folder (stderr holds the progress line, which depends on time) */
    g_autofree char *lite_db = g_build_filename(lite, "atlas.sqlite", NULL);
    g_autofree char *pg_db =
        g_strdup_printf("%s&active_schema=demo_pg", pg_server());
    g_autofree char *a1 = replace(lite_out, lite_db, "WORKSPACE");
    g_autofree char *a2 = replace(a1, lite, "OUT");
    g_autofree char *b1 = replace(pg_out, pg_db, "WORKSPACE");
    g_autofree char *b2 = replace(b1, pg, "OUT");
    assert_non_null(strstr(a2, "Wrote WORKSPACE (workspace)"));
    assert_string_equal(b2, a2);

    /* every file, byte for byte, but the SQLite workspace itself */
    g_autoptr(GPtrArray) fa = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) fb = g_ptr_array_new_with_free_func(g_free);
    list_files(lite, NULL, fa);
    list_files(pg, NULL, fb);
    g_ptr_array_sort(fa, by_name);
    g_ptr_array_sort(fb, by_name);
    assert_int_equal(fb->len + 1, fa->len); /* atlas.sqlite */
    guint compared = 0;
    for (guint i = 0, j = 0; i < fa->len; i++) {
        const char *name = g_ptr_array_index(fa, i);
        if (strcmp(name, "atlas.sqlite") == 0)
            continue;
        assert_string_equal(g_ptr_array_index(fb, j), name);
        j++;
        g_autofree char *pa = g_build_filename(lite, name, NULL);
        g_autofree char *pb = g_build_filename(pg, name, NULL);
        g_autofree char *da = NULL, *db = NULL;
        gsize na = 0, nb = 0;
        assert_true(g_file_get_contents(pa, &da, &na, NULL));
        assert_true(g_file_get_contents(pb, &db, &nb, NULL));
        if (na != nb || memcmp(da, db, na) != 0)
            fail_msg("%s differs between SQLite and PostgreSQL", name);
        compared++;
    }
    /* the GeoPackage, the maps, the briefing, the slides */
    assert_true(compared >= 10);

    /* the stored counts agree too: households listed per year */
    povatlas_error *err = NULL;
    povatlas_workspace *a = povatlas_workspace_open(lite_db, 0, &err);
    povatlas_workspace *b = povatlas_workspace_open(pg_db, 0, &err);
    assert_non_null(a);
    assert_non_null(b);
    g_autofree int *ya = povatlas_workspace_years(a, &err);
    g_autofree int *yb = povatlas_workspace_years(b, &err);
    assert_non_null(ya);
    assert_non_null(yb);
    int n = 0;
    for (; ya[n]; n++)
        assert_int_equal(yb[n], ya[n]);
    assert_int_equal(yb[n], 0);
    assert_int_equal(n, 2);
    povatlas_workspace_close(a);
    povatlas_workspace_close(b);
    assert_int_equal(povatlas_workspace_remove(pg_db, &err), 0);
    testutil_rmtree(lite);
    testutil_rmtree(pg);
}

int main(void)
{
    int skip = pg_server_or_skip();
    if (skip >= 0)
        return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_outputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
