/*
 * moran.c - global Moran's I and Geary's C with their expectations and
 * variances under normality and randomisation, as spdep 1.2-7 moran.test
 * and geary.test compute them with row-standardised weights and
 * zero.policy = TRUE (README "Global Moran's I and Geary's C"). Permutation
 * tests are in permute.c.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_private.h"
#include "core/alloc.h"

/* S0, S1, S2 of row-standardised weights (w_ij = 1/k_i). */
static void weight_sums(const povatlas_weights *w, double *s0, double *s1,
                        double *s2, size_t *n_used, double *colsum)
{
    double a = 0, b = 0, c = 0;
    size_t used = 0;
    for (size_t i = 0; i < w->n; i++)
        colsum[i] = 0;
    for (size_t i = 0; i < w->n; i++) {
        size_t ki = w->off[i + 1] - w->off[i];
        if (ki == 0)
            continue;
        used++;
        a += 1.0;
        for (size_t p = w->off[i]; p < w->off[i + 1]; p++) {
            size_t j = w->nbr[p], kj = w->off[j + 1] - w->off[j];
            double wij = 1.0 / (double)ki;
            colsum[j] += wij;
            b += wij * wij;
            if (povatlas_weights_has_(w, j, i))
                b += wij / (double)kj;
        }
    }
    for (size_t i = 0; i < w->n; i++) {
        double rs = w->off[i + 1] > w->off[i] ? 1.0 : 0.0;
        c += (rs + colsum[i]) * (rs + colsum[i]);
    }
    *s0 = a;
    *s1 = b;
    *s2 = c;
    *n_used = used;
}

/* sum_ij w_ij z_i z_j and sum_ij w_ij (x_i - x_j)^2 */
static void cross_products(const povatlas_weights *w, const double *x,
                           const double *z, double *zwz, double *geary)
{
    double a = 0, b = 0;
    for (size_t i = 0; i < w->n; i++) {
        size_t ki = w->off[i + 1] - w->off[i];
        double lag = 0, g = 0;
        for (size_t p = w->off[i]; p < w->off[i + 1]; p++) {
            size_t j = w->nbr[p];
            lag += z[j];
            g += (x[i] - x[j]) * (x[i] - x[j]);
        }
        if (ki > 0) {
            a += z[i] * lag / (double)ki;
            b += g / (double)ki;
        }
    }
    *zwz = a;
    *geary = b;
}

static void moran_moments(povatlas_global_stats *o, double kurt)
{
    double m = (double)o->n_used, s0 = o->s0, s1 = o->s1, s2 = o->s2;
    double e = -1.0 / (m - 1), s02 = s0 * s0, mm = m * m;
    o->moran_e = e;
    o->moran_var_norm = (mm * s1 - m * s2 + 3 * s02) / (s02 * (mm - 1)) - e * e;
    o->moran_var_rand = (m * ((mm - 3 * m + 3) * s1 - m * s2 + 3 * s02) -
                         kurt * ((mm - m) * s1 - 2 * m * s2 + 6 * s02)) /
                            ((m - 1) * (m - 2) * (m - 3) * s02) -
                        e * e;
}

/* spdep geary.test: the bare n of its formulas is all features (N), the
 * spweights constants use n_used (m); README explains the mix. */
static void geary_moments(povatlas_global_stats *o, double kg)
{
    double m = (double)o->n_used, N = (double)o->n;
    double s0 = o->s0, s1 = o->s1, s2 = o->s2, s02 = s0 * s0, mm = m * m;
    o->geary_e = 1.0;
    o->geary_var_norm =
        ((2 * s1 + s2) * (m - 1) - 4 * s02) / (2 * (N + 1) * s02);
    o->geary_var_rand =
        ((m - 1) * s1 * (mm - 3 * N + 3 - kg * (m - 1)) -
         0.25 * (m - 1) * s2 * (mm + 3 * N - 6 - kg * (mm - N + 2)) +
         s02 * (mm - 3 - kg * (m - 1) * (m - 1))) /
        (N * (m - 2) * (m - 3) * s02);
}

/* z = (statistic - expectation) / sd; NAN (R's NA) when the variance is
 * not positive, which spdep's formulas allow for tiny or island-ridden
 * weights (Geary's randomisation variance mixes N and m). */
static double zscore(double diff, double var)
{
    return var > 0 ? diff / sqrt(var) : NAN;
}

static void set_z(povatlas_global_stats *o)
{
    o->moran_z_norm = zscore(o->moran_i - o->moran_e, o->moran_var_norm);
    o->moran_z_rand = zscore(o->moran_i - o->moran_e, o->moran_var_rand);
    o->geary_z_norm = zscore(o->geary_e - o->geary_c, o->geary_var_norm);
    o->geary_z_rand = zscore(o->geary_e - o->geary_c, o->geary_var_rand);
}

povatlas_status povatlas_global_compute(const povatlas_weights *w,
                                        const double *x, size_t n,
                                        povatlas_global_stats *out,
                                        povatlas_error **err)
{
    povatlas_global_stats o = {0};
    if (w == NULL || out == NULL || w->n != n)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "weights and variable differ in length");
    povatlas_status st = povatlas_check_variable_(x, n, err);
    if (st != POVATLAS_OK)
        return st;
    double *z = povatlas_try_malloc(2 * n * sizeof *z);
    if (z == NULL)
        return povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    double *colsum = z + n, mean = 0, zz = 0, z4 = 0, zwz, gsum;
    for (size_t i = 0; i < n; i++)
        mean += x[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++) {
        z[i] = x[i] - mean;
        zz += z[i] * z[i];
        z4 += z[i] * z[i] * z[i] * z[i];
    }
    o.n = n;
    weight_sums(w, &o.s0, &o.s1, &o.s2, &o.n_used, colsum);
    o.n_islands = n - o.n_used;
    cross_products(w, x, z, &zwz, &gsum);
    free(z);
    if (o.n_used < 4 || !(zz > 0))
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "global statistics need 4 or more "
                                  "features with neighbours (have %zu)",
                                  o.n_used);
    double m = (double)o.n_used;
    o.moran_i = (m / o.s0) * zwz / zz;
    o.geary_c = (m - 1) * gsum / (2 * o.s0 * zz);
    moran_moments(&o, (double)n * z4 / (zz * zz));
    geary_moments(&o, m * z4 / (zz * zz));
    set_z(&o);
    *out = o;
    return POVATLAS_OK;
}
