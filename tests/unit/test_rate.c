/*
 * test_rate.c - rates with the official rounding (docs/domain-rules.md §7.3)
 * and Vietnamese number text (src/core/rate.c, src/core/numtext.c).
 */
#include "testutil.h"

#include "povatlas/core.h"

static int64_t rate(int64_t p, int64_t n)
{
    int64_t h = -1;
    assert_true(povatlas_rate_hundredths(p, n, &h));
    return h;
}

static void test_domain_cases(void **state)
{
    (void)state;
    assert_int_equal(rate(37, 2915), 127);   /* A01 1.2693 % */
    assert_int_equal(rate(1, 800), 13);      /* A02 exact 0.125 half up */
    assert_int_equal(rate(201, 20000), 101); /* A03 exact 1.005 */
    assert_int_equal(rate(10 + 30, 1000 + 1500), 160); /* A04 summed */
    assert_int_equal(rate(616, 47400), 130);           /* A05 */
    assert_int_equal(rate(545, 47400), 115);           /* A05, A06 */
    assert_int_equal(rate(1474, 47400), 311);
    assert_int_equal(rate(1379, 47400), 291);
    assert_int_equal(rate(545 + 1379, 47400), 406);
}

static void test_undefined(void **state)
{
    (void)state;
    int64_t h = 7;
    assert_false(povatlas_rate_hundredths(3, 0, &h));
    assert_false(povatlas_rate_hundredths(-1, 10, &h));
    assert_int_equal(h, 7); /* untouched */
    assert_true(povatlas_rate_hundredths(0, 10, &h));
    assert_int_equal(h, 0);
}

static void test_change(void **state)
{
    (void)state;
    int64_t d = 0;
    /* A05: 616 -> 545 of 47,400: -0.15 points (-0.1498 exact) */
    assert_true(povatlas_change_hundredths(616, 47400, 545, 47400, &d));
    assert_int_equal(d, -15);
    assert_true(povatlas_change_hundredths(1474, 47400, 1379, 47400, &d));
    assert_int_equal(d, -20);
    /* exact half rounds away from zero: 1/800 - 0 = 0.125 -> 0.13 */
    assert_true(povatlas_change_hundredths(1, 800, 0, 800, &d));
    assert_int_equal(d, -13);
}

static void check_text(char *got, const char *want)
{
    assert_string_equal(got, want);
    g_free(got);
}

static void test_format(void **state)
{
    (void)state;
    check_text(povatlas_format_hundredths(115, "vi"), "1,15");
    check_text(povatlas_format_hundredths(115, "en"), "1.15");
    check_text(povatlas_format_hundredths(-15, "vi"), "\xe2\x88\x92"
                                                      "0,15");
    check_text(povatlas_format_hundredths(123456, "vi"), "1.234,56");
    check_text(povatlas_format_count(47400, "vi"), "47.400");
    check_text(povatlas_format_count(47400, "en"), "47,400");
    check_text(povatlas_format_count(-71, "vi"), "\xe2\x88\x92"
                                                 "71");
    check_text(povatlas_format_number(1.005, 2, "vi"), "1,01");
    check_text(povatlas_format_number(0.125, 2, "vi"), "0,13");
    check_text(povatlas_format_number(1.15, 2, "vi"), "1,15");
    check_text(povatlas_format_number(2000000, 0, "vi"), "2.000.000");
    check_text(povatlas_format_number(9.995, 2, "en"), "10.00");
    check_text(povatlas_format_number(-0.001, 2, "vi"), "0,00");
}

static void test_parse(void **state)
{
    (void)state;
    double v = 0;
    assert_true(povatlas_parse_number_vi("1.500.000", &v));
    assert_true(v == 1500000);
    assert_true(povatlas_parse_number_vi("1,29", &v));
    assert_true(v == 1.29);
    assert_true(povatlas_parse_number_vi(" 2 000 000 ", &v));
    assert_true(v == 2000000);
    assert_true(povatlas_parse_number_vi("1.500", &v));
    assert_true(v == 1500);
    assert_true(povatlas_parse_number_vi("1.500.000,5", &v));
    assert_true(v == 1500000.5);
    assert_true(povatlas_parse_number_vi("-3", &v));
    assert_true(v == -3);
    assert_false(povatlas_parse_number_vi("abc", &v));
    assert_false(povatlas_parse_number_vi("", &v));
    assert_false(povatlas_parse_number_vi("1,2,", &v));
    assert_false(povatlas_parse_number_vi("12a", &v));
}

static void test_text(void **state)
{
    (void)state;
    char *f = povatlas_text_fold("Phường Đô Vinh");
    assert_string_equal(f, "phuong do vinh");
    g_free(f);
    f = povatlas_text_fold("PHAN RANG - THÁP CHÀM");
    assert_string_equal(f, "phan rang thap cham");
    g_free(f);
    /* decomposed input normalises to NFC */
    f = povatlas_text_normalize(" Ho\xcc\x82\xcc\x80 ");
    assert_string_equal(f, "H\xe1\xbb\x93");
    g_free(f);
    assert_null(povatlas_text_normalize("\xff\xfe"));
    assert_null(povatlas_text_fold("Th\xe0nh"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_cases), cmocka_unit_test(test_undefined),
        cmocka_unit_test(test_change),       cmocka_unit_test(test_format),
        cmocka_unit_test(test_parse),        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests_name("rate", tests, NULL, NULL);
}
