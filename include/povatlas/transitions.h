/*
 * transitions.h - movements of households between two review years
 * (docs/domain-rules.md §3.6, classify job): who escaped poverty or
 * near-poverty and how, who fell back, who is newly poor or near-poor and from
 * where, per ward and for the city, from recognised (recorded) statuses.
 *
 * Each list (poor, near-poor) is one column of the report:
 *
 *   end = start − escaped + fell back + new
 *
 * and every household that moves is counted in exactly one sub-line of a
 * column. A household moving poor → near-poor appears once in each column
 * (escaped poverty "to near-poor", newly near-poor "from poor").
 */
#ifndef POVATLAS_TRANSITIONS_H
#define POVATLAS_TRANSITIONS_H

#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The lines of the report. The poor column comes first, the near-poor
 * column repeats its layout (POVATLAS_TRANSITION_COLUMN_LINES lines each).
 * Sub-lines follow their category and add up to it.
 */
typedef enum povatlas_transition_line {
    POVATLAS_TR_POOR_START,                /* poor in the first year */
    POVATLAS_TR_ESCAPED_POOR,              /* thoát nghèo */
    POVATLAS_TR_ESCAPED_POOR_TO_NEAR_POOR, /* chuyển sang hộ cận nghèo */
    POVATLAS_TR_ESCAPED_POOR_ABOVE_LINE,   /* vượt chuẩn cận nghèo */
    POVATLAS_TR_ESCAPED_POOR_LEFT, /* chết, chuyển đi, tách nhập hộ */
    /* absent from the second list with no exit record: the list cannot
     * say why, so the household is counted as escaped, on its own line */
    POVATLAS_TR_ESCAPED_POOR_NOT_RECORDED,
    POVATLAS_TR_FELL_BACK_POOR, /* tái nghèo */
    POVATLAS_TR_NEW_POOR,       /* nghèo phát sinh */
    POVATLAS_TR_NEW_POOR_FROM_NEAR_POOR,
    POVATLAS_TR_NEW_POOR_NEW, /* not listed the first year */
    POVATLAS_TR_POOR_END,     /* poor in the second year */
    POVATLAS_TR_NEAR_POOR_START,
    POVATLAS_TR_ESCAPED_NEAR_POOR,         /* thoát cận nghèo */
    POVATLAS_TR_ESCAPED_NEAR_POOR_TO_POOR, /* rơi xuống nghèo */
    POVATLAS_TR_ESCAPED_NEAR_POOR_ABOVE_LINE,
    POVATLAS_TR_ESCAPED_NEAR_POOR_LEFT,
    POVATLAS_TR_ESCAPED_NEAR_POOR_NOT_RECORDED,
    POVATLAS_TR_FELL_BACK_NEAR_POOR, /* tái cận nghèo */
    POVATLAS_TR_NEW_NEAR_POOR,       /* cận nghèo phát sinh */
    POVATLAS_TR_NEW_NEAR_POOR_FROM_POOR,
    POVATLAS_TR_NEW_NEAR_POOR_NEW,
    POVATLAS_TR_NEAR_POOR_END,
    POVATLAS_TR_N_LINES
} povatlas_transition_line;

#define POVATLAS_TRANSITION_COLUMN_LINES                                       \
    (POVATLAS_TR_NEAR_POOR_START - POVATLAS_TR_POOR_START)

/* The counts of one ward, or of the city. */
typedef struct povatlas_transition_row {
    char *unit_code; /* owned; POVATLAS_SCOPE_ALL for the city */
    char *unit_name; /* owned, (nullable): "Phường Đô Vinh" */
    int64_t count[POVATLAS_TR_N_LINES];
} povatlas_transition_row;

typedef struct povatlas_transitions {
    int year_from, year_to;
    size_t n;                       /* wards */
    povatlas_transition_row *wards; /* owned, ordered by unit code */
    povatlas_transition_row city;   /* sums of the wards */
} povatlas_transitions;

enum povatlas_transitions_compute_flags {
    /* store every count in the indicators table (year = @year_to, names of
     * povatlas_transition_line_name(), per ward and scope "*"), plus
     * transitions_from_year = @year_from */
    POVATLAS_TRANSITIONS_COMPUTE_STORE = 1 << 0
};

/**
 * povatlas_transitions_compute:
 * @year_from: the earlier review year (S₀)
 * @year_to: the later review year (S₁), after @year_from
 * @flags: povatlas_transitions_compute_flags
 * @err: (out) (optional): set on failure
 *
 * Classifies every household stored in either year. Tái nghèo (tái cận
 * nghèo): in the list in @year_to, not in @year_from, and in some earlier
 * stored year on the same list and then recognised as having left it
 * (listed with another status, or an exit "above the line"); there is no
 * look-back limit (the window is unverified, docs/domain-rules.md §10). Starts
 * and ends are the stored counts of each year; the balance identity is checked
 * for every ward and the city.
 *
 * Returns: (transfer full) (nullable): the transitions, or NULL with @err
 *   set: POVATLAS_E_USAGE when @year_from >= @year_to, POVATLAS_E_INPUT
 *   when either year has no households or the identity fails (the message
 *   names the ward), POVATLAS_E_DB. Free with povatlas_transitions_free().
 */
POVATLAS_API povatlas_transitions *
povatlas_transitions_compute(povatlas_workspace *ws, int year_from, int year_to,
                             unsigned flags, povatlas_error **err);

/** povatlas_transitions_free: NULL is a no-op. */
POVATLAS_API void povatlas_transitions_free(povatlas_transitions *t);

/** povatlas_transitions_find: Returns: (transfer none) (nullable): the row
 * of ward @unit_code (or the city for POVATLAS_SCOPE_ALL), valid until @t
 * is freed. */
POVATLAS_API const povatlas_transition_row *
povatlas_transitions_find(const povatlas_transitions *t, const char *unit_code);

/** povatlas_transition_line_name: Returns: (transfer none): the indicator
 * name ("escaped_poor_to_near_poor"), static. */
POVATLAS_API const char *
povatlas_transition_line_name(povatlas_transition_line line);

/** povatlas_transition_line_label: Returns: (transfer none): the report
 * wording in @lang "vi" (default) or "en", static. */
POVATLAS_API const char *
povatlas_transition_line_label(povatlas_transition_line line, const char *lang);

/** povatlas_transition_line_is_subline: 1 for a sub-line (indented under
 * its category), 0 for a category, start or end. */
POVATLAS_API int
povatlas_transition_line_is_subline(povatlas_transition_line line);

#ifdef __cplusplus
}
#endif
#endif
