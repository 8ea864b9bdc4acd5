/*
 * zone_gap.c - the zone-gap chart: for the coastal and the peri-urban zone,
 * one row per year with the central zone's poor rate (open dot), the
 * zone's (filled dot) and the gap between them drawn as a bar and written
 * out in percentage points and as a ratio ("+0,85 điểm % · gấp 2,27
 * lần"), then how the gap moved. The rates, gaps and ratios are analysis's
 * (povatlas_zone_rates_get(): as analyze stored them, exact, rounded once); the
 * words are the zone table's. Nothing is computed here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/zones.h"
#include "render/render_private.h"

povatlas_status povatlas_maps_zone_series(povatlas_workspace *ws, int y0,
                                          int y1, double *rates,
                                          povatlas_error **err)
{
    int ny = y1 - y0 + 1;
    for (int y = 0; y < ny; y++) {
        povatlas_zone_rates r[3];
        povatlas_status st = povatlas_zone_rates_get(ws, y0 + y, r, err);
        if (st)
            return st;
        for (int z = 0; z < 3; z++)
            rates[z * ny + y] = r[z].poor_hundredths >= 0
                                    ? (double)r[z].poor_hundredths / 100.0
                                    : NAN;
    }
    return POVATLAS_OK;
}

void povatlas_maps_zone_titles(int en, const char *titles[3])
{
    for (int z = 0; z < 3; z++) {
        const povatlas_zone_info *zi =
            povatlas_zone_info_of((povatlas_zone)(POVATLAS_ZONE_COASTAL + z));
        titles[z] = en ? zi->title_en : zi->title_vi;
    }
}

povatlas_status povatlas_zone_gap_load(povatlas_workspace *ws, int y0, int y1,
                                       povatlas_zone_gap_chart *c,
                                       povatlas_error **err)
{
    memset(c, 0, sizeof(*c));
    if (y1 - y0 + 1 > POVATLAS_ZONE_GAP_MAX_YEARS || y0 > y1)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "zone-gap needs 1 to %d years, not %d-%d",
                                  POVATLAS_ZONE_GAP_MAX_YEARS, y0, y1);
    c->y0 = y0;
    c->n_years = y1 - y0 + 1;
    for (int y = 0; y < c->n_years; y++) {
        povatlas_status st =
            povatlas_zone_rates_get(ws, y0 + y, c->rates[y], err);
        if (st)
            return st;
    }
    return POVATLAS_OK;
}

char *povatlas_zone_gap_title(const povatlas_zone_gap_chart *c, int en)
{
    int y1 = c->y0 + c->n_years - 1;
    g_autofree char *years = c->n_years > 1
                                 ? g_strdup_printf("%d–%d", c->y0, y1)
                                 : g_strdup_printf("%d", c->y0);
    return g_strdup_printf(en ? "Gap in the poor-household rate between the "
                                "outer zones and the centre, %s"
                              : "Chênh lệch tỷ lệ hộ nghèo giữa các vùng và "
                                "nội thị, %s",
                           years);
}

static double gz_text(const povatlas_render_page *p, const char *t, double pt,
                      int flags, double x, double y, double ax,
                      unsigned int rgb)
{
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(p, t, pt, flags, 0);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(p, l, x - ax * w, y, rgb, 0);
    return h;
}

static char *pct(const povatlas_render_page *p, int64_t h)
{
    if (h < 0)
        return g_strdup("–");
    char *n = povatlas_format_hundredths(h, p->lang);
    char *out = g_strdup_printf("%s %%", n ? n : "?");
    free(n);
    return out;
}

/* Round axis step for a maximum of @mx percent. */
static double axis_step(double mx)
{
    static const double steps[] = {0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20};
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++)
        if (mx / steps[i] <= 6)
            return steps[i];
    return 25;
}

static void dot(cairo_t *cr, double x, double y, double r, int filled,
                unsigned int rgb, double lw)
{
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * G_PI);
    povatlas_render_set_rgb(cr, filled ? rgb : 0xffffff);
    cairo_fill_preserve(cr);
    povatlas_render_set_rgb(cr, rgb);
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
}

/* Height of @t at @pt points with @flags, in pixels. */
static double gz_height(const povatlas_render_page *p, const char *t, double pt,
                        int flags)
{
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(p, t, pt, flags, 0);
    povatlas_render_text_size(l, &w, &h);
    return h;
}

double povatlas_zone_gap_draw(const povatlas_render_page *p,
                              const povatlas_zone_gap_chart *c,
                              const povatlas_rect *box)
{
    int en = p->lang && strcmp(p->lang, "en") == 0;
    const char *zt[3];
    povatlas_maps_zone_titles(en, zt);
    cairo_t *cr = p->cr;
    double u = povatlas_render_pt(p, 1.0); /* one point in pixels */
    double mx = 0;
    for (int y = 0; y < c->n_years; y++)
        for (int z = 0; z < 3; z++)
            if (c->rates[y][z].poor_hundredths >= 0)
                mx = fmax(mx, c->rates[y][z].poor_hundredths / 100.0);
    double step = axis_step(mx > 0 ? mx : 1);
    double top = ceil((mx > 0 ? mx : 1) / step) * step;
    double label_w = 60 * u, note_w = 190 * u;
    double x0 = box->x + label_w, x1 = box->x + box->w - note_w;
    /* the year rows share what the key, the zone titles, the verdicts
     * and the axis leave of the box (between 46 and 120 points each): the
     * chart fills its page or slide down to the notes */
    double fixed =
        30 * u +
        2 * (gz_height(p, zt[0], 11, POVATLAS_RENDER_TEXT_BOLD) + 4 * u) +
        (c->n_years > 1
             ? 2 * (gz_height(p, "K", 10, POVATLAS_RENDER_TEXT_ITALIC) + 14 * u)
             : 0) +
        26 * u + gz_height(p, "T", 9, POVATLAS_RENDER_TEXT_ITALIC);
    double row_h =
        fmin(120 * u, fmax(46 * u, (box->h - fixed) / (2.0 * c->n_years)));
    double y = box->y;
    const unsigned int centre_rgb = 0x555555, gap_rgb = 0xb42318;
    char *verdict[2] = {NULL, NULL};
    double verdict_y[2] = {0, 0};
    /* the key */
    double ky = y + 7 * u;
    dot(cr, box->x + 6 * u, ky, 5 * u, 0, centre_rgb, 1.6 * u);
    g_autofree char *k1 =
        g_strdup_printf(en ? "%s (the reference)" : "%s (mốc so sánh)", zt[2]);
    double kx = box->x + 16 * u;
    gz_text(p, k1, 9, 0, kx, ky - 7 * u, 0, p->style->text_rgb);
    kx += 150 * u;
    dot(cr, kx, ky, 5 * u, 1, 0x222222, 1.6 * u);
    /* each key entry starts its line: capitalised (Vùng, not vùng) */
    gz_text(p, en ? "The zone" : "Vùng", 9, 0, kx + 10 * u, ky - 7 * u, 0,
            p->style->text_rgb);
    kx += 70 * u;
    cairo_rectangle(cr, kx, ky - 3 * u, 24 * u, 6 * u);
    povatlas_render_set_rgb(cr, gap_rgb);
    cairo_fill(cr);
    gz_text(p,
            en ? "The gap: points and times the centre's rate"
               : "Chênh lệch: điểm phần trăm và gấp bao nhiêu lần nội thị",
            9, 0, kx + 30 * u, ky - 7 * u, 0, p->style->text_rgb);
    y += 30 * u;
    double axis_top = y;
    for (int z = 0; z < 2; z++) {
        y += gz_text(p, zt[z], 11, POVATLAS_RENDER_TEXT_BOLD, box->x, y, 0,
                     p->style->text_rgb) +
             4 * u;
        for (int k = 0; k < c->n_years; k++) {
            const povatlas_zone_rates *zr = &c->rates[k][z];
            const povatlas_zone_rates *cr_ = &c->rates[k][2];
            double cy = y + row_h / 2;
            g_autofree char *yr = g_strdup_printf("%d", c->y0 + k);
            gz_text(p, yr, 10, 0, box->x, cy - 7 * u, 0, p->style->text_rgb);
            cairo_move_to(cr, x0, cy);
            cairo_line_to(cr, x1, cy);
            povatlas_render_set_rgb(cr, 0xdddddd);
            cairo_set_line_width(cr, 1 * u);
            cairo_stroke(cr);
            int have = zr->poor_hundredths >= 0 && cr_->poor_hundredths >= 0;
            double xz = x0 + (x1 - x0) * zr->poor_hundredths / 100.0 / top;
            double xc = x0 + (x1 - x0) * cr_->poor_hundredths / 100.0 / top;
            if (have) {
                cairo_rectangle(cr, fmin(xz, xc), cy - 3 * u, fabs(xz - xc),
                                6 * u);
                povatlas_render_set_rgb(cr, gap_rgb);
                cairo_fill(cr);
            }
            if (cr_->poor_hundredths >= 0) {
                dot(cr, xc, cy, 5 * u, 0, centre_rgb, 1.6 * u);
                g_autofree char *t = pct(p, cr_->poor_hundredths);
                gz_text(p, t, 8, 0, xc, cy + 6 * u, 0.5, p->style->muted_rgb);
            }
            if (zr->poor_hundredths >= 0) {
                dot(cr, xz, cy, 5 * u, 1, 0x222222, 1.6 * u);
                g_autofree char *t = pct(p, zr->poor_hundredths);
                gz_text(p, t, 8, POVATLAS_RENDER_TEXT_BOLD, xz, cy - 19 * u,
                        0.5, p->style->text_rgb);
            }
            g_autofree char *note = NULL;
            if (have && zr->poor_gap_hundredths != POVATLAS_GAP_UNDEFINED) {
                char *g = povatlas_format_hundredths(
                    llabs(zr->poor_gap_hundredths), p->lang);
                char *r =
                    isnan(zr->poor_ratio)
                        ? NULL
                        : povatlas_format_number(zr->poor_ratio, 2, p->lang);
                note = g_strdup_printf(en ? "%s%s points · %s× the centre"
                                          : "%s%s điểm %% · gấp %s lần",
                                       zr->poor_gap_hundredths < 0 ? "−" : "+",
                                       g ? g : "?", r ? r : "–");
                free(g);
                free(r);
            } else {
                note = g_strdup("–");
            }
            gz_text(p, note, 10, POVATLAS_RENDER_TEXT_BOLD, x1 + 10 * u,
                    cy - 7 * u, 0, gap_rgb);
            y += row_h;
        }
        if (c->n_years > 1) {
            const povatlas_zone_rates *a0 = &c->rates[0][z],
                                      *a1 = &c->rates[c->n_years - 1][z];
            const povatlas_zone_rates *c0 = &c->rates[0][2],
                                      *c1 = &c->rates[c->n_years - 1][2];
            int64_t ch = POVATLAS_GAP_UNDEFINED;
            if (a0->poor >= 0 && a1->poor >= 0 && c0->poor >= 0 &&
                c1->poor >= 0 &&
                !povatlas_gap_change_hundredths(
                    a0->poor, a0->households, c0->poor, c0->households,
                    a1->poor, a1->households, c1->poor, c1->households, &ch))
                ch = POVATLAS_GAP_UNDEFINED;
            char *v = povatlas_gap_verdict(ch, p->lang);
            g_autofree char *t =
                g_strdup_printf(en ? "Gap %d→%d: %s" : "Khoảng cách %d→%d: %s",
                                c->y0, c->y0 + c->n_years - 1, v ? v : "–");
            free(v);
            /* drawn after the grid lines, on a ground of the page's
             * colour: the lines ran through its words */
            verdict[z] = g_steal_pointer(&t);
            verdict_y[z] = y;
            y += gz_height(p, verdict[z], 10, POVATLAS_RENDER_TEXT_ITALIC) +
                 14 * u;
        }
    }
    /* the rate axis under the rows */
    double ay = y + 4 * u;
    cairo_move_to(cr, x0, ay);
    cairo_line_to(cr, x1, ay);
    povatlas_render_set_rgb(cr, 0x777777);
    cairo_set_line_width(cr, 1 * u);
    cairo_stroke(cr);
    for (double v = 0; v <= top + 1e-9; v += step) {
        double x = x0 + (x1 - x0) * v / top;
        cairo_move_to(cr, x, axis_top);
        cairo_line_to(cr, x, ay + 3 * u);
        povatlas_render_set_rgba(cr, 0x777777, 0.35);
        cairo_set_line_width(cr, 0.6 * u);
        cairo_stroke(cr);
        char *n = povatlas_format_number(v, step < 1 ? 2 : 0, p->lang);
        g_autofree char *t = g_strdup_printf("%s %%", n ? n : "?");
        free(n);
        gz_text(p, t, 8, 0, x, ay + 5 * u, 0.5, p->style->muted_rgb);
    }
    for (int z = 0; z < 2; z++) {
        if (verdict[z] == NULL)
            continue;
        g_autoptr(PangoLayout) l = povatlas_render_text_new(
            p, verdict[z], 10, POVATLAS_RENDER_TEXT_ITALIC, 0);
        double w, h;
        povatlas_render_text_size(l, &w, &h);
        cairo_rectangle(cr, x0 - 4 * u, verdict_y[z], w + 8 * u, h);
        povatlas_render_set_rgb(cr, p->style->page_rgb);
        cairo_fill(cr);
        povatlas_render_text_draw(p, l, x0, verdict_y[z], p->style->muted_rgb,
                                  0);
        g_free(verdict[z]);
    }
    return ay + 22 * u +
           gz_text(p,
                   en ? "Poor-household rate (% of the zone's households)"
                      : "Tỷ lệ hộ nghèo (% số hộ của vùng)",
                   9, POVATLAS_RENDER_TEXT_ITALIC, (x0 + x1) / 2, ay + 22 * u,
                   0.5, p->style->muted_rgb);
}

povatlas_status povatlas_map_zone_gap(povatlas_workspace *ws,
                                      const povatlas_indicator_map_opts *o,
                                      const char *path, povatlas_error **err)
{
    int en = g_strcmp0(o->lang, "en") == 0;
    int y1 = o->year;
    if (!y1) {
        povatlas_status st = povatlas_workspace_latest_year(ws, &y1, err);
        if (st)
            return st;
    }
    int y0 = o->from_year ? o->from_year : y1 - 1;
    if (y1 <= 0 && !o->year)
        return povatlas_workspace_require(ws, 0, 0, err);
    if (y1 <= 0 || y0 > y1 || y1 - y0 > 3)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "zone-gap needs 1 to 4 years, not %d-%d", y0,
                                  y1);
    povatlas_zone_gap_chart c;
    int synthetic = 0; /* the stamp must not be lost to a failed read */
    povatlas_status st = povatlas_workspace_is_synthetic(ws, &synthetic, err);
    g_autofree char *place = NULL;
    if (!st)
        st = povatlas_workspace_get_place(ws, en ? "en" : "vi", &place, err);
    if (!st)
        st = povatlas_zone_gap_load(ws, y0, y1, &c, err);
    povatlas_render_style style;
    if (!st)
        st = povatlas_render_style_load(&style, o->style_path, NULL, 3, err);
    if (st)
        return st;
    povatlas_render_target t = {0};
    st = povatlas_render_target_open(&t, path, o->width_px, o->height_px,
                                     o->dpi, err);
    if (!st) {
        povatlas_render_page p;
        povatlas_render_page_init(&p, t.cr, o->width_px, o->height_px, o->dpi,
                                  &style, en ? "en" : "vi");
        povatlas_render_set_rgb(t.cr, style.page_rgb);
        cairo_paint(t.cr);
        double band = povatlas_furniture_banner(
            &p, synthetic ? povatlas_synthetic_note(p.lang) : NULL, 1);
        g_autofree char *title = povatlas_zone_gap_title(&c, en);
        double top = povatlas_furniture_titles(&p, band, title, place, 1);
        double bottom = povatlas_furniture_notes(
            &p,
            en ? "Rates of the summed counts of each zone's wards; the centre "
                 "(central wards) is the reference."
               : "Tỷ lệ tính từ tổng số hộ của các phường, xã trong vùng; "
                 "nội thị là mốc so sánh.",
            NULL, NULL, 1);
        double m = povatlas_render_pt(&p, style.margin_pt);
        povatlas_rect box = {m, top + m * 0.5, p.width - 2 * m,
                             bottom - top - m};
        povatlas_zone_gap_draw(&p, &c, &box);
        povatlas_render_page_clear(&p);
        st = povatlas_render_target_commit(&t, err);
    }
    povatlas_render_style_clear(&style);
    return st;
}
