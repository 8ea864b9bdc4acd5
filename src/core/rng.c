/*
 * rng.c - the seeded random generator (core/rng.h): xoshiro256**
 * (Blackman and Vigna) seeded through splitmix64, and unbiased bounded
 * integers (Lemire's multiply-and-reject).
 */
#include "core/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void povatlas_rng_seed_(povatlas_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t povatlas_rng_next_(povatlas_rng *r)
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

/* Lemire 2019 on 32-bit draws: the bounds here are feature counts. */
uint64_t povatlas_rng_below_(povatlas_rng *r, uint64_t bound)
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
