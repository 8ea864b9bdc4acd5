/*
 * test_tables.c - the small tables of src/ingest/tables.c: the standards
 * table imported row by row, a bad row refusing the file whole.
 */
#include "testutil.h"

#include "povatlas/povatlas.h"

#define STD_HEADER                                                             \
    "year_from,year_to,area,line_vnd,band_upper_vnd,min_deprivations_poor,"    \
    "n_indicators,low_income_worker_vnd,low_income_from_year,decree\n"

static void test_import_standards(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    g_autofree char *path = testutil_write_file(
        f->dir, "std.csv",
        STD_HEADER "2031,2035,urban,3100000,4000000,3,12,4500000,2032,"
                   "Nghị định thử\n"
                   "2031,2035,rural,2500000,,3,12,,,Nghị định thử\n",
        -1);
    povatlas_import_result res;
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_standards(f->ws, path, NULL, f->report, &res, &err),
        POVATLAS_OK);
    assert_int_equal(res.rows_read, 2);
    assert_int_equal(res.rows_imported, 2);
    assert_int_equal(res.rows_rejected, 0);
    povatlas_standard s;
    assert_int_equal(povatlas_workspace_find_standard(f->ws, 2033, 1, &s, &err),
                     POVATLAS_OK);
    assert_int_equal(s.year_from, 2031);
    assert_int_equal(s.year_to, 2035);
    assert_int_equal(s.urban, 1);
    assert_int_equal(s.line_vnd, 3100000);
    assert_int_equal(s.band_upper_vnd, 4000000);
    assert_int_equal(s.min_deprivations_poor, 3);
    assert_int_equal(s.n_indicators, 12);
    assert_int_equal(s.low_income_worker_vnd, 4500000);
    assert_int_equal(s.low_income_from_year, 2032);
    assert_string_equal(s.decree, "Nghị định thử");
    assert_int_equal(povatlas_workspace_find_standard(f->ws, 2035, 0, &s, &err),
                     POVATLAS_OK);
    assert_int_equal(s.line_vnd, 2500000);
    assert_int_equal(s.band_upper_vnd, -1); /* not given */
    assert_int_equal(s.low_income_worker_vnd, -1);
    assert_null(err);
    testutil_units_ws_free(f);
}

static void test_bad_row_refuses_file(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    g_autofree char *path =
        testutil_write_file(f->dir, "std.csv",
                            STD_HEADER "2031,2035,urban,3100000,,3,12,,,x\n"
                                       "2031,2035,suburb,2500000,,3,12,,,x\n",
                            -1);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_standards(f->ws, path, NULL, f->report, NULL, &err),
        POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_int_equal(e->row, 3);
    assert_string_equal(e->column, "area");
    assert_true(g_str_has_prefix(e->message,
                                 "area must be 'urban' or 'rural', found "));
    /* nothing of the file landed, the good row neither */
    povatlas_standard s;
    assert_int_equal(povatlas_workspace_find_standard(f->ws, 2033, 1, &s, &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_standards),
        cmocka_unit_test(test_bad_row_refuses_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
