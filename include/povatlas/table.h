/*
 * table.h - a report as a table (core job): typed columns (text, integer,
 * real, percent), cells that may be missing (NULL: "–" in text, empty in
 * CSV and XLSX, null in JSON; never 0), a title and notes (the
 * synthetic-data note). The report builders (reports.h) fill one; the
 * table writers of export.h turn it into text, CSV, JSON or XLSX.
 */
#ifndef POVATLAS_TABLE_H
#define POVATLAS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/api.h"
#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_column_type {
    POVATLAS_COLUMN_TEXT,
    POVATLAS_COLUMN_INT,
    POVATLAS_COLUMN_REAL,
    POVATLAS_COLUMN_PERCENT /* a real in percent: 1.17 means 1,17 % */
} povatlas_column_type;

typedef struct povatlas_table povatlas_table;

/** povatlas_table_new: an empty table titled @title (in the report's
 * language). Returns: (transfer full): free with povatlas_table_free(). */
POVATLAS_API povatlas_table *povatlas_table_new(const char *title);
POVATLAS_API void povatlas_table_free(povatlas_table *t);

/** povatlas_table_add_column: adds a column headed @head (in the report's
 * language); @decimals is how many the text form shows (reals and
 * percents). Returns its index. Columns come before rows. */
POVATLAS_API size_t povatlas_table_add_column(povatlas_table *t,
                                              const char *head,
                                              povatlas_column_type type,
                                              int decimals);
/** povatlas_table_add_note: a line printed with the table (the
 * synthetic-data note first); every file format carries it. */
POVATLAS_API void povatlas_table_add_note(povatlas_table *t, const char *note);
/** povatlas_table_add_row: a row of missing cells. Returns its index. */
POVATLAS_API size_t povatlas_table_add_row(povatlas_table *t);

/* Setters; @row and @col must exist. A NAN real, and a NULL text, stay
 * missing. */
POVATLAS_API void povatlas_table_set_text(povatlas_table *t, size_t row,
                                          size_t col, const char *text);
POVATLAS_API void povatlas_table_set_int(povatlas_table *t, size_t row,
                                         size_t col, int64_t value);
POVATLAS_API void povatlas_table_set_real(povatlas_table *t, size_t row,
                                          size_t col, double value);

POVATLAS_API const char *povatlas_table_title(const povatlas_table *t);
POVATLAS_API size_t povatlas_table_n_notes(const povatlas_table *t);
POVATLAS_API const char *povatlas_table_note(const povatlas_table *t, size_t i);
POVATLAS_API size_t povatlas_table_n_columns(const povatlas_table *t);
POVATLAS_API size_t povatlas_table_n_rows(const povatlas_table *t);
POVATLAS_API const char *povatlas_table_column_head(const povatlas_table *t,
                                                    size_t col);
POVATLAS_API povatlas_column_type
povatlas_table_column_type(const povatlas_table *t, size_t col);
POVATLAS_API int povatlas_table_column_decimals(const povatlas_table *t,
                                                size_t col);
/** povatlas_table_is_missing: 1 when the cell holds no value. */
POVATLAS_API int povatlas_table_is_missing(const povatlas_table *t, size_t row,
                                           size_t col);
/* Getters: the text of a text cell (NULL when missing), the value of a
 * numeric cell (0 / NAN when missing: check povatlas_table_is_missing). */
POVATLAS_API const char *povatlas_table_text(const povatlas_table *t,
                                             size_t row, size_t col);
POVATLAS_API int64_t povatlas_table_int(const povatlas_table *t, size_t row,
                                        size_t col);
POVATLAS_API double povatlas_table_real(const povatlas_table *t, size_t row,
                                        size_t col);

#ifdef __cplusplus
}
#endif
#endif
