/*
 * geo.c - the GEOS and PROJ set-up of the schematic drawing: one context
 * of each per drawing, with their messages captured into the context (no
 * global handlers), and the lon/lat <-> UTM 49N conversions.
 */
#include <math.h>
#include <string.h>

#include "synth/schematic_private.h"

static void geos_message_r(const char *message, void *user_data)
{
    schem_ctx *c = user_data;
    g_strlcpy(c->message, message, sizeof c->message);
}

static void proj_message(void *user_data, int level, const char *message)
{
    schem_ctx *c = user_data;
    if (level == PJ_LOG_ERROR)
        g_strlcpy(c->message, message, sizeof c->message);
}

povatlas_status povatlas_schem_ctx_open(schem_ctx *c, povatlas_error **err)
{
    memset(c, 0, sizeof *c);
    c->g = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(c->g, geos_message_r, c);
    c->pj = proj_context_create();
    proj_log_func(c->pj, c, proj_message);
    PJ *raw = proj_create_crs_to_crs(c->pj, "EPSG:4326", "EPSG:32649", NULL);
    if (raw) {
        c->tr = proj_normalize_for_visualization(c->pj, raw);
        proj_destroy(raw);
    }
    if (!c->tr) {
        povatlas_error_set(err, POVATLAS_E_GEOM,
                           "cannot set up EPSG:4326 -> EPSG:32649: %s",
                           c->message);
        povatlas_schem_ctx_close(c);
        return POVATLAS_E_GEOM;
    }
    return POVATLAS_OK;
}

void povatlas_schem_ctx_close(schem_ctx *c)
{
    if (c->tr)
        proj_destroy(c->tr);
    if (c->pj)
        proj_context_destroy(c->pj);
    if (c->g)
        GEOS_finish_r(c->g);
    memset(c, 0, sizeof *c);
}

povatlas_status povatlas_schem_project(schem_ctx *c, const synth_units *u,
                                       double *xy, povatlas_error **err)
{
    for (size_t i = 0; i < u->n; i++) {
        PJ_COORD p = proj_trans(c->tr, PJ_FWD,
                                proj_coord(u->v[i].lon, u->v[i].lat, 0, 0));
        if (!isfinite(p.xy.x) || !isfinite(p.xy.y))
            return povatlas_error_set(err, POVATLAS_E_GEOM,
                                      "cannot project the centroid of '%s'",
                                      u->v[i].code);
        xy[2 * i] = p.xy.x;
        xy[2 * i + 1] = p.xy.y;
    }
    return POVATLAS_OK;
}

static int to_lonlat(double *x, double *y, void *user_data)
{
    schem_ctx *c = user_data;
    PJ_COORD p = proj_trans(c->tr, PJ_INV, proj_coord(*x, *y, 0, 0));
    if (!isfinite(p.lp.lam) || !isfinite(p.lp.phi))
        return 0;
    /* Rounded here, not only by the writer, so that what is validated is
     * exactly what is written. */
    *x = round(p.xy.x * 1e6) / 1e6;
    *y = round(p.xy.y * 1e6) / 1e6;
    return 1;
}

GEOSGeometry *povatlas_schem_to_lonlat(schem_ctx *c, const GEOSGeometry *g)
{
    return GEOSGeom_transformXY_r(c->g, g, to_lonlat, c);
}

char povatlas_schem_contains_xy(GEOSContextHandle_t g, const GEOSGeometry *poly,
                                double x, double y)
{
    GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(g, x, y);
    char inside = pt ? GEOSContains_r(g, poly, pt) : 2;
    GEOSGeom_destroy_r(g, pt);
    return inside;
}
