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

void povatlas_rng_seed_(povatlas_rng *r, uint64_t seed);
uint64_t povatlas_rng_next_(povatlas_rng *r);
/* Uniform integer in [0, bound), bound >= 1, without modulo bias. */
uint64_t povatlas_rng_below_(povatlas_rng *r, uint64_t bound);

#endif
