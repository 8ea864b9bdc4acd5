/*
 * test_changes.c - changes between review years (src/analysis/changes.c):
 * exact from the counts, never from rounded rates, and paired by unit
 * code when a unit appears, disappears or the order differs.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "core/fault.h"
#include "povatlas/analysis.h"
#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/pipeline.h"

static povatlas_unit_counts counts(int64_t households, int64_t poor,
                                   int64_t near_poor, int has_list)
{
    povatlas_unit_counts c = {0};
    c.households = households;
    c.has_list = has_list;
    c.poor = has_list ? poor : -1;
    c.near_poor = has_list ? near_poor : -1;
    return c;
}

/* Mỹ Bình in the demo: 35 of 2,388 (1.47 %) then 32 of 2,402 (1.33 %).
 * The rounded rates differ by 0.14 points; the rates differ by 0.1334. */
static void test_exact_not_from_rounded_rates(void **state)
{
    (void)state;
    povatlas_unit_counts a = counts(2388, 35, 80, 1);
    povatlas_unit_counts b = counts(2402, 32, 79, 1);
    povatlas_change d;
    assert_true(povatlas_change_of_counts(&a, &b, &d));
    assert_int_equal(d.poor, -3);
    assert_int_equal(d.near_poor, -1);
    assert_int_equal(d.poor_hundredths, -13);
    /* 79/2402 - 80/2388 = -0.0612 points; 111/2402 - 115/2388 = -0.1946 */
    assert_int_equal(d.near_poor_hundredths, -6);
    assert_int_equal(d.poor_near_poor_hundredths, -19);
    /* unknown, never 0: no list in one year, no households in one year */
    povatlas_unit_counts no_list = counts(2388, 0, 0, 0);
    assert_false(povatlas_change_of_counts(&no_list, &b, &d));
    povatlas_unit_counts empty = counts(0, 0, 0, 1);
    assert_false(povatlas_change_of_counts(&a, &empty, &d));
    /* the city's summaries change by the same rule */
    povatlas_city_summary s0 = {.year = 2022,
                                .has_list = 1,
                                .households = 2388,
                                .poor = 35,
                                .near_poor = 80};
    povatlas_city_summary s1 = {.year = 2023,
                                .has_list = 1,
                                .households = 2402,
                                .poor = 32,
                                .near_poor = 79};
    assert_true(povatlas_change_of_summaries(&s0, &s1, &d));
    assert_int_equal(d.poor_hundredths, -13);
    s0.has_list = 0;
    assert_false(povatlas_change_of_summaries(&s0, &s1, &d));
}

static void put_unit(povatlas_workspace *ws, const char *code, const char *from,
                     const char *to)
{
    povatlas_unit u = {code, code, NULL,  "phuong", 1,
                       NULL, "58", "582", from,     to};
    assert_int_equal(povatlas_workspace_put_unit(ws, &u, NULL), POVATLAS_OK);
}

static void put_year(povatlas_workspace *ws, const char *code, int year,
                     int64_t households, int n_poor)
{
    povatlas_ward_stat s = {code, year, households, -1, NULL};
    assert_int_equal(povatlas_workspace_put_ward_stat(ws, &s, NULL),
                     POVATLAS_OK);
    povatlas_household_writer *w = povatlas_household_writer_new(ws, NULL);
    for (int i = 0; i < n_poor; i++) {
        char id[32];
        g_snprintf(id, sizeof id, "%s-%d", code, i);
        povatlas_household h =
            testutil_household(code, id, year, POVATLAS_CLASS_POOR);
        assert_int_equal(povatlas_household_writer_add(w, &h, NULL),
                         POVATLAS_OK);
    }
    assert_int_equal(povatlas_household_writer_finish(w, NULL), POVATLAS_OK);
    povatlas_household_writer_free(w);
}

/* 2022 holds 00001, 00002, 00003; 2023 holds 00001, 00003, 00004: the
 * second row of 2023 (00003) is the third of 2022, and 00004 is new. */
static void put_two_years(povatlas_workspace *ws)
{
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_unit(ws, "00001", "2008-01-01", NULL);
    put_unit(ws, "00002", "2008-01-01", "2022-12-31");
    put_unit(ws, "00003", "2008-01-01", NULL);
    put_unit(ws, "00004", "2023-01-01", NULL);
    put_year(ws, "00001", 2022, 800, 1);  /* 0.125 %: shown 0.13 */
    put_year(ws, "00002", 2022, 100, 50); /* 50 %: pairs with nothing */
    put_year(ws, "00003", 2022, 1000, 10);
    put_year(ws, "00001", 2023, 1000, 2); /* 0.20 % */
    put_year(ws, "00003", 2023, 1000, 12);
    put_year(ws, "00004", 2023, 500, 5);
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
}

/* Changes are paired by code, not by row (put_two_years()). */
static void test_paired_by_code(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    put_two_years(ws);
    povatlas_unit_list *units = povatlas_workspace_units(ws, 2023, NULL);
    assert_non_null(units);
    assert_int_equal(units->n, 3);
    assert_string_equal(units->rows[1].code, "00003");
    double v[3];
    unsigned char ok[3];
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_indicator_changes(ws, POVATLAS_IND_POOR_RATE,
                                                2022, 2023, units, v, ok, &err),
                     POVATLAS_OK);
    /* 0.20 - 0.125 = 0.075 -> 0.08 (the rounded rates differ by 0.07) */
    assert_true(ok[0]);
    assert_true(fabs(v[0] - 0.08) < 1e-9);
    /* 00003: 1.20 - 1.00, not 1.20 - 50 (the second row of 2022) */
    assert_true(ok[1]);
    assert_true(fabs(v[1] - 0.20) < 1e-9);
    assert_false(ok[2]); /* new in 2023: no change, not a change from 0 */
    /* any other indicator: the difference of stored values, by code */
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    assert_int_equal(povatlas_indicator_changes(ws, POVATLAS_IND_HOUSEHOLDS,
                                                2022, 2023, units, v, ok, &err),
                     POVATLAS_OK);
    assert_true(ok[0]);
    assert_true(fabs(v[0] - 200) < 1e-9);
    assert_true(ok[1]);
    assert_true(fabs(v[1]) < 1e-9);
    assert_false(ok[2]);
    assert_null(err);
    povatlas_unit_list_free(units);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void assert_poor_change(povatlas_workspace *ws, const char *code,
                               double points)
{
    povatlas_unit_list *units = povatlas_workspace_units(ws, 2023, NULL);
    double v[3];
    unsigned char ok[3];
    assert_int_equal(povatlas_indicator_changes(ws, POVATLAS_IND_POOR_RATE,
                                                2022, 2023, units, v, ok, NULL),
                     POVATLAS_OK);
    int seen = 0;
    for (size_t i = 0; i < units->n; i++)
        if (strcmp(units->rows[i].code, code) == 0) {
            seen = 1;
            assert_true(ok[i]);
            assert_true(fabs(v[i] - points) < 1e-9);
        }
    assert_true(seen);
    povatlas_unit_list_free(units);
}

/* analyze stores the changes (unit_changes): the city and each unit with
 * counts in both years, exactly as computed; the maps' and the atlas's
 * changes are the stored ones, and a pair not stored is computed. */
static void test_stored(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    put_two_years(ws);
    povatlas_error *err = NULL;
    /* not analyzed: nothing stored, the change computed */
    povatlas_change_list *l = povatlas_workspace_changes(ws, 2022, 2023, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 0);
    povatlas_change_list_free(l);
    assert_poor_change(ws, "00001", 0.08);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    l = povatlas_workspace_changes(ws, 2022, 2023, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 3);
    /* the city: 61 of 1,900 poor, then 19 of 2,500: -2.4505 points */
    assert_string_equal(l->rows[0].code, POVATLAS_SCOPE_ALL);
    assert_int_equal(l->rows[0].change.poor, -42);
    assert_int_equal(l->rows[0].change.poor_hundredths, -245);
    assert_string_equal(l->rows[1].code, "00001");
    assert_int_equal(l->rows[1].change.poor, 1);
    assert_int_equal(l->rows[1].change.poor_hundredths, 8);
    assert_string_equal(l->rows[2].code, "00003");
    assert_int_equal(l->rows[2].change.poor_hundredths, 20);
    /* what povatlas_changes_get() hands out is what is stored */
    povatlas_change_list *g = povatlas_changes_get(ws, 2022, 2023, &err);
    assert_non_null(g);
    assert_int_equal(g->n, l->n);
    for (size_t i = 0; i < l->n; i++) {
        assert_string_equal(g->rows[i].code, l->rows[i].code);
        assert_memory_equal(&g->rows[i].change, &l->rows[i].change,
                            sizeof(povatlas_change));
    }
    povatlas_change_list_free(g);
    /* readers read the stored value: a stored 9.99 is what the map gets */
    l->rows[1].change.poor_hundredths = 999;
    assert_int_equal(povatlas_workspace_put_changes(ws, 2022, 2023, l, &err),
                     POVATLAS_OK);
    assert_poor_change(ws, "00001", 9.99);
    /* storing again puts back the computed change; cleared, it is computed */
    assert_int_equal(povatlas_changes_store(ws, &err), POVATLAS_OK);
    assert_poor_change(ws, "00001", 0.08);
    assert_int_equal(povatlas_workspace_clear_derived(ws, &err), POVATLAS_OK);
    assert_poor_change(ws, "00001", 0.08);
    assert_null(err);
    povatlas_change_list_free(l);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

typedef povatlas_status (*changes_op)(povatlas_workspace *ws,
                                      povatlas_error **err);

static povatlas_status op_rate_changes(povatlas_workspace *ws,
                                       povatlas_error **err)
{
    povatlas_unit_list *units = povatlas_workspace_units(ws, 2023, NULL);
    double v[3];
    unsigned char ok[3];
    povatlas_status st = povatlas_indicator_changes(
        ws, POVATLAS_IND_POOR_RATE, 2022, 2023, units, v, ok, err);
    povatlas_unit_list_free(units);
    return st;
}

static povatlas_status op_value_changes(povatlas_workspace *ws,
                                        povatlas_error **err)
{
    povatlas_unit_list *units = povatlas_workspace_units(ws, 2023, NULL);
    double v[3];
    unsigned char ok[3];
    povatlas_status st = povatlas_indicator_changes(
        ws, POVATLAS_IND_HOUSEHOLDS, 2022, 2023, units, v, ok, err);
    povatlas_unit_list_free(units);
    return st;
}

/* Fails the N-th checked allocation of @op for N = 1, 2, ... until a run
 * makes no fault: each faulted run is E_NOMEM saying so, and the @stored
 * changes of 2022 to 2023 stay as they are. Returns the allocations @op
 * makes. */
static long sweep_out_of_memory(povatlas_workspace *ws, changes_op op,
                                size_t stored)
{
    for (long n = 1;; n++) {
        povatlas_error *err = NULL;
        povatlas_fault_arm(POVATLAS_FAULT_ALLOC, n, 0);
        povatlas_status st = op(ws, &err);
        long failed = povatlas_fault_failed();
        povatlas_fault_arm(0, 0, 0);
        if (failed == 0) {
            assert_int_equal(st, POVATLAS_OK);
            assert_null(err);
            return n - 1;
        }
        assert_int_equal(st, POVATLAS_E_NOMEM);
        assert_non_null(err);
        assert_int_equal(err->code, POVATLAS_E_NOMEM);
        assert_non_null(strstr(err->message, "out of memory for the changes"));
        povatlas_error_free(err);
        povatlas_change_list *l =
            povatlas_workspace_changes(ws, 2022, 2023, NULL);
        assert_non_null(l);
        assert_int_equal(l->n, stored);
        povatlas_change_list_free(l);
    }
}

/* Out of memory while changes are paired by code (computed for a map,
 * stored by analyze) is POVATLAS_E_NOMEM, not an abort inside a
 * GHashTable: the pairing index, the list and each row's code are checked
 * allocations. */
static void test_out_of_memory(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    put_two_years(ws);
    /* computed (not stored): the 2022 index, the list, its rows, the
     * codes of the city, 00001 and 00003, then the index of the changes */
    assert_int_equal(sweep_out_of_memory(ws, op_rate_changes, 0), 7);
    assert_poor_change(ws, "00001", 0.08);
    /* stored: the same pairing, nothing stored until it succeeds; then the
     * city, 00001 and 00003 */
    assert_int_equal(sweep_out_of_memory(ws, povatlas_changes_store, 0), 6);
    assert_poor_change(ws, "00001", 0.08);
    /* other indicators (stored by analyze): the two years' indexes */
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, NULL), POVATLAS_OK);
    assert_int_equal(sweep_out_of_memory(ws, op_value_changes, 3), 2);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_not_from_rounded_rates),
        cmocka_unit_test(test_paired_by_code),
        cmocka_unit_test(test_stored),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
