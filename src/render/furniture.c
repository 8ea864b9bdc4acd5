/*
 * furniture.c - the parts of a map page that are not data: title and
 * subtitle (top left), source and boundary notes (bottom), a scale bar
 * with a round length (1, 2, 5 x 10^k m) true on the ground at the map's
 * latitude, and a north arrow turned to true north.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/core.h"
#include "render/render_private.h"

static double text_block_w(const povatlas_render_page *page, const char *text,
                           double size_pt, int flags, unsigned int rgb,
                           double x, double y, double wrap, int draw)
{
    double w, h;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(page, text, size_pt, flags, wrap);
    povatlas_render_text_size(l, &w, &h);
    if (draw)
        povatlas_render_text_draw(page, l, x, y, rgb, 0);
    return h;
}

static double text_block(const povatlas_render_page *page, const char *text,
                         double size_pt, int flags, unsigned int rgb, double x,
                         double y, int draw)
{
    double wrap =
        page->width - 2 * povatlas_render_pt(page, page->style->margin_pt);
    return text_block_w(page, text, size_pt, flags, rgb, x, y, wrap, draw);
}

double povatlas_furniture_banner(const povatlas_render_page *page,
                                 const char *text, int draw)
{
    if (text == NULL || !*text)
        return 0;
    const povatlas_render_style *s = page->style;
    double m = povatlas_render_pt(page, s->margin_pt);
    /* 14 pt bold: a tenth of an inch of capital height, legible from the
     * back of a room on a projected map and never mistaken for a note */
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(
        page, text, 14.0, POVATLAS_RENDER_TEXT_BOLD, page->width - 2 * m);
    povatlas_render_text_size(l, &w, &h);
    double pad = povatlas_render_pt(page, 5.0);
    double band = h + 2 * pad;
    if (draw) {
        cairo_rectangle(page->cr, 0, 0, page->width, band);
        povatlas_render_set_rgb(page->cr, s->banner_rgb);
        cairo_fill(page->cr);
        povatlas_render_text_draw(page, l, 0.5 * (page->width - w), pad,
                                  s->banner_text_rgb, 0);
    }
    return band;
}

double povatlas_furniture_titles(const povatlas_render_page *page, double top,
                                 const char *title, const char *subtitle,
                                 int draw)
{
    const povatlas_render_style *s = page->style;
    double m = povatlas_render_pt(page, s->margin_pt);
    double y = top + m * 0.8;
    if (title != NULL && *title) {
        y += text_block(page, title, s->title_pt, POVATLAS_RENDER_TEXT_BOLD,
                        s->text_rgb, m, y, draw);
        y += povatlas_render_pt(page, 2.0);
    }
    if (subtitle != NULL && *subtitle)
        y += text_block(page, subtitle, s->subtitle_pt, 0, s->muted_rgb, m, y,
                        draw);
    return y + povatlas_render_pt(page, 8.0);
}

/* The right-hand note (the map's CRS): width and height, drawn with its
 * bottom at @bottom when @draw. */
static void right_note(const povatlas_render_page *page, const char *text,
                       double bottom, int draw, double *w, double *h)
{
    *w = *h = 0;
    if (text == NULL || !*text)
        return;
    const povatlas_render_style *s = page->style;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(page, text, s->note_pt, 0, 0);
    povatlas_render_text_size(l, w, h);
    double m = povatlas_render_pt(page, s->margin_pt);
    if (draw)
        povatlas_render_text_draw(page, l, page->width - m - *w, bottom - *h,
                                  s->muted_rgb, 0);
}

double povatlas_furniture_notes(const povatlas_render_page *page,
                                const char *source, const char *boundary,
                                const char *crs, int draw)
{
    const povatlas_render_style *s = page->style;
    double m = povatlas_render_pt(page, s->margin_pt);
    double bottom = page->height - m * 0.7;
    double rw, rh;
    right_note(page, crs, bottom, draw, &rw, &rh);
    /* the last note beside the CRS, the ones above it across the page:
     * a source line wrapped short for the CRS's sake cost the map a line */
    const char *lines[2] = {source, boundary};
    int last = boundary != NULL && *boundary ? 1 : 0;
    double wraps[2];
    for (int i = 0; i < 2; i++)
        wraps[i] =
            page->width - 2 * m -
            (i == last && rw > 0 ? rw + povatlas_render_pt(page, 16.0) : 0);
    double total = 0, heights[2] = {0, 0};
    for (int i = 0; i < 2; i++)
        if (lines[i] != NULL && *lines[i]) {
            heights[i] = text_block_w(page, lines[i], s->note_pt, 0,
                                      s->muted_rgb, 0, 0, wraps[i], 0);
            total += heights[i];
        }
    double y = bottom - fmax(total, rh);
    double top = y;
    y = bottom - total;
    for (int i = 0; i < 2; i++)
        if (heights[i] > 0) {
            text_block_w(page, lines[i], s->note_pt, 0, s->muted_rgb, m, y,
                         wraps[i], draw);
            y += heights[i];
        }
    return top - povatlas_render_pt(page, 6.0);
}

/* Largest 1, 2 or 5 x 10^k metres not longer than @max_m. */
static double round_length(double max_m)
{
    double p = pow(10.0, floor(log10(max_m)));
    if (5 * p <= max_m)
        return 5 * p;
    if (2 * p <= max_m)
        return 2 * p;
    return p;
}

static char *length_text(double metres, int with_unit, const char *lang)
{
    int km = metres >= 1000.0;
    double v = km ? metres / 1000.0 : metres;
    int dec = fabs(v - round(v)) < 1e-9 ? 0 : 1;
    char *num = povatlas_format_number(v, dec, lang);
    char *out = with_unit ? g_strdup_printf("%s %s", num, km ? "km" : "m")
                          : g_strdup(num);
    free(num);
    return out;
}

static void scalebar_tick(const povatlas_render_page *page, const char *text,
                          double cx, double y, int draw, double *h)
{
    double w;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(
        page, text, page->style->legend_pt - 0.5, 0, 0);
    povatlas_render_text_size(l, &w, h);
    if (draw)
        povatlas_render_text_draw(page, l, cx - 0.5 * w, y,
                                  page->style->text_rgb,
                                  povatlas_render_pt(page, 2.0));
}

static void scalebar_bar(const povatlas_render_page *page, double x, double y,
                         double len_px, double bar_h)
{
    cairo_t *cr = page->cr;
    for (int i = 0; i < 4; i++) {
        cairo_rectangle(cr, x + i * len_px / 4, y, len_px / 4, bar_h);
        povatlas_render_set_rgb(cr, i % 2 ? 0xffffff : 0x333333);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x, y, len_px, bar_h);
    povatlas_render_set_rgb(cr, 0x333333);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.6));
    cairo_stroke(cr);
}

double povatlas_furniture_scalebar(const povatlas_render_page *page,
                                   double m_per_px, double max_w, double x,
                                   double y, int draw, double *w, double *h)
{
    double metres = round_length(max_w * m_per_px);
    double len_px = metres / m_per_px;
    double bar_h = povatlas_render_pt(page, 4.0);
    g_autofree char *t0 = length_text(0, 0, page->lang);
    g_autofree char *t1 = length_text(metres / 2, 0, page->lang);
    g_autofree char *t2 = length_text(metres, 1, page->lang);
    double th = 0;
    double pad = povatlas_render_pt(page, 12.0); /* room for "2 km" */
    scalebar_tick(page, t0, x + pad, y, draw, &th);
    scalebar_tick(page, t1, x + pad + len_px / 2, y, draw, &th);
    scalebar_tick(page, t2, x + pad + len_px, y, draw, &th);
    double gap = povatlas_render_pt(page, 1.5);
    if (draw)
        scalebar_bar(page, x + pad, y + th + gap, len_px, bar_h);
    *w = len_px + 2 * pad;
    *h = th + gap + bar_h;
    return metres;
}

void povatlas_furniture_north(const povatlas_render_page *page, double cx,
                              double cy, double h_px, double angle)
{
    cairo_t *cr = page->cr;
    double half = h_px / 2, wing = h_px * 0.28;
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_rotate(cr, angle);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.7));
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    /* left half dark, right half light: readable on any background */
    cairo_move_to(cr, 0, -half * 0.55);
    cairo_line_to(cr, -wing, half);
    cairo_line_to(cr, 0, half * 0.6);
    cairo_close_path(cr);
    povatlas_render_set_rgb(cr, 0x333333);
    cairo_fill_preserve(cr);
    cairo_stroke(cr);
    cairo_move_to(cr, 0, -half * 0.55);
    cairo_line_to(cr, wing, half);
    cairo_line_to(cr, 0, half * 0.6);
    cairo_close_path(cr);
    povatlas_render_set_rgb(cr, 0xffffff);
    cairo_fill_preserve(cr);
    povatlas_render_set_rgb(cr, 0x333333);
    cairo_stroke(cr);
    cairo_restore(cr);
    /* the letter upright at the arrow's tip, in page coordinates (so its
     * box is where the page's other texts are measured) */
    const char *letter =
        (page->lang && strcmp(page->lang, "en") == 0) ? "N" : "B";
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(
        page, letter, page->style->legend_pt + 1, POVATLAS_RENDER_TEXT_BOLD, 0);
    povatlas_render_text_size(l, &w, &h);
    double d = half * 0.6 + 0.5 * h;
    double lx = cx + d * sin(angle), ly = cy - d * cos(angle);
    povatlas_render_text_draw(page, l, lx - 0.5 * w, ly - 0.5 * h,
                              page->style->text_rgb,
                              povatlas_render_pt(page, 2.0));
}

char *povatlas_furniture_crs_text(int epsg, const char *lang)
{
    int zone = epsg % 100;
    char hemi = epsg / 100 == 327 ? 'S' : 'N';
    if (lang != NULL && strcmp(lang, "en") == 0)
        return g_strdup_printf("Projection: WGS 84 / UTM zone %d%c (EPSG:%d)",
                               zone, hemi, epsg);
    return g_strdup_printf("Hệ quy chiếu: WGS 84 / UTM múi %d%c (EPSG:%d)",
                           zone, hemi, epsg);
}
