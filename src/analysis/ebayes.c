/*
 * ebayes.c - empirical Bayes smoothing of rates O/P: global (spdep EBest,
 * Marshall 1991 method of moments, Poisson) and local (spdep EBlocal, in
 * spdep's and GeoDa's readings of the local variance). README "Empirical
 * Bayes rate smoothing". Raw rates are the caller's.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_private.h"

static povatlas_status check_counts(const double *o, const double *p, size_t n,
                                    povatlas_error **err)
{
    if (o == NULL || p == NULL || n == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no counts given");
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(o[i]) || o[i] < 0)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, NULL,
                                         (long)i + 1, NULL,
                                         "event count must be >= 0");
        if (!isfinite(p[i]) || !(p[i] > 0))
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, NULL,
                                         (long)i + 1, NULL,
                                         "population must be > 0");
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_ebayes_global(const double *events,
                                       const double *population, size_t n,
                                       double *est, double *a_out,
                                       double *b_out, povatlas_error **err)
{
    povatlas_status st = check_counts(events, population, n, err);
    if (st != POVATLAS_OK)
        return st;
    if (est == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no output array");
    double so = 0, sp = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        so += events[i];
        sp += population[i];
    }
    double b = so / sp;
    for (size_t i = 0; i < n; i++) {
        double r = events[i] / population[i];
        s2 += population[i] * (r - b) * (r - b);
    }
    s2 /= sp;
    double a = s2 - b / (sp / (double)n);
    if (a < 0)
        a = 0;
    for (size_t i = 0; i < n; i++) {
        double r = events[i] / population[i];
        est[i] = b + a * (r - b) / (a + b / population[i]);
    }
    if (a_out)
        *a_out = a;
    if (b_out)
        *b_out = b;
    return POVATLAS_OK;
}

/* m_i = sum O / sum P over M_i = {i} + neighbours(i). */
static void local_means(const povatlas_weights *w, const double *o,
                        const double *p, double *m)
{
    for (size_t i = 0; i < w->n; i++) {
        double so = o[i], sp = p[i];
        for (size_t q = w->off[i]; q < w->off[i + 1]; q++) {
            so += o[w->nbr[q]];
            sp += p[w->nbr[q]];
        }
        m[i] = so / sp;
    }
}

/* a_i = C_i / sum P - m_i / mean P over M_i, clamped at 0. spdep: member
 * j deviates from its own m_j; GeoDa: from the centre's m_i. */
static double local_a(const povatlas_weights *w, const double *o,
                      const double *p, const double *m, size_t i,
                      povatlas_ebayes_variant variant)
{
    double sp = p[i], c, r = o[i] / p[i], d;
    d = r - m[i];
    c = p[i] * d * d;
    for (size_t q = w->off[i]; q < w->off[i + 1]; q++) {
        size_t j = w->nbr[q];
        d = o[j] / p[j] - (variant == POVATLAS_EBAYES_GEODA ? m[i] : m[j]);
        c += p[j] * d * d;
        sp += p[j];
    }
    double pbar = sp / (double)(w->off[i + 1] - w->off[i] + 1);
    double a = c / sp - m[i] / pbar;
    return a < 0 ? 0 : a;
}

povatlas_status povatlas_ebayes_local(const povatlas_weights *w,
                                      const double *events,
                                      const double *population, size_t n,
                                      povatlas_ebayes_variant variant,
                                      double *est, double *m_out, double *a_out,
                                      povatlas_error **err)
{
    if (w == NULL || w->n != n || est == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "weights and counts differ in length");
    povatlas_status st = check_counts(events, population, n, err);
    if (st != POVATLAS_OK)
        return st;
    double *m = povatlas_try_malloc(n * sizeof *m);
    if (m == NULL)
        return povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
    local_means(w, events, population, m);
    for (size_t i = 0; i < n; i++) {
        double a = local_a(w, events, population, m, i, variant);
        double r = events[i] / population[i];
        /* m_i = 0 (no events nearby) and a = 0 leave the rate at 0 */
        double shrink = a > 0 ? a / (a + m[i] / population[i]) : 0.0;
        est[i] = m[i] + (r - m[i]) * shrink;
        if (a_out)
            a_out[i] = a;
    }
    if (m_out)
        for (size_t i = 0; i < n; i++)
            m_out[i] = m[i];
    free(m);
    return POVATLAS_OK;
}

povatlas_status povatlas_ebayes_standardize(const double *events,
                                            const double *population, size_t n,
                                            double *z, povatlas_error **err)
{
    double so = 0, sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(population[i] > 0) || events[i] < 0)
            return povatlas_error_set(err, POVATLAS_E_INPUT,
                                      "EB standardisation needs a positive "
                                      "population and events >= 0 (unit %zu)",
                                      i + 1);
        so += events[i];
        sp += population[i];
    }
    if (so <= 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "EB standardisation is undefined: no events "
                                  "in any unit");
    double b = so / sp, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double r = events[i] / population[i] - b;
        s2 += population[i] * r * r;
    }
    s2 /= sp;
    double a = s2 - b / (sp / (double)n);
    for (size_t i = 0; i < n; i++) {
        double v = a + b / population[i];
        if (v < 0)
            v = b / population[i];
        z[i] = (events[i] / population[i] - b) / sqrt(v);
    }
    return POVATLAS_OK;
}
