/*
 * households.c - storing review rows: the household table (what every
 * count reads) and the personal-data table (what no export reads), written
 * with prepared statements inside the caller's transaction, and the
 * re-classification of stored rows after the standards change.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "store_private.h"

/* The counts of household_counts for one unit and year, added up while
 * rows are written (in the order of the table's columns). */
enum { N_LISTED, N_POOR, N_NEAR, N_CPOOR, N_CNEAR, N_DISAGREE, N_COUNTS };

/* Rows written by one INSERT of many rows: a statement stepped per row
 * costs more than its B-tree insert (1 M rows: ~40 % of the storing
 * thread); 64 rows of 18 values stay far below SQLite's 32,766
 * parameters. */
#define GROUP_ROWS 64
#define HH_COLUMNS 18

/* On PostgreSQL the rows go by COPY instead (issue 12), streamed: sent
 * whenever this much of their text is kept, to a COPY that stays open, so
 * that the server stores them while the next are made, and memory stays
 * flat whatever the file's length. An office's rows still go by INSERT:
 * PostgreSQL refuses COPY FROM into a table whose row-level security applies to
 * the role. */
#define COPY_FLUSH_BYTES (1 << 20)
static const char *const HH_COLUMN_NAMES =
    "year, unit_code, household_id, members, income_per_capita,"
    " income_total, flags, n_deprivations, recorded_status,"
    " computed_status, standard_id, standards_rev, ethnic_minority, merit,"
    " no_labour, import_id, source_row, b1_score";
static const char *const PERSON_COLUMN_NAMES =
    "year, unit_code, household_id, head_name, address, id_number";

/* The counts of one unit and year, with its code: one allocation, so
 * that counting a row touches one place. */
typedef struct unit_count {
    int year;
    int64_t n[N_COUNTS];
    char code[]; /* NUL-terminated */
} unit_count;

struct count_slot {
    const char *address; /* NULL: empty */
    unit_count *count;
};

struct povatlas_household_writer {
    povatlas_workspace *ws;
    db_stmt *ins;       /* one row */
    db_stmt *ins_group; /* GROUP_ROWS rows */
    db_stmt *ins_person;
    povatlas_household group[GROUP_ROWS]; /* rows not yet written */
    int n_group;
    GStringChunk *group_text; /* their unit codes and ids */
    int64_t standards_rev;
    GHashTable *years;       /* years whose review list is recorded */
    GHashTable *counts;      /* year -> (unit code -> unit_count *) */
    GHashTable *last_counts; /* counts of the last row's year */
    int last_year;
    /* the unit_count last found for the address of a row's unit code
     * (an importer passes each unit's code from its unit list, so a
     * row's code is found by its address, not hashed and compared in a
     * string table: 13 % of the storing thread at 1 M rows); checked
     * against the code's text, since the caller may reuse an address */
    struct count_slot *by_address;
    size_t by_address_cap, by_address_n;
    /* COPY (PostgreSQL, not an office): the rows not yet sent, as COPY's
     * text; NULL when the rows go by INSERT */
    GString *copy_hh, *copy_persons;
};

povatlas_household_writer *povatlas_household_writer_new(povatlas_workspace *ws,
                                                         povatlas_error **err)
{
    povatlas_household_writer *w = g_new0(povatlas_household_writer, 1);
    w->ws = ws;
    w->years = g_hash_table_new(g_direct_hash, g_direct_equal);
    w->counts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                      (GDestroyNotify)g_hash_table_unref);
    if (povatlas_workspace_standards_revision(ws, &w->standards_rev, err)) {
        povatlas_household_writer_free(w);
        return NULL;
    }
    w->group_text = g_string_chunk_new(4096);
    if (db_has_copy(ws->db) && !ws->office_units) {
        w->copy_hh = g_string_sized_new(COPY_FLUSH_BYTES + 4096);
        w->copy_persons = g_string_new(NULL);
        return w;
    }
    static const char *const INSERT =
        "INSERT INTO households(year, unit_code, household_id, members,"
        " income_per_capita, income_total, flags, n_deprivations,"
        " recorded_status, computed_status, standard_id, standards_rev,"
        " ethnic_minority, merit, no_labour, import_id, source_row, b1_score)"
        " VALUES ";
    static const char *const ROW = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    g_autofree char *one = g_strconcat(INSERT, ROW, NULL);
    GString *many = g_string_new(INSERT);
    for (int i = 0; i < GROUP_ROWS; i++)
        g_string_append(g_string_append(many, i ? "," : ""), ROW);
    w->ins = store_prepare(ws, one, err);
    if (w->ins)
        w->ins_group = store_prepare(ws, many->str, err);
    g_string_free(many, TRUE);
    if (w->ins_group)
        w->ins_person = store_prepare(
            ws,
            "INSERT INTO household_persons(year, unit_code, household_id,"
            " head_name, address, id_number) VALUES (?,?,?,?,?,?)",
            err);
    if (!w->ins || !w->ins_group || !w->ins_person) {
        povatlas_household_writer_free(w);
        return NULL;
    }
    return w;
}

/* Binds @h to parameters @at + 1 .. @at + HH_COLUMNS; its strings must
 * live until the statement is stepped. */
static void bind_household(db_stmt *st, int at, const povatlas_household *h,
                           int64_t rev)
{
    db_bind_int(st, at + 1, h->year);
    db_bind_text_static(st, at + 2, h->unit_code);
    db_bind_text_static(st, at + 3, h->household_id);
    store_bind_int_or_null(st, at + 4, h->members);
    store_bind_int_or_null(st, at + 5, h->income_per_capita);
    store_bind_int_or_null(st, at + 6, h->income_total);
    store_bind_int_or_null(st, at + 7, h->flags);
    store_bind_int_or_null(st, at + 8, h->n_deprivations);
    db_bind_int(st, at + 9, h->recorded_status);
    db_bind_int(st, at + 10, h->computed_status);
    store_bind_int_or_null(st, at + 11, h->standard_id);
    db_bind_int64(st, at + 12, rev);
    store_bind_int_or_null(st, at + 13, h->ethnic_minority);
    store_bind_int_or_null(st, at + 14, h->merit);
    store_bind_int_or_null(st, at + 15, h->no_labour);
    store_bind_int_or_null(st, at + 16, h->import_id);
    store_bind_int_or_null(st, at + 17, h->source_row);
    store_bind_int_or_null(st, at + 18, h->b1_score);
}

static povatlas_status step_insert(povatlas_household_writer *w, db_stmt *st,
                                   povatlas_error **err)
{
    int rc = store_step(st);
    db_reset(st);
    if (rc == DB_DONE)
        return POVATLAS_OK;
    return store_fail(w->ws, err, "cannot store household");
}

/* Writes the rows kept in w->group: all at once when the group is full,
 * else one by one (only the last rows of an import). */
static povatlas_status write_group(povatlas_household_writer *w,
                                   povatlas_error **err)
{
    povatlas_status s = POVATLAS_OK;
    if (w->n_group == GROUP_ROWS) {
        for (int i = 0; i < GROUP_ROWS; i++)
            bind_household(w->ins_group, i * HH_COLUMNS, &w->group[i],
                           w->standards_rev);
        s = step_insert(w, w->ins_group, err);
    } else {
        for (int i = 0; !s && i < w->n_group; i++) {
            bind_household(w->ins, 0, &w->group[i], w->standards_rev);
            s = step_insert(w, w->ins, err);
        }
    }
    w->n_group = 0;
    g_string_chunk_clear(w->group_text);
    return s;
}

/* Appends @v to @out as a value of a COPY row, NULL when negative, and
 * the separator after it. */
static void copy_int(GString *out, int64_t v, char sep)
{
    if (v < 0) {
        g_string_append_len(out, "\\N", 2);
        g_string_append_c(out, sep);
        return;
    }
    /* digits written backwards (g_string_append_printf() per value cost
     * more than the rest of the row) */
    char buf[24];
    char *e = buf + sizeof buf, *p = e;
    *--p = sep;
    uint64_t u = (uint64_t)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    g_string_append_len(out, p, e - p);
}

static void copy_text(GString *out, const char *v, char sep)
{
    db_copy_escape(out, v);
    g_string_append_c(out, sep);
}

/* Keeps @h (and its personal data, when any) as COPY rows. */
static void copy_keep(povatlas_household_writer *w, const povatlas_household *h)
{
    GString *o = w->copy_hh;
    copy_int(o, h->year, '\t');
    copy_text(o, h->unit_code, '\t');
    copy_text(o, h->household_id, '\t');
    copy_int(o, h->members, '\t');
    copy_int(o, h->income_per_capita, '\t');
    copy_int(o, h->income_total, '\t');
    copy_int(o, h->flags, '\t');
    copy_int(o, h->n_deprivations, '\t');
    copy_int(o, h->recorded_status, '\t');
    copy_int(o, h->computed_status, '\t');
    copy_int(o, h->standard_id, '\t');
    copy_int(o, w->standards_rev, '\t');
    copy_int(o, h->ethnic_minority, '\t');
    copy_int(o, h->merit, '\t');
    copy_int(o, h->no_labour, '\t');
    copy_int(o, h->import_id, '\t');
    copy_int(o, h->source_row, '\t');
    copy_int(o, h->b1_score, '\n');
    if (!h->head_name && !h->address && !h->id_number)
        return;
    GString *p = w->copy_persons;
    copy_int(p, h->year, '\t');
    copy_text(p, h->unit_code, '\t');
    copy_text(p, h->household_id, '\t');
    copy_text(p, h->head_name, '\t');
    copy_text(p, h->address, '\t');
    copy_text(p, h->id_number, '\n');
}

/* Sends the rows of @rows to @table (the COPY stays open for more), and
 * empties @rows. */
static povatlas_status copy_send(povatlas_household_writer *w,
                                 const char *table, const char *columns,
                                 GString *rows, povatlas_error **err)
{
    if (!rows->len)
        return POVATLAS_OK;
    int rc = db_copy_put(w->ws->db, table, columns, rows->str, rows->len);
    g_string_truncate(rows, 0);
    if (rc != DB_OK)
        return store_fail(w->ws, err, "cannot store household");
    return POVATLAS_OK;
}

/* Sends the households kept; the personal data too when @all or when a
 * buffer's worth is kept (each switch of table ends a COPY and waits for
 * the server: a list with names switches once a megabyte); with @all the
 * COPY is ended, so that its failure shows here. */
static povatlas_status copy_flush(povatlas_household_writer *w, gboolean all,
                                  povatlas_error **err)
{
    povatlas_status s =
        copy_send(w, "households", HH_COLUMN_NAMES, w->copy_hh, err);
    if (!s && (all || w->copy_persons->len >= COPY_FLUSH_BYTES))
        s = copy_send(w, "household_persons", PERSON_COLUMN_NAMES,
                      w->copy_persons, err);
    if (!s && all && db_copy_end(w->ws->db) != DB_OK)
        s = store_fail(w->ws, err, "cannot store household");
    return s;
}

/* Slot of @address in w->by_address: its own, or the empty one where it
 * goes. */
static struct count_slot *count_slot_of(povatlas_household_writer *w,
                                        const char *address)
{
    size_t mask = w->by_address_cap - 1;
    size_t i =
        (size_t)(((uint64_t)(uintptr_t)address * 0x9E3779B97F4A7C15ULL) >> 32) &
        mask;
    while (w->by_address[i].address && w->by_address[i].address != address)
        i = (i + 1) & mask;
    return &w->by_address[i];
}

/* Makes room for one more address (the table at most half full);
 * FALSE when out of memory. */
static gboolean count_slots_reserve(povatlas_household_writer *w)
{
    if ((w->by_address_n + 1) * 2 <= w->by_address_cap)
        return TRUE;
    size_t cap = w->by_address_cap ? w->by_address_cap * 2 : 1024;
    struct count_slot *old = w->by_address;
    size_t old_cap = w->by_address_cap;
    struct count_slot *t = povatlas_try_calloc(cap, sizeof *t);
    if (!t)
        return FALSE;
    w->by_address = t;
    w->by_address_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].address)
            *count_slot_of(w, old[i].address) = old[i];
    free(old);
    return TRUE;
}

static void count_slots_clear(povatlas_household_writer *w)
{
    if (w->by_address)
        memset(w->by_address, 0, w->by_address_cap * sizeof *w->by_address);
    w->by_address_n = 0;
}

/* The counts of @h's unit and year in the string table (made when new). */
static unit_count *count_by_code(povatlas_household_writer *w,
                                 const povatlas_household *h)
{
    if (!w->last_counts || w->last_year != h->year) {
        GHashTable *t =
            g_hash_table_lookup(w->counts, GINT_TO_POINTER(h->year));
        if (!t) {
            t = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
            g_hash_table_insert(w->counts, GINT_TO_POINTER(h->year), t);
        }
        w->last_counts = t;
        w->last_year = h->year;
    }
    unit_count *n = g_hash_table_lookup(w->last_counts, h->unit_code);
    if (!n) {
        size_t len = strlen(h->unit_code);
        n = g_malloc0(sizeof *n + len + 1);
        n->year = h->year;
        memcpy(n->code, h->unit_code, len + 1);
        g_hash_table_insert(w->last_counts, n->code, n);
    }
    return n;
}

/* Adds @h to the counts of its unit and year (kept in memory until
 * povatlas_household_writer_finish()); returns them, their code a copy of
 * @h's that lives until then; NULL (nothing counted) when out of memory. */
static unit_count *count_household(povatlas_household_writer *w,
                                   const povatlas_household *h)
{
    if (!count_slots_reserve(w))
        return NULL;
    struct count_slot *slot = count_slot_of(w, h->unit_code);
    unit_count *n = slot->count;
    if (!slot->address || n->year != h->year ||
        strcmp(n->code, h->unit_code) != 0) {
        n = count_by_code(w, h);
        w->by_address_n += slot->address == NULL;
        *slot = (struct count_slot){h->unit_code, n};
    }
    int rec = h->recorded_status, comp = h->computed_status;
    n->n[N_LISTED]++;
    n->n[N_POOR] += rec == POVATLAS_CLASS_POOR;
    n->n[N_NEAR] += rec == POVATLAS_CLASS_NEAR_POOR;
    n->n[N_CPOOR] += comp == POVATLAS_CLASS_POOR;
    n->n[N_CNEAR] += comp == POVATLAS_CLASS_NEAR_POOR;
    n->n[N_DISAGREE] +=
        rec != comp &&
        (rec == POVATLAS_CLASS_POOR || rec == POVATLAS_CLASS_NEAR_POOR ||
         comp == POVATLAS_CLASS_POOR || comp == POVATLAS_CLASS_NEAR_POOR);
    return n;
}

/* Rows of household_counts written by one INSERT: one statement per
 * unit cost a round trip each on PostgreSQL (10,600 units: ~0.4 s after
 * the last household, the server and the client taking turns). */
#define COUNT_GROUP_ROWS 64

/* The INSERT of @n rows of counts, adding to the stored ones. */
static db_stmt *prepare_counts(povatlas_workspace *ws, int n,
                               povatlas_error **err)
{
    GString *sql = g_string_new("INSERT INTO household_counts AS c VALUES ");
    for (int i = 0; i < n; i++)
        g_string_append(sql, i ? ",(?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?)");
    g_string_append(sql, " ON CONFLICT (year, unit_code) DO UPDATE SET"
                         " listed = c.listed + excluded.listed,"
                         " poor = c.poor + excluded.poor,"
                         " near_poor = c.near_poor + excluded.near_poor,"
                         " computed_poor = c.computed_poor"
                         " + excluded.computed_poor,"
                         " computed_near_poor = c.computed_near_poor"
                         " + excluded.computed_near_poor,"
                         " disagree = c.disagree + excluded.disagree");
    db_stmt *st = store_prepare(ws, sql->str, err);
    g_string_free(sql, TRUE);
    return st;
}

povatlas_status povatlas_household_writer_finish(povatlas_household_writer *w,
                                                 povatlas_error **err)
{
    /* the rows sent and their COPY ended first: a refused row shows as
     * such, not as the next statement's failure */
    if (w->copy_hh && copy_flush(w, TRUE, err))
        return store_status(w->ws);
    povatlas_status s = w->copy_hh ? POVATLAS_OK : write_group(w, err);
    if (s)
        return s;
    /* the counts in groups, in the tables' order; the last, partial group
     * one row at a time */
    guint n_units = 0;
    GHashTableIter yi;
    gpointer year, units;
    g_hash_table_iter_init(&yi, w->counts);
    while (g_hash_table_iter_next(&yi, &year, &units))
        n_units += g_hash_table_size(units);
    db_stmt *group = n_units >= COUNT_GROUP_ROWS
                         ? prepare_counts(w->ws, COUNT_GROUP_ROWS, err)
                         : NULL;
    db_stmt *one = n_units < COUNT_GROUP_ROWS || group
                       ? prepare_counts(w->ws, 1, err)
                       : NULL;
    if (!one) {
        db_finalize(group);
        return store_status(w->ws);
    }
    guint left = n_units, in_group = 0;
    g_hash_table_iter_init(&yi, w->counts);
    while (!s && g_hash_table_iter_next(&yi, &year, &units)) {
        GHashTableIter ui;
        gpointer code, n_;
        g_hash_table_iter_init(&ui, units);
        while (!s && g_hash_table_iter_next(&ui, &code, &n_)) {
            const int64_t *n = ((const unit_count *)n_)->n;
            gboolean grouped =
                left - in_group >= COUNT_GROUP_ROWS || in_group > 0;
            db_stmt *st = grouped ? group : one;
            int at = grouped ? (int)in_group * (2 + N_COUNTS) : 0;
            /* the code lives in the counts table until its end */
            db_bind_int(st, at + 1, GPOINTER_TO_INT(year));
            db_bind_text_static(st, at + 2, code);
            for (int i = 0; i < N_COUNTS; i++)
                db_bind_int64(st, at + 3 + i, n[i]);
            if (grouped && ++in_group < COUNT_GROUP_ROWS)
                continue;
            if (store_step(st) != DB_DONE)
                s = store_fail(w->ws, err, "cannot store household counts");
            db_reset(st);
            left -= grouped ? COUNT_GROUP_ROWS : 1;
            in_group = 0;
        }
    }
    db_finalize(group);
    db_finalize(one);
    /* written: a later finish adds only what is added after this one */
    count_slots_clear(w);
    g_hash_table_remove_all(w->counts);
    w->last_counts = NULL;
    return s;
}

povatlas_status povatlas_household_writer_add(povatlas_household_writer *w,
                                              const povatlas_household *h,
                                              povatlas_error **err)
{
    povatlas_status s = POVATLAS_OK;
    if (!g_hash_table_contains(w->years, GINT_TO_POINTER(h->year))) {
        /* the first household of a year: the year now has a list */
        s = store_review_list_record(w->ws, h->year, h->import_id, err);
        if (s)
            return s;
        g_hash_table_add(w->years, GINT_TO_POINTER(h->year));
    }
    unit_count *n = count_household(w, h);
    if (!n)
        return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                  "out of memory for the counts per unit");
    if (w->copy_hh) {
        copy_keep(w, h);
        return w->copy_hh->len >= COPY_FLUSH_BYTES ? copy_flush(w, FALSE, err)
                                                   : POVATLAS_OK;
    }
    /* kept, with copies of its strings, until the group is full */
    povatlas_household *k = &w->group[w->n_group++];
    *k = *h;
    k->unit_code = n->code;
    k->household_id = g_string_chunk_insert(w->group_text, h->household_id);
    k->head_name = k->address = k->id_number = NULL;
    if (w->n_group == GROUP_ROWS)
        s = write_group(w, err);
    if (s || (!h->head_name && !h->address && !h->id_number))
        return s;
    db_stmt *p = w->ins_person;
    db_bind_int(p, 1, h->year);
    db_bind_text_static(p, 2, h->unit_code);
    db_bind_text_static(p, 3, h->household_id);
    store_bind_text(p, 4, h->head_name);
    store_bind_text(p, 5, h->address);
    store_bind_text(p, 6, h->id_number);
    return step_insert(w, p, err);
}

void povatlas_household_writer_free(povatlas_household_writer *w)
{
    if (!w)
        return;
    db_finalize(w->ins);
    db_finalize(w->ins_group);
    db_finalize(w->ins_person);
    if (w->group_text)
        g_string_chunk_free(w->group_text);
    if (w->copy_hh)
        g_string_free(w->copy_hh, TRUE);
    if (w->copy_persons)
        g_string_free(w->copy_persons, TRUE);
    if (w->years)
        g_hash_table_destroy(w->years);
    if (w->counts)
        g_hash_table_destroy(w->counts);
    free(w->by_address);
    g_free(w);
}

povatlas_status povatlas_workspace_delete_households(povatlas_workspace *ws,
                                                     int year,
                                                     int64_t *n_deleted,
                                                     povatlas_error **err)
{
    static const char *const sql[] = {
        "DELETE FROM household_persons WHERE year = ?",
        "DELETE FROM household_counts WHERE year = ?",
        "DELETE FROM households WHERE year = ?"};
    /* an office replaces its own units' list */
    g_autofree char *own = store_office_only(ws, "unit_code");
    for (size_t i = 0; i < G_N_ELEMENTS(sql); i++) {
        g_autofree char *q = g_strconcat(sql[i], own, NULL);
        db_stmt *st = store_prepare(ws, q, err);
        if (!st)
            return store_status(ws);
        db_bind_int(st, 1, year);
        int rc = store_step(st);
        db_finalize(st);
        if (rc != DB_DONE)
            return store_fail(ws, err, "cannot delete households");
        if (n_deleted && i == G_N_ELEMENTS(sql) - 1)
            *n_deleted = db_changes(ws->db);
    }
    return store_review_list_delete(ws, year, err);
}

static void read_household(db_stmt *st, povatlas_household *h)
{
    h->year = db_column_int(st, 0);
    h->unit_code = db_column_text(st, 1);
    h->household_id = db_column_text(st, 2);
    h->members = store_column_int_or_minus1(st, 3);
    h->income_per_capita = store_column_int_or_minus1(st, 4);
    h->income_total = store_column_int_or_minus1(st, 5);
    h->flags = store_column_int_or_minus1(st, 6);
    h->n_deprivations = store_column_int_or_minus1(st, 7);
    h->recorded_status = db_column_int(st, 8);
    h->computed_status = db_column_int(st, 9);
    h->b1_score = -1;
}

povatlas_status povatlas_workspace_reclassify(povatlas_workspace *ws, int year,
                                              povatlas_household_fn fn,
                                              void *user_data,
                                              int64_t *n_changed,
                                              povatlas_error **err)
{
    int64_t rev = 0;
    povatlas_status s = povatlas_workspace_standards_revision(ws, &rev, err);
    if (s)
        return s;
    db_stmt *sel = store_prepare(
        ws,
        "SELECT h.year, h.unit_code, h.household_id, h.members,"
        " h.income_per_capita, h.income_total, h.flags, h.n_deprivations,"
        " h.recorded_status, h.computed_status,"
        " (SELECT u.urban FROM units u WHERE u.code = h.unit_code"
        "  AND u.valid_from <= h.year || '-12-31' AND (u.valid_to IS NULL"
        "  OR u.valid_to >= h.year || '-12-31') LIMIT 1), h.b1_score"
        " FROM households h WHERE (?1 = 0 OR h.year = ?1)"
        " AND h.standards_rev <> ?2",
        err);
    db_stmt *upd =
        sel ? store_prepare(ws,
                            "UPDATE households SET computed_status = ?,"
                            " standard_id = ?, standards_rev = ?"
                            " WHERE year = ? AND unit_code = ? AND"
                            " household_id = ?",
                            err)
            : NULL;
    if (!sel || !upd) {
        db_finalize(sel);
        return store_status(ws);
    }
    db_bind_int(sel, 1, year);
    db_bind_int64(sel, 2, rev);
    int64_t changed = 0;
    int rc;
    while ((rc = store_step(sel)) == DB_ROW) {
        povatlas_household h = {0};
        read_household(sel, &h);
        h.b1_score = store_column_int_or_minus1(sel, 11);
        int standard_id = -1;
        povatlas_class c =
            fn(&h, db_column_int(sel, 10), user_data, &standard_id);
        changed += c != h.computed_status;
        db_bind_int(upd, 1, c);
        store_bind_int_or_null(upd, 2, standard_id);
        db_bind_int64(upd, 3, rev);
        db_bind_int(upd, 4, h.year);
        db_bind_text(upd, 5, h.unit_code);
        db_bind_text(upd, 6, h.household_id);
        if (store_step(upd) != DB_DONE) {
            s = store_fail(ws, err, "cannot update household class");
            break;
        }
        db_reset(upd);
    }
    if (!s && rc != DB_DONE)
        s = store_fail(ws, err, "cannot read households");
    db_finalize(sel);
    db_finalize(upd);
    /* the computed classes moved: their counts with them */
    if (!s && changed)
        s = store_household_counts_recount(ws, year, err);
    if (n_changed)
        *n_changed = changed;
    return s;
}

povatlas_status povatlas_workspace_household_origin(
    povatlas_workspace *ws, int year, const char *unit_code,
    const char *household_id, int64_t *import_id, long *source_row, int *found,
    povatlas_error **err)
{
    *found = 0;
    *import_id = -1;
    *source_row = -1;
    db_stmt *st =
        store_prepare(ws,
                      "SELECT coalesce(import_id, -1), coalesce(source_row, -1)"
                      " FROM households WHERE year = ? AND unit_code = ? AND"
                      " household_id = ? ORDER BY rowid LIMIT 1",
                      err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    store_bind_text(st, 2, unit_code);
    store_bind_text(st, 3, household_id);
    povatlas_status s = store_row(
        ws, st, found, "cannot read where a household came from", err);
    if (*found) {
        *import_id = db_column_int64(st, 0);
        *source_row = (long)db_column_int64(st, 1);
    }
    db_finalize(st);
    return s;
}

povatlas_status
povatlas_workspace_record_import(povatlas_workspace *ws, const char *kind,
                                 const char *file, int year, int64_t rows,
                                 int64_t *import_id, povatlas_error **err)
{
    db_stmt *st = store_prepare(
        ws, "INSERT INTO imports(kind, file, year, rows) VALUES (?,?,?,?)",
        err);
    if (!st)
        return store_status(ws);
    store_bind_text(st, 1, kind);
    store_bind_text(st, 2, file);
    store_bind_int_or_null(st, 3, year > 0 ? year : -1);
    db_bind_int64(st, 4, rows);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot record import");
    else if (import_id)
        *import_id = db_last_insert_id(ws->db);
    db_finalize(st);
    return rc;
}

povatlas_status povatlas_workspace_update_import_rows(povatlas_workspace *ws,
                                                      int64_t import_id,
                                                      int64_t rows,
                                                      povatlas_error **err)
{
    db_stmt *st =
        store_prepare(ws, "UPDATE imports SET rows = ? WHERE id = ?", err);
    if (!st)
        return store_status(ws);
    db_bind_int64(st, 1, rows);
    db_bind_int64(st, 2, import_id);
    povatlas_status rc = POVATLAS_OK;
    if (store_step(st) != DB_DONE)
        rc = store_fail(ws, err, "cannot record import");
    db_finalize(st);
    return rc;
}

povatlas_status
povatlas_workspace_household_keys(povatlas_workspace *ws, int year,
                                  povatlas_household_key_fn fn, void *user_data,
                                  int64_t *n_out, povatlas_error **err)
{
    if (n_out)
        *n_out = 0;
    db_stmt *st = store_prepare(
        ws, "SELECT unit_code, household_id FROM households WHERE year = ?",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    int64_t n = 0;
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        if (fn)
            fn(db_column_text(st, 0), db_column_text(st, 1), user_data);
        n++;
    }
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read the stored households");
    db_finalize(st);
    if (n_out)
        *n_out = n;
    return s;
}

povatlas_status
povatlas_workspace_disagreements(povatlas_workspace *ws, int year,
                                 povatlas_disagreement_fn fn, void *user_data,
                                 int64_t *n_out, povatlas_error **err)
{
    if (n_out)
        *n_out = 0;
    db_stmt *st = store_prepare(
        ws,
        "SELECT year, unit_code, household_id, members, income_per_capita,"
        " income_total, flags, n_deprivations, recorded_status,"
        " computed_status FROM households WHERE year = ?"
        " AND recorded_status <> computed_status"
        " AND (recorded_status IN (1, 2) OR computed_status IN (1, 2))"
        " ORDER BY unit_code, household_id",
        err);
    if (!st)
        return store_status(ws);
    db_bind_int(st, 1, year);
    int64_t n = 0;
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        povatlas_household h = {0};
        read_household(st, &h);
        fn(&h, user_data);
        n++;
    }
    povatlas_status s = POVATLAS_OK;
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read the stored households");
    db_finalize(st);
    if (n_out)
        *n_out = n;
    return s;
}

povatlas_status povatlas_workspace_households_empty(povatlas_workspace *ws,
                                                    int *empty,
                                                    povatlas_error **err)
{
    *empty = 1;
    db_stmt *st = store_prepare(ws, "SELECT 1 FROM households LIMIT 1", err);
    if (!st)
        return store_status(ws);
    int row = 0;
    povatlas_status s =
        store_row(ws, st, &row, "cannot read the stored households", err);
    *empty = !row;
    db_finalize(st);
    return s;
}
