/*
 * exits.c - writes exits_2023.csv: the reason each household of the 2022
 * review list is missing from the 2023 list (docs/domain-rules.md §3.6), which
 * the lists themselves cannot say. Every absent household gets one reason:
 * mostly above the line (vượt chuẩn), a few death, moving away, or a household
 * split/merge. The reasons come from their own PRNG stream, so the other
 * generated files do not change.
 */
#include <errno.h>

#include "povatlas/core.h"
#include "synth/synth_private.h"

/* Share of absent households that left for death, moving or split/merge
 * rather than rising above the line, mirroring the calibration of
 * households.c (7 of 35 poor, 13 of 183 near-poor), in permille. */
static const uint32_t left_permille[2] = {200, 71};
/* Among those: death, moved away, split/merge. */
static const double left_weight[3] = {4, 5, 1};
static const char *const REASON_TEXT[4] = {"Vượt chuẩn", "Chết", "Chuyển đi",
                                           "Tách/nhập hộ"};

/* Index of the reason text of one absent household. */
static size_t draw_reason(synth_rng *r, int status)
{
    if (povatlas_synth_rng_below(r, 1000) >= left_permille[status])
        return 0;
    return 1 + povatlas_synth_rng_pick(r, left_weight, 3);
}

static gint cmp_unit_seq(const synth_hh *x, const synth_hh *y)
{
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void format_exit(GString *line, const synth_units *units,
                        const synth_hh *h, size_t stt, int year, size_t reason)
{
    g_free(povatlas_synth_hh_row_start(line, units, h, stt));
    g_string_append_printf(line, ",%d,", year);
    povatlas_synth_csv_field(line, REASON_TEXT[reason]);
    g_string_append_c(line, '\n');
}

/* Both lists are sorted by (unit, seq): one merge walk finds the 2022
 * households absent in 2023. */
static povatlas_status exit_rows(FILE *fp, void *data)
{
    const synth_job *job = data;
    const synth_units *units = job->units;
    const synth_dataset *ds = job->ds;
    synth_rng r;
    povatlas_synth_rng_init(&r, job->seed, 0xE817);
    g_autoptr(GString) line = g_string_sized_new(128);
    if (fputs("STT,Mã hộ,Mã đơn vị,Tên đơn vị,Năm rà soát,Lý do\n", fp) == EOF)
        return POVATLAS_E_IO;
    const GArray *a = ds->hh[0], *b = ds->hh[1];
    size_t j = 0, stt = 0;
    for (size_t i = 0; i < a->len; i++) {
        const synth_hh *h = &g_array_index(a, synth_hh, i);
        while (j < b->len &&
               cmp_unit_seq(&g_array_index(b, synth_hh, j), h) < 0)
            j++;
        if (j < b->len && cmp_unit_seq(&g_array_index(b, synth_hh, j), h) == 0)
            continue;
        format_exit(line, units, h, ++stt, SYNTH_YEAR0 + 1,
                    draw_reason(&r, h->status));
        if (fwrite(line->str, 1, line->len, fp) != line->len)
            return POVATLAS_E_IO;
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_synth_write_exits(const synth_units *units,
                                           const synth_dataset *ds,
                                           uint32_t seed, const char *path,
                                           povatlas_error **err)
{
    synth_job j = {units, ds, 0, seed};
    return povatlas_synth_write_file(path, exit_rows, &j, err);
}
