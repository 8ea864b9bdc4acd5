/*
 * cmd_atlas.c - `povatlas atlas`: the multi-page A4 briefing PDF of one
 * year (cover, key maps, ward table, zone trends, ward fact sheets).
 */
#include <stdio.h>

#include "cli.h"

int cmd_atlas(int argc, char **argv)
{
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    g_auto(cli_document)
        d = {.year = o.year, .min_households = o.min_households};
    g_autofree gchar *style = NULL;
    GOptionEntry more[] = {
        {"style", 0, 0, G_OPTION_ARG_FILENAME, &style,
         "style file, or a shipped style's name (print-gray: grayscale)",
         "STYLE"},
        G_OPTION_ENTRY_NULL};
    if (!cli_document_parse(&d, "- write the briefing atlas (PDF)",
                            "output .pdf", more, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (!d.out) {
        fprintf(stderr, "povatlas atlas: give the output with -o FILE.pdf\n");
        return CLI_EXIT_USAGE;
    }
    o.year = d.year;
    if (d.lang)
        o.lang = d.lang;
    o.min_households = d.min_households;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&d.common, &err);
    o.style_path = style;
    povatlas_status st = ws ? povatlas_atlas_write(ws, &o, d.out, &err)
                            : err->code; /* cli_open's own error */
    return cli_wrote(ws, st, d.out, d.common.quiet, NULL, err);
}
