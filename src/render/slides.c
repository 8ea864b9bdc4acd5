/*
 * slides.c - the briefing as slides for a projector: 16:9 PNGs of 1920 x
 * 1080 pixels, one idea each: the plan's targets against what was
 * achieved (bullet charts, units on every number, met or missed), the
 * main maps (poor rate, change since the year before) and the priority
 * list. Type is large enough
 * to read from the back of a room: no text under 28 px (8 pt at the
 * slides' 252 dpi; styles/slides.ini sizes the maps' texts). The
 * synthetic-data band crosses the top of every slide of synthetic data.
 *
 * The slides are made whole or not at all: each is drawn under a
 * temporary name and all are renamed once every one is drawn.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/analysis.h"
#include "povatlas/priority.h"
#include "povatlas/targets.h"
#include "render/render_private.h"

#define SLIDE_W 1920
#define SLIDE_H 1080
#define SLIDE_DPI                                                              \
    252.0 /* 3.5 px per point: styles/slides.ini's 8 pt                        \
             notes are 28 px, the band as on the maps */
#define PX(px) ((px)*72.0 / SLIDE_DPI) /* a text size in px, as points */
#define SLIDE_MARGIN 80.0
#define TITLE_PT PX(56)
#define BODY_PT PX(32)
#define SMALL_PT PX(28) /* the smallest text of a slide */
#define TOP_WARDS 10    /* rows of the priority list */

typedef struct slides {
    povatlas_workspace *ws;
    const povatlas_slides_opts *o;
    const char *lang;
    int en, year, synthetic;
    GPtrArray *targets; /* povatlas_render_target *, drawn, not committed */
    GPtrArray *names;   /* the slides' file names, in order */
    GPtrArray *trace;   /* nullable: per slide, a GArray of text boxes */
    povatlas_render_style style;
    povatlas_render_page page; /* the text slide being drawn */
} slides;

#define TX(s, vi, en_text) ((s)->en ? (en_text) : (vi))

static void target_free(void *p)
{
    povatlas_render_target *t = p;
    povatlas_render_target_abort(t);
    g_free(t);
}

/* A new slide file DIR/NN-@name.png under a temporary name; its cairo
 * context is in pixels. */
static povatlas_status slide_open(slides *s, const char *name, double dpi,
                                  povatlas_render_target **out,
                                  povatlas_error **err)
{
    *out = NULL;
    g_autofree char *file =
        g_strdup_printf("%02u-%s.png", s->names->len + 1, name);
    g_autofree char *path = g_build_filename(s->o->dir, file, NULL);
    if (!s->o->overwrite && g_file_test(path, G_FILE_TEST_EXISTS))
        return povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                                     "the slide exists and is kept");
    povatlas_render_target *t = g_new0(povatlas_render_target, 1);
    povatlas_status st =
        povatlas_render_target_open(t, path, SLIDE_W, SLIDE_H, dpi, err);
    if (st) {
        g_free(t);
        return st;
    }
    g_ptr_array_add(s->targets, t);
    g_ptr_array_add(s->names, g_steal_pointer(&file));
    *out = t;
    return POVATLAS_OK;
}

static GArray *slide_texts(slides *s)
{
    if (s->trace == NULL)
        return NULL;
    g_ptr_array_add(s->trace, povatlas_label_box_array_new());
    return g_ptr_array_index(s->trace, s->trace->len - 1);
}

static double text(slides *s, const char *t, double pt, int flags, double x,
                   double y, unsigned int rgb, double wrap)
{
    double w, h;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(&s->page, t, pt, flags, wrap);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(&s->page, l, x, y, rgb, 0);
    return h;
}

static double text_right(slides *s, const char *t, double pt, int flags,
                         double x_right, double y, unsigned int rgb)
{
    double w, h;
    g_autoptr(PangoLayout) l =
        povatlas_render_text_new(&s->page, t, pt, flags, 0);
    povatlas_render_text_size(l, &w, &h);
    povatlas_render_text_draw(&s->page, l, x_right - w, y, rgb, 0);
    return h;
}

/* A text slide: white, the band when the data is synthetic, the title
 * and subtitle. Returns the y below them. */
static double text_slide_begin(slides *s, povatlas_render_target *t,
                               const char *title, const char *subtitle)
{
    povatlas_render_page_init(&s->page, t->cr, SLIDE_W, SLIDE_H, SLIDE_DPI,
                              &s->style, s->lang);
    s->page.texts = slide_texts(s);
    povatlas_render_set_rgb(t->cr, s->style.page_rgb);
    cairo_paint(t->cr);
    double y = s->synthetic ? povatlas_furniture_banner(
                                  &s->page, povatlas_synthetic_note(s->lang), 1)
                            : 0;
    y += 40;
    y += text(s, title, TITLE_PT, POVATLAS_RENDER_TEXT_BOLD, SLIDE_MARGIN, y,
              0x222222, SLIDE_W - 2 * SLIDE_MARGIN);
    if (subtitle && *subtitle)
        y += text(s, subtitle, BODY_PT, 0, SLIDE_MARGIN, y + 4, 0x555555,
                  SLIDE_W - 2 * SLIDE_MARGIN) +
             4;
    return y + 36;
}

static void text_slide_end(slides *s)
{
    cairo_surface_flush(cairo_get_target(s->page.cr));
    povatlas_render_page_clear(&s->page);
}

static char *num(const slides *s, double v, int decimals)
{
    char *n = povatlas_format_number(v, decimals, s->lang);
    char *g = g_strdup(n ? n : "–");
    free(n);
    return g;
}

/* "1,17 %", "57 hộ", "13 căn": a target's figure with its unit. */
static char *with_unit(const slides *s, double v, const char *unit)
{
    if (isnan(v))
        return g_strdup("–");
    int pct = g_strcmp0(unit, "percent") == 0;
    g_autofree char *n = num(s, v, pct ? 2 : 0);
    const char *u = pct ? " %"
                    : g_strcmp0(unit, "households") == 0
                        ? TX(s, " hộ", " households")
                    : g_strcmp0(unit, "houses") == 0 ? TX(s, " căn", " houses")
                                                     : "";
    return g_strdup_printf("%s%s", n, u);
}

/* One target in a cell of the grid: name and mark, bullet chart, what was
 * achieved against the target. */
static void target_cell(slides *s, const povatlas_target_eval *e, double x,
                        double y, double w)
{
    const char *mark = e->state == POVATLAS_TARGET_MET ? TX(s, "✓ ĐẠT", "✓ MET")
                       : e->state == POVATLAS_TARGET_MISSED
                           ? TX(s, "✗ CHƯA ĐẠT", "✗ MISSED")
                           : TX(s, "chưa có số liệu", "no data yet");
    double mw, mh;
    g_autoptr(PangoLayout) ml = povatlas_render_text_new(
        &s->page, mark, BODY_PT, POVATLAS_RENDER_TEXT_BOLD, 0);
    povatlas_render_text_size(ml, &mw, &mh);
    text(s, povatlas_target_label(e->name, s->lang), BODY_PT,
         POVATLAS_RENDER_TEXT_BOLD, x, y, 0x222222, w - mw - 20);
    povatlas_render_text_draw(&s->page, ml, x + w - mw, y,
                              povatlas_render_target_rgb(e->state), 0);
    y += 62;
    povatlas_render_bullet(s->page.cr, e, &(povatlas_rect){x, y, w, 44});
    y += 44 + 16;
    g_autofree char *got = with_unit(s, e->achieved, e->unit);
    g_autofree char *tgt = with_unit(s, e->target, e->unit);
    g_autofree char *line = g_strdup_printf(TX(s, "Thực hiện %s · mục tiêu %s",
                                               "Achieved %s · "
                                               "target %s"),
                                            got, tgt);
    text(s, line, BODY_PT, 0, x, y, 0x333333, w);
}

/* "Hộ nghèo: 465 → 408 hộ (1,30 % → 1,17 %)": the city's totals. */
static char *totals_line(const slides *s, const povatlas_city_summary *s0,
                         const povatlas_city_summary *s1)
{
    GString *l = g_string_new(NULL);
    const char *what[2] = {TX(s, "Hộ nghèo", "Poor households"),
                           TX(s, "Hộ cận nghèo", "Near-poor households")};
    for (int k = 0; k < 2; k++) {
        int64_t c1 = k ? s1->near_poor : s1->poor;
        int64_t r1 = k ? s1->near_poor_hundredths : s1->poor_hundredths;
        if (c1 < 0 || r1 < 0)
            continue;
        g_autofree char *c = num(s, (double)c1, 0);
        g_autofree char *r = num(s, (double)r1 / 100.0, 2);
        g_string_append_printf(
            l, TX(s, "%s%s %d: %s hộ (%s %%)", "%s%s %d: %s (%s %%)"),
            l->len ? " · " : "", what[k], s1->year, c, r);
        int64_t r0 =
            s0 ? (k ? s0->near_poor_hundredths : s0->poor_hundredths) : -1;
        if (r0 >= 0) {
            g_autofree char *r0t = num(s, (double)r0 / 100.0, 2);
            g_string_append_printf(l, TX(s, ", năm %d: %s %%", ", %d: %s %%"),
                                   s0->year, r0t);
        }
    }
    return g_string_free(l, FALSE);
}

static povatlas_status targets_slide(slides *s, povatlas_error **err)
{
    povatlas_city_summary s1 = {0}, s0 = {0};
    povatlas_status st =
        povatlas_city_summary_compute(s->ws, s->year, &s1, err);
    int before = 0;
    if (!st) {
        povatlas_error *none = NULL;
        before = povatlas_city_summary_compute(s->ws, s->year - 1, &s0,
                                               &none) == POVATLAS_OK &&
                 s0.has_list && s0.households > 0;
        povatlas_error_free(none);
    }
    g_autofree char *place = NULL;
    if (!st)
        st = povatlas_workspace_get_place(s->ws, s->lang, &place, err);
    if (st)
        return st;
    povatlas_error *why = NULL;
    povatlas_target_eval_list *t =
        povatlas_targets_evaluate(s->ws, s->year, &why);
    if (!t)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_render_target *rt = NULL;
    st = slide_open(s, "targets", SLIDE_DPI, &rt, err);
    if (st) {
        povatlas_target_eval_list_free(t);
        return st;
    }
    g_autofree char *title =
        g_strdup_printf(TX(s, "Giảm nghèo năm %d: kết quả so với kế hoạch",
                           "Poverty reduction in %d: results against the plan"),
                        s->year);
    double y = text_slide_begin(s, rt, title, place);
    g_autofree char *totals = totals_line(s, before ? &s0 : NULL, &s1);
    y += text(s, totals, BODY_PT, 0, SLIDE_MARGIN, y, 0x222222,
              SLIDE_W - 2 * SLIDE_MARGIN) +
         40;
    if (t->n == 0) {
        g_autofree char *none =
            g_strdup_printf(TX(s, "Chưa nhập chỉ tiêu kế hoạch năm %d.",
                               "No plan targets imported for %d."),
                            s->year);
        text(s, none, BODY_PT, 0, SLIDE_MARGIN, y, 0x555555, 0);
    }
    /* two columns, targets read down then across */
    const double gap = 120, col_w = (SLIDE_W - 2 * SLIDE_MARGIN - gap) / 2;
    size_t rows = (t->n + 1) / 2;
    double row_h = rows ? fmin(210, (SLIDE_H - 90 - y) / (double)rows) : 0;
    for (size_t i = 0; i < t->n; i++)
        target_cell(s, &t->rows[i],
                    SLIDE_MARGIN + (double)(i / rows) * (col_w + gap),
                    y + (double)(i % rows) * row_h, col_w);
    if (t->n > 0)
        text(s,
             TX(s,
                "Thanh đậm: thực hiện (xanh: đạt, đỏ: chưa đạt) · thanh "
                "nhạt: năm gốc · vạch đen: mục tiêu",
                "Dark bar: achieved (green met, red missed) · light bar: "
                "baseline · black tick: target"),
             SMALL_PT, POVATLAS_RENDER_TEXT_ITALIC, SLIDE_MARGIN, SLIDE_H - 70,
             0x555555, SLIDE_W - 2 * SLIDE_MARGIN);
    povatlas_target_eval_list_free(t);
    text_slide_end(s);
    return POVATLAS_OK;
}

/* A map slide: the map drawn with the slides' style at SLIDE_DPI, without
 * the locator inset (the cover names the place) and with the wards' names
 * only: values under the names of 16 wards at 28 px push most labels out
 * on leader lines; the priority slide gives the figures. */
povatlas_status
povatlas_slides_map_draw(povatlas_workspace *ws, povatlas_map_type type,
                         const char *ind, int year, const char *lang,
                         int min_households, cairo_t *cr, GArray *texts,
                         povatlas_map_layout **layout, povatlas_error **err)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = type;
    o.indicator = ind;
    o.year = year;
    o.lang = lang;
    o.width_px = SLIDE_W;
    o.height_px = SLIDE_H;
    o.dpi = SLIDE_DPI;
    o.min_households = min_households;
    o.style_path = "slides";
    o.locator_inset = 0;
    povatlas_maps_job j = {0};
    j.ws = ws;
    j.o = &o;
    j.year = year;
    j.en = g_strcmp0(lang, "en") == 0;
    j.slide_note = 1; /* the band says synthetic; one line of notes */
    povatlas_status st = povatlas_maps_classify(&j, err);
    if (st) {
        povatlas_maps_job_clear(&j);
        return st;
    }
    povatlas_error *e = NULL;
    povatlas_context_list *list = NULL;
    g_autofree povatlas_map_context *ctx = povatlas_maps_context(ws, &list, &e);
    if (!ctx)
        st = povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    if (!st) {
        povatlas_map_opts mo;
        povatlas_maps_render_opts(&j, &mo);
        mo.subtitle = NULL; /* the cover names the place; room for the map */
        const povatlas_map_symbols *sy =
            j.symbols.kind != POVATLAS_SYMBOLS_NONE ? &j.symbols : NULL;
        povatlas_render_map_args args = {
            j.features,  j.t->units->n, ctx, list->n, j.classes,
            j.n_classes, j.cls,         sy,  &mo,     texts};
        st = povatlas_render_map_draw(&args, cr, layout, err);
    }
    povatlas_context_list_free(list);
    povatlas_maps_job_clear(&j);
    return st;
}

static povatlas_status map_slide(slides *s, const char *name,
                                 povatlas_map_type type, const char *ind,
                                 povatlas_error **err)
{
    povatlas_render_target *rt = NULL;
    povatlas_status st = slide_open(s, name, SLIDE_DPI, &rt, err);
    if (!st)
        st = povatlas_slides_map_draw(s->ws, type, ind, s->year, s->lang,
                                      s->o->min_households, rt->cr,
                                      slide_texts(s), NULL, err);
    return st;
}

typedef struct ward_row {
    const char *name;
    int rank;      /* 0: none */
    double rate;   /* NAN: unknown or hidden */
    double poor;   /* NAN: unknown or hidden */
    double change; /* NAN: unknown */
    const char *code;
} ward_row;

static int by_rank(const void *p, const void *q)
{
    const ward_row *x = p, *y = q;
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

/* The wards of the year in priority order (then by poor rate), small
 * cells hidden. Returns: (transfer full) n rows, or NULL with @err. */
static povatlas_status ward_rows(slides *s, povatlas_indicator_table **table,
                                 ward_row **out, size_t *n,
                                 povatlas_error **err)
{
    static const char *const cols[] = {
        POVATLAS_IND_HOUSEHOLDS, POVATLAS_IND_POOR, POVATLAS_IND_POOR_RATE,
        POVATLAS_IND_PRIORITY_RANK};
    povatlas_error *e = NULL;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(s->ws, s->year, cols, 4, &e);
    if (!t)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    size_t m = t->units->n;
    g_autofree double *change = g_new0(double, m + 1);
    g_autofree unsigned char *has = g_new0(unsigned char, m + 1);
    povatlas_error *no_change = NULL;
    if (povatlas_indicator_changes(s->ws, POVATLAS_IND_POOR_RATE, s->year - 1,
                                   s->year, t->units, change, has,
                                   &no_change) != POVATLAS_OK)
        memset(has, 0, m + 1); /* no year before: no change to show */
    povatlas_error_free(no_change);
    ward_row *r = g_new0(ward_row, m + 1);
    for (size_t i = 0; i < m; i++) {
        const double *v = &t->values[i * 4];
        const unsigned char *d = &t->defined[i * 4];
        int hidden =
            d[0] && povatlas_small_cell(v[0], s->o->min_households) ? 1 : 0;
        r[i].name = t->units->rows[i].name;
        r[i].code = t->units->rows[i].code;
        r[i].rank = !hidden && d[3] && v[3] >= 1 ? (int)lround(v[3]) : 0;
        r[i].rate = !hidden && d[2] ? v[2] : NAN;
        r[i].poor = !hidden && d[1] ? v[1] : NAN;
        r[i].change = !hidden && has[i] ? change[i] : NAN;
    }
    qsort(r, m, sizeof(*r), by_rank);
    *table = t;
    *out = r;
    *n = m;
    return POVATLAS_OK;
}

static povatlas_status priority_slide(slides *s, povatlas_error **err)
{
    povatlas_indicator_table *t = NULL;
    size_t n = 0;
    g_autofree ward_row *r = NULL;
    povatlas_status st = ward_rows(s, &t, &r, &n, err);
    if (st)
        return st;
    povatlas_render_target *rt = NULL;
    st = slide_open(s, "priority", SLIDE_DPI, &rt, err);
    if (st) {
        povatlas_indicator_table_free(t);
        return st;
    }
    size_t shown = n < TOP_WARDS ? n : TOP_WARDS;
    g_autofree char *title =
        g_strdup_printf(TX(s, "Phường, xã cần ưu tiên hỗ trợ năm %d",
                           "Wards to support first in %d"),
                        s->year);
    g_autofree char *sub =
        shown < n ? g_strdup_printf(TX(s,
                                       "%zu trên %zu phường, xã; 1 = cần hỗ "
                                       "trợ trước nhất",
                                       "%zu of %zu wards; 1 = to support "
                                       "first"),
                                    shown, n)
                  : g_strdup(TX(s, "1 = cần hỗ trợ trước nhất",
                                "1 = to support first"));
    double y = text_slide_begin(s, rt, title, sub);
    g_autofree char *change_head = g_strdup_printf(
        TX(s, "Thay đổi so với %d", "Change since %d"), s->year - 1);
    const char *head[5] = {TX(s, "Thứ tự", "Rank"), TX(s, "Phường, xã", "Ward"),
                           TX(s, "Tỷ lệ hộ nghèo", "Poor rate"),
                           TX(s, "Số hộ nghèo", "Poor households"),
                           change_head};
    /* left edges of the first two columns, right edges of the numbers */
    const double xs[5] = {SLIDE_MARGIN, 300, 1100, 1450,
                          SLIDE_W - SLIDE_MARGIN};
    for (int c = 0; c < 5; c++)
        if (c < 2)
            text(s, head[c], BODY_PT, POVATLAS_RENDER_TEXT_BOLD, xs[c], y,
                 0x222222, 0);
        else
            text_right(s, head[c], BODY_PT, POVATLAS_RENDER_TEXT_BOLD, xs[c], y,
                       0x222222);
    y += 56;
    const double row_h = fmin(60, (SLIDE_H - 110 - y) / (double)(shown + 1));
    const char *pts = TX(s, " điểm %", " pp");
    int any_hidden = 0;
    for (size_t i = 0; i < shown; i++) {
        if (i % 2 == 0) {
            cairo_rectangle(s->page.cr, SLIDE_MARGIN - 16, y - 6,
                            SLIDE_W - 2 * SLIDE_MARGIN + 32, row_h);
            povatlas_render_set_rgb(s->page.cr, 0xf1f1f3);
            cairo_fill(s->page.cr);
        }
        any_hidden |= isnan(r[i].rate);
        char *cells[5] = {r[i].rank ? g_strdup_printf("%d", r[i].rank)
                                    : g_strdup("–"),
                          g_strdup(r[i].name)};
        g_autofree char *rate = isnan(r[i].rate) ? NULL : num(s, r[i].rate, 2);
        g_autofree char *poor = isnan(r[i].poor) ? NULL : num(s, r[i].poor, 0);
        g_autofree char *ch =
            isnan(r[i].change) ? NULL : num(s, r[i].change, 2);
        cells[2] = rate ? g_strdup_printf("%s %%", rate) : g_strdup("–");
        cells[3] = poor ? g_strdup(poor) : g_strdup("–");
        cells[4] =
            ch ? g_strdup_printf("%s%s%s", r[i].change > 0 ? "+" : "", ch, pts)
               : g_strdup("–");
        for (int c = 0; c < 5; c++) {
            int f = c == 1 ? POVATLAS_RENDER_TEXT_BOLD : 0;
            if (c < 2)
                text(s, cells[c], BODY_PT, f, xs[c], y, 0x222222, 0);
            else
                text_right(s, cells[c], BODY_PT, f, xs[c], y, 0x222222);
            g_free(cells[c]);
        }
        y += row_h;
    }
    if (any_hidden) {
        g_autofree char *note = g_strdup_printf(
            TX(s, "–: ẩn số liệu phường, xã dưới %d hộ",
               "–: figures hidden for wards under %d households"),
            s->o->min_households);
        text(s, note, SMALL_PT, 0, SLIDE_MARGIN, y + 10, 0x555555, 0);
    }
    text(s,
         TX(s,
            "Thứ tự ưu tiên theo chỉ số tổng hợp: tỷ lệ, mật độ và số hộ "
            "nghèo, khoảng trống bao phủ, vùng và xu hướng",
            "Priority from a composite index: poor rate, density and number "
            "of poor households, coverage gap, zone and trend"),
         SMALL_PT, POVATLAS_RENDER_TEXT_ITALIC, SLIDE_MARGIN, SLIDE_H - 70,
         0x555555, SLIDE_W - 2 * SLIDE_MARGIN);
    text_slide_end(s);
    povatlas_indicator_table_free(t);
    return POVATLAS_OK;
}

static povatlas_status all_slides(slides *s, povatlas_error **err)
{
    povatlas_status st = targets_slide(s, err);
    if (!st)
        st = map_slide(s, "poor-rate", POVATLAS_MAP_CHOROPLETH,
                       POVATLAS_IND_POOR_RATE, err);
    int listed = 0;
    if (!st)
        st =
            povatlas_workspace_has_list(s->ws, s->year - 1, NULL, &listed, err);
    if (!st && listed)
        st = map_slide(s, "change", POVATLAS_MAP_CHANGE, POVATLAS_IND_POOR_RATE,
                       err);
    if (!st)
        st = priority_slide(s, err);
    return st;
}

void povatlas_slides_opts_init(povatlas_slides_opts *opts)
{
    *opts = (povatlas_slides_opts){0, "vi", POVATLAS_MIN_HOUSEHOLDS, NULL, 0};
}

povatlas_status povatlas_slides_write_traced(povatlas_workspace *ws,
                                             const povatlas_slides_opts *opts,
                                             char ***files, GPtrArray *trace,
                                             povatlas_error **err)
{
    if (files)
        *files = NULL;
    if (opts == NULL || opts->dir == NULL || !*opts->dir)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "give the slides' folder");
    if (opts->min_households < 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "min_households must not be negative");
    slides s = {0};
    s.ws = ws;
    s.o = opts;
    s.en = g_strcmp0(opts->lang, "en") == 0;
    s.lang = s.en ? "en" : "vi";
    s.year = opts->year;
    s.trace = trace;
    s.targets = g_ptr_array_new_with_free_func(target_free);
    s.names = g_ptr_array_new_with_free_func(g_free);
    povatlas_status st =
        s.year ? POVATLAS_OK : povatlas_workspace_latest_year(ws, &s.year, err);
    if (!st)
        st = povatlas_workspace_require(
            ws, s.year, POVATLAS_INPUT_UNITS | POVATLAS_INPUT_BOUNDARIES, err);
    if (!st)
        st = povatlas_workspace_is_synthetic(ws, &s.synthetic, err);
    if (!st)
        st = povatlas_mkdir_p(opts->dir, err);
    if (!st)
        st = povatlas_render_style_load(&s.style, NULL, NULL, 5, err);
    if (!st) {
        st = all_slides(&s, err);
        povatlas_render_style_clear(&s.style);
    }
    /* all or nothing: rename the slides once every one is drawn */
    for (guint i = 0; !st && i < s.targets->len; i++)
        st = povatlas_render_target_commit(s.targets->pdata[i], err);
    if (!st && files) {
        g_ptr_array_add(s.names, NULL);
        *files = (char **)g_ptr_array_free(g_steal_pointer(&s.names), FALSE);
    }
    g_ptr_array_unref(s.targets);
    if (s.names)
        g_ptr_array_unref(s.names);
    return st;
}

povatlas_status povatlas_slides_write(povatlas_workspace *ws,
                                      const povatlas_slides_opts *opts,
                                      char ***files, povatlas_error **err)
{
    return povatlas_slides_write_traced(ws, opts, files, NULL, err);
}
