/*
 * targets.c - plan targets against what the workspace shows: rates from
 * summed counts with the official rounding (domain.md §6.1), household
 * changes against the previous review. A target nothing measures yet
 * (houses built, households fallen back) says so instead of guessing.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/analysis.h"
#include "povatlas/pipeline.h"

typedef struct city_years {
    povatlas_city_summary now, before;
    int has_before;
} city_years;

static double achieved_value(const char *name, const city_years *c)
{
    if (strcmp(name, "poor_rate") == 0 && c->now.poor_hundredths >= 0)
        return (double)c->now.poor_hundredths / 100.0;
    if (strcmp(name, "near_poor_rate") == 0 &&
        c->now.near_poor_hundredths >= 0)
        return (double)c->now.near_poor_hundredths / 100.0;
    if (!c->has_before)
        return NAN;
    if (strcmp(name, "poor_change") == 0)
        return (double)(c->now.poor - c->before.poor);
    if (strcmp(name, "near_poor_change") == 0)
        return (double)(c->now.near_poor - c->before.near_poor);
    return NAN;
}

/* Targets here are reductions or ceilings: met when achieved <= target. */
static void evaluate(povatlas_target_eval *e)
{
    if (isnan(e->achieved)) {
        e->state = POVATLAS_TARGET_NO_DATA;
        e->gap = e->share = NAN;
        return;
    }
    e->gap = e->achieved - e->target;
    /* compare in hundredths so 1.15 <= 1.15 holds exactly */
    e->state = llround(e->achieved * 100) <= llround(e->target * 100)
                   ? POVATLAS_TARGET_MET
                   : POVATLAS_TARGET_MISSED;
    double planned = isnan(e->baseline) ? e->target : e->target - e->baseline;
    double done = isnan(e->baseline) ? e->achieved : e->achieved - e->baseline;
    e->share = planned != 0 ? done / planned : NAN;
}

povatlas_target_eval_list *povatlas_targets_evaluate(povatlas_workspace *ws,
                                                     int year,
                                                     povatlas_error **err)
{
    city_years c = {0};
    if (povatlas_city_summary_compute(ws, year, &c.now, err))
        return NULL;
    c.has_before = povatlas_city_summary_compute(ws, year - 1, &c.before,
                                                 NULL) == POVATLAS_OK &&
                   c.before.households > 0;
    povatlas_target_list *targets = povatlas_workspace_targets(ws, year, err);
    if (!targets)
        return NULL;
    povatlas_target_eval_list *out = g_new0(povatlas_target_eval_list, 1);
    out->rows = g_new0(povatlas_target_eval, targets->n + 1);
    for (size_t i = 0; i < targets->n; i++) {
        const povatlas_target_row *t = &targets->rows[i];
        if (strcmp(t->scope, POVATLAS_SCOPE_ALL) != 0)
            continue;
        povatlas_target_eval *e = &out->rows[out->n++];
        e->name = g_strdup(t->name);
        e->unit = g_strdup(t->unit);
        e->baseline = t->baseline;
        e->target = t->target;
        e->achieved = achieved_value(t->name, &c);
        evaluate(e);
    }
    povatlas_target_list_free(targets);
    return out;
}

void povatlas_target_eval_list_free(povatlas_target_eval_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        g_free(list->rows[i].name);
        g_free(list->rows[i].unit);
    }
    g_free(list->rows);
    g_free(list);
}
