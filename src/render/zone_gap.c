/*
 * zone_gap.c - the bar chart of the poor-household rate of each zone
 * (coastal, peri-urban, central) per year. The rates are analysis's, as
 * analyze stored them (povatlas_zone_rates_get(): a rate of summed counts,
 * exact, rounded once); the words are the zone table's. Nothing is
 * computed here.
 */
#include <math.h>
#include <string.h>

#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/zones.h"
#include "render/render_private.h"

povatlas_status povatlas_maps_zone_series(povatlas_workspace *ws, int y0,
                                          int y1, double *rates,
                                          povatlas_error **err)
{
    int ny = y1 - y0 + 1;
    for (int y = 0; y < ny; y++) {
        povatlas_zone_rates r[3];
        povatlas_status st = povatlas_zone_rates_get(ws, y0 + y, r, err);
        if (st)
            return st;
        for (int z = 0; z < 3; z++)
            rates[z * ny + y] = r[z].poor_hundredths >= 0
                                    ? (double)r[z].poor_hundredths / 100.0
                                    : NAN;
    }
    return POVATLAS_OK;
}

void povatlas_maps_zone_titles(int en, const char *titles[3])
{
    for (int z = 0; z < 3; z++) {
        const povatlas_zone_info *zi =
            povatlas_zone_info_of((povatlas_zone)(POVATLAS_ZONE_COASTAL + z));
        titles[z] = en ? zi->title_en : zi->title_vi;
    }
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
    povatlas_status st = povatlas_maps_zone_series(ws, y0, y1, rates, err);
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
    const char *cats[3];
    povatlas_maps_zone_titles(en, cats);
    int synthetic = 0; /* the stamp must not be lost to a failed read */
    st = povatlas_workspace_is_synthetic(ws, &synthetic, err);
    if (st)
        return st;
    povatlas_chart c = {0};
    c.title = en ? "Poor-household rate by zone" : "Tỷ lệ hộ nghèo theo vùng";
    c.subtitle = en ? "rate of summed counts of the zone's wards"
                    : "tỷ lệ tính từ tổng số hộ của các phường, xã trong vùng";
    c.y_label = en ? "% of households" : "% số hộ";
    g_autofree char *note =
        synthetic
            ? g_strdup_printf("%s.", povatlas_synthetic_note(en ? "en" : "vi"))
            : NULL;
    c.source_note = note;
    c.categories = cats;
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
