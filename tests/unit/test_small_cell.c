/*
 * test_small_cell.c - the one small-cell rule of maps, atlas and
 * briefings (src/core/small_cell.c): a ward with fewer households than
 * the threshold is hidden; the threshold itself is shown.
 */
#include "testutil.h"

#include <math.h>

#include "povatlas/core.h"

static void test_rule(void **state)
{
    (void)state;
    assert_int_equal(POVATLAS_MIN_HOUSEHOLDS, 30);
    assert_true(povatlas_small_cell(29, POVATLAS_MIN_HOUSEHOLDS));
    assert_true(povatlas_small_cell(0, POVATLAS_MIN_HOUSEHOLDS));
    assert_true(povatlas_small_cell(29.5, 30));
    assert_false(povatlas_small_cell(30, POVATLAS_MIN_HOUSEHOLDS));
    assert_false(povatlas_small_cell(4200, POVATLAS_MIN_HOUSEHOLDS));
    /* unknown households: nothing to protect, the figures are undefined */
    assert_false(povatlas_small_cell(NAN, POVATLAS_MIN_HOUSEHOLDS));
    /* a threshold of 0 or less shows every ward */
    assert_false(povatlas_small_cell(1, 0));
    assert_false(povatlas_small_cell(0, -5));
    assert_true(povatlas_small_cell(1, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
