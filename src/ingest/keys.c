/*
 * keys.c - the household key (year, unit, household id) as a 64-bit hash,
 * so an import can refuse duplicates without a B-tree index in the
 * workspace: a hash table of a million 64-bit keys costs about 30 MB and
 * no disk writes. Two distinct keys share a hash with probability about
 * n²/2⁶⁵ (3·10⁻⁸ for a million rows). The keys live in key_set, an
 * open-addressing table of (key, value) pairs whose growth is checked
 * (core/alloc.h): 16-byte slots at most 3/4 full, no allocation per
 * key, and out of memory is an error instead of GHashTable's abort.
 */
#include <string.h>

#include "core/alloc.h"
#include "ingest_private.h"

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

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

typedef struct key_slot {
    uint64_t key; /* 0: empty */
    uint64_t value;
} key_slot;

#define KEY_SET_MIN 1024

/* Slot of @key in a table of @cap (a power of two) slots: the keys are
 * hashes already; the multiply spreads their low bits. */
static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

static key_slot *find(key_slot *slots, size_t cap, uint64_t key)
{
    size_t i = slot_of(key, cap);
    while (slots[i].key && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Doubles the table (kept at most 3/4 full); -1 when out of memory. */
static int grow(key_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : KEY_SET_MIN;
    if (cap > SIZE_MAX / sizeof(key_slot))
        return -1;
    key_slot *slots = povatlas_try_calloc(cap, sizeof(key_slot));
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].key)
            *find(slots, cap, s->slots[i].key) = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

int key_set_claim(key_set *s, uint64_t key, uint64_t value, uint64_t *taken)
{
    if (s->cap) {
        key_slot *k = find(s->slots, s->cap, key);
        if (k->key) {
            *taken = k->value;
            return 0;
        }
    }
    /* at most 3/4 full: 10 M keys in 2^24 slots (256 MiB), not 2^25 */
    if ((s->n + 1) * 4 > s->cap * 3 && grow(s) < 0)
        return -1;
    key_slot *k = find(s->slots, s->cap, key);
    k->key = key;
    k->value = value;
    s->n++;
    return 1;
}

void key_set_clear(key_set *s)
{
    free(s->slots);
    *s = (key_set){0};
}
