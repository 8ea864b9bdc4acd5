/*
 * cmd_init.c - `povatlas init`: creates a workspace holding the poverty
 * standards table and, with --place, the name of the place it covers.
 */
#include <stdio.h>

#include "cli.h"

int cmd_init(int argc, char **argv)
{
    cli_common common = {0};
    gboolean force = FALSE;
    g_autofree gchar *place = NULL, *place_en = NULL;
    GOptionEntry entries[] = {
        {"force", 'f', 0, G_OPTION_ARG_NONE, &force,
         "replace an existing workspace", NULL},
        {"place", 0, 0, G_OPTION_ARG_STRING, &place,
         "the place the workspace covers, shown on maps, the atlas cover and "
         "the summary (\"Thành phố Phan Rang–Tháp Chàm, tỉnh Ninh Thuận\")",
         "NAME"},
        {"place-en", 0, 0, G_OPTION_ARG_STRING, &place_en,
         "the place in English, for --lang en", "NAME"},
        G_OPTION_ENTRY_NULL};
    if (!cli_parse_options("- create a workspace", entries, &common, &argc,
                           &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create_place(
        cli_db(&common), force, place, place_en, &err);
    if (!ws) {
        cli_common_clear(&common);
        return cli_fail(err);
    }
    int version = 0;
    if (povatlas_workspace_schema_version(ws, &version, &err)) {
        povatlas_workspace_close(ws);
        cli_common_clear(&common);
        return cli_fail(err);
    }
    if (!common.quiet)
        printf("created workspace %s (schema %d)\n",
               povatlas_workspace_path(ws), version);
    povatlas_workspace_close(ws);
    cli_common_clear(&common);
    return CLI_EXIT_OK;
}
