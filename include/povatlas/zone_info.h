/*
 * zone_info.h - the one table of the three planning zones (core job): the
 * name units.zone holds, the words for each zone and its colour on the zone
 * map. The importer checks a unit table's zone column against it; the zone
 * map, the zone-gap chart, the atlas, the reports and the exported zone
 * styles read it. Which ward lies in which zone is analysis's (zones.h).
 */
#ifndef POVATLAS_ZONE_INFO_H
#define POVATLAS_ZONE_INFO_H

#include "povatlas/api.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_zone {
    POVATLAS_ZONE_UNKNOWN = 0,
    POVATLAS_ZONE_COASTAL = 1,   /* ven biển */
    POVATLAS_ZONE_PERIURBAN = 2, /* ven đô */
    POVATLAS_ZONE_CENTRAL = 3,   /* nội thị */
} povatlas_zone;

/* The one table of the zones: what units.zone holds, the words for each
 * zone and its colour on the zone map. The zone map, the zone-gap chart,
 * the atlas, the reports and the exported zone styles all read it. */
typedef struct povatlas_zone_info {
    povatlas_zone zone;
    const char *name;                /* "coastal": units.zone */
    const char *label_vi, *label_en; /* "ven biển", "coastal": in a text */
    const char *title_vi, *title_en; /* "Ven biển", "Coastal": a legend */
    unsigned int rgb;                /* fill on the zone map, 0xRRGGBB */
    int hatched;                     /* 1: hatched on the zone map */
} povatlas_zone_info;

/** povatlas_zone_info_of: the row of @z; the UNKNOWN row (name
 * "unknown", no colour) for anything not a zone. Never NULL. */
POVATLAS_API const povatlas_zone_info *povatlas_zone_info_of(povatlas_zone z);

/** povatlas_zone_name: "coastal", "periurban", "central" or "unknown". */
POVATLAS_API const char *povatlas_zone_name(povatlas_zone z);
/** povatlas_zone_label: "ven biển" / "coastal" ... for @lang "vi" | "en". */
POVATLAS_API const char *povatlas_zone_label(povatlas_zone z, const char *lang);
/** povatlas_zone_parse: inverse of povatlas_zone_name(); UNKNOWN when
 * @name is NULL or not a zone. */
POVATLAS_API povatlas_zone povatlas_zone_parse(const char *name);

#ifdef __cplusplus
}
#endif
#endif
