/*
 * local.c - local indicators of spatial association computed analytically:
 * local Moran I_i with conditional (spdep localmoran default, Sokal et al.
 * 1998) and total (Anselin 1995) randomisation moments, and Getis-Ord G_i
 * and G_i* z-scores (spdep localG), for row-standardised weights. README
 * "Local Moran I_i" and "Getis-Ord". Permutation p-values: permute.c.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_private.h"

/* Sums over the data that every feature's moments share. */
typedef struct local_sums {
    double n, mean, sum, sum2; /* of x */
    double m2, b2;             /* sum z^2 / n; (sum z^4 / n) / m2^2 */
} local_sums;

static void local_sums_init(const double *x, size_t n, local_sums *s)
{
    double zz = 0, z4 = 0;
    s->n = (double)n;
    s->sum = s->sum2 = 0;
    for (size_t i = 0; i < n; i++) {
        s->sum += x[i];
        s->sum2 += x[i] * x[i];
    }
    s->mean = s->sum / s->n;
    for (size_t i = 0; i < n; i++) {
        double z = x[i] - s->mean;
        zz += z * z;
        z4 += z * z * z * z;
    }
    s->m2 = zz / s->n;
    s->b2 = (z4 / s->n) / (s->m2 * s->m2);
}

/* NAN (R's NA) unless the variance is positive. */
static double zscore(double v, double e, double var)
{
    return var > 0 ? (v - e) / sqrt(var) : NAN;
}

static void local_moran_one(const local_sums *s, double zi, double lag_z,
                            size_t k, povatlas_local_stats *o, size_t i)
{
    double n = s->n, m2 = s->m2, b2 = s->b2;
    double wi = k ? 1.0 : 0.0, wi2 = k ? 1.0 / (double)k : 0.0;
    double e = -zi * zi * wi / ((n - 1) * m2);
    double var = (zi / m2) * (zi / m2) * (n / (n - 2)) *
                 (wi2 - wi * wi / (n - 1)) * (m2 - zi * zi / (n - 1));
    double et = -wi / (n - 1);
    double vt = (n - b2) / (n - 1) * wi2 +
                (2 * b2 - n) / ((n - 1) * (n - 2)) * (wi * wi - wi2) - et * et;
    o->ii[i] = k ? zi * lag_z / m2 : 0.0;
    o->e_ii[i] = e;
    o->var_ii[i] = var;
    o->z_ii[i] = k ? zscore(o->ii[i], e, var) : NAN;
    o->e_ii_total[i] = et;
    o->var_ii_total[i] = k ? vt : 0.0;
    o->z_ii_total[i] = k ? zscore(o->ii[i], et, vt) : NAN;
}

/* G_i (self excluded) and G_i* (self included, 1/(k+1) each). */
static void getis_ord_one(const local_sums *s, double xi, double sum_nb,
                          size_t k, povatlas_local_stats *o, size_t i)
{
    double n = s->n;
    if (k > 0) {
        double wi2 = 1.0 / (double)k, lag = sum_nb / (double)k;
        double xb = (s->sum - xi) / (n - 1);
        double s2 = (s->sum2 - xi * xi) / (n - 1) - xb * xb;
        double var = s2 * ((n - 1) * wi2 - 1.0) / (n - 2);
        o->gi_z[i] = zscore(lag, xb, var);
    } else {
        o->gi_z[i] = NAN;
    }
    double ws2 = 1.0 / (double)(k + 1), lag_s = (xi + sum_nb) / (double)(k + 1);
    double var_s = s->m2 * (n * ws2 - 1.0) / (n - 1);
    o->gistar_z[i] = zscore(lag_s, s->mean, var_s);
}

void povatlas_local_stats_free(povatlas_local_stats *ls)
{
    if (ls == NULL)
        return;
    free(ls->lag_x); /* one block holds every array */
    free(ls);
}

static povatlas_local_stats *local_alloc(size_t n)
{
    povatlas_local_stats *o = povatlas_try_calloc(1, sizeof *o);
    double *block = povatlas_try_malloc(10 * n * sizeof *block);
    if (o == NULL || block == NULL) {
        free(o);
        free(block);
        return NULL;
    }
    double **arrays[] = {&o->lag_x,        &o->ii,         &o->e_ii,
                         &o->var_ii,       &o->z_ii,       &o->e_ii_total,
                         &o->var_ii_total, &o->z_ii_total, &o->gi_z,
                         &o->gistar_z};
    for (size_t a = 0; a < 10; a++)
        *arrays[a] = block + a * n;
    o->n = n;
    return o;
}

povatlas_local_stats *povatlas_local_compute(const povatlas_weights *w,
                                             const double *x, size_t n,
                                             povatlas_error **err)
{
    if (w == NULL || w->n != n) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "weights and variable differ in length");
        return NULL;
    }
    if (povatlas_check_variable_(x, n, err) != POVATLAS_OK)
        return NULL;
    if (n < 3) {
        povatlas_error_set(err, POVATLAS_E_INPUT,
                           "local statistics need 3 or more features");
        return NULL;
    }
    povatlas_local_stats *o = local_alloc(n);
    if (o == NULL) {
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    local_sums s;
    local_sums_init(x, n, &s);
    for (size_t i = 0; i < n; i++) {
        size_t k = w->off[i + 1] - w->off[i];
        double sum_nb = 0, sum_z = 0;
        for (size_t p = w->off[i]; p < w->off[i + 1]; p++) {
            sum_nb += x[w->nbr[p]];
            sum_z += x[w->nbr[p]] - s.mean;
        }
        o->lag_x[i] = k ? sum_nb / (double)k : 0.0;
        local_moran_one(&s, x[i] - s.mean, k ? sum_z / (double)k : 0.0, k, o,
                        i);
        getis_ord_one(&s, x[i], sum_nb, k, o, i);
    }
    return o;
}
