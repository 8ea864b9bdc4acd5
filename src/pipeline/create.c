/*
 * create.c - a new workspace with the standards table loaded from the data
 * folder, so that classification never runs without thresholds, and with
 * the name of the place it covers when one is given.
 */
#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"

povatlas_workspace *povatlas_workspace_create(const char *path, int replace,
                                              povatlas_error **err)
{
    int exists = 0;
    if (povatlas_workspace_exists(path, &exists, err))
        return NULL;
    if (exists) {
        if (!replace) {
            g_autofree char *shown = povatlas_workspace_path_shown(path);
            povatlas_error_set_at(err, POVATLAS_E_USAGE, shown, 0, NULL,
                                  "already exists (it is replaced only when "
                                  "asked to)");
            if (err)
                povatlas_error_set_option(*err, "force");
            return NULL;
        }
        if (povatlas_workspace_remove(path, err))
            return NULL;
    }
    povatlas_workspace *ws =
        povatlas_workspace_open(path, POVATLAS_WORKSPACE_CREATE, err);
    if (!ws)
        return NULL;
    g_autofree char *standards = povatlas_data_path("standards.csv");
    povatlas_report *report = povatlas_report_new();
    povatlas_status st =
        povatlas_import_standards(ws, standards, NULL, report, NULL, err);
    if (st && povatlas_report_n_errors(report) > 0 && err && *err) {
        g_autofree char *first =
            povatlas_error_format(povatlas_report_error(report, 0));
        povatlas_error_prefix(*err, "%s", first);
    }
    povatlas_report_free(report);
    if (st) {
        povatlas_workspace_close(ws);
        povatlas_workspace_remove(path, NULL);
        return NULL;
    }
    return ws;
}

povatlas_workspace *povatlas_workspace_create_place(const char *path,
                                                    int replace,
                                                    const char *place,
                                                    const char *place_en,
                                                    povatlas_error **err)
{
    povatlas_workspace *ws = povatlas_workspace_create(path, replace, err);
    if (!ws || (!place && !place_en))
        return ws;
    if (povatlas_workspace_set_place(ws, place, place_en, err)) {
        povatlas_workspace_close(ws);
        povatlas_workspace_remove(path, NULL);
        return NULL;
    }
    return ws;
}
