/*
 * cmd_transitions.c - `povatlas transitions --from Y0 --to Y1 [--ward
 * CODE]`: the transition report of docs/domain-rules.md §3.6 for the city (and
 * one ward), in Vietnamese by default. The counts come from
 * povatlas_transitions_report(), which also stores them as indicators.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "povatlas/transitions.h"

static void print_column(const povatlas_transition_row *r, int col,
                         const char *lang)
{
    int first = col * POVATLAS_TRANSITION_COLUMN_LINES;
    for (int l = first; l < first + POVATLAS_TRANSITION_COLUMN_LINES; l++) {
        int sub = povatlas_transition_line_is_subline(l);
        const char *label = povatlas_transition_line_label(l, lang);
        g_autofree char *n = povatlas_format_count(r->count[l], lang);
        int pad = 44 - (sub ? 2 : 0) - (int)g_utf8_strlen(label, -1);
        printf("  %s%s%*s %8s\n", sub ? "  " : "", label, pad > 0 ? pad : 0, "",
               n);
    }
    const int64_t *c = r->count + first;
    g_autofree char *a = povatlas_format_count(c[0], lang);
    g_autofree char *b = povatlas_format_count(c[1], lang);
    g_autofree char *f = povatlas_format_count(c[6], lang);
    g_autofree char *nw = povatlas_format_count(c[7], lang);
    g_autofree char *e = povatlas_format_count(c[10], lang);
    printf("  (%s: %s − %s + %s + %s = %s)\n",
           g_strcmp0(lang, "en") == 0
               ? "end = start − escaped + fell back + new"
               : "cuối kỳ = đầu kỳ − thoát + tái + phát sinh",
           a, b, f, nw, e);
}

static void print_row(const povatlas_transitions *t,
                      const povatlas_transition_row *r, const char *lang)
{
    gboolean en = g_strcmp0(lang, "en") == 0;
    const char *scope = strcmp(r->unit_code, POVATLAS_SCOPE_ALL) == 0
                            ? (en ? "city" : "toàn thành phố")
                            : (r->unit_name ? r->unit_name : r->unit_code);
    printf("\n%s %d→%d — %s%s%s%s\n",
           en ? "Transitions of poor and near-poor households"
              : "Biến động hộ nghèo, hộ cận nghèo",
           t->year_from, t->year_to, scope, r->unit_name ? " (" : "",
           r->unit_name ? r->unit_code : "", r->unit_name ? ")" : "");
    print_column(r, 0, lang);
    printf("\n");
    print_column(r, 1, lang);
}

void cli_print_transitions(const povatlas_transitions *t, const char *ward,
                           const char *lang)
{
    const povatlas_transition_row *w =
        ward ? povatlas_transitions_find(t, ward) : NULL;
    print_row(t, &t->city, lang);
    if (w)
        print_row(t, w, lang);
}

int cmd_transitions(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint from = 0, to = 0;
    g_autofree gchar *ward = NULL;
    GOptionEntry entries[] = {
        {"from", 0, 0, G_OPTION_ARG_INT, &from, "earlier review year", "YEAR"},
        {"to", 0, 0, G_OPTION_ARG_INT, &to, "later review year", "YEAR"},
        {"ward", 'w', 0, G_OPTION_ARG_STRING, &ward,
         "also print the ward with this code", "CODE"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(
            &r,
            "- households that escaped, fell back or are new between two years",
            entries, TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (from <= 0 || to <= 0 || argc != 1) {
        fprintf(stderr, "povatlas transitions: expected --from YEAR --to "
                        "YEAR [--ward CODE]\n");
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, NULL, &err);
    if (!ws)
        return cli_fail(err);
    if (r.want_table)
        return cli_report_emit(
            &r, ws,
            povatlas_report_transitions(ws, from, to, ward, r.lang, &err),
            &err);
    povatlas_transitions *t =
        povatlas_transitions_report(ws, from, to, ward, &err);
    povatlas_workspace_close(ws);
    if (!t)
        return cli_fail(err);
    cli_print_transitions(t, ward, r.lang);
    povatlas_transitions_free(t);
    return CLI_EXIT_OK;
}
