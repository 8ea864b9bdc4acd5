/*
 * workspace_stats.c - spatial statistics of the workspace's wards for one
 * review year, stored as indicators: LISA category and pseudo p, G_i* z,
 * EB-smoothed rates, and Moran's I with its pseudo p for the whole city.
 * The statistics themselves come from povatlas_spatial_compute(); this
 * file reads the year's units and rates and writes the results back.
 * Undefined statistics (a constant rate, too few wards with neighbours)
 * are stored as NULL with a note in meta, never as a failed analyze.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "povatlas/analysis.h"
#include "povatlas/spatial.h"

/* Per-unit inputs read from the year's indicators, geometry in metres. */
typedef struct ward_inputs {
    povatlas_indicator_table *table;
    unsigned char **wkb; /* n, g_free each */
    size_t *wkb_size;
    double *x, *poor, *households;
    const char **ids;
    char *crs;
} ward_inputs;

static void ward_inputs_clear(ward_inputs *w)
{
    size_t n = w->table ? w->table->units->n : 0;
    for (size_t i = 0; w->wkb && i < n; i++)
        g_free(w->wkb[i]);
    g_free(w->wkb);
    g_free(w->wkb_size);
    g_free(w->x);
    g_free(w->poor);
    g_free(w->households);
    g_free(w->ids);
    g_free(w->crs);
    povatlas_indicator_table_free(w->table);
}

static double cell(const povatlas_indicator_table *t, size_t i, size_t j)
{
    size_t k = i * t->n_names + j;
    return t->defined[k] ? t->values[k] : NAN;
}

static povatlas_status read_inputs(povatlas_workspace *ws, int year,
                                   ward_inputs *w, povatlas_error **err)
{
    static const char *const names[] = {
        POVATLAS_IND_POOR_RATE, POVATLAS_IND_POOR, POVATLAS_IND_HOUSEHOLDS};
    *w = (ward_inputs){0};
    povatlas_error *why = NULL;
    /* the values first: without a unit to analyse (no rates: no ward
     * statistics) the polygons are not read at all */
    w->table = povatlas_workspace_indicator_values(ws, year, names, 3, &why);
    if (!w->table)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    int any = 0;
    for (size_t i = 0; !any && i < w->table->units->n; i++)
        any = isfinite(cell(w->table, i, 0)) &&
              isfinite(cell(w->table, i, 1)) && cell(w->table, i, 1) >= 0 &&
              cell(w->table, i, 2) > 0;
    if (any) {
        povatlas_indicator_table_free(w->table);
        w->table = povatlas_workspace_indicator_table(ws, year, names, 3, &why);
        if (!w->table)
            return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    const povatlas_unit_list *u = w->table->units;
    size_t n = u->n;
    const unsigned char **src =
        povatlas_try_calloc(n + 1, sizeof(const unsigned char *));
    size_t *src_size = povatlas_try_calloc(n + 1, sizeof(size_t));
    w->wkb = povatlas_try_calloc(n + 1, sizeof(unsigned char *));
    w->wkb_size = povatlas_try_calloc(n + 1, sizeof(size_t));
    w->x = povatlas_try_calloc(n + 1, sizeof(double));
    w->poor = povatlas_try_calloc(n + 1, sizeof(double));
    w->households = povatlas_try_calloc(n + 1, sizeof(double));
    w->ids = povatlas_try_calloc(n + 1, sizeof(const char *));
    if (!src || !src_size || !w->wkb || !w->wkb_size || !w->x || !w->poor ||
        !w->households || !w->ids) {
        g_free(src);
        g_free(src_size);
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the wards' inputs");
    }
    size_t usable = 0;
    for (size_t i = 0; i < n; i++) {
        src[i] = u->rows[i].wkb;
        src_size[i] = u->rows[i].wkb_size;
        w->ids[i] = u->rows[i].code;
        w->x[i] = cell(w->table, i, 0);
        w->poor[i] = cell(w->table, i, 1);
        w->households[i] = cell(w->table, i, 2);
        /* what povatlas_spatial_compute() analyses */
        usable += src[i] && isfinite(w->x[i]) && isfinite(w->poor[i]) &&
                  w->poor[i] >= 0 && w->households[i] > 0;
    }
    /* boundaries are stored in EPSG:4326; weights need metres. Without a
     * single unit to analyse (no rates: no ward statistics) nothing is
     * projected: 3 M vertices at national scale, for no statistic. */
    povatlas_status st =
        usable
            ? povatlas_spatial_project_wkb(src, src_size, n, "EPSG:4326", NULL,
                                           w->wkb, w->wkb_size, &w->crs, err)
            : POVATLAS_OK;
    g_free(src);
    g_free(src_size);
    return st;
}

typedef struct put_ctx {
    povatlas_workspace *ws;
    int year;
    povatlas_status st;
    povatlas_error **err;
} put_ctx;

static void put(put_ctx *c, const char *code, const char *name, double v)
{
    if (!c->st)
        c->st = povatlas_workspace_put_indicator(c->ws, code, c->year, name,
                                                 isfinite(v) ? v : 0,
                                                 isfinite(v), c->err);
}

static void store_unit(put_ctx *c, const povatlas_spatial_result *r, size_t i)
{
    const char *code = r->ids[i];
    int cat = r->lisa ? r->lisa[i] : -1;
    /* an island is never tested: NULL, not "not significant" */
    int tested =
        cat >= POVATLAS_LISA_NOT_SIGNIFICANT && cat <= POVATLAS_LISA_HIGH_LOW;
    put(c, code, POVATLAS_IND_LISA_CATEGORY, tested ? (double)cat : NAN);
    put(c, code, POVATLAS_IND_LISA_P, tested ? r->p_sim[i] : NAN);
    put(c, code, POVATLAS_IND_GISTAR_Z, r->local->gistar_z[i]);
    /* percent, like poor_rate */
    put(c, code, POVATLAS_IND_EB_RATE,
        r->eb_global ? 100 * r->eb_global[i] : NAN);
    put(c, code, POVATLAS_IND_EB_LOCAL_RATE,
        r->eb_local ? 100 * r->eb_local[i] : NAN);
}

static const char *const UNIT_NAMES[] = {
    POVATLAS_IND_LISA_CATEGORY, POVATLAS_IND_LISA_P, POVATLAS_IND_GISTAR_Z,
    POVATLAS_IND_EB_RATE, POVATLAS_IND_EB_LOCAL_RATE};

static povatlas_status store_nulls(povatlas_workspace *ws, int year,
                                   const ward_inputs *w, const char *why,
                                   povatlas_error **err)
{
    put_ctx c = {ws, year, POVATLAS_OK, err};
    for (size_t i = 0; w->table && i < w->table->units->n; i++)
        for (size_t j = 0; j < G_N_ELEMENTS(UNIT_NAMES); j++)
            put(&c, w->ids[i], UNIT_NAMES[j], NAN);
    put(&c, POVATLAS_SCOPE_ALL, POVATLAS_IND_MORAN_I, NAN);
    put(&c, POVATLAS_SCOPE_ALL, POVATLAS_IND_MORAN_P, NAN);
    if (!c.st)
        c.st = povatlas_workspace_set_meta(ws, POVATLAS_META_SPATIAL_NOTE, why,
                                           err);
    return c.st;
}

static povatlas_status store_result(povatlas_workspace *ws, int year,
                                    const povatlas_spatial_result *r,
                                    povatlas_error **err)
{
    put_ctx c = {ws, year, POVATLAS_OK, err};
    for (size_t i = 0; i < r->n; i++)
        store_unit(&c, r, i);
    put(&c, POVATLAS_SCOPE_ALL, POVATLAS_IND_MORAN_I, r->global.moran_i);
    put(&c, POVATLAS_SCOPE_ALL, POVATLAS_IND_MORAN_P,
        r->has_permutations ? r->global_perm.p_folded : NAN);
    if (!c.st)
        c.st = povatlas_workspace_set_meta(ws, POVATLAS_META_SPATIAL_NOTE,
                                           r->caveat ? r->caveat : "", err);
    return c.st;
}

povatlas_status povatlas_workspace_spatial_stats(povatlas_workspace *ws,
                                                 int year, povatlas_error **err)
{
    ward_inputs w;
    povatlas_error *why = NULL;
    povatlas_status st = read_inputs(ws, year, &w, &why);
    if (st) {
        /* a boundary PROJ cannot project leaves the statistics undefined;
         * a workspace failure fails the analyze */
        if (st == POVATLAS_E_GEOM)
            st = store_nulls(ws, year, &w, why->message, err);
        else
            povatlas_error_propagate(err, g_steal_pointer(&why));
        povatlas_error_free(why);
        ward_inputs_clear(&w);
        return st;
    }
    povatlas_spatial_opts o;
    povatlas_spatial_opts_init(&o); /* queen, snap 50 m, alpha 0.05, seed 1 */
    o.permutations = 999;
    povatlas_spatial_input in = {
        .n = w.table->units->n,
        .ids = w.ids,
        .x = w.x,
        .events = w.poor,
        .population = w.households,
        .wkb = (const unsigned char *const *)w.wkb,
        .wkb_size = w.wkb_size,
        .crs = w.crs,
    };
    povatlas_spatial_result *r =
        in.n ? povatlas_spatial_compute(&in, &o, &why) : NULL;
    if (r)
        st = store_result(ws, year, r, err);
    else if (why && why->code == POVATLAS_E_NOMEM)
        st = povatlas_error_propagate(err, g_steal_pointer(&why));
    else
        st = store_nulls(ws, year, &w,
                         why ? why->message : "no units in the year", err);
    povatlas_error_free(why);
    povatlas_spatial_result_free(r);
    ward_inputs_clear(&w);
    return st;
}
