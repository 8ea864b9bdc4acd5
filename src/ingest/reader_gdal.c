/*
 * reader_gdal.c - rows of any tabular source GDAL reads (CSV, XLSX, ODS,
 * GeoJSON, Shapefile, GPKG ...), every value read as text so that the
 * importer, not a type guess, decides what a cell means. Typed fields
 * (integers, reals, dates of GeoJSON, GeoPackage, Shapefile ...) are read
 * by value and written as text the cell parsers read back exactly; every
 * cell is a copy, since the text GDAL returns for a number lives only
 * until the next call. The copies share one buffer per reader that grows
 * through core/alloc.h: no allocation per cell, and out of memory is
 * POVATLAS_E_NOMEM.
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/alloc.h"
#include "core/gdal_errors.h"
#include "ingest_private.h"

typedef struct gdal_reader {
    table_reader base;
    GDALDatasetH ds;
    OGRLayerH layer;
    OGRFeatureH feature;
    GIntBig n_features; /* -1 when not cheap to know */
    GIntBig n_read;
    gboolean fid_is_row; /* XLSX, ODS: the FID is the sheet row */
    byte_buf cells;      /* the current row's text, NUL-terminated cells */
    size_t cell_at[READER_MAX_COLUMNS]; /* offset of each cell in @cells */
    /* XLSX: the cells that hold a number with a fraction (row << 16 |
     * column), sorted, and the next one to come */
    uint64_t *fractions;
    size_t n_fractions, next_fraction;
    char *open_why; /* owned, nullable: what GDAL failed at while the
                       layer was set up (a spreadsheet parses its sheet
                       then), the reason when no row comes */
    /* GeoPackage, Shapefile: the cells of number columns that hold what
     * GDAL would read as another number ('abc' as 0, 12.5 in an INTEGER
     * column as 12), by FID and column, and the next one to come */
    GArray *misfits; /* of misfit, sorted by fid, column; nullable */
    guint next_misfit;
} gdal_reader;

typedef struct misfit {
    GIntBig fid;
    int col;
    char *text; /* owned: the cell as the file holds it */
} misfit;

/* CSV and spreadsheets come without a header: review lists carry title
 * rows above the table, and headers.c finds the header row. Every cell is
 * read as text. GDAL 3.6's spreadsheet drivers take these only as config
 * options (open options arrive in 3.8), read at open and while reading, so
 * they are set for this thread while a reader is open and the thread's
 * previous values are put back when the last one closes: a caller's own
 * XLSX read afterwards sees its own settings, not ours. Readers of one
 * thread may close in any order (the sheets of one workbook). */
/* The CSV and ODS drivers cut a wider table to their column limit with
 * only a warning: one column past ours makes it a row we refuse. */
#define ONE_PAST_LIMIT "2001"
G_STATIC_ASSERT(READER_MAX_COLUMNS == 2000);
static const char *const spreadsheet_config[6][2] = {
    {"OGR_XLSX_HEADERS", "DISABLE"},
    {"OGR_XLSX_FIELD_TYPES", "STRING"},
    {"OGR_ODS_HEADERS", "DISABLE"},
    {"OGR_ODS_FIELD_TYPES", "STRING"},
    {"OGR_ODS_MAX_FIELD_COUNT", ONE_PAST_LIMIT},
    {"OGR_CSV_MAX_FIELD_COUNT", ONE_PAST_LIMIT}};

static _Thread_local unsigned spreadsheet_holds;
static _Thread_local char *spreadsheet_saved[6]; /* owned */

static void spreadsheet_config_hold(void)
{
    if (spreadsheet_holds++ > 0)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(spreadsheet_config); i++) {
        spreadsheet_saved[i] = g_strdup(
            CPLGetThreadLocalConfigOption(spreadsheet_config[i][0], NULL));
        CPLSetThreadLocalConfigOption(spreadsheet_config[i][0],
                                      spreadsheet_config[i][1]);
    }
}

static void spreadsheet_config_release(void)
{
    if (spreadsheet_holds == 0 || --spreadsheet_holds > 0)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(spreadsheet_config); i++) {
        CPLSetThreadLocalConfigOption(spreadsheet_config[i][0],
                                      spreadsheet_saved[i]);
        g_clear_pointer(&spreadsheet_saved[i], g_free);
    }
}

/* Room for any text field_text() writes itself. */
#define FIELD_BUF (G_ASCII_DTOSTR_BUF_SIZE + 32)

/* @v as plain decimal text that reads back as @v and that the Vietnamese
 * number parser cannot take for thousands: "4104", "1.34", "0.1250" (a
 * fraction of exactly three digits gets a fourth, since "0.125" reads as
 * 125 in a Vietnamese list). Written into @buf. */
static const char *real_text(double v, char buf[FIELD_BUF])
{
    if (!isfinite(v))
        return "";
    if (v == floor(v) && fabs(v) < 1e15) {
        g_snprintf(buf, FIELD_BUF, "%.0f", v);
        return buf;
    }
    char fmt[8];
    for (int prec = 1; prec <= 17; prec++) {
        g_snprintf(fmt, sizeof fmt, "%%.%df", prec);
        g_ascii_formatd(buf, FIELD_BUF - 1, fmt, v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    char *dot = strchr(buf, '.');
    if (dot && strlen(dot + 1) == 3)
        strcat(dot, "0");
    return buf;
}

/* The text of field @i (borrowed from GDAL or written into @buf), NULL
 * when unset or null. */
static const char *field_text(OGRFeatureH f, int i, char buf[FIELD_BUF])
{
    if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i))
        return NULL;
    OGRFieldDefnH d = OGR_F_GetFieldDefnRef(f, i);
    int y, mo, day, h, mi, tz;
    float sec;
    switch (OGR_Fld_GetType(d)) {
    case OFTInteger:
    case OFTInteger64:
        g_snprintf(buf, FIELD_BUF, "%" G_GINT64_FORMAT,
                   (gint64)OGR_F_GetFieldAsInteger64(f, i));
        return buf;
    case OFTReal:
        return real_text(OGR_F_GetFieldAsDouble(f, i), buf);
    case OFTDate:
    case OFTDateTime:
        if (!OGR_F_GetFieldAsDateTimeEx(f, i, &y, &mo, &day, &h, &mi, &sec,
                                        &tz))
            break;
        if (OGR_Fld_GetType(d) == OFTDate || (h == 0 && mi == 0 && sec == 0))
            g_snprintf(buf, FIELD_BUF, "%04d-%02d-%02d", y, mo, day);
        else
            g_snprintf(buf, FIELD_BUF, "%04d-%02d-%02dT%02d:%02d:%02.0f", y, mo,
                       day, h, mi, (double)sec);
        return buf;
    default:
        break;
    }
    return OGR_F_GetFieldAsString(f, i);
}

char *gdal_field_text(OGRFeatureH f, int i)
{
    char buf[FIELD_BUF];
    return g_strdup(field_text(f, i, buf));
}

/* GDAL gives an XLSX number cell as the text of its value ("0.125"),
 * which a Vietnamese list reads as thousands; the cells workbook.c found
 * to hold a number with a fraction are written again by real_text()
 * ("0.1250"). A cell GDAL gave otherwise (a date) is left. FALSE when out
 * of memory. */
static gboolean write_fractions(gdal_reader *g, long row, int n)
{
    uint64_t r = (uint64_t)MAX(row, 0);
    while (g->next_fraction < g->n_fractions &&
           g->fractions[g->next_fraction] >> 16 < r)
        g->next_fraction++;
    for (; g->next_fraction < g->n_fractions &&
           g->fractions[g->next_fraction] >> 16 == r;
         g->next_fraction++) {
        int col = (int)(g->fractions[g->next_fraction] & 0xffff);
        if (col >= n)
            continue;
        const char *t = g->cells.data + g->cell_at[col];
        char *end = NULL;
        double v = g_ascii_strtod(t, &end);
        if (!*t || *end || g_ascii_isspace(*t))
            continue;
        char buf[FIELD_BUF];
        const char *text = real_text(v, buf);
        size_t at = byte_buf_add_str(&g->cells, text, strlen(text));
        if (at == (size_t)-1)
            return FALSE;
        g->cell_at[col] = at;
    }
    return TRUE;
}

/* ---- GeoPackage cells that do not hold their column's type ---- */

/* A GeoPackage is SQLite, whose columns take any value: text typed into an
 * INTEGER or REAL column, or a fraction into an INTEGER one. GDAL converts
 * them (sqlite3_column_int64: 'abc' is 0, 12.5 is 12) without a word, so
 * they are looked up here, in SQL, and given to the importer as the text
 * the file holds, which the cell parsers refuse, naming row and column.
 * At most MISFITS_PER_COLUMN per column: the import fails on the first
 * anyway (imports are all-or-nothing), the cap bounds the memory a hostile
 * file can ask for. */
#define MISFITS_PER_COLUMN 1000

static void misfit_clear(gpointer p) { g_free(((misfit *)p)->text); }

static gint misfit_order(gconstpointer a, gconstpointer b)
{
    const misfit *x = a, *y = b;
    if (x->fid != y->fid)
        return x->fid < y->fid ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

/* "name" with its quotes doubled: an SQL identifier. */
static void put_identifier(GString *s, const char *name)
{
    g_string_append_c(s, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            g_string_append_c(s, '"');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

/* Adds the misfits of number field @col of @layer to @out. Returns GDAL's
 * reason (g_free) when the query failed, NULL otherwise. */
static char *find_misfits(GDALDatasetH ds, OGRLayerH layer, int col,
                          GArray *out)
{
    OGRFieldDefnH d = OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(layer), col);
    OGRFieldType t = OGR_Fld_GetType(d);
    if (t != OFTInteger && t != OFTInteger64 && t != OFTReal)
        return NULL;
    const char *fid = OGR_L_GetFIDColumn(layer);
    if (!fid || !*fid)
        return NULL; /* a view without a FID: nothing to match rows by */
    GString *c = g_string_new(NULL);
    put_identifier(c, OGR_Fld_GetNameRef(d));
    /* "fid" + 0: a plain field, not taken for the result's FID */
    GString *sql = g_string_new("SELECT ");
    put_identifier(sql, fid);
    g_string_append_printf(
        sql,
        " + 0 AS misfit_fid, CASE typeof(%s) WHEN 'blob' THEN '(binary)' "
        "ELSE CAST(%s AS TEXT) END AS misfit_text FROM ",
        c->str, c->str);
    put_identifier(sql, OGR_L_GetName(layer));
    g_string_append_printf(sql, " WHERE typeof(%s) IN ('text', 'blob')",
                           c->str);
    if (t != OFTReal)
        g_string_append_printf(sql,
                               " OR (typeof(%s) = 'real' AND %s <> CAST(%s "
                               "AS INTEGER))",
                               c->str, c->str, c->str);
    g_string_append(sql, " ORDER BY 1 LIMIT ");
    g_string_append_printf(sql, "%d", MISFITS_PER_COLUMN);
    gdal_errors ge;
    gdal_errors_push(&ge);
    OGRLayerH res = GDALDatasetExecuteSQL(ds, sql->str, NULL, NULL);
    OGRFeatureDefnH rd = res ? OGR_L_GetLayerDefn(res) : NULL;
    int at_fid = rd ? OGR_FD_GetFieldIndex(rd, "misfit_fid") : -1;
    int at_text = rd ? OGR_FD_GetFieldIndex(rd, "misfit_text") : -1;
    OGRFeatureH f;
    while (at_fid >= 0 && at_text >= 0 &&
           (f = OGR_L_GetNextFeature(res)) != NULL) {
        misfit m = {OGR_F_GetFieldAsInteger64(f, at_fid), col,
                    g_strdup(OGR_F_GetFieldAsString(f, at_text))};
        g_array_append_val(out, m);
        OGR_F_Destroy(f);
    }
    if (res)
        GDALDatasetReleaseResultSet(ds, res);
    char *why = gdal_errors_pop(&ge);
    if ((at_fid < 0 || at_text < 0) && !why)
        why = g_strdup("the query gave no rows");
    g_string_free(sql, TRUE);
    g_string_free(c, TRUE);
    return why;
}

/* ---- Shapefile .dbf numbers that are not numbers ---- */

/* A .dbf holds every value as text, a number column's too: a hand-edited
 * file may hold 'abc', '1,5' or '12.5' in an integer column. GDAL parses
 * them as 0, 1 and 12 with only a warning, so the number columns' text is
 * read here from the .dbf itself, and a cell whose text is not a number of
 * its column's kind is given to the importer as the file holds it, which
 * the cell parsers refuse, naming row and column (as a GeoPackage's). Null
 * as GDAL's shapelib reads it: blank, or starting with '*'. */

/* @t (trimmed, non-empty) is what GDAL reads exactly: [+-]digits for a
 * whole-number column, a decimal with an optional exponent otherwise. */
static gboolean dbf_number_ok(const char *t, gboolean whole)
{
    const char *p = t;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (whole)
        return digits > 0 && !*p;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        digits += frac;
        p += 1 + frac;
    }
    if (digits == 0)
        return FALSE;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t exp = strspn(p, "0123456789");
        if (exp == 0)
            return FALSE;
        p += exp;
    }
    return !*p;
}

static guint16 le16(const unsigned char *b)
{
    return (guint16)(b[0] | b[1] << 8);
}

/* The .dbf of @layer among the files of @ds (g_free), NULL when none. */
static char *dbf_of_layer(GDALDatasetH ds, OGRLayerH layer)
{
    char **files = GDALGetFileList(ds);
    char *found = NULL;
    g_autofree char *want = g_strconcat(OGR_L_GetName(layer), ".dbf", NULL);
    for (char **f = files; f && *f && !found; f++) {
        g_autofree char *base = g_path_get_basename(*f);
        if (g_ascii_strcasecmp(base, want) == 0)
            found = g_strdup(*f);
    }
    CSLDestroy(files);
    return found;
}

/* Adds to @out the number cells of @layer's .dbf (@dbf) that GDAL would
 * read as another number. Returns the reason (g_free) when the file cannot
 * be read, NULL otherwise. */
static char *find_dbf_misfits(const char *dbf, OGRLayerH layer, GArray *out)
{
    VSILFILE *fp = VSIFOpenL(dbf, "rb");
    if (!fp)
        return g_strdup_printf("cannot open %s", dbf);
    unsigned char head[32];
    if (VSIFReadL(head, 1, sizeof head, fp) != sizeof head) {
        VSIFCloseL(fp);
        return g_strdup("the .dbf header is cut short");
    }
    guint32 n_records = (guint32)head[4] | (guint32)head[5] << 8 |
                        (guint32)head[6] << 16 | (guint32)head[7] << 24;
    size_t header_len = le16(head + 8), record_len = le16(head + 10);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int n_fields = OGR_FD_GetFieldCount(defn);
    /* each number field: where its text starts in a record, its width, and
     * whether it holds whole numbers; width 0 for every other field */
    size_t *at = g_new0(size_t, (gsize)MAX(n_fields, 1));
    size_t *width = g_new0(size_t, (gsize)MAX(n_fields, 1));
    guint *found = g_new0(guint, (gsize)MAX(n_fields, 1));
    gboolean any = FALSE;
    size_t offset = 1; /* the deletion flag */
    unsigned char d[32];
    int i = 0;
    for (; 32 + 32 * (size_t)(i + 1) <= header_len &&
           VSIFReadL(d, 1, 1, fp) == 1 && d[0] != 0x0D;
         i++) {
        if (VSIFReadL(d + 1, 1, 31, fp) != 31)
            break;
        OGRFieldType t = i < n_fields
                             ? OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i))
                             : OFTString;
        gboolean number =
            (d[11] == 'N' || d[11] == 'F') &&
            (t == OFTInteger || t == OFTInteger64 || t == OFTReal);
        if (number && i < n_fields) {
            at[i] = offset;
            width[i] = d[16];
            any = any || d[16] > 0;
        }
        offset += d[16];
    }
    char *why = NULL;
    /* a field GDAL does not show, or one more: the columns cannot be
     * matched, and GDAL would have refused the file */
    if (i != n_fields || offset > record_len)
        any = FALSE;
    unsigned char *rec = any ? g_malloc(record_len) : NULL;
    if (any && VSIFSeekL(fp, header_len, SEEK_SET) != 0)
        why = g_strdup("cannot seek to the .dbf records");
    char text[256];
    for (guint32 r = 0; any && !why && r < n_records; r++) {
        if (VSIFReadL(rec, 1, record_len, fp) != record_len)
            break; /* a file cut short: GDAL stops there too */
        if (rec[0] == '*')
            continue; /* deleted: GDAL skips it */
        for (int c = 0; c < n_fields; c++) {
            if (width[c] == 0 || found[c] >= MISFITS_PER_COLUMN)
                continue;
            memcpy(text, rec + at[c], width[c]);
            text[width[c]] = '\0';
            g_strstrip(text); /* stops at a NUL, as shapelib */
            if (!text[0] || text[0] == '*')
                continue;
            OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, c));
            if (dbf_number_ok(text, t != OFTReal))
                continue;
            misfit m = {(GIntBig)r, c, g_utf8_make_valid(text, -1)};
            g_array_append_val(out, m);
            found[c]++;
        }
    }
    g_free(rec);
    g_free(at);
    g_free(width);
    g_free(found);
    VSIFCloseL(fp);
    return why;
}

/* GeoPackage cells found in SQL, Shapefile cells in the .dbf's text. */
povatlas_status gdal_number_misfits(GDALDatasetH ds, OGRLayerH layer,
                                    const char *path, GArray **out,
                                    povatlas_error **err)
{
    *out = NULL;
    const char *drv = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    gboolean gpkg = g_str_equal(drv, "GPKG");
    g_autofree char *dbf = NULL;
    if (!gpkg && !(g_str_equal(drv, "ESRI Shapefile") &&
                   (dbf = dbf_of_layer(ds, layer)) != NULL))
        return POVATLAS_OK;
    GArray *m = g_array_new(FALSE, FALSE, sizeof(misfit));
    g_array_set_clear_func(m, misfit_clear);
    g_autofree char *why = NULL;
    if (gpkg) {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        for (int i = 0; !why && i < OGR_FD_GetFieldCount(defn); i++)
            why = find_misfits(ds, layer, i, m);
    } else {
        why = find_dbf_misfits(dbf, layer, m);
    }
    if (why) {
        g_array_unref(m);
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "cannot check the number columns: %s",
                                     why);
    }
    if (m->len == 0) {
        g_array_unref(m);
        return POVATLAS_OK;
    }
    g_array_sort(m, misfit_order);
    *out = m;
    return POVATLAS_OK;
}

const char *gdal_misfit_text(const GArray *misfits, GIntBig fid, int col)
{
    guint lo = 0, hi = misfits ? misfits->len : 0;
    const misfit key = {fid, col, NULL};
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        gint o = misfit_order(&g_array_index(misfits, misfit, mid), &key);
        if (o == 0)
            return g_array_index(misfits, misfit, mid).text;
        if (o < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Gives the cells of feature @fid that gdal_number_misfits() found as the file
 * holds them. FALSE when out of memory. */
static gboolean write_misfits(gdal_reader *g, GIntBig fid, int n)
{
    GArray *m = g->misfits;
    while (g->next_misfit < m->len &&
           g_array_index(m, misfit, g->next_misfit).fid < fid)
        g->next_misfit++;
    for (; g->next_misfit < m->len &&
           g_array_index(m, misfit, g->next_misfit).fid == fid;
         g->next_misfit++) {
        const misfit *x = &g_array_index(m, misfit, g->next_misfit);
        if (x->col >= n)
            continue;
        size_t at = byte_buf_add_str(&g->cells, x->text, strlen(x->text));
        if (at == (size_t)-1)
            return FALSE;
        g->cell_at[x->col] = at;
    }
    return TRUE;
}

static int gdal_next(table_reader *r, povatlas_error **err)
{
    gdal_reader *g = (gdal_reader *)r;
    if (g->feature)
        OGR_F_Destroy(g->feature);
    /* a sheet GDAL cannot parse, a damaged GeoPackage page: GDAL says why
     * and returns no feature, which must not read as the end of the file */
    gdal_errors ge;
    gdal_errors_push(&ge);
    g->feature = OGR_L_GetNextFeature(g->layer);
    g_autofree char *why = gdal_errors_pop(&ge);
    if (!why && !g->feature && g->n_read == 0)
        why = g_steal_pointer(&g->open_why);
    if (!g->feature && why) {
        if (r->row > 0)
            povatlas_error_set_at(err, POVATLAS_E_INPUT, r->path, 0, NULL,
                                  "cannot read past row %ld: %s", r->row, why);
        else
            povatlas_error_set_at(err, POVATLAS_E_INPUT, r->path, 0, NULL,
                                  "cannot read the rows: %s", why);
        return -1;
    }
    if (!g->feature)
        return 0;
    g->n_read++;
    /* spreadsheets number their rows in the FID (empty rows skipped) */
    GIntBig fid = OGR_F_GetFID(g->feature);
    r->row = g->fid_is_row && fid > 0 ? (long)fid : r->row + 1;
    g_ptr_array_set_size(r->fields, 0);
    g->cells.len = 0;
    int n = OGR_F_GetFieldCount(g->feature);
    if (reader_check_width(r, (guint)MAX(n, 0), err) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        char buf[FIELD_BUF];
        const char *v = field_text(g->feature, i, buf);
        if (!v)
            v = "";
        g->cell_at[i] = byte_buf_add_str(&g->cells, v, strlen(v));
        if (g->cell_at[i] == (size_t)-1) {
            povatlas_error_set_at(err, POVATLAS_E_NOMEM, r->path, r->row, NULL,
                                  "out of memory for the row's cells");
            return -1;
        }
    }
    if (g->misfits && !write_misfits(g, fid, n)) {
        povatlas_error_set_at(err, POVATLAS_E_NOMEM, r->path, r->row, NULL,
                              "out of memory for the row's cells");
        return -1;
    }
    if (g->fractions && !write_fractions(g, r->row, n)) {
        povatlas_error_set_at(err, POVATLAS_E_NOMEM, r->path, r->row, NULL,
                              "out of memory for the row's cells");
        return -1;
    }
    /* the buffer may have moved while it grew: pointers only now */
    for (int i = 0; i < n; i++)
        g_ptr_array_add(r->fields, g->cells.data + g->cell_at[i]);
    return 1;
}

static double gdal_fraction(const table_reader *r)
{
    const gdal_reader *g = (const gdal_reader *)r;
    return g->n_features > 0 ? (double)g->n_read / (double)g->n_features : -1.0;
}

static void gdal_close(table_reader *r)
{
    gdal_reader *g = (gdal_reader *)r;
    if (g->feature)
        OGR_F_Destroy(g->feature);
    gdal_close_quietly(g->ds); /* read-only: nothing to report */
    g_free(g->open_why);
    spreadsheet_config_release();
    byte_buf_clear(&g->cells);
    free(g->fractions);
    if (g->misfits)
        g_array_unref(g->misfits);
}

static OGRLayerH pick_layer(GDALDatasetH ds, const char *name)
{
    if (name)
        return GDALDatasetGetLayerByName(ds, name);
    return GDALDatasetGetLayerCount(ds) > 0 ? GDALDatasetGetLayer(ds, 0) : NULL;
}

table_reader *reader_gdal_open(const char *path, const char *layer_name,
                               povatlas_error **err)
{
    /* Options unknown to a driver are ignored by GDAL (with a warning). */
    static const char *const open_options[] = {
        "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", "HEADERS=NO", NULL};
    spreadsheet_config_hold();
    gdal_errors ge;
    gdal_errors_push(&ge);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                                 open_options, NULL);
    if (!ds) {
        g_autofree char *why = gdal_errors_pop(&ge);
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              "cannot read as a table: %s",
                              why ? why : "format not recognised");
        spreadsheet_config_release();
        return NULL;
    }
    OGRLayerH layer = pick_layer(ds, layer_name);
    if (!layer) {
        g_free(gdal_errors_pop(&ge));
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              layer_name ? "no layer or sheet named '%s'"
                                         : "the file holds no table%s",
                              layer_name ? layer_name : "");
        gdal_close_quietly(ds);
        spreadsheet_config_release();
        return NULL;
    }
    const char *drv = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    uint64_t *fractions = NULL;
    size_t n_fractions = 0;
    if (g_str_equal(drv, "XLSX") &&
        workbook_xlsx_fractions(path, layer_name, &fractions, &n_fractions,
                                err) != POVATLAS_OK) {
        g_free(gdal_errors_pop(&ge));
        gdal_close_quietly(ds);
        spreadsheet_config_release();
        return NULL;
    }
    GArray *misfits = NULL;
    if (gdal_number_misfits(ds, layer, path, &misfits, err) != POVATLAS_OK) {
        g_free(gdal_errors_pop(&ge));
        gdal_close_quietly(ds);
        spreadsheet_config_release();
        free(fractions);
        return NULL;
    }
    gdal_reader *g = g_new0(gdal_reader, 1);
    reader_init(&g->base, path);
    g->misfits = misfits;
    g->fractions = fractions;
    g->n_fractions = n_fractions;
    g->base.next = gdal_next;
    g->base.fraction = gdal_fraction;
    g->base.close = gdal_close;
    g->ds = ds;
    g->layer = layer;
    g->base.raw = g_str_equal(drv, "CSV") || g_str_equal(drv, "XLSX") ||
                  g_str_equal(drv, "ODS");
    g->fid_is_row = g_str_equal(drv, "XLSX") || g_str_equal(drv, "ODS");
    g->base.row = g->base.raw ? 0 : 1;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (int i = 0; !g->base.raw && i < OGR_FD_GetFieldCount(defn); i++)
        g_ptr_array_add(g->base.header, g_strdup(OGR_Fld_GetNameRef(
                                            OGR_FD_GetFieldDefn(defn, i))));
    g->n_features = OGR_L_TestCapability(layer, OLCFastFeatureCount)
                        ? OGR_L_GetFeatureCount(layer, FALSE)
                        : -1;
    g->open_why = gdal_errors_pop(&ge);
    return &g->base;
}

GStrv reader_gdal_sheets(const char *path)
{
    gdal_errors ge;
    gdal_errors_push(&ge);
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    g_free(gdal_errors_pop(&ge));
    if (!ds)
        return NULL;
    const char *drv = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    int n = GDALDatasetGetLayerCount(ds);
    GStrv names = NULL;
    if ((g_str_equal(drv, "XLSX") || g_str_equal(drv, "ODS")) && n > 1) {
        names = g_new0(char *, (gsize)n + 1);
        for (int i = 0; i < n; i++)
            names[i] = g_strdup(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
    }
    gdal_close_quietly(ds);
    return names;
}

povatlas_status gdal_open_layer(const char *path, const char *layer_name,
                                GDALDatasetH *ds, OGRLayerH *layer,
                                povatlas_error **err)
{
    gdal_errors ge;
    gdal_errors_push(&ge);
    *ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    *layer = !*ds         ? NULL
             : layer_name ? GDALDatasetGetLayerByName(*ds, layer_name)
             : GDALDatasetGetLayerCount(*ds) > 0 ? GDALDatasetGetLayer(*ds, 0)
                                                 : NULL;
    g_autofree char *why = gdal_errors_pop(&ge);
    if (!*ds) {
        /* a path on disk that cannot be read at all is an I/O error, as
         * for the table readers; GDAL's own paths (/vsi…, PG:…) are not
         * on disk */
        struct stat sb;
        int errno_was = 0;
        if (!g_str_has_prefix(path, "/vsi") && stat(path, &sb) != 0)
            errno_was = errno;
        else if (!g_str_has_prefix(path, "/vsi") && !S_ISDIR(sb.st_mode) &&
                 access(path, R_OK) != 0)
            errno_was = errno;
        if (errno_was == ENOENT || errno_was == EACCES ||
            errno_was == ENOTDIR || errno_was == ELOOP)
            return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                         "cannot read the file: %s",
                                         g_strerror(errno_was));
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "cannot read as a vector layer: %s",
                                     why ? why : "format not recognised");
    }
    if (why && g_str_has_prefix(why, "PROJ:")) {
        /* GDAL falls back to EPSG:4326 for a CRS PROJ does not know */
        *layer = NULL;
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "unknown coordinate reference system "
                                     "(%s)",
                                     why);
    }
    if (!*layer)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, path, 0, NULL, "no layer%s%s",
            layer_name ? " named " : "", layer_name ? layer_name : "");
    return POVATLAS_OK;
}

povatlas_status gdal_next_feature(OGRLayerH layer, const char *path, long read,
                                  OGRFeatureH *feat, povatlas_error **err)
{
    g_autofree char *why = gdal_errors_next_feature(layer, feat);
    if (!why)
        return POVATLAS_OK;
    return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                 "cannot read the feature after feature "
                                 "%ld: %s",
                                 read, why);
}

void gdal_close_quietly(GDALDatasetH ds)
{
    if (!ds)
        return;
    gdal_errors ge;
    gdal_errors_push(&ge);
    GDALClose(ds);
    g_free(gdal_errors_pop(&ge));
}

OGRCoordinateTransformationH gdal_to_wgs84(OGRLayerH layer)
{
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(layer);
    if (!src)
        return NULL; /* no CRS: taken as EPSG:4326 */
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReferenceH s = OSRClone(src);
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH t =
        OSRIsSame(s, wgs84) ? NULL : OCTNewCoordinateTransformation(s, wgs84);
    OSRDestroySpatialReference(s);
    OSRDestroySpatialReference(wgs84);
    return t;
}
