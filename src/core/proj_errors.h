/*
 * proj_errors.h - a PROJ context whose messages are kept for a povatlas
 * error instead of being printed: PROJ's default logger writes to stderr
 * (even at PJ_LOG_NONE "proj_create: Cannot find proj.db" reached the
 * terminal), and the library never prints. The counterpart of
 * gdal_errors.h for PROJ.
 */
#ifndef POVATLAS_PROJ_ERRORS_H
#define POVATLAS_PROJ_ERRORS_H

#include <string.h>

#include <glib.h>
#include <proj.h>

typedef struct proj_errors {
    char last[256];  /* the first error PROJ logged, "" when none */
    char cause[256]; /* the debug line just before it: PROJ 9 logs the
                        root cause ("Cannot find proj.db") at debug level
                        and only its consequence ("no database context
                        specified") as the error */
    char pending[256];
} proj_errors;

static void proj_errors_log(void *data, int level, const char *msg)
{
    proj_errors *e = data;
    if (!e || !msg || e->last[0])
        return;
    if (level == PJ_LOG_ERROR) {
        g_strlcpy(e->last, msg, sizeof e->last);
        g_strlcpy(e->cause, e->pending, sizeof e->cause);
    } else {
        g_strlcpy(e->pending, msg, sizeof e->pending);
    }
}

/* A new context logging into @e (which must outlive it); destroy with
 * proj_context_destroy(). NULL when out of memory. */
static inline PJ_CONTEXT *proj_errors_context(proj_errors *e)
{
    e->last[0] = e->cause[0] = e->pending[0] = '\0';
    PJ_CONTEXT *ctx = proj_context_create();
    if (ctx) {
        proj_log_level(ctx, PJ_LOG_DEBUG);
        proj_log_func(ctx, e, proj_errors_log);
    }
    return ctx;
}

/* Why the last call on @ctx failed: PROJ's logged error (with its cause),
 * else its errno text, else "unknown reason" (static or inside @e). */
static inline const char *proj_errors_why(proj_errors *e, PJ_CONTEXT *ctx)
{
    if (e->last[0] && e->cause[0] && strlen(e->last) + 3 < sizeof e->last) {
        g_autofree char *both = g_strdup_printf("%s (%s)", e->last, e->cause);
        g_strlcpy(e->last, both, sizeof e->last);
        e->cause[0] = '\0';
    }
    if (e->last[0])
        return e->last;
    int code = ctx ? proj_context_errno(ctx) : 0;
    const char *s = code ? proj_context_errno_string(ctx, code) : NULL;
    return s ? s : "unknown reason";
}

#endif
