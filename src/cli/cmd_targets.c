/*
 * cmd_targets.c - `povatlas targets [--year YEAR]`: every plan target of a
 * year with the achieved value, the gap and the share achieved, saying
 * which targets are missed. The year defaults to the latest review year.
 */
#include <stdio.h>

#include "cli.h"

int cmd_targets(int argc, char **argv)
{
    cli_common common = {0};
    g_auto(cli_table_opts) table = {0};
    gint year = 0;
    g_autofree gchar *lang = NULL;
    GOptionEntry entries[] = {{"year", 'y', 0, G_OPTION_ARG_INT, &year,
                               "plan year (default: the latest review year)",
                               "YEAR"},
                              {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
                               "vi (default) or en", "LANG"},
                              G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- plan targets against what was achieved");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    cli_add_table_opts(ctx, &table);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    int want_table = cli_table_wanted("targets", &table);
    if (want_table < 0) {
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    cli_common_clear(&common);
    if (!ws)
        return cli_fail(err);
    const char *l = lang ? lang : "vi";
    if (cli_year(ws, &year, &err) < 0) {
        povatlas_workspace_close(ws);
        return cli_fail(err);
    }
    if (want_table) {
        int rc = cli_emit_table(povatlas_report_targets(ws, year, l, &err),
                                &table, l, common.quiet, err);
        povatlas_workspace_close(ws);
        return rc;
    }
    int missed = cli_print_targets(ws, year, l, &err);
    povatlas_workspace_close(ws);
    return missed < 0 ? cli_fail(err) : CLI_EXIT_OK;
}
