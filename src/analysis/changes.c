/*
 * changes.c - how units and the city changed between two review years:
 * households counted poor and near-poor, and rates in percentage points
 * computed exactly from the counts (p1/n1 - p0/n0, rounded once), paired
 * by unit code, never by position and never from rounded rates.
 * povatlas_analyze() stores the changes between each two consecutive review
 * years (unit_changes, derived.h); maps, the atlas and the summary read
 * them here (povatlas_changes_get()), and a pair not stored - a workspace
 * not analyzed since, or two years that are not consecutive - is computed
 * the same way. None subtracts two rounded figures.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "povatlas/analysis.h"
#include "povatlas/core.h"

static int change_of(int64_t p0, int64_t q0, int64_t n0, int64_t p1, int64_t q1,
                     int64_t n1, povatlas_change *out)
{
    povatlas_change c = {0};
    if (n0 <= 0 || n1 <= 0 || p0 < 0 || q0 < 0 || p1 < 0 || q1 < 0)
        return 0;
    c.poor = p1 - p0;
    c.near_poor = q1 - q0;
    if (!povatlas_change_hundredths(p0, n0, p1, n1, &c.poor_hundredths) ||
        !povatlas_change_hundredths(q0, n0, q1, n1, &c.near_poor_hundredths) ||
        !povatlas_change_hundredths(p0 + q0, n0, p1 + q1, n1,
                                    &c.poor_near_poor_hundredths))
        return 0;
    *out = c;
    return 1;
}

int povatlas_change_of_counts(const povatlas_unit_counts *from,
                              const povatlas_unit_counts *to,
                              povatlas_change *out)
{
    if (!from->has_list || !to->has_list)
        return 0;
    return change_of(from->poor, from->near_poor, from->households, to->poor,
                     to->near_poor, to->households, out);
}

int povatlas_change_of_summaries(const povatlas_city_summary *from,
                                 const povatlas_city_summary *to,
                                 povatlas_change *out)
{
    if (!from->has_list || !to->has_list)
        return 0;
    return change_of(from->poor, from->near_poor, from->households, to->poor,
                     to->near_poor, to->households, out);
}

/* Which hundredths of a change a rate indicator reads, or -1. */
static int rate_field(const char *name)
{
    if (strcmp(name, POVATLAS_IND_POOR_RATE) == 0)
        return 0;
    if (strcmp(name, POVATLAS_IND_NEAR_POOR_RATE) == 0)
        return 1;
    if (strcmp(name, POVATLAS_IND_POOR_NEAR_POOR_RATE) == 0)
        return 2;
    return -1;
}

/* The hundredths of a change a rate indicator reads. */
static int64_t field_of(const povatlas_change *c, int field)
{
    return field == 0   ? c->poor_hundredths
           : field == 1 ? c->near_poor_hundredths
                        : c->poor_near_poor_hundredths;
}

/* The city's sums as povatlas_city_summary_compute() has them: units
 * with statistics, unknown (has_list 0) when any of them has no list. */
static povatlas_city_summary city_of(const povatlas_counts_list *l)
{
    povatlas_city_summary s = {.has_list = 1};
    for (size_t i = 0; i < l->n; i++) {
        const povatlas_unit_counts *k = &l->rows[i];
        if (k->households < 0)
            continue;
        s.households += k->households;
        s.has_list &= k->has_list;
        s.poor += k->has_list ? k->poor : 0;
        s.near_poor += k->has_list ? k->near_poor : 0;
    }
    return s;
}

/* Rows of a list by unit code, for pairing two lists by code: a sorted
 * array in a checked allocation (out of memory is an error, not an abort
 * inside a GHashTable). */
typedef struct code_row {
    const char *code;
    size_t row;
} code_row;

static int code_row_order(const void *a, const void *b)
{
    return strcmp(((const code_row *)a)->code, ((const code_row *)b)->code);
}

/* The codes of the @n rows at @rows (@stride bytes apart, the code's
 * char * at @at in each), sorted; NULL when out of memory. */
static code_row *code_index(const void *rows, size_t at, size_t stride,
                            size_t n)
{
    code_row *ix = povatlas_try_calloc(n, sizeof *ix);
    if (!ix)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        memcpy(&ix[i].code, (const char *)rows + i * stride + at,
               sizeof ix[i].code);
        ix[i].row = i;
    }
    qsort(ix, n, sizeof *ix, code_row_order);
    return ix;
}

/* Row + 1 of @code in @ix (of @n), 0 when it is not there. */
static size_t code_find(const code_row *ix, size_t n, const char *code)
{
    const code_row key = {code, 0};
    const code_row *r =
        n ? bsearch(&key, ix, n, sizeof *ix, code_row_order) : NULL;
    return r ? r->row + 1 : 0;
}

/* The changes from @a to @b (counts of two years), as
 * povatlas_changes_store() stores them: the city, then every unit with
 * counts in both years, by code. NULL when out of memory. */
static povatlas_change_list *changes_of(const povatlas_counts_list *a,
                                        const povatlas_counts_list *b)
{
    code_row *from = code_index(a->rows, offsetof(povatlas_unit_counts, code),
                                sizeof *a->rows, a->n);
    povatlas_change_list *out = povatlas_try_calloc(1, sizeof *out);
    povatlas_unit_change *rows =
        povatlas_try_calloc(b->n + 1, sizeof(povatlas_unit_change));
    int ok = from && out && rows;
    size_t n = 0;
    povatlas_unit_change r = {0};
    povatlas_city_summary s0 = city_of(a), s1 = city_of(b);
    if (ok && povatlas_change_of_summaries(&s0, &s1, &r.change)) {
        ok = (r.code = povatlas_try_strdup(POVATLAS_SCOPE_ALL)) != NULL;
        if (ok)
            rows[n++] = r;
    }
    for (size_t i = 0; ok && i < b->n; i++) { /* b is ordered by code */
        size_t x = code_find(from, a->n, b->rows[i].code);
        if (x && povatlas_change_of_counts(&a->rows[x - 1], &b->rows[i],
                                           &r.change)) {
            ok = (r.code = povatlas_try_strdup(b->rows[i].code)) != NULL;
            if (ok)
                rows[n++] = r;
        }
    }
    free(from);
    if (!ok) {
        for (size_t i = 0; rows && i < n; i++)
            free(rows[i].code);
        free(rows);
        free(out);
        return NULL;
    }
    out->n = n;
    out->rows = rows;
    return out;
}

povatlas_change_list *povatlas_changes_get(povatlas_workspace *ws,
                                           int year_from, int year_to,
                                           povatlas_error **err)
{
    povatlas_change_list *l =
        povatlas_workspace_changes(ws, year_from, year_to, err);
    if (!l || l->n)
        return l;
    povatlas_change_list_free(l); /* not stored: as analyze would */
    povatlas_error *why = NULL;
    povatlas_counts_list *a = povatlas_workspace_counts(ws, year_from, &why);
    povatlas_counts_list *b =
        a ? povatlas_workspace_counts(ws, year_to, &why) : NULL;
    int read = b != NULL;
    l = read ? changes_of(a, b) : NULL;
    povatlas_counts_list_free(a);
    povatlas_counts_list_free(b);
    if (!l && read)
        povatlas_error_set(err, POVATLAS_E_NOMEM,
                           "out of memory for the changes from %d to %d",
                           year_from, year_to);
    else if (!l)
        povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    return l;
}

povatlas_status povatlas_changes_store(povatlas_workspace *ws,
                                       povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree int *years = povatlas_workspace_years(ws, &why);
    if (!years)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_status st = POVATLAS_OK;
    povatlas_counts_list *prev = NULL;
    for (size_t i = 0; !st && years[i]; i++) {
        povatlas_counts_list *now =
            povatlas_workspace_counts(ws, years[i], &why);
        if (!now) {
            st = povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
            break;
        }
        if (prev) {
            povatlas_change_list *l = changes_of(prev, now);
            st = l ? povatlas_workspace_put_changes(ws, years[i - 1], years[i],
                                                    l, err)
                   : povatlas_error_set(err, POVATLAS_E_NOMEM,
                                        "out of memory for the changes from "
                                        "%d to %d",
                                        years[i - 1], years[i]);
            povatlas_change_list_free(l);
        }
        povatlas_counts_list_free(prev);
        prev = now;
    }
    povatlas_counts_list_free(prev);
    return st;
}

static povatlas_status rate_changes(povatlas_workspace *ws, int field,
                                    int year_from, int year_to,
                                    const povatlas_unit_list *units,
                                    double *values, unsigned char *defined,
                                    povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_change_list *l =
        povatlas_changes_get(ws, year_from, year_to, &why);
    if (!l)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    code_row *by_code = code_index(
        l->rows, offsetof(povatlas_unit_change, code), sizeof *l->rows, l->n);
    if (!by_code) {
        povatlas_change_list_free(l);
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the changes from %d to "
                                  "%d",
                                  year_from, year_to);
    }
    for (size_t i = 0; i < units->n; i++) {
        size_t x = code_find(by_code, l->n, units->rows[i].code);
        const povatlas_change *c = x ? &l->rows[x - 1].change : NULL;
        defined[i] = c != NULL;
        values[i] = c ? (double)field_of(c, field) / 100.0 : 0;
    }
    free(by_code);
    povatlas_change_list_free(l);
    return POVATLAS_OK;
}

/* Differences of stored values, paired by code. */
static povatlas_status value_changes(povatlas_workspace *ws, const char *name,
                                     int year_from, int year_to,
                                     const povatlas_unit_list *units,
                                     double *values, unsigned char *defined,
                                     povatlas_error **err)
{
    const char *names[] = {name};
    povatlas_error *why = NULL;
    povatlas_indicator_table *a =
        povatlas_workspace_indicator_table(ws, year_from, names, 1, &why);
    if (!a)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_indicator_table *b =
        povatlas_workspace_indicator_table(ws, year_to, names, 1, &why);
    if (!b) {
        povatlas_indicator_table_free(a);
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    const povatlas_unit_list *ua = a->units, *ub = b->units;
    code_row *from = code_index(ua->rows, offsetof(povatlas_unit_row, code),
                                sizeof *ua->rows, ua->n);
    code_row *to = code_index(ub->rows, offsetof(povatlas_unit_row, code),
                              sizeof *ub->rows, ub->n);
    povatlas_status st = POVATLAS_OK;
    if (!from || !to)
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the changes of %s from %d "
                                "to %d",
                                name, year_from, year_to);
    for (size_t i = 0; !st && i < units->n; i++) {
        /* row + 1 by code: 0 is "missing" */
        size_t x = code_find(from, ua->n, units->rows[i].code);
        size_t y = code_find(to, ub->n, units->rows[i].code);
        defined[i] = x && y && a->defined[x - 1] && b->defined[y - 1];
        values[i] = defined[i] ? b->values[y - 1] - a->values[x - 1] : 0;
    }
    free(from);
    free(to);
    povatlas_indicator_table_free(a);
    povatlas_indicator_table_free(b);
    return st;
}

povatlas_status
povatlas_indicator_changes(povatlas_workspace *ws, const char *name,
                           int year_from, int year_to,
                           const povatlas_unit_list *units, double *values,
                           unsigned char *defined, povatlas_error **err)
{
    int field = rate_field(name);
    if (field >= 0)
        return rate_changes(ws, field, year_from, year_to, units, values,
                            defined, err);
    return value_changes(ws, name, year_from, year_to, units, values, defined,
                         err);
}
