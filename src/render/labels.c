/*
 * labels.c - placing unit labels so that no two overlap, none covers the
 * legend or other furniture and each stays inside the map frame.
 *
 * Each label tries, in order: inside its unit at the centre of the largest
 * inscribed circle (the pole of inaccessibility), the centroid and the
 * point on surface; then shifted positions around them; then smaller font
 * sizes. A unit too small for its name at the smallest size gets its label
 * outside, with a leader line from the pole: a name half over the border
 * reads as the neighbour's. These callouts are arranged around the city
 * (off every unit), no leader line crosses another, passes by another's
 * anchor dot, or runs through a label or the furniture, and no label is
 * put over a leader line; of several arrangements tried the shortest in
 * sum is drawn (place_callouts).
 * Small units are placed first since they have the fewest candidates;
 * every name that fits inside goes in before the first leader line.
 * Texts get a halo (outline stroked in the page colour) for legibility.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_private.h"

/* Past this many names out (or placed), the callouts are arranged in
 * one pass and looked for less widely. */
#define MANY_CALLOUTS 64

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

/* ---- callouts: the names that do not fit inside, around the city ---- */

/* 1 when the segments p0-p1 and q0-q1 cross or touch. */
static int segments_cross(double p0x, double p0y, double p1x, double p1y,
                          double q0x, double q0y, double q1x, double q1y)
{
    double d1 = (q1x - q0x) * (p0y - q0y) - (q1y - q0y) * (p0x - q0x);
    double d2 = (q1x - q0x) * (p1y - q0y) - (q1y - q0y) * (p1x - q0x);
    double d3 = (p1x - p0x) * (q0y - p0y) - (p1y - p0y) * (q0x - p0x);
    double d4 = (p1x - p0x) * (q1y - p0y) - (p1y - p0y) * (q1x - p0x);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
           ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* Distance from (px, py) to the segment (x0, y0)-(x1, y1). */
static double point_segment(double px, double py, double x0, double y0,
                            double x1, double y1)
{
    double dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / l2 : 0;
    t = fmin(fmax(t, 0), 1);
    return hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/* 1 when the leader (ax, ay)-(nx, ny) crosses a leader already drawn or
 * passes by another leader's anchor dot: two lines crossing, or a line
 * over a dot, join a name to the wrong ward. */
static int crosses_leaders(const placer *pl, double ax, double ay, double nx,
                           double ny)
{
    double near = 3 * povatlas_render_pt(pl->page, 1.3);
    for (guint i = 0; i < pl->boxes->len; i++) {
        const povatlas_label_box *o =
            &g_array_index(pl->boxes, povatlas_label_box, i);
        if (!o->leader)
            continue;
        double ox, oy;
        leader_end(o->anchor_x, o->anchor_y, o->x, o->y, o->width, o->height,
                   &ox, &oy);
        if (segments_cross(ax, ay, nx, ny, o->anchor_x, o->anchor_y, ox, oy) ||
            point_segment(o->anchor_x, o->anchor_y, ax, ay, nx, ny) < near ||
            point_segment(ax, ay, o->anchor_x, o->anchor_y, ox, oy) < near)
            return 1;
    }
    return 0;
}

/* A name to put out on a leader line. */
typedef struct callout {
    const povatlas_label_request *rq;
    const GEOSPreparedGeometry *prep; /* owned */
    PangoLayout *layout;              /* owned */
    double w, h;
    double xy[3][2]; /* anchors inside the unit, best first */
    int n_anchor;
    int placed;
} callout;

/* The best box of @c as things stand: around each anchor in 32
 * directions, the first box along each ray that @level allows; the one
 * with the shortest line wins. Level 0: off the city, a line clear of
 * labels and furniture that crosses no other line; 1: the same over the
 * city; 2: a clear line that may cross another; 3: only a free box.
 * Returns the number of boxes that would do, 0 when none. */
static int best_callout(const placer *pl, const callout *c, int level,
                        cand_box *best, int *best_anchor)
{
    /* a map of many units (a province) looks less far and less wide: each
     * box checked costs a pass over every label placed */
    int many = pl->boxes->len > MANY_CALLOUTS;
    int dirs = many ? 16 : 32, n_anchor = many ? 1 : c->n_anchor;
    const povatlas_rect *f = pl->frame;
    double reach = fmin(hypot(f->w, f->h), (many ? 16 : 40) * c->h);
    double step = c->h / 2;
    double best_len = INFINITY;
    int n_ok = 0;
    for (int a = 0; a < n_anchor; a++) {
        double ax = c->xy[a][0], ay = c->xy[a][1];
        if (a > 0 && !point_inside(pl, c->prep, ax, ay))
            continue;
        /* a line starting under another name is hard to follow */
        double covered = 0;
        for (guint i = 0; i < pl->boxes->len; i++) {
            const povatlas_label_box *o =
                &g_array_index(pl->boxes, povatlas_label_box, i);
            if (ax >= o->x && ax <= o->x + o->width && ay >= o->y &&
                ay <= o->y + o->height)
                covered = reach;
        }
        for (int d = 0; d < dirs; d++) {
            double ux = cos(2 * G_PI * d / dirs), uy = sin(2 * G_PI * d / dirs);
            for (double dist = c->h; dist < reach; dist += step) {
                cand_box b = {ax + ux * (dist + c->w / 2) - c->w / 2,
                              ay + uy * (dist + c->h / 2) - c->h / 2, c->w,
                              c->h};
                if (b.x + b.w < f->x || b.x > f->x + f->w || b.y + b.h < f->y ||
                    b.y > f->y + f->h)
                    break; /* left the frame */
                if (!box_free(pl, &b))
                    continue;
                double nx, ny;
                leader_end(ax, ay, b.x, b.y, b.w, b.h, &nx, &ny);
                if (level < 3 && leader_blocked(pl, ax, ay, nx, ny))
                    continue;
                if (level < 2 && crosses_leaders(pl, ax, ay, nx, ny))
                    continue;
                if (level < 1 && over_units(pl, &b))
                    continue;
                n_ok++;
                double len = hypot(nx - ax, ny - ay) + covered;
                if (len < best_len) {
                    best_len = len;
                    *best = b;
                    *best_anchor = a;
                }
                break; /* the nearest box along the ray */
            }
        }
    }
    return n_ok;
}

static void draw_callout(placer *pl, const callout *c, const cand_box *b, int a)
{
    double ax = c->xy[a][0], ay = c->xy[a][1], nx, ny;
    leader_end(ax, ay, b->x, b->y, b->w, b->h, &nx, &ny);
    cairo_t *cr = pl->page->cr;
    povatlas_render_set_rgb(cr, pl->page->style->leader_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(pl->page, 0.6));
    cairo_move_to(cr, ax, ay);
    cairo_line_to(cr, nx, ny);
    cairo_stroke(cr);
    cairo_arc(cr, ax, ay, povatlas_render_pt(pl->page, 1.3), 0, 2 * G_PI);
    cairo_fill(cr);
    draw_label(pl, c->layout, b);
    record(pl, c->rq->text, b, ax, ay, 1);
}

/* Where one callout went in an arrangement: its box, its anchor and the
 * level it needed (4: nowhere). */
typedef struct callout_pick {
    cand_box box;
    int anchor, level;
} callout_pick;

/* One arrangement of the callouts: in @order, or, @order NULL, the one
 * with the fewest places left first; each at its shortest line of the
 * lowest level it can have. The boxes are recorded in pl->boxes (the
 * caller takes them back out). Returns its cost: a line over the city
 * or across another counts far more than any length. */
static double arrange(placer *pl, callout *c, size_t n, const size_t *order,
                      callout_pick *pick, size_t *seq)
{
    size_t n_seq = 0;
    static const double level_cost[] = {0, 1e4, 1e6, 1e8, 1e10};
    double cost = 0;
    for (size_t i = 0; i < n; i++) {
        c[i].placed = 0;
        pick[i].level = 4;
    }
    for (size_t done = 0; done < n; done++) {
        size_t which = n;
        callout_pick best = {{0, 0, 0, 0}, 0, 4};
        for (int level = 0; level <= 3 && which == n; level++) {
            int fewest = INT_MAX;
            for (size_t k = 0; k < n; k++) {
                size_t i = order ? order[done] : k;
                if (order && k > 0)
                    break;
                if (c[i].placed)
                    continue;
                callout_pick p = {{0, 0, 0, 0}, 0, level};
                int m = best_callout(pl, &c[i], level, &p.box, &p.anchor);
                if (m > 0 && m < fewest) {
                    fewest = m;
                    which = i;
                    best = p;
                }
            }
        }
        if (which == n) {
            if (!order)
                break; /* no free box anywhere in the frame */
            continue;
        }
        seq[n_seq++] = which;
        const double *a = c[which].xy[best.anchor];
        double nx, ny;
        leader_end(a[0], a[1], best.box.x, best.box.y, best.box.w, best.box.h,
                   &nx, &ny);
        record(pl, c[which].rq->text, &best.box, a[0], a[1], 1);
        c[which].placed = 1;
        pick[which] = best;
    }
    for (size_t i = 0; i < n; i++) /* the ones left out, last */
        if (!c[i].placed)
            seq[n_seq++] = i;
    for (size_t i = 0; i < n; i++) {
        double nx, ny;
        const double *a = c[i].xy[pick[i].anchor];
        leader_end(a[0], a[1], pick[i].box.x, pick[i].box.y, pick[i].box.w,
                   pick[i].box.h, &nx, &ny);
        cost += level_cost[pick[i].level] + hypot(nx - a[0], ny - a[1]);
    }
    return cost;
}

/* pl->boxes back to its @base names inside units, then the callouts of
 * @pick placed anywhere, but for @skip1 and @skip2. */
static void lay_out(placer *pl, const callout *c, size_t n,
                    const callout_pick *pick, guint base, size_t skip1,
                    size_t skip2)
{
    g_array_set_size(pl->boxes, base);
    for (size_t i = 0; i < n; i++)
        if (i != skip1 && i != skip2 && pick[i].level < 4)
            record(pl, c[i].rq->text, &pick[i].box, c[i].xy[pick[i].anchor][0],
                   c[i].xy[pick[i].anchor][1], 1);
}

/* A name without a clear place takes one from a name that has one, when
 * that name then finds another: two moves no order of the greedy
 * arrangement tries. */
static void bump(placer *pl, callout *c, size_t n, callout_pick *pick,
                 guint base)
{
    for (size_t l = 0; l < n; l++) {
        if (pick[l].level == 0)
            continue;
        for (size_t p = 0; p < n && pick[l].level > 0; p++) {
            if (p == l || pick[p].level != 0)
                continue;
            lay_out(pl, c, n, pick, base, l, p);
            callout_pick pl_l = {{0, 0, 0, 0}, 0, 0};
            callout_pick pl_p = {{0, 0, 0, 0}, 0, 0};
            if (best_callout(pl, &c[l], 0, &pl_l.box, &pl_l.anchor) == 0)
                continue;
            record(pl, c[l].rq->text, &pl_l.box, c[l].xy[pl_l.anchor][0],
                   c[l].xy[pl_l.anchor][1], 1);
            if (best_callout(pl, &c[p], 0, &pl_p.box, &pl_p.anchor) == 0)
                continue;
            pick[l] = pl_l;
            pick[p] = pl_p;
        }
    }
    g_array_set_size(pl->boxes, base);
}

/* The box of @c's size at the place of @where: centred on it, or with
 * its left or its right edge on @where's (@how 0, 1, 2). */
static cand_box box_at(const callout *c, const cand_box *where, int how)
{
    double x = how == 0   ? where->x + (where->w - c->w) / 2
               : how == 1 ? where->x
                          : where->x + where->w - c->w;
    return (cand_box){x, where->y + (where->h - c->h) / 2, c->w, c->h};
}

/* @b as @c's box from anchor @a when it is free and its line is clear
 * of labels, furniture and the other leaders (pl->boxes as they are);
 * its level (0 off the city, 1 over it) in @p. */
static int clear_pick(const placer *pl, const callout *c, int a,
                      const cand_box *b, callout_pick *p)
{
    double ax = c->xy[a][0], ay = c->xy[a][1], nx, ny;
    if (a > 0 && !point_inside(pl, c->prep, ax, ay))
        return 0;
    if (!box_free(pl, b))
        return 0;
    leader_end(ax, ay, b->x, b->y, b->w, b->h, &nx, &ny);
    if (leader_blocked(pl, ax, ay, nx, ny) ||
        crosses_leaders(pl, ax, ay, nx, ny))
        return 0;
    *p = (callout_pick){*b, a, over_units(pl, b) ? 1 : 0};
    return 1;
}

/* @one placed anew, the others where they are, at the shortest clear
 * line (off the city when it can be): 1 when it finds one. */
static int replace_one(placer *pl, callout *c, size_t n, callout_pick *pick,
                       guint base, size_t one)
{
    lay_out(pl, c, n, pick, base, one, one);
    for (int level = 0; level <= 1; level++) {
        callout_pick p = {{0, 0, 0, 0}, 0, level};
        if (best_callout(pl, &c[one], level, &p.box, &p.anchor) > 0) {
            pick[one] = p;
            return 1;
        }
    }
    return 0;
}

/* @first and then @second placed anew, each at the shortest clear line
 * the other names leave (off the city when it can be): 1 when both
 * find one, and @pick takes them. */
static int replace_pair(placer *pl, callout *c, size_t n, callout_pick *pick,
                        guint base, size_t first, size_t second)
{
    callout_pick p[2];
    size_t who[2] = {first, second};
    lay_out(pl, c, n, pick, base, first, second);
    for (int k = 0; k < 2; k++) {
        int found = 0;
        for (int level = 0; level <= 1 && !found; level++) {
            p[k] = (callout_pick){{0, 0, 0, 0}, 0, level};
            found = best_callout(pl, &c[who[k]], level, &p[k].box,
                                 &p[k].anchor) > 0;
        }
        if (!found)
            return 0;
        record(pl, c[who[k]].rq->text, &p[k].box, c[who[k]].xy[p[k].anchor][0],
               c[who[k]].xy[p[k].anchor][1], 1);
    }
    /* the first line clear of the second box */
    const double *a = c[first].xy[p[0].anchor];
    double nx, ny;
    leader_end(a[0], a[1], p[0].box.x, p[0].box.y, p[0].box.w, p[0].box.h, &nx,
               &ny);
    if (segment_hits(a[0], a[1], nx, ny, p[1].box.x, p[1].box.y, p[1].box.w,
                     p[1].box.h))
        return 0;
    pick[first] = p[0];
    pick[second] = p[1];
    return 1;
}

/* Two leader lines that cross join each name to the wrong ward; the two
 * names trading places uncrosses them (the shorter pairing of two
 * anchors with two places never crosses), when both places still take
 * the other name clear of everything else. */
static void uncross(placer *pl, callout *c, size_t n, callout_pick *pick,
                    guint base)
{
    for (int round = 0; round < 3; round++) {
        int swapped = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                if (pick[i].level >= 4 || pick[j].level >= 4)
                    continue;
                const double *ai = c[i].xy[pick[i].anchor],
                             *aj = c[j].xy[pick[j].anchor];
                double ix, iy, jx, jy;
                leader_end(ai[0], ai[1], pick[i].box.x, pick[i].box.y,
                           pick[i].box.w, pick[i].box.h, &ix, &iy);
                leader_end(aj[0], aj[1], pick[j].box.x, pick[j].box.y,
                           pick[j].box.w, pick[j].box.h, &jx, &jy);
                if (!segments_cross(ai[0], ai[1], ix, iy, aj[0], aj[1], jx, jy))
                    continue;
                int done = replace_one(pl, c, n, pick, base, i) ||
                           replace_one(pl, c, n, pick, base, j) ||
                           replace_pair(pl, c, n, pick, base, i, j) ||
                           replace_pair(pl, c, n, pick, base, j, i);
                for (int hi = 0; hi < 3 && !done; hi++)
                    for (int hj = 0; hj < 3 && !done; hj++)
                        for (int a = 0; a < c[i].n_anchor && !done; a++)
                            for (int b = 0; b < c[j].n_anchor && !done; b++) {
                                cand_box bi = box_at(&c[i], &pick[j].box, hi);
                                cand_box bj = box_at(&c[j], &pick[i].box, hj);
                                callout_pick pi, pj;
                                lay_out(pl, c, n, pick, base, i, j);
                                if (!clear_pick(pl, &c[i], a, &bi, &pi))
                                    continue;
                                record(pl, c[i].rq->text, &bi, c[i].xy[a][0],
                                       c[i].xy[a][1], 1);
                                if (!clear_pick(pl, &c[j], b, &bj, &pj))
                                    continue;
                                /* i's line clear of j's new box */
                                double nx, ny;
                                leader_end(c[i].xy[a][0], c[i].xy[a][1], bi.x,
                                           bi.y, bi.w, bi.h, &nx, &ny);
                                if (segment_hits(c[i].xy[a][0], c[i].xy[a][1],
                                                 nx, ny, bj.x, bj.y, bj.w,
                                                 bj.h))
                                    continue;
                                pick[i] = pi;
                                pick[j] = pj;
                                done = swapped = 1;
                            }
            }
        g_array_set_size(pl->boxes, base);
        if (!swapped)
            break;
    }
}

typedef struct by_angle_item {
    size_t index;
    double angle;
} by_angle_item;

static int by_angle(const void *a, const void *b)
{
    const by_angle_item *x = a, *y = b;
    if (x->angle != y->angle)
        return x->angle < y->angle ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* The names that fit nowhere inside their unit go out on leader lines,
 * arranged around the city: several orders are tried (the one with the
 * fewest places left first; round the city by the anchors' angle, from
 * each start, either way; a fixed set of shuffles) and the arrangement
 * whose lines stay off the city, cross nothing and are shortest in sum
 * is drawn. A name is never left out: when no clear place is left it
 * takes one over the city, then a line crossing another, at last any
 * free box. */
static void place_callouts(placer *pl, callout *c, size_t n)
{
    if (n == 0)
        return;
    guint base = pl->boxes->len;
    g_autofree callout_pick *pick = g_new0(callout_pick, n);
    g_autofree callout_pick *best = g_new0(callout_pick, n);
    g_autofree size_t *order = g_new0(size_t, n);
    g_autofree by_angle_item *ring = g_new0(by_angle_item, n);
    double cx = 0, cy = 0;
    for (size_t i = 0; i < n; i++) {
        cx += c[i].xy[0][0] / (double)n;
        cy += c[i].xy[0][1] / (double)n;
    }
    for (size_t i = 0; i < n; i++)
        ring[i] =
            (by_angle_item){i, atan2(c[i].xy[0][1] - cy, c[i].xy[0][0] - cx)};
    qsort(ring, n, sizeof(*ring), by_angle);
    enum { SHUFFLES = 24, REPAIRS = 24 };
    size_t runs = 1 + 2 * n + SHUFFLES + REPAIRS;
    g_autofree size_t *seq = g_new0(size_t, n);
    g_autofree size_t *best_seq = g_new0(size_t, n);
    if (n > MANY_CALLOUTS) {
        /* a province: one pass, smallest unit first */
        for (size_t k = 0; k < n; k++)
            seq[k] = k;
        arrange(pl, c, n, seq, best, order);
        g_array_set_size(pl->boxes, base);
        for (size_t i = 0; i < n; i++)
            if (best[i].level < 4)
                draw_callout(pl, &c[i], &best[i].box, best[i].anchor);
        return;
    }
    double best_cost = INFINITY;
    guint32 seed = 12345u; /* fixed: the same map every time */
    for (size_t r = 0; r < runs; r++) {
        const size_t *o = NULL;
        if (r >= 1 && r < 1 + 2 * n) {
            size_t start = (r - 1) / 2;
            int back = (r - 1) % 2;
            for (size_t k = 0; k < n; k++)
                order[k] =
                    ring[back ? (start + n - k) % n : (start + k) % n].index;
            o = order;
        } else if (r >= 1 + 2 * n + SHUFFLES) {
            /* repair: the last order with the names that found no clear
             * place in it moved to its front (the first repair starts
             * from the best order) */
            const size_t *from = r == 1 + 2 * n + SHUFFLES ? best_seq : seq;
            const callout_pick *got = from == seq ? pick : best;
            size_t m = 0;
            for (size_t k = 0; k < n; k++)
                if (got[from[k]].level > 0)
                    order[m++] = from[k];
            if (m == 0)
                break;
            for (size_t k = 0; k < n; k++)
                if (got[from[k]].level == 0)
                    order[m++] = from[k];
            o = order;
        } else if (r >= 1 + 2 * n) {
            for (size_t k = 0; k < n; k++)
                order[k] = k;
            for (size_t k = n - 1; k > 0; k--) {
                seed = seed * 1103515245u + 12345u;
                size_t j = (seed >> 8) % (k + 1), t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            o = order;
        }
        double cost = arrange(pl, c, n, o, pick, seq);
        g_array_set_size(pl->boxes, base);
        if (cost < best_cost) {
            best_cost = cost;
            memcpy(best, pick, n * sizeof(*best));
            memcpy(best_seq, seq, n * sizeof(*seq));
        }
    }
    for (int round = 0; round < 3; round++)
        bump(pl, c, n, best, base);
    uncross(pl, c, n, best, base);
    for (size_t i = 0; i < n; i++)
        if (best[i].level < 4)
            draw_callout(pl, &c[i], &best[i].box, best[i].anchor);
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
    g_autofree callout *c = g_new0(callout, n ? n : 1);
    size_t n_out = 0;
    for (size_t k = 0; k < n; k++) {
        if (!out[k])
            continue;
        callout *o = &c[n_out];
        o->rq = &req[order[k].index];
        o->n_anchor = anchors(&pl, o->rq->shape, o->xy);
        o->prep = o->n_anchor > 0 ? GEOSPrepare_r(g->geos, o->rq->shape) : NULL;
        if (o->prep == NULL)
            continue;
        o->layout =
            povatlas_render_text_new(page, o->rq->text, page->style->label_pt,
                                     POVATLAS_RENDER_TEXT_CENTER, 0);
        povatlas_render_text_size(o->layout, &o->w, &o->h);
        n_out++;
    }
    place_callouts(&pl, c, n_out);
    for (size_t k = 0; k < n_out; k++) {
        GEOSPreparedGeom_destroy_r(g->geos, c[k].prep);
        g_object_unref(c[k].layout);
    }
    if (pl.units)
        GEOSPreparedGeom_destroy_r(g->geos, pl.units);
    if (all)
        GEOSGeom_destroy_r(g->geos, all);
}
