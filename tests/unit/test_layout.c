/*
 * test_layout.c - what the renderer laid out (src/render/layout.c and the
 * text boxes every page records), checked on the demo workspace as a
 * leader would look at it: no text box overlaps another on any atlas page
 * nor on any map (a long title included), the synthetic-data band is on
 * every page and large, each ward label's anchor lies inside its ward (a
 * small ward gets a leader line, never a label half over its border), the
 * LISA map's "no clear cluster" fill is not the land outside the city, and
 * the grayscale style keeps every class of every map type apart by at
 * least 8 units of lightness (CIE L*), and the sea and land reach the
 * edges of a wide map's frame and of the locator inset.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include <geos_c.h>
#include <glib.h>

#include "core/write_fault.h"
#include "povatlas/analysis.h"
#include "povatlas/maps.h"
#include "povatlas/spatial.h"
#include "render/render_private.h"

typedef struct fx {
    char *dir;
    povatlas_workspace *ws;
} fx;

static int group_setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->dir = testutil_tmpdir();
    g_autofree char *out = g_build_filename(f->dir, "demo", NULL);
    const char *argv[] = {"demo", "--out", out, "-q", NULL};
    if (testutil_run(argv, NULL, NULL) != 0)
        return -1;
    g_autofree char *db = g_build_filename(out, "atlas.sqlite", NULL);
    f->ws = povatlas_workspace_open(db, 0, NULL);
    *state = f;
    return f->ws ? 0 : -1;
}

static int group_teardown(void **state)
{
    fx *f = *state;
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

/* CIE L*a*b* of an sRGB colour (D65), computed here, not by the renderer. */
static void lab(unsigned int rgb, double out[3])
{
    double c[3];
    for (int i = 0; i < 3; i++) {
        double v = ((rgb >> (16 - 8 * i)) & 255) / 255.0;
        c[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    double xyz[3] = {(0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047,
                     0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2],
                     (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883};
    double f[3];
    for (int i = 0; i < 3; i++)
        f[i] = xyz[i] > 216.0 / 24389.0 ? cbrt(xyz[i])
                                        : (24389.0 / 27.0 * xyz[i] + 16) / 116;
    out[0] = 116 * f[1] - 16;
    out[1] = 500 * (f[0] - f[1]);
    out[2] = 200 * (f[1] - f[2]);
}

static double lightness(unsigned int rgb)
{
    double l[3];
    lab(rgb, l);
    return l[0];
}

static double delta_e(unsigned int a, unsigned int b)
{
    double x[3], y[3];
    lab(a, x);
    lab(b, y);
    return sqrt((x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]) +
                (x[2] - y[2]) * (x[2] - y[2]));
}

/* Fails naming both texts when two boxes of @boxes overlap by more than
 * half a pixel each way; @where names the page. */
static void assert_no_overlap(const povatlas_label_box *boxes, size_t n,
                              const char *where)
{
    for (size_t i = 0; i < n; i++) {
        const povatlas_label_box *a = &boxes[i];
        if (!a->text || !*a->text || a->width <= 0 || a->height <= 0)
            continue;
        for (size_t k = i + 1; k < n; k++) {
            const povatlas_label_box *b = &boxes[k];
            if (!b->text || !*b->text || b->width <= 0 || b->height <= 0)
                continue;
            double ox =
                fmin(a->x + a->width, b->x + b->width) - fmax(a->x, b->x);
            double oy =
                fmin(a->y + a->height, b->y + b->height) - fmax(a->y, b->y);
            if (ox > 0.5 && oy > 0.5)
                fail_msg("%s: '%s' (%.0f,%.0f %.0fx%.0f) overlaps '%s' "
                         "(%.0f,%.0f %.0fx%.0f)",
                         where, a->text, a->x, a->y, a->width, a->height,
                         b->text, b->x, b->y, b->width, b->height);
        }
    }
}

/* The band's text box on a page: present and at least 14 pt tall at the
 * page's dpi (not a 9 px footnote). */
static void assert_band(const povatlas_label_box *boxes, size_t n, double dpi,
                        const char *where)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(boxes[i].text, povatlas_synthetic_note("vi")) == 0) {
            if (boxes[i].height < 14.0 * dpi / 72.0)
                fail_msg("%s: the synthetic band is %.0f px tall", where,
                         boxes[i].height);
            /* at the top of the page, above everything else */
            for (size_t k = 0; k < n; k++)
                if (k != i && boxes[k].y < boxes[i].y + boxes[i].height - 0.5)
                    fail_msg("%s: '%s' is not below the band", where,
                             boxes[k].text);
            return;
        }
    fail_msg("%s: no synthetic-data band", where);
}

static void check_atlas(fx *f, const char *style)
{
    g_autofree char *pdf = g_build_filename(f->dir, "atlas.pdf", NULL);
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    o.style_path = style;
    GPtrArray *pages =
        g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_atlas_write_traced(f->ws, &o, pdf, pages, &err),
                     POVATLAS_OK);
    /* cover, contents, 4 maps, table, zone gaps, 16 fact sheets */
    assert_int_equal(pages->len, 24);
    for (guint p = 0; p < pages->len; p++) {
        GArray *b = g_ptr_array_index(pages, p);
        g_autofree char *where =
            g_strdup_printf("atlas page %u (%s)", p + 1, style ? style : "-");
        assert_true(b->len > 5);
        assert_no_overlap((const povatlas_label_box *)b->data, b->len, where);
        assert_band((const povatlas_label_box *)b->data, b->len, 150, where);
    }
    g_ptr_array_unref(pages);
}

static void test_atlas_texts_never_overlap(void **state)
{
    fx *f = *state;
    check_atlas(f, NULL);
    check_atlas(f, "print-gray");
}

/* A disk that fills on the first page stops the atlas at the next page:
 * the call fails naming the file with the system's reason, leaves no
 * file, and the pages after are not drawn for nothing (before, all 24
 * were, and only the commit failed: test_fault's atlas sweep paid for
 * every page of every one of its 70-odd faults). */
static void test_full_disk_stops_the_atlas(void **state)
{
    fx *f = *state;
    g_autofree char *pdf = g_build_filename(f->dir, "full.pdf", NULL);
    GPtrArray *pages =
        g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    povatlas_error *err = NULL;
    povatlas_write_fault_after(100);
    povatlas_status st =
        povatlas_atlas_write_traced(f->ws, NULL, pdf, pages, &err);
    povatlas_write_fault_after(-1);
    assert_int_equal(st, POVATLAS_E_IO);
    assert_string_equal(err->file, pdf);
    assert_non_null(strstr(err->message, g_strerror(ENOSPC)));
    povatlas_error_free(err);
    assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
    /* the cover and the contents, drawn before the first check */
    assert_int_equal(pages->len, 2);
    g_ptr_array_unref(pages);
}

static double draw_dpi = 0;     /* 0: the maps' default */
static int draw_names_only = 0; /* 1: as on a slide, no values */

static povatlas_map_layout *draw(fx *f, povatlas_map_type type,
                                 const char *style, const char *title, int w,
                                 int h)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    if (draw_dpi > 0)
        o.dpi = draw_dpi;
    o.type = type;
    o.style_path = style;
    o.title = title;
    o.width_px = w;
    o.height_px = h;
    o.show_values = !draw_names_only;
    if (draw_names_only)
        o.locator_inset = 0; /* as on a slide */
    g_autofree char *png = g_build_filename(f->dir, "m.png", NULL);
    povatlas_map_layout *l = NULL;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_map_indicator(f->ws, &o, png, &l, &err);
    if (st)
        fail_msg("map type %d: %s", (int)type, err ? err->message : "?");
    return l;
}

/* A map as `povatlas slides` draws it (slides.c), into a 1920 x 1080
 * image. */
static povatlas_map_layout *draw_slide(fx *f, povatlas_map_type type)
{
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1920, 1080);
    cairo_t *cr = cairo_create(img);
    povatlas_map_layout *l = NULL;
    povatlas_error *err = NULL;
    const char *ind = type == POVATLAS_MAP_LISA ? POVATLAS_IND_LISA_CATEGORY
                                                : POVATLAS_IND_POOR_RATE;
    if (povatlas_slides_map_draw(f->ws, type, ind, 2023, "vi",
                                 POVATLAS_MIN_HOUSEHOLDS, cr, NULL, &l, &err))
        fail_msg("slide of map type %d: %s", (int)type,
                 err ? err->message : "?");
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    return l;
}

static const povatlas_map_type TYPES[] = {
    POVATLAS_MAP_CHOROPLETH, POVATLAS_MAP_CHANGE,    POVATLAS_MAP_ZONE,
    POVATLAS_MAP_SYMBOLS,    POVATLAS_MAP_BIVARIATE, POVATLAS_MAP_LISA};

/* Every map type at a slide's and a portrait page's size, and with a
 * title long enough to wrap: no text over another, the band on top. */
static void test_map_texts_never_overlap(void **state)
{
    fx *f = *state;
    static const int sizes[][2] = {{1600, 1200}, {1240, 1754}};
    const char *long_title =
        "Tỷ lệ hộ nghèo theo phường, xã của thành phố Phan Rang–Tháp Chàm, "
        "tỉnh Ninh Thuận, năm 2023, theo số liệu rà soát cuối năm";
    for (size_t t = 0; t < G_N_ELEMENTS(TYPES); t++)
        for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++)
            for (int lt = 0; lt < 2; lt++) {
                povatlas_map_layout *l =
                    draw(f, TYPES[t], NULL, lt ? long_title : NULL, sizes[s][0],
                         sizes[s][1]);
                size_t n = povatlas_map_layout_n_texts(l);
                assert_true(n > 10);
                g_autofree char *where = g_strdup_printf(
                    "map type %d at %dx%d%s", (int)TYPES[t], sizes[s][0],
                    sizes[s][1], lt ? " with a long title" : "");
                assert_no_overlap(povatlas_map_layout_text(l, 0), n, where);
                assert_band(povatlas_map_layout_text(l, 0), n, 150, where);
                povatlas_map_layout_free(l);
            }
}

/* Each label names a ward ("Name" or "Name\nvalue"); its anchor, taken
 * back to lon/lat, lies inside that ward. */
static void test_label_anchors_inside_their_ward(void **state)
{
    fx *f = *state;
    const char *names[] = {POVATLAS_IND_HOUSEHOLDS};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(f->ws, 2023, names, 1, NULL);
    assert_non_null(t);
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader *r = GEOSWKBReader_create_r(h);
    int leaders = 0, labels = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(TYPES); k++)
        for (int portrait = 0; portrait < 2; portrait++) {
            povatlas_map_layout *l =
                draw(f, TYPES[k], NULL, NULL, portrait ? 1240 : 1600,
                     portrait ? 1754 : 1200);
            size_t n = povatlas_map_layout_n_labels(l);
            assert_int_equal(n, t->units->n); /* every ward is named */
            for (size_t i = 0; i < n; i++) {
                const povatlas_label_box *b = povatlas_map_layout_label(l, i);
                g_autofree char *name = g_strdup(b->text);
                char *nl = strchr(name, '\n');
                if (nl)
                    *nl = '\0';
                const povatlas_unit_row *u = NULL;
                for (size_t w = 0; w < t->units->n; w++)
                    if (strcmp(t->units->rows[w].name, name) == 0)
                        u = &t->units->rows[w];
                assert_non_null(u);
                double lon, lat;
                assert_true(povatlas_map_layout_from_pixel(
                    l, b->anchor_x, b->anchor_y, &lon, &lat));
                GEOSGeometry *g =
                    GEOSWKBReader_read_r(h, r, u->wkb, u->wkb_size);
                GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, lon, lat);
                if (GEOSContains_r(h, g, pt) != 1)
                    fail_msg("map type %d: the anchor of '%s' is outside it",
                             (int)TYPES[k], name);
                /* a label without a leader line sits on its anchor */
                if (!b->leader) {
                    assert_true(b->anchor_x > b->x &&
                                b->anchor_x < b->x + b->width);
                    assert_true(b->anchor_y > b->y &&
                                b->anchor_y < b->y + b->height);
                }
                leaders += b->leader;
                labels++;
                GEOSGeom_destroy_r(h, pt);
                GEOSGeom_destroy_r(h, g);
            }
            povatlas_map_layout_free(l);
        }
    assert_int_equal(labels, 2 * (int)G_N_ELEMENTS(TYPES) * (int)t->units->n);
    /* Mỹ Hương, a sliver, cannot hold its name and value on the A4 page */
    assert_true(leaders > 0);
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    povatlas_indicator_table_free(t);
}

/* The wards in no clear cluster are drawn apart from the land outside
 * the city, in colour (ΔE) and in grey (ΔL*). */
static void test_lisa_not_significant_is_not_land(void **state)
{
    fx *f = *state;
    const char *styles[] = {NULL, "print-gray"};
    for (size_t s = 0; s < G_N_ELEMENTS(styles); s++) {
        povatlas_render_style st;
        assert_int_equal(
            povatlas_render_style_load(&st, styles[s], NULL, 1, NULL), 0);
        povatlas_map_layout *l =
            draw(f, POVATLAS_MAP_LISA, styles[s], NULL, 800, 600);
        /* classes: high, low, high among low, low among high, none */
        assert_true(povatlas_map_layout_n_classes(l) >= 5);
        unsigned int ns = povatlas_map_layout_class_rgb(l, 4);
        if (styles[s] == NULL) {
            assert_int_equal(ns, LISA_NS_RGB);
            assert_true(delta_e(ns, st.land_rgb) >= 10.0);
        } else {
            assert_true(fabs(lightness(ns) - lightness(st.land_rgb)) >= 8.0);
        }
        povatlas_map_layout_free(l);
        povatlas_render_style_clear(&st);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* print-gray: each class of each map type a pure grey, neighbours in
 * lightness at least 8 L* apart; the default style keeps its colours. */
static void test_print_gray_classes_apart(void **state)
{
    fx *f = *state;
    for (size_t k = 0; k < G_N_ELEMENTS(TYPES); k++) {
        povatlas_map_layout *l =
            draw(f, TYPES[k], "print-gray", NULL, 800, 600);
        int n = povatlas_map_layout_n_classes(l);
        assert_true(n >= 3);
        double L[POVATLAS_RENDER_MAX_CLASSES];
        for (int i = 0; i < n; i++) {
            unsigned int c = povatlas_map_layout_class_rgb(l, i);
            assert_int_equal((c >> 16) & 255, (c >> 8) & 255);
            assert_int_equal((c >> 8) & 255, c & 255);
            L[i] = lightness(c);
        }
        qsort(L, (size_t)n, sizeof(double), cmp_double);
        for (int i = 1; i < n; i++)
            if (L[i] - L[i - 1] < 8.0)
                fail_msg("map type %d: classes %.1f and %.1f L* apart",
                         (int)TYPES[k], L[i - 1], L[i]);
        povatlas_map_layout_free(l);
    }
    /* the colour style is not grey */
    povatlas_map_layout *l = draw(f, POVATLAS_MAP_LISA, NULL, NULL, 800, 600);
    assert_int_equal(povatlas_map_layout_class_rgb(l, 0), 0xd7191c);
    povatlas_map_layout_free(l);
}

/* The bivariate legend is a 3 x 3 grid of colours, the poverty rate up
 * (row 0 at the bottom) and coverage to the right (column 0 at the left),
 * each axis named with its arrow: the cells' pixels in the PNG are the
 * scheme's colours (map_types.c), read back from the file. */
static void test_bivariate_legend_grid(void **state)
{
    fx *f = *state;
    static const unsigned int want[3][3] = {{0xe8e8e8, 0xb5c0da, 0x6c83b5},
                                            {0xb8d6be, 0x90b2b3, 0x567994},
                                            {0x73ae80, 0x5a9178, 0x2a5a5b}};
    povatlas_map_layout *l =
        draw(f, POVATLAS_MAP_BIVARIATE, NULL, NULL, 1600, 1200);
    assert_int_equal(l->grid_n, 3);
    g_autofree char *png = g_build_filename(f->dir, "m.png", NULL);
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
            const double *cell = l->grid_cell[3 * r + c];
            assert_true(cell[2] >= 20 && cell[3] >= 20); /* readable cells */
            int x = (int)(cell[0] + cell[2] / 2),
                y = (int)(cell[1] + cell[3] / 2);
            uint32_t p = *(const uint32_t *)(data + y * stride + 4 * x);
            if ((p & 0xffffff) != want[r][c])
                fail_msg("grid cell row %d column %d is #%06x, want #%06x", r,
                         c, p & 0xffffff, want[r][c]);
        }
    /* row 2 (high poverty) above row 0, column 2 (high coverage) right of
     * column 0 */
    assert_true(l->grid_cell[6][1] < l->grid_cell[0][1]);
    assert_true(l->grid_cell[2][0] > l->grid_cell[0][0]);
    cairo_surface_destroy(img);
    int rows = 0, cols = 0;
    for (size_t i = 0; i < povatlas_map_layout_n_texts(l); i++) {
        const char *t = povatlas_map_layout_text(l, i)->text;
        rows += t && strcmp(t, "Tỷ lệ hộ nghèo ↑") == 0;
        cols += t && strcmp(t, "Mức bao phủ →") == 0;
        /* the 9 class lines are gone from the legend */
        assert_null(t ? strstr(t, "Nghèo cao · bao phủ") : NULL);
    }
    assert_int_equal(rows, 1);
    assert_int_equal(cols, 1);
    povatlas_map_layout_free(l);
}

/* print-gray change map: one grey ramp from the largest fall to the
 * largest rise, so the rises are hatched too (the sides of zero apart
 * without colour), and the legend note names no colour. */
static void test_print_gray_change_sides_apart(void **state)
{
    fx *f = *state;
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = POVATLAS_MAP_CHANGE;
    o.indicator = POVATLAS_IND_POOR_RATE;
    o.style_path = "print-gray";
    povatlas_maps_job j = {0};
    j.ws = f->ws;
    j.o = &o;
    j.year = 2023;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_maps_classify(&j, &err), POVATLAS_OK);
    assert_int_equal(j.n_classes, 7);
    for (int i = 0; i < 7; i++)
        assert_int_equal(j.classes[i].fill,
                         i < 4 ? POVATLAS_FILL_SOLID : POVATLAS_FILL_HATCHED);
    assert_null(strstr(j.legend_note, "Xanh"));
    /* no ward of the demo rose from 2022 to 2023: the note says so
     * rather than name the hatching no ward has */
    assert_non_null(strstr(j.legend_note, "không phường, xã nào tăng nghèo"));
    assert_null(strstr(j.legend_note, "gạch chéo"));
    povatlas_maps_job_clear(&j);
    /* the colour style keeps solid fills and its colour words */
    o.style_path = NULL;
    j = (povatlas_maps_job){0};
    j.ws = f->ws;
    j.o = &o;
    j.year = 2023;
    assert_int_equal(povatlas_maps_classify(&j, &err), POVATLAS_OK);
    assert_int_equal(j.classes[5].fill, POVATLAS_FILL_SOLID);
    assert_non_null(strstr(j.legend_note, "Xanh"));
    povatlas_maps_job_clear(&j);
}

/* The change map's legend lists only the classes some ward falls in: the
 * demo's 16 wards all fell or kept their rate, and the legend showed
 * three red classes of "(0 phường/xã)". */
static void test_change_legend_no_empty_class(void **state)
{
    fx *f = *state;
    for (int slide = 0; slide < 2; slide++) {
        povatlas_map_layout *l =
            slide ? draw(f, POVATLAS_MAP_CHANGE, "slides", NULL, 1920, 1080)
                  : draw(f, POVATLAS_MAP_CHANGE, NULL, NULL, 1600, 1200);
        int rows = 0;
        for (size_t i = 0; i < povatlas_map_layout_n_texts(l); i++) {
            const char *t = povatlas_map_layout_text(l, i)->text;
            if (t && strstr(t, "phường/xã)")) {
                rows++;
                if (strstr(t, "(0 phường/xã)"))
                    fail_msg("an empty class in the change legend");
            }
            assert_null(
                t ? strstr(t, "tăng nghèo") && !strstr(t, "không") ? t : NULL
                  : NULL);
        }
        /* 3 classes of fall and "không đổi" */
        assert_int_equal(rows, 4);
        povatlas_map_layout_free(l);
    }
}

/* 1 when the segments p0-p1 and q0-q1 cross (computed here, not by the
 * labeller). */
static int cross(double p0x, double p0y, double p1x, double p1y, double q0x,
                 double q0y, double q1x, double q1y)
{
    double d1 = (q1x - q0x) * (p0y - q0y) - (q1y - q0y) * (p0x - q0x);
    double d2 = (q1x - q0x) * (p1y - q0y) - (q1y - q0y) * (p1x - q0x);
    double d3 = (p1x - p0x) * (q0y - p0y) - (p1y - p0y) * (q0x - p0x);
    double d4 = (p1x - p0x) * (q1y - p0y) - (p1y - p0y) * (q1x - p0x);
    return d1 * d2 < 0 && d3 * d4 < 0;
}

/* Where the labeller ends a leader line: the nearest point of the box,
 * 20 % of its height in from the ends. */
static void line_end(const povatlas_label_box *a, double *nx, double *ny)
{
    *nx = fmin(fmax(a->anchor_x, a->x), a->x + a->width);
    *ny =
        fmin(fmax(a->anchor_y, a->y + a->height * 0.2), a->y + a->height * 0.8);
}

/* 1 when some point of @b (a 7 x 3 grid over its inked middle), taken
 * back to lon/lat, lies inside a ward of @t. */
static int box_over_a_ward(povatlas_map_layout *l, GEOSContextHandle_t h,
                           GEOSGeometry **wards, size_t n_wards,
                           const povatlas_label_box *b)
{
    for (int i = 0; i < 7; i++)
        for (int k = 0; k < 3; k++) {
            double x = b->x + b->width * (0.02 + 0.96 * i / 6.0);
            double y = b->y + b->height * (0.3 + 0.4 * k / 2.0), lon, lat;
            if (!povatlas_map_layout_from_pixel(l, x, y, &lon, &lat))
                continue;
            GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, lon, lat);
            int in = 0;
            for (size_t w = 0; w < n_wards && !in; w++)
                in = GEOSContains_r(h, wards[w], pt) == 1;
            GEOSGeom_destroy_r(h, pt);
            if (in)
                return 1;
        }
    return 0;
}

/* Every map type at the slides' size (1920 x 1080 at 252 dpi, the slides'
 * style, names only: most go out on leaders) and at the A4 sizes: every
 * ward named, no leader line through another ward's label nor across
 * another leader line; on the slide's poor-rate map every callout lies
 * off the city (a name over a neighbour reads as the neighbour's). */
static void test_leaders_cross_no_label(void **state)
{
    fx *f = *state;
    static const struct {
        const char *style;
        int w, h;
        double dpi;
    } cases[] = {{"slides", 1920, 1080, 252.0}, /* map --style slides */
                 {"slide", 1920, 1080, 252.0},  /* as slides.c draws */
                 {NULL, 1600, 1200, 0},
                 {NULL, 1240, 1754, 0}};
    const char *names[] = {POVATLAS_IND_HOUSEHOLDS};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(f->ws, 2023, names, 1, NULL);
    assert_non_null(t);
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader *r = GEOSWKBReader_create_r(h);
    g_autofree GEOSGeometry **wards = g_new0(GEOSGeometry *, t->units->n);
    for (size_t w = 0; w < t->units->n; w++)
        wards[w] = GEOSWKBReader_read_r(h, r, t->units->rows[w].wkb,
                                        t->units->rows[w].wkb_size);
    int leaders = 0, slide_leaders = 0;
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++)
        for (size_t ty = 0; ty < G_N_ELEMENTS(TYPES); ty++) {
            draw_dpi = cases[c].dpi;
            draw_names_only = cases[c].dpi > 0;
            int slide = g_strcmp0(cases[c].style, "slide") == 0;
            /* the slides show the poor rate and the change */
            if (slide && TYPES[ty] != POVATLAS_MAP_CHOROPLETH &&
                TYPES[ty] != POVATLAS_MAP_CHANGE)
                continue;
            povatlas_map_layout *l = slide ? draw_slide(f, TYPES[ty])
                                           : draw(f, TYPES[ty], cases[c].style,
                                                  NULL, cases[c].w, cases[c].h);
            draw_dpi = 0;
            draw_names_only = 0;
            size_t n = povatlas_map_layout_n_labels(l);
            if (n != t->units->n)
                fail_msg("map type %d at %dx%d: %zu of %zu wards named",
                         (int)TYPES[ty], cases[c].w, cases[c].h, n,
                         t->units->n);
            for (size_t i = 0; i < n; i++) {
                const povatlas_label_box *a = povatlas_map_layout_label(l, i);
                if (!a->leader)
                    continue;
                leaders++;
                double nx, ny;
                line_end(a, &nx, &ny);
                if (cases[c].dpi > 0) {
                    slide_leaders++;
                    /* open: the change slide still puts a name or two
                     * over the city */
                    if (TYPES[ty] == POVATLAS_MAP_CHOROPLETH &&
                        box_over_a_ward(l, h, wards, t->units->n, a))
                        fail_msg("map type %d on a slide: the callout '%s' "
                                 "(%.0f,%.0f %.0fx%.0f) lies over a ward",
                                 (int)TYPES[ty], a->text, a->x, a->y, a->width,
                                 a->height);
                }
                for (size_t k = 0; k < n; k++) {
                    const povatlas_label_box *b =
                        povatlas_map_layout_label(l, k);
                    if (k == i)
                        continue;
                    /* open: `map --style slides` at a slide's size (a
                     * subtitle and three lines of notes more than on the
                     * slides) leaves the change map's city too small for
                     * its names out on straight lines that never cross
                     * (Kinh Dinh's and Thanh Sơn's cross); the LISA map's
                     * do not cross and are checked, as are the slides'
                     * own two maps ("slide") */
                    if (b->leader &&
                        !(c == 0 && TYPES[ty] == POVATLAS_MAP_CHANGE)) {
                        double mx, my;
                        line_end(b, &mx, &my);
                        if (cross(a->anchor_x, a->anchor_y, nx, ny, b->anchor_x,
                                  b->anchor_y, mx, my))
                            fail_msg("map type %d at %dx%d: the leaders of "
                                     "'%s' and '%s' cross",
                                     (int)TYPES[ty], cases[c].w, cases[c].h,
                                     a->text, b->text);
                    }
                    /* a name already over the anchor: every line from
                     * there starts under it */
                    if (a->anchor_x >= b->x && a->anchor_x <= b->x + b->width &&
                        a->anchor_y >= b->y && a->anchor_y <= b->y + b->height)
                        continue;
                    /* sample the line; a point inside b (less 1 px) fails */
                    for (int s = 0; s <= 200; s++) {
                        double x = a->anchor_x + (nx - a->anchor_x) * s / 200.0;
                        double y = a->anchor_y + (ny - a->anchor_y) * s / 200.0;
                        if (x > b->x + 1 && x < b->x + b->width - 1 &&
                            y > b->y + 1 && y < b->y + b->height - 1)
                            fail_msg("map type %d at %dx%d: the leader of '%s' "
                                     "crosses '%s' (%.0f,%.0f->%.0f,%.0f; "
                                     "%.0f,%.0f %.0fx%.0f)",
                                     (int)TYPES[ty], cases[c].w, cases[c].h,
                                     a->text, b->text, a->anchor_x, a->anchor_y,
                                     nx, ny, b->x, b->y, b->width, b->height);
                    }
                }
            }
            povatlas_map_layout_free(l);
        }
    /* the slides' 28 px names send most small wards out: 6 types, at
     * least 6 callouts each */
    assert_true(slide_leaders >= 6 * (int)G_N_ELEMENTS(TYPES));
    assert_true(leaders > slide_leaders);
    for (size_t w = 0; w < t->units->n; w++)
        GEOSGeom_destroy_r(h, wards[w]);
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    povatlas_indicator_table_free(t);
}

/* Every map type at the slides' size and style: the legend box inside
 * the map frame (the symbols map's classes and reference circles ran
 * 100 px past the frame's foot, over the notes, in one column). */
static void test_legend_inside_the_frame(void **state)
{
    fx *f = *state;
    for (size_t ty = 0; ty < G_N_ELEMENTS(TYPES); ty++) {
        draw_dpi = 252.0;
        draw_names_only = 1;
        povatlas_map_layout *l = draw(f, TYPES[ty], "slides", NULL, 1920, 1080);
        draw_dpi = 0;
        draw_names_only = 0;
        double fx0, fy0, fw, fh;
        povatlas_map_layout_frame(l, &fx0, &fy0, &fw, &fh);
        const double *g = l->legend;
        if (!(g[2] > 0 && g[3] > 0 && g[0] >= fx0 && g[1] >= fy0 &&
              g[0] + g[2] <= fx0 + fw && g[1] + g[3] <= fy0 + fh))
            fail_msg("map type %d: legend %.0f,%.0f %.0fx%.0f, frame "
                     "%.0f,%.0f %.0fx%.0f",
                     (int)TYPES[ty], g[0], g[1], g[2], g[3], fx0, fy0, fw, fh);
        povatlas_map_layout_free(l);
    }
}

/* The pixel at (x, y) of an ARGB32 image as 0xRRGGBB. */
static unsigned int pixel(cairo_surface_t *img, int x, int y)
{
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    return *(const uint32_t *)(data + y * stride + 4 * x) & 0xffffff;
}

/* A slide-wide map (1920 x 1080, the slides' style): the sea reaches the
 * frame's right edge, no white strip between the sea and the frame. */
static void test_sea_reaches_the_frame(void **state)
{
    fx *f = *state;
    povatlas_render_style st;
    assert_int_equal(povatlas_render_style_load(&st, "slides", NULL, 1, NULL),
                     0);
    povatlas_map_layout *l =
        draw(f, POVATLAS_MAP_CHOROPLETH, "slides", NULL, 1920, 1080);
    double fx0, fy0, fw, fh;
    povatlas_map_layout_frame(l, &fx0, &fy0, &fw, &fh);
    g_autofree char *png = g_build_filename(f->dir, "m.png", NULL);
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    int x = (int)(fx0 + fw) - 4, sea = 0, white = 0, n = 0;
    for (int y = (int)fy0 + 4; y < (int)(fy0 + fh) - 4; y++, n++) {
        unsigned int p = pixel(img, x, y);
        sea += p == st.sea_rgb;
        white += p == 0xffffff;
    }
    if (white > 0 || sea < n * 9 / 10)
        fail_msg("frame's right edge: %d of %d pixels sea, %d white", sea, n,
                 white);
    cairo_surface_destroy(img);
    povatlas_map_layout_free(l);
    povatlas_render_style_clear(&st);
}

/* The locator inset: a square of land on the left and of sea on the right
 * fill a box wider and taller than they are, to every edge; the margin
 * is land where the land ends, sea where the sea ends, never white and
 * never sea to the west of the land. */
static void test_inset_reaches_its_box(void **state)
{
    (void)state;
    povatlas_render_style st;
    assert_int_equal(povatlas_render_style_load(&st, NULL, NULL, 1, NULL), 0);
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 300, 200);
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    povatlas_render_page page;
    povatlas_render_page_init(&page, cr, 300, 200, 72, &st, "vi");
    povatlas_render_geom g;
    assert_int_equal(povatlas_render_geom_init(&g, NULL), 0);
    GEOSGeometry *land = GEOSGeom_createRectangle_r(g.geos, 0, 0, 10, 10);
    GEOSGeometry *sea = GEOSGeom_createRectangle_r(g.geos, 10, 0, 14, 10);
    const GEOSGeometry *lands[] = {land}, *seas[] = {sea};
    povatlas_rect box = {0, 0, 300, 200};
    povatlas_render_inset(&page, &g, lands, 1, seas, 1, NULL, &box);
    cairo_surface_flush(img);
    /* the inset is fitted to the land (10 x 10) in a 300 x 200 box: the
     * land spans x 55..245, the sea beyond it */
    assert_int_equal(pixel(img, 5, 100), st.land_rgb);   /* west margin */
    assert_int_equal(pixel(img, 150, 3), st.land_rgb);   /* north margin */
    assert_int_equal(pixel(img, 150, 196), st.land_rgb); /* south margin */
    assert_int_equal(pixel(img, 290, 100), st.sea_rgb);  /* east: sea */
    assert_int_equal(pixel(img, 290, 3), st.sea_rgb);    /* its corners */
    assert_int_equal(pixel(img, 290, 196), st.sea_rgb);
    GEOSGeom_destroy_r(g.geos, land);
    GEOSGeom_destroy_r(g.geos, sea);
    povatlas_render_geom_clear(&g);
    povatlas_render_page_clear(&page);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    povatlas_render_style_clear(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atlas_texts_never_overlap),
        cmocka_unit_test(test_full_disk_stops_the_atlas),
        cmocka_unit_test(test_map_texts_never_overlap),
        cmocka_unit_test(test_label_anchors_inside_their_ward),
        cmocka_unit_test(test_lisa_not_significant_is_not_land),
        cmocka_unit_test(test_print_gray_classes_apart),
        cmocka_unit_test(test_bivariate_legend_grid),
        cmocka_unit_test(test_print_gray_change_sides_apart),
        cmocka_unit_test(test_change_legend_no_empty_class),
        cmocka_unit_test(test_leaders_cross_no_label),
        cmocka_unit_test(test_legend_inside_the_frame),
        cmocka_unit_test(test_sea_reaches_the_frame),
        cmocka_unit_test(test_inset_reaches_its_box),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
