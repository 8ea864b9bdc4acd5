/*
 * cmd_targets.c - `povatlas targets [--year YEAR]`: every plan target of a
 * year with the achieved value, the gap and the share achieved, saying
 * which targets are missed. The year defaults to the latest review year.
 */
#include <stdio.h>

#include "cli.h"

int cmd_targets(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint year = 0;
    GOptionEntry entries[] = {{"year", 'y', 0, G_OPTION_ARG_INT, &year,
                               "plan year (default: the latest review year)",
                               "YEAR"},
                              G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r, "- plan targets against what was achieved",
                          entries, TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, &year, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_targets(ws, year, r.lang, &err), &err);
    povatlas_target_eval_list *t = povatlas_targets_report(ws, year, &err);
    povatlas_workspace_close(ws);
    if (!t)
        return cli_fail(err);
    cli_print_targets(t, year, r.lang);
    povatlas_target_eval_list_free(t);
    return CLI_EXIT_OK;
}
