/*
 * cmd_demo.c - `povatlas demo`: the whole pipeline on the embedded dataset
 * (geodata/dataset.ini) into --out DIR (povatlas_pipeline_run()), then the
 * printed summary, transitions, gaps, coverage and priority it computed.
 */
#include <stdio.h>

#include "cli.h"

/* The reports of the run on stdout, in the order a reader wants them. */
static void print_reports(const povatlas_pipeline_result *res, const char *lang)
{
    cli_print_summary(res->summary, lang);
    if (res->transitions)
        cli_print_transitions(res->transitions, NULL, lang);
    if (res->gaps)
        cli_print_gaps(res->gaps, lang);
    cli_print_coverage(res->coverage, lang);
    cli_print_priority(res->priority, 5, lang);
    printf("\nWrote %s (workspace), %s (GeoPackage) and %s/ (maps: "
           "poor_rate.png and .svg, change, zone, zone-gap, symbols, "
           "dots, bivariate, lisa, briefing.pdf, briefing.html, slides/)\n",
           res->db_path, res->gpkg_path, res->maps_dir);
}

int cmd_demo(int argc, char **argv)
{
    cli_common common = {0};
    g_autofree gchar *out = NULL, *lang = NULL;
    GOptionEntry entries[] = {{"out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
                               "output folder (default out/demo)", "DIR"},
                              {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
                               "vi (default) or en", "LANG"},
                              G_OPTION_ENTRY_NULL};
    if (!cli_parse_options("- run the pipeline on the embedded dataset",
                           entries, &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_pipeline_opts o;
    povatlas_pipeline_opts_init(&o);
    if (out)
        o.out_dir = out;
    if (lang)
        o.lang = lang;
    o.db = common.db; /* NULL: OUT/atlas.sqlite */
    cli_progress progress;
    cli_progress_init(&progress, common.quiet);
    o.progress = cli_progress_cb;
    o.progress_data = &progress;
    povatlas_report *report = povatlas_report_new();
    povatlas_pipeline_result res;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_pipeline_run(&o, report, &res, &err);
    cli_progress_done(&progress);
    cli_print_report(report, common.quiet);
    povatlas_report_free(report);
    if (!st && !common.quiet)
        print_reports(&res, o.lang);
    povatlas_pipeline_result_clear(&res);
    cli_common_clear(&common);
    return st ? cli_fail(err) : CLI_EXIT_OK;
}
