/*
 * zones.c - the planning zone of each ward: shipped in the unit table, or
 * derived in this order: an override file, then coastal (the ward within
 * coast_km of the coastline context layer), then peri-urban (rural unit
 * type, or centroid beyond periurban_km of the centre), else central.
 * Distances are GEOS distances in metres in the UTM zone of the city (PROJ),
 * so a kilometre means the same at every latitude. Each call owns its GEOS
 * and PROJ contexts. Rates by zone are in gaps.c.
 */
#include <math.h>
#include <string.h>

#include <geos_c.h>
#include <proj.h>

#include <glib.h>

#include "core/proj_errors.h"
#include "core/utm.h"
#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/zones.h"

void povatlas_zones_opts_init(povatlas_zones_opts *opts)
{
    opts->derive = 0;
    opts->coast_km = 1.0;
    opts->centre = NULL;
    opts->periurban_km = 2.5;
    opts->override_path = NULL;
    opts->year = 0;
    opts->store = 0;
}

void povatlas_zone_list_free(povatlas_zone_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        g_free(list->rows[i].code);
        g_free(list->rows[i].name);
    }
    g_free(list->rows);
    g_free(list->centre_code);
    g_free(list);
}

/* ------------------------------------------------- geometry in UTM metres */

typedef struct geo {
    GEOSContextHandle_t h;
    GEOSWKBReader *rd;
    PJ_CONTEXT *pj;
    PJ *tr;                /* EPSG:4326 (lon, lat) -> UTM */
    proj_errors pj_errors; /* PROJ's messages, never printed */
} geo;

static void geos_quiet(const char *fmt, ...) { (void)fmt; }

/* Opens the contexts; the UTM zone is the one of @wkb's centroid. */
static povatlas_status geo_open(geo *g, const unsigned char *wkb, size_t size,
                                povatlas_error **err)
{
    memset(g, 0, sizeof *g);
    g->h = GEOS_init_r();
    GEOSContext_setErrorHandler_r(g->h, geos_quiet);
    g->rd = GEOSWKBReader_create_r(g->h);
    g->pj = proj_errors_context(&g->pj_errors);
    GEOSGeometry *ll =
        wkb ? GEOSWKBReader_read_r(g->h, g->rd, wkb, size) : NULL;
    GEOSGeometry *c = ll ? GEOSGetCentroid_r(g->h, ll) : NULL;
    double lon = NAN, lat = NAN;
    if (c) {
        GEOSGeomGetX_r(g->h, c, &lon);
        GEOSGeomGetY_r(g->h, c, &lat);
        GEOSGeom_destroy_r(g->h, c);
    }
    if (ll)
        GEOSGeom_destroy_r(g->h, ll);
    if (!isfinite(lon) || !isfinite(lat))
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "the first ward has no readable boundary "
                                  "(import boundaries first)");
    g_autofree char *utm = utm_zone_crs(lon, lat);
    PJ *raw = proj_create_crs_to_crs(g->pj, "EPSG:4326", utm, NULL);
    g->tr = raw ? proj_normalize_for_visualization(g->pj, raw) : NULL;
    proj_destroy(raw);
    if (!g->tr)
        return povatlas_error_set(err, POVATLAS_E_GEOM,
                                  "cannot set up the projection to %s: %s", utm,
                                  proj_errors_why(&g->pj_errors, g->pj));
    return POVATLAS_OK;
}

static void geo_close(geo *g)
{
    proj_destroy(g->tr);
    proj_context_destroy(g->pj);
    GEOSWKBReader_destroy_r(g->h, g->rd);
    GEOS_finish_r(g->h);
}

static int to_utm(double *x, double *y, void *user_data)
{
    PJ_COORD c = proj_trans(user_data, PJ_FWD, proj_coord(*x, *y, 0, 0));
    *x = c.xy.x;
    *y = c.xy.y;
    return isfinite(*x) && isfinite(*y);
}

/* The WKB in UTM metres, or NULL when unreadable. */
static GEOSGeometry *geo_read(geo *g, const unsigned char *wkb, size_t size)
{
    if (!wkb)
        return NULL;
    GEOSGeometry *ll = GEOSWKBReader_read_r(g->h, g->rd, wkb, size);
    if (!ll)
        return NULL;
    GEOSGeometry *m = GEOSGeom_transformXY_r(g->h, ll, to_utm, g->tr);
    GEOSGeom_destroy_r(g->h, ll);
    return m;
}

/* -------------------------------------------------------------- derivation */

typedef struct ward_geom {
    GEOSGeometry *shape; /* UTM, owned */
    double cx, cy;       /* centroid, UTM */
    double area_m2;
} ward_geom;

static povatlas_status read_wards(geo *g, const povatlas_unit_list *units,
                                  ward_geom *w, povatlas_error **err)
{
    for (size_t i = 0; i < units->n; i++) {
        const povatlas_unit_row *u = &units->rows[i];
        w[i].shape = geo_read(g, u->wkb, u->wkb_size);
        if (!w[i].shape)
            return povatlas_error_set(err, POVATLAS_E_GEOM,
                                      "ward '%s' has no readable boundary "
                                      "(import boundaries first)",
                                      u->code);
        GEOSGeometry *c = GEOSGetCentroid_r(g->h, w[i].shape);
        GEOSGeomGetX_r(g->h, c, &w[i].cx);
        GEOSGeomGetY_r(g->h, c, &w[i].cy);
        GEOSGeom_destroy_r(g->h, c);
        GEOSArea_r(g->h, w[i].shape, &w[i].area_m2);
    }
    return POVATLAS_OK;
}

/* Distance of each ward to the nearest coastline feature; an error when
 * there is none or when none comes within @coast_m of any ward. */
static povatlas_status coast_distances(povatlas_workspace *ws, geo *g,
                                       const ward_geom *w, size_t n,
                                       double coast_m, double *dist,
                                       povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_context_list *ctx = povatlas_workspace_context(ws, &why);
    if (!ctx)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    size_t n_lines = 0;
    for (size_t i = 0; i < n; i++)
        dist[i] = INFINITY;
    for (size_t c = 0; c < ctx->n; c++) {
        if (strcmp(ctx->rows[c].role, "coastline") != 0)
            continue;
        GEOSGeometry *line =
            geo_read(g, ctx->rows[c].wkb, ctx->rows[c].wkb_size);
        if (!line)
            continue;
        n_lines++;
        for (size_t i = 0; i < n; i++) {
            double d;
            if (GEOSDistance_r(g->h, w[i].shape, line, &d) && d < dist[i])
                dist[i] = d;
        }
        GEOSGeom_destroy_r(g->h, line);
    }
    povatlas_context_list_free(ctx);
    if (!n_lines)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no coastline to derive the coastal zone "
                                  "from (import a context layer with role "
                                  "'coastline')");
    double nearest = INFINITY;
    for (size_t i = 0; i < n; i++)
        nearest = fmin(nearest, dist[i]);
    if (!(nearest <= coast_m))
        return povatlas_error_set(
            err, POVATLAS_E_INPUT,
            "the coastline does not reach the city: the nearest ward is "
            "%.1f km from it, more than the coastal distance %.1f km",
            nearest / 1000.0, coast_m / 1000.0);
    return POVATLAS_OK;
}

/* Index of the ward with most households per km² in @year (-1 when none);
 * -2 with @err set when the counts cannot be read. */
static long densest_ward(povatlas_workspace *ws, int year,
                         const povatlas_unit_list *units, const ward_geom *w,
                         povatlas_error **err)
{
    povatlas_counts_list *counts = povatlas_workspace_counts(ws, year, err);
    if (!counts)
        return -2;
    long best = -1;
    double best_d = -1;
    for (size_t i = 0; counts && i < units->n; i++)
        for (size_t k = 0; k < counts->n; k++) {
            const povatlas_unit_counts *c = &counts->rows[k];
            if (strcmp(c->code, units->rows[i].code) != 0 ||
                c->households <= 0 || w[i].area_m2 <= 0)
                continue;
            double d = (double)c->households / w[i].area_m2;
            if (d > best_d) {
                best_d = d;
                best = (long)i;
            }
        }
    povatlas_counts_list_free(counts);
    return best;
}

/* The centre in UTM: a ward code, "LON,LAT", or the densest ward. */
static povatlas_status find_centre(povatlas_workspace *ws,
                                   const povatlas_zones_opts *o, geo *g,
                                   const povatlas_unit_list *units,
                                   const ward_geom *w, double *cx, double *cy,
                                   char **code, povatlas_error **err)
{
    long k = -1;
    const char *c = o->centre;
    if (c && strchr(c, ',')) {
        char *end;
        double x = g_ascii_strtod(c, &end);
        double y = *end == ',' ? g_ascii_strtod(end + 1, &end) : NAN;
        if (*end || !isfinite(x) || !isfinite(y) || fabs(y) > 90)
            return povatlas_error_set(err, POVATLAS_E_USAGE,
                                      "centre '%s' is neither a ward code "
                                      "nor LON,LAT",
                                      c);
        return to_utm(&x, &y, g->tr)
                   ? (*cx = x, *cy = y, POVATLAS_OK)
                   : povatlas_error_set(err, POVATLAS_E_GEOM,
                                        "cannot project centre '%s'", c);
    }
    for (size_t i = 0; c && i < units->n; i++)
        if (strcmp(units->rows[i].code, c) == 0)
            k = (long)i;
    if (c && k < 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "unknown ward code '%s' for the centre", c);
    povatlas_error *read_err = NULL;
    if (!c)
        k = densest_ward(ws, o->year, units, w, &read_err);
    if (k == -2) /* the store's failure, as it is */
        return povatlas_error_propagate_or(err, read_err, POVATLAS_E_DB);
    if (k < 0) {
        povatlas_error_set(err, POVATLAS_E_INPUT,
                           "no ward has households to find the centre: give "
                           "the centre (a ward code or LON,LAT)");
        if (err)
            povatlas_error_set_option(*err, "centre");
        return POVATLAS_E_INPUT;
    }
    *cx = w[k].cx;
    *cy = w[k].cy;
    *code = g_strdup(units->rows[k].code);
    return POVATLAS_OK;
}

static povatlas_status derive(povatlas_workspace *ws,
                              const povatlas_zones_opts *o,
                              const povatlas_unit_list *units,
                              povatlas_zone_list *out, povatlas_error **err)
{
    geo g;
    povatlas_status st =
        geo_open(&g, units->rows[0].wkb, units->rows[0].wkb_size, err);
    ward_geom *w = g_new0(ward_geom, units->n);
    double *coast = g_new(double, units->n);
    double cx = 0, cy = 0;
    if (!st)
        st = read_wards(&g, units, w, err);
    if (!st)
        st = coast_distances(ws, &g, w, units->n, o->coast_km * 1000.0, coast,
                             err);
    if (!st)
        st = find_centre(ws, o, &g, units, w, &cx, &cy, &out->centre_code, err);
    for (size_t i = 0; !st && i < units->n; i++) {
        povatlas_zone_row *r = &out->rows[i];
        r->coast_m = coast[i];
        r->centre_m = hypot(w[i].cx - cx, w[i].cy - cy);
        if (coast[i] <= o->coast_km * 1000.0)
            r->zone = POVATLAS_ZONE_COASTAL,
            r->rule = POVATLAS_ZONE_RULE_COASTLINE;
        else if (!units->rows[i].urban)
            r->zone = POVATLAS_ZONE_PERIURBAN,
            r->rule = POVATLAS_ZONE_RULE_RURAL;
        else if (r->centre_m > o->periurban_km * 1000.0)
            r->zone = POVATLAS_ZONE_PERIURBAN,
            r->rule = POVATLAS_ZONE_RULE_DISTANCE;
        else
            r->zone = POVATLAS_ZONE_CENTRAL,
            r->rule = POVATLAS_ZONE_RULE_CENTRAL;
    }
    for (size_t i = 0; i < units->n; i++)
        if (w[i].shape)
            GEOSGeom_destroy_r(g.h, w[i].shape);
    g_free(w);
    g_free(coast);
    geo_close(&g);
    return st;
}

/* ---------------------------------------------------------------- overrides */

/* Applies "code,zone" lines of @path (a header line is skipped). */
static povatlas_status
apply_overrides(const char *path, povatlas_zone_list *out, povatlas_error **err)
{
    g_autofree char *text = NULL;
    GError *ge = NULL;
    if (!g_file_get_contents(path, &text, NULL, &ge)) {
        povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                              "cannot read the zone overrides: %s",
                              ge->message);
        g_error_free(ge);
        return POVATLAS_E_IO;
    }
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (long i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(g_strstrip(lines[i]), ",", 3);
        if (!f[0] || !*f[0] || (i == 0 && strcmp(f[0], "code") == 0))
            continue;
        povatlas_zone z = f[1] ? povatlas_zone_parse(g_strstrip(f[1]))
                               : POVATLAS_ZONE_UNKNOWN;
        if (z == POVATLAS_ZONE_UNKNOWN)
            return povatlas_error_set_at(
                err, POVATLAS_E_INPUT, path, i, "zone",
                "unknown zone '%s' (coastal, periurban or central)",
                f[1] ? f[1] : "");
        size_t k = 0;
        while (k < out->n && strcmp(out->rows[k].code, g_strstrip(f[0])) != 0)
            k++;
        if (k == out->n)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, i, "code",
                                         "unknown ward code '%s'", f[0]);
        out->rows[k].zone = z;
        out->rows[k].rule = POVATLAS_ZONE_RULE_OVERRIDE;
    }
    return POVATLAS_OK;
}

static povatlas_status store_zones(povatlas_workspace *ws,
                                   const povatlas_zone_list *zl,
                                   povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree int *years = povatlas_workspace_years(ws, &why);
    if (!years)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_status st = povatlas_workspace_begin(ws, err);
    for (size_t i = 0; !st && i < zl->n; i++) {
        const povatlas_zone_row *r = &zl->rows[i];
        st = povatlas_workspace_set_unit_zone(
            ws, r->code, r->zone ? povatlas_zone_name(r->zone) : NULL, err);
        for (int *y = years; !st && *y; y++)
            st = povatlas_workspace_put_indicator(
                ws, r->code, *y, POVATLAS_IND_ZONE, r->zone, r->zone != 0, err);
    }
    if (!st) /* the stored zone rates follow the new zones */
        st = povatlas_zone_rates_store(ws, err);
    if (!st)
        return povatlas_workspace_commit(ws, err);
    povatlas_workspace_rollback(ws, err);
    return st;
}

povatlas_zone_list *povatlas_zones_compute(povatlas_workspace *ws,
                                           const povatlas_zones_opts *opts,
                                           povatlas_error **err)
{
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    if (opts)
        o = *opts;
    if (!o.year && povatlas_workspace_latest_year(ws, &o.year, err))
        return NULL;
    povatlas_unit_list *units = povatlas_workspace_units(ws, o.year, err);
    if (!units)
        return NULL;
    povatlas_zone_list *out = g_new0(povatlas_zone_list, 1);
    out->n = units->n;
    out->rows = g_new0(povatlas_zone_row, units->n);
    for (size_t i = 0; i < units->n; i++) {
        out->rows[i].code = g_strdup(units->rows[i].code);
        out->rows[i].name = g_strdup(units->rows[i].name);
        out->rows[i].zone = povatlas_zone_parse(units->rows[i].zone);
        out->rows[i].rule = POVATLAS_ZONE_RULE_SHIPPED;
        out->rows[i].coast_m = out->rows[i].centre_m = NAN;
    }
    povatlas_status st = POVATLAS_OK;
    if (!units->n)
        st = povatlas_error_set(err, POVATLAS_E_INPUT,
                                "no units in the workspace");
    if (!st && o.derive)
        st = derive(ws, &o, units, out, err);
    povatlas_unit_list_free(units);
    if (!st && o.override_path)
        st = apply_overrides(o.override_path, out, err);
    if (!st && o.store)
        st = store_zones(ws, out, err);
    if (st) {
        povatlas_zone_list_free(out);
        return NULL;
    }
    return out;
}
