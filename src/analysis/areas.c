/*
 * areas.c - unit areas: geodesic on the WGS 84 ellipsoid (PROJ's
 * GeographicLib, exact whatever CRS the boundaries came in) and planar in a
 * projected CRS for comparison with other GIS tools. Geometry is read with
 * GEOS; each call owns its GEOS and PROJ contexts (no shared state).
 */
#include <math.h>

#include <geodesic.h>
#include <geos_c.h>
#include <proj.h>

#include <glib.h>

#include "povatlas/analysis.h"

typedef double (*ring_area_fn)(const double *x, const double *y,
                               unsigned int n, void *ctx);

static void geos_quiet(const char *fmt, ...)
{
    (void)fmt;
}

/* Sum over polygons of |outer| - |holes|, with @fn measuring one ring. */
static povatlas_status sum_rings(const unsigned char *wkb, size_t wkb_size,
                                 ring_area_fn fn, void *ctx, double *out,
                                 povatlas_error **err)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSContext_setErrorHandler_r(h, geos_quiet);
    GEOSWKBReader *rd = GEOSWKBReader_create_r(h);
    GEOSGeometry *g = GEOSWKBReader_read_r(h, rd, wkb, wkb_size);
    povatlas_status st = POVATLAS_OK;
    double total = 0;
    if (!g) {
        st = povatlas_error_set(err, POVATLAS_E_GEOM, "unreadable WKB");
        goto done;
    }
    for (int p = 0; p < GEOSGetNumGeometries_r(h, g); p++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(h, g, p);
        int n_holes = GEOSGetNumInteriorRings_r(h, poly);
        for (int r = -1; r < n_holes; r++) {
            const GEOSGeometry *ring = r < 0
                                           ? GEOSGetExteriorRing_r(h, poly)
                                           : GEOSGetInteriorRingN_r(h, poly, r);
            const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
            unsigned int n = 0;
            GEOSCoordSeq_getSize_r(h, cs, &n);
            double *x = g_new(double, n + 1), *y = g_new(double, n + 1);
            for (unsigned int i = 0; i < n; i++)
                GEOSCoordSeq_getXY_r(h, cs, i, &x[i], &y[i]);
            double a = fabs(fn(x, y, n, ctx));
            total += r < 0 ? a : -a;
            g_free(x);
            g_free(y);
        }
    }
    *out = total;
done:
    if (g)
        GEOSGeom_destroy_r(h, g);
    GEOSWKBReader_destroy_r(h, rd);
    GEOS_finish_r(h);
    return st;
}

static double geodesic_ring(const double *lon, const double *lat,
                            unsigned int n, void *ctx)
{
    const struct geod_geodesic *g = ctx;
    double area = 0, perimeter = 0;
    /* geod_polygonarea closes the ring itself: drop the repeated point */
    if (n > 1 && lon[0] == lon[n - 1] && lat[0] == lat[n - 1])
        n--;
    geod_polygonarea(g, (double *)lat, (double *)lon, (int)n, &area,
                     &perimeter);
    return area;
}

povatlas_status povatlas_geodesic_area_km2(const unsigned char *wkb,
                                           size_t wkb_size, double *out,
                                           povatlas_error **err)
{
    struct geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563); /* WGS 84 */
    double m2 = 0;
    povatlas_status st =
        sum_rings(wkb, wkb_size, geodesic_ring, &g, &m2, err);
    if (!st)
        *out = m2 / 1e6;
    return st;
}

typedef struct planar_ctx {
    PJ_CONTEXT *pj_ctx;
    PJ *pj;
} planar_ctx;

static double planar_ring(const double *x, const double *y, unsigned int n,
                          void *ctx_)
{
    planar_ctx *c = ctx_;
    double *px = g_memdup2(x, sizeof(double) * n);
    double *py = g_memdup2(y, sizeof(double) * n);
    proj_trans_generic(c->pj, PJ_FWD, px, sizeof(double), n, py,
                       sizeof(double), n, NULL, 0, 0, NULL, 0, 0);
    double a = 0; /* shoelace */
    for (unsigned int i = 0; i + 1 < n; i++)
        a += px[i] * py[i + 1] - px[i + 1] * py[i];
    g_free(px);
    g_free(py);
    return a / 2;
}

/* "EPSG:326zz" for the UTM zone of longitude @lon (northern hemisphere
 * when @lat >= 0). */
static char *utm_crs(double lon, double lat)
{
    int zone = (int)floor((lon + 180) / 6) + 1;
    return g_strdup_printf("EPSG:%d", (lat >= 0 ? 32600 : 32700) + zone);
}

static void first_point(const unsigned char *wkb, size_t n, double *lon,
                        double *lat)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSContext_setErrorHandler_r(h, geos_quiet);
    GEOSWKBReader *rd = GEOSWKBReader_create_r(h);
    GEOSGeometry *g = GEOSWKBReader_read_r(h, rd, wkb, n);
    *lon = *lat = 0;
    if (g) {
        GEOSGeometry *c = GEOSGetCentroid_r(h, g);
        if (c) {
            GEOSGeomGetX_r(h, c, lon);
            GEOSGeomGetY_r(h, c, lat);
            GEOSGeom_destroy_r(h, c);
        }
        GEOSGeom_destroy_r(h, g);
    }
    GEOSWKBReader_destroy_r(h, rd);
    GEOS_finish_r(h);
}

povatlas_status povatlas_projected_area_km2(const unsigned char *wkb,
                                            size_t wkb_size, const char *crs,
                                            double *out, povatlas_error **err)
{
    g_autofree char *auto_crs = NULL;
    if (!crs) {
        double lon, lat;
        first_point(wkb, wkb_size, &lon, &lat);
        crs = auto_crs = utm_crs(lon, lat);
    }
    planar_ctx c = {proj_context_create(), NULL};
    proj_log_level(c.pj_ctx, PJ_LOG_NONE);
    PJ *raw = proj_create_crs_to_crs(c.pj_ctx, "EPSG:4326", crs, NULL);
    c.pj = raw ? proj_normalize_for_visualization(c.pj_ctx, raw) : NULL;
    proj_destroy(raw);
    povatlas_status st;
    if (!c.pj) {
        st = povatlas_error_set(err, POVATLAS_E_USAGE,
                                "unknown CRS '%s'", crs);
    } else {
        double m2 = 0;
        st = sum_rings(wkb, wkb_size, planar_ring, &c, &m2, err);
        if (!st)
            *out = m2 / 1e6;
    }
    proj_destroy(c.pj);
    proj_context_destroy(c.pj_ctx);
    return st;
}
