/*
 * gdal_errors.h - capturing GDAL's messages for one call into a povatlas
 * error, with a thread-local handler instead of GDAL's global state.
 */
#ifndef POVATLAS_GDAL_ERRORS_H
#define POVATLAS_GDAL_ERRORS_H

#include <cpl_error.h>
#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>

typedef struct gdal_errors {
    GString *last; /* the last error message GDAL raised */
} gdal_errors;

static void CPL_STDCALL gdal_errors_handler(CPLErr cls, CPLErrorNum num,
                                            const char *msg)
{
    (void)num;
    gdal_errors *e = CPLGetErrorHandlerUserData();
    if (cls >= CE_Failure && e && e->last)
        g_string_assign(e->last, msg);
}

static inline void gdal_errors_push(gdal_errors *e)
{
    if (GDALGetDriverCount() == 0) /* a library caller skipped povatlas_init */
        GDALAllRegister();
    e->last = g_string_new(NULL);
    CPLPushErrorHandlerEx(gdal_errors_handler, e);
}

/* Pops the handler; returns the message (g_free) or NULL when none. */
static inline char *gdal_errors_pop(gdal_errors *e)
{
    CPLPopErrorHandler();
    char *msg = e->last->len ? g_strdup(e->last->str) : NULL;
    g_string_free(e->last, TRUE);
    e->last = NULL;
    return msg;
}

/* The next feature of @layer in *@feat (OGR_F_Destroy), NULL at the end.
 * Returns GDAL's reason (g_free) when it failed to read one - a damaged
 * page of a GeoPackage - which must not read as the end of the layer, or
 * the features after it are lost without a word; NULL otherwise. */
static inline char *gdal_errors_next_feature(OGRLayerH layer, OGRFeatureH *feat)
{
    gdal_errors e;
    gdal_errors_push(&e);
    *feat = OGR_L_GetNextFeature(layer);
    char *why = gdal_errors_pop(&e);
    if (*feat && why)
        g_clear_pointer(&why, g_free); /* read, with a note: not a failure */
    return why;
}

#endif
