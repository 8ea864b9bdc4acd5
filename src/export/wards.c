/*
 * wards.c - the ward layer written through GDAL: one feature per unit with
 * its indicators for one year, in the CRS asked for, with metadata saying
 * what the data is. A GeoPackage also gets the map's style as its QGIS
 * default style and Vietnamese field aliases (gpkg_extras.c). The format
 * comes from the output's extension unless given (formats.c); every value
 * is set by the name its driver gave the field, since drivers rename
 * (Shapefile's 10 characters) and reorder (KML) them. Everything is
 * written in a temporary folder and moved into place when GDAL has closed
 * it (output.c); the same inputs give the same bytes.
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
#define MAX_FIELDS 32

void povatlas_export_opts_init(povatlas_export_opts *opts)
{
    *opts = (povatlas_export_opts){NULL, "EPSG:4326", "wards", 0, 0};
}

/* What one export needs besides the dataset: the year, the data, the
 * format and, once the layer exists, where each field went. */
typedef struct export_job {
    povatlas_workspace *ws;
    const povatlas_export_opts *o;
    const povatlas_indicator_table *t;
    int year;
    int synthetic;                     /* the workspace's flag */
    int schematic;                     /* schematic boundaries */
    char *area;                        /* owned, nullable: meta area_name */
    char *stamp;                       /* owned: fixed "now" for GDAL */
    const char *driver;                /* GDAL short name */
    const povatlas_export_format *fmt; /* nullable: outside our table */
    int omit[MAX_FIELDS];              /* 1: not written (see left_out) */
    char *written[MAX_FIELDS];         /* owned: the driver's field names */
    int index[MAX_FIELDS];             /* -1 where omitted */
} export_job;

static int is_format(const char *format, const char *name)
{
    return g_ascii_strcasecmp(format, name) == 0;
}

/* The name we ask for: a .dbf takes 10 characters at most. */
static const char *asked_name(const export_job *j, size_t i)
{
    return is_format(j->driver, "ESRI Shapefile") && F[i].short_name
               ? F[i].short_name
               : F[i].name;
}

/* The field of @defn whose name is not in @before: the one just made,
 * under whatever name the driver gave it. */
static const char *new_field(OGRFeatureDefnH defn, GHashTable *before)
{
    for (int k = 0; k < OGR_FD_GetFieldCount(defn); k++) {
        const char *n = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, k));
        if (!g_hash_table_contains(before, n))
            return n;
    }
    return NULL;
}

static GHashTable *field_names(OGRFeatureDefnH defn)
{
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int k = 0; k < OGR_FD_GetFieldCount(defn); k++)
        g_hash_table_add(
            h, g_strdup(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, k))));
    return h;
}

static OGRFieldType field_type(const export_job *j, size_t i)
{
    const char *types = GDALGetMetadataItem(
        GDALGetDriverByName(j->driver), GDAL_DMD_CREATIONFIELDDATATYPES, NULL);
    int int64 = j->fmt ? j->fmt->holds_int64
                       : !types || strstr(types, "Integer64") != NULL;
    return F[i].type == OFTInteger64 && !int64 ? OFTInteger : F[i].type;
}

static povatlas_status define_fields(export_job *j, OGRLayerH layer,
                                     povatlas_error **err)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (j->omit[i])
            continue;
        g_autoptr(GHashTable) before = field_names(defn);
        OGRFieldDefnH f = OGR_Fld_Create(asked_name(j, i), field_type(j, i));
        /* drivers that keep aliases (FlatGeobuf title, FileGDB) get them */
        OGR_Fld_SetAlternativeName(f, F[i].alias_vi);
        OGRErr e = povatlas_export_create_field(layer, f);
        OGR_Fld_Destroy(f);
        const char *made = e == OGRERR_NONE ? new_field(defn, before) : NULL;
        if (!made)
            return povatlas_error_set(err, POVATLAS_E_IO,
                                      "cannot create field '%s': %s", F[i].name,
                                      CPLGetLastErrorMsg());
        j->written[i] = g_strdup(made);
    }
    /* indices only now: a driver may have reordered earlier fields */
    for (size_t i = 0; i < N_FIELDS; i++)
        j->index[i] =
            j->written[i] ? OGR_FD_GetFieldIndex(defn, j->written[i]) : -1;
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

/* Indicator columns of @t follow F's indicator fields in order; each
 * value goes to the field by the name the driver gave it. */
static void set_values(const export_job *j, OGRFeatureH f, size_t row)
{
    const povatlas_indicator_table *t = j->t;
    const povatlas_unit_row *u = &t->units->rows[row];
    size_t k = 0;
    for (size_t i = 0; i < N_FIELDS; i++) {
        int fi = j->index[i];
        if (F[i].indicator && fi < 0) {
            k++;
        } else if (fi < 0) {
            continue;
        } else if (F[i].indicator) {
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
            OGR_F_SetFieldInteger(f, fi, j->year);
        } else if (unit_text(u, F[i].name)) {
            OGR_F_SetFieldString(f, fi, unit_text(u, F[i].name));
        }
    }
}

/* The polygon of @u, transformed by @ct, in *@out: NULL when the unit
 * has none. A stored polygon GDAL cannot read or transform is an error,
 * never a ward written without its polygon. */
static povatlas_status feature_geometry(const povatlas_unit_row *u,
                                        OGRCoordinateTransformationH ct,
                                        OGRGeometryH *out, povatlas_error **err)
{
    *out = NULL;
    OGRGeometryH g = NULL;
    if (!u->wkb)
        return POVATLAS_OK;
    if (OGR_G_CreateFromWkb(u->wkb, NULL, &g, (int)u->wkb_size) != OGRERR_NONE)
        return povatlas_error_set(err, POVATLAS_E_DB,
                                  "the stored polygon of ward %s cannot be "
                                  "read",
                                  u->code);
    g = OGR_G_ForceToMultiPolygon(g);
    if (povatlas_export_transform(g, ct) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(g);
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot transform ward %s: %s", u->code,
                                  CPLGetLastErrorMsg());
    }
    *out = g;
    return POVATLAS_OK;
}

static povatlas_status write_features(const export_job *j, OGRLayerH layer,
                                      OGRCoordinateTransformationH ct,
                                      povatlas_error **err)
{
    const povatlas_indicator_table *t = j->t;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int geometry = !j->fmt || j->fmt->holds_geometry;
    for (size_t i = 0; i < t->units->n; i++) {
        OGRGeometryH g = NULL;
        if (geometry) {
            povatlas_status st =
                feature_geometry(&t->units->rows[i], ct, &g, err);
            if (st)
                return st;
        }
        OGRFeatureH f = OGR_F_Create(defn);
        set_values(j, f, i);
        if (g)
            OGR_F_SetGeometryDirectly(f, g);
        OGRErr e = povatlas_export_create_feature(layer, f);
        OGR_F_Destroy(f);
        if (e != OGRERR_NONE)
            return povatlas_error_set(
                err, POVATLAS_E_IO, "cannot write feature %s: %s",
                t->units->rows[i].code, CPLGetLastErrorMsg());
    }
    return POVATLAS_OK;
}

static char *description(int year, int synthetic, int schematic)
{
    return g_strdup_printf(
        "Poor and near-poor household rates by ward, review year %d "
        "(Decree 07/2021/ND-CP standard).%s%s%s%s",
        year, synthetic ? " " : "",
        synthetic ? povatlas_synthetic_note("en") : "", synthetic ? "." : "",
        schematic ? " Schematic boundaries, not official." : "");
}

/* The meta the export's metadata states, read before anything is written:
 * a failed read is an error, never "not schematic". */
static povatlas_status read_meta(export_job *j, povatlas_error **err)
{
    g_autofree char *schematic = NULL;
    povatlas_status st =
        povatlas_workspace_is_synthetic(j->ws, &j->synthetic, err);
    if (!st)
        st = povatlas_workspace_get_meta(j->ws, "schematic_boundaries",
                                         &schematic, err);
    if (!st)
        st = povatlas_workspace_get_meta(j->ws, "area_name", &j->area, err);
    j->schematic = g_strcmp0(schematic, "1") == 0;
    return st;
}

static povatlas_status set_metadata(const export_job *j, GDALDatasetH ds,
                                    OGRLayerH layer, povatlas_error **err)
{
    const char *area = j->area;
    gboolean syn = j->synthetic;
    gboolean sch = j->schematic;
    g_autofree char *desc = description(j->year, j->synthetic, j->schematic);
    g_autofree char *source = g_strdup_printf(
        "%s%sKết quả rà soát hộ nghèo, hộ cận nghèo năm %d%s%s",
        syn ? povatlas_synthetic_note("vi") : "", syn ? ". " : "", j->year,
        area ? ", " : "", area ? area : "");
    g_autofree char *y = g_strdup_printf("%d", j->year);
    /* GDAL 3.6's MapInfo layer crashes on layer metadata (the .tab has
     * no place for it anyway) */
    int layer_meta = !is_format(j->driver, "MapInfo File");
    const struct {
        GDALMajorObjectH on;
        const char *key, *value;
    } items[] = {
        {layer_meta ? layer : NULL, "DESCRIPTION", desc},
        {layer_meta ? layer : NULL, "IDENTIFIER", j->o->layer_name},
        {ds, "POVATLAS_SOURCE", source},
        {ds, "POVATLAS_REVIEW_YEAR", y},
        {ds, "POVATLAS_STANDARD",
         "Nghị định 07/2021/NĐ-CP (chuẩn nghèo đa chiều giai đoạn "
         "2022–2025)"},
        {ds, "POVATLAS_SYNTHETIC", syn ? "YES" : "NO"},
        {ds, "POVATLAS_SCHEMATIC_BOUNDARIES", sch ? "YES" : "NO"},
        {ds, "POVATLAS_CONTENT",
         "Chỉ số tổng hợp theo phường, xã; không có dữ liệu hộ gia đình hay "
         "thông tin cá nhân"},
        {ds, "POVATLAS_VERSION", povatlas_version()},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(items); i++)
        if (items[i].on &&
            povatlas_export_set_metadata(items[i].on, items[i].key,
                                         items[i].value) != CE_None)
            return povatlas_error_set(err, POVATLAS_E_IO,
                                      "cannot set the metadata item %s: %s",
                                      items[i].key, CPLGetLastErrorMsg());
    return POVATLAS_OK;
}

/* The transformation from the workspace's EPSG:4326 to @dst in *@ct,
 * NULL when @dst is EPSG:4326 itself. */
static povatlas_status transform_to(OGRSpatialReferenceH dst,
                                    OGRCoordinateTransformationH *ct,
                                    povatlas_error **err)
{
    *ct = NULL;
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    if (OSRImportFromEPSG(wgs84, 4326) != OGRERR_NONE) {
        OSRDestroySpatialReference(wgs84);
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot read EPSG:4326 from PROJ's "
                                  "database: %s",
                                  CPLGetLastErrorMsg());
    }
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    int same = OSRIsSame(wgs84, dst);
    if (!same)
        *ct = OCTNewCoordinateTransformation(wgs84, dst);
    OSRDestroySpatialReference(wgs84);
    if (!same && !*ct)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "no transformation from EPSG:4326 to the "
                                  "target CRS: %s",
                                  CPLGetLastErrorMsg());
    return POVATLAS_OK;
}

/* Column @name of @t, NaN where undefined. */
static double column(const povatlas_indicator_table *t, size_t row,
                     const char *name)
{
    size_t k = 0;
    for (size_t i = 0; i < N_FIELDS && strcmp(F[i].name, name) != 0; i++)
        k += (size_t)F[i].indicator;
    size_t at = row * t->n_names + k;
    return t->defined[at] ? t->values[at] : NAN;
}

/* The poor_rate of each unit as the map classes it: NaN where undefined
 * or a small cell (the map's default threshold), so that the style's
 * classes are the map's. */
static double *poor_rates(const povatlas_indicator_table *t)
{
    double *v = g_new(double, t->units->n + 1);
    for (size_t r = 0; r < t->units->n; r++)
        v[r] = povatlas_small_cell(column(t, r, POVATLAS_IND_HOUSEHOLDS),
                                   POVATLAS_MIN_HOUSEHOLDS)
                   ? NAN
                   : column(t, r, POVATLAS_IND_POOR_RATE);
    return v;
}

static povatlas_status style_texts(const export_job *j, char **qml, char **sld,
                                   povatlas_error **err)
{
    const povatlas_indicator_table *t = j->t;
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
    *qml = povatlas_export_qml(&c, (const char *const *)j->written);
    *sld = povatlas_export_sld(&c, j->o->layer_name);
    povatlas_export_classes_clear(&c);
    return POVATLAS_OK;
}

static povatlas_status add_gpkg_extras(const export_job *j, GDALDatasetH ds,
                                       OGRLayerH layer, povatlas_error **err)
{
    g_autofree char *qml = NULL, *sld = NULL;
    povatlas_status st = style_texts(j, &qml, &sld, err);
    return st ? st
              : povatlas_export_gpkg_extras(ds, layer, qml, sld, j->stamp, err);
}

/* QGIS loads NAME.qml beside a Shapefile as its default style; its field
 * names are the .dbf's. */
static povatlas_status
add_qml_sidecar(const export_job *j, const char *shp_path, povatlas_error **err)
{
    g_autofree char *qml = NULL, *sld = NULL;
    povatlas_status st = style_texts(j, &qml, &sld, err);
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

static povatlas_status fill_layer(export_job *j, GDALDatasetH ds,
                                  OGRLayerH layer, OGRSpatialReferenceH srs,
                                  povatlas_error **err)
{
    povatlas_status st = define_fields(j, layer, err);
    if (!st)
        st = set_metadata(j, ds, layer, err);
    OGRCoordinateTransformationH ct = NULL;
    if (!st)
        st = transform_to(srs, &ct, err);
    if (st)
        return st;
    /* one transaction: GPKG writes 10,600 features in one commit */
    int in_tx = OGR_L_StartTransaction(layer) == OGRERR_NONE;
    st = write_features(j, layer, ct, err);
    if (in_tx && OGR_L_CommitTransaction(layer) != OGRERR_NONE && !st)
        st = povatlas_error_set(err, POVATLAS_E_IO,
                                "cannot commit the layer: %s",
                                CPLGetLastErrorMsg());
    int gpkg = is_format(j->driver, "GPKG");
    if (!st && gpkg)
        st = povatlas_export_gpkg_layers(j->ws, ds, j->t, j->year, srs, ct,
                                         j->stamp, err);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (!st && gpkg)
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
                           "name: %s)",
                           format, povatlas_export_known_formats());
        return NULL;
    }
    return drv;
}

static povatlas_status write_dataset(export_job *j, const char *path,
                                     OGRSpatialReferenceH srs,
                                     povatlas_error **err)
{
    GDALDriverH drv = GDALGetDriverByName(j->driver);
    int geometry = !j->fmt || j->fmt->holds_geometry;
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    OGRLayerH layer = ds ? povatlas_export_create_layer(
                               ds, j->o->layer_name, geometry ? srs : NULL,
                               geometry ? wkbMultiPolygon : wkbNone,
                               j->fmt ? (char **)j->fmt->layer_options : NULL)
                         : NULL;
    povatlas_status st =
        layer ? fill_layer(j, ds, layer, srs, err)
              : povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                      "cannot create the %s layer: %s",
                                      j->driver, CPLGetLastErrorMsg());
    if (ds) /* a failure while flushing reaches export_table via gdal_errors */
        GDALClose(ds);
    if (!st && is_format(j->driver, "ESRI Shapefile"))
        st = add_qml_sidecar(j, path, err);
    return st;
}

/* GDAL stamps "now" into gpkg_contents.last_change and
 * gpkg_metadata_reference.timestamp; a stamp from the data (31 December of
 * the review year) makes the same inputs give the same bytes. Thread-local,
 * restored afterwards. */
static povatlas_status write_pinned(export_job *j, const char *path,
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
    povatlas_error *srs_err = NULL;
    OGRSpatialReferenceH srs = povatlas_export_srs(j->o->t_srs, &srs_err);
    if (!srs)
        return povatlas_error_propagate_or(err, srs_err, POVATLAS_E_USAGE);
    povatlas_export_output out;
    povatlas_status st = povatlas_export_output_begin(
        &out, path, j->fmt ? j->fmt->sidecars : NULL, j->o->overwrite, err);
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

/* A year the workspace holds neither ward statistics nor a review list
 * for would be a layer of empty features: refused, naming what is there. */
static povatlas_status check_year(povatlas_workspace *ws, int year,
                                  povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree int *years = povatlas_workspace_years(ws, &why);
    if (!years)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    GString *have = g_string_new(NULL);
    for (int *y = years; *y; y++) {
        if (*y == year) {
            g_string_free(have, TRUE);
            return POVATLAS_OK;
        }
        g_string_append_printf(have, "%s%d", have->len ? ", " : "", *y);
    }
    povatlas_status st =
        have->len
            ? povatlas_error_set(err, POVATLAS_E_INPUT,
                                 "no ward statistics or review list for %d "
                                 "(the workspace has data for %s)",
                                 year, have->str)
            : povatlas_error_set(err, POVATLAS_E_INPUT,
                                 "no ward statistics or review list for %d "
                                 "(the workspace holds no review year yet)",
                                 year);
    g_string_free(have, TRUE);
    return st;
}

/* A format without NULL (MapInfo) would turn a missing number into 0:
 * a field missing for every unit (not computed) is left out, a field
 * missing for some is refused. */
static povatlas_status left_out(export_job *j, povatlas_error **err)
{
    if (!j->fmt || j->fmt->holds_null)
        return POVATLAS_OK;
    const povatlas_indicator_table *t = j->t;
    size_t k = 0;
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (!F[i].indicator)
            continue;
        size_t missing = 0;
        const char *first = NULL;
        for (size_t r = 0; r < t->units->n; r++)
            if (!t->defined[r * t->n_names + k]) {
                missing++;
                first = first ? first : t->units->rows[r].code;
            }
        k++;
        if (missing == t->units->n)
            j->omit[i] = 1;
        else if (missing)
            return povatlas_error_set(
                err, POVATLAS_E_INPUT,
                "%s cannot store a missing value (it would read as 0): "
                "%s is missing for %zu of %zu units in %d (first %s); "
                "write GPKG, Shapefile or GeoJSON instead",
                j->driver, F[i].name, missing, t->units->n, j->year, first);
    }
    return POVATLAS_OK;
}

static povatlas_status pick_driver(export_job *j, const char *path,
                                   povatlas_error **err)
{
    j->driver = j->o->format ? j->o->format
                             : povatlas_export_driver_for_path(path, err);
    if (!j->driver || !vector_driver(j->driver, err))
        return POVATLAS_E_USAGE;
    j->fmt = povatlas_export_format_of(j->driver, path);
    if (j->fmt)
        j->driver = j->fmt->driver; /* GDAL's spelling */
    return POVATLAS_OK;
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
    export_job j = {.ws = ws, .o = &o};
    povatlas_status st = pick_driver(&j, path, err);
    if (st)
        return st;
    j.year = o.year;
    if (!j.year && (st = povatlas_workspace_latest_year(ws, &j.year, err)))
        return st;
    if (!j.year)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "the workspace holds no review year yet");
    st = check_year(ws, j.year, err);
    if (!st) /* the stamp must not be lost to a failed read */
        st = read_meta(&j, err);
    if (st) {
        g_free(j.area);
        return st;
    }
    const char *names[MAX_FIELDS];
    size_t n_names = 0;
    g_assert(N_FIELDS <= G_N_ELEMENTS(names));
    for (size_t i = 0; i < N_FIELDS; i++)
        if (F[i].indicator)
            names[n_names++] = F[i].name;
    povatlas_error *why = NULL;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, j.year, names, n_names, &why);
    if (!t) {
        g_free(j.area);
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    j.t = t;
    j.stamp = g_strdup_printf("%04d-12-31T00:00:00.000Z", j.year);
    st = left_out(&j, err);
    st = st ? st : export_table(&j, path, err);
    g_free(j.stamp);
    g_free(j.area);
    for (size_t i = 0; i < N_FIELDS; i++)
        g_free(j.written[i]);
    povatlas_indicator_table_free(t);
    return st;
}

povatlas_status povatlas_export_wards_to_database(povatlas_workspace *ws,
                                                  int year, int *published_year,
                                                  povatlas_error **err)
{
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    export_job j = {.ws = ws, .o = &o, .year = year};
    povatlas_status st = POVATLAS_OK;
    if (!povatlas_workspace_on_postgresql(ws))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "the ward layer lives in the database of a "
                                  "PostgreSQL workspace only; export a "
                                  "GeoPackage from a file");
    if (!j.year && (st = povatlas_workspace_latest_year(ws, &j.year, err)))
        return st;
    if (!j.year)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "the workspace holds no review year yet");
    if ((st = check_year(ws, j.year, err)))
        return st;
    const char *names[MAX_FIELDS];
    int integer[MAX_FIELDS];
    size_t n_names = 0;
    for (size_t i = 0; i < N_FIELDS; i++)
        if (F[i].indicator) {
            integer[n_names] =
                F[i].type == OFTInteger || F[i].type == OFTInteger64;
            names[n_names++] = F[i].name;
        }
    povatlas_error *why = NULL;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_values(ws, j.year, names, n_names, &why);
    if (!t)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    j.t = t;
    for (size_t i = 0; i < N_FIELDS; i++) /* every field, by its name */
        j.written[i] = g_strdup(F[i].name);
    g_autofree char *qml = NULL, *sld = NULL;
    st = style_texts(&j, &qml, &sld, err);
    for (size_t i = 0; i < N_FIELDS; i++)
        g_free(j.written[i]);
    if (!st)
        st = povatlas_workspace_publish_wards(
            ws, j.year, names, integer, n_names, qml, sld,
            "Tỷ lệ hộ nghèo theo phường, xã: phân lớp Fisher–Jenks và màu "
            "như bản đồ povatlas",
            err);
    povatlas_indicator_table_free(t);
    if (!st && published_year)
        *published_year = j.year;
    return st;
}
