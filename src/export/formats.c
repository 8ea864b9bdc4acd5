/*
 * formats.c - the vector formats the ward layer is written in and what
 * each of them can hold: its GDAL driver, the file extensions that choose
 * it when no format is given (as ogr2ogr does), the files a driver writes
 * beside the main one, the layer options we pass, and whether a missing
 * number survives (MapInfo's .dat has no NULL: it reads back as 0).
 * Drivers outside this table still work through GDAL, with GDAL's own
 * extension list and no sidecar files of their own.
 */
#include <string.h>

#include <gdal.h>

#include <glib.h>

#include "export/export_private.h"

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

static const povatlas_export_format FORMATS[] = {
    {"GPKG", LIST("gpkg"), LIST("gpkg-wal", "gpkg-shm", "gpkg-journal"),
     LIST("SPATIAL_INDEX=YES"), 1, 1, 1},
    /* UTF-8 .dbf for Vietnamese names; the .qml is our QGIS style */
    {"ESRI Shapefile", LIST("shp"),
     LIST("shx", "dbf", "prj", "cpg", "qml", "qix", "sbn", "sbx", "shp.xml"),
     LIST("ENCODING=UTF-8"), 1, 1, 1},
    {"GeoJSON", LIST("geojson", "json"), NULL, NULL, 1, 1, 1},
    {"FlatGeobuf", LIST("fgb"), NULL, NULL, 1, 1, 1},
    /* geometry as WKT text; a missing value is an empty cell */
    {"CSV", LIST("csv"), LIST("csvt"), LIST("GEOMETRY=AS_WKT"), 1, 1, 1},
    {"KML", LIST("kml"), NULL, NULL, 1, 1, 1},
    {"GML", LIST("gml"), LIST("xsd", "gfs"), NULL, 1, 1, 1},
    /* no Integer64 and no NULL in a .dat; .mif/.mid is its text twin */
    {"MapInfo File", LIST("tab"), LIST("dat", "map", "id", "ind"), NULL, 0, 0,
     1},
    {"MapInfo File", LIST("mif"), LIST("mid"), NULL, 0, 0, 1},
    /* a sheet named after the layer; no geometry */
    {"XLSX", LIST("xlsx"), NULL, NULL, 1, 1, 0},
};

static int has_extension(const povatlas_export_format *f, const char *path)
{
    const char *dot = strrchr(path, '.');
    for (const char *const *e = f->extensions; dot && *e; e++)
        if (g_ascii_strcasecmp(*e, dot + 1) == 0)
            return 1;
    return 0;
}

const povatlas_export_format *povatlas_export_format_of(const char *driver,
                                                        const char *path)
{
    const povatlas_export_format *first = NULL;
    for (size_t i = 0; driver && i < G_N_ELEMENTS(FORMATS); i++)
        if (g_ascii_strcasecmp(FORMATS[i].driver, driver) == 0) {
            if (has_extension(&FORMATS[i], path))
                return &FORMATS[i];
            first = first ? first : &FORMATS[i];
        }
    return first;
}

static int has_word(const char *list, const char *word)
{
    if (!list)
        return 0;
    g_auto(GStrv) words = g_strsplit(list, " ", -1);
    for (char **w = words; *w; w++)
        if (g_ascii_strcasecmp(*w, word) == 0)
            return 1;
    return 0;
}

/* The first GDAL vector driver that can create files ending in @ext. */
static const char *gdal_driver_for(const char *ext)
{
    for (int i = 0; i < GDALGetDriverCount(); i++) {
        GDALDriverH d = GDALGetDriver(i);
        if (GDALGetMetadataItem(d, GDAL_DCAP_VECTOR, NULL) &&
            GDALGetMetadataItem(d, GDAL_DCAP_CREATE, NULL) &&
            has_word(GDALGetMetadataItem(d, GDAL_DMD_EXTENSIONS, NULL), ext))
            return GDALGetDriverShortName(d);
    }
    return NULL;
}

#define KNOWN                                                                  \
    "GPKG, \"ESRI Shapefile\", GeoJSON, FlatGeobuf, CSV, KML, GML, "           \
    "\"MapInfo File\", XLSX"

const char *povatlas_export_driver_for_path(const char *path,
                                            povatlas_error **err)
{
    g_autofree char *base = g_path_get_basename(path);
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base || !dot[1]) {
        povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                              "the file name has no extension to tell the "
                              "format from: name the format (" KNOWN ")");
        if (err && *err)
            povatlas_error_set_option(*err, "format");
        return NULL;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(FORMATS); i++)
        for (const char *const *e = FORMATS[i].extensions; *e; e++)
            if (g_ascii_strcasecmp(*e, dot + 1) == 0)
                return FORMATS[i].driver;
    const char *drv = gdal_driver_for(dot + 1);
    if (!drv) {
        povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                              "no vector format writes '.%s' files: name "
                              "the format (" KNOWN ")",
                              dot + 1);
        if (err && *err)
            povatlas_error_set_option(*err, "format");
    }
    return drv;
}

const char *povatlas_export_known_formats(void) { return KNOWN; }
