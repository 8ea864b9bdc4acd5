/*
 * test_create.c - a new workspace (src/pipeline/create.c): the standards
 * table loaded, an existing file refused unless replaced, and the place's
 * name stored with it or, when refused, no file left behind.
 */
#include "testutil.h"

#include "povatlas/core.h"
#include "povatlas/pipeline.h"
#include "povatlas/workspace.h"

static void test_place_stored(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create_place(
        db, 0, "  Thành phố Phan Rang–Tháp Chàm ", "Phan Rang", &err);
    assert_non_null(ws);
    g_autofree char *vi = NULL, *en = NULL;
    assert_int_equal(povatlas_workspace_get_place(ws, "vi", &vi, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_get_place(ws, "en", &en, NULL),
                     POVATLAS_OK);
    assert_string_equal(vi, "Thành phố Phan Rang–Tháp Chàm");
    assert_string_equal(en, "Phan Rang");
    povatlas_workspace_close(ws);
    /* an existing file is refused unless replaced */
    assert_null(povatlas_workspace_create_place(db, 0, NULL, NULL, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    ws = povatlas_workspace_create_place(db, 1, NULL, NULL, &err);
    assert_non_null(ws);
    g_autofree char *none = NULL;
    assert_int_equal(povatlas_workspace_get_place(ws, "vi", &none, NULL),
                     POVATLAS_OK);
    assert_null(none);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_place_refused_leaves_nothing(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_error *err = NULL;
    assert_null(povatlas_workspace_create_place(db, 0, "Phường\x01Đô Vinh",
                                                NULL, &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_false(g_file_test(db, G_FILE_TEST_EXISTS));
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_place_stored),
        cmocka_unit_test(test_place_refused_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
