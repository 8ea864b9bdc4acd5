/*
 * gpkg_layers.c - the GeoPackage's other layers beside `wards`: the long
 * table of every indicator by ward and year (no geometry), the zones
 * (coastal, peri-urban, central) as dissolved polygons with their rates
 * from summed counts, and program coverage per ward. Indicators only:
 * nothing household-level leaves the workspace.
 */
#include <math.h>
#include <string.h>

#include <gdal.h>
#include <ogr_api.h>

#include <glib.h>

#include "export/export_private.h"
#include "povatlas/coverage.h"
#include "povatlas/gaps.h"
#include "povatlas/zones.h"

static OGRLayerH attribute_layer(GDALDatasetH ds, const char *name)
{
    static const char *const opts[] = {"SPATIAL_INDEX=NO", NULL};
    return povatlas_export_create_layer(ds, name, NULL, wkbNone, (char **)opts);
}

typedef struct field_spec {
    const char *name;
    OGRFieldType type;
    const char *alias;
} field_spec;

/* The fields @spec of layer @l (of @what, for the message). */
static povatlas_status fields(OGRLayerH l, const field_spec *spec, size_t n,
                              const char *what, povatlas_error **err)
{
    for (size_t i = 0; i < n; i++) {
        OGRFieldDefnH f = OGR_Fld_Create(spec[i].name, spec[i].type);
        OGR_Fld_SetAlternativeName(f, spec[i].alias);
        OGRErr e = povatlas_export_create_field(l, f);
        OGR_Fld_Destroy(f);
        if (e != OGRERR_NONE)
            return povatlas_error_set(err, POVATLAS_E_IO,
                                      "cannot create field '%s' of %s: %s",
                                      spec[i].name, what, CPLGetLastErrorMsg());
    }
    return POVATLAS_OK;
}

/* ------------------------------------------------------------ indicators */

typedef struct long_rows {
    OGRLayerH layer;
    OGRFeatureH f; /* one feature refilled for each of ~200,000 rows */
    int failed;
} long_rows;

static void add_indicator(const char *unit, int year, const char *name,
                          double value, int defined, void *data)
{
    long_rows *w = data;
    OGRFeatureH f = w->f;
    OGR_F_SetFID(f, OGRNullFID); /* a new row, numbered by the driver */
    OGR_F_SetFieldString(f, 0, unit);
    OGR_F_SetFieldInteger(f, 1, year);
    OGR_F_SetFieldString(f, 2, name);
    if (defined)
        OGR_F_SetFieldDouble(f, 3, value);
    else
        OGR_F_SetFieldNull(f, 3);
    w->failed |= povatlas_export_create_feature(w->layer, f) != OGRERR_NONE;
}

static povatlas_status write_indicators(povatlas_workspace *ws, GDALDatasetH ds,
                                        povatlas_error **err)
{
    OGRLayerH l = attribute_layer(ds, "indicators");
    if (!l)
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot create the indicators table: %s",
                                  CPLGetLastErrorMsg());
    static const field_spec spec[] = {
        {"unit_code", OFTString, "Mã đơn vị (* = toàn thành phố)"},
        {"year", OFTInteger, "Năm rà soát"},
        {"name", OFTString, "Chỉ số"},
        {"value", OFTReal, "Giá trị"},
    };
    povatlas_status st =
        fields(l, spec, G_N_ELEMENTS(spec), "the indicators table", err);
    if (st)
        return st;
    long_rows w = {l, OGR_F_Create(OGR_L_GetLayerDefn(l)), 0};
    int tx = OGR_L_StartTransaction(l) == OGRERR_NONE;
    st = povatlas_workspace_indicators_each(ws, add_indicator, &w, NULL, err);
    OGR_F_Destroy(w.f);
    if (tx && OGR_L_CommitTransaction(l) != OGRERR_NONE)
        w.failed = 1;
    if (!st && w.failed)
        st = povatlas_error_set(err, POVATLAS_E_IO,
                                "cannot write the indicators table");
    return st;
}

/* ----------------------------------------------------------------- zones */

/* The dissolved polygon of the units of @zone in *@out (NULL when the
 * zone has no polygon). A stored polygon GDAL cannot read, dissolve or
 * transform is an error, not a zone drawn without it. */
static povatlas_status zone_polygon(const povatlas_indicator_table *t,
                                    const char *zone,
                                    OGRCoordinateTransformationH ct,
                                    OGRGeometryH *out, povatlas_error **err)
{
    *out = NULL;
    OGRGeometryH all = OGR_G_CreateGeometry(wkbMultiPolygon);
    int n = 0;
    for (size_t i = 0; i < t->units->n; i++) {
        const povatlas_unit_row *u = &t->units->rows[i];
        OGRGeometryH g = NULL;
        if (!u->wkb || g_strcmp0(u->zone, zone) != 0)
            continue;
        if (OGR_G_CreateFromWkb(u->wkb, NULL, &g, (int)u->wkb_size) !=
            OGRERR_NONE) {
            OGR_G_DestroyGeometry(all);
            return povatlas_error_set(err, POVATLAS_E_DB,
                                      "the stored polygon of ward %s cannot "
                                      "be read",
                                      u->code);
        }
        g = OGR_G_ForceToMultiPolygon(g);
        for (int k = 0; k < OGR_G_GetGeometryCount(g); k++)
            OGR_G_AddGeometry(all, OGR_G_GetGeometryRef(g, k));
        OGR_G_DestroyGeometry(g);
        n++;
    }
    if (!n) {
        OGR_G_DestroyGeometry(all);
        return POVATLAS_OK;
    }
    OGRGeometryH u = OGR_G_UnionCascaded(all);
    OGR_G_DestroyGeometry(all);
    if (!u)
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot dissolve the wards of zone %s: %s",
                                  zone, CPLGetLastErrorMsg());
    u = OGR_G_ForceToMultiPolygon(u);
    if (povatlas_export_transform(u, ct) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(u);
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot transform zone %s: %s", zone,
                                  CPLGetLastErrorMsg());
    }
    *out = u;
    return POVATLAS_OK;
}

static void set_rate(OGRFeatureH f, int i, int64_t hundredths)
{
    if (hundredths >= 0)
        OGR_F_SetFieldDouble(f, i, (double)hundredths / 100.0);
    else
        OGR_F_SetFieldNull(f, i);
}

/* The zone map's categories and colours (the zone table of
 * analysis/zones.c), as QGIS QML and SLD, so the zones layer opens
 * styled. */
#define N_ZONE_STYLES 3
static const povatlas_zone_info *zone_style(size_t i)
{
    return povatlas_zone_info_of((povatlas_zone)(POVATLAS_ZONE_COASTAL + i));
}

static char *zones_qml(void)
{
    GString *s = g_string_new(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        "<qgis version=\"3.28.0-Firenze\" "
        "styleCategories=\"AllStyleCategories\" labelsEnabled=\"0\">\n"
        "  <renderer-v2 type=\"categorizedSymbol\" attr=\"zone\" "
        "symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
        "    <categories>\n");
    for (size_t i = 0; i < N_ZONE_STYLES; i++)
        g_string_append_printf(s,
                               "      <category value=\"%s\" symbol=\"%zu\" "
                               "label=\"%s\" render=\"true\"/>\n",
                               zone_style(i)->name, i, zone_style(i)->title_vi);
    g_string_append(s, "    </categories>\n    <symbols>\n");
    for (size_t i = 0; i < N_ZONE_STYLES; i++) {
        unsigned int c = zone_style(i)->rgb;
        g_string_append_printf(
            s,
            "      <symbol type=\"fill\" name=\"%zu\" alpha=\"1\" "
            "clip_to_extent=\"1\" force_rhr=\"0\">\n"
            "        <layer class=\"SimpleFill\" enabled=\"1\" "
            "locked=\"0\" pass=\"0\">\n"
            "          <Option type=\"Map\">\n"
            "            <Option type=\"QString\" name=\"color\" "
            "value=\"%u,%u,%u,255\"/>\n"
            "            <Option type=\"QString\" name=\"outline_color\" "
            "value=\"255,255,255,255\"/>\n"
            "            <Option type=\"QString\" name=\"outline_width\" "
            "value=\"0.6\"/>\n"
            "            <Option type=\"QString\" name=\"outline_width_unit\" "
            "value=\"Point\"/>\n"
            "            <Option type=\"QString\" name=\"style\" "
            "value=\"solid\"/>\n"
            "          </Option>\n        </layer>\n      </symbol>\n",
            i, c >> 16, (c >> 8) & 0xff, c & 0xff);
    }
    g_string_append(s, "    </symbols>\n  </renderer-v2>\n"
                       "  <layerGeometryType>2</layerGeometryType>\n"
                       "</qgis>\n");
    return g_string_free(s, FALSE);
}

static char *zones_sld(void)
{
    GString *s =
        g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<StyledLayerDescriptor version=\"1.1.0\" "
                     "xmlns=\"http://www.opengis.net/sld\" "
                     "xmlns:se=\"http://www.opengis.net/se\" "
                     "xmlns:ogc=\"http://www.opengis.net/ogc\">\n"
                     "  <NamedLayer><se:Name>zones</se:Name><UserStyle>"
                     "<se:Name>zones</se:Name><se:FeatureTypeStyle>\n");
    for (size_t i = 0; i < N_ZONE_STYLES; i++)
        g_string_append_printf(
            s,
            "    <se:Rule><se:Name>%s</se:Name><ogc:Filter>"
            "<ogc:PropertyIsEqualTo><ogc:PropertyName>zone</ogc:PropertyName>"
            "<ogc:Literal>%s</ogc:Literal></ogc:PropertyIsEqualTo>"
            "</ogc:Filter><se:PolygonSymbolizer><se:Fill>"
            "<se:SvgParameter name=\"fill\">#%06x</se:SvgParameter></se:Fill>"
            "<se:Stroke><se:SvgParameter name=\"stroke\">#ffffff"
            "</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>"
            "</se:Rule>\n",
            zone_style(i)->title_vi, zone_style(i)->name, zone_style(i)->rgb);
    g_string_append(s, "  </se:FeatureTypeStyle></UserStyle></NamedLayer>\n"
                       "</StyledLayerDescriptor>\n");
    return g_string_free(s, FALSE);
}

static povatlas_status write_zones(povatlas_workspace *ws, GDALDatasetH ds,
                                   const povatlas_indicator_table *t, int year,
                                   OGRSpatialReferenceH srs,
                                   OGRCoordinateTransformationH ct,
                                   const char *stamp, povatlas_error **err)
{
    povatlas_zone_rates rates[3]; /* as analyze stored them */
    povatlas_error *why = NULL;
    if (povatlas_zone_rates_get(ws, year, rates, &why))
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    if (!rates[0].wards && !rates[1].wards && !rates[2].wards)
        return POVATLAS_OK; /* no zones in this workspace: no layer */
    static const char *const opts[] = {"GEOMETRY_NAME=geom", NULL};
    OGRLayerH l = povatlas_export_create_layer(ds, "zones", srs,
                                               wkbMultiPolygon, (char **)opts);
    if (!l)
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot create the zones layer: %s",
                                  CPLGetLastErrorMsg());
    static const field_spec spec[] = {
        {"zone", OFTString, "Vùng"},
        {"label", OFTString, "Tên vùng"},
        {"year", OFTInteger, "Năm rà soát"},
        {"wards", OFTInteger, "Số phường, xã"},
        {"households", OFTInteger64, "Tổng số hộ"},
        {"poor", OFTInteger64, "Số hộ nghèo"},
        {"near_poor", OFTInteger64, "Số hộ cận nghèo"},
        {"poor_rate", OFTReal, "Tỷ lệ hộ nghèo (%)"},
        {"near_poor_rate", OFTReal, "Tỷ lệ hộ cận nghèo (%)"},
        {"poor_gap_points", OFTReal,
         "Chênh lệch tỷ lệ nghèo so với nội thị (điểm %)"},
    };
    povatlas_status st =
        fields(l, spec, G_N_ELEMENTS(spec), "the zones layer", err);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    for (int z = 0; z < 3 && !st; z++) {
        povatlas_zone zone = (povatlas_zone)(POVATLAS_ZONE_COASTAL + z);
        const povatlas_zone_rates *r = &rates[z];
        OGRFeatureH f = OGR_F_Create(defn);
        OGR_F_SetFieldString(f, 0, povatlas_zone_name(zone));
        OGR_F_SetFieldString(f, 1, povatlas_zone_label(zone, "vi"));
        OGR_F_SetFieldInteger(f, 2, year);
        OGR_F_SetFieldInteger(f, 3, r->wards);
        OGR_F_SetFieldInteger64(f, 4, r->households);
        OGR_F_SetFieldInteger64(f, 5, r->poor);
        OGR_F_SetFieldInteger64(f, 6, r->near_poor);
        set_rate(f, 7, r->poor_hundredths);
        set_rate(f, 8, r->near_poor_hundredths);
        if (r->poor_gap_hundredths != POVATLAS_GAP_UNDEFINED)
            OGR_F_SetFieldDouble(f, 9, (double)r->poor_gap_hundredths / 100.0);
        else
            OGR_F_SetFieldNull(f, 9);
        OGRGeometryH geom = NULL;
        st = zone_polygon(t, povatlas_zone_name(zone), ct, &geom, err);
        if (geom)
            OGR_F_SetGeometryDirectly(f, geom);
        if (!st && povatlas_export_create_feature(l, f) != OGRERR_NONE)
            st = povatlas_error_set(err, POVATLAS_E_IO,
                                    "cannot write the zones layer");
        OGR_F_Destroy(f);
    }
    if (!st) {
        g_autofree char *qml = zones_qml();
        g_autofree char *sld = zones_sld();
        st = povatlas_export_style_row(ds, l, qml, sld,
                                       "Vùng ven biển, ven đô, nội thị như bản "
                                       "đồ vùng povatlas",
                                       stamp, err);
    }
    return st;
}

/* -------------------------------------------------------------- coverage */

static povatlas_status write_coverage(povatlas_workspace *ws, GDALDatasetH ds,
                                      int year, povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_coverage *c = povatlas_coverage_compute(ws, year, NULL, 0, &why);
    if (!c) {
        /* a year the data cannot give coverage for (no review list, no
         * ward counts) has no table; a failed read is an error */
        if (why && why->code == POVATLAS_E_INPUT) {
            povatlas_error_free(why);
            return POVATLAS_OK;
        }
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    OGRLayerH l = attribute_layer(ds, "coverage");
    if (!l) {
        povatlas_coverage_free(c);
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot create the coverage table: %s",
                                  CPLGetLastErrorMsg());
    }
    static const field_spec spec[] = {
        {"unit_code", OFTString, "Mã đơn vị (* = toàn thành phố)"},
        {"name", OFTString, "Tên phường, xã"},
        {"year", OFTInteger, "Năm"},
        {"reached", OFTInteger64, "Số hộ được hỗ trợ"},
        {"eligible", OFTInteger64, "Số hộ thuộc đối tượng"},
        {"coverage", OFTReal, "Độ bao phủ (%)"},
        {"budget_per_poor_vnd", OFTReal, "Kinh phí/hộ nghèo (đồng)"},
        {"coverage_gap", OFTInteger, "Thiếu bao phủ (1 = có)"},
    };
    povatlas_status st =
        fields(l, spec, G_N_ELEMENTS(spec), "the coverage table", err);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    for (size_t i = 0; i <= c->n && !st; i++) {
        const povatlas_coverage_row *r = i < c->n ? &c->rows[i] : &c->city;
        OGRFeatureH f = OGR_F_Create(defn);
        OGR_F_SetFieldString(f, 0, r->code ? r->code : "*");
        if (r->name)
            OGR_F_SetFieldString(f, 1, r->name);
        OGR_F_SetFieldInteger(f, 2, year);
        OGR_F_SetFieldInteger64(f, 3, r->reached);
        OGR_F_SetFieldInteger64(f, 4, r->eligible);
        set_rate(f, 5, r->coverage_hundredths);
        if (isfinite(r->budget_per_poor_vnd))
            OGR_F_SetFieldDouble(f, 6, r->budget_per_poor_vnd);
        else
            OGR_F_SetFieldNull(f, 6);
        OGR_F_SetFieldInteger(f, 7, r->coverage_gap);
        if (povatlas_export_create_feature(l, f) != OGRERR_NONE)
            st = povatlas_error_set(err, POVATLAS_E_IO,
                                    "cannot write the coverage table");
        OGR_F_Destroy(f);
    }
    povatlas_coverage_free(c);
    return st;
}

povatlas_status povatlas_export_gpkg_layers(
    povatlas_workspace *ws, GDALDatasetH ds, const povatlas_indicator_table *t,
    int year, OGRSpatialReferenceH srs, OGRCoordinateTransformationH ct,
    const char *stamp, povatlas_error **err)
{
    povatlas_status st = write_indicators(ws, ds, err);
    if (!st)
        st = write_zones(ws, ds, t, year, srs, ct, stamp, err);
    if (!st)
        st = write_coverage(ws, ds, year, err);
    return st;
}
