/*
 * areas.c - unit areas: geodesic on the WGS 84 ellipsoid (PROJ's
 * GeographicLib, exact whatever CRS the boundaries came in) and planar in
 * the unit's UTM zone for comparison with other GIS tools. An area_calc
 * keeps one GEOS context and one PROJ transformation per UTM zone, because
 * building a PROJ transformation costs milliseconds: once per unit it was
 * most of `analyze` at 10,600 communes. An area_batch measures many
 * polygons on worker threads while the caller reads and stores the next
 * ones (import boundaries).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <geodesic.h>
#include <geos_c.h>
#include <proj.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/areas.h"
#include "core/proj_errors.h"
#include "core/threads.h"
#include "core/utm.h"

struct area_calc {
    GEOSContextHandle_t geos;
    GEOSWKBReader *reader;
    PJ_CONTEXT *pj_ctx;
    proj_errors pj_errors; /* PROJ's messages, never printed */
    GHashTable *pj;        /* CRS text -> PJ * (lon/lat order) */
    struct geod_geodesic geod;
};

static void geos_quiet(const char *fmt, ...) { (void)fmt; }

static void destroy_pj(gpointer p) { proj_destroy(p); }

area_calc *area_calc_new(void)
{
    area_calc *a = g_new0(area_calc, 1);
    a->geos = GEOS_init_r();
    GEOSContext_setErrorHandler_r(a->geos, geos_quiet);
    a->reader = GEOSWKBReader_create_r(a->geos);
    a->pj_ctx = proj_errors_context(&a->pj_errors);
    a->pj = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, destroy_pj);
    geod_init(&a->geod, 6378137.0, 1 / 298.257223563); /* WGS 84 */
    return a;
}

void area_calc_free(area_calc *a)
{
    if (!a)
        return;
    g_hash_table_destroy(a->pj); /* before the context they belong to */
    proj_context_destroy(a->pj_ctx);
    GEOSWKBReader_destroy_r(a->geos, a->reader);
    GEOS_finish_r(a->geos);
    g_free(a);
}

/* The transformation EPSG:4326 -> @crs, built once. */
static PJ *transform_to(area_calc *a, const char *crs)
{
    PJ *pj = g_hash_table_lookup(a->pj, crs);
    if (pj)
        return pj;
    PJ *raw = proj_create_crs_to_crs(a->pj_ctx, "EPSG:4326", crs, NULL);
    pj = raw ? proj_normalize_for_visualization(a->pj_ctx, raw) : NULL;
    proj_destroy(raw);
    if (pj)
        g_hash_table_insert(a->pj, g_strdup(crs), pj);
    return pj;
}

typedef double (*ring_area_fn)(area_calc *a, double *x, double *y,
                               unsigned int n, PJ *pj);

static double geodesic_ring(area_calc *a, double *lon, double *lat,
                            unsigned int n, PJ *pj)
{
    (void)pj;
    double area = 0, perimeter = 0;
    /* geod_polygonarea closes the ring itself: drop the repeated point */
    if (n > 1 && lon[0] == lon[n - 1] && lat[0] == lat[n - 1])
        n--;
    geod_polygonarea(&a->geod, lat, lon, (int)n, &area, &perimeter);
    return area;
}

static double planar_ring(area_calc *a, double *x, double *y, unsigned int n,
                          PJ *pj)
{
    (void)a;
    proj_trans_generic(pj, PJ_FWD, x, sizeof(double), n, y, sizeof(double), n,
                       NULL, 0, 0, NULL, 0, 0);
    double s = 0; /* shoelace */
    for (unsigned int i = 0; i + 1 < n; i++)
        s += x[i] * y[i + 1] - x[i + 1] * y[i];
    return s / 2;
}

/* Sum over polygons of |outer| - |holes|, with @fn measuring one ring;
 * NAN with *@oom set when a ring's coordinates find no room (a ring's
 * size is the file's to choose). */
static double sum_rings(area_calc *a, const GEOSGeometry *g, ring_area_fn fn,
                        PJ *pj, int *oom)
{
    double total = 0;
    for (int p = 0; p < GEOSGetNumGeometries_r(a->geos, g); p++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(a->geos, g, p);
        int n_holes = GEOSGetNumInteriorRings_r(a->geos, poly);
        for (int r = -1; r < n_holes; r++) {
            const GEOSGeometry *ring =
                r < 0 ? GEOSGetExteriorRing_r(a->geos, poly)
                      : GEOSGetInteriorRingN_r(a->geos, poly, r);
            const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(a->geos, ring);
            unsigned int n = 0;
            GEOSCoordSeq_getSize_r(a->geos, cs, &n);
            double *x = povatlas_try_calloc((size_t)n + 1, 2 * sizeof *x);
            if (!x) {
                *oom = 1;
                return NAN;
            }
            double *y = x + n + 1;
            for (unsigned int i = 0; i < n; i++)
                GEOSCoordSeq_getXY_r(a->geos, cs, i, &x[i], &y[i]);
            double ring_area = fabs(fn(a, x, y, n, pj));
            total += r < 0 ? ring_area : -ring_area;
            free(x);
        }
    }
    return total;
}

/* "EPSG:326zz" for the UTM zone of the geometry's centroid. */
static char *utm_crs_of(area_calc *a, const GEOSGeometry *g)
{
    double lon = 0, lat = 0;
    GEOSGeometry *c = GEOSGetCentroid_r(a->geos, g);
    if (c) {
        GEOSGeomGetX_r(a->geos, c, &lon);
        GEOSGeomGetY_r(a->geos, c, &lat);
        GEOSGeom_destroy_r(a->geos, c);
    }
    return utm_zone_crs(lon, lat);
}

povatlas_status area_calc_measure(area_calc *a, const unsigned char *wkb,
                                  size_t wkb_size, const char *crs,
                                  double *geodesic_km2, double *planar_km2,
                                  povatlas_error **err)
{
    GEOSGeometry *g = GEOSWKBReader_read_r(a->geos, a->reader, wkb, wkb_size);
    if (!g)
        return povatlas_error_set(err, POVATLAS_E_GEOM, "unreadable WKB");
    povatlas_status st = POVATLAS_OK;
    int oom = 0;
    if (geodesic_km2)
        *geodesic_km2 = sum_rings(a, g, geodesic_ring, NULL, &oom) / 1e6;
    if (planar_km2) {
        g_autofree char *auto_crs = crs ? NULL : utm_crs_of(a, g);
        PJ *pj = transform_to(a, crs ? crs : auto_crs);
        if (!pj && crs)
            st = povatlas_error_set(err, POVATLAS_E_USAGE,
                                    "unknown CRS '%s': %s", crs,
                                    proj_errors_why(&a->pj_errors, a->pj_ctx));
        else if (!pj)
            st = povatlas_error_set(
                err, POVATLAS_E_GEOM, "cannot set up the projection to %s: %s",
                auto_crs, proj_errors_why(&a->pj_errors, a->pj_ctx));
        else
            *planar_km2 = sum_rings(a, g, planar_ring, pj, &oom) / 1e6;
    }
    if (!st && oom)
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory measuring a polygon");
    GEOSGeom_destroy_r(a->geos, g);
    return st;
}

/* One polygon to measure, and what became of it. */
typedef struct area_item {
    size_t id;
    unsigned char *wkb; /* freed once measured */
    size_t wkb_size;
    double geodesic_km2, utm_km2;
    povatlas_status st;
    povatlas_error *err;
} area_item;

/* The workers take the items in the order added, by index: no queue node
 * to allocate per item (a GAsyncQueue's aborts when memory runs out). */
struct area_batch {
    GMutex lock;    /* guards items (which may move as it grows), next, done */
    GCond more;     /* an item was added, or nothing more comes */
    byte_buf items; /* area_item *: every item added (owned) */
    size_t next;    /* the first item no worker took */
    int done;       /* nothing more comes */
    GThread *workers[8];
    size_t n_workers;
};

static void measure_item(area_calc *calc, area_item *it)
{
    it->st = area_calc_measure(calc, it->wkb, it->wkb_size, NULL,
                               &it->geodesic_km2, &it->utm_km2, &it->err);
    g_clear_pointer(&it->wkb, g_free);
}

static gpointer area_worker(gpointer data)
{
    area_batch *b = data;
    area_calc *calc = area_calc_new(); /* GEOS and PROJ contexts per thread */
    for (;;) {
        g_mutex_lock(&b->lock);
        while (b->next == b->items.len / sizeof(area_item *) && !b->done)
            g_cond_wait(&b->more, &b->lock);
        area_item *it = NULL;
        if (b->next < b->items.len / sizeof(area_item *))
            it = ((area_item **)(void *)b->items.data)[b->next++];
        g_mutex_unlock(&b->lock);
        if (!it)
            break; /* done, and every item taken */
        measure_item(calc, it);
    }
    area_calc_free(calc);
    return NULL;
}

static void free_item(gpointer p)
{
    area_item *it = p;
    g_free(it->wkb);
    povatlas_error_free(it->err);
    g_free(it);
}

area_batch *area_batch_new(void)
{
    area_batch *b = g_new0(area_batch, 1);
    g_mutex_init(&b->lock);
    g_cond_init(&b->more);
    int n = povatlas_threads_();
    b->n_workers = n > 1 ? (size_t)MIN(n, (int)G_N_ELEMENTS(b->workers)) : 0;
    for (size_t t = 0; t < b->n_workers; t++)
        b->workers[t] = g_thread_new("povatlas-area", area_worker, b);
    return b;
}

int area_batch_add(area_batch *b, size_t id, unsigned char *wkb,
                   size_t wkb_size)
{
    area_item *it = povatlas_try_malloc(sizeof *it);
    if (!it)
        return -1;
    *it = (area_item){id, wkb, wkb_size, NAN, NAN, POVATLAS_OK, NULL};
    g_mutex_lock(&b->lock);
    int st = byte_buf_push(&b->items, &it, sizeof it);
    if (st == 0)
        g_cond_signal(&b->more);
    g_mutex_unlock(&b->lock);
    if (st < 0)
        free(it);
    return st;
}

povatlas_status area_batch_finish(area_batch *b, double **geodesic_km2,
                                  double **utm_km2, size_t *n,
                                  povatlas_error **err)
{
    g_mutex_lock(&b->lock);
    b->done = 1;
    g_cond_broadcast(&b->more);
    g_mutex_unlock(&b->lock);
    for (size_t t = 0; t < b->n_workers; t++)
        g_thread_join(b->workers[t]);
    area_item **items = (area_item **)(void *)b->items.data;
    size_t n_items = b->items.len / sizeof *items;
    if (!b->n_workers) { /* one thread: measured here */
        area_calc *calc = area_calc_new();
        for (size_t i = 0; i < n_items; i++)
            measure_item(calc, items[i]);
        area_calc_free(calc);
    }
    size_t count = 0;
    area_item *failed = NULL;
    for (size_t i = 0; i < n_items; i++) {
        area_item *it = items[i];
        count = MAX(count, it->id + 1);
        if (it->st && (!failed || it->id < failed->id))
            failed = it;
    }
    povatlas_status st = POVATLAS_OK;
    *geodesic_km2 = *utm_km2 = NULL;
    *n = 0;
    if (failed) {
        st = failed->st;
        povatlas_error_propagate(err, g_steal_pointer(&failed->err));
    } else {
        double *g = povatlas_try_calloc(count + 1, sizeof *g);
        double *u = povatlas_try_calloc(count + 1, sizeof *u);
        if (!g || !u) {
            free(g);
            free(u);
            g = u = NULL;
            count = 0;
            st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                    "out of memory for the areas measured");
        }
        for (size_t i = 0; i < count; i++)
            g[i] = u[i] = NAN;
        for (size_t i = 0; g && i < n_items; i++) {
            const area_item *it = items[i];
            g[it->id] = it->geodesic_km2;
            u[it->id] = it->utm_km2;
        }
        *geodesic_km2 = g;
        *utm_km2 = u;
        *n = count;
    }
    for (size_t i = 0; i < n_items; i++)
        free_item(items[i]);
    byte_buf_clear(&b->items);
    g_mutex_clear(&b->lock);
    g_cond_clear(&b->more);
    g_free(b);
    return st;
}
