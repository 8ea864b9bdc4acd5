/*
 * ramps.c - colour ramps of the classes from a style file or built in
 * (ramps.h): the one table the maps and the exported styles read.
 */
#include <string.h>

#include "core/ramps.h"

typedef struct ramp_def {
    const char *name;
    int n;
    unsigned int rgb[7];
} ramp_def;

/* ColorBrewer 2.0 (Cynthia Brewer, Mark Harrower, Penn State), Apache 2.0
 * style licence; values as published on colorbrewer2.org. */
static const ramp_def builtin_ramps[] = {
    {"YlOrRd", 3, {0xffeda0, 0xfeb24c, 0xf03b20}},
    {"YlOrRd", 4, {0xffffb2, 0xfecc5c, 0xfd8d3c, 0xe31a1c}},
    {"YlOrRd", 5, {0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026}},
    {"YlOrRd", 6, {0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xf03b20, 0xbd0026}},
    {"YlOrRd",
     7,
     {0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xb10026}},
    {"Blues", 3, {0xdeebf7, 0x9ecae1, 0x3182bd}},
    {"Blues", 4, {0xeff3ff, 0xbdd7e7, 0x6baed6, 0x2171b5}},
    {"Blues", 5, {0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c}},
    {"Blues", 6, {0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c}},
    {"Blues",
     7,
     {0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594}},
    {"Greens", 3, {0xe5f5e0, 0xa1d99b, 0x31a354}},
    {"Greens", 4, {0xedf8e9, 0xbae4b3, 0x74c476, 0x238b45}},
    {"Greens", 5, {0xedf8e9, 0xbae4b3, 0x74c476, 0x31a354, 0x006d2c}},
    {"Greens", 6, {0xedf8e9, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x31a354, 0x006d2c}},
    {"Greens",
     7,
     {0xedf8e9, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x005a32}},
    {"Purples", 3, {0xefedf5, 0xbcbddc, 0x756bb1}},
    {"Purples", 4, {0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x6a51a3}},
    {"Purples", 5, {0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x756bb1, 0x54278f}},
    {"Purples",
     6,
     {0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x756bb1, 0x54278f}},
    {"Purples",
     7,
     {0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486}},
    {"RdBu", 3, {0xef8a62, 0xf7f7f7, 0x67a9cf}},
    {"RdBu", 4, {0xca0020, 0xf4a582, 0x92c5de, 0x0571b0}},
    {"RdBu", 5, {0xca0020, 0xf4a582, 0xf7f7f7, 0x92c5de, 0x0571b0}},
    {"RdBu", 6, {0xb2182b, 0xef8a62, 0xfddbc7, 0xd1e5f0, 0x67a9cf, 0x2166ac}},
    {"RdBu",
     7,
     {0xb2182b, 0xef8a62, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x67a9cf, 0x2166ac}},
};

int povatlas_parse_rgb(const char *text, unsigned int *out)
{
    if (text == NULL)
        return 0;
    while (g_ascii_isspace(*text))
        text++;
    if (text[0] != '#' || strlen(text) < 7)
        return 0;
    unsigned int v = 0;
    for (int i = 1; i <= 6; i++) {
        int d = g_ascii_xdigit_value(text[i]);
        if (d < 0)
            return 0;
        v = v * 16 + (unsigned int)d;
    }
    for (const char *p = text + 7; *p; p++)
        if (!g_ascii_isspace(*p))
            return 0;
    *out = v;
    return 1;
}

/* From the file: 1 found, 0 absent, -1 malformed. */
static int from_file(GKeyFile *kf, const char *name, int n, unsigned int *rgb)
{
    g_autofree char *group = g_strconcat("ramp:", name, NULL);
    g_autofree char *key = g_strdup_printf("colors_%d", n);
    gsize len = 0;
    g_auto(GStrv) list = g_key_file_get_string_list(kf, group, key, &len, NULL);
    if (list == NULL)
        return 0;
    if ((int)len != n)
        return -1;
    for (int i = 0; i < n; i++)
        if (!povatlas_parse_rgb(list[i], &rgb[i]))
            return -1;
    return 1;
}

static int builtin(const char *name, int n, unsigned int *rgb)
{
    for (size_t i = 0; i < G_N_ELEMENTS(builtin_ramps); i++) {
        const ramp_def *r = &builtin_ramps[i];
        if (r->n == n && g_ascii_strcasecmp(r->name, name) == 0) {
            memcpy(rgb, r->rgb, sizeof(unsigned int) * (size_t)n);
            return 1;
        }
    }
    return 0;
}

int povatlas_ramp_colours(GKeyFile *kf, const char *name, int n,
                          unsigned int *rgb)
{
    if (name == NULL || n < 1 || n > 7)
        return 0;
    if (n < 3) { /* the ends (or the middle) of the 3-class ramp */
        unsigned int three[3];
        int found = povatlas_ramp_colours(kf, name, 3, three);
        if (found <= 0)
            return found;
        if (n == 1)
            rgb[0] = three[1];
        else {
            rgb[0] = three[0];
            rgb[1] = three[2];
        }
        return 1;
    }
    int found = kf ? from_file(kf, name, n, rgb) : 0;
    return found ? found : builtin(name, n, rgb);
}
