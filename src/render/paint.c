/*
 * paint.c - GEOS geometries (already in page pixels) as cairo paths, and
 * the hatched fill that marks "no data" on the map and in the legend.
 * Polygons are filled with the even-odd rule so that holes stay open.
 */
#include <math.h>

#include "render/render_private.h"

static void add_ring(cairo_t *cr, GEOSContextHandle_t geos,
                     const GEOSGeometry *ring, int close)
{
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(geos, ring);
    unsigned int n = 0;
    if (seq == NULL || !GEOSCoordSeq_getSize_r(geos, seq, &n) || n < 2)
        return;
    for (unsigned int i = 0; i < n; i++) {
        double x, y;
        GEOSCoordSeq_getXY_r(geos, seq, i, &x, &y);
        if (i == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    if (close)
        cairo_close_path(cr);
}

static void add_simple(cairo_t *cr, GEOSContextHandle_t geos,
                       const GEOSGeometry *g)
{
    switch (GEOSGeomTypeId_r(geos, g)) {
    case GEOS_POLYGON: {
        add_ring(cr, geos, GEOSGetExteriorRing_r(geos, g), 1);
        int holes = GEOSGetNumInteriorRings_r(geos, g);
        for (int i = 0; i < holes; i++)
            add_ring(cr, geos, GEOSGetInteriorRingN_r(geos, g, i), 1);
        break;
    }
    case GEOS_LINESTRING:
        add_ring(cr, geos, g, 0);
        break;
    case GEOS_LINEARRING:
        add_ring(cr, geos, g, 1);
        break;
    default:
        break;
    }
}

void povatlas_render_path(cairo_t *cr, GEOSContextHandle_t geos,
                          const GEOSGeometry *geom)
{
    int type = GEOSGeomTypeId_r(geos, geom);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_MULTILINESTRING ||
        type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(geos, geom);
        for (int i = 0; i < n; i++)
            povatlas_render_path(cr, geos, GEOSGetGeometryN_r(geos, geom, i));
        return;
    }
    add_simple(cr, geos, geom);
}

void povatlas_render_fill_hatched(const povatlas_render_page *page,
                                  unsigned int bg_rgb, unsigned int line_rgb)
{
    cairo_t *cr = page->cr;
    double x1, y1, x2, y2;
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_fill_extents(cr, &x1, &y1, &x2, &y2);
    povatlas_render_set_rgb(cr, bg_rgb);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    /* 45-degree lines anchored to the page, so adjacent hatched areas
     * continue each other's pattern */
    double gap = povatlas_render_pt(page, 3.0);
    double start = floor((x1 + y1) / gap) * gap;
    cairo_new_path(cr);
    for (double c = start; c <= x2 + y2 + gap; c += gap) {
        cairo_move_to(cr, c - y1, y1);
        cairo_line_to(cr, c - y2, y2);
    }
    povatlas_render_set_rgb(cr, line_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.5));
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_new_path(cr);
}

/* Diagonal lines both ways: told apart from the single hatch of "no
 * data" in colour and in grayscale. */
static void fill_crosshatched(const povatlas_render_page *page,
                              unsigned int bg_rgb, unsigned int line_rgb)
{
    cairo_t *cr = page->cr;
    double x1, y1, x2, y2;
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_fill_extents(cr, &x1, &y1, &x2, &y2);
    povatlas_render_set_rgb(cr, bg_rgb);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    double gap = povatlas_render_pt(page, 4.0);
    cairo_new_path(cr);
    for (double c = floor((x1 + y1) / gap) * gap; c <= x2 + y2 + gap;
         c += gap) {
        cairo_move_to(cr, c - y1, y1);
        cairo_line_to(cr, c - y2, y2);
    }
    for (double c = floor((x1 - y2) / gap) * gap; c <= x2 - y1 + gap;
         c += gap) {
        cairo_move_to(cr, c + y1, y1);
        cairo_line_to(cr, c + y2, y2);
    }
    povatlas_render_set_rgb(cr, line_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.5));
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_new_path(cr);
}

void povatlas_render_fill_pattern(const povatlas_render_page *page,
                                  unsigned int bg_rgb, unsigned int line_rgb,
                                  int fill)
{
    /* grayscale: lines that stand out from the grey under them, so a
     * hatched dark class still reads as hatched on paper */
    if (fill != POVATLAS_FILL_SOLID && page->style && page->style->grayscale &&
        fabs(povatlas_render_lightness(bg_rgb) -
             povatlas_render_lightness(line_rgb)) < 30)
        line_rgb = povatlas_render_lightness(bg_rgb) < 55 ? 0xffffff : 0x000000;
    if (fill == POVATLAS_FILL_HATCHED) {
        povatlas_render_fill_hatched(page, bg_rgb, line_rgb);
    } else if (fill == POVATLAS_FILL_CROSSHATCHED) {
        fill_crosshatched(page, bg_rgb, line_rgb);
    } else {
        povatlas_render_set_rgb(page->cr, bg_rgb);
        cairo_fill(page->cr);
    }
}

void povatlas_render_symbol(const povatlas_render_page *page, int circle,
                            double cx, double cy, double r, unsigned int rgb)
{
    cairo_t *cr = page->cr;
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, r, 0, 2 * G_PI);
    if (!circle) {
        povatlas_render_set_rgb(cr, rgb);
        cairo_fill(cr);
        return;
    }
    povatlas_render_set_rgba(cr, rgb, 0.72);
    cairo_fill_preserve(cr);
    povatlas_render_set_rgb(cr, 0xffffff);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.8));
    cairo_stroke(cr);
}
