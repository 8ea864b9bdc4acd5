/*
 * indicators.c - the per-unit and city-wide indicators of every review
 * year: counts, rates in hundredths with the official rounding (§6.1),
 * areas and densities. Aggregates sum counts; they never average rates.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "analysis/analysis_private.h"
#include "core/threads.h"
#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/spatial.h"

typedef struct unit_area {
    double geodesic_km2, utm_km2;
} unit_area;

/* One thread's share of the units: every @step-th from @first. */
typedef struct area_job {
    const povatlas_unit_list *units;
    unit_area *out; /* one per unit */
    size_t first, step;
    povatlas_status st;
    povatlas_error *err;
} area_job;

static gpointer measure_units(gpointer data)
{
    area_job *j = data;
    area_calc *calc = area_calc_new(); /* GEOS and PROJ contexts per thread */
    for (size_t i = j->first; !j->st && i < j->units->n; i += j->step) {
        const povatlas_unit_row *u = &j->units->rows[i];
        if (u->wkb)
            j->st = area_calc_measure(calc, u->wkb, u->wkb_size, NULL,
                                      &j->out[i].geodesic_km2,
                                      &j->out[i].utm_km2, &j->err);
    }
    area_calc_free(calc);
    return NULL;
}

/* Areas of every unit with a geometry, keyed by code (last period wins:
 * povatlas stores one geometry per code). Each unit's area is its own
 * computation, so the units are shared out over the processors; the
 * result does not depend on how many. */
static GHashTable *compute_areas(povatlas_workspace *ws, povatlas_error **err)
{
    povatlas_unit_list *units = povatlas_workspace_units(ws, 0, err);
    if (!units)
        return NULL;
    unit_area *a = g_new(unit_area, units->n + 1);
    for (size_t i = 0; i < units->n; i++)
        a[i] = (unit_area){NAN, NAN};
    size_t n_jobs = (size_t)povatlas_threads_();
    if (n_jobs > 2 && units->n < 64 * n_jobs)
        n_jobs = 1; /* a city's units: not worth a thread */
    if (n_jobs > 8)
        n_jobs = 8;
    area_job jobs[8];
    GThread *threads[8] = {NULL};
    for (size_t t = 0; t < n_jobs; t++) {
        jobs[t] = (area_job){units, a, t, n_jobs, POVATLAS_OK, NULL};
        if (t > 0)
            threads[t] = g_thread_new("povatlas-area", measure_units, &jobs[t]);
    }
    measure_units(&jobs[0]);
    povatlas_status st = jobs[0].st;
    povatlas_error *why = g_steal_pointer(&jobs[0].err);
    for (size_t t = 1; t < n_jobs; t++) {
        g_thread_join(threads[t]);
        /* a failure (no PROJ database) fails analyze, not a missing area;
         * the first thread's failure is the one reported */
        if (!st && jobs[t].st) {
            st = jobs[t].st;
            why = g_steal_pointer(&jobs[t].err);
        }
        povatlas_error_free(jobs[t].err);
    }
    GHashTable *areas = NULL;
    if (!st) {
        areas = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        for (size_t i = 0; i < units->n; i++)
            if (units->rows[i].wkb)
                g_hash_table_replace(areas, g_strdup(units->rows[i].code),
                                     g_memdup2(&a[i], sizeof a[i]));
    } else {
        povatlas_error_propagate(err, why);
        why = NULL;
    }
    povatlas_error_free(why);
    g_free(a);
    povatlas_unit_list_free(units);
    return areas;
}

typedef struct put_ctx {
    povatlas_workspace *ws;
    const char *code;
    int year;
    povatlas_status st;
    povatlas_error **err;
} put_ctx;

static void put(put_ctx *c, const char *name, double value, int defined)
{
    if (!c->st)
        c->st = povatlas_workspace_put_indicator(c->ws, c->code, c->year, name,
                                                 value, defined, c->err);
}

/* A count, NULL when unknown (-1: no review list covers the unit). */
static void put_count(put_ctx *c, const char *name, int64_t n)
{
    put(c, name, (double)n, n >= 0);
}

static void put_rate(put_ctx *c, const char *name, int64_t part, int64_t total)
{
    int64_t h = 0;
    int ok = povatlas_rate_hundredths(part, total, &h); /* part -1: NULL */
    put(c, name, (double)h / 100.0, ok);
}

static void put_density(put_ctx *c, const char *name, double count,
                        const unit_area *a)
{
    int ok = a && a->geodesic_km2 > 0 && count >= 0;
    put(c, name, ok ? count / a->geodesic_km2 : 0, ok);
}

static void put_unit(put_ctx *c, const povatlas_unit_counts *k,
                     const unit_area *a)
{
    int has_hh = k->households >= 0;
    put(c, POVATLAS_IND_HOUSEHOLDS, (double)k->households, has_hh);
    put(c, POVATLAS_IND_POPULATION, (double)k->population, k->population >= 0);
    put_count(c, POVATLAS_IND_POOR, k->poor);
    put_count(c, POVATLAS_IND_NEAR_POOR, k->near_poor);
    put_count(c, POVATLAS_IND_COMPUTED_POOR, k->computed_poor);
    put_count(c, POVATLAS_IND_COMPUTED_NEAR_POOR, k->computed_near_poor);
    put_count(c, POVATLAS_IND_DISAGREE, k->disagree);
    put_rate(c, POVATLAS_IND_POOR_RATE, k->poor, k->households);
    put_rate(c, POVATLAS_IND_NEAR_POOR_RATE, k->near_poor, k->households);
    put_rate(c, POVATLAS_IND_POOR_NEAR_POOR_RATE,
             k->has_list ? k->poor + k->near_poor : -1, k->households);
    put(c, POVATLAS_IND_AREA_KM2, a ? a->geodesic_km2 : 0, a != NULL);
    put(c, POVATLAS_IND_AREA_UTM_KM2, a ? a->utm_km2 : 0, a != NULL);
    put_density(c, POVATLAS_IND_POOR_PER_KM2, (double)k->poor, a);
    put_density(c, POVATLAS_IND_NEAR_POOR_PER_KM2, (double)k->near_poor, a);
    put_density(c, POVATLAS_IND_PEOPLE_PER_KM2, (double)k->population,
                k->population >= 0 ? a : NULL);
}

/* City-wide: counts summed over units with statistics; the household
 * counts are unknown when a list is missing for any of them. */
static void put_city(put_ctx *c, const povatlas_counts_list *counts,
                     GHashTable *areas)
{
    povatlas_unit_counts sum = {.has_list = 1};
    unit_area area = {0, 0};
    int all_areas = 1;
    for (size_t i = 0; i < counts->n; i++) {
        const povatlas_unit_counts *k = &counts->rows[i];
        if (k->households < 0)
            continue;
        sum.households += k->households;
        sum.population += k->population > 0 ? k->population : 0;
        sum.has_list &= k->has_list;
        sum.poor += k->poor;
        sum.near_poor += k->near_poor;
        sum.computed_poor += k->computed_poor;
        sum.computed_near_poor += k->computed_near_poor;
        sum.disagree += k->disagree;
        const unit_area *a = g_hash_table_lookup(areas, k->code);
        if (a) {
            area.geodesic_km2 += a->geodesic_km2;
            area.utm_km2 += a->utm_km2;
        } else {
            all_areas = 0;
        }
    }
    if (!sum.has_list)
        sum.poor = sum.near_poor = sum.computed_poor = sum.computed_near_poor =
            sum.disagree = -1;
    c->code = POVATLAS_SCOPE_ALL;
    put_unit(c, &sum, all_areas ? &area : NULL);
}

static povatlas_status analyze_year(povatlas_workspace *ws, int year,
                                    GHashTable *areas, povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_counts_list *counts = povatlas_workspace_counts(ws, year, &why);
    if (!counts)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    put_ctx c = {ws, NULL, year, POVATLAS_OK, err};
    for (size_t i = 0; i < counts->n && !c.st; i++) {
        c.code = counts->rows[i].code;
        put_unit(&c, &counts->rows[i],
                 g_hash_table_lookup(areas, counts->rows[i].code));
    }
    put_city(&c, counts, areas);
    povatlas_counts_list_free(counts);
    return c.st;
}

povatlas_status povatlas_analyze(povatlas_workspace *ws,
                                 povatlas_progress_fn progress,
                                 void *progress_data, povatlas_error **err)
{
    povatlas_error *why = NULL;
    GHashTable *areas = compute_areas(ws, &why);
    if (!areas)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    g_autofree int *years = povatlas_workspace_years(ws, &why);
    povatlas_status st =
        years ? povatlas_workspace_begin(ws, err)
              : povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    /* only what analyze writes: coverage, priority, transitions and zones
     * written by other commands stay */
    static const char *const OWN[] = {POVATLAS_IND_HOUSEHOLDS,
                                      POVATLAS_IND_POPULATION,
                                      POVATLAS_IND_POOR,
                                      POVATLAS_IND_NEAR_POOR,
                                      POVATLAS_IND_POOR_RATE,
                                      POVATLAS_IND_NEAR_POOR_RATE,
                                      POVATLAS_IND_POOR_NEAR_POOR_RATE,
                                      POVATLAS_IND_AREA_KM2,
                                      POVATLAS_IND_AREA_UTM_KM2,
                                      POVATLAS_IND_POOR_PER_KM2,
                                      POVATLAS_IND_NEAR_POOR_PER_KM2,
                                      POVATLAS_IND_PEOPLE_PER_KM2,
                                      POVATLAS_IND_COMPUTED_POOR,
                                      POVATLAS_IND_COMPUTED_NEAR_POOR,
                                      POVATLAS_IND_DISAGREE,
                                      POVATLAS_IND_LISA_CATEGORY,
                                      POVATLAS_IND_LISA_P,
                                      POVATLAS_IND_GISTAR_Z,
                                      POVATLAS_IND_EB_RATE,
                                      POVATLAS_IND_EB_LOCAL_RATE,
                                      POVATLAS_IND_MORAN_I,
                                      POVATLAS_IND_MORAN_P};
    if (!st)
        st = povatlas_workspace_clear_indicator_names(ws, OWN,
                                                      G_N_ELEMENTS(OWN), err);
    size_t n_years = 0;
    while (years && years[n_years])
        n_years++;
    for (size_t i = 0; !st && i < n_years; i++) {
        st = analyze_year(ws, years[i], areas, err);
        if (progress)
            progress((double)(i + 1) / (double)n_years, "indicators",
                     progress_data);
    }
    if (!st && n_years) /* spatial statistics of the latest year */
        st = povatlas_workspace_spatial_stats(ws, years[n_years - 1], err);
    /* the changes between years and the zone rates, stored once */
    if (!st)
        st = povatlas_workspace_clear_derived(ws, err);
    if (!st)
        st = povatlas_changes_store(ws, err);
    if (!st)
        st = povatlas_zone_rates_store(ws, err);
    if (!st)
        st = povatlas_workspace_commit(ws, err);
    else
        povatlas_workspace_rollback(ws, err);
    g_hash_table_destroy(areas);
    return st;
}

/* Sums counts of @year over units of area type @urban (-1: all). */
static povatlas_status summary_of(povatlas_workspace *ws, int year, int urban,
                                  povatlas_city_summary *out,
                                  povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_counts_list *counts = povatlas_workspace_counts(ws, year, &why);
    if (!counts)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    *out = (povatlas_city_summary){.year = year, .has_list = 1};
    for (size_t i = 0; i < counts->n; i++) {
        const povatlas_unit_counts *k = &counts->rows[i];
        if (urban >= 0 && k->urban != urban)
            continue;
        out->units++;
        if (k->households < 0) {
            out->units_without_stats++;
            continue;
        }
        out->households += k->households;
        out->has_list &= k->has_list;
        out->poor += k->has_list ? k->poor : 0;
        out->near_poor += k->has_list ? k->near_poor : 0;
    }
    povatlas_counts_list_free(counts);
    if (!out->units) { /* nothing stored for the year */
        povatlas_status st =
            povatlas_workspace_has_list(ws, year, NULL, &out->has_list, err);
        if (st)
            return st;
    }
    if (!out->has_list) /* unknown, never 0 */
        out->poor = out->near_poor = -1;
    if (!povatlas_rate_hundredths(out->poor, out->households,
                                  &out->poor_hundredths))
        out->poor_hundredths = -1;
    if (!povatlas_rate_hundredths(out->near_poor, out->households,
                                  &out->near_poor_hundredths))
        out->near_poor_hundredths = -1;
    return POVATLAS_OK;
}

povatlas_status povatlas_city_summary_compute(povatlas_workspace *ws, int year,
                                              povatlas_city_summary *out,
                                              povatlas_error **err)
{
    return summary_of(ws, year, -1, out, err);
}

povatlas_status povatlas_city_summary_area(povatlas_workspace *ws, int year,
                                           int urban,
                                           povatlas_city_summary *out,
                                           povatlas_error **err)
{
    return summary_of(ws, year, urban ? 1 : 0, out, err);
}
