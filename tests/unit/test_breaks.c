/*
 * test_breaks.c - class breaks of src/analysis/breaks.c against
 * tests/fixtures/reference/breaks.csv and the class memberships of
 * features.csv (both closures; values sitting on a break, listed in
 * on_break, depend on the last bit of the break and are skipped), then the
 * methods without reference values (box, percentile, manual), fewer
 * distinct values than classes, and Fisher-Jenks against brute force.
 */
#include "stats_fixture.h"

#include "povatlas/breaks.h"

static const char *const ref_methods[] = {"quantile", "equal",  "sd",
                                          "sd_fixed", "fisher", "headtails"};

static int on_break(const ref_table *feat, guint row, const char *method)
{
    g_auto(GStrv) parts = g_strsplit(ref_get(feat, row, "on_break"), ";", -1);
    return g_strv_contains((const char *const *)parts, method);
}

static void check_limits(const ref_table *t, const char *fx, const char *method,
                         const povatlas_breaks *b, int any_on_break,
                         size_t *checked)
{
    for (int c = 0; c < b->n_classes; c++) {
        g_autofree char *cls = g_strdup_printf("%d", c + 1);
        int r = ref_find(t, "fixture", fx, "method", method, "class", cls);
        assert_true(r >= 0);
        assert_int_equal((int)ref_num(t, (guint)r, "n_classes"), b->n_classes);
        if (!close_enough(ref_num(t, (guint)r, "lower"), b->limits[c]) ||
            !close_enough(ref_num(t, (guint)r, "upper"), b->limits[c + 1]))
            fail_msg("%s %s class %d: [%.17g, %.17g]", fx, method, c + 1,
                     b->limits[c], b->limits[c + 1]);
        *checked += 2;
        if (any_on_break)
            continue;
        assert_int_equal((size_t)ref_num(t, (guint)r, "count"), b->counts[c]);
        assert_true(close_enough(ref_num(t, (guint)r, "data_min"), b->cmin[c]));
        assert_true(close_enough(ref_num(t, (guint)r, "data_max"), b->cmax[c]));
        *checked += 3;
    }
    int rows = 0; /* the reference has no class beyond ours */
    for (guint r = 0; r < t->rows->len; r++)
        rows += strcmp(ref_get(t, r, "fixture"), fx) == 0 &&
                strcmp(ref_get(t, r, "method"), method) == 0;
    assert_int_equal(rows, b->n_classes);
}

static void check_classes(const ref_table *feat, const stats_fixture *f,
                          const char *method, const povatlas_breaks *b,
                          const char *suffix, size_t *checked)
{
    g_autofree char *col = g_strdup_printf("class_%s%s", method, suffix);
    for (size_t i = 0; i < f->n; i++) {
        int r = ref_find(feat, "fixture", f->name, "id", f->ids[i], NULL, NULL);
        assert_true(r >= 0);
        if (on_break(feat, (guint)r, method))
            continue;
        int want = (int)ref_num(feat, (guint)r, col);
        int got = povatlas_breaks_class_of(b, f->x[i]) + 1;
        if (want != got)
            fail_msg("%s %s %s: class %d want %d", f->name, f->ids[i], col, got,
                     want);
        (*checked)++;
    }
}

static int fixture_on_break(const ref_table *feat, const char *fx,
                            const char *method)
{
    for (guint r = 0; r < feat->rows->len; r++)
        if (strcmp(ref_get(feat, r, "fixture"), fx) == 0 &&
            on_break(feat, r, method))
            return 1;
    return 0;
}

static void check_fixture(const char *name, size_t *checked)
{
    stats_fixture *f = fixture_by_name(name);
    ref_table *t = ref_table_read("reference/breaks.csv");
    ref_table *feat = ref_table_read("reference/features.csv");
    for (size_t m = 0; m < G_N_ELEMENTS(ref_methods); m++) {
        povatlas_breaks_method method;
        assert_true(povatlas_breaks_method_parse(ref_methods[m], &method));
        povatlas_error *err = NULL;
        povatlas_breaks *b =
            povatlas_breaks_compute(f->x, f->n, method, 5, NULL, 0, &err);
        assert_non_null(b);
        assert_int_equal(b->left_closed, 1); /* the documented default */
        int ob = fixture_on_break(feat, name, ref_methods[m]);
        check_limits(t, name, ref_methods[m], b, ob, checked);
        check_classes(feat, f, ref_methods[m], b, "", checked);
        povatlas_breaks_recount(b, f->x, f->n, 0);
        check_classes(feat, f, ref_methods[m], b, "_rc", checked);
        for (int c = 0; c < b->n_classes && !ob; c++) {
            g_autofree char *cls = g_strdup_printf("%d", c + 1);
            int r = ref_find(t, "fixture", name, "method", ref_methods[m],
                             "class", cls);
            assert_int_equal((size_t)ref_num(t, (guint)r, "count_rc"),
                             b->counts[c]);
            (*checked)++;
        }
        povatlas_breaks_free(b);
    }
    ref_table_free(t);
    ref_table_free(feat);
    fixture_free(f);
}

static void test_breaks_match_reference(void **state)
{
    (void)state;
    size_t checked = 0;
    check_fixture("grid", &checked);
    assert_int_equal(checked, 704); /* every grid value of the two CSVs */
    if (testutil_have_polygons()) {
        check_fixture("wards", &checked);
        assert_int_equal(checked, 704 + 338);
    }
    print_message("breaks: %zu reference values reproduced\n", checked);
}

static void assert_strictly_increasing(const povatlas_breaks *b)
{
    for (int c = 0; c < b->n_classes; c++)
        assert_true(b->limits[c] < b->limits[c + 1]);
}

static void test_fewer_distinct_values(void **state)
{
    (void)state;
    const double x[] = {1, 1, 2, 2, 3, NAN, 3, 3};
    const povatlas_breaks_method ms[] = {POVATLAS_BREAKS_QUANTILE,
                                         POVATLAS_BREAKS_EQUAL,
                                         POVATLAS_BREAKS_FISHER};
    for (size_t m = 0; m < G_N_ELEMENTS(ms); m++) {
        povatlas_breaks *b =
            povatlas_breaks_compute(x, 8, ms[m], 5, NULL, 0, NULL);
        assert_non_null(b);
        assert_true(b->n_classes >= 1 && b->n_classes <= 3);
        assert_non_null(b->note);
        assert_strictly_increasing(b);
        size_t total = 0;
        for (int c = 0; c < b->n_classes; c++) {
            assert_true(b->counts[c] > 0); /* never an empty class */
            total += b->counts[c];
        }
        assert_int_equal(total, 7); /* NaN is no data */
        povatlas_breaks_free(b);
    }
    const double one[] = {4, 4, 4};
    povatlas_breaks *b = povatlas_breaks_compute(one, 3, POVATLAS_BREAKS_FISHER,
                                                 5, NULL, 0, NULL);
    assert_int_equal(b->n_classes, 1);
    assert_int_equal(b->counts[0], 3);
    assert_non_null(b->note);
    assert_int_equal(povatlas_breaks_class_of(b, 4), 0);
    povatlas_breaks_free(b);
}

static void test_errors(void **state)
{
    (void)state;
    const double nan_only[] = {NAN};
    povatlas_error *err = NULL;
    assert_null(povatlas_breaks_compute(nan_only, 1, POVATLAS_BREAKS_EQUAL, 5,
                                        NULL, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    const double x[] = {1, 2, 3};
    assert_null(povatlas_breaks_compute(x, 3, POVATLAS_BREAKS_QUANTILE, 0, NULL,
                                        0, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    const double bad[] = {0, 2, 2};
    assert_null(
        povatlas_breaks_compute(x, 3, POVATLAS_BREAKS_MANUAL, 0, bad, 3, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
}

static void test_manual_and_closure(void **state)
{
    (void)state;
    const double x[] = {0, 1, 2, 3, 4, 5, 9};
    const double lim[] = {0, 2, 4, 6};
    povatlas_breaks *b =
        povatlas_breaks_compute(x, 7, POVATLAS_BREAKS_MANUAL, 0, lim, 4, NULL);
    assert_int_equal(b->n_classes, 3);
    /* left-closed: 2 opens class 1; 6 closes the last; 9 is outside */
    assert_int_equal(povatlas_breaks_class_of(b, 2), 1);
    assert_int_equal(povatlas_breaks_class_of(b, 6), 2);
    assert_int_equal(povatlas_breaks_class_of(b, 9), -1);
    assert_int_equal(povatlas_breaks_class_of(b, NAN), -1);
    assert_int_equal(b->counts[0], 2);
    assert_int_equal(b->counts[1], 2);
    assert_int_equal(b->counts[2], 2);
    povatlas_breaks_recount(b, x, 7, 0);
    assert_int_equal(povatlas_breaks_class_of(b, 2), 0);
    assert_int_equal(povatlas_breaks_class_of(b, 0), 0);
    assert_int_equal(b->counts[0], 3);
    assert_int_equal(b->counts[1], 2);
    assert_int_equal(b->counts[2], 1);
    povatlas_breaks_free(b);
}

static void test_box_and_percentile(void **state)
{
    (void)state;
    double x[21];
    for (int i = 0; i < 20; i++)
        x[i] = i + 1; /* 1..20 */
    x[20] = 100;      /* Q1 = 6, Q3 = 16, IQR = 10: fences -9 and 31 */
    povatlas_breaks *b =
        povatlas_breaks_compute(x, 21, POVATLAS_BREAKS_BOX15, 0, NULL, 0, NULL);
    assert_int_equal(b->n_classes, 6);
    assert_true(isinf(b->limits[0]) && b->limits[0] < 0);
    assert_true(b->limits[1] == -9 && b->limits[2] == 6 && b->limits[3] == 11);
    assert_true(b->limits[4] == 16 && b->limits[5] == 31);
    assert_true(b->limits[6] == 100);
    assert_int_equal(b->counts[0], 0);
    assert_int_equal(b->counts[5], 1);
    assert_int_equal(povatlas_breaks_class_of(b, 100), 5);
    povatlas_breaks_free(b);
    b = povatlas_breaks_compute(x, 21, POVATLAS_BREAKS_BOX30, 0, NULL, 0, NULL);
    assert_true(b->limits[5] == 46);
    assert_int_equal(b->counts[5], 1);
    povatlas_breaks_free(b);
    /* even n: Tukey's hinges (GeoDa), not type 7 (which gives 2.75) */
    const double e[] = {8, 7, 6, 5, 4, 3, 2, 1};
    b = povatlas_breaks_compute(e, 8, POVATLAS_BREAKS_BOX15, 0, NULL, 0, NULL);
    assert_true(b->limits[2] == 2.5 && b->limits[3] == 4.5);
    assert_true(b->limits[4] == 6.5 && b->limits[1] == 2.5 - 1.5 * 4);
    assert_true(isinf(b->limits[0]) && isinf(b->limits[6]));
    assert_int_equal(b->counts[1] + b->counts[2] + b->counts[3] + b->counts[4],
                     8);
    povatlas_breaks_free(b);
    b = povatlas_breaks_compute(x, 21, POVATLAS_BREAKS_PERCENTILE, 0, NULL, 0,
                                NULL);
    assert_int_equal(b->n_classes, 6);
    assert_strictly_increasing(b);
    assert_true(b->limits[3] == 11); /* median */
    povatlas_breaks_free(b);
}

/* Within-class sum of squares of sorted data split by class_of. */
static double wss(const povatlas_breaks *b, const double *s, size_t n)
{
    double total = 0;
    for (int c = 0; c < b->n_classes; c++) {
        double sum = 0, sq = 0;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (povatlas_breaks_class_of(b, s[i]) == c) {
                sum += s[i];
                sq += s[i] * s[i];
                k++;
            }
        if (k)
            total += sq - sum * sum / (double)k;
    }
    return total;
}

/* O(k n^2) textbook dynamic programme on sorted data. */
static double brute_fisher(const double *s, size_t n, int k)
{
    double *cost = g_new(double, (size_t)(k + 1) * (n + 1));
    for (size_t i = 0; i < (size_t)(k + 1) * (n + 1); i++)
        cost[i] = INFINITY;
    cost[0] = 0;
    for (int c = 1; c <= k; c++)
        for (size_t e = 1; e <= n; e++) {
            double sum = 0, sq = 0;
            for (size_t a = e; a-- > 0;) {
                sum += s[a];
                sq += s[a] * s[a];
                double v = cost[(size_t)(c - 1) * (n + 1) + a] + sq -
                           sum * sum / (double)(e - a);
                if (v < cost[(size_t)c * (n + 1) + e])
                    cost[(size_t)c * (n + 1) + e] = v;
            }
        }
    double best = cost[(size_t)k * (n + 1) + n];
    g_free(cost);
    return best;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_fisher_is_optimal(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(7);
    for (int trial = 0; trial < 20; trial++) {
        size_t n = 30 + (size_t)g_rand_int_range(rng, 0, 150);
        double *x = g_new(double, n);
        for (size_t i = 0; i < n; i++) /* skewed, with ties */
            x[i] = floor(exp(g_rand_double_range(rng, 0, 5)) * 10) / 10;
        qsort(x, n, sizeof *x, cmp_d);
        int k = 2 + trial % 6;
        povatlas_breaks *b = povatlas_breaks_compute(
            x, n, POVATLAS_BREAKS_FISHER, k, NULL, 0, NULL);
        assert_non_null(b);
        assert_int_equal(b->n_classes, k);
        assert_strictly_increasing(b);
        double got = wss(b, x, n), want = brute_fisher(x, n, k);
        if (fabs(got - want) > 1e-9 * fmax(1, want))
            fail_msg("trial %d: wss %.17g, optimum %.17g", trial, got, want);
        povatlas_breaks_free(b);
        g_free(x);
    }
    g_rand_free(rng);
}

static void test_method_names(void **state)
{
    (void)state;
    povatlas_breaks_method m;
    for (int i = POVATLAS_BREAKS_QUANTILE; i <= POVATLAS_BREAKS_MANUAL; i++) {
        assert_true(povatlas_breaks_method_parse(
            povatlas_breaks_method_name((povatlas_breaks_method)i), &m));
        assert_int_equal(m, i);
    }
    assert_true(povatlas_breaks_method_parse("jenks", &m));
    assert_int_equal(m, POVATLAS_BREAKS_FISHER);
    assert_false(povatlas_breaks_method_parse("natural", &m));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breaks_match_reference),
        cmocka_unit_test(test_fewer_distinct_values),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_manual_and_closure),
        cmocka_unit_test(test_box_and_percentile),
        cmocka_unit_test(test_fisher_is_optimal),
        cmocka_unit_test(test_method_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
