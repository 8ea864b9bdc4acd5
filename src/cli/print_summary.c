/*
 * print_summary.c - printing the city summary and the plan's targets, in
 * Vietnamese number format by default (1,15 %; 47.400 hộ).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct words {
    const char *year, *households, *poor, *near_poor, *rate, *change, *points,
        *targets, *met, *missed, *no_data, *target_word, *achieved, *share,
        *gap, *result, *n_missed, *all_met, *none_data, *no_targets, *no_year;
} words;

static const words VI = {
    "Năm",
    "Tổng số hộ",
    "Hộ nghèo",
    "Hộ cận nghèo",
    "Tỷ lệ",
    "Thay đổi",
    "điểm %",
    "Chỉ tiêu kế hoạch năm",
    "ĐẠT",
    "CHƯA ĐẠT",
    "chưa có số liệu",
    "mục tiêu",
    "thực hiện",
    "đạt",
    "chênh lệch",
    "kết quả",
    "chỉ tiêu CHƯA ĐẠT",
    "Tất cả chỉ tiêu có số liệu đều đạt",
    "Chưa chỉ tiêu nào có số liệu để đánh giá",
    "chưa nhập chỉ tiêu kế hoạch nào cho năm này",
    "(chưa có năm nào có số hộ theo đơn vị: chưa nhập số liệu)"};
static const words EN = {
    "Year",
    "Households",
    "Poor",
    "Near-poor",
    "Rate",
    "Change",
    "points",
    "Plan targets for",
    "MET",
    "MISSED",
    "no data yet",
    "target",
    "achieved",
    "achieved",
    "gap",
    "result",
    "targets MISSED",
    "Every target with data is met",
    "No target has data to judge it yet",
    "no plan targets imported for this year",
    "(no year with households per ward: nothing imported yet)"};

/* Prints @s left-aligned in @width columns (characters, not bytes). */
static const char *target_label(const char *name, gboolean en)
{
    return povatlas_target_label(name, en ? "en" : "vi");
}

static char *fmt_value(double v, const char *unit, const char *lang)
{
    if (isnan(v))
        return g_strdup("–");
    if (g_strcmp0(unit, "percent") == 0) {
        g_autofree char *n = povatlas_format_number(v, 2, lang);
        return g_strdup_printf("%s %%", n);
    }
    return povatlas_format_count((int64_t)llround(v), lang);
}

/* A count, or "–" when unknown (-1: no review list). */
static char *fmt_count(int64_t n, const char *lang)
{
    return n < 0 ? g_strdup("–") : povatlas_format_count(n, lang);
}

static void print_year(const povatlas_city_summary *s, const char *lang)
{
    g_autofree char *hh = povatlas_format_count(s->households, lang);
    g_autofree char *p = fmt_count(s->poor, lang);
    g_autofree char *np = fmt_count(s->near_poor, lang);
    g_autofree char *prp =
        cli_format_percent_h(s->poor_hundredths >= 0, s->poor_hundredths, lang);
    g_autofree char *nprp = cli_format_percent_h(s->near_poor_hundredths >= 0,
                                                 s->near_poor_hundredths, lang);
    const char *cells[] = {hh, p, prp, np, nprp};
    printf("  %4d", s->year);
    for (size_t i = 0; i < G_N_ELEMENTS(cells); i++) {
        printf(" ");
        cli_print_padded(cells[i], 13, TRUE);
    }
    printf("\n");
}

/* Urban and rural lines of a year, each over its own households. */
static void print_areas(const povatlas_summary_year *y, const words *w,
                        const char *lang)
{
    gboolean en = g_strcmp0(lang, "en") == 0;
    for (int urban = 1; urban >= 0; urban--) {
        const povatlas_city_summary *a = &y->area[urban];
        if (a->households <= 0)
            continue;
        g_autofree char *p = cli_format_percent_h(a->poor_hundredths >= 0,
                                                  a->poor_hundredths, lang);
        g_autofree char *n = cli_format_percent_h(
            a->near_poor_hundredths >= 0, a->near_poor_hundredths, lang);
        g_autofree char *hh = povatlas_format_count(a->households, lang);
        printf("        %s (%d %s, %s %s): %s %s, %s %s\n",
               urban ? (en ? "urban" : "thành thị")
                     : (en ? "rural" : "nông thôn"),
               a->units, en ? "units" : "đơn vị", hh, en ? "households" : "hộ",
               w->poor, p, w->near_poor, n);
    }
}

/* The change the library got from analysis (povatlas_summary_report()). */
static void print_change(int year_from, const povatlas_summary_year *y,
                         const words *w, const char *lang)
{
    const povatlas_change *d = &y->change;
    g_autofree char *cp = povatlas_format_count(d->poor, lang);
    g_autofree char *cn = povatlas_format_count(d->near_poor, lang);
    g_autofree char *rp = povatlas_format_hundredths(d->poor_hundredths, lang);
    g_autofree char *rn =
        povatlas_format_hundredths(d->near_poor_hundredths, lang);
    printf("  %s %d→%d: %s %s (%s %s), %s %s (%s %s)\n", w->change, year_from,
           y->city.year, w->poor, cp, rp, w->points, w->near_poor, cn, rn,
           w->points);
}

static void print_target(const povatlas_target_eval *e, const words *w,
                         const char *lang, gboolean en)
{
    g_autofree char *base = fmt_value(e->baseline, e->unit, lang);
    g_autofree char *target = fmt_value(e->target, e->unit, lang);
    g_autofree char *got = fmt_value(e->achieved, e->unit, lang);
    printf("  ");
    cli_print_padded(target_label(e->name, en), 28, FALSE);
    printf(" ");
    if (!isnan(e->baseline))
        printf("%s → ", base);
    printf("%s %s; ", w->target_word, target);
    if (e->state == POVATLAS_TARGET_NO_DATA) {
        printf("%s\n", w->no_data);
        return;
    }
    printf("%s %s — %s", w->achieved, got,
           e->state == POVATLAS_TARGET_MET ? w->met : w->missed);
    if (!isnan(e->share)) {
        g_autofree char *share =
            povatlas_format_number(e->share * 100, 0, lang);
        printf(" (%s %s %%)", w->share, share);
    }
    printf("\n");
}

static void print_targets(const povatlas_target_eval_list *t, int year,
                          const words *w, const char *lang, gboolean en)
{
    if (t->n > 0) {
        printf("\n%s %d:\n", w->targets, year);
        for (size_t i = 0; i < t->n; i++)
            print_target(&t->rows[i], w, lang, en);
    } else {
        printf("\n%s %d: %s.\n", w->targets, year, w->no_targets);
    }
}

/* The gap with its sign and unit: "+0,02 điểm %", "−3". */
static char *fmt_gap(const povatlas_target_eval *e, const words *w,
                     const char *lang)
{
    if (isnan(e->gap))
        return g_strdup("–");
    g_autofree char *v = fmt_value(fabs(e->gap), e->unit, lang);
    const char *sign = llround(e->gap * 100) > 0   ? "+"
                       : llround(e->gap * 100) < 0 ? "−"
                                                   : "";
    if (g_strcmp0(e->unit, "percent") == 0) {
        /* "1,15 %" -> "1,15 điểm %": a gap of rates is in points */
        char *pct = strstr(v, " %");
        if (pct)
            *pct = '\0';
        return g_strdup_printf("%s%s %s", sign, v, w->points);
    }
    return g_strdup_printf("%s%s", sign, v);
}

static const char *state_word(const povatlas_target_eval *e, const words *w)
{
    return e->state == POVATLAS_TARGET_MET      ? w->met
           : e->state == POVATLAS_TARGET_MISSED ? w->missed
                                                : w->no_data;
}

/* One row of the targets table: label, target, achieved, gap, share,
 * result. */
static void print_target_row(const povatlas_target_eval *e, const words *w,
                             const char *lang, gboolean en)
{
    g_autofree char *target = fmt_value(e->target, e->unit, lang);
    g_autofree char *got = fmt_value(e->achieved, e->unit, lang);
    g_autofree char *gap = fmt_gap(e, w, lang);
    g_autofree char *pct =
        isnan(e->share) ? NULL
                        : povatlas_format_number(e->share * 100, 0, lang);
    g_autofree char *share =
        pct ? g_strdup_printf("%s %%", pct) : g_strdup("–");
    const char *cells[] = {target, got, gap, share};
    printf("  ");
    cli_print_padded(target_label(e->name, en), 30, FALSE);
    for (size_t i = 0; i < G_N_ELEMENTS(cells); i++) {
        printf(" ");
        cli_print_padded(cells[i], i == 2 ? 15 : 10, TRUE);
    }
    printf("  %s\n", state_word(e, w));
}

int cli_print_targets(const povatlas_target_eval_list *t, int year,
                      const char *lang)
{
    gboolean en = g_strcmp0(lang, "en") == 0;
    const words *w = en ? &EN : &VI;
    if (t->n == 0) {
        printf("%s %d: %s.\n", w->targets, year, w->no_targets);
        return 0;
    }
    printf("%s %d:\n  ", w->targets, year);
    cli_print_padded("", 30, FALSE);
    const char *heads[] = {w->target_word, w->achieved, w->gap, w->share};
    for (size_t i = 0; i < G_N_ELEMENTS(heads); i++) {
        printf(" ");
        cli_print_padded(heads[i], i == 2 ? 15 : 10, TRUE);
    }
    printf("  %s\n", w->result);
    int missed = 0, judged = 0;
    GString *names = g_string_new(NULL);
    for (size_t i = 0; i < t->n; i++) {
        print_target_row(&t->rows[i], w, lang, en);
        judged += t->rows[i].state != POVATLAS_TARGET_NO_DATA;
        if (t->rows[i].state == POVATLAS_TARGET_MISSED) {
            g_string_append_printf(names, "%s%s", missed ? ", " : "",
                                   target_label(t->rows[i].name, en));
            missed++;
        }
    }
    if (missed)
        printf("\n%d/%zu %s: %s\n", missed, t->n, w->n_missed, names->str);
    else
        printf("\n%s.\n", judged ? w->all_met : w->none_data);
    g_string_free(names, TRUE);
    return missed;
}

void cli_print_summary(const povatlas_summary *s, const char *lang)
{
    gboolean en = g_strcmp0(lang, "en") == 0;
    const words *w = en ? &EN : &VI;
    if (s->place || s->synthetic)
        printf("%s%s%s\n", s->place ? s->place : "",
               s->place && s->synthetic ? " — " : "",
               s->synthetic ? povatlas_synthetic_note(lang) : "");
    const char *heads[] = {w->households, w->poor, w->rate, w->near_poor,
                           w->rate};
    printf("  ");
    cli_print_padded(w->year, 4, FALSE);
    for (size_t i = 0; i < G_N_ELEMENTS(heads); i++) {
        printf(" ");
        cli_print_padded(heads[i], 13, TRUE);
    }
    printf("\n");
    for (size_t i = 0; i < s->n; i++) {
        const povatlas_summary_year *y = &s->years[i];
        print_year(&y->city, lang);
        print_areas(y, w, lang);
        /* no change from or to a year without a list: unknown, not 0 */
        if (y->has_change)
            print_change(s->years[i - 1].city.year, y, w, lang);
    }
    if (s->targets)
        print_targets(s->targets, s->targets_year, w, lang, en);
    else
        printf("  %s\n", w->no_year);
}
