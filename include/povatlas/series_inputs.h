/*
 * series_inputs.h - what a series and a breakdown (series.h) read from the
 * workspace (store job): the crosswalk links between unit periods with the
 * names of both, and the counts of poor and near-poor households per unit
 * that have a recorded flag (docs/domain-rules.md §3.8); an unrecorded flag
 * is counted apart, never as 0.
 */
#ifndef POVATLAS_SERIES_INPUTS_H
#define POVATLAS_SERIES_INPUTS_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One crosswalk link with the names of both unit periods. Owned by the
 * list. */
typedef struct povatlas_link_row {
    char *old_code, *old_valid_from, *old_name; /* old_name (nullable) */
    char *new_code, *new_valid_from, *new_name; /* new_name (nullable) */
    double share;                               /* NAN when not published */
    char *valid_on; /* the day the change took effect */
    char *note;     /* (nullable) */
} povatlas_link_row;

typedef struct povatlas_link_list {
    size_t n;
    povatlas_link_row *rows;
} povatlas_link_list;

/**
 * povatlas_workspace_links:
 * @err: (out) (optional): set on failure
 *
 * Returns: (transfer full) (nullable): every crosswalk link ordered by
 *   valid_on, new unit, old unit; free with povatlas_link_list_free().
 */
POVATLAS_API povatlas_link_list *
povatlas_workspace_links(povatlas_workspace *ws, povatlas_error **err);
POVATLAS_API void povatlas_link_list_free(povatlas_link_list *list);

/* A recorded household flag among the households of one group. */
typedef struct povatlas_flag_count {
    int64_t yes;     /* flag recorded as 1 */
    int64_t unknown; /* flag not recorded (NULL): not counted as 0 */
    int64_t share_h; /* yes ÷ households of the group, hundredths of % */
    int share_ok;    /* 0 when the group is empty */
} povatlas_flag_count;

/* Poor (or near-poor) households of one scope. */
typedef struct povatlas_breakdown_group {
    int64_t total;     /* recorded status poor (near-poor) */
    int64_t of_city_h; /* total ÷ the city's, hundredths of % */
    int of_city_ok;    /* 0 when the city has none */
    povatlas_flag_count ethnic_minority, merit, no_labour;
} povatlas_breakdown_group;

typedef enum povatlas_breakdown_scope {
    POVATLAS_BREAKDOWN_UNIT = 0,
    POVATLAS_BREAKDOWN_URBAN = 1, /* every urban unit (phường, thị trấn) */
    POVATLAS_BREAKDOWN_RURAL = 2, /* every rural unit (xã) */
    POVATLAS_BREAKDOWN_CITY = 3
} povatlas_breakdown_scope;

typedef struct povatlas_breakdown_row {
    povatlas_breakdown_scope scope;
    char *code; /* (nullable) unit code; NULL for aggregates */
    char *name; /* (nullable) unit name in force at the end of the year */
    int urban;  /* 1, 0, -1 unknown (aggregates: -1 for the city) */
    povatlas_breakdown_group poor, near_poor;
} povatlas_breakdown_row;

typedef struct povatlas_breakdown {
    int year;
    size_t n; /* units by code, then urban, rural, city */
    povatlas_breakdown_row *rows;
} povatlas_breakdown;

/**
 * povatlas_workspace_breakdown:
 * @year: review year
 * @err: (out) (optional): set on failure
 *
 * Counts the poor and near-poor households (recorded status, §3) of @year
 * per unit that are ethnic-minority, have a revolution-merit member or
 * have no working capacity (docs/domain-rules.md §3.8): the unit rows only,
 * counts only (shares 0, share_ok 0); povatlas_breakdown_compute() adds the
 * sums and the shares. Units with no poor or near-poor household are left
 * out. A year without a review list is refused ("no review list for 2022"):
 * its groups are unknown, not empty.
 *
 * Returns: (transfer full) (nullable): the breakdown, or NULL with @err
 *   set; free with povatlas_breakdown_free().
 */
POVATLAS_API povatlas_breakdown *
povatlas_workspace_breakdown(povatlas_workspace *ws, int year,
                             povatlas_error **err);
POVATLAS_API void povatlas_breakdown_free(povatlas_breakdown *b);

#ifdef __cplusplus
}
#endif

#endif
