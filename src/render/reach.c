/*
 * reach.c - context layers (sea, land, coastline) carried out to the edges
 * of the box they are drawn in. A workspace's context reaches a little
 * beyond the city; a wide slide or an inset's margin shows more than that,
 * and the part beyond was left white (or painted as sea). Each layer's
 * cross-section at the edge of the layers' common extent is stretched out
 * to the box: the sea that ends at the east edge goes on to the frame, the
 * land that ends at the west edge goes on as land, and nothing is
 * invented inside the extent.
 */
#include <math.h>

#include "render/render_private.h"

#define SLICE_PX 1.0 /* width of the cross-section that is stretched */

typedef struct stretch {
    int axis;            /* 0: x, 1: y */
    double from0, from1; /* the slice ... */
    double to0, to1;     /* ... and where it goes */
} stretch;

static int stretch_cb(double *x, double *y, void *data)
{
    const stretch *s = data;
    double *v = s->axis ? y : x;
    *v = s->to0 + (*v - s->from0) * (s->to1 - s->to0) / (s->from1 - s->from0);
    return 1;
}

static int extent(GEOSContextHandle_t h, GEOSGeometry *const *g, size_t n,
                  double e[4])
{
    e[0] = e[1] = INFINITY;
    e[2] = e[3] = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double a, b, c, d;
        if (g[i] == NULL || GEOSisEmpty_r(h, g[i]) ||
            !GEOSGeom_getXMin_r(h, g[i], &a) ||
            !GEOSGeom_getYMin_r(h, g[i], &b) ||
            !GEOSGeom_getXMax_r(h, g[i], &c) ||
            !GEOSGeom_getYMax_r(h, g[i], &d))
            continue;
        e[0] = fmin(e[0], a);
        e[1] = fmin(e[1], b);
        e[2] = fmax(e[2], c);
        e[3] = fmax(e[3], d);
    }
    return e[2] > e[0] && e[3] > e[1];
}

/* The parts of @g of dimension @dim (a clip may add points or lines to a
 * polygon's result), as one multi-geometry; NULL when none. */
static GEOSGeometry *parts_of_dim(GEOSContextHandle_t h, const GEOSGeometry *g,
                                  int dim)
{
    int n = GEOSGetNumGeometries_r(h, g);
    if (n <= 0)
        return NULL;
    GEOSGeometry **keep = g_new0(GEOSGeometry *, (size_t)n);
    unsigned int k = 0;
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *p = GEOSGetGeometryN_r(h, g, i);
        if (GEOSisEmpty_r(h, p) || GEOSGeom_getDimensions_r(h, p) != dim)
            continue;
        int sub = GEOSGetNumGeometries_r(h, p);
        if (sub > 1 || GEOSGeomTypeId_r(h, p) == GEOS_GEOMETRYCOLLECTION) {
            GEOSGeometry *inner = parts_of_dim(h, p, dim); /* a nested multi */
            if (inner)
                keep[k++] = inner;
            continue;
        }
        keep[k++] = GEOSGeom_clone_r(h, p);
    }
    GEOSGeometry *out = NULL;
    if (k > 0) {
        GEOSGeometry *all =
            GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, keep, k);
        out = all ? GEOSUnaryUnion_r(h, all) : NULL;
        if (all)
            GEOSGeom_destroy_r(h, all);
    }
    g_free(keep);
    return out;
}

/* @g with its slice along one side stretched out to @to; @g is consumed
 * when a new geometry is returned. */
static GEOSGeometry *extend(GEOSContextHandle_t h, GEOSGeometry *g,
                            const stretch *s, double lo, double hi)
{
    double x0 = s->axis ? lo : fmin(s->from0, s->from1);
    double x1 = s->axis ? hi : fmax(s->from0, s->from1);
    double y0 = s->axis ? fmin(s->from0, s->from1) : lo;
    double y1 = s->axis ? fmax(s->from0, s->from1) : hi;
    GEOSGeometry *clip = GEOSClipByRect_r(h, g, x0, y0, x1, y1);
    int dim = GEOSGeom_getDimensions_r(h, g);
    GEOSGeometry *slice =
        clip && !GEOSisEmpty_r(h, clip) ? parts_of_dim(h, clip, dim) : NULL;
    GEOSGeometry *out = NULL;
    if (slice) {
        GEOSGeometry *far =
            GEOSGeom_transformXY_r(h, slice, stretch_cb, (void *)s);
        out = far ? GEOSUnion_r(h, g, far) : NULL;
        if (far)
            GEOSGeom_destroy_r(h, far);
        GEOSGeom_destroy_r(h, slice);
    }
    if (clip)
        GEOSGeom_destroy_r(h, clip);
    if (out == NULL)
        return g;
    GEOSGeom_destroy_r(h, g);
    return out;
}

void povatlas_render_reach_box(GEOSContextHandle_t h, GEOSGeometry **shapes,
                               size_t n, const povatlas_rect *box)
{
    const double bx[2][2] = {{box->x - 1, box->x + box->w + 1},
                             {box->y - 1, box->y + box->h + 1}};
    /* across first, then up and down over the widened extent: the
     * corners come from the second pass */
    for (int axis = 0; axis < 2; axis++) {
        double e[4];
        if (!extent(h, shapes, n, e))
            return;
        double lo = e[axis], hi = e[axis + 2];
        double o_lo = e[1 - axis] - 1, o_hi = e[3 - axis] + 1;
        if (hi - lo < 4 * SLICE_PX)
            return;
        for (int side = 0; side < 2; side++) {
            stretch s = {axis, 0, 0, 0, 0};
            if (side == 0) { /* left or top */
                if (lo <= bx[axis][0] + 0.5)
                    continue;
                s.from0 = lo + SLICE_PX;
                s.from1 = lo;
                s.to0 = lo + SLICE_PX;
                s.to1 = bx[axis][0];
            } else { /* right or bottom */
                if (hi >= bx[axis][1] - 0.5)
                    continue;
                s.from0 = hi - SLICE_PX;
                s.from1 = hi;
                s.to0 = hi - SLICE_PX;
                s.to1 = bx[axis][1];
            }
            for (size_t i = 0; i < n; i++)
                if (shapes[i] && !GEOSisEmpty_r(h, shapes[i]))
                    shapes[i] = extend(h, shapes[i], &s, o_lo, o_hi);
        }
    }
}
