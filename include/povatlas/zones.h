/*
 * zones.h - the three planning zones of the city (coastal, peri-urban,
 * central; analysis job): the zones shipped in the unit table, or zones
 * derived from the coastline context layer, the unit type and the distance
 * from the centre, each ward with the rule that gave it its zone.
 */
#ifndef POVATLAS_ZONES_H
#define POVATLAS_ZONES_H

#include "povatlas/workspace.h"
#include "povatlas/zone_info.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Indicator holding a ward's zone as its povatlas_zone number, stored for
 * every review year. */
#define POVATLAS_IND_ZONE "zone_code"

/* Which rule gave a ward its zone. */
typedef enum povatlas_zone_rule {
    POVATLAS_ZONE_RULE_SHIPPED = 0, /* from the unit table as imported */
    POVATLAS_ZONE_RULE_COASTLINE,   /* within coast_km of the coastline */
    POVATLAS_ZONE_RULE_RURAL,       /* rural unit type (xã) */
    POVATLAS_ZONE_RULE_DISTANCE,    /* centroid beyond periurban_km */
    POVATLAS_ZONE_RULE_CENTRAL,     /* none of the above */
    POVATLAS_ZONE_RULE_OVERRIDE,    /* the override file says so */
} povatlas_zone_rule;

typedef struct povatlas_zones_opts {
    int derive;                /* 0: report the shipped zones; 1: derive them */
    double coast_km;           /* 1.0: coastal when the ward is this close */
    const char *centre;        /* (nullable) ward code or "LON,LAT"; NULL: the
                                  ward with most households per km² */
    double periurban_km;       /* 2.5: peri-urban beyond this from the centre */
    const char *override_path; /* (nullable) CSV "code,zone" */
    int year;                  /* units of this review year, 0 = all */
    int store;                 /* 1: write zones to units and indicators */
} povatlas_zones_opts;

/** povatlas_zones_opts_init: the defaults above; allocates nothing. */
POVATLAS_API void povatlas_zones_opts_init(povatlas_zones_opts *opts);

typedef struct povatlas_zone_row {
    char *code, *name;
    povatlas_zone zone;
    povatlas_zone_rule rule;
    double coast_m;  /* distance of the ward to the coastline, NAN unknown */
    double centre_m; /* centroid to centre, NAN when not derived */
} povatlas_zone_row;

typedef struct povatlas_zone_list {
    size_t n;
    povatlas_zone_row *rows; /* ordered by code */
    char *centre_code;       /* (nullable) ward used as the centre */
} povatlas_zone_list;

/**
 * povatlas_zones_compute:
 * @opts: (nullable): defaults when NULL
 *
 * Reports or derives the zone of every unit. Distances are GEOS distances
 * in metres after projecting to the UTM zone of the city (PROJ). Deriving
 * needs a context feature with role coastline; a coastline farther than
 * @opts->coast_km from every ward does not reach the city and is an error
 * (POVATLAS_E_INPUT), not an empty coastal zone. With @opts->store the
 * zones replace units.zone and are stored as POVATLAS_IND_ZONE indicators,
 * in one transaction.
 *
 * Returns: (transfer full) (nullable): free with povatlas_zone_list_free(),
 *   or NULL with @err set.
 */
POVATLAS_API povatlas_zone_list *
povatlas_zones_compute(povatlas_workspace *ws, const povatlas_zones_opts *opts,
                       povatlas_error **err);
POVATLAS_API void povatlas_zone_list_free(povatlas_zone_list *list);

#ifdef __cplusplus
}
#endif
#endif
