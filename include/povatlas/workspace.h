/*
 * workspace.h - the workspace: one SpatiaLite file, or one schema of a
 * PostgreSQL + PostGIS database, that is the single source of truth (store
 * job). Every SQL statement of povatlas lives behind this header.
 *
 * Tables (docs/workspace.md has the full schema): meta, units (code +
 * validity period + geometry), ward_stats (denominators), standards,
 * households, household_persons (personal data, never exported), indicators
 * (long table of every computed number), targets, imports.
 *
 * A workspace is used by one thread at a time.
 */
#ifndef POVATLAS_WORKSPACE_H
#define POVATLAS_WORKSPACE_H

#include <stddef.h>
#include <stdint.h>

#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Current schema version; older workspaces are migrated on open. */
#define POVATLAS_SCHEMA_VERSION 6

typedef struct povatlas_workspace povatlas_workspace;

enum povatlas_workspace_open_flags {
    POVATLAS_WORKSPACE_CREATE = 1 << 0,   /* create the file when missing */
    POVATLAS_WORKSPACE_READONLY = 1 << 1, /* open for reading only */
};

/**
 * povatlas_workspace_open:
 * @path: SpatiaLite file, or a PostgreSQL + PostGIS database:
 *   "postgresql://user@host/dbname" or "PG:dbname=... host=..." (GDAL's
 *   spelling), with "active_schema=NAME" (a URI's "?active_schema=NAME")
 *   naming the schema the workspace lives in (default "povatlas"). The
 *   password comes from PGPASSWORD or ~/.pgpass; messages never show one.
 * @flags: povatlas_workspace_open_flags
 * @err: (out) (optional): set on failure
 *
 * Opens the workspace, creating the schema when the file is new and
 * migrating an older schema version in place. A file that is not a povatlas
 * workspace, or one from a newer povatlas, is refused.
 *
 * Returns: (transfer full) (nullable): the workspace, or NULL with @err set;
 *   close with povatlas_workspace_close().
 */
POVATLAS_API povatlas_workspace *
povatlas_workspace_open(const char *path, unsigned flags, povatlas_error **err);

/** Returns: (transfer full): @path as a message may show it: the password
 * of a PostgreSQL connection replaced by "***"; g_free(). */
POVATLAS_API char *povatlas_workspace_path_shown(const char *path);

/**
 * povatlas_workspace_exists:
 * @path: as for povatlas_workspace_open()
 * @exists: (out): 1 when the file exists, or the PostgreSQL schema exists
 *   and holds tables
 *
 * Returns: the status (a database that cannot be reached is an error,
 *   never "does not exist").
 */
POVATLAS_API povatlas_status povatlas_workspace_exists(const char *path,
                                                       int *exists,
                                                       povatlas_error **err);

/**
 * povatlas_workspace_remove:
 * @path: as for povatlas_workspace_open()
 *
 * Deletes the workspace file, or drops the PostgreSQL schema with every
 * table in it; a schema that holds tables but no povatlas workspace (no
 * meta table) is refused and left alone. Missing is not an error.
 */
POVATLAS_API povatlas_status povatlas_workspace_remove(const char *path,
                                                       povatlas_error **err);

/** povatlas_workspace_close: frees @ws; NULL is a no-op. */
POVATLAS_API void povatlas_workspace_close(povatlas_workspace *ws);

/** Returns: 1 when @ws lives in a PostgreSQL database, 0 for a file. */
POVATLAS_API int povatlas_workspace_on_postgresql(const povatlas_workspace *ws);

/** Returns: (transfer none): the file path, valid while @ws is open. */
POVATLAS_API const char *povatlas_workspace_path(const povatlas_workspace *ws);

/** povatlas_workspace_schema_version: sets *@version (out) to the schema
 * version stored in the file, 0 when none is stored. */
POVATLAS_API povatlas_status povatlas_workspace_schema_version(
    povatlas_workspace *ws, int *version, povatlas_error **err);

/* Transactions: an import lands whole or not at all. Not nestable. A call
 * that fails inside a transaction leaves it to be rolled back: on SQLite
 * only the failed statement is undone, but on PostgreSQL the failure
 * aborts the whole transaction, and povatlas_workspace_commit() then
 * fails ("the transaction was rolled back: a statement in it had
 * failed") instead of storing the calls that succeeded before it. */
POVATLAS_API povatlas_status povatlas_workspace_begin(povatlas_workspace *ws,
                                                      povatlas_error **err);
/** povatlas_workspace_begin_snapshot: povatlas_workspace_begin() for a
 * job that reads the whole workspace and stores what it derives (analyze):
 * every read of the transaction sees the workspace in one state, so lists
 * that other offices commit meanwhile to a shared PostgreSQL workspace are
 * seen whole or not at all (REPEATABLE READ there; SQLite's write lock
 * already does it). Two such jobs that write the same rows at the same
 * time: the later one fails ("could not serialize access") and changes
 * nothing. */
POVATLAS_API povatlas_status
povatlas_workspace_begin_snapshot(povatlas_workspace *ws, povatlas_error **err);
/** povatlas_workspace_commit: on failure the transaction is rolled back,
 * so the workspace is as it was before povatlas_workspace_begin(). */
POVATLAS_API povatlas_status povatlas_workspace_commit(povatlas_workspace *ws,
                                                       povatlas_error **err);
/** povatlas_workspace_rollback: no-op outside a transaction. A caller that
 * rolls back after a failure passes the @err of that failure: the first
 * error wins, so the rollback's own failure never hides why it was asked
 * for. Returns the rollback's status. */
POVATLAS_API povatlas_status povatlas_workspace_rollback(povatlas_workspace *ws,
                                                         povatlas_error **err);

/* meta(key, value): schema_version, synthetic, schematic_boundaries ... */
POVATLAS_API povatlas_status povatlas_workspace_set_meta(povatlas_workspace *ws,
                                                         const char *key,
                                                         const char *value,
                                                         povatlas_error **err);
/**
 * povatlas_workspace_get_meta:
 * @value: (out) (transfer full) (nullable): the value, NULL when unset;
 *   free with g_free()/free()
 *
 * A failed read is an error, never "unset".
 */
POVATLAS_API povatlas_status povatlas_workspace_get_meta(povatlas_workspace *ws,
                                                         const char *key,
                                                         char **value,
                                                         povatlas_error **err);

/**
 * povatlas_workspace_is_synthetic:
 * @synthetic: (out): 1 when the workspace holds synthetic data
 *
 * The flag every output stamps ("DỮ LIỆU GIẢ LẬP"), read with an error
 * channel: a failed read is an error, never "not synthetic", so that an
 * output cannot lose its stamp to a locked or damaged workspace.
 */
POVATLAS_API povatlas_status povatlas_workspace_is_synthetic(
    povatlas_workspace *ws, int *synthetic, povatlas_error **err);

/**
 * povatlas_workspace_set_place:
 * @place: (nullable): the place in Vietnamese ("Thành phố Phan Rang–Tháp
 *   Chàm, tỉnh Ninh Thuận"), NULL to leave it as it is
 * @place_en: (nullable): the same in English, NULL to leave it
 *
 * Stores the name of the place the workspace covers (meta area_name and
 * area_name_en): the subtitle of every map, the atlas cover, the summary's
 * first line and the exports' source. Names are stored trimmed and in NFC;
 * an empty name, a control character or text that is not UTF-8 is refused
 * (POVATLAS_E_USAGE) and nothing is stored.
 */
POVATLAS_API povatlas_status
povatlas_workspace_set_place(povatlas_workspace *ws, const char *place,
                             const char *place_en, povatlas_error **err);

/**
 * povatlas_workspace_get_place:
 * @lang: (nullable): "en" for the English name, else Vietnamese
 *
 * @place: (out) (transfer full) (nullable): NULL when no place is stored;
 *   free with g_free()/free()
 *
 * The place in @lang; in English, the Vietnamese name when no English one
 * is stored.
 */
POVATLAS_API povatlas_status
povatlas_workspace_get_place(povatlas_workspace *ws, const char *lang,
                             char **place, povatlas_error **err);

/* ------------------------------------------------------------------ units */

/* An administrative unit for one validity period. Borrowed strings. */
typedef struct povatlas_unit {
    const char *code;      /* GSO 5-digit code */
    const char *name;      /* without prefix: "Đô Vinh" */
    const char *full_name; /* (nullable) "Phường Đô Vinh" */
    const char *unit_type; /* "phuong", "xa", "thi_tran" */
    int urban;        /* 1 urban (phường, thị trấn), 0 rural (xã) */
    const char *zone; /* (nullable) coastal | periurban | central */
    const char *province_code; /* (nullable) */
    const char *district_code; /* (nullable) */
    const char *valid_from;    /* ISO date, inclusive */
    const char *valid_to;      /* (nullable) ISO date, inclusive */
} povatlas_unit;

/** povatlas_workspace_put_unit: inserts or replaces the unit (code,
 * valid_from), keeping its geometry. */
POVATLAS_API povatlas_status povatlas_workspace_put_unit(
    povatlas_workspace *ws, const povatlas_unit *unit, povatlas_error **err);

/**
 * povatlas_workspace_set_unit_geometry:
 * @valid_on: (nullable): ISO date: only the period of @code in force that
 *   day gets the geometry; NULL: every period of @code
 * @wkb: Polygon or MultiPolygon in EPSG:4326, stored as MultiPolygon
 * @n_set: (out) (optional): number of unit periods that got it (0 when no
 *   period matched)
 *
 * A code names different territories over time (22759 was Kinh Dinh, then
 * Phan Rang), so a boundary belongs to one period. The periods' areas are
 * unmeasured afterwards until povatlas_workspace_set_unit_areas() (import
 * boundaries measures each polygon it stores; povatlas_analyze() measures
 * the geometries stored without them).
 */
POVATLAS_API povatlas_status povatlas_workspace_set_unit_geometry(
    povatlas_workspace *ws, const char *code, const char *valid_on,
    const unsigned char *wkb, size_t wkb_size, int *n_set,
    povatlas_error **err);

/**
 * povatlas_workspace_set_unit_areas:
 * @valid_on: (nullable): as for povatlas_workspace_set_unit_geometry()
 *
 * Stores the areas (km²: geodesic on WGS 84, planar in the UTM zone of the
 * centroid) of the geometry the periods of @code got from
 * povatlas_workspace_set_unit_geometry() with the same @valid_on; periods
 * without a geometry are left alone.
 */
POVATLAS_API povatlas_status povatlas_workspace_set_unit_areas(
    povatlas_workspace *ws, const char *code, const char *valid_on,
    double geodesic_km2, double utm_km2, povatlas_error **err);

/* The stored areas of one unit period with a geometry. */
typedef struct povatlas_unit_area {
    char *code, *valid_from;
    double geodesic_km2, utm_km2; /* NAN both: not measured yet */
} povatlas_unit_area;

typedef struct povatlas_unit_area_list {
    size_t n;
    povatlas_unit_area *rows;
} povatlas_unit_area_list;

/**
 * povatlas_workspace_unit_areas:
 *
 * Returns: (transfer full) (nullable): the areas of every unit period that
 *   has a geometry, ordered by code and valid_from, without reading the
 *   geometries; free with povatlas_unit_area_list_free().
 */
POVATLAS_API povatlas_unit_area_list *
povatlas_workspace_unit_areas(povatlas_workspace *ws, povatlas_error **err);
POVATLAS_API void povatlas_unit_area_list_free(povatlas_unit_area_list *list);

/* One link of the crosswalk between unit periods (docs/domain-rules.md §6.3):
 * the old period's households go to the new one in @share (1 = all). */
typedef struct povatlas_crosswalk {
    const char *old_code, *old_valid_from;
    const char *new_code, *new_valid_from;
    double share;         /* NAN when not published */
    const char *valid_on; /* the day the change took effect */
    const char *note;     /* (nullable) legal basis */
} povatlas_crosswalk;

POVATLAS_API povatlas_status povatlas_workspace_put_crosswalk(
    povatlas_workspace *ws, const povatlas_crosswalk *link,
    povatlas_error **err);

/**
 * povatlas_workspace_successor:
 * @code: a unit code
 * @new_code: (out) (transfer full) (nullable): the unit its territory went
 *   to (g_free), NULL when the crosswalk does not say
 * @valid_on: (out) (transfer full) (nullable): the day it did (g_free)
 *
 * Where unit @code went: the first change after @after, an ISO date.
 */
POVATLAS_API povatlas_status povatlas_workspace_successor(
    povatlas_workspace *ws, const char *code, const char *after,
    char **new_code, char **valid_on, povatlas_error **err);

/* A unit read back, with its geometry. Owned by the list. */
typedef struct povatlas_unit_row {
    char *code, *name, *full_name, *unit_type, *zone, *valid_from, *valid_to;
    int urban;
    unsigned char *wkb; /* (nullable) MultiPolygon, EPSG:4326 */
    size_t wkb_size;
} povatlas_unit_row;

typedef struct povatlas_unit_list {
    size_t n;
    povatlas_unit_row *rows;
} povatlas_unit_list;

/**
 * povatlas_workspace_units:
 * @year: review year whose units are wanted (a unit counts when its period
 *   covers 31 December of @year, or the review's date), or 0 for all
 *
 * Returns: (transfer full) (nullable): units ordered by code; free with
 *   povatlas_unit_list_free().
 */
POVATLAS_API povatlas_unit_list *
povatlas_workspace_units(povatlas_workspace *ws, int year,
                         povatlas_error **err);
/**
 * povatlas_workspace_unit_attributes:
 *
 * As povatlas_workspace_units() without the geometries (every wkb NULL):
 * for callers that need codes, names and types only, so that they do not
 * read and convert 10,600 polygons (3 M vertices at national scale).
 */
POVATLAS_API povatlas_unit_list *
povatlas_workspace_unit_attributes(povatlas_workspace *ws, int year,
                                   povatlas_error **err);
POVATLAS_API void povatlas_unit_list_free(povatlas_unit_list *list);
/**
 * povatlas_workspace_province_units:
 * @province: a province code as the units' province_code holds it ("58")
 *
 * Returns: (transfer full) (nullable): the codes of the units of @province
 *   in any period, sorted, NULL-terminated (empty when no unit has the
 *   code); NULL with @err set when the workspace cannot be read. Free with
 *   g_strfreev().
 */
POVATLAS_API char **povatlas_workspace_province_units(povatlas_workspace *ws,
                                                      const char *province,
                                                      povatlas_error **err);

/* ------------------------------------------------------- context layers */

/* Map context drawn around the units: sea, neighbouring land, coastline,
 * the outline of the mapped area. */
typedef struct povatlas_context_row {
    char *role;         /* sea | land | coastline | outline */
    char *name;         /* (nullable) label, e.g. "Biển Đông" */
    unsigned char *wkb; /* EPSG:4326 */
    size_t wkb_size;
} povatlas_context_row;

typedef struct povatlas_context_list {
    size_t n;
    povatlas_context_row *rows;
} povatlas_context_list;

/** povatlas_workspace_clear_context: removes every context feature. */
POVATLAS_API povatlas_status
povatlas_workspace_clear_context(povatlas_workspace *ws, povatlas_error **err);
/** povatlas_workspace_put_context: stores one feature; @wkb that is empty
 * or not a geometry SpatiaLite reads is refused with POVATLAS_E_GEOM. */
POVATLAS_API povatlas_status povatlas_workspace_put_context(
    povatlas_workspace *ws, const char *role, const char *name,
    const unsigned char *wkb, size_t wkb_size, povatlas_error **err);
/** Returns: (transfer full) (nullable): free with
 * povatlas_context_list_free(). */
POVATLAS_API povatlas_context_list *
povatlas_workspace_context(povatlas_workspace *ws, povatlas_error **err);
POVATLAS_API void povatlas_context_list_free(povatlas_context_list *list);

/* ------------------------------------------------------------- ward_stats */

typedef struct povatlas_ward_stat {
    const char *unit_code;
    int year;
    int64_t households; /* total resident households: the rate denominator */
    int64_t population; /* -1 when unknown */
    const char *source; /* (nullable) */
} povatlas_ward_stat;

POVATLAS_API povatlas_status povatlas_workspace_put_ward_stat(
    povatlas_workspace *ws, const povatlas_ward_stat *stat,
    povatlas_error **err);

/* ----------------------------------------------------------- households */

/* Status codes stored for recorded and computed classes. */
typedef enum povatlas_class {
    POVATLAS_CLASS_UNKNOWN = 0,
    POVATLAS_CLASS_POOR = 1,      /* hộ nghèo */
    POVATLAS_CLASS_NEAR_POOR = 2, /* hộ cận nghèo */
    POVATLAS_CLASS_AVERAGE = 3,   /* hộ có mức sống trung bình */
    POVATLAS_CLASS_NONE = 4       /* above the average band / not listed */
} povatlas_class;

/* One household of one review year. -1 marks an unknown number. */
typedef struct povatlas_household {
    const char *unit_code;
    const char *household_id; /* pseudonymous key, stable across years */
    int year;
    int members;
    int64_t income_per_capita; /* VND per person per month */
    int64_t income_total;      /* VND per household per month */
    int flags;                 /* 12 deprivation flags, bit i = TH(i+1) */
    int n_deprivations;        /* count as recorded (B2) or of flags */
    int64_t b1_score;          /* income-proxy score of Phiếu B1, -1 */
    povatlas_class recorded_status;
    povatlas_class computed_status;
    int standard_id; /* row of the standards table used to classify */
    int ethnic_minority, merit, no_labour; /* 0/1, -1 unknown */
    int64_t import_id;                     /* imports row that brought it, -1 */
    long source_row;                       /* row in that file, -1 */
    /* personal data: kept in household_persons, never exported */
    const char *head_name; /* (nullable) */
    const char *address;   /* (nullable) */
    const char *id_number; /* (nullable) */
} povatlas_household;

/* Inserts households inside the caller's transaction. */
typedef struct povatlas_household_writer povatlas_household_writer;

/** Returns: (transfer full) (nullable): free with
 * povatlas_household_writer_free(). Call inside a transaction. */
POVATLAS_API povatlas_household_writer *
povatlas_household_writer_new(povatlas_workspace *ws, povatlas_error **err);

/**
 * povatlas_household_writer_add:
 *
 * Appends one household. The writer does not check the key (year, unit,
 * household id): importers do, with povatlas_workspace_household_keys().
 * @h's strings are copied. Rows are written in groups of 64 (one INSERT
 * each), and the last group and the unit's counts by
 * povatlas_household_writer_finish().
 */
POVATLAS_API povatlas_status povatlas_household_writer_add(
    povatlas_household_writer *w, const povatlas_household *h,
    povatlas_error **err);
/**
 * povatlas_household_writer_finish:
 *
 * Writes the households added since the last finish that are not written
 * yet, and adds their counts per unit and year to the workspace's counts
 * (what povatlas_workspace_counts() reads). Call before the transaction
 * commits: without it the last rows are not stored and none are counted.
 */
POVATLAS_API povatlas_status povatlas_household_writer_finish(
    povatlas_household_writer *w, povatlas_error **err);
POVATLAS_API void povatlas_household_writer_free(povatlas_household_writer *w);

/* A household whose recorded status is not the class the rule gives. */
typedef void (*povatlas_disagreement_fn)(const povatlas_household *h,
                                         void *user_data);

/**
 * povatlas_workspace_disagreements:
 * Calls @fn for every household of @year whose recorded status differs
 * from the computed class (where either is poor or near-poor), ordered by
 * unit and household id; @h's strings are borrowed for the call.
 * @n: (out) (optional): the number of households
 */
POVATLAS_API povatlas_status povatlas_workspace_disagreements(
    povatlas_workspace *ws, int year, povatlas_disagreement_fn fn,
    void *user_data, int64_t *n, povatlas_error **err);

/* Called for every stored household key of a year. */
typedef void (*povatlas_household_key_fn)(const char *unit_code,
                                          const char *household_id,
                                          void *user_data);

/** povatlas_workspace_household_keys: calls @fn for each household of
 * @year; @fn (nullable): NULL only counts; @n (out) (optional): the number
 * of households. */
POVATLAS_API povatlas_status povatlas_workspace_household_keys(
    povatlas_workspace *ws, int year, povatlas_household_key_fn fn,
    void *user_data, int64_t *n, povatlas_error **err);

/**
 * povatlas_workspace_household_origin:
 * @found: (out): 1 when the household is stored, else 0
 *
 * Where a stored household came from: @import_id and @source_row (out,
 * -1 when not recorded).
 */
POVATLAS_API povatlas_status povatlas_workspace_household_origin(
    povatlas_workspace *ws, int year, const char *unit_code,
    const char *household_id, int64_t *import_id, long *source_row, int *found,
    povatlas_error **err);

/**
 * povatlas_workspace_record_import:
 * Notes an import (kind, file, year or 0, rows) and returns its id in
 * @import_id. Call inside the import's transaction.
 */
POVATLAS_API povatlas_status povatlas_workspace_record_import(
    povatlas_workspace *ws, const char *kind, const char *file, int year,
    int64_t rows, int64_t *import_id, povatlas_error **err);
/** povatlas_workspace_update_import_rows: sets the row count at the end. */
POVATLAS_API povatlas_status
povatlas_workspace_update_import_rows(povatlas_workspace *ws, int64_t import_id,
                                      int64_t rows, povatlas_error **err);

/** povatlas_workspace_delete_households: removes every household (and its
 * personal data and counts) of @year, so that a corrected list can replace
 * it. */
POVATLAS_API povatlas_status povatlas_workspace_delete_households(
    povatlas_workspace *ws, int year, int64_t *n_deleted, povatlas_error **err);

/* ---------------------------------------------------------- B1 cut-offs */

/* Where a Phiếu B1 income-proxy score stands against the lines: a score at
 * or below @line_score means income at or below the poverty line, at or
 * below @band_score the average band (docs/domain-rules.md §3.5). No B1 value
 * is in code: the 2022-2025 scores were not published where they could be read,
 * so users load their province's table. */
typedef struct povatlas_b1_cutoff {
    int year_from, year_to;
    int urban;
    int64_t line_score;
    int64_t band_score; /* -1 when not given */
    const char *source; /* (nullable) */
} povatlas_b1_cutoff;

POVATLAS_API povatlas_status povatlas_workspace_put_b1_cutoff(
    povatlas_workspace *ws, const povatlas_b1_cutoff *c, povatlas_error **err);
/** povatlas_workspace_find_b1_cutoff: sets *@found (out) to 1 and fills
 * @out (source NULL) when a cut-off covers @year and area, else to 0. */
POVATLAS_API povatlas_status povatlas_workspace_find_b1_cutoff(
    povatlas_workspace *ws, int year, int urban, povatlas_b1_cutoff *out,
    int *found, povatlas_error **err);

/* ------------------------------------------------------------ standards */

/* One row of the versioned poverty standard (docs/domain-rules.md §2, §2.6). */
typedef struct povatlas_standard {
    int id;
    int year_from, year_to;    /* review years covered, inclusive */
    int urban;                 /* 1 urban line, 0 rural line */
    int64_t line_vnd;          /* poverty line, income <= line */
    int64_t band_upper_vnd;    /* upper bound of the average band (<=), -1 */
    int min_deprivations_poor; /* 3 */
    int n_indicators;          /* 12 */
    int64_t low_income_worker_vnd; /* Decree 30/2025, -1 when n/a */
    int low_income_from_year;      /* first year it applies, 0 n/a */
    const char *decree;            /* borrowed from the workspace cache */
} povatlas_standard;

/** povatlas_workspace_put_standard: inserts one row (id ignored). */
POVATLAS_API povatlas_status povatlas_workspace_put_standard(
    povatlas_workspace *ws, const povatlas_standard *s, const char *decree,
    povatlas_error **err);

/**
 * povatlas_workspace_find_standard:
 * @out: (out): filled when found; @out->decree is borrowed until @ws closes
 *
 * Returns: POVATLAS_E_INPUT with a message naming the covered years when no
 *   standard covers @year.
 */
POVATLAS_API povatlas_status
povatlas_workspace_find_standard(povatlas_workspace *ws, int year, int urban,
                                 povatlas_standard *out, povatlas_error **err);

/** povatlas_workspace_households_empty: sets *@empty (out) to 1 when no
 * household is stored, else 0. */
POVATLAS_API povatlas_status povatlas_workspace_households_empty(
    povatlas_workspace *ws, int *empty, povatlas_error **err);

/** povatlas_workspace_standards_revision: sets *@revision (out) to a
 * number that changes whenever the standards table changes (households
 * classified with an older one are re-classified by povatlas classify). */
POVATLAS_API povatlas_status povatlas_workspace_standards_revision(
    povatlas_workspace *ws, int64_t *revision, povatlas_error **err);

/* Iterates stored households of @year (0 = all) whose classification is
 * older than the standards; @fn returns the new computed class. */
typedef povatlas_class (*povatlas_household_fn)(const povatlas_household *h,
                                                int urban, void *user_data,
                                                int *standard_id);
POVATLAS_API povatlas_status povatlas_workspace_reclassify(
    povatlas_workspace *ws, int year, povatlas_household_fn fn, void *user_data,
    int64_t *n_changed, povatlas_error **err);

/* ------------------------------------------------------ counts per unit */

/* Counts of one unit and year: the input of every rate. */
typedef struct povatlas_unit_counts {
    char *code;
    int year;
    int urban;
    int64_t households; /* from ward_stats; -1 when missing */
    int64_t population; /* -1 when missing */
    /* the household counts below are -1 (unknown, never 0) when no review
     * list of @year covers the unit (has_list 0); a covered unit without
     * listed households counts 0 */
    int has_list;
    int64_t poor, near_poor;                   /* recognised (recorded) */
    int64_t computed_poor, computed_near_poor; /* the rule's proposal */
    int64_t listed;                            /* rows in the review file */
    int64_t disagree; /* recorded status differs from the rule */
} povatlas_unit_counts;

typedef struct povatlas_counts_list {
    size_t n;
    povatlas_unit_counts *rows;
} povatlas_counts_list;

/** Returns: (transfer full) (nullable): one row per unit with ward_stats or
 * households in @year, ordered by code; free with
 * povatlas_counts_list_free(). */
POVATLAS_API povatlas_counts_list *
povatlas_workspace_counts(povatlas_workspace *ws, int year,
                          povatlas_error **err);
POVATLAS_API void povatlas_counts_list_free(povatlas_counts_list *list);

/**
 * povatlas_workspace_recount:
 * Counts the stored households of @year (0: every year) per unit again,
 * replacing the kept counts: for rows changed other than through the
 * household writer, povatlas_workspace_reclassify() or
 * povatlas_workspace_delete_households(), which keep them. Costs a scan
 * of the household rows.
 */
POVATLAS_API povatlas_status povatlas_workspace_recount(povatlas_workspace *ws,
                                                        int year,
                                                        povatlas_error **err);

/**
 * povatlas_workspace_has_list:
 * @unit_code: (nullable): a unit, or NULL for "any list of the year"
 * @has: (out): 1 when a review list of @year is stored and covers
 *   @unit_code (a list covers every unit in force in its year), else 0
 */
POVATLAS_API povatlas_status povatlas_workspace_has_list(povatlas_workspace *ws,
                                                         int year,
                                                         const char *unit_code,
                                                         int *has,
                                                         povatlas_error **err);

/** povatlas_workspace_years: review years with households or stats, in
 * ascending order. Returns: (transfer full): 0-terminated array (g_free). */
POVATLAS_API int *povatlas_workspace_years(povatlas_workspace *ws,
                                           povatlas_error **err);

/** povatlas_workspace_set_unit_zone: sets the zone of every period of
 * unit @code (NULL @zone clears it; zone names: povatlas_zone_name()). */
POVATLAS_API povatlas_status
povatlas_workspace_set_unit_zone(povatlas_workspace *ws, const char *code,
                                 const char *zone, povatlas_error **err);

/**
 * povatlas_workspace_latest_year:
 * @year: (out): the latest review year with households or stats, 0 when
 *   the workspace holds none
 *
 * The one answer to "which year by default": every command and job that
 * defaults to the latest year asks here.
 */
POVATLAS_API povatlas_status povatlas_workspace_latest_year(
    povatlas_workspace *ws, int *year, povatlas_error **err);

/* The inputs a year can hold, for povatlas_workspace_inputs() and
 * povatlas_workspace_require(). */
typedef enum povatlas_input {
    POVATLAS_INPUT_UNITS = 1u << 0,       /* units in force in the year */
    POVATLAS_INPUT_BOUNDARIES = 1u << 1,  /* ... with a boundary */
    POVATLAS_INPUT_WARD_TOTALS = 1u << 2, /* ward_stats of the year */
    POVATLAS_INPUT_LIST = 1u << 3,        /* the year's review list */
    POVATLAS_INPUT_TARGETS = 1u << 4,     /* plan targets of the year */
    POVATLAS_INPUT_ACTIVITIES = 1u << 5   /* programme activities */
} povatlas_input;

/** povatlas_workspace_inputs: sets *@held to the povatlas_input bits the
 * workspace holds for @year. */
POVATLAS_API povatlas_status povatlas_workspace_inputs(povatlas_workspace *ws,
                                                       int year, unsigned *held,
                                                       povatlas_error **err);

/** povatlas_workspace_require: POVATLAS_OK when the workspace holds every
 * input of @needs (povatlas_input bits) for @year; otherwise
 * POVATLAS_E_INPUT with an error naming the first one missing ("no review
 * list for 2022", "no boundaries for 2023"). @year <= 0 (no review year
 * found) is refused as such, never printed as year 0. */
POVATLAS_API povatlas_status povatlas_workspace_require(povatlas_workspace *ws,
                                                        int year,
                                                        unsigned needs,
                                                        povatlas_error **err);

/* ----------------------------------------------------------- indicators */

/* The scope code of city-wide aggregates in the indicators table. */
#define POVATLAS_SCOPE_ALL "*"

/** povatlas_workspace_put_indicator: @defined 0 stores NULL (undefined,
 * e.g. a rate over zero households). Replaces an existing value. */
POVATLAS_API povatlas_status povatlas_workspace_put_indicator(
    povatlas_workspace *ws, const char *unit_code, int year, const char *name,
    double value, int defined, povatlas_error **err);

/**
 * povatlas_workspace_get_indicator:
 * @value: (out): the value when stored and defined, else NAN
 * @found: (out) (optional): 1 when stored and defined, else 0
 *
 * A failed read is an error, never "not stored".
 */
POVATLAS_API povatlas_status povatlas_workspace_get_indicator(
    povatlas_workspace *ws, const char *unit_code, int year, const char *name,
    double *value, int *found, povatlas_error **err);

/* Called for every stored indicator (defined or not). */
typedef void (*povatlas_indicator_fn)(const char *unit_code, int year,
                                      const char *name, double value,
                                      int defined, void *user_data);

/** povatlas_workspace_indicators_each: calls @fn for every indicator,
 * ordered by unit, year and name; @fn (nullable): NULL only counts;
 * @n (out) (optional): the count. */
POVATLAS_API povatlas_status povatlas_workspace_indicators_each(
    povatlas_workspace *ws, povatlas_indicator_fn fn, void *user_data,
    int64_t *n, povatlas_error **err);

/** povatlas_workspace_clear_indicator_names: drops the indicators named
 * in @names (@n of them), all years, before the command that writes them
 * recomputes them; other commands' indicators stay. */
POVATLAS_API povatlas_status povatlas_workspace_clear_indicator_names(
    povatlas_workspace *ws, const char *const *names, size_t n,
    povatlas_error **err);

/** povatlas_workspace_clear_indicators: drops every indicator of @year
 * (0 = all) before they are recomputed. */
POVATLAS_API povatlas_status povatlas_workspace_clear_indicators(
    povatlas_workspace *ws, int year, povatlas_error **err);

/* Units of a year with chosen indicators, for maps and exports. */
typedef struct povatlas_indicator_table {
    povatlas_unit_list *units; /* owned */
    size_t n_names;
    char **names;           /* owned, n_names */
    double *values;         /* owned, units->n * n_names, row-major */
    unsigned char *defined; /* owned, same shape: 0 = NULL / missing */
} povatlas_indicator_table;

/**
 * povatlas_workspace_indicator_table:
 * @year: review year (units valid in that year)
 * @names: indicator names, @n_names of them
 *
 * Returns: (transfer full) (nullable): free with
 *   povatlas_indicator_table_free().
 */
POVATLAS_API povatlas_indicator_table *
povatlas_workspace_indicator_table(povatlas_workspace *ws, int year,
                                   const char *const *names, size_t n_names,
                                   povatlas_error **err);
/**
 * povatlas_workspace_indicator_values:
 *
 * As povatlas_workspace_indicator_table() with the units' geometries left
 * out (every wkb NULL): the values alone, without reading the polygons.
 */
POVATLAS_API povatlas_indicator_table *
povatlas_workspace_indicator_values(povatlas_workspace *ws, int year,
                                    const char *const *names, size_t n_names,
                                    povatlas_error **err);
POVATLAS_API void
povatlas_indicator_table_free(povatlas_indicator_table *table);

/* ---------------------------------------------------------------- targets */

typedef struct povatlas_target {
    const char *scope; /* POVATLAS_SCOPE_ALL or a unit code */
    int year;
    const char *name; /* poor_rate, poor_change, near_poor_rate, ... */
    double baseline;  /* NAN when none */
    double target;
    const char *unit; /* percent | households | houses */
    const char *source;
} povatlas_target;

POVATLAS_API povatlas_status povatlas_workspace_put_target(
    povatlas_workspace *ws, const povatlas_target *t, povatlas_error **err);

typedef struct povatlas_target_row {
    char *scope, *name, *unit, *source;
    int year;
    double baseline, target; /* NAN when none */
} povatlas_target_row;

typedef struct povatlas_target_list {
    size_t n;
    povatlas_target_row *rows;
} povatlas_target_list;

POVATLAS_API povatlas_target_list *
povatlas_workspace_targets(povatlas_workspace *ws, int year,
                           povatlas_error **err);
POVATLAS_API void povatlas_target_list_free(povatlas_target_list *list);

/* ---------------------------------------------------- offices (issue 12) */

/**
 * povatlas_workspace_add_office:
 * @name: the office's database role (lower-case letters, digits and '_')
 * @units: the codes of the units the office writes, @n_units (>= 1) of
 *   them, each a unit of the workspace
 * @created: (out) (optional): 1 when the role was created, 0 when it
 *   existed already
 *
 * PostgreSQL workspaces only; run by the workspace's owner. Makes role
 * @name an office of the workspace: it may insert, update and delete rows
 * of its own units only (row-level security on every table with a unit
 * code; a row of another unit is refused with an error naming the office,
 * the unit and the table, and the statement changes nothing), reads every
 * unit's aggregates, and reads personal data (household_persons) of its
 * own units only. Its lists record themselves as covering its units. A new
 * role can log in but has no password: set one with psql's \password
 * (never on a command line). Run again, the office's units become @units.
 * A role that is a superuser, bypasses row-level security or owns the
 * workspace is refused (POVATLAS_E_USAGE), as is a SQLite workspace; a
 * code that is no unit of the workspace is POVATLAS_E_INPUT. All or
 * nothing: on failure the database is as it was.
 */
POVATLAS_API povatlas_status povatlas_workspace_add_office(
    povatlas_workspace *ws, const char *name, const char *const *units,
    size_t n_units, int *created, povatlas_error **err);

/**
 * povatlas_workspace_office_refusal:
 * @unit_code: (nullable): a unit code
 *
 * Whether @ws's connection may write rows of unit @unit_code: always for
 * a file and for a role that is no office; for an office, when the unit
 * is one of its own. An importer asks before writing a row, so that its
 * refusal names the file and row (the database refuses the row anyway).
 * Reads nothing from the database (the office's units are read when @ws
 * is opened): safe from any thread while @ws is open.
 *
 * Returns: (transfer full) (nullable): NULL when allowed; else why not,
 *   "office NAME may not write unit CODE: its units are A, B"; free with
 *   free()
 */
POVATLAS_API char *
povatlas_workspace_office_refusal(const povatlas_workspace *ws,
                                  const char *unit_code);

/* ------------------------------------------ the ward layer in QGIS */

/**
 * povatlas_workspace_publish_wards:
 * @year: the review year of the layer
 * @indicators: the indicator columns, @n of them (lower-case names),
 *   each the stored value of the unit in @year (NULL where not stored)
 * @integer: (array length=n): 1 where the column is a whole number
 * @qml: (nullable): the layer's QGIS style (QML); NULL: no style
 * @sld: (nullable): the same as OGC SLD
 * @description: (nullable): the style's description
 *
 * PostgreSQL workspaces only (else POVATLAS_E_USAGE). (Re)creates the view
 * `wards` in the workspace's schema: code, name, full_name, unit_type,
 * urban, zone, year, the indicators and the geometry `geom`, registered
 * with PostGIS as MultiPolygon in EPSG:4326, one row per unit in force on
 * 31 December of @year; offices may read it. With @qml and @sld, writes
 * them to public.layer_styles (created as QGIS creates it when missing)
 * as the view's default style "povatlas", replacing the one written
 * before, so that QGIS opens the layer styled. One transaction.
 */
POVATLAS_API povatlas_status povatlas_workspace_publish_wards(
    povatlas_workspace *ws, int year, const char *const *indicators,
    const int *integer, size_t n, const char *qml, const char *sld,
    const char *description, povatlas_error **err);

/* ------------------------------------------- transitions (issue 4) */

/* Why a household left the review list (docs/domain-rules.md §3.6): a list
 * holds only listed households, so the reason is recorded apart, in
 * household_exits. */
typedef enum povatlas_exit_reason {
    POVATLAS_EXIT_NONE = 0,       /* no exit recorded */
    POVATLAS_EXIT_ABOVE_LINE = 1, /* vượt chuẩn / thoát nghèo */
    POVATLAS_EXIT_DEATH = 2,      /* chết (household dissolved) */
    POVATLAS_EXIT_MOVED = 3,      /* chuyển đi */
    POVATLAS_EXIT_SPLIT_MERGE = 4 /* tách / nhập hộ */
} povatlas_exit_reason;

/* One exit: the household was on the list before @year and is not on the
 * list of review year @year. Borrowed strings. */
typedef struct povatlas_household_exit {
    const char *unit_code;
    const char *household_id;
    int year;
    povatlas_exit_reason reason;
    int64_t import_id; /* imports row that brought it, -1 */
    long source_row;   /* row in that file, -1 */
} povatlas_household_exit;

/** povatlas_workspace_put_exit: stores one exit inside the caller's
 * transaction (creating the table on first use). A second exit for the same
 * (year, unit, household) fails: importers check with
 * povatlas_workspace_exit_reason() first. */
POVATLAS_API povatlas_status povatlas_workspace_put_exit(
    povatlas_workspace *ws, const povatlas_household_exit *e,
    povatlas_error **err);

/** povatlas_workspace_delete_exits: removes the exits of @year (before a
 * corrected file replaces them); @n_deleted (out) (optional). */
POVATLAS_API povatlas_status povatlas_workspace_delete_exits(
    povatlas_workspace *ws, int year, int64_t *n_deleted, povatlas_error **err);

/** povatlas_workspace_exit_reason: sets *@reason (out) to the reason
 * stored for the household in @year, POVATLAS_EXIT_NONE when none. */
POVATLAS_API povatlas_status povatlas_workspace_exit_reason(
    povatlas_workspace *ws, int year, const char *unit_code,
    const char *household_id, povatlas_exit_reason *reason,
    povatlas_error **err);

/* Called once per exit; strings are borrowed for the call only. */
typedef void (*povatlas_exit_fn)(const char *unit_code,
                                 const char *household_id, int year,
                                 povatlas_exit_reason reason, void *user_data);

/** povatlas_workspace_exits: calls @fn for every exit of the years
 * @year_from .. @year_to (inclusive), ordered by year. No exits table is
 * no exits. */
POVATLAS_API povatlas_status povatlas_workspace_exits(
    povatlas_workspace *ws, int year_from, int year_to, povatlas_exit_fn fn,
    void *user_data, povatlas_error **err);

/* Called once per stored household record; strings borrowed for the call. */
typedef void (*povatlas_status_fn)(const char *unit_code,
                                   const char *household_id, int year,
                                   povatlas_class recorded_status,
                                   void *user_data);

/**
 * povatlas_workspace_status_history:
 *
 * Calls @fn for every household record of the years up to @year_to,
 * ordered by unit code, household id, then year, so that the records of
 * one household arrive together (one scan and one sort, no index).
 */
POVATLAS_API povatlas_status povatlas_workspace_status_history(
    povatlas_workspace *ws, int year_to, povatlas_status_fn fn, void *user_data,
    povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
