/*
 * ingest.h - bringing files into the workspace (ingest job): review lists of
 * households, ward statistics, boundaries, unit lists, standards and
 * targets. Any source GDAL reads (CSV, XLSX, ODS, GeoJSON, Shapefile, GPKG);
 * large CSV files go through a streaming CSV parser (libcsv).
 *
 * Every import is one transaction: it lands whole or not at all. Each
 * rejected row is added to the caller's report as `FILE:ROW: column NAME:
 * why` (ROW is the row number a spreadsheet shows: the header is row 1), and
 * the function then returns POVATLAS_E_INPUT with nothing stored.
 */
#ifndef POVATLAS_INGEST_H
#define POVATLAS_INGEST_H

#include <stdint.h>

#include "povatlas/error.h"
#include "povatlas/workspace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum povatlas_csv_engine {
    POVATLAS_CSV_AUTO = 0, /* GDAL, libcsv for CSV files over 16 MiB */
    POVATLAS_CSV_GDAL,     /* always GDAL's CSV driver */
    POVATLAS_CSV_FAST      /* always libcsv for .csv/.txt files */
} povatlas_csv_engine;

/* Which sheets of a workbook (XLSX, ODS) with several sheets are read when
 * no sheet is named (docs/formats.md). */
typedef enum povatlas_sheets {
    POVATLAS_SHEETS_MATCHING = 0, /* every sheet whose headers match; the
                                     others are listed as skipped */
    POVATLAS_SHEETS_ALL           /* every sheet; one whose headers do not
                                     match refuses the file */
} povatlas_sheets;

typedef struct povatlas_import_opts {
    int year;               /* review year; 0 = from the file's column */
    int replace;            /* replace rows of the same year(s) */
    const char *layer;      /* (nullable) layer / sheet name: read only
                               that one */
    povatlas_sheets sheets; /* workbook sheets read when @layer is NULL */
    povatlas_csv_engine csv_engine;
    int max_errors;      /* stop reporting rows after this many (100) */
    const char *mapping; /* (nullable) key file: [columns] "header as
                            written = povatlas field" for headers povatlas
                            does not know (docs/formats.md) */
    int synthetic; /* the data is synthetic: every map and export says so */
    int schematic; /* boundaries are schematic, not official (maps say so) */
    const char *code_field; /* (nullable) boundaries: attribute holding the
                               unit code, instead of the usual names */
    const char *name_field; /* (nullable) boundaries: attribute holding the
                               unit name, matched like a review list's */
    povatlas_progress_fn progress; /* (nullable) */
    void *progress_data;
} povatlas_import_opts;

/** povatlas_import_opts_init: defaults; allocates nothing. */
POVATLAS_API void povatlas_import_opts_init(povatlas_import_opts *opts);

typedef struct povatlas_import_result {
    int64_t rows_read;     /* data rows seen */
    int64_t rows_imported; /* rows stored (0 when rejected) */
    int64_t rows_rejected;
    int64_t rows_skipped; /* rows holding no data (blank rows, the form's
                             column numbers, totals, group headings,
                             footers), each listed in the report */
    int sheets_read;      /* sheets (or layers) imported: 1 but for a
                             workbook read sheet by sheet */
    int sheets_skipped;   /* sheets whose headers did not match, each
                             listed in the report */
} povatlas_import_result;

/**
 * povatlas_import_households:
 * @report: (nullable): receives one error per rejected row and warnings
 * @result: (out) (optional)
 *
 * Imports a review list (columns matched by Vietnamese or English header,
 * docs/formats.md), classifies every row with the standard of its year and
 * its unit's area type, stores personal data apart. The year comes from a
 * "Năm rà soát"/year column or from @opts->year.
 */
POVATLAS_API povatlas_status povatlas_import_households(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_ward_stats: unit_code, year, households[, population,
 * source]. */
POVATLAS_API povatlas_status povatlas_import_ward_stats(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_units: the unit list (code, name, unit_type, urban,
 * valid_from ...), as geodata/units.csv. */
POVATLAS_API povatlas_status
povatlas_import_units(povatlas_workspace *ws, const char *path,
                      const povatlas_import_opts *opts, povatlas_report *report,
                      povatlas_import_result *result, povatlas_error **err);

/**
 * povatlas_import_boundaries:
 *
 * Polygons with a `code` attribute (or `ma`, `commune_code`, `unit_code`),
 * in any CRS GDAL knows (transformed to EPSG:4326). A feature whose code is
 * not a stored unit becomes a new unit when it carries `name` and
 * `unit_type`/`urban`, and is rejected otherwise. Invalid polygons are
 * repaired with GEOS MakeValid and reported as warnings.
 */
POVATLAS_API povatlas_status povatlas_import_boundaries(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_crosswalk: links between unit periods (old_code,
 * old_valid_from, new_code, new_valid_from, share, valid_on, note), as
 * geodata/crosswalk.csv. */
POVATLAS_API povatlas_status povatlas_import_crosswalk(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_context: map context layers (features with `role` =
 * sea | land | coastline | outline and `name`), replacing stored ones. */
POVATLAS_API povatlas_status povatlas_import_context(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_b1_cutoffs: B1 score cut-offs (year_from, year_to,
 * area urban|rural, line_score, band_score, source), so that review lists
 * carrying a Phiếu B1 score instead of an income can be classified. */
POVATLAS_API povatlas_status povatlas_import_b1_cutoffs(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_standards: rows of geodata/standards.csv. */
POVATLAS_API povatlas_status povatlas_import_standards(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/** povatlas_import_targets: rows of geodata/targets.csv. */
POVATLAS_API povatlas_status povatlas_import_targets(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/**
 * povatlas_import_exits:
 *
 * Why households left the review list (docs/domain-rules.md §3.6): "Mã hộ", "Mã
 * đơn vị", "Năm rà soát" (or @opts->year) and "Lý do" = vượt chuẩn / thoát
 * nghèo (above the line) | chết (death) | chuyển đi (moved) | tách/nhập hộ
 * (split/merge). The year is the first review whose list no longer has the
 * household; it must not be on that list, and must be on the previous one when
 * that list is stored. @opts->replace replaces the stored exits of the file's
 * years.
 */
POVATLAS_API povatlas_status
povatlas_import_exits(povatlas_workspace *ws, const char *path,
                      const povatlas_import_opts *opts, povatlas_report *report,
                      povatlas_import_result *result, povatlas_error **err);

/**
 * povatlas_import_programs:
 *
 * Columns code, name_vi, name_en, kind (project | policy), agency,
 * target_rule (poor | near_poor | poor_near_poor | none), source. A code
 * already stored is replaced. Same rules as every import (above); the
 * records are programs.h's.
 */
POVATLAS_API povatlas_status povatlas_import_programs(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

/**
 * povatlas_import_activities:
 *
 * Columns program, unit_code, year, households_reached, poor_reached,
 * near_poor_reached, budget_vnd, agency. An unknown program or ward, or
 * more poor + near-poor than households reached, rejects the row as
 * FILE:ROW: column NAME: why, and nothing is imported.
 */
POVATLAS_API povatlas_status povatlas_import_activities(
    povatlas_workspace *ws, const char *path, const povatlas_import_opts *opts,
    povatlas_report *report, povatlas_import_result *result,
    povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
