/*
 * test_indicators.c - indicators in the store (src/store/indicators.c):
 * a value replaces the one before, an undefined value is stored as NULL
 * (never 0), and clearing a year leaves the other years.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/povatlas.h"

static void ignore(const char *unit_code, int year, const char *name,
                   double value, int defined, void *user_data)
{
    (void)unit_code, (void)year, (void)name, (void)value, (void)defined;
    (void)user_data;
}

static int64_t count(povatlas_workspace *ws)
{
    int64_t n = -1;
    assert_int_equal(
        povatlas_workspace_indicators_each(ws, ignore, NULL, &n, NULL),
        POVATLAS_OK);
    /* without a callback it only counts (it used to call NULL) */
    int64_t counted = -1;
    assert_int_equal(
        povatlas_workspace_indicators_each(ws, NULL, NULL, &counted, NULL),
        POVATLAS_OK);
    assert_int_equal(counted, n);
    return n;
}

static void test_put_replace_clear(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    povatlas_workspace *ws = f->ws;
    povatlas_error *err = NULL;
    assert_int_equal(count(ws), 0);
    assert_int_equal(
        povatlas_workspace_put_indicator(ws, "22738", 2023, "x", 1.5, 1, &err),
        POVATLAS_OK);
    assert_int_equal(
        povatlas_workspace_put_indicator(ws, "22741", 2023, "x", 7.0, 0, &err),
        POVATLAS_OK);
    assert_int_equal(povatlas_workspace_put_indicator(ws, POVATLAS_SCOPE_ALL,
                                                      2022, "x", 2.0, 1, &err),
                     POVATLAS_OK);
    assert_int_equal(count(ws), 3);
    /* the table of a year: a value by unit, NULL as undefined; the values
     * alone carry the same units and numbers, without geometries */
    const char *const names[] = {"x"};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, 2023, names, 1, &err);
    povatlas_indicator_table *tv =
        povatlas_workspace_indicator_values(ws, 2023, names, 1, &err);
    assert_non_null(t);
    assert_non_null(tv);
    assert_int_equal(tv->units->n, 16);
    assert_int_equal(tv->units->n, t->units->n);
    size_t seen = 0;
    for (size_t i = 0; i < tv->units->n; i++) {
        assert_string_equal(tv->units->rows[i].code, t->units->rows[i].code);
        assert_null(tv->units->rows[i].wkb);
        assert_int_equal(tv->defined[i], t->defined[i]);
        if (strcmp(tv->units->rows[i].code, "22738") == 0) {
            assert_true(tv->defined[i] && tv->values[i] == 1.5);
            seen++;
        } else {
            assert_false(tv->defined[i]); /* 22741 stored NULL, others none */
        }
    }
    assert_int_equal(seen, 1);
    povatlas_indicator_table_free(t);
    povatlas_indicator_table_free(tv);
    /* the year's values are read in one pass: a name asked twice fills
     * both its columns, a name never stored stays undefined, and another
     * year's value is not taken */
    assert_int_equal(
        povatlas_workspace_put_indicator(ws, "22738", 2024, "y", 4.0, 1, &err),
        POVATLAS_OK);
    const char *const twice[] = {"x", "y", "x"};
    t = povatlas_workspace_indicator_values(ws, 2023, twice, 3, &err);
    assert_non_null(t);
    for (size_t i = 0; i < t->units->n; i++) {
        int is_22738 = strcmp(t->units->rows[i].code, "22738") == 0;
        assert_int_equal(t->defined[i * 3], is_22738);
        assert_int_equal(t->defined[i * 3 + 2], is_22738);
        assert_false(t->defined[i * 3 + 1]);
        if (is_22738)
            assert_true(t->values[i * 3] == 1.5 && t->values[i * 3 + 2] == 1.5);
    }
    povatlas_indicator_table_free(t);
    assert_int_equal(povatlas_workspace_clear_indicators(ws, 2024, &err),
                     POVATLAS_OK);
    double v = 0;
    int found = -1;
    assert_int_equal(povatlas_workspace_get_indicator(ws, "22738", 2023, "x",
                                                      &v, &found, &err),
                     POVATLAS_OK);
    assert_true(found == 1 && v == 1.5);
    /* undefined: stored, but NULL, never the 7 passed */
    assert_int_equal(povatlas_workspace_get_indicator(ws, "22741", 2023, "x",
                                                      &v, &found, &err),
                     POVATLAS_OK);
    assert_int_equal(found, 0);
    assert_true(isnan(v));
    /* replaced, not added */
    assert_int_equal(
        povatlas_workspace_put_indicator(ws, "22738", 2023, "x", 2.5, 1, &err),
        POVATLAS_OK);
    assert_int_equal(count(ws), 3);
    povatlas_workspace_get_indicator(ws, "22738", 2023, "x", &v, &found, &err);
    assert_true(v == 2.5);

    /* clearing 2023 leaves 2022 */
    assert_int_equal(povatlas_workspace_clear_indicators(ws, 2023, &err),
                     POVATLAS_OK);
    assert_int_equal(count(ws), 1);
    povatlas_workspace_get_indicator(ws, "22738", 2023, "x", &v, &found, &err);
    assert_int_equal(found, 0);
    povatlas_workspace_get_indicator(ws, POVATLAS_SCOPE_ALL, 2022, "x", &v,
                                     &found, &err);
    assert_true(found == 1 && v == 2.0);
    /* 0: every year */
    assert_int_equal(povatlas_workspace_clear_indicators(ws, 0, &err),
                     POVATLAS_OK);
    assert_int_equal(count(ws), 0);
    assert_null(err);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_replace_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
