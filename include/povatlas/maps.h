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

/* Kinds of map povatlas_map_indicator() draws. */
typedef enum povatlas_map_type {
    POVATLAS_MAP_CHOROPLETH, /* classed values of @indicator */
    POVATLAS_MAP_CHANGE,     /* percentage-point change from_year -> year */
    POVATLAS_MAP_ZONE,       /* coastal / peri-urban / central */
    POVATLAS_MAP_ZONE_GAP,   /* bar chart: poor rate per zone and year */
    POVATLAS_MAP_SYMBOLS,    /* circles of poor households, light rates */
    POVATLAS_MAP_DOTS,       /* dot density of poor households */
    POVATLAS_MAP_BIVARIATE,  /* 3 x 3: @indicator x @indicator2 */
    POVATLAS_MAP_LISA        /* LISA cluster codes in @indicator */
} povatlas_map_type;

/** povatlas_map_type_parse: "choropleth", "change", "zone", "zone-gap",
 * "symbols", "dots", "bivariate", "lisa". Returns 1 when known. */
POVATLAS_API int povatlas_map_type_parse(const char *name,
                                         povatlas_map_type *out);

typedef struct povatlas_indicator_map_opts {
    povatlas_map_type type;        /* default choropleth */
    const char *indicator;         /* (nullable) default NULL: the type's
                                      own, "lisa_category" for lisa, else
                                      "poor_rate" */
    int year;                      /* 0 = latest */
    povatlas_breaks_method method; /* default Fisher-Jenks */
    int n_classes;                 /* default 5 */
    const char *lang;              /* "vi" (default) or "en" */
    const char *title;             /* (nullable) override */
    const char *style_path;        /* (nullable) */
    int width_px, height_px;       /* default 1600 x 1200 */
    double dpi;                    /* default 150 */
    int from_year;          /* change, zone-gap: first year (0: year - 1) */
    const char *indicator2; /* bivariate: default "coverage" */
    int show_values;        /* 1: value under each ward name */
    int min_households;     /* small-cell suppression: wards with fewer
                               households are hatched "Ẩn" and never
                               labelled with a number; default 30 */
    double per_dot;         /* dots: households per dot, 0: automatic */
    unsigned long seed;     /* dots: generator seed (default 2023) */
    int locator_inset;      /* default 1 */
} povatlas_indicator_map_opts;

POVATLAS_API void
povatlas_indicator_map_opts_init(povatlas_indicator_map_opts *opts);

/**
 * povatlas_map_indicator:
 * @path: output (.png, .svg or .pdf)
 * @layout: (out) (optional) (transfer full): what was drawn
 *
 * Draws @opts->type. Units without a value are drawn in the hatched
 * "no data" class. An indicator missing from the workspace for the year
 * (e.g. coverage or LISA codes not computed yet) fails with
 * POVATLAS_E_INPUT naming it.
 */
POVATLAS_API povatlas_status povatlas_map_indicator(
    povatlas_workspace *ws, const povatlas_indicator_map_opts *opts,
    const char *path, povatlas_map_layout **layout, povatlas_error **err);

/**
 * povatlas_map_zone_gap:
 * @opts: lang, size, @year (last year) and @from_year (first; 0: every
 *   year with data)
 * @path: .png, .svg or .pdf
 *
 * Bar chart of the poor-household rate of each zone (coastal, peri-urban,
 * central) per year, from the zone's summed counts.
 */
POVATLAS_API povatlas_status povatlas_map_zone_gap(
    povatlas_workspace *ws, const povatlas_indicator_map_opts *opts,
    const char *path, povatlas_error **err);

/* What povatlas_atlas_write() makes. */
typedef struct povatlas_atlas_opts {
    int year;               /* the briefing's year (0: latest); the change
                               pages compare it with the year before */
    const char *lang;       /* "vi" (default) or "en" */
    int min_households;     /* the maps' small-cell threshold: wards with fewer
                               households show "–" in the table and on their
                               fact sheet, and are hatched on the maps;
                               default POVATLAS_MIN_HOUSEHOLDS, 0: none */
    const char *style_path; /* (nullable) the pages' and maps' style: a
                               styles/ .ini file or the name of a shipped
                               style ("print-gray": grayscale) */
    int max_fact_sheets;    /* fact sheets for every unit when there are at
                               most this many (default
                               POVATLAS_ATLAS_MAX_FACT_SHEETS), none above,
                               and the contents say so; -1: always every
                               unit, 0: none */
    const char *province;   /* (nullable) fact sheets for the units of this
                               province code only (the units' province_code),
                               whatever their number; a code no unit has is
                               POVATLAS_E_INPUT */
} povatlas_atlas_opts;

/* Above this many units the atlas is a national one: one map (the poor
 * rate), the ward table's first POVATLAS_ATLAS_TABLE_ROWS units in
 * priority order, and by default no fact sheets (a province's communes
 * get theirs; a country's 10,600 would be 10,600 pages nobody reads, and
 * minutes to write). */
#define POVATLAS_ATLAS_NATIONAL_UNITS 700
#define POVATLAS_ATLAS_MAX_FACT_SHEETS POVATLAS_ATLAS_NATIONAL_UNITS
#define POVATLAS_ATLAS_TABLE_ROWS 100

/** povatlas_atlas_opts_init: the defaults above; allocates nothing. */
POVATLAS_API void povatlas_atlas_opts_init(povatlas_atlas_opts *opts);

/**
 * povatlas_atlas_write:
 * @opts: (nullable): NULL for the defaults
 * @path: .pdf, written under a temporary name
 *
 * The multi-page A4 briefing: cover with headline figures against the
 * plan's targets, key maps, ward table, zone trends and one fact sheet per
 * ward (up to @opts->max_fact_sheets wards, or those of @opts->province). Every
 * page says so when the data is synthetic. Same bytes for the same workspace.
 * All or nothing: a page that cannot be made fails the call with an error
 * naming the page ("atlas page 3 (near-poor rate map):
 * ..."), and no file is written.
 */
POVATLAS_API povatlas_status
povatlas_atlas_write(povatlas_workspace *ws, const povatlas_atlas_opts *opts,
                     const char *path, povatlas_error **err);

/* What povatlas_slides_write() makes. */
typedef struct povatlas_slides_opts {
    int year;           /* the slides' year (0: latest); the change map
                           compares it with the year before */
    const char *lang;   /* "vi" (default) or "en" */
    int min_households; /* small cells as on the maps: default
                           POVATLAS_MIN_HOUSEHOLDS, 0: none */
    const char *dir;    /* the folder written (made when missing) */
    int overwrite;      /* 0 refuses a slide file that exists */
} povatlas_slides_opts;

/** povatlas_slides_opts_init: the defaults above (no folder); allocates
 * nothing. */
POVATLAS_API void povatlas_slides_opts_init(povatlas_slides_opts *opts);

/**
 * povatlas_slides_write:
 * @opts: the folder and the options above
 * @files: (out) (optional) (transfer full): the file names written, in
 *   order, NULL-terminated ("01-targets.png", ...); g_strfreev()
 *
 * Slides for a projector, 16:9 PNGs of 1920 x 1080 pixels, no text under
 * 28 px: the plan's targets against what was achieved, the poor-rate map,
 * the change map (when the year before has a review list) and the ten
 * wards first in priority.
 * The synthetic-data band is on every slide of synthetic data. All or
 * nothing: no slide is renamed into @opts->dir until every one is drawn.
 * POVATLAS_E_USAGE when a slide exists and !@opts->overwrite.
 */
POVATLAS_API povatlas_status
povatlas_slides_write(povatlas_workspace *ws, const povatlas_slides_opts *opts,
                      char ***files, povatlas_error **err);

/* ---- maps as data, for the HTML briefing (map_data.c) ---------------- */

/* One class of a map: the fill and legend text the drawn map uses. */
typedef struct povatlas_map_class_data {
    unsigned int rgb; /* 0xRRGGBB */
    int fill;         /* a povatlas_map_fill */
    char *label;      /* owned */
} povatlas_map_class_data;

/* The classes of one map of @opts, unit by unit, as the drawn map has
 * them: the same breaks, colours and small-cell class. */
typedef struct povatlas_map_classing {
    size_t n;        /* units of the year */
    char **codes;    /* owned, n unit codes */
    int *unit_class; /* owned, n: index into classes, -1 no data */
    int n_classes;   /* classes[0..n_classes-1], then "no data" */
    povatlas_map_class_data *classes; /* owned, n_classes + 1: the last is
                                         the hatched "no data" class */
    char *title;         /* owned: what is mapped, "Tỷ lệ hộ nghèo" */
    char *legend_title;  /* owned */
    char *legend_note;   /* owned, nullable */
    char *source_note;   /* owned: the map's source line (says when the
                            data is synthetic) */
    char *boundary_note; /* owned, nullable: schematic boundaries */
} povatlas_map_classing;

/**
 * povatlas_map_classing_new:
 * @opts: type (choropleth or change), indicator, year, min_households,
 *   lang, style_path as for povatlas_map_indicator()
 *
 * Puts the units in the classes povatlas_map_indicator() draws them in,
 * without drawing. Returns: (transfer full) (nullable): free with
 * povatlas_map_classing_free(), or NULL with @err set (an indicator
 * without any value fails as the map does).
 */
POVATLAS_API povatlas_map_classing *
povatlas_map_classing_new(povatlas_workspace *ws,
                          const povatlas_indicator_map_opts *opts,
                          povatlas_error **err);
POVATLAS_API void povatlas_map_classing_free(povatlas_map_classing *c);

/* The units of a year as SVG path data in a box of @width x height pixels
 * (origin top left), projected as the drawn maps are (UTM zone of the
 * extent), with the sea and neighbouring land of the context layers. */
typedef struct povatlas_map_shapes {
    size_t n;
    char **codes;              /* owned, n */
    char **names;              /* owned, n: the short names the maps label */
    char **path_d;             /* owned, n: "M x y l dx dy ... Z" in pixels to a
                                  tenth: each ring's start, then relative steps */
    double *label_x, *label_y; /* owned, n: the pole of inaccessibility
                                  (centre of the largest circle inside) */
    double *label_r;           /* owned, n: that circle's radius */
    double width, height;      /* the box */
    double m_per_px;           /* projected metres per pixel (scale bar) */
    size_t n_context;
    int *context_role; /* owned, n_context: a povatlas_map_context_role */
    char **context_d;  /* owned, n_context: clipped to the box */
} povatlas_map_shapes;

/**
 * povatlas_map_shapes_new:
 * @year: units in force in @year (0: latest)
 * @width_px: box width; the height follows the units' extent
 * @simplify_m: 0 keeps every vertex; > 0 simplifies each outline with
 *   GEOS (topology preserving) to that tolerance in metres
 *
 * Returns: (transfer full) (nullable): free with
 * povatlas_map_shapes_free(), or NULL with @err set.
 */
POVATLAS_API povatlas_map_shapes *
povatlas_map_shapes_new(povatlas_workspace *ws, int year, double width_px,
                        double simplify_m, povatlas_error **err);
POVATLAS_API void povatlas_map_shapes_free(povatlas_map_shapes *s);

#ifdef __cplusplus
}
#endif
#endif
