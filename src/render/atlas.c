/*
 * atlas.c - the briefing PDF a leader can hand out: an A4 cover with the
 * city's headline figures against the plan's targets, the key maps (poor
 * rate, near-poor rate, change since the year before, zones), the ward
 * table, the zone trend chart and one fact sheet per ward. Every page says
 * "DỮ LIỆU GIẢ LẬP" when the workspace is synthetic. cairo keeps text as
 * text and embeds font subsets; the creation date is left out so the
 * bytes repeat.
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
    int year, en, synthetic, page_no;
    int min_households; /* the small-cell threshold of the maps */
    const char *lang;
    cairo_t *cr;
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

/* Page furniture: synthetic stamp and page number. */
static void page_begin(atlas *a)
{
    a->page_no++;
    povatlas_render_set_rgb(a->cr, 0xffffff);
    cairo_paint(a->cr);
}

static void page_end(atlas *a)
{
    if (a->synthetic)
        text(a, TX(a, "DỮ LIỆU GIẢ LẬP", "SYNTHETIC DATA"), 11,
             POVATLAS_RENDER_TEXT_BOLD, PAGE_W - 330, 20, 0xc0392b, 0);
    g_autofree char *n = g_strdup_printf("%d", a->page_no);
    text(a, n, 9, 0, PAGE_W / 2.0, PAGE_H - 45, 0x777777, 0);
    cairo_show_page(a->cr);
}

static povatlas_status cover(atlas *a, povatlas_error **err)
{
    povatlas_city_summary s = {0};
    povatlas_status st = povatlas_city_summary_compute(a->ws, a->year, &s, err);
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
    page_begin(a);
    double y = 140, x = 100;
    g_autofree char *title = g_strdup_printf(
        TX(a, "Bản tin giảm nghèo năm %d", "Poverty briefing %d"), a->year);
    y += text(a, title, 26, POVATLAS_RENDER_TEXT_BOLD, x, y, 0x222222, 0) + 10;
    y += text(a, area ? area : "", 14, 0, x, y, 0x555555, 0) + 50;
    {
        /* unknown counts (-1: no review list) and rates print "–" */
        g_autofree char *hh = num(a, (double)s.households, 0);
        g_autofree char *p =
            s.poor < 0 ? g_strdup("–") : num(a, (double)s.poor, 0);
        g_autofree char *np =
            s.near_poor < 0 ? g_strdup("–") : num(a, (double)s.near_poor, 0);
        char *pr = s.poor_hundredths < 0
                       ? NULL
                       : povatlas_format_hundredths(s.poor_hundredths, a->lang);
        char *nr =
            s.near_poor_hundredths < 0
                ? NULL
                : povatlas_format_hundredths(s.near_poor_hundredths, a->lang);
        g_autofree char *lines = g_strdup_printf(
            TX(a,
               "Tổng số hộ: %s\nHộ nghèo: %s (%s %%)\nHộ cận nghèo: %s (%s %%)",
               "Households: %s\nPoor: %s (%s %%)\nNear-poor: %s (%s %%)"),
            hh, p, pr ? pr : "–", np, nr ? nr : "–");
        free(pr);
        free(nr);
        y += text(a, lines, 16, 0, x, y, 0x222222, 0) + 50;
    }
    if (t->n == 0) {
        /* no section without targets: say why it is not there */
        g_autofree char *why_not = g_strdup_printf(
            TX(a,
               "Chưa nhập chỉ tiêu kế hoạch năm %d: trang này không so "
               "sánh với kế hoạch.",
               "No plan targets imported for %d: this page does not compare "
               "with the plan."),
            a->year);
        text(a, why_not, 12, 0, x, y, 0x555555, PAGE_W - 2 * x);
    } else {
        y += text(a, TX(a, "Chỉ tiêu kế hoạch", "Plan targets"), 16,
                  POVATLAS_RENDER_TEXT_BOLD, x, y, 0x222222, 0) +
             14;
    }
    for (size_t i = 0; i < t->n; i++) {
        const povatlas_target_eval *e = &t->rows[i];
        int pct = g_strcmp0(e->unit, "percent") == 0;
        g_autofree char *tg = num(a, e->target, pct ? 2 : 0);
        g_autofree char *ac = isnan(e->achieved)
                                  ? g_strdup("–")
                                  : num(a, e->achieved, pct ? 2 : 0);
        const char *state = e->state == POVATLAS_TARGET_MET
                                ? TX(a, "đạt", "met")
                            : e->state == POVATLAS_TARGET_MISSED
                                ? TX(a, "chưa đạt", "missed")
                                : TX(a, "chưa có số liệu", "no data");
        g_autofree char *l = g_strdup_printf(
            TX(a, "%s: chỉ tiêu %s, đạt được %s — %s",
               "%s: target %s, achieved %s — %s"),
            povatlas_target_label(e->name, a->lang), tg, ac, state);
        y += text(a, l, 12, 0, x, y, 0x333333, 0) + 6;
    }
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
    povatlas_maps_job j = {0};
    j.ws = a->ws;
    j.o = &o;
    j.year = a->year;
    j.en = a->en;
    povatlas_status st =
        type == POVATLAS_MAP_CHANGE ? povatlas_maps_change(&j, err)
        : type == POVATLAS_MAP_ZONE ? povatlas_maps_zone(&j, err)
                                    : povatlas_maps_choropleth(&j, err);
    povatlas_context_list *list = NULL;
    povatlas_error *e = NULL;
    g_autofree povatlas_map_context *ctx =
        st ? NULL : povatlas_maps_context(a->ws, &list, &e);
    if (!st && !ctx)
        st = povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    if (ctx) {
        page_begin(a);
        povatlas_map_opts mo;
        povatlas_maps_render_opts(&j, &mo);
        povatlas_render_map_args args = {j.features, j.t->units->n, ctx,
                                         list->n,    j.classes,     j.n_classes,
                                         j.cls,      NULL,          &mo};
        povatlas_render_map_draw(&args, a->cr, NULL, NULL);
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

static void ward_table(atlas *a)
{
    page_begin(a);
    double y = 100;
    g_autofree char *t =
        g_strdup_printf(TX(a, "Các phường, xã năm %d", "Wards in %d"), a->year);
    y += text(a, t, 18, POVATLAS_RENDER_TEXT_BOLD, 80, y, 0x222222, 0) + 24;
    const char *head[] = {TX(a, "Phường, xã", "Ward"),
                          TX(a, "Số hộ", "Households"),
                          TX(a, "Hộ nghèo", "Poor"),
                          TX(a, "Tỷ lệ nghèo %", "Poor %"),
                          TX(a, "Tỷ lệ cận nghèo %", "Near-poor %"),
                          TX(a, "Thay đổi (điểm %)", "Change (pp)")};
    const double xs[] = {80, 340, 500, 640, 800, 1000};
    for (int c = 0; c < 6; c++)
        text(a, head[c], 10, POVATLAS_RENDER_TEXT_BOLD, xs[c], y, 0x222222, 0);
    y += 40;
    int any_hidden = 0;
    for (size_t i = 0; i < a->now->units->n; i++) {
        any_hidden |= a->hidden_now[i];
        double v;
        char *cells[6] = {g_strdup(a->now->units->rows[i].name)};
        int cols[] = {C_HH, C_POOR, C_RATE, C_NRATE};
        for (int k = 0; k < 4; k++)
            cells[k + 1] = val(a->now, i, cols[k], &v)
                               ? num(a, v, k < 2 ? 0 : 2)
                               : g_strdup("–");
        cells[5] = change_text(a, i);
        for (int c = 0; c < 6; c++) {
            text(a, cells[c], 10, 0, xs[c], y, 0x333333, 0);
            g_free(cells[c]);
        }
        y += 30;
    }
    if (any_hidden) {
        g_autofree char *note = hidden_note(a);
        y += 20 + text(a, note, 10, 0, 80, y + 20, 0x555555, 0);
    }
    if (a->before_gap)
        text(a, a->before_gap, 10, 0, 80, y + 20, 0x555555, 0);
    page_end(a);
}

static povatlas_status trend_page(atlas *a, povatlas_error **err)
{
    double rates[6], by[2][3];
    povatlas_status st =
        povatlas_maps_zone_series(a->ws, a->year - 1, a->year, rates, err);
    if (st)
        return st;
    page_begin(a);
    text(a, TX(a, "Tỷ lệ hộ nghèo theo vùng", "Poor rate by zone"), 18,
         POVATLAS_RENDER_TEXT_BOLD, 80, 100, 0x222222, 0);
    povatlas_chart_series s[2];
    char names[2][8];
    for (int y = 0; y < 2; y++) {
        for (int z = 0; z < 3; z++)
            by[y][z] = rates[z * 2 + y];
        g_snprintf(names[y], sizeof names[y], "%d", a->year - 1 + y);
        s[y] = (povatlas_chart_series){names[y], by[y]};
    }
    const char *cats[3];
    povatlas_maps_zone_titles(a->en, cats);
    povatlas_chart c = {0};
    c.categories = cats;
    c.n_categories = 3;
    c.series = s;
    c.n_series = 2;
    c.decimals = 2;
    c.value_suffix = " %";
    c.lang = a->lang;
    povatlas_rect box = {80, 180, PAGE_W - 160, 700};
    povatlas_chart_draw(&a->page, &c, &box);
    if (a->before_gap)
        text(a, a->before_gap, 10, 0, 80, box.y + box.h + 30, 0x555555, 0);
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

static povatlas_status locator(atlas *a, povatlas_render_geom *g, size_t ward,
                               const povatlas_rect *box, povatlas_error **err)
{
    size_t n = a->now->units->n;
    GEOSGeometry **sh = g_new0(GEOSGeometry *, n + 1);
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < n; i++) {
        const povatlas_unit_row *u = &a->now->units->rows[i];
        GEOSGeometry *ll =
            u->wkb
                ? povatlas_render_geom_read(g, u->wkb, u->wkb_size, "ward", err)
                : NULL;
        if (u->wkb && !ll)
            st = POVATLAS_E_GEOM;
        sh[i] = ll ? GEOSGeom_transformXY_r(g->geos, ll, flip, NULL) : NULL;
        if (ll)
            GEOSGeom_destroy_r(g->geos, ll);
    }
    if (!st)
        povatlas_render_inset(&a->page, g, (const GEOSGeometry *const *)sh, n,
                              sh[ward], box);
    for (size_t i = 0; i < n; i++)
        if (sh[i])
            GEOSGeom_destroy_r(g->geos, sh[i]);
    g_free(sh);
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
        {"không thuộc cụm có ý nghĩa", "not in a significant cluster"},
        {"cụm cao – cao", "high–high cluster"},
        {"cụm thấp – thấp", "low–low cluster"},
        {"thấp giữa vùng cao", "low among high"},
        {"cao giữa vùng thấp", "high among low"}};
    if (!hidden && fact(a, u->code, "lisa_category", &v) && v >= 0 && v <= 4)
        g_string_append_printf(
            s,
            TX(a, "Cụm không gian (LISA, 16 đơn vị, bằng chứng yếu): %s\n",
               "Spatial cluster (LISA, 16 units, weak evidence): %s\n"),
            LISA[(int)v][a->lang && strcmp(a->lang, "en") == 0]);
    double h = s->len ? text(a, s->str, 12, 0, x, y, 0x222222, 0) : 0;
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

static povatlas_status fact_sheet(atlas *a, povatlas_render_geom *g, size_t i,
                                  povatlas_error **err)
{
    const povatlas_unit_row *u = &a->now->units->rows[i];
    povatlas_rect box = {PAGE_W - 80 - 420, 180, 420, 520};
    page_begin(a);
    povatlas_status st = locator(a, g, i, &box, err);
    if (st)
        return st;
    double y = 100, x = 80;
    y += text(a, u->full_name ? u->full_name : u->name, 22,
              POVATLAS_RENDER_TEXT_BOLD, x, y, 0x222222, 0) +
         30;
    const char *lab[] = {TX(a, "Số hộ", "Households"),
                         TX(a, "Hộ nghèo", "Poor"),
                         TX(a, "Hộ cận nghèo", "Near-poor"),
                         TX(a, "Tỷ lệ hộ nghèo", "Poor rate"),
                         TX(a, "Tỷ lệ hộ cận nghèo", "Near-poor rate")};
    g_autofree char *hdr =
        g_strdup_printf("%d        %d", a->year - 1, a->year);
    text(a, hdr, 12, POVATLAS_RENDER_TEXT_BOLD, x + 300, y, 0x222222, 0);
    y += 36;
    for (int c = 0; c < N_COLS; c++) {
        g_autofree char *row = fact_value(a, a->before, before_row(a, i), c);
        g_autofree char *row2 = fact_value(a, a->now, i, c);
        text(a, lab[c], 12, 0, x, y, 0x333333, 0);
        text(a, row, 12, 0, x + 300, y, 0x333333, 0);
        text(a, row2, 12, 0, x + 440, y, 0x333333, 0);
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
    y += text(a, l, 12, 0, x, y, 0x222222, 0) + 30;
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

static povatlas_status all_pages(atlas *a, povatlas_error **err)
{
    static const struct {
        povatlas_map_type type;
        const char *indicator, *name;
    } MAPS[] = {
        {POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_POOR_RATE, "poor rate map"},
        {POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_NEAR_POOR_RATE,
         "near-poor rate map"},
        {POVATLAS_MAP_CHANGE, POVATLAS_IND_POOR_RATE, "change map"},
        {POVATLAS_MAP_ZONE, POVATLAS_IND_HOUSEHOLDS, "zone map"}};
    povatlas_status st = cover(a, err);
    if (st)
        return page_failed(a->page_no + 1, "cover", st, err);
    for (size_t k = 0; k < G_N_ELEMENTS(MAPS); k++) {
        if (MAPS[k].type == POVATLAS_MAP_CHANGE && !a->before)
            continue; /* no year before: no change to map */
        st = map_page(a, MAPS[k].type, MAPS[k].indicator, err);
        if (st)
            return page_failed(a->page_no + 1, MAPS[k].name, st, err);
    }
    ward_table(a);
    st = trend_page(a, err);
    if (st)
        return page_failed(a->page_no + 1, "zone trends", st, err);
    povatlas_render_geom g = {0};
    st = povatlas_render_geom_init(&g, err);
    for (size_t i = 0; !st && i < a->now->units->n; i++) {
        st = fact_sheet(a, &g, i, err);
        if (st) {
            g_autofree char *what = g_strdup_printf(
                "fact sheet of %s", a->now->units->rows[i].code);
            page_failed(a->page_no, what, st, err);
        }
    }
    povatlas_render_geom_clear(&g);
    return st;
}

void povatlas_atlas_opts_init(povatlas_atlas_opts *opts)
{
    *opts = (povatlas_atlas_opts){0, "vi", POVATLAS_MIN_HOUSEHOLDS};
}

povatlas_status povatlas_atlas_write(povatlas_workspace *ws,
                                     const povatlas_atlas_opts *opts,
                                     const char *path, povatlas_error **err)
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
    povatlas_status st =
        a.year ? POVATLAS_OK : povatlas_workspace_latest_year(ws, &a.year, err);
    if (!st)
        st = povatlas_workspace_is_synthetic(ws, &a.synthetic, err);
    if (!st)
        st = load_tables(&a, err);
    if (!st)
        st = povatlas_render_style_load(&a.style, NULL, NULL, 5, err);
    povatlas_render_target t = {0};
    if (!st)
        st = povatlas_render_target_open(&t, path, PAGE_W, PAGE_H, DPI, err);
    if (!st) {
        a.cr = t.cr;
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
    povatlas_error_free(a.failed);
    return st;
}
