/*
 * step.c - sqlite3_step() for the whole store, behind the fault-injection
 * hook (core/fault.h): an armed hit makes a writing statement fail with
 * SQLITE_FULL before it runs, as a full disk would.
 */
#include "store_private.h"

#include "core/fault.h"

#undef sqlite3_step

/* The result code of the last step that was made to fail, until
 * store_fail() reads it: SQLite never ran the statement, so its
 * sqlite3_errmsg() would still say "not an error". */
static _Thread_local int injected;

int store_step(sqlite3_stmt *st)
{
    if (!sqlite3_stmt_readonly(st) &&
        povatlas_fault_hit(POVATLAS_FAULT_STORE_STEP))
        return injected = SQLITE_FULL;
    injected = SQLITE_OK;
    return sqlite3_step(st);
}

const char *store_step_errmsg(sqlite3 *db)
{
    int rc = injected;
    injected = SQLITE_OK;
    return rc != SQLITE_OK ? sqlite3_errstr(rc) : sqlite3_errmsg(db);
}
