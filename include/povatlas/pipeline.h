/*
 * pipeline.h - the stages run in order (pipeline job): creating a workspace
 * with the standards table, loading a dataset described by a key file
 * (geodata/dataset.ini), and evaluating plan targets. `povatlas demo` is
 * these calls on the embedded dataset.
 */
#ifndef POVATLAS_PIPELINE_H
#define POVATLAS_PIPELINE_H

#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * povatlas_workspace_create:
 * @path: the workspace file
 * @replace: 1 to replace an existing file, 0 to refuse it
 *
 * Creates a workspace and loads the standards table shipped in the data
 * folder (standards.csv). Returns: (transfer full) (nullable).
 */
POVATLAS_API povatlas_workspace *
povatlas_workspace_create(const char *path, int replace, povatlas_error **err);

/**
 * povatlas_dataset_load:
 * @dataset_ini: key file listing units, boundaries, context, ward_stats,
 *   households and targets files (paths relative to the key file)
 * @report: (nullable): rejected rows of the failing file
 *
 * Imports every file of the dataset, each in its own transaction, and marks
 * the workspace synthetic / schematic as the key file says.
 */
POVATLAS_API povatlas_status povatlas_dataset_load(
    povatlas_workspace *ws, const char *dataset_ini, povatlas_report *report,
    povatlas_progress_fn progress, void *progress_data, povatlas_error **err);

typedef enum povatlas_target_state {
    POVATLAS_TARGET_MET,
    POVATLAS_TARGET_MISSED,
    POVATLAS_TARGET_NO_DATA /* nothing in the workspace measures it yet */
} povatlas_target_state;

/* One target against what was achieved. */
typedef struct povatlas_target_eval {
    char *name;        /* poor_rate, poor_change ... */
    char *unit;        /* percent | households | houses */
    double baseline;   /* NAN when none */
    double target;
    double achieved;   /* NAN when no data */
    double gap;        /* achieved - target (percentage points or count) */
    double share;      /* share of the planned change achieved, NAN if n/a */
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
 * counts (rounded per domain.md §6.1), household changes against @year - 1.
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
