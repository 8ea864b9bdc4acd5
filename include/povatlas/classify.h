/*
 * classify.h - the multidimensional poverty rule (docs/domain-rules.md §2.3),
 * applied with the standard of the review year and the unit's area type, in
 * integer arithmetic (classify job). The computed class is a proposal; the
 * legal status is the recognised one recorded in the review file.
 */
#ifndef POVATLAS_CLASSIFY_H
#define POVATLAS_CLASSIFY_H

#include <stdint.h>

#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * povatlas_classify_household:
 * @standard: the standard of the review year and area
 * @members: household members (>= 1)
 * @income_per_capita: VND per person per month, or -1 when unknown
 * @income_total: VND per household per month, or -1; when known it is used
 *   (income <= line <=> total <= line * members, no rounding, §2.3 pt 4)
 * @n_deprivations: deprived indicators, 0 .. standard->n_indicators
 * @out: (out): POOR, NEAR_POOR, AVERAGE or NONE
 *
 * Pure and thread-safe.
 * Returns: POVATLAS_E_INPUT with a message for no members, a negative or
 *   missing income, or an impossible deprivation count.
 */
POVATLAS_API povatlas_status povatlas_classify_household(
    const povatlas_standard *standard, int members, int64_t income_per_capita,
    int64_t income_total, int n_deprivations, povatlas_class *out,
    povatlas_error **err);

/**
 * povatlas_classify_low_income_worker:
 * @standard: the standard of the review year and area
 * @year: the review year
 * @c: the household's class
 *
 * Decree 30/2025/NĐ-CP (docs/domain-rules.md §2.5): from the year the standard
 * says (2025), members of a household that is neither poor nor near-poor and
 * whose income per person is at or below the low-income limit (2,250,000 rural,
 * 3,000,000 urban) are low-income workers. Whether a working-age condition
 * applies is unverified, so only the household test is made.
 * Pure. Returns: 1 when they are, 0 otherwise (also before 2025).
 */
POVATLAS_API int
povatlas_classify_low_income_worker(const povatlas_standard *standard, int year,
                                    int members, int64_t income_per_capita,
                                    int64_t income_total, povatlas_class c);

/**
 * povatlas_classify_by_score:
 * @cutoff: the B1 cut-offs of the review year and area
 * @score: the household's Phiếu B1 score
 * @n_deprivations: deprived indicators (B2)
 * @min_deprivations_poor: from the standard (3)
 * @out: (out)
 *
 * The rule of docs/domain-rules.md §2.3 with income estimated by the B1 score:
 * at or below the line score is income at or below the poverty line. Pure.
 */
POVATLAS_API void povatlas_classify_by_score(const povatlas_b1_cutoff *cutoff,
                                             int64_t score, int n_deprivations,
                                             int min_deprivations_poor,
                                             povatlas_class *out);

/** povatlas_class_name: "poor", "near_poor", "average", "none",
 * "unknown". */
POVATLAS_API const char *povatlas_class_name(povatlas_class c);
/** povatlas_class_label_vi: "Hộ nghèo", "Hộ cận nghèo", ... */
POVATLAS_API const char *povatlas_class_label_vi(povatlas_class c);

/**
 * povatlas_class_parse:
 * Reads a recorded status as review files write it: "Hộ nghèo", "nghèo",
 * "poor", "Hộ cận nghèo", "near_poor", "near-poor", "not_poor", "không" ...
 * Returns 1 when recognised.
 */
POVATLAS_API int povatlas_class_parse(const char *text, povatlas_class *out);

/**
 * povatlas_classify_workspace:
 * @year: review year, 0 for all
 * @n_changed: (out) (optional): households whose computed class changed
 *
 * Re-classifies stored households classified under an older revision of
 * the standards table (imports classify as they store, so after an import
 * this finds nothing to do).
 */
POVATLAS_API povatlas_status povatlas_classify_workspace(povatlas_workspace *ws,
                                                         int year,
                                                         int64_t *n_changed,
                                                         povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
