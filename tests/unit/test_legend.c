/*
 * test_legend.c - legend texts (src/render/legend.c): class limits that
 * say which end is closed, in the language's number format, with more
 * decimals when limits would print alike, and the unit counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <glib.h>

#include "render/render_private.h"

static void test_legend_labels(void **state)
{
    (void)state;
    double lim[] = {0.5, 1.15, 1.5, 2.0};
    povatlas_breaks b = {0};
    b.n_classes = 3;
    b.limits = lim;
    char **vi = povatlas_legend_class_labels(&b, 2, " %", "vi");
    assert_string_equal(vi[0], "đến 1,15 %");
    assert_string_equal(vi[1], "trên 1,15 đến 1,50 %");
    assert_string_equal(vi[2], "trên 1,50 %");
    assert_null(vi[3]);
    g_strfreev(vi);
    b.left_closed = 1;
    char **en = povatlas_legend_class_labels(&b, 2, NULL, "en");
    assert_string_equal(en[0], "under 1.15");
    assert_string_equal(en[1], "1.15 to under 1.50");
    assert_string_equal(en[2], "1.50 and over");
    g_strfreev(en);
    /* limits that print alike get another decimal */
    double close[] = {0.0, 1.151, 1.154, 2.0};
    b.limits = close;
    b.left_closed = 0;
    char **d = povatlas_legend_class_labels(&b, 2, NULL, "vi");
    assert_string_equal(d[1], "trên 1,151 đến 1,154");
    g_strfreev(d);
    g_autofree char *c1 = povatlas_legend_count_text(3, "vi");
    g_autofree char *c2 = povatlas_legend_count_text(1, "en");
    assert_string_equal(c1, "(3 phường/xã)");
    assert_string_equal(c2, "(1 ward)");
}

static void test_single_class(void **state)
{
    (void)state;
    double lim[] = {1.0, 2.5};
    povatlas_breaks b = {0};
    b.n_classes = 1;
    b.limits = lim;
    char **l = povatlas_legend_class_labels(&b, 1, " %", "vi");
    assert_string_equal(l[0], "từ 1,0 đến 2,5 %");
    g_strfreev(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legend_labels),
        cmocka_unit_test(test_single_class),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
