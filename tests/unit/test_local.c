/*
 * test_local.c - local Moran I_i (conditional and total moments) and
 * Getis-Ord G_i / G_i* z-scores of src/analysis/local.c against
 * tests/fixtures/reference/local.csv (every fixture, scheme, feature; relative
 * 1e-9), and the NA conventions for islands.
 */
#include "stats_fixture.h"

static void check_local(const char *name, size_t *checked)
{
    stats_fixture *f = fixture_by_name(name);
    ref_table *t = ref_table_read("reference/local.csv");
    for (const char *const *sc = fixture_schemes(f); *sc; sc++) {
        povatlas_weights *w = fixture_weights(f, *sc);
        povatlas_local_stats *ls = povatlas_local_compute(w, f->x, f->n, NULL);
        assert_non_null(ls);
        const struct {
            const char *col;
            const double *got;
        } v[] = {
            {"x", f->x},
            {"lag_x", ls->lag_x},
            {"Ii", ls->ii},
            {"E_Ii", ls->e_ii},
            {"Var_Ii", ls->var_ii},
            {"Z_Ii", ls->z_ii},
            {"E_Ii_total", ls->e_ii_total},
            {"Var_Ii_total", ls->var_ii_total},
            {"Z_Ii_total", ls->z_ii_total},
            {"Gi_z", ls->gi_z},
            {"Gistar_z", ls->gistar_z},
        };
        for (size_t i = 0; i < f->n; i++) {
            int r =
                ref_find(t, "fixture", name, "scheme", *sc, "id", f->ids[i]);
            assert_true(r >= 0);
            for (size_t c = 0; c < G_N_ELEMENTS(v); c++) {
                double want = ref_num(t, (guint)r, v[c].col);
                if (!close_enough(want, v[c].got[i]))
                    fail_msg("%s %s %s %s: got %.17g want %.17g", name, *sc,
                             f->ids[i], v[c].col, v[c].got[i], want);
                (*checked)++;
            }
        }
        povatlas_local_stats_free(ls);
        povatlas_weights_free(w);
    }
    ref_table_free(t);
    fixture_free(f);
}

static void test_local_matches_reference(void **state)
{
    (void)state;
    size_t checked = 0, want = 49 * 3 * 11;
    check_local("grid", &checked);
    if (testutil_have_polygons()) {
        check_local("wards", &checked);
        want += 16 * 4 * 11;
    }
    assert_int_equal(checked, want);
}

/* README: islands get I_i = 0, E = 0, Var = 0, Z = NA, Gi = NA; Gi* is
 * defined (self only). */
static void test_islands(void **state)
{
    (void)state;
    const size_t off[] = {0, 1, 3, 5, 6, 6};
    const size_t nb[] = {1, 0, 2, 1, 3, 2};
    povatlas_weights *w = povatlas_weights_from_lists(5, off, nb, NULL);
    const double x[] = {1, 4.5, 2, 8, 5}; /* no z_i == 0 */
    povatlas_local_stats *ls = povatlas_local_compute(w, x, 5, NULL);
    assert_non_null(ls);
    assert_true(ls->ii[4] == 0 && ls->e_ii[4] == 0 && ls->var_ii[4] == 0);
    assert_true(ls->e_ii_total[4] == 0 && ls->var_ii_total[4] == 0);
    assert_true(isnan(ls->z_ii[4]) && isnan(ls->z_ii_total[4]));
    assert_true(isnan(ls->gi_z[4]));
    assert_true(isfinite(ls->gistar_z[4]));
    assert_true(ls->lag_x[4] == 0);
    for (size_t i = 0; i < 4; i++) {
        assert_true(isfinite(ls->z_ii[i]));
        /* row-standardised: the conditional Z equals Gi_z (README), up
         * to the sign of z_i */
        assert_true(close_enough(fabs(ls->z_ii[i]), fabs(ls->gi_z[i])));
    }
    povatlas_local_stats_free(ls);
    povatlas_weights_free(w);
}

static void test_bad_input(void **state)
{
    (void)state;
    const size_t off[] = {0, 1, 2, 2};
    const size_t nb[] = {1, 0};
    povatlas_weights *w = povatlas_weights_from_lists(3, off, nb, NULL);
    const double x[] = {1, NAN, 3};
    povatlas_error *err = NULL;
    assert_null(povatlas_local_compute(w, x, 3, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_int_equal(err->row, 2);
    povatlas_error_free(err);
    err = NULL;
    assert_null(povatlas_local_compute(w, x, 4, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    povatlas_weights_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local_matches_reference),
        cmocka_unit_test(test_islands),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
