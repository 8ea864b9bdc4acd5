/*
 * test_workspace.c - opening, creating and refusing workspaces
 * (src/store/workspace.c, schema.c).
 */
#include "testutil.h"

#include <math.h>

#include <sqlite3.h>

#include "povatlas/analysis.h"
#include "povatlas/derived.h"
#include "povatlas/export.h"
#include "povatlas/maps.h"
#include "povatlas/pipeline.h"
#include "povatlas/workspace.h"
#include "store/db.h"

/* The calls below must not fail: the test fails when they do. */
static int schema_of(povatlas_workspace *ws)
{
    int v = -1;
    assert_int_equal(povatlas_workspace_schema_version(ws, &v, NULL),
                     POVATLAS_OK);
    return v;
}

static char *meta_of(povatlas_workspace *ws, const char *key)
{
    char *v = NULL;
    assert_int_equal(povatlas_workspace_get_meta(ws, key, &v, NULL),
                     POVATLAS_OK);
    return v;
}

static char *place_of(povatlas_workspace *ws, const char *lang)
{
    char *v = NULL;
    assert_int_equal(povatlas_workspace_get_place(ws, lang, &v, NULL),
                     POVATLAS_OK);
    return v;
}

static int listed(povatlas_workspace *ws, int year, const char *unit)
{
    int has = -1;
    assert_int_equal(povatlas_workspace_has_list(ws, year, unit, &has, NULL),
                     POVATLAS_OK);
    return has;
}

static void test_create_and_reopen(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, &err);
    assert_non_null(ws);
    assert_int_equal(schema_of(ws), POVATLAS_SCHEMA_VERSION);
    assert_int_equal(povatlas_workspace_set_meta(ws, "k", "v", NULL),
                     POVATLAS_OK);
    povatlas_workspace_close(ws);
    ws = povatlas_workspace_open(db, 0, &err);
    assert_non_null(ws);
    g_autofree char *v = meta_of(ws, "k");
    assert_string_equal(v, "v");
    povatlas_workspace_close(ws);
    /* create refuses to replace unless asked */
    assert_null(povatlas_workspace_create(db, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    assert_string_equal(err->message, "already exists (it is replaced "
                                      "only when asked to)");
    assert_string_equal(err->option, "force");
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

static void test_refusals(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    povatlas_error *err = NULL;
    g_autofree char *missing = g_build_filename(dir, "none.sqlite", NULL);
    assert_null(povatlas_workspace_open(missing, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_IO);
    povatlas_error_free(err);
    err = NULL;
    /* a text file is not a workspace */
    g_autofree char *text =
        testutil_write_file(dir, "t.sqlite", "not a database at all", -1);
    assert_null(povatlas_workspace_open(text, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    povatlas_error_free(err);
    err = NULL;
    /* an SQLite file of another application */
    g_autofree char *other = g_build_filename(dir, "o.sqlite", NULL);
    sqlite3 *db;
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE x(a); CREATE TABLE meta(key, value)", 0, 0,
                 0);
    sqlite3_close(db);
    assert_null(povatlas_workspace_open(other, 0, &err));
    assert_string_equal(err->message,
                        "not a povatlas workspace (no schema version)");
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

/* A workspace another program holds locked is a database failure
 * (POVATLAS_E_DB, "database is locked"), not a bad input: opening used to
 * turn every database error into POVATLAS_E_INPUT, as if the file were
 * not a workspace. (Waits out the 5 s busy timeout.) */
static void test_locked_is_a_database_error(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(path, 0, &err);
    assert_non_null(ws);
    povatlas_workspace_close(ws);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA journal_mode = DELETE;"
                                  "BEGIN EXCLUSIVE;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_null(povatlas_workspace_open(path, 0, &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_DB);
    assert_non_null(strstr(err->message, "locked"));
    povatlas_error_free(err);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    testutil_rmtree(dir);
}

static void test_newer_schema(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_workspace_close(povatlas_workspace_create(path, 0, NULL));
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db,
                 "UPDATE meta SET value = '99' WHERE key = 'schema_version'", 0,
                 0, 0);
    sqlite3_close(db);
    povatlas_error *err = NULL;
    assert_null(povatlas_workspace_open(path, 0, &err));
    assert_string_equal(err->message, "workspace schema 99 is newer than this "
                                      "povatlas (6): upgrade povatlas");
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

/* init --place: stored trimmed and in NFC, English falls back to it, a
 * bad name changes nothing. */
static void test_place(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_create(path, 0, NULL);
    assert_non_null(ws);
    g_autofree char *none = place_of(ws, "vi");
    assert_null(none);
    /* "Thành" with a combining grave accent (NFD), spaces around */
    assert_int_equal(
        povatlas_workspace_set_place(
            ws, "  Tha\xcc\x80nh phố Phan Rang–Tháp Chàm ", NULL, NULL),
        POVATLAS_OK);
    g_autofree char *vi = place_of(ws, "vi");
    assert_string_equal(vi, "Thành phố Phan Rang–Tháp Chàm");
    g_autofree char *en_fallback = place_of(ws, "en");
    assert_string_equal(en_fallback, "Thành phố Phan Rang–Tháp Chàm");
    assert_int_equal(povatlas_workspace_set_place(
                         ws, NULL, "Phan Rang–Tháp Chàm city", NULL),
                     POVATLAS_OK);
    g_autofree char *en = place_of(ws, "en");
    assert_string_equal(en, "Phan Rang–Tháp Chàm city");
    g_autofree char *vi_kept = place_of(ws, NULL);
    assert_string_equal(vi_kept, "Thành phố Phan Rang–Tháp Chàm");

    const char *bad[] = {"   ", "Phan\nRang", "Phan \xff Rang"};
    const char *why[] = {"place is empty", "place contains a control character",
                         "place is not UTF-8 text"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        povatlas_error *err = NULL;
        assert_int_equal(povatlas_workspace_set_place(ws, bad[i], "ok", &err),
                         POVATLAS_E_USAGE);
        assert_string_equal(err->message, why[i]);
        povatlas_error_free(err);
    }
    g_autofree char *en_kept = place_of(ws, "en");
    assert_string_equal(en_kept, "Phan Rang–Tháp Chàm city");
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* A schema-1 file (no review_lists; households of 2023 only, ward totals
 * of 2022 and 2023) is migrated on open: the 2023 list is recorded, 2022
 * has none, and the year's counts say so. */
static void test_migrate_review_lists(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_workspace_close(povatlas_workspace_create(path, 0, NULL));
    sqlite3 *db;
    sqlite3_open(path, &db);
    assert_int_equal(
        sqlite3_exec(
            db,
            "DROP TABLE review_lists; DROP TABLE unit_changes;"
            " DROP TABLE zone_rates; DROP TABLE household_counts;"
            " DROP TABLE unit_areas;"
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
            "INSERT INTO ward_stats VALUES ('22738', 2022, 4079, NULL, 's'),"
            " ('22738', 2023, 4104, NULL, 's'), ('22741', 2023, 5590, NULL,"
            " 's');"
            "INSERT INTO households(year, unit_code, household_id,"
            " recorded_status, computed_status, standards_rev, import_id)"
            " VALUES (2023, '22738', 'H1', 1, 1, 0, 7),"
            " (2023, '22738', 'H2', 2, 2, 0, 7)",
            0, 0, 0),
        SQLITE_OK);
    sqlite3_close(db);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_open(path, 0, &err);
    assert_non_null(ws);
    /* 1 -> 2 -> 3 -> 4: the derived tables come empty (analyze fills
     * them), the counts are counted from the stored rows */
    assert_int_equal(schema_of(ws), POVATLAS_SCHEMA_VERSION);
    povatlas_zone_rates zr[4];
    int stored = 1;
    assert_int_equal(povatlas_workspace_zone_rates(ws, 2023, zr, &stored, NULL),
                     POVATLAS_OK);
    assert_false(stored);
    assert_true(listed(ws, 2023, NULL));
    assert_true(listed(ws, 2023, "22741"));
    assert_false(listed(ws, 2022, NULL));
    povatlas_counts_list *c = povatlas_workspace_counts(ws, 2023, NULL);
    assert_int_equal(c->n, 2);
    /* 22741 is covered by the 2023 list and has no listed household: 0 */
    assert_string_equal(c->rows[1].code, "22741");
    assert_int_equal(c->rows[1].has_list, 1);
    assert_int_equal(c->rows[1].poor, 0);
    assert_int_equal(c->rows[0].poor, 1);
    assert_int_equal(c->rows[0].near_poor, 1);
    /* step 2 -> 3 counted the stored rows */
    assert_int_equal(c->rows[0].listed, 2);
    assert_int_equal(c->rows[0].computed_poor, 1);
    povatlas_counts_list_free(c);
    c = povatlas_workspace_counts(ws, 2022, NULL);
    assert_int_equal(c->n, 1);
    assert_int_equal(c->rows[0].has_list, 0);
    assert_int_equal(c->rows[0].households, 4079);
    assert_int_equal(c->rows[0].poor, -1); /* unknown, never 0 */
    assert_int_equal(c->rows[0].near_poor, -1);
    povatlas_counts_list_free(c);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_error_format(void **state)
{
    (void)state;
    povatlas_error *e =
        povatlas_error_new(POVATLAS_E_INPUT, "list.csv", 17, "Số nhân khẩu",
                           "household has %s", "no members");
    char *s = povatlas_error_format(e);
    assert_string_equal(s, "list.csv:17: column Số nhân khẩu: household has "
                           "no members");
    g_free(s);
    povatlas_error_prefix(e, "importing");
    assert_string_equal(e->message, "importing: household has no members");
    povatlas_error_free(e);
    povatlas_error *first = NULL;
    povatlas_error_set(&first, POVATLAS_E_IO, "first");
    povatlas_error_set(&first, POVATLAS_E_DB, "second"); /* first wins */
    s = povatlas_error_format(first);
    assert_string_equal(s, "first");
    g_free(s);
    povatlas_error_free(first);
}

/* The synthetic flag is read with an error channel: a failed read fails
 * the map, the zone chart, the atlas and the export instead of drawing
 * them without "DỮ LIỆU GIẢ LẬP" (get_meta's NULL read as "not
 * synthetic" before). */
static void test_synthetic_flag_read_fails_loudly(void **state)
{
    (void)state;
    char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    int syn = 0;
    assert_int_equal(povatlas_workspace_is_synthetic(ws, &syn, NULL), 0);
    assert_int_equal(syn, 1);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, NULL), POVATLAS_OK);
    /* another connection (to the file or the PostgreSQL schema) damages
     * the workspace under the open one */
    g_autofree char *db = testutil_workspace_target(dir);
    g_autofree char *why = NULL;
    db_conn *other = db_open(db, 0, &why);
    assert_null(why);
    assert_int_equal(db_exec(other, "ALTER TABLE meta RENAME TO meta_x"),
                     DB_OK);
    db_close(other);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_workspace_is_synthetic(ws, &syn, &err),
                     POVATLAS_E_DB);
    assert_int_equal(syn, 0);
    assert_non_null(strstr(err->message, "meta"));
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *png = g_build_filename(dir, "m.png", NULL);
    assert_int_not_equal(povatlas_map_indicator(ws, NULL, png, NULL, &err),
                         POVATLAS_OK);
    povatlas_error_free(err);
    err = NULL;
    povatlas_indicator_map_opts mo;
    povatlas_indicator_map_opts_init(&mo);
    mo.type = POVATLAS_MAP_ZONE_GAP;
    assert_int_not_equal(povatlas_map_indicator(ws, &mo, png, NULL, &err),
                         POVATLAS_OK);
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *pdf = g_build_filename(dir, "a.pdf", NULL);
    assert_int_not_equal(povatlas_atlas_write(ws, NULL, pdf, &err),
                         POVATLAS_OK);
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *gpkg = g_build_filename(dir, "w.gpkg", NULL);
    assert_int_not_equal(povatlas_export_wards(ws, gpkg, NULL, &err),
                         POVATLAS_OK);
    povatlas_error_free(err);
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
    assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
    assert_false(g_file_test(gpkg, G_FILE_TEST_EXISTS));
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
    g_free(dir);
}

static void no_household(const povatlas_household *h, void *data)
{
    (void)h;
    (void)data;
}

static void no_key(const char *unit, const char *id, void *data)
{
    (void)unit;
    (void)id;
    (void)data;
}

static void no_indicator(const char *unit, int year, const char *name,
                         double value, int defined, void *data)
{
    (void)unit;
    (void)year;
    (void)name;
    (void)value;
    (void)defined;
    (void)data;
}

/* Asserts that @st is POVATLAS_E_DB with SQLite's reason (the table the
 * query could not find) in the message, and frees the error. */
static void assert_db_error(povatlas_status st, povatlas_error **err,
                            const char *table)
{
    assert_int_equal(st, POVATLAS_E_DB);
    assert_non_null(*err);
    assert_int_equal((*err)->code, POVATLAS_E_DB);
    if (!strstr((*err)->message, table))
        fail_msg("'%s' does not name '%s'", (*err)->message, table);
    povatlas_error_free(*err);
    *err = NULL;
}

/* Every store query has an error channel: a failed read is an error with
 * SQLite's reason, never an answer ("unset", "no list", 0 households). */
static void test_queries_fail_loudly(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    /* answers first: the queries work on a sound workspace */
    int has = -1, empty = -1, found = -1;
    int64_t n = -1, rev = -1;
    assert_int_equal(povatlas_workspace_households_empty(ws, &empty, NULL),
                     POVATLAS_OK);
    assert_int_equal(empty, 1);
    assert_int_equal(povatlas_workspace_standards_revision(ws, &rev, NULL),
                     POVATLAS_OK);
    assert_true(rev >= 0);
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(db, &other), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(other,
                     "ALTER TABLE meta RENAME TO meta_x;"
                     "ALTER TABLE review_lists RENAME TO review_lists_x;"
                     "ALTER TABLE indicators RENAME TO indicators_x;"
                     "ALTER TABLE households RENAME TO households_x;"
                     "ALTER TABLE b1_cutoffs RENAME TO b1_cutoffs_x;"
                     "ALTER TABLE unit_crosswalk RENAME TO unit_crosswalk_x;"
                     "CREATE TABLE household_exits(year INTEGER);",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(other);
    povatlas_error *err = NULL;
    int version = -1;
    assert_db_error(povatlas_workspace_schema_version(ws, &version, &err), &err,
                    "meta");
    assert_int_equal(version, 0);
    char *text = NULL, *text2 = NULL;
    assert_db_error(povatlas_workspace_get_meta(ws, "k", &text, &err), &err,
                    "meta");
    assert_null(text);
    assert_db_error(povatlas_workspace_get_place(ws, "en", &text, &err), &err,
                    "meta");
    assert_null(text);
    assert_db_error(povatlas_workspace_standards_revision(ws, &rev, &err), &err,
                    "meta");
    assert_db_error(povatlas_workspace_has_list(ws, 2023, NULL, &has, &err),
                    &err, "review_lists");
    assert_int_equal(has, 0);
    double v = 0;
    assert_db_error(povatlas_workspace_get_indicator(
                        ws, "22738", 2023, "poor_rate", &v, &found, &err),
                    &err, "indicators");
    assert_int_equal(found, 0);
    assert_true(isnan(v));
    assert_db_error(
        povatlas_workspace_indicators_each(ws, no_indicator, NULL, &n, &err),
        &err, "indicators");
    assert_db_error(povatlas_workspace_households_empty(ws, &empty, &err), &err,
                    "households");
    assert_db_error(
        povatlas_workspace_household_keys(ws, 2023, no_key, NULL, &n, &err),
        &err, "households");
    assert_db_error(povatlas_workspace_disagreements(ws, 2023, no_household,
                                                     NULL, &n, &err),
                    &err, "households");
    int64_t import_id = 0;
    long row = 0;
    assert_db_error(povatlas_workspace_household_origin(ws, 2023, "22738", "H1",
                                                        &import_id, &row,
                                                        &found, &err),
                    &err, "households");
    povatlas_b1_cutoff cut;
    assert_db_error(
        povatlas_workspace_find_b1_cutoff(ws, 2023, 1, &cut, &found, &err),
        &err, "b1_cutoffs");
    assert_db_error(
        povatlas_workspace_successor(ws, "22738", NULL, &text, &text2, &err),
        &err, "unit_crosswalk");
    assert_null(text);
    povatlas_exit_reason reason;
    assert_db_error(
        povatlas_workspace_exit_reason(ws, 2024, "22738", "H1", &reason, &err),
        &err, "reason");
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_and_reopen),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_locked_is_a_database_error),
        cmocka_unit_test(test_newer_schema),
        cmocka_unit_test(test_migrate_review_lists),
        cmocka_unit_test(test_place),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_synthetic_flag_read_fails_loudly),
        cmocka_unit_test(test_queries_fail_loudly),
    };
    return cmocka_run_group_tests_name("workspace", tests, NULL, NULL);
}
