/*
 * inset.c - a small overview map in a framed box: the province's land in
 * grey, the sea in blue, with one area (the city, or one ward on a fact
 * sheet) filled dark,
 * so a reader sees where the main map lies. It takes shapes already in a
 * common planar system and only scales them into the box.
 */
#include <math.h>

#include "render/render_private.h"

typedef struct box_fit {
    double x0, y0, x1, y1; /* source extent */
    double k, ox, oy;      /* scale and offset into the box */
} box_fit;

static void extent_of(GEOSContextHandle_t h, const GEOSGeometry *gm, box_fit *f)
{
    double a, b, c, d;
    if (gm == NULL || GEOSisEmpty_r(h, gm) || !GEOSGeom_getXMin_r(h, gm, &a) ||
        !GEOSGeom_getYMin_r(h, gm, &b) || !GEOSGeom_getXMax_r(h, gm, &c) ||
        !GEOSGeom_getYMax_r(h, gm, &d))
        return;
    f->x0 = fmin(f->x0, a);
    f->y0 = fmin(f->y0, b);
    f->x1 = fmax(f->x1, c);
    f->y1 = fmax(f->y1, d);
}

static box_fit fit_of(povatlas_render_geom *g,
                      const GEOSGeometry *const *shapes, size_t n)
{
    box_fit f = {INFINITY, INFINITY, -INFINITY, -INFINITY, 1, 0, 0};
    for (size_t i = 0; i < n; i++)
        extent_of(g->geos, shapes[i], &f);
    return f;
}

double povatlas_render_inset_aspect(povatlas_render_geom *g,
                                    const GEOSGeometry *const *shapes, size_t n)
{
    box_fit f = fit_of(g, shapes, n);
    if (!(f.x1 > f.x0 && f.y1 > f.y0))
        return 1.0;
    return (f.x1 - f.x0) / (f.y1 - f.y0);
}

static int to_box(double *x, double *y, void *data)
{
    const box_fit *f = data;
    *x = f->ox + (*x - f->x0) * f->k;
    *y = f->oy + (*y - f->y0) * f->k;
    return 1;
}

static void fill_shape(const povatlas_render_page *page,
                       povatlas_render_geom *g, const GEOSGeometry *gm,
                       box_fit *f, unsigned int fill, unsigned int line)
{
    if (gm == NULL)
        return;
    GEOSGeometry *t = GEOSGeom_transformXY_r(g->geos, gm, to_box, f);
    if (t == NULL)
        return;
    cairo_t *cr = page->cr;
    cairo_new_path(cr);
    povatlas_render_path(cr, g->geos, t);
    povatlas_render_set_rgb(cr, fill);
    cairo_fill_preserve(cr);
    povatlas_render_set_rgb(cr, line);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.4));
    cairo_stroke(cr);
    GEOSGeom_destroy_r(g->geos, t);
}

/* @gm in the box's coordinates; NULL when it cannot be moved. */
static GEOSGeometry *in_box(povatlas_render_geom *g, const GEOSGeometry *gm,
                            box_fit *f)
{
    return gm ? GEOSGeom_transformXY_r(g->geos, gm, to_box, f) : NULL;
}

static void fill_moved(const povatlas_render_page *page,
                       povatlas_render_geom *g, const GEOSGeometry *gm,
                       unsigned int fill, int line, unsigned int line_rgb)
{
    if (gm == NULL)
        return;
    cairo_t *cr = page->cr;
    cairo_new_path(cr);
    povatlas_render_path(cr, g->geos, gm);
    povatlas_render_set_rgb(cr, fill);
    if (!line) {
        cairo_fill(cr);
        return;
    }
    cairo_fill_preserve(cr);
    povatlas_render_set_rgb(cr, line_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.4));
    cairo_stroke(cr);
}

void povatlas_render_inset(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const GEOSGeometry *const *land, size_t n_land,
                           const GEOSGeometry *const *sea, size_t n_sea,
                           const GEOSGeometry *highlight,
                           const povatlas_rect *box)
{
    cairo_t *cr = page->cr;
    const povatlas_render_style *s = page->style;
    box_fit f = fit_of(g, land, n_land);
    extent_of(g->geos, highlight, &f);
    if (!(f.x1 > f.x0 && f.y1 > f.y0))
        return;
    double pad = povatlas_render_pt(page, 3.0);
    double w = box->w - 2 * pad, h = box->h - 2 * pad;
    f.k = fmin(w / (f.x1 - f.x0), h / (f.y1 - f.y0));
    f.ox = box->x + pad + 0.5 * (w - f.k * (f.x1 - f.x0));
    f.oy = box->y + pad + 0.5 * (h - f.k * (f.y1 - f.y0));
    /* sea first, then land: both carried on to the box's edges, so the
     * margin around the province is neither white nor inland sea */
    size_t n = n_sea + n_land;
    GEOSGeometry **moved = g_new0(GEOSGeometry *, n + 1);
    for (size_t i = 0; i < n_sea; i++)
        moved[i] = in_box(g, sea[i], &f);
    for (size_t i = 0; i < n_land; i++)
        moved[n_sea + i] = in_box(g, land[i], &f);
    povatlas_render_reach_box(g->geos, moved, n, box);
    cairo_save(cr);
    cairo_rectangle(cr, box->x, box->y, box->w, box->h);
    povatlas_render_set_rgb(cr, s->land_rgb);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    for (size_t i = 0; i < n; i++)
        fill_moved(page, g, moved[i], i < n_sea ? s->sea_rgb : s->land_rgb,
                   i >= n_sea, s->land_border_rgb);
    fill_shape(page, g, highlight, &f, 0xc0392b, 0x5a1a12);
    cairo_restore(cr);
    for (size_t i = 0; i < n; i++)
        if (moved[i])
            GEOSGeom_destroy_r(g->geos, moved[i]);
    g_free(moved);
    cairo_rectangle(cr, box->x, box->y, box->w, box->h);
    povatlas_render_set_rgb(cr, s->frame_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.6));
    cairo_stroke(cr);
}

void povatlas_render_locator(const povatlas_render_page *page,
                             povatlas_render_geom *g,
                             const GEOSGeometry *const *sea, size_t n_sea,
                             const GEOSGeometry *const *units, size_t n,
                             const GEOSGeometry *highlight,
                             const povatlas_rect *box)
{
    cairo_t *cr = page->cr;
    const povatlas_render_style *s = page->style;
    box_fit f = fit_of(g, units, n);
    if (!(f.x1 > f.x0 && f.y1 > f.y0))
        return;
    /* a margin of land (and sea) around the city */
    double mx = 0.12 * (f.x1 - f.x0), my = 0.12 * (f.y1 - f.y0);
    f.x0 -= mx;
    f.x1 += mx;
    f.y0 -= my;
    f.y1 += my;
    f.k = fmin(box->w / (f.x1 - f.x0), box->h / (f.y1 - f.y0));
    /* the frame hugs the fitted extent: no strip beyond the context
     * layers' reach painted as land */
    povatlas_rect r = {box->x, box->y, f.k * (f.x1 - f.x0),
                       f.k * (f.y1 - f.y0)};
    r.x += 0.5 * (box->w - r.w);
    f.ox = r.x;
    f.oy = r.y;
    box = &r;
    cairo_save(cr);
    cairo_rectangle(cr, box->x, box->y, box->w, box->h);
    povatlas_render_set_rgb(cr, s->land_rgb);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    for (size_t i = 0; i < n_sea; i++)
        fill_shape(page, g, sea[i], &f, s->sea_rgb, s->coast_rgb);
    for (size_t i = 0; i < n; i++)
        fill_shape(page, g, units[i], &f, s->page_rgb, s->land_border_rgb);
    fill_shape(page, g, highlight, &f, 0xc0392b, 0x5a1a12);
    cairo_restore(cr);
    cairo_rectangle(cr, box->x, box->y, box->w, box->h);
    povatlas_render_set_rgb(cr, s->frame_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.6));
    cairo_stroke(cr);
}
