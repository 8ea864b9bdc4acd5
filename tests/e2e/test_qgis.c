/*
 * test_qgis.c - the GeoPackage as an analyst opens it: QGIS itself (headless)
 * loads the demo's atlas.gpkg and applies the stored default style. The
 * renderer must be graduated on poor_rate with exactly povatlas's class
 * limits (Fisher-Jenks on the same values) and the map's colours. Runs when
 * python3-qgis is installed; skipped otherwise (QGIS is ~180 packages and
 * not part of the install step).
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gdal.h>
#include <ogr_api.h>

#include "povatlas/povatlas.h"

static const char *const YLORRD5[5] = {"#ffffb2", "#fecc5c", "#fd8d3c",
                                       "#f03b20", "#bd0026"};

/* poor_rate of every ward in @gpkg. */
static size_t read_rates(const char *gpkg, double *v, size_t cap)
{
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "wards");
    OGRFeatureH f;
    size_t n = 0;
    while ((f = OGR_L_GetNextFeature(l)) && n < cap) {
        v[n++] = OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "poor_rate"));
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return n;
}

static void test_qgis_applies_style(void **state)
{
    (void)state;
    if (!g_file_test("/usr/lib/python3/dist-packages/qgis",
                     G_FILE_TEST_IS_DIR)) {
        printf("python3-qgis not installed: skipped\n");
        skip();
        return;
    }
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    const char *argv[] = {"demo", "-q", "--out", dir, NULL};
    char *out = NULL, *err = NULL;
    assert_int_equal(testutil_run(argv, &out, &err), 0);
    g_free(out);
    g_free(err);
    g_autofree char *gpkg = g_build_filename(dir, "atlas.gpkg", NULL);
    g_autofree char *script = g_build_filename(POVATLAS_SOURCE_DIR, "tests",
                                               "qgis", "load_style.py", NULL);
    const char *py[] = {"/usr/bin/python3", script, gpkg, NULL};
    int status = 0;
    char *json = NULL;
    assert_true(g_spawn_sync(NULL, (char **)py, NULL, 0, NULL, NULL, &json,
                             NULL, &status, NULL));
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* what QGIS made of the stored style */
    assert_non_null(strstr(json, "\"valid\": true"));
    assert_non_null(strstr(json, "\"crs\": \"EPSG:4326\""));
    assert_non_null(strstr(json, "\"features\": 16"));
    assert_non_null(strstr(json, "\"renderer\": \"graduatedSymbol\""));
    assert_non_null(strstr(json, "\"attribute\": \"poor_rate\""));
    assert_non_null(strstr(json, "\"labels\": true"));
    /* class limits and colours equal povatlas's on the same values */
    double v[64];
    size_t n = read_rates(gpkg, v, 64);
    povatlas_breaks *b =
        povatlas_breaks_compute(v, n, POVATLAS_BREAKS_FISHER, 5, NULL, 0, NULL);
    assert_non_null(b);
    assert_int_equal(b->n_classes, 5);
    const char *p = json;
    for (int i = 0; i < b->n_classes; i++) {
        p = strstr(p, "\"lower\": ");
        assert_non_null(p);
        double lo = g_ascii_strtod(p + 9, NULL);
        const char *q = strstr(p, "\"upper\": ");
        double hi = g_ascii_strtod(q + 9, NULL);
        const char *c = strstr(p, "\"color\": \"");
        assert_true(fabs(lo - b->limits[i]) < 1e-9);
        assert_true(fabs(hi - b->limits[i + 1]) < 1e-9);
        assert_int_equal(strncmp(c + 10, YLORRD5[i], 7), 0);
        p = c;
    }
    povatlas_breaks_free(b);
    g_free(json);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qgis_applies_style)};
    return cmocka_run_group_tests_name("qgis", tests, NULL, NULL);
}
