/*
 * cmd_init.c - `povatlas init`: creates a workspace holding the poverty
 * standards table.
 */
#include <stdio.h>

#include "cli.h"

int cmd_init(int argc, char **argv)
{
    cli_common common = {0};
    gboolean force = FALSE;
    GOptionEntry entries[] = {{"force", 'f', 0, G_OPTION_ARG_NONE, &force,
                               "replace an existing workspace", NULL},
                              G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new("- create a workspace");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws =
        povatlas_workspace_create(cli_db(&common), force, &err);
    if (!ws) {
        cli_common_clear(&common);
        return cli_fail(err);
    }
    if (!common.quiet)
        printf("created workspace %s (schema %d)\n", cli_db(&common),
               povatlas_workspace_schema_version(ws));
    povatlas_workspace_close(ws);
    cli_common_clear(&common);
    return CLI_EXIT_OK;
}
