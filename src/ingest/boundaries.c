/*
 * boundaries.c - importing unit polygons from any vector source GDAL reads,
 * in any CRS (transformed to EPSG:4326, longitude first). Polygons join the
 * stored units by code, or by name when the file has no code (matched like
 * a review list's names, unit_names.c); the attributes may be named on the
 * command line. Invalid rings are repaired (GEOS MakeValid through OGR)
 * and reported as warnings. Overlaps and slivers between neighbours
 * are kept as they are: the analysis reports them rather than hiding them.
 */
#include <math.h>
#include <string.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/areas.h"
#include "core/gdal_errors.h"
#include "ingest_private.h"

typedef struct boundary_fields {
    int code, name, full_name, unit_type, urban, zone;
} boundary_fields;

#define CODE_NAMES "code|ma|unit_code|commune_code|ma_xa|ma_don_vi|ma_dvhc"
#define NAME_NAMES "name|ten|unit_name|ten_xa|ten_phuong|ten_don_vi"

static int field_named(OGRFeatureDefnH defn, const char *aliases)
{
    g_auto(GStrv) names = g_strsplit(aliases, "|", -1);
    for (char **n = names; *n; n++) {
        int i = OGR_FD_GetFieldIndex(defn, *n); /* any case */
        if (i >= 0)
            return i;
    }
    return -1;
}

#define ATTRIBUTES_SHOWN 12

/* "'ID_PX', 'TEN_PX'": the attributes of the layer, the first ones. */
static char *attribute_list(OGRFeatureDefnH d)
{
    GString *s = g_string_new(NULL);
    int n = OGR_FD_GetFieldCount(d);
    for (int i = 0; i < n && i < ATTRIBUTES_SHOWN; i++) {
        g_autofree char *q =
            povatlas_text_quote(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i)));
        g_string_append_printf(s, "%s%s", i ? ", " : "", q);
    }
    if (n > ATTRIBUTES_SHOWN)
        g_string_append_printf(s, " and %d more", n - ATTRIBUTES_SHOWN);
    if (!s->len)
        g_string_append(s, "no attributes");
    return g_string_free(s, FALSE);
}

/* A code a message may quote as it is: at most POVATLAS_QUOTE_MAX_CHARS
 * characters of UTF-8 text without control characters. */
static gboolean plain_code(const char *code)
{
    if (!g_utf8_validate(code, -1, NULL) ||
        g_utf8_strlen(code, -1) > POVATLAS_QUOTE_MAX_CHARS)
        return FALSE;
    for (const char *p = code; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            return FALSE;
    }
    return TRUE;
}

/* "code, ma, unit_code" */
static char *alias_list(const char *aliases)
{
    g_auto(GStrv) names = g_strsplit(aliases, "|", -1);
    return g_strjoinv(", ", names);
}

/* The attribute the user named (@given), else the first of @aliases. */
static povatlas_status pick_field(OGRFeatureDefnH d, const char *given,
                                  const char *aliases, const char *path,
                                  const char *what, const char *option,
                                  int *out, povatlas_error **err)
{
    if (!given) {
        *out = field_named(d, aliases);
        return POVATLAS_OK;
    }
    *out = OGR_FD_GetFieldIndex(d, given);
    if (*out >= 0)
        return POVATLAS_OK;
    g_autofree char *have = attribute_list(d);
    g_autofree char *shown = povatlas_text_quote(given);
    povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, given,
                          "%s: the layer has no attribute %s (it has %s)", what,
                          shown, have);
    if (err)
        povatlas_error_set_option(*err, option);
    return POVATLAS_E_INPUT;
}

static povatlas_status find_fields(OGRLayerH layer, const char *path,
                                   const povatlas_import_opts *opts,
                                   boundary_fields *f, povatlas_error **err)
{
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(layer);
    *f = (boundary_fields){-1,
                           -1,
                           field_named(d, "full_name|ten_day_du"),
                           field_named(d, "unit_type|loai"),
                           field_named(d, "urban|thanh_thi"),
                           field_named(d, "zone|vung")};
    povatlas_status st = pick_field(d, opts->code_field, CODE_NAMES, path,
                                    "code field", "code_field", &f->code, err);
    if (!st)
        st = pick_field(d, opts->name_field, NAME_NAMES, path, "name field",
                        "name_field", &f->name, err);
    if (st || f->code >= 0 || f->name >= 0)
        return st;
    g_autofree char *have = attribute_list(d);
    g_autofree char *codes = alias_list(CODE_NAMES);
    g_autofree char *names = alias_list(NAME_NAMES);
    povatlas_error_set_at(
        err, POVATLAS_E_INPUT, path, 0, NULL,
        "no ward code or name attribute: the layer has %s; povatlas reads "
        "the code from %s and the name from %s, or from the code and name "
        "fields given",
        have, codes, names);
    if (err)
        povatlas_error_set_option(*err, "code_field");
    return POVATLAS_E_INPUT;
}

/* Field @i as text (transfer full), NULL when absent, unset or empty. */
static char *field_text(OGRFeatureH feat, int i)
{
    char *s = gdal_field_text(feat, i);
    if (s && !*s)
        g_clear_pointer(&s, g_free);
    return s;
}

typedef struct boundary_run {
    import_run run;
    key_set known;     /* (0, code, "") of stored units -> periods it names */
    unit_names *names; /* the stored units by name, for files without codes */
    OGRCoordinateTransformationH to_wgs84;
    boundary_fields f;
    long feature_no;
    char *valid_on; /* end of opts->year, or NULL */
    key_set seen;   /* (0, code, "") -> feature number that gave it */
    /* what is kept per feature, its growth checked (core/alloc.h) */
    byte_buf extents; /* ward_extent of each stored feature */
    area_batch
        *areas; /* measures each stored polygon while the next are read */
    byte_buf measured; /* const char *: code of each polygon in areas, by
                          its id */
    text_chunk codes;  /* the codes of both */
    GArray *misfits;   /* number cells that are not numbers, nullable
                          (gdal_number_misfits()) */
} boundary_run;

typedef struct ward_extent {
    long feature_no;
    const char *code; /* in boundary_run.codes */
    OGREnvelope e;
} ward_extent;

/* A ward this far from all the others is likely misplaced. */
#define FAR_WARD_KM 50.0

/* Under about 1 m2: no ward is that small, its density would be absurd. */
#define MIN_AREA_DEG2 1e-10

/* Returns a valid (Multi)Polygon in EPSG:4326 or NULL after rejecting. */
static OGRGeometryH usable_geometry(boundary_run *b, OGRFeatureH feat,
                                    const char *code)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(feat);
    OGRwkbGeometryType t = g ? wkbFlatten(OGR_G_GetGeometryType(g)) : wkbNone;
    if (t != wkbPolygon && t != wkbMultiPolygon) {
        import_reject(&b->run, b->feature_no, "geometry",
                      "ward '%s' has no polygon geometry", code);
        return NULL;
    }
    if (OGR_G_IsEmpty(g)) {
        import_reject(&b->run, b->feature_no, "geometry",
                      "ward '%s' has an empty geometry", code);
        return NULL;
    }
    g = OGR_G_Clone(g);
    if (b->to_wgs84 && OGR_G_Transform(g, b->to_wgs84) != OGRERR_NONE) {
        import_reject(&b->run, b->feature_no, "geometry",
                      "ward '%s': cannot transform to EPSG:4326", code);
        OGR_G_DestroyGeometry(g);
        return NULL;
    }
    OGREnvelope e;
    OGR_G_GetEnvelope(g, &e);
    if (e.MinX < -180 || e.MaxX > 180 || e.MinY < -90 || e.MaxY > 90) {
        import_reject(&b->run, b->feature_no, "geometry",
                      "ward '%s': coordinates out of range for EPSG:4326 "
                      "(x %g to %g, y %g to %g): projected coordinates "
                      "without a CRS, or latitude and longitude swapped?",
                      code, e.MinX, e.MaxX, e.MinY, e.MaxY);
        OGR_G_DestroyGeometry(g);
        return NULL;
    }
    if (!OGR_G_IsValid(g)) {
        /* a ring folded flat (no area) is refused, not repaired to nothing */
        gboolean flat = OGR_G_Area(g) < MIN_AREA_DEG2;
        OGRGeometryH fixed = OGR_G_MakeValid(g);
        OGR_G_DestroyGeometry(g);
        g = fixed ? OGR_G_ForceToMultiPolygon(fixed) : NULL;
        if (!g || !OGR_G_IsValid(g) || OGR_G_IsEmpty(g)) {
            import_reject(&b->run, b->feature_no, "geometry",
                          flat ? "ward '%s': the polygon has zero area"
                               : "ward '%s': invalid polygon that cannot be "
                                 "repaired",
                          code);
            if (g)
                OGR_G_DestroyGeometry(g);
            return NULL;
        }
        if (OGR_G_Area(g) >= MIN_AREA_DEG2)
            import_warn(&b->run, b->feature_no, "geometry",
                        "ward '%s': invalid polygon repaired (MakeValid)",
                        code);
    }
    if (OGR_G_Area(g) < MIN_AREA_DEG2) {
        import_reject(&b->run, b->feature_no, "geometry",
                      "ward '%s': the polygon has zero area", code);
        OGR_G_DestroyGeometry(g);
        return NULL;
    }
    return g;
}

/* A feature for a code not stored yet creates the unit when it says what
 * the unit is; otherwise it is rejected. */
static povatlas_status create_unit(boundary_run *b, OGRFeatureH feat,
                                   const char *code, gboolean *rejected,
                                   povatlas_error **err)
{
    g_autofree char *name = field_text(feat, b->f.name);
    g_autofree char *type = field_text(feat, b->f.unit_type);
    g_autofree char *urban = field_text(feat, b->f.urban);
    g_autofree char *full_name = field_text(feat, b->f.full_name);
    g_autofree char *zone = field_text(feat, b->f.zone);
    *rejected = !name || !type || !urban;
    if (*rejected) {
        import_reject(&b->run, b->feature_no,
                      OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(
                          feat, b->f.code >= 0 ? b->f.code : 0)),
                      "unknown ward code '%s' (import the unit list first, "
                      "or give name, unit_type and urban)",
                      code);
        return POVATLAS_OK;
    }
    povatlas_unit u = {code, name, full_name, type, urban[0] == '1',
                       zone, NULL, NULL,      NULL, NULL};
    if (key_set_count(&b->known, household_key(0, code, "")) < 0)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the codes of the units");
    return povatlas_workspace_put_unit(b->run.ws, &u, err);
}

static const char *field_name(OGRFeatureH feat, int i, const char *deflt)
{
    return i >= 0 ? OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(feat, i)) : deflt;
}

/* The code of the unit a feature names: its code, else the unit its name
 * gives on @b->valid_on (on any day when every unit of that name had one
 * code). A code and a name of different units are refused; a code not
 * stored yet is a new unit the feature describes. NULL after rejecting. */
static char *feature_code(boundary_run *b, OGRFeatureH feat)
{
    char *code = field_text(feat, b->f.code);
    g_autofree char *name = field_text(feat, b->f.name);
    gboolean check_name =
        name &&
        (!code || key_set_find(&b->known, household_key(0, code, ""), NULL));
    if (!code && !name) {
        import_reject(
            &b->run, b->feature_no,
            field_name(feat, b->f.code >= 0 ? b->f.code : b->f.name, "code"),
            "ward code is empty");
        return NULL;
    }
    if (code && !plain_code(code)) {
        /* refused at the door, so that every message below may quote it */
        g_autofree char *shown = povatlas_text_quote(code);
        import_reject(&b->run, b->feature_no,
                      field_name(feat, b->f.code, "code"),
                      "ward code %s is longer than %d characters or holds "
                      "a control character",
                      shown, POVATLAS_QUOTE_MAX_CHARS);
        g_free(code);
        return NULL;
    }
    if (!check_name)
        return code;
    g_autofree char *why = NULL;
    gboolean at_name = TRUE;
    const char *found = NULL;
    if (b->valid_on) {
        const povatlas_unit_row *u = unit_names_resolve(
            b->names, code, name, b->valid_on, TRUE, &why, &at_name);
        found = u ? u->code : NULL;
    } else if (code) {
        found = unit_names_code_named(b->names, code, name) ? code : NULL;
        g_autofree char *shown = povatlas_text_quote(name);
        if (!found)
            why = g_strdup_printf("ward code '%s' never had the name %s", code,
                                  shown);
    } else {
        found = unit_names_name_code(b->names, name, &why);
    }
    if (!found) {
        import_reject(&b->run, b->feature_no,
                      field_name(feat, at_name ? b->f.name : b->f.code, "name"),
                      "%s", why);
        g_free(code);
        return NULL;
    }
    char *out = g_strdup(found);
    g_free(code);
    return out;
}

/* FALSE after rejecting the feature when an attribute it is read by holds
 * text in a number column (a Shapefile's .dbf or a GeoPackage edited by
 * hand): GDAL would read code '2274X' as 2274, another ward's, and urban
 * 'yes' as 0. Checked as the household lists' number columns are. */
static gboolean numbers_as_held(boundary_run *b, OGRFeatureH feat)
{
    if (!b->misfits)
        return TRUE;
    const int used[] = {b->f.code,      b->f.name,  b->f.full_name,
                        b->f.unit_type, b->f.urban, b->f.zone};
    GIntBig fid = OGR_F_GetFID(feat);
    gboolean ok = TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(used); i++) {
        gboolean again = FALSE; /* a field given for two attributes */
        for (size_t j = 0; j < i; j++)
            again = again || used[j] == used[i];
        const char *text = used[i] >= 0 && !again
                               ? gdal_misfit_text(b->misfits, fid, used[i])
                               : NULL;
        if (!text)
            continue;
        g_autofree char *shown = povatlas_text_quote(text);
        OGRFieldDefnH d = OGR_F_GetFieldDefnRef(feat, used[i]);
        import_reject(&b->run, b->feature_no, OGR_Fld_GetNameRef(d),
                      OGR_Fld_GetType(d) == OFTReal ? "not a number: %s"
                                                    : "not a whole number: %s",
                      shown);
        ok = FALSE;
    }
    return ok;
}

/* The attribute that named the feature's unit (for messages). */
static const char *unit_column(const boundary_run *b, OGRFeatureH feat)
{
    int i = b->f.code >= 0 && OGR_F_IsFieldSetAndNotNull(feat, b->f.code)
                ? b->f.code
                : b->f.name;
    return field_name(feat, i, "code");
}

static povatlas_status store_feature(boundary_run *b, OGRFeatureH feat,
                                     povatlas_error **err)
{
    if (!numbers_as_held(b, feat))
        return POVATLAS_OK;
    g_autofree char *code = feature_code(b, feat);
    if (!code)
        return POVATLAS_OK;
    uint64_t first = 0;
    int is_new = key_set_claim(&b->seen, household_key(0, code, ""),
                               (uint64_t)b->feature_no, &first);
    if (is_new < 0)
        return import_out_of_memory(&b->run, b->feature_no, "the features read",
                                    err);
    if (!is_new) {
        import_reject(&b->run, b->feature_no, unit_column(b, feat),
                      "ward code '%s' appears twice in the file (features "
                      "%ld and %ld)",
                      code, (long)first, b->feature_no);
        return POVATLAS_OK;
    }
    gboolean rejected = FALSE;
    povatlas_status st = POVATLAS_OK;
    uint64_t periods = 0;
    key_set_find(&b->known, household_key(0, code, ""), &periods);
    if (!periods)
        st = create_unit(b, feat, code, &rejected, err);
    if (st || rejected)
        return st;
    if (periods > 1 && !b->valid_on) {
        import_reject_option(&b->run, b->feature_no, unit_column(b, feat),
                             "year",
                             "ward code '%s' names %d units over time "
                             "(mergers); give the year the boundaries are for",
                             code, (int)periods);
        return POVATLAS_OK;
    }
    OGRGeometryH g = usable_geometry(b, feat, code);
    if (!g)
        return POVATLAS_OK;
    ward_extent we = {
        b->feature_no, text_chunk_add(&b->codes, code), {0, 0, 0, 0}};
    if (!we.code || byte_buf_reserve(&b->extents, sizeof we) < 0) {
        OGR_G_DestroyGeometry(g);
        return import_out_of_memory(&b->run, b->feature_no, "the features read",
                                    err);
    }
    OGR_G_GetEnvelope(g, &we.e);
    memcpy(b->extents.data + b->extents.len, &we, sizeof we);
    b->extents.len += sizeof we;
    int size = OGR_G_WkbSize(g);
    /* tried: a polygon's size is the file's to choose */
    g_autofree unsigned char *wkb = povatlas_try_malloc((size_t)size);
    if (wkb)
        OGR_G_ExportToIsoWkb(g, wkbNDR, wkb);
    OGR_G_DestroyGeometry(g);
    if (!wkb)
        return import_out_of_memory(&b->run, b->feature_no, "a polygon", err);
    int n_set = 0;
    st = povatlas_workspace_set_unit_geometry(b->run.ws, code, b->valid_on, wkb,
                                              (size_t)size, &n_set, err);
    if (!st && n_set == 0)
        import_reject(&b->run, b->feature_no, unit_column(b, feat),
                      "ward code '%s' is not a unit in force on %s", code,
                      b->valid_on);
    b->run.rows_stored += st == POVATLAS_OK && n_set > 0;
    if (!st && n_set > 0) {
        size_t id = b->measured.len / sizeof we.code;
        if (byte_buf_reserve(&b->measured, sizeof we.code) < 0 ||
            area_batch_add(b->areas, id, wkb, (size_t)size) < 0)
            return import_out_of_memory(&b->run, b->feature_no,
                                        "the features read", err);
        wkb = NULL; /* the batch's now */
        memcpy(b->measured.data + b->measured.len, &we.code, sizeof we.code);
        b->measured.len += sizeof we.code;
    }
    return st;
}

static void merge_envelope(OGREnvelope *into, const OGREnvelope *e)
{
    into->MinX = MIN(into->MinX, e->MinX);
    into->MaxX = MAX(into->MaxX, e->MaxX);
    into->MinY = MIN(into->MinY, e->MinY);
    into->MaxY = MAX(into->MaxY, e->MaxY);
}

/* Kilometres between two envelopes in degrees (0 when they touch). */
static double envelope_gap_km(const OGREnvelope *a, const OGREnvelope *b)
{
    double dx = MAX(0.0, MAX(b->MinX - a->MaxX, a->MinX - b->MaxX));
    double dy = MAX(0.0, MAX(b->MinY - a->MaxY, a->MinY - b->MaxY));
    double lat = (a->MinY + a->MaxY) / 2 * G_PI / 180;
    return hypot(dx * 111.32 * cos(lat), dy * 110.57);
}

/* Warns about each ward far from the extent of all the file's others;
 * POVATLAS_E_NOMEM when there is no room to compare them. */
static povatlas_status warn_far_wards(boundary_run *b, povatlas_error **err)
{
    const ward_extent *ex = (const ward_extent *)(void *)b->extents.data;
    size_t n = b->extents.len / sizeof *ex;
    if (n < 3)
        return POVATLAS_OK;
    const OGREnvelope none = {G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE,
                              -G_MAXDOUBLE};
    /* before[i]: extent of wards 0..i-1; after[i]: of wards i+1..n-1 */
    g_autofree OGREnvelope *before = povatlas_try_calloc(n, sizeof *before);
    g_autofree OGREnvelope *after = povatlas_try_calloc(n, sizeof *after);
    if (!before || !after)
        return import_out_of_memory(&b->run, 0, "the wards' extents", err);
    before[0] = none;
    after[n - 1] = none;
    for (size_t i = 1; i < n; i++) {
        before[i] = before[i - 1];
        merge_envelope(&before[i], &ex[i - 1].e);
        after[n - 1 - i] = after[n - i];
        merge_envelope(&after[n - 1 - i], &ex[n - i].e);
    }
    for (size_t i = 0; i < n; i++) {
        const ward_extent *w = &ex[i];
        OGREnvelope others = before[i];
        merge_envelope(&others, &after[i]);
        double km = envelope_gap_km(&w->e, &others);
        if (km > FAR_WARD_KM)
            import_warn(&b->run, w->feature_no, "geometry",
                        "ward '%s' lies %.0f km from the file's other "
                        "wards: check its coordinates",
                        w->code, km);
    }
    return POVATLAS_OK;
}

static povatlas_status load_known(boundary_run *b, povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_unit_list *units =
        povatlas_workspace_unit_attributes(b->run.ws, 0, &why);
    if (!units)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    /* code -> number of periods it names */
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < units->n; i++)
        if (key_set_count(&b->known,
                          household_key(0, units->rows[i].code, "")) < 0)
            st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                    "out of memory for the codes of the "
                                    "units");
    povatlas_unit_list_free(units);
    return st;
}

static povatlas_status read_features(boundary_run *b, OGRLayerH layer,
                                     povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_begin(b->run.ws, err);
    OGRFeatureH feat = NULL;
    GIntBig total = OGR_L_GetFeatureCount(layer, TRUE);
    while (!st &&
           !(st = gdal_next_feature(layer, b->run.path, b->feature_no, &feat,
                                    err)) &&
           feat) {
        b->feature_no++;
        b->run.rows_read++;
        st = store_feature(b, feat, err);
        OGR_F_Destroy(feat);
        if (total > 0)
            import_progress(&b->run, (double)b->feature_no / (double)total,
                            "boundaries");
    }
    /* the areas, measured meanwhile on the other cores */
    g_autofree double *geodesic = NULL, *utm = NULL;
    size_t n = 0;
    povatlas_status measured = area_batch_finish(
        g_steal_pointer(&b->areas), &geodesic, &utm, &n, st ? NULL : err);
    if (!st)
        st = measured;
    const char *const *codes = (const char *const *)(void *)b->measured.data;
    for (size_t i = 0; !st && i < n; i++)
        st = povatlas_workspace_set_unit_areas(b->run.ws, codes[i], b->valid_on,
                                               geodesic[i], utm[i], err);
    if (!st)
        st = warn_far_wards(b, err);
    if (!st && b->run.rows_read == 0)
        st = povatlas_error_set_at(err, POVATLAS_E_INPUT, b->run.path, 0, NULL,
                                   "the layer has no features");
    if (!st && b->run.opts->schematic >= 0)
        st = povatlas_workspace_set_meta(b->run.ws, "schematic_boundaries",
                                         b->run.opts->schematic ? "1" : "0",
                                         err);
    return st;
}

povatlas_status povatlas_import_boundaries(povatlas_workspace *ws,
                                           const char *path,
                                           const povatlas_import_opts *opts,
                                           povatlas_report *report,
                                           povatlas_import_result *result,
                                           povatlas_error **err)
{
    povatlas_import_opts defaults;
    if (!opts) {
        povatlas_import_opts_init(&defaults);
        opts = &defaults;
    }
    if (result)
        *result = (povatlas_import_result){0};
    GDALDatasetH ds = NULL;
    OGRLayerH layer = NULL;
    povatlas_status opened =
        gdal_open_layer(path, opts->layer, &ds, &layer, err);
    if (opened) {
        gdal_close_quietly(ds);
        return opened;
    }
    boundary_run b = {0};
    import_run_init(&b.run, ws, path, opts, report);
    b.areas = area_batch_new();
    if (opts->year > 0)
        b.valid_on = g_strdup_printf("%04d-12-31", opts->year);
    povatlas_status st = find_fields(layer, path, opts, &b.f, err);
    if (!st)
        st = gdal_number_misfits(ds, layer, path, &b.misfits, err);
    if (!st)
        st = load_known(&b, err);
    if (!st && b.f.name >= 0) {
        povatlas_error *why = NULL;
        if (!(b.names = unit_names_load(ws, &why)))
            st = povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    }
    if (!st) {
        gdal_errors ge; /* GEOS notes from MakeValid stay off stderr */
        gdal_errors_push(&ge);
        b.to_wgs84 = gdal_to_wgs84(layer);
        st = read_features(&b, layer, err);
        g_free(gdal_errors_pop(&ge));
        st = import_finish(&b.run, st, b.run.rows_stored, result, err);
    }
    if (b.to_wgs84)
        OCTDestroyCoordinateTransformation(b.to_wgs84);
    key_set_clear(&b.known);
    unit_names_free(b.names);
    key_set_clear(&b.seen);
    byte_buf_clear(&b.extents);
    if (b.areas) { /* not reached read_features() */
        g_autofree double *geodesic = NULL, *utm = NULL;
        size_t n = 0;
        area_batch_finish(b.areas, &geodesic, &utm, &n, NULL);
    }
    byte_buf_clear(&b.measured);
    text_chunk_clear(&b.codes);
    if (b.misfits)
        g_array_unref(b.misfits);
    g_free(b.valid_on);
    gdal_close_quietly(ds);
    return st;
}
