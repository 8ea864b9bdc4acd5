/*
 * dataset.c - loading a dataset described by a key file (the embedded
 * geodata/dataset.ini): units, boundaries, context, ward statistics,
 * household lists, exits (checked against the lists) and targets, in that
 * order, each import all-or-nothing.
 */
#include <glib.h>

#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"
#include "povatlas/programs.h"

typedef povatlas_status (*import_fn)(povatlas_workspace *, const char *,
                                     const povatlas_import_opts *,
                                     povatlas_report *,
                                     povatlas_import_result *,
                                     povatlas_error **);

static const struct {
    const char *key;
    import_fn fn;
} STEPS[] = {
    {"units", povatlas_import_units},
    {"crosswalk", povatlas_import_crosswalk},
    {"boundaries", povatlas_import_boundaries},
    {"context", povatlas_import_context},
    {"ward_stats", povatlas_import_ward_stats},
    {"households", povatlas_import_households},
    {"programs", povatlas_import_programs},
    {"activities", povatlas_import_activities},
    {"exits", povatlas_import_exits},
    {"targets", povatlas_import_targets},
};

static povatlas_status run_step(povatlas_workspace *ws, GKeyFile *kf,
                                const char *dir, size_t step,
                                const povatlas_import_opts *opts,
                                povatlas_report *report, povatlas_error **err)
{
    g_auto(GStrv) files =
        g_key_file_get_string_list(kf, "dataset", STEPS[step].key, NULL, NULL);
    /* "boundaries_year=2023": the year a step's files are for (boundaries
     * belong to the unit periods in force then) */
    povatlas_import_opts step_opts = *opts;
    g_autofree char *year_key = g_strdup_printf("%s_year", STEPS[step].key);
    step_opts.year = g_key_file_get_integer(kf, "dataset", year_key, NULL);
    for (char **f = files; f && *f; f++) {
        g_autofree char *path = g_build_filename(dir, g_strstrip(*f), NULL);
        povatlas_status st =
            STEPS[step].fn(ws, path, &step_opts, report, NULL, err);
        if (st)
            return st;
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_dataset_load(povatlas_workspace *ws,
                                      const char *dataset_ini,
                                      povatlas_report *report,
                                      povatlas_progress_fn progress,
                                      void *progress_data, povatlas_error **err)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_key_file_set_list_separator(kf, ';');
    GError *ge = NULL;
    if (!g_key_file_load_from_file(kf, dataset_ini, G_KEY_FILE_NONE, &ge)) {
        povatlas_error_set_at(err, POVATLAS_E_IO, dataset_ini, 0, NULL,
                              "cannot read the dataset description: %s",
                              ge->message);
        g_error_free(ge);
        return POVATLAS_E_IO;
    }
    g_autofree char *dir = g_path_get_dirname(dataset_ini);
    povatlas_import_opts opts;
    povatlas_import_opts_init(&opts);
    opts.synthetic = g_key_file_get_boolean(kf, "dataset", "synthetic", NULL);
    opts.schematic =
        g_key_file_get_boolean(kf, "dataset", "schematic_boundaries", NULL);
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < G_N_ELEMENTS(STEPS); i++) {
        st = run_step(ws, kf, dir, i, &opts, report, err);
        if (progress)
            progress((double)(i + 1) / G_N_ELEMENTS(STEPS), STEPS[i].key,
                     progress_data);
    }
    g_autofree char *place =
        g_key_file_get_string(kf, "dataset", "area_name", NULL);
    g_autofree char *place_en =
        g_key_file_get_string(kf, "dataset", "area_name_en", NULL);
    if (!st && (place || place_en))
        st = povatlas_workspace_set_place(ws, place, place_en, err);
    return st;
}
