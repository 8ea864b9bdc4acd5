/*
 * cmd_briefing.c - `povatlas briefing`: the leaders' briefing as one
 * offline HTML file (targets, city totals, switchable ward map with fact
 * cards, zone gaps, priority and coverage).
 */
#include <stdio.h>

#include "cli.h"

int cmd_briefing(int argc, char **argv)
{
    cli_common common = {0};
    g_autofree gchar *lang = NULL, *out = NULL;
    povatlas_briefing_opts o;
    povatlas_briefing_opts_init(&o);
    gint year = o.year, min_hh = o.min_households;
    gdouble simplify = o.simplify_m;
    gboolean overwrite = FALSE;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year, "review year (latest)",
         "YEAR"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "vi (default) or en",
         "LANG"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "output .html", "FILE"},
        {"min-households", 0, 0, G_OPTION_ARG_INT, &min_hh,
         "hide the figures of wards with fewer households, as the maps do "
         "(30; 0: none)",
         "N"},
        {"simplify", 0, 0, G_OPTION_ARG_DOUBLE, &simplify,
         "simplify ward outlines to TOL metres (0: keep every vertex)", "TOL"},
        {"overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
         "replace an existing output file", NULL},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- write the leaders' briefing (offline HTML)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (!out || min_hh < 0 || simplify < 0) {
        fprintf(stderr, "povatlas briefing: %s\n",
                !out ? "give the output with -o FILE.html"
                     : "--min-households and --simplify must not be negative");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    o.year = year;
    if (lang)
        o.lang = lang;
    o.min_households = min_hh;
    o.simplify_m = simplify;
    o.overwrite = overwrite;
    povatlas_status st = ws ? povatlas_briefing_write(ws, &o, out, &err)
                            : err->code; /* cli_open's own error */
    povatlas_workspace_close(ws);
    gboolean quiet = common.quiet;
    cli_common_clear(&common);
    if (st) {
        gboolean refused = st == POVATLAS_E_USAGE && !overwrite &&
                           g_file_test(out, G_FILE_TEST_EXISTS);
        int rc = cli_fail(err);
        if (refused)
            fprintf(stderr, "povatlas: give --overwrite to replace it\n");
        return rc;
    }
    if (!quiet)
        printf("wrote %s\n", out);
    return CLI_EXIT_OK;
}
