/*
 * cmd_series.c - `povatlas series`: counts and rates of every review year
 * on the units in force on one day (povatlas_series_compute()), with the
 * units each is made of, the legal basis of each change, and the links
 * that split a unit or carry a note of their own.
 */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "povatlas/series.h"

typedef struct words {
    const char *title, *code, *unit, *year, *households, *poor, *near_poor,
        *rate, *total, *sources, *bases, *splits, *no_splits, *share,
        *unpublished, *orphans, *unknown, *units;
} words;

static const words VI = {"Chuỗi số liệu quy về các đơn vị hành chính ngày",
                         "Mã",
                         "Đơn vị",
                         "Năm",
                         "Tổng số hộ",
                         "Hộ nghèo",
                         "Hộ cận nghèo",
                         "Tỷ lệ",
                         "Cộng",
                         "Hình thành từ",
                         "Căn cứ",
                         "Đơn vị bị chia tách hoặc có ghi chú riêng",
                         "Không có đơn vị bị chia tách: mọi tỷ lệ phân bổ là 1",
                         "tỷ lệ",
                         "chưa công bố (tính là 1)",
                         "Đơn vị không quy đổi được (không có trong chuỗi)",
                         "chưa rõ",
                         "đơn vị"};
static const words EN = {"Series re-aggregated to the units in force on",
                         "Code",
                         "Unit",
                         "Year",
                         "Households",
                         "Poor",
                         "Near-poor",
                         "Rate",
                         "Total",
                         "Formed from",
                         "Legal basis",
                         "Units split or with a note of their own",
                         "No unit split: every share is 1",
                         "share",
                         "not published (taken as 1)",
                         "Units with no path to these units (left out)",
                         "unknown",
                         "units"};

static void print_point(const char *code, const char *name,
                        const povatlas_series_point *p, const words *w,
                        const char *lang)
{
    g_autofree char *hh = p->households < 0
                              ? g_strdup(w->unknown)
                              : povatlas_format_count(p->households, lang);
    g_autofree char *poor =
        p->poor < 0 ? g_strdup("–") : povatlas_format_count(p->poor, lang);
    g_autofree char *near = p->near_poor < 0
                                ? g_strdup("–")
                                : povatlas_format_count(p->near_poor, lang);
    g_autofree char *pr = cli_format_percent_h(p->rates_ok, p->poor_h, lang);
    g_autofree char *nr =
        cli_format_percent_h(p->rates_ok, p->near_poor_h, lang);
    g_autofree char *year = g_strdup_printf("%d", p->year);
    cli_print_padded(code, 7, FALSE);
    cli_print_padded(name, 12, FALSE);
    cli_print_padded(year, 6, FALSE);
    cli_print_padded(hh, 11, TRUE);
    cli_print_padded(poor, 10, TRUE);
    cli_print_padded(pr, 9, TRUE);
    cli_print_padded(near, 14, TRUE);
    cli_print_padded(nr, 9, TRUE);
    printf("\n");
}

static void print_table(const povatlas_series *s, const words *w,
                        const char *lang)
{
    const char *head[] = {w->code, w->unit, w->year,      w->households,
                          w->poor, w->rate, w->near_poor, w->rate};
    const int width[] = {7, 12, 6, 11, 10, 9, 14, 9};
    for (int i = 0; i < 8; i++)
        cli_print_padded(head[i], width[i], i > 2);
    printf("\n");
    for (size_t t = 0; t < s->n_units; t++)
        for (size_t y = 0; y < s->n_years; y++)
            print_point(s->units[t].code, s->units[t].name,
                        &s->units[t].points[y], w, lang);
    for (size_t y = 0; y < s->n_years; y++)
        print_point("", w->total, &s->total[y], w, lang);
}

static void print_links(const povatlas_series *s, const words *w,
                        const char *lang)
{
    printf("\n%s:\n", w->sources);
    for (size_t t = 0; t < s->n_units; t++)
        printf("  %s %s ← %s\n", s->units[t].code, s->units[t].name,
               s->units[t].sources);
    printf("%s:\n", w->bases);
    for (char **b = s->bases; *b; b++)
        printf("  %s\n", *b);
    if (s->n_splits == 0) {
        printf("%s\n", w->no_splits);
        return;
    }
    printf("%s:\n", w->splits);
    for (size_t i = 0; i < s->n_splits; i++) {
        const povatlas_link_row *l = s->splits[i].link;
        g_autofree char *share =
            isnan(l->share) ? g_strdup(w->unpublished)
                            : povatlas_format_number(l->share, 2, lang);
        printf("  %s %s → %s %s (%s), %s %s: %s\n", l->old_code,
               l->old_name ? l->old_name : "", l->new_code,
               l->new_name ? l->new_name : "", l->valid_on, w->share, share,
               l->note ? l->note : "");
    }
}

static void print_orphans(const povatlas_series *s, const words *w)
{
    if (s->n_orphans == 0)
        return;
    printf("%s:\n", w->orphans);
    for (size_t i = 0; i < s->n_orphans; i++) {
        const povatlas_series_orphan *o = &s->orphans[i];
        if (o->poor < 0) /* no review list that year */
            printf("  %s %d: – / –\n", o->code, o->year);
        else
            printf("  %s %d: %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT "\n",
                   o->code, o->year, o->poor, o->near_poor);
    }
}

static povatlas_status print_series(povatlas_workspace *ws,
                                    const povatlas_series *s, const char *lang,
                                    povatlas_error **err)
{
    const words *w = g_strcmp0(lang, "en") == 0 ? &EN : &VI;
    povatlas_status st = cli_print_synthetic_note(ws, lang, err);
    if (st)
        return st;
    printf("%s %s (%zu %s)\n\n", w->title, s->units_on, s->n_units, w->units);
    print_table(s, w, lang);
    print_links(s, w, lang);
    print_orphans(s, w);
    return POVATLAS_OK;
}

int cmd_series(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    povatlas_series_opts opts;
    povatlas_series_opts_init(&opts);
    g_autofree gchar *units_on = NULL;
    GOptionEntry entries[] = {
        {"units-on", 0, 0, G_OPTION_ARG_STRING, &units_on,
         "units in force on this day (default 2025-07-01)", "YYYY-MM-DD"},
        {"from", 0, 0, G_OPTION_ARG_INT, &opts.year_from, "first review year",
         "Y0"},
        {"to", 0, 0, G_OPTION_ARG_INT, &opts.year_to, "last review year", "Y1"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r, "- counts and rates on the units of one day",
                          entries, TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (units_on)
        opts.units_on = units_on;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, NULL, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_series(ws, &opts, r.lang, &err), &err);
    povatlas_series *s = povatlas_series_compute(ws, &opts, &err);
    gboolean ok = s != NULL && print_series(ws, s, r.lang, &err) == POVATLAS_OK;
    povatlas_series_free(s);
    povatlas_workspace_close(ws);
    return ok ? CLI_EXIT_OK : cli_fail(err);
}
