/*
 * holdings.h - what the workspace holds, year by year (`povatlas status`):
 * units in force, boundaries, ward totals, review lists, exits,
 * programmes, activities, targets and map context, and which reports and
 * maps each gap leaves blank (store job: it counts). The texts that say
 * what a gap means (povatlas_holding_label, _blanks) are the pipeline's,
 * in reports.h. The library prints nothing: the CLI prints the structure.
 */
#ifndef POVATLAS_HOLDINGS_H
#define POVATLAS_HOLDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The inputs a year can hold, in the order `status` lists them. */
typedef enum povatlas_holding {
    POVATLAS_HOLDING_UNITS = 0,   /* units in force on 31 December */
    POVATLAS_HOLDING_BOUNDARIES,  /* ... of them with a boundary */
    POVATLAS_HOLDING_WARD_TOTALS, /* ... of them with ward totals */
    POVATLAS_HOLDING_LIST,        /* households on the year's review lists */
    POVATLAS_HOLDING_EXITS,       /* exit records (why a household left) */
    POVATLAS_HOLDING_PROGRAMMES,  /* programmes (not per year) */
    POVATLAS_HOLDING_ACTIVITIES,  /* programme activity records */
    POVATLAS_HOLDING_TARGETS,     /* plan targets */
    POVATLAS_HOLDING_CONTEXT,     /* map context layers (not per year) */
    POVATLAS_HOLDING_N
} povatlas_holding;

/* One review year. A count of 0 is a gap; boundaries and ward totals are
 * complete when they equal the units in force. */
typedef struct povatlas_year_holdings {
    int year;
    int64_t count[POVATLAS_HOLDING_N];
    int n_lists;      /* review list files of the year (0: no list) */
    char *list_files; /* (nullable) their paths, "; "-separated */
    /* 1 when the input is missing or incomplete for the year (a list is
     * missing when no list of the year is stored, whatever else is) */
    unsigned char gap[POVATLAS_HOLDING_N];
} povatlas_year_holdings;

typedef struct povatlas_holdings {
    size_t n_years;
    povatlas_year_holdings *years; /* ascending */
} povatlas_holdings;

/**
 * povatlas_workspace_holdings:
 * @year: one year, or 0 for every year the workspace has anything for
 *   (ward totals, lists, exits, activities, targets)
 * @err: (out) (optional): set on failure
 *
 * Returns: (transfer full) (nullable): free with povatlas_holdings_free().
 */
POVATLAS_API povatlas_holdings *
povatlas_workspace_holdings(povatlas_workspace *ws, int year,
                            povatlas_error **err);
POVATLAS_API void povatlas_holdings_free(povatlas_holdings *h);

#ifdef __cplusplus
}
#endif

#endif
