/*
 * priority.c - the ward priority index: six named components, each
 * min-max scaled to 0..1 over the wards ranked (1 = the ward that most
 * needs help on that component), times the weights of geodata/priority.ini,
 * summed. The coverage gap follows `coverage`: it is the shortfall of a
 * ward's coverage below the city's for the wards `coverage` flags (the
 * poorest classes covered less than the city), 0 for the others, so it is
 * largest for the poor wards the programmes miss. Every contribution is kept so
 * the CLI can show why a ward ranks where it does. Ranks: index descending,
 * ties by ward code, so the order never depends on the input order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/priority.h"
#include "povatlas/zones.h"

static const char *const NAMES[POVATLAS_PRIORITY_N] = {
    "rate", "density", "count", "coverage_gap", "zone", "trend"};

const char *povatlas_priority_component_name(povatlas_priority_component c)
{
    return c >= 0 && c < POVATLAS_PRIORITY_N ? NAMES[c] : "unknown";
}

static const char *const LABELS[POVATLAS_PRIORITY_N][2] = {
    {"tỷ lệ hộ nghèo", "poor rate"},
    {"mật độ hộ nghèo", "poor per km²"},
    {"số hộ nghèo", "poor households"},
    {"khoảng trống bao phủ", "coverage gap"},
    {"vùng", "zone"},
    {"xu hướng tỷ lệ", "trend of the rate"}};

const char *povatlas_priority_component_label(povatlas_priority_component c,
                                              const char *lang)
{
    int en = g_strcmp0(lang, "en") == 0;
    return c >= 0 && c < POVATLAS_PRIORITY_N ? LABELS[c][en] : "?";
}

static povatlas_status get_weight(GKeyFile *kf, const char *path,
                                  const char *group, const char *key,
                                  double *out, povatlas_error **err)
{
    GError *ge = NULL;
    *out = g_key_file_get_double(kf, group, key, &ge);
    if (ge || *out < 0 || !isfinite(*out)) {
        g_clear_error(&ge);
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, key,
                                     "[%s] %s must be a number >= 0", group,
                                     key);
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_priority_weights_load(const char *path,
                                               povatlas_priority_weights *out,
                                               povatlas_error **err)
{
    g_autofree char *dflt = path ? NULL : povatlas_data_path("priority.ini");
    const char *p = path ? path : dflt;
    g_autoptr(GKeyFile) kf = g_key_file_new();
    GError *ge = NULL;
    if (!g_key_file_load_from_file(kf, p, G_KEY_FILE_NONE, &ge)) {
        povatlas_error_set_at(err, POVATLAS_E_IO, p, 0, NULL,
                              "cannot read the priority weights: %s",
                              ge->message);
        g_error_free(ge);
        return POVATLAS_E_IO;
    }
    memset(out, 0, sizeof *out);
    povatlas_status st = POVATLAS_OK;
    for (int c = 0; !st && c < POVATLAS_PRIORITY_N; c++)
        st = get_weight(kf, p, "weights", NAMES[c], &out->weight[c], err);
    for (int z = POVATLAS_ZONE_COASTAL; !st && z <= POVATLAS_ZONE_CENTRAL; z++)
        st = get_weight(kf, p, "zone", povatlas_zone_name(z),
                        &out->zone_value[z], err);
    return st;
}

void povatlas_priority_free(povatlas_priority *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        g_free(p->rows[i].code);
        g_free(p->rows[i].name);
    }
    g_free(p->rows);
    g_free(p);
}

static const povatlas_unit_counts *find_counts(const povatlas_counts_list *l,
                                               const char *code)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (strcmp(l->rows[i].code, code) == 0)
            return &l->rows[i];
    return NULL;
}

static const povatlas_coverage_row *find_cov(const povatlas_coverage *c,
                                             const char *code)
{
    for (size_t i = 0; c && i < c->n; i++)
        if (strcmp(c->rows[i].code, code) == 0)
            return &c->rows[i];
    return NULL;
}

/* 1 − ward coverage ÷ city coverage, from the counts (not the rounded
 * percentages), so it agrees with the flag of `coverage`. */
static double coverage_shortfall(const povatlas_coverage_row *ward,
                                 const povatlas_coverage_row *city)
{
    double w = (double)ward->reached / (double)ward->eligible;
    double c = (double)city->reached / (double)city->eligible;
    return fmax(0.0, 1.0 - w / c);
}

/* Raw component values of one ward. */
static void raw_values(povatlas_priority_row *r, const povatlas_unit_row *u,
                       const povatlas_unit_counts *now,
                       const povatlas_unit_counts *before,
                       const povatlas_coverage *cov,
                       const povatlas_priority_weights *w)
{
    int64_t h;
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
        r->raw[c] = NAN;
    if (now && povatlas_rate_hundredths(now->poor, now->households, &h))
        r->raw[POVATLAS_PRIORITY_RATE] = (double)h / 100.0;
    double km2;
    if (now && now->poor >= 0 && u->wkb &&
        !povatlas_geodesic_area_km2(u->wkb, u->wkb_size, &km2, NULL) && km2 > 0)
        r->raw[POVATLAS_PRIORITY_DENSITY] = (double)now->poor / km2;
    if (now && now->poor >= 0) /* -1: no review list */
        r->raw[POVATLAS_PRIORITY_COUNT] = (double)now->poor;
    const povatlas_coverage_row *cr = find_cov(cov, u->code);
    if (cr && cr->eligible > 0 && cov->city.reached > 0)
        r->raw[POVATLAS_PRIORITY_COVERAGE_GAP] =
            cr->coverage_gap ? coverage_shortfall(cr, &cov->city) : 0.0;
    r->raw[POVATLAS_PRIORITY_ZONE] =
        w->zone_value[povatlas_zone_parse(u->zone)];
    povatlas_change d; /* the one exact change (changes.c) */
    if (now && before && povatlas_change_of_counts(before, now, &d))
        r->raw[POVATLAS_PRIORITY_TREND] = (double)d.poor_hundredths / 100.0;
}

/* Min-max over the wards ranked; an undefined value and a component that
 * is the same everywhere count 0. */
static void normalise(povatlas_priority *p)
{
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < p->n; i++)
            if (!isnan(p->rows[i].raw[c])) {
                lo = fmin(lo, p->rows[i].raw[c]);
                hi = fmax(hi, p->rows[i].raw[c]);
            }
        for (size_t i = 0; i < p->n; i++) {
            povatlas_priority_row *r = &p->rows[i];
            double v = r->raw[c];
            double n = !isnan(v) && hi > lo ? (v - lo) / (hi - lo) : 0.0;
            r->normalised[c] = n;
            r->contribution[c] = n * p->weights.weight[c];
            r->index += r->contribution[c];
        }
    }
}

static int by_rank(const void *a, const void *b)
{
    const povatlas_priority_row *x = a, *y = b;
    if (x->index != y->index)
        return x->index > y->index ? -1 : 1;
    return strcmp(x->code, y->code);
}

static povatlas_status store_ranks(povatlas_workspace *ws,
                                   const povatlas_priority *p,
                                   povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_begin(ws, err);
    for (size_t i = 0; !st && i < p->n; i++) {
        st = povatlas_workspace_put_indicator(ws, p->rows[i].code, p->year,
                                              POVATLAS_IND_PRIORITY_INDEX,
                                              p->rows[i].index, 1, err);
        if (!st)
            st = povatlas_workspace_put_indicator(ws, p->rows[i].code, p->year,
                                                  POVATLAS_IND_PRIORITY_RANK,
                                                  p->rows[i].rank, 1, err);
    }
    if (!st)
        return povatlas_workspace_commit(ws, err);
    povatlas_workspace_rollback(ws, err);
    return st;
}

povatlas_priority *
povatlas_priority_compute(povatlas_workspace *ws, int year,
                          const povatlas_priority_weights *weights, int store,
                          povatlas_error **err)
{
    povatlas_priority *p = g_new0(povatlas_priority, 1);
    p->year = year;
    povatlas_status st = POVATLAS_OK;
    if (weights)
        p->weights = *weights;
    else
        st = povatlas_priority_weights_load(NULL, &p->weights, err);
    povatlas_unit_list *units =
        st ? NULL : povatlas_workspace_units(ws, year, err);
    povatlas_counts_list *now =
        units ? povatlas_workspace_counts(ws, year, err) : NULL;
    povatlas_counts_list *before =
        now ? povatlas_workspace_counts(ws, year - 1, err) : NULL;
    povatlas_coverage *cov =
        before ? povatlas_coverage_compute(ws, year, NULL, 0, err) : NULL;
    int listed = 0;
    if (!cov || !now->n) {
        if (cov && !povatlas_workspace_require(
                       ws, year,
                       POVATLAS_INPUT_LIST | POVATLAS_INPUT_WARD_TOTALS, err))
            povatlas_error_set(err, POVATLAS_E_INPUT, "no ward counts for %d",
                               year);
        st = POVATLAS_E_INPUT; /* failed, with @err set by the callee */
    } else if (!(st = povatlas_workspace_has_list(ws, year, NULL, &listed,
                                                  err)) &&
               !listed) {
        /* a ranking on unknown poor counts would rank on zone alone */
        st = povatlas_error_set(err, POVATLAS_E_INPUT, "no review list for %d",
                                year);
    }
    for (size_t i = 0; !st && i < units->n; i++) {
        const povatlas_unit_counts *c = find_counts(now, units->rows[i].code);
        if (!c)
            continue;
        p->rows = g_renew(povatlas_priority_row, p->rows, p->n + 1);
        povatlas_priority_row *r = &p->rows[p->n++];
        memset(r, 0, sizeof *r);
        r->code = g_strdup(units->rows[i].code);
        r->name = g_strdup(units->rows[i].name);
        raw_values(r, &units->rows[i], c,
                   find_counts(before, units->rows[i].code), cov, &p->weights);
    }
    if (!st) {
        normalise(p);
        qsort(p->rows, p->n, sizeof *p->rows, by_rank);
        for (size_t i = 0; i < p->n; i++)
            p->rows[i].rank = (int)i + 1;
        if (store)
            st = store_ranks(ws, p, err);
    }
    povatlas_coverage_free(cov);
    povatlas_counts_list_free(before);
    povatlas_counts_list_free(now);
    povatlas_unit_list_free(units);
    if (st) {
        povatlas_priority_free(p);
        return NULL;
    }
    return p;
}
