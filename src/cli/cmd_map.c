/*
 * cmd_map.c - `povatlas map`: a choropleth of one indicator and year.
 */
#include <stdio.h>

#include "cli.h"

int cmd_map(int argc, char **argv)
{
    cli_common common = {0};
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    g_autofree gchar *indicator = NULL, *method = NULL, *lang = NULL,
                     *out = NULL, *style = NULL, *title = NULL;
    gint year = 0, classes = 5, width = 1600, height = 1200;
    gdouble dpi = 150;
    GOptionEntry entries[] = {
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
    if (!out || (method && !povatlas_breaks_method_parse(method, &o.method))) {
        fprintf(stderr, "povatlas map: %s\n",
                out ? "unknown class method" : "give the output with -o FILE");
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
