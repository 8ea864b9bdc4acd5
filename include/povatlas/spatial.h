/*
 * spatial.h - spatial statistics of any polygon layer, and of the
 * workspace's wards (analysis job).
 *
 * The layer path reads polygons with OGR, reprojects them to metres (the
 * UTM zone of the layer's centre, or a CRS the caller names), builds
 * row-standardised weights and runs every statistic of povatlas/stats.h,
 * returning one table a caller can check against GeoDa, R spdep or PySAL:
 * per-unit columns and global keys carry the names of
 * tests/fixtures/reference/README.md. docs/statistics.md explains each of them.
 *
 * Units whose value is missing (NULL field, zero population of a rate,
 * empty geometry) are left out of the analysis and reported with every
 * statistic undefined: a missing value is never read as 0.
 */
#ifndef POVATLAS_SPATIAL_H
#define POVATLAS_SPATIAL_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/stats.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_spatial_weights {
    POVATLAS_SPATIAL_QUEEN,      /* vertex snapping, >= 1 pair (poly2nb) */
    POVATLAS_SPATIAL_ROOK,       /* vertex snapping, >= 2 pairs */
    POVATLAS_SPATIAL_QUEEN_DIST, /* polygon distance <= snap (GEOS) */
    POVATLAS_SPATIAL_KNN,        /* k nearest centroids */
    POVATLAS_SPATIAL_DISTANCE    /* centroids within a band */
} povatlas_spatial_weights;

/* Below this many analysed units the result carries a caveat. */
#define POVATLAS_SPATIAL_SMALL_N 30

/*
 * What to analyse and how. Strings are borrowed for the call. Set up with
 * povatlas_spatial_opts_init(), which holds the defaults.
 */
typedef struct povatlas_spatial_opts {
    const char *layer;       /* (nullable) layer name; NULL = the first */
    const char *field;       /* numeric field analysed, or NULL with a rate */
    const char *rate_events; /* (nullable) numerator field (poor) */
    const char *rate_population; /* (nullable) denominator (households) */
    const char *id_field;        /* (nullable) unit id; NULL = the feature id */
    const char *t_srs; /* (nullable) metric CRS; NULL = UTM of centre */
    povatlas_spatial_weights weights; /* default queen */
    double snap_m;                    /* contiguity tolerance, default 50 */
    int k;                            /* knn, default 4 */
    double band_m;    /* distance band, no default (must be > 0) */
    int permutations; /* 0 = none (default); 999 usual */
    uint64_t seed;    /* default 1 */
    double alpha;     /* LISA significance, default 0.05 */
    int fdr;          /* 1: Benjamini-Hochberg over the units */
} povatlas_spatial_opts;

/** povatlas_spatial_opts_init: fills @opts with the defaults above. */
POVATLAS_API void povatlas_spatial_opts_init(povatlas_spatial_opts *opts);

/**
 * povatlas_spatial_weights_parse:
 * @name: "queen", "rook", "queen_dist", "knn" or "distance"
 * @out: (out): set when known
 *
 * Returns: 1 when @name is known, 0 otherwise.
 */
POVATLAS_API int povatlas_spatial_weights_parse(const char *name,
                                                povatlas_spatial_weights *out);

/*
 * The result: one row per feature of the layer, in layer order. Every
 * array has n entries and is owned by the result; NAN marks an undefined
 * value (an island's z, a unit left out). Arrays of optional parts are
 * NULL when that part was not asked for.
 */
typedef struct povatlas_spatial_result {
    size_t n;                     /* features read */
    size_t n_analysed;            /* units with a value and a geometry */
    char **ids;                   /* n, NUL-terminated strings */
    unsigned char *analysed;      /* n: 1 when the unit entered the analysis */
    double *x;                    /* n: the variable (NAN when missing) */
    size_t *n_neighbours;         /* n: neighbours each local value rests on */
    povatlas_global_stats global; /* over the analysed units */
    povatlas_local_stats *local;  /* n rows (NAN for units left out) */
    int has_permutations;
    int permutations;
    uint64_t seed;
    double alpha;
    int fdr;
    povatlas_global_perm global_perm; /* when has_permutations */
    double *p_sim;                    /* (nullable) n: folded local pseudo p */
    int *lisa;         /* (nullable) n: povatlas_lisa_category, -1 left out */
    double *eb_global; /* (nullable) n: with a rate */
    double *eb_local;  /* (nullable) n: spdep EBlocal on the same weights */
    double eb_moran_i; /* Moran's I of EB-standardised rates (Assunção-Reis),
                          NAN without a rate */
    double eb_moran_p; /* its folded permutation pseudo p, NAN without
                          permutations */
    size_t n_islands;
    char **islands; /* n_islands ids of analysed units without neighbours */
    char *crs;      /* the metric CRS the weights were built in */
    char *weights;  /* "queen (snap 50 m)" ... */
    char *caveat;   /* (nullable) plain-language small-n warning */
    char *note;     /* (nullable) units left out, and why */
} povatlas_spatial_result;

/**
 * povatlas_spatial_layer_analyze:
 * @path: any vector file GDAL reads, with polygons
 * @opts: (transfer none): what to analyse
 * @err: (out) (optional): POVATLAS_E_IO (unreadable file), _E_USAGE
 *   (unknown layer or field, bad options), _E_GEOM (a feature that is not a
 *   polygon, a failed reprojection; row = 1-based feature), _E_INPUT
 *   ("Moran's I is undefined: the variable is constant", fewer than 4
 *   units with neighbours)
 *
 * Returns: (transfer full) (nullable): free with
 *   povatlas_spatial_result_free().
 */
POVATLAS_API povatlas_spatial_result *povatlas_spatial_layer_analyze(
    const char *path, const povatlas_spatial_opts *opts, povatlas_error **err);

/*
 * The same on arrays the caller already has (the workspace path, tests).
 * @wkb are polygons in planar metres; @x has n values, NAN = missing;
 * @events and @population (both or neither) add EB smoothing.
 */
typedef struct povatlas_spatial_input {
    size_t n;
    const char *const *ids;          /* n */
    const double *x;                 /* n */
    const double *events;            /* (nullable) n */
    const double *population;        /* (nullable) n */
    const unsigned char *const *wkb; /* n, NULL = no geometry */
    const size_t *wkb_size;          /* n */
    const char *crs;                 /* (nullable) for the report */
} povatlas_spatial_input;

/**
 * povatlas_spatial_compute:
 * @in: (transfer none): borrowed for the call
 * @opts: layer, field and CRS members are ignored
 *
 * Returns: (transfer full) (nullable): as povatlas_spatial_layer_analyze().
 */
POVATLAS_API povatlas_spatial_result *
povatlas_spatial_compute(const povatlas_spatial_input *in,
                         const povatlas_spatial_opts *opts,
                         povatlas_error **err);

/**
 * povatlas_spatial_project_wkb:
 * @wkb: (array length=n): polygons; NULL entries stay NULL
 * @src_crs: (nullable): CRS of @wkb as OGR understands it ("EPSG:4326",
 *   WKT); NULL = EPSG:4326
 * @dst_crs: (nullable): target CRS; NULL = the UTM zone of the centre of
 *   the features' extent
 * @out_wkb: (out caller-allocates) (array length=n): newly allocated WKB
 *   (g_free() each)
 * @out_size: (out caller-allocates) (array length=n)
 * @crs_used: (out) (optional) (transfer full): "EPSG:32649" ... (g_free)
 *
 * Reprojects with OGR/PROJ in longitude, latitude axis order.
 */
POVATLAS_API povatlas_status povatlas_spatial_project_wkb(
    const unsigned char *const *wkb, const size_t *wkb_size, size_t n,
    const char *src_crs, const char *dst_crs, unsigned char **out_wkb,
    size_t *out_size, char **crs_used, povatlas_error **err);

/** povatlas_spatial_result_free: NULL is a no-op. */
POVATLAS_API void povatlas_spatial_result_free(povatlas_spatial_result *res);

typedef enum povatlas_spatial_format {
    POVATLAS_SPATIAL_CSV_LOCAL,  /* one row per unit */
    POVATLAS_SPATIAL_CSV_GLOBAL, /* one row of global keys */
    POVATLAS_SPATIAL_JSON        /* {"global":..., "units": [...], ...} */
} povatlas_spatial_format;

/**
 * povatlas_spatial_result_format:
 *
 * Numbers with 17 significant digits; an undefined value is an empty CSV
 * field or JSON null, never "nan". JSON also carries "caveat" (string or
 * null), "islands" (ids), "crs", "weights" and "note".
 *
 * Returns: (transfer full): the text; free with g_free()/free().
 */
POVATLAS_API char *
povatlas_spatial_result_format(const povatlas_spatial_result *res,
                               povatlas_spatial_format format);

/**
 * povatlas_spatial_result_write:
 * @path: output file, written under a temporary name and renamed
 */
POVATLAS_API povatlas_status povatlas_spatial_result_write(
    const povatlas_spatial_result *res, povatlas_spatial_format format,
    const char *path, povatlas_error **err);

/* Indicators povatlas_workspace_spatial_stats() stores: */
#define POVATLAS_IND_LISA_CATEGORY                                             \
    "lisa_category" /* 0 ns 1 HH 2 LL 3 LH 4 HL */
#define POVATLAS_IND_LISA_P "lisa_p"
#define POVATLAS_IND_GISTAR_Z "gistar_z"
#define POVATLAS_IND_EB_RATE "eb_rate"             /* %, like poor_rate */
#define POVATLAS_IND_EB_LOCAL_RATE "eb_local_rate" /* % */
#define POVATLAS_IND_MORAN_I "moran_i"             /* scope "*" */
#define POVATLAS_IND_MORAN_P "moran_p"             /* scope "*" */
/* meta key: why the statistics are NULL, when they are */
#define POVATLAS_META_SPATIAL_NOTE "spatial_stats_note"

/**
 * povatlas_workspace_spatial_stats:
 * @year: the review year (povatlas_analyze() passes the latest)
 *
 * Queen weights (snap 50 m, UTM of the wards' centre) over the units of
 * @year with a geometry and a poor_rate; LISA with 999 conditional
 * permutations (seed 1, alpha 0.05), G_i* z, EB global and local rates
 * from poor / households; Moran's I and its pseudo p for scope "*". Call
 * inside the caller's transaction, after the year's poor_rate is stored.
 *
 * When the statistics are undefined (a constant rate, too few wards with
 * neighbours) they are stored as NULL, the reason is kept in meta
 * POVATLAS_META_SPATIAL_NOTE, and the call still returns POVATLAS_OK;
 * only workspace failures are errors.
 */
POVATLAS_API povatlas_status povatlas_workspace_spatial_stats(
    povatlas_workspace *ws, int year, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
