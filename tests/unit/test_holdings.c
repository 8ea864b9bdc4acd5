/*
 * test_holdings.c - the words of `povatlas status` (src/pipeline/
 * holdings.c): every input has a name and says what its gap blanks out,
 * in both languages. The counts are tested in tests/e2e/test_missing_list.c.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/holdings.h"
#include "povatlas/reports.h"

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(povatlas_holding_label(POVATLAS_HOLDING_UNITS, "en"),
                        "Units in force");
    assert_string_equal(povatlas_holding_label(POVATLAS_HOLDING_UNITS, "vi"),
                        "Đơn vị hành chính có hiệu lực");
    assert_string_equal(povatlas_holding_label(POVATLAS_HOLDING_LIST, NULL),
                        "Danh sách rà soát");
    assert_string_equal(povatlas_holding_label(POVATLAS_HOLDING_TARGETS, "en"),
                        "Plan targets");
    assert_string_equal(povatlas_holding_label(POVATLAS_HOLDING_N, "en"), "");
    for (int h = 0; h < POVATLAS_HOLDING_N; h++) {
        assert_true(*povatlas_holding_label(h, "vi"));
        assert_true(*povatlas_holding_label(h, "en"));
        assert_string_not_equal(povatlas_holding_label(h, "vi"),
                                povatlas_holding_label(h, "en"));
    }
}

static void test_blanks(void **state)
{
    (void)state;
    assert_string_equal(povatlas_holding_blanks(POVATLAS_HOLDING_UNITS, "en"),
                        "every report, map and export of the year");
    assert_string_equal(povatlas_holding_blanks(POVATLAS_HOLDING_EXITS, "en"),
                        "transitions: households that left are \"not "
                        "recorded\" as to why");
    assert_string_equal(povatlas_holding_blanks(POVATLAS_HOLDING_CONTEXT, "vi"),
                        "bản đồ và atlas không có nền biển, đất liền");
    /* the review list blanks the poor counts everywhere, the atlas too */
    const char *list = povatlas_holding_blanks(POVATLAS_HOLDING_LIST, "en");
    assert_non_null(strstr(list, "summary"));
    assert_non_null(strstr(list, "the atlas"));
    /* boundaries: the derived zones, named without a CLI flag */
    const char *b = povatlas_holding_blanks(POVATLAS_HOLDING_BOUNDARIES, "en");
    assert_non_null(strstr(b, "derived zones"));
    assert_null(strstr(b, "--"));
    assert_string_equal(povatlas_holding_blanks((povatlas_holding)-1, "vi"),
                        "");
    for (int h = 0; h < POVATLAS_HOLDING_N; h++) {
        assert_true(*povatlas_holding_blanks(h, "vi"));
        assert_true(*povatlas_holding_blanks(h, "en"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_blanks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
