/*
 * cmd_map.c - `povatlas map`: a map (choropleth, change, zone, zone-gap,
 * symbols, dots, bivariate, lisa) of one indicator and year.
 */
#include <stdio.h>

#include "cli.h"

int cmd_map(int argc, char **argv)
{
    cli_common common = {0};
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    g_autofree gchar *indicator = NULL, *method = NULL, *lang = NULL,
                     *out = NULL, *style = NULL, *title = NULL,
                     *type = NULL, *indicator2 = NULL;
    gint year = 0, classes = 5, width = 1600, height = 1200, from = 0;
    gint min_hh = 30, seed = 2023;
    gboolean values = FALSE, no_inset = FALSE;
    gdouble per_dot = 0;
    gdouble dpi = 150;
    GOptionEntry entries[] = {
        {"type", 't', 0, G_OPTION_ARG_STRING, &type,
         "choropleth (default), change, zone, zone-gap, symbols, dots, "
         "bivariate, lisa",
         "TYPE"},
        {"from", 0, 0, G_OPTION_ARG_INT, &from,
         "change, zone-gap: first year (year before)", "YEAR"},
        {"to", 0, 0, G_OPTION_ARG_INT, &year, "same as --year", "YEAR"},
        {"indicator2", 0, 0, G_OPTION_ARG_STRING, &indicator2,
         "bivariate: second indicator (coverage)", "NAME"},
        {"values", 0, 0, G_OPTION_ARG_NONE, &values,
         "write each ward's value under its name", NULL},
        {"min-households", 0, 0, G_OPTION_ARG_INT, &min_hh,
         "hide wards with fewer households (30; 0: none)", "N"},
        {"per-dot", 0, 0, G_OPTION_ARG_DOUBLE, &per_dot,
         "dots: households per dot (automatic)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT, &seed, "dots: random seed (2023)",
         "N"},
        {"no-inset", 0, 0, G_OPTION_ARG_NONE, &no_inset,
         "no locator inset", NULL},
        {"indicator", 'i', 0, G_OPTION_ARG_STRING, &indicator,
         "indicator (default poor_rate)", "NAME"},
        {"year", 'y', 0, G_OPTION_ARG_INT, &year, "review year (latest)",
         "YEAR"},
        {"method", 'm', 0, G_OPTION_ARG_STRING, &method,
         "class breaks: fisher (default), quantile, equal, sd, headtails",
         "METHOD"},
        {"classes", 'k', 0, G_OPTION_ARG_INT, &classes, "classes (5)", "N"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "vi (default) or en",
         "LANG"},
        {"title", 0, 0, G_OPTION_ARG_STRING, &title, "map title", "TEXT"},
        {"style", 0, 0, G_OPTION_ARG_FILENAME, &style, "style file", "FILE"},
        {"width", 0, 0, G_OPTION_ARG_INT, &width, "width in pixels", "PX"},
        {"height", 0, 0, G_OPTION_ARG_INT, &height, "height in pixels", "PX"},
        {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "resolution (150)", "DPI"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
         "output .png, .svg or .pdf", "FILE"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new("- draw a map");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    const char *bad = !out ? "give the output with -o FILE"
                      : (method && !povatlas_breaks_method_parse(method,
                                                                  &o.method))
                          ? "unknown class method"
                      : (type && !povatlas_map_type_parse(type, &o.type))
                          ? "unknown map type"
                          : NULL;
    if (bad) {
        fprintf(stderr, "povatlas map: %s\n", bad);
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    if (indicator)
        o.indicator = indicator;
    o.year = year;
    o.n_classes = classes;
    o.lang = lang ? lang : "vi";
    o.title = title;
    o.style_path = style;
    o.width_px = width;
    o.height_px = height;
    o.dpi = dpi;
    o.from_year = from;
    if (indicator2)
        o.indicator2 = indicator2;
    o.show_values = values;
    o.min_households = min_hh;
    o.per_dot = per_dot;
    o.seed = (unsigned long)seed;
    o.locator_inset = !no_inset;
    if (!indicator && o.type == POVATLAS_MAP_LISA)
        o.indicator = "lisa_category";
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    povatlas_status st =
        ws ? povatlas_map_indicator(ws, &o, out, NULL, &err) : POVATLAS_E_IO;
    povatlas_workspace_close(ws);
    gboolean quiet = common.quiet;
    cli_common_clear(&common);
    if (st)
        return cli_fail(err);
    if (!quiet)
        printf("wrote %s\n", out);
    return CLI_EXIT_OK;
}
