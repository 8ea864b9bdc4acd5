/*
 * series.c - the crosswalk links read back with the names of both unit
 * periods, for re-aggregating a series to the units of one day
 * (docs/domain-rules.md §6.3). The walk along the links is
 * src/analysis/series.c.
 */
#include <math.h>

#include "povatlas/series_inputs.h"
#include "store_private.h"

static void read_link(db_stmt *st, povatlas_link_row *r)
{
    r->old_code = store_column_dup(st, 0);
    r->old_valid_from = store_column_dup(st, 1);
    r->old_name = store_column_dup(st, 2);
    r->new_code = store_column_dup(st, 3);
    r->new_valid_from = store_column_dup(st, 4);
    r->new_name = store_column_dup(st, 5);
    r->share = store_column_double_or_nan(st, 6);
    r->valid_on = store_column_dup(st, 7);
    r->note = store_column_dup(st, 8);
}

povatlas_link_list *povatlas_workspace_links(povatlas_workspace *ws,
                                             povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws,
        "SELECT c.old_code, c.old_valid_from, o.name,"
        "  c.new_code, c.new_valid_from, n.name, c.share, c.valid_on, c.note"
        " FROM unit_crosswalk c"
        " LEFT JOIN units o ON o.code = c.old_code"
        "  AND o.valid_from = c.old_valid_from"
        " LEFT JOIN units n ON n.code = c.new_code"
        "  AND n.valid_from = c.new_valid_from"
        " ORDER BY c.valid_on, c.new_code, c.old_code, c.old_valid_from",
        err);
    if (!st)
        return NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_link_row));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_link_row r = {0};
        read_link(st, &r);
        g_array_append_val(rows, r);
    }
    db_finalize(st);
    povatlas_link_list *list = g_new0(povatlas_link_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_link_row *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        store_fail(ws, err, "cannot read the unit crosswalk");
        povatlas_link_list_free(list);
        return NULL;
    }
    return list;
}

void povatlas_link_list_free(povatlas_link_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        povatlas_link_row *r = &list->rows[i];
        g_free(r->old_code);
        g_free(r->old_valid_from);
        g_free(r->old_name);
        g_free(r->new_code);
        g_free(r->new_valid_from);
        g_free(r->new_name);
        g_free(r->valid_on);
        g_free(r->note);
    }
    g_free(list->rows);
    g_free(list);
}
