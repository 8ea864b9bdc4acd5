/*
 * test_workbook.c - src/ingest/workbook.c: an XLSX or ODS workbook is
 * measured before GDAL opens it. A 4 MB XLSX that inflated to 1 GB took
 * 3.6 GB of memory; a sheet's <dimension> can declare millions of cells.
 * Each bomb is made here with GDAL's /vsizip/ writer.
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
        cmocka_unit_test_setup_teardown(test_real_workbook_passes, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
