/*
 * headers.c - finding the header of a table and matching its columns to
 * the fields povatlas needs. Review lists built from the official forms
 * carry a title row or two above the table and a two-row header whose upper
 * cells are merged over groups ("Các chỉ số thiếu hụt" over TH01..TH12), so
 * in a CSV or spreadsheet the header is the row (or pair of rows) among the
 * first ones that names the most known fields. Headers are compared as
 * folded keys (no diacritics, lower case, single spaces), so "Mã hộ",
 * "MA HO" and "ma_ho" all match.
 */
#include <string.h>

#include "ingest_private.h"

/* Folded header; '_' and '/' become spaces so "income_per_capita" and
 * "thu nhập bình quân đầu người/tháng" fold like their aliases. */
static char *fold_header(const char *h)
{
    g_autofree char *tmp = g_strdup(h ? h : "");
    g_strdelimit(tmp, "_/().:,;", ' ');
    char *f = povatlas_text_fold(tmp);
    return f ? f : g_strdup("");
}

static gboolean alias_matches(const char *folded, const char *alias,
                              gboolean prefix)
{
    size_t n = strlen(alias);
    if (strncmp(folded, alias, n) != 0)
        return FALSE;
    return folded[n] == '\0' || (prefix && folded[n] == ' ');
}

/* The first free column whose folded name (or, for two-row headers, the
 * folded upper cell) matches an alias of @spec, or -1. */
static int find_column(char **folded, char **folded_top, guint n_cols,
                       const field_spec *spec, const gboolean *taken)
{
    g_auto(GStrv) aliases = g_strsplit(spec->aliases, "|", -1);
    for (int pass = 0; pass < (folded_top ? 2 : 1); pass++) {
        char **names = pass == 0 ? folded : folded_top;
        for (char **a = aliases; *a; a++) {
            g_autofree char *alias = fold_header(*a);
            for (guint c = 0; c < n_cols; c++)
                if (!taken[c] && names[c] &&
                    alias_matches(names[c], alias, spec->flags & FIELD_PREFIX))
                    return (int)c;
        }
    }
    return -1;
}

/* Number of specs that some cell of @cells names. */
static size_t score_cells(char **cells, guint n, const field_spec *specs,
                          size_t n_specs)
{
    g_autofree char **folded = g_new0(char *, n + 1);
    g_autofree gboolean *taken = g_new0(gboolean, n + 1);
    for (guint c = 0; c < n; c++)
        folded[c] = fold_header(cells[c]);
    size_t score = 0;
    for (size_t i = 0; i < n_specs; i++) {
        int c = find_column(folded, NULL, n, &specs[i], taken);
        if (c >= 0) {
            taken[c] = TRUE;
            score++;
        }
    }
    for (guint c = 0; c < n; c++)
        g_free(folded[c]);
    return score;
}

#define HEADER_SEARCH_ROWS 30

/* Reads up to HEADER_SEARCH_ROWS rows of a raw source into r->pending. */
static int read_ahead(table_reader *r, povatlas_error **err)
{
    int rc = 1;
    while (g_queue_get_length(r->pending) < HEADER_SEARCH_ROWS &&
           (rc = r->next(r, err)) > 0) {
        buffered_row *b = g_new0(buffered_row, 1);
        b->row = r->row;
        b->cells = g_new0(char *, r->fields->len + 1);
        for (guint i = 0; i < r->fields->len; i++)
            b->cells[i] = g_strdup(g_ptr_array_index(r->fields, i));
        g_queue_push_tail(r->pending, b);
    }
    return rc < 0 ? -1 : 0;
}

/* Uses buffered row @at (and @at + 1 when @two_rows) as the header and
 * drops them and every row above from the queue. */
static void take_header(table_reader *r, guint at, gboolean two_rows)
{
    buffered_row *top = g_queue_peek_nth(r->pending, at);
    buffered_row *low = two_rows ? g_queue_peek_nth(r->pending, at + 1) : NULL;
    /* lengths taken once: a wide row made this loop quadratic */
    guint nt = g_strv_length(top->cells);
    guint nl = low ? g_strv_length(low->cells) : 0;
    guint n = MAX(nt, nl);
    if (low)
        r->header_low = g_ptr_array_new_with_free_func(g_free);
    const char *group = NULL; /* merged upper cell carried to the right */
    for (guint c = 0; c < n; c++) {
        const char *t = c < nt ? top->cells[c] : "";
        const char *b = c < nl ? low->cells[c] : "";
        if (*t)
            group = t;
        if (low && *b) {
            g_ptr_array_add(r->header,
                            g_strdup_printf("%s / %s", group ? group : "", b));
            g_ptr_array_add(r->header_low, g_strdup(b));
        } else {
            g_ptr_array_add(r->header, g_strdup(t));
            if (low)
                g_ptr_array_add(r->header_low, g_strdup(t));
        }
    }
    r->header_row = low ? low->row : top->row;
    for (guint i = 0; i <= at + (low ? 1 : 0); i++)
        buffered_row_free(g_queue_pop_head(r->pending));
}

/* Score of rows @i and @i + 1 read together (a two-row header). A lower
 * cell counts only under an upper cell that names no field by itself: the
 * lower half of a header sits under merged group cells, while a data row
 * under a header has a value under each field ("B1" as the first id under
 * "Mã hộ" is not a "B1 score" column). */
static size_t score_pair(buffered_row *top, buffered_row *low,
                         const field_spec *specs, size_t n_specs)
{
    guint nt = g_strv_length(top->cells), nl = g_strv_length(low->cells);
    g_autofree char **both = g_new0(char *, nt + nl + 1);
    memcpy(both, top->cells, nt * sizeof *both);
    guint n = nt;
    for (guint c = 0; c < nl; c++) {
        char *above = c < nt ? top->cells[c] : NULL;
        if (!above || !*above || !score_cells(&above, 1, specs, n_specs))
            both[n++] = low->cells[c];
    }
    return score_cells(both, n, specs, n_specs);
}

/* The header: the buffered row, or pair of rows (upper cells merged over
 * groups), that names the most fields. */
static povatlas_status find_header(table_reader *r, const field_spec *specs,
                                   size_t n_specs, povatlas_error **err)
{
    povatlas_error *e = NULL;
    if (read_ahead(r, &e) < 0) /* the reader's own status: E_IO, E_INPUT */
        return povatlas_error_propagate_or(err, e, POVATLAS_E_INPUT);
    povatlas_error_free(e);
    guint n_rows = g_queue_get_length(r->pending), best = 0;
    if (n_rows == 0)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, r->path, 0, NULL,
                                     "the file has no rows");
    size_t best_score = 0;
    gboolean two_rows = FALSE;
    g_autofree size_t *one_of = g_new0(size_t, n_rows);
    for (guint i = 0; i < n_rows; i++) {
        buffered_row *b = g_queue_peek_nth(r->pending, i);
        one_of[i] =
            score_cells(b->cells, g_strv_length(b->cells), specs, n_specs);
    }
    for (guint i = 0; i < n_rows; i++) {
        buffered_row *b = g_queue_peek_nth(r->pending, i);
        size_t one = one_of[i];
        size_t two = i + 1 < n_rows
                         ? score_pair(b, g_queue_peek_nth(r->pending, i + 1),
                                      specs, n_specs)
                         : 0;
        /* a pair is a header only when each row adds to the other: a
         * blank or title row above the header is not its upper half */
        if (i + 1 < n_rows && two <= one_of[i + 1])
            two = 0;
        if (MAX(one, two) > best_score) {
            best_score = MAX(one, two);
            best = i;
            two_rows = two > one;
        }
    }
    take_header(r, best, two_rows);
    r->header_names = best_score;
    return POVATLAS_OK;
}

/* A header row of a raw source is shown in a message only when it names
 * two known fields or more: a list without a header row has its first
 * household (name, address, CCCD number) where the header should be, and
 * one cell of it may still match a field ("B1", "x"). */
#define TRUSTED_HEADER_NAMES 2
#define FOUND_COLUMNS_SHOWN 12

/* What the file's header holds, for the "missing column" message
 * (g_free): the first columns, each capped, or words without them when
 * the row may be data. */
static char *found_columns(const table_reader *r)
{
    if (r->raw && r->header_names == 0)
        return g_strdup_printf("no row among the first %d names a known "
                               "column: is the header row missing? (the "
                               "first row may be data: not repeated here)",
                               HEADER_SEARCH_ROWS);
    if (r->raw && r->header_names < TRUSTED_HEADER_NAMES)
        return g_strdup_printf("row %ld, taken as the header, names one "
                               "known column only (it may be data: not "
                               "repeated here)",
                               r->header_row);
    GString *s = g_string_new("the file has ");
    guint n = r->header->len;
    for (guint c = 0; c < n && c < FOUND_COLUMNS_SHOWN; c++) {
        g_autofree char *q =
            povatlas_text_quote(g_ptr_array_index(r->header, c));
        g_string_append_printf(s, "%s%s", c ? ", " : "", q);
    }
    if (n > FOUND_COLUMNS_SHOWN)
        g_string_append_printf(s, " and %u more", n - FOUND_COLUMNS_SHOWN);
    return g_string_free(s, FALSE);
}

/* A field's column whose header is written again in another column: which
 * of the two holds the values is a guess, so it is refused. */
static povatlas_status refuse_repeated_columns(const table_reader *r,
                                               size_t n_specs, const int *cols,
                                               povatlas_error **err)
{
    guint n_cols = r->header->len;
    char **full = g_new0(char *, n_cols + 1);
    for (guint c = 0; c < n_cols; c++)
        full[c] = fold_header(g_ptr_array_index(r->header, c));
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; i < n_specs && !st; i++) {
        int c = cols[i];
        if (c < 0 || !*full[c])
            continue;
        for (guint o = 0; o < n_cols && !st; o++)
            if ((int)o != c && strcmp(full[o], full[c]) == 0)
                st = povatlas_error_set_at(
                    err, POVATLAS_E_INPUT, r->path,
                    r->header_row > 0 ? r->header_row : 1,
                    (const char *)g_ptr_array_index(r->header, c),
                    "the column appears twice (columns %d and %u)",
                    MIN(c, (int)o) + 1, MAX((guint)c, o) + 1);
    }
    g_strfreev(full);
    return st;
}

povatlas_status header_match(table_reader *r, const field_spec *specs,
                             size_t n_specs, int *cols, povatlas_error **err)
{
    if (r->raw && r->header->len == 0) {
        povatlas_status st = find_header(r, specs, n_specs, err);
        if (st)
            return st;
    }
    guint n_cols = r->header->len;
    g_autofree char **folded = g_new0(char *, n_cols + 1);
    g_autofree char **folded_top = NULL;
    g_autofree gboolean *taken = g_new0(gboolean, n_cols + 1);
    for (guint c = 0; c < n_cols; c++)
        folded[c] = fold_header(g_ptr_array_index(r->header, c));
    if (r->header_low) {
        /* two-row header: match the lower cell alone, then the upper */
        folded_top = g_new0(char *, n_cols + 1);
        for (guint c = 0; c < n_cols; c++) {
            folded_top[c] = folded[c];
            folded[c] = fold_header(g_ptr_array_index(r->header_low, c));
        }
    }
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; i < n_specs; i++) {
        cols[i] = find_column(folded, folded_top, n_cols, &specs[i], taken);
        if (cols[i] >= 0)
            taken[cols[i]] = TRUE;
        else if ((specs[i].flags & FIELD_REQUIRED) && !st) {
            g_autofree char *found = found_columns(r);
            st = povatlas_error_set_at(
                err, POVATLAS_E_INPUT, r->path, 1, specs[i].label,
                "missing column (expected a header such as '%s'; %s)",
                specs[i].label, found);
        }
    }
    for (guint c = 0; c < n_cols; c++) {
        g_free(folded[c]);
        if (folded_top)
            g_free(folded_top[c]);
    }
    if (!st)
        st = refuse_repeated_columns(r, n_specs, cols, err);
    return st;
}

povatlas_status header_mapping_apply(const char *path, const field_spec *specs,
                                     size_t n_specs, field_spec **out,
                                     GPtrArray *keep, povatlas_error **err)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    GError *ge = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &ge)) {
        povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, NULL,
                              "cannot read the column mapping: %s",
                              ge->message);
        g_error_free(ge);
        return POVATLAS_E_USAGE;
    }
    *out = g_memdup2(specs, sizeof *specs * n_specs);
    gsize n_keys = 0;
    g_auto(GStrv) keys = g_key_file_get_keys(kf, "columns", &n_keys, NULL);
    for (gsize k = 0; k < n_keys; k++) {
        g_autofree char *field =
            g_key_file_get_string(kf, "columns", keys[k], NULL);
        size_t i = 0;
        while (i < n_specs && g_strcmp0(specs[i].key, g_strstrip(field)) != 0)
            i++;
        if (i == n_specs) {
            g_autofree char *shown = povatlas_text_quote(field);
            povatlas_error_set_at(err, POVATLAS_E_USAGE, path, 0, keys[k],
                                  "unknown povatlas field %s", shown);
            g_clear_pointer(out, g_free);
            return POVATLAS_E_USAGE;
        }
        /* the user's header comes first among the field's aliases */
        char *aliases = g_strdup_printf("%s|%s", keys[k], (*out)[i].aliases);
        g_ptr_array_add(keep, aliases);
        (*out)[i].aliases = aliases;
    }
    return POVATLAS_OK;
}
