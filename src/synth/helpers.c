/*
 * helpers.c - small pieces the synthetic writers share: splitting a city
 * total over units in proportion to weights so the parts add up exactly,
 * and quoting a CSV field.
 */
#include <string.h>

#include "synth/synth_private.h"

void povatlas_synth_apportion(int64_t total, const double *weights, size_t n,
                              int64_t *out)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += weights[i];
    g_autofree double *rem = g_new(double, n);
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        double exact = sum > 0 ? (double)total * weights[i] / sum : 0.0;
        out[i] = (int64_t)exact;
        rem[i] = exact - (double)out[i];
        given += out[i];
    }
    /* Largest remainder; ties go to the lower index, so the split is
     * deterministic. */
    for (; given < total; given++) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        out[best]++;
        rem[best] = -1.0;
    }
}

void povatlas_synth_csv_field(GString *line, const char *field)
{
    if (!strpbrk(field, ",\"\r\n")) {
        g_string_append(line, field);
        return;
    }
    g_string_append_c(line, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            g_string_append_c(line, '"');
        g_string_append_c(line, *p);
    }
    g_string_append_c(line, '"');
}
