/*
 * labels.c - placing unit labels so that no two overlap, none covers the
 * legend or other furniture and each stays inside the map frame.
 *
 * Each label tries, in order: inside its unit at the centre of the largest
 * inscribed circle (the pole of inaccessibility), the centroid and the
 * point on surface; then shifted positions around them; then smaller font
 * sizes. A unit too small for its name at the smallest size gets its label
 * outside, with a leader line from the pole: a name half over the border
 * reads as the neighbour's.
 * Small units are placed first since they have the fewest candidates.
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
} placer;

static int overlaps(const cand_box *a, double x, double y, double w, double h,
                    double gap)
{
    return a->x < x + w + gap && x < a->x + a->w + gap && a->y < y + h + gap &&
           y < a->y + a->h + gap;
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
    return 1;
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

/* Leader line: the box sits around the unit at growing distances; a thin
 * line joins the anchor to the nearest point of the box. */
static int try_leader(placer *pl, const char *text, double ax, double ay,
                      PangoLayout *l, double w, double h)
{
    static const double dirs[8][2] = {{1, 0},  {-1, 0},  {0, -1}, {0, 1},
                                      {1, -1}, {-1, -1}, {1, 1},  {-1, 1}};
    for (int r = 2; r <= 8; r++)
        for (int d = 0; d < 8; d++) {
            double dist = r * h;
            double cx = ax + dirs[d][0] * (dist + w / 2);
            double cy = ay + dirs[d][1] * (dist + h / 2);
            cand_box b = {cx - w / 2, cy - h / 2, w, h};
            if (!box_free(pl, &b))
                continue;
            double nx = fmin(fmax(ax, b.x), b.x + b.w);
            double ny = fmin(fmax(ay, b.y + h * 0.2), b.y + b.h - h * 0.2);
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

static void place_one(placer *pl, const povatlas_label_request *rq)
{
    double xy[3][2];
    int n = anchors(pl, rq->shape, xy);
    if (n == 0)
        return;
    const GEOSPreparedGeometry *prep = GEOSPrepare_r(pl->geos, rq->shape);
    if (prep == NULL)
        return;
    int done = try_sizes(pl, rq, prep, xy, n);
    GEOSPreparedGeom_destroy_r(pl->geos, prep);
    if (done)
        return;
    const povatlas_render_style *s = pl->page->style;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(
        pl->page, rq->text, s->label_pt, POVATLAS_RENDER_TEXT_CENTER, 0);
    double w, h;
    povatlas_render_text_size(l, &w, &h);
    try_leader(pl, rq->text, xy[0][0], xy[0][1], l, w, h);
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
                 povatlas_render_pt(page, 1.5)};
    g_autofree order_item *order = g_new0(order_item, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        order[i].index = i;
        if (req[i].shape == NULL ||
            !GEOSArea_r(g->geos, req[i].shape, &order[i].area))
            order[i].area = 0;
    }
    qsort(order, n, sizeof(*order), by_area);
    for (size_t k = 0; k < n; k++) {
        const povatlas_label_request *rq = &req[order[k].index];
        if (rq->text != NULL && *rq->text && rq->shape != NULL)
            place_one(&pl, rq);
    }
}
