/*
 * export_private.h - what the export job's files share: the field table
 * with its Vietnamese aliases, the map's classes and colours as export sees
 * them, the QGIS style texts, the GeoPackage extras and the output paths.
 * Nothing here is visible outside src/export and its tests.
 */
#ifndef POVATLAS_EXPORT_PRIVATE_H
#define POVATLAS_EXPORT_PRIVATE_H

#include <stddef.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/fault.h"

#include "povatlas/breaks.h"
#include "povatlas/core.h"
#include "povatlas/error.h"
#include "povatlas/workspace.h"

/* Every feature an export writes goes through here: OGR_L_CreateFeature
 * behind the fault-injection hook of core/fault.h, which fails it as a
 * driver would (OGRERR_FAILURE, GDAL's last error set, nothing printed). */
static inline OGRErr povatlas_export_create_feature(OGRLayerH layer,
                                                    OGRFeatureH f)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_GDAL_WRITE)) {
        CPLErrorSetState(CE_Failure, CPLE_FileIO, "write failed");
        return OGRERR_FAILURE;
    }
    return OGR_L_CreateFeature(layer, f);
}

/* The other GDAL calls of an export that can fail go through the hook's
 * site POVATLAS_FAULT_GDAL_CALL, so that the fault sweep proves each one
 * is checked. */
static inline OGRLayerH povatlas_export_create_layer(GDALDatasetH ds,
                                                     const char *name,
                                                     OGRSpatialReferenceH srs,
                                                     OGRwkbGeometryType type,
                                                     char **options)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_GDAL_CALL)) {
        CPLErrorSetState(CE_Failure, CPLE_FileIO, "cannot create the layer");
        return NULL;
    }
    return GDALDatasetCreateLayer(ds, name, srs, type, options);
}

static inline OGRErr povatlas_export_create_field(OGRLayerH layer,
                                                  OGRFieldDefnH field)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_GDAL_CALL)) {
        CPLErrorSetState(CE_Failure, CPLE_FileIO, "cannot create the field");
        return OGRERR_FAILURE;
    }
    return OGR_L_CreateField(layer, field, TRUE);
}

/* GDALSetMetadataItem on a dataset or layer. */
static inline CPLErr povatlas_export_set_metadata(GDALMajorObjectH obj,
                                                  const char *key,
                                                  const char *value)
{
    if (povatlas_fault_hit(POVATLAS_FAULT_GDAL_CALL)) {
        CPLErrorSetState(CE_Failure, CPLE_FileIO, "cannot set metadata");
        return CE_Failure;
    }
    return GDALSetMetadataItem(obj, key, value, NULL);
}

/* OGR_G_Transform of @g by @ct (NULL: nothing to do). */
static inline OGRErr povatlas_export_transform(OGRGeometryH g,
                                               OGRCoordinateTransformationH ct)
{
    if (!ct)
        return OGRERR_NONE;
    if (povatlas_fault_hit(POVATLAS_FAULT_GDAL_CALL)) {
        CPLErrorSetState(CE_Failure, CPLE_AppDefined, "transform failed");
        return OGRERR_FAILURE;
    }
    return OGR_G_Transform(g, ct);
}

/* ------------------------------------------------------------ fields.c */

typedef struct povatlas_export_field {
    const char *name;
    OGRFieldType type;
    const char *alias_vi;   /* Vietnamese alternative name shown in QGIS */
    int indicator;          /* 1: read from the indicators table */
    const char *short_name; /* nullable: name in a .dbf (10 characters
                               at most) when @name is longer */
} povatlas_export_field;

/* Every field of the ward layer, in output order. */
extern const povatlas_export_field povatlas_export_fields[];
extern const size_t povatlas_export_n_fields;

/* ------------------------------------------------------- class_style.c */

#define POVATLAS_EXPORT_MAX_CLASSES 8 /* 7 breaks and the zero class */

/* The classes the map draws for one indicator, and how it draws them,
 * read from the same styles/ .ini the renderer reads. Class 0 is the zero
 * class when @zero_class. */
typedef struct povatlas_export_classes {
    const char *attr;              /* the classed field ("poor_rate") */
    povatlas_classes *classes;     /* owned: povatlas_classes_compute() */
    const povatlas_breaks *breaks; /* classes->breaks: the classes after the
                                     zero class; NULL when all are 0 */
    int zero_class;                /* 1: class 0 is exactly 0 */
    int n_classes;                 /* zero_class + breaks' classes */
    unsigned int rgb[POVATLAS_EXPORT_MAX_CLASSES]; /* 0xrrggbb per class */
    char **labels; /* owned (g_strfreev): legend labels, vi */
    char *font;    /* owned: first family of [map] font */
    unsigned int border_rgb, text_rgb, halo_rgb;
    double border_width_pt, label_pt, halo_pt;
} povatlas_export_classes;

/*
 * povatlas_export_classes_compute:
 * @values: (array length=n): the indicator per unit, NaN for a unit the
 *   map leaves out of its classes (no value, small cell)
 * @style_ini: a styles/ .ini (GKeyFile) with [map] and [ramp:NAME]
 * @out: (out caller-allocates): clear with povatlas_export_classes_clear()
 *
 * The classes of the poor_rate map (src/render/map_types.c) from the same
 * povatlas_classes_compute() call: Fisher-Jenks with 5 classes after a
 * zero class when a unit has 0, the zero class's colour and "0 hộ", the
 * style's ramp for the other classes, "dưới 2,35 %" labels with a comma
 * decimal mark.
 */
povatlas_status povatlas_export_classes_compute(const double *values, size_t n,
                                                const char *attr,
                                                const char *style_ini,
                                                povatlas_export_classes *out,
                                                povatlas_error **err);
void povatlas_export_classes_clear(povatlas_export_classes *c);

/*
 * povatlas_export_class_labels:
 * Legend labels as the map writes them (src/render/legend.c): left-closed
 * classes read "dưới b", "từ a đến dưới b", ..., "từ z trở lên";
 * right-closed "đến a", "trên a đến b", ..., "trên z"; numbers in @lang
 * format with @decimals, more when two limits would print alike. Returns:
 * (transfer full): g_strfreev().
 */
char **povatlas_export_class_labels(const povatlas_breaks *b, int decimals,
                                    const char *suffix, const char *lang);

/* -------------------------------------------------------- qgis_style.c */

/* QGIS layer style (QML): graduated renderer on c->attr with c's limits,
 * colours and labels, labels on "name", field aliases. @written
 * (nullable): the name each field of povatlas_export_fields has in the
 * file (a .dbf's short names; NULL entries: not written), NULL for the
 * fields' own names. (transfer full): g_free(). */
char *povatlas_export_qml(const povatlas_export_classes *c,
                          const char *const *written);
/* OGC SLD 1.1 with one rule per class and a label rule. g_free(). */
char *povatlas_export_sld(const povatlas_export_classes *c,
                          const char *layer_name);

/* -------------------------------------------------------- gpkg_extras.c */

/*
 * povatlas_export_gpkg_extras:
 * @stamp: the fixed time written into layer_styles.update_time
 *
 * Adds to an open GeoPackage the QGIS default style of @layer (table
 * layer_styles, an attributes table) and the Vietnamese field aliases
 * (gpkg_data_columns of the schema extension).
 */
povatlas_status povatlas_export_gpkg_extras(GDALDatasetH ds, OGRLayerH layer,
                                            const char *qml, const char *sld,
                                            const char *stamp,
                                            povatlas_error **err);

/* --------------------------------------------------------- target_crs.c */

/*
 * povatlas_export_srs:
 * @t_srs: anything OSRSetFromUserInput() reads, or "VN-2000" / "VN2000"
 *   (any case) for POVATLAS_EXPORT_VN2000_CRS
 *
 * Returns: (transfer full) (nullable): traditional GIS axis order;
 *   OSRDestroySpatialReference(). NULL with POVATLAS_E_USAGE set.
 */
OGRSpatialReferenceH povatlas_export_srs(const char *t_srs,
                                         povatlas_error **err);

/* ----------------------------------------------------------- formats.c */

/* A format the ward layer is written in, and what it can hold. */
typedef struct povatlas_export_format {
    const char *driver;               /* GDAL short name */
    const char *const *extensions;    /* choose it when -f is absent */
    const char *const *sidecars;      /* nullable: extensions of the files
                                         written beside the main one */
    const char *const *layer_options; /* nullable */
    int holds_null;     /* 0: a missing number would read back as 0 */
    int holds_int64;    /* 0: counts are written as 32-bit integers */
    int holds_geometry; /* 0: attributes only (XLSX) */
} povatlas_export_format;

/* The table's entry for @driver (any case) and, where a driver has two
 * (MapInfo .tab and .mif), the one of @path's extension; NULL for a
 * driver outside the table (written through GDAL with its defaults). */
const povatlas_export_format *povatlas_export_format_of(const char *driver,
                                                        const char *path);

/* The driver that writes @path, from its extension: the table first, then
 * GDAL's drivers' extension lists. NULL with POVATLAS_E_USAGE set when the
 * name has no extension or no driver writes it. */
const char *povatlas_export_driver_for_path(const char *path,
                                            povatlas_error **err);

/* "GPKG, \"ESRI Shapefile\", ...": the formats of the table, for messages. */
const char *povatlas_export_known_formats(void);

/* ------------------------------------------------------------ output.c */

/* Where a driver writes before the result is moved into place: GDAL writes
 * into memory (/vsimem/) under the output's final name, so that every
 * file a driver makes beside the main one (a .shp's .dbf, a .gml's .xsd,
 * a .tab's .dat) is named right; the commit copies each through core's
 * checked tempfile beside the target and renames them as a set. GDAL 3.6
 * drivers (GeoJSON, CSV, KML) ignore a failed write or close, so a full
 * disk gave a truncated file reported as written; the copy checks every
 * write, the flush to disk and the size before anything is renamed. */
typedef struct povatlas_export_output {
    char *final_path;            /* owned */
    char *temp_path;             /* owned: what GDAL is given, under mem_dir */
    char *mem_dir;               /* owned: /vsimem/ folder of this output */
    const char *const *sidecars; /* the format's, nullable */
    povatlas_tempfile tf;        /* reserved beside final_path at begin */
} povatlas_export_output;

/*
 * povatlas_export_output_begin: reserves a temporary file beside @path
 * (so a missing or read-only folder fails before any work) and a memory
 * folder for GDAL.
 * @sidecars: (nullable): extensions of files that belong to @path
 *   ("dbf" for a .shp): without @overwrite, any of them existing refuses
 *   the export too; with it, the ones the new output lacks are removed
 *   when it is committed (a stale .qix or .gpkg-wal would corrupt it)
 * @overwrite: 0: an existing @path is refused (POVATLAS_E_USAGE)
 */
povatlas_status povatlas_export_output_begin(povatlas_export_output *o,
                                             const char *path,
                                             const char *const *sidecars,
                                             int overwrite,
                                             povatlas_error **err);
/* Writes every file GDAL made (checked), then renames each into place,
 * the main file last, and clears @o. Call after GDAL closed the dataset.
 * On failure nothing GDAL made is left beside the target: files already
 * renamed are removed again (half a Shapefile is worse than none). */
povatlas_status povatlas_export_output_commit(povatlas_export_output *o,
                                              povatlas_error **err);
/* Removes whatever was written; safe on a cleared @o. */
void povatlas_export_output_abort(povatlas_export_output *o);

/* The GeoPackage's other layers: `indicators` (every indicator by unit and
 * year, no geometry), `zones` (dissolved, with rates from summed counts)
 * and `coverage` (per ward), each only when the workspace has the data.
 * @srs/@ct: the output CRS and the transformation from EPSG:4326. */
povatlas_status povatlas_export_gpkg_layers(
    povatlas_workspace *ws, GDALDatasetH ds, const povatlas_indicator_table *t,
    int year, OGRSpatialReferenceH srs, OGRCoordinateTransformationH ct,
    const char *stamp, povatlas_error **err);

/* Adds a default style row to layer_styles (created when missing) for
 * @layer: schema '' and the layer's real geometry column, as QGIS needs. */
povatlas_status povatlas_export_style_row(GDALDatasetH ds, OGRLayerH layer,
                                          const char *qml, const char *sld,
                                          const char *description,
                                          const char *stamp,
                                          povatlas_error **err);

#endif
