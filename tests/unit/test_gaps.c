/*
 * test_gaps.c - zone gaps (src/analysis/gaps.c): rates from summed counts
 * on a hand-made workspace, the exact change of the gap and its verdict.
 */
#include "testutil.h"

#include <math.h>

#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/pipeline.h"

static void test_verdict(void **state)
{
    (void)state;
    char *v = povatlas_gap_verdict(-12, "vi");
    assert_string_equal(v, "thu hẹp 0,12 điểm %");
    free(v);
    v = povatlas_gap_verdict(-12, "en");
    assert_string_equal(v, "narrowed by 0.12 points");
    free(v);
    v = povatlas_gap_verdict(105, "en");
    assert_string_equal(v, "widened by 1.05 points");
    free(v);
    v = povatlas_gap_verdict(105, "vi");
    assert_string_equal(v, "mở rộng 1,05 điểm %");
    free(v);
    v = povatlas_gap_verdict(0, "vi");
    assert_string_equal(v, "không đổi");
    free(v);
}

static void test_change_exact(void **state)
{
    (void)state;
    int64_t h;
    /* 2022: 3/100 vs 1/100 -> gap 2 points; 2023: 5/200 vs 1/100 -> 1.5 */
    assert_true(
        povatlas_gap_change_hundredths(3, 100, 1, 100, 5, 200, 1, 100, &h));
    assert_int_equal(h, -50);
    /* zero households: undefined, never 0 */
    assert_false(
        povatlas_gap_change_hundredths(3, 0, 1, 100, 5, 200, 1, 100, &h));
}

static void put_ward(povatlas_workspace *ws, const char *code, const char *zone,
                     int64_t households, int n_poor, int n_near)
{
    povatlas_unit u = {code, code, NULL,  "phuong",     1,
                       zone, "58", "582", "2008-01-01", NULL};
    assert_int_equal(povatlas_workspace_put_unit(ws, &u, NULL), POVATLAS_OK);
    povatlas_ward_stat s = {code, 2023, households, -1, NULL};
    assert_int_equal(povatlas_workspace_put_ward_stat(ws, &s, NULL),
                     POVATLAS_OK);
    povatlas_household_writer *w = povatlas_household_writer_new(ws, NULL);
    for (int i = 0; i < n_poor + n_near; i++) {
        char id[32];
        g_snprintf(id, sizeof id, "%s-%d", code, i);
        povatlas_household h = testutil_household(
            code, id, 2023,
            i < n_poor ? POVATLAS_CLASS_POOR : POVATLAS_CLASS_NEAR_POOR);
        assert_int_equal(povatlas_household_writer_add(w, &h, NULL),
                         POVATLAS_OK);
    }
    assert_int_equal(povatlas_household_writer_finish(w, NULL), POVATLAS_OK);
    povatlas_household_writer_free(w);
}

static void test_summed_counts(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    /* coastal: 3/100 and 1/300 -> 4/400 = 1.00 %, not the mean 1.67 % */
    put_ward(ws, "00001", "coastal", 100, 3, 2);
    put_ward(ws, "00002", "coastal", 300, 1, 6);
    put_ward(ws, "00003", "central", 800, 4, 8);
    put_ward(ws, "00004", "periurban", 0, 0, 0); /* zero households */
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    povatlas_gaps g;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_gaps_compute(ws, 2023, 2023, &g, &err),
                     POVATLAS_OK);
    const povatlas_zone_rates *c = &g.zones[0].to;
    assert_int_equal(c->households, 400);
    assert_int_equal(c->poor, 4);
    assert_int_equal(c->poor_hundredths, 100);
    assert_int_equal(c->near_poor_hundredths, 200);
    /* central 4/800 = 0.50 %: gap +0.50 points, ratio 2 */
    assert_int_equal(g.zones[2].to.poor_hundredths, 50);
    assert_int_equal(c->poor_gap_hundredths, 50);
    assert_true(fabs(c->poor_ratio - 2.0) < 1e-12);
    /* near-poor: 8/400 - 8/800 = 1.00 point, ratio 2 */
    assert_int_equal(c->near_poor_gap_hundredths, 100);
    /* peri-urban has no households: undefined, not 0 */
    assert_int_equal(g.zones[1].to.poor_hundredths, -1);
    assert_int_equal(g.zones[1].to.poor_gap_hundredths, POVATLAS_GAP_UNDEFINED);
    assert_int_equal(g.zones[1].poor_change_hundredths, POVATLAS_GAP_UNDEFINED);
    assert_int_equal(g.zones[0].poor_change_hundredths, 0);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* The zone rates every chart and the atlas read: exactly the rate of the
 * zone's summed counts with the official rounding, the same as the gaps
 * report's; a year without counts has undefined rates, not an error. */
static void test_zone_rates_of_a_year(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    /* coastal: 1 of 800, 2 of 800, 1 of 400 = 4/2000 = 0.20 % (a rate of
     * sums; the mean of the ward rates would be 0.21) */
    put_ward(ws, "00001", "coastal", 800, 1, 0);
    put_ward(ws, "00002", "coastal", 800, 2, 0);
    put_ward(ws, "00003", "coastal", 400, 1, 0);
    put_ward(ws, "00004", "central", 3000, 5, 0); /* 0.1666 -> 0.17 */
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    povatlas_zone_rates r[3];
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_zone_rates_compute(ws, 2023, r, &err),
                     POVATLAS_OK);
    assert_int_equal(r[0].households, 2000);
    assert_int_equal(r[0].poor, 4);
    assert_int_equal(r[0].wards, 3);
    assert_int_equal(r[0].poor_hundredths, 20);
    assert_int_equal(r[2].poor_hundredths, 17);
    /* the gap to the central zone, exact: 0.20 - 0.1666 = 0.0333 -> 0.03 */
    assert_int_equal(r[0].poor_gap_hundredths, 3);
    assert_int_equal(r[1].wards, 0);
    assert_int_equal(r[1].poor_hundredths, -1);
    povatlas_gaps g;
    assert_int_equal(povatlas_gaps_compute(ws, 2023, 2023, &g, &err),
                     POVATLAS_OK);
    assert_int_equal(g.zones[0].to.poor_hundredths, r[0].poor_hundredths);
    /* 2022 holds nothing: every zone undefined, no error */
    assert_int_equal(povatlas_zone_rates_compute(ws, 2022, r, &err),
                     POVATLAS_OK);
    for (int z = 0; z < 3; z++) {
        assert_int_equal(r[z].wards, 0);
        assert_int_equal(r[z].poor_hundredths, -1);
    }
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* analyze stores the zone rates of each year (zone_rates) exactly as
 * computed, with the wards without a zone; the gaps and the chart read
 * the stored rows, and storing new zones stores the rates again. */
static void test_zone_rates_stored(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_ward(ws, "00001", "coastal", 800, 1, 0);
    put_ward(ws, "00002", "coastal", 800, 2, 0);
    put_ward(ws, "00003", "coastal", 400, 1, 0);
    put_ward(ws, "00004", "central", 3000, 5, 0);
    put_ward(ws, "00005", NULL, 100, 1, 0); /* no zone */
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    povatlas_error *err = NULL;
    povatlas_zone_rates s[4], r[3];
    int stored = 1;
    assert_int_equal(povatlas_workspace_zone_rates(ws, 2023, s, &stored, &err),
                     POVATLAS_OK);
    assert_false(stored);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_zone_rates(ws, 2023, s, &stored, &err),
                     POVATLAS_OK);
    assert_true(stored);
    assert_int_equal(povatlas_zone_rates_compute(ws, 2023, r, &err),
                     POVATLAS_OK);
    assert_int_equal(s[POVATLAS_ZONE_UNKNOWN].wards, 1);
    for (int z = 0; z < 3; z++) {
        const povatlas_zone_rates *x = &s[z + 1], *y = &r[z];
        assert_int_equal(x->households, y->households);
        assert_int_equal(x->poor, y->poor);
        assert_int_equal(x->near_poor, y->near_poor);
        assert_int_equal(x->poor_hundredths, y->poor_hundredths);
        assert_int_equal(x->near_poor_hundredths, y->near_poor_hundredths);
        assert_int_equal(x->poor_gap_hundredths, y->poor_gap_hundredths);
        assert_int_equal(x->near_poor_gap_hundredths,
                         y->near_poor_gap_hundredths);
        assert_true(x->poor_ratio == y->poor_ratio ||
                    (isnan(x->poor_ratio) && isnan(y->poor_ratio)));
        assert_int_equal(x->wards, y->wards);
    }
    /* coastal 4/2000 = 0.20 %, 0.03 points above the central 0.17 % */
    assert_int_equal(s[POVATLAS_ZONE_COASTAL].poor_hundredths, 20);
    assert_int_equal(s[POVATLAS_ZONE_COASTAL].poor_gap_hundredths, 3);
    assert_int_equal(s[POVATLAS_ZONE_PERIURBAN].poor_hundredths, -1);
    assert_int_equal(s[POVATLAS_ZONE_PERIURBAN].poor_gap_hundredths,
                     POVATLAS_GAP_UNDEFINED);
    assert_true(isnan(s[POVATLAS_ZONE_PERIURBAN].poor_ratio));
    /* the readers read the stored rows: a stored 9.99 % is what they get */
    s[POVATLAS_ZONE_COASTAL].poor_hundredths = 999;
    assert_int_equal(povatlas_workspace_put_zone_rates(ws, 2023, s, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_zone_rates_get(ws, 2023, r, &err), POVATLAS_OK);
    assert_int_equal(r[0].poor_hundredths, 999);
    povatlas_gaps g;
    assert_int_equal(povatlas_gaps_compute(ws, 2023, 2023, &g, &err),
                     POVATLAS_OK);
    assert_int_equal(g.zones[0].to.poor_hundredths, 999);
    assert_int_equal(g.wards_without_zone, 1);
    /* storing them again puts back the computed rates */
    assert_int_equal(povatlas_zone_rates_store(ws, &err), POVATLAS_OK);
    assert_int_equal(povatlas_zone_rates_get(ws, 2023, r, &err), POVATLAS_OK);
    assert_int_equal(r[0].poor_hundredths, 20);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdict),
        cmocka_unit_test(test_change_exact),
        cmocka_unit_test(test_summed_counts),
        cmocka_unit_test(test_zone_rates_of_a_year),
        cmocka_unit_test(test_zone_rates_stored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
