/*
 * output.c - where an export is written before it is complete. GDAL
 * writes into a memory folder (/vsimem/); the commit copies each file it
 * made through core's checked tempfile beside the target and renames it
 * (for drivers that write several files, Shapefile: .shp, .shx, .dbf,
 * .prj, .cpg, one by one). Every write, the flush to disk and the size are
 * checked before a rename, so a full disk fails with the path and the
 * reason, and a failed export leaves nothing behind.
 */
#include <string.h>
#include <unistd.h>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <glib.h>

#include "export/export_private.h"
#include "povatlas/core.h"

povatlas_status povatlas_export_output_begin(povatlas_export_output *o,
                                             const char *path, int multi_file,
                                             povatlas_error **err)
{
    static gint serial;
    memset(o, 0, sizeof *o);
    o->tf.fd = -1;
    povatlas_status st = povatlas_tempfile_begin(&o->tf, path, err);
    if (st)
        return st;
    g_autofree char *base = g_path_get_basename(path);
    o->final_path = g_strdup(path);
    o->multi_file = multi_file;
    o->mem_dir = g_strdup_printf("/vsimem/povatlas-export-%d-%d",
                                 (int)getpid(), g_atomic_int_add(&serial, 1));
    VSIMkdir(o->mem_dir, 0755);
    o->temp_path = g_build_filename(o->mem_dir, base, NULL);
    return POVATLAS_OK;
}

static void output_clear(povatlas_export_output *o)
{
    g_clear_pointer(&o->final_path, g_free);
    g_clear_pointer(&o->temp_path, g_free);
    g_clear_pointer(&o->mem_dir, g_free);
}

/* Writes the memory file @from into @tf (every write checked). */
static povatlas_status stage(povatlas_tempfile *tf, const char *from,
                             povatlas_error **err)
{
    vsi_l_offset len = 0;
    GByte *data = VSIGetMemFileBuffer(from, &len, FALSE);
    if (data == NULL)
        return povatlas_error_set_at(err, POVATLAS_E_IO, tf->final_path, 0,
                                     NULL, "the driver wrote no file");
    if (!povatlas_tempfile_write(tf, data, (size_t)len))
        return povatlas_error_set_at(err, POVATLAS_E_IO, tf->final_path, 0,
                                     NULL, "cannot write the output: %s",
                                     g_strerror(tf->write_errno));
    return POVATLAS_OK;
}

/* The other files of a multi-file output, each written beside the target
 * under a temporary name into @staged (a GArray of povatlas_tempfile). */
static povatlas_status stage_others(povatlas_export_output *o, GArray *staged,
                                    povatlas_error **err)
{
    g_autofree char *dest = g_path_get_dirname(o->final_path);
    g_autofree char *main_name = g_path_get_basename(o->final_path);
    char **names = VSIReadDir(o->mem_dir);
    povatlas_status st = POVATLAS_OK;
    for (char **n = names; !st && n && *n; n++) {
        if (strcmp(*n, main_name) == 0 || strcmp(*n, ".") == 0 ||
            strcmp(*n, "..") == 0)
            continue;
        g_autofree char *from = g_build_filename(o->mem_dir, *n, NULL);
        g_autofree char *to = g_build_filename(dest, *n, NULL);
        povatlas_tempfile tf;
        st = povatlas_tempfile_begin(&tf, to, err);
        if (st)
            break;
        g_array_append_val(staged, tf);
        st = stage(&g_array_index(staged, povatlas_tempfile, staged->len - 1),
                   from, err);
    }
    CSLDestroy(names);
    return st;
}

povatlas_status povatlas_export_output_commit(povatlas_export_output *o,
                                              povatlas_error **err)
{
    /* every file is written before any is renamed: a full disk part way
     * through a Shapefile leaves none of its files behind */
    GArray *staged = g_array_new(FALSE, FALSE, sizeof(povatlas_tempfile));
    povatlas_status st =
        o->multi_file ? stage_others(o, staged, err) : POVATLAS_OK;
    if (!st)
        st = stage(&o->tf, o->temp_path, err);
    for (guint i = 0; i < staged->len; i++) {
        povatlas_tempfile *tf = &g_array_index(staged, povatlas_tempfile, i);
        if (st)
            povatlas_tempfile_abort(tf);
        else
            st = povatlas_tempfile_commit(tf, err);
    }
    g_array_free(staged, TRUE);
    if (!st)
        st = povatlas_tempfile_commit(&o->tf, err);
    povatlas_export_output_abort(o);
    return st;
}

void povatlas_export_output_abort(povatlas_export_output *o)
{
    povatlas_tempfile_abort(&o->tf);
    if (o->mem_dir)
        VSIRmdirRecursive(o->mem_dir);
    output_clear(o);
}
