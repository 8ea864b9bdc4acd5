/*
 * test_briefing.c - `povatlas briefing` end to end: the HTML file is
 * self-contained (no reference that could leave the file, a CSP that
 * forbids every request, the synthetic band and the schematic note as on
 * the maps, under 2 MB), an existing file is kept without --overwrite, and
 * in headless Chromium (network disabled) the page's #selftest finds 16
 * focusable ward shapes, fills each map with the classes the drawn maps
 * use, shows the right ward's numbers on focus and reports no console
 * error or CSP violation; screenshots at 1366x768 and 390x844 are not
 * blank. The Chromium tests are skipped, saying so, only where Chromium
 * is missing or cannot start.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/fault.h"
#include "pipeline/briefing_private.h"
#include "povatlas/povatlas.h"

static char *g_dir, *g_db, *g_html, *g_text;
static gsize g_len;

static int setup(void **state)
{
    (void)state;
    g_dir = testutil_tmpdir();
    const char *demo[] = {"demo", "--out", g_dir, "-q", NULL};
    if (testutil_run(demo, NULL, NULL) != 0)
        return -1;
    g_db = g_build_filename(g_dir, "atlas.sqlite", NULL);
    g_html = g_build_filename(g_dir, "briefing-test.html", NULL);
    const char *argv[] = {"briefing", "--db", g_db, "-o", g_html, NULL};
    char *err = NULL;
    int rc = testutil_run(argv, NULL, &err);
    if (rc != 0)
        fprintf(stderr, "briefing failed: %s\n", err);
    g_free(err);
    if (rc != 0 || !g_file_get_contents(g_html, &g_text, &g_len, NULL))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testutil_rmtree(g_dir);
    g_free(g_dir);
    g_free(g_db);
    g_free(g_html);
    g_free(g_text);
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Every table head of @text in the reader's words: none holds a key of
 * the priority weights ("rate chuẩn hóa" and "coverage_gap đóng góp" were
 * heads of the Vietnamese briefing); @vi: no key anywhere in a head, else
 * none at a head's start. Returns the number of heads. */
static size_t heads_without_keys(const char *text, int vi)
{
    size_t n = 0;
    const char *open = "<th scope=\"col\">";
    for (const char *p = strstr(text, open); p; p = strstr(p, open)) {
        p += strlen(open);
        const char *end = strstr(p, "</th>");
        assert_non_null(end);
        g_autofree char *head = g_strndup(p, (gsize)(end - p));
        n++;
        if (strchr(head, '_'))
            fail_msg("a table head holds a key: '%s'", head);
        for (int k = 0; k < POVATLAS_PRIORITY_N; k++) {
            const char *key = povatlas_priority_component_name(k);
            if (g_str_has_prefix(head, key) || (vi && strstr(head, key)))
                fail_msg("the table head '%s' holds the key '%s'", head, key);
        }
    }
    return n;
}

/* Nothing in the file can make a request: no address, no external
 * url(), no src/href attribute, no @import; a CSP forbids the rest. */
static void test_self_contained(void **state)
{
    (void)state;
    assert_true(g_len < 2 * 1024 * 1024);
    assert_non_null(strstr(g_text, "http-equiv=\"Content-Security-Policy\" "
                                   "content=\"default-src 'none';"));
    const char *banned[] = {
        "http://", "https://", "//www.",  " src=",  " href=",        "@import",
        "<link",   "<img",     "<iframe", "fetch(", "XMLHttpRequest"};
    for (size_t i = 0; i < G_N_ELEMENTS(banned); i++)
        if (strstr(g_text, banned[i]))
            fail_msg("the briefing holds '%s'", banned[i]);
    for (const char *p = strstr(g_text, "url("); p; p = strstr(p + 1, "url("))
        if (p[4] != '#')
            fail_msg("a url() that is not a fragment: %.40s", p);
    assert_int_equal(count(g_text, "<path class=\"ward\" tabindex=\"0\""), 16);
    /* the notices of the maps, the band where the data is synthetic */
    assert_non_null(strstr(g_text, "<div class=\"band\" id=\"pa-synthetic\">"
                                   "DỮ LIỆU GIẢ LẬP — không phải số liệu "
                                   "thật</div>"));
    assert_non_null(
        strstr(g_text, "Ranh giới sơ đồ — không phải ranh giới chính thức"));
    /* the cover: targets with units and marks, both years' totals */
    const char *want[] = {
        "1,17 %",  "1,15 %",          "−71 hộ",
        "−57 hộ",  "✗ CHƯA ĐẠT",      "✓ ĐẠT",
        "47.400",  "47.690",          "@media print",
        "size:A4", "max-width:760px", "<td class=\"n\">2022</td>"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(g_text, want[i]))
            fail_msg("the briefing lacks '%s'", want[i]);
    /* the priority and coverage tables' heads in Vietnamese */
    assert_true(heads_without_keys(g_text, 1) > 4 + 2 * POVATLAS_PRIORITY_N);
    assert_non_null(strstr(g_text, "<th scope=\"col\">Tỷ lệ hộ nghèo, chuẩn "
                                   "hóa</th>"));
    assert_non_null(strstr(g_text, "<th scope=\"col\">Khoảng trống bao phủ, "
                                   "đóng góp (trọng số 0,15)</th>"));
}

static void test_existing_refused(void **state)
{
    (void)state;
    const char *argv[] = {"briefing", "--db", g_db, "-o", g_html, NULL};
    char *err = NULL;
    assert_int_equal(testutil_run(argv, NULL, &err), 2);
    assert_non_null(strstr(err, "the file exists; not overwritten"));
    assert_non_null(strstr(err, "--overwrite"));
    g_free(err);
    const char *again[] = {"briefing", "--db",        g_db, "-o",
                           g_html,     "--overwrite", "-q", NULL};
    assert_int_equal(testutil_run(again, NULL, NULL), 0);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(g_html, &text, NULL, NULL));
    assert_string_equal(text, g_text); /* same bytes for the same data */
    /* `povatlas demo` wrote the same briefing into maps/ */
    g_autofree char *demo_path =
        g_build_filename(g_dir, "maps", "briefing.html", NULL);
    g_autofree char *demo = NULL;
    assert_true(g_file_get_contents(demo_path, &demo, NULL, NULL));
    assert_string_equal(demo, g_text);
}

/* A table of @n rows: rank, code ("C0000", ...), unit and, with @gap,
 * a coverage gap of 1 on every third row. */
static povatlas_table *many_rows(size_t n, int gap)
{
    povatlas_table *t = povatlas_table_new("t");
    povatlas_table_add_column(t, "Hạng", POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, "Mã", POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, "Đơn vị", POVATLAS_COLUMN_TEXT, 0);
    if (gap)
        povatlas_table_add_column(t, "Khoảng trống bao phủ",
                                  POVATLAS_COLUMN_INT, 0);
    for (size_t r = 0; r < n; r++) {
        size_t k = povatlas_table_add_row(t);
        g_autofree char *code = g_strdup_printf("C%04zu", r);
        povatlas_table_set_int(t, k, 0, (int64_t)r + 1);
        povatlas_table_set_text(t, k, 1, code);
        povatlas_table_set_text(t, k, 2, code);
        if (gap)
            povatlas_table_set_int(t, k, 3, r % 3 == 0);
    }
    return t;
}

/* The briefing's tables past BRIEFING_REPORT_ROWS rows (a province's or
 * the country's communes; the demo's 16 wards never get there), on
 * made-up tables in the demo's workspace: the first rows of a ranking,
 * the coverage gaps of a coverage table, each with the note saying so;
 * a table of exactly the limit whole and without a note. */
static void test_table_row_limit(void **state)
{
    (void)state;
    povatlas_workspace *ws =
        povatlas_workspace_open(g_db, POVATLAS_WORKSPACE_READONLY, NULL);
    assert_non_null(ws);
    povatlas_briefing_opts o;
    povatlas_briefing_opts_init(&o);
    briefing b = {.ws = ws, .o = &o, .lang = "vi", .year = 2023};
    const size_t max = BRIEFING_REPORT_ROWS;
    static const struct {
        size_t rows;
        int gap;
        size_t shown; /* rows of the HTML table */
        const char *note;
    } cases[] = {
        {BRIEFING_REPORT_ROWS + 50, 0, BRIEFING_REPORT_ROWS,
         "Bảng hiện 100 trong 150 dòng (đứng đầu bảng)"},
        /* every third of 330 rows has a gap: 110, the first 100 shown */
        {330, 1, BRIEFING_REPORT_ROWS,
         "Bảng hiện 100 trong 330 dòng (các phường, xã có khoảng trống "
         "bao phủ)"},
        {150, 1, 50,
         "Bảng hiện 50 trong 150 dòng (các phường, xã có khoảng trống "
         "bao phủ)"},
        {BRIEFING_REPORT_ROWS, 1, BRIEFING_REPORT_ROWS, NULL}};
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        b.out = g_string_new(NULL);
        povatlas_table *t = many_rows(cases[c].rows, cases[c].gap);
        briefing_html_table(&b, t, 2023, max);
        povatlas_table_free(t);
        assert_int_equal(count(b.out->str, "<tr>") - 1, cases[c].shown);
        if (cases[c].note)
            assert_non_null(strstr(b.out->str, cases[c].note));
        else
            assert_null(strstr(b.out->str, "Bảng hiện"));
        /* the rows kept: the first ranks, or the gaps only */
        assert_non_null(strstr(b.out->str, "<td>C0000</td>"));
        assert_true((strstr(b.out->str, "<td>C0001</td>") != NULL) ==
                    (!cases[c].gap || cases[c].note == NULL));
        g_string_free(b.out, TRUE);
    }
    assert_null(b.error);
    povatlas_workspace_close(ws);
}

/* The library call: its error fields, and the shapes it draws. */
static void test_library(void **state)
{
    (void)state;
    povatlas_workspace *ws = povatlas_workspace_open(g_db, 0, NULL);
    assert_non_null(ws);
    povatlas_briefing_opts o;
    povatlas_briefing_opts_init(&o);
    assert_int_equal(o.min_households, POVATLAS_MIN_HOUSEHOLDS);
    assert_string_equal(o.lang, "vi");
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_briefing_write(ws, &o, g_html, &err),
                     POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "the file exists; not overwritten"));
    povatlas_error_free(err);
    err = NULL;
    o.simplify_m = -1;
    o.overwrite = 1;
    assert_int_equal(povatlas_briefing_write(ws, &o, g_html, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
    err = NULL;

    povatlas_map_shapes *full = povatlas_map_shapes_new(ws, 2023, 800, 0, &err);
    povatlas_map_shapes *simple =
        povatlas_map_shapes_new(ws, 2023, 800, 50, &err);
    assert_non_null(full);
    assert_non_null(simple);
    assert_int_equal(full->n, 16);
    assert_true(full->width == 800 && full->height > 100);
    assert_true(full->m_per_px > 1 && full->m_per_px < 100);
    size_t full_len = 0, simple_len = 0;
    for (size_t i = 0; i < full->n; i++) {
        assert_true(g_str_has_prefix(full->path_d[i], "M"));
        assert_true(g_str_has_suffix(full->path_d[i], "Z"));
        /* relative steps after each ring's start, no absolute "L x y" */
        assert_non_null(strchr(full->path_d[i], 'l'));
        assert_null(strchr(full->path_d[i], 'L'));
        full_len += strlen(full->path_d[i]);
        /* each name sits inside the box, in a circle inside its ward */
        assert_true(full->label_r[i] > 2);
        assert_true(full->label_x[i] > 0 && full->label_x[i] < full->width);
        assert_true(full->label_y[i] > 0 && full->label_y[i] < full->height);
        simple_len += strlen(simple->path_d[i]);
    }
    /* 50 m of tolerance drops vertices */
    assert_true(simple_len < full_len);
    /* an outline GEOS cannot simplify is an error naming the unit, not
     * the outline drawn unsimplified */
    povatlas_fault_arm(POVATLAS_FAULT_GEOS, 2, 0);
    assert_null(povatlas_map_shapes_new(ws, 2023, 800, 50, &err));
    assert_int_equal(povatlas_fault_failed(), 1);
    povatlas_fault_arm(0, 0, 0);
    assert_int_equal(err->code, POVATLAS_E_GEOM);
    g_autofree char *want = g_strdup_printf(
        "cannot simplify unit '%s' to 50 m: GEOS failed", full->codes[1]);
    assert_string_equal(err->message, want);
    povatlas_error_free(err);
    err = NULL;
    povatlas_map_shapes_free(full);
    povatlas_map_shapes_free(simple);
    assert_null(povatlas_map_shapes_new(ws, 2023, 800, -1, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    povatlas_workspace_close(ws);
}

/* A failed read of the map's context layers fails the briefing with the
 * store's own status and reason (the briefing returned a fixed E_GEOM
 * after any failure of its map shapes, and the shapes a fixed E_DB after
 * the context read); no file is written. */
static void test_failed_context_read(void **state)
{
    (void)state;
    g_autofree char *copy = g_build_filename(g_dir, "no-context.sqlite", NULL);
    g_autofree char *html = g_build_filename(g_dir, "no-context.html", NULL);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(g_db, &db), SQLITE_OK);
    g_autofree char *sql = g_strdup_printf("VACUUM INTO '%s'", copy);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "ALTER TABLE context_layers RENAME TO "
                                  "context_gone",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    povatlas_workspace *ws = povatlas_workspace_open(copy, 0, NULL);
    assert_non_null(ws);
    povatlas_briefing_opts o;
    povatlas_briefing_opts_init(&o);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_briefing_write(ws, &o, html, &err),
                     POVATLAS_E_DB);
    assert_int_equal(err->code, POVATLAS_E_DB);
    assert_non_null(strstr(err->message, "no such table: context_layers"));
    povatlas_error_free(err);
    /* and with no error wanted, the same status */
    assert_int_equal(povatlas_briefing_write(ws, &o, html, NULL),
                     POVATLAS_E_DB);
    assert_false(g_file_test(html, G_FILE_TEST_EXISTS));
    povatlas_workspace_close(ws);
    g_remove(copy);
}

/* ---- Chromium ------------------------------------------------------------ */

static char *chromium_path(void)
{
    const char *names[] = {"chromium", "chromium-browser", "google-chrome"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_find_program_in_path(names[i]);
        if (p)
            return p;
    }
    return NULL;
}

/* Runs headless Chromium on @url with the network disabled (every host
 * unresolvable, a dead proxy) plus @extra; stdout in @out. Skips the test
 * when Chromium is missing or cannot start. */
static void chromium(const char *url, const char *const *extra, char **out)
{
    g_autofree char *bin = chromium_path();
    if (bin == NULL) {
        fprintf(stderr, "skipped: chromium is not installed "
                        "(tools/install-deps.sh installs it)\n");
        skip();
    }
    g_autofree char *profile = g_build_filename(g_dir, "chromium", NULL);
    g_autofree char *profile_opt =
        g_strdup_printf("--user-data-dir=%s", profile);
    GPtrArray *a = g_ptr_array_new();
    const char *base[] = {bin,
                          "--headless",
                          "--disable-gpu",
                          "--no-sandbox",
                          "--no-first-run",
                          "--hide-scrollbars",
                          "--proxy-server=127.0.0.1:9",
                          "--host-resolver-rules=MAP * ~NOTFOUND",
                          profile_opt};
    for (size_t i = 0; i < G_N_ELEMENTS(base); i++)
        g_ptr_array_add(a, (gpointer)base[i]);
    for (size_t i = 0; extra[i]; i++)
        g_ptr_array_add(a, (gpointer)extra[i]);
    g_ptr_array_add(a, (gpointer)url);
    g_ptr_array_add(a, NULL);
    char *err = NULL;
    int rc =
        testutil_spawn(NULL, NULL, (const char *const *)a->pdata, out, &err);
    g_ptr_array_free(a, TRUE);
    if (rc != 0) {
        fprintf(stderr,
                "skipped: chromium cannot start here (exit %d): "
                "%.300s\n",
                rc, err ? err : "");
        g_free(err);
        g_free(*out);
        *out = NULL;
        skip();
    }
    g_free(err);
}

static char *unescape(const char *s)
{
    GString *o = g_string_new(NULL);
    while (*s) {
        static const char *const E[][2] = {{"&amp;", "&"},
                                           {"&lt;", "<"},
                                           {"&gt;", ">"},
                                           {"&quot;", "\""},
                                           {"&#39;", "'"}};
        size_t i = 0;
        for (; i < G_N_ELEMENTS(E); i++)
            if (g_str_has_prefix(s, E[i][0])) {
                g_string_append(o, E[i][1]);
                s += strlen(E[i][0]);
                break;
            }
        if (i == G_N_ELEMENTS(E))
            g_string_append_c(o, *s++);
    }
    return g_string_free(o, FALSE);
}

/* The #selftest's lines from the DOM Chromium dumped. */
static char **selftest_lines(void)
{
    g_autofree char *url = g_strdup_printf("file://%s#selftest", g_html);
    /* at a phone's width, where the tables must not widen the page */
    const char *extra[] = {"--dump-dom", "--virtual-time-budget=5000",
                           "--window-size=390,844", NULL};
    g_autofree char *dom = NULL;
    chromium(url, extra, &dom);
    const char *open = "<pre id=\"pa-selftest\">";
    const char *p = dom ? strstr(dom, open) : NULL;
    if (p == NULL)
        fail_msg("no self-test result in the DOM:\n%.2000s", dom ? dom : "");
    p += strlen(open);
    const char *end = strstr(p, "</pre>");
    assert_non_null(end);
    g_autofree char *raw = g_strndup(p, (gsize)(end - p));
    g_autofree char *text = unescape(raw);
    return g_strsplit(text, "\n", -1);
}

static const char *line_value(char **lines, const char *key)
{
    size_t n = strlen(key);
    for (size_t i = 0; lines[i]; i++)
        if (strncmp(lines[i], key, n) == 0 && lines[i][n] == ' ')
            return lines[i] + n + 1;
    return NULL;
}

/* The class fill a drawn map gives ward @code, as the page writes it. */
static char *expected_fill(povatlas_workspace *ws, const char *key, int year,
                           const char *code)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.year = year;
    o.type = strcmp(key, "change") == 0 ? POVATLAS_MAP_CHANGE
                                        : POVATLAS_MAP_CHOROPLETH;
    o.indicator = strcmp(key, "change") == 0     ? "poor_rate"
                  : strcmp(key, "priority") == 0 ? "priority_index"
                                                 : key;
    povatlas_error *err = NULL;
    povatlas_map_classing *c = povatlas_map_classing_new(ws, &o, &err);
    if (c == NULL)
        fail_msg("classing %s %d: %s", key, year, err ? err->message : "?");
    char *fill = NULL;
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->codes[i], code) != 0)
            continue;
        int k = c->unit_class[i] < 0 ? c->n_classes : c->unit_class[i];
        const povatlas_map_class_data *d = &c->classes[k];
        fill = d->fill == POVATLAS_FILL_SOLID
                   ? g_strdup_printf("#%06x", d->rgb)
                   : g_strdup_printf(
                         "url(#%c%06x)",
                         d->fill == POVATLAS_FILL_CROSSHATCHED ? 'x' : 'h',
                         d->rgb);
    }
    povatlas_map_classing_free(c);
    return fill;
}

static void check_fills(povatlas_workspace *ws, char **lines)
{
    size_t maps = 0;
    const char *poor = NULL, *change = NULL;
    for (size_t i = 0; lines[i]; i++) {
        if (!g_str_has_prefix(lines[i], "fill "))
            continue;
        g_auto(GStrv) f = g_strsplit(lines[i] + 5, " ", -1);
        assert_int_equal(g_strv_length(f), 2 + 16);
        int year = (int)g_ascii_strtoll(f[1], NULL, 10);
        for (size_t w = 2; f[w]; w++) {
            g_auto(GStrv) kv = g_strsplit(f[w], "=", 2);
            g_autofree char *want = expected_fill(ws, f[0], year, kv[0]);
            if (g_strcmp0(want, kv[1]) != 0)
                fail_msg("%s %d ward %s: page %s, maps %s", f[0], year, kv[0],
                         kv[1], want ? want : "(none)");
        }
        if (strcmp(f[0], "poor_rate") == 0 && year == 2023)
            poor = strchr(lines[i] + 5, ' ');
        if (strcmp(f[0], "change") == 0)
            change = strchr(lines[i] + 5, ' ');
        maps++;
    }
    /* poor, near-poor, coverage, priority of 2022 and 2023; the change */
    assert_true(maps >= 8);
    assert_non_null(poor);
    assert_non_null(change);
    /* switching the indicator changed the fills */
    assert_string_not_equal(strchr(poor + 1, ' '), strchr(change + 1, ' '));
}

static char *num_text(double v, int decimals, const char *suffix)
{
    char *n = povatlas_format_number(v, decimals, "vi");
    char *s = g_strdup_printf("%s%s", n, suffix);
    free(n);
    return s;
}

static void check_cards(povatlas_workspace *ws, char **lines)
{
    povatlas_unit_list *u = povatlas_workspace_units(ws, 2023, NULL);
    assert_non_null(u);
    assert_int_equal(u->n, 16);
    for (size_t i = 0; i < u->n; i++) {
        g_autofree char *key = g_strdup_printf("card %s", u->rows[i].code);
        const char *card = line_value(lines, key);
        if (card == NULL)
            fail_msg("no card for %s", u->rows[i].code);
        double poor, rate, hh;
        int f1 = 0, f2 = 0, f3 = 0;
        assert_int_equal(povatlas_workspace_get_indicator(ws, u->rows[i].code,
                                                          2023, "poor", &poor,
                                                          &f1, NULL),
                         POVATLAS_OK);
        assert_int_equal(povatlas_workspace_get_indicator(ws, u->rows[i].code,
                                                          2023, "poor_rate",
                                                          &rate, &f2, NULL),
                         POVATLAS_OK);
        assert_int_equal(povatlas_workspace_get_indicator(ws, u->rows[i].code,
                                                          2023, "households",
                                                          &hh, &f3, NULL),
                         POVATLAS_OK);
        assert_true(f1 && f2 && f3);
        g_autofree char *p = num_text(poor, 0, " hộ");
        g_autofree char *want_poor = g_strdup_printf("Hộ nghèo%s", p);
        g_autofree char *r = num_text(rate, 2, " %");
        g_autofree char *want_rate = g_strdup_printf("Tỷ lệ hộ nghèo%s", r);
        g_autofree char *h = num_text(hh, 0, " hộ");
        g_autofree char *want_hh = g_strdup_printf("Số hộ%s", h);
        const char *want[] = {u->rows[i].name, "Năm 2023", want_poor,
                              want_rate,       want_hh,    "Thứ tự ưu tiên"};
        for (size_t k = 0; k < G_N_ELEMENTS(want); k++)
            if (!strstr(card, want[k]))
                fail_msg("card of %s lacks '%s': %s", u->rows[i].code, want[k],
                         card);
        /* the card names its own ward first */
        assert_true(g_str_has_prefix(card, u->rows[i].name));
        /* hovering the last ward shows the same card as its focus */
        if (i == u->n - 1) {
            g_autofree char *hk = g_strdup_printf("hover %s", u->rows[i].code);
            assert_string_equal(line_value(lines, hk), card);
        }
    }
    povatlas_unit_list_free(u);
}

static void test_in_chromium(void **state)
{
    (void)state;
    g_auto(GStrv) lines = selftest_lines();
    assert_string_equal(line_value(lines, "wards"), "16");
    assert_string_equal(line_value(lines, "focusable"), "16");
    /* the names on the map, their boxes as Chromium lays them out: none
     * over another (Mỹ Hương's and Kinh Dinh's were); at most two of the
     * 16 left to their cards */
    const char *g = strstr(g_text, "<g class=\"labels\"");
    assert_non_null(g);
    g_autofree char *group = g_strndup(g, (gsize)(strstr(g, "</g>") - g));
    size_t named = count(group, "<text ");
    assert_true(named >= 14);
    g_autofree char *want = g_strdup_printf("%zu 0", named);
    if (g_strcmp0(line_value(lines, "labels"), want) != 0)
        fail_msg("names on the map overlap: %s", line_value(lines, "labels"));
    /* 390 px wide: the page is no wider than the phone; the cover's
     * totals, the zone gaps, the priority and coverage tables each inside
     * the window (they scroll in their own box) */
    assert_string_equal(line_value(lines, "width"), "390 390");
    assert_string_equal(line_value(lines, "tables"), "4 4");
    if (g_strcmp0(line_value(lines, "errors"), "0") != 0) {
        g_autofree char *all = g_strjoinv("\n", lines);
        fail_msg("console errors or CSP violations:\n%s", all);
    }
    povatlas_workspace *ws =
        povatlas_workspace_open(g_db, POVATLAS_WORKSPACE_READONLY, NULL);
    assert_non_null(ws);
    check_fills(ws, lines);
    check_cards(ws, lines);
    povatlas_workspace_close(ws);
}

/* The classes of the map the page opens on: the poor rate of 2023. */
static povatlas_map_classing *poor_rate_classing(povatlas_workspace *ws)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = POVATLAS_MAP_CHOROPLETH;
    o.indicator = "poor_rate";
    o.year = 2023;
    povatlas_error *err = NULL;
    povatlas_map_classing *c = povatlas_map_classing_new(ws, &o, &err);
    if (c == NULL)
        fail_msg("classing: %s", err ? err->message : "?");
    return c;
}

/* The pixels of @png (@w x @h) that have a class colour of @c. */
static size_t class_pixels(const char *png, const povatlas_map_classing *c,
                           int *w, int *h)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    *w = cairo_image_surface_get_width(s);
    *h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    size_t n = 0;
    for (int y = 0; y < *h; y++)
        for (int x = 0; x < *w; x++) {
            unsigned int px =
                *(const uint32_t *)(d + y * stride + 4 * x) & 0xffffff;
            for (int k = 0; k < c->n_classes; k++)
                n += px == (c->classes[k].rgb & 0xffffff);
        }
    cairo_surface_destroy(s);
    return n;
}

/* The map the page opens on is in the HTML itself: each ward filled with
 * its class of the poor-rate map, the title and the legend with the
 * classes' counts, so that it reads without JavaScript. */
static void test_map_without_script(void **state)
{
    (void)state;
    povatlas_workspace *ws =
        povatlas_workspace_open(g_db, POVATLAS_WORKSPACE_READONLY, NULL);
    assert_non_null(ws);
    const char *tag = "<path class=\"ward\" tabindex=\"0\" data-code=\"";
    size_t n = 0, filled = 0;
    for (const char *p = strstr(g_text, tag); p; p = strstr(p + 1, tag)) {
        const char *code = p + strlen(tag);
        const char *q = strchr(code, '"');
        g_autofree char *c = g_strndup(code, (gsize)(q - code));
        assert_true(g_str_has_prefix(q, "\" fill=\""));
        const char *f = q + strlen("\" fill=\"");
        g_autofree char *fill = g_strndup(f, (gsize)(strchr(f, '"') - f));
        g_autofree char *want = expected_fill(ws, "poor_rate", 2023, c);
        if (g_strcmp0(fill, want) != 0)
            fail_msg("ward %s: HTML fill %s, map %s", c, fill, want);
        filled += fill[0] == '#';
        n++;
    }
    assert_int_equal(n, 16);
    assert_int_equal(filled, 16); /* every ward has a rate in the demo */
    povatlas_map_classing *c = poor_rate_classing(ws);
    g_autofree char *title =
        g_strdup_printf("<p id=\"pa-map-title\">%s — 2023</p>", c->title);
    assert_non_null(strstr(g_text, title));
    const char *legend = strstr(g_text, "<div id=\"pa-legend\"><b>");
    assert_non_null(legend);
    size_t listed = 0;
    for (int k = 0; k < c->n_classes; k++) {
        int cnt = 0;
        for (size_t i = 0; i < c->n; i++)
            cnt += c->unit_class[i] == k;
        g_autofree char *swatch = g_strdup_printf(
            "<span class=\"sw\" style=\"background-color:#%06x\"></span>"
            "<span>%s (%d)</span>",
            c->classes[k].rgb, c->classes[k].label, cnt);
        if (cnt && !strstr(legend, swatch))
            fail_msg("the legend lacks %s", swatch);
        listed += cnt > 0;
    }
    assert_true(listed >= 4);
    povatlas_map_classing_free(c);
    povatlas_workspace_close(ws);
    /* without script: no buttons that do nothing, a line saying why */
    assert_non_null(strstr(g_text, "<noscript><style>.controls,#pa-card{"
                                   "display:none}</style>"));
    assert_non_null(strstr(g_text, "JavaScript đang tắt"));
    /* the source line under the map is the shown year's */
    assert_non_null(strstr(g_text, "Số liệu rà soát năm 2023 (cuối năm)"));
    assert_null(strstr(g_text, "rà soát năm 2022 (cuối năm)"));

    /* as a browser without script shows it (headless Chromium with
     * scripts disabled writes no screenshot): the page's script taken
     * out, <noscript> shown; at the map, the wards in class colours */
    const char *open = "<script>\n(function(){";
    const char *from = strstr(g_text, open);
    assert_non_null(from);
    const char *to = strstr(from, "</script>");
    assert_non_null(to);
    GString *page = g_string_new_len(g_text, (gssize)(from - g_text));
    g_string_append(page, to + strlen("</script>"));
    assert_true(g_string_replace(page, "<noscript>", "", 0) == 1);
    g_string_replace(page, "</noscript>", "", 0);
    g_autofree char *html = g_build_filename(g_dir, "noscript.html", NULL);
    assert_true(g_file_set_contents(html, page->str, (gssize)page->len, NULL));
    g_string_free(page, TRUE);
    g_autofree char *png = g_build_filename(g_dir, "noscript.png", NULL);
    g_autofree char *shot = g_strdup_printf("--screenshot=%s", png);
    /* a window tall enough for the cover, the totals and the map (the
     * screenshot ignores a #map fragment) */
    g_autofree char *url = g_strdup_printf("file://%s", html);
    const char *extra[] = {shot, "--window-size=1366,2600", NULL};
    g_autofree char *out = NULL;
    chromium(url, extra, &out);
    ws = povatlas_workspace_open(g_db, POVATLAS_WORKSPACE_READONLY, NULL);
    c = poor_rate_classing(ws);
    int w, h;
    size_t classed = class_pixels(png, c, &w, &h);
    /* the map's wards take some 250,000 px; the legend's swatches alone
     * under 3,000 */
    if (classed < 100000)
        fail_msg("without script the map shows %zu class pixels of %d", classed,
                 w * h);
    povatlas_map_classing_free(c);
    povatlas_workspace_close(ws);
}

/* --lang en: the page in English; Vietnamese only in the names of the
 * place and its wards (and the band's own English text). */
static void test_in_english(void **state)
{
    (void)state;
    g_autofree char *path = g_build_filename(g_dir, "briefing-en.html", NULL);
    const char *argv[] = {"briefing", "--db", g_db, "--lang", "en",
                          "-o",       path,   "-q", NULL};
    assert_int_equal(testutil_run(argv, NULL, NULL), 0);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    const char *want[] = {"<html lang=\"en\">",
                          "SYNTHETIC DATA",
                          "Poor and near-poor households in 2023",
                          "The plan&#39;s targets for 2023",
                          "✗ MISSED",
                          "✓ MET",
                          "1.17 %",
                          "−71 households",
                          "47,690",
                          "City totals by review year",
                          "Ward map",
                          "Indicator",
                          "Near-poor rate",
                          "Ward priority ranking, 2023",
                          "Programme coverage and coverage gaps, 2023",
                          "Poor-rate gaps of the zones",
                          "JavaScript is off",
                          "\"Poor households\"",
                          "\"Priority rank (1 = highest)\""};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(text, want[i]))
            fail_msg("the English briefing lacks '%s'", want[i]);
    assert_true(heads_without_keys(text, 0) > 4 + 2 * POVATLAS_PRIORITY_N);
    assert_non_null(strstr(text, "<th scope=\"col\">Coverage gap, "
                                 "contribution (weight 0.15)</th>"));
    /* take out the place and the wards' names (short and full), then no
     * letter of Vietnamese's alphabet beyond ASCII may be left */
    povatlas_workspace *ws =
        povatlas_workspace_open(g_db, POVATLAS_WORKSPACE_READONLY, NULL);
    assert_non_null(ws);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    char *place = NULL;
    assert_int_equal(povatlas_workspace_get_place(ws, "en", &place, NULL),
                     POVATLAS_OK);
    g_ptr_array_add(names, place);
    povatlas_unit_list *u = povatlas_workspace_units(ws, 2023, NULL);
    assert_non_null(u);
    for (size_t i = 0; i < u->n; i++) {
        g_ptr_array_add(names, g_strdup(u->rows[i].name));
        if (u->rows[i].full_name)
            g_ptr_array_add(names, g_strdup(u->rows[i].full_name));
    }
    povatlas_unit_list_free(u);
    povatlas_workspace_close(ws);
    /* the decree's number, a name too (Decree 07/2021/NĐ-CP) */
    g_ptr_array_add(names, g_strdup("NĐ-CP"));
    /* longest first, so that a full name goes before its short name */
    for (guint a = 0; a < names->len; a++)
        for (guint k = a + 1; k < names->len; k++)
            if (strlen(names->pdata[k]) > strlen(names->pdata[a])) {
                gpointer t = names->pdata[a];
                names->pdata[a] = names->pdata[k];
                names->pdata[k] = t;
            }
    GString *rest = g_string_new(text);
    for (guint i = 0; i < names->len; i++)
        g_string_replace(rest, names->pdata[i], "", 0);
    g_ptr_array_unref(names);
    for (const char *p = rest->str; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        /* Latin-1 letters, Latin Extended-A/B, the Vietnamese block and
         * the combining tone marks */
        if ((ch >= 0xc0 && ch <= 0x24f && ch != 0xd7 && ch != 0xf7) ||
            (ch >= 0x1ea0 && ch <= 0x1ef9) || (ch >= 0x300 && ch <= 0x323)) {
            const char *from = p - 60 > rest->str ? p - 60 : rest->str;
            fail_msg("Vietnamese left in the English briefing: ...%.120s",
                     from);
        }
    }
    g_string_free(rest, TRUE);
}

/* Printed (A4, by Chromium): every page carries the red synthetic-data
 * band at its head, and one page shows the wards in their classes'
 * colours. */
static void test_print(void **state)
{
    (void)state;
    g_autofree char *pdf = g_build_filename(g_dir, "print.pdf", NULL);
    g_autofree char *opt = g_strdup_printf("--print-to-pdf=%s", pdf);
    g_autofree char *url = g_strdup_printf("file://%s", g_html);
    const char *extra[] = {opt, "--no-pdf-header-footer", NULL};
    g_autofree char *out = NULL;
    chromium(url, extra, &out);
    g_autofree char *prefix = g_build_filename(g_dir, "page", NULL);
    const char *ppm[] = {"pdftoppm", "-r", "40", "-png", pdf, prefix, NULL};
    assert_int_equal(testutil_spawn(NULL, NULL, ppm, NULL, NULL), 0);
    const char *txt[] = {"pdftotext", "-layout", pdf, "-", NULL};
    g_autofree char *text = NULL;
    assert_int_equal(testutil_spawn(NULL, NULL, txt, &text, NULL), 0);
    g_auto(GStrv) pages = g_strsplit(text, "\f", -1);
    size_t n_pages = g_strv_length(pages) - 1; /* after the last \f */
    assert_true(n_pages >= 5);
    povatlas_workspace *ws =
        povatlas_workspace_open(g_db, POVATLAS_WORKSPACE_READONLY, NULL);
    povatlas_map_classing *c = poor_rate_classing(ws);
    size_t map_pages = 0;
    for (size_t i = 0; i < n_pages; i++) {
        if (!strstr(pages[i], "DỮ LIỆU GIẢ LẬP — không phải số liệu thật"))
            fail_msg("page %zu lacks the synthetic-data band", i + 1);
        g_autofree char *png = g_strdup_printf("%s-%0*zu.png", prefix,
                                               n_pages >= 10 ? 2 : 1, i + 1);
        cairo_surface_t *s = cairo_image_surface_create_from_png(png);
        assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
        int w = cairo_image_surface_get_width(s),
            h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        const unsigned char *d = cairo_image_surface_get_data(s);
        size_t red = 0;
        for (int y = 0; y < h / 10; y++)
            for (int x = 0; x < w; x++)
                red += (*(const uint32_t *)(d + y * stride + 4 * x) &
                        0xffffff) == 0xb2182b;
        cairo_surface_destroy(s);
        size_t classed = class_pixels(png, c, &w, &h);
        /* the band: red across most of the text width (A4 less 24 mm) in
         * the page's top tenth, at least 4 mm high */
        if (red < (size_t)(w * 0.8 * h * 0.013))
            fail_msg("page %zu: %zu red pixels at its head", i + 1, red);
        /* the map: wards in class colours on a good part of its page
         * (the legend's swatches alone are well under 1 %) */
        if (classed > (size_t)w * h / 20)
            map_pages++;
    }
    assert_int_equal(map_pages, 1);
    povatlas_map_classing_free(c);
    povatlas_workspace_close(ws);
}

/* A screenshot at @w x @h is the page: mostly drawn (not blank), the red
 * synthetic band across the top, the map's class colours somewhere. */
static void screenshot(int w, int h)
{
    g_autofree char *png = g_strdup_printf("%s/shot-%d.png", g_dir, w);
    g_autofree char *shot = g_strdup_printf("--screenshot=%s", png);
    g_autofree char *size = g_strdup_printf("--window-size=%d,%d", w, h);
    g_autofree char *url = g_strdup_printf("file://%s", g_html);
    const char *extra[] = {shot, size, NULL};
    g_autofree char *out = NULL;
    chromium(url, extra, &out);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), w);
    assert_int_equal(cairo_image_surface_get_height(s), h);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    size_t ink = 0, band = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned int px =
                *(const uint32_t *)(d + y * stride + 4 * x) & 0xffffff;
            ink += px != 0xffffff;
            band += y < 20 && px == 0xb2182b;
        }
    cairo_surface_destroy(s);
    /* text, cards and charts cover a good part of the first screen */
    if (ink < (size_t)w * h / 20)
        fail_msg("screenshot %dx%d is nearly blank: %zu drawn pixels", w, h,
                 ink);
    /* the band spans the width of the page */
    assert_true(band > (size_t)w * 20 * 8 / 10);
}

static void test_screenshots(void **state)
{
    (void)state;
    screenshot(1366, 768);
    screenshot(390, 844);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_self_contained),
        cmocka_unit_test(test_existing_refused),
        cmocka_unit_test(test_library),
        cmocka_unit_test(test_failed_context_read),
        cmocka_unit_test(test_table_row_limit),
        cmocka_unit_test(test_map_without_script),
        cmocka_unit_test(test_in_english),
        cmocka_unit_test(test_in_chromium),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_screenshots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
