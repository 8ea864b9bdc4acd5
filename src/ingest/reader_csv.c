/*
 * reader_csv.c - the streaming CSV engine (libcsv) for large review files:
 * the file is read in 1 MiB blocks, parsed records are queued in one arena
 * and handed out one at a time, so memory stays flat however long the file.
 * Handles a UTF-8 byte-order mark, quoted fields with separators and line
 * breaks, and ',' ';' or tab separators (sniffed from the header line).
 * An empty line is a record without fields, so that row numbers stay those
 * a spreadsheet shows and the importer can report the blank row. Every
 * buffer grows through core/alloc.h (libcsv's own too): out of memory is
 * POVATLAS_E_NOMEM, not an abort.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "core/alloc.h"
#include "ingest_private.h"

#define BLOCK_BYTES (1 << 20)

typedef struct csv_reader {
    table_reader base;
    FILE *fp;
    struct csv_parser parser;
    char *block;
    gint64 file_bytes, read_bytes;
    gboolean eof;
    /* queue of parsed records */
    byte_buf arena;       /* NUL-terminated fields, back to back */
    byte_buf field_at;    /* size_t offsets into arena */
    byte_buf rec_end;     /* size_t per record: index into field_at one past
                             its last */
    size_t next_rec;      /* next record to hand out */
    size_t fields_before; /* field_at length when the last record ended */
    gboolean oom;         /* a buffer could not grow */
    int last_term;        /* character that ended the last record or line */
    gboolean header_done;
    long records_out;
} csv_reader;

/* The i-th size_t of @b. */
#define SIZE_AT(b, i) (((size_t *)(void *)(b).data)[i])
#define N_SIZES(b) ((b).len / sizeof(size_t))

static int push_size(byte_buf *b, size_t v)
{
    if (byte_buf_reserve(b, sizeof v) < 0)
        return -1;
    memcpy(b->data + b->len, &v, sizeof v);
    b->len += sizeof v;
    return 0;
}

/* libcsv retries a failed growth with smaller steps: a refused
 * allocation is out of memory all the same, noted for this thread. */
static _Thread_local gboolean parser_oom;

static void *parser_realloc(void *p, size_t n)
{
    void *q = povatlas_try_realloc(p, n);
    parser_oom |= q == NULL;
    return q;
}

static void on_field(void *s, size_t len, void *data)
{
    csv_reader *c = data;
    if (c->oom)
        return;
    size_t at = byte_buf_add_str(&c->arena, s ? s : "", len);
    c->oom = at == (size_t)-1 || push_size(&c->field_at, at) < 0;
}

/* With CSV_REPALL_NL libcsv reports every line end outside a record: the
 * '\n' of a "\r\n" that ended a record is no line of its own, any other
 * empty report is an empty line. */
static void on_record(int term, void *data)
{
    csv_reader *c = data;
    if (c->oom)
        return;
    size_t end = N_SIZES(c->field_at);
    gboolean empty = end == c->fields_before;
    gboolean crlf_tail = empty && term == '\n' && c->last_term == '\r';
    c->last_term = term;
    if (crlf_tail || (empty && term == -1))
        return;
    c->oom = push_size(&c->rec_end, end) < 0;
    c->fields_before = end;
}

/* Drops handed-out records from the queue, keeping the fields of a record
 * that the next block will finish. */
static void queue_compact(csv_reader *c)
{
    size_t n_rec = N_SIZES(c->rec_end);
    size_t done = n_rec ? SIZE_AT(c->rec_end, n_rec - 1) : 0;
    size_t pending = N_SIZES(c->field_at) - done;
    size_t cut = pending ? SIZE_AT(c->field_at, done) : c->arena.len;
    memmove(c->arena.data, c->arena.data + cut, c->arena.len - cut);
    c->arena.len -= cut;
    for (size_t f = 0; f < pending; f++)
        SIZE_AT(c->field_at, f) = SIZE_AT(c->field_at, done + f) - cut;
    c->field_at.len = pending * sizeof(size_t);
    c->rec_end.len = 0;
    c->fields_before = 0;
    c->next_rec = 0;
}

/* libcsv's state between records (libcsv.c: ROW_NOT_BEGUN). */
#define CSV_ROW_NOT_BEGUN 0

/* Whether @ch is a space libcsv trims around an unquoted field (its
 * default: space and tab, unless the tab separates the fields). */
static gboolean csv_trims(unsigned char ch, unsigned char delim)
{
    return (ch == ' ' || ch == '\t') && ch != delim;
}

/* Splits the line [@p, @end) (its line break not included) as libcsv
 * splits a line with no quote and no carriage return: fields at each
 * separator, spaces and tabs trimmed around each, and a line of nothing
 * but those spaces is an empty line. */
static void fast_line(csv_reader *c, const char *p, const char *end,
                      unsigned char delim)
{
    const char *q = p;
    while (q < end && csv_trims((unsigned char)*q, delim))
        q++;
    if (q < end) {
        for (;;) {
            while (q < end && csv_trims((unsigned char)*q, delim))
                q++;
            const char *f = q;
            while (q < end && (unsigned char)*q != delim)
                q++;
            const char *e = q;
            while (e > f && csv_trims((unsigned char)e[-1], delim))
                e--;
            on_field((void *)f, (size_t)(e - f), c);
            if (q == end)
                break;
            q++; /* past the separator: a field follows, maybe empty */
        }
    }
    on_record('\n', c);
}

/* Parses the whole lines at the start of the @n bytes at @p that libcsv
 * would parse the plain way (no quote character; a carriage return only
 * as part of the line's "\r\n"), while libcsv is between records; the
 * number of bytes parsed. libcsv's state machine, a callback per field
 * and a copy of each field through its own buffer cost a third of the
 * reading thread of a 10 M-row import; this does the same with a scan
 * per line. Any other line is left to libcsv. */
static size_t fast_lines(csv_reader *c, const char *p, size_t n)
{
    unsigned char delim = csv_get_delim(&c->parser);
    size_t done = 0;
    while (done < n && !c->oom && c->parser.pstate == CSV_ROW_NOT_BEGUN &&
           c->last_term != '\r') {
        const char *line = p + done;
        const char *nl = memchr(line, '\n', n - done);
        if (!nl)
            break; /* the line goes on in the next block */
        const char *end = nl;
        if (end > line && end[-1] == '\r')
            end--;
        size_t len = (size_t)(end - line);
        if (memchr(line, '"', len) || memchr(line, '\r', len))
            break;
        fast_line(c, line, end, delim);
        done = (size_t)(nl + 1 - p);
    }
    return done;
}

/* Parses @n bytes at @p: plain lines by fast_lines(), the rest (quoted
 * fields, a line cut by the block's end) by libcsv, one line at a time
 * so that fast_lines() takes over again after it; 0, or -1 when libcsv
 * refused the text. */
static int parse_bytes(csv_reader *c, const char *p, size_t n)
{
    size_t at = 0;
    while (at < n && !c->oom) {
        at += fast_lines(c, p + at, n - at);
        if (at == n || c->oom)
            break;
        const char *nl = memchr(p + at, '\n', n - at);
        size_t m = nl ? (size_t)(nl + 1 - (p + at)) : n - at;
        if (csv_parse(&c->parser, p + at, m, on_field, on_record, c) != m)
            return -1;
        at += m;
    }
    return 0;
}

static int parse_block(csv_reader *c, povatlas_error **err)
{
    size_t n = fread(c->block, 1, BLOCK_BYTES, c->fp);
    gboolean last = n < BLOCK_BYTES;
    const char *p = c->block;
    if (c->read_bytes == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3; /* UTF-8 byte-order mark */
        n -= 3;
        c->read_bytes += 3;
    }
    c->read_bytes += (gint64)n;
    parser_oom = FALSE;
    if (n > 0 && parse_bytes(c, p, n) < 0)
        goto bad;
    if (c->oom || parser_oom)
        goto oom;
    if (last) {
        if (ferror(c->fp)) {
            povatlas_error_set_at(err, POVATLAS_E_IO, c->base.path, 0, NULL,
                                  "read error: %s", g_strerror(errno));
            return -1;
        }
        c->eof = TRUE;
        if (csv_fini(&c->parser, on_field, on_record, c) != 0)
            goto bad;
        if (c->oom || parser_oom)
            goto oom;
    }
    return 0;
bad:
    if (c->oom || parser_oom || csv_error(&c->parser) == CSV_ENOMEM)
        goto oom;
    povatlas_error_set_at(err, POVATLAS_E_INPUT, c->base.path, c->base.row + 1,
                          NULL, "malformed CSV: %s",
                          csv_strerror(csv_error(&c->parser)));
    return -1;
oom:
    povatlas_error_set_at(err, POVATLAS_E_NOMEM, c->base.path, 0, NULL,
                          "out of memory reading the rows after row %ld",
                          c->base.row);
    return -1;
}

/* Points base.fields at record @i of the queue, once its width is
 * checked (base.fields never grows past READER_MAX_COLUMNS). */
static int expose_record(csv_reader *c, size_t i, povatlas_error **err)
{
    size_t first = i ? SIZE_AT(c->rec_end, i - 1) : 0;
    size_t end = SIZE_AT(c->rec_end, i);
    g_ptr_array_set_size(c->base.fields, 0);
    if (reader_check_width(&c->base, (guint)MIN(end - first, G_MAXUINT), err) <
        0)
        return -1;
    for (size_t f = first; f < end; f++)
        g_ptr_array_add(c->base.fields,
                        c->arena.data + SIZE_AT(c->field_at, f));
    return 1;
}

static int csv_next(table_reader *r, povatlas_error **err)
{
    csv_reader *c = (csv_reader *)r;
    while (c->next_rec >= N_SIZES(c->rec_end)) {
        if (c->eof)
            return 0;
        queue_compact(c);
        if (parse_block(c, err) < 0)
            return -1;
    }
    r->row++;
    return expose_record(c, c->next_rec++, err);
}

static double csv_fraction(const table_reader *r)
{
    const csv_reader *c = (const csv_reader *)r;
    return c->file_bytes > 0 ? (double)c->read_bytes / (double)c->file_bytes
                             : -1.0;
}

static void csv_close(table_reader *r)
{
    csv_reader *c = (csv_reader *)r;
    csv_free(&c->parser);
    if (c->fp)
        fclose(c->fp);
    free(c->block);
    byte_buf_clear(&c->arena);
    byte_buf_clear(&c->field_at);
    byte_buf_clear(&c->rec_end);
}

/* The separator that occurs most, outside quotes, in the first line that
 * has one (a title line above the table may have none). */
static unsigned char sniff_delimiter(FILE *fp)
{
    char block[65536];
    size_t n = fread(block, 1, sizeof block, fp);
    rewind(fp);
    int counts[3] = {0};
    gboolean quoted = FALSE;
    for (size_t i = 0; i < n; i++) {
        if (block[i] == '"')
            quoted = !quoted;
        else if (!quoted && block[i] == '\n' &&
                 counts[0] + counts[1] + counts[2] > 0)
            break;
        else if (!quoted)
            counts[0] += block[i] == ',', counts[1] += block[i] == ';',
                counts[2] += block[i] == '\t';
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        return ';';
    if (counts[2] > counts[0])
        return '\t';
    return ',';
}

table_reader *reader_csv_open(const char *path, povatlas_error **err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                              "cannot open: %s", g_strerror(errno));
        return NULL;
    }
    /* tried, not g_malloc(): out of memory is an error, not an abort */
    char *block = povatlas_try_malloc(BLOCK_BYTES);
    byte_buf arena = {0};
    if (!block || byte_buf_reserve(&arena, 2 * BLOCK_BYTES) < 0) {
        free(block);
        fclose(fp);
        povatlas_error_set_at(err, POVATLAS_E_NOMEM, path, 0, NULL,
                              "out of memory for the %d MiB read buffer",
                              BLOCK_BYTES >> 20);
        return NULL;
    }
    csv_reader *c = g_new0(csv_reader, 1);
    reader_init(&c->base, path);
    c->base.next = csv_next;
    c->base.fraction = csv_fraction;
    c->base.close = csv_close;
    c->fp = fp;
    c->block = block;
    c->arena = arena;
    fseeko(fp, 0, SEEK_END);
    c->file_bytes = ftello(fp);
    rewind(fp);
    csv_init(&c->parser,
             CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL);
    csv_set_realloc_func(&c->parser, parser_realloc);
    csv_set_free_func(&c->parser, free);
    csv_set_delim(&c->parser, sniff_delimiter(fp));
    /* title rows and the header come as rows: headers.c finds the header */
    c->base.raw = TRUE;
    c->base.row = 0; /* the first record is row 1, as a spreadsheet shows */
    return &c->base;
}
