/*
 * reader.c - choosing the engine that reads a tabular file, and what both
 * engines share. GDAL reads every format; CSV files larger than 16 MiB go
 * through libcsv because GDAL's CSV driver costs several microseconds a row
 * (bench/README.md has the measurement). Both engines give an empty line
 * of a CSV as a row, so row numbers are those a spreadsheet shows, and take
 * the separator from the first line that has one (a title line may not).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ingest_private.h"

#define FAST_CSV_MIN_BYTES (16 * 1024 * 1024)

static int has_csv_extension(const char *path)
{
    return g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".CSV") ||
           g_str_has_suffix(path, ".txt") || g_str_has_suffix(path, ".tsv");
}

/* Reads a text file byte by byte, knowing where lines end outside quotes,
 * which are empty, and the separator. '\r' is held back until the next
 * byte, so that text can go in before a "\r\n". */
typedef struct line_scan {
    gboolean quoted;
    int pending_cr;
    long line_no, line_len;
    gboolean line_has_sep;
    long counts[3], max_counts[3]; /* , ; tab in this line, in any line */
    long first_counts[3];          /* in the first line */
    long wide_line[3]; /* first line (1-based) with READER_MAX_COLUMNS or
                          more of , ; tab: wider than povatlas reads */
    /* GDAL's rule on the first line that has one: the first of , ; tab
     * outside quotes, ',' when they are mixed */
    char sep;
    gboolean sep_done;
} line_scan;

static gboolean is_sep(int b) { return b == ',' || b == ';' || b == '\t'; }

static int sep_index(int b) { return b == ',' ? 0 : b == ';' ? 1 : 2; }

/* Feeds @b; TRUE when it ends an empty line. Writes to @out (nullable)
 * what the copy holds: @fill on empty lines, and at the end of the first
 * line as many as it lacks to have as many cells as the longest line
 * (@pad). */
static gboolean scan_byte(line_scan *s, int b, FILE *out, char fill, long pad)
{
    if (b == '\r' && !s->quoted) {
        s->pending_cr++;
        return FALSE;
    }
    gboolean eol = b == '\n' && !s->quoted;
    gboolean empty = eol && s->line_len == 0;
    if (out) {
        if (empty && s->line_no > 0)
            fputc(fill, out);
        for (long i = 0; eol && s->line_no == 0 && i < pad; i++)
            fputc(fill, out);
        for (int i = 0; i < s->pending_cr; i++)
            fputc('\r', out);
        fputc(b, out);
    }
    s->line_len += s->pending_cr;
    s->pending_cr = 0;
    if (eol) {
        s->sep_done |= s->line_has_sep;
        for (int i = 0; i < 3; i++) {
            s->max_counts[i] = MAX(s->max_counts[i], s->counts[i]);
            if (s->line_no == 0)
                s->first_counts[i] = s->counts[i];
            s->counts[i] = 0;
        }
        s->line_no++;
        s->line_len = 0;
        s->line_has_sep = FALSE;
        return empty;
    }
    s->line_len++;
    if (b == '"')
        s->quoted = !s->quoted;
    if (!s->quoted && is_sep(b)) {
        int i = sep_index(b);
        s->line_has_sep = TRUE;
        if (++s->counts[i] == READER_MAX_COLUMNS && !s->wide_line[i])
            s->wide_line[i] = s->line_no + 1;
        if (!s->sep_done)
            s->sep = !s->sep ? (char)b : s->sep != b ? ',' : s->sep;
    }
    return FALSE;
}

/* Runs the scan over @path, copying into @out when not NULL; the number of
 * empty lines, or -1 on a read error. */
static long scan_lines(const char *path, line_scan *s, FILE *out, char fill,
                       long pad)
{
    *s = (line_scan){0}; /* read by the caller even when @path fails */
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    long empty = 0;
    int b;
    while ((b = getc(in)) != EOF)
        empty += scan_byte(s, b, out, fill, pad);
    for (; out && s->pending_cr > 0; s->pending_cr--)
        fputc('\r', out);
    gboolean bad = ferror(in);
    fclose(in);
    return bad ? -1 : empty;
}

/* GDAL's CSV driver passes over empty lines, so the row numbers after them
 * would be off by one each, and takes the separator and the number of
 * columns from the first line, so a title line without commas splits the
 * table at spaces or cuts it to one column. When @path has either, a
 * temporary copy where each empty line holds the separator alone (a row of
 * empty cells) and the first line is padded with empty cells to the width
 * of the longest line; else NULL. */
static char *gdal_ready_copy(const char *path, povatlas_error **err)
{
    line_scan s = {0};
    long empty = scan_lines(path, &s, NULL, 0, 0);
    char fill = s.sep ? s.sep : ',';
    int at = sep_index(fill);
    /* a file of one line has its counts still open */
    long first = s.line_no > 0 ? s.first_counts[at] : s.counts[at];
    long pad = MAX(s.max_counts[at], s.counts[at]) - first;
    if (empty >= 0 && s.wide_line[at]) {
        /* GDAL would cut the row at its own limit without a word */
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, s.wide_line[at],
                              NULL, "the row has more than %d columns",
                              READER_MAX_COLUMNS);
        return NULL;
    }
    if (empty < 0 || (empty == 0 && pad <= 0))
        return NULL;
    char *tmp = NULL;
    int fd = g_file_open_tmp("povatlas-rows-XXXXXX.csv", &tmp, NULL);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    gboolean ok = out && scan_lines(path, &s, out, fill, pad) == empty;
    if (out ? fclose(out) != 0 : (fd >= 0 && close(fd) != 0))
        ok = FALSE;
    if (!ok) {
        povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                              "cannot copy the file to read its empty lines");
        if (tmp)
            g_unlink(tmp);
        g_free(tmp);
        return NULL;
    }
    return tmp;
}

static povatlas_status check_file(const char *path, goffset *size,
                                  povatlas_error **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot read the file: %s",
                                     g_strerror(errno));
    if (S_ISDIR(sb.st_mode)) {
        *size = -1; /* a folder: a Shapefile set or a GDB, for GDAL */
        return POVATLAS_OK;
    }
    if (sb.st_size == 0)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "the file is empty");
    *size = sb.st_size;
    return POVATLAS_OK;
}

static gboolean has_workbook_extension(const char *path)
{
    g_autofree char *low = g_ascii_strdown(path, -1);
    return g_str_has_suffix(low, ".xlsx") || g_str_has_suffix(low, ".ods");
}

GStrv table_reader_sheets(const char *path)
{
    /* a workbook over the limits is refused when its sheet is opened */
    return has_workbook_extension(path) && !workbook_check(path, NULL)
               ? reader_gdal_sheets(path)
               : NULL;
}

table_reader *table_reader_open(const char *path,
                                const povatlas_import_opts *opts,
                                povatlas_error **err)
{
    return table_reader_open_sheet(path, opts, NULL, err);
}

table_reader *table_reader_open_sheet(const char *path,
                                      const povatlas_import_opts *opts,
                                      const char *sheet, povatlas_error **err)
{
    goffset size = 0;
    if (check_file(path, &size, err))
        return NULL;
    if (has_workbook_extension(path) && workbook_check(path, err))
        return NULL;
    int text = has_csv_extension(path);
    int fast =
        text &&
        (opts->csv_engine == POVATLAS_CSV_FAST ||
         (opts->csv_engine == POVATLAS_CSV_AUTO && size >= FAST_CSV_MIN_BYTES));
    char *warning = NULL;
    g_autofree char *utf8 =
        text ? encoding_utf8_copy(path, &warning, err) : g_strdup(path);
    if (!utf8)
        return NULL;
    if (text && !fast) {
        povatlas_error *copy_err = NULL;
        char *filled = gdal_ready_copy(utf8, &copy_err);
        if (copy_err) {
            povatlas_error_propagate(err, copy_err);
            if (strcmp(utf8, path) != 0)
                g_unlink(utf8);
            g_free(warning);
            return NULL;
        }
        if (filled) {
            if (strcmp(utf8, path) != 0)
                g_unlink(utf8);
            g_free(utf8);
            utf8 = filled;
        }
    }
    table_reader *r =
        fast ? reader_csv_open(utf8, err)
             : reader_gdal_open(utf8, sheet ? sheet : opts->layer, err);
    gboolean copy = strcmp(utf8, path) != 0;
    if (!r) {
        if (copy)
            g_unlink(utf8);
        g_free(warning);
        return NULL;
    }
    if (copy) {
        /* messages name the user's file, not the temporary copy */
        r->converted = g_steal_pointer(&utf8);
        g_free(r->path);
        r->path = g_strdup(path);
    }
    r->warning = warning;
    return r;
}

int reader_check_width(const table_reader *r, guint n_columns,
                       povatlas_error **err)
{
    if (n_columns <= READER_MAX_COLUMNS)
        return 0;
    povatlas_error_set_at(err, POVATLAS_E_INPUT, r->path, r->row, NULL,
                          "the row has more than %d columns",
                          READER_MAX_COLUMNS);
    return -1;
}

void reader_init(table_reader *r, const char *path)
{
    r->path = g_strdup(path);
    r->header = g_ptr_array_new_with_free_func(g_free);
    r->fields = g_ptr_array_new();
    r->pending = g_queue_new();
    r->row = 1;
}

void buffered_row_free(buffered_row *b)
{
    g_strfreev(b->cells);
    g_free(b);
}

int table_reader_next(table_reader *r, povatlas_error **err)
{
    g_clear_pointer(&r->replayed, g_strfreev);
    buffered_row *b = g_queue_pop_head(r->pending);
    if (!b)
        return r->next(r, err);
    r->replayed = g_steal_pointer(&b->cells);
    r->row = b->row;
    g_ptr_array_set_size(r->fields, 0);
    for (char **c = r->replayed; *c; c++)
        g_ptr_array_add(r->fields, *c);
    buffered_row_free(b);
    return 1;
}

double table_reader_fraction(const table_reader *r) { return r->fraction(r); }

const char *table_reader_cell(const table_reader *r, int col)
{
    if (col < 0 || (guint)col >= r->fields->len)
        return "";
    const char *s = g_ptr_array_index(r->fields, col);
    return s ? s : "";
}

void table_reader_close(table_reader *r)
{
    if (!r)
        return;
    r->close(r);
    if (r->converted)
        g_unlink(r->converted);
    g_free(r->converted);
    g_free(r->warning);
    g_queue_free_full(r->pending, (GDestroyNotify)buffered_row_free);
    g_strfreev(r->replayed);
    if (r->header_low)
        g_ptr_array_unref(r->header_low);
    g_ptr_array_unref(r->header);
    g_ptr_array_unref(r->fields);
    g_free(r->path);
    g_free(r);
}
