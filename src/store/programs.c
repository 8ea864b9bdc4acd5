/*
 * programs.c - the programs and activities tables: what poverty-reduction
 * programs exist (NTP projects, support policies) and what each did in a
 * ward in a year. Tables are created with the v1 schema
 * (store_schema_programs(), called from schema.c).
 */
#include <string.h>

#include "povatlas/programs.h"
#include "store_private.h"

povatlas_status store_schema_programs(povatlas_workspace *ws,
                                      povatlas_error **err);

static const char *const RULE_NAMES[] = {"none", "poor", "near_poor",
                                         "poor_near_poor"};

int povatlas_target_rule_parse(const char *name, povatlas_target_rule *out)
{
    for (int i = 0; name && i < (int)G_N_ELEMENTS(RULE_NAMES); i++)
        if (strcmp(name, RULE_NAMES[i]) == 0) {
            *out = (povatlas_target_rule)i;
            return 1;
        }
    return 0;
}

povatlas_status store_schema_programs(povatlas_workspace *ws,
                                      povatlas_error **err)
{
    return store_exec(
        ws,
        "CREATE TABLE programs("
        "  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT,"
        "  kind TEXT NOT NULL CHECK (kind IN ('project', 'policy')),"
        "  agency TEXT, target_rule TEXT NOT NULL, source TEXT);"
        "CREATE TABLE activities("
        "  program_code TEXT NOT NULL, unit_code TEXT NOT NULL,"
        "  year INTEGER NOT NULL, households_reached INTEGER NOT NULL,"
        "  poor_reached INTEGER NOT NULL, near_poor_reached INTEGER NOT NULL,"
        "  budget_vnd INTEGER, agency TEXT, import_id INTEGER,"
        "  source_row INTEGER, PRIMARY KEY (program_code, unit_code, year));",
        err);
}

static povatlas_status step_done(povatlas_workspace *ws, db_stmt *st,
                                 const char *what, povatlas_error **err)
{
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, what);
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_put_program(povatlas_workspace *ws,
                                               const povatlas_program *p,
                                               povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws, "INSERT OR REPLACE INTO programs VALUES (?, ?, ?, ?, ?, ?, ?)",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, p->code);
    store_bind_text(st, 2, p->name_vi);
    store_bind_text(st, 3, p->name_en);
    store_bind_text(st, 4, p->kind);
    store_bind_text(st, 5, p->agency);
    store_bind_text(st, 6, RULE_NAMES[p->rule]);
    store_bind_text(st, 7, p->source);
    return step_done(ws, st, "cannot store program", err);
}

povatlas_status povatlas_workspace_put_activity(povatlas_workspace *ws,
                                                const povatlas_activity *a,
                                                povatlas_error **err)
{
    db_stmt *st = store_prepare(ws,
                                "INSERT OR REPLACE INTO activities VALUES"
                                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, a->program);
    store_bind_text(st, 2, a->unit_code);
    db_bind_int(st, 3, a->year);
    db_bind_int64(st, 4, a->reached);
    db_bind_int64(st, 5, a->poor_reached);
    db_bind_int64(st, 6, a->near_poor_reached);
    store_bind_int_or_null(st, 7, a->budget_vnd);
    store_bind_text(st, 8, a->agency);
    store_bind_int_or_null(st, 9, a->import_id);
    store_bind_int_or_null(st, 10, a->source_row);
    return step_done(ws, st, "cannot store activity", err);
}

povatlas_program_list *povatlas_workspace_programs(povatlas_workspace *ws,
                                                   povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "SELECT code, name_vi, name_en, kind, agency, source, target_rule"
        " FROM programs ORDER BY code",
        err);
    if (!st)
        return NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_program_row));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_program_row r = {0};
        r.code = store_column_dup(st, 0);
        r.name_vi = store_column_dup(st, 1);
        r.name_en = store_column_dup(st, 2);
        r.kind = store_column_dup(st, 3);
        r.agency = store_column_dup(st, 4);
        r.source = store_column_dup(st, 5);
        povatlas_target_rule_parse(db_column_text(st, 6), &r.rule);
        g_array_append_val(rows, r);
    }
    povatlas_program_list *list = g_new0(povatlas_program_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_program_row *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        store_fail(ws, err, "cannot read programs");
        povatlas_program_list_free(list);
        list = NULL;
    }
    db_finalize(st);
    return list;
}

void povatlas_program_list_free(povatlas_program_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        povatlas_program_row *r = &list->rows[i];
        g_free(r->code);
        g_free(r->name_vi);
        g_free(r->name_en);
        g_free(r->kind);
        g_free(r->agency);
        g_free(r->source);
    }
    g_free(list->rows);
    g_free(list);
}

povatlas_status povatlas_workspace_activity_sum(povatlas_workspace *ws,
                                                const char *program,
                                                const char *unit_code, int year,
                                                povatlas_activity_sum *out,
                                                povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws,
                      "SELECT total(households_reached), total(poor_reached),"
                      " total(near_poor_reached), total(budget_vnd), count(*)"
                      " FROM activities WHERE program_code = ?1 AND year = ?2"
                      " AND (?3 = '*' OR unit_code = ?3)",
                      err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, program);
    db_bind_int(st, 2, year);
    store_bind_text(st, 3, unit_code);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) == DB_ROW) {
        out->reached = db_column_int64(st, 0);
        out->poor_reached = db_column_int64(st, 1);
        out->near_poor_reached = db_column_int64(st, 2);
        out->budget_vnd = db_column_int64(st, 3);
        out->records = db_column_int(st, 4);
    } else {
        rc = store_fail(ws, err, "cannot sum activities");
    }
    db_finalize(st);
    return rc;
}
