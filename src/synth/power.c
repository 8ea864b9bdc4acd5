/*
 * power.c - the ward cells of the schematic map: a power (weighted
 * Voronoi) diagram of the unit centroids, clipped to the city outline.
 * GEOS has no weighted Voronoi, so each cell is the frame clipped by the
 * n-1 half-planes |x-p_i|^2 - w_i <= |x-p_j|^2 - w_j (convex, in plain C);
 * GEOS does the clipping to the outline, the areas and the final snapping.
 * With all weights 0 this is the ordinary Voronoi diagram.
 *
 * Weights are fitted so that cell areas approach area_km2_reference (scaled
 * to the outline's area): w_i += k (target_i - area_i), a fixed number of
 * rounds, deterministic. After each round |w_i - w_j| is clamped to
 * 0.92 d_ij^2, which keeps every centroid at least 0.04 d_ij (20 m for the
 * closest pair) from each of its borders, i.e. inside its own cell.
 */
#include <math.h>
#include <string.h>

#include "synth/schematic_private.h"

#define MAX_VERTS 96
#define GAIN 0.5         /* weight change per m^2 of area error */
#define CLAMP_SHARE 0.92 /* of d^2, see above */
#define SNAP_GRID 1.0    /* m: shared vertices become exactly equal */

typedef struct convex {
    int n;
    double xy[2 * MAX_VERTS];
} convex;

/* Keeps the part of @p where a*x + b*y <= c (Sutherland–Hodgman). */
static void clip(convex *p, double a, double b, double c)
{
    convex out = {0};
    for (int i = 0; i < p->n && out.n < MAX_VERTS - 1; i++) {
        const double *s = p->xy + 2 * i;
        const double *e = p->xy + 2 * ((i + 1) % p->n);
        double fs = a * s[0] + b * s[1] - c, fe = a * e[0] + b * e[1] - c;
        if (fs <= 0) {
            out.xy[2 * out.n] = s[0];
            out.xy[2 * out.n++ + 1] = s[1];
        }
        if ((fs < 0 && fe > 0) || (fs > 0 && fe < 0)) {
            double t = fs / (fs - fe);
            out.xy[2 * out.n] = s[0] + t * (e[0] - s[0]);
            out.xy[2 * out.n++ + 1] = s[1] + t * (e[1] - s[1]);
        }
    }
    *p = out;
}

/* Power cell @i in local coordinates @lxy (origin-shifted, for precision). */
static void power_cell(const double *lxy, const double *w, size_t n, size_t i,
                       double half, convex *cell)
{
    const double box[8] = {-half, -half, half, -half, half, half, -half, half};
    cell->n = 4;
    memcpy(cell->xy, box, sizeof box);
    double xi = lxy[2 * i], yi = lxy[2 * i + 1];
    for (size_t j = 0; j < n && cell->n > 0; j++) {
        if (j == i)
            continue;
        double xj = lxy[2 * j], yj = lxy[2 * j + 1];
        clip(cell, 2 * (xj - xi), 2 * (yj - yi),
             xj * xj + yj * yj - xi * xi - yi * yi - w[j] + w[i]);
    }
}

static GEOSGeometry *cell_geometry(GEOSContextHandle_t g, const convex *cell,
                                   const double *origin)
{
    if (cell->n < 3)
        return NULL;
    GEOSCoordSequence *s = GEOSCoordSeq_create_r(g, (unsigned)cell->n + 1, 2);
    for (int k = 0; k <= cell->n; k++) {
        const double *p = cell->xy + 2 * (k % cell->n);
        GEOSCoordSeq_setXY_r(g, s, (unsigned)k, p[0] + origin[0],
                             p[1] + origin[1]);
    }
    GEOSGeometry *ring = GEOSGeom_createLinearRing_r(g, s);
    return ring ? GEOSGeom_createPolygon_r(g, ring, NULL, 0) : NULL;
}

typedef struct fit {
    size_t n;
    double *lxy; /* local centroid coordinates */
    double origin[2];
    double half;    /* half side of the square frame, m */
    double *w;      /* weights, m^2 */
    double *target; /* m^2 */
} fit;

/* Cell @i clipped to @city (transfer full, NULL on failure). */
static GEOSGeometry *clipped_cell(GEOSContextHandle_t g, const fit *f, size_t i,
                                  const GEOSGeometry *city)
{
    convex cell;
    power_cell(f->lxy, f->w, f->n, i, f->half, &cell);
    GEOSGeometry *poly = cell_geometry(g, &cell, f->origin);
    if (!poly)
        return NULL;
    GEOSGeometry *out = GEOSIntersection_r(g, poly, city);
    GEOSGeom_destroy_r(g, poly);
    return out;
}

static void clamp_weights(fit *f)
{
    for (int round = 0; round < 20; round++)
        for (size_t i = 0; i < f->n; i++)
            for (size_t j = i + 1; j < f->n; j++) {
                double dx = f->lxy[2 * i] - f->lxy[2 * j];
                double dy = f->lxy[2 * i + 1] - f->lxy[2 * j + 1];
                double lim = CLAMP_SHARE * (dx * dx + dy * dy);
                double diff = f->w[i] - f->w[j];
                double excess = fabs(diff) > lim ? (fabs(diff) - lim) / 2 *
                                                       (diff > 0 ? 1 : -1)
                                                 : 0.0;
                f->w[i] -= excess;
                f->w[j] += excess;
            }
}

static povatlas_status fit_round(schem_ctx *c, fit *f, const GEOSGeometry *city,
                                 povatlas_error **err)
{
    for (size_t i = 0; i < f->n; i++) {
        GEOSGeometry *cell = clipped_cell(c->g, f, i, city);
        double area = 0.0;
        if (cell)
            GEOSArea_r(c->g, cell, &area);
        GEOSGeom_destroy_r(c->g, cell);
        if (!cell)
            return povatlas_error_set(err, POVATLAS_E_GEOM,
                                      "power cell %zu failed: %s", i,
                                      c->message);
        f->w[i] += GAIN * (f->target[i] - area);
    }
    clamp_weights(f);
    return POVATLAS_OK;
}

static void fit_init(fit *f, const synth_units *u, const double *xy,
                     double city_area)
{
    f->n = u->n;
    f->lxy = g_new(double, 2 * u->n);
    f->w = g_new0(double, u->n);
    f->target = g_new(double, u->n);
    double ref = 0.0, ext = 0.0;
    f->origin[0] = f->origin[1] = 0.0;
    for (size_t i = 0; i < u->n; i++) {
        f->origin[0] += xy[2 * i] / (double)u->n;
        f->origin[1] += xy[2 * i + 1] / (double)u->n;
        ref += u->v[i].area_km2;
    }
    for (size_t i = 0; i < u->n; i++) {
        f->lxy[2 * i] = xy[2 * i] - f->origin[0];
        f->lxy[2 * i + 1] = xy[2 * i + 1] - f->origin[1];
        ext = MAX(ext, MAX(fabs(f->lxy[2 * i]), fabs(f->lxy[2 * i + 1])));
        f->target[i] = u->v[i].area_km2 / ref * city_area;
    }
    f->half = ext + 50000.0;
}

static void fit_clear(fit *f)
{
    g_free(f->lxy);
    g_free(f->w);
    g_free(f->target);
}

/* Final cell @i snapped to the grid; a Polygon holding its centroid. */
static povatlas_status final_cell(schem_ctx *c, const synth_units *u,
                                  const fit *f, size_t i,
                                  const GEOSGeometry *city, GEOSGeometry **out,
                                  povatlas_error **err)
{
    GEOSGeometry *cell = clipped_cell(c->g, f, i, city);
    *out = cell ? GEOSGeom_setPrecision_r(c->g, cell, SNAP_GRID, 0) : NULL;
    GEOSGeom_destroy_r(c->g, cell);
    int ok =
        *out && GEOSGeomTypeId_r(c->g, *out) == GEOS_POLYGON &&
        povatlas_schem_contains_xy(c->g, *out, f->lxy[2 * i] + f->origin[0],
                                   f->lxy[2 * i + 1] + f->origin[1]) == 1;
    if (!ok)
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "the schematic cell of '%s' is not one "
                                  "polygon around its centroid",
                                  u->v[i].code);
    return POVATLAS_OK;
}

povatlas_status povatlas_schem_cells_build(schem_ctx *c, const synth_units *u,
                                           const double *xy,
                                           const GEOSGeometry *city,
                                           int iterations, GEOSGeometry **cells,
                                           povatlas_error **err)
{
    double city_area = 0.0;
    GEOSArea_r(c->g, city, &city_area);
    fit f;
    fit_init(&f, u, xy, city_area);
    povatlas_status st = POVATLAS_OK;
    for (int it = 0; !st && it < iterations; it++)
        st = fit_round(c, &f, city, err);
    memset(cells, 0, u->n * sizeof *cells);
    for (size_t i = 0; !st && i < u->n; i++)
        st = final_cell(c, u, &f, i, city, &cells[i], err);
    if (st)
        for (size_t i = 0; i < u->n; i++)
            if (cells[i]) {
                GEOSGeom_destroy_r(c->g, cells[i]);
                cells[i] = NULL;
            }
    fit_clear(&f);
    return st;
}
