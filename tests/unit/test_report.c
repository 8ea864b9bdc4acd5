/*
 * test_report.c - the report of one operation (src/core/report.c):
 * rejected rows, warnings and skipped rows kept apart, each in the order
 * they came, owned by the report.
 */
#include "testutil.h"

#include "povatlas/error.h"

static void test_three_lists(void **state)
{
    (void)state;
    povatlas_report *r = povatlas_report_new();
    assert_int_equal(povatlas_report_n_errors(r), 0);
    assert_int_equal(povatlas_report_n_warnings(r), 0);
    assert_int_equal(povatlas_report_n_skipped(r), 0);
    assert_null(povatlas_report_error(r, 0));

    povatlas_report_add(r, povatlas_error_new(POVATLAS_E_INPUT, "l.csv", 4,
                                              "members", "not a number"));
    povatlas_report_add(r, povatlas_error_new(POVATLAS_E_INPUT, "l.csv", 9,
                                              NULL, "unknown ward code"));
    povatlas_report_warn(r, povatlas_error_new(POVATLAS_E_INPUT, "l.csv", 6,
                                               NULL, "ward far outside"));
    povatlas_report_skip(r, povatlas_error_new(POVATLAS_E_INPUT, "l.csv", 2,
                                               NULL, "column numbers"));
    povatlas_report_skip(r, povatlas_error_new(POVATLAS_E_INPUT, "l.csv", 30,
                                               NULL, "total row"));
    povatlas_report_skip(r, povatlas_error_new(POVATLAS_E_INPUT, "l.csv", 31,
                                               NULL, "blank row"));
    /* NULL is no entry */
    povatlas_report_add(r, NULL);
    povatlas_report_warn(r, NULL);
    povatlas_report_skip(r, NULL);

    assert_int_equal(povatlas_report_n_errors(r), 2);
    assert_int_equal(povatlas_report_n_warnings(r), 1);
    assert_int_equal(povatlas_report_n_skipped(r), 3);
    assert_int_equal(povatlas_report_error(r, 0)->row, 4);
    assert_string_equal(povatlas_report_error(r, 0)->column, "members");
    assert_string_equal(povatlas_report_error(r, 1)->message,
                        "unknown ward code");
    assert_null(povatlas_report_error(r, 2));
    assert_string_equal(povatlas_report_warning(r, 0)->message,
                        "ward far outside");
    assert_null(povatlas_report_warning(r, 1));
    assert_int_equal(povatlas_report_skipped(r, 0)->row, 2);
    assert_int_equal(povatlas_report_skipped(r, 1)->row, 30);
    assert_string_equal(povatlas_report_skipped(r, 2)->message, "blank row");
    assert_null(povatlas_report_skipped(r, 3));
    /* the report frees what it holds (the sanitizer build checks it) */
    povatlas_report_free(r);
    povatlas_report_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
