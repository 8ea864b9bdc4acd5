/*
 * test_wards.c - the exported ward layer (src/export/wards.c): what an
 * analyst opens in QGIS. Loads the embedded dataset through the library,
 * exports a GeoPackage and checks its contents against counts made here
 * straight from the CSV files.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "povatlas/povatlas.h"

typedef struct fixture {
    char *dir, *gpkg;
    povatlas_workspace *ws;
} fixture;

static int setup(void **state)
{
    povatlas_init();
    fixture *f = g_new0(fixture, 1);
    f->dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(f->dir, "w.sqlite", NULL);
    f->ws = povatlas_workspace_create(db, 0, NULL);
    g_autofree char *ini = povatlas_data_path("dataset.ini");
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_dataset_load(f->ws, ini, NULL, NULL, NULL, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_analyze(f->ws, NULL, NULL, &err), POVATLAS_OK);
    f->gpkg = g_build_filename(f->dir, "atlas.gpkg", NULL);
    assert_int_equal(povatlas_export_wards(f->ws, f->gpkg, NULL, &err),
                     POVATLAS_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f->gpkg);
    g_free(f);
    return 0;
}

/* Per ward of 2023: households (ward_stats.csv), poor and near-poor
 * (households_2023.csv), counted without povatlas. */
typedef struct oracle {
    GHashTable *households, *poor, *near;
} oracle;

static void count_line(oracle *o, char **cells, int n)
{
    const char *status = n > 21 ? cells[21] : "";
    GHashTable *t = strcmp(status, "Hộ nghèo") == 0       ? o->poor
                    : strcmp(status, "Hộ cận nghèo") == 0 ? o->near
                                                          : NULL;
    if (t) {
        gpointer v = g_hash_table_lookup(t, cells[2]);
        g_hash_table_replace(t, g_strdup(cells[2]),
                             GINT_TO_POINTER(GPOINTER_TO_INT(v) + 1));
    }
}

static oracle oracle_load(void)
{
    oracle o = {
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    g_autofree char *stats = povatlas_data_path("ward_stats.csv");
    g_autofree char *hh = povatlas_data_path("households_2023.csv");
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(stats, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines + 1; *l && **l; l++) {
        g_auto(GStrv) c = g_strsplit(*l, ",", -1);
        if (strcmp(c[1], "2023") == 0)
            g_hash_table_replace(o.households, g_strdup(c[0]),
                                 GINT_TO_POINTER(atoi(c[2])));
    }
    g_free(text);
    text = NULL;
    assert_true(g_file_get_contents(hh, &text, NULL, NULL));
    g_auto(GStrv) rows = g_strsplit(text, "\n", -1);
    for (char **l = rows + 1; *l && **l; l++) {
        g_auto(GStrv) c = g_strsplit(*l, ",", -1);
        count_line(&o, c, (int)g_strv_length(c));
    }
    return o;
}

static void oracle_free(oracle *o)
{
    g_hash_table_destroy(o->households);
    g_hash_table_destroy(o->poor);
    g_hash_table_destroy(o->near);
}

static const char *const REQUIRED[] = {
    "code",           "name",           "unit_type", "urban",
    "zone",           "households",     "poor",      "near_poor",
    "poor_rate",      "near_poor_rate", "area_km2",  "poor_per_km2"};

static void test_layer_shape(void **state)
{
    fixture *f = *state;
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    assert_string_equal(GDALGetDriverShortName(GDALGetDatasetDriver(ds)),
                        "GPKG");
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    assert_non_null(l);
    assert_int_equal(OGR_L_GetFeatureCount(l, TRUE), 16);
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l);
    assert_string_equal(OSRGetAuthorityCode(srs, NULL), "4326");
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(l);
    for (size_t i = 0; i < G_N_ELEMENTS(REQUIRED); i++)
        assert_true(OGR_FD_GetFieldIndex(d, REQUIRED[i]) >= 0);
    /* no personal data in any field */
    for (int i = 0; i < OGR_FD_GetFieldCount(d); i++) {
        const char *n = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i));
        assert_null(strstr(n, "head"));
        assert_null(strstr(n, "household_id"));
    }
    assert_string_equal(GDALGetMetadataItem(ds, "POVATLAS_SYNTHETIC", NULL),
                        "YES");
    GDALClose(ds);
}

static void test_values_match_counts(void **state)
{
    fixture *f = *state;
    oracle o = oracle_load();
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    OGRFeatureH ft;
    int n = 0, total_poor = 0;
    while ((ft = OGR_L_GetNextFeature(l))) {
        const char *code = OGR_F_GetFieldAsString(ft, 0);
        int hh = GPOINTER_TO_INT(g_hash_table_lookup(o.households, code));
        int poor = GPOINTER_TO_INT(g_hash_table_lookup(o.poor, code));
        int near = GPOINTER_TO_INT(g_hash_table_lookup(o.near, code));
        assert_true(hh > 0);
        assert_int_equal(OGR_F_GetFieldAsInteger64(ft, OGR_F_GetFieldIndex(
                                                           ft, "households")),
                         hh);
        assert_int_equal(
            OGR_F_GetFieldAsInteger64(ft, OGR_F_GetFieldIndex(ft, "poor")),
            poor);
        assert_int_equal(OGR_F_GetFieldAsInteger64(
                             ft, OGR_F_GetFieldIndex(ft, "near_poor")),
                         near);
        /* rate = poor / households of the ward statistics, 2 decimals */
        double rate =
            OGR_F_GetFieldAsDouble(ft, OGR_F_GetFieldIndex(ft, "poor_rate"));
        double want = floor(100.0 * 100.0 * poor / hh + 0.5) / 100.0;
        assert_true(fabs(rate - want) < 1e-9);
        double area =
            OGR_F_GetFieldAsDouble(ft, OGR_F_GetFieldIndex(ft, "area_km2"));
        double dens =
            OGR_F_GetFieldAsDouble(ft, OGR_F_GetFieldIndex(ft, "poor_per_km2"));
        assert_true(area > 0.1);
        assert_true(fabs(dens - poor / area) < 1e-9 * (1 + dens));
        assert_non_null(OGR_F_GetGeometryRef(ft));
        total_poor += poor;
        n++;
        OGR_F_Destroy(ft);
    }
    assert_int_equal(n, 16);
    assert_int_equal(total_poor, 558);
    GDALClose(ds);
    oracle_free(&o);
}

static void test_no_personal_data_in_file(void **state)
{
    fixture *f = *state;
    g_autofree char *bytes = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(f->gpkg, &bytes, &len, NULL));
    const char *needle = "giả định"; /* the synthetic head-of-household names */
    assert_null(g_strstr_len(bytes, (gssize)len, needle));
}

static void test_other_formats(void **state)
{
    fixture *f = *state;
    g_autofree char *json = g_build_filename(f->dir, "w.geojson", NULL);
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    o.format = "GeoJSON";
    o.t_srs = "EPSG:32649";
    assert_int_equal(povatlas_export_wards(f->ws, json, &o, NULL),
                     POVATLAS_OK);
    GDALDatasetH ds = GDALOpenEx(json, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    assert_int_equal(OGR_L_GetFeatureCount(l, TRUE), 16);
    OGREnvelope env;
    OGR_L_GetExtent(l, &env, TRUE);
    assert_true(env.MinX > 100000 && env.MaxY > 1000000); /* metres */
    GDALClose(ds);
    povatlas_error *err = NULL;
    o.format = "NoSuchDriver";
    assert_int_equal(povatlas_export_wards(f->ws, json, &o, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    o.format = "GPKG";
    o.t_srs = "EPSG:999999";
    assert_int_equal(povatlas_export_wards(f->ws, json, &o, &err),
                     POVATLAS_E_USAGE);
    assert_string_equal(err->message, "unknown CRS 'EPSG:999999'");
    povatlas_error_free(err);
}

static void test_failed_export_leaves_nothing(void **state)
{
    fixture *f = *state;
    g_autofree char *missing = g_build_filename(f->dir, "nope", "a.gpkg",
                                                NULL);
    povatlas_error *err = NULL;
    assert_int_not_equal(povatlas_export_wards(f->ws, missing, NULL, &err),
                         POVATLAS_OK);
    assert_non_null(err);
    povatlas_error_free(err);
    /* no temporary file is left beside the output */
    GDir *d = g_dir_open(f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(d)))
        assert_null(strstr(name, ".tmp-"));
    g_dir_close(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_shape),
        cmocka_unit_test(test_values_match_counts),
        cmocka_unit_test(test_no_personal_data_in_file),
        cmocka_unit_test(test_other_formats),
        cmocka_unit_test(test_failed_export_leaves_nothing),
    };
    return cmocka_run_group_tests_name("wards", tests, setup, teardown);
}
