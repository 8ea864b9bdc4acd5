/*
 * cmd_topology.c - `povatlas topology`: unit pairs that overlap or leave a
 * small gap, and the city's total overlap and uncovered area.
 */
#include <stdio.h>

#include "cli.h"
#include "povatlas/topology.h"

int cmd_topology(int argc, char **argv)
{
    cli_common common = {0};
    povatlas_topology_opts o;
    povatlas_topology_opts_init(&o);
    g_autofree char *tolerance_help = g_strdup_printf(
        "report pairs closer than this, metres (%g)", o.tolerance_m);
    GOptionEntry entries[] = {{"year", 'y', 0, G_OPTION_ARG_INT, &o.year,
                               "units of this year", "YEAR"},
                              {"tolerance", 0, 0, G_OPTION_ARG_DOUBLE,
                               &o.tolerance_m, tolerance_help, "M"},
                              G_OPTION_ENTRY_NULL};
    if (!cli_parse_options("- overlaps and gaps between unit boundaries",
                           entries, &common, &argc, &argv))
        return CLI_EXIT_USAGE;
    povatlas_error *err = NULL;
    povatlas_workspace *ws = cli_open(&common, &err);
    cli_common_clear(&common);
    if (!ws)
        return cli_fail(err);
    povatlas_topology *t = povatlas_topology_compute(ws, &o, &err);
    povatlas_workspace_close(ws);
    if (!t)
        return cli_fail(err);
    printf("%zu units of %d, %s; pairs that overlap or lie less than "
           "%g m apart:\n",
           t->n_units, t->year, t->crs, t->tolerance_m);
    printf("  %-6s %-6s %12s %14s\n", "unit", "unit", "distance m",
           "overlap m²");
    for (size_t i = 0; i < t->n_pairs; i++)
        printf("  %-6s %-6s %12.1f %14.0f\n", t->pairs[i].code_a,
               t->pairs[i].code_b, t->pairs[i].distance_m,
               t->pairs[i].overlap_m2);
    printf("sum of areas %.3f km², union %.3f km²: overlaps %.3f km² counted "
           "twice; %zu gaps inside the city, %.3f km² that no unit covers\n",
           t->sum_area_m2 / 1e6, t->union_area_m2 / 1e6, t->overlap_m2 / 1e6,
           t->n_gaps, t->gap_m2 / 1e6);
    povatlas_topology_free(t);
    return CLI_EXIT_OK;
}
