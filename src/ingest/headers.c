/*
 * headers.c - matching the column headers of a file to the fields povatlas
 * needs. Headers are compared as folded keys (no diacritics, lower case,
 * single spaces), so "Mã hộ", "MA HO" and "ma_ho" all match.
 */
#include <string.h>

#include "ingest_private.h"

/* Folded header; '_' and '/' become spaces so "income_per_capita" and
 * "thu nhập bình quân đầu người/tháng" fold like their aliases. */
static char *fold_header(const char *h)
{
    g_autofree char *tmp = g_strdup(h ? h : "");
    g_strdelimit(tmp, "_/().:", ' ');
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

static int find_column(char **folded, guint n_cols, const field_spec *spec,
                       const gboolean *taken)
{
    g_auto(GStrv) aliases = g_strsplit(spec->aliases, "|", -1);
    for (char **a = aliases; *a; a++) {
        g_autofree char *alias = fold_header(*a);
        for (guint c = 0; c < n_cols; c++)
            if (!taken[c] &&
                alias_matches(folded[c], alias, spec->flags & FIELD_PREFIX))
                return (int)c;
    }
    return -1;
}

static char *found_columns(const table_reader *r)
{
    GString *s = g_string_new(NULL);
    for (guint c = 0; c < r->header->len && c < 30; c++)
        g_string_append_printf(s, "%s'%s'", c ? ", " : "",
                               (const char *)g_ptr_array_index(r->header, c));
    return g_string_free(s, FALSE);
}

povatlas_status header_match(const table_reader *r, const field_spec *specs,
                             size_t n_specs, int *cols, povatlas_error **err)
{
    guint n_cols = r->header->len;
    g_autofree char **folded = g_new0(char *, n_cols + 1);
    g_autofree gboolean *taken = g_new0(gboolean, n_cols + 1);
    for (guint c = 0; c < n_cols; c++)
        folded[c] = fold_header(g_ptr_array_index(r->header, c));
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; i < n_specs; i++) {
        cols[i] = find_column(folded, n_cols, &specs[i], taken);
        if (cols[i] >= 0)
            taken[cols[i]] = TRUE;
        else if ((specs[i].flags & FIELD_REQUIRED) && !st) {
            g_autofree char *found = found_columns(r);
            st = povatlas_error_set_at(
                err, POVATLAS_E_INPUT, r->path, 1, specs[i].label,
                "missing column (expected a header such as '%s'; the file "
                "has %s)",
                specs[i].label, found);
        }
    }
    for (guint c = 0; c < n_cols; c++)
        g_free(folded[c]);
    return st;
}
