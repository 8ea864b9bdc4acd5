/*
 * page.c - the drawing page: a cairo context in output pixels and a pango
 * context of its own (no process-wide default font map), set up so that
 * text measures the same on PNG, SVG and PDF surfaces: no hinting, no
 * metric rounding, grey antialiasing.
 */
#include "render/render_private.h"

void povatlas_render_page_init(povatlas_render_page *page, cairo_t *cr,
                               double width, double height, double dpi,
                               const povatlas_render_style *style,
                               const char *lang)
{
    page->cr = cr;
    page->width = width;
    page->height = height;
    page->px_per_pt = dpi / 72.0;
    page->style = style;
    page->lang = lang;
    page->texts = NULL; /* a caller that records text boxes sets it */
    page->fontmap = pango_cairo_font_map_new();
    page->pango = pango_font_map_create_context(page->fontmap);

    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(page->pango, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(page->pango, FALSE);
    pango_cairo_update_context(cr, page->pango);
}

void povatlas_render_page_clear(povatlas_render_page *page)
{
    g_clear_object(&page->pango);
    g_clear_object(&page->fontmap);
    page->cr = NULL;
}

void povatlas_render_set_rgb(cairo_t *cr, unsigned int rgb)
{
    povatlas_render_set_rgba(cr, rgb, 1.0);
}

void povatlas_render_set_rgba(cairo_t *cr, unsigned int rgb, double alpha)
{
    cairo_set_source_rgba(cr, ((rgb >> 16) & 0xff) / 255.0,
                          ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0,
                          alpha);
}

double povatlas_render_pt(const povatlas_render_page *page, double pt)
{
    return pt * page->px_per_pt;
}
