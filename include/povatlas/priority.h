/*
 * priority.h - an explainable ward priority index (analysis job): named
 * components (poor rate, density of poor households, their number, the
 * coverage gap, the zone, the trend of the rate), each min-max scaled to
 * 0..1 over the wards ranked (1 = most in need on that component), and
 * weighted by geodata/priority.ini, so that every rank can be traced to
 * the contributions that made it.
 */
#ifndef POVATLAS_PRIORITY_H
#define POVATLAS_PRIORITY_H

#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_priority_component {
    /* raw values, each then min-max scaled over the wards ranked */
    POVATLAS_PRIORITY_RATE = 0,     /* poor rate, %: higher first */
    POVATLAS_PRIORITY_DENSITY,      /* poor households per km² */
    POVATLAS_PRIORITY_COUNT,        /* poor households */
    POVATLAS_PRIORITY_COVERAGE_GAP, /* 1 − coverage ÷ city's for the wards
                                       `coverage` flags (poorest classes
                                       covered less than the city), else 0 */
    POVATLAS_PRIORITY_ZONE,         /* value of the zone from [zone] */
    POVATLAS_PRIORITY_TREND,        /* rate change since year − 1: rising
                                       first */
    POVATLAS_PRIORITY_N
} povatlas_priority_component;

#define POVATLAS_IND_PRIORITY_INDEX "priority_index"
#define POVATLAS_IND_PRIORITY_RANK "priority_rank"

/** povatlas_priority_component_name: "rate", "density", "count",
 * "coverage_gap", "zone", "trend" (the keys of [weights]). */
POVATLAS_API const char *
povatlas_priority_component_name(povatlas_priority_component c);

/** povatlas_priority_component_label: the component's words for a reader,
 * the one table every table head, fact card and note takes them from:
 * "tỷ lệ hộ nghèo" / "poor rate", ... ("?" outside the enum). @lang:
 * "vi" (default) or "en". */
POVATLAS_API const char *
povatlas_priority_component_label(povatlas_priority_component c,
                                  const char *lang);

typedef struct povatlas_priority_weights {
    double weight[POVATLAS_PRIORITY_N];
    double zone_value[4]; /* by povatlas_zone: unknown, coastal, ... */
} povatlas_priority_weights;

/**
 * povatlas_priority_weights_load:
 * @path: (nullable): GKeyFile with [weights] and [zone]; NULL reads the
 *   embedded geodata/priority.ini
 *
 * A missing key is an error naming it (POVATLAS_E_INPUT), as is a negative
 * weight: a planner must see every weight that ranks the wards.
 */
POVATLAS_API povatlas_status povatlas_priority_weights_load(
    const char *path, povatlas_priority_weights *out, povatlas_error **err);

typedef struct povatlas_priority_row {
    char *code, *name;
    double raw[POVATLAS_PRIORITY_N];          /* NAN when undefined */
    double normalised[POVATLAS_PRIORITY_N];   /* 0..1 min-max over the wards
                                                 ranked; 0 when undefined */
    double contribution[POVATLAS_PRIORITY_N]; /* normalised × weight */
    double index;                             /* Σ contributions */
    int rank;                                 /* 1 = highest priority */
} povatlas_priority_row;

typedef struct povatlas_priority {
    int year;
    povatlas_priority_weights weights;
    size_t n;
    povatlas_priority_row *rows; /* by rank; ties by ward code */
} povatlas_priority;

/**
 * povatlas_priority_compute:
 * @weights: (nullable): NULL loads the embedded weights
 * @store: 1 to store POVATLAS_IND_PRIORITY_INDEX and _RANK for @year
 *
 * Returns: (transfer full) (nullable): free with povatlas_priority_free().
 */
POVATLAS_API povatlas_priority *
povatlas_priority_compute(povatlas_workspace *ws, int year,
                          const povatlas_priority_weights *weights, int store,
                          povatlas_error **err);
POVATLAS_API void povatlas_priority_free(povatlas_priority *p);

#ifdef __cplusplus
}
#endif
#endif
