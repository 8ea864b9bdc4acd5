/*
 * cli.h - what the command files of the povatlas CLI share: the handler
 * signature, exit codes, and printing of errors and progress. The CLI parses
 * arguments, calls one library function and prints; it computes nothing.
 */
#ifndef POVATLAS_CLI_H
#define POVATLAS_CLI_H

#include <glib.h>

#include "povatlas/pipeline.h"
#include "povatlas/povatlas.h"

enum cli_exit { CLI_EXIT_OK = 0, CLI_EXIT_FAILURE = 1, CLI_EXIT_USAGE = 2 };

/* A subcommand: argv[0] is the command name. Returns an exit code. */
typedef int (*cli_handler)(int argc, char **argv);

/* Options every command takes. */
typedef struct cli_common {
    gchar *db;      /* --db, default "atlas.sqlite"; with --schema joined */
    gchar *schema;  /* --schema (PostgreSQL) */
    gboolean quiet; /* -q */
} cli_common;

/* Adds --db, --schema and -q to @ctx, filled into @common; cli_parse()
 * then joins --schema to --db (active_schema=NAME). */
void cli_add_common(GOptionContext *ctx, cli_common *common);
void cli_common_clear(cli_common *common);
/* The workspace path of @common (default atlas.sqlite). */
const char *cli_db(const cli_common *common);
/* Opens the existing workspace of @common. */
povatlas_workspace *cli_open(const cli_common *common, povatlas_error **err);
/* Leaves *@year alone when > 0, else sets it to the latest review year;
 * -1 with @err set when the workspace has none. */
int cli_year(povatlas_workspace *ws, int *year, povatlas_error **err);
/* @s padded with spaces to @width characters (not bytes: Vietnamese
 * letters take 2-3 bytes). Returns: (transfer full): g_free(). */
char *cli_pad(const char *s, int width);
/* Prints @s padded to @width characters, right-aligned if @right. */
void cli_print_padded(const char *s, int width, gboolean right);
/* "1,15 %" from hundredths of a percent, or "–" when !@ok.
 * Returns: (transfer full): g_free(). */
char *cli_format_percent_h(int ok, int64_t hundredths, const char *lang);
/* Prints the synthetic-data note on a line of its own when @ws holds
 * synthetic data; the read's status. */
povatlas_status cli_print_synthetic_note(povatlas_workspace *ws,
                                         const char *lang,
                                         povatlas_error **err);
/* Prints the summary the library built (povatlas_summary_report()): the
 * city of every year and the targets of the last (print_summary.c). */
void cli_print_summary(const povatlas_summary *s, const char *lang);

/* --format, -o and --overwrite of the report commands. */
typedef struct cli_table_opts {
    gchar *format;      /* --format text|csv|json|xlsx */
    gchar *output;      /* -o FILE */
    gboolean overwrite; /* --overwrite */
    povatlas_table_format fmt;
} cli_table_opts;
void cli_add_table_opts(GOptionContext *ctx, cli_table_opts *o);
void cli_table_opts_clear(cli_table_opts *o);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(cli_table_opts, cli_table_opts_clear)
/* Checks --format and -o (the format from FILE's extension when --format
 * is absent): -1 after printing a usage error, 1 when the report is wanted
 * as a table (a file or CSV/JSON on stdout), 0 for the printed report. */
int cli_table_wanted(const char *cmd, cli_table_opts *o);
/* Prints or writes @t (NULL: the builder failed with @err) and frees it;
 * "wrote FILE" unless @quiet. Returns the exit code. */
int cli_emit_table(povatlas_table *t, const cli_table_opts *o, const char *lang,
                   gboolean quiet, povatlas_error *err);

/* Parses argv with @ctx; on a usage error prints it and returns FALSE. */
gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv);
/* cli_parse() of a context of @entries (NULL: none), --db and -q;
 * "- @summary" in --help. */
gboolean cli_parse_options(const char *summary, const GOptionEntry *entries,
                           cli_common *common, int *argc, char ***argv);

/* What the report commands share (command.c). Their own options come
 * first, then --lang, --db and -q, and with @tables the table options. */
typedef struct cli_report {
    cli_common common;
    cli_table_opts table;
    gchar *lang_arg;  /* --lang as given */
    const char *lang; /* --lang, "vi" when absent */
    int want_table;   /* cli_table_wanted(): the report as a table */
} cli_report;
/* Parses argv ("- @summary" in --help); FALSE after printing a usage
 * error (the caller returns CLI_EXIT_USAGE). */
gboolean cli_report_parse(cli_report *r, const char *summary,
                          const GOptionEntry *entries, gboolean tables,
                          int *argc, char ***argv);
/* Opens the workspace of --db and, when @year is not NULL, resolves it
 * (cli_year()); NULL with @err set (the workspace closed again). */
povatlas_workspace *cli_report_open(const cli_report *r, int *year,
                                    povatlas_error **err);
/* Closes @ws, then cli_emit_table() of @t (NULL: the builder failed with
 * *@err) with --format, -o, --lang and -q. @err is taken by address so it
 * is read after the builder ran, whatever the order C evaluates the
 * arguments in. */
int cli_report_emit(const cli_report *r, povatlas_workspace *ws,
                    povatlas_table *t, povatlas_error **err);
void cli_report_clear(cli_report *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(cli_report, cli_report_clear)

/* What the documents for leaders share (atlas, briefing; command.c):
 * --year, --lang, -o FILE (@out_help), --min-households, then @more, --db
 * and -q. Set year and min_households to the library's defaults first. */
typedef struct cli_document {
    cli_common common;
    gint year, min_households;
    gchar *lang, *out;
} cli_document;
gboolean cli_document_parse(cli_document *d, const char *summary,
                            const char *out_help, const GOptionEntry *more,
                            int *argc, char ***argv);
void cli_document_clear(cli_document *d);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(cli_document, cli_document_clear)

/* Ends a command that wrote @out from @ws with status @st (@ws NULL:
 * cli_open failed with @err): closes @ws; on failure prints @err, then
 * @hint on its own line when not NULL, and returns the error's exit code;
 * else prints "wrote OUT" unless @quiet. */
int cli_wrote(povatlas_workspace *ws, povatlas_status st, const char *out,
              gboolean quiet, const char *hint, povatlas_error *err);

/* Prints @err on stderr as "povatlas: FILE:ROW: column NAME: why" and
 * returns the exit code for its status (2 for usage, else 1). Frees it. */
/* povatlas_error_format() plus the command-line flag that resolves the
 * error, when the library names one ("... [--year YEAR]"); g_free. */
/* Replaces stdout and stderr by streams that drop control characters and
 * escape sequences (terminal.c); call first in main(). */
void cli_terminal_filter(void);

/* The heap in transparent huge pages, for the commands that hold a
 * national layer in memory (heap.c). Changes no output. */
void cli_huge_heap(void);

char *cli_error_text(const povatlas_error *err);
int cli_fail(povatlas_error *err);

/* Prints every row error and warning of @report on stderr. */
void cli_print_report(const povatlas_report *report, gboolean quiet);

/* Progress line on stderr (user_data: a cli_progress). */
typedef struct cli_progress {
    gboolean quiet;
    gint64 start_us;
    gint64 last_us;
    gboolean shown;
} cli_progress;
void cli_progress_init(cli_progress *p, gboolean quiet);
int cli_progress_cb(double fraction, const char *message, void *user_data);
void cli_progress_done(cli_progress *p);

/* Handlers, one file each (cmd_<name>.c). */
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_topology(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_atlas(int argc, char **argv);
int cmd_briefing(int argc, char **argv);
int cmd_slides(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_schematic(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_transitions(int argc, char **argv);
int cmd_zones(int argc, char **argv);
int cmd_gaps(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_priority(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_breakdown(int argc, char **argv);
int cmd_admin(int argc, char **argv);
/* Printers of the reports the library builds (one per cmd_<name>.c):
 * zone gaps, coverage, the top @top priority wards (<= 0: all), and the
 * transitions of the city and @ward (nullable; printed when @t has it). */
void cli_print_gaps(const povatlas_gaps *g, const char *lang);
void cli_print_coverage(const povatlas_coverage *c, const char *lang);
void cli_print_priority(const povatlas_priority *p, int top, const char *lang);
void cli_print_transitions(const povatlas_transitions *t, const char *ward,
                           const char *lang);
/* Targets table @t of @year (print_summary.c): the number of missed
 * targets. */
int cli_print_targets(const povatlas_target_eval_list *t, int year,
                      const char *lang);

#endif
