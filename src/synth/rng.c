/*
 * rng.c - the seeded pseudo-random generator of the synthetic data:
 * xoshiro256** (Blackman & Vigna) with splitmix64 seeding. A fixed, tiny
 * algorithm keeps the demo files byte-identical across GLib versions and
 * platforms, and is fast enough to write a million bench rows per second.
 * Floating point is used only for drawing, never for a recorded number that
 * must satisfy the classification rule (those are integers).
 */
#include <math.h>

#include "synth/synth_private.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void povatlas_synth_rng_init(synth_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

uint64_t povatlas_synth_rng_next(synth_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t povatlas_synth_rng_below(synth_rng *r, uint32_t n)
{
    /* Lemire's multiply-shift with rejection: unbiased. */
    uint64_t m = (povatlas_synth_rng_next(r) >> 32) * (uint64_t)n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (povatlas_synth_rng_next(r) >> 32) * (uint64_t)n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

double povatlas_synth_rng_double(synth_rng *r)
{
    return (double)(povatlas_synth_rng_next(r) >> 11) * 0x1.0p-53;
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
