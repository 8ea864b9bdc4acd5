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
    gchar *db;      /* --db, default "atlas.sqlite" */
    gboolean quiet; /* -q */
} cli_common;

/* Adds --db and -q to @ctx, filled into @common. */
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

/* Prints @err on stderr as "povatlas: FILE:ROW: column NAME: why" and
 * returns the exit code for its status (2 for usage, else 1). Frees it. */
/* povatlas_error_format() plus the command-line flag that resolves the
 * error, when the library names one ("... [--year YEAR]"); g_free. */
/* Replaces stdout and stderr by streams that drop control characters and
 * escape sequences (terminal.c); call first in main(). */
void cli_terminal_filter(void);

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
/* Printers of the reports the library builds (one per cmd_<name>.c):
 * zone gaps, coverage, the top @top priority wards (<= 0: all), and the
 * transitions of the city and @ward (nullable; printed when @t has it). */
void cli_print_gaps(const povatlas_gaps *g, const char *lang);
void cli_print_coverage(const povatlas_coverage *c, const char *lang);
void cli_print_priority(const povatlas_priority *p, int top, const char *lang);
void cli_print_transitions(const povatlas_transitions *t, const char *ward,
                           const char *lang);
/* Targets table of @year (print_summary.c): the number of missed targets,
 * or -1 with @err set. */
int cli_print_targets(povatlas_workspace *ws, int year, const char *lang,
                      povatlas_error **err);

#endif
