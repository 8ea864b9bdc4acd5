/*
 * test_zone_gap.c - the zone chart of a workspace (src/render/zone_gap.c):
 * the poor rate of each zone and year as the gaps report gives it (from
 * the zone's summed counts), and the synthetic-data stamp, read back from
 * the PDF with pdftotext.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include <cairo.h>

#include "povatlas/povatlas.h"
#include "render/render_private.h"

static char *pdf_text(const char *pdf)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    char *out = NULL;
    g_autofree char *err = NULL;
    assert_int_equal(testutil_spawn(NULL, NULL, argv, &out, &err), 0);
    return out;
}

static void test_demo_chart(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *pdf = g_build_filename(dir, "zones.pdf", NULL);
    assert_int_equal(povatlas_map_zone_gap(ws, &o, pdf, &err), POVATLAS_OK);
    g_autofree char *text = pdf_text(pdf);
    /* the rates of test_report_tables.c::test_gaps: coastal 1,70 and 1,53,
     * central 0,77 and 0,67; and the gaps and ratios analysis computed
     * from the exact rates, which the rounded rates the chart shows
     * would get wrong: +0,92 and +0,85 points (not 0,93 and 0,86),
     * 2,19 and 2,27 times (not 2,21 and 2,28), peri-urban 2,17 times in
     * 2023 (not 2,18) */
    const char *want[] = {"DỮ LIỆU GIẢ LẬP",
                          "2022",
                          "2023",
                          "1,70",
                          "1,53",
                          "0,77",
                          "0,67",
                          "+0,92 điểm % · gấp 2,19 lần",
                          "+0,85 điểm % · gấp 2,27 lần",
                          "+0,79 điểm % · gấp 2,17 lần",
                          "thu hẹp 0,07 điểm %"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(text, want[i]))
            fail_msg("zone chart lacks '%s':\n%s", want[i], text);
    const char *rounded[] = {"0,93", "0,86", "2,21", "2,28", "2,18"};
    for (size_t i = 0; i < G_N_ELEMENTS(rounded); i++)
        if (strstr(text, rounded[i]))
            fail_msg("zone chart shows '%s', a gap or ratio of rounded "
                     "rates:\n%s",
                     rounded[i], text);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* The chart shows the zone rates analysis computed from the counts (the
 * gaps report's), not sums of its own: ward indicators changed after
 * analyze (every coastal ward's poor count of 2023 set to its household
 * count) leave it at 1,53 %. The old chart summed those indicators
 * itself and drew 100,00 %. */
static void test_chart_reads_analysis_rates(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_unit_list *units = povatlas_workspace_units(ws, 2023, &err);
    assert_non_null(units);
    int coastal = 0;
    for (size_t i = 0; i < units->n; i++) {
        const povatlas_unit_row *u = &units->rows[i];
        double hh = NAN;
        int found = 0;
        if (g_strcmp0(u->zone, "coastal") != 0)
            continue;
        assert_int_equal(
            povatlas_workspace_get_indicator(
                ws, u->code, 2023, POVATLAS_IND_HOUSEHOLDS, &hh, &found, &err),
            POVATLAS_OK);
        if (!found)
            continue;
        assert_int_equal(povatlas_workspace_put_indicator(
                             ws, u->code, 2023, POVATLAS_IND_POOR, hh, 1, &err),
                         POVATLAS_OK);
        coastal++;
    }
    povatlas_unit_list_free(units);
    assert_true(coastal >= 3);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *pdf = g_build_filename(dir, "zones.pdf", NULL);
    assert_int_equal(povatlas_map_zone_gap(ws, &o, pdf, &err), POVATLAS_OK);
    g_autofree char *text = pdf_text(pdf);
    if (!strstr(text, "1,53") || strstr(text, "100,00"))
        fail_msg("the chart did not draw the stored coastal rate 1,53:\n%s",
                 text);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* The chart fills its page: the rate axis (a grey line across the plot)
 * lies in the page's bottom fifth, right above the notes, not three
 * quarters down with an empty quarter under it; and the key's entries
 * begin with a capital ("Vùng", "Chênh lệch"), as lines do. */
static void test_chart_fills_the_page(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o); /* 1600 x 1200 */
    g_autofree char *png = g_build_filename(dir, "zones.png", NULL);
    assert_int_equal(povatlas_map_zone_gap(ws, &o, png, &err), POVATLAS_OK);
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    int axis = -1;
    for (int y = 0; y < h; y++) {
        int run = 0;
        for (int x = 0; x < w; x++) {
            uint32_t p = *(const uint32_t *)(data + y * stride + 4 * x);
            run += (p & 0xffffff) == 0x777777;
        }
        if (run > w / 2)
            axis = y;
    }
    cairo_surface_destroy(img);
    if (axis < h * 4 / 5)
        fail_msg("the axis is at y %d of %d", axis, h);
    g_autofree char *pdf = g_build_filename(dir, "zones.pdf", NULL);
    assert_int_equal(povatlas_map_zone_gap(ws, &o, pdf, &err), POVATLAS_OK);
    g_autofree char *text = pdf_text(pdf);
    assert_non_null(strstr(text, "Vùng"));
    assert_non_null(strstr(text, "Chênh lệch: điểm phần trăm"));
    assert_null(strstr(text, "chênh lệch: điểm"));
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

/* The verdict lines ("Khoảng cách 2022→2023: thu hẹp …") sit in the
 * plot, where the rate axis's grid lines ran through their words: each
 * now has a ground of the page's colour. In the verdict's box no column
 * of pixels holds a run of one grey the box's height (a grid line); the
 * italic glyphs have no such run. */
static void test_verdict_clear_of_the_grid(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_zone_gap_chart c;
    assert_int_equal(povatlas_zone_gap_load(ws, 2022, 2023, &c, &err),
                     POVATLAS_OK);
    povatlas_render_style st;
    assert_int_equal(povatlas_render_style_load(&st, NULL, NULL, 3, &err),
                     POVATLAS_OK);
    const int W = 1600, H = 1200;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    povatlas_render_page page;
    povatlas_render_page_init(&page, cr, W, H, 150, &st, "vi");
    GArray *texts = g_array_new(FALSE, TRUE, sizeof(povatlas_label_box));
    page.texts = texts;
    povatlas_rect box = {60, 60, W - 120, H - 120};
    povatlas_zone_gap_draw(&page, &c, &box);
    cairo_surface_flush(img);
    const unsigned char *d = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    int verdicts = 0;
    for (guint i = 0; i < texts->len; i++) {
        povatlas_label_box *b = &g_array_index(texts, povatlas_label_box, i);
        if (b->text && g_str_has_prefix(b->text, "Khoảng cách 2022→2023")) {
            verdicts++;
            int x0 = (int)ceil(b->x), x1 = (int)floor(b->x + b->width);
            int y0 = (int)ceil(b->y), y1 = (int)floor(b->y + b->height);
            for (int x = x0; x < x1; x++) {
                int run = 0, longest = 0;
                uint32_t prev = 0xffffff;
                for (int y = y0; y < y1; y++) {
                    uint32_t px =
                        *(const uint32_t *)(d + y * stride + 4 * x) & 0xffffff;
                    run = px != 0xffffff && px == prev ? run + 1 : 1;
                    prev = px;
                    if (px != 0xffffff && run > longest)
                        longest = run;
                }
                if (longest > (y1 - y0) * 0.8)
                    fail_msg("'%s': a line of #%06x runs through x %d", b->text,
                             prev, x);
            }
        }
        g_free(b->text);
    }
    assert_int_equal(verdicts, 2); /* coastal and peri-urban */
    g_array_free(texts, TRUE);
    povatlas_render_page_clear(&page);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    povatlas_render_style_clear(&st);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_chart),
        cmocka_unit_test(test_chart_reads_analysis_rates),
        cmocka_unit_test(test_chart_fills_the_page),
        cmocka_unit_test(test_verdict_clear_of_the_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
