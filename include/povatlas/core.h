/*
 * core.h - small services every job uses: exact rates, Vietnamese number
 * text, NFC text, outputs written under a temporary name, and where the
 * embedded data lives. No data I/O here.
 */
#ifndef POVATLAS_CORE_H
#define POVATLAS_CORE_H

#include <stdint.h>

#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** povatlas_version: "MAJOR.MINOR.PATCH" (static string). */
POVATLAS_API const char *povatlas_version(void);

/**
 * povatlas_init:
 *
 * One-time process set-up (GDAL driver registration). Call before any other
 * function; safe to call more than once.
 */
POVATLAS_API void povatlas_init(void);

/*
 * Rates, docs/domain-rules.md §6.1: a rate in hundredths of a percent,
 * rounded half up on the exact fraction, in integers:
 *   hundredths = (2 * 10000 * p + n) div (2 * n).
 * Thread-safe, pure.
 */

/**
 * povatlas_rate_hundredths:
 * @part: households counted (poor, near-poor ...), >= 0
 * @total: households of the unit, > 0
 * @out: (out): the rate in hundredths of a percent (115 = 1.15 %)
 *
 * Returns: 1 when defined, 0 when @total <= 0 or @part < 0 (undefined rate:
 *   NULL in every output, never 0).
 */
POVATLAS_API int povatlas_rate_hundredths(int64_t part, int64_t total,
                                          int64_t *out);

/**
 * povatlas_change_hundredths:
 *
 * Change of a rate between two years computed on the exact values and
 * rounded once (half away from zero), in hundredths of a percentage point:
 * p1/n1 - p0/n0. Returns 1 when defined.
 */
POVATLAS_API int povatlas_change_hundredths(int64_t p0, int64_t n0, int64_t p1,
                                            int64_t n1, int64_t *out);

/**
 * povatlas_format_hundredths:
 * @hundredths: a value in hundredths (115 for 1.15)
 * @lang: "vi" (comma decimal, dot thousands) or "en"
 *
 * Returns: (transfer full): "1,15" / "1.15"; "−0,15" with a real minus sign
 *   for negative values; free with free().
 */
POVATLAS_API char *povatlas_format_hundredths(int64_t hundredths,
                                              const char *lang);

/**
 * povatlas_format_number:
 * @value: any finite number
 * @decimals: digits after the decimal separator (0..9)
 * @lang: "vi" or "en"
 *
 * Rounds half away from zero on the decimal text of @value (so 1.005 with 2
 * decimals gives 1,01 when 1.005 is the shortest text of the double) and
 * groups thousands: 47400 -> "47.400" (vi), "47,400" (en).
 *
 * Returns: (transfer full): free with free().
 */
POVATLAS_API char *povatlas_format_number(double value, int decimals,
                                          const char *lang);

/** povatlas_format_count: 47400 -> "47.400" (vi) / "47,400" (en). */
POVATLAS_API char *povatlas_format_count(int64_t value, const char *lang);

/**
 * povatlas_parse_number_vi:
 * @text: "1.500.000", "1,29", "1500000", "1.5", " 2 000 000 "
 * @out: (out)
 *
 * Reads a number written the Vietnamese way or the international way. A
 * lone separator followed by exactly three digits is a thousands separator
 * ("1.500" = 1500, "1,500" = 1500); otherwise it is the decimal mark
 * ("1,29" = 1.29). Returns 1 on success, 0 when @text is not a number.
 */
POVATLAS_API int povatlas_parse_number_vi(const char *text, double *out);

/**
 * povatlas_text_normalize:
 *
 * Validates UTF-8 and returns the NFC form with surrounding white space
 * removed. Returns: (transfer full) (nullable): NULL when @text is not
 * valid UTF-8; free with free().
 */
POVATLAS_API char *povatlas_text_normalize(const char *text);

/**
 * povatlas_text_fold:
 *
 * Key for matching Vietnamese names with or without diacritics and in any
 * case: NFC, diacritics removed, đ -> d, lower case, runs of spaces and
 * hyphens collapsed to one space. "Phường Đô Vinh" -> "phuong do vinh".
 * Returns: (transfer full) (nullable): NULL for invalid UTF-8.
 */
POVATLAS_API char *povatlas_text_fold(const char *text);

/* The most characters of a text a message quotes; longer is cut with "…". */
#define POVATLAS_QUOTE_MAX_CHARS 40

/**
 * povatlas_text_quote:
 * @text: (nullable): a cell, name or code to show in a message
 *
 * The one way a message quotes text from a file or the workspace: between
 * single quotes, each control character (C0, DEL, C1: a terminal escape
 * sequence among them) replaced by a space, cut after
 * POVATLAS_QUOTE_MAX_CHARS characters with "…". Invalid UTF-8 or NULL
 * gives "(not UTF-8)". Whether a cell may be quoted at all is the
 * caller's question (a personal column never is).
 *
 * Returns: (transfer full): free with free().
 */
POVATLAS_API char *povatlas_text_quote(const char *text);

/* Small cells: the default threshold of povatlas_small_cell(). */
#define POVATLAS_MIN_HOUSEHOLDS 30

/**
 * povatlas_small_cell:
 * @households: the ward's households (NaN when unknown)
 * @min_households: the threshold; 0 or less shows every ward
 *
 * The one small-cell rule of maps, atlas and briefings: the figures of a
 * ward with fewer than @min_households households are not shown.
 * Returns: 1 when the ward's figures are hidden.
 */
POVATLAS_API int povatlas_small_cell(double households, int min_households);

/**
 * povatlas_synthetic_note:
 * @lang: (nullable): "en" for English; anything else is Vietnamese
 *
 * The note every output of a synthetic workspace carries (maps, the zone
 * chart, reports, the summary, export metadata), without a final stop:
 * "DỮ LIỆU GIẢ LẬP — không phải số liệu thật" or "SYNTHETIC DATA — not
 * real households". The one home of that wording.
 * Returns: (transfer none): a static string.
 */
POVATLAS_API const char *povatlas_synthetic_note(const char *lang);

/*
 * Outputs are written to "NAME.tmp-XXXXXX.EXT" in the target folder and renamed
 * over PATH only when complete, so a failed run never leaves a half file.
 * "Complete" is checked, not assumed: every write through
 * povatlas_tempfile_write() is checked, and the commit flushes the file to
 * disk (fsync), compares its size with the bytes written and checks the
 * close before it renames; a full disk is an error naming the path and the
 * system's reason, and leaves nothing behind.
 */
typedef struct povatlas_tempfile {
    char *final_path; /* owned */
    char *temp_path;  /* owned; the file to write */
    int fd;           /* open on temp_path from begin to commit or abort */
    int write_errno;  /* errno of the first failed write, 0 when none */
    int64_t written;  /* bytes written through povatlas_tempfile_write() */
} povatlas_tempfile;

/**
 * povatlas_tempfile_begin:
 * @tf: (out caller-allocates): filled on success
 * @path: the final output path (its folder must exist)
 *
 * Creates an empty temporary file beside @path and keeps it open. Write
 * it with povatlas_tempfile_write(), or let a library write @tf->temp_path
 * by name (the commit then checks flush and close, not the size).
 */
POVATLAS_API povatlas_status povatlas_tempfile_begin(povatlas_tempfile *tf,
                                                     const char *path,
                                                     povatlas_error **err);

/**
 * povatlas_tempfile_write:
 *
 * Appends @len bytes. On failure records errno in @tf->write_errno (the
 * first failure wins; later writes do nothing) and returns 0, so that it
 * can back a stream callback (cairo) that has no room for an error; the
 * commit reports it. Returns: 1 when every byte was written.
 */
POVATLAS_API int povatlas_tempfile_write(povatlas_tempfile *tf,
                                         const void *data, size_t len);

/** povatlas_tempfile_commit: checks the file (no failed write, fsync, size,
 * close), renames it over the final path and clears @tf. On failure the
 * temporary file is removed, @tf cleared, and @err names the final path
 * and the system's reason. */
POVATLAS_API povatlas_status povatlas_tempfile_commit(povatlas_tempfile *tf,
                                                      povatlas_error **err);
/** povatlas_tempfile_abort: removes the temporary file and clears @tf;
 * safe on a cleared @tf. */
POVATLAS_API void povatlas_tempfile_abort(povatlas_tempfile *tf);

/**
 * povatlas_data_path:
 * @name: a file under the data folder ("units.csv"), or NULL for the folder
 *
 * The data folder is $POVATLAS_DATA when set; else share/povatlas/geodata
 * beside the running program (BIN/../share/povatlas, an installed
 * povatlas, relocatable); else the geodata/ folder of the source tree the
 * library was built from; else share/povatlas/geodata under the install
 * prefix configured at build time.
 * Returns: (transfer full): free with free().
 */
POVATLAS_API char *povatlas_data_path(const char *name);

/** povatlas_style_path: as povatlas_data_path() for styles/
 * ($POVATLAS_STYLES, share/povatlas/styles). */
POVATLAS_API char *povatlas_style_path(const char *name);

/**
 * povatlas_builtin_table_path:
 * @kind: an import kind ("units", "crosswalk", "standards")
 *
 * The table of @kind shipped in the data folder, for the kinds whose shipped
 * table is real rather than synthetic: the units of Phan Rang–Tháp Chàm
 * with their validity periods, the crosswalk of their mergers, and the
 * poverty standards.
 * Returns: (transfer full) (nullable): the path, or NULL when povatlas
 * ships no real table of @kind; free with free().
 */
POVATLAS_API char *povatlas_builtin_table_path(const char *kind);

/** povatlas_builtin_table_kinds: "units, crosswalk, standards", the kinds
 * povatlas_builtin_table_path() knows. Returns: (transfer none): static. */
POVATLAS_API const char *povatlas_builtin_table_kinds(void);

/** povatlas_mkdir_p: creates @path and its parents (mode 0755). */
POVATLAS_API povatlas_status povatlas_mkdir_p(const char *path,
                                              povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
