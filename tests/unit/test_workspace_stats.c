/*
 * test_workspace_stats.c - the spatial statistics of a workspace
 * (src/analysis/workspace_stats.c): recomputed on their own, they store
 * the very values povatlas_analyze() stored (seeded permutations), for
 * every ward with a rate.
 */
#include "testutil.h"

#include <math.h>

#include "povatlas/povatlas.h"
#include "povatlas/spatial.h"

static const char *const NAMES[] = {
    POVATLAS_IND_LISA_CATEGORY, POVATLAS_IND_LISA_P, POVATLAS_IND_GISTAR_Z,
    POVATLAS_IND_EB_RATE, POVATLAS_IND_EB_LOCAL_RATE};

static povatlas_indicator_table *table(povatlas_workspace *ws)
{
    povatlas_error *err = NULL;
    povatlas_indicator_table *t = povatlas_workspace_indicator_table(
        ws, 2023, NAMES, G_N_ELEMENTS(NAMES), &err);
    if (!t)
        fail_msg("%s", err->message);
    return t;
}

static void test_recompute_same_values(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_indicator_table *before = table(ws);
    double moran = NAN;
    int found = 0;
    assert_int_equal(povatlas_workspace_get_indicator(
                         ws, POVATLAS_SCOPE_ALL, 2023, POVATLAS_IND_MORAN_I,
                         &moran, &found, &err),
                     POVATLAS_OK);
    assert_true(found && isfinite(moran));

    /* drop them, then only the spatial step again */
    const char *const drop[] = {
        POVATLAS_IND_LISA_CATEGORY, POVATLAS_IND_LISA_P,
        POVATLAS_IND_GISTAR_Z,      POVATLAS_IND_EB_RATE,
        POVATLAS_IND_EB_LOCAL_RATE, POVATLAS_IND_MORAN_I,
        POVATLAS_IND_MORAN_P};
    assert_int_equal(povatlas_workspace_clear_indicator_names(
                         ws, drop, G_N_ELEMENTS(drop), &err),
                     POVATLAS_OK);
    double v = 0;
    povatlas_workspace_get_indicator(ws, POVATLAS_SCOPE_ALL, 2023,
                                     POVATLAS_IND_MORAN_I, &v, &found, &err);
    assert_int_equal(found, 0);
    assert_int_equal(povatlas_workspace_begin(ws, &err), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_spatial_stats(ws, 2023, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_commit(ws, &err), POVATLAS_OK);

    povatlas_indicator_table *after = table(ws);
    assert_int_equal(after->units->n, 16);
    for (size_t i = 0; i < 16 * G_N_ELEMENTS(NAMES); i++) {
        assert_true(after->defined[i]);
        assert_int_equal(after->defined[i], before->defined[i]);
        if (after->values[i] != before->values[i])
            fail_msg("%s of %s: %.17g, analyze stored %.17g",
                     NAMES[i % G_N_ELEMENTS(NAMES)],
                     after->units->rows[i / G_N_ELEMENTS(NAMES)].code,
                     after->values[i], before->values[i]);
    }
    assert_int_equal(povatlas_workspace_get_indicator(
                         ws, POVATLAS_SCOPE_ALL, 2023, POVATLAS_IND_MORAN_I, &v,
                         &found, &err),
                     POVATLAS_OK);
    assert_true(found && v == moran);
    assert_null(err);
    povatlas_indicator_table_free(before);
    povatlas_indicator_table_free(after);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recompute_same_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
