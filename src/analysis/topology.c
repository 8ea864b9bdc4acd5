/*
 * topology.c - overlaps and gaps between unit polygons, measured in the UTM
 * zone of the units' centre. Candidate pairs come from a GEOS STRtree over
 * envelopes grown by the tolerance; each is measured exactly (distance,
 * intersection area). Gaps inside the city are the holes of the union.
 */
#include <math.h>
#include <string.h>

#include <geos_c.h>
#include <proj.h>

#include <glib.h>

#include "core/proj_errors.h"
#include "core/utm.h"
#include "povatlas/topology.h"

typedef struct topo_ctx {
    GEOSContextHandle_t g;
    PJ_CONTEXT *pj_ctx;
    PJ *pj;
    proj_errors *pj_errors; /* PROJ's messages, never printed */
    GPtrArray *geoms;       /* GEOSGeometry *, metric, owned */
    povatlas_unit_list *units;
    GArray *pairs; /* povatlas_unit_pair */
    double tolerance;
} topo_ctx;

static void geos_quiet(const char *fmt, ...) { (void)fmt; }

static int to_metric(double *x, double *y, void *data)
{
    PJ_COORD c = proj_trans(data, PJ_FWD, proj_coord(*x, *y, 0, 0));
    *x = c.xy.x;
    *y = c.xy.y;
    return isfinite(*x) && isfinite(*y);
}

/* The centre of all units' extents, for the UTM zone. */
static void centre(topo_ctx *c, GPtrArray *lonlat, double *lon, double *lat)
{
    double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE,
           y1 = -G_MAXDOUBLE;
    for (guint i = 0; i < lonlat->len; i++) {
        double a, b, d, e;
        GEOSGeom_getXMin_r(c->g, g_ptr_array_index(lonlat, i), &a);
        GEOSGeom_getYMin_r(c->g, g_ptr_array_index(lonlat, i), &b);
        GEOSGeom_getXMax_r(c->g, g_ptr_array_index(lonlat, i), &d);
        GEOSGeom_getYMax_r(c->g, g_ptr_array_index(lonlat, i), &e);
        x0 = MIN(x0, a), y0 = MIN(y0, b), x1 = MAX(x1, d), y1 = MAX(y1, e);
    }
    *lon = (x0 + x1) / 2;
    *lat = (y0 + y1) / 2;
}

static povatlas_status load_geoms(topo_ctx *c, povatlas_topology *t,
                                  povatlas_error **err)
{
    GEOSWKBReader *rd = GEOSWKBReader_create_r(c->g);
    g_autoptr(GPtrArray) lonlat = g_ptr_array_new();
    for (size_t i = 0; i < c->units->n; i++) {
        const povatlas_unit_row *u = &c->units->rows[i];
        GEOSGeometry *g =
            u->wkb ? GEOSWKBReader_read_r(c->g, rd, u->wkb, u->wkb_size) : NULL;
        g_ptr_array_add(lonlat, g);
    }
    GEOSWKBReader_destroy_r(c->g, rd);
    povatlas_status st = POVATLAS_OK;
    g_autoptr(GPtrArray) present = g_ptr_array_new();
    for (guint i = 0; i < lonlat->len; i++)
        if (g_ptr_array_index(lonlat, i))
            g_ptr_array_add(present, g_ptr_array_index(lonlat, i));
    if (present->len == 0) {
        st = povatlas_error_set(err, POVATLAS_E_INPUT,
                                "no unit of %d has a boundary", t->year);
    } else {
        double lon, lat;
        centre(c, present, &lon, &lat);
        t->crs = utm_zone_crs(lon, lat);
        PJ *raw = proj_create_crs_to_crs(c->pj_ctx, "EPSG:4326", t->crs, NULL);
        c->pj = raw ? proj_normalize_for_visualization(c->pj_ctx, raw) : NULL;
        proj_destroy(raw);
        /* without it every unit would be measured as empty: 0 km² */
        if (!c->pj)
            st = povatlas_error_set(
                err, POVATLAS_E_GEOM, "cannot set up the projection to %s: %s",
                t->crs, proj_errors_why(c->pj_errors, c->pj_ctx));
    }
    for (guint i = 0; i < lonlat->len; i++) {
        GEOSGeometry *g = g_ptr_array_index(lonlat, i);
        GEOSGeometry *m =
            g && c->pj ? GEOSGeom_transformXY_r(c->g, g, to_metric, c->pj)
                       : NULL;
        g_ptr_array_add(c->geoms, m);
        if (g)
            GEOSGeom_destroy_r(c->g, g);
    }
    return st;
}

typedef struct query_ctx {
    topo_ctx *c;
    size_t i;
} query_ctx;

static void on_candidate(void *item, void *data)
{
    query_ctx *q = data;
    size_t j = GPOINTER_TO_SIZE(item) - 1;
    if (j <= q->i)
        return; /* each pair once */
    topo_ctx *c = q->c;
    const GEOSGeometry *a = g_ptr_array_index(c->geoms, q->i);
    const GEOSGeometry *b = g_ptr_array_index(c->geoms, j);
    double d = 0, area = 0;
    GEOSDistance_r(c->g, a, b, &d);
    if (d > c->tolerance)
        return;
    if (d == 0) {
        GEOSGeometry *x = GEOSIntersection_r(c->g, a, b);
        if (x) {
            GEOSArea_r(c->g, x, &area);
            GEOSGeom_destroy_r(c->g, x);
        }
        if (area <= 0)
            return; /* they only touch: a clean shared border */
    }
    povatlas_unit_pair p = {g_strdup(c->units->rows[q->i].code),
                            g_strdup(c->units->rows[j].code), d, area};
    g_array_append_val(c->pairs, p);
}

static void find_pairs(topo_ctx *c)
{
    GEOSSTRtree *tree = GEOSSTRtree_create_r(c->g, 10);
    g_autoptr(GPtrArray) boxes =
        g_ptr_array_new_with_free_func(NULL); /* envelopes, destroyed below */
    for (guint i = 0; i < c->geoms->len; i++) {
        GEOSGeometry *g = g_ptr_array_index(c->geoms, i);
        GEOSGeometry *env = g ? GEOSEnvelope_r(c->g, g) : NULL;
        GEOSGeometry *box =
            env ? GEOSBuffer_r(c->g, env, c->tolerance, 1) : NULL;
        if (env)
            GEOSGeom_destroy_r(c->g, env);
        g_ptr_array_add(boxes, box);
        if (box)
            GEOSSTRtree_insert_r(c->g, tree, box, GSIZE_TO_POINTER(i + 1));
    }
    for (guint i = 0; i < c->geoms->len; i++) {
        GEOSGeometry *box = g_ptr_array_index(boxes, i);
        query_ctx q = {c, i};
        if (box)
            GEOSSTRtree_query_r(c->g, tree, box, on_candidate, &q);
    }
    GEOSSTRtree_destroy_r(c->g, tree);
    for (guint i = 0; i < boxes->len; i++)
        if (g_ptr_array_index(boxes, i))
            GEOSGeom_destroy_r(c->g, g_ptr_array_index(boxes, i));
}

/* Sum of areas, union area and the holes of the union (gaps). */
static void measure_union(topo_ctx *c, povatlas_topology *t)
{
    g_autoptr(GPtrArray) parts = g_ptr_array_new();
    for (guint i = 0; i < c->geoms->len; i++) {
        GEOSGeometry *g = g_ptr_array_index(c->geoms, i);
        if (!g)
            continue;
        double a = 0;
        GEOSArea_r(c->g, g, &a);
        t->sum_area_m2 += a;
        g_ptr_array_add(parts, GEOSGeom_clone_r(c->g, g));
    }
    GEOSGeometry *coll =
        GEOSGeom_createCollection_r(c->g, GEOS_GEOMETRYCOLLECTION,
                                    (GEOSGeometry **)parts->pdata, parts->len);
    GEOSGeometry *u = coll ? GEOSUnaryUnion_r(c->g, coll) : NULL;
    if (u) {
        GEOSArea_r(c->g, u, &t->union_area_m2);
        for (int p = 0; p < GEOSGetNumGeometries_r(c->g, u); p++) {
            const GEOSGeometry *poly = GEOSGetGeometryN_r(c->g, u, p);
            for (int r = 0; r < GEOSGetNumInteriorRings_r(c->g, poly); r++) {
                const GEOSGeometry *ring =
                    GEOSGetInteriorRingN_r(c->g, poly, r);
                GEOSGeometry *hole = GEOSGeom_createPolygon_r(
                    c->g, GEOSGeom_clone_r(c->g, ring), NULL, 0);
                double a = 0;
                GEOSArea_r(c->g, hole, &a);
                t->gap_m2 += a;
                t->n_gaps++;
                GEOSGeom_destroy_r(c->g, hole);
            }
        }
        GEOSGeom_destroy_r(c->g, u);
    }
    if (coll)
        GEOSGeom_destroy_r(c->g, coll);
}

static int pair_cmp(gconstpointer a, gconstpointer b)
{
    const povatlas_unit_pair *x = a, *y = b;
    int k = strcmp(x->code_a, y->code_a);
    return k ? k : strcmp(x->code_b, y->code_b);
}

void povatlas_topology_opts_init(povatlas_topology_opts *opts)
{
    opts->year = 0;
    opts->tolerance_m = 50;
}

povatlas_topology *povatlas_topology_compute(povatlas_workspace *ws,
                                             const povatlas_topology_opts *opts,
                                             povatlas_error **err)
{
    povatlas_topology_opts o;
    povatlas_topology_opts_init(&o);
    if (opts)
        o = *opts;
    int year = o.year;
    double tolerance_m = o.tolerance_m;
    if (!(tolerance_m >= 0)) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "the tolerance must be 0 m or more, not %g",
                           tolerance_m);
        return NULL;
    }
    if (!year && povatlas_workspace_latest_year(ws, &year, err))
        return NULL;
    povatlas_topology *t = g_new0(povatlas_topology, 1);
    t->year = year;
    t->tolerance_m = tolerance_m;
    proj_errors pj_errors;
    topo_ctx c = {GEOS_init_r(),
                  proj_errors_context(&pj_errors),
                  NULL,
                  &pj_errors,
                  g_ptr_array_new(),
                  NULL,
                  g_array_new(FALSE, TRUE, sizeof(povatlas_unit_pair)),
                  tolerance_m};
    GEOSContext_setErrorHandler_r(c.g, geos_quiet);
    povatlas_error *why = NULL;
    c.units = povatlas_workspace_units(ws, t->year, &why);
    povatlas_status st =
        c.units ? load_geoms(&c, t, err)
                : povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    if (!st) {
        t->n_units = c.units->n;
        find_pairs(&c);
        measure_union(&c, t);
        g_array_sort(c.pairs, pair_cmp);
        for (guint i = 0; i < c.pairs->len; i++)
            t->overlap_m2 +=
                g_array_index(c.pairs, povatlas_unit_pair, i).overlap_m2;
    }
    t->n_pairs = c.pairs->len;
    t->pairs = (povatlas_unit_pair *)g_array_free(c.pairs, FALSE);
    for (guint i = 0; i < c.geoms->len; i++)
        if (g_ptr_array_index(c.geoms, i))
            GEOSGeom_destroy_r(c.g, g_ptr_array_index(c.geoms, i));
    g_ptr_array_unref(c.geoms);
    povatlas_unit_list_free(c.units);
    proj_destroy(c.pj);
    proj_context_destroy(c.pj_ctx);
    GEOS_finish_r(c.g);
    if (st) {
        povatlas_topology_free(t);
        return NULL;
    }
    return t;
}

void povatlas_topology_free(povatlas_topology *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_pairs; i++) {
        g_free(t->pairs[i].code_a);
        g_free(t->pairs[i].code_b);
    }
    g_free(t->pairs);
    g_free(t->crs);
    g_free(t);
}
