/*
 * export.h - writing the ward layer for other GIS tools (export job), with
 * GDAL's driver names ("GPKG" default, "ESRI Shapefile", "GeoJSON",
 * "FlatGeobuf", "CSV", "KML") and any CRS PROJ knows. Exports carry
 * indicators only: no household row and no personal data ever leaves the
 * workspace through them. And the report tables (table.h) written as text,
 * CSV, JSON or XLSX.
 */
#ifndef POVATLAS_EXPORT_H
#define POVATLAS_EXPORT_H

#include "povatlas/table.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* VN-2000 / TM-3 zone 108°15′, the provincial zone of Ninh Thuận
 * (Circular 973/2001/TT-TCĐC); what t_srs "VN-2000" or "VN2000" means. */
#define POVATLAS_EXPORT_VN2000_CRS "EPSG:9217"

typedef struct povatlas_export_opts {
    const char *format;     /* GDAL short driver name; NULL (default):
                               from the output's extension, as ogr2ogr */
    const char *t_srs;      /* target CRS as PROJ reads it, or "VN-2000";
                               default "EPSG:4326" */
    const char *layer_name; /* default "wards" */
    int year;               /* review year; 0 = the latest */
    int overwrite;          /* 1: replace an existing output */
} povatlas_export_opts;

/** povatlas_export_opts_init: defaults; allocates nothing. */
POVATLAS_API void povatlas_export_opts_init(povatlas_export_opts *opts);

/**
 * povatlas_export_wards:
 * @ws: (transfer none): the workspace, analysed
 * @path: output file; its extension gives the format when @opts->format
 *   is NULL (".gpkg", ".shp", ".geojson", ".fgb", ".csv", ".kml", ".gml",
 *   ".tab", ".mif", ".xlsx", or any a GDAL driver lists). Written with its
 *   sidecar files under temporary names beside it and renamed into place
 *   as a set when complete; nothing is left on failure. An existing @path
 *   (or sidecar) is refused unless @opts->overwrite. A Shapefile also gets
 *   a NAME.qml QGIS style
 * @opts: (nullable): NULL for the defaults
 * @err: (out) (optional): set on failure; POVATLAS_E_USAGE for an unknown
 *   format, extension or CRS and an existing output; POVATLAS_E_INPUT for
 *   a year with neither ward statistics nor a review list, and for a
 *   format without NULL (MapInfo) when a value is missing for some units
 *
 * Writes one feature per unit of the year with the fields code, name,
 * full_name, unit_type, urban, zone, year, households, poor, near_poor,
 * poor_rate, near_poor_rate, poor_near_poor_rate, area_km2, poor_per_km2,
 * near_poor_per_km2, population, people_per_km2 (NULL where undefined),
 * and dataset metadata (POVATLAS_SOURCE, _REVIEW_YEAR, _STANDARD,
 * _SYNTHETIC, _SCHEMATIC_BOUNDARIES). A GeoPackage also holds:
 * Vietnamese field aliases (gpkg_data_columns), the map's style as the
 * layer's QGIS default (layer_styles: QML and SLD with the map's
 * Fisher-Jenks limits and colours from styles/default.ini), an R-tree and
 * the layer's CRS in gpkg_spatial_ref_sys. Timestamps are 31 December of
 * the review year, so the same inputs give a byte-identical GeoPackage.
 */
POVATLAS_API povatlas_status
povatlas_export_wards(povatlas_workspace *ws, const char *path,
                      const povatlas_export_opts *opts, povatlas_error **err);

/**
 * povatlas_export_wards_to_database:
 * @ws: (transfer none): a PostgreSQL workspace, analysed
 * @year: review year; 0 = the latest
 * @published_year: (out) (optional): the year published
 *
 * The ward layer inside the database, for QGIS: the view `wards` of the
 * workspace's schema with the fields of povatlas_export_wards() and its
 * geometry registered with PostGIS, and its default style (the map's
 * Fisher-Jenks limits and colours, as in the GeoPackage) in
 * public.layer_styles (povatlas_workspace_publish_wards()). Run again
 * after analyze: the style's limits are those of the year's values.
 * POVATLAS_E_USAGE for a SQLite workspace, POVATLAS_E_INPUT for a year
 * without data.
 */
POVATLAS_API povatlas_status
povatlas_export_wards_to_database(povatlas_workspace *ws, int year,
                                  int *published_year, povatlas_error **err);

/* ------------------------------------------ report tables as files */

typedef enum povatlas_table_format {
    POVATLAS_TABLE_TEXT,
    POVATLAS_TABLE_CSV,
    POVATLAS_TABLE_JSON,
    POVATLAS_TABLE_XLSX
} povatlas_table_format;

/** povatlas_table_format_parse: "text", "csv", "json" or "xlsx" (any
 * case); 0 when @name is none of them. */
POVATLAS_API int povatlas_table_format_parse(const char *name,
                                             povatlas_table_format *out);
/** povatlas_table_format_of_path: the format of @path's extension (.txt,
 * .csv, .json, .xlsx); 0 when it has none of them. */
POVATLAS_API int povatlas_table_format_of_path(const char *path,
                                               povatlas_table_format *out);

/**
 * povatlas_table_to_string:
 * @lang: "vi" (number format 1.234,5) or "en" (1,234.5) for the text form;
 *   CSV and JSON write numbers as numbers (1234.5), whatever the language
 *
 * The table as text, CSV or JSON (XLSX is a file: POVATLAS_E_USAGE).
 * Returns: (transfer full) (nullable): g_free().
 */
POVATLAS_API char *povatlas_table_to_string(const povatlas_table *t,
                                            povatlas_table_format format,
                                            const char *lang,
                                            povatlas_error **err);

/**
 * povatlas_table_write:
 * @overwrite: 0 refuses an existing @path (POVATLAS_E_USAGE)
 *
 * Writes the table to @path under a temporary name, renamed when complete
 * (nothing is left behind on failure). XLSX goes through GDAL's XLSX
 * driver: one sheet, the heads in the first row, numbers as numbers, a
 * missing cell empty.
 */
POVATLAS_API povatlas_status povatlas_table_write(
    const povatlas_table *t, povatlas_table_format format, const char *lang,
    const char *path, int overwrite, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
