/*
 * cmd_gaps.c - `povatlas gaps --from 2022 --to 2023 [--lang en]`: poor and
 * near-poor rates of each zone from summed counts, the gap to the central
 * zone (points and ratio) and whether it narrowed or widened.
 */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "povatlas/gaps.h"

static char *pct(int64_t h, const char *lang)
{
    if (h < 0)
        return g_strdup("–");
    g_autofree char *v = povatlas_format_hundredths(h, lang);
    return g_strdup_printf("%s %%", v);
}

static char *gap(int64_t h, double ratio, const char *lang)
{
    if (h == POVATLAS_GAP_UNDEFINED)
        return g_strdup("–");
    char *v = povatlas_format_hundredths(h, lang);
    g_autofree char *r =
        isnan(ratio) ? g_strdup("–") : povatlas_format_number(ratio, 2, lang);
    char *out = g_strdup_printf("%s%s (×%s)", h > 0 ? "+" : "", v, r);
    free(v);
    return out;
}

static void print_year(int year, const povatlas_zone_rates *r, const char *lang)
{
    g_autofree char *p = pct(r->poor_hundredths, lang);
    g_autofree char *n = pct(r->near_poor_hundredths, lang);
    g_autofree char *gp = gap(r->poor_gap_hundredths, r->poor_ratio, lang);
    g_autofree char *gn =
        gap(r->near_poor_gap_hundredths, r->near_poor_ratio, lang);
    /* padded by characters: "–" and "×" are several bytes */
    printf("    %d  ", year);
    cli_print_padded(p, 8, TRUE);
    printf(" ");
    cli_print_padded(n, 8, TRUE);
    printf("   ");
    cli_print_padded(gp, 16, FALSE);
    printf(" ");
    cli_print_padded(gn, 16, FALSE);
    printf("\n");
}

void cli_print_gaps(const povatlas_gaps *g, const char *lang)
{
    int year_from = g->year_from, year_to = g->year_to;
    int en = g_strcmp0(lang, "en") == 0;
    printf("\n%s %d→%d\n",
           en ? "Poverty gaps of the zones to the central zone"
              : "Chênh lệch tỷ lệ nghèo giữa các vùng và nội thị",
           year_from, year_to);
    printf("    %s  %8s %8s   %-16s %-16s\n", en ? "year" : "năm ",
           en ? "poor" : "nghèo", en ? "near" : "cận ng.",
           en ? "gap poor" : "chênh nghèo",
           en ? "gap near-poor" : "chênh cận nghèo");
    for (int z = 0; z < 3; z++) {
        const povatlas_zone_gap *zg = &g->zones[z];
        printf("  %s\n", povatlas_zone_label(zg->zone, lang));
        print_year(year_from, &zg->from, lang);
        print_year(year_to, &zg->to, lang);
        if (zg->zone == POVATLAS_ZONE_CENTRAL)
            continue;
        g_autofree char *vp =
            povatlas_gap_verdict(zg->poor_change_hundredths, lang);
        g_autofree char *vn =
            povatlas_gap_verdict(zg->near_poor_change_hundredths, lang);
        printf("    %s: %s; %s: %s\n",
               en ? "poor-rate gap" : "chênh lệch tỷ lệ nghèo", vp,
               en ? "near-poor gap" : "chênh lệch cận nghèo", vn);
    }
    if (g->wards_without_zone)
        printf("  (%d %s)\n", g->wards_without_zone,
               en ? "wards without a zone left out"
                  : "đơn vị chưa có vùng, không tính");
}

int cmd_gaps(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint from = 0, to = 0;
    GOptionEntry entries[] = {
        {"from", 0, 0, G_OPTION_ARG_INT, &from, "earlier review year", "YEAR"},
        {"to", 0, 0, G_OPTION_ARG_INT, &to, "later review year", "YEAR"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r, "- poverty gaps of the zones to the centre",
                          entries, TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (from <= 0 || to <= 0 || argc != 1) {
        fprintf(stderr, "povatlas gaps: expected --from YEAR --to YEAR\n");
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, NULL, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_gaps(ws, from, to, r.lang, &err), &err);
    povatlas_gaps g;
    povatlas_status st = povatlas_gaps_compute(ws, from, to, &g, &err);
    povatlas_workspace_close(ws);
    if (st)
        return cli_fail(err);
    cli_print_gaps(&g, r.lang);
    return CLI_EXIT_OK;
}
