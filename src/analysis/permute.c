/*
 * permute.c - permutation inference: total-permutation pseudo p-values for
 * global Moran's I, conditional-permutation pseudo p-values for local
 * Moran I_i (GeoDa, PySAL: x_i stays, its k_i neighbour values are drawn
 * without replacement from the other n-1), and LISA cluster categories
 * with an optional Benjamini-Hochberg false discovery rate. p = (count + 1)
 * / (perms + 1) (README "Permutation tests"). The analytical moments are
 * in moran.c and local.c.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_private.h"
#include "core/alloc.h"

static povatlas_status check_perm_args(const povatlas_weights *w,
                                       const double *x, size_t n, int n_perm,
                                       povatlas_error **err)
{
    if (w == NULL || w->n != n)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "weights and variable differ in length");
    if (n_perm < 1 || n_perm > POVATLAS_PERMUTATIONS_MAX)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "number of permutations must be 1 to %d, "
                                  "found %d",
                                  POVATLAS_PERMUTATIONS_MAX, n_perm);
    if (n < 3)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "permutation tests need 3 or more "
                                  "features");
    return povatlas_check_variable_(x, n, err);
}

/* Centred copy of x (malloc). */
static double *centred(const double *x, size_t n)
{
    double *z = povatlas_try_malloc(n * sizeof *z), mean = 0;
    if (z == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        mean += x[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++)
        z[i] = x[i] - mean;
    return z;
}

/* sum_i z_i * (mean of z over i's neighbours) */
static double zwz(const povatlas_weights *w, const double *z)
{
    double s = 0;
    for (size_t i = 0; i < w->n; i++) {
        size_t k = w->off[i + 1] - w->off[i];
        double lag = 0;
        if (k == 0)
            continue;
        for (size_t p = w->off[i]; p < w->off[i + 1]; p++)
            lag += z[w->nbr[p]];
        s += z[i] * lag / (double)k;
    }
    return s;
}

static void shuffle(double *v, size_t n, povatlas_rng *rng)
{
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)povatlas_rng_below_(rng, i + 1);
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

static double pseudo_p(long count, int n_perm)
{
    return (double)(count + 1) / (double)(n_perm + 1);
}

povatlas_status povatlas_global_moran_perm(const povatlas_weights *w,
                                           const double *x, size_t n,
                                           int n_perm, uint64_t seed,
                                           povatlas_global_perm *out,
                                           povatlas_error **err)
{
    povatlas_status st = check_perm_args(w, x, n, n_perm, err);
    if (st != POVATLAS_OK)
        return st;
    size_t used = n - povatlas_weights_n_islands(w);
    if (used == 0 || out == NULL)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no feature has neighbours");
    double *z = centred(x, n);
    if (z == NULL)
        return povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    double zz = 0;
    for (size_t i = 0; i < n; i++)
        zz += z[i] * z[i];
    /* S0 = n_used for row-standardised weights, so I = zwz / zz */
    double obs = zwz(w, z) / zz, sum = 0;
    long ge = 0;
    povatlas_rng rng;
    povatlas_rng_seed_(&rng, seed);
    for (int p = 0; p < n_perm; p++) {
        shuffle(z, n, &rng);
        double ip = zwz(w, z) / zz;
        ge += ip >= obs;
        sum += ip;
    }
    free(z);
    out->moran_i = obs;
    out->mean_perm = sum / n_perm;
    out->p_greater = pseudo_p(ge, n_perm);
    out->p_folded = pseudo_p(ge < n_perm - ge ? ge : n_perm - ge, n_perm);
    return POVATLAS_OK;
}

/* A permutation of 0..n-1: feature i is parked at the end while its
 * neighbours are drawn from the front. 32-bit slots keep the pool of
 * 10,600 communes in the first-level caches; i is found by a scan once
 * per feature, cheaper than an inverse kept up to date on every draw. */
typedef struct pool {
    uint32_t *v;
    size_t n;
} pool;

static inline void pool_swap(pool *pl, uint32_t a, uint32_t b)
{
    uint32_t t = pl->v[a];
    pl->v[a] = pl->v[b];
    pl->v[b] = t;
}

static uint32_t pool_find(const pool *pl, uint32_t i)
{
    uint32_t k = 0;
    while (pl->v[k] != i)
        k++;
    return k;
}

/* Folded count for feature i: k draws without replacement from the n-1
 * others (partial Fisher-Yates on the pool's first n-1 slots). */
static long local_count(pool *pl, const double *z, size_t i, size_t k,
                        double obs_lag_sum, int n_perm, povatlas_rng *rng)
{
    uint32_t m = (uint32_t)(pl->n - 1);
    double zi = z[i], obs = zi * obs_lag_sum;
    long ge = 0;
    pool_swap(pl, pool_find(pl, (uint32_t)i), m);
    for (int p = 0; p < n_perm; p++) {
        double s = 0;
        for (uint32_t t = 0; t < k; t++) {
            pool_swap(pl, t, t + (uint32_t)povatlas_rng_below_(rng, m - t));
            s += z[pl->v[t]];
        }
        /* I_i = z_i * s / (k m2): compare z_i * s on both sides */
        ge += zi * s >= obs;
    }
    return ge < n_perm - ge ? ge : n_perm - ge;
}

povatlas_status povatlas_local_moran_perm(const povatlas_weights *w,
                                          const double *x, size_t n, int n_perm,
                                          uint64_t seed, double *p,
                                          povatlas_error **err)
{
    povatlas_status st = check_perm_args(w, x, n, n_perm, err);
    if (st != POVATLAS_OK)
        return st;
    if (p == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no output array");
    if (n > UINT32_MAX)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "too many features");
    double *z = centred(x, n);
    pool pl = {povatlas_try_malloc(n * sizeof(uint32_t)), n};
    if (z == NULL || pl.v == NULL) {
        free(z);
        free(pl.v);
        return povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        pl.v[i] = (uint32_t)i;
    povatlas_rng rng;
    povatlas_rng_seed_(&rng, seed);
    for (size_t i = 0; i < n; i++) {
        size_t k = w->off[i + 1] - w->off[i];
        double s = 0;
        if (k == 0 || k > n - 1) {
            p[i] = NAN;
            continue;
        }
        for (size_t q = w->off[i]; q < w->off[i + 1]; q++)
            s += z[w->nbr[q]];
        p[i] = pseudo_p(local_count(&pl, z, i, k, s, n_perm, &rng), n_perm);
    }
    free(z);
    free(pl.v);
    return POVATLAS_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Benjamini-Hochberg: the largest p_(r) with p_(r) <= r alpha / m; every
 * p at or below it is significant. Returns -1 when none is. */
static double fdr_cutoff(const double *p, size_t n, double alpha)
{
    size_t m = 0;
    double *s = povatlas_try_malloc((n ? n : 1) * sizeof *s), cut = -1;
    if (s == NULL)
        return -2;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]))
            s[m++] = p[i];
    qsort(s, m, sizeof *s, cmp_double);
    for (size_t r = m; r >= 1; r--)
        if (s[r - 1] <= (double)r * alpha / (double)m) {
            cut = s[r - 1];
            break;
        }
    free(s);
    return cut;
}

static int quadrant(double zi, double lag)
{
    if (zi > 0)
        return lag > 0 ? POVATLAS_LISA_HIGH_HIGH : POVATLAS_LISA_HIGH_LOW;
    return lag > 0 ? POVATLAS_LISA_LOW_HIGH : POVATLAS_LISA_LOW_LOW;
}

povatlas_status povatlas_lisa_categories(const povatlas_weights *w,
                                         const double *x, const double *p,
                                         size_t n, double alpha, unsigned flags,
                                         int *cat, povatlas_error **err)
{
    if (w == NULL || w->n != n || p == NULL || cat == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "weights, variable and p-values differ");
    if (!(alpha > 0 && alpha < 1))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "alpha must lie between 0 and 1");
    povatlas_status st = povatlas_check_variable_(x, n, err);
    if (st != POVATLAS_OK)
        return st;
    double cut = alpha;
    if (flags & POVATLAS_LISA_FDR)
        cut = fdr_cutoff(p, n, alpha);
    if (cut < -1.5)
        return povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    double *z = centred(x, n);
    if (z == NULL)
        return povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        size_t k = w->off[i + 1] - w->off[i];
        double lag = 0;
        for (size_t q = w->off[i]; q < w->off[i + 1]; q++)
            lag += z[w->nbr[q]];
        if (k == 0)
            cat[i] = POVATLAS_LISA_ISLAND;
        else if (isnan(p[i]) || !(p[i] <= cut))
            cat[i] = POVATLAS_LISA_NOT_SIGNIFICANT;
        else
            cat[i] = quadrant(z[i], lag / (double)k);
    }
    free(z);
    return POVATLAS_OK;
}
