/*
 * project_units.c - the units of a map read and projected once, split over
 * threads: WKB -> lon/lat geometries (with their extent, which chooses
 * the UTM zone), lon/lat -> UTM metres (with their extent, which the page
 * layout needs before the page transform exists), then metres -> page pixels
 * with the simplification and repair every unit gets. A national map has 3
 * million vertices, and PROJ's transverse Mercator costs about 0.2 us a point:
 * projecting them once instead of twice (extent, then page), and on every
 * core, is most of the map's time.
 *
 * Each thread has its own PROJ context with a clone of the same
 * transformation and its own GEOS context (neither is shared between
 * threads); every unit is transformed by the same code as in one thread,
 * so the numbers, and the map, are the same whatever the thread count.
 */
#include <math.h>

#include "core/proj_errors.h"
#include "core/threads.h"
#include "render/render_private.h"

/* Fewer units than this per thread are not worth a thread. */
#define UNITS_PER_THREAD 256
#define MAX_THREADS 4

typedef enum pass { PASS_READ, PASS_METRES, PASS_PAGE } pass;

typedef struct part {
    const unsigned char *const *wkb; /* read pass */
    const size_t *wkb_size;
    const povatlas_render_proj *proj;
    PJ *pj; /* this thread's transformation */
    GEOSContextHandle_t geos;
    const GEOSGeometry *const *in;
    GEOSGeometry **out;
    size_t from, to;
    double simplify_px;    /* page pass: > 0 simplifies */
    double x0, y0, x1, y1; /* read, metres: extent of the part */
    size_t failed;         /* first failed unit + 1; 0: none */
} part;

static int metres_cb(double *x, double *y, void *userdata)
{
    part *p = userdata;
    PJ_COORD r = proj_trans(p->pj, PJ_FWD, proj_coord(*x, *y, 0, 0));
    if (!isfinite(r.xy.x) || !isfinite(r.xy.y))
        return 0;
    *x = r.xy.x;
    *y = r.xy.y;
    p->x0 = fmin(p->x0, *x);
    p->y0 = fmin(p->y0, *y);
    p->x1 = fmax(p->x1, *x);
    p->y1 = fmax(p->y1, *y);
    return 1;
}

static int page_cb(double *x, double *y, void *userdata)
{
    const part *p = userdata;
    povatlas_render_proj_metres_to_page(p->proj, *x, *y, x, y);
    return 1;
}

/* A unit that cannot be read (no WKB, bad WKB, empty) is left NULL and
 * stops the part: the caller reads it again to say why. */
static void read_part(part *p)
{
    GEOSWKBReader *rd = GEOSWKBReader_create_r(p->geos);
    for (size_t i = p->from; i < p->to && !p->failed; i++) {
        GEOSGeometry *g =
            rd && p->wkb[i] && p->wkb_size[i]
                ? GEOSWKBReader_read_r(p->geos, rd, p->wkb[i], p->wkb_size[i])
                : NULL;
        double x0, y0, x1, y1;
        if (g && (GEOSisEmpty_r(p->geos, g) == 1 ||
                  !GEOSGeom_getXMin_r(p->geos, g, &x0) ||
                  !GEOSGeom_getYMin_r(p->geos, g, &y0) ||
                  !GEOSGeom_getXMax_r(p->geos, g, &x1) ||
                  !GEOSGeom_getYMax_r(p->geos, g, &y1))) {
            GEOSGeom_destroy_r(p->geos, g);
            g = NULL;
        }
        if (g == NULL) {
            p->failed = i + 1;
            break;
        }
        p->x0 = fmin(p->x0, x0);
        p->y0 = fmin(p->y0, y0);
        p->x1 = fmax(p->x1, x1);
        p->y1 = fmax(p->y1, y1);
        p->out[i] = g;
    }
    if (rd)
        GEOSWKBReader_destroy_r(p->geos, rd);
}

static void metres_part(part *p)
{
    for (size_t i = p->from; i < p->to && !p->failed; i++) {
        p->out[i] = GEOSGeom_transformXY_r(p->geos, p->in[i], metres_cb, p);
        if (p->out[i] == NULL)
            p->failed = i + 1;
    }
}

/* Takes ownership of @g: @g or its repaired shape (self-intersecting rings,
 * common in hand-digitised boundaries, would make union, inscribed circle
 * and containment fail). */
static GEOSGeometry *valid_or_repaired(GEOSContextHandle_t h, GEOSGeometry *g)
{
    if (GEOSisValid_r(h, g) == 1)
        return g;
    GEOSGeometry *fixed = GEOSMakeValid_r(h, g);
    if (fixed == NULL)
        return g;
    GEOSGeom_destroy_r(h, g);
    return fixed;
}

static void page_part(part *p)
{
    for (size_t i = p->from; i < p->to && !p->failed; i++) {
        GEOSGeometry *g = GEOSGeom_transformXY_r(p->geos, p->in[i], page_cb, p);
        if (g == NULL) {
            p->failed = i + 1;
            break;
        }
        if (p->simplify_px > 0) {
            GEOSGeometry *s = GEOSSimplify_r(p->geos, g, p->simplify_px);
            if (s != NULL) {
                GEOSGeom_destroy_r(p->geos, g);
                g = s;
            }
        }
        p->out[i] = valid_or_repaired(p->geos, g);
    }
}

typedef struct job {
    part part;
    pass pass;
} job;

static gpointer run_job(gpointer data)
{
    job *j = data;
    part *p = &j->part;
    PJ_CONTEXT *ctx = NULL;
    int metres = j->pass == PASS_METRES;
    p->geos = GEOS_init_r();
    if (metres && p->geos) {
        ctx = proj_context_create();
        if (ctx)
            proj_log_func(ctx, NULL, proj_errors_log); /* quiet */
        p->pj = ctx ? proj_clone(ctx, p->proj->pj) : NULL;
    }
    if (p->geos == NULL || (metres && p->pj == NULL))
        p->failed = p->from + 1;
    else if (j->pass == PASS_READ)
        read_part(p);
    else if (metres)
        metres_part(p);
    else
        page_part(p);
    if (p->pj)
        proj_destroy(p->pj);
    if (ctx)
        proj_context_destroy(ctx);
    if (p->geos)
        GEOS_finish_r(p->geos);
    return NULL;
}

static size_t thread_count(size_t n)
{
    size_t t = (size_t)povatlas_threads_();
    if (t > MAX_THREADS)
        t = MAX_THREADS;
    if (t > n / UNITS_PER_THREAD)
        t = n / UNITS_PER_THREAD;
    return t ? t : 1;
}

/* Runs @jobs[0..nt) on threads (the first in the calling thread); the
 * first failed unit + 1 over all parts, 0 when none failed. */
static size_t run_parts(job *jobs, size_t nt)
{
    GThread *th[MAX_THREADS] = {NULL};
    for (size_t t = 1; t < nt; t++)
        th[t] = g_thread_try_new("povatlas-project", run_job, &jobs[t], NULL);
    for (size_t t = 1; t < nt; t++)
        if (th[t] == NULL)
            run_job(&jobs[t]); /* no thread: do it here */
    run_job(&jobs[0]);
    size_t failed = 0;
    for (size_t t = 0; t < nt; t++) {
        if (th[t] != NULL)
            g_thread_join(th[t]);
        if (jobs[t].part.failed && !failed)
            failed = jobs[t].part.failed;
    }
    return failed;
}

static void split(job *jobs, size_t nt, size_t n, const part *tmpl, pass ps)
{
    for (size_t t = 0; t < nt; t++) {
        jobs[t] = (job){*tmpl, ps};
        jobs[t].part.from = n * t / nt;
        jobs[t].part.to = n * (t + 1) / nt;
    }
}

static void destroy_made(GEOSContextHandle_t h, GEOSGeometry **g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (g[i])
            GEOSGeom_destroy_r(h, g[i]);
        g[i] = NULL;
    }
}

/* The extent of the parts' extents into @extent. */
static void merge_extent(const job *jobs, size_t nt, double extent[4])
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t t = 0; t < nt; t++) {
        x0 = fmin(x0, jobs[t].part.x0);
        y0 = fmin(y0, jobs[t].part.y0);
        x1 = fmax(x1, jobs[t].part.x1);
        y1 = fmax(y1, jobs[t].part.y1);
    }
    extent[0] = x0;
    extent[1] = y0;
    extent[2] = x1;
    extent[3] = y1;
}

size_t povatlas_render_units_read(const unsigned char *const *wkb,
                                  const size_t *wkb_size, size_t n,
                                  GEOSGeometry **lonlat, double extent[4])
{
    job jobs[MAX_THREADS];
    size_t nt = thread_count(n);
    part tmpl = {wkb,      wkb_size, NULL,      NULL,      NULL,
                 NULL,     lonlat,   0,         0,         0,
                 INFINITY, INFINITY, -INFINITY, -INFINITY, 0};
    for (size_t i = 0; i < n; i++)
        lonlat[i] = NULL;
    split(jobs, nt, n, &tmpl, PASS_READ);
    size_t failed = run_parts(jobs, nt);
    merge_extent(jobs, nt, extent);
    return failed;
}

size_t povatlas_render_units_to_metres(const povatlas_render_proj *p,
                                       GEOSContextHandle_t h,
                                       const GEOSGeometry *const *lonlat,
                                       size_t n, GEOSGeometry **metres,
                                       double extent[4])
{
    job jobs[MAX_THREADS];
    size_t nt = thread_count(n);
    part tmpl = {NULL,     NULL,     p,         NULL,      NULL,
                 lonlat,   metres,   0,         0,         0,
                 INFINITY, INFINITY, -INFINITY, -INFINITY, 0};
    for (size_t i = 0; i < n; i++)
        metres[i] = NULL;
    split(jobs, nt, n, &tmpl, PASS_METRES);
    size_t failed = run_parts(jobs, nt);
    if (failed) {
        destroy_made(h, metres, n);
        return failed;
    }
    merge_extent(jobs, nt, extent);
    return 0;
}

size_t povatlas_render_units_to_page(const povatlas_render_proj *p,
                                     GEOSContextHandle_t h,
                                     const GEOSGeometry *const *metres,
                                     size_t n, double simplify_px,
                                     GEOSGeometry **page)
{
    job jobs[MAX_THREADS];
    size_t nt = thread_count(n);
    part tmpl = {NULL, NULL,        p, NULL, NULL, metres, page, 0,
                 0,    simplify_px, 0, 0,    0,    0,      0};
    for (size_t i = 0; i < n; i++)
        page[i] = NULL;
    split(jobs, nt, n, &tmpl, PASS_PAGE);
    size_t failed = run_parts(jobs, nt);
    if (failed)
        destroy_made(h, page, n);
    return failed;
}
