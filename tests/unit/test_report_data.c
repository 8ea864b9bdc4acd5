/*
 * test_report_data.c - the reports of the summary, transitions, coverage,
 * priority and zones commands as structures (src/pipeline/report_data.c) on the
 * demo dataset: the values, that each stores what its report stores (so
 * the CLI that prints them never has to), and the unknown-ward error.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/analysis.h"
#include "povatlas/pipeline.h"
#include "povatlas/reports.h"
#include "povatlas/workspace.h"

typedef struct fixture {
    char *dir;
    povatlas_workspace *ws;
} fixture;

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    f->ws = testutil_demo_workspace(&f->dir);
    assert_int_equal(povatlas_analyze(f->ws, NULL, NULL, NULL), POVATLAS_OK);
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

static double stored(povatlas_workspace *ws, const char *unit, int year,
                     const char *name)
{
    double v = -1;
    if (!testutil_indicator(ws, unit, year, name, &v))
        fail_msg("indicator %s of %s in %d not stored", name, unit, year);
    return v;
}

static void test_transitions(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_transitions *t =
        povatlas_transitions_report(f->ws, 2022, 2023, "22738", &err);
    assert_non_null(t);
    assert_int_equal(t->city.count[POVATLAS_TR_POOR_START], 615);
    assert_int_equal(t->city.count[POVATLAS_TR_POOR_END], 558);
    assert_non_null(povatlas_transitions_find(t, "22738"));
    const char *end = povatlas_transition_line_name(POVATLAS_TR_POOR_END);
    assert_true(stored(f->ws, POVATLAS_SCOPE_ALL, 2023, end) == 558);
    povatlas_transitions_free(t);
}

static void test_transitions_unknown_ward(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_null(povatlas_transitions_report(f->ws, 2022, 2023, "99999", &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_string_equal(err->message, "unknown ward code '99999' (no "
                                      "households in 2022 or 2023)");
    povatlas_error_free(err);
}

static void test_coverage(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_coverage *c = povatlas_coverage_report(f->ws, 2023, NULL, &err);
    assert_non_null(c);
    assert_int_equal(c->year, 2023);
    assert_int_equal(c->n, 16);
    assert_true(c->city.coverage_hundredths >= 0);
    assert_true(
        stored(f->ws, POVATLAS_SCOPE_ALL, 2023, POVATLAS_IND_COVERAGE) ==
        (double)c->city.coverage_hundredths / 100.0);
    povatlas_coverage_free(c);
}

/* `povatlas targets` prints this report; it is the evaluation of the
 * analysis, row by row (the CLI calls no analysis itself) */
static void test_targets(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_target_eval_list *r = povatlas_targets_report(f->ws, 2023, &err);
    povatlas_target_eval_list *e = povatlas_targets_evaluate(f->ws, 2023, &err);
    assert_non_null(r);
    assert_non_null(e);
    assert_true(r->n > 0);
    assert_int_equal(r->n, e->n);
    for (size_t i = 0; i < r->n; i++) {
        assert_string_equal(r->rows[i].name, e->rows[i].name);
        assert_int_equal(r->rows[i].state, e->rows[i].state);
        assert_true(r->rows[i].achieved == e->rows[i].achieved ||
                    (isnan(r->rows[i].achieved) && isnan(e->rows[i].achieved)));
    }
    /* the demo's 2023 poor rate, 558 poor households: achieved as stored */
    int seen = 0;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->rows[i].name, "poor_rate") == 0) {
            seen = 1;
            assert_true(r->rows[i].achieved == stored(f->ws, POVATLAS_SCOPE_ALL,
                                                      2023,
                                                      POVATLAS_IND_POOR_RATE));
        }
    assert_true(seen);
    povatlas_target_eval_list_free(r);
    povatlas_target_eval_list_free(e);
    assert_null(err);
}

static void test_priority(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_coverage_free(povatlas_coverage_report(f->ws, 2023, NULL, NULL));
    povatlas_priority *p = povatlas_priority_report(f->ws, 2023, NULL, &err);
    assert_non_null(p);
    assert_int_equal(p->year, 2023);
    assert_int_equal(p->rows[0].rank, 1);
    assert_true(
        stored(f->ws, p->rows[0].code, 2023, POVATLAS_IND_PRIORITY_RANK) == 1);
    assert_true(stored(f->ws, p->rows[0].code, 2023,
                       POVATLAS_IND_PRIORITY_INDEX) == p->rows[0].index);
    povatlas_priority_free(p);
}

static void test_zones(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    double v = 0;
    const char *code = "22738";
    /* the shipped zones are only reported, whatever store says */
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    o.store = 1;
    povatlas_zone_list *z = povatlas_zones_report(f->ws, &o, &err);
    assert_non_null(z);
    assert_int_equal(z->n, 16);
    assert_false(testutil_indicator(f->ws, code, 2023, POVATLAS_IND_ZONE, &v));
    povatlas_zone_list_free(z);
    /* derived zones are stored */
    o.store = 0;
    o.derive = 1;
    z = povatlas_zones_report(f->ws, &o, &err);
    assert_non_null(z);
    for (size_t i = 0; i < z->n; i++)
        if (g_strcmp0(z->rows[i].code, code) == 0) {
            assert_true(
                testutil_indicator(f->ws, code, 2023, POVATLAS_IND_ZONE, &v));
            assert_true(v == (double)z->rows[i].zone);
        }
    povatlas_zone_list_free(z);
}

/* The demo's printed summary, as numbers: 615 → 558 poor, −0,13 points. */
static void test_summary(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_summary *s = povatlas_summary_report(f->ws, "vi", &err);
    assert_non_null(s);
    assert_string_equal(s->place,
                        "Thành phố Phan Rang–Tháp Chàm, tỉnh Ninh Thuận");
    assert_int_equal(s->synthetic, 1);
    assert_int_equal(s->n, 2);
    const povatlas_summary_year *a = &s->years[0], *b = &s->years[1];
    assert_int_equal(a->city.year, 2022);
    assert_int_equal(a->city.households, 47400);
    assert_int_equal(a->city.poor, 615);
    assert_int_equal(a->area[1].units, 15);
    assert_int_equal(a->area[1].households, 44791);
    assert_int_equal(a->area[0].units, 1);
    assert_int_equal(a->has_change, 0);
    assert_int_equal(b->city.poor, 558);
    assert_int_equal(b->has_change, 1);
    assert_int_equal(b->change.poor, -57);
    assert_int_equal(b->change.poor_hundredths, -13);
    assert_int_equal(b->change.near_poor, -102);
    assert_int_equal(b->change.near_poor_hundredths, -23);
    assert_int_equal(s->targets_year, 2023);
    assert_non_null(s->targets);
    assert_int_equal(s->targets->n, 6);
    povatlas_summary_free(s);
    s = povatlas_summary_report(f->ws, "en", &err);
    assert_non_null(s);
    assert_string_equal(s->place,
                        "Phan Rang–Tháp Chàm city, Ninh Thuận province");
    povatlas_summary_free(s);
    povatlas_summary_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_transitions_unknown_ward),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_priority),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_summary),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
