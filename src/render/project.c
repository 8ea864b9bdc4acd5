/*
 * project.c - from lon/lat (EPSG:4326) to the page: PROJ into the UTM zone
 * of the map's centre, then a uniform scale and offset that fit the
 * mapped extent into the map frame. Also the ground scale and true north
 * at a page point, for the scale bar and the north arrow.
 *
 * Each render owns its PJ_CONTEXT (PROJ contexts are not shared between
 * threads) whose messages become the povatlas_error (core/proj_errors.h).
 */
#include <math.h>
#include <string.h>

#include "core/proj_errors.h"
#include "core/utm.h"
#include "render/render_private.h"

/* WGS 84 ellipsoid: the ground distances of the scale bar. */
#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)

povatlas_status povatlas_render_proj_init(povatlas_render_proj *p,
                                          double lon_min, double lat_min,
                                          double lon_max, double lat_max,
                                          povatlas_error **err)
{
    memset(p, 0, sizeof(*p));
    p->scale = 1.0;
    p->epsg =
        utm_zone_epsg(0.5 * (lon_min + lon_max), 0.5 * (lat_min + lat_max));
    proj_errors why; /* PROJ's messages while the transform is made */
    p->ctx = proj_errors_context(&why);
    if (p->ctx == NULL)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "cannot create a PROJ context");
    g_autofree char *dst = g_strdup_printf("EPSG:%d", p->epsg);
    PJ *raw = proj_create_crs_to_crs(p->ctx, "EPSG:4326", dst, NULL);
    if (raw != NULL) {
        p->pj = proj_normalize_for_visualization(p->ctx, raw);
        proj_destroy(raw);
    }
    if (p->pj == NULL) {
        povatlas_status st =
            povatlas_error_set(err, POVATLAS_E_GEOM, "cannot project to %s: %s",
                               dst, proj_errors_why(&why, p->ctx));
        povatlas_render_proj_clear(p);
        return st;
    }
    proj_log_func(p->ctx, NULL, proj_errors_log); /* @why goes out of scope */
    return POVATLAS_OK;
}

void povatlas_render_proj_clear(povatlas_render_proj *p)
{
    if (p->pj != NULL)
        proj_destroy(p->pj);
    if (p->ctx != NULL)
        proj_context_destroy(p->ctx);
    p->pj = NULL;
    p->ctx = NULL;
}

int povatlas_render_proj_fwd(const povatlas_render_proj *p, double lon,
                             double lat, double *e, double *n)
{
    PJ_COORD c = proj_coord(lon, lat, 0, 0);
    PJ_COORD r = proj_trans(p->pj, PJ_FWD, c);
    if (!isfinite(r.xy.x) || !isfinite(r.xy.y))
        return 0;
    *e = r.xy.x;
    *n = r.xy.y;
    return 1;
}

void povatlas_render_proj_metres_to_page(const povatlas_render_proj *p,
                                         double e, double n, double *x,
                                         double *y)
{
    *x = p->x0 + (e - p->e0) * p->scale;
    *y = p->y0 - (n - p->n0) * p->scale;
}

int povatlas_render_proj_to_page(const povatlas_render_proj *p, double lon,
                                 double lat, double *x, double *y)
{
    double e, n;
    if (!povatlas_render_proj_fwd(p, lon, lat, &e, &n))
        return 0;
    povatlas_render_proj_metres_to_page(p, e, n, x, y);
    return 1;
}

int povatlas_render_proj_from_page(const povatlas_render_proj *p, double x,
                                   double y, double *lon, double *lat)
{
    double e = p->e0 + (x - p->x0) / p->scale;
    double n = p->n0 - (y - p->y0) / p->scale;
    PJ_COORD r = proj_trans(p->pj, PJ_INV, proj_coord(e, n, 0, 0));
    if (!isfinite(r.lp.lam) || !isfinite(r.lp.phi))
        return 0;
    *lon = r.lp.lam;
    *lat = r.lp.phi;
    return 1;
}

void povatlas_render_proj_fit(povatlas_render_proj *p, double emin, double nmin,
                              double emax, double nmax, double rx, double ry,
                              double rw, double rh)
{
    double dw = emax - emin > 1.0 ? emax - emin : 1.0;
    double dh = nmax - nmin > 1.0 ? nmax - nmin : 1.0;
    p->scale = fmin(rw / dw, rh / dh);
    p->e0 = 0.5 * (emin + emax);
    p->n0 = 0.5 * (nmin + nmax);
    p->x0 = rx + 0.5 * rw;
    p->y0 = ry + 0.5 * rh;
}

static int to_page_cb(double *x, double *y, void *userdata)
{
    const povatlas_render_proj *p = userdata;
    return povatlas_render_proj_to_page(p, *x, *y, x, y);
}

GEOSGeometry *povatlas_render_proj_geom_to_page(const povatlas_render_proj *p,
                                                povatlas_render_geom *g,
                                                const GEOSGeometry *lonlat)
{
    return GEOSGeom_transformXY_r(g->geos, lonlat, to_page_cb, (void *)p);
}

/* Ground distance of a short step on the ellipsoid, from the radii of
 * curvature at the mean latitude: exact to ~1e-6 over a few km. */
static double ground_m(double lon1, double lat1, double lon2, double lat2)
{
    double e2 = WGS84_F * (2.0 - WGS84_F);
    double phi = 0.5 * (lat1 + lat2) * G_PI / 180.0;
    double s = sin(phi);
    double w = sqrt(1.0 - e2 * s * s);
    double n_rad = WGS84_A / w;
    double m_rad = WGS84_A * (1.0 - e2) / (w * w * w);
    double dx = n_rad * cos(phi) * (lon2 - lon1) * G_PI / 180.0;
    double dy = m_rad * (lat2 - lat1) * G_PI / 180.0;
    return sqrt(dx * dx + dy * dy);
}

double povatlas_render_proj_ground_m_per_px(const povatlas_render_proj *p,
                                            double x, double y)
{
    const double step = 50.0;
    double lon1, lat1, lon2, lat2;
    if (!povatlas_render_proj_from_page(p, x - step, y, &lon1, &lat1) ||
        !povatlas_render_proj_from_page(p, x + step, y, &lon2, &lat2))
        return 1.0 / p->scale;
    return ground_m(lon1, lat1, lon2, lat2) / (2.0 * step);
}

double povatlas_render_proj_north_angle(const povatlas_render_proj *p, double x,
                                        double y)
{
    double lon, lat, x2, y2;
    if (!povatlas_render_proj_from_page(p, x, y, &lon, &lat) ||
        !povatlas_render_proj_to_page(p, lon, lat + 0.01, &x2, &y2))
        return 0.0;
    /* page y grows downwards: north is (0, -1) when the angle is 0 */
    return atan2(x2 - x, -(y2 - y));
}
