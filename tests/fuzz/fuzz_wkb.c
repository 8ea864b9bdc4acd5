/*
 * fuzz_wkb.c - the libFuzzer harness of the two geometry readers that read
 * bytes by hand instead of through GEOS or SpatiaLite (docs/testing.md):
 *   - store_blob_to_wkb() (store/units.c): SpatiaLite's geometry BLOB made
 *     WKB by copying its body;
 *   - povatlas_render_flat_read() (render/project_units.c): the plain
 *     polygons of a map read from their WKB into one array of points.
 * Each input is given to the first as a BLOB, to the second as the WKB of
 * one unit and, split at a point its first byte chooses, of two; the WKB
 * the first makes goes through the second too. What the flat reader
 * accepts must be what GEOS reads, with the same extent: it claims to read
 * the same geometries as GEOS, only faster. Nothing may crash, leak or
 * misbehave under AddressSanitizer/UBSan.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <geos_c.h>
#include <glib.h>

#include "render/render_private.h"
#include "store/store_private.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static GEOSContextHandle_t geos; /* for the whole process */
static GEOSWKBReader *reader;

static void quiet(const char *message, void *userdata)
{
    (void)message;
    (void)userdata;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    geos = GEOS_init_r();
    if (geos == NULL)
        abort();
    GEOSContext_setErrorMessageHandler_r(geos, quiet, NULL);
    GEOSContext_setNoticeMessageHandler_r(geos, quiet, NULL);
    reader = GEOSWKBReader_create_r(geos);
    if (reader == NULL)
        abort();
    return 0;
}

G_GNUC_NORETURN static void fail(const char *why)
{
    fprintf(stderr, "fuzz_wkb: %s\n", why);
    abort();
}

/* The flat reading of @n units: when it accepts them, GEOS reads each,
 * and the extent it gives is GEOS's. */
static void check_flat(const unsigned char *const *wkb, const size_t *size,
                       size_t n)
{
    double e[4];
    povatlas_render_flat *f = povatlas_render_flat_read(wkb, size, n, e);
    if (f == NULL)
        return;
    double g[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < n; i++) {
        GEOSGeometry *geom =
            GEOSWKBReader_read_r(geos, reader, wkb[i], size[i]);
        if (geom == NULL)
            fail("the flat reader accepted a unit GEOS cannot read");
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        if (GEOSisEmpty_r(geos, geom) != 0 ||
            !GEOSGeom_getXMin_r(geos, geom, &x0) ||
            !GEOSGeom_getYMin_r(geos, geom, &y0) ||
            !GEOSGeom_getXMax_r(geos, geom, &x1) ||
            !GEOSGeom_getYMax_r(geos, geom, &y1))
            fail("the flat reader accepted a unit without an extent");
        g[0] = fmin(g[0], x0);
        g[1] = fmin(g[1], y0);
        g[2] = fmax(g[2], x1);
        g[3] = fmax(g[3], y1);
        GEOSGeom_destroy_r(geos, geom);
    }
    for (int k = 0; k < 4; k++)
        if (!(e[k] == g[k]))
            fail("the flat reader's extent is not GEOS's");
    povatlas_render_flat_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a SpatiaLite BLOB, and the WKB made of it */
    size_t wkb_size = 0;
    unsigned char *wkb = store_blob_to_wkb(data, size, &wkb_size);
    if (wkb != NULL) {
        if (wkb_size != size - 39 || wkb[0] != 0x01)
            fail("the WKB of a BLOB is not its body under a WKB header");
        const unsigned char *one[1] = {wkb};
        check_flat(one, &wkb_size, 1);
        g_free(wkb);
    }
    /* the input as the WKB of one unit, and of two */
    const unsigned char *one[1] = {data};
    check_flat(one, &size, 1);
    if (size > 1) {
        size_t split = 1 + (size_t)data[0] * (size - 1) / 256;
        const unsigned char *two[2] = {data + 1, data + split};
        size_t sizes[2] = {split - 1, size - split};
        check_flat(two, sizes, 2);
    }
    return 0;
}
