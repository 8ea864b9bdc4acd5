/*
 * map_style.c - map styles: the [map] keys of a style file (an .ini under
 * styles/) as core's one parser reads them (core/map_keys.c, built-in
 * values equal to styles/default.ini, so a map renders the same without any
 * file), and the ColorBrewer ramp for a class count. The ramp colours come
 * from core/ramps.c, the one table the exported styles read too. Loading
 * does no drawing.
 */
#include <string.h>

#include "core/map_keys.h"
#include "core/ramps.h"
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
    g_autoptr(GKeyFile) kf = path ? g_key_file_new() : NULL;
    povatlas_map_keys keys;
    povatlas_status st = povatlas_map_keys_load(&keys, kf, path, err);
    if (st != POVATLAS_OK) {
        memset(style, 0, sizeof(*style));
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
    return st;
}

void povatlas_render_style_clear(povatlas_render_style *style)
{
    g_clear_pointer(&style->font_family, g_free);
    g_clear_pointer(&style->ramp, g_free);
}
