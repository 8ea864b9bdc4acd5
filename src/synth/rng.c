/*
 * rng.c - the draws of the synthetic data on the project's one generator
 * (core/rng.h): independent streams, uniform doubles, normals, weighted
 * picks and shuffles. A fixed, tiny algorithm keeps the demo files
 * byte-identical across GLib versions and platforms, and is fast enough to
 * write a million bench rows per second. Floating point is used only for
 * drawing, never for a recorded number that must satisfy the
 * classification rule (those are integers).
 */
#include <math.h>

#include "synth/synth_private.h"

void povatlas_synth_rng_init(synth_rng *r, uint64_t seed, uint64_t stream)
{
    povatlas_rng_seed_(r, seed ^ (stream * 0xD1B54A32D192ED03ULL));
}

uint32_t povatlas_synth_rng_below(synth_rng *r, uint32_t n)
{
    return (uint32_t)povatlas_rng_below_(r, n);
}

double povatlas_synth_rng_double(synth_rng *r)
{
    return (double)(povatlas_rng_next_(r) >> 11) * 0x1.0p-53;
}

double povatlas_synth_rng_normal(synth_rng *r)
{
    double u1 = 1.0 - povatlas_synth_rng_double(r); /* (0, 1] */
    double u2 = povatlas_synth_rng_double(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * G_PI * u2);
}

size_t povatlas_synth_rng_pick(synth_rng *r, const double *weights, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += weights[i];
    double x = povatlas_synth_rng_double(r) * sum;
    for (size_t i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

void povatlas_synth_rng_shuffle(synth_rng *r, size_t *v, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = povatlas_synth_rng_below(r, (uint32_t)i);
        size_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}
