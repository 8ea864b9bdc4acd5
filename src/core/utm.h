/*
 * utm.h - the UTM zone of a longitude/latitude: the metric CRS that areas,
 * topology, zones, spatial statistics and the map projection use when none
 * is given. Zones are 6° wide from 180° W (1..60); EPSG:326zz north of the
 * equator, EPSG:327zz south (Phan Rang–Tháp Chàm: zone 49, EPSG:32649).
 * The one home of the formula.
 */
#ifndef POVATLAS_CORE_UTM_H
#define POVATLAS_CORE_UTM_H

#include <math.h>

#include <glib.h>

/* The EPSG code of the UTM zone holding (@lon, @lat). A longitude outside
 * [-180, 180), or NaN, falls in the nearest edge zone (1 or 60): 180° E is
 * zone 60, not the non-existent 61 (EPSG:32661 is a polar CRS). */
static inline int utm_zone_epsg(double lon, double lat)
{
    double zone = floor((lon + 180.0) / 6.0) + 1;
    if (!(zone >= 1)) /* also NaN */
        zone = 1;
    if (zone > 60)
        zone = 60;
    return (lat >= 0 ? 32600 : 32700) + (int)zone;
}

/* "EPSG:326zz" / "EPSG:327zz" of utm_zone_epsg(); (transfer full) g_free. */
static inline char *utm_zone_crs(double lon, double lat)
{
    return g_strdup_printf("EPSG:%d", utm_zone_epsg(lon, lat));
}

#endif
