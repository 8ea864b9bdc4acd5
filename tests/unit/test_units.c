/*
 * test_units.c - unit periods in the store (src/store/units.c,
 * src/store/zones.c): a boundary belongs to the period in force on a day
 * (22759 was Kinh Dinh, then Phan Rang), a zone to every period of a code.
 * A stored boundary reads back as the WKB AsBinary() gives, byte for byte,
 * whether the store converts SpatiaLite's BLOB itself (2D polygons) or
 * asks SpatiaLite (anything else).
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

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

/* Numbers of WKB and of a SpatiaLite BLOB, big-endian when @be. */
static void put_u32(GByteArray *b, int be, guint32 v)
{
    guint32 x = be ? GUINT32_TO_BE(v) : GUINT32_TO_LE(v);
    g_byte_array_append(b, (const guint8 *)&x, 4);
}

static void put_f64(GByteArray *b, int be, double v)
{
    guint64 u;
    memcpy(&u, &v, 8);
    u = be ? GUINT64_TO_BE(u) : GUINT64_TO_LE(u);
    g_byte_array_append(b, (const guint8 *)&u, 8);
}

static void put_box(GByteArray *b, int be, double x0, double y0, double x1,
                    double y1)
{
    const double xy[] = {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
    put_u32(b, be, 5);
    for (size_t i = 0; i < G_N_ELEMENTS(xy); i++)
        put_f64(b, be, xy[i]);
}

/* A 2D MultiPolygon from its type on: a square with a hole and a second
 * square beside it, each part opened by the byte @part (WKB's byte order,
 * SpatiaLite's entity mark). */
static void put_two_parts(GByteArray *b, int be, guint8 part)
{
    put_u32(b, be, 6);
    put_u32(b, be, 2);
    g_byte_array_append(b, &part, 1);
    put_u32(b, be, 3);
    put_u32(b, be, 2);
    put_box(b, be, 108.98, 11.55, 108.99, 11.56);
    put_box(b, be, 108.982, 11.552, 108.984, 11.554);
    g_byte_array_append(b, &part, 1);
    put_u32(b, be, 3);
    put_u32(b, be, 1);
    put_box(b, be, 108.99, 11.55, 109.0, 11.56);
}

/* The two-part MultiPolygon as little-endian WKB. */
static GByteArray *two_part_wkb(void)
{
    GByteArray *b = g_byte_array_new();
    guint8 le = 1;
    g_byte_array_append(b, &le, 1);
    put_two_parts(b, 0, le);
    return b;
}

/* two_part_wkb() as a big-endian SpatiaLite BLOB. */
static GByteArray *two_part_be_blob(void)
{
    GByteArray *b = g_byte_array_new();
    const guint8 start[] = {0x00, 0x00}, mbr_end = 0x7C, entity = 0x69,
                 end = 0xFE;
    g_byte_array_append(b, start, 2);
    put_u32(b, 1, 4326);
    put_f64(b, 1, 108.98);
    put_f64(b, 1, 11.55);
    put_f64(b, 1, 109.0);
    put_f64(b, 1, 11.56);
    g_byte_array_append(b, &mbr_end, 1);
    put_two_parts(b, 1, entity);
    g_byte_array_append(b, &end, 1);
    return b;
}

static void test_geometry_reads_back_as_stored(void **state)
{
    (void)state;
    testutil_units_ws *f = testutil_units_ws_new(FALSE);
    povatlas_error *err = NULL;
    int n = -1;
    /* 2D: converted by the store, the very bytes that went in */
    GByteArray *flat = two_part_wkb();
    assert_int_equal(
        povatlas_workspace_set_unit_geometry(f->ws, "22759", "2023-06-01",
                                             flat->data, flat->len, &n, &err),
        POVATLAS_OK);
    povatlas_unit_list *u = povatlas_workspace_units(f->ws, 2023, &err);
    assert_non_null(u);
    const povatlas_unit_row *kd = find(u, "22759");
    assert_int_equal(kd->wkb_size, flat->len);
    assert_memory_equal(kd->wkb, flat->data, flat->len);
    povatlas_unit_list_free(u);
    /* a SpatiaLite BLOB the store does not convert (big-endian, as another
     * tool may write it): read through AsBinary(), its bytes. PostGIS keeps
     * no such BLOB: the store reads ST_AsBinary() there always. */
    if (povatlas_workspace_on_postgresql(f->ws))
        goto done;
    GByteArray *be = two_part_be_blob();
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(f->db, &raw), SQLITE_OK);
    sqlite3_enable_load_extension(raw, 1);
    assert_int_equal(sqlite3_exec(raw,
                                  "SELECT load_extension('mod_spatialite')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "UPDATE units SET geom = ?1"
                                        " WHERE code = '22759'",
                                        -1, &q, NULL),
                     SQLITE_OK);
    sqlite3_bind_blob(q, 1, be->data, (int)be->len, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    assert_int_equal(
        sqlite3_prepare_v2(raw,
                           "SELECT AsBinary(geom), hex(substr(geom, 1, 2))"
                           " FROM units WHERE code = '22759'",
                           -1, &q, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 1), "0000");
    u = povatlas_workspace_units(f->ws, 2023, &err);
    assert_non_null(u);
    kd = find(u, "22759");
    assert_int_equal(kd->wkb_size, sqlite3_column_bytes(q, 0));
    assert_memory_equal(kd->wkb, sqlite3_column_blob(q, 0), kd->wkb_size);
    povatlas_unit_list_free(u);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    g_byte_array_unref(be);
done:
    assert_null(err);
    g_byte_array_unref(flat);
    testutil_units_ws_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry_per_period),
        cmocka_unit_test(test_zone_every_period),
        cmocka_unit_test(test_areas_per_period),
        cmocka_unit_test(test_geometry_reads_back_as_stored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
