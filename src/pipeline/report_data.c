/*
 * report_data.c - the reports of the summary, transitions, coverage,
 * priority and zones commands as structures: each computes its report and
 * stores what the report stores (the indicators maps and exports read), so that
 * the CLI only prints what it gets and never writes to the workspace. The table
 * builders (reports.c) are made from the same calls.
 */
#include <glib.h>

#include "povatlas/reports.h"

povatlas_transitions *povatlas_transitions_report(povatlas_workspace *ws,
                                                  int year_from, int year_to,
                                                  const char *ward,
                                                  povatlas_error **err)
{
    povatlas_transitions *t = povatlas_transitions_compute(
        ws, year_from, year_to, POVATLAS_TRANSITIONS_COMPUTE_STORE, err);
    if (t && ward && !povatlas_transitions_find(t, ward)) {
        povatlas_error_set(err, POVATLAS_E_INPUT,
                           "unknown ward code '%s' (no households in %d or "
                           "%d)",
                           ward, year_from, year_to);
        povatlas_transitions_free(t);
        return NULL;
    }
    return t;
}

povatlas_coverage *povatlas_coverage_report(povatlas_workspace *ws, int year,
                                            const char *program,
                                            povatlas_error **err)
{
    return povatlas_coverage_compute(ws, year, program, 1, err);
}

povatlas_target_eval_list *
povatlas_targets_report(povatlas_workspace *ws, int year, povatlas_error **err)
{
    return povatlas_targets_evaluate(ws, year, err);
}

povatlas_priority *
povatlas_priority_report(povatlas_workspace *ws, int year,
                         const povatlas_priority_weights *weights,
                         povatlas_error **err)
{
    return povatlas_priority_compute(ws, year, weights, 1, err);
}

povatlas_zone_list *povatlas_zones_report(povatlas_workspace *ws,
                                          const povatlas_zones_opts *opts,
                                          povatlas_error **err)
{
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    if (opts)
        o = *opts;
    /* what the user decided is kept; the shipped table is only read */
    o.store = o.derive || o.override_path;
    return povatlas_zones_compute(ws, &o, err);
}

/* --------------------------------------------------------------- summary */

void povatlas_summary_free(povatlas_summary *s)
{
    if (!s)
        return;
    g_free(s->place);
    g_free(s->years);
    povatlas_target_eval_list_free(s->targets);
    g_free(s);
}

/* The city, urban and rural figures of @year, and the change from the
 * year before when both years have a list (analysis computes and stores
 * it). */
static povatlas_status summary_year(povatlas_workspace *ws, int year,
                                    const povatlas_summary_year *prev,
                                    povatlas_summary_year *out,
                                    povatlas_error **err)
{
    *out = (povatlas_summary_year){0};
    povatlas_status st =
        povatlas_city_summary_compute(ws, year, &out->city, err);
    for (int urban = 0; !st && urban < 2; urban++)
        st =
            povatlas_city_summary_area(ws, year, urban, &out->area[urban], err);
    if (st || !prev || prev->city.year != year - 1)
        return st;
    /* the city's change as analyze stored it (POVATLAS_SCOPE_ALL) */
    povatlas_error *why = NULL;
    povatlas_change_list *l = povatlas_changes_get(ws, year - 1, year, &why);
    if (!l)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    for (size_t i = 0; i < l->n && !out->has_change; i++)
        if (g_strcmp0(l->rows[i].code, POVATLAS_SCOPE_ALL) == 0) {
            out->has_change = 1;
            out->change = l->rows[i].change;
        }
    povatlas_change_list_free(l);
    return POVATLAS_OK;
}

povatlas_summary *povatlas_summary_report(povatlas_workspace *ws,
                                          const char *lang,
                                          povatlas_error **err)
{
    povatlas_summary *s = g_new0(povatlas_summary, 1);
    g_autofree int *years = NULL;
    povatlas_error *why = NULL;
    povatlas_status st = povatlas_workspace_get_place(ws, lang, &s->place, err);
    if (!st)
        st = povatlas_workspace_is_synthetic(ws, &s->synthetic, err);
    if (!st && !(years = povatlas_workspace_years(ws, &why)))
        st = povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    size_t n = 0;
    while (years && years[n])
        n++;
    s->years = g_new0(povatlas_summary_year, n ? n : 1);
    for (size_t i = 0; !st && i < n; i++) {
        povatlas_summary_year *prev = s->n ? &s->years[s->n - 1] : NULL;
        st = summary_year(ws, years[i], prev, &s->years[s->n], err);
        if (!st && s->years[s->n].city.households > 0)
            s->n++; /* a year of ward totals only is left out */
    }
    if (!st && s->n) {
        s->targets_year = s->years[s->n - 1].city.year;
        s->targets = povatlas_targets_evaluate(ws, s->targets_year, &why);
        if (!s->targets)
            st = povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    if (st) {
        povatlas_summary_free(s);
        return NULL;
    }
    return s;
}
