/*
 * test_project_units.c - a map of many units (900 > the 256 a thread
 * takes) drawn on one thread and on three is the same file, byte for
 * byte: reading, projecting and the page copies over threads change no
 * number (POVATLAS_THREADS chooses the count). Plain little-endian
 * polygons go through the flat path (points read from the WKB into one
 * array, no GEOS geometry before the page), anything else through GEOS:
 * the same units in big-endian WKB draw the same file too. A unit GEOS
 * cannot simplify or repair on the page fails the map naming the unit and
 * why, on either path (POVATLAS_FAULT_GEOS), instead of being drawn
 * unsimplified or invalid.
 */
#include <stdint.h>
#include <string.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "core/fault.h"
#include "povatlas/breaks.h"
#include "povatlas/render.h"

#define SIDE 30

static povatlas_status render_status(const char *threads,
                                     const povatlas_map_feature *f, size_t n,
                                     const char *path, povatlas_error **err)
{
    double limits[6] = {0, 2, 4, 6, 8, 10};
    povatlas_breaks b = {0};
    b.n_classes = 5;
    b.limits = limits;
    b.left_closed = 1;
    povatlas_map_opts o;
    povatlas_map_opts_init(&o);
    o.width_px = 800;
    o.height_px = 600;
    o.title = "threads";
    g_setenv("POVATLAS_THREADS", threads, TRUE);
    povatlas_map_layout *layout = NULL;
    povatlas_status st = povatlas_map_render_choropleth(f, n, NULL, 0, &b, &o,
                                                        path, &layout, err);
    g_unsetenv("POVATLAS_THREADS");
    povatlas_map_layout_free(layout);
    return st;
}

static void render_with(const char *threads, const povatlas_map_feature *f,
                        size_t n, const char *path)
{
    povatlas_error *err = NULL;
    povatlas_status st = render_status(threads, f, n, path, &err);
    if (st != POVATLAS_OK)
        fail_msg("render with %s thread(s): %s", threads,
                 err ? err->message : "?");
}

static void test_threads_draw_the_same_map(void **state)
{
    (void)state;
    size_t n = SIDE * SIDE;
    povatlas_map_feature *f = g_new0(povatlas_map_feature, n);
    unsigned char **wkb = g_new0(unsigned char *, n);
    char **codes = g_new0(char *, n);
    for (size_t i = 0; i < n; i++) {
        size_t size = 0;
        /* lon/lat squares of 0.01 degree, slightly uneven */
        wkb[i] = g_byte_array_steal(
            testutil_square_wkb(105.0 + (double)(i % SIDE) * 0.01,
                                20.0 + (double)(i / SIDE) * 0.01, 0.01),
            &size);
        codes[i] = g_strdup_printf("%05zu", i + 1);
        f[i] = (povatlas_map_feature){
            codes[i], codes[i], wkb[i], size, (double)((i * 7) % 10), 1, NULL};
    }
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *one = g_build_filename(dir, "one.png", NULL);
    g_autofree char *three = g_build_filename(dir, "three.png", NULL);
    render_with("1", f, n, one);
    render_with("3", f, n, three);
    g_autofree char *a = NULL, *b = NULL;
    gsize la = 0, lb = 0;
    assert_true(g_file_get_contents(one, &a, &la, NULL));
    assert_true(g_file_get_contents(three, &b, &lb, NULL));
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    testutil_rmtree(dir);
    for (size_t i = 0; i < n; i++) {
        g_free(wkb[i]);
        g_free(codes[i]);
    }
    g_free(wkb);
    g_free(codes);
    g_free(f);
}

static void put_u32(GByteArray *b, uint32_t v, int be)
{
    unsigned char c[4];
    for (int k = 0; k < 4; k++)
        c[be ? 3 - k : k] = (unsigned char)(v >> (8 * k));
    g_byte_array_append(b, c, 4);
}

static void put_f64(GByteArray *b, double v, int be)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    unsigned char c[8];
    for (int k = 0; k < 8; k++)
        c[be ? 7 - k : k] = (unsigned char)(u >> (8 * k));
    g_byte_array_append(b, c, 8);
}

static void put_ring(GByteArray *b, double x0, double y0, double x1, double y1,
                     int be)
{
    const double xy[][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    put_u32(b, 5, be);
    for (size_t i = 0; i < G_N_ELEMENTS(xy); i++) {
        put_f64(b, xy[i][0], be);
        put_f64(b, xy[i][1], be);
    }
}

static void put_header(GByteArray *b, uint32_t type, int be)
{
    unsigned char order = be ? 0 : 1;
    g_byte_array_append(b, &order, 1);
    put_u32(b, type, be);
}

/* Unit @i of a SIDE x SIDE grid: every third a MultiPolygon of two
 * halves, the left one with a hole; the others squares. */
static GByteArray *unit_wkb(size_t i, int be)
{
    double d = 0.01, x = 105.0 + (double)(i % SIDE) * d,
           y = 20.0 + (double)(i / SIDE) * d;
    GByteArray *b = g_byte_array_new();
    if (i % 3 == 0) {
        put_header(b, 6, be);
        put_u32(b, 2, be);
        put_header(b, 3, be);
        put_u32(b, 2, be);
        put_ring(b, x, y, x + d / 2, y + d, be);
        put_ring(b, x + d / 8, y + d / 4, x + d / 4, y + d / 2, be);
        put_header(b, 3, be);
        put_u32(b, 1, be);
        put_ring(b, x + d / 2, y, x + d, y + d, be);
    } else {
        put_header(b, 3, be);
        put_u32(b, 1, be);
        put_ring(b, x, y, x + d, y + d, be);
    }
    return b;
}

static void test_flat_and_geos_paths_draw_the_same_map(void **state)
{
    (void)state;
    size_t n = SIDE * SIDE;
    povatlas_map_feature *f[2];
    unsigned char **wkb[2];
    char **codes = g_new0(char *, n);
    for (int be = 0; be < 2; be++) {
        f[be] = g_new0(povatlas_map_feature, n);
        wkb[be] = g_new0(unsigned char *, n);
    }
    for (size_t i = 0; i < n; i++) {
        codes[i] = g_strdup_printf("%05zu", i + 1);
        for (int be = 0; be < 2; be++) {
            size_t size = 0;
            wkb[be][i] = g_byte_array_steal(unit_wkb(i, be), &size);
            f[be][i] = (povatlas_map_feature){
                codes[i], codes[i], wkb[be][i], size, (double)((i * 7) % 10),
                1,        NULL};
        }
    }
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *le = g_build_filename(dir, "le.png", NULL);
    g_autofree char *be = g_build_filename(dir, "be.png", NULL);
    render_with("2", f[0], n, le);
    render_with("2", f[1], n, be);
    g_autofree char *a = NULL, *b = NULL;
    gsize la = 0, lb = 0;
    assert_true(g_file_get_contents(le, &a, &la, NULL));
    assert_true(g_file_get_contents(be, &b, &lb, NULL));
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    testutil_rmtree(dir);
    for (size_t i = 0; i < n; i++) {
        g_free(wkb[0][i]);
        g_free(wkb[1][i]);
        g_free(codes[i]);
    }
    for (int k = 0; k < 2; k++) {
        g_free(wkb[k]);
        g_free(f[k]);
    }
    g_free(codes);
}

/* A polygon whose hole lies partly outside its shell (invalid, as a
 * hand-edited file may hold): the flat reader took the hole's points into
 * the units' extent, GEOS's envelope is the shell's, so the two paths
 * chose different UTM zones (found by tests/fuzz/fuzz_wkb.c). */
static void test_hole_outside_shell_same_map(void **state)
{
    (void)state;
    enum { N = 3 };
    povatlas_map_feature f[2][N];
    unsigned char *wkb[2][N];
    static const char *const codes[N] = {"00001", "00002", "00003"};
    for (int be = 0; be < 2; be++)
        for (size_t i = 0; i < N; i++) {
            double x = 105.0 + 0.01 * (double)i, y = 20.0, d = 0.01;
            GByteArray *b = g_byte_array_new();
            put_header(b, 3, be);
            put_u32(b, i == 1 ? 2 : 1, be);
            put_ring(b, x, y, x + d, y + d, be);
            if (i == 1) /* a hole reaching 8 degrees west: another UTM
                         * zone when it counts in the extent */
                put_ring(b, x - 8, y + d / 4, x + d / 2, y + d / 2, be);
            size_t size = 0;
            wkb[be][i] = g_byte_array_steal(b, &size);
            f[be][i] = (povatlas_map_feature){
                codes[i], codes[i], wkb[be][i], size, (double)(3 * i), 1, NULL};
        }
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *le = g_build_filename(dir, "le.png", NULL);
    g_autofree char *be = g_build_filename(dir, "be.png", NULL);
    render_with("1", f[0], N, le);
    render_with("1", f[1], N, be);
    g_autofree char *a = NULL, *b = NULL;
    gsize la = 0, lb = 0;
    assert_true(g_file_get_contents(le, &a, &la, NULL));
    assert_true(g_file_get_contents(be, &b, &lb, NULL));
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    testutil_rmtree(dir);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < N; i++)
            g_free(wkb[k][i]);
}

/* Unit @i of the grid, with unit BOWTIE (one of every third, which are
 * MultiPolygons) a self-intersecting ring: valid WKB that GEOS must
 * repair on the page. */
#define BOWTIE 45
#define FEW 100 /* units: not simplified */

static GByteArray *unit_or_bowtie_wkb(size_t i, int be)
{
    if (i != BOWTIE)
        return unit_wkb(i, be);
    double d = 0.01, x = 105.0 + (double)(i % SIDE) * d,
           y = 20.0 + (double)(i / SIDE) * d;
    const double xy[][2] = {
        {x, y}, {x + d, y + d}, {x + d, y}, {x, y + d}, {x, y}};
    GByteArray *b = g_byte_array_new();
    put_header(b, 3, be);
    put_u32(b, 1, be);
    put_u32(b, G_N_ELEMENTS(xy), be);
    for (size_t k = 0; k < G_N_ELEMENTS(xy); k++) {
        put_f64(b, xy[k][0], be);
        put_f64(b, xy[k][1], be);
    }
    return b;
}

/* Renders @f with the @n-th GEOS simplification or repair failing (one
 * thread: the hits come in unit order); the map must fail with
 * @message, leaving nothing at the destination. */
static void assert_geos_fault(const povatlas_map_feature *f, size_t n_units,
                              long n, const char *dir, const char *message)
{
    g_autofree char *path = g_build_filename(dir, "fault.png", NULL);
    povatlas_error *err = NULL;
    povatlas_fault_arm(POVATLAS_FAULT_GEOS, n, 0);
    povatlas_status st = render_status("1", f, n_units, path, &err);
    long failed = povatlas_fault_failed();
    povatlas_fault_arm(0, 0, 0);
    assert_int_equal(failed, 1);
    assert_int_equal(st, POVATLAS_E_GEOM);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_GEOM);
    assert_string_equal(err->message, message);
    povatlas_error_free(err);
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    assert_int_equal(testutil_count_entries(dir), 0);
}

/* The GEOS simplifications and repairs of a map of @f. */
static long geos_hits(const povatlas_map_feature *f, size_t n, const char *dir)
{
    g_autofree char *path = g_build_filename(dir, "m.png", NULL);
    povatlas_error *err = NULL;
    povatlas_fault_arm(POVATLAS_FAULT_GEOS, 0, 0);
    povatlas_status st = render_status("1", f, n, path, &err);
    long hits = povatlas_fault_hits();
    povatlas_fault_arm(0, 0, 0);
    if (st != POVATLAS_OK)
        fail_msg("no fault: %s", err ? err->message : "?");
    g_remove(path);
    return hits;
}

static void test_failed_simplify_or_repair_is_an_error(void **state)
{
    (void)state;
    size_t n = SIDE * SIDE; /* above the 500 units that are simplified */
    povatlas_map_feature *f = g_new0(povatlas_map_feature, n);
    unsigned char **wkb = g_new0(unsigned char *, n);
    char **codes = g_new0(char *, n);
    for (size_t i = 0; i < n; i++)
        codes[i] = g_strdup_printf("%05zu", i + 1);
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_mkdir(out, 0755);
    /* little-endian: the flat path; big-endian: GEOS reads the WKB */
    for (int be = 0; be < 2; be++) {
        for (size_t i = 0; i < n; i++) {
            size_t size = 0;
            g_free(wkb[i]);
            wkb[i] = g_byte_array_steal(unit_or_bowtie_wkb(i, be), &size);
            f[i] = (povatlas_map_feature){
                codes[i], codes[i], wkb[i], size, (double)((i * 7) % 10),
                1,        NULL};
        }
        /* every unit simplified (GEOS's simplifier repairs what it
         * simplifies), then a map of 100 units: none simplified, every
         * third unit's two halves (they share an edge) and the bowtie
         * repaired */
        assert_int_equal(geos_hits(f, n, out), n);
        assert_geos_fault(f, n, 1, out,
                          "cannot draw unit '00001' on the map: GEOS cannot "
                          "simplify it");
        assert_geos_fault(f, n, (long)n, out,
                          "cannot draw unit '00900' on the map: GEOS cannot "
                          "simplify it");
        assert_int_equal(geos_hits(f, FEW, out), FEW / 3 + 1);
        assert_geos_fault(f, FEW, 1, out,
                          "cannot draw unit '00001' on the map: GEOS cannot "
                          "repair its invalid shape");
        assert_geos_fault(f, FEW, BOWTIE / 3 + 1, out,
                          "cannot draw unit '00046' on the map: GEOS cannot "
                          "repair its invalid shape");
    }
    testutil_rmtree(dir);
    for (size_t i = 0; i < n; i++) {
        g_free(wkb[i]);
        g_free(codes[i]);
    }
    g_free(wkb);
    g_free(codes);
    g_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_draw_the_same_map),
        cmocka_unit_test(test_flat_and_geos_paths_draw_the_same_map),
        cmocka_unit_test(test_failed_simplify_or_repair_is_an_error),
        cmocka_unit_test(test_hole_outside_shell_same_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
