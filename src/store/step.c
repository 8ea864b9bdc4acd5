/*
 * step.c - db_step() and db_prepare() for the whole store, behind the
 * fault-injection hook (core/fault.h): an armed hit makes a writing
 * statement fail with DB_FULL before it runs, as a full disk would, and a
 * prepare fail with DB_NOMEM.
 */
#include "store_private.h"

#include "core/fault.h"

/* The result code of the last step or prepare that was made to fail,
 * until store_last_error() reads it: the database never ran the
 * statement, so its db_errmsg() would still say "not an error". */
static _Thread_local int injected;

int store_step(db_stmt *st)
{
    if (!db_stmt_readonly(st) && povatlas_fault_hit(POVATLAS_FAULT_STORE_STEP))
        return injected = DB_FULL;
    injected = DB_OK;
    return db_step(st);
}

db_stmt *store_prepare_raw(db_conn *db, const char *sql)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_STORE_PREPARE)) {
        injected = DB_NOMEM;
        return NULL;
    }
    injected = DB_OK;
    return db_prepare(db, sql);
}

const char *store_last_error(db_conn *db, int *rc)
{
    int inj = injected;
    injected = DB_OK;
    *rc = inj != DB_OK ? inj : db_errcode(db);
    return inj != DB_OK ? db_errstr(inj) : db_errmsg(db);
}
