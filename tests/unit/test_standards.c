/*
 * test_standards.c - the B1 score cut-offs in the store
 * (src/store/standards.c): stored, and found for the years and area they
 * cover only.
 */
#include "testutil.h"

#include "povatlas/povatlas.h"

static void test_b1_cutoffs(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    povatlas_error *err = NULL;
    const povatlas_b1_cutoff urban = {2022, 2025, 1, 120, 150, "tỉnh, 2022"};
    const povatlas_b1_cutoff rural = {2022, 2025, 0, 100, -1, NULL};
    assert_int_equal(povatlas_workspace_put_b1_cutoff(f->ws, &urban, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_put_b1_cutoff(f->ws, &rural, &err),
                     POVATLAS_OK);
    povatlas_b1_cutoff got;
    int found = -1;
    assert_int_equal(
        povatlas_workspace_find_b1_cutoff(f->ws, 2023, 1, &got, &found, &err),
        POVATLAS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(got.year_from, 2022);
    assert_int_equal(got.year_to, 2025);
    assert_int_equal(got.urban, 1);
    assert_int_equal(got.line_score, 120);
    assert_int_equal(got.band_score, 150);
    assert_null(got.source); /* documented: not read back */
    assert_int_equal(
        povatlas_workspace_find_b1_cutoff(f->ws, 2025, 0, &got, &found, &err),
        POVATLAS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(got.line_score, 100);
    assert_int_equal(got.band_score, -1);
    /* outside the years: none */
    assert_int_equal(
        povatlas_workspace_find_b1_cutoff(f->ws, 2026, 1, &got, &found, &err),
        POVATLAS_OK);
    assert_int_equal(found, 0);
    assert_int_equal(
        povatlas_workspace_find_b1_cutoff(f->ws, 2021, 0, &got, &found, &err),
        POVATLAS_OK);
    assert_int_equal(found, 0);
    assert_null(err);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_b1_cutoffs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
