/*
 * units.c - administrative units keyed by code and validity period, their
 * geometry, and the ward statistics (rate denominators) of each year.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "store_private.h"

povatlas_status povatlas_workspace_put_unit(povatlas_workspace *ws,
                                            const povatlas_unit *u,
                                            povatlas_error **err)
{
    /* Upsert that keeps an existing geometry. */
    db_stmt *st = store_prepare(
        ws,
        "INSERT INTO units(code, valid_from, valid_to, name, full_name,"
        " unit_type, urban, zone, province_code, district_code)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        " ON CONFLICT(code, valid_from) DO UPDATE SET valid_to = ?3,"
        " name = ?4, full_name = ?5, unit_type = ?6, urban = ?7, zone = ?8,"
        " province_code = ?9, district_code = ?10",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, u->code);
    store_bind_text(st, 2, u->valid_from ? u->valid_from : "0001-01-01");
    store_bind_text(st, 3, u->valid_to);
    store_bind_text(st, 4, u->name);
    store_bind_text(st, 5, u->full_name);
    store_bind_text(st, 6, u->unit_type);
    db_bind_int(st, 7, u->urban ? 1 : 0);
    store_bind_text(st, 8, u->zone);
    store_bind_text(st, 9, u->province_code);
    store_bind_text(st, 10, u->district_code);
    povatlas_status s = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        s = store_fail(ws, err, "cannot store unit");
    db_finalize(st);
    return s;
}

/* SQL condition (on units u) choosing the periods of ?2 that a geometry
 * for day ?3 (NULL: every period) belongs to. */
#define UNIT_PERIODS_ON                                                        \
    "u.code = ?2 AND (?3 IS NULL OR (u.valid_from <= ?3 AND"                   \
    " (u.valid_to IS NULL OR u.valid_to >= ?3)))"

/* Prepares *@slot once for the workspace's life. */
static db_stmt *prepared(povatlas_workspace *ws, db_stmt **slot,
                         const char *sql, povatlas_error **err)
{
    if (!*slot)
        *slot = store_prepare(ws, sql, err);
    return *slot;
}

/* Steps a statement kept prepared and resets it for the next call. */
static povatlas_status step_kept(povatlas_workspace *ws, db_stmt *st,
                                 const char *what, povatlas_error **err)
{
    povatlas_status s = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        s = store_fail(ws, err, what);
    db_reset(st);
    db_clear_bindings(st);
    return s;
}

povatlas_status povatlas_workspace_set_unit_geometry(
    povatlas_workspace *ws, const char *code, const char *valid_on,
    const unsigned char *wkb, size_t wkb_size, int *n_set, povatlas_error **err)
{
    db_stmt *st = prepared(
        ws, &ws->set_geometry,
        "UPDATE units AS u SET geom = CastToMultiPolygon(GeomFromWKB(?1, 4326))"
        " WHERE " UNIT_PERIODS_ON,
        err);
    db_stmt *unmeasure =
        st ? prepared(ws, &ws->unmeasure_areas,
                      "INSERT OR REPLACE INTO unit_areas(code, valid_from)"
                      " SELECT u.code, u.valid_from FROM units u"
                      " WHERE " UNIT_PERIODS_ON,
                      err)
           : NULL;
    if (!unmeasure)
        return store_status(ws);
    db_bind_blob_static(st, 1, wkb, wkb_size);
    store_bind_text(st, 2, code);
    store_bind_text(st, 3, valid_on);
    int stored = 0;
    if (store_step(st) == DB_DONE)
        stored = db_changes(ws->db);
    else {
        povatlas_status s = store_fail(ws, err, "cannot store unit geometry");
        db_reset(st);
        db_clear_bindings(st);
        return s;
    }
    db_reset(st);
    db_clear_bindings(st);
    /* the new geometry's areas are not measured yet */
    store_bind_text(unmeasure, 2, code);
    store_bind_text(unmeasure, 3, valid_on);
    povatlas_status s =
        step_kept(ws, unmeasure, "cannot store unit geometry", err);
    if (!s && n_set)
        *n_set = stored;
    return s;
}

povatlas_status
povatlas_workspace_set_unit_areas(povatlas_workspace *ws, const char *code,
                                  const char *valid_on, double geodesic_km2,
                                  double utm_km2, povatlas_error **err)
{
    db_stmt *st = prepared(
        ws, &ws->set_areas,
        "UPDATE unit_areas SET geodesic_km2 = ?1, utm_km2 = ?4"
        " WHERE (code, valid_from) IN (SELECT u.code, u.valid_from FROM units u"
        " WHERE " UNIT_PERIODS_ON ")",
        err);
    if (!st)
        return store_status(ws);
    db_bind_double(st, 1, geodesic_km2);
    store_bind_text(st, 2, code);
    store_bind_text(st, 3, valid_on);
    db_bind_double(st, 4, utm_km2);
    return step_kept(ws, st, "cannot store unit areas", err);
}

povatlas_unit_area_list *povatlas_workspace_unit_areas(povatlas_workspace *ws,
                                                       povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "SELECT code, valid_from, geodesic_km2, utm_km2 FROM unit_areas"
        " ORDER BY code, valid_from",
        err);
    if (!st)
        return NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_unit_area));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_unit_area a = {store_column_dup(st, 0),
                                store_column_dup(st, 1),
                                store_column_double_or_nan(st, 2),
                                store_column_double_or_nan(st, 3)};
        if (isnan(a.geodesic_km2) || isnan(a.utm_km2))
            a.geodesic_km2 = a.utm_km2 = NAN;
        g_array_append_val(rows, a);
    }
    povatlas_unit_area_list *list = g_new0(povatlas_unit_area_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_unit_area *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        store_fail(ws, err, "cannot read unit areas");
        povatlas_unit_area_list_free(list);
        list = NULL;
    }
    db_finalize(st);
    return list;
}

void povatlas_unit_area_list_free(povatlas_unit_area_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        g_free(list->rows[i].code);
        g_free(list->rows[i].valid_from);
    }
    g_free(list->rows);
    g_free(list);
}

povatlas_status store_schema_unit_areas(povatlas_workspace *ws,
                                        povatlas_error **err)
{
    return store_exec(ws,
                      "CREATE TABLE unit_areas("
                      "  code TEXT NOT NULL, valid_from TEXT NOT NULL,"
                      "  geodesic_km2 REAL, utm_km2 REAL,"
                      "  PRIMARY KEY (code, valid_from))",
                      err);
}

povatlas_status store_migrate_unit_areas(povatlas_workspace *ws,
                                         povatlas_error **err)
{
    povatlas_status st = store_schema_unit_areas(ws, err);
    return st ? st
              : store_exec(ws,
                           "INSERT INTO unit_areas(code, valid_from)"
                           " SELECT code, valid_from FROM units"
                           " WHERE geom IS NOT NULL",
                           err);
}

/* SpatiaLite's geometry BLOB: 0x00, byte order, SRID, MBR (4 doubles),
 * 0x7C, class, the geometry as in WKB but each polygon of a collection
 * marked 0x69 instead of a byte order, 0xFE. */
#define BLOB_HEAD 43 /* up to and including the class */

static int blob_u32(const unsigned char *b, size_t n, size_t at, uint32_t *v)
{
    if (at > n || n - at < 4)
        return 0;
    memcpy(v, b + at, 4);
    return 1;
}

/* The rings of a polygon at @at of @b (body of @n bytes), 2D: the offset
 * after them, 0 when they run past the end. */
static size_t blob_polygon(const unsigned char *b, size_t n, size_t at)
{
    uint32_t nr;
    if (!blob_u32(b, n, at, &nr))
        return 0;
    at += 4;
    for (uint32_t r = 0; r < nr; r++) {
        uint32_t np;
        if (!blob_u32(b, n, at, &np) || (n - at - 4) / 16 < np)
            return 0;
        at += 4 + 16 * (size_t)np;
    }
    return at;
}

/* The WKB AsBinary() makes of a little-endian 2D Polygon or MultiPolygon
 * BLOB, byte for byte, without SpatiaLite's parse and export (a national
 * read of 10,600 communes, 3.2 M points, spent most of its time there);
 * NULL for any other BLOB (then AsBinary() reads it). */
unsigned char *store_blob_to_wkb(const unsigned char *blob, size_t size,
                                 size_t *wkb_size)
{
    uint32_t type;
    if (blob == NULL || size < BLOB_HEAD + 5 || blob[0] != 0x00 ||
        blob[1] != 0x01 || blob[38] != 0x7C || blob[size - 1] != 0xFE ||
        !blob_u32(blob, size, 39, &type) || (type != 3 && type != 6))
        return NULL;
    const unsigned char *b = blob + BLOB_HEAD;
    size_t n = size - BLOB_HEAD - 1, end = 0;
    unsigned char *w = g_malloc(5 + n);
    w[0] = 0x01;
    memcpy(w + 1, &type, 4);
    memcpy(w + 5, b, n);
    if (type == 3) {
        end = blob_polygon(b, n, 0);
    } else {
        uint32_t np;
        size_t at = 4;
        int ok = blob_u32(b, n, 0, &np);
        for (uint32_t i = 0; ok && i < np; i++) {
            uint32_t t;
            ok =
                at < n && b[at] == 0x69 && blob_u32(b, n, at + 1, &t) && t == 3;
            if (ok) {
                w[5 + at] = 0x01;
                at = blob_polygon(b, n, at + 5);
                ok = at != 0;
            }
        }
        end = ok ? at : 0;
    }
    if (end != n) {
        g_free(w);
        return NULL;
    }
    *wkb_size = 5 + n;
    return w;
}

/* Column @i of @st, SpatiaLite's BLOB when @raw (else already WKB), as
 * WKB into @wkb (transfer full) (nullable); 0 when AsBinary() fails. */
static int column_wkb(povatlas_workspace *ws, db_stmt *st, int i, int raw,
                      db_stmt **as_binary, unsigned char **wkb, size_t *size)
{
    int n = db_column_bytes(st, i);
    const unsigned char *b = db_column_blob(st, i);
    *wkb = NULL;
    *size = 0;
    if (n <= 0 || b == NULL)
        return 1;
    if (!raw) {
        *size = (size_t)n;
        *wkb = g_memdup2(b, (gsize)n);
        return 1;
    }
    if ((*wkb = store_blob_to_wkb(b, (size_t)n, size)) != NULL)
        return 1;
    if (*as_binary == NULL &&
        (*as_binary = store_prepare(ws, "SELECT AsBinary(?1)", NULL)) == NULL)
        return 0;
    db_bind_blob_static(*as_binary, 1, b, (size_t)n);
    int rc = store_step(*as_binary);
    if (rc == DB_ROW && db_column_bytes(*as_binary, 0) > 0) {
        *size = (size_t)db_column_bytes(*as_binary, 0);
        *wkb = g_memdup2(db_column_blob(*as_binary, 0), (gsize)*size);
    }
    db_reset(*as_binary);
    db_clear_bindings(*as_binary);
    return rc == DB_ROW;
}

povatlas_unit_list *store_read_units(povatlas_workspace *ws, db_stmt *st,
                                     int raw, povatlas_error **err)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_unit_row));
    db_stmt *as_binary = NULL;
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_unit_row r = {0};
        r.code = store_column_dup(st, 0);
        r.name = store_column_dup(st, 1);
        r.full_name = store_column_dup(st, 2);
        r.unit_type = store_column_dup(st, 3);
        r.urban = db_column_int(st, 4);
        r.zone = store_column_dup(st, 5);
        r.valid_from = store_column_dup(st, 6);
        r.valid_to = store_column_dup(st, 7);
        int ok = column_wkb(ws, st, 8, raw, &as_binary, &r.wkb, &r.wkb_size);
        g_array_append_val(rows, r);
        if (!ok) {
            rc = DB_ERROR;
            break;
        }
    }
    if (as_binary != NULL)
        db_finalize(as_binary);
    povatlas_unit_list *list = g_new0(povatlas_unit_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_unit_row *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        store_fail(ws, err, "cannot read units");
        povatlas_unit_list_free(list);
        return NULL;
    }
    return list;
}

static povatlas_unit_list *read_units(povatlas_workspace *ws, int year,
                                      int geometry, povatlas_error **err)
{
    /* SQLite: SpatiaLite's BLOB, made WKB here (store_blob_to_wkb) */
    int raw = geometry && db_backend_of(ws->db) == DB_SQLITE;
    const char *sql =
        raw ? "SELECT u.code, u.name, u.full_name, u.unit_type, u.urban,"
              " u.zone, u.valid_from, u.valid_to, u.geom FROM units u"
              " WHERE ?2 = 0 OR " STORE_UNIT_IN_YEAR
              " ORDER BY u.code, u.valid_from"
        : geometry
            ? "SELECT u.code, u.name, u.full_name, u.unit_type, u.urban,"
              " u.zone, u.valid_from, u.valid_to, AsBinary(u.geom) FROM units u"
              " WHERE ?2 = 0 OR " STORE_UNIT_IN_YEAR
              " ORDER BY u.code, u.valid_from"
            : "SELECT u.code, u.name, u.full_name, u.unit_type, u.urban,"
              " u.zone, u.valid_from, u.valid_to, NULL FROM units u"
              " WHERE ?2 = 0 OR " STORE_UNIT_IN_YEAR
              " ORDER BY u.code, u.valid_from";
    db_stmt *st = store_prepare(ws, sql, err);
    if (!st)
        return NULL;
    g_autofree char *day = g_strdup_printf("%04d-12-31", year);
    store_bind_text(st, 1, day);
    db_bind_int(st, 2, year);
    povatlas_unit_list *list = store_read_units(ws, st, raw, err);
    db_finalize(st);
    return list;
}

povatlas_unit_list *povatlas_workspace_units(povatlas_workspace *ws, int year,
                                             povatlas_error **err)
{
    return read_units(ws, year, 1, err);
}

povatlas_unit_list *povatlas_workspace_unit_attributes(povatlas_workspace *ws,
                                                       int year,
                                                       povatlas_error **err)
{
    return read_units(ws, year, 0, err);
}

char **povatlas_workspace_province_units(povatlas_workspace *ws,
                                         const char *province,
                                         povatlas_error **err)
{
    db_stmt *st = store_prepare(ws,
                                "SELECT DISTINCT code FROM units"
                                " WHERE province_code = ?1 ORDER BY code",
                                err);
    if (!st)
        return NULL;
    store_bind_text(st, 1, province);
    GPtrArray *codes = g_ptr_array_new();
    int rc;
    while ((rc = store_step(st)) == DB_ROW)
        g_ptr_array_add(codes, store_column_dup(st, 0));
    if (rc != DB_DONE)
        store_fail(ws, err, "cannot read the units of a province");
    db_finalize(st);
    g_ptr_array_add(codes, NULL);
    char **out = (char **)g_ptr_array_free(codes, FALSE);
    if (rc != DB_DONE) {
        g_strfreev(out);
        return NULL;
    }
    return out;
}

void povatlas_unit_list_free(povatlas_unit_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        povatlas_unit_row *r = &list->rows[i];
        g_free(r->code);
        g_free(r->name);
        g_free(r->full_name);
        g_free(r->unit_type);
        g_free(r->zone);
        g_free(r->valid_from);
        g_free(r->valid_to);
        g_free(r->wkb);
    }
    g_free(list->rows);
    g_free(list);
}

povatlas_status povatlas_workspace_put_ward_stat(povatlas_workspace *ws,
                                                 const povatlas_ward_stat *s,
                                                 povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "INSERT OR REPLACE INTO ward_stats(unit_code, year, households,"
        " population, source) VALUES (?, ?, ?, ?, ?)",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, s->unit_code);
    db_bind_int(st, 2, s->year);
    db_bind_int64(st, 3, s->households);
    store_bind_int_or_null(st, 4, s->population);
    store_bind_text(st, 5, s->source);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store ward statistics");
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_put_crosswalk(povatlas_workspace *ws,
                                                 const povatlas_crosswalk *l,
                                                 povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "INSERT OR REPLACE INTO unit_crosswalk(old_code, old_valid_from,"
        " new_code, new_valid_from, share, valid_on, note)"
        " VALUES (?,?,?,?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, l->old_code);
    store_bind_text(st, 2, l->old_valid_from);
    store_bind_text(st, 3, l->new_code);
    store_bind_text(st, 4, l->new_valid_from);
    if (l->share == l->share)
        db_bind_double(st, 5, l->share);
    else
        db_bind_null(st, 5);
    store_bind_text(st, 6, l->valid_on);
    store_bind_text(st, 7, l->note);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store crosswalk");
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_successor(povatlas_workspace *ws,
                                             const char *code,
                                             const char *after, char **new_code,
                                             char **valid_on,
                                             povatlas_error **err)
{
    *new_code = *valid_on = NULL;
    db_stmt *st = store_prepare(
        ws,
        "SELECT new_code, valid_on FROM unit_crosswalk WHERE old_code = ?"
        " AND valid_on > ? ORDER BY valid_on LIMIT 1",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, after ? after : "0000");
    int found = 0;
    povatlas_status s =
        store_row(ws, st, &found, "cannot read the crosswalk", err);
    if (found) {
        *new_code = store_column_dup(st, 0);
        *valid_on = store_column_dup(st, 1);
    }
    db_finalize(st);
    return s;
}
