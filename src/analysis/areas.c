/*
 * areas.c - the public area measures of one polygon, on core's area_calc
 * (core/areas.c: the one home of the measure).
 */
#include "core/areas.h"
#include "povatlas/analysis.h"

povatlas_status povatlas_geodesic_area_km2(const unsigned char *wkb,
                                           size_t wkb_size, double *out,
                                           povatlas_error **err)
{
    area_calc *a = area_calc_new();
    povatlas_status st =
        area_calc_measure(a, wkb, wkb_size, NULL, out, NULL, err);
    area_calc_free(a);
    return st;
}

povatlas_status povatlas_projected_area_km2(const unsigned char *wkb,
                                            size_t wkb_size, const char *crs,
                                            double *out, povatlas_error **err)
{
    area_calc *a = area_calc_new();
    povatlas_status st =
        area_calc_measure(a, wkb, wkb_size, crs, NULL, out, err);
    area_calc_free(a);
    return st;
}
