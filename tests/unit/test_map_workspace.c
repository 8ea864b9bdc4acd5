/*
 * test_map_workspace.c - the maps drawn from a workspace
 * (src/render/map_workspace.c): the names of the map kinds, and the
 * change map's values.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/analysis.h"
#include "povatlas/maps.h"

static void test_map_type_names(void **state)
{
    (void)state;
    const char *names[] = {"choropleth", "change", "zone",      "zone-gap",
                           "symbols",    "dots",   "bivariate", "lisa"};
    const povatlas_map_type types[] = {
        POVATLAS_MAP_CHOROPLETH, POVATLAS_MAP_CHANGE,  POVATLAS_MAP_ZONE,
        POVATLAS_MAP_ZONE_GAP,   POVATLAS_MAP_SYMBOLS, POVATLAS_MAP_DOTS,
        POVATLAS_MAP_BIVARIATE,  POVATLAS_MAP_LISA};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        povatlas_map_type t = (povatlas_map_type)-1;
        assert_true(povatlas_map_type_parse(names[i], &t));
        assert_int_equal(t, types[i]);
    }
    povatlas_map_type t = POVATLAS_MAP_LISA;
    assert_false(povatlas_map_type_parse("zone_gap", &t));
    assert_false(povatlas_map_type_parse("Choropleth", &t));
    assert_false(povatlas_map_type_parse("", &t));
    assert_false(povatlas_map_type_parse(NULL, &t));
    assert_int_equal(t, POVATLAS_MAP_LISA); /* untouched */
}

/* The change map shows the change analysis stored, exact from the counts:
 * Mỹ Bình went from 35 of 2,388 poor households (1,4657 %) to 32 of 2,402
 * (1,3322 %), -0,1335 points: "0,13", where the difference of the rounded
 * rates (1,33 - 1,47) gives the "0,14" the old map drew. */
static void test_change_map_exact(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = POVATLAS_MAP_CHANGE;
    o.year = 2023;
    o.from_year = 2022;
    o.show_values = 1;
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *png = g_build_filename(dir, "change.png", NULL);
    povatlas_map_layout *l = NULL;
    assert_int_equal(povatlas_map_indicator(ws, &o, png, &l, &err),
                     POVATLAS_OK);
    const char *label = NULL;
    for (size_t i = 0; i < povatlas_map_layout_n_labels(l); i++)
        if (g_str_has_prefix(povatlas_map_layout_label(l, i)->text, "Mỹ Bình"))
            label = povatlas_map_layout_label(l, i)->text;
    assert_non_null(label);
    if (!strstr(label, "0,13") || strstr(label, "0,14"))
        fail_msg("Mỹ Bình's change on the map: '%s', not -0,13", label);
    /* the title names the two years once: no "— năm 2023" after them */
    const char *title = NULL;
    for (size_t i = 0; i < povatlas_map_layout_n_texts(l); i++)
        if (g_str_has_prefix(povatlas_map_layout_text(l, i)->text, "Thay đổi"))
            title = povatlas_map_layout_text(l, i)->text;
    assert_non_null(title);
    assert_string_equal(title,
                        "Thay đổi tỷ lệ hộ nghèo 2022–2023 theo phường, xã");
    povatlas_map_layout_free(l);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_type_names),
        cmocka_unit_test(test_change_map_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
