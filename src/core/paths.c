/*
 * paths.c - where the embedded dataset and the styles are, and creating
 * output folders.
 */
#include <errno.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/core.h"

#ifndef POVATLAS_DATADIR
#define POVATLAS_DATADIR "geodata"
#endif
#ifndef POVATLAS_STYLEDIR
#define POVATLAS_STYLEDIR "styles"
#endif

static char *path_under(const char *env, const char *fallback,
                        const char *name)
{
    const char *dir = g_getenv(env);
    if (!dir || !*dir)
        dir = fallback;
    return name ? g_build_filename(dir, name, NULL) : g_strdup(dir);
}

char *povatlas_data_path(const char *name)
{
    return path_under("POVATLAS_DATA", POVATLAS_DATADIR, name);
}

char *povatlas_style_path(const char *name)
{
    return path_under("POVATLAS_STYLES", POVATLAS_STYLEDIR, name);
}

povatlas_status povatlas_mkdir_p(const char *path, povatlas_error **err)
{
    if (g_mkdir_with_parents(path, 0755) != 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot create folder: %s",
                                     g_strerror(errno));
    return POVATLAS_OK;
}
