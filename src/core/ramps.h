/*
 * ramps.h - the colour ramps of the maps' classes, in one place for the
 * renderer (render/map_style.c) and the exported QGIS styles
 * (export/class_style.c), so a map and the style of its layer cannot
 * disagree: a style file's [ramp:NAME] group (colors_N = #rrggbb;...)
 * first, then the built-in ColorBrewer 2.0 schemes YlOrRd, Blues, Greens,
 * Purples (sequential) and RdBu (diverging), 3 to 7 classes. One or two
 * classes take the ends (or the middle) of the 3-class ramp.
 */
#ifndef POVATLAS_CORE_RAMPS_H
#define POVATLAS_CORE_RAMPS_H

#include <glib.h>

/* "#rrggbb" (surrounding blanks allowed) into 0xRRGGBB; 0 when not one. */
int povatlas_parse_rgb(const char *text, unsigned int *out);

/* The @n colours (1..7) of ramp @name, lightest first: from @kf's
 * [ramp:@name] group (@kf nullable), else built in. Returns 1 when found,
 * 0 when no such ramp, -1 when the file's colours are malformed (not @n,
 * or @n < 3 and not 3, or not #rrggbb). Reversal is the caller's. */
int povatlas_ramp_colours(GKeyFile *kf, const char *name, int n,
                          unsigned int *rgb);

#endif
