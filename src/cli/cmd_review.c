/*
 * cmd_review.c - `povatlas review --year Y`: every household whose
 * recognised status is not the class the standard gives, ward by ward, so
 * the ward's steering committee can check them (the recorded status stays
 * the legal one).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct review_print {
    char last_unit[32];
    gboolean en;
} review_print;

static void print_one(const povatlas_household *h, void *user_data)
{
    review_print *p = user_data;
    if (strcmp(p->last_unit, h->unit_code) != 0) {
        g_strlcpy(p->last_unit, h->unit_code, sizeof p->last_unit);
        printf("%s %s\n", p->en ? "Ward" : "Đơn vị", h->unit_code);
    }
    g_autofree char *income =
        h->income_per_capita >= 0
            ? povatlas_format_count(h->income_per_capita, p->en ? "en" : "vi")
            : g_strdup("–");
    g_autofree char *rec =
        cli_pad(p->en ? povatlas_class_name(h->recorded_status)
                      : povatlas_class_label_vi(h->recorded_status),
                13);
    g_autofree char *got =
        cli_pad(p->en ? povatlas_class_name(h->computed_status)
                      : povatlas_class_label_vi(h->computed_status),
                26);
    printf("  %-14s %s → %s %s %s, %d %s\n", h->household_id, rec, got,
           p->en ? "income" : "thu nhập", income, h->n_deprivations,
           p->en ? "deprivations" : "chỉ số thiếu hụt");
}

int cmd_review(int argc, char **argv)
{
    g_auto(cli_report) r = {0};
    gint year = 0;
    GOptionEntry entries[] = {
        {"year", 'y', 0, G_OPTION_ARG_INT, &year, "review year", "YEAR"},
        G_OPTION_ENTRY_NULL};
    if (!cli_report_parse(
            &r, "- households whose recorded status differs from the rule",
            entries, TRUE, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_report_open(&r, &year, &err);
    if (!ws)
        return cli_fail(err);
    /* a year without a list has unknown disagreements, not 0 */
    if (povatlas_workspace_require(ws, year, POVATLAS_INPUT_LIST, &err)) {
        povatlas_workspace_close(ws);
        return cli_fail(err);
    }
    if (r.want_table)
        return cli_report_emit(
            &r, ws, povatlas_report_review(ws, year, r.lang, &err), &err);
    review_print p = {"", g_strcmp0(r.lang, "en") == 0};
    printf(p.en ? "Recorded status against the standard, %d (recorded "
                  "status stays the legal one)\n"
                : "Phân loại đã công nhận khác với chuẩn, năm %d (giữ "
                  "phân loại đã công nhận)\n",
           year);
    int64_t n = 0;
    povatlas_status st =
        povatlas_workspace_disagreements(ws, year, print_one, &p, &n, &err);
    povatlas_workspace_close(ws);
    if (st)
        return cli_fail(err);
    printf(p.en ? "%" G_GINT64_FORMAT " households\n"
                : "%" G_GINT64_FORMAT " hộ\n",
           n);
    return CLI_EXIT_OK;
}
