/*
 * testutil.h - what every povatlas test shares: cmocka, temporary folders
 * that each test makes and removes, paths to the source tree and to
 * ../shared, and running the povatlas binary.
 */
#ifndef POVATLAS_TESTUTIL_H
#define POVATLAS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>

#include "povatlas/workspace.h"

#ifndef POVATLAS_SHARED_DIR
#define POVATLAS_SHARED_DIR "/work/shared"
#endif
#ifndef POVATLAS_SOURCE_DIR
#define POVATLAS_SOURCE_DIR "."
#endif

/* A fresh temporary folder; remove with testutil_rmtree(). */
char *testutil_tmpdir(void);
/* Removes @path and everything below it. */
void testutil_rmtree(const char *path);
/* Writes @content (length @len, or strlen when < 0) to @dir/@name and
 * returns the full path (g_free). */
/* An axis-aligned square polygon (@x, @y) to (@x + @d, @y + @d) as
 * little-endian WKB, made by OGR; free with g_byte_array_unref(). */
GByteArray *testutil_square_wkb(double x, double y, double d);

char *testutil_write_file(const char *dir, const char *name,
                          const char *content, gssize len);
/* Path of a file under ../shared (g_free); NULL when shared/ is absent.
 * Only the licensed real ward polygons (geodata/real) are read from there;
 * $POVATLAS_TEST_SHARED, when set, replaces ../shared. */
char *testutil_shared_path(const char *rel);
/* TRUE when the real ward polygons (shared geodata/real/wards.geojson)
 * exist; when they do not, says so once (skipped: ...), and fails when
 * CI=true. */
gboolean testutil_have_polygons(void);
/* Path of @rel under tests/fixtures (g_free): the reference values of
 * tests/fixtures/reference (copied from shared/reference, see its
 * ORIGIN.md) and the other files the tests read. */
char *testutil_fixture_path(const char *rel);
/* A workspace in a fresh temporary folder (*dir, remove with
 * testutil_rmtree()) loaded with the embedded demo dataset (dataset.ini),
 * not yet analysed. Fails the test when it cannot be made. */
struct povatlas_workspace *testutil_demo_workspace(char **dir);

/* A fresh workspace in its own temporary folder holding the shipped unit
 * table (and the crosswalk when @with_crosswalk), with an empty report:
 * the cmocka fixture of the import tests. Owned by the caller; free with
 * testutil_units_ws_free(). */
typedef struct testutil_units_ws {
    char *dir;
    char *db;
    struct povatlas_workspace *ws;
    struct povatlas_report *report;
} testutil_units_ws;
testutil_units_ws *testutil_units_ws_new(gboolean with_crosswalk);
/* The same with the unit table @units_csv (CSV text, written to units.csv
 * in the fixture's folder) instead of the shipped one. */
testutil_units_ws *testutil_units_ws_with(const char *units_csv);
void testutil_units_ws_free(testutil_units_ws *f);
/* cmocka setup and teardown of a testutil_units_ws in *state: the shipped
 * units, with the crosswalk for the _crosswalk variant. */
int testutil_units_setup(void **state);
int testutil_units_setup_crosswalk(void **state);
int testutil_units_teardown(void **state);

/* The command names of a `povatlas --help` text: the first word of each
 * line under "Commands:" (transfer full, strings g_free). */
GPtrArray *testutil_help_commands(const char *help);

/* The text of @pdf (pdftotext), of page @page only when @page > 0
 * (g_free); fails the test when pdftotext fails. */
char *testutil_pdf_text(const char *pdf, int page);

/* Number of entries of folder @dir (0 when it cannot be read): what an
 * output or a failed write left behind. */
guint testutil_count_entries(const char *dir);

/* povatlas_workspace_get_indicator() that must not fail (the test fails
 * when it does): 1 and *@value when stored and defined, else 0. */
int testutil_indicator(struct povatlas_workspace *ws, const char *unit_code,
                       int year, const char *name, double *value);

/* Where the fixtures below put the workspace of folder @dir (g_free): the
 * file @dir/w.sqlite, or, under POVATLAS_TEST_DB=postgresql (the NAME_on_pg
 * tests), a connection to a schema of its own on the test server (exits
 * 77, skipped, when there is none). What a test gives `--db` or
 * db_open() to reach the same workspace as the fixture's. */
char *testutil_workspace_target(const char *dir);

/* The rows of @sql (SQLite's dialect, as the store writes it) on the
 * workspace @target (a file or a PostgreSQL connection, read only): each
 * row's columns as text joined by '|', NULL as "", a whole REAL without
 * its ".0" (as PostgreSQL writes it: 1500, not 1500.0; a truth value
 * reads alike on both only as CASE WHEN .. THEN 1 ELSE 0 END: PostgreSQL
 * writes t and f), each row ending in
 * '\n' (g_free). Fails the test when the query does. For tests that check
 * what was stored, on either backend. */
char *testutil_query(const char *target, const char *sql);

/* A fresh, empty workspace in a fresh temporary folder (*dir, remove with
 * testutil_rmtree(); *db the workspace file, nullable). Fails the test
 * when it cannot be made. */
struct povatlas_workspace *testutil_workspace_new(char **dir, char **db);

/* A household of @unit_code, @household_id (both borrowed) and @year,
 * recorded as @recorded_status, 3 members and every optional value
 * unknown (-1): what tests that write lists directly start from. */
povatlas_household testutil_household(const char *unit_code,
                                      const char *household_id, int year,
                                      povatlas_class recorded_status);

/* Runs the povatlas binary with @argv (NULL-terminated, without argv[0]);
 * captures stdout/stderr (g_free) and returns the exit status. */
int testutil_run(const char *const *argv, char **out, char **err);

/* Runs @argv (argv[0] a path or a name looked up in @envp's PATH) in
 * folder @cwd (nullable: the current one) with environment @envp
 * (nullable: this process's); captures stdout/stderr (g_free, each
 * nullable) and returns the exit status, -1 when it did not exit. */
int testutil_spawn(const char *cwd, char **envp, const char *const *argv,
                   char **out, char **err);

/* `cmake --install` of this build tree into DIR/prefix (*@prefix) of a
 * new temporary folder DIR; fails the test when it does not succeed.
 * Returns: DIR. Give both to testutil_uninstall(), which removes DIR and
 * frees them. */
char *testutil_install(char **prefix);
void testutil_uninstall(char *dir, char *prefix);

#endif
