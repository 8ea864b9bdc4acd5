/*
 * chart.c - grouped bar charts (a value per category and series, e.g. the
 * poor rate per zone and year): bars from zero, a value on each bar in the
 * language's number format, series told apart by lightness so the chart
 * reads in grayscale. Draws into a file or into a box of an atlas page.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/targets.h"
#include "render/render_private.h"

static const unsigned int SERIES_RGB[] = {0xbdbdbd, 0x6baed6, 0x08519c,
                                          0x252525};

static double chart_max(const povatlas_chart *c)
{
    double m = 0;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t k = 0; k < c->n_categories; k++)
            if (isfinite(c->series[s].values[k]))
                m = fmax(m, c->series[s].values[k]);
    return m > 0 ? m : 1;
}

static void text_at(const povatlas_render_page *p, const char *t, double pt,
                    int flags, double x, double y, double ax)
{
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(p, t, pt, flags, 0);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(p, l, x - ax * w, y, p->style->text_rgb, 0);
}

static void draw_legend_row(const povatlas_render_page *p,
                            const povatlas_chart *c, double x, double y)
{
    double sw = povatlas_render_pt(p, 10);
    for (size_t s = 0; s < c->n_series; s++) {
        cairo_rectangle(p->cr, x, y, sw, sw);
        povatlas_render_set_rgb(p->cr, SERIES_RGB[s % 4]);
        cairo_fill(p->cr);
        text_at(p, c->series[s].name, 9, 0, x + 1.4 * sw, y - sw * 0.2, 0);
        x += povatlas_render_pt(p, 60);
    }
}

void povatlas_chart_draw(const povatlas_render_page *p, const povatlas_chart *c,
                         const povatlas_rect *box)
{
    double vmax = chart_max(c) * 1.15;
    double top = box->y + povatlas_render_pt(p, 22);
    double bottom = box->y + box->h - povatlas_render_pt(p, 20);
    double gw = box->w / (double)(c->n_categories ? c->n_categories : 1);
    double bw = 0.8 * gw / (double)(c->n_series ? c->n_series : 1);
    draw_legend_row(p, c, box->x, box->y);
    for (size_t k = 0; k < c->n_categories; k++) {
        double gx = box->x + k * gw + 0.1 * gw;
        for (size_t s = 0; s < c->n_series; s++) {
            double v = c->series[s].values[k];
            if (!isfinite(v)) { /* no data: a dash on the axis, no bar */
                text_at(p, "–", 10, 0, gx + s * bw + bw * 0.46,
                        bottom - povatlas_render_pt(p, 14), 0.5);
                continue;
            }
            double h = (bottom - top) * v / vmax;
            cairo_rectangle(p->cr, gx + s * bw, bottom - h, bw * 0.92, h);
            povatlas_render_set_rgb(p->cr, SERIES_RGB[s % 4]);
            cairo_fill(p->cr);
            char *num = povatlas_format_number(v, c->decimals, c->lang);
            g_autofree char *t =
                g_strdup_printf("%s%s", num ? num : "?",
                                c->value_suffix ? c->value_suffix : "");
            free(num);
            text_at(p, t, 8, 0, gx + s * bw + bw * 0.46,
                    bottom - h - povatlas_render_pt(p, 11), 0.5);
        }
        text_at(p, c->categories[k], 10, POVATLAS_RENDER_TEXT_BOLD,
                box->x + (k + 0.5) * gw, bottom + povatlas_render_pt(p, 3),
                0.5);
    }
    cairo_move_to(p->cr, box->x, bottom);
    cairo_line_to(p->cr, box->x + box->w, bottom);
    povatlas_render_set_rgb(p->cr, 0x555555);
    cairo_set_line_width(p->cr, povatlas_render_pt(p, 0.8));
    cairo_stroke(p->cr);
}

static povatlas_status draw_page(const povatlas_chart *c, cairo_t *cr,
                                 povatlas_error **err)
{
    povatlas_render_style st;
    povatlas_status s = povatlas_render_style_load(&st, NULL, NULL, 3, err);
    if (s)
        return s;
    povatlas_render_page p;
    povatlas_render_page_init(&p, cr, c->width_px, c->height_px, c->dpi, &st,
                              c->lang);
    povatlas_render_set_rgb(cr, st.page_rgb);
    cairo_paint(cr);
    double top = povatlas_furniture_titles(&p, 0, c->title, c->subtitle, 1);
    double bottom = povatlas_furniture_notes(&p, c->source_note, NULL, NULL, 1);
    double m = povatlas_render_pt(&p, st.margin_pt);
    povatlas_rect box = {m, top + m, p.width - 2 * m, bottom - top - 2 * m};
    if (c->y_label)
        text_at(&p, c->y_label, 9, POVATLAS_RENDER_TEXT_ITALIC, p.width - m,
                top, 1);
    povatlas_chart_draw(&p, c, &box);
    povatlas_render_page_clear(&p);
    povatlas_render_style_clear(&st);
    return POVATLAS_OK;
}

povatlas_status povatlas_chart_render_bars(const povatlas_chart *chart,
                                           const char *path,
                                           povatlas_error **err)
{
    if (chart == NULL || chart->n_categories == 0 || chart->n_series == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "empty chart");
    povatlas_render_target t = {0};
    povatlas_status st = povatlas_render_target_open(
        &t, path, chart->width_px, chart->height_px, chart->dpi, err);
    if (st)
        return st;
    st = draw_page(chart, t.cr, err);
    if (!st)
        return povatlas_render_target_commit(&t, err);
    povatlas_render_target_abort(&t);
    return st;
}

unsigned int povatlas_render_target_rgb(int state)
{
    return state == POVATLAS_TARGET_MET      ? 0x1a7f37
           : state == POVATLAS_TARGET_MISSED ? 0xb42318
                                             : 0x555555;
}

void povatlas_render_bullet(cairo_t *cr, const povatlas_target_eval *e,
                            const povatlas_rect *box)
{
    double base = fabs(e->baseline), tgt = fabs(e->target),
           got = fabs(e->achieved);
    double mx = 0;
    mx = isnan(base) ? mx : fmax(mx, base);
    mx = isnan(tgt) ? mx : fmax(mx, tgt);
    mx = isnan(got) ? mx : fmax(mx, got);
    mx = mx > 0 ? mx * 1.1 : 1;
    const double X = box->x, y = box->y, W = box->w, H = box->h;
    /* the tick overhangs the bar by a seventh of its height each way */
    const double tick_w = H * 5.0 / 34.0, over = H * 5.0 / 34.0;
    cairo_rectangle(cr, X, y, W, H);
    povatlas_render_set_rgb(cr, 0xf1f1f3);
    cairo_fill(cr);
    if (!isnan(base)) {
        cairo_rectangle(cr, X, y, W * base / mx, H);
        povatlas_render_set_rgb(cr, 0xcfcfd6);
        cairo_fill(cr);
    }
    if (!isnan(got)) {
        cairo_rectangle(cr, X, y + H * 0.25, W * got / mx, H * 0.5);
        povatlas_render_set_rgb(
            cr, povatlas_render_target_rgb(e->state == POVATLAS_TARGET_MET
                                               ? POVATLAS_TARGET_MET
                                               : POVATLAS_TARGET_MISSED));
        cairo_fill(cr);
    }
    if (!isnan(tgt)) {
        cairo_rectangle(cr, X + W * tgt / mx - tick_w / 2, y - over, tick_w,
                        H + 2 * over);
        povatlas_render_set_rgb(cr, 0x000000);
        cairo_fill(cr);
    }
}
