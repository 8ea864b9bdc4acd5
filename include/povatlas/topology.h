/*
 * topology.h - how unit boundaries fit together (analysis job): real ward
 * polygons overlap and leave slivers (GADM: 0.18 km² of overlaps, 0.14 km²
 * of gaps in Phan Rang–Tháp Chàm). The report names each pair that
 * overlaps or is separated by a small gap, and the city's total overlap and
 * uncovered area, instead of silently double-counting.
 */
#ifndef POVATLAS_TOPOLOGY_H
#define POVATLAS_TOPOLOGY_H

#include <stddef.h>

#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct povatlas_unit_pair {
    char *code_a, *code_b; /* code_a < code_b */
    double distance_m;     /* 0 when they touch or overlap */
    double overlap_m2;     /* area shared by both, 0 when none */
} povatlas_unit_pair;

typedef struct povatlas_topology {
    int year;
    double tolerance_m;
    size_t n_units;
    size_t n_pairs; /* pairs that overlap or lie within tolerance apart */
    povatlas_unit_pair *pairs;
    double sum_area_m2;   /* sum of unit areas (UTM) */
    double union_area_m2; /* area of their union */
    double overlap_m2;    /* sum of pair overlaps */
    double gap_m2;        /* holes inside the union: land no unit covers */
    size_t n_gaps;
    char *crs; /* the metric CRS used, e.g. "EPSG:32649" */
} povatlas_topology;

typedef struct povatlas_topology_opts {
    int year;           /* units in force at the end of @year; 0: the
                           latest year */
    double tolerance_m; /* pairs closer than this are reported as
                           separated by a gap; 50 */
} povatlas_topology_opts;

/** povatlas_topology_opts_init: the defaults above; allocates nothing. */
POVATLAS_API void povatlas_topology_opts_init(povatlas_topology_opts *opts);

/**
 * povatlas_topology_compute:
 * @opts: (nullable): NULL for the defaults
 * @err: (out) (optional): set on failure; POVATLAS_E_USAGE for a negative
 *   or NaN tolerance
 *
 * Works in the UTM zone of the units' centre; pairs found with a GEOS
 * STRtree, so it scales to 10,600 communes.
 * Returns: (transfer full) (nullable): free with povatlas_topology_free().
 */
POVATLAS_API povatlas_topology *
povatlas_topology_compute(povatlas_workspace *ws,
                          const povatlas_topology_opts *opts,
                          povatlas_error **err);
POVATLAS_API void povatlas_topology_free(povatlas_topology *t);

#ifdef __cplusplus
}
#endif
#endif
