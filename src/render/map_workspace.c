/*
 * map_workspace.c - a choropleth of one workspace indicator: gathers the
 * units, values, context layers and map texts, computes the class breaks
 * and hands everything to the renderer. Texts say when data is synthetic
 * and boundaries schematic (read from the workspace's meta table).
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/analysis.h"
#include "povatlas/core.h"
#include "povatlas/export.h"
#include "povatlas/maps.h"

void povatlas_indicator_map_opts_init(povatlas_indicator_map_opts *o)
{
    *o = (povatlas_indicator_map_opts){0};
    o->indicator = POVATLAS_IND_POOR_RATE;
    o->method = POVATLAS_BREAKS_FISHER;
    o->n_classes = 5;
    o->lang = "vi";
    o->width_px = 1600;
    o->height_px = 1200;
    o->dpi = 150;
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
    {POVATLAS_IND_PEOPLE_PER_KM2, "Mật độ dân số (người/km²)",
     "People per km²", NULL, 0},
};

static int indicator_text(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(INDICATOR_TEXT); i++)
        if (strcmp(INDICATOR_TEXT[i].name, name) == 0)
            return (int)i;
    return -1;
}

static gboolean meta_is(povatlas_workspace *ws, const char *key)
{
    g_autofree char *v = povatlas_workspace_get_meta(ws, key);
    return g_strcmp0(v, "1") == 0;
}

typedef struct map_texts {
    char *title, *subtitle, *legend, *source, *boundary;
} map_texts;

static void map_texts_clear(map_texts *t)
{
    g_free(t->title);
    g_free(t->subtitle);
    g_free(t->legend);
    g_free(t->source);
    g_free(t->boundary);
}

static void make_texts(povatlas_workspace *ws,
                       const povatlas_indicator_map_opts *o, int year,
                       map_texts *t)
{
    gboolean en = g_strcmp0(o->lang, "en") == 0;
    int k = indicator_text(o->indicator);
    const char *what = k >= 0 ? (en ? INDICATOR_TEXT[k].en
                                    : INDICATOR_TEXT[k].vi)
                              : o->indicator;
    t->title = o->title ? g_strdup(o->title)
               : en     ? g_strdup_printf("%s by ward, %d", what, year)
                        : g_strdup_printf("%s theo phường, xã — năm %d",
                                          what, year);
    g_autofree char *area = povatlas_workspace_get_meta(ws, "area_name");
    g_autofree char *area_en = povatlas_workspace_get_meta(ws, "area_name_en");
    t->subtitle = g_strdup(en && area_en ? area_en : area);
    t->legend = g_strdup(what);
    gboolean synthetic = meta_is(ws, "synthetic");
    const char *std = en ? "Standard: Decree 07/2021/NĐ-CP"
                         : "Chuẩn nghèo theo Nghị định 07/2021/NĐ-CP";
    const char *base = en ? "rate = households of the class ÷ all "
                            "households of the ward"
                          : "tỷ lệ = số hộ ÷ tổng số hộ của phường, xã";
    t->source = g_strdup_printf(
        "%s%s; %s. povatlas %s",
        synthetic ? (en ? "SYNTHETIC DATA — not real households. "
                        : "DỮ LIỆU GIẢ LẬP — không phải số liệu thật. ")
                  : "",
        std, base, povatlas_version());
    if (meta_is(ws, "schematic_boundaries"))
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

static povatlas_status draw(povatlas_workspace *ws,
                            const povatlas_indicator_map_opts *o, int year,
                            const povatlas_indicator_table *t,
                            const povatlas_breaks *breaks, const char *path,
                            povatlas_map_layout **layout, povatlas_error **err)
{
    size_t n = t->units->n;
    g_autofree povatlas_map_feature *f = g_new0(povatlas_map_feature, n + 1);
    for (size_t i = 0; i < n; i++) {
        const povatlas_unit_row *u = &t->units->rows[i];
        f[i] = (povatlas_map_feature){u->code,     u->name, u->wkb,
                                      u->wkb_size, t->values[i],
                                      t->defined[i]};
    }
    povatlas_context_list *ctx = povatlas_workspace_context(ws, err);
    if (!ctx)
        return POVATLAS_E_DB;
    g_autofree povatlas_map_context *c =
        g_new0(povatlas_map_context, ctx->n + 1);
    for (size_t i = 0; i < ctx->n; i++)
        c[i] = (povatlas_map_context){context_role(ctx->rows[i].role),
                                      ctx->rows[i].wkb, ctx->rows[i].wkb_size,
                                      ctx->rows[i].name};
    map_texts tx = {0};
    make_texts(ws, o, year, &tx);
    int k = indicator_text(o->indicator);
    povatlas_map_opts mo;
    povatlas_map_opts_init(&mo);
    mo.title = tx.title;
    mo.subtitle = tx.subtitle;
    mo.legend_title = tx.legend;
    mo.source_note = tx.source;
    mo.boundary_note = tx.boundary;
    mo.style_path = o->style_path;
    mo.lang = o->lang;
    mo.width_px = o->width_px;
    mo.height_px = o->height_px;
    mo.dpi = o->dpi;
    mo.value_decimals = k >= 0 ? INDICATOR_TEXT[k].decimals : 2;
    mo.value_suffix = k >= 0 ? INDICATOR_TEXT[k].suffix : NULL;
    povatlas_status st = povatlas_map_render_choropleth(
        f, n, c, ctx->n, breaks, &mo, path, layout, err);
    map_texts_clear(&tx);
    povatlas_context_list_free(ctx);
    return st;
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
    int year = o.year ? o.year : povatlas_latest_year(ws);
    const char *names[] = {o.indicator};
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, year, names, 1, err);
    if (!t)
        return POVATLAS_E_DB;
    povatlas_status st = POVATLAS_OK;
    if (t->units->n == 0)
        st = povatlas_error_set(err, POVATLAS_E_INPUT,
                                "no units with boundaries for %d", year);
    size_t n_defined = 0;
    for (size_t i = 0; i < t->units->n; i++)
        n_defined += t->defined[i];
    if (!st && n_defined == 0)
        st = povatlas_error_set(err, POVATLAS_E_INPUT,
                                "indicator '%s' has no value in %d (run "
                                "'povatlas analyze' first?)",
                                o.indicator, year);
    povatlas_breaks *b = NULL;
    if (!st) {
        b = povatlas_breaks_compute(t->values, t->units->n, o.method,
                                    o.n_classes, NULL, 0, err);
        st = b ? POVATLAS_OK : POVATLAS_E_INPUT;
    }
    if (!st)
        st = draw(ws, &o, year, t, b, path, layout, err);
    povatlas_breaks_free(b);
    povatlas_indicator_table_free(t);
    return st;
}
