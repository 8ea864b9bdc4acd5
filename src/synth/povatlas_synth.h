/*
 * povatlas_synth.h - the embedded synthetic demo dataset: schematic ward
 * boundaries of Phan Rang–Tháp Chàm, ward totals, and the 2022/2023 review
 * lists of poor and near-poor households, all generated from
 * geodata/units.csv and a seed, byte-identical on every run. Also a fast
 * big-file generator for benchmarks (the format of shared/bench/gen.py).
 *
 * Nothing here is real data: boundaries are a power diagram of the ward
 * centroids, households are drawn from a seeded generator and carry
 * placeholder names ("Chủ hộ giả định 22738-0042").
 *
 * Not part of libpovatlas: this is libpovatlas_synth (src/synth), a static
 * library of its own that the CLI's `synth` and `schematic` commands, the
 * tests and the benchmarks link; it is neither installed nor in the public
 * headers.
 */
#ifndef POVATLAS_SYNTH_PUBLIC_H
#define POVATLAS_SYNTH_PUBLIC_H

#include <stdint.h>

#include "povatlas/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options of povatlas_synth_write(); set defaults with
 * povatlas_synth_opts_init(). Strings are borrowed for the call. */
typedef struct povatlas_synth_opts {
    uint32_t seed; /* default 1 */
    const char
        *units_path;     /* (nullable) NULL: povatlas_data_path("units.csv") */
    const char *out_dir; /* (nullable) NULL: the current folder */
} povatlas_synth_opts;

/** povatlas_synth_opts_init: fills @opts with the defaults (allocates
 * nothing). */
POVATLAS_API void povatlas_synth_opts_init(povatlas_synth_opts *opts);

/**
 * povatlas_synth_write:
 * @opts: options, borrowed
 * @err: (out) (optional): set on failure
 *
 * Writes ward_stats.csv, households_2022.csv and households_2023.csv into
 * @opts->out_dir (created when missing), each under a temporary name renamed
 * when complete. Calibration (city, seed 1): 2022 47,400 households, 615
 * poor (1.30 %), 1,475 near-poor (3.11 %); 2023 47,690 households, 558
 * poor (1.17 %), 1,373 near-poor (2.88 %); coastal and peri-urban wards
 * above central ones. Every row satisfies docs/domain-rules.md §2.3.
 */
POVATLAS_API povatlas_status
povatlas_synth_write(const povatlas_synth_opts *opts, povatlas_error **err);

/* Options of povatlas_synth_bench_write(). */
typedef struct povatlas_synth_bench_opts {
    uint64_t rows;        /* data rows, default 1,000,000 */
    uint32_t communes;    /* synthetic communes, default 10,600 */
    uint32_t seed;        /* default 2 */
    const char *out_path; /* (transfer none) the CSV to write; required */
} povatlas_synth_bench_opts;

POVATLAS_API void povatlas_synth_bench_opts_init(povatlas_synth_bench_opts *o);

/**
 * povatlas_synth_bench_write:
 * @progress: (nullable): called about every 5 % of rows; returning 0
 *   cancels (POVATLAS_E_USAGE, nothing written)
 *
 * Writes `household_id,commune_code,members,income_per_capita,d01..d12,
 * recorded_status` rows (recorded_status poor|near_poor|not_poor, 5 % of
 * them deliberately disagreeing with the rule, as in gen.py). Commune codes
 * are 5-digit, increasing with random gaps; even codes are urban (line
 * 2,000,000), odd rural (1,500,000). Depends only on (rows, communes, seed).
 */
POVATLAS_API povatlas_status povatlas_synth_bench_write(
    const povatlas_synth_bench_opts *opts, povatlas_progress_fn progress,
    void *user_data, povatlas_error **err);

/* Options of povatlas_schematic_write(). */
typedef struct povatlas_schematic_opts {
    const char
        *units_path;     /* (nullable) NULL: povatlas_data_path("units.csv") */
    const char *out_dir; /* (nullable) NULL: the current folder */
    int iterations;      /* area-fitting rounds, default 400; 0 = plain
                            Voronoi of the centroids */
} povatlas_schematic_opts;

POVATLAS_API void povatlas_schematic_opts_init(povatlas_schematic_opts *opts);

/**
 * povatlas_schematic_write:
 * @opts: options, borrowed
 * @err: (out) (optional): set on failure
 *
 * Writes wards_schematic.geojson (16 Polygons, EPSG:4326, properties code,
 * name, full_name, unit_type, urban, zone) and context.geojson (role = sea,
 * land, coastline or outline; name) into @opts->out_dir. Cells are a power
 * diagram of the unit centroids (computed in UTM 49N) clipped to a smoothed
 * outline cut by a schematic coastline, with weights fitted so that cell
 * areas approach area_km2_reference; each centroid stays inside its cell.
 * Coordinates are rounded to 6 decimals; output is byte-identical per run.
 */
POVATLAS_API povatlas_status povatlas_schematic_write(
    const povatlas_schematic_opts *opts, povatlas_error **err);

#ifdef __cplusplus
}
#endif
#endif
