/*
 * test_offices_pg.c - offices of a shared PostgreSQL workspace (issue 12):
 * `povatlas admin add-office NAME --units CODE...` makes a role that
 * writes only its units. Two offices connect with their own roles: each
 * imports its units' review list; a list holding another office's unit is
 * refused with an error that names the office and the unit, and nothing
 * changes; neither reads the other's personal data, nor updates or
 * deletes the other's rows, while both read every unit's counts.
 */
#include <string.h>

#include "testutil.h"

#include "pg_server.h"
#include "povatlas/ingest.h"
#include "povatlas/povatlas.h"
#include "store/db.h"

#define SCHEMA "ws_offices"
#define OFFICE_A "test_office_a" /* 22738, 22741 */
#define OFFICE_B "test_office_b" /* 22744, 22747 */

/* The rows of geodata/households_2022.csv of units @codes (with the
 * header) into @dir/@name; *@n (out) the number of rows. */
static char *list_of(const char *dir, const char *name,
                     const char *const *codes, int64_t *n)
{
    g_autofree char *src = g_build_filename(POVATLAS_SOURCE_DIR, "geodata",
                                            "households_2022.csv", NULL);
    g_autofree char *all = NULL;
    assert_true(g_file_get_contents(src, &all, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(all, "\n", -1);
    GString *out = g_string_new(lines[0]);
    g_string_append_c(out, '\n');
    *n = 0;
    for (int i = 1; lines[i]; i++) {
        g_auto(GStrv) cells = g_strsplit(lines[i], ",", 4);
        if (g_strv_length(cells) < 4)
            continue;
        for (const char *const *c = codes; *c; c++)
            if (strcmp(cells[2], *c) == 0) {
                g_string_append_printf(out, "%s\n", lines[i]);
                ++*n;
            }
    }
    char *path = testutil_write_file(dir, name, out->str, (gssize)out->len);
    g_string_free(out, TRUE);
    return path;
}

static void test_two_offices(void **state)
{
    (void)state;
    g_autofree char *why = NULL;
    g_autofree char *admin_target = pg_target(SCHEMA);
    db_conn *admin = db_open(admin_target, DB_OPEN_CREATE, &why);
    assert_non_null(admin);
    assert_int_equal(db_exec(admin, "DROP SCHEMA IF EXISTS " SCHEMA " CASCADE"),
                     DB_OK);
    pg_drop_role(admin, OFFICE_A);
    pg_drop_role(admin, OFFICE_B);

    /* the owner makes the workspace, loads the units, adds the offices:
     * A through the library, B through the CLI */
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(admin_target, 0, &err);
    if (!ws)
        fail_msg("%s", err->message);
    assert_true(povatlas_workspace_on_postgresql(ws));
    g_autofree char *units =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "units.csv", NULL);
    assert_int_equal(povatlas_import_units(ws, units, NULL, NULL, NULL, &err),
                     POVATLAS_OK);
    /* a code that is no unit: refused, and no role made */
    const char *bad[] = {"22738", "99999"};
    assert_int_equal(
        povatlas_workspace_add_office(ws, OFFICE_A, bad, 2, NULL, &err),
        POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "unit 99999 is not in the workspace"));
    povatlas_error_free(g_steal_pointer(&err));
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM pg_roles WHERE"
                                      " rolname = '" OFFICE_A "'"),
                     0);
    /* a name that is no plain role name, and no units */
    const char *a_units[] = {"22738", "22741"};
    assert_int_equal(
        povatlas_workspace_add_office(ws, "Office A", a_units, 2, NULL, &err),
        POVATLAS_E_USAGE);
    povatlas_error_free(g_steal_pointer(&err));
    assert_int_equal(
        povatlas_workspace_add_office(ws, OFFICE_A, a_units, 0, NULL, &err),
        POVATLAS_E_USAGE);
    povatlas_error_free(g_steal_pointer(&err));
    /* the owner itself cannot be an office (RLS does not bind it) */
    assert_int_equal(povatlas_workspace_add_office(ws, "povatlas_admin",
                                                   a_units, 2, NULL, &err),
                     POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "superuser"));
    povatlas_error_free(g_steal_pointer(&err));
    int created = -1;
    assert_int_equal(
        povatlas_workspace_add_office(ws, OFFICE_A, a_units, 2, &created, &err),
        POVATLAS_OK);
    assert_int_equal(created, 1);
    povatlas_workspace_close(ws);
    g_autofree char *out = NULL, *errtext = NULL;
    const char *cli[] = {"admin",    "add-office", OFFICE_B, "--units",
                         "22744",    "22747",      "--db",   pg_server(),
                         "--schema", SCHEMA,       NULL};
    if (testutil_run(cli, &out, &errtext) != 0)
        fail_msg("admin add-office: %s", errtext);
    assert_string_equal(out, "office " OFFICE_B " (new role, no password yet: "
                             "set one with psql's \\password) writes units "
                             "22744, 22747\n");
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM office_units"), 4);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM pg_authid WHERE"
                                      " rolname LIKE 'test_office_%' AND"
                                      " rolcanlogin AND NOT rolsuper AND"
                                      " rolpassword IS NULL"),
                     2);

    /* each office imports its own units' list */
    g_autofree char *dir = testutil_tmpdir();
    const char *a_codes[] = {"22738", "22741", NULL};
    const char *b_codes[] = {"22744", "22747", NULL};
    const char *mixed[] = {"22741", "22744", NULL};
    int64_t n_a = 0, n_b = 0, n_mixed = 0;
    g_autofree char *list_a = list_of(dir, "a.csv", a_codes, &n_a);
    g_autofree char *list_b = list_of(dir, "b.csv", b_codes, &n_b);
    g_autofree char *list_mixed = list_of(dir, "mixed.csv", mixed, &n_mixed);
    assert_int_equal(n_a, 192 + 294);
    assert_int_equal(n_b, 137 + 89);
    g_autofree char *as_a = pg_target_as(OFFICE_A, SCHEMA);
    g_autofree char *as_b = pg_target_as(OFFICE_B, SCHEMA);
    povatlas_import_result res;
    ws = povatlas_workspace_open(as_a, 0, &err);
    if (!ws)
        fail_msg("%s", err->message);
    if (povatlas_import_households(ws, list_a, NULL, NULL, &res, &err))
        fail_msg("office A's list: %s", err->message);
    assert_int_equal(res.rows_imported, n_a);
    povatlas_workspace_close(ws);
    ws = povatlas_workspace_open(as_b, 0, &err);
    assert_non_null(ws);
    if (povatlas_import_households(ws, list_b, NULL, NULL, &res, &err))
        fail_msg("office B's list: %s", err->message);
    povatlas_workspace_close(ws);
    /* each list covers its office's units (not '*': the other units'
     * lists are not known yet) */
    g_autofree char *scopes =
        pg_text(admin, "SELECT string_agg(scope, ' ' ORDER BY scope) FROM"
                       " review_lists WHERE year = 2022");
    assert_string_equal(scopes, "22738 22741 22744 22747");
    g_autofree char *counts = pg_text(
        admin, "SELECT string_agg(unit_code || ':' || listed, ' ' ORDER BY"
               " unit_code) FROM household_counts WHERE year = 2022");
    assert_string_equal(counts, "22738:192 22741:294 22744:137 22747:89");

    /* a list with a unit of office B: refused, naming office and unit, and
     * nothing changes */
    int64_t households = pg_scalar(admin, "SELECT count(*) FROM households");
    int64_t persons =
        pg_scalar(admin, "SELECT count(*) FROM household_persons");
    int64_t imports = pg_scalar(admin, "SELECT count(*) FROM imports");
    assert_int_equal(households, n_a + n_b);
    ws = povatlas_workspace_open(as_a, 0, &err);
    povatlas_import_opts opts;
    povatlas_import_opts_init(&opts);
    opts.replace = 1;
    povatlas_report *report = povatlas_report_new();
    assert_int_equal(
        povatlas_import_households(ws, list_mixed, &opts, report, &res, &err),
        POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "137 of 431 rows rejected"));
    povatlas_error_free(g_steal_pointer(&err));
    /* each row of 22744 is refused: the file, the row, the column */
    assert_int_equal(povatlas_report_n_errors(report), 100); /* max_errors */
    const povatlas_error *first = povatlas_report_error(report, 0);
    assert_string_equal(first->file, list_mixed);
    assert_int_equal(first->row, 1 + 294 + 1); /* header, 22741, 22744 */
    assert_string_equal(first->column, "Mã đơn vị");
    assert_string_equal(first->message, "office " OFFICE_A " may not write"
                                        " unit 22744: its units are 22738,"
                                        " 22741");
    povatlas_report_free(report);
    /* the same for the other imports by unit (ward statistics here) */
    int64_t stats = pg_scalar(admin, "SELECT count(*) FROM ward_stats");
    g_autofree char *stats_file =
        testutil_write_file(dir, "stats.csv",
                            "unit_code,year,households\n22741,2022,300\n"
                            "22747,2022,90\n",
                            -1);
    report = povatlas_report_new();
    assert_int_equal(
        povatlas_import_ward_stats(ws, stats_file, NULL, report, &res, &err),
        POVATLAS_E_INPUT);
    povatlas_error_free(g_steal_pointer(&err));
    assert_int_equal(povatlas_report_n_errors(report), 1);
    first = povatlas_report_error(report, 0);
    assert_string_equal(first->file, stats_file);
    assert_int_equal(first->row, 3); /* header, 22741, 22747 */
    assert_string_equal(first->column, "unit_code");
    assert_string_equal(first->message, "office " OFFICE_A " may not write"
                                        " unit 22747: its units are 22738,"
                                        " 22741");
    povatlas_report_free(report);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM ward_stats"),
                     stats);
    /* what the importers ask */
    g_autofree char *refusal = povatlas_workspace_office_refusal(ws, "22747");
    assert_string_equal(refusal, "office " OFFICE_A " may not write unit"
                                 " 22747: its units are 22738, 22741");
    assert_null(povatlas_workspace_office_refusal(ws, "22741"));
    povatlas_workspace_close(ws);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM households"),
                     households);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM household_persons"),
                     persons);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM imports"), imports);
    g_autofree char *counts_after = pg_text(
        admin, "SELECT string_agg(unit_code || ':' || listed, ' ' ORDER BY"
               " unit_code) FROM household_counts WHERE year = 2022");
    assert_string_equal(counts_after, counts);

    /* personal data: each office reads its own units' only; counts of
     * every unit */
    db_conn *a = pg_connect(OFFICE_A, SCHEMA);
    db_conn *b = pg_connect(OFFICE_B, SCHEMA);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM household_persons"
                                      " WHERE unit_code IN ('22744', '22747')"),
                     n_b);
    assert_int_equal(pg_scalar(a, "SELECT count(*) FROM household_persons"
                                  " WHERE unit_code IN ('22744', '22747')"),
                     0);
    assert_int_equal(pg_scalar(a, "SELECT count(*) FROM household_persons"),
                     n_a);
    assert_int_equal(pg_scalar(b, "SELECT count(*) FROM household_persons"),
                     n_b);
    g_autofree char *b_head = pg_text(
        b, "SELECT coalesce(max(head_name), 'none') FROM household_persons"
           " WHERE household_id = '22738-0001'");
    assert_string_equal(b_head, "none");
    assert_int_equal(pg_scalar(b, "SELECT sum(listed) FROM household_counts"),
                     n_a + n_b);
    assert_int_equal(pg_scalar(b, "SELECT count(*) FROM households"),
                     n_a + n_b);

    /* SQL outside povatlas is held to the same rules: B's insert into A's
     * unit, update and delete of A's rows fail naming the unit and the
     * table, and change nothing */
    int64_t b_stats = pg_scalar(admin, "SELECT count(*) FROM ward_stats");
    assert_int_equal(
        db_exec(b, "INSERT INTO ward_stats(unit_code, year, households)"
                   " VALUES ('22738', 2022, 1)"),
        DB_ERROR);
    assert_non_null(strstr(db_errmsg(b),
                           "office " OFFICE_B " may not write unit 22738 (table"
                           " ward_stats)"));
    assert_int_equal(db_exec(b,
                             "UPDATE households SET recorded_status = 0 WHERE"
                             " unit_code = '22738'"),
                     DB_ERROR);
    assert_non_null(strstr(db_errmsg(b),
                           "office " OFFICE_B " may not write unit 22738 (table"
                           " households): its units are 22744, 22747"));
    assert_int_equal(
        db_exec(b, "DELETE FROM household_counts WHERE unit_code = '22741'"),
        DB_ERROR);
    assert_non_null(strstr(db_errmsg(b),
                           "office " OFFICE_B " may not write unit 22741 (table"
                           " household_counts)"));
    /* ... a statement that matches its own and A's rows changes neither */
    assert_int_equal(db_exec(b, "UPDATE household_counts SET listed = 0"),
                     DB_ERROR);
    assert_true(strstr(db_errmsg(b), "may not write unit 22738 (table"
                                     " household_counts)") ||
                strstr(db_errmsg(b), "may not write unit 22741 (table"
                                     " household_counts)"));
    /* ... A's personal rows: unseen by a statement that selects them, and
     * refused by one that would touch them all */
    assert_int_equal(db_exec(b, "DELETE FROM household_persons WHERE"
                                " unit_code = '22738'"),
                     DB_OK);
    assert_int_equal(db_changes(b), 0);
    assert_int_equal(db_exec(b, "DELETE FROM household_persons"), DB_ERROR);
    assert_non_null(strstr(db_errmsg(b), "(table household_persons)"));
    /* ... nor move a row of its own into A's unit */
    assert_int_equal(db_exec(b, "UPDATE households SET unit_code = '22738'"
                                " WHERE unit_code = '22744'"),
                     DB_ERROR);
    assert_non_null(strstr(db_errmsg(b), "may not write unit 22738"));
    /* ... nor change the workspace's settings */
    assert_int_equal(db_exec(b, "UPDATE meta SET value = '9' WHERE"
                                " key = 'schema_version'"),
                     DB_ERROR);
    assert_non_null(strstr(db_errmsg(b),
                           "office " OFFICE_B " may not change the workspace's"
                           " setting schema_version"));
    g_autofree char *counts_end = pg_text(
        admin, "SELECT string_agg(unit_code || ':' || listed, ' ' ORDER BY"
               " unit_code) FROM household_counts WHERE year = 2022");
    assert_string_equal(counts_end, counts);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM households WHERE"
                                      " recorded_status = 0"),
                     0);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM households WHERE"
                                      " unit_code = '22738'"),
                     192);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM household_persons"),
                     persons);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM ward_stats"),
                     b_stats);
    g_autofree char *version =
        pg_text(admin, "SELECT value FROM meta WHERE key = 'schema_version'");
    assert_string_not_equal(version, "9");
    /* B's own rows: writable */
    assert_int_equal(db_exec(b, "UPDATE households SET recorded_status ="
                                " recorded_status WHERE unit_code = '22744'"),
                     DB_OK);
    assert_int_equal(db_changes(b), 137);

    /* --replace by an office replaces its own units' list only */
    ws = povatlas_workspace_open(as_b, 0, &err);
    assert_non_null(ws);
    if (povatlas_import_households(ws, list_b, &opts, NULL, &res, &err))
        fail_msg("office B's list again: %s", err->message);
    povatlas_workspace_close(ws);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM households"),
                     n_a + n_b);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM household_persons"
                                      " WHERE unit_code IN ('22738', '22741')"),
                     n_a);

    /* offices are for shared workspaces: a file refuses them */
    g_autofree char *file = g_build_filename(dir, "atlas.sqlite", NULL);
    ws = povatlas_workspace_create(file, 0, &err);
    assert_non_null(ws);
    assert_false(povatlas_workspace_on_postgresql(ws));
    assert_int_equal(
        povatlas_workspace_add_office(ws, OFFICE_A, a_units, 2, NULL, &err),
        POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "PostgreSQL"));
    povatlas_error_free(g_steal_pointer(&err));
    povatlas_workspace_close(ws);

    db_close(a);
    db_close(b);
    assert_int_equal(db_exec(admin, "DROP SCHEMA " SCHEMA " CASCADE"), DB_OK);
    pg_drop_role(admin, OFFICE_A);
    pg_drop_role(admin, OFFICE_B);
    db_close(admin);
    testutil_rmtree(dir);
}

int main(void)
{
    int skip = pg_server_or_skip();
    if (skip >= 0)
        return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_offices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
