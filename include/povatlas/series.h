/*
 * series.h - counts over time on one set of units, and the breakdowns of
 * poor and near-poor households used in reports.
 *
 * A series re-aggregates every review year to the units in force on one
 * day (docs/domain-rules.md §6.3): the 2022 counts of 16 wards become counts of
 * the 5 Khánh Hòa wards of 1 Jul 2025 by following the crosswalk link by link.
 * Counts are summed, rates recomputed from the sums, never averaged (§6.1).
 * Breakdowns (§3.8) count recorded flags; an unrecorded flag is counted apart,
 * never as 0.
 *
 * Analysis job: the arithmetic. What it reads from the workspace (the
 * crosswalk links and the counts per unit) is in series_inputs.h (store
 * job).
 */
#ifndef POVATLAS_SERIES_H
#define POVATLAS_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/series_inputs.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * povatlas_breakdown_compute:
 *
 * The unit counts of povatlas_workspace_breakdown(), then the urban and
 * rural sums and the city's; shares are against all poor (near-poor)
 * households of the scope (§6.1). A household whose unit has no area type
 * counts in the city only.
 *
 * Returns: (transfer full) (nullable): units by code, then urban, rural,
 *   city; NULL with @err set; free with povatlas_breakdown_free().
 */
POVATLAS_API povatlas_breakdown *
povatlas_breakdown_compute(povatlas_workspace *ws, int year,
                           povatlas_error **err);

typedef struct povatlas_series_opts {
    const char *units_on; /* ISO date whose units are wanted (borrowed) */
    int year_from;        /* 0: the first review year */
    int year_to;          /* 0: the last review year */
} povatlas_series_opts;

/** povatlas_series_opts_init: units of 1 Jul 2025, every year. */
POVATLAS_API void povatlas_series_opts_init(povatlas_series_opts *opts);

/* Counts of one target unit in one year; -1 marks an unknown count. */
typedef struct povatlas_series_point {
    int year;
    int64_t households;      /* -1 when a source unit has no ward_stats */
    int64_t poor, near_poor; /* -1 when a source unit has no review list */
    int64_t poor_h, near_poor_h, both_h; /* rates, hundredths of % */
    int rates_ok;                        /* 0 when households unknown/0 */
} povatlas_series_point;

typedef struct povatlas_series_unit {
    char *code, *name, *valid_from;
    int urban;
    povatlas_series_point *points; /* one per year of the series */
    char *sources; /* "22759 Kinh Dinh, 22753 Mỹ Hương, ..." */
} povatlas_series_unit;

/* A link the series used whose share is not 1 (or not published), or
 * whose note is its own (not the legal basis every link of that change
 * shares): the reader must know counts were allocated by assumption. */
typedef struct povatlas_series_split {
    const povatlas_link_row *link; /* borrowed from the series' links */
} povatlas_series_split;

/* A unit of a review year whose territory has no path to @units_on. */
typedef struct povatlas_series_orphan {
    char *code;
    int year;
    int64_t poor, near_poor;
} povatlas_series_orphan;

typedef struct povatlas_series {
    char *units_on;
    size_t n_years;
    int *years;
    size_t n_units;
    povatlas_series_unit *units;  /* target units by code */
    povatlas_series_point *total; /* sum of the target units, per year */
    povatlas_link_list *links;    /* every link of the workspace */
    size_t n_splits;
    povatlas_series_split *splits;
    size_t n_orphans;
    povatlas_series_orphan *orphans;
    char **bases; /* NULL-terminated "valid_on: note" shared by a change */
} povatlas_series;

/**
 * povatlas_series_allocate:
 * @count: households counted in the old unit, >= 0
 * @share_ppm: share in millionths (400000 = 0.4)
 *
 * The households of @count that a link of that share carries: the exact
 * product rounded half up, in integers (as rates are, §6.1). Pure.
 */
POVATLAS_API int64_t povatlas_series_allocate(int64_t count, int64_t share_ppm);

/**
 * povatlas_series_compute:
 * @opts: (transfer none): what to compute, borrowed for the call
 * @err: (out) (optional): set on failure; POVATLAS_E_USAGE for a bad date
 *   or an empty year range
 *
 * Re-aggregates the counts of every review year to the units in force on
 * @opts->units_on, following the crosswalk from the unit period in force
 * at the end of the year, link by link (16 → 13 → 5). A link of share s
 * carries s of the counts; chained shares multiply (in millionths) and the
 * count is rounded once with povatlas_series_allocate(). A share that is
 * not published counts as 1 and is listed among the splits.
 *
 * Returns: (transfer full) (nullable): the series, or NULL with @err set;
 *   free with povatlas_series_free().
 */
POVATLAS_API povatlas_series *
povatlas_series_compute(povatlas_workspace *ws,
                        const povatlas_series_opts *opts, povatlas_error **err);
POVATLAS_API void povatlas_series_free(povatlas_series *s);

#ifdef __cplusplus
}
#endif

#endif
