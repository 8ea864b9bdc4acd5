/*
 * gpkg_extras.c - what QGIS reads from a GeoPackage beyond the features:
 * the layer's default style (table layer_styles, the layout QGIS itself
 * creates, registered as an attributes table) and Vietnamese field aliases
 * (gpkg_data_columns of the GeoPackage schema extension, F.9). GDAL 3.6
 * does not write field alternative names to GeoPackage, so the schema
 * tables are made with GDAL's SQL on the open dataset, in the exact layout
 * GDAL >= 3.7 creates and validate_gpkg.py checks.
 */
#include <string.h>

#include <cpl_error.h>
#include <glib.h>

#include "export/export_private.h"

static povatlas_status run_sql(GDALDatasetH ds, const char *sql,
                               povatlas_error **err)
{
    CPLErrorReset();
    OGRLayerH res = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    if (res)
        GDALDatasetReleaseResultSet(ds, res);
    if (CPLGetLastErrorType() >= CE_Failure)
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot update the GeoPackage: %s",
                                  CPLGetLastErrorMsg());
    return POVATLAS_OK;
}

/* SQL string literal: 'it''s' */
static void put_literal(GString *s, const char *text)
{
    g_string_append_c(s, '\'');
    for (const char *p = text; *p; p++) {
        if (*p == '\'')
            g_string_append_c(s, '\'');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '\'');
}

static const char *const SCHEMA_SQL[] = {
    "CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL,"
    "column_name TEXT NOT NULL,name TEXT UNIQUE,title TEXT,"
    "description TEXT,mime_type TEXT,constraint_name TEXT,"
    "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),"
    "CONSTRAINT gdc_tn UNIQUE (table_name, name))",
    "CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT "
    "NULL,constraint_type TEXT NOT NULL,value TEXT,min NUMERIC,"
    "min_is_inclusive BOOLEAN,max NUMERIC,max_is_inclusive BOOLEAN,"
    "description TEXT,CONSTRAINT gdcc_ntv UNIQUE (constraint_name, "
    "constraint_type, value))",
    "INSERT INTO gpkg_extensions (table_name,column_name,extension_name,"
    "definition,scope) VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
    "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
    "INSERT INTO gpkg_extensions (table_name,column_name,extension_name,"
    "definition,scope) VALUES ('gpkg_data_column_constraints', NULL, "
    "'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', "
    "'read-write')",
};

/* name and title both carry the alias: GDAL >= 3.7 reads `name` as the
 * field's alternative name, other readers (GeoServer) show `title`. */
static povatlas_status write_aliases(GDALDatasetH ds, const char *table,
                                     povatlas_error **err)
{
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < G_N_ELEMENTS(SCHEMA_SQL); i++)
        st = run_sql(ds, SCHEMA_SQL[i], err);
    for (size_t i = 0; !st && i < povatlas_export_n_fields; i++) {
        const povatlas_export_field *f = &povatlas_export_fields[i];
        GString *sql = g_string_new("INSERT INTO gpkg_data_columns "
                                    "(table_name, column_name, name, title) "
                                    "VALUES (");
        put_literal(sql, table);
        g_string_append(sql, ", ");
        put_literal(sql, f->name);
        g_string_append(sql, ", ");
        put_literal(sql, f->alias_vi);
        g_string_append(sql, ", ");
        put_literal(sql, f->alias_vi);
        g_string_append(sql, ")");
        st = run_sql(ds, sql->str, err);
        g_string_free(sql, TRUE);
    }
    return st;
}

/* layer_styles as QGIS creates it (QgsOgrProviderUtils, saveStyle). */
static const struct {
    const char *name;
    OGRFieldType type;
    int width;
} STYLE_FIELDS[] = {
    {"f_table_catalog", OFTString, 256},
    {"f_table_schema", OFTString, 256},
    {"f_table_name", OFTString, 256},
    {"f_geometry_column", OFTString, 256},
    {"styleName", OFTString, 30},
    {"styleQML", OFTString, 0},
    {"styleSLD", OFTString, 0},
    {"useAsDefault", OFTInteger, 0},
    {"description", OFTString, 0},
    {"owner", OFTString, 30},
    {"ui", OFTString, 30},
    {"update_time", OFTDateTime, 0},
};

static OGRLayerH create_style_table(GDALDatasetH ds)
{
    const char *opts[] = {"FID=id", "DESCRIPTION=QGIS layer styles", NULL};
    OGRLayerH l = povatlas_export_create_layer(ds, "layer_styles", NULL,
                                               wkbNone, (char **)opts);
    for (size_t i = 0; l && i < G_N_ELEMENTS(STYLE_FIELDS); i++) {
        OGRFieldDefnH f =
            OGR_Fld_Create(STYLE_FIELDS[i].name, STYLE_FIELDS[i].type);
        OGR_Fld_SetWidth(f, STYLE_FIELDS[i].width);
        if (strcmp(STYLE_FIELDS[i].name, "useAsDefault") == 0)
            OGR_Fld_SetSubType(f, OFSTBoolean);
        if (strcmp(STYLE_FIELDS[i].name, "update_time") == 0)
            OGR_Fld_SetDefault(f, "CURRENT_TIMESTAMP");
        OGRErr e = povatlas_export_create_field(l, f);
        OGR_Fld_Destroy(f);
        if (e != OGRERR_NONE)
            return NULL;
    }
    return l;
}

povatlas_status povatlas_export_style_row(GDALDatasetH ds, OGRLayerH layer,
                                          const char *qml, const char *sld,
                                          const char *description,
                                          const char *stamp,
                                          povatlas_error **err)
{
    OGRLayerH st = GDALDatasetGetLayerByName(ds, "layer_styles");
    if (!st)
        st = create_style_table(ds);
    if (!st)
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot create layer_styles: %s",
                                  CPLGetLastErrorMsg());
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(st));
    const char *geom = OGR_L_GetGeometryColumn(layer);
    const char *text[] = {"",  "", OGR_L_GetName(layer), geom, "povatlas",
                          qml, sld};
    for (int i = 0; i < (int)G_N_ELEMENTS(text); i++)
        OGR_F_SetFieldString(f, i, text[i]);
    OGR_F_SetFieldInteger(f, 7, 1);
    OGR_F_SetFieldString(f, 8, description);
    OGR_F_SetFieldString(f, 9, "");
    OGR_F_SetFieldNull(f, 10);
    OGR_F_SetFieldString(f, 11, stamp); /* parsed as a UTC date-time */
    OGRErr e = povatlas_export_create_feature(st, f);
    OGR_F_Destroy(f);
    if (e != OGRERR_NONE)
        return povatlas_error_set(err, POVATLAS_E_IO,
                                  "cannot write the layer style: %s",
                                  CPLGetLastErrorMsg());
    return POVATLAS_OK;
}

povatlas_status povatlas_export_gpkg_extras(GDALDatasetH ds, OGRLayerH layer,
                                            const char *qml, const char *sld,
                                            const char *stamp,
                                            povatlas_error **err)
{
    povatlas_status st =
        !qml ? POVATLAS_OK
             : povatlas_export_style_row(ds, layer, qml, sld,
                                         "Tỷ lệ hộ nghèo theo phường, xã: phân "
                                         "lớp Fisher–Jenks và màu như bản "
                                         "đồ povatlas",
                                         stamp, err);
    return st ? st : write_aliases(ds, OGR_L_GetName(layer), err);
}
