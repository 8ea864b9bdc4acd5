/*
 * test_report_tables.c - the report builders of src/pipeline/reports.c
 * (named so because tests/e2e/test_reports.c runs the same reports through
 * the binary): each table called directly on the demo dataset, with its
 * values, the balances that tie the reports together (summary = series
 * totals = breakdown totals; transitions start − escaped + fell back + new
 * = end) and the synthetic-data note.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/povatlas.h"
#include "povatlas/reports.h"

#define NOTE_EN "SYNTHETIC DATA — not real households"

typedef struct fx {
    char *dir;
    povatlas_workspace *ws;
} fx;

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->ws = testutil_demo_workspace(&f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

/* The table, or the test fails with the builder's message. */
static povatlas_table *must(povatlas_table *t, povatlas_error *err)
{
    if (!t)
        fail_msg("%s", err ? err->message : "no table and no error");
    return t;
}

/* The first row whose text cell @col is @key; fails when none. */
static size_t row_of(const povatlas_table *t, size_t col, const char *key)
{
    for (size_t r = 0; r < povatlas_table_n_rows(t); r++)
        if (g_strcmp0(povatlas_table_text(t, r, col), key) == 0)
            return r;
    fail_msg("no row '%s'", key);
    return 0;
}

static void assert_heads(const povatlas_table *t, const char *const *heads,
                         size_t n)
{
    assert_int_equal(povatlas_table_n_columns(t), n);
    for (size_t c = 0; c < n; c++)
        assert_string_equal(povatlas_table_column_head(t, c), heads[c]);
}

static void assert_near(double got, double want)
{
    if (!(fabs(got - want) < 1e-9))
        fail_msg("%.15g, expected %.15g", got, want);
}

static void test_summary(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t = must(povatlas_report_summary(f->ws, "en", &err), err);
    const char *heads[] = {"Year", "Area",      "Units",     "Households",
                           "Poor", "Poor rate", "Near-poor", "Near-poor rate"};
    assert_heads(t, heads, G_N_ELEMENTS(heads));
    assert_int_equal(povatlas_table_n_rows(t), 6); /* 2 years × 3 areas */
    assert_int_equal(povatlas_table_n_notes(t), 1);
    assert_string_equal(povatlas_table_note(t, 0), NOTE_EN);
    /* 2023, city */
    assert_int_equal(povatlas_table_int(t, 3, 0), 2023);
    assert_string_equal(povatlas_table_text(t, 3, 1), "City");
    assert_int_equal(povatlas_table_int(t, 3, 2), 16);
    assert_int_equal(povatlas_table_int(t, 3, 3), 47690);
    assert_int_equal(povatlas_table_int(t, 3, 4), 558);
    assert_near(povatlas_table_real(t, 3, 5), 1.17);
    assert_int_equal(povatlas_table_int(t, 3, 6), 1373);
    assert_near(povatlas_table_real(t, 3, 7), 2.88);
    assert_int_equal(povatlas_table_column_type(t, 5), POVATLAS_COLUMN_PERCENT);
    /* the city is urban + rural, every year */
    for (size_t r = 0; r < 6; r += 3)
        for (size_t c = 2; c <= 6; c += c == 4 ? 2 : 1)
            assert_int_equal(povatlas_table_int(t, r, c),
                             povatlas_table_int(t, r + 1, c) +
                                 povatlas_table_int(t, r + 2, c));
    povatlas_table_free(t);
    /* Vietnamese: other heads, the Vietnamese note */
    t = must(povatlas_report_summary(f->ws, "vi", &err), err);
    assert_string_not_equal(povatlas_table_column_head(t, 3), "Households");
    assert_true(g_str_has_prefix(povatlas_table_note(t, 0), "DỮ LIỆU GIẢ LẬP"));
    povatlas_table_free(t);
}

static void test_targets(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t =
        must(povatlas_report_targets(f->ws, 2023, "en", &err), err);
    assert_int_equal(povatlas_table_n_rows(t), 6);
    size_t r = row_of(t, 1, "poor_rate");
    assert_string_equal(povatlas_table_text(t, r, 0), "Poor-household rate");
    assert_near(povatlas_table_real(t, r, 3), 1.30); /* baseline */
    assert_near(povatlas_table_real(t, r, 4), 1.15); /* target */
    assert_near(povatlas_table_real(t, r, 5), 1.17); /* achieved */
    assert_near(povatlas_table_real(t, r, 6), 0.02); /* gap */
    assert_string_equal(povatlas_table_text(t, r, 8), "MISSED");
    r = row_of(t, 1, "poor_change");
    assert_true(povatlas_table_is_missing(t, r, 3)); /* no baseline, not 0 */
    assert_near(povatlas_table_real(t, r, 4), -71);
    assert_near(povatlas_table_real(t, r, 5), -57);
    r = row_of(t, 1, "new_houses");
    assert_near(povatlas_table_real(t, r, 5), 13);
    assert_string_equal(povatlas_table_text(t, r, 8), "MET");
    /* nothing planned to change: no share */
    assert_true(
        povatlas_table_is_missing(t, row_of(t, 1, "fell_back_poor"), 7));
    povatlas_table_free(t);
}

static void test_transitions(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t = must(
        povatlas_report_transitions(f->ws, 2022, 2023, "22768", "en", &err),
        err);
    /* every line for the city, then for the ward */
    assert_int_equal(povatlas_table_n_rows(t), 2 * POVATLAS_TR_N_LINES);
    for (size_t w = 0; w < 2; w++) {
        size_t o = w * POVATLAS_TR_N_LINES;
        assert_string_equal(povatlas_table_text(t, o, 0), w ? "22768" : "*");
        for (int l = 0; l < POVATLAS_TR_N_LINES; l++) {
            assert_string_equal(povatlas_table_text(t, o + l, 2),
                                povatlas_transition_line_label(l, "en"));
            assert_int_equal(povatlas_table_int(t, o + l, 3),
                             povatlas_transition_line_is_subline(l));
        }
        /* start − escaped + fell back + new = end, in both columns */
#define N(line) povatlas_table_int(t, o + (line), 4)
        assert_int_equal(
            N(POVATLAS_TR_POOR_START) - N(POVATLAS_TR_ESCAPED_POOR) +
                N(POVATLAS_TR_FELL_BACK_POOR) + N(POVATLAS_TR_NEW_POOR),
            N(POVATLAS_TR_POOR_END));
        assert_int_equal(N(POVATLAS_TR_NEAR_POOR_START) -
                             N(POVATLAS_TR_ESCAPED_NEAR_POOR) +
                             N(POVATLAS_TR_FELL_BACK_NEAR_POOR) +
                             N(POVATLAS_TR_NEW_NEAR_POOR),
                         N(POVATLAS_TR_NEAR_POOR_END));
#undef N
    }
    /* the city's ends are the summary's counts */
    assert_int_equal(povatlas_table_int(t, POVATLAS_TR_POOR_START, 4), 615);
    assert_int_equal(povatlas_table_int(t, POVATLAS_TR_POOR_END, 4), 558);
    assert_int_equal(povatlas_table_int(t, POVATLAS_TR_NEAR_POOR_END, 4), 1373);
    assert_int_equal(
        povatlas_table_int(t, POVATLAS_TR_N_LINES + POVATLAS_TR_POOR_END, 4),
        79);
    assert_string_equal(povatlas_table_text(t, POVATLAS_TR_N_LINES, 1),
                        "Phường Đông Hải");
    povatlas_table_free(t);

    assert_null(
        povatlas_report_transitions(f->ws, 2022, 2023, "99999", "en", &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_true(g_str_has_prefix(err->message, "unknown ward code '99999'"));
    povatlas_error_free(err);
}

static void test_review(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    /* the demo's recorded statuses all follow the rule: no rows, and no
     * name or address column, only the pseudonymous id */
    povatlas_table *t =
        must(povatlas_report_review(f->ws, 2023, "en", &err), err);
    const char *heads[] = {"Unit code",
                           "Household id",
                           "Recorded",
                           "By the standard",
                           "Income per person (VND/month)",
                           "Deprivations"};
    assert_heads(t, heads, G_N_ELEMENTS(heads));
    assert_int_equal(povatlas_table_n_rows(t), 0);
    assert_string_equal(povatlas_table_note(t, 0), NOTE_EN);
    povatlas_table_free(t);
}

static void test_gaps(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t =
        must(povatlas_report_gaps(f->ws, 2022, 2023, "en", &err), err);
    assert_int_equal(povatlas_table_n_rows(t), 6); /* 3 zones × 2 years */
    size_t r = row_of(t, 0, "central");
    /* the central zone is the reference: gap 0, ratio 1 */
    assert_near(povatlas_table_real(t, r, 4), 0);
    assert_near(povatlas_table_real(t, r, 5), 1);
    r = row_of(t, 0, "coastal");
    assert_int_equal(povatlas_table_int(t, r, 1), 2022);
    assert_near(povatlas_table_real(t, r, 2), 1.70);
    assert_near(povatlas_table_real(t, r, 4), 0.92);
    /* the first year has no change; the second year's is the difference
     * of the (exact) gaps: 0.85 − 0.92 */
    assert_true(povatlas_table_is_missing(t, r, 8));
    assert_near(povatlas_table_real(t, r + 1, 4), 0.85);
    assert_near(povatlas_table_real(t, r + 1, 8), -0.07);
    /* the gap is computed from the exact rates, not the rounded ones
     * shown (1.53 − 0.67 would be 0.86) */
    assert_near(povatlas_table_real(t, r + 1, 2), 1.53);
    assert_near(povatlas_table_real(t, row_of(t, 0, "central") + 1, 2), 0.67);
    povatlas_table_free(t);
}

static void test_coverage(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t =
        must(povatlas_report_coverage(f->ws, 2023, NULL, "en", &err), err);
    assert_int_equal(povatlas_table_n_rows(t), 17); /* 16 wards + city */
    size_t city = row_of(t, 0, "*");
    assert_int_equal(city, 16);
    assert_int_equal(povatlas_table_int(t, city, 4), 2842);
    assert_int_equal(povatlas_table_int(t, city, 5), 11586);
    assert_near(povatlas_table_real(t, city, 6), 24.53);
    assert_true(povatlas_table_is_missing(t, city, 3)); /* no class */
    int64_t reached = 0, eligible = 0, gaps = 0;
    for (size_t r = 0; r < city; r++) {
        reached += povatlas_table_int(t, r, 4);
        eligible += povatlas_table_int(t, r, 5);
        gaps += povatlas_table_int(t, r, 8);
    }
    assert_int_equal(reached, 2842);
    assert_int_equal(eligible, 11586);
    assert_int_equal(gaps, 2); /* Đông Hải and Văn Hải */
    assert_int_equal(povatlas_table_int(t, row_of(t, 0, "22768"), 8), 1);
    assert_int_equal(povatlas_table_int(t, row_of(t, 0, "22777"), 8), 1);
    povatlas_table_free(t);
}

static void test_priority(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t =
        must(povatlas_report_priority(f->ws, 2023, NULL, 3, "en", &err), err);
    assert_int_equal(povatlas_table_n_rows(t), 3); /* top 3 */
    /* rank, code, unit, index, then scaled and contribution per component */
    assert_int_equal(povatlas_table_n_columns(t), 4 + 2 * POVATLAS_PRIORITY_N);
    assert_string_equal(povatlas_table_column_head(t, 4), "Poor rate, scaled");
    assert_string_equal(povatlas_table_column_head(t, 5),
                        "Poor rate, contribution (weight 0.35)");
    assert_string_equal(povatlas_table_text(t, 0, 1), "22768");
    assert_string_equal(povatlas_table_text(t, 1, 1), "22777");
    assert_string_equal(povatlas_table_text(t, 2, 1), "22774");
    for (size_t r = 0; r < 3; r++) {
        assert_int_equal(povatlas_table_int(t, r, 0), (int64_t)r + 1);
        double sum = 0;
        for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
            sum += povatlas_table_real(t, r, 5 + 2 * (size_t)c);
        assert_near(sum, povatlas_table_real(t, r, 3));
        if (r)
            assert_true(povatlas_table_real(t, r - 1, 3) >=
                        povatlas_table_real(t, r, 3));
    }
    assert_near(povatlas_table_real(t, 0, 3), 0.818711018711019);
    povatlas_table_free(t);
    /* 0: every ward */
    t = must(povatlas_report_priority(f->ws, 2023, NULL, 0, "en", &err), err);
    assert_int_equal(povatlas_table_n_rows(t), 16);
    povatlas_table_free(t);
    /* the heads in the reader's words in both languages, never a key of
     * [weights] ("rate chuẩn hóa", "coverage_gap đóng góp" were) */
    const char *langs[] = {"vi", "en"};
    for (size_t l = 0; l < G_N_ELEMENTS(langs); l++) {
        t = must(povatlas_report_priority(f->ws, 2023, NULL, 1, langs[l], &err),
                 err);
        for (size_t c = 0; c < povatlas_table_n_columns(t); c++) {
            const char *head = povatlas_table_column_head(t, c);
            assert_null(strchr(head, '_'));
            for (int k = 0; k < POVATLAS_PRIORITY_N; k++) {
                const char *key = povatlas_priority_component_name(k);
                if (g_str_has_prefix(head, key) ||
                    (l == 0 && strstr(head, key) != NULL))
                    fail_msg("%s: the head '%s' holds the key '%s'", langs[l],
                             head, key);
            }
        }
        if (l == 0) {
            assert_string_equal(povatlas_table_column_head(t, 4),
                                "Tỷ lệ hộ nghèo, chuẩn hóa");
            assert_string_equal(povatlas_table_column_head(t, 11),
                                "Khoảng trống bao phủ, đóng góp (trọng số "
                                "0,15)");
        }
        povatlas_table_free(t);
    }
}

static void test_breakdown(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_table *t =
        must(povatlas_report_breakdown(f->ws, 2023, "en", &err), err);
    /* per group: 16 wards, urban, rural and city */
    assert_int_equal(povatlas_table_n_rows(t), 2 * (16 + 3));
    size_t poor_city = 18, near_city = 37;
    assert_string_equal(povatlas_table_text(t, poor_city, 0), "Poor");
    assert_string_equal(povatlas_table_text(t, poor_city, 2), "City");
    assert_int_equal(povatlas_table_int(t, poor_city, 4), 558);
    assert_near(povatlas_table_real(t, poor_city, 5), 100);
    assert_int_equal(povatlas_table_int(t, poor_city, 6), 53);
    assert_near(povatlas_table_real(t, poor_city, 7), 9.50);
    assert_string_equal(povatlas_table_text(t, near_city, 0), "Near-poor");
    assert_int_equal(povatlas_table_int(t, near_city, 4), 1373);
    /* the wards add up to the city */
    int64_t sum = 0;
    for (size_t r = 0; r < 16; r++)
        sum += povatlas_table_int(t, r, 4);
    assert_int_equal(sum, 558);
    /* the caveat travels with the table */
    assert_int_equal(povatlas_table_n_notes(t), 2);
    assert_non_null(strstr(povatlas_table_note(t, 1), "lower bound"));
    povatlas_table_free(t);
}

static void test_series(void **state)
{
    fx *f = *state;
    povatlas_error *err = NULL;
    povatlas_series_opts o;
    povatlas_series_opts_init(&o);
    povatlas_table *t =
        must(povatlas_report_series(f->ws, &o, "en", &err), err);
    /* 5 units of 1 July 2025 × 2 years, then the totals */
    assert_int_equal(povatlas_table_n_rows(t), 12);
    size_t total = row_of(t, 1, "Total");
    assert_int_equal(total, 10);
    assert_int_equal(povatlas_table_int(t, total + 1, 2), 2023);
    assert_int_equal(povatlas_table_int(t, total + 1, 3), 47690);
    assert_int_equal(povatlas_table_int(t, total + 1, 4), 558);
    assert_near(povatlas_table_real(t, total + 1, 5), 1.17);
    assert_int_equal(povatlas_table_int(t, total, 4), 615);
    int64_t sum = 0;
    for (size_t r = 0; r < total; r++)
        if (povatlas_table_int(t, r, 2) == 2023)
            sum += povatlas_table_int(t, r, 3);
    assert_int_equal(sum, 47690);
    assert_string_equal(povatlas_table_text(t, 0, 0), "22738");
    assert_int_equal(povatlas_table_int(t, 0, 3), 4079);
    povatlas_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary),     cmocka_unit_test(test_targets),
        cmocka_unit_test(test_transitions), cmocka_unit_test(test_review),
        cmocka_unit_test(test_gaps),        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_priority),    cmocka_unit_test(test_breakdown),
        cmocka_unit_test(test_series),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
