/*
 * test_choropleth.c - the choropleth renderer checked by content: the 16
 * real ward polygons of Phan Rang-Tháp Chàm (read at run time from
 * shared/geodata/real, never copied into the repository) with the poor
 * household rates of tests/fixtures/reference/inputs/wards_variable.csv and
 * hand made breaks; then the PNG is read back and its pixels checked.
 *
 * Set POVATLAS_RENDER_PREVIEW=DIR to keep a copy of the maps for viewing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include <cairo.h>
#include <gdal.h>
#include <geos_c.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <ogr_api.h>

#include "povatlas/render.h"
#include "render/render_private.h"

#define N_CLASSES 5

typedef struct ward {
    char *code, *name;
    unsigned char *wkb;
    size_t wkb_size;
    double value;
} ward;

typedef struct fixture {
    ward *wards;
    size_t n;
    povatlas_map_feature *features;
    GPtrArray *ctx_wkb; /* owned WKB buffers of the context layers */
    povatlas_map_context *context;
    size_t n_context;
    povatlas_breaks breaks;
    double limits[N_CLASSES + 1];
    size_t counts[N_CLASSES];
    char *dir;
} fixture;

static const unsigned int ylorrd5[N_CLASSES] = {0xffffb2, 0xfecc5c, 0xfd8d3c,
                                                0xf03b20, 0xbd0026};

/* ---- reading the shared data ------------------------------------------ */

static double rate_of(const char *code)
{
    g_autofree char *path =
        testutil_fixture_path("reference/inputs/wards_variable.csv");
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t i = 1; lines[i] != NULL; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ",", -1);
        if (g_strv_length(f) < 4)
            continue;
        g_autofree char *c = g_strndup(f[0] + 1, strlen(f[0]) - 2);
        if (strcmp(c, code) == 0)
            return 100.0 * g_ascii_strtod(f[2], NULL) /
                   g_ascii_strtod(f[3], NULL);
    }
    fail_msg("no rate for ward %s", code);
    return 0;
}

static unsigned char *to_wkb(OGRGeometryH g, size_t *size)
{
    *size = (size_t)OGR_G_WkbSize(g);
    unsigned char *wkb = g_malloc(*size);
    assert_int_equal(OGR_G_ExportToWkb(g, wkbNDR, wkb), OGRERR_NONE);
    return wkb;
}

static void read_wards(fixture *fx)
{
    g_autofree char *path = testutil_shared_path("geodata/real/wards.geojson");
    OGRDataSourceH ds = OGROpen(path, FALSE, NULL);
    assert_non_null(ds);
    OGRLayerH layer = OGR_DS_GetLayer(ds, 0);
    fx->n = (size_t)OGR_L_GetFeatureCount(layer, TRUE);
    fx->wards = g_new0(ward, fx->n);
    OGRFeatureH f;
    size_t i = 0;
    while ((f = OGR_L_GetNextFeature(layer)) != NULL && i < fx->n) {
        ward *w = &fx->wards[i++];
        w->code =
            g_strdup(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "code")));
        w->name =
            g_strdup(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "name")));
        w->wkb = to_wkb(OGR_F_GetGeometryRef(f), &w->wkb_size);
        w->value = rate_of(w->code);
        OGR_F_Destroy(f);
    }
    OGR_DS_Destroy(ds);
    assert_int_equal(fx->n, 16);
}

static void add_context(fixture *fx, povatlas_map_context_role role,
                        OGRGeometryH g, const char *label)
{
    size_t size;
    unsigned char *wkb = to_wkb(g, &size);
    g_ptr_array_add(fx->ctx_wkb, wkb);
    fx->context = g_renew(povatlas_map_context, fx->context, fx->n_context + 1);
    fx->context[fx->n_context++] =
        (povatlas_map_context){role, wkb, size, label};
}

/* Neighbouring districts as land, the sea as the box around them less the
 * land, and the coastline. */
static void read_context(fixture *fx)
{
    g_autofree char *dpath =
        testutil_shared_path("geodata/real/ninhthuan_districts.geojson");
    OGRDataSourceH ds = OGROpen(dpath, FALSE, NULL);
    assert_non_null(ds);
    OGRLayerH layer = OGR_DS_GetLayer(ds, 0);
    OGRGeometryH land = OGR_G_CreateGeometry(wkbMultiPolygon);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        add_context(fx, POVATLAS_CONTEXT_LAND, g, NULL);
        OGRGeometryH u = OGR_G_Union(land, g);
        OGR_G_DestroyGeometry(land);
        land = u;
        OGR_F_Destroy(f);
    }
    OGR_DS_Destroy(ds);
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    OGR_G_AddPoint_2D(ring, 108.3, 11.0);
    OGR_G_AddPoint_2D(ring, 109.8, 11.0);
    OGR_G_AddPoint_2D(ring, 109.8, 12.4);
    OGR_G_AddPoint_2D(ring, 108.3, 12.4);
    OGR_G_AddPoint_2D(ring, 108.3, 11.0);
    OGRGeometryH box = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(box, ring);
    OGRGeometryH sea = OGR_G_Difference(box, land);
    /* the sea goes first: it is drawn under the land */
    add_context(fx, POVATLAS_CONTEXT_SEA, sea, "Biển Đông");
    povatlas_map_context s = fx->context[fx->n_context - 1];
    memmove(fx->context + 1, fx->context,
            (fx->n_context - 1) * sizeof(*fx->context));
    fx->context[0] = s;
    OGR_G_DestroyGeometry(sea);
    OGR_G_DestroyGeometry(box);
    OGR_G_DestroyGeometry(land);
}

static void make_breaks(fixture *fx)
{
    static const double lim[N_CLASSES + 1] = {1.2, 3.0, 4.5, 6.0, 8.0, 13.0};
    memcpy(fx->limits, lim, sizeof(lim));
    memset(&fx->breaks, 0, sizeof(fx->breaks));
    fx->breaks.method = POVATLAS_BREAKS_MANUAL;
    fx->breaks.n_classes = N_CLASSES;
    fx->breaks.limits = fx->limits;
    fx->breaks.counts = fx->counts;
    fx->breaks.left_closed = 0;
}

static int class_of(const fixture *fx, double v)
{
    for (int i = 0; i < N_CLASSES - 1; i++)
        if (v <= fx->limits[i + 1])
            return i;
    return N_CLASSES - 1;
}

static int setup(void **state)
{
    *state = NULL;
    if (!testutil_have_polygons())
        return 0; /* each test skips */
    fixture *fx = g_new0(fixture, 1);
    OGRRegisterAll();
    read_wards(fx);
    fx->features = g_new0(povatlas_map_feature, fx->n);
    for (size_t i = 0; i < fx->n; i++)
        fx->features[i] = (povatlas_map_feature){fx->wards[i].code,
                                                 fx->wards[i].name,
                                                 fx->wards[i].wkb,
                                                 fx->wards[i].wkb_size,
                                                 fx->wards[i].value,
                                                 1,
                                                 NULL};
    fx->ctx_wkb = g_ptr_array_new_with_free_func(g_free);
    read_context(fx);
    make_breaks(fx);
    fx->dir = testutil_tmpdir();
    assert_non_null(fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        return 0;
    for (size_t i = 0; i < fx->n; i++) {
        g_free(fx->wards[i].code);
        g_free(fx->wards[i].name);
        g_free(fx->wards[i].wkb);
    }
    g_free(fx->wards);
    g_free(fx->features);
    g_free(fx->context);
    g_ptr_array_unref(fx->ctx_wkb);
    testutil_rmtree(fx->dir);
    g_free(fx->dir);
    g_free(fx);
    return 0;
}

/* ---- helpers ---------------------------------------------------------- */

static void opts_vi(povatlas_map_opts *o)
{
    povatlas_map_opts_init(o);
    o->title = "Tỷ lệ hộ nghèo theo phường/xã";
    o->subtitle = "Thành phố Phan Rang – Tháp Chàm, tỉnh Ninh Thuận, 2024";
    o->legend_title = "Tỷ lệ hộ nghèo (%)";
    o->source_note =
        "Nguồn: số liệu tổng hợp (dữ liệu mô phỏng, không phải số liệu "
        "chính thức). Ranh giới: GADM 4.1.";
    o->boundary_note =
        "Ranh giới sơ đồ — không phải ranh giới hành chính chính thức.";
    o->value_suffix = " %";
}

static char *out_path(const fixture *fx, const char *name)
{
    return g_build_filename(fx->dir, name, NULL);
}

static void keep_preview(const char *path)
{
    const char *dir = g_getenv("POVATLAS_RENDER_PREVIEW");
    if (dir == NULL)
        return;
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *dst = g_build_filename(dir, base, NULL);
    g_autofree char *data = NULL;
    gsize len = 0;
    if (g_file_get_contents(path, &data, &len, NULL))
        g_file_set_contents(dst, data, (gssize)len, NULL);
}

static povatlas_map_layout *render(const fixture *fx,
                                   const povatlas_map_feature *features,
                                   const povatlas_map_opts *o, const char *path)
{
    povatlas_map_layout *layout = NULL;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_map_render_choropleth(
        features, fx->n, fx->context, fx->n_context, &fx->breaks, o, path,
        &layout, &err);
    if (st != POVATLAS_OK)
        fail_msg("render failed: %s", err ? err->message : "?");
    assert_non_null(layout);
    keep_preview(path);
    return layout;
}

static unsigned int pixel(cairo_surface_t *s, int x, int y)
{
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    if (x < 0 || y < 0 || x >= w || y >= h)
        return 0xffffffffu;
    const unsigned char *row = cairo_image_surface_get_data(s) +
                               (size_t)y * cairo_image_surface_get_stride(s);
    return ((const uint32_t *)row)[x] & 0xffffff;
}

static int colour_near(cairo_surface_t *s, double px, double py,
                       unsigned int rgb, int radius)
{
    for (int dy = -radius; dy <= radius; dy++)
        for (int dx = -radius; dx <= radius; dx++)
            if (pixel(s, (int)px + dx, (int)py + dy) == rgb)
                return 1;
    return 0;
}

static size_t count_colour(cairo_surface_t *s, unsigned int rgb)
{
    size_t n = 0;
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            n += pixel(s, x, y) == rgb;
    return n;
}

/* 1 when (px, py) lies within @margin of a label or of a leader line
 * (which ends at the box's nearest point, 20 % of its height in). */
static int in_label(const povatlas_map_layout *l, double px, double py,
                    double margin)
{
    for (size_t i = 0; i < povatlas_map_layout_n_labels(l); i++) {
        const povatlas_label_box *b = povatlas_map_layout_label(l, i);
        if (px > b->x - margin && px < b->x + b->width + margin &&
            py > b->y - margin && py < b->y + b->height + margin)
            return 1;
        if (!b->leader)
            continue;
        double nx = fmin(fmax(b->anchor_x, b->x), b->x + b->width);
        double ny = fmin(fmax(b->anchor_y, b->y + b->height * 0.2),
                         b->y + b->height * 0.8);
        double dx = nx - b->anchor_x, dy = ny - b->anchor_y;
        double l2 = dx * dx + dy * dy;
        double t =
            l2 > 0 ? ((px - b->anchor_x) * dx + (py - b->anchor_y) * dy) / l2
                   : 0;
        t = fmin(fmax(t, 0), 1);
        if (hypot(px - b->anchor_x - t * dx, py - b->anchor_y - t * dy) <
            margin)
            return 1;
    }
    return 0;
}

/* A point well inside a ward and away from every label and leader line: GEOS
 * PointOnSurface of the ward shrunk by ~60 m, or when a label covers it,
 * the first point of a grid over the shrunk ward that no label covers. */
static int interior_point_free(const ward *w, const povatlas_map_layout *l,
                               double *px, double *py)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader *r = GEOSWKBReader_create_r(h);
    GEOSGeometry *g = GEOSWKBReader_read_r(h, r, w->wkb, w->wkb_size);
    GEOSGeometry *in = GEOSBuffer_r(h, g, -0.0006, 8);
    GEOSGeometry *p = GEOSPointOnSurface_r(h, in);
    double lon, lat;
    GEOSGeomGetX_r(h, p, &lon);
    GEOSGeomGetY_r(h, p, &lat);
    int ok = povatlas_map_layout_to_pixel(l, lon, lat, px, py) &&
             !in_label(l, *px, *py, 6);
    double x0, y0, x1, y1;
    GEOSGeom_getXMin_r(h, in, &x0);
    GEOSGeom_getYMin_r(h, in, &y0);
    GEOSGeom_getXMax_r(h, in, &x1);
    GEOSGeom_getYMax_r(h, in, &y1);
    for (int j = 0; j < 40 && !ok; j++)
        for (int i = 0; i < 40 && !ok; i++) {
            lon = x0 + (x1 - x0) * (i + 0.5) / 40;
            lat = y0 + (y1 - y0) * (j + 0.5) / 40;
            GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, lon, lat);
            ok = GEOSContains_r(h, in, pt) == 1 &&
                 povatlas_map_layout_to_pixel(l, lon, lat, px, py) &&
                 !in_label(l, *px, *py, 6);
            GEOSGeom_destroy_r(h, pt);
        }
    GEOSGeom_destroy_r(h, p);
    GEOSGeom_destroy_r(h, in);
    GEOSGeom_destroy_r(h, g);
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    return ok;
}

static char *read_head(const char *path, size_t n)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    return g_strndup(data, n < len ? n : len);
}

static int same_bytes(const char *a, const char *b)
{
    g_autofree char *da = NULL, *db = NULL;
    gsize la = 0, lb = 0;
    assert_true(g_file_get_contents(a, &da, &la, NULL));
    assert_true(g_file_get_contents(b, &db, &lb, NULL));
    return la == lb && memcmp(da, db, la) == 0;
}

/* ---- tests ------------------------------------------------------------ */

static void test_png_ward_colours(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    g_autofree char *path = out_path(fx, "wards.png");
    povatlas_map_layout *layout = render(fx, fx->features, &o, path);
    assert_int_equal(povatlas_map_layout_n_classes(layout), N_CLASSES);
    for (int i = 0; i < N_CLASSES; i++)
        assert_int_equal(povatlas_map_layout_class_rgb(layout, i), ylorrd5[i]);

    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(png), 1600);
    assert_int_equal(cairo_image_surface_get_height(png), 1200);
    for (size_t i = 0; i < fx->n; i++) {
        double px, py;
        assert_true(interior_point_free(&fx->wards[i], layout, &px, &py));
        unsigned int want = ylorrd5[class_of(fx, fx->wards[i].value)];
        if (pixel(png, (int)px, (int)py) != want)
            fail_msg("ward %s at (%.0f, %.0f): want #%06x, pixel #%06x",
                     fx->wards[i].code, px, py, want,
                     pixel(png, (int)px, (int)py));
    }
    /* all five class colours fill areas; no other colour of the ramp does */
    for (int i = 0; i < N_CLASSES; i++)
        assert_true(count_colour(png, ylorrd5[i]) > 200);
    static const unsigned int others[] = {0xfed976, 0xfeb24c, 0xfc4e2a,
                                          0xe31a1c, 0xb10026, 0xffeda0};
    for (size_t i = 0; i < G_N_ELEMENTS(others); i++)
        assert_true(count_colour(png, others[i]) < 20);
    cairo_surface_destroy(png);
    povatlas_map_layout_free(layout);
}

static int boxes_overlap(const povatlas_label_box *a,
                         const povatlas_label_box *b)
{
    return a->x < b->x + b->width && b->x < a->x + a->width &&
           a->y < b->y + b->height && b->y < a->y + a->height;
}

static void test_labels_do_not_overlap(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    g_autofree char *path = out_path(fx, "labels.png");
    povatlas_map_layout *layout = render(fx, fx->features, &o, path);
    size_t n = povatlas_map_layout_n_labels(layout);
    assert_int_equal(n, fx->n); /* every ward is named */
    double fx0, fy0, fw, fh;
    povatlas_map_layout_frame(layout, &fx0, &fy0, &fw, &fh);
    for (size_t i = 0; i < n; i++) {
        const povatlas_label_box *a = povatlas_map_layout_label(layout, i);
        assert_true(a->width > 0 && a->height > 0);
        assert_true(a->x >= fx0 && a->x + a->width <= fx0 + fw);
        assert_true(a->y >= fy0 && a->y + a->height <= fy0 + fh);
        for (size_t j = i + 1; j < n; j++)
            if (boxes_overlap(a, povatlas_map_layout_label(layout, j)))
                fail_msg("labels '%s' and '%s' overlap", a->text,
                         povatlas_map_layout_label(layout, j)->text);
    }
    /* the Vietnamese names arrive intact */
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found +=
            strcmp(povatlas_map_layout_label(layout, i)->text, "Đô Vinh") == 0;
    assert_int_equal(found, 1);
    povatlas_map_layout_free(layout);
}

static void test_formats_and_determinism(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    static const char *names[][2] = {
        {"a.png", "b.png"}, {"a.svg", "b.svg"}, {"a.pdf", "b.pdf"}};
    static const char *magic[] = {"\x89PNG", "<?xml", "%PDF-"};
    for (size_t k = 0; k < 3; k++) {
        g_autofree char *a = out_path(fx, names[k][0]);
        g_autofree char *b = out_path(fx, names[k][1]);
        povatlas_map_layout_free(render(fx, fx->features, &o, a));
        povatlas_map_layout_free(render(fx, fx->features, &o, b));
        g_autofree char *head = read_head(a, strlen(magic[k]));
        assert_string_equal(head, magic[k]);
        if (!same_bytes(a, b))
            fail_msg("%s and %s differ", names[k][0], names[k][1]);
    }
}

static void test_no_data_hatched(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    o.lang = "en";
    g_autofree povatlas_map_feature *f =
        g_memdup2(fx->features, fx->n * sizeof(*fx->features));
    f[0].has_value = 0;
    g_autofree char *path = out_path(fx, "nodata.png");
    povatlas_map_layout *layout = render(fx, f, &o, path);
    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    double px, py;
    assert_true(interior_point_free(&fx->wards[0], layout, &px, &py));
    for (int i = 0; i < N_CLASSES; i++)
        assert_false(colour_near(png, px, py, ylorrd5[i], 3));
    assert_true(count_colour(png, 0xf4f4f4) > 50); /* no-data background */
    cairo_surface_destroy(png);
    povatlas_map_layout_free(layout);
}

static void test_errors(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    povatlas_error *err = NULL;
    g_autofree char *bad = out_path(fx, "map.bmp");
    assert_int_equal(povatlas_map_render_choropleth(fx->features, fx->n, NULL,
                                                    0, &fx->breaks, &o, bad,
                                                    NULL, &err),
                     POVATLAS_E_USAGE);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, ".png"));
    povatlas_error_free(err);
    err = NULL;
    assert_false(g_file_test(bad, G_FILE_TEST_EXISTS));

    g_autofree povatlas_map_feature *f =
        g_memdup2(fx->features, fx->n * sizeof(*fx->features));
    f[3].value = 99.0;
    g_autofree char *png = out_path(fx, "outside.png");
    assert_int_equal(povatlas_map_render_choropleth(
                         f, fx->n, NULL, 0, &fx->breaks, &o, png, NULL, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, fx->wards[3].code));
    povatlas_error_free(err);
    err = NULL;
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));

    /* a broken geometry names its unit */
    static const unsigned char junk[] = {1, 3, 0, 0, 0, 9, 9};
    f[3].value = fx->wards[3].value;
    f[5].wkb = junk;
    f[5].wkb_size = sizeof(junk);
    assert_int_equal(povatlas_map_render_choropleth(
                         f, fx->n, NULL, 0, &fx->breaks, &o, png, NULL, &err),
                     POVATLAS_E_GEOM);
    assert_non_null(strstr(err->message, fx->wards[5].code));
    povatlas_error_free(err);
    err = NULL;

    /* nothing to map; a folder that does not exist */
    assert_int_equal(povatlas_map_render_choropleth(fx->features, 0, NULL, 0,
                                                    &fx->breaks, &o, png, NULL,
                                                    &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *nodir = out_path(fx, "missing/map.png");
    assert_int_equal(povatlas_map_render_choropleth(fx->features, fx->n, NULL,
                                                    0, &fx->breaks, &o, nodir,
                                                    NULL, &err),
                     POVATLAS_E_IO);
    povatlas_error_free(err);
    err = NULL;

    o.ramp = "NoSuchRamp";
    assert_int_equal(povatlas_map_render_choropleth(fx->features, fx->n, NULL,
                                                    0, &fx->breaks, &o, png,
                                                    NULL, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
}

static void test_dpi_and_ramp(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    o.width_px = 800;
    o.height_px = 1100; /* portrait: the legend goes below the map */
    o.dpi = 96;
    o.ramp = "Blues";
    povatlas_breaks b = fx->breaks;
    g_autofree char *note =
        g_strdup("Chỉ có 4 giá trị khác nhau: 4 lớp thay vì 5");
    b.note = note;
    g_autofree char *path = out_path(fx, "portrait_blues.png");
    povatlas_map_layout *layout = NULL;
    assert_int_equal(povatlas_map_render_choropleth(
                         fx->features, fx->n, fx->context, fx->n_context, &b,
                         &o, path, &layout, NULL),
                     POVATLAS_OK);
    keep_preview(path);
    assert_int_equal(povatlas_map_layout_class_rgb(layout, 4), 0x08519c);
    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_image_surface_get_width(png), 800);
    assert_true(count_colour(png, 0x08519c) > 100);
    cairo_surface_destroy(png);
    povatlas_map_layout_free(layout);
}

/* Ground distance on WGS 84 from the radii of curvature (short lines). */
static double ground_m(double lon1, double lat1, double lon2, double lat2)
{
    const double a = 6378137.0, f = 1 / 298.257223563;
    double e2 = f * (2 - f), phi = (lat1 + lat2) / 2 * G_PI / 180;
    double w = sqrt(1 - e2 * sin(phi) * sin(phi));
    double dx = a / w * cos(phi) * (lon2 - lon1) * G_PI / 180;
    double dy = a * (1 - e2) / (w * w * w) * (lat2 - lat1) * G_PI / 180;
    return sqrt(dx * dx + dy * dy);
}

/* The scale bar is a round length and true on the ground at the map's
 * latitude: its pixels match the pixels of that ground distance. */
static void test_scalebar_true(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    g_autofree char *path = out_path(fx, "scale.png");
    povatlas_map_layout *l = render(fx, fx->features, &o, path);
    double metres, px;
    povatlas_map_layout_scalebar(l, &metres, &px);
    assert_true(metres == 1000 || metres == 2000 || metres == 5000);
    const double lon = 108.98, lat = 11.60, dlon = 0.02;
    double x1, y1, x2, y2;
    assert_true(povatlas_map_layout_to_pixel(l, lon, lat, &x1, &y1));
    assert_true(povatlas_map_layout_to_pixel(l, lon + dlon, lat, &x2, &y2));
    double px_per_m =
        hypot(x2 - x1, y2 - y1) / ground_m(lon, lat, lon + dlon, lat);
    assert_true(fabs(px / metres - px_per_m) / px_per_m < 0.002);
    povatlas_map_layout_free(l);
}

/* The same page at twice the dpi and twice the pixels is the same map:
 * frame, label boxes and ward pixels scale by two. */
static void test_dpi_scales_layout(void **state)
{
    fixture *fx = *state;
    if (fx == NULL)
        skip();
    povatlas_map_opts o;
    opts_vi(&o);
    g_autofree char *p1 = out_path(fx, "dpi150.png");
    povatlas_map_layout *a = render(fx, fx->features, &o, p1);
    o.width_px *= 2;
    o.height_px *= 2;
    o.dpi *= 2;
    g_autofree char *p2 = out_path(fx, "dpi300.png");
    povatlas_map_layout *b = render(fx, fx->features, &o, p2);
    double ax, ay, aw, ah, bx, by, bw, bh;
    povatlas_map_layout_frame(a, &ax, &ay, &aw, &ah);
    povatlas_map_layout_frame(b, &bx, &by, &bw, &bh);
    assert_true(fabs(2 * aw - bw) < 1 && fabs(2 * ah - bh) < 1);
    assert_int_equal(povatlas_map_layout_n_labels(a),
                     povatlas_map_layout_n_labels(b));
    for (size_t i = 0; i < povatlas_map_layout_n_labels(a); i++) {
        const povatlas_label_box *la = povatlas_map_layout_label(a, i);
        const povatlas_label_box *lb = povatlas_map_layout_label(b, i);
        assert_string_equal(la->text, lb->text);
        assert_true(fabs(2 * la->x - lb->x) < 2 && fabs(2 * la->y - lb->y) < 2);
    }
    double x1, y1, x2, y2;
    assert_true(povatlas_map_layout_to_pixel(a, 109.0, 11.58, &x1, &y1));
    assert_true(povatlas_map_layout_to_pixel(b, 109.0, 11.58, &x2, &y2));
    assert_true(fabs(2 * x1 - x2) < 1 && fabs(2 * y1 - y2) < 1);
    povatlas_map_layout_free(a);
    povatlas_map_layout_free(b);
}

/* A little-endian WKB Polygon: the square [x, x + d] × [y, y + d]. */

/* Units the caller classed (povatlas_map_render_classes), without any
 * shared data: two squares, each filled with its class colour. */
static void test_render_classes(void **state)
{
    (void)state;
    GByteArray *a = testutil_square_wkb(108.98, 11.56, 0.01);
    GByteArray *b = testutil_square_wkb(108.99, 11.56, 0.01);
    const povatlas_map_feature f[] = {
        {"00001", "A", a->data, a->len, 1, 1, NULL},
        {"00002", "B", b->data, b->len, 2, 1, NULL}};
    const povatlas_map_class classes[] = {
        {0x3366cc, POVATLAS_FILL_SOLID, "first"},
        {0xcc6633, POVATLAS_FILL_SOLID, "second"}};
    const int cls[] = {1, 0};
    povatlas_map_opts o;
    povatlas_map_opts_init(&o);
    o.title = "Hai lớp";
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "classes.png", NULL);
    povatlas_map_layout *layout = NULL;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_map_render_classes(f, 2, NULL, 0, classes, 2, cls,
                                                 NULL, &o, path, &layout, &err),
                     POVATLAS_OK);
    assert_non_null(layout);
    assert_int_equal(povatlas_map_layout_n_classes(layout), 2);
    assert_int_equal(povatlas_map_layout_class_rgb(layout, 0), 0x3366cc);
    assert_int_equal(povatlas_map_layout_class_rgb(layout, 1), 0xcc6633);
    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(png), 800);
    /* a point near a corner of each square (away from its label) has the
     * colour of the square's class: A is in class 1, B in class 0 */
    double px, py;
    assert_true(
        povatlas_map_layout_to_pixel(layout, 108.982, 11.562, &px, &py));
    assert_int_equal(pixel(png, (int)px, (int)py), 0xcc6633);
    assert_true(
        povatlas_map_layout_to_pixel(layout, 108.998, 11.568, &px, &py));
    assert_int_equal(pixel(png, (int)px, (int)py), 0x3366cc);
    assert_true(count_colour(png, 0x3366cc) > 200);
    assert_true(count_colour(png, 0xcc6633) > 200);
    cairo_surface_destroy(png);
    povatlas_map_layout_free(layout);
    assert_null(err);
    g_byte_array_unref(a);
    g_byte_array_unref(b);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_ward_colours),
        cmocka_unit_test(test_labels_do_not_overlap),
        cmocka_unit_test(test_no_data_hatched),
        cmocka_unit_test(test_formats_and_determinism),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_dpi_and_ramp),
        cmocka_unit_test(test_dpi_scales_layout),
        cmocka_unit_test(test_scalebar_true),
        cmocka_unit_test(test_render_classes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
