/*
 * test_inputs.c - what the workspace holds for a year (src/store/
 * inputs.c): the input bits, and the first missing input named with its
 * year, never a year 0.
 */
#include "testutil.h"

#include "povatlas/povatlas.h"

static void expect_missing(povatlas_workspace *ws, int year, unsigned needs,
                           const char *message)
{
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_workspace_require(ws, year, needs, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(err);
    assert_string_equal(err->message, message);
    povatlas_error_free(err);
}

static void test_units_only(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    povatlas_error *err = NULL;
    unsigned held = 99;
    assert_int_equal(povatlas_workspace_inputs(f->ws, 2023, &held, &err),
                     POVATLAS_OK);
    assert_int_equal(held, POVATLAS_INPUT_UNITS);
    assert_int_equal(povatlas_workspace_inputs(f->ws, 1990, &held, &err),
                     POVATLAS_OK);
    assert_int_equal(held, 0); /* the units begin in 2008 */
    assert_int_equal(
        povatlas_workspace_require(f->ws, 2023, POVATLAS_INPUT_UNITS, &err),
        POVATLAS_OK);
    /* the first missing input, in the order units, boundaries, list, ward
     * totals, targets, activities */
    expect_missing(f->ws, 2023,
                   POVATLAS_INPUT_UNITS | POVATLAS_INPUT_BOUNDARIES |
                       POVATLAS_INPUT_LIST,
                   "no boundaries for 2023");
    expect_missing(f->ws, 2023,
                   POVATLAS_INPUT_LIST | POVATLAS_INPUT_WARD_TOTALS,
                   "no review list for 2023");
    expect_missing(f->ws, 2022, POVATLAS_INPUT_WARD_TOTALS,
                   "no ward totals (households per ward) for 2022");
    expect_missing(f->ws, 2023, POVATLAS_INPUT_TARGETS,
                   "no plan targets for 2023");
    expect_missing(f->ws, 2024, POVATLAS_INPUT_ACTIVITIES,
                   "no programme activities for 2024");
    expect_missing(f->ws, 1990, POVATLAS_INPUT_UNITS,
                   "no units in force in 1990");
    expect_missing(f->ws, 0, POVATLAS_INPUT_UNITS,
                   "the workspace has no review year yet (no ward totals "
                   "and no review list imported)");
    assert_null(err);
    testutil_units_ws_free(f);
}

static void test_demo(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    unsigned held = 0;
    assert_int_equal(povatlas_workspace_inputs(ws, 2023, &held, &err),
                     POVATLAS_OK);
    /* the demo dataset holds everything for 2023 */
    assert_int_equal(held, POVATLAS_INPUT_UNITS | POVATLAS_INPUT_BOUNDARIES |
                               POVATLAS_INPUT_WARD_TOTALS |
                               POVATLAS_INPUT_LIST | POVATLAS_INPUT_TARGETS |
                               POVATLAS_INPUT_ACTIVITIES);
    assert_int_equal(povatlas_workspace_require(ws, 2023, held, &err),
                     POVATLAS_OK);
    /* and no list of 2021 */
    assert_int_equal(povatlas_workspace_inputs(ws, 2021, &held, &err),
                     POVATLAS_OK);
    assert_false(held & POVATLAS_INPUT_LIST);
    expect_missing(ws, 2021, POVATLAS_INPUT_LIST, "no review list for 2021");
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_only),
        cmocka_unit_test(test_demo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
