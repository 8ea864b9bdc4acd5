/*
 * reclassify.c - bringing stored classifications up to date after the
 * standards table changed. Standards are looked up once per (year, area).
 */
#include <glib.h>

#include "povatlas/classify.h"

typedef struct reclassify_ctx {
    povatlas_workspace *ws;
    GHashTable *standards;  /* year * 2 + urban -> povatlas_standard * */
    povatlas_error *failed; /* the first read that failed: the row callback
                               cannot stop the scan, so the error waits
                               here and the transaction is rolled back */
} reclassify_ctx;

static const povatlas_standard *standard_for(reclassify_ctx *ctx, int year,
                                             int urban)
{
    gpointer key = GINT_TO_POINTER(year * 2 + (urban ? 1 : 0));
    povatlas_standard *s = g_hash_table_lookup(ctx->standards, key);
    if (s)
        return s->id ? s : NULL;
    s = g_new0(povatlas_standard, 1);
    povatlas_error *e = NULL;
    povatlas_status st =
        povatlas_workspace_find_standard(ctx->ws, year, urban, s, &e);
    if (st)
        s->id = 0; /* remembered as missing */
    /* no standard for the year is a household left unclassified; a
     * failed read is an error */
    if (st && st != POVATLAS_E_INPUT && !ctx->failed)
        ctx->failed = g_steal_pointer(&e);
    povatlas_error_free(e);
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
        int found = 0;
        if (povatlas_workspace_find_b1_cutoff(
                ctx->ws, h->year, urban, &cut, &found,
                ctx->failed ? NULL : &ctx->failed) ||
            !found)
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
static povatlas_status households_revision(povatlas_workspace *ws, int64_t *rev,
                                           povatlas_error **err)
{
    g_autofree char *v = NULL;
    povatlas_status s =
        povatlas_workspace_get_meta(ws, "households_revision", &v, err);
    *rev = v ? g_ascii_strtoll(v, NULL, 10) : -1;
    return s;
}

povatlas_status povatlas_classify_workspace(povatlas_workspace *ws, int year,
                                            int64_t *n_changed,
                                            povatlas_error **err)
{
    int64_t rev = 0, classified = -1;
    if (n_changed)
        *n_changed = 0;
    povatlas_status s = povatlas_workspace_standards_revision(ws, &rev, err);
    if (!s)
        s = households_revision(ws, &classified, err);
    if (s || classified == rev)
        return s;
    reclassify_ctx ctx = {
        ws, g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free),
        NULL};
    s = povatlas_workspace_begin(ws, err);
    if (!s)
        s = povatlas_workspace_reclassify(ws, year, reclassify_one, &ctx,
                                          n_changed, err);
    if (!s && ctx.failed)
        s = povatlas_error_propagate(err, g_steal_pointer(&ctx.failed));
    if (!s && year == 0) {
        g_autofree char *v = g_strdup_printf("%" G_GINT64_FORMAT, rev);
        s = povatlas_workspace_set_meta(ws, "households_revision", v, err);
    }
    if (!s)
        s = povatlas_workspace_commit(ws, err);
    else
        povatlas_workspace_rollback(ws, err);
    g_hash_table_destroy(ctx.standards);
    povatlas_error_free(ctx.failed);
    return s;
}
