/*
 * legend.c - the legend box: a title, one swatch per class with the class
 * limits and the number of units in it, a hatched "no data" swatch, and
 * symbol rows (reference circles, the dot of a dot-density map) under
 * optional headings. The words of class limits are shared with the
 * exported styles: povatlas_legend_class_labels() (analysis/class_labels.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/core.h"
#include "render/render_private.h"

static void entry_clear(void *data)
{
    povatlas_legend_entry *e = data;
    g_free(e->label);
    g_free(e->count);
}

void povatlas_legend_init(povatlas_legend *legend, const char *title)
{
    legend->title = (title && *title) ? g_strdup(title) : NULL;
    legend->note = NULL;
    legend->entries = g_array_new(FALSE, TRUE, sizeof(povatlas_legend_entry));
    g_array_set_clear_func(legend->entries, entry_clear);
}

void povatlas_legend_clear(povatlas_legend *legend)
{
    g_clear_pointer(&legend->title, g_free);
    g_clear_pointer(&legend->note, g_free);
    if (legend->entries != NULL)
        g_array_unref(legend->entries);
    legend->entries = NULL;
}

void povatlas_legend_set_note(povatlas_legend *legend, const char *note)
{
    g_free(legend->note);
    legend->note = (note && *note) ? g_strdup(note) : NULL;
}

void povatlas_legend_add(povatlas_legend *legend, unsigned int rgb, int hatched,
                         char *label, char *count)
{
    povatlas_legend_entry e = {
        rgb, hatched, label, count, POVATLAS_LEGEND_SWATCH, 0};
    g_array_append_val(legend->entries, e);
}

void povatlas_legend_add_symbol(povatlas_legend *legend,
                                povatlas_legend_kind kind, unsigned int rgb,
                                double radius_px, char *label)
{
    povatlas_legend_entry e = {rgb, 0, label, NULL, kind, radius_px};
    g_array_append_val(legend->entries, e);
}

char *povatlas_legend_count_text(size_t count, const char *lang)
{
    if (lang != NULL && strcmp(lang, "en") == 0)
        return g_strdup_printf("(%zu %s)", count,
                               count == 1 ? "ward" : "wards");
    return g_strdup_printf("(%zu phường/xã)", count);
}

/* Geometry of the legend, in pixels, shared by measure and draw. */
typedef struct legend_metrics {
    double pad, swatch_w, swatch_h, row_gap, col_gap, title_gap;
    double label_w, count_w, row_h, title_w, title_h, heading_w;
    double note_wrap, note_h;
} legend_metrics;

static int entry_flags(const povatlas_legend_entry *e)
{
    return e->kind == POVATLAS_LEGEND_HEADING ? POVATLAS_RENDER_TEXT_BOLD : 0;
}

/* Height of row @e: the text or its symbol, whichever is taller. */
static double entry_h(const povatlas_legend_entry *e, const legend_metrics *m)
{
    if (e->kind == POVATLAS_LEGEND_CIRCLE || e->kind == POVATLAS_LEGEND_DOT)
        return fmax(m->row_h, 2 * e->radius_px + 2);
    return m->row_h;
}

static void measure_rows(const povatlas_render_page *page,
                         const povatlas_legend *legend, legend_metrics *m)
{
    const povatlas_render_style *s = page->style;
    for (guint i = 0; i < legend->entries->len; i++) {
        const povatlas_legend_entry *e =
            &g_array_index(legend->entries, povatlas_legend_entry, i);
        double w, h;
        g_autoptr(PangoLayout) l = povatlas_render_text_new(
            page, e->label, s->legend_pt, entry_flags(e), 0);
        povatlas_render_text_size(l, &w, &h);
        if (e->kind == POVATLAS_LEGEND_HEADING)
            m->heading_w = fmax(m->heading_w, w);
        else
            m->label_w = fmax(m->label_w, w);
        if (e->kind == POVATLAS_LEGEND_CIRCLE || e->kind == POVATLAS_LEGEND_DOT)
            m->swatch_w = fmax(m->swatch_w, 2 * e->radius_px);
        m->row_h = fmax(m->row_h, h);
        if (e->count != NULL) {
            g_autoptr(PangoLayout) c =
                povatlas_render_text_new(page, e->count, s->legend_pt, 0, 0);
            povatlas_render_text_size(c, &w, &h);
            m->count_w = fmax(m->count_w, w);
        }
    }
}

static double body_width(const legend_metrics *m);

static PangoLayout *note_layout(const povatlas_render_page *page,
                                const povatlas_legend *legend,
                                const legend_metrics *m)
{
    PangoLayout *l =
        povatlas_render_text_new(page, legend->note, page->style->legend_pt - 1,
                                 POVATLAS_RENDER_TEXT_ITALIC, m->note_wrap);
    return l;
}

static void measure(const povatlas_render_page *page,
                    const povatlas_legend *legend, legend_metrics *m)
{
    const povatlas_render_style *s = page->style;
    memset(m, 0, sizeof(*m));
    m->pad = povatlas_render_pt(page, 8.0);
    m->swatch_w = povatlas_render_pt(page, 18.0);
    m->swatch_h = povatlas_render_pt(page, 11.0);
    m->row_gap = povatlas_render_pt(page, 4.0);
    m->col_gap = povatlas_render_pt(page, 6.0);
    m->title_gap = povatlas_render_pt(page, 6.0);
    measure_rows(page, legend, m);
    m->row_h = fmax(m->row_h, m->swatch_h);
    if (legend->title != NULL) {
        g_autoptr(PangoLayout) t = povatlas_render_text_new(
            page, legend->title, s->legend_title_pt, POVATLAS_RENDER_TEXT_BOLD,
            povatlas_render_pt(page, 190.0));
        povatlas_render_text_size(t, &m->title_w, &m->title_h);
    }
    if (legend->note != NULL) {
        double w;
        m->note_wrap = fmax(fmax(body_width(m), m->title_w),
                            povatlas_render_pt(page, 120.0));
        g_autoptr(PangoLayout) n = note_layout(page, legend, m);
        povatlas_render_text_size(n, &w, &m->note_h);
    }
}

static double body_width(const legend_metrics *m)
{
    double w = m->swatch_w + m->col_gap + m->label_w;
    if (m->count_w > 0)
        w += m->col_gap + m->count_w;
    return w;
}

void povatlas_legend_measure(const povatlas_render_page *page,
                             const povatlas_legend *legend, double *w,
                             double *h)
{
    legend_metrics m;
    measure(page, legend, &m);
    guint n = legend->entries->len;
    *w = 2 * m.pad + fmax(fmax(body_width(&m), m.title_w), m.heading_w);
    *h = 2 * m.pad + (n > 0 ? (n - 1) * m.row_gap : 0);
    for (guint i = 0; i < n; i++)
        *h += entry_h(&g_array_index(legend->entries, povatlas_legend_entry, i),
                      &m);
    if (legend->title != NULL)
        *h += m.title_h + m.title_gap;
    if (legend->note != NULL) {
        *w = fmax(*w, 2 * m.pad + m.note_wrap);
        *h += m.title_gap + m.note_h;
    }
}

static void draw_swatch(const povatlas_render_page *page,
                        const povatlas_legend_entry *e, double x, double y,
                        const legend_metrics *m)
{
    cairo_t *cr = page->cr;
    if (e->kind == POVATLAS_LEGEND_CIRCLE || e->kind == POVATLAS_LEGEND_DOT) {
        povatlas_render_symbol(page, e->kind == POVATLAS_LEGEND_CIRCLE,
                               x + m->swatch_w / 2, y + m->swatch_h / 2,
                               e->radius_px, e->rgb);
        return;
    }
    cairo_rectangle(cr, x, y, m->swatch_w, m->swatch_h);
    if (e->hatched) {
        povatlas_render_fill_pattern(page, e->rgb, page->style->hatch_rgb,
                                     e->hatched);
    } else {
        povatlas_render_set_rgb(cr, e->rgb);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x, y, m->swatch_w, m->swatch_h);
    povatlas_render_set_rgb(cr, 0x8c8c8c);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.5));
    cairo_stroke(cr);
}

static void draw_row(const povatlas_render_page *page,
                     const povatlas_legend_entry *e, double x, double y,
                     const legend_metrics *m)
{
    const povatlas_render_style *s = page->style;
    double rh = entry_h(e, m);
    double tx = x + m->swatch_w + m->col_gap;
    if (e->kind == POVATLAS_LEGEND_HEADING)
        tx = x;
    else
        draw_swatch(page, e, x, y + 0.5 * (rh - m->swatch_h), m);
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(
        page, e->label, s->legend_pt, entry_flags(e), 0);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(page, l, tx, y + 0.5 * (rh - h), s->text_rgb, 0);
    if (e->count == NULL)
        return;
    g_autoptr(PangoLayout) c =
        povatlas_render_text_new(page, e->count, s->legend_pt, 0, 0);
    povatlas_render_text_size(c, &w, &h);
    povatlas_render_text_draw(page, c, tx + m->label_w + m->col_gap,
                              y + 0.5 * (rh - h), s->muted_rgb, 0);
}

void povatlas_legend_draw(const povatlas_render_page *page,
                          const povatlas_legend *legend, double x, double y)
{
    legend_metrics m;
    double w, h;
    cairo_t *cr = page->cr;
    measure(page, legend, &m);
    povatlas_legend_measure(page, legend, &w, &h);
    cairo_rectangle(cr, x, y, w, h);
    povatlas_render_set_rgba(cr, page->style->page_rgb, 0.92);
    cairo_fill_preserve(cr);
    povatlas_render_set_rgb(cr, page->style->frame_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.5));
    cairo_stroke(cr);
    double cy = y + m.pad;
    if (legend->title != NULL) {
        g_autoptr(PangoLayout) t = povatlas_render_text_new(
            page, legend->title, page->style->legend_title_pt,
            POVATLAS_RENDER_TEXT_BOLD, povatlas_render_pt(page, 190.0));
        povatlas_render_text_draw(page, t, x + m.pad, cy, page->style->text_rgb,
                                  0);
        cy += m.title_h + m.title_gap;
    }
    for (guint i = 0; i < legend->entries->len; i++) {
        const povatlas_legend_entry *e =
            &g_array_index(legend->entries, povatlas_legend_entry, i);
        draw_row(page, e, x + m.pad, cy, &m);
        cy += entry_h(e, &m) + m.row_gap;
    }
    if (legend->note != NULL) {
        g_autoptr(PangoLayout) n = note_layout(page, legend, &m);
        povatlas_render_text_draw(page, n, x + m.pad,
                                  cy - m.row_gap + m.title_gap,
                                  page->style->muted_rgb, 0);
    }
}
