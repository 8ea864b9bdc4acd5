/*
 * keys.c - the household key (year, unit, household id) as a 64-bit hash,
 * so an import can refuse duplicates without a B-tree index in the
 * workspace: a hash table of a million 64-bit keys costs about 30 MB and
 * no disk writes. Two distinct keys share a hash with probability about
 * n²/2⁶⁵ (3·10⁻⁸ for a million rows).
 */
#include <string.h>

#include "ingest_private.h"

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The key travels in a gpointer: 64-bit hosts only (Debian amd64/arm64). */
G_STATIC_ASSERT(sizeof(gpointer) == sizeof(uint64_t));

uint64_t household_key(int year, const char *unit_code,
                       const char *household_id)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    uint32_t y = (uint32_t)year;
    h = fnv1a(h, (const char *)&y, sizeof y);
    h = fnv1a(h, unit_code, strlen(unit_code) + 1); /* with the NUL */
    h = fnv1a(h, household_id, strlen(household_id));
    return h ? h : 1; /* 0 is NULL for the hash table */
}
