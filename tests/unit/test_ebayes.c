/*
 * test_ebayes.c - empirical Bayes rates of src/analysis/ebayes.c against
 * tests/fixtures/reference: global (features.csv eb_global, a, b) and local in
 * spdep's and GeoDa's variants for every ward scheme (local.csv), plus
 * the count checks.
 */
#include "stats_fixture.h"

static void test_global_matches_reference(void **state)
{
    (void)state;
    if (!testutil_have_polygons())
        skip();
    stats_fixture *f = fixture_wards();
    ref_table *t = ref_table_read("reference/features.csv");
    double *est = g_new(double, f->n), a, b;
    assert_int_equal(
        povatlas_ebayes_global(f->poor, f->total, f->n, est, &a, &b, NULL),
        POVATLAS_OK);
    for (size_t i = 0; i < f->n; i++) {
        int r = ref_find(t, "fixture", "wards", "id", f->ids[i], NULL, NULL);
        assert_true(r >= 0);
        assert_true(close_enough(ref_num(t, (guint)r, "eb_global"), est[i]));
        assert_true(close_enough(ref_num(t, (guint)r, "eb_global_a"), a));
        assert_true(close_enough(ref_num(t, (guint)r, "eb_global_b"), b));
    }
    g_free(est);
    ref_table_free(t);
    fixture_free(f);
}

static void test_local_matches_reference(void **state)
{
    (void)state;
    size_t checked = 0;
    if (!testutil_have_polygons())
        skip();
    stats_fixture *f = fixture_wards();
    ref_table *t = ref_table_read("reference/local.csv");
    double *est = g_new(double, f->n), *m = g_new(double, f->n);
    double *a = g_new(double, f->n), *eg = g_new(double, f->n);
    double *ag = g_new(double, f->n);
    for (const char *const *sc = fixture_schemes(f); *sc; sc++) {
        povatlas_weights *w = fixture_weights(f, *sc);
        assert_int_equal(povatlas_ebayes_local(w, f->poor, f->total, f->n,
                                               POVATLAS_EBAYES_SPDEP, est, m, a,
                                               NULL),
                         POVATLAS_OK);
        assert_int_equal(povatlas_ebayes_local(w, f->poor, f->total, f->n,
                                               POVATLAS_EBAYES_GEODA, eg, NULL,
                                               ag, NULL),
                         POVATLAS_OK);
        for (size_t i = 0; i < f->n; i++) {
            int r =
                ref_find(t, "fixture", "wards", "scheme", *sc, "id", f->ids[i]);
            assert_true(r >= 0);
            const struct {
                const char *col;
                double got;
            } v[] = {{"eb_local", est[i]},
                     {"eb_local_m", m[i]},
                     {"eb_local_a", a[i]},
                     {"eb_local_geoda", eg[i]},
                     {"eb_local_geoda_a", ag[i]}};
            for (size_t c = 0; c < G_N_ELEMENTS(v); c++) {
                double want = ref_num(t, (guint)r, v[c].col);
                if (!close_enough(want, v[c].got))
                    fail_msg("%s %s %s: got %.17g want %.17g", *sc, f->ids[i],
                             v[c].col, v[c].got, want);
                checked++;
            }
        }
        povatlas_weights_free(w);
    }
    assert_int_equal(checked, 16 * 4 * 5);
    g_free(est);
    g_free(m);
    g_free(a);
    g_free(eg);
    g_free(ag);
    ref_table_free(t);
    fixture_free(f);
}

static void test_counts_checked(void **state)
{
    (void)state;
    const double o[] = {1, 2, 3}, p[] = {10, 0, 30};
    double est[3];
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_ebayes_global(o, p, 3, est, NULL, NULL, &err),
                     POVATLAS_E_INPUT);
    assert_int_equal(err->row, 2);
    assert_non_null(strstr(err->message, "population"));
    povatlas_error_free(err);
    /* no between-area variance: every estimate is the global rate */
    const double o2[] = {10, 20, 30}, p2[] = {100, 200, 300};
    double a, b;
    assert_int_equal(povatlas_ebayes_global(o2, p2, 3, est, &a, &b, NULL),
                     POVATLAS_OK);
    assert_true(a == 0);
    for (int i = 0; i < 3; i++)
        assert_true(close_enough(0.1, est[i]));
}

/* EB standardisation (Assunção and Reis 1999) against values worked out by
 * hand from the formula: b = ΣO/ΣP, a = s² − b/(ΣP/n), v_i = a + b/P_i,
 * z_i = (O_i/P_i − b)/√v_i; where v_i < 0, b/P_i instead. */
static void test_standardize(void **state)
{
    (void)state;
    const double o[] = {2, 10, 5, 0}, p[] = {100, 200, 50, 150};
    double z[4];
    assert_int_equal(povatlas_ebayes_standardize(o, p, 4, z, NULL),
                     POVATLAS_OK);
    /* b = 0.034, a = 0.000652 */
    const double want[] = {-0.4445004445006668, 0.5580640851321246,
                           1.80838886035893, -1.1470090418272143};
    for (int i = 0; i < 4; i++)
        assert_true(fabs(z[i] - want[i]) < 1e-12);
    /* a < 0 and the large unit's a + b/P_i < 0: b/P_i alone */
    const double o2[] = {1, 2, 1, 10}, p2[] = {100, 100, 100, 1000};
    assert_int_equal(povatlas_ebayes_standardize(o2, p2, 4, z, NULL),
                     POVATLAS_OK);
    const double want2[] = {-0.08512565307587479, 1.0215078369104984,
                            -0.08512565307587479, -0.2344036154692475};
    for (int i = 0; i < 4; i++)
        assert_true(fabs(z[i] - want2[i]) < 1e-12);

    povatlas_error *err = NULL;
    const double zero[] = {0, 0, 0};
    assert_int_equal(povatlas_ebayes_standardize(zero, p, 3, z, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->message, "EB standardisation is undefined: no "
                                      "events in any unit");
    povatlas_error_free(err);
    err = NULL;
    const double no_pop[] = {100, 0, 50};
    assert_int_equal(povatlas_ebayes_standardize(o, no_pop, 3, z, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->message,
                        "EB standardisation needs a positive population "
                        "and events >= 0 (unit 2)");
    povatlas_error_free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_global_matches_reference),
        cmocka_unit_test(test_local_matches_reference),
        cmocka_unit_test(test_counts_checked),
        cmocka_unit_test(test_standardize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
