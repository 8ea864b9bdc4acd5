/*
 * fault.h - the fault-injection hook (as SQLite's test hooks): make the
 * N-th store step, GDAL call of an export or cairo write fail, so that tests
 * drive every failure path of import, analyze, map, atlas and export and
 * check that each one returns an error, leaves the workspace as it was
 * and leaves no file at the destination (tests/unit/test_fault.c).
 *
 * The library asks povatlas_fault_hit() at each site; off (the default,
 * and always in production), that is one load and one compare. A test
 * arms a set of sites with a number N: the N-th hit of any armed site
 * fails, and so does every later one when @persistent is set (a disk that
 * stays full) - otherwise only that one (a transient error that must not
 * be lost behind later successes). Full-disk writes of output files are
 * the byte budget of write_fault.h.
 *
 * Process-wide and not for concurrent tests: arm, run one operation,
 * disarm. Hits on other threads count too.
 */
#ifndef POVATLAS_FAULT_H
#define POVATLAS_FAULT_H

typedef enum povatlas_fault_site {
    /* a statement that writes the workspace (store/step.c): it returns
     * SQLITE_FULL without running */
    POVATLAS_FAULT_STORE_STEP = 1 << 0,
    /* a feature GDAL writes for an export: OGRERR_FAILURE */
    POVATLAS_FAULT_GDAL_WRITE = 1 << 1,
    /* a block cairo writes to a PNG or PDF map or atlas: the write fails
     * (CAIRO_STATUS_WRITE_ERROR) and is recorded as a failed write(2) is
     * (EIO in the tempfile) - cairo 1.16 itself may lose a PDF write
     * error. SVG is written from memory, through the byte budget only. */
    POVATLAS_FAULT_CAIRO_WRITE = 1 << 2,
    /* a checked allocation of the import path (core/alloc.h: the CSV
     * reader's buffers and libcsv's, the GDAL reader's row text, the key
     * sets of the rows read, the household batches, the units' periods,
     * the polygons' WKB) or of the statistics' work arrays: it returns
     * NULL and the caller reports POVATLAS_E_NOMEM. Not in
     * POVATLAS_FAULT_ALL. */
    POVATLAS_FAULT_ALLOC = 1 << 3,
    /* a statement the store prepares (store/step.c): it returns
     * SQLITE_NOMEM without preparing, and the caller reports
     * POVATLAS_E_NOMEM. Not in POVATLAS_FAULT_ALL. */
    POVATLAS_FAULT_STORE_PREPARE = 1 << 4,
    /* a ROLLBACK of the workspace (povatlas_workspace_rollback()): it rolls
     * back, then reports SQLITE_IOERR as a rollback that could not clean
     * up its journal does; the error of the failure that asked for the
     * rollback must survive it. Not in POVATLAS_FAULT_ALL. */
    POVATLAS_FAULT_STORE_ROLLBACK = 1 << 5,
    /* any other GDAL call of an export that can fail
     * (export/export_private.h): creating a layer or a field, setting a
     * metadata item, transforming a geometry. Not in POVATLAS_FAULT_ALL:
     * its few hits are swept one by one. */
    POVATLAS_FAULT_GDAL_CALL = 1 << 6,
    /* a GEOS simplification or repair of a map's unit on the page
     * (render/project_units.c): it returns NULL as GEOS does on an
     * exception, and the map fails naming the unit. Not in
     * POVATLAS_FAULT_ALL. */
    POVATLAS_FAULT_GEOS = 1 << 7,
} povatlas_fault_site;

#define POVATLAS_FAULT_ALL                                                     \
    (POVATLAS_FAULT_STORE_STEP | POVATLAS_FAULT_GDAL_WRITE |                   \
     POVATLAS_FAULT_CAIRO_WRITE)

/* povatlas_fault_arm: from now on the @n-th hit (1-based) of a site in
 * @sites fails (and all later hits when @persistent); @n <= 0 disarms
 * and keeps counting. Resets the counters. */
void povatlas_fault_arm(unsigned sites, long n, int persistent);
/* Hits of the armed sites since povatlas_fault_arm(). */
long povatlas_fault_hits(void);
/* Hits that were made to fail since povatlas_fault_arm(). */
long povatlas_fault_failed(void);

/* For the library: TRUE (1) when this hit of @site must fail. */
int povatlas_fault_hit(povatlas_fault_site site);

#endif
