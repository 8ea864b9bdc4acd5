/*
 * workbook.c - checking an XLSX or ODS workbook before GDAL opens it. A
 * workbook is a zip of XML files, and GDAL's spreadsheet drivers inflate
 * and hold a sheet whole: a 4 MB XLSX that inflates to 1 GB took 3.6 GB of
 * memory. The zip's central directory says how large each member inflates
 * and an XLSX sheet's <dimension> how many cells it spans, so both are
 * read (through GDAL's /vsizip/, which inflates nothing to list them) and
 * a workbook over the limits is refused with the limit named. Reading the
 * cells themselves is reader_gdal.c's job.
 */
/* GDAL's VSIStatBufL is glibc's struct stat64 */
#define _LARGEFILE64_SOURCE
#include <string.h>

#include <cpl_string.h>
#include <cpl_vsi.h>

#include "core/gdal_errors.h"
#include "ingest_private.h"

/* A review list of 100,000 households inflates to about 80 MB of sheet
 * XML; a larger list is read faster as CSV (docs/formats.md). */
#define WORKBOOK_MAX_BYTES ((gint64)256 << 20)
#define WORKBOOK_MAX_MEMBERS 10000
/* 100,000 households x 40 columns is 4,000,000 cells. */
#define SHEET_MAX_CELLS ((gint64)10000000)
/* <dimension> follows <sheetPr> near the start of the sheet's XML. */
#define DIMENSION_SEARCH_BYTES 4096

/* Column letters "XFD" as a number (1-based), 0 when none. */
static gint64 column_number(const char **p)
{
    gint64 n = 0;
    for (; g_ascii_isalpha(**p) && n < G_MAXINT32; (*p)++)
        n = n * 26 + (g_ascii_toupper(**p) - 'A' + 1);
    return n;
}

/* Reads "B3" of a dimension reference into *col, *row; FALSE when it is
 * not one. */
static gboolean cell_ref(const char **p, gint64 *col, gint64 *row)
{
    *col = column_number(p);
    char *end = NULL;
    *row = g_ascii_strtoll(*p, &end, 10);
    if (*col <= 0 || end == *p || *row <= 0)
        return FALSE;
    *p = end;
    return TRUE;
}

/* The columns and rows the sheet @member of @zip declares (ref="A1:Z99"),
 * or FALSE when it declares none. */
static gboolean sheet_dimension(const char *zip, const char *member,
                                gint64 *cols, gint64 *rows)
{
    g_autofree char *vsi = g_strdup_printf("%s/%s", zip, member);
    VSILFILE *fp = VSIFOpenL(vsi, "rb");
    if (!fp)
        return FALSE;
    char head[DIMENSION_SEARCH_BYTES + 1];
    size_t n = VSIFReadL(head, 1, DIMENSION_SEARCH_BYTES, fp);
    VSIFCloseL(fp);
    head[n] = '\0';
    const char *p = strstr(head, "<dimension ref=\"");
    if (!p)
        return FALSE;
    p += strlen("<dimension ref=\"");
    gint64 c0, r0, c1, r1;
    if (!cell_ref(&p, &c0, &r0))
        return FALSE;
    c1 = c0, r1 = r0;
    if (*p == ':' && (p++, !cell_ref(&p, &c1, &r1)))
        return FALSE;
    *cols = c1 - c0 + 1;
    *rows = r1 - r0 + 1;
    return *cols > 0 && *rows > 0;
}

static gboolean is_sheet(const char *member)
{
    return g_str_has_prefix(member, "xl/worksheets/") &&
           g_str_has_suffix(member, ".xml");
}

/* Refuses a sheet of more than READER_MAX_COLUMNS columns or
 * SHEET_MAX_CELLS cells. */
static povatlas_status check_sheet(const char *path, const char *zip,
                                   const char *member, povatlas_error **err)
{
    gint64 cols, rows;
    if (!is_sheet(member) || !sheet_dimension(zip, member, &cols, &rows))
        return POVATLAS_OK;
    if (cols > READER_MAX_COLUMNS)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "%s spans %" G_GINT64_FORMAT
                                     " columns, more than the %d povatlas "
                                     "reads",
                                     member, cols, READER_MAX_COLUMNS);
    if (rows > SHEET_MAX_CELLS / cols)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, path, 0, NULL,
            "%s spans %" G_GINT64_FORMAT " rows x %" G_GINT64_FORMAT
            " columns, more than the %" G_GINT64_FORMAT " cells povatlas "
            "reads from a sheet: give the list as CSV",
            member, rows, cols, SHEET_MAX_CELLS);
    return POVATLAS_OK;
}

/* Adds the inflated size of every member of @zip to *bytes, checking
 * each sheet; stops at the first refusal. */
static povatlas_status check_members(const char *path, const char *zip,
                                     char **members, gint64 *bytes,
                                     povatlas_error **err)
{
    guint n = 0;
    for (char **m = members; *m; m++, n++) {
        if (n >= WORKBOOK_MAX_MEMBERS)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                         "the workbook holds more than %d "
                                         "files",
                                         WORKBOOK_MAX_MEMBERS);
        g_autofree char *vsi = g_strdup_printf("%s/%s", zip, *m);
        VSIStatBufL st;
        if (VSIStatL(vsi, &st) == 0 && !VSI_ISDIR(st.st_mode))
            *bytes += (gint64)st.st_size;
        povatlas_status s = check_sheet(path, zip, *m, err);
        if (s)
            return s;
    }
    return POVATLAS_OK;
}

povatlas_status workbook_check(const char *path, povatlas_error **err)
{
    g_autofree char *zip = g_strconcat("/vsizip/", path, NULL);
    gdal_errors ge;
    gdal_errors_push(&ge);
    char **members = VSIReadDirRecursive(zip);
    g_free(gdal_errors_pop(&ge));
    if (!members)
        return POVATLAS_OK; /* not a zip: GDAL says what it is */
    gint64 bytes = 0;
    povatlas_status st = check_members(path, zip, members, &bytes, err);
    CSLDestroy(members);
    if (!st && bytes > WORKBOOK_MAX_BYTES)
        st = povatlas_error_set_at(
            err, POVATLAS_E_INPUT, path, 0, NULL,
            "the workbook inflates to %" G_GINT64_FORMAT " MiB, more than "
            "the %" G_GINT64_FORMAT " MiB povatlas reads (a zip bomb, or a "
            "list to give as CSV)",
            bytes >> 20, WORKBOOK_MAX_BYTES >> 20);
    return st;
}
