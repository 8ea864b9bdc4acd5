/*
 * test_weights.c - neighbour lists of src/analysis/weights.c against
 * tests/fixtures/reference/neighbours.csv (every fixture, scheme and feature),
 * the centroids of features.csv, the pair flags of ward_pairs.csv, and
 * the edge cases: islands, corner contacts, bad WKB, bad arguments.
 */
#include "stats_fixture.h"

#include <geos_c.h>

#include "analysis/analysis_private.h"
#include "core/fault.h"

static char *neighbour_text(const stats_fixture *f, const povatlas_weights *w,
                            size_t i)
{
    GString *s = g_string_new(NULL);
    const size_t *nb = povatlas_weights_neighbours(w, i);
    for (size_t p = 0; p < povatlas_weights_cardinality(w, i); p++)
        g_string_append_printf(s, "%s%s", p ? ";" : "", f->ids[nb[p]]);
    return g_string_free(s, FALSE);
}

static void check_fixture_neighbours(const char *name, size_t *checked)
{
    stats_fixture *f = fixture_by_name(name);
    ref_table *t = ref_table_read("reference/neighbours.csv");
    for (const char *const *sc = fixture_schemes(f); *sc; sc++) {
        povatlas_weights *w = fixture_weights(f, *sc);
        assert_int_equal(povatlas_weights_n(w), f->n);
        assert_int_equal(povatlas_weights_n_islands(w), 0);
        for (size_t i = 0; i < f->n; i++) {
            int r =
                ref_find(t, "fixture", name, "scheme", *sc, "id", f->ids[i]);
            assert_true(r >= 0);
            g_autofree char *got = neighbour_text(f, w, i);
            if (strcmp(got, ref_get(t, (guint)r, "neighbours")) != 0)
                fail_msg("%s %s %s: got %s want %s", name, *sc, f->ids[i], got,
                         ref_get(t, (guint)r, "neighbours"));
            assert_int_equal(povatlas_weights_cardinality(w, i),
                             (size_t)ref_num(t, (guint)r, "n_neighbours"));
            (*checked)++;
        }
        povatlas_weights_free(w);
    }
    ref_table_free(t);
    fixture_free(f);
}

static void test_neighbours_match_reference(void **state)
{
    (void)state;
    size_t checked = 0, want = 49 * 3;
    check_fixture_neighbours("grid", &checked);
    if (testutil_have_polygons()) {
        check_fixture_neighbours("wards", &checked);
        want += 16 * 4;
    }
    assert_int_equal(checked, want); /* every row of the CSV */
}

static void check_centroids(const char *name)
{
    stats_fixture *f = fixture_by_name(name);
    ref_table *t = ref_table_read("reference/features.csv");
    double *xy = g_new(double, 2 * f->n);
    assert_int_equal(
        povatlas_centroids_from_wkb((const unsigned char *const *)f->wkb,
                                    f->wkb_size, f->n, xy, NULL),
        POVATLAS_OK);
    for (size_t i = 0; i < f->n; i++) {
        int r = ref_find(t, "fixture", name, "id", f->ids[i], NULL, NULL);
        assert_true(r >= 0);
        assert_true(close_enough(ref_num(t, (guint)r, "cx"), xy[2 * i]));
        assert_true(close_enough(ref_num(t, (guint)r, "cy"), xy[2 * i + 1]));
        assert_true(close_enough(ref_num(t, (guint)r, "x"), f->x[i]));
    }
    g_free(xy);
    ref_table_free(t);
    fixture_free(f);
}

static void test_centroids_match_reference(void **state)
{
    (void)state;
    check_centroids("grid");
    if (testutil_have_polygons())
        check_centroids("wards");
}

static size_t index_of(const stats_fixture *f, const char *id)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->ids[i], id) == 0)
            return i;
    fail_msg("unknown id %s", id);
    return 0;
}

/* ward_pairs.csv: queen, rook and queen_dist flags of every close pair,
 * including the overlap and gap pairs only queen_dist finds. */
static void test_ward_pair_flags(void **state)
{
    (void)state;
    if (!testutil_have_polygons())
        skip();
    stats_fixture *f = fixture_wards();
    ref_table *t = ref_table_read("reference/ward_pairs.csv");
    const char *schemes[] = {"queen", "rook", "queen_dist"};
    for (int s = 0; s < 3; s++) {
        povatlas_weights *w = fixture_weights(f, schemes[s]);
        for (guint r = 0; r < t->rows->len; r++) {
            size_t i = index_of(f, ref_get(t, r, "id_i"));
            size_t j = index_of(f, ref_get(t, r, "id_j"));
            int want = strcmp(ref_get(t, r, schemes[s]), "TRUE") == 0;
            const size_t *nb = povatlas_weights_neighbours(w, i);
            int got = 0;
            for (size_t p = 0; p < povatlas_weights_cardinality(w, i); p++)
                got |= nb[p] == j;
            if (got != want)
                fail_msg("%s pair %s-%s: got %d", schemes[s], f->ids[i],
                         f->ids[j], got);
        }
        povatlas_weights_free(w);
    }
    ref_table_free(t);
    fixture_free(f);
}

/* Every column of ward_pairs.csv: the vertex pair count and smallest
 * vertex distance of snap.c, the GEOS distance queen_dist uses, and (GEOS
 * directly) intersection and overlap area. Also: no other ward pair is
 * closer than 300 m. */
static void test_ward_pair_values(void **state)
{
    (void)state;
    if (!testutil_have_polygons())
        skip();
    stats_fixture *f = fixture_wards();
    ref_table *t = ref_table_read("reference/ward_pairs.csv");
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSWKBReader *rd = GEOSWKBReader_create_r(ctx);
    size_t listed = 0;
    for (size_t i = 0; i < f->n; i++)
        for (size_t j = i + 1; j < f->n; j++) {
            double dist, vmin;
            size_t pairs;
            assert_int_equal(
                povatlas_polygon_distance_(f->wkb[i], f->wkb_size[i], f->wkb[j],
                                           f->wkb_size[j], &dist, NULL),
                POVATLAS_OK);
            int r =
                ref_find(t, "id_i", f->ids[i], "id_j", f->ids[j], NULL, NULL);
            if (r < 0)
                r = ref_find(t, "id_i", f->ids[j], "id_j", f->ids[i], NULL,
                             NULL);
            assert_true((r >= 0) == (dist <= 300));
            if (r < 0)
                continue;
            listed++;
            assert_int_equal(povatlas_snap_pair_stats_(
                                 f->wkb[i], f->wkb_size[i], f->wkb[j],
                                 f->wkb_size[j], 50.0, &pairs, &vmin, NULL),
                             POVATLAS_OK);
            guint row = (guint)r;
            assert_true(
                close_enough(ref_num(t, row, "polygon_distance_m"), dist));
            assert_true(
                close_enough(ref_num(t, row, "min_vertex_distance_m"), vmin));
            assert_int_equal(
                (size_t)ref_num(t, row, "vertex_pairs_within_snap"), pairs);
            GEOSGeometry *a =
                GEOSWKBReader_read_r(ctx, rd, f->wkb[i], f->wkb_size[i]);
            GEOSGeometry *b =
                GEOSWKBReader_read_r(ctx, rd, f->wkb[j], f->wkb_size[j]);
            GEOSGeometry *x = GEOSIntersection_r(ctx, a, b);
            double area = 0;
            GEOSArea_r(ctx, x, &area);
            assert_int_equal(GEOSIntersects_r(ctx, a, b) == 1,
                             strcmp(ref_get(t, row, "intersects"), "TRUE") ==
                                 0);
            assert_true(close_enough(ref_num(t, row, "overlap_area_m2"), area));
            GEOSGeom_destroy_r(ctx, a);
            GEOSGeom_destroy_r(ctx, b);
            GEOSGeom_destroy_r(ctx, x);
        }
    assert_int_equal(listed, t->rows->len);
    GEOSWKBReader_destroy_r(ctx, rd);
    GEOS_finish_r(ctx);
    ref_table_free(t);
    fixture_free(f);
}

/* WKB of a WKT polygon (g_free). */
static unsigned char *wkb_of(const char *wkt, size_t *size)
{
    OGRGeometryH g = NULL;
    char *p = (char *)wkt; /* OGR's signature lacks const */
    assert_int_equal(OGR_G_CreateFromWkt(&p, NULL, &g), OGRERR_NONE);
    *size = (size_t)OGR_G_WkbSize(g);
    unsigned char *b = g_malloc(*size);
    OGR_G_ExportToWkb(g, wkbNDR, b);
    OGR_G_DestroyGeometry(g);
    return b;
}

/* A shares an edge with B, touches C at one corner; D is 30 units away
 * from B and C (a gap) and E is far: an island. */
static void test_small_contiguity(void **state)
{
    (void)state;
    const char *wkt[] = {
        "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        "POLYGON((10 0,20 0,20 10,10 10,10 0))",
        "POLYGON((10 10,20 10,20 20,10 20,10 10))",
        "POLYGON((50 0,60 0,60 10,50 10,50 0))",
        "POLYGON((500 500,510 500,510 510,500 510,500 500))",
    };
    unsigned char *wkb[5];
    size_t size[5];
    for (int i = 0; i < 5; i++)
        wkb[i] = wkb_of(wkt[i], &size[i]);
    const unsigned char *const *cw = (const unsigned char *const *)wkb;
    povatlas_weights *q = povatlas_weights_contiguity(
        cw, size, 5, POVATLAS_CONTIGUITY_QUEEN, 0.0, NULL);
    povatlas_weights *r = povatlas_weights_contiguity(
        cw, size, 5, POVATLAS_CONTIGUITY_ROOK, 0.0, NULL);
    povatlas_weights *d = povatlas_weights_contiguity(
        cw, size, 5, POVATLAS_CONTIGUITY_QUEEN_DIST, 30.0, NULL);
    assert_non_null(q);
    assert_non_null(r);
    assert_non_null(d);
    /* vertex pairs at d = 0: A-B 2, A-C 1 (corner), B-C 2 */
    assert_int_equal(povatlas_weights_cardinality(q, 0), 2);
    assert_int_equal(povatlas_weights_cardinality(r, 0), 1);
    assert_int_equal(povatlas_weights_cardinality(r, 2), 1);
    assert_int_equal(povatlas_weights_n_islands(q), 2);
    assert_null(povatlas_weights_neighbours(q, 4));
    /* distance: D is exactly 30 (<= d) from B and from C's corner */
    assert_int_equal(povatlas_weights_cardinality(d, 3), 2);
    assert_int_equal(povatlas_weights_neighbours(d, 3)[0], 1);
    assert_int_equal(povatlas_weights_neighbours(d, 3)[1], 2);
    assert_int_equal(povatlas_weights_n_islands(d), 1);
    povatlas_weights_free(q);
    povatlas_weights_free(r);
    povatlas_weights_free(d);
    for (int i = 0; i < 5; i++)
        g_free(wkb[i]);
}

/* Out of memory at each allocation of a contiguity - the vertices read,
 * the candidate pairs, the cells of the snapping hash, the links, the
 * GEOS tree's hits, the neighbour lists - is POVATLAS_E_NOMEM and no
 * weights, never an abort inside GLib nor an incomplete neighbour list;
 * the run past the last allocation gives the weights of
 * test_small_contiguity. */
static void test_contiguity_out_of_memory(void **state)
{
    (void)state;
    const char *wkt[] = {
        "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        "POLYGON((10 0,20 0,20 10,10 10,10 0))",
        "POLYGON((10 10,20 10,20 20,10 20,10 10))",
        "POLYGON((50 0,60 0,60 10,50 10,50 0))",
    };
    unsigned char *wkb[4];
    size_t size[4];
    for (int i = 0; i < 4; i++)
        wkb[i] = wkb_of(wkt[i], &size[i]);
    const unsigned char *const *cw = (const unsigned char *const *)wkb;
    static const struct {
        povatlas_contiguity kind;
        double d;
        size_t links, min_hits;
    } cases[] = {
        /* A-B, A-C, B-C; read 2 x 4 rings, pairs, 3 hashes, links, CSR */
        {POVATLAS_CONTIGUITY_QUEEN, 0.0, 6, 8},
        {POVATLAS_CONTIGUITY_ROOK, 0.0, 4, 8},
        /* and D within 30 of B and C */
        {POVATLAS_CONTIGUITY_QUEEN_DIST, 30.0, 10, 4},
    };
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        povatlas_fault_arm(POVATLAS_FAULT_ALLOC, 0, 0);
        povatlas_weights *w = povatlas_weights_contiguity(
            cw, size, 4, cases[c].kind, cases[c].d, NULL);
        long hits = povatlas_fault_hits();
        povatlas_fault_arm(0, 0, 0);
        assert_non_null(w);
        assert_int_equal(povatlas_weights_n_links(w), cases[c].links);
        povatlas_weights_free(w);
        if (hits < (long)cases[c].min_hits)
            fail_msg("contiguity %zu: %ld checked allocations", c, hits);
        for (long n = 1; n <= hits; n++) {
            povatlas_error *err = NULL;
            povatlas_fault_arm(POVATLAS_FAULT_ALLOC, n, 0);
            w = povatlas_weights_contiguity(cw, size, 4, cases[c].kind,
                                            cases[c].d, &err);
            long failed = povatlas_fault_failed();
            povatlas_fault_arm(0, 0, 0);
            assert_int_equal(failed, 1);
            if (w)
                fail_msg("contiguity %zu: allocation %ld of %ld failed, yet "
                         "weights came back",
                         c, n, hits);
            assert_non_null(err);
            assert_int_equal(err->code, POVATLAS_E_NOMEM);
            if (!g_str_has_prefix(err->message, "out of memory"))
                fail_msg("contiguity %zu: allocation %ld: '%s'", c, n,
                         err->message);
            povatlas_error_free(err);
        }
    }
    for (int i = 0; i < 4; i++)
        g_free(wkb[i]);
}

/* The same for the neighbours of points: k nearest (the grid, the
 * distances kept, the lists) and a distance band (the sorted points, the
 * links, the lists). */
static void test_points_out_of_memory(void **state)
{
    (void)state;
    static const double xy[] = {0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 5, 5};
    for (int band = 0; band < 2; band++) {
        povatlas_fault_arm(POVATLAS_FAULT_ALLOC, 0, 0);
        povatlas_weights *w =
            band ? povatlas_weights_distance_band(xy, 6, 1.0, NULL)
                 : povatlas_weights_knn(xy, 6, 2, NULL);
        long hits = povatlas_fault_hits();
        povatlas_fault_arm(0, 0, 0);
        assert_non_null(w);
        /* band 1: 0-1, 1-2, 0-3, 1-4, 3-4 both ways; knn: 2 each */
        assert_int_equal(povatlas_weights_n_links(w), band ? 10 : 12);
        povatlas_weights_free(w);
        if (hits < 4)
            fail_msg("%s: %ld checked allocations", band ? "band" : "knn",
                     hits);
        for (long n = 1; n <= hits; n++) {
            povatlas_error *err = NULL;
            povatlas_fault_arm(POVATLAS_FAULT_ALLOC, n, 0);
            w = band ? povatlas_weights_distance_band(xy, 6, 1.0, &err)
                     : povatlas_weights_knn(xy, 6, 2, &err);
            long failed = povatlas_fault_failed();
            povatlas_fault_arm(0, 0, 0);
            assert_int_equal(failed, 1);
            assert_null(w);
            assert_non_null(err);
            assert_int_equal(err->code, POVATLAS_E_NOMEM);
            if (!g_str_has_prefix(err->message, "out of memory"))
                fail_msg("allocation %ld: '%s'", n, err->message);
            povatlas_error_free(err);
        }
    }
}

static void test_bad_wkb_reports_feature(void **state)
{
    (void)state;
    unsigned char junk[5] = {1, 2, 3, 4, 5};
    size_t size[2];
    unsigned char *good = wkb_of("POLYGON((0 0,1 0,1 1,0 0))", &size[0]);
    const unsigned char *wkb[2] = {good, junk};
    size[1] = sizeof junk;
    povatlas_error *err = NULL;
    povatlas_weights *w = povatlas_weights_contiguity(
        wkb, size, 2, POVATLAS_CONTIGUITY_QUEEN, 1.0, &err);
    assert_null(w);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_GEOM);
    assert_int_equal(err->row, 2);
    povatlas_error_free(err);
    err = NULL;
    assert_null(povatlas_weights_contiguity(
        wkb, size, 2, POVATLAS_CONTIGUITY_QUEEN, -1.0, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
    g_free(good);
}

/* WKB of a WKT geometry in a chosen byte order (g_free). */
static unsigned char *wkb_of_order(const char *wkt, OGRwkbByteOrder order,
                                   size_t *size)
{
    OGRGeometryH g = NULL;
    char *p = (char *)wkt;
    assert_int_equal(OGR_G_CreateFromWkt(&p, NULL, &g), OGRERR_NONE);
    *size = (size_t)OGR_G_WkbSize(g);
    unsigned char *b = g_malloc(*size);
    OGR_G_ExportToIsoWkb(g, order, b);
    OGR_G_DestroyGeometry(g);
    return b;
}

static size_t links_of(const char *const *wkt, size_t n, OGRwkbByteOrder order,
                       povatlas_contiguity kind, double d)
{
    unsigned char **wkb = g_new(unsigned char *, n);
    size_t *size = g_new(size_t, n);
    for (size_t i = 0; i < n; i++)
        wkb[i] = wkb_of_order(wkt[i], order, &size[i]);
    povatlas_error *err = NULL;
    povatlas_weights *w = povatlas_weights_contiguity(
        (const unsigned char *const *)wkb, size, n, kind, d, &err);
    if (w == NULL)
        fail_msg("%s", err->message);
    size_t links = povatlas_weights_n_links(w);
    povatlas_weights_free(w);
    for (size_t i = 0; i < n; i++)
        g_free(wkb[i]);
    g_free(wkb);
    g_free(size);
    return links;
}

/* spdep drops only the feature's very first coordinate: two squares that
 * both start at their common corner share one vertex pair (the closing
 * vertices), so they are queen but not rook neighbours. */
static void test_first_coordinate_dropped(void **state)
{
    (void)state;
    const char *wkt[] = {"POLYGON((10 10,0 10,0 0,10 0,10 10))",
                         "POLYGON((10 10,20 10,20 20,10 20,10 10))"};
    assert_int_equal(links_of(wkt, 2, wkbNDR, POVATLAS_CONTIGUITY_QUEEN, 0), 2);
    assert_int_equal(links_of(wkt, 2, wkbNDR, POVATLAS_CONTIGUITY_ROOK, 0), 0);
}

/* Byte order, Z/M ordinates, multipolygon parts and holes: B sits in the
 * hole of A's second part and shares two hole vertices with it. */
static void test_wkb_variants(void **state)
{
    (void)state;
    const char *wkt[] = {
        "MULTIPOLYGON(((100 100,110 100,110 110,100 110,100 100)),"
        "((0 0,30 0,30 30,0 30,0 0),(10 10,20 10,20 20,10 20,10 10)))",
        "POLYGON((10 10,20 10,15 15,10 10))",
        "POLYGON((200 200,210 200,210 210,200 200))"};
    const char *wkt_zm[] = {
        "MULTIPOLYGON ZM(((100 100 1 2,110 100 1 2,110 110 1 2,100 110 1 2,"
        "100 100 1 2)),((0 0 1 2,30 0 1 2,30 30 1 2,0 30 1 2,0 0 1 2),"
        "(10 10 1 2,20 10 1 2,20 20 1 2,10 20 1 2,10 10 1 2)))",
        "POLYGON Z((10 10 5,20 10 5,15 15 5,10 10 5))",
        "POLYGON M((200 200 3,210 200 3,210 210 3,200 200 3))"};
    assert_int_equal(links_of(wkt, 3, wkbNDR, POVATLAS_CONTIGUITY_ROOK, 0), 2);
    assert_int_equal(links_of(wkt, 3, wkbXDR, POVATLAS_CONTIGUITY_ROOK, 0), 2);
    assert_int_equal(links_of(wkt_zm, 3, wkbXDR, POVATLAS_CONTIGUITY_ROOK, 0),
                     2);
    assert_int_equal(
        links_of(wkt_zm, 3, wkbNDR, POVATLAS_CONTIGUITY_QUEEN_DIST, 0), 2);
    /* a snap of 15 reaches nothing new; 130 reaches C from A's first part
     * (127.3 between corners) but not from B (261.6) */
    assert_int_equal(links_of(wkt, 3, wkbNDR, POVATLAS_CONTIGUITY_QUEEN, 15),
                     2);
    assert_int_equal(links_of(wkt, 3, wkbNDR, POVATLAS_CONTIGUITY_QUEEN, 130),
                     4);
}

static void test_non_polygon_refused(void **state)
{
    (void)state;
    size_t size[2];
    unsigned char *wkb[2] = {
        wkb_of_order("POLYGON((0 0,1 0,1 1,0 0))", wkbNDR, &size[0]),
        wkb_of_order("LINESTRING(0 0,1 1)", wkbNDR, &size[1])};
    povatlas_error *err = NULL;
    assert_null(povatlas_weights_contiguity((const unsigned char *const *)wkb,
                                            size, 2, POVATLAS_CONTIGUITY_ROOK,
                                            1.0, &err));
    assert_int_equal(err->code, POVATLAS_E_GEOM);
    assert_int_equal(err->row, 2);
    povatlas_error_free(err);
    size[0] -= 9; /* truncated */
    err = NULL;
    assert_null(povatlas_weights_contiguity((const unsigned char *const *)wkb,
                                            size, 1, POVATLAS_CONTIGUITY_QUEEN,
                                            1.0, &err));
    assert_int_equal(err->row, 1);
    povatlas_error_free(err);
    g_free(wkb[0]);
    g_free(wkb[1]);
}

/* Ties go to the earlier point; knn is not symmetric; bad k refused. */
static void test_knn_ties_and_errors(void **state)
{
    (void)state;
    const double xy[] = {0, 0, 1, 0, -1, 0, 0, 1, 5, 5};
    povatlas_weights *w = povatlas_weights_knn(xy, 5, 2, NULL);
    assert_non_null(w);
    /* point 0 has three points at distance 1: the first two win */
    assert_int_equal(povatlas_weights_neighbours(w, 0)[0], 1);
    assert_int_equal(povatlas_weights_neighbours(w, 0)[1], 2);
    assert_int_equal(povatlas_weights_cardinality(w, 4), 2);
    povatlas_weights_free(w);
    povatlas_error *err = NULL;
    assert_null(povatlas_weights_knn(xy, 5, 5, &err));
    assert_int_equal(err->code, POVATLAS_E_USAGE);
    povatlas_error_free(err);
}

/* The grid search equals brute force with spdep's tie rule (smaller
 * squared distance, then smaller index) on points full of ties and
 * duplicates, and on a thin strip. */
static void brute_knn(const double *xy, size_t n, size_t i, size_t k,
                      size_t *out)
{
    double *bd = g_new(double, k);
    size_t len = 0;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];
        double d2 = dx * dx + dy * dy;
        if (len == k && !(d2 < bd[k - 1]))
            continue;
        size_t p = len < k ? len++ : k - 1;
        while (p > 0 && d2 < bd[p - 1]) {
            bd[p] = bd[p - 1];
            out[p] = out[p - 1];
            p--;
        }
        bd[p] = d2;
        out[p] = j;
    }
    g_free(bd);
}

static int cmp_sz(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void test_knn_matches_brute_force(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(11);
    for (int trial = 0; trial < 6; trial++) {
        size_t n = 300 + (size_t)trial * 50;
        double *xy = g_new(double, 2 * n);
        for (size_t i = 0; i < n; i++) {
            xy[2 * i] = g_rand_int_range(rng, 0, trial < 3 ? 20 : 2000);
            xy[2 * i + 1] = trial % 3 == 2 ? 5.0 /* a line */
                                           : g_rand_int_range(rng, 0, 20);
        }
        for (int k = 1; k <= 9; k += 4) {
            povatlas_weights *w = povatlas_weights_knn(xy, n, k, NULL);
            assert_non_null(w);
            size_t want[9];
            for (size_t i = 0; i < n; i++) {
                brute_knn(xy, n, i, (size_t)k, want);
                qsort(want, (size_t)k, sizeof *want, cmp_sz);
                const size_t *got = povatlas_weights_neighbours(w, i);
                for (int p = 0; p < k; p++)
                    if (got[p] != want[p])
                        fail_msg("trial %d k %d point %zu", trial, k, i);
            }
            povatlas_weights_free(w);
        }
        g_free(xy);
    }
    g_rand_free(rng);
}

static void test_distance_band(void **state)
{
    (void)state;
    const double xy[] = {0, 0, 3, 4, 6, 8, 0, 0, 100, 100};
    povatlas_weights *w = povatlas_weights_distance_band(xy, 5, 5.0, NULL);
    assert_non_null(w);
    assert_int_equal(povatlas_weights_cardinality(w, 0), 1); /* not 3 */
    assert_int_equal(povatlas_weights_cardinality(w, 1), 3);
    assert_int_equal(povatlas_weights_n_islands(w), 1);
    assert_int_equal(povatlas_weights_n_links(w), 6);
    povatlas_weights_free(w);
}

static void test_from_lists(void **state)
{
    (void)state;
    const size_t off[] = {0, 2, 3, 3};
    const size_t nb[] = {2, 1, 0};
    povatlas_weights *w = povatlas_weights_from_lists(3, off, nb, NULL);
    assert_non_null(w);
    assert_int_equal(povatlas_weights_neighbours(w, 0)[0], 1);
    assert_int_equal(povatlas_weights_n_islands(w), 1);
    povatlas_weights_free(w);
    const size_t bad[] = {0, 1, 0};
    povatlas_error *err = NULL;
    assert_null(povatlas_weights_from_lists(3, off, bad, &err));
    assert_int_equal(err->code, POVATLAS_E_INPUT);
    assert_int_equal(err->row, 1);
    povatlas_error_free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_neighbours_match_reference),
        cmocka_unit_test(test_centroids_match_reference),
        cmocka_unit_test(test_ward_pair_flags),
        cmocka_unit_test(test_ward_pair_values),
        cmocka_unit_test(test_small_contiguity),
        cmocka_unit_test(test_bad_wkb_reports_feature),
        cmocka_unit_test(test_first_coordinate_dropped),
        cmocka_unit_test(test_wkb_variants),
        cmocka_unit_test(test_non_polygon_refused),
        cmocka_unit_test(test_knn_ties_and_errors),
        cmocka_unit_test(test_knn_matches_brute_force),
        cmocka_unit_test(test_distance_band),
        cmocka_unit_test(test_from_lists),
        cmocka_unit_test(test_contiguity_out_of_memory),
        cmocka_unit_test(test_points_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
