/*
 * class_style.c - the classes, colours and legend labels of the poor_rate
 * map, recomputed for export so that the style stored in the GeoPackage
 * draws what the PNG map draws. The classes come from the same
 * povatlas_classes_compute() call the map makes (a zero class when a unit
 * has 0, then Fisher-Jenks, 5 classes);
 * colours and symbol sizes from the styles/ .ini the renderer reads (the
 * ramps through core/ramps.c, the renderer's own table; the [map] keys
 * through core/map_keys.c, the renderer's own parser).
 * No drawing and no GDAL here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/map_keys.h"
#include "core/ramps.h"
#include "export/export_private.h"
#include "povatlas/breaks.h"
#include "povatlas/core.h"

/* As the map: decimals and unit (map_workspace.c). */
#define MAP_DECIMALS 2
#define MAP_SUFFIX " %"

static povatlas_status bad_key(const char *path, const char *key,
                               const char *why, povatlas_error **err)
{
    return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, key, "%s",
                                 why);
}

static povatlas_status read_ramp(GKeyFile *kf, const povatlas_map_keys *k,
                                 const char *path, int n, unsigned int *rgb,
                                 povatlas_error **err)
{
    /* the renderer's ramps (core/ramps.c): the file's, else built in */
    g_autofree char *key = g_strdup_printf("colors_%d", n < 3 ? 3 : n);
    int found = povatlas_ramp_colours(kf, k->ramp, n, rgb);
    if (found < 0)
        return bad_key(path, key, "invalid colour (want #rrggbb)", err);
    if (found == 0)
        return bad_key(path, key,
                       "the style has no colour ramp for the "
                       "number of classes",
                       err);
    if (k->reverse)
        for (int i = 0; i < n / 2; i++) {
            unsigned int t = rgb[i];
            rgb[i] = rgb[n - 1 - i];
            rgb[n - 1 - i] = t;
        }
    return POVATLAS_OK;
}

static povatlas_status read_style(povatlas_export_classes *c, const char *path,
                                  povatlas_error **err)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    povatlas_map_keys k; /* the renderer's keys, by the same parser */
    povatlas_status st = povatlas_map_keys_load(&k, kf, path, err);
    if (st)
        return st;
    c->border_rgb = k.border_rgb;
    c->text_rgb = k.text_rgb;
    c->halo_rgb = k.halo_rgb;
    c->border_width_pt = k.border_width_pt;
    c->label_pt = k.label_pt;
    c->halo_pt = k.halo_pt;
    if (c->zero_class)
        c->rgb[0] = POVATLAS_ZERO_CLASS_RGB;
    if (c->breaks)
        st = read_ramp(kf, &k, path, c->breaks->n_classes,
                       c->rgb + c->zero_class, err);
    g_auto(GStrv) families = g_strsplit(k.font_family, ",", 2);
    c->font = g_strstrip(g_strdup(families[0] ? families[0] : "Noto Sans"));
    povatlas_map_keys_clear(&k);
    return st;
}

povatlas_status povatlas_export_classes_compute(const double *values, size_t n,
                                                const char *attr,
                                                const char *style_ini,
                                                povatlas_export_classes *out,
                                                povatlas_error **err)
{
    memset(out, 0, sizeof *out);
    out->attr = attr;
    povatlas_error *why = NULL;
    out->classes = povatlas_classes_compute(values, n, POVATLAS_CLASSES_METHOD,
                                            POVATLAS_CLASSES_COUNT, &why);
    if (!out->classes)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_INPUT);
    out->breaks = out->classes->breaks;
    out->zero_class = out->classes->zero_class;
    out->n_classes = out->classes->n_classes;
    if (out->n_classes > POVATLAS_EXPORT_MAX_CLASSES) {
        povatlas_export_classes_clear(out);
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "too many classes for a style");
    }
    povatlas_status st = read_style(out, style_ini, err);
    if (st) {
        povatlas_export_classes_clear(out);
        return st;
    }
    out->labels = g_new0(char *, (gsize)out->n_classes + 1);
    if (out->zero_class)
        out->labels[0] = g_strdup(POVATLAS_ZERO_CLASS_VI);
    g_auto(GStrv) rest =
        out->breaks ? povatlas_export_class_labels(out->breaks, MAP_DECIMALS,
                                                   MAP_SUFFIX, "vi")
                    : NULL;
    for (int i = 0; rest && rest[i]; i++)
        out->labels[out->zero_class + i] = g_strdup(rest[i]);
    return POVATLAS_OK;
}

void povatlas_export_classes_clear(povatlas_export_classes *c)
{
    povatlas_classes_free(c->classes);
    g_strfreev(c->labels);
    g_free(c->font);
    memset(c, 0, sizeof *c);
}

char **povatlas_export_class_labels(const povatlas_breaks *b, int decimals,
                                    const char *suffix, const char *lang)
{
    /* the map's own wording (render/legend.c), so style and map agree */
    return povatlas_legend_class_labels(b, decimals, suffix, lang);
}
