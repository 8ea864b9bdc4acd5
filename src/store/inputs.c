/*
 * inputs.c - which inputs the workspace holds for a year, so that a report
 * that cannot be made names what is missing ("no review list for 2022",
 * "no boundaries for 2023") instead of a symptom, and never a year 0.
 */
#include "store_private.h"

static const struct {
    unsigned input;
    const char *sql; /* ?1 = the year's last day, ?2 = the year */
    const char *missing;
} CHECKS[] = {
    {POVATLAS_INPUT_UNITS,
     "SELECT EXISTS(SELECT 1 FROM units u WHERE " STORE_UNIT_IN_YEAR ")",
     "no units in force in"},
    {POVATLAS_INPUT_BOUNDARIES,
     "SELECT EXISTS(SELECT 1 FROM units u WHERE " STORE_UNIT_IN_YEAR
     " AND u.geom IS NOT NULL)",
     "no boundaries for"},
    {POVATLAS_INPUT_LIST,
     "SELECT EXISTS(SELECT 1 FROM review_lists WHERE year = ?2)",
     "no review list for"},
    {POVATLAS_INPUT_WARD_TOTALS,
     "SELECT EXISTS(SELECT 1 FROM ward_stats WHERE year = ?2)",
     "no ward totals (households per ward) for"},
    {POVATLAS_INPUT_TARGETS,
     "SELECT EXISTS(SELECT 1 FROM targets WHERE year = ?2)",
     "no plan targets for"},
    {POVATLAS_INPUT_ACTIVITIES,
     "SELECT EXISTS(SELECT 1 FROM activities WHERE year = ?2)",
     "no programme activities for"},
};

povatlas_status povatlas_workspace_inputs(povatlas_workspace *ws, int year,
                                          unsigned *held, povatlas_error **err)
{
    *held = 0;
    g_autofree char *day = g_strdup_printf("%04d-12-31", year);
    for (size_t i = 0; i < G_N_ELEMENTS(CHECKS); i++) {
        db_stmt *st = store_prepare(ws, CHECKS[i].sql, err);
        if (!st)
            return store_status(ws);
        store_bind_text(st, 1, day);
        db_bind_int(st, 2, year);
        int rc = store_step(st);
        if (rc == DB_ROW && db_column_int(st, 0))
            *held |= CHECKS[i].input;
        db_finalize(st);
        if (rc != DB_ROW)
            return store_fail(ws, err, "cannot read what the workspace holds");
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_workspace_require(povatlas_workspace *ws, int year,
                                           unsigned needs, povatlas_error **err)
{
    if (year <= 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "the workspace has no review year yet (no "
                                  "ward totals and no review list imported)");
    unsigned held;
    povatlas_status st = povatlas_workspace_inputs(ws, year, &held, err);
    if (st)
        return st;
    for (size_t i = 0; i < G_N_ELEMENTS(CHECKS); i++)
        if ((needs & CHECKS[i].input) && !(held & CHECKS[i].input))
            return povatlas_error_set(err, POVATLAS_E_INPUT, "%s %d",
                                      CHECKS[i].missing, year);
    return POVATLAS_OK;
}
