/*
 * test_boundary_fields.c - boundary files whose attributes are not
 * povatlas's names (src/ingest/boundaries.c): the code or the name
 * attribute named with --code-field / --name-field, names matched by the
 * units in force in the year asked (src/ingest/unit_names.c), and a clear
 * refusal listing the file's attributes when no code column is found. The
 * real GADM wards of ../shared are read in place through an OGR VRT that
 * renames their attributes (never copied).
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/povatlas.h"

typedef testutil_units_ws fixture;

/* "code|valid_from\n" of every unit period with a polygon. */
static char *with_geometry(fixture *f)
{
    return testutil_query(f->db, "SELECT code, valid_from FROM units WHERE"
                                 " geom IS NOT NULL ORDER BY code, valid_from");
}

static povatlas_status import(fixture *f, const char *path, int year,
                              const char *code_field, const char *name_field,
                              povatlas_error **err)
{
    povatlas_report_free(f->report);
    f->report = povatlas_report_new();
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = year;
    o.code_field = code_field;
    o.name_field = name_field;
    povatlas_status st =
        povatlas_import_boundaries(f->ws, path, &o, f->report, NULL, err);
    for (size_t i = 0; i < povatlas_report_n_errors(f->report); i++)
        print_message("feature %ld: %s\n",
                      povatlas_report_error(f->report, i)->row,
                      povatlas_report_error(f->report, i)->message);
    return st;
}

#define SQUARE(x, y)                                                           \
    "{\"type\":\"Polygon\",\"coordinates\":[[[" #x "," #y "],[" #x ".01," #y   \
    "],[" #x ".01," #y ".01],[" #x "," #y ".01],[" #x "," #y "]]]}"

/* A file as an office might send it: its own attribute names. */
static char *office_file(fixture *f, const char *id1, const char *name1,
                         const char *id2, const char *name2)
{
    g_autofree char *json = g_strdup_printf(
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"ID_PX\":%s,\"TEN_PX\":"
        "\"%s\"},\"geometry\":" SQUARE(
            108.98, 11.57) "},"
                           "{\"type\":\"Feature\",\"properties\":{\"ID_PX\":%s,"
                           "\"TEN_PX\":"
                           "\"%s\"},\"geometry\":" SQUARE(109.02, 11.54) "}]}",
        id1, name1, id2, name2);
    return testutil_write_file(f->dir, "px.geojson", json, -1);
}

static void test_no_code_attribute(void **state)
{
    fixture *f = *state;
    g_autofree char *path =
        office_file(f, "22747", "Phủ Hà", "22768", "DONG HAI");
    povatlas_error *err = NULL;
    assert_int_equal(import(f, path, 2023, NULL, NULL, &err), POVATLAS_E_INPUT);
    assert_non_null(err);
    assert_string_equal(
        err->message,
        "no ward code or name attribute: the layer has 'ID_PX', 'TEN_PX'; "
        "povatlas reads the code from code, ma, unit_code, commune_code, "
        "ma_xa, ma_don_vi, ma_dvhc and the name from name, ten, unit_name, "
        "ten_xa, ten_phuong, ten_don_vi, or from the code and name fields "
        "given");
    /* the library names the option, never a command-line flag */
    assert_string_equal(err->option, "code_field");
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(import(f, path, 2023, "MA", NULL, &err), POVATLAS_E_INPUT);
    assert_string_equal(err->message, "code field: the layer has no "
                                      "attribute 'MA' (it has 'ID_PX', "
                                      "'TEN_PX')");
    assert_string_equal(err->option, "code_field");
    povatlas_error_free(err);
    g_autofree char *none = with_geometry(f);
    assert_string_equal(none, "");
}

/* --code-field: an integer attribute holding the codes. */
static void test_code_field(void **state)
{
    fixture *f = *state;
    g_autofree char *path =
        office_file(f, "22747", "Phủ Hà", "22768", "DONG HAI");
    povatlas_error *err = NULL;
    assert_int_equal(import(f, path, 0, "ID_PX", NULL, &err), POVATLAS_OK);
    g_autofree char *got = with_geometry(f);
    assert_string_equal(got, "22747|2008-02-24\n22768|2008-02-24\n");
}

/* --name-field: names resolved among the units of the year asked; with no
 * year, a name several codes had over time is refused. */
static void test_name_field(void **state)
{
    fixture *f = *state;
    g_autofree char *path = office_file(f, "0", "Phủ Hà", "0", "DONG HAI");
    povatlas_error *err = NULL;
    assert_int_equal(import(f, path, 0, NULL, "TEN_PX", &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(povatlas_report_n_errors(f->report), 2);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_string_equal(e->column, "TEN_PX");
    assert_string_equal(e->message,
                        "ward name 'Phủ Hà' names 'Phường Phủ Hà' (22747, "
                        "2008-02-24 to 2024-10-31), 'Phường Phủ Hà' (22750, "
                        "2024-11-01 to 2025-06-30): give the year the file "
                        "is for");
    assert_int_equal(import(f, path, 2023, NULL, "TEN_PX", &err), POVATLAS_OK);
    g_autofree char *got = with_geometry(f);
    /* Phủ Hà of 2023 is 22747, not the 22750 that took the name later */
    assert_string_equal(got, "22747|2008-02-24\n22768|2008-02-24\n");
}

/* Both attributes named: a code and a name of two units are refused. */
static void test_code_and_name_fields_disagree(void **state)
{
    fixture *f = *state;
    g_autofree char *path =
        office_file(f, "22750", "Phủ Hà", "22768", "Đông Hải");
    povatlas_error *err = NULL;
    assert_int_equal(import(f, path, 2023, "ID_PX", "TEN_PX", &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_int_equal(e->row, 1);
    assert_string_equal(e->column, "TEN_PX");
    assert_string_equal(e->message,
                        "ward code '22750' is Phường Thanh Sơn at the end of "
                        "2023, but the name says 'Phủ Hà' (22747): give the "
                        "code and name of one unit");
}

/* A VRT over the real wards with the attribute renamed to @as. */
static char *real_wards_as(fixture *f, const char *src_field, const char *as)
{
    g_autofree char *real = testutil_shared_path("geodata/real/wards.geojson");
    if (!real || !g_file_test(real, G_FILE_TEST_EXISTS))
        return NULL;
    g_autofree char *vrt =
        g_strdup_printf("<OGRVRTDataSource><OGRVRTLayer name=\"px\">"
                        "<SrcDataSource>%s</SrcDataSource>"
                        "<SrcSQL>SELECT %s AS %s FROM wards</SrcSQL>"
                        "</OGRVRTLayer></OGRVRTDataSource>",
                        real, src_field, as);
    return testutil_write_file(f->dir, "real.vrt", vrt, -1);
}

/* The 16 real polygons of 2008-2024 joined by their names alone. */
static void test_real_wards_by_name(void **state)
{
    fixture *f = *state;
    g_autofree char *vrt = real_wards_as(f, "name", "TEN_PX_XA");
    if (!vrt) {
        print_message("skipped: ../shared/geodata/real/wards.geojson is "
                      "absent\n");
        skip();
    }
    povatlas_error *err = NULL;
    assert_int_equal(import(f, vrt, 2023, NULL, NULL, &err), POVATLAS_E_INPUT);
    assert_true(strstr(err->message, "the layer has 'TEN_PX_XA'") != NULL);
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(import(f, vrt, 2023, NULL, "TEN_PX_XA", &err),
                     POVATLAS_OK);
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, NULL);
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++)
        n += u->rows[i].wkb != NULL;
    assert_int_equal(u->n, 16);
    assert_int_equal(n, 16);
    povatlas_unit_list_free(u);
    /* the later periods that reuse the names got no 2008-2024 polygon */
    g_autofree char *got = with_geometry(f);
    assert_null(strstr(got, "|2024-11-01"));
    assert_null(strstr(got, "|2025-07-01"));
}

static void test_real_wards_by_code_field(void **state)
{
    fixture *f = *state;
    g_autofree char *vrt = real_wards_as(f, "code", "MA_PX");
    if (!vrt) {
        print_message("skipped: ../shared/geodata/real/wards.geojson is "
                      "absent\n");
        skip();
    }
    povatlas_error *err = NULL;
    assert_int_equal(import(f, vrt, 2023, "MA_PX", NULL, &err), POVATLAS_OK);
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, NULL);
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++)
        n += u->rows[i].wkb != NULL;
    assert_int_equal(n, 16);
    povatlas_unit_list_free(u);
}

int main(void)
{
#define T(fn)                                                                  \
    cmocka_unit_test_setup_teardown(fn, testutil_units_setup_crosswalk,        \
                                    testutil_units_teardown)
    const struct CMUnitTest tests[] = {
        T(test_no_code_attribute),  T(test_code_field),
        T(test_name_field),         T(test_code_and_name_fields_disagree),
        T(test_real_wards_by_name), T(test_real_wards_by_code_field),
    };
    return cmocka_run_group_tests_name("boundary_fields", tests, NULL, NULL);
}
