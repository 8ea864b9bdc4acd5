/*
 * indicators.c - the long table of computed numbers (unit, year, name,
 * value): rates, densities, areas, and later zones, coverage and statistics.
 * A new indicator needs no schema change; maps and exports read one place.
 */
#include <math.h>
#include <string.h>

#include "store_private.h"

povatlas_status povatlas_workspace_put_indicator(povatlas_workspace *ws,
                                                 const char *unit_code,
                                                 int year, const char *name,
                                                 double value, int defined,
                                                 povatlas_error **err)
{
    /* kept prepared with the workspace: preparing costs more than the
     * insert, and analyze stores 15 values per unit and year */
    if (!ws->put_indicator)
        ws->put_indicator = store_prepare(
            ws,
            "INSERT OR REPLACE INTO indicators(unit_code, year, name, value)"
            " VALUES (?, ?, ?, ?)",
            err);
    db_stmt *st = ws->put_indicator;
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, unit_code);
    db_bind_int(st, 2, year);
    store_bind_text(st, 3, name);
    if (defined && isfinite(value))
        db_bind_double(st, 4, value);
    else
        db_bind_null(st, 4);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store indicator");
    db_reset(st);
    db_clear_bindings(st);
    return rc;
}

povatlas_status povatlas_workspace_get_indicator(povatlas_workspace *ws,
                                                 const char *unit_code,
                                                 int year, const char *name,
                                                 double *value, int *found,
                                                 povatlas_error **err)
{
    *value = NAN;
    if (found)
        *found = 0;
    db_stmt *st = store_prepare(
        ws,
        "SELECT value FROM indicators WHERE unit_code = ? AND year = ?"
        " AND name = ?",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, unit_code);
    db_bind_int(st, 2, year);
    store_bind_text(st, 3, name);
    int row = 0;
    povatlas_status s =
        store_row(ws, st, &row, "cannot read an indicator", err);
    if (row && !db_column_is_null(st, 0)) {
        *value = db_column_double(st, 0);
        if (found)
            *found = 1;
    }
    db_finalize(st);
    return s;
}

povatlas_status povatlas_workspace_clear_indicators(povatlas_workspace *ws,
                                                    int year,
                                                    povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws, "DELETE FROM indicators WHERE ?1 = 0 OR year = ?1", err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot clear indicators");
    db_finalize(st);
    return rc;
}

/* One pass over the year's indicators (the primary key starts with the
 * unit, so a query per name scanned the whole table once per name: 20
 * scans of 200,000 rows at 10,600 communes). */
static povatlas_status fill_values(povatlas_workspace *ws,
                                   povatlas_indicator_table *t, int year,
                                   povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws, "SELECT unit_code, name, value FROM indicators WHERE year = ?",
        err);
    if (!st)
        return store_status(ws);
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < t->units->n; i++)
        g_hash_table_insert(index, t->units->rows[i].code,
                            GSIZE_TO_POINTER(i + 1));
    GHashTable *column = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t k = t->n_names; k-- > 0;) /* the first of a repeated name */
        g_hash_table_insert(column, t->names[k], GSIZE_TO_POINTER(k + 1));
    db_bind_int(st, 1, year);
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        if (db_column_is_null(st, 2))
            continue;
        size_t k = GPOINTER_TO_SIZE(
            g_hash_table_lookup(column, db_column_text(st, 1)));
        size_t i = k ? GPOINTER_TO_SIZE(
                           g_hash_table_lookup(index, db_column_text(st, 0)))
                     : 0;
        if (!i)
            continue;
        double v = db_column_double(st, 2);
        /* a name asked for twice fills both columns */
        for (size_t c = k - 1; c < t->n_names; c++) {
            if (c != k - 1 && strcmp(t->names[c], t->names[k - 1]) != 0)
                continue;
            t->values[(i - 1) * t->n_names + c] = v;
            t->defined[(i - 1) * t->n_names + c] = 1;
        }
    }
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read indicators");
    g_hash_table_destroy(column);
    g_hash_table_destroy(index);
    db_finalize(st);
    return s;
}

static povatlas_indicator_table *table_of(povatlas_workspace *ws, int year,
                                          const char *const *names,
                                          size_t n_names, int geometry,
                                          povatlas_error **err)
{
    povatlas_unit_list *units =
        geometry ? povatlas_workspace_units(ws, year, err)
                 : povatlas_workspace_unit_attributes(ws, year, err);
    if (!units)
        return NULL;
    povatlas_indicator_table *t = g_new0(povatlas_indicator_table, 1);
    t->units = units;
    t->n_names = n_names;
    t->names = g_new0(char *, n_names + 1);
    for (size_t k = 0; k < n_names; k++)
        t->names[k] = g_strdup(names[k]);
    t->values = g_new0(double, units->n *n_names + 1);
    t->defined = g_new0(unsigned char, units->n *n_names + 1);
    for (size_t i = 0; i < units->n * n_names; i++)
        t->values[i] = NAN;
    if (fill_values(ws, t, year, err)) {
        povatlas_indicator_table_free(t);
        return NULL;
    }
    return t;
}

povatlas_indicator_table *
povatlas_workspace_indicator_table(povatlas_workspace *ws, int year,
                                   const char *const *names, size_t n_names,
                                   povatlas_error **err)
{
    return table_of(ws, year, names, n_names, 1, err);
}

povatlas_indicator_table *
povatlas_workspace_indicator_values(povatlas_workspace *ws, int year,
                                    const char *const *names, size_t n_names,
                                    povatlas_error **err)
{
    return table_of(ws, year, names, n_names, 0, err);
}

void povatlas_indicator_table_free(povatlas_indicator_table *t)
{
    if (!t)
        return;
    povatlas_unit_list_free(t->units);
    g_strfreev(t->names);
    g_free(t->values);
    g_free(t->defined);
    g_free(t);
}

povatlas_status
povatlas_workspace_clear_indicator_names(povatlas_workspace *ws,
                                         const char *const *names, size_t n,
                                         povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws, "DELETE FROM indicators WHERE name = ?", err);
    if (!st)
        return store_status(ws);
    povatlas_status rc = POVATLAS_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        store_bind_text(st, 1, names[i]);
        if (store_step(st) != DB_DONE)
            rc = store_fail(ws, err, "cannot clear indicators");
        db_reset(st);
    }
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_indicators_each(povatlas_workspace *ws,
                                                   povatlas_indicator_fn fn,
                                                   void *user_data,
                                                   int64_t *n_out,
                                                   povatlas_error **err)
{
    if (n_out)
        *n_out = 0;
    db_stmt *st =
        store_prepare(ws,
                      "SELECT unit_code, year, name, value FROM indicators"
                      " ORDER BY unit_code, year, name",
                      err);
    if (!st)
        return store_status(ws);
    int64_t n = 0;
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        int defined = !db_column_is_null(st, 3);
        if (fn)
            fn(db_column_text(st, 0), db_column_int(st, 1),
               db_column_text(st, 2), defined ? db_column_double(st, 3) : 0,
               defined, user_data);
        n++;
    }
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read indicators");
    db_finalize(st);
    if (n_out)
        *n_out = n;
    return s;
}
