/*
 * map_types.c - how each map type puts the workspace's wards in classes:
 * classed values (povatlas_classes_compute(), with a class of its own for
 * zero, as the exported styles and `coverage` class them; small cells
 * hidden), percentage-point change on a diverging scale centred on
 * zero, zones, circles and dots of poor households, bivariate rate x
 * coverage and LISA clusters. Texts are Vietnamese unless lang is "en".
 *
 * Small cells: a ward whose figure rests on fewer than min_households
 * households is hatched "Ẩn (dưới N hộ)" and never labelled with a number,
 * so that a few households cannot be recognised from a public map.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "povatlas/analysis.h"
#include "povatlas/zones.h"
#include "render/render_private.h"

#define T(job, vi_text, en_text) ((job)->en ? (en_text) : (vi_text))
#define HOUSEHOLDS_COL 1 /* every type loads households second */

static const unsigned int SUPPRESSED_RGB = 0xe0e0e0;

/* 1: ward @i is suppressed (too few households to show its figure). */
static int suppressed(const povatlas_maps_job *j, size_t i)
{
    double hh;
    return povatlas_maps_value(j, i, HOUSEHOLDS_COL, &hh) &&
           povatlas_small_cell(hh, j->o->min_households);
}

/* Suppressed wards get their own crosshatched class. */
static void apply_suppression(povatlas_maps_job *j)
{
    int k = -1;
    for (size_t i = 0; i < j->t->units->n; i++) {
        if (!suppressed(j, i))
            continue;
        if (k < 0) {
            g_autofree char *l = g_strdup_printf(
                T(j, "Ẩn (dưới %d hộ)", "Hidden (under %d households)"),
                j->o->min_households);
            k = povatlas_maps_add_class(j, SUPPRESSED_RGB,
                                        POVATLAS_FILL_CROSSHATCHED, l);
        }
        j->cls[i] = k;
        j->features[i].value_text = NULL;
        j->counts[i] = NAN;
    }
}

static void value_texts(povatlas_maps_job *j, int decimals, const char *sfx)
{
    if (!j->o->show_values)
        return;
    for (size_t i = 0; i < j->t->units->n; i++)
        if (j->features[i].has_value)
            j->features[i].value_text =
                povatlas_maps_num(j, j->features[i].value, decimals, sfx);
}

static povatlas_status load2(povatlas_maps_job *j, const char *ind,
                             povatlas_error **err)
{
    const char *names[] = {ind, POVATLAS_IND_HOUSEHOLDS};
    return povatlas_maps_load(j, names, 2, err);
}

/* The classes of the wards shown (povatlas_classes_compute(): the same
 * classes the exported styles and `coverage` use), with the zero class
 * first when a shown ward has 0, then the ramp's colours. */
static povatlas_status classes_of_values(povatlas_maps_job *j, const double *v,
                                         int decimals, const char *sfx,
                                         const char *ramp, int lighten,
                                         povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_classes *c = povatlas_classes_compute(
        v, j->t->units->n, j->o->method, j->o->n_classes, &why);
    if (!c)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_INPUT);
    povatlas_render_style st = {0};
    povatlas_status s =
        c->breaks ? povatlas_render_style_load(&st, j->o->style_path, ramp,
                                               c->breaks->n_classes, err)
                  : POVATLAS_OK;
    if (s) {
        povatlas_classes_free(c);
        return s;
    }
    int first = j->n_classes;
    if (c->zero_class)
        povatlas_maps_add_class(
            j, POVATLAS_ZERO_CLASS_RGB, POVATLAS_FILL_SOLID,
            T(j, POVATLAS_ZERO_CLASS_VI, POVATLAS_ZERO_CLASS_EN));
    g_auto(GStrv) labels =
        c->breaks ? povatlas_legend_class_labels(c->breaks, decimals, sfx,
                                                 j->en ? "en" : "vi")
                  : NULL;
    for (int i = 0; c->breaks && i < c->breaks->n_classes; i++) {
        unsigned int rgb = st.ramp_rgb[i];
        if (lighten) /* mix halfway to white under symbols */
            rgb = (((((rgb >> 16) & 255) + 255) / 2) << 16) |
                  (((((rgb >> 8) & 255) + 255) / 2) << 8) |
                  (((rgb & 255) + 255) / 2);
        povatlas_maps_add_class(j, rgb, POVATLAS_FILL_SOLID, labels[i]);
    }
    for (size_t i = 0; i < j->t->units->n; i++) {
        int k = povatlas_classes_class_of(c, v[i]);
        if (j->cls[i] == -1 && k >= 0)
            j->cls[i] = first + k;
    }
    if (c->breaks && c->breaks->note)
        j->legend_note = g_strdup(c->breaks->note);
    if (c->breaks)
        povatlas_render_style_clear(&st);
    povatlas_classes_free(c);
    return POVATLAS_OK;
}

static povatlas_status classed(povatlas_maps_job *j, const char *ramp,
                               int lighten, povatlas_error **err)
{
    const char *sfx;
    int dec;
    const char *what =
        povatlas_maps_indicator_text(j->o->indicator, j->en, &sfx, &dec);
    j->title_what = g_strdup(what);
    j->legend_title = g_strdup(what);
    value_texts(j, dec, sfx);
    /* the values shown in classes: defined and not a small cell */
    g_autofree double *v = g_new0(double, j->t->units->n + 1);
    size_t n = 0;
    for (size_t i = 0; i < j->t->units->n; i++) {
        int shown = j->features[i].has_value && !suppressed(j, i);
        v[i] = shown ? j->features[i].value : NAN;
        n += (size_t)shown;
    }
    if (n == 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no ward of %d has a value of '%s' to class",
                                  j->year, j->o->indicator);
    povatlas_status st = classes_of_values(j, v, dec, sfx, ramp, lighten, err);
    if (!st)
        apply_suppression(j);
    return st;
}

povatlas_status povatlas_maps_choropleth(povatlas_maps_job *j,
                                         povatlas_error **err)
{
    povatlas_status st = load2(j, j->o->indicator, err);
    return st ? st : classed(j, NULL, 0, err);
}

/* ---- change ------------------------------------------------------------ */

static const unsigned int RDBU6[6] = {0x2166ac, 0x67a9cf, 0xd1e5f0,
                                      0xfddbc7, 0xef8a62, 0xb2182b};

/* Round step: 1, 2, 2.5 or 5 x 10^k at least @v. */
static double nice_step(double v)
{
    double p = pow(10.0, floor(log10(v)));
    static const double m[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < G_N_ELEMENTS(m); i++)
        if (m[i] * p >= v * (1 - 1e-9))
            return m[i] * p;
    return 10 * p;
}

povatlas_status povatlas_maps_change(povatlas_maps_job *j, povatlas_error **err)
{
    int from = j->o->from_year ? j->o->from_year : j->year - 1;
    povatlas_maps_job prev = {0};
    prev.ws = j->ws;
    prev.o = j->o;
    prev.year = from;
    /* a year before without the indicator (no review list) leaves every
     * ward without a change: unfilled, "no data", never a change from 0 */
    prev.allow_empty = 1;
    povatlas_status st = load2(j, j->o->indicator, err);
    if (!st)
        st = load2(&prev, j->o->indicator, err);
    size_t n = st ? 0 : j->t->units->n;
    /* the changes as analysis computes them: by code, rates exactly from
     * the counts; the map only classes them */
    g_autofree double *change = g_new0(double, n + 1);
    g_autofree unsigned char *known = g_new0(unsigned char, n + 1);
    if (!st)
        st = povatlas_indicator_changes(j->ws, j->o->indicator, from, j->year,
                                        j->t->units, change, known, err);
    GHashTable *prev_row = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t k = 0; !st && k < prev.t->units->n; k++)
        g_hash_table_insert(prev_row, prev.t->units->rows[k].code,
                            GSIZE_TO_POINTER(k + 1));
    double m = 0;
    size_t n_changes = 0;
    for (size_t i = 0; !st && i < n; i++) {
        size_t p = GPOINTER_TO_SIZE(
            g_hash_table_lookup(prev_row, j->t->units->rows[i].code));
        int ok = j->features[i].has_value && known[i];
        j->features[i].has_value = ok;
        j->features[i].value = ok ? change[i] : 0;
        n_changes += ok;
        if (ok && !suppressed(j, i) && !(p && suppressed(&prev, p - 1)))
            m = fmax(m, fabs(change[i]));
    }
    g_hash_table_destroy(prev_row);
    povatlas_maps_job_clear(&prev);
    if (st)
        return st;
    const char *what =
        povatlas_maps_indicator_text(j->o->indicator, j->en, NULL, NULL);
    /* "Thay đổi tỷ lệ hộ nghèo": the indicator name continues the sentence */
    g_autofree char *what_low = NULL;
    if (!j->en && what && *what) {
        gunichar first = g_unichar_tolower(g_utf8_get_char(what));
        char buf[8] = {0};
        g_unichar_to_utf8(first, buf);
        what_low = g_strconcat(buf, g_utf8_next_char(what), NULL);
    }
    j->title_has_year = 1;
    j->title_what =
        g_strdup_printf(T(j, "Thay đổi %s %d–%d", "Change in %s %d–%d"),
                        what_low ? what_low : what, from, j->year);
    j->legend_title = g_strdup(
        T(j, "Thay đổi (điểm phần trăm)", "Change (percentage points)"));
    if (n_changes == 0) {
        /* nothing to compare with: every ward "no data", no empty change
         * classes, and the legend says what is missing */
        int listed = 0;
        st = povatlas_workspace_has_list(j->ws, from, NULL, &listed, err);
        if (st)
            return st;
        j->legend_note =
            listed ? g_strdup_printf(T(j, "Không có số liệu năm %d để so sánh",
                                       "No %d figures to compare with"),
                                     from)
                   : g_strdup_printf(
                         T(j,
                           "Chưa có danh sách rà soát năm %d: không tính "
                           "được thay đổi",
                           "No review list for %d: no change can be computed"),
                         from);
        return POVATLAS_OK;
    }
    const char *sfx = T(j, " điểm %", " pp");
    double step = nice_step(fmax(m, 0.01) / 3);
    /* three classes of decrease, "no change" for exactly 0 (rates have two
     * decimals), three of increase: an unchanged ward is neither blue nor
     * red */
    povatlas_breaks b = {0};
    double lim[7];
    for (int i = 0; i < 7; i++)
        lim[i] = (i - 3) * step;
    b.n_classes = 6;
    b.limits = lim;
    b.left_closed = 1;
    g_auto(GStrv) labels =
        povatlas_legend_class_labels(&b, 2, sfx, j->en ? "en" : "vi");
    for (int i = 0; i < 3; i++)
        povatlas_maps_add_class(j, RDBU6[i], POVATLAS_FILL_SOLID, labels[i]);
    povatlas_maps_add_class(j, 0xf7f7f7, POVATLAS_FILL_SOLID,
                            T(j, "không đổi", "no change"));
    g_autofree char *first_up =
        povatlas_format_number(lim[4], 2, j->en ? "en" : "vi");
    g_autofree char *up_label = g_strdup_printf(
        T(j, "trên 0 đến dưới %s%s", "over 0 to under %s%s"), first_up, sfx);
    povatlas_maps_add_class(j, RDBU6[3], POVATLAS_FILL_SOLID, up_label);
    for (int i = 4; i < 6; i++)
        povatlas_maps_add_class(j, RDBU6[i], POVATLAS_FILL_SOLID, labels[i]);
    for (size_t i = 0; i < j->t->units->n; i++) {
        if (!j->features[i].has_value)
            continue;
        double v = j->features[i].value;
        int c = povatlas_breaks_class_of(&b, v);
        j->cls[i] = fabs(v) < 0.005 ? 3 : c < 3 ? c : c + 1;
    }
    value_texts(j, 2, sfx);
    apply_suppression(j);
    /* the legend leaves out the classes no ward falls in (a year in
     * which no ward rose showed three empty red classes); the note says
     * which side is empty */
    int up = 0, down = 0;
    for (size_t i = 0; i < j->t->units->n; i++) {
        up += j->cls[i] >= 4 && j->cls[i] < 7;
        down += j->cls[i] >= 0 && j->cls[i] < 3;
    }
    j->legend_note = g_strdup(
        !up ? T(j, "Xanh: giảm nghèo; không phường, xã nào tăng nghèo",
                "Blue: fewer poor; no ward has more poor")
        : !down ? T(j, "Đỏ: tăng nghèo; không phường, xã nào giảm nghèo",
                    "Red: more poor; no ward has fewer poor")
                : T(j, "Xanh: giảm nghèo; đỏ: tăng",
                    "Blue: fewer poor; red: more"));
    return POVATLAS_OK;
}

/* ---- zones ------------------------------------------------------------- */

/* Colours and words from the one zone table (analysis/zones.c). */
povatlas_status povatlas_maps_zone(povatlas_maps_job *j, povatlas_error **err)
{
    povatlas_status st = load2(j, POVATLAS_IND_HOUSEHOLDS, err);
    if (st)
        return st;
    for (int z = POVATLAS_ZONE_COASTAL; z <= POVATLAS_ZONE_CENTRAL; z++) {
        const povatlas_zone_info *zi = povatlas_zone_info_of(z);
        povatlas_maps_add_class(j, zi->rgb,
                                zi->hatched ? POVATLAS_FILL_HATCHED
                                            : POVATLAS_FILL_SOLID,
                                T(j, zi->title_vi, zi->title_en));
    }
    for (size_t i = 0; i < j->t->units->n; i++) {
        povatlas_zone z = povatlas_zone_parse(j->t->units->rows[i].zone);
        if (z != POVATLAS_ZONE_UNKNOWN)
            j->cls[i] = (int)z - POVATLAS_ZONE_COASTAL;
    }
    j->title_what = g_strdup(T(j, "Vùng", "Zones"));
    j->legend_title = g_strdup(T(j, "Vùng", "Zone"));
    return POVATLAS_OK;
}

/* ---- symbols and dots --------------------------------------------------- */

static void poor_counts(povatlas_maps_job *j, size_t col)
{
    for (size_t i = 0; i < j->t->units->n; i++) {
        double v;
        j->counts[i] =
            povatlas_maps_value(j, i, col, &v) && !suppressed(j, i) ? v : NAN;
    }
}

povatlas_status povatlas_maps_symbols(povatlas_maps_job *j,
                                      povatlas_error **err)
{
    const char *names[] = {POVATLAS_IND_POOR_RATE, POVATLAS_IND_HOUSEHOLDS,
                           POVATLAS_IND_POOR};
    povatlas_status st = povatlas_maps_load(j, names, 3, err);
    if (st)
        return st;
    povatlas_indicator_map_opts o = *j->o;
    o.indicator = POVATLAS_IND_POOR_RATE;
    const povatlas_indicator_map_opts *keep = j->o;
    j->o = &o;
    st = classed(j, NULL, 1, err);
    j->o = keep;
    if (st)
        return st;
    poor_counts(j, 2);
    g_free(j->title_what);
    j->title_what = g_strdup(T(j, "Số hộ nghèo và tỷ lệ hộ nghèo",
                               "Poor households and their rate"));
    j->symbols = (povatlas_map_symbols){POVATLAS_SYMBOLS_CIRCLES,
                                        j->counts,
                                        0,
                                        0,
                                        0x99000d,
                                        T(j, "Số hộ nghèo", "Poor households"),
                                        T(j, "hộ", "households")};
    return POVATLAS_OK;
}

static double auto_per_dot(const povatlas_maps_job *j)
{
    double total = 0;
    for (size_t i = 0; i < j->t->units->n; i++)
        if (isfinite(j->counts[i]))
            total += j->counts[i];
    double target = total / 400.0; /* a few hundred dots read well */
    if (target <= 1)
        return 1;
    double p = pow(10.0, floor(log10(target)));
    return target >= 5 * p ? 5 * p : target >= 2 * p ? 2 * p : p;
}

povatlas_status povatlas_maps_dots(povatlas_maps_job *j, povatlas_error **err)
{
    const char *names[] = {POVATLAS_IND_POOR, POVATLAS_IND_HOUSEHOLDS};
    povatlas_status st = povatlas_maps_load(j, names, 2, err);
    if (st)
        return st;
    int k = povatlas_maps_add_class(j, 0xf4f1ea, POVATLAS_FILL_SOLID,
                                    T(j, "Có số liệu", "With data"));
    for (size_t i = 0; i < j->t->units->n; i++)
        j->cls[i] = j->features[i].has_value ? k : -1;
    apply_suppression(j);
    poor_counts(j, 0);
    double per = j->o->per_dot > 0 ? j->o->per_dot : auto_per_dot(j);
    j->title_what = g_strdup(
        T(j, "Hộ nghèo (mật độ chấm)", "Poor households (dot density)"));
    j->legend_title = g_strdup(T(j, "Phường, xã", "Wards"));
    j->legend_note =
        g_strdup(T(j, "Chấm đặt ngẫu nhiên trong phường, không phải vị trí nhà",
                   "Dots are placed at random in the ward, not at homes"));
    j->symbols = (povatlas_map_symbols){POVATLAS_SYMBOLS_DOTS,
                                        j->counts,
                                        per,
                                        j->o->seed,
                                        0x7a0177,
                                        T(j, "Hộ nghèo", "Poor households"),
                                        T(j, "hộ", "households")};
    return POVATLAS_OK;
}

/* ---- bivariate and LISA -------------------------------------------------- */

/* Stevens' 3 x 3 scheme, [rate tercile][coverage tercile]. */
static const unsigned int BIV[3][3] = {{0xe8e8e8, 0xb5c0da, 0x6c83b5},
                                       {0xb8d6be, 0x90b2b3, 0x567994},
                                       {0x73ae80, 0x5a9178, 0x2a5a5b}};

static int tercile(const double *sorted, size_t n, double v)
{
    double a = sorted[n / 3], b = sorted[(2 * n) / 3];
    return v < a ? 0 : v < b ? 1 : 2;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void sorted_col(const povatlas_maps_job *j, size_t col, double *out,
                       size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < j->t->units->n; i++)
        if (povatlas_maps_value(j, i, col, &out[*n]))
            (*n)++;
    qsort(out, *n, sizeof(double), cmp_double);
}

povatlas_status povatlas_maps_bivariate(povatlas_maps_job *j,
                                        povatlas_error **err)
{
    const char *names[] = {j->o->indicator, POVATLAS_IND_HOUSEHOLDS,
                           j->o->indicator2};
    povatlas_status st = povatlas_maps_load(j, names, 3, err);
    if (st)
        return st;
    size_t nu = j->t->units->n, na, nb;
    g_autofree double *a = g_new0(double, nu + 1);
    g_autofree double *b = g_new0(double, nu + 1);
    sorted_col(j, 0, a, &na);
    sorted_col(j, 2, b, &nb);
    static const char *lv[] = {"thấp", "vừa", "cao"};
    static const char *le[] = {"low", "mid", "high"};
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
            g_autofree char *l = g_strdup_printf(
                T(j, "Nghèo %s · bao phủ %s", "Poverty %s · coverage %s"),
                j->en ? le[r] : lv[r], j->en ? le[c] : lv[c]);
            povatlas_maps_add_class(j, BIV[r][c], POVATLAS_FILL_SOLID, l);
        }
    for (size_t i = 0; i < nu; i++) {
        double x, y;
        if (povatlas_maps_value(j, i, 0, &x) &&
            povatlas_maps_value(j, i, 2, &y))
            j->cls[i] = 3 * tercile(a, na, x) + tercile(b, nb, y);
    }
    j->title_what = g_strdup(
        T(j, "Tỷ lệ nghèo và mức bao phủ", "Poverty rate and coverage"));
    j->legend_title = g_strdup(T(j, "Nghèo × bao phủ (theo tam phân vị)",
                                 "Poverty × coverage (terciles)"));
    j->grid_rows = T(j, "Tỷ lệ hộ nghèo", "Poverty rate");
    j->grid_cols = T(j, "Mức bao phủ", "Coverage");
    apply_suppression(j);
    return POVATLAS_OK;
}

povatlas_status povatlas_maps_lisa(povatlas_maps_job *j, povatlas_error **err)
{
    povatlas_status st = load2(j, j->o->indicator, err);
    if (st)
        return st;
    static const struct {
        int code;
        const char *vi, *en;
        unsigned int rgb;
        povatlas_map_fill fill;
    } L[] = {{1, "Cụm nghèo cao", "Cluster of high poverty", 0xd7191c, 0},
             {2, "Cụm nghèo thấp", "Cluster of low poverty", 0x2c7bb6, 0},
             {4, "Nghèo cao giữa vùng nghèo thấp", "High poverty among low",
              0xfdae61, POVATLAS_FILL_HATCHED},
             {3, "Nghèo thấp giữa vùng nghèo cao", "Low poverty among high",
              0xabd9e9, POVATLAS_FILL_HATCHED},
             /* a pale cream of its own, never the grey of the land outside:
              * the city stays whole on the map */
             {0, "Không thuộc cụm rõ rệt", "No clear cluster", LISA_NS_RGB, 0}};
    for (size_t k = 0; k < G_N_ELEMENTS(L); k++)
        povatlas_maps_add_class(j, L[k].rgb, L[k].fill, T(j, L[k].vi, L[k].en));
    for (size_t i = 0; i < j->t->units->n; i++) {
        if (!j->features[i].has_value)
            continue;
        int code = (int)lround(j->features[i].value);
        j->cls[i] = 4; /* islands and unknown codes: not significant */
        for (size_t k = 0; k < G_N_ELEMENTS(L); k++)
            if (L[k].code == code)
                j->cls[i] = (int)k;
    }
    j->title_what = g_strdup(T(j, "Cụm phường, xã nghèo cao và nghèo thấp",
                               "Clusters of high and low poverty"));
    j->legend_title = g_strdup(T(j, "Tỷ lệ hộ nghèo so với láng giềng",
                                 "Poor rate compared with the neighbours"));
    /* the technical term in the note; small-n honesty (issue 5): a
     * cluster of 16 wards is weak evidence */
    size_t n = j->t->units->n;
    j->legend_note =
        n < 30 ? g_strdup_printf(
                     T(j,
                       "Phân tích cụm không gian LISA (Moran cục bộ, "
                       "p < 0,05). Chỉ %zu phường/xã, mỗi đơn vị 2–6 láng "
                       "giềng: bằng chứng yếu, cần đối chiếu thực địa",
                       "Local spatial clusters (LISA, local Moran, "
                       "p < 0.05). Only %zu units with 2–6 neighbours each: "
                       "weak evidence, check on the ground"),
                     n)
               : g_strdup(T(j,
                            "Phân tích cụm không gian LISA (Moran cục bộ, "
                            "p < 0,05)",
                            "Local spatial clusters (LISA, local Moran, "
                            "p < 0.05)"));
    apply_suppression(j);
    return POVATLAS_OK;
}
