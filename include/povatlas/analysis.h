/*
 * analysis.h - indicators computed from the workspace (analysis job): unit
 * areas on the ellipsoid, household rates with the official rounding
 * (docs/domain-rules.md §6.1), densities, and city-wide aggregates from summed
 * counts. Everything lands in the workspace's indicators table.
 */
#ifndef POVATLAS_ANALYSIS_H
#define POVATLAS_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/derived.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * povatlas_geodesic_area_km2:
 * @wkb: Polygon or MultiPolygon, EPSG:4326 (longitude, latitude)
 * @out: (out): area on the WGS 84 ellipsoid in km² (holes subtracted)
 *
 * Uses PROJ's GeographicLib port (geod_polygonarea). Thread-safe.
 */
POVATLAS_API povatlas_status
povatlas_geodesic_area_km2(const unsigned char *wkb, size_t wkb_size,
                           double *out, povatlas_error **err);

/**
 * povatlas_projected_area_km2:
 * @crs: target CRS as PROJ understands it ("EPSG:32649"), or NULL for the
 *   UTM zone of the geometry's centre
 *
 * Planar area after projecting with PROJ, for comparison with GIS tools.
 */
POVATLAS_API povatlas_status
povatlas_projected_area_km2(const unsigned char *wkb, size_t wkb_size,
                            const char *crs, double *out, povatlas_error **err);

/* Names of the indicators povatlas_analyze() writes, per unit and year and
 * for POVATLAS_SCOPE_ALL (city-wide, from summed counts): */
#define POVATLAS_IND_HOUSEHOLDS "households"
#define POVATLAS_IND_POPULATION "population"
#define POVATLAS_IND_POOR "poor"
#define POVATLAS_IND_NEAR_POOR "near_poor"
#define POVATLAS_IND_POOR_RATE "poor_rate"           /* %, 2 decimals */
#define POVATLAS_IND_NEAR_POOR_RATE "near_poor_rate" /* %, 2 decimals */
#define POVATLAS_IND_POOR_NEAR_POOR_RATE "poor_near_poor_rate"
#define POVATLAS_IND_AREA_KM2 "area_km2"         /* geodesic */
#define POVATLAS_IND_AREA_UTM_KM2 "area_utm_km2" /* projected, comparison */
#define POVATLAS_IND_POOR_PER_KM2 "poor_per_km2"
#define POVATLAS_IND_NEAR_POOR_PER_KM2 "near_poor_per_km2"
#define POVATLAS_IND_PEOPLE_PER_KM2 "people_per_km2"
#define POVATLAS_IND_COMPUTED_POOR "computed_poor"
#define POVATLAS_IND_COMPUTED_NEAR_POOR "computed_near_poor"
#define POVATLAS_IND_DISAGREE "status_disagreements"

/**
 * povatlas_analyze:
 * @progress: (nullable)
 *
 * Recomputes every indicator of every review year in one transaction. Rates
 * of a unit without ward statistics, or with zero households, are stored as
 * NULL (undefined), never 0.
 */
POVATLAS_API povatlas_status povatlas_analyze(povatlas_workspace *ws,
                                              povatlas_progress_fn progress,
                                              void *progress_data,
                                              povatlas_error **err);

/* City-wide figures of one year, from summed counts. */
typedef struct povatlas_city_summary {
    int year;
    /* has_list 0: a unit with ward totals has no review list for the year;
     * poor and near_poor are then -1 (unknown, never 0) */
    int has_list;
    int64_t households, poor, near_poor;
    int64_t poor_hundredths, near_poor_hundredths; /* -1 when undefined */
    int units, units_without_stats;
} povatlas_city_summary;

/** povatlas_city_summary_compute: sums the counts of @year. */
POVATLAS_API povatlas_status
povatlas_city_summary_compute(povatlas_workspace *ws, int year,
                              povatlas_city_summary *out, povatlas_error **err);

/**
 * povatlas_city_summary_area:
 * @urban: 1 urban units only (phường, thị trấn), 0 rural units only (xã)
 *
 * As povatlas_city_summary_compute() over the units of one area type:
 * urban and rural rates use their own denominators (docs/domain-rules.md §6.1,
 * U06).
 */
POVATLAS_API povatlas_status
povatlas_city_summary_area(povatlas_workspace *ws, int year, int urban,
                           povatlas_city_summary *out, povatlas_error **err);

/**
 * povatlas_change_of_counts:
 * @from, @to: counts of one unit (or summed counts) in two years
 * @out: (out): filled when defined
 *
 * Returns: 1 when both years have a review list and households (> 0),
 *   else 0 (the change is unknown, never 0). Pure.
 */
POVATLAS_API int povatlas_change_of_counts(const povatlas_unit_counts *from,
                                           const povatlas_unit_counts *to,
                                           povatlas_change *out);

/** povatlas_change_of_summaries: as povatlas_change_of_counts() for two
 * city summaries (povatlas_city_summary_compute()). Pure. */
POVATLAS_API int povatlas_change_of_summaries(const povatlas_city_summary *from,
                                              const povatlas_city_summary *to,
                                              povatlas_change *out);

/**
 * povatlas_changes_store:
 *
 * Computes how every unit and the city (POVATLAS_SCOPE_ALL) changed between
 * each two consecutive review years (povatlas_change_of_counts(),
 * povatlas_change_of_summaries()) and stores the defined ones
 * (povatlas_workspace_put_changes()). povatlas_analyze() calls it; call it
 * inside a transaction to make it one.
 */
POVATLAS_API povatlas_status povatlas_changes_store(povatlas_workspace *ws,
                                                    povatlas_error **err);

/**
 * povatlas_changes_get:
 *
 * Returns: (transfer full) (nullable): the changes from @year_from to
 *   @year_to as stored by povatlas_changes_store(), or computed the same way
 *   when that pair is not stored; free with povatlas_change_list_free().
 */
POVATLAS_API povatlas_change_list *povatlas_changes_get(povatlas_workspace *ws,
                                                        int year_from,
                                                        int year_to,
                                                        povatlas_error **err);

/**
 * povatlas_indicator_changes:
 * @name: an indicator
 * @units: the units to report, in force in @year_to
 * @values: (out caller-allocates): @units->n changes
 * @defined: (out caller-allocates): @units->n flags, 0 = unknown
 *
 * The change of @name for each unit of @units between @year_from and
 * @year_to, paired by unit code (a unit missing in either year has none).
 * The rates (poor_rate, near_poor_rate, poor_near_poor_rate) change
 * exactly from the counts, in points rounded once to hundredths, as stored
 * by analyze (povatlas_changes_get()); any other
 * indicator changes by the difference of its stored values. Maps and the
 * atlas read their changes here; none subtracts two rounded figures.
 */
POVATLAS_API povatlas_status povatlas_indicator_changes(
    povatlas_workspace *ws, const char *name, int year_from, int year_to,
    const povatlas_unit_list *units, double *values, unsigned char *defined,
    povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
