/*
 * cmd_breakdown.c - `povatlas breakdown`: poor and near-poor households of
 * one year per ward, urban, rural and city that are ethnic-minority, have
 * a revolution-merit member or no working capacity
 * (povatlas_breakdown_compute()). A flag not recorded is printed as
 * such, never as 0.
 */
#include <stdio.h>

#include "cli.h"
#include "povatlas/series.h"

typedef struct words {
    const char *title, *poor, *near_poor, *code, *unit, *area, *total, *of_city,
        *ethnic, *merit, *no_labour, *urban, *rural, *city, *not_recorded,
        *note;
} words;

static const words VI = {
    "Phân tổ năm",
    "Hộ nghèo",
    "Hộ cận nghèo",
    "Mã",
    "Đơn vị",
    "Khu vực",
    "Số hộ",
    "% toàn TP",
    "DTTS",
    "Có người có công",
    "Không có khả năng LĐ",
    "Thành thị",
    "Nông thôn",
    "Toàn thành phố",
    "chưa ghi nhận",
    "Tỷ lệ tính trên tổng số hộ của nhóm; hộ chưa ghi nhận chỉ tiêu không "
    "được tính là 0 (tỷ lệ là mức tối thiểu)"};
static const words EN = {
    "Breakdowns of",
    "Poor",
    "Near-poor",
    "Code",
    "Unit",
    "Area",
    "Households",
    "% of city",
    "Ethnic minority",
    "Revolution merit",
    "No working capacity",
    "Urban",
    "Rural",
    "City",
    "not recorded",
    "Shares are against all households of the group; a flag not recorded "
    "is not counted as 0 (the share is a lower bound)"};

/* "12 (25,00 %)", with "+3 chưa ghi nhận" when some are not recorded. */
static char *fmt_flag(const povatlas_flag_count *f, const words *w,
                      const char *lang)
{
    g_autofree char *n = povatlas_format_count(f->yes, lang);
    g_autofree char *sh = cli_format_percent_h(f->share_ok, f->share_h, lang);
    if (f->unknown == 0)
        return g_strdup_printf("%s (%s)", n, sh);
    g_autofree char *u = povatlas_format_count(f->unknown, lang);
    return g_strdup_printf("%s (%s) +%s %s", n, sh, u, w->not_recorded);
}

static void row_labels(const povatlas_breakdown_row *r, const words *w,
                       const char **code, const char **name, const char **area)
{
    static const char *none = "";
    *code = r->code ? r->code : none;
    *name = r->scope == POVATLAS_BREAKDOWN_UNIT    ? (r->name ? r->name : none)
            : r->scope == POVATLAS_BREAKDOWN_URBAN ? w->urban
            : r->scope == POVATLAS_BREAKDOWN_RURAL ? w->rural
                                                   : w->city;
    *area = r->scope != POVATLAS_BREAKDOWN_UNIT ? none
            : r->urban == 1                     ? w->urban
            : r->urban == 0                     ? w->rural
                                                : none;
}

static void print_group(const povatlas_breakdown *b, gboolean poor,
                        const words *w, const char *lang)
{
    printf("\n%s\n", poor ? w->poor : w->near_poor);
    const char *head[] = {w->code,    w->unit,   w->area,  w->total,
                          w->of_city, w->ethnic, w->merit, w->no_labour};
    const int width[] = {7, 16, 11, 7, 11, 30, 30, 30};
    for (int i = 0; i < 8; i++) {
        cli_print_padded(head[i], width[i], i == 3 || i == 4);
        printf(" ");
    }
    printf("\n");
    for (size_t i = 0; i < b->n; i++) {
        const povatlas_breakdown_row *r = &b->rows[i];
        const povatlas_breakdown_group *g = poor ? &r->poor : &r->near_poor;
        const char *code, *name, *area;
        row_labels(r, w, &code, &name, &area);
        g_autofree char *total = povatlas_format_count(g->total, lang);
        g_autofree char *of_city =
            cli_format_percent_h(g->of_city_ok, g->of_city_h, lang);
        g_autofree char *e = fmt_flag(&g->ethnic_minority, w, lang);
        g_autofree char *m = fmt_flag(&g->merit, w, lang);
        g_autofree char *n = fmt_flag(&g->no_labour, w, lang);
        const char *cells[] = {code, name, area, total, of_city, e, m, n};
        for (int c = 0; c < 8; c++) {
            cli_print_padded(cells[c], width[c], c == 3 || c == 4);
            printf(" ");
        }
        printf("\n");
    }
}

static povatlas_status print_breakdown(povatlas_workspace *ws,
                                       const povatlas_breakdown *b,
                                       const char *lang, povatlas_error **err)
{
    const words *w = g_strcmp0(lang, "en") == 0 ? &EN : &VI;
    povatlas_status st = cli_print_synthetic_note(ws, lang, err);
    if (st)
        return st;
    printf("%s %d\n", w->title, b->year);
    print_group(b, TRUE, w, lang);
    print_group(b, FALSE, w, lang);
    printf("\n%s\n", w->note);
    return POVATLAS_OK;
}

int cmd_breakdown(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    int year = 0;
    GOptionEntry entries[] = {
        {"year", 0, 0, G_OPTION_ARG_INT, &year, "review year (required)", "Y"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r,
                          "- ethnic-minority, merit, no-labour poor households",
                          entries, TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (year <= 0) {
        fprintf(stderr, "povatlas: breakdown: --year is required\n");
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, NULL, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_breakdown(ws, year, r.lang, &err), &err);
    povatlas_breakdown *b = povatlas_breakdown_compute(ws, year, &err);
    gboolean ok =
        b != NULL && print_breakdown(ws, b, r.lang, &err) == POVATLAS_OK;
    povatlas_breakdown_free(b);
    povatlas_workspace_close(ws);
    return ok ? CLI_EXIT_OK : cli_fail(err);
}
