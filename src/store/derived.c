/*
 * derived.c - the numbers analysis derives once and the workspace keeps
 * (derived.h): changes between review years per unit (unit_changes) and
 * the rates of each planning zone per year (zone_rates). Created by schema
 * step 2 -> 3; analyze fills them. Unknown values are NULL, never 0: a
 * count or rate of -1, a gap of POVATLAS_GAP_UNDEFINED and a ratio of NAN
 * are stored as NULL and read back as they were.
 */
#include <math.h>
#include <string.h>

#include "povatlas/derived.h"
#include "store_private.h"

static const char *const DERIVED_DDL =
    "CREATE TABLE unit_changes("
    "  year_from INTEGER NOT NULL, year_to INTEGER NOT NULL,"
    "  unit_code TEXT NOT NULL, poor INTEGER NOT NULL,"
    "  near_poor INTEGER NOT NULL, poor_hundredths INTEGER NOT NULL,"
    "  near_poor_hundredths INTEGER NOT NULL,"
    "  poor_near_poor_hundredths INTEGER NOT NULL,"
    "  PRIMARY KEY (year_from, year_to, unit_code)) WITHOUT ROWID;"
    "CREATE TABLE zone_rates("
    "  year INTEGER NOT NULL, zone TEXT NOT NULL,"
    "  households INTEGER NOT NULL, poor INTEGER, near_poor INTEGER,"
    "  poor_hundredths INTEGER, near_poor_hundredths INTEGER,"
    "  poor_gap_hundredths INTEGER, near_poor_gap_hundredths INTEGER,"
    "  poor_ratio REAL, near_poor_ratio REAL, wards INTEGER NOT NULL,"
    "  wards_without_stats INTEGER NOT NULL,"
    "  PRIMARY KEY (year, zone)) WITHOUT ROWID;";

povatlas_status store_schema_derived(povatlas_workspace *ws,
                                     povatlas_error **err)
{
    return store_exec(ws, DERIVED_DDL, err);
}

/* Deletes the rows of @sql (a DELETE with up to two year parameters). */
static povatlas_status delete_years(povatlas_workspace *ws, const char *sql,
                                    int a, int b, povatlas_error **err)
{
    db_stmt *st = store_prepare(ws, sql, err);
    if (!st)
        return store_status(ws);
    if (db_bind_parameter_count(st) >= 1)
        db_bind_int(st, 1, a);
    if (db_bind_parameter_count(st) >= 2)
        db_bind_int(st, 2, b);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot delete stored changes or zone rates");
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_put_changes(povatlas_workspace *ws,
                                               int year_from, int year_to,
                                               const povatlas_change_list *list,
                                               povatlas_error **err)
{
    povatlas_status rc = delete_years(
        ws, "DELETE FROM unit_changes WHERE year_from = ?1 AND year_to = ?2",
        year_from, year_to, err);
    if (rc || !list->n)
        return rc;
    db_stmt *st = store_prepare(
        ws,
        "INSERT INTO unit_changes(year_from, year_to, unit_code, poor,"
        " near_poor, poor_hundredths, near_poor_hundredths,"
        " poor_near_poor_hundredths) VALUES (?,?,?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    for (size_t i = 0; !rc && i < list->n; i++) {
        const povatlas_unit_change *r = &list->rows[i];
        db_reset(st);
        db_bind_int(st, 1, year_from);
        db_bind_int(st, 2, year_to);
        store_bind_text(st, 3, r->code);
        db_bind_int64(st, 4, r->change.poor);
        db_bind_int64(st, 5, r->change.near_poor);
        db_bind_int64(st, 6, r->change.poor_hundredths);
        db_bind_int64(st, 7, r->change.near_poor_hundredths);
        db_bind_int64(st, 8, r->change.poor_near_poor_hundredths);
        if (store_step(st) != DB_DONE)
            rc = store_fail(ws, err, "cannot store the changes");
    }
    db_finalize(st);
    return rc;
}

povatlas_change_list *povatlas_workspace_changes(povatlas_workspace *ws,
                                                 int year_from, int year_to,
                                                 povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "SELECT unit_code, poor, near_poor, poor_hundredths,"
        " near_poor_hundredths, poor_near_poor_hundredths FROM unit_changes"
        " WHERE year_from = ? AND year_to = ? ORDER BY unit_code",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, year_from);
    db_bind_int(st, 2, year_to);
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_unit_change));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_unit_change r = {0};
        r.code = store_column_dup(st, 0);
        r.change.poor = db_column_int64(st, 1);
        r.change.near_poor = db_column_int64(st, 2);
        r.change.poor_hundredths = db_column_int64(st, 3);
        r.change.near_poor_hundredths = db_column_int64(st, 4);
        r.change.poor_near_poor_hundredths = db_column_int64(st, 5);
        g_array_append_val(rows, r);
    }
    if (rc != DB_DONE)
        store_fail(ws, err, "cannot read the stored changes");
    db_finalize(st);
    povatlas_change_list *list = g_new0(povatlas_change_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_unit_change *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        povatlas_change_list_free(list);
        return NULL;
    }
    return list;
}

void povatlas_change_list_free(povatlas_change_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        g_free(list->rows[i].code);
    g_free(list->rows);
    g_free(list);
}

static void bind_gap(db_stmt *st, int i, int64_t v)
{
    if (v == POVATLAS_GAP_UNDEFINED)
        db_bind_null(st, i);
    else
        db_bind_int64(st, i, v);
}

static void bind_ratio(db_stmt *st, int i, double v)
{
    if (isnan(v))
        db_bind_null(st, i);
    else
        db_bind_double(st, i, v);
}

povatlas_status
povatlas_workspace_put_zone_rates(povatlas_workspace *ws, int year,
                                  const povatlas_zone_rates rates[4],
                                  povatlas_error **err)
{
    povatlas_status rc = delete_years(
        ws, "DELETE FROM zone_rates WHERE year = ?1", year, 0, err);
    if (rc)
        return rc;
    db_stmt *st = store_prepare(
        ws,
        "INSERT INTO zone_rates(year, zone, households, poor, near_poor,"
        " poor_hundredths, near_poor_hundredths, poor_gap_hundredths,"
        " near_poor_gap_hundredths, poor_ratio, near_poor_ratio, wards,"
        " wards_without_stats) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    for (int z = POVATLAS_ZONE_UNKNOWN; !rc && z <= POVATLAS_ZONE_CENTRAL;
         z++) {
        const povatlas_zone_rates *r = &rates[z];
        db_reset(st);
        db_bind_int(st, 1, year);
        store_bind_text(st, 2, povatlas_zone_name((povatlas_zone)z));
        db_bind_int64(st, 3, r->households);
        store_bind_int_or_null(st, 4, r->poor);
        store_bind_int_or_null(st, 5, r->near_poor);
        store_bind_int_or_null(st, 6, r->poor_hundredths);
        store_bind_int_or_null(st, 7, r->near_poor_hundredths);
        bind_gap(st, 8, r->poor_gap_hundredths);
        bind_gap(st, 9, r->near_poor_gap_hundredths);
        bind_ratio(st, 10, r->poor_ratio);
        bind_ratio(st, 11, r->near_poor_ratio);
        db_bind_int(st, 12, r->wards);
        db_bind_int(st, 13, r->wards_without_stats);
        if (store_step(st) != DB_DONE)
            rc = store_fail(ws, err, "cannot store the zone rates");
    }
    db_finalize(st);
    return rc;
}

static int64_t column_gap(db_stmt *st, int i)
{
    return db_column_is_null(st, i) ? POVATLAS_GAP_UNDEFINED
                                    : db_column_int64(st, i);
}

povatlas_status povatlas_workspace_zone_rates(povatlas_workspace *ws, int year,
                                              povatlas_zone_rates rates[4],
                                              int *stored, povatlas_error **err)
{
    memset(rates, 0, 4 * sizeof *rates);
    *stored = 0;
    db_stmt *st = store_prepare(
        ws,
        "SELECT zone, households, poor, near_poor, poor_hundredths,"
        " near_poor_hundredths, poor_gap_hundredths,"
        " near_poor_gap_hundredths, poor_ratio, near_poor_ratio, wards,"
        " wards_without_stats FROM zone_rates WHERE year = ?",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_zone z = povatlas_zone_parse(db_column_text(st, 0));
        povatlas_zone_rates *r = &rates[z];
        r->households = db_column_int64(st, 1);
        r->poor = store_column_int_or_minus1(st, 2);
        r->near_poor = store_column_int_or_minus1(st, 3);
        r->poor_hundredths = store_column_int_or_minus1(st, 4);
        r->near_poor_hundredths = store_column_int_or_minus1(st, 5);
        r->poor_gap_hundredths = column_gap(st, 6);
        r->near_poor_gap_hundredths = column_gap(st, 7);
        r->poor_ratio = store_column_double_or_nan(st, 8);
        r->near_poor_ratio = store_column_double_or_nan(st, 9);
        r->wards = db_column_int(st, 10);
        r->wards_without_stats = db_column_int(st, 11);
        *stored = 1;
    }
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_DONE) {
        s = store_fail(ws, err, "cannot read the stored zone rates");
        memset(rates, 0, 4 * sizeof *rates);
        *stored = 0;
    }
    db_finalize(st);
    return s;
}

povatlas_status povatlas_workspace_clear_derived(povatlas_workspace *ws,
                                                 povatlas_error **err)
{
    povatlas_status rc =
        delete_years(ws, "DELETE FROM unit_changes", 0, 0, err);
    return rc ? rc : delete_years(ws, "DELETE FROM zone_rates", 0, 0, err);
}
