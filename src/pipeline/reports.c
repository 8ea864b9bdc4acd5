/*
 * reports.c - one builder per report command: the report as a
 * povatlas_table (table.h), headers and labels in the report's language,
 * numbers as numbers, a missing value missing. The values are the ones
 * the printed reports show; what a report stores (transitions, coverage,
 * priority) is stored here too.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "pipeline/briefing_private.h"
#include "povatlas/analysis.h"
#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/gaps.h"
#include "povatlas/pipeline.h"
#include "povatlas/reports.h"
#include "povatlas/transitions.h"
#include "povatlas/zones.h"

#define T(en, vi_text, en_text) ((en) ? (en_text) : (vi_text))

static int is_en(const char *lang) { return g_strcmp0(lang, "en") == 0; }

/* @s with its first letter upper case ("tỷ lệ" -> "Tỷ lệ"). */
static char *capitalised(const char *s)
{
    gunichar first = g_utf8_get_char(s);
    char up[8] = {0};
    g_unichar_to_utf8(g_unichar_toupper(first), up);
    return g_strconcat(up, g_utf8_next_char(s), NULL);
}

/* A table titled @title with the synthetic-data note when the workspace
 * is synthetic; NULL with @err set when the flag cannot be read (a table
 * must never lose its note to a failed read). */
static povatlas_table *report_new(povatlas_workspace *ws, const char *title,
                                  int en, povatlas_error **err)
{
    int synthetic = 0;
    if (povatlas_workspace_is_synthetic(ws, &synthetic, err))
        return NULL;
    povatlas_table *t = povatlas_table_new(title);
    if (synthetic)
        povatlas_table_add_note(t, povatlas_synthetic_note(en ? "en" : "vi"));
    return t;
}

/* A rate in hundredths of a percent as a percent; -1 stays missing. */
static void set_pct_h(povatlas_table *t, size_t r, size_t c, int ok,
                      int64_t hundredths)
{
    if (ok && hundredths >= 0)
        povatlas_table_set_real(t, r, c, (double)hundredths / 100.0);
}

/* A count; -1 (no review list: unknown) stays missing, never 0. */
static void set_count(povatlas_table *t, size_t r, size_t c, int64_t n)
{
    if (n >= 0)
        povatlas_table_set_int(t, r, c, n);
}

/* --------------------------------------------------------------- summary */

static void summary_row(povatlas_table *t, const povatlas_city_summary *s,
                        const char *area)
{
    size_t r = povatlas_table_add_row(t);
    povatlas_table_set_int(t, r, 0, s->year);
    povatlas_table_set_text(t, r, 1, area);
    povatlas_table_set_int(t, r, 2, s->units);
    povatlas_table_set_int(t, r, 3, s->households);
    set_count(t, r, 4, s->poor);
    set_pct_h(t, r, 5, 1, s->poor_hundredths);
    set_count(t, r, 6, s->near_poor);
    set_pct_h(t, r, 7, 1, s->near_poor_hundredths);
}

povatlas_table *povatlas_report_summary(povatlas_workspace *ws,
                                        const char *lang, povatlas_error **err)
{
    int en = is_en(lang);
    g_autofree char *area = NULL;
    if (povatlas_workspace_get_meta(ws, en ? "area_name_en" : "area_name",
                                    &area, err))
        return NULL;
    povatlas_summary *s = povatlas_summary_report(ws, lang, err);
    if (!s)
        return NULL;
    g_autofree char *title =
        g_strdup_printf("%s%s%s", T(en, "Tổng hợp", "Summary"),
                        area ? " — " : "", area ? area : "");
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_summary_free(s);
        return NULL;
    }
    povatlas_table_add_column(t, T(en, "Năm", "Year"), POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Khu vực", "Area"), POVATLAS_COLUMN_TEXT,
                              0);
    povatlas_table_add_column(t, T(en, "Số đơn vị", "Units"),
                              POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Tổng số hộ", "Households"),
                              POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Hộ nghèo", "Poor"), POVATLAS_COLUMN_INT,
                              0);
    povatlas_table_add_column(t, T(en, "Tỷ lệ hộ nghèo", "Poor rate"),
                              POVATLAS_COLUMN_PERCENT, 2);
    povatlas_table_add_column(t, T(en, "Hộ cận nghèo", "Near-poor"),
                              POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Tỷ lệ hộ cận nghèo", "Near-poor rate"),
                              POVATLAS_COLUMN_PERCENT, 2);
    for (size_t i = 0; i < s->n; i++) {
        const povatlas_summary_year *y = &s->years[i];
        summary_row(t, &y->city, T(en, "Toàn thành phố", "City"));
        for (int urban = 1; urban >= 0; urban--)
            if (y->area[urban].households > 0)
                summary_row(t, &y->area[urban],
                            urban ? T(en, "Thành thị", "Urban")
                                  : T(en, "Nông thôn", "Rural"));
    }
    povatlas_summary_free(s);
    return t;
}

/* --------------------------------------------------------------- targets */

povatlas_table *povatlas_report_targets(povatlas_workspace *ws, int year,
                                        const char *lang, povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_target_eval_list *l = povatlas_targets_report(ws, year, err);
    if (!l)
        return NULL;
    g_autofree char *title = g_strdup_printf(
        T(en, "Chỉ tiêu kế hoạch năm %d", "Plan targets for %d"), year);
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_target_eval_list_free(l);
        return NULL;
    }
    if (l->n == 0)
        povatlas_table_add_note(t, T(en,
                                     "chưa nhập chỉ tiêu kế hoạch nào cho năm "
                                     "này",
                                     "no plan targets imported for this year"));
    povatlas_table_add_column(t, T(en, "Chỉ tiêu", "Target"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Mã chỉ tiêu", "Key"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Đơn vị tính", "Unit"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Năm gốc", "Baseline"),
                              POVATLAS_COLUMN_REAL, 2);
    povatlas_table_add_column(t, T(en, "Mục tiêu", "Target value"),
                              POVATLAS_COLUMN_REAL, 2);
    povatlas_table_add_column(t, T(en, "Thực hiện", "Achieved"),
                              POVATLAS_COLUMN_REAL, 2);
    povatlas_table_add_column(t, T(en, "Chênh lệch", "Gap"),
                              POVATLAS_COLUMN_REAL, 2);
    povatlas_table_add_column(t, T(en, "Tỷ lệ đạt", "Share achieved"),
                              POVATLAS_COLUMN_PERCENT, 0);
    povatlas_table_add_column(t, T(en, "Kết quả", "Result"),
                              POVATLAS_COLUMN_TEXT, 0);
    for (size_t i = 0; i < l->n; i++) {
        const povatlas_target_eval *e = &l->rows[i];
        size_t r = povatlas_table_add_row(t);
        povatlas_table_set_text(t, r, 0, povatlas_target_label(e->name, lang));
        povatlas_table_set_text(t, r, 1, e->name);
        povatlas_table_set_text(t, r, 2, e->unit);
        povatlas_table_set_real(t, r, 3, e->baseline);
        povatlas_table_set_real(t, r, 4, e->target);
        povatlas_table_set_real(t, r, 5, e->achieved);
        /* the gap of two values given to 2 decimals, without the binary
         * noise of the subtraction (−0.03, not −0.0300000000000002) */
        povatlas_table_set_real(t, r, 6, round(e->gap * 100.0) / 100.0);
        povatlas_table_set_real(t, r, 7, e->share * 100.0);
        povatlas_table_set_text(t, r, 8,
                                e->state == POVATLAS_TARGET_MET
                                    ? T(en, "ĐẠT", "MET")
                                : e->state == POVATLAS_TARGET_MISSED
                                    ? T(en, "CHƯA ĐẠT", "MISSED")
                                    : T(en, "chưa có số liệu", "no data yet"));
    }
    povatlas_target_eval_list_free(l);
    return t;
}

/* ----------------------------------------------------------- transitions */

static void transition_rows(povatlas_table *t, const povatlas_transition_row *w,
                            const char *scope, const char *lang)
{
    for (int l = 0; l < POVATLAS_TR_N_LINES; l++) {
        size_t r = povatlas_table_add_row(t);
        povatlas_table_set_text(t, r, 0, w->unit_code);
        povatlas_table_set_text(t, r, 1, scope);
        povatlas_table_set_text(t, r, 2,
                                povatlas_transition_line_label(l, lang));
        povatlas_table_set_int(t, r, 3, povatlas_transition_line_is_subline(l));
        povatlas_table_set_int(t, r, 4, w->count[l]);
    }
}

povatlas_table *povatlas_report_transitions(povatlas_workspace *ws,
                                            int year_from, int year_to,
                                            const char *ward, const char *lang,
                                            povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_transitions *tr =
        povatlas_transitions_report(ws, year_from, year_to, ward, err);
    if (!tr)
        return NULL;
    const povatlas_transition_row *w =
        ward ? povatlas_transitions_find(tr, ward) : NULL;
    g_autofree char *title =
        g_strdup_printf(T(en, "Biến động hộ nghèo, hộ cận nghèo %d→%d",
                          "Transitions of poor and near-poor households %d→%d"),
                        year_from, year_to);
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_transitions_free(tr);
        return NULL;
    }
    povatlas_table_add_column(t, T(en, "Mã", "Code"), POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Đơn vị", "Unit"), POVATLAS_COLUMN_TEXT,
                              0);
    povatlas_table_add_column(t, T(en, "Chỉ tiêu", "Line"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Dòng chi tiết", "Sub-line"),
                              POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Số hộ", "Households"),
                              POVATLAS_COLUMN_INT, 0);
    transition_rows(t, &tr->city, T(en, "Toàn thành phố", "City"), lang);
    if (w)
        transition_rows(t, w, w->unit_name ? w->unit_name : w->unit_code, lang);
    povatlas_transitions_free(tr);
    return t;
}

/* ---------------------------------------------------------------- review */

typedef struct review_fill {
    povatlas_table *t;
    int en;
} review_fill;

static void review_row(const povatlas_household *h, void *user_data)
{
    review_fill *f = user_data;
    povatlas_table *t = f->t;
    size_t r = povatlas_table_add_row(t);
    povatlas_table_set_text(t, r, 0, h->unit_code);
    povatlas_table_set_text(t, r, 1, h->household_id);
    povatlas_table_set_text(t, r, 2,
                            f->en
                                ? povatlas_class_name(h->recorded_status)
                                : povatlas_class_label_vi(h->recorded_status));
    povatlas_table_set_text(t, r, 3,
                            f->en
                                ? povatlas_class_name(h->computed_status)
                                : povatlas_class_label_vi(h->computed_status));
    if (h->income_per_capita >= 0)
        povatlas_table_set_int(t, r, 4, h->income_per_capita);
    povatlas_table_set_int(t, r, 5, h->n_deprivations);
}

povatlas_table *povatlas_report_review(povatlas_workspace *ws, int year,
                                       const char *lang, povatlas_error **err)
{
    int en = is_en(lang);
    g_autofree char *title =
        g_strdup_printf(T(en, "Phân loại đã công nhận khác với chuẩn, năm %d",
                          "Recorded status against the standard, %d"),
                        year);
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t)
        return NULL;
    povatlas_table_add_column(t, T(en, "Mã đơn vị", "Unit code"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Mã hộ", "Household id"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Đã công nhận", "Recorded"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Theo chuẩn", "By the standard"),
                              POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t,
                              T(en, "Thu nhập bình quân (đồng/người/tháng)",
                                "Income per person (VND/month)"),
                              POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Số chỉ số thiếu hụt", "Deprivations"),
                              POVATLAS_COLUMN_INT, 0);
    review_fill f = {t, en};
    if (povatlas_workspace_disagreements(ws, year, review_row, &f, NULL, err)) {
        povatlas_table_free(t);
        return NULL;
    }
    return t;
}

/* ------------------------------------------------------------------ gaps */

static void gap_cells(povatlas_table *t, size_t r, size_t c, int64_t gap_h,
                      double ratio)
{
    if (gap_h != POVATLAS_GAP_UNDEFINED)
        povatlas_table_set_real(t, r, c, (double)gap_h / 100.0);
    povatlas_table_set_real(t, r, c + 1, ratio);
}

povatlas_table *povatlas_report_gaps(povatlas_workspace *ws, int year_from,
                                     int year_to, const char *lang,
                                     povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_gaps g;
    if (povatlas_gaps_compute(ws, year_from, year_to, &g, err))
        return NULL;
    g_autofree char *title = g_strdup_printf(
        T(en, "Chênh lệch tỷ lệ nghèo giữa các vùng và nội thị %d→%d",
          "Poverty gaps of the zones to the central zone %d→%d"),
        year_from, year_to);
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t)
        return NULL;
    static const char *const heads[][2] = {
        {"Vùng", "Zone"},
        {"Năm", "Year"},
        {"Tỷ lệ hộ nghèo", "Poor rate"},
        {"Tỷ lệ hộ cận nghèo", "Near-poor rate"},
        {"Chênh lệch nghèo (điểm %)", "Poor gap (points)"},
        {"Gấp (nghèo)", "Ratio (poor)"},
        {"Chênh lệch cận nghèo (điểm %)", "Near-poor gap (points)"},
        {"Gấp (cận nghèo)", "Ratio (near-poor)"},
        {"Thay đổi chênh lệch nghèo (điểm %)",
         "Change of the poor gap (points)"},
        {"Thay đổi chênh lệch cận nghèo (điểm %)",
         "Change of the near-poor gap (points)"}};
    static const povatlas_column_type types[] = {
        POVATLAS_COLUMN_TEXT,    POVATLAS_COLUMN_INT,  POVATLAS_COLUMN_PERCENT,
        POVATLAS_COLUMN_PERCENT, POVATLAS_COLUMN_REAL, POVATLAS_COLUMN_REAL,
        POVATLAS_COLUMN_REAL,    POVATLAS_COLUMN_REAL, POVATLAS_COLUMN_REAL,
        POVATLAS_COLUMN_REAL};
    for (size_t c = 0; c < G_N_ELEMENTS(heads); c++)
        povatlas_table_add_column(t, heads[c][en], types[c], 2);
    for (int z = 0; z < 3; z++) {
        const povatlas_zone_gap *zg = &g.zones[z];
        for (int k = 0; k < 2; k++) {
            const povatlas_zone_rates *zr = k ? &zg->to : &zg->from;
            size_t r = povatlas_table_add_row(t);
            povatlas_table_set_text(t, r, 0,
                                    povatlas_zone_label(zg->zone, lang));
            povatlas_table_set_int(t, r, 1, k ? year_to : year_from);
            set_pct_h(t, r, 2, 1, zr->poor_hundredths);
            set_pct_h(t, r, 3, 1, zr->near_poor_hundredths);
            gap_cells(t, r, 4, zr->poor_gap_hundredths, zr->poor_ratio);
            gap_cells(t, r, 6, zr->near_poor_gap_hundredths,
                      zr->near_poor_ratio);
            if (!k || zg->zone == POVATLAS_ZONE_CENTRAL)
                continue;
            if (zg->poor_change_hundredths != POVATLAS_GAP_UNDEFINED)
                povatlas_table_set_real(
                    t, r, 8, (double)zg->poor_change_hundredths / 100.0);
            if (zg->near_poor_change_hundredths != POVATLAS_GAP_UNDEFINED)
                povatlas_table_set_real(
                    t, r, 9, (double)zg->near_poor_change_hundredths / 100.0);
        }
    }
    return t;
}

/* -------------------------------------------------------------- coverage */

static void coverage_row(povatlas_table *t, const povatlas_coverage_row *c,
                         const char *name, int city)
{
    size_t r = povatlas_table_add_row(t);
    povatlas_table_set_text(t, r, 0, c->code);
    povatlas_table_set_text(t, r, 1, name);
    set_pct_h(t, r, 2, 1, c->poor_hundredths);
    if (!city)
        povatlas_table_set_int(t, r, 3, c->poverty_class);
    povatlas_table_set_int(t, r, 4, c->reached);
    povatlas_table_set_int(t, r, 5, c->eligible);
    set_pct_h(t, r, 6, 1, c->coverage_hundredths);
    povatlas_table_set_real(t, r, 7, c->budget_per_poor_vnd);
    if (!city)
        povatlas_table_set_int(t, r, 8, c->coverage_gap);
}

povatlas_table *povatlas_report_coverage(povatlas_workspace *ws, int year,
                                         const char *program, const char *lang,
                                         povatlas_error **err)
{
    return pipeline_coverage_table(ws, year, program, lang, 1, err);
}

povatlas_table *pipeline_coverage_table(povatlas_workspace *ws, int year,
                                        const char *program, const char *lang,
                                        int store, povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_coverage *c =
        povatlas_coverage_compute(ws, year, program, store, err);
    if (!c)
        return NULL;
    g_autofree char *title = g_strdup_printf(
        "%s %d%s%s", T(en, "Độ bao phủ chương trình", "Program coverage"), year,
        program ? " — " : "", program ? program : "");
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_coverage_free(c);
        return NULL;
    }
    static const char *const heads[][2] = {
        {"Mã", "Code"},
        {"Đơn vị", "Unit"},
        {"Tỷ lệ hộ nghèo", "Poor rate"},
        {"Lớp", "Class"},
        {"Số hộ được hỗ trợ", "Reached"},
        {"Số hộ đối tượng", "Eligible"},
        {"Độ bao phủ", "Coverage"},
        {"Kinh phí/hộ nghèo (đồng)", "Budget per poor household (VND)"},
        {"Khoảng trống bao phủ", "Coverage gap"}};
    static const povatlas_column_type types[] = {
        POVATLAS_COLUMN_TEXT,    POVATLAS_COLUMN_TEXT, POVATLAS_COLUMN_PERCENT,
        POVATLAS_COLUMN_INT,     POVATLAS_COLUMN_INT,  POVATLAS_COLUMN_INT,
        POVATLAS_COLUMN_PERCENT, POVATLAS_COLUMN_REAL, POVATLAS_COLUMN_INT};
    for (size_t i = 0; i < G_N_ELEMENTS(heads); i++)
        povatlas_table_add_column(t, heads[i][en], types[i],
                                  types[i] == POVATLAS_COLUMN_REAL ? 0 : 2);
    for (size_t i = 0; i < c->n; i++)
        coverage_row(t, &c->rows[i], c->rows[i].name, 0);
    coverage_row(t, &c->city, T(en, "Toàn thành phố", "City"), 1);
    povatlas_coverage_free(c);
    return t;
}

/* -------------------------------------------------------------- priority */

povatlas_table *
povatlas_report_priority(povatlas_workspace *ws, int year,
                         const povatlas_priority_weights *weights, int top,
                         const char *lang, povatlas_error **err)
{
    return pipeline_priority_table(ws, year, weights, top, lang, 1, err);
}

povatlas_table *
pipeline_priority_table(povatlas_workspace *ws, int year,
                        const povatlas_priority_weights *weights, int top,
                        const char *lang, int store, povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_priority *p =
        povatlas_priority_compute(ws, year, weights, store, err);
    if (!p)
        return NULL;
    g_autofree char *title = g_strdup_printf(
        "%s %d", T(en, "Đơn vị ưu tiên", "Priority wards"), year);
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_priority_free(p);
        return NULL;
    }
    povatlas_table_add_column(t, T(en, "Hạng", "Rank"), POVATLAS_COLUMN_INT, 0);
    povatlas_table_add_column(t, T(en, "Mã", "Code"), POVATLAS_COLUMN_TEXT, 0);
    povatlas_table_add_column(t, T(en, "Đơn vị", "Unit"), POVATLAS_COLUMN_TEXT,
                              0);
    povatlas_table_add_column(t, T(en, "Chỉ số", "Index"), POVATLAS_COLUMN_REAL,
                              3);
    for (int c = 0; c < POVATLAS_PRIORITY_N; c++) {
        /* the reader's words, capitalised as a head: "Tỷ lệ hộ nghèo,
         * chuẩn hóa", never the key of [weights] ("rate") */
        g_autofree char *name =
            capitalised(povatlas_priority_component_label(c, en ? "en" : "vi"));
        char *w =
            povatlas_format_number(p->weights.weight[c], 2, en ? "en" : "vi");
        g_autofree char *norm =
            g_strdup_printf("%s, %s", name, T(en, "chuẩn hóa", "scaled"));
        g_autofree char *contrib = g_strdup_printf(
            "%s, %s (%s %s)", name, T(en, "đóng góp", "contribution"),
            T(en, "trọng số", "weight"), w ? w : "–");
        free(w);
        povatlas_table_add_column(t, norm, POVATLAS_COLUMN_REAL, 2);
        povatlas_table_add_column(t, contrib, POVATLAS_COLUMN_REAL, 3);
    }
    for (size_t i = 0; i < p->n && (top <= 0 || (int)i < top); i++) {
        const povatlas_priority_row *w = &p->rows[i];
        size_t r = povatlas_table_add_row(t);
        povatlas_table_set_int(t, r, 0, w->rank);
        povatlas_table_set_text(t, r, 1, w->code);
        povatlas_table_set_text(t, r, 2, w->name);
        povatlas_table_set_real(t, r, 3, w->index);
        for (int c = 0; c < POVATLAS_PRIORITY_N; c++) {
            povatlas_table_set_real(t, r, 4 + 2 * (size_t)c, w->normalised[c]);
            povatlas_table_set_real(t, r, 5 + 2 * (size_t)c,
                                    w->contribution[c]);
        }
    }
    povatlas_priority_free(p);
    return t;
}

/* ------------------------------------------------------------- breakdown */

static void flag_cells(povatlas_table *t, size_t r, size_t c,
                       const povatlas_flag_count *f)
{
    povatlas_table_set_int(t, r, c, f->yes);
    set_pct_h(t, r, c + 1, f->share_ok, f->share_h);
    povatlas_table_set_int(t, r, c + 2, f->unknown);
}

povatlas_table *povatlas_report_breakdown(povatlas_workspace *ws, int year,
                                          const char *lang,
                                          povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_breakdown *b = povatlas_breakdown_compute(ws, year, err);
    if (!b)
        return NULL;
    g_autofree char *title =
        g_strdup_printf("%s %d", T(en, "Phân tổ năm", "Breakdowns of"), year);
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_breakdown_free(b);
        return NULL;
    }
    povatlas_table_add_note(
        t, T(en,
             "Tỷ lệ tính trên tổng số hộ của nhóm; hộ chưa ghi nhận chỉ tiêu "
             "không được tính là 0 (tỷ lệ là mức tối thiểu)",
             "Shares are against all households of the group; a flag not "
             "recorded is not counted as 0 (the share is a lower bound)"));
    static const char *const heads[][2] = {
        {"Nhóm", "Group"},
        {"Mã", "Code"},
        {"Đơn vị", "Unit"},
        {"Khu vực", "Area"},
        {"Số hộ", "Households"},
        {"% toàn TP", "% of city"},
        {"DTTS", "Ethnic minority"},
        {"DTTS %", "Ethnic minority %"},
        {"DTTS chưa ghi nhận", "Ethnic minority not recorded"},
        {"Có người có công", "Revolution merit"},
        {"Có người có công %", "Revolution merit %"},
        {"Có người có công chưa ghi nhận", "Revolution merit not recorded"},
        {"Không có khả năng LĐ", "No working capacity"},
        {"Không có khả năng LĐ %", "No working capacity %"},
        {"Không có khả năng LĐ chưa ghi nhận",
         "No working capacity not recorded"}};
    for (size_t c = 0; c < G_N_ELEMENTS(heads); c++)
        povatlas_table_add_column(t, heads[c][en],
                                  c < 4 ? POVATLAS_COLUMN_TEXT
                                  : c == 5 || (c > 5 && c % 3 == 1)
                                      ? POVATLAS_COLUMN_PERCENT
                                      : POVATLAS_COLUMN_INT,
                                  2);
    for (int poor = 1; poor >= 0; poor--) {
        for (size_t i = 0; i < b->n; i++) {
            const povatlas_breakdown_row *w = &b->rows[i];
            const povatlas_breakdown_group *g = poor ? &w->poor : &w->near_poor;
            size_t r = povatlas_table_add_row(t);
            povatlas_table_set_text(t, r, 0,
                                    poor ? T(en, "Hộ nghèo", "Poor")
                                         : T(en, "Hộ cận nghèo", "Near-poor"));
            povatlas_table_set_text(t, r, 1, w->code);
            const char *urban = T(en, "Thành thị", "Urban"),
                       *rural = T(en, "Nông thôn", "Rural");
            povatlas_table_set_text(
                t, r, 2,
                w->scope == POVATLAS_BREAKDOWN_UNIT    ? w->name
                : w->scope == POVATLAS_BREAKDOWN_URBAN ? urban
                : w->scope == POVATLAS_BREAKDOWN_RURAL
                    ? rural
                    : T(en, "Toàn thành phố", "City"));
            if (w->scope == POVATLAS_BREAKDOWN_UNIT && w->urban >= 0)
                povatlas_table_set_text(t, r, 3, w->urban ? urban : rural);
            povatlas_table_set_int(t, r, 4, g->total);
            set_pct_h(t, r, 5, g->of_city_ok, g->of_city_h);
            flag_cells(t, r, 6, &g->ethnic_minority);
            flag_cells(t, r, 9, &g->merit);
            flag_cells(t, r, 12, &g->no_labour);
        }
    }
    povatlas_breakdown_free(b);
    return t;
}

/* ---------------------------------------------------------------- series */

static void series_row(povatlas_table *t, const char *code, const char *name,
                       const povatlas_series_point *p)
{
    size_t r = povatlas_table_add_row(t);
    povatlas_table_set_text(t, r, 0, code);
    povatlas_table_set_text(t, r, 1, name);
    povatlas_table_set_int(t, r, 2, p->year);
    if (p->households >= 0)
        povatlas_table_set_int(t, r, 3, p->households);
    set_count(t, r, 4, p->poor);
    set_pct_h(t, r, 5, p->rates_ok, p->poor_h);
    set_count(t, r, 6, p->near_poor);
    set_pct_h(t, r, 7, p->rates_ok, p->near_poor_h);
}

povatlas_table *povatlas_report_series(povatlas_workspace *ws,
                                       const povatlas_series_opts *o,
                                       const char *lang, povatlas_error **err)
{
    int en = is_en(lang);
    povatlas_series *s = povatlas_series_compute(ws, o, err);
    if (!s)
        return NULL;
    g_autofree char *title =
        g_strdup_printf("%s %s (%zu %s)",
                        T(en, "Chuỗi số liệu quy về các đơn vị hành chính ngày",
                          "Series re-aggregated to the units in force on"),
                        s->units_on, s->n_units, T(en, "đơn vị", "units"));
    povatlas_table *t = report_new(ws, title, en, err);
    if (!t) {
        povatlas_series_free(s);
        return NULL;
    }
    static const char *const heads[][2] = {
        {"Mã", "Code"},
        {"Đơn vị", "Unit"},
        {"Năm", "Year"},
        {"Tổng số hộ", "Households"},
        {"Hộ nghèo", "Poor"},
        {"Tỷ lệ hộ nghèo", "Poor rate"},
        {"Hộ cận nghèo", "Near-poor"},
        {"Tỷ lệ hộ cận nghèo", "Near-poor rate"}};
    static const povatlas_column_type types[] = {
        POVATLAS_COLUMN_TEXT, POVATLAS_COLUMN_TEXT,   POVATLAS_COLUMN_INT,
        POVATLAS_COLUMN_INT,  POVATLAS_COLUMN_INT,    POVATLAS_COLUMN_PERCENT,
        POVATLAS_COLUMN_INT,  POVATLAS_COLUMN_PERCENT};
    for (size_t c = 0; c < G_N_ELEMENTS(heads); c++)
        povatlas_table_add_column(t, heads[c][en], types[c], 2);
    for (size_t u = 0; u < s->n_units; u++)
        for (size_t y = 0; y < s->n_years; y++)
            series_row(t, s->units[u].code, s->units[u].name,
                       &s->units[u].points[y]);
    for (size_t y = 0; y < s->n_years; y++)
        series_row(t, NULL, T(en, "Cộng", "Total"), &s->total[y]);
    povatlas_series_free(s);
    return t;
}
