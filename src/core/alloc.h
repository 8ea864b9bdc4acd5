/*
 * alloc.h - checked allocations for the import path. g_malloc() and the
 * GLib containers that grow through it (GString, GArray, GHashTable,
 * GStringChunk) abort the process when memory runs out; an import asks
 * here instead, for its buffers and for what it keeps from row to row
 * (ingest/keys.c, the units' periods, the polygons' WKB), and reports
 * POVATLAS_E_NOMEM, leaving the workspace as it was; so do the global
 * statistics' work arrays (analysis/moran.c,
 * permute.c), whose failure must not pass for "undefined". Each call is a hit
 * of the fault site POVATLAS_FAULT_ALLOC (fault.h), so tests fail the N-th
 * allocation of an import for every N.
 */
#ifndef POVATLAS_ALLOC_H
#define POVATLAS_ALLOC_H

#include <stddef.h>

/* malloc(@n), or NULL when out of memory (or failed by the fault hook).
 * Free with free() or g_free(). @n == 0 allocates one byte. */
void *povatlas_try_malloc(size_t n);
/* realloc(@p, @n), or NULL with @p untouched. */
void *povatlas_try_realloc(void *p, size_t n);
/* Calloc of @n items of @size, NULL on overflow or out of memory. */
void *povatlas_try_calloc(size_t n, size_t size);
/* A copy of @s (NULL for NULL), or NULL when out of memory. */
char *povatlas_try_strdup(const char *s);
/* Asks the kernel to back the 2 MiB-aligned part of the @n bytes at @p
 * with huge pages (Linux transparent huge pages, when enabled for
 * regions that ask): for a large table read at random places (the
 * import's key table, 192 MiB at 10 M rows), so that each look-up misses
 * the cache but not the TLB as well, and the table faults in 2 MiB at a
 * time instead of 4 KiB. Only a hint: nothing happens where it is not
 * supported, and the memory is the same either way. */
void povatlas_advise_huge(void *p, size_t n);

/* A growing byte buffer whose every growth is checked: the CSV reader's
 * queue of fields and the row text of the GDAL reader and of the
 * household batches. Zero-initialise; free with byte_buf_clear(). */
typedef struct byte_buf {
    char *data;
    size_t len, cap;
} byte_buf;

/* Makes room for @more bytes past len: 0, or -1 when out of memory (the
 * buffer is unchanged). Grows by doubling. */
int byte_buf_reserve(byte_buf *b, size_t more);
/* Appends the @n bytes at @v (no NUL): 0, or -1 when out of memory (the
 * buffer unchanged). With byte_buf_resize(), a checked array of any item
 * type: len counts bytes. */
int byte_buf_push(byte_buf *b, const void *v, size_t n);
/* Sets len to @n bytes, growing when needed (the new bytes undefined): 0,
 * or -1 when out of memory (the buffer unchanged). */
int byte_buf_resize(byte_buf *b, size_t n);
/* Appends @n bytes of @s and a NUL; the offset of the copy in b->data,
 * or (size_t)-1 when out of memory. */
size_t byte_buf_add_str(byte_buf *b, const char *s, size_t n);
void byte_buf_clear(byte_buf *b);

/* Strings copied into blocks that never move (a checked GStringChunk):
 * the text of a batch of households. Zero-initialise. */
typedef struct text_block text_block;
typedef struct text_chunk {
    text_block *head; /* the block being filled; older ones follow */
} text_chunk;

/* A copy of @s in @t, or NULL when out of memory. */
char *text_chunk_add(text_chunk *t, const char *s);
/* Forgets every string, keeping the newest block for reuse. */
void text_chunk_reset(text_chunk *t);
void text_chunk_clear(text_chunk *t);

#endif
