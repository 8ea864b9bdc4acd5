/*
 * cmd_status.c - `povatlas status [--year YEAR] [--lang en]`: per review
 * year, what the workspace holds (units in force, boundaries, ward totals,
 * review list, exits, programmes, activities, targets, map context) and,
 * for each gap, which reports and maps it leaves blank. One library call
 * (povatlas_workspace_holdings); this file only prints.
 */
#include <stdio.h>

#include "cli.h"
#include "povatlas/holdings.h"

#define LABEL_WIDTH 34

/* The count of @h, "n/units" for per-unit inputs, "– missing" for gaps. */
static char *value_text(const povatlas_year_holdings *y, povatlas_holding h,
                        const char *lang)
{
    gboolean en = g_strcmp0(lang, "en") == 0;
    const char *missing = en ? "missing" : "thiếu";
    int64_t n = y->count[h];
    g_autofree char *num = povatlas_format_count(n, lang);
    if (h == POVATLAS_HOLDING_LIST) {
        if (y->n_lists == 0)
            return g_strdup_printf("– %s", missing);
        return g_strdup_printf("%s %s (%s)", num, en ? "households" : "hộ",
                               y->list_files ? y->list_files
                                             : (en ? "no file" : "không tệp"));
    }
    if (h == POVATLAS_HOLDING_BOUNDARIES || h == POVATLAS_HOLDING_WARD_TOTALS) {
        g_autofree char *units =
            povatlas_format_count(y->count[POVATLAS_HOLDING_UNITS], lang);
        return y->gap[h] ? g_strdup_printf("%s/%s – %s", num, units, missing)
                         : g_strdup_printf("%s/%s", num, units);
    }
    return y->gap[h] ? g_strdup_printf("– %s", missing) : g_strdup(num);
}

/* "Danh sách rà soát" -> "danh sách rà soát", inside a sentence. */
static char *lower_first(const char *s)
{
    gunichar c = g_unichar_tolower(g_utf8_get_char(s));
    char buf[8] = {0};
    g_unichar_to_utf8(c, buf);
    return g_strconcat(buf, g_utf8_next_char(s), NULL);
}

static void print_year(const povatlas_year_holdings *y, const char *lang)
{
    gboolean en = g_strcmp0(lang, "en") == 0;
    printf("%s %d\n", en ? "Year" : "Năm", y->year);
    for (int h = 0; h < POVATLAS_HOLDING_N; h++) {
        g_autofree char *v = value_text(y, (povatlas_holding)h, lang);
        printf("  ");
        cli_print_padded(povatlas_holding_label((povatlas_holding)h, lang),
                         LABEL_WIDTH, FALSE);
        printf(" %s\n", v);
    }
    for (int h = 0; h < POVATLAS_HOLDING_N; h++) {
        if (!y->gap[h])
            continue;
        g_autofree char *what =
            lower_first(povatlas_holding_label((povatlas_holding)h, lang));
        if (en)
            printf("  No %s for %d\n    → blank or refused: %s\n", what,
                   y->year, povatlas_holding_blanks((povatlas_holding)h, lang));
        else
            printf("  Thiếu %s năm %d\n    → bỏ trống hoặc không lập được: "
                   "%s\n",
                   what, y->year,
                   povatlas_holding_blanks((povatlas_holding)h, lang));
    }
}

int cmd_status(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint year = 0;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year,
         "one review year (default: every year with data)", "YEAR"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(
            &r,
            "- what the workspace holds per year, and what each gap blanks out",
            entries, FALSE, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, NULL, &err);
    if (!ws)
        return cli_fail(err);
    povatlas_holdings *h = povatlas_workspace_holdings(ws, year, &err);
    povatlas_workspace_close(ws);
    if (!h)
        return cli_fail(err);
    const char *l = g_strcmp0(r.lang, "en") == 0 ? "en" : "vi";
    if (h->n_years == 0)
        printf("%s\n", g_strcmp0(l, "en") == 0
                           ? "The workspace holds no review year yet (no ward "
                             "totals, review list or targets imported)."
                           : "Chưa có năm rà soát nào (chưa nhập tổng số hộ, "
                             "danh sách rà soát hay chỉ tiêu).");
    for (size_t i = 0; i < h->n_years; i++) {
        if (i)
            printf("\n");
        print_year(&h->years[i], l);
    }
    povatlas_holdings_free(h);
    return CLI_EXIT_OK;
}
