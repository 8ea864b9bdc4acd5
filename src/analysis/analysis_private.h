/*
 * analysis_private.h - what the analysis job's files share: the body of
 * povatlas_weights, small numeric helpers and the seeded random generator.
 * Not part of the public API.
 */
#ifndef POVATLAS_ANALYSIS_PRIVATE_H
#define POVATLAS_ANALYSIS_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/rng.h"
#include "povatlas/stats.h"

/*
 * Compressed sparse rows: the neighbours of i are
 * nbr[off[i] .. off[i+1]-1], ascending. Row-standardised weights are
 * implicit (1 / cardinality), which is all the README needs.
 */
struct povatlas_weights {
    size_t n;
    size_t *off; /* owned, n + 1 */
    size_t *nbr; /* owned, off[n] */
};

/* Takes ownership of @off and @nbr (sorts each row). */
povatlas_weights *povatlas_weights_adopt_(size_t n, size_t *off, size_t *nbr);

/* Builds CSR from an unordered list of directed links (i, j); duplicates
 * removed. @links holds 2 * n_links indices. */
povatlas_weights *povatlas_weights_from_links_(size_t n, const size_t *links,
                                               size_t n_links);

/* 1 when j is a neighbour of i (binary search). */
int povatlas_weights_has_(const povatlas_weights *w, size_t i, size_t j);

/* snap.c: appends links (i, j), (j, i) as size_t pairs to @links for
 * polygons with >= min_pairs vertex pairs within d; reads the WKB itself
 * (POVATLAS_E_GEOM with the 1-based feature as row when it cannot). */
povatlas_status povatlas_snap_links_(const unsigned char *const *wkb,
                                     const size_t *wkb_size, size_t n, double d,
                                     size_t min_pairs, byte_buf *links,
                                     povatlas_error **err);

/* snap.c, for diagnostics and tests: every vertex pair within d between
 * two polygons (README's vertex_pairs_within_snap) and the smallest
 * vertex distance. */
povatlas_status povatlas_snap_pair_stats_(const unsigned char *wkb_i,
                                          size_t size_i,
                                          const unsigned char *wkb_j,
                                          size_t size_j, double d,
                                          size_t *pairs, double *min_dist,
                                          povatlas_error **err);

/* weights.c: the GEOS polygon distance queen_dist compares with d. */
povatlas_status povatlas_polygon_distance_(const unsigned char *wkb_a,
                                           size_t size_a,
                                           const unsigned char *wkb_b,
                                           size_t size_b, double *dist,
                                           povatlas_error **err);

/* Checks x has n finite values and is not constant; sets err. */
povatlas_status povatlas_check_variable_(const double *x, size_t n,
                                         povatlas_error **err);

/* Sorted copy of the non-NaN values (malloc); *m receives the count. */
double *povatlas_sorted_copy_(const double *x, size_t n, size_t *m);

/* R quantile type 7 on sorted data s[0..m-1], 0 <= p <= 1. */
double povatlas_quantile7_(const double *s, size_t m, double p);

#endif
