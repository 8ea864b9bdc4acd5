/*
 * indicators.c - the per-unit and city-wide indicators of every review
 * year: counts, rates in hundredths with the official rounding (§6.1),
 * areas and densities. Aggregates sum counts; they never average rates.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "core/areas.h"
#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/spatial.h"

typedef povatlas_unit_area unit_area; /* code and valid_from unused */

/* The areas analyze uses. Import boundaries measures each polygon it
 * stores; a geometry stored otherwise (the workspace API, a workspace of
 * schema 4) is measured here, on every core, and kept by
 * keep_measured(). */
typedef struct unit_areas {
    GHashTable *by_code; /* code -> unit_area *: its last period's */
    povatlas_unit_area_list *list;
    size_t n_measured; /* rows of list measured here */
} unit_areas;

static void unit_areas_clear(unit_areas *a)
{
    if (a->by_code)
        g_hash_table_destroy(a->by_code);
    povatlas_unit_area_list_free(a->list);
    *a = (unit_areas){0};
}

/* Measures the rows of @a->list stored without areas. */
static povatlas_status measure_missing(povatlas_workspace *ws, unit_areas *a,
                                       povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_unit_list *units = povatlas_workspace_units(ws, 0, &why);
    if (!units)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    /* both lists are ordered by code and valid_from */
    g_autofree size_t *row_of = g_new(size_t, a->list->n + 1);
    area_batch *batch = area_batch_new();
    size_t n = 0;
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0, k = 0; !st && i < a->list->n; i++) {
        povatlas_unit_area *r = &a->list->rows[i];
        if (!isnan(r->geodesic_km2))
            continue;
        while (k < units->n &&
               (strcmp(units->rows[k].code, r->code) < 0 ||
                (!strcmp(units->rows[k].code, r->code) &&
                 strcmp(units->rows[k].valid_from, r->valid_from) < 0)))
            k++;
        povatlas_unit_row *u = k < units->n ? &units->rows[k] : NULL;
        if (!u || strcmp(u->code, r->code) ||
            strcmp(u->valid_from, r->valid_from) || !u->wkb)
            continue;
        row_of[n] = i;
        if (area_batch_add(batch, n, u->wkb, u->wkb_size) < 0)
            st =
                povatlas_error_set(err, POVATLAS_E_NOMEM,
                                   "out of memory for the polygons to measure");
        else {
            u->wkb = NULL; /* the batch's now */
            n++;
        }
    }
    povatlas_unit_list_free(units);
    g_autofree double *g = NULL, *utm = NULL;
    size_t got = 0;
    /* a failure (no PROJ database) fails analyze, not a missing area */
    povatlas_status measured =
        area_batch_finish(batch, &g, &utm, &got, st ? NULL : err);
    if (!st)
        st = measured;
    for (size_t i = 0; !st && i < got; i++) {
        a->list->rows[row_of[i]].geodesic_km2 = g[i];
        a->list->rows[row_of[i]].utm_km2 = utm[i];
    }
    a->n_measured = got;
    return st;
}

/* Areas of every unit with a geometry, keyed by code (last period wins:
 * povatlas stores one geometry per code). Read, not measured: the
 * geometries are read only when one was stored without its areas. */
static povatlas_status read_areas(povatlas_workspace *ws, unit_areas *a,
                                  povatlas_error **err)
{
    *a = (unit_areas){0};
    povatlas_error *why = NULL;
    a->list = povatlas_workspace_unit_areas(ws, &why);
    if (!a->list)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    int missing = 0;
    for (size_t i = 0; !missing && i < a->list->n; i++)
        missing = isnan(a->list->rows[i].geodesic_km2);
    povatlas_status st = missing ? measure_missing(ws, a, err) : POVATLAS_OK;
    if (st)
        return st;
    a->by_code = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < a->list->n; i++)
        if (!isnan(a->list->rows[i].geodesic_km2))
            g_hash_table_replace(a->by_code, a->list->rows[i].code,
                                 &a->list->rows[i]);
    return POVATLAS_OK;
}

/* Keeps the areas measured by read_areas(), so that the next analyze
 * reads them. */
static povatlas_status keep_measured(povatlas_workspace *ws,
                                     const unit_areas *a, povatlas_error **err)
{
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; a->n_measured && !st && i < a->list->n; i++) {
        const povatlas_unit_area *r = &a->list->rows[i];
        if (!isnan(r->geodesic_km2))
            st = povatlas_workspace_set_unit_areas(
                ws, r->code, r->valid_from, r->geodesic_km2, r->utm_km2, err);
    }
    return st;
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
    unit_area area = {.geodesic_km2 = 0, .utm_km2 = 0};
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
    unit_areas a;
    povatlas_status st = read_areas(ws, &a, err);
    if (st) {
        unit_areas_clear(&a);
        return st;
    }
    GHashTable *areas = a.by_code;
    /* one state of the workspace throughout, whatever lists other offices
     * commit meanwhile on a shared database */
    st = povatlas_workspace_begin_snapshot(ws, err);
    g_autofree int *years = st ? NULL : povatlas_workspace_years(ws, &why);
    if (!st && !years)
        st = povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    if (!st)
        st = keep_measured(ws, &a, err);
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
    unit_areas_clear(&a);
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
