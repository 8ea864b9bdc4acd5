/*
 * briefing.h - the leaders' briefing as one HTML file (pipeline job): the
 * plan's targets against what was achieved, the city totals, a ward map
 * switchable between indicators and review years with a fact card per
 * ward, the zone gaps, the priority list and the coverage gaps. The file
 * is self-contained and works offline: the map is inline SVG, script and
 * styles are inline, fonts are the system's, and a Content-Security-Policy
 * forbids every request.
 */
#ifndef POVATLAS_BRIEFING_H
#define POVATLAS_BRIEFING_H

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct povatlas_briefing_opts {
    int year;           /* the briefing's year (0: latest); the year before
                           is shown too when it has a review list */
    const char *lang;   /* "vi" (default) or "en" */
    int min_households; /* small cells, as the maps: wards with fewer
                           households show no figure; default
                           POVATLAS_MIN_HOUSEHOLDS, 0: none */
    double simplify_m;  /* > 0: outlines simplified to this tolerance in
                           metres (GEOS); 0 keeps every vertex */
    int overwrite;      /* 0 refuses an existing output */
} povatlas_briefing_opts;

/** povatlas_briefing_opts_init: the defaults above; allocates nothing. */
POVATLAS_API void povatlas_briefing_opts_init(povatlas_briefing_opts *opts);

/**
 * povatlas_briefing_write:
 * @opts: (nullable): NULL for the defaults
 * @path: the .html file, written under a temporary name and renamed when
 *   complete
 *
 * Writes the briefing. Reads the workspace and writes nothing to it: the
 * coverage and priority maps of the years shown are those stored
 * (povatlas_pipeline_run() stores both years'; otherwise the coverage and
 * priority reports), and a year without them has no such map. A section whose
 * inputs the workspace lacks (no programme activities, no zones) says so in the
 * file instead of failing the briefing. Same bytes for the same workspace.
 * POVATLAS_E_USAGE when @path exists and !@opts->overwrite.
 */
POVATLAS_API povatlas_status povatlas_briefing_write(
    povatlas_workspace *ws, const povatlas_briefing_opts *opts,
    const char *path, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
