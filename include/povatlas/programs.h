/*
 * programs.h - poverty-reduction programs (NTP projects, docs/domain-rules.md
 * §4.3-4.4, and support policies, §5) and their activity records per ward
 * and year, as the workspace stores them (store job). Their import is in
 * ingest.h; coverage (households reached ÷ households eligible by the
 * program's rule) in coverage.h.
 */
#ifndef POVATLAS_PROGRAMS_H
#define POVATLAS_PROGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"
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

#ifdef __cplusplus
}
#endif
#endif
