/*
 * cmd_demo.c - `povatlas demo`: the whole pipeline on the embedded dataset
 * (geodata/dataset.ini) into --out DIR (default out/demo): workspace,
 * classification, indicators, the poor-rate map (PNG, SVG), the ward
 * GeoPackage, and the printed summary against the plan's targets.
 */
#include <stdio.h>

#include "cli.h"
#include "povatlas/transitions.h"

typedef struct demo_paths {
    char *dir, *db, *maps, *png, *svg, *gpkg, *dataset;
} demo_paths;

static void demo_paths_init(demo_paths *p, const char *dir)
{
    p->dir = g_strdup(dir);
    p->db = g_build_filename(dir, "atlas.sqlite", NULL);
    p->maps = g_build_filename(dir, "maps", NULL);
    p->png = g_build_filename(p->maps, "poor_rate.png", NULL);
    p->svg = g_build_filename(p->maps, "poor_rate.svg", NULL);
    p->gpkg = g_build_filename(dir, "atlas.gpkg", NULL);
    p->dataset = povatlas_data_path("dataset.ini");
}

static void demo_paths_clear(demo_paths *p)
{
    g_free(p->dir);
    g_free(p->db);
    g_free(p->maps);
    g_free(p->png);
    g_free(p->svg);
    g_free(p->gpkg);
    g_free(p->dataset);
}

/* One map of each type and the briefing atlas. */
static povatlas_status write_extra_maps(povatlas_workspace *ws,
                                        const demo_paths *p, const char *lang,
                                        povatlas_error **err)
{
    static const char *const types[] = {"change",  "zone", "zone-gap",
                                        "symbols", "dots", "bivariate",
                                        "lisa"};
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < G_N_ELEMENTS(types); i++) {
        povatlas_indicator_map_opts mo;
        povatlas_indicator_map_opts_init(&mo);
        mo.lang = lang;
        povatlas_map_type_parse(types[i], &mo.type);
        if (g_str_equal(types[i], "lisa"))
            mo.indicator = "lisa_category"; /* written by povatlas analyze */
        g_autofree char *name = g_strdup_printf("%s.png", types[i]);
        g_autofree char *path = g_build_filename(p->maps, name, NULL);
        st = povatlas_map_indicator(ws, &mo, path, NULL, err);
    }
    g_autofree char *pdf = g_build_filename(p->maps, "briefing.pdf", NULL);
    povatlas_atlas_opts ao;
    povatlas_atlas_opts_init(&ao);
    ao.lang = lang;
    return st ? st : povatlas_atlas_write(ws, &ao, pdf, err);
}

static povatlas_status build(povatlas_workspace *ws, const demo_paths *p,
                             const char *lang, cli_progress *progress,
                             povatlas_report *report, povatlas_error **err)
{
    povatlas_status st = povatlas_dataset_load(ws, p->dataset, report,
                                               cli_progress_cb, progress, err);
    if (!st)
        st = povatlas_classify_workspace(ws, 0, NULL, err);
    if (!st)
        st = povatlas_analyze(ws, cli_progress_cb, progress, err);
    if (!st)
        st = cli_store_planning(ws, 2023, err);
    if (!st) { /* stored whether or not the report is printed (-q) */
        povatlas_transitions *t = povatlas_transitions_compute(
            ws, 2022, 2023, POVATLAS_TRANSITIONS_COMPUTE_STORE, err);
        st = t ? POVATLAS_OK : POVATLAS_E_INPUT;
        povatlas_transitions_free(t);
    }
    povatlas_indicator_map_opts mo;
    povatlas_indicator_map_opts_init(&mo);
    mo.lang = lang;
    if (!st)
        st = povatlas_map_indicator(ws, &mo, p->png, NULL, err);
    if (!st)
        st = povatlas_map_indicator(ws, &mo, p->svg, NULL, err);
    if (!st)
        st = write_extra_maps(ws, p, lang, err);
    povatlas_export_opts eo;
    povatlas_export_opts_init(&eo);
    eo.overwrite = 1; /* the demo folder is rewritten on every run */
    if (!st)
        st = povatlas_export_wards(ws, p->gpkg, &eo, err);
    return st;
}

int cmd_demo(int argc, char **argv)
{
    cli_common common = {0};
    g_autofree gchar *out = NULL, *lang = NULL;
    GOptionEntry entries[] = {
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
         "output folder (default out/demo)", "DIR"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "vi (default) or en",
         "LANG"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- run the pipeline on the embedded dataset");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, &common);
    if (!cli_parse(ctx, &argc, &argv))
        return CLI_EXIT_USAGE;
    demo_paths p;
    demo_paths_init(&p, out ? out : "out/demo");
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_mkdir_p(p.maps, &err);
    povatlas_workspace *ws =
        st ? NULL : povatlas_workspace_create(p.db, 1, &err);
    povatlas_report *report = povatlas_report_new();
    cli_progress progress;
    cli_progress_init(&progress, common.quiet);
    if (ws)
        st = build(ws, &p, lang ? lang : "vi", &progress, report, &err);
    cli_progress_done(&progress);
    cli_print_report(report, common.quiet);
    povatlas_report_free(report);
    if (ws && !st && !common.quiet) {
        cli_print_summary(ws, lang ? lang : "vi");
        if (cli_print_transitions(ws, 2022, 2023, NULL, lang ? lang : "vi",
                                  &err) < 0)
            st = POVATLAS_E_INPUT;
        if (!st && (cli_print_gaps(ws, 2022, 2023, lang ? lang : "vi", &err) ||
                    cli_print_coverage(ws, 2023, NULL, lang ? lang : "vi",
                                       &err) ||
                    cli_print_priority(ws, 2023, 5, lang ? lang : "vi", &err)))
            st = POVATLAS_E_INPUT;
        printf("\nWrote %s (workspace), %s (GeoPackage) and %s/ (maps: "
               "poor_rate.png and .svg, change, zone, zone-gap, symbols, "
               "dots, bivariate, lisa, briefing.pdf)\n",
               p.db, p.gpkg, p.maps);
    }
    povatlas_workspace_close(ws);
    demo_paths_clear(&p);
    cli_common_clear(&common);
    return ws && !st ? CLI_EXIT_OK : cli_fail(err);
}
