/*
 * test_map_keys.c - the one parser of a style's [map] keys
 * (src/core/map_keys.c): a key set in a style reaches both the map
 * renderer (render/map_style.c) and the exported layer style
 * (export/class_style.c), and a bad value is refused by both alike.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "core/map_keys.h"
#include "export/export_private.h"
#include "povatlas/povatlas.h"
#include "render/render_private.h"

static const double RATES[] = {0.46, 0.52, 0.61, 0.78, 0.93, 1.06, 1.08,
                               1.21, 1.35, 1.52, 1.61, 1.77, 1.80, 1.94};

static void test_key_reaches_both(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *ini = testutil_write_file(
        dir, "s.ini",
        "[map]\nlabel_pt = 11.5\nhalo_color = #123456\nborder_width_pt = "
        "0.3\nramp = Blues\nreverse = true\nfont = DejaVu Serif, Noto Sans\n",
        -1);
    g_autoptr(GKeyFile) kf = g_key_file_new();
    povatlas_map_keys k;
    assert_int_equal(povatlas_map_keys_load(&k, kf, ini, NULL), POVATLAS_OK);
    assert_true(k.label_pt == 11.5);
    assert_int_equal(k.halo_rgb, 0x123456);
    assert_string_equal(k.ramp, "Blues");
    assert_true(k.reverse);
    /* a key the file does not set keeps the built-in value */
    assert_int_equal(k.text_rgb, 0x1f1f1f);
    povatlas_map_keys_clear(&k);

    povatlas_render_style s;
    assert_int_equal(povatlas_render_style_load(&s, ini, NULL, 5, NULL),
                     POVATLAS_OK);
    povatlas_export_classes c;
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", ini, &c,
                                                     NULL),
                     POVATLAS_OK);
    assert_true(s.label_pt == 11.5 && c.label_pt == 11.5);
    assert_true(s.border_width_pt == 0.3 && c.border_width_pt == 0.3);
    assert_int_equal(s.halo_rgb, 0x123456);
    assert_int_equal(c.halo_rgb, 0x123456);
    assert_string_equal(c.font, "DejaVu Serif");
    assert_true(g_str_has_prefix(s.font_family, "DejaVu Serif"));
    /* Blues, reversed: the darkest first on the map and in the style */
    assert_int_equal(s.ramp_rgb[0], 0x08519c);
    assert_false(c.zero_class);
    assert_memory_equal(c.rgb, s.ramp_rgb, 5 * sizeof(unsigned int));
    povatlas_export_classes_clear(&c);
    povatlas_render_style_clear(&s);
    testutil_rmtree(dir);
}

/* A size the renderer refuses is refused by the export too (the export's
 * own parser ignored it and exported the built-in size). */
static void test_bad_size_refused_by_both(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *ini =
        testutil_write_file(dir, "s.ini", "[map]\nlabel_pt = big\n", -1);
    povatlas_render_style s;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_render_style_load(&s, ini, NULL, 5, &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->column, "label_pt");
    povatlas_error_free(err);
    err = NULL;
    povatlas_export_classes c;
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", ini, &c,
                                                     &err),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->column, "label_pt");
    assert_string_equal(err->message, "invalid size 'big' (points)");
    povatlas_error_free(err);
    /* no file: the built-in values */
    povatlas_map_keys k;
    assert_int_equal(povatlas_map_keys_load(&k, NULL, NULL, NULL), POVATLAS_OK);
    assert_true(k.label_pt == 9.5 && k.label_min_pt == 8.0);
    povatlas_map_keys_clear(&k);
    /* read from a loaded key file */
    g_autoptr(GKeyFile) kf = g_key_file_new();
    assert_true(g_key_file_load_from_data(kf, "[map]\nnote_pt = 9\n", -1,
                                          G_KEY_FILE_NONE, NULL));
    assert_int_equal(povatlas_map_keys_read(&k, kf, "x.ini", NULL),
                     POVATLAS_OK);
    assert_true(k.note_pt == 9.0);
    povatlas_map_keys_clear(&k);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_reaches_both),
        cmocka_unit_test(test_bad_size_refused_by_both),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
