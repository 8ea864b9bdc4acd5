/*
 * programs.c - importing the programs table (NTP projects and support
 * policies) and activity records (what a program did in a ward in a year).
 * Same rules as every table import: each bad row reported as
 * FILE:ROW: column NAME: why, nothing lands unless every row is good.
 */
#include <string.h>

#include "ingest_private.h"
#include "povatlas/programs.h"

/* Whole number >= 0; empty gives @dflt (or a rejection when @dflt < -1). */
static gboolean need_count(import_run *run, const table_reader *r, int col,
                           int64_t dflt, int64_t *out)
{
    const char *t = col >= 0 ? table_reader_cell(r, col) : "";
    cell_status cs = cell_int(t, out);
    if (cs == CELL_EMPTY && dflt >= -1) {
        *out = dflt;
        return TRUE;
    }
    if (cs != CELL_OK || *out < 0) {
        g_autofree char *shown = cell_quote(t);
        import_reject(run, r->row, import_column_name(r, col),
                      cs == CELL_EMPTY ? "empty, expected a whole number%s"
                                       : "not a whole number >= 0: %s",
                      cs == CELL_EMPTY ? "" : shown);
        return FALSE;
    }
    return TRUE;
}

/* -------------------------------------------------------------- programs */

enum { P_CODE, P_VI, P_EN, P_KIND, P_AGENCY, P_RULE, P_SOURCE, N_P };

static const field_spec PROGRAM_FIELDS[N_P] = {
    [P_CODE] = {"code", "code", "code|ma|ma chuong trinh|program",
                FIELD_REQUIRED},
    [P_VI] = {"name_vi", "name_vi", "name vi|ten|ten chuong trinh",
              FIELD_REQUIRED},
    [P_EN] = {"name_en", "name_en", "name en|name", 0},
    [P_KIND] = {"kind", "kind", "kind|loai", FIELD_REQUIRED},
    [P_AGENCY] = {"agency", "agency", "agency|co quan chu tri|co quan", 0},
    [P_RULE] = {"target_rule", "target_rule",
                "target rule|doi tuong|target group", FIELD_REQUIRED},
    [P_SOURCE] = {"source", "source", "source|nguon|mark", 0},
};

static povatlas_status program_row(import_run *run, const table_reader *r,
                                   const int *cols, void *ctx,
                                   povatlas_error **err)
{
    (void)ctx;
    povatlas_program p = {0};
    p.code = cell_need_text(run, r, cols[P_CODE], "code");
    p.name_vi = cell_need_text(run, r, cols[P_VI], "name_vi");
    p.kind = cell_need_text(run, r, cols[P_KIND], "kind");
    const char *rule = cell_need_text(run, r, cols[P_RULE], "target rule");
    if (!p.code || !p.name_vi || !p.kind || !rule)
        return POVATLAS_OK;
    if (strcmp(p.kind, "project") != 0 && strcmp(p.kind, "policy") != 0) {
        g_autofree char *shown = cell_quote(p.kind);
        import_reject(run, r->row, import_column_name(r, cols[P_KIND]),
                      "unknown kind %s (project or policy)", shown);
        return POVATLAS_OK;
    }
    if (!povatlas_target_rule_parse(rule, &p.rule)) {
        g_autofree char *shown = cell_quote(rule);
        import_reject(run, r->row, import_column_name(r, cols[P_RULE]),
                      "unknown target rule %s (poor, near_poor, "
                      "poor_near_poor or none)",
                      shown);
        return POVATLAS_OK;
    }
    p.name_en = cell_opt_text(r, cols[P_EN]);
    p.agency = cell_opt_text(r, cols[P_AGENCY]);
    p.source = cell_opt_text(r, cols[P_SOURCE]);
    povatlas_status st = povatlas_workspace_put_program(run->ws, &p, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_programs(povatlas_workspace *ws,
                                         const char *path,
                                         const povatlas_import_opts *opts,
                                         povatlas_report *report,
                                         povatlas_import_result *result,
                                         povatlas_error **err)
{
    static const import_table_def def = {"programs", PROGRAM_FIELDS, N_P,
                                         NULL,       program_row,    NULL};
    return import_table(ws, path, opts, report, result, &def, NULL, err);
}

/* ------------------------------------------------------------ activities */

enum {
    A_PROG,
    A_CODE,
    A_YEAR,
    A_HH,
    A_POOR,
    A_NEAR,
    A_BUDGET,
    A_AGENCY,
    A_NAME,
    N_A
};

static const field_spec ACTIVITY_FIELDS[N_A] = {
    [A_PROG] = {"program", "program",
                "program|program code|ma chuong trinh|du an|chuong trinh",
                FIELD_REQUIRED},
    [A_CODE] = {"unit_code", "unit_code",
                "unit code|ward code|ma don vi|ma xa|ma phuong|code", 0},
    [A_NAME] = {"unit_name", "unit_name",
                "unit name|ward name|ten don vi|ten xa|ten phuong|"
                "xa phuong|phuong xa|ward|commune",
                0},
    [A_YEAR] = {"year", "year", "year|nam", 0},
    [A_HH] = {"households_reached", "households_reached",
              "households reached|so ho duoc ho tro|reached", FIELD_REQUIRED},
    [A_POOR] = {"poor_reached", "poor_reached",
                "poor reached|trong do ho ngheo|ho ngheo", 0},
    [A_NEAR] = {"near_poor_reached", "near_poor_reached",
                "near poor reached|trong do ho can ngheo|ho can ngheo", 0},
    [A_BUDGET] = {"budget_vnd", "budget_vnd",
                  "budget vnd|budget|kinh phi|kinh phi vnd", 0},
    [A_AGENCY] = {"agency", "agency", "agency|co quan thuc hien|co quan", 0},
};

typedef struct activity_ctx {
    GHashTable *programs; /* code -> 1 */
    unit_names *names;    /* units by code or name at the end of a year */
    key_set seen;         /* (year, unit, program) -> first row */
} activity_ctx;

static povatlas_status activity_start(import_run *run, const table_reader *r,
                                      const int *cols, void *ctx,
                                      povatlas_error **err)
{
    (void)r;
    (void)ctx;
    return import_need_unit_column(run, cols[A_CODE], cols[A_NAME], err);
}

static povatlas_status activity_row(import_run *run, const table_reader *r,
                                    const int *cols, void *ctx,
                                    povatlas_error **err)
{
    activity_ctx *c = ctx;
    povatlas_activity a = {0};
    int64_t year = run->opts ? run->opts->year : 0;
    a.program = cell_need_text(run, r, cols[A_PROG], "program");
    if (!a.program)
        return POVATLAS_OK;
    if (!g_hash_table_contains(c->programs, a.program)) {
        g_autofree char *shown = povatlas_text_quote(a.program);
        import_reject(run, r->row, import_column_name(r, cols[A_PROG]),
                      "unknown program %s (import programs first)", shown);
        return POVATLAS_OK;
    }
    const povatlas_unit_row *u;
    if (!need_count(run, r, cols[A_YEAR], year > 0 ? year : -2, &year))
        return POVATLAS_OK;
    if (year < YEAR_MIN || year > YEAR_MAX) {
        g_autofree char *shown = cell_named_value("year", year);
        import_reject(run, r->row, import_column_name(r, cols[A_YEAR]),
                      "%s is out of range (%d to %d)", shown, YEAR_MIN,
                      YEAR_MAX);
        return POVATLAS_OK;
    }
    if (!(u = import_row_unit(run, r, c->names, cols[A_CODE], cols[A_NAME],
                              (int)year)))
        return POVATLAS_OK;
    a.unit_code = u->code;
    if (!need_count(run, r, cols[A_HH], -2, &a.reached) ||
        !need_count(run, r, cols[A_POOR], 0, &a.poor_reached) ||
        !need_count(run, r, cols[A_NEAR], 0, &a.near_poor_reached) ||
        !need_count(run, r, cols[A_BUDGET], -1, &a.budget_vnd))
        return POVATLAS_OK;
    if (a.poor_reached + a.near_poor_reached > a.reached) {
        import_reject(run, r->row, import_column_name(r, cols[A_HH]),
                      "%" G_GINT64_FORMAT " households reached, fewer than "
                      "the poor and near-poor among them (%" G_GINT64_FORMAT
                      ")",
                      a.reached, a.poor_reached + a.near_poor_reached);
        return POVATLAS_OK;
    }
    uint64_t first = 0;
    int is_new = key_set_claim(&c->seen,
                               household_key((int)year, a.unit_code, a.program),
                               (uint64_t)r->row, &first);
    if (is_new < 0)
        return import_out_of_memory(run, r->row, "the rows read", err);
    if (!is_new) {
        g_autofree char *shown = povatlas_text_quote(a.program);
        import_reject(
            run, r->row, import_column_name(r, cols[A_PROG]),
            "second record of program %s in ward '%s' for %" G_GINT64_FORMAT
            " (first on row %ld)",
            shown, a.unit_code, year, (long)first);
        return POVATLAS_OK;
    }
    a.year = (int)year;
    a.agency = cell_opt_text(r, cols[A_AGENCY]);
    a.import_id = run->import_id;
    a.source_row = r->row;
    povatlas_status st = povatlas_workspace_put_activity(run->ws, &a, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_activities(povatlas_workspace *ws,
                                           const char *path,
                                           const povatlas_import_opts *opts,
                                           povatlas_report *report,
                                           povatlas_import_result *result,
                                           povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_program_list *progs = povatlas_workspace_programs(ws, &why);
    unit_names *names = progs ? unit_names_load(ws, &why) : NULL;
    if (!names) {
        povatlas_program_list_free(progs);
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    activity_ctx c = {g_hash_table_new(g_str_hash, g_str_equal), names, {0}};
    for (size_t i = 0; i < progs->n; i++)
        g_hash_table_add(c.programs, progs->rows[i].code);
    static const import_table_def def = {"activities",   ACTIVITY_FIELDS, N_A,
                                         activity_start, activity_row,    NULL};
    povatlas_status st =
        import_table(ws, path, opts, report, result, &def, &c, err);
    g_hash_table_destroy(c.programs);
    unit_names_free(names);
    key_set_clear(&c.seen);
    povatlas_program_list_free(progs);
    return st;
}
