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
    if (!cli_document_parse(&d, "- write the briefing atlas (PDF)",
                            "output .pdf", NULL, &argc, &argv))
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
    povatlas_status st = ws ? povatlas_atlas_write(ws, &o, d.out, &err)
                            : err->code; /* cli_open's own error */
    return cli_wrote(ws, st, d.out, d.common.quiet, NULL, err);
}
