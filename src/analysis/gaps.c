/*
 * gaps.c - poverty rates of the three planning zones from summed ward
 * counts (never averaged ward rates, docs/domain-rules.md §6.1), the gap of
 * each zone to the central zone, and whether that gap narrowed or widened
 * between two reviews. Changes are computed on exact fractions and rounded
 * once, in 128-bit integers so no double rounding creeps in. Zones come from
 * units.zone (zones.c writes derived ones there). Analyze stores the rates
 * of every review year (zone_rates, derived.h), and so does storing new
 * zones; the gaps, the zone-gap chart, the briefing and the exports read
 * them (povatlas_zone_rates_get()), computing a year not stored.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/core.h"
#include "povatlas/gaps.h"

__extension__ typedef __int128 wide;

static wide wabs(wide v) { return v < 0 ? -v : v; }

/* 10000 * num / den in hundredths, half away from zero; den > 0. */
static int64_t round_hundredths(wide num, wide den)
{
    wide a = (2 * 10000 * wabs(num) + den) / (2 * den);
    return (int64_t)(num < 0 ? -a : a);
}

int povatlas_gap_change_hundredths(int64_t p0, int64_t n0, int64_t c0,
                                   int64_t m0, int64_t p1, int64_t n1,
                                   int64_t c1, int64_t m1, int64_t *out)
{
    if (n0 <= 0 || m0 <= 0 || n1 <= 0 || m1 <= 0 || p0 < 0 || c0 < 0 ||
        p1 < 0 || c1 < 0) /* -1: no review list */
        return 0;
    /* gap_y = (p*m - c*n) / (n*m) */
    wide g0 = wabs((wide)p0 * m0 - (wide)c0 * n0), d0 = (wide)n0 * m0;
    wide g1 = wabs((wide)p1 * m1 - (wide)c1 * n1), d1 = (wide)n1 * m1;
    *out = round_hundredths(g1 * d0 - g0 * d1, d0 * d1);
    return 1;
}

char *povatlas_gap_verdict(int64_t change, const char *lang)
{
    int en = g_strcmp0(lang, "en") == 0;
    if (change == POVATLAS_GAP_UNDEFINED)
        return g_strdup(en ? "undefined" : "không xác định");
    if (change == 0)
        return g_strdup(en ? "unchanged" : "không đổi");
    g_autofree char *v =
        povatlas_format_hundredths(change < 0 ? -change : change, lang);
    if (en)
        return g_strdup_printf("%s by %s points",
                               change < 0 ? "narrowed" : "widened", v);
    return g_strdup_printf("%s %s điểm %%", change < 0 ? "thu hẹp" : "mở rộng",
                           v);
}

/* Sums the counts of @year by zone; *@n_counts: units with counts. */
static povatlas_status sum_zones(povatlas_workspace *ws, int year,
                                 povatlas_zone_rates r[3], int *no_zone,
                                 size_t *n_counts, povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_unit_list *units =
        povatlas_workspace_unit_attributes(ws, year, &why);
    if (!units)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_counts_list *counts = povatlas_workspace_counts(ws, year, &why);
    if (!counts) {
        povatlas_unit_list_free(units);
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    GHashTable *zone_of = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < units->n; i++)
        g_hash_table_insert(
            zone_of, units->rows[i].code,
            GINT_TO_POINTER(povatlas_zone_parse(units->rows[i].zone)));
    for (size_t i = 0; i < counts->n; i++) {
        const povatlas_unit_counts *c = &counts->rows[i];
        int z = GPOINTER_TO_INT(g_hash_table_lookup(zone_of, c->code));
        if (z == POVATLAS_ZONE_UNKNOWN) {
            (*no_zone)++;
            continue;
        }
        povatlas_zone_rates *zr = &r[z - 1];
        zr->wards++;
        if (c->households < 0) {
            zr->wards_without_stats++;
            continue;
        }
        zr->households += c->households;
        if (!c->has_list || zr->poor < 0) { /* unknown, never 0 */
            zr->poor = zr->near_poor = -1;
            continue;
        }
        zr->poor += c->poor;
        zr->near_poor += c->near_poor;
    }
    *n_counts = counts->n;
    g_hash_table_destroy(zone_of);
    povatlas_counts_list_free(counts);
    povatlas_unit_list_free(units);
    return POVATLAS_OK;
}

static double ratio(int64_t p, int64_t n, int64_t c, int64_t m)
{
    if (n <= 0 || m <= 0 || c <= 0 || p < 0)
        return NAN;
    return ((double)p * (double)m) / ((double)n * (double)c);
}

/* Rates of each zone and gaps to the central zone (r[2]). */
static void rates_and_gaps(povatlas_zone_rates r[3])
{
    const povatlas_zone_rates *c = &r[POVATLAS_ZONE_CENTRAL - 1];
    for (int z = 0; z < 3; z++) {
        povatlas_zone_rates *x = &r[z];
        if (!povatlas_rate_hundredths(x->poor, x->households,
                                      &x->poor_hundredths))
            x->poor_hundredths = -1;
        if (!povatlas_rate_hundredths(x->near_poor, x->households,
                                      &x->near_poor_hundredths))
            x->near_poor_hundredths = -1;
    }
    for (int z = 0; z < 3; z++) {
        povatlas_zone_rates *x = &r[z];
        if (!povatlas_change_hundredths(c->poor, c->households, x->poor,
                                        x->households, &x->poor_gap_hundredths))
            x->poor_gap_hundredths = POVATLAS_GAP_UNDEFINED;
        if (!povatlas_change_hundredths(c->near_poor, c->households,
                                        x->near_poor, x->households,
                                        &x->near_poor_gap_hundredths))
            x->near_poor_gap_hundredths = POVATLAS_GAP_UNDEFINED;
        x->poor_ratio = ratio(x->poor, x->households, c->poor, c->households);
        x->near_poor_ratio =
            ratio(x->near_poor, x->households, c->near_poor, c->households);
    }
}

povatlas_status povatlas_zone_rates_compute(povatlas_workspace *ws, int year,
                                            povatlas_zone_rates out[3],
                                            povatlas_error **err)
{
    memset(out, 0, 3 * sizeof *out);
    int no_zone = 0;
    size_t n_counts = 0;
    povatlas_status st = sum_zones(ws, year, out, &no_zone, &n_counts, err);
    if (st)
        return st;
    rates_and_gaps(out);
    return POVATLAS_OK;
}

/* The four rows the workspace keeps for @year ([POVATLAS_ZONE_UNKNOWN]:
 * only the wards without a zone), computed. */
static povatlas_status compute_year(povatlas_workspace *ws, int year,
                                    povatlas_zone_rates r[4],
                                    povatlas_error **err)
{
    memset(r, 0, 4 * sizeof *r);
    int no_zone = 0;
    size_t n_counts = 0;
    povatlas_status st = sum_zones(ws, year, &r[1], &no_zone, &n_counts, err);
    if (st)
        return st;
    rates_and_gaps(&r[1]);
    r[0].wards = no_zone;
    r[0].poor_hundredths = r[0].near_poor_hundredths = -1;
    r[0].poor_gap_hundredths = r[0].near_poor_gap_hundredths =
        POVATLAS_GAP_UNDEFINED;
    r[0].poor_ratio = r[0].near_poor_ratio = NAN;
    return POVATLAS_OK;
}

/* The stored rows of @year, or computed when analyze has not stored them. */
static povatlas_status year_rates(povatlas_workspace *ws, int year,
                                  povatlas_zone_rates r[4],
                                  povatlas_error **err)
{
    int stored = 0;
    povatlas_status st =
        povatlas_workspace_zone_rates(ws, year, r, &stored, err);
    return st || stored ? st : compute_year(ws, year, r, err);
}

povatlas_status povatlas_zone_rates_store(povatlas_workspace *ws,
                                          povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree int *years = povatlas_workspace_years(ws, &why);
    if (!years)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_status st = POVATLAS_OK;
    for (int *y = years; !st && *y; y++) {
        povatlas_zone_rates r[4];
        st = compute_year(ws, *y, r, err);
        if (!st)
            st = povatlas_workspace_put_zone_rates(ws, *y, r, err);
    }
    return st;
}

povatlas_status povatlas_zone_rates_get(povatlas_workspace *ws, int year,
                                        povatlas_zone_rates out[3],
                                        povatlas_error **err)
{
    povatlas_zone_rates r[4];
    povatlas_status st = year_rates(ws, year, r, err);
    memcpy(out, &r[1], 3 * sizeof *out);
    return st;
}

/* The zone rates of @year for a gap: a year without counts is an error
 * (what is missing, or the failure of asking). */
static povatlas_status gap_year(povatlas_workspace *ws, int year,
                                povatlas_zone_rates r[4], povatlas_error **err)
{
    povatlas_status st = year_rates(ws, year, r, err);
    if (st)
        return st;
    if (r[0].wards || r[1].wards || r[2].wards || r[3].wards)
        return POVATLAS_OK;
    st = povatlas_workspace_require(
        ws, year, POVATLAS_INPUT_LIST | POVATLAS_INPUT_WARD_TOTALS, err);
    return st ? st
              : povatlas_error_set(err, POVATLAS_E_INPUT,
                                   "no ward counts for %d", year);
}

povatlas_status povatlas_gaps_compute(povatlas_workspace *ws, int year_from,
                                      int year_to, povatlas_gaps *out,
                                      povatlas_error **err)
{
    memset(out, 0, sizeof *out);
    out->year_from = year_from;
    out->year_to = year_to;
    povatlas_zone_rates ra[4], rb[4];
    povatlas_status st = gap_year(ws, year_from, ra, err);
    if (!st)
        st = gap_year(ws, year_to, rb, err);
    if (st)
        return st;
    out->wards_without_zone = rb[0].wards;
    const povatlas_zone_rates *a = &ra[1], *b = &rb[1];
    if (!a[0].wards && !a[1].wards && !a[2].wards)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no ward has a zone: import units with a "
                                  "zone column or derive the zones from the "
                                  "coastline");
    const povatlas_zone_rates *ca = &a[2], *cb = &b[2];
    for (int z = 0; z < 3; z++) {
        povatlas_zone_gap *g = &out->zones[z];
        g->zone = (povatlas_zone)(z + 1);
        g->from = a[z];
        g->to = b[z];
        if (!povatlas_gap_change_hundredths(
                a[z].poor, a[z].households, ca->poor, ca->households, b[z].poor,
                b[z].households, cb->poor, cb->households,
                &g->poor_change_hundredths))
            g->poor_change_hundredths = POVATLAS_GAP_UNDEFINED;
        if (!povatlas_gap_change_hundredths(
                a[z].near_poor, a[z].households, ca->near_poor, ca->households,
                b[z].near_poor, b[z].households, cb->near_poor, cb->households,
                &g->near_poor_change_hundredths))
            g->near_poor_change_hundredths = POVATLAS_GAP_UNDEFINED;
    }
    return POVATLAS_OK;
}
