/*
 * test_utm.c - the UTM zone formula (src/core/utm.h), the one used by
 * areas, topology, zones, spatial statistics and the map projection:
 * zone edges, both hemispheres, and the clamps at ±180° and NaN.
 */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "core/utm.h"

static void test_zones(void **state)
{
    (void)state;
    /* Phan Rang–Tháp Chàm, Hà Nội (105.85° E: zone 48), the 108° edge */
    assert_int_equal(utm_zone_epsg(108.99, 11.56), 32649);
    assert_int_equal(utm_zone_epsg(105.85, 21.03), 32648);
    assert_int_equal(utm_zone_epsg(108.0, 10.0), 32649);
    assert_int_equal(utm_zone_epsg(107.999999, 10.0), 32648);
    /* south: 327zz; the equator counts as north */
    assert_int_equal(utm_zone_epsg(-0.5, -1.0), 32730);
    assert_int_equal(utm_zone_epsg(0.0, 0.0), 32631);
    assert_int_equal(utm_zone_epsg(-180.0, 5.0), 32601);
}

static void test_edges_clamped(void **state)
{
    (void)state;
    /* 180° E is zone 60 (32661 would be UPS North), off-range stays 1..60 */
    assert_int_equal(utm_zone_epsg(180.0, 1.0), 32660);
    assert_int_equal(utm_zone_epsg(200.0, -1.0), 32760);
    assert_int_equal(utm_zone_epsg(-190.0, 1.0), 32601);
    assert_int_equal(utm_zone_epsg(NAN, 1.0), 32601);
}

static void test_crs_text(void **state)
{
    (void)state;
    g_autofree char *north = utm_zone_crs(108.99, 11.56);
    assert_string_equal(north, "EPSG:32649");
    g_autofree char *south = utm_zone_crs(151.2, -33.9);
    assert_string_equal(south, "EPSG:32756");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_edges_clamped),
        cmocka_unit_test(test_crs_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
