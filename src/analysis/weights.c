/*
 * weights.c - neighbour lists (spatial weights) for n features: the list
 * structure, contiguity from WKB polygons (vertex snapping itself is in
 * snap.c; distance-based contiguity with a GEOS STRtree here) and polygon
 * centroids. Neighbours of points (k nearest, distance band): points.c.
 * Statistics on the lists live in moran.c, local.c, ebayes.c and permute.c.
 * Definitions:
 * tests/fixtures/reference/README.md "Neighbours".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>
#include <glib.h>

#include "analysis/analysis_private.h"

/* ---- CSR neighbour lists -------------------------------------------- */

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

povatlas_weights *povatlas_weights_adopt_(size_t n, size_t *off, size_t *nbr)
{
    povatlas_weights *w = povatlas_try_malloc(sizeof *w);
    if (w == NULL) {
        free(off);
        free(nbr);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        qsort(nbr + off[i], off[i + 1] - off[i], sizeof *nbr, cmp_size);
    w->n = n;
    w->off = off;
    w->nbr = nbr;
    return w;
}

povatlas_weights *povatlas_weights_from_links_(size_t n, const size_t *links,
                                               size_t n_links)
{
    size_t *off = povatlas_try_calloc(n + 1, sizeof *off);
    size_t *nbr = povatlas_try_malloc((n_links ? n_links : 1) * sizeof *nbr);
    if (off == NULL || nbr == NULL) {
        free(off);
        free(nbr);
        return NULL;
    }
    for (size_t l = 0; l < n_links; l++)
        off[links[2 * l] + 1]++;
    for (size_t i = 0; i < n; i++)
        off[i + 1] += off[i];
    size_t *fill = povatlas_try_malloc((n ? n : 1) * sizeof *fill);
    if (fill == NULL) {
        free(off);
        free(nbr);
        return NULL;
    }
    memcpy(fill, off, n * sizeof *fill);
    for (size_t l = 0; l < n_links; l++)
        nbr[fill[links[2 * l]]++] = links[2 * l + 1];
    free(fill);
    povatlas_weights *w = povatlas_weights_adopt_(n, off, nbr);
    if (w == NULL)
        return NULL;
    /* drop duplicate links, compacting in place */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t start = k;
        for (size_t p = w->off[i]; p < w->off[i + 1]; p++)
            if (k == start || w->nbr[k - 1] != w->nbr[p])
                w->nbr[k++] = w->nbr[p];
        w->off[i] = start;
    }
    w->off[n] = k;
    return w;
}

int povatlas_weights_has_(const povatlas_weights *w, size_t i, size_t j)
{
    size_t lo = w->off[i], hi = w->off[i + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->nbr[mid] == j)
            return 1;
        if (w->nbr[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

void povatlas_weights_free(povatlas_weights *w)
{
    if (w == NULL)
        return;
    free(w->off);
    free(w->nbr);
    free(w);
}

size_t povatlas_weights_n(const povatlas_weights *w) { return w->n; }

size_t povatlas_weights_cardinality(const povatlas_weights *w, size_t i)
{
    return i < w->n ? w->off[i + 1] - w->off[i] : 0;
}

size_t povatlas_weights_n_links(const povatlas_weights *w)
{
    return w->off[w->n];
}

size_t povatlas_weights_n_islands(const povatlas_weights *w)
{
    size_t k = 0;
    for (size_t i = 0; i < w->n; i++)
        k += w->off[i + 1] == w->off[i];
    return k;
}

const size_t *povatlas_weights_neighbours(const povatlas_weights *w, size_t i)
{
    if (i >= w->n || w->off[i + 1] == w->off[i])
        return NULL;
    return w->nbr + w->off[i];
}

povatlas_weights *povatlas_weights_from_lists(size_t n, const size_t *offsets,
                                              const size_t *neighbours,
                                              povatlas_error **err)
{
    if (offsets == NULL || (offsets[n] > 0 && neighbours == NULL)) {
        povatlas_error_set(err, POVATLAS_E_USAGE, "no neighbour lists given");
        return NULL;
    }
    size_t total = offsets[n];
    size_t *off = povatlas_try_malloc((n + 1) * sizeof *off);
    size_t *nbr = povatlas_try_malloc((total ? total : 1) * sizeof *nbr);
    if (off == NULL || nbr == NULL) {
        free(off);
        free(nbr);
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (offsets[i + 1] < offsets[i]) {
            free(off);
            free(nbr);
            povatlas_error_set(err, POVATLAS_E_USAGE,
                               "neighbour offsets must not decrease");
            return NULL;
        }
    memcpy(off, offsets, (n + 1) * sizeof *off);
    memcpy(nbr, neighbours, total * sizeof *nbr);
    povatlas_weights *w = povatlas_weights_adopt_(n, off, nbr);
    if (w == NULL) {
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t p = off[i]; p < off[i + 1]; p++) {
            size_t j = nbr[p];
            if (j >= n || j == i || (p > off[i] && j == nbr[p - 1])) {
                povatlas_weights_free(w);
                povatlas_error_set_at(err, POVATLAS_E_INPUT, NULL, (long)i + 1,
                                      NULL,
                                      "bad neighbour %zu (out of range, self "
                                      "or repeated)",
                                      j);
                return NULL;
            }
        }
    }
    return w;
}

/* ---- GEOS context with its own error text --------------------------- */

typedef struct geos_env {
    GEOSContextHandle_t ctx;
    char message[256];
} geos_env;

static void geos_error_r(const char *message, void *userdata)
{
    geos_env *env = userdata;
    g_strlcpy(env->message, message, sizeof env->message);
}

static int geos_env_init(geos_env *env)
{
    env->message[0] = '\0';
    env->ctx = GEOS_init_r();
    if (env->ctx == NULL)
        return 0;
    GEOSContext_setErrorMessageHandler_r(env->ctx, geos_error_r, env);
    return 1;
}

/* Reads n WKB geometries; on failure sets err (row = 1-based feature). */
static GEOSGeometry **read_wkb_all(geos_env *env,
                                   const unsigned char *const *wkb,
                                   const size_t *wkb_size, size_t n,
                                   povatlas_error **err)
{
    GEOSGeometry **g = povatlas_try_calloc(n, sizeof *g);
    GEOSWKBReader *rd = GEOSWKBReader_create_r(env->ctx);
    if (g == NULL || rd == NULL) {
        free(g);
        if (rd)
            GEOSWKBReader_destroy_r(env->ctx, rd);
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        g[i] = wkb[i] ? GEOSWKBReader_read_r(env->ctx, rd, wkb[i], wkb_size[i])
                      : NULL;
        if (g[i] == NULL) {
            povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL, (long)i + 1, NULL,
                                  "unreadable WKB geometry: %s",
                                  env->message[0] ? env->message : "empty");
            for (size_t j = 0; j < i; j++)
                GEOSGeom_destroy_r(env->ctx, g[j]);
            free(g);
            g = NULL;
            break;
        }
    }
    GEOSWKBReader_destroy_r(env->ctx, rd);
    return g;
}

static void destroy_all(geos_env *env, GEOSGeometry **g, size_t n)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        GEOSGeom_destroy_r(env->ctx, g[i]);
    free(g);
}

/* ---- GEOS distance contiguity --------------------------------------- */

typedef struct tree_query {
    size_t self;
    byte_buf hits; /* size_t, features j > self */
    int nomem;     /* a hit could not be kept */
} tree_query;

static void tree_hit(void *item, void *userdata)
{
    tree_query *q = userdata;
    size_t j = *(const size_t *)item;
    if (j > q->self && byte_buf_push(&q->hits, &j, sizeof j) < 0)
        q->nomem = 1;
}

static GEOSGeometry *grown_envelope(geos_env *env, const GEOSGeometry *g,
                                    double d)
{
    double x0, y0, x1, y1;
    if (!GEOSGeom_getXMin_r(env->ctx, g, &x0) ||
        !GEOSGeom_getYMin_r(env->ctx, g, &y0) ||
        !GEOSGeom_getXMax_r(env->ctx, g, &x1) ||
        !GEOSGeom_getYMax_r(env->ctx, g, &y1))
        return NULL;
    return GEOSGeom_createRectangle_r(env->ctx, x0 - d, y0 - d, x1 + d, y1 + d);
}

/* Neighbours of i among candidates: prepared (indexed) distance <= d.
 * 1, 0 when GEOS failed, -1 when out of memory. */
static int distance_links_of(geos_env *env, GEOSGeometry *const *g, size_t i,
                             double d, const byte_buf *hits, byte_buf *links)
{
    const GEOSPreparedGeometry *pg = GEOSPrepare_r(env->ctx, g[i]);
    if (pg == NULL)
        return 0;
    int ok = 1;
    const size_t *hit = (const size_t *)(void *)hits->data;
    for (size_t h = 0; h < hits->len / sizeof(size_t) && ok > 0; h++) {
        size_t j = hit[h];
        double dist;
        ok = GEOSPreparedDistance_r(env->ctx, pg, g[j], &dist) == 1;
        if (ok && dist <= d) {
            size_t l[4] = {i, j, j, i};
            if (byte_buf_push(links, l, sizeof l) < 0)
                ok = -1;
        }
    }
    GEOSPreparedGeom_destroy_r(env->ctx, pg);
    return ok;
}

/* 1, 0 when GEOS failed, -1 when out of memory. */
static int distance_links(geos_env *env, GEOSGeometry *const *g, size_t n,
                          double d, byte_buf *links)
{
    GEOSSTRtree *tree = GEOSSTRtree_create_r(env->ctx, 10);
    size_t *ids = povatlas_try_malloc((n ? n : 1) * sizeof *ids);
    tree_query q = {0};
    int ok = tree == NULL ? 0 : ids == NULL ? -1 : 1;
    for (size_t i = 0; ok > 0 && i < n; i++) {
        ids[i] = i;
        GEOSSTRtree_insert_r(env->ctx, tree, g[i], &ids[i]);
    }
    for (size_t i = 0; ok > 0 && i < n; i++) {
        GEOSGeometry *env_i = grown_envelope(env, g[i], d);
        ok = env_i != NULL;
        if (!ok)
            break;
        q.self = i;
        q.hits.len = 0;
        GEOSSTRtree_query_r(env->ctx, tree, env_i, tree_hit, &q);
        GEOSGeom_destroy_r(env->ctx, env_i);
        ok = q.nomem ? -1 : distance_links_of(env, g, i, d, &q.hits, links);
    }
    if (tree)
        GEOSSTRtree_destroy_r(env->ctx, tree);
    free(ids);
    byte_buf_clear(&q.hits);
    return ok;
}

static povatlas_status check_polygon_args(const unsigned char *const *wkb,
                                          const size_t *wkb_size, size_t n,
                                          double snap, povatlas_error **err)
{
    if (wkb == NULL || wkb_size == NULL || n == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no polygons given");
    if (!(snap >= 0) || !isfinite(snap))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "snap tolerance must be >= 0");
    if (n > UINT32_MAX)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "too many polygons");
    return POVATLAS_OK;
}

povatlas_status povatlas_polygon_distance_(const unsigned char *wkb_a,
                                           size_t size_a,
                                           const unsigned char *wkb_b,
                                           size_t size_b, double *dist,
                                           povatlas_error **err)
{
    const unsigned char *wkb[2] = {wkb_a, wkb_b};
    size_t size[2] = {size_a, size_b};
    geos_env env;
    if (!geos_env_init(&env))
        return povatlas_error_set(err, POVATLAS_E_GEOM, "cannot start GEOS");
    GEOSGeometry **g = read_wkb_all(&env, wkb, size, 2, err);
    povatlas_status st = g ? POVATLAS_OK : POVATLAS_E_GEOM;
    const GEOSPreparedGeometry *pg = g ? GEOSPrepare_r(env.ctx, g[0]) : NULL;
    if (g != NULL &&
        (pg == NULL || GEOSPreparedDistance_r(env.ctx, pg, g[1], dist) != 1))
        st = povatlas_error_set(err, POVATLAS_E_GEOM,
                                "polygon distance failed: %s", env.message);
    if (pg)
        GEOSPreparedGeom_destroy_r(env.ctx, pg);
    destroy_all(&env, g, 2);
    GEOS_finish_r(env.ctx);
    return st;
}

/* queen_dist: GEOS geometries, an STRtree and prepared distances. */
static povatlas_status distance_contiguity(const unsigned char *const *wkb,
                                           const size_t *wkb_size, size_t n,
                                           double snap, byte_buf *links,
                                           povatlas_error **err)
{
    geos_env env;
    if (!geos_env_init(&env))
        return povatlas_error_set(err, POVATLAS_E_GEOM, "cannot start GEOS");
    GEOSGeometry **g = read_wkb_all(&env, wkb, wkb_size, n, err);
    povatlas_status st =
        !g ? (err && *err ? (*err)->code : POVATLAS_E_GEOM) : POVATLAS_OK;
    int ok = g != NULL ? distance_links(&env, g, n, snap, links) : 1;
    if (ok < 0)
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the neighbours");
    else if (!ok)
        st = povatlas_error_set(err, POVATLAS_E_GEOM,
                                "polygon distance failed: %s",
                                env.message[0] ? env.message : "out of memory");
    destroy_all(&env, g, n);
    GEOS_finish_r(env.ctx);
    return st;
}

povatlas_weights *povatlas_weights_contiguity(const unsigned char *const *wkb,
                                              const size_t *wkb_size, size_t n,
                                              povatlas_contiguity kind,
                                              double snap, povatlas_error **err)
{
    povatlas_status st = check_polygon_args(wkb, wkb_size, n, snap, err);
    if (st != POVATLAS_OK)
        return NULL;
    byte_buf links = {0};
    if (kind == POVATLAS_CONTIGUITY_QUEEN_DIST)
        st = distance_contiguity(wkb, wkb_size, n, snap, &links, err);
    else
        st = povatlas_snap_links_(wkb, wkb_size, n, snap,
                                  kind == POVATLAS_CONTIGUITY_ROOK ? 2 : 1,
                                  &links, err);
    povatlas_weights *w = NULL;
    if (st == POVATLAS_OK) {
        w = povatlas_weights_from_links_(n, (const size_t *)(void *)links.data,
                                         links.len / (2 * sizeof(size_t)));
        if (w == NULL)
            povatlas_error_set(err, POVATLAS_E_NOMEM,
                               "out of memory for the weights");
    }
    byte_buf_clear(&links);
    return w;
}

povatlas_status povatlas_centroids_from_wkb(const unsigned char *const *wkb,
                                            const size_t *wkb_size, size_t n,
                                            double *xy, povatlas_error **err)
{
    geos_env env;
    povatlas_status st = check_polygon_args(wkb, wkb_size, n, 0, err);
    if (st != POVATLAS_OK)
        return st;
    if (!geos_env_init(&env))
        return povatlas_error_set(err, POVATLAS_E_GEOM, "cannot start GEOS");
    GEOSGeometry **g = read_wkb_all(&env, wkb, wkb_size, n, err);
    st = g ? POVATLAS_OK : POVATLAS_E_GEOM;
    for (size_t i = 0; g && i < n && st == POVATLAS_OK; i++) {
        GEOSGeometry *c = GEOSGetCentroid_r(env.ctx, g[i]);
        if (c == NULL || GEOSisEmpty_r(env.ctx, c) ||
            !GEOSGeomGetX_r(env.ctx, c, &xy[2 * i]) ||
            !GEOSGeomGetY_r(env.ctx, c, &xy[2 * i + 1]))
            st = povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL, (long)i + 1,
                                       NULL,
                                       "no centroid for an empty "
                                       "geometry");
        if (c)
            GEOSGeom_destroy_r(env.ctx, c);
    }
    destroy_all(&env, g, n);
    GEOS_finish_r(env.ctx);
    return st;
}
