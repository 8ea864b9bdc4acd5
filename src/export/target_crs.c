/*
 * target_crs.c - the CRS an export is written in: anything PROJ knows
 * (EPSG codes, WKT, PROJ strings), plus "VN-2000" for the national
 * coordinate system as used in Ninh Thuận.
 *
 * VN-2000 maps are drawn in a 3° transverse Mercator zone (k = 0.9999)
 * whose central meridian each province is assigned; Ninh Thuận's is
 * 108°15′ (Circular 973/2001/TT-TCĐC). PROJ's EPSG database has that zone
 * as EPSG:9217 "VN-2000 / TM-3 108-15" (area of use: Bình Định, Khánh Hòa
 * and Ninh Thuận), with the VN-2000 → WGS 84 Helmert parameters, so no
 * hand-made PROJ string is needed. EPSG:9210 is the 105°45′ zone (Hà Nội
 * and the northern delta), not Ninh Thuận's.
 */
#include <glib.h>

#include "core/gdal_errors.h"
#include "export/export_private.h"
#include "povatlas/export.h"

static const char *resolve_alias(const char *t_srs)
{
    if (g_ascii_strcasecmp(t_srs, "VN-2000") == 0 ||
        g_ascii_strcasecmp(t_srs, "VN2000") == 0)
        return POVATLAS_EXPORT_VN2000_CRS;
    return t_srs;
}

OGRSpatialReferenceH povatlas_export_srs(const char *t_srs,
                                         povatlas_error **err)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    gdal_errors ge; /* PROJ's "crs not found" becomes our error */
    gdal_errors_push(&ge);
    int bad = !t_srs || !*t_srs ||
              OSRSetFromUserInput(srs, resolve_alias(t_srs)) != OGRERR_NONE;
    g_free(gdal_errors_pop(&ge));
    if (bad) {
        OSRDestroySpatialReference(srs);
        povatlas_error_set(err, POVATLAS_E_USAGE, "unknown CRS '%s'",
                           t_srs ? t_srs : "");
        return NULL;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}
