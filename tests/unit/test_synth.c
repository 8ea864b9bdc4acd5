/*
 * test_synth.c - the synthetic demo lists (src/synth/households.c,
 * lists.c, stats.c, bench.c): header, calibration, the §2.3 rule on every
 * row, stable ids across years, determinism, and the units.csv errors.
 */
#include <string.h>

#include "povatlas/core.h"
#include "povatlas_synth.h"
#include "testutil.h"

#define UNITS POVATLAS_SOURCE_DIR "/geodata/units.csv"

static const char header[] =
    "STT,Mã hộ,Mã đơn vị,Tên đơn vị,Năm rà soát,Họ và tên chủ hộ,"
    "Số nhân khẩu,Thu nhập bình quân đầu người/tháng,TH01 Việc làm,"
    "TH02 Người phụ thuộc,TH03 Dinh dưỡng,TH04 Bảo hiểm y tế,"
    "TH05 Trình độ giáo dục người lớn,TH06 Tình trạng đi học trẻ em,"
    "TH07 Chất lượng nhà ở,TH08 Diện tích nhà ở,TH09 Nguồn nước sinh hoạt,"
    "TH10 Nhà tiêu hợp vệ sinh,TH11 Dịch vụ viễn thông,"
    "TH12 Tiếp cận thông tin,Tổng số chỉ số thiếu hụt,Phân loại hộ,"
    "Dân tộc thiểu số,Có người có công,Không có khả năng lao động";

typedef struct unit_info {
    int urban;
    char zone[16];
} unit_info;

typedef struct fixture {
    char *dir;
    GHashTable *units; /* code -> unit_info */
} fixture;

static char *generate(uint32_t seed)
{
    char *dir = testutil_tmpdir();
    povatlas_synth_opts o;
    povatlas_synth_opts_init(&o);
    o.seed = seed;
    o.units_path = UNITS;
    o.out_dir = dir;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_synth_write(&o, &err), POVATLAS_OK);
    assert_null(err);
    return dir;
}

static GHashTable *read_units(void)
{
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(UNITS, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (int i = 1; lines[i] && lines[i][0]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ",", -1);
        if (!*f[10]) /* later periods (2024, 2025 mergers): no centroid */
            continue;
        unit_info *u = g_new0(unit_info, 1);
        u->urban = f[4][0] == '1';
        g_strlcpy(u->zone, f[5], sizeof u->zone);
        g_hash_table_insert(h, g_strdup(f[0]), u);
    }
    assert_int_equal(g_hash_table_size(h), 16);
    return h;
}

static int setup(void **state)
{
    fixture *fx = g_new0(fixture, 1);
    fx->dir = generate(1);
    fx->units = read_units();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    testutil_rmtree(fx->dir);
    g_free(fx->dir);
    g_hash_table_unref(fx->units);
    g_free(fx);
    return 0;
}

static GStrv read_lines(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    GStrv lines = g_strsplit(text, "\n", -1);
    guint n = g_strv_length(lines);
    assert_true(n >= 2);
    assert_string_equal(lines[n - 1], ""); /* ends with a newline */
    g_free(lines[n - 1]);
    lines[n - 1] = NULL;
    return lines;
}

static void test_headers(void **state)
{
    fixture *fx = *state;
    g_auto(GStrv) l22 = read_lines(fx->dir, "households_2022.csv");
    g_auto(GStrv) l23 = read_lines(fx->dir, "households_2023.csv");
    g_auto(GStrv) st = read_lines(fx->dir, "ward_stats.csv");
    assert_string_equal(l22[0], header);
    assert_string_equal(l23[0], header);
    assert_string_equal(st[0], "unit_code,year,households,population,source");
    assert_int_equal(g_strv_length(st), 1 + 16 * 2);
    assert_non_null(strstr(st[1], "synthetic"));
}

/* Counts per year: [0] households, [1] poor, [2] near-poor, per zone and
 * for the city ("city"). */
typedef struct counts {
    int64_t hh, poor, near;
} counts;

static void count_year(fixture *fx, int year, GHashTable *by_zone, counts *city)
{
    g_auto(GStrv) st = read_lines(fx->dir, "ward_stats.csv");
    for (int i = 1; st[i]; i++) {
        g_auto(GStrv) f = g_strsplit(st[i], ",", -1);
        if (g_ascii_strtoll(f[1], NULL, 10) != year)
            continue;
        unit_info *u = g_hash_table_lookup(fx->units, f[0]);
        assert_non_null(u);
        counts *z = g_hash_table_lookup(by_zone, u->zone);
        int64_t hh = g_ascii_strtoll(f[2], NULL, 10);
        z->hh += hh;
        city->hh += hh;
    }
    g_autofree char *name = g_strdup_printf("households_%d.csv", year);
    g_auto(GStrv) rows = read_lines(fx->dir, name);
    for (int i = 1; rows[i]; i++) {
        g_auto(GStrv) f = g_strsplit(rows[i], ",", -1);
        unit_info *u = g_hash_table_lookup(fx->units, f[2]);
        counts *z = g_hash_table_lookup(by_zone, u->zone);
        int poor = strcmp(f[21], "Hộ nghèo") == 0;
        *(poor ? &z->poor : &z->near) += 1;
        *(poor ? &city->poor : &city->near) += 1;
    }
}

static int64_t rate(int64_t p, int64_t n)
{
    int64_t r = -1;
    assert_true(povatlas_rate_hundredths(p, n, &r));
    return r;
}

static void check_zones(GHashTable *z)
{
    counts *central = g_hash_table_lookup(z, "central");
    const char *others[] = {"coastal", "periurban"};
    for (int i = 0; i < 2; i++) {
        counts *o = g_hash_table_lookup(z, others[i]);
        assert_true(o->poor * central->hh > central->poor * o->hh);
        assert_true(o->near * central->hh > central->near * o->hh);
    }
}

static void test_calibration(void **state)
{
    fixture *fx = *state;
    for (int year = 2022; year <= 2023; year++) {
        static counts zc[3];
        memset(zc, 0, sizeof zc);
        g_autoptr(GHashTable) z = g_hash_table_new(g_str_hash, g_str_equal);
        g_hash_table_insert(z, (gpointer)(uintptr_t) "central", &zc[0]);
        g_hash_table_insert(z, (gpointer)(uintptr_t) "coastal", &zc[1]);
        g_hash_table_insert(z, (gpointer)(uintptr_t) "periurban", &zc[2]);
        counts city = {0};
        count_year(fx, year, z, &city);
        if (year == 2022) {
            assert_int_equal(city.hh, 47400);
            assert_int_equal(rate(city.poor, city.hh), 130);
            assert_int_equal(rate(city.near, city.hh), 311);
        } else {
            int64_t p = rate(city.poor, city.hh), n = rate(city.near, city.hh);
            assert_true(city.hh >= 47400 && city.hh <= 48000);
            assert_in_range(p, 110, 122);
            assert_in_range(n, 280, 300);
            assert_true(p != 115 && n != 291); /* close, not on the plan */
        }
        check_zones(z);
    }
}

static void check_row(fixture *fx, char **f, int year, int *on_line)
{
    assert_int_equal(g_strv_length(f), 25);
    unit_info *u = g_hash_table_lookup(fx->units, f[2]);
    assert_non_null(u);
    assert_true(g_str_has_prefix(f[1], f[2]));
    assert_int_equal(g_ascii_strtoll(f[4], NULL, 10), year);
    assert_true(g_str_has_prefix(f[5], "Chủ hộ giả định "));
    assert_in_range(g_ascii_strtoll(f[6], NULL, 10), 1, 9);
    int64_t line = u->urban ? 2000000 : 1500000;
    int64_t income = g_ascii_strtoll(f[7], NULL, 10);
    assert_true(income > 0 && income <= line);
    *on_line += income == line;
    int d = 0;
    for (int k = 8; k < 20; k++) {
        assert_true(strcmp(f[k], "0") == 0 || strcmp(f[k], "1") == 0);
        d += f[k][0] == '1';
    }
    assert_int_equal(g_ascii_strtoll(f[20], NULL, 10), d);
    if (d >= 3)
        assert_string_equal(f[21], "Hộ nghèo");
    else
        assert_string_equal(f[21], "Hộ cận nghèo");
}

static void test_rule_on_every_row(void **state)
{
    fixture *fx = *state;
    for (int year = 2022; year <= 2023; year++) {
        g_autofree char *name = g_strdup_printf("households_%d.csv", year);
        g_auto(GStrv) rows = read_lines(fx->dir, name);
        int on_line = 0;
        for (int i = 1; rows[i]; i++) {
            g_auto(GStrv) f = g_strsplit(rows[i], ",", -1);
            assert_int_equal(g_ascii_strtoll(f[0], NULL, 10), i); /* STT */
            check_row(fx, f, year, &on_line);
        }
        assert_true(on_line >= 3); /* the inclusive "≤" is exercised */
    }
}

static GHashTable *status_by_id(const char *dir, const char *name)
{
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) rows = read_lines(dir, name);
    for (int i = 1; rows[i]; i++) {
        g_auto(GStrv) f = g_strsplit(rows[i], ",", -1);
        assert_true(g_hash_table_insert(h, g_strdup(f[1]), g_strdup(f[21])));
    }
    return h;
}

static void test_ids_stable(void **state)
{
    fixture *fx = *state;
    g_autoptr(GHashTable) a = status_by_id(fx->dir, "households_2022.csv");
    g_autoptr(GHashTable) b = status_by_id(fx->dir, "households_2023.csv");
    GHashTableIter it;
    gpointer id, s1;
    guint kept = 0, fell = 0, up = 0;
    g_hash_table_iter_init(&it, b);
    while (g_hash_table_iter_next(&it, &id, &s1)) {
        const char *s0 = g_hash_table_lookup(a, id);
        if (!s0)
            continue;
        kept++;
        fell += strcmp(s0, "Hộ cận nghèo") == 0 && strcmp(s1, "Hộ nghèo") == 0;
        up += strcmp(s0, "Hộ nghèo") == 0 && strcmp(s1, "Hộ cận nghèo") == 0;
    }
    assert_true(kept * 100 >= g_hash_table_size(b) * 90);
    assert_true(kept < g_hash_table_size(a)); /* some left the list */
    assert_true(kept < g_hash_table_size(b)); /* some are new */
    assert_in_range(fell, 1, 2);
    assert_true(up > 0);
}

static gboolean same_file(const char *d1, const char *d2, const char *name)
{
    g_autofree char *p1 = g_build_filename(d1, name, NULL);
    g_autofree char *p2 = g_build_filename(d2, name, NULL);
    g_autofree char *t1 = NULL, *t2 = NULL;
    gsize n1 = 0, n2 = 0;
    assert_true(g_file_get_contents(p1, &t1, &n1, NULL));
    assert_true(g_file_get_contents(p2, &t2, &n2, NULL));
    return n1 == n2 && memcmp(t1, t2, n1) == 0;
}

static void test_deterministic(void **state)
{
    fixture *fx = *state;
    g_autofree char *again = generate(1);
    g_autofree char *other = generate(7);
    const char *names[] = {"ward_stats.csv", "households_2022.csv",
                           "households_2023.csv"};
    for (int i = 0; i < 3; i++)
        assert_true(same_file(fx->dir, again, names[i]));
    assert_false(same_file(fx->dir, other, "households_2022.csv"));
    testutil_rmtree(again);
    testutil_rmtree(other);
}

static void test_bench(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "b.csv", NULL);
    povatlas_synth_bench_opts o;
    povatlas_synth_bench_opts_init(&o);
    o.rows = 5000;
    o.communes = 50;
    o.out_path = path;
    assert_int_equal(povatlas_synth_bench_write(&o, NULL, NULL, NULL),
                     POVATLAS_OK);
    g_auto(GStrv) lines = read_lines(dir, "b.csv");
    assert_int_equal(g_strv_length(lines), 5001);
    assert_string_equal(lines[0],
                        "household_id,commune_code,members,income_per_capita,"
                        "d01,d02,d03,d04,d05,d06,d07,d08,d09,d10,d11,d12,"
                        "recorded_status");
    g_auto(GStrv) f = g_strsplit(lines[5000], ",", -1);
    assert_int_equal(g_strv_length(f), 17);
    assert_string_equal(f[0], "5000");
    assert_int_equal(strlen(f[1]), 5);
    testutil_rmtree(dir);
}

static void test_units_errors(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *bad =
        testutil_write_file(dir, "units.csv", "code,name\n22738,Đô Vinh\n", -1);
    povatlas_synth_opts o;
    povatlas_synth_opts_init(&o);
    o.units_path = bad;
    o.out_dir = dir;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_synth_write(&o, &err), POVATLAS_E_INPUT);
    assert_non_null(err);
    assert_string_equal(err->column, "full_name");
    assert_string_equal(err->file, bad);
    povatlas_error_free(err);
    err = NULL;
    o.units_path = "/nonexistent/units.csv";
    assert_int_equal(povatlas_synth_write(&o, &err), POVATLAS_E_IO);
    povatlas_error_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    povatlas_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_calibration),
        cmocka_unit_test(test_rule_on_every_row),
        cmocka_unit_test(test_ids_stable),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_bench),
        cmocka_unit_test(test_units_errors),
    };
    return cmocka_run_group_tests_name("synth", tests, setup, teardown);
}
