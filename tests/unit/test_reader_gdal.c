/*
 * test_reader_gdal.c - what GDAL says while a file is read
 * (src/ingest/reader_gdal.c) becomes the import's error, never a line on
 * stderr and never "no rows": a workbook whose sheet XML is broken and
 * GeoPackages with a damaged page, read as a list and as boundaries.
 */
#include "testutil.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <sqlite3.h>

#include "povatlas/povatlas.h"

/* What the call @fn(@f, @path) wrote to file descriptor 2, and its status
 * and error. */
typedef povatlas_status (*import_fn)(testutil_units_ws *f, const char *path,
                                     povatlas_error **err);

static char *stderr_of(testutil_units_ws *f, import_fn fn, const char *path,
                       povatlas_status *st, povatlas_error **err)
{
    g_autofree char *log = g_build_filename(f->dir, "stderr.txt", NULL);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    *st = fn(f, path, err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char *text = NULL;
    assert_true(g_file_get_contents(log, &text, NULL, NULL));
    return text;
}

static povatlas_status import_list(testutil_units_ws *f, const char *path,
                                   povatlas_error **err)
{
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    return povatlas_import_households(f->ws, path, &o, f->report, NULL, err);
}

static povatlas_status import_wards(testutil_units_ws *f, const char *path,
                                    povatlas_error **err)
{
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    return povatlas_import_boundaries(f->ws, path, &o, f->report, NULL, err);
}

/* Asserts the import failed with POVATLAS_E_INPUT naming GDAL's @reason,
 * printed nothing, and stored no household. */
static void assert_refused_quietly(testutil_units_ws *f, import_fn fn,
                                   const char *path, const char *reason)
{
    povatlas_status st;
    povatlas_error *err = NULL;
    g_autofree char *printed = stderr_of(f, fn, path, &st, &err);
    assert_string_equal(printed, "");
    assert_int_equal(st, POVATLAS_E_INPUT);
    assert_non_null(err);
    if (!strstr(err->message, reason))
        fail_msg("'%s' does not give GDAL's reason '%s'", err->message, reason);
    povatlas_error_free(err);
    int empty = 0;
    assert_int_equal(povatlas_workspace_households_empty(f->ws, &empty, NULL),
                     POVATLAS_OK);
    assert_int_equal(empty, 1);
}

/* A copy of the seed workbook whose sheet XML stops half-way. */
static char *broken_workbook(const char *dir)
{
    g_autofree char *seed =
        g_build_filename(POVATLAS_SOURCE_DIR, "tests", "fuzz", "xlsx",
                         "households_vi.xlsx", NULL);
    char *out = g_build_filename(dir, "broken.xlsx", NULL);
    static const char *const parts[] = {
        "[Content_Types].xml",     "_rels/.rels",
        "docProps/app.xml",        "docProps/core.xml",
        "xl/workbook.xml",         "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",           "xl/sharedStrings.xml",
        "xl/worksheets/sheet1.xml"};
    void *zip = CPLCreateZip(out, NULL);
    assert_non_null(zip);
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        g_autofree char *in =
            g_strdup_printf("/vsizip/{%s}/%s", seed, parts[i]);
        GByte *data = NULL;
        vsi_l_offset len = 0;
        assert_true(VSIIngestFile(NULL, in, &data, &len, -1));
        if (g_str_has_prefix(parts[i], "xl/worksheets/"))
            len /= 2; /* unclosed tags from here on */
        assert_int_equal(CPLCreateFileInZip(zip, parts[i], NULL), CE_None);
        assert_int_equal(CPLWriteFileInZip(zip, data, (int)len), CE_None);
        assert_int_equal(CPLCloseFileInZip(zip), CE_None);
        VSIFree(data);
    }
    assert_int_equal(CPLCloseZip(zip), CE_None);
    return out;
}

/* A copy of seed GeoPackage @name whose table @table has a damaged first
 * page (not a b-tree page type): GDAL opens it and fails on the rows. */
static char *damaged_geopackage(const char *dir, const char *name,
                                const char *table)
{
    g_autofree char *seed = g_build_filename(POVATLAS_SOURCE_DIR, "tests",
                                             "fuzz", "gpkg", name, NULL);
    char *out = g_build_filename(dir, name, NULL);
    g_autofree char *bytes = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(seed, &bytes, &len, NULL));
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(seed, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT rootpage, (SELECT page_size FROM"
                           " pragma_page_size) FROM sqlite_master WHERE"
                           " name = ?",
                           -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    gsize at = (gsize)(sqlite3_column_int(st, 0) - 1) *
               (gsize)sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_true(at < len);
    bytes[at] = 0x07;
    assert_true(g_file_set_contents(out, bytes, (gssize)len, NULL));
    return out;
}

static void test_broken_workbook(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    g_autofree char *xlsx = broken_workbook(f->dir);
    assert_refused_quietly(f, import_list, xlsx, "XML parsing");
    testutil_units_ws_free(f);
}

static void test_damaged_geopackage_list(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    g_autofree char *gpkg =
        damaged_geopackage(f->dir, "households.gpkg", "households");
    assert_refused_quietly(f, import_list, gpkg, "malformed");
    testutil_units_ws_free(f);
}

/* Boundaries read features themselves: a damaged page is an error, not
 * the end of the layer with the wards after it silently left out. */
static void test_damaged_geopackage_boundaries(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    g_autofree char *gpkg = damaged_geopackage(f->dir, "wards.gpkg", "wards");
    assert_refused_quietly(f, import_wards, gpkg, "malformed");
    testutil_units_ws_free(f);
}

/* The spatial statistics read a layer the same way (core/gdal_errors.h):
 * a damaged page fails the analysis instead of analysing the features
 * before it. */
static void test_damaged_geopackage_statistics(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *gpkg = damaged_geopackage(dir, "wards.gpkg", "wards");
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o);
    o.field = "code";
    g_autofree char *log = g_build_filename(dir, "stderr.txt", NULL);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
    povatlas_error *err = NULL;
    povatlas_spatial_result *r = povatlas_spatial_layer_analyze(gpkg, &o, &err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    g_autofree char *printed = NULL;
    assert_true(g_file_get_contents(log, &printed, NULL, NULL));
    assert_string_equal(printed, "");
    assert_null(r);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    if (!strstr(err->message, "malformed"))
        fail_msg("'%s' does not give GDAL's reason", err->message);
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    povatlas_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_workbook),
        cmocka_unit_test(test_damaged_geopackage_list),
        cmocka_unit_test(test_damaged_geopackage_boundaries),
        cmocka_unit_test(test_damaged_geopackage_statistics),
    };
    return cmocka_run_group_tests_name("reader_gdal", tests, NULL, NULL);
}
