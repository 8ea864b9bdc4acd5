/*
 * test_zones.c - zone derivation (src/analysis/zones.c) on the demo data,
 * a coastline that does not reach the city, and the priority index
 * (src/analysis/priority.c): contributions sum to the index, ranks stable,
 * every component min-max scaled to 0..1, the coverage gap highest for the
 * wards `coverage` flags.
 */
#include "testutil.h"

#include <math.h>

#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"
#include "povatlas/priority.h"
#include "povatlas/programs.h"
#include "povatlas/zones.h"

static povatlas_workspace *demo(char **dir)
{
    return testutil_demo_workspace(dir);
}

static void test_derive_demo(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    o.derive = 1;
    povatlas_error *err = NULL;
    povatlas_zone_list *z = povatlas_zones_compute(ws, &o, &err);
    assert_non_null(z);
    assert_int_equal(z->n, 16);
    assert_string_equal(z->centre_code, "22759"); /* Kinh Dinh, densest */
    GString *got = g_string_new(NULL);
    for (size_t i = 0; i < z->n; i++)
        g_string_append_printf(got, "%s:%d ", z->rows[i].code, z->rows[i].rule);
    /* 1 coastline, 2 rural, 3 beyond 2.5 km of Kinh Dinh, 4 central */
    assert_string_equal(got->str,
                        "22738:3 22741:3 22744:3 22747:4 22750:4 22753:4 "
                        "22756:4 22759:4 22762:4 22765:4 22768:1 22771:1 "
                        "22774:2 22777:1 22779:1 22780:1 ");
    /* Thành Hải is a xã, not on the coast: the rural rule */
    for (size_t i = 0; i < z->n; i++) {
        if (strcmp(z->rows[i].code, "22774") == 0)
            assert_int_equal(z->rows[i].zone, POVATLAS_ZONE_PERIURBAN);
        if (strcmp(z->rows[i].code, "22759") == 0)
            assert_int_equal(z->rows[i].rule, POVATLAS_ZONE_RULE_CENTRAL);
        if (strcmp(z->rows[i].code, "22768") == 0)
            assert_int_equal(z->rows[i].rule, POVATLAS_ZONE_RULE_COASTLINE);
    }
    g_string_free(got, TRUE);
    povatlas_zone_list_free(z);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_far_coastline(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    g_autofree char *gj = testutil_write_file(
        dir, "far.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        "\"properties\":{\"role\":\"coastline\",\"name\":\"far\"},"
        "\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
        "[[109.5,11.4],[109.5,11.8]]}}]}",
        -1);
    assert_int_equal(povatlas_workspace_clear_context(ws, NULL), POVATLAS_OK);
    assert_int_equal(povatlas_import_context(ws, gj, NULL, NULL, NULL, NULL),
                     POVATLAS_OK);
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    o.derive = 1;
    povatlas_error *err = NULL;
    assert_null(povatlas_zones_compute(ws, &o, &err));
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_non_null(strstr(err->message, "does not reach the city"));
    povatlas_error_free(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_priority(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    povatlas_error *err = NULL;
    povatlas_priority *a = povatlas_priority_compute(ws, 2023, NULL, 1, &err);
    povatlas_priority *b = povatlas_priority_compute(ws, 2023, NULL, 0, &err);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->n, 16);
    for (size_t i = 0; i < a->n; i++) {
        double sum = 0;
        for (int c = 0; c < POVATLAS_PRIORITY_N; c++)
            sum += a->rows[i].contribution[c];
        assert_true(fabs(sum - a->rows[i].index) < 1e-12);
        assert_int_equal(a->rows[i].rank, (int)i + 1);
        assert_string_equal(a->rows[i].code, b->rows[i].code);
        if (i)
            assert_true(a->rows[i - 1].index >= a->rows[i].index);
    }
    assert_string_equal(a->rows[0].code, "22768");
    double v;
    assert_true(
        testutil_indicator(ws, "22768", 2023, POVATLAS_IND_PRIORITY_RANK, &v));
    assert_true(v == 1.0);
    povatlas_priority_free(a);
    povatlas_priority_free(b);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* Issue 9 item 7: every component spans 0..1 over the wards ranked (the
 * coverage gap used to top out at 0.09 and favour the least poor wards),
 * and the wards `coverage` flags rank highest on the coverage gap. */
static void test_priority_scaled(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = demo(&dir);
    povatlas_error *err = NULL;
    povatlas_priority *p = povatlas_priority_compute(ws, 2023, NULL, 0, &err);
    povatlas_coverage *cov = povatlas_coverage_compute(ws, 2023, NULL, 0, &err);
    assert_non_null(p);
    assert_non_null(cov);
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++) {
        double lo = 1, hi = 0;
        for (size_t i = 0; i < p->n; i++) {
            lo = fmin(lo, p->rows[i].normalised[c]);
            hi = fmax(hi, p->rows[i].normalised[c]);
        }
        assert_true(lo == 0.0);
        assert_true(hi == 1.0);
    }
    GPtrArray *flagged = g_ptr_array_new();
    for (size_t i = 0; i < cov->n; i++)
        if (cov->rows[i].coverage_gap)
            g_ptr_array_add(flagged, cov->rows[i].code);
    assert_int_equal(flagged->len, 2); /* Đông Hải, Văn Hải */
    assert_string_equal(flagged->pdata[0], "22768");
    assert_string_equal(flagged->pdata[1], "22777");
    /* every flagged ward is above every ward not flagged */
    double min_flagged = INFINITY, max_other = -INFINITY;
    for (size_t i = 0; i < p->n; i++) {
        double v = p->rows[i].normalised[POVATLAS_PRIORITY_COVERAGE_GAP];
        gboolean f = FALSE;
        for (guint k = 0; k < flagged->len; k++)
            f |= strcmp(flagged->pdata[k], p->rows[i].code) == 0;
        if (f)
            min_flagged = fmin(min_flagged, v);
        else
            max_other = fmax(max_other, v);
        if (strcmp(p->rows[i].code, "22768") == 0) /* the larger shortfall */
            assert_true(v == 1.0);
    }
    assert_true(min_flagged > max_other);
    assert_true(max_other == 0.0);
    /* the full weight is reachable: 0.15 for Đông Hải */
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->rows[i].code, "22768") == 0)
            assert_true(
                fabs(p->rows[i].contribution[POVATLAS_PRIORITY_COVERAGE_GAP] -
                     p->weights.weight[POVATLAS_PRIORITY_COVERAGE_GAP]) <
                1e-12);
    g_ptr_array_free(flagged, TRUE);
    povatlas_coverage_free(cov);
    povatlas_priority_free(p);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

static void test_zone_names(void **state)
{
    (void)state;
    const povatlas_zone all[] = {POVATLAS_ZONE_UNKNOWN, POVATLAS_ZONE_COASTAL,
                                 POVATLAS_ZONE_PERIURBAN,
                                 POVATLAS_ZONE_CENTRAL};
    const char *names[] = {"unknown", "coastal", "periurban", "central"};
    const char *vi[] = {"chưa rõ", "ven biển", "ven đô", "nội thị"};
    const char *en[] = {"unknown", "coastal", "peri-urban", "central"};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
        assert_string_equal(povatlas_zone_name(all[i]), names[i]);
        assert_string_equal(povatlas_zone_label(all[i], "vi"), vi[i]);
        assert_string_equal(povatlas_zone_label(all[i], NULL), vi[i]);
        assert_string_equal(povatlas_zone_label(all[i], "en"), en[i]);
    }
    assert_int_equal(povatlas_zone_parse("coastal"), POVATLAS_ZONE_COASTAL);
    assert_int_equal(povatlas_zone_parse("periurban"), POVATLAS_ZONE_PERIURBAN);
    assert_int_equal(povatlas_zone_parse("central"), POVATLAS_ZONE_CENTRAL);
    /* only the stored names: not the labels, not another case */
    assert_int_equal(povatlas_zone_parse("peri-urban"), POVATLAS_ZONE_UNKNOWN);
    assert_int_equal(povatlas_zone_parse("Coastal"), POVATLAS_ZONE_UNKNOWN);
    assert_int_equal(povatlas_zone_parse("unknown"), POVATLAS_ZONE_UNKNOWN);
    assert_int_equal(povatlas_zone_parse(NULL), POVATLAS_ZONE_UNKNOWN);
    assert_string_equal(povatlas_zone_name((povatlas_zone)9), "unknown");
    assert_string_equal(povatlas_zone_label((povatlas_zone)9, "en"), "unknown");
}

/* The one zone table: the zone map, the zone-gap chart, the atlas and the
 * exported zone style read these words and colours. */
static void test_zone_table(void **state)
{
    (void)state;
    const povatlas_zone_info *c = povatlas_zone_info_of(POVATLAS_ZONE_COASTAL);
    const povatlas_zone_info *p =
        povatlas_zone_info_of(POVATLAS_ZONE_PERIURBAN);
    const povatlas_zone_info *n = povatlas_zone_info_of(POVATLAS_ZONE_CENTRAL);
    assert_int_equal(c->zone, POVATLAS_ZONE_COASTAL);
    assert_string_equal(c->name, "coastal");
    assert_string_equal(c->title_vi, "Ven biển");
    assert_string_equal(c->title_en, "Coastal");
    assert_int_equal(c->rgb, 0x1b9e77);
    assert_false(c->hatched);
    assert_string_equal(p->title_vi, "Ven đô");
    assert_string_equal(p->title_en, "Peri-urban");
    assert_int_equal(p->rgb, 0xfdae6b);
    assert_true(p->hatched); /* told apart without colour */
    assert_string_equal(n->title_vi, "Nội thị");
    assert_string_equal(n->title_en, "Central");
    assert_int_equal(n->rgb, 0xbcbddc);
    /* the labels are the table's */
    assert_ptr_equal(povatlas_zone_label(POVATLAS_ZONE_PERIURBAN, "en"),
                     p->label_en);
    assert_ptr_equal(povatlas_zone_name(POVATLAS_ZONE_CENTRAL), n->name);
    /* not a zone: the unknown row, never NULL */
    const povatlas_zone_info *u = povatlas_zone_info_of((povatlas_zone)-3);
    assert_int_equal(u->zone, POVATLAS_ZONE_UNKNOWN);
    assert_string_equal(u->name, "unknown");
    assert_ptr_equal(povatlas_zone_info_of((povatlas_zone)9), u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derive_demo),
        cmocka_unit_test(test_far_coastline),
        cmocka_unit_test(test_priority),
        cmocka_unit_test(test_priority_scaled),
        cmocka_unit_test(test_zone_names),
        cmocka_unit_test(test_zone_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
