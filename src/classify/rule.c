/*
 * rule.c - the 2022-2025 classification rule (docs/domain-rules.md §2.3),
 * driven by the standards table: income at or below the line AND at least 3
 * deprivations is poor; at or below the line with fewer is near-poor (zero
 * included); above the line up to the band's upper bound is average; above
 * that, none. Income tests multiply instead of dividing, so nothing is rounded.
 */
#include "povatlas/classify.h"

/* TRUE when the household income is at or below @limit per person. */
static int at_or_below(int64_t limit, int members, int64_t per_capita,
                       int64_t total)
{
    if (total >= 0)
        return total <= limit * (int64_t)members;
    return per_capita <= limit;
}

static povatlas_status check_inputs(const povatlas_standard *s, int members,
                                    int64_t per_capita, int64_t total,
                                    int n_deprivations, povatlas_error **err)
{
    if (members < 1)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "household has no members");
    if (per_capita < -1 || total < -1)
        return povatlas_error_set(err, POVATLAS_E_INPUT, "income is negative");
    if (per_capita == -1 && total == -1)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "income is missing (give per-capita or "
                                  "total household income)");
    if (n_deprivations < 0 || n_deprivations > s->n_indicators)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "%d deprivations: the standard has %d "
                                  "indicators",
                                  n_deprivations, s->n_indicators);
    return POVATLAS_OK;
}

povatlas_status povatlas_classify_household(const povatlas_standard *s,
                                            int members, int64_t per_capita,
                                            int64_t total, int n_deprivations,
                                            povatlas_class *out,
                                            povatlas_error **err)
{
    povatlas_status st =
        check_inputs(s, members, per_capita, total, n_deprivations, err);
    if (st)
        return st;
    if (at_or_below(s->line_vnd, members, per_capita, total))
        *out = n_deprivations >= s->min_deprivations_poor
                   ? POVATLAS_CLASS_POOR
                   : POVATLAS_CLASS_NEAR_POOR;
    else if (s->band_upper_vnd >= 0 &&
             at_or_below(s->band_upper_vnd, members, per_capita, total))
        *out = POVATLAS_CLASS_AVERAGE;
    else
        *out = POVATLAS_CLASS_NONE;
    return POVATLAS_OK;
}

int povatlas_classify_low_income_worker(const povatlas_standard *s, int year,
                                        int members, int64_t per_capita,
                                        int64_t total, povatlas_class c)
{
    if (s->low_income_worker_vnd < 0 || s->low_income_from_year <= 0 ||
        year < s->low_income_from_year || members < 1 ||
        c == POVATLAS_CLASS_POOR || c == POVATLAS_CLASS_NEAR_POOR ||
        (per_capita < 0 && total < 0))
        return 0;
    return at_or_below(s->low_income_worker_vnd, members, per_capita, total);
}

void povatlas_classify_by_score(const povatlas_b1_cutoff *cutoff, int64_t score,
                                int n_deprivations, int min_deprivations_poor,
                                povatlas_class *out)
{
    if (score <= cutoff->line_score)
        *out = n_deprivations >= min_deprivations_poor
                   ? POVATLAS_CLASS_POOR
                   : POVATLAS_CLASS_NEAR_POOR;
    else if (cutoff->band_score >= 0 && score <= cutoff->band_score)
        *out = POVATLAS_CLASS_AVERAGE;
    else
        *out = POVATLAS_CLASS_NONE;
}

const char *povatlas_class_name(povatlas_class c)
{
    switch (c) {
    case POVATLAS_CLASS_POOR:
        return "poor";
    case POVATLAS_CLASS_NEAR_POOR:
        return "near_poor";
    case POVATLAS_CLASS_AVERAGE:
        return "average";
    case POVATLAS_CLASS_NONE:
        return "none";
    case POVATLAS_CLASS_UNKNOWN:
        break;
    }
    return "unknown";
}

const char *povatlas_class_label_vi(povatlas_class c)
{
    switch (c) {
    case POVATLAS_CLASS_POOR:
        return "Hộ nghèo";
    case POVATLAS_CLASS_NEAR_POOR:
        return "Hộ cận nghèo";
    case POVATLAS_CLASS_AVERAGE:
        return "Hộ có mức sống trung bình";
    case POVATLAS_CLASS_NONE:
        return "Không thuộc diện";
    case POVATLAS_CLASS_UNKNOWN:
        break;
    }
    return "Chưa rõ";
}
