/*
 * map_workspace.c - maps of workspace indicators: reads the indicators a
 * map type needs, gathers units, context layers and map texts, lets
 * map_types.c put the units in classes, and hands everything to the
 * renderer. Texts say when data is synthetic and boundaries schematic
 * (read from the workspace's meta table).
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/maps.h"
#include "povatlas/spatial.h"
#include "render/render_private.h"

void povatlas_indicator_map_opts_init(povatlas_indicator_map_opts *o)
{
    *o = (povatlas_indicator_map_opts){0};
    o->method = POVATLAS_CLASSES_METHOD;
    o->n_classes = POVATLAS_CLASSES_COUNT;
    o->lang = "vi";
    o->width_px = 1600;
    o->height_px = 1200;
    o->dpi = 150;
    o->indicator2 = "coverage";
    o->min_households = POVATLAS_MIN_HOUSEHOLDS;
    o->seed = 2023;
    o->locator_inset = 1;
}

static const char *const TYPE_NAMES[] = {"choropleth", "change",  "zone",
                                         "zone-gap",   "symbols", "dots",
                                         "bivariate",  "lisa"};

int povatlas_map_type_parse(const char *name, povatlas_map_type *out)
{
    for (size_t i = 0; name && i < G_N_ELEMENTS(TYPE_NAMES); i++)
        if (strcmp(name, TYPE_NAMES[i]) == 0) {
            *out = (povatlas_map_type)i;
            return 1;
        }
    return 0;
}

/* Texts of the indicators povatlas knows, in both languages. */
static const struct {
    const char *name, *vi, *en, *suffix;
    int decimals;
} INDICATOR_TEXT[] = {
    {POVATLAS_IND_POOR_RATE, "Tỷ lệ hộ nghèo", "Poor-household rate", " %", 2},
    {POVATLAS_IND_NEAR_POOR_RATE, "Tỷ lệ hộ cận nghèo",
     "Near-poor household rate", " %", 2},
    {POVATLAS_IND_POOR_NEAR_POOR_RATE, "Tỷ lệ hộ nghèo và cận nghèo",
     "Poor and near-poor household rate", " %", 2},
    {POVATLAS_IND_POOR, "Số hộ nghèo", "Poor households", NULL, 0},
    {POVATLAS_IND_NEAR_POOR, "Số hộ cận nghèo", "Near-poor households", NULL,
     0},
    {POVATLAS_IND_POOR_PER_KM2, "Mật độ hộ nghèo (hộ/km²)",
     "Poor households per km²", NULL, 1},
    {POVATLAS_IND_NEAR_POOR_PER_KM2, "Mật độ hộ cận nghèo (hộ/km²)",
     "Near-poor households per km²", NULL, 1},
    {POVATLAS_IND_PEOPLE_PER_KM2, "Mật độ dân số (người/km²)", "People per km²",
     NULL, 0},
};

static int indicator_text(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(INDICATOR_TEXT); i++)
        if (strcmp(INDICATOR_TEXT[i].name, name) == 0)
            return (int)i;
    return -1;
}

typedef struct map_texts {
    char *title, *subtitle, *legend, *source, *boundary;
} map_texts;

static void make_texts(const povatlas_maps_job *j, const char *what,
                       map_texts *t)
{
    const povatlas_indicator_map_opts *o = j->o;
    int year = j->year;
    gboolean synthetic = j->synthetic;
    gboolean en = g_strcmp0(o->lang, "en") == 0;
    if (o->title)
        t->title = g_strdup(o->title);
    else if (j->title_has_year) /* "… 2022–2023": no second year */
        t->title =
            g_strdup_printf(en ? "%s by ward" : "%s theo phường, xã", what);
    else
        t->title = g_strdup_printf(
            en ? "%s by ward, %d" : "%s theo phường, xã — năm %d", what, year);
    t->subtitle = g_strdup(j->place);
    t->legend = NULL;
    const char *std = en ? "Standard: Decree 07/2021/NĐ-CP"
                         : "Chuẩn nghèo theo Nghị định 07/2021/NĐ-CP";
    const char *base = en ? "rate = households of the class ÷ all "
                            "households of the ward"
                          : "tỷ lệ = số hộ ÷ tổng số hộ của phường, xã";
    /* the date a reader needs is the review's, not the drawing's (same
     * inputs must give the same bytes) */
    gboolean lead = synthetic && !j->slide_note;
    t->source = g_strdup_printf(
        en ? "%s%sReview of %d (end of year). %s; %s.%s%s"
           : "%s%sSố liệu rà soát năm %d (cuối năm). %s; %s.%s%s",
        lead ? povatlas_synthetic_note(o->lang) : "", lead ? ". " : "", year,
        std, base, j->slide_note ? "" : " povatlas ",
        j->slide_note ? "" : povatlas_version());
    if (j->schematic)
        t->boundary = g_strdup(en ? "Schematic boundaries — not official "
                                    "boundaries"
                                  : "Ranh giới sơ đồ — không phải ranh "
                                    "giới chính thức");
}

static povatlas_map_context_role context_role(const char *role)
{
    if (strcmp(role, "sea") == 0)
        return POVATLAS_CONTEXT_SEA;
    if (strcmp(role, "land") == 0)
        return POVATLAS_CONTEXT_LAND;
    if (strcmp(role, "coastline") == 0)
        return POVATLAS_CONTEXT_COASTLINE;
    return POVATLAS_CONTEXT_OUTLINE;
}

povatlas_map_context *povatlas_maps_context(povatlas_workspace *ws,
                                            povatlas_context_list **list,
                                            povatlas_error **err)
{
    povatlas_context_list *ctx = povatlas_workspace_context(ws, err);
    *list = ctx;
    if (!ctx)
        return NULL;
    povatlas_map_context *c = g_new0(povatlas_map_context, ctx->n + 1);
    for (size_t i = 0; i < ctx->n; i++)
        c[i] = (povatlas_map_context){context_role(ctx->rows[i].role),
                                      ctx->rows[i].wkb, ctx->rows[i].wkb_size,
                                      ctx->rows[i].name};
    return c;
}

/* ---- the job ----------------------------------------------------------- */

/* The inputs an indicator is computed from, as povatlas_input bits. */
static unsigned inputs_of(const char *name)
{
    static const struct {
        const char *name;
        unsigned needs;
    } N[] = {{POVATLAS_IND_HOUSEHOLDS, POVATLAS_INPUT_WARD_TOTALS},
             {POVATLAS_IND_POOR, POVATLAS_INPUT_LIST},
             {POVATLAS_IND_NEAR_POOR, POVATLAS_INPUT_LIST},
             {"coverage", POVATLAS_INPUT_ACTIVITIES},
             {"coverage_gap", POVATLAS_INPUT_ACTIVITIES},
             {"budget_per_poor_vnd", POVATLAS_INPUT_ACTIVITIES}};
    for (size_t i = 0; i < G_N_ELEMENTS(N); i++)
        if (strcmp(N[i].name, name) == 0)
            return N[i].needs;
    return POVATLAS_INPUT_LIST | POVATLAS_INPUT_WARD_TOTALS;
}

/* An indicator without a value anywhere: name the input the year lacks,
 * or say it was not computed when every input is there. */
static povatlas_status no_value(const povatlas_maps_job *j, const char *name,
                                povatlas_error **err)
{
    povatlas_error *why = NULL;
    if (povatlas_workspace_require(j->ws, j->year, inputs_of(name), &why)) {
        povatlas_status st = povatlas_error_set(
            err, POVATLAS_E_INPUT, "indicator '%s' has no value in %d: %s",
            name, j->year, why ? why->message : "input missing");
        povatlas_error_free(why);
        return st;
    }
    return povatlas_error_set(err, POVATLAS_E_INPUT,
                              "indicator '%s' has no value in %d: it was not "
                              "computed for that year",
                              name, j->year);
}

povatlas_status povatlas_maps_load(povatlas_maps_job *j,
                                   const char *const *names, size_t n,
                                   povatlas_error **err)
{
    /* the stamp must not be lost to a failed read, nor the map's texts */
    g_autofree char *schematic = NULL;
    povatlas_status st =
        povatlas_workspace_is_synthetic(j->ws, &j->synthetic, err);
    if (!st)
        st = povatlas_workspace_get_meta(j->ws, "schematic_boundaries",
                                         &schematic, err);
    g_clear_pointer(&j->place, g_free);
    if (!st)
        st = povatlas_workspace_get_place(j->ws, j->o->lang, &j->place, err);
    if (st)
        return st;
    j->schematic = g_strcmp0(schematic, "1") == 0;
    povatlas_error *why = NULL;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(j->ws, j->year, names, n, &why);
    if (!t)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    j->t = t;
    if (t->units->n == 0 &&
        !povatlas_workspace_require(
            j->ws, j->year, POVATLAS_INPUT_UNITS | POVATLAS_INPUT_BOUNDARIES,
            err))
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no units with boundaries for %d", j->year);
    if (t->units->n == 0)
        return POVATLAS_E_INPUT;
    for (size_t k = 0; k < n; k++) {
        size_t defined = 0;
        for (size_t i = 0; i < t->units->n; i++)
            defined += t->defined[i * n + k];
        /* household totals only matter for small-cell suppression */
        if (defined == 0 && j->o->min_households <= 0 &&
            strcmp(names[k], POVATLAS_IND_HOUSEHOLDS) == 0)
            continue;
        if (defined == 0 && !j->allow_empty)
            return no_value(j, names[k], err);
    }
    size_t nu = t->units->n;
    j->features = g_new0(povatlas_map_feature, nu + 1);
    j->cls = g_new0(int, nu + 1);
    j->counts = g_new0(double, nu + 1);
    for (size_t i = 0; i < nu; i++) {
        const povatlas_unit_row *u = &t->units->rows[i];
        j->features[i] = (povatlas_map_feature){
            u->code,          u->name,           u->wkb, u->wkb_size,
            t->values[i * n], t->defined[i * n], NULL};
        j->cls[i] = -1;
        j->counts[i] = NAN;
    }
    return POVATLAS_OK;
}

int povatlas_maps_value(const povatlas_maps_job *j, size_t i, size_t k,
                        double *out)
{
    size_t n = j->t->n_names;
    if (!j->t->defined[i * n + k])
        return 0;
    *out = j->t->values[i * n + k];
    return 1;
}

const char *povatlas_maps_keep(povatlas_maps_job *j, char *s)
{
    if (j->strings == NULL)
        j->strings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(j->strings, s);
    return s;
}

int povatlas_maps_add_class(povatlas_maps_job *j, unsigned int rgb,
                            povatlas_map_fill fill, const char *label)
{
    if (j->n_classes >= POVATLAS_RENDER_MAX_CLASSES)
        return j->n_classes - 1;
    j->classes[j->n_classes] =
        (povatlas_map_class){rgb, fill, povatlas_maps_keep(j, g_strdup(label))};
    return j->n_classes++;
}

const char *povatlas_maps_num(povatlas_maps_job *j, double v, int decimals,
                              const char *suffix)
{
    char *s = povatlas_format_number(v, decimals, j->en ? "en" : "vi");
    char *out = g_strdup_printf("%s%s", s ? s : "?", suffix ? suffix : "");
    free(s);
    return povatlas_maps_keep(j, out);
}

void povatlas_maps_job_clear(povatlas_maps_job *j)
{
    povatlas_indicator_table_free(j->t);
    g_free(j->features);
    g_free(j->cls);
    g_free(j->counts);
    g_free(j->legend_title);
    g_free(j->legend_note);
    g_free(j->title_what);
    g_free(j->place);
    if (j->strings)
        g_ptr_array_unref(j->strings);
    memset(j, 0, sizeof(*j));
}

/* Legend texts of an indicator povatlas knows, else its name. */
const char *povatlas_maps_indicator_text(const char *name, int en,
                                         const char **suffix, int *decimals)
{
    int k = indicator_text(name);
    if (suffix)
        *suffix = k >= 0 ? INDICATOR_TEXT[k].suffix : NULL;
    if (decimals)
        *decimals = k >= 0 ? INDICATOR_TEXT[k].decimals : 2;
    return k >= 0 ? (en ? INDICATOR_TEXT[k].en : INDICATOR_TEXT[k].vi) : name;
}

static map_texts *job_texts(povatlas_maps_job *j)
{
    map_texts *tx = g_new0(map_texts, 1);
    make_texts(j, j->title_what ? j->title_what : "", tx);
    povatlas_maps_keep(j, tx->title);
    povatlas_maps_keep(j, tx->subtitle);
    povatlas_maps_keep(j, tx->source);
    povatlas_maps_keep(j, tx->boundary);
    povatlas_maps_keep(j, (char *)tx);
    return tx;
}

void povatlas_maps_render_opts(povatlas_maps_job *j, povatlas_map_opts *mo)
{
    const map_texts *tx = job_texts(j);
    povatlas_map_opts_init(mo);
    mo->title = tx->title;
    mo->subtitle = tx->subtitle;
    mo->legend_title = j->legend_title;
    mo->legend_note = j->legend_note;
    mo->source_note = tx->source;
    mo->boundary_note = tx->boundary;
    mo->style_path = j->o->style_path;
    mo->lang = j->en ? "en" : "vi";
    mo->width_px = j->o->width_px;
    mo->height_px = j->o->height_px;
    mo->dpi = j->o->dpi;
    mo->locator_inset = j->o->locator_inset;
    mo->banner = j->synthetic ? povatlas_synthetic_note(mo->lang) : NULL;
    mo->legend_skip_empty = j->o->type == POVATLAS_MAP_CHANGE;
    if (j->o->type == POVATLAS_MAP_BIVARIATE) {
        mo->legend_grid = 3;
        mo->grid_rows = j->grid_rows;
        mo->grid_cols = j->grid_cols;
    }
}

static povatlas_status classify_type(povatlas_maps_job *j, povatlas_error **err)
{
    switch (j->o->type) {
    case POVATLAS_MAP_CHANGE:
        return povatlas_maps_change(j, err);
    case POVATLAS_MAP_ZONE:
        return povatlas_maps_zone(j, err);
    case POVATLAS_MAP_SYMBOLS:
        return povatlas_maps_symbols(j, err);
    case POVATLAS_MAP_DOTS:
        return povatlas_maps_dots(j, err);
    case POVATLAS_MAP_BIVARIATE:
        return povatlas_maps_bivariate(j, err);
    case POVATLAS_MAP_LISA:
        return povatlas_maps_lisa(j, err);
    case POVATLAS_MAP_ZONE_GAP:
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "zone-gap is a chart: use "
                                  "povatlas_map_zone_gap()");
    case POVATLAS_MAP_CHOROPLETH:
    default:
        return povatlas_maps_choropleth(j, err);
    }
}

/* A grayscale style (print-gray) draws every class in a grey of its own:
 * classes of a scale keep their order, categories (zones, clusters,
 * bivariate cells) keep the order of their colours' lightness. */
static povatlas_status grey_classes(povatlas_maps_job *j, povatlas_error **err)
{
    if (j->o->style_path == NULL || j->n_classes == 0)
        return POVATLAS_OK;
    povatlas_render_style s;
    povatlas_status st =
        povatlas_render_style_load(&s, j->o->style_path, NULL, 1, err);
    if (st)
        return st;
    int grey = s.grayscale;
    povatlas_render_style_clear(&s);
    if (!grey)
        return POVATLAS_OK;
    povatlas_map_type t = j->o->type;
    int ordered = t == POVATLAS_MAP_CHOROPLETH || t == POVATLAS_MAP_CHANGE ||
                  t == POVATLAS_MAP_SYMBOLS || t == POVATLAS_MAP_DOTS;
    unsigned int rgb[POVATLAS_RENDER_MAX_CLASSES];
    for (int i = 0; i < j->n_classes; i++)
        rgb[i] = j->classes[i].rgb;
    povatlas_render_grey_classes(rgb, j->n_classes, ordered);
    for (int i = 0; i < j->n_classes; i++)
        j->classes[i].rgb = rgb[i];
    if (j->symbols.kind != POVATLAS_SYMBOLS_NONE)
        j->symbols.rgb = 0x262626;
    if (t == POVATLAS_MAP_CHANGE && j->n_classes == 7) {
        /* one grey ramp from the largest fall to the largest rise would
         * not show which side of zero a ward is on: the rises (classes
         * after "no change") are hatched as well, and the note says so
         * instead of naming colours */
        int up = 0, down = 0;
        for (size_t i = 0; i < j->t->units->n; i++) {
            up += j->cls[i] >= 4 && j->cls[i] < 7;
            down += j->cls[i] >= 0 && j->cls[i] < 3;
        }
        for (int i = 4; i < 7; i++)
            j->classes[i].fill = POVATLAS_FILL_HATCHED;
        g_free(j->legend_note);
        j->legend_note = g_strdup(
            !up     ? (j->en ? "Light: fewer poor; no ward has more poor"
                             : "Nhạt: giảm nghèo; không phường, xã nào tăng "
                               "nghèo")
            : !down ? (j->en ? "Dark and hatched: more poor; no ward has fewer"
                             : "Đậm, có gạch chéo: tăng nghèo; không phường, "
                               "xã nào giảm nghèo")
                    : (j->en ? "Light: fewer poor; dark and hatched: more poor"
                             : "Nhạt: giảm nghèo; đậm, có gạch chéo: tăng "
                               "nghèo"));
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_maps_classify(povatlas_maps_job *j,
                                       povatlas_error **err)
{
    povatlas_status st = classify_type(j, err);
    return st ? st : grey_classes(j, err);
}

povatlas_status povatlas_map_indicator(povatlas_workspace *ws,
                                       const povatlas_indicator_map_opts *opts,
                                       const char *path,
                                       povatlas_map_layout **layout,
                                       povatlas_error **err)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    if (opts)
        o = *opts;
    if (!o.indicator) /* the type's own */
        o.indicator = o.type == POVATLAS_MAP_LISA ? POVATLAS_IND_LISA_CATEGORY
                                                  : POVATLAS_IND_POOR_RATE;
    if (o.type == POVATLAS_MAP_ZONE_GAP)
        return povatlas_map_zone_gap(ws, &o, path, err);
    povatlas_maps_job j = {0};
    j.ws = ws;
    j.o = &o;
    j.year = o.year;
    j.en = g_strcmp0(o.lang, "en") == 0;
    povatlas_status st =
        j.year ? POVATLAS_OK : povatlas_workspace_latest_year(ws, &j.year, err);
    if (!st && j.year <= 0)
        st = povatlas_workspace_require(ws, 0, 0, err);
    if (!st)
        st = povatlas_maps_classify(&j, err);
    povatlas_context_list *list = NULL;
    povatlas_error *ctx_err = NULL;
    g_autofree povatlas_map_context *ctx =
        st ? NULL : povatlas_maps_context(ws, &list, &ctx_err);
    if (!st && !ctx)
        st = povatlas_error_propagate_or(err, ctx_err, POVATLAS_E_DB);
    if (!st) {
        povatlas_map_opts mo;
        povatlas_maps_render_opts(&j, &mo);
        const povatlas_map_symbols *sy =
            j.symbols.kind != POVATLAS_SYMBOLS_NONE ? &j.symbols : NULL;
        st = povatlas_map_render_classes(j.features, j.t->units->n, ctx,
                                         list->n, j.classes, j.n_classes, j.cls,
                                         sy, &mo, path, layout, err);
    }
    povatlas_context_list_free(list);
    povatlas_maps_job_clear(&j);
    return st;
}
