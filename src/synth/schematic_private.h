/*
 * schematic_private.h - what the schematic-boundary files of src/synth/
 * share: one GEOS context and one PROJ transformation (owned by a
 * schem_ctx, never global), the pieces of the drawing, and the writers.
 * Geometry is built in UTM 49N (EPSG:32649, metres) and written in lon/lat.
 */
#ifndef POVATLAS_SCHEMATIC_PRIVATE_H
#define POVATLAS_SCHEMATIC_PRIVATE_H

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <proj.h>

#include "synth/synth_private.h"

typedef struct schem_ctx {
    GEOSContextHandle_t g;
    PJ_CONTEXT *pj;
    PJ *tr;            /* lon/lat <-> UTM 49N, lon/lat axis order */
    char message[512]; /* last GEOS or PROJ message */
} schem_ctx;

povatlas_status povatlas_schem_ctx_open(schem_ctx *c, povatlas_error **err);
void povatlas_schem_ctx_close(schem_ctx *c);
/* @xy (out): 2n values, UTM metres of the @n unit centroids. */
povatlas_status povatlas_schem_project(schem_ctx *c, const synth_units *u,
                                       double *xy, povatlas_error **err);
/* Copy of @g in lon/lat rounded to 6 decimals (transfer full), or NULL. */
GEOSGeometry *povatlas_schem_to_lonlat(schem_ctx *c, const GEOSGeometry *g);
/* Whether @poly contains the point (@x, @y): 1 yes, 0 no, 2 GEOS failed
 * (GEOSContains_r). */
char povatlas_schem_contains_xy(GEOSContextHandle_t g, const GEOSGeometry *poly,
                                double x, double y);

/* The land and sea around the city, in UTM. All owned by the struct. */
typedef struct schem_frame {
    double xmin, ymin, xmax, ymax; /* drawing extent */
    GEOSGeometry *coast;           /* LineString, north to south */
    GEOSGeometry *city;            /* Polygon: the city outline, coast-cut */
    GEOSGeometry *sea; /* Polygon east of the coast, within the frame */
} schem_frame;

povatlas_status povatlas_schem_frame_build(schem_ctx *c, const synth_units *u,
                                           const double *xy, schem_frame *f,
                                           povatlas_error **err);
void povatlas_schem_frame_clear(schem_ctx *c, schem_frame *f);

/* Power-diagram cells of @xy clipped to @city, weights fitted for
 * @iterations rounds towards areas proportional to area_km2_reference.
 * @cells (out): n owned polygons snapped to a 1 m grid. */
povatlas_status povatlas_schem_cells_build(schem_ctx *c, const synth_units *u,
                                           const double *xy,
                                           const GEOSGeometry *city,
                                           int iterations, GEOSGeometry **cells,
                                           povatlas_error **err);

/* One feature to write: borrowed geometry in lon/lat and its properties. */
typedef struct schem_feature {
    const GEOSGeometry *geom;
    const char *const *keys;   /* NULL-terminated */
    const char *const *values; /* same length; integer fields as text */
} schem_feature;

/* Writes @n features to a GeoJSON file at @path (temp name, then rename).
 * @int_keys: NULL-terminated names of integer-typed properties. */
povatlas_status
povatlas_schem_write_geojson(schem_ctx *c, const char *path, const char *layer,
                             const schem_feature *features, size_t n,
                             const char *const *int_keys, povatlas_error **err);

#endif
