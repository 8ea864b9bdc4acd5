/*
 * test_spatial_layer.c - the layer API of src/analysis/spatial_layer.c
 * (read with OGR, reproject, weights, statistics, CSV/JSON writer) against
 * tests/fixtures/reference (global.csv, local.csv, features.csv; relative
 * 1e-9) on the grid and on the GADM wards joined to wards_variable.csv;
 * missing values, islands, the small-n caveat, the constant-variable
 * error; the statistics `povatlas analyze` stores (workspace_stats.c); and
 * `povatlas stats` through the binary.
 */
#include <stdio.h>

#include "stats_fixture.h"

#include <cpl_conv.h>

#include "core/fault.h"
#include "povatlas/analysis.h"
#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/pipeline.h"
#include "povatlas/spatial.h"

static const char *const LOCAL_COLS[] = {
    "x",          "lag_x",        "Ii",         "E_Ii", "Var_Ii",  "Z_Ii",
    "E_Ii_total", "Var_Ii_total", "Z_Ii_total", "Gi_z", "Gistar_z"};

static const double *local_col(const povatlas_spatial_result *r, size_t c)
{
    const povatlas_local_stats *l = r->local;
    const double *cols[] = {r->x,          l->lag_x,        l->ii,
                            l->e_ii,       l->var_ii,       l->z_ii,
                            l->e_ii_total, l->var_ii_total, l->z_ii_total,
                            l->gi_z,       l->gistar_z};
    return cols[c];
}

static void check_global(const povatlas_spatial_result *r, const char *fx,
                         const char *scheme)
{
    ref_table *t = ref_table_read("reference/global.csv");
    int row = ref_find(t, "fixture", fx, "scheme", scheme, NULL, NULL);
    assert_true(row >= 0);
    const povatlas_global_stats *g = &r->global;
    const struct {
        const char *col;
        double got;
    } v[] = {{"n", (double)g->n},
             {"n_used", (double)g->n_used},
             {"n_islands", (double)g->n_islands},
             {"S0", g->s0},
             {"S1", g->s1},
             {"S2", g->s2},
             {"I", g->moran_i},
             {"E_I", g->moran_e},
             {"Var_I_norm", g->moran_var_norm},
             {"z_I_norm", g->moran_z_norm},
             {"Var_I_rand", g->moran_var_rand},
             {"z_I_rand", g->moran_z_rand},
             {"C", g->geary_c},
             {"E_C", g->geary_e},
             {"Var_C_norm", g->geary_var_norm},
             {"z_C_norm", g->geary_z_norm},
             {"Var_C_rand", g->geary_var_rand},
             {"z_C_rand", g->geary_z_rand}};
    for (size_t c = 0; c < G_N_ELEMENTS(v); c++) {
        double want = ref_num(t, (guint)row, v[c].col);
        if (!close_enough(want, v[c].got))
            fail_msg("%s %s %s: got %.17g want %.17g", fx, scheme, v[c].col,
                     v[c].got, want);
    }
    ref_table_free(t);
}

/* Every local column of every unit, and the neighbour counts. */
static void check_local(const povatlas_spatial_result *r, const char *fx,
                        const char *scheme)
{
    ref_table *t = ref_table_read("reference/local.csv");
    ref_table *nb = ref_table_read("reference/neighbours.csv");
    for (size_t i = 0; i < r->n; i++) {
        int row = ref_find(t, "fixture", fx, "scheme", scheme, "id", r->ids[i]);
        int nrow =
            ref_find(nb, "fixture", fx, "scheme", scheme, "id", r->ids[i]);
        assert_true(row >= 0 && nrow >= 0);
        assert_int_equal(r->n_neighbours[i],
                         (size_t)ref_num(nb, (guint)nrow, "n_neighbours"));
        for (size_t c = 0; c < G_N_ELEMENTS(LOCAL_COLS); c++) {
            double want = ref_num(t, (guint)row, LOCAL_COLS[c]);
            double got = local_col(r, c)[i];
            if (!close_enough(want, got))
                fail_msg("%s %s %s %s: got %.17g want %.17g", fx, scheme,
                         r->ids[i], LOCAL_COLS[c], got, want);
        }
    }
    ref_table_free(nb);
    ref_table_free(t);
}

static povatlas_spatial_result *grid_result(povatlas_spatial_weights w,
                                            int perms)
{
    g_autofree char *path =
        testutil_fixture_path("reference/inputs/grid.geojson");
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o);
    o.field = "value";
    o.id_field = "id";
    o.weights = w;
    o.permutations = perms;
    povatlas_error *err = NULL;
    povatlas_spatial_result *r = povatlas_spatial_layer_analyze(path, &o, &err);
    if (!r)
        fail_msg("grid: %s", err->message);
    return r;
}

static void test_grid_matches_reference(void **state)
{
    (void)state;
    const struct {
        povatlas_spatial_weights w;
        const char *scheme;
    } s[] = {{POVATLAS_SPATIAL_QUEEN, "queen"},
             {POVATLAS_SPATIAL_ROOK, "rook"},
             {POVATLAS_SPATIAL_KNN, "knn4"}};
    for (size_t k = 0; k < G_N_ELEMENTS(s); k++) {
        povatlas_spatial_result *r = grid_result(s[k].w, 0);
        assert_int_equal(r->n, 49);
        assert_int_equal(r->n_analysed, 49);
        assert_string_equal(r->crs, "EPSG:32649"); /* UTM of the centre */
        assert_null(r->caveat);                    /* 49 >= 30 */
        assert_int_equal(r->n_islands, 0);
        check_global(r, "grid", s[k].scheme);
        check_local(r, "grid", s[k].scheme);
        povatlas_spatial_result_free(r);
    }
}

/* wards.geojson (EPSG:4326) joined to wards_variable.csv, written as a
 * GeoJSON file with code, poor and total: the layer the CLI would read. */
static char *write_wards_layer(const char *dir)
{
    ref_table *v = ref_table_read("reference/inputs/wards_variable.csv");
    g_autofree char *src = testutil_shared_path("geodata/real/wards.geojson");
    GDALAllRegister();
    OGRDataSourceH ds = OGROpen(src, FALSE, NULL);
    assert_non_null(ds);
    OGRLayerH lyr = OGR_DS_GetLayer(ds, 0);
    GString *s = g_string_new("{\"type\": \"FeatureCollection\", "
                              "\"features\": [\n");
    int first = 1;
    for (guint r = 0; r < v->rows->len; r++) { /* wards_variable order */
        OGRFeatureH f;
        OGR_L_ResetReading(lyr);
        while ((f = OGR_L_GetNextFeature(lyr)) != NULL) {
            const char *code = OGR_F_GetFieldAsString(f, 0);
            if (strcmp(code, ref_get(v, r, "code")) == 0) {
                char *geom = OGR_G_ExportToJson(OGR_F_GetGeometryRef(f));
                g_string_append_printf(
                    s,
                    "%s{\"type\": \"Feature\", \"properties\": {\"code\": "
                    "\"%s\", \"poor\": %s, \"total\": %s}, \"geometry\": %s}",
                    first ? "" : ",\n", code, ref_get(v, r, "poor_households"),
                    ref_get(v, r, "total_households"), geom);
                CPLFree(geom);
                first = 0;
            }
            OGR_F_Destroy(f);
        }
    }
    g_string_append(s, "\n]}\n");
    OGR_DS_Destroy(ds);
    ref_table_free(v);
    char *path = testutil_write_file(dir, "wards.geojson", s->str, -1);
    g_string_free(s, TRUE);
    return path;
}

static povatlas_spatial_result *wards_result(const char *path, int perms)
{
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o);
    o.rate_events = "poor";
    o.rate_population = "total";
    o.id_field = "code";
    o.permutations = perms;
    povatlas_error *err = NULL;
    povatlas_spatial_result *r = povatlas_spatial_layer_analyze(path, &o, &err);
    if (!r)
        fail_msg("wards: %s", err->message);
    return r;
}

static void test_wards_rate_matches_reference(void **state)
{
    (void)state;
    if (!testutil_have_polygons())
        skip();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = write_wards_layer(dir);
    povatlas_spatial_result *r = wards_result(path, 0);
    assert_int_equal(r->n, 16);
    assert_string_equal(r->crs, "EPSG:32649");
    check_global(r, "wards", "queen");
    check_local(r, "wards", "queen");
    /* EB: global from features.csv, local (spdep default) from local.csv */
    ref_table *ft = ref_table_read("reference/features.csv");
    ref_table *lt = ref_table_read("reference/local.csv");
    for (size_t i = 0; i < r->n; i++) {
        int fr = ref_find(ft, "fixture", "wards", "id", r->ids[i], NULL, NULL);
        int lr = ref_find(lt, "fixture", "wards", "scheme", "queen", "id",
                          r->ids[i]);
        assert_true(
            close_enough(ref_num(ft, (guint)fr, "eb_global"), r->eb_global[i]));
        assert_true(
            close_enough(ref_num(lt, (guint)lr, "eb_local"), r->eb_local[i]));
    }
    ref_table_free(ft);
    ref_table_free(lt);
    /* Moran's I of the EB-standardised rates (Assunção-Reis): R spdep
     * 1.2-7, EBImoran.mc(n = poor, x = total, nb2listw(poly2nb(snap = 50)))
     * on the same wards gives 0.538409735828662 */
    assert_true(fabs(r->eb_moran_i - 0.538409735828662) <=
                1e-9 * 0.538409735828662);
    /* small n: said plainly, in the result and in the JSON */
    assert_non_null(r->caveat);
    assert_non_null(strstr(r->caveat, "only 16 units"));
    g_autofree char *json =
        povatlas_spatial_result_format(r, POVATLAS_SPATIAL_JSON);
    assert_non_null(strstr(json, "\"caveat\": \"only 16 units"));
    assert_non_null(strstr(json, "\"islands\": []"));
    assert_non_null(strstr(json, "\"eb_local\": "));
    povatlas_spatial_result_free(r);
    testutil_rmtree(dir);
}

/* Parses the local CSV and compares every numeric column with the
 * reference, so the writer's names, order and digits are tested. */
static void test_csv_writer_values(void **state)
{
    (void)state;
    povatlas_spatial_result *r = grid_result(POVATLAS_SPATIAL_QUEEN, 0);
    g_autofree char *csv =
        povatlas_spatial_result_format(r, POVATLAS_SPATIAL_CSV_LOCAL);
    g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
    assert_string_equal(lines[0],
                        "id,n_units,n_neighbours,x,lag_x,Ii,E_Ii,Var_Ii,Z_Ii,"
                        "E_Ii_total,Var_Ii_total,Z_Ii_total,Gi_z,Gistar_z");
    ref_table *t = ref_table_read("reference/local.csv");
    GPtrArray *head = csv_split(lines[0]);
    size_t rows = 0;
    for (size_t l = 1; lines[l] && lines[l][0]; l++, rows++) {
        GPtrArray *f = csv_split(lines[l]);
        const char *id = g_ptr_array_index(f, 0);
        int row = ref_find(t, "fixture", "grid", "scheme", "queen", "id", id);
        assert_true(row >= 0);
        assert_string_equal(g_ptr_array_index(f, 1), "49");
        for (guint c = 3; c < head->len; c++) {
            const char *col = g_ptr_array_index(head, c);
            double got = g_ascii_strtod(g_ptr_array_index(f, c), NULL);
            if (!close_enough(ref_num(t, (guint)row, col), got))
                fail_msg("csv %s %s: %s", id, col,
                         (char *)g_ptr_array_index(f, c));
        }
        g_ptr_array_unref(f);
    }
    assert_int_equal(rows, 49);
    g_ptr_array_unref(head);
    /* the global table: reference names, one row */
    g_autofree char *glob =
        povatlas_spatial_result_format(r, POVATLAS_SPATIAL_CSV_GLOBAL);
    assert_true(g_str_has_prefix(
        glob, "n,n_used,n_islands,S0,S1,S2,I,E_I,Var_I_norm,z_I_norm,"
              "Var_I_rand,z_I_rand,C,E_C,Var_C_norm,z_C_norm,Var_C_rand,"
              "z_C_rand\n49,49,0,49,"));
    ref_table_free(t);
    povatlas_spatial_result_free(r);
}

/* A 3 x 3 block of 1 km squares (EPSG:32649), a tenth square 50 km away
 * (an island) and an eleventh with a NULL value. */
static char *write_block_layer(const char *dir, int constant)
{
    GString *s = g_string_new(
        "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", "
        "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32649\"}}, "
        "\"features\": [\n");
    for (int k = 0; k < 11; k++) {
        double x0 = 280000 + 1000 * (k % 3), y0 = 1270000 + 1000 * (k / 3);
        if (k == 9)
            x0 += 50000;
        g_autofree char *v =
            k == 10 ? g_strdup("null")
                    : g_strdup_printf("%d", constant ? 7 : (k * 7) % 5 + k);
        g_string_append_printf(
            s,
            "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"u%d\", "
            "\"v\": %s}, \"geometry\": {\"type\": \"Polygon\", "
            "\"coordinates\": [[[%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f], "
            "[%.0f, %.0f], [%.0f, %.0f]]]}}",
            k ? ",\n" : "", k, v, x0, y0, x0 + 1000, y0, x0 + 1000, y0 + 1000,
            x0, y0 + 1000, x0, y0);
    }
    g_string_append(s, "\n]}\n");
    char *path = testutil_write_file(dir, "block.geojson", s->str, -1);
    g_string_free(s, TRUE);
    return path;
}

/* The statistics of field v of the block layer at @path by id, 99
 * permutations: the options of the block layer's tests in @o. */
static povatlas_spatial_result *block_result(const char *path,
                                             povatlas_spatial_opts *o)
{
    povatlas_spatial_opts_init(o);
    o->field = "v";
    o->id_field = "id";
    o->permutations = 99;
    povatlas_error *err = NULL;
    povatlas_spatial_result *r = povatlas_spatial_layer_analyze(path, o, &err);
    if (!r)
        fail_msg("block layer: %s", err->message);
    return r;
}

/* A 3 x 3 grid of 1 km squares with poor and total counts. */
static char *write_rate_grid(const char *dir)
{
    GString *s = g_string_new(
        "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", "
        "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32649\"}}, "
        "\"features\": [\n");
    static const int poor[9] = {3, 9, 4, 12, 2, 7, 1, 8, 5};
    for (int k = 0; k < 9; k++) {
        double x0 = 280000 + 1000 * (k % 3), y0 = 1270000 + 1000 * (k / 3);
        g_string_append_printf(
            s,
            "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"g%d\", "
            "\"poor\": %d, \"total\": %d}, \"geometry\": {\"type\": "
            "\"Polygon\", \"coordinates\": [[[%.0f, %.0f], [%.0f, %.0f], "
            "[%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f]]]}}",
            k ? ",\n" : "", k, poor[k], 100 + 10 * k, x0, y0, x0 + 1000, y0,
            x0 + 1000, y0 + 1000, x0, y0 + 1000, x0, y0);
    }
    g_string_append(s, "\n]}\n");
    char *path = testutil_write_file(dir, "rates.geojson", s->str, -1);
    g_string_free(s, TRUE);
    return path;
}

/* Out of memory in any work array of the statistics - the EB Moran's I
 * among them, whose failures were once taken for "undefined" and left
 * NaN in a result reported as complete - fails the analysis with
 * POVATLAS_E_NOMEM. */
static void test_out_of_memory_fails(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = write_rate_grid(dir);
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o);
    o.rate_events = "poor";
    o.rate_population = "total";
    o.id_field = "id";
    o.permutations = 9;
    povatlas_error *err = NULL;
    povatlas_fault_arm(POVATLAS_FAULT_ALLOC, 0, 0);
    povatlas_spatial_result *r = povatlas_spatial_layer_analyze(path, &o, &err);
    long hits = povatlas_fault_hits();
    povatlas_fault_arm(0, 0, 0);
    if (!r)
        fail_msg("rate grid: %s", err->message);
    assert_true(isfinite(r->eb_moran_i));
    assert_true(isfinite(r->eb_moran_p));
    povatlas_spatial_result_free(r);
    /* the statistic's own, the permutations', and the EB Moran's */
    assert_true(hits >= 4);
    /* and every allocation of its own: each feature's WKB as read and as
     * reprojected (2 x 9), the analysed subset, the vertices, candidate
     * pairs and links of the snapped contiguity, the result's arrays and
     * ids (75 in all) */
    assert_true(hits >= 2 * 9 + 30);
    for (long n = 1; n <= hits; n++) {
        povatlas_fault_arm(POVATLAS_FAULT_ALLOC, n, 0);
        r = povatlas_spatial_layer_analyze(path, &o, &err);
        long failed = povatlas_fault_failed();
        povatlas_fault_arm(0, 0, 0);
        assert_int_equal(failed, 1);
        if (r)
            fail_msg("allocation %ld of %ld failed, yet the analysis "
                     "returned a result (EB Moran's I %g)",
                     n, hits, r->eb_moran_i);
        assert_non_null(err);
        assert_int_equal(err->code, POVATLAS_E_NOMEM);
        if (!g_str_has_prefix(err->message, "out of memory"))
            fail_msg("allocation %ld of %ld: '%s'", n, hits, err->message);
        povatlas_error_free(err);
        err = NULL;
    }
    testutil_rmtree(dir);
}

static void test_missing_values_and_islands(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = write_block_layer(dir, 0);
    povatlas_spatial_opts o;
    povatlas_spatial_result *r = block_result(path, &o);
    assert_int_equal(r->n, 11);
    assert_int_equal(r->n_analysed, 10);
    assert_int_equal(r->global.n, 10);
    assert_int_equal(r->global.n_used, 9);
    assert_int_equal(r->n_islands, 1);
    assert_string_equal(r->islands[0], "u9");
    assert_non_null(r->note); /* u10 left out */
    assert_non_null(r->caveat);
    assert_int_equal(r->n_neighbours[9], 0);
    assert_true(isnan(r->local->z_ii[9]));        /* island: NA */
    assert_true(isfinite(r->local->gistar_z[9])); /* self only: defined */
    assert_int_equal(r->lisa[9], POVATLAS_LISA_ISLAND);
    assert_false(r->analysed[10]);
    assert_true(isnan(r->x[10]) && isnan(r->local->ii[10]));
    assert_int_equal(r->lisa[10], -1);

    g_autofree char *csv =
        povatlas_spatial_result_format(r, POVATLAS_SPATIAL_CSV_LOCAL);
    g_autofree char *json =
        povatlas_spatial_result_format(r, POVATLAS_SPATIAL_JSON);
    for (const char *bad = "nan"; bad; bad = NULL) {
        g_autofree char *lc = g_ascii_strdown(csv, -1);
        g_autofree char *lj = g_ascii_strdown(json, -1);
        assert_null(strstr(lc, bad));
        assert_null(strstr(lj, bad));
        assert_null(strstr(lc, "inf"));
    }
    /* the left-out unit: id then nothing but empty fields */
    assert_non_null(strstr(csv, "\nu10,,,,,,,,,,,,,,,,\n"));
    assert_non_null(strstr(json, "{\"id\": \"u10\", \"n_units\": null, "
                                 "\"n_neighbours\": null, \"x\": null"));
    assert_non_null(strstr(json, "\"islands\": [\"u9\"]"));
    assert_non_null(strstr(csv, "\nu9,10,0,12,0,0,0,0,,0,0,,,"));
    povatlas_spatial_result_free(r);
    testutil_rmtree(dir);
}

static void test_constant_and_usage_errors(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = write_block_layer(dir, 1);
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o);
    o.field = "v";
    povatlas_error *err = NULL;
    assert_null(povatlas_spatial_layer_analyze(path, &o, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_string_equal(err->message,
                        "Moran's I is undefined: the variable is constant");
    povatlas_error_free(err);
    err = NULL;
    o.field = "nope";
    assert_null(povatlas_spatial_layer_analyze(path, &o, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_string_equal(err->column, "nope");
    assert_non_null(err->file);
    povatlas_error_free(err);
    err = NULL;
    o.field = "v";
    o.rate_events = "v"; /* a field and half a rate */
    assert_null(povatlas_spatial_layer_analyze(path, &o, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *missing = g_build_filename(dir, "none.gpkg", NULL);
    o.rate_events = NULL;
    assert_null(povatlas_spatial_layer_analyze(missing, &o, &err));
    assert_int_equal(err->code, POVATLAS_E_IO);
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

/* Each number of the options is range-checked before any work, NaN
 * included: `--permutations 2000000000` ran for days and `--alpha NaN`
 * was taken as 0.05. The message names the option as the library does;
 * the CLI adds its flag. */
static void test_option_ranges(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = write_block_layer(dir, 0);
    static const struct {
        double alpha, snap_m, band_m;
        int permutations;
        const char *option, *message;
    } bad[] = {
        {NAN, 50, 0, 0, "alpha", "alpha must lie between 0 and 1, found nan"},
        {1, 50, 0, 0, "alpha", "alpha must lie between 0 and 1, found 1"},
        {0.05, 50, 0, 2000000000, "permutations",
         "permutations must be 0 to 99999, found 2000000000"},
        {0.05, 50, 0, -1, "permutations",
         "permutations must be 0 to 99999, found -1"},
        {0.05, -1, 0, 0, "snap_m",
         "the snap distance must be 0 metres or more, found -1"},
        {0.05, 50, INFINITY, 0, "band_m",
         "the distance band must be 0 metres or more, found inf"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        povatlas_spatial_opts o;
        povatlas_spatial_opts_init(&o);
        o.field = "v";
        o.alpha = bad[i].alpha;
        o.snap_m = bad[i].snap_m;
        o.band_m = bad[i].band_m;
        o.permutations = bad[i].permutations;
        povatlas_error *err = NULL;
        assert_null(povatlas_spatial_layer_analyze(path, &o, &err));
        assert_non_null(err);
        assert_int_equal(err->code, POVATLAS_E_USAGE);
        assert_string_equal(err->message, bad[i].message);
        assert_string_equal(err->option, bad[i].option);
        povatlas_error_free(err);
    }
    const char *perm[] = {"stats",          path,         "--field", "v",
                          "--permutations", "2000000000", NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(testutil_run(perm, &out, &err), 2);
    assert_string_equal(err, "povatlas: permutations must be 0 to 99999, "
                             "found 2000000000 [--permutations N]\n");
    const char *nan_alpha[] = {"stats",   path,  "--field", "v",
                               "--alpha", "NaN", NULL};
    g_autofree char *out2 = NULL, *err2 = NULL;
    assert_int_equal(testutil_run(nan_alpha, &out2, &err2), 2);
    assert_string_equal(err2, "povatlas: alpha must lie between 0 and 1, "
                              "found nan [--alpha A]\n");
    /* a negative seed was silently replaced by the default seed */
    const char *neg_seed[] = {"stats",  path, "--field", "v",
                              "--seed", "-5", NULL};
    g_autofree char *out3 = NULL, *err3 = NULL;
    assert_int_equal(testutil_run(neg_seed, &out3, &err3), 2);
    assert_string_equal(err3,
                        "povatlas stats: --seed must be 0 or more, found -5\n");
    testutil_rmtree(dir);
}

/* povatlas analyze on the demo dataset stores the spatial indicators of
 * the latest year for all 16 wards, none NaN. */
static void test_analyze_stores_spatial_indicators(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "atlas.sqlite", NULL);
    g_autofree char *ini = povatlas_data_path("dataset.ini");
    povatlas_init();
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(db, 1, &err);
    assert_non_null(ws);
    if (povatlas_dataset_load(ws, ini, NULL, NULL, NULL, &err))
        fail_msg("demo dataset: %s", err->message);
    assert_int_equal(povatlas_classify_workspace(ws, 0, NULL, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    g_autofree int *years = povatlas_workspace_years(ws, &err);
    int year = 0;
    for (size_t i = 0; years[i]; i++)
        year = years[i];
    const char *names[] = {POVATLAS_IND_LISA_CATEGORY, POVATLAS_IND_LISA_P,
                           POVATLAS_IND_GISTAR_Z, POVATLAS_IND_EB_RATE,
                           POVATLAS_IND_EB_LOCAL_RATE};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, year, names, 5, &err);
    assert_non_null(t);
    assert_int_equal(t->units->n, 16);
    for (size_t i = 0; i < 16 * 5; i++) {
        assert_true(t->defined[i]);
        assert_true(isfinite(t->values[i]));
    }
    for (size_t i = 0; i < 16; i++) {
        double cat = t->values[i * 5];
        assert_true(cat >= 0 && cat <= 4 && cat == floor(cat));
    }
    povatlas_indicator_table_free(t);
    double v = NAN;
    assert_int_equal(testutil_indicator(ws, POVATLAS_SCOPE_ALL, year,
                                        POVATLAS_IND_MORAN_I, &v),
                     1);
    assert_true(isfinite(v));
    assert_int_equal(testutil_indicator(ws, POVATLAS_SCOPE_ALL, year,
                                        POVATLAS_IND_MORAN_P, &v),
                     1);
    assert_true(v > 0 && v <= 1);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* `povatlas stats` through the binary: CSV on stdout, notes on stderr,
 * exit codes 0 / 1 / 2. */
static void test_cli_stats_csv(void **state)
{
    (void)state;
    g_autofree char *grid =
        testutil_fixture_path("reference/inputs/grid.geojson");
    const char *argv[] = {"stats", grid,       "--field", "value", "--id",
                          "id",    "--format", "csv",     NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(testutil_run(argv, &out, &err), 0);
    assert_true(g_str_has_prefix(out, "id,n_units,n_neighbours,x,lag_x,Ii,"));
    assert_null(strstr(err, "caveat"));
    ref_table *t = ref_table_read("reference/local.csv");
    int row = ref_find(t, "fixture", "grid", "scheme", "queen", "id", "r0c0");
    g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
    GPtrArray *f = csv_split(lines[1]);
    assert_string_equal(g_ptr_array_index(f, 0), "r0c0");
    assert_true(close_enough(ref_num(t, (guint)row, "Ii"),
                             g_ascii_strtod(g_ptr_array_index(f, 5), NULL)));
    g_ptr_array_unref(f);
    ref_table_free(t);

    g_autofree char *dir = testutil_tmpdir();
    if (testutil_have_polygons()) { /* a rate layer of the real wards */
        g_autofree char *wards = write_wards_layer(dir);
        const char *argw[] = {"stats", wards,  "--rate", "poor/total",
                              "--id",  "code", NULL};
        g_autofree char *out2 = NULL, *err2 = NULL;
        assert_int_equal(testutil_run(argw, &out2, &err2), 0);
        assert_non_null(strstr(err2, "caveat: only 16 units"));
        assert_non_null(strstr(out2, ",eb_global,eb_local\n"));
    }

    g_autofree char *block = write_block_layer(dir, 1);
    const char *argc_[] = {"stats", block, "--field", "v", NULL};
    g_autofree char *out3 = NULL, *err3 = NULL;
    assert_int_equal(testutil_run(argc_, &out3, &err3), 1);
    assert_non_null(strstr(err3, "the variable is constant"));
    const char *argu[] = {"stats",   block, "--weights", "hexagon",
                          "--field", "v",   NULL};
    g_autofree char *out4 = NULL, *err4 = NULL;
    assert_int_equal(testutil_run(argu, &out4, &err4), 2);
    testutil_rmtree(dir);
}

static void test_weights_names(void **state)
{
    (void)state;
    const char *names[] = {"queen", "rook", "queen_dist", "knn", "distance"};
    const povatlas_spatial_weights kinds[] = {
        POVATLAS_SPATIAL_QUEEN, POVATLAS_SPATIAL_ROOK,
        POVATLAS_SPATIAL_QUEEN_DIST, POVATLAS_SPATIAL_KNN,
        POVATLAS_SPATIAL_DISTANCE};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        povatlas_spatial_weights w = (povatlas_spatial_weights)-1;
        assert_true(povatlas_spatial_weights_parse(names[i], &w));
        assert_int_equal(w, kinds[i]);
    }
    povatlas_spatial_weights w = POVATLAS_SPATIAL_KNN;
    assert_false(povatlas_spatial_weights_parse("hexagon", &w));
    assert_false(povatlas_spatial_weights_parse("Queen", &w));
    assert_false(povatlas_spatial_weights_parse(NULL, &w));
    assert_int_equal(w, POVATLAS_SPATIAL_KNN);
}

/* A little-endian WKB Polygon: the square [x, x + d] × [y, y + d]. */

/* The x, y of point @i of a WKB polygon's first ring (little-endian). */
static void wkb_point(const unsigned char *wkb, size_t i, double *x, double *y)
{
    guint64 bits;
    memcpy(&bits, wkb + 13 + 16 * i, 8);
    bits = GUINT64_FROM_LE(bits);
    memcpy(x, &bits, 8);
    memcpy(&bits, wkb + 13 + 16 * i + 8, 8);
    bits = GUINT64_FROM_LE(bits);
    memcpy(y, &bits, 8);
}

/* The arrays entry point gives what the file entry point gives on the
 * same block layer (write_block_layer): same units, same statistics. */
static void test_compute_equals_layer(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = write_block_layer(dir, 0);
    povatlas_spatial_opts o;
    povatlas_spatial_result *a = block_result(path, &o);
    povatlas_error *err = NULL;

    char *ids[11];
    double x[11];
    GByteArray *sq[11];
    const unsigned char *wkb[11];
    size_t size[11];
    for (int k = 0; k < 11; k++) {
        double x0 = 280000 + 1000 * (k % 3), y0 = 1270000 + 1000 * (k / 3);
        if (k == 9)
            x0 += 50000;
        ids[k] = g_strdup_printf("u%d", k);
        x[k] = k == 10 ? NAN : (k * 7) % 5 + k;
        sq[k] = testutil_square_wkb(x0, y0, 1000);
        wkb[k] = sq[k]->data;
        size[k] = sq[k]->len;
    }
    const povatlas_spatial_input in = {
        11, (const char *const *)ids, x, NULL, NULL, wkb, size, "EPSG:32649"};
    povatlas_spatial_result *b = povatlas_spatial_compute(&in, &o, &err);
    if (!b)
        fail_msg("%s", err->message);
    assert_int_equal(b->n, a->n);
    assert_int_equal(b->n_analysed, 10);
    assert_int_equal(b->n_islands, 1);
    assert_string_equal(b->islands[0], "u9");
    assert_true(b->global.moran_i == a->global.moran_i);
    assert_true(b->global.geary_c == a->global.geary_c);
    for (size_t i = 0; i < 11; i++) {
        assert_string_equal(b->ids[i], a->ids[i]);
        assert_int_equal(b->analysed[i], a->analysed[i]);
        assert_int_equal(b->lisa[i], a->lisa[i]);
        if (b->analysed[i]) {
            assert_true(b->local->ii[i] == a->local->ii[i]);
            /* the island has no pseudo p: NAN in both */
            assert_true(b->p_sim[i] == a->p_sim[i] ||
                        (isnan(b->p_sim[i]) && isnan(a->p_sim[i])));
        }
    }
    g_autofree char *fa =
        povatlas_spatial_result_format(a, POVATLAS_SPATIAL_CSV_LOCAL);
    g_autofree char *fb =
        povatlas_spatial_result_format(b, POVATLAS_SPATIAL_CSV_LOCAL);
    assert_string_equal(fa, fb);

    /* written to a file: the same bytes as the text form */
    g_autofree char *out = g_build_filename(dir, "local.csv", NULL);
    assert_int_equal(
        povatlas_spatial_result_write(b, POVATLAS_SPATIAL_CSV_LOCAL, out, &err),
        POVATLAS_OK);
    g_autofree char *got = NULL;
    assert_true(g_file_get_contents(out, &got, NULL, NULL));
    assert_string_equal(got, fb);
    g_autofree char *json = g_build_filename(dir, "r.json", NULL);
    assert_int_equal(
        povatlas_spatial_result_write(b, POVATLAS_SPATIAL_JSON, json, &err),
        POVATLAS_OK);
    g_autofree char *jgot = NULL;
    g_autofree char *jwant =
        povatlas_spatial_result_format(b, POVATLAS_SPATIAL_JSON);
    assert_true(g_file_get_contents(json, &jgot, NULL, NULL));
    assert_string_equal(jgot, jwant);
    /* a folder that does not exist: an i/o error naming the path */
    g_autofree char *bad = g_build_filename(dir, "no", "such", "x.csv", NULL);
    assert_int_not_equal(povatlas_spatial_result_write(
                             b, POVATLAS_SPATIAL_CSV_GLOBAL, bad, &err),
                         POVATLAS_OK);
    assert_non_null(err);
    assert_string_equal(err->file, bad);
    povatlas_error_free(err);
    for (int k = 0; k < 11; k++) {
        g_free(ids[k]);
        g_byte_array_unref(sq[k]);
    }
    povatlas_spatial_result_free(a);
    povatlas_spatial_result_free(b);
    testutil_rmtree(dir);
}

/* Longitude and latitude to the UTM zone of the features' centre, and to
 * a CRS given; values as gdaltransform gives them (EPSG:4326 to 32649). */
static void test_project_wkb(void **state)
{
    (void)state;
    GByteArray *sq = testutil_square_wkb(108.985, 11.555, 0.01);
    const unsigned char *in[2] = {sq->data, NULL};
    const size_t in_size[2] = {sq->len, 0};
    unsigned char *out[2] = {NULL, NULL};
    size_t out_size[2] = {0, 0};
    g_autofree char *crs = NULL;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_spatial_project_wkb(in, in_size, 2, NULL, NULL,
                                                  out, out_size, &crs, &err),
                     POVATLAS_OK);
    assert_string_equal(crs, "EPSG:32649");
    assert_non_null(out[0]);
    assert_null(out[1]); /* no geometry stays none */
    double px, py;
    wkb_point(out[0], 0, &px, &py);
    assert_true(fabs(px - 280253.76987951) < 0.01);
    assert_true(fabs(py - 1278121.41960919) < 0.01);
    wkb_point(out[0], 2, &px, &py);
    assert_true(fabs(px - 281352.496987977) < 0.01);
    assert_true(fabs(py - 1279220.12359426) < 0.01);
    g_free(out[0]);
    /* an explicit target */
    out[0] = NULL;
    assert_int_equal(povatlas_spatial_project_wkb(in, in_size, 1, "EPSG:4326",
                                                  "EPSG:32648", out, out_size,
                                                  NULL, &err),
                     POVATLAS_OK);
    wkb_point(out[0], 0, &px, &py);
    assert_true(px > 800000); /* east of zone 48's centre */
    g_free(out[0]);
    assert_null(err);
    /* an unknown CRS is an error */
    out[0] = NULL;
    assert_int_not_equal(povatlas_spatial_project_wkb(in, in_size, 1,
                                                      "EPSG:99999", NULL, out,
                                                      out_size, NULL, &err),
                         POVATLAS_OK);
    assert_non_null(err);
    povatlas_error_free(err);
    g_byte_array_unref(sq);
}

/* Projects @n units with @threads threads; returns the status and the
 * error's row (0 without one). */
static povatlas_status project_with(const char *threads,
                                    const unsigned char *const *in,
                                    const size_t *in_size, size_t n,
                                    unsigned char **out, size_t *out_size,
                                    long *row)
{
    g_setenv("POVATLAS_THREADS", threads, TRUE);
    povatlas_error *err = NULL;
    g_autofree char *crs = NULL;
    povatlas_status st = povatlas_spatial_project_wkb(
        in, in_size, n, "EPSG:4326", NULL, out, out_size, &crs, &err);
    g_unsetenv("POVATLAS_THREADS");
    *row = err ? err->row : 0;
    if (!st)
        assert_string_equal(crs, "EPSG:32649");
    povatlas_error_free(err);
    return st;
}

/* 1,000 lon/lat squares (4 units a thread at least 256): one thread and
 * three give the same metres to the last bit, and a unit that cannot be
 * read fails at its own row whichever thread met it. */
static void test_project_threads_change_nothing(void **state)
{
    (void)state;
    const size_t n = 1000;
    unsigned char **in = g_new0(unsigned char *, n);
    size_t *in_size = g_new0(size_t, n);
    for (size_t i = 0; i < n; i++)
        if (i % 97 != 5) /* some units without a geometry */
            in[i] = g_byte_array_steal(
                testutil_square_wkb(108.5 + (double)(i % 40) * 0.02,
                                    11.0 + (double)(i / 40) * 0.02, 0.015),
                &in_size[i]);
    unsigned char **a = g_new0(unsigned char *, n);
    unsigned char **b = g_new0(unsigned char *, n);
    size_t *a_size = g_new0(size_t, n), *b_size = g_new0(size_t, n);
    long row = -1;
    const unsigned char *const *cin = (const unsigned char *const *)in;
    assert_int_equal(project_with("1", cin, in_size, n, a, a_size, &row),
                     POVATLAS_OK);
    assert_int_equal(project_with("3", cin, in_size, n, b, b_size, &row),
                     POVATLAS_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(a_size[i], b_size[i]);
        if (!in[i]) {
            assert_null(a[i]);
            assert_null(b[i]);
            continue;
        }
        assert_int_equal(a_size[i], in_size[i]);
        assert_memory_equal(a[i], b[i], a_size[i]);
        g_free(a[i]);
        g_free(b[i]);
    }
    /* units 700 and 900 truncated: the error names row 701 */
    in_size[700] = in_size[900] = 9;
    assert_int_equal(project_with("3", cin, in_size, n, b, b_size, &row),
                     POVATLAS_E_GEOM);
    assert_int_equal(row, 701);
    for (size_t i = 0; i < n; i++)
        assert_null(b[i]); /* nothing left behind */
    assert_int_equal(project_with("1", cin, in_size, n, b, b_size, &row),
                     POVATLAS_E_GEOM);
    assert_int_equal(row, 701);
    for (size_t i = 0; i < n; i++)
        g_free(in[i]);
    g_free(in);
    g_free(in_size);
    g_free(a);
    g_free(b);
    g_free(a_size);
    g_free(b_size);
}

static povatlas_spatial_result *grid_stats(const char *threads,
                                           const povatlas_spatial_input *in)
{
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o);
    o.weights = POVATLAS_SPATIAL_QUEEN;
    o.snap_m = 0;
    o.permutations = 99;
    o.seed = 7;
    g_setenv("POVATLAS_THREADS", threads, TRUE);
    povatlas_error *err = NULL;
    povatlas_spatial_result *r = povatlas_spatial_compute(in, &o, &err);
    g_unsetenv("POVATLAS_THREADS");
    if (r == NULL)
        fail_msg("%s thread(s): %s", threads, err ? err->message : "?");
    return r;
}

/* 4,900 squares (enough candidate pairs for the snapping to split): one
 * thread and two give the same neighbours, local statistics, pseudo p,
 * LISA categories and global permutation test. */
static void test_threads_change_nothing(void **state)
{
    (void)state;
    const size_t side = 70, n = side * side;
    unsigned char **wkb = g_new0(unsigned char *, n);
    size_t *size = g_new0(size_t, n);
    double *x = g_new(double, n);
    char **ids = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        wkb[i] = g_byte_array_steal(
            testutil_square_wkb((double)(i % side) * 100.0,
                                (double)(i / side) * 100.0, 100.0),
            &size[i]);
        x[i] = sin((double)i * 0.37) + (double)(i % 7) * 0.1 +
               (double)(i / side) * 0.01;
        ids[i] = g_strdup_printf("%zu", i + 1);
    }
    povatlas_spatial_input in = {
        n,    (const char *const *)ids,          x,    NULL,
        NULL, (const unsigned char *const *)wkb, size, NULL};
    povatlas_spatial_result *a = grid_stats("1", &in);
    povatlas_spatial_result *b = grid_stats("2", &in);
    assert_int_equal(a->n_neighbours[0], 3); /* a corner square */
    assert_int_equal(a->n_neighbours[side + 1], 8);
    assert_memory_equal(a->n_neighbours, b->n_neighbours, n * sizeof(size_t));
    assert_memory_equal(a->p_sim, b->p_sim, n * sizeof(double));
    assert_memory_equal(a->lisa, b->lisa, n * sizeof(int));
    assert_memory_equal(a->local->gistar_z, b->local->gistar_z,
                        n * sizeof(double));
    assert_memory_equal(&a->global_perm, &b->global_perm,
                        sizeof a->global_perm);
    assert_true(a->global_perm.p_greater > 0 && a->global_perm.p_greater <= 1);
    povatlas_spatial_result_free(a);
    povatlas_spatial_result_free(b);
    for (size_t i = 0; i < n; i++) {
        g_free(wkb[i]);
        g_free(ids[i]);
    }
    g_free(wkb);
    g_free(size);
    g_free(x);
    g_free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_matches_reference),
        cmocka_unit_test(test_wards_rate_matches_reference),
        cmocka_unit_test(test_csv_writer_values),
        cmocka_unit_test(test_missing_values_and_islands),
        cmocka_unit_test(test_constant_and_usage_errors),
        cmocka_unit_test(test_option_ranges),
        cmocka_unit_test(test_analyze_stores_spatial_indicators),
        cmocka_unit_test(test_cli_stats_csv),
        cmocka_unit_test(test_weights_names),
        cmocka_unit_test(test_compute_equals_layer),
        cmocka_unit_test(test_project_wkb),
        cmocka_unit_test(test_threads_change_nothing),
        cmocka_unit_test(test_project_threads_change_nothing),
        cmocka_unit_test(test_out_of_memory_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
