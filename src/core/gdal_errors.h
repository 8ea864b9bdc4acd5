/*
 * gdal_errors.h - capturing GDAL's messages for one call into a povatlas
 * error, with a thread-local handler instead of GDAL's global state.
 */
#ifndef POVATLAS_GDAL_ERRORS_H
#define POVATLAS_GDAL_ERRORS_H

#include <cpl_error.h>
#include <gdal.h>
#include <glib.h>

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

#endif
