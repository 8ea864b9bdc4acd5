/*
 * alloc.c - the checked allocations of alloc.h.
 */
#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE) */
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fault.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

void *povatlas_try_malloc(size_t n)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_ALLOC))
        return NULL;
    return malloc(n ? n : 1);
}

void *povatlas_try_realloc(void *p, size_t n)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_ALLOC))
        return NULL;
    return realloc(p, n ? n : 1);
}

void *povatlas_try_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (povatlas_fault_hit(POVATLAS_FAULT_ALLOC))
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void povatlas_advise_huge(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)p + n) & ~(huge - 1);
    if (p && to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

char *povatlas_try_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = povatlas_try_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int byte_buf_reserve(byte_buf *b, size_t more)
{
    if (more <= b->cap - b->len)
        return 0;
    if (more > SIZE_MAX / 2 - b->len)
        return -1;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->len < more)
        cap *= 2;
    char *d = povatlas_try_realloc(b->data, cap);
    if (!d)
        return -1;
    b->data = d;
    b->cap = cap;
    return 0;
}

int byte_buf_push(byte_buf *b, const void *v, size_t n)
{
    if (byte_buf_reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, v, n);
    b->len += n;
    return 0;
}

int byte_buf_resize(byte_buf *b, size_t n)
{
    if (n > b->len && byte_buf_reserve(b, n - b->len) < 0)
        return -1;
    b->len = n;
    return 0;
}

size_t byte_buf_add_str(byte_buf *b, const char *s, size_t n)
{
    if (n == SIZE_MAX || byte_buf_reserve(b, n + 1) < 0)
        return (size_t)-1;
    size_t at = b->len;
    if (n)
        memcpy(b->data + at, s, n);
    b->data[at + n] = '\0';
    b->len += n + 1;
    return at;
}

void byte_buf_clear(byte_buf *b)
{
    free(b->data);
    *b = (byte_buf){0};
}

#define TEXT_BLOCK_BYTES ((size_t)64 * 1024)

struct text_block {
    text_block *next;
    size_t size, used;
    char data[];
};

char *text_chunk_add(text_chunk *t, const char *s)
{
    size_t n = strlen(s) + 1;
    text_block *b = t->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > TEXT_BLOCK_BYTES ? n : TEXT_BLOCK_BYTES;
        if (size > SIZE_MAX - sizeof *b)
            return NULL;
        b = povatlas_try_malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = t->head;
        t->head = b;
    }
    char *at = b->data + b->used;
    memcpy(at, s, n);
    b->used += n;
    return at;
}

void text_chunk_reset(text_chunk *t)
{
    if (!t->head)
        return;
    text_block *old = t->head->next;
    while (old) {
        text_block *next = old->next;
        free(old);
        old = next;
    }
    t->head->next = NULL;
    t->head->used = 0;
}

void text_chunk_clear(text_chunk *t)
{
    text_chunk_reset(t);
    free(t->head);
    t->head = NULL;
}
