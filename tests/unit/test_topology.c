/*
 * test_topology.c - overlaps and gaps of the real GADM wards (read from
 * ../shared, never copied) against the reference pairs of
 * tests/fixtures/reference/ward_pairs.csv and the totals of
 * ../shared/geodata/SOURCES.md (0.18 km² of overlaps in 14 pairs, 6 gaps of
 * 0.14 km²).
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/povatlas.h"
#include "povatlas/topology.h"

static void test_real_wards(void **state)
{
    (void)state;
    if (!testutil_have_polygons()) {
        skip();
        return;
    }
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    g_autofree char *units = povatlas_data_path("units.csv");
    g_autofree char *real = testutil_shared_path("geodata/real/wards.geojson");
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.year = 2023;
    assert_int_equal(povatlas_import_units(ws, units, NULL, NULL, NULL, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_import_boundaries(ws, real, &o, NULL, NULL, NULL),
                     POVATLAS_OK);
    povatlas_topology_opts to;
    povatlas_topology_opts_init(&to);
    to.year = 2023;
    povatlas_topology *t = povatlas_topology_compute(ws, &to, NULL);
    assert_non_null(t);
    assert_string_equal(t->crs, "EPSG:32649");
    assert_int_equal(t->n_units, 16);
    /* every overlap area equals the reference (R sf, EPSG:32649) */
    g_autofree char *ref_path =
        testutil_fixture_path("reference/ward_pairs.csv");
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(ref_path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    int overlaps = 0;
    for (char **l = lines + 1; *l && **l; l++) {
        g_auto(GStrv) c = g_strsplit(*l, ",", -1);
        double want = g_ascii_strtod(c[6], NULL);
        double dist = g_ascii_strtod(c[2], NULL);
        const povatlas_unit_pair *found = NULL;
        for (size_t i = 0; i < t->n_pairs; i++)
            if (!strcmp(t->pairs[i].code_a, c[0]) &&
                !strcmp(t->pairs[i].code_b, c[1]))
                found = &t->pairs[i];
        if (want > 0) {
            overlaps++;
            assert_non_null(found);
            assert_true(fabs(found->overlap_m2 - want) <= 1e-6 * want);
        } else if (dist > 0 && dist <= 50) {
            assert_non_null(found); /* the 24.2 m gap pair */
            assert_true(fabs(found->distance_m - dist) < 1e-6);
        }
    }
    assert_int_equal(overlaps, 14);
    assert_int_equal(t->n_pairs, 15);
    assert_int_equal(t->n_gaps, 6);
    assert_true(fabs(t->overlap_m2 / 1e6 - 0.182) < 0.001);
    assert_true(fabs(t->gap_m2 / 1e6 - 0.144) < 0.001);
    assert_true(fabs((t->sum_area_m2 - t->union_area_m2) - t->overlap_m2) <
                1.0); /* no triple overlaps */
    povatlas_topology_free(t);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* PROJ without its database (a broken install): topology, zones --derive
 * and analyze fail with PROJ's reason in the one error line the CLI
 * prints; the library prints nothing itself. Before, PROJ wrote
 * "proj_create: Cannot find proj.db" to stderr (16 times in analyze) and
 * topology reported every unit as 0 km², exit 0; map said "Unknown
 * error (code 2)". */
static void test_proj_messages_become_the_error(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *out = g_build_filename(dir, "d", NULL);
    const char *demo[] = {"demo", "--out", out, "-q", NULL};
    assert_int_equal(testutil_run(demo, NULL, NULL), 0);
    g_autofree char *db = g_build_filename(out, "atlas.sqlite", NULL);
    g_setenv("PROJ_DATA", "/nonexistent", TRUE);
    g_setenv("PROJ_LIB", "/nonexistent", TRUE);
    g_autofree char *png = g_build_filename(dir, "m.png", NULL);
    const char *const cmds[][3] = {{"topology", NULL, NULL},
                                   {"zones", "--derive", NULL},
                                   {"analyze", NULL, NULL},
                                   {"map", "-o", png}};
    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
        const char *argv[6] = {cmds[i][0], "--db",     db,
                               cmds[i][1], cmds[i][2], NULL};
        g_autofree char *so = NULL, *se = NULL;
        int rc = testutil_run(argv, &so, &se);
        if (rc != 1 || !g_str_has_prefix(se, "povatlas: ") ||
            strchr(se, '\n') != se + strlen(se) - 1 || !strstr(se, "proj.db"))
            fail_msg("%s: exit %d, stderr '%s'", cmds[i][0], rc, se);
    }
    g_unsetenv("PROJ_DATA");
    g_unsetenv("PROJ_LIB");
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
    testutil_rmtree(dir);
}

/* The defaults live in povatlas_topology_opts_init() (the CLI shows them);
 * a tolerance below 0 m or NaN is refused before anything is read. */
static void test_opts(void **state)
{
    (void)state;
    povatlas_topology_opts o;
    povatlas_topology_opts_init(&o);
    assert_int_equal(o.year, 0);
    assert_true(o.tolerance_m == 50);
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, NULL);
    const double bad[] = {-1, NAN};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        o.tolerance_m = bad[i];
        povatlas_error *err = NULL;
        assert_null(povatlas_topology_compute(ws, &o, &err));
        assert_int_equal(err->code, POVATLAS_E_USAGE);
        assert_non_null(strstr(err->message, "tolerance"));
        povatlas_error_free(err);
    }
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_wards),
        cmocka_unit_test(test_proj_messages_become_the_error),
        cmocka_unit_test(test_opts)};
    return cmocka_run_group_tests_name("topology", tests, NULL, NULL);
}
