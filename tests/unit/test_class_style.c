/*
 * test_class_style.c - the map's classes as export sees them
 * (src/export/class_style.c): limits from povatlas_breaks_compute(),
 * colours from a styles/ .ini, legend labels in Vietnamese number format,
 * and the errors a bad style file gives.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "export/export_private.h"
#include "povatlas/povatlas.h"

static const double RATES[] = {0.46, 0.52, 0.61, 0.78, 0.93, 1.06, 1.08, 1.21,
                               1.35, 1.52, 1.61, 1.77, 1.80, 1.94, NAN};

static void test_default_style(void **state)
{
    (void)state;
    g_autofree char *ini = povatlas_style_path("default.ini");
    povatlas_export_classes c;
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", ini, &c,
                                                     NULL),
                     POVATLAS_OK);
    povatlas_breaks *b = povatlas_breaks_compute(
        RATES, G_N_ELEMENTS(RATES), POVATLAS_BREAKS_FISHER, 5, NULL, 0, NULL);
    assert_int_equal(c.breaks->n_classes, 5);
    for (int i = 0; i <= 5; i++)
        assert_true(c.breaks->limits[i] == b->limits[i]);
    static const unsigned int ylorrd5[] = {0xffffb2, 0xfecc5c, 0xfd8d3c,
                                           0xf03b20, 0xbd0026};
    assert_memory_equal(c.rgb, ylorrd5, sizeof ylorrd5);
    assert_int_equal(c.border_rgb, 0xffffff);
    assert_true(c.border_width_pt == 0.8);
    assert_string_equal(c.font, "Noto Sans");
    g_autofree char *hi = povatlas_format_number(b->limits[1], 2, "vi");
    g_autofree char *want = g_strdup_printf("dưới %s %%", hi);
    assert_string_equal(c.labels[0], want);
    assert_non_null(strchr(c.labels[0], ','));
    assert_true(g_str_has_suffix(c.labels[4], "% trở lên"));
    povatlas_breaks_free(b);
    povatlas_export_classes_clear(&c);
}

static void test_labels_closure(void **state)
{
    (void)state;
    double lim[] = {0.0, 1.5, 2.25, 1234.5};
    povatlas_breaks b = {.n_classes = 3, .limits = lim, .left_closed = 1};
    g_auto(GStrv) l = povatlas_export_class_labels(&b, 2, " %", "vi");
    assert_string_equal(l[0], "dưới 1,50 %");
    assert_string_equal(l[1], "từ 1,50 đến dưới 2,25 %");
    assert_string_equal(l[2], "từ 2,25 % trở lên");
    b.left_closed = 0;
    g_auto(GStrv) r = povatlas_export_class_labels(&b, 0, NULL, "vi");
    /* 1,5 and 2,25 print alike at 0 decimals: one more is used (1,5 / 2,3) */
    assert_string_equal(r[0], "đến 1,5");
    assert_string_equal(r[1], "trên 1,5 đến 2,3");
    assert_string_equal(r[2], "trên 2,3");
}

static void test_reversed_custom_ramp(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *ini = testutil_write_file(
        dir, "s.ini",
        "[map]\nramp=Mine\nreverse=true\nborder_color=#000000\n"
        "font=DejaVu Sans, Noto Sans\n"
        "[ramp:Mine]\ncolors_3=#010101;#020202;#030303\n"
        "colors_5=#000001;#000002;#000003;#000004;#000005\n",
        -1);
    povatlas_export_classes c;
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", ini, &c,
                                                     NULL),
                     POVATLAS_OK);
    assert_int_equal(c.rgb[0], 0x000005);
    assert_int_equal(c.rgb[4], 0x000001);
    assert_int_equal(c.border_rgb, 0x000000);
    assert_string_equal(c.font, "DejaVu Sans");
    povatlas_export_classes_clear(&c);
    /* two distinct values: two classes, the ends of the 3-class ramp */
    const double two[] = {1.0, 1.0, 2.0};
    assert_int_equal(
        povatlas_export_classes_compute(two, 3, "poor_rate", ini, &c, NULL),
        POVATLAS_OK);
    assert_int_equal(c.breaks->n_classes, 2);
    assert_int_equal(c.rgb[0], 0x030303); /* reversed */
    assert_int_equal(c.rgb[1], 0x010101);
    povatlas_export_classes_clear(&c);
    testutil_rmtree(dir);
}

/* styles/print-dark-borders.ini names the YlOrRd ramp without listing its
 * colours: the map draws the built-in ramp, and the exported style has the
 * same colours (before, the export failed "no colour ramp"). */
static void test_style_without_ramp_colours(void **state)
{
    (void)state;
    g_autofree char *ini = povatlas_style_path("print-dark-borders.ini");
    povatlas_export_classes c;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", ini, &c,
                                                     &err),
                     POVATLAS_OK);
    static const unsigned int ylorrd5[] = {0xffffb2, 0xfecc5c, 0xfd8d3c,
                                           0xf03b20, 0xbd0026};
    assert_memory_equal(c.rgb, ylorrd5, sizeof ylorrd5);
    assert_int_equal(c.border_rgb, 0x4d4d4d);
    povatlas_export_classes_clear(&c);
}

static void test_bad_style(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *ini =
        testutil_write_file(dir, "bad.ini", "[map]\nborder_color=white\n", -1);
    povatlas_export_classes c;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", ini, &c,
                                                     &err),
                     POVATLAS_E_INPUT);
    /* the YlOrRd ramp is absent from this file, so the built-in one is
     * used, as on the map: the bad colour is what fails */
    assert_string_equal(err->file, ini);
    assert_string_equal(err->column, "border_color");
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *none = g_build_filename(dir, "none.ini", NULL);
    assert_int_equal(povatlas_export_classes_compute(RATES, G_N_ELEMENTS(RATES),
                                                     "poor_rate", none, &c,
                                                     &err),
                     POVATLAS_E_IO);
    assert_string_equal(err->file, none);
    assert_non_null(strstr(err->message, "cannot read style"));
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_style),
        cmocka_unit_test(test_labels_closure),
        cmocka_unit_test(test_reversed_custom_ramp),
        cmocka_unit_test(test_style_without_ramp_colours),
        cmocka_unit_test(test_bad_style),
    };
    return cmocka_run_group_tests_name("class_style", tests, NULL, NULL);
}
