/*
 * numeric.c - numeric helpers shared by the analysis job: input checks,
 * sorted copies and R's type-7 quantile. No statistics of their own.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_private.h"

povatlas_status povatlas_check_variable_(const double *x, size_t n,
                                         povatlas_error **err)
{
    if (x == NULL || n == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no values given");
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, NULL,
                                         (long)i + 1, NULL,
                                         "value is not a finite number");
    for (size_t i = 1; i < n; i++)
        if (x[i] != x[0])
            return POVATLAS_OK;
    return povatlas_error_set(err, POVATLAS_E_INPUT,
                              "variable is constant: spatial "
                              "autocorrelation is undefined");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double *povatlas_sorted_copy_(const double *x, size_t n, size_t *m)
{
    double *s = malloc((n ? n : 1) * sizeof *s);
    size_t k = 0;
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            s[k++] = x[i];
    qsort(s, k, sizeof *s, cmp_double);
    *m = k;
    return s;
}

/* R 4.2 quantile.default, type 7: index = 1 + (m-1) p (1-based), linear
 * between the order statistics around it; written as R does, including
 * the 1-based index, to share its rounding. */
double povatlas_quantile7_(const double *s, size_t m, double p)
{
    double index = 1.0 + (double)(m - 1) * p;
    double lo = floor(index), hi = ceil(index);
    double q = s[(size_t)lo - 1];
    double h = index - lo;
    if (index > lo && s[(size_t)hi - 1] != q)
        q = (1 - h) * q + h * s[(size_t)hi - 1];
    return q;
}
