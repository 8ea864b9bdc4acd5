/*
 * crosswalk.c - importing the crosswalk between unit periods (old code and
 * period -> new code and period, share, date, legal basis), as
 * geodata/crosswalk.csv ships it for the 2024 and 2025 reorganisations.
 */
#include <math.h>

#include "ingest_private.h"

static const field_spec CROSSWALK_FIELDS[] = {
    {"old_code", "old_code", "old code|ma cu", FIELD_REQUIRED},
    {"old_valid_from", "old_valid_from", "old valid from", FIELD_REQUIRED},
    {"new_code", "new_code", "new code|ma moi", FIELD_REQUIRED},
    {"new_valid_from", "new_valid_from", "new valid from", FIELD_REQUIRED},
    {"share", "share", "share|ty le", 0},
    {"valid_on", "valid_on", "valid on|hieu luc", FIELD_REQUIRED},
    {"note", "note", "note|ghi chu|can cu", 0},
};

static const char *cell(const table_reader *r, int col)
{
    const char *t = table_reader_cell(r, col);
    return *t ? t : NULL;
}

static povatlas_status crosswalk_row(import_run *run, const table_reader *r,
                                     const int *cols, void *ctx,
                                     povatlas_error **err)
{
    (void)ctx;
    povatlas_crosswalk l = {cell(r, cols[0]),
                            cell(r, cols[1]),
                            cell(r, cols[2]),
                            cell(r, cols[3]),
                            NAN,
                            cell(r, cols[5]),
                            cell(r, cols[6])};
    for (int i = 0; i < 6; i++) {
        if (i != 4 && !cell(r, cols[i])) {
            import_reject(run, r->row, import_column_name(r, cols[i]),
                          "%s is empty", CROSSWALK_FIELDS[i].key);
            return POVATLAS_OK;
        }
    }
    const char *share = cell(r, cols[4]);
    if (share && (!povatlas_parse_number_vi(share, &l.share) || l.share < 0 ||
                  l.share > 1)) {
        g_autofree char *shown = cell_quote(share);
        import_reject(run, r->row, import_column_name(r, cols[4]),
                      "share must be a number from 0 to 1, found %s", shown);
        return POVATLAS_OK;
    }
    povatlas_status st = povatlas_workspace_put_crosswalk(run->ws, &l, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_crosswalk(povatlas_workspace *ws,
                                          const char *path,
                                          const povatlas_import_opts *opts,
                                          povatlas_report *report,
                                          povatlas_import_result *result,
                                          povatlas_error **err)
{
    static const import_table_def def = {
        "crosswalk", CROSSWALK_FIELDS, G_N_ELEMENTS(CROSSWALK_FIELDS),
        NULL,        crosswalk_row,    NULL};
    return import_table(ws, path, opts, report, result, &def, NULL, err);
}
