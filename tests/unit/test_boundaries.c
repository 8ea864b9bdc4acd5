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

typedef struct fixture {
    char *dir;
    povatlas_workspace *ws;
    povatlas_report *report;
} fixture;

static int setup(void **state)
{
    povatlas_init();
    fixture *f = g_new0(fixture, 1);
    f->dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(f->dir, "w.sqlite", NULL);
    f->ws = povatlas_workspace_create(db, 0, NULL);
    g_autofree char *units = povatlas_data_path("units.csv");
    assert_int_equal(povatlas_import_units(f->ws, units, NULL, NULL, NULL,
                                           NULL),
                     POVATLAS_OK);
    f->report = povatlas_report_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    povatlas_report_free(f->report);
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

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
    GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          g_free);
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
    if (!testutil_have_shared()) {
        skip();
        return;
    }
    g_autofree char *real = testutil_shared_path("geodata/real/wards.geojson");
    povatlas_error *err = NULL;
    povatlas_import_result res;
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    /* without a year, codes that name several units over time are refused */
    assert_int_equal(povatlas_import_boundaries(f->ws, real, &o, f->report,
                                                &res, &err),
                     POVATLAS_E_INPUT);
    /* 22738, 22741, 22750, 22759, 22780 were reused after the mergers */
    assert_int_equal(povatlas_report_n_errors(f->report), 5);
    povatlas_error_free(err);
    err = NULL;
    o.year = 2023; /* the GADM wards are the 2008-2024 units */
    assert_int_equal(povatlas_import_boundaries(f->ws, real, &o, f->report,
                                                &res, &err),
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
    assert_int_equal(povatlas_import_boundaries(f->ws, path, NULL, f->report,
                                                NULL, &err),
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
    assert_int_equal(povatlas_import_boundaries(f->ws, path, &o, f->report,
                                                NULL, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_report_n_warnings(f->report), 1);
    assert_string_equal(povatlas_report_warning(f->report, 0)->message,
                        "ward '22738': invalid polygon repaired (MakeValid)");
    assert_int_equal(units_with_geometry(f), 1);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_real_polygons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_ring_repaired, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_broken_files, setup, teardown),
    };
    return cmocka_run_group_tests_name("boundaries", tests, NULL, NULL);
}
