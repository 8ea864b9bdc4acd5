/*
 * export.h - writing the ward layer for other GIS tools (export job), with
 * GDAL's driver names ("GPKG" default, "ESRI Shapefile", "GeoJSON",
 * "FlatGeobuf", "CSV", "KML") and any CRS PROJ knows. Exports carry
 * indicators only: no household row and no personal data ever leaves the
 * workspace through them.
 */
#ifndef POVATLAS_EXPORT_H
#define POVATLAS_EXPORT_H

#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct povatlas_export_opts {
    const char *format;     /* GDAL short driver name, default "GPKG" */
    const char *t_srs;      /* target CRS, default "EPSG:4326" */
    const char *layer_name; /* default "wards" */
    int year;               /* review year; 0 = the latest */
} povatlas_export_opts;

/** povatlas_export_opts_init: defaults; allocates nothing. */
POVATLAS_API void povatlas_export_opts_init(povatlas_export_opts *opts);

/**
 * povatlas_export_wards:
 * @path: output file, written under a temporary name and renamed when
 *   complete (an existing file is replaced)
 *
 * Writes one feature per unit of the year with the fields code, name,
 * full_name, unit_type, urban, zone, year, households, poor, near_poor,
 * poor_rate, near_poor_rate, poor_near_poor_rate, area_km2, poor_per_km2,
 * near_poor_per_km2, population, people_per_km2 (NULL where undefined),
 * and dataset metadata saying whether the data is synthetic and the
 * boundaries schematic.
 */
POVATLAS_API povatlas_status povatlas_export_wards(
    povatlas_workspace *ws, const char *path, const povatlas_export_opts *opts,
    povatlas_error **err);

/** povatlas_latest_year: latest review year with data, 0 when none. */
POVATLAS_API int povatlas_latest_year(povatlas_workspace *ws);

#ifdef __cplusplus
}
#endif
#endif
