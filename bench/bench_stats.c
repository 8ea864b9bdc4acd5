/*
 * bench_stats.c - times the analysis job at national scale: ~10,600
 * synthetic adjacent communes (a perturbed lattice of quadrilaterals whose
 * shared edges are densified to 75 vertices each, 300 per polygon, and
 * wiggle identically on both sides), then queen/rook/queen_dist weights,
 * centroids and k-NN, global Moran, local Moran + Gi*, LISA with 999
 * conditional permutations and Fisher-Jenks. Not a test; not in CTest.
 *
 * Build from the repository root (no CMake target, on purpose):
 *   gcc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc \
 *     bench/bench_stats.c src/analysis/{breaks,numeric,snap,points}.c \
 *     src/analysis/{weights,moran,local,ebayes,permute}.c
 * src/core/{error,rng}.c \
 *     $(pkg-config --cflags --libs geos glib-2.0) -lm -o /tmp/bench_stats
 * or link the CMake library instead of the sources:
 *   gcc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude \
 *     bench/bench_stats.c build/libpovatlas.a $(pkg-config --libs gdal \
 *     proj geos spatialite sqlite3 cairo pangocairo glib-2.0) -lcsv -lm
 * Run: /tmp/bench_stats [side [snap_m]]  (side x side communes, default
 *   103 = 10,609; snap tolerance default 50 m as in the README)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "povatlas/breaks.h"
#include "povatlas/stats.h"

#define EDGE_PTS 75    /* vertices per edge, 4 edges: 300 per polygon */
#define CELL_M 1000.0  /* lattice step, metres */
#define JITTER_M 200.0 /* corner perturbation */
#define WIGGLE_M 30.0  /* edge wiggle amplitude */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Deterministic value in [-1, 1) from two integers. */
static double hash_unit(long a, long b, unsigned salt)
{
    unsigned long long h = (unsigned long long)a * 0x9e3779b97f4a7c15ULL ^
                           (unsigned long long)b * 0xc2b2ae3d27d4eb4fULL ^
                           salt * 0x165667b19e3779f9ULL;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return (double)(h >> 11) / 4503599627370496.0 - 1.0;
}

/* Perturbed lattice corner (i, j): the same for all four cells. */
static void corner(long i, long j, double *x, double *y)
{
    *x = 300000 + i * CELL_M + JITTER_M * hash_unit(i, j, 1);
    *y = 1200000 + j * CELL_M + JITTER_M * hash_unit(i, j, 2);
}

/* Points of the edge from corner a to corner b, a included, b excluded.
 * Computed from the canonical direction (smaller corner first) so that
 * both cells sharing the edge get bit-identical vertices. */
static void edge_points(long ai, long aj, long bi, long bj, double *out)
{
    int flip = (ai > bi) || (ai == bi && aj > bj);
    long si = flip ? bi : ai, sj = flip ? bj : aj;
    long ti = flip ? ai : bi, tj = flip ? aj : bj;
    double x0, y0, x1, y1, pts[2 * (EDGE_PTS + 1)];
    corner(si, sj, &x0, &y0);
    corner(ti, tj, &x1, &y1);
    double len = hypot(x1 - x0, y1 - y0),
           amp = WIGGLE_M * hash_unit(si, sj, 3 + (ti > si));
    for (int k = 0; k <= EDGE_PTS; k++) {
        double t = (double)k / EDGE_PTS,
               w = amp * sin(3 * 3.14159265358979323846 * t);
        pts[2 * k] = x0 + t * (x1 - x0) - w * (y1 - y0) / len;
        pts[2 * k + 1] = y0 + t * (y1 - y0) + w * (x1 - x0) / len;
    }
    pts[0] = x0, pts[1] = y0; /* exact corners */
    pts[2 * EDGE_PTS] = x1, pts[2 * EDGE_PTS + 1] = y1;
    for (int k = 0; k < EDGE_PTS; k++) {
        int src = flip ? EDGE_PTS - k : k;
        out[2 * k] = pts[2 * src];
        out[2 * k + 1] = pts[2 * src + 1];
    }
}

static void put_u32(unsigned char **p, unsigned v)
{
    memcpy(*p, &v, 4); /* little-endian hosts only (x86, arm64) */
    *p += 4;
}

/* WKB polygon (little endian) of cell (i, j), corners counter-clockwise. */
static unsigned char *cell_wkb(long i, long j, size_t *size)
{
    long c[5][2] = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}, {i, j}};
    unsigned npts = 4 * EDGE_PTS + 1;
    *size = 1 + 4 + 4 + 4 + (size_t)npts * 16;
    unsigned char *buf = malloc(*size), *p = buf;
    double ring[2 * 4 * EDGE_PTS + 2];
    for (int e = 0; e < 4; e++)
        edge_points(c[e][0], c[e][1], c[e + 1][0], c[e + 1][1],
                    ring + 2 * e * EDGE_PTS);
    ring[8 * EDGE_PTS] = ring[0];
    ring[8 * EDGE_PTS + 1] = ring[1];
    *p++ = 1;
    put_u32(&p, 3);
    put_u32(&p, 1);
    put_u32(&p, npts);
    memcpy(p, ring, (size_t)npts * 16);
    return buf;
}

static void die_on(povatlas_error *err, const char *what)
{
    if (err == NULL)
        return;
    fprintf(stderr, "%s: %s\n", what, err->message);
    exit(1);
}

static povatlas_weights *timed_weights(const unsigned char *const *wkb,
                                       const size_t *sz, size_t n,
                                       povatlas_contiguity kind, double snap,
                                       const char *name)
{
    povatlas_error *err = NULL;
    double t = now_s();
    povatlas_weights *w =
        povatlas_weights_contiguity(wkb, sz, n, kind, snap, &err);
    die_on(err, name);
    printf("%-28s %8.3f s  (%zu links, %zu islands)\n", name, now_s() - t,
           povatlas_weights_n_links(w), povatlas_weights_n_islands(w));
    return w;
}

int main(int argc, char **argv)
{
    long side = argc > 1 ? strtol(argv[1], NULL, 10) : 103;
    double snap = argc > 2 ? strtod(argv[2], NULL) : 50.0;
    size_t n = (size_t)(side * side);
    unsigned char **wkb = malloc(n * sizeof *wkb);
    size_t *sz = malloc(n * sizeof *sz);
    double *x = malloc(n * sizeof *x), *xy = malloc(2 * n * sizeof *xy);
    double *p = malloc(n * sizeof *p);
    int *cat = malloc(n * sizeof *cat);
    for (long j = 0; j < side; j++)
        for (long i = 0; i < side; i++) {
            size_t k = (size_t)(j * side + i);
            wkb[k] = cell_wkb(i, j, &sz[k]);
            x[k] = 0.05 + 0.03 * sin(i / 9.0) * cos(j / 13.0) +
                   0.01 * hash_unit(i, j, 9);
        }
    printf("%zu communes x %d vertices, snap %g m\n", n, 4 * EDGE_PTS, snap);
    const unsigned char *const *cw = (const unsigned char *const *)wkb;
    povatlas_error *err = NULL;

    povatlas_weights *q = timed_weights(cw, sz, n, POVATLAS_CONTIGUITY_QUEEN,
                                        snap, "queen weights");
    povatlas_weights_free(timed_weights(cw, sz, n, POVATLAS_CONTIGUITY_ROOK,
                                        snap, "rook weights"));
    povatlas_weights_free(timed_weights(
        cw, sz, n, POVATLAS_CONTIGUITY_QUEEN_DIST, snap, "queen_dist (GEOS)"));

    double t = now_s();
    povatlas_centroids_from_wkb(cw, sz, n, xy, &err);
    die_on(err, "centroids");
    povatlas_weights *kn = povatlas_weights_knn(xy, n, 6, &err);
    die_on(err, "knn");
    printf("%-28s %8.3f s\n", "centroids + knn6", now_s() - t);

    povatlas_global_stats g;
    t = now_s();
    povatlas_global_compute(q, x, n, &g, &err);
    die_on(err, "global");
    printf("%-28s %8.3f s  (I = %.4f, z = %.1f)\n", "global Moran + Geary",
           now_s() - t, g.moran_i, g.moran_z_rand);

    t = now_s();
    povatlas_local_stats *ls = povatlas_local_compute(q, x, n, &err);
    die_on(err, "local");
    printf("%-28s %8.3f s\n", "local Moran + Gi + Gi*", now_s() - t);

    t = now_s();
    povatlas_local_moran_perm(q, x, n, 999, 12345, p, &err);
    die_on(err, "perm");
    povatlas_lisa_categories(q, x, p, n, 0.05, POVATLAS_LISA_FDR, cat, &err);
    die_on(err, "lisa");
    double t_lisa = now_s() - t;
    size_t sig = 0;
    for (size_t i = 0; i < n; i++)
        sig += cat[i] != POVATLAS_LISA_NOT_SIGNIFICANT;
    printf("%-28s %8.3f s  (%zu significant, FDR 5 %%)\n",
           "LISA 999 perms + categories", t_lisa, sig);

    t = now_s();
    povatlas_breaks *b =
        povatlas_breaks_compute(x, n, POVATLAS_BREAKS_FISHER, 7, NULL, 0, &err);
    die_on(err, "fisher");
    printf("%-28s %8.3f s\n", "Fisher-Jenks k = 7 (exact)", now_s() - t);

    povatlas_breaks_free(b);
    povatlas_local_stats_free(ls);
    povatlas_weights_free(q);
    povatlas_weights_free(kn);
    for (size_t i = 0; i < n; i++)
        free(wkb[i]);
    free(wkb);
    free(sz);
    free(x);
    free(xy);
    free(p);
    free(cat);
    return 0;
}
