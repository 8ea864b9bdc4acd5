/*
 * map_style.c - map styles: the [map] keys of a style file (an .ini under
 * styles/) as core's one parser reads them (core/map_keys.c, built-in
 * values equal to styles/default.ini, so a map renders the same without any
 * file), and the ColorBrewer ramp for a class count. The ramp colours come
 * from core/ramps.c, the one table the exported styles read too. Loading
 * does no drawing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/map_keys.h"
#include "core/ramps.h"
#include "povatlas/core.h"
#include "render/render_private.h"

/* The [map] keys as core's one parser read them (core/map_keys.h). */
#define TAKE_RGB(name) s->name##_rgb = k->name##_rgb;
#define TAKE_SIZE(name) s->name = k->name;
static void take_keys(povatlas_render_style *s, povatlas_map_keys *k)
{
    memset(s, 0, sizeof(*s));
    s->font_family = g_steal_pointer(&k->font_family);
    s->ramp = g_steal_pointer(&k->ramp);
    s->reverse = k->reverse;
    s->grayscale = k->grayscale;
    POVATLAS_MAP_RGB_KEYS(TAKE_RGB)
    POVATLAS_MAP_SIZE_KEYS(TAKE_SIZE)
}

int povatlas_render_parse_rgb(const char *text, unsigned int *out)
{
    return povatlas_parse_rgb(text, out);
}

static povatlas_status pick_ramp(povatlas_render_style *s, GKeyFile *kf,
                                 const char *path, int n, povatlas_error **err)
{
    int found = povatlas_ramp_colours(kf, s->ramp, n, s->ramp_rgb);
    if (found < 0)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, path, 0, NULL,
            "ramp '%s' needs %d colours as #rrggbb;...", s->ramp,
            n < 3 ? 3 : n);
    if (found == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "no colour ramp '%s' with %d classes",
                                  s->ramp, n);
    s->ramp_n = n;
    if (s->reverse)
        for (int i = 0; i < n / 2; i++) {
            unsigned int t = s->ramp_rgb[i];
            s->ramp_rgb[i] = s->ramp_rgb[n - 1 - i];
            s->ramp_rgb[n - 1 - i] = t;
        }
    return POVATLAS_OK;
}

povatlas_status povatlas_render_style_load(povatlas_render_style *style,
                                           const char *path,
                                           const char *ramp_override,
                                           int n_classes, povatlas_error **err)
{
    /* a bare name ("print-gray") is a style shipped in styles/ */
    char *shipped = NULL;
    if (path != NULL && *path && strchr(path, '/') == NULL &&
        !g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_autofree char *file = g_str_has_suffix(path, ".ini")
                                    ? g_strdup(path)
                                    : g_strconcat(path, ".ini", NULL);
        shipped = povatlas_style_path(file);
        if (shipped != NULL && g_file_test(shipped, G_FILE_TEST_EXISTS))
            path = shipped;
    }
    g_autoptr(GKeyFile) kf = path ? g_key_file_new() : NULL;
    povatlas_map_keys keys;
    povatlas_status st = povatlas_map_keys_load(&keys, kf, path, err);
    if (st != POVATLAS_OK) {
        memset(style, 0, sizeof(*style));
        free(shipped);
        return st;
    }
    take_keys(style, &keys);
    if (st == POVATLAS_OK && ramp_override != NULL && *ramp_override) {
        g_free(style->ramp);
        style->ramp = g_strdup(ramp_override);
    }
    if (st == POVATLAS_OK &&
        (n_classes < 1 || n_classes > POVATLAS_RENDER_MAX_CLASSES))
        st = povatlas_error_set(err, POVATLAS_E_USAGE,
                                "cannot draw %d classes (1 to %d)", n_classes,
                                POVATLAS_RENDER_MAX_CLASSES);
    if (st == POVATLAS_OK)
        st = pick_ramp(style, kf, path, n_classes, err);
    /* Callers free the style only after a success. */
    if (st != POVATLAS_OK)
        povatlas_render_style_clear(style);
    free(shipped);
    return st;
}

void povatlas_render_style_clear(povatlas_render_style *style)
{
    g_clear_pointer(&style->font_family, g_free);
    g_clear_pointer(&style->ramp, g_free);
}

/* sRGB channel (0..1) -> linear light. */
static double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double povatlas_render_lightness(unsigned int rgb)
{
    double r = linear(((rgb >> 16) & 255) / 255.0);
    double g = linear(((rgb >> 8) & 255) / 255.0);
    double b = linear((rgb & 255) / 255.0);
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b; /* D65 luminance */
    double f = y > 216.0 / 24389.0 ? cbrt(y) : (24389.0 / 27.0 * y + 16) / 116;
    return 116 * f - 16;
}

unsigned int povatlas_render_grey_of_lightness(double l)
{
    double f = (l + 16) / 116;
    double y = l > 8 ? f * f * f : l * 27.0 / 24389.0;
    double c = y <= 0.0031308 ? 12.92 * y : 1.055 * pow(y, 1 / 2.4) - 0.055;
    unsigned int v = (unsigned int)lround(fmin(fmax(c, 0), 1) * 255);
    return (v << 16) | (v << 8) | v;
}

typedef struct ranked {
    int index;
    double l;
} ranked;

static int by_lightness(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->l != y->l)
        return x->l > y->l ? -1 : 1; /* lightest first */
    return x->index - y->index;
}

void povatlas_render_grey_classes(unsigned int *rgb, int n, int ordered)
{
    if (n < 1 || n > POVATLAS_RENDER_MAX_CLASSES)
        return;
    ranked r[POVATLAS_RENDER_MAX_CLASSES];
    for (int i = 0; i < n; i++)
        r[i] = (ranked){i, povatlas_render_lightness(rgb[i])};
    if (!ordered)
        qsort(r, (size_t)n, sizeof(r[0]), by_lightness);
    /* from near white to near black in equal steps of L*: 9 classes stay
     * 9 units of L* apart, which the eye tells apart on paper */
    for (int k = 0; k < n; k++) {
        double l = n == 1 ? 90.0 : 97.0 - 72.0 * k / (n - 1);
        rgb[r[k].index] = povatlas_render_grey_of_lightness(l);
    }
}
