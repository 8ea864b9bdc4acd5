/*
 * tables.c - importing the small reference tables: unit lists, ward
 * statistics (the rate denominators), the standards table and plan targets.
 * Same rules as the household import: every bad row is reported and nothing
 * lands unless every row is good.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_private.h"
#include "povatlas/zone_info.h"

/* Optional whole number (-1 when empty), or FALSE after rejecting. */
static gboolean opt_int(import_run *run, const table_reader *r, int col,
                        int64_t *out)
{
    *out = -1;
    if (col < 0)
        return TRUE;
    cell_status cs = cell_int(table_reader_cell(r, col), out);
    if (cs == CELL_BAD) {
        g_autofree char *shown = cell_quote(table_reader_cell(r, col));
        import_reject(run, r->row, import_column_name(r, col),
                      "not a whole number: %s", shown);
        return FALSE;
    }
    if (cs == CELL_EMPTY)
        *out = -1;
    return TRUE;
}

static gboolean need_int(import_run *run, const table_reader *r, int col,
                         const char *what, int64_t *out)
{
    if (!opt_int(run, r, col, out))
        return FALSE;
    if (*out < 0) {
        import_reject(run, r->row, import_column_name(r, col),
                      "%s is empty or negative", what);
        return FALSE;
    }
    return TRUE;
}

/* A year between YEAR_MIN and YEAR_MAX, checked before it is narrowed to
 * int (4294969319 must not become 2023), or FALSE after rejecting. */
static gboolean need_year(import_run *run, const table_reader *r, int col,
                          const char *what, int64_t *out)
{
    if (!need_int(run, r, col, what, out))
        return FALSE;
    if (*out < YEAR_MIN || *out > YEAR_MAX) {
        g_autofree char *shown = cell_named_value(what, *out);
        import_reject(run, r->row, import_column_name(r, col),
                      "%s is out of range (%d to %d)", shown, YEAR_MIN,
                      YEAR_MAX);
        return FALSE;
    }
    return TRUE;
}

/* ------------------------------------------------------------ ward_stats */

/* The unit is given by code or by name (or both: they must agree). */
static const field_spec STAT_FIELDS[] = {
    {"unit_code", "unit_code",
     "unit code|ma don vi|ma xa|ma phuong|code|commune code|ward code",
     FIELD_KEY},
    {"year", "year", "year|nam", FIELD_REQUIRED},
    {"households", "households",
     "households|tong so ho|so ho|tong so ho dan cu|total households",
     FIELD_REQUIRED},
    {"population", "population", "population|dan so|so nhan khau", 0},
    {"source", "source", "source|nguon", 0},
    {"unit_name", "unit_name",
     "unit name|ten don vi|ten xa|ten phuong|xa phuong|phuong xa|don vi|"
     "ward name|commune name|ward|commune|name",
     FIELD_KEY},
};

static povatlas_status stat_start(import_run *run, const table_reader *r,
                                  const int *cols, void *ctx,
                                  povatlas_error **err)
{
    (void)r;
    (void)ctx;
    return import_need_unit_column(run, cols[0], cols[5], err);
}

typedef struct stat_ctx {
    unit_names *names;
    key_set seen; /* (year, code, "") -> first row */
} stat_ctx;

static povatlas_status stat_row(import_run *run, const table_reader *r,
                                const int *cols, void *ctx,
                                povatlas_error **err)
{
    stat_ctx *c = ctx;
    unit_names *names = c->names;
    int64_t year, households, population;
    if (!need_year(run, r, cols[1], "year", &year) ||
        !need_int(run, r, cols[2], "households", &households) ||
        !opt_int(run, r, cols[3], &population))
        return POVATLAS_OK;
    /* a year's totals are for the units in force at its end, the units
     * its rates are shown on */
    const povatlas_unit_row *u =
        import_row_unit(run, r, names, cols[0], cols[5], (int)year);
    if (!u)
        return POVATLAS_OK;
    uint64_t first = 0;
    int is_new = key_set_claim(&c->seen, household_key((int)year, u->code, ""),
                               (uint64_t)r->row, &first);
    if (is_new < 0)
        return import_out_of_memory(run, r->row, "the rows read", err);
    if (!is_new) {
        import_reject(run, r->row, import_column_name(r, cols[1]),
                      "unit %s, year %d is already given on row %ld", u->code,
                      (int)year, (long)first);
        return POVATLAS_OK;
    }
    povatlas_ward_stat s = {u->code, (int)year, households, population,
                            cell_opt_text(r, cols[4])};
    povatlas_status st = povatlas_workspace_put_ward_stat(run->ws, &s, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_ward_stats(povatlas_workspace *ws,
                                           const char *path,
                                           const povatlas_import_opts *opts,
                                           povatlas_report *report,
                                           povatlas_import_result *result,
                                           povatlas_error **err)
{
    povatlas_error *why = NULL;
    stat_ctx c = {unit_names_load(ws, &why), {0}};
    if (!c.names)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    static const import_table_def def = {
        "ward_stats", STAT_FIELDS, G_N_ELEMENTS(STAT_FIELDS),
        stat_start,   stat_row,    NULL};
    povatlas_status st =
        import_table(ws, path, opts, report, result, &def, &c, err);
    key_set_clear(&c.seen);
    unit_names_free(c.names);
    return st;
}

/* ----------------------------------------------------------------- units */

static const field_spec UNIT_FIELDS[] = {
    {"code", "code", "code|ma|ma don vi|unit code", FIELD_REQUIRED},
    {"name", "name", "name|ten|ten don vi", FIELD_REQUIRED},
    {"full_name", "full_name", "full name|ten day du", 0},
    {"unit_type", "unit_type", "unit type|loai|cap", FIELD_REQUIRED},
    {"urban", "urban", "urban|thanh thi", FIELD_REQUIRED},
    {"zone", "zone", "zone|vung", 0},
    {"province_code", "province_code", "province code|ma tinh", 0},
    {"district_code", "district_code", "district code|ma huyen", 0},
    {"valid_from", "valid_from", "valid from|hieu luc tu", 0},
    {"valid_to", "valid_to", "valid to|hieu luc den", 0},
};

static gboolean known_unit_type(const char *t)
{
    return strcmp(t, "phuong") == 0 || strcmp(t, "xa") == 0 ||
           strcmp(t, "thi_tran") == 0 || strcmp(t, "dac_khu") == 0;
}

/* A zone of the one zone table (core's zone_info.h), or none. */
static gboolean known_zone(const char *z)
{
    return !z || povatlas_zone_parse(z) != POVATLAS_ZONE_UNKNOWN;
}

/* An ISO day "2008-02-24" that is a calendar day. */
static gboolean iso_day(const char *t)
{
    unsigned y, m, d;
    char tail;
    return t && strlen(t) == 10 &&
           sscanf(t, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && y >= 1 &&
           y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
           g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

typedef struct unit_period {
    const char *code; /* in unit_ctx.text */
    const char *from; /* ISO days; "" and "9999-12-31" for open ends */
    const char *to;
    long row;           /* 0: stored in the workspace */
    size_t order;       /* as read (rows of two sheets may share a number) */
    const char *column; /* (file rows) the valid_from header, for messages */
    gboolean refused;   /* (file rows) already reported */
} unit_period;

/* What the units import keeps from row to row: the periods of the file's
 * rows and of the units already stored, in arrays and text whose growth
 * is checked (core/alloc.h): a unit list is the file's to size. */
typedef struct unit_ctx {
    byte_buf file;   /* unit_period of each row */
    byte_buf stored; /* unit_period of each stored period */
    text_chunk text; /* their strings */
} unit_ctx;

/* Appends a period to @to: 0, or -1 when out of memory. */
static int add_period(unit_ctx *c, byte_buf *to, const char *code,
                      const char *from, const char *until, long row,
                      const char *column)
{
    unit_period p = {NULL, NULL, NULL, row, to->len / sizeof p, NULL, FALSE};
    if (!(p.code = text_chunk_add(&c->text, code)) ||
        !(p.from = text_chunk_add(&c->text, from ? from : "")) ||
        !(p.to = text_chunk_add(&c->text, until ? until : "9999-12-31")) ||
        (column && !(p.column = text_chunk_add(&c->text, column))) ||
        byte_buf_reserve(to, sizeof p) < 0)
        return -1;
    memcpy(to->data + to->len, &p, sizeof p);
    to->len += sizeof p;
    return 0;
}

static const char *period_end(const char *to)
{
    return strcmp(to, "9999-12-31") ? to : "(in force)";
}

static const char *period_start(const char *from)
{
    return *from ? from : "(always)";
}

static gboolean overlap(const unit_period *a, const unit_period *b)
{
    return strcmp(a->from, b->to) <= 0 && strcmp(b->from, a->to) <= 0;
}

/* Validity periods: days, and in order. Overlaps are checked once the
 * whole file is read (period_overlaps()), so that the order of its rows
 * does not matter: a file may close a stored period and open the next one
 * in either order. 1 when kept, 0 after rejecting the row, -1 when out of
 * memory. */
static int period_ok(import_run *run, const table_reader *r, const int *cols,
                     unit_ctx *c, const char *code)
{
    const char *from = cell_opt_text(r, cols[8]);
    const char *to = cell_opt_text(r, cols[9]);
    for (int i = 0; i < 2; i++) {
        const char *d = i ? to : from;
        if (d && !iso_day(d)) {
            g_autofree char *shown = cell_quote(d);
            import_reject(run, r->row, import_column_name(r, cols[8 + i]),
                          "not a date (yyyy-mm-dd): %s", shown);
            return 0;
        }
    }
    if (from && to && strcmp(from, to) > 0) {
        import_reject(run, r->row, import_column_name(r, cols[9]),
                      "valid_to %s is before valid_from %s", to, from);
        return 0;
    }
    return add_period(c, &c->file, code, from, to, r->row,
                      import_column_name(r, cols[8])) < 0
               ? -1
               : 1;
}

/* By code, then row, then as read. */
static int by_code_row(const void *a, const void *b)
{
    const unit_period *p = a, *q = b;
    int c = strcmp(p->code, q->code);
    if (c)
        return c;
    if (p->row != q->row)
        return (p->row > q->row) - (p->row < q->row);
    return (p->order > q->order) - (p->order < q->order);
}

/* The periods of one code: each file row against the earlier rows of the
 * file, then against the stored periods that no row of the file updates
 * (a row updates the stored period that starts on its day). The later
 * row of an overlapping pair is the one refused. */
static void code_overlaps(import_run *run, unit_period *file, size_t n_file,
                          const unit_period *stored, size_t n_stored)
{
    const char *code = file[0].code;
    for (size_t i = 0; i < n_file; i++) {
        unit_period *p = &file[i];
        for (size_t j = 0; !p->refused && j < i; j++) {
            const unit_period *o = &file[j];
            if (!o->refused && overlap(p, o)) {
                import_reject(run, p->row, p->column,
                              "unit %s: the period %s to %s overlaps the one "
                              "on row %ld (%s to %s)",
                              code, period_start(p->from), period_end(p->to),
                              o->row, period_start(o->from), period_end(o->to));
                p->refused = TRUE;
            }
        }
        for (size_t j = 0; !p->refused && j < n_stored; j++) {
            const unit_period *o = &stored[j];
            gboolean updated = FALSE;
            for (size_t k = 0; !updated && k < n_file; k++)
                updated = strcmp(file[k].from, o->from) == 0;
            if (!updated && overlap(p, o)) {
                import_reject(run, p->row, p->column,
                              "unit %s: the period %s to %s overlaps the one "
                              "in the workspace (%s to %s)",
                              code, period_start(p->from), period_end(p->to),
                              period_start(o->from), period_end(o->to));
                p->refused = TRUE;
            }
        }
    }
}

/* Every code's periods once the rows are read, code by code. A hostile
 * file of many periods of one code costs rows² comparisons of that code
 * only. */
static void period_overlaps(import_run *run, unit_ctx *c)
{
    unit_period *file = (unit_period *)(void *)c->file.data;
    unit_period *stored = (unit_period *)(void *)c->stored.data;
    size_t n_file = c->file.len / sizeof *file;
    size_t n_stored = c->stored.len / sizeof *stored;
    if (n_file)
        qsort(file, n_file, sizeof *file, by_code_row);
    if (n_stored)
        qsort(stored, n_stored, sizeof *stored, by_code_row);
    size_t s = 0;
    for (size_t i = 0; i < n_file;) {
        const char *code = file[i].code;
        size_t j = i;
        while (j < n_file && strcmp(file[j].code, code) == 0)
            j++;
        while (s < n_stored && strcmp(stored[s].code, code) < 0)
            s++;
        size_t t = s;
        while (t < n_stored && strcmp(stored[t].code, code) == 0)
            t++;
        /* no stored periods: stored is NULL, and NULL + 0 is undefined */
        code_overlaps(run, file + i, j - i, stored ? stored + s : NULL, t - s);
        i = j;
    }
}

static povatlas_status unit_row(import_run *run, const table_reader *r,
                                const int *cols, void *ctx,
                                povatlas_error **err)
{
    unit_ctx *c = ctx;
    int64_t urban;
    const char *code = cell_need_text(run, r, cols[0], "code");
    const char *name = cell_need_text(run, r, cols[1], "name");
    const char *type = cell_need_text(run, r, cols[3], "unit type");
    int kept =
        code && name && type && need_int(run, r, cols[4], "urban", &urban)
            ? period_ok(run, r, cols, c, code)
            : 0;
    if (kept < 0)
        return import_out_of_memory(run, r->row, "the rows read", err);
    if (!kept)
        return POVATLAS_OK;
    const char *zone = cell_opt_text(r, cols[5]);
    if (!known_unit_type(type) || urban > 1 || !known_zone(zone)) {
        int col = !known_unit_type(type) ? cols[3]
                  : urban > 1            ? cols[4]
                                         : cols[5];
        g_autofree char *shown = cell_quote(table_reader_cell(r, col));
        import_reject(run, r->row, import_column_name(r, col),
                      "unknown value %s (unit_type: phuong, xa, thi_tran; "
                      "urban: 0 or 1; zone: coastal, periurban, central)",
                      shown);
        return POVATLAS_OK;
    }
    povatlas_unit u = {code,
                       name,
                       cell_opt_text(r, cols[2]),
                       type,
                       (int)urban,
                       zone,
                       cell_opt_text(r, cols[6]),
                       cell_opt_text(r, cols[7]),
                       cell_opt_text(r, cols[8]),
                       cell_opt_text(r, cols[9])};
    povatlas_status st = povatlas_workspace_put_unit(run->ws, &u, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

/* The row loop, then the overlaps of the rows read. */
static povatlas_status unit_run(import_run *run, table_reader *r,
                                const int *cols, void *ctx,
                                povatlas_error **err)
{
    static const import_table_def rows = {
        "units", UNIT_FIELDS, G_N_ELEMENTS(UNIT_FIELDS), NULL, unit_row, NULL};
    povatlas_status st = import_rows(run, r, &rows, cols, ctx, err);
    if (!st)
        period_overlaps(run, ctx);
    return st;
}

povatlas_status povatlas_import_units(povatlas_workspace *ws, const char *path,
                                      const povatlas_import_opts *opts,
                                      povatlas_report *report,
                                      povatlas_import_result *result,
                                      povatlas_error **err)
{
    static const import_table_def def = {
        "units", UNIT_FIELDS, G_N_ELEMENTS(UNIT_FIELDS),
        NULL,    unit_row,    unit_run};
    povatlas_error *why = NULL;
    povatlas_unit_list *units = povatlas_workspace_unit_attributes(ws, 0, &why);
    if (!units)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    unit_ctx c = {{0}, {0}, {0}};
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < units->n; i++) {
        const povatlas_unit_row *u = &units->rows[i];
        if (add_period(&c, &c.stored, u->code, u->valid_from, u->valid_to, 0,
                       NULL) < 0)
            st = povatlas_error_set_at(err, POVATLAS_E_NOMEM, path, 0, NULL,
                                       "out of memory for the stored units");
    }
    povatlas_unit_list_free(units);
    if (!st)
        st = import_table(ws, path, opts, report, result, &def, &c, err);
    byte_buf_clear(&c.file);
    byte_buf_clear(&c.stored);
    text_chunk_clear(&c.text);
    return st;
}

/* ------------------------------------------------------------- standards */

static const field_spec STD_FIELDS[] = {
    {"year_from", "year_from", "year from", FIELD_REQUIRED},
    {"year_to", "year_to", "year to", FIELD_REQUIRED},
    {"area", "area", "area|khu vuc", FIELD_REQUIRED},
    {"line_vnd", "line_vnd", "line vnd|chuan ngheo", FIELD_REQUIRED},
    {"band_upper_vnd", "band_upper_vnd", "band upper vnd", 0},
    {"min_deprivations_poor", "min_deprivations_poor", "min deprivations poor",
     FIELD_REQUIRED},
    {"n_indicators", "n_indicators", "n indicators", FIELD_REQUIRED},
    {"low_income_worker_vnd", "low_income_worker_vnd", "low income worker vnd",
     0},
    {"low_income_from_year", "low_income_from_year", "low income from year", 0},
    {"decree", "decree", "decree|van ban", 0},
};

static povatlas_status std_row(import_run *run, const table_reader *r,
                               const int *cols, void *ctx, povatlas_error **err)
{
    (void)ctx;
    int64_t v[9];
    const char *area = cell_need_text(run, r, cols[2], "area");
    if (!area)
        return POVATLAS_OK;
    for (int i = 0; i < 9; i++) {
        if (i == 2)
            continue;
        gboolean required = STD_FIELDS[i].flags & FIELD_REQUIRED;
        gboolean year = i < 2;
        if (!(year       ? need_year(run, r, cols[i], STD_FIELDS[i].key, &v[i])
              : required ? need_int(run, r, cols[i], STD_FIELDS[i].key, &v[i])
                         : opt_int(run, r, cols[i], &v[i])))
            return POVATLAS_OK;
    }
    int urban = strcmp(area, "urban") == 0;
    if (!urban && strcmp(area, "rural") != 0) {
        g_autofree char *shown = cell_quote(area);
        import_reject(run, r->row, import_column_name(r, cols[2]),
                      "area must be 'urban' or 'rural', found %s", shown);
        return POVATLAS_OK;
    }
    povatlas_standard s = {
        0,    (int)v[0], (int)v[1], urban, v[3],
        v[4], (int)v[5], (int)v[6], v[7],  v[8] > 0 ? (int)v[8] : 0,
        NULL};
    povatlas_status st = povatlas_workspace_put_standard(
        run->ws, &s, cell_opt_text(r, cols[9]), err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_standards(povatlas_workspace *ws,
                                          const char *path,
                                          const povatlas_import_opts *opts,
                                          povatlas_report *report,
                                          povatlas_import_result *result,
                                          povatlas_error **err)
{
    static const import_table_def def = {
        "standards", STD_FIELDS, G_N_ELEMENTS(STD_FIELDS), NULL, std_row, NULL};
    return import_table(ws, path, opts, report, result, &def, NULL, err);
}

/* --------------------------------------------------------------- targets */

static const field_spec TARGET_FIELDS[] = {
    {"scope", "scope", "scope|pham vi", FIELD_REQUIRED},
    {"year", "year", "year|nam", FIELD_REQUIRED},
    {"name", "name", "name|chi tieu", FIELD_REQUIRED},
    {"baseline", "baseline", "baseline|nam goc", 0},
    {"target", "target", "target|muc tieu", FIELD_REQUIRED},
    {"unit", "unit", "unit|don vi tinh", 0},
    {"source", "source", "source|nguon", 0},
};

static gboolean opt_real(import_run *run, const table_reader *r, int col,
                         double *out)
{
    *out = NAN;
    const char *t = col >= 0 ? table_reader_cell(r, col) : "";
    if (!*t)
        return TRUE;
    if (!povatlas_parse_number_vi(t, out)) {
        g_autofree char *shown = cell_quote(t);
        import_reject(run, r->row, import_column_name(r, col),
                      "not a number: %s", shown);
        return FALSE;
    }
    return TRUE;
}

/* A value in % is a share of households: 0 to 100. */
static gboolean percent_in_range(import_run *run, const table_reader *r,
                                 int col, const char *unit, double v)
{
    g_autofree char *u = g_strstrip(g_strdup(unit ? unit : ""));
    if (strcmp(u, "%") != 0 || isnan(v) || (v >= 0 && v <= 100))
        return TRUE;
    import_reject(run, r->row, import_column_name(r, col),
                  "%g %% is not a rate (0 to 100 %%)", v);
    return FALSE;
}

static povatlas_status target_row(import_run *run, const table_reader *r,
                                  const int *cols, void *ctx,
                                  povatlas_error **err)
{
    (void)ctx;
    int64_t year;
    povatlas_target t = {0};
    t.scope = cell_need_text(run, r, cols[0], "scope");
    t.name = cell_need_text(run, r, cols[2], "name");
    if (!t.scope || !t.name || !need_year(run, r, cols[1], "year", &year) ||
        !opt_real(run, r, cols[3], &t.baseline) ||
        !opt_real(run, r, cols[4], &t.target))
        return POVATLAS_OK;
    t.year = (int)year;
    t.unit = cell_opt_text(r, cols[5]);
    if (!percent_in_range(run, r, cols[3], t.unit, t.baseline) ||
        !percent_in_range(run, r, cols[4], t.unit, t.target))
        return POVATLAS_OK;
    t.source = cell_opt_text(r, cols[6]);
    povatlas_status st = povatlas_workspace_put_target(run->ws, &t, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_targets(povatlas_workspace *ws,
                                        const char *path,
                                        const povatlas_import_opts *opts,
                                        povatlas_report *report,
                                        povatlas_import_result *result,
                                        povatlas_error **err)
{
    static const import_table_def def = {
        "targets", TARGET_FIELDS, G_N_ELEMENTS(TARGET_FIELDS),
        NULL,      target_row,    NULL};
    return import_table(ws, path, opts, report, result, &def, NULL, err);
}

/* ------------------------------------------------------------ B1 cut-offs */

static const field_spec B1_FIELDS[] = {
    {"year_from", "year_from", "year from|tu nam", FIELD_REQUIRED},
    {"year_to", "year_to", "year to|den nam", FIELD_REQUIRED},
    {"area", "area", "area|khu vuc", FIELD_REQUIRED},
    {"line_score", "line_score", "line score|diem chuan ngheo", FIELD_REQUIRED},
    {"band_score", "band_score", "band score|diem muc song trung binh", 0},
    {"source", "source", "source|nguon|can cu", 0},
};

static povatlas_status b1_row(import_run *run, const table_reader *r,
                              const int *cols, void *ctx, povatlas_error **err)
{
    (void)ctx;
    int64_t from, to, line, band;
    const char *area = cell_need_text(run, r, cols[2], "area");
    if (!area || !need_year(run, r, cols[0], "year_from", &from) ||
        !need_year(run, r, cols[1], "year_to", &to) ||
        !need_int(run, r, cols[3], "line_score", &line) ||
        !opt_int(run, r, cols[4], &band))
        return POVATLAS_OK;
    int urban = strcmp(area, "urban") == 0 || strcmp(area, "thanh thi") == 0;
    if (!urban && strcmp(area, "rural") != 0 &&
        strcmp(area, "nong thon") != 0) {
        g_autofree char *shown = cell_quote(area);
        import_reject(run, r->row, import_column_name(r, cols[2]),
                      "area must be 'urban' or 'rural', found %s", shown);
        return POVATLAS_OK;
    }
    povatlas_b1_cutoff c = {(int)from, (int)to, urban,
                            line,      band,    cell_opt_text(r, cols[5])};
    povatlas_status st = povatlas_workspace_put_b1_cutoff(run->ws, &c, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_b1_cutoffs(povatlas_workspace *ws,
                                           const char *path,
                                           const povatlas_import_opts *opts,
                                           povatlas_report *report,
                                           povatlas_import_result *result,
                                           povatlas_error **err)
{
    static const import_table_def def = {
        "b1_cutoffs", B1_FIELDS, G_N_ELEMENTS(B1_FIELDS), NULL, b1_row, NULL};
    return import_table(ws, path, opts, report, result, &def, NULL, err);
}
