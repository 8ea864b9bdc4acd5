/*
 * test_programs.c - programs, activities and coverage (src/ingest/
 * programs.c, src/store/programs.c, src/analysis/coverage.c) on the demo
 * dataset: a bad activity row is reported exactly and nothing lands;
 * coverage arithmetic and the coverage-gap list.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"
#include "povatlas/programs.h"

static povatlas_workspace *demo(char **dir)
{
    return testutil_demo_workspace(dir);
}

static void test_bad_activity(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    g_autofree char *f = testutil_write_file(
        dir, "a.csv",
        "program,unit_code,year,households_reached,poor_reached,"
        "near_poor_reached,budget_vnd,agency\n"
        "DA2,22738,2024,5,2,3,100,x\n"
        "DA9,22738,2024,5,2,3,100,x\n"
        "DA2,99999,2024,5,2,3,100,x\n",
        -1);
    povatlas_report *rep = povatlas_report_new();
    povatlas_error *err = NULL;
    assert_int_not_equal(
        povatlas_import_activities(ws, f, NULL, rep, NULL, &err), POVATLAS_OK);
    assert_int_equal(povatlas_report_n_errors(rep), 2);
    char *m = povatlas_error_format(povatlas_report_error(rep, 0));
    g_autofree char *want1 = g_strdup_printf(
        "%s:3: column program: unknown program 'DA9' (import programs "
        "first)",
        f);
    assert_string_equal(m, want1);
    free(m);
    m = povatlas_error_format(povatlas_report_error(rep, 1));
    g_autofree char *want2 =
        g_strdup_printf("%s:4: column unit_code: unknown ward code '99999'", f);
    assert_string_equal(m, want2);
    free(m);
    povatlas_error_free(err);
    povatlas_activity_sum s;
    assert_int_equal(
        povatlas_workspace_activity_sum(ws, "DA2", "*", 2024, &s, NULL),
        POVATLAS_OK);
    assert_int_equal(s.records, 0); /* nothing imported */
    povatlas_report_free(rep);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_coverage(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    povatlas_error *err = NULL;
    povatlas_coverage *c = povatlas_coverage_compute(ws, 2023, NULL, 1, &err);
    assert_non_null(c);
    assert_int_equal(c->n, 16);
    /* city: reached / eligible, half up in hundredths */
    int64_t h;
    assert_true(
        povatlas_rate_hundredths(c->city.reached, c->city.eligible, &h));
    assert_int_equal(c->city.coverage_hundredths, h);
    assert_int_equal(c->city.reached, 2842);
    assert_int_equal(c->city.eligible, 11586);
    assert_int_equal(c->city.coverage_hundredths, 2453);
    GString *gaps = g_string_new(NULL);
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].coverage_gap)
            g_string_append_printf(gaps, "%s ", c->rows[i].code);
    assert_string_equal(gaps->str, "22768 22777 ");
    g_string_free(gaps, TRUE);
    double v;
    assert_true(
        testutil_indicator(ws, "22768", 2023, POVATLAS_IND_COVERAGE_GAP, &v));
    assert_true(v == 1.0);
    /* houses built: the housing program's households reached */
    povatlas_activity_sum s;
    assert_int_equal(povatlas_workspace_activity_sum(
                         ws, POVATLAS_PROGRAM_HOUSING, "*", 2023, &s, NULL),
                     POVATLAS_OK);
    assert_int_equal(s.reached, 13);
    povatlas_coverage_free(c);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_target_rule_names(void **state)
{
    (void)state;
    const char *names[] = {"none", "poor", "near_poor", "poor_near_poor"};
    const povatlas_target_rule rules[] = {
        POVATLAS_TARGET_NONE, POVATLAS_TARGET_POOR, POVATLAS_TARGET_NEAR_POOR,
        POVATLAS_TARGET_POOR_NEAR_POOR};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        povatlas_target_rule r = (povatlas_target_rule)-1;
        assert_true(povatlas_target_rule_parse(names[i], &r));
        assert_int_equal(r, rules[i]);
    }
    povatlas_target_rule r = POVATLAS_TARGET_POOR;
    assert_false(povatlas_target_rule_parse("near-poor", &r));
    assert_false(povatlas_target_rule_parse("", &r));
    assert_false(povatlas_target_rule_parse(NULL, &r));
    assert_int_equal(r, POVATLAS_TARGET_POOR);
}

/* The store half: a program and its activities written directly, read
 * back field by field; the same (program, ward, year) replaces. */
static void test_store_round_trip(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    povatlas_error *err = NULL;
    const povatlas_program p = {
        "ZZ1", "Chương trình thử",        "Test programme", "project",
        NULL,  POVATLAS_TARGET_NEAR_POOR, "unverified"};
    assert_int_equal(povatlas_workspace_put_program(ws, &p, &err), POVATLAS_OK);
    povatlas_program_list *l = povatlas_workspace_programs(ws, &err);
    assert_non_null(l);
    const povatlas_program_row *row = NULL;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            assert_true(strcmp(l->rows[i - 1].code, l->rows[i].code) < 0);
        if (strcmp(l->rows[i].code, "ZZ1") == 0)
            row = &l->rows[i];
    }
    assert_non_null(row);
    assert_true(l->n > 1); /* the demo's programs are there too */
    assert_string_equal(row->name_vi, "Chương trình thử");
    assert_string_equal(row->name_en, "Test programme");
    assert_string_equal(row->kind, "project");
    assert_null(row->agency);
    assert_string_equal(row->source, "unverified");
    assert_int_equal(row->rule, POVATLAS_TARGET_NEAR_POOR);
    povatlas_program_list_free(l);
    povatlas_program_list_free(NULL);

    povatlas_activity a = {"ZZ1", "22738", 2023,   12, 5,
                           7,     1000000, "UBND", -1, -1};
    assert_int_equal(povatlas_workspace_put_activity(ws, &a, &err),
                     POVATLAS_OK);
    a.unit_code = "22741";
    a.reached = 3;
    a.poor_reached = 1;
    a.near_poor_reached = 2;
    a.budget_vnd = -1; /* unknown */
    assert_int_equal(povatlas_workspace_put_activity(ws, &a, &err),
                     POVATLAS_OK);
    povatlas_activity_sum s;
    assert_int_equal(
        povatlas_workspace_activity_sum(ws, "ZZ1", "22738", 2023, &s, &err),
        POVATLAS_OK);
    assert_int_equal(s.records, 1);
    assert_int_equal(s.reached, 12);
    assert_int_equal(s.poor_reached, 5);
    assert_int_equal(s.near_poor_reached, 7);
    assert_int_equal(s.budget_vnd, 1000000);
    assert_int_equal(
        povatlas_workspace_activity_sum(ws, "ZZ1", "*", 2023, &s, &err),
        POVATLAS_OK);
    assert_int_equal(s.records, 2);
    assert_int_equal(s.reached, 15);
    assert_int_equal(s.near_poor_reached, 9);
    /* the same program, ward and year again: replaced, not added */
    a.unit_code = "22738";
    a.reached = 20;
    assert_int_equal(povatlas_workspace_put_activity(ws, &a, &err),
                     POVATLAS_OK);
    assert_int_equal(
        povatlas_workspace_activity_sum(ws, "ZZ1", "*", 2023, &s, &err),
        POVATLAS_OK);
    assert_int_equal(s.records, 2);
    assert_int_equal(s.reached, 23);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_activity),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_target_rule_names),
        cmocka_unit_test(test_store_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
