/*
 * test_transitions.c - transitions between review years
 * (src/classify/transitions.c, with the exit import of src/ingest/exits.c
 * and the store of src/store/transitions.c): docs/domain-rules.md §7.4 exactly,
 * the balance identity on the demo dataset, bad exit files with their exact
 * messages and nothing imported, and the tái nghèo target.
 *
 * The §7.4 ward is Đô Vinh (22738) with a unit period that does not end, so
 * that three review years under the 2022–2025 standard exist: 2022 (the
 * earlier year where one household was poor), 2023 (S₀) and 2024 (S₁).
 * The example's "escaped poverty in 2022" is that household's escape
 * recognised in the 2023 review.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "core/fault.h"
#include "povatlas/analysis.h"
#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"
#include "povatlas/transitions.h"

#define W "22738"
#define LIST_HEADER                                                            \
    "household_id,unit_code,year,members,income_per_capita,"                   \
    "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,recorded_status\n"
#define EXIT_HEADER "Mã hộ,Mã đơn vị,Năm rà soát,Lý do\n"

typedef testutil_units_ws fixture;

/* One urban ward, W. */
static int setup(void **state)
{
    *state = testutil_units_ws_with(
        "code,name,full_name,unit_type,urban,zone,valid_from,valid_to\n" W
        ",Đô Vinh,Phường Đô Vinh,phuong,1,periurban,2008-02-24,\n");
    return 0;
}

/* One list row of ward W: poor rows qualify as poor (urban, 3 indicators),
 * near-poor rows as near-poor. */
static void add_row(GString *csv, const char *id, int year, int poor)
{
    g_string_append_printf(
        csv, "%s," W ",%d,4,%s,1,1,%d,0,0,0,0,0,0,0,0,0,%s\n", id, year,
        poor ? "1900000" : "1500000", poor, poor ? "poor" : "near_poor");
}

static void add_rows(GString *csv, const char *prefix, int from, int to,
                     int year, int poor)
{
    for (int i = from; i <= to; i++) {
        g_autofree char *id = g_strdup_printf("%s%02d", prefix, i);
        add_row(csv, id, year, poor);
    }
}

static povatlas_status import_list(fixture *f, const char *name,
                                   const GString *csv)
{
    g_autofree char *path =
        testutil_write_file(f->dir, name, csv->str, (gssize)csv->len);
    povatlas_error *err = NULL;
    povatlas_status st =
        povatlas_import_households(f->ws, path, NULL, f->report, NULL, &err);
    povatlas_error_free(err);
    return st;
}

static povatlas_status import_exits(fixture *f, const char *name,
                                    const char *csv,
                                    povatlas_import_result *res,
                                    povatlas_error **err)
{
    g_autofree char *path = testutil_write_file(f->dir, name, csv, -1);
    return povatlas_import_exits(f->ws, path, NULL, f->report, res, err);
}

/*
 * Ward W of §7.4. 2023: P01–P20 poor, N01–N50 near-poor. 2024: P01–P14
 * poor, P15–P17 near-poor, P18–P19 above the line, P20 moved; N01 poor,
 * N02–N09 above, N10 dead, N11–N50 near-poor; R01 poor again (poor in
 * 2022, escaped above the line in the 2023 review); X01 new poor; X02, X03
 * new near-poor.
 */
static void load_lists(fixture *f)
{
    g_autoptr(GString) y22 = g_string_new(LIST_HEADER);
    add_row(y22, "R01", 2022, 1);
    g_autoptr(GString) y23 = g_string_new(LIST_HEADER);
    add_rows(y23, "P", 1, 20, 2023, 1);
    add_rows(y23, "N", 1, 50, 2023, 0);
    g_autoptr(GString) y24 = g_string_new(LIST_HEADER);
    add_rows(y24, "P", 1, 14, 2024, 1);
    add_rows(y24, "P", 15, 17, 2024, 0);
    add_rows(y24, "N", 1, 1, 2024, 1);
    add_rows(y24, "N", 11, 50, 2024, 0);
    add_row(y24, "R01", 2024, 1);
    add_row(y24, "X01", 2024, 1);
    add_row(y24, "X02", 2024, 0);
    add_row(y24, "X03", 2024, 0);
    assert_int_equal(import_list(f, "h2022.csv", y22), POVATLAS_OK);
    assert_int_equal(import_list(f, "h2023.csv", y23), POVATLAS_OK);
    assert_int_equal(import_list(f, "h2024.csv", y24), POVATLAS_OK);
}

static void load_exits(fixture *f)
{
    g_autoptr(GString) csv = g_string_new(EXIT_HEADER);
    g_string_append(csv, "R01," W ",2023,thoát nghèo\n"
                         "P18," W ",2024,Vượt chuẩn\n"
                         "P19," W ",2024,vượt chuẩn / thoát nghèo\n"
                         "P20," W ",2024,Chuyển đi\n");
    for (int i = 2; i <= 9; i++)
        g_string_append_printf(csv, "N%02d," W ",2024,vượt chuẩn\n", i);
    g_string_append(csv, "N10," W ",2024,Chết\n");
    povatlas_import_result res;
    povatlas_error *err = NULL;
    assert_int_equal(import_exits(f, "exits.csv", csv->str, &res, &err),
                     POVATLAS_OK);
    assert_null(err);
    assert_int_equal(res.rows_imported, 13);
}

/* The expected counts of one column, in line order. */
static void expect_column(const povatlas_transition_row *r, int col,
                          const int64_t want[POVATLAS_TRANSITION_COLUMN_LINES])
{
    int first = col * POVATLAS_TRANSITION_COLUMN_LINES;
    for (int l = 0; l < POVATLAS_TRANSITION_COLUMN_LINES; l++)
        if (r->count[first + l] != want[l])
            fail_msg("%s: %s is %lld, expected %lld", r->unit_code,
                     povatlas_transition_line_name(first + l),
                     (long long)r->count[first + l], (long long)want[l]);
}

static void test_domain_7_4(void **state)
{
    fixture *f = *state;
    load_lists(f);
    load_exits(f);
    povatlas_error *err = NULL;
    povatlas_transitions *t = povatlas_transitions_compute(
        f->ws, 2023, 2024, POVATLAS_TRANSITIONS_COMPUTE_STORE, &err);
    assert_null(err);
    assert_non_null(t);
    assert_int_equal(t->n, 1);
    /* start, escaped (other, above, left, not recorded), fell back,
     * new (from other, new), end */
    static const int64_t poor[] = {20, 6, 3, 2, 1, 0, 1, 2, 1, 1, 17};
    static const int64_t near[] = {50, 10, 1, 8, 1, 0, 0, 5, 3, 2, 45};
    for (int k = 0; k < 2; k++) {
        const povatlas_transition_row *r = k ? &t->city : &t->wards[0];
        expect_column(r, 0, poor);
        expect_column(r, 1, near);
    }
    assert_string_equal(t->wards[0].unit_code, W);
    assert_string_equal(t->wards[0].unit_name, "Phường Đô Vinh");
    assert_ptr_equal(povatlas_transitions_find(t, W), &t->wards[0]);
    povatlas_transitions_free(t);

    /* stored as indicators of 2024, per ward and city-wide */
    double v = NAN;
    assert_true(
        testutil_indicator(f->ws, W, 2024, "escaped_poor_to_near_poor", &v));
    assert_true(v == 3);
    assert_true(testutil_indicator(f->ws, POVATLAS_SCOPE_ALL, 2024,
                                   "fell_back_poor", &v));
    assert_true(v == 1);
    assert_true(testutil_indicator(f->ws, POVATLAS_SCOPE_ALL, 2024,
                                   "new_near_poor_from_poor", &v));
    assert_true(v == 3);
    assert_true(
        testutil_indicator(f->ws, W, 2024, "transitions_from_year", &v));
    assert_true(v == 2023);
}

/* Out of memory at each allocation that grows with the lists - the
 * exits and their keys' text, the household being collected and its
 * records - is POVATLAS_E_NOMEM and nothing stored, never an abort inside
 * GLib; the run past the last one gives §7.4's numbers. */
static void test_out_of_memory(void **state)
{
    fixture *f = *state;
    load_lists(f);
    load_exits(f);
    povatlas_fault_arm(POVATLAS_FAULT_ALLOC, 0, 0);
    povatlas_transitions *t =
        povatlas_transitions_compute(f->ws, 2023, 2024, 0, NULL);
    long hits = povatlas_fault_hits();
    povatlas_fault_arm(0, 0, 0);
    assert_non_null(t);
    povatlas_transitions_free(t);
    /* the exits, their text, the current household, its records */
    if (hits < 4)
        fail_msg("%ld checked allocations", hits);
    double v = NAN;
    for (long n = 1; n <= hits + 1; n++) {
        povatlas_error *err = NULL;
        povatlas_fault_arm(POVATLAS_FAULT_ALLOC, n, 0);
        t = povatlas_transitions_compute(
            f->ws, 2023, 2024, POVATLAS_TRANSITIONS_COMPUTE_STORE, &err);
        long failed = povatlas_fault_failed();
        povatlas_fault_arm(0, 0, 0);
        if (n > hits) {
            assert_int_equal(failed, 0);
            assert_non_null(t);
            break;
        }
        assert_int_equal(failed, 1);
        if (t)
            fail_msg("allocation %ld of %ld failed, yet transitions came back",
                     n, hits);
        assert_non_null(err);
        assert_int_equal(err->code, POVATLAS_E_NOMEM);
        if (!g_str_has_prefix(err->message, "out of memory"))
            fail_msg("allocation %ld: '%s'", n, err->message);
        povatlas_error_free(err);
        /* nothing stored */
        assert_false(
            testutil_indicator(f->ws, W, 2024, "transitions_from_year", &v));
    }
    static const int64_t poor[] = {20, 6, 3, 2, 1, 0, 1, 2, 1, 1, 17};
    static const int64_t near[] = {50, 10, 1, 8, 1, 0, 0, 5, 3, 2, 45};
    expect_column(&t->city, 0, poor);
    expect_column(&t->city, 1, near);
    povatlas_transitions_free(t);
    assert_true(
        testutil_indicator(f->ws, W, 2024, "escaped_poor_to_near_poor", &v));
    assert_true(v == 3);
}

/* Without exit records the absent households have their own sub-line, and
 * R01's escape was never recognised: it is new, not tái nghèo. */
static void test_without_exits(void **state)
{
    fixture *f = *state;
    load_lists(f);
    povatlas_error *err = NULL;
    povatlas_transitions *t =
        povatlas_transitions_compute(f->ws, 2023, 2024, 0, &err);
    assert_null(err);
    static const int64_t poor[] = {20, 6, 3, 0, 0, 3, 0, 3, 1, 2, 17};
    static const int64_t near[] = {50, 10, 1, 0, 0, 9, 0, 5, 3, 2, 45};
    expect_column(&t->city, 0, poor);
    expect_column(&t->city, 1, near);
    povatlas_transitions_free(t);
    double v;
    assert_false(testutil_indicator(f->ws, W, 2024, "escaped_poor",
                                    &v)); /* flags 0: nothing stored */
}

/* A household stored twice breaks the identity: an error naming the ward. */
static void test_identity_failure(void **state)
{
    fixture *f = *state;
    load_lists(f);
    assert_int_equal(povatlas_workspace_begin(f->ws, NULL), POVATLAS_OK);
    povatlas_household_writer *w = povatlas_household_writer_new(f->ws, NULL);
    povatlas_household h =
        testutil_household(W, "P01", 2024, POVATLAS_CLASS_POOR);
    h.members = 4;
    h.income_per_capita = 1900000;
    h.flags = 7;
    h.n_deprivations = 3;
    h.computed_status = POVATLAS_CLASS_POOR;
    assert_int_equal(povatlas_household_writer_add(w, &h, NULL), POVATLAS_OK);
    assert_int_equal(povatlas_household_writer_finish(w, NULL), POVATLAS_OK);
    povatlas_household_writer_free(w);
    assert_int_equal(povatlas_workspace_commit(f->ws, NULL), POVATLAS_OK);
    povatlas_error *err = NULL;
    assert_null(povatlas_transitions_compute(f->ws, 2023, 2024, 0, &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_string_equal(
        err->message,
        "transitions 2023→2024 do not balance in ward 22738 ('Phường Đô "
        "Vinh'): poor at end 18, but start 20 − escaped 6 + fell back 0 + "
        "new 3 = 17 (sub-lines: escaped 6, new 3); are households "
        "duplicated?");
    povatlas_error_free(err);
}

static void test_bad_years(void **state)
{
    fixture *f = *state;
    load_lists(f);
    povatlas_error *err = NULL;
    assert_null(povatlas_transitions_compute(f->ws, 2024, 2023, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;
    assert_null(povatlas_transitions_compute(f->ws, 2024, 2025, 0, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_string_equal(err->message, "no review list for 2025");
    povatlas_error_free(err);
}

/* The only rejected row of the report. */
static void expect_row_error(fixture *f, size_t i, long row, const char *column,
                             const char *message)
{
    const povatlas_error *e = povatlas_report_error(f->report, i);
    assert_non_null(e);
    assert_true(g_str_has_suffix(e->file, ".csv"));
    assert_int_equal(e->row, row);
    assert_string_equal(e->column, column);
    assert_string_equal(e->message, message);
}

static void test_unknown_reason(void **state)
{
    fixture *f = *state;
    load_lists(f);
    povatlas_error *err = NULL;
    povatlas_import_result res;
    assert_int_equal(import_exits(f, "bad.csv",
                                  EXIT_HEADER "P18," W ",2024,vượt chuẩn\n"
                                              "P20," W ",2024,bỏ đi\n",
                                  &res, &err),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(f->report), 1);
    expect_row_error(f, 0, 3, "Lý do",
                     "unknown reason 'bỏ đi' (expected vượt chuẩn / thoát "
                     "nghèo, chết, chuyển đi or tách/nhập hộ)");
    g_autofree char *text =
        povatlas_error_format(povatlas_report_error(f->report, 0));
    assert_true(g_str_has_suffix(
        text, "bad.csv:3: column Lý do: unknown reason 'bỏ đi' (expected "
              "vượt chuẩn / thoát nghèo, chết, chuyển đi or tách/nhập hộ)"));
    assert_string_equal(err->message, "1 of 2 rows rejected; nothing was "
                                      "imported");
    povatlas_error_free(err);
    /* nothing imported: the good row did not land either */
    assert_int_equal(res.rows_imported, 0);
    povatlas_exit_reason reason = POVATLAS_EXIT_MOVED;
    assert_int_equal(
        povatlas_workspace_exit_reason(f->ws, 2024, W, "P18", &reason, NULL),
        POVATLAS_OK);
    assert_int_equal(reason, POVATLAS_EXIT_NONE);
}

/* Exits that contradict the stored lists, a duplicate and an unknown
 * ward: one message per row. */
static void test_inconsistent_exits(void **state)
{
    fixture *f = *state;
    load_lists(f);
    povatlas_error *err = NULL;
    assert_int_equal(import_exits(f, "bad.csv",
                                  EXIT_HEADER "P01," W ",2024,chết\n"
                                              "Z99," W ",2024,chết\n"
                                              "P18," W ",2024,vượt chuẩn\n"
                                              "P18," W ",2024,chuyển đi\n"
                                              "P19,99999,2024,chết\n"
                                              "P19," W ",,chết\n",
                                  NULL, &err),
                     POVATLAS_E_INPUT);
    povatlas_error_free(err);
    assert_int_equal(povatlas_report_n_errors(f->report), 5);
    expect_row_error(f, 0, 2, "Mã hộ",
                     "household id 'P01' of ward 22738 is on the 2024 list, "
                     "so it did not leave it");
    expect_row_error(f, 1, 3, "Mã hộ",
                     "household id 'Z99' of ward 22738 is not on the 2023 "
                     "list");
    expect_row_error(f, 2, 5, "Mã hộ",
                     "duplicate exit of household id 'P18' in ward 22738 "
                     "(also on row 4)");
    expect_row_error(f, 3, 6, "Mã đơn vị", "unknown ward code '99999'");
    expect_row_error(f, 4, 7, "Năm rà soát", "review year is empty");
}

static void test_fell_back_target(void **state)
{
    fixture *f = *state;
    load_lists(f);
    load_exits(f);
    povatlas_target tg = {POVATLAS_SCOPE_ALL, 2024, "fell_back_poor", NAN, 0,
                          "households",       NULL};
    assert_int_equal(povatlas_workspace_put_target(f->ws, &tg, NULL),
                     POVATLAS_OK);
    povatlas_error *err = NULL;
    povatlas_target_eval_list *l = povatlas_targets_evaluate(f->ws, 2024, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 1);
    assert_string_equal(l->rows[0].name, "fell_back_poor");
    assert_true(l->rows[0].achieved == 1);
    assert_true(l->rows[0].gap == 1);
    assert_int_equal(l->rows[0].state, POVATLAS_TARGET_MISSED);
    povatlas_target_eval_list_free(l);
}

/* The demo dataset: every ward and the city balance, every absent
 * household has a recorded reason, and the city matches the generator's
 * calibration (src/synth/households.c). */
static void test_demo_identity(void **state)
{
    fixture *f = *state;
    povatlas_workspace_close(f->ws);
    g_autofree char *db = g_build_filename(f->dir, "demo.sqlite", NULL);
    f->ws = povatlas_workspace_create(db, 0, NULL);
    g_autofree char *ini =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "dataset.ini", NULL);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_dataset_load(f->ws, ini, f->report, NULL, NULL, &err),
        POVATLAS_OK);
    povatlas_transitions *t =
        povatlas_transitions_compute(f->ws, 2022, 2023, 0, &err);
    assert_null(err);
    assert_int_equal(t->n, 16);
    int64_t sum[POVATLAS_TR_N_LINES] = {0};
    for (size_t i = 0; i <= t->n; i++) {
        const povatlas_transition_row *r = i < t->n ? &t->wards[i] : &t->city;
        for (int col = 0; col < 2; col++) {
            const int64_t *n =
                r->count + col * POVATLAS_TRANSITION_COLUMN_LINES;
            assert_int_equal(n[10], n[0] - n[1] + n[6] + n[7]);
            assert_int_equal(n[1], n[2] + n[3] + n[4] + n[5]);
            assert_int_equal(n[7], n[8] + n[9]);
            assert_int_equal(n[5], 0); /* every exit has a reason */
        }
        for (int l = 0; i < t->n && l < POVATLAS_TR_N_LINES; l++)
            sum[l] += r->count[l];
    }
    for (int l = 0; l < POVATLAS_TR_N_LINES; l++)
        assert_int_equal(sum[l], t->city.count[l]);
    const int64_t *c = t->city.count;
    assert_int_equal(c[POVATLAS_TR_POOR_START], 615);
    assert_int_equal(c[POVATLAS_TR_POOR_END], 558);
    assert_int_equal(c[POVATLAS_TR_NEAR_POOR_START], 1475);
    assert_int_equal(c[POVATLAS_TR_NEAR_POOR_END], 1373);
    assert_int_equal(c[POVATLAS_TR_ESCAPED_POOR_TO_NEAR_POOR], 45);
    assert_int_equal(c[POVATLAS_TR_ESCAPED_POOR_ABOVE_LINE] +
                         c[POVATLAS_TR_ESCAPED_POOR_LEFT],
                     35);
    assert_int_equal(c[POVATLAS_TR_ESCAPED_NEAR_POOR_TO_POOR], 2);
    assert_int_equal(c[POVATLAS_TR_ESCAPED_NEAR_POOR_ABOVE_LINE] +
                         c[POVATLAS_TR_ESCAPED_NEAR_POOR_LEFT],
                     183);
    assert_int_equal(c[POVATLAS_TR_NEW_POOR_NEW], 21);
    assert_int_equal(c[POVATLAS_TR_NEW_NEAR_POOR_NEW], 38);
    assert_int_equal(c[POVATLAS_TR_FELL_BACK_POOR], 0);
    povatlas_transitions_free(t);
}

/* The report's wording of each line, and which lines are indented under
 * their category. */
static void test_line_labels(void **state)
{
    (void)state;
    assert_string_equal(
        povatlas_transition_line_label(POVATLAS_TR_POOR_START, "vi"),
        "Hộ nghèo đầu kỳ");
    assert_string_equal(
        povatlas_transition_line_label(POVATLAS_TR_POOR_START, NULL),
        "Hộ nghèo đầu kỳ");
    assert_string_equal(
        povatlas_transition_line_label(POVATLAS_TR_POOR_START, "en"),
        "Poor at start");
    assert_string_equal(povatlas_transition_line_label(
                            POVATLAS_TR_ESCAPED_NEAR_POOR_TO_POOR, "vi"),
                        "rơi xuống hộ nghèo");
    assert_string_equal(povatlas_transition_line_label(
                            POVATLAS_TR_ESCAPED_POOR_NOT_RECORDED, "en"),
                        "left the list, reason not recorded");
    assert_string_equal(
        povatlas_transition_line_label(POVATLAS_TR_NEAR_POOR_END, "en"),
        "Near-poor at end");
    assert_string_equal(
        povatlas_transition_line_label(POVATLAS_TR_N_LINES, "en"), "");
    /* categories and start/end are not indented; the why-lines are */
    int sub = 0;
    for (int l = 0; l < POVATLAS_TR_N_LINES; l++) {
        assert_true(*povatlas_transition_line_label(l, "vi"));
        assert_true(*povatlas_transition_line_label(l, "en"));
        sub += povatlas_transition_line_is_subline(l);
    }
    assert_int_equal(sub, 12);
    assert_false(povatlas_transition_line_is_subline(POVATLAS_TR_POOR_START));
    assert_false(povatlas_transition_line_is_subline(POVATLAS_TR_ESCAPED_POOR));
    assert_true(povatlas_transition_line_is_subline(
        POVATLAS_TR_ESCAPED_POOR_TO_NEAR_POOR));
    assert_true(
        povatlas_transition_line_is_subline(POVATLAS_TR_NEW_NEAR_POOR_NEW));
    assert_false(povatlas_transition_line_is_subline(POVATLAS_TR_POOR_END));
    assert_false(povatlas_transition_line_is_subline(POVATLAS_TR_N_LINES));
}

static void collect_exit(const char *unit_code, const char *household_id,
                         int year, povatlas_exit_reason reason, void *user_data)
{
    g_string_append_printf(user_data, "%d %s %s %d\n", year, unit_code,
                           household_id, reason);
}

static void collect_status(const char *unit_code, const char *household_id,
                           int year, povatlas_class recorded_status,
                           void *user_data)
{
    g_string_append_printf(user_data, "%s %s %d %s\n", unit_code, household_id,
                           year, povatlas_class_name(recorded_status));
}

/* The store of exits and of the status history (src/store/transitions.c)
 * read back in their documented order. */
static void test_store_exits_and_history(void **state)
{
    fixture *f = *state;
    povatlas_error *err = NULL;
    g_autoptr(GString) got = g_string_new(NULL);
    /* no exits table yet: no exits, not an error */
    assert_int_equal(
        povatlas_workspace_exits(f->ws, 2000, 2100, collect_exit, got, &err),
        POVATLAS_OK);
    assert_string_equal(got->str, "");
    load_lists(f);
    const povatlas_household_exit ex[] = {
        {W, "P20", 2024, POVATLAS_EXIT_MOVED, -1, -1},
        {W, "R01", 2023, POVATLAS_EXIT_ABOVE_LINE, -1, -1},
        {W, "N10", 2024, POVATLAS_EXIT_DEATH, -1, -1},
    };
    assert_int_equal(povatlas_workspace_begin(f->ws, &err), POVATLAS_OK);
    for (size_t i = 0; i < G_N_ELEMENTS(ex); i++)
        assert_int_equal(povatlas_workspace_put_exit(f->ws, &ex[i], &err),
                         POVATLAS_OK);
    assert_int_equal(povatlas_workspace_commit(f->ws, &err), POVATLAS_OK);
    /* a second exit of the same household and year is refused (outside
     * the transaction: on PostgreSQL a refusal aborts the transaction it
     * is in, workspace.h) */
    assert_int_not_equal(povatlas_workspace_put_exit(f->ws, &ex[0], &err),
                         POVATLAS_OK);
    assert_non_null(err);
    povatlas_error_free(err);
    err = NULL;

    assert_int_equal(
        povatlas_workspace_exits(f->ws, 2023, 2024, collect_exit, got, &err),
        POVATLAS_OK);
    /* ordered by year */
    assert_true(g_str_has_prefix(got->str, "2023 " W " R01 1\n"));
    assert_non_null(strstr(got->str, "2024 " W " P20 3\n"));
    assert_non_null(strstr(got->str, "2024 " W " N10 2\n"));
    assert_int_equal(strlen(got->str), 3 * strlen("2023 22738 R01 1\n"));
    g_string_truncate(got, 0);
    assert_int_equal(
        povatlas_workspace_exits(f->ws, 2024, 2024, collect_exit, got, &err),
        POVATLAS_OK);
    assert_null(strstr(got->str, "R01"));

    int64_t n = -1;
    assert_int_equal(povatlas_workspace_delete_exits(f->ws, 2024, &n, &err),
                     POVATLAS_OK);
    assert_int_equal(n, 2);
    g_string_truncate(got, 0);
    povatlas_workspace_exits(f->ws, 2000, 2100, collect_exit, got, &err);
    assert_string_equal(got->str, "2023 " W " R01 1\n");
    assert_int_equal(povatlas_workspace_delete_exits(f->ws, 2024, NULL, &err),
                     POVATLAS_OK);

    /* every record up to the year, one household's records together */
    g_string_truncate(got, 0);
    assert_int_equal(povatlas_workspace_status_history(
                         f->ws, 2023, collect_status, got, &err),
                     POVATLAS_OK);
    g_auto(GStrv) lines = g_strsplit(got->str, "\n", -1);
    assert_int_equal(g_strv_length(lines), 1 + 20 + 50 + 1); /* + "" */
    assert_string_equal(lines[0], W " N01 2023 near_poor");
    assert_string_equal(lines[50], W " P01 2023 poor");
    assert_string_equal(lines[70], W " R01 2022 poor");
    g_string_truncate(got, 0);
    povatlas_workspace_status_history(f->ws, 2024, collect_status, got, &err);
    assert_non_null(strstr(got->str, W " P15 2023 poor\n" W " P15 2024 "
                                       "near_poor\n"));
    assert_non_null(strstr(got->str, W " R01 2022 poor\n" W " R01 2024 "
                                       "poor\n"));
    assert_null(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_out_of_memory, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_domain_7_4, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_without_exits, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_identity_failure, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_bad_years, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_reason, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_inconsistent_exits, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_fell_back_target, setup,
                                        testutil_units_teardown),
        cmocka_unit_test_setup_teardown(test_demo_identity, setup,
                                        testutil_units_teardown),
        cmocka_unit_test(test_line_labels),
        cmocka_unit_test_setup_teardown(test_store_exits_and_history, setup,
                                        testutil_units_teardown),
    };
    return cmocka_run_group_tests_name("transitions", tests, NULL, NULL);
}
