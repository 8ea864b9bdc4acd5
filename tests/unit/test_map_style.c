/*
 * test_map_style.c - map styles (src/render/map_style.c): the shipped
 * styles/default.ini says exactly what the built-in defaults say, files
 * override single keys, custom and built-in ramps, and each error path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "render/render_private.h"

#ifndef POVATLAS_SOURCE_DIR
#define POVATLAS_SOURCE_DIR "."
#endif

static char *write_style(const char *text)
{
    char *path = NULL;
    int fd = g_file_open_tmp("povatlas-style-XXXXXX.ini", &path, NULL);
    assert_true(fd >= 0);
    close(fd);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

static void test_default_file_equals_builtin(void **state)
{
    (void)state;
    g_autofree char *path =
        g_build_filename(POVATLAS_SOURCE_DIR, "styles", "default.ini", NULL);
    for (int k = 1; k <= 7; k++) {
        povatlas_render_style a, b;
        assert_int_equal(povatlas_render_style_load(&a, NULL, NULL, k, NULL),
                         POVATLAS_OK);
        assert_int_equal(povatlas_render_style_load(&b, path, NULL, k, NULL),
                         POVATLAS_OK);
        assert_string_equal(a.font_family, b.font_family);
        assert_string_equal(a.ramp, b.ramp);
        /* every colour and size past the two strings */
        size_t off = offsetof(povatlas_render_style, reverse);
        assert_memory_equal((char *)&a + off, (char *)&b + off,
                            sizeof(a) - off);
        povatlas_render_style_clear(&a);
        povatlas_render_style_clear(&b);
    }
}

static void test_ylorrd5_and_ramps(void **state)
{
    (void)state;
    povatlas_render_style s;
    assert_int_equal(povatlas_render_style_load(&s, NULL, NULL, 5, NULL),
                     POVATLAS_OK);
    static const unsigned int want[5] = {0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20,
                                         0xbd0026};
    assert_memory_equal(s.ramp_rgb, want, sizeof(want));
    povatlas_render_style_clear(&s);
    static const char *names[] = {"Blues", "Greens", "Purples", "RdBu",
                                  "ylorrd"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        for (int k = 1; k <= 7; k++) {
            assert_int_equal(
                povatlas_render_style_load(&s, NULL, names[i], k, NULL),
                POVATLAS_OK);
            assert_int_equal(s.ramp_n, k);
            povatlas_render_style_clear(&s);
        }
}

static void test_file_overrides_and_custom_ramp(void **state)
{
    (void)state;
    g_autofree char *path = write_style(
        "[map]\nramp=Mine\nreverse=true\nborder_color=#404040\n"
        "label_pt=9.5\n[ramp:Mine]\ncolors_3=#000001;#000002;#000003\n");
    povatlas_render_style s;
    assert_int_equal(povatlas_render_style_load(&s, path, NULL, 3, NULL),
                     POVATLAS_OK);
    assert_int_equal(s.border_rgb, 0x404040);
    assert_true(s.label_pt == 9.5);
    assert_int_equal(s.sea_rgb, 0xd6e9f5); /* untouched default */
    assert_int_equal(s.ramp_rgb[0], 0x000003);
    assert_int_equal(s.ramp_rgb[2], 0x000001);
    povatlas_render_style_clear(&s);
    g_remove(path);
}

/* After a failed load the style owns nothing: callers do not clear it
 * (the leak on the error path of issue 10). */
static void assert_owns_nothing(const povatlas_render_style *s)
{
    assert_null(s->font_family);
    assert_null(s->ramp);
}

static void test_errors(void **state)
{
    (void)state;
    povatlas_render_style s;
    povatlas_error *err = NULL;
    g_autofree char *bad = write_style("[map]\nsea_color=blue\n");
    assert_int_equal(povatlas_render_style_load(&s, bad, NULL, 5, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->file, bad);
    assert_string_equal(err->column, "sea_color");
    assert_non_null(strstr(err->message, "'blue'"));
    povatlas_error_free(err);
    err = NULL;
    assert_owns_nothing(&s);
    g_remove(bad);

    g_autofree char *size = write_style("[map]\nlabel_pt=big\n");
    assert_int_equal(povatlas_render_style_load(&s, size, NULL, 5, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->column, "label_pt");
    povatlas_error_free(err);
    err = NULL;
    assert_owns_nothing(&s);
    g_remove(size);

    g_autofree char *ramp =
        write_style("[map]\nramp=Mine\n[ramp:Mine]\ncolors_3=#000001\n");
    assert_int_equal(povatlas_render_style_load(&s, ramp, NULL, 3, &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    assert_owns_nothing(&s);
    g_remove(ramp);

    assert_int_equal(
        povatlas_render_style_load(&s, "/nonexistent/style.ini", NULL, 5, &err),
        POVATLAS_E_IO);
    assert_string_equal(err->file, "/nonexistent/style.ini");
    povatlas_error_free(err);
    err = NULL;
    assert_owns_nothing(&s);

    assert_int_equal(povatlas_render_style_load(&s, NULL, "Rainbow", 5, &err),
                     POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "'Rainbow'"));
    povatlas_error_free(err);
    assert_owns_nothing(&s);
}

static void test_parse_rgb(void **state)
{
    (void)state;
    unsigned int v = 0;
    assert_true(povatlas_render_parse_rgb("#BD0026", &v));
    assert_int_equal(v, 0xbd0026);
    assert_true(povatlas_render_parse_rgb(" #ffffb2 ", &v));
    assert_false(povatlas_render_parse_rgb("#ffffb", &v));
    assert_false(povatlas_render_parse_rgb("ffffb2", &v));
    assert_false(povatlas_render_parse_rgb("#ffffb2x", &v));
    assert_false(povatlas_render_parse_rgb(NULL, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_file_equals_builtin),
        cmocka_unit_test(test_ylorrd5_and_ramps),
        cmocka_unit_test(test_file_overrides_and_custom_ramp),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_parse_rgb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
