/*
 * cmd_briefing.c - `povatlas briefing`: the leaders' briefing as one
 * offline HTML file (targets, city totals, switchable ward map with fact
 * cards, zone gaps, priority and coverage).
 */
#include <stdio.h>

#include "cli.h"

int cmd_briefing(int argc, char **argv)
{
    povatlas_briefing_opts o;
    povatlas_briefing_opts_init(&o);
    g_auto(cli_document)
        d = {.year = o.year, .min_households = o.min_households};
    gdouble simplify = o.simplify_m;
    gboolean overwrite = FALSE;
    GOptionEntry more[] = {
        {"simplify", 0, 0, G_OPTION_ARG_DOUBLE, &simplify,
         "simplify ward outlines to TOL metres (0: keep every vertex)", "TOL"},
        {"overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
         "replace an existing output file", NULL},
        G_OPTION_ENTRY_NULL};
    if (!cli_document_parse(&d, "- write the leaders' briefing (offline HTML)",
                            "output .html", more, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (!d.out || d.min_households < 0 || simplify < 0) {
        fprintf(stderr, "povatlas briefing: %s\n",
                !d.out
                    ? "give the output with -o FILE.html"
                    : "--min-households and --simplify must not be negative");
        return CLI_EXIT_USAGE;
    }
    o.year = d.year;
    if (d.lang)
        o.lang = d.lang;
    o.min_households = d.min_households;
    o.simplify_m = simplify;
    o.overwrite = overwrite;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&d.common, &err);
    povatlas_status st = ws ? povatlas_briefing_write(ws, &o, d.out, &err)
                            : err->code; /* cli_open's own error */
    gboolean refused = st == POVATLAS_E_USAGE && !overwrite &&
                       g_file_test(d.out, G_FILE_TEST_EXISTS);
    return cli_wrote(ws, st, d.out, d.common.quiet,
                     refused ? "give --overwrite to replace it" : NULL, err);
}
