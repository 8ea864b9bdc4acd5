/*
 * unit_names.c - finding the unit a row names, by code or by name as a
 * review list writes it, among the units in force on the row's day (the
 * review date, else 31 December of its year): the same code and the same
 * name belong to different units over time (docs/domain-rules.md §6.3: "Phủ Hà"
 * is 22747 until October 2024, then 22750; 22780 is Mỹ Hải, then Đông Hải).
 *
 * A name matches with or without the "Phường"/"P."/"Xã"/"X."/"Thị trấn"
 * prefix and in any case. A name typed without diacritics matches when
 * exactly one unit in force has it; a name typed WITH diacritics must
 * match them, so "Thanh Hải" is not "Thành Hải" (docs/domain-rules.md §7.5
 * U05). A code and a name on the same row must name the same unit. Every
 * refusal says what the name or code is on other days, and where a merged unit
 * went, following the crosswalk link by link to the day asked.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "ingest_private.h"
#include "povatlas/series_inputs.h"

/* The units under one key (a code or a name), oldest period first: a
 * range of a sorted index. */
typedef struct unit_key {
    const char *key;
    const povatlas_unit_row *u;
} unit_key;

typedef struct unit_span {
    const unit_key *e;
    size_t n;
} unit_span;

/* Sorted by key, then valid_from and code; one entry per key and unit. */
typedef struct unit_index {
    unit_key *e;
    size_t n;
} unit_index;

/* Resolved rows kept at most: a list repeats a handful of names a million
 * times, and a file of a million different spellings must not grow the
 * cache with it (GLib aborts when memory runs out). */
#define FOUND_MAX 4096

struct unit_names {
    povatlas_unit_list *units;
    povatlas_link_list *links;
    /* checked allocations (core/alloc.h), bounded by the workspace's
     * units: out of memory loading them is POVATLAS_E_NOMEM */
    unit_index by_code; /* code -> its periods */
    unit_index exact;   /* lower-case NFC name without prefix */
    unit_index ascii;   /* folded name without prefix */
    text_chunk keys;    /* the names' keys */
    GHashTable *found;  /* "day code name" -> row, at most FOUND_MAX */
};

static const char *const PREFIXES[] = {
    "thanh pho ", "thi tran ", "phuong ", "tp ", "tt ", "xa ", "p ", "x "};

/* Folded form with '.' and ',' as spaces: "P. Đô Vinh" -> "p do vinh". */
static char *fold_name(const char *text)
{
    g_autofree char *t = g_strdup(text);
    g_strdelimit(t, ".,", ' ');
    return povatlas_text_fold(t);
}

/* Number of leading words a unit-type prefix takes in @folded. */
static int prefix_words(const char *folded)
{
    for (size_t i = 0; i < G_N_ELEMENTS(PREFIXES); i++)
        if (g_str_has_prefix(folded, PREFIXES[i]) &&
            strlen(folded) > strlen(PREFIXES[i]))
            return strchr(PREFIXES[i], ' ') ==
                           PREFIXES[i] + strlen(PREFIXES[i]) - 1
                       ? 1
                       : 2;
    return 0;
}

/* Drops the first @n words of @s (space separated). */
static char *drop_words(const char *s, int n)
{
    const char *p = s;
    for (int i = 0; i < n && p; i++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    return g_strdup(p ? p : "");
}

static char *ascii_key(const char *text)
{
    g_autofree char *f = fold_name(text);
    return f ? drop_words(f, prefix_words(f)) : NULL;
}

/* Lower-case NFC, separators collapsed, prefix dropped. */
static char *exact_key(const char *text)
{
    g_autofree char *f = fold_name(text);
    g_autofree char *t = g_strdup(text);
    g_strdelimit(t, ".,-_", ' ');
    g_autofree char *nfc = povatlas_text_normalize(t);
    if (!f || !nfc)
        return NULL;
    g_autofree char *low = g_utf8_strdown(nfc, -1);
    g_auto(GStrv) words = g_strsplit_set(low, " \t", -1);
    GString *out = g_string_new(NULL);
    int skip = prefix_words(f);
    for (char **w = words; *w; w++) {
        if (!**w)
            continue;
        if (skip > 0) {
            skip--;
            continue;
        }
        if (out->len)
            g_string_append_c(out, ' ');
        g_string_append(out, *w);
    }
    return g_string_free(out, FALSE);
}

static gboolean is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return FALSE;
    return TRUE;
}

static gboolean in_force(const povatlas_unit_row *u, const char *day)
{
    return strcmp(u->valid_from, day) <= 0 &&
           (!u->valid_to || strcmp(u->valid_to, day) >= 0);
}

static int key_order(const void *a, const void *b)
{
    const unit_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (!c)
        c = strcmp(x->u->valid_from, y->u->valid_from);
    return c ? c : strcmp(x->u->code, y->u->code);
}

/* Sorts the @ix->n entries and drops a unit's second entry under one key
 * (a name and its full name often share it). */
static void index_sort(unit_index *ix)
{
    if (!ix->n)
        return;
    qsort(ix->e, ix->n, sizeof *ix->e, key_order);
    size_t kept = 1;
    for (size_t i = 1; i < ix->n; i++)
        if (ix->e[i].u != ix->e[kept - 1].u ||
            strcmp(ix->e[i].key, ix->e[kept - 1].key) != 0)
            ix->e[kept++] = ix->e[i];
    ix->n = kept;
}

/* The entries of @ix under @key (none for NULL). */
static unit_span index_find(const unit_index *ix, const char *key)
{
    size_t lo = 0, hi = ix->n;
    while (key && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->e[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (key && end < ix->n && strcmp(ix->e[end].key, key) == 0)
        end++;
    return (unit_span){ix->e + lo, key ? end - lo : 0};
}

/* Adds @u under @key (g_malloc'd, freed here; NULL adds nothing) to
 * @ix, the key's text copied into @n's keys: 0, or -1 when out of
 * memory. */
static int index_add(unit_names *n, unit_index *ix, char *key,
                     const povatlas_unit_row *u)
{
    if (!key)
        return 0;
    const char *kept = text_chunk_add(&n->keys, key);
    g_free(key);
    if (!kept)
        return -1;
    ix->e[ix->n++] = (unit_key){kept, u};
    return 0;
}

static unit_names *load(povatlas_unit_list *units, povatlas_link_list *links)
{
    unit_names *n = povatlas_try_calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->units = units;
    n->links = links;
    n->found = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    n->by_code.e = povatlas_try_calloc(units->n, sizeof(unit_key));
    n->exact.e = povatlas_try_calloc(units->n, 2 * sizeof(unit_key));
    n->ascii.e = povatlas_try_calloc(units->n, 2 * sizeof(unit_key));
    int ok = n->by_code.e && n->exact.e && n->ascii.e;
    for (size_t i = 0; ok && i < units->n; i++) {
        const povatlas_unit_row *u = &units->rows[i];
        n->by_code.e[n->by_code.n++] = (unit_key){u->code, u};
        ok = index_add(n, &n->exact, exact_key(u->name), u) == 0 &&
             index_add(n, &n->ascii, ascii_key(u->name), u) == 0;
        if (ok && u->full_name)
            ok = index_add(n, &n->exact, exact_key(u->full_name), u) == 0 &&
                 index_add(n, &n->ascii, ascii_key(u->full_name), u) == 0;
    }
    if (!ok) {
        n->units = NULL; /* the caller's still */
        n->links = NULL;
        unit_names_free(n);
        return NULL;
    }
    /* periods and candidates are listed oldest first */
    index_sort(&n->by_code);
    index_sort(&n->exact);
    index_sort(&n->ascii);
    return n;
}

unit_names *unit_names_load(povatlas_workspace *ws, povatlas_error **err)
{
    povatlas_unit_list *units = povatlas_workspace_unit_attributes(ws, 0, err);
    if (!units)
        return NULL;
    povatlas_link_list *links = povatlas_workspace_links(ws, err);
    if (!links) {
        povatlas_unit_list_free(units);
        return NULL;
    }
    size_t n_units = units->n;
    unit_names *n = load(units, links);
    if (!n) {
        povatlas_link_list_free(links);
        povatlas_unit_list_free(units);
        povatlas_error_set(err, POVATLAS_E_NOMEM,
                           "out of memory for the names of %zu units", n_units);
    }
    return n;
}

void unit_names_free(unit_names *n)
{
    if (!n)
        return;
    free(n->by_code.e);
    free(n->exact.e);
    free(n->ascii.e);
    text_chunk_clear(&n->keys);
    if (n->found)
        g_hash_table_destroy(n->found);
    povatlas_link_list_free(n->links);
    povatlas_unit_list_free(n->units);
    free(n);
}

const povatlas_unit_list *unit_names_units(const unit_names *n)
{
    return n->units;
}

const povatlas_unit_row *unit_names_code_on(const unit_names *n,
                                            const char *code, const char *day)
{
    unit_span periods = index_find(&n->by_code, code);
    for (size_t i = 0; i < periods.n; i++)
        if (in_force(periods.e[i].u, day))
            return periods.e[i].u;
    return NULL;
}

/* ------------------------------------------------------------- messages */

static const char *display_name(const povatlas_unit_row *u)
{
    return u->full_name ? u->full_name : u->name;
}

/* "'Phường Phủ Hà' (22747, 2008-02-24 to 2024-10-31)" */
static void append_candidate(GString *s, const povatlas_unit_row *u)
{
    g_autofree char *name = povatlas_text_quote(display_name(u));
    g_string_append_printf(s, "%s (%s, ", name, u->code);
    if (u->valid_to)
        g_string_append_printf(s, "%s to %s)", u->valid_from, u->valid_to);
    else
        g_string_append_printf(s, "from %s)", u->valid_from);
}

/* The units of @rows, those in force on @day only when @day is given. */
static void append_candidates(GString *s, unit_span rows, const char *day)
{
    size_t shown = 0;
    for (size_t i = 0; i < rows.n; i++) {
        if (day && !in_force(rows.e[i].u, day))
            continue;
        if (shown++)
            g_string_append(s, ", ");
        append_candidate(s, rows.e[i].u);
    }
}

static const povatlas_unit_row *period(const unit_names *n, const char *code,
                                       const char *valid_from)
{
    unit_span periods = index_find(&n->by_code, code);
    for (size_t i = 0; i < periods.n; i++)
        if (strcmp(periods.e[i].u->valid_from, valid_from) == 0)
            return periods.e[i].u;
    return NULL;
}

/* The link that ended @u before or on @day (NULL when none). */
static const povatlas_link_row *
link_from(const unit_names *n, const povatlas_unit_row *u, const char *day)
{
    for (size_t i = 0; i < n->links->n; i++) {
        const povatlas_link_row *l = &n->links->rows[i];
        if (strcmp(l->old_code, u->code) == 0 &&
            strcmp(l->old_valid_from, u->valid_from) == 0 &&
            strcmp(l->valid_on, day) <= 0 &&
            strcmp(l->valid_on, u->valid_from) > 0)
            return l;
    }
    return NULL;
}

/* ": it became part of 22759 ('Kinh Dinh') on 2024-11-01, then of 22759
 * ('Phan Rang') on 2025-07-01": the crosswalk from @u, which ended before
 * @day, to the unit in force on @day. Nothing when no link is known. */
static void append_successors(GString *s, const unit_names *n,
                              const povatlas_unit_row *u, const char *day)
{
    for (int step = 0; u && !in_force(u, day) && step < 16; step++) {
        const povatlas_link_row *l = link_from(n, u, day);
        if (!l)
            return;
        const povatlas_unit_row *next =
            period(n, l->new_code, l->new_valid_from);
        g_string_append_printf(s,
                               step ? ", then of %s"
                                    : ": it became part "
                                      "of %s",
                               l->new_code);
        if (next) {
            g_autofree char *name = povatlas_text_quote(next->name);
            g_string_append_printf(s, " (%s)", name);
        }
        g_string_append_printf(s, " on %s", l->valid_on);
        u = next;
    }
}

/* "at the end of 2023" or "on 2024-11-15" */
static char *when_text(const char *day, gboolean year_end)
{
    return year_end ? g_strdup_printf("at the end of %.4s", day)
                    : g_strdup_printf("on %s", day);
}

/* The period of @code that ended last before @day, else the first one
 * (which then starts after @day). */
static const povatlas_unit_row *nearest_period(unit_span periods,
                                               const char *day)
{
    const povatlas_unit_row *best = periods.e[0].u;
    for (size_t i = 0; i < periods.n; i++)
        if (strcmp(periods.e[i].u->valid_from, day) <= 0)
            best = periods.e[i].u;
    return best;
}

static char *code_refusal(const unit_names *n, const char *code,
                          const char *day, gboolean year_end)
{
    unit_span periods = index_find(&n->by_code, code);
    g_autofree char *shown = povatlas_text_quote(code);
    if (!periods.n)
        return g_strdup_printf("unknown ward code %s", shown);
    g_autofree char *when = when_text(day, year_end);
    GString *s = g_string_new(NULL);
    g_string_printf(s, "ward code %s is not a unit in force %s", shown, when);
    const povatlas_unit_row *u = nearest_period(periods, day);
    if (strcmp(u->valid_from, day) > 0) {
        g_autofree char *name = povatlas_text_quote(display_name(u));
        g_string_append_printf(s, ": it is %s from %s", name, u->valid_from);
    } else
        append_successors(s, n, u, day);
    return g_string_free(s, FALSE);
}

/* Levenshtein distance of two short ASCII keys. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    g_autofree size_t *row = g_new(size_t, lb + 1);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
            diag = up;
        }
    }
    return row[lb];
}

/* Keeps @cand among the three closest names seen so far. */
static void consider(const char *key, const char *cand, size_t best[3],
                     const char *name[3])
{
    g_autofree char *ck = ascii_key(cand);
    if (!ck)
        return;
    size_t d = distance(key, ck);
    for (int k = 0; k < 3; k++)
        if (name[k] && strcmp(name[k], cand) == 0)
            return;
    for (int k = 0; k < 3; k++) {
        if (d < best[k]) {
            for (int m = 2; m > k; m--) {
                best[m] = best[m - 1];
                name[m] = name[m - 1];
            }
            best[k] = d;
            name[k] = cand;
            return;
        }
    }
}

/* "'Thành Hải', 'Xã Thành Hải', 'Thanh Sơn'": the three names of units in
 * force on @day closest to @text. */
static char *closest(const unit_names *n, const char *text, const char *day)
{
    g_autofree char *key = ascii_key(text);
    size_t best[3] = {G_MAXSIZE, G_MAXSIZE, G_MAXSIZE};
    const char *name[3] = {NULL, NULL, NULL};
    for (size_t i = 0; key && i < n->units->n; i++) {
        const povatlas_unit_row *u = &n->units->rows[i];
        if (!in_force(u, day))
            continue;
        consider(key, u->name, best, name);
        if (u->full_name)
            consider(key, u->full_name, best, name);
    }
    GString *s = g_string_new(NULL);
    for (int k = 0; k < 3 && name[k]; k++) {
        g_autofree char *q = povatlas_text_quote(name[k]);
        g_string_append_printf(s, "%s%s", k ? ", " : "", q);
    }
    return g_string_free(s, FALSE);
}

/* How many units under @key in @index are in force on @day; *first is
 * the first of them, *all every unit under @key. */
static size_t matches_on(const unit_index *index, const char *key,
                         const char *day, const povatlas_unit_row **first,
                         unit_span *all)
{
    *all = index_find(index, key);
    size_t n = 0;
    *first = NULL;
    for (size_t i = 0; i < all->n; i++)
        if (in_force(all->e[i].u, day) && !n++)
            *first = all->e[i].u;
    return n;
}

/* @rows: the units under the name, those in force on @day listed. */
static char *ambiguous(const char *text, unit_span rows, const char *day,
                       gboolean year_end)
{
    g_autofree char *when = when_text(day, year_end);
    GString *s = g_string_new(NULL);
    g_autofree char *shown = povatlas_text_quote(text);
    g_string_printf(s, "ambiguous ward name %s %s: it names ", shown, when);
    append_candidates(s, rows, day);
    g_string_append(s, "; give the ward code");
    return g_string_free(s, FALSE);
}

/* Units named @text on other days only. */
static char *not_in_force(const unit_names *n, const char *text, unit_span rows,
                          const char *day, gboolean year_end)
{
    g_autofree char *when = when_text(day, year_end);
    GString *s = g_string_new(NULL);
    g_autofree char *shown = povatlas_text_quote(text);
    g_string_printf(s, "ward name %s names no unit in force %s: ", shown, when);
    for (size_t i = 0; i < rows.n; i++) {
        const povatlas_unit_row *u = rows.e[i].u;
        if (i)
            g_string_append(s, "; ");
        append_candidate(s, u);
        if (strcmp(u->valid_from, day) <= 0)
            append_successors(s, n, u, day);
    }
    return g_string_free(s, FALSE);
}

const povatlas_unit_row *unit_names_name_on(const unit_names *n,
                                            const char *text, const char *day,
                                            gboolean year_end, char **why)
{
    *why = NULL;
    g_autofree char *e = exact_key(text);
    unit_span exact_all, ascii_all;
    const povatlas_unit_row *u = NULL;
    size_t exact = matches_on(&n->exact, e, day, &u, &exact_all);
    if (exact == 1)
        return u;
    if (exact > 1) {
        *why = ambiguous(text, exact_all, day, year_end);
        return NULL;
    }
    /* typed without diacritics: one unit in force of that folded name */
    g_autofree char *a = ascii_key(text);
    gboolean folded = is_ascii(text);
    size_t loose = matches_on(&n->ascii, a, day, &u, &ascii_all);
    if (folded && loose == 1)
        return u;
    if (folded && loose > 1) {
        *why = ambiguous(text, ascii_all, day, year_end);
        return NULL;
    }
    unit_span none = {NULL, 0};
    unit_span other_days = exact_all.n ? exact_all : folded ? ascii_all : none;
    if (other_days.n) {
        *why = not_in_force(n, text, other_days, day, year_end);
        return NULL;
    }
    g_autofree char *near = closest(n, text, day);
    g_autofree char *shown = povatlas_text_quote(text);
    *why = g_strdup_printf("unknown ward name %s (closest: %s)", shown, near);
    return NULL;
}

const char *unit_names_name_code(const unit_names *n, const char *text,
                                 char **why)
{
    *why = NULL;
    g_autofree char *e = exact_key(text);
    g_autofree char *a = ascii_key(text);
    unit_span rows = index_find(&n->exact, e);
    if (!rows.n && is_ascii(text))
        rows = index_find(&n->ascii, a);
    if (!rows.n) {
        const char *last = n->units->n ? n->units->rows[0].valid_from : "";
        for (size_t i = 0; i < n->units->n; i++)
            if (strcmp(n->units->rows[i].valid_from, last) > 0)
                last = n->units->rows[i].valid_from;
        /* suggestions among the units of the latest period */
        g_autofree char *near = closest(n, text, last);
        g_autofree char *shown = povatlas_text_quote(text);
        *why =
            g_strdup_printf("unknown ward name %s (closest: %s)", shown, near);
        return NULL;
    }
    const povatlas_unit_row *first = rows.e[0].u;
    for (size_t i = 1; i < rows.n; i++) {
        const povatlas_unit_row *u = rows.e[i].u;
        if (strcmp(u->code, first->code) != 0) {
            GString *s = g_string_new(NULL);
            g_autofree char *shown = povatlas_text_quote(text);
            g_string_printf(s, "ward name %s names ", shown);
            append_candidates(s, rows, NULL);
            g_string_append(s, ": give the year the file is for");
            *why = g_string_free(s, FALSE);
            return NULL;
        }
    }
    return first->code;
}

/* TRUE when @text is a spelling of @u's name (any case, diacritics or
 * prefix): a name next to a code may be typed loosely. */
static gboolean spells(const povatlas_unit_row *u, const char *text)
{
    g_autofree char *a = ascii_key(text);
    g_autofree char *n1 = ascii_key(u->name);
    g_autofree char *n2 = u->full_name ? ascii_key(u->full_name) : NULL;
    return a && (g_strcmp0(a, n1) == 0 || g_strcmp0(a, n2) == 0);
}

gboolean unit_names_code_named(const unit_names *n, const char *code,
                               const char *name)
{
    unit_span periods = index_find(&n->by_code, code);
    for (size_t i = 0; i < periods.n; i++)
        if (spells(periods.e[i].u, name))
            return TRUE;
    return FALSE;
}

static const povatlas_unit_row *resolve(const unit_names *n, const char *code,
                                        const char *name, const char *day,
                                        gboolean year_end, char **why,
                                        gboolean *name_at_fault)
{
    if (!code) {
        *name_at_fault = TRUE;
        return unit_names_name_on(n, name, day, year_end, why);
    }
    const povatlas_unit_row *u = unit_names_code_on(n, code, day);
    if (!u) {
        *why = code_refusal(n, code, day, year_end);
        return NULL;
    }
    if (!name)
        return u;
    g_autofree char *name_why = NULL;
    const povatlas_unit_row *v =
        unit_names_name_on(n, name, day, year_end, &name_why);
    if (v == u || (!v && spells(u, name)))
        return u;
    *name_at_fault = TRUE;
    g_autofree char *when = when_text(day, year_end);
    GString *s = g_string_new(NULL);
    g_autofree char *code_q = povatlas_text_quote(code);
    g_autofree char *name_q = povatlas_text_quote(name);
    g_string_printf(s, "ward code %s is %s %s, but the name says %s", code_q,
                    display_name(u), when, name_q);
    if (v)
        g_string_append_printf(s, " (%s)", v->code);
    g_string_append(s, ": give the code and name of one unit");
    *why = g_string_free(s, FALSE);
    return NULL;
}

const povatlas_unit_row *unit_names_resolve(unit_names *n, const char *code,
                                            const char *name, const char *day,
                                            gboolean year_end, char **why,
                                            gboolean *name_at_fault)
{
    *why = NULL;
    *name_at_fault = FALSE;
    if (!name)
        return resolve(n, code, name, day, year_end, why, name_at_fault);
    g_autofree char *key =
        g_strconcat(day, "\x1f", code ? code : "", "\x1f", name, NULL);
    const povatlas_unit_row *u = g_hash_table_lookup(n->found, key);
    if (u)
        return u;
    u = resolve(n, code, name, day, year_end, why, name_at_fault);
    if (u && g_hash_table_size(n->found) < FOUND_MAX)
        g_hash_table_insert(n->found, g_steal_pointer(&key), (gpointer)u);
    return u;
}

const povatlas_unit_row *import_row_unit(import_run *run, const table_reader *r,
                                         unit_names *n, int code_col,
                                         int name_col, int year)
{
    const char *code = code_col >= 0 ? table_reader_cell(r, code_col) : "";
    const char *name = name_col >= 0 ? table_reader_cell(r, name_col) : "";
    int col = *code || name_col < 0 ? code_col : name_col;
    if (!cell_is_utf8(code) || !cell_is_utf8(name)) {
        import_reject(
            run, r->row,
            import_column_name(r, cell_is_utf8(code) ? name_col : code_col),
            "not valid UTF-8 text");
        return NULL;
    }
    if (!*code && !*name) {
        import_reject(run, r->row, import_column_name(r, col),
                      "ward code is empty");
        return NULL;
    }
    char day[11];
    g_snprintf(day, sizeof day, "%04d-12-31", year);
    g_autofree char *why = NULL;
    gboolean at_name = FALSE;
    const povatlas_unit_row *u = unit_names_resolve(
        n, *code ? code : NULL, *name ? name : NULL, day, TRUE, &why, &at_name);
    if (!u) {
        import_reject(run, r->row,
                      import_column_name(r, at_name ? name_col : code_col),
                      "%s", why);
        return NULL;
    }
    /* a row of a unit not the office's: refused here, naming its row,
     * before the database would refuse it without */
    char *refused = povatlas_workspace_office_refusal(run->ws, u->code);
    if (refused) {
        import_reject(run, r->row, import_column_name(r, col), "%s", refused);
        free(refused);
        return NULL;
    }
    return u;
}

/* A table that names units needs a code or a name column. */
povatlas_status import_need_unit_column(import_run *run, int code_col,
                                        int name_col, povatlas_error **err)
{
    if (code_col >= 0 || name_col >= 0)
        return POVATLAS_OK;
    return povatlas_error_set_at(err, POVATLAS_E_INPUT, run->path, 1,
                                 "unit_code",
                                 "missing column: give the ward code "
                                 "('unit_code', 'Mã đơn vị') or its name "
                                 "('unit_name', 'Tên đơn vị')");
}
