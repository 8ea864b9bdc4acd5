/*
 * test_text.c - src/core/text.c: NFC normalisation, folded keys, and the
 * one way a message quotes text (povatlas_text_quote: capped, without
 * control characters).
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/core.h"

static void test_quote_short_text_as_is(void **state)
{
    (void)state;
    g_autofree char *q = povatlas_text_quote("Hộ khá");
    assert_string_equal(q, "'Hộ khá'");
    g_autofree char *empty = povatlas_text_quote("");
    assert_string_equal(empty, "''");
}

/* 40 characters (not bytes) are kept, then "…". */
static void test_quote_cut_after_40_characters(void **state)
{
    (void)state;
    const char *forty = "Phường Đô Vinh, Thành phố Phan Rang Tháp";
    assert_int_equal(g_utf8_strlen(forty, -1), POVATLAS_QUOTE_MAX_CHARS);
    g_autofree char *exact = povatlas_text_quote(forty);
    g_autofree char *want = g_strdup_printf("'%s'", forty);
    assert_string_equal(exact, want);
    g_autofree char *longer = g_strconcat(forty, " Chàm, Ninh Thuận", NULL);
    g_autofree char *cut = povatlas_text_quote(longer);
    g_autofree char *want_cut = g_strdup_printf("'%s…'", forty);
    assert_string_equal(cut, want_cut);
    /* a 1,000,000-character cell gives a 40-character quote */
    char *huge = g_strnfill(1000000, 'x');
    g_autofree char *q = povatlas_text_quote(huge);
    g_free(huge);
    assert_int_equal(strlen(q), 40 + strlen("''…"));
}

/* A terminal escape sequence, other C0, DEL and C1 characters become
 * spaces: the sequence cannot clear a screen or recolour it. */
static void test_quote_without_control_characters(void **state)
{
    (void)state;
    g_autofree char *q =
        povatlas_text_quote("\x1b[2J\x1b[31mĐỏ\x1b[0m\tA\x7f\xc2\x9b"
                            "1m");
    assert_string_equal(q, "' [2J [31mĐỏ [0m A  1m'");
    assert_null(strchr(q, 0x1b));
}

static void test_quote_not_utf8(void **state)
{
    (void)state;
    g_autofree char *bad = povatlas_text_quote("Ph\xfd\xf4ng");
    assert_string_equal(bad, "(not UTF-8)");
    g_autofree char *none = povatlas_text_quote(NULL);
    assert_string_equal(none, "(not UTF-8)");
}

static void test_fold_and_normalize(void **state)
{
    (void)state;
    g_autofree char *f = povatlas_text_fold("Phường  Đô-Vinh");
    assert_string_equal(f, "phuong do vinh");
    g_autofree char *n = povatlas_text_normalize("  Ho\xcc\x82\xcc\x80 ");
    assert_string_equal(n, "Hồ");
    assert_null(povatlas_text_fold("\xff"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_short_text_as_is),
        cmocka_unit_test(test_quote_cut_after_40_characters),
        cmocka_unit_test(test_quote_without_control_characters),
        cmocka_unit_test(test_quote_not_utf8),
        cmocka_unit_test(test_fold_and_normalize),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
