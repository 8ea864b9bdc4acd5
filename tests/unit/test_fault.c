/*
 * test_fault.c - the fault-injection sweep (src/core/fault.c): for import,
 * analyze, map, atlas and export, make the N-th store step, GDAL call of
 * an export (layer, field, metadata, transform, feature) or cairo write
 * fail, for every N up to the operation's last one
 * (sampled in the middle of long runs, below), and check each time that
 *   - the call returns an error with a message,
 *   - the workspace holds exactly what it held before (every row of every
 *     table) and no transaction is left open,
 *   - nothing is left at the destination: the output folder stays empty.
 * The N past the last hit must then run clean, which proves the sweep
 * reached the end. The allocation sweeps fail the N-th checked allocation
 * (core/alloc.h) of a household import through each reader and of every
 * other import that keeps rows, and ask more: the status is
 * POVATLAS_E_NOMEM and nothing reaches stdout or stderr. A store statement that
 * cannot be prepared (no memory) comes back as E_NOMEM from every caller; a
 * failed rollback never hides the error that asked for it.
 */
#include "testutil.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/fault.h"
#include "povatlas/analysis.h"
#include "povatlas/export.h"
#include "povatlas/ingest.h"
#include "povatlas/maps.h"
#include "povatlas/pipeline.h"
#include "store/store_private.h"

/* Every N up to EVERY_UNTIL and over the last TAIL hits; in between,
 * steps growing by a quarter, so that an analysis with thousands of
 * writes costs tens of runs, not thousands. */
#define EVERY_UNTIL 40
#define TAIL 12

typedef struct fixture {
    char *dir;
    povatlas_workspace *ws;
    char *out; /* the destination folder, empty between calls */
} fixture;

typedef povatlas_status (*operation)(fixture *f, povatlas_error **err);

/* SHA-256 over every row of every table, in rowid order. */
static char *fingerprint(const char *db_path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    sqlite3_stmt *tables = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT name FROM sqlite_master WHERE type = "
                           "'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                           "ORDER BY name",
                           -1, &tables, NULL),
        SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        g_checksum_update(sum, (const guchar *)name, -1);
        g_autofree char *sql =
            g_strdup_printf("SELECT * FROM \"%s\" ORDER BY rowid", name);
        sqlite3_stmt *rows = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &rows, NULL) != SQLITE_OK) {
            /* WITHOUT ROWID tables: their primary key orders them */
            g_autofree char *plain =
                g_strdup_printf("SELECT * FROM \"%s\"", name);
            assert_int_equal(sqlite3_prepare_v2(db, plain, -1, &rows, NULL),
                             SQLITE_OK);
        }
        while (sqlite3_step(rows) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(rows); c++) {
                int type = sqlite3_column_type(rows, c);
                g_checksum_update(sum, (const guchar *)&type, sizeof type);
                const void *b = sqlite3_column_blob(rows, c);
                int n = sqlite3_column_bytes(rows, c);
                if (b && n > 0)
                    g_checksum_update(sum, b, n);
            }
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    sqlite3_close(db);
    char *hex = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    return hex;
}

/* How many hits of @sites @op makes when nothing fails, counted on a copy
 * of the workspace so that the real one is left as it is. */
static long count_hits(fixture *f, operation op, unsigned sites)
{
    /* VACUUM INTO: the workspace is in WAL mode, its file alone is not
     * the whole of it */
    g_autofree char *copy = g_build_filename(f->dir, "count.sqlite", NULL);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(povatlas_workspace_path(f->ws), &db,
                                     SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    g_autofree char *sql = g_strdup_printf("VACUUM INTO '%s'", copy);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    fixture c = *f;
    c.ws = povatlas_workspace_open(copy, 0, NULL);
    assert_non_null(c.ws);
    povatlas_fault_arm(sites, 0, 0);
    povatlas_error *err = NULL;
    povatlas_status st = op(&c, &err);
    long hits = povatlas_fault_hits();
    povatlas_fault_arm(0, 0, 0);
    if (st != POVATLAS_OK)
        fail_msg("the operation fails without a fault: %s",
                 err ? err->message : "?");
    povatlas_workspace_close(c.ws);
    static const char *const endings[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < G_N_ELEMENTS(endings); i++) {
        g_autofree char *p = g_strconcat(copy, endings[i], NULL);
        g_remove(p);
    }
    testutil_rmtree(f->out);
    g_mkdir(f->out, 0755);
    return hits;
}

/* Runs @op with stdout and stderr sent to a file; the bytes written to
 * them land in *printed (0: the library printed nothing). */
static povatlas_status run_quietly(fixture *f, operation op,
                                   povatlas_error **err, long *printed)
{
    g_autofree char *path = g_build_filename(f->dir, "printed.txt", NULL);
    fflush(stdout);
    fflush(stderr);
    int sink = g_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(sink >= 0);
    int out = dup(1), errfd = dup(2);
    dup2(sink, 1);
    dup2(sink, 2);
    povatlas_status st = op(f, err);
    fflush(stdout);
    fflush(stderr);
    dup2(out, 1);
    dup2(errfd, 2);
    close(out);
    close(errfd);
    close(sink);
    GStatBuf sb;
    assert_int_equal(g_stat(path, &sb), 0);
    *printed = (long)sb.st_size;
    g_remove(path);
    return st;
}

static long next_n(long n, long total)
{
    if (n < EVERY_UNTIL || n >= total - TAIL)
        return n + 1;
    long step = n / 4;
    return n + step > total - TAIL ? total - TAIL : n + step;
}

/* The sweep. @changes: the operation writes the workspace when it
 * succeeds (the final clean run is then not compared). Returns the number
 * of faults injected. */
static long sweep(fixture *f, const char *what, operation op, unsigned sites,
                  int changes)
{
    long total = count_hits(f, op, sites);
    if (total == 0)
        fail_msg("%s: no fault site reached", what);
    g_autofree char *before = fingerprint(povatlas_workspace_path(f->ws));
    long runs = 0;
    for (long n = 1; n <= total + 1;
         n = sites == POVATLAS_FAULT_GDAL_CALL || sites == POVATLAS_FAULT_ALLOC
                 ? n + 1
                 : next_n(n, total)) {
        povatlas_error *err = NULL;
        if (sites & POVATLAS_FAULT_STORE_PREPARE) {
            /* opened afresh, as the count's copy was: a statement the
             * workspace keeps prepared is prepared again */
            g_autofree char *path = g_strdup(povatlas_workspace_path(f->ws));
            povatlas_workspace_close(f->ws);
            f->ws = povatlas_workspace_open(path, 0, NULL);
            assert_non_null(f->ws);
        }
        povatlas_fault_arm(sites, n, 0);
        long printed = 0;
        povatlas_status st = sites == POVATLAS_FAULT_ALLOC
                                 ? run_quietly(f, op, &err, &printed)
                                 : op(f, &err);
        long failed = povatlas_fault_failed();
        povatlas_fault_arm(0, 0, 0);
        if (n > total) {
            if (failed != 0 || st != POVATLAS_OK)
                fail_msg("%s: %ld hits counted, yet the run past them "
                         "failed (%s)",
                         what, total, err ? err->message : "no error");
            break;
        }
        runs++;
        if (failed != 1)
            fail_msg("%s: fault %ld of %ld: %ld hits failed, not 1", what, n,
                     total, failed);
        if (st == POVATLAS_OK)
            fail_msg("%s: fault %ld of %ld was swallowed (returned OK)", what,
                     n, total);
        if (err == NULL || err->message == NULL || err->message[0] == '\0')
            fail_msg("%s: fault %ld of %ld returned %d without a message", what,
                     n, total, st);
        /* a failed store step comes back as itself: a full disk, said so
         * with SQLite's reason, not a status or message made up on the
         * way */
        if (sites == POVATLAS_FAULT_STORE_STEP &&
            (st != POVATLAS_E_IO || err->code != POVATLAS_E_IO ||
             !strstr(err->message, "the disk holding the workspace is full "
                                   "(database or disk is full)")))
            fail_msg("%s: fault %ld of %ld returned %s '%s', not E_IO with "
                     "the full disk",
                     what, n, total, povatlas_status_name(st), err->message);
        /* a statement SQLite could not prepare for want of memory: every
         * caller on the way returns the store's E_NOMEM */
        if (sites == POVATLAS_FAULT_STORE_PREPARE &&
            (st != POVATLAS_E_NOMEM || err->code != POVATLAS_E_NOMEM ||
             !strstr(err->message, "cannot prepare a statement: out of "
                                   "memory")))
            fail_msg("%s: fault %ld of %ld returned %s '%s', not E_NOMEM "
                     "from the store",
                     what, n, total, povatlas_status_name(st), err->message);
        /* an allocation that fails is out of memory, said so quietly */
        if (sites == POVATLAS_FAULT_ALLOC &&
            (st != POVATLAS_E_NOMEM || err->code != POVATLAS_E_NOMEM ||
             !strstr(err->message, "out of memory") || printed != 0))
            fail_msg("%s: fault %ld of %ld returned %s '%s' (%ld bytes "
                     "printed), not E_NOMEM quietly",
                     what, n, total, povatlas_status_name(st), err->message,
                     printed);
        povatlas_error_free(err);
        if (db_in_transaction(f->ws->db))
            fail_msg("%s: fault %ld of %ld left a transaction open", what, n,
                     total);
        g_autofree char *after = fingerprint(povatlas_workspace_path(f->ws));
        if (strcmp(before, after) != 0)
            fail_msg("%s: fault %ld of %ld changed the workspace", what, n,
                     total);
        if (testutil_count_entries(f->out) != 0)
            fail_msg("%s: fault %ld of %ld left a file in the output folder",
                     what, n, total);
    }
    if (!changes) {
        g_autofree char *after = fingerprint(povatlas_workspace_path(f->ws));
        assert_string_equal(before, after);
    }
    testutil_rmtree(f->out);
    g_mkdir(f->out, 0755);
    print_message("%s: %ld hits, %ld faults injected\n", what, total, runs);
    return runs;
}

/* ---- the operations -------------------------------------------------- */

static povatlas_status op_import(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->dir, "list_2024.csv", NULL);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    return povatlas_import_households(f->ws, path, &o, NULL, NULL, err);
}

static povatlas_status import_with(fixture *f, povatlas_csv_engine engine,
                                   povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->dir, "list_2024.csv", NULL);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.csv_engine = engine;
    o.replace = engine == POVATLAS_CSV_GDAL;
    return povatlas_import_households(f->ws, path, &o, NULL, NULL, err);
}

static povatlas_status op_import_fast(fixture *f, povatlas_error **err)
{
    return import_with(f, POVATLAS_CSV_FAST, err);
}

static povatlas_status op_import_gdal(fixture *f, povatlas_error **err)
{
    return import_with(f, POVATLAS_CSV_GDAL, err);
}

/* The list imported once more, replacing its year. */
static povatlas_status op_import_again(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->dir, "list_2024.csv", NULL);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.replace = 1;
    return povatlas_import_households(f->ws, path, &o, NULL, NULL, err);
}

static povatlas_status op_analyze(fixture *f, povatlas_error **err)
{
    return povatlas_analyze(f->ws, NULL, NULL, err);
}

static povatlas_status op_map_png(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->out, "m.png", NULL);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.year = 2023; /* the imported 2024 list has no ward totals */
    o.width_px = 800;
    o.height_px = 600;
    return povatlas_map_indicator(f->ws, &o, path, NULL, err);
}

static povatlas_status op_map_pdf(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->out, "m.pdf", NULL);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.year = 2023;
    o.width_px = 800;
    o.height_px = 600;
    return povatlas_map_indicator(f->ws, &o, path, NULL, err);
}

static povatlas_status op_atlas(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->out, "a.pdf", NULL);
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    o.year = 2023;
    return povatlas_atlas_write(f->ws, &o, path, err);
}

static povatlas_status export_as(fixture *f, const char *format,
                                 const char *name, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->out, name, NULL);
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    o.format = format;
    o.year = 2023; /* the imported 2024 list has no ward totals */
    return povatlas_export_wards(f->ws, path, &o, err);
}

static povatlas_status op_export_gpkg(fixture *f, povatlas_error **err)
{
    return export_as(f, "GPKG", "w.gpkg", err);
}

static povatlas_status op_export_geojson(fixture *f, povatlas_error **err)
{
    return export_as(f, "GeoJSON", "w.geojson", err);
}

static povatlas_status op_export_shp(fixture *f, povatlas_error **err)
{
    return export_as(f, "ESRI Shapefile", "w.shp", err);
}

/* In UTM metres: every polygon and zone transformed on the way. */
static povatlas_status op_export_gpkg_utm(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->out, "utm.gpkg", NULL);
    povatlas_export_opts o;
    povatlas_export_opts_init(&o);
    o.year = 2023;
    o.t_srs = "EPSG:32649";
    return povatlas_export_wards(f->ws, path, &o, err);
}

/* The other importers, each reading its file of f->dir: what they keep
 * from row to row (the keys of the rows read, the units' periods, the
 * polygons) is asked of the checked allocator too. */

static const char *const WARDS[] = {
    "22738", "22741", "22744", "22747", "22750", "22753", "22756", "22759",
    "22762", "22765", "22768", "22771", "22774", "22777", "22779", "22780"};

static const char *const PROGRAMS[] = {
    "DA2",   "DA3.1", "DA3.2", "DA4.1", "DA4.3", "DA6.1", "DA6.2", "DA7.1",
    "DA7.2", "VBSP",  "BHYT",  "GD",    "NHA",   "NSVS",  "TGXH"};

typedef povatlas_status (*import_fn)(povatlas_workspace *ws, const char *path,
                                     const povatlas_import_opts *opts,
                                     povatlas_report *report,
                                     povatlas_import_result *result,
                                     povatlas_error **err);

#define WARD_YEAR_FROM 2009 /* every ward of WARDS is in force 2009-2023 */
#define WARD_YEAR_TO 2023

static povatlas_status import_file(fixture *f, const char *name, import_fn fn,
                                   int year, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(f->dir, name, NULL);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = year;
    o.replace = 1;
    return fn(f->ws, path, &o, NULL, NULL, err);
}

static povatlas_status op_stats(fixture *f, povatlas_error **err)
{
    return import_file(f, "stats.csv", povatlas_import_ward_stats, 0, err);
}

static povatlas_status op_activities(fixture *f, povatlas_error **err)
{
    return import_file(f, "activities.csv", povatlas_import_activities, 0, err);
}

static povatlas_status op_exits(fixture *f, povatlas_error **err)
{
    return import_file(f, "exits.csv", povatlas_import_exits, 0, err);
}

static povatlas_status op_units(fixture *f, povatlas_error **err)
{
    return import_file(f, "units.csv", povatlas_import_units, 0, err);
}

static povatlas_status op_boundaries(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(POVATLAS_SOURCE_DIR, "geodata",
                                             "wards_schematic.geojson", NULL);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023; /* as the demo's dataset.ini */
    return povatlas_import_boundaries(f->ws, path, &o, NULL, NULL, err);
}

static povatlas_status op_context(fixture *f, povatlas_error **err)
{
    g_autofree char *path = g_build_filename(POVATLAS_SOURCE_DIR, "geodata",
                                             "context.geojson", NULL);
    return povatlas_import_context(f->ws, path, NULL, NULL, NULL, err);
}

/* Writes the first @rows rows of each table the operations above read:
 * ward statistics (ward x year), activities (program x ward x year),
 * exits of 2026 from the wards of July 2025 (no list of 2025 or 2026 is
 * stored) and new units. */
static void write_tables(fixture *f, int rows)
{
    GString *stats = g_string_new("unit_code,year,households,population\n");
    GString *acts = g_string_new("program,unit_code,year,households_reached,"
                                 "poor_reached,near_poor_reached\n");
    GString *exits = g_string_new("household_id,unit_code,year,reason\n");
    GString *units = g_string_new("code,name,unit_type,urban,valid_from\n");
    static const char *const now[] = {"22759", "22780", "22834", "22741",
                                      "22738"};
    int n_stats = 0, n_acts = 0;
    for (int y = WARD_YEAR_FROM; y <= WARD_YEAR_TO; y++)
        for (size_t w = 0; w < G_N_ELEMENTS(WARDS); w++) {
            if (n_stats++ < rows)
                g_string_append_printf(stats, "%s,%d,%d,%d\n", WARDS[w], y,
                                       1000 + y, 4000 + y);
            for (size_t p = 0; p < G_N_ELEMENTS(PROGRAMS); p++)
                if (n_acts++ < rows)
                    g_string_append_printf(acts, "%s,%s,%d,3,1,1\n",
                                           PROGRAMS[p], WARDS[w], y);
        }
    for (int i = 0; i < rows; i++) {
        g_string_append_printf(exits, "X%d,%s,2026,chết\n", i,
                               now[i % G_N_ELEMENTS(now)]);
        g_string_append_printf(units, "9%05d,Xã %d,xa,0,2026-01-01\n", i, i);
    }
    const struct {
        const char *name;
        GString *text;
    } files[] = {{"stats.csv", stats},
                 {"activities.csv", acts},
                 {"exits.csv", exits},
                 {"units.csv", units}};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        g_free(
            testutil_write_file(f->dir, files[i].name, files[i].text->str, -1));
        g_string_free(files[i].text, TRUE);
    }
}

/* ---- the tests ------------------------------------------------------- */

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    f->ws = testutil_demo_workspace(&f->dir);
    f->out = g_build_filename(f->dir, "out", NULL);
    g_mkdir(f->out, 0755);
    g_autofree char *list = testutil_write_file(
        f->dir, "list_2024.csv",
        "household_id,unit_code,year,members,income_per_capita,"
        "n_deprivations,recorded_status\n"
        "F1,22738,2024,4,1900000,3,poor\n"
        "F2,22774,2024,2,1500000,0,near_poor\n"
        "F3,22741,2024,3,9000000,0,not_poor\n",
        -1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    povatlas_fault_arm(0, 0, 0);
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f->out);
    g_free(f);
    return 0;
}

/* One test in order: the import and the analysis change the workspace the
 * maps, atlas and exports then read. */
static void test_every_fault_fails_cleanly(void **state)
{
    fixture *f = *state;
    sweep(f, "import households", op_import, POVATLAS_FAULT_STORE_STEP, 1);
    sweep(f, "analyze", op_analyze, POVATLAS_FAULT_STORE_STEP, 1);
    sweep(f, "import households again (prepare)", op_import_again,
          POVATLAS_FAULT_STORE_PREPARE, 1);
    sweep(f, "analyze (prepare)", op_analyze, POVATLAS_FAULT_STORE_PREPARE, 1);
    sweep(f, "map png", op_map_png, POVATLAS_FAULT_ALL, 0);
    sweep(f, "map pdf", op_map_pdf, POVATLAS_FAULT_ALL, 0);
    sweep(f, "atlas", op_atlas, POVATLAS_FAULT_ALL, 0);
    sweep(f, "export gpkg", op_export_gpkg, POVATLAS_FAULT_ALL, 0);
    sweep(f, "export geojson", op_export_geojson, POVATLAS_FAULT_ALL, 0);
    sweep(f, "export shapefile", op_export_shp, POVATLAS_FAULT_ALL, 0);
    /* the GeoPackage's coverage table reads the workspace: a failed read
     * is an error, not a GeoPackage without the table */
    sweep(f, "export gpkg (prepare)", op_export_gpkg,
          POVATLAS_FAULT_STORE_PREPARE, 0);
    /* every layer, field, metadata item and transformation, one by one */
    sweep(f, "export gpkg (GDAL calls)", op_export_gpkg_utm,
          POVATLAS_FAULT_GDAL_CALL, 0);
    sweep(f, "export shapefile (GDAL calls)", op_export_shp,
          POVATLAS_FAULT_GDAL_CALL, 0);
}

/* Out of memory at every checked allocation of a household import, read
 * by libcsv and by GDAL: E_NOMEM, nothing printed, the workspace as it
 * was; the run past the last allocation imports the list. */
static void test_every_allocation_fails_cleanly(void **state)
{
    fixture *f = *state;
    long fast = sweep(f, "import households (fast CSV) out of memory",
                      op_import_fast, POVATLAS_FAULT_ALLOC, 1);
    /* the buffers, libcsv's, the key set, the batches and their text */
    assert_true(fast >= 8);
    /* the list landed at the end of that sweep: GDAL's reader replaces
     * it */
    long gdal = sweep(f, "import households (GDAL CSV) out of memory",
                      op_import_gdal, POVATLAS_FAULT_ALLOC, 1);
    assert_true(gdal >= 8);
}

/* Every other importer, out of memory at each of its checked
 * allocations: E_NOMEM, nothing printed, the workspace as it was. What an
 * import keeps per row is among them: a file of many rows makes more
 * checked allocations than a file of one (GLib's containers, which abort
 * when memory runs out, made none). */
static void test_every_import_out_of_memory(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *what;
        operation op;
    } tables[] = {{"import ward statistics", op_stats},
                  {"import activities", op_activities},
                  {"import exits", op_exits},
                  {"import units", op_units}};
    long one[G_N_ELEMENTS(tables)];
    write_tables(f, 1);
    for (size_t i = 0; i < G_N_ELEMENTS(tables); i++)
        one[i] = count_hits(f, tables[i].op, POVATLAS_FAULT_ALLOC);
    /* 240 ward statistics, 1,000 rows of each other table */
    write_tables(f, 1000);
    for (size_t i = 0; i < G_N_ELEMENTS(tables); i++) {
        long many = count_hits(f, tables[i].op, POVATLAS_FAULT_ALLOC);
        if (many <= one[i])
            fail_msg("%s: %ld checked allocations for many rows, %ld for "
                     "one: the rows read are kept unchecked",
                     tables[i].what, many, one[i]);
        g_autofree char *what =
            g_strdup_printf("%s out of memory", tables[i].what);
        sweep(f, what, tables[i].op, POVATLAS_FAULT_ALLOC, 1);
    }
    /* per feature of 16: its WKB, its queued area measure and the rings
     * it measures (18 faults before these were checked); and the codes
     * and extents read */
    long polygons = sweep(f, "import boundaries out of memory", op_boundaries,
                          POVATLAS_FAULT_ALLOC, 1);
    /* and the codes of the stored units, a key_set since (74 faults
     * before, 86 with it) */
    assert_true(polygons >= 3 * 16 + 30);
    long context = sweep(f, "import context out of memory", op_context,
                         POVATLAS_FAULT_ALLOC, 1);
    assert_true(context >= 6);
    /* the analysis of what was imported: its checked allocations, each
     * failed in turn - the areas, and the spatial statistics of the 16
     * wards: their inputs, each polygon reprojected, the snapped
     * contiguity's vertices, pairs and links, the subset analysed, the
     * result and the statistics' work arrays (88) */
    long analysis =
        sweep(f, "analyze out of memory", op_analyze, POVATLAS_FAULT_ALLOC, 1);
    assert_true(analysis >= 16 + 40);
}

/* A store call whose statement cannot be prepared returns the store's
 * status, E_NOMEM, even when the caller wants no error. */
static void test_prepare_status(void **state)
{
    fixture *f = *state;
    povatlas_fault_arm(POVATLAS_FAULT_STORE_PREPARE, 1, 0);
    assert_int_equal(povatlas_workspace_set_meta(f->ws, "x", "1", NULL),
                     POVATLAS_E_NOMEM);
    povatlas_fault_arm(POVATLAS_FAULT_STORE_PREPARE, 1, 0);
    povatlas_error *err = NULL;
    int syn = 0;
    assert_int_equal(povatlas_workspace_is_synthetic(f->ws, &syn, &err),
                     POVATLAS_E_NOMEM);
    assert_int_equal(err->code, POVATLAS_E_NOMEM);
    assert_string_equal(err->message,
                        "cannot prepare a statement: out of memory");
    povatlas_error_free(err);
    povatlas_fault_arm(0, 0, 0);
    /* a full disk on a write: E_IO in plain words */
    povatlas_fault_arm(POVATLAS_FAULT_STORE_STEP, 1, 0);
    err = NULL;
    assert_int_equal(povatlas_workspace_set_meta(f->ws, "x", "1", &err),
                     POVATLAS_E_IO);
    povatlas_fault_arm(0, 0, 0);
    assert_string_equal(err->message,
                        "cannot write meta: the disk holding the workspace "
                        "is full (database or disk is full)");
    povatlas_error_free(err);
}

/* A rollback that fails: on its own it returns its status and says so;
 * after a failure it leaves that failure's error and status in place
 * (the first error wins) and the workspace as it was. */
static void test_failed_rollback(void **state)
{
    fixture *f = *state;
    g_autofree char *before = fingerprint(povatlas_workspace_path(f->ws));
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_workspace_begin(f->ws, &err), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_set_meta(f->ws, "x", "1", &err),
                     POVATLAS_OK);
    povatlas_fault_arm(POVATLAS_FAULT_STORE_ROLLBACK, 1, 0);
    povatlas_status st = povatlas_workspace_rollback(f->ws, &err);
    assert_int_equal(povatlas_fault_failed(), 1);
    povatlas_fault_arm(0, 0, 0);
    assert_int_equal(st, POVATLAS_E_IO);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_IO);
    assert_string_equal(err->message, "cannot roll back: disk I/O error");
    povatlas_error_free(err);
    err = NULL;
    assert_false(db_in_transaction(f->ws->db));
    /* outside a transaction there is nothing to fail */
    assert_int_equal(povatlas_workspace_rollback(f->ws, &err), POVATLAS_OK);
    assert_null(err);

    /* an import refused for a bad row: its own error survives the failed
     * rollback */
    g_autofree char *bad =
        testutil_write_file(f->dir, "bad_2024.csv",
                            "household_id,unit_code,year,members,"
                            "income_per_capita,n_deprivations,"
                            "recorded_status\n"
                            "F1,22738,2024,-4,1900000,3,poor\n",
                            -1);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    povatlas_fault_arm(POVATLAS_FAULT_STORE_ROLLBACK, 1, 0);
    st = povatlas_import_households(f->ws, bad, &o, NULL, NULL, &err);
    assert_int_equal(povatlas_fault_failed(), 1);
    povatlas_fault_arm(0, 0, 0);
    assert_int_equal(st, POVATLAS_E_INPUT);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "1 of 1 rows rejected; nothing was "
                                         "imported"));
    povatlas_error_free(err);
    assert_false(db_in_transaction(f->ws->db));
    g_autofree char *after = fingerprint(povatlas_workspace_path(f->ws));
    assert_string_equal(before, after);
}

/* The hook itself: the N-th hit only, or every hit from N on. */
static void test_hook_counts(void **state)
{
    (void)state;
    povatlas_fault_arm(POVATLAS_FAULT_GDAL_WRITE, 3, 0);
    int fails[6];
    for (int i = 0; i < 6; i++)
        fails[i] = povatlas_fault_hit(POVATLAS_FAULT_GDAL_WRITE);
    assert_int_equal(povatlas_fault_hit(POVATLAS_FAULT_CAIRO_WRITE), 0);
    static const int once[6] = {0, 0, 1, 0, 0, 0};
    assert_memory_equal(fails, once, sizeof once);
    assert_int_equal(povatlas_fault_hits(), 6);
    assert_int_equal(povatlas_fault_failed(), 1);
    povatlas_fault_arm(POVATLAS_FAULT_ALL, 2, 1);
    for (int i = 0; i < 6; i++)
        fails[i] = povatlas_fault_hit(i % 2 ? POVATLAS_FAULT_STORE_STEP
                                            : POVATLAS_FAULT_CAIRO_WRITE);
    static const int after[6] = {0, 1, 1, 1, 1, 1};
    assert_memory_equal(fails, after, sizeof after);
    povatlas_fault_arm(0, 0, 0);
    assert_int_equal(povatlas_fault_hit(POVATLAS_FAULT_STORE_STEP), 0);
    assert_int_equal(povatlas_fault_hits(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hook_counts),
        cmocka_unit_test_setup_teardown(test_every_fault_fails_cleanly, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_every_allocation_fails_cleanly,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_import_out_of_memory, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failed_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prepare_status, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
