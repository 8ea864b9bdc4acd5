/*
 * cmd_export.c - `povatlas export`: the ward layer in a GDAL format and
 * CRS, with GDAL's option names (-f, -t_srs, -o); without -f the format
 * comes from the output's extension, as with ogr2ogr.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* GDAL tools spell it -t_srs; GOption wants --t_srs. */
static void gdal_style_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-t_srs") == 0)
            argv[i] = (char *)"--t_srs";
}

int cmd_export(int argc, char **argv)
{
    cli_common common = {0};
    g_autofree gchar *format = NULL, *t_srs = NULL, *out = NULL, *layer = NULL;
    gint year = 0;
    gboolean overwrite = FALSE, to_database = FALSE;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
         "GDAL driver name (default: from the output's extension; GPKG, "
         "\"ESRI Shapefile\", GeoJSON, FlatGeobuf, CSV, KML, GML, "
         "\"MapInfo File\", XLSX)",
         "FORMAT"},
        {"t_srs", 0, 0, G_OPTION_ARG_STRING, &t_srs,
         "target CRS (EPSG:4326 default; VN-2000: EPSG:9217, TM-3 108°15')",
         "CRS"},
        {"year", 'y', 0, G_OPTION_ARG_INT, &year, "review year (latest)",
         "YEAR"},
        {"layer-name", 0, 0, G_OPTION_ARG_STRING, &layer, "layer name (wards)",
         "NAME"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "output file", "FILE"},
        {"overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
         "replace an existing output (and its sidecar files)", NULL},
        {"to-database", 0, 0, G_OPTION_ARG_NONE, &to_database,
         "PostgreSQL workspace: the layer as the view wards in its schema, "
         "with its default QGIS style in public.layer_styles (no -o)",
         NULL},
        G_OPTION_ENTRY_NULL};
    gdal_style_args(argc, argv);
    if (!cli_parse_options("- write the ward layer", entries, &common, &argc,
                           &argv))
        return CLI_EXIT_USAGE;
    if (to_database && (out || format || t_srs || layer || overwrite)) {
        fprintf(stderr, "povatlas export: --to-database takes only --year "
                        "(the view is wards, in EPSG:4326)\n");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    if (to_database) {
        povatlas_error *err = NULL;
        povatlas_workspace *ws = cli_open(&common, &err);
        int published = 0;
        if (ws)
            povatlas_export_wards_to_database(ws, year, &published, &err);
        povatlas_workspace_close(ws);
        cli_common_clear(&common);
        if (err)
            return cli_fail(err);
        if (!common.quiet)
            printf("published the view wards (%d) and its QGIS style\n",
                   published);
        return CLI_EXIT_OK;
    }
    if (!out) {
        fprintf(stderr, "povatlas export: give the output with -o FILE\n");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    if (format)
        o.format = format;
    if (t_srs)
        o.t_srs = t_srs;
    if (layer)
        o.layer_name = layer;
    o.year = year;
    o.overwrite = overwrite;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    povatlas_status st = ws ? povatlas_export_wards(ws, out, &o, &err)
                            : err->code; /* cli_open's own error */
    cli_common_clear(&common);           /* leaves common.quiet */
    return cli_wrote(ws, st, out, common.quiet, NULL, err);
}
