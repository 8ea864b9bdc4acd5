/*
 * test_rule.c - the classification rule against every worked example of
 * docs/domain-rules.md §7.1, with thresholds read from the same standards table
 * the product uses (geodata/standards.csv loaded into a fresh workspace).
 */
#include "testutil.h"

#include "povatlas/classify.h"
#include "povatlas/pipeline.h"

typedef struct fixture {
    char *dir;
    povatlas_workspace *ws;
} fixture;

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    f->dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(f->dir, "w.sqlite", NULL);
    povatlas_error *err = NULL;
    f->ws = povatlas_workspace_create(db, 0, &err);
    assert_null(err);
    assert_non_null(f->ws);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

/* Classifies with total income T and n members (integer test). */
static povatlas_class classify(fixture *f, int year, int urban, int n,
                               int64_t total, int d)
{
    povatlas_standard s;
    assert_int_equal(
        povatlas_workspace_find_standard(f->ws, year, urban, &s, NULL),
        POVATLAS_OK);
    povatlas_class c = POVATLAS_CLASS_UNKNOWN;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_classify_household(&s, n, -1, total, d, &c, &err),
                     POVATLAS_OK);
    return c;
}

static void test_h01_h13(void **state)
{
    fixture *f = *state;
    assert_int_equal(classify(f, 2023, 1, 4, 7600000, 3), POVATLAS_CLASS_POOR);
    assert_int_equal(classify(f, 2023, 1, 4, 7600000, 2),
                     POVATLAS_CLASS_NEAR_POOR);
    assert_int_equal(classify(f, 2023, 1, 3, 6000000, 3), POVATLAS_CLASS_POOR);
    assert_int_equal(classify(f, 2023, 1, 4, 8000004, 5),
                     POVATLAS_CLASS_AVERAGE);
    assert_int_equal(classify(f, 2023, 0, 2, 3000000, 0),
                     POVATLAS_CLASS_NEAR_POOR);
    assert_int_equal(classify(f, 2023, 0, 5, 9000000, 4),
                     POVATLAS_CLASS_AVERAGE);
    assert_int_equal(classify(f, 2023, 1, 5, 9000000, 4), POVATLAS_CLASS_POOR);
    /* H07, H09: upper band bound inclusive (project convention, read from
     * the standards table, unverified) */
    assert_int_equal(classify(f, 2023, 0, 4, 9000000, 1),
                     POVATLAS_CLASS_AVERAGE);
    assert_int_equal(classify(f, 2023, 0, 4, 9000004, 1), POVATLAS_CLASS_NONE);
    assert_int_equal(classify(f, 2023, 1, 2, 6000000, 0),
                     POVATLAS_CLASS_AVERAGE);
    assert_int_equal(classify(f, 2023, 1, 2, 6000002, 0), POVATLAS_CLASS_NONE);
    /* H11: 2,000,000.33 per person must not round down to the line */
    assert_int_equal(classify(f, 2023, 1, 3, 6000001, 6),
                     POVATLAS_CLASS_AVERAGE);
    assert_int_equal(classify(f, 2023, 0, 3, 4499999, 3), POVATLAS_CLASS_POOR);
    assert_int_equal(classify(f, 2023, 1, 1, 0, 12), POVATLAS_CLASS_POOR);
}

static void test_per_capita(void **state)
{
    fixture *f = *state;
    povatlas_standard s;
    povatlas_workspace_find_standard(f->ws, 2023, 1, &s, NULL);
    povatlas_class c;
    assert_int_equal(
        povatlas_classify_household(&s, 3, 2000000, -1, 3, &c, NULL),
        POVATLAS_OK);
    assert_int_equal(c, POVATLAS_CLASS_POOR);
    assert_int_equal(
        povatlas_classify_household(&s, 3, 2000001, -1, 3, &c, NULL),
        POVATLAS_OK);
    assert_int_equal(c, POVATLAS_CLASS_AVERAGE);
}

static void expect_error(fixture *f, int n, int64_t total, int d,
                         const char *message)
{
    povatlas_standard s;
    povatlas_workspace_find_standard(f->ws, 2023, 1, &s, NULL);
    povatlas_class c = POVATLAS_CLASS_UNKNOWN;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_classify_household(&s, n, -1, total, d, &c, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(err);
    assert_string_equal(err->message, message);
    assert_int_equal(c, POVATLAS_CLASS_UNKNOWN);
    povatlas_error_free(err);
}

static void test_h14_h16(void **state)
{
    fixture *f = *state;
    expect_error(f, 0, 1000000, 0, "household has no members");
    expect_error(f, 3, -2, 0, "income is negative");
    expect_error(f, 3, 3000000, 13,
                 "13 deprivations: the standard has 12 indicators");
}

static void test_h17_year_not_covered(void **state)
{
    fixture *f = *state;
    povatlas_standard s;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_workspace_find_standard(f->ws, 2021, 1, &s, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "no poverty standard covers review "
                                         "year 2021"));
    assert_non_null(strstr(err->message, "2022–2026, 2027–2030"));
    povatlas_error_free(err);
}

static void test_h18_h19_later_standards(void **state)
{
    fixture *f = *state;
    /* 2,700,000 per person, 3 deprivations, urban */
    assert_int_equal(classify(f, 2027, 1, 4, 10800000, 3), POVATLAS_CLASS_POOR);
    assert_int_equal(classify(f, 2026, 1, 4, 10800000, 3),
                     POVATLAS_CLASS_AVERAGE);
    /* H20 (early 2025): class average under the 2022-2026 lines */
    assert_int_equal(classify(f, 2025, 1, 3, 9000000, 0),
                     POVATLAS_CLASS_AVERAGE);
}

/* H20: early-2025 review in Phường Mỹ Hải, 3 members, 9,000,000 VND:
 * average, and its members are low-income workers (<= 3 M urban) */
static void test_h20_low_income_worker(void **state)
{
    fixture *f = *state;
    povatlas_standard s;
    povatlas_workspace_find_standard(f->ws, 2025, 1, &s, NULL);
    povatlas_class c = classify(f, 2025, 1, 3, 9000000, 0);
    assert_int_equal(c, POVATLAS_CLASS_AVERAGE);
    assert_true(
        povatlas_classify_low_income_worker(&s, 2025, 3, -1, 9000000, c));
    /* one dong more per person is above the limit */
    assert_false(
        povatlas_classify_low_income_worker(&s, 2025, 3, -1, 9000003, c));
    /* not before Decree 30/2025, and never for poor / near-poor */
    povatlas_workspace_find_standard(f->ws, 2024, 1, &s, NULL);
    assert_false(
        povatlas_classify_low_income_worker(&s, 2024, 3, -1, 9000000, c));
    povatlas_workspace_find_standard(f->ws, 2025, 1, &s, NULL);
    assert_false(povatlas_classify_low_income_worker(&s, 2025, 3, -1, 5000000,
                                                     POVATLAS_CLASS_NEAR_POOR));
    /* rural limit 2,250,000 */
    povatlas_workspace_find_standard(f->ws, 2025, 0, &s, NULL);
    assert_true(povatlas_classify_low_income_worker(&s, 2025, 2, 2250000, -1,
                                                    POVATLAS_CLASS_NONE));
    assert_false(povatlas_classify_low_income_worker(&s, 2025, 2, 2250001, -1,
                                                     POVATLAS_CLASS_NONE));
}

static void test_status_words(void **state)
{
    (void)state;
    povatlas_class c;
    assert_true(povatlas_class_parse("Hộ nghèo", &c));
    assert_int_equal(c, POVATLAS_CLASS_POOR);
    assert_true(povatlas_class_parse("HO CAN NGHEO", &c));
    assert_int_equal(c, POVATLAS_CLASS_NEAR_POOR);
    assert_true(povatlas_class_parse("near_poor", &c));
    assert_int_equal(c, POVATLAS_CLASS_NEAR_POOR);
    assert_true(povatlas_class_parse("not_poor", &c));
    assert_int_equal(c, POVATLAS_CLASS_NONE);
    assert_false(povatlas_class_parse("giàu", &c));
}

/* The B1-score rule: at or below the line score with enough deprivations
 * is poor, else near-poor; up to the band score average; above, none. */
static void test_by_score(void **state)
{
    (void)state;
    const povatlas_b1_cutoff cut = {2022, 2025, 1, 120, 150, NULL};
    povatlas_class c = POVATLAS_CLASS_UNKNOWN;
    povatlas_classify_by_score(&cut, 120, 3, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_POOR);
    povatlas_classify_by_score(&cut, 40, 2, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_NEAR_POOR);
    povatlas_classify_by_score(&cut, 121, 6, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_AVERAGE);
    povatlas_classify_by_score(&cut, 150, 0, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_AVERAGE);
    povatlas_classify_by_score(&cut, 151, 0, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_NONE);
    /* no band score given (-1): above the line is never average */
    const povatlas_b1_cutoff no_band = {2022, 2025, 0, 120, -1, NULL};
    povatlas_classify_by_score(&no_band, 121, 0, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_NONE);
    povatlas_classify_by_score(&no_band, 0, 5, 3, &c);
    assert_int_equal(c, POVATLAS_CLASS_POOR);
}

static void test_class_names(void **state)
{
    (void)state;
    const povatlas_class all[] = {POVATLAS_CLASS_POOR, POVATLAS_CLASS_NEAR_POOR,
                                  POVATLAS_CLASS_AVERAGE, POVATLAS_CLASS_NONE,
                                  POVATLAS_CLASS_UNKNOWN};
    const char *names[] = {"poor", "near_poor", "average", "none", "unknown"};
    const char *vi[] = {"Hộ nghèo", "Hộ cận nghèo", "Hộ có mức sống trung bình",
                        "Không thuộc diện", "Chưa rõ"};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
        assert_string_equal(povatlas_class_name(all[i]), names[i]);
        assert_string_equal(povatlas_class_label_vi(all[i]), vi[i]);
    }
    assert_string_equal(povatlas_class_name((povatlas_class)42), "unknown");
    assert_string_equal(povatlas_class_label_vi((povatlas_class)42), "Chưa rõ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_h01_h13, setup, teardown),
        cmocka_unit_test_setup_teardown(test_per_capita, setup, teardown),
        cmocka_unit_test_setup_teardown(test_h14_h16, setup, teardown),
        cmocka_unit_test_setup_teardown(test_h17_year_not_covered, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_h18_h19_later_standards, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_h20_low_income_worker, setup,
                                        teardown),
        cmocka_unit_test(test_status_words),
        cmocka_unit_test(test_by_score),
        cmocka_unit_test(test_class_names),
    };
    return cmocka_run_group_tests_name("rule", tests, NULL, NULL);
}
