/*
 * maps.h - maps of workspace indicators (render job): reads one indicator
 * of one review year, classes it, and draws it with the map's texts in
 * Vietnamese or English, saying when the data is synthetic and the
 * boundaries schematic.
 */
#ifndef POVATLAS_MAPS_H
#define POVATLAS_MAPS_H

#include "povatlas/breaks.h"
#include "povatlas/render.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct povatlas_indicator_map_opts {
    const char *indicator;         /* default "poor_rate" */
    int year;                      /* 0 = latest */
    povatlas_breaks_method method; /* default Fisher-Jenks */
    int n_classes;                 /* default 5 */
    const char *lang;              /* "vi" (default) or "en" */
    const char *title;             /* (nullable) override */
    const char *style_path;        /* (nullable) */
    int width_px, height_px;       /* default 1600 x 1200 */
    double dpi;                    /* default 150 */
} povatlas_indicator_map_opts;

POVATLAS_API void
povatlas_indicator_map_opts_init(povatlas_indicator_map_opts *opts);

/**
 * povatlas_map_indicator:
 * @path: output (.png, .svg or .pdf)
 * @layout: (out) (optional) (transfer full): what was drawn
 *
 * Units without a value are drawn in the hatched "no data" class.
 */
POVATLAS_API povatlas_status povatlas_map_indicator(
    povatlas_workspace *ws, const povatlas_indicator_map_opts *opts,
    const char *path, povatlas_map_layout **layout, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
