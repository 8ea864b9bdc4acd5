/*
 * programs.h - poverty-reduction programs (NTP projects, docs/domain-rules.md
 * §4.3-4.4, and support policies, §5), their activity records per ward and
 * year, and coverage: households reached ÷ households eligible by the program's
 * rule. Store, ingest and analysis parts of one job, in one header.
 */
#ifndef POVATLAS_PROGRAMS_H
#define POVATLAS_PROGRAMS_H

#include <stdint.h>

#include "povatlas/ingest.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The housing support program: its households reached are houses built
 * (the plan's "13 new houses", docs/domain-rules.md §5.4). */
#define POVATLAS_PROGRAM_HOUSING "NHA"

/* Which households a program targets, i.e. the coverage denominator. */
typedef enum povatlas_target_rule {
    POVATLAS_TARGET_NONE = 0,       /* "none": staff, public (no coverage) */
    POVATLAS_TARGET_POOR,           /* "poor" */
    POVATLAS_TARGET_NEAR_POOR,      /* "near_poor" */
    POVATLAS_TARGET_POOR_NEAR_POOR, /* "poor_near_poor" */
} povatlas_target_rule;

/** povatlas_target_rule_parse: 1 when @name is a rule name above. */
POVATLAS_API int povatlas_target_rule_parse(const char *name,
                                            povatlas_target_rule *out);

/* A program; borrowed strings. */
typedef struct povatlas_program {
    const char *code; /* "DA4.1", "NHA" */
    const char *name_vi, *name_en;
    const char *kind;   /* project | policy */
    const char *agency; /* (nullable) lead agency */
    povatlas_target_rule rule;
    const char *source; /* (nullable) source / mark ("unverified") */
} povatlas_program;

POVATLAS_API povatlas_status povatlas_workspace_put_program(
    povatlas_workspace *ws, const povatlas_program *p, povatlas_error **err);

/* One activity record: what a program did in a ward in a year. */
typedef struct povatlas_activity {
    const char *program;
    const char *unit_code;
    int year;
    int64_t reached, poor_reached, near_poor_reached; /* households */
    int64_t budget_vnd;                               /* -1 unknown */
    const char *agency;                               /* (nullable) */
    int64_t import_id;
    long source_row;
} povatlas_activity;

/** povatlas_workspace_put_activity: inserts or replaces the record of
 * (program, unit, year). */
POVATLAS_API povatlas_status povatlas_workspace_put_activity(
    povatlas_workspace *ws, const povatlas_activity *a, povatlas_error **err);

/* Programs read back; owned by the list. */
typedef struct povatlas_program_row {
    char *code, *name_vi, *name_en, *kind, *agency, *source;
    povatlas_target_rule rule;
} povatlas_program_row;

typedef struct povatlas_program_list {
    size_t n;
    povatlas_program_row *rows; /* ordered by code */
} povatlas_program_list;

/** Returns: (transfer full) (nullable): free with
 * povatlas_program_list_free(). */
POVATLAS_API povatlas_program_list *
povatlas_workspace_programs(povatlas_workspace *ws, povatlas_error **err);
POVATLAS_API void povatlas_program_list_free(povatlas_program_list *list);

/* Sum of one program's activities in a ward (or POVATLAS_SCOPE_ALL). */
typedef struct povatlas_activity_sum {
    int64_t reached, poor_reached, near_poor_reached, budget_vnd;
    int records;
} povatlas_activity_sum;

/**
 * povatlas_workspace_activity_sum:
 * @unit_code: a ward, or POVATLAS_SCOPE_ALL for the city
 *
 * Sums the activities of @program in @year. No record gives zeros.
 */
POVATLAS_API povatlas_status povatlas_workspace_activity_sum(
    povatlas_workspace *ws, const char *program, const char *unit_code,
    int year, povatlas_activity_sum *out, povatlas_error **err);

/**
 * povatlas_import_programs:
 *
 * Columns code, name_vi, name_en, kind (project | policy), agency,
 * target_rule (poor | near_poor | poor_near_poor | none), source. A code
 * already stored is replaced. Same rules as every import (ingest.h).
 */
POVATLAS_API povatlas_status povatlas_import_programs(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/**
 * povatlas_import_activities:
 *
 * Columns program, unit_code, year, households_reached, poor_reached,
 * near_poor_reached, budget_vnd, agency. An unknown program or ward, or
 * more poor + near-poor than households reached, rejects the row as
 * FILE:ROW: column NAME: why, and nothing is imported.
 */
POVATLAS_API povatlas_status povatlas_import_activities(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/* ---------------------------------------------------------------- coverage */

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
