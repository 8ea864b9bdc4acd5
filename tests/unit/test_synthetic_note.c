/*
 * test_synthetic_note.c - the synthetic-data note (src/core/synthetic_note.c)
 * in both languages, and that the reports of a synthetic workspace carry
 * exactly that text.
 */
#include <string.h>

#include "testutil.h"

#include "povatlas/core.h"

static void test_wording(void **state)
{
    (void)state;
    assert_string_equal(povatlas_synthetic_note("vi"),
                        "DỮ LIỆU GIẢ LẬP — không phải số liệu thật");
    assert_string_equal(povatlas_synthetic_note(NULL),
                        "DỮ LIỆU GIẢ LẬP — không phải số liệu thật");
    assert_string_equal(povatlas_synthetic_note("en"),
                        "SYNTHETIC DATA — not real households");
    /* no final stop: callers add their own punctuation */
    const char *en = povatlas_synthetic_note("en");
    assert_int_not_equal(en[strlen(en) - 1], '.');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
