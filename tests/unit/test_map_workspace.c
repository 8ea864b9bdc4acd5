/*
 * test_map_workspace.c - the maps drawn from a workspace
 * (src/render/map_workspace.c): the names of the map kinds.
 */
#include "testutil.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_type_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
