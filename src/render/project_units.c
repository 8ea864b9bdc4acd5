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
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/fault.h"
#include "core/proj_errors.h"
#include "core/threads.h"
#include "render/render_private.h"

/* Fewer units than this per thread are not worth a thread. */
#define UNITS_PER_THREAD 256
#define MAX_THREADS 4

typedef enum pass {
    PASS_READ,
    PASS_METRES,
    PASS_PAGE,
    PASS_FLAT_METRES,
    PASS_FLAT_PAGE
} pass;

/* Plain polygons read straight from their WKB into one array of points:
 * unit i is the polygons unit_poly[i] .. unit_poly[i + 1], polygon j the
 * rings poly_ring[j] .. poly_ring[j + 1], ring k the points ring_pt[k] ..
 * ring_pt[k + 1] of xy (x, y pairs). The points are projected in place. */
struct povatlas_render_flat {
    size_t n;
    size_t *unit_poly;    /* n + 1 */
    unsigned char *multi; /* n: 1 MultiPolygon, 0 Polygon */
    size_t *poly_ring;    /* polygons + 1 */
    size_t *ring_pt;      /* rings + 1 */
    double *xy;           /* 2 x points */
};

typedef struct part {
    const unsigned char *const *wkb; /* read pass */
    const size_t *wkb_size;
    const povatlas_render_proj *proj;
    povatlas_render_flat *flat; /* flat passes */
    PJ *pj;                     /* this thread's transformation */
    GEOSContextHandle_t geos;
    const GEOSGeometry *const *in;
    GEOSGeometry **out;
    size_t from, to;
    double simplify_px;            /* page pass: > 0 simplifies */
    double x0, y0, x1, y1;         /* read, metres: extent of the part */
    size_t failed;                 /* first failed unit + 1; 0: none */
    char why[POVATLAS_RENDER_WHY]; /* page passes: why it failed */
    char geos_said[POVATLAS_RENDER_WHY / 2]; /* GEOS's last error */
} part;

static void geos_said(const char *message, void *userdata)
{
    part *p = userdata;
    g_strlcpy(p->geos_said, message ? message : "", sizeof p->geos_said);
}

/* Stops the part at unit @i, saying why (GEOS's own words when it gave
 * any). */
static void fail_unit(part *p, size_t i, const char *what)
{
    p->failed = i + 1;
    if (p->geos_said[0])
        snprintf(p->why, sizeof p->why, "%s (%s)", what, p->geos_said);
    else
        g_strlcpy(p->why, what, sizeof p->why);
}

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

static void no_extent(part *p)
{
    p->x0 = p->y0 = INFINITY;
    p->x1 = p->y1 = -INFINITY;
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
 * and containment fail); NULL (@g destroyed) when GEOS cannot repair it. */
static GEOSGeometry *valid_or_repaired(GEOSContextHandle_t h, GEOSGeometry *g)
{
    if (GEOSisValid_r(h, g) == 1)
        return g;
    GEOSGeometry *fixed =
        povatlas_fault_hit(POVATLAS_FAULT_GEOS) ? NULL : GEOSMakeValid_r(h, g);
    GEOSGeom_destroy_r(h, g);
    return fixed;
}

/* @g (taken) on the page, simplified to the part's tolerance and made
 * valid, into p->out[@i]; a unit GEOS cannot simplify or repair stops the
 * part (drawn unsimplified or invalid, a national map would be neither
 * what it says nor what the same data drew before). */
static void simplified_and_repaired(part *p, size_t i, GEOSGeometry *g)
{
    if (p->simplify_px > 0) {
        GEOSGeometry *s = povatlas_fault_hit(POVATLAS_FAULT_GEOS)
                              ? NULL
                              : GEOSSimplify_r(p->geos, g, p->simplify_px);
        GEOSGeom_destroy_r(p->geos, g);
        if (s == NULL) {
            fail_unit(p, i, "GEOS cannot simplify it");
            return;
        }
        g = s;
    }
    p->out[i] = valid_or_repaired(p->geos, g);
    if (p->out[i] == NULL)
        fail_unit(p, i, "GEOS cannot repair its invalid shape");
}

static void page_part(part *p)
{
    for (size_t i = p->from; i < p->to && !p->failed; i++) {
        p->geos_said[0] = '\0';
        GEOSGeometry *g = GEOSGeom_transformXY_r(p->geos, p->in[i], page_cb, p);
        if (g == NULL) {
            fail_unit(p, i, "GEOS cannot project it to the page");
            break;
        }
        simplified_and_repaired(p, i, g);
    }
}

/* ---- flat units ------------------------------------------------------- */

/* The points of unit @i: [*from, *to) of flat->xy. */
static void unit_points(const povatlas_render_flat *f, size_t i, size_t *from,
                        size_t *to)
{
    *from = f->ring_pt[f->poly_ring[f->unit_poly[i]]];
    *to = f->ring_pt[f->poly_ring[f->unit_poly[i + 1]]];
}

/* Lon/lat -> metres in place, the same proj_trans() of every point as
 * metres_cb. */
static void flat_metres_part(part *p)
{
    povatlas_render_flat *f = p->flat;
    for (size_t i = p->from; i < p->to && !p->failed; i++) {
        size_t a, b;
        unit_points(f, i, &a, &b);
        for (size_t k = a; k < b; k++) {
            double *xy = f->xy + 2 * k;
            if (!metres_cb(&xy[0], &xy[1], p)) {
                p->failed = i + 1;
                break;
            }
        }
    }
}

/* Ring @k of @f (already on the page) as a GEOS ring. */
static GEOSGeometry *flat_ring(GEOSContextHandle_t h,
                               const povatlas_render_flat *f, size_t k)
{
    size_t a = f->ring_pt[k], n = f->ring_pt[k + 1] - a;
    GEOSCoordSequence *seq =
        GEOSCoordSeq_copyFromBuffer_r(h, f->xy + 2 * a, (unsigned int)n, 0, 0);
    return seq ? GEOSGeom_createLinearRing_r(h, seq) : NULL;
}

/* Polygon @j of @f as a GEOS polygon, built as the WKB reader builds it. */
static GEOSGeometry *flat_polygon(GEOSContextHandle_t h,
                                  const povatlas_render_flat *f, size_t j)
{
    size_t r0 = f->poly_ring[j], nh = f->poly_ring[j + 1] - r0 - 1;
    GEOSGeometry *shell = flat_ring(h, f, r0);
    GEOSGeometry **holes = g_new0(GEOSGeometry *, nh ? nh : 1);
    int ok = shell != NULL;
    for (size_t k = 0; k < nh && ok; k++)
        ok = (holes[k] = flat_ring(h, f, r0 + 1 + k)) != NULL;
    GEOSGeometry *poly =
        ok ? GEOSGeom_createPolygon_r(h, shell, holes, (unsigned int)nh) : NULL;
    if (poly == NULL) {
        if (shell)
            GEOSGeom_destroy_r(h, shell);
        for (size_t k = 0; k < nh; k++)
            if (holes[k])
                GEOSGeom_destroy_r(h, holes[k]);
    }
    g_free(holes);
    return poly;
}

static GEOSGeometry *flat_unit(GEOSContextHandle_t h,
                               const povatlas_render_flat *f, size_t i)
{
    size_t p0 = f->unit_poly[i], np = f->unit_poly[i + 1] - p0;
    if (!f->multi[i])
        return flat_polygon(h, f, p0);
    GEOSGeometry **polys = g_new0(GEOSGeometry *, np);
    int ok = 1;
    for (size_t j = 0; j < np && ok; j++)
        ok = (polys[j] = flat_polygon(h, f, p0 + j)) != NULL;
    GEOSGeometry *g = ok ? GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON,
                                                       polys, (unsigned int)np)
                         : NULL;
    if (g == NULL)
        for (size_t j = 0; j < np; j++)
            if (polys[j])
                GEOSGeom_destroy_r(h, polys[j]);
    g_free(polys);
    return g;
}

/* Metres -> page in place, then the same simplification and repair as
 * page_part. */
static void flat_page_part(part *p)
{
    povatlas_render_flat *f = p->flat;
    for (size_t i = p->from; i < p->to && !p->failed; i++) {
        size_t a, b;
        unit_points(f, i, &a, &b);
        for (size_t k = a; k < b; k++)
            page_cb(&f->xy[2 * k], &f->xy[2 * k + 1], p);
        p->geos_said[0] = '\0';
        GEOSGeometry *g = flat_unit(p->geos, f, i);
        if (g == NULL) {
            fail_unit(p, i, "GEOS cannot build it on the page");
            break;
        }
        simplified_and_repaired(p, i, g);
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
    int metres = j->pass == PASS_METRES || j->pass == PASS_FLAT_METRES;
    p->geos = GEOS_init_r();
    if (p->geos)
        GEOSContext_setErrorMessageHandler_r(p->geos, geos_said, p);
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
    else if (j->pass == PASS_METRES)
        metres_part(p);
    else if (j->pass == PASS_PAGE)
        page_part(p);
    else if (j->pass == PASS_FLAT_METRES)
        flat_metres_part(p);
    else
        flat_page_part(p);
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
 * first failed unit + 1 over all parts, 0 when none failed; its part's
 * reason into @why when not NULL. */
static size_t run_parts(job *jobs, size_t nt, char *why)
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
        if (jobs[t].part.failed && !failed) {
            failed = jobs[t].part.failed;
            if (why != NULL)
                g_strlcpy(why, jobs[t].part.why, POVATLAS_RENDER_WHY);
        }
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
    part tmpl = {.wkb = wkb, .wkb_size = wkb_size, .out = lonlat};
    no_extent(&tmpl);
    for (size_t i = 0; i < n; i++)
        lonlat[i] = NULL;
    split(jobs, nt, n, &tmpl, PASS_READ);
    size_t failed = run_parts(jobs, nt, NULL);
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
    part tmpl = {.proj = p, .in = lonlat, .out = metres};
    no_extent(&tmpl);
    for (size_t i = 0; i < n; i++)
        metres[i] = NULL;
    split(jobs, nt, n, &tmpl, PASS_METRES);
    size_t failed = run_parts(jobs, nt, NULL);
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
                                     GEOSGeometry **page,
                                     char why[POVATLAS_RENDER_WHY])
{
    job jobs[MAX_THREADS];
    size_t nt = thread_count(n);
    part tmpl = {
        .proj = p, .in = metres, .out = page, .simplify_px = simplify_px};
    for (size_t i = 0; i < n; i++)
        page[i] = NULL;
    split(jobs, nt, n, &tmpl, PASS_PAGE);
    size_t failed = run_parts(jobs, nt, why);
    if (failed)
        destroy_made(h, page, n);
    return failed;
}

/* ---- flat units: reading -------------------------------------------- */

typedef struct wkb_cursor {
    const unsigned char *p, *end;
} wkb_cursor;

/* Counts of a flat reading; the arrays are filled when @f has them. */
typedef struct flat_count {
    size_t polys, rings, points;
    double ext[4];
} flat_count;

static int wkb_u32(wkb_cursor *c, uint32_t *v)
{
    if (c->end - c->p < 4)
        return 0;
    memcpy(v, c->p, 4);
    c->p += 4;
    return 1;
}

/* A little-endian 2D header of @type; anything else is for GEOS. */
static int wkb_header(wkb_cursor *c, uint32_t type)
{
    uint32_t t;
    if (c->p >= c->end || *c->p != 1)
        return 0;
    c->p++;
    return wkb_u32(c, &t) && t == type;
}

/* One polygon: every ring closed and of 4 points or more (what GEOS
 * accepts as a ring), at least one ring. Its extent is its shell's, as
 * GEOS's envelope: a hole outside the shell (an invalid polygon) must not
 * move the map the GEOS path would draw (tests/fuzz/fuzz_wkb.c found
 * one). */
static int wkb_polygon(wkb_cursor *c, povatlas_render_flat *f, flat_count *k)
{
    uint32_t nr;
    if (!wkb_header(c, 3) || !wkb_u32(c, &nr) || nr == 0 ||
        (size_t)(c->end - c->p) / 4 < nr)
        return 0;
    for (uint32_t r = 0; r < nr; r++) {
        uint32_t np;
        if (!wkb_u32(c, &np) || np < 4 || (size_t)(c->end - c->p) / 16 < np)
            return 0;
        double first[2], last[2];
        memcpy(first, c->p, 16);
        memcpy(last, c->p + 16 * ((size_t)np - 1), 16);
        if (!(first[0] == last[0] && first[1] == last[1]))
            return 0;
        if (f != NULL) {
            memcpy(f->xy + 2 * k->points, c->p, 16 * (size_t)np);
            f->ring_pt[k->rings + 1] = k->points + np;
        } else {
            for (uint32_t i = 0; i < np; i++) {
                double xy[2];
                memcpy(xy, c->p + 16 * (size_t)i, 16);
                if (!isfinite(xy[0]) || !isfinite(xy[1]))
                    return 0;
                if (r > 0)
                    continue; /* GEOS's envelope is the shell's */
                k->ext[0] = fmin(k->ext[0], xy[0]);
                k->ext[1] = fmin(k->ext[1], xy[1]);
                k->ext[2] = fmax(k->ext[2], xy[0]);
                k->ext[3] = fmax(k->ext[3], xy[1]);
            }
        }
        c->p += 16 * (size_t)np;
        k->points += np;
        k->rings++;
    }
    k->polys++;
    if (f != NULL)
        f->poly_ring[k->polys] = k->rings;
    return 1;
}

/* Unit @i: a Polygon or a MultiPolygon of at least one polygon. */
static int wkb_unit(const unsigned char *wkb, size_t size,
                    povatlas_render_flat *f, size_t i, flat_count *k)
{
    if (wkb == NULL || size < 9 || wkb[0] != 1)
        return 0;
    uint32_t type;
    memcpy(&type, wkb + 1, 4);
    wkb_cursor c = {wkb, wkb + size};
    int ok;
    if (type == 3) {
        ok = wkb_polygon(&c, f, k);
    } else {
        uint32_t np = 0;
        ok = wkb_header(&c, 6) && wkb_u32(&c, &np) && np > 0;
        for (uint32_t j = 0; ok && j < np; j++)
            ok = wkb_polygon(&c, f, k);
    }
    if (ok && f != NULL) {
        f->multi[i] = type != 3;
        f->unit_poly[i + 1] = k->polys;
    }
    return ok;
}

povatlas_render_flat *povatlas_render_flat_read(const unsigned char *const *wkb,
                                                const size_t *wkb_size,
                                                size_t n, double extent[4])
{
    if (G_BYTE_ORDER != G_LITTLE_ENDIAN || n == 0)
        return NULL;
    flat_count k = {0, 0, 0, {INFINITY, INFINITY, -INFINITY, -INFINITY}};
    for (size_t i = 0; i < n; i++)
        if (!wkb_unit(wkb[i], wkb_size[i], NULL, i, &k))
            return NULL;
    povatlas_render_flat *f = g_new0(povatlas_render_flat, 1);
    f->n = n;
    f->unit_poly = g_new0(size_t, n + 1);
    f->multi = g_new0(unsigned char, n);
    f->poly_ring = g_new0(size_t, k.polys + 1);
    f->ring_pt = g_new0(size_t, k.rings + 1);
    f->xy = g_new(double, 2 * k.points);
    memcpy(extent, k.ext, sizeof(k.ext));
    k.polys = k.rings = k.points = 0;
    for (size_t i = 0; i < n; i++)
        wkb_unit(wkb[i], wkb_size[i], f, i, &k);
    return f;
}

void povatlas_render_flat_free(povatlas_render_flat *f)
{
    if (f == NULL)
        return;
    g_free(f->unit_poly);
    g_free(f->multi);
    g_free(f->poly_ring);
    g_free(f->ring_pt);
    g_free(f->xy);
    g_free(f);
}

size_t povatlas_render_flat_to_metres(const povatlas_render_proj *p,
                                      povatlas_render_flat *f, double extent[4])
{
    job jobs[MAX_THREADS];
    size_t nt = thread_count(f->n);
    part tmpl = {.proj = p, .flat = f};
    no_extent(&tmpl);
    split(jobs, nt, f->n, &tmpl, PASS_FLAT_METRES);
    size_t failed = run_parts(jobs, nt, NULL);
    merge_extent(jobs, nt, extent);
    return failed;
}

size_t povatlas_render_flat_to_page(const povatlas_render_proj *p,
                                    GEOSContextHandle_t h,
                                    povatlas_render_flat *f, double simplify_px,
                                    GEOSGeometry **page,
                                    char why[POVATLAS_RENDER_WHY])
{
    job jobs[MAX_THREADS];
    size_t nt = thread_count(f->n);
    part tmpl = {.proj = p, .flat = f, .out = page, .simplify_px = simplify_px};
    for (size_t i = 0; i < f->n; i++)
        page[i] = NULL;
    split(jobs, nt, f->n, &tmpl, PASS_FLAT_PAGE);
    size_t failed = run_parts(jobs, nt, why);
    if (failed)
        destroy_made(h, page, f->n);
    return failed;
}
