/*
 * test_reports.c - the report commands through the povatlas binary: a
 * report that cannot be made names the missing input ("no review list for
 * 2021"), never a year 0 and never "run analyze"; `targets` and the atlas
 * cover say when no targets were imported (issue 9 item 6). Every report
 * table written as CSV, JSON and XLSX reads back (CSV parsed here, JSON by
 * tests/scripts/json_table_rows.py, XLSX through OGR) with the same
 * values, which match the workspace and the printed report; the
 * synthetic-data note is in every file; headers are Vietnamese, English
 * with --lang en (issue 9 item 10).
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include "povatlas/pipeline.h"
#include "povatlas/povatlas.h"

typedef struct fx {
    char *dir;
    char *demo_db;     /* the demo dataset, analysed by `demo` */
    char *empty_db;    /* `init` only */
    char *notarget_db; /* the demo dataset without targets.csv */
    char *review_db;   /* the demo with 3 recorded statuses changed */
} fx;

/* The demo dataset without its targets: the shipped files linked into
 * @dir and a copy of dataset.ini without the targets key. */
static char *load_without_targets(const char *dir)
{
    g_autofree char *src =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", NULL);
    g_autoptr(GDir) d = g_dir_open(src, 0, NULL);
    assert_non_null(d);
    for (const char *name; (name = g_dir_read_name(d));) {
        g_autofree char *from = g_build_filename(src, name, NULL);
        g_autofree char *to = g_build_filename(dir, name, NULL);
        assert_int_equal(symlink(from, to), 0);
    }
    g_autofree char *src_ini = g_build_filename(src, "dataset.ini", NULL);
    g_autoptr(GKeyFile) out = g_key_file_new();
    assert_true(g_key_file_load_from_file(out, src_ini, G_KEY_FILE_NONE, NULL));
    assert_true(g_key_file_remove_key(out, "dataset", "targets", NULL));
    g_autofree char *ini = g_build_filename(dir, "notarget.ini", NULL);
    assert_true(g_key_file_save_to_file(out, ini, NULL));
    char *db = g_build_filename(dir, "notarget.sqlite", NULL);
    povatlas_init();
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    povatlas_error *err = NULL;
    if (povatlas_dataset_load(ws, ini, NULL, NULL, NULL, &err))
        fail_msg("%s", err ? err->message : "dataset not loaded");
    povatlas_workspace_close(ws);
    return db;
}

/* A copy of the demo workspace where three households the standard puts
 * near-poor are recorded as poor, so `review` has rows. */
static char *review_copy(const char *demo_db, const char *dir)
{
    char *db = g_build_filename(dir, "review.sqlite", NULL);
    g_autofree char *bytes = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(demo_db, &bytes, &len, NULL));
    assert_true(g_file_set_contents(db, bytes, (gssize)len, NULL));
    sqlite3 *s = NULL;
    assert_int_equal(sqlite3_open(db, &s), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(s,
                     "UPDATE households SET recorded_status = 1 WHERE rowid IN"
                     " (SELECT rowid FROM households WHERE year = 2023 AND"
                     "  recorded_status = 2 AND computed_status = 2"
                     "  ORDER BY unit_code, household_id LIMIT 3)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_changes(s), 3);
    sqlite3_close(s);
    return db;
}

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->dir = testutil_tmpdir();
    *state = f;
    g_autofree char *demo = g_build_filename(f->dir, "demo", NULL);
    const char *argv[] = {"demo", "--out", demo, "-q", NULL};
    if (testutil_run(argv, NULL, NULL) != 0)
        return -1;
    f->demo_db = g_build_filename(demo, "atlas.sqlite", NULL);
    f->empty_db = g_build_filename(f->dir, "empty.sqlite", NULL);
    const char *init[] = {"init", "--db", f->empty_db, "-q", NULL};
    if (testutil_run(init, NULL, NULL) != 0)
        return -1;
    g_autofree char *nt = g_build_filename(f->dir, "nt", NULL);
    g_mkdir(nt, 0700);
    f->notarget_db = load_without_targets(nt);
    const char *classify[] = {"classify", "--db", f->notarget_db, "-q", NULL};
    const char *analyze[] = {"analyze", "--db", f->notarget_db, "-q", NULL};
    if (testutil_run(classify, NULL, NULL) != 0 ||
        testutil_run(analyze, NULL, NULL) != 0)
        return -1;
    f->review_db = review_copy(f->demo_db, f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f->demo_db);
    g_free(f->empty_db);
    g_free(f->notarget_db);
    g_free(f->review_db);
    g_free(f);
    return 0;
}

/* Runs povatlas with @args (space-separated, no spaces inside) and --db
 * @db; returns the exit status, stdout and stderr in *out / *err. */
static int run(const char *db, const char *args, char **out, char **err)
{
    g_auto(GStrv) words = g_strsplit(args, " ", -1);
    GPtrArray *argv = g_ptr_array_new();
    for (char **w = words; *w; w++)
        g_ptr_array_add(argv, *w);
    g_ptr_array_add(argv, (gpointer) "--db");
    g_ptr_array_add(argv, (gpointer)db);
    g_ptr_array_add(argv, NULL);
    int rc = testutil_run((const char *const *)argv->pdata, out, err);
    g_ptr_array_free(argv, TRUE);
    return rc;
}

/* No message names year 0 or sends the user to `analyze`. */
static void assert_no_year0(const char *text)
{
    assert_null(strstr(text, " 0:"));
    assert_null(strstr(text, "for 0"));
    assert_null(strstr(text, "in 0"));
    assert_null(strstr(text, "năm 0"));
    assert_null(strstr(text, "between 0"));
    assert_null(strstr(text, "analyze"));
}

static void test_empty_workspace(void **state)
{
    fx *f = *state;
    static const char *const cmds[] = {"targets",
                                       "review",
                                       "coverage",
                                       "priority",
                                       "series",
                                       "map -o EMPTY.png",
                                       "atlas -o EMPTY.pdf",
                                       "map -t zone-gap -o EMPTY.png"};
    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
        g_autofree char *cmd = NULL;
        if (strstr(cmds[i], "EMPTY")) {
            g_autofree char *file = g_build_filename(f->dir, "empty", NULL);
            g_auto(GStrv) parts = g_strsplit(cmds[i], "EMPTY", 2);
            cmd = g_strconcat(parts[0], file, parts[1], NULL);
        } else {
            cmd = g_strdup(cmds[i]);
        }
        g_autofree char *out = NULL, *err = NULL;
        int rc = run(f->empty_db, cmd, &out, &err);
        if (rc != 1 || !strstr(err, "no review year yet"))
            fail_msg("%s: rc %d, stdout '%s', stderr '%s'", cmd, rc, out, err);
        assert_no_year0(out);
        assert_no_year0(err);
    }
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->empty_db, "summary", &out, &err), 0);
    assert_non_null(strstr(out, "chưa nhập số liệu"));
    assert_no_year0(out);
}

static void test_missing_input_named(void **state)
{
    fx *f = *state;
    static const char *const cases[][2] = {
        {"transitions --from 2021 --to 2023", "no review list for 2021"},
        {"gaps --from 2021 --to 2023", "no review list for 2021"},
        {"coverage -y 2021", "no review list for 2021"},
        {"priority -y 2021", "no review list for 2021"},
        /* as a table: the builder's own error, not "failed" (the CLI read
         * the error beside the builder's call, before it was set) */
        {"transitions --from 2021 --to 2023 --format csv",
         "no review list for 2021"},
        {"gaps --from 2021 --to 2023 --format csv", "no review list for 2021"},
        {"coverage -y 2021 --format csv", "no review list for 2021"},
        {"priority -y 2021 --format csv", "no review list for 2021"},
        {"review -y 2021 --format csv", "no review list for 2021"},
        {"breakdown --year 2021 --format csv", "no review list for 2021"},
        {"map -y 2030 -o MAP", "indicator 'poor_rate' has no value in 2030: "
                               "no review list for 2030"},
        {"map -y 2022 -i coverage -o MAP",
         "indicator 'coverage' has no value in 2022: no programme activities "
         "for 2022"},
    };
    g_autofree char *map = g_build_filename(f->dir, "m.png", NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(GStrv) parts = g_strsplit(cases[i][0], "MAP", 2);
        g_autofree char *cmd = parts[1]
                                   ? g_strconcat(parts[0], map, parts[1], NULL)
                                   : g_strdup(parts[0]);
        g_autofree char *out = NULL, *err = NULL;
        int rc = run(f->demo_db, cmd, &out, &err);
        if (rc != 1 || !strstr(err, cases[i][1]))
            fail_msg("%s: rc %d, stderr '%s'", cmd, rc, err);
        assert_no_year0(err);
    }
    assert_false(g_file_test(map, G_FILE_TEST_EXISTS));
}

static void test_no_targets(void **state)
{
    fx *f = *state;
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->notarget_db, "targets", &out, &err), 0);
    assert_string_equal(out, "Chỉ tiêu kế hoạch năm 2023: chưa nhập chỉ tiêu "
                             "kế hoạch nào cho năm này.\n");
    assert_null(strstr(out, "đều đạt"));
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->notarget_db, "targets --lang en", &out, &err), 0);
    assert_string_equal(out, "Plan targets for 2023: no plan targets imported "
                             "for this year.\n");
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->notarget_db, "summary", &out, &err), 0);
    assert_true(g_str_has_suffix(out, "Chỉ tiêu kế hoạch năm 2023: chưa nhập "
                                      "chỉ tiêu kế hoạch nào cho năm này.\n"));
    /* the demo (targets imported) still judges them */
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->demo_db, "targets", &out, &err), 0);
    assert_non_null(strstr(out, "2/6 chỉ tiêu CHƯA ĐẠT"));
}

static void test_atlas_cover_without_targets(void **state)
{
    fx *f = *state;
    g_autofree char *pdf = g_build_filename(f->dir, "nt.pdf", NULL);
    g_autofree char *cmd = g_strdup_printf("atlas -q -o %s", pdf);
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->notarget_db, cmd, &out, &err), 0);
    assert_string_equal(out, "");
    g_autofree char *cover = testutil_pdf_text(pdf, 1);
    assert_null(strstr(cover, "Chỉ tiêu kế hoạch\n"));
    assert_non_null(strstr(cover, "Chưa nhập chỉ tiêu kế hoạch năm 2023"));
    g_autofree char *pdf2 = g_build_filename(f->dir, "demo.pdf", NULL);
    g_autofree char *cmd2 = g_strdup_printf("atlas -q -o %s", pdf2);
    g_autofree char *out2 = NULL, *err2 = NULL;
    assert_int_equal(run(f->demo_db, cmd2, &out2, &err2), 0);
    g_autofree char *cover2 = testutil_pdf_text(pdf2, 1);
    assert_non_null(strstr(cover2, "Chỉ tiêu kế hoạch"));
    assert_null(strstr(cover2, "Chưa nhập chỉ tiêu"));
}

/* ------------------------------------------------------ tables as files */

#define NOTE_VI "DỮ LIỆU GIẢ LẬP — không phải số liệu thật"

/* RFC 4180: rows of cells (GStrv each), quotes and CRLF handled. */
static GPtrArray *parse_csv(const char *text)
{
    GPtrArray *rows =
        g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    GPtrArray *row = g_ptr_array_new();
    GString *cell = g_string_new(NULL);
    gboolean quoted = FALSE, any = FALSE;
    for (const char *p = text; *p; p++) {
        if (quoted) {
            if (*p == '"' && p[1] == '"')
                g_string_append_c(cell, *p++);
            else if (*p == '"')
                quoted = FALSE;
            else
                g_string_append_c(cell, *p);
            continue;
        }
        any = TRUE;
        if (*p == '"') {
            quoted = TRUE;
        } else if (*p == ',') {
            g_ptr_array_add(row, g_string_free(cell, FALSE));
            cell = g_string_new(NULL);
        } else if (*p == '\r') {
            continue;
        } else if (*p == '\n') {
            g_ptr_array_add(row, g_string_free(cell, FALSE));
            cell = g_string_new(NULL);
            g_ptr_array_add(row, NULL);
            g_ptr_array_add(rows, g_ptr_array_free(row, FALSE));
            row = g_ptr_array_new();
            any = FALSE;
        } else {
            g_string_append_c(cell, *p);
        }
    }
    assert_false(any); /* every row ends with a line break */
    g_string_free(cell, TRUE);
    g_ptr_array_free(row, TRUE);
    return rows;
}

static GPtrArray *read_csv(const char *path)
{
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    return parse_csv(text);
}

/* The JSON table through python3's json (the script checks its shape):
 * rows as CSV, the notes in *notes. */
static GPtrArray *read_json(const char *path, char **notes)
{
    g_autofree char *script = g_build_filename(
        POVATLAS_SOURCE_DIR, "tests", "scripts", "json_table_rows.py", NULL);
    const char *argv[] = {"python3", script, path, NULL};
    char *out = NULL, *err = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &out, &err, &status, NULL));
    if (status != 0)
        fail_msg("%s: %s", path, err);
    g_free(err);
    char *last = strstr(out, "#notes:");
    assert_non_null(last);
    *notes = g_strchomp(g_strdup(last + strlen("#notes:")));
    *last = '\0';
    GPtrArray *rows = parse_csv(out);
    g_free(out);
    return rows;
}

/* The XLSX sheet through OGR, the first row as the heads. */
static GPtrArray *read_xlsx(const char *path)
{
    const char *oo[] = {"HEADERS=FORCE", NULL};
    /* the importers leave these set to DISABLE / STRING on this thread */
    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
    CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO");
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, oo, NULL);
    assert_non_null(ds);
    assert_int_equal(GDALDatasetGetLayerCount(ds), 1);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(l);
    int n = OGR_FD_GetFieldCount(d);
    GPtrArray *rows =
        g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    char **head = g_new0(char *, n + 1);
    for (int i = 0; i < n; i++)
        head[i] = g_strdup(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i)));
    g_ptr_array_add(rows, head);
    OGR_L_ResetReading(l);
    for (OGRFeatureH f; (f = OGR_L_GetNextFeature(l)); OGR_F_Destroy(f)) {
        char **row = g_new0(char *, n + 1);
        for (int i = 0; i < n; i++) {
            OGRFieldType ty = OGR_Fld_GetType(OGR_FD_GetFieldDefn(d, i));
            if (!OGR_F_IsFieldSetAndNotNull(f, i))
                row[i] = g_strdup("");
            else if (ty == OFTInteger || ty == OFTInteger64)
                row[i] = g_strdup_printf(
                    "%lld", (long long)OGR_F_GetFieldAsInteger64(f, i));
            else if (ty == OFTReal)
                row[i] = g_strdup_printf("%.15g", OGR_F_GetFieldAsDouble(f, i));
            else
                row[i] = g_strdup(OGR_F_GetFieldAsString(f, i));
        }
        g_ptr_array_add(rows, row);
    }
    GDALClose(ds);
    return rows;
}

/* Cells equal as text, or as numbers within rounding of the 15 digits. */
static gboolean same_cell(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return TRUE;
    char *ea, *eb;
    double x = g_ascii_strtod(a, &ea), y = g_ascii_strtod(b, &eb);
    return *a && *b && !*ea && !*eb &&
           fabs(x - y) <= 1e-12 * fmax(1.0, fabs(x));
}

static void assert_same_rows(GPtrArray *a, GPtrArray *b, guint skip_last_a,
                             const char *what)
{
    if (a->len != b->len) {
        for (guint r = 0; r < b->len; r++)
            fprintf(stderr, "B%u: %s\n", r, g_strjoinv("|", b->pdata[r]));
        fail_msg("%s: %u rows against %u", what, a->len, b->len);
    }
    for (guint r = 0; r < a->len; r++) {
        char **x = a->pdata[r], **y = b->pdata[r];
        guint nx = g_strv_length(x) - skip_last_a, ny = g_strv_length(y);
        if (nx != ny)
            fail_msg("%s row %u: %u cells against %u", what, r, nx, ny);
        for (guint c = 0; c < nx; c++)
            if (!same_cell(x[c], y[c]))
                fail_msg("%s row %u column %u: '%s' against '%s'", what, r, c,
                         x[c], y[c]);
    }
}

static const char *const REPORTS[][2] = {
    {"summary", ""},
    {"targets", ""},
    {"transitions", " --from 2022 --to 2023 -w 22768"},
    {"review", " -y 2023"}, /* on the review copy */
    {"gaps", " --from 2022 --to 2023"},
    {"coverage", " -y 2023"},
    {"priority", " -y 2023 -n 16"},
    {"breakdown", " --year 2023"},
    {"series", " --units-on 2025-07-01"},
};

/* Writes report @i as @ext into the fixture folder; returns the path. */
static char *write_report(fx *f, size_t i, const char *ext, const char *extra)
{
    char *path = g_strdup_printf("%s/%s%s.%s", f->dir, REPORTS[i][0],
                                 extra[0] ? "-x" : "", ext);
    g_autofree char *cmd = g_strdup_printf("%s%s%s -o %s", REPORTS[i][0],
                                           REPORTS[i][1], extra, path);
    g_autofree char *out = NULL, *err = NULL;
    const char *db =
        strcmp(REPORTS[i][0], "review") == 0 ? f->review_db : f->demo_db;
    int rc = run(db, cmd, &out, &err);
    if (rc != 0)
        fail_msg("%s: rc %d: %s", cmd, rc, err);
    g_autofree char *wrote = g_strdup_printf("wrote %s\n", path);
    assert_string_equal(out, wrote);
    return path;
}

static void test_tables_round_trip(void **state)
{
    fx *f = *state;
    for (size_t i = 0; i < G_N_ELEMENTS(REPORTS); i++) {
        g_autofree char *csv = write_report(f, i, "csv", "");
        g_autofree char *json = write_report(f, i, "json", "");
        g_autofree char *xlsx = write_report(f, i, "xlsx", "");
        g_autofree char *txt = write_report(f, i, "txt", "");
        GPtrArray *c = read_csv(csv);
        g_autofree char *notes = NULL;
        GPtrArray *j = read_json(json, &notes);
        GPtrArray *x = read_xlsx(xlsx);
        assert_true(c->len >= 2);
        /* the note: the last column of CSV and XLSX, "notes" in JSON */
        char **head = c->pdata[0];
        assert_string_equal(head[g_strv_length(head) - 1], "Ghi chú");
        for (guint r = 1; r < c->len; r++) {
            char **row = c->pdata[r];
            assert_true(g_str_has_prefix(row[g_strv_length(row) - 1], NOTE_VI));
        }
        assert_true(g_str_has_prefix(notes, NOTE_VI));
        assert_same_rows(c, j, 1, REPORTS[i][0]);
        assert_same_rows(c, x, 0, REPORTS[i][0]);
        g_autofree char *text = NULL;
        assert_true(g_file_get_contents(txt, &text, NULL, NULL));
        assert_true(g_str_has_prefix(text, NOTE_VI "\n"));
        g_ptr_array_free(c, TRUE);
        g_ptr_array_free(j, TRUE);
        g_ptr_array_free(x, TRUE);
    }
}

/* Finds the row whose cell @col is @key. */
static char **row_of(GPtrArray *rows, guint col, const char *key)
{
    for (guint r = 1; r < rows->len; r++)
        if (strcmp(((char **)rows->pdata[r])[col], key) == 0)
            return rows->pdata[r];
    fail_msg("no row '%s'", key);
    return NULL;
}

static void test_tables_values(void **state)
{
    fx *f = *state;
    /* summary: the printed values, numbers as numbers */
    g_autofree char *csv = write_report(f, 0, "csv", " --lang en");
    GPtrArray *c = read_csv(csv);
    g_autofree char *heads = g_strjoinv(",", c->pdata[0]);
    assert_string_equal(heads, "Year,Area,Units,Households,Poor,Poor rate,"
                               "Near-poor,Near-poor rate,Note");
    g_autofree char *row = g_strjoinv(",", c->pdata[4]);
    assert_string_equal(row, "2023,City,16,47690,558,1.17,1373,2.88,SYNTHETIC "
                             "DATA — not real households");
    g_ptr_array_free(c, TRUE);
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->demo_db, "summary", &out, &err), 0);
    assert_non_null(strstr(out, "  2023        47.690           558        "
                                "1,17 %         1.373        2,88 %"));

    /* targets: a baseline that is not set stays empty, never 0 */
    g_autofree char *tcsv = g_strdup_printf("%s/targets.csv", f->dir);
    c = read_csv(tcsv);
    char **pc = row_of(c, 1, "poor_change");
    assert_string_equal(pc[3], ""); /* Năm gốc */
    assert_string_equal(pc[4], "-71");
    assert_string_equal(pc[5], "-57");
    assert_string_equal(pc[8], "CHƯA ĐẠT");
    assert_string_equal(row_of(c, 1, "near_poor_rate")[6], "-0.03");
    g_ptr_array_free(c, TRUE);

    /* priority and coverage: the values the workspace holds */
    povatlas_init();
    povatlas_workspace *ws = povatlas_workspace_open(f->demo_db, 0, NULL);
    assert_non_null(ws);
    g_autofree char *pcsv = g_strdup_printf("%s/priority.csv", f->dir);
    c = read_csv(pcsv);
    assert_int_equal(c->len, 17);
    for (guint r = 1; r < c->len; r++) {
        char **w = c->pdata[r];
        double rank, index;
        assert_true(testutil_indicator(ws, w[1], 2023,
                                       POVATLAS_IND_PRIORITY_RANK, &rank));
        assert_true(testutil_indicator(ws, w[1], 2023,
                                       POVATLAS_IND_PRIORITY_INDEX, &index));
        assert_int_equal((int)rank, atoi(w[0]));
        assert_true(fabs(index - g_ascii_strtod(w[3], NULL)) < 1e-12);
    }
    assert_string_equal(((char **)c->pdata[1])[1], "22768");
    g_ptr_array_free(c, TRUE);
    g_autofree char *ccsv = g_strdup_printf("%s/coverage.csv", f->dir);
    c = read_csv(ccsv);
    for (guint r = 1; r < c->len; r++) {
        char **w = c->pdata[r];
        double v;
        const char *code = strcmp(w[0], "*") == 0 ? "*" : w[0];
        assert_true(testutil_indicator(ws, code, 2023, "coverage", &v));
        assert_true(fabs(v - g_ascii_strtod(w[6], NULL)) < 1e-9);
    }
    assert_string_equal(row_of(c, 0, "22768")[8], "1");
    assert_string_equal(row_of(c, 0, "*")[3], ""); /* no class for the city */
    g_ptr_array_free(c, TRUE);
    povatlas_workspace_close(ws);

    /* transitions: the balance the printed report shows */
    g_autofree char *trcsv = g_strdup_printf("%s/transitions.csv", f->dir);
    c = read_csv(trcsv);
    assert_int_equal(c->len, 1 + 2 * 22);
    assert_string_equal(row_of(c, 2, "Hộ nghèo cuối kỳ")[4], "558");
    g_ptr_array_free(c, TRUE);

    /* review: as many rows as the printed count */
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->review_db, "review -y 2023", &out, &err), 0);
    g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
    guint n = g_strv_length(lines);
    assert_true(n >= 2);
    g_autofree char *rcsv = g_strdup_printf("%s/review.csv", f->dir);
    c = read_csv(rcsv);
    assert_int_equal(c->len, 1 + 3);
    assert_string_equal(lines[n - 2], "3 hộ");
    char **first = c->pdata[1];
    assert_non_null(strstr(out, first[1])); /* the household id printed */
    assert_string_equal(first[2], "Hộ nghèo");
    g_ptr_array_free(c, TRUE);
    /* the demo has none: the header and a row holding only the note */
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->demo_db, "review -y 2023 --format csv", &out, &err),
                     0);
    g_autofree char *empty = g_strdup_printf(
        "Mã đơn vị,Mã hộ,Đã công nhận,Theo chuẩn,Thu nhập bình quân "
        "(đồng/người/tháng),Số chỉ số thiếu hụt,Ghi chú\r\n,,,,,,%s\r\n",
        NOTE_VI);
    assert_string_equal(out, empty);
}

static void test_tables_cli(void **state)
{
    fx *f = *state;
    g_autofree char *path = g_strdup_printf("%s/again.csv", f->dir);
    g_autofree char *cmd = g_strdup_printf("summary -q -o %s", path);
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->demo_db, cmd, &out, &err), 0);
    assert_string_equal(out, ""); /* -q: no "wrote" line */
    assert_string_equal(err, "");
    g_free(out);
    g_free(err);
    /* an existing file is kept unless --overwrite */
    assert_int_equal(run(f->demo_db, cmd, &out, &err), 2);
    assert_non_null(strstr(err, "not overwritten"));
    g_free(out);
    g_free(err);
    g_autofree char *cmd2 =
        g_strdup_printf("summary -q --overwrite -o %s", path);
    assert_int_equal(run(f->demo_db, cmd2, &out, &err), 0);
    g_free(out);
    g_free(err);
    /* CSV and JSON to stdout; XLSX only to a file; unknown extensions */
    assert_int_equal(
        run(f->demo_db, "targets --format csv --lang en", &out, &err), 0);
    assert_true(g_str_has_prefix(out, "Target,Key,Unit,Baseline,"));
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->demo_db, "summary --format xlsx", &out, &err), 2);
    assert_non_null(strstr(err, "XLSX needs -o FILE"));
    g_free(out);
    g_free(err);
    g_autofree char *pdf = g_strdup_printf("summary -o %s/x.pdf", f->dir);
    assert_int_equal(run(f->demo_db, pdf, &out, &err), 2);
    assert_non_null(strstr(err, "extension"));
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->demo_db, "summary --format odt", &out, &err), 2);
    /* no temporary file left beside the outputs */
    g_autoptr(GDir) d = g_dir_open(f->dir, 0, NULL);
    for (const char *name; (name = g_dir_read_name(d));)
        assert_null(strstr(name, ".tmp-"));
    /* targets without targets: the header and the note, no rows */
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->notarget_db, "targets --format json", &out, &err),
                     0);
    assert_non_null(strstr(out, "\"rows\": []"));
    assert_non_null(strstr(out, "chưa nhập chỉ tiêu kế hoạch nào"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_workspace),
        cmocka_unit_test(test_missing_input_named),
        cmocka_unit_test(test_no_targets),
        cmocka_unit_test(test_atlas_cover_without_targets),
        cmocka_unit_test(test_tables_round_trip),
        cmocka_unit_test(test_tables_values),
        cmocka_unit_test(test_tables_cli),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
