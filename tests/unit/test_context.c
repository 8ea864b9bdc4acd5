/*
 * test_context.c - map context features in the workspace
 * (src/store/context.c): stored, read back in order with their WKB
 * unchanged, cleared; a blob that is not WKB refused.
 */
#include "testutil.h"

#include <string.h>

#include <sqlite3.h>

#include "povatlas/povatlas.h"

/* A little-endian WKB LineString of @n points (x0, y0, x1, y1 ...). */
static GByteArray *wkb_line(const double *xy, guint32 n)
{
    GByteArray *b = g_byte_array_new();
    const guint8 order = 1;
    const guint32 type = GUINT32_TO_LE(2);
    const guint32 count = GUINT32_TO_LE(n);
    g_byte_array_append(b, &order, 1);
    g_byte_array_append(b, (const guint8 *)&type, 4);
    g_byte_array_append(b, (const guint8 *)&count, 4);
    for (guint32 i = 0; i < 2 * n; i++) {
        guint64 bits;
        memcpy(&bits, &xy[i], 8);
        bits = GUINT64_TO_LE(bits);
        g_byte_array_append(b, (const guint8 *)&bits, 8);
    }
    return b;
}

static void test_round_trip(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = g_build_filename(dir, "w.sqlite", NULL);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, &err);
    assert_non_null(ws);
    povatlas_context_list *l = povatlas_workspace_context(ws, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 0);
    povatlas_context_list_free(l);

    const double coast[] = {109.0, 11.5, 109.1, 11.6, 109.2, 11.55};
    const double outline[] = {108.9, 11.5, 109.0, 11.6};
    GByteArray *a = wkb_line(coast, 3), *b = wkb_line(outline, 2);
    assert_int_equal(povatlas_workspace_put_context(
                         ws, "coastline", "Biển Đông", a->data, a->len, &err),
                     POVATLAS_OK);
    assert_int_equal(povatlas_workspace_put_context(ws, "outline", NULL,
                                                    b->data, b->len, &err),
                     POVATLAS_OK);
    l = povatlas_workspace_context(ws, &err);
    assert_non_null(l);
    assert_int_equal(l->n, 2);
    assert_string_equal(l->rows[0].role, "coastline");
    assert_string_equal(l->rows[0].name, "Biển Đông");
    assert_int_equal(l->rows[0].wkb_size, a->len);
    assert_memory_equal(l->rows[0].wkb, a->data, a->len);
    assert_string_equal(l->rows[1].role, "outline");
    assert_null(l->rows[1].name);
    assert_memory_equal(l->rows[1].wkb, b->data, b->len);
    povatlas_context_list_free(l);
    povatlas_context_list_free(NULL);

    /* a blob that is not WKB is refused, not stored as a NULL geometry */
    static const unsigned char junk[] = {0x01, 0x02, 0x00, 0x00, 0x00,
                                         0xff, 0xff, 0xff, 0x7f};
    assert_int_equal(povatlas_workspace_put_context(ws, "sea", "Biển", junk,
                                                    sizeof junk, &err),
                     POVATLAS_E_GEOM);
    assert_non_null(err);
    assert_int_equal(err->code, POVATLAS_E_GEOM);
    assert_string_equal(err->message, "context feature 'Biển': not a valid "
                                      "geometry (WKB of 9 bytes)");
    povatlas_error_free(err);
    err = NULL;
    assert_int_equal(
        povatlas_workspace_put_context(ws, "sea", NULL, junk, 0, &err),
        POVATLAS_E_GEOM);
    assert_string_equal(err->message, "context feature 'sea': no geometry");
    povatlas_error_free(err);
    err = NULL;
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT count(*), count(geom) FROM"
                                        " context_layers",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 2);
    assert_int_equal(sqlite3_column_int(q, 1), 2);
    sqlite3_finalize(q);
    sqlite3_close(raw);

    assert_int_equal(povatlas_workspace_clear_context(ws, &err), POVATLAS_OK);
    l = povatlas_workspace_context(ws, &err);
    assert_int_equal(l->n, 0);
    povatlas_context_list_free(l);
    assert_null(err);
    g_byte_array_unref(a);
    g_byte_array_unref(b);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
