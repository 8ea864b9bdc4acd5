/*
 * counts.c - counts of households per unit and year: the input of every
 * rate. They are kept in household_counts, written by the import that
 * stores the rows (the household writer adds its counts at the end of the
 * import's transaction), recounted from the rows when a classification or
 * a year's list changes, so that reading them costs the number of units,
 * not of households (10,600 communes, millions of rows). Denominators come
 * from ward_stats, never from the number of rows in a review file
 * (docs/domain-rules.md §6.1). A unit that no review list of the year covers
 * has no household counts (-1): missing is never zero (review_lists.c).
 * Added by schema step 2 -> 3.
 */
#include "store_private.h"

static const char *const HOUSEHOLD_COUNTS_DDL =
    "CREATE TABLE household_counts("
    "  year INTEGER NOT NULL, unit_code TEXT NOT NULL,"
    "  listed INTEGER NOT NULL, poor INTEGER NOT NULL,"
    "  near_poor INTEGER NOT NULL, computed_poor INTEGER NOT NULL,"
    "  computed_near_poor INTEGER NOT NULL, disagree INTEGER NOT NULL,"
    "  PRIMARY KEY (year, unit_code)) WITHOUT ROWID;";

povatlas_status store_schema_household_counts(povatlas_workspace *ws,
                                              povatlas_error **err)
{
    return store_exec(ws, HOUSEHOLD_COUNTS_DDL, err);
}

povatlas_status store_migrate_household_counts(povatlas_workspace *ws,
                                               povatlas_error **err)
{
    povatlas_status st = store_schema_household_counts(ws, err);
    return st ? st : store_household_counts_recount(ws, 0, err);
}

/* The counts of one household, in the order of household_counts. */
#define COUNTS_OF(rec, comp)                                                   \
    "count(*), sum(" rec " = 1), sum(" rec " = 2), sum(" comp " = 1),"         \
    " sum(" comp " = 2), sum(" rec " <> " comp " AND (" rec " IN (1, 2)"       \
    " OR " comp " IN (1, 2)))"

povatlas_status store_household_counts_recount(povatlas_workspace *ws, int year,
                                               povatlas_error **err)
{
    static const char *const sql[] = {
        "DELETE FROM household_counts WHERE ?1 = 0 OR year = ?1",
        "INSERT INTO household_counts SELECT year, unit_code, " COUNTS_OF(
            "recorded_status", "computed_status") " FROM households"
                                                  " WHERE ?1 = 0 OR year = ?1"
                                                  " GROUP BY year, unit_code"};
    for (size_t i = 0; i < G_N_ELEMENTS(sql); i++) {
        db_stmt *st = store_prepare(ws, sql[i], err);
        if (!st)
            return store_status(ws);
        db_bind_int(st, 1, year);
        int rc = store_step(st);
        db_finalize(st);
        if (rc != DB_DONE)
            return store_fail(ws, err, "cannot count households");
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_workspace_recount(povatlas_workspace *ws, int year,
                                           povatlas_error **err)
{
    return store_household_counts_recount(ws, year, err);
}

povatlas_counts_list *povatlas_workspace_counts(povatlas_workspace *ws,
                                                int year, povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "WITH codes AS (SELECT unit_code FROM ward_stats WHERE year = ?1"
        "   UNION SELECT unit_code FROM household_counts WHERE year = ?1)"
        " SELECT c.unit_code, s.households, s.population,"
        "  coalesce(hh.poor, 0), coalesce(hh.near_poor, 0),"
        "  coalesce(hh.computed_poor, 0), coalesce(hh.computed_near_poor, 0),"
        "  coalesce(hh.listed, 0), coalesce(hh.disagree, 0),"
        "  (SELECT u.urban FROM units u WHERE u.code = c.unit_code"
        "   AND u.valid_from <= ?2 AND (u.valid_to IS NULL OR"
        "   u.valid_to >= ?2) LIMIT 1),"
        "  EXISTS (SELECT 1 FROM review_lists r WHERE r.year = ?1"
        "   AND r.scope IN ('*', c.unit_code))"
        " FROM codes c LEFT JOIN ward_stats s"
        "  ON s.unit_code = c.unit_code AND s.year = ?1"
        " LEFT JOIN household_counts hh"
        "  ON hh.year = ?1 AND hh.unit_code = c.unit_code"
        " ORDER BY c.unit_code",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, year);
    g_autofree char *day = g_strdup_printf("%04d-12-31", year);
    store_bind_text(st, 2, day);
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_unit_counts));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_unit_counts c = {0};
        c.code = store_column_dup(st, 0);
        c.year = year;
        c.households = store_column_int_or_minus1(st, 1);
        c.population = store_column_int_or_minus1(st, 2);
        c.poor = db_column_int64(st, 3);
        c.near_poor = db_column_int64(st, 4);
        c.computed_poor = db_column_int64(st, 5);
        c.computed_near_poor = db_column_int64(st, 6);
        c.listed = db_column_int64(st, 7);
        c.disagree = db_column_int64(st, 8);
        c.urban = (int)store_column_int_or_minus1(st, 9);
        c.has_list = db_column_int(st, 10);
        if (!c.has_list)
            c.poor = c.near_poor = c.computed_poor = c.computed_near_poor =
                c.listed = c.disagree = -1;
        g_array_append_val(rows, c);
    }
    if (rc != DB_DONE)
        store_fail(ws, err, "cannot count households");
    db_finalize(st);
    povatlas_counts_list *list = g_new0(povatlas_counts_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_unit_counts *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        povatlas_counts_list_free(list);
        return NULL;
    }
    return list;
}

void povatlas_counts_list_free(povatlas_counts_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        g_free(list->rows[i].code);
    g_free(list->rows);
    g_free(list);
}

int *povatlas_workspace_years(povatlas_workspace *ws, povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws,
                      "SELECT year FROM ward_stats UNION SELECT year FROM"
                      " household_counts ORDER BY 1",
                      err);
    if (!st)
        return NULL;
    GArray *years = g_array_new(TRUE, TRUE, sizeof(int));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        int y = db_column_int(st, 0);
        g_array_append_val(years, y);
    }
    if (rc != DB_DONE) {
        store_fail(ws, err, "cannot read the review years");
        g_array_free(years, TRUE);
        years = NULL;
    }
    db_finalize(st);
    return years ? (int *)g_array_free(years, FALSE) : NULL;
}

povatlas_status povatlas_workspace_latest_year(povatlas_workspace *ws,
                                               int *year, povatlas_error **err)
{
    *year = 0;
    db_stmt *st = store_prepare(
        ws,
        "SELECT MAX(year) FROM (SELECT year FROM ward_stats UNION SELECT"
        " year FROM household_counts) AS y",
        err);
    if (!st)
        return store_status(ws);
    int rc = store_step(st);
    if (rc == DB_ROW)
        *year = db_column_int(st, 0); /* NULL (no year) reads 0 */
    db_finalize(st);
    if (rc != DB_ROW)
        return store_fail(ws, err, "cannot read the latest review year");
    return POVATLAS_OK;
}
