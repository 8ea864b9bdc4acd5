/*
 * test_input_checks.c - inputs validated at the door (issue 10): numbers
 * and dates range-checked before they are narrowed (src/ingest/tables.c,
 * households.c), rates above 100 %, blank ids, repeated rows and columns
 * (headers.c), unit validity periods, a first id `B1` that is not a second
 * header row, files that are UTF-16, binary or hold a NUL (encoding.c),
 * and a reader that does not wait for an import (store/workspace.c, WAL).
 * Each refusal is checked as `FILE:ROW: column NAME: why` with nothing
 * stored.
 */
#include "testutil.h"

#include <limits.h>
#include <string.h>

#include <csv.h>
#include <glib/gstdio.h>

#include "core/fault.h"
#include "ingest/ingest_private.h"
#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"

#define HEADER                                                                 \
    "household_id,unit_code,year,members,income_per_capita,"                   \
    "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,recorded_status\n"
#define ROW_POOR "H1,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n"

typedef testutil_units_ws fixture;

typedef povatlas_status (*import_fn)(povatlas_workspace *, const char *,
                                     const povatlas_import_opts *,
                                     povatlas_report *,
                                     povatlas_import_result *,
                                     povatlas_error **);

/* Imports @content as @name with @fn and the CSV engine @engine; returns
 * the status and sets *msg to the first error as `FILE:ROW: column NAME:
 * why`, the folder cut off. */
static povatlas_status run_import_with(fixture *f, import_fn fn,
                                       const char *name, const char *content,
                                       gssize len, povatlas_csv_engine engine,
                                       char **msg)
{
    g_autofree char *path = testutil_write_file(f->dir, name, content, len);
    povatlas_report_free(f->report);
    f->report = povatlas_report_new();
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.csv_engine = engine;
    povatlas_error *err = NULL;
    povatlas_status st = fn(f->ws, path, &o, f->report, NULL, &err);
    const povatlas_error *e = povatlas_report_n_errors(f->report)
                                  ? povatlas_report_error(f->report, 0)
                                  : err;
    g_autofree char *full = e ? povatlas_error_format(e) : g_strdup("");
    size_t cut = strlen(f->dir) + 1;
    *msg = g_strdup(g_str_has_prefix(full, f->dir) ? full + cut : full);
    povatlas_error_free(err);
    return st;
}

static povatlas_status run_import(fixture *f, import_fn fn, const char *name,
                                  const char *content, gssize len, char **msg)
{
    return run_import_with(f, fn, name, content, len, POVATLAS_CSV_AUTO, msg);
}

static void expect_refused(fixture *f, import_fn fn, const char *name,
                           const char *content, gssize len,
                           const char *expected)
{
    char *msg = NULL;
    povatlas_status st = run_import(f, fn, name, content, len, &msg);
    assert_string_equal(msg, expected);
    assert_int_equal(st, POVATLAS_E_INPUT);
    g_free(msg);
}

/* One text column of the workspace, rows joined by '|'. */
static char *query(fixture *f, const char *sql)
{
    char *rows = testutil_query(f->db, sql);
    g_strchomp(rows);
    return g_strdelimit(rows, "\n", '|');
}

static void count_exit(const char *unit_code, const char *household_id,
                       int year, povatlas_exit_reason reason, void *n)
{
    (void)unit_code;
    (void)household_id;
    (void)year;
    (void)reason;
    ++*(int *)n;
}

#define HOUSEHOLDS "SELECT household_id || ' ' || year FROM households"
#define STATS                                                                  \
    "SELECT unit_code || ' ' || year || ' ' || households FROM ward_stats"     \
    " ORDER BY unit_code, year"

/* Year 4294969319 was stored as 2023 (and replaced the real row); day 271
 * of October was taken as the 15th. A number of 9 digits or more is not
 * repeated (a CCCD or phone number shifted into the column). */
static void test_years_and_days_not_wrapped(void **state)
{
    fixture *f = *state;
    char *msg = NULL;
    assert_int_equal(run_import(f, povatlas_import_ward_stats, "s.csv",
                                "unit_code,year,households\n"
                                "22738,2023,4133\n",
                                -1, &msg),
                     POVATLAS_OK);
    g_free(msg);
    expect_refused(f, povatlas_import_ward_stats, "s.csv",
                   "unit_code,year,households\n22738,4294969319,1\n", -1,
                   "s.csv:2: column year: year of 10 digits is out of range "
                   "(1900 to 2100)");
    g_autofree char *stats = query(f, STATS);
    assert_string_equal(stats, "22738 2023 4133");
    expect_refused(f, povatlas_import_households, "h.csv",
                   HEADER "H1,22738,4294969319,4,1900000,1,1,1,0,0,0,0,0,0,"
                          "0,0,0,poor\n",
                   -1,
                   "h.csv:2: column year: review year of 10 digits is out of "
                   "range (1900 to 2100)");
    expect_refused(
        f, povatlas_import_households, "d.csv",
        "household_id,unit_code,review_date,members,income_per_capita,"
        "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,recorded_status\n"
        "H1,22738,271/10/2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n",
        -1,
        "d.csv:2: column review_date: not a date (dd/mm/yyyy): "
        "'271/10/2023'");
    g_autofree char *hh = query(f, HOUSEHOLDS);
    assert_string_equal(hh, "");
    expect_refused(f, povatlas_import_exits, "x.csv",
                   "household_id,unit_code,year,reason\n"
                   "H1,22738,4294969319,thoat ngheo\n",
                   -1,
                   "x.csv:2: column year: review year of 10 digits is out of "
                   "range (1900 to 2100)");
    /* no exit of any year stored */
    int n_exits = 0;
    assert_int_equal(povatlas_workspace_exits(f->ws, INT_MIN, INT_MAX,
                                              count_exit, &n_exits, NULL),
                     POVATLAS_OK);
    assert_int_equal(n_exits, 0);
}

/* A household id of three spaces; the same unit and year twice. */
static void test_blank_ids_and_repeated_rows(void **state)
{
    fixture *f = *state;
    expect_refused(f, povatlas_import_households, "h.csv",
                   HEADER "   ,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,"
                          "poor\n",
                   -1, "h.csv:2: column household_id: household id is empty");
    expect_refused(f, povatlas_import_ward_stats, "s.csv",
                   "unit_code,year,households\n22738,2023,4133\n"
                   "22741,2023,5629\n22738,2023,4200\n",
                   -1,
                   "s.csv:4: column year: unit 22738, year 2023 is already "
                   "given on row 2");
    g_autofree char *stats = query(f, STATS);
    assert_string_equal(stats, "");
    g_autofree char *hh = query(f, HOUSEHOLDS);
    assert_string_equal(hh, "");
}

/* Two columns headed "year": which one holds the years is a guess. */
static void test_repeated_column(void **state)
{
    fixture *f = *state;
    expect_refused(f, povatlas_import_ward_stats, "s.csv",
                   "unit_code,year,households,year\n22738,2023,4133,2024\n", -1,
                   "s.csv:1: column year: the column appears twice "
                   "(columns 2 and 4)");
    g_autofree char *stats = query(f, STATS);
    assert_string_equal(stats, "");
}

/* A 5500 % target rate. */
static void test_rate_above_100(void **state)
{
    fixture *f = *state;
    expect_refused(f, povatlas_import_targets, "t.csv",
                   "scope,year,name,baseline,target,unit\n"
                   "city,2025,poverty_rate,3,5500,%\n",
                   -1,
                   "t.csv:2: column target: 5500 % is not a rate (0 to "
                   "100 %)");
    g_autofree char *t = query(f, "SELECT name FROM targets");
    assert_string_equal(t, "");
}

/* A unit period that ends before it starts, or overlaps another period
 * of its code. */
static void test_unit_periods(void **state)
{
    fixture *f = *state;
    g_autofree char *before =
        query(f, "SELECT code || ' ' || valid_from FROM units ORDER BY 1");
    const char *head = "code,name,unit_type,urban,valid_from,valid_to\n";
    g_autofree char *reversed =
        g_strconcat(head, "99001,Mới,phuong,1,2025-07-01,2024-06-30\n", NULL);
    expect_refused(f, povatlas_import_units, "u.csv", reversed, -1,
                   "u.csv:2: column valid_to: valid_to 2024-06-30 is before "
                   "valid_from 2025-07-01");
    g_autofree char *overlap =
        g_strconcat(head, "99001,Mới,phuong,1,2008-01-01,2024-12-31\n",
                    "99001,Mới,phuong,1,2024-11-01,\n", NULL);
    expect_refused(f, povatlas_import_units, "u.csv", overlap, -1,
                   "u.csv:3: column valid_from: unit 99001: the period "
                   "2024-11-01 to (in force) overlaps the one on row 2 "
                   "(2008-01-01 to 2024-12-31)");
    g_autofree char *after =
        query(f, "SELECT code || ' ' || valid_from FROM units ORDER BY 1");
    assert_string_equal(after, before);
    /* against the periods already stored: 22747 (Phủ Hà) is in the
     * workspace from 2008-02-24 to 2024-10-31 */
    g_autofree char *stored = g_strconcat(
        head, "22747,Phủ Hà,phuong,1,2020-01-01,2025-06-30\n", NULL);
    expect_refused(f, povatlas_import_units, "u.csv", stored, -1,
                   "u.csv:2: column valid_from: unit 22747: the period "
                   "2020-01-01 to 2025-06-30 overlaps the one in the "
                   "workspace (2008-02-24 to 2024-10-31)");
    g_autofree char *after_stored =
        query(f, "SELECT code || ' ' || valid_from FROM units ORDER BY 1");
    assert_string_equal(after_stored, before);
    /* the stored period itself, given again, is an update */
    g_autofree char *same = g_strconcat(
        head, "22747,Phủ Hà,phuong,1,2008-02-24,2024-10-31\n", NULL);
    char *msg = NULL;
    assert_int_equal(
        run_import(f, povatlas_import_units, "u.csv", same, -1, &msg),
        POVATLAS_OK);
    assert_string_equal(msg, "");
    g_free(msg);
}

/* A file that closes the stored period of 22738 (2025-07-01, in force)
 * and opens the next one lands whatever the order of its two rows; two
 * overlapping rows are refused in either order, the later row named. */
static void test_unit_periods_any_order(void **state)
{
    fixture *f = *state;
    const char *head = "code,name,unit_type,urban,valid_from,valid_to\n";
    const char *closing = "22738,Đô Vinh,phuong,1,2025-07-01,2026-12-31\n";
    const char *next = "22738,Đô Vinh,phuong,1,2027-01-01,\n";
    static const char *const periods =
        "SELECT valid_from || '..' || coalesce(valid_to, '') FROM units "
        "WHERE code = '22738' ORDER BY valid_from";
    g_autofree char *before = query(f, periods);
    assert_string_equal(before, "2008-02-24..2025-06-30|2025-07-01..");
    for (int order = 0; order < 2; order++) {
        g_autofree char *text = order ? g_strconcat(head, closing, next, NULL)
                                      : g_strconcat(head, next, closing, NULL);
        char *msg = NULL;
        assert_int_equal(
            run_import(f, povatlas_import_units, "u.csv", text, -1, &msg),
            POVATLAS_OK);
        assert_string_equal(msg, "");
        g_free(msg);
        g_autofree char *after = query(f, periods);
        assert_string_equal(after, "2008-02-24..2025-06-30|"
                                   "2025-07-01..2026-12-31|2027-01-01..");
    }
    /* overlapping rows: the later one is refused, either way round */
    const char *a = "99001,Mới,phuong,1,2008-01-01,2024-12-31\n";
    const char *b = "99001,Mới,phuong,1,2024-11-01,\n";
    g_autofree char *ab = g_strconcat(head, a, b, NULL);
    expect_refused(f, povatlas_import_units, "u.csv", ab, -1,
                   "u.csv:3: column valid_from: unit 99001: the period "
                   "2024-11-01 to (in force) overlaps the one on row 2 "
                   "(2008-01-01 to 2024-12-31)");
    g_autofree char *ba = g_strconcat(head, b, a, NULL);
    expect_refused(f, povatlas_import_units, "u.csv", ba, -1,
                   "u.csv:3: column valid_from: unit 99001: the period "
                   "2008-01-01 to 2024-12-31 overlaps the one on row 2 "
                   "(2024-11-01 to (in force))");
}

/* A valid list whose first id is B1 (also an alias of the B1 score) was
 * refused as having a second header row. */
static void test_first_id_b1(void **state)
{
    fixture *f = *state;
    char *msg = NULL;
    assert_int_equal(
        run_import(f, povatlas_import_households, "b.csv",
                   HEADER "B1,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,"
                          "poor\n"
                          "B2,22774,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,"
                          "near_poor\n",
                   -1, &msg),
        POVATLAS_OK);
    assert_string_equal(msg, "");
    g_free(msg);
    g_autofree char *hh = query(f, HOUSEHOLDS " ORDER BY 1");
    assert_string_equal(hh, "B1 2023|B2 2023");
}

/* UTF-16, a NUL byte and binary files named as what they are, not
 * "looks like VNI". */
static void test_not_text(void **state)
{
    fixture *f = *state;
    /* "id,unit\n" in UTF-16LE with its byte order mark */
    static const char utf16[] = "\xff\xfei\0d\0,\0u\0n\0i\0t\0\n\0";
    expect_refused(f, povatlas_import_households, "u16.csv", utf16,
                   sizeof utf16 - 1,
                   "u16.csv: the file is UTF-16 text, not UTF-8: save it "
                   "as UTF-8 (CSV UTF-8 in Excel)");
    /* the same without a byte order mark */
    expect_refused(f, povatlas_import_households, "u16b.csv", utf16 + 2,
                   sizeof utf16 - 3,
                   "u16b.csv: the file is UTF-16 text, not UTF-8: save it "
                   "as UTF-8 (CSV UTF-8 in Excel)");
    static const char nul[] = HEADER ROW_POOR
        "H2,22774,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,near\0_poor\n";
    expect_refused(f, povatlas_import_households, "nul.csv", nul,
                   sizeof nul - 1,
                   "nul.csv: the file holds a NUL byte on line 3, which "
                   "text never has: save it again as CSV UTF-8");
    static const char zip[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"
                              "[Content_Types].xml";
    expect_refused(f, povatlas_import_households, "zip.csv", zip,
                   sizeof zip - 1,
                   "zip.csv: the file is binary data, not a text table: "
                   "give a CSV, or the workbook itself (.xlsx)");
    g_autofree char *hh = query(f, HOUSEHOLDS);
    assert_string_equal(hh, "");
}

/* A header of 1,000,000 columns hung the header search (a loop over the
 * columns inside a loop over the columns); both engines now refuse a row
 * wider than 2,000 columns, as GDAL's CSV driver cuts it, and fast. */
static void test_million_columns(void **state)
{
    fixture *f = *state;
    GString *csv = g_string_new("household_id,unit_code");
    for (int c = 2; c < 1000000; c++)
        g_string_append_printf(csv, ",c%d", c);
    g_string_append(csv, "\nH1,22738\n");
    static const povatlas_csv_engine engines[] = {POVATLAS_CSV_GDAL,
                                                  POVATLAS_CSV_FAST};
    for (size_t i = 0; i < G_N_ELEMENTS(engines); i++) {
        gint64 t0 = g_get_monotonic_time();
        char *msg = NULL;
        povatlas_status st =
            run_import_with(f, povatlas_import_households, "wide.csv", csv->str,
                            (gssize)csv->len, engines[i], &msg);
        assert_string_equal(msg,
                            "wide.csv:1: the row has more than 2000 columns");
        assert_int_equal(st, POVATLAS_E_INPUT);
        g_free(msg);
        assert_true(g_get_monotonic_time() - t0 < 20 * G_USEC_PER_SEC);
    }
    /* the limit is on every row, not only the header */
    g_string_assign(csv, HEADER ROW_POOR "H2");
    for (int c = 1; c < 2001; c++)
        g_string_append(csv, ",1");
    g_string_append(csv, "\n");
    for (size_t i = 0; i < G_N_ELEMENTS(engines); i++) {
        char *msg = NULL;
        assert_int_equal(run_import_with(f, povatlas_import_households,
                                         "wide.csv", csv->str, (gssize)csv->len,
                                         engines[i], &msg),
                         POVATLAS_E_INPUT);
        assert_string_equal(msg,
                            "wide.csv:3: the row has more than 2000 columns");
        g_free(msg);
    }
    g_string_free(csv, TRUE);
    g_autofree char *hh = query(f, HOUSEHOLDS);
    assert_string_equal(hh, "");
}

/* Error lines never echo a personal cell nor a row that may be data: a
 * list without a header row printed its first household (name, address,
 * CCCD number) in the "missing column" error; a CCCD number shifted into
 * the members column came back as "1203004567 members is not plausible";
 * a name in the class column was quoted whole. Quoted text is capped. */
static void test_messages_keep_personal_data_out(void **state)
{
    fixture *f = *state;
    expect_refused(
        f, povatlas_import_households, "n.csv",
        "Nguyễn Văn Giả,12 Đường Lê Lợi,001203004567,4,1900000\n"
        "Trần Thị Thử,5 Ngõ Hẹp,001203004568,2,1500000\n",
        -1,
        "n.csv:1: column Mã hộ: missing column (expected a header such as "
        "'Mã hộ'; no row among the first 30 names a known column: is the "
        "header row missing? (the first row may be data: not repeated "
        "here))");
    /* a real header missing a column is listed, each name capped */
    expect_refused(f, povatlas_import_ward_stats, "s.csv",
                   "unit_code,year,Số hộ dân cư trên địa bàn phường theo "
                   "báo cáo cuối năm\n22738,2023,4133\n",
                   -1,
                   "s.csv:1: column households: missing column (expected "
                   "a header such as 'households'; the file has "
                   "'unit_code', 'year', 'Số hộ dân cư trên địa bàn phường "
                   "theo bá…')");
    expect_refused(f, povatlas_import_households, "m.csv",
                   HEADER "H1,22738,2023,001203004567,1900000,1,1,1,0,0,0,0,"
                          "0,0,0,0,0,poor\n",
                   -1,
                   "m.csv:2: column members: number of members of 10 "
                   "digits is not plausible (1 to 99)");
    expect_refused(f, povatlas_import_households, "c.csv",
                   HEADER "H1,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,"
                          "Nguyễn Văn Giả Định\n",
                   -1,
                   "c.csv:2: column recorded_status: unknown household "
                   "class a text of 4 words, not repeated here (it may be "
                   "personal data) (expected 'Hộ nghèo' or 'Hộ cận nghèo')");
    expect_refused(f, povatlas_import_households, "i.csv",
                   HEADER "H1,22738,2023,4,abc 001203004567,1,1,1,0,0,0,0,0,"
                          "0,0,0,0,poor\n",
                   -1,
                   "i.csv:2: column income_per_capita: not a whole number: "
                   "a number of 12 digits, not repeated here (it may be an "
                   "ID or phone number)");
    char *msg = NULL;
    assert_int_equal(
        run_import(f, povatlas_import_households, "w.csv",
                   "household_id,unit_name,year,members,income_per_capita,"
                   "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,"
                   "recorded_status\n"
                   "H1,Phường Không Có Thật Ở Tỉnh Ninh Thuận Hay Bất Cứ "
                   "Đâu,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n",
                   -1, &msg),
        POVATLAS_E_INPUT);
    assert_string_equal(msg, "w.csv:2: column unit_name: unknown ward name "
                             "'Phường Không Có Thật Ở Tỉnh Ninh Thuận H…' "
                             "(closest: 'Kinh Dinh', 'Phường Kinh Dinh', "
                             "'Thành Hải')");
    g_free(msg);
    g_autofree char *hh = query(f, HOUSEHOLDS);
    assert_string_equal(hh, "");
}

/* Out of memory for the fast reader's buffer is reported as
 * POVATLAS_E_NOMEM with a message (g_malloc aborted the process). The
 * import's first five checked allocations index the units' names
 * (test_unit_names.c::test_out_of_memory); the buffer is the sixth. */
static void test_out_of_memory_reported(void **state)
{
    fixture *f = *state;
    povatlas_fault_arm(POVATLAS_FAULT_ALLOC, 6, 1);
    char *msg = NULL;
    povatlas_status st =
        run_import_with(f, povatlas_import_households, "h.csv", HEADER ROW_POOR,
                        -1, POVATLAS_CSV_FAST, &msg);
    long failed = povatlas_fault_failed();
    povatlas_fault_arm(0, 0, 0);
    assert_int_equal(failed, 1);
    assert_int_equal(st, POVATLAS_E_NOMEM);
    assert_string_equal(msg, "h.csv: out of memory for the 1 MiB read buffer");
    g_free(msg);
    g_autofree char *hh = query(f, HOUSEHOLDS);
    assert_string_equal(hh, "");
}

/* While an import holds its write transaction, a reader opened on the
 * same workspace reads the last commit at once (write-ahead log) instead
 * of waiting 5 s and failing "database is locked". */
static void test_reader_does_not_wait(void **state)
{
    fixture *f = *state;
    if (!povatlas_workspace_on_postgresql(f->ws)) {
        /* PostgreSQL's readers never wait for writers (MVCC) */
        g_autofree char *mode = query(f, "PRAGMA journal_mode");
        assert_string_equal(mode, "wal");
    }
    assert_int_equal(povatlas_workspace_begin(f->ws, NULL), POVATLAS_OK);
    assert_int_equal(povatlas_workspace_set_meta(f->ws, "probe", "1", NULL),
                     POVATLAS_OK);
    gint64 t0 = g_get_monotonic_time();
    povatlas_error *err = NULL;
    povatlas_workspace *reader =
        povatlas_workspace_open(f->db, POVATLAS_WORKSPACE_READONLY, &err);
    assert_null(err);
    assert_non_null(reader);
    povatlas_unit_list *u = povatlas_workspace_units(reader, 2023, &err);
    assert_null(err);
    assert_non_null(u);
    assert_int_equal(u->n, 16);
    povatlas_unit_list_free(u);
    char *probe = NULL;
    assert_int_equal(povatlas_workspace_get_meta(reader, "probe", &probe, &err),
                     POVATLAS_OK);
    assert_null(probe);
    assert_true(g_get_monotonic_time() - t0 < G_USEC_PER_SEC);
    povatlas_workspace_close(reader);
    povatlas_workspace_rollback(f->ws, NULL);
}

/* The importers return the reader's own status: a file that is not there
 * is an I/O failure (POVATLAS_E_IO, as the reader says), not bad input -
 * with an error asked for or not. */
static void test_missing_file_is_io(void **state)
{
    fixture *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "absent.csv", NULL);
    /* the table imports and the layer imports (GDAL's vector open) */
    const import_fn fns[] = {
        povatlas_import_ward_stats, povatlas_import_households,
        povatlas_import_targets,    povatlas_import_units,
        povatlas_import_exits,      povatlas_import_boundaries,
        povatlas_import_context};
    for (size_t i = 0; i < G_N_ELEMENTS(fns); i++) {
        povatlas_error *err = NULL;
        assert_int_equal(fns[i](f->ws, path, NULL, f->report, NULL, &err),
                         POVATLAS_E_IO);
        assert_int_equal(err->code, POVATLAS_E_IO);
        assert_non_null(strstr(err->message, "No such file"));
        povatlas_error_free(err);
        assert_int_equal(fns[i](f->ws, path, NULL, f->report, NULL, NULL),
                         POVATLAS_E_IO);
    }
}

/* The records libcsv makes of @text as the CSV reader configures it
 * (ingest/reader_csv.c): fields joined by '|', records by '\n'. */
typedef struct csv_ref {
    GString *out;
    guint fields;
    int last_term;
} csv_ref;

static void ref_field(void *s, size_t len, void *data)
{
    csv_ref *r = data;
    if (r->fields++)
        g_string_append_c(r->out, '|');
    g_string_append_len(r->out, s ? s : "", (gssize)len);
}

static void ref_record(int term, void *data)
{
    csv_ref *r = data;
    gboolean empty = r->fields == 0;
    gboolean crlf_tail = empty && term == '\n' && r->last_term == '\r';
    r->last_term = term;
    if (crlf_tail || (empty && term == -1))
        return;
    g_string_append_c(r->out, '\n');
    r->fields = 0;
}

static char *libcsv_records(const GString *text, unsigned char delim)
{
    struct csv_parser p;
    csv_init(&p,
             CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL);
    csv_set_delim(&p, delim);
    csv_ref r = {g_string_new(NULL), 0, 0};
    assert_int_equal(
        csv_parse(&p, text->str, text->len, ref_field, ref_record, &r),
        text->len);
    assert_int_equal(csv_fini(&p, ref_field, ref_record, &r), 0);
    csv_free(&p);
    return g_string_free(r.out, FALSE);
}

/* The CSV reader splits plain lines itself and leaves the others to
 * libcsv: over a file of more than two read blocks, with lines of every
 * kind (spaces and tabs around fields, empty and blank lines, CRLF and a
 * lone CR, quoted fields holding separators, quotes and line breaks, a
 * trailing separator), cut at every place by the blocks, the records are
 * libcsv's own, for ',' ';' and tab. */
static void test_csv_plain_lines_as_libcsv(void **state)
{
    (void)state;
#define LINE(text)                                                             \
    {                                                                          \
        text, sizeof text - 1                                                  \
    }
    static const struct {
        const char *text;
        size_t len;
    } LINES[] = {
        LINE("H1,00004,3,1500000,poor\n"),
        LINE("  H2 , 00004 ,\t3\t, 1 ,near_poor  \n"),
        LINE("\n"),
        LINE("   \t \n"),
        LINE("H3,00004,,,\n"),
        LINE(",H4,,\n"),
        LINE("H5,00004,3,100,poor\r\n"),
        LINE("\r\n"),
        LINE("H6,\"a, b\",\"say \"\"hi\"\"\",x\n"),
        LINE("H7,\"two\nlines\",y\r\n"),
        LINE("H8,lone\rcr,z\n"),
        LINE("  \"q\"  ,  r  \n"),
        LINE("H9;semi;colon\tand\ttabs;\t;\n"),
        LINE("  \t\r\n"),
    };
#undef LINE
    static const char DELIMS[] = {',', ';', '\t'};
    g_autofree char *dir = testutil_tmpdir();
    for (size_t d = 0; d < G_N_ELEMENTS(DELIMS); d++) {
        GString *text = g_string_new(NULL);
        /* the header decides the separator (sniffed from the first line) */
        g_string_append_printf(text, "id%cunit%cn\n", DELIMS[d], DELIMS[d]);
        for (guint i = 0; text->len < (5u << 19); i = i * 7 + 3) {
            size_t k = i % G_N_ELEMENTS(LINES), at = text->len;
            g_string_append_len(text, LINES[k].text, (gssize)LINES[k].len);
            for (char *c = text->str + at; c < text->str + text->len; c++)
                *c = *c == ',' ? DELIMS[d] : *c; /* the file's separator */
        }
        g_string_append_printf(text, "last%cline", DELIMS[d]); /* no break */
        g_autofree char *path = g_build_filename(dir, "lines.csv", NULL);
        assert_true(
            g_file_set_contents(path, text->str, (gssize)text->len, NULL));
        g_autofree char *want = libcsv_records(text, (unsigned char)DELIMS[d]);
        povatlas_error *err = NULL;
        table_reader *r = reader_csv_open(path, &err);
        assert_non_null(r);
        GString *got = g_string_new(NULL);
        int rc;
        while ((rc = table_reader_next(r, &err)) > 0) {
            for (guint f = 0; f < r->fields->len; f++) {
                if (f)
                    g_string_append_c(got, '|');
                g_string_append(got, g_ptr_array_index(r->fields, f));
            }
            g_string_append_c(got, '\n');
        }
        assert_int_equal(rc, 0);
        assert_null(err);
        table_reader_close(r);
        assert_string_equal(got->str, want);
        /* spaces trimmed around the fields (a tab is a separator there) */
        assert_true(DELIMS[d] == '\t' ||
                    strstr(want, "H2|00004|3|1|near_poor\n"));
        g_string_free(got, TRUE);
        g_string_free(text, TRUE);
        g_unlink(path);
    }
    g_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_plain_lines_as_libcsv),
        cmocka_unit_test_setup_teardown(test_years_and_days_not_wrapped,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_blank_ids_and_repeated_rows,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_repeated_column,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(
            test_rate_above_100, testutil_units_setup, testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_unit_periods, testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_unit_periods_any_order,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_first_id_b1, testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_is_io,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_not_text, testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_messages_keep_personal_data_out,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory_reported,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_million_columns,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_reader_does_not_wait,
                                        testutil_units_setup,
                                        testutil_units_teardown),
    };
    return cmocka_run_group_tests_name("input_checks", tests, NULL, NULL);
}
