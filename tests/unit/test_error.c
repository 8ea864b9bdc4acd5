/*
 * test_error.c - the error convention (src/core/error.c): propagation of
 * a callee's real status, the option an error names, and that no message
 * of the library names a command-line flag (the CLI adds those).
 */
#include <string.h>

#include "testutil.h"

#include "povatlas/error.h"

static void test_propagate_or(void **state)
{
    (void)state;
    povatlas_error *dest = NULL;
    /* a callee's error keeps its own code, not the caller's guess */
    povatlas_error *src = povatlas_error_new(POVATLAS_E_NOMEM, NULL, 0, NULL,
                                             "out of memory");
    assert_int_equal(povatlas_error_propagate_or(&dest, src, POVATLAS_E_DB),
                     POVATLAS_E_NOMEM);
    assert_ptr_equal(dest, src);
    /* a callee that said nothing: the fallback */
    assert_int_equal(povatlas_error_propagate_or(&dest, NULL, POVATLAS_E_DB),
                     POVATLAS_E_DB);
    povatlas_error_free(dest);
}

static void test_option(void **state)
{
    (void)state;
    povatlas_error *e = NULL;
    povatlas_error_set(&e, POVATLAS_E_USAGE, "no review year");
    povatlas_error_set_option(e, "year");
    povatlas_error_set_option(e, "replace"); /* the first one stays */
    assert_string_equal(e->option, "year");
    g_autofree char *text = povatlas_error_format(e);
    assert_string_equal(text, "no review year"); /* no flag in the library */
    povatlas_error_free(e);
    povatlas_error_set_option(NULL, "year");
}

/* No string literal of the library (everything but src/cli) contains a
 * command-line flag such as "--year": messages speak of the library's
 * options and the CLI adds its flags (cli_error_text). Before, ten
 * messages told a library caller to "use --replace" or "give --year". */
static void test_no_flags_in_library_messages(void **state)
{
    (void)state;
    g_autoptr(GRegex) re =
        g_regex_new("\"[^\"\\n]*(?<![a-z-])--[a-z][^\"\\n]*\"", 0, 0, NULL);
    g_autofree char *src = g_build_filename(POVATLAS_SOURCE_DIR, "src", NULL);
    GDir *jobs = g_dir_open(src, 0, NULL);
    assert_non_null(jobs);
    const char *job;
    int files = 0;
    GString *found = g_string_new(NULL);
    while ((job = g_dir_read_name(jobs))) {
        if (strcmp(job, "cli") == 0)
            continue;
        g_autofree char *dir = g_build_filename(src, job, NULL);
        GDir *d = g_dir_open(dir, 0, NULL);
        const char *name;
        while (d && (name = g_dir_read_name(d))) {
            if (!g_str_has_suffix(name, ".c") && !g_str_has_suffix(name, ".h"))
                continue;
            g_autofree char *path = g_build_filename(dir, name, NULL);
            g_autofree char *text = NULL;
            assert_true(g_file_get_contents(path, &text, NULL, NULL));
            files++;
            GMatchInfo *mi = NULL;
            g_regex_match(re, text, 0, &mi);
            while (g_match_info_matches(mi)) {
                g_autofree char *m = g_match_info_fetch(mi, 0);
                g_string_append_printf(found, "%s/%s: %s\n", job, name, m);
                g_match_info_next(mi, NULL);
            }
            g_match_info_free(mi);
        }
        if (d)
            g_dir_close(d);
    }
    g_dir_close(jobs);
    assert_true(files > 100);
    if (found->len)
        fail_msg("library strings naming CLI flags:\n%s", found->str);
    g_string_free(found, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_propagate_or),
        cmocka_unit_test(test_option),
        cmocka_unit_test(test_no_flags_in_library_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
