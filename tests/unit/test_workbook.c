/*
 * test_workbook.c - src/ingest/workbook.c: an XLSX or ODS workbook is
 * measured before GDAL opens it. A 4 MB XLSX that inflated to 1 GB took
 * 3.6 GB of memory; a sheet's <dimension> can declare millions of cells,
 * a sheet without one and an ODS sheet (repeated rows and cells) hold
 * them. Each bomb is made here with GDAL's /vsizip/ writer.
 */
#include "testutil.h"

#include <string.h>

#include <cpl_vsi.h>
#include <glib/gstdio.h>

#include "povatlas/core.h"
#include "povatlas/ingest.h"

/* Adds @member to the zip @zip (a /vsizip/ path being written): @text,
 * then @zeros bytes of '\0'. */
static void add_member(const char *zip, const char *member, const char *text,
                       size_t zeros)
{
    g_autofree char *vsi = g_strdup_printf("%s/%s", zip, member);
    VSILFILE *fp = VSIFOpenL(vsi, "wb");
    assert_non_null(fp);
    size_t n = strlen(text);
    assert_int_equal(VSIFWriteL(text, 1, n, fp), n);
    static char block[1 << 20];
    for (size_t done = 0; done < zeros; done += sizeof block)
        assert_int_equal(VSIFWriteL(block, 1, sizeof block, fp), sizeof block);
    assert_int_equal(VSIFCloseL(fp), 0);
}

#define CONTENT_TYPES                                                          \
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats."     \
    "org/package/2006/content-types\"/>"

/* A workbook at @path of one sheet whose XML starts with @sheet_head and
 * then holds @zeros zero bytes. */
static void write_workbook(const char *path, const char *sheet_head,
                           size_t zeros)
{
    g_autofree char *zip = g_strconcat("/vsizip/", path, NULL);
    add_member(zip, "[Content_Types].xml", CONTENT_TYPES, 0);
    add_member(zip, "xl/worksheets/sheet1.xml", sheet_head, zeros);
}

static povatlas_status import_households(testutil_units_ws *f, const char *path,
                                         char **msg)
{
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    povatlas_error *err = NULL;
    povatlas_status st =
        povatlas_import_households(f->ws, path, &o, f->report, NULL, &err);
    g_autofree char *full = err ? povatlas_error_format(err) : g_strdup("");
    size_t cut = strlen(f->dir) + 1;
    *msg = g_strdup(g_str_has_prefix(full, f->dir) ? full + cut : full);
    povatlas_error_free(err);
    return st;
}

static int setup(void **state)
{
    *state = testutil_units_ws_new(FALSE);
    return 0;
}

static int teardown(void **state)
{
    testutil_units_ws_free(*state);
    return 0;
}

/* 300 MiB of zeros deflate to well under 1 MiB: refused from the zip's
 * directory, before anything is inflated, and quickly. */
static void test_zip_bomb_refused(void **state)
{
    testutil_units_ws *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "bomb.xlsx", NULL);
    write_workbook(path, "<worksheet>", (size_t)300 << 20);
    GStatBuf sb;
    assert_int_equal(g_stat(path, &sb), 0);
    assert_true(sb.st_size < 1 << 20);
    gint64 t0 = g_get_monotonic_time();
    char *msg = NULL;
    assert_int_equal(import_households(f, path, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "bomb.xlsx: the workbook inflates to 300 MiB, "
                             "more than the 256 MiB povatlas reads (a zip "
                             "bomb, or a list to give as CSV)");
    g_free(msg);
    assert_true(g_get_monotonic_time() - t0 < 2 * G_USEC_PER_SEC);
}

/* A sheet that declares more cells or columns than povatlas reads. */
static void test_sheet_dimension_refused(void **state)
{
    testutil_units_ws *f = *state;
    g_autofree char *cells = g_build_filename(f->dir, "cells.xlsx", NULL);
    write_workbook(cells,
                   "<?xml version=\"1.0\"?><worksheet><sheetPr/>"
                   "<dimension ref=\"A1:ZZ999999\"/><sheetData/></worksheet>",
                   0);
    char *msg = NULL;
    assert_int_equal(import_households(f, cells, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "cells.xlsx: xl/worksheets/sheet1.xml spans "
                             "999999 rows x 702 columns, more than the "
                             "10000000 cells povatlas reads from a sheet: "
                             "give the list as CSV");
    g_free(msg);
    g_autofree char *wide = g_build_filename(f->dir, "wide.xlsx", NULL);
    write_workbook(wide, "<worksheet><dimension ref=\"B2:CCC3\"/></worksheet>",
                   0);
    assert_int_equal(import_households(f, wide, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "wide.xlsx: xl/worksheets/sheet1.xml spans "
                             "2108 columns, more than the 2000 povatlas "
                             "reads");
    g_free(msg);
}

/* A sheet without <dimension> is counted from its cells: a cell in
 * column 2109, or rows up to 5,000,001 of three columns, are refused
 * before GDAL opens the sheet; a small one passes to GDAL. */
static void test_sheet_without_dimension_refused(void **state)
{
    testutil_units_ws *f = *state;
    g_autofree char *wide = g_build_filename(f->dir, "wide.xlsx", NULL);
    write_workbook(wide,
                   "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>"
                   "</c><c r=\"CCC1\" t=\"n\"><v>2</v></c></row></sheetData>"
                   "</worksheet>",
                   0);
    char *msg = NULL;
    assert_int_equal(import_households(f, wide, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "wide.xlsx: xl/worksheets/sheet1.xml spans "
                             "2109 columns, more than the 2000 povatlas "
                             "reads");
    g_free(msg);
    g_autofree char *tall = g_build_filename(f->dir, "tall.xlsx", NULL);
    write_workbook(tall,
                   "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"/>"
                   "<c r=\"B1\"/><c r=\"C1\"/></row><x:row r=\"5000001\">"
                   "<x:c r=\"A5000001\"><v>1</v></x:c></x:row></sheetData>"
                   "</worksheet>",
                   0);
    assert_int_equal(import_households(f, tall, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "tall.xlsx: xl/worksheets/sheet1.xml spans "
                             "5000001 rows x 3 columns, more than the "
                             "10000000 cells povatlas reads from a sheet: "
                             "give the list as CSV");
    g_free(msg);
    /* cells without a reference count one after the other */
    GString *row = g_string_new("<worksheet><sheetData><row>");
    for (int i = 0; i < 2001; i++)
        g_string_append(row, "<c><v>1</v></c>");
    g_string_append(row, "</row></sheetData></worksheet>");
    g_autofree char *bare = g_build_filename(f->dir, "bare.xlsx", NULL);
    write_workbook(bare, row->str, 0);
    g_string_free(row, TRUE);
    assert_int_equal(import_households(f, bare, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "bare.xlsx: xl/worksheets/sheet1.xml spans "
                             "2001 columns, more than the 2000 povatlas "
                             "reads");
    g_free(msg);
    g_autofree char *small = g_build_filename(f->dir, "small.xlsx", NULL);
    write_workbook(small,
                   "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"/>"
                   "<c r=\"BXX1\"/></row><row r=\"4000\"><c r=\"A4000\"/>"
                   "</row></sheetData></worksheet>",
                   0);
    import_households(f, small, &msg);
    assert_null(strstr(msg, "spans"));
    g_free(msg);
}

/* An ODS workbook (content.xml) of one sheet whose table holds @rows. */
static void write_ods(const char *path, const char *rows)
{
    g_autofree char *zip = g_strconcat("/vsizip/", path, NULL);
    add_member(zip, "mimetype",
               "application/vnd.oasis.opendocument.spreadsheet", 0);
    g_autofree char *content = g_strconcat(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:"
        "opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:"
        "opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:"
        "opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
        "<table:table table:name=\"Sheet1\">"
        "<table:table-column table:number-columns-repeated=\"1024\"/>",
        rows,
        "</table:table></office:spreadsheet></office:body>"
        "</office:document-content>",
        NULL);
    add_member(zip, "content.xml", content, 0);
}

/* ODS sheets are counted as GDAL expands them: repeated cells and rows
 * that hold a value count every time, the empty tail LibreOffice writes
 * to the sheet's edge (1024 columns, 1,048,576 rows) does not. */
static void test_ods_cells_refused(void **state)
{
    testutil_units_ws *f = *state;
    g_autofree char *wide = g_build_filename(f->dir, "wide.ods", NULL);
    write_ods(wide, "<table:table-row><table:table-cell office:value-type="
                    "\"float\" office:value=\"1\" table:number-columns-"
                    "repeated=\"2500\"/></table:table-row>");
    char *msg = NULL;
    assert_int_equal(import_households(f, wide, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "wide.ods: sheet 1 of content.xml spans 2500 "
                             "columns, more than the 2000 povatlas reads");
    g_free(msg);
    g_autofree char *tall = g_build_filename(f->dir, "tall.ods", NULL);
    write_ods(tall, "<table:table-row><table:table-cell><text:p>Mã hộ</text:p>"
                    "</table:table-cell></table:table-row>"
                    "<table:table-row table:number-rows-repeated=\"4000000\">"
                    "<table:table-cell table:number-columns-repeated=\"2\"/>"
                    "<table:table-cell office:value-type=\"float\" "
                    "office:value=\"1\"/></table:table-row>");
    assert_int_equal(import_households(f, tall, &msg), POVATLAS_E_INPUT);
    assert_string_equal(msg, "tall.ods: sheet 1 of content.xml spans "
                             "4000001 rows x 3 columns, more than the "
                             "10000000 cells povatlas reads from a sheet: "
                             "give the list as CSV");
    g_free(msg);
    g_autofree char *edge = g_build_filename(f->dir, "edge.ods", NULL);
    write_ods(edge, "<table:table-row><table:table-cell><text:p>Mã hộ</text:p>"
                    "</table:table-cell><table:table-cell table:number-columns-"
                    "repeated=\"1023\"/></table:table-row>"
                    "<table:table-row table:number-rows-repeated=\"1048575\">"
                    "<table:table-cell table:number-columns-repeated=\"1024\"/>"
                    "</table:table-row>");
    import_households(f, edge, &msg);
    assert_null(strstr(msg, "spans"));
    g_free(msg);
}

/* The shipped review workbook passes the check and imports. */
static void test_real_workbook_passes(void **state)
{
    testutil_units_ws *f = *state;
    g_autofree char *path = g_build_filename(
        POVATLAS_SOURCE_DIR, "tests", "fixtures", "review_2023.xlsx", NULL);
    char *msg = NULL;
    povatlas_status st = import_households(f, path, &msg);
    assert_null(strstr(msg, "inflates"));
    assert_null(strstr(msg, "spans"));
    g_free(msg);
    (void)st;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_zip_bomb_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet_dimension_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sheet_without_dimension_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ods_cells_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_real_workbook_passes, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
