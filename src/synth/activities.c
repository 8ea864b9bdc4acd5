/*
 * activities.c - the SYNTHETIC 2023 activity records of the demo dataset
 * (geodata/activities_2023.csv): what each program did in each ward,
 * derived from the synthetic household lists so that the numbers are
 * consistent with them and with the city plan (13 new houses, built in the
 * wards with the highest poor rates, docs/domain-rules.md §5.4/§6.2). Shares
 * and unit costs are round illustrative figures, not program data. No
 * randomness: the same lists give the same file.
 */
#include "synth/synth_private.h"

#define ACT_YEAR_INDEX 1 /* 2023 */
#define NEW_HOUSES 13

/* Program, share of the target group reached (per mille), VND per
 * household, skip the k poorest wards (leaves coverage gaps to find). */
static const struct {
    const char *code;
    int poor_pm, near_pm;
    int64_t vnd_per_hh;
    const char *agency;
} PLAN[] = {
    {"BHYT", 1000, 900, 1100000, "Bảo hiểm xã hội thành phố"},
    {"VBSP", 300, 250, 50000000, "Ngân hàng Chính sách xã hội"},
    {"DA4.1", 120, 80, 3000000, "Phòng Lao động – Thương binh và Xã hội"},
    {"DA2", 150, 60, 10000000, "Phòng Lao động – Thương binh và Xã hội"},
    {"DA6.1", 200, 150, 500000, "Phòng Văn hóa và Thông tin"},
};

typedef struct ward_n {
    int64_t poor, near;
    double rate;
} ward_n;

static void count_wards(const synth_dataset *ds, ward_n *w)
{
    const GArray *hh = ds->hh[ACT_YEAR_INDEX];
    for (guint i = 0; i < hh->len; i++) {
        const synth_hh *h = &g_array_index(hh, synth_hh, i);
        if (h->status == SYNTH_POOR)
            w[h->unit].poor++;
        else
            w[h->unit].near++;
    }
    for (size_t u = 0; u < ds->n_units; u++)
        w[u].rate =
            ds->households[ACT_YEAR_INDEX][u] > 0
                ? (double)w[u].poor / (double)ds->households[ACT_YEAR_INDEX][u]
                : 0;
}

static void add_row(GString *out, const char *program, const char *code,
                    int64_t poor, int64_t near, int64_t vnd, const char *agency)
{
    g_string_append_printf(out,
                           "%s,%s,%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                           ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                           program, code, SYNTH_YEAR0 + ACT_YEAR_INDEX,
                           poor + near, poor, near, (poor + near) * vnd);
    povatlas_synth_csv_field(out, agency);
    g_string_append(out, ",synthetic\n");
}

/* The 13 houses go to the poorest wards, 4 + 3 + 3 + 3. */
static void add_houses(GString *out, const synth_units *units, const ward_n *w)
{
    size_t *order = g_new(size_t, units->n);
    for (size_t i = 0; i < units->n; i++)
        order[i] = i;
    for (size_t i = 1; i < units->n; i++) /* insertion sort, rate desc */
        for (size_t j = i; j > 0 && w[order[j]].rate > w[order[j - 1]].rate;
             j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    static const int HOUSES[] = {4, 3, 3, 3};
    for (size_t k = 0; k < G_N_ELEMENTS(HOUSES) && k < units->n; k++)
        add_row(out, "NHA", units->v[order[k]].code, HOUSES[k], 0, 40000000,
                "Phòng Lao động – Thương binh và Xã hội");
    g_free(order);
}

povatlas_status povatlas_synth_write_activities(const synth_units *units,
                                                const synth_dataset *ds,
                                                const char *path,
                                                povatlas_error **err)
{
    ward_n *w = g_new0(ward_n, ds->n_units);
    count_wards(ds, w);
    GString *out =
        g_string_new("program,unit_code,year,households_reached,poor_reached,"
                     "near_poor_reached,budget_vnd,agency,source\n");
    add_houses(out, units, w);
    for (size_t p = 0; p < G_N_ELEMENTS(PLAN); p++)
        for (size_t u = 0; u < units->n; u++) {
            /* DA2 livelihood models skip every third ward: the plan cannot
             * run them everywhere, and coverage should show where */
            if (strcmp(PLAN[p].code, "DA2") == 0 && u % 3 == 1)
                continue;
            int64_t poor = w[u].poor * PLAN[p].poor_pm / 1000;
            int64_t near = w[u].near * PLAN[p].near_pm / 1000;
            if (poor + near > 0)
                add_row(out, PLAN[p].code, units->v[u].code, poor, near,
                        PLAN[p].vnd_per_hh, PLAN[p].agency);
        }
    GError *ge = NULL;
    povatlas_status st = POVATLAS_OK;
    if (!g_file_set_contents(path, out->str, (gssize)out->len, &ge)) {
        st = povatlas_error_set(err, POVATLAS_E_IO, "cannot write %s: %s", path,
                                ge->message);
        g_error_free(ge);
    }
    g_string_free(out, TRUE);
    g_free(w);
    return st;
}
