/*
 * cmd_summary.c - `povatlas summary`: city totals and rates of every review
 * year and the plan's targets of the latest.
 */
#include <stdio.h>

#include "cli.h"

int cmd_summary(int argc, char **argv)
{
    cli_common common = {0};
    g_autofree gchar *lang = NULL;
    GOptionEntry entries[] = {{"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
                               "vi (default) or en", "LANG"},
                              G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- print city totals, rates and targets");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    cli_common_clear(&common);
    if (!ws)
        return cli_fail(err);
    cli_print_summary(ws, lang ? lang : "vi");
    povatlas_workspace_close(ws);
    return CLI_EXIT_OK;
}
