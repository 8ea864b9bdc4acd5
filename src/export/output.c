/*
 * output.c - where an export is written before it is complete. GDAL
 * writes into a memory folder (/vsimem/) under the output's final name,
 * so every file a driver makes beside the main one (Shapefile .shx, .dbf,
 * .prj, .cpg, GML .xsd, MapInfo .dat, .map, .id) is named right; the
 * commit copies each file it made through core's checked tempfile beside
 * the target, and only when all are written renames them into place, the
 * main file last. Every write, the flush to disk and the size are checked
 * before a rename, so a full disk fails with the path and the reason, and
 * a failed export leaves nothing behind. An existing output (or any file
 * of its set) is replaced only when asked to.
 */
#include <string.h>
#include <unistd.h>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "export/export_private.h"
#include "povatlas/core.h"

/* "dir/w.shp" + "dbf" -> "dir/w.dbf" */
static char *sibling(const char *path, const char *ext)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    g_autofree char *name = g_strconcat(base, ".", ext, NULL);
    return g_build_filename(dir, name, NULL);
}

static povatlas_status refuse_existing(const char *path,
                                       const char *const *sidecars,
                                       povatlas_error **err)
{
    povatlas_status st = POVATLAS_OK;
    if (g_file_test(path, G_FILE_TEST_EXISTS))
        st = povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                                   "the output exists (it is replaced only "
                                   "when asked to)");
    for (const char *const *e = sidecars; !st && e && *e; e++) {
        g_autofree char *p = sibling(path, *e);
        if (g_file_test(p, G_FILE_TEST_EXISTS))
            st = povatlas_error_set_at(err, POVATLAS_E_USAGE, p, 0, NULL,
                                       "a file of the output exists (it is "
                                       "replaced only when asked to)");
    }
    if (st && err)
        povatlas_error_set_option(*err, "overwrite");
    return st;
}

povatlas_status povatlas_export_output_begin(povatlas_export_output *o,
                                             const char *path,
                                             const char *const *sidecars,
                                             int overwrite,
                                             povatlas_error **err)
{
    static gint serial;
    memset(o, 0, sizeof *o);
    o->tf.fd = -1;
    povatlas_status st =
        overwrite ? POVATLAS_OK : refuse_existing(path, sidecars, err);
    if (!st)
        st = povatlas_tempfile_begin(&o->tf, path, err);
    if (st)
        return st;
    g_autofree char *base = g_path_get_basename(path);
    o->final_path = g_strdup(path);
    o->sidecars = sidecars;
    o->mem_dir = g_strdup_printf("/vsimem/povatlas-export-%d-%d", (int)getpid(),
                                 g_atomic_int_add(&serial, 1));
    VSIMkdir(o->mem_dir, 0755);
    o->temp_path = g_build_filename(o->mem_dir, base, NULL);
    return POVATLAS_OK;
}

static void output_clear(povatlas_export_output *o)
{
    g_clear_pointer(&o->final_path, g_free);
    g_clear_pointer(&o->temp_path, g_free);
    g_clear_pointer(&o->mem_dir, g_free);
    o->sidecars = NULL;
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

/* The files GDAL made besides the main one ("." and ".." left out). */
static GPtrArray *other_names(const povatlas_export_output *o)
{
    g_autofree char *main_name = g_path_get_basename(o->final_path);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    char **list = VSIReadDir(o->mem_dir);
    for (char **n = list; n && *n; n++)
        if (strcmp(*n, main_name) != 0 && strcmp(*n, ".") != 0 &&
            strcmp(*n, "..") != 0)
            g_ptr_array_add(names, g_strdup(*n));
    CSLDestroy(list);
    return names;
}

/* The other files, each written beside the target under a temporary name
 * into @staged (a GArray of povatlas_tempfile). */
static povatlas_status stage_others(povatlas_export_output *o, GPtrArray *names,
                                    GArray *staged, povatlas_error **err)
{
    g_autofree char *dest = g_path_get_dirname(o->final_path);
    povatlas_status st = POVATLAS_OK;
    for (guint i = 0; !st && i < names->len; i++) {
        g_autofree char *from =
            g_build_filename(o->mem_dir, names->pdata[i], NULL);
        g_autofree char *to = g_build_filename(dest, names->pdata[i], NULL);
        povatlas_tempfile tf;
        st = povatlas_tempfile_begin(&tf, to, err);
        if (st)
            break;
        g_array_append_val(staged, tf);
        st = stage(&g_array_index(staged, povatlas_tempfile, staged->len - 1),
                   from, err);
    }
    return st;
}

/* With --overwrite: the old output's files the new one does not replace
 * (a stale .qix index, .gpkg-wal journal, .cpg) go. */
static void remove_stale(const povatlas_export_output *o, GPtrArray *names)
{
    for (const char *const *e = o->sidecars; e && *e; e++) {
        g_autofree char *p = sibling(o->final_path, *e);
        g_autofree char *base = g_path_get_basename(p);
        gboolean replaced = FALSE;
        for (guint i = 0; i < names->len; i++)
            replaced |= strcmp(names->pdata[i], base) == 0;
        if (!replaced && g_file_test(p, G_FILE_TEST_IS_REGULAR))
            g_unlink(p);
    }
}

povatlas_status povatlas_export_output_commit(povatlas_export_output *o,
                                              povatlas_error **err)
{
    /* every file is written before any is renamed: a full disk part way
     * through a Shapefile leaves none of its files behind */
    g_autoptr(GPtrArray) names = other_names(o);
    GArray *staged = g_array_new(FALSE, FALSE, sizeof(povatlas_tempfile));
    povatlas_status st = stage_others(o, names, staged, err);
    if (!st)
        st = stage(&o->tf, o->temp_path, err);
    if (!st)
        remove_stale(o, names);
    g_autoptr(GPtrArray) renamed = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < staged->len; i++) {
        povatlas_tempfile *tf = &g_array_index(staged, povatlas_tempfile, i);
        char *final = g_strdup(tf->final_path);
        if (st)
            povatlas_tempfile_abort(tf);
        else
            st = povatlas_tempfile_commit(tf, err);
        if (!st)
            g_ptr_array_add(renamed, final);
        else
            g_free(final);
    }
    g_array_free(staged, TRUE);
    if (!st)
        st = povatlas_tempfile_commit(&o->tf, err);
    /* half a set is worse than none: take back what was renamed */
    for (guint i = 0; st && i < renamed->len; i++)
        g_unlink(renamed->pdata[i]);
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
