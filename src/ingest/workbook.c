/*
 * workbook.c - checking an XLSX or ODS workbook before GDAL opens it. A
 * workbook is a zip of XML files, and GDAL's spreadsheet drivers inflate
 * and hold a sheet whole: a 4 MB XLSX that inflates to 1 GB took 3.6 GB of
 * memory. The zip's central directory says how large each member inflates
 * and an XLSX sheet's <dimension> how many cells it spans, so both are
 * read (through GDAL's /vsizip/, which inflates nothing to list them) and
 * a workbook over the limits is refused with the limit named. An XLSX
 * sheet without <dimension> and the sheets of an ODS workbook (whose
 * cells repeat: number-columns-repeated, number-rows-repeated) are
 * counted by streaming their XML, a block at a time, once the inflated
 * size is known to be within the limit. Reading the cells themselves is
 * reader_gdal.c's job.
 */
/* GDAL's VSIStatBufL is glibc's struct stat64 */
#define _LARGEFILE64_SOURCE
#include <stdlib.h>
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

/* ---- streamed sheet XML: what GDAL would hold, counted first ---- */

#define SCAN_BLOCK ((size_t)1 << 16)
/* A tag longer than this is none that is counted (cells and rows are a
 * few dozen bytes); its bytes are passed over. */
#define TAG_MAX ((size_t)1 << 14)

/* Called with each tag's text between '<' and '>' and the text that
 * follows it up to the next tag (cut to nothing when longer than
 * TAG_MAX); FALSE stops. */
typedef gboolean (*tag_fn)(void *data, const char *tag, size_t n,
                           const char *text, size_t text_n);

enum { SKIP_NONE, SKIP_TAG, SKIP_TEXT };

/* Streams the XML member @vsi through @fn, inflating a block at a time:
 * memory stays at two blocks whatever the member's size. FALSE when the
 * member cannot be read or @fn stopped. */
static gboolean stream_tags(const char *vsi, tag_fn fn, void *data)
{
    VSILFILE *fp = VSIFOpenL(vsi, "rb");
    if (!fp)
        return FALSE;
    char *buf = g_malloc(SCAN_BLOCK + TAG_MAX);
    size_t have = 0; /* bytes of an unfinished tag kept from before */
    int skip = SKIP_NONE;
    gboolean ok = TRUE;
    size_t n;
    while (ok && (n = VSIFReadL(buf + have, 1, SCAN_BLOCK, fp)) > 0) {
        gboolean eof = n < SCAN_BLOCK;
        size_t end = have + n, i = 0;
        if (skip != SKIP_NONE) {
            const char *stop = memchr(buf, skip == SKIP_TAG ? '>' : '<', end);
            if (!stop) {
                have = 0;
                continue;
            }
            i = (size_t)(stop - buf) + (skip == SKIP_TAG);
            skip = SKIP_NONE;
        }
        size_t keep = end; /* start of an unfinished tag and its text */
        while (ok && i < end) {
            const char *lt = memchr(buf + i, '<', end - i);
            if (!lt)
                break;
            size_t open = (size_t)(lt - buf);
            const char *gt = memchr(lt + 1, '>', end - open - 1);
            if (!gt) {
                keep = open;
                break;
            }
            size_t close = (size_t)(gt - buf);
            const char *next = memchr(gt + 1, '<', end - close - 1);
            if (!next && !eof) {
                if (end - open > TAG_MAX) { /* a long text: not counted */
                    ok = fn(data, lt + 1, close - open - 1, gt + 1, 0);
                    skip = SKIP_TEXT;
                    i = end;
                    break;
                }
                keep = open;
                break;
            }
            size_t text_end = next ? (size_t)(next - buf) : end;
            ok = fn(data, lt + 1, close - open - 1, gt + 1,
                    text_end - close - 1);
            i = close + 1;
        }
        have = keep < end ? end - keep : 0;
        if (have > TAG_MAX) {
            have = 0;
            skip = SKIP_TAG;
        } else if (have)
            memmove(buf, buf + keep, have);
    }
    g_free(buf);
    VSIFCloseL(fp);
    return ok;
}

/* The tag's local name (after any prefix) is @name: "c" matches "<c ",
 * "<x:c>" and "<c/>", not "<col". */
static gboolean tag_is(const char *tag, size_t n, const char *name)
{
    size_t i = 0;
    while (i < n && tag[i] != ' ' && tag[i] != '/' && tag[i] != ':' &&
           tag[i] != '\t' && tag[i] != '\n' && tag[i] != '\r')
        i++;
    const char *local = tag;
    size_t len = i;
    if (i < n && tag[i] == ':') {
        local = tag + i + 1;
        len = 0;
        while (i + 1 + len < n && local[len] != ' ' && local[len] != '/' &&
               local[len] != '\t' && local[len] != '\n' && local[len] != '\r')
            len++;
    }
    return len == strlen(name) && memcmp(local, name, len) == 0;
}

/* The value of the attribute whose name ends in @name (` r="`,
 * `number-rows-repeated="`) in @tag, or NULL; *len its length. */
static const char *tag_attr(const char *tag, size_t n, const char *name,
                            size_t *len)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= n; i++) {
        if (memcmp(tag + i, name, k) != 0 || tag[i + k] != '=' ||
            tag[i + k + 1] != '"')
            continue;
        if (i > 0 && tag[i - 1] != ' ' && tag[i - 1] != ':' &&
            tag[i - 1] != '\t' && tag[i - 1] != '\n' && tag[i - 1] != '\r')
            continue;
        const char *v = tag + i + k + 2;
        const char *q = memchr(v, '"', n - (size_t)(v - tag));
        if (!q)
            return NULL;
        *len = (size_t)(q - v);
        return v;
    }
    return NULL;
}

/* A positive whole number of at most 12 digits, else 1 (a repeat count
 * absent or unreadable counts once). */
static gint64 attr_count(const char *tag, size_t n, const char *name)
{
    size_t len = 0;
    const char *v = tag_attr(tag, n, name, &len);
    if (!v || len == 0 || len > 12)
        return 1;
    gint64 c = 0;
    for (size_t i = 0; i < len; i++) {
        if (!g_ascii_isdigit(v[i]))
            return 1;
        c = c * 10 + (v[i] - '0');
    }
    return c > 0 ? c : 1;
}

/* ---- XLSX: a sheet without <dimension> ---- */

typedef struct xlsx_count {
    gint64 row, col;         /* of the last row and cell */
    gint64 max_row, max_col; /* the span GDAL fills */
} xlsx_count;

static gboolean xlsx_tag(void *data, const char *tag, size_t n,
                         const char *text, size_t text_n)
{
    (void)text, (void)text_n;
    xlsx_count *x = data;
    size_t len = 0;
    if (tag_is(tag, n, "row")) {
        const char *r = tag_attr(tag, n, "r", &len);
        gint64 row = 0;
        for (size_t i = 0; r && i < len && i < 12 && g_ascii_isdigit(r[i]); i++)
            row = row * 10 + (r[i] - '0');
        x->row = row > 0 ? row : x->row + 1;
        x->col = 0;
        x->max_row = MAX(x->max_row, x->row);
    } else if (tag_is(tag, n, "c")) {
        const char *r = tag_attr(tag, n, "r", &len);
        gint64 col = 0;
        for (size_t i = 0; r && i < len && i < 8 && g_ascii_isalpha(r[i]); i++)
            col = col * 26 + (g_ascii_toupper(r[i]) - 'A' + 1);
        x->col = col > 0 ? col : x->col + 1;
        x->max_col = MAX(x->max_col, x->col);
    }
    return x->max_col <= READER_MAX_COLUMNS &&
           x->max_row <= SHEET_MAX_CELLS / MAX(x->max_col, 1);
}

/* ---- ODS: content.xml, every sheet ---- */

/* Sums of repeat counts stop here, far past any limit, never wrapping. */
#define COUNT_CAP ((gint64)1 << 50)

typedef struct ods_count {
    int sheet;          /* 1-based, of the table being read */
    int depth;          /* nested tables (a sub-table counts in its row) */
    gint64 row_repeat;  /* number-rows-repeated of the open row */
    gint64 row_cols;    /* columns of the open row so far */
    gint64 row_filled;  /* up to its last cell that holds something */
    gint64 rows;        /* rows of the sheet so far */
    gint64 rows_filled; /* up to its last row that holds something */
    gint64 max_cols;    /* widest row, up to its last filled cell */
    int over_sheet;     /* the first sheet over a limit, 0 when none */
    gint64 over_rows, over_cols;
} ods_count;

static gboolean ods_over(ods_count *o)
{
    if (o->max_cols > READER_MAX_COLUMNS ||
        o->rows_filled > SHEET_MAX_CELLS / MAX(o->max_cols, 1)) {
        o->over_sheet = o->sheet;
        o->over_rows = o->rows_filled;
        o->over_cols = o->max_cols;
        return TRUE;
    }
    return FALSE;
}

static gboolean ods_tag(void *data, const char *tag, size_t n, const char *text,
                        size_t text_n)
{
    (void)text, (void)text_n;
    ods_count *o = data;
    gboolean closing = n > 0 && tag[0] == '/';
    gboolean empty = n > 0 && tag[n - 1] == '/';
    const char *name = closing ? tag + 1 : tag;
    size_t len = closing ? n - 1 : n;
    if (tag_is(name, len, "table")) {
        if (closing)
            o->depth--;
        else if (o->depth++ == 0) {
            o->sheet++;
            o->rows = o->rows_filled = o->max_cols = 0;
        }
    } else if (o->depth != 1) {
        /* outside a sheet, or inside a sub-table */
    } else if (tag_is(name, len, "table-row")) {
        if (!closing) {
            o->row_repeat = attr_count(tag, n, "number-rows-repeated");
            o->row_cols = o->row_filled = 0;
        }
        if (closing || empty) {
            o->rows = MIN(o->rows + o->row_repeat, COUNT_CAP);
            if (o->row_filled > 0) {
                o->rows_filled = o->rows;
                o->max_cols = MAX(o->max_cols, o->row_filled);
            }
            return !ods_over(o);
        }
    } else if (!closing && (tag_is(name, len, "table-cell") ||
                            tag_is(name, len, "covered-table-cell"))) {
        o->row_cols =
            MIN(o->row_cols + attr_count(tag, n, "number-columns-repeated"),
                COUNT_CAP);
        /* a cell holds something when it has a value type or content */
        size_t vlen;
        if (!empty || tag_attr(tag, n, "value-type", &vlen))
            o->row_filled = o->row_cols;
    }
    return TRUE;
}

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

static povatlas_status refuse_span(const char *path, const char *what,
                                   gint64 cols, gint64 rows,
                                   povatlas_error **err)
{
    if (cols > READER_MAX_COLUMNS)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "%s spans %" G_GINT64_FORMAT
                                     " columns, more than the %d povatlas "
                                     "reads",
                                     what, cols, READER_MAX_COLUMNS);
    if (cols > 0 && rows > SHEET_MAX_CELLS / cols)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, path, 0, NULL,
            "%s spans %" G_GINT64_FORMAT " rows x %" G_GINT64_FORMAT
            " columns, more than the %" G_GINT64_FORMAT " cells povatlas "
            "reads from a sheet: give the list as CSV",
            what, rows, cols, SHEET_MAX_CELLS);
    return POVATLAS_OK;
}

/* Refuses a sheet of more than READER_MAX_COLUMNS columns or
 * SHEET_MAX_CELLS cells: an XLSX sheet by its <dimension>, else by its
 * cells; the sheets of an ODS content.xml by their cells. */
static povatlas_status check_sheet(const char *path, const char *zip,
                                   const char *member, povatlas_error **err)
{
    gint64 cols, rows;
    g_autofree char *vsi = g_strdup_printf("%s/%s", zip, member);
    if (is_sheet(member)) {
        if (sheet_dimension(zip, member, &cols, &rows))
            return refuse_span(path, member, cols, rows, err);
        xlsx_count x = {0};
        stream_tags(vsi, xlsx_tag, &x);
        return refuse_span(path, member, x.max_col, x.max_row, err);
    }
    if (strcmp(member, "content.xml") != 0)
        return POVATLAS_OK;
    ods_count o = {0};
    stream_tags(vsi, ods_tag, &o);
    if (!o.over_sheet)
        return POVATLAS_OK;
    g_autofree char *what =
        g_strdup_printf("sheet %d of content.xml", o.over_sheet);
    return refuse_span(path, what, o.over_cols, o.over_rows, err);
}

/* Adds the inflated size of every member of @zip to *bytes; stops at
 * too many members. */
static povatlas_status count_members(const char *path, const char *zip,
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
    }
    return POVATLAS_OK;
}

/* Checks each sheet; stops at the first refusal. */
static povatlas_status check_members(const char *path, const char *zip,
                                     char **members, povatlas_error **err)
{
    for (char **m = members; *m; m++) {
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
    povatlas_status st = count_members(path, zip, members, &bytes, err);
    if (!st && bytes > WORKBOOK_MAX_BYTES)
        st = povatlas_error_set_at(
            err, POVATLAS_E_INPUT, path, 0, NULL,
            "the workbook inflates to %" G_GINT64_FORMAT " MiB, more than "
            "the %" G_GINT64_FORMAT " MiB povatlas reads (a zip bomb, or a "
            "list to give as CSV)",
            bytes >> 20, WORKBOOK_MAX_BYTES >> 20);
    /* the sheets are streamed only once their size is known to be read */
    if (!st) {
        gdal_errors_push(&ge);
        st = check_members(path, zip, members, err);
        g_free(gdal_errors_pop(&ge));
    }
    CSLDestroy(members);
    return st;
}

/* ---- XLSX: the cells that hold a number with a fraction ---- */

typedef struct frac_scan {
    gint64 row, col;
    gboolean numeric; /* the open cell holds a number (t absent or "n") */
    uint64_t *keys;   /* row << 16 | column - 1 */
    size_t n, cap;
    gboolean oom;
} frac_scan;

static gboolean frac_tag(void *data, const char *tag, size_t n,
                         const char *text, size_t text_n)
{
    frac_scan *f = data;
    size_t len = 0;
    if (tag_is(tag, n, "row")) {
        const char *r = tag_attr(tag, n, "r", &len);
        gint64 row = 0;
        for (size_t i = 0; r && i < len && i < 12 && g_ascii_isdigit(r[i]); i++)
            row = row * 10 + (r[i] - '0');
        f->row = row > 0 ? row : f->row + 1;
        f->col = 0;
    } else if (tag_is(tag, n, "c")) {
        const char *r = tag_attr(tag, n, "r", &len);
        gint64 col = 0;
        for (size_t i = 0; r && i < len && i < 8 && g_ascii_isalpha(r[i]); i++)
            col = col * 26 + (g_ascii_toupper(r[i]) - 'A' + 1);
        f->col = col > 0 ? col : f->col + 1;
        const char *t = tag_attr(tag, n, "t", &len);
        f->numeric = !t || (len == 1 && t[0] == 'n');
    } else if (f->numeric && tag_is(tag, n, "v") && f->col <= 0xffff) {
        f->numeric = FALSE;
        gboolean whole = TRUE;
        for (size_t i = 0; i < text_n && whole; i++)
            whole = text[i] != '.' && text[i] != 'e' && text[i] != 'E';
        if (whole)
            return TRUE;
        if (f->n == f->cap) {
            size_t cap = f->cap ? f->cap * 2 : 256;
            uint64_t *k = cap < SIZE_MAX / sizeof *k
                              ? povatlas_try_realloc(f->keys, cap * sizeof *k)
                              : NULL;
            if (!k) {
                f->oom = TRUE;
                return FALSE;
            }
            f->keys = k;
            f->cap = cap;
        }
        f->keys[f->n++] = (uint64_t)f->row << 16 | (uint64_t)(f->col - 1);
    }
    return TRUE;
}

/* The sheets of xl/workbook.xml in order, and their relationship ids. */
typedef struct sheet_find {
    const char *want; /* (nullable) the sheet's name, else the first */
    char *rid;        /* found: its r:id */
    char *target;     /* found: the member the relationship names */
} sheet_find;

/* @v (@n bytes) with the five XML entities replaced (g_free). */
static char *xml_unescape(const char *v, size_t n)
{
    static const char *const ent[][2] = {{"&amp;", "&"},
                                         {"&lt;", "<"},
                                         {"&gt;", ">"},
                                         {"&quot;", "\""},
                                         {"&apos;", "'"}};
    GString *s = g_string_sized_new(n);
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        for (; k < G_N_ELEMENTS(ent); k++) {
            size_t l = strlen(ent[k][0]);
            if (i + l <= n && memcmp(v + i, ent[k][0], l) == 0) {
                g_string_append(s, ent[k][1]);
                i += l;
                break;
            }
        }
        if (k == G_N_ELEMENTS(ent))
            g_string_append_c(s, v[i++]);
    }
    return g_string_free(s, FALSE);
}

static gboolean sheet_tag(void *data, const char *tag, size_t n,
                          const char *text, size_t text_n)
{
    (void)text, (void)text_n;
    sheet_find *s = data;
    size_t len = 0, id_len = 0;
    if (s->rid || !tag_is(tag, n, "sheet"))
        return TRUE;
    const char *name = tag_attr(tag, n, "name", &len);
    const char *id = tag_attr(tag, n, "id", &id_len);
    if (!name || !id)
        return TRUE;
    g_autofree char *plain = xml_unescape(name, len);
    if (!s->want || strcmp(plain, s->want) == 0)
        s->rid = g_strndup(id, id_len);
    return !s->rid;
}

static gboolean rel_tag(void *data, const char *tag, size_t n, const char *text,
                        size_t text_n)
{
    (void)text, (void)text_n;
    sheet_find *s = data;
    size_t len = 0, t_len = 0;
    if (!tag_is(tag, n, "Relationship"))
        return TRUE;
    const char *id = tag_attr(tag, n, "Id", &len);
    const char *target = tag_attr(tag, n, "Target", &t_len);
    if (!id || !target || len != strlen(s->rid) || memcmp(id, s->rid, len))
        return TRUE;
    g_autofree char *t = xml_unescape(target, t_len);
    s->target = t[0] == '/' ? g_strdup(t + 1) : g_strconcat("xl/", t, NULL);
    return FALSE;
}

static int by_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

povatlas_status workbook_xlsx_fractions(const char *path, const char *sheet,
                                        uint64_t **keys, size_t *n,
                                        povatlas_error **err)
{
    *keys = NULL;
    *n = 0;
    g_autofree char *zip = g_strconcat("/vsizip/", path, NULL);
    g_autofree char *book = g_strconcat(zip, "/xl/workbook.xml", NULL);
    g_autofree char *rels =
        g_strconcat(zip, "/xl/_rels/workbook.xml.rels", NULL);
    sheet_find s = {sheet, NULL, NULL};
    gdal_errors ge;
    gdal_errors_push(&ge);
    stream_tags(book, sheet_tag, &s);
    if (s.rid)
        stream_tags(rels, rel_tag, &s);
    frac_scan f = {0};
    if (s.target) {
        g_autofree char *member = g_strconcat(zip, "/", s.target, NULL);
        stream_tags(member, frac_tag, &f);
    }
    g_free(gdal_errors_pop(&ge));
    g_free(s.rid);
    g_free(s.target);
    if (f.oom) {
        free(f.keys);
        return povatlas_error_set_at(err, POVATLAS_E_NOMEM, path, 0, NULL,
                                     "out of memory for the sheet's numbers");
    }
    /* rows come in order in a sheet; a writer that does otherwise too */
    if (f.n > 1) /* qsort() takes no NULL, even of no items */
        qsort(f.keys, f.n, sizeof *f.keys, by_key);
    *keys = f.keys;
    *n = f.n;
    return POVATLAS_OK;
}
