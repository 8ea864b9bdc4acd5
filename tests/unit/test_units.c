/*
 * test_units.c - unit periods in the store (src/store/units.c,
 * src/store/zones.c): a boundary belongs to the period in force on a day
 * (22759 was Kinh Dinh, then Phan Rang), a zone to every period of a code.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "povatlas/povatlas.h"

/* A little-endian WKB Polygon: the square [x, x + d] × [y, y + d]. */

static const povatlas_unit_row *find(const povatlas_unit_list *l,
                                     const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->rows[i].code, code) == 0)
            return &l->rows[i];
    fail_msg("no unit %s", code);
    return NULL;
}

static void test_geometry_per_period(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    GByteArray *sq = testutil_square_wkb(108.985, 11.555, 0.01);
    povatlas_error *err = NULL;
    int n = -1;
    /* 2023: Kinh Dinh's period only */
    assert_int_equal(
        povatlas_workspace_set_unit_geometry(f->ws, "22759", "2023-06-01",
                                             sq->data, sq->len, &n, &err),
        POVATLAS_OK);
    assert_int_equal(n, 1);
    povatlas_unit_list *u23 = povatlas_workspace_units(f->ws, 2023, &err);
    povatlas_unit_list *u25 = povatlas_workspace_units(f->ws, 2025, &err);
    assert_non_null(u23);
    assert_non_null(u25);
    const povatlas_unit_row *kd = find(u23, "22759");
    assert_string_equal(kd->name, "Kinh Dinh");
    assert_non_null(kd->wkb);
    /* stored as a MultiPolygon (WKB type 6) */
    assert_true(kd->wkb_size > sq->len);
    guint32 type;
    memcpy(&type, kd->wkb + 1, 4);
    assert_int_equal(kd->wkb[0] ? GUINT32_FROM_LE(type) : GUINT32_FROM_BE(type),
                     6);
    const povatlas_unit_row *pr = find(u25, "22759");
    assert_string_equal(pr->name, "Phan Rang");
    assert_null(pr->wkb); /* the later territory has none */
    assert_null(find(u23, "22738")->wkb);
    povatlas_unit_list_free(u23);
    povatlas_unit_list_free(u25);

    /* no day: every period of the code */
    assert_int_equal(povatlas_workspace_set_unit_geometry(
                         f->ws, "22759", NULL, sq->data, sq->len, &n, &err),
                     POVATLAS_OK);
    assert_int_equal(n, 3);
    /* a code or day no period has: nothing set, no error */
    assert_int_equal(povatlas_workspace_set_unit_geometry(
                         f->ws, "99999", NULL, sq->data, sq->len, &n, &err),
                     POVATLAS_OK);
    assert_int_equal(n, 0);
    assert_int_equal(
        povatlas_workspace_set_unit_geometry(f->ws, "22759", "1990-01-01",
                                             sq->data, sq->len, &n, &err),
        POVATLAS_OK);
    assert_int_equal(n, 0);
    assert_null(err);
    g_byte_array_unref(sq);
    testutil_units_ws_free(f);
}

static void test_zone_every_period(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_workspace_set_unit_zone(f->ws, "22759", "coastal", &err),
        POVATLAS_OK);
    povatlas_unit_list *all = povatlas_workspace_units(f->ws, 0, &err);
    int periods = 0;
    for (size_t i = 0; i < all->n; i++) {
        if (strcmp(all->rows[i].code, "22759") == 0) {
            assert_string_equal(all->rows[i].zone, "coastal");
            periods++;
        } else if (strcmp(all->rows[i].code, "22738") == 0) {
            assert_string_equal(all->rows[i].zone, "periurban");
        }
    }
    assert_int_equal(periods, 3);
    povatlas_unit_list_free(all);
    /* NULL clears it */
    assert_int_equal(
        povatlas_workspace_set_unit_zone(f->ws, "22759", NULL, &err),
        POVATLAS_OK);
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, &err);
    assert_null(find(u, "22759")->zone);
    povatlas_unit_list_free(u);
    assert_null(err);
    testutil_units_ws_free(f);
}

/* The areas of a unit period with a geometry, NULL when it has none. */
static const povatlas_unit_area *area_of(const povatlas_unit_area_list *l,
                                         const char *code,
                                         const char *valid_from)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->rows[i].code, code) &&
            !strcmp(l->rows[i].valid_from, valid_from))
            return &l->rows[i];
    return NULL;
}

/* A geometry's areas belong to the periods that got it: unmeasured (NAN)
 * after set_unit_geometry, stored by set_unit_areas with the same day,
 * unmeasured again when the geometry changes; periods without a geometry
 * have no row. */
static void test_areas_per_period(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    GByteArray *sq = testutil_square_wkb(108.985, 11.555, 0.01);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_workspace_set_unit_geometry(f->ws, "22759", "2023-06-01",
                                             sq->data, sq->len, NULL, &err),
        POVATLAS_OK);
    povatlas_unit_area_list *l = povatlas_workspace_unit_areas(f->ws, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 1); /* Kinh Dinh's period only */
    assert_string_equal(l->rows[0].code, "22759");
    assert_true(isnan(l->rows[0].geodesic_km2));
    assert_true(isnan(l->rows[0].utm_km2));
    const char *kd_from = "2008-02-24";
    assert_non_null(area_of(l, "22759", kd_from));
    povatlas_unit_area_list_free(l);
    /* another day's areas touch nothing */
    assert_int_equal(povatlas_workspace_set_unit_areas(
                         f->ws, "22759", "2025-06-01", 9.0, 9.5, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_set_unit_areas(
                         f->ws, "22759", "2023-06-01", 1.25, 1.5, &err),
                     POVATLAS_OK);
    l = povatlas_workspace_unit_areas(f->ws, &err);
    assert_int_equal(l->n, 1);
    assert_true(l->rows[0].geodesic_km2 == 1.25);
    assert_true(l->rows[0].utm_km2 == 1.5);
    povatlas_unit_area_list_free(l);
    /* a new geometry: its areas are not known yet */
    assert_int_equal(
        povatlas_workspace_set_unit_geometry(f->ws, "22759", "2023-06-01",
                                             sq->data, sq->len, NULL, &err),
        POVATLAS_OK);
    l = povatlas_workspace_unit_areas(f->ws, &err);
    assert_int_equal(l->n, 1);
    assert_true(isnan(l->rows[0].geodesic_km2));
    povatlas_unit_area_list_free(l);
    assert_null(err);
    g_byte_array_unref(sq);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry_per_period),
        cmocka_unit_test(test_zone_every_period),
        cmocka_unit_test(test_areas_per_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
