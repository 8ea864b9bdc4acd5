/*
 * rng.c - the seeded random generator (core/rng.h): xoshiro256**
 * (Blackman and Vigna) seeded through splitmix64, and unbiased bounded
 * integers (Lemire's multiply-and-reject). The draws themselves are
 * inline in core/rng.h: the permutation tests make 70 million of them.
 */
#include "core/rng.h"

uint64_t povatlas_splitmix64_(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void povatlas_rng_seed_(povatlas_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = povatlas_splitmix64_(&seed);
}
