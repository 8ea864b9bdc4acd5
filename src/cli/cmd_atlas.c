/*
 * cmd_atlas.c - `povatlas atlas`: the multi-page A4 briefing PDF of one
 * year (cover, key maps, ward table, zone trends, ward fact sheets).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_atlas(int argc, char **argv)
{
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    g_auto(cli_document)
        d = {.year = o.year, .min_households = o.min_households};
    g_autofree gchar *style = NULL, *province = NULL, *sheets = NULL;
    g_autofree char *sheets_help = g_strdup_printf(
        "fact sheets: all, none, or N: every unit's up to N units, none "
        "above (%d)",
        POVATLAS_ATLAS_MAX_FACT_SHEETS);
    GOptionEntry more[] = {
        {"style", 0, 0, G_OPTION_ARG_FILENAME, &style,
         "style file, or a shipped style's name (print-gray: grayscale)",
         "STYLE"},
        {"province", 0, 0, G_OPTION_ARG_STRING, &province,
         "fact sheets for the units of this province code only", "CODE"},
        {"fact-sheets", 0, 0, G_OPTION_ARG_STRING, &sheets, sheets_help,
         "WHICH"},
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
    if (sheets) {
        char *end = NULL;
        long n = strtol(sheets, &end, 10);
        if (strcmp(sheets, "all") == 0)
            o.max_fact_sheets = -1;
        else if (strcmp(sheets, "none") == 0)
            o.max_fact_sheets = 0;
        else if (end != sheets && *end == '\0' && n >= 0 && n <= INT_MAX)
            o.max_fact_sheets = (int)n;
        else {
            fprintf(stderr,
                    "povatlas atlas: --fact-sheets is all, none or a number "
                    "of units, not '%s'\n",
                    sheets);
            return CLI_EXIT_USAGE;
        }
    }
    o.province = province;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&d.common, &err);
    o.style_path = style;
    povatlas_status st = ws ? povatlas_atlas_write(ws, &o, d.out, &err)
                            : err->code; /* cli_open's own error */
    return cli_wrote(ws, st, d.out, d.common.quiet, NULL, err);
}
