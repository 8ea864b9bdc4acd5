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
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    cli_common_clear(&common);
    if (!ws)
        return cli_fail(err);
    int missed = cli_year(ws, &year, &err) < 0
                     ? -1
                     : cli_print_targets(ws, year, lang ? lang : "vi", &err);
    povatlas_workspace_close(ws);
    return missed < 0 ? cli_fail(err) : CLI_EXIT_OK;
}
