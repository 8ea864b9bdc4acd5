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
    cli_common common = {0};
    g_auto(cli_table_opts) table = {0};
    gint year = 0, top = 5;
    g_autofree gchar *weights = NULL, *lang = NULL;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year,
         "review year (default: the latest)", "YEAR"},
        {"top", 'n', 0, G_OPTION_ARG_INT, &top, "wards to show (5)", "N"},
        {"weights", 0, 0, G_OPTION_ARG_FILENAME, &weights,
         "weights file (default geodata/priority.ini)", "INI"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "vi (default) or en",
         "LANG"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- explainable ward priority ranking");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    cli_add_table_opts(ctx, &table);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    int want_table = cli_table_wanted("priority", &table);
    if (want_table < 0) {
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    cli_common_clear(&common);
    if (!ws)
        return cli_fail(err);
    povatlas_priority_weights w;
    const char *l = lang ? lang : "vi";
    if (want_table) {
        int rc = cli_year(ws, &year, &err) < 0 ||
                         povatlas_priority_weights_load(weights, &w, &err)
                     ? cli_fail(err)
                     : cli_emit_table(
                           povatlas_report_priority(ws, year, &w, top, l, &err),
                           &table, l, common.quiet, err);
        povatlas_workspace_close(ws);
        return rc;
    }
    povatlas_priority *p =
        cli_year(ws, &year, &err) < 0 ||
                povatlas_priority_weights_load(weights, &w, &err)
            ? NULL
            : povatlas_priority_report(ws, year, &w, &err);
    povatlas_workspace_close(ws);
    if (!p)
        return cli_fail(err);
    cli_print_priority(p, top, lang ? lang : "vi");
    povatlas_priority_free(p);
    return CLI_EXIT_OK;
}
