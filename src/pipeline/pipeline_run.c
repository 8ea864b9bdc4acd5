/*
 * pipeline_run.c - the whole pipeline on one dataset, in order: workspace,
 * load, classification, indicators, the planning indicators and the
 * transitions of the latest two review years, the maps, the briefing atlas,
 * the ward GeoPackage, the HTML briefing and the summary. `povatlas demo`
 * is this call on the embedded dataset; the years come from the data,
 * never from literals. Printing is the caller's: the reports it computed
 * are handed back.
 *
 * Everything is made in a staging folder inside the output folder and
 * moved into place only when every stage succeeded: a run that fails
 * leaves the output folder as it was (the previous run's workspace, maps
 * and GeoPackage untouched) and removes what it made.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "povatlas/analysis.h"
#include "povatlas/briefing.h"
#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/export.h"
#include "povatlas/gaps.h"
#include "povatlas/maps.h"
#include "povatlas/pipeline.h"
#include "povatlas/zones.h"

void povatlas_pipeline_opts_init(povatlas_pipeline_opts *o)
{
    *o = (povatlas_pipeline_opts){0};
    o->out_dir = "out/demo";
    o->lang = "vi";
}

void povatlas_pipeline_result_clear(povatlas_pipeline_result *res)
{
    if (!res)
        return;
    povatlas_workspace_close(res->ws);
    g_free(res->db_path);
    g_free(res->gpkg_path);
    g_free(res->maps_dir);
    povatlas_transitions_free(res->transitions);
    povatlas_coverage_free(res->coverage);
    povatlas_priority_free(res->priority);
    povatlas_summary_free(res->summary);
    g_free(res->gaps);
    *res = (povatlas_pipeline_result){0};
}

/* The latest review year and the one before it (0 when there is only
 * one): what the transitions and the gaps compare. */
static povatlas_status pick_years(povatlas_pipeline_result *res,
                                  povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree int *years = povatlas_workspace_years(res->ws, &why);
    if (!years)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    for (int *y = years; *y; y++) {
        res->year_from = res->year_to;
        res->year_to = *y;
    }
    if (!res->year_to)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "the dataset holds no review year");
    return POVATLAS_OK;
}

/* Zones, then coverage and priority of the latest year (the priority
 * index reads the stored coverage), then the transitions: all stored, so
 * that maps and exports carry them. */
static povatlas_status store_planning(povatlas_pipeline_result *res,
                                      povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_zones_opts zo;
    povatlas_zones_opts_init(&zo);
    zo.store = 1;
    povatlas_zone_list *z = povatlas_zones_compute(res->ws, &zo, &why);
    if (!z)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_INPUT);
    povatlas_zone_list_free(z);
    res->coverage =
        povatlas_coverage_compute(res->ws, res->year_to, NULL, 1, &why);
    if (!res->coverage)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_INPUT);
    res->priority =
        povatlas_priority_compute(res->ws, res->year_to, NULL, 1, &why);
    if (!res->priority)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_INPUT);
    if (!res->year_from)
        return POVATLAS_OK;
    res->transitions =
        povatlas_transitions_compute(res->ws, res->year_from, res->year_to,
                                     POVATLAS_TRANSITIONS_COMPUTE_STORE, &why);
    if (!res->transitions)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_INPUT);
    res->gaps = g_new0(povatlas_gaps, 1);
    return povatlas_gaps_compute(res->ws, res->year_from, res->year_to,
                                 res->gaps, err);
}

static povatlas_status write_map(povatlas_workspace *ws,
                                 const povatlas_pipeline_opts *o,
                                 const char *type, const char *path,
                                 povatlas_error **err)
{
    povatlas_indicator_map_opts mo;
    povatlas_indicator_map_opts_init(&mo);
    mo.lang = o->lang;
    if (type)
        povatlas_map_type_parse(type, &mo.type);
    return povatlas_map_indicator(ws, &mo, path, NULL, err);
}

/* The poor-rate map (PNG and SVG), one map of each other type and the
 * briefing atlas. */
static povatlas_status write_maps(const povatlas_pipeline_opts *o,
                                  const povatlas_pipeline_result *res,
                                  povatlas_error **err)
{
    static const char *const types[] = {
        "change", "zone", "zone-gap", "symbols", "dots", "bivariate", "lisa"};
    g_autofree char *png =
        g_build_filename(res->maps_dir, "poor_rate.png", NULL);
    g_autofree char *svg =
        g_build_filename(res->maps_dir, "poor_rate.svg", NULL);
    povatlas_status st = write_map(res->ws, o, NULL, png, err);
    if (!st)
        st = write_map(res->ws, o, NULL, svg, err);
    for (size_t i = 0; !st && i < G_N_ELEMENTS(types); i++) {
        g_autofree char *name = g_strdup_printf("%s.png", types[i]);
        g_autofree char *path = g_build_filename(res->maps_dir, name, NULL);
        st = write_map(res->ws, o, types[i], path, err);
    }
    if (st)
        return st;
    g_autofree char *pdf =
        g_build_filename(res->maps_dir, "briefing.pdf", NULL);
    povatlas_atlas_opts ao;
    povatlas_atlas_opts_init(&ao);
    ao.lang = o->lang;
    return povatlas_atlas_write(res->ws, &ao, pdf, err);
}

/* The coverage and priority of the year before, which the briefing's maps
 * show; stored after the GeoPackage, which carries the latest year's only.
 * A year without programme activities has none (POVATLAS_E_INPUT). */
static povatlas_status store_year_before(const povatlas_pipeline_result *res,
                                         povatlas_error **err)
{
    if (!res->year_from)
        return POVATLAS_OK;
    povatlas_error *why = NULL;
    povatlas_coverage *c =
        povatlas_coverage_compute(res->ws, res->year_from, NULL, 1, &why);
    if (c)
        povatlas_coverage_free(c);
    else if (why && why->code != POVATLAS_E_INPUT)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_error_free(why);
    why = NULL;
    povatlas_priority *p =
        povatlas_priority_compute(res->ws, res->year_from, NULL, 1, &why);
    if (p)
        povatlas_priority_free(p);
    else if (why && why->code != POVATLAS_E_INPUT)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    povatlas_error_free(why);
    return POVATLAS_OK;
}

/* The leaders' briefing (maps/briefing.html) and its slides
 * (maps/slides/NN-*.png), rewritten on every run. */
static povatlas_status write_briefing(const povatlas_pipeline_opts *o,
                                      const povatlas_pipeline_result *res,
                                      povatlas_error **err)
{
    g_autofree char *html =
        g_build_filename(res->maps_dir, "briefing.html", NULL);
    povatlas_briefing_opts bo;
    povatlas_briefing_opts_init(&bo);
    bo.lang = o->lang;
    bo.overwrite = 1;
    povatlas_status st = povatlas_briefing_write(res->ws, &bo, html, err);
    if (st)
        return st;
    g_autofree char *dir = g_build_filename(res->maps_dir, "slides", NULL);
    povatlas_slides_opts so;
    povatlas_slides_opts_init(&so);
    so.lang = o->lang;
    so.dir = dir;
    so.overwrite = 1;
    return povatlas_slides_write(res->ws, &so, NULL, err);
}

static povatlas_status run_stages(const povatlas_pipeline_opts *o,
                                  const char *dataset, povatlas_report *report,
                                  povatlas_pipeline_result *res,
                                  povatlas_error **err)
{
    povatlas_status st = povatlas_dataset_load(
        res->ws, dataset, report, o->progress, o->progress_data, err);
    if (!st)
        st = povatlas_classify_workspace(res->ws, 0, NULL, err);
    if (!st)
        st = povatlas_analyze(res->ws, o->progress, o->progress_data, err);
    if (!st)
        st = pick_years(res, err);
    if (!st)
        st = store_planning(res, err);
    if (!st)
        st = write_maps(o, res, err);
    povatlas_export_opts eo;
    povatlas_export_opts_init(&eo);
    eo.overwrite = 1; /* the output folder is rewritten on every run */
    if (!st)
        st = povatlas_export_wards(res->ws, res->gpkg_path, &eo, err);
    /* last: the briefing shows the coverage and priority of the year
     * before too, which the GeoPackage above does not carry */
    if (!st)
        st = store_year_before(res, err);
    if (!st)
        st = write_briefing(o, res, err);
    if (st)
        return st;
    povatlas_error *why = NULL;
    res->summary = povatlas_summary_report(res->ws, o->lang, &why);
    return res->summary ? POVATLAS_OK
                        : povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
}

/* Removes @path and everything under it; quiet (a staging folder). */
static void remove_tree(const char *path)
{
    GDir *d = g_dir_open(path, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                remove_tree(child);
            else
                g_unlink(child);
        }
        g_dir_close(d);
    }
    g_rmdir(path);
}

/* One move into the output folder, kept so that a move failing later
 * can undo it: @dst now holds the staged file (or is a folder made for
 * one), the file it replaced was put aside as @aside (NULL: none). */
typedef struct moved {
    char *dst;
    char *aside;
    gboolean made_dir;
} moved;

typedef struct move_log {
    GArray *done;          /* moved, in order */
    const char *aside_dir; /* where replaced files wait until the end */
    unsigned n_aside;
} move_log;

static void moved_clear(gpointer p)
{
    moved *m = p;
    g_free(m->dst);
    g_free(m->aside);
}

/* Puts the file @path aside (renamed into log->aside_dir) when there is
 * one, noting it in @log so that undo_moves() puts it back. */
static povatlas_status set_aside(move_log *log, const char *path,
                                 povatlas_error **err)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT
                   ? POVATLAS_OK
                   : povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                           "cannot read: %s",
                                           g_strerror(errno));
    char name[32];
    g_snprintf(name, sizeof name, "%u", log->n_aside++);
    moved m = {g_strdup(path), g_build_filename(log->aside_dir, name, NULL),
               FALSE};
    if (g_rename(path, m.aside) != 0) {
        povatlas_status st =
            povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                  "cannot move aside: %s", g_strerror(errno));
        moved_clear(&m);
        return st;
    }
    g_array_append_val(log->done, m);
    return POVATLAS_OK;
}

/* Undoes every move of @log, the last first: each file put aside goes
 * back (replacing the staged one moved there), each staged file that
 * replaced nothing is removed, each folder made for them too. Best
 * effort: the error of the failure that asked for it is the one
 * reported. */
static void undo_moves(move_log *log)
{
    for (guint i = log->done->len; i-- > 0;) {
        const moved *m = &g_array_index(log->done, moved, i);
        if (m->made_dir)
            g_rmdir(m->dst);
        else if (m->aside)
            g_rename(m->aside, m->dst);
        else
            g_unlink(m->dst);
    }
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Moves every file under folder @from to the same place under @to, in
 * the order of their names, replacing files of the same name (put aside
 * in @log) and keeping any other file there. */
static povatlas_status move_into(const char *from, const char *to,
                                 move_log *log, povatlas_error **err)
{
    povatlas_status st = POVATLAS_OK;
    if (!g_file_test(to, G_FILE_TEST_IS_DIR)) {
        st = povatlas_mkdir_p(to, err);
        if (st)
            return st;
        moved m = {g_strdup(to), NULL, TRUE};
        g_array_append_val(log->done, m);
    }
    GError *ge = NULL;
    GDir *d = g_dir_open(from, 0, &ge);
    if (!d) {
        st = povatlas_error_set_at(err, POVATLAS_E_IO, from, 0, NULL,
                                   "cannot read folder: %s", ge->message);
        g_error_free(ge);
        return st;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL)
        g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    for (guint i = 0; !st && i < names->len; i++) {
        const char *n = g_ptr_array_index(names, i);
        g_autofree char *src = g_build_filename(from, n, NULL);
        g_autofree char *dst = g_build_filename(to, n, NULL);
        if (g_file_test(src, G_FILE_TEST_IS_DIR)) {
            st = move_into(src, dst, log, err);
            continue;
        }
        guint before = log->done->len;
        if (!g_file_test(dst, G_FILE_TEST_IS_DIR))
            st = set_aside(log, dst, err);
        if (!st && g_rename(src, dst) != 0) {
            st = povatlas_error_set_at(err, POVATLAS_E_IO, dst, 0, NULL,
                                       "cannot move into place: %s",
                                       g_strerror(errno));
        } else if (!st && log->done->len == before) {
            moved m = {g_strdup(dst), NULL, FALSE};
            g_array_append_val(log->done, m);
        }
    }
    g_ptr_array_free(names, TRUE);
    return st;
}

/* Moves the staged files into @o->out_dir, all or none: the files they
 * replace wait in a folder of their own until every move is made, and go
 * back when one fails. */
static povatlas_status move_all(const povatlas_pipeline_opts *o,
                                const char *stage, gboolean workspace,
                                povatlas_error **err)
{
    g_autofree char *aside =
        g_build_filename(o->out_dir, ".povatlas-previous-XXXXXX", NULL);
    if (!g_mkdtemp(aside))
        return povatlas_error_set_at(err, POVATLAS_E_IO, o->out_dir, 0, NULL,
                                     "cannot create a folder: %s",
                                     g_strerror(errno));
    move_log log = {g_array_new(FALSE, FALSE, sizeof(moved)), aside, 0};
    g_array_set_clear_func(log.done, moved_clear);
    povatlas_status st = POVATLAS_OK;
    if (workspace) {
        /* a previous workspace's journal must not be read with the new
         * one: put aside with it, back if the move fails */
        g_autofree char *db =
            g_build_filename(o->out_dir, "atlas.sqlite", NULL);
        for (size_t i = 0; !st && i < 2; i++) {
            g_autofree char *side = g_strconcat(db, i ? "-shm" : "-wal", NULL);
            st = set_aside(&log, side, err);
        }
    }
    if (!st)
        st = move_into(stage, o->out_dir, &log, err);
    if (st)
        undo_moves(&log);
    g_array_free(log.done, TRUE);
    remove_tree(aside);
    return st;
}

/* The staged workspace, GeoPackage and maps moved into @o->out_dir; @res
 * then names them there, with the workspace open again. */
static povatlas_status publish(const povatlas_pipeline_opts *o,
                               const char *stage, povatlas_pipeline_result *res,
                               povatlas_error **err)
{
    g_free(res->gpkg_path);
    g_free(res->maps_dir);
    res->gpkg_path = NULL;
    res->maps_dir = NULL;
    if (o->db) { /* the workspace is where the caller asked: files only */
        povatlas_status st = move_all(o, stage, FALSE, err);
        res->gpkg_path = g_build_filename(o->out_dir, "atlas.gpkg", NULL);
        res->maps_dir = g_build_filename(o->out_dir, "maps", NULL);
        return st;
    }
    povatlas_workspace_close(res->ws); /* the WAL folded into the file */
    res->ws = NULL;
    povatlas_status st = move_all(o, stage, TRUE, err);
    if (st)
        return st;
    g_free(res->db_path);
    res->db_path = g_build_filename(o->out_dir, "atlas.sqlite", NULL);
    res->gpkg_path = g_build_filename(o->out_dir, "atlas.gpkg", NULL);
    res->maps_dir = g_build_filename(o->out_dir, "maps", NULL);
    povatlas_error *why = NULL;
    res->ws = povatlas_workspace_open(res->db_path, 0, &why);
    return res->ws ? POVATLAS_OK
                   : povatlas_error_propagate_or(err, why, POVATLAS_E_IO);
}

povatlas_status povatlas_pipeline_run(const povatlas_pipeline_opts *o,
                                      povatlas_report *report,
                                      povatlas_pipeline_result *res,
                                      povatlas_error **err)
{
    *res = (povatlas_pipeline_result){0};
    g_autofree char *dataset = o->dataset_ini
                                   ? g_strdup(o->dataset_ini)
                                   : povatlas_data_path("dataset.ini");
    povatlas_status st = povatlas_mkdir_p(o->out_dir, err);
    if (st)
        return st;
    g_autofree char *stage =
        g_build_filename(o->out_dir, ".povatlas-run-XXXXXX", NULL);
    if (!g_mkdtemp(stage))
        return povatlas_error_set_at(err, POVATLAS_E_IO, o->out_dir, 0, NULL,
                                     "cannot create a folder: %s",
                                     g_strerror(errno));
    /* a workspace given by the caller (PostgreSQL) is made in place: only
     * the files are staged */
    g_autofree char *file = g_build_filename(stage, "atlas.sqlite", NULL);
    const char *db = o->db ? o->db : file;
    res->db_path = povatlas_workspace_path_shown(db);
    res->gpkg_path = g_build_filename(stage, "atlas.gpkg", NULL);
    res->maps_dir = g_build_filename(stage, "maps", NULL);
    st = povatlas_mkdir_p(res->maps_dir, err);
    povatlas_error *why = NULL;
    if (!st) {
        res->ws = povatlas_workspace_create(db, 1, &why);
        if (!res->ws)
            st = povatlas_error_propagate_or(err, why, POVATLAS_E_IO);
    }
    if (!st)
        st = run_stages(o, dataset, report, res, err);
    if (!st)
        st = publish(o, stage, res, err);
    if (st) {
        povatlas_workspace_close(res->ws);
        res->ws = NULL;
    }
    remove_tree(stage);
    return st;
}
