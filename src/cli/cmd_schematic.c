/*
 * cmd_schematic.c - `povatlas schematic`: writes the schematic ward map of
 * the demo dataset (wards_schematic.geojson, context.geojson). Parses
 * options, calls povatlas_schematic_write(), prints errors.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "povatlas_synth.h"

int cmd_schematic(int argc, char **argv)
{
    gchar *units = NULL, *output = NULL;
    gint iterations = -1;
    GOptionEntry entries[] = {
        {"units", 0, 0, G_OPTION_ARG_FILENAME, &units,
         "Unit table (default: units.csv of the data folder)", "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         "Output folder (default: the current folder)", "DIR"},
        {"iterations", 0, 0, G_OPTION_ARG_INT, &iterations,
         "Area-fitting rounds (default 400; 0 = plain Voronoi)", "N"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx =
        g_option_context_new("- write the schematic ward boundaries");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *gerr = NULL;
    int code = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        fprintf(stderr, "povatlas schematic: %s\n", gerr->message);
        g_error_free(gerr);
        code = 2;
    } else if (argc > 1) {
        fprintf(stderr, "povatlas schematic: unexpected argument '%s'\n",
                argv[1]);
        code = 2;
    } else {
        povatlas_schematic_opts o;
        povatlas_schematic_opts_init(&o);
        o.units_path = units;
        o.out_dir = output;
        if (iterations >= 0)
            o.iterations = iterations;
        povatlas_error *err = NULL;
        if (povatlas_schematic_write(&o, &err) != POVATLAS_OK) {
            char *text = povatlas_error_format(err);
            fprintf(stderr, "povatlas schematic: %s\n", text);
            free(text);
            code = err->code == POVATLAS_E_USAGE ? 2 : 1;
            povatlas_error_free(err);
        }
    }
    g_option_context_free(ctx);
    g_free(units);
    g_free(output);
    return code;
}
