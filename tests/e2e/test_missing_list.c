/*
 * test_missing_list.c - missing is never zero (issue 9, item 4): a
 * workspace with ward totals for 2022 and 2023 and a review list for 2023
 * only, built through the povatlas binary as an office would (a statistics
 * workbook carries several years). Nothing shows a 2022 rate of 0 or a
 * 2022→2023 change: NULL in the workspace and the GeoPackage, "–" in
 * print; the commands that need the 2022 list say so. The maps and the
 * atlas: test_missing_map.c.
 */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include <gdal.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include "povatlas/analysis.h"
#include "povatlas/gaps.h"
#include "povatlas/holdings.h"
#include "povatlas/priority.h"
#include "povatlas/series.h"
#include "povatlas/workspace.h"

#include "missing_fixture.h"

/* The line of @text that starts with @prefix (g_free), or NULL. */
static char *line_of(const char *text, const char *prefix)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++)
        if (g_str_has_prefix(lines[i], prefix))
            return g_strdup(lines[i]);
    return NULL;
}

static void test_summary(void **state)
{
    (void)state;
    const char *argv[] = {"summary", NULL};
    g_autofree char *out = NULL;
    assert_int_equal(run(argv, &out, NULL), 0);
    /* 2022: the ward totals, and "–" for every poor figure */
    g_autofree char *y22 = line_of(out, "  2022");
    assert_non_null(y22);
    g_auto(GStrv) cells = g_strsplit_set(g_strstrip(y22), " ", -1);
    GPtrArray *c = g_ptr_array_new();
    for (size_t i = 0; cells[i]; i++)
        if (*cells[i])
            g_ptr_array_add(c, cells[i]);
    assert_int_equal(c->len, 6);
    assert_string_equal(g_ptr_array_index(c, 0), "2022");
    assert_string_equal(g_ptr_array_index(c, 1), "47.400");
    for (guint i = 2; i < 6; i++)
        assert_string_equal(g_ptr_array_index(c, i), "–");
    g_ptr_array_free(c, TRUE);
    g_autofree char *urban =
        line_of(out, "        thành thị (15 đơn vị, 44.791");
    assert_non_null(urban);
    assert_non_null(strstr(urban, "Hộ nghèo –, Hộ cận nghèo –"));
    /* 2023 as before; no 2022→2023 change, no rate of 0 */
    g_autofree char *y23 = line_of(out, "  2023");
    assert_non_null(strstr(y23, "558"));
    assert_non_null(strstr(y23, "1,17 %"));
    assert_null(strstr(out, "2022→2023"));
    assert_null(strstr(out, "0,00 %"));
    /* the table formats leave the cells empty: null in JSON */
    const char *json[] = {"summary", "--format", "json", NULL};
    g_autofree char *js = NULL;
    assert_int_equal(run(json, &js, NULL), 0);
    assert_non_null(strstr(js, "{\"Năm\": 2022, \"Khu vực\": \"Toàn thành "
                               "phố\", \"Số đơn vị\": 16, \"Tổng số hộ\": "
                               "47400, \"Hộ nghèo\": null, \"Tỷ lệ hộ "
                               "nghèo\": null, \"Hộ cận nghèo\": null, "
                               "\"Tỷ lệ hộ cận nghèo\": null}"));
    /* the changes the plan targets are not achieved values of 558 */
    assert_non_null(strstr(out, "Giảm số hộ nghèo             mục tiêu −71; "
                                "chưa có số liệu"));
}

static void test_targets(void **state)
{
    (void)state;
    const char *argv[] = {"targets", NULL};
    g_autofree char *out = NULL;
    run(argv, &out, NULL);
    g_autofree char *poor = line_of(out, "  Giảm số hộ nghèo");
    assert_non_null(poor);
    assert_non_null(strstr(poor, "–"));
    assert_non_null(strstr(poor, "chưa có số liệu"));
    assert_null(strstr(poor, "558"));
    g_autofree char *rate = line_of(out, "  Tỷ lệ hộ nghèo");
    assert_non_null(strstr(rate, "1,17 %"));
}

static void test_refusals(void **state)
{
    (void)state;
    /* what cannot be computed without the 2022 list says so */
    const char *tr[] = {"transitions", "--from", "2022", "--to", "2023", NULL};
    const char *pr[] = {"priority", "--year", "2022", NULL};
    const char *map[] = {"map", "--year", "2022", "-o", "x.png", NULL};
    const char *br[] = {"breakdown", "--year", "2022", NULL};
    const char *rv[] = {"review", "--year", "2022", NULL};
    const char *cv[] = {"coverage", "--year", "2022", NULL};
    const char *const *cmds[] = {tr, pr, map, br, rv, cv};
    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
        g_autofree char *err = NULL;
        assert_int_not_equal(run(cmds[i], NULL, &err), 0);
        if (!strstr(err, "no review list for 2022"))
            fail_msg("povatlas %s: %s", cmds[i][0], err);
    }
}

static const char *const LIST_INDICATORS[] = {POVATLAS_IND_POOR,
                                              POVATLAS_IND_NEAR_POOR,
                                              POVATLAS_IND_POOR_RATE,
                                              POVATLAS_IND_NEAR_POOR_RATE,
                                              POVATLAS_IND_POOR_NEAR_POOR_RATE,
                                              POVATLAS_IND_POOR_PER_KM2,
                                              POVATLAS_IND_COMPUTED_POOR,
                                              POVATLAS_IND_DISAGREE};

static void test_indicators_null(void **state)
{
    (void)state;
    povatlas_workspace *ws = povatlas_workspace_open(g_db, 0, NULL);
    assert_non_null(ws);
    double v = -1;
    const char *scopes[] = {"22738", "22768", POVATLAS_SCOPE_ALL};
    for (size_t s = 0; s < G_N_ELEMENTS(scopes); s++)
        for (size_t k = 0; k < G_N_ELEMENTS(LIST_INDICATORS); k++)
            if (testutil_indicator(ws, scopes[s], 2022, LIST_INDICATORS[k], &v))
                fail_msg("%s %s 2022 = %g, not NULL", scopes[s],
                         LIST_INDICATORS[k], v);
    /* the ward totals are known */
    assert_true(
        testutil_indicator(ws, "22738", 2022, POVATLAS_IND_HOUSEHOLDS, &v));
    assert_true(v == 4079);
    assert_true(testutil_indicator(ws, "*", 2022, POVATLAS_IND_HOUSEHOLDS, &v));
    assert_true(v == 47400);
    assert_true(
        testutil_indicator(ws, "22738", 2023, POVATLAS_IND_POOR_RATE, &v));
    assert_true(fabs(v - 1.34) < 1e-9);
    povatlas_workspace_close(ws);
    /* the rows are there, with NULL values, for every ward */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(g_db, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db,
                       "SELECT count(*), count(value) FROM indicators"
                       " WHERE year = 2022 AND name = 'poor_rate'",
                       -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 17); /* 16 wards + city */
    assert_int_equal(sqlite3_column_int(st, 1), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_geopackage(void **state)
{
    (void)state;
    g_autofree char *gpkg = g_build_filename(g_dir, "w2022.gpkg", NULL);
    const char *argv[] = {"export", "-y", "2022", "-o", gpkg, "-q", NULL};
    run_ok(argv);
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    assert_non_null(l);
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(l);
    int f_code = OGR_FD_GetFieldIndex(d, "code");
    int f_hh = OGR_FD_GetFieldIndex(d, "households");
    const char *nulls[] = {"poor", "near_poor", "poor_rate", "near_poor_rate"};
    int n = 0;
    OGRFeatureH f;
    OGR_L_ResetReading(l);
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        n++;
        for (size_t k = 0; k < G_N_ELEMENTS(nulls); k++) {
            int i = OGR_FD_GetFieldIndex(d, nulls[k]);
            assert_true(i >= 0);
            if (!OGR_F_IsFieldNull(f, i))
                fail_msg("%s of %s is %s, not NULL", nulls[k],
                         OGR_F_GetFieldAsString(f, f_code),
                         OGR_F_GetFieldAsString(f, i));
        }
        if (strcmp(OGR_F_GetFieldAsString(f, f_code), "22738") == 0)
            assert_int_equal(OGR_F_GetFieldAsInteger64(f, f_hh), 4079);
        OGR_F_Destroy(f);
    }
    assert_int_equal(n, 16);
    GDALClose(ds);
}

static void test_series_gaps_priority(void **state)
{
    (void)state;
    povatlas_workspace *ws = povatlas_workspace_open(g_db, 0, NULL);
    povatlas_series_opts so;
    povatlas_series_opts_init(&so);
    povatlas_series *s = povatlas_series_compute(ws, &so, NULL);
    assert_non_null(s);
    assert_int_equal(s->n_years, 2);
    assert_int_equal(s->years[0], 2022);
    for (size_t t = 0; t < s->n_units; t++) {
        assert_true(s->units[t].points[0].households > 0);
        assert_int_equal(s->units[t].points[0].poor, -1);
        assert_int_equal(s->units[t].points[0].near_poor, -1);
        assert_false(s->units[t].points[0].rates_ok);
        assert_true(s->units[t].points[1].rates_ok);
    }
    assert_int_equal(s->total[0].households, 47400);
    assert_int_equal(s->total[0].poor, -1);
    assert_false(s->total[0].rates_ok);
    assert_int_equal(s->total[1].poor, 558);
    povatlas_series_free(s);

    povatlas_gaps g;
    assert_int_equal(povatlas_gaps_compute(ws, 2022, 2023, &g, NULL),
                     POVATLAS_OK);
    for (int z = 0; z < 3; z++) {
        assert_int_equal(g.zones[z].from.poor, -1);
        assert_int_equal(g.zones[z].from.poor_hundredths, -1);
        assert_true(g.zones[z].to.poor_hundredths > 0);
        assert_true(g.zones[z].poor_change_hundredths ==
                    POVATLAS_GAP_UNDEFINED);
        assert_true(isnan(g.zones[z].from.poor_ratio));
    }

    /* 2023's ranking has no trend from 2022 (not a rise from 0) */
    povatlas_priority *p = povatlas_priority_compute(ws, 2023, NULL, 0, NULL);
    assert_non_null(p);
    assert_int_equal(p->n, 16);
    for (size_t i = 0; i < p->n; i++) {
        assert_true(isnan(p->rows[i].raw[POVATLAS_PRIORITY_TREND]));
        assert_false(isnan(p->rows[i].raw[POVATLAS_PRIORITY_RATE]));
    }
    povatlas_priority_free(p);
    povatlas_workspace_close(ws);
}

static void test_status(void **state)
{
    (void)state;
    povatlas_workspace *ws = povatlas_workspace_open(g_db, 0, NULL);
    povatlas_holdings *h = povatlas_workspace_holdings(ws, 0, NULL);
    assert_non_null(h);
    assert_int_equal(h->n_years, 2);
    const povatlas_year_holdings *y22 = &h->years[0], *y23 = &h->years[1];
    assert_int_equal(y22->year, 2022);
    assert_int_equal(y22->count[POVATLAS_HOLDING_UNITS], 16);
    assert_int_equal(y22->count[POVATLAS_HOLDING_BOUNDARIES], 16);
    assert_int_equal(y22->count[POVATLAS_HOLDING_WARD_TOTALS], 16);
    assert_false(y22->gap[POVATLAS_HOLDING_WARD_TOTALS]);
    /* the 2022 list is missing; 2023's is one file of 1 931 households */
    assert_int_equal(y22->n_lists, 0);
    assert_true(y22->gap[POVATLAS_HOLDING_LIST]);
    assert_true(y22->gap[POVATLAS_HOLDING_TARGETS]);
    assert_int_equal(y23->n_lists, 1);
    assert_false(y23->gap[POVATLAS_HOLDING_LIST]);
    assert_int_equal(y23->count[POVATLAS_HOLDING_LIST], 1931);
    assert_true(g_str_has_suffix(y23->list_files, "households_2023.csv"));
    assert_int_equal(y23->count[POVATLAS_HOLDING_TARGETS], 6);
    assert_false(y23->gap[POVATLAS_HOLDING_TARGETS]);
    /* no exits: a gap only where a move between two lists needs them */
    assert_false(y23->gap[POVATLAS_HOLDING_EXITS]);
    povatlas_holdings_free(h);
    povatlas_workspace_close(ws);

    const char *argv[] = {"status", "--year", "2022", NULL};
    g_autofree char *out = NULL;
    assert_int_equal(run(argv, &out, NULL), 0);
    g_autofree char *list = line_of(out, "  Danh sách rà soát");
    assert_non_null(list);
    assert_true(g_str_has_suffix(list, "– thiếu"));
    assert_non_null(strstr(out, "  Thiếu danh sách rà soát năm 2022\n"
                                "    → bỏ trống hoặc không lập được: số hộ "
                                "nghèo, cận nghèo và tỷ lệ: summary"));
    g_autofree char *totals = line_of(out, "  Tổng số hộ theo phường, xã");
    assert_true(g_str_has_suffix(totals, " 16/16"));
    const char *en[] = {"status", "--lang", "en", NULL};
    g_autofree char *out_en = NULL;
    assert_int_equal(run(en, &out_en, NULL), 0);
    assert_non_null(strstr(out_en, "  No review list for 2022\n"));
    assert_null(strstr(out_en, "No review list for 2023"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_indicators_null),
        cmocka_unit_test(test_geopackage),
        cmocka_unit_test(test_series_gaps_priority),
        cmocka_unit_test(test_status),
    };
    return cmocka_run_group_tests_name("missing_list", tests, setup, teardown);
}
