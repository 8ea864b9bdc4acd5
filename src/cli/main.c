/*
 * main.c - the povatlas command: one table of subcommands, dispatch, and the
 * top-level --help and --version (which also says where the data and
 * styles are read from). Each subcommand lives in cmd_<name>.c.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    cli_handler handler;
    const char *help;
} COMMANDS[] = {
    {"demo", cmd_demo, "run the whole pipeline on the embedded dataset"},
    {"init", cmd_init, "create a workspace with the poverty standards"},
    {"import", cmd_import,
     "import households|stats|units|boundaries|crosswalk|... FILE"},
    {"classify", cmd_classify, "bring household classes up to date"},
    {"review", cmd_review,
     "households whose recorded status differs from the rule"},
    {"analyze", cmd_analyze, "compute rates, areas and densities"},
    {"topology", cmd_topology, "overlaps and gaps between unit boundaries"},
    {"stats", cmd_stats, "spatial statistics of a layer (GeoDa, spdep)"},
    {"status", cmd_status, "what the workspace holds per year, and its gaps"},
    {"summary", cmd_summary, "print city totals, rates and plan targets"},
    {"map", cmd_map, "draw a choropleth map (PNG, SVG, PDF)"},
    {"atlas", cmd_atlas, "write the briefing atlas (multi-page PDF)"},
    {"briefing", cmd_briefing, "write the leaders' briefing (offline HTML)"},
    {"slides", cmd_slides, "write the briefing as slides (16:9 PNGs)"},
    {"export", cmd_export, "write the ward layer (GPKG, GeoJSON, ...)"},
    {"synth", cmd_synth, "write the synthetic demo or benchmark files"},
    {"schematic", cmd_schematic, "write the schematic ward boundaries"},
    {"targets", cmd_targets, "print plan targets, achieved values and gaps"},
    {"transitions", cmd_transitions, "households escaped, fell back, new"},
    {"zones", cmd_zones, "coastal, peri-urban, central zones (--derive)"},
    {"gaps", cmd_gaps, "poverty gaps of the zones to the centre"},
    {"coverage", cmd_coverage, "program coverage per ward, coverage gaps"},
    {"priority", cmd_priority, "explainable ward priority ranking"},
    {"series", cmd_series, "counts over time on the units of one day"},
    {"breakdown", cmd_breakdown, "ethnic-minority, merit, no-labour poor"},
    {"admin", cmd_admin, "add-office: a role that writes only its units"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: povatlas COMMAND [OPTIONS]\n"
                 "\n"
                 "Household poverty maps and layers for Vietnamese wards and "
                 "communes.\n\nCommands:\n");
    int width = 0; /* the longest name, so that every summary lines up */
    for (size_t i = 0; i < G_N_ELEMENTS(COMMANDS); i++)
        width = MAX(width, (int)strlen(COMMANDS[i].name));
    for (size_t i = 0; i < G_N_ELEMENTS(COMMANDS); i++)
        fprintf(out, "  %-*s  %s\n", width, COMMANDS[i].name, COMMANDS[i].help);
    fprintf(out, "\nRun 'povatlas COMMAND --help' for a command's options.\n"
                 "Commands that work on a workspace take --db FILE (default "
                 "atlas.sqlite) and -q (quiet).\n");
}

/* Text is UTF-8 whatever the user's locale: options such as --place or
 * --title are read as UTF-8 (GLib converts string options from the
 * locale's character set, which is ASCII until a locale is set, and
 * refuses every Vietnamese letter). Only the character type is set:
 * numbers keep the C locale's decimal point in every file written. */
static void use_utf8(void)
{
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, ""); /* a system without C.UTF-8: the user's */
}

/* The commands that hold every unit's geometry in memory at once. */
static int holds_layer(int argc, char **argv)
{
    static const char *const NAMES[] = {"map",   "stats",  "export",  "analyze",
                                        "atlas", "slides", "briefing"};
    for (size_t i = 0; i < G_N_ELEMENTS(NAMES); i++)
        if (strcmp(argv[1], NAMES[i]) == 0)
            return 1;
    return strcmp(argv[1], "import") == 0 && argc > 2 &&
           strcmp(argv[2], "boundaries") == 0;
}

int main(int argc, char **argv)
{
    use_utf8();
    cli_terminal_filter();
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        g_autofree char *data = povatlas_data_path(NULL);
        g_autofree char *styles = povatlas_style_path(NULL);
        printf("povatlas %s\ndata: %s\nstyles: %s\n", povatlas_version(), data,
               styles);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(COMMANDS); i++) {
        if (strcmp(argv[1], COMMANDS[i].name) == 0) {
            if (holds_layer(argc, argv))
                cli_huge_heap();
            povatlas_init();
            return COMMANDS[i].handler(argc - 1, argv + 1);
        }
    }
    fprintf(stderr,
            "povatlas: '%s' is not a povatlas command. See "
            "'povatlas --help'.\n",
            argv[1]);
    return CLI_EXIT_USAGE;
}
