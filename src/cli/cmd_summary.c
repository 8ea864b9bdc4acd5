/*
 * cmd_summary.c - `povatlas summary`: city totals and rates of every review
 * year and the plan's targets of the latest.
 */
#include <stdio.h>

#include "cli.h"

int cmd_summary(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    GOptionEntry entries[] = {G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&r, "- print city totals, rates and targets", entries,
                          TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, NULL, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(&r, ws,
                               povatlas_report_summary(ws, r.lang, &err), &err);
    povatlas_summary *s = povatlas_summary_report(ws, r.lang, &err);
    povatlas_workspace_close(ws);
    if (!s)
        return cli_fail(err);
    cli_print_summary(s, r.lang);
    povatlas_summary_free(s);
    return CLI_EXIT_OK;
}
