/*
 * test_permute.c - permutation inference of src/analysis/permute.c: seeded
 * reproducibility, p = (count + 1) / (perms + 1), conditional draws
 * without replacement, agreement with the analytical moments of the
 * reference fixtures within Monte Carlo error, LISA quadrants, islands and
 * Benjamini-Hochberg FDR.
 */
#include "stats_fixture.h"

static void test_seeded_and_reproducible(void **state)
{
    (void)state;
    stats_fixture *f = fixture_grid();
    povatlas_weights *w = fixture_weights(f, "queen");
    double *p1 = g_new(double, f->n), *p2 = g_new(double, f->n);
    double *p3 = g_new(double, f->n);
    assert_int_equal(
        povatlas_local_moran_perm(w, f->x, f->n, 199, 42, p1, NULL),
        POVATLAS_OK);
    povatlas_local_moran_perm(w, f->x, f->n, 199, 42, p2, NULL);
    povatlas_local_moran_perm(w, f->x, f->n, 199, 43, p3, NULL);
    int differ = 0;
    for (size_t i = 0; i < f->n; i++) {
        assert_true(p1[i] == p2[i]);
        differ |= p1[i] != p3[i];
        /* folded: count in 0 .. 99 */
        assert_true(p1[i] >= 1.0 / 200 && p1[i] <= 100.0 / 200);
        double c = p1[i] * 200 - 1; /* an integer count */
        assert_true(fabs(c - floor(c + 0.5)) < 1e-9);
    }
    assert_true(differ);
    g_free(p1);
    g_free(p2);
    g_free(p3);
    povatlas_weights_free(w);
    fixture_free(f);
}

/* Where the analytical conditional z is large the pseudo p-value must be
 * small, and where it is near 0 it must not be (Monte Carlo margins). */
static void test_local_agrees_with_moments(void **state)
{
    (void)state;
    stats_fixture *f = fixture_grid();
    povatlas_weights *w = fixture_weights(f, "queen");
    povatlas_local_stats *ls = povatlas_local_compute(w, f->x, f->n, NULL);
    double *p = g_new(double, f->n);
    assert_int_equal(povatlas_local_moran_perm(w, f->x, f->n, 999, 1, p, NULL),
                     POVATLAS_OK);
    int strong = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (fabs(ls->z_ii[i]) > 3.0) { /* normal two-sided p < 0.003 */
            assert_true(p[i] <= 0.02);
            strong++;
        }
        if (fabs(ls->z_ii[i]) < 0.3)
            assert_true(p[i] > 0.1);
    }
    assert_true(strong > 0);
    g_free(p);
    povatlas_local_stats_free(ls);
    povatlas_weights_free(w);
    fixture_free(f);
}

static void test_global_perm(void **state)
{
    (void)state;
    if (!testutil_have_polygons())
        skip();
    stats_fixture *f = fixture_wards();
    povatlas_weights *w = fixture_weights(f, "queen");
    povatlas_global_stats g;
    povatlas_global_perm gp;
    assert_int_equal(povatlas_global_compute(w, f->x, f->n, &g, NULL),
                     POVATLAS_OK);
    assert_int_equal(
        povatlas_global_moran_perm(w, f->x, f->n, 999, 5, &gp, NULL),
        POVATLAS_OK);
    assert_true(close_enough(g.moran_i, gp.moran_i));
    assert_true(fabs(gp.mean_perm - g.moran_e) <
                0.03);                  /* sd ~ 0.15/sqrt(999) */
    assert_true(gp.p_greater <= 0.005); /* z_I_rand = 3.9 */
    assert_true(gp.p_folded <= gp.p_greater);
    povatlas_weights_free(w);
    fixture_free(f);
}

/* Feature 0 sees all n-1 others: drawn without replacement, every
 * permutation reproduces the observed lag, so the folded count is 0. With
 * replacement it would not be. */
static void test_draws_without_replacement(void **state)
{
    (void)state;
    const size_t off[] = {0, 4, 5, 6, 7, 8};
    const size_t nb[] = {1, 2, 3, 4, 0, 0, 0, 0};
    const double x[] = {10, 1, 2, 4, 8};
    povatlas_weights *w = povatlas_weights_from_lists(5, off, nb, NULL);
    double p[5];
    assert_int_equal(povatlas_local_moran_perm(w, x, 5, 99, 3, p, NULL),
                     POVATLAS_OK);
    assert_true(p[0] == 1.0 / 100);
    povatlas_weights_free(w);
}

static void test_lisa_categories_and_fdr(void **state)
{
    (void)state;
    /* path 0-1-2-3-4, island 5; mean 10/3 */
    const size_t off[] = {0, 1, 3, 5, 7, 8, 8};
    const size_t nb[] = {1, 0, 2, 1, 3, 2, 4, 3};
    const double x[] = {5, 5, 1, 1, 6, 2};
    const double p[] = {0.001, 0.01, 0.03, 0.045, 0.2, NAN};
    povatlas_weights *w = povatlas_weights_from_lists(6, off, nb, NULL);
    int cat[6];
    assert_int_equal(povatlas_lisa_categories(w, x, p, 6, 0.05, 0, cat, NULL),
                     POVATLAS_OK);
    assert_int_equal(cat[0], POVATLAS_LISA_HIGH_HIGH);
    assert_int_equal(cat[1], POVATLAS_LISA_HIGH_LOW); /* lag (5+1)/2 = 3 */
    assert_int_equal(cat[2], POVATLAS_LISA_LOW_LOW);  /* lag 3 */
    assert_int_equal(cat[3], POVATLAS_LISA_LOW_HIGH); /* lag 3.5 */
    assert_int_equal(cat[4], POVATLAS_LISA_NOT_SIGNIFICANT);
    assert_int_equal(cat[5], POVATLAS_LISA_ISLAND);
    /* BH over 5 p-values: 0.045 > 4 * 0.05 / 5, so only 3 survive */
    assert_int_equal(povatlas_lisa_categories(w, x, p, 6, 0.05,
                                              POVATLAS_LISA_FDR, cat, NULL),
                     POVATLAS_OK);
    assert_int_equal(cat[2], POVATLAS_LISA_LOW_LOW);
    assert_int_equal(cat[3], POVATLAS_LISA_NOT_SIGNIFICANT);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_lisa_categories(w, x, p, 6, 1.5, 0, cat, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
    povatlas_weights_free(w);
}

static void test_perm_errors(void **state)
{
    (void)state;
    const size_t off[] = {0, 1, 2, 2};
    const size_t nb[] = {1, 0};
    povatlas_weights *w = povatlas_weights_from_lists(3, off, nb, NULL);
    const double x[] = {1, 2, 3}, c[] = {2, 2, 2};
    double p[3];
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_local_moran_perm(w, x, 3, 0, 1, p, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    /* 2,000,000,000 permutations ran for days instead of being refused */
    assert_int_equal(povatlas_local_moran_perm(w, x, 3, 2000000000, 1, p, &err),
                     POVATLAS_E_USAGE);
    assert_string_equal(err->message, "number of permutations must be 1 to "
                                      "99999, found 2000000000");
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(povatlas_local_moran_perm(w, c, 3, 9, 1, p, &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    assert_int_equal(povatlas_local_moran_perm(w, x, 3, 9, 1, p, NULL),
                     POVATLAS_OK);
    assert_true(isnan(p[2])); /* island */
    povatlas_weights_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeded_and_reproducible),
        cmocka_unit_test(test_local_agrees_with_moments),
        cmocka_unit_test(test_global_perm),
        cmocka_unit_test(test_draws_without_replacement),
        cmocka_unit_test(test_lisa_categories_and_fdr),
        cmocka_unit_test(test_perm_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
