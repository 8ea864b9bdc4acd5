/*
 * test_unit_names.c - units named by code or name on the day a row is for
 * (src/ingest/unit_names.c), through every import that takes a unit:
 * review lists, ward totals, exits and activities. Names reused by later
 * units ("Phủ Hà" is 22747 until October 2024, then 22750; "Đông Hải" is
 * 22768, then 22780 from July 2025) resolve to the unit in force on the
 * list's day; folded names resolve when one unit in force has them; a code
 * and a name of two units are refused; a merged unit's code says where the
 * crosswalk took it by the day asked (geodata/units.csv, crosswalk.csv).
 */
#include "testutil.h"

#include <string.h>

#include "core/fault.h"
#include "povatlas/povatlas.h"
#include "povatlas/programs.h"

typedef testutil_units_ws fixture;

/* Rows of @sql on the workspace, "a|b\n" each. */
static char *query(fixture *f, const char *sql)
{
    return testutil_query(f->db, sql);
}

typedef povatlas_status (*import_fn)(povatlas_workspace *, const char *,
                                     const povatlas_import_opts *,
                                     povatlas_report *,
                                     povatlas_import_result *,
                                     povatlas_error **);

/* Imports @csv with @fn into a fresh report; returns the status. */
static povatlas_status import(fixture *f, import_fn fn, const char *csv)
{
    g_autofree char *path = testutil_write_file(f->dir, "in.csv", csv, -1);
    povatlas_report_free(f->report);
    f->report = povatlas_report_new();
    povatlas_error *err = NULL;
    povatlas_status st = fn(f->ws, path, NULL, f->report, NULL, &err);
    for (size_t i = 0; i < povatlas_report_n_errors(f->report); i++)
        print_message("row %ld: %s\n", povatlas_report_error(f->report, i)->row,
                      povatlas_report_error(f->report, i)->message);
    if (err && !povatlas_report_n_errors(f->report))
        print_message("%s\n", err->message);
    povatlas_error_free(err);
    return st;
}

static void expect_error(fixture *f, size_t i, long row, const char *column,
                         const char *message)
{
    assert_true(povatlas_report_n_errors(f->report) > i);
    const povatlas_error *e = povatlas_report_error(f->report, i);
    assert_int_equal(e->row, row);
    assert_string_equal(e->column, column);
    assert_string_equal(e->message, message);
}

#define LIST_HEADER                                                                            \
    "Mã hộ,Tên đơn vị,Năm rà soát,Số nhân khẩu,Thu nhập bình quân đầu " \
    "người,Tổng số chỉ số thiếu hụt,Phân loại hộ\n"

#define STORED_UNITS                                                           \
    "SELECT household_id, unit_code FROM households ORDER BY household_id"

/* A 2023 list writing ward names, the reused ones among them, with and
 * without diacritics and prefixes: each household lands in the unit in
 * force in 2023 (Phủ Hà 22747, not the later 22750; Đông Hải 22768, not
 * the later 22780). */
static void test_names_2023(void **state)
{
    fixture *f = *state;
    assert_int_equal(import(f, povatlas_import_households,
                            LIST_HEADER
                            "A1,Phủ Hà,2023,3,100,3,Hộ nghèo\n"
                            "A2,Phường Đông Hải,2023,3,100,3,Hộ nghèo\n"
                            "A3,phu ha,2023,3,100,3,Hộ nghèo\n"
                            "A4,DONG HAI,2023,3,100,3,Hộ nghèo\n"
                            "A5,Bao An,2023,3,100,3,Hộ nghèo\n"
                            "A6,P. Thanh Sơn,2023,3,100,3,Hộ nghèo\n"
                            "A7,Mỹ Hải,2023,3,100,3,Hộ nghèo\n"
                            "A8,X. Thành Hải,2023,3,100,3,Hộ nghèo\n"),
                     POVATLAS_OK);
    g_autofree char *stored = query(f, STORED_UNITS);
    assert_string_equal(stored, "A1|22747\nA2|22768\nA3|22747\nA4|22768\n"
                                "A5|22744\nA6|22750\nA7|22780\nA8|22774\n");
}

/* The same names in a 2025 list resolve to the 2025 units; a name no unit
 * has at the end of 2025 is refused, saying which units had it and where
 * they went. */
static void test_names_2025(void **state)
{
    fixture *f = *state;
    assert_int_equal(import(f, povatlas_import_households,
                            LIST_HEADER
                            "K1,Đông Hải,2025,3,100,3,Hộ nghèo\n"
                            "K2,DONG HAI,2025,3,100,3,Hộ nghèo\n"
                            "K3,Bao An,2025,3,100,3,Hộ nghèo\n"
                            "K4,Phường Phan Rang,2025,3,100,3,Hộ nghèo\n"
                            "K5,P. Đô Vinh,2025,3,100,3,Hộ nghèo\n"),
                     POVATLAS_OK);
    g_autofree char *stored = query(f, STORED_UNITS);
    assert_string_equal(stored, "K1|22780\nK2|22780\nK3|22741\nK4|22759\n"
                                "K5|22738\n");
    assert_int_equal(import(f, povatlas_import_households,
                            LIST_HEADER "K6,Phủ Hà,2025,3,100,3,Hộ nghèo\n"
                                        "K7,my hai,2025,3,100,3,Hộ nghèo\n"),
                     POVATLAS_E_INPUT);
    expect_error(f, 0, 2, "Tên đơn vị",
                 "ward name 'Phủ Hà' names no unit in force at the end of "
                 "2025: 'Phường Phủ Hà' (22747, 2008-02-24 to 2024-10-31): it "
                 "became part of 22750 ('Phủ Hà') on 2024-11-01, then of 22759 "
                 "('Phan Rang') on 2025-07-01; 'Phường Phủ Hà' (22750, "
                 "2024-11-01 to 2025-06-30): it became part of 22759 ('Phan "
                 "Rang') on 2025-07-01");
    expect_error(f, 1, 3, "Tên đơn vị",
                 "ward name 'my hai' names no unit in force at the end of "
                 "2025: 'Phường Mỹ Hải' (22780, 2008-02-24 to 2025-06-30): it "
                 "became part of 22780 ('Đông Hải') on 2025-07-01");
}

/* The review date, when given, picks the units: the 2024 review straddles
 * the 1 Nov 2024 merger. */
static void test_names_by_review_date(void **state)
{
    fixture *f = *state;
    assert_int_equal(
        import(f, povatlas_import_households,
               "Mã hộ,Tên đơn vị,Ngày rà soát,Số nhân khẩu,Thu nhập bình "
               "quân,Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
               "C1,Phủ Hà,15/10/2024,3,100,3,Hộ nghèo\n"
               "C2,phu ha,10/03/2025,3,100,3,Hộ nghèo\n"
               "C3,Đông Hải,10/03/2025,3,100,3,Hộ nghèo\n"),
        POVATLAS_OK);
    g_autofree char *stored = query(f, STORED_UNITS);
    assert_string_equal(stored, "C1|22747\nC2|22750\nC3|22768\n");
}

/* A row whose code and name are two units is refused; a name loosely
 * spelled next to its own code is fine. */
static void test_code_and_name_disagree(void **state)
{
    fixture *f = *state;
    const char *list =
        "Mã hộ,Mã đơn vị,Tên đơn vị,Năm rà soát,Số nhân khẩu,Thu nhập bình "
        "quân,Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "D1,22750,Phủ Hà,2023,3,100,3,Hộ nghèo\n"
        "D2,22774,thanh hai,2023,3,100,3,Hộ nghèo\n"
        "D3,22759,Kinh Dinh,2025,3,100,3,Hộ nghèo\n";
    assert_int_equal(import(f, povatlas_import_households, list),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 2);
    expect_error(f, 0, 2, "Tên đơn vị",
                 "ward code '22750' is Phường Thanh Sơn at the end of 2023, "
                 "but the name says 'Phủ Hà' (22747): give the code and name "
                 "of one unit");
    expect_error(f, 1, 4, "Tên đơn vị",
                 "ward code '22759' is Phường Phan Rang at the end of 2025, "
                 "but the name says 'Kinh Dinh': give the code and name of "
                 "one unit");
    g_autofree char *stored = query(f, STORED_UNITS);
    assert_string_equal(stored, "");
}

/* The merger hint follows the crosswalk to the unit in force on the day
 * asked: 22750 (Phủ Hà from Nov 2024) went into Phan Rang in July 2025. */
static void test_merger_hint_chain(void **state)
{
    fixture *f = *state;
    const char *list =
        "Mã hộ,Mã đơn vị,Năm rà soát,Số nhân khẩu,Thu nhập bình quân,"
        "Tổng số chỉ số thiếu hụt,Phân loại hộ\n"
        "E1,22750,2025,3,100,3,Hộ nghèo\n"
        "E2,22834,2023,3,100,3,Hộ nghèo\n"
        "E3,22747,2024,3,100,3,Hộ nghèo\n";
    assert_int_equal(import(f, povatlas_import_households, list),
                     POVATLAS_E_INPUT);
    expect_error(f, 0, 2, "Mã đơn vị",
                 "ward code '22750' is not a unit in force at the end of "
                 "2025: it became part of 22759 ('Phan Rang') on 2025-07-01");
    expect_error(f, 1, 3, "Mã đơn vị",
                 "ward code '22834' is not a unit in force at the end of "
                 "2023: it is 'Phường Ninh Chử' from 2025-07-01");
    expect_error(f, 2, 4, "Mã đơn vị",
                 "ward code '22747' is not a unit in force at the end of "
                 "2024: it became part of 22750 ('Phủ Hà') on 2024-11-01");
}

/* A folded name two units in force share is refused with both, their
 * codes and validity; with diacritics each is found. */
static void test_folded_ambiguous(void **state)
{
    fixture *f = *state;
    g_autofree char *extra = testutil_write_file(
        f->dir, "extra.csv",
        "code,name,full_name,unit_type,urban,valid_from\n"
        "99991,Thanh Hải,Phường Thanh Hải,phuong,1,2008-02-24\n",
        -1);
    assert_int_equal(
        povatlas_import_units(f->ws, extra, NULL, NULL, NULL, NULL),
        POVATLAS_OK);
    assert_int_equal(import(f, povatlas_import_households,
                            LIST_HEADER "F1,thanh hai,2023,3,100,3,Hộ nghèo\n"),
                     POVATLAS_E_INPUT);
    expect_error(f, 0, 2, "Tên đơn vị",
                 "ambiguous ward name 'thanh hai' at the end of 2023: it "
                 "names 'Xã Thành Hải' (22774, 2008-02-24 to 2025-06-30), "
                 "'Phường Thanh Hải' (99991, from 2008-02-24); give the ward "
                 "code");
    assert_int_equal(import(f, povatlas_import_households,
                            LIST_HEADER
                            "F2,Thanh Hải,2023,3,100,3,Hộ nghèo\n"
                            "F3,Xã Thành Hải,2023,3,100,3,Hộ nghèo\n"),
                     POVATLAS_OK);
    g_autofree char *stored = query(f, STORED_UNITS);
    assert_string_equal(stored, "F2|99991\nF3|22774\n");
}

/* Ward totals by name, each year on its own units; a code out of force at
 * the end of the year is refused. */
static void test_stats_by_name(void **state)
{
    fixture *f = *state;
    assert_int_equal(import(f, povatlas_import_ward_stats,
                            "Tên đơn vị,Năm,Tổng số hộ\n"
                            "Phủ Hà,2023,3080\n"
                            "phu ha,2024,5565\n"
                            "Đông Hải,2025,12000\n"),
                     POVATLAS_OK);
    g_autofree char *stored =
        query(f, "SELECT unit_code, year, households FROM ward_stats"
                 " ORDER BY year");
    assert_string_equal(stored, "22747|2023|3080\n22750|2024|5565\n"
                                "22780|2025|12000\n");
    assert_int_equal(import(f, povatlas_import_ward_stats,
                            "unit_code,unit_name,year,households\n"
                            "22756,,2025,100\n"
                            "22768,Đông Hải,2025,100\n"),
                     POVATLAS_E_INPUT);
    expect_error(f, 0, 2, "unit_code",
                 "ward code '22756' is not a unit in force at the end of "
                 "2025: it became part of 22759 ('Kinh Dinh') on 2024-11-01, "
                 "then of 22759 ('Phan Rang') on 2025-07-01");
    expect_error(f, 1, 3, "unit_code",
                 "ward code '22768' is not a unit in force at the end of "
                 "2025: it became part of 22780 ('Đông Hải') on 2025-07-01");
    assert_int_equal(
        import(f, povatlas_import_ward_stats, "Năm,Tổng số hộ\n2023,100\n"),
        POVATLAS_E_INPUT);
}

/* Exits and activities take the unit the same way. */
static void test_exits_and_activities_by_name(void **state)
{
    fixture *f = *state;
    assert_int_equal(import(f, povatlas_import_exits,
                            "Mã hộ,Tên đơn vị,Năm rà soát,Lý do\n"
                            "X1,Phủ Hà,2023,Chết\n"
                            "X2,DONG HAI,2025,Chuyển đi\n"),
                     POVATLAS_OK);
    g_autofree char *exits =
        query(f, "SELECT household_id, unit_code, year FROM household_exits"
                 " ORDER BY household_id");
    assert_string_equal(exits, "X1|22747|2023\nX2|22780|2025\n");
    g_autofree char *programs = povatlas_data_path("programs.csv");
    assert_int_equal(
        povatlas_import_programs(f->ws, programs, NULL, NULL, NULL, NULL),
        POVATLAS_OK);
    assert_int_equal(import(f, povatlas_import_activities,
                            "program,ward name,year,households_reached\n"
                            "NHA,phu ha,2023,4\n"
                            "NHA,Phường Thanh Sơn,2023,2\n"),
                     POVATLAS_OK);
    g_autofree char *acts =
        query(f, "SELECT unit_code, households_reached FROM activities"
                 " ORDER BY unit_code");
    assert_string_equal(acts, "22747|4\n22750|2\n");
}

/* Out of memory while the units' names are indexed for an import is
 * POVATLAS_E_NOMEM, not an abort inside a GHashTable: the import's checked
 * allocations fail one by one, each run refused saying so and storing
 * nothing; the names' index (its three arrays and its keys) among them. */
static void test_out_of_memory(void **state)
{
    fixture *f = *state;
    static const char csv[] = "Tên đơn vị,Năm,Tổng số hộ\n"
                              "Phủ Hà,2023,3080\n"
                              "phu ha,2024,5565\n";
    g_autofree char *path = testutil_write_file(f->dir, "in.csv", csv, -1);
    int names = 0;
    for (long n = 1;; n++) {
        povatlas_error *err = NULL;
        povatlas_fault_arm(POVATLAS_FAULT_ALLOC, n, 0);
        povatlas_status st =
            povatlas_import_ward_stats(f->ws, path, NULL, NULL, NULL, &err);
        long failed = povatlas_fault_failed();
        povatlas_fault_arm(0, 0, 0);
        if (failed == 0) {
            assert_int_equal(st, POVATLAS_OK);
            break;
        }
        assert_int_equal(st, POVATLAS_E_NOMEM);
        assert_non_null(err);
        assert_int_equal(err->code, POVATLAS_E_NOMEM);
        assert_non_null(strstr(err->message, "out of memory"));
        names += strstr(err->message, "out of memory for the names of") != 0;
        povatlas_error_free(err);
        g_autofree char *stored = query(f, "SELECT count(*) FROM ward_stats");
        assert_string_equal(stored, "0\n");
    }
    /* the index's unit_names, its three arrays and its keys' block */
    assert_int_equal(names, 5);
    g_autofree char *stored =
        query(f, "SELECT unit_code, year, households FROM ward_stats"
                 " ORDER BY year");
    assert_string_equal(stored, "22747|2023|3080\n22750|2024|5565\n");
}

int main(void)
{
#define T(fn)                                                                  \
    cmocka_unit_test_setup_teardown(fn, testutil_units_setup_crosswalk,        \
                                    testutil_units_teardown)
    const struct CMUnitTest tests[] = {
        T(test_names_2023),           T(test_names_2025),
        T(test_names_by_review_date), T(test_code_and_name_disagree),
        T(test_merger_hint_chain),    T(test_folded_ambiguous),
        T(test_stats_by_name),        T(test_exits_and_activities_by_name),
        T(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("unit_names", tests, NULL, NULL);
}
