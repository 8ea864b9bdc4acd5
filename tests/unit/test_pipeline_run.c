/*
 * test_pipeline_run.c - the demo pipeline as one library call
 * (src/pipeline/pipeline_run.c): the embedded dataset compared over its
 * latest two review years with the reports handed back, the years taken
 * from the data (a dataset of 2022 only), the defaults of
 * povatlas_pipeline_opts_init(), and a missing dataset failing with the
 * path named.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/analysis.h"
#include "povatlas/briefing.h"
#include "povatlas/core.h"
#include "povatlas/derived.h"
#include "povatlas/gaps.h"
#include "povatlas/pipeline.h"
#include "povatlas/workspace.h"

static void test_opts_defaults(void **state)
{
    (void)state;
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    assert_null(o.dataset_ini);
    assert_string_equal(o.out_dir, "out/demo");
    assert_string_equal(o.lang, "vi");
    assert_null(o.progress);
}

static int count_files(const char *dir)
{
    int n = 0;
    GDir *d = g_dir_open(dir, 0, NULL);
    while (d && g_dir_read_name(d))
        n++;
    if (d)
        g_dir_close(d);
    return n;
}

static void test_embedded_dataset(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    o.out_dir = dir;
    povatlas_pipeline_result res;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_pipeline_run(&o, NULL, &res, &err), POVATLAS_OK);
    assert_null(err);
    assert_non_null(res.ws);
    assert_int_equal(res.year_from, 2022);
    assert_int_equal(res.year_to, 2023);
    /* the transitions of the demo summary: 615 poor at the start, 558 at
     * the end (80 escaped, 23 new) */
    assert_non_null(res.transitions);
    assert_int_equal(res.transitions->year_from, 2022);
    assert_int_equal(res.transitions->city.count[POVATLAS_TR_POOR_START], 615);
    assert_int_equal(res.transitions->city.count[POVATLAS_TR_POOR_END], 558);
    assert_non_null(res.gaps);
    assert_int_equal(res.gaps->year_to, 2023);
    assert_int_equal(res.coverage->year, 2023);
    assert_null(res.coverage->program);
    assert_int_equal(res.priority->year, 2023);
    assert_int_equal(res.priority->rows[0].rank, 1);
    assert_int_equal(res.summary->n, 2);
    assert_int_equal(res.summary->targets_year, 2023);
    /* what it stored: the transitions and the planning indicators */
    g_autofree char *db = g_build_filename(dir, "atlas.sqlite", NULL);
    assert_string_equal(res.db_path, db);
    double v = 0;
    assert_true(testutil_indicator(
        res.ws, POVATLAS_SCOPE_ALL, 2023,
        povatlas_transition_line_name(POVATLAS_TR_POOR_END), &v));
    assert_true(v == 558);
    assert_true(testutil_indicator(res.ws, POVATLAS_SCOPE_ALL, 2023,
                                   POVATLAS_IND_COVERAGE, &v));
    assert_true(v == (double)res.coverage->city.coverage_hundredths / 100.0);
    /* and the priority of 2022, which the briefing shows */
    assert_true(testutil_indicator(res.ws, res.priority->rows[0].code, 2022,
                                   POVATLAS_IND_PRIORITY_RANK, &v));
    assert_true(testutil_indicator(res.ws, res.priority->rows[0].code, 2023,
                                   POVATLAS_IND_PRIORITY_RANK, &v));
    assert_true(v == 1);
    /* the changes and zone rates it stored are the computed ones: Mỹ Bình
     * (22779) 35 of 2,388 poor, then 32 of 2,402: -0.13 points */
    povatlas_change_list *ch =
        povatlas_workspace_changes(res.ws, 2022, 2023, &err);
    assert_non_null(ch);
    int seen = 0;
    for (size_t i = 0; i < ch->n; i++)
        if (strcmp(ch->rows[i].code, "22779") == 0) {
            seen = 1;
            assert_int_equal(ch->rows[i].change.poor, -3);
            assert_int_equal(ch->rows[i].change.poor_hundredths, -13);
        }
    assert_true(seen);
    /* the city's stored change is the summary's */
    assert_string_equal(ch->rows[0].code, POVATLAS_SCOPE_ALL);
    assert_true(res.summary->years[1].has_change);
    assert_int_equal(ch->rows[0].change.poor_hundredths,
                     res.summary->years[1].change.poor_hundredths);
    assert_int_equal(ch->rows[0].change.poor, 558 - 615);
    povatlas_change_list_free(ch);
    povatlas_zone_rates stored[4], computed[3];
    int is_stored = 0;
    assert_int_equal(
        povatlas_workspace_zone_rates(res.ws, 2023, stored, &is_stored, &err),
        POVATLAS_OK);
    assert_true(is_stored);
    assert_int_equal(povatlas_zone_rates_compute(res.ws, 2023, computed, &err),
                     POVATLAS_OK);
    for (int z = 0; z < 3; z++) {
        assert_true(computed[z].wards > 0);
        assert_int_equal(stored[z + 1].wards, computed[z].wards);
        assert_int_equal(stored[z + 1].households, computed[z].households);
        assert_int_equal(stored[z + 1].poor, computed[z].poor);
        assert_int_equal(stored[z + 1].poor_hundredths,
                         computed[z].poor_hundredths);
        assert_int_equal(stored[z + 1].poor_gap_hundredths,
                         computed[z].poor_gap_hundredths);
        assert_true(stored[z + 1].poor_ratio == computed[z].poor_ratio);
        assert_int_equal(res.gaps->zones[z].to.poor_hundredths,
                         computed[z].poor_hundredths);
    }
    g_autofree char *maps = g_build_filename(dir, "maps", NULL);
    assert_string_equal(res.maps_dir, maps);
    /* 9 PNG/SVG maps, the atlas PDF, the HTML briefing and the slides'
     * folder with its 4 slides */
    assert_int_equal(count_files(maps), 12);
    g_autofree char *slides = g_build_filename(maps, "slides", NULL);
    assert_int_equal(count_files(slides), 4);
    g_autofree char *html = g_build_filename(maps, "briefing.html", NULL);
    assert_true(g_file_test(html, G_FILE_TEST_IS_REGULAR));
    assert_true(g_file_test(res.gpkg_path, G_FILE_TEST_IS_REGULAR));
    povatlas_pipeline_result_clear(&res);
    assert_null(res.ws);
    testutil_rmtree(dir);
}

static int64_t n_indicators(povatlas_workspace *ws)
{
    int64_t n = 0;
    assert_int_equal(
        povatlas_workspace_indicators_each(ws, NULL, NULL, &n, NULL),
        POVATLAS_OK);
    return n;
}

/* The briefing is a reader: it wrote the coverage and priority of 2022 and
 * 2023 into the workspace; the pipeline stores them, the briefing shows
 * what is stored and stores nothing. */
static void test_briefing_writes_nothing(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, NULL), POVATLAS_OK);
    int64_t before = n_indicators(ws);
    double v;
    assert_false(testutil_indicator(ws, POVATLAS_SCOPE_ALL, 2022,
                                    POVATLAS_IND_COVERAGE, &v));
    g_autofree char *html = g_build_filename(dir, "b.html", NULL);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_briefing_write(ws, NULL, html, &err),
                     POVATLAS_OK);
    assert_null(err);
    assert_int_equal(n_indicators(ws), before);
    assert_false(testutil_indicator(ws, POVATLAS_SCOPE_ALL, 2022,
                                    POVATLAS_IND_COVERAGE, &v));
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* Copies geodata/@name into @dir as @as, keeping only the lines that do
 * not contain @drop (NULL: every line); with @to_2022 each ",2023," made
 * ",2022,". */
static void copy_as(const char *dir, const char *name, const char *as,
                    const char *drop, gboolean to_2022)
{
    g_autofree char *src =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", name, NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    GString *kept = g_string_new(NULL);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++)
        if (**l && (!drop || !strstr(*l, drop)))
            g_string_append_printf(kept, "%s\n", *l);
    if (to_2022)
        g_string_replace(kept, ",2023,", ",2022,", 0);
    g_free(testutil_write_file(dir, as, kept->str, (gssize)kept->len));
    g_string_free(kept, TRUE);
}

static void copy_data(const char *dir, const char *name, const char *drop)
{
    copy_as(dir, name, name, drop, FALSE);
}

/* A dataset of 2022 only: one review year, so nothing to compare; the
 * coverage and priority are of 2022, not of a year written in the code. */
static void test_years_from_data(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *data = testutil_tmpdir();
    g_autofree char *out = g_build_filename(data, "out", NULL);
    copy_data(data, "units.csv", NULL);
    copy_data(data, "crosswalk.csv", NULL);
    copy_data(data, "wards_schematic.geojson", NULL);
    copy_data(data, "context.geojson", NULL);
    copy_data(data, "ward_stats.csv", ",2023,");
    copy_data(data, "households_2022.csv", NULL);
    copy_data(data, "programs.csv", NULL);
    copy_as(data, "activities_2023.csv", "activities.csv", NULL, TRUE);
    g_autofree char *ini = testutil_write_file(
        data, "dataset.ini",
        "[dataset]\nsynthetic=true\nschematic_boundaries=true\n"
        "units=units.csv\ncrosswalk=crosswalk.csv\n"
        "boundaries=wards_schematic.geojson\nboundaries_year=2023\n"
        "context=context.geojson\nward_stats=ward_stats.csv\n"
        "households=households_2022.csv\nprograms=programs.csv\n"
        "activities=activities.csv\n",
        -1);
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    o.out_dir = out;
    o.dataset_ini = ini;
    povatlas_pipeline_result res;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_pipeline_run(&o, NULL, &res, &err);
    if (st)
        fail_msg("pipeline failed: %s", err ? err->message : "?");
    assert_int_equal(res.year_to, 2022);
    assert_int_equal(res.year_from, 0);
    assert_null(res.transitions);
    assert_null(res.gaps);
    assert_int_equal(res.coverage->year, 2022);
    assert_int_equal(res.priority->year, 2022);
    /* published: the three products, no staging folder left */
    g_autofree char *gpkg = g_build_filename(out, "atlas.gpkg", NULL);
    assert_string_equal(res.gpkg_path, gpkg);
    assert_true(g_file_test(res.db_path, G_FILE_TEST_IS_REGULAR));
    assert_true(g_file_test(res.gpkg_path, G_FILE_TEST_IS_REGULAR));
    povatlas_pipeline_result_clear(&res); /* closed: no -wal, -shm */
    assert_int_equal(testutil_count_entries(out), 3);
    testutil_rmtree(data);
}

static void test_missing_dataset(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *ini = g_build_filename(dir, "nope.ini", NULL);
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    o.out_dir = dir;
    o.dataset_ini = ini;
    povatlas_pipeline_result res;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_pipeline_run(&o, NULL, &res, &err);
    assert_int_not_equal(st, POVATLAS_OK);
    assert_non_null(err);
    assert_int_equal(err->code, st);
    g_autofree char *text = povatlas_error_format(err);
    assert_non_null(strstr(text, "nope.ini"));
    assert_null(res.transitions);
    povatlas_error_free(err);
    povatlas_pipeline_result_clear(&res);
    testutil_rmtree(dir);
}

/* A run that fails leaves the output folder as it was: the previous
 * run's workspace and maps byte for byte, nothing of its own. */
static void test_failure_leaves_output_as_it_was(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *data = testutil_tmpdir();
    g_autofree char *out = g_build_filename(data, "out", NULL);
    g_autofree char *maps = g_build_filename(out, "maps", NULL);
    assert_int_equal(g_mkdir_with_parents(maps, 0755), 0);
    g_autofree char *db =
        testutil_write_file(out, "atlas.sqlite", "the previous run\n", -1);
    g_autofree char *png =
        testutil_write_file(maps, "poor_rate.png", "the previous map\n", -1);
    /* the units load, the boundaries file is not there */
    copy_data(data, "units.csv", NULL);
    g_autofree char *ini =
        testutil_write_file(data, "dataset.ini",
                            "[dataset]\nsynthetic=true\nunits=units.csv\n"
                            "boundaries=nope.geojson\n",
                            -1);
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    o.out_dir = out;
    o.dataset_ini = ini;
    povatlas_pipeline_result res;
    povatlas_error *err = NULL;
    assert_int_not_equal(povatlas_pipeline_run(&o, NULL, &res, &err),
                         POVATLAS_OK);
    assert_non_null(err);
    assert_non_null(strstr(err->file ? err->file : "", "nope.geojson"));
    povatlas_error_free(err);
    gboolean ws_left_open = res.ws != NULL;
    povatlas_pipeline_result_clear(&res);
    gchar *text = NULL;
    assert_true(g_file_get_contents(db, &text, NULL, NULL));
    assert_string_equal(text, "the previous run\n");
    g_free(text);
    assert_true(g_file_get_contents(png, &text, NULL, NULL));
    assert_string_equal(text, "the previous map\n");
    g_free(text);
    assert_int_equal(testutil_count_entries(out), 2); /* atlas.sqlite, maps */
    assert_int_equal(testutil_count_entries(maps), 1);
    assert_false(ws_left_open);
    testutil_rmtree(data);
}

/* A move into place that fails half way (maps/zone.png is a folder of
 * someone's, which no file may replace) undoes the moves made before it:
 * every file of the previous run is there byte for byte, nothing of the
 * new run and no folder of the pipeline's is left. The files move in the
 * order of their names, so atlas.gpkg, atlas.sqlite and most maps moved
 * before zone.png failed. */
static void test_failed_move_undone(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *data = testutil_tmpdir();
    g_autofree char *out = g_build_filename(data, "out", NULL);
    g_autofree char *maps = g_build_filename(out, "maps", NULL);
    g_autofree char *blocker = g_build_filename(maps, "zone.png", NULL);
    assert_int_equal(g_mkdir_with_parents(blocker, 0755), 0);
    g_free(testutil_write_file(blocker, "keep", "someone's\n", -1));
    const struct {
        const char *dir, *name, *text;
    } before[] = {{out, "atlas.sqlite", "the previous run\n"},
                  {out, "atlas.sqlite-wal", "the previous journal\n"},
                  {out, "atlas.gpkg", "the previous layers\n"},
                  {maps, "poor_rate.png", "the previous map\n"}};
    for (size_t i = 0; i < G_N_ELEMENTS(before); i++)
        g_free(testutil_write_file(before[i].dir, before[i].name,
                                   before[i].text, -1));
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    o.out_dir = out;
    povatlas_pipeline_result res;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_pipeline_run(&o, NULL, &res, &err),
                     POVATLAS_E_IO);
    assert_non_null(err);
    assert_non_null(strstr(err->file ? err->file : "", "zone.png"));
    assert_non_null(strstr(err->message, "cannot move into place"));
    povatlas_error_free(err);
    gboolean ws_left_open = res.ws != NULL;
    povatlas_pipeline_result_clear(&res);
    assert_false(ws_left_open);
    for (size_t i = 0; i < G_N_ELEMENTS(before); i++) {
        g_autofree char *path =
            g_build_filename(before[i].dir, before[i].name, NULL);
        g_autofree char *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        if (strcmp(text, before[i].text) != 0)
            fail_msg("%s was replaced by the failed run", before[i].name);
    }
    /* atlas.sqlite, its -wal, atlas.gpkg, maps; poor_rate.png, zone.png */
    assert_int_equal(testutil_count_entries(out), 4);
    assert_int_equal(testutil_count_entries(maps), 2);
    assert_int_equal(testutil_count_entries(blocker), 1);
    testutil_rmtree(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opts_defaults),
        cmocka_unit_test(test_embedded_dataset),
        cmocka_unit_test(test_years_from_data),
        cmocka_unit_test(test_briefing_writes_nothing),
        cmocka_unit_test(test_missing_dataset),
        cmocka_unit_test(test_failure_leaves_output_as_it_was),
        cmocka_unit_test(test_failed_move_undone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
