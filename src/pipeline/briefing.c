/*
 * briefing.c - the leaders' briefing as one offline HTML file: gathers the
 * targets, the report tables, the ward shapes and the classes of every map
 * the page can switch to (poor rate, near-poor rate, change, coverage,
 * priority; each review year shown), and the fact card of every ward, and
 * writes them under a temporary name. The classes are the drawn maps'
 * (povatlas_map_classing_new()), the numbers the analysis's; the page
 * only shows them. briefing_html.c writes the fixed parts.
 */
#include <math.h>
#include <string.h>

#include "pipeline/briefing_private.h"
#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/priority.h"
#include "povatlas/reports.h"

void povatlas_briefing_opts_init(povatlas_briefing_opts *o)
{
    *o = (povatlas_briefing_opts){0};
    o->lang = "vi";
    o->min_households = POVATLAS_MIN_HOUSEHOLDS;
}

/* The maps the page switches between: key, type, indicator, label. */
static const struct {
    const char *key;
    povatlas_map_type type;
    const char *indicator, *vi, *en;
} MAPS[] = {
    {"poor_rate", POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_POOR_RATE,
     "Tỷ lệ hộ nghèo", "Poor rate"},
    {"near_poor_rate", POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_NEAR_POOR_RATE,
     "Tỷ lệ hộ cận nghèo", "Near-poor rate"},
    {"change", POVATLAS_MAP_CHANGE, POVATLAS_IND_POOR_RATE,
     "Thay đổi tỷ lệ hộ nghèo", "Change in poor rate"},
    {"coverage", POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_COVERAGE,
     "Độ bao phủ chương trình", "Programme coverage"},
    {"priority", POVATLAS_MAP_CHOROPLETH, POVATLAS_IND_PRIORITY_INDEX,
     "Chỉ số ưu tiên", "Priority index"},
};

static void json_rgb(GString *o, unsigned int rgb)
{
    g_string_append_printf(o, "\"#%06x\"", rgb & 0xffffff);
}

/* The SVG fill of class @d, as the page's script writes it. */
static char *class_fill(const povatlas_map_class_data *d)
{
    unsigned int rgb = d->rgb & 0xffffff;
    return d->fill == POVATLAS_FILL_SOLID
               ? g_strdup_printf("#%06x", rgb)
               : g_strdup_printf(
                     "url(#%c%06x)",
                     d->fill == POVATLAS_FILL_CROSSHATCHED ? 'x' : 'h', rgb);
}

/* The map the page opens on, kept to be written into the HTML: each
 * ward's fill, the title and the legend (the classes some ward falls in,
 * with their counts) exactly as the script draws them, so that the map
 * reads the same with JavaScript off, in print and in a mail preview. */
static void first_map(briefing *b, const povatlas_map_classing *c)
{
    int *count = g_new0(int, (size_t)c->n_classes + 1);
    for (size_t i = 0; i < c->n; i++) {
        int k = c->unit_class[i] < 0 ? c->n_classes : c->unit_class[i];
        count[k]++;
        g_hash_table_replace(b->first_fill, g_strdup(c->codes[i]),
                             class_fill(&c->classes[k]));
    }
    b->first_title = g_strdup_printf("%s — %d", c->title, b->year);
    GString *l = b->first_legend = g_string_new("<b>");
    briefing_esc(l, c->legend_title);
    g_string_append(l, "</b><ul>");
    for (int k = 0; k <= c->n_classes; k++) {
        const povatlas_map_class_data *d = &c->classes[k];
        if (!count[k])
            continue;
        g_string_append_printf(
            l,
            "<li><span class=\"sw%s\" style=\"background-color:#%06x\">"
            "</span><span>",
            d->fill == POVATLAS_FILL_HATCHED        ? " h"
            : d->fill == POVATLAS_FILL_CROSSHATCHED ? " x"
                                                    : "",
            d->rgb & 0xffffff);
        g_autofree char *t = g_strdup_printf("%s (%d)", d->label, count[k]);
        briefing_esc(l, t);
        g_string_append(l, "</span></li>");
    }
    g_string_append(l, "</ul>");
    if (c->legend_note && *c->legend_note) {
        g_string_append(l, "<p class=\"note\">");
        briefing_esc(l, c->legend_note);
        g_string_append(l, "</p>");
    }
    g_free(count);
}

/* One map of one year as JSON; a map the workspace cannot make (no
 * activities that year, no year before to compare with) is an object with
 * the reason, shown in place of the map. Fails only on other errors. */
static povatlas_status map_json(briefing *b, size_t k, int year, GString *o,
                                GHashTable *patterns, povatlas_error **err)
{
    povatlas_indicator_map_opts mo;
    povatlas_indicator_map_opts_init(&mo);
    mo.type = MAPS[k].type;
    mo.indicator = MAPS[k].indicator;
    mo.year = year;
    mo.lang = b->lang;
    mo.min_households = b->o->min_households;
    povatlas_error *why = NULL;
    povatlas_map_classing *c = povatlas_map_classing_new(b->ws, &mo, &why);
    if (c == NULL) {
        if (!why || why->code != POVATLAS_E_INPUT)
            return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
        g_string_append_printf(o, "\"%d\":{\"error\":", year);
        briefing_json_str(o, why->message);
        g_string_append(o, "}");
        povatlas_error_free(why);
        return POVATLAS_OK;
    }
    g_string_append_printf(o, "\"%d\":{\"title\":", year);
    briefing_json_str(o, c->title);
    g_string_append(o, ",\"legend\":");
    briefing_json_str(o, c->legend_title);
    g_string_append(o, ",\"note\":");
    briefing_json_str(o, c->legend_note ? c->legend_note : "");
    g_string_append(o, ",\"classes\":[");
    for (int i = 0; i <= c->n_classes; i++) {
        const povatlas_map_class_data *d = &c->classes[i];
        g_string_append(o, i ? ",[" : "[");
        json_rgb(o, d->rgb);
        g_string_append_printf(o, ",%d,", d->fill);
        briefing_json_str(o, d->label);
        g_string_append(o, "]");
        if (d->fill != POVATLAS_FILL_SOLID)
            g_hash_table_insert(patterns,
                                GUINT_TO_POINTER((d->rgb & 0xffffff) |
                                                 ((unsigned)d->fill << 24)),
                                GINT_TO_POINTER(1));
    }
    g_string_append(o, "],\"cls\":[");
    for (size_t i = 0; i < c->n; i++)
        g_string_append_printf(o, "%s%d", i ? "," : "", c->unit_class[i]);
    g_string_append(o, "]}");
    if (k == 0 && year == b->year)
        first_map(b, c);
    /* the source line of the year the map opens on */
    if (!b->source_note || (year == b->year && !b->source_year)) {
        b->source_year = year == b->year;
        g_free(b->source_note);
        g_free(b->boundary_note);
        b->source_note = g_strdup(c->source_note);
        b->boundary_note = g_strdup(c->boundary_note);
    }
    povatlas_map_classing_free(c);
    return POVATLAS_OK;
}

static povatlas_status maps_json(briefing *b, GString *o, GHashTable *patterns,
                                 povatlas_error **err)
{
    g_string_append(o, "\"maps\":{");
    povatlas_status st = POVATLAS_OK;
    for (size_t k = 0; !st && k < G_N_ELEMENTS(MAPS); k++) {
        g_string_append_printf(o, "%s\"%s\":{", k ? "," : "", MAPS[k].key);
        int first = 1;
        for (int y = b->year0 ? b->year0 : b->year; !st && y <= b->year; y++) {
            if (y != b->year0 && y != b->year)
                continue;
            /* a change needs the year before */
            if (MAPS[k].type == POVATLAS_MAP_CHANGE &&
                (y != b->year || !b->year0))
                continue;
            if (!first)
                g_string_append_c(o, ',');
            first = 0;
            st = map_json(b, k, y, o, patterns, err);
        }
        g_string_append_c(o, '}');
    }
    g_string_append(o, "}");
    return st;
}

/* ---- fact cards -------------------------------------------------------- */

/* A fact as [label, value], the label the index of its text in the
 * page's one list of fact labels (a country's 10,600 cards repeat the
 * same dozen labels). */
static void fact(briefing *b, GString *o, int *first, const char *label,
                 const char *value)
{
    gpointer k = g_hash_table_lookup(b->fact_labels, label);
    if (k == NULL) {
        g_ptr_array_add(b->fact_label_list, g_strdup(label));
        k = GUINT_TO_POINTER(b->fact_label_list->len);
        g_hash_table_insert(b->fact_labels, g_strdup(label), k);
    }
    g_string_append_printf(o, "%s[%u,", *first ? "" : ",",
                           GPOINTER_TO_UINT(k) - 1);
    *first = 0;
    briefing_json_str(o, value);
    g_string_append_c(o, ']');
}

static char *ind_text(briefing *b, const char *code, int year, const char *name,
                      int decimals, const char *suffix)
{
    double v;
    if (!briefing_ind(b, code, year, name, &v))
        return g_strdup("–");
    g_autofree char *n = briefing_num(b, v, decimals);
    return g_strdup_printf("%s%s", n, suffix);
}

static const char *component_label(const briefing *b, int c)
{
    return povatlas_priority_component_label(c, b->en ? "en" : "vi");
}

static void priority_facts(briefing *b, GString *o, int *first,
                           const povatlas_priority *p, const char *code)
{
    for (size_t r = 0; p && r < p->n; r++) {
        const povatlas_priority_row *w = &p->rows[r];
        if (strcmp(w->code, code) != 0)
            continue;
        g_autofree char *rank = g_strdup_printf("%d/%zu", w->rank, p->n);
        fact(b, o, first,
             BT(b, "Thứ tự ưu tiên (1 = cao nhất)",
                "Priority rank (1 = highest)"),
             rank);
        g_autofree char *ix = briefing_num(b, w->index, 3);
        fact(b, o, first, BT(b, "Chỉ số ưu tiên", "Priority index"), ix);
        fact(b, o, first,
             BT(b, "Thành phần của chỉ số", "Components of the index"),
             BT(b, "chuẩn hóa → đóng góp", "scaled → contribution"));
        for (int c = 0; c < POVATLAS_PRIORITY_N; c++) {
            if (p->weights.weight[c] <= 0)
                continue;
            g_autofree char *lab =
                g_strdup_printf("· %s", component_label(b, c));
            g_autofree char *nv = briefing_num(b, w->normalised[c], 2);
            g_autofree char *cv = briefing_num(b, w->contribution[c], 3);
            g_autofree char *val = g_strdup_printf("%s → %s", nv, cv);
            fact(b, o, first, lab, val);
        }
    }
}

static void ward_facts(briefing *b, GString *o, const char *code, int year,
                       const povatlas_priority *p)
{
    int first = 1;
    g_string_append_c(o, '[');
    if (briefing_hidden(b, code, year)) {
        g_autofree char *h = briefing_hidden_text(b);
        fact(b, o, &first, BT(b, "Số liệu", "Figures"), h);
        g_string_append_c(o, ']');
        return;
    }
    static const struct {
        const char *name, *vi, *en;
        int decimals;
        int pct;
    } F[] = {{"households", "Số hộ", "Households", 0, 0},
             {"poor", "Hộ nghèo", "Poor households", 0, 0},
             {"poor_rate", "Tỷ lệ hộ nghèo", "Poor rate", 2, 1},
             {"near_poor", "Hộ cận nghèo", "Near-poor households", 0, 0},
             {"near_poor_rate", "Tỷ lệ hộ cận nghèo", "Near-poor rate", 2, 1}};
    for (size_t i = 0; i < G_N_ELEMENTS(F); i++) {
        g_autofree char *v = ind_text(b, code, year, F[i].name, F[i].decimals,
                                      F[i].pct ? " %" : BT(b, " hộ", ""));
        fact(b, o, &first, b->en ? F[i].en : F[i].vi, v);
    }
    double r0, r1;
    if (year == b->year && b->year0 && !briefing_hidden(b, code, b->year0) &&
        briefing_ind(b, code, b->year0, "poor_rate", &r0) &&
        briefing_ind(b, code, year, "poor_rate", &r1)) {
        g_autofree char *d = briefing_num(b, r1 - r0, 2);
        g_autofree char *lab = g_strdup_printf(
            BT(b, "Thay đổi tỷ lệ hộ nghèo %d→%d", "Change in poor rate %d→%d"),
            b->year0, year);
        g_autofree char *v = g_strdup_printf("%s%s %s", r1 - r0 > 0 ? "+" : "",
                                             d, BT(b, "điểm %", "points"));
        fact(b, o, &first, lab, v);
    }
    static const struct {
        const char *name, *vi, *en;
    } T[] = {{"escaped_poor", "Hộ thoát nghèo", "Escaped poverty"},
             {"new_poor", "Hộ nghèo phát sinh", "Newly poor"},
             {"fell_back_poor", "Hộ tái nghèo", "Fell back into poverty"}};
    for (size_t i = 0; i < G_N_ELEMENTS(T); i++) {
        double v;
        if (!briefing_ind(b, code, year, T[i].name, &v))
            continue;
        g_autofree char *n = briefing_num(b, v, 0);
        g_autofree char *s = g_strdup_printf("%s%s", n, BT(b, " hộ", ""));
        fact(b, o, &first, b->en ? T[i].en : T[i].vi, s);
    }
    g_autofree char *cov =
        ind_text(b, code, year, POVATLAS_IND_COVERAGE, 2, " %");
    fact(b, o, &first, BT(b, "Độ bao phủ chương trình", "Programme coverage"),
         cov);
    double gap;
    if (briefing_ind(b, code, year, POVATLAS_IND_COVERAGE_GAP, &gap) && gap > 0)
        fact(b, o, &first, BT(b, "Khoảng trống bao phủ", "Coverage gap"),
             BT(b, "có: nghèo nhiều, bao phủ dưới mức thành phố",
                "yes: among the poorest, covered below the city"));
    priority_facts(b, o, &first, p, code);
    g_string_append_c(o, ']');
}

static void facts_json(briefing *b, GString *o, const povatlas_map_shapes *s)
{
    g_string_append(o, "\"facts\":{");
    int years[2] = {b->year0, b->year};
    int first = 1;
    for (int k = 0; k < 2; k++) {
        if (!years[k])
            continue;
        /* a year whose inputs cannot rank the wards has no rank on its
         * cards; a failed read or allocation fails the briefing */
        povatlas_error *e = NULL;
        povatlas_priority *p =
            povatlas_priority_compute(b->ws, years[k], NULL, 0, &e);
        if (e && e->code != POVATLAS_E_INPUT && b->error == NULL)
            b->error = e;
        else
            povatlas_error_free(e);
        g_string_append_printf(o, "%s\"%d\":[", first ? "" : ",", years[k]);
        first = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (i)
                g_string_append_c(o, ',');
            ward_facts(b, o, s->codes[i], years[k], p);
        }
        g_string_append_c(o, ']');
        povatlas_priority_free(p);
    }
    g_string_append(o, "},\"factlabels\":[");
    for (guint i = 0; i < b->fact_label_list->len; i++) {
        if (i)
            g_string_append_c(o, ',');
        briefing_json_str(o, g_ptr_array_index(b->fact_label_list, i));
    }
    g_string_append_c(o, ']');
}

/* ---- the map section ---------------------------------------------------- */

static gint key_cmp(gconstpointer a, gconstpointer b)
{
    unsigned int x = GPOINTER_TO_UINT(a), y = GPOINTER_TO_UINT(b);
    return x < y ? -1 : x > y;
}

/* The box a name of @size px takes in the page's font (Noto Sans
 * semi-bold or the like), from its count of letters: 0.62 em a letter
 * and 1.36 em high (Noto's line box; DejaVu's is smaller), centred on
 * (@x, @y). */
typedef struct label_box {
    double x0, y0, x1, y1;
} label_box;

static label_box label_box_at(const char *name, double size, double x, double y)
{
    double w = 0.62 * size * (double)g_utf8_strlen(name, -1) + 3;
    double h = 1.36 * size;
    return (label_box){x - w / 2, y - h / 2, x + w / 2, y + h / 2};
}

static int boxes_meet(const label_box *a, const label_box *b)
{
    return a->x0 < b->x1 + 1 && b->x0 < a->x1 + 1 && a->y0 < b->y1 + 1 &&
           b->y0 < a->y1 + 1;
}

typedef struct label_pick {
    size_t index;
    double r;
    int shown;
    double x, y, size;
} label_pick;

static int by_radius(const void *p, const void *q)
{
    const label_pick *a = p, *b = q;
    if (a->r != b->r)
        return a->r > b->r ? -1 : 1;
    return a->index < b->index ? -1 : (a->index > b->index);
}

/* Ward names at their poles of inaccessibility, smaller in small wards;
 * they never take the pointer from the ward under them. Larger wards'
 * names go first; a name that would meet one already placed is moved
 * about its pole (never past the ward's inside circle, so it stays over
 * its ward) or set smaller, and left out when nothing clears: two names
 * over each other read as neither (Mỹ Hương's and Kinh Dinh's were). A
 * ward whose inside circle is under 4 px (a commune on a country's map)
 * has no name on the map, which it could not hold. A ward without a name
 * on the map still has its <title> and its card. */
static void labels(GString *o, const povatlas_map_shapes *s)
{
    g_autofree label_pick *pick = g_new0(label_pick, s->n + 1);
    for (size_t i = 0; i < s->n; i++)
        pick[i] = (label_pick){i, s->label_r[i], 0, 0, 0, 0};
    qsort(pick, s->n, sizeof(*pick), by_radius);
    g_autofree label_box *placed = g_new0(label_box, s->n + 1);
    size_t n_placed = 0;
    static const double shifts[][2] = {
        {0, 0},       {0, -0.55},   {0, 0.55},  {-0.3, 0},
        {0.3, 0},     {0, -1.1},    {0, 1.1},   {-0.3, -0.55},
        {0.3, -0.55}, {-0.3, 0.55}, {0.3, 0.55}};
    for (size_t k = 0; k < s->n; k++) {
        label_pick *p = &pick[k];
        size_t i = p->index;
        if (s->label_r[i] < 4)
            continue;
        double first = s->label_r[i] >= 30 ? 14 : s->label_r[i] >= 14 ? 11 : 9;
        for (double size = first; size >= 9 && !p->shown;
             size -= size > 11 ? 3 : 2) {
            for (size_t m = 0; m < G_N_ELEMENTS(shifts) && !p->shown; m++) {
                label_box b0 = label_box_at(s->names[i], size, s->label_x[i],
                                            s->label_y[i]);
                double dx = shifts[m][0] * (b0.x1 - b0.x0),
                       dy = shifts[m][1] * (b0.y1 - b0.y0);
                if (hypot(dx, dy) > s->label_r[i])
                    continue;
                label_box b = label_box_at(
                    s->names[i], size, s->label_x[i] + dx, s->label_y[i] + dy);
                int clear = 1;
                for (size_t q = 0; q < n_placed && clear; q++)
                    clear = !boxes_meet(&b, &placed[q]);
                if (!clear)
                    continue;
                placed[n_placed++] = b;
                *p = (label_pick){
                    i, p->r, 1, s->label_x[i] + dx, s->label_y[i] + dy, size};
            }
        }
    }
    /* in the wards' order, so that the page repeats */
    g_autofree label_pick *by_ward = g_new0(label_pick, s->n + 1);
    for (size_t k = 0; k < s->n; k++)
        by_ward[pick[k].index] = pick[k];
    g_string_append(o, "<g class=\"labels\" aria-hidden=\"true\">\n");
    for (size_t i = 0; i < s->n; i++) {
        const label_pick *p = &by_ward[i];
        if (!p->shown)
            continue;
        g_string_append_printf(o,
                               "<text x=\"%.1f\" y=\"%.1f\" "
                               "font-size=\"%.0f\">",
                               p->x, p->y + p->size * 0.35, p->size);
        briefing_esc(o, s->names[i]);
        g_string_append(o, "</text>\n");
    }
    g_string_append(o, "</g>\n");
}

/* A scale bar of a round length (1, 2 or 5 x 10^k m) near a fifth of the
 * map's width, and the north arrow, at the bottom left. */
static void scale_bar(briefing *b, const povatlas_map_shapes *s)
{
    double want = s->width / 5 * s->m_per_px, len = 1;
    while (len * 10 <= want)
        len *= 10;
    len = len * 5 <= want ? len * 5 : len * 2 <= want ? len * 2 : len;
    double px = len / s->m_per_px, x = 16, y = s->height - 16;
    g_autofree char *n = briefing_num(b, len >= 1000 ? len / 1000 : len, 0);
    g_string_append_printf(
        b->out,
        "<g class=\"scale\" aria-hidden=\"true\"><path d=\"M%.1f "
        "%.1fv6h%.1fv-6\" "
        "fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/><text x=\"%.1f\" "
        "y=\"%.1f\" font-size=\"12\">0</text><text x=\"%.1f\" y=\"%.1f\" "
        "font-size=\"12\">%s %s</text>",
        x, y - 6, px, x - 3, y - 10, x + px - 6, y - 10, n,
        len >= 1000 ? "km" : "m");
    g_string_append_printf(
        b->out,
        "<path d=\"M%.1f %.1fl7 20l-7-6l-7 6z\" fill=\"#222\"/>"
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
        "text-anchor=\"middle\" font-weight=\"700\">%s</text></g>\n",
        x + px + 40, y - 22, x + px + 40, y - 26, BT(b, "B", "N"));
}

static void svg_shapes(briefing *b, const povatlas_map_shapes *s,
                       GHashTable *patterns)
{
    GString *o = b->out;
    g_string_append_printf(o,
                           "<svg id=\"pa-map\" viewBox=\"0 0 %.0f %.0f\" "
                           "role=\"group\" aria-label=\"",
                           s->width, s->height);
    briefing_esc(o, BT(b, "Bản đồ phường, xã", "Ward map"));
    g_string_append(o, "\">\n<defs>");
    /* hatching of the "no data" and hidden classes, as on the PNG maps;
     * in a fixed order, so that the same workspace gives the same bytes */
    g_hash_table_insert(patterns, GUINT_TO_POINTER(0xf4f4f4u | (1u << 24)),
                        GINT_TO_POINTER(1));
    GList *keys = g_list_sort(g_hash_table_get_keys(patterns), key_cmp);
    for (GList *l = keys; l; l = l->next) {
        unsigned int key = GPOINTER_TO_UINT(l->data);
        unsigned int rgb = key & 0xffffff;
        int cross = (key >> 24) == POVATLAS_FILL_CROSSHATCHED;
        g_string_append_printf(
            o,
            "<pattern id=\"%c%06x\" width=\"8\" height=\"8\" "
            "patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" "
            "fill=\"#%06x\"/><path d=\"M0 0V8%s\" stroke=\"#777\" "
            "stroke-width=\"1.5\"/></pattern>",
            cross ? 'x' : 'h', rgb, rgb, cross ? "M0 4H8" : "");
    }
    g_list_free(keys);
    g_string_append(o, "</defs>\n");
    for (size_t i = 0; i < s->n_context; i++) {
        int role = s->context_role[i];
        const char *style =
            role == POVATLAS_CONTEXT_SEA ? "fill=\"#dcecf7\" stroke=\"none\""
            : role == POVATLAS_CONTEXT_LAND
                ? "fill=\"#ecebe6\" stroke=\"#c9c7bf\" stroke-width=\"0.8\""
            : role == POVATLAS_CONTEXT_COASTLINE
                ? "fill=\"none\" stroke=\"#6f9fc4\" stroke-width=\"1\""
                : "fill=\"none\" stroke=\"#333\" stroke-width=\"2\"";
        g_string_append_printf(o, "<path class=\"ctx\" %s d=\"%s\"/>\n", style,
                               s->context_d[i]);
    }
    for (size_t i = 0; i < s->n; i++) {
        /* the opening map's class; hatched "no data" when it has none */
        const char *fill = g_hash_table_lookup(b->first_fill, s->codes[i]);
        g_string_append(o, "<path class=\"ward\" tabindex=\"0\" data-code=\"");
        briefing_esc(o, s->codes[i]);
        g_string_append(o, "\" fill=\"");
        briefing_esc(o, fill ? fill : "url(#hf4f4f4)");
        g_string_append(o, "\" fill-rule=\"evenodd\" d=\"");
        g_string_append(o, s->path_d[i]);
        g_string_append(o, "\"><title>");
        briefing_esc(o, s->names[i]);
        g_string_append(o, "</title></path>\n");
    }
    labels(o, s);
    scale_bar(b, s);
    g_string_append(o, "</svg>\n");
}

static void radio(GString *o, const char *name, const char *value,
                  const char *label, int checked)
{
    g_string_append_printf(o,
                           "<label><input type=\"radio\" name=\"%s\" "
                           "value=\"",
                           name);
    briefing_esc(o, value);
    g_string_append_printf(o, "\"%s><span>", checked ? " checked" : "");
    briefing_esc(o, label);
    g_string_append(o, "</span></label>");
}

static void map_section(briefing *b, const povatlas_map_shapes *s,
                        GHashTable *patterns)
{
    GString *o = b->out;
    g_string_append(o, "<section id=\"map\">\n<h2>");
    briefing_esc(o, BT(b, "Bản đồ phường, xã", "Ward map"));
    g_string_append(o, "</h2>\n<div class=\"controls\"><fieldset><legend>");
    briefing_esc(o, BT(b, "Chỉ tiêu", "Indicator"));
    g_string_append(o, "</legend>");
    for (size_t k = 0; k < G_N_ELEMENTS(MAPS); k++)
        radio(o, "pa-ind", MAPS[k].key, b->en ? MAPS[k].en : MAPS[k].vi,
              k == 0);
    g_string_append(o, "</fieldset><fieldset><legend>");
    briefing_esc(o, BT(b, "Năm", "Year"));
    g_string_append(o, "</legend>");
    int years[2] = {b->year0, b->year};
    for (int k = 0; k < 2; k++) {
        if (!years[k])
            continue;
        g_autofree char *y = g_strdup_printf("%d", years[k]);
        radio(o, "pa-year", y, y, k == 1);
    }
    g_string_append(o, "</fieldset></div>\n");
    /* without JavaScript the map stays the opening one: no buttons, no
     * hint to hover, a line saying so */
    g_string_append(o, "<noscript><style>.controls,#pa-card{display:none}"
                       "</style><p class=\"note\">");
    g_autofree char *nojs = g_strdup_printf(
        BT(b,
           "JavaScript đang tắt: bản đồ chỉ hiện tỷ lệ hộ nghèo năm %d; "
           "các bảng bên dưới có đủ số liệu.",
           "JavaScript is off: the map shows the poor rate of %d only; the "
           "tables below hold every figure."),
        b->year);
    briefing_esc(o, nojs);
    g_string_append(o, "</p></noscript>\n<div class=\"mapwrap\"><div>"
                       "<p id=\"pa-map-title\">");
    briefing_esc(o, b->first_title);
    g_string_append(o, "</p><p id=\"pa-map-msg\"></p>\n");
    svg_shapes(b, s, patterns);
    g_string_append(o, "<p class=\"note\">");
    briefing_esc(o, b->source_note);
    g_string_append(o, "</p>\n");
    if (b->boundary_note) {
        g_string_append(o, "<p class=\"schematic\">");
        briefing_esc(o, b->boundary_note);
        g_string_append(o, "</p>\n");
    }
    g_string_append(o, "</div><div><div id=\"pa-legend\">");
    if (b->first_legend)
        g_string_append_len(o, b->first_legend->str,
                            (gssize)b->first_legend->len);
    g_string_append(o, "</div>\n"
                       "<div id=\"pa-card\" aria-live=\"polite\"><p "
                       "class=\"note\">");
    briefing_esc(o, BT(b,
                       "Chạm, rê chuột hoặc dùng phím Tab trên một "
                       "phường, xã để xem số liệu.",
                       "Tap, hover or Tab to a ward to see its figures."));
    g_string_append(o, "</p></div></div></div>\n</section>\n");
}

/* ---- the report sections ----------------------------------------------- */

static void section_open(briefing *b, const char *id, const char *title)
{
    g_string_append_printf(b->out, "<section id=\"%s\">\n<h2>", id);
    briefing_esc(b->out, title);
    g_string_append(b->out, "</h2>\n");
}

/* A report table, or the reason the workspace cannot make it. */
static povatlas_status report_section(briefing *b, povatlas_table *t,
                                      povatlas_error *why, int year,
                                      size_t max_rows, povatlas_error **err)
{
    if (t == NULL && (!why || why->code != POVATLAS_E_INPUT))
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    if (t == NULL) {
        g_string_append(b->out, "<p class=\"note\">");
        briefing_esc(b->out, why->message);
        g_string_append(b->out, "</p>\n");
        povatlas_error_free(why);
        return POVATLAS_OK;
    }
    briefing_html_table(b, t, year, max_rows);
    povatlas_table_free(t);
    return POVATLAS_OK;
}

static povatlas_status reports(briefing *b, povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree char *pt =
        g_strdup_printf(BT(b, "Thứ tự ưu tiên các phường, xã năm %d",
                           "Ward priority ranking, %d"),
                        b->year);
    section_open(b, "priority", pt);
    g_string_append(b->out, "<p class=\"note\">");
    briefing_esc(b->out, BT(b,
                            "Chỉ số = tổng các đóng góp (giá trị chuẩn hóa "
                            "0–1 × trọng số); hạng 1 cần ưu tiên nhất.",
                            "Index = sum of contributions (scaled 0–1 × "
                            "weight); rank 1 comes first."));
    g_string_append(b->out, "</p>\n");
    povatlas_table *t =
        pipeline_priority_table(b->ws, b->year, NULL, 0, b->lang, 0, &why);
    povatlas_status st =
        report_section(b, t, why, b->year, BRIEFING_REPORT_ROWS, err);
    g_string_append(b->out, "</section>\n");
    if (st)
        return st;
    why = NULL;
    g_autofree char *ct = g_strdup_printf(
        BT(b, "Độ bao phủ chương trình và khoảng trống bao phủ năm %d",
           "Programme coverage and coverage gaps, %d"),
        b->year);
    section_open(b, "coverage", ct);
    g_string_append(b->out, "<p class=\"note\">");
    briefing_esc(b->out, BT(b,
                            "Khoảng trống bao phủ = 1: phường, xã thuộc "
                            "nhóm nghèo nhất nhưng độ bao phủ dưới mức "
                            "toàn thành phố.",
                            "Coverage gap = 1: among the poorest wards but "
                            "covered below the city."));
    g_string_append(b->out, "</p>\n");
    t = pipeline_coverage_table(b->ws, b->year, NULL, b->lang, 0, &why);
    st = report_section(b, t, why, b->year, BRIEFING_REPORT_ROWS, err);
    g_string_append(b->out, "</section>\n");
    return st;
}

/* ---- the page ---------------------------------------------------------- */

static void header(briefing *b)
{
    GString *o = b->out;
    if (b->synthetic) {
        g_string_append(o, "<div class=\"band\" id=\"pa-synthetic\">");
        briefing_esc(o, povatlas_synthetic_note(b->en ? "en" : "vi"));
        g_string_append(o, "</div>\n");
    }
    g_string_append(o, "<header><h1>");
    g_autofree char *h =
        g_strdup_printf(BT(b, "Tình hình hộ nghèo, hộ cận nghèo năm %d",
                           "Poor and near-poor households in %d"),
                        b->year);
    briefing_esc(o, h);
    g_string_append(o, "</h1><p class=\"sub\">");
    briefing_esc(o, b->place);
    g_string_append(o, "</p></header>\n");
}

static povatlas_status cover(briefing *b, povatlas_error **err)
{
    g_string_append(b->out, "<section id=\"cover\">\n");
    povatlas_status st = briefing_html_cover(b, err);
    if (st)
        return st;
    g_string_append(b->out, "<h2>");
    briefing_esc(b->out, BT(b, "Tổng hợp toàn thành phố theo năm rà soát",
                            "City totals by review year"));
    g_string_append(b->out, "</h2>\n");
    povatlas_error *why = NULL;
    povatlas_table *t = povatlas_report_summary(b->ws, b->lang, &why);
    st = report_section(b, t, why, b->year, 0, err);
    g_string_append(b->out, "</section>\n");
    return st;
}

static void footer(briefing *b, const GString *data)
{
    GString *o = b->out;
    g_string_append(o, "<footer><p class=\"note\">");
    briefing_esc(o, b->source_note);
    g_string_append(o, "</p><pre id=\"pa-errors\"></pre>"
                       "<pre id=\"pa-selftest\"></pre></footer>\n"
                       "<script type=\"application/json\" id=\"pa-data\">");
    g_string_append_len(o, data->str, (gssize)data->len);
    g_string_append(o, "</script>\n");
    briefing_html_script(b);
    g_string_append(o, "</body>\n</html>\n");
}

static povatlas_status years_of(briefing *b, povatlas_error **err)
{
    int y = b->o->year;
    povatlas_status st =
        y ? POVATLAS_OK : povatlas_workspace_latest_year(b->ws, &y, err);
    if (st)
        return st;
    if (y <= 0)
        return povatlas_workspace_require(b->ws, 0, 0, err)
                   ? POVATLAS_E_INPUT
                   : povatlas_error_set(err, POVATLAS_E_INPUT,
                                        "the workspace holds no review year");
    b->year = y;
    int has = 0;
    st = povatlas_workspace_has_list(b->ws, y - 1, NULL, &has, err);
    b->year0 = has ? y - 1 : 0;
    return st ? st : povatlas_workspace_is_synthetic(b->ws, &b->synthetic, err);
}

static povatlas_status build(briefing *b, povatlas_error **err)
{
    /* the coverage and priority maps read what the pipeline (or the
     * coverage and priority commands) stored: the briefing writes nothing
     * to the workspace */
    povatlas_status st = years_of(b, err);
    if (st)
        return st;
    povatlas_error *why = NULL;
    povatlas_map_shapes *s =
        povatlas_map_shapes_new(b->ws, b->year, 800, b->o->simplify_m, &why);
    if (s == NULL)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_GEOM);
    g_autoptr(GHashTable) patterns = g_hash_table_new(NULL, NULL);
    GString *data = g_string_new(NULL);
    g_string_append_printf(data, "{\"year\":%d,\"yearword\":", b->year);
    briefing_json_str(data, BT(b, "Năm", "Year"));
    g_string_append(data, ",\"nomap\":");
    briefing_json_str(data, BT(b, "Không có bản đồ này cho năm đã chọn",
                               "No such map for the chosen year"));
    g_string_append(data, ",\"names\":[");
    for (size_t i = 0; i < s->n; i++) {
        if (i)
            g_string_append_c(data, ',');
        briefing_json_str(data, s->names[i]);
    }
    g_string_append(data, "],");
    st = maps_json(b, data, patterns, err);
    if (!st) {
        g_string_append_c(data, ',');
        facts_json(b, data, s);
        g_string_append_c(data, '}');
        st = povatlas_workspace_get_place(b->ws, b->lang, &b->place, err);
    }
    if (!st) {
        briefing_html_head(b);
        header(b);
        st = cover(b, err);
    }
    if (!st)
        map_section(b, s, patterns);
    if (!st) {
        g_string_append(b->out, "<section id=\"gaps\">\n");
        st = briefing_html_gaps(b, err);
        g_string_append(b->out, "</section>\n");
    }
    if (!st)
        st = reports(b, err);
    if (!st && b->error) { /* a failed read is never "not stored" */
        st = b->error->code;
        povatlas_error_propagate(err, b->error);
        b->error = NULL;
    }
    if (!st)
        footer(b, data);
    g_string_free(data, TRUE);
    povatlas_map_shapes_free(s);
    return st;
}

povatlas_status povatlas_briefing_write(povatlas_workspace *ws,
                                        const povatlas_briefing_opts *opts,
                                        const char *path, povatlas_error **err)
{
    povatlas_briefing_opts o;
    povatlas_briefing_opts_init(&o);
    if (opts)
        o = *opts;
    if (!o.overwrite && g_file_test(path, G_FILE_TEST_EXISTS))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "'%s': the file exists; not overwritten",
                                  path);
    if (o.min_households < 0 || !(o.simplify_m >= 0))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "min_households and simplify_m must not "
                                  "be negative");
    briefing b = {0};
    b.ws = ws;
    b.o = &o;
    b.en = g_strcmp0(o.lang, "en") == 0;
    b.lang = b.en ? "en" : "vi";
    b.out = g_string_new(NULL);
    b.first_fill =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    b.fact_labels =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    b.fact_label_list = g_ptr_array_new_with_free_func(g_free);
    povatlas_status st = build(&b, err);
    povatlas_tempfile tf;
    if (!st)
        st = povatlas_tempfile_begin(&tf, path, err);
    if (!st) {
        povatlas_tempfile_write(&tf, b.out->str, b.out->len);
        st = povatlas_tempfile_commit(&tf, err);
    }
    g_string_free(b.out, TRUE);
    g_free(b.place);
    g_free(b.source_note);
    g_free(b.boundary_note);
    g_hash_table_destroy(b.first_fill);
    g_hash_table_destroy(b.fact_labels);
    g_ptr_array_unref(b.fact_label_list);
    if (b.first_legend)
        g_string_free(b.first_legend, TRUE);
    g_free(b.first_title);
    povatlas_error_free(b.error);
    return st;
}
