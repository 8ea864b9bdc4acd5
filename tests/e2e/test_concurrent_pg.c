/*
 * test_concurrent_pg.c - many offices in one PostgreSQL workspace at the
 * same time (issue 12): four offices import their units' review lists
 * in four processes at once (2022, then 2023) while the owner runs
 * analyze over and over (and, while the 2023 lists arrive, maps 2022). Every
 * process finishes (no deadlock, no error), no household is lost or stored
 * twice, the stored counts are those of the rows, and each analyze saw one
 * state of the workspace: its city total, its wards and its zones add up.
 */
#include <string.h>

#include "testutil.h"

#include "pg_server.h"
#include "povatlas/pipeline.h"
#include "povatlas/povatlas.h"
#include "store/db.h"

#define SCHEMA "ws_concurrent"
#define N_OFFICES 4
#define ROUNDS 3 /* analyze and map runs while the imports run */

static const char *const UNITS[N_OFFICES][4] = {
    {"22738", "22741", "22744", "22747"},
    {"22750", "22753", "22756", "22759"},
    {"22762", "22765", "22768", "22771"},
    {"22774", "22777", "22779", "22780"}};

static char *office_name(int i) { return g_strdup_printf("test_conc_%d", i); }

/* Copies geodata/@name into @dir. */
static void copy_data(const char *dir, const char *name)
{
    g_autofree char *src =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", name, NULL);
    g_autofree char *text = NULL;
    gsize n = 0;
    assert_true(g_file_get_contents(src, &text, &n, NULL));
    g_autofree char *dst = testutil_write_file(dir, name, text, (gssize)n);
}

/* The rows of geodata/households_@year.csv of office @o's units into
 * @dir; *@n (out) the number of rows. */
static char *list_of(const char *dir, int year, int o, int64_t *n)
{
    g_autofree char *name = g_strdup_printf("households_%d.csv", year);
    g_autofree char *src =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", name, NULL);
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
        for (int u = 0; u < 4; u++)
            if (strcmp(cells[2], UNITS[o][u]) == 0) {
                g_string_append_printf(out, "%s\n", lines[i]);
                ++*n;
            }
    }
    g_autofree char *file = g_strdup_printf("office%d_%d.csv", o, year);
    char *path = testutil_write_file(dir, file, out->str, (gssize)out->len);
    g_string_free(out, TRUE);
    return path;
}

/* One process of the test: the povatlas commands it runs one after the
 * other, and how the first that failed ended. */
typedef struct {
    GPtrArray *commands; /* of GStrv */
    int rc;
    char *err;
    int runs;
} worker;

static gpointer run_worker(gpointer data)
{
    worker *w = data;
    for (guint i = 0; i < w->commands->len && w->rc == 0; i++) {
        g_autofree char *out = NULL;
        char *err = NULL;
        w->rc = testutil_run(g_ptr_array_index(w->commands, i), &out, &err);
        w->runs++;
        if (w->rc != 0)
            w->err = err;
        else
            g_free(err);
    }
    return NULL;
}

static void add_command(worker *w, ...)
{
    GPtrArray *args = g_ptr_array_new();
    va_list ap;
    va_start(ap, w);
    for (const char *a; (a = va_arg(ap, const char *));)
        g_ptr_array_add(args, g_strdup(a));
    va_end(ap);
    g_ptr_array_add(args, NULL);
    g_ptr_array_add(w->commands, g_ptr_array_free(args, FALSE));
}

static void test_four_imports_analyze_map(void **state)
{
    (void)state;
    g_autofree char *why = NULL;
    g_autofree char *admin_target = pg_target(SCHEMA);
    db_conn *admin = db_open(admin_target, DB_OPEN_CREATE, &why);
    assert_non_null(admin);
    assert_int_equal(db_exec(admin, "DROP SCHEMA IF EXISTS " SCHEMA " CASCADE"),
                     DB_OK);
    char *offices[N_OFFICES];
    for (int o = 0; o < N_OFFICES; o++) {
        offices[o] = office_name(o + 1);
        pg_drop_role(admin, offices[o]);
    }

    /* the owner loads everything but the lists, and adds the offices */
    g_autofree char *dir = testutil_tmpdir();
    static const char *const files[] = {"units.csv", "crosswalk.csv",
                                        "wards_schematic.geojson",
                                        "context.geojson", "ward_stats.csv"};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
        copy_data(dir, files[i]);
    g_autofree char *ini = testutil_write_file(
        dir, "dataset.ini",
        "[dataset]\nsynthetic=true\nschematic_boundaries=true\n"
        "units=units.csv\ncrosswalk=crosswalk.csv\n"
        "boundaries=wards_schematic.geojson\nboundaries_year=2023\n"
        "context=context.geojson\nward_stats=ward_stats.csv\n",
        -1);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(admin_target, 0, &err);
    if (!ws)
        fail_msg("%s", err->message);
    if (povatlas_dataset_load(ws, ini, NULL, NULL, NULL, &err))
        fail_msg("%s", err->message);
    for (int o = 0; o < N_OFFICES; o++)
        if (povatlas_workspace_add_office(ws, offices[o], UNITS[o], 4, NULL,
                                          &err))
            fail_msg("%s", err->message);
    povatlas_workspace_close(ws);

    /* four offices import their 2022 lists at once while the owner
     * analyzes; then their 2023 lists while the owner analyzes and maps
     * 2022 */
    int64_t rows[N_OFFICES][2], total[2] = {0, 0};
    char *as_office[N_OFFICES];
    for (int o = 0; o < N_OFFICES; o++)
        as_office[o] = pg_target_as(offices[o], NULL);
    char *png[ROUNDS];
    for (int y = 0; y < 2; y++) {
        worker w[N_OFFICES + 2] = {{0}};
        for (int k = 0; k < N_OFFICES + 2; k++)
            w[k].commands =
                g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        for (int o = 0; o < N_OFFICES; o++) {
            g_autofree char *list = list_of(dir, 2022 + y, o, &rows[o][y]);
            total[y] += rows[o][y];
            add_command(&w[o], "import", "households", list, "--db",
                        as_office[o], "--schema", SCHEMA, "-q", NULL);
        }
        for (int r = 0; r < ROUNDS; r++) {
            add_command(&w[N_OFFICES], "analyze", "--db", pg_server(),
                        "--schema", SCHEMA, "-q", NULL);
            if (y == 0)
                continue;
            g_autofree char *name = g_strdup_printf("map%d.png", r);
            png[r] = g_build_filename(dir, name, NULL);
            add_command(&w[N_OFFICES + 1], "map", "--year", "2022", "-o",
                        png[r], "--db", pg_server(), "--schema", SCHEMA, "-q",
                        NULL);
        }
        GThread *t[N_OFFICES + 2];
        for (int k = 0; k < N_OFFICES + 2; k++)
            t[k] = g_thread_new("worker", run_worker, &w[k]);
        for (int k = 0; k < N_OFFICES + 2; k++)
            g_thread_join(t[k]);
        for (int k = 0; k < N_OFFICES + 2; k++) {
            if (w[k].rc != 0)
                fail_msg("%d: process %d, run %d: exit %d: %s", 2022 + y, k,
                         w[k].runs, w[k].rc, w[k].err);
            assert_int_equal(w[k].runs, w[k].commands->len);
            g_ptr_array_free(w[k].commands, TRUE);
        }
        /* the round's analyzes may all have taken their snapshot before
         * any list committed (as under the sanitizers): the next round
         * maps 2022, so analyze once more now that every list is in */
        worker last = {0};
        last.commands =
            g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        add_command(&last, "analyze", "--db", pg_server(), "--schema", SCHEMA,
                    "-q", NULL);
        run_worker(&last);
        if (last.rc != 0)
            fail_msg("%d: analyze after the round: exit %d: %s", 2022 + y,
                     last.rc, last.err);
        g_ptr_array_free(last.commands, TRUE);
    }
    for (int r = 0; r < ROUNDS; r++) {
        assert_true(g_file_test(png[r], G_FILE_TEST_IS_REGULAR));
        g_free(png[r]);
    }

    /* every household once, its counts those of the rows */
    assert_int_equal(total[0], 2090);
    assert_int_equal(total[1], 1931);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM households WHERE"
                                      " year = 2022"),
                     total[0]);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM households WHERE"
                                      " year = 2023"),
                     total[1]);
    assert_int_equal(
        pg_scalar(admin,
                  "SELECT count(*) FROM (SELECT 1 FROM households GROUP"
                  " BY year, unit_code, household_id HAVING count(*) > 1)"
                  " d"),
        0);
    assert_int_equal(
        pg_scalar(admin,
                  "SELECT count(*) FROM household_counts c FULL JOIN (SELECT"
                  " year, unit_code, count(*) AS n, sum(recorded_status = 1) AS"
                  " poor FROM households GROUP BY 1, 2) h USING (year,"
                  " unit_code) WHERE c.listed IS DISTINCT FROM h.n OR c.poor IS"
                  " DISTINCT FROM h.poor"),
        0);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM household_counts"),
                     32);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM review_lists"), 32);
    assert_int_equal(pg_scalar(admin, "SELECT count(*) FROM imports WHERE kind"
                                      " = 'households'"),
                     2 * N_OFFICES);
    for (int o = 0; o < N_OFFICES; o++) {
        g_autofree char *q = g_strdup_printf(
            "SELECT count(*) FROM households WHERE unit_code IN ('%s', '%s',"
            " '%s', '%s')",
            UNITS[o][0], UNITS[o][1], UNITS[o][2], UNITS[o][3]);
        assert_int_equal(pg_scalar(admin, q), rows[o][0] + rows[o][1]);
    }

    /* the last analyze saw one state: the city's poor are its wards' and
     * its zones' */
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM indicators WHERE unit_code ="
                         " '*' AND name = 'poor'"),
        2);
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM indicators c WHERE c.unit_code ="
                         " '*' AND c.name = 'poor' AND c.value IS DISTINCT FROM"
                         " (SELECT sum(value) FROM indicators u WHERE u.year ="
                         " c.year AND u.name = 'poor' AND u.unit_code <> '*')"),
        0);
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM indicators c WHERE c.unit_code ="
                         " '*' AND c.name = 'poor' AND c.value IS DISTINCT FROM"
                         " (SELECT sum(poor) FROM zone_rates z WHERE z.year ="
                         " c.year)"),
        0);
    /* analyzed again now, the city's poor are the stored rows' */
    const char *again[] = {"analyze", "--db", pg_server(), "--schema",
                           SCHEMA,    "-q",   NULL};
    g_autofree char *out = NULL, *errtext = NULL;
    if (testutil_run(again, &out, &errtext) != 0)
        fail_msg("analyze: %s", errtext);
    assert_int_equal(
        pg_scalar(admin, "SELECT count(*) FROM indicators c WHERE c.unit_code ="
                         " '*' AND c.name = 'poor' AND c.value IS DISTINCT FROM"
                         " (SELECT sum(recorded_status = 1) FROM households h"
                         " WHERE h.year = c.year)"),
        0);

    assert_int_equal(db_exec(admin, "DROP SCHEMA " SCHEMA " CASCADE"), DB_OK);
    for (int o = 0; o < N_OFFICES; o++) {
        pg_drop_role(admin, offices[o]);
        g_free(offices[o]);
        g_free(as_office[o]);
    }
    db_close(admin);
    testutil_rmtree(dir);
}

int main(void)
{
    int skip = pg_server_or_skip();
    if (skip >= 0)
        return skip;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_four_imports_analyze_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
