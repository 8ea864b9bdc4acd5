/*
 * test_schematic.c - the schematic ward map (src/synth/schematic.c,
 * power.c, outline.c): 16 valid polygons without overlaps, each unit
 * centroid inside its own cell, the four coastal wards on the sea and Mỹ
 * Đông off it, byte-identical output on a second run.
 */
#include <string.h>

#include <gdal.h>
#include <ogr_api.h>
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "povatlas/core.h"
#include "povatlas_synth.h"
#include "testutil.h"

#define UNITS POVATLAS_SOURCE_DIR "/geodata/units.csv"

typedef struct fixture {
    char *dir;
    GEOSContextHandle_t g;
} fixture;

static char *generate(void)
{
    char *dir = testutil_tmpdir();
    povatlas_schematic_opts o;
    povatlas_schematic_opts_init(&o);
    o.units_path = UNITS;
    o.out_dir = dir;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_schematic_write(&o, &err), POVATLAS_OK);
    return dir;
}

static int setup(void **state)
{
    fixture *fx = g_new0(fixture, 1);
    fx->dir = generate();
    fx->g = GEOS_init_r();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    testutil_rmtree(fx->dir);
    g_free(fx->dir);
    GEOS_finish_r(fx->g);
    g_free(fx);
    return 0;
}

/* Reads @name: geometries (GEOS, lon/lat) keyed by property @key. */
static GHashTable *read_layer(fixture *fx, const char *name, const char *key)
{
    g_autofree char *path = g_build_filename(fx->dir, name, NULL);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH lyr = GDALDatasetGetLayer(ds, 0);
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(lyr))) {
        OGRGeometryH geom = OGR_F_GetGeometryRef(f);
        int size = OGR_G_WkbSize(geom);
        g_autofree unsigned char *wkb = g_malloc(size);
        OGR_G_ExportToWkb(geom, wkbNDR, wkb);
        GEOSGeometry *gg = GEOSGeomFromWKB_buf_r(fx->g, wkb, size);
        const char *k = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, key));
        if (g_hash_table_contains(h, k)) /* "land" thrice: keep the first */
            GEOSGeom_destroy_r(fx->g, gg);
        else
            g_hash_table_insert(h, g_strdup(k), gg);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return h;
}

static void free_layer(fixture *fx, GHashTable *h)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, h);
    while (g_hash_table_iter_next(&it, &k, &v))
        GEOSGeom_destroy_r(fx->g, v);
    g_hash_table_unref(h);
}

static void test_cells(void **state)
{
    fixture *fx = *state;
    GHashTable *w = read_layer(fx, "wards_schematic.geojson", "code");
    assert_int_equal(g_hash_table_size(w), 16);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(UNITS, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GEOSGeometry *parts[16];
    double sum = 0.0;
    int n = 0;
    for (int i = 1; lines[i] && lines[i][0]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ",", -1);
        if (!*f[10]) /* later periods (2024, 2025 mergers): no centroid */
            continue;
        GEOSGeometry *cell = g_hash_table_lookup(w, f[0]);
        assert_non_null(cell);
        assert_int_equal(GEOSGeomTypeId_r(fx->g, cell), GEOS_POLYGON);
        assert_int_equal(GEOSisValid_r(fx->g, cell), 1);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(
            fx->g, g_ascii_strtod(f[10], NULL), g_ascii_strtod(f[11], NULL));
        assert_int_equal(GEOSContains_r(fx->g, cell, pt), 1);
        GEOSGeom_destroy_r(fx->g, pt);
        double a = 0.0;
        GEOSArea_r(fx->g, cell, &a);
        sum += a;
        parts[n++] = GEOSGeom_clone_r(fx->g, cell);
    }
    assert_int_equal(n, 16);
    GEOSGeometry *coll =
        GEOSGeom_createCollection_r(fx->g, GEOS_GEOMETRYCOLLECTION, parts, 16);
    GEOSGeometry *u = GEOSUnaryUnion_r(fx->g, coll);
    double ua = 0.0;
    GEOSArea_r(fx->g, u, &ua);
    assert_true(ua > sum * (1.0 - 1e-6)); /* no overlaps */
    GEOSGeom_destroy_r(fx->g, u);
    GEOSGeom_destroy_r(fx->g, coll);
    free_layer(fx, w);
}

static void test_sea(void **state)
{
    fixture *fx = *state;
    GHashTable *w = read_layer(fx, "wards_schematic.geojson", "name");
    GHashTable *c = read_layer(fx, "context.geojson", "role");
    GEOSGeometry *sea = g_hash_table_lookup(c, "sea");
    assert_non_null(sea);
    assert_non_null(g_hash_table_lookup(c, "coastline"));
    assert_non_null(g_hash_table_lookup(c, "outline"));
    assert_non_null(g_hash_table_lookup(c, "land"));
    const char *coastal[] = {"Văn Hải", "Mỹ Bình", "Mỹ Hải", "Đông Hải"};
    double d = 0.0;
    for (int i = 0; i < 4; i++) {
        GEOSDistance_r(fx->g, g_hash_table_lookup(w, coastal[i]), sea, &d);
        assert_true(d < 1e-5); /* about 1 m: touches */
    }
    GEOSDistance_r(fx->g, g_hash_table_lookup(w, "Mỹ Đông"), sea, &d);
    assert_true(d > 5e-4); /* about 55 m: off the sea */
    free_layer(fx, w);
    free_layer(fx, c);
}

static void test_deterministic(void **state)
{
    fixture *fx = *state;
    g_autofree char *again = generate();
    const char *names[] = {"wards_schematic.geojson", "context.geojson"};
    for (int i = 0; i < 2; i++) {
        g_autofree char *p1 = g_build_filename(fx->dir, names[i], NULL);
        g_autofree char *p2 = g_build_filename(again, names[i], NULL);
        g_autofree char *t1 = NULL, *t2 = NULL;
        gsize n1 = 0, n2 = 0;
        assert_true(g_file_get_contents(p1, &t1, &n1, NULL));
        assert_true(g_file_get_contents(p2, &t2, &n2, NULL));
        assert_int_equal(n1, n2);
        assert_memory_equal(t1, t2, n1);
    }
    testutil_rmtree(again);
}

int main(void)
{
    povatlas_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_sea),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests_name("schematic", tests, setup, teardown);
}
