/*
 * map_shapes.c - the units of a year as SVG path data, for maps drawn by
 * a browser (the HTML briefing): projected to the UTM zone of their
 * extent as the drawn maps are, fitted into a box, optionally simplified
 * with GEOS, with the sea and neighbouring land clipped to the box. It
 * draws nothing and classes nothing.
 */
#include <math.h>

#include "core/fault.h"
#include "povatlas/workspace.h"
#include "render/render_private.h"

void povatlas_map_shapes_free(povatlas_map_shapes *s)
{
    if (s == NULL)
        return;
    g_strfreev(s->codes);
    g_strfreev(s->names);
    g_strfreev(s->path_d);
    g_free(s->label_x);
    g_free(s->label_y);
    g_free(s->label_r);
    g_free(s->context_role);
    g_strfreev(s->context_d);
    g_free(s);
}

/* Projected metres (x east, y south: page orientation) -> box pixels. */
typedef struct affine {
    double x0, y0, scale;
} affine;

/* @v tenths of a pixel as the shortest SVG number: 12, 1.5, .5, -.5. */
static void add_tenths(GString *d, long v)
{
    if (v < 0) {
        g_string_append_c(d, '-');
        v = -v;
    }
    if (v % 10 == 0)
        g_string_append_printf(d, "%ld", v / 10);
    else if (v < 10)
        g_string_append_printf(d, ".%ld", v);
    else
        g_string_append_printf(d, "%ld.%ld", v / 10, v % 10);
}

/* Two numbers of a path, with a space before each unless a minus sign
 * or the command letter before (@after_command) separates it already. */
static void add_pair(GString *d, long x, long y, int after_command)
{
    if (x >= 0 && !after_command)
        g_string_append_c(d, ' ');
    add_tenths(d, x);
    if (y >= 0)
        g_string_append_c(d, ' ');
    add_tenths(d, y);
}

/* A ring as "Mx y l dx dy dx dy ... Z": the start in box pixels, then
 * each vertex relative to the one before, to a tenth of a pixel (the
 * deltas are taken between rounded points, so the errors do not add
 * up); a vertex that rounds onto the one before is left out. A country
 * of 10,600 communes takes half the bytes of absolute "L x y". */
static void add_ring(GString *d, GEOSContextHandle_t h, const GEOSGeometry *r,
                     const affine *a, int close)
{
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, r);
    unsigned int n = 0;
    if (seq == NULL || !GEOSCoordSeq_getSize_r(h, seq, &n) || n < 2)
        return;
    long px = 0, py = 0, sx = 0, sy = 0;
    int lineto = 0; /* the "l" written */
    for (unsigned int i = 0; i < n; i++) {
        double x, y;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        long tx = lround((x - a->x0) * a->scale * 10),
             ty = lround((y - a->y0) * a->scale * 10);
        if (i == 0) {
            g_string_append_c(d, 'M');
            add_pair(d, tx, ty, 1);
            sx = tx;
            sy = ty;
        } else if (close && i == n - 1 && tx == sx && ty == sy) {
            break; /* "Z" draws the closing edge */
        } else if (tx != px || ty != py) {
            if (!lineto)
                g_string_append_c(d, 'l');
            add_pair(d, tx - px, ty - py, !lineto);
            lineto = 1;
        }
        px = tx;
        py = ty;
    }
    if (close)
        g_string_append_c(d, 'Z');
}

static void add_geom(GString *d, GEOSContextHandle_t h, const GEOSGeometry *g,
                     const affine *a)
{
    switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POLYGON:
        add_ring(d, h, GEOSGetExteriorRing_r(h, g), a, 1);
        for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); i++)
            add_ring(d, h, GEOSGetInteriorRingN_r(h, g, i), a, 1);
        break;
    case GEOS_LINESTRING:
        add_ring(d, h, g, a, 0);
        break;
    case GEOS_LINEARRING:
        add_ring(d, h, g, a, 1);
        break;
    case GEOS_MULTIPOLYGON:
    case GEOS_MULTILINESTRING:
    case GEOS_GEOMETRYCOLLECTION:
        for (int i = 0; i < GEOSGetNumGeometries_r(h, g); i++)
            add_geom(d, h, GEOSGetGeometryN_r(h, g, i), a);
        break;
    default:
        break;
    }
}

static char *path_d(GEOSContextHandle_t h, const GEOSGeometry *g,
                    const affine *a)
{
    GString *d = g_string_new(NULL);
    add_geom(d, h, g, a);
    return g_string_free(d, FALSE);
}

/* Where a label of unit @i goes: the centre of the largest circle inside
 * the unit (the pole of inaccessibility, as labels.c places map labels),
 * so that a name sits inside its ward however the ward is shaped. */
static void label_point(povatlas_map_shapes *out, size_t i,
                        GEOSContextHandle_t h, const GEOSGeometry *g,
                        const affine *a)
{
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    GEOSGeom_getXMin_r(h, g, &x0);
    GEOSGeom_getYMin_r(h, g, &y0);
    GEOSGeom_getXMax_r(h, g, &x1);
    GEOSGeom_getYMax_r(h, g, &y1);
    double tol = fmax(fmax(x1 - x0, y1 - y0) / 200.0, 0.01);
    GEOSGeometry *c = GEOSMaximumInscribedCircle_r(h, g, tol);
    const GEOSCoordSequence *seq = c ? GEOSGeom_getCoordSeq_r(h, c) : NULL;
    double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1), bx = cx, by = cy;
    if (seq) {
        GEOSCoordSeq_getXY_r(h, seq, 0, &cx, &cy);
        GEOSCoordSeq_getXY_r(h, seq, 1, &bx, &by);
    }
    out->label_x[i] = (cx - a->x0) * a->scale;
    out->label_y[i] = (cy - a->y0) * a->scale;
    out->label_r[i] = hypot(bx - cx, by - cy) * a->scale;
    if (c)
        GEOSGeom_destroy_r(h, c);
}

/* Reads @wkb and projects it to metres with y pointing south; NULL with
 * @err set when it cannot be read or projected. */
static GEOSGeometry *projected(povatlas_render_geom *g,
                               const povatlas_render_proj *p,
                               const unsigned char *wkb, size_t size,
                               const char *what, povatlas_error **err)
{
    GEOSGeometry *ll = povatlas_render_geom_read(g, wkb, size, what, err);
    if (ll == NULL)
        return NULL;
    GEOSGeometry *m = povatlas_render_proj_geom_to_page(p, g, ll);
    GEOSGeom_destroy_r(g->geos, ll);
    if (m == NULL)
        povatlas_error_set(err, POVATLAS_E_GEOM, "cannot project %s", what);
    return m;
}

static void grow(double *box, GEOSContextHandle_t h, const GEOSGeometry *g)
{
    double x0, y0, x1, y1;
    if (GEOSGeom_getXMin_r(h, g, &x0) && GEOSGeom_getYMin_r(h, g, &y0) &&
        GEOSGeom_getXMax_r(h, g, &x1) && GEOSGeom_getYMax_r(h, g, &y1)) {
        box[0] = fmin(box[0], x0);
        box[1] = fmin(box[1], y0);
        box[2] = fmax(box[2], x1);
        box[3] = fmax(box[3], y1);
    }
}

/* The lon/lat extent of the units, for the UTM zone. */
static povatlas_status lonlat_extent(povatlas_render_geom *g,
                                     const povatlas_unit_list *u, double *box,
                                     povatlas_error **err)
{
    box[0] = box[1] = INFINITY;
    box[2] = box[3] = -INFINITY;
    for (size_t i = 0; i < u->n; i++) {
        povatlas_error *why = NULL;
        GEOSGeometry *ll = povatlas_render_geom_read(
            g, u->rows[i].wkb, u->rows[i].wkb_size, u->rows[i].code, &why);
        if (ll == NULL)
            return povatlas_error_propagate_or(err, why, POVATLAS_E_GEOM);
        grow(box, g->geos, ll);
        GEOSGeom_destroy_r(g->geos, ll);
    }
    return POVATLAS_OK;
}

typedef struct shapes_job {
    povatlas_render_geom g;
    povatlas_render_proj p;
    GEOSGeometry **units; /* metres, y south */
    size_t n;
} shapes_job;

static povatlas_status project_units(shapes_job *s, const povatlas_unit_list *u,
                                     double simplify_m, double *box,
                                     povatlas_error **err)
{
    box[0] = box[1] = INFINITY;
    box[2] = box[3] = -INFINITY;
    s->units = g_new0(GEOSGeometry *, u->n + 1);
    s->n = u->n;
    for (size_t i = 0; i < u->n; i++) {
        povatlas_error *why = NULL;
        GEOSGeometry *m = projected(&s->g, &s->p, u->rows[i].wkb,
                                    u->rows[i].wkb_size, u->rows[i].code, &why);
        if (m == NULL)
            return povatlas_error_propagate_or(err, why, POVATLAS_E_GEOM);
        if (simplify_m > 0) {
            g_string_truncate(s->g.geos_message, 0);
            GEOSGeometry *t =
                povatlas_fault_hit(POVATLAS_FAULT_GEOS)
                    ? NULL
                    : GEOSTopologyPreserveSimplify_r(s->g.geos, m, simplify_m);
            GEOSGeom_destroy_r(s->g.geos, m);
            if (t == NULL) {
                const char *said = s->g.geos_message->str;
                return povatlas_error_set(
                    err, POVATLAS_E_GEOM,
                    "cannot simplify unit '%s' to %g m: %s", u->rows[i].code,
                    simplify_m, said[0] ? said : "GEOS failed");
            }
            m = t;
        }
        s->units[i] = m;
        grow(box, s->g.geos, m);
    }
    return POVATLAS_OK;
}

static povatlas_status add_context(povatlas_map_shapes *out, shapes_job *s,
                                   povatlas_workspace *ws, const double *box,
                                   const affine *a, povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_context_list *ctx = povatlas_workspace_context(ws, &why);
    if (ctx == NULL)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    out->context_role = g_new0(int, ctx->n + 1);
    out->context_d = g_new0(char *, ctx->n + 1);
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < ctx->n; i++) {
        GEOSGeometry *m =
            projected(&s->g, &s->p, ctx->rows[i].wkb, ctx->rows[i].wkb_size,
                      "a context layer", &why);
        if (m == NULL) {
            st = povatlas_error_propagate_or(err, why, POVATLAS_E_GEOM);
            break;
        }
        /* context layers reach far beyond the city: keep the box only */
        GEOSGeometry *c =
            GEOSClipByRect_r(s->g.geos, m, box[0], box[1], box[2], box[3]);
        GEOSGeom_destroy_r(s->g.geos, m);
        const char *role = ctx->rows[i].role;
        out->context_role[out->n_context] =
            g_strcmp0(role, "sea") == 0         ? POVATLAS_CONTEXT_SEA
            : g_strcmp0(role, "land") == 0      ? POVATLAS_CONTEXT_LAND
            : g_strcmp0(role, "coastline") == 0 ? POVATLAS_CONTEXT_COASTLINE
                                                : POVATLAS_CONTEXT_OUTLINE;
        out->context_d[out->n_context++] =
            c ? path_d(s->g.geos, c, a) : g_strdup("");
        if (c)
            GEOSGeom_destroy_r(s->g.geos, c);
    }
    povatlas_context_list_free(ctx);
    return st;
}

static povatlas_status make_shapes(povatlas_map_shapes *out, shapes_job *s,
                                   povatlas_workspace *ws,
                                   const povatlas_unit_list *u, double width_px,
                                   double simplify_m, povatlas_error **err)
{
    double ll[4], box[4];
    povatlas_status st = lonlat_extent(&s->g, u, ll, err);
    if (!st)
        st = povatlas_render_proj_init(&s->p, ll[0], ll[1], ll[2], ll[3], err);
    if (st)
        return st;
    /* metres with y pointing south: the page's orientation at scale 1 */
    s->p.scale = 1;
    s->p.e0 = s->p.n0 = s->p.x0 = s->p.y0 = 0;
    st = project_units(s, u, simplify_m, box, err);
    if (st)
        return st;
    double pad = 0.03 * fmax(box[2] - box[0], box[3] - box[1]);
    box[0] -= pad;
    box[1] -= pad;
    box[2] += pad;
    box[3] += pad;
    affine a = {box[0], box[1], width_px / fmax(box[2] - box[0], 1.0)};
    out->width = width_px;
    out->height = ceil((box[3] - box[1]) * a.scale);
    out->n = u->n;
    out->codes = g_new0(char *, u->n + 1);
    out->names = g_new0(char *, u->n + 1);
    out->path_d = g_new0(char *, u->n + 1);
    out->label_x = g_new0(double, u->n + 1);
    out->label_y = g_new0(double, u->n + 1);
    out->label_r = g_new0(double, u->n + 1);
    out->m_per_px = 1.0 / a.scale;
    for (size_t i = 0; i < u->n; i++) {
        out->codes[i] = g_strdup(u->rows[i].code);
        out->names[i] = g_strdup(u->rows[i].name);
        out->path_d[i] = path_d(s->g.geos, s->units[i], &a);
        label_point(out, i, s->g.geos, s->units[i], &a);
    }
    return add_context(out, s, ws, box, &a, err);
}

povatlas_map_shapes *povatlas_map_shapes_new(povatlas_workspace *ws, int year,
                                             double width_px, double simplify_m,
                                             povatlas_error **err)
{
    povatlas_status st =
        year ? POVATLAS_OK : povatlas_workspace_latest_year(ws, &year, err);
    if (st)
        return NULL;
    if (!(width_px >= 16 && width_px <= 100000) || !(simplify_m >= 0)) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "map width or simplification out of range");
        return NULL;
    }
    povatlas_unit_list *u = povatlas_workspace_units(ws, year, err);
    if (u == NULL)
        return NULL;
    size_t with_geom = 0;
    for (size_t i = 0; i < u->n; i++)
        with_geom += u->rows[i].wkb != NULL;
    if (with_geom != u->n || u->n == 0) {
        povatlas_unit_list_free(u);
        povatlas_workspace_require(
            ws, year, POVATLAS_INPUT_UNITS | POVATLAS_INPUT_BOUNDARIES, err);
        if (err && *err == NULL)
            povatlas_error_set(err, POVATLAS_E_INPUT,
                               "no units with boundaries for %d", year);
        return NULL;
    }
    shapes_job s = {0};
    povatlas_map_shapes *out = g_new0(povatlas_map_shapes, 1);
    st = povatlas_render_geom_init(&s.g, err);
    if (!st)
        st = make_shapes(out, &s, ws, u, width_px, simplify_m, err);
    for (size_t i = 0; i < s.n; i++)
        if (s.units[i])
            GEOSGeom_destroy_r(s.g.geos, s.units[i]);
    g_free(s.units);
    povatlas_render_proj_clear(&s.p);
    povatlas_render_geom_clear(&s.g);
    povatlas_unit_list_free(u);
    if (st) {
        povatlas_map_shapes_free(out);
        return NULL;
    }
    return out;
}
