/*
 * test_table.c - the report table (src/core/table.c): typed columns, cells
 * that stay missing (never 0), a title and notes, read back as they were
 * set.
 */
#include "testutil.h"

#include <math.h>

#include "povatlas/table.h"

static void test_build_and_read(void **state)
{
    (void)state;
    povatlas_table *t = povatlas_table_new("Hộ nghèo 2023");
    assert_string_equal(povatlas_table_title(t), "Hộ nghèo 2023");
    assert_int_equal(
        povatlas_table_add_column(t, "Phường", POVATLAS_COLUMN_TEXT, 0), 0);
    assert_int_equal(povatlas_table_add_column(t, "Hộ", POVATLAS_COLUMN_INT, 0),
                     1);
    assert_int_equal(
        povatlas_table_add_column(t, "Tỷ lệ", POVATLAS_COLUMN_PERCENT, 2), 2);
    assert_int_equal(
        povatlas_table_add_column(t, "Mật độ", POVATLAS_COLUMN_REAL, 1), 3);
    povatlas_table_add_note(t, "DỮ LIỆU GIẢ LẬP");
    povatlas_table_add_note(t, "second note");
    assert_int_equal(povatlas_table_n_columns(t), 4);
    assert_int_equal(povatlas_table_n_notes(t), 2);
    assert_string_equal(povatlas_table_note(t, 0), "DỮ LIỆU GIẢ LẬP");
    assert_string_equal(povatlas_table_note(t, 1), "second note");
    assert_null(povatlas_table_note(t, 2));
    assert_string_equal(povatlas_table_column_head(t, 1), "Hộ");
    assert_null(povatlas_table_column_head(t, 4));
    assert_int_equal(povatlas_table_column_type(t, 0), POVATLAS_COLUMN_TEXT);
    assert_int_equal(povatlas_table_column_type(t, 1), POVATLAS_COLUMN_INT);
    assert_int_equal(povatlas_table_column_type(t, 2), POVATLAS_COLUMN_PERCENT);
    assert_int_equal(povatlas_table_column_type(t, 3), POVATLAS_COLUMN_REAL);
    assert_int_equal(povatlas_table_column_decimals(t, 2), 2);
    assert_int_equal(povatlas_table_column_decimals(t, 3), 1);
    assert_int_equal(povatlas_table_column_decimals(t, 9), 0);

    assert_int_equal(povatlas_table_n_rows(t), 0);
    assert_int_equal(povatlas_table_add_row(t), 0);
    assert_int_equal(povatlas_table_add_row(t), 1);
    assert_int_equal(povatlas_table_n_rows(t), 2);
    /* a new row is missing everywhere: no 0 stands in for a value */
    for (size_t c = 0; c < 4; c++)
        assert_true(povatlas_table_is_missing(t, 1, c));
    assert_null(povatlas_table_text(t, 1, 0));
    assert_int_equal(povatlas_table_int(t, 1, 1), 0);
    assert_true(isnan(povatlas_table_real(t, 1, 2)));

    povatlas_table_set_text(t, 0, 0, "Bến Nghé");
    povatlas_table_set_int(t, 0, 1, 47400);
    povatlas_table_set_real(t, 0, 2, 1.17);
    povatlas_table_set_real(t, 0, 3, 2.6);
    assert_false(povatlas_table_is_missing(t, 0, 0));
    assert_string_equal(povatlas_table_text(t, 0, 0), "Bến Nghé");
    assert_int_equal(povatlas_table_int(t, 0, 1), 47400);
    /* an integer reads as a real too, a real as its nearest integer */
    assert_true(povatlas_table_real(t, 0, 1) == 47400.0);
    assert_true(povatlas_table_real(t, 0, 2) == 1.17);
    assert_int_equal(povatlas_table_int(t, 0, 3), 3);

    /* NAN and NULL stay missing, and undo an earlier value */
    povatlas_table_set_real(t, 1, 2, NAN);
    povatlas_table_set_real(t, 1, 3, INFINITY);
    assert_true(povatlas_table_is_missing(t, 1, 2));
    assert_true(povatlas_table_is_missing(t, 1, 3));
    povatlas_table_set_text(t, 1, 0, "An Khánh");
    povatlas_table_set_text(t, 1, 0, NULL);
    assert_true(povatlas_table_is_missing(t, 1, 0));
    assert_null(povatlas_table_text(t, 1, 0));
    povatlas_table_free(t);
    povatlas_table_free(NULL);
}

static void test_untitled(void **state)
{
    (void)state;
    povatlas_table *t = povatlas_table_new(NULL);
    assert_null(povatlas_table_title(t));
    assert_int_equal(povatlas_table_n_columns(t), 0);
    assert_int_equal(povatlas_table_n_rows(t), 0);
    assert_int_equal(povatlas_table_n_notes(t), 0);
    povatlas_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_and_read),
        cmocka_unit_test(test_untitled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
