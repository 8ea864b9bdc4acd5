/*
 * areas.c - unit areas: geodesic on the WGS 84 ellipsoid (PROJ's
 * GeographicLib, exact whatever CRS the boundaries came in) and planar in
 * the unit's UTM zone for comparison with other GIS tools. An area_calc
 * keeps one GEOS context and one PROJ transformation per UTM zone, because
 * building a PROJ transformation costs milliseconds: once per unit it was
 * most of `analyze` at 10,600 communes.
 */
#include <math.h>

#include <geodesic.h>
#include <geos_c.h>
#include <proj.h>

#include <glib.h>

#include "analysis/analysis_private.h"
#include "core/proj_errors.h"
#include "core/utm.h"
#include "povatlas/analysis.h"

struct area_calc {
    GEOSContextHandle_t geos;
    GEOSWKBReader *reader;
    PJ_CONTEXT *pj_ctx;
    proj_errors pj_errors; /* PROJ's messages, never printed */
    GHashTable *pj;        /* CRS text -> PJ * (lon/lat order) */
    struct geod_geodesic geod;
};

static void geos_quiet(const char *fmt, ...) { (void)fmt; }

static void destroy_pj(gpointer p) { proj_destroy(p); }

area_calc *area_calc_new(void)
{
    area_calc *a = g_new0(area_calc, 1);
    a->geos = GEOS_init_r();
    GEOSContext_setErrorHandler_r(a->geos, geos_quiet);
    a->reader = GEOSWKBReader_create_r(a->geos);
    a->pj_ctx = proj_errors_context(&a->pj_errors);
    a->pj = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, destroy_pj);
    geod_init(&a->geod, 6378137.0, 1 / 298.257223563); /* WGS 84 */
    return a;
}

void area_calc_free(area_calc *a)
{
    if (!a)
        return;
    g_hash_table_destroy(a->pj); /* before the context they belong to */
    proj_context_destroy(a->pj_ctx);
    GEOSWKBReader_destroy_r(a->geos, a->reader);
    GEOS_finish_r(a->geos);
    g_free(a);
}

/* The transformation EPSG:4326 -> @crs, built once. */
static PJ *transform_to(area_calc *a, const char *crs)
{
    PJ *pj = g_hash_table_lookup(a->pj, crs);
    if (pj)
        return pj;
    PJ *raw = proj_create_crs_to_crs(a->pj_ctx, "EPSG:4326", crs, NULL);
    pj = raw ? proj_normalize_for_visualization(a->pj_ctx, raw) : NULL;
    proj_destroy(raw);
    if (pj)
        g_hash_table_insert(a->pj, g_strdup(crs), pj);
    return pj;
}

typedef double (*ring_area_fn)(area_calc *a, double *x, double *y,
                               unsigned int n, PJ *pj);

static double geodesic_ring(area_calc *a, double *lon, double *lat,
                            unsigned int n, PJ *pj)
{
    (void)pj;
    double area = 0, perimeter = 0;
    /* geod_polygonarea closes the ring itself: drop the repeated point */
    if (n > 1 && lon[0] == lon[n - 1] && lat[0] == lat[n - 1])
        n--;
    geod_polygonarea(&a->geod, lat, lon, (int)n, &area, &perimeter);
    return area;
}

static double planar_ring(area_calc *a, double *x, double *y, unsigned int n,
                          PJ *pj)
{
    (void)a;
    proj_trans_generic(pj, PJ_FWD, x, sizeof(double), n, y, sizeof(double), n,
                       NULL, 0, 0, NULL, 0, 0);
    double s = 0; /* shoelace */
    for (unsigned int i = 0; i + 1 < n; i++)
        s += x[i] * y[i + 1] - x[i + 1] * y[i];
    return s / 2;
}

/* Sum over polygons of |outer| - |holes|, with @fn measuring one ring. */
static double sum_rings(area_calc *a, const GEOSGeometry *g, ring_area_fn fn,
                        PJ *pj)
{
    double total = 0;
    for (int p = 0; p < GEOSGetNumGeometries_r(a->geos, g); p++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(a->geos, g, p);
        int n_holes = GEOSGetNumInteriorRings_r(a->geos, poly);
        for (int r = -1; r < n_holes; r++) {
            const GEOSGeometry *ring =
                r < 0 ? GEOSGetExteriorRing_r(a->geos, poly)
                      : GEOSGetInteriorRingN_r(a->geos, poly, r);
            const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(a->geos, ring);
            unsigned int n = 0;
            GEOSCoordSeq_getSize_r(a->geos, cs, &n);
            double *x = g_new(double, n + 1), *y = g_new(double, n + 1);
            for (unsigned int i = 0; i < n; i++)
                GEOSCoordSeq_getXY_r(a->geos, cs, i, &x[i], &y[i]);
            double ring_area = fabs(fn(a, x, y, n, pj));
            total += r < 0 ? ring_area : -ring_area;
            g_free(x);
            g_free(y);
        }
    }
    return total;
}

/* "EPSG:326zz" for the UTM zone of the geometry's centroid. */
static char *utm_crs_of(area_calc *a, const GEOSGeometry *g)
{
    double lon = 0, lat = 0;
    GEOSGeometry *c = GEOSGetCentroid_r(a->geos, g);
    if (c) {
        GEOSGeomGetX_r(a->geos, c, &lon);
        GEOSGeomGetY_r(a->geos, c, &lat);
        GEOSGeom_destroy_r(a->geos, c);
    }
    return utm_zone_crs(lon, lat);
}

povatlas_status area_calc_measure(area_calc *a, const unsigned char *wkb,
                                  size_t wkb_size, const char *crs,
                                  double *geodesic_km2, double *planar_km2,
                                  povatlas_error **err)
{
    GEOSGeometry *g = GEOSWKBReader_read_r(a->geos, a->reader, wkb, wkb_size);
    if (!g)
        return povatlas_error_set(err, POVATLAS_E_GEOM, "unreadable WKB");
    povatlas_status st = POVATLAS_OK;
    if (geodesic_km2)
        *geodesic_km2 = sum_rings(a, g, geodesic_ring, NULL) / 1e6;
    if (planar_km2) {
        g_autofree char *auto_crs = crs ? NULL : utm_crs_of(a, g);
        PJ *pj = transform_to(a, crs ? crs : auto_crs);
        if (!pj && crs)
            st = povatlas_error_set(err, POVATLAS_E_USAGE,
                                    "unknown CRS '%s': %s", crs,
                                    proj_errors_why(&a->pj_errors, a->pj_ctx));
        else if (!pj)
            st = povatlas_error_set(
                err, POVATLAS_E_GEOM, "cannot set up the projection to %s: %s",
                auto_crs, proj_errors_why(&a->pj_errors, a->pj_ctx));
        else
            *planar_km2 = sum_rings(a, g, planar_ring, pj) / 1e6;
    }
    GEOSGeom_destroy_r(a->geos, g);
    return st;
}

povatlas_status povatlas_geodesic_area_km2(const unsigned char *wkb,
                                           size_t wkb_size, double *out,
                                           povatlas_error **err)
{
    area_calc *a = area_calc_new();
    povatlas_status st =
        area_calc_measure(a, wkb, wkb_size, NULL, out, NULL, err);
    area_calc_free(a);
    return st;
}

povatlas_status povatlas_projected_area_km2(const unsigned char *wkb,
                                            size_t wkb_size, const char *crs,
                                            double *out, povatlas_error **err)
{
    area_calc *a = area_calc_new();
    povatlas_status st =
        area_calc_measure(a, wkb, wkb_size, crs, NULL, out, err);
    area_calc_free(a);
    return st;
}
