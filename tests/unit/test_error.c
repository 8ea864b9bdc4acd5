/*
 * test_error.c - the error convention (src/core/error.c): propagation of
 * a callee's real status, the option an error names, and that no message
 * of the library names a command-line flag (the CLI adds those); errors
 * made, located, formatted and propagated; the status names.
 */
#include <string.h>

#include "testutil.h"

#include "povatlas/error.h"

static void test_propagate_or(void **state)
{
    (void)state;
    povatlas_error *dest = NULL;
    /* a callee's error keeps its own code, not the caller's guess */
    povatlas_error *src =
        povatlas_error_new(POVATLAS_E_NOMEM, NULL, 0, NULL, "out of memory");
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

/* A caller's own vararg wrapper, the reason povatlas_error_newv exists. */
static povatlas_error *wrapped(povatlas_status code, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
static povatlas_error *wrapped(povatlas_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    povatlas_error *e =
        povatlas_error_newv(code, "wards.csv", 7, "members", fmt, ap);
    va_end(ap);
    return e;
}

static void test_newv_and_format(void **state)
{
    (void)state;
    povatlas_error *e = wrapped(POVATLAS_E_INPUT, "%d is not plausible", 99);
    assert_int_equal(e->code, POVATLAS_E_INPUT);
    assert_string_equal(e->file, "wards.csv");
    assert_int_equal(e->row, 7);
    assert_string_equal(e->column, "members");
    assert_null(e->option);
    g_autofree char *text = povatlas_error_format(e);
    assert_string_equal(text,
                        "wards.csv:7: column members: 99 is not plausible");
    povatlas_error_prefix(e, "list %d", 2023);
    g_autofree char *prefixed = povatlas_error_format(e);
    assert_string_equal(prefixed,
                        "wards.csv:7: column members: list 2023: 99 is not "
                        "plausible");
    povatlas_error_free(e);
    povatlas_error_prefix(NULL, "ignored");
}

static void test_set_at_first_wins(void **state)
{
    (void)state;
    povatlas_error *e = NULL;
    assert_int_equal(povatlas_error_set_at(&e, POVATLAS_E_GEOM, "w.geojson", 3,
                                           NULL, "empty %s", "polygon"),
                     POVATLAS_E_GEOM);
    g_autofree char *text = povatlas_error_format(e);
    assert_string_equal(text, "w.geojson:3: empty polygon");
    /* a second error never overwrites the first; the status still comes
     * back so that `return povatlas_error_set_at(...)` reads right */
    assert_int_equal(
        povatlas_error_set_at(&e, POVATLAS_E_IO, "other", 9, "c", "later"),
        POVATLAS_E_IO);
    assert_string_equal(e->message, "empty polygon");
    assert_int_equal(e->row, 3);
    povatlas_error_free(e);
    /* no error wanted: only the status */
    assert_int_equal(
        povatlas_error_set_at(NULL, POVATLAS_E_DB, NULL, 0, NULL, "x"),
        POVATLAS_E_DB);
    /* a file without a row: FILE: why */
    e = NULL;
    povatlas_error_set_at(&e, POVATLAS_E_IO, "out.pdf", 0, NULL, "disk full");
    g_autofree char *no_row = povatlas_error_format(e);
    assert_string_equal(no_row, "out.pdf: disk full");
    povatlas_error_free(e);
}

static void test_propagate(void **state)
{
    (void)state;
    povatlas_error *dest = NULL;
    assert_int_equal(povatlas_error_propagate(&dest, NULL), POVATLAS_OK);
    assert_null(dest);
    povatlas_error *first =
        povatlas_error_new(POVATLAS_E_DB, NULL, 0, NULL, "database is locked");
    assert_int_equal(povatlas_error_propagate(&dest, first), POVATLAS_E_DB);
    assert_ptr_equal(dest, first);
    /* a second one is freed (the sanitizer build checks it), the first
     * stays, and the second's own code comes back */
    povatlas_error *second =
        povatlas_error_new(POVATLAS_E_IO, NULL, 0, NULL, "later");
    assert_int_equal(povatlas_error_propagate(&dest, second), POVATLAS_E_IO);
    assert_string_equal(dest->message, "database is locked");
    povatlas_error_free(dest);
    /* nowhere to put it: freed, its code returned */
    assert_int_equal(
        povatlas_error_propagate(
            NULL, povatlas_error_new(POVATLAS_E_NOMEM, NULL, 0, NULL, "x")),
        POVATLAS_E_NOMEM);
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(povatlas_status_name(POVATLAS_OK), "ok");
    assert_string_equal(povatlas_status_name(POVATLAS_E_IO), "i/o error");
    assert_string_equal(povatlas_status_name(POVATLAS_E_INPUT), "bad input");
    assert_string_equal(povatlas_status_name(POVATLAS_E_DB), "workspace error");
    assert_string_equal(povatlas_status_name(POVATLAS_E_GEOM),
                        "geometry error");
    assert_string_equal(povatlas_status_name(POVATLAS_E_NOMEM),
                        "out of memory");
    assert_string_equal(povatlas_status_name(POVATLAS_E_USAGE), "usage error");
    assert_string_equal(povatlas_status_name((povatlas_status)99),
                        "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_propagate_or),
        cmocka_unit_test(test_option),
        cmocka_unit_test(test_no_flags_in_library_messages),
        cmocka_unit_test(test_newv_and_format),
        cmocka_unit_test(test_set_at_first_wins),
        cmocka_unit_test(test_propagate),
        cmocka_unit_test(test_status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
