/*
 * threads.h - how many threads a job may use: $POVATLAS_THREADS when it is
 * a whole number >= 1 (1: all work in the calling thread), else the
 * machine's processors. Results never depend on it; the tests set it to
 * compare one thread with several.
 */
#ifndef POVATLAS_CORE_THREADS_H
#define POVATLAS_CORE_THREADS_H

#include <stdlib.h>

#include <glib.h>

static inline int povatlas_threads_(void)
{
    const char *v = g_getenv("POVATLAS_THREADS");
    if (v != NULL && *v != '\0') {
        char *end = NULL;
        long n = strtol(v, &end, 10);
        if (*end == '\0' && n >= 1)
            return n > 64 ? 64 : (int)n;
    }
    return (int)g_get_num_processors();
}

#endif
