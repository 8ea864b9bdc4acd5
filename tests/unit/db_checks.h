/*
 * db_checks.h - checks of the statement interface (src/store/db.h) that
 * every backend must pass with the same values: test_db.c runs them on
 * SQLite, test_db_pg.c on PostgreSQL. Each takes an open connection with
 * no table named db_check.
 */
#ifndef POVATLAS_TEST_DB_CHECKS_H
#define POVATLAS_TEST_DB_CHECKS_H

#include <math.h>
#include <string.h>

#include "testutil.h"

#include "store/db.h"

static void exec_ok(db_conn *c, const char *sql)
{
    if (db_exec(c, sql) != DB_OK)
        fail_msg("%s: %s", sql, db_errmsg(c));
}

/* Values of every type go in and come out unchanged, NULL stays NULL. */
static void check_round_trip(db_conn *c)
{
    exec_ok(c, "CREATE TABLE db_check(i INTEGER, big BIGINT, r DOUBLE "
               "PRECISION, t TEXT, b BYTEA)");
    db_stmt *ins = db_prepare(c, "INSERT INTO db_check VALUES (?,?,?,?,?)");
    assert_non_null(ins);
    assert_int_equal(db_bind_parameter_count(ins), 5);
    assert_false(db_stmt_readonly(ins));
    static const unsigned char BLOB[] = {0, 1, 0xff, 0x5c, 'x', 0};
    db_bind_int(ins, 1, -42);
    db_bind_int64(ins, 2, INT64_C(9007199254740993));
    db_bind_double(ins, 3, 0.1 + 0.2);
    db_bind_text(ins, 4, "Phước Mỹ 'x'");
    db_bind_blob_static(ins, 5, BLOB, sizeof BLOB);
    assert_int_equal(db_step(ins), DB_DONE);
    assert_int_equal(db_changes(c), 1);
    db_reset(ins);
    db_clear_bindings(ins); /* every parameter NULL */
    assert_int_equal(db_step(ins), DB_DONE);
    db_finalize(ins);

    db_stmt *sel =
        db_prepare(c, "SELECT i, big, r, t, b FROM db_check"
                      " WHERE ?1 IS NULL OR i = ?1 ORDER BY i IS NULL, i");
    assert_non_null(sel);
    assert_true(db_stmt_readonly(sel));
    assert_int_equal(db_bind_parameter_count(sel), 1);
    /* ?1 used twice; its type comes from the first value bound (the
     * server cannot infer it from "?1 IS NULL") */
    db_bind_int(sel, 1, -42);
    assert_int_equal(db_step(sel), DB_ROW);
    assert_int_equal(db_column_int(sel, 0), -42);
    assert_int_equal(db_step(sel), DB_DONE);
    /* run again with NULL: every row */
    db_reset(sel);
    db_bind_null(sel, 1);
    assert_int_equal(db_step(sel), DB_ROW);
    assert_int_equal(db_column_count(sel), 5);
    assert_int_equal(db_column_int(sel, 0), -42);
    assert_true(db_column_int64(sel, 1) == INT64_C(9007199254740993));
    assert_true(db_column_double(sel, 2) == 0.1 + 0.2);
    assert_string_equal(db_column_text(sel, 3), "Phước Mỹ 'x'");
    assert_int_equal(db_column_bytes(sel, 4), (int)sizeof BLOB);
    assert_memory_equal(db_column_blob(sel, 4), BLOB, sizeof BLOB);
    assert_false(db_column_is_null(sel, 0));
    assert_int_equal(db_step(sel), DB_ROW);
    for (int i = 0; i < 5; i++)
        assert_true(db_column_is_null(sel, i));
    assert_null(db_column_text(sel, 3));
    assert_int_equal(db_step(sel), DB_DONE);
    db_finalize(sel);
    exec_ok(c, "DROP TABLE db_check");
}

/* A rolled back transaction leaves nothing; a committed one stays; a
 * failing statement says why. */
static void check_transactions(db_conn *c)
{
    exec_ok(c, "CREATE TABLE db_check(k TEXT PRIMARY KEY, v INTEGER)");
    assert_false(db_in_transaction(c));
    assert_int_equal(db_begin(c), DB_OK);
    assert_true(db_in_transaction(c));
    exec_ok(c, "INSERT INTO db_check VALUES ('a', 1)");
    db_rollback(c);
    assert_false(db_in_transaction(c));
    assert_int_equal(db_begin(c), DB_OK);
    exec_ok(c, "INSERT INTO db_check VALUES ('b', 2); "
               "INSERT INTO db_check VALUES ('c', 3)");
    assert_int_equal(db_commit(c), DB_OK);
    db_rollback(c); /* outside a transaction: nothing */

    db_stmt *dup = db_prepare(c, "INSERT INTO db_check VALUES (?, ?)");
    assert_non_null(dup);
    db_bind_text(dup, 1, "b");
    db_bind_int(dup, 2, 9);
    assert_int_not_equal(db_step(dup), DB_DONE);
    assert_non_null(strstr(db_errmsg(c), "db_check"));
    db_finalize(dup);

    db_stmt *sum = db_prepare(c, "SELECT count(*), sum(v) FROM db_check");
    assert_non_null(sum);
    assert_int_equal(db_step(sum), DB_ROW);
    assert_int_equal(db_column_int(sum, 0), 2);
    assert_int_equal(db_column_int(sum, 1), 5);
    db_finalize(sum);
    exec_ok(c, "DROP TABLE db_check");
    assert_null(db_prepare(c, "SELECT 1 FROM no_such_table"));
    assert_non_null(strstr(db_errmsg(c), "no_such_table"));
}

#endif
