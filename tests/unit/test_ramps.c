/*
 * test_ramps.c - the colour ramps of the classes (src/core/ramps.c), the
 * one table the maps and the exported styles read: a style file's ramp
 * first, the built-in ColorBrewer ramp otherwise, the ends of the 3-class
 * ramp for one or two classes, and a malformed ramp refused.
 */
#include "testutil.h"

#include "core/ramps.h"

static void test_builtin_and_small_counts(void **state)
{
    (void)state;
    unsigned int rgb[7];
    assert_int_equal(povatlas_ramp_colours(NULL, "YlOrRd", 5, rgb), 1);
    static const unsigned int ylorrd5[] = {0xffffb2, 0xfecc5c, 0xfd8d3c,
                                           0xf03b20, 0xbd0026};
    assert_memory_equal(rgb, ylorrd5, sizeof ylorrd5);
    assert_int_equal(povatlas_ramp_colours(NULL, "blues", 3, rgb), 1);
    assert_int_equal(rgb[2], 0x3182bd);
    /* one class: the middle of 3; two: its ends */
    assert_int_equal(povatlas_ramp_colours(NULL, "YlOrRd", 1, rgb), 1);
    assert_int_equal(rgb[0], 0xfeb24c);
    assert_int_equal(povatlas_ramp_colours(NULL, "YlOrRd", 2, rgb), 1);
    assert_int_equal(rgb[0], 0xffeda0);
    assert_int_equal(rgb[1], 0xf03b20);
    assert_int_equal(povatlas_ramp_colours(NULL, "Nope", 5, rgb), 0);
    assert_int_equal(povatlas_ramp_colours(NULL, "YlOrRd", 8, rgb), 0);
    assert_int_equal(povatlas_ramp_colours(NULL, NULL, 5, rgb), 0);
}

static void test_file_first(void **state)
{
    (void)state;
    g_autoptr(GKeyFile) kf = g_key_file_new();
    const char *ini = "[ramp:Mine]\ncolors_3=#010101;#020202;#030303\n"
                      "[ramp:YlOrRd]\ncolors_4=#000001; #000002;#000003;"
                      "#000004\n"
                      "[ramp:Bad]\ncolors_3=#010101;#020202\n"
                      "colors_4=#010101;#020202;#030303;red\n";
    assert_true(
        g_key_file_load_from_data(kf, ini, (gsize)-1, G_KEY_FILE_NONE, NULL));
    unsigned int rgb[7];
    assert_int_equal(povatlas_ramp_colours(kf, "YlOrRd", 4, rgb), 1);
    assert_int_equal(rgb[1], 0x000002);
    /* not in the file for this count: built in */
    assert_int_equal(povatlas_ramp_colours(kf, "YlOrRd", 5, rgb), 1);
    assert_int_equal(rgb[4], 0xbd0026);
    /* a ramp of the file alone: two classes are its 3-class ends */
    assert_int_equal(povatlas_ramp_colours(kf, "Mine", 2, rgb), 1);
    assert_int_equal(rgb[0], 0x010101);
    assert_int_equal(rgb[1], 0x030303);
    assert_int_equal(povatlas_ramp_colours(kf, "Mine", 5, rgb), 0);
    /* malformed: two colours for three, a colour that is not #rrggbb */
    assert_int_equal(povatlas_ramp_colours(kf, "Bad", 3, rgb), -1);
    assert_int_equal(povatlas_ramp_colours(kf, "Bad", 1, rgb), -1);
    assert_int_equal(povatlas_ramp_colours(kf, "Bad", 4, rgb), -1);
    unsigned int v = 0;
    assert_true(povatlas_parse_rgb(" #BD0026 ", &v));
    assert_int_equal(v, 0xbd0026);
    assert_false(povatlas_parse_rgb("#bd002", &v));
    assert_false(povatlas_parse_rgb("red", &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_and_small_counts),
        cmocka_unit_test(test_file_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
