/*
 * labels.c - placing unit labels so that no two overlap, none covers the
 * legend or other furniture and each stays inside the map frame.
 *
 * Each label tries, in order: inside its unit at the centre of the largest
 * inscribed circle (the pole of inaccessibility), the centroid and the
 * point on surface; then shifted positions around them; then smaller font
 * sizes. A unit too small for its name at the smallest size gets its label
 * outside, with a leader line from the pole: a name half over the border
 * reads as the neighbour's. No leader line passes through another label
 * or the furniture, and no label is put over a leader line.
 * Small units are placed first since they have the fewest candidates;
 * every name that fits inside goes in before the first leader line.
 * Texts get a halo (outline stroked in the page colour) for legibility.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_private.h"

typedef struct cand_box {
    double x, y, w, h;
} cand_box;

typedef struct placer {
    const povatlas_render_page *page;
    GEOSContextHandle_t geos;
    const povatlas_rect *frame;
    const povatlas_rect *obstacles;
    size_t n_obstacles;
    GArray *boxes; /* placed povatlas_label_box */
    double gap;    /* minimum clearance between labels, px */
    const GEOSPreparedGeometry *units; /* nullable: all units together */
} placer;

static int overlaps(const cand_box *a, double x, double y, double w, double h,
                    double gap)
{
    return a->x < x + w + gap && x < a->x + a->w + gap && a->y < y + h + gap &&
           y < a->y + a->h + gap;
}

/* 1 when the segment (x0, y0)-(x1, y1) passes through the rectangle
 * (Liang-Barsky clipping). */
static int segment_hits(double x0, double y0, double x1, double y1, double rx,
                        double ry, double rw, double rh)
{
    double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {x0 - rx, rx + rw - x0, y0 - ry, ry + rh - y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return 0;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return 0;
    }
    return 1;
}

/* Where the leader line from (ax, ay) meets the box @b. */
static void leader_end(double ax, double ay, double x, double y, double w,
                       double h, double *nx, double *ny)
{
    *nx = fmin(fmax(ax, x), x + w);
    *ny = fmin(fmax(ay, y + h * 0.2), y + h - h * 0.2);
}

/* 1 when a leader line already drawn passes through @b. */
static int crosses_a_leader(const placer *pl, const cand_box *b)
{
    for (guint i = 0; i < pl->boxes->len; i++) {
        const povatlas_label_box *o =
            &g_array_index(pl->boxes, povatlas_label_box, i);
        if (!o->leader)
            continue;
        double nx, ny;
        leader_end(o->anchor_x, o->anchor_y, o->x, o->y, o->width, o->height,
                   &nx, &ny);
        if (segment_hits(o->anchor_x, o->anchor_y, nx, ny, b->x - pl->gap,
                         b->y - pl->gap, b->w + 2 * pl->gap,
                         b->h + 2 * pl->gap))
            return 1;
    }
    return 0;
}

/* 1 when the leader line from (ax, ay) to (nx, ny) passes through a label
 * or the furniture. A label already over the anchor itself does not count:
 * every line from there starts under it. */
static int leader_blocked(const placer *pl, double ax, double ay, double nx,
                          double ny)
{
    for (guint i = 0; i < pl->boxes->len; i++) {
        const povatlas_label_box *o =
            &g_array_index(pl->boxes, povatlas_label_box, i);
        int over_anchor = ax >= o->x && ax <= o->x + o->width && ay >= o->y &&
                          ay <= o->y + o->height;
        if (!over_anchor &&
            segment_hits(ax, ay, nx, ny, o->x, o->y, o->width, o->height))
            return 1;
    }
    for (size_t i = 0; i < pl->n_obstacles; i++) {
        const povatlas_rect *o = &pl->obstacles[i];
        if (segment_hits(ax, ay, nx, ny, o->x, o->y, o->w, o->h))
            return 1;
    }
    return 0;
}

static int box_free(const placer *pl, const cand_box *b)
{
    const povatlas_rect *f = pl->frame;
    if (b->x < f->x || b->y < f->y || b->x + b->w > f->x + f->w ||
        b->y + b->h > f->y + f->h)
        return 0;
    for (size_t i = 0; i < pl->n_obstacles; i++) {
        const povatlas_rect *o = &pl->obstacles[i];
        if (overlaps(b, o->x, o->y, o->w, o->h, pl->gap))
            return 0;
    }
    for (guint i = 0; i < pl->boxes->len; i++) {
        const povatlas_label_box *o =
            &g_array_index(pl->boxes, povatlas_label_box, i);
        if (overlaps(b, o->x, o->y, o->width, o->height, pl->gap))
            return 0;
    }
    return !crosses_a_leader(pl, b);
}

/* 1 when the text's inked core (the logical box less its line spacing)
 * lies inside the unit. */
static int box_inside(const placer *pl, const GEOSPreparedGeometry *shape,
                      const cand_box *b)
{
    double iy = b->h * 0.18;
    GEOSGeometry *r = GEOSGeom_createRectangle_r(pl->geos, b->x, b->y + iy,
                                                 b->x + b->w, b->y + b->h - iy);
    int in = r != NULL && GEOSPreparedContains_r(pl->geos, shape, r) == 1;
    if (r != NULL)
        GEOSGeom_destroy_r(pl->geos, r);
    return in;
}

/* Anchor points inside the unit, best first. */
static int anchors(const placer *pl, const GEOSGeometry *shape, double xy[3][2])
{
    int n = 0;
    GEOSGeometry *pts[3] = {NULL, NULL, NULL};
    GEOSGeometry *mic = GEOSMaximumInscribedCircle_r(pl->geos, shape, 0.5);
    if (mic != NULL) {
        pts[0] = GEOSGeomGetStartPoint_r(pl->geos, mic);
        GEOSGeom_destroy_r(pl->geos, mic);
    }
    pts[1] = GEOSGetCentroid_r(pl->geos, shape);
    pts[2] = GEOSPointOnSurface_r(pl->geos, shape);
    for (int i = 0; i < 3; i++) {
        if (pts[i] == NULL)
            continue;
        if (GEOSisEmpty_r(pl->geos, pts[i]) == 0 &&
            GEOSGeomGetX_r(pl->geos, pts[i], &xy[n][0]) &&
            GEOSGeomGetY_r(pl->geos, pts[i], &xy[n][1]))
            n++;
        GEOSGeom_destroy_r(pl->geos, pts[i]);
    }
    return n;
}

/* Offsets, in units of the box size, around an anchor. */
static const double shifts[][2] = {
    {0, 0},     {0, -0.8}, {0, 0.8},     {-0.35, 0},  {0.35, 0},
    {0, -1.5},  {0, 1.5},  {-0.6, -0.8}, {0.6, -0.8}, {-0.6, 0.8},
    {0.6, 0.8}, {-0.9, 0}, {0.9, 0},
};

static int try_at(const placer *pl, const GEOSPreparedGeometry *prep, double ax,
                  double ay, double w, double h, cand_box *out)
{
    for (size_t s = 0; s < G_N_ELEMENTS(shifts); s++) {
        cand_box b = {ax - w / 2 + shifts[s][0] * w,
                      ay - h / 2 + shifts[s][1] * h, w, h};
        if (!box_free(pl, &b))
            continue;
        if (box_inside(pl, prep, &b)) {
            *out = b;
            return 1;
        }
    }
    return 0;
}

static void draw_label(const placer *pl, PangoLayout *l, const cand_box *b)
{
    const povatlas_render_style *s = pl->page->style;
    povatlas_render_text_draw(pl->page, l, b->x, b->y, s->text_rgb,
                              2 * povatlas_render_pt(pl->page, s->halo_pt));
}

/* @ax, @ay: the point of the unit the label names. */
static void record(placer *pl, const char *text, const cand_box *b, double ax,
                   double ay, int leader)
{
    povatlas_label_box box = {g_strdup(text), b->x, b->y, b->w,
                              b->h,           ax,   ay,   leader};
    g_array_append_val(pl->boxes, box);
}

static int point_inside(const placer *pl, const GEOSPreparedGeometry *prep,
                        double x, double y)
{
    GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(pl->geos, x, y);
    int in = pt != NULL && GEOSPreparedContains_r(pl->geos, prep, pt) == 1;
    if (pt != NULL)
        GEOSGeom_destroy_r(pl->geos, pt);
    return in;
}

/* 1 when @b covers part of a unit: a name put out over a neighbour
 * reads as the neighbour's. */
static int over_units(const placer *pl, const cand_box *b)
{
    if (pl->units == NULL)
        return 0;
    GEOSGeometry *r = GEOSGeom_createRectangle_r(pl->geos, b->x, b->y,
                                                 b->x + b->w, b->y + b->h);
    int over = r == NULL || GEOSPreparedIntersects_r(pl->geos, pl->units, r);
    if (r != NULL)
        GEOSGeom_destroy_r(pl->geos, r);
    return over;
}

/* Leader line: the box sits around the unit at growing distances; a thin
 * line joins the anchor to the nearest point of the box. A line through
 * another label is the last resort: a name left out is worse. */
static int try_leader(placer *pl, const char *text, double xy[3][2],
                      int n_anchor, const GEOSPreparedGeometry *prep,
                      PangoLayout *l, double w, double h)
{
    static const double dirs[16][2] = {
        {1, 0},    {-1, 0},    {0, -1},   {0, 1},     {1, -1},  {-1, -1},
        {1, 1},    {-1, 1},    {1, -0.5}, {-1, -0.5}, {1, 0.5}, {-1, 0.5},
        {0.5, -1}, {-0.5, -1}, {0.5, 1},  {-0.5, 1}};
    /* first off the city (a name over a neighbour reads as the
     * neighbour's) with a clear line, from any anchor inside the unit (a
     * neighbour's name may sit over the pole); then with a clear line
     * anywhere; last any line from the pole */
    for (int pass = 0; pass <= 2 * n_anchor; pass++) {
        int strict = pass < 2 * n_anchor, a = strict ? pass % n_anchor : 0;
        int off_city = pass < n_anchor;
        double ax = xy[a][0], ay = xy[a][1];
        if (a > 0 && !point_inside(pl, prep, ax, ay))
            continue;
        for (int r = 2; r <= 16; r++)
            for (int d = 0; d < 16; d++) {
                double dist = r * h;
                double cx = ax + dirs[d][0] * (dist + w / 2);
                double cy = ay + dirs[d][1] * (dist + h / 2);
                cand_box b = {cx - w / 2, cy - h / 2, w, h};
                if (!box_free(pl, &b))
                    continue;
                double nx, ny;
                leader_end(ax, ay, b.x, b.y, w, h, &nx, &ny);
                if (strict && leader_blocked(pl, ax, ay, nx, ny))
                    continue;
                if (off_city && over_units(pl, &b))
                    continue;
                cairo_t *cr = pl->page->cr;
                povatlas_render_set_rgb(cr, pl->page->style->leader_rgb);
                cairo_set_line_width(cr, povatlas_render_pt(pl->page, 0.6));
                cairo_move_to(cr, ax, ay);
                cairo_line_to(cr, nx, ny);
                cairo_stroke(cr);
                cairo_arc(cr, ax, ay, povatlas_render_pt(pl->page, 1.3), 0,
                          2 * G_PI);
                cairo_fill(cr);
                draw_label(pl, l, &b);
                record(pl, text, &b, ax, ay, 1);
                return 1;
            }
    }
    return 0;
}

static int try_sizes(placer *pl, const povatlas_label_request *rq,
                     const GEOSPreparedGeometry *prep, double xy[3][2],
                     int n_anchor)
{
    const povatlas_render_style *s = pl->page->style;
    for (double pt = s->label_pt; pt >= s->label_min_pt - 1e-9; pt -= 1.0) {
        g_autoptr(PangoLayout) l = povatlas_render_text_new(
            pl->page, rq->text, pt, POVATLAS_RENDER_TEXT_CENTER, 0);
        double w, h;
        povatlas_render_text_size(l, &w, &h);
        for (int a = 0; a < n_anchor; a++) {
            cand_box b;
            if (try_at(pl, prep, xy[a][0], xy[a][1], w, h, &b)) {
                draw_label(pl, l, &b);
                record(pl, rq->text, &b, b.x + b.w / 2, b.y + b.h / 2, 0);
                return 1;
            }
        }
    }
    return 0;
}

/* The label inside its unit at one of its sizes; 0 when it fits nowhere
 * there (or the unit has no anchor: nothing to place, inside or out). */
static int place_inside(placer *pl, const povatlas_label_request *rq)
{
    double xy[3][2];
    int n = anchors(pl, rq->shape, xy);
    const GEOSPreparedGeometry *prep =
        n > 0 ? GEOSPrepare_r(pl->geos, rq->shape) : NULL;
    if (prep == NULL)
        return 1;
    int done = try_sizes(pl, rq, prep, xy, n);
    GEOSPreparedGeom_destroy_r(pl->geos, prep);
    return done;
}

/* The label outside its unit on a leader line. */
static void place_outside(placer *pl, const povatlas_label_request *rq)
{
    double xy[3][2];
    int n = anchors(pl, rq->shape, xy);
    const GEOSPreparedGeometry *prep =
        n > 0 ? GEOSPrepare_r(pl->geos, rq->shape) : NULL;
    if (prep == NULL)
        return;
    const povatlas_render_style *s = pl->page->style;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(
        pl->page, rq->text, s->label_pt, POVATLAS_RENDER_TEXT_CENTER, 0);
    double w, h;
    povatlas_render_text_size(l, &w, &h);
    try_leader(pl, rq->text, xy, n, prep, l, w, h);
    GEOSPreparedGeom_destroy_r(pl->geos, prep);
}

typedef struct order_item {
    size_t index;
    double area;
} order_item;

static int by_area(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    if (x->area != y->area)
        return x->area < y->area ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

void povatlas_labels_place(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const povatlas_label_request *req, size_t n,
                           const povatlas_rect *frame,
                           const povatlas_rect *obstacles, size_t n_obstacles,
                           GArray *boxes)
{
    placer pl = {page,
                 g->geos,
                 frame,
                 obstacles,
                 n_obstacles,
                 boxes,
                 povatlas_render_pt(page, 1.5),
                 NULL};
    g_autofree order_item *order = g_new0(order_item, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        order[i].index = i;
        if (req[i].shape == NULL ||
            !GEOSArea_r(g->geos, req[i].shape, &order[i].area))
            order[i].area = 0;
    }
    qsort(order, n, sizeof(*order), by_area);
    GEOSGeometry **parts = g_new0(GEOSGeometry *, n ? n : 1);
    unsigned int k_parts = 0;
    for (size_t i = 0; i < n; i++)
        if (req[i].shape)
            parts[k_parts++] = GEOSGeom_clone_r(g->geos, req[i].shape);
    GEOSGeometry *all = GEOSGeom_createCollection_r(
        g->geos, GEOS_GEOMETRYCOLLECTION, parts, k_parts);
    g_free(parts);
    pl.units = all ? GEOSPrepare_r(g->geos, all) : NULL;
    /* every name that fits inside its unit first, then the leader lines:
     * a small unit's line put out early ran through a larger unit and
     * sent that one's name out on a line too */
    g_autofree unsigned char *out = g_new0(unsigned char, n ? n : 1);
    for (size_t k = 0; k < n; k++) {
        const povatlas_label_request *rq = &req[order[k].index];
        if (rq->text != NULL && *rq->text && rq->shape != NULL)
            out[k] = !place_inside(&pl, rq);
    }
    for (size_t k = 0; k < n; k++)
        if (out[k])
            place_outside(&pl, &req[order[k].index]);
    if (pl.units)
        GEOSPreparedGeom_destroy_r(g->geos, pl.units);
    if (all)
        GEOSGeom_destroy_r(g->geos, all);
}
