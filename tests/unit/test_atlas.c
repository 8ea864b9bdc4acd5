/*
 * test_atlas.c - the demo's map set and briefing atlas checked by content:
 * pdftotext finds the ward names with their diacritics, the worded legend
 * limits and the synthetic stamp; pdffonts shows only embedded fonts; the
 * whole maps/ folder (every map type, the dot map included, so the dots'
 * seed holds) is byte-identical on a second run.
 */
#include <string.h>

#include "testutil.h"

#include <glib.h>

typedef struct fx {
    char *dir;
} fx;

static char *run_demo(const char *dir, const char *name)
{
    char *out = g_build_filename(dir, name, NULL);
    const char *argv[] = {"demo", "--out", out, "-q", NULL};
    assert_int_equal(testutil_run(argv, NULL, NULL), 0);
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
    g_autofree char *a = run_demo(f->dir, "a");
    g_autofree char *b = run_demo(f->dir, "b");
    static const char *files[] = {"poor_rate.png", "change.png", "zone.png",
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
    static const char *want[] = {"Đô Vinh", "Phước Mỹ", "Mỹ Hương",
                                 "Đông Hải", "Thành Hải", "DỮ LIỆU GIẢ LẬP",
                                 "trở lên", "từ", "Ven biển", "Nội thành",
                                 "Chỉ tiêu kế hoạch", "Xếp hạng"};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_demo_maps_and_atlas, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
