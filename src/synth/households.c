/*
 * households.c - draws the synthetic 2022 and 2023 review lists and the
 * unit totals behind them. The city-level numbers are fixed by calibration
 * (below); the generator spreads them over wards with zone weights and
 * draws each household's members, income and deprivation flags so that the
 * recorded status always satisfies docs/domain-rules.md §2.3 (poor: income <=
 * line and >= 3 flags; near-poor: income <= line and <= 2 flags). Transitions
 * follow §3.6: most 2023 households are 2022 ones under the same id.
 */
#include <string.h>

#include "synth/synth_private.h"

/*
 * Calibration. 2022: the plan's starting point (docs/domain-rules.md §6.2, §7.3
 * A05): 47,400 households, 615 poor (1.30 %), 1,475 near-poor (3.11 %). 2023:
 * households +0.6 % (47,690; the plan keeps 47,400, a real list grows); 558
 * poor (1.17 %) and 1,373 near-poor (2.88 %), close to but not on the plan's
 * 1.15 % / 2.91 %.
 */
static const int64_t city_households[SYNTH_N_YEARS] = {47400, 47690};
static const int64_t city_poor_2022 = 615;
static const int64_t city_near_2022 = 1475;
/* Transitions 2022 -> 2023 (counts, city-wide). */
static const size_t poor_to_near = 45; /* chuyển sang hộ cận nghèo */
static const size_t poor_above = 28; /* vượt chuẩn cận nghèo: off list */
static const size_t poor_left = 7;   /* chết, chuyển đi: off list */
static const size_t near_to_poor = 2; /* rơi xuống nghèo */
static const size_t near_above = 170;
static const size_t near_left = 13;
static const int64_t new_poor = 21; /* hộ nghèo phát sinh, not listed */
static const int64_t new_near = 38;

/* How much more often a zone is poor than a central ward. */
typedef struct zone_weight {
    const char *zone;
    double poor, near;
} zone_weight;
static const zone_weight zone_weights[] = {
    {"central", 1.0, 1.0}, {"periurban", 1.9, 1.6}, {"coastal", 2.1, 1.8}};
static const double rural_factor_poor = 1.4, rural_factor_near = 1.3;

/* Relative frequency of each indicator TH01..TH12 among listed households:
 * employment, health insurance and dependants common, telecom rare. */
static const double flag_weight[SYNTH_N_FLAGS] = {
    0.55, 0.45, 0.15, 0.50, 0.40, 0.12, 0.30, 0.25, 0.10, 0.25, 0.05, 0.20};
static const double members_weight[9] = {10, 16, 20, 22, 15, 9, 5, 2, 1};
static const double poor_d_weight[6] = {35, 28, 18, 11, 6, 2}; /* D = 3..8 */
static const double near_d_weight[3] = {25, 40, 35};           /* D = 0..2 */

int64_t povatlas_synth_line(const synth_unit *u)
{
    return u->urban ? 2000000 : 1500000;
}

int povatlas_synth_flag_count(uint16_t flags)
{
    int n = 0;
    for (int k = 0; k < SYNTH_N_FLAGS; k++)
        n += (flags >> k) & 1;
    return n;
}

static double zone_factor(const synth_unit *u, int near)
{
    double f = 1.0;
    for (size_t i = 0; i < G_N_ELEMENTS(zone_weights); i++)
        if (strcmp(u->zone, zone_weights[i].zone) == 0)
            f = near ? zone_weights[i].near : zone_weights[i].poor;
    if (!u->urban)
        f *= near ? rural_factor_near : rural_factor_poor;
    return f;
}

/* Sets @d more flags, drawn by indicator frequency among those not set. */
static uint16_t add_flags(synth_rng *r, uint16_t flags, int d)
{
    for (; d > 0; d--) {
        double w[SYNTH_N_FLAGS];
        for (int k = 0; k < SYNTH_N_FLAGS; k++)
            w[k] = (flags >> k) & 1 ? 0.0 : flag_weight[k];
        flags |= (uint16_t)(1u << povatlas_synth_rng_pick(r, w, SYNTH_N_FLAGS));
    }
    return flags;
}

/* Keeps @keep of the set flags, chosen uniformly. */
static uint16_t keep_flags(synth_rng *r, uint16_t flags, int keep)
{
    while (povatlas_synth_flag_count(flags) > keep) {
        int pick = (int)povatlas_synth_rng_below(
            r, (uint32_t)povatlas_synth_flag_count(flags));
        for (int k = 0; k < SYNTH_N_FLAGS; k++)
            if (((flags >> k) & 1) && pick-- == 0) {
                flags &= (uint16_t) ~(1u << k);
                break;
            }
    }
    return flags;
}

/* Income at or below @line: a share in [low, 1000] permille of the line,
 * rounded down to 5,000 VND; one draw in 100 lands exactly on the line so
 * that the inclusive "≤" is exercised. Integer arithmetic only. */
static int64_t draw_income(synth_rng *r, int64_t line, int low_permille)
{
    if (povatlas_synth_rng_below(r, 100) == 0)
        return line;
    int64_t span = 1000 - low_permille + 1;
    int64_t permille =
        low_permille + povatlas_synth_rng_below(r, (uint32_t)span);
    int64_t income = line * permille / 1000;
    return income - income % 5000;
}

static void draw_status(synth_rng *r, synth_hh *h, int64_t line, int status)
{
    h->status = status;
    if (status == SYNTH_POOR) {
        int d = 3 + (int)povatlas_synth_rng_pick(r, poor_d_weight, 6);
        h->flags = add_flags(r, 0, d);
        h->income = draw_income(r, line, 380);
    } else {
        int d = (int)povatlas_synth_rng_pick(r, near_d_weight, 3);
        h->flags = add_flags(r, 0, d);
        h->income = draw_income(r, line, 600);
    }
}

static synth_hh new_household(synth_rng *r, const synth_units *units,
                              uint32_t unit, uint32_t seq, int status)
{
    const synth_unit *u = &units->v[unit];
    synth_hh h = {0};
    h.unit = unit;
    h.seq = seq;
    h.members = 1 + (int)povatlas_synth_rng_pick(r, members_weight, 9);
    draw_status(r, &h, povatlas_synth_line(u), status);
    int minority_pct = strcmp(u->zone, "periurban") == 0 ? 12 : 3;
    h.minority = povatlas_synth_rng_below(r, 100) < (uint32_t)minority_pct;
    h.merit = povatlas_synth_rng_below(r, 100) < 3;
    h.no_labour =
        povatlas_synth_rng_below(r, 100) < (status == SYNTH_POOR ? 25u : 10u);
    return h;
}

static void unit_totals(const synth_units *units, synth_dataset *ds)
{
    size_t n = units->n;
    g_autofree double *hw = g_new(double, n);
    g_autofree double *pw = g_new(double, n);
    int64_t hh19 = 0, pop19 = 0;
    for (size_t i = 0; i < n; i++) {
        hw[i] = (double)units->v[i].households_2019;
        pw[i] = (double)units->v[i].population_2019;
        hh19 += units->v[i].households_2019;
        pop19 += units->v[i].population_2019;
    }
    for (int y = 0; y < SYNTH_N_YEARS; y++) {
        /* Population scaled like households: same persons per household. */
        int64_t pop = (pop19 * city_households[y] + hh19 / 2) / hh19;
        ds->households[y] = g_new(int64_t, n);
        ds->population[y] = g_new(int64_t, n);
        povatlas_synth_apportion(city_households[y], hw, n, ds->households[y]);
        povatlas_synth_apportion(pop, pw, n, ds->population[y]);
    }
}

/* Splits @total listed households over units by households x zone weight,
 * each unit's weight jittered by ±15 % so that wards of a zone differ. */
static void split_by_zone(synth_rng *r, const synth_units *units,
                          const int64_t *households, int near, int64_t total,
                          int64_t *out)
{
    g_autofree double *w = g_new(double, units->n);
    for (size_t i = 0; i < units->n; i++)
        w[i] = (double)households[i] * zone_factor(&units->v[i], near) *
               (0.85 + 0.30 * povatlas_synth_rng_double(r));
    povatlas_synth_apportion(total, w, units->n, out);
}

static void build_2022(synth_rng *r, const synth_units *units,
                       synth_dataset *ds, uint32_t *next_seq)
{
    size_t n = units->n;
    g_autofree int64_t *poor = g_new(int64_t, n);
    g_autofree int64_t *near = g_new(int64_t, n);
    split_by_zone(r, units, ds->households[0], 0, city_poor_2022, poor);
    split_by_zone(r, units, ds->households[0], 1, city_near_2022, near);
    for (uint32_t i = 0; i < n; i++) {
        /* Poor and near-poor interleaved in id order, like a real list. */
        int64_t np = poor[i], nn = near[i];
        while (np + nn > 0) {
            int status =
                povatlas_synth_rng_below(r, (uint32_t)(np + nn)) < (uint64_t)np
                    ? SYNTH_POOR
                    : SYNTH_NEAR_POOR;
            *(status == SYNTH_POOR ? &np : &nn) -= 1;
            synth_hh h = new_household(r, units, i, ++next_seq[i], status);
            g_array_append_val(ds->hh[0], h);
        }
    }
}

/* What happens to a 2022 household in 2023. */
enum fate { STAY, TO_NEAR, TO_POOR, OFF_LIST };

/* Picks exactly the calibrated number of households for each fate. */
static void assign_fates(synth_rng *r, const GArray *hh0, enum fate *fate)
{
    size_t n = hh0->len, np = 0, nn = 0;
    g_autofree size_t *poor = g_new(size_t, n);
    g_autofree size_t *near = g_new(size_t, n);
    for (size_t i = 0; i < n; i++) {
        fate[i] = STAY;
        if (g_array_index(hh0, synth_hh, i).status == SYNTH_POOR)
            poor[np++] = i;
        else
            near[nn++] = i;
    }
    povatlas_synth_rng_shuffle(r, poor, np);
    povatlas_synth_rng_shuffle(r, near, nn);
    size_t k = 0;
    for (; k < poor_to_near; k++)
        fate[poor[k]] = TO_NEAR;
    for (; k < poor_to_near + poor_above + poor_left; k++)
        fate[poor[k]] = OFF_LIST;
    for (k = 0; k < near_to_poor; k++)
        fate[near[k]] = TO_POOR;
    for (; k < near_to_poor + near_above + near_left; k++)
        fate[near[k]] = OFF_LIST;
}

/* The 2023 record of a household kept on the list. */
static synth_hh next_year(synth_rng *r, const synth_units *units, synth_hh h,
                          enum fate f)
{
    int64_t line = povatlas_synth_line(&units->v[h.unit]);
    if (povatlas_synth_rng_below(r, 10) == 0) {
        int delta = povatlas_synth_rng_below(r, 2) ? 1 : -1;
        h.members = CLAMP(h.members + delta, 1, 9);
    }
    /* Income moves -5 %..+12 %, never above the line while listed. */
    int64_t moved = h.income * (950 + povatlas_synth_rng_below(r, 171)) / 1000;
    moved -= moved % 5000;
    if (moved <= line)
        h.income = moved;
    if (f == TO_NEAR) {
        h.status = SYNTH_NEAR_POOR;
        h.flags = keep_flags(r, h.flags, (int)povatlas_synth_rng_below(r, 3));
    } else if (f == TO_POOR) {
        h.status = SYNTH_POOR;
        h.flags = add_flags(r, h.flags,
                            3 + (int)povatlas_synth_rng_below(r, 2) -
                                povatlas_synth_flag_count(h.flags));
        h.income = h.income * 85 / 100;
        h.income -= h.income % 5000;
    } else if (povatlas_synth_rng_below(r, 5) == 0) {
        /* Same count, one indicator resolved and another appearing. */
        int d = povatlas_synth_flag_count(h.flags);
        if (d > 0)
            h.flags = add_flags(r, keep_flags(r, h.flags, d - 1), 1);
    }
    return h;
}

static void append_new(synth_rng *r, const synth_units *units,
                       const int64_t *count, int status, uint32_t *next_seq,
                       GArray *out)
{
    for (uint32_t i = 0; i < units->n; i++)
        for (int64_t k = 0; k < count[i]; k++) {
            synth_hh h = new_household(r, units, i, ++next_seq[i], status);
            g_array_append_val(out, h);
        }
}

static gint by_unit_seq(gconstpointer a, gconstpointer b)
{
    const synth_hh *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void build_2023(synth_rng *r, const synth_units *units,
                       synth_dataset *ds, uint32_t *next_seq)
{
    const GArray *hh0 = ds->hh[0];
    g_autofree enum fate *fate = g_new(enum fate, hh0->len);
    assign_fates(r, hh0, fate);
    for (size_t i = 0; i < hh0->len; i++) {
        if (fate[i] == OFF_LIST)
            continue;
        synth_hh h =
            next_year(r, units, g_array_index(hh0, synth_hh, i), fate[i]);
        g_array_append_val(ds->hh[1], h);
    }
    g_autofree int64_t *np = g_new(int64_t, units->n);
    g_autofree int64_t *nn = g_new(int64_t, units->n);
    split_by_zone(r, units, ds->households[1], 0, new_poor, np);
    split_by_zone(r, units, ds->households[1], 1, new_near, nn);
    append_new(r, units, np, SYNTH_POOR, next_seq, ds->hh[1]);
    append_new(r, units, nn, SYNTH_NEAR_POOR, next_seq, ds->hh[1]);
    g_array_sort(ds->hh[1], by_unit_seq);
}

void povatlas_synth_dataset_build(const synth_units *units, uint32_t seed,
                                  synth_dataset *out)
{
    synth_rng r;
    povatlas_synth_rng_init(&r, seed, 0x5EED);
    memset(out, 0, sizeof *out);
    out->n_units = units->n;
    for (int y = 0; y < SYNTH_N_YEARS; y++)
        out->hh[y] = g_array_new(FALSE, TRUE, sizeof(synth_hh));
    g_autofree uint32_t *next_seq = g_new0(uint32_t, units->n);
    unit_totals(units, out);
    build_2022(&r, units, out, next_seq);
    build_2023(&r, units, out, next_seq);
}

void povatlas_synth_dataset_clear(synth_dataset *ds)
{
    for (int y = 0; y < SYNTH_N_YEARS; y++) {
        if (ds->hh[y])
            g_array_free(ds->hh[y], TRUE);
        g_free(ds->households[y]);
        g_free(ds->population[y]);
    }
    memset(ds, 0, sizeof *ds);
}
