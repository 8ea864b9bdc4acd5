/*
 * test_table_files.c - a report table as text, CSV, JSON and XLSX
 * (src/export/table_files.c): the exact bytes of each text form, numbers
 * as numbers outside the text form, a missing cell never 0, the notes in
 * every format, and files written whole or not at all.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include "povatlas/export.h"
#include "povatlas/table.h"

/* Two wards, the second with no value: text, int and percent columns. */
static povatlas_table *two_wards(const char *lang)
{
    int en = g_strcmp0(lang, "en") == 0;
    povatlas_table *t = povatlas_table_new(en ? "Poor: 2023" : "Hộ nghèo 2023");
    povatlas_table_add_column(t, en ? "Ward" : "Phường", POVATLAS_COLUMN_TEXT,
                              0);
    povatlas_table_add_column(t, en ? "Households" : "Hộ", POVATLAS_COLUMN_INT,
                              0);
    povatlas_table_add_column(t, en ? "Rate" : "Tỷ lệ", POVATLAS_COLUMN_PERCENT,
                              2);
    povatlas_table_add_note(t, "DỮ LIỆU GIẢ LẬP");
    size_t r = povatlas_table_add_row(t);
    povatlas_table_set_text(t, r, 0, "Bến Nghé");
    povatlas_table_set_int(t, r, 1, 47400);
    povatlas_table_set_real(t, r, 2, 1.17);
    r = povatlas_table_add_row(t);
    povatlas_table_set_text(t, r, 0, "An \"Khánh\", Q.2");
    return t;
}

static void test_format_names(void **state)
{
    (void)state;
    povatlas_table_format f = POVATLAS_TABLE_TEXT;
    assert_true(povatlas_table_format_parse("CSV", &f));
    assert_int_equal(f, POVATLAS_TABLE_CSV);
    assert_true(povatlas_table_format_parse("json", &f));
    assert_int_equal(f, POVATLAS_TABLE_JSON);
    assert_true(povatlas_table_format_parse("Xlsx", &f));
    assert_int_equal(f, POVATLAS_TABLE_XLSX);
    assert_true(povatlas_table_format_parse("text", &f));
    assert_int_equal(f, POVATLAS_TABLE_TEXT);
    f = POVATLAS_TABLE_JSON;
    assert_false(povatlas_table_format_parse("xls", &f));
    assert_false(povatlas_table_format_parse(NULL, &f));
    assert_int_equal(f, POVATLAS_TABLE_JSON); /* untouched */

    assert_true(povatlas_table_format_of_path("out/report.TXT", &f));
    assert_int_equal(f, POVATLAS_TABLE_TEXT);
    assert_true(povatlas_table_format_of_path("a.b/report.csv", &f));
    assert_int_equal(f, POVATLAS_TABLE_CSV);
    assert_true(povatlas_table_format_of_path("report.json", &f));
    assert_int_equal(f, POVATLAS_TABLE_JSON);
    assert_true(povatlas_table_format_of_path("report.xlsx", &f));
    assert_int_equal(f, POVATLAS_TABLE_XLSX);
    /* ".text" is not an ending of the text form; a dot in a folder is
     * not an ending at all */
    assert_false(povatlas_table_format_of_path("report.text", &f));
    assert_false(povatlas_table_format_of_path("v1.csv/report", &f));
    assert_false(povatlas_table_format_of_path("report", &f));
    assert_false(povatlas_table_format_of_path("report.pdf", &f));
}

static void test_text(void **state)
{
    (void)state;
    povatlas_table *t = two_wards("vi");
    g_autofree char *vi =
        povatlas_table_to_string(t, POVATLAS_TABLE_TEXT, "vi", NULL);
    assert_string_equal(vi, "DỮ LIỆU GIẢ LẬP\n"
                            "Hộ nghèo 2023\n"
                            "Phường               Hộ   Tỷ lệ\n"
                            "Bến Nghé         47.400  1,17 %\n"
                            "An \"Khánh\", Q.2       –       –\n");
    g_autofree char *en =
        povatlas_table_to_string(t, POVATLAS_TABLE_TEXT, "en", NULL);
    assert_non_null(strstr(en, "Bến Nghé         47,400  1.17 %\n"));
    povatlas_table_free(t);
}

static void test_csv(void **state)
{
    (void)state;
    povatlas_table *t = two_wards("en");
    g_autofree char *csv =
        povatlas_table_to_string(t, POVATLAS_TABLE_CSV, "en", NULL);
    /* numbers as numbers whatever the language; missing cells empty; the
     * note in a last column of every row */
    assert_string_equal(csv, "Ward,Households,Rate,Note\r\n"
                             "Bến Nghé,47400,1.17,DỮ LIỆU GIẢ LẬP\r\n"
                             "\"An \"\"Khánh\"\", Q.2\",,,DỮ LIỆU GIẢ LẬP\r\n");
    g_autofree char *vi =
        povatlas_table_to_string(t, POVATLAS_TABLE_CSV, "vi", NULL);
    assert_true(g_str_has_prefix(vi, "Ward,Households,Rate,Ghi chú\r\n"
                                     "Bến Nghé,47400,1.17,"));
    povatlas_table_free(t);

    /* without rows the note still travels, in a row of its own */
    t = povatlas_table_new("empty");
    povatlas_table_add_column(t, "a", POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_note(t, "n1");
    povatlas_table_add_note(t, "n2");
    g_autofree char *empty =
        povatlas_table_to_string(t, POVATLAS_TABLE_CSV, "en", NULL);
    assert_string_equal(empty, "a,Note\r\n,n1; n2\r\n");
    povatlas_table_free(t);
}

static void test_json(void **state)
{
    (void)state;
    povatlas_table *t = two_wards("en");
    g_autofree char *json =
        povatlas_table_to_string(t, POVATLAS_TABLE_JSON, "vi", NULL);
    assert_string_equal(
        json, "{\n"
              "  \"title\": \"Poor: 2023\",\n"
              "  \"notes\": [\"DỮ LIỆU GIẢ LẬP\"],\n"
              "  \"columns\": [\n"
              "    {\"name\": \"Ward\", \"type\": \"text\"},\n"
              "    {\"name\": \"Households\", \"type\": \"integer\"},\n"
              "    {\"name\": \"Rate\", \"type\": \"percent\"}],\n"
              "  \"rows\": [\n"
              "    {\"Ward\": \"Bến Nghé\", \"Households\": 47400, "
              "\"Rate\": 1.17},\n"
              "    {\"Ward\": \"An \\\"Khánh\\\", Q.2\", \"Households\": null, "
              "\"Rate\": null}]\n"
              "}\n");
    /* XLSX is a file, never a string */
    povatlas_error *err = NULL;
    assert_null(povatlas_table_to_string(t, POVATLAS_TABLE_XLSX, "en", &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_string_equal(err->message, "XLSX is written to a file, not printed");
    povatlas_error_free(err);
    povatlas_table_free(t);
}

static void test_write_csv(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "wards.csv", NULL);
    povatlas_table *t = two_wards("en");
    assert_int_equal(
        povatlas_table_write(t, POVATLAS_TABLE_CSV, "en", path, 0, NULL),
        POVATLAS_OK);
    g_autofree char *got = NULL;
    assert_true(g_file_get_contents(path, &got, NULL, NULL));
    g_autofree char *want =
        povatlas_table_to_string(t, POVATLAS_TABLE_CSV, "en", NULL);
    assert_string_equal(got, want);

    /* an existing file is kept unless overwriting is asked for */
    povatlas_error *err = NULL;
    povatlas_table *other = povatlas_table_new("other");
    povatlas_table_add_column(other, "x", POVATLAS_COLUMN_TEXT, 0);
    assert_int_equal(
        povatlas_table_write(other, POVATLAS_TABLE_CSV, "en", path, 0, &err),
        POVATLAS_E_USAGE);
    assert_string_equal(err->message, "the file exists; not overwritten");
    assert_string_equal(err->file, path);
    povatlas_error_free(err);
    g_autofree char *kept = NULL;
    assert_true(g_file_get_contents(path, &kept, NULL, NULL));
    assert_string_equal(kept, want);
    assert_int_equal(
        povatlas_table_write(other, POVATLAS_TABLE_TEXT, "en", path, 1, NULL),
        POVATLAS_OK);
    g_autofree char *over = NULL;
    assert_true(g_file_get_contents(path, &over, NULL, NULL));
    assert_string_equal(over, "other\nx\n");
    /* nothing but the file is left in the folder */
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_string_equal(g_dir_read_name(d), "wards.csv");
    assert_null(g_dir_read_name(d));
    g_dir_close(d);
    povatlas_table_free(other);
    povatlas_table_free(t);
    testutil_rmtree(dir);
}

static void test_write_xlsx(void **state)
{
    (void)state;
    GDALAllRegister();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "wards.xlsx", NULL);
    povatlas_table *t = two_wards("en");
    assert_int_equal(
        povatlas_table_write(t, POVATLAS_TABLE_XLSX, "en", path, 0, NULL),
        POVATLAS_OK);
    povatlas_table_free(t);

    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
    CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO");
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", NULL);
    CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", NULL);
    assert_non_null(ds);
    assert_int_equal(GDALDatasetGetLayerCount(ds), 1);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    /* the sheet is the title with the characters Excel refuses replaced */
    assert_string_equal(OGR_L_GetName(l), "Poor- 2023");
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(l);
    assert_int_equal(OGR_FD_GetFieldCount(d), 4);
    const char *heads[] = {"Ward", "Households", "Rate", "Note"};
    for (int i = 0; i < 4; i++)
        assert_string_equal(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i)),
                            heads[i]);
    assert_int_equal(OGR_L_GetFeatureCount(l, TRUE), 2);
    OGR_L_ResetReading(l);
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_string_equal(OGR_F_GetFieldAsString(f, 0), "Bến Nghé");
    assert_int_equal(OGR_F_GetFieldAsInteger64(f, 1), 47400);
    assert_true(fabs(OGR_F_GetFieldAsDouble(f, 2) - 1.17) < 1e-12);
    assert_string_equal(OGR_F_GetFieldAsString(f, 3), "DỮ LIỆU GIẢ LẬP");
    OGR_F_Destroy(f);
    f = OGR_L_GetNextFeature(l);
    assert_string_equal(OGR_F_GetFieldAsString(f, 0), "An \"Khánh\", Q.2");
    /* a missing cell is empty, not 0 */
    assert_false(OGR_F_IsFieldSetAndNotNull(f, 1));
    assert_false(OGR_F_IsFieldSetAndNotNull(f, 2));
    OGR_F_Destroy(f);
    GDALClose(ds);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names), cmocka_unit_test(test_text),
        cmocka_unit_test(test_csv),          cmocka_unit_test(test_json),
        cmocka_unit_test(test_write_csv),    cmocka_unit_test(test_write_xlsx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
