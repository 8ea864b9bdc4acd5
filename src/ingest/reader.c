/*
 * reader.c - choosing the engine that reads a tabular file, and what both
 * engines share. GDAL reads every format; CSV files larger than 16 MiB go
 * through libcsv because GDAL's CSV driver costs several microseconds a row
 * (bench/README.md has the measurement).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "ingest_private.h"

#define FAST_CSV_MIN_BYTES (16 * 1024 * 1024)

static int has_csv_extension(const char *path)
{
    return g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".CSV") ||
           g_str_has_suffix(path, ".txt") || g_str_has_suffix(path, ".tsv");
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

table_reader *table_reader_open(const char *path,
                                const povatlas_import_opts *opts,
                                povatlas_error **err)
{
    goffset size = 0;
    if (check_file(path, &size, err))
        return NULL;
    int text = has_csv_extension(path);
    int fast = text && (opts->csv_engine == POVATLAS_CSV_FAST ||
                        (opts->csv_engine == POVATLAS_CSV_AUTO &&
                         size >= FAST_CSV_MIN_BYTES));
    char *warning = NULL;
    g_autofree char *utf8 = text ? encoding_utf8_copy(path, &warning, err)
                                 : g_strdup(path);
    if (!utf8)
        return NULL;
    table_reader *r = fast ? reader_csv_open(utf8, err)
                           : reader_gdal_open(utf8, opts->layer, err);
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

double table_reader_fraction(const table_reader *r)
{
    return r->fraction(r);
}

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
