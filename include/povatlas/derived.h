/*
 * derived.h - numbers analysis derives once and the workspace keeps (store
 * job): how each unit and the city changed between two review years, and
 * the rates of each planning zone in a year with its gap to the central
 * zone. `povatlas analyze` (and the pipeline) computes and stores them;
 * maps, the atlas, the briefing, the exports and the summary read them by
 * unit code and year instead of computing them again. They are not
 * indicators: the indicators table (and the exported GeoPackage layer)
 * does not hold them.
 */
#ifndef POVATLAS_DERIVED_H
#define POVATLAS_DERIVED_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/workspace.h"
#include "povatlas/zone_info.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How one unit (or the city) changed between two review years. */
typedef struct povatlas_change {
    int64_t poor, near_poor; /* households, later minus earlier */
    /* percentage points in hundredths, exact, rounded once */
    int64_t poor_hundredths, near_poor_hundredths, poor_near_poor_hundredths;
} povatlas_change;

typedef struct povatlas_unit_change {
    char *code; /* a unit, or POVATLAS_SCOPE_ALL for the city */
    povatlas_change change;
} povatlas_unit_change;

typedef struct povatlas_change_list {
    size_t n;
    povatlas_unit_change *rows; /* ordered by code */
} povatlas_change_list;

/**
 * povatlas_workspace_put_changes:
 * @list: the defined changes of the pair (a unit without one has no row)
 *
 * Replaces the stored changes from @year_from to @year_to by @list.
 */
POVATLAS_API povatlas_status povatlas_workspace_put_changes(
    povatlas_workspace *ws, int year_from, int year_to,
    const povatlas_change_list *list, povatlas_error **err);

/**
 * povatlas_workspace_changes:
 *
 * Returns: (transfer full) (nullable): the stored changes from @year_from
 *   to @year_to (n = 0 when none are stored), free with
 *   povatlas_change_list_free(); NULL with @err set when the read failed.
 */
POVATLAS_API povatlas_change_list *
povatlas_workspace_changes(povatlas_workspace *ws, int year_from, int year_to,
                           povatlas_error **err);
POVATLAS_API void povatlas_change_list_free(povatlas_change_list *list);

/* Summed counts of one zone and year. Wards with missing statistics are
 * left out of the sums (and counted); a zone with zero households has
 * undefined rates (-1), never 0. */
typedef struct povatlas_zone_rates {
    int64_t households;
    int64_t poor, near_poor; /* -1 when a ward has no review list */
    int64_t poor_hundredths, near_poor_hundredths; /* -1 undefined */
    /* gap to the central zone, exact difference rounded once, in
     * hundredths of a point; ratio zone ÷ central (NAN undefined) */
    int64_t poor_gap_hundredths, near_poor_gap_hundredths; /* INT64_MIN */
    double poor_ratio, near_poor_ratio;
    int wards, wards_without_stats;
} povatlas_zone_rates;

#define POVATLAS_GAP_UNDEFINED INT64_MIN

/**
 * povatlas_workspace_put_zone_rates:
 * @rates: indexed by povatlas_zone: [POVATLAS_ZONE_UNKNOWN] holds only the
 *   number of wards without a zone, then coastal, periurban, central
 *
 * Replaces the stored zone rates of @year.
 */
POVATLAS_API povatlas_status povatlas_workspace_put_zone_rates(
    povatlas_workspace *ws, int year, const povatlas_zone_rates rates[4],
    povatlas_error **err);

/**
 * povatlas_workspace_zone_rates:
 * @rates: (out caller-allocates): as povatlas_workspace_put_zone_rates()
 *   stored them, all zero when @stored is 0
 * @stored: (out): 1 when the rates of @year are stored
 */
POVATLAS_API povatlas_status povatlas_workspace_zone_rates(
    povatlas_workspace *ws, int year, povatlas_zone_rates rates[4], int *stored,
    povatlas_error **err);

/** povatlas_workspace_clear_derived: deletes every stored change and zone
 * rate (analyze does before storing them again, so a year that went
 * leaves none behind). */
POVATLAS_API povatlas_status
povatlas_workspace_clear_derived(povatlas_workspace *ws, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
