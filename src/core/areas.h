/*
 * areas.h - unit areas: geodesic on the WGS 84 ellipsoid and planar in a
 * projected CRS (the unit's UTM zone by default), in km². The one home of
 * the measure: `import boundaries` measures each polygon as it stores it
 * (the areas are kept with the unit), `analyze` measures only what was
 * stored without them, and the public povatlas_*_area_km2() wrap it.
 */
#ifndef POVATLAS_CORE_AREAS_H
#define POVATLAS_CORE_AREAS_H

#include <stddef.h>

#include "povatlas/error.h"

/* One GEOS context and one PROJ transformation per UTM zone, kept for
 * many measures: building a PROJ transformation costs milliseconds. One
 * thread's own (not shared between threads). */
typedef struct area_calc area_calc;
area_calc *area_calc_new(void);
void area_calc_free(area_calc *a);
/* Geodesic (WGS 84) and planar (@crs, or the UTM zone of the centroid when
 * NULL) areas in km² of a (Multi)Polygon WKB in EPSG:4326, longitude
 * first; either out pointer may be NULL. A ring's coordinates are copied
 * through core/alloc.h: POVATLAS_E_NOMEM when there is no room. */
povatlas_status area_calc_measure(area_calc *a, const unsigned char *wkb,
                                  size_t wkb_size, const char *crs,
                                  double *geodesic_km2, double *planar_km2,
                                  povatlas_error **err);

/* Measures many polygons on worker threads (povatlas_threads_(); one
 * thread: in the caller, at area_batch_finish()) while the caller goes on
 * with its own work. Each polygon is measured alone, so the areas never
 * depend on the number of threads. */
typedef struct area_batch area_batch;
area_batch *area_batch_new(void);
/* Queues polygon number @id (0, 1, 2, ... in the order added); @wkb is
 * (transfer full, g_malloc'd or malloc'd: g_free() is free()) on success:
 * 0, or -1 when out of memory (core/alloc.h), @wkb then still the
 * caller's. */
int area_batch_add(area_batch *b, size_t id, unsigned char *wkb,
                   size_t wkb_size);
/* Waits for every queued measure and frees @b. On success *@geodesic_km2
 * and *@utm_km2 get (transfer full, g_free) one area per id up to the
 * largest added (NAN for an id not added) and *@n that count. A failed
 * measure fails the whole batch: the one of the lowest id is reported. */
povatlas_status area_batch_finish(area_batch *b, double **geodesic_km2,
                                  double **utm_km2, size_t *n,
                                  povatlas_error **err);

#endif
