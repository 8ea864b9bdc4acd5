/*
 * step.c - sqlite3_step() for the whole store, behind the fault-injection
 * hook (core/fault.h): an armed hit makes a writing statement fail with
 * SQLITE_FULL before it runs, as a full disk would.
 */
#include "store_private.h"

#include "core/fault.h"

#undef sqlite3_step

int store_step(sqlite3_stmt *st)
{
    if (!sqlite3_stmt_readonly(st) &&
        povatlas_fault_hit(POVATLAS_FAULT_STORE_STEP))
        return SQLITE_FULL;
    return sqlite3_step(st);
}
