/*
 * test_slides.c - the slides for a projector (src/render/slides.c) made
 * from the demo workspace: the files in order, each 1920 x 1080 and not
 * blank (pixels counted), the red synthetic-data band across the top of
 * each, no text box over another (the north arrow of a wide map used to
 * sit on its tall legend), no text smaller than 28 px, the texts in
 * Vietnamese by default and in English with "en", and an existing slide
 * refused unless overwrite is asked for.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include <cairo.h>
#include <glib.h>

#include "povatlas/maps.h"
#include "render/render_private.h"

typedef struct fx {
    char *dir;
    povatlas_workspace *ws;
} fx;

static int group_setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->dir = testutil_tmpdir();
    g_autofree char *out = g_build_filename(f->dir, "demo", NULL);
    const char *argv[] = {"demo", "--out", out, "-q", NULL};
    if (testutil_run(argv, NULL, NULL) != 0)
        return -1;
    g_autofree char *db = g_build_filename(out, "atlas.sqlite", NULL);
    f->ws = povatlas_workspace_open(db, 0, NULL);
    *state = f;
    return f->ws ? 0 : -1;
}

static int group_teardown(void **state)
{
    fx *f = *state;
    povatlas_workspace_close(f->ws);
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

static const char *const FILES[] = {"01-targets.png", "02-poor-rate.png",
                                    "03-change.png", "04-priority.png"};

/* Writes the slides of @lang into DIR/@sub; returns the per-slide text
 * boxes. */
static GPtrArray *write_slides(fx *f, const char *sub, const char *lang,
                               char **dir_out)
{
    povatlas_slides_opts o;
    povatlas_slides_opts_init(&o);
    g_autofree char *dir = g_build_filename(f->dir, sub, NULL);
    o.dir = dir;
    o.lang = lang;
    GPtrArray *trace =
        g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    char **files = NULL;
    povatlas_error *err = NULL;
    povatlas_status st =
        povatlas_slides_write_traced(f->ws, &o, &files, trace, &err);
    if (st != POVATLAS_OK)
        fail_msg("slides: %s", err ? err->message : "?");
    assert_int_equal(g_strv_length(files), G_N_ELEMENTS(FILES));
    for (size_t i = 0; i < G_N_ELEMENTS(FILES); i++)
        assert_string_equal(files[i], FILES[i]);
    assert_int_equal(trace->len, G_N_ELEMENTS(FILES));
    g_strfreev(files);
    *dir_out = g_steal_pointer(&dir);
    return trace;
}

/* The slide's texts joined, to look for words in. */
static char *all_text(GArray *boxes)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < boxes->len; i++) {
        const povatlas_label_box *b =
            &g_array_index(boxes, povatlas_label_box, i);
        if (b->text)
            g_string_append_printf(s, "%s\n", b->text);
    }
    return g_string_free(s, FALSE);
}

static void assert_no_overlap(GArray *boxes, const char *where)
{
    const povatlas_label_box *bx = (const povatlas_label_box *)boxes->data;
    for (guint i = 0; i < boxes->len; i++) {
        const povatlas_label_box *a = &bx[i];
        if (!a->text || !*a->text || a->width <= 0 || a->height <= 0)
            continue;
        for (guint k = i + 1; k < boxes->len; k++) {
            const povatlas_label_box *b = &bx[k];
            if (!b->text || !*b->text || b->width <= 0 || b->height <= 0)
                continue;
            double ox =
                fmin(a->x + a->width, b->x + b->width) - fmax(a->x, b->x);
            double oy =
                fmin(a->y + a->height, b->y + b->height) - fmax(a->y, b->y);
            if (ox > 0.5 && oy > 0.5)
                fail_msg("%s: '%s' (%.0f,%.0f %.0fx%.0f) overlaps '%s' "
                         "(%.0f,%.0f %.0fx%.0f)",
                         where, a->text, a->x, a->y, a->width, a->height,
                         b->text, b->x, b->y, b->width, b->height);
        }
    }
}

static void test_slides_look_right(void **state)
{
    fx *f = *state;
    g_autofree char *dir = NULL;
    GPtrArray *trace = write_slides(f, "vi", "vi", &dir);
    for (size_t i = 0; i < G_N_ELEMENTS(FILES); i++) {
        g_autofree char *path = g_build_filename(dir, FILES[i], NULL);
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
        assert_int_equal(cairo_image_surface_get_width(img), 1920);
        assert_int_equal(cairo_image_surface_get_height(img), 1080);
        cairo_surface_flush(img);
        const unsigned char *data = cairo_image_surface_get_data(img);
        int stride = cairo_image_surface_get_stride(img);
        /* not blank: well over a tenth of the slide drawn on, and the band
         * (#c0392b) across the top at both ends */
        size_t inked = 0;
        for (int y = 0; y < 1080; y++)
            for (int x = 0; x < 1920; x++) {
                uint32_t p = *(const uint32_t *)(data + y * stride + 4 * x);
                inked += (p & 0xffffff) != 0xffffff;
            }
        double share = (double)inked / (1920.0 * 1080.0);
        if (share < 0.10)
            fail_msg("%s: only %.1f %% of the pixels drawn on", FILES[i],
                     100 * share);
        for (int x = 5; x < 1920; x += 1905) {
            uint32_t p = *(const uint32_t *)(data + 10 * stride + 4 * x);
            if ((p & 0xffffff) != 0xc0392b)
                fail_msg("%s: pixel (%d,10) is #%06x, not the band's red",
                         FILES[i], x, p & 0xffffff);
        }
        cairo_surface_destroy(img);

        GArray *boxes = g_ptr_array_index(trace, i);
        assert_no_overlap(boxes, FILES[i]);
        g_autofree char *t = all_text(boxes);
        assert_non_null(strstr(t, "DỮ LIỆU GIẢ LẬP"));
        /* legible from the back of a room: no text line under 28 px (the
         * line of a 28 px font is about 38 px high) */
        for (guint k = 0; k < boxes->len; k++) {
            const povatlas_label_box *b =
                &g_array_index(boxes, povatlas_label_box, k);
            if (b->text && *b->text && b->height < 36)
                fail_msg("%s: '%s' is %.0f px high", FILES[i], b->text,
                         b->height);
        }
    }
    g_autofree char *cover = all_text(g_ptr_array_index(trace, 0));
    assert_non_null(strstr(cover, "Giảm nghèo năm 2023"));
    assert_non_null(strstr(cover, "CHƯA ĐẠT"));
    assert_non_null(strstr(cover, "Thực hiện 1,17 % · mục tiêu 1,15 %"));
    assert_non_null(strstr(cover, "Thực hiện −57 hộ · mục tiêu −71 hộ"));
    g_autofree char *prio = all_text(g_ptr_array_index(trace, 3));
    /* rank 1 of the demo's priority, its rate and change with units */
    assert_non_null(strstr(prio, "Đông Hải"));
    assert_non_null(strstr(prio, "1,58 %"));
    assert_non_null(strstr(prio, "−0,25 điểm %"));
    assert_non_null(strstr(prio, "10 trên 16 phường, xã"));
    g_ptr_array_unref(trace);
}

static void test_slides_in_english(void **state)
{
    fx *f = *state;
    g_autofree char *dir = NULL;
    GPtrArray *trace = write_slides(f, "en", "en", &dir);
    g_autofree char *cover = all_text(g_ptr_array_index(trace, 0));
    assert_non_null(strstr(cover, "Poverty reduction in 2023"));
    assert_non_null(strstr(cover, "SYNTHETIC DATA"));
    assert_non_null(strstr(cover, "Achieved −57 households · target −71"));
    assert_null(strstr(cover, "Thực hiện"));
    g_autofree char *map = all_text(g_ptr_array_index(trace, 1));
    assert_non_null(strstr(map, "Poor"));
    g_autofree char *prio = all_text(g_ptr_array_index(trace, 3));
    assert_non_null(strstr(prio, "Wards to support first in 2023"));
    assert_non_null(strstr(prio, "−0.25 pp"));
    for (guint i = 0; i < trace->len; i++)
        assert_no_overlap(g_ptr_array_index(trace, i), "en");
    g_ptr_array_unref(trace);
}

static void test_existing_slides_refused(void **state)
{
    fx *f = *state;
    g_autofree char *dir = NULL;
    g_ptr_array_unref(write_slides(f, "again", "vi", &dir));
    g_autofree char *first = g_build_filename(dir, FILES[0], NULL);
    g_autofree char *before = NULL;
    gsize n_before = 0;
    assert_true(g_file_get_contents(first, &before, &n_before, NULL));
    povatlas_slides_opts o;
    povatlas_slides_opts_init(&o);
    o.dir = dir;
    o.lang = "en"; /* other bytes, were it written */
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_slides_write(f->ws, &o, NULL, &err),
                     POVATLAS_E_USAGE);
    assert_non_null(strstr(err->message, "exists"));
    povatlas_error_free(err);
    g_autofree char *after = NULL;
    gsize n_after = 0;
    assert_true(g_file_get_contents(first, &after, &n_after, NULL));
    assert_int_equal(n_after, n_before);
    assert_memory_equal(after, before, n_before);
    o.overwrite = 1;
    err = NULL;
    assert_int_equal(povatlas_slides_write(f->ws, &o, NULL, &err), POVATLAS_OK);
    o.dir = NULL;
    assert_int_equal(povatlas_slides_write(f->ws, &o, NULL, &err),
                     POVATLAS_E_USAGE);
    povatlas_error_free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slides_look_right),
        cmocka_unit_test(test_slides_in_english),
        cmocka_unit_test(test_existing_slides_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
