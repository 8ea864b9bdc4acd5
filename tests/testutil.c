/*
 * testutil.c - helpers shared by the unit and end-to-end tests.
 */
#include "testutil.h"

#include <ogr_api.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/wait.h>
#include <unistd.h>

#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"
#include "store/db.h"

#include <glib/gstdio.h>

char *testutil_tmpdir(void)
{
    GError *e = NULL;
    char *dir = g_dir_make_tmp("povatlas-test-XXXXXX", &e);
    assert_non_null(dir);
    return dir;
}

void testutil_rmtree(const char *path)
{
    if (!path)
        return;
    GDir *d = g_dir_open(path, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                testutil_rmtree(child);
            else
                g_unlink(child);
        }
        g_dir_close(d);
    }
    g_rmdir(path);
}

char *testutil_write_file(const char *dir, const char *name,
                          const char *content, gssize len)
{
    char *path = g_build_filename(dir, name, NULL);
    if (len < 0)
        len = (gssize)strlen(content);
    assert_true(g_file_set_contents(path, content, len, NULL));
    return path;
}

/* ../shared, or $POVATLAS_TEST_SHARED when set (a test run can point it
 * elsewhere to check what runs without the licensed polygons). */
static const char *shared_dir(void)
{
    const char *env = g_getenv("POVATLAS_TEST_SHARED");
    return env && *env ? env : POVATLAS_SHARED_DIR;
}

gboolean testutil_have_polygons(void)
{
    static gboolean said;
    g_autofree char *wards = g_build_filename(shared_dir(), "geodata", "real",
                                              "wards.geojson", NULL);
    gboolean have = g_file_test(wards, G_FILE_TEST_IS_REGULAR);
    if (!have && g_strcmp0(g_getenv("CI"), "true") == 0)
        fail_msg("the real ward polygons are required when CI=true: %s", wards);
    if (!have && !said) {
        print_message("skipped: %s is absent (licensed polygons, never in "
                      "the repository)\n",
                      wards);
        said = TRUE;
    }
    return have;
}

char *testutil_shared_path(const char *rel)
{
    if (!g_file_test(shared_dir(), G_FILE_TEST_IS_DIR))
        return NULL;
    return g_build_filename(shared_dir(), rel, NULL);
}

char *testutil_fixture_path(const char *rel)
{
    return g_build_filename(POVATLAS_SOURCE_DIR, "tests", "fixtures", rel,
                            NULL);
}

int testutil_run(const char *const *argv, char **out, char **err)
{
#ifdef POVATLAS_BINARY
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, (gpointer)POVATLAS_BINARY);
    for (size_t i = 0; argv[i]; i++)
        g_ptr_array_add(args, (gpointer)argv[i]);
    g_ptr_array_add(args, NULL);
    int status = -1;
    GError *e = NULL;
    gboolean ok = g_spawn_sync(NULL, (char **)args->pdata, NULL, 0, NULL, NULL,
                               out, err, &status, &e);
    g_ptr_array_free(args, TRUE);
    if (!ok) {
        fail_msg("cannot run povatlas: %s", e->message);
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#else
    (void)argv;
    (void)out;
    (void)err;
    fail_msg("POVATLAS_BINARY not defined");
    return -1;
#endif
}

int testutil_spawn(const char *cwd, char **envp, const char *const *argv,
                   char **out, char **err)
{
    int status = -1;
    GError *e = NULL;
    if (!g_spawn_sync(cwd, (char **)argv, envp, G_SPAWN_SEARCH_PATH_FROM_ENVP,
                      NULL, NULL, out, err, &status, &e)) {
        fail_msg("cannot run %s: %s", argv[0], e->message);
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *testutil_install(char **prefix_out)
{
    char *dir = testutil_tmpdir();
    *prefix_out = g_build_filename(dir, "prefix", NULL);
    const char *prefix = *prefix_out;
#if defined(POVATLAS_CMAKE_COMMAND) && defined(POVATLAS_BUILD_DIR)
    const char *argv[] = {POVATLAS_CMAKE_COMMAND,
                          "--install",
                          POVATLAS_BUILD_DIR,
                          "--prefix",
                          prefix,
                          NULL};
    g_autofree char *out = NULL, *err = NULL;
    if (testutil_spawn(NULL, NULL, argv, &out, &err) != 0)
        fail_msg("cmake --install failed:\n%s%s", out, err);
#else
    (void)prefix;
    fail_msg("POVATLAS_CMAKE_COMMAND / POVATLAS_BUILD_DIR not defined");
#endif
    return dir;
}

void testutil_uninstall(char *dir, char *prefix)
{
    testutil_rmtree(dir);
    g_free(dir);
    g_free(prefix);
}

/* Where a fixture's workspace lives: the file @dir/w.sqlite, or, when
 * POVATLAS_TEST_DB is "postgresql" (the *_on_pg copies of the tests that
 * CMakeLists.txt runs against both backends), a schema of its own, named
 * after @dir, in the server POVATLAS_TEST_PG names. Without the server
 * the test stops as skipped (exit 77; a failure under CI=true). */
char *testutil_workspace_target(const char *dir)
{
    if (g_strcmp0(g_getenv("POVATLAS_TEST_DB"), "postgresql") != 0)
        return g_build_filename(dir, "w.sqlite", NULL);
    const char *pg = g_getenv("POVATLAS_TEST_PG");
    if (!pg || !*pg) {
        const char *why = g_getenv("POVATLAS_TEST_PG_SKIP");
        printf("skipped: %s\n", why ? why : "POVATLAS_TEST_PG names no server");
        exit(g_strcmp0(g_getenv("CI"), "true") == 0 ? 1 : 77);
    }
    g_autofree char *base = g_ascii_strdown(strrchr(dir, '-') + 1, -1);
    return g_strdup_printf("%s%sactive_schema=t_%d_%s", pg,
                           strchr(pg, '?') ? "&" : "?", (int)getpid(), base);
}

povatlas_workspace *testutil_demo_workspace(char **dir)
{
    povatlas_init();
    *dir = testutil_tmpdir();
    g_autofree char *db = testutil_workspace_target(*dir);
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    g_autofree char *ini =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "dataset.ini", NULL);
    assert_int_equal(povatlas_dataset_load(ws, ini, NULL, NULL, NULL, NULL),
                     POVATLAS_OK);
    return ws;
}

/* A fresh workspace in a fresh folder holding the units of @units (a
 * file), the crosswalk when @with_crosswalk. */
static testutil_units_ws *units_ws_from(const char *dir, const char *units,
                                        gboolean with_crosswalk)
{
    povatlas_init();
    testutil_units_ws *f = g_new0(testutil_units_ws, 1);
    f->dir = g_strdup(dir);
    f->db = testutil_workspace_target(f->dir);
    f->ws = povatlas_workspace_create(f->db, 0, NULL);
    assert_non_null(f->ws);
    assert_int_equal(
        povatlas_import_units(f->ws, units, NULL, NULL, NULL, NULL),
        POVATLAS_OK);
    if (with_crosswalk) {
        g_autofree char *cw = povatlas_data_path("crosswalk.csv");
        assert_int_equal(
            povatlas_import_crosswalk(f->ws, cw, NULL, NULL, NULL, NULL),
            POVATLAS_OK);
    }
    f->report = povatlas_report_new();
    return f;
}

testutil_units_ws *testutil_units_ws_new(gboolean with_crosswalk)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *units = povatlas_data_path("units.csv");
    return units_ws_from(dir, units, with_crosswalk);
}

testutil_units_ws *testutil_units_ws_with(const char *units_csv)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *units =
        testutil_write_file(dir, "units.csv", units_csv, -1);
    return units_ws_from(dir, units, FALSE);
}

void testutil_units_ws_free(testutil_units_ws *f)
{
    povatlas_report_free(f->report);
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->db);
    g_free(f->dir);
    g_free(f);
}

int testutil_units_setup(void **state)
{
    *state = testutil_units_ws_new(FALSE);
    return 0;
}

int testutil_units_setup_crosswalk(void **state)
{
    *state = testutil_units_ws_new(TRUE);
    return 0;
}

int testutil_units_teardown(void **state)
{
    testutil_units_ws_free(*state);
    return 0;
}

guint testutil_count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    guint n = 0;
    while (d && g_dir_read_name(d))
        n++;
    if (d)
        g_dir_close(d);
    return n;
}

int testutil_indicator(struct povatlas_workspace *ws, const char *unit_code,
                       int year, const char *name, double *value)
{
    int found = 0;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_workspace_get_indicator(
        ws, unit_code, year, name, value, &found, &err);
    if (st)
        fail_msg("reading %s %s %d: %s", unit_code, name, year,
                 err ? err->message : "?");
    return found;
}

GPtrArray *testutil_help_commands(const char *help)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) lines = g_strsplit(help, "\n", -1);
    gboolean in_list = FALSE;
    for (char **l = lines; *l; l++) {
        if (g_str_equal(*l, "Commands:")) {
            in_list = TRUE;
        } else if (in_list && g_str_has_prefix(*l, "  ")) {
            g_auto(GStrv) words = g_strsplit(g_strstrip(*l), " ", 2);
            g_ptr_array_add(names, g_strdup(words[0]));
        } else if (in_list) {
            break;
        }
    }
    return names;
}

char *testutil_pdf_text(const char *pdf, int page)
{
    g_autofree char *p = g_strdup_printf("%d", page);
    const char *whole[] = {"pdftotext", pdf, "-", NULL};
    const char *one[] = {"pdftotext", "-f", p, "-l", p, pdf, "-", NULL};
    char *out = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)(page > 0 ? one : whole), NULL,
                             G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                             &status, NULL));
    assert_int_equal(status, 0);
    return out;
}

povatlas_workspace *testutil_workspace_new(char **dir, char **db)
{
    povatlas_init();
    *dir = testutil_tmpdir();
    g_autofree char *path = testutil_workspace_target(*dir);
    povatlas_workspace *ws = povatlas_workspace_create(path, 0, NULL);
    assert_non_null(ws);
    if (db)
        *db = g_steal_pointer(&path);
    return ws;
}

povatlas_household testutil_household(const char *unit_code,
                                      const char *household_id, int year,
                                      povatlas_class recorded_status)
{
    return (povatlas_household){.unit_code = unit_code,
                                .household_id = household_id,
                                .year = year,
                                .members = 3,
                                .income_per_capita = -1,
                                .income_total = -1,
                                .b1_score = -1,
                                .recorded_status = recorded_status,
                                .computed_status = POVATLAS_CLASS_UNKNOWN,
                                .standard_id = -1,
                                .ethnic_minority = -1,
                                .merit = -1,
                                .no_labour = -1,
                                .import_id = -1,
                                .source_row = -1};
}

GByteArray *testutil_square_wkb(double x, double y, double d)
{
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    const double xy[][2] = {
        {x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}};
    for (size_t i = 0; i < G_N_ELEMENTS(xy); i++)
        OGR_G_AddPoint_2D(ring, xy[i][0], xy[i][1]);
    OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(poly, ring);
    GByteArray *b = g_byte_array_sized_new(OGR_G_WkbSize(poly));
    g_byte_array_set_size(b, OGR_G_WkbSize(poly));
    assert_int_equal(OGR_G_ExportToWkb(poly, wkbNDR, b->data), OGRERR_NONE);
    OGR_G_DestroyGeometry(poly);
    return b;
}

char *testutil_query(const char *target, const char *sql)
{
    g_autofree char *why = NULL;
    db_conn *db = db_open(target, DB_OPEN_READONLY, &why);
    if (why)
        fail_msg("opening %s: %s", target, why);
    db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(db));
    GString *s = g_string_new(NULL);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        for (int c = 0; c < db_column_count(st); c++) {
            const char *v = db_column_text(st, c);
            size_t n = v ? strlen(v) : 0;
            /* a whole REAL: SQLite writes 1.0, PostgreSQL 1 */
            if (n > 2 && g_str_has_suffix(v, ".0") &&
                strspn(v + (*v == '-'), "0123456789") == n - 2 - (*v == '-'))
                n -= 2;
            g_string_append_printf(s, "%s%.*s", c ? "|" : "", (int)n,
                                   v ? v : "");
        }
        g_string_append_c(s, '\n');
    }
    if (rc != DB_DONE)
        fail_msg("%s: %s", sql, db_errmsg(db));
    db_finalize(st);
    db_close(db);
    return g_string_free(s, FALSE);
}
