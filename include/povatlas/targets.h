/*
 * targets.h - plan targets against what the workspace shows (analysis
 * job): rates from summed counts with the official rounding
 * (docs/domain-rules.md §6.1), household changes against the year before, and
 * the label of each target. The cover of the atlas, the summary and the report
 * builders read these evaluations; none recomputes them.
 */
#ifndef POVATLAS_TARGETS_H
#define POVATLAS_TARGETS_H

#include <stddef.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_target_state {
    POVATLAS_TARGET_MET,
    POVATLAS_TARGET_MISSED,
    POVATLAS_TARGET_NO_DATA /* nothing in the workspace measures it yet */
} povatlas_target_state;

/* One target against what was achieved. */
typedef struct povatlas_target_eval {
    char *name;      /* poor_rate, poor_change ... */
    char *unit;      /* percent | households | houses */
    double baseline; /* NAN when none */
    double target;
    double achieved; /* NAN when no data */
    double gap;      /* achieved - target (percentage points or count) */
    double share;    /* share of the planned change achieved, NAN if n/a */
    povatlas_target_state state;
} povatlas_target_eval;

typedef struct povatlas_target_eval_list {
    size_t n;
    povatlas_target_eval *rows;
} povatlas_target_eval_list;

/**
 * povatlas_targets_evaluate:
 *
 * City-wide targets of @year against the workspace: rates from summed
 * counts (rounded per docs/domain-rules.md §6.1), household changes against
 * @year - 1.
 * Returns: (transfer full) (nullable): free with
 *   povatlas_target_eval_list_free().
 */
POVATLAS_API povatlas_target_eval_list *
povatlas_targets_evaluate(povatlas_workspace *ws, int year,
                          povatlas_error **err);
POVATLAS_API void
povatlas_target_eval_list_free(povatlas_target_eval_list *list);

/** povatlas_target_label: "Tỷ lệ hộ nghèo" / "Poor-household rate" for
 * "poor_rate" (@lang "vi" or "en"); the name itself when unknown.
 * Returns: (transfer none): a static string or @name. */
POVATLAS_API const char *povatlas_target_label(const char *name,
                                               const char *lang);

#ifdef __cplusplus
}
#endif
#endif
