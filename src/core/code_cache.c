/*
 * code_cache.c - open addressing with linear probing over a power-of-two
 * table at most half full; keys compared inline (code_cache.h).
 */
#include "core/code_cache.h"

#include <stdlib.h>
#include <string.h>

#define CODE_CACHE_MIN 64

/* FNV-1a of @tag and @code, never 0; *@len the code's length, or
 * CODE_CACHE_MAX + 1 when longer than a slot holds. */
static uint32_t hash_of(int32_t tag, const char *code, size_t *len)
{
    uint32_t h = 2166136261u ^ (uint32_t)tag;
    h *= 16777619u;
    size_t i = 0;
    for (; code[i] && i <= CODE_CACHE_MAX; i++) {
        h ^= (unsigned char)code[i];
        h *= 16777619u;
    }
    *len = i;
    return h ? h : 1;
}

static size_t find(const code_cache_slot *slots, size_t cap, uint32_t h,
                   int32_t tag, const char *code, size_t len)
{
    size_t i = h & (cap - 1);
    while (slots[i].hash && !(slots[i].hash == h && slots[i].tag == tag &&
                              memcmp(slots[i].code, code, len + 1) == 0))
        i = (i + 1) & (cap - 1);
    return i;
}

const void *code_cache_get(const code_cache *c, int32_t tag, const char *code)
{
    if (!c->cap)
        return NULL;
    size_t len;
    uint32_t h = hash_of(tag, code, &len);
    if (len > CODE_CACHE_MAX)
        return NULL;
    return c->slots[find(c->slots, c->cap, h, tag, code, len)].value;
}

static int grow(code_cache *c)
{
    size_t cap = c->cap ? c->cap * 2 : CODE_CACHE_MIN;
    /* plain calloc, not a checked allocation (core/alloc.h): without
     * room the cache stays as it is and its owner looks the slow way, so
     * there is no failure to report */
    code_cache_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < c->cap; i++) {
        const code_cache_slot *s = &c->slots[i];
        if (s->hash)
            slots[find(slots, cap, s->hash, s->tag, s->code, strlen(s->code))] =
                *s;
    }
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
    return 0;
}

void code_cache_put(code_cache *c, int32_t tag, const char *code,
                    const void *value)
{
    size_t len;
    uint32_t h = hash_of(tag, code, &len);
    if (len > CODE_CACHE_MAX || !value)
        return;
    if ((c->n + 1) * 2 > c->cap && grow(c) < 0)
        return;
    code_cache_slot *s = &c->slots[find(c->slots, c->cap, h, tag, code, len)];
    if (!s->hash) {
        s->hash = h;
        s->tag = tag;
        memcpy(s->code, code, len + 1);
        c->n++;
    }
    s->value = value;
}

void code_cache_clear(code_cache *c)
{
    free(c->slots);
    *c = (code_cache){0};
}
