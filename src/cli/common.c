/*
 * common.c - what every command shares: the --db and -q options, option
 * parsing with usage errors told apart (exit 2), printing errors and row
 * reports on stderr, and the progress line.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The options of the last cli_add_common(), checked after parsing: a
 * command parses its arguments once. */
static cli_common *parsed_common;

void cli_add_common(GOptionContext *ctx, cli_common *common)
{
    GOptionEntry entries[] = {
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &common->db,
         "workspace: a file (default atlas.sqlite), or a PostgreSQL database "
         "(postgresql://USER@HOST/DBNAME or PG:\"dbname=...\"; the password "
         "from PGPASSWORD or ~/.pgpass)",
         "FILE|DB"},
        {"schema", 0, 0, G_OPTION_ARG_STRING, &common->schema,
         "the PostgreSQL schema of the workspace (default povatlas)", "NAME"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &common->quiet,
         "print nothing but errors", NULL},
        G_OPTION_ENTRY_NULL};
    g_option_context_add_main_entries(ctx, entries, NULL);
    parsed_common = common;
}

void cli_common_clear(cli_common *common)
{
    g_clear_pointer(&common->db, g_free);
    g_clear_pointer(&common->schema, g_free);
}

const char *cli_db(const cli_common *common)
{
    return common->db ? common->db : "atlas.sqlite";
}

/* --schema joins --db as GDAL spells it: active_schema=NAME. */
static gboolean finish_common(cli_common *c, const char *cmd)
{
    if (!c->schema)
        return TRUE;
    const char *db = cli_db(c);
    const char *why = NULL;
    if (!g_str_has_prefix(db, "postgresql://") &&
        !g_str_has_prefix(db, "postgres://") && !g_str_has_prefix(db, "PG:"))
        why = "--schema names a schema of a PostgreSQL --db, not of a file";
    else if (strstr(db, "active_schema"))
        why = "give the schema once: --schema, or active_schema in --db";
    if (why) {
        fprintf(stderr, "povatlas %s: %s\n", cmd, why);
        /* a command returns at once on a usage error: nothing to leak */
        cli_common_clear(c);
        return FALSE;
    }
    char *target = g_strdup_printf(
        "%s%sactive_schema=%s", db,
        g_str_has_prefix(db, "PG:") ? " " : (strchr(db, '?') ? "&" : "?"),
        c->schema);
    g_free(c->db);
    c->db = target;
    return TRUE;
}

gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv)
{
    GError *e = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &e)) {
        fprintf(stderr, "povatlas %s: %s\n", (*argv)[0], e->message);
        fprintf(stderr, "Run 'povatlas %s --help' for usage.\n", (*argv)[0]);
        g_error_free(e);
        return FALSE;
    }
    if (parsed_common && !finish_common(parsed_common, (*argv)[0]))
        return FALSE;
    return TRUE;
}

gboolean cli_parse_options(const char *summary, const GOptionEntry *entries,
                           cli_common *common, int *argc, char ***argv)
{
    g_autoptr(GOptionContext) ctx = g_option_context_new(summary);
    if (entries)
        g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_common(ctx, common);
    return cli_parse(ctx, argc, argv);
}

/* The command-line spelling of an option the library names (see
 * povatlas_error.option). */
static const char *flag_of(const char *option)
{
    static const char *const FLAGS[][2] = {
        {"year", "--year YEAR"},
        {"replace", "--replace"},
        {"force", "--force"},
        {"overwrite", "--overwrite"},
        {"format", "-f FORMAT"},
        {"code_field", "--code-field NAME, --name-field NAME"},
        {"name_field", "--name-field NAME"},
        {"centre", "--centre CODE|LON,LAT"},
        {"alpha", "--alpha A"},
        {"permutations", "--permutations N"},
        {"snap_m", "--snap METRES"},
        {"band_m", "--band METRES"}};
    for (size_t i = 0; i < G_N_ELEMENTS(FLAGS); i++)
        if (strcmp(option, FLAGS[i][0]) == 0)
            return FLAGS[i][1];
    return NULL;
}

char *cli_error_text(const povatlas_error *err)
{
    char *text = povatlas_error_format(err);
    const char *flag = err->option ? flag_of(err->option) : NULL;
    if (!flag)
        return text;
    char *with = g_strdup_printf("%s [%s]", text, flag);
    g_free(text);
    return with;
}

int cli_fail(povatlas_error *err)
{
    if (!err) {
        fprintf(stderr, "povatlas: failed\n");
        return CLI_EXIT_FAILURE;
    }
    g_autofree char *text = cli_error_text(err);
    fprintf(stderr, "povatlas: %s\n", text);
    int code =
        err->code == POVATLAS_E_USAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE;
    povatlas_error_free(err);
    return code;
}

void cli_print_report(const povatlas_report *report, gboolean quiet)
{
    if (!report)
        return;
    for (size_t i = 0; i < povatlas_report_n_errors(report); i++) {
        g_autofree char *t = cli_error_text(povatlas_report_error(report, i));
        fprintf(stderr, "%s\n", t);
    }
    for (size_t i = 0; !quiet && i < povatlas_report_n_warnings(report); i++) {
        g_autofree char *t =
            povatlas_error_format(povatlas_report_warning(report, i));
        fprintf(stderr, "warning: %s\n", t);
    }
    for (size_t i = 0; !quiet && i < povatlas_report_n_skipped(report); i++) {
        g_autofree char *t =
            povatlas_error_format(povatlas_report_skipped(report, i));
        fprintf(stderr, "skipped: %s\n", t);
    }
}

void cli_progress_init(cli_progress *p, gboolean quiet)
{
    *p = (cli_progress){quiet, g_get_monotonic_time(), 0, FALSE};
}

/* GDAL-style: a line on stderr once the work has taken a second. */
int cli_progress_cb(double fraction, const char *message, void *user_data)
{
    cli_progress *p = user_data;
    if (p->quiet)
        return 1;
    gint64 now = g_get_monotonic_time();
    if (now - p->start_us < 1000000 || now - p->last_us < 200000)
        return 1;
    p->last_us = now;
    p->shown = TRUE;
    if (fraction >= 0)
        fprintf(stderr, "\r%s: %3d %%   ", message ? message : "working",
                (int)(fraction * 100 + 0.5));
    else
        fprintf(stderr, "\r%s ...", message ? message : "working");
    fflush(stderr);
    return 1;
}

void cli_progress_done(cli_progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r%-40s\r", "");
    p->shown = FALSE;
}

int cli_year(povatlas_workspace *ws, int *year, povatlas_error **err)
{
    if (*year <= 0 && povatlas_workspace_latest_year(ws, year, err))
        return -1;
    return *year > 0 || !povatlas_workspace_require(ws, 0, 0, err) ? 0 : -1;
}

povatlas_workspace *cli_open(const cli_common *common, povatlas_error **err)
{
    return povatlas_workspace_open(cli_db(common), 0, err);
}

char *cli_pad(const char *s, int width)
{
    int pad = width - (int)g_utf8_strlen(s ? s : "", -1);
    return g_strdup_printf("%s%*s", s ? s : "", pad > 0 ? pad : 0, "");
}

void cli_print_padded(const char *s, int width, gboolean right)
{
    int pad = width - (int)g_utf8_strlen(s ? s : "", -1);
    if (right)
        printf("%*s%s", pad > 0 ? pad : 0, "", s ? s : "");
    else
        printf("%s%*s", s ? s : "", pad > 0 ? pad : 0, "");
}

char *cli_format_percent_h(int ok, int64_t hundredths, const char *lang)
{
    if (!ok)
        return g_strdup("–");
    g_autofree char *n = povatlas_format_hundredths(hundredths, lang);
    return g_strdup_printf("%s %%", n);
}

void cli_add_table_opts(GOptionContext *ctx, cli_table_opts *o)
{
    GOptionEntry entries[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format,
         "text (default), csv, json or xlsx", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
         "write the table to FILE (format from its extension: .txt, .csv, "
         ".json, .xlsx)",
         "FILE"},
        {"overwrite", 0, 0, G_OPTION_ARG_NONE, &o->overwrite,
         "replace an existing FILE", NULL},
        G_OPTION_ENTRY_NULL};
    g_option_context_add_main_entries(ctx, entries, NULL);
}

void cli_table_opts_clear(cli_table_opts *o)
{
    g_clear_pointer(&o->format, g_free);
    g_clear_pointer(&o->output, g_free);
}

int cli_table_wanted(const char *cmd, cli_table_opts *o)
{
    o->fmt = POVATLAS_TABLE_TEXT;
    if (o->format && !povatlas_table_format_parse(o->format, &o->fmt)) {
        fprintf(stderr,
                "povatlas %s: --format is text, csv, json or xlsx, not '%s'\n",
                cmd, o->format);
        return -1;
    }
    if (!o->format && o->output &&
        !povatlas_table_format_of_path(o->output, &o->fmt)) {
        fprintf(stderr,
                "povatlas %s: cannot tell the format of '%s' from its "
                "extension (.txt, .csv, .json, .xlsx); give --format\n",
                cmd, o->output);
        return -1;
    }
    if (o->fmt == POVATLAS_TABLE_XLSX && !o->output) {
        fprintf(stderr, "povatlas %s: XLSX needs -o FILE\n", cmd);
        return -1;
    }
    return o->output || o->fmt != POVATLAS_TABLE_TEXT;
}

int cli_emit_table(povatlas_table *t, const cli_table_opts *o, const char *lang,
                   gboolean quiet, povatlas_error *err)
{
    if (!t)
        return cli_fail(err);
    povatlas_status st = POVATLAS_OK;
    if (o->output) {
        st = povatlas_table_write(t, o->fmt, lang, o->output, o->overwrite,
                                  &err);
        if (!st && !quiet)
            printf("wrote %s\n", o->output);
    } else {
        g_autofree char *text = povatlas_table_to_string(t, o->fmt, lang, &err);
        if (text)
            fputs(text, stdout);
        else
            st = POVATLAS_E_USAGE;
    }
    povatlas_table_free(t);
    if (!st)
        return CLI_EXIT_OK;
    gboolean refused = o->output && !o->overwrite && err &&
                       err->code == POVATLAS_E_USAGE &&
                       g_file_test(o->output, G_FILE_TEST_EXISTS);
    int rc = cli_fail(err);
    if (refused)
        fprintf(stderr, "povatlas: give --overwrite to replace it\n");
    return rc;
}

povatlas_status cli_print_synthetic_note(povatlas_workspace *ws,
                                         const char *lang, povatlas_error **err)
{
    int synthetic = 0;
    povatlas_status st = povatlas_workspace_is_synthetic(ws, &synthetic, err);
    if (!st && synthetic)
        printf("%s\n", povatlas_synthetic_note(lang));
    return st;
}
