/*
 * coverage.h - how far the poverty-reduction programs (programs.h) reach
 * the households they target, per ward and for the city (analysis job):
 * households reached ÷ households eligible by each program's rule
 * (docs/domain-rules.md §4.3-4.4, §5), and the coverage gaps.
 */
#ifndef POVATLAS_COVERAGE_H
#define POVATLAS_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Indicators written by povatlas_coverage_compute() with store (per ward
 * and for POVATLAS_SCOPE_ALL): coverage in %, 1/0 coverage gap, budget per
 * poor household in VND. */
#define POVATLAS_IND_COVERAGE "coverage"
#define POVATLAS_IND_COVERAGE_GAP "coverage_gap"
#define POVATLAS_IND_BUDGET_PER_POOR "budget_per_poor_vnd"

typedef struct povatlas_coverage_row {
    char *code, *name; /* ward, or POVATLAS_SCOPE_ALL for the city */
    int64_t poor, near_poor, households;
    int64_t reached, eligible;   /* in target groups, summed */
    int64_t coverage_hundredths; /* reached ÷ eligible, -1 undefined */
    int64_t budget_vnd;
    double budget_per_poor_vnd; /* budget ÷ poor households, NAN */
    int64_t poor_hundredths;    /* -1 undefined */
    int poverty_class;          /* 1..k: the map's class of the poor rate
                                   (povatlas_classes, class 1 the zero
                                   class when one is made), 0 none */
    int coverage_gap;           /* top classes and below the city */
} povatlas_coverage_row;

typedef struct povatlas_coverage {
    int year;
    char *program; /* (nullable) one program, else every program
                      with a household rule active that year */
    size_t n;
    povatlas_coverage_row *rows; /* wards by code */
    povatlas_coverage_row city;
    int n_classes; /* classes made: 5 unless ties, +1 when a ward
                      has no poor household (the zero class) */
} povatlas_coverage;

/**
 * povatlas_coverage_compute:
 * @program: (nullable): one program code, or NULL for every program with
 *   a household rule that has activities in @year
 * @store: 1 to store the indicators above for @year
 *
 * Coverage of a ward = Σ households reached in each program's target group
 * ÷ Σ households of that group in the ward (poor, near-poor or both, from
 * the recognised counts). A program counts in every ward's denominator
 * once it runs anywhere in the city, so a ward it skipped shows 0 %.
 * Coverage gaps: wards in the two top Fisher-Jenks classes (of 5) of the
 * poor rate whose coverage is below the city's.
 *
 * Returns: (transfer full) (nullable): free with povatlas_coverage_free().
 */
POVATLAS_API povatlas_coverage *
povatlas_coverage_compute(povatlas_workspace *ws, int year, const char *program,
                          int store, povatlas_error **err);
POVATLAS_API void povatlas_coverage_free(povatlas_coverage *c);

#ifdef __cplusplus
}
#endif
#endif
