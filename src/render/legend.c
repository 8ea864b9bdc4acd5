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
    memset(legend, 0, sizeof(*legend));
    legend->title = (title && *title) ? g_strdup(title) : NULL;
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
    double grid_w, grid_h; /* the bivariate grid block, 0 without one */
} legend_metrics;

/* The first entry drawn as a row: the grid's cells are not rows. */
static guint first_row(const povatlas_legend *legend)
{
    guint n = (guint)(legend->grid_n * legend->grid_n);
    return n <= legend->entries->len ? n : 0;
}

/* ---- the bivariate grid: cells, the rows' axis up the left with its
 * arrow, the columns' axis along the bottom with its arrow ------------ */

typedef struct grid_texts {
    PangoLayout *rows, *cols, *lo, *hi; /* owned */
    double rows_w, rows_h, cols_w, cols_h, lo_w, lo_h, hi_w, hi_h;
    double cell, gap, arrow; /* cell side, gaps, room of an arrow */
} grid_texts;

static void grid_texts_init(const povatlas_render_page *page,
                            const povatlas_legend *legend, grid_texts *g)
{
    const povatlas_render_style *s = page->style;
    int en = page->lang && strcmp(page->lang, "en") == 0;
    g_autofree char *rows = g_strdup_printf(
        "%s ↑", legend->grid_rows ? legend->grid_rows : (en ? "Rows" : "Hàng"));
    g_autofree char *cols =
        g_strdup_printf("%s →", legend->grid_cols ? legend->grid_cols
                                                  : (en ? "Columns" : "Cột"));
    g->rows = povatlas_render_text_new(page, rows, s->legend_pt,
                                       POVATLAS_RENDER_TEXT_BOLD, 0);
    g->cols = povatlas_render_text_new(page, cols, s->legend_pt,
                                       POVATLAS_RENDER_TEXT_BOLD, 0);
    g->lo = povatlas_render_text_new(page, en ? "low" : "thấp",
                                     s->legend_pt - 0.5, 0, 0);
    g->hi = povatlas_render_text_new(page, en ? "high" : "cao",
                                     s->legend_pt - 0.5, 0, 0);
    povatlas_render_text_size(g->rows, &g->rows_w, &g->rows_h);
    povatlas_render_text_size(g->cols, &g->cols_w, &g->cols_h);
    povatlas_render_text_size(g->lo, &g->lo_w, &g->lo_h);
    povatlas_render_text_size(g->hi, &g->hi_w, &g->hi_h);
    g->cell = fmax(povatlas_render_pt(page, 20.0), g->lo_h);
    g->gap = povatlas_render_pt(page, 3.0);
    g->arrow = povatlas_render_pt(page, 8.0);
}

static void grid_texts_clear(grid_texts *g)
{
    g_object_unref(g->rows);
    g_object_unref(g->cols);
    g_object_unref(g->lo);
    g_object_unref(g->hi);
}

/* Left of the cells: the widest tick word, a gap and the arrow. */
static double grid_left(const grid_texts *g)
{
    return fmax(g->lo_w, g->hi_w) + g->gap + g->arrow;
}

static void grid_measure(const povatlas_render_page *page,
                         const povatlas_legend *legend, legend_metrics *m)
{
    if (first_row(legend) == 0)
        return;
    grid_texts g;
    grid_texts_init(page, legend, &g);
    double n = legend->grid_n;
    m->grid_w = fmax(fmax(grid_left(&g) + n * g.cell, g.rows_w), g.cols_w);
    m->grid_h = g.rows_h + g.gap + n * g.cell + g.arrow + fmax(g.lo_h, g.hi_h) +
                g.cols_h + g.gap;
    grid_texts_clear(&g);
}

static void arrow_line(cairo_t *cr, double x0, double y0, double x1, double y1,
                       double head)
{
    double a = atan2(y1 - y0, x1 - x0);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x1 - head * cos(a - 0.45), y1 - head * sin(a - 0.45));
    cairo_line_to(cr, x1 - head * cos(a + 0.45), y1 - head * sin(a + 0.45));
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* Draws the grid block at (x, y); returns its height. */
static double grid_draw(const povatlas_render_page *page,
                        povatlas_legend *legend, double x, double y,
                        const legend_metrics *m)
{
    const povatlas_render_style *s = page->style;
    cairo_t *cr = page->cr;
    grid_texts g;
    grid_texts_init(page, legend, &g);
    int n = legend->grid_n;
    povatlas_render_text_draw(page, g.rows, x, y, s->text_rgb, 0);
    double gx = x + grid_left(&g), gy = y + g.rows_h + g.gap;
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            const povatlas_legend_entry *e = &g_array_index(
                legend->entries, povatlas_legend_entry, (guint)(n * r + c));
            double cx = gx + c * g.cell, cy = gy + (n - 1 - r) * g.cell;
            cairo_rectangle(cr, cx, cy, g.cell, g.cell);
            if (e->hatched)
                povatlas_render_fill_pattern(page, e->rgb, s->hatch_rgb,
                                             e->hatched);
            else {
                povatlas_render_set_rgb(cr, e->rgb);
                cairo_fill(cr);
            }
            double *out = legend->grid_cell[n * r + c];
            out[0] = cx;
            out[1] = cy;
            out[2] = g.cell;
            out[3] = g.cell;
        }
    cairo_rectangle(cr, gx, gy, n * g.cell, n * g.cell);
    povatlas_render_set_rgb(cr, 0x8c8c8c);
    cairo_set_line_width(cr, povatlas_render_pt(page, 0.5));
    cairo_stroke(cr);
    /* the axes: up the left side, along the bottom */
    povatlas_render_set_rgb(cr, s->text_rgb);
    cairo_set_line_width(cr, povatlas_render_pt(page, 1.0));
    double head = povatlas_render_pt(page, 4.0);
    double ax = gx - g.arrow / 2, ay = gy + n * g.cell + g.arrow / 2;
    arrow_line(cr, ax, ay, ax, gy, head);
    arrow_line(cr, ax, ay, gx + n * g.cell, ay, head);
    double tx = gx - g.arrow - g.gap;
    povatlas_render_text_draw(page, g.hi, tx - g.hi_w, gy, s->muted_rgb, 0);
    povatlas_render_text_draw(page, g.lo, tx - g.lo_w,
                              gy + n * g.cell - g.lo_h - g.arrow / 2,
                              s->muted_rgb, 0);
    double by = gy + n * g.cell + g.arrow;
    povatlas_render_text_draw(page, g.lo, gx, by, s->muted_rgb, 0);
    povatlas_render_text_draw(page, g.hi, gx + n * g.cell - g.hi_w, by,
                              s->muted_rgb, 0);
    by += fmax(g.lo_h, g.hi_h);
    povatlas_render_text_draw(page, g.cols, x + m->grid_w - g.cols_w, by,
                              s->text_rgb, 0);
    grid_texts_clear(&g);
    return m->grid_h;
}

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
                         const povatlas_legend *legend, guint from, guint to,
                         legend_metrics *m)
{
    const povatlas_render_style *s = page->style;
    for (guint i = from; i < to; i++) {
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

/* The metrics of rows @from to @to only; no title, grid nor note. */
static void measure_range(const povatlas_render_page *page,
                          const povatlas_legend *legend, guint from, guint to,
                          legend_metrics *m)
{
    memset(m, 0, sizeof(*m));
    m->pad = povatlas_render_pt(page, 8.0);
    m->swatch_w = povatlas_render_pt(page, 18.0);
    m->swatch_h = povatlas_render_pt(page, 11.0);
    m->row_gap = povatlas_render_pt(page, 4.0);
    m->col_gap = povatlas_render_pt(page, 6.0);
    m->title_gap = povatlas_render_pt(page, 6.0);
    measure_rows(page, legend, from, to, m);
    m->row_h = fmax(m->row_h, m->swatch_h);
}

/* Height of rows @from to @to, gaps between them. */
static double rows_h(const povatlas_legend *legend, guint from, guint to,
                     const legend_metrics *m)
{
    double h = to > from ? (to - from - 1) * m->row_gap : 0;
    for (guint i = from; i < to; i++)
        h += entry_h(&g_array_index(legend->entries, povatlas_legend_entry, i),
                     m);
    return h;
}

static guint split_row(const povatlas_render_page *page,
                       const povatlas_legend *legend);

static void measure(const povatlas_render_page *page,
                    const povatlas_legend *legend, legend_metrics *m)
{
    const povatlas_render_style *s = page->style;
    guint split = split_row(page, legend);
    measure_range(page, legend, first_row(legend),
                  split ? split : legend->entries->len, m);
    grid_measure(page, legend, m);
    if (legend->title != NULL) {
        g_autoptr(PangoLayout) t = povatlas_render_text_new(
            page, legend->title, s->legend_title_pt, POVATLAS_RENDER_TEXT_BOLD,
            povatlas_render_pt(page, 190.0));
        povatlas_render_text_size(t, &m->title_w, &m->title_h);
    }
    if (legend->note != NULL) {
        double w;
        m->note_wrap = fmax(fmax(fmax(body_width(m), m->title_w), m->grid_w),
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

/* Width and height of the first column (title, grid, rows up to @to,
 * note), @m measured for it. */
static void column_size(const povatlas_legend *legend, guint to,
                        const legend_metrics *m, double *w, double *h)
{
    guint k = first_row(legend);
    *w = fmax(fmax(body_width(m), m->title_w), m->heading_w);
    *w = fmax(*w, m->grid_w);
    *h = rows_h(legend, k, to, m);
    if (k > 0)
        *h += m->grid_h + (to > k ? m->row_gap : 0);
    if (legend->title != NULL)
        *h += m->title_h + m->title_gap;
    if (legend->note != NULL) {
        *w = fmax(*w, m->note_wrap);
        *h += m->title_gap + m->note_h;
    }
}

/* The second column: the rows from @split on, under no title. */
static void second_column(const povatlas_render_page *page,
                          const povatlas_legend *legend, guint split,
                          legend_metrics *m2, double *w, double *h)
{
    measure_range(page, legend, split, legend->entries->len, m2);
    *w = fmax(body_width(m2), m2->heading_w);
    *h = rows_h(legend, split, legend->entries->len, m2);
}

/* The row that starts a second column, 0 for one column: the last
 * heading, when the legend in one column is taller than legend->max_h
 * and in two it is lower. */
static guint split_row(const povatlas_render_page *page,
                       const povatlas_legend *legend)
{
    if (!(legend->max_h > 0))
        return 0;
    guint n = legend->entries->len, k = first_row(legend), split = 0;
    for (guint i = k + 1; i < n; i++)
        if (g_array_index(legend->entries, povatlas_legend_entry, i).kind ==
            POVATLAS_LEGEND_HEADING)
            split = i;
    if (split == 0)
        return 0;
    legend_metrics m;
    measure_range(page, legend, k, n, &m);
    double one = 2 * m.pad + rows_h(legend, k, n, &m);
    if (legend->title != NULL) {
        double tw, th;
        g_autoptr(PangoLayout) t = povatlas_render_text_new(
            page, legend->title, page->style->legend_title_pt,
            POVATLAS_RENDER_TEXT_BOLD, povatlas_render_pt(page, 190.0));
        povatlas_render_text_size(t, &tw, &th);
        one += th + m.title_gap;
    }
    return one > legend->max_h ? split : 0;
}

void povatlas_legend_measure(const povatlas_render_page *page,
                             const povatlas_legend *legend, double *w,
                             double *h)
{
    legend_metrics m;
    measure(page, legend, &m);
    guint split = split_row(page, legend);
    column_size(legend, split ? split : legend->entries->len, &m, w, h);
    if (split) {
        legend_metrics m2;
        double w2, h2;
        second_column(page, legend, split, &m2, &w2, &h2);
        *w += 2 * m.pad + w2;
        *h = fmax(*h, h2);
    }
    *w += 2 * m.pad;
    *h += 2 * m.pad;
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
                          povatlas_legend *legend, double x, double y)
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
    if (first_row(legend) > 0)
        cy += grid_draw(page, legend, x + m.pad, cy, &m) + m.row_gap;
    guint split = split_row(page, legend);
    guint to = split ? split : legend->entries->len;
    for (guint i = first_row(legend); i < to; i++) {
        const povatlas_legend_entry *e =
            &g_array_index(legend->entries, povatlas_legend_entry, i);
        draw_row(page, e, x + m.pad, cy, &m);
        cy += entry_h(e, &m) + m.row_gap;
    }
    if (split) {
        double w1, h1, w2, h2;
        legend_metrics m2;
        column_size(legend, split, &m, &w1, &h1);
        second_column(page, legend, split, &m2, &w2, &h2);
        double x2 = x + 3 * m.pad + w1, y2 = y + m.pad;
        for (guint i = split; i < legend->entries->len; i++) {
            const povatlas_legend_entry *e =
                &g_array_index(legend->entries, povatlas_legend_entry, i);
            draw_row(page, e, x2, y2, &m2);
            y2 += entry_h(e, &m2) + m2.row_gap;
        }
    }
    if (legend->note != NULL) {
        g_autoptr(PangoLayout) n = note_layout(page, legend, &m);
        povatlas_render_text_draw(page, n, x + m.pad,
                                  cy - m.row_gap + m.title_gap,
                                  page->style->muted_rgb, 0);
    }
}
