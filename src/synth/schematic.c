/*
 * schematic.c - povatlas_schematic_write(): the schematic ward map of the
 * demo dataset. Builds the outline, sea and coast (outline.c), the ward
 * cells (power.c), the neighbouring land split into three districts by
 * direction from the city, converts everything to lon/lat and writes
 * wards_schematic.geojson and context.geojson (geojson.c). Never reads real
 * boundaries: only the centroids and reference areas of units.csv.
 */
#include <math.h>
#include <string.h>

#include "povatlas/core.h"
#include "synth/schematic_private.h"

#define DEFAULT_ITERATIONS 400

void povatlas_schematic_opts_init(povatlas_schematic_opts *opts)
{
    opts->units_path = NULL;
    opts->out_dir = NULL;
    opts->iterations = DEFAULT_ITERATIONS;
}

/* Neighbouring districts by bearing from the city centre (degrees
 * counter-clockwise from east), a schematic of the real layout. */
typedef struct sector {
    const char *name;
    double from, to;
} sector;
static const sector land_sectors[] = {{"Huyện Ninh Hải", 20.0, 120.0},
                                      {"Huyện Ninh Sơn", 120.0, 215.0},
                                      {"Huyện Ninh Phước", 215.0, 380.0}};

static GEOSGeometry *sector_polygon(GEOSContextHandle_t g, const double *c,
                                    const sector *s)
{
    enum { STEPS = 8 };
    double xy[2 * (STEPS + 2)];
    xy[0] = c[0];
    xy[1] = c[1];
    for (int k = 0; k <= STEPS; k++) {
        double a = (s->from + (s->to - s->from) * k / STEPS) * G_PI / 180.0;
        xy[2 * k + 2] = c[0] + 100000.0 * cos(a);
        xy[2 * k + 3] = c[1] + 100000.0 * sin(a);
    }
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r(g, STEPS + 3, 2);
    for (int k = 0; k < STEPS + 3; k++)
        GEOSCoordSeq_setXY_r(g, seq, (unsigned)k, xy[2 * (k % (STEPS + 2))],
                             xy[2 * (k % (STEPS + 2)) + 1]);
    return GEOSGeom_createPolygon_r(g, GEOSGeom_createLinearRing_r(g, seq),
                                    NULL, 0);
}

/* Frame minus city minus sea, one geometry per sector (transfer full). */
static void land_parts(schem_ctx *c, const schem_frame *f,
                       const GEOSGeometry *city, const double *centre,
                       GEOSGeometry **out)
{
    GEOSContextHandle_t g = c->g;
    GEOSCoordSequence *s = GEOSCoordSeq_create_r(g, 5, 2);
    const double bx[10] = {f->xmin, f->ymin, f->xmax, f->ymin, f->xmax,
                           f->ymax, f->xmin, f->ymax, f->xmin, f->ymin};
    for (unsigned k = 0; k < 5; k++)
        GEOSCoordSeq_setXY_r(g, s, k, bx[2 * k], bx[2 * k + 1]);
    GEOSGeometry *frame =
        GEOSGeom_createPolygon_r(g, GEOSGeom_createLinearRing_r(g, s), NULL, 0);
    GEOSGeometry *no_city = GEOSDifference_r(g, frame, city);
    GEOSGeometry *land = GEOSDifference_r(g, no_city, f->sea);
    for (size_t i = 0; i < G_N_ELEMENTS(land_sectors); i++) {
        GEOSGeometry *sec = sector_polygon(g, centre, &land_sectors[i]);
        GEOSGeometry *part = GEOSIntersection_r(g, land, sec);
        out[i] = part ? GEOSGeom_setPrecision_r(g, part, 1.0, 0) : NULL;
        GEOSGeom_destroy_r(g, part);
        GEOSGeom_destroy_r(g, sec);
    }
    GEOSGeom_destroy_r(g, frame);
    GEOSGeom_destroy_r(g, no_city);
    GEOSGeom_destroy_r(g, land);
}

static povatlas_status to_lonlat_all(schem_ctx *c, GEOSGeometry **gs, size_t n,
                                     povatlas_error **err)
{
    for (size_t i = 0; i < n; i++) {
        GEOSGeometry *ll = gs[i] ? povatlas_schem_to_lonlat(c, gs[i]) : NULL;
        if (gs[i])
            GEOSGeom_destroy_r(c->g, gs[i]);
        gs[i] = ll;
        if (!ll || GEOSisValid_r(c->g, ll) != 1)
            return povatlas_error_set(err, POVATLAS_E_GEOM,
                                      "schematic geometry %zu invalid after "
                                      "conversion to lon/lat: %s",
                                      i, c->message);
    }
    return POVATLAS_OK;
}

static povatlas_status write_wards(schem_ctx *c, const synth_units *u,
                                   GEOSGeometry **cells, const char *dir,
                                   povatlas_error **err)
{
    static const char *const keys[] = {
        "code", "name", "full_name", "unit_type", "urban", "zone", NULL};
    static const char *const int_keys[] = {"urban", NULL};
    g_autofree schem_feature *fs = g_new(schem_feature, u->n);
    g_autofree const char **vals = g_new(const char *, 6 * u->n);
    for (size_t i = 0; i < u->n; i++) {
        const synth_unit *w = &u->v[i];
        const char *v[6] = {
            w->code, w->name, w->full_name, w->unit_type, w->urban ? "1" : "0",
            w->zone};
        memcpy(vals + 6 * i, v, sizeof v);
        fs[i] = (schem_feature){cells[i], keys, vals + 6 * i};
    }
    g_autofree char *path =
        g_build_filename(dir, "wards_schematic.geojson", NULL);
    return povatlas_schem_write_geojson(c, path, "wards_schematic", fs, u->n,
                                        int_keys, err);
}

enum { CTX_SEA, CTX_LAND0, CTX_COAST = CTX_LAND0 + 3, CTX_OUTLINE, N_CTX };

static povatlas_status write_context(schem_ctx *c, GEOSGeometry **geoms,
                                     const char *dir, povatlas_error **err)
{
    static const char *const keys[] = {"role", "name", NULL};
    static const char *const vals[N_CTX][2] = {
        {"sea", "Biển Đông"},
        {"land", "Huyện Ninh Hải"},
        {"land", "Huyện Ninh Sơn"},
        {"land", "Huyện Ninh Phước"},
        {"coastline", "Bờ biển (sơ đồ)"},
        {"outline", "Thành phố Phan Rang – Tháp Chàm"}};
    schem_feature fs[N_CTX];
    for (int i = 0; i < N_CTX; i++)
        fs[i] = (schem_feature){geoms[i], keys, vals[i]};
    g_autofree char *path = g_build_filename(dir, "context.geojson", NULL);
    return povatlas_schem_write_geojson(c, path, "context", fs, N_CTX, NULL,
                                        err);
}

/* Context geometries in UTM (transfer full): sea, land x3, coast, outline. */
static void context_geoms(schem_ctx *c, const synth_units *u, const double *xy,
                          schem_frame *f, GEOSGeometry *const *cells,
                          GEOSGeometry **out)
{
    double centre[2] = {0.0, 0.0};
    for (size_t i = 0; i < u->n; i++) {
        centre[0] += xy[2 * i] / (double)u->n;
        centre[1] += xy[2 * i + 1] / (double)u->n;
    }
    g_autofree GEOSGeometry **copies = g_new(GEOSGeometry *, u->n);
    for (size_t i = 0; i < u->n; i++)
        copies[i] = GEOSGeom_clone_r(c->g, cells[i]);
    GEOSGeometry *coll = GEOSGeom_createCollection_r(c->g, GEOS_MULTIPOLYGON,
                                                     copies, (unsigned)u->n);
    out[CTX_OUTLINE] = GEOSUnaryUnionPrec_r(c->g, coll, 1.0);
    GEOSGeom_destroy_r(c->g, coll);
    out[CTX_SEA] = GEOSGeom_setPrecision_r(c->g, f->sea, 1.0, 0);
    out[CTX_COAST] = GEOSGeom_setPrecision_r(c->g, f->coast, 1.0, 0);
    land_parts(c, f, out[CTX_OUTLINE], centre, out + CTX_LAND0);
}

static void destroy_all(schem_ctx *c, GEOSGeometry **gs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (gs[i])
            GEOSGeom_destroy_r(c->g, gs[i]);
}

static povatlas_status draw(schem_ctx *c, const synth_units *u,
                            const povatlas_schematic_opts *opts,
                            const char *dir, povatlas_error **err)
{
    g_autofree double *xy = g_new(double, 2 * u->n);
    g_autofree GEOSGeometry **cells = g_new0(GEOSGeometry *, u->n);
    GEOSGeometry *ctx[N_CTX] = {0};
    schem_frame f = {0};
    povatlas_status st = povatlas_schem_project(c, u, xy, err);
    if (!st)
        st = povatlas_schem_frame_build(c, u, xy, &f, err);
    if (!st)
        st = povatlas_schem_cells_build(c, u, xy, f.city, opts->iterations,
                                        cells, err);
    if (!st)
        context_geoms(c, u, xy, &f, cells, ctx);
    if (!st)
        st = to_lonlat_all(c, cells, u->n, err);
    if (!st)
        st = to_lonlat_all(c, ctx, N_CTX, err);
    if (!st)
        st = write_wards(c, u, cells, dir, err);
    if (!st)
        st = write_context(c, ctx, dir, err);
    destroy_all(c, cells, u->n);
    destroy_all(c, ctx, N_CTX);
    povatlas_schem_frame_clear(c, &f);
    return st;
}

povatlas_status povatlas_schematic_write(const povatlas_schematic_opts *opts,
                                         povatlas_error **err)
{
    if (opts->iterations < 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "negative number of iterations");
    g_autofree char *dir = NULL;
    synth_units units;
    povatlas_status st = povatlas_synth_start(opts->units_path, opts->out_dir,
                                              &dir, &units, err);
    if (st)
        return st;
    schem_ctx c;
    st = povatlas_schem_ctx_open(&c, err);
    if (!st) {
        st = draw(&c, &units, opts, dir, err);
        povatlas_schem_ctx_close(&c);
    }
    povatlas_synth_units_clear(&units);
    return st;
}
