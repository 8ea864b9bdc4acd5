/*
 * rng.h - the project's one seeded pseudo-random generator: xoshiro256**
 * (Blackman and Vigna) seeded through splitmix64, with unbiased bounded
 * integers. Own code rather than rand() or GLib's so that a seed gives the
 * same permutation p-values and the same synthetic files on every platform
 * and library version. Used by the permutation tests (src/analysis) and
 * the synthetic data generators (src/synth).
 */
#ifndef POVATLAS_CORE_RNG_H
#define POVATLAS_CORE_RNG_H

#include <stdint.h>

typedef struct povatlas_rng {
    uint64_t s[4];
} povatlas_rng;

/* splitmix64 (Steele, Lea, Flood): the next value of the 64-bit state
 * @x; seeds the generator, and alone scatters the dots of dot maps. */
uint64_t povatlas_splitmix64_(uint64_t *x);

void povatlas_rng_seed_(povatlas_rng *r, uint64_t seed);

/* Inline (a call per draw was a sixth of a permutation test's time). */
static inline uint64_t povatlas_rng_rotl_(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t povatlas_rng_next_(povatlas_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = povatlas_rng_rotl_(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = povatlas_rng_rotl_(s[3], 45);
    return result;
}

/* Uniform integer in [0, bound), bound >= 1, without modulo bias: Lemire
 * 2019 on 32-bit draws (the bounds here are feature counts). */
static inline uint64_t povatlas_rng_below_(povatlas_rng *r, uint64_t bound)
{
    if (bound <= UINT32_MAX) {
        uint32_t b = (uint32_t)bound;
        uint64_t m = (povatlas_rng_next_(r) >> 32) * b;
        uint32_t l = (uint32_t)m;
        if (l < b) {
            uint32_t t = (uint32_t)(-b) % b;
            while (l < t) {
                m = (povatlas_rng_next_(r) >> 32) * b;
                l = (uint32_t)m;
            }
        }
        return m >> 32;
    }
    uint64_t lim = UINT64_MAX - UINT64_MAX % bound, v;
    do
        v = povatlas_rng_next_(r);
    while (v >= lim);
    return v % bound;
}

#endif
