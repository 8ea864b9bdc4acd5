/*
 * cmd_priority.c - `povatlas priority --top 5 [--year Y] [--weights INI]`:
 * the wards ranked by the priority index, each with every component's
 * contribution (normalised value × weight) so the ranking can be defended.
 * The library computes and stores the ranking; this file prints it.
 */
#include <stdio.h>

#include "cli.h"
#include "povatlas/priority.h"

void cli_print_priority(const povatlas_priority *p, int top, const char *lang)
{
    int en = g_strcmp0(lang, "en") == 0;
    printf("\n%s %d (%s)\n", en ? "Priority wards" : "Đơn vị ưu tiên", p->year,
           en ? "contribution = normalised value × weight"
              : "đóng góp = giá trị chuẩn hóa × trọng số");
    g_autofree char *h_code = cli_pad(en ? "code" : "mã", 5);
    g_autofree char *h_ward = cli_pad(en ? "ward" : "đơn vị", 12);
    g_autofree char *h_weight = cli_pad(en ? "weight" : "trọng số", 12);
    printf("  %-4s %s %s %6s", "#", h_code, h_ward, en ? "index" : "chỉ số");
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
        printf(" %12s", povatlas_priority_component_name(c));
    printf("\n  %-4s %-5s %s %6s", "", "", h_weight, "");
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
        printf(" %12.2f", p->weights.weight[c]);
    printf("\n");
    for (size_t i = 0; i < p->n && (top <= 0 || (int)i < top); i++) {
        const povatlas_priority_row *r = &p->rows[i];
        g_autofree char *name = cli_pad(r->name, 12);
        printf("  %-4d %-5s %s %6.3f", r->rank, r->code, name, r->index);
        for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
            printf("  %4.2f×=%5.3f", r->normalised[c], r->contribution[c]);
        printf("\n");
    }
}

int cmd_priority(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint year = 0, top = 5;
    g_autofree gchar *weights = NULL;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year,
         "review year (default: the latest)", "YEAR"},
        {"top", 'n', 0, G_OPTION_ARG_INT, &top, "wards to show (5)", "N"},
        {"weights", 0, 0, G_OPTION_ARG_FILENAME, &weights,
         "weights file (default geodata/priority.ini)", "INI"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r, "- explainable ward priority ranking", entries,
                          TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, &year, &err);
    if (!ws)
        return cli_fail(err);
    povatlas_priority_weights w;
    if (povatlas_priority_weights_load(weights, &w, &err)) {
        povatlas_workspace_close(ws);
        return cli_fail(err);
    }
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_priority(ws, year, &w, top, r.lang, &err),
            &err);
    povatlas_priority *p = povatlas_priority_report(ws, year, &w, &err);
    povatlas_workspace_close(ws);
    if (!p)
        return cli_fail(err);
    cli_print_priority(p, top, r.lang);
    povatlas_priority_free(p);
    return CLI_EXIT_OK;
}
