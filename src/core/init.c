/*
 * init.c - process-wide set-up done once before anything else: GDAL driver
 * registration (the only global state povatlas relies on, owned by GDAL).
 */
#include <gdal.h>

#include "povatlas/core.h"

#ifndef POVATLAS_VERSION
#define POVATLAS_VERSION "0.0.0"
#endif

const char *povatlas_version(void) { return POVATLAS_VERSION; }

void povatlas_init(void)
{
    if (GDALGetDriverCount() == 0)
        GDALAllRegister();
}
