/*
 * test_wards.c - the exported ward layer (src/export/wards.c): what an
 * analyst opens in QGIS. Loads the embedded dataset through the library,
 * exports a GeoPackage and checks its contents against counts made here
 * straight from the CSV files.
 */
#include "testutil.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/write_fault.h"
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
    oracle o = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
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
    "code",      "name",           "unit_type", "urban",
    "zone",      "households",     "poor",      "near_poor",
    "poor_rate", "near_poor_rate", "area_km2",  "poor_per_km2"};

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
        assert_int_equal(OGR_F_GetFieldAsInteger64(
                             ft, OGR_F_GetFieldIndex(ft, "households")),
                         hh);
        assert_int_equal(
            OGR_F_GetFieldAsInteger64(ft, OGR_F_GetFieldIndex(ft, "poor")),
            poor);
        assert_int_equal(
            OGR_F_GetFieldAsInteger64(ft, OGR_F_GetFieldIndex(ft, "near_poor")),
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
    assert_int_equal(povatlas_export_wards(f->ws, json, &o, NULL), POVATLAS_OK);
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
    g_autofree char *missing = g_build_filename(f->dir, "nope", "a.gpkg", NULL);
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

/* Runs one SQL statement through GDAL and returns the first row (caller
 * destroys it with OGR_F_Destroy) or NULL. */
static OGRFeatureH sql_row(GDALDatasetH ds, const char *sql)
{
    OGRLayerH r = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    if (!r)
        return NULL;
    OGRFeatureH f = OGR_L_GetNextFeature(r);
    GDALDatasetReleaseResultSet(ds, r);
    return f;
}

/* poor_rate of every feature, as read back from the file. */
static double *read_rates(GDALDatasetH ds, size_t *n)
{
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
    OGRFeatureH ft;
    OGR_L_ResetReading(l);
    while ((ft = OGR_L_GetNextFeature(l))) {
        int i = OGR_F_GetFieldIndex(ft, "poor_rate");
        double v = OGR_F_IsFieldSetAndNotNull(ft, i)
                       ? OGR_F_GetFieldAsDouble(ft, i)
                       : NAN;
        g_array_append_val(a, v);
        OGR_F_Destroy(ft);
    }
    *n = a->len;
    return (double *)g_array_free(a, FALSE);
}

/* Every number following @attr=" in @xml, in order. */
static GArray *xml_numbers(const char *xml, const char *attr)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
    g_autofree char *needle = g_strdup_printf(" %s=\"", attr);
    for (const char *p = strstr(xml, needle); p; p = strstr(p + 1, needle)) {
        double v = g_ascii_strtod(p + strlen(needle), NULL);
        g_array_append_val(a, v);
    }
    return a;
}

static void test_layer_style_row(void **state)
{
    fixture *f = *state;
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH wards = GDALDatasetGetLayerByName(ds, "wards");
    assert_string_equal(OGR_L_GetGeometryColumn(wards), "geom");
    OGRFeatureH r =
        sql_row(ds, "SELECT f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, useAsDefault, owner, ui, "
                    "update_time, styleQML, styleSLD, "
                    "typeof(f_table_schema) AS ts FROM layer_styles "
                    "WHERE f_table_name = 'wards'");
    assert_non_null(r);
    assert_string_equal(OGR_F_GetFieldAsString(r, 0), "");
    assert_false(OGR_F_IsFieldNull(r, 1));
    assert_string_equal(OGR_F_GetFieldAsString(r, 1), "");
    assert_string_equal(OGR_F_GetFieldAsString(r, 11), "text"); /* '' */
    assert_string_equal(OGR_F_GetFieldAsString(r, 2), "wards");
    assert_string_equal(OGR_F_GetFieldAsString(r, 3),
                        OGR_L_GetGeometryColumn(wards));
    assert_int_equal(OGR_F_GetFieldAsInteger(r, 5), 1);
    assert_string_equal(OGR_F_GetFieldAsString(r, 6), "");
    assert_true(OGR_F_IsFieldNull(r, 7));
    assert_non_null(strstr(OGR_F_GetFieldAsString(r, 8), "2023/12/31"));
    g_autofree char *qml = g_strdup(OGR_F_GetFieldAsString(r, 9));
    g_autofree char *sld = g_strdup(OGR_F_GetFieldAsString(r, 10));
    OGR_F_Destroy(r);
    /* registered as an attributes table */
    r = sql_row(ds, "SELECT data_type FROM gpkg_contents "
                    "WHERE table_name = 'layer_styles'");
    assert_string_equal(OGR_F_GetFieldAsString(r, 0), "attributes");
    OGR_F_Destroy(r);

    /* the QML's classes are povatlas_breaks_compute's on the same values */
    size_t n = 0;
    g_autofree double *v = read_rates(ds, &n);
    assert_int_equal(n, 16);
    povatlas_breaks *b =
        povatlas_breaks_compute(v, n, POVATLAS_BREAKS_FISHER, 5, NULL, 0, NULL);
    assert_non_null(b);
    assert_int_equal(b->n_classes, 5);
    GArray *lo = xml_numbers(qml, "lower"), *hi = xml_numbers(qml, "upper");
    assert_int_equal(lo->len, 5);
    assert_int_equal(hi->len, 5);
    for (int i = 0; i < 5; i++) {
        assert_true(g_array_index(lo, double, i) == b->limits[i]);
        assert_true(g_array_index(hi, double, i) == b->limits[i + 1]);
    }
    g_array_unref(lo);
    g_array_unref(hi);
    assert_non_null(strstr(qml, "type=\"graduatedSymbol\" attr=\"poor_rate\""));
    assert_non_null(strstr(qml, "fieldName=\"name\""));
    assert_non_null(strstr(qml, "name=\"Tỷ lệ hộ nghèo (%)\""));
    /* YlOrRd 5 from styles/default.ini, lightest first, in QML and SLD */
    static const char *const rgba[] = {"255,255,178,255", "254,204,92,255",
                                       "253,141,60,255", "240,59,32,255",
                                       "189,0,38,255"};
    static const char *const hex[] = {"#ffffb2", "#fecc5c", "#fd8d3c",
                                      "#f03b20", "#bd0026"};
    const char *pq = qml, *ps = sld;
    for (int i = 0; i < 5; i++) {
        pq = strstr(pq, rgba[i]);
        ps = strstr(ps, hex[i]);
        assert_non_null(pq);
        assert_non_null(ps);
    }
    /* legend labels as the map's: Vietnamese words, comma decimals */
    g_autofree char *first = povatlas_format_number(b->limits[1], 2, "vi");
    g_autofree char *want = g_strdup_printf("label=\"dưới %s %%\"", first);
    assert_non_null(strstr(qml, want));
    assert_non_null(strstr(qml, "trở lên\""));
    assert_non_null(strstr(sld, "<StyledLayerDescriptor"));
    assert_non_null(strstr(sld, "<ogc:PropertyName>poor_rate"));
    assert_non_null(strstr(sld, "<se:TextSymbolizer>"));
    povatlas_breaks_free(b);
    GDALClose(ds);
}

static void test_field_aliases(void **state)
{
    fixture *f = *state;
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    static const char *const want[][2] = {{"poor_rate", "Tỷ lệ hộ nghèo (%)"},
                                          {"households", "Tổng số hộ"},
                                          {"near_poor", "Số hộ cận nghèo"},
                                          {"name", "Tên phường, xã"}};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        g_autofree char *sql = g_strdup_printf(
            "SELECT name, title FROM gpkg_data_columns WHERE table_name = "
            "'wards' AND column_name = '%s'",
            want[i][0]);
        OGRFeatureH r = sql_row(ds, sql);
        assert_non_null(r);
        assert_string_equal(OGR_F_GetFieldAsString(r, 0), want[i][1]);
        assert_string_equal(OGR_F_GetFieldAsString(r, 1), want[i][1]);
        OGR_F_Destroy(r);
    }
    /* every field has one */
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    OGRFeatureH r = sql_row(ds, "SELECT count(*) FROM gpkg_data_columns "
                                "WHERE table_name = 'wards' AND "
                                "length(name) > 0");
    assert_int_equal(OGR_F_GetFieldAsInteger(r, 0),
                     OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(l)));
    OGR_F_Destroy(r);
    GDALClose(ds);
}

static void test_metadata(void **state)
{
    fixture *f = *state;
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_string_equal(GDALGetMetadataItem(ds, "POVATLAS_REVIEW_YEAR", NULL),
                        "2023");
    assert_non_null(strstr(GDALGetMetadataItem(ds, "POVATLAS_STANDARD", NULL),
                           "Nghị định 07/2021/NĐ-CP"));
    assert_string_equal(
        GDALGetMetadataItem(ds, "POVATLAS_SCHEMATIC_BOUNDARIES", NULL), "YES");
    const char *src = GDALGetMetadataItem(ds, "POVATLAS_SOURCE", NULL);
    assert_non_null(strstr(src, "GIẢ LẬP"));
    assert_non_null(strstr(src, "năm 2023"));
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    const char *d = GDALGetMetadataItem(l, "DESCRIPTION", NULL);
    /* the one wording of the note (povatlas_synthetic_note()) */
    g_autofree char *note =
        g_strdup_printf(" %s. ", povatlas_synthetic_note("en"));
    assert_non_null(strstr(d, note));
    assert_non_null(strstr(d, "Schematic boundaries, not official."));
    /* stored the GeoPackage way: gpkg_metadata + reference */
    OGRFeatureH r = sql_row(ds, "SELECT count(*) FROM gpkg_metadata_reference "
                                "r JOIN gpkg_metadata m ON m.id = "
                                "r.md_file_id WHERE m.metadata LIKE "
                                "'%07/2021%'");
    assert_int_equal(OGR_F_GetFieldAsInteger(r, 0), 1);
    OGR_F_Destroy(r);
    GDALClose(ds);
}

static void test_rtree_and_crs(void **state)
{
    fixture *f = *state;
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRFeatureH r = sql_row(ds, "SELECT count(*) FROM rtree_wards_geom");
    assert_non_null(r);
    assert_int_equal(OGR_F_GetFieldAsInteger(r, 0), 16);
    OGR_F_Destroy(r);
    r = sql_row(ds, "SELECT extension_name FROM gpkg_extensions WHERE "
                    "table_name = 'wards' AND column_name = 'geom'");
    assert_string_equal(OGR_F_GetFieldAsString(r, 0), "gpkg_rtree_index");
    OGR_F_Destroy(r);
    r = sql_row(ds, "SELECT g.srs_id, s.organization, "
                    "s.organization_coordsys_id FROM gpkg_geometry_columns g "
                    "JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
                    "WHERE g.table_name = 'wards'");
    assert_int_equal(OGR_F_GetFieldAsInteger(r, 0), 4326);
    assert_string_equal(OGR_F_GetFieldAsString(r, 1), "EPSG");
    assert_int_equal(OGR_F_GetFieldAsInteger(r, 2), 4326);
    OGR_F_Destroy(r);
    GDALClose(ds);
}

static char *find_validator(void)
{
    static const char *const where[] = {
        "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
        "/usr/share/doc/python3-gdal/examples/validate_gpkg.py"};
    for (size_t i = 0; i < G_N_ELEMENTS(where); i++)
        if (g_file_test(where[i], G_FILE_TEST_EXISTS))
            return g_strdup(where[i]);
    return NULL;
}

static void test_validate_gpkg(void **state)
{
    fixture *f = *state;
    g_autofree char *script = find_validator();
    g_autofree char *python =
        g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
            ? g_strdup("/usr/bin/python3")
            : g_find_program_in_path("python3");
    if (!script || !python) {
        if (g_strcmp0(g_getenv("CI"), "true") == 0)
            fail_msg("validate_gpkg.py or python3 missing (python3-gdal)");
        print_message("skipped: validate_gpkg.py or python3 missing "
                      "(install python3-gdal)\n");
        skip();
    }
    const char *argv[] = {
        python, script, "-k", "--extra", "--warning-as-error", f->gpkg, NULL};
    g_autofree char *out = NULL, *errs = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL,
                             NULL, &out, &errs, &status, NULL));
    if (!g_spawn_check_wait_status(status, NULL))
        fail_msg("validate_gpkg: %s%s", out, errs);
    assert_string_equal(out, "");
    assert_string_equal(errs, "");
}

static void test_same_bytes(void **state)
{
    fixture *f = *state;
    g_autofree char *a = g_build_filename(f->dir, "a.gpkg", NULL);
    g_autofree char *b = g_build_filename(f->dir, "b.gpkg", NULL);
    assert_int_equal(povatlas_export_wards(f->ws, a, NULL, NULL), POVATLAS_OK);
    g_usleep(1100 * 1000); /* a clock stamp would now differ */
    assert_int_equal(povatlas_export_wards(f->ws, b, NULL, NULL), POVATLAS_OK);
    g_autofree char *ba = NULL, *bb = NULL;
    gsize la = 0, lb = 0;
    assert_true(g_file_get_contents(a, &ba, &la, NULL));
    assert_true(g_file_get_contents(b, &bb, &lb, NULL));
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    GDALDatasetH ds = GDALOpenEx(a, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRFeatureH r = sql_row(ds, "SELECT last_change FROM gpkg_contents "
                                "WHERE table_name = 'wards'");
    /* 31 December of the review year, whatever the clock said */
    assert_string_equal(OGR_F_GetFieldAsString(r, 0), "2023/12/31 00:00:00+00");
    OGR_F_Destroy(r);
    GDALClose(ds);
}

static int count_features(const char *path)
{
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    if (!ds)
        return -1;
    int n = (int)OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, 0), TRUE);
    GDALClose(ds);
    return n;
}

static void export_as(fixture *f, const char *format, const char *t_srs,
                      const char *path)
{
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    o.format = format;
    o.overwrite = 1;
    if (t_srs)
        o.t_srs = t_srs;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_export_wards(f->ws, path, &o, &err);
    if (st)
        fail_msg("%s: %s", format, err->message);
}

static void test_shapefile_files(void **state)
{
    fixture *f = *state;
    g_autofree char *sub = g_build_filename(f->dir, "shp", NULL);
    g_mkdir(sub, 0755);
    g_autofree char *shp = g_build_filename(sub, "wards.shp", NULL);
    export_as(f, "ESRI Shapefile", NULL, shp);
    static const char *const ext[] = {"shp", "shx", "dbf", "prj", "cpg", "qml"};
    for (size_t i = 0; i < G_N_ELEMENTS(ext); i++) {
        g_autofree char *p = g_strdup_printf("%s/wards.%s", sub, ext[i]);
        assert_true(g_file_test(p, G_FILE_TEST_EXISTS));
    }
    GDir *d = g_dir_open(sub, 0, NULL);
    const char *name;
    int n = 0;
    while ((name = g_dir_read_name(d))) {
        assert_null(strstr(name, ".tmp-")); /* temporary folder gone */
        n++;
    }
    g_dir_close(d);
    assert_int_equal(n, (int)G_N_ELEMENTS(ext));
    /* Vietnamese names survive (UTF-8 .dbf) */
    GDALDatasetH ds = GDALOpenEx(shp, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    assert_int_equal(OGR_L_GetFeatureCount(l, TRUE), 16);
    OGR_L_SetAttributeFilter(l, "code = '22738'");
    OGRFeatureH ft = OGR_L_GetNextFeature(l);
    assert_string_equal(OGR_F_GetFieldAsString(ft, 1), "Đô Vinh");
    OGR_F_Destroy(ft);
    GDALClose(ds);
}

static void test_more_formats(void **state)
{
    fixture *f = *state;
    static const char *const fmt[][2] = {{"GeoJSON", "w.geojson"},
                                         {"FlatGeobuf", "w.fgb"},
                                         {"CSV", "w.csv"},
                                         {"KML", "w.kml"}};
    for (size_t i = 0; i < G_N_ELEMENTS(fmt); i++) {
        g_autofree char *p = g_build_filename(f->dir, fmt[i][1], NULL);
        export_as(f, fmt[i][0], NULL, p);
        assert_int_equal(count_features(p), 16);
    }
    g_autofree char *csv = g_build_filename(f->dir, "w.csv", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(csv, &text, NULL, NULL));
    assert_true(g_str_has_prefix(text, "WKT,code,name"));
    assert_non_null(strstr(text, "MULTIPOLYGON ((("));
}

/* A disk that fills part way through any export (the write_fault.h seam,
 * budgets from nothing to one byte short of the file): the export fails
 * naming the path with the system's reason, and its folder stays empty -
 * no truncated GeoJSON, CSV, KML or GeoPackage renamed into place, no
 * Shapefile part, no temporary file. GDAL 3.6's GeoJSON, CSV and KML
 * writers ignore a failed write, so this reported "wrote FILE" before. */
static void test_full_disk_export_fails(void **state)
{
    fixture *f = *state;
    static const char *const fmt[][2] = {{"GeoJSON", "w.geojson"},
                                         {"CSV", "w.csv"},
                                         {"KML", "w.kml"},
                                         {"GPKG", "w.gpkg"},
                                         {"ESRI Shapefile", "w.shp"}};
    for (size_t i = 0; i < G_N_ELEMENTS(fmt); i++) {
        g_autofree char *sub = g_build_filename(f->dir, "full", NULL);
        g_mkdir(sub, 0755);
        g_autofree char *p = g_build_filename(sub, fmt[i][1], NULL);
        export_as(f, fmt[i][0], NULL, p);
        goffset size = 0;
        GStatBuf sb;
        assert_int_equal(g_stat(p, &sb), 0);
        size = sb.st_size;
        testutil_rmtree(sub);
        const int64_t budgets[] = {0, 1, size / 2, size - 1};
        for (size_t b = 0; b < G_N_ELEMENTS(budgets); b++) {
            g_mkdir(sub, 0755);
            povatlas_export_opts o;
            povatlas_export_opts_init(&o);
            o.format = fmt[i][0];
            povatlas_error *err = NULL;
            povatlas_write_fault_after(budgets[b]);
            povatlas_status st = povatlas_export_wards(f->ws, p, &o, &err);
            povatlas_write_fault_after(-1);
            if (st != POVATLAS_E_IO)
                fail_msg("%s, %lld bytes: status %d", fmt[i][0],
                         (long long)budgets[b], st);
            assert_non_null(strstr(err->message, g_strerror(ENOSPC)));
            assert_true(g_str_has_prefix(err->file, sub));
            povatlas_error_free(err);
            if (testutil_count_entries(sub) != 0)
                fail_msg("%s, %lld bytes: files left", fmt[i][0],
                         (long long)budgets[b]);
            testutil_rmtree(sub);
        }
    }
}

static void test_vn2000(void **state)
{
    fixture *f = *state;
    static const char *const spell[] = {"VN-2000", "vn2000"};
    for (size_t i = 0; i < G_N_ELEMENTS(spell); i++) {
        g_autofree char *p = g_build_filename(f->dir, "vn.gpkg", NULL);
        export_as(f, "GPKG", spell[i], p);
        GDALDatasetH ds = GDALOpenEx(p, GDAL_OF_VECTOR, NULL, NULL, NULL);
        OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
        OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l);
        assert_string_equal(OSRGetAuthorityCode(srs, NULL), "9217");
        assert_true(fabs(OSRGetProjParm(srs, SRS_PP_CENTRAL_MERIDIAN, 0, NULL) -
                         108.25) < 1e-12);
        OGREnvelope env;
        OGR_L_GetExtent(l, &env, TRUE);
        /* Phan Rang lies ~80 km east of 108°15′, ~1 280 km north */
        assert_true(env.MinX > 560000 && env.MaxX < 600000);
        assert_true(env.MinY > 1260000 && env.MaxY < 1300000);
        GDALClose(ds);
    }
}

/* U06: 15 urban units + 1 rural, each rate over its own households */
static void test_urban_rural(void **state)
{
    fixture *f = *state;
    povatlas_city_summary all, urb, rur;
    assert_int_equal(povatlas_city_summary_compute(f->ws, 2023, &all, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_city_summary_area(f->ws, 2023, 1, &urb, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_city_summary_area(f->ws, 2023, 0, &rur, NULL),
                     POVATLAS_OK);
    assert_int_equal(urb.units, 15);
    assert_int_equal(rur.units, 1);
    assert_int_equal(urb.households + rur.households, all.households);
    assert_int_equal(urb.poor + rur.poor, all.poor);
    int64_t h = 0;
    povatlas_rate_hundredths(rur.poor, rur.households, &h);
    assert_int_equal(rur.poor_hundredths, h);
    assert_true(rur.poor_hundredths > urb.poor_hundredths);
}

/* The other layers: the long indicator table, zones, coverage. */
static void test_other_layers(void **state)
{
    fixture *f = *state;
    GDALDatasetH ds = GDALOpenEx(f->gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    /* the zones layer opens styled too: categories on zone */
    OGRLayerH styles = GDALDatasetExecuteSQL(
        ds,
        "SELECT f_table_schema, f_geometry_column, useAsDefault, styleQML "
        "FROM layer_styles WHERE f_table_name = 'zones'",
        NULL, NULL);
    OGRFeatureH sr = OGR_L_GetNextFeature(styles);
    assert_non_null(sr);
    assert_string_equal(OGR_F_GetFieldAsString(sr, 0), "");
    assert_string_equal(OGR_F_GetFieldAsString(sr, 1), "geom");
    assert_int_equal(OGR_F_GetFieldAsInteger(sr, 2), 1);
    assert_non_null(strstr(OGR_F_GetFieldAsString(sr, 3),
                           "type=\"categorizedSymbol\" attr=\"zone\""));
    OGR_F_Destroy(sr);
    GDALDatasetReleaseResultSet(ds, styles);
    OGRLayerH ind = GDALDatasetGetLayerByName(ds, "indicators");
    OGRLayerH zones = GDALDatasetGetLayerByName(ds, "zones");
    assert_non_null(ind);
    assert_non_null(zones);
    /* every indicator of the workspace, both years: 16 wards + city */
    assert_true(OGR_L_GetFeatureCount(ind, TRUE) > 2 * 17 * 10);
    assert_int_equal(OGR_L_GetFeatureCount(zones, TRUE), 3);
    int64_t poor = 0, hh = 0;
    OGRFeatureH ft;
    while ((ft = OGR_L_GetNextFeature(zones))) {
        poor += OGR_F_GetFieldAsInteger64(ft, OGR_F_GetFieldIndex(ft, "poor"));
        hh += OGR_F_GetFieldAsInteger64(ft,
                                        OGR_F_GetFieldIndex(ft, "households"));
        assert_non_null(OGR_F_GetGeometryRef(ft));
        OGR_F_Destroy(ft);
    }
    assert_int_equal(poor, 558); /* the city's 2023 poor households */
    assert_int_equal(hh, 47690);
    GDALClose(ds);
}

/* A ward with zero households has an undefined rate: NULL in the
 * workspace and in the export, never 0 and never NaN text. */
static void test_zero_households_is_null(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_ward_stat z = {"22753", 2023, 0, 0, "test"};
    assert_int_equal(povatlas_workspace_put_ward_stat(ws, &z, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, NULL), POVATLAS_OK);
    double v = -1;
    assert_false(testutil_indicator(ws, "22753", 2023, "poor_rate", &v));
    assert_true(testutil_indicator(ws, "22753", 2023, "poor", &v));
    g_autofree char *gpkg = g_build_filename(dir, "z.gpkg", NULL);
    assert_int_equal(povatlas_export_wards(ws, gpkg, NULL, NULL), POVATLAS_OK);
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    OGR_L_SetAttributeFilter(l, "code = '22753'");
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_non_null(f);
    assert_true(OGR_F_IsFieldNull(f, OGR_F_GetFieldIndex(f, "poor_rate")));
    assert_true(OGR_F_IsFieldNull(f, OGR_F_GetFieldIndex(f, "near_poor_rate")));
    OGR_F_Destroy(f);
    GDALClose(ds);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_shape),
        cmocka_unit_test(test_urban_rural),
        cmocka_unit_test(test_other_layers),
        cmocka_unit_test(test_zero_households_is_null),
        cmocka_unit_test(test_values_match_counts),
        cmocka_unit_test(test_no_personal_data_in_file),
        cmocka_unit_test(test_other_formats),
        cmocka_unit_test(test_failed_export_leaves_nothing),
        cmocka_unit_test(test_layer_style_row),
        cmocka_unit_test(test_field_aliases),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_rtree_and_crs),
        cmocka_unit_test(test_validate_gpkg),
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_shapefile_files),
        cmocka_unit_test(test_more_formats),
        cmocka_unit_test(test_vn2000),
        cmocka_unit_test(test_full_disk_export_fails),
    };
    return cmocka_run_group_tests_name("wards", tests, setup, teardown);
}
