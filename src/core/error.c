/*
 * error.c - povatlas_error: one failure with its location, and the status
 * names. Errors are values handed to the caller; nothing here prints.
 * Strings are allocated with GLib (g_free and free are the same allocator
 * since GLib 2.46, so callers without GLib may use free()).
 */
#include <glib.h>

#include "povatlas/error.h"

povatlas_error *povatlas_error_newv(povatlas_status code, const char *file,
                                    long row, const char *column,
                                    const char *fmt, va_list ap)
{
    povatlas_error *e = g_new0(povatlas_error, 1);
    e->code = code;
    e->file = g_strdup(file);
    e->row = row;
    e->column = g_strdup(column);
    e->message = g_strdup_vprintf(fmt, ap);
    return e;
}

povatlas_error *povatlas_error_new(povatlas_status code, const char *file,
                                   long row, const char *column,
                                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    povatlas_error *e = povatlas_error_newv(code, file, row, column, fmt, ap);
    va_end(ap);
    return e;
}

povatlas_status povatlas_error_set(povatlas_error **err, povatlas_status code,
                                   const char *fmt, ...)
{
    if (err && !*err) {
        va_list ap;
        va_start(ap, fmt);
        *err = povatlas_error_newv(code, NULL, 0, NULL, fmt, ap);
        va_end(ap);
    }
    return code;
}

povatlas_status povatlas_error_set_at(povatlas_error **err,
                                      povatlas_status code, const char *file,
                                      long row, const char *column,
                                      const char *fmt, ...)
{
    if (err && !*err) {
        va_list ap;
        va_start(ap, fmt);
        *err = povatlas_error_newv(code, file, row, column, fmt, ap);
        va_end(ap);
    }
    return code;
}

povatlas_status povatlas_error_propagate(povatlas_error **dest,
                                         povatlas_error *src)
{
    if (!src)
        return POVATLAS_OK;
    povatlas_status code = src->code;
    if (dest && !*dest)
        *dest = src;
    else
        povatlas_error_free(src);
    return code;
}

povatlas_status povatlas_error_propagate_or(povatlas_error **dest,
                                            povatlas_error *src,
                                            povatlas_status fallback)
{
    return src ? povatlas_error_propagate(dest, src) : fallback;
}

void povatlas_error_set_option(povatlas_error *err, const char *option)
{
    if (err && !err->option)
        err->option = g_strdup(option);
}

void povatlas_error_prefix(povatlas_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *msg = g_strdup_printf("%s: %s", prefix, err->message);
    g_free(err->message);
    err->message = msg;
}

void povatlas_error_free(povatlas_error *err)
{
    if (!err)
        return;
    g_free(err->file);
    g_free(err->column);
    g_free(err->message);
    g_free(err->option);
    g_free(err);
}

char *povatlas_error_format(const povatlas_error *err)
{
    GString *s = g_string_new(NULL);
    if (err->file) {
        g_string_append(s, err->file);
        if (err->row > 0)
            g_string_append_printf(s, ":%ld", err->row);
        g_string_append(s, ": ");
    }
    if (err->column)
        g_string_append_printf(s, "column %s: ", err->column);
    g_string_append(s, err->message);
    return g_string_free(s, FALSE);
}

const char *povatlas_status_name(povatlas_status code)
{
    switch (code) {
    case POVATLAS_OK:
        return "ok";
    case POVATLAS_E_IO:
        return "i/o error";
    case POVATLAS_E_INPUT:
        return "bad input";
    case POVATLAS_E_DB:
        return "workspace error";
    case POVATLAS_E_GEOM:
        return "geometry error";
    case POVATLAS_E_NOMEM:
        return "out of memory";
    case POVATLAS_E_USAGE:
        return "usage error";
    }
    return "unknown error";
}
