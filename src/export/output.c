/*
 * output.c - where an export is written before it is complete: a
 * temporary file beside the target (core's tempfile), or for drivers that
 * write several files (Shapefile: .shp, .shx, .dbf, .prj, .cpg) a
 * temporary folder beside it whose files are renamed into place one by one
 * when GDAL has closed them. A failed export leaves neither behind.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "export/export_private.h"
#include "povatlas/core.h"

static povatlas_status begin_dir(povatlas_export_output *o, const char *path,
                                 povatlas_error **err)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *tmpl = g_build_filename(dir, ".povatlas.tmp-XXXXXX", NULL);
    if (!g_mkdtemp(tmpl))
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot create a temporary folder: %s",
                                     g_strerror(errno));
    o->final_path = g_strdup(path);
    o->temp_dir = g_steal_pointer(&tmpl);
    o->temp_path = g_build_filename(o->temp_dir, base, NULL);
    return POVATLAS_OK;
}

povatlas_status povatlas_export_output_begin(povatlas_export_output *o,
                                             const char *path, int multi_file,
                                             povatlas_error **err)
{
    memset(o, 0, sizeof *o);
    if (multi_file)
        return begin_dir(o, path, err);
    povatlas_tempfile tf;
    povatlas_status st = povatlas_tempfile_begin(&tf, path, err);
    if (st)
        return st;
    g_unlink(tf.temp_path); /* GDAL drivers create the file themselves */
    o->final_path = tf.final_path;
    o->temp_path = tf.temp_path;
    return POVATLAS_OK;
}

static void output_clear(povatlas_export_output *o)
{
    g_clear_pointer(&o->final_path, g_free);
    g_clear_pointer(&o->temp_path, g_free);
    g_clear_pointer(&o->temp_dir, g_free);
}

/* Renames every file of the temporary folder into the target folder. */
static povatlas_status commit_dir(povatlas_export_output *o,
                                  povatlas_error **err)
{
    g_autofree char *dest = g_path_get_dirname(o->final_path);
    GDir *d = g_dir_open(o->temp_dir, 0, NULL);
    const char *name;
    povatlas_status st = POVATLAS_OK;
    while (!st && d && (name = g_dir_read_name(d))) {
        g_autofree char *from = g_build_filename(o->temp_dir, name, NULL);
        g_autofree char *to = g_build_filename(dest, name, NULL);
        g_chmod(from, 0644);
        if (g_rename(from, to) != 0)
            st = povatlas_error_set_at(err, POVATLAS_E_IO, to, 0, NULL,
                                       "cannot rename the finished output "
                                       "into place: %s",
                                       g_strerror(errno));
    }
    if (d)
        g_dir_close(d);
    return st;
}

povatlas_status povatlas_export_output_commit(povatlas_export_output *o,
                                              povatlas_error **err)
{
    if (!o->temp_dir) {
        povatlas_tempfile tf = {o->final_path, o->temp_path};
        o->final_path = o->temp_path = NULL;
        return povatlas_tempfile_commit(&tf, err);
    }
    povatlas_status st = commit_dir(o, err);
    povatlas_export_output_abort(o);
    return st;
}

void povatlas_export_output_abort(povatlas_export_output *o)
{
    if (o->temp_dir) {
        GDir *d = g_dir_open(o->temp_dir, 0, NULL);
        const char *name;
        while (d && (name = g_dir_read_name(d))) {
            g_autofree char *p = g_build_filename(o->temp_dir, name, NULL);
            g_unlink(p);
        }
        if (d)
            g_dir_close(d);
        g_rmdir(o->temp_dir);
    } else if (o->temp_path) {
        g_unlink(o->temp_path);
    }
    output_clear(o);
}
