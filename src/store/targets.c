/*
 * targets.c - plan targets per scope (city or unit) and year: baselines and
 * targets as rates or counts (the 2023 plan ships in geodata/targets.csv).
 */
#include <math.h>

#include "store_private.h"

static void bind_double_or_null(db_stmt *st, int i, double v)
{
    if (isfinite(v))
        db_bind_double(st, i, v);
    else
        db_bind_null(st, i);
}

povatlas_status povatlas_workspace_put_target(povatlas_workspace *ws,
                                              const povatlas_target *t,
                                              povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "INSERT OR REPLACE INTO targets(scope, year, name, baseline, target,"
        " unit, source) VALUES (?,?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, t->scope);
    db_bind_int(st, 2, t->year);
    store_bind_text(st, 3, t->name);
    bind_double_or_null(st, 4, t->baseline);
    bind_double_or_null(st, 5, t->target);
    store_bind_text(st, 6, t->unit);
    store_bind_text(st, 7, t->source);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store target");
    db_finalize(st);
    return rc;
}

povatlas_target_list *povatlas_workspace_targets(povatlas_workspace *ws,
                                                 int year, povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "SELECT scope, year, name, baseline, target, unit, source"
        " FROM targets WHERE ?1 = 0 OR year = ?1 ORDER BY year, scope, rowid",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, year);
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_target_row));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_target_row r = {0};
        r.scope = store_column_dup(st, 0);
        r.year = db_column_int(st, 1);
        r.name = store_column_dup(st, 2);
        r.baseline = store_column_double_or_nan(st, 3);
        r.target = store_column_double_or_nan(st, 4);
        r.unit = store_column_dup(st, 5);
        r.source = store_column_dup(st, 6);
        g_array_append_val(rows, r);
    }
    if (rc != DB_DONE)
        store_fail(ws, err, "cannot read the plan targets");
    db_finalize(st);
    povatlas_target_list *list = g_new0(povatlas_target_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_target_row *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        povatlas_target_list_free(list);
        return NULL;
    }
    return list;
}

void povatlas_target_list_free(povatlas_target_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        g_free(list->rows[i].scope);
        g_free(list->rows[i].name);
        g_free(list->rows[i].unit);
        g_free(list->rows[i].source);
    }
    g_free(list->rows);
    g_free(list);
}
