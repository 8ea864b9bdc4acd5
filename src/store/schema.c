/*
 * schema.c - the workspace schema, created in one transaction, and the
 * migrations from older schema versions (docs/workspace.md describes it).
 *
 * Geometry lives in SpatiaLite geometry columns (EPSG:4326). Households are
 * an append-only rowid table without indexes: a B-tree key on (year, unit,
 * household id) made a million-row import four times slower (random
 * inserts), so the importer enforces the key itself (ingest/keys.c) and the
 * queries that need an index create it when they run. Personal data has its
 * own table that no export reads.
 */
#include "store_private.h"

static const char *const SCHEMA_V1 =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE units("
    "  code TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,"
    "  name TEXT NOT NULL, full_name TEXT, unit_type TEXT NOT NULL,"
    "  urban INTEGER NOT NULL CHECK (urban IN (0, 1)), zone TEXT,"
    "  province_code TEXT, district_code TEXT,"
    "  PRIMARY KEY (code, valid_from));";
/* then units.geom, MULTIPOLYGON */
static const char *const SCHEMA_V1_B =
    "CREATE TABLE unit_crosswalk("
    "  old_code TEXT NOT NULL, old_valid_from TEXT NOT NULL,"
    "  new_code TEXT NOT NULL, new_valid_from TEXT NOT NULL, share REAL,"
    "  valid_on TEXT NOT NULL, note TEXT,"
    "  PRIMARY KEY (old_code, old_valid_from, new_code, new_valid_from));"
    "CREATE TABLE ward_stats("
    "  unit_code TEXT NOT NULL, year INTEGER NOT NULL,"
    "  households INTEGER NOT NULL CHECK (households >= 0),"
    "  population INTEGER, source TEXT, PRIMARY KEY (unit_code, year));"
    "CREATE TABLE standards("
    "  id INTEGER PRIMARY KEY, year_from INTEGER NOT NULL,"
    "  year_to INTEGER NOT NULL, urban INTEGER NOT NULL,"
    "  line_vnd INTEGER NOT NULL, band_upper_vnd INTEGER,"
    "  min_deprivations_poor INTEGER NOT NULL, n_indicators INTEGER NOT NULL,"
    "  low_income_worker_vnd INTEGER, low_income_from_year INTEGER,"
    "  decree TEXT);"
    "CREATE TABLE b1_cutoffs("
    "  year_from INTEGER NOT NULL, year_to INTEGER NOT NULL,"
    "  urban INTEGER NOT NULL, line_score INTEGER NOT NULL,"
    "  band_score INTEGER, source TEXT);"
    "CREATE TABLE households("
    "  year INTEGER NOT NULL, unit_code TEXT NOT NULL,"
    "  household_id TEXT NOT NULL, members INTEGER,"
    "  income_per_capita INTEGER, income_total INTEGER, flags INTEGER,"
    "  n_deprivations INTEGER, b1_score INTEGER,"
    "  recorded_status INTEGER NOT NULL,"
    "  computed_status INTEGER NOT NULL, standard_id INTEGER,"
    "  standards_rev INTEGER NOT NULL, ethnic_minority INTEGER,"
    "  merit INTEGER, no_labour INTEGER, import_id INTEGER, source_row "
    "INTEGER);"
    "CREATE TABLE household_persons("
    "  year INTEGER NOT NULL, unit_code TEXT NOT NULL,"
    "  household_id TEXT NOT NULL, head_name TEXT, address TEXT,"
    "  id_number TEXT);"
    "CREATE TABLE indicators("
    "  unit_code TEXT NOT NULL, year INTEGER NOT NULL, name TEXT NOT NULL,"
    "  value REAL, PRIMARY KEY (unit_code, year, name)) WITHOUT ROWID;"
    "CREATE TABLE targets("
    "  scope TEXT NOT NULL, year INTEGER NOT NULL, name TEXT NOT NULL,"
    "  baseline REAL, target REAL, unit TEXT, source TEXT,"
    "  PRIMARY KEY (scope, year, name));"
    "CREATE TABLE context_layers("
    "  id INTEGER PRIMARY KEY, role TEXT NOT NULL, name TEXT);";
/* then context_layers.geom, GEOMETRY */
static const char *const SCHEMA_V1_C =
    "CREATE TABLE imports("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL,"
    "  year INTEGER, rows INTEGER NOT NULL);";

/* Adds the column geom of @type (EPSG:4326, XY) to @table, registered
 * as a geometry column: SpatiaLite's geometry_columns, or PostGIS's
 * typed column (which its geometry_columns view and QGIS list). */
static povatlas_status add_geometry_column(povatlas_workspace *ws,
                                           const char *table, const char *type,
                                           povatlas_error **err)
{
    g_autofree char *sql =
        db_backend_of(ws->db) == DB_SQLITE
            ? g_strdup_printf(
                  "SELECT AddGeometryColumn('%s', 'geom', 4326, '%s', 'XY')",
                  table, type)
            : g_strdup_printf("ALTER TABLE %s ADD COLUMN geom geometry(%s, "
                              "4326)",
                              table, type);
    return store_exec(ws, sql, err);
}

/* PostgreSQL: SQLite's aggregates the store's SQL uses, with SQLite's
 * results: sum() of comparisons (booleans; NULL over no rows or only
 * NULLs) and total() (a double, 0 over no rows). */
static const char *const PG_AGGREGATES =
    "CREATE FUNCTION sqlite_sum_bool(bigint, boolean) RETURNS bigint"
    " LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $2 IS NULL THEN $1"
    " ELSE coalesce($1, 0) + $2::int END';"
    "CREATE AGGREGATE sum(boolean) (SFUNC = sqlite_sum_bool,"
    " STYPE = bigint);"
    "CREATE FUNCTION sqlite_total(double precision, double precision)"
    " RETURNS double precision LANGUAGE sql IMMUTABLE"
    " AS 'SELECT $1 + coalesce($2, 0)';"
    "CREATE AGGREGATE total(double precision) (SFUNC = sqlite_total,"
    " STYPE = double precision, INITCOND = '0');";

/* PostgreSQL: the insertion order SQLite's rowid gives the tables whose
 * reads order by it (the last B1 cut-off, targets as listed, the first
 * row of a household), as a column of that name the rows number. */
static const char *const PG_ROWIDS =
    "ALTER TABLE b1_cutoffs ADD COLUMN rowid bigint"
    " GENERATED ALWAYS AS IDENTITY;"
    "ALTER TABLE targets ADD COLUMN rowid bigint"
    " GENERATED ALWAYS AS IDENTITY;"
    "ALTER TABLE households ADD COLUMN rowid bigint"
    " GENERATED ALWAYS AS IDENTITY;";

/* Schema step 5 -> 6, and part of every new workspace: on PostgreSQL the
 * household row's values that are a C int (workspace.h) become integer,
 * not the bigint INTEGER becomes, and the row number's sequence hands each
 * session 1,000 numbers at a time. A narrower row is less for COPY to write
 * (WAL and pages), and the cache spares the sequence's lock per row (a 1 M
 * row COPY: 1.08 s against 1.32 s, bench/README.md); numbers stay in
 * insertion order within a session, which is all readers order by. SQLite
 * stores an integer in as few bytes as its value needs: nothing to do.
 * (int4, not integer: the backend reads INTEGER as SQLite's, bigint.) */
static povatlas_status store_narrow_households(povatlas_workspace *ws,
                                               povatlas_error **err)
{
    if (db_backend_of(ws->db) == DB_SQLITE)
        return POVATLAS_OK;
    return store_exec(
        ws,
        "ALTER TABLE households ALTER COLUMN rowid SET CACHE 1000,"
        " ALTER COLUMN year TYPE int4,"
        " ALTER COLUMN members TYPE int4, ALTER COLUMN flags TYPE int4,"
        " ALTER COLUMN n_deprivations TYPE int4,"
        " ALTER COLUMN recorded_status TYPE int4,"
        " ALTER COLUMN computed_status TYPE int4,"
        " ALTER COLUMN standard_id TYPE int4,"
        " ALTER COLUMN ethnic_minority TYPE int4,"
        " ALTER COLUMN merit TYPE int4, ALTER COLUMN no_labour TYPE int4",
        err);
}

/* programs.c: the programs and activities tables (issue 5). */
povatlas_status store_schema_programs(povatlas_workspace *ws,
                                      povatlas_error **err);

povatlas_status store_schema_create(povatlas_workspace *ws,
                                    povatlas_error **err)
{
    povatlas_status st = store_exec(ws, "BEGIN", err);
    if (st)
        return st;
    /* Only the WGS 84 family of spatial_ref_sys: the full table costs
     * seconds and megabytes for CRSs povatlas never stores. (PostGIS
     * keeps its own in public.) */
    if (db_backend_of(ws->db) == DB_SQLITE)
        st = store_exec(ws, "SELECT InitSpatialMetadata(0, 'WGS84')", err);
    else
        st = store_exec(ws, PG_AGGREGATES, err);
    if (!st)
        st = store_exec(ws, SCHEMA_V1, err);
    if (!st)
        st = add_geometry_column(ws, "units", "MULTIPOLYGON", err);
    if (!st)
        st = store_exec(ws, SCHEMA_V1_B, err);
    if (!st)
        st = add_geometry_column(ws, "context_layers", "GEOMETRY", err);
    if (!st)
        st = store_exec(ws, SCHEMA_V1_C, err);
    if (!st && db_backend_of(ws->db) != DB_SQLITE)
        st = store_exec(ws, PG_ROWIDS, err);
    if (!st)
        st = store_schema_programs(ws, err);
    /* the tables of the later steps, as those steps create them */
    if (!st)
        st = store_schema_review_lists(ws, err);
    if (!st)
        st = store_schema_derived(ws, err);
    if (!st)
        st = store_schema_household_counts(ws, err);
    if (!st)
        st = store_schema_unit_areas(ws, err);
    if (!st)
        st = store_narrow_households(ws, err);
    if (!st) {
        g_autofree char *sql = g_strdup_printf(
            "INSERT INTO meta VALUES ('schema_version', '%d'),"
            "('application', 'povatlas'), ('standards_revision', '0')",
            POVATLAS_SCHEMA_VERSION);
        st = store_exec(ws, sql, err);
    }
    if (!st)
        st = store_exec(ws, "COMMIT", err);
    if (st)
        store_exec(ws, "ROLLBACK", NULL);
    return st;
}

/* One function per step, from version N to N+1 (MIGRATIONS[N - 1]); a
 * step is added with each schema change and never edited afterwards.
 *   1 -> 2: review_lists, which years (and units) a review list covers,
 *           filled from the stored households (review_lists.c).
 *   2 -> 3: unit_changes and zone_rates, the changes between review years
 *           and the zone rates analyze stores (derived.c); empty until the
 *           next analyze, and readers compute what is not stored.
 *   3 -> 4: household_counts, the per-unit counts every rate reads, kept
 *           by the import instead of re-counted from the rows (counts.c).
 *   4 -> 5: unit_areas, the areas of each stored geometry, measured when
 *           the boundaries are imported instead of by every analyze
 *           (units.c); one unmeasured row per stored geometry, which the
 *           next analyze measures and keeps.
 *   5 -> 6: on PostgreSQL, the households' C int values as integer and
 *           the row number's sequence cached (store_narrow_households);
 *           nothing on SQLite. */
typedef povatlas_status (*migration_fn)(povatlas_workspace *ws,
                                        povatlas_error **err);
static const migration_fn MIGRATIONS[] = {
    store_migrate_review_lists, store_schema_derived,
    store_migrate_household_counts, store_migrate_unit_areas,
    store_narrow_households};

povatlas_status store_schema_migrate(povatlas_workspace *ws, int from_version,
                                     povatlas_error **err)
{
    for (int v = from_version; v < POVATLAS_SCHEMA_VERSION; v++) {
        migration_fn step = MIGRATIONS[v - 1];
        povatlas_status st = store_exec(ws, "BEGIN", err);
        if (!st && step)
            st = step(ws, err);
        if (!st) {
            g_autofree char *sql = g_strdup_printf(
                "UPDATE meta SET value = '%d' WHERE key = 'schema_version'",
                v + 1);
            st = store_exec(ws, sql, err);
        }
        if (!st)
            st = store_exec(ws, "COMMIT", err);
        if (st) {
            store_exec(ws, "ROLLBACK", NULL);
            povatlas_error_prefix(err ? *err : NULL,
                                  "migrating the workspace from schema %d", v);
            return st;
        }
    }
    return POVATLAS_OK;
}
