/*
 * snap.c - contiguity by vertex snapping (spdep poly2nb(snap = d)): counts,
 * for pairs of polygons, the vertex pairs (a of i, b of j) closer than d,
 * and links the pairs with enough of them (queen >= 1, rook >= 2). Every
 * vertex of every ring counts except each feature's very first coordinate
 * (spdep drops it). Distance-based contiguity and points: weights.c.
 *
 * Method: bounding boxes grown by d give candidate pairs (sweep along x);
 * for each feature i its vertices go into a small hash of grid cells (side
 * >= d, so a pair within d lies in adjacent cells), and the vertices of
 * each candidate j inside i's grown box probe the 3 x 3 cells around
 * them. Everything per feature fits in cache: 10,600 polygons of 300
 * vertices take a fraction of a second. (A global sort of all 3.2 M
 * vertices was bound by page faults; a global hash by cache misses.)
 * Every array grows through core/alloc.h: out of memory is
 * POVATLAS_E_NOMEM, not an abort inside GLib.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_private.h"
#include "core/alloc.h"
#include "core/threads.h"

typedef struct snap_point {
    double x, y;
} snap_point;

typedef struct box {
    double x0, y0, x1, y1;
} box;

/* ---- reading vertices straight from WKB ------------------------------
 * GEOS would build 10,600 geometries (about 80 MB of coordinate arrays)
 * only to be read once; the WKB polygon layout is simple enough to walk.
 * 2D, Z, M and ZM, ISO and EWKB type codes, either byte order. Polygons
 * are re-read when needed rather than kept: small buffers stay in cache,
 * and fresh memory costs a page fault per 4 kB. */

typedef struct wkb_cursor {
    const unsigned char *p, *end;
    int swap; /* 1 when the byte order differs from the host's */
} wkb_cursor;

static int host_little(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

static int rd_bytes(wkb_cursor *c, void *out, size_t n)
{
    if ((size_t)(c->end - c->p) < n)
        return 0;
    unsigned char *o = out;
    for (size_t i = 0; i < n; i++)
        o[i] = c->swap ? c->p[n - 1 - i] : c->p[i];
    c->p += n;
    return 1;
}

static int rd_u32(wkb_cursor *c, uint32_t *v) { return rd_bytes(c, v, 4); }

/* Byte order and type; *dims = 2..4 ordinates per point. */
static int rd_header(wkb_cursor *c, uint32_t *type, unsigned *dims)
{
    uint32_t t, srid;
    if (c->p >= c->end)
        return 0;
    c->swap = (*c->p++ == 1) != host_little();
    if (!rd_u32(c, &t))
        return 0;
    *dims = 2 + ((t & 0x80000000u) != 0) + ((t & 0x40000000u) != 0);
    if ((t & 0x20000000u) && !rd_u32(c, &srid))
        return 0;
    t &= 0xffffu;
    if (t >= 1000 && t < 4000) {
        *dims = 2 + (t / 1000 == 3 ? 2 : 1);
        t %= 1000;
    }
    *type = t;
    return 1;
}

/* The points of @b, an array of snap_point. */
#define N_POINTS(b) ((b)->len / sizeof(snap_point))
#define POINTS(b) ((const snap_point *)(const void *)(b)->data)

/* What the readers return: 1 read, 0 unreadable WKB, -1 out of memory. */

/* Appends the points of one ring (skipping @skip of them at its start). */
static int rd_ring(wkb_cursor *c, unsigned dims, unsigned skip, byte_buf *pts)
{
    uint32_t np;
    if (!rd_u32(c, &np) || (size_t)(c->end - c->p) / (8 * dims) < np)
        return 0;
    if (!c->swap && dims == 2) { /* the usual case: copy the ring at once */
        uint32_t keep = np > skip ? np - skip : 0;
        if (byte_buf_push(pts, c->p + sizeof(snap_point) * (np - keep),
                          sizeof(snap_point) * keep) < 0)
            return -1;
        c->p += sizeof(snap_point) * np;
        return 1;
    }
    for (uint32_t k = 0; k < np; k++) {
        snap_point q;
        if (!rd_bytes(c, &q.x, 8) || !rd_bytes(c, &q.y, 8))
            return 0;
        c->p += 8 * (dims - 2);
        if (k >= skip && byte_buf_push(pts, &q, sizeof q) < 0)
            return -1;
    }
    return 1;
}

/* A polygon; *first is 1 until the feature's first coordinate is gone. */
static int rd_polygon(wkb_cursor *c, unsigned dims, int *first, byte_buf *pts)
{
    uint32_t nr;
    if (!rd_u32(c, &nr))
        return 0;
    for (uint32_t r = 0; r < nr; r++) {
        int ok = rd_ring(c, dims, *first ? 1 : 0, pts);
        if (ok <= 0)
            return ok;
        *first = 0;
    }
    return 1;
}

/* The vertices of a polygon or multipolygon (each part with its own
 * header) into @pts, replacing its contents; 0 for unreadable WKB. */
static int rd_feature(const unsigned char *wkb, size_t size, byte_buf *pts)
{
    wkb_cursor c = {wkb, wkb + size, 0};
    uint32_t type, parts = 1;
    unsigned dims;
    int first = 1;
    pts->len = 0;
    if (wkb == NULL || !rd_header(&c, &type, &dims))
        return 0;
    if (type == 3)
        return rd_polygon(&c, dims, &first, pts);
    if (type != 6 || !rd_u32(&c, &parts))
        return 0;
    for (uint32_t p = 0; p < parts; p++) {
        if (!rd_header(&c, &type, &dims) || type != 3)
            return 0;
        int ok = rd_polygon(&c, dims, &first, pts);
        if (ok <= 0)
            return ok;
    }
    return 1;
}

/* ---- candidate pairs from boxes -------------------------------------- */

static box points_box(const byte_buf *pts)
{
    box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t k = 0; k < N_POINTS(pts); k++) {
        const snap_point *q = &POINTS(pts)[k];
        b.x0 = fmin(b.x0, q->x), b.x1 = fmax(b.x1, q->x);
        b.y0 = fmin(b.y0, q->y), b.y1 = fmax(b.y1, q->y);
    }
    return b;
}

typedef struct xorder {
    double x0;
    size_t i;
} xorder;

static int cmp_xorder(const void *a, const void *b)
{
    const xorder *p = a, *q = b;
    if (p->x0 != q->x0)
        return (p->x0 > q->x0) - (p->x0 < q->x0);
    return (p->i > q->i) - (p->i < q->i);
}

/* Pairs (lo, hi) whose boxes grown by d overlap, appended as size_t; 0
 * when out of memory. */
static int box_pairs(const box *bx, size_t n, double d, byte_buf *cand)
{
    xorder *ord = povatlas_try_calloc(n, sizeof *ord);
    if (ord == NULL)
        return 0;
    for (size_t i = 0; i < n; i++)
        ord[i] = (xorder){bx[i].x0, i};
    qsort(ord, n, sizeof *ord, cmp_xorder);
    for (size_t p = 0; p < n; p++) {
        const box *a = &bx[ord[p].i];
        if (!(a->x0 <= a->x1))
            continue; /* no vertices */
        for (size_t q = p + 1; q < n && ord[q].x0 <= a->x1 + d; q++) {
            const box *b = &bx[ord[q].i];
            if (b->y0 > a->y1 + d || a->y0 > b->y1 + d)
                continue;
            size_t i = ord[p].i, j = ord[q].i;
            size_t pr[2] = {i < j ? i : j, i < j ? j : i};
            if (byte_buf_push(cand, pr, sizeof pr) < 0) {
                free(ord);
                return 0;
            }
        }
    }
    free(ord);
    return 1;
}

static int cmp_pair(const void *a, const void *b)
{
    const size_t *p = a, *q = b;
    if (p[0] != q[0])
        return (p[0] > q[0]) - (p[0] < q[0]);
    return (p[1] > q[1]) - (p[1] < q[1]);
}

/* ---- counting vertex pairs of one feature against candidates ---------- */

/* The vertices of feature i bucketed by a hash of their cell. */
typedef struct cell_hash {
    double cell;
    size_t mask;
    byte_buf start;  /* size_t, mask + 2 */
    byte_buf entry;  /* snap_point, in bucket order */
    byte_buf cx, cy; /* int64_t, cell of each entry */
} cell_hash;

static void cell_hash_clear(cell_hash *h)
{
    byte_buf_clear(&h->start);
    byte_buf_clear(&h->entry);
    byte_buf_clear(&h->cx);
    byte_buf_clear(&h->cy);
}

#define AT(b, type) ((type *)(void *)(b).data)

static size_t bucket_of(int64_t cx, int64_t cy, size_t mask)
{
    uint64_t h = (uint64_t)cx * 0x9e3779b97f4a7c15ULL ^
                 (uint64_t)cy * 0xc2b2ae3d27d4eb4fULL;
    return (size_t)((h ^ (h >> 31)) & mask);
}

/* 0 when out of memory. */
static int cell_hash_fill(cell_hash *h, const byte_buf *pts)
{
    size_t n = N_POINTS(pts), size = 16;
    while (size < 2 * n)
        size <<= 1;
    h->mask = size - 1;
    if (byte_buf_resize(&h->start, (size + 1) * sizeof(size_t)) < 0 ||
        byte_buf_resize(&h->entry, n * sizeof(snap_point)) < 0 ||
        byte_buf_resize(&h->cx, n * sizeof(int64_t)) < 0 ||
        byte_buf_resize(&h->cy, n * sizeof(int64_t)) < 0)
        return 0;
    size_t *st = AT(h->start, size_t);
    memset(st, 0, (size + 1) * sizeof *st);
    for (size_t k = 0; k < n; k++) {
        const snap_point *q = &POINTS(pts)[k];
        st[bucket_of((int64_t)floor(q->x / h->cell),
                     (int64_t)floor(q->y / h->cell), h->mask) +
           1]++;
    }
    for (size_t b = 0; b < size; b++)
        st[b + 1] += st[b];
    for (size_t k = 0; k < n; k++) {
        const snap_point *q = &POINTS(pts)[k];
        int64_t cx = (int64_t)floor(q->x / h->cell);
        int64_t cy = (int64_t)floor(q->y / h->cell);
        size_t pos = st[bucket_of(cx, cy, h->mask)]++;
        AT(h->entry, snap_point)[pos] = *q;
        AT(h->cx, int64_t)[pos] = cx;
        AT(h->cy, int64_t)[pos] = cy;
    }
    for (size_t b = size; b > 0; b--) /* undo the fill shift */
        st[b] = st[b - 1];
    st[0] = 0;
    return 1;
}

/* Vertex pairs within d between the hashed feature and point q. */
static size_t probe(const cell_hash *h, const snap_point *q, double d)
{
    const size_t *st = AT(h->start, const size_t);
    int64_t qx = (int64_t)floor(q->x / h->cell);
    int64_t qy = (int64_t)floor(q->y / h->cell);
    size_t count = 0;
    for (int64_t cy = qy - 1; cy <= qy + 1; cy++)
        for (int64_t cx = qx - 1; cx <= qx + 1; cx++) {
            size_t b = bucket_of(cx, cy, h->mask);
            for (size_t p = st[b]; p < st[b + 1]; p++) {
                const snap_point *a = &AT(h->entry, const snap_point)[p];
                if (AT(h->cx, const int64_t)[p] != cx ||
                    AT(h->cy, const int64_t)[p] != cy)
                    continue;
                double ex = a->x - q->x, ey = a->y - q->y;
                if (fabs(ex) <= d && fabs(ey) <= d && hypot(ex, ey) <= d)
                    count++;
            }
        }
    return count;
}

/* Vertex pairs between feature i (hashed, box bi) and the points of j;
 * counting may stop once it reaches @stop. */
static size_t count_pairs(const cell_hash *h, const box *bi, const byte_buf *pj,
                          double d, size_t stop)
{
    size_t count = 0;
    for (size_t k = 0; k < N_POINTS(pj) && count < stop; k++) {
        const snap_point *q = &POINTS(pj)[k];
        if (q->x < bi->x0 - d || q->x > bi->x1 + d || q->y < bi->y0 - d ||
            q->y > bi->y1 + d)
            continue;
        count += probe(h, q, d);
    }
    return count;
}

/* Cell side: d, enlarged where needed so that cell indices stay far from
 * int64 overflow (d = 0 still finds coincident vertices). */
static double cell_side(const box *bx, size_t n, double d)
{
    double span = 0;
    for (size_t i = 0; i < n; i++)
        if (bx[i].x0 <= bx[i].x1)
            span = fmax(span, fmax(fmax(fabs(bx[i].x0), fabs(bx[i].x1)),
                                   fmax(fabs(bx[i].y0), fabs(bx[i].y1))));
    double min_cell = span > 0 ? span / 1e15 : 1e-300;
    return d > min_cell ? d : min_cell;
}

static povatlas_status read_boxes(const unsigned char *const *wkb,
                                  const size_t *wkb_size, size_t n, box *bx,
                                  byte_buf *pts, povatlas_error **err)
{
    for (size_t i = 0; i < n; i++) {
        int ok = rd_feature(wkb[i], wkb_size[i], pts);
        if (ok < 0)
            return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                      "out of memory for the vertices of "
                                      "unit %zu",
                                      i + 1);
        if (!ok)
            return povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL,
                                         (long)i + 1, NULL,
                                         "unreadable WKB: not a polygon or "
                                         "multipolygon");
        bx[i] = points_box(pts);
    }
    return POVATLAS_OK;
}

/* Tests candidate pairs [from, to) of @cand, sorted by their first feature,
 * appending links to @links. */
typedef struct cand_part {
    const unsigned char *const *wkb;
    const size_t *wkb_size;
    const box *bx;
    const size_t *cand;
    size_t from, to;
    double d, cell;
    size_t min_pairs;
    byte_buf *links; /* size_t pairs */
    int nomem;       /* set when an allocation failed: links incomplete */
} cand_part;

static gpointer test_candidates(gpointer data)
{
    cand_part *cp = data;
    cell_hash h = {.cell = cp->cell};
    byte_buf pi = {0}, pj = {0};
    const size_t *c = cp->cand;
    size_t cur = (size_t)-1;
    for (size_t k = cp->from; k < cp->to && !cp->nomem; k++) {
        size_t i = c[2 * k], j = c[2 * k + 1];
        /* read before: valid WKB, so only memory can fail */
        if (i != cur) {
            if (rd_feature(cp->wkb[i], cp->wkb_size[i], &pi) < 0 ||
                !cell_hash_fill(&h, &pi)) {
                cp->nomem = 1;
                break;
            }
            cur = i;
        }
        if (rd_feature(cp->wkb[j], cp->wkb_size[j], &pj) < 0) {
            cp->nomem = 1;
            break;
        }
        if (count_pairs(&h, &cp->bx[i], &pj, cp->d, cp->min_pairs) >=
            cp->min_pairs) {
            size_t l[4] = {i, j, j, i};
            if (byte_buf_push(cp->links, l, sizeof l) < 0)
                cp->nomem = 1;
        }
    }
    cell_hash_clear(&h);
    byte_buf_clear(&pi);
    byte_buf_clear(&pj);
    return NULL;
}

/* The candidates in two halves (split where the first feature changes)
 * on two threads when there are enough of them; the links are the same
 * set in any order (the weights sort each row). */
static int test_all_candidates(cand_part *whole, size_t nc, byte_buf *links)
{
    size_t half = nc / 2;
    while (half > 0 && half < nc &&
           whole->cand[2 * half] == whole->cand[2 * (half - 1)])
        half++;
    if (nc < 4096 || povatlas_threads_() < 2 || half >= nc) {
        whole->from = 0;
        whole->to = nc;
        whole->links = links;
        test_candidates(whole);
        return !whole->nomem;
    }
    cand_part second = *whole;
    byte_buf second_links = {0};
    second.from = half;
    second.to = nc;
    second.links = &second_links;
    GThread *th =
        g_thread_try_new("povatlas-snap", test_candidates, &second, NULL);
    whole->from = 0;
    whole->to = half;
    whole->links = links;
    test_candidates(whole);
    if (th)
        g_thread_join(th);
    else
        test_candidates(&second);
    int ok = !whole->nomem && !second.nomem &&
             byte_buf_push(links, second_links.data, second_links.len) == 0;
    byte_buf_clear(&second_links);
    return ok;
}

povatlas_status povatlas_snap_links_(const unsigned char *const *wkb,
                                     const size_t *wkb_size, size_t n, double d,
                                     size_t min_pairs, byte_buf *links,
                                     povatlas_error **err)
{
    box *bx = povatlas_try_calloc(n, sizeof *bx);
    byte_buf pts = {0}, cand = {0};
    povatlas_status st =
        bx ? POVATLAS_OK
           : povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the units' extents");
    if (st == POVATLAS_OK)
        st = read_boxes(wkb, wkb_size, n, bx, &pts, err);
    if (st == POVATLAS_OK && !box_pairs(bx, n, d, &cand))
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the candidate neighbours");
    size_t nc = cand.len / (2 * sizeof(size_t));
    if (st == POVATLAS_OK && nc > 0) {
        qsort(cand.data, nc, 2 * sizeof(size_t), cmp_pair);
        cand_part whole = {wkb,       wkb_size, bx, AT(cand, const size_t),
                           0,         0,        d,  cell_side(bx, n, d),
                           min_pairs, links,    0};
        if (!test_all_candidates(&whole, nc, links))
            st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                    "out of memory for the shared vertices");
    }
    free(bx);
    byte_buf_clear(&pts);
    byte_buf_clear(&cand);
    return st;
}

static double min_vertex_distance(const byte_buf *a, const byte_buf *b)
{
    double best = INFINITY;
    for (size_t i = 0; i < N_POINTS(a); i++)
        for (size_t j = 0; j < N_POINTS(b); j++) {
            const snap_point *p = &POINTS(a)[i];
            const snap_point *q = &POINTS(b)[j];
            best = fmin(best, hypot(p->x - q->x, p->y - q->y));
        }
    return best;
}

povatlas_status
povatlas_snap_pair_stats_(const unsigned char *wkb_i, size_t size_i,
                          const unsigned char *wkb_j, size_t size_j, double d,
                          size_t *pairs, double *min_dist, povatlas_error **err)
{
    byte_buf pi = {0}, pj = {0};
    povatlas_status st = POVATLAS_OK;
    int oki = rd_feature(wkb_i, size_i, &pi);
    int okj = oki > 0 ? rd_feature(wkb_j, size_j, &pj) : 0;
    cell_hash h = {.cell = d > 0 ? d : 1e-9};
    if (oki < 0 || okj < 0) {
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the vertices");
    } else if (!oki || !okj) {
        st = povatlas_error_set(err, POVATLAS_E_GEOM, "unreadable WKB");
    } else if (!cell_hash_fill(&h, &pi)) {
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the vertices");
    } else {
        box bi = points_box(&pi);
        *pairs = count_pairs(&h, &bi, &pj, d, SIZE_MAX);
        *min_dist = min_vertex_distance(&pi, &pj);
    }
    cell_hash_clear(&h);
    byte_buf_clear(&pi);
    byte_buf_clear(&pj);
    return st;
}
