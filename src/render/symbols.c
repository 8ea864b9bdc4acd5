/*
 * symbols.c - symbols over the class fills: proportional circles (area in
 * proportion to a count, centred where the unit is widest) and dot density
 * (one dot per N counted households, scattered at random inside the unit).
 *
 * Dots are placed by a small generator seeded from the caller's seed and
 * the unit code, so a map repeats byte for byte and no dot ever stands for
 * where a household lives (domain rule: maps never locate households).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "render/render_private.h"

#define CIRCLE_MAX_PT 20.0
#define DOT_RADIUS_PT 1.3

static double max_count(const povatlas_map_symbols *sy, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(sy->counts[i]) && sy->counts[i] > m)
            m = sy->counts[i];
    return m;
}

/* Largest 1, 2 or 5 x 10^k not above @v (v > 0). */
static double nice_floor(double v)
{
    double p = pow(10.0, floor(log10(v)));
    static const double steps[] = {5, 2, 1};
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++)
        if (steps[i] * p <= v * (1 + 1e-9))
            return steps[i] * p;
    return p;
}

static double circle_radius(const povatlas_render_page *page, double v,
                            double vmax)
{
    return povatlas_render_pt(page, CIRCLE_MAX_PT) * sqrt(v / vmax);
}

/* splitmix64 (core/rng.h): tiny, good enough to scatter dots, the same on
 * every platform */
static double next_unit(guint64 *state)
{
    return (double)(povatlas_splitmix64_(state) >> 11) / 9007199254740992.0;
}

static guint64 unit_seed(unsigned long seed, const char *code)
{
    guint64 h = 1469598103934665603ULL ^ (guint64)seed;
    for (const char *p = code ? code : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return h;
}

static int circle_centre(GEOSContextHandle_t h, const GEOSGeometry *shape,
                         double *x, double *y)
{
    GEOSGeometry *mic = GEOSMaximumInscribedCircle_r(h, shape, 0.5);
    GEOSGeometry *pt = mic ? GEOSGeomGetStartPoint_r(h, mic) : NULL;
    int ok = pt && GEOSGeomGetX_r(h, pt, x) && GEOSGeomGetY_r(h, pt, y);
    if (pt)
        GEOSGeom_destroy_r(h, pt);
    if (mic)
        GEOSGeom_destroy_r(h, mic);
    return ok;
}

typedef struct circle {
    double x, y, r;
} circle;

static int by_radius_desc(const void *a, const void *b)
{
    const circle *p = a, *q = b;
    return (p->r < q->r) - (p->r > q->r);
}

static void draw_circles(const povatlas_render_page *page,
                         povatlas_render_geom *g,
                         const povatlas_map_symbols *sy,
                         const GEOSGeometry *const *shapes, size_t n)
{
    double vmax = max_count(sy, n);
    if (!(vmax > 0))
        return;
    GArray *cs = g_array_new(FALSE, FALSE, sizeof(circle));
    for (size_t i = 0; i < n; i++) {
        circle c;
        if (!(isfinite(sy->counts[i]) && sy->counts[i] > 0) ||
            !circle_centre(g->geos, shapes[i], &c.x, &c.y))
            continue;
        c.r = circle_radius(page, sy->counts[i], vmax);
        g_array_append_val(cs, c);
    }
    /* big ones first so that small ones stay visible on top */
    g_array_sort(cs, by_radius_desc);
    for (guint i = 0; i < cs->len; i++) {
        const circle *c = &g_array_index(cs, circle, i);
        povatlas_render_symbol(page, 1, c->x, c->y, c->r, sy->rgb);
    }
    g_array_unref(cs);
}

/* Dots of one unit: rejection sampling in its bounding box, inside the
 * unit shrunk by the dot radius so no dot crosses a border. */
static void draw_unit_dots(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const povatlas_map_symbols *sy, const char *code,
                           const GEOSGeometry *shape, size_t feature,
                           povatlas_map_layout *layout)
{
    GEOSContextHandle_t h = g->geos;
    double v = sy->counts[feature];
    long n_dots = isfinite(v) && v > 0 ? lround(v / sy->per_dot) : 0;
    if (n_dots <= 0)
        return;
    double r = povatlas_render_pt(page, DOT_RADIUS_PT);
    GEOSGeometry *inner = GEOSBuffer_r(h, shape, -1.5 * r, 4);
    const GEOSGeometry *area =
        inner && !GEOSisEmpty_r(h, inner) ? inner : shape;
    double x0, y0, x1, y1;
    const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, area);
    if (prep == NULL || !GEOSGeom_getXMin_r(h, area, &x0) ||
        !GEOSGeom_getYMin_r(h, area, &y0) ||
        !GEOSGeom_getXMax_r(h, area, &x1) || !GEOSGeom_getYMax_r(h, area, &y1))
        n_dots = 0;
    guint64 state = unit_seed(sy->seed, code);
    for (long k = 0, tries = 0; k < n_dots && tries < 2000 * n_dots; tries++) {
        double x = x0 + (x1 - x0) * next_unit(&state);
        double y = y0 + (y1 - y0) * next_unit(&state);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x, y);
        int inside = pt && GEOSPreparedContains_r(h, prep, pt) == 1;
        if (pt)
            GEOSGeom_destroy_r(h, pt);
        if (!inside)
            continue;
        povatlas_render_symbol(page, 0, x, y, r, sy->rgb);
        povatlas_layout_dot d = {0, 0, feature};
        povatlas_render_proj_from_page(&layout->proj, x, y, &d.lon, &d.lat);
        g_array_append_val(layout->dots, d);
        k++;
    }
    if (prep)
        GEOSPreparedGeom_destroy_r(h, prep);
    if (inner)
        GEOSGeom_destroy_r(h, inner);
}

void povatlas_symbols_draw(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const povatlas_map_symbols *sy,
                           const povatlas_map_feature *features,
                           const GEOSGeometry *const *shapes, size_t n,
                           povatlas_map_layout *layout)
{
    if (sy->kind == POVATLAS_SYMBOLS_CIRCLES)
        draw_circles(page, g, sy, shapes, n);
    else if (sy->kind == POVATLAS_SYMBOLS_DOTS)
        for (size_t i = 0; i < n; i++)
            draw_unit_dots(page, g, sy, features[i].code, shapes[i], i, layout);
}

static char *count_text(double v, const povatlas_map_symbols *sy,
                        const char *lang)
{
    char *num = povatlas_format_number(v, 0, lang);
    char *out = g_strdup_printf("%s %s", num ? num : "?",
                                sy->unit_word ? sy->unit_word : "");
    free(num);
    return out;
}

void povatlas_symbols_legend(const povatlas_render_page *page,
                             const povatlas_map_symbols *sy,
                             const povatlas_map_feature *features, size_t n,
                             povatlas_legend *legend)
{
    (void)features;
    int en = page->lang && strcmp(page->lang, "en") == 0;
    if (sy->kind == POVATLAS_SYMBOLS_NONE)
        return;
    if (sy->title)
        povatlas_legend_add_symbol(legend, POVATLAS_LEGEND_HEADING, 0, 0,
                                   g_strdup(sy->title));
    if (sy->kind == POVATLAS_SYMBOLS_DOTS) {
        g_autofree char *per = count_text(sy->per_dot, sy, page->lang);
        povatlas_legend_add_symbol(
            legend, POVATLAS_LEGEND_DOT, sy->rgb,
            povatlas_render_pt(page, DOT_RADIUS_PT),
            g_strdup_printf(en ? "1 dot = %s" : "1 chấm = %s", per));
        return;
    }
    double vmax = max_count(sy, n);
    if (!(vmax > 0))
        return;
    double ref = nice_floor(vmax);
    double refs[3] = {ref, nice_floor(ref / 2.5), nice_floor(ref / 10)};
    for (int i = 0; i < 3; i++) {
        if (i > 0 && refs[i] >= refs[i - 1])
            continue;
        povatlas_legend_add_symbol(legend, POVATLAS_LEGEND_CIRCLE, sy->rgb,
                                   circle_radius(page, refs[i], vmax),
                                   count_text(refs[i], sy, page->lang));
    }
}
