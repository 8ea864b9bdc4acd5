/*
 * tempfile.c - outputs written under a temporary name beside their final
 * path and renamed only when complete (git's lockfile idea): a crash or an
 * error never leaves a half-written map or GeoPackage under the real name.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/core.h"

povatlas_status povatlas_tempfile_begin(povatlas_tempfile *tf,
                                        const char *path, povatlas_error **err)
{
    memset(tf, 0, sizeof *tf);
    /* keep the extension last: GDAL drivers (GPKG) check it */
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base : path, '.');
    g_autofree char *tmpl =
        dot && dot != (base ? base + 1 : path)
            ? g_strdup_printf("%.*s.tmp-XXXXXX%s", (int)(dot - path), path,
                              dot)
            : g_strdup_printf("%s.tmp-XXXXXX", path);
    int fd = g_mkstemp(tmpl);
    if (fd < 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot create a temporary file: %s",
                                     g_strerror(errno));
    close(fd);
    tf->final_path = g_strdup(path);
    tf->temp_path = g_steal_pointer(&tmpl);
    return POVATLAS_OK;
}

static void tempfile_clear(povatlas_tempfile *tf)
{
    g_clear_pointer(&tf->final_path, g_free);
    g_clear_pointer(&tf->temp_path, g_free);
}

povatlas_status povatlas_tempfile_commit(povatlas_tempfile *tf,
                                         povatlas_error **err)
{
    /* mkstemp creates 0600; outputs are ordinary files */
    g_chmod(tf->temp_path, 0644);
    if (g_rename(tf->temp_path, tf->final_path) != 0) {
        int e = errno;
        povatlas_error_set_at(err, POVATLAS_E_IO, tf->final_path, 0, NULL,
                              "cannot rename the finished output into place: "
                              "%s",
                              g_strerror(e));
        povatlas_tempfile_abort(tf);
        return POVATLAS_E_IO;
    }
    tempfile_clear(tf);
    return POVATLAS_OK;
}

void povatlas_tempfile_abort(povatlas_tempfile *tf)
{
    if (tf->temp_path)
        g_unlink(tf->temp_path);
    tempfile_clear(tf);
}
