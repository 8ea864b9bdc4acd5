/*
 * reports.h - the reports as tables (pipeline job): one builder per report
 * command (summary, targets, transitions, review, gaps, coverage,
 * priority, breakdown, series), each returning a povatlas_table with
 * headers and labels in @lang ("vi" by default, "en"), numbers as numbers,
 * a missing value missing (never 0), and the synthetic-data note when the
 * workspace is synthetic. The CLI prints them or writes them with the
 * table writers (export.h); the same tables can feed the atlas and the
 * briefing.
 */
#ifndef POVATLAS_REPORTS_H
#define POVATLAS_REPORTS_H

#include "povatlas/analysis.h"
#include "povatlas/coverage.h"
#include "povatlas/holdings.h"
#include "povatlas/priority.h"
#include "povatlas/series.h"
#include "povatlas/table.h"
#include "povatlas/targets.h"
#include "povatlas/transitions.h"
#include "povatlas/workspace.h"
#include "povatlas/zones.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------ the reports as structures */

/* The entry points of the transitions, coverage and priority commands:
 * each computes the report and stores what it stores (indicators of
 * @year_to / @year for maps and exports), then hands the structure back
 * for the caller to print or lay out. The table builders below are made
 * from them. */

/**
 * povatlas_transitions_report:
 * @ward: (nullable): a ward that must have households in either year
 *
 * povatlas_transitions_compute() with POVATLAS_TRANSITIONS_COMPUTE_STORE;
 * an unknown @ward is POVATLAS_E_INPUT ("unknown ward code '...'").
 * Returns: (transfer full) (nullable): free with
 *   povatlas_transitions_free().
 */
POVATLAS_API povatlas_transitions *
povatlas_transitions_report(povatlas_workspace *ws, int year_from, int year_to,
                            const char *ward, povatlas_error **err);
/** povatlas_coverage_report: povatlas_coverage_compute() with store;
 * @program nullable (every program). Returns: (transfer full) (nullable):
 * free with povatlas_coverage_free(). */
POVATLAS_API povatlas_coverage *povatlas_coverage_report(povatlas_workspace *ws,
                                                         int year,
                                                         const char *program,
                                                         povatlas_error **err);
/** povatlas_targets_report: the plan targets of @year against what the
 * workspace shows (povatlas_targets_evaluate()), what `povatlas targets`
 * prints and the targets table exports. Returns: (transfer full)
 * (nullable): free with povatlas_target_eval_list_free(). */
POVATLAS_API povatlas_target_eval_list *
povatlas_targets_report(povatlas_workspace *ws, int year, povatlas_error **err);
/** povatlas_priority_report: povatlas_priority_compute() with store;
 * @weights nullable (the shipped ones). Returns: (transfer full)
 * (nullable): free with povatlas_priority_free(). */
POVATLAS_API povatlas_priority *
povatlas_priority_report(povatlas_workspace *ws, int year,
                         const povatlas_priority_weights *weights,
                         povatlas_error **err);

/**
 * povatlas_zones_report:
 * @opts: (nullable): as povatlas_zones_compute(); its store field is
 *   ignored
 *
 * The zones command: povatlas_zones_compute() storing the zones (units.zone
 * and the zone_code indicator) when they are derived or overridden, and
 * only reporting the shipped ones otherwise.
 * Returns: (transfer full) (nullable): free with
 *   povatlas_zone_list_free().
 */
POVATLAS_API povatlas_zone_list *
povatlas_zones_report(povatlas_workspace *ws, const povatlas_zones_opts *opts,
                      povatlas_error **err);

/* One review year of the summary. */
typedef struct povatlas_summary_year {
    povatlas_city_summary city;
    povatlas_city_summary area[2]; /* [1] urban, [0] rural units only;
                                      households 0: the city has none */
    int has_change; /* 1: change from the year before is known (both
                       years listed, povatlas_change_of_summaries()) */
    povatlas_change change;
} povatlas_summary_year;

/* The summary command's report. */
typedef struct povatlas_summary {
    char *place;   /* (nullable) the place in the report's language */
    int synthetic; /* 1: the workspace holds synthetic data */
    size_t n;      /* review years with households */
    povatlas_summary_year *years;       /* ascending, n of them */
    int targets_year;                   /* the latest of them, 0: none */
    povatlas_target_eval_list *targets; /* (nullable) its plan targets;
                                           NULL when n is 0 */
} povatlas_summary;

/**
 * povatlas_summary_report:
 * @lang: (nullable): the language of the place's name ("en", else "vi")
 *
 * City, urban and rural figures of every review year with households, the
 * change of each from the year before (analysis's, never from rounded
 * rates) and the plan targets of the latest year: what `povatlas summary`
 * and the demo print. Reads only.
 * Returns: (transfer full) (nullable): free with povatlas_summary_free().
 */
POVATLAS_API povatlas_summary *povatlas_summary_report(povatlas_workspace *ws,
                                                       const char *lang,
                                                       povatlas_error **err);
POVATLAS_API void povatlas_summary_free(povatlas_summary *s);

/* ----------------------------------------------- the reports as tables */

/* Every builder returns (transfer full) (nullable) a table to free with
 * povatlas_table_free(), or NULL with @err set. Builders that compute what
 * their report stores (transitions, coverage, priority) store it, as the
 * printed report does. */

/** City, urban and rural totals and rates of every review year. */
POVATLAS_API povatlas_table *povatlas_report_summary(povatlas_workspace *ws,
                                                     const char *lang,
                                                     povatlas_error **err);
/** The plan targets of @year against what was achieved; no rows, and a
 * note saying so, when none were imported. */
POVATLAS_API povatlas_table *povatlas_report_targets(povatlas_workspace *ws,
                                                     int year, const char *lang,
                                                     povatlas_error **err);
/** Every line of the transition report, for the city and @ward
 * (nullable). */
POVATLAS_API povatlas_table *
povatlas_report_transitions(povatlas_workspace *ws, int year_from, int year_to,
                            const char *ward, const char *lang,
                            povatlas_error **err);
/** Households whose recorded status differs from the rule in @year (no
 * names or addresses: the pseudonymous household id). */
POVATLAS_API povatlas_table *povatlas_report_review(povatlas_workspace *ws,
                                                    int year, const char *lang,
                                                    povatlas_error **err);
/** Zone rates of both years and their gaps to the central zone. */
POVATLAS_API povatlas_table *povatlas_report_gaps(povatlas_workspace *ws,
                                                  int year_from, int year_to,
                                                  const char *lang,
                                                  povatlas_error **err);
/** Coverage per ward and the city row; @program nullable (every one). */
POVATLAS_API povatlas_table *
povatlas_report_coverage(povatlas_workspace *ws, int year, const char *program,
                         const char *lang, povatlas_error **err);
/** The priority ranking with every component's scaled value and
 * contribution; @weights nullable (the shipped ones); @top <= 0: all. */
POVATLAS_API povatlas_table *
povatlas_report_priority(povatlas_workspace *ws, int year,
                         const povatlas_priority_weights *weights, int top,
                         const char *lang, povatlas_error **err);
/** Poor and near-poor households by ethnic minority, merit, no labour. */
POVATLAS_API povatlas_table *povatlas_report_breakdown(povatlas_workspace *ws,
                                                       int year,
                                                       const char *lang,
                                                       povatlas_error **err);
/** Counts and rates of every year on the units in force on one day. */
POVATLAS_API povatlas_table *
povatlas_report_series(povatlas_workspace *ws, const povatlas_series_opts *o,
                       const char *lang, povatlas_error **err);

/* ------------------------------ what a gap in the workspace leaves blank */

/* The texts of `povatlas status` for the holdings the store counts
 * (holdings.h). */

/** Returns: (transfer none): the input's name in @lang ("vi", "en"). */
POVATLAS_API const char *povatlas_holding_label(povatlas_holding h,
                                                const char *lang);

/** Returns: (transfer none): the reports and maps left blank (or refused)
 * when the input is missing, in @lang. */
POVATLAS_API const char *povatlas_holding_blanks(povatlas_holding h,
                                                 const char *lang);

#ifdef __cplusplus
}
#endif
#endif
