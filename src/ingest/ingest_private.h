/*
 * ingest_private.h - what the ingest files share: a row reader over any
 * tabular source (GDAL or the streaming CSV parser), header matching, cell
 * parsing, and an import run that collects rejected rows.
 */
#ifndef POVATLAS_INGEST_PRIVATE_H
#define POVATLAS_INGEST_PRIVATE_H

#include <stdint.h>

#include <glib.h>

#include "core/alloc.h"
#include "povatlas/core.h"
#include "povatlas/ingest.h"

/* ---- row readers: one interface, two engines ---- */

typedef struct table_reader table_reader;

struct table_reader {
    /* engine */
    int (*next)(table_reader *r, povatlas_error **err);
    double (*fraction)(const table_reader *r);
    void (*close)(table_reader *r);
    /* shared state */
    char *path;
    GPtrArray *header;     /* char *, owned: column names as written */
    GPtrArray *header_low; /* char *, owned: lower cell of a two-row header
                              (nullable entries), or NULL */
    GPtrArray *fields;     /* const char *, borrowed until the next row */
    long row;              /* spreadsheet row number of the current row */
    long header_row;       /* row number of the (last) header row, 0 when the
                              engine knows the header */
    gboolean raw;          /* the engine does not know the header row: title
                              rows and the header come as rows (CSV, XLSX) */
    size_t header_names;   /* raw sources: known fields the row taken as the
                              header names (0: maybe a data row) */
    GQueue *pending; /* buffered rows (buffered_row *) to hand out again */
    char *converted; /* temporary UTF-8 copy being read, removed on close */
    char *warning;   /* note for the report (conversion), or NULL */
    GStrv replayed;  /* cells of the row being replayed, owned */
};

/* A row read ahead while looking for the header, handed out again. */
typedef struct buffered_row {
    GStrv cells;
    long row;
} buffered_row;
void buffered_row_free(buffered_row *b);

/* Opens @path with the engine @opts asks for. */
table_reader *table_reader_open(const char *path,
                                const povatlas_import_opts *opts,
                                povatlas_error **err);
/* The same, for the sheet or layer @sheet (nullable: opts->layer). */
table_reader *table_reader_open_sheet(const char *path,
                                      const povatlas_import_opts *opts,
                                      const char *sheet, povatlas_error **err);
/* The sheet names of a workbook (XLSX, ODS) that has more than one sheet,
 * in order (g_strfreev); NULL for any other file. */
GStrv table_reader_sheets(const char *path);
/* 1 with r->fields set, 0 at the end, -1 with *err set. */
int table_reader_next(table_reader *r, povatlas_error **err);
double table_reader_fraction(const table_reader *r);
void table_reader_close(table_reader *r);
/* The cell of column @col in the current row ("" when missing). */
const char *table_reader_cell(const table_reader *r, int col);

/* Refuses an XLSX or ODS workbook that inflates past the limit or a sheet
 * that spans too many columns or cells, before GDAL opens it
 * (workbook.c); OK for a file that is no zip. */
povatlas_status workbook_check(const char *path, povatlas_error **err);
/* The cells of the XLSX sheet @sheet (NULL: the first) of @path that hold
 * a number with a fraction, as sorted keys row << 16 | column (0-based),
 * in *keys (free()) and *n; E_NOMEM when they find no room. A sheet that
 * cannot be found or read gives none. */
povatlas_status workbook_xlsx_fractions(const char *path, const char *sheet,
                                        uint64_t **keys, size_t *n,
                                        povatlas_error **err);

/* engines */
table_reader *reader_gdal_open(const char *path, const char *layer,
                               povatlas_error **err);
/* Sheet names of an XLSX or ODS workbook with several sheets, else NULL. */
GStrv reader_gdal_sheets(const char *path);
table_reader *reader_csv_open(const char *path, povatlas_error **err);
/* Opens the vector layer @layer_name (or the first) of @path into *layer;
 * *ds must be closed with GDALClose() even when this fails. A file that
 * cannot be read at all (missing, no permission) is POVATLAS_E_IO, as for
 * the table readers; one GDAL does not read as a layer POVATLAS_E_INPUT. */
#include <gdal.h>
povatlas_status gdal_open_layer(const char *path, const char *layer_name,
                                GDALDatasetH *ds, OGRLayerH *layer,
                                povatlas_error **err);
/* The text of field @i of @f read by value (transfer full, g_free), or
 * NULL when unset or null: integers as digits, reals as plain decimals the
 * cell parsers read back exactly, dates as ISO days. Never the pointer
 * OGR_F_GetFieldAsString() returns, which the next call frees. */
#include <ogr_api.h>
char *gdal_field_text(OGRFeatureH f, int i);
/* The cells of @layer's number columns that hold what GDAL would read as
 * another number ('abc' as 0, 12.5 in a whole-number column as 12): a
 * GeoPackage's (SQLite columns take any value) and a Shapefile's (a .dbf
 * keeps numbers as text, read here by hand). *@out: sorted by FID and
 * column, for gdal_misfit_text() (g_array_unref), NULL when there are none
 * or the format has no such cells. A file whose number columns cannot be
 * checked is POVATLAS_E_INPUT naming @path. */
povatlas_status gdal_number_misfits(GDALDatasetH ds, OGRLayerH layer,
                                    const char *path, GArray **out,
                                    povatlas_error **err);
/* The text the file holds in column @col of feature @fid when
 * gdal_number_misfits() found it there, else NULL (@misfits nullable). */
const char *gdal_misfit_text(const GArray *misfits, GIntBig fid, int col);
/* Transformation from @layer's CRS to EPSG:4326 (longitude first), or
 * NULL when the layer is already in it or has no CRS. */
#include <ogr_srs_api.h>
OGRCoordinateTransformationH gdal_to_wgs84(OGRLayerH layer);
/* The next feature of @layer in *@feat (OGR_F_Destroy), NULL at the end.
 * A feature GDAL cannot read (a damaged page of a GeoPackage) is an error
 * of @path naming GDAL's reason, never the end of the layer: the features
 * after it would be lost without a word. @read: features read so far. */
povatlas_status gdal_next_feature(OGRLayerH layer, const char *path, long read,
                                  OGRFeatureH *feat, povatlas_error **err);
/* GDALClose() of a dataset read, its messages kept off stderr. */
void gdal_close_quietly(GDALDatasetH ds);
/* Shared by engines: stores the header, rejecting an empty one. */
void reader_init(table_reader *r, const char *path);
/* Columns read per row, as GDAL's CSV driver (OGR_CSV_MAX_FIELD_COUNT):
 * a review form has about 40, and a wider row is a broken or hostile file
 * whose header search would cost rows x columns x aliases. */
#define READER_MAX_COLUMNS 2000
/* Refuses the current row of @r when its @n_columns are more than
 * READER_MAX_COLUMNS: 0, or -1 with *err set (`FILE:ROW: ...`). */
int reader_check_width(const table_reader *r, guint n_columns,
                       povatlas_error **err);

/* ---- header matching ---- */

enum field_flags {
    FIELD_REQUIRED = 1 << 0,
    FIELD_PREFIX = 1 << 1, /* aliases may be followed by more words */
    FIELD_KEY = 1 << 2     /* identifies a row (household id, unit code): a
                              row whose key cells are empty may be a total,
                              heading or footer of a compiled workbook */
};

typedef struct field_spec {
    const char *key;     /* canonical name */
    const char *label;   /* how a message names it when missing */
    const char *aliases; /* folded names separated by '|' */
    unsigned flags;
} field_spec;

/* Finds the header of a raw source (the row, or two rows with merged
 * cells, matching most fields among the first rows, so title rows above
 * the table are skipped), then fills cols[i] with the column of specs[i]
 * (or -1). A missing required field is an error naming the expected
 * header and what was found. */
povatlas_status header_match(table_reader *r, const field_spec *specs,
                             size_t n_specs, int *cols, povatlas_error **err);

/* Reads a column mapping (key file, group [columns], "header as written =
 * povatlas field") and returns in *out a copy of @specs whose fields list
 * the user's headers first. Alias strings are kept alive in @keep. */
povatlas_status header_mapping_apply(const char *path, const field_spec *specs,
                                     size_t n_specs, field_spec **out,
                                     GPtrArray *keep, povatlas_error **err);

/* ---- rows that hold no data (row_kinds.c) ---- */

typedef enum row_kind {
    ROW_DATA = 0,
    ROW_BLANK,
    ROW_COLUMN_NUMBERS, /* "(1) (2) … (22)" under the header */
    ROW_TOTAL,          /* "Tổng cộng", "Cộng", "Toàn thành phố" */
    ROW_HEADING,        /* "Phường Đô Vinh", "Thôn Gò Đền" alone */
    ROW_FOOTER /* "Người lập biểu", "Ngày … tháng … năm" ... */
} row_kind;

typedef struct row_kinds {
    const field_spec *specs; /* borrowed, with @cols, for the sheet */
    size_t n_specs;
    const int *cols;
    gboolean footer_seen; /* the signature block has begun */
} row_kinds;

/* TRUE when the table has key fields, so compiled-workbook rows can be
 * told apart (households, ward statistics). */
gboolean row_kinds_wanted(const field_spec *specs, size_t n_specs);
/* Starts a sheet; allocates nothing. */
void row_kinds_init(row_kinds *k, const field_spec *specs, size_t n_specs,
                    const int *cols);
/* What the current row of @r is; for totals and footers *why is the label
 * found, as this module writes it (never the cell's own text). */
row_kind row_kinds_classify(row_kinds *k, const table_reader *r,
                            const char **why);
/* The report's reason for skipping a row of @kind (g_free), or NULL for
 * ROW_DATA. */
char *row_kinds_reason(row_kind kind, const char *why);

/* ---- cells ---- */

typedef enum cell_status { CELL_OK = 0, CELL_EMPTY, CELL_BAD } cell_status;

/* Whole number written either way ("1.500.000", "1500000"). */
cell_status cell_int(const char *text, int64_t *out);
/* Years povatlas accepts (checked before any narrowing to int). */
#define YEAR_MIN 1900
#define YEAR_MAX 2100
/* TRUE when @text holds only white space (any Unicode space). */
gboolean cell_blank(const char *text);
/* 0/1 flag: "1", "x", "có", "yes", "true" / "0", "", "không", "no". */
cell_status cell_flag(const char *text, int *out);
/* Valid UTF-8 (text is returned as is). */
int cell_is_utf8(const char *text);
/* How a message about a number, date or flag cell shows @text (g_free):
 * quoted by povatlas_text_quote() when it holds a digit or is one or two
 * short words ("'1.2 triệu'", "'sáu'"); else described without its words,
 * since a longer text in such a column is most often a name typed or
 * shifted into it; and a run of 9 digits or more (a CCCD, CMND or phone
 * number shifted into the column) is described by its length only. */
char *cell_quote(const char *text);
/* "@what @v" as a message names a number read from a cell (g_free), or
 * "@what of N digits" from 9 digits on (see cell_quote()): "review year
 * 2300", "review year of 12 digits". */
char *cell_named_value(const char *what, int64_t v);

/* ---- legacy encodings ---- */

/* The path of a UTF-8 version of the text file @path: @path itself when it
 * is UTF-8, else a temporary converted copy (TCVN3, Windows-1258) that the
 * caller removes, with *warning (g_free) saying so. VNI or unknown 8-bit
 * text: NULL with an error naming the encoding. */
char *encoding_utf8_copy(const char *path, char **warning,
                         povatlas_error **err);

/* ---- units named by code or name, on a day (unit_names.c) ---- */

typedef struct unit_names unit_names;
/* Every unit period and crosswalk link of @ws, indexed by code and by
 * name (transfer full: unit_names_free()); NULL with *err set. */
unit_names *unit_names_load(povatlas_workspace *ws, povatlas_error **err);
void unit_names_free(unit_names *n);
/* Every period, ordered by code and start (transfer none, until freed). */
const povatlas_unit_list *unit_names_units(const unit_names *n);
/* The period of @code in force on @day (ISO), or NULL. */
const povatlas_unit_row *unit_names_code_on(const unit_names *n,
                                            const char *code, const char *day);
/* The unit in force on @day that @name names (with or without prefix,
 * diacritics, in any case), or NULL with *why (g_free) listing the real
 * candidates with codes and validity, or the closest names. @year_end:
 * @day is 31 December because no review date was given (messages say
 * "at the end of YYYY"). */
const povatlas_unit_row *unit_names_name_on(const unit_names *n,
                                            const char *name, const char *day,
                                            gboolean year_end, char **why);
/* The code @name gives on any day, when every unit of that name over
 * time has that one code; else NULL with *why (g_free). */
const char *unit_names_name_code(const unit_names *n, const char *name,
                                 char **why);
/* TRUE when some period of @code had the name @name (loosely spelled). */
gboolean unit_names_code_named(const unit_names *n, const char *code,
                               const char *name);
/* The unit in force on @day that a row names by @code and/or @name (one
 * may be NULL): a code and a name of different units are refused. NULL
 * with *why (g_free) and *name_at_fault saying which column to blame; a
 * code out of force says where the crosswalk took it by @day. Remembers
 * what it found: call from one thread at a time. */
const povatlas_unit_row *unit_names_resolve(unit_names *n, const char *code,
                                            const char *name, const char *day,
                                            gboolean year_end, char **why,
                                            gboolean *name_at_fault);

/* ---- household keys ---- */

/* 64-bit hash of (year, unit, household id), never 0. The other imports
 * key what they keep from row to row the same way, in a key_set: ward
 * statistics (year, unit, ""), activities (year, unit, program), exits
 * (year, unit, household id), boundaries (0, code, ""). */
uint64_t household_key(int year, const char *unit_code,
                       const char *household_id);

/* A set of household keys with a value each (where the key was first
 * seen). Zero-initialise; free with key_set_clear(). */
typedef struct key_set {
    uint32_t *narrow; /* cap slots of 3 words: the key (0: empty), then
                         its value, while each value fits in 32 bits */
    uint64_t *wide;   /* else cap slots of 2 words: key, value */
    size_t cap, n;
} key_set;
/* Adds @key with @value: 1; or 0 with *taken set to the value it has;
 * or -1 when out of memory (the set is unchanged). @key is not 0. */
int key_set_claim(key_set *s, uint64_t key, uint64_t value, uint64_t *taken);
/* Counts @key: its value goes up by 1, from 1 when it is new. 0, or -1
 * when out of memory (the set unchanged). */
int key_set_count(key_set *s, uint64_t key);
/* 1 with *@value (nullable) set when @key is in @s, else 0. */
int key_set_find(const key_set *s, uint64_t key, uint64_t *value);
/* Makes room for @n keys in all, so that the table does not double (and
 * rehash every key) on its way there: 0, or -1 when out of memory (the
 * set unchanged and still usable, growing as it goes). */
int key_set_reserve(key_set *s, size_t n);
/* Starts loading the slot where @key would go into the cache: a claim a
 * few keys later then finds it there (at 10 M keys the table is ~200 MB,
 * so each claim is otherwise a cache miss or two). A hint only. */
void key_set_prefetch(const key_set *s, uint64_t key);
void key_set_clear(key_set *s);

/* ---- an import run ---- */

typedef struct import_run {
    povatlas_workspace *ws;
    const char *path;
    const povatlas_import_opts *opts;
    povatlas_report *report; /* (nullable) */
    int64_t rows_read;
    int64_t rows_rejected;
    int64_t rows_warned; /* warnings raised, kept or not */
    int64_t rows_stored;
    int64_t import_id; /* imports row of this run */
    text_chunk nfc;    /* NFC copies of the current row's text, reset per
                          row by the reading thread */
    gboolean oom;      /* the reading thread ran out of memory (nfc) */
    GMutex *lock;      /* (nullable) held around report and counters when
                          rows are checked and stored by two threads */
    gint64 last_progress_us;
    int64_t rows_skipped; /* rows of a compiled workbook holding no data */
    row_kinds *kinds;     /* (nullable) set when the table has key fields */
    long last_row;        /* row number of the previous row of the sheet */
    long blank_from;      /* first row of a run of blank rows, or 0 */
    long blank_to;
    int sheet;         /* index of the sheet being read in @sheet_names */
    GStrv sheet_names; /* (nullable) borrowed: the workbook's sheets when
                          it is read sheet by sheet */
    int sheets_read, sheets_skipped;
} import_run;

void import_run_init(import_run *run, povatlas_workspace *ws, const char *path,
                     const povatlas_import_opts *opts, povatlas_report *report);
/* Records a rejected row (the message is kept while under max_errors). */
void import_reject(import_run *run, long row, const char *column,
                   const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* As import_reject(), naming the option that resolves it (see
 * povatlas_error.option): "year", "replace". */
void import_reject_option(import_run *run, long row, const char *column,
                          const char *option, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
void import_warn(import_run *run, long row, const char *column, const char *fmt,
                 ...) G_GNUC_PRINTF(4, 5);
/* Records a row left out on purpose (blank, total, footer ...). */
void import_skip(import_run *run, long row, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
/* The next data row of @r: like table_reader_next(), but rows that hold no
 * data (row_kinds.c) are counted in run->rows_skipped, listed in the
 * report, and passed over. Runs of blank rows are listed once. Counts
 * run->rows_read. */
int import_next_row(import_run *run, table_reader *r, povatlas_error **err);
/* POVATLAS_E_NOMEM for @path, row @row (0: none): "out of memory for
 * @what", when a checked allocation (core/alloc.h, key_set) of what an
 * import keeps from row to row fails. */
povatlas_status import_out_of_memory(const import_run *run, long row,
                                     const char *what, povatlas_error **err);
/* Calls the progress callback at most every 100 ms; 0 = cancelled. */
int import_progress(import_run *run, double fraction, const char *message);
/* Ends the run: commit when nothing was rejected, else rollback and set
 * *err to a summary. Fills @result. */
povatlas_status import_finish(import_run *run, povatlas_status status,
                              int64_t rows_imported,
                              povatlas_import_result *result,
                              povatlas_error **err);

/* One row of a table import: validates, stores or rejects. @cols holds
 * the column of each field spec (-1 when absent). A non-OK status stops
 * the import (a workspace failure, not a bad row). */
typedef povatlas_status (*import_row_fn)(import_run *run, const table_reader *r,
                                         const int *cols, void *ctx,
                                         povatlas_error **err);
/* Called once after the headers matched, before the first row; may refuse
 * the file. */
typedef povatlas_status (*import_start_fn)(import_run *run,
                                           const table_reader *r,
                                           const int *cols, void *ctx,
                                           povatlas_error **err);

/* Runs every row itself instead of calling @row once per row (the
 * household import reads in one thread and stores in another). */
typedef povatlas_status (*import_run_fn)(import_run *run, table_reader *r,
                                         const int *cols, void *ctx,
                                         povatlas_error **err);

typedef struct import_table_def {
    const char *kind; /* "households", "ward_stats" ... */
    const field_spec *specs;
    size_t n_specs;
    import_start_fn start; /* (nullable) */
    import_row_fn row;
    import_run_fn run; /* (nullable) replaces the row loop */
} import_table_def;

/* The ordinary row loop: progress, cancel, "no data rows". */
povatlas_status import_rows(import_run *run, table_reader *r,
                            const import_table_def *def, const int *cols,
                            void *ctx, povatlas_error **err);

/* Opens @path, matches headers, runs @def->row on every row inside one
 * transaction, and lands everything or nothing. *rows_imported counts
 * what @def->row stored (it increments it through run->rows_stored). */
povatlas_status import_table(povatlas_workspace *ws, const char *path,
                             const povatlas_import_opts *opts,
                             povatlas_report *report,
                             povatlas_import_result *result,
                             const import_table_def *def, void *ctx,
                             povatlas_error **err);

/* A required text cell (rejects the row, saying "@what is empty", when
 * empty or not UTF-8), or NULL. */
const char *cell_need_text(import_run *run, const table_reader *r, int col,
                           const char *what);
/* An optional text cell, NULL when empty or not UTF-8. */
const char *cell_opt_text(const table_reader *r, int col);

/* The header of column @col as written in the file (for messages). */
const char *import_column_name(const table_reader *r, int col);

/* The unit in force at the end of @year that the row names in @code_col
 * and/or @name_col (-1 when absent), or NULL after rejecting the row. */
const povatlas_unit_row *import_row_unit(import_run *run, const table_reader *r,
                                         unit_names *n, int code_col,
                                         int name_col, int year);
/* Refuses a table with neither a unit code nor a unit name column. */
povatlas_status import_need_unit_column(import_run *run, int code_col,
                                        int name_col, povatlas_error **err);

#endif
