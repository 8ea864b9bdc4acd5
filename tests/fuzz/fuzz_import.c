/*
 * fuzz_import.c - the libFuzzer harness of every importer path
 * (docs/testing.md). CMake compiles it once per target with:
 *   FUZZ_EXT      the file name ending the input is written with (".csv")
 *   FUZZ_ENGINE   the CSV engine (povatlas_csv_engine)
 *   FUZZ_IMPORTS  which library imports run on it (FUZZ_HOUSEHOLDS ...)
 *
 * Each input is written to a file and imported with the real library calls
 * into a fresh workspace: a byte copy of a template that holds the standards
 * table and the unit list (geodata/units.csv), made once at start-up. The
 * harness owns nothing across inputs, so any leak is the library's. An
 * import may refuse the input (that is the point); it must not crash, leak,
 * hang or misbehave under AddressSanitizer/UBSan.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/core.h"
#include "povatlas/ingest.h"
#include "povatlas/pipeline.h"

#define FUZZ_HOUSEHOLDS 1
#define FUZZ_STATS 2
#define FUZZ_BOUNDARIES 4

#ifndef FUZZ_EXT
#define FUZZ_EXT ".csv"
#endif
#ifndef FUZZ_ENGINE
#define FUZZ_ENGINE POVATLAS_CSV_AUTO
#endif
#ifndef FUZZ_IMPORTS
#define FUZZ_IMPORTS (FUZZ_HOUSEHOLDS | FUZZ_STATS)
#endif
#ifndef POVATLAS_SOURCE_DIR
#define POVATLAS_SOURCE_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set once by LLVMFuzzerInitialize, alive for the whole process. */
static char *work_dir;       /* private temporary folder */
static char *template_bytes; /* the template workspace file */
static gsize template_len;
static char *input_path, *workspace_path;

static void die(const char *what, povatlas_error *err)
{
    fprintf(stderr, "fuzz_import: %s: %s\n", what,
            err && err->message ? err->message : "failed");
    abort();
}

static void remove_work_files(void)
{
    static const char *const endings[] = {"", "-journal", "-wal", "-shm"};
    for (size_t i = 0; i < G_N_ELEMENTS(endings); i++) {
        char *p = g_strconcat(workspace_path, endings[i], NULL);
        g_remove(p);
        g_free(p);
    }
    g_remove(input_path);
}

static void cleanup_at_exit(void)
{
    remove_work_files();
    g_rmdir(work_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    povatlas_init();
    GError *gerr = NULL;
    work_dir = g_dir_make_tmp("povatlas-fuzz-XXXXXX", &gerr);
    if (work_dir == NULL)
        die("temporary folder", NULL);
    input_path = g_build_filename(work_dir, "input" FUZZ_EXT, NULL);
    workspace_path = g_build_filename(work_dir, "w.sqlite", NULL);
    char *template_path = g_build_filename(work_dir, "template.sqlite", NULL);
    char *units =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", "units.csv", NULL);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_create(template_path, 0, &err);
    if (ws == NULL)
        die("template workspace", err);
    if (povatlas_import_units(ws, units, NULL, NULL, NULL, &err) != POVATLAS_OK)
        die("units.csv", err);
    povatlas_workspace_close(ws);
    if (!g_file_get_contents(template_path, &template_bytes, &template_len,
                             &gerr))
        die("reading the template", NULL);
    g_remove(template_path);
    g_free(template_path);
    g_free(units);
    atexit(cleanup_at_exit);
    return 0;
}

typedef povatlas_status (*import_fn)(povatlas_workspace *, const char *,
                                     const povatlas_import_opts *,
                                     povatlas_report *,
                                     povatlas_import_result *,
                                     povatlas_error **);

static void run_import(povatlas_workspace *ws, import_fn fn, int year)
{
    povatlas_import_opts opts;
    povatlas_import_opts_init(&opts);
    opts.csv_engine = FUZZ_ENGINE;
    opts.year = year;
    povatlas_report *report = povatlas_report_new();
    povatlas_import_result result;
    povatlas_error *err = NULL;
    povatlas_status st = fn(ws, input_path, &opts, report, &result, &err);
    /* A refusal says why; a success leaves no error behind. */
    if (st != POVATLAS_OK && err == NULL)
        die("an import failed without an error", NULL);
    if (st == POVATLAS_OK && err != NULL)
        die("an import succeeded with an error set", err);
    povatlas_error_free(err);
    povatlas_report_free(report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_file_set_contents(input_path, (const char *)data, (gssize)size,
                             NULL) ||
        !g_file_set_contents(workspace_path, template_bytes,
                             (gssize)template_len, NULL))
        die("writing the input", NULL);
    povatlas_error *err = NULL;
    povatlas_workspace *ws = povatlas_workspace_open(workspace_path, 0, &err);
    if (ws == NULL)
        die("opening the workspace copy", err);
    if (FUZZ_IMPORTS & FUZZ_HOUSEHOLDS)
        run_import(ws, povatlas_import_households, 0);
    if (FUZZ_IMPORTS & FUZZ_STATS)
        run_import(ws, povatlas_import_ward_stats, 0);
    if (FUZZ_IMPORTS & FUZZ_BOUNDARIES)
        run_import(ws, povatlas_import_boundaries, 2023);
    povatlas_workspace_close(ws);
    remove_work_files();
    return 0;
}
