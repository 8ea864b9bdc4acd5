/*
 * table_files.c - a report table (povatlas/table.h) as text, CSV, JSON or
 * XLSX. Text is for people (Vietnamese number format by default, "–" for
 * a missing cell); CSV and JSON carry numbers as numbers (1234.5) and a
 * missing cell as empty / null; XLSX goes through GDAL's XLSX driver with
 * typed fields. The notes (the synthetic-data note) travel with every
 * format: lines above the text table, a last "Ghi chú"/"Note" column in
 * CSV and XLSX (a table without rows gets one row holding only the note),
 * "notes" in JSON. Files are written under a temporary name
 * and renamed when complete; an existing file is kept unless overwriting
 * is asked for.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <ogr_api.h>

#include "core/gdal_errors.h"
#include "povatlas/core.h"
#include "povatlas/export.h"
#include "povatlas/table.h"

static const char *const FORMAT_NAMES[] = {"text", "csv", "json", "xlsx"};

int povatlas_table_format_parse(const char *name, povatlas_table_format *out)
{
    for (size_t i = 0; name && i < G_N_ELEMENTS(FORMAT_NAMES); i++)
        if (g_ascii_strcasecmp(name, FORMAT_NAMES[i]) == 0) {
            *out = (povatlas_table_format)i;
            return 1;
        }
    return 0;
}

int povatlas_table_format_of_path(const char *path, povatlas_table_format *out)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return 0;
    if (g_ascii_strcasecmp(dot, ".txt") == 0) {
        *out = POVATLAS_TABLE_TEXT;
        return 1;
    }
    return povatlas_table_format_parse(dot + 1, out) &&
           *out != POVATLAS_TABLE_TEXT;
}

static const char *note_head(const char *lang)
{
    return g_strcmp0(lang, "en") == 0 ? "Note" : "Ghi chú";
}

/* The notes joined into one cell. */
static char *notes_joined(const povatlas_table *t)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < povatlas_table_n_notes(t); i++)
        g_string_append_printf(s, "%s%s", i ? "; " : "",
                               povatlas_table_note(t, i));
    return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------------ text */

static char *text_cell(const povatlas_table *t, size_t r, size_t c,
                       const char *lang)
{
    if (povatlas_table_is_missing(t, r, c))
        return g_strdup("–");
    int dec = povatlas_table_column_decimals(t, c);
    char *n = NULL, *out = NULL;
    switch (povatlas_table_column_type(t, c)) {
    case POVATLAS_COLUMN_TEXT:
        return g_strdup(povatlas_table_text(t, r, c));
    case POVATLAS_COLUMN_INT:
        n = povatlas_format_count(povatlas_table_int(t, r, c), lang);
        out = g_strdup(n);
        break;
    case POVATLAS_COLUMN_REAL:
        n = povatlas_format_number(povatlas_table_real(t, r, c), dec, lang);
        out = g_strdup(n);
        break;
    case POVATLAS_COLUMN_PERCENT:
        n = povatlas_format_number(povatlas_table_real(t, r, c), dec, lang);
        out = g_strdup_printf("%s %%", n);
        break;
    }
    free(n);
    return out;
}

static void pad(GString *s, const char *cell, int width, int right)
{
    int n = width - (int)g_utf8_strlen(cell, -1);
    if (right)
        g_string_append_printf(s, "%*s%s", n > 0 ? n : 0, "", cell);
    else
        g_string_append_printf(s, "%s%*s", cell, n > 0 ? n : 0, "");
}

static char *to_text(const povatlas_table *t, const char *lang)
{
    size_t nc = povatlas_table_n_columns(t), nr = povatlas_table_n_rows(t);
    char **cells = g_new0(char *, (nr + 1) * nc + 1);
    int *width = g_new0(int, nc);
    for (size_t c = 0; c < nc; c++)
        cells[c] = g_strdup(povatlas_table_column_head(t, c));
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++)
            cells[(r + 1) * nc + c] = text_cell(t, r, c, lang);
    for (size_t i = 0; i < (nr + 1) * nc; i++)
        width[i % nc] = MAX(width[i % nc], (int)g_utf8_strlen(cells[i], -1));
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < povatlas_table_n_notes(t); i++)
        g_string_append_printf(s, "%s\n", povatlas_table_note(t, i));
    if (povatlas_table_title(t))
        g_string_append_printf(s, "%s\n", povatlas_table_title(t));
    for (size_t r = 0; r <= nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            int right =
                povatlas_table_column_type(t, c) != POVATLAS_COLUMN_TEXT;
            if (c)
                g_string_append(s, "  ");
            pad(s, cells[r * nc + c], c + 1 < nc || right ? width[c] : 0,
                right);
        }
        g_string_append_c(s, '\n');
    }
    g_strfreev(cells);
    g_free(width);
    return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------- CSV, JSON */

/* A number as a number: integers exactly, reals with 15 significant
 * digits (1.17, not 1.1699999999999999), never in the locale's format. */
static void append_number(GString *s, const povatlas_table *t, size_t r,
                          size_t c)
{
    if (povatlas_table_column_type(t, c) == POVATLAS_COLUMN_INT) {
        g_string_append_printf(s, "%" G_GINT64_FORMAT,
                               povatlas_table_int(t, r, c));
        return;
    }
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.15g",
                                       povatlas_table_real(t, r, c)));
}

static void csv_field(GString *s, const char *v)
{
    if (!v)
        return;
    if (!strpbrk(v, ",\"\r\n")) {
        g_string_append(s, v);
        return;
    }
    g_string_append_c(s, '"');
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            g_string_append_c(s, '"');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

static char *to_csv(const povatlas_table *t, const char *lang)
{
    size_t nc = povatlas_table_n_columns(t), nr = povatlas_table_n_rows(t);
    int with_note = povatlas_table_n_notes(t) > 0;
    g_autofree char *note = notes_joined(t);
    GString *s = g_string_new(NULL);
    for (size_t c = 0; c < nc; c++) {
        if (c)
            g_string_append_c(s, ',');
        csv_field(s, povatlas_table_column_head(t, c));
    }
    if (with_note) {
        g_string_append_c(s, ',');
        csv_field(s, note_head(lang));
    }
    g_string_append(s, "\r\n");
    if (nr == 0 && with_note) { /* the note still travels: a row of it */
        for (size_t c = 0; c < nc; c++)
            g_string_append_c(s, ',');
        csv_field(s, note);
        g_string_append(s, "\r\n");
    }
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            if (c)
                g_string_append_c(s, ',');
            if (povatlas_table_is_missing(t, r, c))
                continue;
            if (povatlas_table_column_type(t, c) == POVATLAS_COLUMN_TEXT)
                csv_field(s, povatlas_table_text(t, r, c));
            else
                append_number(s, t, r, c);
        }
        if (with_note) {
            g_string_append_c(s, ',');
            csv_field(s, note);
        }
        g_string_append(s, "\r\n");
    }
    return g_string_free(s, FALSE);
}

static void json_string(GString *s, const char *v)
{
    g_string_append_c(s, '"');
    for (const unsigned char *p = (const unsigned char *)v; p && *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(s, "\\%c", *p);
        else if (*p == '\n')
            g_string_append(s, "\\n");
        else if (*p < 0x20)
            g_string_append_printf(s, "\\u%04x", *p);
        else
            g_string_append_c(s, (char)*p);
    }
    g_string_append_c(s, '"');
}

static const char *type_name(povatlas_column_type type)
{
    return type == POVATLAS_COLUMN_INT       ? "integer"
           : type == POVATLAS_COLUMN_REAL    ? "real"
           : type == POVATLAS_COLUMN_PERCENT ? "percent"
                                             : "text";
}

/* {"title": …, "notes": […], "columns": [{"name", "type"}], "rows": [{head:
 * value}]}: numbers as numbers, a missing cell null. */
static char *to_json(const povatlas_table *t)
{
    size_t nc = povatlas_table_n_columns(t), nr = povatlas_table_n_rows(t);
    GString *s = g_string_new("{\n  \"title\": ");
    json_string(s, povatlas_table_title(t));
    g_string_append(s, ",\n  \"notes\": [");
    for (size_t i = 0; i < povatlas_table_n_notes(t); i++) {
        g_string_append(s, i ? ", " : "");
        json_string(s, povatlas_table_note(t, i));
    }
    g_string_append(s, "],\n  \"columns\": [");
    for (size_t c = 0; c < nc; c++) {
        g_string_append(s, c ? ",\n    {\"name\": " : "\n    {\"name\": ");
        json_string(s, povatlas_table_column_head(t, c));
        g_string_append_printf(s, ", \"type\": \"%s\"}",
                               type_name(povatlas_table_column_type(t, c)));
    }
    g_string_append(s, "],\n  \"rows\": [");
    for (size_t r = 0; r < nr; r++) {
        g_string_append(s, r ? ",\n    {" : "\n    {");
        for (size_t c = 0; c < nc; c++) {
            if (c)
                g_string_append(s, ", ");
            json_string(s, povatlas_table_column_head(t, c));
            g_string_append(s, ": ");
            if (povatlas_table_is_missing(t, r, c))
                g_string_append(s, "null");
            else if (povatlas_table_column_type(t, c) == POVATLAS_COLUMN_TEXT)
                json_string(s, povatlas_table_text(t, r, c));
            else
                append_number(s, t, r, c);
        }
        g_string_append_c(s, '}');
    }
    g_string_append(s, "]\n}\n");
    return g_string_free(s, FALSE);
}

char *povatlas_table_to_string(const povatlas_table *t,
                               povatlas_table_format format, const char *lang,
                               povatlas_error **err)
{
    switch (format) {
    case POVATLAS_TABLE_TEXT:
        return to_text(t, lang);
    case POVATLAS_TABLE_CSV:
        return to_csv(t, lang);
    case POVATLAS_TABLE_JSON:
        return to_json(t);
    case POVATLAS_TABLE_XLSX:
        break;
    }
    povatlas_error_set(err, POVATLAS_E_USAGE,
                       "XLSX is written to a file, not printed");
    return NULL;
}

/* ------------------------------------------------------------------ XLSX */

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
static char *sheet_name(const char *title)
{
    GString *s = g_string_new(NULL);
    const char *p = title ? title : "povatlas";
    for (int n = 0; *p && n < 31; p = g_utf8_next_char(p), n++) {
        gunichar ch = g_utf8_get_char(p);
        g_string_append_unichar(
            s, strchr("[]:*?/\\", (int)ch) && ch < 128 ? '-' : ch);
    }
    return g_string_free(s, FALSE);
}

static int xlsx_fields(OGRLayerH layer, const povatlas_table *t,
                       const char *lang)
{
    size_t nc = povatlas_table_n_columns(t);
    for (size_t c = 0; c <= nc; c++) {
        if (c == nc && !povatlas_table_n_notes(t))
            break;
        povatlas_column_type type =
            c < nc ? povatlas_table_column_type(t, c) : POVATLAS_COLUMN_TEXT;
        OGRFieldDefnH f = OGR_Fld_Create(
            c < nc ? povatlas_table_column_head(t, c) : note_head(lang),
            type == POVATLAS_COLUMN_TEXT  ? OFTString
            : type == POVATLAS_COLUMN_INT ? OFTInteger64
                                          : OFTReal);
        OGRErr e = OGR_L_CreateField(layer, f, TRUE);
        OGR_Fld_Destroy(f);
        if (e != OGRERR_NONE)
            return 0;
    }
    return 1;
}

static int xlsx_rows(OGRLayerH layer, const povatlas_table *t)
{
    size_t nc = povatlas_table_n_columns(t), nr = povatlas_table_n_rows(t);
    g_autofree char *note = notes_joined(t);
    /* without rows, one row holds the note alone, as in CSV */
    size_t n_out = nr == 0 && povatlas_table_n_notes(t) ? 1 : nr;
    for (size_t r = 0; r < n_out; r++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (size_t c = 0; c < nc && r < nr; c++) {
            if (povatlas_table_is_missing(t, r, c))
                continue;
            switch (povatlas_table_column_type(t, c)) {
            case POVATLAS_COLUMN_TEXT:
                OGR_F_SetFieldString(f, (int)c, povatlas_table_text(t, r, c));
                break;
            case POVATLAS_COLUMN_INT:
                OGR_F_SetFieldInteger64(f, (int)c, povatlas_table_int(t, r, c));
                break;
            default:
                OGR_F_SetFieldDouble(f, (int)c, povatlas_table_real(t, r, c));
            }
        }
        if (povatlas_table_n_notes(t))
            OGR_F_SetFieldString(f, (int)nc, note);
        OGRErr e = OGR_L_CreateFeature(layer, f);
        OGR_F_Destroy(f);
        if (e != OGRERR_NONE)
            return 0;
    }
    return 1;
}

static povatlas_status write_xlsx(const povatlas_table *t, const char *lang,
                                  povatlas_tempfile *tf, povatlas_error **err)
{
    /* the driver creates the file itself: drop the placeholder */
    g_unlink(tf->temp_path);
    gdal_errors ge;
    gdal_errors_push(&ge);
    GDALDriverH drv = GDALGetDriverByName("XLSX");
    GDALDatasetH ds =
        drv ? GDALCreate(drv, tf->temp_path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
    g_autofree char *sheet = sheet_name(povatlas_table_title(t));
    OGRLayerH layer =
        ds ? GDALDatasetCreateLayer(ds, sheet, NULL, wkbNone, NULL) : NULL;
    int ok = layer && xlsx_fields(layer, t, lang) && xlsx_rows(layer, t);
    if (ds)
        GDALClose(ds); /* GDAL 3.6 reports a failed close as an error */
    g_autofree char *msg = gdal_errors_pop(&ge);
    if (ok && !msg)
        return POVATLAS_OK;
    return povatlas_error_set_at(err, POVATLAS_E_IO, tf->final_path, 0, NULL,
                                 "cannot write XLSX%s%s", msg ? ": " : "",
                                 msg ? msg : (drv ? "" : " (no XLSX driver)"));
}

povatlas_status povatlas_table_write(const povatlas_table *t,
                                     povatlas_table_format format,
                                     const char *lang, const char *path,
                                     int overwrite, povatlas_error **err)
{
    if (!overwrite && g_file_test(path, G_FILE_TEST_EXISTS))
        return povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                                     "the file exists; not overwritten");
    povatlas_tempfile tf;
    povatlas_status st = povatlas_tempfile_begin(&tf, path, err);
    if (st)
        return st;
    if (format == POVATLAS_TABLE_XLSX) {
        st = write_xlsx(t, lang, &tf, err);
    } else {
        g_autofree char *text = povatlas_table_to_string(t, format, lang, err);
        st = text ? POVATLAS_OK : POVATLAS_E_USAGE;
        if (text && !povatlas_tempfile_write(&tf, text, strlen(text)))
            st = POVATLAS_OK; /* the commit reports the failed write */
    }
    if (st) {
        povatlas_tempfile_abort(&tf);
        return st;
    }
    return povatlas_tempfile_commit(&tf, err);
}
