/*
 * cmd_map.c - `povatlas map`: a map (choropleth, change, zone, zone-gap,
 * symbols, dots, bivariate, lisa) of one indicator and year. The defaults
 * are povatlas_indicator_map_opts_init()'s: options bind to its fields, so
 * only what the user gives changes them (the help shows the defaults read
 * from it).
 */
#include <stdio.h>

#include "cli.h"

/* Checks what GOption cannot: -o given, the method and the type known. */
static const char *check(const char *out, const char *method, const char *type,
                         povatlas_indicator_map_opts *o)
{
    if (!out)
        return "give the output with -o FILE";
    if (method && !povatlas_breaks_method_parse(method, &o->method))
        return "unknown class method";
    if (type && !povatlas_map_type_parse(type, &o->type))
        return "unknown map type";
    return NULL;
}

int cmd_map(int argc, char **argv)
{
    cli_common common = {0};
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    g_autofree gchar *method = NULL, *out = NULL, *type = NULL,
                     *indicator = NULL, *indicator2 = NULL, *lang = NULL,
                     *style = NULL, *title = NULL;
    gint64 seed = (gint64)o.seed;
    gboolean values = FALSE, no_inset = FALSE;
    g_autofree char *h_min = g_strdup_printf(
        "hide wards with fewer households (%d; 0: none)", o.min_households);
    g_autofree char *h_seed =
        g_strdup_printf("dots: random seed (%lu)", o.seed);
    g_autofree char *h_classes = g_strdup_printf("classes (%d)", o.n_classes);
    g_autofree char *h_dpi = g_strdup_printf("resolution (%g)", o.dpi);
    GOptionEntry entries[] = {
        {"type", 't', 0, G_OPTION_ARG_STRING, &type,
         "choropleth (default), change, zone, zone-gap, symbols, dots, "
         "bivariate, lisa",
         "TYPE"},
        {"from", 0, 0, G_OPTION_ARG_INT, &o.from_year,
         "change, zone-gap: first year (year before)", "YEAR"},
        {"to", 0, 0, G_OPTION_ARG_INT, &o.year, "same as --year", "YEAR"},
        {"indicator2", 0, 0, G_OPTION_ARG_STRING, &indicator2,
         "bivariate: second indicator (coverage)", "NAME"},
        {"values", 0, 0, G_OPTION_ARG_NONE, &values,
         "write each ward's value under its name", NULL},
        {"min-households", 0, 0, G_OPTION_ARG_INT, &o.min_households, h_min,
         "N"},
        {"per-dot", 0, 0, G_OPTION_ARG_DOUBLE, &o.per_dot,
         "dots: households per dot (automatic)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, h_seed, "N"},
        {"no-inset", 0, 0, G_OPTION_ARG_NONE, &no_inset, "no locator inset",
         NULL},
        {"indicator", 'i', 0, G_OPTION_ARG_STRING, &indicator,
         "indicator (default poor_rate)", "NAME"},
        {"year", 'y', 0, G_OPTION_ARG_INT, &o.year, "review year (latest)",
         "YEAR"},
        {"method", 'm', 0, G_OPTION_ARG_STRING, &method,
         "class breaks: fisher (default), quantile, equal, sd, headtails",
         "METHOD"},
        {"classes", 'k', 0, G_OPTION_ARG_INT, &o.n_classes, h_classes, "N"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "vi (default) or en",
         "LANG"},
        {"title", 0, 0, G_OPTION_ARG_STRING, &title, "map title", "TEXT"},
        {"style", 0, 0, G_OPTION_ARG_FILENAME, &style,
         "style file, or a shipped style's name (print-gray: grayscale)",
         "STYLE"},
        {"width", 0, 0, G_OPTION_ARG_INT, &o.width_px, "width in pixels", "PX"},
        {"height", 0, 0, G_OPTION_ARG_INT, &o.height_px, "height in pixels",
         "PX"},
        {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o.dpi, h_dpi, "DPI"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
         "output .png, .svg or .pdf", "FILE"},
        G_OPTION_ENTRY_NULL};
    if (!cli_parse_options("- draw a map", entries, &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    const char *bad = check(out, method, type, &o);
    if (bad) {
        fprintf(stderr, "povatlas map: %s\n", bad);
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    if (indicator)
        o.indicator = indicator;
    if (indicator2)
        o.indicator2 = indicator2;
    if (lang)
        o.lang = lang;
    o.title = title;
    o.style_path = style;
    o.show_values = values;
    o.seed = (unsigned long)seed;
    if (no_inset)
        o.locator_inset = 0;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    povatlas_status st = ws ? povatlas_map_indicator(ws, &o, out, NULL, &err)
                            : err->code; /* cli_open's own error */
    cli_common_clear(&common);           /* leaves common.quiet */
    return cli_wrote(ws, st, out, common.quiet, NULL, err);
}
