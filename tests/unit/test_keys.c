/*
 * test_keys.c - the key table of the imports (src/ingest/keys.c): a table
 * made room for keeps every key with the value it had, and then takes the
 * keys it was made room for without growing.
 */
#include "testutil.h"

#include "ingest/ingest_private.h"

static void test_reserve_keeps_keys(void **state)
{
    (void)state;
    key_set s = {0};
    uint64_t taken = 0;
    for (uint64_t k = 1; k <= 1000; k++) {
        g_autofree char *id = g_strdup_printf("H%d", (int)k);
        assert_int_equal(
            key_set_claim(&s, household_key(2023, "00004", id), k * 7, &taken),
            1);
    }
    assert_int_equal(s.cap, 2048);
    /* room for 100,000 keys at most 3/4 full: 2^18 slots */
    assert_int_equal(key_set_reserve(&s, 100000), 0);
    assert_int_equal(s.cap, 262144);
    assert_int_equal(s.n, 1000);
    for (uint64_t k = 1; k <= 1000; k++) {
        g_autofree char *id = g_strdup_printf("H%d", (int)k);
        uint64_t v = 0;
        assert_int_equal(key_set_find(&s, household_key(2023, "00004", id), &v),
                         1);
        assert_int_equal(v, k * 7);
        /* a key kept is still refused, with where it was first seen */
        assert_int_equal(
            key_set_claim(&s, household_key(2023, "00004", id), 1, &taken), 0);
        assert_int_equal(taken, k * 7);
    }
    for (uint64_t k = 1001; k <= 100000; k++) {
        g_autofree char *id = g_strdup_printf("H%d", (int)k);
        assert_int_equal(
            key_set_claim(&s, household_key(2023, "00004", id), k, &taken), 1);
    }
    assert_int_equal(s.cap, 262144); /* no doubling on the way */
    assert_int_equal(s.n, 100000);
    /* room already there: nothing moves */
    uint32_t *slots = s.narrow;
    assert_int_equal(key_set_reserve(&s, 50000), 0);
    assert_ptr_equal(s.narrow, slots);
    key_set_clear(&s);
}

/* An empty table made room for starts at that size. */
static void test_reserve_empty(void **state)
{
    (void)state;
    key_set s = {0};
    assert_int_equal(key_set_reserve(&s, 48), 0);
    assert_int_equal(s.cap, 64);
    assert_int_equal(key_set_reserve(&s, 49), 0);
    assert_int_equal(s.cap, 128);
    uint64_t taken = 0;
    assert_int_equal(key_set_claim(&s, 5, 9, &taken), 1);
    assert_int_equal(key_set_claim(&s, 5, 10, &taken), 0);
    assert_int_equal(taken, 9);
    key_set_clear(&s);
}

/* A value beyond 32 bits widens every slot: the keys and values kept
 * before are still found, and counts go on past 2^32. */
static void test_values_widen(void **state)
{
    (void)state;
    key_set s = {0};
    uint64_t taken = 0, v = 0;
    for (uint64_t k = 1; k <= 5000; k++)
        assert_int_equal(
            key_set_claim(&s, k * 0x9E3779B97F4A7C15ULL, k, &taken), 1);
    assert_non_null(s.narrow);
    assert_int_equal(key_set_claim(&s, 77, (uint64_t)1 << 40, &taken), 1);
    assert_null(s.narrow);
    assert_non_null(s.wide);
    for (uint64_t k = 1; k <= 5000; k++) {
        assert_int_equal(key_set_find(&s, k * 0x9E3779B97F4A7C15ULL, &v), 1);
        assert_int_equal(v, k);
    }
    assert_int_equal(key_set_find(&s, 77, &v), 1);
    assert_int_equal(v, (uint64_t)1 << 40);
    assert_int_equal(key_set_find(&s, 78, &v), 0);
    assert_int_equal(key_set_count(&s, 77), 0);
    assert_int_equal(key_set_find(&s, 77, &v), 1);
    assert_int_equal(v, ((uint64_t)1 << 40) + 1);
    /* counting a new key starts at 1 */
    assert_int_equal(key_set_count(&s, 79), 0);
    assert_int_equal(key_set_count(&s, 79), 0);
    assert_int_equal(key_set_find(&s, 79, &v), 1);
    assert_int_equal(v, 2);
    assert_int_equal(s.n, 5002);
    key_set_clear(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reserve_keeps_keys),
        cmocka_unit_test(test_reserve_empty),
        cmocka_unit_test(test_values_widen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
