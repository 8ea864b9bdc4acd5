/*
 * render.h - maps drawn with cairo and pango: PNG, SVG and PDF from the same
 * drawing code (render job). Render draws what it is given; it computes no
 * indicator. Geometries arrive as WKB in EPSG:4326 (lon/lat) and are drawn in
 * a projected CRS chosen from their extent (UTM zone), so that the scale bar
 * is true at the map's latitude.
 *
 * Map types: povatlas_map_render_choropleth() classes values by breaks;
 * povatlas_map_render_classes() draws units already put in classes by the
 * caller (diverging change, zones, bivariate, LISA clusters, suppressed
 * cells) and may add proportional circles or dot density on top. Both
 * share the page layout, context layers, labels, legend, locator inset and
 * furniture. Charts (bars per zone and year) are in povatlas_chart_*().
 */
#ifndef POVATLAS_RENDER_H
#define POVATLAS_RENDER_H

#include <stddef.h>

#include "povatlas/breaks.h"
#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One mapped unit. All pointers are borrowed for the duration of the call. */
typedef struct povatlas_map_feature {
    const char *code;         /* unit code, e.g. "22738" */
    const char *label;        /* NFC UTF-8 label, e.g. "Đô Vinh" */
    const unsigned char *wkb; /* Polygon or MultiPolygon, EPSG:4326 */
    size_t wkb_size;
    double value;  /* the mapped value (percent for rates: 1.15) */
    int has_value; /* 0: no data, drawn hatched in the "no data" class */
    const char *value_text; /* (nullable) second label line, e.g. "1,15 %";
                               NULL for suppressed units */
} povatlas_map_feature;

typedef enum povatlas_map_context_role {
    POVATLAS_CONTEXT_SEA,       /* filled water */
    POVATLAS_CONTEXT_LAND,      /* neighbouring land, filled grey */
    POVATLAS_CONTEXT_COASTLINE, /* line */
    POVATLAS_CONTEXT_OUTLINE    /* outline of the mapped area, bold line */
} povatlas_map_context_role;

/* A context layer drawn under (sea, land) or over (lines) the units. */
typedef struct povatlas_map_context {
    povatlas_map_context_role role;
    const unsigned char *wkb; /* EPSG:4326, borrowed */
    size_t wkb_size;
    const char *label; /* (nullable) e.g. "Biển Đông" */
} povatlas_map_context;

typedef struct povatlas_map_opts {
    const char *title;        /* (nullable) */
    const char *subtitle;     /* (nullable) */
    const char *legend_title; /* (nullable) e.g. "Tỷ lệ hộ nghèo" */
    const char *source_note;  /* (nullable) bottom line; say "synthetic" */
    const char *boundary_note; /* (nullable) "Ranh giới sơ đồ — không phải
                                  ranh giới chính thức" */
    const char *style_path; /* (nullable) a styles/ .ini file; NULL: default */
    const char *lang;       /* "vi" (default) or "en" */
    int width_px;           /* page width in pixels at @dpi (PNG) */
    int height_px;
    double dpi;               /* 96..600 */
    int value_decimals;       /* decimals in legend labels (2) */
    const char *value_suffix; /* " %" for rates, NULL for none */
    const char *ramp;         /* (nullable) ColorBrewer ramp name overriding the
                                 style's: "YlOrRd", "Blues", "Greens", "Purples",
                                 "RdBu" (3..7 classes) or a [ramp:NAME] of the
                                 style file */
    int locator_inset;        /* 1: overview of the city in its province from
                                 the land and outline context layers */
    const char *legend_note;  /* (nullable) small print under the legend */
    const char *banner;       /* (nullable) a band across the top of the page,
                                 above the title: the synthetic-data notice */
    int legend_grid;          /* 3: the first 9 classes are a 3 x 3
                                 bivariate grid, class 3 * row + column,
                                 row and column 0 the lowest; drawn as a
                                 grid of colours with its two axes */
    const char *grid_rows;    /* (nullable) the rows' axis, e.g. "Tỷ lệ
                                 hộ nghèo", drawn with an arrow up */
    const char *grid_cols;    /* (nullable) the columns' axis, with an
                                 arrow right */
    int legend_skip_empty;    /* 1: classes no unit falls in are left out
                                 of the legend (a change map with no ward
                                 that rose shows no empty red classes) */
} povatlas_map_opts;

/** povatlas_map_opts_init: defaults (1600 x 1200 px at 150 dpi, "vi",
 * 2 decimals, no texts). Allocates nothing. */
POVATLAS_API void povatlas_map_opts_init(povatlas_map_opts *opts);

/**
 * povatlas_map_opts_set_paper:
 * @opts: (inout): width_px, height_px and dpi are set; the rest untouched
 * @paper: "A5", "A4", "A3" or "A2" (any case)
 * @landscape: 1 for landscape, 0 for portrait
 * @dpi: 72..1200
 * @err: (out) (optional): POVATLAS_E_USAGE for an unknown paper or dpi
 *
 * Sizes the page for printing on ISO paper: A4 landscape at 300 dpi is
 * 3508 x 2480 pixels (PNG) or 297 x 210 mm (SVG, PDF).
 */
POVATLAS_API povatlas_status
povatlas_map_opts_set_paper(povatlas_map_opts *opts, const char *paper,
                            int landscape, double dpi, povatlas_error **err);

/* A placed label, in output pixels (origin top left), for tests and
 * layout checks. */
typedef struct povatlas_label_box {
    char *text; /* owned */
    double x, y, width, height;
    /* unit labels: the point of the unit the label names (inside it) and
     * 1 when a leader line joins it to a label outside a small unit */
    double anchor_x, anchor_y;
    int leader;
} povatlas_label_box;

/*
 * What the renderer did: class colours, label boxes and the transform from
 * lon/lat to output pixels, so that a test can find a ward's pixel.
 */
typedef struct povatlas_map_layout povatlas_map_layout;

POVATLAS_API void povatlas_map_layout_free(povatlas_map_layout *layout);
POVATLAS_API size_t povatlas_map_layout_n_labels(const povatlas_map_layout *l);
/** Returns: (transfer none): valid while @l lives. */
POVATLAS_API const povatlas_label_box *
povatlas_map_layout_label(const povatlas_map_layout *l, size_t i);
/** Returns: the fill colour 0xRRGGBB of class @i (0-based). */
POVATLAS_API unsigned int
povatlas_map_layout_class_rgb(const povatlas_map_layout *l, int i);
POVATLAS_API int povatlas_map_layout_n_classes(const povatlas_map_layout *l);
/** povatlas_map_layout_to_pixel: lon/lat -> output pixel (x right, y
 * down). Returns 1 on success. */
POVATLAS_API int povatlas_map_layout_to_pixel(const povatlas_map_layout *l,
                                              double lon, double lat,
                                              double *px, double *py);

/** povatlas_map_layout_n_texts: every text drawn on the page (titles,
 * legend, labels, notes), as boxes in output pixels. */
POVATLAS_API size_t povatlas_map_layout_n_texts(const povatlas_map_layout *l);
/** Returns: (transfer none): text box @i, valid while @l lives. */
POVATLAS_API const povatlas_label_box *
povatlas_map_layout_text(const povatlas_map_layout *l, size_t i);
/** povatlas_map_layout_from_pixel: output pixel -> lon/lat. Returns 1 on
 * success. */
POVATLAS_API int povatlas_map_layout_from_pixel(const povatlas_map_layout *l,
                                                double px, double py,
                                                double *lon, double *lat);

/** povatlas_map_layout_frame: the map frame (the rectangle the map is
 * clipped to) in output pixels. */
POVATLAS_API void povatlas_map_layout_frame(const povatlas_map_layout *l,
                                            double *x, double *y, double *w,
                                            double *h);

/** povatlas_map_layout_scalebar: the scale bar drawn: its ground length
 * in metres (@metres, a round 1, 2 or 5 x 10^k) and its length in output
 * pixels (@px). */
POVATLAS_API void povatlas_map_layout_scalebar(const povatlas_map_layout *l,
                                               double *metres, double *px);

/**
 * povatlas_map_render_choropleth:
 * @features: the units, @n of them
 * @context: (nullable): @n_context context layers
 * @breaks: class limits (from povatlas_breaks_compute())
 * @opts: texts, size, style
 * @path: output file; the format comes from its extension (.png .svg .pdf);
 *   written under a temporary name and renamed when complete
 * @layout: (out) (optional) (transfer full): what was drawn; free with
 *   povatlas_map_layout_free()
 * @err: (out) (optional)
 *
 * Draws a classed choropleth with title, legend (class limits in the
 * language's number format and count of units per class), non-overlapping
 * labels with halos, scale bar, north arrow and source line.
 */
POVATLAS_API povatlas_status povatlas_map_render_choropleth(
    const povatlas_map_feature *features, size_t n,
    const povatlas_map_context *context, size_t n_context,
    const povatlas_breaks *breaks, const povatlas_map_opts *opts,
    const char *path, povatlas_map_layout **layout, povatlas_error **err);

/* How a class is filled. Hatching keeps classes apart in grayscale. */
typedef enum povatlas_map_fill {
    POVATLAS_FILL_SOLID,
    POVATLAS_FILL_HATCHED,     /* diagonal lines on the colour */
    POVATLAS_FILL_CROSSHATCHED /* crossed lines: suppressed small cells */
} povatlas_map_fill;

/* A class of povatlas_map_render_classes(); pointers borrowed. */
typedef struct povatlas_map_class {
    unsigned int rgb; /* 0xRRGGBB */
    povatlas_map_fill fill;
    const char *label; /* legend text, e.g. "từ 0,70 đến dưới 1,07 %" */
} povatlas_map_class;

typedef enum povatlas_map_symbol_kind {
    POVATLAS_SYMBOLS_NONE,
    POVATLAS_SYMBOLS_CIRCLES, /* one circle per unit, area ~ count */
    POVATLAS_SYMBOLS_DOTS     /* dot density, random inside each unit */
} povatlas_map_symbol_kind;

/* Symbols drawn over the class fills; pointers borrowed. */
typedef struct povatlas_map_symbols {
    povatlas_map_symbol_kind kind;
    const double *counts;  /* per feature; NAN or < 0: no symbol */
    double per_dot;        /* DOTS: count per dot (> 0) */
    unsigned long seed;    /* DOTS: generator seed, output repeats with it */
    unsigned int rgb;      /* symbol colour */
    const char *title;     /* (nullable) legend heading: "Số hộ nghèo" */
    const char *unit_word; /* "hộ" / "households" */
} povatlas_map_symbols;

/**
 * povatlas_map_render_classes:
 * @classes: (array length=n_classes): at most 16
 * @feature_class: per feature, an index into @classes or -1 (no data,
 *   hatched "no data" class added to the legend)
 * @symbols: (nullable): circles or dots over the fills
 *
 * Like povatlas_map_render_choropleth() for units the caller has classed.
 * Dots are placed at random inside each unit with a generator seeded by
 * @symbols->seed and the unit code: they never show where a household
 * lives. Same ownership as povatlas_map_render_choropleth().
 */
POVATLAS_API povatlas_status povatlas_map_render_classes(
    const povatlas_map_feature *features, size_t n,
    const povatlas_map_context *context, size_t n_context,
    const povatlas_map_class *classes, int n_classes, const int *feature_class,
    const povatlas_map_symbols *symbols, const povatlas_map_opts *opts,
    const char *path, povatlas_map_layout **layout, povatlas_error **err);

/** povatlas_map_layout_n_dots: dots drawn by a DOTS map. */
POVATLAS_API size_t povatlas_map_layout_n_dots(const povatlas_map_layout *l);
/** povatlas_map_layout_dot: dot @i in lon/lat and the index of its
 * feature. Returns 1 when @i exists. */
POVATLAS_API int povatlas_map_layout_dot(const povatlas_map_layout *l, size_t i,
                                         double *lon, double *lat,
                                         size_t *feature);

/* One series of a bar chart: one value per category (NAN: none). */
typedef struct povatlas_chart_series {
    const char *name; /* legend text, e.g. "2023" */
    const double *values;
} povatlas_chart_series;

typedef struct povatlas_chart {
    const char *title, *subtitle, *y_label, *source_note; /* nullable */
    const char *const *categories; /* n_categories x-axis groups */
    size_t n_categories;
    const povatlas_chart_series *series;
    size_t n_series;
    int decimals;             /* value labels on the bars */
    const char *value_suffix; /* (nullable) " %" */
    const char *lang;
    int width_px, height_px;
    double dpi;
} povatlas_chart;

/**
 * povatlas_chart_render_bars:
 * @path: .png, .svg or .pdf, written under a temporary name
 *
 * Grouped bars from zero, each labelled with its value in the language's
 * number format, series told apart by lightness (grayscale-safe).
 */
POVATLAS_API povatlas_status povatlas_chart_render_bars(
    const povatlas_chart *chart, const char *path, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
