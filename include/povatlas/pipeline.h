/*
 * pipeline.h - the stages run in order (pipeline job): creating a workspace
 * with the standards table, loading a dataset described by a key file
 * (geodata/dataset.ini) and the whole pipeline on a dataset
 * (povatlas_pipeline_run(), what `povatlas demo` runs); plan targets are
 * evaluated in analysis (targets.h, included here for existing callers).
 */
#ifndef POVATLAS_PIPELINE_H
#define POVATLAS_PIPELINE_H

#include <stdint.h>

#include "povatlas/coverage.h"
#include "povatlas/error.h"
#include "povatlas/gaps.h"
#include "povatlas/priority.h"
#include "povatlas/reports.h"
#include "povatlas/targets.h" /* evaluated in analysis */
#include "povatlas/transitions.h"
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
 * povatlas_workspace_create_place:
 * @place: (nullable): the place in Vietnamese, as
 *   povatlas_workspace_set_place()
 * @place_en: (nullable): the same in English
 *
 * The `init` command: povatlas_workspace_create(), then the name of the
 * place when one is given. A name refused (POVATLAS_E_USAGE) leaves no
 * half-made workspace behind: the new file is removed.
 * Returns: (transfer full) (nullable): close with
 *   povatlas_workspace_close().
 */
POVATLAS_API povatlas_workspace *
povatlas_workspace_create_place(const char *path, int replace,
                                const char *place, const char *place_en,
                                povatlas_error **err);

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

/* Options of povatlas_pipeline_run(); set up by
 * povatlas_pipeline_opts_init(), which holds every default. Strings are
 * borrowed for the call. */
typedef struct povatlas_pipeline_opts {
    const char *dataset_ini;       /* (nullable) NULL: the embedded dataset,
                                      povatlas_data_path("dataset.ini") */
    const char *out_dir;           /* folder written ("out/demo") */
    const char *db;                /* (nullable) the workspace made: NULL,
                                      OUT/atlas.sqlite; or a PostgreSQL
                                      target (povatlas_workspace_open()) */
    const char *lang;              /* "vi" or "en": map and atlas text ("vi") */
    povatlas_progress_fn progress; /* (nullable) */
    void *progress_data;
} povatlas_pipeline_opts;

POVATLAS_API void povatlas_pipeline_opts_init(povatlas_pipeline_opts *o);

/* What povatlas_pipeline_run() made: the paths it wrote, the two review
 * years it compared (the latest two in the data) and the reports it
 * computed and stored on the way, for the caller to print. Pointer fields
 * are owned; povatlas_pipeline_result_clear() frees them. */
typedef struct povatlas_pipeline_result {
    povatlas_workspace *ws; /* the workspace, still open */
    char *db_path;          /* OUT/atlas.sqlite, or opts.db as shown */
    char *gpkg_path;        /* OUT/atlas.gpkg */
    char *maps_dir;         /* OUT/maps */
    int year_from;          /* the review year before year_to; 0: none */
    int year_to;            /* the latest review year */
    povatlas_transitions *transitions; /* year_from → year_to; NULL when
                                          year_from is 0 */
    povatlas_gaps *gaps;               /* NULL when year_from is 0 */
    povatlas_coverage *coverage;       /* of year_to, every program */
    povatlas_priority *priority;       /* of year_to, shipped weights */
    povatlas_summary *summary;         /* every year, in the run's lang */
} povatlas_pipeline_result;

/**
 * povatlas_pipeline_run:
 * @res: (out): zeroed first; on success holds the open workspace and the
 *   reports, to free with povatlas_pipeline_result_clear() (also after a
 *   failure: it frees whatever was made)
 * @report: (nullable): rejected rows of the failing file
 *
 * The whole pipeline into @o->out_dir: a new workspace (atlas.sqlite,
 * replaced), the dataset loaded and classified, the indicators analysed,
 * zones, coverage, priority and the transitions of the latest two review
 * years stored, the poor-rate map (maps/poor_rate.png and .svg), one map
 * of each other type, the briefing atlas (maps/briefing.pdf), the ward
 * GeoPackage (atlas.gpkg, replaced) and the HTML briefing
 * (maps/briefing.html) with its slides (maps/slides/, 16:9 PNGs). The
 * years come from the data. Everything is made in a staging folder inside
 * @o->out_dir and moved into place when every stage succeeded: a failed
 * run leaves @o->out_dir as it was.
 */
POVATLAS_API povatlas_status
povatlas_pipeline_run(const povatlas_pipeline_opts *o, povatlas_report *report,
                      povatlas_pipeline_result *res, povatlas_error **err);
POVATLAS_API void povatlas_pipeline_result_clear(povatlas_pipeline_result *res);

#ifdef __cplusplus
}
#endif
#endif
