/*
 * test_project_units.c - a map of many units (900 > the 256 a thread
 * takes) drawn on one thread and on three is the same file, byte for
 * byte: reading, projecting and the page copies over threads change no
 * number (POVATLAS_THREADS chooses the count).
 */
#include <stdint.h>
#include <string.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/breaks.h"
#include "povatlas/render.h"

#define SIDE 30

static void render_with(const char *threads, const povatlas_map_feature *f,
                        size_t n, const char *path)
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
    povatlas_error *err = NULL;
    povatlas_map_layout *layout = NULL;
    povatlas_status st = povatlas_map_render_choropleth(f, n, NULL, 0, &b, &o,
                                                        path, &layout, &err);
    g_unsetenv("POVATLAS_THREADS");
    if (st != POVATLAS_OK)
        fail_msg("render with %s thread(s): %s", threads,
                 err ? err->message : "?");
    povatlas_map_layout_free(layout);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_draw_the_same_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
