/*
 * run.c - one import run: counting rows, keeping rejected and skipped rows
 * in the caller's report, throttled progress, and the all-or-nothing
 * ending.
 */
#include "ingest_private.h"

void povatlas_import_opts_init(povatlas_import_opts *opts)
{
    *opts = (povatlas_import_opts){0};
    opts->csv_engine = POVATLAS_CSV_AUTO;
    opts->max_errors = 100;
}

void import_run_init(import_run *run, povatlas_workspace *ws, const char *path,
                     const povatlas_import_opts *opts, povatlas_report *report)
{
    *run = (import_run){0};
    run->ws = ws;
    run->path = path;
    run->opts = opts;
    run->report = report;
}

static void add(import_run *run, gboolean warning, long row, const char *column,
                const char *option, const char *fmt, va_list ap)
{
    if (!run->report)
        return;
    /* a million-row file must not keep a million messages */
    size_t kept = warning ? povatlas_report_n_warnings(run->report)
                          : povatlas_report_n_errors(run->report);
    if (kept >= (size_t)run->opts->max_errors)
        return;
    povatlas_error *e =
        povatlas_error_newv(POVATLAS_E_INPUT, run->path, row, column, fmt, ap);
    povatlas_error_set_option(e, option);
    if (warning)
        povatlas_report_warn(run->report, e);
    else
        povatlas_report_add(run->report, e);
}

povatlas_status import_out_of_memory(const import_run *run, long row,
                                     const char *what, povatlas_error **err)
{
    return povatlas_error_set_at(err, POVATLAS_E_NOMEM, run->path, row, NULL,
                                 "out of memory for %s", what);
}

void import_reject(import_run *run, long row, const char *column,
                   const char *fmt, ...)
{
    if (run->lock)
        g_mutex_lock(run->lock);
    run->rows_rejected++;
    va_list ap;
    va_start(ap, fmt);
    add(run, FALSE, row, column, NULL, fmt, ap);
    va_end(ap);
    if (run->lock)
        g_mutex_unlock(run->lock);
}

void import_reject_option(import_run *run, long row, const char *column,
                          const char *option, const char *fmt, ...)
{
    if (run->lock)
        g_mutex_lock(run->lock);
    run->rows_rejected++;
    va_list ap;
    va_start(ap, fmt);
    add(run, FALSE, row, column, option, fmt, ap);
    va_end(ap);
    if (run->lock)
        g_mutex_unlock(run->lock);
}

void import_warn(import_run *run, long row, const char *column, const char *fmt,
                 ...)
{
    if (run->lock)
        g_mutex_lock(run->lock);
    run->rows_warned++;
    va_list ap;
    va_start(ap, fmt);
    add(run, TRUE, row, column, NULL, fmt, ap);
    va_end(ap);
    if (run->lock)
        g_mutex_unlock(run->lock);
}

/* Skipped rows listed before the report says "N more" (a list of a
 * thousand subtotals is already more than anyone reads). */
#define MAX_SKIPPED_LISTED 1000

void import_skip(import_run *run, long row, const char *fmt, ...)
{
    if (run->lock)
        g_mutex_lock(run->lock);
    if (run->report &&
        povatlas_report_n_skipped(run->report) < MAX_SKIPPED_LISTED) {
        va_list ap;
        va_start(ap, fmt);
        povatlas_report_skip(run->report,
                             povatlas_error_newv(POVATLAS_E_INPUT, run->path,
                                                 row, NULL, fmt, ap));
        va_end(ap);
    }
    if (run->lock)
        g_mutex_unlock(run->lock);
}

/* Lists the pending run of blank rows as one entry. */
static void flush_blank_rows(import_run *run)
{
    if (!run->blank_from)
        return;
    if (run->blank_to > run->blank_from)
        import_skip(run, run->blank_from, "blank rows (%ld to %ld)",
                    run->blank_from, run->blank_to);
    else
        import_skip(run, run->blank_from, "blank row");
    run->blank_from = run->blank_to = 0;
}

static void note_blank_rows(import_run *run, long from, long to)
{
    if (run->blank_from && from != run->blank_to + 1)
        flush_blank_rows(run);
    if (!run->blank_from)
        run->blank_from = from;
    run->blank_to = to;
    run->rows_skipped += to - from + 1;
}

int import_next_row(import_run *run, table_reader *r, povatlas_error **err)
{
    int rc;
    while ((rc = table_reader_next(r, err)) > 0) {
        /* spreadsheet engines leave empty rows out: their numbers show */
        if (run->kinds && r->row > run->last_row + 1 && run->last_row > 0)
            note_blank_rows(run, run->last_row + 1, r->row - 1);
        run->last_row = r->row;
        const char *why = NULL;
        row_kind kind =
            run->kinds ? row_kinds_classify(run->kinds, r, &why) : ROW_DATA;
        if (kind == ROW_BLANK) {
            note_blank_rows(run, r->row, r->row);
            continue;
        }
        flush_blank_rows(run);
        if (kind == ROW_DATA)
            break;
        run->rows_skipped++;
        g_autofree char *reason = row_kinds_reason(kind, why);
        import_skip(run, r->row, "%s", reason);
    }
    if (rc == 0)
        flush_blank_rows(run);
    else if (rc > 0)
        run->rows_read++;
    return rc;
}

int import_progress(import_run *run, double fraction, const char *message)
{
    if (!run->opts->progress)
        return 1;
    gint64 now = g_get_monotonic_time();
    if (fraction < 1.0 && now - run->last_progress_us < 100000)
        return 1;
    run->last_progress_us = now;
    return run->opts->progress(fraction, message, run->opts->progress_data);
}

povatlas_status import_finish(import_run *run, povatlas_status status,
                              int64_t rows_imported,
                              povatlas_import_result *result,
                              povatlas_error **err)
{
    if (!status && run->rows_rejected > 0)
        status =
            povatlas_error_set_at(err, POVATLAS_E_INPUT, run->path, 0, NULL,
                                  "%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                  " rows rejected; nothing was imported",
                                  run->rows_rejected, run->rows_read);
    if (!status)
        status = povatlas_workspace_commit(run->ws, err);
    if (status) {
        povatlas_workspace_rollback(run->ws, err);
        rows_imported = 0;
    }
    if (run->report && run->rows_warned > run->opts->max_errors)
        povatlas_report_warn(
            run->report,
            povatlas_error_new(POVATLAS_E_INPUT, run->path, 0, NULL,
                               "%" G_GINT64_FORMAT " more warnings not shown",
                               run->rows_warned - run->opts->max_errors));
    if (run->report &&
        run->rows_skipped > (int64_t)povatlas_report_n_skipped(run->report) &&
        povatlas_report_n_skipped(run->report) >= MAX_SKIPPED_LISTED)
        povatlas_report_skip(
            run->report,
            povatlas_error_new(POVATLAS_E_INPUT, run->path, 0, NULL,
                               "more skipped rows not listed (%" G_GINT64_FORMAT
                               " skipped in all)",
                               run->rows_skipped));
    if (result) {
        result->sheets_read = run->sheets_read;
        result->sheets_skipped = run->sheets_skipped;
        result->rows_read = run->rows_read;
        result->rows_skipped = run->rows_skipped;
        result->rows_rejected = run->rows_rejected;
        result->rows_imported = rows_imported;
    }
    import_progress(run, 1.0, NULL);
    text_chunk_clear(&run->nfc);
    return status;
}

const char *import_column_name(const table_reader *r, int col)
{
    if (col < 0 || (guint)col >= r->header->len)
        return NULL;
    return g_ptr_array_index(r->header, col);
}

povatlas_status import_rows(import_run *run, table_reader *r,
                            const import_table_def *def, const int *cols,
                            void *ctx, povatlas_error **err)
{
    povatlas_status st = POVATLAS_OK;
    povatlas_error *read_err = NULL; /* the reader's, with its status */
    int rc;
    while (!st && (rc = import_next_row(run, r, &read_err)) > 0) {
        st = def->row(run, r, cols, ctx, err);
        if (!st && (run->rows_read & 0xffff) == 0 &&
            !import_progress(run, table_reader_fraction(r), def->kind))
            st = povatlas_error_set(err, POVATLAS_E_USAGE, "import cancelled");
    }
    if (!st && rc < 0)
        return povatlas_error_propagate_or(err, read_err, POVATLAS_E_INPUT);
    povatlas_error_free(read_err);
    return st;
}

/* "list.xlsx[Đô Vinh]": how messages name a sheet of a workbook read
 * sheet by sheet. */
static char *sheet_display_name(const char *path, const char *sheet)
{
    return g_strdup_printf("%s[%s]", path, sheet);
}

/* Matches the header of the open sheet @r; in a workbook whose sheets
 * need not all match, a sheet that does not is listed as skipped (naming
 * the column it lacks, not the cells it has) and *matched is FALSE. */
static povatlas_status match_sheet(import_run *run, table_reader *r,
                                   const field_spec *specs, size_t n_specs,
                                   int *cols, gboolean *matched,
                                   povatlas_error **first_miss,
                                   povatlas_error **err)
{
    gboolean optional =
        run->sheet_names && run->opts->sheets == POVATLAS_SHEETS_MATCHING;
    povatlas_error *miss = NULL;
    povatlas_status st = header_match(r, specs, n_specs, cols, &miss);
    *matched = st == POVATLAS_OK;
    if (!st || !optional || st != POVATLAS_E_INPUT)
        return povatlas_error_propagate(err, miss);
    if (miss->column)
        import_skip(run, 0,
                    "sheet skipped: not this kind of table (no "
                    "column such as '%s')",
                    miss->column);
    else
        import_skip(run, 0, "sheet skipped: it holds no table");
    run->sheets_skipped++;
    if (!*first_miss)
        *first_miss = miss;
    else
        povatlas_error_free(miss);
    return POVATLAS_OK;
}

/* Reads one sheet (or the only table) of the file into the open
 * transaction. */
static povatlas_status import_sheet(import_run *run,
                                    const import_table_def *def,
                                    const field_spec *specs, void *ctx,
                                    povatlas_error **first_miss,
                                    povatlas_error **err)
{
    const char *sheet = run->sheet_names ? run->sheet_names[run->sheet] : NULL;
    povatlas_error *open_err = NULL;
    table_reader *r =
        table_reader_open_sheet(run->path, run->opts, sheet, &open_err);
    if (!r) /* a missing file is E_IO, an unreadable one E_INPUT */
        return povatlas_error_propagate_or(err, open_err, POVATLAS_E_INPUT);
    const char *path = run->path;
    g_autofree char *shown = sheet ? sheet_display_name(path, sheet) : NULL;
    if (shown) {
        g_free(r->path);
        r->path = g_strdup(shown);
        run->path = shown;
    }
    g_autofree int *cols = g_new0(int, def->n_specs + 1);
    gboolean matched;
    povatlas_status st = match_sheet(run, r, specs, def->n_specs, cols,
                                     &matched, first_miss, err);
    row_kinds kinds;
    run->kinds = NULL;
    if (row_kinds_wanted(specs, def->n_specs)) {
        row_kinds_init(&kinds, specs, def->n_specs, cols);
        run->kinds = &kinds;
    }
    run->last_row = r->header_row > 0 ? r->header_row : r->row;
    if (!st && matched) {
        run->sheets_read++;
        if (r->warning)
            import_warn(run, 0, NULL, "%s", r->warning);
        if (def->start)
            st = def->start(run, r, cols, ctx, err);
        if (!st)
            st = def->run ? def->run(run, r, cols, ctx, err)
                          : import_rows(run, r, def, cols, ctx, err);
    }
    run->kinds = NULL;
    run->path = path;
    table_reader_close(r);
    return st;
}

povatlas_status import_table(povatlas_workspace *ws, const char *path,
                             const povatlas_import_opts *opts,
                             povatlas_report *report,
                             povatlas_import_result *result,
                             const import_table_def *def, void *ctx,
                             povatlas_error **err)
{
    povatlas_import_opts defaults;
    if (!opts) {
        povatlas_import_opts_init(&defaults);
        opts = &defaults;
    }
    if (result)
        *result = (povatlas_import_result){0};
    g_autofree field_spec *mapped = NULL;
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);
    povatlas_status st =
        opts->mapping ? header_mapping_apply(opts->mapping, def->specs,
                                             def->n_specs, &mapped, keep, err)
                      : POVATLAS_OK;
    if (st)
        return st;
    /* a workbook with one sheet per ward is read sheet by sheet */
    g_auto(GStrv) sheets = opts->layer ? NULL : table_reader_sheets(path);
    import_run run;
    import_run_init(&run, ws, path, opts, report);
    run.sheet_names = sheets;
    st = povatlas_workspace_begin(ws, err);
    if (st)
        return st;
    st = povatlas_workspace_record_import(ws, def->kind, path, opts->year, 0,
                                          &run.import_id, err);
    povatlas_error *first_miss = NULL;
    guint n_sheets = sheets ? g_strv_length(sheets) : 1;
    for (run.sheet = 0; !st && (guint)run.sheet < n_sheets; run.sheet++)
        st = import_sheet(&run, def, mapped ? mapped : def->specs, ctx,
                          &first_miss, err);
    if (!st && run.sheets_read == 0 && first_miss)
        st = povatlas_error_propagate(err, g_steal_pointer(&first_miss));
    povatlas_error_free(first_miss);
    if (!st && run.rows_read == 0)
        st = povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                   "the file has a header but no data rows");
    if (!st)
        st = povatlas_workspace_update_import_rows(ws, run.import_id,
                                                   run.rows_stored, err);
    if (!st && opts->synthetic)
        st = povatlas_workspace_set_meta(ws, "synthetic", "1", err);
    return import_finish(&run, st, run.rows_stored, result, err);
}
