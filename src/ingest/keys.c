/*
 * keys.c - the household key (year, unit, household id) as a 64-bit hash,
 * so an import can refuse duplicates without a B-tree index in the
 * workspace: a hash table of a million 64-bit keys costs about 20 MB and
 * no disk writes. Two distinct keys share a hash with probability about
 * n²/2⁶⁵ (3·10⁻⁸ for a million rows). The keys live in key_set, an
 * open-addressing table of keys and values, each slot's key and value side
 * by side, whose growth is checked (core/alloc.h): 12-byte slots (16 once
 * a value needs 64 bits)
 * at most 3/4 full, no allocation per key, and out of memory is an error
 * instead of GHashTable's abort.
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

/* A unit list or a year's ward statistics are tens of rows; a household
 * list doubles its way up from here in a few steps. */
#define KEY_SET_MIN 64

/* Slot of @key in a table of @cap (a power of two) slots: the keys are
 * hashes already; the multiply spreads their low bits. */
static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

/* A table's slots: while every value fits in 32 bits, three 32-bit words
 * a slot (the key's two halves, then the value) in one array, so that a
 * claim touches one cache line (and one page) instead of one in each of
 * two arrays: at 10 M keys the table is 192 MiB and each claim a miss to
 * memory; once a value does not fit, two 64-bit words a slot. */
typedef struct slots {
    uint32_t *narrow;
    uint64_t *wide;
    size_t cap;
} slots;

static uint64_t key_at(const slots *t, size_t i)
{
    if (t->wide)
        return t->wide[2 * i];
    uint64_t k;
    memcpy(&k, &t->narrow[3 * i], sizeof k);
    return k;
}

static uint64_t value_at(const slots *t, size_t i)
{
    return t->wide ? t->wide[2 * i + 1] : t->narrow[3 * i + 2];
}

static void put(const slots *t, size_t i, uint64_t key, uint64_t value)
{
    if (t->wide) {
        t->wide[2 * i] = key;
        t->wide[2 * i + 1] = value;
    } else {
        memcpy(&t->narrow[3 * i], &key, sizeof key);
        t->narrow[3 * i + 2] = (uint32_t)value;
    }
}

static size_t find(const slots *t, uint64_t key)
{
    size_t i = slot_of(key, t->cap);
    uint64_t k;
    while ((k = key_at(t, i)) != 0 && k != key)
        i = (i + 1) & (t->cap - 1);
    return i;
}

static slots slots_of(const key_set *s)
{
    return (slots){s->narrow, s->wide, s->cap};
}

/* Rebuilds the table with @cap slots, its values 64 bits wide when @wide;
 * -1 when out of memory (the set unchanged). */
static int rebuild(key_set *s, size_t cap, int wide)
{
    if (cap > SIZE_MAX / (2 * sizeof(uint64_t)))
        return -1;
    slots t = {NULL, NULL, cap};
    if (wide)
        t.wide = povatlas_try_calloc(cap, 2 * sizeof(uint64_t));
    else
        t.narrow = povatlas_try_calloc(cap, 3 * sizeof(uint32_t));
    if (!t.wide && !t.narrow)
        return -1;
    /* untouched until the keys land (calloc maps a large table fresh) */
    povatlas_advise_huge(
        t.wide ? (void *)t.wide : (void *)t.narrow,
        cap * (wide ? 2 * sizeof(uint64_t) : 3 * sizeof(uint32_t)));
    slots old = slots_of(s);
    for (size_t i = 0; i < old.cap; i++) {
        uint64_t k = key_at(&old, i);
        if (k)
            put(&t, find(&t, k), k, value_at(&old, i));
    }
    free(s->narrow);
    free(s->wide);
    s->narrow = t.narrow;
    s->wide = t.wide;
    s->cap = cap;
    return 0;
}

int key_set_find(const key_set *s, uint64_t key, uint64_t *value)
{
    if (!s->cap)
        return 0;
    slots t = slots_of(s);
    size_t k = find(&t, key);
    if (!key_at(&t, k))
        return 0;
    if (value)
        *value = value_at(&t, k);
    return 1;
}

int key_set_claim(key_set *s, uint64_t key, uint64_t value, uint64_t *taken)
{
    if (s->cap) {
        slots t = slots_of(s);
        size_t k = find(&t, key);
        if (key_at(&t, k)) {
            *taken = value_at(&t, k);
            return 0;
        }
    }
    /* at most 3/4 full: 10 M keys in 2^24 slots; the values (where each
     * key was first seen) in 32 bits until one needs more (a workbook's
     * sheet number): 192 MiB at 10 M rows instead of 256, and 288 MiB
     * while the table doubles instead of 384 */
    int wide = s->wide || value > UINT32_MAX;
    if ((s->n + 1) * 4 > s->cap * 3
            ? rebuild(s, s->cap ? s->cap * 2 : KEY_SET_MIN, wide) < 0
            : wide && !s->wide && rebuild(s, s->cap, 1) < 0)
        return -1;
    slots t = slots_of(s);
    put(&t, find(&t, key), key, value);
    s->n++;
    return 1;
}

int key_set_count(key_set *s, uint64_t key)
{
    uint64_t taken;
    int claimed = key_set_claim(s, key, 1, &taken);
    if (claimed != 0)
        return claimed < 0 ? -1 : 0;
    if (!s->wide && taken >= UINT32_MAX && rebuild(s, s->cap, 1) < 0)
        return -1;
    slots t = slots_of(s);
    size_t k = find(&t, key);
    put(&t, k, key, value_at(&t, k) + 1);
    return 0;
}

int key_set_reserve(key_set *s, size_t n)
{
    if (n > SIZE_MAX / 8)
        return -1;
    size_t cap = s->cap ? s->cap : KEY_SET_MIN;
    while (n * 4 > cap * 3)
        cap *= 2;
    return cap == s->cap ? 0 : rebuild(s, cap, s->wide != NULL);
}

void key_set_prefetch(const key_set *s, uint64_t key)
{
    if (!s->cap)
        return;
    size_t i = slot_of(key, s->cap);
    if (s->wide)
        __builtin_prefetch(&s->wide[2 * i], 1, 1);
    else
        __builtin_prefetch(&s->narrow[3 * i], 1, 1);
}

void key_set_clear(key_set *s)
{
    free(s->narrow);
    free(s->wide);
    *s = (key_set){0};
}
