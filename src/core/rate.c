/*
 * rate.c - household rates in exact integer arithmetic (docs/domain-rules.md
 * §6.1).
 *
 * Rates are shares of the unit's total households, rounded half up on the
 * exact fraction: floating-point printing gets exact halves wrong (1 of 800
 * is 0.125 % and must show 0.13; 201 of 20,000 must show 1.01).
 */
#include "povatlas/core.h"

int povatlas_rate_hundredths(int64_t part, int64_t total, int64_t *out)
{
    if (total <= 0 || part < 0)
        return 0;
    /* hundredths of a percent = part / total * 10000, half up */
    __extension__ __int128 num = (__int128)2 * 10000 * part + total;
    *out = (int64_t)(num / ((__int128)2 * total));
    return 1;
}

int povatlas_change_hundredths(int64_t p0, int64_t n0, int64_t p1, int64_t n1,
                               int64_t *out)
{
    if (n0 <= 0 || n1 <= 0 || p0 < 0 || p1 < 0)
        return 0;
    /* (p1/n1 - p0/n0) * 10000 = 10000 (p1 n0 - p0 n1) / (n0 n1) */
    __extension__ __int128 num =
        (__int128)10000 * ((__int128)p1 * n0 - (__int128)p0 * n1);
    __extension__ __int128 den = (__int128)n0 * n1;
    __extension__ __int128 mag = num < 0 ? -num : num;
    __extension__ __int128 q = (2 * mag + den) / (2 * den);
    *out = (int64_t)(num < 0 ? -q : q);
    return 1;
}
