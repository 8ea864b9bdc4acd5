/*
 * test_paths.c - where the shipped tables are and making output folders
 * (src/core/paths.c).
 */
#include "testutil.h"

#include <string.h>

#include <glib/gstdio.h>

#include "povatlas/core.h"

static void test_builtin_tables(void **state)
{
    (void)state;
    assert_string_equal(povatlas_builtin_table_kinds(),
                        "units, crosswalk, standards");
    /* every kind named there has a shipped table, found through the data
     * folder ($POVATLAS_DATA wins) */
    g_setenv("POVATLAS_DATA", "/opt/pa-data", TRUE);
    const char *kinds[] = {"units", "crosswalk", "standards"};
    const char *files[] = {"units.csv", "crosswalk.csv", "standards.csv"};
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        char *p = povatlas_builtin_table_path(kinds[i]);
        g_autofree char *want =
            g_build_filename("/opt/pa-data", files[i], NULL);
        assert_string_equal(p, want);
        free(p);
    }
    g_unsetenv("POVATLAS_DATA");
    /* in the build tree: the real files of geodata/ */
    char *units = povatlas_builtin_table_path("units");
    assert_true(g_file_test(units, G_FILE_TEST_IS_REGULAR));
    assert_true(g_str_has_suffix(units, "/units.csv"));
    free(units);
    /* kinds whose shipped table is synthetic, or no kind: none */
    assert_null(povatlas_builtin_table_path("households"));
    assert_null(povatlas_builtin_table_path("stats"));
    assert_null(povatlas_builtin_table_path(""));
    assert_null(povatlas_builtin_table_path(NULL));
}

static void test_mkdir_p(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *deep = g_build_filename(dir, "a", "b", "c", NULL);
    assert_int_equal(povatlas_mkdir_p(deep, NULL), POVATLAS_OK);
    assert_true(g_file_test(deep, G_FILE_TEST_IS_DIR));
    /* existing: fine */
    assert_int_equal(povatlas_mkdir_p(deep, NULL), POVATLAS_OK);
    /* a file in the way: an i/o error naming the path */
    g_autofree char *file = testutil_write_file(dir, "f", "x", -1);
    g_autofree char *under = g_build_filename(file, "sub", NULL);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_mkdir_p(under, &err), POVATLAS_E_IO);
    assert_string_equal(err->file, under);
    assert_true(g_str_has_prefix(err->message, "cannot create folder: "));
    assert_false(g_file_test(under, G_FILE_TEST_EXISTS));
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_tables),
        cmocka_unit_test(test_mkdir_p),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
