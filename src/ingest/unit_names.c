/*
 * unit_names.c - finding a unit from its name as a review list writes it:
 * with or without the "Phường"/"P."/"Xã"/"X."/"Thị trấn" prefix, in any
 * case, with or without diacritics. A name typed without diacritics matches
 * when it is unambiguous; a name typed WITH diacritics must match them, so
 * "Thanh Hải" is not "Thành Hải" (domain.md §7.5 U05). An unknown name is
 * answered with the closest valid names.
 */
#include <string.h>

#include "ingest_private.h"

struct unit_names {
    GHashTable *exact; /* lower-case NFC name without prefix -> code */
    GHashTable *ascii; /* folded name without prefix -> code (NULL: two) */
    GPtrArray *names;  /* display names, for suggestions */
    GPtrArray *keys;   /* their folded keys, same order */
};

static const char *const PREFIXES[] = {"thanh pho ", "thi tran ", "phuong ",
                                       "tp ", "tt ", "xa ", "p ", "x "};

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
            return strchr(PREFIXES[i], ' ') == PREFIXES[i] + strlen(PREFIXES[i]) - 1
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

static void add_name(unit_names *n, const char *name, const char *code)
{
    char *e = exact_key(name), *a = ascii_key(name);
    if (e)
        g_hash_table_replace(n->exact, e, (gpointer)code);
    if (a) {
        gpointer seen;
        if (g_hash_table_lookup_extended(n->ascii, a, NULL, &seen) &&
            g_strcmp0(seen, code) != 0)
            g_hash_table_replace(n->ascii, g_strdup(a), NULL);
        else
            g_hash_table_replace(n->ascii, g_strdup(a), (gpointer)code);
        g_ptr_array_add(n->names, g_strdup(name));
        g_ptr_array_add(n->keys, a);
    }
}

unit_names *unit_names_new(const povatlas_unit_list *units)
{
    unit_names *n = g_new0(unit_names, 1);
    n->exact = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    n->ascii = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    n->names = g_ptr_array_new_with_free_func(g_free);
    n->keys = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < units->n; i++) {
        const povatlas_unit_row *u = &units->rows[i];
        add_name(n, u->name, u->code);
        if (u->full_name)
            add_name(n, u->full_name, u->code);
    }
    return n;
}

void unit_names_free(unit_names *n)
{
    if (!n)
        return;
    g_hash_table_destroy(n->exact);
    g_hash_table_destroy(n->ascii);
    g_ptr_array_unref(n->names);
    g_ptr_array_unref(n->keys);
    g_free(n);
}

static gboolean is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return FALSE;
    return TRUE;
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

/* "'Thành Hải', 'Thanh Sơn'": the three closest display names. */
static char *closest(const unit_names *n, const char *text)
{
    g_autofree char *key = ascii_key(text);
    size_t best[3] = {G_MAXSIZE, G_MAXSIZE, G_MAXSIZE};
    const char *name[3] = {NULL, NULL, NULL};
    for (guint i = 0; key && i < n->names->len; i++) {
        const char *cand = g_ptr_array_index(n->names, i);
        size_t d = distance(key, g_ptr_array_index(n->keys, i));
        gboolean dup = FALSE;
        for (int k = 0; k < 3; k++)
            dup |= name[k] && strcmp(name[k], cand) == 0;
        for (int k = 0; k < 3 && !dup; k++) {
            if (d < best[k]) {
                for (int m = 2; m > k; m--) {
                    best[m] = best[m - 1];
                    name[m] = name[m - 1];
                }
                best[k] = d;
                name[k] = cand;
                break;
            }
        }
    }
    GString *s = g_string_new(NULL);
    for (int k = 0; k < 3 && name[k]; k++)
        g_string_append_printf(s, "%s'%s'", k ? ", " : "", name[k]);
    return g_string_free(s, FALSE);
}

const char *unit_names_lookup(const unit_names *n, const char *text,
                              char **why)
{
    *why = NULL;
    g_autofree char *e = exact_key(text);
    const char *code = e ? g_hash_table_lookup(n->exact, e) : NULL;
    if (code)
        return code;
    g_autofree char *a = ascii_key(text);
    gpointer found = NULL;
    if (a && is_ascii(text) &&
        g_hash_table_lookup_extended(n->ascii, a, NULL, &found)) {
        if (found)
            return found;
        g_autofree char *near = closest(n, text);
        *why = g_strdup_printf("ambiguous ward name '%s' (matches %s): give "
                               "the ward code or the name with diacritics",
                               text, near);
        return NULL;
    }
    g_autofree char *near = closest(n, text);
    *why = g_strdup_printf("unknown ward name '%s' (closest: %s)", text, near);
    return NULL;
}
