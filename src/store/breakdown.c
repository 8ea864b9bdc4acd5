/*
 * breakdown.c - poor and near-poor households of a review year counted by
 * the recorded flags reports single out (docs/domain-rules.md §3.8): ethnic
 * minority, revolution merit, no working capacity; per unit. Grouping is
 * SQLite's; the urban, rural and city sums and every share are analysis's
 * (src/analysis/breakdown.c). A flag that was not recorded (NULL) is counted
 * as unknown, never as 0.
 */
#include <string.h>

#include "povatlas/series_inputs.h"
#include "store_private.h"

/* Columns per status: total, then yes and unknown of each flag. A flag
 * counts only for households of that status. The SQL is laid out by hand. */
// clang-format off
#define FLAG_SQL(col) "sum(" col " = 1), sum(" col " IS NULL)"
#define STATUS_FLAG_SQL(status, col)                                           \
    FLAG_SQL("CASE WHEN h.recorded_status = " status " THEN h." col            \
             " ELSE 0 END")
#define STATUS_SQL(status)                                                     \
    "sum(h.recorded_status = " status "),"                                     \
    STATUS_FLAG_SQL(status, "ethnic_minority") ","                             \
    STATUS_FLAG_SQL(status, "merit") ","                                       \
    STATUS_FLAG_SQL(status, "no_labour")
#define UNIT_SQL(col)                                                          \
    "(SELECT u." col " FROM units u WHERE u.code = h.unit_code"                \
    " AND " STORE_UNIT_IN_YEAR " LIMIT 1)"

static const char units_sql[] =
    "SELECT h.unit_code, " UNIT_SQL("name") ", " UNIT_SQL("urban") ","
    "  " STATUS_SQL("1") ","
    "  " STATUS_SQL("2")
    " FROM households h WHERE h.year = ?2 AND h.recorded_status IN (1, 2)"
    " GROUP BY h.unit_code ORDER BY h.unit_code";
// clang-format on

static void read_group(db_stmt *st, int col, povatlas_breakdown_group *g)
{
    g->total = db_column_int64(st, col);
    povatlas_flag_count *f[3] = {&g->ethnic_minority, &g->merit, &g->no_labour};
    for (int i = 0; i < 3; i++) {
        f[i]->yes = db_column_int64(st, col + 1 + 2 * i);
        f[i]->unknown = db_column_int64(st, col + 2 + 2 * i);
    }
}

static db_stmt *prepare_units(povatlas_workspace *ws, int year,
                              povatlas_error **err)
{
    db_stmt *st = store_prepare(ws, units_sql, err);
    if (!st)
        return NULL;
    g_autofree char *day = g_strdup_printf("%04d-12-31", year);
    store_bind_text(st, 1, day);
    db_bind_int(st, 2, year);
    return st;
}

povatlas_breakdown *povatlas_workspace_breakdown(povatlas_workspace *ws,
                                                 int year, povatlas_error **err)
{
    /* without a list the groups are unknown, not empty */
    if (povatlas_workspace_require(ws, year, POVATLAS_INPUT_LIST, err))
        return NULL;
    db_stmt *st = prepare_units(ws, year, err);
    if (!st)
        return NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_breakdown_row));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_breakdown_row r = {.scope = POVATLAS_BREAKDOWN_UNIT};
        r.code = store_column_dup(st, 0);
        r.name = store_column_dup(st, 1);
        r.urban = store_column_int_or_minus1(st, 2);
        read_group(st, 3, &r.poor);
        read_group(st, 10, &r.near_poor);
        g_array_append_val(rows, r);
    }
    db_finalize(st);
    povatlas_breakdown *b = g_new0(povatlas_breakdown, 1);
    b->year = year;
    b->n = rows->len;
    b->rows = (povatlas_breakdown_row *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        store_fail(ws, err, "cannot count the breakdowns");
        povatlas_breakdown_free(b);
        return NULL;
    }
    return b;
}

void povatlas_breakdown_free(povatlas_breakdown *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        g_free(b->rows[i].code);
        g_free(b->rows[i].name);
    }
    g_free(b->rows);
    g_free(b);
}
