/*
 * cmd_summary.c - `povatlas summary`: city totals and rates of every review
 * year and the plan's targets of the latest.
 */
#include <stdio.h>

#include "cli.h"

int cmd_summary(int argc, char **argv)
{
    cli_common common = {0};
    g_auto(cli_table_opts) table = {0};
    g_autofree gchar *lang = NULL;
    GOptionEntry entries[] = {{"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
                               "vi (default) or en", "LANG"},
                              G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- print city totals, rates and targets");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    cli_add_table_opts(ctx, &table);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    int want_table = cli_table_wanted("summary", &table);
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
    int rc = CLI_EXIT_OK;
    if (want_table)
        rc = cli_emit_table(povatlas_report_summary(ws, l, &err), &table, l,
                            common.quiet, err);
    else {
        povatlas_summary *s = povatlas_summary_report(ws, l, &err);
        if (s)
            cli_print_summary(s, l);
        else
            rc = cli_fail(err);
        povatlas_summary_free(s);
    }
    povatlas_workspace_close(ws);
    return rc;
}
