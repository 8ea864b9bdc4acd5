/*
 * test_readme.c - README.md's "Using it on real data" block, run line by
 * line exactly as written, with povatlas installed into a temporary prefix
 * and found on PATH. The user's files are generated: the ward statistics
 * and review lists by `povatlas synth` (fictitious households), laid out
 * by tools/make_review_xlsx.py as offices send them (the compiled form:
 * the year in the title, not in a column; ward headings, subtotals, the
 * total, signatures); the ward polygons are the project's schematic boundaries
 * and, when ../shared is there, the real GADM polygons (read in place, never
 * copied into the repository). The results are checked against the generated
 * lists.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include "povatlas/povatlas.h"

#define PLACE "Thành phố Phan Rang–Tháp Chàm, tỉnh Ninh Thuận"
#define N_WARDS 16

static char *g_tmp;
static char *g_prefix;
static char *g_synth;      /* `povatlas synth` output */
static GPtrArray *g_block; /* the README's command lines */

/* The environment of a user who installed povatlas into @g_prefix. */
static char **user_env(void)
{
    char **env = g_get_environ();
    env = g_environ_unsetenv(env, "POVATLAS_DATA");
    env = g_environ_unsetenv(env, "POVATLAS_STYLES");
    g_autofree char *bin = g_build_filename(g_prefix, "bin", NULL);
    const char *path = g_environ_getenv(env, "PATH");
    g_autofree char *full =
        g_strdup_printf("%s:%s", bin, path ? path : "/usr/bin:/bin");
    return g_environ_setenv(env, "PATH", full, TRUE);
}

/* Runs @line with sh in @dir; its stdout is appended to @out. */
static void run_line(const char *dir, const char *line, GString *out)
{
    g_auto(GStrv) env = user_env();
    const char *argv[] = {"sh", "-c", line, NULL};
    g_autofree char *o = NULL, *e = NULL;
    int rc = testutil_spawn(dir, env, argv, &o, &e);
    if (rc != 0)
        fail_msg("README line failed (exit %d): %s\n%s%s", rc, line, o, e);
    g_string_append(out, o);
}

/* The lines of the first ```sh block after "## Using it on real data". */
static GPtrArray *readme_block(void)
{
    g_autofree char *path =
        g_build_filename(POVATLAS_SOURCE_DIR, "README.md", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    const char *section = strstr(text, "\n## Using it on real data\n");
    assert_non_null(section);
    const char *start = strstr(section, "\n```sh\n");
    assert_non_null(start);
    start += strlen("\n```sh\n");
    const char *end = strstr(start, "\n```\n");
    assert_non_null(end);
    g_autofree char *body = g_strndup(start, (gsize)(end - start));
    g_auto(GStrv) lines = g_strsplit(body, "\n", -1);
    GPtrArray *block = g_ptr_array_new_with_free_func(g_free);
    for (char **l = lines; *l; l++)
        if (**l && **l != '#')
            g_ptr_array_add(block, g_strdup(*l));
    return block;
}

/* GDALVectorTranslate @src into @dst with ogr2ogr's @args. */
static void translate(const char *src, const char *dst, const char *const *args)
{
    GDALDatasetH in = GDALOpenEx(src, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(in);
    GDALVectorTranslateOptions *o =
        GDALVectorTranslateOptionsNew((char **)args, NULL);
    assert_non_null(o);
    int usage = 0;
    GDALDatasetH out = GDALVectorTranslate(dst, NULL, 1, &in, o, &usage);
    if (!out)
        fail_msg("cannot write %s from %s", dst, src);
    GDALClose(out);
    GDALVectorTranslateOptionsFree(o);
    GDALClose(in);
}

/* make_review_xlsx.py with @args: a generated file laid out as offices
 * send it. */
static void make_workbook(const char *dir, const char *const *args)
{
    g_autofree char *tool = g_build_filename(POVATLAS_SOURCE_DIR, "tools",
                                             "make_review_xlsx.py", NULL);
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer) "python3");
    g_ptr_array_add(argv, tool);
    for (size_t i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);
    g_auto(GStrv) env = user_env();
    g_autofree char *out = NULL, *err = NULL;
    int rc =
        testutil_spawn(dir, env, (const char *const *)argv->pdata, &out, &err);
    g_ptr_array_free(argv, TRUE);
    if (rc != 0)
        fail_msg("make_review_xlsx.py failed: %s", err);
}

/* rasoat_YEAR.xlsx: the generated list of @year as the compiled form (the
 * year in the title, not in a column; headings, subtotals, signatures). */
static void write_review_list(const char *dir, int year)
{
    g_autofree char *name = g_strdup_printf("households_%d.csv", year);
    g_autofree char *csv = g_build_filename(g_synth, name, NULL);
    g_autofree char *y = g_strdup_printf("%d", year);
    g_autofree char *xlsx = g_strdup_printf("rasoat_%d.xlsx", year);
    const char *args[] = {"--list", csv, "--year", y, "-o", xlsx, NULL};
    make_workbook(dir, args);
}

/* The user's files in @dir, with @wards (any vector file) as wards.gpkg. */
static void write_user_files(const char *dir, const char *wards)
{
    g_autofree char *gpkg = g_build_filename(dir, "wards.gpkg", NULL);
    const char *gpkg_args[] = {"-f", "GPKG", "-nln", "wards", NULL};
    translate(wards, gpkg, gpkg_args);
    g_autofree char *stats_csv =
        g_build_filename(g_synth, "ward_stats.csv", NULL);
    const char *stats_args[] = {"--stats", stats_csv, "-o", "ward_stats.xlsx",
                                NULL};
    make_workbook(dir, stats_args);
    write_review_list(dir, 2022);
    write_review_list(dir, 2023);
    g_autofree char *plan =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "targets.csv", NULL);
    g_autofree char *plan_text = NULL;
    assert_true(g_file_get_contents(plan, &plan_text, NULL, NULL));
    g_free(testutil_write_file(dir, "targets.csv", plan_text, -1));
}

static int setup(void **state)
{
    (void)state;
    povatlas_init();
    g_tmp = testutil_install(&g_prefix);
    g_synth = g_build_filename(g_tmp, "synth", NULL);
    g_mkdir_with_parents(g_synth, 0755);
    g_auto(GStrv) env = user_env();
    const char *synth[] = {"povatlas", "synth", "-o", g_synth, NULL};
    g_autofree char *out = NULL, *err = NULL;
    if (testutil_spawn(g_tmp, env, synth, &out, &err) != 0) {
        fprintf(stderr, "povatlas synth failed: %s\n", err);
        return -1;
    }
    g_block = readme_block();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testutil_uninstall(g_tmp, g_prefix);
    g_free(g_synth);
    if (g_block)
        g_ptr_array_free(g_block, TRUE);
    return 0;
}

/* Poor households of 2023 per ward code, counted in the generated list. */
static GHashTable *poor_by_ward(void)
{
    g_autofree char *csv =
        g_build_filename(g_synth, "households_2023.csv", NULL);
    GDALDatasetH ds = GDALOpenEx(csv, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    int code = OGR_FD_GetFieldIndex(defn, "Mã đơn vị");
    int cls = OGR_FD_GetFieldIndex(defn, "Phân loại hộ");
    assert_true(code >= 0 && cls >= 0);
    GHashTable *poor =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l))) {
        char *key = g_strdup(OGR_F_GetFieldAsString(f, code));
        int n = GPOINTER_TO_INT(g_hash_table_lookup(poor, key));
        if (g_str_equal(OGR_F_GetFieldAsString(f, cls), "Hộ nghèo"))
            n++;
        g_hash_table_replace(poor, key, GINT_TO_POINTER(n));
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return poor;
}

/* Page text of @pdf (pdftotext), first page only when @first_page. */
static char *pdf_text(const char *dir, const char *pdf, gboolean first_page)
{
    g_auto(GStrv) env = user_env();
    const char *argv[] = {
        "pdftotext", "-enc", "UTF-8", "-l", first_page ? "1" : "999",
        pdf,         "-",    NULL};
    char *out = NULL;
    g_autofree char *err = NULL;
    assert_int_equal(testutil_spawn(dir, env, argv, &out, &err), 0);
    return out;
}

static void assert_contains(const char *text, const char *want,
                            const char *what)
{
    if (!strstr(text, want))
        fail_msg("%s lacks '%s':\n%s", what, want, text);
}

static int64_t count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* What the block made in @dir from the generated files. @envelope
 * (nullable): the wards' extent the export must have. */
static void check_results(const char *dir, const char *printed,
                          const OGREnvelope *envelope)
{
    /* the summary: the place, both years' totals, the plan, transitions */
    const char *want[] = {PLACE "\n",
                          "rasoat_2022.xlsx: 2090 rows imported",
                          "rasoat_2023.xlsx: 1931 rows imported",
                          "wards.gpkg: 16 rows imported",
                          "47.400",
                          "615",
                          "1,30 %",
                          "47.690",
                          "558",
                          "1,17 %",
                          "mục tiêu 1,15 %",
                          "615 − 80 + 0 + 23 = 558",
                          "wrote poor_rate.pdf",
                          "wrote briefing.pdf",
                          "wrote atlas.gpkg"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        assert_contains(printed, want[i], "the block's output");

    /* the workspace: both lists, the place */
    g_autofree char *db_path = g_build_filename(dir, "atlas.sqlite", NULL);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(
        count_rows(db, "SELECT count(*) FROM households WHERE year = 2022"),
        2090);
    assert_int_equal(
        count_rows(db, "SELECT count(*) FROM households WHERE year = 2023"),
        1931);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM meta WHERE key = "
                                    "'area_name' AND value = '" PLACE "'"),
                     1);
    sqlite3_close(db);

    /* the map and the atlas say where they are */
    g_autofree char *map = pdf_text(dir, "poor_rate.pdf", TRUE);
    assert_contains(map, "Tỷ lệ hộ nghèo theo phường, xã — năm 2023", "map");
    assert_contains(map, PLACE, "map");
    g_autofree char *cover = pdf_text(dir, "briefing.pdf", TRUE);
    assert_contains(cover, "Bản tin giảm nghèo năm 2023", "atlas cover");
    assert_contains(cover, PLACE, "atlas cover");
    assert_contains(cover, "Thực hiện: 1,17 %", "atlas cover");

    /* the GeoPackage: every ward, its poor count as in the list */
    g_autoptr(GHashTable) poor = poor_by_ward();
    g_autofree char *gpkg = g_build_filename(dir, "atlas.gpkg", NULL);
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH wards = GDALDatasetGetLayerByName(ds, "wards");
    assert_non_null(wards);
    assert_int_equal(OGR_L_GetFeatureCount(wards, 1), N_WARDS);
    OGRFeatureH f;
    int64_t households = 0;
    while ((f = OGR_L_GetNextFeature(wards))) {
        const char *code =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "code"));
        gpointer n = NULL;
        if (!g_hash_table_lookup_extended(poor, code, NULL, &n))
            fail_msg("ward %s is not in the list", code);
        int64_t p =
            OGR_F_GetFieldAsInteger64(f, OGR_F_GetFieldIndex(f, "poor"));
        int64_t h =
            OGR_F_GetFieldAsInteger64(f, OGR_F_GetFieldIndex(f, "households"));
        double rate =
            OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "poor_rate"));
        assert_int_equal(p, GPOINTER_TO_INT(n));
        assert_true(fabs(rate - 100.0 * (double)p / (double)h) < 0.006);
        households += h;
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        assert_true(g && !OGR_G_IsEmpty(g));
        OGR_F_Destroy(f);
    }
    assert_int_equal(households, 47690);
    if (envelope) {
        OGREnvelope e;
        assert_int_equal(OGR_L_GetExtent(wards, &e, 1), OGRERR_NONE);
        assert_true(fabs(e.MinX - envelope->MinX) < 1e-6 &&
                    fabs(e.MaxX - envelope->MaxX) < 1e-6 &&
                    fabs(e.MinY - envelope->MinY) < 1e-6 &&
                    fabs(e.MaxY - envelope->MaxY) < 1e-6);
    }
    GDALClose(ds);
}

/* The block in a fresh folder beside the prefix, with @wards as the
 * user's boundary file. */
static void run_block_with(const char *wards, const char *name,
                           const OGREnvelope *envelope)
{
    g_autofree char *dir = g_build_filename(g_tmp, name, NULL);
    g_mkdir_with_parents(dir, 0755);
    write_user_files(dir, wards);
    assert_true(g_block->len >= 10);
    GString *printed = g_string_new(NULL);
    for (guint i = 0; i < g_block->len; i++)
        run_line(dir, g_ptr_array_index(g_block, i), printed);
    check_results(dir, printed->str, envelope);
    g_string_free(printed, TRUE);
}

static void test_schematic_boundaries(void **state)
{
    (void)state;
    g_autofree char *wards = g_build_filename(POVATLAS_SOURCE_DIR, "geodata",
                                              "wards_schematic.geojson", NULL);
    run_block_with(wards, "schematic", NULL);
}

static void test_real_boundaries(void **state)
{
    (void)state;
    g_autofree char *wards = testutil_shared_path("geodata/real/wards.geojson");
    if (!testutil_have_polygons() || !g_file_test(wards, G_FILE_TEST_EXISTS))
        skip();
    GDALDatasetH ds = GDALOpenEx(wards, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGREnvelope e;
    assert_int_equal(OGR_L_GetExtent(GDALDatasetGetLayer(ds, 0), &e, 1),
                     OGRERR_NONE);
    GDALClose(ds);
    run_block_with(wards, "real", &e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schematic_boundaries),
        cmocka_unit_test(test_real_boundaries),
    };
    return cmocka_run_group_tests_name("readme", tests, setup, teardown);
}
