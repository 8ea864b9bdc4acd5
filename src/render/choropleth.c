/*
 * choropleth.c - a map page from start to finish: read and project the
 * units, lay out the page (titles, map frame, legend panel, locator inset,
 * notes), draw context layers, class fills, borders, symbols, labels and
 * furniture, and write the file. Every map type goes through here: the
 * classed choropleth turns its breaks into classes, the other types arrive
 * classed (change, zones, bivariate, LISA) and may carry circles or dots
 * (symbols.c). The parts are in the other files of the job; this file
 * decides their order and where each goes.
 */
#include <math.h>
#include <string.h>

#include "render/render_private.h"

/* One unit or context layer, read and projected. */
typedef struct mapped {
    GEOSGeometry *lonlat; /* owned */
    GEOSGeometry *page;   /* owned, page pixels */
    int cls;              /* class, -1: no data (units only) */
} mapped;

typedef struct chor {
    const povatlas_map_feature *features;
    size_t n;
    const povatlas_map_context *context;
    size_t n_context;
    const povatlas_map_class *classes;
    int n_classes;
    const int *feature_class;
    const povatlas_map_symbols *symbols; /* nullable */
    const povatlas_map_opts *opts;
    const char *lang;
    povatlas_render_style style;
    povatlas_render_geom geom;
    povatlas_render_page page;
    povatlas_map_layout *layout; /* owned until handed out */
    mapped *units;               /* n */
    mapped *ctx;                 /* n_context */
    GEOSGeometry **metres;       /* n, owned: the units in projected metres */
    povatlas_render_flat *flat;  /* owned, nullable: the units as points */
    povatlas_legend legend;
    povatlas_rect frame; /* the map frame on the page */
    povatlas_rect area;  /* where the units are fitted */
    povatlas_rect panel; /* legend, scale bar, north arrow */
    GArray *obstacles;   /* povatlas_rect: what labels must avoid */
} chor;

void povatlas_map_opts_init(povatlas_map_opts *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->lang = "vi";
    opts->width_px = 1600;
    opts->height_px = 1200;
    opts->dpi = 150.0;
    opts->value_decimals = 2;
}

static povatlas_status check_breaks(const povatlas_breaks *breaks,
                                    povatlas_error **err)
{
    if (breaks == NULL || breaks->n_classes < 1 || breaks->limits == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "no class breaks to map");
    for (int i = 0; i < breaks->n_classes; i++)
        if (!(breaks->limits[i] < breaks->limits[i + 1]))
            return povatlas_error_set(err, POVATLAS_E_USAGE,
                                      "class limits are not increasing");
    if (breaks->n_classes > POVATLAS_RENDER_MAX_CLASSES)
        return povatlas_error_set(
            err, POVATLAS_E_USAGE, "cannot draw %d classes (at most %d)",
            breaks->n_classes, POVATLAS_RENDER_MAX_CLASSES);
    return POVATLAS_OK;
}

static povatlas_status check_args(const povatlas_render_map_args *a,
                                  povatlas_error **err)
{
    const povatlas_map_opts *opts = a->opts;
    if (a->features == NULL || a->n == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no units to map");
    /* no class at all only when no unit has a value: all "no data" */
    int any_class = 0;
    for (size_t i = 0; a->feature_class && i < a->n; i++)
        any_class |= a->feature_class[i] >= 0;
    if (a->classes == NULL || a->n_classes < (any_class ? 1 : 0) ||
        a->n_classes > POVATLAS_RENDER_MAX_CLASSES || a->feature_class == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "a map needs 1 to %d classes",
                                  POVATLAS_RENDER_MAX_CLASSES);
    const povatlas_map_symbols *sy = a->symbols;
    if (sy != NULL && sy->kind != POVATLAS_SYMBOLS_NONE && sy->counts == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "symbols without counts");
    if (sy != NULL && sy->kind == POVATLAS_SYMBOLS_DOTS && !(sy->per_dot > 0))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "dot value must be positive");
    if (opts == NULL || opts->width_px < 200 || opts->height_px < 150 ||
        opts->width_px > 20000 || opts->height_px > 20000)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "map size must be 200x150 to 20000x20000 "
                                  "pixels");
    if (!(opts->dpi >= 72.0 && opts->dpi <= 1200.0))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "dpi %g outside 72..1200", opts->dpi);
    return POVATLAS_OK;
}

/* Class of @v under the breaks' closure; -1 outside every class. */
static int class_of(const povatlas_breaks *b, double v)
{
    int k = b->n_classes;
    double tol = 1e-9 * fmax(1.0, fabs(v));
    if (!isfinite(v) || v < b->limits[0] - tol || v > b->limits[k] + tol)
        return -1;
    for (int i = 0; i < k - 1; i++)
        if (b->left_closed ? v < b->limits[i + 1] : v <= b->limits[i + 1])
            return i;
    return k - 1;
}

typedef struct bbox {
    double x0, y0, x1, y1;
} bbox;

static int units_extent(chor *c, bbox *b);

/* Reads the units (over threads) and the context layers; @ll is the units'
 * lon/lat extent. */
static povatlas_status read_units(chor *c, bbox *ll, povatlas_error **err)
{
    c->units = g_new0(mapped, c->n);
    const unsigned char **wkb = g_new(const unsigned char *, c->n);
    size_t *size = g_new(size_t, c->n);
    GEOSGeometry **g = g_new0(GEOSGeometry *, c->n);
    for (size_t i = 0; i < c->n; i++) {
        wkb[i] = c->features[i].wkb;
        size[i] = c->features[i].wkb_size;
    }
    double e[4];
    size_t failed = 0;
    /* plain polygons (a national map's 3 million points) need no GEOS
     * geometry before the page */
    c->flat = povatlas_render_flat_read(wkb, size, c->n, e);
    if (c->flat == NULL)
        failed = povatlas_render_units_read(wkb, size, c->n, g, e);
    for (size_t i = 0; i < c->n; i++)
        c->units[i].lonlat = g[i];
    g_free(wkb);
    g_free(size);
    g_free(g);
    for (size_t i = 0; i < c->n; i++) {
        const povatlas_map_feature *f = &c->features[i];
        g_autofree char *what =
            g_strdup_printf("unit '%s'", f->code ? f->code : "?");
        if (c->flat == NULL && c->units[i].lonlat == NULL) {
            /* not read: read here, say why */
            povatlas_error *why = NULL;
            c->units[i].lonlat = povatlas_render_geom_read(
                &c->geom, f->wkb, f->wkb_size, what, &why);
            if (c->units[i].lonlat == NULL)
                return povatlas_error_propagate_or(err, why, POVATLAS_E_GEOM);
        }
        c->units[i].cls = c->feature_class[i];
        if (c->units[i].cls >= c->n_classes)
            return povatlas_error_set(err, POVATLAS_E_USAGE,
                                      "class %d of %s does not exist",
                                      c->units[i].cls, what);
    }
    c->ctx = g_new0(mapped, c->n_context ? c->n_context : 1);
    for (size_t i = 0; i < c->n_context; i++) {
        povatlas_error *why = NULL;
        c->ctx[i].lonlat = povatlas_render_geom_read(
            &c->geom, c->context[i].wkb, c->context[i].wkb_size,
            "context layer", &why);
        if (c->ctx[i].lonlat == NULL)
            return povatlas_error_propagate_or(err, why, POVATLAS_E_GEOM);
    }
    *ll = (bbox){e[0], e[1], e[2], e[3]};
    if (failed && !units_extent(c, ll)) /* read again after all */
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "cannot find the extent of the units");
    return POVATLAS_OK;
}

static int bbox_cb(double *x, double *y, void *userdata)
{
    bbox *b = userdata;
    b->x0 = fmin(b->x0, *x);
    b->y0 = fmin(b->y0, *y);
    b->x1 = fmax(b->x1, *x);
    b->y1 = fmax(b->y1, *y);
    return 1;
}

/* Extent of the units in lon/lat. */
static int units_extent(chor *c, bbox *b)
{
    *b = (bbox){INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < c->n; i++) {
        GEOSGeometry *t = GEOSGeom_transformXY_r(
            c->geom.geos, c->units[i].lonlat, bbox_cb, b);
        if (t == NULL)
            return 0;
        GEOSGeom_destroy_r(c->geom.geos, t);
    }
    return isfinite(b->x0) && b->x1 >= b->x0;
}

static void build_legend(chor *c)
{
    size_t counts[POVATLAS_RENDER_MAX_CLASSES] = {0}, nodata = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->units[i].cls >= 0)
            counts[c->units[i].cls]++;
        else
            nodata++;
    }
    povatlas_legend_init(&c->legend, c->opts->legend_title);
    for (int i = 0; i < c->n_classes; i++)
        if (counts[i] > 0 || !c->opts->legend_skip_empty)
            povatlas_legend_add(&c->legend, c->classes[i].rgb,
                                (int)c->classes[i].fill,
                                g_strdup(c->classes[i].label),
                                povatlas_legend_count_text(counts[i], c->lang));
    povatlas_legend_set_note(&c->legend, c->opts->legend_note);
    if (c->opts->legend_grid == 3 && c->n_classes >= 9) {
        c->legend.grid_n = 3;
        c->legend.grid_rows = c->opts->grid_rows;
        c->legend.grid_cols = c->opts->grid_cols;
    }
    if (nodata > 0) {
        int en = strcmp(c->lang, "en") == 0;
        povatlas_legend_add(&c->legend, c->style.nodata_rgb, 1,
                            g_strdup(en ? "No data" : "Không có số liệu"),
                            povatlas_legend_count_text(nodata, c->lang));
    }
    if (c->symbols != NULL)
        povatlas_symbols_legend(&c->page, c->symbols, c->features, c->n,
                                &c->legend);
}

static void destroy_mapped(chor *c, mapped *m, size_t n)
{
    for (size_t i = 0; m != NULL && i < n; i++) {
        if (m[i].lonlat)
            GEOSGeom_destroy_r(c->geom.geos, m[i].lonlat);
        if (m[i].page)
            GEOSGeom_destroy_r(c->geom.geos, m[i].page);
    }
    g_free(m);
}

static void chor_clear(chor *c)
{
    destroy_mapped(c, c->units, c->n);
    destroy_mapped(c, c->ctx, c->n_context);
    c->units = c->ctx = NULL;
    for (size_t i = 0; c->metres != NULL && i < c->n; i++)
        if (c->metres[i])
            GEOSGeom_destroy_r(c->geom.geos, c->metres[i]);
    g_free(c->metres);
    c->metres = NULL;
    povatlas_render_flat_free(g_steal_pointer(&c->flat));
    povatlas_legend_clear(&c->legend);
    if (c->obstacles)
        g_array_unref(c->obstacles);
    povatlas_render_page_clear(&c->page);
    povatlas_render_geom_clear(&c->geom);
    povatlas_render_style_clear(&c->style);
    povatlas_map_layout_free(c->layout);
}

/* ---- page layout ------------------------------------------------------ */

typedef struct furniture_sizes {
    double legend_w, legend_h, scale_max_w, north_h, inset;
} furniture_sizes;

static void furniture_sizes_get(chor *c, furniture_sizes *fs)
{
    povatlas_legend_measure(&c->page, &c->legend, &fs->legend_w, &fs->legend_h);
    fs->scale_max_w = povatlas_render_pt(&c->page, 100.0);
    fs->north_h = povatlas_render_pt(&c->page, 30.0);
    fs->inset = povatlas_render_pt(&c->page, 10.0);
}

/* Map area and furniture panel for a panel on the right (@right) or along
 * the bottom; returns the resulting map scale (px per metre). */
static double try_panel(const chor *c, const furniture_sizes *fs, int right,
                        double dw, double dh, povatlas_rect *area,
                        povatlas_rect *panel)
{
    const povatlas_rect *f = &c->frame;
    double in = fs->inset;
    double bar_h = povatlas_render_pt(&c->page, 22.0);
    if (right) {
        double pw = fmax(fs->legend_w, fs->scale_max_w) + 2 * in;
        /* nothing sits above or below the units: a third of the inset
         * is air enough there */
        *panel = (povatlas_rect){f->x + f->w - pw, f->y, pw, f->h};
        *area = (povatlas_rect){f->x + in, f->y + in / 3, f->w - pw - in,
                                f->h - 2 * in / 3};
    } else {
        double ph = fmax(fs->legend_h, fs->north_h + bar_h) + 2 * in;
        *panel = (povatlas_rect){f->x, f->y + f->h - ph, f->w, ph};
        *area = (povatlas_rect){f->x + in, f->y + in, f->w - 2 * in,
                                f->h - ph - in};
    }
    if (area->w <= 1 || area->h <= 1)
        return 0;
    return fmin(area->w / dw, area->h / dh);
}

static povatlas_status layout_page(chor *c, const bbox *ext,
                                   povatlas_error **err)
{
    double m = povatlas_render_pt(&c->page, c->style.margin_pt);
    double band = povatlas_furniture_banner(&c->page, c->opts->banner, 0);
    double top = povatlas_furniture_titles(&c->page, band, c->opts->title,
                                           c->opts->subtitle, 0);
    g_autofree char *crs =
        povatlas_furniture_crs_text(c->layout->proj.epsg, c->lang);
    double bottom = povatlas_furniture_notes(&c->page, c->opts->source_note,
                                             c->opts->boundary_note, crs, 0);
    c->frame = (povatlas_rect){m, top, c->page.width - 2 * m, bottom - top};
    /* a legend taller than the frame goes into two columns */
    c->legend.max_h = c->frame.h - 2 * povatlas_render_pt(&c->page, 10.0);
    furniture_sizes fs;
    furniture_sizes_get(c, &fs);
    double dw = fmax(ext->x1 - ext->x0, 1.0), dh = fmax(ext->y1 - ext->y0, 1.0);
    povatlas_rect ar, pr, ab, pb;
    double sr = try_panel(c, &fs, 1, dw, dh, &ar, &pr);
    double sb = try_panel(c, &fs, 0, dw, dh, &ab, &pb);
    if (c->frame.h < 50 || (sr <= 0 && sb <= 0))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "map page too small for its texts");
    c->area = sr >= sb ? ar : ab;
    c->panel = sr >= sb ? pr : pb;
    /* a little air between the units and the frame */
    double pad = 0.03 * fmin(c->area.w, c->area.h);
    povatlas_render_proj_fit(&c->layout->proj, ext->x0, ext->y0, ext->x1,
                             ext->y1, c->area.x + pad, c->area.y + pad,
                             c->area.w - 2 * pad, c->area.h - 2 * pad);
    return POVATLAS_OK;
}

/* Above this many units (a province, the country) outlines are
 * simplified to a fraction of a device pixel before drawing and the union
 * of the mapped area: a national map has 3 million vertices that no eye
 * can tell apart at 2000 px, and the union of them took most of a minute.
 * City maps (16 wards) keep every vertex. */
#define SIMPLIFY_ABOVE_UNITS 500
#define SIMPLIFY_PX 0.3

/* The sea, the land and the coast carried on to the frame's edges where
 * the workspace's layers stop short of them (a wide slide): no white strip
 * between the sea and the frame. */
static void reach_frame(chor *c)
{
    GEOSGeometry **g = g_new0(GEOSGeometry *, c->n_context + 1);
    size_t *at = g_new0(size_t, c->n_context + 1), k = 0;
    for (size_t i = 0; i < c->n_context; i++)
        if (c->ctx[i].page != NULL &&
            c->context[i].role != POVATLAS_CONTEXT_OUTLINE) {
            at[k] = i;
            g[k++] = c->ctx[i].page;
        }
    povatlas_render_reach_box(c->geom.geos, g, k, &c->frame);
    for (size_t j = 0; j < k; j++)
        c->ctx[at[j]].page = g[j];
    g_free(at);
    g_free(g);
}

/* Units (already in metres) and context layers to page pixels; units are
 * simplified above SIMPLIFY_ABOVE_UNITS and repaired when invalid. */
static povatlas_status project_all(chor *c, povatlas_error **err)
{
    const povatlas_render_proj *p = &c->layout->proj;
    GEOSGeometry **page = g_new0(GEOSGeometry *, c->n);
    double simplify = c->n > SIMPLIFY_ABOVE_UNITS ? SIMPLIFY_PX : 0;
    char why[POVATLAS_RENDER_WHY] = "";
    size_t failed =
        c->flat ? povatlas_render_flat_to_page(p, c->geom.geos, c->flat,
                                               simplify, page, why)
                : povatlas_render_units_to_page(
                      p, c->geom.geos, (const GEOSGeometry *const *)c->metres,
                      c->n, simplify, page, why);
    for (size_t i = 0; i < c->n; i++)
        c->units[i].page = page[i];
    g_free(page);
    if (failed) {
        const char *code = c->features[failed - 1].code;
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "cannot draw unit '%s' on the map: %s",
                                  code ? code : "?", why);
    }
    const povatlas_rect *f = &c->frame;
    for (size_t i = 0; i < c->n_context; i++) {
        GEOSGeometry *full =
            povatlas_render_proj_geom_to_page(p, &c->geom, c->ctx[i].lonlat);
        if (full == NULL)
            return povatlas_error_set(err, POVATLAS_E_GEOM,
                                      "cannot project a context layer");
        /* context layers reach far beyond the page: keep the frame only */
        c->ctx[i].page =
            GEOSClipByRect_r(c->geom.geos, full, f->x - 2, f->y - 2,
                             f->x + f->w + 2, f->y + f->h + 2);
        GEOSGeom_destroy_r(c->geom.geos, full);
    }
    reach_frame(c);
    return POVATLAS_OK;
}

/* ---- drawing ---------------------------------------------------------- */

static void draw_context(chor *c, povatlas_map_context_role role)
{
    cairo_t *cr = c->page.cr;
    const povatlas_render_style *s = &c->style;
    for (size_t i = 0; i < c->n_context; i++) {
        if (c->context[i].role != role || c->ctx[i].page == NULL)
            continue;
        cairo_new_path(cr);
        povatlas_render_path(cr, c->geom.geos, c->ctx[i].page);
        if (role == POVATLAS_CONTEXT_SEA) {
            povatlas_render_set_rgb(cr, s->sea_rgb);
            cairo_fill(cr);
        } else if (role == POVATLAS_CONTEXT_LAND) {
            povatlas_render_set_rgb(cr, s->land_rgb);
            cairo_fill_preserve(cr);
            povatlas_render_set_rgb(cr, s->land_border_rgb);
            cairo_set_line_width(cr, povatlas_render_pt(&c->page, 0.6));
            cairo_stroke(cr);
        } else {
            int coast = role == POVATLAS_CONTEXT_COASTLINE;
            povatlas_render_set_rgb(cr, coast ? s->coast_rgb : s->outline_rgb);
            cairo_set_line_width(
                cr, povatlas_render_pt(&c->page, coast ? s->coast_width_pt
                                                       : s->outline_width_pt));
            cairo_stroke(cr);
        }
    }
}

static void draw_units(chor *c)
{
    cairo_t *cr = c->page.cr;
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (size_t i = 0; i < c->n; i++) {
        cairo_new_path(cr);
        povatlas_render_path(cr, c->geom.geos, c->units[i].page);
        if (c->units[i].cls >= 0) {
            const povatlas_map_class *k = &c->classes[c->units[i].cls];
            povatlas_render_fill_pattern(&c->page, k->rgb, c->style.hatch_rgb,
                                         (int)k->fill);
        } else {
            povatlas_render_fill_hatched(&c->page, c->style.nodata_rgb,
                                         c->style.hatch_rgb);
        }
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    povatlas_render_set_rgb(cr, c->style.border_rgb);
    cairo_set_line_width(
        cr, povatlas_render_pt(&c->page, c->style.border_width_pt));
    for (size_t i = 0; i < c->n; i++) {
        cairo_new_path(cr);
        povatlas_render_path(cr, c->geom.geos, c->units[i].page);
        cairo_stroke(cr);
    }
}

static GEOSGeometry *polygon_without_small_holes(GEOSContextHandle_t h,
                                                 const GEOSGeometry *poly,
                                                 double min_area)
{
    int n = GEOSGetNumInteriorRings_r(h, poly);
    GEOSGeometry **holes = g_new0(GEOSGeometry *, n > 0 ? n : 1);
    unsigned int kept = 0;
    for (int i = 0; i < n; i++) {
        GEOSGeometry *ring =
            GEOSGeom_clone_r(h, GEOSGetInteriorRingN_r(h, poly, i));
        GEOSGeometry *p = GEOSGeom_createPolygon_r(h, ring, NULL, 0);
        double a = 0;
        if (p != NULL && GEOSArea_r(h, p, &a) && a >= min_area)
            holes[kept++] =
                GEOSGeom_clone_r(h, GEOSGetInteriorRingN_r(h, poly, i));
        if (p != NULL)
            GEOSGeom_destroy_r(h, p);
    }
    GEOSGeometry *shell = GEOSGeom_clone_r(h, GEOSGetExteriorRing_r(h, poly));
    GEOSGeometry *out = GEOSGeom_createPolygon_r(h, shell, holes, kept);
    g_free(holes);
    return out;
}

/* Holes in the union of all mapped units are gaps between them, not
 * places: only holes of at least @min_area survive. */
static GEOSGeometry *without_small_holes(GEOSContextHandle_t h,
                                         const GEOSGeometry *g, double min_area)
{
    int n = GEOSGetNumGeometries_r(h, g);
    GEOSGeometry **parts = g_new0(GEOSGeometry *, n > 0 ? n : 1);
    unsigned int k = 0;
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *p = GEOSGetGeometryN_r(h, g, i);
        if (GEOSGeomTypeId_r(h, p) == GEOS_POLYGON)
            parts[k++] = polygon_without_small_holes(h, p, min_area);
    }
    GEOSGeometry *out =
        GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts, k);
    g_free(parts);
    return out;
}

/* The mapped area as one polygon: the union of the units, closed by
 * a point or two so that digitising slivers between units vanish. */
static GEOSGeometry *units_union(chor *c)
{
    GEOSContextHandle_t h = c->geom.geos;
    GEOSGeometry **parts = g_new0(GEOSGeometry *, c->n);
    for (size_t i = 0; i < c->n; i++)
        parts[i] = GEOSGeom_clone_r(h, c->units[i].page);
    GEOSGeometry *all = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION,
                                                    parts, (unsigned int)c->n);
    g_free(parts);
    double d = povatlas_render_pt(&c->page, 1.5);
    GEOSGeometry *u = all ? GEOSUnaryUnion_r(h, all) : NULL;
    GEOSGeometry *grown = u ? GEOSBuffer_r(h, u, d, 4) : NULL;
    GEOSGeometry *closed = grown ? GEOSBuffer_r(h, grown, -d, 4) : NULL;
    double area = 0;
    GEOSGeometry *solid = closed && GEOSArea_r(h, closed, &area)
                              ? without_small_holes(h, closed, 0.005 * area)
                              : NULL;
    GEOSGeometry *tmp[] = {all, u, grown, closed};
    for (size_t i = 0; i < G_N_ELEMENTS(tmp); i++)
        if (tmp[i])
            GEOSGeom_destroy_r(h, tmp[i]);
    return solid;
}

static int has_outline_layer(const chor *c)
{
    for (size_t i = 0; i < c->n_context; i++)
        if (c->context[i].role == POVATLAS_CONTEXT_OUTLINE)
            return 1;
    return 0;
}

/* Slivers inside the mapped area take the border colour, so that they
 * read as borders rather than as gaps showing the land beneath. */
static void draw_units_base(chor *c, const GEOSGeometry *area)
{
    if (area == NULL)
        return;
    cairo_new_path(c->page.cr);
    povatlas_render_path(c->page.cr, c->geom.geos, area);
    povatlas_render_set_rgb(c->page.cr, c->style.border_rgb);
    cairo_fill(c->page.cr);
}

static void draw_units_outline(chor *c, const GEOSGeometry *area)
{
    if (area == NULL || has_outline_layer(c))
        return;
    cairo_t *cr = c->page.cr;
    cairo_new_path(cr);
    povatlas_render_path(cr, c->geom.geos, area);
    povatlas_render_set_rgb(cr, c->style.outline_rgb);
    cairo_set_line_width(
        cr, povatlas_render_pt(&c->page, c->style.outline_width_pt));
    cairo_stroke(cr);
}

static void add_obstacle(chor *c, double x, double y, double w, double h)
{
    povatlas_rect r = {x, y, w, h};
    g_array_append_val(c->obstacles, r);
}

/* Names of context areas ("Biển Đông") in italics where the area is
 * widest inside the map area. */
static void draw_context_labels(chor *c)
{
    GEOSContextHandle_t h = c->geom.geos;
    const povatlas_rect *a = &c->area;
    for (size_t i = 0; i < c->n_context; i++) {
        const char *text = c->context[i].label;
        if (text == NULL || !*text || c->ctx[i].page == NULL ||
            c->context[i].role != POVATLAS_CONTEXT_SEA)
            continue;
        GEOSGeometry *part = GEOSClipByRect_r(h, c->ctx[i].page, a->x, a->y,
                                              a->x + a->w, a->y + a->h);
        GEOSGeometry *mic =
            part ? GEOSMaximumInscribedCircle_r(h, part, 1.0) : NULL;
        GEOSGeometry *pt = mic ? GEOSGeomGetStartPoint_r(h, mic) : NULL;
        double x, y, w, th;
        if (pt != NULL && GEOSisEmpty_r(h, pt) == 0 &&
            GEOSGeomGetX_r(h, pt, &x) && GEOSGeomGetY_r(h, pt, &y)) {
            g_autoptr(PangoLayout) l =
                povatlas_render_text_new(&c->page, text, c->style.label_pt + 1,
                                         POVATLAS_RENDER_TEXT_ITALIC, 0);
            povatlas_render_text_size(l, &w, &th);
            povatlas_render_text_draw(&c->page, l, x - w / 2, y - th / 2,
                                      c->style.sea_text_rgb, 0);
            add_obstacle(c, x - w / 2, y - th / 2, w, th);
        }
        GEOSGeometry *tmp[] = {part, mic, pt};
        for (size_t k = 0; k < G_N_ELEMENTS(tmp); k++)
            if (tmp[k])
                GEOSGeom_destroy_r(h, tmp[k]);
    }
}

static void draw_symbols(chor *c)
{
    if (c->symbols == NULL || c->symbols->kind == POVATLAS_SYMBOLS_NONE)
        return;
    const GEOSGeometry **shapes = g_new0(const GEOSGeometry *, c->n);
    for (size_t i = 0; i < c->n; i++)
        shapes[i] = c->units[i].page;
    povatlas_symbols_draw(&c->page, &c->geom, c->symbols, c->features, shapes,
                          c->n, c->layout);
    g_free(shapes);
}

static void draw_map_body(chor *c)
{
    cairo_t *cr = c->page.cr;
    const povatlas_rect *f = &c->frame;
    cairo_save(cr);
    cairo_rectangle(cr, f->x, f->y, f->w, f->h);
    cairo_clip(cr);
    draw_context(c, POVATLAS_CONTEXT_SEA);
    draw_context(c, POVATLAS_CONTEXT_LAND);
    /* the union of a province's or the country's units costs seconds and
     * draws a line nobody can tell from the units' own borders */
    GEOSGeometry *area = c->n > SIMPLIFY_ABOVE_UNITS ? NULL : units_union(c);
    draw_units_base(c, area);
    draw_units(c);
    draw_context(c, POVATLAS_CONTEXT_COASTLINE);
    draw_context(c, POVATLAS_CONTEXT_OUTLINE);
    draw_units_outline(c, area);
    if (area != NULL)
        GEOSGeom_destroy_r(c->geom.geos, area);
    draw_symbols(c);
    draw_context_labels(c);
    cairo_restore(cr);
    cairo_rectangle(cr, f->x, f->y, f->w, f->h);
    povatlas_render_set_rgb(cr, c->style.frame_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(&c->page, 0.6));
    cairo_stroke(cr);
}

static GEOSGeometry *context_on_page(chor *c, size_t i)
{
    return povatlas_render_proj_geom_to_page(&c->layout->proj, &c->geom,
                                             c->ctx[i].lonlat);
}

/* The city (outline layer) in its province (land layers) in a small box:
 * in @room when it fits there, else in the top left corner of the map. */
static void draw_locator(chor *c, const povatlas_rect *room)
{
    GPtrArray *land = g_ptr_array_new();
    GPtrArray *sea = g_ptr_array_new();
    GEOSGeometry *city = NULL;
    for (size_t i = 0; i < c->n_context; i++) {
        if (c->context[i].role == POVATLAS_CONTEXT_LAND)
            g_ptr_array_add(land, context_on_page(c, i));
        else if (c->context[i].role == POVATLAS_CONTEXT_SEA)
            g_ptr_array_add(sea, context_on_page(c, i));
        else if (c->context[i].role == POVATLAS_CONTEXT_OUTLINE && !city)
            city = context_on_page(c, i);
    }
    if (city != NULL && land->len > 0) {
        g_ptr_array_add(land, city);
        double aspect = povatlas_render_inset_aspect(
            &c->geom, (const GEOSGeometry *const *)land->pdata, land->len);
        double min = povatlas_render_pt(&c->page, 70.0);
        double side = povatlas_render_pt(&c->page, 95.0);
        povatlas_rect box = {0, 0, side * fmin(aspect, 1.0),
                             side / fmax(aspect, 1.0)};
        if (room->w >= min && room->h >= min) {
            double k = fmin(1.0, fmin(room->w / box.w, room->h / box.h));
            box.w *= k;
            box.h *= k;
            box.x = room->x + room->w - box.w;
            box.y = room->y;
        } else {
            box.x = c->area.x;
            box.y = c->area.y;
        }
        povatlas_render_inset(
            &c->page, &c->geom, (const GEOSGeometry *const *)land->pdata,
            land->len - 1, (const GEOSGeometry *const *)sea->pdata, sea->len,
            city, &box);
        add_obstacle(c, box.x, box.y, box.w, box.h);
    }
    for (guint i = 0; i < land->len; i++)
        if (land->pdata[i])
            GEOSGeom_destroy_r(c->geom.geos, land->pdata[i]);
    for (guint i = 0; i < sea->len; i++)
        if (sea->pdata[i])
            GEOSGeom_destroy_r(c->geom.geos, sea->pdata[i]);
    g_ptr_array_unref(land);
    g_ptr_array_unref(sea);
}

/* Legend at the top of a right panel or the left of a bottom panel; scale
 * bar and north arrow in the panel's bottom right corner. */
static void draw_panel(chor *c)
{
    furniture_sizes fs;
    furniture_sizes_get(c, &fs);
    const povatlas_rect *p = &c->panel;
    int right = p->h >= c->frame.h - 1;
    double lx = right ? p->x + p->w - fs.inset - fs.legend_w : p->x + fs.inset;
    double ly = right ? p->y + fs.inset : p->y + p->h - fs.inset - fs.legend_h;
    /* a legend nearly as tall as the frame keeps less air above it
     * rather than running past the frame's foot */
    if (right && ly + fs.legend_h > p->y + p->h)
        ly = fmax(p->y, p->y + p->h - fs.legend_h);
    povatlas_legend_draw(&c->page, &c->legend, lx, ly);
    c->layout->grid_n = c->legend.grid_n;
    memcpy(c->layout->grid_cell, c->legend.grid_cell,
           sizeof(c->layout->grid_cell));
    add_obstacle(c, lx, ly, fs.legend_w, fs.legend_h);
    c->layout->legend[0] = lx;
    c->layout->legend[1] = ly;
    c->layout->legend[2] = fs.legend_w;
    c->layout->legend[3] = fs.legend_h;

    double cx = p->x + p->w - fs.inset, cy = p->y + p->h - fs.inset;
    double m_per_px = povatlas_render_proj_ground_m_per_px(
        &c->layout->proj, c->area.x + c->area.w / 2, c->area.y + c->area.h / 2);
    double sw, sh;
    povatlas_furniture_scalebar(&c->page, m_per_px, fs.scale_max_w, 0, 0, 0,
                                &sw, &sh);
    /* a right panel too short for the legend, the north arrow and the
     * scale bar one above the other (a tall legend on a wide slide): the
     * arrow and the bar go to the map's bottom left corner instead of
     * over the legend */
    double north_top =
        cy - sh - povatlas_render_pt(&c->page, 8.0) - 1.5 * fs.north_h;
    if (right && north_top < ly + fs.legend_h + fs.inset) {
        cx = c->area.x + fs.inset + fmax(sw, fs.north_h);
        cy = c->area.y + c->area.h - fs.inset;
    }
    double metres = povatlas_furniture_scalebar(
        &c->page, m_per_px, fs.scale_max_w, cx - sw, cy - sh, 1, &sw, &sh);
    c->layout->scalebar_m = metres;
    c->layout->scalebar_px = metres / m_per_px;
    add_obstacle(c, cx - sw, cy - sh, sw, sh);
    double nh = fs.north_h, ncx = cx - sw / 2;
    double ncy = cy - sh - povatlas_render_pt(&c->page, 8.0) - nh / 2;
    double angle = povatlas_render_proj_north_angle(&c->layout->proj, ncx, ncy);
    povatlas_furniture_north(&c->page, ncx, ncy, nh, angle);
    add_obstacle(c, ncx - nh / 2, ncy - nh, nh, 1.5 * nh);
    if (c->opts->locator_inset) {
        povatlas_rect free_r =
            right
                ? (povatlas_rect){p->x + fs.inset, ly + fs.legend_h + fs.inset,
                                  p->w - 2 * fs.inset,
                                  ncy - nh - (ly + fs.legend_h) - 2 * fs.inset}
                : (povatlas_rect){lx + fs.legend_w + fs.inset, p->y + fs.inset,
                                  cx - sw - nh - (lx + fs.legend_w) -
                                      3 * fs.inset,
                                  p->h - 2 * fs.inset};
        draw_locator(c, &free_r);
    }
}

/* The ward name, and under it the value when the caller gives one. A map
 * of a province or the country (more than SIMPLIFY_ABOVE_UNITS units)
 * carries no unit names: thousands of names and leader lines bury the
 * colours a reader came for. */
static void draw_labels(chor *c)
{
    if (c->n > SIMPLIFY_ABOVE_UNITS)
        return;
    povatlas_label_request *req = g_new0(povatlas_label_request, c->n);
    GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < c->n; i++) {
        const povatlas_map_feature *f = &c->features[i];
        char *t = f->value_text && *f->value_text
                      ? g_strdup_printf("%s\n%s", f->label ? f->label : "",
                                        f->value_text)
                      : g_strdup(f->label);
        g_ptr_array_add(texts, t);
        req[i].text = t;
        req[i].shape = c->units[i].page;
    }
    povatlas_labels_place(&c->page, &c->geom, req, c->n, &c->frame,
                          (const povatlas_rect *)c->obstacles->data,
                          c->obstacles->len, c->layout->labels);
    g_ptr_array_unref(texts);
    g_free(req);
}

static void draw_page(chor *c)
{
    cairo_t *cr = c->page.cr;
    povatlas_render_set_rgb(cr, c->style.page_rgb);
    cairo_paint(cr);
    draw_map_body(c);
    draw_panel(c);
    draw_labels(c);
    double band = povatlas_furniture_banner(&c->page, c->opts->banner, 1);
    povatlas_furniture_titles(&c->page, band, c->opts->title, c->opts->subtitle,
                              1);
    g_autofree char *crs =
        povatlas_furniture_crs_text(c->layout->proj.epsg, c->lang);
    povatlas_furniture_notes(&c->page, c->opts->source_note,
                             c->opts->boundary_note, crs, 1);
}

/* ---- the entry point -------------------------------------------------- */

static povatlas_status prepare(chor *c, povatlas_error **err)
{
    povatlas_status st = povatlas_render_style_load(
        &c->style, c->opts->style_path, c->opts->ramp, 1, err);
    if (st == POVATLAS_OK)
        st = povatlas_render_geom_init(&c->geom, err);
    bbox ll;
    if (st == POVATLAS_OK)
        st = read_units(c, &ll, err);
    if (st != POVATLAS_OK)
        return st;
    if (!(isfinite(ll.x0) && ll.x1 >= ll.x0))
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "cannot find the extent of the units");
    if (ll.x0 < -180 || ll.x1 > 180 || ll.y0 < -90 || ll.y1 > 90)
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "unit coordinates are not lon/lat degrees");
    return povatlas_render_proj_init(&c->layout->proj, ll.x0, ll.y0, ll.x1,
                                     ll.y1, err);
}

static povatlas_status render_to(chor *c, cairo_t *cr, povatlas_error **err)
{
    povatlas_render_page_init(&c->page, cr, c->opts->width_px,
                              c->opts->height_px, c->opts->dpi, &c->style,
                              c->lang);
    c->page.texts = c->layout->texts;
    build_legend(c);
    /* projected once: the extent sets the page transform, which then
     * takes the same metres to the page */
    double e[4];
    size_t failed;
    if (c->flat != NULL) {
        failed = povatlas_render_flat_to_metres(&c->layout->proj, c->flat, e);
    } else {
        const GEOSGeometry **lonlat = g_new0(const GEOSGeometry *, c->n);
        for (size_t i = 0; i < c->n; i++)
            lonlat[i] = c->units[i].lonlat;
        c->metres = g_new0(GEOSGeometry *, c->n);
        failed = povatlas_render_units_to_metres(&c->layout->proj, c->geom.geos,
                                                 lonlat, c->n, c->metres, e);
        g_free(lonlat);
    }
    if (failed || !(isfinite(e[0]) && e[2] >= e[0]))
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "cannot project the units");
    bbox ext = {e[0], e[1], e[2], e[3]};
    povatlas_status st = layout_page(c, &ext, err);
    if (st == POVATLAS_OK)
        st = project_all(c, err);
    /* the page copies are what is drawn */
    for (size_t i = 0; c->metres && i < c->n; i++)
        GEOSGeom_destroy_r(c->geom.geos, c->metres[i]);
    g_free(g_steal_pointer(&c->metres));
    povatlas_render_flat_free(g_steal_pointer(&c->flat));
    if (st != POVATLAS_OK)
        return st;
    c->obstacles = g_array_new(FALSE, FALSE, sizeof(povatlas_rect));
    draw_page(c);
    return POVATLAS_OK;
}

static void fill_layout(chor *c)
{
    povatlas_map_layout *l = c->layout;
    l->n_classes = c->n_classes;
    for (int i = 0; i < c->n_classes; i++)
        l->class_rgb[i] = c->classes[i].rgb;
    l->frame_x = c->frame.x;
    l->frame_y = c->frame.y;
    l->frame_w = c->frame.w;
    l->frame_h = c->frame.h;
}

static void chor_init(chor *c, const povatlas_render_map_args *a)
{
    memset(c, 0, sizeof(*c));
    c->features = a->features;
    c->n = a->n;
    c->context = a->context;
    c->n_context = a->context ? a->n_context : 0;
    c->classes = a->classes;
    c->n_classes = a->n_classes;
    c->feature_class = a->feature_class;
    c->symbols = a->symbols;
    c->opts = a->opts;
    c->lang = (a->opts->lang && strcmp(a->opts->lang, "en") == 0) ? "en" : "vi";
    c->layout = povatlas_map_layout_new();
}

povatlas_status povatlas_render_map_draw(const povatlas_render_map_args *a,
                                         cairo_t *cr,
                                         povatlas_map_layout **layout,
                                         povatlas_error **err)
{
    povatlas_status st = check_args(a, err);
    if (st != POVATLAS_OK)
        return st;
    chor c;
    chor_init(&c, a);
    st = prepare(&c, err);
    if (st == POVATLAS_OK) {
        cairo_save(cr);
        st = render_to(&c, cr, err);
        cairo_restore(cr);
        povatlas_render_page_clear(&c.page);
    }
    if (st == POVATLAS_OK) {
        fill_layout(&c);
        for (guint i = 0; a->texts && i < c.layout->texts->len; i++) {
            povatlas_label_box b =
                g_array_index(c.layout->texts, povatlas_label_box, i);
            b.text = g_strdup(b.text);
            g_array_append_val(a->texts, b);
        }
        if (layout != NULL)
            *layout = g_steal_pointer(&c.layout);
    }
    chor_clear(&c);
    return st;
}

/* Draws @a into a new file at @path (temporary name until complete). */
static povatlas_status render_file(const povatlas_render_map_args *a,
                                   const char *path,
                                   povatlas_map_layout **layout,
                                   povatlas_error **err)
{
    povatlas_status st = check_args(a, err);
    if (st != POVATLAS_OK)
        return st;
    povatlas_render_target t = {0};
    st = povatlas_render_target_open(&t, path, a->opts->width_px,
                                     a->opts->height_px, a->opts->dpi, err);
    if (st != POVATLAS_OK)
        return st;
    st = povatlas_render_map_draw(a, t.cr, layout, err);
    if (st == POVATLAS_OK)
        st = povatlas_render_target_commit(&t, err);
    else
        povatlas_render_target_abort(&t);
    if (st != POVATLAS_OK && layout != NULL) {
        povatlas_map_layout_free(*layout);
        *layout = NULL;
    }
    return st;
}

povatlas_status povatlas_map_render_classes(
    const povatlas_map_feature *features, size_t n,
    const povatlas_map_context *context, size_t n_context,
    const povatlas_map_class *classes, int n_classes, const int *feature_class,
    const povatlas_map_symbols *symbols, const povatlas_map_opts *opts,
    const char *path, povatlas_map_layout **layout, povatlas_error **err)
{
    povatlas_render_map_args a = {features, n,         context,       n_context,
                                  classes,  n_classes, feature_class, symbols,
                                  opts,     NULL};
    return render_file(&a, path, layout, err);
}

povatlas_status povatlas_map_render_choropleth(
    const povatlas_map_feature *features, size_t n,
    const povatlas_map_context *context, size_t n_context,
    const povatlas_breaks *breaks, const povatlas_map_opts *opts,
    const char *path, povatlas_map_layout **layout, povatlas_error **err)
{
    povatlas_status st = check_breaks(breaks, err);
    if (st != POVATLAS_OK || features == NULL || opts == NULL)
        return st ? st
                  : povatlas_error_set(err, POVATLAS_E_USAGE,
                                       "no units to map");
    povatlas_render_style style;
    st = povatlas_render_style_load(&style, opts->style_path, opts->ramp,
                                    breaks->n_classes, err);
    if (st != POVATLAS_OK)
        return st;
    g_auto(GStrv) labels = povatlas_legend_class_labels(
        breaks, opts->value_decimals, opts->value_suffix, opts->lang);
    povatlas_map_class classes[POVATLAS_RENDER_MAX_CLASSES];
    for (int i = 0; i < breaks->n_classes; i++)
        classes[i] = (povatlas_map_class){style.ramp_rgb[i],
                                          POVATLAS_FILL_SOLID, labels[i]};
    int *cls = g_new0(int, n + 1);
    for (size_t i = 0; i < n && st == POVATLAS_OK; i++) {
        cls[i] =
            features[i].has_value ? class_of(breaks, features[i].value) : -1;
        if (features[i].has_value && cls[i] < 0)
            st = povatlas_error_set(
                err, POVATLAS_E_INPUT,
                "value %g of unit '%s' is outside the class limits",
                features[i].value, features[i].code ? features[i].code : "?");
    }
    povatlas_map_opts o = *opts;
    if (o.legend_note == NULL)
        o.legend_note = breaks->note;
    povatlas_render_map_args a = {
        features,          n,   context, n_context, classes,
        breaks->n_classes, cls, NULL,    &o,        NULL};
    if (st == POVATLAS_OK)
        st = render_file(&a, path, layout, err);
    g_free(cls);
    povatlas_render_style_clear(&style);
    return st;
}
