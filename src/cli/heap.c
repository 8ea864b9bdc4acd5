/*
 * heap.c - the heap of the commands that hold a national layer in memory
 * (map, stats, export, analyze, atlas, slides, briefing) in transparent
 * huge pages. They allocate tens of MB of coordinates, WKB and page
 * geometry that the kernel otherwise hands out 4 KiB at a time, one page
 * fault each: 20,000 to 40,000 faults a national run, a fifth to a quarter
 * of its CPU time on a virtual machine. The system's THP setting is
 * usually "madvise", so malloc's heap gets none unless asked (glibc's
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1 does that, but only from the
 * environment at process start).
 *
 * Here malloc is told to grow its main heap 256 MiB at a time (address
 * space only: an untouched page costs nothing) and to serve blocks up to
 * 32 MiB from it, the heap is grown once, and that range is advised
 * MADV_HUGEPAGE. Nothing computed changes: the same bytes land in larger
 * pages. Skipped under the sanitizers (their allocator is not malloc's)
 * and where glibc's malloc is not the allocator; every failure leaves the
 * heap as it was.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) &&                    \
    !defined(POVATLAS_NO_HUGE_HEAP)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define AHEAD ((size_t)256 << 20)

void cli_huge_heap(void)
{
    if (!mallopt(M_MMAP_THRESHOLD, 32 << 20) || !mallopt(M_TOP_PAD, AHEAD))
        return;
    /* a block bigger than the heap's free top makes malloc extend the
     * heap by the block and AHEAD at once; freed, it stays mapped (the
     * trim keeps AHEAD) */
    char *probe = malloc((size_t)16 << 20);
    if (!probe)
        return;
    uintptr_t start = (uintptr_t)probe;
    uintptr_t end = (uintptr_t)sbrk(0);
    free(probe);
    if (end == (uintptr_t)-1 || end <= start || end - start > 2 * AHEAD)
        return; /* not malloc's brk heap (another allocator) */
    uintptr_t from = (start + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t to = end & ~(HUGE_PAGE - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE); /* advice only */
}
#else
void cli_huge_heap(void) {}
#endif
