/*
 * reader_csv.c - the streaming CSV engine (libcsv) for large review files:
 * the file is read in 1 MiB blocks, parsed records are queued in one arena
 * and handed out one at a time, so memory stays flat however long the file.
 * Handles a UTF-8 byte-order mark, quoted fields with separators and line
 * breaks, and ',' ';' or tab separators (sniffed from the header line).
 * An empty line is a record without fields, so that row numbers stay those
 * a spreadsheet shows and the importer can report the blank row.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "core/fault.h"
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
    GString *arena;      /* NUL-terminated fields, back to back */
    GArray *field_at;    /* size_t offsets into arena */
    GArray *rec_end;     /* per record: index into field_at one past its last */
    guint next_rec;      /* next record to hand out */
    guint fields_before; /* field_at length when the last record ended */
    int last_term;       /* character that ended the last record or line */
    gboolean header_done;
    long records_out;
} csv_reader;

static void on_field(void *s, size_t len, void *data)
{
    csv_reader *c = data;
    size_t at = c->arena->len;
    g_string_append_len(c->arena, s ? s : "", (gssize)len);
    g_string_append_c(c->arena, '\0');
    g_array_append_val(c->field_at, at);
}

/* With CSV_REPALL_NL libcsv reports every line end outside a record: the
 * '\n' of a "\r\n" that ended a record is no line of its own, any other
 * empty report is an empty line. */
static void on_record(int term, void *data)
{
    csv_reader *c = data;
    guint end = c->field_at->len;
    gboolean empty = end == c->fields_before;
    gboolean crlf_tail = empty && term == '\n' && c->last_term == '\r';
    c->last_term = term;
    if (crlf_tail || (empty && term == -1))
        return;
    g_array_append_val(c->rec_end, end);
    c->fields_before = end;
}

/* Drops handed-out records from the queue, keeping the fields of a record
 * that the next block will finish. */
static void queue_compact(csv_reader *c)
{
    guint done = c->rec_end->len
                     ? g_array_index(c->rec_end, guint, c->rec_end->len - 1)
                     : 0;
    guint pending = c->field_at->len - done;
    size_t cut =
        pending ? g_array_index(c->field_at, size_t, done) : c->arena->len;
    g_string_erase(c->arena, 0, (gssize)cut);
    for (guint f = 0; f < pending; f++)
        g_array_index(c->field_at, size_t, f) =
            g_array_index(c->field_at, size_t, done + f) - cut;
    g_array_set_size(c->field_at, pending);
    g_array_set_size(c->rec_end, 0);
    c->fields_before = 0;
    c->next_rec = 0;
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
    if (n > 0 && csv_parse(&c->parser, p, n, on_field, on_record, c) != n)
        goto bad;
    if (last) {
        if (ferror(c->fp)) {
            povatlas_error_set_at(err, POVATLAS_E_IO, c->base.path, 0, NULL,
                                  "read error: %s", g_strerror(errno));
            return -1;
        }
        c->eof = TRUE;
        if (csv_fini(&c->parser, on_field, on_record, c) != 0)
            goto bad;
    }
    return 0;
bad:
    povatlas_error_set_at(err, POVATLAS_E_INPUT, c->base.path, c->base.row + 1,
                          NULL, "malformed CSV: %s",
                          csv_strerror(csv_error(&c->parser)));
    return -1;
}

/* Points base.fields at record @i of the queue. */
static void expose_record(csv_reader *c, guint i)
{
    guint first = i ? g_array_index(c->rec_end, guint, i - 1) : 0;
    guint end = g_array_index(c->rec_end, guint, i);
    g_ptr_array_set_size(c->base.fields, 0);
    for (guint f = first; f < end; f++)
        g_ptr_array_add(c->base.fields,
                        c->arena->str + g_array_index(c->field_at, size_t, f));
}

static int csv_next(table_reader *r, povatlas_error **err)
{
    csv_reader *c = (csv_reader *)r;
    while (c->next_rec >= c->rec_end->len) {
        if (c->eof)
            return 0;
        queue_compact(c);
        if (parse_block(c, err) < 0)
            return -1;
    }
    expose_record(c, c->next_rec++);
    r->row++;
    return reader_check_width(r, r->fields->len, err) < 0 ? -1 : 1;
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
    g_free(c->block);
    g_string_free(c->arena, TRUE);
    g_array_unref(c->field_at);
    g_array_unref(c->rec_end);
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
    char *block = povatlas_fault_hit(POVATLAS_FAULT_ALLOC)
                      ? NULL
                      : g_try_malloc(BLOCK_BYTES);
    if (!block) {
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
    c->arena = g_string_sized_new(2 * BLOCK_BYTES);
    c->field_at = g_array_new(FALSE, FALSE, sizeof(size_t));
    c->rec_end = g_array_new(FALSE, FALSE, sizeof(guint));
    fseeko(fp, 0, SEEK_END);
    c->file_bytes = ftello(fp);
    rewind(fp);
    csv_init(&c->parser,
             CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL);
    csv_set_delim(&c->parser, sniff_delimiter(fp));
    /* title rows and the header come as rows: headers.c finds the header */
    c->base.raw = TRUE;
    c->base.row = 0; /* the first record is row 1, as a spreadsheet shows */
    return &c->base;
}
