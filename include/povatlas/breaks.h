/*
 * breaks.h - class breaks for choropleth maps (analysis job).
 *
 * Definitions follow classInt 0.4-9 (R) as documented in
 * tests/fixtures/reference/README.md; Fisher-Jenks is the exact optimum.
 * Pure functions, thread-safe.
 */
#ifndef POVATLAS_BREAKS_H
#define POVATLAS_BREAKS_H

#include <stddef.h>

#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_breaks_method {
    POVATLAS_BREAKS_QUANTILE,   /* R type 7 */
    POVATLAS_BREAKS_EQUAL,      /* equal interval */
    POVATLAS_BREAKS_SD,         /* classInt "sd" (pretty) */
    POVATLAS_BREAKS_SD_FIXED,   /* classInt "fixed" mean +- {0.5,1.5} sd */
    POVATLAS_BREAKS_FISHER,     /* exact Fisher-Jenks, midpoint breaks */
    POVATLAS_BREAKS_HEADTAILS,  /* head/tail, thr 0.4 */
    POVATLAS_BREAKS_BOX15,      /* box map, hinge 1.5 (Tukey's hinges) */
    POVATLAS_BREAKS_BOX30,      /* box map, hinge 3.0 */
    POVATLAS_BREAKS_PERCENTILE, /* 1, 10, 50, 90, 99 percentiles (type 7) */
    POVATLAS_BREAKS_MANUAL      /* user-given limits */
} povatlas_breaks_method;

/*
 * Class limits. limits[0] .. limits[n_classes] ascending, strictly
 * increasing (no duplicate classes), with these documented exceptions:
 * - all values equal: one class with limits[0] == limits[1];
 * - box maps keep GeoDa's six classes (lower outlier, <25 %, 25-50 %,
 *   50-75 %, >75 %, upper outlier) so that a class index is a category;
 *   an outlier class without members has an infinite outer limit and a
 *   count of 0 (interior ties, IQR = 0, merge classes with a note);
 * - equal, sd, sd_fixed and manual classes may be empty where the data
 *   has gaps (their limits do not depend on where the data falls).
 * Fewer distinct values than classes requested gives fewer classes and
 * a `note`.
 *
 * Closure. Default: left-closed, [lower, upper) with the last class also
 * closed above, which is classInt's (R) convention and the one the
 * reference values use. QGIS and PySAL are right-closed, (lower, upper]
 * with the first class closed below: switch with
 * povatlas_breaks_recount(..., 0). The two differ only for values equal to
 * an interior limit.
 */
typedef struct povatlas_breaks {
    povatlas_breaks_method method;
    int n_classes;
    double *limits;  /* owned, n_classes + 1 values */
    size_t *counts;  /* owned, n_classes values: members of each class */
    double *cmin;    /* owned, n_classes values: smallest member, NAN if none */
    double *cmax;    /* owned, n_classes values: largest member, NAN if none */
    int left_closed; /* 1 (default): [lower, upper), last closed (classInt);
                        0: (lower, upper], first closed (QGIS, PySAL) */
    char *note;      /* owned, nullable: e.g. "only 3 distinct values: 3
                        classes instead of 5" */
} povatlas_breaks;

/**
 * povatlas_breaks_compute:
 * @values: data values (NaN entries are ignored as "no data")
 * @n: number of values
 * @method: the method
 * @n_classes: classes requested (ignored by head/tail and box maps)
 * @manual: (nullable): for POVATLAS_BREAKS_MANUAL, n_manual ascending limits
 * @n_manual: number of manual limits
 * @err: (out) (optional)
 *
 * Returns: (transfer full) (nullable): the breaks (free with
 *   povatlas_breaks_free()), or NULL with @err set (no values, k < 1 ...).
 */
POVATLAS_API povatlas_breaks *povatlas_breaks_compute(
    const double *values, size_t n, povatlas_breaks_method method,
    int n_classes, const double *manual, size_t n_manual, povatlas_error **err);

/**
 * povatlas_breaks_recount:
 * @breaks: (transfer none): breaks to update in place
 * @values: (array length=n): the data to count (NaN ignored)
 * @left_closed: 1 for classInt's [a, b), 0 for QGIS/PySAL (a, b]
 *
 * Sets the closure and recomputes counts, cmin and cmax. Cannot fail.
 */
POVATLAS_API void povatlas_breaks_recount(povatlas_breaks *breaks,
                                          const double *values, size_t n,
                                          int left_closed);

/** povatlas_breaks_free: NULL is a no-op. */
POVATLAS_API void povatlas_breaks_free(povatlas_breaks *breaks);

/**
 * povatlas_breaks_class_of:
 * Returns: the 0-based class of @value under @breaks->left_closed, or -1
 *   for NaN / outside [limits[0], limits[n_classes]]. Pure.
 */
POVATLAS_API int povatlas_breaks_class_of(const povatlas_breaks *breaks,
                                          double value);

/** povatlas_breaks_method_name: "quantile", "equal", "sd", "sd_fixed",
 * "fisher", "headtails", "box1.5", "box3.0", "percentile", "manual". */
POVATLAS_API const char *povatlas_breaks_method_name(povatlas_breaks_method m);

/** povatlas_breaks_method_parse: inverse of the above (also "jenks" for
 * fisher). Returns 1 when @name is known. */
POVATLAS_API int povatlas_breaks_method_parse(const char *name,
                                              povatlas_breaks_method *out);

/* ------------------------------------------------ the poverty classes */

/* What every map of an indicator, the atlas, the exported QGIS styles and
 * `coverage` class by default: Fisher-Jenks, 5 classes. */
#define POVATLAS_CLASSES_METHOD POVATLAS_BREAKS_FISHER
#define POVATLAS_CLASSES_COUNT 5

/*
 * The classes a ward is put in, the same on the map, in the atlas, in the
 * GeoPackage's QML/SLD and in `coverage`: a value of exactly 0 (no poor
 * household) has a class of its own, first, when any unit has it; the
 * other values are broken into classes by the method.
 */
typedef struct povatlas_classes {
    int zero_class;          /* 1: class 0 holds exactly the value 0 */
    povatlas_breaks *breaks; /* owned, nullable: the classes of the other
                                values; NULL when every value is 0 */
    int n_classes;           /* zero_class + breaks->n_classes */
} povatlas_classes;

/**
 * povatlas_classes_compute:
 * @values: (array length=n): per unit, NaN for a unit not classed (no
 *   value, or a small cell)
 * @method, @n_classes: as povatlas_breaks_compute() (POVATLAS_CLASSES_*
 *   for the default)
 *
 * Returns: (transfer full) (nullable): povatlas_classes_free(); NULL with
 *   @err set when no value is defined.
 */
POVATLAS_API povatlas_classes *
povatlas_classes_compute(const double *values, size_t n,
                         povatlas_breaks_method method, int n_classes,
                         povatlas_error **err);

/** povatlas_classes_class_of: the 0-based class of @value (the zero class
 * first), -1 for NaN or outside every class. Pure. */
POVATLAS_API int povatlas_classes_class_of(const povatlas_classes *c,
                                           double value);

/** povatlas_classes_free: NULL is a no-op. */
POVATLAS_API void povatlas_classes_free(povatlas_classes *c);

/* The zero class (povatlas_classes): its colour and legend text on every
 * map and in every exported style. */
#define POVATLAS_ZERO_CLASS_RGB 0xf7f7f7u
#define POVATLAS_ZERO_CLASS_VI "0 hộ"
#define POVATLAS_ZERO_CLASS_EN "0 households"

/**
 * povatlas_legend_class_labels:
 * @breaks: the classes
 * @decimals: wanted decimals (more are used when two limits would print
 *   alike)
 * @suffix: (nullable): " %" for rates
 * @lang: "vi" or "en"
 *
 * The class labels every legend and every exported style uses, so a map
 * and the QGIS style of its layer say the same thing: "dưới 0,70 %", "từ
 * 0,70 đến dưới 1,07 %", …, "từ 1,79 % trở lên" (left-closed classes) or
 * "đến …", "trên … đến …", "trên …" (right-closed).
 *
 * Returns: (transfer full): NULL-terminated, n_classes labels; free with
 *   g_strfreev().
 */
POVATLAS_API char **povatlas_legend_class_labels(const povatlas_breaks *breaks,
                                                 int decimals,
                                                 const char *suffix,
                                                 const char *lang);

#ifdef __cplusplus
}
#endif
#endif
