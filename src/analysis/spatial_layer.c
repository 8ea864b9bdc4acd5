/*
 * spatial_layer.c - spatial statistics of one polygon layer as a table:
 * reads the layer with OGR, reprojects it to metres, builds weights, runs
 * the statistics of stats.h on the units that have a value and writes the
 * result as CSV or JSON with the reference's column names. Formulas live
 * in weights.c, moran.c, local.c, ebayes.c and permute.c; this file only
 * selects, expands and names.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "analysis_private.h"
#include "core/alloc.h"
#include "core/gdal_errors.h"
#include "core/threads.h"
#include "core/utm.h"
#include "povatlas/core.h"
#include "povatlas/spatial.h"

void povatlas_spatial_opts_init(povatlas_spatial_opts *opts)
{
    *opts = (povatlas_spatial_opts){
        .weights = POVATLAS_SPATIAL_QUEEN,
        .snap_m = 50.0,
        .k = 4,
        .band_m = 0,
        .permutations = 0,
        .seed = 1,
        .alpha = 0.05,
    };
}

static const char *const WEIGHT_NAMES[] = {"queen", "rook", "queen_dist", "knn",
                                           "distance"};

int povatlas_spatial_weights_parse(const char *name,
                                   povatlas_spatial_weights *out)
{
    for (size_t i = 0; name && i < G_N_ELEMENTS(WEIGHT_NAMES); i++)
        if (strcmp(name, WEIGHT_NAMES[i]) == 0) {
            *out = (povatlas_spatial_weights)i;
            return 1;
        }
    return 0;
}

void povatlas_spatial_result_free(povatlas_spatial_result *res)
{
    if (res == NULL)
        return;
    if (res->ids)
        for (size_t i = 0; i < res->n; i++)
            g_free(res->ids[i]);
    g_free(res->ids);
    g_free(res->analysed);
    g_free(res->x);
    g_free(res->n_neighbours);
    povatlas_local_stats_free(res->local);
    g_free(res->p_sim);
    g_free(res->lisa);
    g_free(res->eb_global);
    g_free(res->eb_local);
    g_strfreev(res->islands);
    g_free(res->crs);
    g_free(res->weights);
    g_free(res->caveat);
    g_free(res->note);
    g_free(res);
}

/* ------------------------------------------------------- reprojection */

/* A CRS PROJ cannot set up is unknown to it, unless PROJ knows none (no
 * proj.db: a broken install, not the caller's mistake; analyze met it
 * first in the areas before they were measured at import). */
static OGRSpatialReferenceH srs_from(const char *def, povatlas_error **err)
{
    OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);
    gdal_errors ge;
    gdal_errors_push(&ge);
    OGRErr rc = OSRSetFromUserInput(s, def);
    gboolean proj_works =
        rc == OGRERR_NONE || OSRImportFromEPSG(s, 4326) == OGRERR_NONE;
    g_autofree char *why = gdal_errors_pop(&ge);
    if (rc != OGRERR_NONE) {
        OSRDestroySpatialReference(s);
        if (proj_works)
            povatlas_error_set(err, POVATLAS_E_USAGE, "unknown CRS '%s'", def);
        else
            povatlas_error_set(err, POVATLAS_E_IO,
                               "PROJ cannot set up any CRS (not even %s): %s",
                               def, why ? why : "no reason given");
        return NULL;
    }
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    return s;
}

/* "EPSG:326zz" / "EPSG:327zz" for the UTM zone of the extent's centre,
 * which is first taken to longitude, latitude. */
static char *utm_of_centre(OGRSpatialReferenceH src, const OGREnvelope *env,
                           povatlas_error **err)
{
    double x = (env->MinX + env->MaxX) / 2, y = (env->MinY + env->MaxY) / 2;
    OGRSpatialReferenceH ll = srs_from("EPSG:4326", err);
    if (!ll)
        return NULL;
    OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(src, ll);
    int ok = ct && OCTTransform(ct, 1, &x, &y, NULL);
    OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(ll);
    if (!ok || !isfinite(x) || fabs(y) > 90) {
        povatlas_error_set(err, POVATLAS_E_GEOM,
                           "cannot find the UTM zone of the layer's centre");
        return NULL;
    }
    return utm_zone_crs(x, y);
}

static OGRGeometryH geom_from_wkb(const unsigned char *wkb, size_t size)
{
    OGRGeometryH g = NULL;
    if (OGR_G_CreateFromWkbEx(wkb, NULL, &g, size) != OGRERR_NONE)
        return NULL;
    return g;
}

static povatlas_status export_wkb(OGRGeometryH g, unsigned char **out,
                                  size_t *out_size)
{
    *out_size = OGR_G_WkbSizeEx(g);
    *out = povatlas_try_malloc(*out_size);
    if (!*out)
        return POVATLAS_E_NOMEM;
    if (OGR_G_ExportToIsoWkb(g, wkbNDR, *out) != OGRERR_NONE) {
        g_free(*out);
        *out = NULL;
        return POVATLAS_E_GEOM;
    }
    return POVATLAS_OK;
}

/* One thread's share of project_all(): every @step-th unit from @first,
 * with its own clone of the transformation (an OGR transformation is not
 * shared between threads). */
typedef struct project_part {
    const unsigned char *const *wkb;
    const size_t *wkb_size;
    size_t n, first, step;
    OGRCoordinateTransformationH ct;
    unsigned char **out_wkb;
    size_t *out_size;
    size_t failed; /* first unit that failed + 1; 0: none */
    int nomem;     /* it failed for want of memory */
} project_part;

static gpointer project_part_run(gpointer data)
{
    project_part *p = data;
    gdal_errors ge; /* GDAL's messages stay in this thread, unprinted */
    gdal_errors_push(&ge);
    for (size_t i = p->first; i < p->n; i += p->step) {
        if (!p->wkb[i])
            continue;
        OGRGeometryH g = geom_from_wkb(p->wkb[i], p->wkb_size[i]);
        int ok = g && (!p->ct || OGR_G_Transform(g, p->ct) == OGRERR_NONE);
        povatlas_status st =
            ok ? export_wkb(g, &p->out_wkb[i], &p->out_size[i]) : POVATLAS_OK;
        OGR_G_DestroyGeometry(g);
        if (!ok || st) {
            p->failed = i + 1;
            p->nomem = st == POVATLAS_E_NOMEM;
            break;
        }
    }
    g_free(gdal_errors_pop(&ge));
    return NULL;
}

/* Fewer units than this per thread are not worth a thread. */
#define PROJECT_UNITS_PER_THREAD 256
#define PROJECT_MAX_THREADS 8

/* Every unit transformed by the same code whatever the thread count, so
 * the result does not depend on it; a failure names the first unit that
 * failed, as one thread would. */
static povatlas_status project_all(const unsigned char *const *wkb,
                                   const size_t *wkb_size, size_t n,
                                   OGRCoordinateTransformationH ct,
                                   unsigned char **out_wkb, size_t *out_size,
                                   povatlas_error **err)
{
    for (size_t i = 0; i < n; i++) {
        out_wkb[i] = NULL;
        out_size[i] = 0;
    }
    size_t n_parts = (size_t)povatlas_threads_();
    if (n_parts > PROJECT_MAX_THREADS)
        n_parts = PROJECT_MAX_THREADS;
    if (n_parts > n / PROJECT_UNITS_PER_THREAD)
        n_parts = n / PROJECT_UNITS_PER_THREAD;
    if (n_parts < 1 || !ct)
        n_parts = 1;
    project_part parts[PROJECT_MAX_THREADS];
    GThread *threads[PROJECT_MAX_THREADS] = {NULL};
    for (size_t t = 0; t < n_parts; t++) {
        OGRCoordinateTransformationH own = t ? OCTClone(ct) : ct;
        if (!own) { /* no clone: the remaining units go to fewer parts */
            n_parts = t;
            break;
        }
        parts[t] = (project_part){wkb, wkb_size, n,        t, 0,
                                  own, out_wkb,  out_size, 0, 0};
    }
    for (size_t t = 0; t < n_parts; t++) {
        parts[t].step = n_parts;
        if (t > 0)
            threads[t] =
                g_thread_new("povatlas-project", project_part_run, &parts[t]);
    }
    project_part_run(&parts[0]);
    size_t failed = parts[0].failed;
    int nomem = parts[0].nomem;
    for (size_t t = 1; t < n_parts; t++) {
        g_thread_join(threads[t]);
        OCTDestroyCoordinateTransformation(parts[t].ct);
        if (parts[t].failed && (!failed || parts[t].failed < failed))
            failed = parts[t].failed;
        nomem |= parts[t].nomem;
    }
    if (failed) {
        for (size_t j = 0; j < n; j++)
            g_clear_pointer(&out_wkb[j], g_free);
        /* out of memory on any thread: that, not a geometry at fault */
        if (nomem)
            return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                      "out of memory for the reprojected "
                                      "geometries");
        return povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL, (long)failed,
                                     NULL, "cannot reproject the geometry");
    }
    return POVATLAS_OK;
}

static void extent_of(const unsigned char *const *wkb, const size_t *size,
                      size_t n, OGREnvelope *env)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        OGRGeometryH g = wkb[i] ? geom_from_wkb(wkb[i], size[i]) : NULL;
        OGREnvelope e;
        if (!g)
            continue;
        OGR_G_GetEnvelope(g, &e);
        OGR_G_DestroyGeometry(g);
        if (first) {
            *env = e;
            first = 0;
            continue;
        }
        env->MinX = fmin(env->MinX, e.MinX);
        env->MinY = fmin(env->MinY, e.MinY);
        env->MaxX = fmax(env->MaxX, e.MaxX);
        env->MaxY = fmax(env->MaxY, e.MaxY);
    }
}

/* The target CRS and its transformation; with @out_wkb NULL only the
 * CRS is named (and checked), nothing is projected. */
static povatlas_status project_or_name(const unsigned char *const *wkb,
                                       const size_t *wkb_size, size_t n,
                                       const char *src_crs, const char *dst_crs,
                                       unsigned char **out_wkb,
                                       size_t *out_size, char **crs_used,
                                       povatlas_error **err)
{
    gdal_errors ge;
    gdal_errors_push(&ge);
    OGRSpatialReferenceH src = srs_from(src_crs ? src_crs : "EPSG:4326", err);
    OGRSpatialReferenceH dst = NULL;
    OGRCoordinateTransformationH ct = NULL;
    g_autofree char *dst_def = dst_crs ? g_strdup(dst_crs) : NULL;
    povatlas_status st = src ? POVATLAS_OK : POVATLAS_E_USAGE;
    if (!st && !dst_def) {
        OGREnvelope env = {0, 0, 0, 0};
        extent_of(wkb, wkb_size, n, &env);
        dst_def = utm_of_centre(src, &env, err);
        st = dst_def ? POVATLAS_OK : POVATLAS_E_GEOM;
    }
    if (!st && !(dst = srs_from(dst_def, err)))
        st = POVATLAS_E_USAGE;
    if (!st && !(ct = OCTNewCoordinateTransformation(src, dst)))
        st = povatlas_error_set(err, POVATLAS_E_GEOM,
                                "no transformation to '%s'", dst_def);
    if (!st && out_wkb)
        st = project_all(wkb, wkb_size, n, ct, out_wkb, out_size, err);
    OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(src);
    OSRDestroySpatialReference(dst);
    g_free(gdal_errors_pop(&ge));
    if (!st && crs_used)
        *crs_used = g_steal_pointer(&dst_def);
    return st;
}

povatlas_status povatlas_spatial_project_wkb(
    const unsigned char *const *wkb, const size_t *wkb_size, size_t n,
    const char *src_crs, const char *dst_crs, unsigned char **out_wkb,
    size_t *out_size, char **crs_used, povatlas_error **err)
{
    if (out_wkb == NULL || out_size == NULL)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no output arrays");
    return project_or_name(wkb, wkb_size, n, src_crs, dst_crs, out_wkb,
                           out_size, crs_used, err);
}

/* ------------------------------------------------------ statistics */

/* The analysed subset: units with a finite value and a geometry. */
typedef struct subset {
    size_t m;
    size_t *idx; /* m positions in the input */
    double *x, *events, *population;
    const unsigned char **wkb;
    size_t *wkb_size;
} subset;

static void subset_clear(subset *s)
{
    g_free(s->idx);
    g_free(s->x);
    g_free(s->events);
    g_free(s->population);
    g_free(s->wkb);
    g_free(s->wkb_size);
}

static int usable(const povatlas_spatial_input *in, size_t i)
{
    if (!isfinite(in->x[i]) || !in->wkb[i])
        return 0;
    if (in->events && in->population)
        return isfinite(in->events[i]) && in->events[i] >= 0 &&
               in->population[i] > 0;
    return 1;
}

static povatlas_status subset_make(const povatlas_spatial_input *in, subset *s,
                                   povatlas_error **err)
{
    int rate = in->events && in->population;
    *s = (subset){0};
    s->idx = povatlas_try_calloc(in->n + 1, sizeof(size_t));
    s->x = povatlas_try_calloc(in->n + 1, sizeof(double));
    s->events = rate ? povatlas_try_calloc(in->n + 1, sizeof(double)) : NULL;
    s->population =
        rate ? povatlas_try_calloc(in->n + 1, sizeof(double)) : NULL;
    s->wkb = povatlas_try_calloc(in->n + 1, sizeof(const unsigned char *));
    s->wkb_size = povatlas_try_calloc(in->n + 1, sizeof(size_t));
    if (!s->idx || !s->x || (rate && (!s->events || !s->population)) ||
        !s->wkb || !s->wkb_size)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the units analysed");
    for (size_t i = 0; i < in->n; i++) {
        if (!usable(in, i))
            continue;
        s->idx[s->m] = i;
        s->x[s->m] = in->x[i];
        if (rate) {
            s->events[s->m] = in->events[i];
            s->population[s->m] = in->population[i];
        }
        s->wkb[s->m] = in->wkb[i];
        s->wkb_size[s->m] = in->wkb_size[i];
        s->m++;
    }
    return POVATLAS_OK;
}

static povatlas_weights *build_weights(const subset *s,
                                       const povatlas_spatial_opts *o,
                                       povatlas_error **err)
{
    if (o->weights <= POVATLAS_SPATIAL_QUEEN_DIST) {
        if (!(o->snap_m >= 0))
            return povatlas_error_set(err, POVATLAS_E_USAGE,
                                      "snap must be >= 0 metres"),
                   NULL;
        povatlas_contiguity kind = o->weights == POVATLAS_SPATIAL_QUEEN
                                       ? POVATLAS_CONTIGUITY_QUEEN
                                   : o->weights == POVATLAS_SPATIAL_ROOK
                                       ? POVATLAS_CONTIGUITY_ROOK
                                       : POVATLAS_CONTIGUITY_QUEEN_DIST;
        return povatlas_weights_contiguity(s->wkb, s->wkb_size, s->m, kind,
                                           o->snap_m, err);
    }
    if (o->weights == POVATLAS_SPATIAL_KNN &&
        (o->k < 1 || (size_t)o->k >= s->m))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "k must be between 1 and %zu (units - 1)",
                                  s->m - 1),
               NULL;
    if (o->weights == POVATLAS_SPATIAL_DISTANCE && !(o->band_m > 0))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "a distance band > 0 metres is needed"),
               NULL;
    g_autofree double *xy = povatlas_try_calloc(s->m, 2 * sizeof(double));
    if (!xy)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the centroids"),
               NULL;
    if (povatlas_centroids_from_wkb(s->wkb, s->wkb_size, s->m, xy, err))
        return NULL;
    if (o->weights == POVATLAS_SPATIAL_KNN)
        return povatlas_weights_knn(xy, s->m, o->k, err);
    return povatlas_weights_distance_band(xy, s->m, o->band_m, err);
}

static char *weights_label(const povatlas_spatial_opts *o)
{
    switch (o->weights) {
    case POVATLAS_SPATIAL_KNN:
        return g_strdup_printf("knn (k = %d, centroids)", o->k);
    case POVATLAS_SPATIAL_DISTANCE:
        return g_strdup_printf("distance band (%g m, centroids)", o->band_m);
    default:
        return g_strdup_printf("%s (snap %g m)", WEIGHT_NAMES[o->weights],
                               o->snap_m);
    }
}

/* A local-stats block of n rows, every value NAN (one allocation, as
 * local.c makes it, so povatlas_local_stats_free() frees it). */
static povatlas_local_stats *local_nan(size_t n)
{
    povatlas_local_stats *o = povatlas_try_calloc(1, sizeof *o);
    double *block =
        o ? povatlas_try_calloc(10 * (n ? n : 1), sizeof *block) : NULL;
    if (!o || !block) {
        free(o);
        free(block);
        return NULL;
    }
    for (size_t i = 0; i < 10 * n; i++)
        block[i] = NAN;
    double **cols[] = {&o->lag_x,        &o->ii,         &o->e_ii,
                       &o->var_ii,       &o->z_ii,       &o->e_ii_total,
                       &o->var_ii_total, &o->z_ii_total, &o->gi_z,
                       &o->gistar_z};
    for (size_t c = 0; c < G_N_ELEMENTS(cols); c++)
        *cols[c] = block + c * n;
    o->n = n;
    return o;
}

static void expand_local(const povatlas_local_stats *ls, const subset *s,
                         povatlas_local_stats *out)
{
    for (size_t k = 0; k < s->m; k++) {
        size_t i = s->idx[k];
        out->lag_x[i] = ls->lag_x[k];
        out->ii[i] = ls->ii[k];
        out->e_ii[i] = ls->e_ii[k];
        out->var_ii[i] = ls->var_ii[k];
        out->z_ii[i] = ls->z_ii[k];
        out->e_ii_total[i] = ls->e_ii_total[k];
        out->var_ii_total[i] = ls->var_ii_total[k];
        out->z_ii_total[i] = ls->z_ii_total[k];
        out->gi_z[i] = ls->gi_z[k];
        out->gistar_z[i] = ls->gistar_z[k];
    }
}

/* NULL when out of memory. */
static double *expand(const double *v, const subset *s, size_t n)
{
    double *out = povatlas_try_calloc(n + 1, sizeof(double));
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = NAN;
    for (size_t k = 0; k < s->m; k++)
        out[s->idx[k]] = isfinite(v[k]) ? v[k] : NAN;
    return out;
}

static povatlas_status check_constant(const subset *s, povatlas_error **err)
{
    if (s->m == 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no unit has both a value and a geometry");
    for (size_t k = 1; k < s->m; k++)
        if (s->x[k] != s->x[0])
            return POVATLAS_OK;
    return povatlas_error_set(err, POVATLAS_E_INPUT,
                              "Moran's I is undefined: the variable is "
                              "constant");
}

/* The global test on a second thread while the local one runs: each
 * has its own generator seeded alike, so the numbers do not depend on
 * which finishes first. */
typedef struct global_job {
    const povatlas_weights *w;
    const subset *s;
    const povatlas_spatial_opts *o;
    povatlas_global_perm out;
    povatlas_error *err;
    povatlas_status st;
} global_job;

static gpointer global_job_run(gpointer data)
{
    global_job *g = data;
    g->st =
        povatlas_global_moran_perm(g->w, g->s->x, g->s->m, g->o->permutations,
                                   g->o->seed, &g->out, &g->err);
    return NULL;
}

static povatlas_status run_permutations(povatlas_spatial_result *r,
                                        const povatlas_weights *w,
                                        const subset *s,
                                        const povatlas_spatial_opts *o,
                                        povatlas_error **err)
{
    g_autofree double *p = povatlas_try_calloc(s->m + 1, sizeof(double));
    g_autofree int *cat = p ? povatlas_try_calloc(s->m + 1, sizeof(int)) : NULL;
    if (!cat)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the permutation tests");
    global_job g = {.w = w, .s = s, .o = o, .st = POVATLAS_OK};
    GThread *th =
        povatlas_threads_() > 1
            ? g_thread_try_new("povatlas-moran", global_job_run, &g, NULL)
            : NULL;
    povatlas_status st = povatlas_local_moran_perm(
        w, s->x, s->m, o->permutations, o->seed, p, err);
    if (!st)
        st = povatlas_lisa_categories(w, s->x, p, s->m, o->alpha,
                                      o->fdr ? POVATLAS_LISA_FDR : 0, cat, err);
    if (th)
        g_thread_join(th);
    else if (!st)
        global_job_run(&g);
    if (!st && g.st)
        st = povatlas_error_propagate_or(err, g_steal_pointer(&g.err), g.st);
    povatlas_error_free(g.err);
    if (st)
        return st;
    r->global_perm = g.out;
    r->has_permutations = 1;
    r->permutations = o->permutations;
    r->seed = o->seed;
    r->p_sim = expand(p, s, r->n);
    r->lisa = r->p_sim ? povatlas_try_calloc(r->n + 1, sizeof(int)) : NULL;
    if (!r->lisa)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the clusters");
    for (size_t i = 0; i < r->n; i++)
        r->lisa[i] = -1;
    for (size_t k = 0; k < s->m; k++)
        r->lisa[s->idx[k]] = cat[k];
    return POVATLAS_OK;
}

/* Moran's I of the EB-standardised rates (Assunção-Reis) and, with
 * permutations, its pseudo p. Undefined (NAN) when no unit has events. */
/* A statistic these data leave undefined (POVATLAS_E_INPUT: no events,
 * fewer than 4 units with neighbours, every value the same) is NaN, not a
 * failure; anything else (out of memory) is returned. */
static povatlas_status undefined_or_fail(povatlas_error *why,
                                         povatlas_error **err)
{
    if (why && why->code == POVATLAS_E_INPUT) {
        povatlas_error_free(why);
        return POVATLAS_OK;
    }
    return povatlas_error_propagate_or(err, why, POVATLAS_E_NOMEM);
}

static povatlas_status eb_moran(povatlas_spatial_result *r,
                                const povatlas_weights *w, const subset *s,
                                povatlas_error **err)
{
    r->eb_moran_i = r->eb_moran_p = NAN;
    g_autofree double *z = povatlas_try_calloc(s->m + 1, sizeof(double));
    if (!z)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the standardised rates");
    povatlas_error *why = NULL;
    if (povatlas_ebayes_standardize(s->events, s->population, s->m, z, &why))
        return undefined_or_fail(why, err);
    povatlas_global_stats g;
    if (povatlas_global_compute(w, z, s->m, &g, &why))
        return undefined_or_fail(why, err);
    r->eb_moran_i = g.moran_i;
    povatlas_global_perm p;
    if (!r->has_permutations)
        return POVATLAS_OK;
    if (povatlas_global_moran_perm(w, z, s->m, r->permutations, r->seed, &p,
                                   &why))
        return undefined_or_fail(why, err);
    r->eb_moran_p = p.p_folded;
    return POVATLAS_OK;
}

static povatlas_status run_ebayes(povatlas_spatial_result *r,
                                  const povatlas_weights *w, const subset *s,
                                  povatlas_error **err)
{
    g_autofree double *g = povatlas_try_calloc(s->m + 1, sizeof(double));
    g_autofree double *l =
        g ? povatlas_try_calloc(s->m + 1, sizeof(double)) : NULL;
    if (!l)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the smoothed rates");
    double sum = 0;
    for (size_t k = 0; k < s->m; k++)
        sum += s->events[k];
    if (sum == 0) {
        /* no events anywhere: every rate is 0 and so is its estimate
         * (spdep would divide 0 by 0) */
        for (size_t k = 0; k < s->m; k++)
            g[k] = l[k] = 0;
    } else {
        povatlas_status st = povatlas_ebayes_global(s->events, s->population,
                                                    s->m, g, NULL, NULL, err);
        if (!st)
            st = povatlas_ebayes_local(w, s->events, s->population, s->m,
                                       POVATLAS_EBAYES_SPDEP, l, NULL, NULL,
                                       err);
        if (st)
            return st;
    }
    r->eb_global = expand(g, s, r->n);
    r->eb_local = r->eb_global ? expand(l, s, r->n) : NULL;
    if (!r->eb_local)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the smoothed rates");
    return eb_moran(r, w, s, err);
}

static povatlas_status describe(povatlas_spatial_result *r,
                                const povatlas_weights *w, const subset *s,
                                povatlas_error **err)
{
    r->n_neighbours = povatlas_try_calloc(r->n + 1, sizeof(size_t));
    if (!r->n_neighbours)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the neighbour counts");
    size_t n_islands = 0;
    for (size_t k = 0; k < s->m; k++) {
        size_t c = povatlas_weights_cardinality(w, k);
        r->n_neighbours[s->idx[k]] = c;
        n_islands += c == 0;
    }
    r->islands = povatlas_try_calloc(n_islands + 1, sizeof(char *));
    if (!r->islands)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the islands");
    for (size_t k = 0; k < s->m; k++) {
        if (r->n_neighbours[s->idx[k]] != 0)
            continue;
        r->islands[r->n_islands] = povatlas_try_strdup(r->ids[s->idx[k]]);
        if (!r->islands[r->n_islands])
            return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                      "out of memory for the islands");
        r->n_islands++;
    }
    if (s->m < POVATLAS_SPATIAL_SMALL_N)
        r->caveat = g_strdup_printf(
            "only %zu units: with fewer than %d, a cluster or a significant "
            "Moran's I rests on a handful of neighbours and is weak evidence; "
            "treat it as a lead to check on the ground, not as a finding",
            s->m, POVATLAS_SPATIAL_SMALL_N);
    if (s->m < r->n)
        r->note = g_strdup_printf(
            "%zu of %zu units left out: no value, no population or no "
            "geometry",
            r->n - s->m, r->n);
    return POVATLAS_OK;
}

/* NULL when out of memory. */
static povatlas_spatial_result *result_new(const povatlas_spatial_input *in,
                                           const subset *s,
                                           const povatlas_spatial_opts *o)
{
    povatlas_spatial_result *r = povatlas_try_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->n = in->n;
    r->n_analysed = s->m;
    r->ids = povatlas_try_calloc(in->n + 1, sizeof(char *));
    r->analysed = povatlas_try_calloc(in->n + 1, sizeof(unsigned char));
    r->x = povatlas_try_calloc(in->n + 1, sizeof(double));
    if (!r->ids || !r->analysed || !r->x) {
        povatlas_spatial_result_free(r);
        return NULL;
    }
    for (size_t i = 0; i < in->n; i++) {
        r->ids[i] = povatlas_try_strdup(in->ids[i] ? in->ids[i] : "");
        if (!r->ids[i]) {
            povatlas_spatial_result_free(r);
            return NULL;
        }
        r->x[i] = isfinite(in->x[i]) ? in->x[i] : NAN;
    }
    for (size_t k = 0; k < s->m; k++)
        r->analysed[s->idx[k]] = 1;
    r->alpha = o->alpha;
    r->fdr = o->fdr;
    r->crs = g_strdup(in->crs ? in->crs : "planar coordinates as given");
    r->weights = weights_label(o);
    return r;
}

static povatlas_status compute_into(povatlas_spatial_result *r,
                                    const povatlas_weights *w, const subset *s,
                                    const povatlas_spatial_opts *o,
                                    povatlas_error **err)
{
    povatlas_status st =
        povatlas_global_compute(w, s->x, s->m, &r->global, err);
    if (st)
        return st;
    povatlas_error *e = NULL;
    povatlas_local_stats *ls = povatlas_local_compute(w, s->x, s->m, &e);
    if (!ls)
        return povatlas_error_propagate_or(err, e, POVATLAS_E_INPUT);
    r->local = local_nan(r->n);
    if (!r->local) {
        povatlas_local_stats_free(ls);
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the local statistics");
    }
    expand_local(ls, s, r->local);
    povatlas_local_stats_free(ls);
    st = describe(r, w, s, err);
    if (!st && o->permutations > 0)
        st = run_permutations(r, w, s, o, err);
    if (!st && s->events)
        st = run_ebayes(r, w, s, err);
    return st;
}

/* A refused option: the message names it as its opts field, and so does
 * err->option, for a front end to add its own spelling. */
static povatlas_status option_error(povatlas_error **err, const char *option,
                                    const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static povatlas_status option_error(povatlas_error **err, const char *option,
                                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    povatlas_error *e =
        povatlas_error_newv(POVATLAS_E_USAGE, NULL, 0, NULL, fmt, ap);
    va_end(ap);
    povatlas_error_set_option(e, option);
    return povatlas_error_propagate(err, e);
}

/* The numbers of @o in their ranges, before any work: written so that a
 * NaN fails each test (every comparison with NaN is false). */
static povatlas_status check_ranges(const povatlas_spatial_opts *o,
                                    povatlas_error **err)
{
    if (!(o->alpha > 0 && o->alpha < 1))
        return option_error(
            err, "alpha", "alpha must lie between 0 and 1, found %g", o->alpha);
    if (!(o->permutations >= 0 && o->permutations <= POVATLAS_PERMUTATIONS_MAX))
        return option_error(err, "permutations",
                            "permutations must be 0 to %d, found %d",
                            POVATLAS_PERMUTATIONS_MAX, o->permutations);
    if (!(o->snap_m >= 0 && isfinite(o->snap_m)))
        return option_error(err, "snap_m",
                            "the snap distance must be 0 metres or more, "
                            "found %g",
                            o->snap_m);
    if (!(o->band_m >= 0 && isfinite(o->band_m)))
        return option_error(err, "band_m",
                            "the distance band must be 0 metres or more, "
                            "found %g",
                            o->band_m);
    return POVATLAS_OK;
}

povatlas_spatial_result *
povatlas_spatial_compute(const povatlas_spatial_input *in,
                         const povatlas_spatial_opts *o, povatlas_error **err)
{
    if (!in || !o || !in->x || !in->wkb || !in->wkb_size || !in->ids)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no input given"),
               NULL;
    if (check_ranges(o, err))
        return NULL;
    subset s;
    povatlas_status st = subset_make(in, &s, err);
    povatlas_weights *w = NULL;
    povatlas_spatial_result *r = NULL;
    if (!st)
        st = check_constant(&s, err);
    povatlas_error *w_err = NULL;
    if (!st && !(w = build_weights(&s, o, &w_err)))
        st = povatlas_error_propagate_or(err, w_err, POVATLAS_E_INPUT);
    if (!st && !(r = result_new(in, &s, o)))
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the result");
    if (!st)
        st = compute_into(r, w, &s, o, err);
    povatlas_weights_free(w);
    subset_clear(&s);
    if (st) {
        povatlas_spatial_result_free(r);
        return NULL;
    }
    return r;
}

/* ------------------------------------------------------ layer reading */

typedef struct layer_data {
    GPtrArray *ids; /* char * */
    GArray *x, *events, *population;
    GPtrArray *wkb;   /* unsigned char * or NULL */
    GArray *wkb_size; /* size_t */
    char *srs_wkt;    /* (nullable) */
} layer_data;

static void layer_data_init(layer_data *d)
{
    d->ids = g_ptr_array_new_with_free_func(g_free);
    d->x = g_array_new(FALSE, FALSE, sizeof(double));
    d->events = g_array_new(FALSE, FALSE, sizeof(double));
    d->population = g_array_new(FALSE, FALSE, sizeof(double));
    d->wkb = g_ptr_array_new_with_free_func(g_free);
    d->wkb_size = g_array_new(FALSE, FALSE, sizeof(size_t));
    d->srs_wkt = NULL;
}

static void layer_data_clear(layer_data *d)
{
    g_ptr_array_unref(d->ids);
    g_array_unref(d->x);
    g_array_unref(d->events);
    g_array_unref(d->population);
    g_ptr_array_unref(d->wkb);
    g_array_unref(d->wkb_size);
    CPLFree(d->srs_wkt);
}

static int field_index(OGRFeatureDefnH defn, const char *name,
                       const char *layer, povatlas_error **err)
{
    int i = OGR_FD_GetFieldIndex(defn, name);
    if (i < 0)
        povatlas_error_set_at(err, POVATLAS_E_USAGE, NULL, 0, name,
                              "no field '%s' in layer '%s'", name, layer);
    return i;
}

/* The value of a numeric field, or a string field that holds a number;
 * NAN when NULL or not a number. */
static double field_number(OGRFeatureH f, int i)
{
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return NAN;
    OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i));
    if (t == OFTInteger || t == OFTInteger64 || t == OFTReal)
        return OGR_F_GetFieldAsDouble(f, i);
    const char *s = OGR_F_GetFieldAsString(f, i);
    char *end = NULL;
    double v = g_ascii_strtod(s, &end);
    while (end && g_ascii_isspace(*end))
        end++;
    return end == s || (end && *end) ? NAN : v;
}

/* Polygon WKB of the feature (2D), NULL for an empty geometry. */
static povatlas_status feature_wkb(OGRFeatureH f, long row, unsigned char **wkb,
                                   size_t *size, povatlas_error **err)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    *wkb = NULL;
    *size = 0;
    if (!g || OGR_G_IsEmpty(g))
        return POVATLAS_OK;
    if (OGR_G_GetGeometryType(g) == wkbMultiPolygon) { /* already 2D multi */
        povatlas_status st = export_wkb(g, wkb, size);
        if (st == POVATLAS_E_NOMEM)
            return povatlas_error_set_at(err, st, NULL, row, NULL,
                                         "out of memory for the geometry");
        if (st)
            return povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL, row, NULL,
                                         "cannot write the geometry as WKB");
        return POVATLAS_OK;
    }
    if (OGR_G_GetGeometryType(g) == wkbPolygon &&
        G_BYTE_ORDER == G_LITTLE_ENDIAN) {
        /* a 2D polygon: the WKB of the one-polygon MultiPolygon that
         * ForceToMultiPolygon gives (header, count 1, the polygon's own
         * WKB), byte for byte, without cloning the geometry (a national
         * layer of polygons spent a third of its read in the clone) */
        size_t body = OGR_G_WkbSizeEx(g);
        unsigned char *w = povatlas_try_malloc(9 + body);
        if (!w)
            return povatlas_error_set_at(err, POVATLAS_E_NOMEM, NULL, row, NULL,
                                         "out of memory for the geometry");
        const uint32_t multi = wkbMultiPolygon, one = 1;
        w[0] = wkbNDR;
        memcpy(w + 1, &multi, 4);
        memcpy(w + 5, &one, 4);
        if (OGR_G_ExportToIsoWkb(g, wkbNDR, w + 9) != OGRERR_NONE) {
            g_free(w);
            return povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL, row, NULL,
                                         "cannot write the geometry as WKB");
        }
        *wkb = w;
        *size = 9 + body;
        return POVATLAS_OK;
    }
    g = OGR_G_ForceToMultiPolygon(OGR_G_Clone(g));
    OGRwkbGeometryType t = g ? wkbFlatten(OGR_G_GetGeometryType(g)) : wkbNone;
    if (t != wkbMultiPolygon && t != wkbPolygon) {
        OGR_G_DestroyGeometry(g);
        return povatlas_error_set_at(err, POVATLAS_E_GEOM, NULL, row, NULL,
                                     "the geometry is not a polygon");
    }
    OGR_G_FlattenTo2D(g);
    povatlas_status st = export_wkb(g, wkb, size);
    OGR_G_DestroyGeometry(g);
    if (st)
        return povatlas_error_set_at(err, st, NULL, row, NULL,
                                     st == POVATLAS_E_NOMEM
                                         ? "out of memory for the geometry"
                                         : "cannot write the geometry as WKB");
    return POVATLAS_OK;
}

typedef struct fields {
    int x, ev, pop, id;
} fields;

static povatlas_status find_fields(OGRLayerH lyr,
                                   const povatlas_spatial_opts *o, fields *fl,
                                   povatlas_error **err)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
    const char *name = OGR_L_GetName(lyr);
    *fl = (fields){-1, -1, -1, -1};
    if (o->field && (fl->x = field_index(defn, o->field, name, err)) < 0)
        return POVATLAS_E_USAGE;
    if (o->rate_events &&
        (fl->ev = field_index(defn, o->rate_events, name, err)) < 0)
        return POVATLAS_E_USAGE;
    if (o->rate_population &&
        (fl->pop = field_index(defn, o->rate_population, name, err)) < 0)
        return POVATLAS_E_USAGE;
    if (o->id_field && (fl->id = field_index(defn, o->id_field, name, err)) < 0)
        return POVATLAS_E_USAGE;
    return POVATLAS_OK;
}

static povatlas_status read_feature(OGRFeatureH f, const fields *fl, long row,
                                    layer_data *d, povatlas_error **err)
{
    unsigned char *wkb = NULL;
    size_t size = 0;
    povatlas_status st = feature_wkb(f, row, &wkb, &size, err);
    if (st)
        return st;
    char *id = fl->id >= 0
                   ? g_strdup(OGR_F_GetFieldAsString(f, fl->id))
                   : g_strdup_printf("%lld", (long long)OGR_F_GetFID(f));
    double ev = fl->ev >= 0 ? field_number(f, fl->ev) : NAN;
    double pop = fl->pop >= 0 ? field_number(f, fl->pop) : NAN;
    double x = fl->x >= 0 ? field_number(f, fl->x) : pop > 0 ? ev / pop : NAN;
    g_ptr_array_add(d->ids, id);
    g_array_append_val(d->x, x);
    g_array_append_val(d->events, ev);
    g_array_append_val(d->population, pop);
    g_ptr_array_add(d->wkb, wkb);
    g_array_append_val(d->wkb_size, size);
    return POVATLAS_OK;
}

static OGRLayerH open_layer(GDALDatasetH ds, const char *path, const char *name,
                            povatlas_error **err)
{
    OGRLayerH lyr =
        name ? GDALDatasetGetLayerByName(ds, name) : GDALDatasetGetLayer(ds, 0);
    if (!lyr)
        povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                              name ? "no layer '%s'" : "no layer%s",
                              name ? name : "");
    return lyr;
}

static povatlas_status read_layer(const char *path,
                                  const povatlas_spatial_opts *o, layer_data *d,
                                  povatlas_error **err)
{
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!ds)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot open as a vector file");
    OGRLayerH lyr = open_layer(ds, path, o->layer, err);
    fields fl;
    povatlas_status st = lyr ? find_fields(lyr, o, &fl, err) : POVATLAS_E_USAGE;
    OGRSpatialReferenceH srs = lyr ? OGR_L_GetSpatialRef(lyr) : NULL;
    if (!st && srs)
        OSRExportToWkt(srs, &d->srs_wkt);
    OGRFeatureH f;
    long row = 0;
    if (!st)
        OGR_L_ResetReading(lyr);
    while (!st) {
        g_autofree char *why = gdal_errors_next_feature(lyr, &f);
        if (why)
            st = povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                       "cannot read the feature after "
                                       "feature %ld: %s",
                                       row, why);
        if (!f)
            break;
        st = read_feature(f, &fl, ++row, d, err);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    if (st && err && *err && !(*err)->file)
        (*err)->file = g_strdup(path);
    return st;
}

static povatlas_status check_opts(const povatlas_spatial_opts *o,
                                  povatlas_error **err)
{
    povatlas_status st = check_ranges(o, err);
    if (st)
        return st;
    int rate = o->rate_events || o->rate_population;
    if (rate && !(o->rate_events && o->rate_population))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "a rate needs both POOR and TOTAL fields");
    if (rate == (o->field != NULL))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "give either a field or a rate");
    return POVATLAS_OK;
}

/* Reprojects the layer's WKB into @out (same length) and returns the
 * CRS used; a layer without a CRS is taken as planar as it is. */
static povatlas_status layer_to_metres(layer_data *d,
                                       const povatlas_spatial_opts *o,
                                       GPtrArray *out, GArray *out_size,
                                       char **crs, povatlas_error **err)
{
    size_t n = d->wkb->len;
    g_array_set_size(out_size, (guint)n);
    /* Contiguity by coincident vertices (snap 0) needs no metres: any
     * projection keeps equal points equal, so the links are those of the
     * layer's own coordinates (as spdep's poly2nb takes them). Projecting
     * 3 million vertices was most of a national run. The CRS is still
     * named and checked. */
    int coincident = (o->weights == POVATLAS_SPATIAL_QUEEN ||
                      o->weights == POVATLAS_SPATIAL_ROOK) &&
                     o->snap_m == 0;
    if (coincident && (d->srs_wkt || o->t_srs)) {
        povatlas_status st =
            project_or_name((const unsigned char *const *)d->wkb->pdata,
                            (const size_t *)(void *)d->wkb_size->data, n,
                            d->srs_wkt ? d->srs_wkt : "EPSG:4326", o->t_srs,
                            NULL, NULL, crs, err);
        if (st)
            return st;
    }
    if (coincident || (!d->srs_wkt && !o->t_srs)) {
        for (size_t i = 0; i < n; i++) { /* moved, not copied */
            g_ptr_array_add(out, g_ptr_array_index(d->wkb, i));
            g_ptr_array_index(d->wkb, i) = NULL;
            g_array_index(out_size, size_t, i) =
                g_array_index(d->wkb_size, size_t, i);
        }
        if (!coincident)
            *crs = NULL;
        return POVATLAS_OK;
    }
    g_ptr_array_set_size(out, (guint)n);
    return povatlas_spatial_project_wkb(
        (const unsigned char *const *)d->wkb->pdata,
        (const size_t *)(void *)d->wkb_size->data, n,
        d->srs_wkt ? d->srs_wkt : "EPSG:4326", o->t_srs,
        (unsigned char **)out->pdata, (size_t *)(void *)out_size->data, crs,
        err);
}

povatlas_spatial_result *
povatlas_spatial_layer_analyze(const char *path, const povatlas_spatial_opts *o,
                               povatlas_error **err)
{
    if (check_opts(o, err))
        return NULL;
    gdal_errors ge;
    gdal_errors_push(&ge);
    layer_data d;
    layer_data_init(&d);
    povatlas_status st = read_layer(path, o, &d, err);
    g_autofree char *gdal_msg = gdal_errors_pop(&ge);
    if (st && err && *err && gdal_msg)
        povatlas_error_prefix(*err, "%s", gdal_msg);
    g_autoptr(GPtrArray) metric = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) metric_size = g_array_new(FALSE, TRUE, sizeof(size_t));
    g_autofree char *crs = NULL;
    if (!st)
        st = layer_to_metres(&d, o, metric, metric_size, &crs, err);
    povatlas_spatial_result *r = NULL;
    if (!st) {
        int rate = o->rate_events != NULL;
        povatlas_spatial_input in = {
            .n = d.ids->len,
            .ids = (const char *const *)d.ids->pdata,
            .x = (const double *)(void *)d.x->data,
            .events = rate ? (const double *)(void *)d.events->data : NULL,
            .population =
                rate ? (const double *)(void *)d.population->data : NULL,
            .wkb = (const unsigned char *const *)metric->pdata,
            .wkb_size = (const size_t *)(void *)metric_size->data,
            .crs = crs,
        };
        r = povatlas_spatial_compute(&in, o, err);
    }
    layer_data_clear(&d);
    return r;
}

/* ------------------------------------------------------------ output */

static void put_num(GString *s, double v, int json)
{
    if (isfinite(v)) /* + 0.0 turns an island's -0 into 0 */
        g_string_append_printf(s, "%.17g", v + 0.0);
    else if (json)
        g_string_append(s, "null");
}

static void put_csv_text(GString *s, const char *t)
{
    if (!strpbrk(t, ",\"\r\n")) {
        g_string_append(s, t);
        return;
    }
    g_string_append_c(s, '"');
    for (const char *p = t; *p; p++) {
        if (*p == '"')
            g_string_append_c(s, '"');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

static void put_json_text(GString *s, const char *t)
{
    if (!t) {
        g_string_append(s, "null");
        return;
    }
    g_string_append_c(s, '"');
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(s, "\\%c", *p);
        else if (*p < 0x20)
            g_string_append_printf(s, "\\u%04x", *p);
        else
            g_string_append_c(s, (char)*p);
    }
    g_string_append_c(s, '"');
}

static const char *const LISA_LABELS[] = {"not significant", "High-High",
                                          "Low-Low",         "Low-High",
                                          "High-Low",        "island"};

/* One named value of a row, in output order. */
typedef struct cell {
    const char *name;
    double value;
} cell;

static size_t local_cells(const povatlas_spatial_result *r, size_t i, cell *c)
{
    const povatlas_local_stats *l = r->local;
    size_t k = 0;
    c[k++] = (cell){"x", r->x[i]};
    c[k++] = (cell){"lag_x", l->lag_x[i]};
    c[k++] = (cell){"Ii", l->ii[i]};
    c[k++] = (cell){"E_Ii", l->e_ii[i]};
    c[k++] = (cell){"Var_Ii", l->var_ii[i]};
    c[k++] = (cell){"Z_Ii", l->z_ii[i]};
    c[k++] = (cell){"E_Ii_total", l->e_ii_total[i]};
    c[k++] = (cell){"Var_Ii_total", l->var_ii_total[i]};
    c[k++] = (cell){"Z_Ii_total", l->z_ii_total[i]};
    c[k++] = (cell){"Gi_z", l->gi_z[i]};
    c[k++] = (cell){"Gistar_z", l->gistar_z[i]};
    if (r->p_sim)
        c[k++] = (cell){"p_sim", r->p_sim[i]};
    if (r->eb_global) {
        c[k++] = (cell){"eb_global", r->eb_global[i]};
        c[k++] = (cell){"eb_local", r->eb_local[i]};
    }
    return k;
}

static size_t global_cells(const povatlas_spatial_result *r, cell *c)
{
    const povatlas_global_stats *g = &r->global;
    const cell base[] = {
        {"n", (double)g->n},
        {"n_used", (double)g->n_used},
        {"n_islands", (double)g->n_islands},
        {"S0", g->s0},
        {"S1", g->s1},
        {"S2", g->s2},
        {"I", g->moran_i},
        {"E_I", g->moran_e},
        {"Var_I_norm", g->moran_var_norm},
        {"z_I_norm", g->moran_z_norm},
        {"Var_I_rand", g->moran_var_rand},
        {"z_I_rand", g->moran_z_rand},
        {"C", g->geary_c},
        {"E_C", g->geary_e},
        {"Var_C_norm", g->geary_var_norm},
        {"z_C_norm", g->geary_z_norm},
        {"Var_C_rand", g->geary_var_rand},
        {"z_C_rand", g->geary_z_rand},
    };
    size_t k = G_N_ELEMENTS(base);
    memcpy(c, base, sizeof base);
    if (r->has_permutations) {
        c[k++] = (cell){"permutations", (double)r->permutations};
        c[k++] = (cell){"seed", (double)r->seed};
        c[k++] = (cell){"mean_I_sim", r->global_perm.mean_perm};
        c[k++] = (cell){"p_sim_I", r->global_perm.p_folded};
        c[k++] = (cell){"p_sim_I_greater", r->global_perm.p_greater};
    }
    if (r->eb_global) {
        c[k++] = (cell){"EB_I", r->eb_moran_i};
        if (r->has_permutations)
            c[k++] = (cell){"EB_p_sim_I", r->eb_moran_p};
    }
    return k;
}

static void csv_local(const povatlas_spatial_result *r, GString *s)
{
    cell c[24];
    size_t k = local_cells(r, 0, c);
    g_string_append(s, "id,n_units,n_neighbours");
    for (size_t j = 0; j < k; j++)
        g_string_append_printf(s, ",%s", c[j].name);
    if (r->lisa)
        g_string_append(s, ",lisa_category,lisa_label");
    g_string_append_c(s, '\n');
    for (size_t i = 0; i < r->n; i++) {
        put_csv_text(s, r->ids[i]);
        if (r->analysed[i])
            g_string_append_printf(s, ",%zu,%zu", r->n_analysed,
                                   r->n_neighbours[i]);
        else
            g_string_append(s, ",,");
        local_cells(r, i, c);
        for (size_t j = 0; j < k; j++) {
            g_string_append_c(s, ',');
            put_num(s, c[j].value, 0);
        }
        if (r->lisa && r->lisa[i] >= 0 && r->lisa[i] <= 5)
            g_string_append_printf(s, ",%d,%s", r->lisa[i],
                                   LISA_LABELS[r->lisa[i]]);
        else if (r->lisa)
            g_string_append(s, ",,");
        g_string_append_c(s, '\n');
    }
}

static void csv_global(const povatlas_spatial_result *r, GString *s)
{
    cell c[32];
    size_t k = global_cells(r, c);
    for (size_t j = 0; j < k; j++)
        g_string_append_printf(s, "%s%s", j ? "," : "", c[j].name);
    g_string_append_c(s, '\n');
    for (size_t j = 0; j < k; j++) {
        if (j)
            g_string_append_c(s, ',');
        put_num(s, c[j].value, 0);
    }
    g_string_append_c(s, '\n');
}

static void json_cells(GString *s, const cell *c, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        g_string_append_printf(s, ", \"%s\": ", c[j].name);
        put_num(s, c[j].value, 1);
    }
}

static void json_unit(const povatlas_spatial_result *r, size_t i, GString *s)
{
    cell c[24];
    g_string_append(s, "    {\"id\": ");
    put_json_text(s, r->ids[i]);
    g_string_append(s, ", \"n_units\": ");
    if (r->analysed[i])
        g_string_append_printf(s, "%zu, \"n_neighbours\": %zu", r->n_analysed,
                               r->n_neighbours[i]);
    else
        g_string_append(s, "null, \"n_neighbours\": null");
    json_cells(s, c, local_cells(r, i, c));
    if (r->lisa) {
        int cat = r->lisa[i];
        g_string_append(s, ", \"lisa_category\": ");
        if (cat >= 0 && cat <= 5)
            g_string_append_printf(s, "%d, \"lisa_label\": \"%s\"", cat,
                                   LISA_LABELS[cat]);
        else
            g_string_append(s, "null, \"lisa_label\": null");
    }
    g_string_append_c(s, '}');
}

static void json_all(const povatlas_spatial_result *r, GString *s)
{
    cell c[32];
    size_t k = global_cells(r, c);
    g_string_append(s, "{\n  \"crs\": ");
    put_json_text(s, r->crs);
    g_string_append(s, ",\n  \"weights\": ");
    put_json_text(s, r->weights);
    g_string_append_printf(s, ",\n  \"n_features\": %zu", r->n);
    g_string_append(s, ",\n  \"caveat\": ");
    put_json_text(s, r->caveat);
    g_string_append(s, ",\n  \"note\": ");
    put_json_text(s, r->note);
    g_string_append(s, ",\n  \"islands\": [");
    for (size_t i = 0; i < r->n_islands; i++) {
        g_string_append(s, i ? ", " : "");
        put_json_text(s, r->islands[i]);
    }
    g_string_append(s, "],\n  \"global\": {");
    for (size_t j = 0; j < k; j++) {
        g_string_append_printf(s, "%s\"%s\": ", j ? ", " : "", c[j].name);
        put_num(s, c[j].value, 1);
    }
    g_string_append(s, "},\n  \"units\": [\n");
    for (size_t i = 0; i < r->n; i++) {
        json_unit(r, i, s);
        g_string_append(s, i + 1 < r->n ? ",\n" : "\n");
    }
    g_string_append(s, "  ]\n}\n");
}

char *povatlas_spatial_result_format(const povatlas_spatial_result *r,
                                     povatlas_spatial_format format)
{
    GString *s = g_string_new(NULL);
    if (format == POVATLAS_SPATIAL_CSV_GLOBAL)
        csv_global(r, s);
    else if (format == POVATLAS_SPATIAL_JSON)
        json_all(r, s);
    else
        csv_local(r, s);
    return g_string_free(s, FALSE);
}

povatlas_status povatlas_spatial_result_write(const povatlas_spatial_result *r,
                                              povatlas_spatial_format format,
                                              const char *path,
                                              povatlas_error **err)
{
    povatlas_tempfile tf;
    povatlas_status st = povatlas_tempfile_begin(&tf, path, err);
    if (st)
        return st;
    g_autofree char *text = povatlas_spatial_result_format(r, format);
    GError *ge = NULL;
    if (!g_file_set_contents(tf.temp_path, text, -1, &ge)) {
        povatlas_tempfile_abort(&tf);
        st = povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                   "cannot write: %s", ge->message);
        g_error_free(ge);
        return st;
    }
    return povatlas_tempfile_commit(&tf, err);
}
