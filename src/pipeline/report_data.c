/*
 * report_data.c - the reports of the transitions, coverage, priority and
 * zones commands as structures: each computes its report and stores what the
 * report stores (the indicators maps and exports read), so that the CLI
 * only prints what it gets and never writes to the workspace. The table
 * builders (reports.c) are made from the same calls.
 */
#include <glib.h>

#include "povatlas/reports.h"

povatlas_transitions *povatlas_transitions_report(povatlas_workspace *ws,
                                                  int year_from, int year_to,
                                                  const char *ward,
                                                  povatlas_error **err)
{
    povatlas_transitions *t = povatlas_transitions_compute(
        ws, year_from, year_to, POVATLAS_TRANSITIONS_COMPUTE_STORE, err);
    if (t && ward && !povatlas_transitions_find(t, ward)) {
        povatlas_error_set(err, POVATLAS_E_INPUT,
                           "unknown ward code '%s' (no households in %d or "
                           "%d)",
                           ward, year_from, year_to);
        povatlas_transitions_free(t);
        return NULL;
    }
    return t;
}

povatlas_coverage *povatlas_coverage_report(povatlas_workspace *ws, int year,
                                            const char *program,
                                            povatlas_error **err)
{
    return povatlas_coverage_compute(ws, year, program, 1, err);
}

povatlas_priority *
povatlas_priority_report(povatlas_workspace *ws, int year,
                         const povatlas_priority_weights *weights,
                         povatlas_error **err)
{
    return povatlas_priority_compute(ws, year, weights, 1, err);
}

povatlas_zone_list *povatlas_zones_report(povatlas_workspace *ws,
                                          const povatlas_zones_opts *opts,
                                          povatlas_error **err)
{
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    if (opts)
        o = *opts;
    /* what the user decided is kept; the shipped table is only read */
    o.store = o.derive || o.override_path;
    return povatlas_zones_compute(ws, &o, err);
}
