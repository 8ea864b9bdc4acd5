/*
 * test_series.c - series on the units of one day (src/analysis/series.c,
 * src/store/series.c) and the report breakdowns (src/store/breakdown.c).
 * The demo dataset is re-aggregated to the 5 Khánh Hòa wards of 1 Jul 2025
 * and checked against povatlas_workspace_counts(); a hand-made workspace
 * checks allocation by share and the breakdown counts exactly.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/povatlas.h"
#include "povatlas/series.h"

static povatlas_workspace *demo_workspace(char **dir)
{
    povatlas_init();
    *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(*dir, "w.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    g_autofree char *ini = povatlas_data_path("dataset.ini");
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_dataset_load(ws, ini, NULL, NULL, NULL, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    return ws;
}

static int64_t poor_of(const povatlas_counts_list *c, const char *code)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].code, code) == 0)
            return c->rows[i].poor;
    fail_msg("unit %s has no counts", code);
    return -1;
}

static const povatlas_series_unit *unit_of(const povatlas_series *s,
                                           const char *code)
{
    for (size_t t = 0; t < s->n_units; t++)
        if (strcmp(s->units[t].code, code) == 0)
            return &s->units[t];
    fail_msg("no series unit %s", code);
    return NULL;
}

static void test_demo_to_khanh_hoa(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo_workspace(&dir);
    povatlas_series_opts opts;
    povatlas_series_opts_init(&opts);
    opts.units_on = "2025-07-01";
    povatlas_error *err = NULL;
    povatlas_series *s = povatlas_series_compute(ws, &opts, &err);
    assert_non_null(s);
    assert_int_equal(s->n_units, 5);
    assert_int_equal(s->n_years, 2);
    assert_int_equal(s->n_orphans, 0);
    for (size_t y = 0; y < s->n_years; y++) {
        povatlas_counts_list *c =
            povatlas_workspace_counts(ws, s->years[y], NULL);
        int64_t city = 0, sum = 0, hh = 0, hh_sum = 0;
        for (size_t i = 0; i < c->n; i++) {
            city += c->rows[i].poor;
            hh += c->rows[i].households;
        }
        for (size_t t = 0; t < s->n_units; t++) {
            sum += s->units[t].points[y].poor;
            hh_sum += s->units[t].points[y].households;
        }
        assert_int_equal(sum, city);
        assert_int_equal(hh_sum, hh);
        assert_int_equal(s->total[y].poor, city);
        int64_t h;
        assert_true(povatlas_rate_hundredths(city, hh, &h));
        assert_int_equal(s->total[y].poor_h, h);
        if (s->years[y] == 2023) {
            const char *codes[] = {"22759", "22753", "22756", "22750",
                                   "22747", "22765", "22762"};
            int64_t phan_rang = 0;
            for (size_t i = 0; i < G_N_ELEMENTS(codes); i++)
                phan_rang += poor_of(c, codes[i]);
            const povatlas_series_unit *u = unit_of(s, "22759");
            assert_string_equal(u->name, "Phan Rang");
            assert_int_equal(u->points[y].poor, phan_rang);
        }
        povatlas_counts_list_free(c);
    }
    /* Đông Hải: share 1, but the crosswalk note says part went away */
    assert_int_equal(s->n_splits, 1);
    assert_string_equal(s->splits[0].link->old_code, "22768");
    assert_non_null(strstr(s->splits[0].link->note, "Phước Dinh"));
    povatlas_series_free(s);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_allocate_rounding(void **state)
{
    (void)state;
    assert_int_equal(povatlas_series_allocate(7, 400000), 3); /* 2.8 */
    assert_int_equal(povatlas_series_allocate(7, 600000), 4); /* 4.2 */
    assert_int_equal(povatlas_series_allocate(5, 500000), 3); /* 2.5 up */
    assert_int_equal(povatlas_series_allocate(3, 500000), 2); /* 1.5 up */
    assert_int_equal(povatlas_series_allocate(1, 400000), 0); /* 0.4 */
    assert_int_equal(povatlas_series_allocate(9, 1000000), 9);
}

static void put_unit(povatlas_workspace *ws, const char *code, int urban,
                     const char *from, const char *to)
{
    povatlas_unit u = {code,  code, NULL, urban ? "phuong" : "xa",
                       urban, NULL, "58", "582",
                       from,  to};
    assert_int_equal(povatlas_workspace_put_unit(ws, &u, NULL), POVATLAS_OK);
}

/* One household of 2023: status and the three flags (-1 not recorded). */
static void put_household(povatlas_household_writer *w, const char *unit, int i,
                          povatlas_class status, int ethnic, int merit,
                          int no_labour)
{
    char id[32];
    g_snprintf(id, sizeof id, "%s-%d", unit, i);
    povatlas_household h = {.unit_code = unit,
                            .household_id = id,
                            .year = 2023,
                            .members = 3,
                            .income_per_capita = -1,
                            .income_total = -1,
                            .b1_score = -1,
                            .recorded_status = status,
                            .computed_status = POVATLAS_CLASS_UNKNOWN,
                            .ethnic_minority = ethnic,
                            .merit = merit,
                            .no_labour = no_labour,
                            .import_id = -1,
                            .source_row = -1};
    assert_int_equal(povatlas_household_writer_add(w, &h, NULL), POVATLAS_OK);
}

/* Unit A (urban) to 2024, split 0.4 to B and 0.6 to C from 2025; unit R
 * (rural) keeps going. 2023: A has 1005 households, 7 poor, 3 near-poor;
 * R has 200 households, 2 poor. */
static povatlas_workspace *small_workspace(const char *dir)
{
    povatlas_init();
    g_autofree char *db = g_build_filename(dir, "s.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_unit(ws, "A", 1, "2000-01-01", "2024-12-31");
    put_unit(ws, "B", 1, "2025-01-01", NULL);
    put_unit(ws, "C", 1, "2025-01-01", NULL);
    put_unit(ws, "R", 0, "2000-01-01", NULL);
    povatlas_crosswalk l1 = {"A", "2000-01-01", "B",         "2025-01-01",
                             0.4, "2025-01-01", "test split"};
    povatlas_crosswalk l2 = {"A", "2000-01-01", "C",         "2025-01-01",
                             0.6, "2025-01-01", "test split"};
    assert_int_equal(povatlas_workspace_put_crosswalk(ws, &l1, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_put_crosswalk(ws, &l2, NULL),
                     POVATLAS_OK);
    povatlas_ward_stat sa = {"A", 2023, 1005, -1, NULL};
    povatlas_ward_stat sr = {"R", 2023, 200, -1, NULL};
    assert_int_equal(povatlas_workspace_put_ward_stat(ws, &sa, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_put_ward_stat(ws, &sr, NULL),
                     POVATLAS_OK);
    povatlas_household_writer *w = povatlas_household_writer_new(ws, NULL);
    const povatlas_class P = POVATLAS_CLASS_POOR;
    const povatlas_class N = POVATLAS_CLASS_NEAR_POOR;
    /* A poor: ethnic 1,1,0,?,0,0,1; merit 1,0,...; no_labour ?,?,1,0... */
    put_household(w, "A", 0, P, 1, 1, -1);
    put_household(w, "A", 1, P, 1, 0, -1);
    put_household(w, "A", 2, P, 0, 0, 1);
    put_household(w, "A", 3, P, -1, 0, 0);
    put_household(w, "A", 4, P, 0, 0, 0);
    put_household(w, "A", 5, P, 0, 0, 0);
    put_household(w, "A", 6, P, 1, 0, 0);
    put_household(w, "A", 7, N, 0, 1, 0);
    put_household(w, "A", 8, N, 0, 0, 0);
    put_household(w, "A", 9, N, -1, 0, 0);
    put_household(w, "A", 10, POVATLAS_CLASS_NONE, 1, 1, 1);
    put_household(w, "R", 0, P, 1, 0, 1);
    put_household(w, "R", 1, P, 1, -1, 0);
    assert_int_equal(povatlas_household_writer_finish(w, NULL), POVATLAS_OK);
    povatlas_household_writer_free(w);
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    return ws;
}

static void test_split_share(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    povatlas_workspace *ws = small_workspace(dir);
    povatlas_series_opts opts;
    povatlas_series_opts_init(&opts);
    opts.units_on = "2025-06-01";
    povatlas_series *s = povatlas_series_compute(ws, &opts, NULL);
    assert_non_null(s);
    assert_int_equal(s->n_units, 3); /* B, C, R */
    const povatlas_series_point *b = &unit_of(s, "B")->points[0];
    const povatlas_series_point *c = &unit_of(s, "C")->points[0];
    assert_int_equal(b->households, 402); /* 1005 × 0.4 = 402 */
    assert_int_equal(c->households, 603);
    assert_int_equal(b->poor, 3);      /* 2.8 */
    assert_int_equal(c->poor, 4);      /* 4.2 */
    assert_int_equal(b->near_poor, 1); /* 1.2 */
    assert_int_equal(c->near_poor, 2); /* 1.8 */
    /* rates from the allocated counts: 3 / 402 = 0.746 % */
    assert_true(b->rates_ok);
    assert_int_equal(b->poor_h, 75);
    assert_int_equal(unit_of(s, "R")->points[0].poor, 2);
    assert_int_equal(s->n_splits, 2); /* both links: share ≠ 1 */
    povatlas_series_free(s);

    /* before the split A is itself in force; a bad date is a usage error */
    opts.units_on = "2024-06-01";
    s = povatlas_series_compute(ws, &opts, NULL);
    assert_int_equal(unit_of(s, "A")->points[0].poor, 7);
    assert_int_equal(s->n_splits, 0);
    povatlas_series_free(s);
    povatlas_error *err = NULL;
    opts.units_on = "2025-02-30";
    assert_null(povatlas_series_compute(ws, &opts, &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "2025-02-30"));
    povatlas_error_free(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_breakdown(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    povatlas_workspace *ws = small_workspace(dir);
    /* the store counts the units, nothing more */
    povatlas_breakdown *b = povatlas_workspace_breakdown(ws, 2023, NULL);
    assert_non_null(b);
    assert_int_equal(b->n, 2); /* A, R */
    assert_int_equal(b->rows[0].poor.total, 7);
    assert_int_equal(b->rows[0].poor.ethnic_minority.yes, 3);
    assert_false(b->rows[0].poor.ethnic_minority.share_ok);
    assert_false(b->rows[0].poor.of_city_ok);
    povatlas_breakdown_free(b);
    /* analysis sums them and computes the shares */
    b = povatlas_breakdown_compute(ws, 2023, NULL);
    assert_non_null(b);
    assert_int_equal(b->n, 5); /* A, R, urban, rural, city */
    const povatlas_breakdown_row *a = &b->rows[0], *city = &b->rows[4];
    assert_string_equal(a->code, "A");
    assert_int_equal(a->urban, 1);
    assert_int_equal(a->poor.total, 7);
    assert_int_equal(a->poor.ethnic_minority.yes, 3);
    assert_int_equal(a->poor.ethnic_minority.unknown, 1);
    assert_int_equal(a->poor.ethnic_minority.share_h, 4286); /* 3/7 */
    assert_int_equal(a->poor.merit.yes, 1);
    assert_int_equal(a->poor.merit.unknown, 0);
    assert_int_equal(a->poor.no_labour.yes, 1);
    assert_int_equal(a->poor.no_labour.unknown, 2);
    assert_int_equal(a->near_poor.total, 3);
    assert_int_equal(a->near_poor.merit.yes, 1);
    assert_int_equal(a->near_poor.ethnic_minority.unknown, 1);
    assert_int_equal(b->rows[2].scope, POVATLAS_BREAKDOWN_URBAN);
    assert_int_equal(b->rows[2].poor.total, 7);
    assert_int_equal(b->rows[3].scope, POVATLAS_BREAKDOWN_RURAL);
    assert_int_equal(b->rows[3].poor.total, 2);
    assert_int_equal(b->rows[3].poor.of_city_h, 2222); /* 2/9 */
    assert_int_equal(b->rows[3].poor.merit.unknown, 1);
    assert_int_equal(city->scope, POVATLAS_BREAKDOWN_CITY);
    assert_int_equal(city->poor.total, 9);
    assert_int_equal(city->poor.ethnic_minority.yes, 5);
    assert_int_equal(city->poor.ethnic_minority.share_h, 5556); /* 5/9 */
    assert_int_equal(city->poor.no_labour.yes, 2);
    assert_int_equal(city->poor.no_labour.unknown, 2);
    /* R has no near-poor: its near-poor shares are undefined, not 0 */
    assert_int_equal(b->rows[1].near_poor.total, 0);
    assert_false(b->rows[1].near_poor.ethnic_minority.share_ok);
    povatlas_breakdown_free(b);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* The crosswalk read back (src/store/series.c): every link with the names
 * of both periods, ordered by day, new unit, old unit. */
static void test_links(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(TRUE);
    povatlas_error *err = NULL;
    povatlas_link_list *l = povatlas_workspace_links(f->ws, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 18); /* geodata/crosswalk.csv */
    const povatlas_link_row *r = &l->rows[0];
    assert_string_equal(r->old_code, "22747");
    assert_string_equal(r->old_valid_from, "2008-02-24");
    assert_string_equal(r->old_name, "Phủ Hà");
    assert_string_equal(r->new_code, "22750");
    assert_string_equal(r->new_valid_from, "2024-11-01");
    assert_string_equal(r->new_name, "Phủ Hà");
    assert_true(r->share == 1.0);
    assert_string_equal(r->valid_on, "2024-11-01");
    assert_string_equal(r->note, "Nghị quyết 1198/NQ-UBTVQH15");
    assert_string_equal(l->rows[1].old_code, "22750");
    assert_string_equal(l->rows[2].old_code, "22753");
    assert_string_equal(l->rows[2].new_code, "22759");
    for (size_t i = 1; i < l->n; i++) {
        int c = strcmp(l->rows[i - 1].valid_on, l->rows[i].valid_on);
        if (!c)
            c = strcmp(l->rows[i - 1].new_code, l->rows[i].new_code);
        if (!c)
            c = strcmp(l->rows[i - 1].old_code, l->rows[i].old_code);
        assert_true(c < 0);
    }
    r = &l->rows[l->n - 1];
    assert_string_equal(r->old_code, "22777");
    assert_string_equal(r->new_code, "22834");
    assert_string_equal(r->new_name, "Ninh Chử");
    assert_string_equal(r->valid_on, "2025-07-01");
    povatlas_link_list_free(l);
    povatlas_link_list_free(NULL);
    assert_null(err);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocate_rounding),
        cmocka_unit_test(test_split_share),
        cmocka_unit_test(test_breakdown),
        cmocka_unit_test(test_demo_to_khanh_hoa),
        cmocka_unit_test(test_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
