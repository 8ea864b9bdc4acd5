/*
 * wards.c - the ward layer written through GDAL: one feature per unit with
 * its indicators for one year, in the CRS asked for, with metadata saying
 * what the data is. A GeoPackage also gets the map's style as its QGIS
 * default style and Vietnamese field aliases (gpkg_extras.c). Everything
 * is written under a temporary name and moved into place when GDAL has
 * closed it (output.c); the same inputs give the same bytes.
 */
#include <math.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/gdal_errors.h"
#include "export/export_private.h"
#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/export.h"

#define F povatlas_export_fields
#define N_FIELDS povatlas_export_n_fields

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

static povatlas_status define_fields(OGRLayerH layer, povatlas_error **err)
{
    for (size_t i = 0; i < N_FIELDS; i++) {
        OGRFieldDefnH f = OGR_Fld_Create(F[i].name, F[i].type);
        /* drivers that keep aliases (FlatGeobuf title, FileGDB) get them */
        OGR_Fld_SetAlternativeName(f, F[i].alias_vi);
        OGRErr e = OGR_L_CreateField(layer, f, TRUE);
        OGR_Fld_Destroy(f);
        if (e != OGRERR_NONE)
            return povatlas_error_set(err, POVATLAS_E_IO,
                                      "cannot create field '%s': %s", F[i].name,
                                      CPLGetLastErrorMsg());
    }
    return POVATLAS_OK;
}

static const char *unit_text(const povatlas_unit_row *u, const char *name)
{
    return strcmp(name, "code") == 0        ? u->code
           : strcmp(name, "name") == 0      ? u->name
           : strcmp(name, "full_name") == 0 ? u->full_name
           : strcmp(name, "unit_type") == 0 ? u->unit_type
                                            : u->zone;
}

/* Indicator columns of @t follow F's indicator fields in order. */
static void set_values(OGRFeatureH f, const povatlas_indicator_table *t,
                       size_t row, int year)
{
    const povatlas_unit_row *u = &t->units->rows[row];
    size_t k = 0;
    for (size_t i = 0; i < N_FIELDS; i++) {
        int fi = (int)i;
        if (F[i].indicator) {
            size_t at = row * t->n_names + k++;
            if (!t->defined[at])
                OGR_F_SetFieldNull(f, fi);
            else if (F[i].type == OFTInteger64)
                OGR_F_SetFieldInteger64(f, fi, (GIntBig)t->values[at]);
            else
                OGR_F_SetFieldDouble(f, fi, t->values[at]);
        } else if (strcmp(F[i].name, "urban") == 0) {
            OGR_F_SetFieldInteger(f, fi, u->urban);
        } else if (strcmp(F[i].name, "year") == 0) {
            OGR_F_SetFieldInteger(f, fi, year);
        } else if (unit_text(u, F[i].name)) {
            OGR_F_SetFieldString(f, fi, unit_text(u, F[i].name));
        }
    }
}

static OGRGeometryH feature_geometry(const povatlas_unit_row *u,
                                     OGRCoordinateTransformationH ct)
{
    OGRGeometryH g = NULL;
    if (!u->wkb ||
        OGR_G_CreateFromWkb(u->wkb, NULL, &g, (int)u->wkb_size) != OGRERR_NONE)
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
                                      int year, OGRCoordinateTransformationH ct,
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
            return povatlas_error_set(
                err, POVATLAS_E_IO, "cannot write feature %s: %s",
                t->units->rows[i].code, CPLGetLastErrorMsg());
    }
    return POVATLAS_OK;
}

/* What one export needs besides the dataset: the year, the data and, for
 * formats that store a style, the classes of the map. */
typedef struct export_job {
    povatlas_workspace *ws;
    const povatlas_export_opts *o;
    const povatlas_indicator_table *t;
    int year;
    char *stamp; /* owned: fixed "now" for GDAL, from the year */
} export_job;

static char *description(povatlas_workspace *ws, int year)
{
    g_autofree char *synthetic = povatlas_workspace_get_meta(ws, "synthetic");
    g_autofree char *schematic =
        povatlas_workspace_get_meta(ws, "schematic_boundaries");
    return g_strdup_printf(
        "Poor and near-poor household rates by ward, review year %d "
        "(Decree 07/2021/ND-CP standard).%s%s",
        year,
        g_strcmp0(synthetic, "1") == 0 ? " SYNTHETIC DATA: not real households."
                                       : "",
        g_strcmp0(schematic, "1") == 0 ? " Schematic boundaries, not official."
                                       : "");
}

static void set_metadata(const export_job *j, GDALDatasetH ds, OGRLayerH layer)
{
    g_autofree char *synthetic =
        povatlas_workspace_get_meta(j->ws, "synthetic");
    g_autofree char *schematic =
        povatlas_workspace_get_meta(j->ws, "schematic_boundaries");
    g_autofree char *area = povatlas_workspace_get_meta(j->ws, "area_name");
    gboolean syn = g_strcmp0(synthetic, "1") == 0;
    gboolean sch = g_strcmp0(schematic, "1") == 0;
    g_autofree char *desc = description(j->ws, j->year);
    g_autofree char *source = g_strdup_printf(
        "%sKết quả rà soát hộ nghèo, hộ cận nghèo năm %d%s%s",
        syn ? "DỮ LIỆU GIẢ LẬP — không phải số liệu thật. " : "", j->year,
        area ? ", " : "", area ? area : "");
    g_autofree char *y = g_strdup_printf("%d", j->year);
    GDALSetMetadataItem(layer, "DESCRIPTION", desc, NULL);
    GDALSetMetadataItem(layer, "IDENTIFIER", j->o->layer_name, NULL);
    GDALSetMetadataItem(ds, "POVATLAS_SOURCE", source, NULL);
    GDALSetMetadataItem(ds, "POVATLAS_REVIEW_YEAR", y, NULL);
    GDALSetMetadataItem(ds, "POVATLAS_STANDARD",
                        "Nghị định 07/2021/NĐ-CP (chuẩn nghèo đa chiều "
                        "giai đoạn 2022–2025)",
                        NULL);
    GDALSetMetadataItem(ds, "POVATLAS_SYNTHETIC", syn ? "YES" : "NO", NULL);
    GDALSetMetadataItem(ds, "POVATLAS_SCHEMATIC_BOUNDARIES", sch ? "YES" : "NO",
                        NULL);
    GDALSetMetadataItem(ds, "POVATLAS_CONTENT",
                        "Chỉ số tổng hợp theo phường, xã; không có dữ liệu "
                        "hộ gia đình hay thông tin cá nhân",
                        NULL);
    GDALSetMetadataItem(ds, "POVATLAS_VERSION", povatlas_version(), NULL);
}

static OGRCoordinateTransformationH transform_to(OGRSpatialReferenceH dst)
{
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH ct =
        OSRIsSame(wgs84, dst) ? NULL
                              : OCTNewCoordinateTransformation(wgs84, dst);
    OSRDestroySpatialReference(wgs84);
    return ct;
}

static int is_format(const char *format, const char *name)
{
    return g_ascii_strcasecmp(format, name) == 0;
}

/* Layer creation options per driver: UTF-8 attribute text for Shapefile
 * (Vietnamese names), geometry as WKT text for CSV. GPKG keeps GDAL's
 * default SPATIAL_INDEX=YES (an R-tree). */
static const char *const *layer_options(const char *format)
{
    static const char *const shp[] = {"ENCODING=UTF-8", NULL};
    static const char *const csv[] = {"GEOMETRY=AS_WKT", NULL};
    static const char *const gpkg[] = {"SPATIAL_INDEX=YES", NULL};
    return is_format(format, "ESRI Shapefile") ? shp
           : is_format(format, "CSV")          ? csv
           : is_format(format, "GPKG")         ? gpkg
                                               : NULL;
}

/* The poor_rate column of @t (NaN where undefined), as the map reads it. */
static double *poor_rates(const povatlas_indicator_table *t)
{
    size_t k = 0;
    for (size_t i = 0;
         i < N_FIELDS && strcmp(F[i].name, POVATLAS_IND_POOR_RATE) != 0; i++)
        k += (size_t)F[i].indicator;
    double *v = g_new(double, t->units->n + 1);
    for (size_t r = 0; r < t->units->n; r++)
        v[r] = t->defined[r * t->n_names + k] ? t->values[r * t->n_names + k]
                                              : NAN;
    return v;
}

static povatlas_status style_texts(const povatlas_indicator_table *t,
                                   const char *layer_name, char **qml,
                                   char **sld, povatlas_error **err)
{
    g_autofree double *v = poor_rates(t);
    size_t defined = 0;
    for (size_t i = 0; i < t->units->n; i++)
        defined += isfinite(v[i]);
    *qml = *sld = NULL;
    if (defined == 0)
        return POVATLAS_OK; /* no rate to class (no ward statistics): the
                               layer is written unstyled */
    g_autofree char *ini = povatlas_style_path("default.ini");
    povatlas_export_classes c;
    povatlas_status st = povatlas_export_classes_compute(
        v, t->units->n, POVATLAS_IND_POOR_RATE, ini, &c, err);
    if (st)
        return st;
    *qml = povatlas_export_qml(&c);
    *sld = povatlas_export_sld(&c, layer_name);
    povatlas_export_classes_clear(&c);
    return POVATLAS_OK;
}

static povatlas_status add_gpkg_extras(const export_job *j, GDALDatasetH ds,
                                       OGRLayerH layer, povatlas_error **err)
{
    g_autofree char *qml = NULL, *sld = NULL;
    povatlas_status st = style_texts(j->t, j->o->layer_name, &qml, &sld, err);
    return st ? st
              : povatlas_export_gpkg_extras(ds, layer, qml, sld, j->stamp, err);
}

/* QGIS loads NAME.qml beside a Shapefile as its default style. */
static povatlas_status
add_qml_sidecar(const export_job *j, const char *shp_path, povatlas_error **err)
{
    g_autofree char *qml = NULL, *sld = NULL;
    povatlas_status st = style_texts(j->t, j->o->layer_name, &qml, &sld, err);
    if (st || !qml)
        return st;
    const char *dot = strrchr(shp_path, '.');
    g_autofree char *path =
        dot && strchr(dot, '/') == NULL
            ? g_strdup_printf("%.*s.qml", (int)(dot - shp_path), shp_path)
            : g_strdup_printf("%s.qml", shp_path);
    /* beside the .shp in the output's memory folder (output.c) */
    VSILFILE *fp = VSIFOpenL(path, "wb");
    size_t len = strlen(qml);
    int ok = fp && VSIFWriteL(qml, 1, len, fp) == len;
    if (fp && VSIFCloseL(fp) != 0)
        ok = 0;
    if (!ok)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot write the QGIS style");
    return POVATLAS_OK;
}

static povatlas_status fill_layer(const export_job *j, GDALDatasetH ds,
                                  OGRLayerH layer, OGRSpatialReferenceH srs,
                                  povatlas_error **err)
{
    povatlas_status st = define_fields(layer, err);
    if (st)
        return st;
    set_metadata(j, ds, layer);
    OGRCoordinateTransformationH ct = transform_to(srs);
    /* one transaction: GPKG writes 10,600 features in one commit */
    int in_tx = OGR_L_StartTransaction(layer) == OGRERR_NONE;
    st = write_features(layer, j->t, j->year, ct, err);
    if (in_tx && OGR_L_CommitTransaction(layer) != OGRERR_NONE && !st)
        st = povatlas_error_set(err, POVATLAS_E_IO,
                                "cannot commit the layer: %s",
                                CPLGetLastErrorMsg());
    if (!st && is_format(j->o->format, "GPKG"))
        st = povatlas_export_gpkg_layers(j->ws, ds, j->t, j->year, srs, ct,
                                         j->stamp, err);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (!st && is_format(j->o->format, "GPKG"))
        st = add_gpkg_extras(j, ds, layer, err);
    return st;
}

static GDALDriverH vector_driver(const char *format, povatlas_error **err)
{
    GDALDriverH drv = GDALGetDriverByName(format);
    if (!drv || !GDALGetMetadataItem(drv, GDAL_DCAP_VECTOR, NULL) ||
        !GDALGetMetadataItem(drv, GDAL_DCAP_CREATE, NULL)) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "unknown vector format '%s' (use a GDAL driver "
                           "name: GPKG, \"ESRI Shapefile\", GeoJSON, "
                           "FlatGeobuf, CSV, KML)",
                           format);
        return NULL;
    }
    return drv;
}

static povatlas_status write_dataset(const export_job *j, const char *path,
                                     OGRSpatialReferenceH srs,
                                     povatlas_error **err)
{
    GDALDriverH drv = vector_driver(j->o->format, err);
    if (!drv)
        return POVATLAS_E_USAGE;
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    OGRLayerH layer =
        ds ? GDALDatasetCreateLayer(ds, j->o->layer_name, srs, wkbMultiPolygon,
                                    (char **)layer_options(j->o->format))
           : NULL;
    povatlas_status st =
        layer ? fill_layer(j, ds, layer, srs, err)
              : povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                      "cannot create the %s layer: %s",
                                      j->o->format, CPLGetLastErrorMsg());
    if (ds) /* a failure while flushing reaches export_table via gdal_errors */
        GDALClose(ds);
    if (!st && is_format(j->o->format, "ESRI Shapefile"))
        st = add_qml_sidecar(j, path, err);
    return st;
}

/* GDAL stamps "now" into gpkg_contents.last_change and
 * gpkg_metadata_reference.timestamp; a stamp from the data (31 December of
 * the review year) makes the same inputs give the same bytes. Thread-local,
 * restored afterwards. */
static povatlas_status write_pinned(const export_job *j, const char *path,
                                    OGRSpatialReferenceH srs,
                                    povatlas_error **err)
{
    const char *old = CPLGetThreadLocalConfigOption("OGR_CURRENT_DATE", NULL);
    g_autofree char *saved = g_strdup(old);
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", j->stamp);
    povatlas_status st = write_dataset(j, path, srs, err);
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", saved);
    return st;
}

static povatlas_status export_table(export_job *j, const char *path,
                                    povatlas_error **err)
{
    OGRSpatialReferenceH srs = povatlas_export_srs(j->o->t_srs, err);
    if (!srs)
        return POVATLAS_E_USAGE;
    povatlas_export_output out;
    int multi = is_format(j->o->format, "ESRI Shapefile");
    povatlas_status st = povatlas_export_output_begin(&out, path, multi, err);
    if (!st) {
        gdal_errors ge;
        gdal_errors_push(&ge); /* GDAL's messages become our error */
        st = write_pinned(j, out.temp_path, srs, err);
        g_autofree char *why = gdal_errors_pop(&ge);
        if (!st && why)
            st = povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL, "%s",
                                       why);
        st = st ? st : povatlas_export_output_commit(&out, err);
        if (st)
            povatlas_export_output_abort(&out);
    }
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
    const char *names[32];
    size_t n_names = 0;
    g_assert(N_FIELDS <= G_N_ELEMENTS(names));
    for (size_t i = 0; i < N_FIELDS; i++)
        if (F[i].indicator)
            names[n_names++] = F[i].name;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, year, names, n_names, err);
    if (!t)
        return POVATLAS_E_DB;
    export_job j = {ws, &o, t, year,
                    g_strdup_printf("%04d-12-31T00:00:00.000Z", year)};
    povatlas_status st = export_table(&j, path, err);
    g_free(j.stamp);
    povatlas_indicator_table_free(t);
    return st;
}
