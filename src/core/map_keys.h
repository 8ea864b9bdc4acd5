/*
 * map_keys.h - the [map] keys of a style file (an .ini under styles/), read by
 * one parser for the renderer (render/map_style.c) and the exported layer
 * styles (export/class_style.c), so a key set in a style reaches both: the
 * font, the ramp's name and direction, the colours (NAME_color = #rrggbb)
 * and the sizes in points. The built-in values equal styles/default.ini.
 * The ramp colours themselves are ramps.h's.
 */
#ifndef POVATLAS_CORE_MAP_KEYS_H
#define POVATLAS_CORE_MAP_KEYS_H

#include <glib.h>

#include "povatlas/error.h"

/* Colour keys, NAME_color in the file, NAME_rgb in the struct. */
#define POVATLAS_MAP_RGB_KEYS(X)                                               \
    X(page)                                                                    \
    X(text)                                                                    \
    X(muted)                                                                   \
    X(halo)                                                                    \
    X(border)                                                                  \
    X(outline)                                                                 \
    X(sea)                                                                     \
    X(land)                                                                    \
    X(land_border)                                                             \
    X(coast)                                                                   \
    X(sea_text)                                                                \
    X(nodata)                                                                  \
    X(hatch)                                                                   \
    X(frame)                                                                   \
    X(leader)                                                                  \
    X(banner)                                                                  \
    X(banner_text)

/* Size keys in points, the same name in the file and the struct. */
#define POVATLAS_MAP_SIZE_KEYS(X)                                              \
    X(border_width_pt)                                                         \
    X(outline_width_pt)                                                        \
    X(coast_width_pt)                                                          \
    X(title_pt)                                                                \
    X(subtitle_pt)                                                             \
    X(legend_title_pt)                                                         \
    X(legend_pt)                                                               \
    X(label_pt)                                                                \
    X(label_min_pt)                                                            \
    X(note_pt)                                                                 \
    X(halo_pt)                                                                 \
    X(margin_pt)

#define POVATLAS_MAP_KEY_RGB_FIELD(name) unsigned int name##_rgb;
#define POVATLAS_MAP_KEY_SIZE_FIELD(name) double name;

typedef struct povatlas_map_keys {
    char *font_family; /* owned: "Noto Sans, DejaVu Sans" */
    char *ramp;        /* owned: ramp name, e.g. "YlOrRd" */
    int reverse;       /* 1: ramp drawn dark to light */
    int grayscale;     /* 1: every class drawn as its own grey */
    POVATLAS_MAP_RGB_KEYS(POVATLAS_MAP_KEY_RGB_FIELD)
    POVATLAS_MAP_SIZE_KEYS(POVATLAS_MAP_KEY_SIZE_FIELD)
} povatlas_map_keys;

/* The built-in values (styles/default.ini). */
void povatlas_map_keys_defaults(povatlas_map_keys *k);

/* The built-in values, then the [map] keys of @kf (loaded from @path, for
 * the messages). An invalid colour or size is POVATLAS_E_INPUT naming the
 * file and the key; @k then owns nothing. */
povatlas_status povatlas_map_keys_read(povatlas_map_keys *k, GKeyFile *kf,
                                       const char *path, povatlas_error **err);

/* Loads @path (NULL: the built-in values only) into @kf and reads it as
 * povatlas_map_keys_read() does; a file that cannot be read is
 * POVATLAS_E_IO "cannot read style: ...". */
povatlas_status povatlas_map_keys_load(povatlas_map_keys *k, GKeyFile *kf,
                                       const char *path, povatlas_error **err);

void povatlas_map_keys_clear(povatlas_map_keys *k);

#endif
