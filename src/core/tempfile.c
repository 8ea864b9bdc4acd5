/*
 * tempfile.c - outputs written under a temporary name beside their final
 * path and renamed only when complete (git's lockfile idea): a crash or an
 * error never leaves a half-written map or GeoPackage under the real name.
 *
 * Complete means checked: a write that fails (ENOSPC, EIO, EFBIG) is
 * recorded and reported at the commit; the commit then fsyncs the file
 * (delayed write errors surface there, through the descriptor held since
 * the file was made), compares its size with the bytes written, checks
 * close() and only then renames. A full disk thus fails with the path and
 * the system's reason instead of renaming a truncated PDF into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/write_fault.h"
#include "povatlas/core.h"

/* Bytes the write_fault.h seam still lets through; -1 when off. */
static _Thread_local int64_t fault_budget = -1;

void povatlas_write_fault_after(int64_t bytes)
{
    fault_budget = bytes < 0 ? -1 : bytes;
}

povatlas_status povatlas_tempfile_begin(povatlas_tempfile *tf, const char *path,
                                        povatlas_error **err)
{
    memset(tf, 0, sizeof *tf);
    tf->fd = -1;
    /* keep the extension last: GDAL drivers (GPKG) check it */
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base : path, '.');
    g_autofree char *tmpl =
        dot && dot != (base ? base + 1 : path)
            ? g_strdup_printf("%.*s.tmp-XXXXXX%s", (int)(dot - path), path, dot)
            : g_strdup_printf("%s.tmp-XXXXXX", path);
    int fd = g_mkstemp(tmpl);
    if (fd < 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot create a temporary file: %s",
                                     g_strerror(errno));
    tf->fd = fd;
    tf->final_path = g_strdup(path);
    tf->temp_path = g_steal_pointer(&tmpl);
    return POVATLAS_OK;
}

/* write(2) through the seam: at most the budget, then ENOSPC. */
static ssize_t checked_write(int fd, const void *data, size_t len)
{
    if (fault_budget >= 0) {
        if (fault_budget == 0) {
            errno = ENOSPC;
            return -1;
        }
        if ((int64_t)len > fault_budget)
            len = (size_t)fault_budget;
    }
    ssize_t n = write(fd, data, len);
    if (n > 0 && fault_budget >= 0)
        fault_budget -= n;
    return n;
}

int povatlas_tempfile_write(povatlas_tempfile *tf, const void *data, size_t len)
{
    if (tf->write_errno)
        return 0;
    if (tf->fd < 0) {
        tf->write_errno = EBADF;
        return 0;
    }
    const char *p = data;
    while (len > 0) {
        ssize_t n = checked_write(tf->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            tf->write_errno = n < 0 ? errno : EIO;
            return 0;
        }
        p += n;
        len -= (size_t)n;
        tf->written += n;
    }
    return 1;
}

static void tempfile_clear(povatlas_tempfile *tf)
{
    g_clear_pointer(&tf->final_path, g_free);
    g_clear_pointer(&tf->temp_path, g_free);
    tf->fd = -1;
    tf->write_errno = 0;
    tf->written = 0;
}

/* The checks before the rename: the file on disk is the file written. */
static povatlas_status check_complete(povatlas_tempfile *tf,
                                      povatlas_error **err)
{
    const char *path = tf->final_path;
    if (tf->write_errno)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot write the output: %s",
                                     g_strerror(tf->write_errno));
    if (tf->fd < 0) /* only a hand-made povatlas_tempfile lacks one */
        tf->fd = open(tf->temp_path, O_RDONLY);
    if (tf->fd < 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot reopen the finished output: %s",
                                     g_strerror(errno));
    if (fsync(tf->fd) != 0 && errno != EINVAL && errno != EROFS)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot write the output to disk: %s",
                                     g_strerror(errno));
    struct stat st;
    if (fstat(tf->fd, &st) != 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot check the finished output: %s",
                                     g_strerror(errno));
    if (tf->written > 0 && (int64_t)st.st_size != tf->written)
        return povatlas_error_set_at(
            err, POVATLAS_E_IO, path, 0, NULL,
            "the output is incomplete (%lld of %lld bytes on disk)",
            (long long)st.st_size, (long long)tf->written);
    int fd = tf->fd;
    tf->fd = -1;
    if (close(fd) != 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot close the output: %s",
                                     g_strerror(errno));
    return POVATLAS_OK;
}

povatlas_status povatlas_tempfile_commit(povatlas_tempfile *tf,
                                         povatlas_error **err)
{
    povatlas_status st = check_complete(tf, err);
    if (st) {
        povatlas_tempfile_abort(tf);
        return st;
    }
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
    if (tf->temp_path) { /* a cleared or never begun @tf owns nothing */
        if (tf->fd >= 0)
            close(tf->fd);
        g_unlink(tf->temp_path);
    }
    tempfile_clear(tf);
}
