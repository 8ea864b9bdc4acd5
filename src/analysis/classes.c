/*
 * classes.c - the one classification of ward values that the maps, the
 * atlas, the exported QGIS styles (QML/SLD) and `coverage` share, so that
 * a ward is in the same class in QGIS, on the map and in the coverage
 * table: wards with exactly 0 form a class of their own (a ward without a
 * poor household is not "low", it is none), and the breaks are computed
 * over the other values only. Pure; no drawing, no workspace.
 */
#include <math.h>

#include <glib.h>

#include "povatlas/breaks.h"

povatlas_classes *povatlas_classes_compute(const double *values, size_t n,
                                           povatlas_breaks_method method,
                                           int n_classes, povatlas_error **err)
{
    size_t defined = 0, zeros = 0;
    for (size_t i = 0; i < n; i++) {
        defined += !isnan(values[i]);
        zeros += values[i] == 0.0;
    }
    if (defined == 0) {
        povatlas_error_set(err, POVATLAS_E_INPUT, "no value to class");
        return NULL;
    }
    povatlas_classes *c = g_new0(povatlas_classes, 1);
    c->zero_class = zeros > 0;
    if (defined > zeros) {
        double *rest = g_new(double, n);
        for (size_t i = 0; i < n; i++)
            rest[i] = values[i] == 0.0 ? NAN : values[i];
        c->breaks =
            povatlas_breaks_compute(rest, n, method, n_classes, NULL, 0, err);
        g_free(rest);
        if (!c->breaks) {
            g_free(c);
            return NULL;
        }
    }
    c->n_classes = c->zero_class + (c->breaks ? c->breaks->n_classes : 0);
    return c;
}

int povatlas_classes_class_of(const povatlas_classes *c, double value)
{
    if (isnan(value))
        return -1;
    if (value == 0.0 && c->zero_class)
        return 0;
    int k = c->breaks ? povatlas_breaks_class_of(c->breaks, value) : -1;
    return k < 0 ? -1 : c->zero_class + k;
}

void povatlas_classes_free(povatlas_classes *c)
{
    if (!c)
        return;
    povatlas_breaks_free(c->breaks);
    g_free(c);
}
