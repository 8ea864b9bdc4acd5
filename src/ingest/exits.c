/*
 * exits.c - importing exit records: why a household on one year's review
 * list is absent from the next (above the line, death, moved away, split or
 * merged), which the lists themselves cannot say (docs/domain-rules.md §3.6).
 * Same rules as every import: each bad row reported, all or nothing.
 *
 * An exit of year Y is checked against the stored lists: the household must
 * not be on the list of Y, and must be on the list of Y - 1 when that list
 * is stored (import exits after the lists they refer to).
 */
#include <string.h>

#include "ingest_private.h"

enum { F_ID, F_CODE, F_NAME, F_YEAR, F_REASON, N_EXIT_FIELDS };

static const field_spec EXIT_FIELDS[N_EXIT_FIELDS] = {
    [F_ID] = {"household_id", "Mã hộ",
              "ma ho|ma ho gia dinh|ma so ho|household id|hh id",
              FIELD_REQUIRED},
    [F_CODE] = {"unit_code", "Mã đơn vị",
                "ma don vi|ma xa|ma phuong|ma xa phuong|ma dvhc|unit code|"
                "commune code|ward code",
                0},
    [F_NAME] = {"unit_name", "Tên đơn vị",
                "ten don vi|ten xa|ten phuong|xa phuong|phuong xa|don vi|"
                "unit name|ward name|commune name|ward|commune",
                FIELD_PREFIX},
    [F_YEAR] = {"year", "Năm rà soát", "nam ra soat|nam|year|review year", 0},
    [F_REASON] = {"reason", "Lý do",
                  "ly do|ly do ra khoi danh sach|reason|exit reason",
                  FIELD_REQUIRED},
};

/* Folded spellings of each reason ('/' and '_' read as spaces). */
static const struct {
    const char *word;
    povatlas_exit_reason reason;
} REASON_WORDS[] = {
    {"vuot chuan", POVATLAS_EXIT_ABOVE_LINE},
    {"vuot chuan can ngheo", POVATLAS_EXIT_ABOVE_LINE},
    {"vuot chuan thoat ngheo", POVATLAS_EXIT_ABOVE_LINE},
    {"thoat ngheo", POVATLAS_EXIT_ABOVE_LINE},
    {"thoat can ngheo", POVATLAS_EXIT_ABOVE_LINE},
    {"above", POVATLAS_EXIT_ABOVE_LINE},
    {"above the line", POVATLAS_EXIT_ABOVE_LINE},
    {"above line", POVATLAS_EXIT_ABOVE_LINE},
    {"chet", POVATLAS_EXIT_DEATH},
    {"death", POVATLAS_EXIT_DEATH},
    {"chuyen di", POVATLAS_EXIT_MOVED},
    {"moved", POVATLAS_EXIT_MOVED},
    {"tach nhap ho", POVATLAS_EXIT_SPLIT_MERGE},
    {"tach ho", POVATLAS_EXIT_SPLIT_MERGE},
    {"nhap ho", POVATLAS_EXIT_SPLIT_MERGE},
    {"split merge", POVATLAS_EXIT_SPLIT_MERGE},
    {"split", POVATLAS_EXIT_SPLIT_MERGE},
    {"merge", POVATLAS_EXIT_SPLIT_MERGE},
};

typedef struct exit_ctx {
    povatlas_workspace *ws;
    unit_names *names;      /* units by code or name at the end of a year */
    GHashTable *list_years; /* year -> 1 stored list, 2 none */
    key_set listed;         /* household_key of stored list rows */
    gboolean listed_oom;    /* out of memory loading them */
    key_set keys;           /* household_key of this file -> row */
    GHashTable *replaced;   /* years whose stored exits were deleted */
    int cache_year;
} exit_ctx;

static povatlas_exit_reason parse_reason(const char *text)
{
    g_autofree char *tmp = g_strdup(text);
    g_strdelimit(tmp, "/_().,", ' ');
    g_autofree char *key = povatlas_text_fold(tmp);
    for (size_t i = 0; key && i < G_N_ELEMENTS(REASON_WORDS); i++)
        if (strcmp(key, REASON_WORDS[i].word) == 0)
            return REASON_WORDS[i].reason;
    return POVATLAS_EXIT_NONE;
}

static void remember_listed(const char *unit_code, const char *household_id,
                            void *user_data)
{
    exit_ctx *c = user_data;
    uint64_t taken;
    if (!c->listed_oom &&
        key_set_claim(&c->listed,
                      household_key(c->cache_year, unit_code, household_id), 1,
                      &taken) < 0)
        c->listed_oom = TRUE;
}

/* *@listed: 1 when @year has a stored list (its keys then in c->listed),
 * 0 when not. */
static povatlas_status load_list(import_run *run, exit_ctx *c, int year,
                                 int *listed, povatlas_error **err)
{
    gpointer v = g_hash_table_lookup(c->list_years, GINT_TO_POINTER(year));
    if (v) {
        *listed = GPOINTER_TO_INT(v) == 1;
        return POVATLAS_OK;
    }
    c->cache_year = year;
    int64_t n = 0;
    povatlas_status st = povatlas_workspace_household_keys(
        c->ws, year, remember_listed, c, &n, err);
    if (st)
        return st;
    if (c->listed_oom)
        return import_out_of_memory(run, 0, "the stored lists' households",
                                    err);
    g_hash_table_insert(c->list_years, GINT_TO_POINTER(year),
                        GINT_TO_POINTER(n > 0 ? 1 : 2));
    *listed = n > 0;
    return POVATLAS_OK;
}

static gboolean is_listed(const exit_ctx *c, int year, const char *unit,
                          const char *id)
{
    return key_set_find(&c->listed, household_key(year, unit, id), NULL);
}

static gboolean read_year(import_run *run, const table_reader *r,
                          const int *cols, int *year)
{
    int64_t y = -1;
    int col = cols[F_YEAR];
    if (col >= 0) {
        cell_status cs = cell_int(table_reader_cell(r, col), &y);
        if (cs == CELL_BAD) {
            g_autofree char *shown = cell_quote(table_reader_cell(r, col));
            import_reject(run, r->row, import_column_name(r, col),
                          "not a whole number: %s", shown);
            return FALSE;
        }
        if (cs == CELL_EMPTY)
            y = -1;
    }
    int given = run->opts->year;
    if (y < 0 && given <= 0) {
        import_reject(run, r->row, import_column_name(r, col),
                      "review year is empty");
        return FALSE;
    }
    if (y >= 0 && (y < YEAR_MIN || y > YEAR_MAX)) {
        g_autofree char *shown = cell_named_value("review year", y);
        import_reject(run, r->row, import_column_name(r, col),
                      "%s is out of range (%d to %d)", shown, YEAR_MIN,
                      YEAR_MAX);
        return FALSE;
    }
    if (y >= 0 && given > 0 && y != given) {
        import_reject_option(run, r->row, import_column_name(r, col), "year",
                             "review year %" G_GINT64_FORMAT
                             " differs from the year given (%d)",
                             y, given);
        return FALSE;
    }
    *year = y >= 0 ? (int)y : given;
    return TRUE;
}

static const char *read_text(import_run *run, const table_reader *r, int col,
                             const char *what)
{
    const char *t = table_reader_cell(r, col);
    if (!cell_is_utf8(t)) {
        import_reject(run, r->row, import_column_name(r, col),
                      "not valid UTF-8 text");
        return NULL;
    }
    if (!*t) {
        import_reject(run, r->row, import_column_name(r, col), "%s is empty",
                      what);
        return NULL;
    }
    return t;
}

/* Checks the exit against the stored lists of @year and @year - 1: *@ok
 * 0 when the row is rejected. */
static povatlas_status check_lists(import_run *run, const table_reader *r,
                                   const int *cols, exit_ctx *c,
                                   const povatlas_household_exit *e, int *ok,
                                   povatlas_error **err)
{
    *ok = 0;
    int now = 0, before = 0;
    povatlas_status st = load_list(run, c, e->year, &now, err);
    if (!st)
        st = load_list(run, c, e->year - 1, &before, err);
    if (st)
        return st;
    const char *col = import_column_name(r, cols[F_ID]);
    g_autofree char *id = povatlas_text_quote(e->household_id);
    if (now && is_listed(c, e->year, e->unit_code, e->household_id)) {
        import_reject(run, r->row, col,
                      "household id %s of ward %s is on the %d list, so it "
                      "did not leave it",
                      id, e->unit_code, e->year);
        return POVATLAS_OK;
    }
    if (before && !is_listed(c, e->year - 1, e->unit_code, e->household_id)) {
        import_reject(run, r->row, col,
                      "household id %s of ward %s is not on the %d list", id,
                      e->unit_code, e->year - 1);
        return POVATLAS_OK;
    }
    *ok = 1;
    return POVATLAS_OK;
}

/* First row of a year with --replace: drop the year's stored exits. */
static povatlas_status replace_year(import_run *run, exit_ctx *c, int year,
                                    povatlas_error **err)
{
    if (!run->opts->replace ||
        g_hash_table_contains(c->replaced, GINT_TO_POINTER(year)))
        return POVATLAS_OK;
    g_hash_table_add(c->replaced, GINT_TO_POINTER(year));
    return povatlas_workspace_delete_exits(c->ws, year, NULL, err);
}

/* FALSE after rejecting a key seen on an earlier row or already stored,
 * or with *@st set when the stored exits cannot be read. */
static gboolean claim_key(import_run *run, const table_reader *r,
                          const int *cols, exit_ctx *c,
                          const povatlas_household_exit *e, povatlas_status *st,
                          povatlas_error **err)
{
    *st = POVATLAS_OK;
    uint64_t k = household_key(e->year, e->unit_code, e->household_id);
    const char *col = import_column_name(r, cols[F_ID]);
    g_autofree char *id = povatlas_text_quote(e->household_id);
    uint64_t first = 0;
    if (key_set_find(&c->keys, k, &first)) {
        import_reject(run, r->row, col,
                      "duplicate exit of household id %s in ward %s (also "
                      "on row %ld)",
                      id, e->unit_code, (long)first);
        return FALSE;
    }
    povatlas_exit_reason stored = POVATLAS_EXIT_NONE;
    *st = povatlas_workspace_exit_reason(c->ws, e->year, e->unit_code,
                                         e->household_id, &stored, err);
    if (*st)
        return FALSE;
    if (stored != POVATLAS_EXIT_NONE) {
        import_reject_option(run, r->row, col, "replace",
                             "household id %s of ward %s already has an "
                             "exit for %d (that year's exits are replaced "
                             "only when asked to)",
                             id, e->unit_code, e->year);
        return FALSE;
    }
    if (key_set_claim(&c->keys, k, (uint64_t)r->row, &first) < 0) {
        *st = import_out_of_memory(run, r->row, "the rows read", err);
        return FALSE;
    }
    return TRUE;
}

static povatlas_status exit_start(import_run *run, const table_reader *r,
                                  const int *cols, void *ctx,
                                  povatlas_error **err)
{
    (void)r;
    (void)ctx;
    return import_need_unit_column(run, cols[F_CODE], cols[F_NAME], err);
}

static povatlas_status exit_row(import_run *run, const table_reader *r,
                                const int *cols, void *ctx,
                                povatlas_error **err)
{
    exit_ctx *c = ctx;
    povatlas_household_exit e = {.import_id = run->import_id,
                                 .source_row = r->row};
    const char *reason;
    const povatlas_unit_row *u;
    if (!(e.household_id = read_text(run, r, cols[F_ID], "household id")) ||
        !read_year(run, r, cols, &e.year) ||
        !(u = import_row_unit(run, r, c->names, cols[F_CODE], cols[F_NAME],
                              e.year)) ||
        !(reason = read_text(run, r, cols[F_REASON], "reason")))
        return POVATLAS_OK;
    e.unit_code = u->code;
    if (!(e.reason = parse_reason(reason))) {
        g_autofree char *shown = cell_quote(reason);
        import_reject(run, r->row, import_column_name(r, cols[F_REASON]),
                      "unknown reason %s (expected vượt chuẩn / thoát "
                      "nghèo, chết, chuyển đi or tách/nhập hộ)",
                      shown);
        return POVATLAS_OK;
    }
    povatlas_status st = replace_year(run, c, e.year, err);
    if (st)
        return st;
    int ok = 0;
    st = check_lists(run, r, cols, c, &e, &ok, err);
    if (st || !ok || !claim_key(run, r, cols, c, &e, &st, err))
        return st;
    st = povatlas_workspace_put_exit(c->ws, &e, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

povatlas_status povatlas_import_exits(povatlas_workspace *ws, const char *path,
                                      const povatlas_import_opts *opts,
                                      povatlas_report *report,
                                      povatlas_import_result *result,
                                      povatlas_error **err)
{
    exit_ctx c = {.ws = ws};
    povatlas_error *why = NULL;
    c.names = unit_names_load(ws, &why);
    if (!c.names)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    c.list_years = g_hash_table_new(g_direct_hash, g_direct_equal);
    c.replaced = g_hash_table_new(g_direct_hash, g_direct_equal);
    static const import_table_def def = {"exits",    EXIT_FIELDS, N_EXIT_FIELDS,
                                         exit_start, exit_row,    NULL};
    povatlas_status st =
        import_table(ws, path, opts, report, result, &def, &c, err);
    unit_names_free(c.names);
    g_hash_table_destroy(c.list_years);
    key_set_clear(&c.listed);
    key_set_clear(&c.keys);
    g_hash_table_destroy(c.replaced);
    return st;
}
