/*
 * cmd_import.c - `povatlas import KIND FILE`: brings a file into the
 * workspace; every rejected row is printed as FILE:ROW: column NAME: why.
 * `--builtin` instead of FILE takes the table shipped in the data folder.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "povatlas/programs.h"

typedef povatlas_status (*import_fn)(povatlas_workspace *, const char *,
                                     const povatlas_import_opts *,
                                     povatlas_report *,
                                     povatlas_import_result *,
                                     povatlas_error **);

static const struct {
    const char *kind;
    import_fn fn;
} KINDS[] = {
    {"households", povatlas_import_households},
    {"stats", povatlas_import_ward_stats},
    {"boundaries", povatlas_import_boundaries},
    {"units", povatlas_import_units},
    {"crosswalk", povatlas_import_crosswalk},
    {"context", povatlas_import_context},
    {"targets", povatlas_import_targets},
    {"standards", povatlas_import_standards},
    {"b1-cutoffs", povatlas_import_b1_cutoffs},
    {"exits", povatlas_import_exits},
    {"programs", povatlas_import_programs},
    {"activities", povatlas_import_activities},
};

static import_fn find_kind(const char *kind)
{
    for (size_t i = 0; kind && i < G_N_ELEMENTS(KINDS); i++)
        if (strcmp(kind, KINDS[i].kind) == 0)
            return KINDS[i].fn;
    return NULL;
}

/* "households, stats, ...": every kind, from the table above. */
static char *kinds_text(void)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(KINDS); i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", KINDS[i].kind);
    return g_string_free(s, FALSE);
}

static gboolean parse_engine(const char *s, povatlas_csv_engine *out)
{
    if (!s || strcmp(s, "auto") == 0)
        *out = POVATLAS_CSV_AUTO;
    else if (strcmp(s, "gdal") == 0)
        *out = POVATLAS_CSV_GDAL;
    else if (strcmp(s, "fast") == 0)
        *out = POVATLAS_CSV_FAST;
    else
        return FALSE;
    return TRUE;
}

static int run_import(const cli_common *common, import_fn fn, const char *file,
                      povatlas_import_opts *opts)
{
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(common, &err);
    if (!ws)
        return cli_fail(err);
    cli_progress progress;
    cli_progress_init(&progress, common->quiet);
    opts->progress = cli_progress_cb;
    opts->progress_data = &progress;
    povatlas_report *report = povatlas_report_new();
    povatlas_import_result result;
    povatlas_status st = fn(ws, file, opts, report, &result, &err);
    cli_progress_done(&progress);
    cli_print_report(report, common->quiet);
    povatlas_report_free(report);
    povatlas_workspace_close(ws);
    if (st)
        return cli_fail(err);
    if (common->quiet)
        return CLI_EXIT_OK;
    printf("%s: %" G_GINT64_FORMAT " rows imported", file,
           result.rows_imported);
    if (result.sheets_read > 1 || result.sheets_skipped > 0)
        printf(" from %d sheets (%d skipped)", result.sheets_read,
               result.sheets_skipped);
    if (result.rows_skipped > 0)
        printf(", %" G_GINT64_FORMAT " rows without data skipped (listed "
               "above)",
               result.rows_skipped);
    printf("\n");
    return CLI_EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
    cli_common common = {0};
    gint year = 0;
    gboolean replace = FALSE, synthetic = FALSE, schematic = FALSE;
    gboolean builtin = FALSE;
    g_autofree gchar *layer = NULL, *engine = NULL, *mapping = NULL;
    g_autofree gchar *code_field = NULL, *name_field = NULL;
    g_autofree gchar *sheet = NULL;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year,
         "review year, when the file has no year column", "YEAR"},
        {"replace", 0, 0, G_OPTION_ARG_NONE, &replace,
         "replace the households of the same year", NULL},
        {"layer", 'l', 0, G_OPTION_ARG_STRING, &layer, "layer or sheet name",
         "NAME"},
        {"sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
         "workbook sheet to read, or 'all' (default: every sheet whose "
         "headers match)",
         "NAME|all"},
        {"csv-engine", 0, 0, G_OPTION_ARG_STRING, &engine,
         "auto (default), gdal or fast", "ENGINE"},
        {"mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping,
         "column mapping key file ([columns] header = field)", "FILE"},
        {"synthetic", 0, 0, G_OPTION_ARG_NONE, &synthetic,
         "mark the data as synthetic (maps say so)", NULL},
        {"schematic", 0, 0, G_OPTION_ARG_NONE, &schematic,
         "boundaries are schematic, not official (maps say so)", NULL},
        {"builtin", 0, 0, G_OPTION_ARG_NONE, &builtin,
         "instead of FILE, the table shipped with povatlas (units, "
         "crosswalk, standards)",
         NULL},
        {"code-field", 0, 0, G_OPTION_ARG_STRING, &code_field,
         "boundaries: the attribute holding the ward code", "NAME"},
        {"name-field", 0, 0, G_OPTION_ARG_STRING, &name_field,
         "boundaries: the attribute holding the ward name (matched by the "
         "year's units)",
         "NAME"},
        G_OPTION_ENTRY_NULL};
    g_autofree char *kinds = kinds_text();
    g_autofree char *what =
        g_strdup_printf("KIND FILE|--builtin - import a file; KIND: %s", kinds);
    if (!cli_parse_options(what, entries, &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    import_fn fn = argc == (builtin ? 2 : 3) ? find_kind(argv[1]) : NULL;
    povatlas_import_opts opts;
    povatlas_import_opts_init(&opts);
    if (sheet && layer) {
        fprintf(stderr, "povatlas import: give --sheet or --layer, not "
                        "both\n");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    if (sheet && strcmp(sheet, "all") == 0)
        opts.sheets = POVATLAS_SHEETS_ALL;
    else if (sheet)
        opts.layer = sheet;
    else
        opts.layer = layer;
    if (!fn || !parse_engine(engine, &opts.csv_engine)) {
        fprintf(stderr,
                "povatlas import: expected KIND %s with KIND one "
                "of %s\n",
                builtin ? "--builtin (and no FILE)" : "FILE", kinds);
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    g_autofree char *file =
        builtin ? povatlas_builtin_table_path(argv[1]) : g_strdup(argv[2]);
    if (!file) {
        fprintf(stderr,
                "povatlas import: povatlas ships no %s table; "
                "--builtin is for %s\n",
                argv[1], povatlas_builtin_table_kinds());
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    opts.year = year;
    opts.replace = replace;
    opts.mapping = mapping;
    opts.synthetic = synthetic;
    opts.schematic = schematic;
    opts.code_field = code_field;
    opts.name_field = name_field;
    int rc = run_import(&common, fn, file, &opts);
    cli_common_clear(&common);
    return rc;
}
