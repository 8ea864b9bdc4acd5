/*
 * targets.c - plan targets against what the workspace shows: rates from
 * summed counts with the official rounding (docs/domain-rules.md §6.1),
 * household changes against the previous review, households fallen back into
 * poverty from the transitions (docs/domain-rules.md §3.6). A target nothing
 * measures yet (houses built) says so instead of guessing.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/analysis.h"
#include "povatlas/programs.h"
#include "povatlas/targets.h"
#include "povatlas/transitions.h"

typedef struct city_years {
    povatlas_city_summary now, before;
    int has_before;
    int64_t fell_back_poor; /* tái nghèo of year - 1 -> year, -1 unknown */
    int64_t houses_built;   /* housing program activities, -1 none */
} city_years;

static double achieved_value(const char *name, const city_years *c)
{
    if (strcmp(name, "poor_rate") == 0 && c->now.poor_hundredths >= 0)
        return (double)c->now.poor_hundredths / 100.0;
    if (strcmp(name, "near_poor_rate") == 0 && c->now.near_poor_hundredths >= 0)
        return (double)c->now.near_poor_hundredths / 100.0;
    if (strcmp(name, "fell_back_poor") == 0)
        return c->fell_back_poor >= 0 ? (double)c->fell_back_poor : NAN;
    if (strcmp(name, "new_houses") == 0)
        return c->houses_built >= 0 ? (double)c->houses_built : NAN;
    if (!c->has_before || !c->now.has_list || !c->before.has_list)
        return NAN; /* a change from or to a year without a list */
    if (strcmp(name, "poor_change") == 0)
        return (double)(c->now.poor - c->before.poor);
    if (strcmp(name, "near_poor_change") == 0)
        return (double)(c->now.near_poor - c->before.near_poor);
    return NAN;
}

/* Rates and household changes are reductions or ceilings (met when
 * achieved <= target); a count to reach without a baseline, such as new
 * houses built, is a floor (met when achieved >= target). */
static int is_floor(const povatlas_target_eval *e)
{
    return isnan(e->baseline) && e->target > 0 &&
           g_strcmp0(e->unit, "percent") != 0;
}

static void evaluate(povatlas_target_eval *e)
{
    if (isnan(e->achieved)) {
        e->state = POVATLAS_TARGET_NO_DATA;
        e->gap = e->share = NAN;
        return;
    }
    e->gap = e->achieved - e->target;
    /* compare in hundredths so 1.15 <= 1.15 holds exactly */
    long long got = llround(e->achieved * 100), want = llround(e->target * 100);
    e->state = (is_floor(e) ? got >= want : got <= want)
                   ? POVATLAS_TARGET_MET
                   : POVATLAS_TARGET_MISSED;
    double planned = isnan(e->baseline) ? e->target : e->target - e->baseline;
    double done = isnan(e->baseline) ? e->achieved : e->achieved - e->baseline;
    e->share = planned != 0 ? done / planned : NAN;
}

/* Tái nghèo between @year - 1 and @year: -1 when either list is missing
 * (no data); a failed balance identity is an error, not "no data". */
static povatlas_status fell_back(povatlas_workspace *ws, int year, int64_t *out,
                                 povatlas_error **err)
{
    *out = -1;
    int now = 0, before = 0;
    povatlas_status s = povatlas_workspace_has_list(ws, year, NULL, &now, err);
    if (!s)
        s = povatlas_workspace_has_list(ws, year - 1, NULL, &before, err);
    if (s || !now || !before)
        return s;
    povatlas_error *e = NULL;
    povatlas_transitions *t =
        povatlas_transitions_compute(ws, year - 1, year, 0, &e);
    if (!t)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_INPUT);
    *out = t->city.count[POVATLAS_TR_FELL_BACK_POOR];
    povatlas_transitions_free(t);
    return POVATLAS_OK;
}

povatlas_target_eval_list *povatlas_targets_evaluate(povatlas_workspace *ws,
                                                     int year,
                                                     povatlas_error **err)
{
    city_years c = {0};
    if (povatlas_city_summary_compute(ws, year, &c.now, err))
        return NULL;
    /* a year without counts sums to no households; a failed read is an
     * error, never "no baseline" or "no houses" */
    if (povatlas_city_summary_compute(ws, year - 1, &c.before, err))
        return NULL;
    c.has_before = c.before.households > 0;
    if (fell_back(ws, year, &c.fell_back_poor, err))
        return NULL;
    povatlas_activity_sum houses = {0};
    if (povatlas_workspace_activity_sum(ws, POVATLAS_PROGRAM_HOUSING,
                                        POVATLAS_SCOPE_ALL, year, &houses, err))
        return NULL;
    c.houses_built = houses.records ? houses.reached : -1;
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

const char *povatlas_target_label(const char *name, const char *lang)
{
    static const char *const L[][3] = {
        {"poor_rate", "Tỷ lệ hộ nghèo", "Poor-household rate"},
        {"poor_change", "Giảm số hộ nghèo", "Change in poor households"},
        {"near_poor_rate", "Tỷ lệ hộ cận nghèo", "Near-poor rate"},
        {"near_poor_change", "Giảm số hộ cận nghèo",
         "Change in near-poor households"},
        {"new_houses", "Xây mới nhà ở", "New houses built"},
        {"fell_back_poor", "Hộ tái nghèo", "Households back in poverty"}};
    int en = g_strcmp0(lang, "en") == 0;
    for (size_t i = 0; name && i < G_N_ELEMENTS(L); i++)
        if (strcmp(L[i][0], name) == 0)
            return L[i][en ? 2 : 1];
    return name;
}
