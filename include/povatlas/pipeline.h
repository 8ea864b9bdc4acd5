/*
 * pipeline.h - the stages run in order (pipeline job): creating a workspace
 * with the standards table, loading a dataset described by a key file
 * (geodata/dataset.ini); plan targets are evaluated in analysis
 * (targets.h, included here for existing callers). `povatlas demo` is
 * these calls on the embedded dataset.
 */
#ifndef POVATLAS_PIPELINE_H
#define POVATLAS_PIPELINE_H

#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/targets.h" /* evaluated in analysis */
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

#ifdef __cplusplus
}
#endif
#endif
