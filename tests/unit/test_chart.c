/*
 * test_chart.c - bar charts (src/render/chart.c): the page at the size
 * asked, the texts and the value labels in the language's number format
 * (read back from the PDF with pdftotext), an empty chart refused.
 */
#include "testutil.h"

#include <string.h>

#include <cairo.h>

#include "povatlas/render.h"

/* The text of a PDF (pdftotext, poppler-utils). */
static char *pdf_text(const char *pdf)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    char *out = NULL;
    g_autofree char *err = NULL;
    assert_int_equal(testutil_spawn(NULL, NULL, argv, &out, &err), 0);
    return out;
}

static void chart_init(povatlas_chart *c, const povatlas_chart_series *s,
                       const char *const *cats, const char *lang)
{
    memset(c, 0, sizeof *c);
    c->title = "Tỷ lệ hộ nghèo theo vùng";
    c->subtitle = "2022 và 2023";
    c->source_note = "Nguồn: thử nghiệm";
    c->categories = cats;
    c->n_categories = 3;
    c->series = s;
    c->n_series = 2;
    c->decimals = 2;
    c->value_suffix = " %";
    c->lang = lang;
    c->width_px = 800;
    c->height_px = 500;
    c->dpi = 96;
}

static void test_bars(void **state)
{
    (void)state;
    static const char *const cats[] = {"ven biển", "ven đô", "nội thị"};
    static const double y22[] = {1.7, 1.58, 0.77}, y23[] = {1.53, 1.46, 0.67};
    const povatlas_chart_series s[] = {{"2022", y22}, {"2023", y23}};
    povatlas_chart c;
    chart_init(&c, s, cats, "vi");
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *png = g_build_filename(dir, "c.png", NULL);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_chart_render_bars(&c, png, &err), POVATLAS_OK);
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(img), 800);
    assert_int_equal(cairo_image_surface_get_height(img), 500);
    cairo_surface_destroy(img);

    g_autofree char *pdf = g_build_filename(dir, "c.pdf", NULL);
    assert_int_equal(povatlas_chart_render_bars(&c, pdf, &err), POVATLAS_OK);
    g_autofree char *text = pdf_text(pdf);
    const char *want[] = {"Tỷ lệ hộ nghèo theo vùng",
                          "Nguồn: thử nghiệm",
                          "ven biển",
                          "nội thị",
                          "2022",
                          "2023",
                          "1,70 %",
                          "1,53 %",
                          "0,67 %"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(text, want[i]))
            fail_msg("chart lacks '%s':\n%s", want[i], text);
    /* English: the English number format */
    chart_init(&c, s, cats, "en");
    assert_int_equal(povatlas_chart_render_bars(&c, pdf, &err), POVATLAS_OK);
    g_autofree char *en = pdf_text(pdf);
    assert_non_null(strstr(en, "1.53 %"));
    assert_null(strstr(en, "1,53 %"));
    assert_null(err);

    /* nothing to draw: refused, no file */
    g_autofree char *none = g_build_filename(dir, "none.png", NULL);
    c.n_series = 0;
    assert_int_equal(povatlas_chart_render_bars(&c, none, &err),
                     POVATLAS_E_USAGE);
    assert_string_equal(err->message, "empty chart");
    povatlas_error_free(err);
    assert_false(g_file_test(none, G_FILE_TEST_EXISTS));
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
