/*
 * atlas.c - the briefing PDF a leader can hand out: an A4 cover with the
 * city's totals of both years and the plan's targets against what was
 * achieved as bullet charts (units on every number, met or missed), the
 * contents, the key maps (poor rate, near-poor rate, change since the year
 * before, zones), the ward table in priority order with a city total row,
 * the zone-gap chart and one fact sheet per ward in priority order. Every
 * page carries the synthetic-data band across its top when the workspace
 * is synthetic; titles start below it and wrap, so they never meet it.
 * cairo keeps text as text and embeds font subsets; the creation date is
 * left out so the bytes repeat.
 *
 * The atlas is whole or not at all: a page that cannot be made fails the
 * atlas with an error naming the page, never a PDF with the page left
 * out. Wards under the maps' small-cell threshold (povatlas_small_cell)
 * show "–" in the table and on their fact sheet, as they are hatched and
 * unlabelled on the maps.
 */
#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/analysis.h"
#include "povatlas/targets.h"
#include "povatlas/zones.h"
#include "render/render_private.h"

#define PAGE_W 1240 /* A4 portrait at 150 dpi */
#define PAGE_H 1754
#define DPI 150.0

typedef struct atlas {
    povatlas_workspace *ws;
    const char *style_path; /* nullable: the maps' and pages' style */
    GPtrArray *trace;       /* nullable: per page, a GArray of text boxes */
    size_t *order;          /* the wards of now in priority order */
    GPtrArray *sea;         /* fact sheets: sea shapes for the locator */
    int year, en, synthetic, page_no;
    int min_households; /* the small-cell threshold of the maps */
    const char *lang;
    cairo_t *cr;
    povatlas_render_target *target; /* the PDF the pages go to */
    povatlas_render_style style;
    povatlas_render_page page;
    povatlas_indicator_table *now, *before; /* poor, near, hh, ... */
    size_t *before_row; /* per ward of now: its row in before, or NONE */
    /* per ward of now: the change of its poor rate since the year before,
     * exact from the counts and paired by code (analysis computes it) */
    double *change;
    unsigned char *has_change;
    char *hidden_now, *hidden_before; /* per ward: 1 = small cell */
    char *before_gap;       /* "–: no review list for Y-1", or NULL */
    povatlas_error *failed; /* owned: the first fact that could not be read */
    /* per ward of now: 1 when it gets a fact sheet (NULL: every ward) */
    unsigned char *sheet;
    size_t n_sheets;
    int sheets_held_back; /* 1: more units than max_fact_sheets, none */
    int has_zones;        /* 1: a ward of now has a zone */
    int national;         /* more units than POVATLAS_ATLAS_NATIONAL_UNITS */
    int max_fact_sheets;
    const char *province; /* nullable: the sheets' province */
    size_t table_rows;    /* rows of the ward table (its first, in order) */
    GEOSGeometry **locator_units; /* the locator's shapes, made once */
    size_t n_locator_units;
} atlas;

#define TX(a, vi, en_text) ((a)->en ? (en_text) : (vi))
enum { C_HH, C_POOR, C_NEAR, C_RATE, C_NRATE, N_COLS };
static const char *const COLS[N_COLS] = {
    POVATLAS_IND_HOUSEHOLDS, POVATLAS_IND_POOR, POVATLAS_IND_NEAR_POOR,
    POVATLAS_IND_POOR_RATE, POVATLAS_IND_NEAR_POOR_RATE};
#define NONE ((size_t)-1)

static int val(const povatlas_indicator_table *t, size_t i, int c, double *v)
{
    if (t == NULL || i >= t->units->n || !t->defined[i * N_COLS + c])
        return 0;
    *v = t->values[i * N_COLS + c];
    return 1;
}

static char *num(const atlas *a, double v, int decimals)
{
    char *s = povatlas_format_number(v, decimals, a->lang);
    char *g = g_strdup(s ? s : "–");
    free(s);
    return g;
}

static double text(atlas *a, const char *t, double pt, int flags, double x,
                   double y, unsigned int rgb, double wrap)
{
    double w, h;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(&a->page, t, pt, flags, wrap);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(&a->page, l, x, y, rgb, 0);
    return h;
}

#define MARGIN 80.0

static int fact(atlas *a, const char *code, const char *name, double *v);

/* A new page: white, the synthetic band across its top unless the page
 * is a map (@band 0: the map draws its own). Returns the y below the
 * band, where the page's content starts. */
static double page_begin_band(atlas *a, int band)
{
    a->page_no++;
    if (a->trace) {
        g_ptr_array_add(a->trace, povatlas_label_box_array_new());
        a->page.texts = g_ptr_array_index(a->trace, a->trace->len - 1);
    }
    povatlas_render_set_rgb(a->cr, a->style.page_rgb);
    cairo_paint(a->cr);
    return band && a->synthetic
               ? povatlas_furniture_banner(&a->page,
                                           povatlas_synthetic_note(a->lang), 1)
               : 0;
}

static double page_begin(atlas *a) { return page_begin_band(a, 1); }

static void page_end(atlas *a)
{
    g_autofree char *n = g_strdup_printf("%d", a->page_no);
    double w, h;
    g_autoptr(PangoLayout) l = povatlas_render_text_new(&a->page, n, 9, 0, 0);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(&a->page, l, (PAGE_W - w) / 2.0, PAGE_H - 45,
                              0x777777, 0);
    cairo_show_page(a->cr);
}

/* The page's title (wrapped to the page width, so any length fits) and
 * its subtitle, from @top down; returns the y below them. */
static double page_title(atlas *a, double top, const char *title,
                         const char *subtitle)
{
    double y = top + 60;
    y += text(a, title, 20, POVATLAS_RENDER_TEXT_BOLD, MARGIN, y, 0x222222,
              PAGE_W - 2 * MARGIN) +
         6;
    if (subtitle && *subtitle)
        y += text(a, subtitle, 13, 0, MARGIN, y, 0x555555, PAGE_W - 2 * MARGIN);
    return y + 30;
}

/* The height of @t as text() would draw it, drawing nothing. */
static double text_height(atlas *a, const char *t, double pt, int flags,
                          double wrap)
{
    double w, h;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(&a->page, t, pt, flags, wrap);
    povatlas_render_text_size(l, &w, &h);
    return h;
}

/* Where page_title() leaves a page of page_begin() (band and titles),
 * drawing nothing: the page breaks of the tables are known before the
 * contents list their pages. */
static double content_top(atlas *a, const char *title, const char *subtitle)
{
    double y = a->synthetic ? povatlas_furniture_banner(
                                  &a->page, povatlas_synthetic_note(a->lang), 0)
                            : 0;
    y += 60 +
         text_height(a, title, 20, POVATLAS_RENDER_TEXT_BOLD,
                     PAGE_W - 2 * MARGIN) +
         6;
    if (subtitle && *subtitle)
        y += text_height(a, subtitle, 13, 0, PAGE_W - 2 * MARGIN);
    return y + 30;
}

/* Text of @text at @pt drawn with its right edge at @x_right. */
static double text_right(atlas *a, const char *t, double pt, int flags,
                         double x_right, double y, unsigned int rgb)
{
    double w, h;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(&a->page, t, pt, flags, 0);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(&a->page, l, x_right - w, y, rgb, 0);
    return h;
}

static char *count_text(const atlas *a, int64_t v)
{
    return v < 0 ? g_strdup("–") : num(a, (double)v, 0);
}

static char *rate_text(const atlas *a, int64_t hundredths)
{
    if (hundredths < 0)
        return g_strdup("–");
    char *r = povatlas_format_hundredths(hundredths, a->lang);
    char *out = g_strdup_printf("%s %%", r ? r : "–");
    free(r);
    return out;
}

/* "−57 hộ", "−0,13 điểm %": a change with its sign and unit. */
static char *signed_text(const atlas *a, double v, int decimals,
                         const char *unit)
{
    g_autofree char *n = num(a, v, decimals);
    return g_strdup_printf("%s%s%s", v > 0 ? "+" : "", n, unit);
}

/* The city totals of the year before and the year, and the change. */
static double city_totals(atlas *a, const povatlas_city_summary *s0,
                          const povatlas_city_summary *s, double y)
{
    const char *head[] = {TX(a, "Toàn thành phố", "Whole city"),
                          TX(a, "Tổng số hộ", "Households"),
                          TX(a, "Hộ nghèo", "Poor"),
                          TX(a, "Tỷ lệ nghèo", "Poor rate"),
                          TX(a, "Hộ cận nghèo", "Near-poor"),
                          TX(a, "Tỷ lệ cận nghèo", "Near-poor rate")};
    /* right edges of the number columns */
    const double xr[] = {0, 460, 600, 780, 960, 1160};
    text(a, head[0], 13, POVATLAS_RENDER_TEXT_BOLD, MARGIN, y, 0x222222, 0);
    for (int c = 1; c < 6; c++)
        text_right(a, head[c], 11, POVATLAS_RENDER_TEXT_BOLD, xr[c], y + 3,
                   0x222222);
    y += 40;
    const povatlas_city_summary *rows[2] = {s0, s};
    for (int r = 0; r < 2; r++) {
        if (rows[r] == NULL)
            continue;
        const povatlas_city_summary *x = rows[r];
        char *cells[6] = {g_strdup_printf(TX(a, "Năm %d", "%d"), x->year),
                          count_text(a, x->households),
                          count_text(a, x->poor),
                          rate_text(a, x->poor_hundredths),
                          count_text(a, x->near_poor),
                          rate_text(a, x->near_poor_hundredths)};
        text(a, cells[0], 12, r == 1 ? POVATLAS_RENDER_TEXT_BOLD : 0, MARGIN, y,
             0x222222, 0);
        for (int c = 1; c < 6; c++)
            text_right(a, cells[c], 12, r == 1 ? POVATLAS_RENDER_TEXT_BOLD : 0,
                       xr[c], y, 0x222222);
        for (int c = 0; c < 6; c++)
            g_free(cells[c]);
        y += 34;
    }
    povatlas_change ch;
    if (s0 && povatlas_change_of_summaries(s0, s, &ch)) {
        const char *pts = TX(a, " điểm %", " pp");
        char *cells[5] = {
            g_strdup(""), signed_text(a, (double)ch.poor, 0, ""),
            signed_text(a, (double)ch.poor_hundredths / 100.0, 2, pts),
            signed_text(a, (double)ch.near_poor, 0, ""),
            signed_text(a, (double)ch.near_poor_hundredths / 100.0, 2, pts)};
        g_autofree char *lab = g_strdup_printf(
            TX(a, "Thay đổi %d→%d", "Change %d→%d"), s0->year, s->year);
        text(a, lab, 12, 0, MARGIN, y, 0x444444, 0);
        for (int c = 1; c < 5; c++)
            text_right(a, cells[c], 12, 0, xr[c + 1], y, 0x444444);
        for (int c = 0; c < 5; c++)
            g_free(cells[c]);
        y += 34;
    }
    cairo_move_to(a->cr, MARGIN, y + 6);
    cairo_line_to(a->cr, PAGE_W - MARGIN, y + 6);
    povatlas_render_set_rgb(a->cr, 0xcccccc);
    cairo_set_line_width(a->cr, 1.5);
    cairo_stroke(a->cr);
    return y + 30;
}

static const char *unit_suffix(const atlas *a, const char *unit)
{
    if (g_strcmp0(unit, "percent") == 0)
        return " %";
    if (g_strcmp0(unit, "households") == 0)
        return TX(a, " hộ", " households");
    if (g_strcmp0(unit, "houses") == 0)
        return TX(a, " căn", " houses");
    return "";
}

static char *with_unit(const atlas *a, double v, const char *unit)
{
    if (isnan(v))
        return g_strdup("–");
    int pct = g_strcmp0(unit, "percent") == 0;
    g_autofree char *n = num(a, v, pct ? 2 : 0);
    return g_strdup_printf("%s%s", n, unit_suffix(a, unit));
}

/* One target as the HTML briefing shows it: its name, the achieved value
 * with its unit and a met/missed mark, a bullet chart (light bar: the
 * baseline; dark bar: achieved, green met, red missed; black tick: the
 * target; reductions drawn by their size) and the target line. */
static double target_row(atlas *a, const povatlas_target_eval *e, double y)
{
    const char *mark = e->state == POVATLAS_TARGET_MET ? TX(a, "✓ ĐẠT", "✓ MET")
                       : e->state == POVATLAS_TARGET_MISSED
                           ? TX(a, "✗ CHƯA ĐẠT", "✗ MISSED")
                           : TX(a, "chưa có số liệu", "no data yet");
    unsigned int mark_rgb = povatlas_render_target_rgb(e->state);
    text(a, povatlas_target_label(e->name, a->lang), 13,
         POVATLAS_RENDER_TEXT_BOLD, MARGIN, y, 0x222222, 600);
    text_right(a, mark, 13, POVATLAS_RENDER_TEXT_BOLD, PAGE_W - MARGIN, y,
               mark_rgb);
    y += 42;
    const double X = MARGIN, W = 700, H = 34;
    povatlas_render_bullet(a->cr, e, &(povatlas_rect){X, y, W, H});
    g_autofree char *got_t = with_unit(a, e->achieved, e->unit);
    g_autofree char *big =
        g_strdup_printf(TX(a, "Thực hiện: %s", "Achieved: %s"), got_t);
    text_right(a, big, 15, POVATLAS_RENDER_TEXT_BOLD, PAGE_W - MARGIN, y,
               0x222222);
    y += H + 10;
    g_autofree char *tg = with_unit(a, e->target, e->unit);
    GString *l = g_string_new(NULL);
    g_string_append_printf(l, TX(a, "Mục tiêu: %s", "Target: %s"), tg);
    if (!isnan(e->baseline)) {
        g_autofree char *b = with_unit(a, e->baseline, e->unit);
        g_string_append_printf(l, TX(a, " · năm gốc %s", " · baseline %s"), b);
    }
    if (!isnan(e->share)) {
        g_autofree char *sh = num(a, e->share * 100, 0);
        g_string_append_printf(
            l, TX(a, " · đạt %s %% kế hoạch", " · %s %% of the plan"), sh);
    }
    y += text(a, l->str, 11, 0, MARGIN, y, 0x444444, PAGE_W - 2 * MARGIN);
    g_string_free(l, TRUE);
    return y + 26;
}

/* The city totals of the atlas's year and, when it has one, of the year
 * before (left zeroed otherwise): the cover and the ward table's total
 * rows. */
static povatlas_status city_summaries(const atlas *a, povatlas_city_summary *s,
                                      povatlas_city_summary *s0,
                                      povatlas_error **err)
{
    povatlas_status st = povatlas_city_summary_compute(a->ws, a->year, s, err);
    if (!st && a->before)
        st = povatlas_city_summary_compute(a->ws, a->year - 1, s0, err);
    return st;
}

static povatlas_status cover(atlas *a, povatlas_error **err)
{
    povatlas_city_summary s = {0}, s0 = {0};
    povatlas_status st = city_summaries(a, &s, &s0, err);
    if (st)
        return st;
    povatlas_error *why = NULL;
    povatlas_target_eval_list *t =
        povatlas_targets_evaluate(a->ws, a->year, &why);
    if (!t)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    g_autofree char *area = NULL;
    st = povatlas_workspace_get_place(a->ws, a->lang, &area, err);
    if (st) {
        povatlas_target_eval_list_free(t);
        return st;
    }
    double y = page_begin(a);
    g_autofree char *title = g_strdup_printf(
        TX(a, "Bản tin giảm nghèo năm %d", "Poverty briefing %d"), a->year);
    y = page_title(a, y + 20, title, area);
    y = city_totals(a, a->before ? &s0 : NULL, &s, y);
    g_autofree char *th =
        g_strdup_printf(TX(a, "Chỉ tiêu kế hoạch năm %d và kết quả thực hiện",
                           "The plan's targets for %d and what was achieved"),
                        a->year);
    y += text(a, th, 16, POVATLAS_RENDER_TEXT_BOLD, MARGIN, y, 0x222222,
              PAGE_W - 2 * MARGIN) +
         20;
    if (t->n == 0) {
        /* no section without targets: say why it is not there */
        g_autofree char *why_not = g_strdup_printf(
            TX(a,
               "Chưa nhập chỉ tiêu kế hoạch năm %d: trang này không so "
               "sánh với kế hoạch.",
               "No plan targets imported for %d: this page does not compare "
               "with the plan."),
            a->year);
        text(a, why_not, 12, 0, MARGIN, y, 0x555555, PAGE_W - 2 * MARGIN);
    }
    for (size_t i = 0; i < t->n; i++)
        y = target_row(a, &t->rows[i], y);
    if (t->n > 0)
        text(a,
             TX(a,
                "Thanh đậm: thực hiện (xanh: đạt, đỏ: chưa đạt); thanh "
                "nhạt: năm gốc; vạch đen: mục tiêu. Chỉ tiêu giảm số hộ "
                "được vẽ theo độ lớn.",
                "Dark bar: achieved (green met, red missed); light bar: "
                "baseline; black tick: target. Reductions are drawn by "
                "their size."),
             10, POVATLAS_RENDER_TEXT_ITALIC, MARGIN, y, 0x555555,
             PAGE_W - 2 * MARGIN);
    povatlas_target_eval_list_free(t);
    page_end(a);
    return POVATLAS_OK;
}

static povatlas_status map_page(atlas *a, povatlas_map_type type,
                                const char *ind, povatlas_error **err)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = type;
    o.indicator = ind;
    o.year = a->year;
    o.lang = a->lang;
    o.width_px = PAGE_W;
    o.height_px = PAGE_H;
    o.dpi = DPI;
    o.show_values = 1;
    o.min_households = a->min_households;
    o.style_path = a->style_path;
    povatlas_maps_job j = {0};
    j.ws = a->ws;
    j.o = &o;
    j.year = a->year;
    j.en = a->en;
    povatlas_status st = povatlas_maps_classify(&j, err);
    povatlas_context_list *list = NULL;
    povatlas_error *e = NULL;
    g_autofree povatlas_map_context *ctx =
        st ? NULL : povatlas_maps_context(a->ws, &list, &e);
    if (!st && !ctx)
        st = povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    if (ctx) {
        page_begin_band(a, 0); /* the map draws the band itself */
        povatlas_map_opts mo;
        povatlas_maps_render_opts(&j, &mo);
        povatlas_render_map_args args = {
            j.features,  j.t->units->n, ctx,  list->n, j.classes,
            j.n_classes, j.cls,         NULL, &mo,     a->page.texts};
        st = povatlas_render_map_draw(&args, a->cr, NULL, err);
        page_end(a);
    }
    povatlas_context_list_free(list);
    povatlas_maps_job_clear(&j);
    return st;
}

/* Ward @i of the year's table in the year before's, by code. */
static size_t before_row(const atlas *a, size_t i)
{
    return a->before_row ? a->before_row[i] : NONE;
}

/* The change of the poor rate of ward @i, "–" when unknown or when
 * either year hides the ward's figures. */
static char *change_text(const atlas *a, size_t i)
{
    double x, y;
    if (!a->has_change || !a->has_change[i] || !val(a->now, i, C_RATE, &x) ||
        !val(a->before, before_row(a, i), C_RATE, &y))
        return g_strdup("–");
    return num(a, a->change[i], 2);
}

/* The line under a table or fact sheet saying why figures are "–". */
static char *hidden_note(const atlas *a)
{
    return g_strdup_printf(
        TX(a, "–: ẩn số liệu phường, xã dưới %d hộ",
           "–: figures hidden for wards under %d households"),
        a->min_households);
}

/* The priority rank of ward @i (1 = first), 0 when not computed. */
static int priority_of(atlas *a, size_t i)
{
    double v;
    return fact(a, a->now->units->rows[i].code, "priority_rank", &v) && v >= 1
               ? (int)lround(v)
               : 0;
}

typedef struct ward_key {
    size_t index;
    int rank;    /* 0: none */
    double rate; /* NAN: unknown */
    const char *code;
} ward_key;

/* Priority first; wards without a rank after them by poor rate, highest
 * first; then by code, so the order repeats. */
static int by_priority(const void *p, const void *q)
{
    const ward_key *x = p, *y = q;
    if ((x->rank > 0) != (y->rank > 0))
        return x->rank > 0 ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (isnan(x->rate) != isnan(y->rate))
        return isnan(x->rate) ? 1 : -1;
    if (!isnan(x->rate) && x->rate != y->rate)
        return x->rate > y->rate ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* a->order: the wards in priority order (the table and the fact sheets). */
static povatlas_status order_wards(atlas *a, povatlas_error **err)
{
    size_t n = a->now->units->n;
    g_autofree ward_key *k = g_new0(ward_key, n + 1);
    for (size_t i = 0; i < n; i++) {
        double v;
        k[i] = (ward_key){i, a->hidden_now[i] ? 0 : priority_of(a, i),
                          val(a->now, i, C_RATE, &v) ? v : NAN,
                          a->now->units->rows[i].code};
    }
    if (a->failed)
        return povatlas_error_propagate(err, g_steal_pointer(&a->failed));
    qsort(k, n, sizeof(*k), by_priority);
    a->order = g_new0(size_t, n + 1);
    for (size_t i = 0; i < n; i++)
        a->order[i] = k[i].index;
    return POVATLAS_OK;
}

#define TABLE_ROW_H 38.0
/* the foot of every table page keeps room for the total row and notes */
#define TABLE_FOOT 200.0

static char *table_title(const atlas *a, int first)
{
    return g_strdup_printf(
        first ? TX(a, "Các phường, xã năm %d theo thứ tự ưu tiên",
                   "Wards in %d in priority order")
              : TX(a, "Các phường, xã năm %d theo thứ tự ưu tiên (tiếp)",
                   "Wards in %d in priority order (continued)"),
        a->year);
}

static const char *table_subtitle(const atlas *a)
{
    return TX(a,
              "Thứ tự ưu tiên: 1 = cần hỗ trợ trước nhất; dòng cuối "
              "là toàn thành phố",
              "Priority: 1 = to support first; the last row is the "
              "whole city");
}

/* The rows a page of the ward table holds (@first: its first page). */
static size_t table_page_rows(atlas *a, int first)
{
    g_autofree char *t = table_title(a, first);
    double top = content_top(a, t, table_subtitle(a)) + 76;
    double n = floor((PAGE_H - TABLE_FOOT - top) / TABLE_ROW_H);
    return n < 1 ? 1 : (size_t)n;
}

/* The pages of the ward table. */
static int table_pages(atlas *a)
{
    size_t n1 = table_page_rows(a, 1), n2 = table_page_rows(a, 0);
    return a->table_rows <= n1 ? 1
                               : 1 + (int)((a->table_rows - n1 + n2 - 1) / n2);
}

/* left edge of the first two columns, right edges of the numbers */
static const double TABLE_XS[] = {MARGIN,         190, 520, 650, 800, 970,
                                  PAGE_W - MARGIN};

/* A page of the ward table down to its heads; returns the y of its first
 * row. */
static double table_page_head(atlas *a, int first)
{
    double y = page_begin(a);
    g_autofree char *t = table_title(a, first);
    y = page_title(a, y, t, table_subtitle(a));
    /* two lines a head, so that each fits over its column */
    const char *head[7][2] = {
        {TX(a, "Ưu", "Prio-"), TX(a, "tiên", "rity")},
        {"", TX(a, "Phường, xã", "Ward")},
        {TX(a, "Số", "House-"), TX(a, "hộ", "holds")},
        {TX(a, "Hộ", "Poor"), TX(a, "nghèo", "")},
        {TX(a, "Tỷ lệ", "Poor"), TX(a, "nghèo", "rate")},
        {TX(a, "Tỷ lệ", "Near-poor"), TX(a, "cận nghèo", "rate")},
        {TX(a, "Thay đổi tỷ lệ", "Change in"),
         TX(a, "nghèo", "the poor rate")}};
    const double *xs = TABLE_XS;
    for (int c = 0; c < 7; c++)
        for (int l = 0; l < 2; l++) {
            if (!*head[c][l])
                continue;
            if (c < 2)
                text(a, head[c][l], 11, POVATLAS_RENDER_TEXT_BOLD, xs[c],
                     y + 32 * l, 0x222222, 0);
            else
                text_right(a, head[c][l], 11, POVATLAS_RENDER_TEXT_BOLD, xs[c],
                           y + 32 * l, 0x222222);
        }
    return y + 76;
}

/* The wards in priority order, as many pages as they take (the first
 * a->table_rows of them), then the city total row. */
static povatlas_status ward_table(atlas *a, povatlas_error **err)
{
    povatlas_city_summary s = {0}, s0 = {0};
    povatlas_status st = city_summaries(a, &s, &s0, err);
    if (st)
        return st;
    const double *xs = TABLE_XS;
    size_t n_first = table_page_rows(a, 1), n_next = table_page_rows(a, 0);
    double y = table_page_head(a, 1);
    int any_hidden = 0;
    const char *pts = TX(a, " điểm %", " pp");
    for (size_t r = 0; r < a->table_rows; r++) {
        if (r >= n_first && (r - n_first) % n_next == 0) {
            page_end(a);
            y = table_page_head(a, 0);
        }
        size_t i = a->order[r];
        any_hidden |= a->hidden_now[i];
        if (r % 2 == 0) {
            cairo_rectangle(a->cr, MARGIN - 10, y - 4, PAGE_W - 2 * MARGIN + 20,
                            38);
            povatlas_render_set_rgb(a->cr, 0xf3f3f3);
            cairo_fill(a->cr);
        }
        double v;
        int rank = a->hidden_now[i] ? 0 : priority_of(a, i);
        char *cells[7] = {rank ? g_strdup_printf("%d", rank) : g_strdup("–"),
                          g_strdup(a->now->units->rows[i].name)};
        int cols[] = {C_HH, C_POOR, C_RATE, C_NRATE};
        for (int k = 0; k < 4; k++) {
            g_autofree char *n =
                val(a->now, i, cols[k], &v) ? num(a, v, k < 2 ? 0 : 2) : NULL;
            cells[k + 2] = n ? g_strdup_printf("%s%s", n, k < 2 ? "" : " %")
                             : g_strdup("–");
        }
        g_autofree char *ch = change_text(a, i);
        cells[6] = strcmp(ch, "–") == 0 ? g_strdup(ch)
                                        : g_strdup_printf("%s%s", ch, pts);
        for (int c = 0; c < 7; c++) {
            if (c < 2)
                text(a, cells[c], 12, 0, xs[c], y, 0x333333, 0);
            else
                text_right(a, cells[c], 12, 0, xs[c], y, 0x333333);
            g_free(cells[c]);
        }
        y += 38;
    }
    if (a->failed)
        return povatlas_error_propagate(err, g_steal_pointer(&a->failed));
    /* the city total row: summed counts, rates of the sums */
    cairo_move_to(a->cr, MARGIN - 10, y);
    cairo_line_to(a->cr, PAGE_W - MARGIN + 10, y);
    povatlas_render_set_rgb(a->cr, 0x333333);
    cairo_set_line_width(a->cr, 2);
    cairo_stroke(a->cr);
    y += 10;
    povatlas_change ch;
    char *cells[7] = {
        g_strdup(""),
        g_strdup(TX(a, "Toàn thành phố", "Whole city")),
        count_text(a, s.households),
        count_text(a, s.poor),
        rate_text(a, s.poor_hundredths),
        rate_text(a, s.near_poor_hundredths),
        a->before && povatlas_change_of_summaries(&s0, &s, &ch)
            ? signed_text(a, (double)ch.poor_hundredths / 100.0, 2, pts)
            : g_strdup("–")};
    for (int c = 1; c < 7; c++) {
        if (c < 2)
            text(a, cells[c], 12, POVATLAS_RENDER_TEXT_BOLD, xs[c], y, 0x222222,
                 0);
        else
            text_right(a, cells[c], 12, POVATLAS_RENDER_TEXT_BOLD, xs[c], y,
                       0x222222);
    }
    for (int c = 0; c < 7; c++)
        g_free(cells[c]);
    y += 44;
    if (a->table_rows < a->now->units->n) {
        g_autofree char *shown = num(a, (double)a->table_rows, 0);
        g_autofree char *all = num(a, (double)a->now->units->n, 0);
        g_autofree char *note = g_strdup_printf(
            TX(a,
               "Bảng hiện %s đơn vị đầu tiên theo thứ tự ưu tiên trong %s; "
               "bảng đủ mọi đơn vị: povatlas priority.",
               "The table shows the first %s units in priority order of %s; "
               "every unit: povatlas priority."),
            shown, all);
        y +=
            10 + text(a, note, 10, 0, MARGIN, y, 0x555555, PAGE_W - 2 * MARGIN);
    }
    if (any_hidden) {
        g_autofree char *note = hidden_note(a);
        y += 10 + text(a, note, 10, 0, MARGIN, y, 0x555555, 0);
    }
    if (a->before_gap)
        text(a, a->before_gap, 10, 0, MARGIN, y + 10, 0x555555, 0);
    page_end(a);
    return POVATLAS_OK;
}

static povatlas_status trend_page(atlas *a, povatlas_error **err)
{
    povatlas_zone_gap_chart c;
    g_autofree char *place = NULL;
    povatlas_status st =
        povatlas_zone_gap_load(a->ws, a->year - 1, a->year, &c, err);
    if (!st)
        st = povatlas_workspace_get_place(a->ws, a->lang, &place, err);
    if (st)
        return st;
    double y = page_begin(a);
    g_autofree char *title = povatlas_zone_gap_title(&c, a->en);
    y = page_title(a, y, title, place);
    /* the chart down to its notes: no empty bottom quarter */
    povatlas_rect box = {MARGIN, y, PAGE_W - 2 * MARGIN, PAGE_H - 150 - y};
    povatlas_zone_gap_draw(&a->page, &c, &box);
    text(a,
         TX(a,
            "Tỷ lệ tính từ tổng số hộ của các phường, xã trong vùng; nội thị "
            "là mốc so sánh.",
            "Rates of the summed counts of each zone's wards; the centre is "
            "the reference."),
         10, POVATLAS_RENDER_TEXT_ITALIC, MARGIN, PAGE_H - 120, 0x555555,
         PAGE_W - 2 * MARGIN);
    if (a->before_gap)
        text(a, a->before_gap, 10, 0, MARGIN, PAGE_H - 90, 0x555555, 0);
    page_end(a);
    return POVATLAS_OK;
}

static int rank_of(const atlas *a, size_t i)
{
    double v, w;
    if (!val(a->now, i, C_RATE, &v))
        return 0;
    int r = 1;
    for (size_t k = 0; k < a->now->units->n; k++)
        if (val(a->now, k, C_RATE, &w) && w > v)
            r++;
    return r;
}

static int flip(double *x, double *y, void *data)
{
    (void)data;
    *x *= cos(11.6 * G_PI / 180.0); /* the city's latitude: near-true shape */
    *y = -*y;
    return 1;
}

/* The fact sheets' locator: the wards (flipped to page orientation at
 * the city's latitude) in the land around them, the sea where the sea
 * is, the ward filled dark. */
static povatlas_status locator(atlas *a, povatlas_render_geom *g, size_t ward,
                               const povatlas_rect *box, povatlas_error **err)
{
    size_t n = a->now->units->n;
    if (a->locator_units == NULL) {
        /* made once for every sheet: the wards of the sheets' province,
         * or all of them */
        GEOSGeometry **sh = g_new0(GEOSGeometry *, n + 1);
        a->locator_units = sh;
        a->n_locator_units = n;
        for (size_t i = 0; i < n; i++) {
            const povatlas_unit_row *u = &a->now->units->rows[i];
            if (a->sheet && !a->sheet[i])
                continue;
            GEOSGeometry *ll = u->wkb ? povatlas_render_geom_read(
                                            g, u->wkb, u->wkb_size, "ward", err)
                                      : NULL;
            if (u->wkb && !ll)
                return POVATLAS_E_GEOM;
            sh[i] = ll ? GEOSGeom_transformXY_r(g->geos, ll, flip, NULL) : NULL;
            if (ll)
                GEOSGeom_destroy_r(g->geos, ll);
        }
    }
    GEOSGeometry **sh = a->locator_units;
    povatlas_render_locator(
        &a->page, g, (const GEOSGeometry *const *)a->sea->pdata, a->sea->len,
        (const GEOSGeometry *const *)sh, n, sh[ward], box);
    return POVATLAS_OK;
}

/* The sea of the workspace's context layers, flipped as the wards are,
 * into a->sea (destroyed with @g). */
static povatlas_status load_sea(atlas *a, povatlas_render_geom *g,
                                povatlas_error **err)
{
    povatlas_context_list *list = NULL;
    povatlas_error *e = NULL;
    g_autofree povatlas_map_context *ctx =
        povatlas_maps_context(a->ws, &list, &e);
    if (!ctx)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < list->n; i++) {
        if (ctx[i].role != POVATLAS_CONTEXT_SEA)
            continue;
        GEOSGeometry *ll = povatlas_render_geom_read(
            g, ctx[i].wkb, ctx[i].wkb_size, "sea", err);
        if (!ll) {
            st = POVATLAS_E_GEOM;
            break;
        }
        g_ptr_array_add(a->sea,
                        GEOSGeom_transformXY_r(g->geos, ll, flip, NULL));
        GEOSGeom_destroy_r(g->geos, ll);
    }
    povatlas_context_list_free(list);
    return st;
}

/* Fact @name of unit @code in the atlas year: 1 when the workspace holds
 * it. A failed read is kept in a->failed (the first one) and fails the
 * page; it never reads as a fact not computed. */
static int fact(atlas *a, const char *code, const char *name, double *v)
{
    int found = 0;
    if (!a->failed)
        povatlas_workspace_get_indicator(a->ws, code, a->year, name, v, &found,
                                         &a->failed);
    return found;
}

/* One "label: value" line per fact the workspace holds for the ward
 * (zone, transitions, coverage, priority, LISA); facts not computed are
 * left out rather than shown as zero. */
static double fact_lines(atlas *a, const povatlas_unit_row *u, double x,
                         double y)
{
    double v, city;
    GString *s = g_string_new(NULL);
    povatlas_zone zone = povatlas_zone_parse(u->zone);
    if (zone != POVATLAS_ZONE_UNKNOWN)
        g_string_append_printf(s, "%s: %s\n", TX(a, "Vùng", "Zone"),
                               povatlas_zone_label(zone, a->lang));
    double esc, nw, fb;
    /* transitions, coverage, ranks and clusters count its households */
    int hidden = a->hidden_now[u - a->now->units->rows];
    if (hidden) {
        g_autofree char *note = hidden_note(a);
        g_string_append(s, note);
    }
    if (!hidden && fact(a, u->code, "escaped_poor", &esc) &&
        fact(a, u->code, "new_poor", &nw) &&
        fact(a, u->code, "fell_back_poor", &fb))
        g_string_append_printf(
            s,
            TX(a,
               "Biến động %d→%d: %.0f hộ thoát nghèo, %.0f hộ nghèo phát "
               "sinh, %.0f hộ tái nghèo\n",
               "%d→%d: %.0f escaped poverty, %.0f newly poor, %.0f fell "
               "back\n"),
            a->year - 1, a->year, esc, nw, fb);
    if (!hidden && fact(a, u->code, "coverage", &v)) {
        g_autofree char *w = num(a, v, 2);
        g_autofree char *c =
            fact(a, "*", "coverage", &city) ? num(a, city, 2) : g_strdup("–");
        g_string_append_printf(
            s,
            TX(a,
               "Chương trình giảm nghèo đã hỗ trợ %s %% hộ thuộc đối tượng "
               "(toàn thành phố %s %%)\n",
               "Programmes reached %s %% of eligible households (city %s "
               "%%)\n"),
            w, c);
    }
    if (!hidden && fact(a, u->code, "coverage_gap", &v) && v > 0)
        g_string_append(s, TX(a,
                              "⚠ Thuộc nhóm nghèo nhất nhưng độ bao phủ "
                              "dưới mức thành phố\n",
                              "⚠ Among the poorest, covered below the city\n"));
    if (!hidden && fact(a, u->code, "priority_rank", &v))
        g_string_append_printf(
            s, TX(a, "Thứ tự ưu tiên: %.0f/%zu\n", "Priority rank: %.0f/%zu\n"),
            v, a->now->units->n);
    static const char *const LISA[][2] = {
        {"không thuộc cụm rõ rệt", "no clear cluster"},
        {"cụm nghèo cao", "cluster of high poverty"},
        {"cụm nghèo thấp", "cluster of low poverty"},
        {"nghèo thấp giữa vùng nghèo cao", "low poverty among high"},
        {"nghèo cao giữa vùng nghèo thấp", "high poverty among low"}};
    /* few units are weak evidence for clusters (the demo's 16 wards);
     * a province's or the country's communes are not */
    size_t n_units = a->now->units->n;
    if (!hidden && fact(a, u->code, "lisa_category", &v) && v >= 0 && v <= 4) {
        if (n_units < 30)
            g_string_append_printf(
                s,
                TX(a, "Cụm nghèo (LISA, %zu đơn vị, bằng chứng yếu): %s\n",
                   "Poverty cluster (LISA, %zu units, weak evidence): %s\n"),
                n_units, LISA[(int)v][a->en]);
        else
            g_string_append_printf(
                s,
                TX(a, "Cụm nghèo (LISA): %s\n", "Poverty cluster (LISA): %s\n"),
                LISA[(int)v][a->en]);
    }
    double h = s->len
                   ? text(a, s->str, 12, 0, x, y, 0x222222, PAGE_W - 2 * MARGIN)
                   : 0;
    g_string_free(s, TRUE);
    return h;
}

/* Column @c of ward @i with its unit, or a bare "–" when unknown. */
static char *fact_value(const atlas *a, const povatlas_indicator_table *t,
                        size_t i, int c)
{
    double v;
    if (!val(t, i, c, &v))
        return g_strdup("–");
    g_autofree char *n = num(a, v, c >= C_RATE ? 2 : 0);
    return g_strdup_printf("%s%s", n, c >= C_RATE ? " %" : "");
}

static char *ward_title(const povatlas_unit_row *u)
{
    return g_strdup(u->full_name ? u->full_name : u->name);
}

static povatlas_status fact_sheet(atlas *a, povatlas_render_geom *g, size_t i,
                                  povatlas_error **err)
{
    const povatlas_unit_row *u = &a->now->units->rows[i];
    double y = page_begin(a);
    int prio = a->hidden_now[i] ? 0 : priority_of(a, i);
    g_autofree char *name = ward_title(u);
    g_autofree char *sub =
        prio ? g_strdup_printf(TX(a, "Thứ tự ưu tiên %d/%zu — năm %d",
                                  "Priority %d of %zu — %d"),
                               prio, a->now->units->n, a->year)
             : g_strdup_printf(TX(a, "Năm %d", "%d"), a->year);
    y = page_title(a, y, name, sub);
    povatlas_rect box = {PAGE_W - MARGIN - 420, y, 420, 520};
    povatlas_status st = locator(a, g, i, &box, err);
    if (st)
        return st;
    double x = MARGIN;
    const char *lab[] = {TX(a, "Số hộ", "Households"),
                         TX(a, "Hộ nghèo", "Poor"),
                         TX(a, "Hộ cận nghèo", "Near-poor"),
                         TX(a, "Tỷ lệ hộ nghèo", "Poor rate"),
                         TX(a, "Tỷ lệ hộ cận nghèo", "Near-poor rate")};
    const double c1 = x + 430, c2 = x + 580; /* right edges of the years */
    g_autofree char *h1 = g_strdup_printf("%d", a->year - 1);
    g_autofree char *h2 = g_strdup_printf("%d", a->year);
    text_right(a, h1, 12, POVATLAS_RENDER_TEXT_BOLD, c1, y, 0x222222);
    text_right(a, h2, 12, POVATLAS_RENDER_TEXT_BOLD, c2, y, 0x222222);
    y += 36;
    for (int c = 0; c < N_COLS; c++) {
        g_autofree char *row = fact_value(a, a->before, before_row(a, i), c);
        g_autofree char *row2 = fact_value(a, a->now, i, c);
        text(a, lab[c], 12, 0, x, y, 0x333333, 0);
        text_right(a, row, 12, 0, c1, y, 0x333333);
        text_right(a, row2, 12, POVATLAS_RENDER_TEXT_BOLD, c2, y, 0x222222);
        y += 34;
    }
    g_autofree char *ch = change_text(a, i);
    int rank = rank_of(a, i);
    g_autofree char *rk = rank ? g_strdup_printf("%d", rank) : g_strdup("–");
    g_autofree char *chu =
        strcmp(ch, "–") == 0
            ? g_strdup(ch)
            : g_strdup_printf("%s %s", ch, TX(a, "điểm %", "pp"));
    g_autofree char *l = g_strdup_printf(
        TX(a,
           "Thay đổi tỷ lệ hộ nghèo: %s\nXếp hạng tỷ lệ nghèo: %s/%zu "
           "(1 = cao nhất)",
           "Change in poor rate: %s\nRank by poor rate: %s/%zu (1 = highest)"),
        chu, rk, a->now->units->n);
    if (a->before_gap) {
        g_autofree char *l2 = g_strdup_printf("%s\n%s", l, a->before_gap);
        g_free(l);
        l = g_steal_pointer(&l2);
    }
    y += 20;
    y += text(a, l, 12, 0, x, y, 0x222222, box.x - x - 20) + 30;
    /* the facts run the page's width: start them below the locator */
    fact_lines(a, u, x, MAX(y, box.y + box.h + 40));
    page_end(a);
    if (a->failed)
        return povatlas_error_propagate(err, g_steal_pointer(&a->failed));
    return POVATLAS_OK;
}

/* Marks the small cells of @t (1 in the returned array) and leaves their
 * figures undefined, so every page shows "–" for them. */
static char *hide_small_cells(povatlas_indicator_table *t, int min_households)
{
    char *hidden = g_new0(char, t->units->n + 1);
    for (size_t i = 0; i < t->units->n; i++) {
        double hh;
        if (!val(t, i, C_HH, &hh) || !povatlas_small_cell(hh, min_households))
            continue;
        hidden[i] = 1;
        for (int c = 0; c < N_COLS; c++)
            t->defined[i * N_COLS + c] = 0;
    }
    return hidden;
}

static povatlas_status load_tables(atlas *a, povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_require(
        a->ws, a->year, POVATLAS_INPUT_UNITS | POVATLAS_INPUT_BOUNDARIES, err);
    if (st)
        return st;
    povatlas_error *e = NULL;
    a->now =
        povatlas_workspace_indicator_table(a->ws, a->year, COLS, N_COLS, &e);
    if (a->now == NULL)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    if (a->now->units->n == 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no wards with data in %d", a->year);
    a->before = povatlas_workspace_indicator_table(a->ws, a->year - 1, COLS,
                                                   N_COLS, &e);
    if (a->before == NULL)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    if (a->before->units->n == 0) { /* nothing the year before */
        povatlas_indicator_table_free(a->before);
        a->before = NULL;
    } else { /* pair the years by code: units merge, split and reorder */
        GHashTable *rows = g_hash_table_new(g_str_hash, g_str_equal);
        for (size_t k = 0; k < a->before->units->n; k++)
            g_hash_table_insert(rows, a->before->units->rows[k].code,
                                GSIZE_TO_POINTER(k + 1));
        a->before_row = g_new(size_t, a->now->units->n + 1);
        for (size_t i = 0; i < a->now->units->n; i++)
            a->before_row[i] = GPOINTER_TO_SIZE(g_hash_table_lookup(
                                   rows, a->now->units->rows[i].code)) -
                               1;
        g_hash_table_destroy(rows);
        a->change = g_new0(double, a->now->units->n + 1);
        a->has_change = g_new0(unsigned char, a->now->units->n + 1);
        st = povatlas_indicator_changes(a->ws, POVATLAS_IND_POOR_RATE,
                                        a->year - 1, a->year, a->now->units,
                                        a->change, a->has_change, err);
        if (st)
            return st;
    }
    a->hidden_now = hide_small_cells(a->now, a->min_households);
    if (a->before)
        a->hidden_before = hide_small_cells(a->before, a->min_households);
    int listed = 0;
    st = povatlas_workspace_has_list(a->ws, a->year - 1, NULL, &listed, err);
    if (st)
        return st;
    if (!listed)
        a->before_gap =
            g_strdup_printf(TX(a, "–: chưa có danh sách rà soát năm %d",
                               "–: no review list for %d"),
                            a->year - 1);
    return POVATLAS_OK;
}

/* Which wards get a fact sheet (a->sheet, a->n_sheets), and the rows of
 * the ward table: a province's when one is asked for; every ward up to
 * a->max_fact_sheets of them; none above (a national workspace: 10,600
 * pages nobody reads), and the contents say so. */
static povatlas_status select_sheets(atlas *a, povatlas_error **err)
{
    size_t n = a->now->units->n;
    for (size_t i = 0; i < n && !a->has_zones; i++)
        a->has_zones = povatlas_zone_parse(a->now->units->rows[i].zone) !=
                       POVATLAS_ZONE_UNKNOWN;
    a->national = n > POVATLAS_ATLAS_NATIONAL_UNITS;
    a->table_rows = a->national ? MIN(n, (size_t)POVATLAS_ATLAS_TABLE_ROWS) : n;
    if (a->province == NULL) {
        if (a->max_fact_sheets >= 0 && n > (size_t)a->max_fact_sheets) {
            a->sheets_held_back = a->max_fact_sheets == 0 ? 2 : 1;
            a->n_sheets = 0;
        } else {
            a->n_sheets = n;
        }
        return POVATLAS_OK;
    }
    povatlas_error *e = NULL;
    char **codes = povatlas_workspace_province_units(a->ws, a->province, &e);
    if (codes == NULL)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    GHashTable *in = g_hash_table_new(g_str_hash, g_str_equal);
    for (char **c = codes; *c; c++)
        g_hash_table_add(in, *c);
    a->sheet = g_new0(unsigned char, n + 1);
    for (size_t i = 0; i < n; i++)
        if (g_hash_table_contains(in, a->now->units->rows[i].code)) {
            a->sheet[i] = 1;
            a->n_sheets++;
        }
    g_hash_table_destroy(in);
    g_strfreev(codes);
    if (a->n_sheets == 0)
        return povatlas_error_set(
            err, POVATLAS_E_INPUT,
            "no unit of %d has the province code %s (the units' "
            "province_code)",
            a->year, a->province);
    return POVATLAS_OK;
}

/* Page names for the error of a page that could not be made. */
static povatlas_status page_failed(int page, const char *what,
                                   povatlas_status st, povatlas_error **err)
{
    if (err && *err)
        povatlas_error_prefix(*err, "atlas page %d (%s)", page, what);
    else
        povatlas_error_set(err, st, "atlas page %d (%s) could not be made",
                           page, what);
    return st;
}

static const struct {
    povatlas_map_type type;
    const char *indicator, *name, *vi, *en;
} MAPS[] = {
    {POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_POOR_RATE, "poor rate map",
     "Bản đồ tỷ lệ hộ nghèo", "Map of the poor rate"},
    {POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_NEAR_POOR_RATE, "near-poor rate map",
     "Bản đồ tỷ lệ hộ cận nghèo", "Map of the near-poor rate"},
    {POVATLAS_MAP_CHANGE, POVATLAS_IND_POOR_RATE, "change map",
     "Bản đồ thay đổi tỷ lệ hộ nghèo", "Map of the change in the poor rate"},
    {POVATLAS_MAP_ZONE, POVATLAS_IND_HOUSEHOLDS, "zone map", "Bản đồ các vùng",
     "Map of the zones"}};

/* The zone map and the zone gaps only where the units have zones (a
 * city's coastal, peri-urban and central wards; a country's communes
 * have none, and both pages would be empty). */
static int map_shown(const atlas *a, size_t k)
{
    if (a->national) /* one national map: the poor rate */
        return k == 0;
    if (MAPS[k].type == POVATLAS_MAP_ZONE)
        return a->has_zones;
    return MAPS[k].type != POVATLAS_MAP_CHANGE || a->before != NULL;
}

/* One line of the contents: a page's name and number (@page > 0), or a
 * heading or paragraph. */
typedef struct toc_item {
    char *what;
    int page; /* 0: no number */
    double indent, pt, before, after, wrap;
    int flags;
    double h; /* the text's height */
} toc_item;

static void toc_add(atlas *a, GArray *items, const char *what, int page,
                    double indent)
{
    toc_item it = {g_strdup(what),
                   page,
                   indent,
                   12,
                   0,
                   8,
                   PAGE_W - 2 * MARGIN - indent - 100,
                   0,
                   0};
    it.h = text_height(a, it.what, it.pt, it.flags, it.wrap);
    g_array_append_val(items, it);
}

static void toc_para(atlas *a, GArray *items, const char *what, double pt,
                     int flags, double before, double after, double wrap)
{
    toc_item it = {g_strdup(what), 0, 0, pt, before, after, wrap, flags, 0};
    it.h = text_height(a, it.what, it.pt, it.flags, it.wrap);
    g_array_append_val(items, it);
}

#define TOC_FOOT 110.0 /* the contents stop this far above the page's foot */

/* Lays out @items from @y_first on the first page and @y_next on the next
 * ones: returns the pages they take, and draws them when @draw. */
static int toc_pages(atlas *a, GArray *items, double y_first, double y_next,
                     int draw)
{
    int pages = 1;
    double y = y_first;
    for (guint k = 0; k < items->len; k++) {
        const toc_item *it = &g_array_index(items, toc_item, k);
        if (y > y_next && y + it->before + it->h > PAGE_H - TOC_FOOT) {
            pages++;
            y = y_next;
            if (draw) {
                page_end(a);
                page_title(a, page_begin(a),
                           TX(a, "Nội dung (tiếp)", "Contents (continued)"),
                           NULL);
            }
        }
        y += it->before;
        if (draw) {
            unsigned int rgb = it->page || it->flags ? 0x222222 : 0x444444;
            text(a, it->what, it->pt, it->flags, MARGIN + it->indent, y, rgb,
                 it->wrap);
            if (it->page > 0) {
                g_autofree char *n = g_strdup_printf("%d", it->page);
                text_right(a, n, it->pt, it->flags, PAGE_W - MARGIN, y,
                           0x222222);
            }
        }
        y += it->h + it->after;
    }
    return pages;
}

/* What the contents say in place of the fact sheets when there are
 * none. */
static char *no_sheets_note(const atlas *a)
{
    if (a->sheets_held_back == 2)
        return g_strdup(TX(a,
                           "Bản này không kèm phiếu thông tin từng phường, "
                           "xã (đã chọn không in).",
                           "This atlas has no fact sheets (left out by "
                           "choice)."));
    g_autofree char *n = num(a, (double)a->now->units->n, 0);
    g_autofree char *max = num(a, (double)a->max_fact_sheets, 0);
    return g_strdup_printf(
        TX(a,
           "Không in phiếu thông tin cho %s phường, xã (trên %s đơn vị: "
           "số liệu cả nước); số liệu của từng đơn vị có trong lớp bản đồ "
           "xuất ra và bảng thứ tự ưu tiên. Phiếu của các xã, phường một "
           "tỉnh: in tập bản đồ cho mã tỉnh đó.",
           "No fact sheets for %s units (more than %s: a national "
           "workspace); every unit's figures are in the exported layer and "
           "the priority table. One province's fact sheets: write the atlas "
           "for that province's code."),
        n, max);
}

/* The contents: every page, and the fact sheets in priority order (or
 * why there are none); as many pages as they take. */
static void contents(atlas *a)
{
    double y = page_begin(a);
    y = page_title(a, y, TX(a, "Nội dung", "Contents"), NULL);
    double y_next =
        content_top(a, TX(a, "Nội dung (tiếp)", "Contents (continued)"), NULL);
    GArray *items = g_array_new(FALSE, TRUE, sizeof(toc_item));
    /* twice: the pages' numbers follow the contents' own pages */
    int pages = 1;
    for (int pass = 0; pass < 3; pass++) {
        for (guint k = 0; k < items->len; k++)
            g_free(g_array_index(items, toc_item, k).what);
        g_array_set_size(items, 0);
        int page = 2 + pages;
        toc_add(a, items,
                TX(a, "Trang bìa: tổng số và chỉ tiêu kế hoạch",
                   "Cover: totals and plan targets"),
                1, 0);
        for (size_t k = 0; k < G_N_ELEMENTS(MAPS); k++)
            if (map_shown(a, k))
                toc_add(a, items, TX(a, MAPS[k].vi, MAPS[k].en), page++, 0);
        if (a->national)
            toc_para(a, items,
                     TX(a,
                        "Bản đồ cả nước: chỉ tỷ lệ hộ nghèo; các bản đồ "
                        "khác (cận nghèo, thay đổi) vẽ riêng từng bản.",
                        "The national atlas maps the poor rate only; draw "
                        "the other maps (near-poor, change) one by one."),
                     11, 0, 0, 8, PAGE_W - 2 * MARGIN);
        toc_add(a, items,
                TX(a, "Bảng các phường, xã theo thứ tự ưu tiên",
                   "Table of the wards in priority order"),
                page, 0);
        page += table_pages(a);
        if (a->has_zones)
            toc_add(a, items,
                    TX(a, "Chênh lệch tỷ lệ hộ nghèo giữa các vùng",
                       "Gaps between the zones"),
                    page++, 0);
        g_autofree char *head =
            a->province
                ? g_strdup_printf(
                      TX(a,
                         "Phiếu thông tin phường, xã của tỉnh mã %s (theo "
                         "thứ tự ưu tiên)",
                         "Fact sheets of the units of province %s (in "
                         "priority order)"),
                      a->province)
                : g_strdup(TX(a,
                              "Phiếu thông tin phường, xã (theo thứ tự ưu "
                              "tiên)",
                              "Ward fact sheets (in priority order)"));
        toc_para(a, items, head, 13, POVATLAS_RENDER_TEXT_BOLD, 16, 12, 0);
        if (a->n_sheets == 0) {
            g_autofree char *why = no_sheets_note(a);
            toc_para(a, items, why, 12, 0, 0, 8, PAGE_W - 2 * MARGIN);
        }
        for (size_t r = 0; r < a->now->units->n && a->n_sheets > 0; r++) {
            size_t i = a->order[r];
            if (a->sheet && !a->sheet[i])
                continue;
            int prio = a->hidden_now[i] ? 0 : priority_of(a, i);
            g_autofree char *name = ward_title(&a->now->units->rows[i]);
            g_autofree char *l = prio ? g_strdup_printf("%d. %s", prio, name)
                                      : g_strdup_printf("–  %s", name);
            toc_add(a, items, l, page++, 20);
        }
        int need = toc_pages(a, items, y, y_next, 0);
        if (need == pages)
            break;
        pages = need;
    }
    toc_pages(a, items, y, y_next, 1);
    for (guint k = 0; k < items->len; k++)
        g_free(g_array_index(items, toc_item, k).what);
    g_array_free(items, TRUE);
    page_end(a);
}

/* A write of the pages so far that failed (a full disk) fails the atlas
 * there: the pages after it are not drawn for nothing (the error is the
 * output's, as the commit's would be, not a page's). */
static povatlas_status written(atlas *a, povatlas_error **err)
{
    return povatlas_render_target_check(a->target, err);
}

static povatlas_status all_pages(atlas *a, povatlas_error **err)
{
    povatlas_status st = order_wards(a, err);
    if (!st)
        st = cover(a, err);
    if (st)
        return page_failed(a->page_no + 1, "cover", st, err);
    contents(a);
    if (a->failed)
        return page_failed(a->page_no, "contents", POVATLAS_E_DB, err);
    for (size_t k = 0; k < G_N_ELEMENTS(MAPS); k++) {
        if (!map_shown(a, k))
            continue; /* no year before: no change to map */
        if ((st = written(a, err)) != POVATLAS_OK)
            return st;
        st = map_page(a, MAPS[k].type, MAPS[k].indicator, err);
        if (st)
            return page_failed(a->page_no + 1, MAPS[k].name, st, err);
    }
    if ((st = written(a, err)) != POVATLAS_OK)
        return st;
    st = ward_table(a, err);
    if (st)
        return page_failed(a->page_no, "ward table", st, err);
    st = a->has_zones ? trend_page(a, err) : POVATLAS_OK;
    if (st)
        return page_failed(a->page_no + 1, "zone gaps", st, err);
    povatlas_render_geom g = {0};
    st = povatlas_render_geom_init(&g, err);
    a->sea = g_ptr_array_new();
    if (!st)
        st = load_sea(a, &g, err);
    for (size_t r = 0; !st && r < a->now->units->n && a->n_sheets > 0; r++) {
        size_t i = a->order[r];
        if (a->sheet && !a->sheet[i])
            continue;
        if ((st = written(a, err)) != POVATLAS_OK)
            break;
        st = fact_sheet(a, &g, i, err);
        if (st) {
            g_autofree char *what = g_strdup_printf(
                "fact sheet of %s", a->now->units->rows[i].code);
            page_failed(a->page_no, what, st, err);
        }
    }
    for (guint i = 0; i < a->sea->len; i++)
        if (a->sea->pdata[i])
            GEOSGeom_destroy_r(g.geos, a->sea->pdata[i]);
    for (size_t i = 0; i < a->n_locator_units; i++)
        if (a->locator_units[i])
            GEOSGeom_destroy_r(g.geos, a->locator_units[i]);
    g_clear_pointer(&a->locator_units, g_free);
    g_ptr_array_unref(g_steal_pointer(&a->sea));
    povatlas_render_geom_clear(&g);
    return st;
}

void povatlas_atlas_opts_init(povatlas_atlas_opts *opts)
{
    *opts =
        (povatlas_atlas_opts){.year = 0,
                              .lang = "vi",
                              .min_households = POVATLAS_MIN_HOUSEHOLDS,
                              .style_path = NULL,
                              .max_fact_sheets = POVATLAS_ATLAS_MAX_FACT_SHEETS,
                              .province = NULL};
}

povatlas_status povatlas_atlas_write(povatlas_workspace *ws,
                                     const povatlas_atlas_opts *opts,
                                     const char *path, povatlas_error **err)
{
    return povatlas_atlas_write_traced(ws, opts, path, NULL, err);
}

povatlas_status povatlas_atlas_write_traced(povatlas_workspace *ws,
                                            const povatlas_atlas_opts *opts,
                                            const char *path, GPtrArray *trace,
                                            povatlas_error **err)
{
    if (path == NULL || !g_str_has_suffix(path, ".pdf"))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "the atlas is a PDF: give a .pdf path");
    povatlas_atlas_opts o;
    povatlas_atlas_opts_init(&o);
    if (opts)
        o = *opts;
    atlas a = {0};
    a.ws = ws;
    a.year = o.year;
    a.en = g_strcmp0(o.lang, "en") == 0;
    a.lang = a.en ? "en" : "vi";
    a.min_households = o.min_households;
    a.style_path = o.style_path;
    a.max_fact_sheets = o.max_fact_sheets;
    a.province = o.province && *o.province ? o.province : NULL;
    a.trace = trace;
    povatlas_status st =
        a.year ? POVATLAS_OK : povatlas_workspace_latest_year(ws, &a.year, err);
    if (!st)
        st = povatlas_workspace_is_synthetic(ws, &a.synthetic, err);
    if (!st)
        st = load_tables(&a, err);
    if (!st)
        st = select_sheets(&a, err);
    if (!st)
        st = povatlas_render_style_load(&a.style, o.style_path, NULL, 5, err);
    povatlas_render_target t = {0};
    if (!st)
        st = povatlas_render_target_open(&t, path, PAGE_W, PAGE_H, DPI, err);
    if (!st) {
        a.cr = t.cr;
        a.target = &t;
        povatlas_render_page_init(&a.page, t.cr, PAGE_W, PAGE_H, DPI, &a.style,
                                  a.lang);
        st = all_pages(&a, err);
        povatlas_render_page_clear(&a.page);
        if (st)
            povatlas_render_target_abort(&t);
        else
            st = povatlas_render_target_commit(&t, err);
    }
    povatlas_render_style_clear(&a.style);
    povatlas_indicator_table_free(a.now);
    povatlas_indicator_table_free(a.before);
    g_free(a.before_row);
    g_free(a.change);
    g_free(a.has_change);
    g_free(a.hidden_now);
    g_free(a.hidden_before);
    g_free(a.before_gap);
    g_free(a.order);
    g_free(a.sheet);
    povatlas_error_free(a.failed);
    return st;
}
