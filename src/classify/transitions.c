/*
 * transitions.c - the transition report between two review years
 * (docs/domain-rules.md §3.6, §7.4): each household's recognised status in both
 * years, its earlier history (for tái nghèo) and its exit record (for the
 * reason it left the list) put it in one sub-line of each column it moves in.
 * Starts and ends come from the stored counts, independently of the
 * classification, so that the balance identity is a real check: a failure means
 * duplicated or inconsistent households and is an error.
 *
 * Not here: the reading of the lists (store/transitions.c) and printing.
 *
 * What grows with the lists - the exits, the text of their keys, the
 * current household's records - is allocated through core/alloc.h: out
 * of memory is POVATLAS_E_NOMEM, not an abort inside GLib.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "povatlas/core.h"
#include "povatlas/transitions.h"

/* Offsets of the lines inside a column. */
enum {
    L_START,
    L_ESCAPED,
    L_ESC_OTHER, /* to the other list */
    L_ESC_ABOVE,
    L_ESC_LEFT,
    L_ESC_NOT_RECORDED,
    L_FELL_BACK,
    L_NEW,
    L_NEW_FROM_OTHER,
    L_NEW_NEW,
    L_END,
    L_N
};
G_STATIC_ASSERT(L_N == POVATLAS_TRANSITION_COLUMN_LINES);
G_STATIC_ASSERT(POVATLAS_TR_POOR_START + L_END == POVATLAS_TR_POOR_END);
G_STATIC_ASSERT(POVATLAS_TR_NEAR_POOR_START + L_END ==
                POVATLAS_TR_NEAR_POOR_END);
G_STATIC_ASSERT(2 * L_N == POVATLAS_TR_N_LINES);

static const struct {
    const char *name, *vi, *en;
    int subline;
} LINES[POVATLAS_TR_N_LINES] = {
    {"poor_start", "Hộ nghèo đầu kỳ", "Poor at start", 0},
    {"escaped_poor", "Hộ thoát nghèo", "Escaped poverty", 0},
    {"escaped_poor_to_near_poor", "chuyển sang hộ cận nghèo",
     "moved to near-poor", 1},
    {"escaped_poor_above_line", "vượt chuẩn cận nghèo",
     "above the near-poor line", 1},
    {"escaped_poor_left", "do chết, chuyển đi, tách nhập hộ",
     "death, moved away, split or merged", 1},
    {"escaped_poor_not_recorded", "ra khỏi danh sách, chưa ghi lý do",
     "left the list, reason not recorded", 1},
    {"fell_back_poor", "Hộ tái nghèo", "Fell back into poverty", 0},
    {"new_poor", "Hộ nghèo phát sinh", "Newly poor", 0},
    {"new_poor_from_near_poor", "từ hộ cận nghèo", "from near-poor", 1},
    {"new_poor_new", "mới (chưa có trong danh sách)", "new (not listed before)",
     1},
    {"poor_end", "Hộ nghèo cuối kỳ", "Poor at end", 0},
    {"near_poor_start", "Hộ cận nghèo đầu kỳ", "Near-poor at start", 0},
    {"escaped_near_poor", "Hộ thoát cận nghèo", "Escaped near-poverty", 0},
    {"escaped_near_poor_to_poor", "rơi xuống hộ nghèo", "fell into poverty", 1},
    {"escaped_near_poor_above_line", "vượt chuẩn cận nghèo",
     "above the near-poor line", 1},
    {"escaped_near_poor_left", "do chết, chuyển đi, tách nhập hộ",
     "death, moved away, split or merged", 1},
    {"escaped_near_poor_not_recorded", "ra khỏi danh sách, chưa ghi lý do",
     "left the list, reason not recorded", 1},
    {"fell_back_near_poor", "Hộ tái cận nghèo", "Fell back into near-poverty",
     0},
    {"new_near_poor", "Hộ cận nghèo phát sinh", "Newly near-poor", 0},
    {"new_near_poor_from_poor", "từ hộ nghèo", "from poor", 1},
    {"new_near_poor_new", "mới (chưa có trong danh sách)",
     "new (not listed before)", 1},
    {"near_poor_end", "Hộ cận nghèo cuối kỳ", "Near-poor at end", 0},
};

const char *povatlas_transition_line_name(povatlas_transition_line line)
{
    return line < POVATLAS_TR_N_LINES ? LINES[line].name : "";
}

const char *povatlas_transition_line_label(povatlas_transition_line line,
                                           const char *lang)
{
    if (line >= POVATLAS_TR_N_LINES)
        return "";
    return g_strcmp0(lang, "en") == 0 ? LINES[line].en : LINES[line].vi;
}

int povatlas_transition_line_is_subline(povatlas_transition_line line)
{
    return line < POVATLAS_TR_N_LINES && LINES[line].subline;
}

/* One stored record of a household: 1 poor, 2 near-poor, 0 listed as
 * neither (average or none). */
typedef struct record {
    int year;
    int status;
} record;

/* One stored exit; @seq orders exits of the same household and year as
 * they came (the last one counts). */
typedef struct exit_rec {
    int year;
    int reason;
    const char *unit, *id; /* in tr_ctx.exit_text */
    size_t seq;
} exit_rec;

typedef struct tr_ctx {
    int y0, y1;
    povatlas_transitions *t;
    GHashTable *rows;     /* unit code -> povatlas_transition_row * */
    byte_buf exits;       /* exit_rec, sorted by exit_order once read */
    text_chunk exit_text; /* the exits' unit codes and ids */
    byte_buf current;     /* the household being collected: unit, id */
    size_t id_at;         /* offset of its id in @current */
    int have_current;
    byte_buf records; /* record, ascending year */
    int nomem;        /* an allocation in a callback failed */
} tr_ctx;

#define EXITS(c) ((const exit_rec *)(const void *)(c)->exits.data)
#define N_EXITS(c) ((c)->exits.len / sizeof(exit_rec))
#define RECORDS(c) ((const record *)(const void *)(c)->records.data)
#define N_RECORDS(c) ((c)->records.len / sizeof(record))
#define CUR_UNIT(c) ((const char *)(c)->current.data)
#define CUR_ID(c) ((const char *)(c)->current.data + (c)->id_at)

static int list_status(povatlas_class c)
{
    return c == POVATLAS_CLASS_POOR ? 1 : c == POVATLAS_CLASS_NEAR_POOR ? 2 : 0;
}

static void remember_exit(const char *unit, const char *id, int year,
                          povatlas_exit_reason reason, void *user_data)
{
    tr_ctx *c = user_data;
    if (c->nomem)
        return;
    exit_rec e = {year, (int)reason, text_chunk_add(&c->exit_text, unit), NULL,
                  N_EXITS(c)};
    e.id = e.unit ? text_chunk_add(&c->exit_text, id) : NULL;
    if (!e.id || byte_buf_push(&c->exits, &e, sizeof e) < 0)
        c->nomem = 1;
}

/* Year, unit, household id; without @seq: the key alone. */
static int exit_key_order(const exit_rec *a, const exit_rec *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    int u = strcmp(a->unit, b->unit);
    return u ? u : strcmp(a->id, b->id);
}

static int exit_order(const void *pa, const void *pb)
{
    const exit_rec *a = pa, *b = pb;
    int k = exit_key_order(a, b);
    return k ? k : (a->seq > b->seq) - (a->seq < b->seq);
}

/* The reason of the household's exit of @year (the last one stored for
 * it), 0 when none. */
static int exit_of(const tr_ctx *c, int year)
{
    exit_rec key = {year, 0, CUR_UNIT(c), CUR_ID(c), 0};
    size_t lo = 0, hi = N_EXITS(c); /* first entry > key, ignoring seq */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (exit_key_order(&EXITS(c)[mid], &key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && exit_key_order(&EXITS(c)[lo - 1], &key) == 0
               ? EXITS(c)[lo - 1].reason
               : 0;
}

/* The latest exit reason of the household in (@after, @upto]. */
static povatlas_exit_reason exit_between(const tr_ctx *c, int after, int upto)
{
    for (int y = upto; y > after; y--) {
        int r = exit_of(c, y);
        if (r)
            return (povatlas_exit_reason)r;
    }
    return POVATLAS_EXIT_NONE;
}

static const record *record_of(const tr_ctx *c, int year)
{
    for (size_t i = 0; i < N_RECORDS(c); i++)
        if (RECORDS(c)[i].year == year)
            return &RECORDS(c)[i];
    return NULL;
}

/* Was the household on list @x before @c->y0 and then recognised as
 * having left it: listed with another status, or off the list with an exit
 * "above the line"? (Death, moving or an unrecorded absence is not a
 * recognised escape.) */
static gboolean escaped_earlier(const tr_ctx *c, int x)
{
    int last_x = 0;
    for (size_t i = 0; i < N_RECORDS(c); i++) {
        const record *r = &RECORDS(c)[i];
        if (r->year < c->y0 && r->status == x)
            last_x = r->year;
    }
    if (!last_x)
        return FALSE;
    for (size_t i = 0; i < N_RECORDS(c); i++) {
        const record *r = &RECORDS(c)[i];
        if (r->year > last_x && r->year <= c->y0)
            return TRUE; /* listed, and not on list x (last_x is the last) */
    }
    return exit_between(c, last_x, c->y0) == POVATLAS_EXIT_ABOVE_LINE;
}

/* Line of a household that left list x: where it went. */
static int escape_line(const tr_ctx *c, const record *r1, int other)
{
    if (r1)
        return r1->status == other ? L_ESC_OTHER : L_ESC_ABOVE;
    switch (exit_between(c, c->y0, c->y1)) {
    case POVATLAS_EXIT_ABOVE_LINE:
        return L_ESC_ABOVE;
    case POVATLAS_EXIT_DEATH:
    case POVATLAS_EXIT_MOVED:
    case POVATLAS_EXIT_SPLIT_MERGE:
        return L_ESC_LEFT;
    default:
        return L_ESC_NOT_RECORDED;
    }
}

/* Adds the household to column @col (0 poor, 1 near-poor) of @row: at
 * most one category and one sub-line. */
static void classify_column(const tr_ctx *c, povatlas_transition_row *row,
                            int col)
{
    int x = col == 0 ? 1 : 2, other = col == 0 ? 2 : 1;
    int64_t *n = row->count + col * L_N;
    const record *r0 = record_of(c, c->y0);
    const record *r1 = record_of(c, c->y1);
    int s0 = r0 ? r0->status : 0, s1 = r1 ? r1->status : 0;
    if (s0 == x && s1 != x) {
        n[L_ESCAPED]++;
        n[escape_line(c, r1, other)]++;
    } else if (s1 == x && s0 != x) {
        if (escaped_earlier(c, x)) {
            n[L_FELL_BACK]++;
        } else {
            n[L_NEW]++;
            n[s0 == other ? L_NEW_FROM_OTHER : L_NEW_NEW]++;
        }
    }
}

static void flush_household(tr_ctx *c)
{
    if (!c->have_current || c->nomem)
        return;
    povatlas_transition_row *row = g_hash_table_lookup(c->rows, CUR_UNIT(c));
    if (row) { /* NULL only for a household in neither year */
        classify_column(c, row, 0);
        classify_column(c, row, 1);
    }
    c->have_current = 0;
    c->records.len = 0;
}

static void add_record(const char *unit, const char *id, int year,
                       povatlas_class status, void *user_data)
{
    tr_ctx *c = user_data;
    if (c->nomem)
        return;
    if (!c->have_current || strcmp(unit, CUR_UNIT(c)) != 0 ||
        strcmp(id, CUR_ID(c)) != 0) {
        flush_household(c);
        c->current.len = 0;
        size_t at = byte_buf_add_str(&c->current, unit, strlen(unit));
        c->id_at = at == (size_t)-1
                       ? at
                       : byte_buf_add_str(&c->current, id, strlen(id));
        if (c->id_at == (size_t)-1) {
            c->nomem = 1;
            return;
        }
        c->have_current = 1;
    }
    record r = {year, list_status(status)};
    if (byte_buf_push(&c->records, &r, sizeof r) < 0)
        c->nomem = 1;
}

static gint by_code(gconstpointer a, gconstpointer b)
{
    const povatlas_transition_row *x = a, *y = b;
    return strcmp(x->unit_code, y->unit_code);
}

/* The row of @code in @rows, appended when new (@index: code -> i + 1). */
static povatlas_transition_row *find_or_add(GArray *rows, GHashTable *index,
                                            const char *code)
{
    gpointer p = g_hash_table_lookup(index, code);
    if (p)
        return &g_array_index(rows, povatlas_transition_row,
                              GPOINTER_TO_SIZE(p) - 1);
    povatlas_transition_row r = {0};
    r.unit_code = g_strdup(code);
    g_array_append_val(rows, r);
    g_hash_table_insert(index, r.unit_code, GSIZE_TO_POINTER(rows->len));
    return &g_array_index(rows, povatlas_transition_row, rows->len - 1);
}

/* Ward rows from the stored counts of both years (start and end). */
static povatlas_status count_wards(povatlas_workspace *ws, tr_ctx *c,
                                   povatlas_error **err)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(povatlas_transition_row));
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    povatlas_status st = POVATLAS_OK;
    for (int k = 0; k < 2 && !st; k++) {
        int year = k ? c->y1 : c->y0;
        povatlas_error *why = NULL;
        povatlas_counts_list *cl = povatlas_workspace_counts(ws, year, &why);
        if (!cl) {
            st = povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
            break;
        }
        int64_t listed = 0;
        for (size_t i = 0; i < cl->n; i++) {
            const povatlas_unit_counts *u = &cl->rows[i];
            if (!u->has_list) /* unknown counts: not a start or end of 0 */
                continue;
            listed += u->listed;
            povatlas_transition_row *r = find_or_add(rows, index, u->code);
            r->count[k ? POVATLAS_TR_POOR_END : POVATLAS_TR_POOR_START] +=
                u->poor;
            r->count[k ? POVATLAS_TR_NEAR_POOR_END
                       : POVATLAS_TR_NEAR_POOR_START] += u->near_poor;
        }
        povatlas_counts_list_free(cl);
        if (listed == 0)
            st = povatlas_error_set(err, POVATLAS_E_INPUT,
                                    "no review list for %d", year);
    }
    g_hash_table_destroy(index);
    g_array_sort(rows, by_code);
    c->t->n = rows->len;
    c->t->wards = (povatlas_transition_row *)g_array_free(rows, FALSE);
    for (size_t i = 0; i < c->t->n; i++)
        g_hash_table_insert(c->rows, c->t->wards[i].unit_code, &c->t->wards[i]);
    return st;
}

static povatlas_status name_wards(povatlas_workspace *ws,
                                  povatlas_transitions *t, povatlas_error **err)
{
    povatlas_error *e = NULL;
    povatlas_unit_list *units = povatlas_workspace_unit_attributes(ws, 0, &e);
    if (!units) /* a failed read, not wards without names */
        return povatlas_error_propagate_or(err, e, POVATLAS_E_DB);
    for (size_t i = 0; i < t->n; i++)
        for (size_t k = 0; k < units->n; k++)
            if (strcmp(units->rows[k].code, t->wards[i].unit_code) == 0) {
                const povatlas_unit_row *u = &units->rows[k];
                t->wards[i].unit_name =
                    g_strdup(u->full_name ? u->full_name : u->name);
                break;
            }
    povatlas_unit_list_free(units);
    return POVATLAS_OK;
}

/* end = start − escaped + fell back + new, and sub-lines add up, for
 * column @col of @r. */
static povatlas_status check_column(const povatlas_transitions *t,
                                    const povatlas_transition_row *r, int col,
                                    povatlas_error **err)
{
    const int64_t *n = r->count + col * L_N;
    int64_t want = n[L_START] - n[L_ESCAPED] + n[L_FELL_BACK] + n[L_NEW];
    int64_t esc =
        n[L_ESC_OTHER] + n[L_ESC_ABOVE] + n[L_ESC_LEFT] + n[L_ESC_NOT_RECORDED];
    int64_t nw = n[L_NEW_FROM_OTHER] + n[L_NEW_NEW];
    if (want == n[L_END] && esc == n[L_ESCAPED] && nw == n[L_NEW])
        return POVATLAS_OK;
    /* the name as every message quotes a ward's name: capped, without
     * control characters */
    g_autofree char *name =
        r->unit_name ? povatlas_text_quote(r->unit_name) : g_strdup("unnamed");
    g_autofree char *where =
        strcmp(r->unit_code, POVATLAS_SCOPE_ALL) == 0
            ? g_strdup("the city")
            : g_strdup_printf("ward %s (%s)", r->unit_code, name);
    return povatlas_error_set(
        err, POVATLAS_E_INPUT,
        "transitions %d→%d do not balance in %s: %s at end %" G_GINT64_FORMAT
        ", but start %" G_GINT64_FORMAT " − escaped %" G_GINT64_FORMAT
        " + fell back %" G_GINT64_FORMAT " + new %" G_GINT64_FORMAT
        " = %" G_GINT64_FORMAT " (sub-lines: escaped %" G_GINT64_FORMAT
        ", new %" G_GINT64_FORMAT "); are households duplicated?",
        t->year_from, t->year_to, where, col == 0 ? "poor" : "near-poor",
        n[L_END], n[L_START], n[L_ESCAPED], n[L_FELL_BACK], n[L_NEW], want, esc,
        nw);
}

static povatlas_status sum_and_check(povatlas_transitions *t,
                                     povatlas_error **err)
{
    t->city.unit_code = g_strdup(POVATLAS_SCOPE_ALL);
    for (size_t i = 0; i < t->n; i++)
        for (int l = 0; l < POVATLAS_TR_N_LINES; l++)
            t->city.count[l] += t->wards[i].count[l];
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i <= t->n; i++) {
        const povatlas_transition_row *r = i < t->n ? &t->wards[i] : &t->city;
        for (int col = 0; !st && col < 2; col++)
            st = check_column(t, r, col, err);
    }
    return st;
}

static povatlas_status store_row(povatlas_workspace *ws,
                                 const povatlas_transitions *t,
                                 const povatlas_transition_row *r,
                                 povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_put_indicator(
        ws, r->unit_code, t->year_to, "transitions_from_year", t->year_from, 1,
        err);
    for (int l = 0; !st && l < POVATLAS_TR_N_LINES; l++)
        st = povatlas_workspace_put_indicator(ws, r->unit_code, t->year_to,
                                              LINES[l].name,
                                              (double)r->count[l], 1, err);
    return st;
}

static povatlas_status store_all(povatlas_workspace *ws,
                                 const povatlas_transitions *t,
                                 povatlas_error **err)
{
    povatlas_status st = povatlas_workspace_begin(ws, err);
    for (size_t i = 0; !st && i < t->n; i++)
        st = store_row(ws, t, &t->wards[i], err);
    if (!st)
        st = store_row(ws, t, &t->city, err);
    if (!st)
        st = povatlas_workspace_commit(ws, err);
    if (st)
        povatlas_workspace_rollback(ws, err);
    return st;
}

static povatlas_status classify_all(povatlas_workspace *ws, tr_ctx *c,
                                    povatlas_error **err)
{
    povatlas_status st =
        povatlas_workspace_exits(ws, 0, c->y1, remember_exit, c, err);
    if (!st && !c->nomem && N_EXITS(c) > 0) /* qsort(NULL, 0): undefined */
        qsort(c->exits.data, N_EXITS(c), sizeof(exit_rec), exit_order);
    if (!st && !c->nomem)
        st = povatlas_workspace_status_history(ws, c->y1, add_record, c, err);
    flush_household(c);
    if (!st && c->nomem)
        st = povatlas_error_set(err, POVATLAS_E_NOMEM,
                                "out of memory for the households' records "
                                "and exits");
    return st;
}

povatlas_transitions *povatlas_transitions_compute(povatlas_workspace *ws,
                                                   int year_from, int year_to,
                                                   unsigned flags,
                                                   povatlas_error **err)
{
    if (year_from >= year_to) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "the first year (%d) must be before the second "
                           "(%d)",
                           year_from, year_to);
        return NULL;
    }
    povatlas_transitions *t = g_new0(povatlas_transitions, 1);
    t->year_from = year_from;
    t->year_to = year_to;
    tr_ctx c = {.y0 = year_from, .y1 = year_to, .t = t};
    c.rows = g_hash_table_new(g_str_hash, g_str_equal);
    povatlas_status st = count_wards(ws, &c, err);
    if (!st)
        st = classify_all(ws, &c, err);
    g_hash_table_destroy(c.rows);
    byte_buf_clear(&c.exits);
    text_chunk_clear(&c.exit_text);
    byte_buf_clear(&c.current);
    byte_buf_clear(&c.records);
    if (!st)
        st = name_wards(ws, t, err);
    if (!st)
        st = sum_and_check(t, err);
    if (!st && (flags & POVATLAS_TRANSITIONS_COMPUTE_STORE))
        st = store_all(ws, t, err);
    if (st) {
        povatlas_transitions_free(t);
        return NULL;
    }
    return t;
}

const povatlas_transition_row *
povatlas_transitions_find(const povatlas_transitions *t, const char *code)
{
    if (!t || !code)
        return NULL;
    if (strcmp(code, POVATLAS_SCOPE_ALL) == 0)
        return &t->city;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->wards[i].unit_code, code) == 0)
            return &t->wards[i];
    return NULL;
}

void povatlas_transitions_free(povatlas_transitions *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        g_free(t->wards[i].unit_code);
        g_free(t->wards[i].unit_name);
    }
    g_free(t->wards);
    g_free(t->city.unit_code);
    g_free(t->city.unit_name);
    g_free(t);
}
