/*
 * standards.c - the versioned poverty standard table (docs/domain-rules.md
 * §2.6: lines keyed by review years and area, never in code) and its revision
 * counter.
 */
#include "store_private.h"

povatlas_status povatlas_workspace_put_standard(povatlas_workspace *ws,
                                                const povatlas_standard *s,
                                                const char *decree,
                                                povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "INSERT INTO standards(year_from, year_to, urban, line_vnd,"
        " band_upper_vnd, min_deprivations_poor, n_indicators,"
        " low_income_worker_vnd, low_income_from_year, decree)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, s->year_from);
    db_bind_int(st, 2, s->year_to);
    db_bind_int(st, 3, s->urban ? 1 : 0);
    db_bind_int64(st, 4, s->line_vnd);
    store_bind_int_or_null(st, 5, s->band_upper_vnd);
    db_bind_int(st, 6, s->min_deprivations_poor);
    db_bind_int(st, 7, s->n_indicators);
    store_bind_int_or_null(st, 8, s->low_income_worker_vnd);
    store_bind_int_or_null(
        st, 9, s->low_income_from_year > 0 ? s->low_income_from_year : -1);
    store_bind_text(st, 10, decree);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store standard");
    db_finalize(st);
    if (!rc)
        rc = store_exec(ws,
                        "UPDATE meta SET value = CAST(value AS INTEGER) + 1"
                        " WHERE key = 'standards_revision'",
                        err);
    return rc;
}

povatlas_status povatlas_workspace_standards_revision(povatlas_workspace *ws,
                                                      int64_t *revision,
                                                      povatlas_error **err)
{
    *revision = 0;
    g_autofree char *v = NULL;
    povatlas_status s =
        povatlas_workspace_get_meta(ws, "standards_revision", &v, err);
    if (!s && v)
        *revision = g_ascii_strtoll(v, NULL, 10);
    return s;
}

static void read_standard(povatlas_workspace *ws, db_stmt *st,
                          povatlas_standard *out)
{
    out->id = db_column_int(st, 0);
    out->year_from = db_column_int(st, 1);
    out->year_to = db_column_int(st, 2);
    out->urban = db_column_int(st, 3);
    out->line_vnd = db_column_int64(st, 4);
    out->band_upper_vnd = store_column_int_or_minus1(st, 5);
    out->min_deprivations_poor = db_column_int(st, 6);
    out->n_indicators = db_column_int(st, 7);
    out->low_income_worker_vnd = store_column_int_or_minus1(st, 8);
    out->low_income_from_year = db_column_int(st, 9);
    const char *decree = db_column_text(st, 10);
    char *kept = g_hash_table_lookup(ws->decrees, GINT_TO_POINTER(out->id));
    if (!kept && decree) {
        kept = g_strdup(decree);
        g_hash_table_insert(ws->decrees, GINT_TO_POINTER(out->id), kept);
    }
    out->decree = kept;
}

/* "2022–2026, 2027–2030" for the message of an uncovered year. */
static char *covered_years(povatlas_workspace *ws)
{
    GString *s = g_string_new(NULL);
    db_stmt *st = store_prepare(
        ws, "SELECT DISTINCT year_from, year_to FROM standards ORDER BY 1",
        NULL);
    while (st && store_step(st) == DB_ROW)
        g_string_append_printf(s, "%s%d–%d", s->len ? ", " : "",
                               db_column_int(st, 0), db_column_int(st, 1));
    db_finalize(st);
    return g_string_free(s, FALSE);
}

povatlas_status povatlas_workspace_find_standard(povatlas_workspace *ws,
                                                 int year, int urban,
                                                 povatlas_standard *out,
                                                 povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "SELECT id, year_from, year_to, urban, line_vnd, band_upper_vnd,"
        " min_deprivations_poor, n_indicators, low_income_worker_vnd,"
        " low_income_from_year, decree FROM standards"
        " WHERE ?1 BETWEEN year_from AND year_to AND urban = ?2"
        " ORDER BY id DESC LIMIT 1",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    db_bind_int(st, 2, urban ? 1 : 0);
    int row = 0;
    povatlas_status rc =
        store_row(ws, st, &row, "cannot read the poverty standards", err);
    if (row) {
        read_standard(ws, st, out);
    } else if (!rc) {
        g_autofree char *years = covered_years(ws);
        rc = povatlas_error_set(
            err, POVATLAS_E_INPUT,
            "no poverty standard covers review year %d (the workspace has "
            "%s); reviews before 2022 used the 2016–2020 standard, which "
            "povatlas does not apply",
            year, *years ? years : "none");
    }
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_put_b1_cutoff(povatlas_workspace *ws,
                                                 const povatlas_b1_cutoff *c,
                                                 povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "INSERT INTO b1_cutoffs(year_from, year_to, urban, line_score,"
        " band_score, source) VALUES (?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, c->year_from);
    db_bind_int(st, 2, c->year_to);
    db_bind_int(st, 3, c->urban ? 1 : 0);
    db_bind_int64(st, 4, c->line_score);
    store_bind_int_or_null(st, 5, c->band_score);
    store_bind_text(st, 6, c->source);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store B1 cut-off");
    db_finalize(st);
    if (!rc) /* classifications may change: bump the revision */
        rc = store_exec(ws,
                        "UPDATE meta SET value = CAST(value AS INTEGER) + 1"
                        " WHERE key = 'standards_revision'",
                        err);
    return rc;
}

povatlas_status povatlas_workspace_find_b1_cutoff(povatlas_workspace *ws,
                                                  int year, int urban,
                                                  povatlas_b1_cutoff *out,
                                                  int *found,
                                                  povatlas_error **err)
{
    *found = 0;
    db_stmt *st =
        store_prepare(ws,
                      "SELECT year_from, year_to, urban, line_score, band_score"
                      " FROM b1_cutoffs WHERE ?1 BETWEEN year_from AND year_to"
                      " AND urban = ?2 ORDER BY rowid DESC LIMIT 1",
                      err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    db_bind_int(st, 2, urban ? 1 : 0);
    povatlas_status s =
        store_row(ws, st, found, "cannot read the B1 cut-offs", err);
    if (*found) {
        out->year_from = db_column_int(st, 0);
        out->year_to = db_column_int(st, 1);
        out->urban = db_column_int(st, 2);
        out->line_score = db_column_int64(st, 3);
        out->band_score = store_column_int_or_minus1(st, 4);
        out->source = NULL;
    }
    db_finalize(st);
    return s;
}
