/*
 * review_lists.c - which review lists the workspace holds: one record per
 * (year, scope, import), written when the first household of a year is
 * stored. A list is complete for the units it covers ('*' = every unit in
 * force in the year; an office's list, one record per unit of the office,
 * offices.c), so a covered unit without listed households has 0
 * poor households, and a unit of a year without a list has none known
 * (NULL, never 0). Added by schema step 1 -> 2.
 */
#include "store_private.h"

static const char *const REVIEW_LISTS_DDL =
    "CREATE TABLE review_lists("
    "  year INTEGER NOT NULL, scope TEXT NOT NULL DEFAULT '*',"
    "  import_id INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (year, scope, import_id));";

povatlas_status store_schema_review_lists(povatlas_workspace *ws,
                                          povatlas_error **err)
{
    return store_exec(ws, REVIEW_LISTS_DDL, err);
}

povatlas_status store_migrate_review_lists(povatlas_workspace *ws,
                                           povatlas_error **err)
{
    povatlas_status st = store_schema_review_lists(ws, err);
    /* a schema-1 workspace held a year's list exactly when it held
     * households of that year, and counted every unit of the year */
    if (!st)
        st = store_exec(ws,
                        "INSERT OR IGNORE INTO review_lists(year, scope,"
                        " import_id) SELECT DISTINCT year, '*',"
                        " coalesce(import_id, 0) FROM households",
                        err);
    return st;
}

povatlas_status store_review_list_record(povatlas_workspace *ws, int year,
                                         int64_t import_id,
                                         povatlas_error **err)
{
    /* an office's list covers its own units, every other list every unit */
    db_stmt *st = store_prepare(
        ws,
        "INSERT OR IGNORE INTO review_lists(year, scope, import_id)"
        " VALUES (?, ?, ?)",
        err);
    if (!st)
        return store_status(ws);
    povatlas_status rc = POVATLAS_OK;
    guint n = ws->office_units ? ws->office_units->len : 1;
    for (guint i = 0; !rc && i < n; i++) {
        db_bind_int(st, 1, year);
        db_bind_text(st, 2,
                     ws->office_units ? g_ptr_array_index(ws->office_units, i)
                                      : "*");
        db_bind_int64(st, 3, import_id > 0 ? import_id : 0);
        if (store_step(st) != DB_DONE)
            rc = store_fail(ws, err, "cannot record the review list");
        db_reset(st);
    }
    db_finalize(st);
    return rc;
}

povatlas_status store_review_list_delete(povatlas_workspace *ws, int year,
                                         povatlas_error **err)
{
    g_autofree char *own = store_office_only(ws, "scope");
    g_autofree char *q =
        g_strconcat("DELETE FROM review_lists WHERE year = ?", own, NULL);
    db_stmt *st = store_prepare(ws, q, err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot delete the review list");
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_has_list(povatlas_workspace *ws, int year,
                                            const char *unit_code, int *has,
                                            povatlas_error **err)
{
    *has = 0;
    db_stmt *st = store_prepare(
        ws,
        "SELECT 1 FROM review_lists WHERE year = ?1 AND (scope = '*' OR"
        " ?2 IS NULL OR scope = ?2) LIMIT 1",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    store_bind_text(st, 2, unit_code);
    povatlas_status s =
        store_row(ws, st, has, "cannot read the review lists", err);
    db_finalize(st);
    return s;
}
