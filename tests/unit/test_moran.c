/*
 * test_moran.c - global Moran's I and Geary's C of src/analysis/moran.c
 * against tests/fixtures/reference/global.csv (every column of every fixture
 * and scheme, relative 1e-9), and the undefined cases: constant variable,
 * too few features, islands.
 */
#include "stats_fixture.h"

static void check_global(const char *name, size_t *checked)
{
    stats_fixture *f = fixture_by_name(name);
    ref_table *t = ref_table_read("reference/global.csv");
    for (const char *const *sc = fixture_schemes(f); *sc; sc++) {
        povatlas_weights *w = fixture_weights(f, *sc);
        povatlas_global_stats g;
        povatlas_error *err = NULL;
        assert_int_equal(povatlas_global_compute(w, f->x, f->n, &g, &err),
                         POVATLAS_OK);
        int r = ref_find(t, "fixture", name, "scheme", *sc, NULL, NULL);
        assert_true(r >= 0);
        const struct {
            const char *col;
            double got;
        } v[] = {
            {"n", (double)g.n},
            {"n_used", (double)g.n_used},
            {"n_islands", (double)g.n_islands},
            {"S0", g.s0},
            {"S1", g.s1},
            {"S2", g.s2},
            {"I", g.moran_i},
            {"E_I", g.moran_e},
            {"Var_I_norm", g.moran_var_norm},
            {"z_I_norm", g.moran_z_norm},
            {"Var_I_rand", g.moran_var_rand},
            {"z_I_rand", g.moran_z_rand},
            {"C", g.geary_c},
            {"E_C", g.geary_e},
            {"Var_C_norm", g.geary_var_norm},
            {"z_C_norm", g.geary_z_norm},
            {"Var_C_rand", g.geary_var_rand},
            {"z_C_rand", g.geary_z_rand},
        };
        for (size_t c = 0; c < G_N_ELEMENTS(v); c++) {
            double want = ref_num(t, (guint)r, v[c].col);
            if (!close_enough(want, v[c].got))
                fail_msg("%s %s %s: got %.17g want %.17g", name, *sc, v[c].col,
                         v[c].got, want);
            (*checked)++;
        }
        povatlas_weights_free(w);
    }
    ref_table_free(t);
    fixture_free(f);
}

static void test_global_matches_reference(void **state)
{
    (void)state;
    size_t checked = 0, want = 3 * 18;
    check_global("grid", &checked);
    if (testutil_have_polygons()) {
        check_global("wards", &checked);
        want += 4 * 18;
    }
    assert_int_equal(checked, want);
}

/* A path 0-1-2-3-4 plus island 5. */
static povatlas_weights *path_with_island(void)
{
    const size_t off[] = {0, 1, 3, 5, 7, 8, 8};
    const size_t nb[] = {1, 0, 2, 1, 3, 2, 4, 3};
    povatlas_weights *w = povatlas_weights_from_lists(6, off, nb, NULL);
    assert_non_null(w);
    return w;
}

static void test_constant_variable_is_an_error(void **state)
{
    (void)state;
    povatlas_weights *w = path_with_island();
    const double x[] = {3, 3, 3, 3, 3, 3};
    povatlas_global_stats g = {0};
    g.moran_i = 42;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_global_compute(w, x, 6, &g, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "constant"));
    assert_true(g.moran_i == 42); /* untouched on failure */
    povatlas_error_free(err);
    err = NULL;
    assert_null(povatlas_local_compute(w, x, 6, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    povatlas_error_free(err);
    povatlas_weights_free(w);
}

/* Islands: n_used excludes them. The values are spdep's formulas
 * evaluated independently on this path (m = 5, N = 6). */
static void test_islands_counted(void **state)
{
    (void)state;
    povatlas_weights *w = path_with_island();
    const double x[] = {1, 2, 4, 3, 5, 3.5};
    povatlas_global_stats g;
    assert_int_equal(povatlas_global_compute(w, x, 6, &g, NULL), POVATLAS_OK);
    assert_int_equal(g.n, 6);
    assert_int_equal(g.n_used, 5);
    assert_int_equal(g.n_islands, 1);
    assert_true(g.s0 == 5.0);
    assert_true(close_enough(-0.25, g.moran_e));
    /* S1 = sum over ordered pairs (w_ij + w_ji)^2 / 2: end links
     * (1 + 1/2)^2 twice each, inner links (1/2 + 1/2)^2 */
    assert_true(close_enough(2 * 2.25 + 2 * 1.0, g.s1));
    /* spdep's own formulas (checked with plain Python) */
    assert_true(close_enough(21.0, g.s2));
    assert_true(close_enough(0.15833333333333333, g.moran_var_norm));
    assert_true(close_enough(0.16027891156462587, g.moran_var_rand));
    assert_true(close_enough(0.10285714285714286, g.geary_var_norm));
    double vals[] = {g.moran_i, g.moran_z_norm, g.moran_z_rand, g.geary_c,
                     g.geary_z_norm};
    for (size_t i = 0; i < G_N_ELEMENTS(vals); i++)
        assert_true(isfinite(vals[i]));
    /* Geary's randomisation variance turns negative here (N = 6, m = 5):
     * R would print NaN; the z is NA, never an invented number */
    assert_true(close_enough(-0.07902721088435379, g.geary_var_rand));
    assert_true(isnan(g.geary_z_rand));
    povatlas_weights_free(w);
}

static void test_too_few_features(void **state)
{
    (void)state;
    const size_t off[] = {0, 1, 2, 2};
    const size_t nb[] = {1, 0};
    povatlas_weights *w = povatlas_weights_from_lists(3, off, nb, NULL);
    const double x[] = {1, 2, 3};
    povatlas_global_stats g;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_global_compute(w, x, 3, &g, &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(povatlas_global_compute(w, x, 2, &g, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
    povatlas_weights_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_global_matches_reference),
        cmocka_unit_test(test_constant_variable_is_an_error),
        cmocka_unit_test(test_islands_counted),
        cmocka_unit_test(test_too_few_features),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
