/*
 * test_db.c - the statement interface (src/store/db.c) on its SQLite
 * backend (db_sqlite.c): the checks every backend passes (db_checks.h),
 * and how a database target is recognised and shown without its password.
 */
#include "db_checks.h"

static void test_sqlite(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "db.sqlite", NULL);
    g_autofree char *why = NULL;
    db_conn *c = db_open(path, DB_OPEN_CREATE, &why);
    assert_non_null(c);
    assert_null(why);
    assert_int_equal(db_backend_of(c), DB_SQLITE);
    check_round_trip(c);
    check_transactions(c);
    /* the INTEGER PRIMARY KEY an INSERT gave */
    exec_ok(c, "CREATE TABLE ids(id INTEGER PRIMARY KEY, x TEXT);"
               "INSERT INTO ids(x) VALUES ('a'), ('b')");
    assert_int_equal(db_last_insert_id(c), 2);
    /* no COPY: the store inserts instead */
    assert_false(db_has_copy(c));
    assert_int_equal(db_copy_put(c, "ids", "x", "c\n", 2), DB_ERROR);
    assert_int_equal(db_copy_end(c), DB_OK);
    db_close(c);
    testutil_rmtree(dir);
}

static void test_missing_file(void **state)
{
    (void)state;
    g_autofree char *why = NULL;
    assert_null(db_open("/nonexistent/dir/x.sqlite", 0, &why));
    assert_non_null(strstr(why, "unable to open"));
}

static void test_targets(void **state)
{
    (void)state;
    assert_true(db_target_is_postgresql("postgresql://u@h/db"));
    assert_true(db_target_is_postgresql("postgres://h/db"));
    assert_true(db_target_is_postgresql("PG:dbname=atlas"));
    assert_false(db_target_is_postgresql("atlas.sqlite"));
    assert_false(db_target_is_postgresql("pg.sqlite"));
    assert_false(db_target_is_postgresql(NULL));
    static const char *const CASES[][2] = {
        {"atlas.sqlite", "atlas.sqlite"},
        {"postgresql://u@h/db", "postgresql://u@h/db"},
        {"postgresql://u:s3cret@h:5433/db", "postgresql://u:***@h:5433/db"},
        {"postgresql://u:p@ss@h/db", "postgresql://u:***@h/db"},
        {"postgresql://h/db?user=u&password=s3cret&sslmode=require",
         "postgresql://h/db?user=u&password=***&sslmode=require"},
        {"PG:dbname=atlas password=s3cret host=/tmp",
         "PG:dbname=atlas password=*** host=/tmp"},
        {"PG:password = 's3 \\'cret' dbname=a", "PG:password = *** dbname=a"},
        {"PG:dbname=password", "PG:dbname=password"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(CASES); i++) {
        g_autofree char *m = db_target_masked(CASES[i][0]);
        assert_string_equal(m, CASES[i][1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqlite),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
