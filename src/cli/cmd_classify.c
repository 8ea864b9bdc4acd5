/*
 * cmd_classify.c - `povatlas classify`: re-classifies households stored
 * under an older standards table (imports classify as they store).
 */
#include <stdio.h>

#include "cli.h"

int cmd_classify(int argc, char **argv)
{
    cli_common common = {0};
    gint year = 0;
    GOptionEntry entries[] = {{"year", 'y', 0, G_OPTION_ARG_INT, &year,
                               "only this review year", "YEAR"},
                              G_OPTION_ENTRY_NULL};
    if (!cli_parse_options("- bring household classes up to date", entries,
                           &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    int64_t changed = 0;
    povatlas_status st =
        ws ? povatlas_classify_workspace(ws, year, &changed, &err)
           : err->code; /* cli_open's own error */
    povatlas_workspace_close(ws);
    if (st) {
        cli_common_clear(&common);
        return cli_fail(err);
    }
    if (!common.quiet)
        printf("classification up to date (%" G_GINT64_FORMAT
               " households changed class)\n",
               changed);
    cli_common_clear(&common);
    return CLI_EXIT_OK;
}
