/*
 * gaps.h - poverty rates by planning zone and their gap to the central zone
 * (analysis job): rates from summed counts (docs/domain-rules.md §6.1), the gap
 * in percentage points and as a ratio, and how the gap moved between two review
 * years, with a plain verdict ("thu hẹp 0,12 điểm %").
 */
#ifndef POVATLAS_GAPS_H
#define POVATLAS_GAPS_H

#include <stdint.h>

#include "povatlas/derived.h"
#include "povatlas/workspace.h"
#include "povatlas/zones.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct povatlas_zone_gap {
    povatlas_zone zone;
    povatlas_zone_rates from, to;
    /* |gap to| − |gap from| on exact values, rounded once: negative =
     * narrowed; POVATLAS_GAP_UNDEFINED when a rate is undefined */
    int64_t poor_change_hundredths, near_poor_change_hundredths;
} povatlas_zone_gap;

typedef struct povatlas_gaps {
    int year_from, year_to;
    povatlas_zone_gap zones[3]; /* coastal, periurban, central */
    int wards_without_zone;
} povatlas_gaps;

/**
 * povatlas_gaps_compute:
 * @out: (out): filled on success; nothing to free
 *
 * Sums the counts of every ward by its zone (units.zone of each year), as
 * stored by povatlas_zone_rates_store() (computed when not stored), and
 * compares each zone with the central one. Fails (POVATLAS_E_INPUT) when
 * no ward has a zone or a year has no counts.
 */
POVATLAS_API povatlas_status povatlas_gaps_compute(povatlas_workspace *ws,
                                                   int year_from, int year_to,
                                                   povatlas_gaps *out,
                                                   povatlas_error **err);

/**
 * povatlas_zone_rates_compute:
 * @out: (out caller-allocates): coastal, periurban, central
 *
 * The summed counts, exact rates and gaps to the central zone of each zone
 * in @year, as povatlas_gaps_compute() has them. A year without counts is
 * not an error here: its zones have no wards and undefined rates (-1), so
 * a chart over several years shows the gap instead of failing.
 */
POVATLAS_API povatlas_status
povatlas_zone_rates_compute(povatlas_workspace *ws, int year,
                            povatlas_zone_rates out[3], povatlas_error **err);

/**
 * povatlas_zone_rates_store:
 *
 * Computes the zone rates of every review year (as
 * povatlas_zone_rates_compute(), with the wards without a zone) and stores
 * them (povatlas_workspace_put_zone_rates()). povatlas_analyze() and
 * povatlas_zones_compute() with opts->store call it.
 */
POVATLAS_API povatlas_status povatlas_zone_rates_store(povatlas_workspace *ws,
                                                       povatlas_error **err);

/**
 * povatlas_zone_rates_get:
 * @out: (out caller-allocates): coastal, periurban, central
 *
 * The zone rates of @year as stored by povatlas_zone_rates_store(), or
 * computed (povatlas_zone_rates_compute()) when they are not stored.
 * povatlas_gaps_compute(), the zone-gap chart, the briefing and the
 * exports read them here.
 */
POVATLAS_API povatlas_status povatlas_zone_rates_get(povatlas_workspace *ws,
                                                     int year,
                                                     povatlas_zone_rates out[3],
                                                     povatlas_error **err);

/**
 * povatlas_gap_change_hundredths:
 *
 * Change of the absolute gap between two years, exact: |p1/n1 − c1/m1| −
 * |p0/n0 − c0/m0| (zone p of n households, central c of m), rounded half
 * away from zero once, in hundredths of a percentage point. Returns 1 when
 * defined (every denominator > 0). Pure.
 */
POVATLAS_API int povatlas_gap_change_hundredths(int64_t p0, int64_t n0,
                                                int64_t c0, int64_t m0,
                                                int64_t p1, int64_t n1,
                                                int64_t c1, int64_t m1,
                                                int64_t *out);

/**
 * povatlas_gap_verdict:
 * @change_hundredths: from povatlas_gap_change_hundredths()
 * @lang: "vi" or "en"
 *
 * Returns: (transfer full): "thu hẹp 0,12 điểm %" / "mở rộng 0,12 điểm %" /
 *   "không đổi"; English "narrowed by 0.12 points" / "widened by 0.12
 *   points" / "unchanged"; "không xác định" / "undefined" for
 *   POVATLAS_GAP_UNDEFINED. Free with free().
 */
POVATLAS_API char *povatlas_gap_verdict(int64_t change_hundredths,
                                        const char *lang);

#ifdef __cplusplus
}
#endif
#endif
