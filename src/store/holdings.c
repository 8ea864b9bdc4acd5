/*
 * holdings.c - counts of what the workspace holds for each review year,
 * for `povatlas status`: one SQL count per input, the review lists with
 * their files, and which inputs are missing or incomplete. Tables created
 * on first use (household_exits) or added later (programs, activities)
 * count 0 when absent.
 */
#include "povatlas/holdings.h"
#include "store_private.h"

/* The units of @year's end whose code is s.unit_code. */
#define IN_FORCE(code)                                                         \
    "EXISTS (SELECT 1 FROM units u WHERE u.code = " code                       \
    " AND " STORE_UNIT_IN_YEAR ")"

static const struct {
    povatlas_holding what;
    const char *table; /* must exist, or the count is 0 */
    const char *sql;   /* ?1 = the year's last day, ?2 = the year */
} COUNTS[] = {
    {POVATLAS_HOLDING_UNITS, "units",
     "SELECT count(DISTINCT u.code) FROM units u WHERE " STORE_UNIT_IN_YEAR},
    {POVATLAS_HOLDING_BOUNDARIES, "units",
     "SELECT count(DISTINCT u.code) FROM units u WHERE " STORE_UNIT_IN_YEAR
     " AND u.geom IS NOT NULL"},
    {POVATLAS_HOLDING_WARD_TOTALS, "ward_stats",
     "SELECT count(*) FROM ward_stats s WHERE s.year = ?2 AND " IN_FORCE(
         "s.unit_code")},
    {POVATLAS_HOLDING_LIST, "household_counts",
     "SELECT coalesce(sum(listed), 0) FROM household_counts WHERE year = ?2"},
    {POVATLAS_HOLDING_EXITS, "household_exits",
     "SELECT count(*) FROM household_exits WHERE year = ?2"},
    {POVATLAS_HOLDING_PROGRAMMES, "programs", "SELECT count(*) FROM programs"},
    {POVATLAS_HOLDING_ACTIVITIES, "activities",
     "SELECT count(*) FROM activities WHERE year = ?2"},
    {POVATLAS_HOLDING_TARGETS, "targets",
     "SELECT count(*) FROM targets WHERE year = ?2"},
    {POVATLAS_HOLDING_CONTEXT, "context_layers",
     "SELECT count(*) FROM context_layers"},
};

static povatlas_status count_one(povatlas_workspace *ws, const char *sql,
                                 int year, int64_t *out, povatlas_error **err)
{
    db_stmt *st = store_prepare(ws, sql, err);
    if (!st)
        return store_status(ws);
    g_autofree char *day = g_strdup_printf("%04d-12-31", year);
    if (db_bind_parameter_count(st) >= 1)
        store_bind_text(st, 1, day);
    if (db_bind_parameter_count(st) >= 2)
        db_bind_int(st, 2, year);
    int rc = store_step(st);
    *out = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    db_finalize(st);
    if (rc != DB_ROW)
        return store_fail(ws, err, "cannot read what the workspace holds");
    return POVATLAS_OK;
}

static povatlas_status read_lists(povatlas_workspace *ws,
                                  povatlas_year_holdings *y,
                                  povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        /* an office's list has a record per unit: counted once */
        "SELECT count(*), group_concat(i.file, '; ') FROM (SELECT DISTINCT"
        " import_id FROM review_lists WHERE year = ?) r"
        " LEFT JOIN imports i ON i.id = r.import_id",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, y->year);
    int rc = store_step(st);
    if (rc == DB_ROW) {
        y->n_lists = db_column_int(st, 0);
        y->list_files = store_column_dup(st, 1);
    }
    db_finalize(st);
    if (rc != DB_ROW)
        return store_fail(ws, err, "cannot read the review lists");
    return POVATLAS_OK;
}

static povatlas_status fill_year(povatlas_workspace *ws,
                                 povatlas_year_holdings *y,
                                 povatlas_error **err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(COUNTS); i++) {
        int64_t *n = &y->count[COUNTS[i].what];
        *n = 0;
        int exists = 0;
        povatlas_status st =
            store_table_exists(ws, COUNTS[i].table, &exists, err);
        if (!st && exists)
            st = count_one(ws, COUNTS[i].sql, y->year, n, err);
        if (st)
            return st;
    }
    int listed_before = 0;
    povatlas_status st = read_lists(ws, y, err);
    if (!st)
        st = povatlas_workspace_has_list(ws, y->year - 1, NULL, &listed_before,
                                         err);
    if (st)
        return st;
    const int64_t *c = y->count;
    int64_t units = c[POVATLAS_HOLDING_UNITS];
    for (int h = 0; h < POVATLAS_HOLDING_N; h++)
        y->gap[h] = c[h] == 0;
    /* boundaries and ward totals: one per unit in force */
    y->gap[POVATLAS_HOLDING_BOUNDARIES] =
        units == 0 || c[POVATLAS_HOLDING_BOUNDARIES] < units;
    y->gap[POVATLAS_HOLDING_WARD_TOTALS] =
        units == 0 || c[POVATLAS_HOLDING_WARD_TOTALS] < units;
    y->gap[POVATLAS_HOLDING_LIST] = y->n_lists == 0;
    /* exits only explain a move between two lists */
    y->gap[POVATLAS_HOLDING_EXITS] =
        c[POVATLAS_HOLDING_EXITS] == 0 && y->n_lists > 0 && listed_before;
    return POVATLAS_OK;
}

static int *holding_years(povatlas_workspace *ws, povatlas_error **err)
{
    int activities = 0, exits = 0;
    if (store_table_exists(ws, "activities", &activities, err) ||
        store_table_exists(ws, "household_exits", &exits, err))
        return NULL;
    GString *sql = g_string_new(
        "SELECT year FROM ward_stats UNION SELECT year FROM review_lists"
        " UNION SELECT year FROM targets");
    if (activities)
        g_string_append(sql, " UNION SELECT year FROM activities");
    if (exits)
        g_string_append(sql, " UNION SELECT year FROM household_exits");
    g_string_append(sql, " ORDER BY 1");
    db_stmt *st = store_prepare(ws, sql->str, err);
    g_string_free(sql, TRUE);
    if (!st)
        return NULL;
    GArray *years = g_array_new(TRUE, TRUE, sizeof(int));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        int y = db_column_int(st, 0);
        if (y > 0)
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

povatlas_holdings *povatlas_workspace_holdings(povatlas_workspace *ws, int year,
                                               povatlas_error **err)
{
    g_autofree int *years = NULL;
    if (year > 0) {
        years = g_new0(int, 2);
        years[0] = year;
    } else if (!(years = holding_years(ws, err))) {
        return NULL;
    }
    povatlas_holdings *h = g_new0(povatlas_holdings, 1);
    while (years[h->n_years])
        h->n_years++;
    h->years = g_new0(povatlas_year_holdings, h->n_years + 1);
    for (size_t i = 0; i < h->n_years; i++) {
        h->years[i].year = years[i];
        if (fill_year(ws, &h->years[i], err)) {
            povatlas_holdings_free(h);
            return NULL;
        }
    }
    return h;
}

void povatlas_holdings_free(povatlas_holdings *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n_years; i++)
        g_free(h->years[i].list_files);
    g_free(h->years);
    g_free(h);
}
