/*
 * test_map_defaults.c - `povatlas map` has no defaults of its own (issue
 * 10: cmd_map.c re-declared 5 classes, 1600 x 1200, 150 dpi, 30
 * households, seed 2023 and the LISA indicator): with no option, and with
 * -t lisa, the binary draws the very bytes povatlas_map_indicator() draws
 * from povatlas_indicator_map_opts_init().
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/povatlas.h"

static void assert_same_file(const char *a, const char *b)
{
    g_autofree char *x = NULL, *y = NULL;
    gsize nx = 0, ny = 0;
    assert_true(g_file_get_contents(a, &x, &nx, NULL));
    assert_true(g_file_get_contents(b, &y, &ny, NULL));
    if (nx != ny || memcmp(x, y, nx) != 0)
        fail_msg("%s (%zu bytes) and %s (%zu bytes) differ", a, (size_t)nx, b,
                 (size_t)ny);
}

static void test_cli_draws_library_defaults(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    g_autofree char *db = g_strdup(povatlas_workspace_path(ws));
    const char *types[] = {NULL, "lisa"};
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
        povatlas_indicator_map_opts o;
        povatlas_indicator_map_opts_init(&o);
        if (types[i])
            assert_true(povatlas_map_type_parse(types[i], &o.type));
        g_autofree char *lib = g_strdup_printf("%s/lib%zu.png", dir, i);
        g_autofree char *cli = g_strdup_printf("%s/cli%zu.png", dir, i);
        if (povatlas_map_indicator(ws, &o, lib, NULL, &err))
            fail_msg("%s", err->message);
        const char *argv_plain[] = {"map", "-o", cli, "--db", db, NULL};
        const char *argv_type[] = {"map", "-t",   types[i], "-o",
                                   cli,   "--db", db,       NULL};
        g_autofree char *out = NULL, *errs = NULL;
        int rc = testutil_run(types[i] ? argv_type : argv_plain, &out, &errs);
        if (rc != 0)
            fail_msg("map: %d: %s", rc, errs);
        assert_same_file(lib, cli);
    }
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_draws_library_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
