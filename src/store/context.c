/*
 * context.c - map context features (sea, neighbouring land, coastline,
 * outline) kept in the workspace so that maps never re-read input files.
 */
#include <limits.h>

#include "store_private.h"

povatlas_status povatlas_workspace_clear_context(povatlas_workspace *ws,
                                                 povatlas_error **err)
{
    return store_exec(ws, "DELETE FROM context_layers", err);
}

povatlas_status
povatlas_workspace_put_context(povatlas_workspace *ws, const char *role,
                               const char *name, const unsigned char *wkb,
                               size_t wkb_size, povatlas_error **err)
{
    if (!wkb || wkb_size == 0 || wkb_size > INT_MAX)
        return povatlas_error_set_at(err, POVATLAS_E_GEOM, ws->path, 0, NULL,
                                     "context feature '%s': no geometry",
                                     name ? name : role);
    /* a blob SpatiaLite cannot read is refused, not stored as NULL (a
     * map would then lose the feature without a word) */
    db_stmt *st =
        store_prepare(ws,
                      "INSERT INTO context_layers(role, name, geom)"
                      " SELECT ?1, ?2, g FROM (SELECT GeomFromWKB(?3, 4326)"
                      " AS g) AS w WHERE g IS NOT NULL",
                      err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, role);
    store_bind_text(st, 2, name);
    db_bind_blob_static(st, 3, wkb, wkb_size);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot store context feature");
    else if (db_changes(ws->db) == 0)
        rc = povatlas_error_set_at(err, POVATLAS_E_GEOM, ws->path, 0, NULL,
                                   "context feature '%s': not a valid "
                                   "geometry (WKB of %zu bytes)",
                                   name ? name : role, wkb_size);
    db_finalize(st);
    return rc;
}

povatlas_context_list *povatlas_workspace_context(povatlas_workspace *ws,
                                                  povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws,
                      "SELECT role, name, AsBinary(geom) FROM context_layers"
                      " WHERE geom IS NOT NULL ORDER BY id",
                      err);
    if (!st)
        return NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_context_row));
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_context_row r = {0};
        r.role = store_column_dup(st, 0);
        r.name = store_column_dup(st, 1);
        int n = db_column_bytes(st, 2);
        r.wkb = g_memdup2(db_column_blob(st, 2), (gsize)n);
        r.wkb_size = (size_t)n;
        g_array_append_val(rows, r);
    }
    if (rc != DB_DONE)
        store_fail(ws, err, "cannot read the map context");
    db_finalize(st);
    povatlas_context_list *list = g_new0(povatlas_context_list, 1);
    list->n = rows->len;
    list->rows = (povatlas_context_row *)g_array_free(rows, FALSE);
    if (rc != DB_DONE) {
        povatlas_context_list_free(list);
        return NULL;
    }
    return list;
}

void povatlas_context_list_free(povatlas_context_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        g_free(list->rows[i].role);
        g_free(list->rows[i].name);
        g_free(list->rows[i].wkb);
    }
    g_free(list->rows);
    g_free(list);
}
