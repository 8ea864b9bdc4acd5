/*
 * test_ingest_households.c - importing review lists (src/ingest/
 * households.c): good files through both CSV engines and XLSX, and every
 * kind of bad input with its exact message and nothing half-imported.
 */
#include "testutil.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"

#define HEADER                                                                 \
    "household_id,unit_code,year,members,income_per_capita,"                   \
    "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,recorded_status\n"
#define ROW_POOR "H1,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n"
#define ROW_NEAR "H2,22774,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,near_poor\n"

typedef struct fixture {
    char *dir;
    povatlas_workspace *ws;
    povatlas_report *report;
    povatlas_csv_engine engine;
} fixture;

static int setup_engine(void **state, povatlas_csv_engine engine)
{
    povatlas_init();
    fixture *f = g_new0(fixture, 1);
    f->dir = testutil_tmpdir();
    f->engine = engine;
    g_autofree char *db = g_build_filename(f->dir, "w.sqlite", NULL);
    f->ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(f->ws);
    g_autofree char *units =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "units.csv", NULL);
    assert_int_equal(
        povatlas_import_units(f->ws, units, NULL, NULL, NULL, NULL),
        POVATLAS_OK);
    f->report = povatlas_report_new();
    *state = f;
    return 0;
}

static int setup_gdal(void **state)
{
    return setup_engine(state, POVATLAS_CSV_GDAL);
}

static int setup_fast(void **state)
{
    return setup_engine(state, POVATLAS_CSV_FAST);
}

static int teardown(void **state)
{
    fixture *f = *state;
    povatlas_report_free(f->report);
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

/* Households stored for @year in the whole workspace. */
static int64_t stored(fixture *f, int year)
{
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, year, NULL);
    int64_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += c->rows[i].listed;
    povatlas_counts_list_free(c);
    return n;
}

static povatlas_status import(fixture *f, const char *name, const char *content,
                              gssize len, povatlas_error **err, int replace)
{
    g_autofree char *path = testutil_write_file(f->dir, name, content, len);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.csv_engine = f->engine;
    o.replace = replace;
    return povatlas_import_households(f->ws, path, &o, f->report, NULL, err);
}

/* The only rejected row has this location and message. */
static void expect_row_error(fixture *f, long row, const char *column,
                             const char *message)
{
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_non_null(e->file);
    assert_true(g_str_has_suffix(e->file, ".csv"));
    assert_int_equal(e->row, row);
    assert_string_equal(e->column, column);
    assert_string_equal(e->message, message);
}

static void test_good_file(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "ok.csv", HEADER ROW_POOR ROW_NEAR, -1, &err, 0),
                     POVATLAS_OK);
    assert_null(err);
    assert_int_equal(stored(f, 2023), 2);
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    int64_t poor = 0, near = 0, cpoor = 0, cnear = 0;
    for (size_t i = 0; i < c->n; i++) {
        poor += c->rows[i].poor;
        near += c->rows[i].near_poor;
        cpoor += c->rows[i].computed_poor;
        cnear += c->rows[i].computed_near_poor;
    }
    povatlas_counts_list_free(c);
    /* H01-like urban poor; H05-like rural near-poor with 0 deprivations */
    assert_int_equal(poor, 1);
    assert_int_equal(near, 1);
    assert_int_equal(cpoor, 1);
    assert_int_equal(cnear, 1);
}

static void test_empty_file(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "empty.csv", "", 0, &err, 0), POVATLAS_E_INPUT);
    assert_string_equal(err->message, "the file is empty");
    assert_true(g_str_has_suffix(err->file, "empty.csv"));
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(import(f, "header.csv", HEADER, -1, &err, 0),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->message, "the file has a header but no data rows");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

static void test_missing_column(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "nomembers.csv",
                            "household_id,unit_code,year,income_per_capita,"
                            "b2,recorded_status\nH1,22738,2023,1,3,poor\n",
                            -1, &err, 0),
                     POVATLAS_E_INPUT);
    assert_int_equal(err->row, 1);
    assert_string_equal(err->column, "Số nhân khẩu");
    assert_true(g_str_has_prefix(err->message, "missing column"));
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

static void test_non_numeric_income(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(
        import(f, "income.csv",
               HEADER ROW_POOR
               "H3,22738,2023,3,abc,0,0,0,0,0,0,0,0,0,0,0,0,poor\n",
               -1, &err, 0),
        POVATLAS_E_INPUT);
    expect_row_error(f, 3, "income_per_capita", "not a whole number: 'abc'");
    assert_string_equal(err->message,
                        "1 of 2 rows rejected; nothing was imported");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0); /* the good row did not land */
}

static void test_unknown_ward(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(
        import(f, "ward.csv",
               HEADER
               "H9,26734,2023,3,100,0,0,0,0,0,0,0,0,0,0,0,0,poor\n" ROW_NEAR,
               -1, &err, 0),
        POVATLAS_E_INPUT);
    expect_row_error(f, 2, "unit_code", "unknown ward code '26734'");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

static void test_duplicate_id(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(
        import(f, "dup.csv", HEADER ROW_POOR ROW_NEAR ROW_POOR, -1, &err, 0),
        POVATLAS_E_INPUT);
    expect_row_error(f, 4, "household_id",
                     "duplicate household id 'H1' in ward 22738 (also on "
                     "row 2)");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

/* A duplicate thousands of rows after the first: the two are checked in
 * different batches of the import's reading thread. */
static void test_duplicate_far_apart(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    GString *csv = g_string_new(HEADER);
    for (int i = 1; i <= 9000; i++)
        g_string_append_printf(
            csv, "H%d,22738,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,near_poor\n",
            i);
    g_string_append(
        csv, "H7,22738,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,near_poor\n");
    assert_int_equal(import(f, "far.csv", csv->str, -1, &err, 0),
                     POVATLAS_E_INPUT);
    expect_row_error(f, 9002, "household_id",
                     "duplicate household id 'H7' in ward 22738 (also on "
                     "row 8)");
    assert_string_equal(err->message,
                        "1 of 9001 rows rejected; nothing was imported");
    povatlas_error_free(err);
    g_string_free(csv, TRUE);
    assert_int_equal(stored(f, 2023), 0);
}

/* A file of more than two of the reader's blocks (1 MiB): the key table
 * is made room for the file's rows after the first block, and keeps the
 * keys stored before and those claimed so far. */
static void test_duplicates_in_a_long_file(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "a.csv", HEADER ROW_POOR, -1, NULL, 0),
                     POVATLAS_OK);
    GString *csv = g_string_new(HEADER);
    for (int i = 2; i <= 40001; i++)
        g_string_append_printf(
            csv, "H%d,22738,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,near_poor\n",
            i);
    assert_true(csv->len > 2 << 20);
    g_string_append(csv, ROW_POOR);
    g_string_append(
        csv, "H3,22738,2023,2,1500000,0,0,0,0,0,0,0,0,0,0,0,0,near_poor\n");
    assert_int_equal(import(f, "long.csv", csv->str, -1, &err, 0),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 2);
    const povatlas_error *e = povatlas_report_error(f->report, 0);
    assert_int_equal(e->row, 40002);
    assert_string_equal(e->message,
                        "household id 'H1' of ward 22738 is already in the "
                        "workspace for 2023 (that year's list is replaced "
                        "only when asked to)");
    e = povatlas_report_error(f->report, 1);
    assert_int_equal(e->row, 40003);
    assert_string_equal(e->message, "duplicate household id 'H3' in ward "
                                    "22738 (also on row 3)");
    assert_string_equal(err->message,
                        "2 of 40002 rows rejected; nothing was imported");
    povatlas_error_free(err);
    g_string_free(csv, TRUE);
    assert_int_equal(stored(f, 2023), 1);
}

static void test_already_stored(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "a.csv", HEADER ROW_POOR, -1, NULL, 0),
                     POVATLAS_OK);
    assert_int_equal(import(f, "b.csv", HEADER ROW_POOR ROW_NEAR, -1, &err, 0),
                     POVATLAS_E_INPUT);
    expect_row_error(f, 2, "household_id",
                     "household id 'H1' of ward 22738 is already in the "
                     "workspace for 2023 (that year's list is replaced only "
                     "when asked to)");
    assert_string_equal(povatlas_report_error(f->report, 0)->option, "replace");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 1);
    /* --replace swaps the year's list whole */
    assert_int_equal(import(f, "b.csv", HEADER ROW_POOR ROW_NEAR, -1, NULL, 1),
                     POVATLAS_OK);
    assert_int_equal(stored(f, 2023), 2);
}

static void test_not_utf8(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    /* 8-bit text that is no Vietnamese legacy encoding povatlas knows */
    assert_int_equal(import(f, "latin.csv",
                            HEADER
                            "H1,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,"
                            "H\xf4 ngh\xe8o\n",
                            -1, &err, 0),
                     POVATLAS_E_INPUT);
    assert_string_equal(err->message,
                        "the file is not UTF-8 text; it looks like an "
                        "unknown 8-bit encoding, which povatlas does not "
                        "convert: save it as UTF-8 (CSV UTF-8 in Excel, or "
                        "convert it with Unikey)");
    assert_true(g_str_has_suffix(err->file, "latin.csv"));
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

/* A list saved from an old ".VnTime" template: TCVN3 bytes. */
#define TCVN3_CSV                                                              \
    "M\xb7 h\xe9,T\xaan \xae\xacn v\xde,N\xa8m r\xb5 so\xb8t,"                 \
    "S\xe8 nh\xa9n kh\xc8u,Thu nh\xcbp b\xd7nh qu\xa9n \xae\xc7u "             \
    "ng\xad\xeai,T\xe6ng s\xe8 ch\xd8 s\xe8 thi\xd5u h\xf4t,"                  \
    "Ph\xa9n lo\xb9i h\xe9\n"                                                  \
    "T1,Ph\xad\xeang \xa7\xab Vinh,2023,4,1900000,3,H\xe9 ngh\xcco\n"          \
    "T2,X\xb7 Th\xb5nh H\xb6i,2023,2,1500000,0,H\xe9 c\xcbn ngh\xcco\n"

static void test_tcvn3_converted(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "tcvn3.csv", TCVN3_CSV, -1, &err, 0),
                     POVATLAS_OK);
    assert_null(err);
    assert_int_equal(stored(f, 2023), 2);
    assert_int_equal(povatlas_report_n_warnings(f->report), 1);
    const povatlas_error *w = povatlas_report_warning(f->report, 0);
    assert_true(g_str_has_suffix(w->file, "tcvn3.csv"));
    assert_true(g_str_has_prefix(w->message, "converted from TCVN3 (ABC) to "
                                             "UTF-8"));
}

static void test_cp1258_converted(void **state)
{
    fixture *f = *state;
    const char *csv =
        "Ma\xde h\xf4\xf2,T\xean \xf0\xf5n vi\xf2,N\xe3m ra\xcc soa\xect,"
        "S\xf4\xec nh\xe2n kh\xe2\xd2u,Thu nh\xe2\xf2p bi\xccnh qu\xe2n,"
        "T\xf4\xd2ng s\xf4\xec chi\xd2 s\xf4\xec thi\xea\xecu hu\xf2t,"
        "Ph\xe2n loa\xf2i h\xf4\xf2\n"
        "C1,Ph\xfd\xf5\xccng \xd0\xf4 Vinh,2023,4,1900000,3,"
        "H\xf4\xf2 ngh\xe8o\n"
        "C2,Ph\xfd\xf5\xccng \xd0\xf4 Vinh,2023,2,1500000,0,"
        "H\xf4\xf2 c\xe2\xf2n ngh\xe8o\n";
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "cp1258.csv", csv, -1, &err, 0), POVATLAS_OK);
    assert_null(err);
    assert_int_equal(stored(f, 2023), 2);
    assert_true(g_str_has_prefix(povatlas_report_warning(f->report, 0)->message,
                                 "converted from Windows-1258 to UTF-8"));
}

static void test_vni_refused(void **state)
{
    fixture *f = *state;
    /* VNI: "Hộ nghèo" is written "Hoä ngheøo" */
    const char *csv = "Ma\xf5 ho\xe4,Phaân loa\xefi ho\xe4\n"
                      "V1,Ho\xe4 nghe\xf8o\nV2,Ho\xe4 nghe\xf8o\n"
                      "V3,Ho\xe4 nghe\xf8o\nV4,Ho\xe4 ca\xe4n nghe\xf8o\n";
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "vni.csv", csv, -1, &err, 0), POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "it looks like VNI"));
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

static void test_row_checks(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    assert_int_equal(
        import(f, "checks.csv",
               HEADER "H1,22738,2023,0,1000000,0,0,0,0,0,0,0,0,0,0,0,0,poor\n"
                      "H2,22738,2023,3,-1,0,0,0,0,0,0,0,0,0,0,0,0,poor\n"
                      "H3,22738,2021,3,100,0,0,0,0,0,0,0,0,0,0,0,0,poor\n"
                      "H4,22738,2023,3,100,0,0,0,2,0,0,0,0,0,0,0,0,poor\n"
                      "H5,22738,2023,3,100,0,0,0,0,0,0,0,0,0,0,0,0,rich\n",
               -1, &err, 0),
        POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 5);
    const char *want[][2] = {
        {"members", "household has no members"},
        {"income_per_capita", "income is negative"},
        {"year", NULL},
        {"d04", "expected 1/x (deprived) or 0/empty, found '2'"},
        {"recorded_status", "unknown household class 'rich' (expected 'Hộ "
                            "nghèo' or 'Hộ cận nghèo')"}};
    for (size_t i = 0; i < 5; i++) {
        const povatlas_error *e = povatlas_report_error(f->report, i);
        assert_int_equal(e->row, (long)i + 2);
        assert_string_equal(e->column, want[i][0]);
        if (want[i][1])
            assert_string_equal(e->message, want[i][1]);
        else
            assert_true(g_str_has_prefix(e->message,
                                         "no poverty standard covers review "
                                         "year 2021"));
    }
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

static void test_vietnamese_file(void **state)
{
    fixture *f = *state;
    /* BOM, semicolons, Vietnamese headers and numbers, names, x marks */
    const char *csv =
        "\xEF\xBB\xBF"
        "STT;Mã hộ;Tên đơn vị;Năm rà soát;Họ và tên chủ hộ;Số nhân khẩu;"
        "Thu nhập bình quân đầu người/tháng;Tổng số chỉ số thiếu hụt;"
        "Phân loại hộ\n"
        "1;A-01;Phường Đô Vinh;2023;Chủ hộ giả định 1;4;1.900.000;3;"
        "Hộ nghèo\n"
        "2;A-02;xa thanh hai;2023;Chủ hộ giả định 2;2;1.500.000;0;"
        "Hộ cận nghèo\n";
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "vn.csv", csv, -1, &err, 0), POVATLAS_OK);
    assert_null(err);
    assert_int_equal(stored(f, 2023), 2);
}

static void test_malformed_csv(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    povatlas_status st = import(
        f, "quote.csv", HEADER "\"H1,22738,2023,4,1900000,1,1,1,0,0,0,0,0,0",
        -1, &err, 0);
    assert_int_not_equal(st, POVATLAS_OK); /* an error, never a crash */
    assert_non_null(err);
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

/* An XLSX written with GDAL's XLSX driver, read back as a review list. */
static void test_xlsx(void **state)
{
    fixture *f = *state;
    g_autofree char *csv =
        testutil_write_file(f->dir, "src.csv", HEADER ROW_POOR ROW_NEAR, -1);
    g_autofree char *xlsx = g_build_filename(f->dir, "list.xlsx", NULL);
    GDALDatasetH src = GDALOpenEx(csv, GDAL_OF_VECTOR, NULL, NULL, NULL);
    GDALDatasetH dst = GDALCreate(GDALGetDriverByName("XLSX"), xlsx, 0, 0, 0,
                                  GDT_Unknown, NULL);
    assert_non_null(src);
    assert_non_null(dst);
    GDALDatasetCopyLayer(dst, GDALDatasetGetLayer(src, 0), "Danh sách", NULL);
    GDALClose(dst);
    GDALClose(src);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_households(f->ws, xlsx, NULL, f->report, NULL, &err),
        POVATLAS_OK);
    assert_null(err);
    assert_int_equal(stored(f, 2023), 2);
}

/* The fixture laid out like the official form: title rows, a two-row
 * header with "Các chỉ số thiếu hụt" merged over the 12 indicators, ward
 * names written four ways, numbers as "1.900.000". */
static void test_xlsx_official_form(void **state)
{
    fixture *f = *state;
    g_autofree char *xlsx = g_build_filename(
        POVATLAS_SOURCE_DIR, "tests", "fixtures", "review_2023.xlsx", NULL);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    povatlas_error *err = NULL;
    povatlas_import_result res;
    assert_int_equal(
        povatlas_import_households(f->ws, xlsx, &o, f->report, &res, &err),
        POVATLAS_OK);
    assert_null(err);
    assert_int_equal(res.rows_imported, 4);
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    int64_t poor = 0, near = 0, disagree = 0;
    for (size_t i = 0; i < c->n; i++) {
        poor += c->rows[i].poor;
        near += c->rows[i].near_poor;
        disagree += c->rows[i].disagree;
        if (strcmp(c->rows[i].code, "22774") == 0)
            assert_int_equal(c->rows[i].listed, 2); /* Xã Thành Hải */
    }
    povatlas_counts_list_free(c);
    assert_int_equal(poor, 2);
    assert_int_equal(near, 2);
    assert_int_equal(disagree, 0); /* flags read from the merged header */
}

/* An import reads spreadsheets with GDAL's header detection and type
 * guessing off; a caller's own XLSX read afterwards, in the same thread,
 * must get GDAL's defaults back: a header row is a header, a number a
 * number. */
static void test_xlsx_leaves_gdal_settings(void **state)
{
    test_xlsx_official_form(state);
    assert_null(CPLGetThreadLocalConfigOption("OGR_XLSX_HEADERS", NULL));
    assert_null(CPLGetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", NULL));

    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "own.xlsx", NULL);
    GDALDriverH drv = GDALGetDriverByName("XLSX");
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetCreateLayer(ds, "own", NULL, wkbNone, NULL);
    OGRFieldDefnH fd = OGR_Fld_Create("households", OFTInteger);
    assert_int_equal(OGR_L_CreateField(l, fd, TRUE), OGRERR_NONE);
    OGR_Fld_Destroy(fd);
    OGRFeatureH feat = OGR_F_Create(OGR_L_GetLayerDefn(l));
    OGR_F_SetFieldInteger(feat, 0, 4104);
    assert_int_equal(OGR_L_CreateFeature(l, feat), OGRERR_NONE);
    OGR_F_Destroy(feat);
    GDALClose(ds);

    ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    assert_int_equal(OGR_FD_GetFieldCount(defn), 1);
    assert_string_equal(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, 0)),
                        "households");
    assert_int_equal(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, 0)), OFTInteger);
    assert_int_equal(OGR_L_GetFeatureCount(l, TRUE), 1);
    GDALClose(ds);
    testutil_rmtree(dir);
}

static void test_ward_names(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    const char *csv =
        "Mã hộ,Tên đơn vị,Năm rà soát,Số nhân khẩu,Thu nhập bình quân đầu "
        "người,Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "A1,P. Đô Vinh,2023,2,100,3,Hộ nghèo\n"
        "A2,XA THANH HAI,2023,2,100,3,Hộ nghèo\n"
        "A3,Thanh Hải,2023,2,100,3,Hộ nghèo\n"
        "A4,Phường Kinh Dinh,2023,2,100,3,Hộ nghèo\n";
    assert_int_equal(import(f, "names.csv", csv, -1, &err, 0),
                     POVATLAS_E_INPUT);
    /* "Thanh Hải" carries diacritics that differ from "Thành Hải" */
    expect_row_error(f, 4, "Tên đơn vị",
                     "unknown ward name 'Thanh Hải' (closest: 'Thành Hải', "
                     "'Xã Thành Hải', 'Thanh Sơn')");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 0);
}

/* docs/domain-rules.md §7.5: units keyed by code and period */
static void test_units_over_time(void **state)
{
    fixture *f = *state;
    g_autofree char *cw =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "crosswalk.csv", NULL);
    assert_int_equal(
        povatlas_import_crosswalk(f->ws, cw, NULL, NULL, NULL, NULL),
        POVATLAS_OK);
    povatlas_error *err = NULL;
    /* U01: Tấn Tài in 2023 is valid; U04: Thành Hải 2023 is rural */
    assert_int_equal(
        import(f, "u01.csv",
               HEADER
               "U1,22756,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n"
               "U4,22774,2023,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,near_poor\n",
               -1, &err, 0),
        POVATLAS_OK);
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->rows[i].code, "22774") == 0) {
            assert_int_equal(c->rows[i].urban, 0);
            /* 1.9 M per person is above the rural line: not near-poor */
            assert_int_equal(c->rows[i].computed_near_poor, 0);
        }
        if (strcmp(c->rows[i].code, "22756") == 0)
            assert_int_equal(c->rows[i].computed_poor, 1);
    }
    povatlas_counts_list_free(c);
    /* U02: Tấn Tài after the 1 Nov 2024 merger is refused, saying where it
     * went; never a new unit */
    assert_int_equal(
        import(f, "u02.csv",
               HEADER "U2,22756,2025,4,1900000,1,1,1,0,0,0,0,0,0,0,0,0,poor\n",
               -1, &err, 0),
        POVATLAS_E_INPUT);
    expect_row_error(f, 2, "unit_code",
                     "ward code '22756' is not a unit in force at the end of "
                     "2025: it became part of 22759 ('Kinh Dinh') on "
                     "2024-11-01, then of 22759 ('Phan Rang') on 2025-07-01");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2025), 0);
    /* U03: 22759 is Kinh Dinh (58) in 2023 and Phan Rang (56) from 2025 */
    povatlas_unit_list *u23 = povatlas_workspace_units(f->ws, 2023, NULL);
    povatlas_unit_list *u25 = povatlas_workspace_units(f->ws, 2025, NULL);
    assert_int_equal(u23->n, 16); /* U06 */
    assert_int_equal(u25->n, 5);
    for (size_t i = 0; i < u25->n; i++)
        if (strcmp(u25->rows[i].code, "22759") == 0)
            assert_string_equal(u25->rows[i].name, "Phan Rang");
    int urban = 0;
    for (size_t i = 0; i < u23->n; i++)
        urban += u23->rows[i].urban;
    assert_int_equal(urban, 15);
    povatlas_unit_list_free(u23);
    povatlas_unit_list_free(u25);
}

/* The recorded status is legal and kept; a contradiction is reported. */
static void test_recorded_contradicts_rule(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    /* income 1,900,000 (urban line 2,000,000) with 2 deprivations is
     * near-poor by the rule, but the ward recorded it as poor */
    assert_int_equal(
        import(
            f, "contra.csv",
            HEADER
            "K1,22738,2023,4,1900000,1,1,0,0,0,0,0,0,0,0,0,0,poor\n" ROW_NEAR,
            -1, &err, 0),
        POVATLAS_OK);
    assert_null(err);
    assert_int_equal(stored(f, 2023), 2);
    assert_int_equal(povatlas_report_n_warnings(f->report), 1);
    const povatlas_error *w = povatlas_report_warning(f->report, 0);
    assert_int_equal(w->row, 2);
    assert_string_equal(w->column, "recorded_status");
    assert_string_equal(w->message,
                        "household 'K1' is recorded as 'Hộ nghèo' but the "
                        "standard gives 'Hộ cận nghèo' (2 deprivations); kept "
                        "as recorded");
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    int64_t poor = 0, disagree = 0;
    for (size_t i = 0; i < c->n; i++) {
        poor += c->rows[i].poor;
        disagree += c->rows[i].disagree;
    }
    povatlas_counts_list_free(c);
    assert_int_equal(poor, 1);     /* official counts use the recorded one */
    assert_int_equal(disagree, 1); /* and the disagreement is counted */
}

/* A header povatlas does not know, named in a mapping file. */
static void test_mapping_file(void **state)
{
    fixture *f = *state;
    g_autofree char *map = testutil_write_file(
        f->dir, "map.ini",
        "[columns]\nSố khẩu trong hộ = members\nMức sống = recorded_status\n",
        -1);
    g_autofree char *csv = testutil_write_file(
        f->dir, "m.csv",
        "Mã hộ,Mã đơn vị,Năm rà soát,Số khẩu trong hộ,Thu nhập bình quân,"
        "Tổng số chỉ số thiếu hụt,Mức sống\n"
        "M1,22738,2023,4,1900000,3,Hộ nghèo\n",
        -1);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.csv_engine = f->engine;
    povatlas_error *err = NULL;
    /* without the mapping the members column is missing */
    assert_int_equal(
        povatlas_import_households(f->ws, csv, &o, f->report, NULL, &err),
        POVATLAS_E_INPUT);
    assert_string_equal(err->column, "Số nhân khẩu");
    povatlas_error_free(err);
    err = NULL;
    o.mapping = map;
    assert_int_equal(
        povatlas_import_households(f->ws, csv, &o, f->report, NULL, &err),
        POVATLAS_OK);
    assert_int_equal(stored(f, 2023), 1);
    /* a field povatlas does not have is refused by name */
    g_autofree char *bad = testutil_write_file(
        f->dir, "bad.ini", "[columns]\nSố khẩu = nhan_khau\n", -1);
    o.mapping = bad;
    assert_int_equal(
        povatlas_import_households(f->ws, csv, &o, f->report, NULL, &err),
        POVATLAS_E_USAGE);
    assert_string_equal(err->message, "unknown povatlas field 'nhan_khau'");
    povatlas_error_free(err);
}

/* The review date picks the unit list in force that day (the 2024 review
 * straddles the 1 Nov 2024 merger, docs/domain-rules.md §6.3). */
static void test_review_date(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    const char *ok =
        "Mã hộ,Mã đơn vị,Ngày rà soát,Số nhân khẩu,Thu nhập bình quân,"
        "Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "D1,22756,15/10/2024,4,1900000,3,Hộ nghèo\n"
        "D2,22759,2024-10-20,4,1900000,3,Hộ nghèo\n";
    assert_int_equal(import(f, "d.csv", ok, -1, &err, 0), POVATLAS_OK);
    assert_int_equal(stored(f, 2024), 2);
    const char *late =
        "Mã hộ,Mã đơn vị,Ngày rà soát,Số nhân khẩu,Thu nhập bình quân,"
        "Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "D3,22756,15/11/2024,4,1900000,3,Hộ nghèo\n"
        "D4,22759,31/02/2024,4,1900000,3,Hộ nghèo\n";
    assert_int_equal(import(f, "late.csv", late, -1, &err, 0),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 2);
    assert_string_equal(povatlas_report_error(f->report, 0)->message,
                        "ward code '22756' is not a unit in force on "
                        "2024-11-15");
    assert_string_equal(povatlas_report_error(f->report, 1)->message,
                        "not a date (dd/mm/yyyy): '31/02/2024'");
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2024), 2);
}

/* Income estimated by the Phiếu B1 score against a user's cut-offs. */
static void test_b1_scores(void **state)
{
    fixture *f = *state;
    const char *list = "Mã hộ,Mã đơn vị,Năm rà soát,Số nhân khẩu,Điểm B1,"
                       "Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
                       "B1,22738,2023,4,110,3,Hộ nghèo\n"
                       "B2,22738,2023,4,120,1,Hộ cận nghèo\n"
                       "B3,22774,2023,4,121,1,Hộ cận nghèo\n";
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "b1.csv", list, -1, &err, 0), POVATLAS_E_INPUT);
    assert_string_equal(povatlas_report_error(f->report, 0)->message,
                        "a B1 score needs a cut-off table for 2023 (urban): "
                        "import one with 'povatlas import b1-cutoffs FILE'");
    povatlas_error_free(err);
    err = NULL;
    /* fictitious scores: no B1 value is known for 2022-2025 */
    g_autofree char *cut = testutil_write_file(
        f->dir, "cut.csv",
        "year_from,year_to,area,line_score,band_score,source\n"
        "2022,2026,urban,120,150,test\n2022,2026,rural,125,140,test\n",
        -1);
    assert_int_equal(
        povatlas_import_b1_cutoffs(f->ws, cut, NULL, NULL, NULL, NULL),
        POVATLAS_OK);
    povatlas_report_free(f->report);
    f->report = povatlas_report_new();
    assert_int_equal(import(f, "b1.csv", list, -1, &err, 0), POVATLAS_OK);
    povatlas_counts_list *c = povatlas_workspace_counts(f->ws, 2023, NULL);
    int64_t cpoor = 0, cnear = 0;
    for (size_t i = 0; i < c->n; i++) {
        cpoor += c->rows[i].computed_poor;
        cnear += c->rows[i].computed_near_poor;
    }
    povatlas_counts_list_free(c);
    assert_int_equal(cpoor, 1); /* 110 <= 120 with 3 deprivations */
    assert_int_equal(cnear, 2); /* 120 <= 120 urban; 121 <= 125 rural */
}

/* Decomposed text (combining marks) is stored as NFC. */
static void test_nfc(void **state)
{
    fixture *f = *state;
    /* "Hộ nghèo" with o + circumflex + dot below as combining marks, and a
     * household id with a decomposed letter */
    const char *csv =
        HEADER "H\xe1\xbb\x99-o\xcc\x82\xcc\xa3,22738,2023,4,1900000,"
               "1,1,1,0,0,0,0,0,0,0,0,0,Ho\xcc\x82\xcc\xa3 nghe\xcc\x80o\n";
    povatlas_error *err = NULL;
    assert_int_equal(import(f, "nfc.csv", csv, -1, &err, 0), POVATLAS_OK);
    /* the stored id is NFC: importing the precomposed spelling collides */
    const char *again =
        HEADER "H\xe1\xbb\x99-\xe1\xbb\x99,22738,2023,4,1900000,"
               "1,1,1,0,0,0,0,0,0,0,0,0,poor\n";
    assert_int_equal(import(f, "nfc2.csv", again, -1, &err, 0),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    assert_int_equal(stored(f, 2023), 1);
}

#define BOTH(fn)                                                               \
    cmocka_unit_test_setup_teardown(fn, setup_gdal, teardown),                 \
        cmocka_unit_test_setup_teardown(fn, setup_fast, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_good_file),
        BOTH(test_empty_file),
        BOTH(test_missing_column),
        BOTH(test_non_numeric_income),
        BOTH(test_unknown_ward),
        BOTH(test_duplicate_id),
        BOTH(test_duplicate_far_apart),
        BOTH(test_already_stored),
        BOTH(test_duplicates_in_a_long_file),
        BOTH(test_not_utf8),
        BOTH(test_row_checks),
        BOTH(test_vietnamese_file),
        BOTH(test_malformed_csv),
        BOTH(test_ward_names),
        BOTH(test_tcvn3_converted),
        BOTH(test_cp1258_converted),
        BOTH(test_vni_refused),
        BOTH(test_units_over_time),
        BOTH(test_recorded_contradicts_rule),
        BOTH(test_mapping_file),
        BOTH(test_review_date),
        BOTH(test_b1_scores),
        BOTH(test_nfc),
        cmocka_unit_test_setup_teardown(test_xlsx_official_form, setup_gdal,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_xlsx, setup_gdal, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_leaves_gdal_settings,
                                        setup_gdal, teardown),
    };
    return cmocka_run_group_tests_name("ingest_households", tests, NULL, NULL);
}
