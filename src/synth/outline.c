/*
 * outline.c - the schematic city outline, coastline and sea. None of it is
 * traced from real boundaries (those are licence-restricted): the outline
 * is the centroids' hull grown by 1.3 km, plus a disc of each unit's
 * reference area around its centroid and a strip east of the coastal units,
 * smoothed; a gently curved coastline east of the coastal units cuts it.
 *
 * The coastline keeps 1.2 km east of every coastal centroid and 2.0 km east
 * of any other centroid at about the same latitude: that is what keeps Mỹ
 * Đông (central, just inland of Mỹ Hải and Đông Hải) off the sea.
 */
#include <math.h>
#include <string.h>

#include "synth/schematic_private.h"

#define FRAME_MARGIN 16000.0 /* drawing extent around the centroids, m */
#define HULL_BUFFER 300.0
#define CLOSING 800.0        /* buffer out and back in: smooth outline */
#define COAST_OFFSET 1200.0  /* coast east of a coastal centroid */
#define INLAND_OFFSET 2000.0 /* coast east of other centroids nearby */
#define INLAND_BAND 1500.0   /* "nearby": within this northing */

static GEOSGeometry *ring_polygon(GEOSContextHandle_t g, const double *xy,
                                  size_t n)
{
    GEOSCoordSequence *s = GEOSCoordSeq_create_r(g, (unsigned)n + 1, 2);
    for (size_t i = 0; i <= n; i++) {
        size_t k = i % n;
        GEOSCoordSeq_setXY_r(g, s, (unsigned)i, xy[2 * k], xy[2 * k + 1]);
    }
    GEOSGeometry *shell = GEOSGeom_createLinearRing_r(g, s);
    return shell ? GEOSGeom_createPolygon_r(g, shell, NULL, 0) : NULL;
}

static GEOSGeometry *box(GEOSContextHandle_t g, double x0, double y0, double x1,
                         double y1)
{
    const double xy[8] = {x0, y0, x1, y0, x1, y1, x0, y1};
    return ring_polygon(g, xy, 4);
}

static gint by_northing_desc(gconstpointer a, gconstpointer b)
{
    const double *p = a, *q = b;
    return p[1] < q[1] ? 1 : p[1] > q[1] ? -1 : 0;
}

/* Control points of the coast, north to south, before smoothing. */
static GArray *coast_controls(const synth_units *u, const double *xy,
                              const schem_frame *f)
{
    GArray *pts = g_array_new(FALSE, FALSE, 2 * sizeof(double));
    for (size_t i = 0; i < u->n; i++) {
        if (strcmp(u->v[i].zone, "coastal") != 0)
            continue;
        double p[2] = {xy[2 * i] + COAST_OFFSET, xy[2 * i + 1]};
        for (size_t j = 0; j < u->n; j++)
            if (strcmp(u->v[j].zone, "coastal") != 0 &&
                fabs(xy[2 * j + 1] - p[1]) < INLAND_BAND)
                p[0] = MAX(p[0], xy[2 * j] + INLAND_OFFSET);
        g_array_append_val(pts, p);
    }
    g_array_sort(pts, by_northing_desc);
    if (pts->len == 0)
        return pts;
    /* Leave the frame north-north-east and south-south-west, like the
     * shore of Ninh Hải and Ninh Phước. */
    const double *top = (const double *)(void *)pts->data;
    const double *bot = top + 2 * (pts->len - 1);
    double north[2] = {top[0] + 0.25 * (f->ymax + 2000 - top[1]),
                       f->ymax + 2000};
    double south[2] = {bot[0] - 0.15 * (bot[1] - f->ymin + 2000),
                       f->ymin - 2000};
    g_array_prepend_val(pts, north);
    g_array_append_val(pts, south);
    return pts;
}

/* Chaikin corner cutting, ends kept: a gently curved line. */
static GArray *chaikin(GArray *pts, int rounds)
{
    for (int r = 0; r < rounds; r++) {
        GArray *out = g_array_new(FALSE, FALSE, 2 * sizeof(double));
        const double *p = (const double *)(void *)pts->data;
        g_array_append_vals(out, p, 1);
        for (guint i = 0; i + 1 < pts->len; i++) {
            const double *a = p + 2 * i, *b = a + 2;
            double q[2] = {0.75 * a[0] + 0.25 * b[0],
                           0.75 * a[1] + 0.25 * b[1]};
            double s[2] = {0.25 * a[0] + 0.75 * b[0],
                           0.25 * a[1] + 0.75 * b[1]};
            g_array_append_val(out, q);
            g_array_append_val(out, s);
        }
        g_array_append_vals(out, p + 2 * (pts->len - 1), 1);
        g_array_free(pts, TRUE);
        pts = out;
    }
    return pts;
}

/* The polygon between the coast and a vertical line at @x (west or east). */
static GEOSGeometry *side_of_coast(GEOSContextHandle_t g, const GArray *coast,
                                   double x)
{
    guint n = coast->len;
    g_autofree double *xy = g_new(double, 2 * (n + 2));
    memcpy(xy, coast->data, 2 * n * sizeof(double));
    xy[2 * n] = x;
    xy[2 * n + 1] = xy[2 * n - 1];
    xy[2 * n + 2] = x;
    xy[2 * n + 3] = xy[1];
    return ring_polygon(g, xy, n + 2);
}

static GEOSGeometry *line_of(GEOSContextHandle_t g, const GArray *pts)
{
    GEOSCoordSequence *s = GEOSCoordSeq_create_r(g, pts->len, 2);
    const double *p = (const double *)(void *)pts->data;
    for (guint i = 0; i < pts->len; i++)
        GEOSCoordSeq_setXY_r(g, s, i, p[2 * i], p[2 * i + 1]);
    return GEOSGeom_createLineString_r(g, s);
}

/* Hull + reference-area discs + coastal strip, closed, before the cut. */
static GEOSGeometry *rough_outline(GEOSContextHandle_t g, const synth_units *u,
                                   const double *xy, double k_disc)
{
    size_t n = u->n;
    g_autofree GEOSGeometry **parts = g_new(GEOSGeometry *, 2 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        GEOSGeometry *pt =
            GEOSGeom_createPointFromXY_r(g, xy[2 * i], xy[2 * i + 1]);
        double r = k_disc * sqrt(u->v[i].area_km2 * 1e6 / G_PI);
        parts[k++] = GEOSBuffer_r(g, pt, r, 8);
        if (strcmp(u->v[i].zone, "coastal") == 0) {
            const double strip[4] = {xy[2 * i], xy[2 * i + 1],
                                     xy[2 * i] + 4000.0, xy[2 * i + 1]};
            GEOSCoordSequence *s =
                GEOSCoordSeq_copyFromBuffer_r(g, strip, 2, 0, 0);
            GEOSGeometry *line = GEOSGeom_createLineString_r(g, s);
            parts[k++] = GEOSBuffer_r(g, line, 900.0, 8);
            GEOSGeom_destroy_r(g, line);
        }
        GEOSGeom_destroy_r(g, pt);
    }
    GEOSCoordSequence *s =
        GEOSCoordSeq_copyFromBuffer_r(g, xy, (unsigned)n, 0, 0);
    GEOSGeometry *ring_pts = GEOSGeom_createLineString_r(g, s);
    GEOSGeometry *hull = GEOSConvexHull_r(g, ring_pts);
    GEOSGeom_destroy_r(g, ring_pts);
    parts[k++] = GEOSBuffer_r(g, hull, HULL_BUFFER, 8);
    GEOSGeom_destroy_r(g, hull);
    GEOSGeometry *all = GEOSGeom_createCollection_r(g, GEOS_GEOMETRYCOLLECTION,
                                                    parts, (unsigned)k);
    GEOSGeometry *u1 = GEOSUnaryUnion_r(g, all);
    GEOSGeom_destroy_r(g, all);
    GEOSGeometry *grown = GEOSBuffer_r(g, u1, CLOSING, 8);
    GEOSGeom_destroy_r(g, u1);
    GEOSGeometry *closed = GEOSBuffer_r(g, grown, -CLOSING, 8);
    GEOSGeom_destroy_r(g, grown);
    return closed;
}

/* The largest polygon of @g (transfer full; @g is freed). */
static GEOSGeometry *largest_part(GEOSContextHandle_t g, GEOSGeometry *geom)
{
    int n = GEOSGetNumGeometries_r(g, geom);
    if (GEOSGeomTypeId_r(g, geom) == GEOS_POLYGON || n < 1)
        return geom;
    int best = 0;
    double best_area = -1.0;
    for (int i = 0; i < n; i++) {
        double a = 0.0;
        GEOSArea_r(g, GEOSGetGeometryN_r(g, geom, i), &a);
        if (a > best_area) {
            best_area = a;
            best = i;
        }
    }
    GEOSGeometry *out = GEOSGeom_clone_r(g, GEOSGetGeometryN_r(g, geom, best));
    GEOSGeom_destroy_r(g, geom);
    return out;
}

static void frame_extent(const synth_units *u, const double *xy, schem_frame *f)
{
    f->xmin = f->ymin = G_MAXDOUBLE;
    f->xmax = f->ymax = -G_MAXDOUBLE;
    for (size_t i = 0; i < u->n; i++) {
        f->xmin = MIN(f->xmin, xy[2 * i] - FRAME_MARGIN);
        f->xmax = MAX(f->xmax, xy[2 * i] + FRAME_MARGIN);
        f->ymin = MIN(f->ymin, xy[2 * i + 1] - FRAME_MARGIN);
        f->ymax = MAX(f->ymax, xy[2 * i + 1] + FRAME_MARGIN);
    }
}

/* The outline for disc scale @k: rough outline cut by the coast. */
static GEOSGeometry *city_for(GEOSContextHandle_t g, const synth_units *u,
                              const double *xy, const GEOSGeometry *west,
                              double k, double *area)
{
    GEOSGeometry *rough = rough_outline(g, u, xy, k);
    GEOSGeometry *cut = rough ? GEOSIntersection_r(g, rough, west) : NULL;
    GEOSGeom_destroy_r(g, rough);
    GEOSGeometry *city = cut ? largest_part(g, cut) : NULL;
    *area = 0.0;
    if (city)
        GEOSArea_r(g, city, area);
    return city;
}

/* Bisects the disc scale so that the outline's area matches the sum of
 * the reference areas (the discs put the area where the big units are). */
static GEOSGeometry *fitted_city(GEOSContextHandle_t g, const synth_units *u,
                                 const double *xy, const GEOSGeometry *west)
{
    double want = 0.0, lo = 0.3, hi = 3.0, area = 0.0;
    for (size_t i = 0; i < u->n; i++)
        want += u->v[i].area_km2 * 1e6;
    for (int step = 0; step < 16; step++) {
        double mid = 0.5 * (lo + hi);
        GEOSGeometry *city = city_for(g, u, xy, west, mid, &area);
        GEOSGeom_destroy_r(g, city);
        if (area > want)
            hi = mid;
        else
            lo = mid;
    }
    return city_for(g, u, xy, west, 0.5 * (lo + hi), &area);
}

static povatlas_status cut_outline(schem_ctx *c, const synth_units *u,
                                   const double *xy, const GArray *coast,
                                   schem_frame *f, povatlas_error **err)
{
    GEOSContextHandle_t g = c->g;
    GEOSGeometry *west = side_of_coast(g, coast, f->xmin - 5000.0);
    GEOSGeometry *east = side_of_coast(g, coast, f->xmax + 5000.0);
    GEOSGeometry *frame = box(g, f->xmin, f->ymin, f->xmax, f->ymax);
    f->city = west ? fitted_city(g, u, xy, west) : NULL;
    f->sea = east && frame ? GEOSIntersection_r(g, frame, east) : NULL;
    GEOSGeom_destroy_r(g, west);
    GEOSGeom_destroy_r(g, east);
    GEOSGeom_destroy_r(g, frame);
    if (!f->city || !f->sea)
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "cannot build the city outline: %s",
                                  c->message);
    for (size_t i = 0; i < u->n; i++)
        if (povatlas_schem_contains_xy(g, f->city, xy[2 * i], xy[2 * i + 1]) !=
            1)
            return povatlas_error_set(err, POVATLAS_E_GEOM,
                                      "centroid of '%s' falls outside the "
                                      "schematic outline",
                                      u->v[i].code);
    return POVATLAS_OK;
}

povatlas_status povatlas_schem_frame_build(schem_ctx *c, const synth_units *u,
                                           const double *xy, schem_frame *f,
                                           povatlas_error **err)
{
    memset(f, 0, sizeof *f);
    frame_extent(u, xy, f);
    GArray *pts = coast_controls(u, xy, f);
    if (pts->len < 3) {
        g_array_free(pts, TRUE);
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no unit with zone 'coastal'");
    }
    pts = chaikin(pts, 4);
    povatlas_status st = cut_outline(c, u, xy, pts, f, err);
    if (!st) {
        GEOSGeometry *line = line_of(c->g, pts);
        GEOSGeometry *frame = box(c->g, f->xmin, f->ymin, f->xmax, f->ymax);
        f->coast = GEOSIntersection_r(c->g, line, frame);
        GEOSGeom_destroy_r(c->g, line);
        GEOSGeom_destroy_r(c->g, frame);
    }
    g_array_free(pts, TRUE);
    return st;
}

void povatlas_schem_frame_clear(schem_ctx *c, schem_frame *f)
{
    GEOSGeometry **gs[3] = {&f->coast, &f->city, &f->sea};
    for (int i = 0; i < 3; i++)
        if (*gs[i]) {
            GEOSGeom_destroy_r(c->g, *gs[i]);
            *gs[i] = NULL;
        }
}
