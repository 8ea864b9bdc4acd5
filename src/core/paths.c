/*
 * paths.c - where the embedded dataset and the styles are, and creating
 * output folders.
 *
 * A folder is looked for, first found wins:
 *   1. the environment ($POVATLAS_DATA, $POVATLAS_STYLES);
 *   2. beside the running program, BIN/../share/povatlas/geodata (styles):
 *      an installed povatlas, wherever its prefix was moved;
 *   3. the source tree the program was built from (a build-tree run);
 *   4. the install prefix configured at build time (a program that links
 *      libpovatlas from somewhere else).
 * When none exists the source-tree path is returned, so that the error
 * names a real place to look.
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
/* share/povatlas relative to the folder of the installed program */
#ifndef POVATLAS_BIN_TO_SHARE
#define POVATLAS_BIN_TO_SHARE "../share/povatlas"
#endif
/* share/povatlas under the configured prefix */
#ifndef POVATLAS_INSTALL_SHARE
#define POVATLAS_INSTALL_SHARE "/usr/local/share/povatlas"
#endif

/* @sub ("geodata") under share/povatlas beside the running program, or
 * NULL when the program is not installed that way. */
static char *beside_program(const char *sub)
{
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (!exe)
        return NULL;
    g_autofree char *bin = g_path_get_dirname(exe);
    g_autofree char *dir =
        g_build_filename(bin, POVATLAS_BIN_TO_SHARE, sub, NULL);
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
        return NULL;
    return g_canonicalize_filename(dir, NULL);
}

static char *find_dir(const char *env, const char *sub, const char *source)
{
    const char *dir = g_getenv(env);
    if (dir && *dir)
        return g_strdup(dir);
    char *found = beside_program(sub);
    if (found)
        return found;
    if (g_file_test(source, G_FILE_TEST_IS_DIR))
        return g_strdup(source);
    g_autofree char *installed =
        g_build_filename(POVATLAS_INSTALL_SHARE, sub, NULL);
    if (g_file_test(installed, G_FILE_TEST_IS_DIR))
        return g_steal_pointer(&installed);
    return g_strdup(source);
}

static char *path_under(const char *env, const char *sub, const char *source,
                        const char *name)
{
    char *dir = find_dir(env, sub, source);
    if (!name)
        return dir;
    char *path = g_build_filename(dir, name, NULL);
    g_free(dir);
    return path;
}

char *povatlas_data_path(const char *name)
{
    return path_under("POVATLAS_DATA", "geodata", POVATLAS_DATADIR, name);
}

char *povatlas_style_path(const char *name)
{
    return path_under("POVATLAS_STYLES", "styles", POVATLAS_STYLEDIR, name);
}

povatlas_status povatlas_mkdir_p(const char *path, povatlas_error **err)
{
    if (g_mkdir_with_parents(path, 0755) != 0)
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot create folder: %s",
                                     g_strerror(errno));
    return POVATLAS_OK;
}

/* Import kinds whose table in the data folder is real (dataset.ini says
 * which files are synthetic). */
static const char *const BUILTIN_TABLES[][2] = {
    {"units", "units.csv"},
    {"crosswalk", "crosswalk.csv"},
    {"standards", "standards.csv"},
};

char *povatlas_builtin_table_path(const char *kind)
{
    for (size_t i = 0; kind && i < G_N_ELEMENTS(BUILTIN_TABLES); i++)
        if (g_str_equal(kind, BUILTIN_TABLES[i][0]))
            return povatlas_data_path(BUILTIN_TABLES[i][1]);
    return NULL;
}

const char *povatlas_builtin_table_kinds(void)
{
    return "units, crosswalk, standards";
}
