/*
 * breakdown.c - the breakdowns of poor and near-poor households by recorded
 * flag (docs/domain-rules.md §3.8): the store counts them per unit
 * (povatlas_workspace_breakdown()); here the urban, rural and city rows sum
 * the unit rows and every share is computed from the sums (counts are
 * summed, shares recomputed, §6.1).
 */
#include <glib.h>

#include "povatlas/core.h"
#include "povatlas/series.h"

static void add_group(povatlas_breakdown_group *to,
                      const povatlas_breakdown_group *g)
{
    to->total += g->total;
    to->ethnic_minority.yes += g->ethnic_minority.yes;
    to->ethnic_minority.unknown += g->ethnic_minority.unknown;
    to->merit.yes += g->merit.yes;
    to->merit.unknown += g->merit.unknown;
    to->no_labour.yes += g->no_labour.yes;
    to->no_labour.unknown += g->no_labour.unknown;
}

static void share_group(povatlas_breakdown_group *g, int64_t city_total)
{
    g->of_city_ok =
        povatlas_rate_hundredths(g->total, city_total, &g->of_city_h);
    povatlas_flag_count *f[3] = {&g->ethnic_minority, &g->merit, &g->no_labour};
    for (int i = 0; i < 3; i++)
        f[i]->share_ok =
            povatlas_rate_hundredths(f[i]->yes, g->total, &f[i]->share_h);
}

static void add_totals(GArray *rows)
{
    povatlas_breakdown_row agg[3] = {
        {.scope = POVATLAS_BREAKDOWN_URBAN, .urban = 1},
        {.scope = POVATLAS_BREAKDOWN_RURAL, .urban = 0},
        {.scope = POVATLAS_BREAKDOWN_CITY, .urban = -1}};
    for (guint i = 0; i < rows->len; i++) {
        const povatlas_breakdown_row *r =
            &g_array_index(rows, povatlas_breakdown_row, i);
        if (r->urban == 1 || r->urban == 0) {
            add_group(&agg[r->urban ? 0 : 1].poor, &r->poor);
            add_group(&agg[r->urban ? 0 : 1].near_poor, &r->near_poor);
        }
        add_group(&agg[2].poor, &r->poor);
        add_group(&agg[2].near_poor, &r->near_poor);
    }
    g_array_append_vals(rows, agg, 3);
    for (guint i = 0; i < rows->len; i++) {
        povatlas_breakdown_row *r =
            &g_array_index(rows, povatlas_breakdown_row, i);
        share_group(&r->poor, agg[2].poor.total);
        share_group(&r->near_poor, agg[2].near_poor.total);
    }
}

povatlas_breakdown *povatlas_breakdown_compute(povatlas_workspace *ws, int year,
                                               povatlas_error **err)
{
    povatlas_breakdown *b = povatlas_workspace_breakdown(ws, year, err);
    if (!b)
        return NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_breakdown_row));
    g_array_append_vals(rows, b->rows, (guint)b->n);
    g_free(b->rows);
    add_totals(rows);
    b->n = rows->len;
    b->rows = (povatlas_breakdown_row *)g_array_free(rows, FALSE);
    return b;
}
