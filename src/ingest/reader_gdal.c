/*
 * reader_gdal.c - rows of any tabular source GDAL reads (CSV, XLSX, ODS,
 * GeoJSON, Shapefile, GPKG ...), every value read as text so that the
 * importer, not a type guess, decides what a cell means.
 */
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include "core/gdal_errors.h"
#include "ingest_private.h"

typedef struct gdal_reader {
    table_reader base;
    GDALDatasetH ds;
    OGRLayerH layer;
    OGRFeatureH feature;
    GIntBig n_features; /* -1 when not cheap to know */
    GIntBig n_read;
} gdal_reader;

static int gdal_next(table_reader *r, povatlas_error **err)
{
    gdal_reader *g = (gdal_reader *)r;
    (void)err;
    if (g->feature)
        OGR_F_Destroy(g->feature);
    g->feature = OGR_L_GetNextFeature(g->layer);
    if (!g->feature)
        return 0;
    g->n_read++;
    r->row++;
    g_ptr_array_set_size(r->fields, 0);
    for (guint i = 0; i < r->header->len; i++) {
        const char *v = OGR_F_IsFieldSetAndNotNull(g->feature, (int)i)
                            ? OGR_F_GetFieldAsString(g->feature, (int)i)
                            : "";
        g_ptr_array_add(r->fields, (gpointer)v);
    }
    return 1;
}

static double gdal_fraction(const table_reader *r)
{
    const gdal_reader *g = (const gdal_reader *)r;
    return g->n_features > 0 ? (double)g->n_read / (double)g->n_features
                             : -1.0;
}

static void gdal_close(table_reader *r)
{
    gdal_reader *g = (gdal_reader *)r;
    if (g->feature)
        OGR_F_Destroy(g->feature);
    if (g->ds)
        GDALClose(g->ds);
}

static OGRLayerH pick_layer(GDALDatasetH ds, const char *name)
{
    if (name)
        return GDALDatasetGetLayerByName(ds, name);
    return GDALDatasetGetLayerCount(ds) > 0 ? GDALDatasetGetLayer(ds, 0)
                                            : NULL;
}

table_reader *reader_gdal_open(const char *path, const char *layer_name,
                               povatlas_error **err)
{
    /* Options unknown to a driver are ignored by GDAL (with a warning). */
    static const char *const open_options[] = {
        "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", "HEADERS=YES",
        NULL};
    /* Spreadsheets: first row is the header, every cell read as text.
     * These drivers read config options (this thread only), at open and
     * again while reading, so they stay set. */
    static const char *const config[][2] = {
        {"OGR_XLSX_HEADERS", "FORCE"}, {"OGR_XLSX_FIELD_TYPES", "STRING"},
        {"OGR_ODS_HEADERS", "FORCE"},  {"OGR_ODS_FIELD_TYPES", "STRING"}};
    for (size_t i = 0; i < G_N_ELEMENTS(config); i++)
        CPLSetThreadLocalConfigOption(config[i][0], config[i][1]);
    gdal_errors ge;
    gdal_errors_push(&ge);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 NULL, open_options, NULL);
    g_autofree char *why = gdal_errors_pop(&ge);

    if (!ds) {
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              "cannot read as a table: %s",
                              why ? why : "format not recognised");
        return NULL;
    }
    OGRLayerH layer = pick_layer(ds, layer_name);
    if (!layer) {
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              layer_name ? "no layer or sheet named '%s'"
                                         : "the file holds no table%s",
                              layer_name ? layer_name : "");
        GDALClose(ds);
        return NULL;
    }
    gdal_reader *g = g_new0(gdal_reader, 1);
    reader_init(&g->base, path);
    g->base.next = gdal_next;
    g->base.fraction = gdal_fraction;
    g->base.close = gdal_close;
    g->ds = ds;
    g->layer = layer;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); i++)
        g_ptr_array_add(g->base.header,
                        g_strdup(OGR_Fld_GetNameRef(
                            OGR_FD_GetFieldDefn(defn, i))));
    g->n_features = OGR_L_TestCapability(layer, OLCFastFeatureCount)
                        ? OGR_L_GetFeatureCount(layer, FALSE)
                        : -1;
    return &g->base;
}

OGRLayerH gdal_open_layer(const char *path, const char *layer_name,
                            GDALDatasetH *ds, povatlas_error **err)
{
    gdal_errors ge;
    gdal_errors_push(&ge);
    *ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL,
                     NULL);
    g_autofree char *why = gdal_errors_pop(&ge);
    if (!*ds) {
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              "cannot read as a vector layer: %s",
                              why ? why : "format not recognised");
        return NULL;
    }
    OGRLayerH layer = layer_name ? GDALDatasetGetLayerByName(*ds, layer_name)
                      : GDALDatasetGetLayerCount(*ds) > 0
                          ? GDALDatasetGetLayer(*ds, 0)
                          : NULL;
    if (!layer)
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              "no layer%s%s", layer_name ? " named " : "",
                              layer_name ? layer_name : "");
    return layer;
}

