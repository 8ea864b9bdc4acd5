/*
 * test_counts.c - the store's year queries (src/store/counts.c): the
 * latest review year is the one home of "which year by default", read from
 * ward totals and review lists alike; the counts per unit kept by the
 * household writer equal a count of the stored rows, through appends,
 * re-classification and deletion.
 */
#include "testutil.h"

#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/pipeline.h"

static void put_stat(povatlas_workspace *ws, const char *code, int year)
{
    povatlas_unit u = {code, code, NULL,  "phuong",     1,
                       NULL, "58", "582", "2008-01-01", NULL};
    assert_int_equal(povatlas_workspace_put_unit(ws, &u, NULL), POVATLAS_OK);
    povatlas_ward_stat s = {code, year, 100, -1, NULL};
    assert_int_equal(povatlas_workspace_put_ward_stat(ws, &s, NULL),
                     POVATLAS_OK);
}

static void put_listed(povatlas_workspace *ws, const char *code, int year)
{
    povatlas_household_writer *w = povatlas_household_writer_new(ws, NULL);
    povatlas_household h =
        testutil_household(code, "h1", year, POVATLAS_CLASS_POOR);
    assert_int_equal(povatlas_household_writer_add(w, &h, NULL), POVATLAS_OK);
    assert_int_equal(povatlas_household_writer_finish(w, NULL), POVATLAS_OK);
    povatlas_household_writer_free(w);
}

/* Writes households of @code in 2023: one per (recorded, computed) pair. */
static void put_rows(povatlas_workspace *ws, const char *code,
                     const povatlas_class (*classes)[2], size_t n,
                     const char *id_prefix)
{
    povatlas_household_writer *w = povatlas_household_writer_new(ws, NULL);
    assert_non_null(w);
    for (size_t i = 0; i < n; i++) {
        g_autofree char *id = g_strdup_printf("%s%zu", id_prefix, i);
        povatlas_household h =
            testutil_household(code, id, 2023, classes[i][0]);
        h.computed_status = classes[i][1];
        assert_int_equal(povatlas_household_writer_add(w, &h, NULL),
                         POVATLAS_OK);
    }
    assert_int_equal(povatlas_household_writer_finish(w, NULL), POVATLAS_OK);
    povatlas_household_writer_free(w);
}

/* listed, poor, near poor, computed poor, computed near poor, disagree */
static void assert_counts(povatlas_workspace *ws, size_t row, const char *code,
                          const int64_t want[6])
{
    povatlas_counts_list *c = povatlas_workspace_counts(ws, 2023, NULL);
    assert_non_null(c);
    assert_true(row < c->n);
    const povatlas_unit_counts *k = &c->rows[row];
    assert_string_equal(k->code, code);
    assert_int_equal(k->listed, want[0]);
    assert_int_equal(k->poor, want[1]);
    assert_int_equal(k->near_poor, want[2]);
    assert_int_equal(k->computed_poor, want[3]);
    assert_int_equal(k->computed_near_poor, want[4]);
    assert_int_equal(k->disagree, want[5]);
    povatlas_counts_list_free(c);
}

static povatlas_class all_poor(const povatlas_household *h, int urban,
                               void *user_data, int *standard_id)
{
    (void)h, (void)urban, (void)user_data;
    *standard_id = -1;
    return POVATLAS_CLASS_POOR;
}

static void test_kept_counts(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    povatlas_error *err = NULL;
    const povatlas_class P = POVATLAS_CLASS_POOR, N = POVATLAS_CLASS_NEAR_POOR,
                         O = POVATLAS_CLASS_NONE;
    const povatlas_class a[][2] = {{P, P}, {P, N}, {N, N}, {O, P}, {O, O}};
    const povatlas_class b[][2] = {{N, O}, {O, O}};
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_stat(ws, "00001", 2023);
    put_stat(ws, "00002", 2023);
    put_rows(ws, "00001", a, G_N_ELEMENTS(a), "a");
    put_rows(ws, "00002", b, G_N_ELEMENTS(b), "b");
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    assert_counts(ws, 0, "00001", (int64_t[]){5, 2, 1, 2, 2, 2});
    assert_counts(ws, 1, "00002", (int64_t[]){2, 0, 1, 0, 0, 1});
    /* a second list of the same year adds to the kept counts */
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_rows(ws, "00001", b, G_N_ELEMENTS(b), "c");
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    assert_counts(ws, 0, "00001", (int64_t[]){7, 2, 2, 2, 2, 3});
    /* a recount from the rows agrees */
    assert_int_equal(povatlas_workspace_recount(ws, 0, &err), POVATLAS_OK);
    assert_counts(ws, 0, "00001", (int64_t[]){7, 2, 2, 2, 2, 3});
    assert_counts(ws, 1, "00002", (int64_t[]){2, 0, 1, 0, 0, 1});
    /* new standards: every row re-classified poor, its counts follow */
    const povatlas_standard s = {0, 2031, 2035, 1, 3000000, -1,
                                 3, 12,   -1,   0, NULL};
    assert_int_equal(povatlas_workspace_put_standard(ws, &s, "test", &err),
                     POVATLAS_OK);
    int64_t changed = 0;
    assert_int_equal(
        povatlas_workspace_reclassify(ws, 2023, all_poor, NULL, &changed, &err),
        POVATLAS_OK);
    assert_int_equal(changed, 7);
    assert_counts(ws, 0, "00001", (int64_t[]){7, 2, 2, 7, 0, 5});
    assert_counts(ws, 1, "00002", (int64_t[]){2, 0, 1, 2, 0, 2});
    /* a deleted year has no counts left: the year comes from ward totals */
    assert_int_equal(povatlas_workspace_delete_households(ws, 2023, NULL, &err),
                     POVATLAS_OK);
    povatlas_counts_list *c = povatlas_workspace_counts(ws, 2023, NULL);
    assert_int_equal(c->n, 2);
    assert_int_equal(c->rows[0].has_list, 0);
    assert_int_equal(c->rows[0].poor, -1);
    povatlas_counts_list_free(c);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_latest_year(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    int year = -7;
    povatlas_error *err = NULL;
    /* nothing imported: 0, not an error */
    assert_int_equal(povatlas_workspace_latest_year(ws, &year, &err),
                     POVATLAS_OK);
    assert_int_equal(year, 0);
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_stat(ws, "00001", 2023);
    put_stat(ws, "00001", 2021);
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_latest_year(ws, &year, &err),
                     POVATLAS_OK);
    assert_int_equal(year, 2023);
    /* a review list of a later year without ward totals counts too */
    assert_int_equal(povatlas_workspace_begin(ws, NULL), POVATLAS_OK);
    put_listed(ws, "00001", 2024);
    assert_int_equal(povatlas_workspace_commit(ws, NULL), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_latest_year(ws, &year, &err),
                     POVATLAS_OK);
    assert_int_equal(year, 2024);
    /* the same answer as the last of povatlas_workspace_years() */
    g_autofree int *years = povatlas_workspace_years(ws, NULL);
    assert_int_equal(years[0], 2021);
    assert_int_equal(years[1], 2023);
    assert_int_equal(years[2], 2024);
    assert_int_equal(years[3], 0);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latest_year),
        cmocka_unit_test(test_kept_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
