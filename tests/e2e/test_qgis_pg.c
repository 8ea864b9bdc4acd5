/*
 * test_qgis_pg.c - the ward layer as an analyst adds it from the database
 * in QGIS (issue 12): after the demo on PostgreSQL, `povatlas export
 * --to-database` makes the view wards, which PostGIS lists as a
 * MultiPolygon layer in EPSG:4326 holding the GeoPackage's values, and
 * writes its default style to public.layer_styles where QGIS reads it: the
 * GeoPackage's own QML and SLD, keyed on database, schema, view and
 * geometry column. QGIS itself (headless) loads it when python3-qgis is
 * installed.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gdal.h>
#include <ogr_api.h>

#include "pg_server.h"
#include "povatlas/export.h"
#include "povatlas/povatlas.h"
#include "store/db.h"

#define SCHEMA "qgis_pg"

/* @sql's one text value in GeoPackage @gpkg. */
static char *gpkg_text(const char *gpkg, const char *sql)
{
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH res = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    assert_non_null(res);
    OGRFeatureH f = OGR_L_GetNextFeature(res);
    assert_non_null(f);
    char *v = g_strdup(OGR_F_GetFieldAsString(f, 0));
    OGR_F_Destroy(f);
    GDALDatasetReleaseResultSet(ds, res);
    GDALClose(ds);
    return v;
}

/* Every ward of the GeoPackage's layer has the same values in the view. */
static void same_values(db_conn *c, const char *gpkg)
{
    static const char *const fields[] = {"households", "poor",     "near_poor",
                                         "poor_rate",  "area_km2", "eb_rate"};
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    assert_non_null(l);
    OGRFeatureH f;
    int n = 0, compared = 0;
    while ((f = OGR_L_GetNextFeature(l))) {
        const char *code =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "code"));
        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
            int fi = OGR_F_GetFieldIndex(f, fields[i]);
            assert_true(fi >= 0);
            g_autofree char *sql = g_strdup_printf(
                "SELECT %s FROM wards WHERE code = '%s'", fields[i], code);
            db_stmt *st = db_prepare(c, sql);
            assert_non_null(st);
            assert_int_equal(db_step(st), DB_ROW);
            if (!OGR_F_IsFieldSetAndNotNull(f, fi)) {
                assert_true(db_column_is_null(st, 0));
            } else {
                assert_false(db_column_is_null(st, 0));
                double want = OGR_F_GetFieldAsDouble(f, fi);
                double got = db_column_double(st, 0);
                if (fabs(want - got) > 1e-9 * fmax(1, fabs(want)))
                    fail_msg("%s of %s: %.17g in the view, %.17g in the "
                             "GeoPackage",
                             fields[i], code, got, want);
                compared++;
            }
            db_finalize(st);
        }
        n++;
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    assert_int_equal(n, 16);
    assert_true(compared >= 16 * 4);
    assert_int_equal(pg_scalar(c, "SELECT count(*) FROM wards"), 16);
}

static void test_layer_and_style(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *out = NULL, *err = NULL;
    const char *demo[] = {"demo",      "-q",       "--out", dir, "--db",
                          pg_server(), "--schema", SCHEMA,  NULL};
    if (testutil_run(demo, &out, &err) != 0)
        fail_msg("demo: %s", err);
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    const char *publish[] = {"export",   "--to-database", "--db", pg_server(),
                             "--schema", SCHEMA,          NULL};
    for (int run = 0; run < 2; run++) { /* again: replaced, not added */
        if (testutil_run(publish, &out, &err) != 0)
            fail_msg("export --to-database: %s", err);
        assert_string_equal(
            out, "published the view wards (2023) and its QGIS style\n");
        g_clear_pointer(&out, g_free);
        g_clear_pointer(&err, g_free);
    }

    g_autofree char *why = NULL;
    g_autofree char *target = pg_target(SCHEMA);
    db_conn *c = db_open(target, 0, &why);
    assert_non_null(c);
    /* what QGIS's browser lists */
    assert_int_equal(
        pg_scalar(
            c,
            "SELECT count(*) FROM geometry_columns WHERE"
            " f_table_catalog = 'povatlas_test' AND f_table_schema = '" SCHEMA
            "' AND f_table_name = 'wards' AND f_geometry_column ="
            " 'geom' AND srid = 4326 AND type = 'MULTIPOLYGON'"),
        1);
    g_autofree char *kind =
        pg_text(c, "SELECT table_type FROM"
                   " information_schema.tables WHERE"
                   " table_schema = '" SCHEMA "' AND table_name = 'wards'");
    assert_string_equal(kind, "VIEW");
    g_autofree char *gpkg = g_build_filename(dir, "atlas.gpkg", NULL);
    same_values(c, gpkg);

    /* the default style, where and as QGIS reads it: the GeoPackage's */
    assert_int_equal(
        pg_scalar(
            c,
            "SELECT count(*) FROM public.layer_styles WHERE"
            " f_table_catalog = 'povatlas_test' AND f_table_schema = '" SCHEMA
            "' AND f_table_name = 'wards' AND f_geometry_column ="
            " 'geom' AND stylename = 'povatlas' AND useasdefault AND"
            " owner = 'povatlas_admin' AND update_time IS NOT NULL"),
        1);
    g_autofree char *qml =
        pg_text(c, "SELECT styleqml::text FROM public.layer_styles WHERE"
                   " f_table_schema = '" SCHEMA "' AND f_table_name = 'wards'");
    g_autofree char *sld =
        pg_text(c, "SELECT stylesld::text FROM public.layer_styles WHERE"
                   " f_table_schema = '" SCHEMA "' AND f_table_name = 'wards'");
    g_autofree char *gpkg_qml =
        gpkg_text(gpkg, "SELECT styleQML FROM layer_styles WHERE"
                        " f_table_name = 'wards'");
    g_autofree char *gpkg_sld =
        gpkg_text(gpkg, "SELECT styleSLD FROM layer_styles WHERE"
                        " f_table_name = 'wards'");
    assert_string_equal(qml, gpkg_qml);
    assert_string_equal(sld, gpkg_sld);
    assert_non_null(strstr(qml, "graduatedSymbol"));
    assert_non_null(strstr(qml, "attr=\"poor_rate\""));
    g_autofree char *columns = pg_text(
        c, "SELECT string_agg(column_name, ' ' ORDER BY ordinal_position)"
           " FROM information_schema.columns WHERE table_schema ="
           " 'public' AND table_name = 'layer_styles'");
    assert_string_equal(columns, "id f_table_catalog f_table_schema "
                                 "f_table_name f_geometry_column stylename "
                                 "styleqml stylesld useasdefault description "
                                 "owner ui update_time type");

    /* QGIS itself, when installed */
    if (g_file_test("/usr/lib/python3/dist-packages/qgis",
                    G_FILE_TEST_IS_DIR)) {
        const char *pg = pg_server();
        const char *h = strstr(pg, "host=") + 5;
        g_autofree char *host = g_strndup(h, strcspn(h, "&"));
        g_autofree char *script = g_build_filename(
            POVATLAS_SOURCE_DIR, "tests", "qgis", "load_style.py", NULL);
        const char *py[] = {
            "/usr/bin/python3", script,           "--pg", host, "5439",
            "povatlas_test",    "povatlas_admin", SCHEMA, NULL};
        int status = 0;
        g_autofree char *json = NULL;
        assert_true(g_spawn_sync(NULL, (char **)py, NULL, 0, NULL, NULL, &json,
                                 NULL, &status, NULL));
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        assert_non_null(strstr(json, "\"valid\": true"));
        assert_non_null(strstr(json, "\"crs\": \"EPSG:4326\""));
        assert_non_null(strstr(json, "\"features\": 16"));
        assert_non_null(strstr(json, "\"renderer\": \"graduatedSymbol\""));
        assert_non_null(strstr(json, "\"attribute\": \"poor_rate\""));
    } else {
        printf("python3-qgis not installed: QGIS itself not run\n");
    }
    assert_int_equal(db_exec(c, "DELETE FROM public.layer_styles WHERE"
                                " f_table_schema = '" SCHEMA "'"),
                     DB_OK);
    assert_int_equal(db_exec(c, "DROP SCHEMA " SCHEMA " CASCADE"), DB_OK);
    db_close(c);

    /* a workspace file has no database to hold the layer */
    g_autofree char *file = g_build_filename(dir, "atlas.sqlite", NULL);
    const char *init[] = {"init", "-q", "--db", file, NULL};
    assert_int_equal(testutil_run(init, &out, &err), 0);
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    const char *lite[] = {"export", "--to-database", "--db", file, NULL};
    assert_int_equal(testutil_run(lite, &out, &err), 2);
    assert_non_null(strstr(err, "PostgreSQL workspace only"));
    /* and the library calls say so too */
    povatlas_error *e = NULL;
    povatlas_workspace *ws = povatlas_workspace_open(file, 0, &e);
    assert_non_null(ws);
    assert_int_equal(povatlas_export_wards_to_database(ws, 0, NULL, &e),
                     POVATLAS_E_USAGE);
    povatlas_error_free(g_steal_pointer(&e));
    const char *names[] = {"poor_rate"};
    const int integer[] = {0};
    assert_int_equal(povatlas_workspace_publish_wards(ws, 2023, names, integer,
                                                      1, NULL, NULL, NULL, &e),
                     POVATLAS_E_USAGE);
    povatlas_error_free(e);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    int skip = pg_server_or_skip();
    if (skip >= 0)
        return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_and_style),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
