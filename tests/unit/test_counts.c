/*
 * test_counts.c - the store's year queries (src/store/counts.c): the
 * latest review year is the one home of "which year by default", read from
 * ward totals and review lists alike.
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
    povatlas_household_writer_free(w);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
