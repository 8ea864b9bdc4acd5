/*
 * geometry.c - reading WKB into GEOS geometries with a GEOS context of the
 * render call (no global GEOS state), whose error messages are kept for
 * the povatlas_error instead of being printed.
 */
#include <stdarg.h>
#include <stdio.h>

#include "render/render_private.h"

static void geos_message(const char *message, void *userdata)
{
    GString *buf = userdata;
    g_string_assign(buf, message ? message : "");
}

povatlas_status povatlas_render_geom_init(povatlas_render_geom *g,
                                          povatlas_error **err)
{
    g->geos_message = g_string_new(NULL);
    g->geos = GEOS_init_r();
    if (g->geos == NULL) {
        g_string_free(g->geos_message, TRUE);
        g->geos_message = NULL;
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "cannot create a GEOS context");
    }
    GEOSContext_setErrorMessageHandler_r(g->geos, geos_message,
                                         g->geos_message);
    GEOSContext_setNoticeMessageHandler_r(g->geos, NULL, NULL);
    return POVATLAS_OK;
}

void povatlas_render_geom_clear(povatlas_render_geom *g)
{
    if (g->geos != NULL)
        GEOS_finish_r(g->geos);
    g->geos = NULL;
    if (g->geos_message != NULL)
        g_string_free(g->geos_message, TRUE);
    g->geos_message = NULL;
}

GEOSGeometry *povatlas_render_geom_read(povatlas_render_geom *g,
                                        const unsigned char *wkb, size_t size,
                                        const char *what, povatlas_error **err)
{
    if (wkb == NULL || size == 0) {
        povatlas_error_set(err, POVATLAS_E_GEOM, "%s has no geometry", what);
        return NULL;
    }
    GEOSWKBReader *reader = GEOSWKBReader_create_r(g->geos);
    GEOSGeometry *geom = GEOSWKBReader_read_r(g->geos, reader, wkb, size);
    GEOSWKBReader_destroy_r(g->geos, reader);
    if (geom == NULL) {
        povatlas_error_set(err, POVATLAS_E_GEOM, "%s: invalid WKB: %s", what,
                           g->geos_message->str);
        return NULL;
    }
    if (GEOSisEmpty_r(g->geos, geom) == 1) {
        GEOSGeom_destroy_r(g->geos, geom);
        povatlas_error_set(err, POVATLAS_E_GEOM, "%s has an empty geometry",
                           what);
        return NULL;
    }
    return geom;
}
