/*
 * test_demo.c - end to end through the povatlas binary: `povatlas demo`
 * makes a workspace, a GeoPackage and a real map; the CLI behaves like a
 * Unix tool (--help, --version, exit codes, errors on stderr).
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include <cairo.h>

static char *g_out; /* demo output folder, shared by the tests */
static char *g_stdout;

static int setup(void **state)
{
    (void)state;
    g_out = testutil_tmpdir();
    const char *argv[] = {"demo", "--out", g_out, NULL};
    char *err = NULL;
    int rc = testutil_run(argv, &g_stdout, &err);
    if (rc != 0)
        fprintf(stderr, "demo failed: %s\n", err);
    g_free(err);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    testutil_rmtree(g_out);
    g_free(g_out);
    g_free(g_stdout);
    return 0;
}

static void test_files(void **state)
{
    (void)state;
    const char *files[] = {"atlas.sqlite", "atlas.gpkg", "maps/poor_rate.png",
                           "maps/poor_rate.svg"};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *p = g_build_filename(g_out, files[i], NULL);
        assert_true(g_file_test(p, G_FILE_TEST_IS_REGULAR));
    }
    g_autofree char *svg = g_build_filename(g_out, "maps/poor_rate.svg", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(svg, &text, NULL, NULL));
    assert_true(g_str_has_prefix(text, "<?xml"));
}

static void test_summary(void **state)
{
    (void)state;
    /* city totals of both years and the plan's targets, Vietnamese format */
    const char *want[] = {"2022",
                          "47.400",
                          "615",
                          "1,30 %",
                          "1.475",
                          "3,11 %",
                          "2023",
                          "1,17 %",
                          "2,88 %",
                          "mục tiêu 1,15 %",
                          "mục tiêu −71",
                          "mục tiêu 2,91 %",
                          "mục tiêu −95",
                          "CHƯA ĐẠT",
                          "DỮ LIỆU GIẢ LẬP"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(g_stdout, want[i]))
            fail_msg("summary lacks '%s':\n%s", want[i], g_stdout);
}

/* The YlOrRd 5-class fills of the default style. */
static const unsigned int CLASS_RGB[5] = {0xffffb2, 0xfecc5c, 0xfd8d3c,
                                          0xf03b20, 0xbd0026};

static void test_png_is_a_map(void **state)
{
    (void)state;
    g_autofree char *png = g_build_filename(g_out, "maps/poor_rate.png", NULL);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    assert_int_equal(w, 1600);
    assert_int_equal(h, 1200);
    long class_pixels[5] = {0}, white = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            unsigned int rgb = row[x] & 0xffffff;
            white += rgb == 0xffffff;
            for (int k = 0; k < 5; k++)
                class_pixels[k] += rgb == CLASS_RGB[k];
        }
    }
    /* every class colour fills a real area (not only its legend swatch) */
    for (int k = 0; k < 5; k++)
        if (class_pixels[k] < 2000)
            fail_msg("class %d colour covers only %ld pixels", k,
                     class_pixels[k]);
    assert_true(white < (long)w * h * 0.6); /* not blank */
    cairo_surface_destroy(s);
}

static void test_cli_conventions(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    const char *help[] = {"--help", NULL};
    assert_int_equal(testutil_run(help, &out, &err), 0);
    assert_non_null(strstr(out, "Usage: povatlas"));
    g_free(out);
    g_free(err);
    const char *version[] = {"--version", NULL};
    assert_int_equal(testutil_run(version, &out, &err), 0);
    assert_true(g_str_has_prefix(out, "povatlas "));
    g_free(out);
    g_free(err);
    const char *unknown[] = {"frobnicate", NULL};
    assert_int_equal(testutil_run(unknown, &out, &err), 2);
    assert_non_null(strstr(err, "not a povatlas command"));
    g_free(out);
    g_free(err);
    const char *badopt[] = {"map", "--no-such-option", NULL};
    assert_int_equal(testutil_run(badopt, &out, &err), 2);
    g_free(out);
    g_free(err);
    const char *cmdhelp[] = {"import", "--help", NULL};
    assert_int_equal(testutil_run(cmdhelp, &out, &err), 0);
    assert_non_null(strstr(out, "--year"));
    g_free(out);
    g_free(err);
}

static void test_import_error_exit(void **state)
{
    (void)state;
    g_autofree char *db = g_build_filename(g_out, "atlas.sqlite", NULL);
    g_autofree char *csv = testutil_write_file(
        g_out, "bad.csv",
        "household_id,unit_code,year,members,income_per_capita,b2,"
        "recorded_status\nX1,26734,2023,3,100,3,poor\n",
        -1);
    const char *argv[] = {"import", "households", csv, "--db", db, NULL};
    char *out = NULL, *err = NULL;
    assert_int_equal(testutil_run(argv, &out, &err), 1);
    g_autofree char *want = g_strdup_printf(
        "%s:2: column unit_code: unknown ward code '26734'", csv);
    if (!strstr(err, want))
        fail_msg("stderr lacks '%s':\n%s", want, err);
    assert_non_null(strstr(err, "nothing was imported"));
    assert_string_equal(out, "");
    g_free(out);
    g_free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_png_is_a_map),
        cmocka_unit_test(test_cli_conventions),
        cmocka_unit_test(test_import_error_exit),
    };
    return cmocka_run_group_tests_name("demo", tests, setup, teardown);
}
