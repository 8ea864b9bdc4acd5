/*
 * reclassify.c - bringing stored classifications up to date after the
 * standards table changed. Standards are looked up once per (year, area).
 */
#include <glib.h>

#include "povatlas/classify.h"

typedef struct reclassify_ctx {
    povatlas_workspace *ws;
    GHashTable *standards; /* year * 2 + urban -> povatlas_standard * */
} reclassify_ctx;

static const povatlas_standard *standard_for(reclassify_ctx *ctx, int year,
                                             int urban)
{
    gpointer key = GINT_TO_POINTER(year * 2 + (urban ? 1 : 0));
    povatlas_standard *s = g_hash_table_lookup(ctx->standards, key);
    if (s)
        return s->id ? s : NULL;
    s = g_new0(povatlas_standard, 1);
    if (povatlas_workspace_find_standard(ctx->ws, year, urban, s, NULL))
        s->id = 0; /* remembered as missing */
    g_hash_table_insert(ctx->standards, key, s);
    return s->id ? s : NULL;
}

static povatlas_class reclassify_one(const povatlas_household *h, int urban,
                                     void *user_data, int *standard_id)
{
    reclassify_ctx *ctx = user_data;
    const povatlas_standard *s = standard_for(ctx, h->year, urban);
    povatlas_class c = POVATLAS_CLASS_UNKNOWN;
    povatlas_b1_cutoff cut;
    if (s && h->income_per_capita < 0 && h->income_total < 0 &&
        h->b1_score >= 0) {
        if (!povatlas_workspace_find_b1_cutoff(ctx->ws, h->year, urban, &cut))
            return POVATLAS_CLASS_UNKNOWN;
        povatlas_classify_by_score(&cut, h->b1_score, h->n_deprivations,
                                   s->min_deprivations_poor, &c);
        *standard_id = s->id;
        return c;
    }
    if (!s || povatlas_classify_household(s, h->members, h->income_per_capita,
                                          h->income_total, h->n_deprivations,
                                          &c, NULL) != POVATLAS_OK)
        return POVATLAS_CLASS_UNKNOWN;
    *standard_id = s->id;
    return c;
}

/* meta "households_revision": the standards revision every stored
 * household was classified with. Imports classify as they store and keep
 * it current, so classify need not read a million rows back to learn
 * that nothing changed. */
static int64_t households_revision(povatlas_workspace *ws)
{
    g_autofree char *v = povatlas_workspace_get_meta(ws, "households_revision");
    return v ? g_ascii_strtoll(v, NULL, 10) : -1;
}

povatlas_status povatlas_classify_workspace(povatlas_workspace *ws, int year,
                                            int64_t *n_changed,
                                            povatlas_error **err)
{
    int64_t rev = povatlas_workspace_standards_revision(ws);
    if (n_changed)
        *n_changed = 0;
    if (households_revision(ws) == rev)
        return POVATLAS_OK;
    reclassify_ctx ctx = {ws, g_hash_table_new_full(g_direct_hash,
                                                    g_direct_equal, NULL,
                                                    g_free)};
    povatlas_status s = povatlas_workspace_begin(ws, err);
    if (!s)
        s = povatlas_workspace_reclassify(ws, year, reclassify_one, &ctx,
                                          n_changed, err);
    if (!s && year == 0) {
        g_autofree char *v = g_strdup_printf("%" G_GINT64_FORMAT, rev);
        s = povatlas_workspace_set_meta(ws, "households_revision", v, err);
    }
    if (!s)
        s = povatlas_workspace_commit(ws, err);
    else
        povatlas_workspace_rollback(ws);
    g_hash_table_destroy(ctx.standards);
    return s;
}
