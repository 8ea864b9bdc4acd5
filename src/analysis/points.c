/*
 * points.c - neighbours of points (centroids): the k nearest (spdep
 * knearneigh + knn2nb) through a uniform grid searched ring by ring, and
 * distance bands (spdep dnearneigh) by a sweep along x. Polygon
 * contiguity is in weights.c and snap.c. Every array, the links among
 * them, is a checked allocation (core/alloc.h): out of memory is
 * POVATLAS_E_NOMEM.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_private.h"

static povatlas_status check_points(const double *xy, size_t n,
                                    povatlas_error **err)
{
    if (xy == NULL || n == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no points given");
    for (size_t i = 0; i < 2 * n; i++)
        if (!isfinite(xy[i]))
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, NULL,
                                         (long)(i / 2) + 1, NULL,
                                         "point coordinate is not finite");
    return POVATLAS_OK;
}

/* ---- k nearest ------------------------------------------------------ */

/* Points bucketed in a uniform grid of about one point per cell; each
 * cell lists its points in input order. */
typedef struct point_grid {
    double x0, y0, side;
    size_t nx, ny;
    size_t *start; /* nx * ny + 1 */
    size_t *item;  /* n */
} point_grid;

static size_t grid_coord(double v, double v0, double side, size_t nmax)
{
    double c = floor((v - v0) / side);
    if (!(c > 0))
        return 0;
    return c >= (double)nmax ? nmax - 1 : (size_t)c;
}

static int point_grid_build(const double *xy, size_t n, point_grid *g)
{
    double x1 = -INFINITY, y1 = -INFINITY;
    g->x0 = g->y0 = INFINITY;
    for (size_t i = 0; i < n; i++) {
        g->x0 = fmin(g->x0, xy[2 * i]), x1 = fmax(x1, xy[2 * i]);
        g->y0 = fmin(g->y0, xy[2 * i + 1]), y1 = fmax(y1, xy[2 * i + 1]);
    }
    double w = x1 - g->x0, h = y1 - g->y0;
    g->side = w > 0 && h > 0 ? sqrt(w * h / (double)n) : fmax(w, h) / n;
    if (!(g->side > 0))
        g->side = 1;
    g->nx = (size_t)fmin(floor(w / g->side) + 1, 4.0 * n + 1);
    g->ny = (size_t)fmin(floor(h / g->side) + 1, 4.0 * n + 1);
    if (g->nx * g->ny > 4 * n + 16) { /* a thin strip: coarser cells */
        g->side = fmax(w, h) / (double)n;
        g->nx = (size_t)floor(w / g->side) + 1;
        g->ny = (size_t)floor(h / g->side) + 1;
    }
    size_t cells = g->nx * g->ny;
    g->start = povatlas_try_calloc(cells + 1, sizeof *g->start);
    g->item = povatlas_try_malloc(n * sizeof *g->item);
    if (g->start == NULL || g->item == NULL)
        return 0;
    for (size_t i = 0; i < n; i++)
        g->start[grid_coord(xy[2 * i + 1], g->y0, g->side, g->ny) * g->nx +
                 grid_coord(xy[2 * i], g->x0, g->side, g->nx) + 1]++;
    for (size_t c = 0; c < cells; c++)
        g->start[c + 1] += g->start[c];
    for (size_t i = 0; i < n; i++) /* ascending i: cells keep input order */
        g->item[g->start[grid_coord(xy[2 * i + 1], g->y0, g->side, g->ny) *
                             g->nx +
                         grid_coord(xy[2 * i], g->x0, g->side, g->nx)]++] = i;
    for (size_t c = cells; c > 0; c--)
        g->start[c] = g->start[c - 1];
    g->start[0] = 0;
    return 1;
}

/* The k best (squared distance, index) so far, in lexicographic order:
 * among equal distances the earlier feature wins (spdep knearneigh). */
typedef struct knn_best {
    size_t k, len;
    double *d2;
    size_t *j;
} knn_best;

static void knn_offer(knn_best *b, double d2, size_t j)
{
    if (b->len == b->k && !(d2 < b->d2[b->k - 1] ||
                            (d2 == b->d2[b->k - 1] && j < b->j[b->k - 1])))
        return;
    size_t p = b->len < b->k ? b->len++ : b->k - 1;
    while (p > 0 &&
           (d2 < b->d2[p - 1] || (d2 == b->d2[p - 1] && j < b->j[p - 1]))) {
        b->d2[p] = b->d2[p - 1];
        b->j[p] = b->j[p - 1];
        p--;
    }
    b->d2[p] = d2;
    b->j[p] = j;
}

static void knn_cell(const point_grid *g, const double *xy, size_t i, size_t cx,
                     size_t cy, knn_best *b)
{
    size_t c = cy * g->nx + cx;
    for (size_t p = g->start[c]; p < g->start[c + 1]; p++) {
        size_t j = g->item[p];
        if (j == i)
            continue;
        double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];
        knn_offer(b, dx * dx + dy * dy, j); /* squared, as spdep's C */
    }
}

/* Rings of cells around i's cell until no farther cell can hold a point
 * as close as the k-th best (a margin keeps rounding from hiding ties). */
static void knn_of(const point_grid *g, const double *xy, size_t i, knn_best *b)
{
    long cx = (long)grid_coord(xy[2 * i], g->x0, g->side, g->nx);
    long cy = (long)grid_coord(xy[2 * i + 1], g->y0, g->side, g->ny);
    long nx = (long)g->nx, ny = (long)g->ny, rmax = nx > ny ? nx : ny;
    b->len = 0;
    for (long r = 0; r <= rmax; r++) {
        for (long y = cy - r; y <= cy + r; y++) {
            if (y < 0 || y >= ny)
                continue;
            long step = (y == cy - r || y == cy + r) ? 1 : 2 * r;
            for (long x = cx - r; x <= cx + r; x += step > 0 ? step : 1)
                if (x >= 0 && x < nx)
                    knn_cell(g, xy, i, (size_t)x, (size_t)y, b);
        }
        double reach = (double)r * g->side; /* nearest cell of ring r + 1 */
        if (b->len == b->k && reach * reach > b->d2[b->k - 1] * (1 + 1e-9))
            break;
    }
}

povatlas_weights *povatlas_weights_knn(const double *xy, size_t n, int k,
                                       povatlas_error **err)
{
    if (check_points(xy, n, err) != POVATLAS_OK)
        return NULL;
    if (k < 1 || (size_t)k >= n) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "k = %d nearest neighbours needs 1 <= k < %zu", k,
                           n);
        return NULL;
    }
    size_t kk = (size_t)k;
    point_grid g = {0};
    knn_best b = {kk, 0, povatlas_try_malloc(kk * sizeof(double)), NULL};
    size_t *off = povatlas_try_malloc((n + 1) * sizeof *off);
    size_t *nbr = povatlas_try_malloc(n * kk * sizeof *nbr);
    povatlas_weights *w = NULL;
    if (b.d2 && off && nbr && point_grid_build(xy, n, &g)) {
        for (size_t i = 0; i <= n; i++)
            off[i] = i * kk;
        for (size_t i = 0; i < n; i++) {
            b.j = nbr + i * kk;
            knn_of(&g, xy, i, &b);
        }
        w = povatlas_weights_adopt_(n, off, nbr);
        off = NULL;
        nbr = NULL;
    }
    if (w == NULL)
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    free(off);
    free(nbr);
    free(b.d2);
    free(g.start);
    free(g.item);
    return w;
}

/* ---- distance band -------------------------------------------------- */

/* Sweep along x: only points with |x_j - x_i| <= d can be neighbours.
 * (x, index) pairs are sorted, since qsort() takes no user data. */
typedef struct xkey {
    double x;
    size_t i;
} xkey;

static int cmp_xkey(const void *a, const void *b)
{
    const xkey *p = a, *q = b;
    if (p->x != q->x)
        return (p->x > q->x) - (p->x < q->x);
    return (p->i > q->i) - (p->i < q->i);
}

/* 0 when out of memory. */
static int band_links(const double *xy, const xkey *ord, size_t n, double d,
                      byte_buf *links)
{
    for (size_t p = 0; p < n; p++) {
        size_t i = ord[p].i;
        for (size_t q = p + 1; q < n && ord[q].x - ord[p].x <= d; q++) {
            size_t j = ord[q].i;
            double dx = xy[2 * j] - xy[2 * i],
                   dy = xy[2 * j + 1] - xy[2 * i + 1];
            double dist = sqrt(dx * dx + dy * dy);
            if (dist > 0 && dist <= d) {
                size_t l[4] = {i, j, j, i};
                if (byte_buf_push(links, l, sizeof l) < 0)
                    return 0;
            }
        }
    }
    return 1;
}

povatlas_weights *povatlas_weights_distance_band(const double *xy, size_t n,
                                                 double max_dist,
                                                 povatlas_error **err)
{
    if (check_points(xy, n, err) != POVATLAS_OK)
        return NULL;
    if (!(max_dist > 0) || !isfinite(max_dist)) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "distance band must be a positive number");
        return NULL;
    }
    xkey *ord = povatlas_try_malloc(n * sizeof *ord);
    byte_buf links = {0};
    povatlas_weights *w = NULL;
    if (ord != NULL) {
        for (size_t i = 0; i < n; i++)
            ord[i] = (xkey){xy[2 * i], i};
        qsort(ord, n, sizeof *ord, cmp_xkey);
        if (band_links(xy, ord, n, max_dist, &links))
            w = povatlas_weights_from_links_(n,
                                             (const size_t *)(void *)links.data,
                                             links.len / (2 * sizeof(size_t)));
    }
    if (w == NULL)
        povatlas_error_set(err, POVATLAS_E_NOMEM,
                           "out of memory for the distance band");
    free(ord);
    byte_buf_clear(&links);
    return w;
}
