/*
 * test_paper.c - page sizes by paper name (src/render/paper.c) and the
 * defaults of povatlas_map_opts_init().
 */
#include <string.h>

#include "testutil.h"

#include "povatlas/render.h"

static void test_paper_sizes(void **state)
{
    (void)state;
    povatlas_map_opts o;
    povatlas_map_opts_init(&o);
    assert_int_equal(o.width_px, 1600);
    assert_int_equal(o.height_px, 1200);
    assert_true(o.dpi == 150.0);
    assert_string_equal(o.lang, "vi");
    assert_int_equal(o.value_decimals, 2);
    assert_int_equal(povatlas_map_opts_set_paper(&o, "a4", 1, 300, NULL),
                     POVATLAS_OK);
    assert_int_equal(o.width_px, 3508);
    assert_int_equal(o.height_px, 2480);
    assert_int_equal(povatlas_map_opts_set_paper(&o, "A3", 0, 150, NULL),
                     POVATLAS_OK);
    assert_int_equal(o.width_px, 1754);
    assert_int_equal(o.height_px, 2480);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_map_opts_set_paper(&o, "Letter", 0, 150, &err),
                     POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "'Letter'"));
    povatlas_error_free(err);
    assert_int_equal(o.width_px, 1754); /* unchanged on error */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
