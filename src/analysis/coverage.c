/*
 * coverage.c - how far programs reach the households they target, per ward
 * and for the city: households reached in each program's target group ÷
 * households of that group (recognised poor, near-poor or both), budget
 * per poor household, and the "coverage gaps": wards in the two top
 * Fisher-Jenks classes of the poor rate that are covered less than the
 * city as a whole. Rates use the official integer rounding
 * (docs/domain-rules.md §6.1); an undefined coverage (no eligible household) is
 * never 0.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/breaks.h"
#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/programs.h"

#define N_CLASSES POVATLAS_CLASSES_COUNT

void povatlas_coverage_free(povatlas_coverage *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        g_free(c->rows[i].code);
        g_free(c->rows[i].name);
    }
    g_free(c->rows);
    g_free(c->city.code);
    g_free(c->program);
    g_free(c);
}

static int64_t eligible_of(povatlas_target_rule rule, int64_t poor,
                           int64_t near_poor)
{
    return rule == POVATLAS_TARGET_POOR             ? poor
           : rule == POVATLAS_TARGET_NEAR_POOR      ? near_poor
           : rule == POVATLAS_TARGET_POOR_NEAR_POOR ? poor + near_poor
                                                    : 0;
}

static int64_t reached_of(povatlas_target_rule rule,
                          const povatlas_activity_sum *s)
{
    return eligible_of(rule, s->poor_reached, s->near_poor_reached);
}

/* Programs counted: @program alone, or every household program active in
 * the city in @year. */
static GPtrArray *pick_programs(povatlas_workspace *ws,
                                const povatlas_program_list *progs, int year,
                                const char *program, povatlas_error **err)
{
    GPtrArray *out = g_ptr_array_new();
    for (size_t i = 0; i < progs->n; i++) {
        const povatlas_program_row *p = &progs->rows[i];
        if (program) {
            if (strcmp(p->code, program) == 0)
                g_ptr_array_add(out, (gpointer)p);
            continue;
        }
        povatlas_activity_sum s;
        if (p->rule == POVATLAS_TARGET_NONE)
            continue;
        if (povatlas_workspace_activity_sum(ws, p->code, POVATLAS_SCOPE_ALL,
                                            year, &s, err)) {
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        if (s.records)
            g_ptr_array_add(out, (gpointer)p);
    }
    if (program && !out->len) {
        povatlas_error_set(err, POVATLAS_E_INPUT, "unknown program '%s'",
                           program);
        g_ptr_array_free(out, TRUE);
        return NULL;
    }
    return out;
}

static void finish_row(povatlas_coverage_row *r)
{
    if (!povatlas_rate_hundredths(r->reached, r->eligible,
                                  &r->coverage_hundredths))
        r->coverage_hundredths = -1;
    if (!povatlas_rate_hundredths(r->poor, r->households, &r->poor_hundredths))
        r->poor_hundredths = -1;
    r->budget_per_poor_vnd =
        r->poor > 0 ? (double)r->budget_vnd / (double)r->poor : NAN;
}

static povatlas_status fill_ward(povatlas_workspace *ws, int year,
                                 const GPtrArray *progs,
                                 povatlas_coverage_row *r, povatlas_error **err)
{
    for (guint k = 0; k < progs->len; k++) {
        const povatlas_program_row *p = progs->pdata[k];
        povatlas_activity_sum s;
        povatlas_status st = povatlas_workspace_activity_sum(
            ws, p->code, r->code, year, &s, err);
        if (st)
            return st;
        r->reached += reached_of(p->rule, &s);
        r->eligible += eligible_of(p->rule, r->poor, r->near_poor);
        r->budget_vnd += s.budget_vnd;
    }
    finish_row(r);
    return POVATLAS_OK;
}

/* The classes of the ward poor rates, the map's (povatlas_classes: a
 * zero class when a ward has no poor household, then Fisher-Jenks over
 * the wards the map shows), and the gap flags. */
static povatlas_status classify_gaps(povatlas_coverage *c, povatlas_error **err)
{
    double *v = g_new(double, c->n);
    for (size_t i = 0; i < c->n; i++) {
        const povatlas_coverage_row *r = &c->rows[i];
        int shown = r->poor_hundredths >= 0 &&
                    !povatlas_small_cell(
                        r->households < 0 ? NAN : (double)r->households,
                        POVATLAS_MIN_HOUSEHOLDS);
        v[i] = shown ? (double)r->poor_hundredths / 100.0 : NAN;
    }
    povatlas_error *e = NULL;
    povatlas_classes *k = povatlas_classes_compute(
        v, c->n, POVATLAS_CLASSES_METHOD, N_CLASSES, &e);
    if (!k) {
        g_free(v);
        return povatlas_error_propagate_or(err, e, POVATLAS_E_INPUT);
    }
    c->n_classes = k->n_classes;
    for (size_t i = 0; i < c->n; i++) {
        povatlas_coverage_row *r = &c->rows[i];
        r->poverty_class = povatlas_classes_class_of(k, v[i]) + 1;
        r->coverage_gap =
            r->poverty_class >= k->n_classes - 1 && r->poverty_class > 0 &&
            k->n_classes >= 2 && r->coverage_hundredths >= 0 &&
            c->city.coverage_hundredths >= 0 &&
            r->reached * c->city.eligible < c->city.reached * r->eligible;
    }
    povatlas_classes_free(k);
    g_free(v);
    return POVATLAS_OK;
}

static povatlas_status store_row(povatlas_workspace *ws, int year,
                                 const povatlas_coverage_row *r,
                                 povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_put_indicator(
        ws, r->code, year, POVATLAS_IND_COVERAGE,
        (double)r->coverage_hundredths / 100.0, r->coverage_hundredths >= 0,
        err);
    if (!st && strcmp(r->code, POVATLAS_SCOPE_ALL) != 0)
        st = povatlas_workspace_put_indicator(ws, r->code, year,
                                              POVATLAS_IND_COVERAGE_GAP,
                                              r->coverage_gap, 1, err);
    if (!st)
        st = povatlas_workspace_put_indicator(
            ws, r->code, year, POVATLAS_IND_BUDGET_PER_POOR,
            r->budget_per_poor_vnd, !isnan(r->budget_per_poor_vnd), err);
    return st;
}

static povatlas_status store_all(povatlas_workspace *ws,
                                 const povatlas_coverage *c,
                                 povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_begin(ws, err);
    for (size_t i = 0; !st && i < c->n; i++)
        st = store_row(ws, c->year, &c->rows[i], err);
    if (!st)
        st = store_row(ws, c->year, &c->city, err);
    if (!st)
        return povatlas_workspace_commit(ws, err);
    povatlas_workspace_rollback(ws, err);
    return st;
}

static povatlas_status compute(povatlas_workspace *ws, povatlas_coverage *c,
                               const GPtrArray *progs,
                               const povatlas_counts_list *counts,
                               const povatlas_unit_list *units,
                               povatlas_error **err)
{
    c->rows = g_new0(povatlas_coverage_row, counts->n);
    c->city.code = g_strdup(POVATLAS_SCOPE_ALL);
    /* code -> name; the last period of a code wins, as units come ordered
     * by code and valid_from (a scan per ward was 10,600² comparisons) */
    GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t k = 0; k < units->n; k++)
        g_hash_table_insert(names, units->rows[k].code, units->rows[k].name);
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < counts->n; i++) {
        const povatlas_unit_counts *u = &counts->rows[i];
        povatlas_coverage_row *r = &c->rows[c->n++];
        r->code = g_strdup(u->code);
        r->name = g_strdup(g_hash_table_lookup(names, u->code));
        r->poor = u->poor;
        r->near_poor = u->near_poor;
        r->households = u->households;
        st = fill_ward(ws, c->year, progs, r, err);
        c->city.poor += r->poor;
        c->city.near_poor += r->near_poor;
        c->city.households += r->households > 0 ? r->households : 0;
        c->city.reached += r->reached;
        c->city.eligible += r->eligible;
        c->city.budget_vnd += r->budget_vnd;
    }
    g_hash_table_destroy(names);
    finish_row(&c->city);
    return st ? st : classify_gaps(c, err);
}

povatlas_coverage *povatlas_coverage_compute(povatlas_workspace *ws, int year,
                                             const char *program, int store,
                                             povatlas_error **err)
{
    povatlas_program_list *list = povatlas_workspace_programs(ws, err);
    GPtrArray *progs =
        list ? pick_programs(ws, list, year, program, err) : NULL;
    povatlas_counts_list *counts =
        progs ? povatlas_workspace_counts(ws, year, err) : NULL;
    povatlas_unit_list *units =
        counts ? povatlas_workspace_unit_attributes(ws, year, err) : NULL;
    povatlas_coverage *c = NULL;
    /* no units: a callee failed and said why */
    povatlas_status st = units ? POVATLAS_OK : POVATLAS_E_DB;
    int listed = 0;
    if (!st && !counts->n) {
        st = povatlas_workspace_require(
            ws, year, POVATLAS_INPUT_LIST | POVATLAS_INPUT_WARD_TOTALS, err);
        if (!st)
            st = povatlas_error_set(err, POVATLAS_E_INPUT,
                                    "no ward counts for %d", year);
    }
    if (!st)
        st = povatlas_workspace_has_list(ws, year, NULL, &listed, err);
    if (!st && !listed)
        /* the groups programs target are counted on the list */
        st = povatlas_error_set(err, POVATLAS_E_INPUT, "no review list for %d",
                                year);
    if (!st) {
        c = g_new0(povatlas_coverage, 1);
        c->year = year;
        c->program = g_strdup(program);
        st = compute(ws, c, progs, counts, units, err);
        if (!st && store)
            st = store_all(ws, c, err);
        if (st) {
            povatlas_coverage_free(c);
            c = NULL;
        }
    }
    povatlas_unit_list_free(units);
    povatlas_counts_list_free(counts);
    if (progs)
        g_ptr_array_free(progs, TRUE);
    povatlas_program_list_free(list);
    return c;
}
