/*
 * cmd_coverage.c - `povatlas coverage --year 2023 [--program DA4.1]`:
 * households reached ÷ eligible per ward, budget per poor household, and
 * the coverage gaps (poorest wards covered less than the city). The
 * library computes them and stores them as indicators (coverage,
 * coverage_gap, budget_per_poor_vnd); this file prints them.
 */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "povatlas/programs.h"

static void print_row(const povatlas_coverage_row *r, const char *name_text,
                      const char *lang)
{
    g_autofree char *cov =
        r->coverage_hundredths >= 0
            ? povatlas_format_hundredths(r->coverage_hundredths, lang)
            : g_strdup("—");
    g_autofree char *rate =
        r->poor_hundredths >= 0
            ? povatlas_format_hundredths(r->poor_hundredths, lang)
            : g_strdup("—");
    g_autofree char *bpp =
        isnan(r->budget_per_poor_vnd)
            ? g_strdup("—")
            : povatlas_format_number(r->budget_per_poor_vnd, 0, lang);
    g_autofree char *name = cli_pad(name_text, 12);
    printf("  %-5s %s %6s %2d %6" G_GINT64_FORMAT " %6" G_GINT64_FORMAT
           " %7s %14s %s\n",
           r->code, name, rate, r->poverty_class, r->reached, r->eligible, cov,
           bpp, r->coverage_gap ? "◀" : "");
}

void cli_print_coverage(const povatlas_coverage *c, const char *lang)
{
    int en = g_strcmp0(lang, "en") == 0;
    printf("\n%s %d%s%s\n", en ? "Program coverage" : "Độ bao phủ chương trình",
           c->year, c->program ? " — " : "", c->program ? c->program : "");
    g_autofree char *h_code = cli_pad(en ? "code" : "mã", 5);
    g_autofree char *h_ward = cli_pad(en ? "ward" : "đơn vị", 12);
    printf("  %s %s %6s %2s %6s %6s %7s %14s\n", h_code, h_ward,
           en ? "poor%" : "nghèo%", en ? "cl" : "lớp", en ? "reach" : "đạt",
           en ? "elig." : "đ.tượng", en ? "cover%" : "bao phủ%",
           en ? "VND/poor hh" : "đ/hộ nghèo");
    for (size_t i = 0; i < c->n; i++)
        print_row(&c->rows[i], c->rows[i].name, lang);
    print_row(&c->city, en ? "city" : "toàn TP", lang);
    printf("  %s:", en ? "Coverage gaps (poorest classes, below the city)"
                       : "Khoảng trống bao phủ (lớp nghèo nhất, dưới mức "
                         "thành phố)");
    int any = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].coverage_gap)
            printf("%s %s (%s)", any++ ? "," : "", c->rows[i].name,
                   c->rows[i].code);
    printf("%s\n", any ? "" : (en ? " none" : " không có"));
}

int cmd_coverage(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint year = 0;
    g_autofree gchar *program = NULL;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year, "review year", "YEAR"},
        {"program", 'p', 0, G_OPTION_ARG_STRING, &program,
         "one program code (default: every program)", "CODE"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r, "- program coverage per ward", entries, TRUE,
                          &argc, &argv))
        return CLI_EXIT_USAGE;
    if (argc != 1) {
        fprintf(stderr, "povatlas coverage: unexpected argument '%s'\n",
                argv[1]);
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, &year, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_coverage(ws, year, program, r.lang, &err),
            &err);
    povatlas_coverage *c = povatlas_coverage_report(ws, year, program, &err);
    povatlas_workspace_close(ws);
    if (!c)
        return cli_fail(err);
    cli_print_coverage(c, r.lang);
    povatlas_coverage_free(c);
    return CLI_EXIT_OK;
}
