/*
 * test_classes.c - one classification for the map, the atlas, the
 * exported QGIS style and `coverage` (src/analysis/classes.c). A ward with
 * no poor household used to have a class of its own on the map while the
 * GeoPackage style and `coverage` classed all wards together, so the same
 * ward was in the top class in QGIS and the 4th on the map. Here a ward of
 * the demo loses its poor households and the classes of the map are
 * compared with the QML and SLD written into the GeoPackage and with
 * `coverage`, ward by ward.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include <gdal.h>
#include <ogr_api.h>

#include "povatlas/povatlas.h"
#include "povatlas/programs.h"
#include "render/render_private.h"

#define ZERO_WARD "22741" /* Phước Mỹ: its poor households are left out */

static void test_compute(void **state)
{
    (void)state;
    const double v[] = {0, 1.5, NAN, 2.5, 0, 7.0, 3.1, 9.9, 1.2};
    povatlas_classes *c = povatlas_classes_compute(
        v, G_N_ELEMENTS(v), POVATLAS_BREAKS_FISHER, 3, NULL);
    assert_non_null(c);
    assert_int_equal(c->zero_class, 1);
    assert_int_equal(c->n_classes, 4);
    /* the breaks are those of the values above 0 alone */
    const double rest[] = {1.5, 2.5, 7.0, 3.1, 9.9, 1.2};
    povatlas_breaks *b = povatlas_breaks_compute(
        rest, G_N_ELEMENTS(rest), POVATLAS_BREAKS_FISHER, 3, NULL, 0, NULL);
    assert_int_equal(c->breaks->n_classes, b->n_classes);
    for (int i = 0; i <= b->n_classes; i++)
        assert_true(c->breaks->limits[i] == b->limits[i]);
    assert_int_equal(povatlas_classes_class_of(c, 0.0), 0);
    assert_int_equal(povatlas_classes_class_of(c, NAN), -1);
    assert_int_equal(povatlas_classes_class_of(c, 1.2),
                     1 + povatlas_breaks_class_of(b, 1.2));
    assert_int_equal(povatlas_classes_class_of(c, 9.9), 3);
    povatlas_breaks_free(b);
    povatlas_classes_free(c);
    /* no zero: the breaks alone; only zeros: the zero class alone */
    const double pos[] = {1, 2, 3, 4, 5, 6};
    c = povatlas_classes_compute(pos, 6, POVATLAS_BREAKS_FISHER, 3, NULL);
    assert_int_equal(c->zero_class, 0);
    assert_int_equal(c->n_classes, 3);
    assert_int_equal(povatlas_classes_class_of(c, 1), 0);
    povatlas_classes_free(c);
    const double zeros[] = {0, NAN, 0};
    c = povatlas_classes_compute(zeros, 3, POVATLAS_BREAKS_FISHER, 3, NULL);
    assert_int_equal(c->n_classes, 1);
    assert_null(c->breaks);
    povatlas_classes_free(c);
    const double none[] = {NAN, NAN};
    povatlas_error *err = NULL;
    assert_null(
        povatlas_classes_compute(none, 2, POVATLAS_BREAKS_FISHER, 3, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    povatlas_error_free(err);
}

/* The demo with ZERO_WARD's poor households dropped from the 2023 list. */
static povatlas_workspace *zero_ward_workspace(char **dir)
{
    povatlas_workspace *ws = testutil_demo_workspace(dir);
    g_autofree char *src = g_build_filename(POVATLAS_SOURCE_DIR, "geodata",
                                            "households_2023.csv", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GString *kept = g_string_new(NULL);
    for (char **l = lines; *l; l++) {
        g_auto(GStrv) c = g_strsplit(*l, ",", -1);
        if (g_strv_length(c) > 21 && strcmp(c[2], ZERO_WARD) == 0 &&
            strcmp(c[21], "Hộ nghèo") == 0)
            continue;
        if (**l)
            g_string_append_printf(kept, "%s\n", *l);
    }
    g_autofree char *path =
        testutil_write_file(*dir, "households_2023.csv", kept->str, -1);
    g_string_free(kept, TRUE);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.replace = 1; /* the whole city's list for 2023, corrected */
    povatlas_error *err = NULL;
    if (povatlas_import_households(ws, path, &o, NULL, NULL, &err))
        fail_msg("import: %s", err->message);
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, NULL), POVATLAS_OK);
    double poor = -1;
    assert_true(testutil_indicator(ws, ZERO_WARD, 2023, "poor", &poor));
    assert_true(poor == 0);
    return ws;
}

/* One QML range. */
typedef struct range {
    double lo, hi;
    char *label;
    unsigned int rgb;
} range;

static double attr_number(const char *p, const char *attr)
{
    g_autofree char *needle = g_strdup_printf(" %s=\"", attr);
    const char *at = strstr(p, needle);
    assert_non_null(at);
    return g_ascii_strtod(at + strlen(needle), NULL);
}

static char *attr_text(const char *p, const char *attr)
{
    g_autofree char *needle = g_strdup_printf(" %s=\"", attr);
    const char *at = strstr(p, needle);
    assert_non_null(at);
    at += strlen(needle);
    return g_strndup(at, (gsize)(strchr(at, '"') - at));
}

/* The graduated renderer's ranges and their symbols' fill colours. */
static GArray *qml_ranges(const char *qml)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(range));
    for (const char *p = strstr(qml, "<range "); p;
         p = strstr(p + 1, "<range ")) {
        range r = {attr_number(p, "lower"), attr_number(p, "upper"),
                   attr_text(p, "label"), 0};
        g_array_append_val(a, r);
    }
    const char *sym = strstr(qml, "<symbols>");
    for (guint i = 0; i < a->len; i++) {
        g_autofree char *name = g_strdup_printf("<symbol type=\"fill\" "
                                                "name=\"%u\"",
                                                i);
        const char *s = strstr(sym, name);
        assert_non_null(s);
        const char *col = strstr(s, "name=\"color\" type=\"QString\" value=\"");
        unsigned int r = 0, g = 0, b = 0;
        assert_int_equal(sscanf(col + strlen("name=\"color\" type=\"QString\" "
                                             "value=\""),
                                "%u,%u,%u", &r, &g, &b),
                         3);
        g_array_index(a, range, i).rgb = (r << 16) | (g << 8) | b;
    }
    return a;
}

/* The QGIS rule: the first range with lower <= v <= upper. */
static int qgis_class(GArray *ranges, double v)
{
    for (guint i = 0; i < ranges->len; i++) {
        range *r = &g_array_index(ranges, range, i);
        if (r->lo <= v && v <= r->hi)
            return (int)i;
    }
    return -1;
}

static void test_map_style_coverage_agree(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = zero_ward_workspace(&dir);
    g_autofree char *gpkg = g_build_filename(dir, "w.gpkg", NULL);
    povatlas_error *err = NULL;
    if (povatlas_export_wards(ws, gpkg, NULL, &err))
        fail_msg("export: %s", err->message);

    /* the style written into the GeoPackage */
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH res = GDALDatasetExecuteSQL(
        ds,
        "SELECT styleQML, styleSLD FROM layer_styles WHERE f_table_name = "
        "'wards'",
        NULL, NULL);
    OGRFeatureH row = OGR_L_GetNextFeature(res);
    assert_non_null(row);
    GArray *ranges = qml_ranges(OGR_F_GetFieldAsString(row, 0));
    g_autofree char *sld = g_strdup(OGR_F_GetFieldAsString(row, 1));
    OGR_F_Destroy(row);
    GDALDatasetReleaseResultSet(ds, res);
    GDALClose(ds);

    /* the map, as `povatlas map` and the atlas draw it */
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.indicator = POVATLAS_IND_POOR_RATE; /* povatlas_map_indicator()'s */
    o.year = 2023;
    povatlas_maps_job j = {0};
    j.ws = ws;
    j.o = &o;
    j.year = 2023;
    assert_int_equal(povatlas_maps_choropleth(&j, NULL), POVATLAS_OK);

    /* same classes: count, order, colours, labels; the zero class first */
    assert_int_equal((int)ranges->len, j.n_classes);
    for (guint i = 0; i < ranges->len; i++) {
        range *r = &g_array_index(ranges, range, i);
        assert_int_equal(r->rgb, j.classes[i].rgb);
        assert_string_equal(r->label, j.classes[i].label);
    }
    assert_string_equal(g_array_index(ranges, range, 0).label, "0 hộ");
    assert_true(g_array_index(ranges, range, 0).lo == 0 &&
                g_array_index(ranges, range, 0).hi == 0);

    /* the limits are those of the one function over the map's values */
    double *v = g_new(double, j.t->units->n);
    for (size_t i = 0; i < j.t->units->n; i++)
        v[i] = j.cls[i] >= 0 && j.features[i].has_value ? j.features[i].value
                                                        : NAN;
    povatlas_classes *c =
        povatlas_classes_compute(v, j.t->units->n, POVATLAS_CLASSES_METHOD,
                                 POVATLAS_CLASSES_COUNT, NULL);
    assert_int_equal(c->n_classes, j.n_classes);
    for (int i = 1; i < c->n_classes; i++) {
        range *r = &g_array_index(ranges, range, i);
        assert_true(r->lo == c->breaks->limits[i - 1]);
        assert_true(r->hi == c->breaks->limits[i]);
    }
    /* the SLD's filters carry the same limits (zero rule first) */
    GArray *lits = g_array_new(FALSE, FALSE, sizeof(double));
    for (const char *p = strstr(sld, "<ogc:Literal>"); p;
         p = strstr(p + 1, "<ogc:Literal>")) {
        double x = g_ascii_strtod(p + strlen("<ogc:Literal>"), NULL);
        g_array_append_val(lits, x);
    }
    assert_int_equal(lits->len, 2 * ranges->len);
    for (guint i = 0; i < ranges->len; i++) {
        assert_true(g_array_index(lits, double, 2 * i) ==
                    g_array_index(ranges, range, i).lo);
        assert_true(g_array_index(lits, double, 2 * i + 1) ==
                    g_array_index(ranges, range, i).hi);
    }

    /* every ward: the same class in QGIS, on the map and in coverage */
    povatlas_coverage *cov = povatlas_coverage_compute(ws, 2023, NULL, 0, &err);
    if (!cov)
        fail_msg("coverage: %s", err->message);
    assert_int_equal(cov->n_classes, j.n_classes);
    int zero_seen = 0;
    for (size_t i = 0; i < j.t->units->n; i++) {
        if (isnan(v[i]))
            continue;
        const char *code = j.t->units->rows[i].code;
        assert_int_equal(qgis_class(ranges, v[i]), j.cls[i]);
        for (size_t k = 0; k < cov->n; k++)
            if (strcmp(cov->rows[k].code, code) == 0)
                assert_int_equal(cov->rows[k].poverty_class - 1, j.cls[i]);
        if (strcmp(code, ZERO_WARD) == 0) {
            assert_int_equal(j.cls[i], 0);
            zero_seen = 1;
        }
    }
    assert_true(zero_seen);

    povatlas_coverage_free(cov);
    povatlas_classes_free(c);
    g_free(v);
    g_array_free(lits, TRUE);
    for (guint i = 0; i < ranges->len; i++)
        g_free(g_array_index(ranges, range, i).label);
    g_array_free(ranges, TRUE);
    povatlas_maps_job_clear(&j);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compute),
        cmocka_unit_test(test_map_style_coverage_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
