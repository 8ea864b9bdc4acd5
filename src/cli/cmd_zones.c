/*
 * cmd_zones.c - `povatlas zones [--derive] [--coast-km 1] [--centre
 * CODE|LON,LAT] [--periurban-km 2.5] [--override FILE]`: each ward's zone
 * and the rule that gave it; the library stores derived zones (units.zone
 * and the zone_code indicator).
 */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "povatlas/zones.h"

static const char *rule_text(povatlas_zone_rule r, int en)
{
    static const char *const VI[] = {
        "theo bảng đơn vị", "gần bờ biển", "đơn vị nông thôn (xã)",
        "xa trung tâm",     "còn lại",     "tệp điều chỉnh"};
    static const char *const EN[] = {"shipped (unit table)", "near coastline",
                                     "rural unit (xã)",      "far from centre",
                                     "otherwise central",    "override file"};
    return en ? EN[r] : VI[r];
}

int cmd_zones(int argc, char **argv)
{
    g_auto(cli_report) rep = {0};
    povatlas_zones_opts o;
    povatlas_zones_opts_init(&o);
    gboolean derive = FALSE;
    g_autofree gchar *centre = NULL, *override = NULL;
    GOptionEntry entries[] = {
        {"derive", 0, 0, G_OPTION_ARG_NONE, &derive,
         "derive zones from the coastline, unit type and distance", NULL},
        {"coast-km", 0, 0, G_OPTION_ARG_DOUBLE, &o.coast_km,
         "coastal within this distance of the coastline (1)", "KM"},
        {"centre", 0, 0, G_OPTION_ARG_STRING, &centre,
         "centre ward or LON,LAT (default: densest ward)", "CODE|LON,LAT"},
        {"periurban-km", 0, 0, G_OPTION_ARG_DOUBLE, &o.periurban_km,
         "peri-urban beyond this distance from the centre (2.5)", "KM"},
        {"override", 0, 0, G_OPTION_ARG_FILENAME, &override,
         "CSV code,zone that overrides the rules", "FILE"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(&rep, "- coastal, peri-urban and central zones",
                          entries, FALSE, &argc, &argv))
        return CLI_EXIT_USAGE;
    o.derive = derive;
    o.centre = centre;
    o.override_path = override;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&rep, NULL, &err);
    if (!ws)
        return cli_fail(err);
    povatlas_zone_list *zl = povatlas_zones_report(ws, &o, &err);
    povatlas_workspace_close(ws);
    if (!zl)
        return cli_fail(err);
    int en = g_strcmp0(rep.lang, "en") == 0;
    if (zl->centre_code)
        printf("%s: %s\n", en ? "centre" : "trung tâm", zl->centre_code);
    for (size_t i = 0; i < zl->n; i++) {
        const povatlas_zone_row *r = &zl->rows[i];
        printf("%s %-12s %-10s %-24s", r->code, r->name,
               povatlas_zone_label(r->zone, rep.lang), rule_text(r->rule, en));
        if (!isnan(r->coast_m))
            printf(" %s %5.2f km, %s %5.2f km", en ? "coast" : "bờ biển",
                   r->coast_m / 1000, en ? "centre" : "trung tâm",
                   r->centre_m / 1000);
        printf("\n");
    }
    povatlas_zone_list_free(zl);
    return CLI_EXIT_OK;
}
