/*
 * stats_fixture.h - what the analysis tests (test_breaks.c, test_weights.c,
 * test_moran.c, test_local.c, test_ebayes.c, test_permute.c) share: the
 * reference CSV tables of tests/fixtures/reference (a copy of the shared
 * reference set, see its ORIGIN.md) and the two fixtures (16 wards
 * reprojected to EPSG:32649 with OGR, the 7 x 7 grid) read at run time.
 * Ward polygons are GADM data: read in place from ../shared, never copied
 * here; the tests of the wards fixture skip without them.
 * Header-only (static functions) so CMake's test glob needs no change.
 */
#ifndef POVATLAS_STATS_FIXTURE_H
#define POVATLAS_STATS_FIXTURE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "testutil.h"

#include "povatlas/stats.h"

/* ---- CSV tables (RFC 4180 subset: quotes, no embedded newlines) ----- */

typedef struct ref_table {
    GPtrArray *header; /* char * */
    GPtrArray *rows;   /* GPtrArray of char * */
} ref_table;

static inline GPtrArray *csv_split(const char *line)
{
    GPtrArray *f = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    int quoted = 0;
    for (const char *p = line;; p++) {
        if (*p == '"') {
            if (quoted && p[1] == '"') {
                g_string_append_c(cur, '"');
                p++;
            } else {
                quoted = !quoted;
            }
        } else if ((*p == ',' && !quoted) || *p == '\0' || *p == '\r') {
            g_ptr_array_add(f, g_string_free(cur, FALSE));
            if (*p != ',')
                break;
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    return f;
}

static inline ref_table *ref_table_read(const char *rel)
{
    g_autofree char *path = testutil_fixture_path(rel);
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        fail_msg("cannot read %s", path);
    ref_table *t = g_new0(ref_table, 1);
    t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if (lines[i][0] == '\0')
            continue;
        GPtrArray *f = csv_split(lines[i]);
        if (t->header == NULL)
            t->header = f;
        else
            g_ptr_array_add(t->rows, f);
    }
    return t;
}

static inline void ref_table_free(ref_table *t)
{
    if (t == NULL)
        return;
    g_ptr_array_unref(t->header);
    g_ptr_array_unref(t->rows);
    g_free(t);
}

static inline int ref_col(const ref_table *t, const char *name)
{
    for (guint c = 0; c < t->header->len; c++)
        if (strcmp(g_ptr_array_index(t->header, c), name) == 0)
            return (int)c;
    fail_msg("no column %s", name);
    return -1;
}

static inline const char *ref_get(const ref_table *t, guint row,
                                  const char *col)
{
    GPtrArray *r = g_ptr_array_index(t->rows, row);
    return g_ptr_array_index(r, (guint)ref_col(t, col));
}

/* R's "NA" reads as NAN. */
static inline double ref_num(const ref_table *t, guint row, const char *col)
{
    const char *s = ref_get(t, row, col);
    char *end = NULL;
    if (strcmp(s, "NA") == 0)
        return NAN;
    double v = g_ascii_strtod(s, &end);
    if (end == s || *end != '\0')
        fail_msg("not a number in column %s: '%s'", col, s);
    return v;
}

/* The row whose first columns equal @k1, @k2 (nullable), @k3 (nullable)
 * in columns @c1, @c2, @c3; -1 when absent. */
static inline int ref_find(const ref_table *t, const char *c1, const char *k1,
                           const char *c2, const char *k2, const char *c3,
                           const char *k3)
{
    for (guint r = 0; r < t->rows->len; r++)
        if (strcmp(ref_get(t, r, c1), k1) == 0 &&
            (c2 == NULL || strcmp(ref_get(t, r, c2), k2) == 0) &&
            (c3 == NULL || strcmp(ref_get(t, r, c3), k3) == 0))
            return (int)r;
    return -1;
}

/* README "Comparing": relative 1e-9, absolute 1e-12 near 0; NA == NA. */
static inline int close_enough(double ref, double got)
{
    if (isnan(ref) || isnan(got))
        return isnan(ref) && isnan(got);
    double d = fabs(ref - got), m = fmax(fabs(ref), fabs(got));
    return d <= 1e-12 || d <= 1e-9 * m;
}

/* ---- fixtures -------------------------------------------------------- */

typedef struct stats_fixture {
    const char *name; /* "wards" or "grid" */
    size_t n;
    char **ids;           /* n, g_free'd */
    double *x;            /* n */
    double *poor, *total; /* n, NULL for the grid */
    unsigned char **wkb;  /* n, EPSG:32649 */
    size_t *wkb_size;     /* n */
} stats_fixture;

static inline void fixture_add_geom(stats_fixture *f, size_t i, OGRGeometryH g)
{
    f->wkb_size[i] = (size_t)OGR_G_WkbSize(g);
    f->wkb[i] = g_malloc(f->wkb_size[i]);
    assert_int_equal(OGR_G_ExportToWkb(g, wkbNDR, f->wkb[i]), OGRERR_NONE);
}

static inline void fixture_alloc(stats_fixture *f, size_t n)
{
    f->n = n;
    f->ids = g_new0(char *, n + 1);
    f->x = g_new0(double, n);
    f->wkb = g_new0(unsigned char *, n);
    f->wkb_size = g_new0(size_t, n);
}

/* The 16 wards in wards_variable.csv order, x = poor / total, polygons
 * from geodata/real/wards.geojson reprojected EPSG:4326 -> 32649 (lon/lat
 * axis order). */
static inline stats_fixture *fixture_wards(void)
{
    ref_table *v = ref_table_read("reference/inputs/wards_variable.csv");
    stats_fixture *f = g_new0(stats_fixture, 1);
    f->name = "wards";
    fixture_alloc(f, v->rows->len);
    f->poor = g_new0(double, f->n);
    f->total = g_new0(double, f->n);
    for (guint r = 0; r < v->rows->len; r++) {
        f->ids[r] = g_strdup(ref_get(v, r, "code"));
        f->poor[r] = ref_num(v, r, "poor_households");
        f->total[r] = ref_num(v, r, "total_households");
        f->x[r] = f->poor[r] / f->total[r];
    }
    ref_table_free(v);

    g_autofree char *path = testutil_shared_path("geodata/real/wards.geojson");
    GDALAllRegister();
    OGRDataSourceH ds = OGROpen(path, FALSE, NULL);
    assert_non_null(ds);
    OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);
    OGRSpatialReferenceH t = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(s, 4326);
    OSRImportFromEPSG(t, 32649);
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(t, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(s, t);
    assert_non_null(ct);
    OGRLayerH lyr = OGR_DS_GetLayer(ds, 0);
    OGRFeatureH feat;
    OGR_L_ResetReading(lyr);
    while ((feat = OGR_L_GetNextFeature(lyr)) != NULL) {
        const char *code =
            OGR_F_GetFieldAsString(feat, OGR_F_GetFieldIndex(feat, "code"));
        for (size_t i = 0; i < f->n; i++)
            if (strcmp(f->ids[i], code) == 0) {
                OGRGeometryH g = OGR_G_Clone(OGR_F_GetGeometryRef(feat));
                assert_int_equal(OGR_G_Transform(g, ct), OGRERR_NONE);
                fixture_add_geom(f, i, g);
                OGR_G_DestroyGeometry(g);
            }
        OGR_F_Destroy(feat);
    }
    for (size_t i = 0; i < f->n; i++)
        assert_non_null(f->wkb[i]);
    OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(s);
    OSRDestroySpatialReference(t);
    OGR_DS_Destroy(ds);
    return f;
}

/* The 7 x 7 grid (EPSG:32649 already), features in file order. */
static inline stats_fixture *fixture_grid(void)
{
    g_autofree char *path =
        testutil_fixture_path("reference/inputs/grid.geojson");
    GDALAllRegister();
    OGRDataSourceH ds = OGROpen(path, FALSE, NULL);
    assert_non_null(ds);
    OGRLayerH lyr = OGR_DS_GetLayer(ds, 0);
    stats_fixture *f = g_new0(stats_fixture, 1);
    f->name = "grid";
    fixture_alloc(f, (size_t)OGR_L_GetFeatureCount(lyr, TRUE));
    OGRFeatureH feat;
    size_t i = 0;
    OGR_L_ResetReading(lyr);
    while ((feat = OGR_L_GetNextFeature(lyr)) != NULL) {
        assert_true(i < f->n);
        f->ids[i] = g_strdup(
            OGR_F_GetFieldAsString(feat, OGR_F_GetFieldIndex(feat, "id")));
        f->x[i] =
            OGR_F_GetFieldAsDouble(feat, OGR_F_GetFieldIndex(feat, "value"));
        fixture_add_geom(f, i, OGR_F_GetGeometryRef(feat));
        OGR_F_Destroy(feat);
        i++;
    }
    assert_int_equal(i, f->n);
    OGR_DS_Destroy(ds);
    return f;
}

static inline void fixture_free(stats_fixture *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->n; i++)
        g_free(f->wkb[i]);
    g_strfreev(f->ids);
    g_free(f->x);
    g_free(f->poor);
    g_free(f->total);
    g_free(f->wkb);
    g_free(f->wkb_size);
    g_free(f);
}

static inline stats_fixture *fixture_by_name(const char *name)
{
    return strcmp(name, "wards") == 0 ? fixture_wards() : fixture_grid();
}

static const char *const fixture_schemes_wards[] = {"queen", "rook",
                                                    "queen_dist", "knn4", NULL};
static const char *const fixture_schemes_grid[] = {"queen", "rook", "knn4",
                                                   NULL};

static inline const char *const *fixture_schemes(const stats_fixture *f)
{
    return strcmp(f->name, "wards") == 0 ? fixture_schemes_wards
                                         : fixture_schemes_grid;
}

/* Weights of a README scheme (snap d = 50 m, k = 4 on GEOS centroids). */
static inline povatlas_weights *fixture_weights(const stats_fixture *f,
                                                const char *scheme)
{
    povatlas_error *err = NULL;
    povatlas_weights *w = NULL;
    const unsigned char *const *wkb = (const unsigned char *const *)f->wkb;
    if (strcmp(scheme, "knn4") == 0) {
        double *xy = g_new(double, 2 * f->n);
        assert_int_equal(
            povatlas_centroids_from_wkb(wkb, f->wkb_size, f->n, xy, &err),
            POVATLAS_OK);
        w = povatlas_weights_knn(xy, f->n, 4, &err);
        g_free(xy);
    } else {
        povatlas_contiguity kind =
            strcmp(scheme, "queen") == 0  ? POVATLAS_CONTIGUITY_QUEEN
            : strcmp(scheme, "rook") == 0 ? POVATLAS_CONTIGUITY_ROOK
                                          : POVATLAS_CONTIGUITY_QUEEN_DIST;
        w = povatlas_weights_contiguity(wkb, f->wkb_size, f->n, kind, 50.0,
                                        &err);
    }
    if (w == NULL)
        fail_msg("weights %s/%s: %s", f->name, scheme,
                 err ? err->message : "?");
    return w;
}

#endif
