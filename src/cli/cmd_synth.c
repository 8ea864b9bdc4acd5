/*
 * cmd_synth.c - `povatlas synth`: writes the synthetic demo dataset
 * (ward_stats.csv, households_2022.csv, households_2023.csv), or with
 * --format bench a big benchmark file. Parses options, calls
 * povatlas_synth_write() / povatlas_synth_bench_write(), prints errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "povatlas_synth.h"

typedef struct synth_args {
    gint seed;
    gchar *units;
    gchar *output;
    gchar *format;
    gint64 rows;
    gint communes;
    gboolean quiet;
} synth_args;

static int print_error(povatlas_error *err)
{
    char *text = povatlas_error_format(err);
    fprintf(stderr, "povatlas synth: %s\n", text);
    free(text);
    int code = err->code == POVATLAS_E_USAGE ? 2 : 1;
    povatlas_error_free(err);
    return code;
}

static int bench_progress(double fraction, const char *message, void *ud)
{
    (void)message;
    (void)ud;
    fprintf(stderr, "\r%3d %%", (int)(fraction * 100.0 + 0.5));
    return 1;
}

static int run_bench(const synth_args *a)
{
    povatlas_synth_bench_opts o;
    povatlas_synth_bench_opts_init(&o);
    if (a->seed >= 0)
        o.seed = (uint32_t)a->seed;
    if (a->rows > 0)
        o.rows = (uint64_t)a->rows;
    if (a->communes > 0)
        o.communes = (uint32_t)a->communes;
    o.out_path = a->output;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_synth_bench_write(
        &o, a->quiet ? NULL : bench_progress, NULL, &err);
    if (!a->quiet)
        fputc('\n', stderr);
    return st ? print_error(err) : 0;
}

static int run_demo(const synth_args *a)
{
    povatlas_synth_opts o;
    povatlas_synth_opts_init(&o);
    if (a->seed >= 0)
        o.seed = (uint32_t)a->seed;
    o.units_path = a->units;
    o.out_dir = a->output;
    povatlas_error *err = NULL;
    povatlas_status st = povatlas_synth_write(&o, &err);
    return st ? print_error(err) : 0;
}

static int dispatch(const synth_args *a)
{
    if (!a->format || strcmp(a->format, "demo") == 0)
        return run_demo(a);
    if (strcmp(a->format, "bench") != 0) {
        fprintf(stderr, "povatlas synth: unknown format '%s' (demo, bench)\n",
                a->format);
        return 2;
    }
    if (!a->output) {
        fprintf(stderr, "povatlas synth: --format bench needs -o FILE.csv\n");
        return 2;
    }
    return run_bench(a);
}

int cmd_synth(int argc, char **argv)
{
    synth_args a = {.seed = -1};
    GOptionEntry entries[] = {
        {"seed", 0, 0, G_OPTION_ARG_INT, &a.seed, "Seed (default 1; bench 2)",
         "N"},
        {"units", 0, 0, G_OPTION_ARG_FILENAME, &a.units,
         "Unit table (default: units.csv of the data folder)", "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
         "Output folder (demo; default: the current folder) or file (bench)",
         "PATH"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &a.format,
         "demo (default) or bench", "FORMAT"},
        {"rows", 0, 0, G_OPTION_ARG_INT64, &a.rows,
         "Bench rows (default 1000000)", "N"},
        {"communes", 0, 0, G_OPTION_ARG_INT, &a.communes,
         "Bench communes (default 10600)", "K"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &a.quiet, "No progress", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx =
        g_option_context_new("- write the synthetic demo dataset");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *gerr = NULL;
    int code;
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        fprintf(stderr, "povatlas synth: %s\n", gerr->message);
        g_error_free(gerr);
        code = 2;
    } else if (argc > 1) {
        fprintf(stderr, "povatlas synth: unexpected argument '%s'\n", argv[1]);
        code = 2;
    } else {
        code = dispatch(&a);
    }
    g_option_context_free(ctx);
    g_free(a.units);
    g_free(a.output);
    g_free(a.format);
    return code;
}
