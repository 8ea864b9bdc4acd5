/*
 * context.c - importing map context layers (sea, neighbouring land,
 * coastline, outline): features with a `role` attribute and an optional
 * `name`, in any CRS, replacing the context already stored.
 */
#include <string.h>

#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/gdal_errors.h"
#include "ingest_private.h"

static const char *const ROLES[] = {"sea", "land", "coastline", "outline"};

static gboolean known_role(const char *role)
{
    for (size_t i = 0; i < G_N_ELEMENTS(ROLES); i++)
        if (role && strcmp(role, ROLES[i]) == 0)
            return TRUE;
    return FALSE;
}

static povatlas_status store_context_feature(import_run *run, OGRFeatureH f,
                                             long no,
                                             OGRCoordinateTransformationH ct,
                                             povatlas_error **err)
{
    int ir = OGR_F_GetFieldIndex(f, "role"),
        in = OGR_F_GetFieldIndex(f, "name");
    g_autofree char *role = gdal_field_text(f, ir);
    g_autofree char *name = gdal_field_text(f, in);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!known_role(role)) {
        g_autofree char *shown = cell_quote(role ? role : "");
        import_reject(run, no, "role",
                      "unknown role %s (sea, land, coastline or outline)",
                      shown);
        return POVATLAS_OK;
    }
    if (!g) {
        import_reject(run, no, "geometry", "feature has no geometry");
        return POVATLAS_OK;
    }
    g = OGR_G_Clone(g);
    if (ct)
        OGR_G_Transform(g, ct);
    int size = OGR_G_WkbSize(g);
    /* tried: a coastline's size is the file's to choose */
    g_autofree unsigned char *wkb = povatlas_try_malloc((size_t)size);
    if (wkb)
        OGR_G_ExportToIsoWkb(g, wkbNDR, wkb);
    OGR_G_DestroyGeometry(g);
    if (!wkb)
        return import_out_of_memory(run, no, "a feature's geometry", err);
    povatlas_status st = povatlas_workspace_put_context(run->ws, role, name,
                                                        wkb, (size_t)size, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_context(povatlas_workspace *ws,
                                        const char *path,
                                        const povatlas_import_opts *opts,
                                        povatlas_report *report,
                                        povatlas_import_result *result,
                                        povatlas_error **err)
{
    povatlas_import_opts defaults;
    if (!opts) {
        povatlas_import_opts_init(&defaults);
        opts = &defaults;
    }
    GDALDatasetH ds = NULL;
    OGRLayerH layer = NULL;
    povatlas_status opened =
        gdal_open_layer(path, opts->layer, &ds, &layer, err);
    if (opened) {
        gdal_close_quietly(ds);
        return opened;
    }
    import_run run;
    import_run_init(&run, ws, path, opts, report);
    gdal_errors ge; /* GDAL's notes on the CRS stay off stderr */
    gdal_errors_push(&ge);
    OGRCoordinateTransformationH ct = gdal_to_wgs84(layer);
    povatlas_status st = povatlas_workspace_begin(ws, err);
    if (!st)
        st = povatlas_workspace_clear_context(ws, err);
    OGRFeatureH f = NULL;
    while (
        !st &&
        !(st = gdal_next_feature(layer, path, (long)run.rows_read, &f, err)) &&
        f) {
        run.rows_read++;
        st = store_context_feature(&run, f, (long)run.rows_read, ct, err);
        OGR_F_Destroy(f);
    }
    g_free(gdal_errors_pop(&ge));
    st = import_finish(&run, st, run.rows_stored, result, err);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    gdal_close_quietly(ds);
    return st;
}
