/*
 * test_targets.c - plan targets (src/analysis/targets.c): the label of
 * each target in both languages. Their evaluation against the demo data
 * is tested in test_transitions.c and tests/e2e/test_reports.c.
 */
#include "testutil.h"

#include "povatlas/targets.h"

static void test_labels(void **state)
{
    (void)state;
    const char *rows[][3] = {
        {"poor_rate", "Tỷ lệ hộ nghèo", "Poor-household rate"},
        {"poor_change", "Giảm số hộ nghèo", "Change in poor households"},
        {"near_poor_rate", "Tỷ lệ hộ cận nghèo", "Near-poor rate"},
        {"near_poor_change", "Giảm số hộ cận nghèo",
         "Change in near-poor households"},
        {"new_houses", "Xây mới nhà ở", "New houses built"},
        {"fell_back_poor", "Hộ tái nghèo", "Households back in poverty"}};
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        assert_string_equal(povatlas_target_label(rows[i][0], "vi"),
                            rows[i][1]);
        assert_string_equal(povatlas_target_label(rows[i][0], NULL),
                            rows[i][1]);
        assert_string_equal(povatlas_target_label(rows[i][0], "en"),
                            rows[i][2]);
    }
    /* an unknown target keeps its own name (the same pointer) */
    const char *own = "school_rate";
    assert_ptr_equal(povatlas_target_label(own, "en"), own);
    assert_null(povatlas_target_label(NULL, "vi"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
