/*
 * transitions.c - what transitions between review years read from the
 * workspace: the exit records that say why a household left the list
 * (table household_exits), and every household's recorded status over the
 * years, streamed in household order.
 *
 * household_exits is created on first write (CREATE TABLE IF NOT EXISTS),
 * so older workspaces need no migration; readers treat a missing table as
 * "no exits recorded". The history query needs no index on households: it
 * is one scan and one sort (SQLite's sorter), and a persistent B-tree on
 * households would make every later list import several times slower
 * (schema.c).
 */
#include "store_private.h"

static const char EXITS_DDL[] =
    "CREATE TABLE IF NOT EXISTS household_exits("
    "  year INTEGER NOT NULL, unit_code TEXT NOT NULL,"
    "  household_id TEXT NOT NULL,"
    "  reason INTEGER NOT NULL CHECK (reason BETWEEN 1 AND 4),"
    "  import_id INTEGER, source_row INTEGER,"
    "  PRIMARY KEY (year, unit_code, household_id))";

povatlas_status store_schema_household_exits(povatlas_workspace *ws,
                                             povatlas_error **err)
{
    /* asked first: CREATE ... IF NOT EXISTS needs the right to create in
     * the schema even when the table is there, which an office lacks */
    int exists = 0;
    povatlas_status rc =
        store_table_exists(ws, "household_exits", &exists, err);
    return rc || exists ? rc : store_exec(ws, EXITS_DDL, err);
}

povatlas_status povatlas_workspace_put_exit(povatlas_workspace *ws,
                                            const povatlas_household_exit *e,
                                            povatlas_error **err)
{
    povatlas_status rc = store_schema_household_exits(ws, err);
    if (rc)
        return rc;
    db_stmt *st = store_prepare(
        ws,
        "INSERT INTO household_exits(year, unit_code, household_id, reason,"
        " import_id, source_row) VALUES (?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, e->year);
    store_bind_text(st, 2, e->unit_code);
    store_bind_text(st, 3, e->household_id);
    db_bind_int(st, 4, (int)e->reason);
    store_bind_int_or_null(st, 5, e->import_id);
    store_bind_int_or_null(st, 6, e->source_row);
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store household exit");
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_delete_exits(povatlas_workspace *ws,
                                                int year, int64_t *n_deleted,
                                                povatlas_error **err)
{
    if (n_deleted)
        *n_deleted = 0;
    int exists = 0;
    povatlas_status rc =
        store_table_exists(ws, "household_exits", &exists, err);
    if (rc || !exists)
        return rc;
    /* an office replaces its own units' exits */
    g_autofree char *own = store_office_only(ws, "unit_code");
    g_autofree char *q =
        g_strconcat("DELETE FROM household_exits WHERE year = ?", own, NULL);
    db_stmt *st = store_prepare(ws, q, err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot delete household exits");
    else if (n_deleted)
        *n_deleted = db_changes(ws->db);
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_exit_reason(povatlas_workspace *ws, int year,
                                               const char *unit_code,
                                               const char *household_id,
                                               povatlas_exit_reason *reason,
                                               povatlas_error **err)
{
    *reason = POVATLAS_EXIT_NONE;
    int exists = 0;
    povatlas_status s = store_table_exists(ws, "household_exits", &exists, err);
    if (s || !exists)
        return s;
    db_stmt *st =
        store_prepare(ws,
                      "SELECT reason FROM household_exits WHERE year = ? AND"
                      " unit_code = ? AND household_id = ?",
                      err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    store_bind_text(st, 2, unit_code);
    store_bind_text(st, 3, household_id);
    int row = 0;
    s = store_row(ws, st, &row, "cannot read household exits", err);
    if (row)
        *reason = (povatlas_exit_reason)db_column_int(st, 0);
    db_finalize(st);
    return s;
}

povatlas_status povatlas_workspace_exits(povatlas_workspace *ws, int year_from,
                                         int year_to, povatlas_exit_fn fn,
                                         void *user_data, povatlas_error **err)
{
    int exists = 0;
    povatlas_status s = store_table_exists(ws, "household_exits", &exists, err);
    if (s || !exists)
        return s;
    db_stmt *st = store_prepare(
        ws,
        "SELECT unit_code, household_id, year, reason FROM household_exits"
        " WHERE year BETWEEN ? AND ? ORDER BY year, unit_code, household_id",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year_from);
    db_bind_int(st, 2, year_to);
    int rc;
    while ((rc = store_step(st)) == DB_ROW)
        fn(db_column_text(st, 0), db_column_text(st, 1), db_column_int(st, 2),
           (povatlas_exit_reason)db_column_int(st, 3), user_data);
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read household exits");
    db_finalize(st);
    return s;
}

povatlas_status povatlas_workspace_status_history(povatlas_workspace *ws,
                                                  int year_to,
                                                  povatlas_status_fn fn,
                                                  void *user_data,
                                                  povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws,
                      "SELECT unit_code, household_id, year, recorded_status"
                      " FROM households WHERE year <= ?"
                      " ORDER BY unit_code, household_id, year",
                      err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year_to);
    int rc;
    while ((rc = store_step(st)) == DB_ROW)
        fn(db_column_text(st, 0), db_column_text(st, 1), db_column_int(st, 2),
           (povatlas_class)db_column_int(st, 3), user_data);
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read household history");
    db_finalize(st);
    return s;
}
