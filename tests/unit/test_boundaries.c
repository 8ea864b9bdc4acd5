/*
 * test_boundaries.c - importing unit polygons (src/ingest/boundaries.c):
 * the real GADM wards from ../shared (never copied into the repository)
 * join all 16 units with areas matching the reference; bad GeoJSON,
 * invalid rings and unknown codes are reported, never a crash.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/povatlas.h"

typedef testutil_units_ws fixture;

static size_t units_with_geometry(fixture *f)
{
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, NULL);
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++)
        n += u->rows[i].wkb != NULL;
    povatlas_unit_list_free(u);
    return n;
}

/* area_km2 of ../shared/geodata/wards.csv by code */
static GHashTable *reference_areas(void)
{
    g_autofree char *path = testutil_shared_path("geodata/wards.csv");
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    GHashTable *t =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines + 1; *l && **l; l++) {
        g_auto(GStrv) c = g_strsplit(*l, ",", 7);
        double *a = g_new(double, 1);
        *a = g_ascii_strtod(c[5], NULL);
        g_hash_table_insert(t, g_strdup(c[0]), a);
    }
    return t;
}

static void test_real_polygons(void **state)
{
    fixture *f = *state;
    if (!testutil_have_polygons()) {
        skip();
        return;
    }
    g_autofree char *real = testutil_shared_path("geodata/real/wards.geojson");
    povatlas_error *err = NULL;
    povatlas_import_result res;
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    /* without a year, codes that name several units over time are refused */
    assert_int_equal(
        povatlas_import_boundaries(f->ws, real, &o, f->report, &res, &err),
        POVATLAS_E_INPUT);
    /* 22738, 22741, 22750, 22759, 22780 were reused after the mergers */
    assert_int_equal(povatlas_report_n_errors(f->report), 5);
    povatlas_error_free(err);
    err = NULL;
    o.year = 2023; /* the GADM wards are the 2008-2024 units */
    assert_int_equal(
        povatlas_import_boundaries(f->ws, real, &o, f->report, &res, &err),
        POVATLAS_OK);
    assert_int_equal(res.rows_imported, 16);
    assert_int_equal(units_with_geometry(f), 16); /* all 16 wards join */
    GHashTable *ref = reference_areas();
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, NULL);
    double worst = 0;
    for (size_t i = 0; i < u->n; i++) {
        double geodesic = 0, utm = 0;
        assert_int_equal(povatlas_geodesic_area_km2(u->rows[i].wkb,
                                                    u->rows[i].wkb_size,
                                                    &geodesic, NULL),
                         POVATLAS_OK);
        assert_int_equal(povatlas_projected_area_km2(u->rows[i].wkb,
                                                     u->rows[i].wkb_size,
                                                     "EPSG:32649", &utm, NULL),
                         POVATLAS_OK);
        double want = *(double *)g_hash_table_lookup(ref, u->rows[i].code);
        worst = fmax(worst, fabs(geodesic - want) / want);
        /* the reference is planar UTM 49N rounded to 3 decimals */
        assert_true(fabs(utm - want) <= 0.0006);
    }
    assert_true(worst < 0.005); /* geodesic within 0.5 % */
    povatlas_unit_list_free(u);
    g_hash_table_destroy(ref);
}

static void test_unknown_code(void **state)
{
    fixture *f = *state;
    g_autofree char *path = testutil_write_file(
        f->dir, "b.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        "\"properties\":{\"code\":\"99999\"},\"geometry\":{\"type\":"
        "\"Polygon\",\"coordinates\":[[[108.9,11.5],[109,11.5],[109,11.6],"
        "[108.9,11.5]]]}}]}",
        -1);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_boundaries(f->ws, path, NULL, f->report, NULL, &err),
        POVATLAS_E_INPUT);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_int_equal(e->row, 1);
    assert_string_equal(e->column, "code");
    assert_string_equal(e->message,
                        "unknown ward code '99999' (import the unit list "
                        "first, or give name, unit_type and urban)");
    povatlas_error_free(err);
    assert_int_equal(units_with_geometry(f), 0);
}

static void test_invalid_ring_repaired(void **state)
{
    fixture *f = *state;
    /* a bow-tie: self-intersecting, repaired by MakeValid with a warning */
    g_autofree char *path = testutil_write_file(
        f->dir, "bow.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        "\"properties\":{\"code\":\"22738\"},\"geometry\":{\"type\":"
        "\"Polygon\",\"coordinates\":[[[108.9,11.5],[109,11.6],[109,11.5],"
        "[108.9,11.6],[108.9,11.5]]]}}]}",
        -1);
    povatlas_error *err = NULL;
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    assert_int_equal(
        povatlas_import_boundaries(f->ws, path, &o, f->report, NULL, &err),
        POVATLAS_OK);
    assert_int_equal(povatlas_report_n_warnings(f->report), 1);
    assert_string_equal(povatlas_report_warning(f->report, 0)->message,
                        "ward '22738': invalid polygon repaired (MakeValid)");
    assert_int_equal(units_with_geometry(f), 1);
    /* the same units, in the same order, without the geometry */
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, NULL);
    povatlas_unit_list *a =
        povatlas_workspace_unit_attributes(f->ws, 2023, NULL);
    assert_int_equal(a->n, 16);
    assert_int_equal(a->n, u->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->rows[i].code, u->rows[i].code);
        assert_string_equal(a->rows[i].name, u->rows[i].name);
        assert_string_equal(a->rows[i].unit_type, u->rows[i].unit_type);
        assert_string_equal(a->rows[i].valid_from, u->rows[i].valid_from);
        assert_int_equal(a->rows[i].urban, u->rows[i].urban);
        assert_null(a->rows[i].wkb);
        assert_int_equal(a->rows[i].wkb_size, 0);
        assert_true(strcmp(u->rows[i].code, "22738") == 0
                        ? u->rows[i].wkb != NULL
                        : !u->rows[i].wkb);
    }
    povatlas_unit_list_free(a);
    povatlas_unit_list_free(u);
}

static void test_broken_files(void **state)
{
    fixture *f = *state;
    const char *bad[] = {"{\"type\":\"FeatureCollection\",\"features\":[",
                         "{\"type\":\"FeatureCollection\",\"features\":[]}",
                         "not json at all"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *name = g_strdup_printf("bad%zu.geojson", i);
        g_autofree char *path = testutil_write_file(f->dir, name, bad[i], -1);
        povatlas_error *err = NULL;
        assert_int_not_equal(povatlas_import_boundaries(f->ws, path, NULL,
                                                        f->report, NULL, &err),
                             POVATLAS_OK);
        assert_non_null(err);
        povatlas_error_free(err);
    }
    assert_int_equal(units_with_geometry(f), 0);
}

/* A square of side 0.01 degrees from (x, y); x and y written with two
 * decimals, x1 and y1 the far corner. */
#define SQUARE_AT(x, y, x1, y1)                                                \
    "{\"type\":\"Polygon\",\"coordinates\":[[[" #x "," #y "],[" #x1 "," #y     \
    "],[" #x1 "," #y1 "],[" #x "," #y1 "],[" #x "," #y "]]]}"

/* Imports features "code" + geometry (pairs, NULL-ended) for 2023 from a
 * GeoJSON with @crs_member ("" for none); returns the status and the
 * first error formatted as `FILE:ROW: ...` with the folder cut off. */
static povatlas_status import_features(fixture *f, const char *crs_member,
                                       char **first_error, ...)
{
    GString *json = g_string_new("{\"type\":\"FeatureCollection\",");
    g_string_append(json, crs_member);
    g_string_append(json, "\"features\":[");
    va_list ap;
    va_start(ap, first_error);
    const char *code;
    for (int i = 0; (code = va_arg(ap, const char *)); i++)
        g_string_append_printf(json,
                               "%s{\"type\":\"Feature\",\"properties\":{"
                               "\"code\":\"%s\"},\"geometry\":%s}",
                               i ? "," : "", code, va_arg(ap, const char *));
    va_end(ap);
    g_string_append(json, "]}");
    g_autofree char *path =
        testutil_write_file(f->dir, "b.geojson", json->str, -1);
    g_string_free(json, TRUE);
    povatlas_report_free(f->report);
    f->report = povatlas_report_new();
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    povatlas_error *err = NULL;
    povatlas_status st =
        povatlas_import_boundaries(f->ws, path, &o, f->report, NULL, &err);
    const povatlas_error *e = povatlas_report_n_errors(f->report)
                                  ? povatlas_report_error(f->report, 0)
                                  : err;
    g_autofree char *msg = e ? povatlas_error_format(e) : g_strdup("");
    size_t cut = strlen(f->dir) + 1;
    *first_error = g_strdup(strlen(msg) > cut ? msg + cut : msg);
    povatlas_error_free(err);
    return st;
}

static void assert_refused(fixture *f, const char *expected, povatlas_status st,
                           char *got)
{
    assert_int_equal(st, POVATLAS_E_INPUT);
    assert_string_equal(got, expected);
    g_free(got);
    assert_int_equal(units_with_geometry(f), 1); /* the stored one */
}

/* Geometry taken on trust before: each refused with FILE:ROW: why, and
 * the polygon stored earlier left as it was. */
static void test_geometry_refused(void **state)
{
    fixture *f = *state;
    char *msg = NULL;
    assert_int_equal(import_features(f, "", &msg, "22738",
                                     SQUARE_AT(108.98, 11.57, 108.99, 11.58),
                                     NULL),
                     POVATLAS_OK);
    g_free(msg);
    assert_int_equal(units_with_geometry(f), 1);
    povatlas_status st =
        import_features(f, "", &msg, "22738",
                        "{\"type\":\"MultiPolygon\",\"coordinates\":[]}", NULL);
    assert_refused(f,
                   "b.geojson:1: column geometry: ward '22738' has an empty "
                   "geometry",
                   st, msg);
    /* UTM metres in a file with no CRS */
    st = import_features(
        f, "", &msg, "22738",
        "{\"type\":\"Polygon\",\"coordinates\":[[[606000,1280000],[607000,"
        "1280000],[607000,1281000],[606000,1280000]]]}",
        NULL);
    assert_refused(f,
                   "b.geojson:1: column geometry: ward '22738': coordinates "
                   "out of range for EPSG:4326 (x 606000 to 607000, y "
                   "1.28e+06 to 1.281e+06): projected coordinates without "
                   "a CRS, or latitude and longitude swapped?",
                   st, msg);
    /* latitude first */
    st = import_features(f, "", &msg, "22738",
                         SQUARE_AT(11.57, 108.98, 11.58, 108.99), NULL);
    assert_refused(f,
                   "b.geojson:1: column geometry: ward '22738': coordinates "
                   "out of range for EPSG:4326 (x 11.57 to 11.58, y 108.98 "
                   "to 108.99): projected coordinates without a CRS, or "
                   "latitude and longitude swapped?",
                   st, msg);
    /* a ring folded flat */
    st = import_features(f, "", &msg, "22738",
                         "{\"type\":\"Polygon\",\"coordinates\":[[[108.9,"
                         "11.5],[109,11.6],[108.95,11.55],[108.9,11.5]]]}",
                         NULL);
    assert_refused(f,
                   "b.geojson:1: column geometry: ward '22738': the polygon "
                   "has zero area",
                   st, msg);
    st = import_features(f, "", &msg, "22738",
                         SQUARE_AT(108.98, 11.57, 108.99, 11.58), "22768",
                         SQUARE_AT(109.02, 11.54, 109.03, 11.55), "22738",
                         SQUARE_AT(108.99, 11.57, 109.00, 11.58), NULL);
    assert_refused(f,
                   "b.geojson:3: column code: ward code '22738' appears "
                   "twice in the file (features 1 and 3)",
                   st, msg);
    st = import_features(f,
                         "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                         "\"urn:ogc:def:crs:EPSG::99999\"}},",
                         &msg, "22738", SQUARE_AT(108.98, 11.57, 108.99, 11.58),
                         NULL);
    assert_refused(f,
                   "b.geojson: unknown coordinate reference system (PROJ: "
                   "proj_create: crs not found)",
                   st, msg);
}

/* A ward 110 km east of the others is stored, with a warning. */
static void test_far_ward_warned(void **state)
{
    fixture *f = *state;
    char *msg = NULL;
    assert_int_equal(
        import_features(f, "", &msg, "22738",
                        SQUARE_AT(108.98, 11.57, 108.99, 11.58), "22768",
                        SQUARE_AT(109.02, 11.54, 109.03, 11.55), "22747",
                        SQUARE_AT(110.01, 11.56, 110.02, 11.57), NULL),
        POVATLAS_OK);
    g_free(msg);
    assert_int_equal(povatlas_report_n_warnings(f->report), 1);
    const povatlas_error *w = povatlas_report_warning(f->report, 0);
    assert_int_equal(w->row, 3);
    assert_string_equal(w->message, "ward '22747' lies 107 km from the "
                                    "file's other wards: check its "
                                    "coordinates");
    assert_int_equal(units_with_geometry(f), 3);
}

/* The indicator @name of @code in 2023. */
static double indicator(fixture *f, const char *code, const char *name)
{
    double v = NAN;
    int found = 0;
    assert_int_equal(povatlas_workspace_get_indicator(f->ws, code, 2023, name,
                                                      &v, &found, NULL),
                     POVATLAS_OK);
    assert_true(found);
    return v;
}

/* The areas are measured once, by the import (on worker threads), and
 * are exactly those of the stored geometry; analyze reads them, and
 * measures (and keeps) only a geometry stored without them. */
static void test_areas_measured_once(void **state)
{
    fixture *f = *state;
    g_autofree char *path = testutil_write_file(
        f->dir, "two.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        "\"properties\":{\"code\":\"22738\"},\"geometry\":{\"type\":"
        "\"Polygon\",\"coordinates\":[[[108.9,11.6],[108.95,11.6],"
        "[108.95,11.65],[108.9,11.65],[108.9,11.6]]]}},{\"type\":\"Feature\","
        "\"properties\":{\"code\":\"22741\"},\"geometry\":{\"type\":"
        "\"MultiPolygon\",\"coordinates\":[[[[108.96,11.57],[108.98,11.57],"
        "[108.97,11.6],[108.96,11.57]]]]}}]}",
        -1);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_boundaries(f->ws, path, &o, f->report, NULL, &err),
        POVATLAS_OK);
    /* a third unit gets its geometry through the workspace API alone */
    GByteArray *sq = testutil_square_wkb(108.985, 11.555, 0.01);
    assert_int_equal(
        povatlas_workspace_set_unit_geometry(f->ws, "22759", "2023-12-31",
                                             sq->data, sq->len, NULL, &err),
        POVATLAS_OK);
    g_byte_array_unref(sq);
    povatlas_unit_area_list *a = povatlas_workspace_unit_areas(f->ws, &err);
    assert_int_equal(a->n, 3);
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, &err);
    GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                             g_free); /* code -> 2 areas */
    for (size_t i = 0; i < u->n; i++) {
        if (!u->rows[i].wkb)
            continue;
        double *km2 = g_new(double, 2);
        assert_int_equal(povatlas_geodesic_area_km2(u->rows[i].wkb,
                                                    u->rows[i].wkb_size,
                                                    &km2[0], NULL),
                         POVATLAS_OK);
        assert_int_equal(
            povatlas_projected_area_km2(u->rows[i].wkb, u->rows[i].wkb_size,
                                        "EPSG:32649", &km2[1], NULL),
            POVATLAS_OK);
        g_hash_table_insert(want, u->rows[i].code, km2);
    }
    assert_int_equal(g_hash_table_size(want), 3);
    for (size_t i = 0; i < a->n; i++) {
        const double *km2 = g_hash_table_lookup(want, a->rows[i].code);
        assert_non_null(km2);
        if (!strcmp(a->rows[i].code, "22759")) { /* not measured yet */
            assert_true(isnan(a->rows[i].geodesic_km2));
            continue;
        }
        /* to the last bit: what analyze measured before it read them */
        assert_true(a->rows[i].geodesic_km2 == km2[0]);
        assert_true(a->rows[i].utm_km2 == km2[1]);
        assert_true(km2[0] > 1 && km2[0] < 40);
    }
    povatlas_unit_area_list_free(a);
    /* analyze: each unit's area indicators are those areas */
    const char *codes[] = {"22738", "22741", "22759"};
    for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
        povatlas_ward_stat ws = {codes[i], 2023, 1000, -1, "test"};
        assert_int_equal(povatlas_workspace_put_ward_stat(f->ws, &ws, &err),
                         POVATLAS_OK);
    }
    assert_int_equal(povatlas_analyze(f->ws, NULL, NULL, &err), POVATLAS_OK);
    for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
        const double *km2 = g_hash_table_lookup(want, codes[i]);
        assert_true(indicator(f, codes[i], POVATLAS_IND_AREA_KM2) == km2[0]);
        assert_true(indicator(f, codes[i], POVATLAS_IND_AREA_UTM_KM2) ==
                    km2[1]);
    }
    /* the one analyze measured is kept for the next */
    a = povatlas_workspace_unit_areas(f->ws, &err);
    for (size_t i = 0; i < a->n; i++) {
        const double *km2 = g_hash_table_lookup(want, a->rows[i].code);
        assert_true(a->rows[i].geodesic_km2 == km2[0]);
        assert_true(a->rows[i].utm_km2 == km2[1]);
    }
    povatlas_unit_area_list_free(a);
    g_hash_table_destroy(want);
    povatlas_unit_list_free(u);
    assert_null(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_real_polygons, testutil_units_setup, testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_areas_measured_once,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_code, testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_ring_repaired,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_broken_files, testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_geometry_refused,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_far_ward_warned,
                                        testutil_units_setup,
                                        testutil_units_teardown),
    };
    return cmocka_run_group_tests_name("boundaries", tests, NULL, NULL);
}
