/*
 * geojson.c - writes GEOS geometries with string/integer properties to a
 * GeoJSON file through OGR (RFC 7946 layout, 6 decimals), under a temporary
 * name renamed when complete. GDAL messages are caught with a handler
 * pushed for the duration of the write (thread-local, not global).
 */
#include <string.h>

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "povatlas/core.h"
#include "synth/schematic_private.h"

static void gdal_message(CPLErr cls, CPLErrorNum num, const char *message)
{
    (void)num;
    schem_ctx *c = CPLGetErrorHandlerUserData();
    if (c && cls >= CE_Failure)
        g_strlcpy(c->message, message, sizeof c->message);
}

static int is_int_key(const char *key, const char *const *int_keys)
{
    for (size_t i = 0; int_keys && int_keys[i]; i++)
        if (strcmp(key, int_keys[i]) == 0)
            return 1;
    return 0;
}

static int add_fields(OGRLayerH lyr, const schem_feature *f,
                      const char *const *int_keys)
{
    for (size_t k = 0; f->keys[k]; k++) {
        OGRFieldDefnH fd = OGR_Fld_Create(
            f->keys[k],
            is_int_key(f->keys[k], int_keys) ? OFTInteger : OFTString);
        OGRErr e = OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (e != OGRERR_NONE)
            return 0;
    }
    return 1;
}

static int add_feature(schem_ctx *c, OGRLayerH lyr, const schem_feature *f,
                       const char *const *int_keys)
{
    OGRFeatureH feat = OGR_F_Create(OGR_L_GetLayerDefn(lyr));
    for (int k = 0; f->keys[k]; k++) {
        if (is_int_key(f->keys[k], int_keys))
            OGR_F_SetFieldInteger(feat, k,
                                  (int)g_ascii_strtoll(f->values[k], NULL, 10));
        else
            OGR_F_SetFieldString(feat, k, f->values[k]);
    }
    size_t size = 0;
    unsigned char *wkb = GEOSGeomToWKB_buf_r(c->g, f->geom, &size);
    OGRGeometryH geom = NULL;
    int ok =
        wkb && OGR_G_CreateFromWkb(wkb, NULL, &geom, (int)size) == OGRERR_NONE;
    GEOSFree_r(c->g, wkb);
    if (ok)
        OGR_F_SetGeometryDirectly(feat, geom);
    ok = ok && OGR_L_CreateFeature(lyr, feat) == OGRERR_NONE;
    OGR_F_Destroy(feat);
    return ok;
}

static int write_layer(schem_ctx *c, GDALDatasetH ds, const char *layer,
                       const schem_feature *features, size_t n,
                       const char *const *int_keys)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(srs, 4326);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    char **lco = CSLSetNameValue(NULL, "RFC7946", "YES");
    lco = CSLSetNameValue(lco, "COORDINATE_PRECISION", "6");
    OGRLayerH lyr = GDALDatasetCreateLayer(ds, layer, srs, wkbUnknown, lco);
    CSLDestroy(lco);
    OSRDestroySpatialReference(srs);
    int ok = lyr && n > 0 && add_fields(lyr, &features[0], int_keys);
    for (size_t i = 0; ok && i < n; i++)
        ok = add_feature(c, lyr, &features[i], int_keys);
    return ok;
}

povatlas_status
povatlas_schem_write_geojson(schem_ctx *c, const char *path, const char *layer,
                             const schem_feature *features, size_t n,
                             const char *const *int_keys, povatlas_error **err)
{
    povatlas_tempfile tf;
    povatlas_status st = povatlas_tempfile_begin(&tf, path, err);
    if (st)
        return st;
    /* The GeoJSON driver will not overwrite: drop the placeholder file. */
    g_unlink(tf.temp_path);
    c->message[0] = '\0';
    CPLPushErrorHandlerEx(gdal_message, c);
    GDALDriverH drv = GDALGetDriverByName("GeoJSON");
    GDALDatasetH ds =
        drv ? GDALCreate(drv, tf.temp_path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
    int ok = ds && write_layer(c, ds, layer, features, n, int_keys);
    if (ds)
        GDALClose(ds);
    CPLPopErrorHandler();
    if (!ok) {
        povatlas_tempfile_abort(&tf);
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot write GeoJSON%s%s",
                                     drv ? ": "
                                         : " (driver missing; was "
                                           "povatlas_init() called?)",
                                     drv ? c->message : "");
    }
    return povatlas_tempfile_commit(&tf, err);
}
