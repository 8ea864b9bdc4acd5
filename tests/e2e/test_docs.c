/*
 * test_docs.c - docs/commands.md stays true to the program: its
 * `povatlas --help` listing is the real output, every command of that
 * listing has a section, and every option of `povatlas COMMAND --help` is
 * named in its command's section.
 */
#include "testutil.h"

#include <string.h>

static char *g_md; /* docs/commands.md */

static int setup(void **state)
{
    (void)state;
    g_autofree char *path =
        g_build_filename(POVATLAS_SOURCE_DIR, "docs", "commands.md", NULL);
    return g_file_get_contents(path, &g_md, NULL, NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    g_free(g_md);
    return 0;
}

static char *help_of(const char *command)
{
    const char *argv[] = {command ? command : "--help",
                          command ? "--help" : NULL, NULL};
    char *out = NULL;
    g_autofree char *err = NULL;
    assert_int_equal(testutil_run(argv, &out, &err), 0);
    return out;
}

/* The command names of `povatlas --help`. */
static GPtrArray *commands(void)
{
    g_autofree char *help = help_of(NULL);
    GPtrArray *names = testutil_help_commands(help);
    assert_true(names->len >= 20);
    return names;
}

static void test_help_listing(void **state)
{
    (void)state;
    g_autofree char *help = help_of(NULL);
    g_autofree char *block =
        g_strdup_printf("```\n$ povatlas --help\n%s```\n", help);
    if (!strstr(g_md, block))
        fail_msg("docs/commands.md's listing under '$ povatlas --help' is "
                 "not the output of `povatlas --help`: paste it again");
}

/* The section of @command in commands.md: from "## `COMMAND" to the next
 * "## " heading. */
static char *section(const char *command)
{
    g_autofree char *heading = g_strdup_printf("\n## `%s", command);
    const char *start = strstr(g_md, heading);
    /* "## `import KIND FILE`" and "## `init`" both start with "## `i" */
    while (start && !strchr("` ", start[strlen(heading)]))
        start = strstr(start + 1, heading);
    if (!start)
        return NULL;
    const char *end = strstr(start + 1, "\n## ");
    return end ? g_strndup(start, (gsize)(end - start)) : g_strdup(start);
}

/* TRUE when @doc names the short option @shrt ("-o") as an option: "`-o",
 * "[-o FILE]", " -o 2023", not inside a word such as "re-o". */
static gboolean names_short(const char *doc, const char *shrt)
{
    gsize n = strlen(shrt);
    for (const char *p = strstr(doc, shrt); p; p = strstr(p + 1, shrt))
        if (p > doc && strchr(" [`(|", p[-1]) && p[n] && strchr(" `,=]", p[n]))
            return TRUE;
    return FALSE;
}

/* Every option line of `povatlas COMMAND --help` ("  -o, --output=FILE",
 * "  --year=YEAR"), but --help and the options every command shares
 * (--db, --schema, --quiet: documented once, in "What every command
 * shares"). */
static void check_options(const char *command, const char *doc)
{
    g_autofree char *help = help_of(command);
    g_auto(GStrv) lines = g_strsplit(help, "\n", -1);
    for (char **l = lines; *l; l++) {
        const char *p = *l;
        while (*p == ' ')
            p++;
        if (p == *l || p[0] != '-')
            continue;
        char shrt[3] = {0};
        if (p[1] != '-') { /* "-o, --output" */
            shrt[0] = '-';
            shrt[1] = p[1];
            p = strstr(p, "--");
            if (!p)
                continue;
        }
        gsize n = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-_");
        g_autofree char *lng = g_strndup(p, n + 2);
        if (g_str_has_prefix(lng, "--help") || g_str_equal(lng, "--db") ||
            g_str_equal(lng, "--schema") || g_str_equal(lng, "--quiet"))
            continue;
        gboolean named = strstr(doc, lng) || (*shrt && names_short(doc, shrt));
        if (!named)
            fail_msg("docs/commands.md's section on '%s' does not name its "
                     "option %s%s%s",
                     command, *shrt ? shrt : "", *shrt ? ", " : "", lng);
    }
}

static void test_every_command_documented(void **state)
{
    (void)state;
    g_autoptr(GPtrArray) names = commands();
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *doc = section(name);
        if (!doc)
            fail_msg("docs/commands.md has no section '## `%s ...`'", name);
        check_options(name, doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_listing),
        cmocka_unit_test(test_every_command_documented),
    };
    return cmocka_run_group_tests_name("docs", tests, setup, teardown);
}
