/*
 * map_keys.c - the one parser of a style file's [map] keys (map_keys.h):
 * built-in values equal to styles/default.ini, overridden key by key.
 */
#include <stddef.h>
#include <string.h>

#include "core/map_keys.h"
#include "core/ramps.h"

void povatlas_map_keys_defaults(povatlas_map_keys *k)
{
    memset(k, 0, sizeof *k);
    k->font_family = g_strdup("Noto Sans, DejaVu Sans");
    k->ramp = g_strdup("YlOrRd");
    k->page_rgb = 0xffffff;
    k->text_rgb = 0x1f1f1f;
    k->muted_rgb = 0x5f5f5f;
    k->halo_rgb = 0xffffff;
    k->border_rgb = 0xffffff;
    k->outline_rgb = 0x3a3a3a;
    k->sea_rgb = 0xd6e9f5;
    k->land_rgb = 0xeeeeec;
    k->land_border_rgb = 0xc9c9c5;
    k->coast_rgb = 0x8fb4cc;
    k->sea_text_rgb = 0x4a7fa3;
    k->nodata_rgb = 0xf4f4f4;
    k->hatch_rgb = 0x9a9a9a;
    k->frame_rgb = 0xb5b5b5;
    k->leader_rgb = 0x555555;
    k->banner_rgb = 0xc0392b;
    k->banner_text_rgb = 0xffffff;
    k->border_width_pt = 0.8;
    k->outline_width_pt = 1.4;
    k->coast_width_pt = 0.8;
    k->title_pt = 18.0;
    k->subtitle_pt = 11.0;
    k->legend_title_pt = 9.5;
    k->legend_pt = 8.5;
    k->label_pt = 9.5;
    k->label_min_pt = 8.0;
    k->note_pt = 7.0;
    k->halo_pt = 2.2;
    k->margin_pt = 20.0;
}

/* A key of [map] and where it goes in the struct. */
typedef struct map_key {
    const char *key;
    size_t offset;
} map_key;

#define RGB_KEY(name) {#name "_color", offsetof(povatlas_map_keys, name##_rgb)},
#define SIZE_KEY(name) {#name, offsetof(povatlas_map_keys, name)},
static const map_key rgb_keys[] = {POVATLAS_MAP_RGB_KEYS(RGB_KEY)};
static const map_key size_keys[] = {POVATLAS_MAP_SIZE_KEYS(SIZE_KEY)};

static povatlas_status read_keys(povatlas_map_keys *k, GKeyFile *kf,
                                 const char *path, povatlas_error **err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(rgb_keys); i++) {
        g_autofree char *v =
            g_key_file_get_string(kf, "map", rgb_keys[i].key, NULL);
        if (v == NULL)
            continue;
        unsigned int *dst = (unsigned int *)((char *)k + rgb_keys[i].offset);
        if (!povatlas_parse_rgb(v, dst))
            return povatlas_error_set_at(
                err, POVATLAS_E_INPUT, path, 0, rgb_keys[i].key,
                "invalid colour '%s' (want #rrggbb)", v);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(size_keys); i++) {
        g_autofree char *v =
            g_key_file_get_string(kf, "map", size_keys[i].key, NULL);
        if (v == NULL)
            continue;
        char *end = NULL;
        double d = g_ascii_strtod(v, &end);
        if (end == v || *end != '\0' || !(d >= 0.0) || d > 200.0)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0,
                                         size_keys[i].key,
                                         "invalid size '%s' (points)", v);
        *(double *)((char *)k + size_keys[i].offset) = d;
    }
    g_autofree char *font = g_key_file_get_string(kf, "map", "font", NULL);
    if (font != NULL && *font) {
        g_free(k->font_family);
        k->font_family = g_steal_pointer(&font);
    }
    g_autofree char *ramp = g_key_file_get_string(kf, "map", "ramp", NULL);
    if (ramp != NULL && *ramp) {
        g_free(k->ramp);
        k->ramp = g_steal_pointer(&ramp);
    }
    k->reverse = g_key_file_get_boolean(kf, "map", "reverse", NULL);
    k->grayscale = g_key_file_get_boolean(kf, "map", "grayscale", NULL);
    return POVATLAS_OK;
}

povatlas_status povatlas_map_keys_read(povatlas_map_keys *k, GKeyFile *kf,
                                       const char *path, povatlas_error **err)
{
    povatlas_map_keys_defaults(k);
    povatlas_status st = read_keys(k, kf, path, err);
    if (st)
        povatlas_map_keys_clear(k);
    return st;
}

povatlas_status povatlas_map_keys_load(povatlas_map_keys *k, GKeyFile *kf,
                                       const char *path, povatlas_error **err)
{
    if (path == NULL) {
        povatlas_map_keys_defaults(k);
        return POVATLAS_OK;
    }
    g_autoptr(GError) gerr = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
        memset(k, 0, sizeof *k);
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot read style: %s", gerr->message);
    }
    return povatlas_map_keys_read(k, kf, path, err);
}

void povatlas_map_keys_clear(povatlas_map_keys *k)
{
    g_clear_pointer(&k->font_family, g_free);
    g_clear_pointer(&k->ramp, g_free);
}
