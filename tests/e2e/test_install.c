/*
 * test_install.c - `cmake --install` into a temporary prefix gives a
 * povatlas that runs from any folder and finds its data beside itself, even
 * after the prefix is moved; POVATLAS_DATA overrides it; the generators
 * write into the current folder, not the installed data; the man page,
 * library, headers and pkg-config file are installed and usable; every
 * command of `povatlas --help` is in the man page.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "povatlas/povatlas.h"

static char *g_tmp;    /* holds the prefix and everything the tests write */
static char *g_prefix; /* g_tmp/prefix, moved by test_relocatable */

static int setup(void **state)
{
    (void)state;
    g_tmp = testutil_install(&g_prefix);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testutil_uninstall(g_tmp, g_prefix);
    return 0;
}

/* The environment of a user who installed povatlas: no POVATLAS_*
 * variables, PREFIX/bin first on PATH, plus @extra ("NAME=value" or
 * NULL). */
static char **user_env(const char *prefix, const char *extra)
{
    char **env = g_get_environ();
    env = g_environ_unsetenv(env, "POVATLAS_DATA");
    env = g_environ_unsetenv(env, "POVATLAS_STYLES");
    g_autofree char *bin = g_build_filename(prefix, "bin", NULL);
    g_autofree char *path = g_strdup_printf("%s:%s", bin,
                                            g_environ_getenv(env, "PATH")
                                                ? g_environ_getenv(env, "PATH")
                                                : "/usr/bin:/bin");
    env = g_environ_setenv(env, "PATH", path, TRUE);
    if (extra) {
        g_auto(GStrv) kv = g_strsplit(extra, "=", 2);
        env = g_environ_setenv(env, kv[0], kv[1], TRUE);
    }
    return env;
}

/* Runs `povatlas ARGS` by name (found on PATH) in folder @cwd. */
static int run_in(const char *cwd, const char *prefix, const char *extra_env,
                  const char *const *args, char **out, char **err)
{
    g_auto(GStrv) env = user_env(prefix, extra_env);
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer) "povatlas");
    for (size_t i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);
    int rc =
        testutil_spawn(cwd, env, (const char *const *)argv->pdata, out, err);
    g_ptr_array_free(argv, TRUE);
    return rc;
}

/* Runs `povatlas ARGS` by name (found on PATH) from the root folder. */
static int run_from_root(const char *prefix, const char *extra_env,
                         const char *const *args, char **out, char **err)
{
    return run_in("/", prefix, extra_env, args, out, err);
}

static void assert_file(const char *prefix, const char *rel)
{
    g_autofree char *p = g_build_filename(prefix, rel, NULL);
    if (!g_file_test(p, G_FILE_TEST_IS_REGULAR))
        fail_msg("not installed: %s", p);
}

static void test_layout(void **state)
{
    (void)state;
    const char *files[] = {"bin/povatlas",
                           "share/povatlas/geodata/units.csv",
                           "share/povatlas/geodata/crosswalk.csv",
                           "share/povatlas/geodata/standards.csv",
                           "share/povatlas/geodata/dataset.ini",
                           "share/povatlas/geodata/wards_schematic.geojson",
                           "share/povatlas/styles/default.ini",
                           "share/man/man1/povatlas.1",
                           "share/doc/povatlas/commands.md",
                           "share/doc/povatlas/formats.md",
                           "lib/libpovatlas.a",
                           "lib/pkgconfig/povatlas.pc",
                           "include/povatlas/povatlas.h",
                           "include/povatlas/workspace.h"};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
        assert_file(g_prefix, files[i]);
    g_autofree char *bin = g_build_filename(g_prefix, "bin/povatlas", NULL);
    assert_true(g_file_test(bin, G_FILE_TEST_IS_EXECUTABLE));
}

/* The synthetic data generators are libpovatlas_synth, linked into the
 * program but not shipped: no header, no archive, no symbol in
 * libpovatlas.a. */
static void test_synth_not_shipped(void **state)
{
    (void)state;
    const char *absent[] = {"include/povatlas/synth.h",
                            "include/povatlas/povatlas_synth.h",
                            "lib/libpovatlas_synth.a"};
    for (size_t i = 0; i < G_N_ELEMENTS(absent); i++) {
        g_autofree char *p = g_build_filename(g_prefix, absent[i], NULL);
        if (g_file_test(p, G_FILE_TEST_EXISTS))
            fail_msg("installed but should not be: %s", absent[i]);
    }
    g_autofree char *lib =
        g_build_filename(g_prefix, "lib/libpovatlas.a", NULL);
    const char *argv[] = {"nm", "--defined-only", lib, NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(testutil_spawn(NULL, NULL, argv, &out, &err), 0);
    assert_non_null(strstr(out, " T povatlas_version\n"));
    assert_null(strstr(out, "povatlas_synth_"));
    assert_null(strstr(out, "povatlas_schematic_"));
    g_autofree char *umbrella =
        g_build_filename(g_prefix, "include/povatlas/povatlas.h", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(umbrella, &text, NULL, NULL));
    assert_null(strstr(text, "synth"));
}

/* `povatlas --version` names the data and style folders in use. */
static void assert_folders(const char *prefix, const char *extra_env,
                           const char *data, const char *styles)
{
    const char *version[] = {"--version", NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run_from_root(prefix, extra_env, version, &out, &err), 0);
    g_autofree char *want =
        g_strdup_printf("povatlas %s\ndata: %s\nstyles: %s\n",
                        povatlas_version(), data, styles);
    assert_string_equal(out, want);
}

/* From /, with nothing but PATH: a workspace with the standards and the
 * built-in units, the place stored; the whole demo. */
static void run_installed(const char *prefix)
{
    g_autofree char *data =
        g_build_filename(prefix, "share/povatlas/geodata", NULL);
    g_autofree char *styles =
        g_build_filename(prefix, "share/povatlas/styles", NULL);
    assert_folders(prefix, NULL, data, styles);

    g_autofree char *db = g_build_filename(g_tmp, "w.sqlite", NULL);
    g_unlink(db);
    const char *init[] = {"init",
                          "--db",
                          db,
                          "--place",
                          "Thành phố Phan Rang–Tháp Chàm, tỉnh Ninh Thuận",
                          NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run_from_root(prefix, NULL, init, &out, &err), 0);
    g_free(out);
    g_free(err);
    const char *units[] = {"import", "units", "--builtin", "--db", db, NULL};
    assert_int_equal(run_from_root(prefix, NULL, units, &out, &err), 0);
    /* the table imported is the installed one */
    g_autofree char *want =
        g_strdup_printf("%s/units.csv: 23 rows imported\n", data);
    assert_string_equal(out, want);
    povatlas_workspace *ws =
        povatlas_workspace_open(db, POVATLAS_WORKSPACE_READONLY, NULL);
    assert_non_null(ws);
    g_autofree char *place = NULL;
    assert_int_equal(povatlas_workspace_get_place(ws, "en", &place, NULL),
                     POVATLAS_OK);
    assert_string_equal(place,
                        "Thành phố Phan Rang–Tháp Chàm, tỉnh Ninh Thuận");
    povatlas_workspace_close(ws);

    g_autofree char *demo = g_build_filename(g_tmp, "demo", NULL);
    const char *run_demo[] = {"demo", "-q", "--out", demo, NULL};
    g_free(out);
    g_free(err);
    assert_int_equal(run_from_root(prefix, NULL, run_demo, &out, &err), 0);
    g_autofree char *pdf = g_build_filename(demo, "maps/briefing.pdf", NULL);
    assert_true(g_file_test(pdf, G_FILE_TEST_IS_REGULAR));
    testutil_rmtree(demo);
}

static void test_runs_from_root(void **state)
{
    (void)state;
    run_installed(g_prefix);
}

/* The prefix moved elsewhere (a relocated package): data found beside the
 * program, not where it was installed nor in the source tree. */
static void test_relocatable(void **state)
{
    (void)state;
    g_autofree char *moved = g_build_filename(g_tmp, "moved", NULL);
    assert_int_equal(g_rename(g_prefix, moved), 0);
    run_installed(moved);
    assert_int_equal(g_rename(moved, g_prefix), 0);
}

static void test_data_override(void **state)
{
    (void)state;
    g_autofree char *none = g_build_filename(g_tmp, "no-data-here", NULL);
    g_autofree char *env = g_strdup_printf("POVATLAS_DATA=%s", none);
    g_autofree char *styles =
        g_build_filename(g_prefix, "share/povatlas/styles", NULL);
    assert_folders(g_prefix, env, none, styles);
    g_autofree char *db = g_build_filename(g_tmp, "override.sqlite", NULL);
    const char *init[] = {"init", "--db", db, NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run_from_root(g_prefix, env, init, &out, &err), 1);
    g_autofree char *want = g_build_filename(none, "standards.csv", NULL);
    if (!strstr(err, want))
        fail_msg("the error does not name %s:\n%s", want, err);
    assert_false(g_file_test(db, G_FILE_TEST_EXISTS));
}

/* synth and schematic write into the current folder (never into the
 * installed data), creating -o when missing. */
static void test_generators_write_here(void **state)
{
    (void)state;
    g_autofree char *here = g_build_filename(g_tmp, "here", NULL);
    g_mkdir_with_parents(here, 0755);
    const char *synth[] = {"synth", NULL};
    const char *schematic[] = {"schematic", "--iterations", "0", NULL};
    const char *synth_new[] = {"synth", "-o", "new/folder", NULL};
    const char *const *runs[] = {synth, schematic, synth_new};
    for (size_t i = 0; i < G_N_ELEMENTS(runs); i++) {
        g_autofree char *out = NULL, *err = NULL;
        if (run_in(here, g_prefix, NULL, runs[i], &out, &err) != 0)
            fail_msg("povatlas %s failed: %s", runs[i][0], err);
    }
    const char *written[] = {"households_2023.csv", "ward_stats.csv",
                             "wards_schematic.geojson",
                             "new/folder/households_2022.csv"};
    for (size_t i = 0; i < G_N_ELEMENTS(written); i++)
        assert_file(here, written[i]);
    testutil_rmtree(here);
}

/* Command names of `povatlas --help`: the first word of each line under
 * "Commands:". */
static GPtrArray *help_commands(void)
{
    const char *help[] = {"--help", NULL};
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run_from_root(g_prefix, NULL, help, &out, &err), 0);
    GPtrArray *names = testutil_help_commands(out);
    assert_true(names->len >= 20);
    return names;
}

/* Every command of `povatlas --help` is in the man page (commands.md:
 * test_docs.c). */
static void test_help_documented(void **state)
{
    (void)state;
    g_autoptr(GPtrArray) names = help_commands();
    g_autofree char *man_path =
        g_build_filename(g_prefix, "share/man/man1/povatlas.1", NULL);
    g_autofree char *man = NULL;
    assert_true(g_file_get_contents(man_path, &man, NULL, NULL));
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *man_entry = g_strdup_printf("\n.TP\n.B %s\n", name);
        if (!strstr(man, man_entry))
            fail_msg("docs/povatlas.1 lacks command '%s' under COMMANDS", name);
    }
}

/* The man page renders without a warning (groff -ww; -k: UTF-8 input,
 * as man(1) reads it). */
static void test_man_page(void **state)
{
    (void)state;
    g_autofree char *man =
        g_build_filename(g_prefix, "share/man/man1/povatlas.1", NULL);
    const char *argv[] = {"groff", "-k",      "-man", "-Tutf8",
                          "-ww",   "-P-cbou", man,    NULL};
    g_autofree char *out = NULL, *err = NULL;
    g_auto(GStrv) env = user_env(g_prefix, NULL);
    if (testutil_spawn(NULL, env, argv, &out, &err) != 0 || *err)
        fail_msg("groff: %s", err);
    assert_non_null(strstr(out, "POVATLAS_DATA"));
    assert_non_null(strstr(out, "import units --builtin"));
}

/* A program built against the installed library with pkg-config. */
static void test_pkg_config(void **state)
{
    (void)state;
    g_autofree char *src = testutil_write_file(
        g_tmp, "hello.c",
        "#include <stdio.h>\n#include <povatlas/povatlas.h>\n"
        "int main(void) { printf(\"%s\\n\", povatlas_version()); "
        "return 0; }\n",
        -1);
    g_autofree char *exe = g_build_filename(g_tmp, "hello", NULL);
    g_autofree char *pc = g_build_filename(g_prefix, "lib/pkgconfig", NULL);
    g_autofree char *pcenv = g_strdup_printf("PKG_CONFIG_PATH=%s", pc);
    g_auto(GStrv) env = user_env(g_prefix, pcenv);
#ifdef POVATLAS_SANITIZED /* the library needs the sanitizers' runtime */
    const char *cflags = "-fsanitize=address,undefined";
#else
    const char *cflags = "";
#endif
    g_autofree char *script = g_strdup_printf(
        "cc %s -o '%s' '%s' $(pkg-config --cflags --libs povatlas)", cflags,
        exe, src);
    const char *argv[] = {"sh", "-c", script, NULL};
    g_autofree char *out = NULL, *err = NULL;
    if (testutil_spawn(g_tmp, env, argv, &out, &err) != 0)
        fail_msg("building against the installed library failed:\n%s", err);
    const char *run[] = {exe, NULL};
    g_free(out);
    g_free(err);
    assert_int_equal(testutil_spawn(NULL, NULL, run, &out, &err), 0);
    g_autofree char *want = g_strdup_printf("%s\n", povatlas_version());
    assert_string_equal(out, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_synth_not_shipped),
        cmocka_unit_test(test_runs_from_root),
        cmocka_unit_test(test_relocatable),
        cmocka_unit_test(test_data_override),
        cmocka_unit_test(test_generators_write_here),
        cmocka_unit_test(test_help_documented),
        cmocka_unit_test(test_man_page),
        cmocka_unit_test(test_pkg_config),
    };
    return cmocka_run_group_tests_name("install", tests, setup, teardown);
}
