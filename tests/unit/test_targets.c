/*
 * test_targets.c - plan targets (src/analysis/targets.c): the label of
 * each target in both languages, and the stored targets
 * (src/store/targets.c). Their evaluation against the demo data is tested
 * in test_transitions.c and tests/e2e/test_reports.c.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/povatlas.h"
#include "povatlas/targets.h"
#include "store/db.h"

static void test_labels(void **state)
{
    (void)state;
    const char *rows[][3] = {
        {"poor_rate", "Tỷ lệ hộ nghèo", "Poor-household rate"},
        {"poor_change", "Giảm số hộ nghèo", "Change in poor households"},
        {"near_poor_rate", "Tỷ lệ hộ cận nghèo", "Near-poor rate"},
        {"near_poor_change", "Giảm số hộ cận nghèo",
         "Change in near-poor households"},
        {"new_houses", "Xây mới nhà ở", "New houses built"},
        {"fell_back_poor", "Hộ tái nghèo", "Households back in poverty"}};
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        assert_string_equal(povatlas_target_label(rows[i][0], "vi"),
                            rows[i][1]);
        assert_string_equal(povatlas_target_label(rows[i][0], NULL),
                            rows[i][1]);
        assert_string_equal(povatlas_target_label(rows[i][0], "en"),
                            rows[i][2]);
    }
    /* an unknown target keeps its own name (the same pointer) */
    const char *own = "school_rate";
    assert_ptr_equal(povatlas_target_label(own, "en"), own);
    assert_null(povatlas_target_label(NULL, "vi"));
}

/* The plan targets as stored (src/store/targets.c), read back for a year. */
static void test_stored_targets(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    povatlas_target_list *l = povatlas_workspace_targets(ws, 2023, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 6);
    const povatlas_target_row *rate = NULL, *change = NULL;
    for (size_t i = 0; i < l->n; i++) {
        assert_int_equal(l->rows[i].year, 2023);
        assert_string_equal(l->rows[i].scope, "*");
        if (strcmp(l->rows[i].name, "poor_rate") == 0)
            rate = &l->rows[i];
        if (strcmp(l->rows[i].name, "poor_change") == 0)
            change = &l->rows[i];
    }
    assert_non_null(rate);
    assert_string_equal(rate->unit, "percent");
    assert_true(fabs(rate->baseline - 1.30) < 1e-12);
    assert_true(fabs(rate->target - 1.15) < 1e-12);
    assert_non_null(change);
    assert_string_equal(change->unit, "households");
    assert_true(isnan(change->baseline)); /* none, not 0 */
    assert_true(change->target == -71);
    povatlas_target_list_free(l);
    povatlas_target_list_free(NULL);
    /* a year without targets: an empty list, not an error */
    l = povatlas_workspace_targets(ws, 2022, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 0);
    povatlas_target_list_free(l);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* The baseline year's summary and the houses built were read with their
 * errors dropped, so a failed read showed as "no houses" and the
 * evaluation succeeded; now it fails with the store's reason. */
static void test_failed_read_is_an_error(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    povatlas_target_eval_list *l = povatlas_targets_evaluate(ws, 2023, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 6);
    povatlas_target_eval_list_free(l);
    g_autofree char *target = testutil_workspace_target(dir);
    g_autofree char *why = NULL;
    db_conn *db = db_open(target, 0, &why);
    assert_null(why);
    assert_int_equal(db_exec(db, "ALTER TABLE activities RENAME TO gone"),
                     DB_OK);
    db_close(db);
    assert_null(povatlas_targets_evaluate(ws, 2023, &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_DB);
    /* SQLite: "no such table: activities"; PostgreSQL: "relation
     * \"activities\" does not exist" */
    assert_non_null(strstr(err->message, "activities"));
    povatlas_error_free(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_stored_targets),
        cmocka_unit_test(test_failed_read_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
