/*
 * zone_gap.c - the poor-household rate of each zone (coastal, peri-urban,
 * central) per year from the zone's summed counts (a rate of sums, not a
 * mean of ward rates), and the bar chart that shows the gap between them.
 */
#include <math.h>
#include <string.h>

#include "povatlas/analysis.h"
#include "render/render_private.h"

const char *const povatlas_zone_codes[3] = {"coastal", "periurban", "central"};

static int zone_index(const char *z)
{
    for (int i = 0; i < 3; i++)
        if (g_strcmp0(z, povatlas_zone_codes[i]) == 0)
            return i;
    return -1;
}

static povatlas_status year_rates(povatlas_workspace *ws, int year,
                                  double out[3], povatlas_error **err)
{
    const char *names[] = {POVATLAS_IND_POOR, POVATLAS_IND_HOUSEHOLDS};
    povatlas_error *why = NULL;
    povatlas_indicator_table *t =
        povatlas_workspace_indicator_table(ws, year, names, 2, &why);
    if (!t)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    double poor[3] = {0}, hh[3] = {0};
    int unknown[3] = {0};
    for (size_t i = 0; i < t->units->n; i++) {
        int z = zone_index(t->units->rows[i].zone);
        if (z < 0 || !t->defined[2 * i + 1])
            continue;
        if (!t->defined[2 * i]) { /* no review list: the zone's rate is */
            unknown[z] = 1;       /* unknown, not a rate of the others */
            continue;
        }
        poor[z] += t->values[2 * i];
        hh[z] += t->values[2 * i + 1];
    }
    for (int z = 0; z < 3; z++)
        out[z] = hh[z] > 0 && !unknown[z]
                     ? round(10000.0 * poor[z] / hh[z]) / 100.0
                     : NAN;
    povatlas_indicator_table_free(t);
    return POVATLAS_OK;
}

povatlas_status povatlas_zone_rates(povatlas_workspace *ws, int y0, int y1,
                                    double *rates, povatlas_error **err)
{
    int ny = y1 - y0 + 1;
    for (int y = 0; y < ny; y++) {
        double r[3];
        povatlas_status st = year_rates(ws, y0 + y, r, err);
        if (st)
            return st;
        for (int z = 0; z < 3; z++)
            rates[z * ny + y] = r[z];
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_map_zone_gap(povatlas_workspace *ws,
                                      const povatlas_indicator_map_opts *o,
                                      const char *path, povatlas_error **err)
{
    int en = g_strcmp0(o->lang, "en") == 0;
    int y1 = o->year;
    if (!y1) {
        povatlas_status st = povatlas_workspace_latest_year(ws, &y1, err);
        if (st)
            return st;
    }
    int y0 = o->from_year ? o->from_year : y1 - 1;
    if (y1 <= 0 && !o->year)
        return povatlas_workspace_require(ws, 0, 0, err);
    if (y1 <= 0 || y0 > y1 || y1 - y0 > 3)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "zone-gap needs 1 to 4 years, not %d-%d", y0,
                                  y1);
    int ny = y1 - y0 + 1;
    double rates[12], by_year[4][3];
    povatlas_status st = povatlas_zone_rates(ws, y0, y1, rates, err);
    if (st)
        return st;
    povatlas_chart_series series[4];
    char names[4][8];
    for (int y = 0; y < ny; y++) {
        for (int z = 0; z < 3; z++)
            by_year[y][z] = rates[z * ny + y];
        g_snprintf(names[y], sizeof names[y], "%d", y0 + y);
        series[y] = (povatlas_chart_series){names[y], by_year[y]};
    }
    const char *cats_vi[] = {"Ven biển", "Ven đô", "Nội thị"};
    const char *cats_en[] = {"Coastal", "Peri-urban", "Central"};
    int synthetic = 0; /* the stamp must not be lost to a failed read */
    st = povatlas_workspace_is_synthetic(ws, &synthetic, err);
    if (st)
        return st;
    povatlas_chart c = {0};
    c.title = en ? "Poor-household rate by zone" : "Tỷ lệ hộ nghèo theo vùng";
    c.subtitle = en ? "rate of summed counts of the zone's wards"
                    : "tỷ lệ tính từ tổng số hộ của các phường, xã trong vùng";
    c.y_label = en ? "% of households" : "% số hộ";
    c.source_note = synthetic
                        ? (en ? "SYNTHETIC DATA — not real households."
                              : "DỮ LIỆU GIẢ LẬP — không phải số liệu thật.")
                        : NULL;
    c.categories = en ? cats_en : cats_vi;
    c.n_categories = 3;
    c.series = series;
    c.n_series = (size_t)ny;
    c.decimals = 2;
    c.value_suffix = " %";
    c.lang = en ? "en" : "vi";
    c.width_px = o->width_px;
    c.height_px = o->height_px;
    c.dpi = o->dpi;
    return povatlas_chart_render_bars(&c, path, err);
}
