/*
 * run.c - one import run: counting rows, keeping rejected rows in the
 * caller's report, throttled progress, and the all-or-nothing ending.
 */
#include "ingest_private.h"

void povatlas_import_opts_init(povatlas_import_opts *opts)
{
    *opts = (povatlas_import_opts){0};
    opts->csv_engine = POVATLAS_CSV_AUTO;
    opts->max_errors = 100;
}

void import_run_init(import_run *run, povatlas_workspace *ws,
                     const char *path, const povatlas_import_opts *opts,
                     povatlas_report *report)
{
    *run = (import_run){0};
    run->ws = ws;
    run->path = path;
    run->opts = opts;
    run->report = report;
}

static void add(import_run *run, gboolean warning, long row,
                const char *column, const char *fmt, va_list ap)
{
    if (!run->report)
        return;
    /* a million-row file must not keep a million messages */
    size_t kept = warning ? povatlas_report_n_warnings(run->report)
                          : povatlas_report_n_errors(run->report);
    if (kept >= (size_t)run->opts->max_errors)
        return;
    povatlas_error *e = povatlas_error_newv(POVATLAS_E_INPUT, run->path, row,
                                            column, fmt, ap);
    if (warning)
        povatlas_report_warn(run->report, e);
    else
        povatlas_report_add(run->report, e);
}

void import_reject(import_run *run, long row, const char *column,
                   const char *fmt, ...)
{
    if (run->lock)
        g_mutex_lock(run->lock);
    run->rows_rejected++;
    va_list ap;
    va_start(ap, fmt);
    add(run, FALSE, row, column, fmt, ap);
    va_end(ap);
    if (run->lock)
        g_mutex_unlock(run->lock);
}

void import_warn(import_run *run, long row, const char *column,
                 const char *fmt, ...)
{
    if (run->lock)
        g_mutex_lock(run->lock);
    run->rows_warned++;
    va_list ap;
    va_start(ap, fmt);
    add(run, TRUE, row, column, fmt, ap);
    va_end(ap);
    if (run->lock)
        g_mutex_unlock(run->lock);
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
        status = povatlas_error_set_at(
            err, POVATLAS_E_INPUT, run->path, 0, NULL,
            "%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
            " rows rejected; nothing was imported",
            run->rows_rejected, run->rows_read);
    if (!status)
        status = povatlas_workspace_commit(run->ws, err);
    if (status) {
        povatlas_workspace_rollback(run->ws);
        rows_imported = 0;
    }
    if (run->report && run->rows_warned > run->opts->max_errors)
        povatlas_report_warn(
            run->report,
            povatlas_error_new(POVATLAS_E_INPUT, run->path, 0, NULL,
                               "%" G_GINT64_FORMAT " more warnings not shown",
                               run->rows_warned - run->opts->max_errors));
    if (result) {
        result->rows_read = run->rows_read;
        result->rows_rejected = run->rows_rejected;
        result->rows_imported = rows_imported;
    }
    import_progress(run, 1.0, NULL);
    if (run->nfc)
        g_string_chunk_free(run->nfc);
    run->nfc = NULL;
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
    int rc;
    while (!st && (rc = table_reader_next(r, err)) > 0) {
        run->rows_read++;
        st = def->row(run, r, cols, ctx, err);
        if (!st && (run->rows_read & 0xffff) == 0 &&
            !import_progress(run, table_reader_fraction(r), def->kind))
            st = povatlas_error_set(err, POVATLAS_E_USAGE,
                                    "import cancelled");
    }
    if (!st && rc < 0)
        st = POVATLAS_E_INPUT;
    if (!st && run->rows_read == 0)
        st = povatlas_error_set_at(err, POVATLAS_E_INPUT, run->path, 0, NULL,
                                   "the file has a header but no data rows");
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
    table_reader *r = table_reader_open(path, opts, err);
    if (!r)
        return POVATLAS_E_INPUT;
    g_autofree int *cols = g_new0(int, def->n_specs + 1);
    g_autofree field_spec *mapped = NULL;
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);
    povatlas_status st =
        opts->mapping ? header_mapping_apply(opts->mapping, def->specs,
                                             def->n_specs, &mapped, keep, err)
                      : POVATLAS_OK;
    if (!st)
        st = header_match(r, mapped ? mapped : def->specs, def->n_specs, cols,
                          err);
    import_run run;
    import_run_init(&run, ws, path, opts, report);
    if (r->warning)
        import_warn(&run, 0, NULL, "%s", r->warning);
    if (!st)
        st = povatlas_workspace_begin(ws, err);
    if (st) {
        table_reader_close(r);
        return st;
    }
    st = povatlas_workspace_record_import(ws, def->kind, path, opts->year, 0,
                                          &run.import_id, err);
    if (!st && def->start)
        st = def->start(&run, r, cols, ctx, err);
    if (!st)
        st = def->run ? def->run(&run, r, cols, ctx, err)
                      : import_rows(&run, r, def, cols, ctx, err);
    if (!st)
        st = povatlas_workspace_update_import_rows(ws, run.import_id,
                                                   run.rows_stored, err);
    if (!st && opts->synthetic)
        st = povatlas_workspace_set_meta(ws, "synthetic", "1", err);
    table_reader_close(r);
    return import_finish(&run, st, run.rows_stored, result, err);
}
