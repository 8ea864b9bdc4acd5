/*
 * stats.c - writes ward_stats.csv: the total households and population of
 * every unit per review year, the denominators of every rate
 * (docs/domain-rules.md §6.1). The figures are synthetic (scaled 2019 census),
 * and say so in the source column.
 */
#include <errno.h>

#include "povatlas/core.h"
#include "synth/synth_private.h"

static povatlas_status stats_rows(FILE *fp, void *data)
{
    const synth_job *job = data;
    const synth_units *units = job->units;
    const synth_dataset *ds = job->ds;
    g_autoptr(GString) line = g_string_sized_new(128);
    if (fputs("unit_code,year,households,population,source\n", fp) == EOF)
        return POVATLAS_E_IO;
    for (size_t i = 0; i < units->n; i++)
        for (int y = 0; y < SYNTH_N_YEARS; y++) {
            g_string_truncate(line, 0);
            povatlas_synth_csv_field(line, units->v[i].code);
            g_string_append_printf(
                line,
                ",%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                ",synthetic (2019 census scaled to the city total)\n",
                SYNTH_YEAR0 + y, ds->households[y][i], ds->population[y][i]);
            if (fwrite(line->str, 1, line->len, fp) != line->len)
                return POVATLAS_E_IO;
        }
    return POVATLAS_OK;
}

povatlas_status povatlas_synth_write_stats(const synth_units *units,
                                           const synth_dataset *ds,
                                           const char *path,
                                           povatlas_error **err)
{
    synth_job j = {units, ds, 0, 0};
    return povatlas_synth_write_file(path, stats_rows, &j, err);
}
