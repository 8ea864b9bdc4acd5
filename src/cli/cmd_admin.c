/*
 * cmd_admin.c - `povatlas admin add-office NAME --units CODE [CODE...]`:
 * makes database role NAME an office of a PostgreSQL workspace that
 * writes only the units listed (docs/administration.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_admin(int argc, char **argv)
{
    cli_common common = {0};
    g_auto(GStrv) units_arg = NULL;
    GOptionEntry entries[] = {
        {"units", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &units_arg,
         "the codes of the units the office writes (repeat, separate with "
         "commas, or list them after the name)",
         "CODE"},
        G_OPTION_ENTRY_NULL};
    if (!cli_parse_options("add-office NAME --units CODE... - make a database "
                           "role an office that writes only its units",
                           entries, &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    if (argc < 3 || strcmp(argv[1], "add-office") != 0) {
        fprintf(stderr, "povatlas admin: usage: povatlas admin add-office "
                        "NAME --units CODE... --db postgresql://...\n");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[2];
    g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func(g_free);
    for (gchar **u = units_arg; u && *u; u++) {
        g_auto(GStrv) parts = g_strsplit(*u, ",", -1);
        for (gchar **p = parts; *p; p++)
            if (*g_strstrip(*p))
                g_ptr_array_add(units, g_strdup(*p));
    }
    if (units->len > 0)
        for (int i = 3; i < argc; i++)
            g_ptr_array_add(units, g_strdup(argv[i]));
    if (units->len == 0 || (!units_arg && argc > 3)) {
        fprintf(stderr, "povatlas admin: name the office's units with "
                        "--units CODE...\n");
        cli_common_clear(&common);
        return CLI_EXIT_USAGE;
    }
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    int created = 0;
    if (ws)
        povatlas_workspace_add_office(ws, name,
                                      (const char *const *)units->pdata,
                                      units->len, &created, &err);
    povatlas_workspace_close(ws);
    cli_common_clear(&common);
    if (err)
        return cli_fail(err);
    if (!common.quiet) {
        g_ptr_array_add(units, NULL);
        g_autofree char *list = g_strjoinv(", ", (char **)units->pdata);
        printf("office %s%s writes units %s\n", name,
               created ? " (new role, no password yet: set one with psql's "
                         "\\password)"
                       : "",
               list);
    }
    return CLI_EXIT_OK;
}
