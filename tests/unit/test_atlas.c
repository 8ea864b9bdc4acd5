/*
 * test_atlas.c - the demo's map set and briefing atlas checked by content:
 * pdftotext finds the ward names with their diacritics, the worded legend
 * limits and the synthetic stamp; pdffonts shows only embedded fonts; the
 * whole maps/ folder (every map type, the dot map included, so the dots'
 * seed holds) is byte-identical on a second run.
 */
#include <errno.h>
#include <string.h>

#include "testutil.h"

#include <geos_c.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/write_fault.h"
#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/maps.h"

typedef struct fx {
    char *dir;
} fx;

/* One demo run for the whole file (group_setup): its maps are the first
 * of the two runs compared byte for byte, and each test that needs the
 * demo's workspace gets a copy of its file. The file ran the whole demo 7
 * times (2 now), most of its time under ASan. */
static char *demo_dir; /* the folder it ran in */
static char *demo_out; /* its --out folder */

static char *run_demo(const char *dir, const char *name)
{
    char *out = g_build_filename(dir, name, NULL);
    const char *argv[] = {"demo", "--out", out, "-q", NULL};
    assert_int_equal(testutil_run(argv, NULL, NULL), 0);
    return out;
}

static int group_setup(void **state)
{
    (void)state;
    demo_dir = testutil_tmpdir();
    demo_out = g_build_filename(demo_dir, "a", NULL);
    const char *argv[] = {"demo", "--out", demo_out, "-q", NULL};
    return testutil_run(argv, NULL, NULL) == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    testutil_rmtree(demo_dir);
    g_free(demo_dir);
    g_free(demo_out);
    return 0;
}

/* A copy of the demo's workspace in @dir/@name, as `povatlas demo --out
 * @dir/@name` would have left it (the demo has closed it: no -wal). */
static char *demo_copy(const char *dir, const char *name)
{
    char *out = g_build_filename(dir, name, NULL);
    assert_int_equal(g_mkdir(out, 0755), 0);
    g_autofree char *from = g_build_filename(demo_out, "atlas.sqlite", NULL);
    g_autofree char *wal = g_strconcat(from, "-wal", NULL);
    assert_false(g_file_test(wal, G_FILE_TEST_EXISTS));
    g_autofree char *bytes = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(from, &bytes, &len, NULL));
    g_autofree char *to = g_build_filename(out, "atlas.sqlite", NULL);
    assert_true(g_file_set_contents(to, bytes, (gssize)len, NULL));
    return out;
}

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->dir = testutil_tmpdir();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

static char *tool_out(const char *tool, const char *pdf)
{
    const char *argv[] = {tool, pdf, strcmp(tool, "pdffonts") ? "-" : NULL,
                          NULL};
    char *out = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &out, NULL, &status, NULL));
    assert_int_equal(status, 0);
    return out;
}

static void test_demo_maps_and_atlas(void **state)
{
    fx *f = *state;
    const char *a = demo_out;
    g_autofree char *b = run_demo(f->dir, "b");
    static const char *files[] = {"poor_rate.png", "change.png",  "zone.png",
                                  "zone-gap.png",  "symbols.png", "dots.png",
                                  "briefing.pdf"};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *pa = g_build_filename(a, "maps", files[i], NULL);
        g_autofree char *pb = g_build_filename(b, "maps", files[i], NULL);
        g_autofree char *ca = NULL, *cb = NULL;
        gsize la = 0, lb = 0;
        assert_true(g_file_get_contents(pa, &ca, &la, NULL));
        assert_true(g_file_get_contents(pb, &cb, &lb, NULL));
        assert_true(la > 1000);
        assert_int_equal(la, lb);
        assert_memory_equal(ca, cb, la);
    }
    g_autofree char *pdf = g_build_filename(a, "maps", "briefing.pdf", NULL);
    g_autofree char *txt = tool_out("pdftotext", pdf);
    static const char *want[] = {
        "Đô Vinh",   "Phước Mỹ",        "Mỹ Hương",          "Đông Hải",
        "Thành Hải", "DỮ LIỆU GIẢ LẬP", "trở lên",           "từ",
        "Ven biển",  "Nội thị",         "Chỉ tiêu kế hoạch", "Xếp hạng"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (strstr(txt, want[i]) == NULL)
            fail_msg("atlas text lacks '%s'", want[i]);
    g_autofree char *fonts = tool_out("pdffonts", pdf);
    g_auto(GStrv) lines = g_strsplit(fonts, "\n", -1);
    int n_fonts = 0;
    for (size_t i = 2; lines[i] != NULL; i++) {
        if (!*lines[i])
            continue;
        n_fonts++;
        /* the "emb" column says yes for every font */
        assert_non_null(strstr(lines[i], " yes "));
    }
    assert_true(n_fonts >= 2);
}

static povatlas_workspace *demo_ws(fx *f)
{
    g_autofree char *a = demo_copy(f->dir, "w");
    g_autofree char *db = g_build_filename(a, "atlas.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_open(db, 0, NULL);
    assert_non_null(ws);
    return ws;
}

/* Every dot lies inside its own ward; the same seed gives the same dots. */
static void test_dots_inside_and_seeded(void **state)
{
    fx *f = *state;
    povatlas_workspace *ws = demo_ws(f);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = POVATLAS_MAP_DOTS;
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *p1 = g_build_filename(f->dir, "d1.png", NULL);
    povatlas_map_layout *l1 = NULL, *l2 = NULL;
    assert_int_equal(povatlas_map_indicator(ws, &o, p1, &l1, NULL), 0);
    assert_int_equal(povatlas_map_indicator(ws, &o, p1, &l2, NULL), 0);
    size_t n = povatlas_map_layout_n_dots(l1);
    assert_true(n > 100);
    assert_int_equal(n, povatlas_map_layout_n_dots(l2));
    const char *names[] = {POVATLAS_IND_POOR};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, 2023, names, 1, NULL);
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader *r = GEOSWKBReader_create_r(h);
    for (size_t i = 0; i < n; i++) {
        double x, y, x2, y2;
        size_t k, k2;
        assert_true(povatlas_map_layout_dot(l1, i, &x, &y, &k));
        assert_true(povatlas_map_layout_dot(l2, i, &x2, &y2, &k2));
        assert_true(x == x2 && y == y2 && k == k2);
        GEOSGeometry *w = GEOSWKBReader_read_r(h, r, t->units->rows[k].wkb,
                                               t->units->rows[k].wkb_size);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x, y);
        assert_int_equal(GEOSContains_r(h, w, pt), 1);
        GEOSGeom_destroy_r(h, pt);
        GEOSGeom_destroy_r(h, w);
    }
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    povatlas_indicator_table_free(t);
    povatlas_map_layout_free(l1);
    povatlas_map_layout_free(l2);
    povatlas_workspace_close(ws);
}

/* The line of @text (pdftotext -layout) holding @name, from @name on
 * (NULL when none): the ward table's rows start with the priority rank;
 * no ward name begins another. */
static char *line_of(const char *text, const char *name)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        const char *at = strstr(*l, name);
        if (at && (at == *l || at[-1] == ' '))
            return g_strdup(at);
    }
    return NULL;
}

static gboolean has_digit(const char *s)
{
    for (; *s; s++)
        if (g_ascii_isdigit(*s))
            return TRUE;
    return FALSE;
}

/* The ward table page of the atlas drawn with @min_households, as text. */
static char *atlas_table(povatlas_workspace *ws, const char *dir,
                         int min_households)
{
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    o.min_households = min_households;
    g_autofree char *pdf = g_build_filename(dir, "table.pdf", NULL);
    povatlas_error *err = NULL;
    if (povatlas_atlas_write(ws, &o, pdf, &err))
        fail_msg("%s", err->message);
    const char *argv[] = {"pdftotext", "-layout", pdf, "-", NULL};
    g_autofree char *text = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &text, NULL, &status, NULL));
    assert_int_equal(status, 0);
    assert_int_equal(g_unlink(pdf), 0);
    g_auto(GStrv) pages = g_strsplit(text, "\f", -1);
    for (char **p = pages; *p; p++)
        if (strstr(*p, "Các phường, xã năm 2023"))
            return g_strdup(*p);
    fail_msg("no ward table in the atlas");
    return NULL;
}

/* With every ward below the threshold, no label carries a number; with
 * some below it, a ward the map shows without a number shows none in the
 * atlas's ward table either, and a ward with its number on the map has
 * its figures there (the old atlas printed every ward's figures). */
static void test_suppressed_show_no_number(void **state)
{
    fx *f = *state;
    povatlas_workspace *ws = demo_ws(f);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.show_values = 1;
    o.min_households = 1000000;
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *p = g_build_filename(f->dir, "s.png", NULL);
    povatlas_map_layout *l = NULL;
    /* nothing left to class: a clear error, not a map of numbers */
    assert_int_not_equal(povatlas_map_indicator(ws, &o, p, &l, NULL), 0);
    o.min_households = 4500; /* hides the smaller wards only */
    assert_int_equal(povatlas_map_indicator(ws, &o, p, &l, NULL), 0);
    size_t with_number = 0, checked = 0;
    g_autofree char *table = atlas_table(ws, f->dir, o.min_households);
    for (size_t i = 0; i < povatlas_map_layout_n_labels(l); i++) {
        const char *text = povatlas_map_layout_label(l, i)->text;
        int number = strchr(text, '%') != NULL;
        with_number += number;
        g_autofree char *name = g_strndup(text, strcspn(text, "\n"));
        g_autofree char *row = line_of(table, name);
        if (!row)
            continue; /* not a ward's label */
        checked++;
        if (has_digit(row + strlen(name)) != number)
            fail_msg("'%s': %s on the map, row '%s' in the atlas", name,
                     number ? "a number" : "no number", row);
    }
    assert_int_equal(checked, 16);
    assert_true(with_number > 0);
    assert_true(with_number < povatlas_map_layout_n_labels(l));
    povatlas_map_layout_free(l);
    /* a missing indicator names itself */
    povatlas_error *err = NULL;
    o.type = POVATLAS_MAP_BIVARIATE;
    o.indicator2 = "no_such_indicator";
    assert_int_equal(povatlas_map_indicator(ws, &o, p, NULL, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "no_such_indicator"));
    povatlas_error_free(err);
    povatlas_workspace_close(ws);
}

/* Draws @path (a map, or the atlas when @atlas) with the disk full after
 * @budget bytes (-1: never). */
static povatlas_status draw(povatlas_workspace *ws, const char *path, int atlas,
                            int64_t budget, povatlas_error **err)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    povatlas_write_fault_after(budget);
    povatlas_status st = atlas
                             ? povatlas_atlas_write(ws, NULL, path, err)
                             : povatlas_map_indicator(ws, &o, path, NULL, err);
    povatlas_write_fault_after(-1);
    return st;
}

/* A disk that fills part way through a map (PDF, PNG, SVG) or the atlas:
 * the call fails naming the path with the system's reason and leaves the
 * folder empty. cairo's PDF output to a file name did not report its
 * failed flush, so a truncated PDF was renamed into place. */
static void test_full_disk_map_and_atlas_fail(void **state)
{
    fx *f = *state;
    povatlas_workspace *ws = demo_ws(f);
    g_autofree char *sub = g_build_filename(f->dir, "full", NULL);
    static const char *const names[] = {"m.pdf", "m.png", "m.svg", "a.pdf"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        int atlas = names[i][0] == 'a';
        g_autofree char *p = g_build_filename(sub, names[i], NULL);
        g_mkdir(sub, 0755);
        assert_int_equal(draw(ws, p, atlas, -1, NULL), POVATLAS_OK);
        GStatBuf sb;
        assert_int_equal(g_stat(p, &sb), 0);
        int64_t size = sb.st_size;
        testutil_rmtree(sub);
        const int64_t budgets[] = {0, 100, size / 2, size - 1};
        for (size_t b = 0; b < G_N_ELEMENTS(budgets); b++) {
            g_mkdir(sub, 0755);
            povatlas_error *err = NULL;
            povatlas_status st = draw(ws, p, atlas, budgets[b], &err);
            if (st != POVATLAS_E_IO)
                fail_msg("%s, %lld bytes: status %d", names[i],
                         (long long)budgets[b], st);
            assert_string_equal(err->file, p);
            assert_non_null(strstr(err->message, g_strerror(ENOSPC)));
            povatlas_error_free(err);
            assert_int_equal(testutil_count_entries(sub), 0);
            testutil_rmtree(sub);
        }
    }
    povatlas_workspace_close(ws);
}

/* A page that cannot be made fails the atlas naming the page; no PDF with
 * the page left out is written. Before, the near-poor map was skipped and
 * the atlas reported success. */
static void test_failed_page_fails_the_atlas(void **state)
{
    fx *f = *state;
    povatlas_workspace *ws = demo_ws(f);
    const char *gone[] = {POVATLAS_IND_NEAR_POOR_RATE};
    assert_int_equal(
        povatlas_workspace_clear_indicator_names(ws, gone, 1, NULL), 0);
    g_autofree char *sub = g_build_filename(f->dir, "out", NULL);
    g_mkdir(sub, 0755);
    g_autofree char *pdf = g_build_filename(sub, "a.pdf", NULL);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_atlas_write(ws, NULL, pdf, &err),
                     POVATLAS_E_INPUT);
    assert_true(
        g_str_has_prefix(err->message, "atlas page 4 (near-poor rate map): "));
    assert_non_null(strstr(err->message, POVATLAS_IND_NEAR_POOR_RATE));
    povatlas_error_free(err);
    assert_int_equal(testutil_count_entries(sub), 0);
    povatlas_workspace_close(ws);
}

/* The atlas applies the maps' small-cell threshold: a ward under it shows
 * "–" for every figure in the ward table and on its fact sheet (with the
 * note saying why), a ward over it shows its numbers. Before, the table
 * and fact sheets printed what every map hid. */
static void test_small_cells_hidden_in_atlas(void **state)
{
    fx *f = *state;
    povatlas_workspace *ws = demo_ws(f);
    const char *names[] = {POVATLAS_IND_HOUSEHOLDS};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, 2023, names, 1, NULL);
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    assert_int_equal(o.min_households, POVATLAS_MIN_HOUSEHOLDS);
    o.min_households = 4500;
    ptrdiff_t small = -1, large = -1;
    for (size_t i = 0; i < t->units->n; i++) {
        assert_true(t->defined[i]);
        if (t->values[i] < o.min_households && small < 0)
            small = (ptrdiff_t)i;
        if (t->values[i] >= o.min_households && large < 0)
            large = (ptrdiff_t)i;
    }
    assert_true(small >= 0 && large >= 0);
    g_autofree char *pdf = g_build_filename(f->dir, "a.pdf", NULL);
    povatlas_error *err = NULL;
    if (povatlas_atlas_write(ws, &o, pdf, &err))
        fail_msg("%s", err->message);
    const char *argv[] = {"pdftotext", "-layout", pdf, "-", NULL};
    g_autofree char *text = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &text, NULL, &status, NULL));
    assert_int_equal(status, 0);
    g_auto(GStrv) pages = g_strsplit(text, "\f", -1);
    /* the ward table: the page titled "Các phường, xã năm 2023" */
    const char *table = NULL;
    for (char **p = pages; *p && !table; p++)
        if (strstr(*p, "Các phường, xã năm 2023"))
            table = *p;
    assert_non_null(table);
    const povatlas_unit_row *us = &t->units->rows[small];
    const povatlas_unit_row *ul = &t->units->rows[large];
    g_autofree char *row_s = line_of(table, us->name);
    g_autofree char *row_l = line_of(table, ul->name);
    assert_non_null(row_s);
    assert_non_null(row_l);
    assert_false(has_digit(row_s + strlen(us->name)));
    assert_non_null(strstr(row_s, "–"));
    assert_true(has_digit(row_l + strlen(ul->name)));
    assert_non_null(strstr(table, "–: ẩn số liệu phường, xã dưới 4500 hộ"));
    /* fact sheets follow the table and the zone trends, in table order */
    const char *sheet = NULL, *sheet_l = NULL;
    for (char **p = pages; *p; p++) {
        const char *title = us->full_name ? us->full_name : us->name;
        const char *title_l = ul->full_name ? ul->full_name : ul->name;
        if (strstr(*p, "Thay đổi tỷ lệ hộ nghèo") && strstr(*p, title) &&
            !strstr(*p, "Các phường, xã năm"))
            sheet = sheet ? sheet : *p;
        if (strstr(*p, "Thay đổi tỷ lệ hộ nghèo") && strstr(*p, title_l))
            sheet_l = sheet_l ? sheet_l : *p;
    }
    assert_non_null(sheet);
    assert_non_null(sheet_l);
    assert_non_null(strstr(sheet, "–: ẩn số liệu phường, xã dưới 4500 hộ"));
    g_autofree char *rate_s = line_of(sheet, "Tỷ lệ hộ nghèo");
    g_autofree char *rate_l = line_of(sheet_l, "Tỷ lệ hộ nghèo");
    g_autofree char *rank_s = line_of(sheet, "Xếp hạng tỷ lệ nghèo");
    assert_non_null(rate_s);
    assert_non_null(rate_l);
    assert_non_null(strstr(rank_s, "–/16"));
    assert_true(has_digit(rate_l));
    /* 2023 column hidden; the 2022 column follows the 2022 households */
    assert_non_null(strstr(rate_s, "–"));
    assert_null(strstr(sheet, "Thứ tự ưu tiên"));
    assert_null(strstr(sheet, "hộ thoát nghèo"));
    povatlas_indicator_table_free(t);
    povatlas_workspace_close(ws);
}

/* The ward table's change column pairs the two years by unit code and
 * takes the exact change from the counts: with Đô Vinh (22738) not in
 * force in 2022, every other ward keeps its own change (pairing by row
 * made each ward take its neighbour's 2022 figures, or left them all
 * blank), Đô Vinh has none, and Mỹ Bình shows -0,13 (32/2402 - 35/2388
 * = -0.1334), not -0,14 from the rounded rates 1,33 - 1,47. */
static void test_atlas_changes_paired_by_code(void **state)
{
    fx *f = *state;
    g_autofree char *out = demo_copy(f->dir, "w");
    g_autofree char *db = g_build_filename(out, "atlas.sqlite", NULL);
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "UPDATE units SET valid_from = '2023-01-01'"
                                  " WHERE code = '22738' AND valid_from ="
                                  " '2008-02-24'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    /* two wards of province 58, the others of 59: the fact sheets of a
     * province */
    assert_int_equal(sqlite3_exec(h,
                                  "UPDATE units SET province_code = '59'"
                                  " WHERE code NOT IN ('22738', '22741')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    povatlas_workspace *ws = povatlas_workspace_open(db, 0, NULL);
    assert_non_null(ws);
    g_autofree char *pdf = g_build_filename(f->dir, "paired.pdf", NULL);
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    o.min_households = 0;
    o.province = "58";
    povatlas_error *err = NULL;
    if (povatlas_atlas_write(ws, &o, pdf, &err))
        fail_msg("%s", err->message);
    const char *argv[] = {"pdftotext", "-layout", pdf, "-", NULL};
    g_autofree char *text = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &text, NULL, &status, NULL));
    assert_int_equal(status, 0);
    g_auto(GStrv) pages = g_strsplit(text, "\f", -1);
    /* cover, contents, 4 maps, the table, the zone gaps and the fact
     * sheets of province 58's two wards (pdftotext ends each page with
     * a form feed) */
    assert_int_equal(g_strv_length(pages), 8 + 2 + 1);
    assert_non_null(strstr(pages[1], "tỉnh mã 58"));
    g_auto(GStrv) in58 = povatlas_workspace_province_units(ws, "58", NULL);
    assert_non_null(in58);
    assert_int_equal(g_strv_length(in58), 2);
    assert_string_equal(in58[0], "22738");
    assert_string_equal(in58[1], "22741");
    /* a province no unit has: an error naming it, no file */
    g_autofree char *none_pdf = g_build_filename(f->dir, "none.pdf", NULL);
    o.province = "99";
    assert_int_equal(povatlas_atlas_write(ws, &o, none_pdf, &err),
                     POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "province code 99"));
    povatlas_error_free(err);
    err = NULL;
    assert_false(g_file_test(none_pdf, G_FILE_TEST_EXISTS));
    /* more wards than max_fact_sheets (a national workspace's 10,600
     * communes): no fact sheet, and the contents say why */
    o.province = NULL;
    o.max_fact_sheets = 15;
    if (povatlas_atlas_write(ws, &o, none_pdf, &err))
        fail_msg("%s", err->message);
    const char *argv2[] = {"pdftotext", "-layout", none_pdf, "-", NULL};
    g_autofree char *text2 = NULL;
    assert_true(g_spawn_sync(NULL, (char **)argv2, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &text2, NULL, &status, NULL));
    assert_int_equal(status, 0);
    g_auto(GStrv) pages2 = g_strsplit(text2, "\f", -1);
    assert_int_equal(g_strv_length(pages2), 8 + 1);
    assert_non_null(strstr(pages2[1], "Không in phiếu thông tin cho 16"));
    const char *table = NULL;
    for (char **p = pages; *p && !table; p++)
        if (strstr(*p, "Các phường, xã năm 2023"))
            table = *p;
    assert_non_null(table);
    /* every ward of 2023 but Đô Vinh: its own exact change, last cell */
    const char *names[] = {POVATLAS_IND_POOR, POVATLAS_IND_HOUSEHOLDS};
    povatlas_indicator_table *t0 =
        povatlas_workspace_indicator_table(ws, 2022, names, 2, NULL);
    povatlas_indicator_table *t1 =
        povatlas_workspace_indicator_table(ws, 2023, names, 2, NULL);
    assert_int_equal(t0->units->n, 15);
    assert_int_equal(t1->units->n, 16);
    int checked = 0;
    for (size_t i = 0; i < t1->units->n; i++) {
        const povatlas_unit_row *u = &t1->units->rows[i];
        g_autofree char *row = line_of(table, u->name);
        assert_non_null(row);
        g_strchomp(row);
        /* the last cell carries its unit: "−0,25 điểm %" */
        if (g_str_has_suffix(row, " điểm %"))
            row[strlen(row) - strlen(" điểm %")] = '\0';
        const char *last = strrchr(row, ' ') + 1;
        if (g_strcmp0(u->code, "22738") == 0) {
            assert_string_equal(last, "–");
            continue;
        }
        size_t k = 0;
        while (k < t0->units->n &&
               g_strcmp0(t0->units->rows[k].code, u->code) != 0)
            k++;
        assert_true(k < t0->units->n);
        int64_t want = 0;
        assert_true(povatlas_change_hundredths(
            (int64_t)t0->values[2 * k], (int64_t)t0->values[2 * k + 1],
            (int64_t)t1->values[2 * i], (int64_t)t1->values[2 * i + 1], &want));
        char *w = povatlas_format_hundredths(want, "vi");
        assert_string_equal(last, w);
        free(w);
        checked++;
    }
    assert_int_equal(checked, 15);
    g_autofree char *my_binh = line_of(table, "Mỹ Bình");
    assert_non_null(strstr(my_binh, "−0,13"));
    povatlas_indicator_table_free(t0);
    povatlas_indicator_table_free(t1);
    povatlas_workspace_close(ws);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_demo_maps_and_atlas, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dots_inside_and_seeded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_suppressed_show_no_number, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_map_and_atlas_fail,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_page_fails_the_atlas, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_small_cells_hidden_in_atlas, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_atlas_changes_paired_by_code,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
