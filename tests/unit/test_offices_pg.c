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

/* The test database as role @role (trust on the cluster's socket: no
 * password), with the workspace's schema first. */
static char *target_as(const char *role)
{
    g_autofree char *admin = pg_target(SCHEMA);
    const char *at = strstr(admin, "povatlas_admin@");
    assert_non_null(at);
    return g_strdup_printf("%.*s%s%s", (int)(at - admin), admin, role,
                           at + strlen("povatlas_admin"));
}

static db_conn *connect_as(const char *role)
{
    g_autofree char *why = NULL;
    g_autofree char *target = target_as(role);
    db_conn *c = db_open(target, 0, &why);
    if (!c)
        fail_msg("cannot connect as %s: %s", role, why);
    return c;
}

static int64_t scalar(db_conn *c, const char *sql)
{
    db_stmt *st = db_prepare(c, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(c));
    assert_int_equal(db_step(st), DB_ROW);
    int64_t v = db_column_int64(st, 0);
    db_finalize(st);
    return v;
}

static char *text(db_conn *c, const char *sql)
{
    db_stmt *st = db_prepare(c, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(c));
    assert_int_equal(db_step(st), DB_ROW);
    char *v = g_strdup(db_column_text(st, 0));
    db_finalize(st);
    return v;
}

/* Drops role @role of an earlier run (with its grants) when it exists. */
static void drop_role(db_conn *admin, const char *role)
{
    g_autofree char *q = g_strdup_printf(
        "SELECT count(*) FROM pg_roles WHERE rolname = '%s'", role);
    if (scalar(admin, q) == 0)
        return;
    g_autofree char *sql =
        g_strdup_printf("DROP OWNED BY %s; DROP ROLE %s", role, role);
    assert_int_equal(db_exec(admin, sql), DB_OK);
}

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
    drop_role(admin, OFFICE_A);
    drop_role(admin, OFFICE_B);

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
    assert_int_equal(scalar(admin, "SELECT count(*) FROM pg_roles WHERE"
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
    assert_int_equal(scalar(admin, "SELECT count(*) FROM office_units"), 4);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM pg_authid WHERE"
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
    g_autofree char *as_a = target_as(OFFICE_A);
    g_autofree char *as_b = target_as(OFFICE_B);
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
        text(admin, "SELECT string_agg(scope, ' ' ORDER BY scope) FROM"
                    " review_lists WHERE year = 2022");
    assert_string_equal(scopes, "22738 22741 22744 22747");
    g_autofree char *counts =
        text(admin, "SELECT string_agg(unit_code || ':' || listed, ' ' ORDER BY"
                    " unit_code) FROM household_counts WHERE year = 2022");
    assert_string_equal(counts, "22738:192 22741:294 22744:137 22747:89");

    /* a list with a unit of office B: refused, naming office and unit, and
     * nothing changes */
    int64_t households = scalar(admin, "SELECT count(*) FROM households");
    int64_t persons = scalar(admin, "SELECT count(*) FROM household_persons");
    int64_t imports = scalar(admin, "SELECT count(*) FROM imports");
    assert_int_equal(households, n_a + n_b);
    ws = povatlas_workspace_open(as_a, 0, &err);
    povatlas_import_opts opts;
    povatlas_import_opts_init(&opts);
    opts.replace = 1;
    assert_int_equal(
        povatlas_import_households(ws, list_mixed, &opts, NULL, &res, &err),
        POVATLAS_E_DB);
    assert_non_null(
        strstr(err->message, "office " OFFICE_A " may not write unit 22744"));
    assert_non_null(strstr(err->message, "its units are 22738, 22741"));
    povatlas_error_free(g_steal_pointer(&err));
    povatlas_workspace_close(ws);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM households"),
                     households);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM household_persons"),
                     persons);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM imports"), imports);
    g_autofree char *counts_after =
        text(admin, "SELECT string_agg(unit_code || ':' || listed, ' ' ORDER BY"
                    " unit_code) FROM household_counts WHERE year = 2022");
    assert_string_equal(counts_after, counts);

    /* personal data: each office reads its own units' only; counts of
     * every unit */
    db_conn *a = connect_as(OFFICE_A);
    db_conn *b = connect_as(OFFICE_B);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM household_persons"
                                   " WHERE unit_code IN ('22744', '22747')"),
                     n_b);
    assert_int_equal(scalar(a, "SELECT count(*) FROM household_persons"
                               " WHERE unit_code IN ('22744', '22747')"),
                     0);
    assert_int_equal(scalar(a, "SELECT count(*) FROM household_persons"), n_a);
    assert_int_equal(scalar(b, "SELECT count(*) FROM household_persons"), n_b);
    g_autofree char *b_head =
        text(b, "SELECT coalesce(max(head_name), 'none') FROM household_persons"
                " WHERE household_id = '22738-0001'");
    assert_string_equal(b_head, "none");
    assert_int_equal(scalar(b, "SELECT sum(listed) FROM household_counts"),
                     n_a + n_b);
    assert_int_equal(scalar(b, "SELECT count(*) FROM households"), n_a + n_b);

    /* SQL outside povatlas is held to the same rules: B's insert into A's
     * unit fails naming it; B's update and delete of A's rows change
     * nothing */
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
                     DB_OK);
    assert_int_equal(db_changes(b), 0);
    assert_int_equal(
        db_exec(b, "DELETE FROM household_counts WHERE unit_code = '22741'"),
        DB_OK);
    assert_int_equal(db_changes(b), 0);
    /* ... nor move a row of its own into A's unit */
    assert_int_equal(db_exec(b, "UPDATE households SET unit_code = '22738'"
                                " WHERE unit_code = '22744'"),
                     DB_ERROR);
    assert_non_null(strstr(db_errmsg(b), "may not write unit 22738"));
    /* ... nor change the workspace's settings */
    assert_int_equal(db_exec(b, "UPDATE meta SET value = '9' WHERE"
                                " key = 'schema_version'"),
                     DB_OK);
    assert_int_equal(db_changes(b), 0);
    g_autofree char *counts_end =
        text(admin, "SELECT string_agg(unit_code || ':' || listed, ' ' ORDER BY"
                    " unit_code) FROM household_counts WHERE year = 2022");
    assert_string_equal(counts_end, counts);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM households WHERE"
                                   " recorded_status = 0"),
                     0);
    /* B's own rows: writable */
    assert_int_equal(db_exec(b, "UPDATE ward_stats SET households = households"
                                " WHERE unit_code = '22744'"),
                     DB_OK);

    /* --replace by an office replaces its own units' list only */
    ws = povatlas_workspace_open(as_b, 0, &err);
    assert_non_null(ws);
    if (povatlas_import_households(ws, list_b, &opts, NULL, &res, &err))
        fail_msg("office B's list again: %s", err->message);
    povatlas_workspace_close(ws);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM households"),
                     n_a + n_b);
    assert_int_equal(scalar(admin, "SELECT count(*) FROM household_persons"
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
    drop_role(admin, OFFICE_A);
    drop_role(admin, OFFICE_B);
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
