/*
 * test_priority.c - the weights of the ward priority index
 * (src/analysis/priority.c): the component names are the keys of
 * [weights], the shipped file is read as written, and a missing or
 * negative weight is an error naming it. The index itself is tested on
 * the demo data in test_zones.c.
 */
#include "testutil.h"

#include <math.h>

#include "povatlas/priority.h"
#include "povatlas/zones.h"

static void test_component_names(void **state)
{
    (void)state;
    const char *names[] = {"rate",         "density", "count",
                           "coverage_gap", "zone",    "trend"};
    assert_int_equal(G_N_ELEMENTS(names), POVATLAS_PRIORITY_N);
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
        assert_string_equal(povatlas_priority_component_name(c), names[c]);
    assert_string_equal(povatlas_priority_component_name(POVATLAS_PRIORITY_N),
                        "unknown");
    /* the reader's words, one table for every head and card */
    assert_string_equal(
        povatlas_priority_component_label(POVATLAS_PRIORITY_RATE, "vi"),
        "tỷ lệ hộ nghèo");
    assert_string_equal(
        povatlas_priority_component_label(POVATLAS_PRIORITY_COVERAGE_GAP, "en"),
        "coverage gap");
    assert_string_equal(
        povatlas_priority_component_label(POVATLAS_PRIORITY_TREND, NULL),
        "xu hướng tỷ lệ");
    assert_string_equal(
        povatlas_priority_component_label(POVATLAS_PRIORITY_N, "en"), "?");
}

static void test_shipped_weights(void **state)
{
    (void)state;
    povatlas_priority_weights w;
    assert_int_equal(povatlas_priority_weights_load(NULL, &w, NULL),
                     POVATLAS_OK);
    /* geodata/priority.ini */
    assert_true(w.weight[POVATLAS_PRIORITY_RATE] == 0.35);
    assert_true(w.weight[POVATLAS_PRIORITY_DENSITY] == 0.10);
    assert_true(w.weight[POVATLAS_PRIORITY_COUNT] == 0.20);
    assert_true(w.weight[POVATLAS_PRIORITY_COVERAGE_GAP] == 0.15);
    assert_true(w.weight[POVATLAS_PRIORITY_ZONE] == 0.10);
    assert_true(w.weight[POVATLAS_PRIORITY_TREND] == 0.10);
    assert_true(w.zone_value[POVATLAS_ZONE_UNKNOWN] == 0.0);
    assert_true(w.zone_value[POVATLAS_ZONE_COASTAL] == 1.0);
    assert_true(w.zone_value[POVATLAS_ZONE_PERIURBAN] == 0.5);
    assert_true(w.zone_value[POVATLAS_ZONE_CENTRAL] == 0.0);
}

static void test_bad_weights(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *own = testutil_write_file(
        dir, "own.ini",
        "[weights]\nrate=1\ndensity=0\ncount=0\ncoverage_gap=0\nzone=2\n"
        "trend=0.5\n[zone]\ncoastal=0.25\nperiurban=0.75\ncentral=1\n",
        -1);
    povatlas_priority_weights w;
    assert_int_equal(povatlas_priority_weights_load(own, &w, NULL),
                     POVATLAS_OK);
    assert_true(w.weight[POVATLAS_PRIORITY_RATE] == 1.0);
    assert_true(w.weight[POVATLAS_PRIORITY_ZONE] == 2.0);
    assert_true(w.weight[POVATLAS_PRIORITY_TREND] == 0.5);
    assert_true(w.zone_value[POVATLAS_ZONE_PERIURBAN] == 0.75);

    /* a weight left out: named, never taken as 0 */
    g_autofree char *missing = testutil_write_file(
        dir, "missing.ini",
        "[weights]\nrate=1\ndensity=0\ncount=0\nzone=0\ntrend=0\n"
        "[zone]\ncoastal=1\nperiurban=0.5\ncentral=0\n",
        -1);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_priority_weights_load(missing, &w, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->file, missing);
    assert_string_equal(err->column, "coverage_gap");
    assert_string_equal(err->message,
                        "[weights] coverage_gap must be a number >= 0");
    povatlas_error_free(err);

    g_autofree char *negative = testutil_write_file(
        dir, "negative.ini",
        "[weights]\nrate=1\ndensity=0\ncount=0\ncoverage_gap=0\nzone=0\n"
        "trend=0\n[zone]\ncoastal=1\nperiurban=-0.5\ncentral=0\n",
        -1);
    err = NULL;
    assert_int_equal(povatlas_priority_weights_load(negative, &w, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->message, "[zone] periurban must be a number >= 0");
    povatlas_error_free(err);

    g_autofree char *nowhere = g_build_filename(dir, "none.ini", NULL);
    err = NULL;
    assert_int_equal(povatlas_priority_weights_load(nowhere, &w, &err),
                     POVATLAS_E_IO);
    assert_string_equal(err->file, nowhere);
    assert_true(
        g_str_has_prefix(err->message, "cannot read the priority weights: "));
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_component_names),
        cmocka_unit_test(test_shipped_weights),
        cmocka_unit_test(test_bad_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
