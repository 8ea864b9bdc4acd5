/*
 * test_formats.c - every format the ward layer is written in
 * (src/export/formats.c, output.c, wards.c), read back with OGR and
 * compared value by value with the workspace: codes, names, counts, rates
 * and a NULL rate (a ward with no households), which must stay NULL, never
 * 0. Also: the format from the extension, refusals (existing output, a
 * year without data, an unknown extension, a missing value MapInfo cannot
 * hold) and the output folder holding exactly the expected files after
 * success and failure.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include "povatlas/povatlas.h"

typedef struct fixture {
    char *dir;
    povatlas_workspace *ws;
} fixture;

#define NULL_WARD "22753" /* no households in 2023: rates undefined */

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    f->ws = testutil_demo_workspace(&f->dir);
    povatlas_ward_stat z = {NULL_WARD, 2023, 0, 0, "test"};
    assert_int_equal(povatlas_workspace_put_ward_stat(f->ws, &z, NULL),
                     POVATLAS_OK);
    assert_int_equal(povatlas_analyze(f->ws, NULL, NULL, NULL), POVATLAS_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

enum kind { TEXT, INT, REAL };

/* The ward layer's fields as docs/formats.md lists them, with the .dbf's
 * short names. From "households" on, values come from the indicators. */
static const struct col {
    const char *name, *shp;
    enum kind kind;
} COLS[] = {
    {"code", "code", TEXT},
    {"name", "name", TEXT},
    {"full_name", "full_name", TEXT},
    {"unit_type", "unit_type", TEXT},
    {"urban", "urban", INT},
    {"zone", "zone", TEXT},
    {"year", "year", INT},
    {"households", "households", INT},
    {"poor", "poor", INT},
    {"near_poor", "near_poor", INT},
    {"poor_rate", "poor_rate", REAL},
    {"near_poor_rate", "np_rate", REAL},
    {"poor_near_poor_rate", "pnp_rate", REAL},
    {"area_km2", "area_km2", REAL},
    {"poor_per_km2", "poor_km2", REAL},
    {"near_poor_per_km2", "np_km2", REAL},
    {"population", "population", INT},
    {"people_per_km2", "pop_km2", REAL},
    {"eb_rate", "eb_rate", REAL},
    {"lisa_category", "lisa_cat", INT},
    {"lisa_p", "lisa_p", REAL},
    {"gistar_z", "gistar_z", REAL},
    {"coverage", "coverage", REAL},
    {"coverage_gap", "cov_gap", INT},
    {"priority_rank", "prio_rank", INT},
    {"priority_index", "prio_index", REAL},
};
#define FIRST_INDICATOR 7

typedef struct format_case {
    const char *ext;
    const char *driver; /* what GDAL reads the file as */
    const char *files;  /* exactly what the folder holds afterwards */
    int shp_names;      /* .dbf short names */
    int text_only;      /* CSV: every value is text, NULL is "" */
} format_case;

static const format_case CASES[] = {
    {"gpkg", "GPKG", "w.gpkg", 0, 0},
    {"shp", "ESRI Shapefile", "w.cpg w.dbf w.prj w.qml w.shp w.shx", 1, 0},
    {"geojson", "GeoJSON", "w.geojson", 0, 0},
    {"fgb", "FlatGeobuf", "w.fgb", 0, 0},
    {"csv", "CSV", "w.csv", 0, 1},
    {"kml", "KML", "w.kml", 0, 0},
    {"gml", "GML", "w.gml w.xsd", 0, 0},
    {"xlsx", "XLSX", "w.xlsx", 0, 0},
    {"tab", "MapInfo File", "w.dat w.id w.map w.tab", 0, 0},
    {"mif", "MapInfo File", "w.mid w.mif", 0, 0},
};

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in @dir, sorted, space-separated. */
static char *listing(const char *dir)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        g_ptr_array_add(a, g_strdup(name));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(a, by_name);
    g_ptr_array_add(a, NULL);
    char *s = g_strjoinv(" ", (char **)a->pdata);
    g_ptr_array_free(a, TRUE);
    return s;
}

static char *fresh_dir(fixture *f, const char *name)
{
    char *d = g_build_filename(f->dir, name, NULL);
    testutil_rmtree(d);
    g_mkdir(d, 0755);
    return d;
}

static povatlas_status export_to(fixture *f, const char *path, int year,
                                 int overwrite, povatlas_error **err)
{
    povatlas_export_opts o;
    povatlas_export_opts_init(&o); /* no format: from the extension */
    o.year = year;
    o.overwrite = overwrite;
    return povatlas_export_wards(f->ws, path, &o, err);
}

/* A number read back: the field's value, or for CSV its text. Returns 0
 * for NULL / unset / empty text. */
static int read_number(OGRFeatureH ft, int i, int text_only, double *v)
{
    if (i < 0 || !OGR_F_IsFieldSetAndNotNull(ft, i))
        return 0;
    if (text_only) {
        const char *s = OGR_F_GetFieldAsString(ft, i);
        if (!*s)
            return 0;
        char *end = NULL;
        *v = g_ascii_strtod(s, &end);
        assert_true(*end == '\0');
        return 1;
    }
    *v = OGR_F_GetFieldAsDouble(ft, i);
    return 1;
}

static int same_number(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

/* Compares one feature with the workspace; returns how many NULLs it
 * checked. @omitted: fields a format without NULL left out. */
static int check_feature(fixture *f, const format_case *c, OGRFeatureH ft,
                         const povatlas_unit_row *u, int year)
{
    int nulls = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(COLS); k++) {
        const char *name = c->shp_names ? COLS[k].shp : COLS[k].name;
        int i = OGR_F_GetFieldIndex(ft, name);
        if (k < FIRST_INDICATOR && COLS[k].kind == TEXT) {
            const char *want = strcmp(name, "code") == 0        ? u->code
                               : strcmp(name, "name") == 0      ? u->name
                               : strcmp(name, "full_name") == 0 ? u->full_name
                               : strcmp(name, "unit_type") == 0 ? u->unit_type
                                                                : u->zone;
            assert_true(i >= 0);
            assert_string_equal(OGR_F_GetFieldAsString(ft, i),
                                want ? want : "");
            continue;
        }
        double want = 0, got = 0;
        int defined =
            k < FIRST_INDICATOR
                ? (want = strcmp(name, "year") == 0 ? year : u->urban, 1)
                : testutil_indicator(f->ws, u->code, year, COLS[k].name, &want);
        int present = read_number(ft, i, c->text_only, &got);
        if (i < 0) {
            /* MapInfo leaves out a field nothing was computed for */
            assert_string_equal(c->driver, "MapInfo File");
            assert_false(defined);
            continue;
        }
        if (!defined) {
            if (present)
                fail_msg("%s: %s of %s is %g, want NULL", c->ext, name, u->code,
                         got);
            nulls++;
            continue;
        }
        if (!present || !same_number(got, want))
            fail_msg("%s: %s of %s is %s%g, want %.17g", c->ext, name, u->code,
                     present ? "" : "NULL ", got, want);
    }
    return nulls;
}

/* Reads @path back and compares every feature; returns the NULLs seen. */
static int check_file(fixture *f, const format_case *c, const char *path,
                      int year)
{
    /* the importer leaves OGR_XLSX_HEADERS=DISABLE set in this thread:
     * read the sheet as a spreadsheet user would, header and types */
    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
    CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO");
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    const char *read_as = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    if (strcmp(c->driver, "KML") != 0 || strcmp(read_as, "LIBKML") != 0)
        assert_string_equal(read_as, c->driver); /* LIBKML reads KML too */
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    povatlas_unit_list *units = povatlas_workspace_units(f->ws, year, NULL);
    if (OGR_L_GetFeatureCount(l, TRUE) != (GIntBig)units->n)
        fail_msg("%s: %lld features, want %zu", c->ext,
                 (long long)OGR_L_GetFeatureCount(l, TRUE), units->n);
    int nulls = 0;
    for (size_t r = 0; r < units->n; r++) {
        g_autofree char *where =
            g_strdup_printf("code = '%s'", units->rows[r].code);
        OGR_L_SetAttributeFilter(l, where);
        OGR_L_ResetReading(l);
        OGRFeatureH ft = OGR_L_GetNextFeature(l);
        if (!ft)
            fail_msg("%s: no feature %s", c->ext, units->rows[r].code);
        nulls += check_feature(f, c, ft, &units->rows[r], year);
        OGR_F_Destroy(ft);
    }
    povatlas_unit_list_free(units);
    GDALClose(ds);
    return nulls;
}

static void round_trip(fixture *f, const format_case *c, int year)
{
    g_autofree char *sub = g_strdup_printf("rt-%s-%d", c->ext, year);
    g_autofree char *dir = fresh_dir(f, sub);
    g_autofree char *name = g_strdup_printf("w.%s", c->ext);
    g_autofree char *path = g_build_filename(dir, name, NULL);
    povatlas_error *err = NULL;
    if (export_to(f, path, year, 0, &err))
        fail_msg("%s: %s", c->ext, err->message);
    g_autofree char *files = listing(dir);
    assert_string_equal(files, c->files);
    int nulls = check_file(f, c, path, year);
    if (year == 2023) /* the zero-household ward's rates stayed NULL */
        assert_true(nulls >= 3);
}

/* Every format that holds NULL, on 2023 with its NULL rates. */
static void test_round_trip_every_format(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < G_N_ELEMENTS(CASES); i++)
        if (strcmp(CASES[i].driver, "MapInfo File") != 0)
            round_trip(f, &CASES[i], 2023);
}

/* MapInfo has no NULL: a year where a rate is missing for some ward is
 * refused (it would read 0), a field missing everywhere is left out. */
static void test_mapinfo(void **state)
{
    fixture *f = *state;
    g_autofree char *dir = fresh_dir(f, "mapinfo");
    g_autofree char *tab = g_build_filename(dir, "w.tab", NULL);
    povatlas_error *err = NULL;
    assert_int_equal(export_to(f, tab, 2023, 0, &err), POVATLAS_E_INPUT);
    assert_string_equal(err->message,
                        "MapInfo File cannot store a missing value (it would "
                        "read as 0): poor_rate is missing for 1 of 16 units "
                        "in 2023 (first " NULL_WARD
                        "); write GPKG, Shapefile or GeoJSON instead");
    povatlas_error_free(err);
    g_autofree char *files = listing(dir);
    assert_string_equal(files, "");
    /* 2022: no rate missing; the analysis fields (not computed for 2022)
     * are left out rather than written as 0 */
    for (size_t i = 0; i < G_N_ELEMENTS(CASES); i++)
        if (strcmp(CASES[i].driver, "MapInfo File") == 0)
            round_trip(f, &CASES[i], 2022);
}

/* KML reorders fields (its Name first): values still land by name. */
static void test_kml_fields_by_name(void **state)
{
    fixture *f = *state;
    g_autofree char *kml =
        g_build_filename(f->dir, "rt-kml-2023", "w.kml", NULL);
    GDALDatasetH ds = GDALOpenEx(kml, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGR_L_SetAttributeFilter(l, "code = '22738'");
    OGRFeatureH ft = OGR_L_GetNextFeature(l);
    assert_non_null(ft);
    assert_string_equal(
        OGR_F_GetFieldAsString(ft, OGR_F_GetFieldIndex(ft, "Name")), "Đô Vinh");
    assert_string_equal(
        OGR_F_GetFieldAsString(ft, OGR_F_GetFieldIndex(ft, "full_name")),
        "Phường Đô Vinh");
    double v = 0;
    assert_true(testutil_indicator(f->ws, "22738", 2023, "poor_rate", &v));
    assert_true(same_number(
        OGR_F_GetFieldAsDouble(ft, OGR_F_GetFieldIndex(ft, "poor_rate")), v));
    OGR_F_Destroy(ft);
    GDALClose(ds);
}

/* The .qml beside a Shapefile names the .dbf's fields. */
static void test_shapefile_qml_names(void **state)
{
    fixture *f = *state;
    g_autofree char *qml =
        g_build_filename(f->dir, "rt-shp-2023", "w.qml", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(qml, &text, NULL, NULL));
    assert_non_null(strstr(text, "<alias field=\"np_rate\""));
    assert_non_null(strstr(text, "<alias field=\"prio_index\""));
    assert_null(strstr(text, "field=\"near_poor_rate\""));
    assert_null(strstr(text, "field=\"priority_index\""));
    assert_non_null(strstr(text, "attr=\"poor_rate\""));
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    g_autofree char *dir = fresh_dir(f, "refuse");
    povatlas_error *err = NULL;
    /* a year without data */
    g_autofree char *gpkg = g_build_filename(dir, "w.gpkg", NULL);
    assert_int_equal(export_to(f, gpkg, 2030, 0, &err), POVATLAS_E_INPUT);
    assert_string_equal(err->message,
                        "no ward statistics or review list for 2030 (the "
                        "workspace has data for 2022, 2023)");
    povatlas_error_free(err);
    err = NULL;
    /* an extension no driver writes, and none at all */
    g_autofree char *foo = g_build_filename(dir, "w.foo", NULL);
    assert_int_equal(export_to(f, foo, 2023, 0, &err), POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "no vector format writes '.foo' "
                                         "files: name the format"));
    assert_string_equal(err->option, "format");
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *bare = g_build_filename(dir, "wards", NULL);
    assert_int_equal(export_to(f, bare, 2023, 0, &err), POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "no extension"));
    povatlas_error_free(err);
    err = NULL;
    g_autofree char *files = listing(dir);
    assert_string_equal(files, "");
    /* an existing output: refused, then replaced with overwrite */
    assert_int_equal(export_to(f, gpkg, 2023, 0, NULL), POVATLAS_OK);
    assert_int_equal(export_to(f, gpkg, 2023, 0, &err), POVATLAS_E_USAGE);
    assert_string_equal(err->message,
                        "the output exists (it is replaced only when asked "
                        "to)");
    assert_string_equal(err->option, "overwrite");
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(export_to(f, gpkg, 2022, 1, NULL), POVATLAS_OK);
    g_free(files);
    files = listing(dir);
    assert_string_equal(files, "w.gpkg");
    /* a sidecar of a Shapefile counts as the output existing */
    g_autofree char *dbf = testutil_write_file(dir, "s.dbf", "x", 1);
    g_autofree char *shp = g_build_filename(dir, "s.shp", NULL);
    assert_int_equal(export_to(f, shp, 2023, 0, &err), POVATLAS_E_USAGE);
    assert_true(g_str_has_suffix(err->file, "s.dbf"));
    assert_string_equal(err->message, "a file of the output exists (it is "
                                      "replaced only when asked to)");
    povatlas_error_free(err);
}

/* Overwriting a Shapefile removes the old set's files the new one lacks
 * (a stale spatial index would show the wrong wards). */
static void test_overwrite_removes_stale(void **state)
{
    fixture *f = *state;
    g_autofree char *dir = fresh_dir(f, "stale");
    g_autofree char *shp = g_build_filename(dir, "w.shp", NULL);
    assert_int_equal(export_to(f, shp, 2023, 0, NULL), POVATLAS_OK);
    g_autofree char *qix = testutil_write_file(dir, "w.qix", "old", 3);
    assert_int_equal(export_to(f, shp, 2023, 1, NULL), POVATLAS_OK);
    g_autofree char *files = listing(dir);
    assert_string_equal(files, "w.cpg w.dbf w.prj w.qml w.shp w.shx");
}

/* A failure after the driver wrote its files (the main file cannot be
 * renamed onto a folder): nothing new is left, no half set, no temporary
 * folder. */
static void test_failure_leaves_nothing(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < G_N_ELEMENTS(CASES); i++) {
        const format_case *c = &CASES[i];
        g_autofree char *sub = g_strdup_printf("fail-%s", c->ext);
        g_autofree char *dir = fresh_dir(f, sub);
        g_autofree char *name = g_strdup_printf("w.%s", c->ext);
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_mkdir(path, 0755);
        g_autofree char *keep = testutil_write_file(path, "keep", "x", 1);
        povatlas_error *err = NULL;
        assert_int_not_equal(export_to(f, path, 2022, 1, &err), POVATLAS_OK);
        assert_non_null(err);
        povatlas_error_free(err);
        g_autofree char *files = listing(dir);
        assert_string_equal(files, name);
    }
}

/* The command: the format from the extension, exit codes. */
static void test_cli(void **state)
{
    fixture *f = *state;
    g_autofree char *db = testutil_workspace_target(f->dir);
    g_autofree char *dir = fresh_dir(f, "cli");
    g_autofree char *json = g_build_filename(dir, "x.geojson", NULL);
    g_autofree char *out = NULL, *errs = NULL;
    const char *const a1[] = {"export", "-o", json, "--db", db, "-q", NULL};
    assert_int_equal(testutil_run(a1, &out, &errs), 0);
    GDALDatasetH ds = GDALOpenEx(json, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_string_equal(GDALGetDriverShortName(GDALGetDatasetDriver(ds)),
                        "GeoJSON");
    GDALClose(ds);
    g_free(out);
    g_free(errs);
    assert_int_equal(testutil_run(a1, &out, &errs), 2);
    /* the CLI adds its flag to the library's words */
    assert_non_null(strstr(errs, "the output exists (it is replaced only "
                                 "when asked to) [--overwrite]"));
    g_free(out);
    g_free(errs);
    const char *const a2[] = {"export", "-o", json,   "--db",
                              db,       "-y", "2030", NULL};
    assert_int_equal(testutil_run(a2, &out, &errs), 1);
    assert_non_null(strstr(errs, "no ward statistics or review list for "
                                 "2030"));
    g_free(out);
    g_free(errs);
    g_autofree char *foo = g_build_filename(dir, "x.foo", NULL);
    const char *const a3[] = {"export", "-o", foo, "--db", db, NULL};
    assert_int_equal(testutil_run(a3, &out, &errs), 2);
    assert_non_null(strstr(errs, "no vector format writes '.foo' files: "
                                 "name the format (GPKG, "));
    assert_non_null(strstr(errs, "XLSX) [-f FORMAT]"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_every_format),
        cmocka_unit_test(test_mapinfo),
        cmocka_unit_test(test_kml_fields_by_name),
        cmocka_unit_test(test_shapefile_qml_names),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_overwrite_removes_stale),
        cmocka_unit_test(test_failure_leaves_nothing),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
