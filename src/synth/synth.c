/*
 * synth.c - povatlas_synth_write(): reads the unit table, builds the
 * synthetic dataset and writes its CSV files (ward totals, two review
 * lists, the exits between them).
 */
#include "povatlas/core.h"
#include "synth/synth_private.h"

void povatlas_synth_opts_init(povatlas_synth_opts *opts)
{
    opts->seed = 1;
    opts->units_path = NULL;
    opts->out_dir = NULL;
}

/* activities.c: the synthetic activity records of the demo (issue 5). */
povatlas_status povatlas_synth_write_activities(const synth_units *units,
                                                const synth_dataset *ds,
                                                const char *path,
                                                povatlas_error **err);

static povatlas_status write_all(const synth_units *units,
                                 const synth_dataset *ds, const char *dir,
                                 povatlas_error **err)
{
    g_autofree char *stats = g_build_filename(dir, "ward_stats.csv", NULL);
    povatlas_status st = povatlas_synth_write_stats(units, ds, stats, err);
    for (int y = 0; !st && y < SYNTH_N_YEARS; y++) {
        g_autofree char *name =
            g_strdup_printf("households_%d.csv", SYNTH_YEAR0 + y);
        g_autofree char *path = g_build_filename(dir, name, NULL);
        st = povatlas_synth_write_list(units, ds, y, path, err);
    }
    g_autofree char *acts = g_build_filename(dir, "activities_2023.csv", NULL);
    if (!st)
        st = povatlas_synth_write_activities(units, ds, acts, err);
    return st;
}

povatlas_status povatlas_synth_write(const povatlas_synth_opts *opts,
                                     povatlas_error **err)
{
    g_autofree char *dir = NULL;
    synth_units units;
    povatlas_status st = povatlas_synth_start(opts->units_path, opts->out_dir,
                                              &dir, &units, err);
    if (st)
        return st;
    synth_dataset ds;
    povatlas_synth_dataset_build(&units, opts->seed, &ds);
    st = write_all(&units, &ds, dir, err);
    g_autofree char *exits = g_build_filename(dir, "exits_2023.csv", NULL);
    if (!st)
        st = povatlas_synth_write_exits(&units, &ds, opts->seed, exits, err);
    povatlas_synth_dataset_clear(&ds);
    povatlas_synth_units_clear(&units);
    return st;
}
