/*
 * synth_private.h - what the files of src/synth/ share: the unit table read
 * from units.csv, a small deterministic PRNG, output helpers. Not visible to
 * other jobs.
 */
#ifndef POVATLAS_SYNTH_PRIVATE_H
#define POVATLAS_SYNTH_PRIVATE_H

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "core/rng.h"
#include "povatlas_synth.h"

/* One administrative unit as listed in units.csv. Strings are owned. */
typedef struct synth_unit {
    char *code;      /* "22738" */
    char *name;      /* "Đô Vinh" */
    char *full_name; /* "Phường Đô Vinh" */
    char *unit_type; /* "phuong" | "xa" */
    int urban;       /* 1 phường, 0 xã */
    char *zone;      /* "central" | "coastal" | "periurban" */
    double lon, lat; /* centroid, EPSG:4326 */
    double area_km2; /* area_km2_reference */
    int64_t population_2019;
    int64_t households_2019;
} synth_unit;

typedef struct synth_units {
    synth_unit *v;
    size_t n;
} synth_units;

/* Reads @path (header names as in geodata/units.csv, any column order).
 * Fills @out; free with povatlas_synth_units_clear(). */
povatlas_status povatlas_synth_units_read(const char *path, synth_units *out,
                                          povatlas_error **err);
void povatlas_synth_units_clear(synth_units *units);

/* Index of the unit named @name (the short name), or -1. */
int povatlas_synth_units_find(const synth_units *units, const char *name);

/*
 * The project's generator (core/rng.h) with one stream per @stream tag:
 * fixed algorithm, so the data do not depend on the GLib version, and fast
 * enough for the bench writer.
 */
typedef povatlas_rng synth_rng;

void povatlas_synth_rng_init(synth_rng *r, uint64_t seed, uint64_t stream);
/* Uniform in [0, n), n > 0, unbiased (povatlas_rng_below_). */
uint32_t povatlas_synth_rng_below(synth_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double povatlas_synth_rng_double(synth_rng *r);
/* Standard normal (Box–Muller, one value per call). */
double povatlas_synth_rng_normal(synth_rng *r);
/* Index drawn from @weights (n > 0, sum > 0). */
size_t povatlas_synth_rng_pick(synth_rng *r, const double *weights, size_t n);
/* Fisher–Yates shuffle of @n size_t values. */
void povatlas_synth_rng_shuffle(synth_rng *r, size_t *v, size_t n);

/*
 * Splits @total into @n integer parts proportional to @weights (largest
 * remainder, ties to the lower index), so that the parts sum to @total.
 */
void povatlas_synth_apportion(int64_t total, const double *weights, size_t n,
                              int64_t *out);

/* Appends @field to @line, quoted as RFC 4180 requires (only when it holds
 * a comma, a quote or a line break). */
void povatlas_synth_csv_field(GString *line, const char *field);

/* Writes the rows of a file (@data passed on); POVATLAS_E_USAGE means
 * cancelled. */
typedef povatlas_status (*synth_rows_fn)(FILE *fp, void *data);

/* Writes @path through a temporary file renamed into place when @rows
 * succeeds; on any failure nothing is left ("cannot open", "write failed"
 * or "cancelled", naming @path). */
povatlas_status povatlas_synth_write_file(const char *path, synth_rows_fn rows,
                                          void *data, povatlas_error **err);

/* What every generator starts from: the output folder @out_dir (NULL: the
 * current one) made, in *@dir (transfer full, g_free), and the units of
 * @units_path (NULL: the data folder's units.csv) read into @units
 * (povatlas_synth_units_clear()). Nothing to free on failure. */
povatlas_status povatlas_synth_start(const char *units_path,
                                     const char *out_dir, char **dir,
                                     synth_units *units, povatlas_error **err);

/* Household status on a review list (docs/domain-rules.md §2.3). */
enum { SYNTH_POOR = 0, SYNTH_NEAR_POOR = 1 };
#define SYNTH_N_FLAGS 12
#define SYNTH_YEAR0 2022
#define SYNTH_N_YEARS 2

/* One listed household in one review year. */
typedef struct synth_hh {
    uint32_t unit;  /* index into the unit table */
    uint32_t seq;   /* household number within the unit, stable */
    int members;    /* 1..9 */
    int64_t income; /* VND per person per month, <= the unit's line */
    uint16_t flags; /* bit k = indicator TH(k+1) deprived */
    int status;     /* SYNTH_POOR | SYNTH_NEAR_POOR */
    int minority, merit, no_labour;
} synth_hh;

/* The generated review lists and unit totals of the years 2022, 2023. */
typedef struct synth_dataset {
    GArray *hh[SYNTH_N_YEARS];          /* synth_hh, sorted by unit, seq */
    int64_t *households[SYNTH_N_YEARS]; /* per unit (owned) */
    int64_t *population[SYNTH_N_YEARS]; /* per unit (owned) */
    size_t n_units;
} synth_dataset;

/* Poverty line of the unit, docs/domain-rules.md §2.1 / §2.4. */
int64_t povatlas_synth_line(const synth_unit *u);
int povatlas_synth_flag_count(uint16_t flags);

/* Builds the whole dataset from @units and @seed (cannot fail). */
void povatlas_synth_dataset_build(const synth_units *units, uint32_t seed,
                                  synth_dataset *out);
void povatlas_synth_dataset_clear(synth_dataset *ds);

/* What the rows of a dataset file are written from (the @data of the
 * synth_rows_fn of lists.c, exits.c and stats.c). */
typedef struct synth_job {
    const synth_units *units;
    const synth_dataset *ds;
    int y;         /* year index of a review list */
    uint32_t seed; /* the stream of the exit reasons */
} synth_job;

/* Starts @line as a household row of lists and exits begin: "STT,household
 * id,unit code,unit name" (CSV-quoted where needed), no separator after.
 * Returns: (transfer full): the household id (g_free). */
char *povatlas_synth_hh_row_start(GString *line, const synth_units *units,
                                  const synth_hh *h, size_t stt);

/* Writers (one file each, temp name then rename). */
povatlas_status povatlas_synth_write_list(const synth_units *units,
                                          const synth_dataset *ds, int y,
                                          const char *path,
                                          povatlas_error **err);
/* exits_2023.csv: a reason for each 2022 household absent in 2023
 * (exits.c), drawn from its own stream of @seed. */
povatlas_status povatlas_synth_write_exits(const synth_units *units,
                                           const synth_dataset *ds,
                                           uint32_t seed, const char *path,
                                           povatlas_error **err);
povatlas_status povatlas_synth_write_stats(const synth_units *units,
                                           const synth_dataset *ds,
                                           const char *path,
                                           povatlas_error **err);

#endif
