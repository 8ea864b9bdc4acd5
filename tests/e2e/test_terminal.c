/*
 * test_terminal.c - src/cli/terminal.c: control characters never reach
 * the terminal. A ward name or id holding "\e[2J" cleared the screen; an
 * OSC string could rewrite the window title. Both streams of the povatlas
 * command are checked byte by byte.
 */
#include "testutil.h"

#include <string.h>

/* TRUE when @s holds a C0 control other than tab, LF and CR, DEL, or a C1
 * control encoded as UTF-8. */
static gboolean has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
            return TRUE;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return TRUE;
    }
    return FALSE;
}

/* An unknown command is echoed on stderr: without its escape sequences. */
static void test_error_line_stripped(void **state)
{
    (void)state;
    const char *argv[] = {"\x1b[2J\x1b]0;pwned\x07"
                          "evil\xc2\x9b"
                          "31m\x7f\x08name",
                          NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(testutil_run(argv, &out, &err), 2);
    assert_string_equal(err, "povatlas: 'evilname' is not a povatlas "
                             "command. See 'povatlas --help'.\n");
}

/* A layer whose unit ids hold escape sequences: the CSV on stdout keeps
 * the text, not the sequences; Vietnamese letters (C2/C3/C4 lead bytes
 * of other characters) pass untouched. */
static void test_stdout_stripped(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    GString *g = g_string_new("{\"type\": \"FeatureCollection\", "
                              "\"features\": [\n");
    for (int i = 0; i < 9; i++) {
        double x = i % 3, y = i / 3;
        g_string_append_printf(
            g,
            "%s{\"type\": \"Feature\", \"properties\": {\"id\": "
            "\"%s%d\", \"v\": %d}, \"geometry\": {\"type\": \"Polygon\", "
            "\"coordinates\": [[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}",
            i ? ",\n" : "",
            i == 4 ? "\\u001b[31mĐô Vinh\\u001b[0m\\u009b2J\\u00a0" : "Phường ",
            i, (i * 7) % 5, x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y);
    }
    g_string_append(g, "]}\n");
    g_autofree char *path =
        testutil_write_file(dir, "w.geojson", g->str, (gssize)g->len);
    g_string_free(g, TRUE);
    const char *argv[] = {"stats", path, "--field", "v", "--id", "id", NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(testutil_run(argv, &out, &err), 0);
    assert_false(has_control(out));
    assert_false(has_control(err));
    assert_non_null(strstr(out, "\nĐô Vinh\xc2\xa0"
                                "4,9,8,3,"));
    assert_non_null(strstr(out, "\nPhường 5,"));
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_line_stripped),
        cmocka_unit_test(test_stdout_stripped),
    };
    return cmocka_run_group_tests_name("terminal", tests, NULL, NULL);
}
