/*
 * cmd_atlas.c - `povatlas atlas`: the multi-page A4 briefing PDF of one
 * year (cover, key maps, ward table, zone trends, ward fact sheets).
 */
#include <stdio.h>

#include "cli.h"

int cmd_atlas(int argc, char **argv)
{
    cli_common common = {0};
    g_autofree gchar *lang = NULL, *out = NULL;
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    gint year = o.year, min_hh = o.min_households;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year, "review year (latest)",
         "YEAR"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "vi (default) or en",
         "LANG"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "output .pdf", "FILE"},
        {"min-households", 0, 0, G_OPTION_ARG_INT, &min_hh,
         "hide the figures of wards with fewer households, as the maps do "
         "(30; 0: none)",
         "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- write the briefing atlas (PDF)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (!out) {
        fprintf(stderr, "povatlas atlas: give the output with -o FILE.pdf\n");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    o.year = year;
    if (lang)
        o.lang = lang;
    o.min_households = min_hh;
    povatlas_status st = ws ? povatlas_atlas_write(ws, &o, out, &err)
                            : err->code; /* cli_open's own error */
    povatlas_workspace_close(ws);
    gboolean quiet = common.quiet;
    cli_common_clear(&common);
    if (st)
        return cli_fail(err);
    if (!quiet)
        printf("wrote %s\n", out);
    return CLI_EXIT_OK;
}
