/*
 * pango_text.c - text through pango: a layout in the style's font at a size in
 * points, its size in page pixels, and drawing with an optional halo (the
 * glyph outlines stroked wide in the halo colour under the fill), so that
 * labels stay legible over any class colour. Never cairo_show_text: pango
 * shapes Vietnamese diacritics correctly and falls back between fonts.
 */
#include "render/render_private.h"

PangoLayout *povatlas_render_text_new(const povatlas_render_page *page,
                                      const char *text, double size_pt,
                                      int flags, double wrap_px)
{
    PangoLayout *layout = pango_layout_new(page->pango);
    PangoFontDescription *fd =
        pango_font_description_from_string(page->style->font_family);
    pango_font_description_set_absolute_size(
        fd, povatlas_render_pt(page, size_pt) * PANGO_SCALE);
    if (flags & POVATLAS_RENDER_TEXT_BOLD)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (flags & POVATLAS_RENDER_TEXT_ITALIC)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    if (wrap_px > 0) {
        pango_layout_set_width(layout, (int)(wrap_px * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    }
    if (flags & POVATLAS_RENDER_TEXT_CENTER)
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout, text ? text : "", -1);
    return layout;
}

void povatlas_render_text_size(PangoLayout *layout, double *w, double *h)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
}

void povatlas_render_text_draw(const povatlas_render_page *page,
                               PangoLayout *layout, double x, double y,
                               unsigned int rgb, double halo_px)
{
    cairo_t *cr = page->cr;
    cairo_save(cr);
    cairo_move_to(cr, x, y);
    if (halo_px > 0) {
        pango_cairo_layout_path(cr, layout);
        povatlas_render_set_rgb(cr, page->style->halo_rgb);
        cairo_set_line_width(cr, halo_px);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_move_to(cr, x, y);
    }
    povatlas_render_set_rgb(cr, rgb);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    if (page->texts != NULL) {
        PangoRectangle r;
        pango_layout_get_extents(layout, NULL, &r);
        povatlas_label_box b = {g_strdup(pango_layout_get_text(layout)),
                                x + (double)r.x / PANGO_SCALE,
                                y + (double)r.y / PANGO_SCALE,
                                (double)r.width / PANGO_SCALE,
                                (double)r.height / PANGO_SCALE,
                                0,
                                0,
                                0};
        g_array_append_val(page->texts, b);
    }
}
