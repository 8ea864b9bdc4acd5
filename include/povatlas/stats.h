/*
 * stats.h - spatial weights and spatial statistics (analysis job).
 *
 * Neighbours from polygons (vertex-snapping queen/rook, GEOS distance),
 * k-nearest neighbours and distance bands on points; global Moran's I and
 * Geary's C with analytical moments; local Moran I_i (conditional and total
 * randomisation); Getis-Ord G_i / G_i* z-scores; empirical Bayes rate
 * smoothing; conditional-permutation pseudo p-values and LISA categories.
 *
 * Every formula follows tests/fixtures/reference/README.md (spdep 1.2-7
 * conventions; R's NA is NAN here). Weights are always row-standardised
 * (spdep style "W"): w_ij = 1/k_i. An island (no neighbours) has an empty
 * row (spdep zero.policy = TRUE); it is reported, never an error.
 *
 * Coordinates are planar (already projected, e.g. EPSG:32649 metres).
 * Functions other than the weights constructors are pure and thread-safe.
 * Weights constructors from polygons create and free their own GEOS
 * context, so they too may run concurrently on different inputs.
 */
#ifndef POVATLAS_STATS_H
#define POVATLAS_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ weights */

/* Neighbour lists of n features, each sorted by feature index; opaque. */
typedef struct povatlas_weights povatlas_weights;

typedef enum povatlas_contiguity {
    /* spdep::poly2nb(snap = d): vertex pairs (a of i, b of j) with
     * distance <= d are counted, every vertex of every ring except the
     * feature's very first coordinate; queen needs >= 1 pair ... */
    POVATLAS_CONTIGUITY_QUEEN,
    /* ... rook >= 2 pairs (pairs, not distinct points) */
    POVATLAS_CONTIGUITY_ROOK,
    /* GEOS distance between the polygons <= d (0 when they touch or
     * overlap): repairs GADM-style slivers and overlaps */
    POVATLAS_CONTIGUITY_QUEEN_DIST
} povatlas_contiguity;

/**
 * povatlas_weights_contiguity:
 * @wkb: (array length=n) (transfer none): WKB polygons or multipolygons,
 *   planar coordinates; borrowed for the call
 * @wkb_size: (array length=n): byte size of each @wkb
 * @n: number of features (>= 1)
 * @kind: queen, rook or queen_dist
 * @snap: tolerance d in coordinate units (>= 0; README: 50 m)
 * @err: (out) (optional): POVATLAS_E_GEOM for unreadable WKB or a
 *   geometry that is not a polygon/multipolygon (row = 1-based feature),
 *   POVATLAS_E_USAGE for bad arguments, POVATLAS_E_NOMEM
 *
 * Symmetric neighbours. Queen and rook read the WKB directly (2D, Z, M,
 * ZM; ISO or EWKB type codes; either byte order): bounding boxes grown by
 * d give candidate pairs, whose vertices are matched through a small hash
 * of grid cells, so cost grows with the number of vertices, not with n²
 * (10,600 polygons of 300 vertices: well under a second). queen_dist
 * uses GEOS (an STRtree and prepared distances) with its own context.
 *
 * Returns: (transfer full) (nullable): free with povatlas_weights_free().
 */
POVATLAS_API povatlas_weights *povatlas_weights_contiguity(
    const unsigned char *const *wkb, const size_t *wkb_size, size_t n,
    povatlas_contiguity kind, double snap, povatlas_error **err);

/**
 * povatlas_weights_knn:
 * @xy: (array length=2n): x0, y0, x1, y1 ... (e.g. centroids)
 * @n: number of points
 * @k: neighbours per point, 1 <= k < n
 *
 * spdep knearneigh + knn2nb: the k nearest other points by Euclidean
 * distance; ties go to the point earlier in input order. Not symmetric.
 *
 * Returns: (transfer full) (nullable): free with povatlas_weights_free().
 */
POVATLAS_API povatlas_weights *
povatlas_weights_knn(const double *xy, size_t n, int k, povatlas_error **err);

/**
 * povatlas_weights_distance_band:
 * @xy: (array length=2n): point coordinates
 * @max_dist: neighbours are the other points with 0 < distance <= max_dist
 *   (spdep dnearneigh(d1 = 0)); coincident points are not neighbours
 *
 * Returns: (transfer full) (nullable): free with povatlas_weights_free().
 */
POVATLAS_API povatlas_weights *
povatlas_weights_distance_band(const double *xy, size_t n, double max_dist,
                               povatlas_error **err);

/**
 * povatlas_weights_from_lists:
 * @n: number of features
 * @offsets: (array length=n+1): neighbours of i are
 *   @neighbours[offsets[i] .. offsets[i+1]-1]
 * @neighbours: 0-based feature indices (any order; copied, sorted;
 *   self-references and duplicates are rejected with POVATLAS_E_INPUT)
 *
 * Returns: (transfer full) (nullable): free with povatlas_weights_free().
 */
POVATLAS_API povatlas_weights *
povatlas_weights_from_lists(size_t n, const size_t *offsets,
                            const size_t *neighbours, povatlas_error **err);

/** povatlas_weights_free: NULL is a no-op. */
POVATLAS_API void povatlas_weights_free(povatlas_weights *w);

POVATLAS_API size_t povatlas_weights_n(const povatlas_weights *w);
/** povatlas_weights_n_islands: features without neighbours. */
POVATLAS_API size_t povatlas_weights_n_islands(const povatlas_weights *w);
/** povatlas_weights_n_links: total number of (i, j) neighbour links. */
POVATLAS_API size_t povatlas_weights_n_links(const povatlas_weights *w);
POVATLAS_API size_t povatlas_weights_cardinality(const povatlas_weights *w,
                                                 size_t i);
/**
 * povatlas_weights_neighbours:
 * Returns: (transfer none): the cardinality(i) neighbours of @i in
 *   ascending index order, valid while @w lives (NULL for an island).
 */
POVATLAS_API const size_t *
povatlas_weights_neighbours(const povatlas_weights *w, size_t i);

/**
 * povatlas_centroids_from_wkb:
 * @xy: (out caller-allocates) (array length=2n): centroids (GEOS, area
 *   weighted; sf::st_centroid)
 */
POVATLAS_API povatlas_status povatlas_centroids_from_wkb(
    const unsigned char *const *wkb, const size_t *wkb_size, size_t n,
    double *xy, povatlas_error **err);

/* ------------------------------------------------------- global tests */

/*
 * Global Moran's I and Geary's C (spdep moran.test / geary.test,
 * randomisation and normality). m = n_used (adjust.n = TRUE); the mixed
 * use of n and m in the variances is spdep's (README). Geary's z is
 * (E_C - C) / sd: positive for positive autocorrelation.
 */
typedef struct povatlas_global_stats {
    size_t n, n_used, n_islands;
    double s0, s1, s2;
    double moran_i, moran_e, moran_var_norm, moran_z_norm;
    double moran_var_rand, moran_z_rand;
    double geary_c, geary_e, geary_var_norm, geary_z_norm;
    double geary_var_rand, geary_z_rand;
} povatlas_global_stats;

/**
 * povatlas_global_compute:
 * @w: (transfer none): weights of n features
 * @x: (array length=n): the variable, all finite
 * @out: (out caller-allocates): filled on success only
 * @err: (out) (optional): POVATLAS_E_INPUT when the statistics are
 *   undefined: a constant @x (Moran's I and Geary's C divide by sum z^2),
 *   fewer than 4 features with neighbours (the randomisation variances
 *   divide by (m-1)(m-2)(m-3)), a non-finite value.
 *
 * On success I, C, the expectations and variances are finite. A z-score
 * is NAN (R's NA) only when its variance is not positive, which spdep's
 * formulas allow for small or island-ridden weights (Geary's
 * randomisation variance mixes N and m and can turn negative).
 */
POVATLAS_API povatlas_status povatlas_global_compute(const povatlas_weights *w,
                                                     const double *x, size_t n,
                                                     povatlas_global_stats *out,
                                                     povatlas_error **err);

/* -------------------------------------------------------- local tests */

/*
 * Local Moran I_i (spdep localmoran scaling: I_i = z_i lag(z)_i / m2,
 * m2 = sum z^2 / n) with conditional (spdep default) and total moments,
 * and Getis-Ord z-scores. Each array has n values; NAN means R's NA
 * (islands: z_ii, z_ii_total and gi_z; any z whose variance is 0).
 */
typedef struct povatlas_local_stats {
    size_t n;
    double *lag_x;      /* sum_j w_ij x_j (0 for an island) */
    double *ii;         /* I_i (0 for an island) */
    double *e_ii;       /* conditional expectation */
    double *var_ii;     /* conditional variance */
    double *z_ii;       /* conditional z */
    double *e_ii_total; /* total randomisation (Anselin 1995) */
    double *var_ii_total;
    double *z_ii_total;
    double *gi_z;     /* Getis-Ord G_i z, self excluded */
    double *gistar_z; /* Getis-Ord G_i* z, self included (1/(k_i+1)) */
} povatlas_local_stats;

/**
 * povatlas_local_compute:
 * @err: (out) (optional): POVATLAS_E_INPUT for a constant or non-finite @x
 *   or n < 3
 *
 * Returns: (transfer full) (nullable): every array owned by the result;
 *   free with povatlas_local_stats_free().
 */
POVATLAS_API povatlas_local_stats *
povatlas_local_compute(const povatlas_weights *w, const double *x, size_t n,
                       povatlas_error **err);

/** povatlas_local_stats_free: NULL is a no-op. */
POVATLAS_API void povatlas_local_stats_free(povatlas_local_stats *ls);

/* ----------------------------------------------- empirical Bayes rates */

/**
 * povatlas_ebayes_global:
 * @events: (array length=n): O_i, counts >= 0 (poor households)
 * @population: (array length=n): P_i > 0 (households)
 * @est: (out caller-allocates) (array length=n): smoothed rates
 * @a: (out) (optional): method-of-moments variance (clamped at 0)
 * @b: (out) (optional): global rate sum O / sum P
 *
 * spdep EBest (Marshall 1991, Poisson, method of moments).
 */
POVATLAS_API povatlas_status povatlas_ebayes_global(const double *events,
                                                    const double *population,
                                                    size_t n, double *est,
                                                    double *a, double *b,
                                                    povatlas_error **err);

typedef enum povatlas_ebayes_variant {
    /* spdep EBlocal default: C_i = sum_{j in M_i} P_j (r_j - m_j)^2, each
     * member's deviation from its OWN local mean */
    POVATLAS_EBAYES_SPDEP,
    /* EBlocal(geoda = TRUE), GeoDa: deviations from the centre's m_i */
    POVATLAS_EBAYES_GEODA
} povatlas_ebayes_variant;

/**
 * povatlas_ebayes_local:
 * @w: (transfer none): neighbours; M_i = {i} + i's own (outgoing) neighbours
 * @est: (out caller-allocates) (array length=n): smoothed rates
 * @m: (out caller-allocates) (optional) (array length=n): local mean rates
 * @a: (out caller-allocates) (optional) (array length=n): local variances
 */
POVATLAS_API povatlas_status povatlas_ebayes_local(
    const povatlas_weights *w, const double *events, const double *population,
    size_t n, povatlas_ebayes_variant variant, double *est, double *m,
    double *a, povatlas_error **err);

/* ------------------------------------------------- permutation tests */

/*
 * Pseudo p-values p = (count + 1) / (perms + 1). Seeded: the same seed,
 * data and weights give the same p-values on every platform (own
 * xoshiro256** generator, not rand()).
 */
typedef struct povatlas_global_perm {
    double moran_i;   /* observed I (n_used scaling as in moran.test) */
    double mean_perm; /* mean of the permuted I */
    double p_greater; /* count = #(I_perm >= I) */
    double p_folded;  /* count = min(#>=, perms - #>=) */
} povatlas_global_perm;

/**
 * povatlas_ebayes_standardize:
 * @z: (out caller-allocates) (array length=n): EB-standardised rates
 *
 * Assunção and Reis (1999), spdep's EBImoran.mc: with b = ΣO/ΣP and the
 * method-of-moments a of povatlas_ebayes_global(), v_i = a + b/P_i (b/P_i
 * where that is negative) and z_i = (O_i/P_i − b)/sqrt(v_i). Moran's I of
 * @z (povatlas_global_compute) is the rate autocorrelation that does not
 * mistake small denominators for clusters.
 * Returns: POVATLAS_E_INPUT for a zero population or no events at all.
 */
POVATLAS_API povatlas_status
povatlas_ebayes_standardize(const double *events, const double *population,
                            size_t n, double *z, povatlas_error **err);

/* The most permutations a test runs: GeoDa's largest choice. Each costs a
 * pass over every unit's neighbours, so 2,000,000,000 would run for days;
 * past 99999 the pseudo p gains no digit a map could show. */
#define POVATLAS_PERMUTATIONS_MAX 99999

/**
 * povatlas_global_moran_perm:
 * @n_perm: permutations, 1 to POVATLAS_PERMUTATIONS_MAX (999 usual)
 *
 * Total permutation of @x over the features (moran.mc's null hypothesis).
 */
POVATLAS_API povatlas_status povatlas_global_moran_perm(
    const povatlas_weights *w, const double *x, size_t n, int n_perm,
    uint64_t seed, povatlas_global_perm *out, povatlas_error **err);

/* LISA cluster categories (GeoDa's codes and order) */
typedef enum povatlas_lisa_category {
    POVATLAS_LISA_NOT_SIGNIFICANT = 0,
    POVATLAS_LISA_HIGH_HIGH = 1,
    POVATLAS_LISA_LOW_LOW = 2,
    POVATLAS_LISA_LOW_HIGH = 3,
    POVATLAS_LISA_HIGH_LOW = 4,
    POVATLAS_LISA_ISLAND = 5 /* no neighbours: never tested */
} povatlas_lisa_category;

enum povatlas_lisa_flags {
    /* significance by Benjamini-Hochberg false discovery rate at alpha
     * over the non-island features, instead of p <= alpha */
    POVATLAS_LISA_FDR = 1 << 0
};

/**
 * povatlas_local_moran_perm:
 * @p: (out caller-allocates) (array length=n): folded pseudo p-values,
 *   count = min(#(I_perm >= I_i), perms - #(I_perm >= I_i)); NAN for
 *   islands
 *
 * Conditional permutation (GeoDa, PySAL): x_i stays, its k_i neighbour
 * values are drawn without replacement from the other n-1 observations.
 */
POVATLAS_API povatlas_status povatlas_local_moran_perm(
    const povatlas_weights *w, const double *x, size_t n, int n_perm,
    uint64_t seed, double *p, povatlas_error **err);

/**
 * povatlas_lisa_categories:
 * @p: (array length=n): pseudo p-values from povatlas_local_moran_perm()
 * @alpha: significance level, 0 < alpha < 1
 * @flags: povatlas_lisa_flags
 * @cat: (out caller-allocates) (array length=n): povatlas_lisa_category
 *
 * Quadrant from the sign of z_i = x_i - mean and of its spatial lag of z
 * (High-High when both > 0; a zero counts as low).
 */
POVATLAS_API povatlas_status povatlas_lisa_categories(
    const povatlas_weights *w, const double *x, const double *p, size_t n,
    double alpha, unsigned flags, int *cat, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
