/*
 * wards.c - the ward layer written through GDAL: one feature per unit with
 * its indicators for one year, in the CRS asked for, to a temporary name
 * renamed into place when GDAL has closed the file.
 */
#include <string.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/export.h"
#include "core/gdal_errors.h"

/* Indicator fields, in output order. */
static const struct {
    const char *name;
    OGRFieldType type;
} INDICATOR_FIELDS[] = {
    {POVATLAS_IND_HOUSEHOLDS, OFTInteger64},
    {POVATLAS_IND_POOR, OFTInteger64},
    {POVATLAS_IND_NEAR_POOR, OFTInteger64},
    {POVATLAS_IND_POOR_RATE, OFTReal},
    {POVATLAS_IND_NEAR_POOR_RATE, OFTReal},
    {POVATLAS_IND_POOR_NEAR_POOR_RATE, OFTReal},
    {POVATLAS_IND_AREA_KM2, OFTReal},
    {POVATLAS_IND_POOR_PER_KM2, OFTReal},
    {POVATLAS_IND_NEAR_POOR_PER_KM2, OFTReal},
    {POVATLAS_IND_POPULATION, OFTInteger64},
    {POVATLAS_IND_PEOPLE_PER_KM2, OFTReal},
};
#define N_IND G_N_ELEMENTS(INDICATOR_FIELDS)

static const char *const UNIT_FIELDS[] = {"code", "name", "full_name",
                                          "unit_type", "urban", "zone",
                                          "year"};

void povatlas_export_opts_init(povatlas_export_opts *opts)
{
    *opts = (povatlas_export_opts){"GPKG", "EPSG:4326", "wards", 0};
}

int povatlas_latest_year(povatlas_workspace *ws)
{
    g_autofree int *years = povatlas_workspace_years(ws, NULL);
    int latest = 0;
    for (int *y = years; y && *y; y++)
        latest = *y;
    return latest;
}

static void add_field(OGRLayerH layer, const char *name, OGRFieldType type)
{
    OGRFieldDefnH f = OGR_Fld_Create(name, type);
    if (type == OFTString && strcmp(name, "urban") == 0)
        OGR_Fld_SetType(f, OFTInteger);
    OGR_L_CreateField(layer, f, TRUE);
    OGR_Fld_Destroy(f);
}

static void define_fields(OGRLayerH layer)
{
    for (size_t i = 0; i < G_N_ELEMENTS(UNIT_FIELDS); i++)
        add_field(layer, UNIT_FIELDS[i],
                  strcmp(UNIT_FIELDS[i], "urban") == 0 ||
                          strcmp(UNIT_FIELDS[i], "year") == 0
                      ? OFTInteger
                      : OFTString);
    for (size_t i = 0; i < N_IND; i++)
        add_field(layer, INDICATOR_FIELDS[i].name, INDICATOR_FIELDS[i].type);
}

static void set_values(OGRFeatureH f, const povatlas_indicator_table *t,
                       size_t row, int year)
{
    const povatlas_unit_row *u = &t->units->rows[row];
    OGR_F_SetFieldString(f, 0, u->code);
    OGR_F_SetFieldString(f, 1, u->name);
    if (u->full_name)
        OGR_F_SetFieldString(f, 2, u->full_name);
    OGR_F_SetFieldString(f, 3, u->unit_type);
    OGR_F_SetFieldInteger(f, 4, u->urban);
    if (u->zone)
        OGR_F_SetFieldString(f, 5, u->zone);
    OGR_F_SetFieldInteger(f, 6, year);
    for (size_t k = 0; k < N_IND; k++) {
        int field = (int)(G_N_ELEMENTS(UNIT_FIELDS) + k);
        size_t at = row * t->n_names + k;
        if (!t->defined[at])
            OGR_F_SetFieldNull(f, field);
        else if (INDICATOR_FIELDS[k].type == OFTInteger64)
            OGR_F_SetFieldInteger64(f, field, (GIntBig)t->values[at]);
        else
            OGR_F_SetFieldDouble(f, field, t->values[at]);
    }
}

static OGRGeometryH feature_geometry(const povatlas_unit_row *u,
                                     OGRCoordinateTransformationH ct)
{
    OGRGeometryH g = NULL;
    if (!u->wkb || OGR_G_CreateFromWkb(u->wkb, NULL, &g,
                                       (int)u->wkb_size) != OGRERR_NONE)
        return NULL;
    g = OGR_G_ForceToMultiPolygon(g);
    if (ct && OGR_G_Transform(g, ct) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(g);
        return NULL;
    }
    return g;
}

static povatlas_status write_features(OGRLayerH layer,
                                      const povatlas_indicator_table *t,
                                      int year,
                                      OGRCoordinateTransformationH ct,
                                      povatlas_error **err)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (size_t i = 0; i < t->units->n; i++) {
        OGRFeatureH f = OGR_F_Create(defn);
        set_values(f, t, i, year);
        OGRGeometryH g = feature_geometry(&t->units->rows[i], ct);
        if (g)
            OGR_F_SetGeometryDirectly(f, g);
        OGRErr e = OGR_L_CreateFeature(layer, f);
        OGR_F_Destroy(f);
        if (e != OGRERR_NONE)
            return povatlas_error_set(err, POVATLAS_E_IO,
                                      "cannot write feature %s: %s",
                                      t->units->rows[i].code,
                                      CPLGetLastErrorMsg());
    }
    return POVATLAS_OK;
}

static void set_metadata(povatlas_workspace *ws, GDALDatasetH ds,
                         OGRLayerH layer, int year)
{
    g_autofree char *synthetic = povatlas_workspace_get_meta(ws, "synthetic");
    g_autofree char *schematic =
        povatlas_workspace_get_meta(ws, "schematic_boundaries");
    gboolean syn = g_strcmp0(synthetic, "1") == 0;
    gboolean sch = g_strcmp0(schematic, "1") == 0;
    g_autofree char *desc = g_strdup_printf(
        "Poor and near-poor household rates by ward, review year %d "
        "(Decree 07/2021/ND-CP standard).%s%s",
        year, syn ? " SYNTHETIC DATA: not real households." : "",
        sch ? " Schematic boundaries, not official." : "");
    GDALSetMetadataItem(layer, "DESCRIPTION", desc, NULL);
    GDALSetMetadataItem(layer, "IDENTIFIER", "wards", NULL);
    GDALSetMetadataItem(ds, "POVATLAS_SYNTHETIC", syn ? "YES" : "NO", NULL);
    GDALSetMetadataItem(ds, "POVATLAS_SCHEMATIC_BOUNDARIES",
                        sch ? "YES" : "NO", NULL);
    g_autofree char *y = g_strdup_printf("%d", year);
    GDALSetMetadataItem(ds, "POVATLAS_REVIEW_YEAR", y, NULL);
    GDALSetMetadataItem(ds, "POVATLAS_VERSION", povatlas_version(), NULL);
}

static OGRSpatialReferenceH target_srs(const char *t_srs, povatlas_error **err)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (OSRSetFromUserInput(srs, t_srs) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        povatlas_error_set(err, POVATLAS_E_USAGE, "unknown CRS '%s'", t_srs);
        return NULL;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

static OGRCoordinateTransformationH transform_to(OGRSpatialReferenceH dst)
{
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH ct =
        OSRIsSame(wgs84, dst) ? NULL : OCTNewCoordinateTransformation(wgs84, dst);
    OSRDestroySpatialReference(wgs84);
    return ct;
}

static povatlas_status write_dataset(povatlas_workspace *ws, const char *path,
                                     const povatlas_export_opts *o,
                                     const povatlas_indicator_table *t,
                                     int year, povatlas_error **err)
{
    GDALDriverH drv = GDALGetDriverByName(o->format);
    if (!drv || !GDALGetMetadataItem(drv, GDAL_DCAP_VECTOR, NULL))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "unknown vector format '%s' (use a GDAL "
                                  "driver name such as GPKG, GeoJSON, "
                                  "\"ESRI Shapefile\", FlatGeobuf)",
                                  o->format);
    OGRSpatialReferenceH srs = target_srs(o->t_srs, err);
    if (!srs)
        return POVATLAS_E_USAGE;
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    povatlas_status st = POVATLAS_OK;
    OGRLayerH layer = ds ? GDALDatasetCreateLayer(ds, o->layer_name, srs,
                                                  wkbMultiPolygon, NULL)
                         : NULL;
    if (!layer) {
        st = povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                   "cannot create the %s layer: %s",
                                   o->format, CPLGetLastErrorMsg());
    } else {
        define_fields(layer);
        set_metadata(ws, ds, layer, year);
        OGRCoordinateTransformationH ct = transform_to(srs);
        /* one transaction: GPKG writes 10,600 features in one commit */
        int in_tx = OGR_L_StartTransaction(layer) == OGRERR_NONE;
        st = write_features(layer, t, year, ct, err);
        if (in_tx && OGR_L_CommitTransaction(layer) != OGRERR_NONE && !st)
            st = povatlas_error_set(err, POVATLAS_E_IO,
                                    "cannot commit the layer: %s",
                                    CPLGetLastErrorMsg());
        if (ct)
            OCTDestroyCoordinateTransformation(ct);
    }
    if (ds)
        GDALClose(ds);
    OSRDestroySpatialReference(srs);
    return st;
}

povatlas_status povatlas_export_wards(povatlas_workspace *ws, const char *path,
                                      const povatlas_export_opts *opts,
                                      povatlas_error **err)
{
    povatlas_init(); /* idempotent: GDAL drivers for library callers */
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    if (opts)
        o = *opts;
    int year = o.year ? o.year : povatlas_latest_year(ws);
    if (!year)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "the workspace holds no review year yet");
    const char *names[N_IND];
    for (size_t i = 0; i < N_IND; i++)
        names[i] = INDICATOR_FIELDS[i].name;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, year, names, N_IND, err);
    if (!t)
        return POVATLAS_E_DB;
    povatlas_tempfile tf;
    povatlas_status st = povatlas_tempfile_begin(&tf, path, err);
    if (!st) {
        g_unlink(tf.temp_path); /* GDAL drivers create the file themselves */
        gdal_errors ge;
        gdal_errors_push(&ge); /* GDAL's messages become our error */
        st = write_dataset(ws, tf.temp_path, &o, t, year, err);
        g_autofree char *why = gdal_errors_pop(&ge);
        if (!st && why)
            st = povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                       "%s", why);
        st = st ? st : povatlas_tempfile_commit(&tf, err);
        if (st)
            povatlas_tempfile_abort(&tf);
    }
    povatlas_indicator_table_free(t);
    return st;
}
