/*
 * cmd_slides.c - `povatlas slides`: the briefing as 16:9 PNG slides for a
 * projector (targets, main maps, priority list) in a folder.
 */
#include <stdio.h>

#include "cli.h"

int cmd_slides(int argc, char **argv)
{
    povatlas_slides_opts o;
    povatlas_slides_opts_init(&o);
    g_auto(cli_document)
        d = {.year = o.year, .min_households = o.min_households};
    gboolean overwrite = FALSE;
    GOptionEntry more[] = {{"overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
                            "replace slide files that exist", NULL},
                           G_OPTION_ENTRY_NULL};
    if (!cli_document_parse(&d, "- write the briefing as slides (16:9 PNGs)",
                            "output folder", more, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (!d.out || d.min_households < 0) {
        fprintf(stderr, "povatlas slides: %s\n",
                !d.out ? "give the output folder with -o DIR"
                       : "--min-households must not be negative");
        return CLI_EXIT_USAGE;
    }
    o.year = d.year;
    if (d.lang)
        o.lang = d.lang;
    o.min_households = d.min_households;
    o.dir = d.out;
    o.overwrite = overwrite;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&d.common, &err);
    povatlas_status st = ws ? povatlas_slides_write(ws, &o, NULL, &err)
                            : err->code; /* cli_open's own error */
    g_autofree char *first = g_build_filename(d.out, "01-targets.png", NULL);
    gboolean refused = st == POVATLAS_E_USAGE && !overwrite &&
                       g_file_test(first, G_FILE_TEST_EXISTS);
    return cli_wrote(ws, st, d.out, d.common.quiet,
                     refused ? "give --overwrite to replace them" : NULL, err);
}
