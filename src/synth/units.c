/*
 * units.c - reads geodata/units.csv into the unit table the synthetic
 * generators work from. The file is ours (plain, unquoted UTF-8 fields), so
 * this is a strict little reader, not a general CSV importer: a quote or a
 * missing column is an error with its row and column.
 */
#include <string.h>

#include "povatlas/core.h"
#include "synth/synth_private.h"

enum {
    COL_CODE,
    COL_NAME,
    COL_FULL_NAME,
    COL_UNIT_TYPE,
    COL_URBAN,
    COL_ZONE,
    COL_LON,
    COL_LAT,
    COL_AREA,
    COL_POP,
    COL_HH,
    N_COLS
};

static const char *const col_names[N_COLS] = {"code",
                                              "name",
                                              "full_name",
                                              "unit_type",
                                              "urban",
                                              "zone",
                                              "centroid_lon",
                                              "centroid_lat",
                                              "area_km2_reference",
                                              "population_2019",
                                              "households_2019"};

static povatlas_status map_header(const char *path, char **fields, int *idx,
                                  povatlas_error **err)
{
    guint nf = g_strv_length(fields);
    for (int c = 0; c < N_COLS; c++) {
        idx[c] = -1;
        for (guint i = 0; i < nf; i++)
            if (strcmp(g_strstrip(fields[i]), col_names[c]) == 0)
                idx[c] = (int)i;
        if (idx[c] < 0)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0,
                                         col_names[c], "column missing");
    }
    return POVATLAS_OK;
}

static povatlas_status parse_double(const char *path, long row, int col,
                                    const char *text, double *out,
                                    povatlas_error **err)
{
    char *end = NULL;
    *out = g_ascii_strtod(text, &end);
    if (end == text || *end != '\0')
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, row,
                                     col_names[col], "not a number '%s'", text);
    return POVATLAS_OK;
}

static povatlas_status parse_int(const char *path, long row, int col,
                                 const char *text, int64_t *out,
                                 povatlas_error **err)
{
    char *end = NULL;
    *out = g_ascii_strtoll(text, &end, 10);
    if (end == text || *end != '\0' || *out < 0)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, row,
                                     col_names[col],
                                     "not a non-negative integer '%s'", text);
    return POVATLAS_OK;
}

static povatlas_status parse_row(const char *path, long row, char **f,
                                 const int *idx, synth_unit *u,
                                 povatlas_error **err)
{
    int64_t urban = 0;
    povatlas_status st = POVATLAS_OK;
    u->code = g_strdup(f[idx[COL_CODE]]);
    u->name = g_strdup(f[idx[COL_NAME]]);
    u->full_name = g_strdup(f[idx[COL_FULL_NAME]]);
    u->unit_type = g_strdup(f[idx[COL_UNIT_TYPE]]);
    u->zone = g_strdup(f[idx[COL_ZONE]]);
    if (!st)
        st = parse_int(path, row, COL_URBAN, f[idx[COL_URBAN]], &urban, err);
    if (!st)
        st = parse_double(path, row, COL_LON, f[idx[COL_LON]], &u->lon, err);
    if (!st)
        st = parse_double(path, row, COL_LAT, f[idx[COL_LAT]], &u->lat, err);
    if (!st)
        st = parse_double(path, row, COL_AREA, f[idx[COL_AREA]], &u->area_km2,
                          err);
    if (!st)
        st = parse_int(path, row, COL_POP, f[idx[COL_POP]], &u->population_2019,
                       err);
    if (!st)
        st = parse_int(path, row, COL_HH, f[idx[COL_HH]], &u->households_2019,
                       err);
    u->urban = urban != 0;
    if (!st && u->households_2019 == 0)
        st = povatlas_error_set_at(err, POVATLAS_E_INPUT, path, row,
                                   col_names[COL_HH], "zero households");
    return st;
}

static void unit_clear(synth_unit *u)
{
    g_free(u->code);
    g_free(u->name);
    g_free(u->full_name);
    g_free(u->unit_type);
    g_free(u->zone);
    memset(u, 0, sizeof *u);
}

#define SYNTH_UNITS_ON "2023-12-31"

static povatlas_status parse_lines(const char *path, char **lines,
                                   synth_units *out, povatlas_error **err)
{
    g_auto(GStrv) head = g_strsplit(lines[0], ",", -1);
    int idx[N_COLS];
    povatlas_status st = map_header(path, head, idx, err);
    guint nh = g_strv_length(head);
    /* the demo reviews (2022, 2023) use the units in force at the end of
     * 2023: later periods of units.csv (mergers of 2024 and 2025) are
     * skipped */
    int vf = -1, vt = -1;
    for (guint i = 0; i < nh; i++) {
        vf = strcmp(head[i], "valid_from") == 0 ? (int)i : vf;
        vt = strcmp(head[i], "valid_to") == 0 ? (int)i : vt;
    }
    GArray *units = g_array_new(FALSE, TRUE, sizeof(synth_unit));
    for (long row = 1; !st && lines[row]; row++) {
        g_strchomp(lines[row]);
        if (lines[row][0] == '\0')
            continue;
        g_auto(GStrv) f = g_strsplit(lines[row], ",", -1);
        if (g_strv_length(f) != nh || strchr(lines[row], '"')) {
            st = povatlas_error_set_at(err, POVATLAS_E_INPUT, path, row, NULL,
                                       "expected %u plain fields", nh);
            break;
        }
        if ((vf >= 0 && *f[vf] && strcmp(f[vf], SYNTH_UNITS_ON) > 0) ||
            (vt >= 0 && *f[vt] && strcmp(f[vt], SYNTH_UNITS_ON) < 0))
            continue;
        synth_unit u = {0};
        st = parse_row(path, row, f, idx, &u, err);
        g_array_append_val(units, u);
    }
    if (!st && units->len == 0)
        st = povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                   "no units");
    out->n = units->len;
    out->v = (synth_unit *)(void *)g_array_free(units, FALSE);
    if (st)
        povatlas_synth_units_clear(out);
    return st;
}

povatlas_status povatlas_synth_units_read(const char *path, synth_units *out,
                                          povatlas_error **err)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    g_autoptr(GError) gerr = NULL;
    out->v = NULL;
    out->n = 0;
    if (!g_file_get_contents(path, &text, &len, &gerr))
        return povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                                     "cannot read: %s", gerr->message);
    if (!g_utf8_validate(text, (gssize)len, NULL))
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "not valid UTF-8");
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    if (!lines[0] || !lines[0][0])
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                                     "empty file");
    g_strchomp(lines[0]);
    return parse_lines(path, lines, out, err);
}

void povatlas_synth_units_clear(synth_units *units)
{
    for (size_t i = 0; i < units->n; i++)
        unit_clear(&units->v[i]);
    g_free(units->v);
    units->v = NULL;
    units->n = 0;
}

int povatlas_synth_units_find(const synth_units *units, const char *name)
{
    for (size_t i = 0; i < units->n; i++)
        if (strcmp(units->v[i].name, name) == 0)
            return (int)i;
    return -1;
}

povatlas_status povatlas_synth_start(const char *units_path,
                                     const char *out_dir, char **dir,
                                     synth_units *units, povatlas_error **err)
{
    /* Not the data folder: an installed povatlas must not write into
     * share/povatlas (regenerate the embedded files with -o geodata). */
    *dir = g_strdup(out_dir ? out_dir : ".");
    g_autofree char *path =
        units_path ? g_strdup(units_path) : povatlas_data_path("units.csv");
    povatlas_status st = povatlas_mkdir_p(*dir, err);
    if (!st)
        st = povatlas_synth_units_read(path, units, err);
    if (st)
        g_clear_pointer(dir, g_free);
    return st;
}
