/*
 * class_labels.c - the words of class limits, one text for every legend
 * and every exported style (render and export both read it here):
 * left-closed classes [a, b) read "dưới b", "từ a đến dưới b", "từ z trở
 * lên" ("under b", "a to under b", "z and over"); right-closed classes
 * (a, b] read "đến a", "trên a đến b", "trên z" ("up to a", "over a to b",
 * "over z"). When two limits would print the same at the requested
 * decimals, more decimals are used.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "povatlas/breaks.h"
#include "povatlas/core.h"

/* povatlas_format_number() returns malloc'ed text; legend text is GLib. */
static char *fmt_num(double v, int decimals, const char *lang)
{
    char *s = povatlas_format_number(v, decimals, lang);
    char *g = g_strdup(s ? s : "?");
    free(s);
    return g;
}

/* Smallest decimals >= @want that keeps the limits apart in print. */
static int distinct_decimals(const povatlas_breaks *b, int want,
                             const char *lang)
{
    int d = want < 0 ? 0 : want;
    for (; d < 6; d++) {
        int clash = 0;
        for (int i = 0; i < b->n_classes && !clash; i++) {
            g_autofree char *a = fmt_num(b->limits[i], d, lang);
            g_autofree char *c = fmt_num(b->limits[i + 1], d, lang);
            clash = strcmp(a, c) == 0;
        }
        if (!clash)
            break;
    }
    return d;
}

static char *class_label(const povatlas_breaks *b, int i, int d,
                         const char *sfx, const char *lang)
{
    int last = b->n_classes - 1;
    int en = lang != NULL && strcmp(lang, "en") == 0;
    g_autofree char *lo = fmt_num(b->limits[i], d, lang);
    g_autofree char *hi = fmt_num(b->limits[i + 1], d, lang);
    if (b->n_classes == 1)
        return g_strdup_printf(en ? "%s to %s%s" : "từ %s đến %s%s", lo, hi,
                               sfx);
    if (!b->left_closed) {
        if (i == 0)
            return g_strdup_printf(en ? "up to %s%s" : "đến %s%s", hi, sfx);
        if (i == last)
            return g_strdup_printf(en ? "over %s%s" : "trên %s%s", lo, sfx);
        return g_strdup_printf(en ? "over %s to %s%s" : "trên %s đến %s%s", lo,
                               hi, sfx);
    }
    if (i == 0)
        return g_strdup_printf(en ? "under %s%s" : "dưới %s%s", hi, sfx);
    if (i == last)
        return g_strdup_printf(en ? "%s%s and over" : "từ %s%s trở lên", lo,
                               sfx);
    return g_strdup_printf(en ? "%s to under %s%s" : "từ %s đến dưới %s%s", lo,
                           hi, sfx);
}

char **povatlas_legend_class_labels(const povatlas_breaks *breaks, int decimals,
                                    const char *suffix, const char *lang)
{
    int d = distinct_decimals(breaks, decimals, lang);
    const char *sfx = suffix ? suffix : "";
    char **out = g_new0(char *, (gsize)breaks->n_classes + 1);
    for (int i = 0; i < breaks->n_classes; i++)
        out[i] = class_label(breaks, i, d, sfx, lang);
    return out;
}
