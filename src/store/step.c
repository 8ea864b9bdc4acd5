/*
 * step.c - sqlite3_step() for the whole store, behind the fault-injection
 * hook (core/fault.h): an armed hit makes a writing statement fail with
 * SQLITE_FULL before it runs, as a full disk would.
 */
#include "store_private.h"

#include "core/fault.h"

#undef sqlite3_step

/* The result code of the last step or prepare that was made to fail,
 * until store_last_error() reads it: SQLite never ran the statement, so
 * its sqlite3_errmsg() would still say "not an error". */
static _Thread_local int injected;

int store_step(sqlite3_stmt *st)
{
    if (!sqlite3_stmt_readonly(st) &&
        povatlas_fault_hit(POVATLAS_FAULT_STORE_STEP))
        return injected = SQLITE_FULL;
    injected = SQLITE_OK;
    return sqlite3_step(st);
}

int store_prepare_v2(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    *st = NULL;
    if (povatlas_fault_hit(POVATLAS_FAULT_STORE_PREPARE))
        return injected = SQLITE_NOMEM;
    injected = SQLITE_OK;
    return sqlite3_prepare_v2(db, sql, -1, st, NULL);
}

const char *store_last_error(sqlite3 *db, int *rc)
{
    int inj = injected;
    injected = SQLITE_OK;
    *rc = inj != SQLITE_OK ? inj : sqlite3_extended_errcode(db);
    return inj != SQLITE_OK ? sqlite3_errstr(inj) : sqlite3_errmsg(db);
}
