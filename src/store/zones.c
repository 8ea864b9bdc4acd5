/*
 * zones.c - writing a ward's planning zone into the unit table (every
 * validity period of the code), for derived or overridden zones.
 */
#include "store_private.h"

povatlas_status povatlas_workspace_set_unit_zone(povatlas_workspace *ws,
                                                 const char *code,
                                                 const char *zone,
                                                 povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws, "UPDATE units SET zone = ? WHERE code = ?", err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, zone);
    store_bind_text(st, 2, code);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot set the zone of a unit");
    db_finalize(st);
    return rc;
}
