/*
 * code_cache.h - a look-up of short codes (ward codes, at most
 * CODE_CACHE_MAX bytes) with a number beside each (a year, a day), kept
 * inline in one flat table so that a hit costs one cache line: per-row
 * look-ups of the import (which unit a code names on the review day, which
 * unit's counts a stored row adds to) went through a GLib string hash
 * table, a miss to memory or three per row (the key string, the value,
 * what it points to). It is a cache in front of the owner's own table:
 * a code too long or out of memory is simply not kept, and the owner
 * looks the slow way.
 */
#ifndef POVATLAS_CORE_CODE_CACHE_H
#define POVATLAS_CORE_CODE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define CODE_CACHE_MAX 15

typedef struct code_cache_slot {
    uint32_t hash; /* 0: empty */
    int32_t tag;
    char code[CODE_CACHE_MAX + 1];
    const void *value;
} code_cache_slot;

/* Zero-initialise; free with code_cache_clear(). Not thread-safe. */
typedef struct code_cache {
    code_cache_slot *slots;
    size_t cap, n;
} code_cache;

/* The value kept for (@tag, @code), or NULL. */
const void *code_cache_get(const code_cache *c, int32_t tag, const char *code);
/* Keeps @value (not NULL, owned by the caller, valid until the cache is
 * cleared) for (@tag, @code), replacing what was kept; nothing when @code
 * is too long or there is no memory. */
void code_cache_put(code_cache *c, int32_t tag, const char *code,
                    const void *value);
/* Forgets every value and frees the table. */
void code_cache_clear(code_cache *c);

#endif
