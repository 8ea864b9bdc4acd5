/*
 * store_private.h - what the store's files share: the workspace struct and
 * helpers that turn database failures into povatlas errors at once
 * (db_errmsg() is overwritten by the next call). Statements go through the
 * backend-neutral interface of db.h.
 */
#ifndef POVATLAS_STORE_PRIVATE_H
#define POVATLAS_STORE_PRIVATE_H

#include <glib.h>

#include "db.h"
#include "povatlas/workspace.h"

struct povatlas_workspace {
    db_conn *db;
    char *path; /* file or connection, its password masked (messages) */
    GHashTable *decrees;    /* standard id -> decree text, for borrowing */
    db_stmt *put_indicator; /* prepared once: analyze writes ~160,000 */
    /* prepared once: import boundaries stores 10,600 polygons and their
     * areas, and preparing an UPDATE of units (SpatiaLite's triggers)
     * cost as much as the update */
    db_stmt *set_geometry, *unmeasure_areas, *set_areas;
    /* the status of the last failure store_fail() or store_exec()
     * reported, for a caller of store_prepare() whose err may be NULL */
    povatlas_status failed;
    /* PostgreSQL: the units of the office the connection's role is
     * (offices.c), NULL when it is none; the role's name */
    GPtrArray *office_units;
    char *office;
};

/* Every statement of the store is stepped by store_step() (step.c): it is
 * db_step() with the fault-injection hook of core/fault.h in front of the
 * statements that write. */
int store_step(db_stmt *st);
/* db_prepare() with the fault-injection hook in front: an armed
 * POVATLAS_FAULT_STORE_PREPARE hit fails with DB_NOMEM (as a failed
 * allocation inside the database would) without preparing. */
db_stmt *store_prepare_raw(db_conn *db, const char *sql);
/* Why the last step or prepare on @db failed: db_errmsg() and the result
 * code in *@rc, or the text and code the fault hook returned instead of
 * running it. */
const char *store_last_error(db_conn *db, int *rc);

/* The povatlas status of a db_result code: DB_NOMEM is POVATLAS_E_NOMEM,
 * a full disk or an I/O error POVATLAS_E_IO, anything else
 * POVATLAS_E_DB. */
povatlas_status store_status_of(int rc);

/* Sets *err from the connection's last error, prefixed by @what, and
 * returns its status (store_status_of()); a full disk and an exhausted
 * memory are said in plain words. */
povatlas_status store_fail(povatlas_workspace *ws, povatlas_error **err,
                           const char *what);

/* The status of the last failure reported on @ws (POVATLAS_E_DB when none
 * was): what a caller returns when store_prepare() gave NULL. */
povatlas_status store_status(const povatlas_workspace *ws);

/* Runs @sql (no parameters, may hold several statements). */
povatlas_status store_exec(povatlas_workspace *ws, const char *sql,
                           povatlas_error **err);

/* Prepares @sql; NULL with *err set on failure. */
db_stmt *store_prepare(povatlas_workspace *ws, const char *sql,
                       povatlas_error **err);

/* Steps a query that returns at most one row: *@row is 1 when it did,
 * 0 when it returned none; a failed step is an error (@what: what could
 * not be read), never "no row". */
povatlas_status store_row(povatlas_workspace *ws, db_stmt *st, int *row,
                          const char *what, povatlas_error **err);

/* Sets *@exists to whether table @name exists (in the workspace's
 * schema on PostgreSQL, where NULL asks whether any table does). */
povatlas_status store_table_exists(povatlas_workspace *ws, const char *name,
                                   int *exists, povatlas_error **err);

/* Binds text or NULL. */
void store_bind_text(db_stmt *st, int i, const char *s);
/* Binds an integer, or NULL when @v < 0. */
void store_bind_int_or_null(db_stmt *st, int i, int64_t v);
/* Column text as a new string (NULL for SQL NULL). */
char *store_column_dup(db_stmt *st, int i);
/* Column integer, or -1 for SQL NULL (the reverse of
 * store_bind_int_or_null). */
int64_t store_column_int_or_minus1(db_stmt *st, int i);
/* Column real, or NAN for SQL NULL. */
double store_column_double_or_nan(db_stmt *st, int i);

/* Creates the schema of the current version in an empty database. */
povatlas_status store_schema_create(povatlas_workspace *ws,
                                    povatlas_error **err);
/* Migrates from @from_version to POVATLAS_SCHEMA_VERSION. */
povatlas_status store_schema_migrate(povatlas_workspace *ws, int from_version,
                                     povatlas_error **err);

/* counts.c: the household_counts table (created by schema step 2 -> 3,
 * which fills it from the stored households) and its recount from the
 * rows of @year (0: every year). */
povatlas_status store_schema_household_counts(povatlas_workspace *ws,
                                              povatlas_error **err);
povatlas_status store_migrate_household_counts(povatlas_workspace *ws,
                                               povatlas_error **err);
povatlas_status store_household_counts_recount(povatlas_workspace *ws, int year,
                                               povatlas_error **err);

/* review_lists.c: the review_lists table (created by schema step 1 -> 2,
 * which also fills it from the stored households), a year's list recorded
 * by the household writer and deleted with the year's households. */
povatlas_status store_schema_review_lists(povatlas_workspace *ws,
                                          povatlas_error **err);
povatlas_status store_migrate_review_lists(povatlas_workspace *ws,
                                           povatlas_error **err);
povatlas_status store_review_list_record(povatlas_workspace *ws, int year,
                                         int64_t import_id,
                                         povatlas_error **err);
povatlas_status store_review_list_delete(povatlas_workspace *ws, int year,
                                         povatlas_error **err);

/* offices.c: reads the units of the office the connection's role is into
 * ws->office_units (left NULL when the role is no office). */
povatlas_status store_office_units_load(povatlas_workspace *ws,
                                        povatlas_error **err);
/* offices.c: " AND @column IN (the office's units)" when @ws's role is an
 * office, else "": what a statement that deletes by year adds, so that an
 * office's --replace deletes its own units' rows only (another unit's row
 * would be refused, not skipped). (transfer full) */
char *store_office_only(const povatlas_workspace *ws, const char *column);

/* transitions.c: creates household_exits when missing (it is made on
 * first use, so that older workspaces need no migration). */
povatlas_status store_schema_household_exits(povatlas_workspace *ws,
                                             povatlas_error **err);

/* derived.c: the unit_changes and zone_rates tables (schema step 2 -> 3). */
povatlas_status store_schema_derived(povatlas_workspace *ws,
                                     povatlas_error **err);

/* units.c: the unit_areas table (schema step 4 -> 5, which adds one
 * unmeasured row per stored geometry: the next analyze measures them). */
povatlas_status store_schema_unit_areas(povatlas_workspace *ws,
                                        povatlas_error **err);
povatlas_status store_migrate_unit_areas(povatlas_workspace *ws,
                                         povatlas_error **err);

/* units.c: the WKB AsBinary() makes of SpatiaLite's geometry BLOB @blob
 * of @size bytes when it is a little-endian 2D Polygon or MultiPolygon
 * (transfer full, g_free; its size in *@wkb_size), by copying its body;
 * NULL for any other BLOB, which AsBinary() must read. A reader of bytes
 * the file holds: fuzzed (tests/fuzz/fuzz_wkb.c). */
unsigned char *store_blob_to_wkb(const unsigned char *blob, size_t size,
                                 size_t *wkb_size);

/* Reads the unit rows of a prepared statement whose columns are
 * code, name, full_name, unit_type, urban, zone, valid_from, valid_to,
 * AsBinary(geom), or (@raw, SQLite only) geom itself: the rows' WKB are
 * the same bytes either way. */
povatlas_unit_list *store_read_units(povatlas_workspace *ws, db_stmt *st,
                                     int raw, povatlas_error **err);

/* SQL condition (on table alias u) that a unit period covers @year's
 * review (31 December of the year). Bind ?year as text 'YYYY-12-31'. */
#define STORE_UNIT_IN_YEAR                                                     \
    "(u.valid_from <= ?1 AND (u.valid_to IS NULL OR u.valid_to >= ?1))"

#endif
