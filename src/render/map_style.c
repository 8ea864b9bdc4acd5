/*
 * map_style.c - map styles: built-in defaults, overridden by a GKeyFile style
 * file (an .ini under styles/), and the ColorBrewer ramp for a class count.
 *
 * The built-in values equal styles/default.ini, so a map renders the same
 * without any file. The ramp colours come from core/ramps.c, the one table
 * the exported styles read too. Loading does no drawing.
 */
#include <string.h>

#include "core/ramps.h"
#include "render/render_private.h"

/* A colour key of [map]: its name and where it goes in the struct. */
typedef struct rgb_key {
    const char *key;
    size_t offset;
} rgb_key;

#define RGB_KEY(name)                                                          \
    {                                                                          \
#name, offsetof(povatlas_render_style, name##_rgb)                     \
    }
static const rgb_key rgb_keys[] = {
    RGB_KEY(page),        RGB_KEY(text),    RGB_KEY(muted),    RGB_KEY(halo),
    RGB_KEY(border),      RGB_KEY(outline), RGB_KEY(sea),      RGB_KEY(land),
    RGB_KEY(land_border), RGB_KEY(coast),   RGB_KEY(sea_text), RGB_KEY(nodata),
    RGB_KEY(hatch),       RGB_KEY(frame),   RGB_KEY(leader),
};

typedef struct size_key {
    const char *key;
    size_t offset;
} size_key;

#define SIZE_KEY(name)                                                         \
    {                                                                          \
#name, offsetof(povatlas_render_style, name)                           \
    }
static const size_key size_keys[] = {
    SIZE_KEY(border_width_pt), SIZE_KEY(outline_width_pt),
    SIZE_KEY(coast_width_pt),  SIZE_KEY(title_pt),
    SIZE_KEY(subtitle_pt),     SIZE_KEY(legend_title_pt),
    SIZE_KEY(legend_pt),       SIZE_KEY(label_pt),
    SIZE_KEY(label_min_pt),    SIZE_KEY(note_pt),
    SIZE_KEY(halo_pt),         SIZE_KEY(margin_pt),
};

static void set_defaults(povatlas_render_style *s)
{
    memset(s, 0, sizeof(*s));
    s->font_family = g_strdup("Noto Sans, DejaVu Sans");
    s->ramp = g_strdup("YlOrRd");
    s->page_rgb = 0xffffff;
    s->text_rgb = 0x1f1f1f;
    s->muted_rgb = 0x5f5f5f;
    s->halo_rgb = 0xffffff;
    s->border_rgb = 0xffffff;
    s->outline_rgb = 0x3a3a3a;
    s->sea_rgb = 0xd6e9f5;
    s->land_rgb = 0xeeeeec;
    s->land_border_rgb = 0xc9c9c5;
    s->coast_rgb = 0x8fb4cc;
    s->sea_text_rgb = 0x4a7fa3;
    s->nodata_rgb = 0xf4f4f4;
    s->hatch_rgb = 0x9a9a9a;
    s->frame_rgb = 0xb5b5b5;
    s->leader_rgb = 0x555555;
    s->border_width_pt = 0.8;
    s->outline_width_pt = 1.4;
    s->coast_width_pt = 0.8;
    s->title_pt = 18.0;
    s->subtitle_pt = 11.0;
    s->legend_title_pt = 9.5;
    s->legend_pt = 8.5;
    s->label_pt = 8.0;
    s->label_min_pt = 6.0;
    s->note_pt = 7.0;
    s->halo_pt = 2.2;
    s->margin_pt = 20.0;
}

int povatlas_render_parse_rgb(const char *text, unsigned int *out)
{
    return povatlas_parse_rgb(text, out);
}

static povatlas_status read_rgb_keys(povatlas_render_style *s, GKeyFile *kf,
                                     const char *path, povatlas_error **err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(rgb_keys); i++) {
        g_autofree char *key = g_strconcat(rgb_keys[i].key, "_color", NULL);
        g_autofree char *v = g_key_file_get_string(kf, "map", key, NULL);
        if (v == NULL)
            continue;
        unsigned int *dst = (unsigned int *)((char *)s + rgb_keys[i].offset);
        if (!povatlas_render_parse_rgb(v, dst))
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, key,
                                         "invalid colour '%s' (want #rrggbb)",
                                         v);
    }
    return POVATLAS_OK;
}

static povatlas_status read_size_keys(povatlas_render_style *s, GKeyFile *kf,
                                      const char *path, povatlas_error **err)
{
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
        *(double *)((char *)s + size_keys[i].offset) = d;
    }
    return POVATLAS_OK;
}

static void read_text_keys(povatlas_render_style *s, GKeyFile *kf)
{
    g_autofree char *font = g_key_file_get_string(kf, "map", "font", NULL);
    if (font != NULL && *font) {
        g_free(s->font_family);
        s->font_family = g_steal_pointer(&font);
    }
    g_autofree char *ramp = g_key_file_get_string(kf, "map", "ramp", NULL);
    if (ramp != NULL && *ramp) {
        g_free(s->ramp);
        s->ramp = g_steal_pointer(&ramp);
    }
    s->reverse = g_key_file_get_boolean(kf, "map", "reverse", NULL);
}

static povatlas_status load_file(povatlas_render_style *s, GKeyFile *kf,
                                 const char *path, povatlas_error **err)
{
    g_autoptr(GError) gerr = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr))
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot read style: %s", gerr->message);
    read_text_keys(s, kf);
    povatlas_status st = read_rgb_keys(s, kf, path, err);
    if (st != POVATLAS_OK)
        return st;
    return read_size_keys(s, kf, path, err);
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
    set_defaults(style);
    g_autoptr(GKeyFile) kf = NULL;
    povatlas_status st = POVATLAS_OK;
    if (path != NULL) {
        kf = g_key_file_new();
        st = load_file(style, kf, path, err);
    }
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
