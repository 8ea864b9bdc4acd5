/*
 * write_fault.h - a test seam: make output writes fail as on a full disk.
 *
 * A full disk cannot be made portably in CI, so tests set a byte budget
 * instead: every write through povatlas_tempfile_write() (maps, atlas,
 * exports - see tempfile.c) after the first @bytes bytes of the thread
 * fails with ENOSPC, the write that crosses the limit writing only what
 * fits. Off (-1) unless a test sets it; production code never calls it.
 * The budget counts bytes, not files: a sweep over N reaches every write
 * of a multi-file output.
 */
#ifndef POVATLAS_WRITE_FAULT_H
#define POVATLAS_WRITE_FAULT_H

#include <stdint.h>

/* povatlas_write_fault_after: fail writes after @bytes more bytes on this
 * thread; -1 switches the seam off. */
void povatlas_write_fault_after(int64_t bytes);

#endif
