/*
 * render_private.h - what the files of the render job share: the page being
 * drawn (cairo + pango in output-pixel units), the style, the lon/lat ->
 * page transform, geometries in page coordinates and the layout record.
 * Other jobs see only include/povatlas/render.h.
 *
 * Units: everything is drawn in output pixels (origin top left, y down).
 * Sizes in the style are in points and become pixels through
 * page->px_per_pt (dpi / 72), so one map looks the same at 96 and 600 dpi.
 * SVG and PDF surfaces are in points; surface.c scales them so that the
 * same pixel coordinates apply.
 */
#ifndef POVATLAS_RENDER_PRIVATE_H
#define POVATLAS_RENDER_PRIVATE_H

#include <cairo.h>
#include <geos_c.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <proj.h>

#include "povatlas/core.h"
#include "povatlas/render.h"

/* ---- map_style.c ----------------------------------------------------------
 */

#define POVATLAS_RENDER_MAX_CLASSES 16

/* Colours are 0xRRGGBB; widths and sizes in points. */
typedef struct povatlas_render_style {
    char *font_family; /* owned: "Noto Sans, DejaVu Sans" */
    char *ramp;        /* owned: ramp name, e.g. "YlOrRd" */
    int reverse;       /* 1: ramp drawn dark to light */
    unsigned int ramp_rgb[POVATLAS_RENDER_MAX_CLASSES];
    int ramp_n; /* colours in ramp_rgb, filled for the class count */
    unsigned int page_rgb, text_rgb, muted_rgb, halo_rgb;
    unsigned int border_rgb, outline_rgb, sea_rgb, land_rgb, land_border_rgb;
    unsigned int coast_rgb, sea_text_rgb, nodata_rgb, hatch_rgb;
    unsigned int frame_rgb, leader_rgb;
    unsigned int banner_rgb, banner_text_rgb; /* the synthetic-data band */
    int grayscale; /* 1: every class fill is drawn as a grey of its own */
    double border_width_pt, outline_width_pt, coast_width_pt;
    double title_pt, subtitle_pt, legend_title_pt, legend_pt, label_pt;
    double label_min_pt, note_pt, halo_pt, margin_pt;
} povatlas_render_style;

/* Loads @path (nullable: built-in defaults) and picks the ramp colours for
 * @n_classes. @ramp_override (nullable) replaces the file's ramp name.
 * On error @style owns nothing (the caller does not clear it). */
povatlas_status povatlas_render_style_load(povatlas_render_style *style,
                                           const char *path,
                                           const char *ramp_override,
                                           int n_classes, povatlas_error **err);
void povatlas_render_style_clear(povatlas_render_style *style);
/* CIE L* (0 black .. 100 white) of an sRGB colour. */
double povatlas_render_lightness(unsigned int rgb);
/* The neutral grey of lightness @l (CIE L*). */
unsigned int povatlas_render_grey_of_lightness(double l);
/* A grayscale style's greys for @n class colours, in place: from near
 * white to near black in equal steps of L*, in class order when @ordered
 * (classes of a scale), else in the order of the colours' own lightness
 * (categories: LISA clusters, zones, bivariate cells). */
void povatlas_render_grey_classes(unsigned int *rgb, int n, int ordered);
/* Parses "#rrggbb"; returns 1 on success. */
int povatlas_render_parse_rgb(const char *text, unsigned int *out);

/* ---- page.c: the cairo context and pango set-up ----------------------- */

typedef struct povatlas_render_page {
    cairo_t *cr;                        /* borrowed from surface.c */
    PangoFontMap *fontmap;              /* owned */
    PangoContext *pango;                /* owned */
    double width, height;               /* page size in output pixels */
    double px_per_pt;                   /* dpi / 72 */
    const povatlas_render_style *style; /* borrowed */
    const char *lang;                   /* borrowed: "vi" or "en" */
    GArray *texts; /* borrowed, nullable: every text box drawn is appended
                      (povatlas_label_box), so tests check the layout */
} povatlas_render_page;

void povatlas_render_page_init(povatlas_render_page *page, cairo_t *cr,
                               double width, double height, double dpi,
                               const povatlas_render_style *style,
                               const char *lang);
void povatlas_render_page_clear(povatlas_render_page *page);
void povatlas_render_set_rgb(cairo_t *cr, unsigned int rgb);
void povatlas_render_set_rgba(cairo_t *cr, unsigned int rgb, double alpha);
/* Points -> output pixels. */
double povatlas_render_pt(const povatlas_render_page *page, double pt);

/* ---- pango_text.c: pango text, measured and drawn with a halo ---------------
 */

enum povatlas_render_text_flags {
    POVATLAS_RENDER_TEXT_BOLD = 1 << 0,
    POVATLAS_RENDER_TEXT_ITALIC = 1 << 1,
    POVATLAS_RENDER_TEXT_CENTER = 1 << 2 /* lines centred on each other */
};

/* Returns: (transfer full): a layout of @text at @size_pt; unref with
 * g_object_unref(). @wrap_px > 0 wraps lines at that width. */
PangoLayout *povatlas_render_text_new(const povatlas_render_page *page,
                                      const char *text, double size_pt,
                                      int flags, double wrap_px);
/* Logical size of @layout in pixels. */
void povatlas_render_text_size(PangoLayout *layout, double *w, double *h);
/* Draws @layout with its top left at (x, y); halo_px <= 0: no halo. */
void povatlas_render_text_draw(const povatlas_render_page *page,
                               PangoLayout *layout, double x, double y,
                               unsigned int rgb, double halo_px);

/* ---- geometry.c: WKB lon/lat -> GEOS geometry in page pixels ---------- */

typedef struct povatlas_render_geom {
    GEOSContextHandle_t geos; /* owned */
    GString *geos_message;    /* owned: last GEOS error */
} povatlas_render_geom;

povatlas_status povatlas_render_geom_init(povatlas_render_geom *g,
                                          povatlas_error **err);
void povatlas_render_geom_clear(povatlas_render_geom *g);
/* Returns: (transfer full) (nullable): the geometry read from @wkb in
 * lon/lat, or NULL with @err set; destroy with GEOSGeom_destroy_r(). */
GEOSGeometry *povatlas_render_geom_read(povatlas_render_geom *g,
                                        const unsigned char *wkb, size_t size,
                                        const char *what, povatlas_error **err);

/* ---- project.c: lon/lat -> UTM metres -> page pixels ------------------ */

typedef struct povatlas_render_proj {
    PJ_CONTEXT *ctx; /* owned */
    PJ *pj;          /* owned: EPSG:4326 (lon, lat) -> UTM zone */
    int epsg;        /* e.g. 32649 */
    double scale;    /* page pixels per projected metre */
    double e0, n0;   /* projected point drawn at (x0, y0) */
    double x0, y0;
} povatlas_render_proj;

/* Chooses the UTM zone for the lon/lat box and creates the transform. */
povatlas_status povatlas_render_proj_init(povatlas_render_proj *p,
                                          double lon_min, double lat_min,
                                          double lon_max, double lat_max,
                                          povatlas_error **err);
void povatlas_render_proj_clear(povatlas_render_proj *p);
/* Lon/lat -> projected metres. Returns 1 on success. */
int povatlas_render_proj_fwd(const povatlas_render_proj *p, double lon,
                             double lat, double *e, double *n);
/* Projected metres -> page pixels (after povatlas_render_proj_fit()). */
void povatlas_render_proj_metres_to_page(const povatlas_render_proj *p,
                                         double e, double n, double *x,
                                         double *y);
/* Lon/lat -> page pixels (after povatlas_render_proj_fit()). */
int povatlas_render_proj_to_page(const povatlas_render_proj *p, double lon,
                                 double lat, double *x, double *y);
/* Page pixels -> lon/lat. */
int povatlas_render_proj_from_page(const povatlas_render_proj *p, double x,
                                   double y, double *lon, double *lat);
/* Fits the projected box [emin, emax] x [nmin, nmax] centred into the page
 * rectangle (rx, ry, rw, rh). */
void povatlas_render_proj_fit(povatlas_render_proj *p, double emin, double nmin,
                              double emax, double nmax, double rx, double ry,
                              double rw, double rh);
/* Returns: (transfer full) (nullable): @lonlat reprojected to page pixels;
 * NULL when a point fails to project. */
GEOSGeometry *povatlas_render_proj_geom_to_page(const povatlas_render_proj *p,
                                                povatlas_render_geom *g,
                                                const GEOSGeometry *lonlat);
/* Ground metres per page pixel along x at page point (x, y), measured on
 * the WGS 84 ellipsoid (so the scale bar is true, not grid distance). */
double povatlas_render_proj_ground_m_per_px(const povatlas_render_proj *p,
                                            double x, double y);
/* Angle (radians, clockwise from page up) of true north at (x, y). */
double povatlas_render_proj_north_angle(const povatlas_render_proj *p, double x,
                                        double y);

/* ---- project_units.c: many units projected once, over threads -------- */

/* Reads @n lon/lat WKB geometries: @lonlat[i] (transfer full) and the
 * extent of all of them, @extent = {xmin, ymin, xmax, ymax}. Returns 0,
 * or the 1-based index of a unit that could not be read (no WKB, bad
 * WKB, empty): that unit and some after it are left NULL, the rest is
 * read (the caller reads the NULLs again, in order, to say why). */
size_t povatlas_render_units_read(const unsigned char *const *wkb,
                                  const size_t *wkb_size, size_t n,
                                  GEOSGeometry **lonlat, double extent[4]);

/* Projects @n lon/lat geometries to metres: @metres[i] (transfer full,
 * destroy with GEOSGeom_destroy_r()) and the extent of all their points,
 * @extent = {emin, nmin, emax, nmax}. Returns 0, or the 1-based index of
 * a unit with a point that does not project (then @metres holds NULLs).
 * @h only destroys what was made. */
size_t povatlas_render_units_to_metres(const povatlas_render_proj *p,
                                       GEOSContextHandle_t h,
                                       const GEOSGeometry *const *lonlat,
                                       size_t n, GEOSGeometry **metres,
                                       double extent[4]);
/* Bytes of the reason a unit failed on the page. */
#define POVATLAS_RENDER_WHY 256
/* Page pixel copies of @n metre geometries (after povatlas_render_proj_fit),
 * simplified to @simplify_px (0: not) and repaired when invalid:
 * @page[i] (transfer full). Returns 0, or the 1-based index of a unit
 * that failed (then @page holds NULLs) and in @why why: GEOS could not
 * project, simplify or repair it (a fault of POVATLAS_FAULT_GEOS too). */
size_t povatlas_render_units_to_page(const povatlas_render_proj *p,
                                     GEOSContextHandle_t h,
                                     const GEOSGeometry *const *metres,
                                     size_t n, double simplify_px,
                                     GEOSGeometry **page,
                                     char why[POVATLAS_RENDER_WHY]);

/* Units that are all plain lon/lat polygons (little-endian 2D WKB Polygons
 * and MultiPolygons, every coordinate finite, every ring closed and of 4
 * points or more) read into one array of points, without a GEOS geometry
 * per unit: projected in place, and made GEOS geometries only on the page,
 * the same geometries with the same numbers as the three passes above. */
typedef struct povatlas_render_flat povatlas_render_flat;
/* Returns: (transfer full) (nullable): the @n units, and their extent in
 * @extent; NULL when a unit is anything else (then read them with
 * povatlas_render_units_read()). */
povatlas_render_flat *povatlas_render_flat_read(const unsigned char *const *wkb,
                                                const size_t *wkb_size,
                                                size_t n, double extent[4]);
void povatlas_render_flat_free(povatlas_render_flat *f);
/* As povatlas_render_units_to_metres(), in place. */
size_t povatlas_render_flat_to_metres(const povatlas_render_proj *p,
                                      povatlas_render_flat *f,
                                      double extent[4]);
/* As povatlas_render_units_to_page(), from the metres in @f (which become
 * page pixels). */
size_t povatlas_render_flat_to_page(const povatlas_render_proj *p,
                                    GEOSContextHandle_t h,
                                    povatlas_render_flat *f, double simplify_px,
                                    GEOSGeometry **page,
                                    char why[POVATLAS_RENDER_WHY]);

/* ---- paint.c: geometries as cairo paths ------------------------------- */

/* Adds the polygons (or lines) of @geom to the current path. */
void povatlas_render_path(cairo_t *cr, GEOSContextHandle_t geos,
                          const GEOSGeometry *geom);
/* Fills the current path with hatching on @bg_rgb; consumes the path. */
void povatlas_render_fill_hatched(const povatlas_render_page *page,
                                  unsigned int bg_rgb, unsigned int line_rgb);
/* Fills the current path by @fill (a povatlas_map_fill); consumes it. */
void povatlas_render_fill_pattern(const povatlas_render_page *page,
                                  unsigned int bg_rgb, unsigned int line_rgb,
                                  int fill);
/* A proportional circle (@circle 1: translucent with an outline) or a
 * density dot of radius @r at (cx, cy). */
void povatlas_render_symbol(const povatlas_render_page *page, int circle,
                            double cx, double cy, double r, unsigned int rgb);

/* ---- legend.c --------------------------------------------------------- */

typedef enum povatlas_legend_kind {
    POVATLAS_LEGEND_SWATCH, /* a filled rectangle */
    POVATLAS_LEGEND_DOT,    /* a dot of a dot-density map */
    POVATLAS_LEGEND_CIRCLE, /* a reference circle */
    POVATLAS_LEGEND_HEADING /* bold text, no swatch */
} povatlas_legend_kind;

typedef struct povatlas_legend_entry {
    unsigned int rgb;
    int hatched; /* a povatlas_map_fill: 1 hatched ("no data"), 2 crossed */
    char *label; /* owned */
    char *count; /* owned, nullable: "(3 phường/xã)" */
    povatlas_legend_kind kind;
    double radius_px; /* DOT and CIRCLE */
} povatlas_legend_entry;

typedef struct povatlas_legend {
    char *title;     /* owned, nullable */
    GArray *entries; /* of povatlas_legend_entry */
    char *note;      /* owned, nullable: small print under the entries */
    /* a bivariate grid: the first grid_n x grid_n entries are its cells
     * (entry grid_n * row + column, row 0 at the bottom, column 0 at the
     * left); the axes' words are borrowed. 0: no grid */
    int grid_n;
    const char *grid_rows, *grid_cols;
    double grid_cell[9][4]; /* drawn cells: x, y, w, h in output pixels */
    /* 0, or the tallest the legend may be: a legend taller in one column
     * (the classes and the reference circles of a symbols map on a wide
     * slide) puts its rows from the last heading on in a second column */
    double max_h;
} povatlas_legend;

void povatlas_legend_init(povatlas_legend *legend, const char *title);
void povatlas_legend_clear(povatlas_legend *legend);
/* Copies @note (nullable), e.g. the breaks' "3 classes instead of 5". */
void povatlas_legend_set_note(povatlas_legend *legend, const char *note);
/* Takes ownership of @label and @count. */
void povatlas_legend_add(povatlas_legend *legend, unsigned int rgb, int hatched,
                         char *label, char *count);
/* A symbol or heading row; takes ownership of @label. */
void povatlas_legend_add_symbol(povatlas_legend *legend,
                                povatlas_legend_kind kind, unsigned int rgb,
                                double radius_px, char *label);
/* povatlas_legend_class_labels() is public: breaks.h. */
/* "(3 phường/xã)" / "(3 wards)". Returns: (transfer full): g_free(). */
char *povatlas_legend_count_text(size_t count, const char *lang);
void povatlas_legend_measure(const povatlas_render_page *page,
                             const povatlas_legend *legend, double *w,
                             double *h);
/* Draws the legend; a grid's cells are recorded in @legend->grid_cell. */
void povatlas_legend_draw(const povatlas_render_page *page,
                          povatlas_legend *legend, double x, double y);

/* ---- furniture.c ------------------------------------------------------ */

typedef struct povatlas_rect {
    double x, y, w, h;
} povatlas_rect;

/* A band across the top of the page (the synthetic-data notice, legible
 * from the back of a room): @text (nullable: no band) in bold on the
 * style's banner colour. Returns the y below it (0 without a band). */
double povatlas_furniture_banner(const povatlas_render_page *page,
                                 const char *text, int draw);
/* Draws title and subtitle at the top left, from @top down (below the
 * band); the title wraps to the page width. Returns the y below them. */
double povatlas_furniture_titles(const povatlas_render_page *page, double top,
                                 const char *title, const char *subtitle,
                                 int draw);
/* Draws the source lines at the bottom left and @crs (nullable) at the
 * bottom right; returns the y above them. */
double povatlas_furniture_notes(const povatlas_render_page *page,
                                const char *source, const char *boundary,
                                const char *crs, int draw);
/* "Hệ quy chiếu: WGS 84 / UTM vùng 49N (EPSG:32649)" for @epsg 326zz or
 * 327zz. Returns: (transfer full): g_free(). */
char *povatlas_furniture_crs_text(int epsg, const char *lang);
/* Size of the scale bar block for @m_per_px; draws it at (x, y) when
 * @draw. Returns the bar's ground length in metres. */
double povatlas_furniture_scalebar(const povatlas_render_page *page,
                                   double m_per_px, double max_w, double x,
                                   double y, int draw, double *w, double *h);
/* North arrow of height @h_px centred at (cx, cy), rotated by @angle. */
void povatlas_furniture_north(const povatlas_render_page *page, double cx,
                              double cy, double h_px, double angle);

/* ---- labels.c --------------------------------------------------------- */

typedef struct povatlas_label_request {
    const char *text;          /* borrowed */
    const GEOSGeometry *shape; /* borrowed, page pixels */
} povatlas_label_request;

/* Places and draws labels without overlaps, avoiding @obstacles and
 * staying inside @frame; appends the placed boxes to @boxes (GArray of
 * povatlas_label_box, texts owned by the array's clear function). */
void povatlas_labels_place(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const povatlas_label_request *req, size_t n,
                           const povatlas_rect *frame,
                           const povatlas_rect *obstacles, size_t n_obstacles,
                           GArray *boxes);

/* ---- layout.c --------------------------------------------------------- */

/* A dot of a dot-density map, for tests: lon/lat and its feature. */
typedef struct povatlas_layout_dot {
    double lon, lat;
    size_t feature;
} povatlas_layout_dot;

struct povatlas_map_layout {
    GArray *dots; /* of povatlas_layout_dot */
    int n_classes;
    unsigned int class_rgb[POVATLAS_RENDER_MAX_CLASSES];
    GArray *labels;            /* of povatlas_label_box */
    GArray *texts;             /* of povatlas_label_box: every text drawn */
    povatlas_render_proj proj; /* owned */
    double frame_x, frame_y, frame_w, frame_h;
    double scalebar_m, scalebar_px; /* ground length and its pixels */
    int grid_n;                     /* the legend's bivariate grid, or 0 */
    double grid_cell[9][4];         /* its cells as drawn: x, y, w, h */
    double legend[4];               /* the legend box: x, y, w, h */
};

povatlas_map_layout *povatlas_map_layout_new(void);
GArray *povatlas_label_box_array_new(void);

/* ---- symbols.c: proportional circles and dot density ------------------ */

/* Draws @sy over units whose page shapes are @shapes; dots are recorded
 * in @layout (lon/lat through its transform). */
void povatlas_symbols_draw(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const povatlas_map_symbols *sy,
                           const povatlas_map_feature *features,
                           const GEOSGeometry *const *shapes, size_t n,
                           povatlas_map_layout *layout);
/* Adds the symbol rows (reference circles or "1 chấm = N hộ"). */
void povatlas_symbols_legend(const povatlas_render_page *page,
                             const povatlas_map_symbols *sy,
                             const povatlas_map_feature *features, size_t n,
                             povatlas_legend *legend);

/* ---- reach.c: context layers carried out to the box's edges ---------- */

/* Stretches the cross-section of @shapes (page pixels) along each side of
 * their common extent out to @box's side, where the extent stops short of
 * it; each shape is replaced (or kept when GEOS fails). */
void povatlas_render_reach_box(GEOSContextHandle_t h, GEOSGeometry **shapes,
                               size_t n, const povatlas_rect *box);

/* ---- inset.c: a small overview map in a box --------------------------- */

/* Draws @n_land grey shapes, @n_sea sea shapes and @highlight (nullable,
 * filled dark) fitted to the land's and @highlight's extent into @box,
 * with a frame; the land and the sea are carried on to the box's edges
 * (reach.c). Shapes are in any common planar coordinates (page pixels of
 * the main map). */
void povatlas_render_inset(const povatlas_render_page *page,
                           povatlas_render_geom *g,
                           const GEOSGeometry *const *land, size_t n_land,
                           const GEOSGeometry *const *sea, size_t n_sea,
                           const GEOSGeometry *highlight,
                           const povatlas_rect *box);
/* A fact sheet's locator in @box: the land's colour as background, @sea
 * shapes in the sea's, the @n units light with borders and @highlight
 * dark, fitted to the units' extent with a margin. */
void povatlas_render_locator(const povatlas_render_page *page,
                             povatlas_render_geom *g,
                             const GEOSGeometry *const *sea, size_t n_sea,
                             const GEOSGeometry *const *units, size_t n,
                             const GEOSGeometry *highlight,
                             const povatlas_rect *box);
/* Width over height of the shapes' common bounding box (1 when empty). */
double povatlas_render_inset_aspect(povatlas_render_geom *g,
                                    const GEOSGeometry *const *shapes,
                                    size_t n);

/* ---- choropleth.c: one map page onto any cairo context ---------------- */

typedef struct povatlas_render_map_args {
    const povatlas_map_feature *features;
    size_t n;
    const povatlas_map_context *context;
    size_t n_context;
    const povatlas_map_class *classes;
    int n_classes;
    const int *feature_class;            /* n values, -1: no data */
    const povatlas_map_symbols *symbols; /* nullable */
    const povatlas_map_opts *opts;
    GArray *texts; /* nullable: the page's text boxes are appended here */
} povatlas_render_map_args;

/* Draws the whole map page (opts->width_px x height_px in the current
 * user space of @cr, origin top left): used for files and atlas pages. */
povatlas_status povatlas_render_map_draw(const povatlas_render_map_args *a,
                                         cairo_t *cr,
                                         povatlas_map_layout **layout,
                                         povatlas_error **err);

/* ---- map_workspace.c / map_types.c: maps of workspace indicators ----- */

#include "povatlas/maps.h"

/* One map being made from the workspace: texts, features, classes. */
typedef struct povatlas_maps_job {
    povatlas_workspace *ws;               /* borrowed */
    const povatlas_indicator_map_opts *o; /* borrowed */
    int year;
    int en;
    povatlas_indicator_table *t;    /* owned: the indicators the type needs */
    povatlas_map_feature *features; /* owned array, t->units->n */
    GPtrArray *strings;             /* owned texts the features point to */
    povatlas_map_class classes[POVATLAS_RENDER_MAX_CLASSES];
    int n_classes;
    int *cls;                          /* owned, per unit */
    char *legend_title;                /* owned */
    char *legend_note;                 /* owned, nullable */
    char *title_what;                  /* owned: "Tỷ lệ hộ nghèo" */
    const char *grid_rows, *grid_cols; /* bivariate: the legend grid's
                                          axes (static strings) */
    povatlas_map_symbols symbols;
    double *counts;     /* owned, symbols' counts */
    int allow_empty;    /* 1: a column without any value loads (all no data) */
    int synthetic;      /* the workspace's flag, read by povatlas_maps_load */
    int schematic;      /* schematic boundaries, read by povatlas_maps_load */
    char *place;        /* owned, nullable: the subtitle, read by
                           povatlas_maps_load */
    int title_has_year; /* the title's "what" names its years (change) */
    int slide_note;     /* a slide: the band says synthetic and the source
                           line leaves out the version (one line) */
} povatlas_maps_job;

/* Reads @names of @year; fails naming the first one without any value and
 * what is missing for it (the year's review list, ward totals), unless
 * @j->allow_empty. */
povatlas_status povatlas_maps_load(povatlas_maps_job *j,
                                   const char *const *names, size_t n,
                                   povatlas_error **err);
/* Column @k of unit @i; returns 0 when undefined. */
int povatlas_maps_value(const povatlas_maps_job *j, size_t i, size_t k,
                        double *out);
/* Adds a class; @label is copied. Returns its index. */
int povatlas_maps_add_class(povatlas_maps_job *j, unsigned int rgb,
                            povatlas_map_fill fill, const char *label);
/* Keeps @s alive as long as the job; returns it. */
const char *povatlas_maps_keep(povatlas_maps_job *j, char *s);
/* Number text in the map's language (NULL on failure); kept by the job. */
const char *povatlas_maps_num(povatlas_maps_job *j, double v, int decimals,
                              const char *suffix);
void povatlas_maps_job_clear(povatlas_maps_job *j);
/* Legend text, suffix and decimals of a known indicator, else @name. */
const char *povatlas_maps_indicator_text(const char *name, int en,
                                         const char **suffix, int *decimals);

/* Per-type classing (map_types.c): fill j->classes, j->cls, the texts and
 * symbols; the table is loaded by each. */
povatlas_status povatlas_maps_choropleth(povatlas_maps_job *j,
                                         povatlas_error **err);
povatlas_status povatlas_maps_change(povatlas_maps_job *j,
                                     povatlas_error **err);
povatlas_status povatlas_maps_zone(povatlas_maps_job *j, povatlas_error **err);
povatlas_status povatlas_maps_symbols(povatlas_maps_job *j,
                                      povatlas_error **err);
povatlas_status povatlas_maps_dots(povatlas_maps_job *j, povatlas_error **err);
povatlas_status povatlas_maps_bivariate(povatlas_maps_job *j,
                                        povatlas_error **err);
povatlas_status povatlas_maps_lisa(povatlas_maps_job *j, povatlas_error **err);
/* The fill of wards in no significant LISA cluster: apart from the land
 * outside the city (style land_rgb) by a visible step. */
#define LISA_NS_RGB 0xfff6d5u
/* The per-type classing of @j->o->type (map_workspace.c). */
povatlas_status povatlas_maps_classify(povatlas_maps_job *j,
                                       povatlas_error **err);

/* Map options (texts, size) of @j for the renderer; strings owned by @j
 * and @keep. */
void povatlas_maps_render_opts(povatlas_maps_job *j, povatlas_map_opts *mo);
/* The workspace's context layers as render contexts. Returns: (transfer
 * full): g_free() the array, then povatlas_context_list_free(*list). */
/* One map slide (slides.c) into @cr, 1920 x 1080 px: the slides' style,
 * names only, no inset nor subtitle, the notes on one line; its texts
 * appended to @texts (nullable), its layout in @layout (nullable). */
povatlas_status
povatlas_slides_map_draw(povatlas_workspace *ws, povatlas_map_type type,
                         const char *ind, int year, const char *lang,
                         int min_households, cairo_t *cr, GArray *texts,
                         povatlas_map_layout **layout, povatlas_error **err);
povatlas_map_context *povatlas_maps_context(povatlas_workspace *ws,
                                            povatlas_context_list **list,
                                            povatlas_error **err);

/* ---- atlas.c ---------------------------------------------------------- */

/* povatlas_atlas_write() that also appends, per page, a GArray of the
 * text boxes drawn on it (povatlas_label_box) to @trace (nullable): the
 * layout a test checks for overlaps. */
povatlas_status povatlas_atlas_write_traced(povatlas_workspace *ws,
                                            const povatlas_atlas_opts *opts,
                                            const char *path, GPtrArray *trace,
                                            povatlas_error **err);

/* ---- slides.c --------------------------------------------------------- */

/* povatlas_slides_write() that also appends, per slide, a GArray of the
 * text boxes drawn on it (povatlas_label_box) to @trace (nullable). */
povatlas_status povatlas_slides_write_traced(povatlas_workspace *ws,
                                             const povatlas_slides_opts *opts,
                                             char ***files, GPtrArray *trace,
                                             povatlas_error **err);

/* ---- chart.c ---------------------------------------------------------- */

/* Draws @c's bars and series legend into @box of @p. */
void povatlas_chart_draw(const povatlas_render_page *p, const povatlas_chart *c,
                         const povatlas_rect *box);

/* The colour of a target's state: green met, red missed, grey no data
 * (a povatlas_target_state). */
unsigned int povatlas_render_target_rgb(int state);
struct povatlas_target_eval;
/* A target's bullet chart in @box: light bar the baseline, dark bar what
 * was achieved (green met, red missed), black tick the target; a
 * reduction drawn by its size. The atlas cover and the slides draw it. */
void povatlas_render_bullet(cairo_t *cr, const struct povatlas_target_eval *e,
                            const povatlas_rect *box);

/* ---- zone_gap.c -------------------------------------------------------- */

/* Poor rate (%) per zone (3: coastal, periurban, central) and year
 * @y0..@y1 as analysis stored it (povatlas_zone_rates_get(): summed
 * counts, exact, rounded once); @rates is 3 x (y1 - y0 + 1), NAN when
 * undefined. @titles: the zones' legend words in @en. */
povatlas_status povatlas_maps_zone_series(povatlas_workspace *ws, int y0,
                                          int y1, double *rates,
                                          povatlas_error **err);
void povatlas_maps_zone_titles(int en, const char *titles[3]);

#include "povatlas/gaps.h"

#define POVATLAS_ZONE_GAP_MAX_YEARS 4

/* The zone-gap chart's figures: per year from @y0, the three zones'
 * rates, gaps and ratios (povatlas_zone_rates_compute()). */
typedef struct povatlas_zone_gap_chart {
    int y0, n_years;
    povatlas_zone_rates rates[POVATLAS_ZONE_GAP_MAX_YEARS][3];
} povatlas_zone_gap_chart;

povatlas_status povatlas_zone_gap_load(povatlas_workspace *ws, int y0, int y1,
                                       povatlas_zone_gap_chart *c,
                                       povatlas_error **err);
/* "Chênh lệch tỷ lệ hộ nghèo giữa các vùng và nội thị, 2022–2023".
 * Returns: (transfer full): g_free(). */
char *povatlas_zone_gap_title(const povatlas_zone_gap_chart *c, int en);
/* Draws the rows of gaps, the key and the axis into @box, the rows
 * sized to fill it. Returns: the y below the last text drawn. */
double povatlas_zone_gap_draw(const povatlas_render_page *p,
                              const povatlas_zone_gap_chart *c,
                              const povatlas_rect *box);

/* ---- surface.c -------------------------------------------------------- */

typedef enum povatlas_render_format {
    POVATLAS_RENDER_PNG,
    POVATLAS_RENDER_SVG,
    POVATLAS_RENDER_PDF
} povatlas_render_format;

typedef struct povatlas_render_target {
    povatlas_render_format format;
    cairo_surface_t *surface; /* owned */
    cairo_t *cr;              /* owned */
    povatlas_tempfile tf;     /* the output, under a temporary name */
    GString *svg;             /* owned: SVG text, renumbered at the end */
    int open;                 /* 1 while tf holds a temporary file */
} povatlas_render_target;

/* Creates the surface for @path's extension, written under a temporary
 * name; @width_px x @height_px at @dpi. */
povatlas_status povatlas_render_target_open(povatlas_render_target *t,
                                            const char *path, int width_px,
                                            int height_px, double dpi,
                                            povatlas_error **err);
/* Finishes the file and renames it over the final path. Every byte goes
 * through a cairo write stream into the temporary file, so a failed write
 * (a full disk) fails the commit with the path and the system's reason. */
povatlas_status povatlas_render_target_commit(povatlas_render_target *t,
                                              povatlas_error **err);
/* POVATLAS_OK while every byte so far was written; else the error commit
 * would return (a write the disk refused, cairo's own error), so that a
 * document of many pages stops at the page that failed instead of drawing
 * the rest for nothing. The target stays open: abort it. */
povatlas_status povatlas_render_target_check(povatlas_render_target *t,
                                             povatlas_error **err);
/* Drops the temporary file; safe after commit. */
void povatlas_render_target_abort(povatlas_render_target *t);

#endif
