/*
 * test_import_fields.c - `povatlas import boundaries --code-field /
 * --name-field` from the command line: a ward file with an office's own
 * attribute names is refused with the attributes it has, then imported by
 * naming the name attribute, the names matched by the year's units.
 */
#include "testutil.h"

#include <string.h>

static char *run(const char *const *argv, int want_rc, char **err)
{
    char *out = NULL;
    int rc = testutil_run(argv, &out, err);
    if (rc != want_rc)
        fail_msg("exit %d, expected %d:\n%s%s", rc, want_rc, out, *err);
    return out;
}

static void test_boundaries_by_name_field(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "atlas.sqlite", NULL);
    g_autofree char *wards = testutil_write_file(
        dir, "phuong_xa.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"TEN_PX\":\"P. Phủ Hà\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.98,11.57],"
        "[108.99,11.57],[108.99,11.58],[108.98,11.58],[108.98,11.57]]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"TEN_PX\":\"dong hai\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[109.02,11.54],"
        "[109.03,11.54],[109.03,11.55],[109.02,11.55],[109.02,11.54]]]}}]}",
        -1);
    char *err = NULL;
    const char *init[] = {"init", "--db", db, NULL};
    g_free(run(init, 0, &err));
    g_free(err);
    const char *units[] = {"import", "units", "--builtin", "--db", db, NULL};
    g_free(run(units, 0, &err));
    g_free(err);

    const char *plain[] = {"import", "boundaries", wards, "--year",
                           "2023",   "--db",       db,    NULL};
    g_free(run(plain, 1, &err));
    if (!strstr(err, "no ward code or name attribute: the layer has "
                     "'TEN_PX'"))
        fail_msg("stderr: %s", err);
    g_free(err);

    const char *named[] = {
        "import",       "boundaries", wards,  "--year", "2023",
        "--name-field", "TEN_PX",     "--db", db,       NULL};
    char *out = run(named, 0, &err);
    assert_non_null(strstr(out, "2 rows imported"));
    g_free(out);
    g_free(err);

    const char *wrong[] = {"import", "boundaries", wards, "--code-field",
                           "MA_PX",  "--db",       db,    NULL};
    g_free(run(wrong, 1, &err));
    if (!strstr(err, "code field: the layer has no attribute 'MA_PX' (it "
                     "has 'TEN_PX') [--code-field NAME, --name-field NAME]"))
        fail_msg("stderr: %s", err);
    g_free(err);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundaries_by_name_field),
    };
    return cmocka_run_group_tests_name("import_fields", tests, NULL, NULL);
}
