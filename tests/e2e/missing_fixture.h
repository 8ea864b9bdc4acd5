/*
 * missing_fixture.h - what test_missing_list.c and test_missing_map.c
 * share: a workspace with ward totals for 2022 and 2023 and a review list
 * for 2023 only, built through the povatlas binary as an office would (a
 * statistics workbook carries several years). Header-only (static
 * functions) so CMake's test glob needs no change.
 */
#ifndef POVATLAS_MISSING_FIXTURE_H
#define POVATLAS_MISSING_FIXTURE_H

#include <string.h>

#include "testutil.h"

#include "povatlas/core.h"

static char *g_dir; /* the workspace's folder, shared by the tests */
static char *g_db;

/* Runs povatlas with @argv and "--db g_db"; returns the exit status and
 * the outputs (g_free). */
static int run(const char *const *argv, char **out, char **err)
{
    GPtrArray *a = g_ptr_array_new();
    for (size_t i = 0; argv[i]; i++)
        g_ptr_array_add(a, (gpointer)argv[i]);
    g_ptr_array_add(a, (gpointer) "--db");
    g_ptr_array_add(a, g_db);
    g_ptr_array_add(a, NULL);
    int rc = testutil_run((const char *const *)a->pdata, out, err);
    g_ptr_array_free(a, TRUE);
    return rc;
}

static void run_ok(const char *const *argv)
{
    g_autofree char *err = NULL;
    if (run(argv, NULL, &err) != 0)
        fail_msg("povatlas %s %s failed: %s", argv[0], argv[1] ? argv[1] : "",
                 err);
}

static int setup(void **state)
{
    (void)state;
    povatlas_init();
    g_dir = testutil_tmpdir();
    g_db = g_build_filename(g_dir, "atlas.sqlite", NULL);
    const char *geo = POVATLAS_SOURCE_DIR "/geodata/";
    g_autofree char *units = g_strconcat(geo, "units.csv", NULL);
    g_autofree char *crosswalk = g_strconcat(geo, "crosswalk.csv", NULL);
    g_autofree char *bounds = g_strconcat(geo, "wards_schematic.geojson", NULL);
    g_autofree char *context = g_strconcat(geo, "context.geojson", NULL);
    g_autofree char *stats = g_strconcat(geo, "ward_stats.csv", NULL);
    g_autofree char *hh = g_strconcat(geo, "households_2023.csv", NULL);
    g_autofree char *targets = g_strconcat(geo, "targets.csv", NULL);
    const char *init[] = {"init", "-q", NULL};
    const char *imports[][7] = {
        {"import", "units", units, "-q", NULL},
        {"import", "crosswalk", crosswalk, "-q", NULL},
        {"import", "boundaries", bounds, "--year", "2023", "-q"},
        {"import", "context", context, "-q", NULL},
        /* ward totals of 2022 and 2023; the list of 2023 only */
        {"import", "stats", stats, "--synthetic", "-q", NULL},
        {"import", "households", hh, "-q", NULL},
        {"import", "targets", targets, "-q", NULL}};
    const char *analyze[] = {"analyze", "-q", NULL};
    run_ok(init);
    for (size_t i = 0; i < G_N_ELEMENTS(imports); i++)
        run_ok(imports[i]);
    run_ok(analyze);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testutil_rmtree(g_dir);
    g_free(g_dir);
    g_free(g_db);
    return 0;
}

#endif
