/*
 * error.h - the one error convention of povatlas.
 *
 * A function that can fail returns povatlas_status and takes
 * `povatlas_error **err` last. On failure it sets *err (when err is not NULL)
 * to a newly allocated error that the caller frees with povatlas_error_free().
 * *err must be NULL on entry. Nothing in the library prints: the CLI renders
 * errors with povatlas_error_format() as `FILE:ROW: column NAME: why`.
 *
 * Imports collect one error per rejected row in a povatlas_report, so that a
 * user sees every bad row of a file at once, not only the first.
 */
#ifndef POVATLAS_ERROR_H
#define POVATLAS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "povatlas/api.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_status {
    POVATLAS_OK = 0,
    POVATLAS_E_IO,    /* a file or device could not be read or written */
    POVATLAS_E_INPUT, /* the user's data is malformed or inconsistent */
    POVATLAS_E_DB,    /* the workspace refused a statement */
    POVATLAS_E_GEOM,  /* a geometry is invalid or an operation on it failed */
    POVATLAS_E_NOMEM, /* an allocation failed */
    POVATLAS_E_USAGE  /* the caller asked for something meaningless */
} povatlas_status;

/*
 * One failure. Every string field is owned by the error (freed by
 * povatlas_error_free()). Messages never carry names, addresses or ID numbers
 * of households: a row number and a column name locate the problem.
 */
typedef struct povatlas_error {
    povatlas_status code;
    char *file;    /* (nullable) input file the error is about */
    long row;      /* 1-based data row, 0 when not row-specific */
    char *column;  /* (nullable) column name as written in the file */
    char *message; /* lower case, no final full stop */
    /* (nullable) the caller's option that resolves it, named as its opts
     * field ("year", "replace", "force", "code_field"): messages speak of
     * the library, a front end may add how its users give the option */
    char *option;
} povatlas_error;

/**
 * povatlas_error_new:
 * @code: the status to report
 * @file: (nullable): copied
 * @row: 1-based data row or 0
 * @column: (nullable): copied
 * @fmt: printf-style message
 *
 * Returns: (transfer full): a new error; free with povatlas_error_free().
 */
POVATLAS_API povatlas_error *
povatlas_error_new(povatlas_status code, const char *file, long row,
                   const char *column, const char *fmt, ...)
    POVATLAS_PRINTF(5, 6);

POVATLAS_API povatlas_error *
povatlas_error_newv(povatlas_status code, const char *file, long row,
                    const char *column, const char *fmt, va_list ap)
    POVATLAS_PRINTF(5, 0);

/**
 * povatlas_error_set:
 * @err: (out) (optional): where to store the error; untouched when NULL or
 *   when *err is already set (the first error wins)
 *
 * Sets a non-row-specific error and returns @code, so that a failing
 * function can `return povatlas_error_set(err, POVATLAS_E_IO, "...")`.
 */
POVATLAS_API povatlas_status povatlas_error_set(povatlas_error **err,
                                                povatlas_status code,
                                                const char *fmt, ...)
    POVATLAS_PRINTF(3, 4);

/** povatlas_error_set_at: as povatlas_error_set() with a location. */
POVATLAS_API povatlas_status povatlas_error_set_at(
    povatlas_error **err, povatlas_status code, const char *file, long row,
    const char *column, const char *fmt, ...) POVATLAS_PRINTF(6, 7);

/** povatlas_error_propagate: moves @src into @dest (or frees it) and
 * returns its code; POVATLAS_OK when @src is NULL. */
POVATLAS_API povatlas_status povatlas_error_propagate(povatlas_error **dest,
                                                      povatlas_error *src);

/** povatlas_error_propagate_or: as povatlas_error_propagate(), for a
 * callee that failed (returned NULL) but may not have said why: returns
 * @src's code, or @fallback when @src is NULL. */
POVATLAS_API povatlas_status povatlas_error_propagate_or(
    povatlas_error **dest, povatlas_error *src, povatlas_status fallback);

/** povatlas_error_set_option: names the option that resolves @err (see
 * povatlas_error.option); no-op when @err is NULL or already has one. */
POVATLAS_API void povatlas_error_set_option(povatlas_error *err,
                                            const char *option);

/** povatlas_error_prefix: prepends "PREFIX: " to the message of @err
 * (no-op when @err is NULL). */
POVATLAS_API void povatlas_error_prefix(povatlas_error *err, const char *fmt,
                                        ...) POVATLAS_PRINTF(2, 3);

/** povatlas_error_free: frees @err; NULL is a no-op. */
POVATLAS_API void povatlas_error_free(povatlas_error *err);

/**
 * povatlas_error_format:
 *
 * Renders `FILE:ROW: column NAME: why`, leaving out the parts that are not
 * set (`FILE: why`, `why`).
 *
 * Returns: (transfer full): newly allocated string; free with free().
 */
POVATLAS_API char *povatlas_error_format(const povatlas_error *err);

/** povatlas_status_name: "ok", "i/o error", ... (static string). */
POVATLAS_API const char *povatlas_status_name(povatlas_status code);

/*
 * A report collects rejected rows of one operation, warnings (rows that
 * landed but deserve a look) and skipped rows (rows of a compiled workbook
 * that hold no data: blank rows, the form's column numbers, totals, group
 * headings, footers, and sheets that are not a table of the kind
 * imported). Owned by the caller.
 */
typedef struct povatlas_report povatlas_report;

/** Returns: (transfer full): an empty report; free with
 * povatlas_report_free(). */
POVATLAS_API povatlas_report *povatlas_report_new(void);
POVATLAS_API void povatlas_report_free(povatlas_report *report);
/** povatlas_report_add: takes ownership of @error (a rejected row). */
POVATLAS_API void povatlas_report_add(povatlas_report *report,
                                      povatlas_error *error);
/** povatlas_report_warn: takes ownership of @warning (a row kept). */
POVATLAS_API void povatlas_report_warn(povatlas_report *report,
                                       povatlas_error *warning);
/** povatlas_report_skip: takes ownership of @skipped (a row or sheet left
 * out on purpose; its message says why and never quotes a cell). */
POVATLAS_API void povatlas_report_skip(povatlas_report *report,
                                       povatlas_error *skipped);
POVATLAS_API size_t povatlas_report_n_errors(const povatlas_report *report);
POVATLAS_API size_t povatlas_report_n_warnings(const povatlas_report *report);
POVATLAS_API size_t povatlas_report_n_skipped(const povatlas_report *report);
/** Returns: (transfer none): the i-th error, valid while @report lives. */
POVATLAS_API const povatlas_error *
povatlas_report_error(const povatlas_report *report, size_t i);
POVATLAS_API const povatlas_error *
povatlas_report_warning(const povatlas_report *report, size_t i);
/** Returns: (transfer none): the i-th skipped row, in file order. */
POVATLAS_API const povatlas_error *
povatlas_report_skipped(const povatlas_report *report, size_t i);

/*
 * Progress of long work, GDAL style: @fraction in [0, 1]; return non-zero to
 * go on, 0 to cancel. @message may be NULL.
 */
typedef int (*povatlas_progress_fn)(double fraction, const char *message,
                                    void *user_data);

#ifdef __cplusplus
}
#endif
#endif
