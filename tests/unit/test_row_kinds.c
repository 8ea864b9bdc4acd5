/*
 * test_row_kinds.c - compiled workbooks (src/ingest/row_kinds.c and its use
 * by every import with key fields): the fixtures written by
 * tools/make_review_xlsx.py import with the right counts per ward, every
 * row without data is listed with its number and reason, the same through
 * XLSX and both CSV engines, and a bad household among them still refuses
 * the whole file without echoing personal data; a workbook with one sheet
 * per ward is read sheet by sheet.
 */
#include "testutil.h"

#include <string.h>

#include <gdal.h>

#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"

typedef testutil_units_ws fixture;

static char *fixture_path(const char *name)
{
    return g_build_filename(POVATLAS_SOURCE_DIR, "tests", "fixtures", name,
                            NULL);
}

/* Imports @path as the 2023 list with @engine (over the list already
 * stored when @replace). The error is set exactly when the import fails;
 * its message goes to *@why when @why is not NULL (g_free), and the rows
 * are in f->report. Returns the status. */
static povatlas_status import_2023(fixture *f, const char *path,
                                   povatlas_csv_engine engine, int replace,
                                   povatlas_import_result *res, char **why)
{
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    o.csv_engine = engine;
    o.replace = replace;
    povatlas_error *err = NULL;
    povatlas_status st =
        povatlas_import_households(f->ws, path, &o, f->report, res, &err);
    assert_true((st == POVATLAS_OK) == (err == NULL));
    if (why)
        *why = err ? g_strdup(err->message) : NULL;
    povatlas_error_free(err);
    return st;
}

typedef struct skipped_row {
    long row;
    const char *why;
} skipped_row;

/* The rows tools/make_review_xlsx.py writes without data in the compiled
 * list (its comments give the same numbers). */
static const skipped_row COMPILED_SKIPPED[] = {
    {6, "the form's column-number row ((1), (2), …)"},
    {7, "group heading (a ward or village name alone)"},
    {11, "totals row ('Cộng')"},
    {12, "blank row"},
    {13, "group heading (a ward or village name alone)"},
    {14, "group heading (a ward or village name alone)"},
    {17, "blank row"},
    {18, "group heading (a ward or village name alone)"},
    {20, "totals row ('Cộng')"},
    {21, "group heading (a ward or village name alone)"},
    {23, "totals row ('Cộng')"},
    {24, "totals row ('Tổng cộng')"},
    {25, "blank row"},
    {26, "footer ('Ngày … tháng … năm')"},
    {27, "footer ('Người lập biểu')"},
    {28, "footer ('(Ký, ghi rõ họ tên)')"},
    {29, "footer ('(Ký tên)')"},
    {30, "blank row"},
    {31, "footer (under the signatures)"},
};

/* Text of the fixtures that is personal (or stands for it): no message
 * may carry it. */
static const char *const PERSONAL[] = {"Giả Định", "giả định", "Chủ hộ",
                                       "Gò Đền",   "Tân Sơn",  "DV-0",
                                       "TH-0",     "PM-0"};

static void assert_no_personal_data(const char *text)
{
    for (size_t i = 0; i < G_N_ELEMENTS(PERSONAL); i++)
        if (strstr(text, PERSONAL[i])) {
            print_error("personal text '%s' in '%s'\n", PERSONAL[i], text);
            fail();
        }
}

/* The report's skipped rows are exactly @want, in order, each on @file. */
static void assert_skipped(const povatlas_report *report, const char *file,
                           const skipped_row *want, size_t n)
{
    for (size_t i = 0; i < n && i < povatlas_report_n_skipped(report); i++) {
        const povatlas_error *e = povatlas_report_skipped(report, i);
        g_autofree char *line = povatlas_error_format(e);
        g_autofree char *expect =
            g_strdup_printf("%s:%ld: %s", file, want[i].row, want[i].why);
        assert_string_equal(line, expect);
        assert_null(e->column);
        assert_no_personal_data(line);
    }
    assert_int_equal(povatlas_report_n_skipped(report), n);
}

typedef struct ward_count {
    const char *code;
    int64_t listed, poor, near_poor;
} ward_count;

/* Đô Vinh 2 poor + 1 near-poor, Thành Hải 1 + 2 (two villages), Phước
 * Mỹ 1 poor. */
static const ward_count COMPILED_COUNTS[] = {
    {"22738", 3, 2, 1}, {"22741", 1, 1, 0}, {"22774", 3, 1, 2}};

static void assert_counts(fixture *f, int year, const ward_count *want,
                          size_t n)
{
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, year, NULL);
    assert_non_null(c);
    size_t found = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->rows[i].listed == 0)
            continue;
        assert_true(found < n);
        assert_string_equal(c->rows[i].code, want[found].code);
        assert_int_equal(c->rows[i].listed, want[found].listed);
        assert_int_equal(c->rows[i].poor, want[found].poor);
        assert_int_equal(c->rows[i].near_poor, want[found].near_poor);
        assert_int_equal(c->rows[i].disagree, 0);
        found++;
    }
    assert_int_equal(found, n);
    povatlas_counts_list_free(c);
}

/* A refused file left no household of 2023 in the workspace. */
static void assert_nothing_listed(fixture *f)
{
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    assert_non_null(c);
    for (size_t i = 0; i < c->n; i++)
        assert_int_equal(c->rows[i].listed, 0);
    povatlas_counts_list_free(c);
}

static void import_compiled(fixture *f, const char *name,
                            povatlas_csv_engine engine)
{
    g_autofree char *path = fixture_path(name);
    g_autofree char *why = NULL;
    povatlas_import_result res;
    povatlas_status st = import_2023(f, path, engine, 0, &res, &why);
    if (why)
        print_error("%s\n", why);
    assert_int_equal(st, POVATLAS_OK);
    assert_int_equal(povatlas_report_n_errors(f->report), 0);
    assert_int_equal(res.rows_read, 7);
    assert_int_equal(res.rows_imported, 7);
    assert_int_equal(res.rows_skipped, G_N_ELEMENTS(COMPILED_SKIPPED));
    assert_skipped(f->report, path, COMPILED_SKIPPED,
                   G_N_ELEMENTS(COMPILED_SKIPPED));
    assert_counts(f, 2023, COMPILED_COUNTS, G_N_ELEMENTS(COMPILED_COUNTS));
}

static void test_compiled_xlsx(void **state)
{
    import_compiled(*state, "review_2023_compiled.xlsx", POVATLAS_CSV_AUTO);
}

/* The same sheet as CSV: an empty line and a line of empty cells are
 * blank rows, and row numbers stay those of the sheet, through GDAL's
 * CSV driver and through libcsv alike. */
static void test_compiled_csv_gdal(void **state)
{
    import_compiled(*state, "review_2023_compiled.csv", POVATLAS_CSV_GDAL);
}

static void test_compiled_csv_fast(void **state)
{
    import_compiled(*state, "review_2023_compiled.csv", POVATLAS_CSV_FAST);
}

/* Two households with data but bad among the totals and headings: the
 * file is refused whole, each with FILE:ROW: column NAME: why. */
static void test_compiled_bad_refused(void **state)
{
    fixture *f = *state;
    g_autofree char *path = fixture_path("review_2023_compiled_bad.xlsx");
    g_autofree char *why = NULL;
    povatlas_import_result res;
    assert_int_equal(import_2023(f, path, POVATLAS_CSV_AUTO, 0, &res, &why),
                     POVATLAS_E_INPUT);
    assert_string_equal(why, "2 of 7 rows rejected; nothing was imported");
    assert_int_equal(res.rows_imported, 0);
    assert_int_equal(povatlas_report_n_errors(f->report), 2);
    const char *want[] = {
        ":16: column Mã hộ: household id is empty",
        ":19: column Số nhân khẩu: not a whole number: 'sáu'"};
    for (size_t i = 0; i < 2; i++) {
        g_autofree char *line =
            povatlas_error_format(povatlas_report_error(f->report, i));
        g_autofree char *expect = g_strconcat(path, want[i], NULL);
        assert_string_equal(line, expect);
        assert_no_personal_data(line);
    }
    assert_nothing_listed(f);
}

/* "Tổng" is also a family name: a household without an id whose head is
 * called "Tổng Thị Hoa" is a bad household, not a total. */
static void test_surname_is_not_a_total(void **state)
{
    fixture *f = *state;
    const char *csv =
        "Mã hộ,Họ và tên chủ hộ,Mã đơn vị,Số nhân khẩu,Thu nhập bình quân "
        "đầu người,Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "A1,Chủ hộ giả định A1,22738,2,100,3,Hộ nghèo\n"
        ",Tổng Thị Hoa,22738,3,100,3,Hộ nghèo\n"
        ",Tổng,,5,,,\n";
    g_autofree char *path = testutil_write_file(f->dir, "t.csv", csv, -1);
    assert_int_equal(import_2023(f, path, POVATLAS_CSV_AUTO, 0, NULL, NULL),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_int_equal(e->row, 3);
    assert_string_equal(e->message, "household id is empty");
    static const skipped_row total[] = {{4, "totals row ('Tổng')"}};
    assert_skipped(f->report, path, total, 1);
}

/* A semicolon CSV with CRLF lines, a title line without separators and
 * empty lines: both engines find the same rows at the same numbers. */
static void test_semicolon_csv_both_engines(void **state)
{
    fixture *f = *state;
    const char *csv =
        "DANH SÁCH HỘ NGHÈO NĂM 2023\r\n"
        "\r\n"
        "Mã hộ;Mã đơn vị;Số nhân khẩu;Thu nhập bình quân đầu người;"
        "Tổng số chỉ số thiếu hụt;Phân loại hộ\r\n"
        "(1);(2);(3);(4);(5);(6)\r\n"
        "A1;22738;2;100;3;Hộ nghèo\r\n"
        "\r\n"
        ";Tổng cộng;2;;;\r\n"
        "A2;22738;3;\"1.200.000\";3;Hộ nghèo\r\n"
        "\r\n";
    g_autofree char *path = testutil_write_file(f->dir, "s.csv", csv, -1);
    static const skipped_row want[] = {
        {4, "the form's column-number row ((1), (2), …)"},
        {6, "blank row"},
        {7, "totals row ('Tổng cộng')"},
        {9, "blank row"},
    };
    const povatlas_csv_engine engines[] = {POVATLAS_CSV_GDAL,
                                           POVATLAS_CSV_FAST};
    for (size_t e = 0; e < G_N_ELEMENTS(engines); e++) {
        povatlas_report_free(f->report);
        f->report = povatlas_report_new();
        povatlas_import_result res;
        assert_int_equal(import_2023(f, path, engines[e], 1, &res, NULL),
                         POVATLAS_OK);
        assert_int_equal(res.rows_imported, 2);
        assert_skipped(f->report, path, want, G_N_ELEMENTS(want));
    }
}

/* A name typed (or shifted) into a number column is not repeated in the
 * message; a number-like text is, cut to 24 characters. */
static void test_messages_do_not_echo_names(void **state)
{
    fixture *f = *state;
    const char *csv =
        "Mã hộ,Mã đơn vị,Số nhân khẩu,Thu nhập bình quân đầu người,"
        "Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "A1,22738,Nguyễn Văn Giả Định,100,3,Hộ nghèo\n"
        "A2,22738,2,1.500.000 đồng một tháng mỗi người trong hộ gia "
        "đình này,3,Hộ nghèo\n";
    g_autofree char *path = testutil_write_file(f->dir, "n.csv", csv, -1);
    assert_int_equal(import_2023(f, path, POVATLAS_CSV_AUTO, 0, NULL, NULL),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 2);
    assert_string_equal(povatlas_report_error(f->report, 0)->message,
                        "not a whole number: a text of 4 words, not "
                        "repeated here (it may be personal data)");
    assert_string_equal(povatlas_report_error(f->report, 1)->message,
                        "not a whole number: '1.500.000 đồng một tháng "
                        "mỗi người trong…'");
}

/* A note in the middle of the list starts no signature block for the
 * households under it: one with a bad cell is still refused. */
static void test_note_mid_table(void **state)
{
    fixture *f = *state;
    const char *csv =
        "Mã hộ,Họ và tên chủ hộ,Mã đơn vị,Số nhân khẩu,Thu nhập bình quân "
        "đầu người,Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "A1,Chủ hộ giả định A1,22738,2,100,3,Hộ nghèo\n"
        ",Ghi chú: hộ A3 mới tách hộ,,,,,\n"
        "A2,Chủ hộ giả định A2,22738,2,100,3,Hộ nghèo\n"
        "A3,Chủ hộ giả định A3,22738,,100,3,Hộ nghèo\n";
    g_autofree char *path = testutil_write_file(f->dir, "g.csv", csv, -1);
    assert_int_equal(import_2023(f, path, POVATLAS_CSV_AUTO, 0, NULL, NULL),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    assert_int_equal(povatlas_report_error(f->report, 0)->row, 5);
    static const skipped_row note[] = {{3, "footer ('Ghi chú')"}};
    assert_skipped(f->report, path, note, 1);
}

/* Ward statistics compiled the same way: column numbers, a "Toàn thành
 * phố" total, the signatures. */
static void test_stats_workbook(void **state)
{
    fixture *f = *state;
    g_autofree char *path = fixture_path("ward_stats_2023.xlsx");
    povatlas_error *err = NULL;
    povatlas_import_result res;
    assert_int_equal(
        povatlas_import_ward_stats(f->ws, path, NULL, f->report, &res, &err),
        POVATLAS_OK);
    assert_null(err);
    assert_int_equal(res.rows_imported, 3);
    static const skipped_row want[] = {
        {5, "the form's column-number row ((1), (2), …)"},
        {9, "totals row ('Toàn thành phố')"},
        {10, "blank row"},
        {11, "footer ('Ngày … tháng … năm')"},
        {12, "footer ('Người lập biểu')"},
        {13, "footer ('(Ký, ghi rõ họ tên)')"},
        {14, "footer (under the signatures)"},
    };
    assert_skipped(f->report, path, want, G_N_ELEMENTS(want));
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    assert_non_null(c);
    int64_t total = 0;
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].households > 0) {
            total += c->rows[i].households;
            n++;
            if (strcmp(c->rows[i].code, "22738") == 0)
                assert_int_equal(c->rows[i].households, 4150);
        }
    povatlas_counts_list_free(c);
    assert_int_equal(n, 3);
    assert_int_equal(total, 4150 + 5650 + 2660);
}

static povatlas_status import_wards(fixture *f, const char *sheet,
                                    povatlas_sheets which,
                                    povatlas_import_result *res,
                                    povatlas_error **err)
{
    g_autofree char *path = fixture_path("review_2023_wards.xlsx");
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    o.layer = sheet;
    o.sheets = which;
    return povatlas_import_households(f->ws, path, &o, f->report, res, err);
}

/* One sheet per ward, between an instructions sheet and a summary sheet:
 * by default every sheet whose headers match is read, the others are
 * listed as skipped, and messages name the sheet. */
static void test_wards_workbook(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_import_result res;
    assert_int_equal(
        import_wards(f, NULL, POVATLAS_SHEETS_MATCHING, &res, &err),
        POVATLAS_OK);
    assert_null(err);
    assert_int_equal(res.rows_imported, 7);
    assert_int_equal(res.sheets_read, 3);
    assert_int_equal(res.sheets_skipped, 2);
    assert_int_equal(res.rows_skipped, 29);
    assert_counts(f, 2023, COMPILED_COUNTS, G_N_ELEMENTS(COMPILED_COUNTS));
    g_autofree char *path = fixture_path("review_2023_wards.xlsx");
    size_t n = povatlas_report_n_skipped(f->report);
    assert_int_equal(n, 31);
    struct {
        size_t at;
        const char *line;
    } want[] = {
        {0, "[Hướng dẫn]: sheet skipped: not this kind of table (no column "
            "such as 'Mã hộ')"},
        {1, "[Đô Vinh]:6: the form's column-number row ((1), (2), …)"},
        {12, "[Thành Hải]:10: group heading (a ward or village name "
             "alone)"},
        {29, "[Phước Mỹ]:15: footer (under the signatures)"},
        {30, "[Tổng hợp]: sheet skipped: not this kind of table (no column "
             "such as 'Mã hộ')"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        g_autofree char *line = povatlas_error_format(
            povatlas_report_skipped(f->report, want[i].at));
        g_autofree char *expect = g_strconcat(path, want[i].line, NULL);
        assert_string_equal(line, expect);
    }
    for (size_t i = 0; i < n; i++) {
        g_autofree char *line =
            povatlas_error_format(povatlas_report_skipped(f->report, i));
        assert_no_personal_data(line);
    }
}

/* --sheet all: a sheet without the headers refuses the file. */
static void test_wards_all_sheets_must_match(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import_wards(f, NULL, POVATLAS_SHEETS_ALL, NULL, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(err);
    g_autofree char *path = fixture_path("review_2023_wards.xlsx");
    g_autofree char *file = g_strconcat(path, "[Hướng dẫn]", NULL);
    assert_string_equal(err->file, file);
    assert_string_equal(err->column, "Mã hộ");
    povatlas_error_free(err);
    assert_nothing_listed(f);
}

/* --sheet NAME reads that sheet only. */
static void test_wards_named_sheet(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_import_result res;
    assert_int_equal(
        import_wards(f, "Thành Hải", POVATLAS_SHEETS_MATCHING, &res, &err),
        POVATLAS_OK);
    assert_int_equal(res.rows_imported, 3);
    assert_int_equal(res.sheets_read, 1);
    static const ward_count want[] = {{"22774", 3, 1, 2}};
    assert_counts(f, 2023, want, 1);
}

/* The same household on two sheets is refused, naming both. */
static void test_duplicate_across_sheets(void **state)
{
    fixture *f = *state;
    const char *csv =
        "Mã hộ,Mã đơn vị,Số nhân khẩu,Thu nhập bình quân đầu người,"
        "Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "A1,22738,2,100,3,Hộ nghèo\n";
    g_autofree char *src = testutil_write_file(f->dir, "a.csv", csv, -1);
    g_autofree char *xlsx = g_build_filename(f->dir, "two.xlsx", NULL);
    GDALDatasetH in = GDALOpenEx(src, GDAL_OF_VECTOR, NULL, NULL, NULL);
    GDALDatasetH out = GDALCreate(GDALGetDriverByName("XLSX"), xlsx, 0, 0, 0,
                                  GDT_Unknown, NULL);
    assert_non_null(in);
    assert_non_null(out);
    GDALDatasetCopyLayer(out, GDALDatasetGetLayer(in, 0), "Tổng hợp", NULL);
    GDALDatasetCopyLayer(out, GDALDatasetGetLayer(in, 0), "Đô Vinh", NULL);
    GDALClose(out);
    GDALClose(in);
    assert_int_equal(import_2023(f, xlsx, POVATLAS_CSV_AUTO, 0, NULL, NULL),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    g_autofree char *line =
        povatlas_error_format(povatlas_report_error(f->report, 0));
    g_autofree char *expect =
        g_strconcat(xlsx,
                    "[Đô Vinh]:2: column Mã hộ: duplicate household id 'A1' in "
                    "ward 22738 (also on row 2 of sheet 'Tổng hợp')",
                    NULL);
    assert_string_equal(line, expect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_compiled_xlsx, testutil_units_setup, testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_compiled_csv_gdal,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_compiled_csv_fast,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_compiled_bad_refused,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_surname_is_not_a_total,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(
            test_stats_workbook, testutil_units_setup, testutil_units_teardown),
        cmocka_unit_test_setup_teardown(
            test_note_mid_table, testutil_units_setup, testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_semicolon_csv_both_engines,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_messages_do_not_echo_names,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(
            test_wards_workbook, testutil_units_setup, testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_wards_all_sheets_must_match,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_wards_named_sheet,
                                        testutil_units_setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_across_sheets,
                                        testutil_units_setup,
                                        testutil_units_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
