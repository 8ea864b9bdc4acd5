/*
 * cmd_stats.c - `povatlas stats FILE --field F --id ID ...`: global and
 * local spatial statistics of any polygon layer, named as GeoDa, R spdep
 * and PySAL name them, as CSV or JSON. povatlas_spatial_layer_analyze()
 * does the work; this file parses, prints and sets the exit code.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "povatlas/spatial.h"

typedef struct stats_args {
    gchar *layer, *field, *id, *weights, *rate, *t_srs, *format, *out;
    gdouble snap, band, alpha;
    gint k, permutations;
    gint64 seed;
    gboolean fdr, global;
} stats_args;

static void stats_args_clear(stats_args *a)
{
    g_free(a->layer);
    g_free(a->field);
    g_free(a->id);
    g_free(a->weights);
    g_free(a->rate);
    g_free(a->t_srs);
    g_free(a->format);
    g_free(a->out);
}

static void add_entries(GOptionContext *ctx, stats_args *a)
{
    GOptionEntry e[] = {
        {"layer", 0, 0, G_OPTION_ARG_STRING, &a->layer,
         "layer name (default: the first)", "L"},
        {"field", 0, 0, G_OPTION_ARG_STRING, &a->field,
         "numeric field to analyse", "F"},
        {"id", 0, 0, G_OPTION_ARG_STRING, &a->id,
         "field that names each unit (default: feature id)", "ID"},
        {"rate", 0, 0, G_OPTION_ARG_STRING, &a->rate,
         "analyse POOR/TOTAL and add EB-smoothed rates", "POOR/TOTAL"},
        {"weights", 0, 0, G_OPTION_ARG_STRING, &a->weights,
         "queen|rook|queen_dist|knn|distance (default queen)", "W"},
        {"snap", 0, 0, G_OPTION_ARG_DOUBLE, &a->snap,
         "contiguity tolerance in metres (default 50)", "METRES"},
        {"k", 0, 0, G_OPTION_ARG_INT, &a->k, "neighbours for knn (4)", "N"},
        {"band", 0, 0, G_OPTION_ARG_DOUBLE, &a->band, "distance band in metres",
         "METRES"},
        {"t_srs", 0, 0, G_OPTION_ARG_STRING, &a->t_srs,
         "metric CRS (default: UTM zone of the layer's centre)", "CRS"},
        {"permutations", 0, 0, G_OPTION_ARG_INT, &a->permutations,
         "conditional permutations for pseudo p and LISA (0)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &a->seed,
         "random seed of the permutations (1)", "S"},
        {"alpha", 0, 0, G_OPTION_ARG_DOUBLE, &a->alpha,
         "LISA significance level (0.05)", "A"},
        {"fdr", 0, 0, G_OPTION_ARG_NONE, &a->fdr,
         "LISA significance by false discovery rate", NULL},
        {"format", 0, 0, G_OPTION_ARG_STRING, &a->format,
         "csv (default) or json", "FMT"},
        {"global", 0, 0, G_OPTION_ARG_NONE, &a->global,
         "csv: print the one-row global table instead of the units", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a->out,
         "write to OUT instead of standard output", "OUT"},
        G_OPTION_ENTRY_NULL};
    g_option_context_add_main_entries(ctx, e, NULL);
}

/* Fills @o from @a; FALSE (message printed) on a usage error. */
static gboolean to_opts(const stats_args *a, povatlas_spatial_opts *o,
                        gchar **rate_parts)
{
    povatlas_spatial_opts_init(o);
    o->layer = a->layer;
    o->field = a->field;
    o->id_field = a->id;
    o->t_srs = a->t_srs;
    if (a->weights &&
        !povatlas_spatial_weights_parse(a->weights, &o->weights)) {
        fprintf(stderr, "povatlas stats: unknown weights '%s'\n", a->weights);
        return FALSE;
    }
    if (a->rate) {
        if (!rate_parts[0] || !rate_parts[1] || rate_parts[2] ||
            !*rate_parts[0] || !*rate_parts[1]) {
            fprintf(stderr, "povatlas stats: --rate wants POOR/TOTAL\n");
            return FALSE;
        }
        o->rate_events = rate_parts[0];
        o->rate_population = rate_parts[1];
    }
    o->snap_m = a->snap;
    o->k = a->k;
    o->band_m = a->band;
    o->permutations = a->permutations;
    if (a->seed != G_MININT64 && a->seed < 0) {
        fprintf(
            stderr,
            "povatlas stats: --seed must be 0 or more, found %" G_GINT64_FORMAT
            "\n",
            a->seed);
        return FALSE;
    }
    o->seed = a->seed != G_MININT64 ? (uint64_t)a->seed : o->seed;
    o->alpha = a->alpha;
    o->fdr = a->fdr;
    return TRUE;
}

/* For CSV the caveat, the islands and left-out units go to stderr, so that
 * standard output stays one clean table. */
static void print_notes(const povatlas_spatial_result *r)
{
    if (r->caveat)
        fprintf(stderr, "povatlas stats: caveat: %s\n", r->caveat);
    if (r->n_islands) {
        fprintf(stderr,
                "povatlas stats: %zu unit(s) without neighbours "
                "(%s), local statistics undefined:",
                r->n_islands, r->weights);
        for (size_t i = 0; i < r->n_islands; i++)
            fprintf(stderr, " %s", r->islands[i]);
        fprintf(stderr, "\n");
    }
    if (r->note)
        fprintf(stderr, "povatlas stats: %s\n", r->note);
}

static int run(const char *path, const stats_args *a,
               const povatlas_spatial_opts *o, povatlas_spatial_format fmt)
{
    povatlas_error *err = NULL;
    povatlas_spatial_result *r = povatlas_spatial_layer_analyze(path, o, &err);
    if (!r)
        return cli_fail(err);
    if (fmt != POVATLAS_SPATIAL_JSON)
        print_notes(r);
    povatlas_status st = POVATLAS_OK;
    if (a->out) {
        st = povatlas_spatial_result_write(r, fmt, a->out, &err);
    } else {
        g_autofree char *text = povatlas_spatial_result_format(r, fmt);
        fputs(text, stdout);
    }
    povatlas_spatial_result_free(r);
    return st ? cli_fail(err) : CLI_EXIT_OK;
}

int cmd_stats(int argc, char **argv)
{
    /* the library's defaults, so that a value given is passed on as is
     * and the library range-checks it (--alpha NaN was taken as 0.05) */
    povatlas_spatial_opts defaults;
    povatlas_spatial_opts_init(&defaults);
    stats_args a = {.snap = defaults.snap_m,
                    .k = defaults.k,
                    .alpha = defaults.alpha,
                    .seed = G_MININT64}; /* not given */
    g_autoptr(GOptionContext) ctx = g_option_context_new(
        "FILE - spatial statistics of a polygon layer (GeoDa/spdep names)");
    add_entries(ctx, &a);
    if (!cli_parse(ctx, &argc, &argv))
        return stats_args_clear(&a), CLI_EXIT_USAGE;
    int rc = CLI_EXIT_USAGE;
    g_auto(GStrv) rate = g_strsplit(a.rate ? a.rate : "", "/", -1);
    povatlas_spatial_opts o;
    gboolean json = a.format && strcmp(a.format, "json") == 0;
    if (argc != 2)
        fprintf(stderr, "povatlas stats: give one FILE (see --help)\n");
    else if (a.format && !json && strcmp(a.format, "csv") != 0)
        fprintf(stderr, "povatlas stats: --format is csv or json\n");
    else if (to_opts(&a, &o, rate))
        rc = run(argv[1], &a, &o,
                 json       ? POVATLAS_SPATIAL_JSON
                 : a.global ? POVATLAS_SPATIAL_CSV_GLOBAL
                            : POVATLAS_SPATIAL_CSV_LOCAL);
    stats_args_clear(&a);
    return rc;
}
