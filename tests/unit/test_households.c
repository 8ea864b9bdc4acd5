/*
 * test_households.c - households in the store (src/store/households.c):
 * the import record, deleting a year's list before a corrected one, and
 * re-classifying only what an older standards table classified.
 */
#include "testutil.h"

#include <inttypes.h>

#include "povatlas/povatlas.h"

#define LIST_HEADER                                                            \
    "household_id,unit_code,year,members,income_per_capita,"                   \
    "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,recorded_status\n"
#define POOR(id, y) id ",22738," #y ",4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n"
#define NEAR(id, y)                                                            \
    id ",22738," #y ",4,1500000,1,1,0,0,0,0,0,0,0,0,0,0,near_poor\n"

static void import_list(testutil_units_ws *f, const char *name, const char *csv)
{
    g_autofree char *path = testutil_write_file(f->dir, name, csv, -1);
    povatlas_error *err = NULL;
    if (povatlas_import_households(f->ws, path, NULL, f->report, NULL, &err))
        fail_msg("%s", err ? err->message : "import failed");
}

static void ignore(const char *unit_code, const char *household_id,
                   void *user_data)
{
    (void)unit_code, (void)household_id, (void)user_data;
}

static int64_t n_households(povatlas_workspace *ws, int year)
{
    int64_t n = -1;
    assert_int_equal(
        povatlas_workspace_household_keys(ws, year, ignore, NULL, &n, NULL),
        POVATLAS_OK);
    /* without a callback it only counts (it used to call NULL) */
    int64_t counted = -1;
    assert_int_equal(
        povatlas_workspace_household_keys(ws, year, NULL, NULL, &counted, NULL),
        POVATLAS_OK);
    assert_int_equal(counted, n);
    return n;
}

static void test_import_record(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    povatlas_error *err = NULL;
    int64_t id = -1;
    assert_int_equal(povatlas_workspace_begin(f->ws, &err), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_record_import(f->ws, "households",
                                                      "ward-lists.csv", 2023, 0,
                                                      &id, &err),
                     POVATLAS_OK);
    assert_true(id > 0);
    assert_int_equal(povatlas_workspace_update_import_rows(f->ws, id, 7, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_commit(f->ws, &err), POVATLAS_OK);
    assert_null(err);
    g_autofree char *sql = g_strdup_printf(
        "SELECT kind, file, year, rows FROM imports WHERE id = %" PRId64, id);
    g_autofree char *row = testutil_query(f->db, sql);
    assert_string_equal(row, "households|ward-lists.csv|2023|7\n");
    testutil_units_ws_free(f);
}

static void test_delete_year(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    import_list(f, "h23.csv",
                LIST_HEADER POOR("P01", 2023) POOR("P02", 2023)
                    NEAR("N01", 2023));
    import_list(f, "h24.csv", LIST_HEADER POOR("P01", 2024) NEAR("N01", 2024));
    assert_int_equal(n_households(f->ws, 2023), 3);
    povatlas_error *err = NULL;
    int64_t n = -1;
    assert_int_equal(
        povatlas_workspace_delete_households(f->ws, 2023, &n, &err),
        POVATLAS_OK);
    assert_int_equal(n, 3);
    assert_int_equal(n_households(f->ws, 2023), 0);
    assert_int_equal(n_households(f->ws, 2024), 2); /* the other year stays */
    assert_int_equal(
        povatlas_workspace_delete_households(f->ws, 2023, &n, &err),
        POVATLAS_OK);
    assert_int_equal(n, 0);
    assert_null(err);
    testutil_units_ws_free(f);
}

static povatlas_class always_none(const povatlas_household *h, int urban,
                                  void *user_data, int *standard_id)
{
    (void)h;
    assert_int_equal(urban, 1); /* 22738 is a phường */
    (*(int *)user_data)++;
    *standard_id = -1;
    return POVATLAS_CLASS_NONE;
}

static void test_reclassify_after_new_standards(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    import_list(f, "h23.csv", LIST_HEADER POOR("P01", 2023) NEAR("N01", 2023));
    import_list(f, "h24.csv", LIST_HEADER POOR("P01", 2024));
    povatlas_error *err = NULL;
    int calls = 0;
    int64_t changed = -1;
    /* classified with the current table: nothing to do */
    assert_int_equal(povatlas_workspace_reclassify(f->ws, 0, always_none,
                                                   &calls, &changed, &err),
                     POVATLAS_OK);
    assert_int_equal(calls, 0);
    assert_int_equal(changed, 0);
    /* a new standards row: every household is older than the table */
    int64_t before = 0, after = 0;
    assert_int_equal(
        povatlas_workspace_standards_revision(f->ws, &before, &err),
        POVATLAS_OK);
    const povatlas_standard s = {0, 2031, 2035, 1, 3000000, -1,
                                 3, 12,   -1,   0, NULL};
    assert_int_equal(
        povatlas_workspace_put_standard(f->ws, &s, "test decree", &err),
        POVATLAS_OK);
    assert_int_equal(povatlas_workspace_standards_revision(f->ws, &after, &err),
                     POVATLAS_OK);
    assert_int_not_equal(before, after);
    /* one year only */
    assert_int_equal(povatlas_workspace_reclassify(f->ws, 2023, always_none,
                                                   &calls, &changed, &err),
                     POVATLAS_OK);
    assert_int_equal(calls, 2);
    assert_int_equal(changed, 2); /* poor and near-poor became none */
    calls = 0;
    assert_int_equal(povatlas_workspace_reclassify(f->ws, 0, always_none,
                                                   &calls, &changed, &err),
                     POVATLAS_OK);
    assert_int_equal(calls, 1); /* 2024's household only */
    assert_int_equal(changed, 1);
    calls = 0;
    assert_int_equal(povatlas_workspace_reclassify(f->ws, 0, always_none,
                                                   &calls, &changed, &err),
                     POVATLAS_OK);
    assert_int_equal(calls, 0);
    /* the new row is found for its years */
    povatlas_standard got;
    assert_int_equal(
        povatlas_workspace_find_standard(f->ws, 2033, 1, &got, &err),
        POVATLAS_OK);
    assert_int_equal(got.line_vnd, 3000000);
    assert_int_equal(got.band_upper_vnd, -1);
    assert_string_equal(got.decree, "test decree");
    assert_null(err);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_record),
        cmocka_unit_test(test_delete_year),
        cmocka_unit_test(test_reclassify_after_new_standards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
