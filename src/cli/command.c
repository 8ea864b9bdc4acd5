/*
 * command.c - the shapes the commands share: the report commands (their
 * options, --lang and the table options, the workspace, the table), the
 * documents for leaders (atlas and briefing options) and the end of a
 * command that writes one file ("wrote FILE").
 */
#include <stdio.h>

#include "cli.h"

static void add_lang(GOptionContext *ctx, gchar **lang)
{
    GOptionEntry entries[] = {
        {"lang", 0, 0, G_OPTION_ARG_STRING, lang, "vi (default) or en", "LANG"},
        G_OPTION_ENTRY_NULL};
    g_option_context_add_main_entries(ctx, entries, NULL);
}

gboolean cli_report_parse(cli_report *r, const char *summary,
                          const GOptionEntry *entries, gboolean tables,
                          int *argc, char ***argv)
{
    g_autoptr(GOptionContext) ctx = g_option_context_new(summary);
    g_option_context_add_main_entries(ctx, entries, NULL);
    add_lang(ctx, &r->lang_arg);
    cli_add_common(ctx, &r->common);
    if (tables)
        cli_add_table_opts(ctx, &r->table);
    if (!cli_parse(ctx, argc, argv))
        return FALSE;
    r->lang = r->lang_arg ? r->lang_arg : "vi";
    r->want_table = tables ? cli_table_wanted((*argv)[0], &r->table) : 0;
    return r->want_table >= 0;
}

povatlas_workspace *cli_report_open(const cli_report *r, int *year,
                                    povatlas_error **err)
{
    povatlas_workspace *ws = cli_open(&r->common, err);
    if (ws && year && cli_year(ws, year, err) < 0) {
        povatlas_workspace_close(ws);
        return NULL;
    }
    return ws;
}

int cli_report_emit(const cli_report *r, povatlas_workspace *ws,
                    povatlas_table *t, povatlas_error **err)
{
    povatlas_workspace_close(ws);
    return cli_emit_table(t, &r->table, r->lang, r->common.quiet, *err);
}

void cli_report_clear(cli_report *r)
{
    cli_common_clear(&r->common);
    cli_table_opts_clear(&r->table);
    g_clear_pointer(&r->lang_arg, g_free);
}

gboolean cli_document_parse(cli_document *d, const char *summary,
                            const char *out_help, const GOptionEntry *more,
                            int *argc, char ***argv)
{
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &d->year, "review year (latest)",
         "YEAR"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &d->lang, "vi (default) or en",
         "LANG"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &d->out, out_help, "FILE"},
        {"min-households", 0, 0, G_OPTION_ARG_INT, &d->min_households,
         "hide the figures of wards with fewer households, as the maps do "
         "(30; 0: none)",
         "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new(summary);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (more)
        g_option_context_add_main_entries(ctx, more, NULL);
    cli_add_common(ctx, &d->common);
    return cli_parse(ctx, argc, argv);
}

void cli_document_clear(cli_document *d)
{
    cli_common_clear(&d->common);
    g_clear_pointer(&d->lang, g_free);
    g_clear_pointer(&d->out, g_free);
}

int cli_wrote(povatlas_workspace *ws, povatlas_status st, const char *out,
              gboolean quiet, const char *hint, povatlas_error *err)
{
    povatlas_workspace_close(ws);
    if (st) {
        int rc = cli_fail(err);
        if (hint)
            fprintf(stderr, "povatlas: %s\n", hint);
        return rc;
    }
    if (!quiet)
        printf("wrote %s\n", out);
    return CLI_EXIT_OK;
}
