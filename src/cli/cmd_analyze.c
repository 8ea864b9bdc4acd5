/*
 * cmd_analyze.c - `povatlas analyze`: recomputes rates, areas and
 * densities of every review year.
 */
#include <stdio.h>

#include "cli.h"

int cmd_analyze(int argc, char **argv)
{
    cli_common common = {0};
    if (!cli_parse_options("- compute rates, areas and densities", NULL,
                           &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    cli_progress progress;
    cli_progress_init(&progress, common.quiet);
    povatlas_status st =
        ws ? povatlas_analyze(ws, cli_progress_cb, &progress, &err)
           : err->code; /* cli_open's own error */
    cli_progress_done(&progress);
    povatlas_workspace_close(ws);
    if (st) {
        cli_common_clear(&common);
        return cli_fail(err);
    }
    if (!common.quiet)
        printf("indicators computed\n");
    cli_common_clear(&common);
    return CLI_EXIT_OK;
}
