/*
 * test_missing_tables.c - the report tables of a year with ward totals but
 * no review list (missing_fixture.h): its poor counts and rates are
 * missing cells in CSV (empty) and JSON (null), never 0, while the year's
 * households are there.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/povatlas.h"

#include "missing_fixture.h"

static void test_summary_table(void **state)
{
    (void)state;
    const char *csv[] = {"summary", "--format", "csv", "--lang", "en", NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(csv, &out, &err), 0);
    g_auto(GStrv) lines = g_strsplit(out, "\r\n", -1);
    assert_string_equal(lines[0], "Year,Area,Units,Households,Poor,Poor rate,"
                                  "Near-poor,Near-poor rate,Note");
    /* 2022: 47,400 households, nothing known of the poor */
    assert_true(g_str_has_prefix(lines[1], "2022,City,16,47400,,,,,"));
    assert_true(g_str_has_prefix(lines[4], "2023,City,16,47690,558,1.17,1373,"
                                           "2.88,"));
    const char *json[] = {"summary", "--format", "json", NULL};
    g_free(out);
    g_free(err);
    assert_int_equal(run(json, &out, &err), 0);
    assert_non_null(strstr(out, "{\"Năm\": 2022, \"Khu vực\": \"Toàn thành "
                                "phố\", \"Số đơn vị\": 16, \"Tổng số hộ\": "
                                "47400, \"Hộ nghèo\": null, \"Tỷ lệ hộ "
                                "nghèo\": null, \"Hộ cận nghèo\": null"));
}

static void test_series_table(void **state)
{
    (void)state;
    const char *csv[] = {"series",   "--units-on", "2025-07-01",
                         "--format", "csv",        NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(csv, &out, &err), 0);
    g_auto(GStrv) lines = g_strsplit(out, "\r\n", -1);
    int n2022 = 0;
    for (char **l = lines + 1; *l && **l; l++) {
        g_auto(GStrv) cells = g_strsplit(*l, ",", -1);
        if (strcmp(cells[2], "2022") != 0)
            continue;
        n2022++;
        assert_string_equal(cells[4], ""); /* poor */
        assert_string_equal(cells[5], ""); /* poor rate */
        assert_string_equal(cells[6], ""); /* near-poor */
    }
    assert_true(n2022 > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_table),
        cmocka_unit_test(test_series_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
