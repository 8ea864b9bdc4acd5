/*
 * db_pg.c - the PostgreSQL + PostGIS backend of db.h, through libpq.
 */
#include <glib.h>

#include "db_backend.h"

db_conn *db_pg_open(const char *conninfo, unsigned flags, char **why)
{
    (void)conninfo;
    (void)flags;
    *why = g_strdup("this povatlas was built without PostgreSQL (libpq)");
    return NULL;
}
