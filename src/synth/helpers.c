/*
 * helpers.c - small pieces the synthetic writers share: splitting a city
 * total over units in proportion to weights so the parts add up exactly,
 * quoting a CSV field, and writing a file through a temporary one.
 */
#include <errno.h>
#include <string.h>

#include "povatlas/core.h"

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

char *povatlas_synth_hh_row_start(GString *line, const synth_units *units,
                                  const synth_hh *h, size_t stt)
{
    const synth_unit *u = &units->v[h->unit];
    char *id = g_strdup_printf("%s-%04u", u->code, h->seq);
    g_string_printf(line, "%zu,", stt);
    povatlas_synth_csv_field(line, id);
    g_string_append_c(line, ',');
    povatlas_synth_csv_field(line, u->code);
    g_string_append_c(line, ',');
    povatlas_synth_csv_field(line, u->full_name);
    return id;
}

povatlas_status povatlas_synth_write_file(const char *path, synth_rows_fn rows,
                                          void *data, povatlas_error **err)
{
    povatlas_tempfile tf;
    povatlas_status st = povatlas_tempfile_begin(&tf, path, err);
    if (st)
        return st;
    FILE *fp = fopen(tf.temp_path, "wb");
    if (!fp) {
        int e = errno;
        povatlas_tempfile_abort(&tf);
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot open: %s", g_strerror(e));
    }
    st = rows(fp, data);
    if (fclose(fp) != 0 && !st)
        st = POVATLAS_E_IO;
    if (st) {
        povatlas_tempfile_abort(&tf);
        return povatlas_error_set_at(err, st, path, 0, NULL,
                                     st == POVATLAS_E_USAGE ? "cancelled"
                                                            : "write failed");
    }
    return povatlas_tempfile_commit(&tf, err);
}
